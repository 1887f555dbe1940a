/*
 * test_park.c — park slots, pick-up by the operator and by an extension
 * calling a slot, and slots that time out, against a fake phone and a
 * fake clock. As everywhere: whatever fails, the console never hangs up
 * a caller.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "park_desk.h"

/* ---- park slots ---------------------------------------------------- */

static void park_holds_the_caller_in_the_first_free_slot(void **state)
{
	struct desk *d = *state;

	assert_int_equal(board_park(&d->b, fake_sel(&d->b)), 0);
	assert_int_equal(d->phone.nops, 1);
	assert_string_equal(op(d, 0)->what, "hold");
	assert_int_equal(op(d, 0)->id, d->caller);
	assert_int_equal(op(d, 0)->arg, 1);
	assert_int_equal(caller(d)->state, LINE_HELD);
	assert_int_equal(caller(d)->park_slot, 1);
	assert_int_equal(caller(d)->parked_ms, fake_now);
	assert_ptr_equal(board_parked(&d->b, 1), caller(d));
	assert_null(board_parked(&d->b, 2));
	assert_string_equal(d->park_events, "parked 1");
}

static void second_caller_gets_the_next_slot(void **state)
{
	struct desk *d = *state;
	line_id globex;

	board_park(&d->b, fake_sel(&d->b));
	globex = answered(d, "Globex", "sip:globex@x");
	assert_int_equal(board_park(&d->b, fake_sel(&d->b)), 0);
	assert_int_equal(line(d, globex)->park_slot, 2);
	assert_int_equal(caller(d)->park_slot, 1);
	assert_string_equal(d->park_events, "parked 1 parked 2");
}

static void all_slots_taken_changes_nothing(void **state)
{
	struct desk *d = *state;
	line_id initech;

	board_park(&d->b, fake_sel(&d->b));
	answered(d, "Globex", "sip:globex@x");
	board_park(&d->b, fake_sel(&d->b));
	initech = answered(d, "Initech", "sip:initech@x");
	d->phone.nops = 0;
	assert_int_equal(board_park(&d->b, fake_sel(&d->b)), ENOSPC);
	assert_int_equal(d->phone.nops, 0);
	assert_int_equal(line(d, initech)->state, LINE_TALKING);
	assert_int_equal(line(d, initech)->park_slot, 0);
	assert_string_equal(d->b.status, "All 2 park slots are taken");
	assert_string_equal(d->park_events, "parked 1 parked 2");
}

static void parking_a_parked_line_again_is_refused(void **state)
{
	struct desk *d = *state;

	board_park(&d->b, fake_sel(&d->b));
	select_line(d, d->caller);
	d->phone.nops = 0;
	assert_int_equal(board_park(&d->b, fake_sel(&d->b)), EEXIST);
	assert_int_equal(d->phone.nops, 0);
	assert_int_equal(caller(d)->park_slot, 1);
	assert_string_equal(d->park_events, "parked 1");
}

static void a_slot_is_free_again_after_pickup(void **state)
{
	struct desk *d = *state;
	line_id globex, initech;

	board_park(&d->b, fake_sel(&d->b));
	globex = answered(d, "Globex", "sip:globex@x");
	board_park(&d->b, fake_sel(&d->b));
	assert_int_equal(board_pickup(&d->b, 1), 0);
	initech = answered(d, "Initech", "sip:initech@x");
	assert_int_equal(board_park(&d->b, fake_sel(&d->b)), 0);
	assert_int_equal(line(d, initech)->park_slot, 1);
	assert_int_equal(line(d, globex)->park_slot, 2);
	assert_int_equal(caller(d)->park_slot, 0);
}

