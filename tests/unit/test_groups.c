/*
 * test_groups.c — ring groups the console rings itself (all at once, in
 * order, nobody answering) and intercom pages, against a fake phone and
 * a fake clock.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "park_desk.h"

/* ---- ring groups --------------------------------------------------- */

/* The dial ops from index FROM on: how many, and their URIs in order. */
static int dials(struct desk *d, int from, char *uris, size_t sz)
{
	int i, n = 0;

	uris[0] = '\0';
	for (i = from; i < d->phone.nops; i++) {
		if (strcmp(d->phone.ops[i].what, "dial"))
			continue;
		append(uris, sz, d->phone.ops[i].uri);
		n++;
	}
	return n;
}

/* The line dialled for member URI, 0 if none. */
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

/* The three member legs the console rings for the Sales Team. */
struct legs { line_id alice, bob, carol; };

static struct legs sales_legs(struct desk *d)
{
	struct legs l = { leg_to(d, "sip:201@office"),
			  leg_to(d, "sip:202@office"),
			  leg_to(d, "sip:203@office") };

	return l;
}

/* How many of the three legs were hung up (each at most once). */
static int legs_hung_up(struct desk *d, struct legs l)
{
	int n = 0;

	assert_in_range(fake_count(&d->phone, "hangup", l.alice), 0, 1);
	assert_in_range(fake_count(&d->phone, "hangup", l.bob), 0, 1);
	assert_in_range(fake_count(&d->phone, "hangup", l.carol), 0, 1);
	n += fake_count(&d->phone, "hangup", l.alice);
	n += fake_count(&d->phone, "hangup", l.bob);
	n += fake_count(&d->phone, "hangup", l.carol);
	return n;
}

static void blind_to_an_all_group_rings_every_member(void **state)
{
	struct desk *d = *state;
	char uris[256];

	assert_int_equal(board_blind(&d->b, fake_sel(&d->b), "600"), 0);
	assert_string_equal(op(d, 0)->what, "hold");
	assert_int_equal(op(d, 0)->id, d->caller);
	assert_int_equal(dials(d, 0, uris, sizeof(uris)), 3);
	assert_string_equal(uris, "sip:201@office sip:202@office "
			    "sip:203@office");
	assert_int_equal(d->phone.nops, 4);
	assert_int_equal(caller(d)->state, LINE_HELD);
	assert_int_equal(board_xfer_of(&d->b, d->caller)->state, XFER_HUNTING);
	assert_int_equal(board_xfer_of(&d->b, d->caller)->nhunt, 3);
	/* a member leg is no page */
	assert_int_equal(op(d, 1)->arg, INTERCOM_DEFAULT);
}

static void first_member_to_answer_gets_the_caller(void **state)
{
	struct desk *d = *state;
	struct legs g;

	board_blind(&d->b, fake_sel(&d->b), "600");
	g = sales_legs(d);
	board_on_ringing(&d->b, g.bob);
	board_on_established(&d->b, g.bob);
	assert_int_equal(fake_count(&d->phone, "hangup", g.alice), 1);
	assert_int_equal(fake_count(&d->phone, "hangup", g.carol), 1);
	assert_int_equal(fake_count(&d->phone, "hangup", g.bob), 0);
	assert_null(line(d, g.alice));
	assert_null(line(d, g.carol));
	assert_string_equal(fake_last(&d->phone)->what, "refer_replaces");
	assert_int_equal(fake_last(&d->phone)->id, d->caller);
	assert_int_equal(fake_last(&d->phone)->arg, (int)g.bob);
	assert_int_equal(board_xfer_of(&d->b, d->caller)->state,
			 XFER_REFERRING);
	assert_int_equal(d->recalls, 0);

	board_on_refer_result(&d->b, d->caller, 200, "OK");
	assert_int_equal(d->transferred, 1);
	assert_string_equal(d->transferred_text, "ACME Corp -> Bob Stone");
	assert_null(board_xfer_of(&d->b, d->caller));
	assert_int_equal(fake_count(&d->phone, "hangup", d->caller), 0);
}

