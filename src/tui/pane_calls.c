/*
 * pane_calls.c — the calls pane: first the lines with the operator
 * (talking, dialling, consult legs, the conference), then the callers
 * waiting for the operator in the queue's order (core/queue.h), each
 * with how long it has waited; a summary row for those that do not fit.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/duration.h"
#include "core/queue.h"
#include "core/situation.h"
#include "pane.h"
#include "style.h"
#include "views.h"

/* Row -> line, rebuilt when the board changed: the selection follows
 * its line when the rows reorder. */
struct calls_order {
	line_id ids[BOARD_MAX_LINES];
	size_t n;
	size_t nwith;             /* rows with the operator, then the queue */
	bool built;
	bool stale;               /* a board event since it was built */
	int64_t built_ms;
	size_t built_nlines;
};

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

static int id_cmp(const void *a, const void *b)
{
	line_id x = *(const line_id *)a, y = *(const line_id *)b;

	return x < y ? -1 : x > y;
}

static bool id_in(const line_id *sorted, size_t n, line_id id)
{
	return bsearch(&id, sorted, n, sizeof(id), id_cmp) != NULL;
}

/* The lines with the operator in arrival order, then the queue, head
 * first; the selected row keeps its line. */
static void order_build(struct pane *p, struct calls_order *o)
{
	struct board *b = p->board;
	const struct queue_entry *queue[BOARD_MAX_LINES];
	line_id waiting[BOARD_MAX_LINES], present[BOARD_MAX_LINES];
	line_id kept = o->built && p->selected < o->n ? o->ids[p->selected]
		: 0;
	size_t nq, nlines = b->nlines < BOARD_MAX_LINES ? b->nlines
		: BOARD_MAX_LINES, i, k;

	nq = queue_order(b, queue, BOARD_MAX_LINES);
	if (nq > BOARD_MAX_LINES)
		nq = BOARD_MAX_LINES;
	for (i = 0; i < nq; i++)
		waiting[i] = queue[i]->id;
	for (i = 0; i < nlines; i++)
		present[i] = b->lines[i].id;
	qsort(waiting, nq, sizeof(waiting[0]), id_cmp);
	qsort(present, nlines, sizeof(present[0]), id_cmp);
	o->n = 0;
	for (i = 0; i < nlines; i++) {
		if (!id_in(waiting, nq, b->lines[i].id))
			o->ids[o->n++] = b->lines[i].id;
	}
	o->nwith = o->n;
	for (i = 0; i < nq; i++) {
		if (id_in(present, nlines, queue[i]->id))
			o->ids[o->n++] = queue[i]->id;
	}
	o->built = true;
	o->stale = false;
	o->built_ms = p->now_ms;
	o->built_nlines = b->nlines;
	for (k = 0; kept && k < o->n; k++) {
		if (o->ids[k] == kept)
			p->selected = k;
	}
	if (o->n && p->selected >= o->n)
		p->selected = o->n - 1;
}

/* The order as the board is now (NULL when out of memory: arrival). */
static struct calls_order *order_get(struct pane *p)
{
	struct calls_order *o = p->data;

	if (!o) {
		o = calloc(1, sizeof(*o));
		if (!o)
			return NULL;
		p->data = o;
	}
	if (!o->built || o->stale || o->built_ms != p->now_ms ||
	    o->built_nlines != p->board->nlines)
		order_build(p, o);
	return o;
}

static size_t calls_count(struct pane *p)
{
	struct calls_order *o = order_get(p);

	return o ? o->n : p->board->nlines;
}

/* The lines with the operator and the head of the queue stay in sight
 * when the other callers scroll. */
static size_t calls_pinned(struct pane *p)
{
	struct calls_order *o = order_get(p);

	return o ? o->nwith + (o->n > o->nwith) : 0;
}

static line_id calls_line_at(struct pane *p, size_t i)
{
	struct calls_order *o = order_get(p);

	if (!o)
		return i < p->board->nlines ? p->board->lines[i].id : 0;
	return i < o->n ? o->ids[i] : 0;
}

static void calls_title(struct pane *p, char *title, size_t n)
{
	struct board *b = p->board;
	const struct queue_stats *st = queue_stats(b);
	unsigned gone = st ? st->abandoned_unseen : 0;
	size_t i, parked = 0;
	int used, room = p->w ? getmaxx(p->w) - 4 : 60;

	for (i = 0; i < b->nlines; i++)
		parked += b->lines[i].park_slot != 0;
	used = snprintf(title, n, " Calls (%zu)", b->nlines);
	if (parked && used >= 0 && (size_t)used < n)
		used += snprintf(title + used, n - used, ", %zu parked",
				 parked);
	/* the callers who gave up stay in sight until the operator looks */
	if (gone && used >= 0 && (size_t)used < n) {
		const char *words = " while waiting ";
		int need = snprintf(NULL, 0, ", %u hung up%s", gone, words);

		if (used + need > room)
			words = " ";
		snprintf(title + used, n - used, ", %u hung up%s", gone,
			 words);
	}
	else if (used >= 0 && (size_t)used < n)
		snprintf(title + used, n - used, " ");
}