static void pickup_retrieves_the_parked_line(void **state)
{
	struct desk *d = *state;

	board_park(&d->b, fake_sel(&d->b));
	d->phone.nops = 0;
	assert_int_equal(board_pickup(&d->b, 1), 0);
	assert_int_equal(d->phone.nops, 1);
	assert_string_equal(op(d, 0)->what, "hold");
	assert_int_equal(op(d, 0)->id, d->caller);
	assert_int_equal(op(d, 0)->arg, 0);
	assert_int_equal(caller(d)->state, LINE_TALKING);
	assert_int_equal(caller(d)->park_slot, 0);
	assert_int_equal(caller(d)->parked_ms, 0);
	assert_null(board_parked(&d->b, 1));
	assert_string_equal(d->park_events, "parked 1 picked-up 1");
}

static void pickup_0_takes_the_one_parked_longest(void **state)
{
	struct desk *d = *state;
	line_id globex;

	/* Globex in slot 2 ends up waiting longer than ACME in slot 1 */
	board_park(&d->b, fake_sel(&d->b));
	fake_now += 1000;
	globex = answered(d, "Globex", "sip:globex@x");
	board_park(&d->b, fake_sel(&d->b));
	fake_now += 1000;
	board_pickup(&d->b, 1);
	select_line(d, d->caller);
	board_park(&d->b, fake_sel(&d->b));
	assert_int_equal(caller(d)->park_slot, 1);
	assert_int_equal(line(d, globex)->park_slot, 2);
	d->phone.nops = 0;
	d->park_events[0] = '\0';
	assert_int_equal(board_pickup(&d->b, 0), 0);
	assert_int_equal(line(d, globex)->park_slot, 0);
	assert_int_equal(line(d, globex)->state, LINE_TALKING);
	assert_int_equal(caller(d)->park_slot, 1);
	assert_int_equal(caller(d)->state, LINE_HELD);
	assert_int_equal(d->phone.nops, 1);
	assert_int_equal(fake_count(&d->phone, "hold", globex), 1);
	assert_string_equal(d->park_events, "picked-up 2");
}

static void pickup_of_an_empty_slot_is_enoent(void **state)
{
	struct desk *d = *state;

	assert_int_equal(board_pickup(&d->b, 0), ENOENT);
	assert_string_equal(d->b.status, "Nobody is parked");
	board_park(&d->b, fake_sel(&d->b));
	d->phone.nops = 0;
	assert_int_equal(board_pickup(&d->b, 2), ENOENT);
	assert_string_equal(d->b.status, "Nobody is parked in slot 2");
	assert_int_equal(d->phone.nops, 0);
	assert_int_equal(caller(d)->park_slot, 1);
}

/* ---- an extension calls the slot ----------------------------------- */

/* ACME parked in slot 1; Alice calls park-1 and is answered. */
static line_id picker_calls(struct desk *d, const char *dialled)
{
	line_id picker;

	board_park(&d->b, fake_sel(&d->b));
	d->phone.nops = 0;
	d->phone.ring_changes = 0;   /* ACME rang before it was answered */
	d->park_events[0] = '\0';
	picker = board_on_offered_to(&d->b, "Alice", "sip:201@x", dialled);
	assert_int_not_equal(picker, 0);
	return picker;
}

static void a_call_to_the_slot_is_answered_without_ringing(void **state)
{
	struct desk *d = *state;
	line_id picker = picker_calls(d, "park-1"), other;

	assert_int_equal(d->phone.nops, 1);
	assert_string_equal(op(d, 0)->what, "answer");
	assert_int_equal(op(d, 0)->id, picker);
	assert_int_equal(line(d, picker)->pickup_of, d->caller);
	assert_int_equal(d->phone.ringing, 0);
	assert_int_equal(d->phone.ring_changes, 0);
	/* the caller is still parked until the call connects */
	assert_int_equal(caller(d)->park_slot, 1);
	/* a call that rings and goes meanwhile leaves the ringer off */
	other = board_on_offered(&d->b, "Globex", "sip:globex@x");
	assert_int_equal(d->phone.ringing, 1);
	board_on_closed(&d->b, other, 487, "Request Terminated");
	assert_int_equal(d->phone.ringing, 0);
}

