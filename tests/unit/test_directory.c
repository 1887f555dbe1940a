/*
 * test_directory.c — extensions from a CSV directory: good rows load,
 * each bad row is reported with its line and skipped; the optional vip
 * and priority columns.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "config/config.h"
#include "core/contacts.h"
#include "core/target.h"

#define DIR_DATA TEST_DATA_DIR "/directory/"

static void good_rows_load_and_bad_rows_are_skipped(void **state)
{
	struct cb_config cfg;
	struct diag d;
	const char *want[] = {
		DIR_DATA "office.csv:4: uri 'not-a-uri' is not a sip: or sips: "
		"URI with a host (row skipped)",
		DIR_DATA "office.csv:5: 4 fields, expected 5 (number,name,"
		"department,uri,voicemail) (row skipped)",
		DIR_DATA "office.csv:7: extension '201' is already defined "
		"(row skipped)",
		DIR_DATA "office.csv:8: number 'abc' is not a number (digits, "
		"optionally with * # +) (row skipped)",
		DIR_DATA "office.csv:10: unbalanced quotes (row skipped)",
	};
	size_t i;

	diag_init(&d);
	assert_int_equal(config_load(&cfg, DIR_DATA "with-directory.conf",
				     &d), 0);
	assert_int_equal(d.errors, 0);
	assert_int_equal(d.count, 5);
	for (i = 0; i < 5; i++) {
		assert_int_equal(d.msgs[i].level, DIAG_WARNING);
		assert_string_equal(d.msgs[i].text, want[i]);
	}
	assert_int_equal(cfg.n_extensions, 4);
	assert_string_equal(cfg.extensions[0].name, "Alice Martin");
	assert_string_equal(cfg.extensions[1].name, "Zoë Müller");
	assert_string_equal(cfg.extensions[1].voicemail,
			    "sip:vm-301@127.0.0.1");
	assert_string_equal(cfg.extensions[2].name, "Stone, Bob");
	assert_string_equal(cfg.extensions[3].name, "Eve \"the boss\" Smith");
	assert_string_equal(cfg.extensions[3].department, "Board");
	/* everyone listed is watched */
	assert_true(cfg.extensions[3].watch_presence);
	assert_true(cfg.extensions[3].watch_dialog);
	/* a file without the columns: nobody goes ahead */
	for (i = 0; i < cfg.n_extensions; i++) {
		assert_false(cfg.extensions[i].vip);
		assert_int_equal(cfg.extensions[i].priority, 0);
	}
	config_free(&cfg);
	diag_free(&d);
}

static void hostile_names_are_refused_with_their_row(void **state)
{
	struct cb_config cfg;
	struct diag d;
	const char *want[] = {
		DIR_DATA "hostile.csv:3: name contains a control character or "
		"invalid UTF-8 (row skipped)",
		DIR_DATA "hostile.csv:4: department contains a control "
		"character or invalid UTF-8 (row skipped)",
		DIR_DATA "hostile.csv:5: name contains a control character or "
		"invalid UTF-8 (row skipped)",
		DIR_DATA "hostile.csv:6: name contains a control character or "
		"invalid UTF-8 (row skipped)",
	};
	size_t i;

	(void)state;
	diag_init(&d);
	assert_int_equal(config_load(&cfg, DIR_DATA "hostile.conf", &d), 0);
	assert_int_equal(d.count, 4);
	for (i = 0; i < 4; i++)
		assert_string_equal(d.msgs[i].text, want[i]);
	assert_int_equal(cfg.n_extensions, 1);
	assert_string_equal(cfg.extensions[0].name, "Plain Name");
	config_free(&cfg);
	diag_free(&d);
}

static void a_file_without_the_header_is_an_error(void **state)
{
	struct cb_config cfg;
	struct diag d;

	diag_init(&d);
	assert_int_equal(config_load(&cfg, DIR_DATA "noheader.conf", &d),
			 EINVAL);
	assert_string_equal(diag_first_error(&d), DIR_DATA "noheader.csv:1: "
			    "the first line must be the header number,name,"
			    "department,uri,voicemail");
	config_free(&cfg);
	diag_free(&d);
}

