/*
 * pane.c — drawing a pane: a frame and the visible rows, or only the
 * rows that changed.
 */
#include "pane.h"

#include "style.h"
#include "views.h"

size_t pane_selected(struct pane *p)
{
	size_t n = p->cls->count(p);

	if (n && p->selected >= n)
		p->selected = n - 1;
	return p->selected;
}

void pane_touch_row(struct pane *p, size_t i)
{
	size_t k;

	for (k = 0; k < p->nrows; k++) {
		if (p->rows[k] == i)
			return;
	}
	if (p->nrows == PANE_ROWS_MAX) {
		p->repaint |= PANE_REPAINT_ALL;
		return;
	}
	p->rows[p->nrows++] = i;
	p->repaint |= PANE_REPAINT_ROWS;
}

/* The first item shown below the PINNED ones: the list scrolls to keep
 * the selected one in sight, at the bottom edge. */
static size_t first_shown(size_t sel, int shown, size_t pinned)
{
	size_t room = (size_t)shown - pinned;

	if (shown <= 0 || sel < pinned)
		return pinned;
	return sel - pinned >= room ? sel - (room - 1) : pinned;
}

/* Item I on its row, if it is on screen: a pinned one on its own, the
 * others below them from the scroll on. */
static void row_draw(struct pane *p, int left, int shown, size_t i)
{
	int inner = getmaxx(p->w) - 2 * left;
	size_t y;

	if (i >= p->cls->count(p))
		return;
	if (i < p->pinned)
		y = i;
	else if (i >= p->scroll && i - p->scroll < (size_t)shown - p->pinned)
		y = p->pinned + (i - p->scroll);
	else
		return;
	p->cls->draw_row(p, left + (int)y, left, inner, i,
			 p->focused && i == p->selected);
}

int pane_row_of(const struct pane *p, size_t i)
{
	int left, shown;

	if (!p->w)
		return -1;
	left = getmaxy(p->w) >= 3 || !p->cls->unframed_when_short ? 1 : 0;
	shown = p->drawn_shown;
	if (i < p->pinned)
		return left + (int)i;
	if (i >= p->scroll && shown > 0 &&
	    i - p->scroll < (size_t)shown - p->pinned)
		return left + (int)(p->pinned + (i - p->scroll));
	return -1;
}

/* The last row of a pane that has more items than rows: what the
 * items from FROM on are. */
static void summary_draw(struct pane *p, int left, int row, size_t from)
{
	char text[96];

	p->cls->summary(p, from, text, sizeof(text));
	wattrset(p->w, style_attr(STYLE_NORMAL));
	view_text(p->w, row, left, text, getmaxx(p->w) - 2 * left, true);
}

void pane_draw(struct pane *p, bool all, int64_t now_ms)
{
	int h, left, shown, rows;
	size_t n, i, sel, scroll, pinned = 0;
	char title[64];

	if (!p->w)
		return;
	h = getmaxy(p->w);
	left = h >= 3 || !p->cls->unframed_when_short ? 1 : 0;
	rows = h - 2 * left;
	p->now_ms = now_ms;
	n = p->cls->count(p);
	sel = pane_selected(p);
	shown = rows;
	/* the last row sums up what does not fit, unless the selection
	 * went down to the last item */
	if (p->cls->summary && n > (size_t)rows && rows >= 2 &&
	    sel + 1 < n)
		shown = rows - 1;
	/* the pinned items stay, with a row at least for the others */
	if (p->cls->pinned && n > (size_t)shown && shown >= 2) {
		pinned = p->cls->pinned(p);
		if (pinned > (size_t)shown - 1)
			pinned = (size_t)shown - 1;
	}
	scroll = first_shown(sel, shown, pinned);
	if (shown != p->drawn_shown || pinned != p->pinned)
		all = true;
	p->drawn_shown = shown;
	if (scroll != p->scroll)
		all = true;     /* the selection scrolled the list */
	if (all || (p->repaint & PANE_REPAINT_ALL)) {
		p->scroll = scroll;
		p->pinned = pinned;
		/* too few rows for a frame: the items themselves, one a row */
		if (left) {
			p->cls->title(p, title, sizeof(title));
			view_frame(p->w, title, p->focused);
		}
		else
			werase(p->w);
		if (n == 0 && p->cls->empty) {
			wattrset(p->w, style_attr(STYLE_LOG));
			view_text(p->w, left, left + 1, p->cls->empty,
				  getmaxx(p->w) - 2 * left - 2, false);
		}
		for (i = 0; i < pinned && i < n; i++)
			row_draw(p, left, shown, i);
		for (i = scroll; i < n && i - scroll < (size_t)shown - pinned;
		     i++)
			row_draw(p, left, shown, i);
		if (shown < rows)
			summary_draw(p, left, left + shown,
				     scroll + (size_t)shown - pinned);
	}
	else {
		for (i = 0; i < p->nrows; i++)
			row_draw(p, left, shown, p->rows[i]);
		/* an unmoved selection is drawn already: leaving the cursor
		 * on the changed row saves the terminal a cursor move */
		if (p->drawn_selected != sel) {
			row_draw(p, left, shown, p->drawn_selected);
			row_draw(p, left, shown, sel);
		}
	}
	p->drawn_selected = sel;
	p->repaint = 0;
	p->nrows = 0;
	wattrset(p->w, style_attr(STYLE_NORMAL));
	wnoutrefresh(p->w);
}
