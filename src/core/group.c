/*
 * group.c — ring groups whose members the console rings itself: all at
 * once, or one after another for ring_time each. The first member to
 * answer gets the caller (a transfer completes with REFER and Replaces;
 * a consult goes on as any other), the other legs are cancelled, and
 * when nobody answers the caller comes back to the operator, flagged.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "board_int.h"
#include "operation.h"
#include "target.h"


static int ring_time_s(const struct extension *g)
{
	return g->ring_time_s > 0 ? g->ring_time_s : SETTINGS_RING_TIME_S;
}

static const struct extension *group_of(struct board *b,
					const struct xfer *x)
{
	const struct extension *g = board_extension(b, x->group);

	return g && g->kind == EXT_RING_GROUP ? g : NULL;
}

/* Rings member I of G for X; false when it cannot be called. */
static bool ring_member(struct board *b, struct xfer *x,
			const struct extension *g, size_t i)
{
	const struct extension *ext;
	char uri[256], msg[160], display[160];
	struct line *caller = board_line(b, x->caller);
	line_id id, caller_id;
	int err;

	if (target_resolve(g->members[i], b->exts, b->nexts,
			   b->default_domain, uri, sizeof(uri), &ext, msg,
			   sizeof(msg)) != TARGET_OK || ext_is_group(ext)) {
		board_log(b, 1, "A ring group member cannot be called");
		return false;
	}
	if (!caller || x->nhunt >= BOARD_HUNT_MAX)
		return false;
	board_announce(b, caller, display, sizeof(display));
	caller_id = x->caller;
	err = board_call_out(b, uri, ext ? ext->name : "", display, ext,
			     false, &id);
	/* the list may have moved: find the transfer again */
	x = board_xfer_of(b, caller_id);
	if (err || !board_line(b, id) || !x)
		return false;
	x->hunt[x->nhunt++] = id;
	return true;
}

/* Rings the next members in order until one can be called; false when
 * none is left. */
static bool ring_next(struct board *b, struct xfer *x,
		      const struct extension *g)
{
	line_id caller = x->caller;

	while (x && x->next_member < g->nmembers) {
		size_t i = x->next_member++;

		if (ring_member(b, x, g, i)) {
			x = board_xfer_of(b, caller);
			if (x)
				x->hunt_deadline_ms = b->now_ms() +
					(int64_t)ring_time_s(g) * 1000;
			return true;
		}
		x = board_xfer_of(b, caller);
	}
	return false;
}

/* Hangs up every member leg still ringing; their closes are no news. */
static void hunt_cancel_all(struct board *b, struct xfer *x)
{
	line_id legs[BOARD_HUNT_MAX];
	size_t i, n = x->nhunt;

	memcpy(legs, x->hunt, n * sizeof(legs[0]));
	x->nhunt = 0;
	for (i = 0; i < n; i++) {
		struct line *l = board_line(b, legs[i]);

		if (!l)
			continue;
		l->transferred = true;
		b->ops->hangup(b->phone, legs[i], 0);
	}
}

/* Nobody took the caller: back to the operator, flagged. */
static void hunt_give_up(struct board *b, struct xfer *x, const char *why)
{
	line_id caller = x->caller;
	char text[300];

	snprintf(text, sizeof(text), "Nobody in %s answered%s%s",
		 x->target_label, why ? " " : "", why ? why : "");
	hunt_cancel_all(b, x);
	x = board_xfer_of(b, caller);
	if (x)
		board_xfer_remove(b, x);
	board_recall(b, caller, text);
}

