/*
 * views.c — what the panes are drawn with; the log, status bar, matches.
 */
#define _XOPEN_SOURCE_EXTENDED 1
#include "views.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "core/absence.h"
#include "core/sanitize.h"
#include "core/away.h"
#include "core/service.h"
#include "core/situation.h"
#include "core/callback.h"
#include "core/registration.h"
#include "core/target.h"
#include "style.h"

static bool ascii_only;
static bool plain;

void view_set_ascii(bool on)
{
	ascii_only = on;
}

void view_set_plain(bool on)
{
	plain = on;
}

bool view_plain(void)
{
	return plain;
}

/* The ASCII stand-in of a character a non-UTF-8 terminal cannot show:
 * our own punctuation reads the same, anything else is one '?' (the C
 * locale measures every such character as one column). */
static char ascii_stand_in(long c)
{
	switch (c) {
	case 0xa0:                          return ' ';
	case 0x2010: case 0x2013: case 0x2014: case 0x2212: return '-';
	case 0x2018: case 0x2019:           return '\'';
	case 0x201c: case 0x201d:           return '"';
	case 0x2026:                        return '.';
	case 0x2022: case 0x25cf:           return '*';
	case 0x2192:                        return '>';
	case 0x2190:                        return '<';
	default:                            break;
	}
	return c >= 0x20 && c < 0x7f ? (char)c : '?';
}

static void put_ascii(WINDOW *w, int y, int x, const char *s, size_t n)
{
	char buf[256];
	size_t i = 0, o = 0;

	wmove(w, y, x);
	while (i < n) {
		long c;
		size_t k = text_utf8_decode(s + i, n - i, &c);

		if (k == 0)
			break;
		buf[o++] = ascii_stand_in(c);
		i += k;
		if (o == sizeof(buf)) {
			waddnstr(w, buf, (int)o);
			o = 0;
		}
	}
	waddnstr(w, buf, (int)o);
}

/* Printable ASCII straight into the cells, as waddnstr would put it
 * with the window's attributes: waddnstr takes every byte through the
 * multibyte decoder, the most of our own drawing's cost. False (nothing
 * drawn) for any other text, text that reaches the window's edge, or
 * attributes without a pair on a window whose background has one
 * (waddnstr would take the background's). */
static bool put_plain(WINDOW *w, int y, int x, const char *s, size_t n)
{
	chtype cells[256];
	attr_t a = getattrs(w);
	size_t i;

	if (n > sizeof(cells) / sizeof(cells[0]) ||
	    (PAIR_NUMBER(a) == 0 && (getbkgd(w) & A_ATTRIBUTES)) ||
	    x + (int)n >= getmaxx(w))
		return false;
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c < 0x20 || c > 0x7e)
			return false;
		cells[i] = (chtype)c | a;
	}
	if (n)
		mvwaddchnstr(w, y, x, cells, (int)n);
	wmove(w, y, x + (int)n);
	return true;
}

void view_text(WINDOW *w, int y, int x, const char *s, int cols, bool pad)
{
	int used = 0;
	size_t n;

	if (cols <= 0)
		return;
	n = text_fit(s, cols, &used);
	if (ascii_only)
		put_ascii(w, y, x, s, n);
	else if (!put_plain(w, y, x, s, n))
		mvwaddnstr(w, y, x, s, (int)n);
	/* the padding in one call: a blank per waddch was a fifth of a
	 * full redraw's work; whline renders the blank as waddch does
	 * (the window's attributes and background) but leaves the cursor,
	 * which is put after the padding as before; a blank that shows
	 * only the normal background is the normal style's (style_blank) */
	if (pad && used < cols) {
		attr_t a = getattrs(w);
		int y0, x0;

		getyx(w, y0, x0);
		wattrset(w, style_blank(a));
		whline(w, ' ', cols - used);
		wattrset(w, a);
		wmove(w, y0, x0 + cols - used < getmaxx(w) ?
		      x0 + cols - used : getmaxx(w) - 1);
	}
}

