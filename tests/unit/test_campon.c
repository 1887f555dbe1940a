/*
 * test_campon.c — camp-on against a fake phone and a fake clock: a
 * caller waits on hold for a busy colleague, is offered when their line
 * turns idle (or at each retry without a line state), and comes back to
 * the operator, flagged, when the colleague does not answer or the wait
 * runs out. Nothing refused changes a call.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "core/board.h"
#include "core/events_xml.h"
#include "core/queue.h"
#include "fake_phone.h"

static struct extension exts[] = {
	{ .number = "200", .name = "Reception", .uri = "sip:200@office" },
	{ .number = "201", .name = "Alice Martin", .uri = "sip:201@office",
	  .voicemail = "sip:vm-201@office" },
	{ .number = "202", .name = "Bob Stone", .uri = "sip:202@office" },
	{ .number = "500", .name = "All Staff", .uri = "sip:500@office",
	  .kind = EXT_PAGING_GROUP },
};

struct desk {
	struct board b;
	struct fake_phone phone;
	struct queue_config q;
	line_id acme;
	char camp_events[512];    /* "camped,offered,..." */
	char reminder[300];
	int recalls;
};

static void watch(void *arg, const struct board_event *ev)
{
	struct desk *d = arg;
	size_t len = strlen(d->camp_events);

	if (ev->type == EV_CAMP_ON)
		snprintf(d->camp_events + len, sizeof(d->camp_events) - len,
			 "%s%s", len ? "," : "", ev->text);
	if (ev->type == EV_REMINDER)
		snprintf(d->reminder, sizeof(d->reminder), "%s", ev->text);
	if (ev->type == EV_RECALL)
		d->recalls++;
}

static void line_state(struct desk *d, const char *number,
		       enum ext_line_state s)
{
	struct dialog_info di = { .state = s };

	board_on_line_state(&d->b, number, &di);
}

/* ACME talks to the operator; Alice (201) is on a call with someone. */
static int setup(void **state)
{
	static struct desk d;
	size_t i;

	memset(&d, 0, sizeof(d));
	for (i = 0; i < sizeof(exts) / sizeof(exts[0]); i++)
		exts[i].line_state = EXT_LINE_UNKNOWN;
	fake_phone_setup(&d.phone, &d.b);
	fake_keys_install(&d.b);
	board_set_extensions(&d.b, exts, sizeof(exts) / sizeof(exts[0]));
	board_observe(&d.b, watch, &d);
	queue_config_defaults(&d.q);
	d.q.camp_on_ring_s = 20;
	d.q.camp_on_max_s = 300;
	d.q.camp_on_retry_s = 30;
	queue_configure(&d.b, &d.q, NULL, 0);
	line_state(&d, "201", EXT_LINE_INCALL);
	d.acme = fake_answered(&d.b, "ACME Corp", "sip:+3315551234@x");
	d.phone.nops = 0;
	*state = &d;
	return 0;
}

static struct line *acme(struct desk *d)
{
	return board_line(&d->b, d->acme);
}

static int dials(const struct desk *d)
{
	int i, n = 0;

	for (i = 0; i < d->phone.nops; i++)
		n += !strcmp(d->phone.ops[i].what, "dial");
	return n;
}

static void tick_for(struct desk *d, int seconds)
{
	int i;

	for (i = 0; i < seconds; i++) {
		fake_now += 1000;
		board_tick(&d->b);
	}
}

/* t Alice while her line says busy: w, v or Esc are offered at once. */
static void camp(struct desk *d)
{
	assert_int_equal(board_blind(&d->b, d->acme, "201"), EBUSY);
	assert_int_equal(board_camp_on(&d->b, 0, NULL), 0);
}

static void a_busy_line_offers_camp_on_before_any_transfer(void **state)
{
	struct desk *d = *state;

	assert_int_equal(board_blind(&d->b, d->acme, "201"), EBUSY);
	assert_string_equal(d->b.status, "Alice Martin is on a call - w "
			    "waits, v voicemail, Esc keeps the caller");
	assert_int_equal(d->phone.nops, 0);
	assert_int_equal(acme(d)->state, LINE_TALKING);
	/* asked again: she may have call waiting, so it goes ahead */
	assert_int_equal(board_blind(&d->b, d->acme, "201"), 0);
	assert_string_equal(fake_last(&d->phone)->what, "refer");
}