static void consult_to_a_group_consults_the_first_to_answer(void **state)
{
	struct desk *d = *state;
	struct legs g;
	struct xfer *x;

	assert_int_equal(board_consult(&d->b, fake_sel(&d->b), "600"), 0);
	g = sales_legs(d);
	board_on_established(&d->b, g.carol);
	x = board_xfer_of(&d->b, d->caller);
	assert_non_null(x);
	assert_int_equal(x->state, XFER_CONSULTING);
	assert_int_equal(x->consult, g.carol);
	assert_int_equal(x->nhunt, 0);
	assert_int_equal(fake_count(&d->phone, "hangup", g.alice), 1);
	assert_int_equal(fake_count(&d->phone, "hangup", g.bob), 1);
	assert_int_equal(fake_count(&d->phone, "refer_replaces", d->caller),
			 0);
	assert_int_equal(line(d, g.carol)->state, LINE_TALKING);
	assert_int_equal(caller(d)->state, LINE_HELD);
	/* and T completes it as any consult */
	assert_int_equal(board_complete(&d->b, fake_sel_call(&d->b)), 0);
	assert_string_equal(fake_last(&d->phone)->what, "refer_replaces");
	assert_int_equal(fake_last(&d->phone)->arg, (int)g.carol);
}

static void in_order_rings_one_member_at_a_time(void **state)
{
	struct desk *d = *state;
	char uris[256];
	int mark;

	assert_int_equal(board_blind(&d->b, fake_sel(&d->b), "601"), 0);
	assert_int_equal(dials(d, 0, uris, sizeof(uris)), 1);
	assert_string_equal(uris, "sip:201@office");

	/* Alice is busy: Bob rings */
	mark = d->phone.nops;
	board_on_closed(&d->b, leg_to(d, "sip:201@office"), 486, "Busy Here");
	assert_int_equal(dials(d, mark, uris, sizeof(uris)), 1);
	assert_string_equal(uris, "sip:202@office");
	assert_false(caller(d)->recall);
	assert_int_equal(d->recalls, 0);
	assert_int_equal(caller(d)->state, LINE_HELD);
}

static void in_order_moves_on_after_ring_time_then_recalls(void **state)
{
	struct desk *d = *state;
	char uris[256];
	line_id leg;
	int mark;

	board_blind(&d->b, fake_sel(&d->b), "601");
	leg = leg_to(d, "sip:201@office");
	mark = d->phone.nops;
	fake_now += 14999;
	board_tick(&d->b);
	assert_int_equal(d->phone.nops, mark);

	/* Alice had her 15 s: hung up, Bob rings */
	fake_now += 1;
	board_tick(&d->b);
	assert_int_equal(fake_count(&d->phone, "hangup", leg), 1);
	assert_null(line(d, leg));
	assert_int_equal(dials(d, mark, uris, sizeof(uris)), 1);
	assert_string_equal(uris, "sip:202@office");

	/* Bob too: Carol rings */
	leg = leg_to(d, "sip:202@office");
	mark = d->phone.nops;
	fake_now += 15000;
	board_tick(&d->b);
	assert_int_equal(fake_count(&d->phone, "hangup", leg), 1);
	assert_int_equal(dials(d, mark, uris, sizeof(uris)), 1);
	assert_string_equal(uris, "sip:203@office");
	assert_false(caller(d)->recall);

	/* Carol too: nobody left, the caller comes back */
	leg = leg_to(d, "sip:203@office");
	mark = d->phone.nops;
	fake_now += 15000;
	board_tick(&d->b);
	assert_int_equal(fake_count(&d->phone, "hangup", leg), 1);
	assert_int_equal(dials(d, mark, uris, sizeof(uris)), 0);
	assert_true(caller(d)->recall);
	assert_int_equal(caller(d)->state, LINE_TALKING);
	assert_int_equal(d->recalls, 1);
	assert_null(board_xfer_of(&d->b, d->caller));
	assert_int_equal(d->b.nlines, 1);
	assert_int_equal(fake_count(&d->phone, "hangup", d->caller), 0);
}

