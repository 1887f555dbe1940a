/*
 * away.c — the operator away from the desk. While away the ringer stays
 * silent (operator_audio.c asks) and every caller offered goes to the
 * queue's overflow target at once; without one callers still ring on
 * the screen, silently, for whoever comes to the desk. A caller who
 * comes back (a failed transfer) goes there too, once. When the target
 * is the reception line itself (several operators), a caller offered
 * rings on here silently while the server rings the others, and one
 * who comes back is sent to that line, that is to the other operators.
 */
#include "away.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "board_int.h"
#include "operation.h"
#include "operators.h"
#include "queue.h"
#include "target.h"

/* Callers who came back while the operator was away, to send on at the
 * next tick (not from inside the recall), and those sent on already:
 * one who comes back again stays here, so nobody goes round in
 * circles. */
#define AWAY_RECALLS 16

struct away_state {
	bool away;
	char reason[64];
	line_id to_send[AWAY_RECALLS];
	line_id sent[AWAY_RECALLS];
	size_t next_sent;
};

const struct op_kind op_away;

bool operator_away(struct board *b)
{
	struct away_state *st = op_state(b, &op_away);

	return st && st->away;
}

const char *operator_away_reason(struct board *b)
{
	struct away_state *st = op_state(b, &op_away);

	return st && st->away ? st->reason : "";
}

static const char *overflow_target(struct board *b)
{
	const struct queue_config *q = queue_settings(b);

	return q ? q->overflow_target : "";
}

/* True when the overflow target is the reception line every operator
 * answers. */
static bool target_is_line(struct board *b)
{
	const struct extension *ext;
	char uri[256], msg[128];
	const char *target = overflow_target(b);

	return target[0] &&
	       target_resolve(target, b->exts, b->nexts, b->default_domain,
			      uri, sizeof(uri), &ext, msg, sizeof(msg)) ==
	       TARGET_OK && operators_is_line(b, uri);
}

/* Sends caller ID on at once; false when it stays here (ringing on,
 * silently, when the server rings the other operators too). */
static bool away_send_on(struct board *b, line_id id)
{
	const char *target = overflow_target(b);

	if (!target[0] || target_is_line(b))
		return false;
	return board_overflow(b, id, target) == 0;
}

static bool id_in(const line_id *ids, line_id id)
{
	size_t i;

	for (i = 0; id && i < AWAY_RECALLS; i++) {
		if (ids[i] == id)
			return true;
	}
	return false;
}

static void away_say(struct board *b, struct away_state *st)
{
	const char *target = overflow_target(b);
	char why[80] = "";

	if (st->reason[0])
		snprintf(why, sizeof(why), " (%s)", st->reason);
	if (target_is_line(b))
		board_status(b, false, "You are away%s: callers ring the "
			     "other operators; %s when you are back", why,
			     board_key(b, "away"));
	else if (target[0])
		board_status(b, false, "You are away%s: callers go to %s; "
			     "%s when you are back", why, target,
			     board_key(b, "away"));
	else
		board_status(b, false, "You are away%s: calls show here "
			     "without ringing (no overflow target); %s when "
			     "you are back", why, board_key(b, "away"));
}

int board_operator_away(struct board *b, const char *reason)
{
	struct away_state *st = op_state(b, &op_away);
	bool was;
	size_t i;

	if (!st)
		return ENOMEM;
	if (reason && strlen(reason) >= sizeof(st->reason)) {
		board_status(b, true, "Still here: a reason for being away "
			     "has at most %zu characters",
			     sizeof(st->reason) - 1);
		return EINVAL;
	}
	was = st->away;
	st->away = true;
	snprintf(st->reason, sizeof(st->reason), "%s", reason ? reason : "");
	if (!was) {
		/* the callers ringing now go too, oldest first */
		for (i = 0; i < b->nlines; i++) {
			struct line *l = &b->lines[i];

			if (l->state != LINE_OFFERED || l->pickup_of)
				continue;
			if (away_send_on(b, l->id))
				i = (size_t)-1;   /* the lines may have moved */
		}
		board_ringer_update(b);
		board_emit(b, EV_SERVICE, NULL, 0, "away");
	}
	away_say(b, st);
	board_touch(b, DIRTY_STATUS);
	return 0;
}

int board_operator_back(struct board *b)
{
	struct away_state *st = op_state(b, &op_away);

	if (!st)
		return ENOMEM;
	if (!st->away) {
		board_status(b, false, "You are at the desk already: calls "
			     "ring here");
		return 0;
	}
	st->away = false;
	st->reason[0] = '\0';
	memset(st->to_send, 0, sizeof(st->to_send));
	board_ringer_update(b);
	board_status(b, false, "Welcome back: calls ring here again");
	board_emit(b, EV_SERVICE, NULL, 0, "back");
	board_touch(b, DIRTY_STATUS);
	return 0;
}

/* Away: a caller goes to the overflow target before the queue sees it. */
static bool away_offered(struct board *b, struct line *l,
			 const char *dialled)
{
	struct away_state *st = op_state(b, &op_away);

	(void)dialled;
	if (!st || !st->away || l->pickup_of)
		return false;
	return away_send_on(b, l->id);
}

/* A caller back from a failed transfer while away: send it on soon. */
static void away_event(struct board *b, const struct board_event *ev)
{
	struct away_state *st = op_state(b, &op_away);
	size_t i;

	if (ev->type != EV_RECALL || !ev->line || !st || !st->away ||
	    !overflow_target(b)[0] || id_in(st->sent, ev->line->id) ||
	    id_in(st->to_send, ev->line->id))
		return;
	for (i = 0; i < AWAY_RECALLS; i++) {
		if (!st->to_send[i]) {
			st->to_send[i] = ev->line->id;
			return;
		}
	}
}

static void away_tick(struct board *b, int64_t now)
{
	struct away_state *st = op_state(b, &op_away);
	const struct line *l;
	line_id id;
	size_t i;

	(void)now;
	for (i = 0; st && i < AWAY_RECALLS; i++) {
		id = st->to_send[i];
		if (!id)
			continue;
		st->to_send[i] = 0;
		l = board_line(b, id);
		/* only the caller itself, waiting with nobody (never the
		 * line board_blind would pick instead) */
		if (!st->away || !l || board_xfer_of(b, id) ||
		    (l->state != LINE_HELD && l->state != LINE_TALKING) ||
		    l->park_slot || board_in_conference(b, id))
			continue;
		st->sent[st->next_sent] = id;
		st->next_sent = (st->next_sent + 1) % AWAY_RECALLS;
		board_blind(b, id, overflow_target(b));
		st = op_state(b, &op_away);   /* the board may have changed */
	}
}

const struct op_kind op_away = {
	.name = "away",
	.offered = away_offered,
	.event = away_event,
	.tick = away_tick,
	.state_size = sizeof(struct away_state),
};