/* A consult rings anyway: a line state may be stale (a phone that died
 * mid-call), and a busy answer brings the same offer. */
static void a_consult_to_a_busy_line_rings_anyway(void **state)
{
	struct desk *d = *state;

	assert_int_equal(board_consult(&d->b, d->acme, "201"), 0);
	assert_string_equal(fake_last(&d->phone)->what, "dial");
}

/* Sending on a caller the operator does not talk to (an overflow, a
 * held call) is no question to the operator: the transfer's rules. */
static void a_caller_not_talking_to_the_operator_is_not_asked(void **state)
{
	struct desk *d = *state;

	assert_int_equal(board_hold_toggle(&d->b, d->acme), 0);
	assert_int_equal(board_blind(&d->b, d->acme, "201"), 0);
	assert_string_equal(fake_last(&d->phone)->what, "refer");
	board_on_refer_result(&d->b, d->acme, 486, "Busy Here");
	assert_non_null(strstr(d->b.status, "Transfer to Alice Martin failed: "
			       "busy (486)"));
	assert_true(acme(d)->recall);
}

static void esc_on_the_offer_keeps_the_caller(void **state)
{
	struct desk *d = *state;

	assert_int_equal(board_blind(&d->b, d->acme, "201"), EBUSY);
	assert_int_equal(board_camp_on_cancel(&d->b, 0), 0);
	assert_string_equal(d->b.status, "ACME Corp stays with you");
	assert_int_equal(acme(d)->state, LINE_TALKING);
	assert_int_equal(d->phone.nops, 0);
	/* the offer is gone: camp-on without a target has nobody */
	assert_int_equal(board_camp_on(&d->b, 0, NULL), ENOENT);
	assert_int_equal(d->phone.nops, 0);
}

static void camping_holds_the_caller_in_the_queue(void **state)
{
	struct desk *d = *state;
	const struct queue_entry *e;
	char words[128];

	camp(d);
	assert_int_equal(fake_count(&d->phone, "hold", d->acme), 1);
	assert_int_equal(acme(d)->state, LINE_HELD);
	assert_string_equal(board_camped_on(&d->b, d->acme), "Alice Martin");
	assert_string_equal(d->camp_events, "camped");
	e = queue_entry_of(&d->b, d->acme);
	assert_non_null(e);
	assert_int_equal(e->kind, WAIT_CAMPED);
	assert_string_equal(queue_wait_words(&d->b, e, words, sizeof(words)),
			    "waiting for Alice Martin");
	/* busy all along: nobody is called, however long */
	tick_for(d, 200);
	assert_int_equal(dials(d), 0);
	assert_int_equal(d->phone.nops, 1);
}

static void her_line_turning_idle_rings_her_then_T_completes(void **state)
{
	struct desk *d = *state;
	line_id consult;

	camp(d);
	fake_now += 35000;
	line_state(d, "201", EXT_LINE_IDLE);
	assert_string_equal(fake_last(&d->phone)->what, "dial");
	assert_string_equal(fake_last(&d->phone)->uri, "sip:201@office");
	assert_string_equal(d->phone.last_display, "ACME Corp via Reception");
	consult = fake_last(&d->phone)->id;
	assert_string_equal(d->camp_events, "camped,offered");
	assert_non_null(strstr(d->b.status, "Alice Martin is free: ringing "
			       "for ACME Corp"));
	board_on_ringing(&d->b, consult);
	board_on_established(&d->b, consult);
	assert_string_equal(d->camp_events, "camped,offered,taken");
	assert_null(board_camped_on(&d->b, d->acme));
	assert_int_equal(board_complete(&d->b, consult), 0);
	assert_string_equal(fake_last(&d->phone)->what, "refer_replaces");
	assert_int_equal(fake_last(&d->phone)->id, d->acme);
}

