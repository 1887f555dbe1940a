/*
 * cues.c — which board event plays which sound cue (cues.h). Watches
 * the events only: the tones themselves are the phone's (remind).
 */
#include "cues.h"

#include <errno.h>
#include <string.h>

#include "away.h"
#include "board_int.h"
#include "operation.h"

/* A caller the cues follow: offered to the operator, and whether its far
 * end hung up. */
struct cue_line {
	line_id id;
	bool offered;
	bool peer_hung_up;
};

struct cues_state {
	bool configured;
	struct cue_config cfg;
	struct cue_line lines[BOARD_MAX_LINES];
};

extern const struct op_kind op_cues;

void cue_config_defaults(struct cue_config *c)
{
	c->new_caller = 1;
	c->reminder = 1;
	c->transfer_failed = 1;
	c->hung_up = 1;
}

static struct cues_state *cues_of(struct board *b)
{
	struct cues_state *st = op_state(b, &op_cues);

	if (st && !st->configured) {
		cue_config_defaults(&st->cfg);
		st->configured = true;
	}
	return st;
}

int cues_configure(struct board *b, const struct cue_config *c)
{
	struct cues_state *st = cues_of(b);

	if (!st)
		return ENOMEM;
	st->cfg = *c;
	return 0;
}

/* ID's entry, made when MAKE and there is room (a line the cues have
 * not met yet). */
static struct cue_line *cue_line_of(struct cues_state *st, line_id id,
				    bool make)
{
	struct cue_line *free_slot = NULL;
	size_t i;

	for (i = 0; i < BOARD_MAX_LINES; i++) {
		if (st->lines[i].id == id)
			return &st->lines[i];
		if (!st->lines[i].id && !free_slot)
			free_slot = &st->lines[i];
	}
	if (!make || !free_slot)
		return NULL;
	memset(free_slot, 0, sizeof(*free_slot));
	free_slot->id = id;
	return free_slot;
}

void cues_peer_hung_up(struct board *b, line_id id)
{
	struct cues_state *st = cues_of(b);
	struct cue_line *c = st ? cue_line_of(st, id, true) : NULL;

	if (c)
		c->peer_hung_up = true;
}

static void cue_play(struct board *b, enum reminder_tone tone)
{
	if (b->ops->remind)
		b->ops->remind(b->phone, tone);
}

/* A caller of the operator's whose far end hung up: one the operator had
 * (ringing, talking, held, parked, back from a transfer), not one the
 * operator or a transfer ended, nor one another operator took. */
static bool caller_hung_up(const struct cue_line *c, const struct line *l)
{
	return c && c->offered && c->peer_hung_up &&
		l->dir == LINE_INBOUND && !l->transferred &&
		l->handover == HANDOVER_NONE;
}

static void cues_event(struct board *b, const struct board_event *ev)
{
	struct cues_state *st;
	struct cue_line *c;
	const struct line *l = ev->line;

	if (ev->type != EV_LINE_OFFERED && ev->type != EV_LINE_CLOSED &&
	    ev->type != EV_REMINDER && ev->type != EV_RECALL)
		return;
	st = cues_of(b);
	if (!st)
		return;
	switch (ev->type) {
	case EV_LINE_OFFERED:
		/* a park pick-up or a night call is no caller for the desk */
		if (!l || l->dir != LINE_INBOUND || l->pickup_of ||
		    l->night_service || l->state != LINE_OFFERED)
			return;
		c = cue_line_of(st, l->id, true);
		if (c)
			c->offered = true;
		/* away from the desk the ringer is still: so is its cue */
		if (st->cfg.new_caller && !operator_away(b))
			cue_play(b, CUE_NEW_CALLER);
		return;
	case EV_REMINDER:
		if (st->cfg.reminder)
			cue_play(b, l && l->state == LINE_OFFERED ?
				 REMIND_ANSWER : REMIND_HOLD);
		return;
	case EV_RECALL:
		if (st->cfg.transfer_failed)
			cue_play(b, CUE_TRANSFER_FAILED);
		return;
	default:
		break;
	}
	if (!l)
		return;
	c = cue_line_of(st, l->id, false);
	if (caller_hung_up(c, l) && st->cfg.hung_up)
		cue_play(b, CUE_HUNG_UP);
	if (c)
		memset(c, 0, sizeof(*c));
}

const struct op_kind op_cues = {
	.name = "cues",
	.event = cues_event,
	.state_size = sizeof(struct cues_state),
};
