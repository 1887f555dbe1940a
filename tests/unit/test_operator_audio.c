/*
 * test_operator_audio.c — the operator's own audio against a fake phone:
 * the ringer follows ringing calls, mute holds for every call, the
 * volume moves in steps within its bounds, and observers hear of each.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "core/board.h"
#include "core/evlog.h"
#include "fake_phone.h"

struct desk {
	struct board b;
	struct fake_phone phone;
	char events[8][256];
	int nevents;
};

static void record_event(void *arg, const struct board_event *ev)
{
	struct desk *d = arg;

	if ((ev->type == EV_MUTE || ev->type == EV_VOLUME) && d->nevents < 8)
		evlog_format(d->events[d->nevents++], 256, ev, fake_now);
}

static int setup(void **state)
{
	static struct desk d;

	memset(&d, 0, sizeof(d));
	fake_phone_setup(&d.phone, &d.b);
	board_observe(&d.b, record_event, &d);
	*state = &d;
	return 0;
}

static void the_ringer_rings_while_any_call_rings(void **state)
{
	struct desk *d = *state;
	line_id acme, bob;

	assert_false(d->phone.ringing);
	acme = board_on_offered(&d->b, "ACME", "sip:100@x");
	assert_true(d->phone.ringing);
	bob = board_on_offered(&d->b, "Bob", "sip:101@x");
	assert_int_equal(d->phone.ring_changes, 1);   /* not restarted */
	board_answer(&d->b, acme);
	board_on_established(&d->b, acme);
	assert_true(d->phone.ringing);                /* Bob still rings */
	board_on_closed(&d->b, bob, 487, "Request Terminated");
	assert_false(d->phone.ringing);
	assert_int_equal(d->phone.ring_changes, 2);
	/* an outgoing call rings the callee, not the console */
	board_dial(&d->b, "sip:201@x");
	assert_false(d->phone.ringing);
}

static void a_ringer_that_fails_keeps_the_call(void **state)
{
	struct desk *d = *state;
	line_id acme;

	d->phone.ring_fails = ENODEV;
	acme = board_on_offered(&d->b, "ACME", "sip:100@x");
	assert_int_not_equal(acme, 0);
	assert_int_equal(board_line(&d->b, acme)->state, LINE_OFFERED);
	assert_false(d->b.ringing);
	/* the next call tries the ringer again */
	d->phone.ring_fails = 0;
	board_on_offered(&d->b, "Bob", "sip:101@x");
	assert_true(d->phone.ringing);
}

static void mute_toggles_and_is_told(void **state)
{
	struct desk *d = *state;

	assert_int_equal(board_mute(&d->b, -1), 0);
	assert_true(d->phone.muted);
	assert_true(d->b.muted);
	assert_non_null(strstr(d->b.status, "muted"));
	assert_int_equal(board_mute(&d->b, -1), 0);
	assert_false(d->phone.muted);
	assert_int_equal(board_mute(&d->b, 0), 0);   /* already off */
	assert_int_equal(d->nevents, 2);
	assert_non_null(strstr(d->events[0], "\"event\":\"mute\""));
	assert_non_null(strstr(d->events[0], "\"detail\":\"on\""));
	assert_non_null(strstr(d->events[1], "\"detail\":\"off\""));
}

static void a_call_answered_while_muted_says_so(void **state)
{
	struct desk *d = *state;
	line_id acme;

	board_mute(&d->b, 1);
	acme = board_on_offered(&d->b, "ACME", "sip:100@x");
	board_answer(&d->b, acme);
	board_on_established(&d->b, acme);
	assert_non_null(strstr(d->b.status, "Connected to ACME"));
	assert_non_null(strstr(d->b.status, "microphone is muted"));
}

static void volume_moves_in_steps_within_bounds(void **state)
{
	struct desk *d = *state;
	int i;

	assert_int_equal(board_volume_step(&d->b, -1), 0);
	assert_int_equal(d->phone.volume_db, -BOARD_VOLUME_STEP_DB);
	assert_string_equal(d->b.status, "Headset volume -3 dB");
	for (i = 0; i < 40; i++)
		board_volume_step(&d->b, 1);
	assert_int_equal(d->phone.volume_db, BOARD_VOLUME_MAX_DB);
	assert_non_null(strstr(d->b.status, "loudest"));
	board_volume_set(&d->b, -100);
	assert_int_equal(d->phone.volume_db, BOARD_VOLUME_MIN_DB);
	assert_non_null(strstr(d->b.status, "softest"));
	assert_non_null(strstr(d->events[0], "\"event\":\"volume\""));
	assert_non_null(strstr(d->events[0], "\"text\":\"-3\""));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(the_ringer_rings_while_any_call_rings,
				       setup, fake_board_teardown),
		cmocka_unit_test_setup_teardown(a_ringer_that_fails_keeps_the_call,
				       setup, fake_board_teardown),
		cmocka_unit_test_setup_teardown(mute_toggles_and_is_told, setup, fake_board_teardown),
		cmocka_unit_test_setup_teardown(a_call_answered_while_muted_says_so,
				       setup, fake_board_teardown),
		cmocka_unit_test_setup_teardown(volume_moves_in_steps_within_bounds,
				       setup, fake_board_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
