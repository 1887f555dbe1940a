/*
 * history_view.h — the history view's state: the book read when it
 * opened, the records the typed text finds, the highlighted one. The
 * text is the console's prompt_text; the screen draws it (tui).
 */
#ifndef CORDBOARD_INPUT_HISTORY_VIEW_H
#define CORDBOARD_INPUT_HISTORY_VIEW_H

#include "console.h"
#include "core/history_book.h"

struct history_view {
	struct history_book book;
	size_t *hits;         /* indices into book.recs, newest first */
	size_t nhits;
	size_t pick;          /* the highlighted hit */
	char found[256];      /* the text hits were found for */
};

/* After the text changed: finds again (narrowing when it grew). */
void history_view_find(struct console *c);

/* The highlighted record, or NULL when none is found. */
const struct history_record *history_view_picked(const struct console *c);

/* Frees the view and goes back to normal mode. */
void history_view_close(struct console *c);

#endif