static void in_order_last_member_busy_recalls(void **state)
{
	struct desk *d = *state;

	board_blind(&d->b, fake_sel(&d->b), "601");
	board_on_closed(&d->b, leg_to(d, "sip:201@office"), 486, "Busy Here");
	board_on_closed(&d->b, leg_to(d, "sip:202@office"), 480, "Away");
	assert_false(caller(d)->recall);
	board_on_closed(&d->b, leg_to(d, "sip:203@office"), 603, "Decline");
	assert_true(caller(d)->recall);
	assert_int_equal(d->recalls, 1);
	assert_null(board_xfer_of(&d->b, d->caller));
	assert_int_equal(fake_count(&d->phone, "hangup", d->caller), 0);
}

static void all_group_nobody_answers_in_time_recalls(void **state)
{
	struct desk *d = *state;
	struct legs g;

	board_blind(&d->b, fake_sel(&d->b), "600");
	g = sales_legs(d);
	fake_now += 14999;
	board_tick(&d->b);
	assert_int_equal(fake_count(&d->phone, "hangup", g.alice), 0);
	assert_false(caller(d)->recall);

	fake_now += 1;
	board_tick(&d->b);
	assert_int_equal(legs_hung_up(d, g), 3);
	assert_int_equal(d->b.nlines, 1);
	assert_true(caller(d)->recall);
	assert_int_equal(caller(d)->state, LINE_TALKING);
	assert_int_equal(d->recalls, 1);
	assert_null(board_xfer_of(&d->b, d->caller));
	assert_non_null(strstr(d->b.status, "Nobody in Sales Team answered"));
	assert_int_equal(fake_count(&d->phone, "hangup", d->caller), 0);
}

static void esc_while_hunting_stops_ringing(void **state)
{
	struct desk *d = *state;
	struct legs g;

	board_blind(&d->b, fake_sel(&d->b), "600");
	g = sales_legs(d);
	d->phone.nops = 0;
	assert_int_equal(board_cancel_consult(&d->b, fake_sel_call(&d->b)), 0);
	assert_int_equal(legs_hung_up(d, g), 3);
	assert_int_equal(fake_count(&d->phone, "hold", d->caller), 1);
	assert_string_equal(fake_last(&d->phone)->what, "hold");
	assert_int_equal(fake_last(&d->phone)->arg, 0);
	assert_int_equal(caller(d)->state, LINE_TALKING);
	assert_false(caller(d)->recall);
	assert_int_equal(d->recalls, 0);
	assert_null(board_xfer_of(&d->b, d->caller));
	assert_int_equal(d->b.nlines, 1);
	assert_int_equal(fake_count(&d->phone, "hangup", d->caller), 0);
}

/* The caller hangs up while a ring group is rung: the members stop
 * ringing, as with Esc (else the first to answer reaches the operator). */
static void caller_hanging_up_while_hunting_stops_the_ringing(void **state)
{
	struct desk *d = *state;
	struct legs g;

	board_blind(&d->b, fake_sel(&d->b), "600");
	g = sales_legs(d);
	board_on_closed(&d->b, d->caller, 0, "Connection reset by peer");
	assert_null(board_xfer_of(&d->b, d->caller));
	assert_int_equal(legs_hung_up(d, g), 3);
	assert_int_equal(d->b.nlines, 0);
}

/* A member answering a transfer to its group is handed the caller
 * without the operator: the call the operator is on (Globex) stays. */
static void a_blind_hunt_leaves_the_operators_call_alone(void **state)
{
	struct desk *d = *state;
	line_id globex, bob;

	board_blind(&d->b, fake_sel(&d->b), "600");
	bob = leg_to(d, "sip:202@office");
	globex = answered(d, "Globex", "sip:globex@x");
	board_on_established(&d->b, bob);
	assert_string_equal(fake_last(&d->phone)->what, "refer_replaces");
	assert_int_equal(fake_last(&d->phone)->arg, (int)bob);
	board_on_refer_result(&d->b, d->caller, 200, "OK");
	assert_int_equal(d->transferred, 1);
	assert_int_equal(line(d, globex)->state, LINE_TALKING);
}

