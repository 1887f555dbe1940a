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

#endif
