/*
 * test_conference.c — the conference rules against a fake phone: merge
 * from a consult, split back to it, drop a party, add parties up to
 * five, step out and rejoin, leave by REFER with Replaces and every way
 * that can fail. Whatever happens, nobody is hung up by the console.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "core/board.h"
#include "fake_phone.h"

static struct extension exts[] = {
	{ .number = "201", .name = "Alice Martin", .uri = "sip:201@office" },
	{ .number = "202", .name = "Bob Stone", .uri = "sip:202@office" },
};

struct desk {
	struct board b;
	struct fake_phone phone;
	line_id caller, consult;
	char conf_events[256];    /* "merged split ..." */
	int transferred, recalls;
};

static void watch(void *arg, const struct board_event *ev)
{
	struct desk *d = arg;
	size_t n = strlen(d->conf_events);

	if (ev->type == EV_CONFERENCE)
		snprintf(d->conf_events + n, sizeof(d->conf_events) - n,
			 "%s%s", n ? " " : "", ev->text);
	if (ev->type == EV_TRANSFERRED)
		d->transferred++;
	if (ev->type == EV_RECALL)
		d->recalls++;
}

/* ACME on hold, Alice consulted and talking to the operator. */
static int setup(void **state)
{
	static struct desk d;

	memset(&d, 0, sizeof(d));
	fake_phone_setup(&d.phone, &d.b);
	board_set_extensions(&d.b, exts, 2);
	board_observe(&d.b, watch, &d);
	d.caller = fake_answered(&d.b, "ACME Corp", "sip:+3315551234@x");
	assert_int_equal(board_consult(&d.b, fake_sel(&d.b), "201"), 0);
	d.consult = fake_last(&d.phone)->id;
	board_on_established(&d.b, d.consult);
	d.phone.nops = 0;
	*state = &d;
	return 0;
}

static struct line *line(struct desk *d, line_id id)
{
	return board_line(&d->b, id);
}

static void merged(struct desk *d)
{
	assert_int_equal(board_merge(&d->b, fake_sel(&d->b)), 0);
	d->phone.nops = 0;
}

static void merge_mixes_caller_and_colleague_with_the_operator(void **st)
{
	struct desk *d = *st;

	assert_int_equal(board_merge(&d->b, fake_sel(&d->b)), 0);
	/* the held caller is retrieved, nobody is hung up */
	assert_int_equal(fake_count(&d->phone, "hold", d->caller), 1);
	assert_int_equal(d->phone.ops[0].arg, 0);
	assert_int_equal(fake_count(&d->phone, "hangup", d->caller), 0);
	assert_int_equal(d->phone.nmixed, 2);
	assert_int_equal(d->phone.mixed[0], d->caller);
	assert_int_equal(d->phone.mixed[1], d->consult);
	assert_true(d->phone.mix_with_operator);
	assert_int_equal(line(d, d->caller)->state, LINE_CONFERENCE);
	assert_int_equal(line(d, d->consult)->state, LINE_CONFERENCE);
	/* the consult became the conference */
	assert_null(board_xfer_of(&d->b, d->caller));
	assert_string_equal(d->conf_events, "merged");
	assert_non_null(strstr(d->b.status, "ACME Corp and Alice Martin"));
}

static void merge_needs_someone_on_hold(void **state)
{
	struct fake_phone f;
	struct board b;
	line_id id;

	fake_phone_setup(&f, &b);
	id = board_on_offered(&b, "ACME Corp", "sip:acme@x");
	board_answer(&b, id);
	board_on_established(&b, id);
	f.nops = 0;
	assert_int_equal(board_merge(&b, fake_sel(&b)), ENOENT);
	assert_int_equal(f.nops, 0);
	assert_int_equal(f.mix_changes, 0);
	assert_int_equal(board_line(&b, id)->state, LINE_TALKING);
	assert_non_null(strstr(b.status, "Nothing to merge with"));
	fake_phone_close(&f);
	(void)state;
}

static void split_goes_back_to_the_consult(void **state)
{
	struct desk *d = *state;
	struct xfer *x;

	merged(d);
	fake_focus(&d->b, fake_exts(&d->b));   /* no selection to go by */
	assert_int_equal(board_split(&d->b, fake_sel(&d->b)), 0);
	assert_int_equal(d->phone.nmixed, 0);
	assert_int_equal(fake_count(&d->phone, "hold", d->caller), 1);
	assert_int_equal(line(d, d->caller)->state, LINE_HELD);
	assert_int_equal(line(d, d->consult)->state, LINE_TALKING);
	x = board_xfer_of(&d->b, d->caller);
	assert_non_null(x);
	assert_int_equal(x->consult, d->consult);
	assert_int_equal(x->state, XFER_CONSULTING);
	assert_string_equal(d->conf_events, "merged split");
	/* and the consult completes as before */
	assert_int_equal(board_complete(&d->b, fake_sel_call(&d->b)), 0);
	assert_string_equal(fake_last(&d->phone)->what, "refer_replaces");
}

