/*
 * park.c — park slots: a caller waits on hold in a numbered slot until
 * the operator picks it up, an extension calls the slot (the console
 * answers and hands the caller over by REFER with Replaces, or bridges
 * them itself when the caller's phone cannot), or the slot times out and
 * the caller comes back to the operator, flagged.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "board_int.h"
#include "operation.h"

struct line *board_parked(struct board *b, unsigned slot)
{
	size_t i;

	for (i = 0; slot && i < b->nlines; i++) {
		if (b->lines[i].park_slot == slot)
			return &b->lines[i];
	}
	return NULL;
}

/* The first slot nobody waits in, or 0 when all are taken. */
static unsigned slot_free(struct board *b)
{
	unsigned s;

	for (s = 1; s <= (unsigned)b->pcfg.slots; s++) {
		if (!board_parked(b, s))
			return s;
	}
	return 0;
}

static void unpark(struct board *b, struct line *l, const char *what)
{
	char text[32];

	snprintf(text, sizeof(text), "%s %u", what, l->park_slot);
	l->park_slot = 0;
	l->parked_ms = 0;
	board_touch(b, DIRTY_CALLS);
	board_emit(b, EV_PARK, l, 0, text);
}

int board_park(struct board *b, line_id sel)
{
	struct line *l = sel ? board_line(b, sel) : NULL;
	unsigned slot;
	line_id id;
	char text[32];
	int err;

	if (!l || (l->state != LINE_TALKING && l->state != LINE_HELD))
		l = board_talking_line(b);
	if (!l) {
		board_status(b, true, "Nothing to park: answer a call first");
		return ENOENT;
	}
	if (l->park_slot) {
		board_status(b, true, "%s is already parked in slot %u",
			     board_line_label(l), l->park_slot);
		return EEXIST;
	}
	if (board_xfer_of(b, l->id) || board_in_conference(b, l->id)) {
		board_status(b, true, "%s is being transferred or in the "
			     "conference: it cannot be parked",
			     board_line_label(l));
		return EBUSY;
	}
	slot = slot_free(b);
	if (!slot) {
		board_status(b, true, "All %d park slots are taken",
			     b->pcfg.slots);
		return ENOSPC;
	}
	id = l->id;
	if (l->state == LINE_TALKING) {
		err = b->ops->hold(b->phone, id, true);
		l = board_line(b, id);
		if (!l)
			return ENOENT;
		if (err) {
			board_status(b, true, "Could not park %s: %s",
				     board_line_label(l), strerror(err));
			return err;
		}
		l->state = LINE_HELD;
		board_emit(b, EV_LINE_HELD, l, 0, NULL);
	}
	l->park_slot = slot;
	l->parked_ms = b->now_ms();
	l->recall = false;
	board_touch(b, DIRTY_CALLS);
	board_status(b, false, "%s parked in slot %u: %s %u picks up, or "
		     "call %s%u", board_line_label(l), slot,
		     board_key(b, "pickup"), slot, b->pcfg.uri_prefix, slot);
	snprintf(text, sizeof(text), "parked %u", slot);
	board_emit(b, EV_PARK, l, 0, text);
	return 0;
}

int board_pickup(struct board *b, unsigned slot)
{
	struct line *l = board_parked(b, slot);
	size_t i;

	if (!slot) {
		/* the one waiting longest */
		for (i = 0; i < b->nlines; i++) {
			struct line *c = &b->lines[i];

			if (c->park_slot && (!l || c->parked_ms < l->parked_ms))
				l = c;
		}
	}
	if (!l) {
		if (slot)
			board_status(b, true, "Nobody is parked in slot %u",
				     slot);
		else
			board_status(b, true, "Nobody is parked");
		return ENOENT;
	}
	/* retrieving a parked line unparks it (board_hold_toggle) */
	return board_hold_toggle(b, l->id);
}

