/*
 * test_transfer.c — the transfer rules against a fake phone: consult,
 * swap, complete, cancel, blind, voicemail, and every way a transfer can
 * fail. In none of them does the console hang up the caller.
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

static struct extension exts[] = {
	{ .number = "201", .name = "Alice Martin", .department = "Sales",
	  .uri = "sip:201@office", .voicemail = "sip:vm-201@office" },
	{ .number = "202", .name = "Bob Stone", .department = "Support",
	  .uri = "sip:202@office" },
};

struct desk {
	struct board b;
	struct fake_phone phone;
	line_id caller;
	char last_event[512];
	char transferred_text[256];
	int transferred, recalls;
};

static void watch(void *arg, const struct board_event *ev)
{
	struct desk *d = arg;

	if (ev->type == EV_TRANSFERRED) {
		d->transferred++;
		snprintf(d->transferred_text, sizeof(d->transferred_text),
			 "%s", ev->text);
	}
	if (ev->type == EV_RECALL)
		d->recalls++;
	if (ev->type != EV_RESULT && ev->type != EV_ERROR)
		evlog_format(d->last_event, sizeof(d->last_event), ev,
			     fake_now);
}

/* ACME has called and the operator is talking to it. */
static int setup(void **state)
{
	static struct desk d;

	memset(&d, 0, sizeof(d));
	fake_phone_setup(&d.phone, &d.b);
	board_set_extensions(&d.b, exts, 2);
	board_observe(&d.b, watch, &d);
	d.caller = fake_answered(&d.b, "ACME Corp", "sip:+3315551234@x");
	d.phone.nops = 0;
	*state = &d;
	return 0;
}

static struct line *caller(struct desk *d)
{
	return board_line(&d->b, d->caller);
}

static line_id consult_answered(struct desk *d, const char *target)
{
	line_id consult;

	assert_int_equal(board_consult(&d->b, fake_sel(&d->b), target), 0);
	consult = fake_last(&d->phone)->id;
	board_on_ringing(&d->b, consult);
	board_on_established(&d->b, consult);
	return consult;
}

static void consult_holds_the_caller_and_announces_it(void **state)
{
	struct desk *d = *state;

	assert_int_equal(board_consult(&d->b, fake_sel(&d->b), "201"), 0);
	assert_string_equal(d->phone.ops[0].what, "hold");
	assert_int_equal(d->phone.ops[0].id, d->caller);
	assert_string_equal(d->phone.ops[1].what, "dial");
	assert_string_equal(d->phone.ops[1].uri, "sip:201@office");
	assert_string_equal(d->phone.last_display, "ACME Corp via Reception");
	assert_int_equal(caller(d)->state, LINE_HELD);
	assert_non_null(board_xfer_of(&d->b, d->caller));
}

static void attended_transfer_completes(void **state)
{
	struct desk *d = *state;
	line_id consult = consult_answered(d, "alice");

	assert_int_equal(board_line(&d->b, consult)->state, LINE_TALKING);
	assert_int_equal(board_complete(&d->b, fake_sel_call(&d->b)), 0);
	assert_string_equal(fake_last(&d->phone)->what, "refer_replaces");
	assert_int_equal(fake_last(&d->phone)->id, d->caller);
	assert_int_equal(fake_last(&d->phone)->arg, (int)consult);
	board_on_refer_result(&d->b, d->caller, 200, "OK");
	assert_int_equal(d->transferred, 1);
	assert_string_equal(d->transferred_text, "ACME Corp -> Alice Martin");
	/* the consult leg is hung up; the caller's leg is closed by the phone */
	assert_int_equal(fake_count(&d->phone, "hangup", consult), 1);
	board_on_closed(&d->b, d->caller, 0, "Call transfered");
	assert_int_equal(d->b.nlines, 0);
	assert_int_equal(d->recalls, 0);
	assert_int_equal(fake_count(&d->phone, "hangup", d->caller), 0);
}

