/*
 * test_board.c — the receptionist's day against a fake phone: answer,
 * hold, retrieve, dial, hang up, and what the operator is told.
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
#include "core/evlog.h"
#include "fake_phone.h"

static struct extension exts[] = {
	{ .number = "201", .name = "Alice Martin", .department = "Sales",
	  .uri = "sip:201@127.0.0.1:5090" },
	{ .number = "202", .name = "Bob Stone", .department = "Support",
	  .uri = "sip:202@127.0.0.1:5090" },
	{ .number = "203", .name = "Alan Smithee", .department = "Support",
	  .uri = "sip:203@127.0.0.1:5090" },
};

struct day {
	struct board b;
	struct fake_phone phone;
	char events[16][512];
	int nevents;
};

static void record_event(void *arg, const struct board_event *ev)
{
	struct day *d = arg;

	/* status messages are checked through b.status */
	if (ev->type == EV_RESULT || ev->type == EV_ERROR)
		return;
	if (d->nevents == 16)
		d->nevents = 0;
	if (d->nevents < 16)
		evlog_format(d->events[d->nevents++], 512, ev, fake_now);
}

static int setup(void **state)
{
	static struct day d;

	memset(&d, 0, sizeof(d));
	fake_phone_setup(&d.phone, &d.b);
	board_set_extensions(&d.b, exts, 3);
	board_observe(&d.b, record_event, &d);
	*state = &d;
	return 0;
}

static line_id caller_rings(struct day *d, const char *name, const char *uri)
{
	return board_on_offered(&d->b, name, uri);
}

static void caller_is_answered_and_talks(void **state)
{
	struct day *d = *state;
	line_id id = caller_rings(d, "ACME Corp", "sip:+3315551234@10.0.0.1");
	struct line *l = board_line(&d->b, id);

	assert_non_null(l);
	assert_int_equal(l->state, LINE_OFFERED);
	assert_string_equal(l->name, "ACME Corp");
	assert_string_equal(l->number, "+3315551234");
	assert_int_equal(board_answer(&d->b, fake_sel_ringing(&d->b)), 0);
	assert_string_equal(fake_last(&d->phone)->what, "answer");
	assert_int_equal(fake_last(&d->phone)->id, id);
	/* the line only talks once the phone says so */
	assert_int_equal(l->state, LINE_OFFERED);
	fake_now += 5000;
	board_on_established(&d->b, id);
	assert_int_equal(l->state, LINE_TALKING);
	fake_now += 42000;
	assert_int_equal(line_duration_s(l, fake_now), 42);
	assert_non_null(strstr(d->events[0], "\"event\":\"line_offered\""));
	assert_non_null(strstr(d->events[0], "\"name\":\"ACME Corp\""));
	assert_non_null(strstr(d->events[d->nevents - 1],
			       "\"event\":\"line_answered\""));
}

static void answering_a_second_caller_holds_the_first(void **state)
{
	struct day *d = *state;
	line_id first = caller_rings(d, "ACME", "sip:100@x");
	line_id second;

	board_answer(&d->b, first);
	board_on_established(&d->b, first);
	second = caller_rings(d, "Bob", "sip:101@x");
	d->phone.nops = 0;
	assert_int_equal(board_answer(&d->b, second), 0);
	assert_int_equal(d->phone.nops, 2);
	assert_string_equal(d->phone.ops[0].what, "hold");
	assert_int_equal(d->phone.ops[0].id, first);
	assert_int_equal(d->phone.ops[0].arg, 1);
	assert_string_equal(d->phone.ops[1].what, "answer");
	assert_int_equal(d->phone.ops[1].id, second);
	assert_int_equal(board_line(&d->b, first)->state, LINE_HELD);
}

static void answer_next_takes_the_oldest_ringing_call(void **state)
{
	struct day *d = *state;
	line_id a = caller_rings(d, "A", "sip:1@x");

	caller_rings(d, "B", "sip:2@x");
	board_answer(&d->b, a);
	board_on_established(&d->b, a);
	/* selection is on the talking line: answer takes the ringing one */
	fake_select_line(&d->b, a);
	assert_int_equal(board_answer(&d->b, fake_sel_ringing(&d->b)), 0);
	assert_int_equal(fake_last(&d->phone)->id, a + 1);
}

