/*
 * selection.h — what the operator points at: the panes in focus order,
 * which one has the focus, and each one's selected item. Screen state,
 * not the switchboard's: it reaches the actions through struct
 * console_selection, and follows the board (a closed line leaves the
 * selection on its neighbour, a call the operator starts is selected).
 */
#ifndef CORDBOARD_TUI_SELECTION_H
#define CORDBOARD_TUI_SELECTION_H

#include <stddef.h>

#include "core/board.h"
#include "input/console.h"
#include "pane.h"

#define SELECTION_PANES_MAX 4

struct selection {
	struct board *board;
	struct pane panes[SELECTION_PANES_MAX];   /* in focus order */
	size_t npanes;
	size_t focus;
	unsigned moves;   /* the operator moved the selection or focus */
};

/* The panes of the screen, calls first, with the focus on the calls. */
int  selection_init(struct selection *s, struct board *b);
void selection_free(struct selection *s);

/* Fills cs so the console's actions resolve their line or extension
 * through s. */
void selection_wire(struct selection *s, struct console_selection *cs);

/* The first pane of CLS (the calls pane, the extensions pane), or NULL. */
struct pane *selection_pane(struct selection *s, const struct pane_class *cls);
struct pane *selection_focused(struct selection *s);

#endif