/* ---- intercom ------------------------------------------------------ */

static line_id page_leg(struct desk *d)
{
	assert_string_equal(fake_last(&d->phone)->what, "dial");
	return fake_last(&d->phone)->id;
}

static void intercom_holds_the_caller_and_pages(void **state)
{
	struct desk *d = *state;
	line_id page;
	struct xfer *x;

	assert_int_equal(board_intercom(&d->b, fake_sel(&d->b), "201"), 0);
	assert_int_equal(d->phone.nops, 2);
	assert_string_equal(op(d, 0)->what, "hold");
	assert_int_equal(op(d, 0)->id, d->caller);
	assert_int_equal(op(d, 0)->arg, 1);
	page = page_leg(d);
	assert_string_equal(op(d, 1)->uri, "sip:201@office");
	assert_int_equal(op(d, 1)->arg, INTERCOM_CALL_INFO);
	assert_string_equal(d->phone.last_header, "");
	assert_true(line(d, page)->page);
	assert_int_equal(caller(d)->state, LINE_HELD);
	x = board_xfer_of(&d->b, d->caller);
	assert_non_null(x);
	assert_int_equal(x->consult, page);
	assert_string_equal(d->page_events, "paging");
}

static void the_extension_chooses_its_intercom_method(void **state)
{
	struct desk *d = *state;

	board_extension(&d->b, "201")->intercom = INTERCOM_ALERT_INFO;
	assert_int_equal(board_intercom(&d->b, fake_sel(&d->b), "201"), 0);
	assert_int_equal(fake_last(&d->phone)->arg, INTERCOM_ALERT_INFO);
}

static void the_configured_header_goes_with_the_page(void **state)
{
	struct desk *d = *state;

	snprintf(d->b.icfg.header, sizeof(d->b.icfg.header),
		 "Alert-Info: <http://x>;info=alert-autoanswer");
	assert_int_equal(board_intercom(&d->b, fake_sel(&d->b), "202"), 0);
	assert_string_equal(d->phone.last_header,
			    "Alert-Info: <http://x>;info=alert-autoanswer");
}

static void t_completes_a_page(void **state)
{
	struct desk *d = *state;
	line_id page;

	fake_keys_install(&d->b);
	board_intercom(&d->b, fake_sel(&d->b), "201");
	assert_non_null(strstr(d->b.status, "announce, then T completes, x "
			       "ends the page"));
	page = page_leg(d);
	board_on_established(&d->b, page);
	assert_non_null(strstr(d->b.status, "answers the page: announce, then "
			       "T completes, x ends the page"));
	assert_int_equal(board_complete(&d->b, fake_sel_call(&d->b)), 0);
	assert_string_equal(fake_last(&d->phone)->what, "refer_replaces");
	assert_int_equal(fake_last(&d->phone)->id, d->caller);
	assert_int_equal(fake_last(&d->phone)->arg, (int)page);
}

static void ending_an_answered_page_leaves_the_caller_held(void **state)
{
	struct desk *d = *state;
	line_id page;

	board_intercom(&d->b, fake_sel(&d->b), "201");
	page = page_leg(d);
	board_on_established(&d->b, page);
	assert_int_equal(board_hangup(&d->b, page), 0);
	assert_int_equal(fake_count(&d->phone, "hangup", page), 1);
	assert_null(line(d, page));
	assert_int_equal(caller(d)->state, LINE_HELD);
	assert_false(caller(d)->recall);
	assert_int_equal(d->recalls, 0);
	assert_int_equal(fake_count(&d->phone, "refer_replaces", d->caller),
			 0);
	assert_int_equal(fake_count(&d->phone, "hold", d->caller), 1);
	assert_null(board_xfer_of(&d->b, d->caller));
	assert_string_equal(d->page_events, "paging ended");
}