/* The box in the Unicode line characters a UTF-8 terminal shows as the
 * VT100 line-drawing set looks: a border cell then costs no switch of
 * character set and no attribute reset around it (an eighth of a full
 * redraw's bytes); a non-UTF-8 terminal keeps the line-drawing set. */
static void frame_box(WINDOW *w)
{
	static const wchar_t lines[][2] = {
		{ 0x2502, 0 }, { 0x2500, 0 }, { 0x250c, 0 }, { 0x2510, 0 },
		{ 0x2514, 0 }, { 0x2518, 0 },
	};
	cchar_t c[6];
	size_t i;

	if (ascii_only) {
		box(w, 0, 0);
		return;
	}
	for (i = 0; i < 6; i++)
		setcchar(&c[i], lines[i], A_NORMAL, 0, NULL);
	wborder_set(w, &c[0], &c[0], &c[1], &c[1], &c[2], &c[3], &c[4],
		    &c[5]);
}

WINDOW *view_overlay(int h, int w, int y, int x, const char *title)
{
	WINDOW *win;

	/* the whole screen above the announcement line: no pane shows
	 * through beside it for a reader to mix in */
	if (plain && LINES >= 5) {
		h = LINES - 2;
		w = COLS;
		y = x = 0;
	}
	win = newwin(h, w, y, x);

	if (!win)
		return NULL;
	wbkgdset(win, style_fill(STYLE_HELP));
	wattrset(win, style_attr(STYLE_HELP));
	werase(win);
	if (!plain)
		frame_box(win);
	view_text(win, 0, 2, title, w - 4, false);
	return win;
}

/* A box with a title; the title is highlighted when the pane has focus. */
void view_frame(WINDOW *w, const char *title, bool focused)
{
	int wd = getmaxx(w);

	werase(w);
	wattrset(w, style_attr(STYLE_BORDER));
	/* a reader would speak the box's characters: the title alone */
	if (!plain)
		frame_box(w);
	wattrset(w, style_attr(focused ? STYLE_SELECTED : STYLE_TITLE));
	view_text(w, 0, 2, title, wd - 4, false);
	wattrset(w, style_attr(STYLE_NORMAL));
}

static enum style_id presence_style(enum presence p)
{
	switch (p) {
	case PRESENCE_AVAILABLE: return STYLE_PRESENCE_AVAILABLE;
	case PRESENCE_AWAY:      return STYLE_PRESENCE_AWAY;
	case PRESENCE_BUSY:      return STYLE_PRESENCE_BUSY;
	case PRESENCE_DND:       return STYLE_PRESENCE_DND;
	case PRESENCE_OFFLINE:   return STYLE_PRESENCE_OFFLINE;
	case PRESENCE_UNKNOWN:   break;
	}
	return STYLE_PRESENCE_UNKNOWN;
}

static enum style_id line_state_style(const struct extension *e)
{
	switch (e->line_state) {
	case EXT_LINE_RINGING: return STYLE_RINGING;
	case EXT_LINE_INCALL:  return STYLE_TALKING;
	case EXT_LINE_HELD:    return STYLE_HELD;
	case EXT_LINE_IDLE:
	case EXT_LINE_UNKNOWN: break;
	}
	return presence_style(e->presence);
}

void view_extension_row(WINDOW *w, int row, int inner, struct board *b,
			const struct extension *e, bool sel)
{
	view_contact_row(w, row, inner, b, e, e->name, sel);
}

/* "201  Alice Martin      W- back at 3": number, NAME (or what a find
 * matched: "Robert Smith - mobile"), a presence and a line-state letter,
 * then their absence ("out - back 14:00", with room taken from the
 * name), who it talks to, its note, or its state. An external contact
 * has no presence: no letters, their company instead. */