static void hold_and_retrieve_toggle(void **state)
{
	struct day *d = *state;
	line_id id = caller_rings(d, "ACME", "sip:1@x");
	struct line *l;

	board_answer(&d->b, id);
	board_on_established(&d->b, id);
	assert_int_equal(board_hold_toggle(&d->b, fake_sel(&d->b)), 0);
	l = board_line(&d->b, id);
	assert_int_equal(l->state, LINE_HELD);
	assert_string_equal(fake_last(&d->phone)->what, "hold");
	assert_int_equal(fake_last(&d->phone)->arg, 1);
	assert_int_equal(board_hold_toggle(&d->b, fake_sel(&d->b)), 0);
	assert_int_equal(l->state, LINE_TALKING);
	assert_int_equal(fake_last(&d->phone)->arg, 0);
	assert_non_null(strstr(d->events[d->nevents - 1], "line_resumed"));
}

static void retrieving_holds_the_line_in_use(void **state)
{
	struct day *d = *state;
	line_id a = caller_rings(d, "A", "sip:1@x"), b;

	board_answer(&d->b, a);
	board_on_established(&d->b, a);
	b = caller_rings(d, "B", "sip:2@x");
	board_answer(&d->b, b);
	board_on_established(&d->b, b);
	d->phone.nops = 0;
	assert_int_equal(board_hold_toggle(&d->b, a), 0);
	assert_int_equal(d->phone.nops, 2);
	assert_int_equal(d->phone.ops[0].id, b);
	assert_int_equal(d->phone.ops[0].arg, 1);
	assert_int_equal(d->phone.ops[1].id, a);
	assert_int_equal(d->phone.ops[1].arg, 0);
	assert_int_equal(board_line(&d->b, a)->state, LINE_TALKING);
	assert_int_equal(board_line(&d->b, b)->state, LINE_HELD);
}

static void a_ringing_call_cannot_be_held(void **state)
{
	struct day *d = *state;
	line_id id = caller_rings(d, "A", "sip:1@x");

	assert_int_equal(board_hold_toggle(&d->b, id), EINVAL);
	assert_int_equal(d->phone.nops, 0);
	assert_true(d->b.status_error);
	assert_non_null(strstr(d->b.status, "only a connected call"));
}

static void hangup_removes_the_line_and_keeps_selection_valid(void **state)
{
	struct day *d = *state;
	line_id a = caller_rings(d, "A", "sip:1@x");

	caller_rings(d, "B", "sip:2@x");
	fake_calls(&d->b)->selected = 1;
	assert_int_equal(board_hangup(&d->b, fake_sel(&d->b)), 0);
	assert_string_equal(fake_last(&d->phone)->what, "hangup");
	assert_int_equal(fake_last(&d->phone)->id, a + 1);
	assert_int_equal(d->b.nlines, 1);
	assert_int_equal(fake_calls(&d->b)->selected, 0);
	assert_non_null(board_line(&d->b, a));
	assert_non_null(strstr(d->events[d->nevents - 1], "line_closed"));
}

static void dial_by_number_name_and_uri(void **state)
{
	struct day *d = *state;

	assert_int_equal(board_dial(&d->b, "202"), 0);
	assert_string_equal(fake_last(&d->phone)->uri,
			    "sip:202@127.0.0.1:5090");
	assert_string_equal(board_line(&d->b, fake_last(&d->phone)->id)->name,
			    "Bob Stone");
	assert_int_equal(board_dial(&d->b, "  alice "), 0);
	assert_string_equal(fake_last(&d->phone)->uri,
			    "sip:201@127.0.0.1:5090");
	assert_int_equal(board_dial(&d->b, "sip:carol@example.com"), 0);
	assert_string_equal(fake_last(&d->phone)->uri,
			    "sip:carol@example.com");
	assert_int_equal(board_dial(&d->b, "5555"), 0);
	assert_string_equal(fake_last(&d->phone)->uri, "sip:5555@127.0.0.1");
}

static void names_match_without_accents_or_case(void **state)
{
	struct extension people[] = {
		{ .number = "301", .name = "Zoë Müller", .department = "Ventes",
		  .uri = "sip:301@o" },
		{ .number = "302", .name = "Łukasz Żółw", .department = "Dział",
		  .uri = "sip:302@o" },
	};
	struct day *d = *state;

	board_set_extensions(&d->b, people, 2);
	assert_int_equal(board_dial(&d->b, "zoe"), 0);
	assert_string_equal(fake_last(&d->phone)->uri, "sip:301@o");
	assert_int_equal(board_dial(&d->b, "MULL"), 0);
	assert_string_equal(fake_last(&d->phone)->uri, "sip:301@o");
	assert_int_equal(board_dial(&d->b, "lukasz"), 0);
	assert_string_equal(fake_last(&d->phone)->uri, "sip:302@o");
	assert_int_equal(board_dial(&d->b, "zolw"), 0);
	assert_string_equal(fake_last(&d->phone)->uri, "sip:302@o");
	assert_int_equal(board_dial(&d->b, "dzial"), 0);
	assert_string_equal(fake_last(&d->phone)->uri, "sip:302@o");
	/* typing the accent works too */
	assert_int_equal(board_dial(&d->b, "Zoë"), 0);
	assert_string_equal(fake_last(&d->phone)->uri, "sip:301@o");
}

