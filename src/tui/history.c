/*
 * history.c — the history view: an overlay listing the calls of the
 * history file newest first, found as the operator types, with who (the
 * directory's name where a number is theirs), what became of the call
 * and whether a missed caller was called back.
 */
#define _XOPEN_SOURCE_EXTENDED 1
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "core/duration.h"
#include "core/contacts.h"
#include "core/sanitize.h"
#include "input/history_view.h"
#include "style.h"
#include "views.h"

/* "14:05" today, "Dec 05 14:05" before. */
static void when_text(int64_t at, char *buf, size_t sz)
{
	time_t t = (time_t)at, now = time(NULL);
	struct tm tm, today;

	localtime_r(&t, &tm);
	localtime_r(&now, &today);
	if (tm.tm_year == today.tm_year && tm.tm_yday == today.tm_yday)
		strftime(buf, sz, "%H:%M", &tm);
	else
		strftime(buf, sz, "%b %d %H:%M", &tm);
}

/* The directory's name for the number ("Robert Smith - mobile"), else
 * the display name the caller sent, sanitised, and the number. */
static void who_text(struct board *b, const struct history_record *r,
		     char *buf, size_t sz)
{
	const char *label = NULL;
	const struct extension *e = contact_lookup(b->exts, b->nexts,
		r->uri[0] ? r->uri : r->number, &label);
	char name[128], num[96];

	if (!e && r->uri[0] && r->number[0])
		e = contact_lookup(b->exts, b->nexts, r->number, &label);
	if (e) {
		if (label && *label)
			snprintf(buf, sz, "%s - %s", e->name, label);
		else
			snprintf(buf, sz, "%s (%s)", e->name, e->number);
		return;
	}
	sanitize_text(name, sizeof(name), r->name, strlen(r->name));
	sanitize_text(num, sizeof(num), r->number, strlen(r->number));
	if (name[0] && strcmp(name, num))
		snprintf(buf, sz, "%s %s", name, num);
	else
		snprintf(buf, sz, "%s", num[0] ? num : "(unknown)");
}

/* How long they talked; nothing when they did not. */
static void talked_text(int64_t s, char *buf, size_t sz)
{
	buf[0] = '\0';
	if (s > 0)
		duration_text(buf, sz, s);
}

/* The columns of a row in W: time, in/out, who, company line, what
 * became of the call; the outcome keeps the most room, as it says what
 * the operator looks for. */
struct history_cols {
	int when, dir, who, company, outcome;
};

static struct history_cols cols_for(int w, bool dates)
{
	struct history_cols c = { .when = dates ? 12 : 5, .dir = 3 };
	int rest = w - 2 - c.when - c.dir - 4;

	/* a narrow screen drops the company line before who and outcome */
	c.who = rest >= 80 ? rest * 36 / 100 : rest * 45 / 100;
	c.company = rest >= 90 ? 16 : rest >= 80 ? rest * 15 / 100 : 0;
	c.outcome = rest - c.who - c.company;
	return c;
}