/* "+7 waiting, longest 2:41": the rows from FROM on, and those
 * scrolled away below the pinned ones. */
static void calls_summary(struct pane *p, size_t from, char *buf, size_t n)
{
	struct calls_order *o = order_get(p);
	const struct queue_entry *e;
	size_t i, waiting = 0, others = 0;
	int64_t longest = 0, s;
	char clock[DURATION_TEXT_SIZE];
	int used;

	for (i = p->pinned; i < calls_count(p); i++) {
		if (i >= p->scroll && i < from)
			continue;
		e = o && i >= o->nwith ? queue_entry_of(p->board, o->ids[i])
			: NULL;
		if (!e) {
			others++;
			continue;
		}
		waiting++;
		s = queue_waited_s(e, p->now_ms);
		if (s > longest)
			longest = s;
	}
	duration_minutes_text(clock, sizeof(clock), longest);
	/* a ticking clock is not on an accessible screen */
	if (waiting && view_plain())
		used = snprintf(buf, n, " +%zu waiting", waiting);
	else if (waiting)
		used = snprintf(buf, n, " +%zu waiting, longest %s", waiting,
				clock);
	else
		used = snprintf(buf, n, " +%zu more", others);
	if (waiting && others && used >= 0 && (size_t)used < n)
		snprintf(buf + used, n - used, ", +%zu more", others);
}

/* What a waiting row says between the name and the clock, in COLS
 * columns: "on hold", or "on hold 1:12" when the caller waited before
 * (the row's clock counts the whole wait), "for Alice Martin 0:35";
 * for a call ringing for the first time the company line it came in on
 * or its number when no column shows it; a priority in front where it
 * fits. */
static void wait_info(struct pane *p, const struct line *l,
		      const struct queue_entry *e, char *buf, size_t sz,
		      int cols, bool number_shown)
{
	struct board *b = p->board;
	const struct company_line *co = queue_company_of(b, l->id);
	char words[160], clock[DURATION_TEXT_SIZE] = "", prio[16] = "";
	const char *w;
	int room = cols, wl;

	if (e->kind == WAIT_RINGING && e->waited_ms == 0)
		w = co && co->company[0] ? co->company
			: l->name[0] && !number_shown ? l->number : "";
	else
		w = queue_wait_words(b, e, words, sizeof(words));
	/* a wait that is all of it has the row's clock */
	if (queue_in_state_s(e, p->now_ms) != queue_waited_s(e, p->now_ms)) {
		duration_minutes_text(clock, sizeof(clock),
				      queue_in_state_s(e, p->now_ms));
		room -= (int)strlen(clock) + 1;
	}
	/* a VIP's priority goes without saying */
	if (e->priority > 0 && !e->vip)
		snprintf(prio, sizeof(prio), "P%d ", e->priority);
	/* "waiting for Alice Martin" reads as "for Alice Martin" when
	 * short of room */
	if ((int)strlen(w) > room && !strncmp(w, "waiting for ", 12))
		w += 8;
	if ((int)(strlen(prio) + strlen(w)) > room)
		prio[0] = '\0';
	room -= (int)strlen(prio);
	wl = room < (int)strlen(w) ? room : (int)strlen(w);
	if (clock[0] && room < 4)
		snprintf(buf, sz, "%s", clock);
	else
		snprintf(buf, sz, "%s%.*s%s%s", prio, wl < 0 ? 0 : wl, w,
			 clock[0] ? " " : "", clock);
}

/* A caller waiting too long: a ringing or recalled one (asking for the
 * operator) is in the alarm style; one put aside (held, parked, camped)
 * flashes with the once-a-second repaint of the durations. */
static bool alarm_showing(struct pane *p, const struct queue_entry *e)
{
	if (!e || !e->alarm)
		return false;
	/* a reader hears every repaint: the accessible mode never flashes */
	if (view_plain())
		return true;
	if (e->kind == WAIT_RINGING || e->kind == WAIT_RECALLED)
		return true;
	return (p->now_ms / 1000) % 2 == 0;
}