static void dial_of_an_unknown_or_ambiguous_name_does_nothing(void **state)
{
	struct day *d = *state;

	assert_int_equal(board_dial(&d->b, "zed"), EINVAL);
	assert_int_equal(d->phone.nops, 0);
	assert_string_equal(d->b.status,
			    "Cannot dial: no extension matches 'zed'");
	assert_int_equal(board_dial(&d->b, "al"), EINVAL);
	assert_int_equal(d->phone.nops, 0);
	assert_non_null(strstr(d->b.status, "matches 2 extensions"));
	assert_int_equal(d->b.nlines, 0);
}

static void dialling_while_talking_holds_the_caller(void **state)
{
	struct day *d = *state;
	line_id a = caller_rings(d, "A", "sip:1@x");

	board_answer(&d->b, a);
	board_on_established(&d->b, a);
	d->phone.nops = 0;
	assert_int_equal(board_dial(&d->b, "201"), 0);
	assert_string_equal(d->phone.ops[0].what, "hold");
	assert_string_equal(d->phone.ops[1].what, "dial");
	assert_int_equal(board_line(&d->b, a)->state, LINE_HELD);
}

static void a_failed_dial_leaves_no_line(void **state)
{
	struct day *d = *state;

	d->phone.fail_next = EINVAL;
	assert_int_equal(board_dial(&d->b, "201"), EINVAL);
	assert_int_equal(d->b.nlines, 0);
	assert_true(d->b.status_error);
}

static void a_failed_answer_keeps_the_caller_ringing(void **state)
{
	struct day *d = *state;
	line_id id = caller_rings(d, "A", "sip:1@x");

	d->phone.fail_next = EPROTO;
	assert_int_equal(board_answer(&d->b, id), EPROTO);
	assert_int_equal(board_line(&d->b, id)->state, LINE_OFFERED);
	assert_true(d->b.status_error);
}

static void busy_callee_is_reported_with_its_status(void **state)
{
	struct day *d = *state;
	line_id id;

	board_dial(&d->b, "201");
	id = fake_last(&d->phone)->id;
	board_on_ringing(&d->b, id);
	assert_int_equal(board_line(&d->b, id)->state, LINE_RINGING_OUT);
	board_on_closed(&d->b, id, 486, "Busy Here");
	assert_null(board_line(&d->b, id));
	assert_string_equal(d->b.status, "Call to Alice Martin failed: busy (486)");
	assert_true(d->b.status_error);
	assert_non_null(strstr(d->events[d->nevents - 1], "\"status\":486"));
}

static void dtmf_goes_to_the_connected_call(void **state)
{
	struct day *d = *state;
	line_id id = caller_rings(d, "A", "sip:1@x");

	assert_int_equal(board_dtmf(&d->b, '5'), ENOENT);
	board_answer(&d->b, id);
	board_on_established(&d->b, id);
	assert_int_equal(board_dtmf(&d->b, '5'), 0);
	assert_string_equal(fake_last(&d->phone)->what, "dtmf");
	assert_int_equal(fake_last(&d->phone)->arg, '5');
}

static void hostile_names_are_cleaned_on_arrival(void **state)
{
	struct day *d = *state;
	line_id id = caller_rings(d, "Evil\x1b]0;owned\x07\x1b[2J Corp\xc2\x9b",
				  "sip:666@x");

	assert_string_equal(board_line(&d->b, id)->name, "Evil Corp");
}

static void a_full_board_refuses_more_calls(void **state)
{
	struct day *d = *state;
	int i;

	for (i = 0; i < BOARD_MAX_LINES; i++)
		assert_int_not_equal(caller_rings(d, "X", "sip:1@x"), 0);
	assert_int_equal(caller_rings(d, "Y", "sip:2@x"), 0);
	assert_true(d->b.status_error);
}

