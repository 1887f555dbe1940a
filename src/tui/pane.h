/*
 * pane.h — a list on the screen, in the spirit of htop's Panel: its
 * class says how many items there are, how to draw one row and the
 * title; the pane keeps the selected item, the one drawn selected, the
 * scroll and what needs repainting, so moving the selection repaints
 * two rows, not the pane.
 */
#ifndef CORDBOARD_TUI_PANE_H
#define CORDBOARD_TUI_PANE_H

#include <curses.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/board.h"

struct pane;

struct pane_class {
	size_t (*count)(struct pane *p);
	void (*title)(struct pane *p, char *buf, size_t n);
	/* draws item I on row Y from column X in WIDTH columns, all of
	 * them; selected: the focused pane's selected item */
	void (*draw_row)(struct pane *p, int y, int x, int width, size_t i,
			 bool selected);
	const char *empty;        /* what an empty pane says, or NULL */
	/* what item I is, for the actions; NULL for other panes */
	line_id (*line_at)(struct pane *p, size_t i);
	const struct extension *(*extension_at)(struct pane *p, size_t i);
	/* what the last row says instead of the items from FROM on (and
	 * those between the pinned ones and the scroll) when they do not
	 * fit ("+7 waiting, longest 2:41"); NULL: they only scroll */
	void (*summary)(struct pane *p, size_t from, char *buf, size_t n);
	/* how many items from the first stay in sight when the others
	 * scroll, or NULL */
	size_t (*pinned)(struct pane *p);
	/* board events the pane follows (rows to repaint), or NULL */
	void (*observe)(struct pane *p, const struct board_event *ev);
	/* the pane's own order, or NULL: sort toggles it */
	void (*sort_toggle)(struct pane *p);
	/* that order: row -> index of the board's item, NULL for its own */
	const size_t *(*order)(struct pane *p);
	void (*free)(struct pane *p);
	bool unframed_when_short; /* below three rows: rows, no frame */
	unsigned dirty;           /* the board's flags that repaint it all */
	unsigned dirty_rows;      /* ...and those that repaint rows[] */
};

enum pane_repaint {
	PANE_REPAINT_SELECTION = 1 << 0,  /* the old and new selected rows */
	PANE_REPAINT_ROWS      = 1 << 1,  /* the rows in rows[] */
	PANE_REPAINT_ALL       = 1 << 2,
};

#define PANE_ROWS_MAX 16

struct pane {
	const struct pane_class *cls;
	size_t place;             /* its rect: offsetof(struct layout, ...) */
	struct board *board;
	void *data;               /* the class's own */
	WINDOW *w;                /* NULL: no room on this screen */
	bool focused;
	size_t selected;
	size_t drawn_selected;    /* the row drawn highlighted */
	size_t scroll;            /* the first item drawn */
	int drawn_shown;          /* items drawn (a summary row below) */
	size_t pinned;            /* the first items, drawn whatever the scroll */
	unsigned repaint;
	size_t rows[PANE_ROWS_MAX];
	size_t nrows;
	int64_t now_ms;           /* the clock of this draw */
};

/* The selected item, kept within the items (0 when there are none). */
size_t pane_selected(struct pane *p);
/* Marks item I for repainting; many at once repaint the pane. */
void pane_touch_row(struct pane *p, size_t i);
/* The window row item I was last drawn on, or -1 when it is not in
 * sight. */
int pane_row_of(const struct pane *p, size_t i);
/* Draws what needs repainting (all of it when the board says so). */
void pane_draw(struct pane *p, bool all, int64_t now_ms);

/* The panes (pane_calls.c, pane_extensions.c). */
extern const struct pane_class pane_calls;
extern const struct pane_class pane_extensions;

#endif