static void replaced_consult_leg_before_the_notify_is_no_failure(void **state)
{
	struct desk *d = *state;
	line_id consult = consult_answered(d, "201");

	board_complete(&d->b, fake_sel_call(&d->b));
	d->phone.close_on_hangup = 0;
	board_on_closed(&d->b, consult, 0, "Connection reset by peer");
	assert_int_equal(d->recalls, 0);
	assert_false(caller(d)->recall);
	board_on_refer_result(&d->b, d->caller, 200, "OK");
	assert_int_equal(d->transferred, 1);
	assert_int_equal(fake_count(&d->phone, "hangup", consult), 0);
}

static void cancel_hangs_up_the_consult_and_retrieves_the_caller(void **state)
{
	struct desk *d = *state;
	line_id consult = consult_answered(d, "201");

	assert_int_equal(board_cancel_consult(&d->b, fake_sel_call(&d->b)), 0);
	assert_int_equal(fake_count(&d->phone, "hangup", consult), 1);
	assert_int_equal(caller(d)->state, LINE_TALKING);
	assert_false(caller(d)->recall);
	assert_null(board_xfer_of(&d->b, d->caller));
	assert_int_equal(d->recalls, 0);
}

static void busy_target_brings_the_caller_back(void **state)
{
	struct desk *d = *state;
	line_id consult;

	board_consult(&d->b, fake_sel(&d->b), "201");
	consult = fake_last(&d->phone)->id;
	board_on_closed(&d->b, consult, 486, "Busy Here");
	assert_int_equal(caller(d)->state, LINE_TALKING);
	assert_true(caller(d)->recall);
	/* and the operator may wait for her instead (campon.c) */
	assert_string_equal(d->b.status, "Alice Martin is busy (486) - "
			    ":camp-on waits, :voicemail voicemail, :cancel "
			    "keeps the caller");
	assert_int_equal(d->recalls, 1);
	assert_int_equal(fake_count(&d->phone, "hangup", d->caller), 0);
}

/* A 503 comes from the phone system, not from the colleague: the status
 * says so, and the caller is back on the console, never dropped. */
static void a_busy_server_is_not_blamed_on_the_target(void **state)
{
	struct desk *d = *state;
	line_id consult;

	board_consult(&d->b, fake_sel(&d->b), "202");
	consult = fake_last(&d->phone)->id;
	board_on_closed(&d->b, consult, 503, "Service Unavailable");
	assert_int_equal(caller(d)->state, LINE_TALKING);
	assert_true(caller(d)->recall);
	assert_string_equal(d->b.status, "The phone system is busy (503): "
			    "could not reach Bob Stone. ACME Corp is back on "
			    "line 1");
	/* the blind transfer: the caller's phone reports the 503 */
	board_blind(&d->b, fake_sel(&d->b), "202");
	board_on_refer_result(&d->b, d->caller, 503, "Service Unavailable");
	assert_string_equal(d->b.status, "The phone system is busy (503): "
			    "could not reach Bob Stone. ACME Corp is back on "
			    "line 1");
	/* the REFER itself refused by the server: not the caller's phone */
	board_blind(&d->b, fake_sel(&d->b), "202");
	board_on_refer_refused(&d->b, d->caller, 503, "Service Unavailable");
	assert_non_null(strstr(d->b.status, "The phone system is busy (503)"));
	assert_int_equal(d->recalls, 3);
	assert_int_equal(fake_count(&d->phone, "hangup", d->caller), 0);
	assert_non_null(caller(d));
}

/* The phone refused a caller's offer (488) before the board saw it: the
 * operator reads whose phone and why. */
