/*
 * test_park.c — park slots, pick-up by an extension calling a slot,
 * ring groups the console rings itself, and intercom pages, against a
 * fake phone and a fake clock. As everywhere: whatever fails, the
 * console never hangs up a caller.
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

#define MEMBERS { "201", "202", "203" }

static const struct extension exts_template[] = {
	{ .number = "201", .name = "Alice Martin", .uri = "sip:201@office" },
	{ .number = "202", .name = "Bob Stone", .uri = "sip:202@office" },
	{ .number = "203", .name = "Carol Diaz", .uri = "sip:203@office" },
	{ .number = "600", .name = "Sales Team", .kind = EXT_RING_GROUP,
	  .members = MEMBERS, .nmembers = 3, .strategy = GROUP_ALL,
	  .ring_time_s = 15 },
	{ .number = "601", .name = "Support Line", .kind = EXT_RING_GROUP,
	  .members = MEMBERS, .nmembers = 3, .strategy = GROUP_IN_ORDER,
	  .ring_time_s = 15 },
};
#define NEXTS (sizeof(exts_template) / sizeof(exts_template[0]))

struct desk {
	struct board b;
	struct fake_phone phone;
	struct extension exts[NEXTS];
	line_id caller;
	char park_events[256];    /* "parked 1 picked-up 1 ..." */
	char page_events[128];    /* "paging ended" */
	char transferred_text[256];
	int transferred, recalls;
};

static void append(char *buf, size_t sz, const char *text)
{
	size_t n = strlen(buf);

	snprintf(buf + n, sz - n, "%s%s", n ? " " : "", text ? text : "?");
}

static void watch(void *arg, const struct board_event *ev)
{
	struct desk *d = arg;

	if (ev->type == EV_PARK)
		append(d->park_events, sizeof(d->park_events), ev->text);
	if (ev->type == EV_PAGE)
		append(d->page_events, sizeof(d->page_events), ev->text);
	if (ev->type == EV_TRANSFERRED) {
		d->transferred++;
		snprintf(d->transferred_text, sizeof(d->transferred_text),
			 "%s", ev->text);
	}
	if (ev->type == EV_RECALL)
		d->recalls++;
}

static struct desk *desk_new(void)
{
	static struct desk d;

	memset(&d, 0, sizeof(d));
	memcpy(d.exts, exts_template, sizeof(d.exts));
	fake_phone_setup(&d.phone, &d.b);
	board_set_extensions(&d.b, d.exts, NEXTS);
	board_observe(&d.b, watch, &d);
	d.b.pcfg.slots = 2;
	return &d;
}

/* ACME has called and the operator is talking to it; two park slots. */
static int setup(void **state)
{
	struct desk *d = desk_new();

	d->caller = fake_answered(&d->b, "ACME Corp", "sip:+3315551234@x");
	d->phone.nops = 0;
	*state = d;
	return 0;
}

/* Nobody on the line. */
static int setup_idle(void **state)
{
	*state = desk_new();
	return 0;
}

static struct line *line(struct desk *d, line_id id)
{
	return board_line(&d->b, id);
}

static struct line *caller(struct desk *d)
{
	return line(d, d->caller);
}

/* Points the operator at line ID in the calls pane. */
static void select_line(struct desk *d, line_id id)
{
	size_t i;

	d->b.focus = PANE_CALLS;
	for (i = 0; i < d->b.nlines; i++) {
		if (d->b.lines[i].id == id)
			d->b.sel_line = i;
	}
}

/* Another caller, answered (the one talking is held) and selected. */
static line_id answered(struct desk *d, const char *name, const char *uri)
{
	line_id id = fake_answered(&d->b, name, uri);

	select_line(d, id);
	return id;
}

static const struct fake_op *op(struct desk *d, int i)
{
	assert_true(i < d->phone.nops);
	return &d->phone.ops[i];
}

/* ---- park slots ---------------------------------------------------- */

static void park_holds_the_caller_in_the_first_free_slot(void **state)
{
	struct desk *d = *state;

	assert_int_equal(board_park(&d->b), 0);
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

	board_park(&d->b);
	globex = answered(d, "Globex", "sip:globex@x");
	assert_int_equal(board_park(&d->b), 0);
	assert_int_equal(line(d, globex)->park_slot, 2);
	assert_int_equal(caller(d)->park_slot, 1);
	assert_string_equal(d->park_events, "parked 1 parked 2");
}

