/*
 * pane_extensions.c — the extensions pane (the BLF board): the
 * directory in number order, or by department, as a permutation over
 * the board's extensions; one presence or line-state change repaints
 * that extension's row only.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "pane.h"
#include "views.h"

struct ext_order {
	const struct extension *exts;   /* the directory it was built for */
	size_t n;
	size_t *order;                  /* row -> index in board->exts */
	size_t *row_of;                 /* index in board->exts -> row */
	bool by_department;
};

static const struct extension *sorting;   /* qsort has no context */

/* Department, then name; the board's number order breaks ties. */
static int by_department(const void *a, const void *b)
{
	size_t i = *(const size_t *)a, k = *(const size_t *)b;
	int c = strcasecmp(sorting[i].department, sorting[k].department);

	if (!c)
		c = strcasecmp(sorting[i].name, sorting[k].name);
	return c ? c : (i > k) - (i < k);
}

/* The order for the board's directory as it is now; NULL for the
 * directory's own (number) order, which needs no permutation. */
static struct ext_order *order_of(struct pane *p)
{
	struct ext_order *o = p->data;
	struct board *b = p->board;
	size_t i, *order, *row_of;

	if (!o || !o->by_department)
		return NULL;
	if (o->exts == b->exts && o->n == b->nexts && o->order)
		return o;
	order = calloc(b->nexts ? b->nexts : 1, sizeof(*order));
	row_of = calloc(b->nexts ? b->nexts : 1, sizeof(*row_of));
	if (!order || !row_of) {
		free(order);
		free(row_of);
		return NULL;
	}
	for (i = 0; i < b->nexts; i++)
		order[i] = i;
	if (b->nexts) {
		sorting = b->exts;
		qsort(order, b->nexts, sizeof(*order), by_department);
	}
	for (i = 0; i < b->nexts; i++)
		row_of[order[i]] = i;
	free(o->order);
	free(o->row_of);
	o->order = order;
	o->row_of = row_of;
	o->exts = b->exts;
	o->n = b->nexts;
	return o;
}

static size_t exts_count(struct pane *p)
{
	return p->board->nexts;
}

static void exts_title(struct pane *p, char *title, size_t n)
{
	struct ext_order *o = p->data;

	snprintf(title, n, "%s", o && o->by_department ?
		 " Extensions by department " : " Extensions ");
}

static const struct extension *exts_at(struct pane *p, size_t i)
{
	struct ext_order *o = order_of(p);

	if (i >= p->board->nexts)
		return NULL;
	return &p->board->exts[o ? o->order[i] : i];
}

static void exts_draw_row(struct pane *p, int row, int left, int inner,
			  size_t i, bool selected)
{
	view_extension_row(p->w, row, inner, p->board, exts_at(p, i),
			   selected);
}

/* A presence or line state changed: that extension's row. */
static void exts_observe(struct pane *p, const struct board_event *ev)
{
	const struct extension *e;
	struct ext_order *o = p->data;

	/* a new directory: its order is made again, the rows drawn anew */
	if (ev->type == EV_SERVICE && ev->text &&
	    !strcmp(ev->text, "reloaded")) {
		if (o) {
			free(o->order);
			free(o->row_of);
			o->order = o->row_of = NULL;
			o->exts = NULL;
		}
		p->repaint |= PANE_REPAINT_ALL;
		return;
	}
	if ((ev->type != EV_PRESENCE && ev->type != EV_LINE_STATE) ||
	    !ev->text)
		return;
	e = board_extension(p->board, ev->text);
	o = order_of(p);
	if (!e)
		p->repaint |= PANE_REPAINT_ALL;
	else if (o)
		pane_touch_row(p, o->row_of[e - p->board->exts]);
	else
		pane_touch_row(p, (size_t)(e - p->board->exts));
}

static void exts_sort_toggle(struct pane *p)
{
	struct ext_order *o = p->data;

	if (p->board->nexts == 0)
		return;
	if (!o) {
		o = calloc(1, sizeof(*o));
		if (!o)
			return;
		p->data = o;
	}
	o->by_department = !o->by_department;
	free(o->order);
	o->order = NULL;
	order_of(p);
	board_touch(p->board, DIRTY_EXTS);
	board_status(p->board, false, "Extensions by %s",
		     o->by_department ? "department" : "number");
}

static const size_t *exts_order(struct pane *p)
{
	struct ext_order *o = order_of(p);

	return o ? o->order : NULL;
}

static void exts_free(struct pane *p)
{
	struct ext_order *o = p->data;

	if (o) {
		free(o->order);
		free(o->row_of);
		free(o);
	}
	p->data = NULL;
}

const struct pane_class pane_extensions = {
	.count = exts_count,
	.title = exts_title,
	.draw_row = exts_draw_row,
	.extension_at = exts_at,
	.observe = exts_observe,
	.sort_toggle = exts_sort_toggle,
	.order = exts_order,
	.free = exts_free,
	.dirty = DIRTY_EXTS,
	.dirty_rows = DIRTY_EXT_ROWS,
};
