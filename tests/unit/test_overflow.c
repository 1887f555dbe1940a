/*
 * test_overflow.c — a caller nobody answered is answered by the console,
 * held and sent on to the overflow target (a colleague, a ring group),
 * the operator's own call untouched, and recalled when that fails;
 * against a fake phone and a fake clock.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "park_desk.h"
#include "core/board_int.h"
#include "core/away.h"
#include "core/operators.h"
#include "core/queue.h"

/* Widget Ltd rings the console and nobody answers for 30 s. */
static line_id rings_unanswered(struct desk *d)
{
	line_id id = board_on_offered(&d->b, "Widget Ltd",
				      "sip:+441632960002@x");

	fake_now += 30000;
	return id;
}

/* The line dialled to URI, 0 if none. */
static line_id leg_to(struct desk *d, const char *uri)
{
	int i;

	for (i = d->phone.nops; i-- > 0;) {
		if (!strcmp(d->phone.ops[i].what, "dial") &&
		    !strcmp(d->phone.ops[i].uri, uri))
			return d->phone.ops[i].id;
	}
	return 0;
}

static void the_caller_is_answered_held_and_referred(void **state)
{
	struct desk *d = *state;
	line_id w = rings_unanswered(d);

	assert_true(d->phone.ringing);
	assert_int_equal(board_overflow(&d->b, w, "201"), 0);
	assert_int_equal(d->phone.nops, 1);
	assert_string_equal(op(d, 0)->what, "answer");
	assert_int_equal(op(d, 0)->id, w);
	/* answered for the overflow: it no longer rings for the operator */
	assert_int_equal(line(d, w)->state, LINE_HANDOVER);
	assert_false(d->phone.ringing);
	assert_string_equal(board_line_tag(&d->b, line(d, w), (char[16]){0},
					   16, NULL), "OVFL");
	assert_int_equal(board_answer(&d->b, 0), ENOENT);

	board_on_established(&d->b, w);
	assert_int_equal(d->phone.nops, 3);
	assert_string_equal(op(d, 1)->what, "hold");
	assert_int_equal(op(d, 1)->id, w);
	assert_int_equal(op(d, 1)->arg, 1);
	assert_string_equal(op(d, 2)->what, "refer");
	assert_int_equal(op(d, 2)->id, w);
	assert_string_equal(op(d, 2)->uri, "sip:201@office");
	assert_int_equal(line(d, w)->state, LINE_HELD);
	assert_null(board_talking_line(&d->b));
	assert_string_equal(d->b.status, "Nobody answered Widget Ltd in 0:30: "
			    "sent to Alice Martin (overflow)");

	board_on_refer_result(&d->b, w, 200, "OK");
	assert_int_equal(d->transferred, 1);
	assert_string_equal(d->transferred_text, "Widget Ltd -> Alice Martin");
	assert_null(board_xfer_of(&d->b, w));
	assert_int_equal(d->recalls, 0);
}

static void the_operators_call_is_untouched(void **state)
{
	struct desk *d = *state;   /* the operator talks to ACME */
	line_id w = rings_unanswered(d);

	assert_int_equal(board_overflow(&d->b, w, "201"), 0);
	board_on_established(&d->b, w);
	assert_int_equal(fake_count(&d->phone, "hold", d->caller), 0);
	assert_int_equal(caller(d)->state, LINE_TALKING);
	assert_int_equal(board_talking_line(&d->b)->id, d->caller);
	assert_int_equal(line(d, w)->state, LINE_HELD);
	assert_string_equal(fake_last(&d->phone)->what, "refer");
	assert_int_equal(fake_last(&d->phone)->id, w);

	board_on_refer_result(&d->b, w, 200, "OK");
	assert_int_equal(caller(d)->state, LINE_TALKING);
	assert_int_equal(fake_count(&d->phone, "hold", d->caller), 0);
}

