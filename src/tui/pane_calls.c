/*
 * pane_calls.c — the calls pane: one row per line at the console, in
 * arrival order, with its state, duration and what it is doing.
 */
#include <stdio.h>
#include <string.h>

#include "pane.h"
#include "style.h"
#include "views.h"

static enum style_id line_style(const struct line *l)
{
	switch (l->state) {
	case LINE_OFFERED:     return STYLE_RINGING;
	case LINE_DIALING:
	case LINE_RINGING_OUT: return STYLE_DIALING;
	case LINE_TALKING:     return STYLE_TALKING;
	case LINE_HELD:        return STYLE_HELD;
	case LINE_CONFERENCE:
	case LINE_BRIDGED:     return STYLE_CONFERENCE;
	case LINE_HANDOVER:    return STYLE_DIALING;
	case LINE_ENDED:       break;
	}
	return STYLE_NORMAL;
}

/* A mark per state that reads without colour. */
static char line_mark(const struct line *l)
{
	switch (l->state) {
	case LINE_OFFERED:     return '!';
	case LINE_DIALING:
	case LINE_RINGING_OUT: return '>';
	case LINE_TALKING:     return '*';
	case LINE_HELD:        return '=';
	case LINE_CONFERENCE:  return '&';
	case LINE_BRIDGED:     return '~';
	case LINE_HANDOVER:    return '>';
	case LINE_ENDED:       break;
	}
	return ' ';
}

static size_t calls_count(struct pane *p)
{
	return p->board->nlines;
}

static void calls_title(struct pane *p, char *title, size_t n)
{
	struct board *b = p->board;
	size_t i, parked = 0;

	for (i = 0; i < b->nlines; i++)
		parked += b->lines[i].park_slot != 0;
	if (parked)
		snprintf(title, n, " Calls (%zu), %zu parked ", b->nlines,
			 parked);
	else
		snprintf(title, n, " Calls (%zu) ", b->nlines);
}

static void calls_draw_row(struct pane *p, int row, int left, int inner,
			   size_t i, bool picked)
{
	WINDOW *w = p->w;
	struct board *b = p->board;
	const struct line *l = &b->lines[i];
	int64_t d = line_duration_s(l, p->now_ms);
	char head[16], tail[32], slot[8];
	/* on a narrow screen the name says more than the number:
	 * decided per pane (" 1 ! ", " 0:00 RING") so rows align */
	int name_w, num_w = inner - 5 - 15 - 10 >= 16 ? 15 : 0;
	const char *who = l->name[0] ? l->name : l->number;
	bool consult = false;
	const char *tag = board_line_tag(b, l, slot, sizeof(slot), &consult);
	char mark = line_mark(l);
	attr_t a = style_attr(line_style(l));

	/* what the line is doing in an operation reads in any colour */
	if (!tag)
		tag = line_state_tag(l->state);
	if (consult && l->state != LINE_HELD)
		a = style_attr(STYLE_CONSULT);
	if (l->park_slot)
		mark = 'P';
	if (l->recall) {
		mark = 'R';
		a = style_attr(STYLE_RECALL);
	}

	if (picked)
		a = style_attr(STYLE_SELECTED);
	wattrset(w, a);
	snprintf(head, sizeof(head), "%2u %c ", l->id, mark);
	/* a tiny screen keeps the name and state, not the clock */
	if (inner - 5 - 10 >= 10)
		snprintf(tail, sizeof(tail), " %2lld:%02lld %-4s",
			 (long long)(d / 60), (long long)(d % 60),
			 tag);
	else
		snprintf(tail, sizeof(tail), " %-4s", tag);
	name_w = inner - (int)strlen(head) - num_w - (int)strlen(tail);
	if (name_w < 4) {
		num_w = 0;
		name_w = inner - (int)strlen(head) - (int)strlen(tail);
	}
	view_text(w, row, left, head, (int)strlen(head), false);
	view_text(w, row, left + (int)strlen(head), who, name_w - 1,
		  true);
	if (name_w >= 1)
		waddch(w, ' ');
	if (num_w)
		view_text(w, row, left + (int)strlen(head) + name_w,
			  l->name[0] ? l->number : "", num_w, true);
	view_text(w, row, left + inner - (int)strlen(tail), tail,
		  (int)strlen(tail), false);
}

static line_id calls_line_at(struct pane *p, size_t i)
{
	return i < p->board->nlines ? p->board->lines[i].id : 0;
}

/* A closed line is removed right after its event: the selection keeps
 * its line, or takes the next one, or the last. */
static void calls_observe(struct pane *p, const struct board_event *ev)
{
	struct board *b = p->board;
	size_t i, left;

	if (ev->type != EV_LINE_CLOSED || !ev->line ||
	    ev->line < b->lines || ev->line >= b->lines + b->nlines)
		return;
	i = (size_t)(ev->line - b->lines);
	left = b->nlines - 1;
	if (p->selected > i || (p->selected >= left && p->selected > 0))
		p->selected--;
}

const struct pane_class pane_calls = {
	.count = calls_count,
	.title = calls_title,
	.draw_row = calls_draw_row,
	.empty = "No calls. Waiting for the phone to ring.",
	.line_at = calls_line_at,
	.observe = calls_observe,
	.dirty = DIRTY_CALLS,
	.unframed_when_short = true,
};