static void m_again_splits(void **state)
{
	struct desk *d = *state;

	merged(d);
	fake_select_line(&d->b, d->caller); /* a conference line, not held */
	fake_focus(&d->b, fake_calls(&d->b));
	assert_int_equal(board_merge(&d->b, fake_sel(&d->b)), 0);
	assert_int_equal(d->phone.nmixed, 0);
	/* the selected party stays with the operator */
	assert_int_equal(line(d, d->caller)->state, LINE_TALKING);
	assert_int_equal(line(d, d->consult)->state, LINE_HELD);
}

static void dropping_a_party_leaves_an_ordinary_call(void **state)
{
	struct desk *d = *state;

	merged(d);
	assert_int_equal(board_hangup(&d->b, d->consult), 0);
	assert_int_equal(d->b.nlines, 1);
	assert_int_equal(d->phone.nmixed, 0);
	assert_int_equal(line(d, d->caller)->state, LINE_TALKING);
	assert_false(line(d, d->caller)->recall);
	assert_int_equal(fake_count(&d->phone, "hangup", d->caller), 0);
	assert_int_equal(d->recalls, 0);
	assert_non_null(strstr(d->b.status, "ACME Corp is on the line"));
}

static void hold_on_a_conference_line_says_what_to_do(void **state)
{
	struct desk *d = *state;

	fake_keys_install(&d->b);
	merged(d);
	assert_non_null(strstr(d->b.status, "S split, x drop, L leave"));
	assert_int_equal(board_hold_toggle(&d->b, d->caller), EINVAL);
	assert_int_equal(d->phone.nops, 0);
	assert_non_null(strstr(d->b.status, "S splits, x drops"));
}

static void answering_steps_out_and_m_brings_the_call_in(void **state)
{
	struct desk *d = *state;
	const struct board_log_line *ll;
	bool told = false;
	line_id bob;
	size_t i;

	fake_keys_install(&d->b);
	merged(d);
	bob = fake_answered(&d->b, "Bob Jones", "sip:+441632960001@x");
	for (i = 0; (ll = board_log_at(&d->b, i)); i++)
		told = told || strstr(ll->text, "goes on without you (m "
				      "rejoins)");
	assert_true(told);
	/* the two go on together, the operator talks to Bob */
	assert_int_equal(d->phone.nmixed, 2);
	assert_false(d->phone.mix_with_operator);
	assert_int_equal(line(d, d->caller)->state, LINE_BRIDGED);
	assert_int_equal(line(d, bob)->state, LINE_TALKING);
	assert_int_equal(fake_count(&d->phone, "hold", d->caller), 0);
	/* m: Bob joins and the operator is back */
	assert_int_equal(board_merge(&d->b, fake_sel(&d->b)), 0);
	assert_int_equal(d->phone.nmixed, 3);
	assert_int_equal(d->phone.mixed[2], bob);
	assert_true(d->phone.mix_with_operator);
	assert_int_equal(line(d, bob)->state, LINE_CONFERENCE);
	assert_string_equal(d->conf_events, "merged bridged added");
}

static void m_adds_the_selected_held_line_up_to_five(void **state)
{
	struct desk *d = *state;
	line_id ids[4];
	size_t i;
	char uri[64];

	merged(d);
	for (i = 0; i < 4; i++) {
		snprintf(uri, sizeof(uri), "sip:+4416329600%02zu@x", i);
		ids[i] = fake_answered(&d->b, "Caller", uri);
		/* hold it, select it, merge it */
		assert_int_equal(board_hold_toggle(&d->b, ids[i]), 0);
		fake_focus(&d->b, fake_calls(&d->b));
		fake_select_line(&d->b, ids[i]);
		if (i < 2) {
			assert_int_equal(board_merge(&d->b, fake_sel(&d->b)), 0);
			continue;
		}
		if (i == 2) {
			assert_int_equal(board_merge(&d->b, fake_sel(&d->b)), 0);
			assert_int_equal(d->phone.nmixed, 5);
			continue;
		}
		d->phone.nops = 0;
		assert_int_equal(board_merge(&d->b, fake_sel(&d->b)), ENOSPC);
		assert_non_null(strstr(d->b.status, "at most 5"));
		assert_int_equal(d->phone.nops, 0);
		assert_int_equal(line(d, ids[i])->state, LINE_HELD);
	}
	/* answering the sixth took the operator out; nothing else moved */
	assert_int_equal(d->phone.nmixed, 5);
	assert_false(d->phone.mix_with_operator);
	fake_select_line(&d->b, d->caller);
	assert_int_equal(board_merge(&d->b, fake_sel(&d->b)), 0);
	assert_true(d->phone.mix_with_operator);
	assert_int_equal(d->phone.nmixed, 5);
}

