/*
 * selection.c — the focus and the selected rows, following the board.
 */
#include "selection.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

size_t selection_line_index(struct selection *s)
{
	if (s->board->nlines && s->line >= s->board->nlines)
		s->line = s->board->nlines - 1;
	return s->line;
}

size_t selection_ext_index(struct selection *s)
{
	if (s->board->nexts && s->ext >= s->board->nexts)
		s->ext = s->board->nexts - 1;
	return s->ext;
}

/* The selected call whatever pane has the focus, 0 when there is none. */
static line_id selected_call(void *arg)
{
	struct selection *s = arg;

	if (s->board->nlines == 0)
		return 0;
	return s->board->lines[selection_line_index(s)].id;
}

static line_id selected_line(void *arg)
{
	struct selection *s = arg;

	return s->focus == FOCUS_CALLS ? selected_call(s) : 0;
}

static const struct extension *selected_extension(void *arg)
{
	struct selection *s = arg;

	if (s->focus != FOCUS_EXTENSIONS || s->ext >= s->board->nexts)
		return NULL;
	return &s->board->exts[s->ext];
}

static void selection_move(void *arg, int delta)
{
	struct selection *s = arg;
	size_t *sel = s->focus == FOCUS_CALLS ? &s->line : &s->ext;
	size_t n = s->focus == FOCUS_CALLS ? s->board->nlines :
		s->board->nexts;
	long v = (long)*sel + delta;

	if (n == 0)
		return;
	if (v < 0)
		v = 0;
	if (v >= (long)n)
		v = (long)n - 1;
	*sel = (size_t)v;
	board_touch(s->board, s->focus == FOCUS_CALLS ? DIRTY_CALLS :
		    DIRTY_EXTS);
}

static void selection_focus_next(void *arg)
{
	struct selection *s = arg;

	s->focus = (enum pane_focus)((s->focus + 1) % FOCUS_COUNT);
	board_touch(s->board, DIRTY_CALLS | DIRTY_EXTS | DIRTY_STATUS);
}

static int selection_select_extension(void *arg, const char *number)
{
	struct selection *s = arg;
	size_t i;

	for (i = 0; i < s->board->nexts; i++) {
		if (strcmp(s->board->exts[i].number, number))
			continue;
		s->focus = FOCUS_EXTENSIONS;
		s->ext = i;
		board_touch(s->board, DIRTY_CALLS | DIRTY_EXTS | DIRTY_STATUS);
		return 0;
	}
	return ENOENT;
}

static void selection_sort_toggle(void *arg)
{
	struct selection *s = arg;
	struct board *b = s->board;
	char selected[32] = "";
	size_t i;

	if (s->ext < b->nexts)
		snprintf(selected, sizeof(selected), "%s",
			 b->exts[s->ext].number);
	board_sort_toggle(b);
	/* the selection follows the extension, not the row */
	for (i = 0; i < b->nexts; i++) {
		if (!strcmp(b->exts[i].number, selected))
			s->ext = i;
	}
}

/* A closed line is removed right after its event: the selection keeps
 * its line, or takes the next one, or the last. */
static void selection_observe(void *arg, const struct board_event *ev)
{
	struct selection *s = arg;
	size_t i, left;

	if (ev->type != EV_LINE_CLOSED || !ev->line ||
	    ev->line < s->board->lines ||
	    ev->line >= s->board->lines + s->board->nlines)
		return;
	i = (size_t)(ev->line - s->board->lines);
	left = s->board->nlines - 1;
	if (s->line > i || (s->line >= left && s->line > 0))
		s->line--;
}

static void selection_started(void *arg, line_id id, bool dialled)
{
	struct selection *s = arg;
	size_t i;

	for (i = 0; i < s->board->nlines; i++) {
		if (s->board->lines[i].id == id)
			s->line = i;
	}
	if (dialled)
		s->focus = FOCUS_CALLS;
}

int selection_init(struct selection *s, struct board *b)
{
	memset(s, 0, sizeof(*s));
	s->board = b;
	board_set_started(b, selection_started, s);
	return board_observe(b, selection_observe, s);
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
	cs->arg = s;
}