static void a_refused_refer_recalls_and_leaves_the_operator_be(void **state)
{
	struct desk *d = *state;   /* the operator talks to ACME */
	line_id w = rings_unanswered(d);

	board_overflow(&d->b, w, "202");
	board_on_established(&d->b, w);
	board_on_refer_result(&d->b, w, 486, "Busy Here");
	assert_int_equal(d->recalls, 1);
	assert_true(line(d, w)->recall);
	assert_int_equal(line(d, w)->state, LINE_HELD);
	assert_non_null(strstr(d->b.status, "Transfer to Bob Stone failed: busy (486)"));
	assert_non_null(strstr(d->b.status, "Widget Ltd is back on line"));
	assert_null(board_xfer_of(&d->b, w));
	assert_int_equal(caller(d)->state, LINE_TALKING);
	assert_int_equal(fake_count(&d->phone, "hold", d->caller), 0);
	assert_int_equal(fake_count(&d->phone, "hangup", w), 0);
}

static void a_refer_that_cannot_be_sent_recalls(void **state)
{
	struct desk *d = *state;   /* nobody on the line */
	line_id w = rings_unanswered(d);

	board_overflow(&d->b, w, "201");
	d->phone.fail_next = EIO;
	snprintf(d->phone.fail_what, sizeof(d->phone.fail_what), "refer");
	board_on_established(&d->b, w);
	assert_int_equal(d->recalls, 1);
	assert_true(line(d, w)->recall);
	/* the operator is free: the caller is taken off hold */
	assert_int_equal(line(d, w)->state, LINE_TALKING);
	assert_non_null(strstr(d->b.status, "Could not transfer to Alice "
			       "Martin"));
}

static void no_final_answer_in_time_recalls(void **state)
{
	struct desk *d = *state;
	line_id w = rings_unanswered(d);

	board_overflow(&d->b, w, "201");
	board_on_established(&d->b, w);
	fake_now += (int64_t)d->b.xcfg.recall_after_s * 1000;
	board_tick(&d->b);
	assert_int_equal(d->recalls, 1);
	assert_true(line(d, w)->recall);
	assert_non_null(strstr(d->b.status, "unconfirmed after"));
}

static void a_hold_that_fails_gives_the_caller_to_the_operator(void **state)
{
	struct desk *d = *state;   /* the operator talks to ACME */
	line_id w = rings_unanswered(d);

	board_overflow(&d->b, w, "201");
	d->phone.fail_next = EIO;
	snprintf(d->phone.fail_what, sizeof(d->phone.fail_what), "hold");
	board_on_established(&d->b, w);
	/* never two conversations: ACME waits, Widget is the operator's */
	assert_int_equal(fake_count(&d->phone, "refer", w), 0);
	assert_int_equal(line(d, w)->state, LINE_TALKING);
	assert_true(line(d, w)->recall);
	assert_int_equal(caller(d)->state, LINE_HELD);
	assert_int_equal(d->recalls, 1);
}

static void a_caller_hanging_up_while_answered_is_forgotten(void **state)
{
	struct desk *d = *state;
	line_id w = rings_unanswered(d), w2;

	board_overflow(&d->b, w, "201");
	board_on_closed(&d->b, w, 0, "Connection reset by user");
	assert_null(line(d, w));
	assert_int_equal(d->recalls, 0);
	assert_int_equal(fake_count(&d->phone, "hold", w), 0);
	assert_int_equal(fake_count(&d->phone, "refer", w), 0);
	/* a late answer for it does nothing, and the next caller goes */
	board_on_established(&d->b, w);
	assert_int_equal(fake_count(&d->phone, "refer", w), 0);
	w2 = rings_unanswered(d);
	assert_int_equal(board_overflow(&d->b, w2, "201"), 0);
	board_on_established(&d->b, w2);
	assert_int_equal(fake_count(&d->phone, "refer", w2), 1);
}

static void a_caller_hanging_up_while_referred_is_cleaned_up(void **state)
{
	struct desk *d = *state;
	line_id w = rings_unanswered(d);

	board_overflow(&d->b, w, "201");
	board_on_established(&d->b, w);
	board_on_closed(&d->b, w, 0, "Connection reset by user");
	assert_null(line(d, w));
	assert_int_equal(d->b.nxfers, 0);
	assert_int_equal(d->recalls, 0);
	assert_non_null(strstr(d->b.status, "Widget Ltd hung up before the "
			       "transfer to Alice Martin finished"));
	/* the deadline passing later recalls nobody */
	fake_now += 60000;
	board_tick(&d->b);
	assert_int_equal(d->recalls, 0);
}

