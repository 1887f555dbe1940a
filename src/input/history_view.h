/*
 * history_view.h — the history view's state: the book, read from the
 * newest record back while it shows, the records the typed text finds,
 * the highlighted one. The text is the console's prompt_text; the
 * screen draws it (tui).
 */
#ifndef CORDBOARD_INPUT_HISTORY_VIEW_H
#define CORDBOARD_INPUT_HISTORY_VIEW_H

#include "console.h"
#include "core/history_book.h"

/* The records parsed at open: a tall screen's worth. */
#define HISTORY_FIRST_ROWS 100
/* Lines parsed per slice from the main loop: a few ms. */
#define HISTORY_SLICE_LINES 500

struct history_view {
	struct history_book book;   /* parsed newest first, in slices */
	size_t *hits;         /* indices into book.recs, newest first */
	size_t nhits, hits_cap;
	size_t pick;          /* the highlighted hit */
	char found[CONSOLE_PROMPT_SIZE]; /* the text hits were found for */
};

/* True while the open view's book is still being read. */
bool history_view_reading(const struct console *c);

/* Parses a slice more of the book and finds the typed text over it. */
void history_view_read_more(struct console *c);

/* After the text changed: finds again (narrowing when it grew). */
void history_view_find(struct console *c);

/* The highlighted record, or NULL when none is found. */
const struct history_record *history_view_picked(const struct console *c);

/* Frees the view and goes back to normal mode. */
void history_view_close(struct console *c);

#endif
