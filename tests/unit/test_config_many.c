/*
 * test_config_many.c — a cordboard.conf with thousands of extensions
 * reads as a small one does: the file's order, every mistake at its line,
 * a number given twice or three times named with its first line; and the
 * name index the loading uses finds each name. The same of a CSV
 * directory of thousands of rows. Sections read without libconfuse's
 * own parse (config/cfglift.h) give what libconfuse gives.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "expect_diag.h"

#include "config/config.h"
#include "core/name_index.h"

#define MANY 3000

static char path[64];

/* Writes MANY extensions, 1000 to 3999, one a line, with EXTRA after
 * line LINE_AFTER (0: none). */
static void file_write(int line_after, const char *extra)
{
	FILE *fp;
	int i, fd;

	snprintf(path, sizeof(path), "/tmp/cordboard-many-XXXXXX");
	fd = mkstemp(path);
	assert_true(fd >= 0);
	fp = fdopen(fd, "w");
	assert_non_null(fp);
	for (i = 0; i < MANY; i++) {
		fprintf(fp, "extension \"%d\" { name = \"Person %d\" "
			"uri = \"sip:%d@127.0.0.1\" deputy = \"%d\" }\n",
			1000 + i, i, 1000 + i, 1000 + (i + 1) % MANY);
		if (i + 1 == line_after)
			fputs(extra, fp);
	}
	fclose(fp);
}

static void test_three_thousand_colleagues_in_file_order(void **state)
{
	struct cb_config cfg;
	struct diag d;
	char want[32];
	size_t i;

	(void)state;
	file_write(0, "");
	diag_init(&d);
	assert_int_equal(config_load(&cfg, path, &d), 0);
	assert_int_equal(d.count, 0);
	assert_int_equal(cfg.n_extensions, MANY);
	for (i = 0; i < MANY; i++) {
		snprintf(want, sizeof(want), "%zu", 1000 + i);
		assert_string_equal(cfg.extensions[i].number, want);
		snprintf(want, sizeof(want), "Person %zu", i);
		assert_string_equal(cfg.extensions[i].name, want);
	}
	config_free(&cfg);
	diag_free(&d);
	unlink(path);
}

static void test_number_given_twice_and_thrice_among_thousands(void **state)
{
	static const char *const want[] = {
		":2502: duplicate extension '1007' (first defined on line 8)",
		":2503: duplicate extension '1008' (first defined on line 9)",
		":2503: extension '1008' has no uri (add uri = \"sip:1008@HOST\")",
		":2504: duplicate extension '1007' (first defined on line 8)",
		NULL };
	struct cb_config cfg;
	struct diag d;

	(void)state;
	file_write(2501, "extension \"1007\" { uri = \"sip:a@b\" }\n"
		   "extension \"1008\" { name = \"no uri\" }\n"
		   "extension \"1007\" { uri = \"sip:c@d\" }\n");
	diag_init(&d);
	assert_int_equal(config_load(&cfg, path, &d), EINVAL);
	expect_diag_lines(&d, path, want);
	assert_null(cfg.extensions);
	config_free(&cfg);
	diag_free(&d);
	unlink(path);
}

static void test_deputy_nobody_is_named_at_its_line(void **state)
{
	static const char *const want[] = {
		":2001: deputy '9999' of extension '5000' is no extension",
		NULL };
	struct cb_config cfg;
	struct diag d;

	(void)state;
	file_write(2000, "extension \"5000\" { uri = \"sip:5000@h\" "
		   "deputy = \"9999\" }\n");
	diag_init(&d);
	assert_int_equal(config_load(&cfg, path, &d), EINVAL);
	expect_diag_lines(&d, path, want);
	config_free(&cfg);
	diag_free(&d);
	unlink(path);
}

/* A CSV of MANY rows (1000 to 3999, each the deputy of the one before)
 * after 201 and 202 of cordboard.conf, then TAIL. */
static void directory_write(char *conf, size_t confsz, char *csv,
			    size_t csvsz, const char *tail)
{
	FILE *fp;
	int i, fd;

	snprintf(csv, csvsz, "/tmp/cordboard-many-XXXXXX");
	fd = mkstemp(csv);
	assert_true(fd >= 0);
	fp = fdopen(fd, "w");
	assert_non_null(fp);
	fputs("number,name,department,uri,voicemail,deputy\n", fp);
	for (i = 0; i < MANY; i++)
		fprintf(fp, "%d,Person %d,Sales,sip:%d@127.0.0.1,,%d\n",
			1000 + i, i, 1000 + i, i ? 999 + i : 201);
	fputs(tail, fp);
	fclose(fp);

	snprintf(conf, confsz, "/tmp/cordboard-many-XXXXXX");
	fd = mkstemp(conf);
	assert_true(fd >= 0);
	fp = fdopen(fd, "w");
	assert_non_null(fp);
	fprintf(fp, "directory_file = \"%s\"\n"
		"extension \"201\" { uri = \"sip:201@h\" }\n"
		"extension \"202\" { uri = \"sip:202@h\" }\n", csv);
	fclose(fp);
}

