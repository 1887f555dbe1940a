/*
 * test_startup.c — baresip's own start-up lines, said in the admin's
 * words by the launcher when the console could not start.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>

#include "app/startup.h"

static char out[600];

static int reason(const char *log)
{
	out[0] = '\0';
	return startup_reason_from_log(log, "127.0.0.1:5060", out,
				       sizeof(out));
}

static void a_taken_port_is_said_without_colours(void **state)
{
	assert_int_equal(reason(
		"baresip v1.0.0 Copyright (C) 2010 - 2020\n"
		"Local network address:  IPv4=lo|127.0.0.1 \n"
		"\033[31mua: SIP Transport failed: Address already in use\n"
		"\033[;m\033[31mua: init failed (Address already in use)\n"
		"\033[;mua: stop all (forced=1)\n"), 0);
	assert_string_equal(out, "cannot listen on 127.0.0.1:5060: the "
			    "address is in use (another program, or another "
			    "console, uses it)");
}

static void an_address_not_ours_is_said(void **state)
{
	assert_int_equal(reason("ua: SIP Transport failed: Cannot assign "
				"requested address\n"), 0);
	assert_string_equal(out, "cannot listen on 127.0.0.1:5060: no "
			    "network interface of this computer has that "
			    "address");
}

static void an_unreadable_ca_is_named(void **state)
{
	assert_int_equal(reason(
		"ua: adding SIP CA: /etc/ca.pem\n"
		"\033[31mtls: Can't read CA file: /etc/ca.pem\n"
		"\033[;m\033[31mua: tls_add_ca() failed: Invalid argument\n"
		"\033[;m\033[31mua: init failed (Invalid argument)\n"), 0);
	assert_string_equal(out, "tls_ca '/etc/ca.pem' holds no CA "
			    "certificate that can be read");
}

static void a_module_that_does_not_load_is_named(void **state)
{
	assert_int_equal(reason(
		"aucodec: PCMU/8000/1\n"
		"\033[31mdl: mod: /nowhere/cordboard.so (/nowhere/cordboard.so: "
		"file too short)\n"
		"\033[;m\033[31mmodule /nowhere/cordboard.so: No such file\n"
		"baresip is ready.\n"), 0);
	assert_string_equal(out, "cannot load the console module "
			    "/nowhere/cordboard.so: file too short");
}

static void other_failures_quote_baresip(void **state)
{
	assert_int_equal(reason("ua: init failed (Out of memory)\n"), 0);
	assert_string_equal(out, "baresip could not start: ua: init failed "
			    "(Out of memory)");
}

static void nothing_known_is_not_guessed(void **state)
{
	assert_int_equal(reason("baresip v1.0.0\nbaresip is ready.\n"),
			 ENOENT);
	assert_int_equal(reason(""), ENOENT);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(a_taken_port_is_said_without_colours),
		cmocka_unit_test(an_address_not_ours_is_said),
		cmocka_unit_test(an_unreadable_ca_is_named),
		cmocka_unit_test(a_module_that_does_not_load_is_named),
		cmocka_unit_test(other_failures_quote_baresip),
		cmocka_unit_test(nothing_known_is_not_guessed),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