static void the_connected_picker_gets_the_caller_by_refer(void **state)
{
	struct desk *d = *state;
	line_id picker = picker_calls(d, "park-1");

	board_on_established(&d->b, picker);
	assert_string_equal(fake_last(&d->phone)->what, "refer_replaces");
	assert_int_equal(fake_last(&d->phone)->id, d->caller);
	assert_int_equal(fake_last(&d->phone)->arg, (int)picker);
	assert_int_equal(line(d, picker)->state, LINE_HANDOVER);
	assert_int_equal(caller(d)->park_slot, 0);
	assert_string_equal(d->park_events, "picked-up 1");
	assert_int_equal(board_xfer_of(&d->b, d->caller)->state,
			 XFER_REFERRING);

	board_on_refer_result(&d->b, d->caller, 200, "OK");
	assert_int_equal(d->transferred, 1);
	assert_string_equal(d->transferred_text, "ACME Corp -> Alice");
	assert_null(board_xfer_of(&d->b, d->caller));
	assert_int_equal(fake_count(&d->phone, "hangup", d->caller), 0);
	assert_int_equal(d->recalls, 0);
}

static void refused_refer_bridges_caller_and_picker(int status,
						     const char *reason,
						     struct desk *d)
{
	line_id picker = picker_calls(d, "park-1");

	board_on_established(&d->b, picker);
	board_on_refer_result(&d->b, d->caller, status, reason);
	assert_int_equal(d->b.conf.state, CONF_BRIDGED);
	assert_int_equal(d->phone.nmixed, 2);
	assert_int_equal(d->phone.mixed[0], d->caller);
	assert_int_equal(d->phone.mixed[1], picker);
	assert_int_equal(d->phone.mix_with_operator, 0);
	assert_int_equal(caller(d)->state, LINE_BRIDGED);
	assert_int_equal(line(d, picker)->state, LINE_BRIDGED);
	assert_null(board_xfer_of(&d->b, d->caller));
	assert_int_equal(fake_count(&d->phone, "hangup", d->caller), 0);
	assert_int_equal(fake_count(&d->phone, "hangup", picker), 0);
	assert_int_equal(d->transferred, 0);
}

static void refer_405_bridges_at_the_console(void **state)
{
	refused_refer_bridges_caller_and_picker(405, "Method Not Allowed",
						*state);
}

static void refer_603_bridges_at_the_console(void **state)
{
	refused_refer_bridges_caller_and_picker(603, "Decline", *state);
}

static void a_call_to_an_empty_slot_gets_404(void **state)
{
	struct desk *d = *state;
	line_id picker = picker_calls(d, "park-2");

	assert_int_equal(d->phone.nops, 1);
	assert_string_equal(op(d, 0)->what, "hangup");
	assert_int_equal(op(d, 0)->id, picker);
	assert_int_equal(op(d, 0)->arg, 404);
	assert_null(line(d, picker));
	assert_int_equal(caller(d)->park_slot, 1);
	assert_int_equal(caller(d)->state, LINE_HELD);
	assert_int_equal(d->phone.ring_changes, 0);
	assert_string_equal(d->park_events, "");
}

static void a_call_to_slot_5_of_8_that_is_empty_gets_404(void **state)
{
	struct desk *d = *state;
	line_id picker;

	d->b.pcfg.slots = 8;
	picker = picker_calls(d, "park-5");
	assert_int_equal(d->phone.nops, 1);
	assert_string_equal(op(d, 0)->what, "hangup");
	assert_int_equal(op(d, 0)->id, picker);
	assert_int_equal(op(d, 0)->arg, 404);
	assert_int_equal(fake_count(&d->phone, "hold", d->caller), 0);
	assert_int_equal(caller(d)->park_slot, 1);
	assert_int_equal(caller(d)->state, LINE_HELD);
}

static void a_call_to_reception_is_an_ordinary_call(void **state)
{
	struct desk *d = *state;
	line_id id = picker_calls(d, "reception");

	assert_int_equal(line(d, id)->state, LINE_OFFERED);
	assert_int_equal(line(d, id)->pickup_of, 0);
	assert_int_equal(d->phone.nops, 0);
	assert_int_equal(d->phone.ringing, 1);
	assert_int_equal(caller(d)->park_slot, 1);
}