static void all_slots_taken_changes_nothing(void **state)
{
	struct desk *d = *state;
	line_id initech;

	board_park(&d->b);
	answered(d, "Globex", "sip:globex@x");
	board_park(&d->b);
	initech = answered(d, "Initech", "sip:initech@x");
	d->phone.nops = 0;
	assert_int_equal(board_park(&d->b), ENOSPC);
	assert_int_equal(d->phone.nops, 0);
	assert_int_equal(line(d, initech)->state, LINE_TALKING);
	assert_int_equal(line(d, initech)->park_slot, 0);
	assert_string_equal(d->b.status, "All 2 park slots are taken");
	assert_string_equal(d->park_events, "parked 1 parked 2");
}

static void parking_a_parked_line_again_is_refused(void **state)
{
	struct desk *d = *state;

	board_park(&d->b);
	select_line(d, d->caller);
	d->phone.nops = 0;
	assert_int_equal(board_park(&d->b), EEXIST);
	assert_int_equal(d->phone.nops, 0);
	assert_int_equal(caller(d)->park_slot, 1);
	assert_string_equal(d->park_events, "parked 1");
}

static void a_slot_is_free_again_after_pickup(void **state)
{
	struct desk *d = *state;
	line_id globex, initech;

	board_park(&d->b);
	globex = answered(d, "Globex", "sip:globex@x");
	board_park(&d->b);
	assert_int_equal(board_pickup(&d->b, 1), 0);
	initech = answered(d, "Initech", "sip:initech@x");
	assert_int_equal(board_park(&d->b), 0);
	assert_int_equal(line(d, initech)->park_slot, 1);
	assert_int_equal(line(d, globex)->park_slot, 2);
	assert_int_equal(caller(d)->park_slot, 0);
}