static void a_missing_file_is_an_error(void **state)
{
	struct cb_config cfg;
	struct diag d;

	diag_init(&d);
	assert_int_equal(config_load(&cfg, DIR_DATA "missing.conf", &d),
			 ENOENT);
	assert_string_equal(diag_first_error(&d), DIR_DATA "missing.conf: "
			    "directory_file " DIR_DATA "missing.csv: No such "
			    "file or directory");
	config_free(&cfg);
	diag_free(&d);
}

/* vip and priority after the five columns, in either order; an empty
 * cell is no and 0. */
static void vip_and_priority_columns_mark_callers(void **state)
{
	struct cb_config cfg;
	struct diag d;
	const char *want[] = {
		DIR_DATA "vip.csv:5: priority '10' is not a number from 0 to 9 "
		"(row skipped)",
		DIR_DATA "vip.csv:6: vip 'maybe' is not yes or no (row skipped)",
		DIR_DATA "vip.csv:7: 6 fields, expected 7 (number,name,"
		"department,uri,voicemail,priority,vip) (row skipped)",
	};
	size_t i;

	(void)state;
	diag_init(&d);
	assert_int_equal(config_load(&cfg, DIR_DATA "vip.conf", &d), 0);
	assert_int_equal(d.errors, 0);
	assert_int_equal(d.count, 3);
	for (i = 0; i < 3; i++)
		assert_string_equal(d.msgs[i].text, want[i]);
	assert_int_equal(cfg.n_extensions, 4);
	assert_string_equal(cfg.extensions[0].name, "Eve Boss");
	assert_true(cfg.extensions[0].vip);
	assert_int_equal(cfg.extensions[0].priority, 0);
	assert_string_equal(cfg.extensions[1].name, "Max Power");
	assert_false(cfg.extensions[1].vip);
	assert_int_equal(cfg.extensions[1].priority, 5);
	assert_string_equal(cfg.extensions[2].name, "Plain Caller");
	assert_false(cfg.extensions[2].vip);
	assert_int_equal(cfg.extensions[2].priority, 0);
	assert_string_equal(cfg.extensions[3].name, "Both");
	assert_true(cfg.extensions[3].vip);
	assert_int_equal(cfg.extensions[3].priority, 3);
	config_free(&cfg);
	diag_free(&d);
}

static void a_header_with_an_unknown_column_is_an_error(void **state)
{
	struct cb_config cfg;
	struct diag d;

	(void)state;
	diag_init(&d);
	assert_int_equal(config_load(&cfg, DIR_DATA "badcolumn.conf", &d),
			 EINVAL);
	assert_string_equal(diag_first_error(&d), DIR_DATA "badcolumn.csv:1: "
			    "column 'rank' is not one of vip, priority, "
			    "mobile, home, other, aliases, company, email, "
			    "note, external, deputy");
	config_free(&cfg);
	diag_free(&d);

	diag_init(&d);
	assert_int_equal(config_load(&cfg, DIR_DATA "twice.conf", &d),
			 EINVAL);
	assert_string_equal(diag_first_error(&d), DIR_DATA "twice.csv:1: "
			    "column 'vip' is given twice");
	config_free(&cfg);
	diag_free(&d);
}

static const struct extension *ext_of(const struct cb_config *cfg,
				      const char *number)
{
	size_t i;

	for (i = 0; i < cfg->n_extensions; i++) {
		if (!strcmp(cfg->extensions[i].number, number))
			return &cfg->extensions[i];
	}
	fail_msg("no extension %s", number);
	return NULL;
}

/* The directory's columns, in any order after the five: other numbers
 * with their labels, aliases, company, e-mail, note, external, deputy;
 * a bad cell refuses its row on its line. */