static void test_directory_of_thousands_skips_numbers_taken(void **state)
{
	struct cb_config cfg;
	struct diag d;
	char conf[64], csv[64], want[160];

	(void)state;
	directory_write(conf, sizeof(conf), csv, sizeof(csv),
			"201,Again,Sales,sip:x@h,,\n"
			"1500,Again,Sales,sip:y@h,,\n"
			"4000,Last,Sales,sip:4000@h,,3999\n");
	diag_init(&d);
	assert_int_equal(config_load(&cfg, conf, &d), 0);
	assert_int_equal(d.count, 2);
	snprintf(want, sizeof(want), "%s:%d: extension '201' is already "
		 "defined (row skipped)", csv, MANY + 2);
	assert_string_equal(d.msgs[0].text, want);
	snprintf(want, sizeof(want), "%s:%d: extension '1500' is already "
		 "defined (row skipped)", csv, MANY + 3);
	assert_string_equal(d.msgs[1].text, want);
	assert_int_equal(cfg.n_extensions, 2 + MANY + 1);
	assert_string_equal(cfg.extensions[2].number, "1000");
	assert_string_equal(cfg.extensions[2 + MANY - 1].name, "Person 2999");
	assert_string_equal(cfg.extensions[2 + MANY].number, "4000");
	assert_string_equal(cfg.extensions[2 + MANY].deputy, "3999");
	config_free(&cfg);
	diag_free(&d);
	unlink(conf);
	unlink(csv);
}

static void test_directory_deputy_nobody_among_thousands(void **state)
{
	struct cb_config cfg;
	struct diag d;
	char conf[64], csv[64], want[160];

	(void)state;
	directory_write(conf, sizeof(conf), csv, sizeof(csv),
			"4000,Last,Sales,sip:4000@h,,4001\n");
	diag_init(&d);
	assert_int_equal(config_load(&cfg, conf, &d), EINVAL);
	snprintf(want, sizeof(want), "%s:%d: deputy '4001' of 4000 is no "
		 "extension of the directory", csv, MANY + 2);
	assert_string_equal(diag_first_error(&d), want);
	assert_int_equal(d.count, 1);
	config_free(&cfg);
	diag_free(&d);
	unlink(conf);
	unlink(csv);
}

/* Loads TEXT from a file of its own; the messages with the path cut. */
static int text_load(const char *text, struct cb_config *cfg,
		     char msgs[][200], size_t *n)
{
	char file[64];
	struct diag d;
	size_t i, plen;
	FILE *fp;
	int fd, err;

	snprintf(file, sizeof(file), "/tmp/cordboard-many-XXXXXX");
	fd = mkstemp(file);
	assert_true(fd >= 0);
	fp = fdopen(fd, "w");
	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
	diag_init(&d);
	err = config_load(cfg, file, &d);
	plen = strlen(file);
	for (i = 0; i < d.count && i < 8; i++) {
		assert_memory_equal(d.msgs[i].text, file, plen);
		snprintf(msgs[i], 200, "%s", d.msgs[i].text + plen);
	}
	*n = d.count;
	diag_free(&d);
	unlink(file);
	return err;
}

/* Every text the same, and every other byte of the two. */
static void expect_same_extension(const struct extension *a,
				  const struct extension *b)
{
	struct extension x = *a, y = *b;
	const char **tx[] = { &x.number, &x.name, &x.department, &x.uri,
			      &x.voicemail, &x.deputy, &x.note, &x.peer,
			      &x.peer_number, &x.pickup, &x.aliases,
			      &x.company, &x.email, &x.comment };
	const char **ty[] = { &y.number, &y.name, &y.department, &y.uri,
			      &y.voicemail, &y.deputy, &y.note, &y.peer,
			      &y.peer_number, &y.pickup, &y.aliases,
			      &y.company, &y.email, &y.comment };
	size_t i;

	for (i = 0; i < sizeof(tx) / sizeof(tx[0]); i++) {
		assert_string_equal(*tx[i], *ty[i]);
		*tx[i] = *ty[i] = NULL;
	}
	assert_int_equal(x.nnumbers, y.nnumbers);
	for (i = 0; i < x.nnumbers; i++) {
		assert_string_equal(x.numbers[i].label, y.numbers[i].label);
		assert_string_equal(x.numbers[i].number, y.numbers[i].number);
	}
	x.numbers = y.numbers = NULL;
	x.texts_owned = y.texts_owned = 0;
	x.texts_block = y.texts_block = NULL;
	assert_memory_equal(&x, &y, sizeof(x));
}

