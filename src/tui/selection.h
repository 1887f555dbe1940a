/*
 * selection.h — what the operator points at: the pane with the focus and
 * the selected row of the calls and of the extensions. Screen state, not
 * the switchboard's: it lives here and reaches the actions through
 * struct console_selection. Curses-free, so unit tests use the real one.
 */
#ifndef CORDBOARD_TUI_SELECTION_H
#define CORDBOARD_TUI_SELECTION_H

#include <stddef.h>

#include "core/board.h"
#include "input/console.h"

enum pane_focus { FOCUS_CALLS = 0, FOCUS_EXTENSIONS, FOCUS_COUNT };

struct selection {
	struct board *board;
	enum pane_focus focus;
	size_t line;              /* index into board->lines */
	size_t ext;               /* index into board->exts */
};

/* Starts on the first call with the focus on the calls, and follows the
 * board: a closed line leaves the selection on its neighbour, a call the
 * operator starts is selected. */
int selection_init(struct selection *s, struct board *b);

/* Fills cs so the console's actions resolve their line or extension
 * through s. */
void selection_wire(struct selection *s, struct console_selection *cs);

/* The selected call's index (clamped to the calls), and whether row I of
 * a pane is the selected one of the focused pane. */
size_t selection_line_index(struct selection *s);
size_t selection_ext_index(struct selection *s);

#endif
