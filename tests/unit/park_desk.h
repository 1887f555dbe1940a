/*
 * park_desk.h — the desk the park, ring group and intercom unit tests
 * share: ACME on the line, three colleagues and a Sales Team group, a
 * fake phone and clock, and the events the board sent. Include after
 * cmocka.h.
 */
#ifndef CORDBOARD_TESTS_PARK_DESK_H
#define CORDBOARD_TESTS_PARK_DESK_H

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "core/board.h"
#include "fake_phone.h"

static char park_members[3][EXT_MEMBER_LEN] = { "201", "202", "203" };
#define MEMBERS park_members

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

static inline void append(char *buf, size_t sz, const char *text)
{
	size_t n = strlen(buf);

	snprintf(buf + n, sz - n, "%s%s", n ? " " : "", text ? text : "?");
}

static inline void watch(void *arg, const struct board_event *ev)
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

static inline struct desk *desk_new(void)
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
static inline int setup(void **state)
{
	struct desk *d = desk_new();

	d->caller = fake_answered(&d->b, "ACME Corp", "sip:+3315551234@x");
	d->phone.nops = 0;
	*state = d;
	return 0;
}

/* Nobody on the line. */
static inline int setup_idle(void **state)
{
	*state = desk_new();
	return 0;
}

static inline struct line *line(struct desk *d, line_id id)
{
	return board_line(&d->b, id);
}

static inline struct line *caller(struct desk *d)
{
	return line(d, d->caller);
}

/* Points the operator at line ID in the calls pane. */
static inline void select_line(struct desk *d, line_id id)
{
	fake_focus(&d->b, fake_calls(&d->b));
	fake_select_line(&d->b, id);
}

/* Another caller, answered (the one talking is held) and selected. */
static inline line_id answered(struct desk *d, const char *name, const char *uri)
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

#endif
