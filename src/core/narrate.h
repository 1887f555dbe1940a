/*
 * narrate.h — every event the operator must know about, told in one
 * short sentence of the operator's words with names from the directory
 * ("Bob Jones is now with Alice Martin", "Globex Sales hung up after
 * waiting 0:41"). The log pane, the JSON events' text, the accessible
 * mode's announcements and the status line all say the same sentence.
 * The most important words come first (who, then what, then numbers
 * and times), so a 40-cell braille display shows them.
 */
#ifndef CORDBOARD_CORE_NARRATE_H
#define CORDBOARD_CORE_NARRATE_H

#include <stddef.h>

struct board;
struct board_event;

#define NARRATE_MAX 256

/* Writes EV's sentence to OUT (sanitised, NUL-terminated) and returns
 * its length; returns 0 with OUT empty when the event is no news for
 * the operator (a colleague's presence changed, a volume step). Called
 * by board_emit after the operations saw the event, so the board is
 * already in its new state. */
size_t narrate(struct board *b, const struct board_event *ev, char *out,
	       size_t sz);

struct line;
/* The recall's sentence, which is also the status line's: "WHY. ACME
 * Corp is back on line 1, held" (WHY may be NULL or ""). */
size_t narrate_recall(const struct line *l, const char *why, char *out,
		      size_t sz);
/* L's close with STATUS: "Globex Sales hung up after waiting 0:41", ""
 * when the close is no news (a transfer or page said it already). Read
 * before the line leaves the board. */
size_t narrate_close(struct board *b, const struct line *l, int status,
		     char *out, size_t sz);

#endif
