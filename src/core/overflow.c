/*
 * overflow.c — a caller nobody answered in time is sent on to the
 * overflow target (a colleague, a ring group, a voicemail box); the
 * queue (queue.c) decides when, by calling board_overflow.
 *
 * How: the console answers the call itself, puts the caller on hold
 * and transfers it blind (REFER, or the hunt of a ring group it rings
 * itself), never a 302. A 302 to a call not yet answered hands the
 * caller away for good: the caller's phone (or its proxy) dials the
 * target, the console never learns whether that worked, and a busy or
 * absent target would drop the caller, against the first rule. The
 * phone seam has no redirect either, and a ring group the console rings
 * member by member cannot be a 302's Contact. Answering keeps the
 * dialog, so a refused REFER, a failed NOTIFY or a hunt nobody answers
 * brings the caller back to the operator, flagged (board_recall), as
 * any blind transfer does.
 *
 * The answer is claimed by the taken hook: the operator is not in this
 * call, so whoever the operator talks to is not put on hold and does
 * not hear the caller (board_on_established would make the answered
 * line the talking one). Until the answer is established the line is
 * LINE_HANDOVER: it no longer rings, and answer does not take it.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "away.h"
#include "board_int.h"
#include "operation.h"
#include "operators.h"

#define OVERFLOWS_MAX 64   /* callers being answered for the overflow */

/* A caller the console answers to send it on. */
struct overflow {
	line_id caller;
	char target[256];         /* as configured: number, name or URI */
	char label[128];          /* "Sales Team", for the status line */
	int64_t rang_ms;          /* how long it rang unanswered */
};

struct overflow_state {
	struct overflow calls[OVERFLOWS_MAX];
	size_t n;
};

const struct op_kind op_overflow;

static struct overflow *overflow_of(struct board *b, line_id caller)
{
	struct overflow_state *st = op_state(b, &op_overflow);
	size_t i;

	for (i = 0; st && i < st->n; i++) {
		if (st->calls[i].caller == caller)
			return &st->calls[i];
	}
	return NULL;
}

static void overflow_forget(struct board *b, line_id caller)
{
	struct overflow_state *st = op_state(b, &op_overflow);
	struct overflow *o = overflow_of(b, caller);

	if (!st || !o)
		return;
	memmove(o, o + 1, (size_t)(&st->calls[st->n] - (o + 1)) * sizeof(*o));
	st->n--;
}

int board_overflow(struct board *b, line_id caller_id, const char *target)
{
	struct overflow_state *st = op_state(b, &op_overflow);
	struct line *l = board_line(b, caller_id);
	const struct extension *ext;
	char uri[256], label[128];
	struct overflow *o;
	int err;

	if (!l || l->state != LINE_OFFERED || l->pickup_of) {
		board_status(b, true, "No ringing call to overflow");
		return ENOENT;
	}
	if (!target || !*target) {
		board_status(b, true, "Nobody answered %s, and no overflow "
			     "target is set", board_line_label(l));
		return EINVAL;
	}
	/* a target that cannot take the caller leaves it ringing here */
	if (board_resolve(b, target, "overflow", uri, sizeof(uri), label,
			  sizeof(label), &ext))
		return EINVAL;
	if (ext && ext->kind == EXT_PAGING_GROUP) {
		board_status(b, true, "Cannot overflow to %s: a paging group "
			     "cannot take a caller", ext->name);
		return EINVAL;
	}
	/* the caller rings there already: sending it would ring it here
	 * again, round and round */
	if (operators_is_line(b, uri)) {
		board_status(b, true, "%s already rings every operator: the "
			     "overflow target is this reception line",
			     board_line_label(l));
		return EINVAL;
	}
	if (!st || st->n >= OVERFLOWS_MAX) {
		board_status(b, true, "Cannot overflow %s: too many callers "
			     "on their way", board_line_label(l));
		return ENOSPC;
	}
	o = &st->calls[st->n++];
	memset(o, 0, sizeof(*o));
	o->caller = caller_id;
	o->rang_ms = b->now_ms() - l->created_ms;
	snprintf(o->target, sizeof(o->target), "%s", target);
	snprintf(o->label, sizeof(o->label), "%s", label);
	l->state = LINE_HANDOVER;
	board_touch(b, DIRTY_CALLS);
	board_ringer_update(b);
	err = b->ops->answer(b->phone, caller_id);
	l = board_line(b, caller_id);
	if (!err) {
		if (l)
			board_log(b, 0, "Overflow: answering the caller to "
				  "send it on");
		return 0;
	}
	overflow_forget(b, caller_id);
	if (!l)
		return err;
	l->state = LINE_OFFERED;   /* still ringing for the operator */
	board_touch(b, DIRTY_CALLS);
	board_ringer_update(b);
	board_status(b, true, "Could not answer %s for the overflow to %s: "
		     "%s", board_line_label(l), label, strerror(err));
	return err;
}

