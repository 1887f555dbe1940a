/*
 * test_detached.c — the terminal is not the phone: without a terminal
 * the calls go on (held callers stay held, ringing ones go to the
 * overflow target), a terminal back within the grace finds everything
 * where it was, and at the end of the grace every caller is handed on
 * or told; against a fake phone and a fake clock.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "park_desk.h"
#include "core/board_int.h"
#include "core/detached.h"
#include "core/queue.h"
#include "core/service.h"

#define GRACE_S 120

static void overflow_target_set(struct desk *d, const char *target)
{
	struct queue_config q;

	queue_config_defaults(&q);
	snprintf(q.overflow_target, sizeof(q.overflow_target), "%s", target);
	assert_int_equal(queue_configure(&d->b, &q, NULL, 0), 0);
}

/* The desk of the integration test: ACME held, Bob talking, Widget
 * ringing; returns Widget's line. */
static line_id three_callers(struct desk *d, line_id *bob)
{
	/* ACME is answered by setup; Bob answered holds ACME */
	*bob = answered(d, "Bob Jones", "sip:+441632960001@x");
	assert_int_equal(caller(d)->state, LINE_HELD);
	assert_int_equal(line(d, *bob)->state, LINE_TALKING);
	d->phone.nops = 0;
	return board_on_offered(&d->b, "Widget Ltd", "sip:+441632960002@x");
}

/* Seconds go by with the app's timer ticking; true when it may end. */
static bool seconds_pass(struct desk *d, int s)
{
	bool done = false;

	while (s-- > 0) {
		fake_now += 1000;
		done = board_detached_tick(&d->b);
	}
	return done;
}

static void nothing_changes_while_the_terminal_is_there(void **state)
{
	struct desk *d = *state;
	line_id bob, w = three_callers(d, &bob);

	overflow_target_set(d, "201");
	assert_false(board_is_detached(&d->b));
	assert_false(seconds_pass(d, GRACE_S + 60));
	assert_int_equal(d->phone.nops, 0);
	assert_int_equal(line(d, w)->state, LINE_OFFERED);
	assert_true(d->phone.ringing);
}

static void held_stay_held_and_ringing_go_to_the_overflow(void **state)
{
	struct desk *d = *state;
	line_id bob, w = three_callers(d, &bob);

	overflow_target_set(d, "201");
	assert_int_equal(board_detached(&d->b, GRACE_S), 0);
	assert_true(board_is_detached(&d->b));
	/* Widget is answered to be sent on; ACME and Bob are untouched */
	assert_int_equal(d->phone.nops, 1);
	assert_string_equal(op(d, 0)->what, "answer");
	assert_int_equal(op(d, 0)->id, w);
	board_on_established(&d->b, w);
	assert_string_equal(fake_last(&d->phone)->what, "refer");
	assert_string_equal(fake_last(&d->phone)->uri, "sip:201@office");
	assert_int_equal(caller(d)->state, LINE_HELD);
	assert_int_equal(line(d, bob)->state, LINE_TALKING);

	/* a new caller while detached goes there too */
	d->phone.nops = 0;
	line_id z = board_on_offered(&d->b, "Zeta", "sip:+33100@x");
	assert_string_equal(op(d, 0)->what, "answer");
	assert_int_equal(op(d, 0)->id, z);

	/* a terminal back within the grace: everything where it was */
	assert_false(seconds_pass(d, GRACE_S - 1));
	board_attached(&d->b);
	assert_false(board_is_detached(&d->b));
	assert_int_equal(caller(d)->state, LINE_HELD);
	assert_int_equal(line(d, bob)->state, LINE_TALKING);
	assert_int_equal(fake_count(&d->phone, "hangup", d->caller), 0);
	assert_int_equal(fake_count(&d->phone, "hangup", bob), 0);
	assert_false(seconds_pass(d, 10));
	assert_int_equal(caller(d)->state, LINE_HELD);
}

static void without_a_target_callers_ring_on_then_hear_480(void **state)
{
	struct desk *d = *state;
	line_id bob, w = three_callers(d, &bob);

	assert_int_equal(board_detached(&d->b, GRACE_S), 0);
	assert_int_equal(d->phone.nops, 0);
	assert_int_equal(line(d, w)->state, LINE_OFFERED);
	assert_true(d->phone.ringing);
	assert_false(seconds_pass(d, GRACE_S - 1));
	assert_int_equal(d->phone.nops, 0);

	/* the grace is over: 480 with a reason, BYE to the others */
	assert_true(seconds_pass(d, 1));
	assert_int_equal(fake_count(&d->phone, "hangup", w), 1);
	assert_int_equal(fake_count(&d->phone, "hangup", bob), 1);
	assert_int_equal(fake_count(&d->phone, "hangup", d->caller), 1);
	assert_string_equal(op(d, 0)->what, "hangup");
	assert_int_equal(op(d, 0)->id, w);
	assert_int_equal(op(d, 0)->arg, 480);
	assert_string_equal(op(d, 0)->uri,
			    "The reception console lost its terminal");
	assert_int_equal(op(d, 1)->arg, 0);
	assert_int_equal(d->b.nlines, 0);
}

