/*
 * detached.c — the console without its terminal (see detached.h). An
 * operation kind with no legs of its own, as away.c: it claims callers
 * offered while the terminal is gone, and the app's once-a-second timer
 * (board_detached_tick) ends the grace. At the end each line is dealt
 * with once, in the order a receptionist leaving would: ringing callers
 * hear that nobody is available, the operator's own consult and dialled
 * legs are hung up, and every caller is handed to the overflow target
 * or, without one, hung up; a caller a failed transfer brings back is
 * hung up then, so nobody goes round in circles.
 */
#include "detached.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "board_int.h"
#include "operation.h"
#include "operators.h"
#include "queue.h"
#include "service.h"
#include "target.h"

/* The Reason a caller refused at the end hears (RFC 3326 text). */
#define DETACHED_REASON "The reception console lost its terminal"

#define DETACHED_SENT_MAX 64

enum detached_phase {
	ATTACHED = 0,
	GRACE,        /* no terminal: calls go on */
	ENDING,       /* the grace is over: the lines are dealt with */
};

struct detached_state {
	enum detached_phase phase;
	int64_t grace_end_ms;
	line_id sent[DETACHED_SENT_MAX];   /* handed on once already */
	size_t nsent;
};

const struct op_kind op_detached;

bool board_is_detached(struct board *b)
{
	struct detached_state *st = op_state(b, &op_detached);

	return st && st->phase != ATTACHED;
}

/* Where callers go without the operator: the overflow target, else the
 * night target; "" when neither is set or it is this reception line
 * (it would ring here again). */
static const char *send_to(struct board *b)
{
	const struct queue_config *q = queue_settings(b);
	const char *target = q && q->overflow_target[0] ?
		q->overflow_target : service_night_target(b);
	const struct extension *ext;
	char uri[256], msg[128];

	if (!target[0])
		return "";
	if (target_resolve(target, b->exts, b->nexts, b->default_domain,
			   uri, sizeof(uri), &ext, msg, sizeof(msg)) !=
	    TARGET_OK || operators_is_line(b, uri))
		return "";
	return target;
}

/* The overflow target only: a caller who talked was not a night call. */
static const char *handover_target(struct board *b)
{
	const struct queue_config *q = queue_settings(b);

	return q && q->overflow_target[0] && send_to(b)[0] ?
		q->overflow_target : "";
}

static bool was_sent(const struct detached_state *st, line_id id)
{
	size_t i;

	for (i = 0; i < st->nsent; i++) {
		if (st->sent[i] == id)
			return true;
	}
	return false;
}

static void mark_sent(struct detached_state *st, line_id id)
{
	if (st->nsent < DETACHED_SENT_MAX)
		st->sent[st->nsent++] = id;
}

/* A ringing caller sent on; false when it rings on here. */
static bool ringing_send_on(struct board *b, line_id id)
{
	const char *target = send_to(b);

	return target[0] && board_overflow(b, id, target) == 0;
}

int board_detached(struct board *b, int grace_s)
{
	struct detached_state *st = op_state(b, &op_detached);
	size_t i;

	if (!st)
		return ENOMEM;
	if (st->phase != ATTACHED)
		return 0;
	memset(st, 0, sizeof(*st));
	st->phase = GRACE;
	st->grace_end_ms = b->now_ms() + (int64_t)grace_s * 1000;
	/* the callers ringing now, oldest first */
	for (i = 0; i < b->nlines; i++) {
		struct line *l = &b->lines[i];

		if (l->state != LINE_OFFERED || l->pickup_of)
			continue;
		if (ringing_send_on(b, l->id))
			i = (size_t)-1;   /* the lines may have moved */
	}
	board_emit(b, EV_SERVICE, NULL, 0, "detached");
	return 0;
}

void board_attached(struct board *b)
{
	struct detached_state *st = op_state(b, &op_detached);

	if (!st || st->phase == ATTACHED)
		return;
	st->phase = ATTACHED;
	board_status(b, false, "Welcome back: the calls went on while the "
		     "terminal was away");
	board_emit(b, EV_SERVICE, NULL, 0, "attached");
	board_touch(b, DIRTY_ALL);
}

/* A caller rings after the grace: nobody is there. */
static void refuse(struct board *b, struct line *l)
{
	line_id id = l->id;
	int err;

	l->hung_up_here = true;
	queue_hung_up_by_operator(b, id);
	err = b->ops->reject ?
		b->ops->reject(b->phone, id, 480, DETACHED_REASON) :
		b->ops->hangup(b->phone, id, 480);
	if (!err)
		board_log(b, 1, "No terminal: a ringing caller heard that "
			  "nobody is available (480)");
}