int board_hunt_start(struct board *b, line_id caller_id,
		     const struct extension *g, bool complete_on_answer)
{
	struct line *caller = board_line(b, caller_id);
	struct xfer *x;
	size_t i;
	int err;

	if (!caller)
		return ENOENT;
	if (caller->state == LINE_TALKING) {
		err = b->ops->hold(b->phone, caller_id, true);
		caller = board_line(b, caller_id);
		if (err || !caller) {
			board_status(b, true, "Could not hold before ringing %s:"
				     " %s", g->name, strerror(err));
			return err ? err : ENOENT;
		}
		caller->state = LINE_HELD;
		board_emit(b, EV_LINE_HELD, caller, 0, NULL);
	}
	x = board_xfer_add(b, XFER_ATTENDED, caller_id);
	if (!x)
		return ENOSPC;
	x->state = XFER_HUNTING;
	x->complete_on_answer = complete_on_answer;
	snprintf(x->group, sizeof(x->group), "%s", g->number);
	snprintf(x->target_label, sizeof(x->target_label), "%s", g->name);
	if (g->strategy == GROUP_ALL) {
		x->next_member = g->nmembers;
		x->hunt_deadline_ms = b->now_ms() +
			(int64_t)ring_time_s(g) * 1000;
		for (i = 0; i < g->nmembers; i++) {
			x = board_xfer_of(b, caller_id);
			if (x)
				ring_member(b, x, g, i);
		}
	}
	else {
		ring_next(b, x, g);
	}
	x = board_xfer_of(b, caller_id);
	if (!x)
		return EIO;
	if (!x->nhunt) {
		board_xfer_remove(b, x);
		board_recall(b, caller_id, "No member of the group could be "
			     "called");
		return EIO;
	}
	caller = board_line(b, caller_id);
	board_status(b, false, "Ringing %s for %s: first to answer %s, %s "
		     "stops", g->name,
		     caller ? board_line_label(caller) : "the caller",
		     complete_on_answer ? "gets the call" : "is consulted",
		     board_key(b, "cancel"));
	return 0;
}

static bool hunt_answered(struct board *b, struct line *l);

static bool hunt_taken(struct board *b, struct line *l)
{
	struct xfer *x = board_xfer_of(b, l->id);
	line_id id = l->id;

	if (!x || x->state != XFER_HUNTING || !x->complete_on_answer ||
	    x->caller == id)
		return false;
	/* the member gets the caller: the operator is not in this call */
	l->state = LINE_HANDOVER;
	l->answered_ms = b->now_ms();
	board_touch(b, DIRTY_CALLS);
	hunt_answered(b, l);
	l = board_line(b, id);
	if (l)
		board_emit(b, EV_LINE_ANSWERED, l, 0, NULL);
	return true;
}

/* The transfer to the member who answered cannot go on: the member
 * is the operator's consult now (on hold when the operator is busy). */
void board_hunt_member_kept(struct board *b, line_id member)
{
	struct line *l = board_line(b, member);

	if (!l || l->state != LINE_HANDOVER)
		return;
	if (!board_talking_line(b)) {
		l->state = LINE_TALKING;
	}
	else if (!b->ops->hold(b->phone, member, true)) {
		l = board_line(b, member);
		if (l)
			l->state = LINE_HELD;
	}
	board_touch(b, DIRTY_CALLS);
}


static bool hunt_answered(struct board *b, struct line *l)
{
	struct xfer *x = board_xfer_of(b, l->id);
	line_id id = l->id, caller;
	size_t i;
	int err;

	if (!x || x->state != XFER_HUNTING || x->caller == id)
		return false;
	caller = x->caller;
	for (i = 0; i < x->nhunt; i++) {
		if (x->hunt[i] != id)
			continue;
		memmove(&x->hunt[i], &x->hunt[i + 1],
			(x->nhunt - i - 1) * sizeof(x->hunt[0]));
		x->nhunt--;
		break;
	}
	x->consult = id;
	x->state = XFER_CONSULTING;
	snprintf(x->target_label, sizeof(x->target_label), "%s",
		 board_line_label(l));
	hunt_cancel_all(b, x);
	x = board_xfer_of(b, caller);
	if (!x || !x->complete_on_answer) {
		char hint[BOARD_HINT_MAX];

		l = board_line(b, id);
		if (l)
			board_status(b, false, "%s answered: %s",
				     board_line_label(l),
				     board_consult_hint(b, hint, sizeof(hint)));
		return true;
	}
	x->state = XFER_REFERRING;
	x->deadline_ms = b->now_ms() + (int64_t)b->xcfg.recall_after_s * 1000;
	board_status(b, false, "%s answered: transferring %s...",
		     x->target_label, board_line_label(board_line(b, caller)));
	err = b->ops->refer_replaces(b->phone, caller, id);
	if (err) {
		x = board_xfer_of(b, caller);
		if (x)
			x->state = XFER_CONSULTING;
		board_hunt_member_kept(b, id);
		board_status(b, true, "Could not transfer to %s: %s — talk "
			     "to them, %s tries again", board_line_label(
			     board_line(b, id)), strerror(err),
			     board_key(b, "complete"));
	}
	return true;
}