/* ---- a caller merely on hold, taken by another console ------------- */

/* ACME on hold (not parked): "park-held<ID>" names it. */
static line_id held_taker_calls(struct desk *d)
{
	char user[64];
	line_id picker;

	assert_int_equal(board_hold_toggle(&d->b, d->caller), 0);
	assert_int_equal(caller(d)->state, LINE_HELD);
	assert_true(board_take_user(&d->b, caller(d), user, sizeof(user)));
	d->phone.nops = 0;
	d->phone.ring_changes = 0;
	picker = board_on_offered_to(&d->b, "Operator 2", "sip:reception@x",
				     user);
	assert_int_not_equal(picker, 0);
	return picker;
}

static void a_held_caller_is_offered_by_its_line(void **state)
{
	struct desk *d = *state;
	char user[64], want[64];

	/* talking: nothing to take */
	assert_false(board_take_user(&d->b, caller(d), user, sizeof(user)));
	board_hold_toggle(&d->b, d->caller);
	assert_true(board_take_user(&d->b, caller(d), user, sizeof(user)));
	snprintf(want, sizeof(want), "park-held%u", (unsigned)d->caller);
	assert_string_equal(user, want);
	board_hold_toggle(&d->b, d->caller);
	board_park(&d->b, d->caller);
	assert_true(board_take_user(&d->b, caller(d), user, sizeof(user)));
	assert_string_equal(user, "park-1");
}

static void a_held_caller_is_taken_as_a_parked_one(void **state)
{
	struct desk *d = *state;
	line_id picker = held_taker_calls(d);
	char user[64];

	assert_string_equal(op(d, 0)->what, "answer");
	assert_int_equal(line(d, picker)->pickup_of, d->caller);
	assert_int_equal(d->phone.ring_changes, 0);
	board_on_established(&d->b, picker);
	assert_string_equal(fake_last(&d->phone)->what, "refer_replaces");
	assert_int_equal(fake_last(&d->phone)->id, d->caller);
	assert_string_equal(d->park_events, "taken from hold");
	/* being handed over, it is offered to nobody else */
	assert_false(board_take_user(&d->b, caller(d), user, sizeof(user)));
	/* another console takes no Replaces: bridged here, nobody dropped */
	board_on_refer_result(&d->b, d->caller, 405, "Method Not Allowed");
	assert_int_equal(d->b.conf.state, CONF_BRIDGED);
	assert_int_equal(caller(d)->state, LINE_BRIDGED);
	assert_int_equal(line(d, picker)->state, LINE_BRIDGED);
	assert_int_equal(fake_count(&d->phone, "hangup", d->caller), 0);
}

static void a_caller_no_longer_on_hold_is_not_taken(void **state)
{
	struct desk *d = *state;
	char user[64];
	line_id picker;

	board_hold_toggle(&d->b, d->caller);
	board_take_user(&d->b, caller(d), user, sizeof(user));
	board_hold_toggle(&d->b, d->caller);   /* the operator took it back */
	d->phone.nops = 0;
	picker = board_on_offered_to(&d->b, "Operator 2", "sip:reception@x",
				     user);
	assert_string_equal(op(d, 0)->what, "hangup");
	assert_int_equal(op(d, 0)->id, picker);
	assert_int_equal(op(d, 0)->arg, 404);
	assert_int_equal(caller(d)->state, LINE_TALKING);
	assert_string_equal(d->park_events, "");
}

/* ---- park timeout -------------------------------------------------- */