void board_unpark_retrieved(struct board *b, struct line *l)
{
	char label[256];
	unsigned slot = l->park_slot;

	if (!slot)
		return;
	snprintf(label, sizeof(label), "%s", board_line_label(l));
	unpark(b, l, "picked-up");
	board_status(b, false, "%s picked up from slot %u", label, slot);
}

/* "park-3" with the prefix "park-" is slot 3; 0 when it names none. */
static unsigned slot_dialled(const struct board *b, const char *dialled)
{
	size_t n = strlen(b->pcfg.uri_prefix);
	char *end;
	unsigned long v;

	if (!dialled || !n || strncmp(dialled, b->pcfg.uri_prefix, n) ||
	    dialled[n] < '1' || dialled[n] > '9')
		return 0;
	v = strtoul(dialled + n, &end, 10);
	if (*end || v > 1000000)
		return 0;   /* any park-N is a slot: past the last one, empty */
	return (unsigned)v;
}

/* A caller merely on hold, parked in no slot and in no transfer or
 * conference: another console may take it as a parked one. */
static bool held_takeable(struct board *b, const struct line *l)
{
	return l && l->state == LINE_HELD && !l->park_slot &&
	       !l->pickup_of && !board_xfer_of(b, l->id) &&
	       !board_in_conference(b, l->id);
}

/* "park-held7" with the prefix "park-" is held line 7; 0 when it names
 * none (slots start with a digit, so the two never meet). */
static line_id held_dialled(const struct board *b, const char *dialled)
{
	size_t n = strlen(b->pcfg.uri_prefix);
	char *end;
	unsigned long v;

	if (!dialled || !n || strncmp(dialled, b->pcfg.uri_prefix, n) ||
	    strncmp(dialled + n, "held", 4) || dialled[n + 4] < '1' ||
	    dialled[n + 4] > '9')
		return 0;
	v = strtoul(dialled + n + 4, &end, 10);
	if (*end || v > 0xffffffffUL)
		return 0;
	return (line_id)v;
}

bool board_take_user(struct board *b, const struct line *l, char *buf,
		     size_t sz)
{
	if (l->park_slot)
		snprintf(buf, sz, "%s%u", b->pcfg.uri_prefix, l->park_slot);
	else if (held_takeable(b, l))
		snprintf(buf, sz, "%sheld%u", b->pcfg.uri_prefix,
			 (unsigned)l->id);
	else
		return false;
	return true;
}

static bool pickup_offered(struct board *b, struct line *l,
			   const char *dialled)
{
	unsigned slot = slot_dialled(b, dialled);
	line_id held = slot ? 0 : held_dialled(b, dialled);
	struct line *parked = slot ? board_parked(b, slot) :
			      board_line(b, held);
	line_id id = l->id;
	int err;

	if (!slot && !held)
		return false;
	if (held && !held_takeable(b, parked))
		parked = NULL;
	l->pickup_of = parked ? parked->id : 0;
	board_emit(b, EV_LINE_OFFERED, l, 0, NULL);
	l = board_line(b, id);
	if (!l)
		return true;
	if (!parked || board_xfer_of(b, parked->id)) {
		if (slot)
			board_status(b, false, "%s called park slot %u: "
				     "nobody is parked there",
				     board_line_label(l), slot);
		else
			board_status(b, false, "%s asked for a caller on hold "
				     "here who is no longer waiting",
				     board_line_label(l));
		l->transferred = true;   /* its close is no news */
		b->ops->hangup(b->phone, id, 404);
		return true;
	}
	if (slot)
		board_status(b, false, "%s picks up %s from slot %u",
			     board_line_label(l), board_line_label(parked),
			     slot);
	else
		board_status(b, false, "%s takes %s, on hold here",
			     board_line_label(l), board_line_label(parked));
	err = b->ops->answer(b->phone, id);
	if (err) {
		l = board_line(b, id);
		if (l)
			l->pickup_of = 0;
		board_status(b, true, "Could not answer the pick-up of slot "
			     "%u: %s", slot, strerror(err));
	}
	return true;
}

