/*
 * layout.h — where each pane goes for a terminal size. Pure geometry, so
 * it can be checked at 80x24, 40x12 and anything in between.
 */
#ifndef CORDBOARD_TUI_LAYOUT_H
#define CORDBOARD_TUI_LAYOUT_H

struct rect { int y, x, h, w; };

struct layout {
	struct rect calls;
	struct rect exts;      /* h == 0 when there is no room */
	struct rect log;       /* h == 0 when there is no room */
	struct rect status;    /* the bottom line */
	struct rect announce;  /* accessible mode: above it; else h == 0 */
};

void layout_compute(struct layout *l, int rows, int cols);
/* For a screen reader: the panes stacked at full width (one item a
 * row, never two side by side), the log below them when there is room,
 * the announcement line above the status line. */
void layout_compute_accessible(struct layout *l, int rows, int cols);

#endif
