/*
 * board_int.h — what board.c and transfer.c share inside src/core.
 */
#ifndef CORDBOARD_CORE_BOARD_INT_H
#define CORDBOARD_CORE_BOARD_INT_H

#include "board.h"

void board_emit(struct board *b, enum board_event_type type,
		const struct line *l, int status, const char *text);
const char *board_line_label(const struct line *l);
/* Tells the screen the operator started line ID (board_set_started). */
void board_started(struct board *b, line_id id, bool dialled);
/* presence.c: puts the directory in number order (the screen keeps
 * its own order over it) */
void board_exts_sort(struct board *b);
/* presence.c: keeps L's name for the extensions' line states */
void board_remember_caller(struct board *b, const struct line *l);
struct line *board_line_add(struct board *b, enum line_dir dir,
			    const char *name, const char *uri);
void board_line_remove(struct board *b, line_id id);
int board_hold_talking_except(struct board *b, line_id keep);
/* operator_audio.c: the ringer follows whether any line is offered */
void board_ringer_update(struct board *b);

/* A line is closing: transfers it belongs to react (recall, success).
 * Returns true when it has told the operator what happened. */
bool board_xfer_line_closed(struct board *b, struct line *l, int status,
			    const char *reason);

/* conference.c: a line is closing, a REFER answered, the operator takes
 * another call (steps out of the mix), a second passed. Each returns
 * true when the conference has dealt with it. */
bool board_conf_line_closed(struct board *b, struct line *l, int status,
			    const char *reason);
bool board_conf_refer_result(struct board *b, line_id id, int status,
			     const char *reason);
void board_conf_step_out(struct board *b, line_id keep);
void board_conf_tick(struct board *b);
/* transfer.c: words for a SIP failure status, for the operator */
const char *board_status_words(int status);

/* transfer.c: the transfers' shared steps */
/* TEXT as typed at a target prompt to URI and a label for the status
 * line; else says "Cannot WHAT: ..." and returns EINVAL. */
int board_resolve(struct board *b, const char *text, const char *what,
		  char *uri, size_t urisz, char *label, size_t labelsz,
		  const struct extension **ext);
/* A consult (with PAGE, an intercom call) about CALLER: the caller is
 * held and URI called; T completes. */
int board_consult_start(struct board *b, struct line *caller,
			const char *uri, const char *label,
			const struct extension *ext, bool page);
struct xfer *board_xfer_add(struct board *b, enum xfer_kind kind,
			    line_id caller);
void board_xfer_remove(struct board *b, struct xfer *x);
/* "ACME Corp via Reception": the display name a consult leg carries */
void board_announce(const struct board *b, const struct line *caller,
		    char *out, size_t sz);
/* The caller is back with the operator, flagged (retrieved when the
 * operator is free), and WHY is on the status line. */
void board_recall(struct board *b, line_id caller, const char *why);
/* Calls URI on a new line (a page when PAGE is set) and sets *ID; or
 * says why and returns an errno value (the line is gone again). */
int board_call_out(struct board *b, const char *uri, const char *name,
		   const char *display, const struct extension *ext,
		   bool page, line_id *id);

/* intercom.c: a page with no caller was answered: what to announce */
void board_page_answered(struct board *b, const struct line *l);

/* group.c: ring groups the console rings itself */
int  board_hunt_start(struct board *b, line_id caller,
		      const struct extension *group, bool complete_on_answer);
bool board_hunt_answered(struct board *b, struct line *l);
/* A member answered a transfer to its group: handed the caller without
 * the operator (true), or not such a member (false). */
bool board_hunt_taken(struct board *b, struct line *l);
void board_hunt_member_kept(struct board *b, line_id member);
void board_hunt_cancel(struct board *b, struct xfer *x);
void board_hunt_leg_closed(struct board *b, struct xfer *x, struct line *l,
			   int status);
int  board_hunt_stop(struct board *b, struct xfer *x);
void board_hunt_tick(struct board *b);

/* park.c: the slots' part of answering, retrieving and time passing */
bool board_pickup_offered(struct board *b, struct line *l,
			  const char *dialled);
bool board_pickup_established(struct board *b, struct line *l);
void board_pickup_failed(struct board *b, line_id caller, const char *why);
void board_unpark_retrieved(struct board *b, struct line *l);
void board_park_tick(struct board *b);

/* conference.c: two parties bridged by the console (a pick-up whose
 * REFER failed); EBUSY while another conference is up. */
int  board_conf_bridge(struct board *b, line_id a, line_id other,
		       const char *why);

#endif