/* A pick-up call that connects to no parked caller is the operator's:
 * talking when the operator is free, else on hold, flagged. */
static void picker_to_operator(struct board *b, line_id id)
{
	struct line *l = board_line(b, id);

	if (!l)
		return;
	l->pickup_of = 0;
	l->recall = true;
	if (!board_talking_line(b)) {
		l->state = LINE_TALKING;
	}
	else if (!b->ops->hold(b->phone, id, true)) {
		l = board_line(b, id);
		if (l)
			l->state = LINE_HELD;
	}
	board_touch(b, DIRTY_CALLS);
}

static bool pickup_established(struct board *b, struct line *l)
{
	struct line *parked = board_line(b, l->pickup_of);
	line_id picker = l->id, caller;
	struct xfer *x;
	char text[32];
	int err;

	if (!l->pickup_of)
		return false;
	l->state = LINE_HANDOVER;
	l->answered_ms = b->now_ms();
	if (!parked || (!parked->park_slot && !held_takeable(b, parked))) {
		board_status(b, true, "%s came for a caller who is no longer "
			     "waiting", board_line_label(l));
		picker_to_operator(b, picker);
		return true;
	}
	caller = parked->id;
	if (parked->park_slot)
		snprintf(text, sizeof(text), "picked-up %u",
			 parked->park_slot);
	else
		snprintf(text, sizeof(text), "taken from hold");
	x = board_xfer_add(b, XFER_ATTENDED, caller);
	if (!x)
		return true;
	x->state = XFER_REFERRING;
	x->consult = picker;
	x->deadline_ms = b->now_ms() + (int64_t)b->xcfg.recall_after_s * 1000;
	snprintf(x->target_label, sizeof(x->target_label), "%s",
		 board_line_label(l));
	x->handover = HANDOVER_PICKUP;
	parked->park_slot = 0;
	parked->parked_ms = 0;
	board_emit(b, EV_PARK, parked, 0, text);
	board_touch(b, DIRTY_CALLS);
	err = b->ops->refer_replaces(b->phone, caller, picker);
	if (err == EPROTONOSUPPORT)
		board_pickup_failed(b, caller, "their console cannot take the "
				    "call over itself");
	else if (err)
		board_pickup_failed(b, caller, strerror(err));
	return true;
}

void board_pickup_failed(struct board *b, line_id caller, const char *why)
{
	struct xfer *x = board_xfer_of(b, caller);
	line_id picker = x ? x->consult : 0;
	char text[300];

	if (x)
		board_xfer_remove(b, x);
	if (picker && board_line(b, picker) && board_line(b, caller) &&
	    !board_conf_bridge(b, caller, picker, why))
		return;
	snprintf(text, sizeof(text), "Pick-up failed (%s)", why);
	board_recall(b, caller, text);
	picker_to_operator(b, picker);
}

static void park_tick(struct board *b, int64_t now)
{
	size_t i;

	for (i = 0; i < b->nlines; i++) {
		struct line *l = &b->lines[i];
		char why[200];
		line_id id = l->id;
		unsigned slot = l->park_slot;

		if (!slot || now - l->parked_ms <
		    (int64_t)b->pcfg.timeout_s * 1000 ||
		    board_xfer_of(b, id))
			continue;
		unpark(b, l, "recalled");
		snprintf(why, sizeof(why), "Nobody picked up slot %u in %d s",
			 slot, b->pcfg.timeout_s);
		board_recall(b, id, why);
		i = (size_t)-1;   /* the lines may have moved: start again */
	}
}

static const char *park_tag(struct board *b, const struct line *l,
			    char *buf, size_t sz, bool *consult)
{
	(void)b;
	(void)consult;
	if (!l->park_slot)
		return NULL;
	/* the slot to announce */
	snprintf(buf, sz, "PK%u", l->park_slot);
	return buf;
}

const struct op_kind op_park = {
	.name = "park",
	.offered = pickup_offered,
	.taken = pickup_established,
	.tick = park_tick,
	.tag = park_tag,
};