static void no_answer_within_camp_on_ring_brings_the_caller_back(void **state)
{
	struct desk *d = *state;
	line_id consult;

	camp(d);
	line_state(d, "201", EXT_LINE_IDLE);
	consult = fake_last(&d->phone)->id;
	board_on_ringing(&d->b, consult);
	tick_for(d, 19);
	assert_int_equal(fake_count(&d->phone, "hangup", consult), 0);
	assert_false(acme(d)->recall);
	tick_for(d, 1);
	assert_int_equal(fake_count(&d->phone, "hangup", consult), 1);
	assert_int_equal(fake_count(&d->phone, "hangup", d->acme), 0);
	assert_true(acme(d)->recall);
	assert_int_equal(d->recalls, 1);
	assert_null(board_camped_on(&d->b, d->acme));
	assert_string_equal(d->camp_events, "camped,offered,back");
	assert_non_null(strstr(d->b.status, "Alice Martin did not answer in "
			       "20 s"));
	/* the consult leg's close is no news any more */
	board_on_closed(&d->b, consult, 487, "Request Terminated");
	assert_int_equal(d->recalls, 1);
	assert_true(acme(d)->recall);
}

static void camp_on_max_gives_up_with_a_reminder(void **state)
{
	struct desk *d = *state;

	camp(d);
	tick_for(d, 299);
	assert_non_null(board_camped_on(&d->b, d->acme));
	assert_int_equal(d->phone.reminds[1], 0);
	tick_for(d, 1);
	assert_null(board_camped_on(&d->b, d->acme));
	assert_true(acme(d)->recall);
	assert_string_equal(d->camp_events, "camped,gave-up");
	assert_int_equal(d->phone.reminds[1], 1);
	assert_non_null(strstr(d->reminder, "ACME Corp waited 5:00 for "
			       "Alice Martin"));
	assert_int_equal(dials(d), 0);
	assert_int_equal(fake_count(&d->phone, "hangup", d->acme), 0);
}

static void without_a_line_state_it_retries_and_keeps_waiting(void **state)
{
	struct desk *d = *state;
	line_id consult;

	line_state(d, "202", EXT_LINE_UNKNOWN);
	assert_int_equal(board_camp_on(&d->b, d->acme, "202"), 0);
	tick_for(d, 29);
	assert_int_equal(d->phone.nops, 1);   /* the hold */
	tick_for(d, 1);
	assert_string_equal(fake_last(&d->phone)->what, "dial");
	assert_string_equal(fake_last(&d->phone)->uri, "sip:202@office");
	consult = fake_last(&d->phone)->id;
	/* busy again: the caller keeps waiting, held, not flagged */
	board_on_closed(&d->b, consult, 486, "Busy Here");
	assert_string_equal(board_camped_on(&d->b, d->acme), "Bob Stone");
	assert_int_equal(acme(d)->state, LINE_HELD);
	assert_false(acme(d)->recall);
	assert_int_equal(d->recalls, 0);
	assert_string_equal(d->b.status, "Bob Stone is busy again: ACME Corp "
			    "keeps waiting");
	tick_for(d, 29);
	assert_int_equal(dials(d), 1);
	tick_for(d, 1);
	assert_string_equal(fake_last(&d->phone)->what, "dial");
	assert_int_equal(fake_last(&d->phone)->id, consult + 1);
}