/* The caller could not be held: the operator takes it (whoever the
 * operator talked to waits on hold), flagged. */
static void overflow_keep(struct board *b, line_id id, const char *why)
{
	struct line *l;

	board_hold_talking_except(b, id);
	l = board_line(b, id);
	if (!l)
		return;
	l->state = LINE_TALKING;
	board_touch(b, DIRTY_CALLS);
	board_recall(b, id, why);
}

/* The console answered a caller it overflows: hold it, send it on. */
static bool overflow_taken(struct board *b, struct line *l)
{
	struct overflow *found = overflow_of(b, l->id);
	struct overflow o;
	line_id id = l->id;
	char why[300];
	int err;

	if (!found)
		return false;
	o = *found;
	overflow_forget(b, id);
	l->answered_ms = b->now_ms();
	err = b->ops->hold(b->phone, id, true);
	l = board_line(b, id);
	if (!l)
		return true;
	if (err) {
		snprintf(why, sizeof(why), "Could not hold %s for the overflow "
			 "to %s: %s", board_line_label(l), o.label,
			 strerror(err));
		overflow_keep(b, id, why);
		return true;
	}
	l->state = LINE_HELD;
	board_touch(b, DIRTY_CALLS);
	board_emit(b, EV_LINE_HELD, l, 0, NULL);
	/* the blind transfer's own rules: REFER or hunt, and recall */
	err = board_blind(b, id, o.target);
	l = board_line(b, id);
	if (!l)
		return true;
	if (err) {
		if (!l->recall) {
			snprintf(why, sizeof(why), "Could not send %s to %s "
				 "(overflow): %s", board_line_label(l),
				 o.label, strerror(err));
			board_recall(b, id, why);
		}
		return true;
	}
	if (l->night_service)
		board_status(b, false, "Night service: %s sent to %s",
			     board_line_label(l), o.label);
	else if (operator_away(b))
		board_status(b, false, "You are away: %s sent to %s "
			     "(overflow)", board_line_label(l), o.label);
	else
		board_status(b, false, "Nobody answered %s in %lld:%02lld: sent to "
		     "%s (overflow)", board_line_label(l),
		     (long long)(o.rang_ms / 60000),
		     (long long)(o.rang_ms / 1000 % 60), o.label);
	return true;
}

/* The caller hung up while being answered: nothing is left to send. */
static bool overflow_closed(struct board *b, struct line *l, int status,
			    const char *reason)
{
	struct overflow *o = overflow_of(b, l->id);
	char text[300];

	(void)status;
	(void)reason;
	if (!o)
		return false;
	snprintf(text, sizeof(text), "%s hung up before the overflow to %s",
		 board_line_label(l), o->label);
	overflow_forget(b, l->id);
	board_log(b, 0, text);
	return false;   /* the close is news for the others too */
}

static const char *overflow_tag(struct board *b, const struct line *l,
				char *buf, size_t sz, bool *consult)
{
	(void)buf;
	(void)sz;
	(void)consult;
	return overflow_of(b, l->id) ? "OVFL" : NULL;
}

const struct op_kind op_overflow = {
	.name = "overflow",
	.taken = overflow_taken,
	.closed = overflow_closed,
	.tag = overflow_tag,
	.state_size = sizeof(struct overflow_state),
};