static void directory_columns_fill_contacts(void **state)
{
	struct cb_config cfg;
	struct diag d;
	const struct extension *bob, *acme, *alice, *plumber;
	const char *want[] = {
		DIR_DATA "people.csv:6: mobile '06-12' is not a number "
		"(digits, optionally with * # +) (row skipped)",
		DIR_DATA "people.csv:7: external 'perhaps' is not yes or no "
		"(row skipped)",
		DIR_DATA "people.csv:8: email 'not-an-address' is not an "
		"address like name@example.com (row skipped)",
		DIR_DATA "people.csv:9: deputy 'two' is not a number (digits, "
		"optionally with * # +) (row skipped)",
	};
	size_t i;

	(void)state;
	diag_init(&d);
	assert_int_equal(config_load(&cfg, DIR_DATA "people.conf", &d), 0);
	assert_int_equal(d.count, 4);
	for (i = 0; i < 4; i++)
		assert_string_equal(d.msgs[i].text, want[i]);
	bob = ext_of(&cfg, "202");
	assert_int_equal(bob->nnumbers, 2);
	assert_string_equal(bob->numbers[0].label, "mobile");
	assert_string_equal(bob->numbers[0].number, "+33612000202");
	assert_string_equal(bob->numbers[1].label, "home");
	assert_string_equal(bob->numbers[1].number, "+33145000202");
	assert_string_equal(bob->aliases, "Bob, Rob");
	assert_string_equal(bob->company, "Cordboard SA");
	assert_string_equal(bob->email, "bob@example.com");
	assert_string_equal(bob->comment, "keys to the archive");
	assert_string_equal(bob->deputy, "201");
	assert_false(bob->external);
	assert_true(bob->watch_presence);
	/* a supplier without a SIP extension is never watched */
	acme = ext_of(&cfg, "7001");
	assert_true(acme->external);
	assert_string_equal(acme->uri, "");
	assert_false(acme->watch_presence);
	assert_false(acme->watch_dialog);
	/* cordboard.conf's extension sections take the same fields */
	alice = ext_of(&cfg, "201");
	assert_string_equal(alice->numbers[0].number, "+33612000201");
	assert_string_equal(alice->aliases, "Ali");
	assert_string_equal(alice->company, "Cordboard SA");
	assert_string_equal(alice->email, "alice@example.com");
	assert_string_equal(alice->comment, "mornings only");
	assert_true(alice->watch_presence);
	plumber = ext_of(&cfg, "900");
	assert_true(plumber->external);
	assert_false(plumber->watch_presence);
	config_free(&cfg);
	diag_free(&d);
}

/* A deputy nobody in the directory answers to is refused on its line,
 * in cordboard.conf as in the CSV; so is a bad cell in the conf. */
static void a_deputy_must_be_in_the_directory(void **state)
{
	struct cb_config cfg;
	struct diag d;

	(void)state;
	diag_init(&d);
	assert_int_equal(config_load(&cfg, DIR_DATA "nodeputy.conf", &d),
			 EINVAL);
	assert_string_equal(diag_first_error(&d), DIR_DATA "nodeputy.conf:2: "
			    "deputy '299' of extension '202' is no extension");
	config_free(&cfg);
	diag_free(&d);

	diag_init(&d);
	assert_int_equal(config_load(&cfg, DIR_DATA "nodeputy-csv.conf", &d),
			 EINVAL);
	assert_string_equal(diag_first_error(&d), DIR_DATA "nodeputy.csv:3: "
			    "deputy '298' of 203 is no extension of the "
			    "directory");
	config_free(&cfg);
	diag_free(&d);

	diag_init(&d);
	assert_int_equal(config_load(&cfg, DIR_DATA "badcell.conf", &d),
			 EINVAL);
	assert_string_equal(diag_first_error(&d), DIR_DATA "badcell.conf:2: "
			    "mobile '06 12 34' is not a number (digits, "
			    "optionally with * # +)");
	config_free(&cfg);
	diag_free(&d);
}

/* Caller lookup: a call from Robert's mobile or home, or a sip: URI
 * with his extension, is Robert; a stranger is nobody. */