static void several_callers_are_offered_in_order(void **state)
{
	struct desk *d = *state;
	line_id bob, consult;

	camp(d);
	bob = fake_answered(&d->b, "Bob Jones", "sip:+441632960001@x");
	assert_int_equal(board_camp_on(&d->b, bob, "201"), 0);
	assert_int_equal(acme(d)->state, LINE_HELD);
	assert_int_equal(board_line(&d->b, bob)->state, LINE_HELD);
	line_state(d, "201", EXT_LINE_IDLE);
	/* one offer at a time: ACME, who camped first */
	assert_int_equal(dials(d), 1);
	consult = fake_last(&d->phone)->id;
	assert_string_equal(d->phone.last_display, "ACME Corp via Reception");
	tick_for(d, 5);
	assert_int_equal(fake_last(&d->phone)->id, consult);
	/* Alice takes ACME; once she is free again, Bob is offered */
	board_on_established(&d->b, consult);
	board_complete(&d->b, consult);
	board_on_refer_result(&d->b, d->acme, 200, "OK");
	board_on_closed(&d->b, d->acme, 0, "");
	board_on_closed(&d->b, consult, 0, "");
	line_state(d, "201", EXT_LINE_INCALL);
	tick_for(d, 60);
	assert_string_equal(board_camped_on(&d->b, bob), "Alice Martin");
	line_state(d, "201", EXT_LINE_IDLE);
	assert_string_equal(fake_last(&d->phone)->what, "dial");
	assert_string_equal(d->phone.last_display, "Bob Jones via Reception");
}

static void a_caller_hanging_up_while_camped_is_removed(void **state)
{
	struct desk *d = *state;

	camp(d);
	tick_for(d, 35);
	board_on_closed(&d->b, d->acme, 0, "");
	assert_int_equal(d->b.nlines, 0);
	assert_int_equal(queue_stats(&d->b)->abandoned, 1);
	line_state(d, "201", EXT_LINE_IDLE);
	tick_for(d, 60);
	assert_int_equal(dials(d), 0);
}

static void a_caller_hanging_up_while_offered_ends_the_offer(void **state)
{
	struct desk *d = *state;
	line_id consult;

	camp(d);
	line_state(d, "201", EXT_LINE_IDLE);
	consult = fake_last(&d->phone)->id;
	board_on_closed(&d->b, d->acme, 0, "");
	assert_int_equal(fake_count(&d->phone, "hangup", consult), 1);
	assert_string_equal(d->b.status, "ACME Corp hung up while waiting "
			    "for Alice Martin");
	assert_null(board_xfer_of(&d->b, consult));
}

static void cancel_ends_the_wait_and_the_caller_stays_held(void **state)
{
	struct desk *d = *state;

	camp(d);
	assert_int_equal(board_camp_on_cancel(&d->b, d->acme), 0);
	assert_null(board_camped_on(&d->b, d->acme));
	assert_int_equal(acme(d)->state, LINE_HELD);
	assert_string_equal(d->camp_events, "camped,cancelled");
	line_state(d, "201", EXT_LINE_IDLE);
	tick_for(d, 60);
	assert_int_equal(dials(d), 0);
	assert_int_equal(fake_count(&d->phone, "hangup", d->acme), 0);
}

static void retrieving_the_caller_ends_the_wait(void **state)
{
	struct desk *d = *state;

	camp(d);
	assert_int_equal(board_hold_toggle(&d->b, d->acme), 0);
	assert_int_equal(acme(d)->state, LINE_TALKING);
	assert_null(board_camped_on(&d->b, d->acme));
	assert_string_equal(d->camp_events, "camped,cancelled");
	line_state(d, "201", EXT_LINE_IDLE);
	tick_for(d, 60);
	assert_int_equal(dials(d), 0);
}

static void the_offer_waits_while_the_operator_talks(void **state)
{
	struct desk *d = *state;
	line_id bob;

	camp(d);
	bob = fake_answered(&d->b, "Bob Jones", "sip:+441632960001@x");
	d->phone.nops = 0;
	line_state(d, "201", EXT_LINE_IDLE);
	assert_int_equal(d->phone.nops, 0);
	assert_string_equal(d->b.status, "Alice Martin is free: ACME Corp is "
			    "offered when you finish this call");
	board_on_closed(&d->b, bob, 0, "");
	tick_for(d, 1);
	assert_string_equal(fake_last(&d->phone)->what, "dial");
	assert_string_equal(d->phone.last_display, "ACME Corp via Reception");
}