static void leave_hands_the_two_over_to_each_other(void **state)
{
	struct desk *d = *state;

	merged(d);
	assert_int_equal(board_leave(&d->b), 0);
	assert_string_equal(fake_last(&d->phone)->what, "refer_replaces");
	assert_int_equal(fake_last(&d->phone)->id, d->caller);
	assert_int_equal(fake_last(&d->phone)->arg, (int)d->consult);
	/* they hear each other while the REFER goes on, not the operator */
	assert_int_equal(d->phone.nmixed, 2);
	assert_false(d->phone.mix_with_operator);
	board_on_refer_result(&d->b, d->caller, 200, "OK");
	assert_int_equal(d->transferred, 1);
	assert_int_equal(fake_count(&d->phone, "hangup", d->consult), 1);
	board_on_closed(&d->b, d->caller, 0, "Call transfered");
	assert_int_equal(d->b.nlines, 0);
	assert_int_equal(d->phone.nmixed, 0);
	assert_int_equal(d->recalls, 0);
	assert_int_equal(d->b.conf.state, CONF_NONE);
	assert_non_null(strstr(d->b.status, " is now with "));
}

static void replaced_leg_before_the_notify_is_no_failure(void **state)
{
	struct desk *d = *state;

	merged(d);
	board_leave(&d->b);
	d->phone.close_on_hangup = 0;
	board_on_closed(&d->b, d->consult, 0, "Connection reset by peer");
	assert_int_equal(d->recalls, 0);
	assert_false(line(d, d->caller)->recall);
	board_on_refer_result(&d->b, d->caller, 200, "OK");
	board_on_closed(&d->b, d->caller, 0, "Call transfered");
	assert_int_equal(d->b.nlines, 0);
	assert_int_equal(d->transferred, 1);
	assert_int_equal(d->phone.nmixed, 0);
}

static void failed_hand_over_keeps_bridging(void **state)
{
	struct desk *d = *state;

	merged(d);
	board_leave(&d->b);
	board_on_refer_result(&d->b, d->caller, 486, "Busy Here");
	assert_int_equal(d->b.conf.state, CONF_BRIDGED);
	assert_int_equal(d->phone.nmixed, 2);
	assert_false(d->phone.mix_with_operator);
	assert_int_equal(line(d, d->caller)->state, LINE_BRIDGED);
	assert_true(line(d, d->caller)->recall);
	assert_true(line(d, d->consult)->recall);
	assert_int_equal(fake_count(&d->phone, "hangup", d->caller), 0);
	assert_int_equal(fake_count(&d->phone, "hangup", d->consult), 0);
	assert_true(d->b.status_error);
	assert_non_null(strstr(d->b.status, "Bridging"));
	/* m: the operator is back in */
	assert_int_equal(board_merge(&d->b, fake_sel(&d->b)), 0);
	assert_true(d->phone.mix_with_operator);
	assert_int_equal(line(d, d->caller)->state, LINE_CONFERENCE);
}

static void no_answer_in_time_keeps_bridging(void **state)
{
	struct desk *d = *state;

	merged(d);
	board_leave(&d->b);
	fake_now += (int64_t)d->b.xcfg.recall_after_s * 1000 + 1;
	board_tick(&d->b);
	assert_int_equal(d->b.conf.state, CONF_BRIDGED);
	assert_int_equal(d->phone.nmixed, 2);
	assert_int_equal(d->b.nlines, 2);
	/* a late NOTIFY is no news by itself: if the parties did get
	 * together, their legs' closes say so */
	board_on_refer_result(&d->b, d->caller, 200, "OK");
	assert_int_equal(d->b.nlines, 2);
	assert_int_equal(d->b.conf.state, CONF_BRIDGED);
	assert_int_equal(d->transferred, 0);
}

