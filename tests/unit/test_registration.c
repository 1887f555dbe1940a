/*
 * test_registration.c — the registration as the operator sees it, on a
 * fake clock: a refused password is said in plain words, the console
 * tries again after seconds and then minutes (never at once), and the
 * status bar's one word never contradicts the status line.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "core/board.h"
#include "core/registration.h"
#include "fake_phone.h"

struct desk {
	struct board b;
	struct fake_phone phone;
};

static int setup(void **state)
{
	static struct desk d;

	memset(&d, 0, sizeof(d));
	fake_phone_setup(&d.phone, &d.b);
	*state = &d;
	return 0;
}

static int registers(const struct desk *d)
{
	return fake_count(&d->phone, "register", 0);
}

/* Runs the board's clock on by S seconds, a tick a second. */
static void seconds_pass(struct desk *d, int s)
{
	while (s-- > 0) {
		fake_now += 1000;
		board_tick(&d->b);
	}
}

static void a_wrong_password_is_said_in_the_operators_words(void **state)
{
	struct desk *d = *state;

	board_on_registration(&d->b, REG_REGISTERING, "");
	assert_string_equal(registration_state_text(&d->b), "registering");
	board_on_registration(&d->b, REG_FAILED, "401 Unauthorized");
	assert_non_null(strstr(d->b.status, "Registration refused (401): "
			       "check auth_user and password"));
	assert_true(d->b.status_error);
	assert_string_equal(registration_state_text(&d->b),
			    "not registered - retrying");
	/* the retry's own "registering" does not read as news */
	board_on_registration(&d->b, REG_REGISTERING, "");
	assert_string_equal(registration_state_text(&d->b),
			    "not registered - retrying");
}

static void retries_come_after_seconds_then_minutes(void **state)
{
	struct desk *d = *state;
	static const int expect_s[] = { 5, 10, 30, 60, 120, 300, 600, 600 };
	size_t i;

	board_on_registration(&d->b, REG_REGISTERING, "");
	for (i = 0; i < sizeof(expect_s) / sizeof(expect_s[0]); i++) {
		int before = registers(d);

		board_on_registration(&d->b, REG_FAILED, "401 Unauthorized");
		seconds_pass(d, expect_s[i] - 1);
		assert_int_equal(registers(d), before);   /* not yet */
		seconds_pass(d, 1);
		assert_int_equal(registers(d), before + 1);
		seconds_pass(d, expect_s[i] * 2);
		/* one try per failure */
		assert_int_equal(registers(d), before + 1);
	}
	assert_non_null(strstr(d->b.status, "trying again in 10 min"));
}

static void registered_again_resets_the_back_off(void **state)
{
	struct desk *d = *state;

	board_on_registration(&d->b, REG_FAILED, "408 Request Timeout");
	assert_non_null(strstr(d->b.status, "Registration refused (408 "
			       "Request Timeout)"));
	board_on_registration(&d->b, REG_FAILED, "Connection timed out");
	assert_non_null(strstr(d->b.status, "Not registered: the server does "
			       "not answer (Connection timed out) - trying "
			       "again in 10 s"));
	seconds_pass(d, 10);
	board_on_registration(&d->b, REG_OK, "200 OK");
	assert_string_equal(registration_state_text(&d->b), "registered");
	assert_string_equal(d->b.status, "Registered with the server again");
	assert_int_equal(registration_retry_at(&d->b), 0);
	/* the server goes away later: the schedule starts from seconds */
	board_on_registration(&d->b, REG_FAILED, "Connection timed out");
	assert_int_equal(registration_retry_at(&d->b), fake_now + 5000);
}

static void a_busy_server_is_left_alone_for_its_retry_after(void **state)
{
	struct desk *d = *state;

	board_on_registration(&d->b, REG_REGISTERING, "");
	/* 503 with Retry-After: 30 on the first failure (back-off: 5 s) */
	registration_server_wait(&d->b, 30);
	board_on_registration(&d->b, REG_FAILED, "503 Service Unavailable");
	assert_string_equal(d->b.status, "Server busy (503): registering "
			    "again in 30 s");
	assert_true(d->b.status_error);
	assert_string_equal(registration_state_text(&d->b),
			    "not registered - retrying");
	seconds_pass(d, 29);
	assert_int_equal(registers(d), 0);
	seconds_pass(d, 1);
	assert_int_equal(registers(d), 1);
	/* 503 without Retry-After: the back-off alone (10 s, second) */
	board_on_registration(&d->b, REG_REGISTERING, "");
	board_on_registration(&d->b, REG_FAILED, "503 Service Unavailable");
	assert_string_equal(d->b.status, "Server busy (503): registering "
			    "again in 10 s");
	seconds_pass(d, 9);
	assert_int_equal(registers(d), 1);
	seconds_pass(d, 1);
	assert_int_equal(registers(d), 2);
	/* a Retry-After shorter than the back-off does not hurry it */
	registration_server_wait(&d->b, 2);
	board_on_registration(&d->b, REG_FAILED, "503 Service Unavailable");
	assert_string_equal(d->b.status, "Server busy (503): registering "
			    "again in 30 s");
	/* one that is not whole minutes is said in seconds */
	seconds_pass(d, 30);
	registration_server_wait(&d->b, 90);
	board_on_registration(&d->b, REG_FAILED, "503 Service Unavailable");
	assert_string_equal(d->b.status, "Server busy (503): registering "
			    "again in 90 s");
	/* a bogus day-long Retry-After waits an hour at most */
	seconds_pass(d, 90);
	registration_server_wait(&d->b, 86400);
	board_on_registration(&d->b, REG_FAILED, "503 Service Unavailable");
	assert_int_equal(registration_retry_at(&d->b), fake_now + 3600000);
	assert_string_equal(d->b.status, "Server busy (503): registering "
			    "again in 60 min");
	/* registered again: the status bar says so, no try is pending */
	board_on_registration(&d->b, REG_OK, "200 OK");
	assert_string_equal(registration_state_text(&d->b), "registered");
	assert_int_equal(registration_retry_at(&d->b), 0);
}

static void without_a_registrar_there_is_nothing_to_say(void **state)
{
	struct desk *d = *state;

	assert_string_equal(registration_state_text(&d->b), "");
	seconds_pass(d, 700);
	assert_int_equal(registers(d), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
			a_wrong_password_is_said_in_the_operators_words,
			setup, fake_board_teardown),
		cmocka_unit_test_setup_teardown(
			retries_come_after_seconds_then_minutes,
			setup, fake_board_teardown),
		cmocka_unit_test_setup_teardown(
			registered_again_resets_the_back_off,
			setup, fake_board_teardown),
		cmocka_unit_test_setup_teardown(
			a_busy_server_is_left_alone_for_its_retry_after,
			setup, fake_board_teardown),
		cmocka_unit_test_setup_teardown(
			without_a_registrar_there_is_nothing_to_say,
			setup, fake_board_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
