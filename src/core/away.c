/*
 * away.c — the operator away from the desk. While away the ringer stays
 * silent (operator_audio.c asks) and every caller offered goes to the
 * queue's overflow target at once; without one callers still ring on
 * the screen, silently, for whoever comes to the desk.
 */
#include "away.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "board_int.h"
#include "operation.h"
#include "queue.h"

struct away_state {
	bool away;
	char reason[64];
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

/* Sends caller ID on at once; false when it stays here. */
static bool away_send_on(struct board *b, line_id id)
{
	const char *target = overflow_target(b);

	if (!target[0])
		return false;
	return board_overflow(b, id, target) == 0;
}

static void away_say(struct board *b, struct away_state *st)
{
	const char *target = overflow_target(b);
	char why[80] = "";

	if (st->reason[0])
		snprintf(why, sizeof(why), " (%s)", st->reason);
	if (target[0])
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

const struct op_kind op_away = {
	.name = "away",
	.offered = away_offered,
	.state_size = sizeof(struct away_state),
};