void view_contact_row(WINDOW *w, int row, int inner, struct board *b,
		      const struct extension *e, const char *name, bool sel)
{
	char marks[4], group[48], out[SITUATION_MAX];
	const struct absence *a = ext_is_group(e) ? NULL :
		board_absence(b, e->number);
	const char *extra, *number = e->number;
	int name_w, extra_w, x;

	if (plain) {
		/* one sentence, who and what first: "Alice Martin, in a
		 * call, Sales, 201" */
		situation_extension(b, e, name, (int64_t)time(NULL), out,
				    sizeof(out));
		wattrset(w, style_attr(sel ? STYLE_SELECTED :
				       line_state_style(e)));
		view_text(w, row, 1, out, inner, true);
		return;
	}

	snprintf(marks, sizeof(marks), "%c%c", presence_letter(e->presence),
		 ext_line_state_letter(e->line_state));
	if (ext_is_group(e)) {
		/* a group has no presence: what kind it is and who rings */
		number = e->kind == EXT_PAGING_GROUP ? "page" : "grp";
		snprintf(marks, sizeof(marks), "  ");
		if (e->nmembers)
			snprintf(group, sizeof(group), "%zu %s", e->nmembers,
				 e->strategy == GROUP_IN_ORDER ? "in turn" :
				 "at once");
		else
			snprintf(group, sizeof(group), "via the PBX");
		extra = group;
	}
	else if (e->external) {
		/* a phone number would be cut: / finds them by it */
		if (strlen(number) > 4)
			number = "-";
		snprintf(marks, sizeof(marks), "  ");
		extra = e->company[0] ? e->company : "external";
	}
	else if (a) {
		absence_text(a, (int64_t)time(NULL), out, sizeof(out));
		extra = out;
	}
	else if (e->peer[0])
		extra = e->peer;
	else if (e->note[0])
		extra = e->note;
	else
		extra = presence_name(e->presence);
	extra_w = inner >= 30 ? inner / 3 : 0;
	if (a && extra_w) {
		/* the return time must show: the name keeps 10 columns, and
		 * a narrow pane says "back 14:00" without the "out - " */
		int want = (int)strlen(extra) + 1, most = inner - 5 - 3 - 10;

		if (want > extra_w)
			extra_w = want < most ? want :
				  most > extra_w ? most : extra_w;
		if (want > extra_w && a->until_s) {
			absence_text_brief(a, (int64_t)time(NULL), out,
					   sizeof(out));
			extra = out;
		}
	}
	name_w = inner - 5 - 3 - extra_w;
	wattrset(w, style_attr(sel ? STYLE_SELECTED : STYLE_NORMAL));
	view_text(w, row, 1, number, 5, true);
	view_text(w, row, 6, name, name_w, true);
	x = 6 + name_w;
	if (!sel)
		wattrset(w, style_attr(line_state_style(e)));
	view_text(w, row, x, " ", 1, false);
	view_text(w, row, x + 1, marks, 2, false);
	if (extra_w) {
		if (!sel)
			wattrset(w, style_attr(presence_style(e->presence)));
		view_text(w, row, x + 3, " ", 1, false);
		view_text(w, row, x + 4, extra, extra_w - 1, true);
	}
}

bool view_showing_matches(const struct console *c)
{
	return c->mode == MODE_PROMPT && c->prompt_targets &&
	       c->prompt_text[0];
}