static void a_call_refused_for_its_media_is_said(void **state)
{
	struct desk *d = *state;

	board_on_offer_refused(&d->b, "Bob Plain", "srtp-mandatory");
	assert_string_equal(d->b.status, "Bob Plain's phone cannot encrypt "
			    "the call (media_encryption = srtp-mandatory): "
			    "refused (488), nothing sent in clear");
	assert_true(d->b.status_error);
	board_on_offer_refused(&d->b, "+3315550000", "dtls");
	assert_string_equal(d->b.status, "+3315550000's phone cannot "
			    "encrypt the call with DTLS-SRTP (media_encryption"
			    " = dtls): refused (488)");
	board_on_offer_refused(&d->b, "", NULL);
	assert_string_equal(d->b.status, "Call from an unknown caller refused: its "
			    "phone offers no audio codec the console has (488)");
	/* the caller on the line is not touched */
	assert_int_equal(caller(d)->state, LINE_TALKING);
}

/* A dial, or a consult the colleague's phone refuses for its media. */
static void a_dial_or_consult_refused_by_the_server_or_media(void **state)
{
	struct desk *d = *state;
	line_id consult, out;

	board_consult(&d->b, fake_sel(&d->b), "201");
	consult = fake_last(&d->phone)->id;
	board_on_closed(&d->b, consult, 488, "Not Acceptable Here");
	assert_string_equal(d->b.status, "Alice Martin's phone cannot take "
			    "the call's audio or encryption (488). ACME Corp "
			    "is back on line 1");
	assert_int_equal(board_dial(&d->b, "202"), 0);
	out = fake_last(&d->phone)->id;
	board_on_closed(&d->b, out, 503, "Service Unavailable");
	assert_string_equal(d->b.status, "The phone system is busy (503): "
			    "could not reach Bob Stone");
	assert_non_null(caller(d));
}

static void target_hanging_up_mid_consult_brings_the_caller_back(void **state)
{
	struct desk *d = *state;
	line_id consult = consult_answered(d, "201");

	board_on_closed(&d->b, consult, 0, "Connection reset by peer");
	assert_int_equal(caller(d)->state, LINE_TALKING);
	assert_true(caller(d)->recall);
	assert_non_null(strstr(d->b.status, "Alice Martin hung up"));
}

static void complete_before_the_target_answers_does_nothing(void **state)
{
	struct desk *d = *state;

	board_consult(&d->b, fake_sel(&d->b), "201");
	d->phone.nops = 0;
	assert_int_equal(board_complete(&d->b, fake_sel_call(&d->b)), EAGAIN);
	assert_int_equal(d->phone.nops, 0);
	assert_non_null(strstr(d->b.status, "has not answered yet"));
}

static void rejected_refer_keeps_both_legs(void **state)
{
	struct desk *d = *state;
	line_id consult = consult_answered(d, "201");

	board_complete(&d->b, fake_sel_call(&d->b));
	board_on_refer_result(&d->b, d->caller, 405, "Method Not Allowed");
	assert_non_null(board_line(&d->b, consult));
	assert_true(caller(d)->recall);
	/* the operator is still talking to Alice: the caller waits */
	assert_int_equal(caller(d)->state, LINE_HELD);
	assert_non_null(strstr(d->b.status, "cannot transfer (405"));
	assert_non_null(strstr(d->b.status, ", held"));
	assert_int_equal(board_xfer_of(&d->b, d->caller)->state,
			 XFER_CONSULTING);
	assert_int_equal(fake_count(&d->phone, "hangup", d->caller), 0);
}

static void swap_moves_between_caller_and_target(void **state)
{
	struct desk *d = *state;
	line_id consult = consult_answered(d, "201");

	d->phone.nops = 0;
	assert_int_equal(board_swap(&d->b), 0);
	assert_int_equal(board_line(&d->b, consult)->state, LINE_HELD);
	assert_int_equal(caller(d)->state, LINE_TALKING);
	assert_int_equal(board_swap(&d->b), 0);
	assert_int_equal(board_line(&d->b, consult)->state, LINE_TALKING);
	assert_int_equal(caller(d)->state, LINE_HELD);
	assert_int_equal(fake_count(&d->phone, "hold", consult), 2);
	assert_int_equal(fake_count(&d->phone, "hold", d->caller), 2);
}