static void baresip_resuming_a_held_call_is_reported(void **state)
{
	struct day *d = *state;
	line_id id = caller_rings(d, "A", "sip:1@x");

	board_answer(&d->b, id);
	board_on_established(&d->b, id);
	board_hold_toggle(&d->b, id);
	board_on_hold_changed(&d->b, id, false);
	assert_int_equal(board_line(&d->b, id)->state, LINE_TALKING);
}

static void presence_and_line_state_reach_the_board(void **state)
{
	struct day *d = *state;
	struct presence_info dnd = { PRESENCE_DND, "In a meeting" };
	struct dialog_info ringing = { EXT_LINE_RINGING, "sip:1@x", "ACME", "" };
	struct dialog_info idle = { EXT_LINE_IDLE, "", "", "" };

	d->b.dirty = 0;
	board_on_presence(&d->b, "202", &dnd);
	assert_int_equal(exts[1].presence, PRESENCE_DND);
	assert_string_equal(exts[1].note, "In a meeting");
	assert_true(d->b.dirty & DIRTY_EXT_ROWS);
	assert_non_null(strstr(d->events[d->nevents - 1],
			       "\"event\":\"presence\",\"text\":\"202\""));
	/* the same news twice changes nothing */
	d->b.dirty = 0;
	board_on_presence(&d->b, "202", &dnd);
	assert_int_equal(d->b.dirty, 0);
	board_on_line_state(&d->b, "201", &ringing);
	assert_int_equal(exts[0].line_state, EXT_LINE_RINGING);
	assert_string_equal(exts[0].peer, "ACME");
	board_on_line_state(&d->b, "201", &idle);
	assert_string_equal(exts[0].peer, "");
	/* an unknown extension is ignored */
	board_on_presence(&d->b, "999", &dnd);
}

static void an_extension_s_peer_reads_as_a_name(void **state)
{
	struct day *d = *state;
	struct dialog_info from_acme = { EXT_LINE_INCALL,
		"sip:+3315551234@pbx.example.com:5060", "", "" };
	struct dialog_info from_202 = { EXT_LINE_RINGING,
		"sip:202@pbx.example.com", "", "" };
	struct dialog_info from_stranger = { EXT_LINE_RINGING,
		"sip:+4930111@pbx.example.com", "", "" };
	line_id id = caller_rings(d, "ACME Corp", "sip:+3315551234@x");

	/* a server that gives no display name: the console knows who */
	board_hangup(&d->b, id);
	board_on_closed(&d->b, id, 0, "");
	board_on_line_state(&d->b, "201", &from_acme);
	assert_string_equal(exts[0].peer, "ACME Corp");
	board_on_line_state(&d->b, "201", &from_202);
	assert_string_equal(exts[0].peer, exts[1].name);
	/* nobody it knows: the number, not the whole URI */
	board_on_line_state(&d->b, "201", &from_stranger);
	assert_string_equal(exts[0].peer, "+4930111");
}

static void sorting_keeps_the_selected_extension(void **state)
{
	struct extension people[] = {
		{ .number = "1001", .name = "Zed", .department = "Accounts" },
		{ .number = "99", .name = "Amy", .department = "Sales" },
		{ .number = "200", .name = "Bea", .department = "Accounts" },
	};
	struct day *d = *state;
	struct pane *p = fake_exts(&d->b);

	board_set_extensions(&d->b, people, 3);
	/* the board starts in number order */
	assert_string_equal(people[0].name, "Amy");
	assert_string_equal(people[2].name, "Zed");
	assert_string_equal(p->cls->extension_at(p, 0)->name, "Amy");
	p->selected = 0;                        /* Amy */
	fake_sort_toggle(&d->b);                /* by department */
	assert_string_equal(p->cls->extension_at(p, 0)->name, "Bea");
	assert_string_equal(p->cls->extension_at(p, 1)->name, "Zed");
	assert_string_equal(p->cls->extension_at(p, 2)->name, "Amy");
	assert_int_equal(p->selected, 2);
	assert_string_equal(d->b.status, "Extensions by department");
	/* the pane's order: the directory stays in number order */
	assert_string_equal(people[0].name, "Amy");
	fake_sort_toggle(&d->b);                /* by number */
	assert_string_equal(p->cls->extension_at(p, 0)->number, "99");
	assert_string_equal(p->cls->extension_at(p, 1)->number, "200");
	assert_string_equal(p->cls->extension_at(p, 2)->number, "1001");
	assert_int_equal(p->selected, 0);
}

/* The control socket's `lines` query: what is up, and nothing once
 * everyone has hung up. */
