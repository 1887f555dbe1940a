/*
 * refer_pace.c — one request at a time on a caller's dialog. A REFER
 * waits until the hold's re-INVITE before it has its answer (phones such
 * as linphone answer an overlapping REFER 491 Request pending, RFC 3261
 * 14.1); a REFER the caller's phone answers 491 is tried once more after
 * the RFC's random pause; and a refusal by the caller's phone is told as
 * that, not blamed on the target.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "board_int.h"
#include "operation.h"

/* A re-INVITE unanswered this long is not coming back soon: the REFER
 * goes out anyway (and a 491 to it is tried again). */
#define HOLD_WAIT_MS 8000

static bool dialog_busy(struct board *b, line_id id)
{
	return b->ops->busy && b->ops->busy(b->phone, id);
}

/* RFC 3261 14.1: the owner of the Call-ID (we placed the call) waits
 * 2.1-4 s, the other side 0-2 s, so the two never retry together. */
static int64_t pause_ms(struct board *b, line_id caller)
{
	static bool seeded;
	const struct line *l = board_line(b, caller);

	if (!seeded) {
		srand((unsigned)b->now_ms());
		seeded = true;
	}
	if (l && l->dir == LINE_OUTBOUND)
		return 2100 + rand() % 1901;
	return rand() % 2001;
}

static int refer_send(struct board *b, struct xfer *x)
{
	x->state = XFER_REFERRING;
	x->refused_by_caller = false;
	x->deadline_ms = b->now_ms() + (int64_t)b->xcfg.recall_after_s * 1000;
	if (x->kind == XFER_ATTENDED)
		return b->ops->refer_replaces(b->phone, x->caller, x->consult);
	return b->ops->refer(b->phone, x->caller, x->target_uri);
}

int board_refer_when_free(struct board *b, struct xfer *x)
{
	if (dialog_busy(b, x->caller)) {
		x->state = XFER_HOLDING;
		x->refer_at_ms = b->now_ms() + HOLD_WAIT_MS;
		board_touch(b, DIRTY_CALLS);
		return 0;
	}
	return refer_send(b, x);
}

/* A REFER sent later that could not go out: the caller comes back (an
 * attended transfer keeps its consult). */
static void deferred_send(struct board *b, struct xfer *x, bool force)
{
	line_id caller = x->caller;
	char why[300];
	int err = force ? refer_send(b, x) : board_refer_when_free(b, x);

	if (!err)
		return;
	x = board_xfer_of(b, caller);
	if (!x)
		return;
	snprintf(why, sizeof(why), "Could not transfer to %s: %s",
		 x->target_label, strerror(err));
	if (x->kind == XFER_ATTENDED && board_line(b, x->consult))
		x->state = XFER_CONSULTING;
	else
		board_xfer_remove(b, x);
	board_recall(b, caller, why);
}

void board_refer_dialog_free(struct board *b, line_id id)
{
	struct xfer *x = board_xfer_of(b, id);

	if (x && x->caller == id && x->state == XFER_HOLDING &&
	    !dialog_busy(b, id))
		deferred_send(b, x, false);
}

void board_on_refer_refused(struct board *b, line_id caller, int status,
			    const char *reason)
{
	struct xfer *x = board_xfer_of(b, caller);

	if (x && x->caller == caller)
		x->refused_by_caller = true;
	board_on_refer_result(b, caller, status, reason);
}

/* The caller's phone was busy with a request of its own: once, after the
 * pause, the same REFER again. */
static bool pace_refer_result(struct board *b, line_id caller_id,
			      int status, const char *reason)
{
	struct xfer *x = board_xfer_of(b, caller_id);
	struct line *caller = board_line(b, caller_id);

	(void)reason;
	if (!x || !caller || x->caller != caller_id ||
	    x->state != XFER_REFERRING || status != 491 ||
	    !x->refused_by_caller || x->retried)
		return false;
	x->retried = true;
	x->refused_by_caller = false;
	x->state = XFER_PAUSED;
	x->refer_at_ms = b->now_ms() + pause_ms(b, caller_id);
	board_touch(b, DIRTY_CALLS);
	board_status(b, false, "%s's phone was busy (491): transferring to "
		     "%s again in a moment...", board_line_label(caller),
		     x->target_label);
	return true;
}

static void pace_tick(struct board *b, int64_t now)
{
	size_t i;

	for (i = 0; i < b->nxfers; i++) {
		struct xfer *x = b->xfers[i];
		size_t n = b->nxfers;

		if (x->state == XFER_HOLDING && now >= x->refer_at_ms)
			deferred_send(b, x, true);   /* waited long enough */
		else if (x->state == XFER_HOLDING && !dialog_busy(b, x->caller))
			deferred_send(b, x, false);
		else if (x->state == XFER_PAUSED && now >= x->refer_at_ms)
			deferred_send(b, x, false);
		else
			continue;
		if (b->nxfers != n)
			i = (size_t)-1;   /* the list changed: start again */
	}
}

const struct op_kind op_refer_pace = {
	.name = "refer-pace",
	.refer_result = pace_refer_result,
	.tick = pace_tick,
};