static void calls_draw_row(struct pane *p, int row, int left, int inner,
			   size_t i, bool picked)
{
	WINDOW *w = p->w;
	struct board *b = p->board;
	struct calls_order *o = order_get(p);
	line_id id = calls_line_at(p, i);
	const struct line *l = board_line(b, id);
	const struct queue_entry *e = NULL;
	int64_t d;
	char head[16], tail[64], slot[8], clock[DURATION_TEXT_SIZE],
		waited[DURATION_TEXT_SIZE + 8], info[96] = "", who[300];
	int name_w, info_w = 0, num_w = 0, rest, spare, x;
	const char *tag;
	bool consult = false, clock_on;
	char mark;
	attr_t a, tail_a;

	if (!l) {
		wattrset(w, style_attr(STYLE_NORMAL));
		view_text(w, row, left, "", inner, true);
		return;
	}
	if (o && i >= o->nwith)
		e = queue_entry_of(b, id);
	if (e && e->kind == WAIT_NONE)
		e = NULL;
	tag = board_line_tag(b, l, slot, sizeof(slot), &consult);
	mark = line_mark(l);
	a = style_attr(line_style(l));
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
	if (alarm_showing(p, e))
		a = style_attr(STYLE_ALARM);
	/* the selection does not hide an alarm: its clock keeps it */
	tail_a = a;
	if (picked)
		a = style_attr(STYLE_SELECTED);
	if (picked && !alarm_showing(p, e))
		tail_a = a;
	wattrset(w, a);
	if (view_plain()) {
		/* one sentence with no clock: a row that changes every
		 * second would be read every second (the time is read on
		 * request: moving onto the row, the situation) */
		situation_line(b, l, p->now_ms, false, who, sizeof(who));
		view_text(w, row, left, who, inner, true);
		return;
	}

	/* a waiting row's clock is its whole wait, talking rows' the call */
	d = e ? queue_waited_s(e, p->now_ms) : line_duration_s(l, p->now_ms);
	duration_minutes_text(clock, sizeof(clock), d);
	snprintf(head, sizeof(head), "%2u %c ", l->id, mark);
	/* on a narrow screen the name says more than the number or the
	 * wait words: decided per pane (" 1 ! ", " 0:00 RING") so the
	 * columns align */
	/* a tiny screen keeps the name and state, not the clock */
	clock_on = inner - 5 - 10 >= 10;
	if (clock_on)
		snprintf(tail, sizeof(tail), " %5s %-4s", clock, tag);
	else
		snprintf(tail, sizeof(tail), " %-4s", tag);
	rest = inner - (int)strlen(head) - (int)strlen(tail);
	/* a waiting row: the words first; then, with room and the name
	 * kept at 20 columns, the clock's "waited", the number, longer
	 * words */
	if (inner - 30 >= 16 && e) {
		info_w = 15;
		spare = rest - info_w - 20;
		if (clock_on && spare >= 7) {
			snprintf(waited, sizeof(waited), "waited %s", clock);
			snprintf(tail, sizeof(tail), " %12s %-4s", waited,
				 tag);
			spare -= 7;
		}
		if (spare >= 15) {
			num_w = 15;
			spare -= 15;
		}
		if (spare > 0)
			info_w += spare < 9 ? spare : 9;
		rest = inner - (int)strlen(head) - (int)strlen(tail);
	}
	else if (inner - 30 >= 16)
		num_w = 15;
	if (e && info_w)
		wait_info(p, l, e, info, sizeof(info), info_w - 1,
			  num_w > 0);
	snprintf(who, sizeof(who), "%s%s", e && e->vip ? "VIP " : "",
		 l->name[0] ? l->name : l->number);
	name_w = rest - num_w - info_w;
	if (name_w < 4) {
		num_w = info_w = 0;
		name_w = rest;
	}
	x = left;
	view_text(w, row, x, head, (int)strlen(head), false);
	x += (int)strlen(head);
	view_text(w, row, x, who, name_w - 1, true);
	if (name_w >= 1)
		waddch(w, ' ');
	x += name_w;
	if (num_w) {
		view_text(w, row, x, l->name[0] ? l->number : "", num_w,
			  true);
		x += num_w;
	}
	if (info_w)
		view_text(w, row, x, info, info_w, true);
	wattrset(w, tail_a);
	view_text(w, row, left + inner - (int)strlen(tail), tail,
		  (int)strlen(tail), false);
}

/* Any board event may move a line in the order: it is rebuilt, and the
 * selection with it, when next asked. A closed line is removed right
 * after its event: the selection keeps its line, or takes the next
 * one, or the last. Nothing is asked of the queue here: it counts the
 * closing line after the events that precede the close. */
static void calls_observe(struct pane *p, const struct board_event *ev)
{
	struct calls_order *o = p->data;
	size_t i;

	if (!o)
		return;
	if (ev->type != EV_LINE_CLOSED || !ev->line) {
		o->stale = true;
		return;
	}
	/* the selection's index is into the order last built, stale or
	 * not: the line leaves that order */
	for (i = 0; i < o->n && o->ids[i] != ev->line->id; i++)
		;
	if (i == o->n)
		return;
	if (p->selected > i || (p->selected >= o->n - 1 && p->selected > 0))
		p->selected--;
	memmove(&o->ids[i], &o->ids[i + 1],
		(o->n - i - 1) * sizeof(o->ids[0]));
	o->n--;
	if (i < o->nwith)
		o->nwith--;
}

static void calls_free(struct pane *p)
{
	free(p->data);
	p->data = NULL;
}

const struct pane_class pane_calls = {
	.count = calls_count,
	.title = calls_title,
	.draw_row = calls_draw_row,
	.empty = "No calls. Waiting for the phone to ring.",
	.line_at = calls_line_at,
	.summary = calls_summary,
	.pinned = calls_pinned,
	.observe = calls_observe,
	.free = calls_free,
	.dirty = DIRTY_CALLS,
	.unframed_when_short = true,
};
