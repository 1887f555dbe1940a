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
			    "column 'rank' is not vip or priority");
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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(good_rows_load_and_bad_rows_are_skipped),
		cmocka_unit_test(hostile_names_are_refused_with_their_row),
		cmocka_unit_test(a_file_without_the_header_is_an_error),
		cmocka_unit_test(a_missing_file_is_an_error),
		cmocka_unit_test(vip_and_priority_columns_mark_callers),
		cmocka_unit_test(a_header_with_an_unknown_column_is_an_error),
	};

	return cmocka_run_group_tests_name("directory", tests, NULL, NULL);
}
