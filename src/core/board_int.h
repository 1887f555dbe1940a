/*
 * board_int.h — what board.c and transfer.c share inside src/core.
 */
#ifndef CORDBOARD_CORE_BOARD_INT_H
#define CORDBOARD_CORE_BOARD_INT_H

#include "board.h"

void board_emit(struct board *b, enum board_event_type type,
		const struct line *l, int status, const char *text);
const char *board_line_label(const struct line *l);
/* The status line says TEXT as news of TYPE about L (a reminder), not
 * as the outcome of an operator's action. */
void board_notice(struct board *b, enum board_event_type type,
		  const struct line *l, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* queue.c: the operator ends ID, so its close is no abandoned caller */
void queue_hung_up_by_operator(struct board *b, line_id id);
/* Tells the screen the operator started line ID (board_set_started). */
void board_started(struct board *b, line_id id, bool dialled);
/* presence.c: puts the directory in number order (the screen keeps
 * its own order over it) */
void board_exts_sort(struct board *b);
/* presence.c: NUMBER in V, N extensions in that order, or NULL */
struct extension *exts_find(struct extension *v, size_t n,
			    const char *number);
/* presence.c: keeps L's name for the extensions' line states */
void board_remember_caller(struct board *b, const struct line *l);
struct line *board_line_add(struct board *b, enum line_dir dir,
			    const char *name, const char *uri);
void board_line_remove(struct board *b, line_id id);
int board_hold_talking_except(struct board *b, line_id keep);
/* operator_audio.c: the ringer follows whether any line is offered */
void board_ringer_update(struct board *b);

/* conference.c: the operator takes another call (steps out of the
 * mix); the rest of what it does is its operation kind (operation.h) */
void board_conf_step_out(struct board *b, line_id keep);
/* hints.c: the consult and page hints in the operator's keys, written
 * into BUF (BOARD_HINT_MAX will do); board_keys_hint takes pairs of an
 * action and what it does ("complete", "completes"), then NULL */
#define BOARD_HINT_MAX 160
const char *board_keys_hint(struct board *b, char *buf, size_t sz, ...)
	__attribute__((sentinel));
const char *board_consult_hint(struct board *b, char *buf, size_t sz);
const char *board_page_hint(struct board *b, char *buf, size_t sz);

/* failure.c: words for a SIP failure status, for the operator */
const char *board_status_words(int status);
/* failure.c: "WHO busy (486 Busy Here)", or for a 503 the phone system's
 * fault, not WHO's: "The phone system is busy (503): could not reach WHO". */
void board_failure_text(char *out, size_t sz, const char *who, int status,
			const char *reason);
/* failure.c: a transfer's failure as the recall says it first: "Transfer
 * to WHO failed: busy (486)"; a 503 or 488 as board_failure_text. */
void board_transfer_failure_text(char *out, size_t sz, const char *who,
				 int status, const char *reason);

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
/* Adds a copy of X (a conference gives back the consult it grew from);
 * NULL when the board has no room. */
struct xfer *board_xfer_put(struct board *b, const struct xfer *x);
void board_xfer_remove(struct board *b, struct xfer *x);
/* refer_pace.c: X's REFER now, or once the caller's dialog is free; and
 * the dialog of line ID became free (its re-INVITE was answered). */
int  board_refer_when_free(struct board *b, struct xfer *x);
void board_refer_dialog_free(struct board *b, line_id id);
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

/* campon.c: before a transfer to EXT, true when its line says busy and
 * the operator was offered to camp on instead (once: asked again, the
 * transfer goes ahead, for a colleague with call waiting). A consult
 * (BLIND false) rings anyway: a line state may be stale, and a busy
 * answer brings the same offer. */
bool board_camp_on_busy(struct board *b, line_id caller,
			const struct extension *ext, bool blind);

/* group.c: ring groups the console rings itself */
int  board_hunt_start(struct board *b, line_id caller,
		      const struct extension *group, bool complete_on_answer);
void board_hunt_member_kept(struct board *b, line_id member);
int  board_hunt_stop(struct board *b, struct xfer *x);

/* overflow.c: CALLER rang unanswered too long (the queue says when):
 * the console answers it, holds it and transfers it blind to TARGET (a
 * number, ring group or URI), recalling it as any transfer if that
 * fails; the operator's own call is not touched. 0, or an errno value
 * with the reason on the status line (the caller keeps ringing). */
int  board_overflow(struct board *b, line_id caller, const char *target);

/* park.c: the slots' part of failing and retrieving */
void board_pickup_failed(struct board *b, line_id caller, const char *why);
void board_unpark_retrieved(struct board *b, struct line *l);

/* conference.c: two parties bridged by the console (a pick-up whose
 * REFER failed); EBUSY while another conference is up. */
int  board_conf_bridge(struct board *b, line_id a, line_id other,
		       const char *why);

#endif