static void the_board_lists_lines_transfers_and_the_conference(void **state)
{
	struct day *d = *state;
	line_id caller = caller_rings(d, "ACME Corp",
				      "sip:+3315551234@10.0.0.1"), consult;
	char buf[1024], want[512];
	int n;

	board_answer(&d->b, caller);
	board_on_established(&d->b, caller);
	assert_int_equal(board_consult(&d->b, fake_sel(&d->b), "201"), 0);
	consult = fake_last(&d->phone)->id;
	board_on_established(&d->b, consult);
	n = evlog_board(buf, sizeof(buf), &d->b);
	assert_true(n > 0 && n < (int)sizeof(buf));
	snprintf(want, sizeof(want), "{\"lines\":[{\"line\":%u,\"state\":"
		 "\"held\",\"dir\":\"in\",\"number\":\"+3315551234\","
		 "\"park_slot\":0},{\"line\":%u,\"state\":\"talking\","
		 "\"dir\":\"out\",\"number\":\"201\",\"park_slot\":0}],"
		 "\"transfers\":[{\"caller\":%u,\"consult\":%u,\"kind\":"
		 "\"attended\",\"state\":\"consulting\"}],\"conference\":"
		 "\"none\"}", caller, consult, caller, consult);
	assert_string_equal(buf, want);
	/* too small: says so instead of cutting the JSON short */
	assert_true(evlog_board(buf, 40, &d->b) >= 40);
	board_on_closed(&d->b, consult, 0, "bye");
	board_on_closed(&d->b, caller, 0, "bye");
	evlog_board(buf, sizeof(buf), &d->b);
	assert_string_equal(buf, "{\"lines\":[],\"transfers\":[],"
			    "\"conference\":\"none\"}");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(caller_is_answered_and_talks, setup, fake_board_teardown),
		cmocka_unit_test_setup_teardown(the_board_lists_lines_transfers_and_the_conference, setup, fake_board_teardown),
		cmocka_unit_test_setup_teardown(answering_a_second_caller_holds_the_first, setup, fake_board_teardown),
		cmocka_unit_test_setup_teardown(answer_next_takes_the_oldest_ringing_call, setup, fake_board_teardown),
		cmocka_unit_test_setup_teardown(hold_and_retrieve_toggle, setup, fake_board_teardown),
		cmocka_unit_test_setup_teardown(retrieving_holds_the_line_in_use, setup, fake_board_teardown),
		cmocka_unit_test_setup_teardown(a_ringing_call_cannot_be_held, setup, fake_board_teardown),
		cmocka_unit_test_setup_teardown(hangup_removes_the_line_and_keeps_selection_valid, setup, fake_board_teardown),
		cmocka_unit_test_setup_teardown(dial_by_number_name_and_uri, setup, fake_board_teardown),
		cmocka_unit_test_setup_teardown(dial_of_an_unknown_or_ambiguous_name_does_nothing, setup, fake_board_teardown),
		cmocka_unit_test_setup_teardown(names_match_without_accents_or_case, setup, fake_board_teardown),
		cmocka_unit_test_setup_teardown(presence_and_line_state_reach_the_board, setup, fake_board_teardown),
		cmocka_unit_test_setup_teardown(sorting_keeps_the_selected_extension, setup, fake_board_teardown),
		cmocka_unit_test_setup_teardown(dialling_while_talking_holds_the_caller, setup, fake_board_teardown),
		cmocka_unit_test_setup_teardown(a_failed_dial_leaves_no_line, setup, fake_board_teardown),
		cmocka_unit_test_setup_teardown(a_failed_answer_keeps_the_caller_ringing, setup, fake_board_teardown),
		cmocka_unit_test_setup_teardown(busy_callee_is_reported_with_its_status, setup, fake_board_teardown),
		cmocka_unit_test_setup_teardown(dtmf_goes_to_the_connected_call, setup, fake_board_teardown),
		cmocka_unit_test_setup_teardown(hostile_names_are_cleaned_on_arrival, setup, fake_board_teardown),
		cmocka_unit_test_setup_teardown(a_full_board_refuses_more_calls, setup, fake_board_teardown),
		cmocka_unit_test_setup_teardown(baresip_resuming_a_held_call_is_reported, setup, fake_board_teardown),
		cmocka_unit_test_setup_teardown(an_extension_s_peer_reads_as_a_name, setup, fake_board_teardown),
	};

	return cmocka_run_group_tests_name("board", tests, NULL, NULL);
}