/* A caller of the operator's at the end: the overflow target takes it
 * (blind), else it is hung up. */
static void hand_on(struct board *b, struct detached_state *st,
		    struct line *l)
{
	const char *target = handover_target(b);
	line_id id = l->id;

	if (target[0] && !was_sent(st, id) && !l->park_slot &&
	    !board_in_conference(b, id)) {
		mark_sent(st, id);
		if (board_blind(b, id, target) == 0)
			return;
		if (!board_line(b, id) || board_xfer_of(b, id))
			return;
		/* a colleague busy on the BLF is told to the operator first;
		 * asked again, the REFER goes (call waiting may take it) */
		if (board_blind(b, id, target) == 0)
			return;
		if (!board_line(b, id) || board_xfer_of(b, id))
			return;
	}
	mark_sent(st, id);
	board_hangup(b, id);
}

/* Which lines are dealt with first: ringing callers, then the
 * operator's own legs (a consult's end gives its caller back), then the
 * callers. */
static int end_order(const struct line *l)
{
	if (l->state == LINE_OFFERED && !l->pickup_of)
		return 0;
	return l->dir == LINE_OUTBOUND ? 1 : 2;
}

/* One line dealt with; false when nothing was done to it (it waits for
 * a transfer's outcome, or was dealt with already). */
static bool end_line(struct board *b, struct detached_state *st,
		     struct line *l)
{
	if (l->hung_up_here)   /* on its way out */
		return false;
	if (l->state == LINE_OFFERED && !l->pickup_of) {
		if (was_sent(st, l->id))
			return false;
		mark_sent(st, l->id);
		refuse(b, l);
		return true;
	}
	if (l->state == LINE_HANDOVER || board_xfer_of(b, l->id))
		return false;
	if (l->dir == LINE_OUTBOUND) {
		if (was_sent(st, l->id))
			return false;
		mark_sent(st, l->id);
		board_hangup(b, l->id);
		return true;
	}
	if (l->state != LINE_TALKING && l->state != LINE_HELD)
		return false;
	/* handed on already and back (the transfer failed): hung up */
	if (was_sent(st, l->id) && handover_target(b)[0]) {
		board_hangup(b, l->id);
		return true;
	}
	if (was_sent(st, l->id))
		return false;
	hand_on(b, st, l);
	return true;
}

/* Each line once, in end_order; a line dealt with may move the others,
 * so the search starts again after each. */
static void end_lines(struct board *b, struct detached_state *st)
{
	size_t i, done = 0;
	int order;

	for (order = 0; order < 3; order++) {
		for (i = 0; i < b->nlines && done < 4 * BOARD_MAX_LINES;
		     i++) {
			if (end_order(&b->lines[i]) == order &&
			    end_line(b, st, &b->lines[i])) {
				done++;
				i = (size_t)-1;
			}
		}
	}
}

/* Long past the end: a transfer that never said how it went. */
static void give_up(struct board *b)
{
	while (b->nlines > 0) {
		line_id id = b->lines[0].id;

		b->lines[0].hung_up_here = true;
		if (b->ops->hangup(b->phone, id, 0) || board_line(b, id))
			break;
	}
}

bool board_detached_tick(struct board *b)
{
	struct detached_state *st = op_state(b, &op_detached);
	int64_t now = b->now_ms();

	if (!st || st->phase == ATTACHED)
		return false;
	if (st->phase == GRACE) {
		if (now < st->grace_end_ms)
			return false;
		st->phase = ENDING;
		board_log(b, 1, "No terminal came back: every caller is "
			  "handed on or told, then cordboard ends");
	}
	end_lines(b, st);
	if (b->nlines > 0 &&
	    now >= st->grace_end_ms + DETACHED_GIVE_UP_S * 1000)
		give_up(b);
	return b->nlines == 0;
}

/* Without a terminal a new caller goes where a ringing one went; after
 * the grace it hears nobody is there. */
static bool detached_offered(struct board *b, struct line *l,
			     const char *dialled)
{
	struct detached_state *st = op_state(b, &op_detached);

	(void)dialled;
	if (!st || st->phase == ATTACHED || l->pickup_of)
		return false;
	if (st->phase == ENDING) {
		refuse(b, l);
		return true;
	}
	return ringing_send_on(b, l->id);
}

const struct op_kind op_detached = {
	.name = "detached",
	.offered = detached_offered,
	.state_size = sizeof(struct detached_state),
};