static void a_group_target_hunts_and_the_first_member_gets_it(void **state)
{
	struct desk *d = *state;   /* the operator talks to ACME */
	line_id w = rings_unanswered(d), alice, bob, carol;

	board_overflow(&d->b, w, "600");
	board_on_established(&d->b, w);
	alice = leg_to(d, "sip:201@office");
	bob = leg_to(d, "sip:202@office");
	carol = leg_to(d, "sip:203@office");
	assert_true(alice && bob && carol);
	assert_int_equal(board_xfer_of(&d->b, w)->state, XFER_HUNTING);
	assert_string_equal(d->b.status, "Nobody answered Widget Ltd in 0:30: "
			    "sent to Sales Team (overflow)");
	assert_int_equal(caller(d)->state, LINE_TALKING);

	board_on_established(&d->b, carol);
	assert_string_equal(fake_last(&d->phone)->what, "refer_replaces");
	assert_int_equal(fake_last(&d->phone)->id, w);
	assert_int_equal(fake_last(&d->phone)->arg, (int)carol);
	assert_int_equal(fake_count(&d->phone, "hangup", alice), 1);
	assert_int_equal(fake_count(&d->phone, "hangup", bob), 1);
	/* the member took the caller; the operator still talks to ACME */
	assert_int_equal(caller(d)->state, LINE_TALKING);
	assert_int_equal(fake_count(&d->phone, "hold", d->caller), 0);
	board_on_refer_result(&d->b, w, 200, "OK");
	assert_int_equal(d->transferred, 1);
	assert_string_equal(d->transferred_text, "Widget Ltd -> Carol Diaz");
}

static void a_group_nobody_answers_recalls(void **state)
{
	struct desk *d = *state;
	line_id w = rings_unanswered(d);

	board_overflow(&d->b, w, "600");
	board_on_established(&d->b, w);
	fake_now += 15000;
	board_tick(&d->b);
	assert_int_equal(d->recalls, 1);
	assert_true(line(d, w)->recall);
	assert_non_null(strstr(d->b.status, "Nobody in Sales Team answered"));
}

static void a_target_that_cannot_take_the_caller_leaves_it_ringing(
	void **state)
{
	struct desk *d = *state;
	line_id w = rings_unanswered(d);

	assert_int_equal(board_overflow(&d->b, w, ""), EINVAL);
	assert_non_null(strstr(d->b.status, "no overflow target"));
	assert_int_equal(board_overflow(&d->b, w, "Nobody Here"), EINVAL);
	assert_non_null(strstr(d->b.status, "Cannot overflow"));
	d->exts[4].kind = EXT_PAGING_GROUP;   /* 601 pages now */
	assert_int_equal(board_overflow(&d->b, w, "601"), EINVAL);
	assert_non_null(strstr(d->b.status, "paging group"));
	assert_int_equal(d->phone.nops, 0);
	assert_int_equal(line(d, w)->state, LINE_OFFERED);
	assert_true(d->phone.ringing);
}

static void an_answer_that_fails_leaves_it_ringing(void **state)
{
	struct desk *d = *state;
	line_id w = rings_unanswered(d);

	d->phone.fail_next = EIO;
	assert_int_equal(board_overflow(&d->b, w, "201"), EIO);
	assert_int_equal(line(d, w)->state, LINE_OFFERED);
	assert_true(d->phone.ringing);
	assert_non_null(strstr(d->b.status, "Could not answer Widget Ltd for "
			       "the overflow to Alice Martin"));
	/* the queue may try again */
	assert_int_equal(board_overflow(&d->b, w, "201"), 0);
}

static void only_a_ringing_caller_overflows_and_only_once(void **state)
{
	struct desk *d = *state;   /* the operator talks to ACME */
	line_id w = rings_unanswered(d);

	assert_int_equal(board_overflow(&d->b, d->caller, "201"), ENOENT);
	assert_int_equal(board_overflow(&d->b, w, "201"), 0);
	assert_int_equal(board_overflow(&d->b, w, "201"), ENOENT);
	assert_int_equal(fake_count(&d->phone, "answer", w), 1);
}