/* The same text read with its extension sections lifted (cfglift.h) and
 * by libconfuse alone (an escape, "\x65" for "e", keeps a file from
 * being lifted): the same messages, the same extensions. */
static void expect_same_either_way(const char *lifted, const char *plain)
{
	struct cb_config a, b;
	char ma[8][200], mb[8][200];
	size_t na, nb, i;

	assert_int_equal(text_load(lifted, &a, ma, &na),
			 text_load(plain, &b, mb, &nb));
	assert_int_equal(na, nb);
	for (i = 0; i < na && i < 8; i++)
		assert_string_equal(ma[i], mb[i]);
	assert_int_equal(a.n_extensions, b.n_extensions);
	for (i = 0; i < a.n_extensions; i++)
		expect_same_extension(&a.extensions[i], &b.extensions[i]);
	config_free(&a);
	config_free(&b);
}

static void test_lifted_sections_read_as_libconfuse_reads_them(void **state)
{
	static const char *const cases[][2] = {
		/* words, booleans, numbers (0x10 is 16), directory fields */
		{ "extension \"201\" {\n name = \"Alice\"\n uri = sip:201@h\n"
		  " vip = yes presence = off priority = 0x3\n"
		  " mobile = \"+33612345678\" company = \"ACME\" }\n"
		  "theme = \"default\"\n"
		  "extension '202' { name = \"Bob\" uri = \"sip:202@h\" }\n",
		  "extension \"201\" {\n name = \"Alic\\x65\"\n uri = sip:201@h\n"
		  " vip = yes presence = off priority = 0x3\n"
		  " mobile = \"+33612345678\" company = \"ACME\" }\n"
		  "theme = \"default\"\n"
		  "extension '202' { name = \"Bob\" uri = \"sip:202@h\" }\n" },
		{ "extension \"201\" { name = \"Alice\" uri = \"sip:201@h\" }\n"
		  "extension \"202\" { name = \"Bob\" vip = maybe }\n"
		  "extension \"203\" { uri = \"sip:203@h\" }\n",
		  "extension \"201\" { name = \"Alic\\x65\" uri = \"sip:201@h\" }\n"
		  "extension \"202\" { name = \"Bob\" vip = maybe }\n"
		  "extension \"203\" { uri = \"sip:203@h\" }\n" },
		{ "extension \"2x1\" { name = \"Alice\" uri = \"mailto:a\"\n"
		  " priority = 12 mobile = \"06 12\" }\n"
		  "extension \"202\" {\n}\n",
		  "extension \"2x1\" { name = \"Alic\\x65\" uri = \"mailto:a\"\n"
		  " priority = 12 mobile = \"06 12\" }\n"
		  "extension \"202\" {\n}\n" },
		/* runs of sections: comments and line breaks between them,
		 * the kind's name and the title on lines of their own, a
		 * mistake in the middle of a run, another option after */
		{ "extension \"201\" { name = \"Alice\" uri = \"sip:201@h\" }\n"
		  "# a comment\n\n"
		  "extension\n\"202\"\n{\n name = \"Bob\"\n}\n"
		  "extension \"203\" { uri = \"sip:203@h\" email = \"x\" }\n"
		  "extension \"204\" { uri = \"sip:204@h\" mobile = \"\x01\" }\n"
		  "theme = \"nope\" foo = 1\n"
		  "extension \"205\" { uri = \"sip:205@h\" }\n",
		  "extension \"201\" { name = \"Alic\\x65\" uri = \"sip:201@h\" }\n"
		  "# a comment\n\n"
		  "extension\n\"202\"\n{\n name = \"Bob\"\n}\n"
		  "extension \"203\" { uri = \"sip:203@h\" email = \"x\" }\n"
		  "extension \"204\" { uri = \"sip:204@h\" mobile = \"\x01\" }\n"
		  "theme = \"nope\" foo = 1\n"
		  "extension \"205\" { uri = \"sip:205@h\" }\n" },
		/* a value the next section leaves at its default, one given
		 * twice, a mistake libconfuse itself stops at mid-run */
		{ "extension \"201\" { uri = \"sip:201@h\" company = \"A\"\n"
		  " mobile = \"1\" home = \"2\" external = yes }\n"
		  "extension \"202\" { home = \"3\" uri = \"sip:202@h\"\n"
		  " name = \"x\" name = \"Bob\" vip = true }\n"
		  "extension \"203\" { uri = \"sip:203@h\" priority = x }\n"
		  "extension \"204\" { uri = \"sip:204@h\" }\n",
		  "extension \"201\" { uri = \"sip:201@h\" company = \"\\x41\"\n"
		  " mobile = \"1\" home = \"2\" external = yes }\n"
		  "extension \"202\" { home = \"3\" uri = \"sip:202@h\"\n"
		  " name = \"x\" name = \"Bob\" vip = true }\n"
		  "extension \"203\" { uri = \"sip:203@h\" priority = x }\n"
		  "extension \"204\" { uri = \"sip:204@h\" }\n" },
		{ "extension \"201\" { uri = \"sip:201@h\" company = \"A\"\n"
		  " mobile = \"1\" home = \"2\" external = yes }\n"
		  "extension \"202\" { home = \"3\" uri = \"sip:202@h\"\n"
		  " name = \"x\" name = \"Bob\" vip = true }\n",
		  "extension \"201\" { uri = \"sip:201@h\" company = \"\\x41\"\n"
		  " mobile = \"1\" home = \"2\" external = yes }\n"
		  "extension \"202\" { home = \"3\" uri = \"sip:202@h\"\n"
		  " name = \"x\" name = \"Bob\" vip = true }\n" },
		/* groups named like an extension, one with a number too
		 * long to be kept whole */
		{ "extension \"201\" { uri = \"sip:201@h\" }\n"
		  "extension \"1234567890123456789012345678901234\" {"
		  " uri = \"sip:x@h\" }\n"
		  "group \"201\" { members = { \"201\" } }\n"
		  "group \"1234567890123456789012345678901234\" {"
		  " members = { \"201\" } }\n",
		  "extension \"201\" { uri = \"sip:20\\x31@h\" }\n"
		  "extension \"1234567890123456789012345678901234\" {"
		  " uri = \"sip:x@h\" }\n"
		  "group \"201\" { members = { \"201\" } }\n"
		  "group \"1234567890123456789012345678901234\" {"
		  " members = { \"201\" } }\n" },
		/* the hidden option, written by hand, is no option */
		{ "extension \"201\" { name = \"Alice\" uri = \"sip:201@h\" }\n"
		  "__lifted = \"201\"\n",
		  "extension \"201\" { name = \"Alic\\x65\" uri = \"sip:201@h\" }\n"
		  "__lifted = \"201\"\n" },
		{ "__lifted = \"201\"\n"
		  "extension \"201\" { name = \"Alice\" uri = \"sip:201@h\" }\n",
		  "__lifted = \"201\"\n"
		  "extension \"201\" { name = \"Alic\\x65\" uri = \"sip:201@h\" }\n" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		expect_same_either_way(cases[i][0], cases[i][1]);
}

static void test_name_index_finds_what_was_put(void **state)
{
	static char names[5000][8];
	struct name_index ix;
	size_t i, v;

	(void)state;
	name_index_init(&ix);
	assert_false(name_index_find(&ix, "201", &v));
	for (i = 0; i < 5000; i++) {
		snprintf(names[i], sizeof(names[i]), "%zu", i * 7);
		assert_int_equal(name_index_put(&ix, names[i], i), 0);
	}
	assert_int_equal(ix.count, 5000);
	for (i = 0; i < 5000; i++) {
		char key[8];

		snprintf(key, sizeof(key), "%zu", i * 7);
		assert_true(name_index_find(&ix, key, &v));
		assert_int_equal(v, i);
	}
	assert_false(name_index_find(&ix, "8", &v));
	assert_false(name_index_find(&ix, "", &v));
	/* a name put again names the new position */
	assert_int_equal(name_index_put(&ix, "14", 99), 0);
	assert_true(name_index_find(&ix, "14", &v));
	assert_int_equal(v, 99);
	assert_int_equal(ix.count, 5000);
	name_index_clear(&ix);
	assert_false(name_index_find(&ix, "14", &v));
	assert_int_equal(ix.count, 0);
	name_index_free(&ix);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_three_thousand_colleagues_in_file_order),
		cmocka_unit_test(test_number_given_twice_and_thrice_among_thousands),
		cmocka_unit_test(test_deputy_nobody_is_named_at_its_line),
		cmocka_unit_test(test_directory_of_thousands_skips_numbers_taken),
		cmocka_unit_test(test_directory_deputy_nobody_among_thousands),
		cmocka_unit_test(test_lifted_sections_read_as_libconfuse_reads_them),
		cmocka_unit_test(test_name_index_finds_what_was_put),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