static void blind_transfer_succeeds(void **state)
{
	struct desk *d = *state;

	assert_int_equal(board_blind(&d->b, fake_sel(&d->b), "bob"), 0);
	assert_string_equal(d->phone.ops[0].what, "hold");
	assert_string_equal(fake_last(&d->phone)->what, "refer");
	assert_string_equal(fake_last(&d->phone)->uri, "sip:202@office");
	board_on_refer_result(&d->b, d->caller, 200, "OK");
	board_on_closed(&d->b, d->caller, 0, "Call transfered");
	assert_int_equal(d->transferred, 1);
	assert_int_equal(d->b.nlines, 0);
}

static void blind_transfer_to_a_busy_target_recalls(void **state)
{
	struct desk *d = *state;

	board_blind(&d->b, fake_sel(&d->b), "202");
	board_on_refer_result(&d->b, d->caller, 486, "Busy Here");
	assert_int_equal(caller(d)->state, LINE_TALKING);
	assert_true(caller(d)->recall);
	assert_string_equal(d->b.status, "Bob Stone is busy (486) - "
			    ":camp-on waits, :voicemail voicemail, :cancel "
			    "keeps the caller");
	assert_null(board_xfer_of(&d->b, d->caller));
}

static void no_final_notify_in_time_recalls(void **state)
{
	struct desk *d = *state;

	d->b.xcfg.recall_after_s = 30;
	board_blind(&d->b, fake_sel(&d->b), "202");
	fake_now += 29000;
	board_tick(&d->b);
	assert_false(caller(d)->recall);
	fake_now += 1000;
	board_tick(&d->b);
	assert_true(caller(d)->recall);
	assert_int_equal(caller(d)->state, LINE_TALKING);
	assert_non_null(strstr(d->b.status, "Transfer to Bob Stone "
			       "unconfirmed after 30 s"));
}

static void recalled_caller_waits_while_the_operator_talks(void **state)
{
	struct desk *d = *state;
	line_id other;

	board_blind(&d->b, fake_sel(&d->b), "202");
	other = board_on_offered(&d->b, "Globex", "sip:2@x");
	board_answer(&d->b, other);
	board_on_established(&d->b, other);
	board_on_refer_result(&d->b, d->caller, 480, "Temporarily Unavailable");
	assert_int_equal(caller(d)->state, LINE_HELD);
	assert_true(caller(d)->recall);
	assert_non_null(strstr(d->b.status, "ACME Corp is back on line 1, held"));
	/* retrieving clears the flag */
	board_hold_toggle(&d->b, d->caller);
	assert_false(caller(d)->recall);
}

static void a_failed_refer_request_recalls_at_once(void **state)
{
	struct desk *d = *state;

	d->phone.fail_next = 0;
	board_blind(&d->b, fake_sel(&d->b), "202");
	d->phone.nops = 0;
	board_on_refer_result(&d->b, d->caller, 501, "Not Implemented");
	assert_true(caller(d)->recall);
	assert_non_null(strstr(d->b.status, "cannot transfer (501"));
}

/* linphone answers a REFER that overlaps its re-INVITE with 491: the
 * REFER waits for the hold to be answered. */
static void blind_transfer_waits_for_the_hold_to_be_answered(void **state)
{
	struct desk *d = *state;

	d->phone.busy_line = d->caller;
	assert_int_equal(board_blind(&d->b, fake_sel(&d->b), "202"), 0);
	assert_int_equal(fake_count(&d->phone, "hold", d->caller), 1);
	assert_int_equal(fake_count(&d->phone, "refer", d->caller), 0);
	fake_now += 1000;
	board_tick(&d->b);
	assert_int_equal(fake_count(&d->phone, "refer", d->caller), 0);
	/* the 200 to the re-INVITE: now the REFER */
	d->phone.busy_line = 0;
	board_on_hold_changed(&d->b, d->caller, true);
	assert_int_equal(fake_count(&d->phone, "refer", d->caller), 1);
	assert_string_equal(fake_last(&d->phone)->uri, "sip:202@office");
	board_on_refer_result(&d->b, d->caller, 200, "OK");
	assert_int_equal(d->transferred, 1);
}

