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
};

void layout_compute(struct layout *l, int rows, int cols);

#endif
