/*
 * test_fuzz_found.c — every input a fuzz target (tests/fuzz) found to
 * crash, leak or break a property, fed to the same entry point: each is
 * now refused or handled cleanly. Run under ASan (the fuzz build) a
 * regression shows as a sanitizer report.
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
#include "fake_phone.h"

#include "input/console.h"

/* Under ASan (the fuzz build) LeakSanitizer asks for this: the leak
 * libconfuse itself has on a broken function call (see below) is not
 * ours to fix. Without ASan nothing calls it. */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
	return "leak:libconfuse.so\n";
}

/* Writes text to a fresh temporary file named like the fuzz input. */
static void write_temp(char *path, size_t sz, const char *suffix,
		       const char *text, size_t len)
{
	int fd;

	snprintf(path, sz, "/tmp/cordboard-fuzz-found-XXXXXX%s", suffix);
	fd = mkstemps(path, (int)strlen(suffix));
	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, len), (ssize_t)len);
	close(fd);
}

/* fuzz_keymap: a bind() call broken inside its arguments, at the end of
 * an unclosed mode. libconfuse leaks the call's arguments here (the
 * fuzz suite suppresses leaks inside libconfuse); ours must refuse the
 * file on its lines and keep nothing. */
static void keymap_call_broken_inside_its_arguments(void **state)
{
	static const char text[] =
		"mode \"normal\" {\n\tbind(\"Enter\", \"sne\"rwa)\n";
	const char *const want[] = {
		":2: syntax error in call of function 'bind'",
		":1: '{' is never closed (missing '}')",
		NULL,
	};
	char path[64];
	struct keymap km;
	struct diag d;

	(void)state;
	write_temp(path, sizeof(path), ".keymap", text, sizeof(text) - 1);
	diag_init(&d);
	assert_int_equal(keymap_load(&km, path, &d), EINVAL);
	expect_diag_lines(&d, path, want);
	assert_int_equal(km.count[MODE_NORMAL], 0);
	keymap_free(&km);
	diag_free(&d);
	unlink(path);
}

/* fuzz_action: a conference of two bridged while the operator answers a
 * third caller; the network then says a leg is established again (it
 * became "the talking line"), and merge took it in a second time. When
 * it hung up only one copy left the conference, and leave then read
 * the line that was gone (a NULL dereference). */
static void conference_leg_reported_established_again(void **state)
{
	static const char *const lines[] = {
		"merge", "answer", "merge", "hangup", "leave",
	};
	struct fake_phone phone;
	struct keymap km;
	struct console c;
	struct board b;
	struct diag d;
	line_id one, two;
	size_t i, k;

	(void)state;
	diag_init(&d);
	assert_int_equal(keymap_load(&km, SOURCE_ROOT "/keymaps/default.keymap",
				     &d), 0);
	diag_free(&d);
	fake_phone_setup(&phone, &b);
	console_init(&c, &b, &km);
	selection_wire(fake_selection(&b), &c.sel);
	one = board_on_offered(&b, "", "sip:1@x");
	two = board_on_offered(&b, "", "sip:2@x");
	board_on_established(&b, one);
	board_on_established(&b, two);
	for (i = 0; i < 5; i++) {
		if (i == 1)
			board_on_offered(&b, "", "sip:3@x");
		if (i == 2)
			board_on_established(&b, one);
		console_run(&c, lines[i]);
		for (k = 0; k < b.conf.nlegs; k++)
			assert_non_null(board_line(&b, b.conf.legs[k]));
	}
	/* every leg is in once */
	for (i = 0; i < b.conf.nlegs; i++)
		for (k = i + 1; k < b.conf.nlegs; k++)
			assert_int_not_equal(b.conf.legs[i], b.conf.legs[k]);
	console_close(&c);
	keymap_free(&km);
	fake_phone_close(&phone);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(keymap_call_broken_inside_its_arguments),
		cmocka_unit_test(conference_leg_reported_established_again),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