static void row_draw(WINDOW *win, int y, const struct history_cols *cw,
		     struct board *b, const struct history_record *r,
		     bool picked)
{
	char when[32], who[256], company[96], outcome[160];
	char dur[DURATION_TEXT_SIZE];
	int x = 1;

	when_text(r->at, when, sizeof(when));
	who_text(b, r, who, sizeof(who));
	sanitize_text(company, sizeof(company), r->company,
		      strlen(r->company));
	history_outcome_text(r, outcome, sizeof(outcome));
	if (r->handled)
		snprintf(outcome + strlen(outcome),
			 sizeof(outcome) - strlen(outcome), " - %s", r->how);
	talked_text(r->talked_s, dur, sizeof(dur));
	if (dur[0])
		snprintf(outcome + strlen(outcome),
			 sizeof(outcome) - strlen(outcome), " %s", dur);
	if (picked)
		wattrset(win, style_attr(STYLE_SELECTED));
	else if (history_record_missed(r) && !r->handled)
		wattrset(win, style_attr(STYLE_ALARM));
	else
		wattrset(win, style_attr(STYLE_HELP));
	/* each column one blank wider than its text, so none runs on */
	view_text(win, y, x, when, cw->when, true);
	waddch(win, ' ');
	x += cw->when + 1;
	view_text(win, y, x, r->inbound ? "in" : "out", cw->dir, true);
	waddch(win, ' ');
	x += cw->dir + 1;
	view_text(win, y, x, who, cw->who, true);
	waddch(win, ' ');
	x += cw->who + 1;
	if (cw->company) {
		view_text(win, y, x, company, cw->company, true);
		waddch(win, ' ');
		x += cw->company + 1;
	}
	view_text(win, y, x, outcome, cw->outcome, true);
	wattrset(win, style_attr(STYLE_HELP));
}

/* Whether a record on screen is from another day (the time needs one). */
static bool shows_dates(const struct history_view *v, size_t top,
			int list)
{
	time_t now = time(NULL);
	struct tm today, tm;
	size_t i;

	localtime_r(&now, &today);
	for (i = top; i < v->nhits && i < top + (size_t)list; i++) {
		time_t t = (time_t)v->book.recs[v->hits[i]].at;

		localtime_r(&t, &tm);
		if (tm.tm_year != today.tm_year || tm.tm_yday != today.tm_yday)
			return true;
	}
	return false;
}

/* Callers ringing while the view covers the calls pane. */
static size_t ringing_now(const struct board *b)
{
	size_t i, n = 0;

	for (i = 0; i < b->nlines; i++)
		n += b->lines[i].state == LINE_OFFERED;
	return n;
}

void view_history(int rows, int cols, struct board *b,
		  const struct console *c)
{
	const struct history_view *v = c->history;
	char title[sizeof(c->prompt_text) + 80];
	int h = rows, w = cols, list, y, used;
	size_t top = 0, i, ringing;
	struct history_cols cw;
	WINDOW *win;

	if (!v || h < 4 || w < 20)
		return;
	if (history_book_complete(&v->book))
		snprintf(title, sizeof(title), " History: %zu of %zu - find: "
			 "%s ", v->nhits, v->book.n, c->prompt_text);
	else
		snprintf(title, sizeof(title), " History: %zu of %zu - "
			 "reading %d%% - find: %s ", v->nhits, v->book.n,
			 history_book_percent(&v->book), c->prompt_text);
	win = view_overlay(h, w, 0, 0, title);
	if (!win)
		return;
	used = 2 + (int)strlen(title);
	ringing = ringing_now(b);
	if (ringing) {
		/* the calls pane is covered: say what waits behind it */
		snprintf(title, sizeof(title), " %zu ringing - %s closes ",
			 ringing, board_key(b, "history-close"));
		if (used + (int)strlen(title) + 2 < w) {
			wattrset(win, style_attr(STYLE_ALARM));
			view_text(win, 0, w - 2 - (int)strlen(title), title,
				  (int)strlen(title), false);
			wattrset(win, style_attr(STYLE_HELP));
		}
	}
	list = h - 2;
	if (v->pick >= (size_t)list)
		top = v->pick - (size_t)list + 1;
	cw = cols_for(w, shows_dates(v, top, list));
	if (!v->nhits && !history_book_complete(&v->book))
		view_text(win, 1, 2, "No call matches yet", w - 4, false);
	else if (!v->nhits)
		view_text(win, 1, 2, v->book.n ? "No call matches" :
			  "No calls in the history yet", w - 4, false);
	for (i = top, y = 1; i < v->nhits && y <= list; i++, y++)
		row_draw(win, y, &cw, b, &v->book.recs[v->hits[i]],
			 i == v->pick);
	wnoutrefresh(win);
	delwin(win);
}