/* The overflow target of the queue section, as cordboard.conf sets it. */
static void overflow_target_set(struct desk *d, const char *target)
{
	struct queue_config q;

	queue_config_defaults(&q);
	snprintf(q.overflow_target, sizeof(q.overflow_target), "%s", target);
	assert_int_equal(queue_configure(&d->b, &q, NULL, 0), 0);
}

/* Away: the caller ringing now and the next one go to the overflow
 * target at once; back: calls ring here again. */
static void away_sends_callers_on_at_once(void **state)
{
	struct desk *d = *state;
	line_id w, next, later;

	overflow_target_set(d, "201");
	w = rings_unanswered(d);
	assert_true(d->phone.ringing);
	assert_int_equal(board_operator_away(&d->b, "lunch"), 0);
	assert_true(operator_away(&d->b));
	assert_string_equal(operator_away_reason(&d->b), "lunch");
	assert_string_equal(op(d, 0)->what, "answer");
	assert_int_equal(op(d, 0)->id, w);
	assert_false(d->phone.ringing);
	assert_string_equal(d->b.status, "You are away (lunch): callers go "
			    "to 201; :away when you are back");

	next = board_on_offered(&d->b, "Globex", "sip:+441632960003@x");
	assert_int_equal(line(d, next)->state, LINE_HANDOVER);
	assert_string_equal(op(d, d->phone.nops - 1)->what, "answer");
	assert_int_equal(op(d, d->phone.nops - 1)->id, next);
	assert_false(d->phone.ringing);

	assert_int_equal(board_operator_back(&d->b), 0);
	assert_false(operator_away(&d->b));
	later = board_on_offered(&d->b, "Initech", "sip:+441632960004@x");
	assert_int_equal(line(d, later)->state, LINE_OFFERED);
	assert_true(d->phone.ringing);
}

/* Without an overflow target the callers stay on the screen, silent. */
static void away_without_a_target_only_stops_the_ringer(void **state)
{
	struct desk *d = *state;
	line_id w;

	assert_int_equal(board_operator_away(&d->b, ""), 0);
	w = rings_unanswered(d);
	assert_int_equal(line(d, w)->state, LINE_OFFERED);
	assert_false(d->phone.ringing);
	assert_int_equal(d->phone.nops, 0);
	assert_int_equal(board_operator_back(&d->b), 0);
	assert_true(d->phone.ringing);
}

/* A transfer of the operator's caller to Bob fails while the operator
 * is away; the caller is back (flagged) and the tick sends it on. */
static void transfer_fails_while_away(struct desk *d)
{
	assert_int_equal(board_blind(&d->b, d->caller, "202"), 0);
	assert_int_equal(board_operator_away(&d->b, ""), 0);
	board_on_refer_result(&d->b, d->caller, 486, "Busy Here");
	assert_true(caller(d)->recall);
	d->phone.nops = 0;
	fake_now += 1000;
	board_tick(&d->b);
}

/* Away: a caller back from a failed transfer goes to the overflow
 * target, once; back again, it stays here for the operator. */
static void away_sends_a_caller_who_comes_back_on_once(void **state)
{
	struct desk *d = *state;   /* the operator talks to ACME */

	overflow_target_set(d, "201");
	transfer_fails_while_away(d);
	assert_int_equal(d->recalls, 1);
	assert_int_equal(fake_count(&d->phone, "refer", d->caller), 1);
	assert_string_equal(fake_last(&d->phone)->uri, "sip:201@office");

	board_on_refer_result(&d->b, d->caller, 486, "Busy Here");
	assert_int_equal(d->recalls, 2);
	d->phone.nops = 0;
	fake_now += 1000;
	board_tick(&d->b);
	assert_int_equal(d->phone.nops, 0);
	assert_true(caller(d)->recall);
	assert_int_equal(fake_count(&d->phone, "hangup", d->caller), 0);
}

