/*
 * operation.h — kinds of operation on the calls (transfer, ring-group
 * hunt, conference, park, page): each kind answers the same few
 * questions about a leg, and the board asks the kinds in turn, in the
 * one order op_kinds[] gives, instead of a chain per event.
 */
#ifndef CORDBOARD_CORE_OPERATION_H
#define CORDBOARD_CORE_OPERATION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "line.h"

struct board;
struct board_event;

/* Any hook may be NULL. A hook returning true has dealt with the event
 * (said what happened): the kinds after it are not asked. */
struct op_kind {
	const char *name;
	/* A call reached the console having dialled DIALLED (or NULL). */
	bool (*offered)(struct board *b, struct line *l, const char *dialled);
	/* L answered a call the operator is not in (a pick-up, a member
	 * taking the caller). */
	bool (*taken)(struct board *b, struct line *l);
	/* L answered and the operator talks on it now. */
	bool (*answered)(struct board *b, struct line *l);
	/* L is closing with STATUS (SIP) and REASON. */
	bool (*closed)(struct board *b, struct line *l, int status,
		       const char *reason);
	/* The final answer to a REFER sent about CALLER. */
	bool (*refer_result)(struct board *b, line_id caller, int status,
			     const char *reason);
	/* Every board event, after the board changed and before the
	 * observers learn it (a kind that watches the lines). */
	void (*event)(struct board *b, const struct board_event *ev);
	/* Once a second while lines exist. */
	void (*tick)(struct board *b, int64_t now);
	/* The short tag the calls pane shows for L (CONS, XFER, PAGE, GRP,
	 * PK1 ...) or NULL; sets *CONSULT when L is a consult leg. */
	const char *(*tag)(struct board *b, const struct line *l, char *buf,
			   size_t sz, bool *consult);
	/* Bytes of state the kind keeps on a board (op_state), and what
	 * frees what that state owns (not the state itself) at board_close;
	 * a new kind keeps its calls here instead of in struct board. */
	size_t state_size;
	void (*destroy)(struct board *b, void *state);
};

/* KIND's state on B, zeroed when first asked for; NULL when KIND keeps
 * none or memory ran out. */
void *op_state(struct board *b, const struct op_kind *kind);
/* board_close: each kind's destroy, then its state. */
void op_states_free(struct board *b);

/* Each asks the kinds in turn (operation.c). */
bool op_offered(struct board *b, struct line *l, const char *dialled);
bool op_taken(struct board *b, struct line *l);
bool op_answered(struct board *b, struct line *l);
bool op_closed(struct board *b, struct line *l, int status,
	       const char *reason);
bool op_refer_result(struct board *b, line_id caller, int status,
		     const char *reason);
void op_tick(struct board *b, int64_t now);
void op_event(struct board *b, const struct board_event *ev);

#endif