static void a_rejected_page_recalls(void **state)
{
	struct desk *d = *state;
	line_id page;

	board_intercom(&d->b, fake_sel(&d->b), "201");
	page = page_leg(d);
	board_on_closed(&d->b, page, 480, "Temporarily Unavailable");
	assert_true(caller(d)->recall);
	assert_int_equal(caller(d)->state, LINE_TALKING);
	assert_int_equal(d->recalls, 1);
	assert_null(board_xfer_of(&d->b, d->caller));
	assert_int_equal(fake_count(&d->phone, "hangup", d->caller), 0);
}

/* The paged phone vanished (an RTP timeout, baresip's 701): that is no
 * announcement ending, the caller comes back flagged. */
static void an_answered_page_that_dies_recalls(void **state)
{
	struct desk *d = *state;
	line_id page;

	board_intercom(&d->b, fake_sel(&d->b), "201");
	page = page_leg(d);
	board_on_established(&d->b, page);
	board_on_closed(&d->b, page, 701, "rtp stream error");
	assert_null(line(d, page));
	assert_true(caller(d)->recall);
	assert_int_equal(caller(d)->state, LINE_TALKING);
	assert_int_equal(d->recalls, 1);
	assert_null(board_xfer_of(&d->b, d->caller));
}

static void intercom_without_a_caller_only_pages(void **state)
{
	struct desk *d = *state;
	line_id page;

	fake_keys_install(&d->b);
	assert_int_equal(board_intercom(&d->b, fake_sel(&d->b), "201"), 0);
	assert_non_null(strstr(d->b.status, "Paging Alice Martin: x ends the "
			       "page"));
	assert_int_equal(d->phone.nops, 1);
	page = page_leg(d);
	assert_string_equal(op(d, 0)->uri, "sip:201@office");
	assert_int_equal(op(d, 0)->arg, INTERCOM_CALL_INFO);
	assert_true(line(d, page)->page);
	assert_int_equal(d->b.nxfers, 0);
	assert_null(board_xfer_of(&d->b, page));
	assert_string_equal(d->page_events, "paging");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(blind_to_an_all_group_rings_every_member, setup, fake_board_teardown),
		cmocka_unit_test_setup_teardown(first_member_to_answer_gets_the_caller, setup, fake_board_teardown),
		cmocka_unit_test_setup_teardown(consult_to_a_group_consults_the_first_to_answer, setup, fake_board_teardown),
		cmocka_unit_test_setup_teardown(in_order_rings_one_member_at_a_time, setup, fake_board_teardown),
		cmocka_unit_test_setup_teardown(in_order_moves_on_after_ring_time_then_recalls, setup, fake_board_teardown),
		cmocka_unit_test_setup_teardown(in_order_last_member_busy_recalls, setup, fake_board_teardown),
		cmocka_unit_test_setup_teardown(all_group_nobody_answers_in_time_recalls, setup, fake_board_teardown),
		cmocka_unit_test_setup_teardown(esc_while_hunting_stops_ringing, setup, fake_board_teardown),
		cmocka_unit_test_setup_teardown(caller_hanging_up_while_hunting_stops_the_ringing, setup, fake_board_teardown),
		cmocka_unit_test_setup_teardown(a_blind_hunt_leaves_the_operators_call_alone, setup, fake_board_teardown),
		cmocka_unit_test_setup_teardown(intercom_holds_the_caller_and_pages, setup, fake_board_teardown),
		cmocka_unit_test_setup_teardown(the_extension_chooses_its_intercom_method, setup, fake_board_teardown),
		cmocka_unit_test_setup_teardown(the_configured_header_goes_with_the_page, setup, fake_board_teardown),
		cmocka_unit_test_setup_teardown(t_completes_a_page, setup, fake_board_teardown),
		cmocka_unit_test_setup_teardown(ending_an_answered_page_leaves_the_caller_held, setup, fake_board_teardown),
		cmocka_unit_test_setup_teardown(a_rejected_page_recalls, setup, fake_board_teardown),
		cmocka_unit_test_setup_teardown(an_answered_page_that_dies_recalls, setup, fake_board_teardown),
		cmocka_unit_test_setup_teardown(intercom_without_a_caller_only_pages, setup_idle, fake_board_teardown),
	};

	return cmocka_run_group_tests_name("groups", tests, NULL, NULL);
}