static void blind_mode_refers_the_caller_when_she_is_free(void **state)
{
	struct desk *d = *state;

	d->q.camp_on = CAMP_ON_BLIND;
	queue_configure(&d->b, &d->q, NULL, 0);
	camp(d);
	line_state(d, "201", EXT_LINE_IDLE);
	assert_string_equal(fake_last(&d->phone)->what, "refer");
	assert_string_equal(fake_last(&d->phone)->uri, "sip:201@office");
	board_on_refer_result(&d->b, d->acme, 200, "OK");
	assert_string_equal(d->camp_events, "camped,offered,taken");
	assert_true(acme(d)->transferred);
}

static void a_consult_answered_busy_offers_camp_on(void **state)
{
	struct desk *d = *state;
	line_id consult;

	line_state(d, "201", EXT_LINE_IDLE);
	assert_int_equal(board_consult(&d->b, d->acme, "201"), 0);
	consult = fake_last(&d->phone)->id;
	board_on_closed(&d->b, consult, 486, "Busy Here");
	assert_string_equal(d->b.status, "Alice Martin is busy (486) - w "
			    "waits, v voicemail, Esc keeps the caller");
	assert_true(acme(d)->recall);
	assert_int_equal(board_camp_on(&d->b, 0, NULL), 0);
	assert_string_equal(board_camped_on(&d->b, d->acme), "Alice Martin");
	assert_false(acme(d)->recall);
	/* her line looked idle and she was busy: tried every 30 s */
	tick_for(d, 30);
	assert_string_equal(fake_last(&d->phone)->what, "dial");
	assert_int_equal(fake_last(&d->phone)->id, consult + 1);
}

/* Refused with a message, and no call changes. */
static void refusals_change_nothing(void **state)
{
	struct desk *d = *state;

	assert_int_equal(board_camp_on(&d->b, 0, NULL), ENOENT);
	assert_int_equal(board_camp_on(&d->b, d->acme, "999"), EINVAL);
	assert_string_equal(d->b.status, "Cannot camp on 999: only a "
			    "colleague of the directory can be waited for");
	assert_int_equal(board_camp_on(&d->b, d->acme, "500"), EINVAL);
	assert_non_null(strstr(d->b.status, "paging group"));
	assert_int_equal(board_camp_on(&d->b, d->acme, "200"), EINVAL);
	assert_string_equal(d->b.status, "Cannot camp on Reception: that is "
			    "you");
	assert_true(d->b.status_error);
	assert_int_equal(d->phone.nops, 0);
	assert_int_equal(acme(d)->state, LINE_TALKING);
	assert_null(board_camped_on(&d->b, d->acme));
	assert_int_equal(board_camp_on_cancel(&d->b, d->acme), ENOENT);
	/* with no caller at all */
	board_on_closed(&d->b, d->acme, 0, "");
	assert_int_equal(board_camp_on(&d->b, 0, "201"), ENOENT);
	assert_string_equal(d->b.status, "Nothing to camp on: answer a call "
			    "first");
	assert_int_equal(d->phone.nops, 0);
	assert_string_equal(d->camp_events, "");
}

static int teardown(void **state)
{
	struct desk *d = *state;

	fake_phone_close(&d->phone);
	return 0;
}

#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(a_busy_line_offers_camp_on_before_any_transfer),
		T(a_consult_to_a_busy_line_rings_anyway),
		T(a_caller_not_talking_to_the_operator_is_not_asked),
		T(esc_on_the_offer_keeps_the_caller),
		T(camping_holds_the_caller_in_the_queue),
		T(her_line_turning_idle_rings_her_then_T_completes),
		T(no_answer_within_camp_on_ring_brings_the_caller_back),
		T(camp_on_max_gives_up_with_a_reminder),
		T(without_a_line_state_it_retries_and_keeps_waiting),
		T(several_callers_are_offered_in_order),
		T(a_caller_hanging_up_while_camped_is_removed),
		T(a_caller_hanging_up_while_offered_ends_the_offer),
		T(cancel_ends_the_wait_and_the_caller_stays_held),
		T(retrieving_the_caller_ends_the_wait),
		T(the_offer_waits_while_the_operator_talks),
		T(blind_mode_refers_the_caller_when_she_is_free),
		T(a_consult_answered_busy_offers_camp_on),
		T(refusals_change_nothing),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