static void at_the_end_callers_go_to_the_overflow_target(void **state)
{
	struct desk *d = *state;
	line_id bob;

	three_callers(d, &bob);
	board_hangup(&d->b, d->b.lines[2].id);   /* Widget: no ringing */
	overflow_target_set(d, "201");
	board_detached(&d->b, GRACE_S);
	d->phone.nops = 0;
	assert_false(seconds_pass(d, GRACE_S));
	/* both are referred blind to Alice, none hung up yet */
	assert_int_equal(fake_count(&d->phone, "refer", bob), 1);
	assert_int_equal(fake_count(&d->phone, "refer", d->caller), 1);
	assert_int_equal(fake_count(&d->phone, "hangup", bob), 0);
	assert_non_null(board_xfer_of(&d->b, bob));

	/* Alice takes Bob; ACME's transfer fails and ACME is hung up */
	board_on_refer_result(&d->b, bob, 200, "OK");
	assert_int_equal(d->transferred, 1);
	board_on_refer_result(&d->b, d->caller, 486, "Busy Here");
	assert_int_equal(d->recalls, 1);
	assert_true(seconds_pass(d, 1));
	assert_int_equal(fake_count(&d->phone, "refer", d->caller), 1);
	assert_int_equal(d->b.nlines, 0);
}

static void a_busy_target_still_gets_the_caller(void **state)
{
	struct desk *d = *state;   /* ACME talks to the operator */

	overflow_target_set(d, "201");
	board_extension(&d->b, "201")->line_state = EXT_LINE_INCALL;
	board_detached(&d->b, GRACE_S);
	assert_false(seconds_pass(d, GRACE_S));
	/* nobody is there to choose camp-on or voicemail: the REFER goes */
	assert_int_equal(fake_count(&d->phone, "refer", d->caller), 1);
	assert_int_equal(fake_count(&d->phone, "hangup", d->caller), 0);
	board_on_refer_result(&d->b, d->caller, 200, "OK");
	assert_true(seconds_pass(d, 1));
}

/* In the day, without an overflow target, the night target takes the
 * callers who ring; the callers of the operator's are hung up at the
 * end (they were not night calls). */
static void the_night_target_takes_ringing_callers(void **state)
{
	struct desk *d = *state;   /* ACME talks to the operator */
	struct service_config cfg = { .mode = SERVICE_DAY };
	line_id w;

	snprintf(cfg.night_target, sizeof(cfg.night_target), "202");
	assert_int_equal(service_configure(&d->b, &cfg, NULL), 0);
	w = board_on_offered(&d->b, "Widget Ltd", "sip:+441632960002@x");
	board_detached(&d->b, GRACE_S);
	assert_int_equal(fake_count(&d->phone, "answer", w), 1);
	board_on_established(&d->b, w);
	assert_string_equal(fake_last(&d->phone)->what, "refer");
	assert_string_equal(fake_last(&d->phone)->uri, "sip:202@office");
	board_on_refer_result(&d->b, w, 200, "OK");
	assert_true(seconds_pass(d, GRACE_S));
	assert_int_equal(fake_count(&d->phone, "refer", d->caller), 0);
	assert_int_equal(fake_count(&d->phone, "hangup", d->caller), 1);
}

static void a_transfer_that_never_ends_is_given_up(void **state)
{
	struct desk *d = *state;

	overflow_target_set(d, "201");
	board_detached(&d->b, GRACE_S);
	assert_false(seconds_pass(d, GRACE_S));
	assert_int_equal(fake_count(&d->phone, "refer", d->caller), 1);
	assert_false(seconds_pass(d, DETACHED_GIVE_UP_S - 1));
	assert_true(seconds_pass(d, 1));
	assert_int_equal(d->b.nlines, 0);
}

static void after_the_grace_a_new_caller_hears_480(void **state)
{
	struct desk *d = *state;
	line_id z;

	board_hangup(&d->b, d->caller);
	board_detached(&d->b, 5);
	assert_true(seconds_pass(d, 5));
	d->phone.nops = 0;
	z = board_on_offered(&d->b, "Zeta", "sip:+33100@x");
	assert_int_equal(fake_count(&d->phone, "hangup", z), 1);
	assert_int_equal(op(d, 0)->arg, 480);
	assert_null(board_line(&d->b, z));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
			nothing_changes_while_the_terminal_is_there, setup,
			fake_board_teardown),
		cmocka_unit_test_setup_teardown(
			held_stay_held_and_ringing_go_to_the_overflow, setup,
			fake_board_teardown),
		cmocka_unit_test_setup_teardown(
			without_a_target_callers_ring_on_then_hear_480, setup,
			fake_board_teardown),
		cmocka_unit_test_setup_teardown(
			at_the_end_callers_go_to_the_overflow_target, setup,
			fake_board_teardown),
		cmocka_unit_test_setup_teardown(
			a_busy_target_still_gets_the_caller, setup,
			fake_board_teardown),
		cmocka_unit_test_setup_teardown(
			the_night_target_takes_ringing_callers, setup,
			fake_board_teardown),
		cmocka_unit_test_setup_teardown(
			a_transfer_that_never_ends_is_given_up, setup,
			fake_board_teardown),
		cmocka_unit_test_setup_teardown(
			after_the_grace_a_new_caller_hears_480, setup,
			fake_board_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