static void a_parked_caller_comes_back_after_the_timeout(void **state)
{
	struct desk *d = *state;

	d->b.pcfg.timeout_s = 60;
	board_park(&d->b, fake_sel(&d->b));
	d->phone.nops = 0;
	fake_now += 59999;
	board_tick(&d->b);
	assert_int_equal(d->phone.nops, 0);
	assert_int_equal(caller(d)->park_slot, 1);
	assert_false(caller(d)->recall);
	assert_int_equal(d->recalls, 0);

	fake_now += 1;
	board_tick(&d->b);
	assert_int_equal(caller(d)->park_slot, 0);
	assert_true(caller(d)->recall);
	/* the operator is free: the caller is retrieved */
	assert_int_equal(caller(d)->state, LINE_TALKING);
	assert_int_equal(d->phone.nops, 1);
	assert_string_equal(op(d, 0)->what, "hold");
	assert_int_equal(op(d, 0)->arg, 0);
	assert_int_equal(d->recalls, 1);
	assert_string_equal(d->park_events, "parked 1 recalled 1");
	assert_null(board_parked(&d->b, 1));
}

static void a_timed_out_caller_waits_while_the_operator_talks(void **state)
{
	struct desk *d = *state;
	line_id globex;

	board_park(&d->b, fake_sel(&d->b));
	globex = answered(d, "Globex", "sip:globex@x");
	d->phone.nops = 0;
	fake_now += (int64_t)d->b.pcfg.timeout_s * 1000;
	board_tick(&d->b);
	assert_true(caller(d)->recall);
	assert_int_equal(caller(d)->park_slot, 0);
	assert_int_equal(caller(d)->state, LINE_HELD);
	assert_int_equal(line(d, globex)->state, LINE_TALKING);
	assert_int_equal(d->phone.nops, 0);
	assert_int_equal(d->recalls, 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(park_holds_the_caller_in_the_first_free_slot, setup, fake_board_teardown),
		cmocka_unit_test_setup_teardown(second_caller_gets_the_next_slot, setup, fake_board_teardown),
		cmocka_unit_test_setup_teardown(all_slots_taken_changes_nothing, setup, fake_board_teardown),
		cmocka_unit_test_setup_teardown(parking_a_parked_line_again_is_refused, setup, fake_board_teardown),
		cmocka_unit_test_setup_teardown(a_slot_is_free_again_after_pickup, setup, fake_board_teardown),
		cmocka_unit_test_setup_teardown(pickup_retrieves_the_parked_line, setup, fake_board_teardown),
		cmocka_unit_test_setup_teardown(pickup_0_takes_the_one_parked_longest, setup, fake_board_teardown),
		cmocka_unit_test_setup_teardown(pickup_of_an_empty_slot_is_enoent, setup, fake_board_teardown),
		cmocka_unit_test_setup_teardown(a_call_to_the_slot_is_answered_without_ringing, setup, fake_board_teardown),
		cmocka_unit_test_setup_teardown(the_connected_picker_gets_the_caller_by_refer, setup, fake_board_teardown),
		cmocka_unit_test_setup_teardown(refer_405_bridges_at_the_console, setup, fake_board_teardown),
		cmocka_unit_test_setup_teardown(refer_603_bridges_at_the_console, setup, fake_board_teardown),
		cmocka_unit_test_setup_teardown(a_call_to_an_empty_slot_gets_404, setup, fake_board_teardown),
		cmocka_unit_test_setup_teardown(a_call_to_slot_5_of_8_that_is_empty_gets_404, setup, fake_board_teardown),
		cmocka_unit_test_setup_teardown(a_call_to_reception_is_an_ordinary_call, setup, fake_board_teardown),
		cmocka_unit_test_setup_teardown(a_held_caller_is_offered_by_its_line, setup, fake_board_teardown),
		cmocka_unit_test_setup_teardown(a_held_caller_is_taken_as_a_parked_one, setup, fake_board_teardown),
		cmocka_unit_test_setup_teardown(a_caller_no_longer_on_hold_is_not_taken, setup, fake_board_teardown),
		cmocka_unit_test_setup_teardown(a_parked_caller_comes_back_after_the_timeout, setup, fake_board_teardown),
		cmocka_unit_test_setup_teardown(a_timed_out_caller_waits_while_the_operator_talks, setup, fake_board_teardown),
	};

	return cmocka_run_group_tests_name("park", tests, NULL, NULL);
}