static void refer_that_cannot_be_sent_keeps_bridging(void **state)
{
	struct desk *d = *state;

	merged(d);
	d->phone.fail_next = EPROTO;
	snprintf(d->phone.fail_what, sizeof(d->phone.fail_what),
		 "refer_replaces");
	assert_int_equal(board_leave(&d->b), EPROTO);
	assert_int_equal(d->b.conf.state, CONF_BRIDGED);
	assert_int_equal(d->phone.nmixed, 2);
	assert_int_equal(d->b.nlines, 2);
}

static void three_parties_are_bridged_on_leave(void **state)
{
	struct desk *d = *state;

	merged(d);
	fake_answered(&d->b, "Bob Jones", "sip:+441632960001@x");
	board_merge(&d->b, fake_sel(&d->b));
	d->phone.nops = 0;
	assert_int_equal(board_leave(&d->b), 0);
	assert_int_equal(d->phone.nops, 0);   /* no REFER for three */
	assert_int_equal(d->b.conf.state, CONF_BRIDGED);
	assert_int_equal(d->phone.nmixed, 3);
	assert_false(d->phone.mix_with_operator);
	assert_false(d->b.status_error);
}

static void the_last_one_in_a_bridge_comes_back(void **state)
{
	struct desk *d = *state;
	line_id bob;

	merged(d);
	board_leave(&d->b);
	board_on_refer_result(&d->b, d->caller, 603, "Declined");
	/* the operator is busy with Bob when Alice hangs up */
	bob = fake_answered(&d->b, "Bob Jones", "sip:+441632960001@x");
	d->phone.nops = 0;
	board_on_closed(&d->b, d->consult, 0, "Connection reset by peer");
	assert_int_equal(d->phone.nmixed, 0);
	assert_int_equal(fake_count(&d->phone, "hold", d->caller), 1);
	assert_int_equal(line(d, d->caller)->state, LINE_HELD);
	assert_true(line(d, d->caller)->recall);
	assert_int_equal(line(d, bob)->state, LINE_TALKING);
	assert_int_equal(d->recalls, 1);
	assert_non_null(strstr(d->b.status, "back on line"));
}

static void a_mix_that_fails_changes_nothing(void **state)
{
	struct desk *d = *state;

	d->phone.fail_next = ENODEV;
	snprintf(d->phone.fail_what, sizeof(d->phone.fail_what), "mix");
	assert_int_equal(board_merge(&d->b, fake_sel(&d->b)), ENODEV);
	assert_int_equal(line(d, d->caller)->state, LINE_HELD);
	assert_int_equal(line(d, d->consult)->state, LINE_TALKING);
	assert_int_equal(board_xfer_of(&d->b, d->caller)->consult, d->consult);
	assert_int_equal(d->b.conf.state, CONF_NONE);
	assert_int_equal(d->phone.nmixed, 0);
	assert_true(d->b.status_error);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(merge_mixes_caller_and_colleague_with_the_operator, setup, fake_board_teardown),
		cmocka_unit_test(merge_needs_someone_on_hold),
		cmocka_unit_test_setup_teardown(split_goes_back_to_the_consult, setup, fake_board_teardown),
		cmocka_unit_test_setup_teardown(m_again_splits, setup, fake_board_teardown),
		cmocka_unit_test_setup_teardown(dropping_a_party_leaves_an_ordinary_call, setup, fake_board_teardown),
		cmocka_unit_test_setup_teardown(hold_on_a_conference_line_says_what_to_do, setup, fake_board_teardown),
		cmocka_unit_test_setup_teardown(answering_steps_out_and_m_brings_the_call_in, setup, fake_board_teardown),
		cmocka_unit_test_setup_teardown(m_adds_the_selected_held_line_up_to_five, setup, fake_board_teardown),
		cmocka_unit_test_setup_teardown(leave_hands_the_two_over_to_each_other, setup, fake_board_teardown),
		cmocka_unit_test_setup_teardown(replaced_leg_before_the_notify_is_no_failure, setup, fake_board_teardown),
		cmocka_unit_test_setup_teardown(failed_hand_over_keeps_bridging, setup, fake_board_teardown),
		cmocka_unit_test_setup_teardown(no_answer_in_time_keeps_bridging, setup, fake_board_teardown),
		cmocka_unit_test_setup_teardown(refer_that_cannot_be_sent_keeps_bridging, setup, fake_board_teardown),
		cmocka_unit_test_setup_teardown(three_parties_are_bridged_on_leave, setup, fake_board_teardown),
		cmocka_unit_test_setup_teardown(the_last_one_in_a_bridge_comes_back, setup, fake_board_teardown),
		cmocka_unit_test_setup_teardown(a_mix_that_fails_changes_nothing, setup, fake_board_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