void view_matches(WINDOW *w, struct board *b, struct console *c)
{
	size_t m[64], n, i, first = 0, pick;
	struct target_needle typed;
	int h, wd, row;
	char title[48];

	getmaxyx(w, h, wd);
	n = console_matches(c, m, 64);
	/* folded once for the rows' "what matched" */
	target_needle_init(&typed, c->prompt_text);
	snprintf(title, sizeof(title), " Matches (%zu) ", n);
	view_frame(w, title, true);
	if (n > 64)
		n = 64;
	pick = c->prompt_pick < n ? c->prompt_pick : 0;
	if (pick >= (size_t)(h - 2))
		first = pick - (size_t)(h - 3);
	for (i = first, row = 1; i < n && row < h - 1; i++, row++) {
		const struct extension *e = &b->exts[m[i]];
		struct target_hit hit;
		char said[192];

		/* the row says what matched: "accounts -> Jane Doe" */
		if (target_needle_match(&typed, e, &hit))
			target_hit_text(c->prompt_text, e, &hit, said,
					sizeof(said));
		else
			snprintf(said, sizeof(said), "%s", e->name);
		view_contact_row(w, row, wd - 2, b, e, said, i == pick);
	}
	if (n == 0) {
		char hint[80];

		snprintf(hint, sizeof(hint), "No match: %s dials what is typed",
			 board_key(b, "prompt-submit"));
		wattrset(w, style_attr(STYLE_LOG));
		view_text(w, 1, 2, hint, wd - 4, false);
	}
	wattrset(w, style_attr(STYLE_NORMAL));
	wnoutrefresh(w);
}

#define LOG_WRAP_ROWS 16   /* rows one log line may take */

/* Draws the rows of LL that fit above ROW (the last free row), wrapped
 * at word boundaries; returns the row above what it drew. */
static int log_entry_draw(WINDOW *w, int row, int cols,
			  const struct board_log_line *ll)
{
	size_t start[LOG_WRAP_ROWS], len[LOG_WRAP_ROWS], at = 0, next;
	int n = 0;

	while (ll->text[at] && n < LOG_WRAP_ROWS) {
		start[n] = at;
		len[n] = text_wrap(ll->text + at, cols, &next);
		if (!next)
			break;
		at += next;
		n++;
	}
	wattrset(w, style_attr(ll->level >= 2 ? STYLE_LOG_ERROR : STYLE_LOG));
	for (; n > 0 && row >= 1; n--, row--) {
		char piece[sizeof(ll->text)];

		snprintf(piece, sizeof(piece), "%.*s", (int)len[n - 1],
			 ll->text + start[n - 1]);
		view_text(w, row, 1, piece, cols, false);
	}
	return row;
}

/* The newest lines at the bottom, each wrapped (never cut mid-word); the
 * operator may have scrolled back C->log_back lines. */
void view_log(WINDOW *w, struct board *b, const struct console *c)
{
	enum pane_log_level level = c ? c->log_level : PANE_LOG_INFO;
	size_t back = c ? c->log_back : 0, i;
	int h, wd, row;

	getmaxyx(w, h, wd);
	view_frame(w, back ? " Log (scrolled back) " : " Log ", false);
	row = h - 2;
	for (i = b->log_count; i > 0 && row >= 1; i--) {
		const struct board_log_line *ll = board_log_at(b, i - 1);

		if (!board_log_shown(ll, level))
			continue;
		if (back) {
			back--;
			continue;
		}
		row = log_entry_draw(w, row, wd - 2, ll);
	}
	wattrset(w, style_attr(STYLE_NORMAL));
	wnoutrefresh(w);
}

/* The prompt line: a question, or a label and what has been typed, with
 * the cursor after it and the end of a long entry in view. */
static void view_prompt(WINDOW *w, struct console *c)
{
	int wd = getmaxx(w), used, room;
	const char *p = c->prompt_text;
	char label[64];

	wattrset(w, style_attr(STYLE_PROMPT));
	view_text(w, 0, 0, "", wd, true);
	if (c->mode == MODE_CONFIRM) {
		view_text(w, 0, 0, c->confirm_text, wd, false);
		wnoutrefresh(w);
		return;
	}
	/* the command line reads like vi's: ":transfer 202" */
	snprintf(label, sizeof(label), c->prompt_command ? "%s" : "%s: ",
		 c->prompt_label);
	view_text(w, 0, 0, label, wd, false);
	used = text_width(label);
	room = wd - used - 1;
	while (*p && text_width(p) > room) {
		p++;
		while ((*p & 0xc0) == 0x80)
			p++;
	}
	view_text(w, 0, used, p, room, false);
	wmove(w, 0, used + text_width(p));
	wnoutrefresh(w);
}

