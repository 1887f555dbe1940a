/*
 * operation.c — the kinds of operation and the order they are asked in.
 */
#include "operation.h"

#include <stdlib.h>

#include "board_int.h"

struct op_state {
	const struct op_kind *kind;
	void *state;
};

/* Each kind is defined in its own file (conference.c, group.c, park.c,
 * transfer.c, intercom.c, queue.c, overflow.c, absence.c, service.c,
 * away.c, caller_lookup.c, messages.c, registration.c, operators.c) and
 * registered here, once. */
extern const struct op_kind op_conference, op_hunt, op_park, op_campon,
	op_transfer, op_refer_pace, op_page, op_queue, op_overflow,
	op_absence, op_service, op_detached, op_away, op_caller_lookup,
	op_callback, op_messages, op_registration, op_operators, op_cues;

/* The conference first: a leg in the mix is the conference's even when
 * it came from a transfer; the transfer's deadline runs last. The
 * overflow's callers are in no other kind until it hands them on. */
static const struct op_kind *const op_kinds[] = {
	/* first: every kind after it sees the caller by their directory name */
	&op_caller_lookup,
	/* a call another operator took says so, not "hung up" */
	&op_operators,
	&op_conference,
	&op_overflow,
	&op_hunt,
	&op_park,
	&op_campon,
	/* before the transfer: a 491 from the caller's phone is retried */
	&op_refer_pace,
	&op_transfer,
	&op_page,
	&op_absence,
	/* no legs: it only watches presence and the clock */
	&op_messages,
	/* no legs: the registration's outcomes and its retries */
	&op_registration,
	/* at night a caller nobody else claims goes to the night target */
	&op_service,
	/* no terminal: ringing callers go to the overflow target */
	&op_detached,
	/* the operator away: the overflow target takes the caller */
	&op_away,
	/* watches the lines only: who is owed a call back */
	&op_callback,
	/* last: a call no other kind claims is a caller for the queue */
	&op_queue,
	/* watches the events only: the sound cues */
	&op_cues,
};

#define OP_KINDS (sizeof(op_kinds) / sizeof(op_kinds[0]))

void *op_state(struct board *b, const struct op_kind *kind)
{
	struct op_state *states;
	void *state;
	size_t i;

	for (i = 0; i < b->nop_states; i++) {
		if (b->op_states[i].kind == kind)
			return b->op_states[i].state;
	}
	if (!kind->state_size)
		return NULL;
	state = calloc(1, kind->state_size);
	if (!state)
		return NULL;
	states = realloc(b->op_states, (b->nop_states + 1) * sizeof(*states));
	if (!states) {
		free(state);
		return NULL;
	}
	b->op_states = states;
	b->op_states[b->nop_states].kind = kind;
	b->op_states[b->nop_states++].state = state;
	return state;
}

void op_states_free(struct board *b)
{
	size_t i;

	for (i = 0; i < b->nop_states; i++) {
		if (b->op_states[i].kind->destroy)
			b->op_states[i].kind->destroy(b,
						      b->op_states[i].state);
		free(b->op_states[i].state);
	}
	free(b->op_states);
	b->op_states = NULL;
	b->nop_states = 0;
}

bool op_offered(struct board *b, struct line *l, const char *dialled)
{
	size_t i;

	for (i = 0; i < OP_KINDS; i++) {
		if (op_kinds[i]->offered && op_kinds[i]->offered(b, l, dialled))
			return true;
	}
	return false;
}

bool op_taken(struct board *b, struct line *l)
{
	size_t i;

	for (i = 0; i < OP_KINDS; i++) {
		if (op_kinds[i]->taken && op_kinds[i]->taken(b, l))
			return true;
	}
	return false;
}

bool op_answered(struct board *b, struct line *l)
{
	size_t i;

	for (i = 0; i < OP_KINDS; i++) {
		if (op_kinds[i]->answered && op_kinds[i]->answered(b, l))
			return true;
	}
	return false;
}

bool op_closed(struct board *b, struct line *l, int status,
	       const char *reason)
{
	size_t i;

	for (i = 0; i < OP_KINDS; i++) {
		if (op_kinds[i]->closed &&
		    op_kinds[i]->closed(b, l, status, reason))
			return true;
	}
	return false;
}

bool op_refer_result(struct board *b, line_id caller, int status,
		     const char *reason)
{
	size_t i;

	for (i = 0; i < OP_KINDS; i++) {
		if (op_kinds[i]->refer_result &&
		    op_kinds[i]->refer_result(b, caller, status, reason))
			return true;
	}
	return false;
}

void op_tick(struct board *b, int64_t now)
{
	size_t i;

	for (i = 0; i < OP_KINDS; i++) {
		if (op_kinds[i]->tick)
			op_kinds[i]->tick(b, now);
	}
}

void op_event(struct board *b, const struct board_event *ev)
{
	size_t i;

	for (i = 0; i < OP_KINDS; i++) {
		if (op_kinds[i]->event)
			op_kinds[i]->event(b, ev);
	}
}

/* Every kind is asked, so a parked consult leg reads PK1 in the
 * consult's colour: the first tag wins, any kind may mark a consult. */
const char *board_line_tag(struct board *b, const struct line *l, char *buf,
			   size_t sz, bool *consult)
{
	const char *tag = NULL;
	char scratch[16];
	bool cons = false;
	size_t i;

	for (i = 0; i < OP_KINDS; i++) {
		const char *t;
		bool c = false;

		if (!op_kinds[i]->tag)
			continue;
		/* a tag already chosen may live in BUF */
		t = tag ? op_kinds[i]->tag(b, l, scratch, sizeof(scratch), &c) :
			op_kinds[i]->tag(b, l, buf, sz, &c);
		cons = cons || c;
		if (!tag)
			tag = t;
	}
	if (consult)
		*consult = cons;
	return tag;
}