static void attended_complete_waits_for_a_pending_hold(void **state)
{
	struct desk *d = *state;
	line_id consult = consult_answered(d, "201");

	d->phone.busy_line = d->caller;
	assert_int_equal(board_complete(&d->b, 0), 0);
	assert_int_equal(fake_count(&d->phone, "refer_replaces", d->caller),
			 0);
	d->phone.busy_line = 0;
	board_on_hold_changed(&d->b, d->caller, true);
	assert_int_equal(fake_count(&d->phone, "refer_replaces", d->caller),
			 1);
	assert_int_equal(fake_last(&d->phone)->arg, (int)consult);
}

/* RFC 3261 14.1: the caller called us (owns the Call-ID): 0-2 s. */
static void a_491_from_the_callers_phone_is_tried_again_once(void **state)
{
	struct desk *d = *state;

	board_blind(&d->b, fake_sel(&d->b), "202");
	board_on_refer_refused(&d->b, d->caller, 491, "Request pending");
	assert_false(caller(d)->recall);
	assert_int_equal(d->recalls, 0);
	assert_non_null(strstr(d->b.status, "ACME Corp's phone was busy"));
	assert_int_equal(fake_count(&d->phone, "refer", d->caller), 1);
	fake_now += 2001;
	board_tick(&d->b);
	assert_int_equal(fake_count(&d->phone, "refer", d->caller), 2);
	/* refused again: back on the console, and the caller's phone is
	 * named, not the target */
	board_on_refer_refused(&d->b, d->caller, 491, "Request pending");
	assert_true(caller(d)->recall);
	assert_int_equal(caller(d)->state, LINE_TALKING);
	assert_non_null(strstr(d->b.status, "ACME Corp's phone refused the "
			       "transfer (491)"));
	assert_null(strstr(d->b.status, "Bob Stone"));
	assert_int_equal(fake_count(&d->phone, "refer", d->caller), 2);
	assert_null(board_xfer_of(&d->b, d->caller));
}

/* A call the console placed: we own the Call-ID, so 2.1-4 s. */
static void a_491_on_our_own_call_waits_longer(void **state)
{
	struct desk *d = *state;
	line_id out;

	board_hangup(&d->b, d->caller);
	board_on_closed(&d->b, d->caller, 0, NULL);
	assert_int_equal(board_dial(&d->b, "201"), 0);
	out = fake_last(&d->phone)->id;
	board_on_established(&d->b, out);
	board_blind(&d->b, out, "202");
	board_on_refer_refused(&d->b, out, 491, "Request pending");
	fake_now += 2099;
	board_tick(&d->b);
	assert_int_equal(fake_count(&d->phone, "refer", out), 1);
	fake_now += 1901;
	board_tick(&d->b);
	assert_int_equal(fake_count(&d->phone, "refer", out), 2);
	board_on_refer_result(&d->b, out, 200, "OK");
	assert_int_equal(d->transferred, 1);
}

/* The target's own 491 (in the NOTIFY) is the target's refusal. */
static void a_491_from_the_target_is_not_retried(void **state)
{
	struct desk *d = *state;

	board_blind(&d->b, fake_sel(&d->b), "202");
	board_on_refer_result(&d->b, d->caller, 491, "Request pending");
	assert_true(caller(d)->recall);
	assert_non_null(strstr(d->b.status, "Transfer to Bob Stone failed: refused (491"));
}