static void a_callers_number_finds_the_contact(void **state)
{
	struct cb_config cfg;
	struct diag d;
	const struct extension *e;
	const char *label = NULL;

	(void)state;
	diag_init(&d);
	assert_int_equal(config_load(&cfg, DIR_DATA "people.conf", &d), 0);
	e = contact_lookup(cfg.extensions, cfg.n_extensions,
			   "sip:+33612000202@office.example;user=phone",
			   &label);
	assert_non_null(e);
	assert_string_equal(e->name, "Robert Smith");
	assert_string_equal(label, "mobile");
	e = contact_lookup(cfg.extensions, cfg.n_extensions, "+33145000202",
			   &label);
	assert_string_equal(e->name, "Robert Smith");
	assert_string_equal(label, "home");
	e = contact_lookup(cfg.extensions, cfg.n_extensions,
			   "sip:203@127.0.0.1", &label);
	assert_string_equal(e->name, "Jane Doe");
	assert_string_equal(label, "");
	assert_null(contact_lookup(cfg.extensions, cfg.n_extensions,
				   "sip:+33100000000@127.0.0.1", &label));
	config_free(&cfg);
	diag_free(&d);
}

/* Find says which field matched, as the matches list shows it. */
static void find_says_which_field_matched(void **state)
{
	struct cb_config cfg;
	struct diag d;
	size_t out[16], n;
	struct target_hit hit;
	char text[160], uri[256], msg[160];
	const struct extension *match;
	static const struct {
		const char *typed, *number, *says;
	} cases[] = {
		{ "rob", "202", "Robert Smith" },
		{ "bo", "202", "Bob (Robert Smith)" },
		{ "+336120002", "201", "Alice Martin - mobile" },
		{ "+33612000202", "202", "Robert Smith - mobile" },
		{ "+331450", "202", "Robert Smith - home" },
		{ "acme", "7001", "Acme Supplies" },
		{ "archive", "202", "Robert Smith - note" },
		{ "cordboard", "201", "Cordboard SA -> Alice Martin" },
		{ "acc", "202", "Accounts -> Robert Smith" },
	};
	size_t i;

	(void)state;
	diag_init(&d);
	assert_int_equal(config_load(&cfg, DIR_DATA "people.conf", &d), 0);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		n = target_matches(cases[i].typed, cfg.extensions,
				   cfg.n_extensions, out, 16);
		assert_true(n >= 1);
		assert_string_equal(cfg.extensions[out[0]].number,
				    cases[i].number);
		assert_true(target_match(cases[i].typed,
					 &cfg.extensions[out[0]], &hit));
		target_hit_text(cases[i].typed, &cfg.extensions[out[0]], &hit,
				text, sizeof(text));
		assert_string_equal(text, cases[i].says);
	}
	/* "orders" is only in the supplier's note */
	assert_int_equal(target_matches("orders", cfg.extensions,
					cfg.n_extensions, out, 16), 1);
	/* Robert's mobile dials the mobile, not his desk */
	assert_int_equal(target_resolve("+33612000202", cfg.extensions,
					cfg.n_extensions, "pbx.example", uri,
					sizeof(uri), &match, msg, sizeof(msg)),
			 TARGET_OK);
	assert_string_equal(uri, "sip:+33612000202@pbx.example");
	assert_null(match);
	/* an alias names one person; a supplier without a URI is dialled
	 * at their number */
	assert_int_equal(target_resolve("rob", cfg.extensions,
					cfg.n_extensions, "pbx.example", uri,
					sizeof(uri), &match, msg, sizeof(msg)),
			 TARGET_OK);
	assert_string_equal(uri, "sip:202@127.0.0.1");
	assert_int_equal(target_resolve("acme", cfg.extensions,
					cfg.n_extensions, "pbx.example", uri,
					sizeof(uri), &match, msg, sizeof(msg)),
			 TARGET_OK);
	assert_string_equal(uri, "sip:7001@pbx.example");
	config_free(&cfg);
	diag_free(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(good_rows_load_and_bad_rows_are_skipped),
		cmocka_unit_test(hostile_names_are_refused_with_their_row),
		cmocka_unit_test(a_file_without_the_header_is_an_error),
		cmocka_unit_test(a_missing_file_is_an_error),
		cmocka_unit_test(vip_and_priority_columns_mark_callers),
		cmocka_unit_test(a_header_with_an_unknown_column_is_an_error),
		cmocka_unit_test(directory_columns_fill_contacts),
		cmocka_unit_test(a_deputy_must_be_in_the_directory),
		cmocka_unit_test(a_callers_number_finds_the_contact),
		cmocka_unit_test(find_says_which_field_matched),
	};

	return cmocka_run_group_tests_name("directory", tests, NULL, NULL);
}