void view_status(WINDOW *w, struct board *b, struct console *c,
		 const char *identity)
{
	int wd = getmaxx(w), used, right_w;
	char left[32], right[256], owed[32];
	size_t missed;
	const char *help = board_key(b, "help");

	werase(w);
	if (c->mode == MODE_PROMPT || c->mode == MODE_CONFIRM) {
		view_prompt(w, c);
		return;
	}
	wattrset(w, style_attr(STYLE_STATUS));
	view_text(w, 0, 0, "", wd, true);
	/* a reader would speak "[normal]" before every status line */
	if (plain)
		left[0] = '\0';
	else
		snprintf(left, sizeof(left), "[%s] ",
			 input_mode_name(console_shown_mode(c)));
	/* the last result matters most: the right side gives way first,
	 * identity before the call count */
	snprintf(right, sizeof(right), " %zu call%s | %s%s%s | %s help",
		 b->nlines, b->nlines == 1 ? "" : "s", identity,
		 b->reg != REG_NONE ? " " : "", registration_state_text(b),
		 help);
	view_text(w, 0, 0, left, wd, false);
	used = text_width(left);
	if (b->muted && wd - used > 6) {
		/* the one state that makes callers hear nothing: loud */
		wattrset(w, style_attr(STYLE_STATUS_ERROR));
		view_text(w, 0, used, "MUTED", wd - used, false);
		wattrset(w, style_attr(STYLE_STATUS));
		used += 6;
	}
	if (service_night(b) && wd - used > 6) {
		/* calls do not ring here: the operator must see why */
		wattrset(w, style_attr(STYLE_STATUS_ERROR));
		view_text(w, 0, used, "NIGHT", wd - used, false);
		wattrset(w, style_attr(STYLE_STATUS));
		used += 6;
	}
	if (operator_away(b) && wd - used > 5) {
		/* nothing rings: the operator must see why */
		wattrset(w, style_attr(STYLE_STATUS_ERROR));
		view_text(w, 0, used, "AWAY", wd - used, false);
		wattrset(w, style_attr(STYLE_STATUS));
		used += 5;
	}
	missed = board_missed_count(b);
	if (missed && wd - used > 12) {
		/* callers nobody reached: owed a call until handled */
		snprintf(owed, sizeof(owed), "%zu missed ", missed);
		wattrset(w, style_attr(STYLE_STATUS_ERROR));
		view_text(w, 0, used, owed, wd - used, false);
		wattrset(w, style_attr(STYLE_STATUS));
		used += text_width(owed);
	}
	right_w = text_width(right);
	if (used + text_width(b->status) + right_w + 1 > wd) {
		snprintf(right, sizeof(right), " %zu call%s%s%s | %s help",
			 b->nlines, b->nlines == 1 ? "" : "s",
			 b->reg != REG_NONE ? " | " : "",
			 registration_state_text(b), help);
		right_w = text_width(right);
	}
	/* the registration state stays: the status line gives way to it */
	if (used + text_width(b->status) + right_w + 1 > wd &&
	    b->reg != REG_NONE) {
		snprintf(right, sizeof(right), " %s ",
			 registration_state_text(b));
		right_w = text_width(right);
	}
	if (used + right_w + 10 > wd ||
	    (b->reg == REG_NONE &&
	     used + text_width(b->status) + right_w + 1 > wd))
		right_w = 0;
	if (b->status_error)
		wattrset(w, style_attr(STYLE_STATUS_ERROR));
	/* the announcement line just above says it already: a reader
	 * would speak it twice */
	if (!plain || strcmp(b->status, c->announcement))
		view_text(w, 0, used, b->status, wd - used - right_w, false);
	if (right_w) {
		wattrset(w, style_attr(STYLE_STATUS));
		view_text(w, 0, wd - right_w, right, right_w, false);
	}
	wnoutrefresh(w);
}
