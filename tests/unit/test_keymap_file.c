/*
 * test_keymap_file.c — the keymap syntax: modes and bind() calls read in
 * file order with their lines; syntax mistakes reported as FILE:LINE.
 * Key and action names are src/input's business, not checked here.
 */
#include <errno.h>
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "expect_diag.h"

#include "config/keymap_file.h"

#define DATA(name) TEST_DATA_DIR "/keymaps/" name

static void assert_entry(const struct keymap_entry *e, const char *mode,
			 const char *key, const char *action,
			 const char *help, const char *file, int line)
{
	assert_string_equal(e->mode, mode);
	assert_string_equal(e->key, key);
	assert_string_equal(e->action, action);
	assert_string_equal(e->help, help);
	assert_string_equal(e->file, file);
	assert_int_equal(e->line, line);
}

/* Loads a bad file: every message, in order, is path + want[i], and
 * nothing of the file is kept. */
static void expect_errors(const char *path, const char *const *want)
{
	struct keymap_file kf = { 0 };
	struct diag d;
	diag_init(&d);
	assert_int_equal(keymap_file_load(&kf, path, &d), EINVAL);
	expect_diag_lines(&d, path, want);
	assert_int_equal(kf.count, 0);
	keymap_file_free(&kf);
	diag_free(&d);
}

static void test_bindings_come_in_file_order_with_lines(void **state)
{
	const char *path = DATA("good.keymap");
	struct keymap_file kf = { 0 };
	struct diag d;

	(void)state;
	diag_init(&d);
	assert_int_equal(keymap_file_load(&kf, path, &d), 0);
	diag_print(&d);
	assert_int_equal(d.count, 0);
	assert_int_equal(kf.count, 6);
	assert_entry(&kf.entries[0], "normal", "Enter", "answer",
		     "Answer the selected or next ringing call", path, 3);
	assert_entry(&kf.entries[1], "normal", "h", "hold", "", path, 4);
	/* A bind over two lines carries the line it ends on. */
	assert_entry(&kf.entries[2], "normal", "c", "prompt consult",
		     "Consult: hold the caller and call someone", path, 7);
	assert_entry(&kf.entries[3], "consult", "C-x", "complete",
		     "Put the caller through", path, 11);
	assert_entry(&kf.entries[4], "consult", "Escape", "cancel", "",
		     path, 12);
	/* The same mode given again adds to it. */
	assert_entry(&kf.entries[5], "normal", "F5", "page sales 201", "",
		     path, 16);
	keymap_file_free(&kf);
	assert_null(kf.entries);
	assert_int_equal(kf.count, 0);
	diag_free(&d);
}

static void test_an_empty_keymap_binds_nothing(void **state)
{
	struct keymap_file kf = { 0 };
	struct diag d;

	(void)state;
	diag_init(&d);
	assert_int_equal(keymap_file_load(&kf, DATA("empty.keymap"), &d), 0);
	assert_int_equal(d.count, 0);
	assert_int_equal(kf.count, 0);
	keymap_file_free(&kf);
	diag_free(&d);
}

static void test_a_second_file_appends_or_adds_nothing(void **state)
{
	struct keymap_file kf = { 0 };
	struct diag d;

	(void)state;
	diag_init(&d);
	assert_int_equal(keymap_file_load(&kf, DATA("good.keymap"), &d), 0);
	assert_int_equal(keymap_file_load(&kf, DATA("good.keymap"), &d), 0);
	assert_int_equal(kf.count, 12);
	assert_string_equal(kf.entries[6].key, "Enter");
	assert_int_equal(kf.entries[6].line, 3);

	/* A broken file leaves what was loaded before untouched. */
	assert_int_equal(keymap_file_load(&kf, DATA("bad-empty.keymap"), &d),
			 EINVAL);
	assert_int_equal(kf.count, 12);
	assert_string_equal(kf.entries[11].action, "page sales 201");
	keymap_file_free(&kf);
	diag_free(&d);
}

static void test_missing_keymap_says_so(void **state)
{
	struct keymap_file kf = { 0 };
	struct diag d;

	(void)state;
	diag_init(&d);
	assert_int_equal(keymap_file_load(&kf, DATA("no-such.keymap"), &d),
			 ENOENT);
	assert_int_equal(d.count, 1);
	assert_string_equal(d.msgs[0].text, DATA("no-such.keymap")
			    ": No such file or directory");
	assert_int_equal(kf.count, 0);
	keymap_file_free(&kf);
	diag_free(&d);
}

static void test_bind_takes_two_or_three_arguments(void **state)
{
	static const char *const want[] = {
		":2: bind takes 2 or 3 arguments (key, action, help), not 1",
		":3: bind takes 2 or 3 arguments (key, action, help), not 4",
		":4: bind takes 2 or 3 arguments (key, action, help), not 0",
		NULL };

	(void)state;
	expect_errors(DATA("bad-args.keymap"), want);
}

static void test_empty_key_or_action(void **state)
{
	static const char *const want[] = {
		":2: bind: empty key",
		":3: bind: empty action", NULL };

	(void)state;
	expect_errors(DATA("bad-empty.keymap"), want);
}

static void test_too_long_names(void **state)
{
	static const char *const want[] = {
		":2: bind: key is too long (at most 31 characters)",
		":4: mode name 'mmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmm' is too long (at most 31 characters)",
		NULL };

	(void)state;
	expect_errors(DATA("bad-long.keymap"), want);
}

static void test_syntax_errors(void **state)
{
	static const char *const paren[] = {
		":3: missing parenthesis for function 'bind'", NULL };
	static const char *const outside[] = {
		":5: no such option 'bind'", NULL };
	static const char *const unclosed[] = {
		":4: no such option 'mode'",
		":1: '{' is never closed (missing '}')", NULL };
	static const char *const eof[] = {
		":1: '{' is never closed (missing '}')", NULL };

	(void)state;
	expect_errors(DATA("bad-syntax.keymap"), paren);
	expect_errors(DATA("bad-unknown.keymap"), outside);
	expect_errors(DATA("bad-unclosed.keymap"), unclosed);
	expect_errors(DATA("bad-eof.keymap"), eof);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bindings_come_in_file_order_with_lines),
		cmocka_unit_test(test_an_empty_keymap_binds_nothing),
		cmocka_unit_test(test_a_second_file_appends_or_adds_nothing),
		cmocka_unit_test(test_missing_keymap_says_so),
		cmocka_unit_test(test_bind_takes_two_or_three_arguments),
		cmocka_unit_test(test_empty_key_or_action),
		cmocka_unit_test(test_too_long_names),
		cmocka_unit_test(test_syntax_errors),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