static void voicemail_uses_the_extension_box_or_the_pattern(void **state)
{
	struct desk *d = *state;

	assert_int_equal(board_voicemail(&d->b, fake_sel(&d->b), "201"), 0);
	assert_string_equal(fake_last(&d->phone)->uri, "sip:vm-201@office");
	board_on_refer_result(&d->b, d->caller, 200, "OK");
	board_on_closed(&d->b, d->caller, 0, "Call transfered");

	d->caller = board_on_offered(&d->b, "Bob", "sip:9@x");
	board_answer(&d->b, d->caller);
	board_on_established(&d->b, d->caller);
	d->phone.nops = 0;
	assert_int_equal(board_voicemail(&d->b, fake_sel(&d->b), "202"), ENOENT);
	assert_int_equal(d->phone.nops, 0);
	assert_string_equal(d->b.status, "Bob Stone has no voicemail");
	snprintf(d->b.xcfg.voicemail_uri, sizeof(d->b.xcfg.voicemail_uri),
		 "sip:vm-%%e@pbx");
	assert_int_equal(board_voicemail(&d->b, fake_sel(&d->b), "202"), 0);
	assert_string_equal(fake_last(&d->phone)->uri, "sip:vm-202@pbx");
}

static void caller_hanging_up_during_a_consult_leaves_the_consult(void **state)
{
	struct desk *d = *state;
	line_id consult = consult_answered(d, "201");

	board_on_closed(&d->b, d->caller, 0, "Connection reset by peer");
	assert_null(board_xfer_of(&d->b, consult));
	assert_non_null(board_line(&d->b, consult));
	assert_non_null(strstr(d->b.status, "hung up before the transfer"));
}

static void nothing_to_transfer_without_a_call(void **state)
{
	struct fake_phone phone;
	struct board b;

	fake_phone_setup(&phone, &b);
	assert_int_equal(board_consult(&b, fake_sel(&b), "201"), ENOENT);
	assert_int_equal(board_blind(&b, fake_sel(&b), "201"), ENOENT);
	assert_int_equal(board_complete(&b, fake_sel_call(&b)), ENOENT);
	assert_int_equal(board_cancel_consult(&b, fake_sel_call(&b)), ENOENT);
	assert_int_equal(phone.nops, 0);
	fake_phone_close(&phone);
}

static void one_transfer_per_caller(void **state)
{
	struct desk *d = *state;

	board_consult(&d->b, fake_sel(&d->b), "201");
	fake_select_line(&d->b, d->caller);
	d->phone.nops = 0;
	assert_int_equal(board_blind(&d->b, fake_sel(&d->b), "202"), ENOENT);
	assert_int_equal(d->phone.nops, 0);
}

static void a_failed_consult_dial_retrieves_the_caller(void **state)
{
	struct desk *d = *state;

	snprintf(d->phone.fail_what, sizeof(d->phone.fail_what), "dial");
	d->phone.fail_next = EHOSTUNREACH;
	assert_int_equal(board_consult(&d->b, fake_sel(&d->b), "201"), EHOSTUNREACH);
	assert_int_equal(d->b.nlines, 1);
	assert_int_equal(caller(d)->state, LINE_TALKING);
	assert_true(caller(d)->recall);
	assert_null(board_xfer_of(&d->b, d->caller));
}

/* Core names the actions; the keys are the operator's keymap's, and
 * with no key for an action the command line runs it. */