static void hunt_leg_closed(struct board *b, struct xfer *x,
			    struct line *l, int status)
{
	const struct extension *g = group_of(b, x);
	line_id caller = x->caller;
	char text[300];
	size_t i;

	for (i = 0; i < x->nhunt; i++) {
		if (x->hunt[i] != l->id)
			continue;
		memmove(&x->hunt[i], &x->hunt[i + 1],
			(x->nhunt - i - 1) * sizeof(x->hunt[0]));
		x->nhunt--;
		break;
	}
	l->state = LINE_ENDED;
	snprintf(text, sizeof(text), "%s did not answer for %s (%s)",
		 board_line_label(l), x->target_label,
		 board_status_words(status));
	board_log(b, 0, text);
	if (x->nhunt)
		return;
	if (g && ring_next(b, x, g))
		return;
	x = board_xfer_of(b, caller);
	if (x && x->state == XFER_HUNTING)
		hunt_give_up(b, x, NULL);
}

static void hunt_tick(struct board *b, int64_t now)
{
	size_t i;

	for (i = 0; i < b->nxfers; i++) {
		struct xfer *x = b->xfers[i];
		const struct extension *g;
		line_id caller = x->caller;

		if (x->state != XFER_HUNTING || now < x->hunt_deadline_ms)
			continue;
		g = group_of(b, x);
		if (g && x->next_member < g->nmembers) {
			/* this member had its turn: the next one rings */
			hunt_cancel_all(b, x);
			x = board_xfer_of(b, caller);
			if (x && !ring_next(b, x, g))
				hunt_give_up(b, x, NULL);
		}
		else {
			hunt_give_up(b, x, "in time");
		}
		i = (size_t)-1;   /* the list changed: start again */
	}
}

int board_hunt_stop(struct board *b, struct xfer *x)
{
	line_id caller = x->caller;
	struct line *l;

	hunt_cancel_all(b, x);
	x = board_xfer_of(b, caller);
	if (x)
		board_xfer_remove(b, x);
	l = board_line(b, caller);
	if (l && l->state == LINE_HELD && !board_talking_line(b))
		board_hold_toggle(b, caller);
	if (board_line(b, caller))
		board_status(b, false, "Stopped ringing the group: back with "
			     "%s", board_line_label(board_line(b, caller)));
	return 0;
}

/* A member's leg ended: the next rings or the caller comes back; the
 * caller left: the members stop ringing, the transfer says the rest. */
static bool hunt_closed(struct board *b, struct line *l, int status,
			const char *reason)
{
	struct xfer *x = board_xfer_of(b, l->id);

	(void)reason;
	if (!x || x->state != XFER_HUNTING)
		return false;
	if (l->id != x->caller) {
		hunt_leg_closed(b, x, l, status);
		return true;
	}
	hunt_cancel_all(b, x);
	return false;
}

static const char *hunt_tag(struct board *b, const struct line *l,
			    char *buf, size_t sz, bool *consult)
{
	const struct xfer *x = board_xfer_of(b, l->id);

	(void)buf;
	(void)sz;
	(void)consult;
	return x && x->state == XFER_HUNTING && x->caller != l->id &&
		x->consult != l->id ? "GRP" : NULL;
}

const struct op_kind op_hunt = {
	.name = "hunt",
	.taken = hunt_taken,
	.answered = hunt_answered,
	.closed = hunt_closed,
	.tick = hunt_tick,
	.tag = hunt_tag,
};