static void pickup_retrieves_the_parked_line(void **state)
{
	struct desk *d = *state;

	board_park(&d->b);
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
	board_park(&d->b);
	fake_now += 1000;
	globex = answered(d, "Globex", "sip:globex@x");
	board_park(&d->b);
	fake_now += 1000;
	board_pickup(&d->b, 1);
	select_line(d, d->caller);
	board_park(&d->b);
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
	board_park(&d->b);
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

	board_park(&d->b);
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

/* ---- park timeout -------------------------------------------------- */

static void a_parked_caller_comes_back_after_the_timeout(void **state)
{
	struct desk *d = *state;

	d->b.pcfg.timeout_s = 60;
	board_park(&d->b);
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

	board_park(&d->b);
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

	assert_int_equal(board_blind(&d->b, "600"), 0);
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

	board_blind(&d->b, "600");
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

	assert_int_equal(board_consult(&d->b, "600"), 0);
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
	assert_int_equal(board_complete(&d->b), 0);
	assert_string_equal(fake_last(&d->phone)->what, "refer_replaces");
	assert_int_equal(fake_last(&d->phone)->arg, (int)g.carol);
}

static void in_order_rings_one_member_at_a_time(void **state)
{
	struct desk *d = *state;
	char uris[256];
	int mark;

	assert_int_equal(board_blind(&d->b, "601"), 0);
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

	board_blind(&d->b, "601");
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

	board_blind(&d->b, "601");
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

	board_blind(&d->b, "600");
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

	board_blind(&d->b, "600");
	g = sales_legs(d);
	d->phone.nops = 0;
	assert_int_equal(board_cancel_consult(&d->b), 0);
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

	board_blind(&d->b, "600");
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

	board_blind(&d->b, "600");
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

	assert_int_equal(board_intercom(&d->b, "201"), 0);
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
	assert_int_equal(board_intercom(&d->b, "201"), 0);
	assert_int_equal(fake_last(&d->phone)->arg, INTERCOM_ALERT_INFO);
}

static void the_configured_header_goes_with_the_page(void **state)
{
	struct desk *d = *state;

	snprintf(d->b.icfg.header, sizeof(d->b.icfg.header),
		 "Alert-Info: <http://x>;info=alert-autoanswer");
	assert_int_equal(board_intercom(&d->b, "202"), 0);
	assert_string_equal(d->phone.last_header,
			    "Alert-Info: <http://x>;info=alert-autoanswer");
}

static void t_completes_a_page(void **state)
{
	struct desk *d = *state;
	line_id page;

	board_intercom(&d->b, "201");
	page = page_leg(d);
	board_on_established(&d->b, page);
	assert_int_equal(board_complete(&d->b), 0);
	assert_string_equal(fake_last(&d->phone)->what, "refer_replaces");
	assert_int_equal(fake_last(&d->phone)->id, d->caller);
	assert_int_equal(fake_last(&d->phone)->arg, (int)page);
}

static void ending_an_answered_page_leaves_the_caller_held(void **state)
{
	struct desk *d = *state;
	line_id page;

	board_intercom(&d->b, "201");
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

	board_intercom(&d->b, "201");
	page = page_leg(d);
	board_on_closed(&d->b, page, 480, "Temporarily Unavailable");
	assert_true(caller(d)->recall);
	assert_int_equal(caller(d)->state, LINE_TALKING);
	assert_int_equal(d->recalls, 1);
	assert_null(board_xfer_of(&d->b, d->caller));
	assert_int_equal(fake_count(&d->phone, "hangup", d->caller), 0);
}

static void intercom_without_a_caller_only_pages(void **state)
{
	struct desk *d = *state;
	line_id page;

	assert_int_equal(board_intercom(&d->b, "201"), 0);
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
		cmocka_unit_test_setup(park_holds_the_caller_in_the_first_free_slot, setup),
		cmocka_unit_test_setup(second_caller_gets_the_next_slot, setup),
		cmocka_unit_test_setup(all_slots_taken_changes_nothing, setup),
		cmocka_unit_test_setup(parking_a_parked_line_again_is_refused, setup),
		cmocka_unit_test_setup(a_slot_is_free_again_after_pickup, setup),
		cmocka_unit_test_setup(pickup_retrieves_the_parked_line, setup),
		cmocka_unit_test_setup(pickup_0_takes_the_one_parked_longest, setup),
		cmocka_unit_test_setup(pickup_of_an_empty_slot_is_enoent, setup),
		cmocka_unit_test_setup(a_call_to_the_slot_is_answered_without_ringing, setup),
		cmocka_unit_test_setup(the_connected_picker_gets_the_caller_by_refer, setup),
		cmocka_unit_test_setup(refer_405_bridges_at_the_console, setup),
		cmocka_unit_test_setup(refer_603_bridges_at_the_console, setup),
		cmocka_unit_test_setup(a_call_to_an_empty_slot_gets_404, setup),
		cmocka_unit_test_setup(a_call_to_slot_5_of_8_that_is_empty_gets_404, setup),
		cmocka_unit_test_setup(a_call_to_reception_is_an_ordinary_call, setup),
		cmocka_unit_test_setup(a_parked_caller_comes_back_after_the_timeout, setup),
		cmocka_unit_test_setup(a_timed_out_caller_waits_while_the_operator_talks, setup),
		cmocka_unit_test_setup(blind_to_an_all_group_rings_every_member, setup),
		cmocka_unit_test_setup(first_member_to_answer_gets_the_caller, setup),
		cmocka_unit_test_setup(consult_to_a_group_consults_the_first_to_answer, setup),
		cmocka_unit_test_setup(in_order_rings_one_member_at_a_time, setup),
		cmocka_unit_test_setup(in_order_moves_on_after_ring_time_then_recalls, setup),
		cmocka_unit_test_setup(in_order_last_member_busy_recalls, setup),
		cmocka_unit_test_setup(all_group_nobody_answers_in_time_recalls, setup),
		cmocka_unit_test_setup(esc_while_hunting_stops_ringing, setup),
		cmocka_unit_test_setup(caller_hanging_up_while_hunting_stops_the_ringing, setup),
		cmocka_unit_test_setup(a_blind_hunt_leaves_the_operators_call_alone, setup),
		cmocka_unit_test_setup(intercom_holds_the_caller_and_pages, setup),
		cmocka_unit_test_setup(the_extension_chooses_its_intercom_method, setup),
		cmocka_unit_test_setup(the_configured_header_goes_with_the_page, setup),
		cmocka_unit_test_setup(t_completes_a_page, setup),
		cmocka_unit_test_setup(ending_an_answered_page_leaves_the_caller_held, setup),
		cmocka_unit_test_setup(a_rejected_page_recalls, setup),
		cmocka_unit_test_setup(intercom_without_a_caller_only_pages, setup_idle),
	};

	return cmocka_run_group_tests_name("park", tests, NULL, NULL);
}
