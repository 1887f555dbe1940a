/*
 * selection.c — the focus and the selected items, following the board.
 */
#include "selection.h"

#include "layout.h"

#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

/* The panes of the screen, in the order Tab visits them, and the rect
 * of the layout each one is drawn in: a new pane is its class and one
 * line here (and its rect in layout.c). */
static const struct {
	const struct pane_class *cls;
	size_t place;
} pane_order[] = {
	{ &pane_calls,      offsetof(struct layout, calls) },
	{ &pane_extensions, offsetof(struct layout, exts) },
};

struct pane *selection_pane(struct selection *s, const struct pane_class *cls)
{
	size_t i;

	for (i = 0; i < s->npanes; i++) {
		if (s->panes[i].cls == cls)
			return &s->panes[i];
	}
	return NULL;
}

struct pane *selection_focused(struct selection *s)
{
	return s->npanes ? &s->panes[s->focus] : NULL;
}

/* The selected call of the first pane of calls, whatever the focus. */
static line_id selected_call(void *arg)
{
	struct selection *s = arg;
	size_t i;

	for (i = 0; i < s->npanes; i++) {
		struct pane *p = &s->panes[i];

		if (p->cls->line_at && p->cls->count(p))
			return p->cls->line_at(p, pane_selected(p));
	}
	return 0;
}

static line_id selected_line(void *arg)
{
	struct pane *p = selection_focused(arg);

	if (!p || !p->cls->line_at || !p->cls->count(p))
		return 0;
	return p->cls->line_at(p, pane_selected(p));
}

static const struct extension *selected_extension(void *arg)
{
	struct pane *p = selection_focused(arg);

	if (!p || !p->cls->extension_at || p->selected >= p->cls->count(p))
		return NULL;
	return p->cls->extension_at(p, p->selected);
}

static void selection_move(void *arg, int delta)
{
	struct selection *s = arg;
	struct pane *p = selection_focused(s);
	size_t n = p ? p->cls->count(p) : 0;
	long v;

	if (n == 0)
		return;
	v = (long)p->selected + delta;
	if (v < 0)
		v = 0;
	if (v >= (long)n)
		v = (long)n - 1;
	p->selected = (size_t)v;
	s->moves++;
	/* the old and new rows only: the pane scrolls if it must */
	p->repaint |= PANE_REPAINT_SELECTION;
	board_touch(s->board, 0);
}

static void focus_set(struct selection *s, size_t focus)
{
	size_t i;

	s->focus = focus;
	for (i = 0; i < s->npanes; i++) {
		s->panes[i].focused = i == focus;
		s->panes[i].repaint |= PANE_REPAINT_ALL;
	}
	board_touch(s->board, DIRTY_STATUS);
}

static void selection_focus_next(void *arg)
{
	struct selection *s = arg;

	if (s->npanes)
		focus_set(s, (s->focus + 1) % s->npanes);
	s->moves++;
}

static int selection_select_extension(void *arg, const char *number)
{
	struct selection *s = arg;
	size_t i, k, n;

	for (i = 0; i < s->npanes; i++) {
		struct pane *p = &s->panes[i];

		if (!p->cls->extension_at)
			continue;
		n = p->cls->count(p);
		for (k = 0; k < n; k++) {
			if (strcmp(p->cls->extension_at(p, k)->number, number))
				continue;
			p->selected = k;
			focus_set(s, i);
			s->moves++;
			return 0;
		}
	}
	return ENOENT;
}

/* Sorts the first pane with an order of its own (the extensions). */
static void selection_sort_toggle(void *arg)
{
	struct selection *s = arg;
	struct pane *p = NULL;
	const struct extension *e;
	char selected[32] = "";
	size_t k, n;

	for (k = 0; !p && k < s->npanes; k++) {
		if (s->panes[k].cls->sort_toggle &&
		    s->panes[k].cls->extension_at)
			p = &s->panes[k];
	}
	if (!p)
		return;
	n = p->cls->count(p);
	if (p->selected < n)
		snprintf(selected, sizeof(selected), "%s",
			 p->cls->extension_at(p, p->selected)->number);
	p->cls->sort_toggle(p);
	/* the selection follows the extension, not the row */
	for (k = 0; k < n; k++) {
		e = p->cls->extension_at(p, k);
		if (!strcmp(e->number, selected))
			p->selected = k;
	}
	p->repaint |= PANE_REPAINT_ALL;
}

static void selection_observe(void *arg, const struct board_event *ev)
{
	struct selection *s = arg;
	size_t i;

	for (i = 0; i < s->npanes; i++) {
		struct pane *p = &s->panes[i];

		if (p->cls->observe)
			p->cls->observe(p, ev);
	}
}

/* The operator started a call: it is selected; dialled, it takes the
 * focus too. */
static void selection_started(void *arg, line_id id, bool dialled)
{
	struct selection *s = arg;
	struct pane *p = selection_pane(s, &pane_calls);
	size_t i;

	if (!p)
		return;
	for (i = 0; i < p->cls->count(p); i++) {
		if (p->cls->line_at(p, i) == id)
			p->selected = i;
	}
	if (dialled && s->focus != (size_t)(p - s->panes))
		focus_set(s, (size_t)(p - s->panes));
}

int selection_init(struct selection *s, struct board *b)
{
	size_t i;

	memset(s, 0, sizeof(*s));
	s->board = b;
	for (i = 0; i < sizeof(pane_order) / sizeof(pane_order[0]); i++) {
		s->panes[i].cls = pane_order[i].cls;
		s->panes[i].place = pane_order[i].place;
		s->panes[i].board = b;
		s->panes[i].focused = i == 0;
	}
	s->npanes = i;
	board_set_started(b, selection_started, s);
	return board_observe(b, selection_observe, s);
}

void selection_free(struct selection *s)
{
	size_t i;

	for (i = 0; i < s->npanes; i++) {
		if (s->panes[i].cls->free)
			s->panes[i].cls->free(&s->panes[i]);
	}
}

/* Prompts, find and completion list extensions in the pane's order. */
static const size_t *extension_order(void *arg)
{
	struct pane *p = selection_pane(arg, &pane_extensions);

	return p && p->cls->order ? p->cls->order(p) : NULL;
}

void selection_wire(struct selection *s, struct console_selection *cs)
{
	cs->line = selected_line;
	cs->call = selected_call;
	cs->extension = selected_extension;
	cs->move = selection_move;
	cs->focus_next = selection_focus_next;
	cs->select_extension = selection_select_extension;
	cs->sort_toggle = selection_sort_toggle;
	cs->extension_order = extension_order;
	cs->arg = s;
}