/* At the desk a caller who comes back stays with the operator. */
static void at_the_desk_a_caller_who_comes_back_stays(void **state)
{
	struct desk *d = *state;

	overflow_target_set(d, "201");
	assert_int_equal(board_blind(&d->b, d->caller, "202"), 0);
	board_on_refer_result(&d->b, d->caller, 486, "Busy Here");
	d->phone.nops = 0;
	fake_now += 1000;
	board_tick(&d->b);
	assert_int_equal(fake_count(&d->phone, "refer", d->caller), 0);
}

/* Several operators on one reception line as the overflow target:
 * away, a caller rings on here silently while the server rings the
 * others, and one who comes back is sent to the line, to them. */
static void away_on_a_shared_line_leaves_callers_to_the_others(void **state)
{
	struct desk *d = *state;
	line_id w;

	operators_set_line(&d->b, "sip:Reception@office");
	overflow_target_set(d, "sip:reception@office");
	transfer_fails_while_away(d);
	assert_string_equal(d->b.status, "Transferring ACME Corp to "
			    "sip:reception@office...");
	assert_int_equal(fake_count(&d->phone, "refer", d->caller), 1);
	assert_string_equal(fake_last(&d->phone)->uri,
			    "sip:reception@office");

	d->phone.nops = 0;
	w = rings_unanswered(d);
	assert_int_equal(line(d, w)->state, LINE_OFFERED);
	assert_false(d->phone.ringing);
	assert_int_equal(d->phone.nops, 0);
	/* the overflow never sends a caller round to the line it rang on */
	assert_int_equal(board_overflow(&d->b, w, "sip:reception@office"),
			 EINVAL);
	assert_int_equal(d->phone.nops, 0);
	assert_int_equal(line(d, w)->state, LINE_OFFERED);
	assert_int_equal(board_operator_away(&d->b, ""), 0);
	assert_string_equal(d->b.status, "You are away: callers ring the "
			    "other operators; :away when you are back");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(the_caller_is_answered_held_and_referred, setup_idle, fake_board_teardown),
		cmocka_unit_test_setup_teardown(the_operators_call_is_untouched, setup, fake_board_teardown),
		cmocka_unit_test_setup_teardown(a_refused_refer_recalls_and_leaves_the_operator_be, setup, fake_board_teardown),
		cmocka_unit_test_setup_teardown(a_refer_that_cannot_be_sent_recalls, setup_idle, fake_board_teardown),
		cmocka_unit_test_setup_teardown(no_final_answer_in_time_recalls, setup_idle, fake_board_teardown),
		cmocka_unit_test_setup_teardown(a_hold_that_fails_gives_the_caller_to_the_operator, setup, fake_board_teardown),
		cmocka_unit_test_setup_teardown(a_caller_hanging_up_while_answered_is_forgotten, setup_idle, fake_board_teardown),
		cmocka_unit_test_setup_teardown(a_caller_hanging_up_while_referred_is_cleaned_up, setup_idle, fake_board_teardown),
		cmocka_unit_test_setup_teardown(a_group_target_hunts_and_the_first_member_gets_it, setup, fake_board_teardown),
		cmocka_unit_test_setup_teardown(a_group_nobody_answers_recalls, setup_idle, fake_board_teardown),
		cmocka_unit_test_setup_teardown(a_target_that_cannot_take_the_caller_leaves_it_ringing, setup_idle, fake_board_teardown),
		cmocka_unit_test_setup_teardown(an_answer_that_fails_leaves_it_ringing, setup_idle, fake_board_teardown),
		cmocka_unit_test_setup_teardown(only_a_ringing_caller_overflows_and_only_once, setup, fake_board_teardown),
		cmocka_unit_test_setup_teardown(away_sends_callers_on_at_once, setup_idle, fake_board_teardown),
		cmocka_unit_test_setup_teardown(away_without_a_target_only_stops_the_ringer, setup_idle, fake_board_teardown),
		cmocka_unit_test_setup_teardown(away_sends_a_caller_who_comes_back_on_once, setup, fake_board_teardown),
		cmocka_unit_test_setup_teardown(at_the_desk_a_caller_who_comes_back_stays, setup, fake_board_teardown),
		cmocka_unit_test_setup_teardown(away_on_a_shared_line_leaves_callers_to_the_others, setup, fake_board_teardown),
	};

	return cmocka_run_group_tests_name("overflow", tests, NULL, NULL);
}