static void consult_hints_name_the_operators_keys(void **state)
{
	struct desk *d = *state;
	line_id consult;

	assert_int_equal(board_consult(&d->b, fake_sel(&d->b), "201"), 0);
	assert_non_null(strstr(d->b.status, "(:complete completes, :swap "
			       "swaps, :cancel cancels)"));
	assert_int_equal(board_cancel_consult(&d->b, fake_sel_call(&d->b)), 0);
	fake_keys_install(&d->b);
	assert_int_equal(board_complete(&d->b, fake_sel_call(&d->b)), ENOENT);
	assert_non_null(strstr(d->b.status, "(c starts one)"));
	assert_int_equal(board_consult(&d->b, fake_sel(&d->b), "201"), 0);
	assert_non_null(strstr(d->b.status, "(T completes, s swaps, Esc "
			       "cancels)"));
	consult = fake_last(&d->phone)->id;
	assert_int_equal(board_complete(&d->b, fake_sel_call(&d->b)), EAGAIN);
	assert_non_null(strstr(d->b.status, "not answered yet (Esc cancels)"));
	board_on_established(&d->b, consult);
	assert_non_null(strstr(d->b.status, "answered: T completes, s swaps, "
			       "Esc cancels"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(consult_holds_the_caller_and_announces_it, setup, fake_board_teardown),
		cmocka_unit_test_setup_teardown(attended_transfer_completes, setup, fake_board_teardown),
		cmocka_unit_test_setup_teardown(replaced_consult_leg_before_the_notify_is_no_failure, setup, fake_board_teardown),
		cmocka_unit_test_setup_teardown(cancel_hangs_up_the_consult_and_retrieves_the_caller, setup, fake_board_teardown),
		cmocka_unit_test_setup_teardown(busy_target_brings_the_caller_back, setup, fake_board_teardown),
		cmocka_unit_test_setup_teardown(a_busy_server_is_not_blamed_on_the_target, setup, fake_board_teardown),
		cmocka_unit_test_setup_teardown(a_call_refused_for_its_media_is_said, setup, fake_board_teardown),
		cmocka_unit_test_setup_teardown(a_dial_or_consult_refused_by_the_server_or_media, setup, fake_board_teardown),
		cmocka_unit_test_setup_teardown(target_hanging_up_mid_consult_brings_the_caller_back, setup, fake_board_teardown),
		cmocka_unit_test_setup_teardown(complete_before_the_target_answers_does_nothing, setup, fake_board_teardown),
		cmocka_unit_test_setup_teardown(rejected_refer_keeps_both_legs, setup, fake_board_teardown),
		cmocka_unit_test_setup_teardown(swap_moves_between_caller_and_target, setup, fake_board_teardown),
		cmocka_unit_test_setup_teardown(blind_transfer_succeeds, setup, fake_board_teardown),
		cmocka_unit_test_setup_teardown(blind_transfer_waits_for_the_hold_to_be_answered, setup, fake_board_teardown),
		cmocka_unit_test_setup_teardown(attended_complete_waits_for_a_pending_hold, setup, fake_board_teardown),
		cmocka_unit_test_setup_teardown(a_491_from_the_callers_phone_is_tried_again_once, setup, fake_board_teardown),
		cmocka_unit_test_setup_teardown(a_491_on_our_own_call_waits_longer, setup, fake_board_teardown),
		cmocka_unit_test_setup_teardown(a_491_from_the_target_is_not_retried, setup, fake_board_teardown),
		cmocka_unit_test_setup_teardown(blind_transfer_to_a_busy_target_recalls, setup, fake_board_teardown),
		cmocka_unit_test_setup_teardown(no_final_notify_in_time_recalls, setup, fake_board_teardown),
		cmocka_unit_test_setup_teardown(recalled_caller_waits_while_the_operator_talks, setup, fake_board_teardown),
		cmocka_unit_test_setup_teardown(a_failed_refer_request_recalls_at_once, setup, fake_board_teardown),
		cmocka_unit_test_setup_teardown(voicemail_uses_the_extension_box_or_the_pattern, setup, fake_board_teardown),
		cmocka_unit_test_setup_teardown(caller_hanging_up_during_a_consult_leaves_the_consult, setup, fake_board_teardown),
		cmocka_unit_test(nothing_to_transfer_without_a_call),
		cmocka_unit_test_setup_teardown(one_transfer_per_caller, setup, fake_board_teardown),
		cmocka_unit_test_setup_teardown(consult_hints_name_the_operators_keys, setup, fake_board_teardown),
		cmocka_unit_test_setup_teardown(a_failed_consult_dial_retrieves_the_caller, setup, fake_board_teardown),
	};

	return cmocka_run_group_tests_name("transfer", tests, NULL, NULL);
}
