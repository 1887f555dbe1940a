/*
 * screen.c — the terminal: opening it on /dev/tty, keys, resize, and one
 * draw pass per loop turn over the panes the dirty flags name.
 */
#define _GNU_SOURCE
#define _XOPEN_SOURCE_EXTENDED 1
#include "tui.h"

#include <curses.h>
#include <errno.h>
#include <fcntl.h>
#include <langinfo.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include "crash.h"
#include "layout.h"
#include "style.h"
#include "selection.h"
#include "views.h"
#include "core/situation.h"

struct tui {
	FILE *tty;
	SCREEN *scr;
	int resize_pipe[2];
	struct layout lay;
	WINDOW *w_log, *w_status;   /* the panes have their own */
	WINDOW *w_announce;         /* accessible mode: the newest sentence */
	const struct theme *theme;
	bool accessible;
	unsigned drawn_gen;         /* the announcement drawn */
	unsigned drawn_moves;       /* the selection's moves announced */
	bool cursor_on_announcement;
	bool all_dirty;
	bool colour;          /* false: NO_COLOR or --mono */
	enum input_mode drawn_mode;
	char identity[128];
	struct selection *sel;  /* what the operator points at */
};

static int resize_write_fd = -1;

static void on_sigwinch(int sig)
{
	int saved = errno;
	char c = 'w';

	(void)sig;
	if (resize_write_fd >= 0 && write(resize_write_fd, &c, 1) < 0) {
		/* the pipe is full: a resize is already pending */
	}
	errno = saved;
}

static void windows_free(struct tui *t)
{
	WINDOW **ws[3 + SELECTION_PANES_MAX] = { &t->w_log, &t->w_status,
						  &t->w_announce };
	size_t i, n = 3;

	for (i = 0; t->sel && i < t->sel->npanes; i++)
		ws[n++] = &t->sel->panes[i].w;
	for (i = 0; i < n; i++) {
		if (*ws[i])
			delwin(*ws[i]);
		*ws[i] = NULL;
	}
}

static WINDOW *window_at(const struct rect *r)
{
	if (r->h <= 0 || r->w <= 0)
		return NULL;
	return newwin(r->h, r->w, r->y, r->x);
}

/* Blank cells take the theme's normal colours, so a theme with its own
 * background (light, high-contrast) fills the whole screen. */
static void windows_fill(struct tui *t)
{
	WINDOW *ws[4 + SELECTION_PANES_MAX] = { stdscr, t->w_log, t->w_status,
						 t->w_announce };
	size_t i, n = 4;

	for (i = 0; t->sel && i < t->sel->npanes; i++)
		ws[n++] = t->sel->panes[i].w;
	for (i = 0; i < n; i++) {
		if (ws[i])
			wbkgd(ws[i], style_fill(STYLE_NORMAL));
	}
}

static void windows_make(struct tui *t)
{
	size_t i;

	windows_free(t);
	if (t->accessible)
		layout_compute_accessible(&t->lay, LINES, COLS);
	else
		layout_compute(&t->lay, LINES, COLS);
	for (i = 0; t->sel && i < t->sel->npanes; i++) {
		struct pane *p = &t->sel->panes[i];

		p->w = window_at((const struct rect *)
				 ((const char *)&t->lay + p->place));
	}
	t->w_log = window_at(&t->lay.log);
	t->w_status = window_at(&t->lay.status);
	t->w_announce = window_at(&t->lay.announce);
	windows_fill(t);
	t->all_dirty = true;
}

int tui_open(struct tui **tp, const char *tty_path, const struct theme *th,
	     bool colour)
{
	int fd = open(tty_path, O_RDWR | O_NOCTTY | O_CLOEXEC);

	if (fd < 0)
		return errno;
	return tui_open_fd(tp, fd, th, colour);
}

int tui_open_fd(struct tui **tp, int fd, const struct theme *th,
		bool colour)
{
	struct tui *t = calloc(1, sizeof(*t));
	struct sigaction sa;

	if (!t) {
		close(fd);
		return ENOMEM;
	}
	t->resize_pipe[0] = t->resize_pipe[1] = -1;
	fcntl(fd, F_SETFD, FD_CLOEXEC);
	t->tty = fdopen(fd, "r+");
	if (!t->tty) {
		close(fd);
		goto fail;
	}
	if (pipe(t->resize_pipe) != 0)
		goto fail;
	for (fd = 0; fd < 2; fd++) {
		fcntl(t->resize_pipe[fd], F_SETFD, FD_CLOEXEC);
		fcntl(t->resize_pipe[fd], F_SETFL, O_NONBLOCK);
	}
	resize_write_fd = t->resize_pipe[1];

	/* our handler, installed before ncurses looks, so a resize wakes the
	 * main loop through the pipe */
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_sigwinch;
	sa.sa_flags = SA_RESTART;
	sigaction(SIGWINCH, &sa, NULL);

	/* the terminal's own modes, kept for a crash to put back */
	crash_guard_arm(fileno(t->tty));
	set_escdelay(25);
	t->scr = newterm(NULL, t->tty, t->tty);
	if (!t->scr) {
		errno = ENOTTY;
		goto fail;
	}
	set_term(t->scr);
	/* Ctrl-C and Ctrl-Z are keys here: no stray signal drops every call */
	raw();
	noecho();
	nonl();
	curs_set(0);
	keypad(stdscr, TRUE);
	nodelay(stdscr, TRUE);
	/* LANG=C and other charsets: the terminal gets ASCII only */
	view_set_ascii(strcmp(nl_langinfo(CODESET), "UTF-8") != 0);
	t->colour = colour;
	t->theme = th;
	style_setup(th, colour);
	windows_make(t);
	/* ncurses 6.4 flushes at every cursor move until its screen has
	 * been left once (endwin): a repaint was a write per gap in a row,
	 * some 300 for a full screen, each waking the terminal's reader;
	 * now it is one write per update */
	endwin();
	doupdate();
	*tp = t;
	return 0;

 fail:
	{
		int err = errno ? errno : EIO;
		tui_close(t);
		return err;
	}
}

void tui_close(struct tui *t)
{
	if (!t)
		return;
	windows_free(t);
	if (t->scr) {
		endwin();
		delscreen(t->scr);
	}
	if (t->tty)
		crash_guard_disarm();
	signal(SIGWINCH, SIG_DFL);
	resize_write_fd = -1;
	if (t->resize_pipe[0] >= 0)
		close(t->resize_pipe[0]);
	if (t->resize_pipe[1] >= 0)
		close(t->resize_pipe[1]);
	if (t->tty)
		fclose(t->tty);
	free(t);
}

bool tui_hung_up(const struct tui *t)
{
	struct pollfd p = { fileno(t->tty), POLLIN, 0 };

	return poll(&p, 1, 0) == 1 &&
	       (p.revents & (POLLHUP | POLLERR | POLLNVAL));
}

void tui_close_lost(struct tui *t)
{
	int null = open("/dev/null", O_RDWR | O_CLOEXEC);

	/* the same fd number, now /dev/null: endwin's bytes and its
	 * tcsetattr go nowhere */
	if (t && t->tty && null >= 0)
		dup3(null, fileno(t->tty), O_CLOEXEC);
	if (null >= 0)
		close(null);
	tui_close(t);
}

int tui_key_fd(const struct tui *t)
{
	return fileno(t->tty);
}

int tui_resize_fd(const struct tui *t)
{
	return t->resize_pipe[0];
}

void tui_set_identity(struct tui *t, const char *text)
{
	snprintf(t->identity, sizeof(t->identity), "%s", text);
	t->all_dirty = true;
}

static keycode key_from_char(wint_t ch)
{
	if (ch == 27)
		return KEYC_ESC;
	if (ch == '\r' || ch == '\n')
		return KEYC_ENTER;
	if (ch == '\t')
		return KEYC_TAB;
	if (ch == 127 || ch == 8)
		return KEYC_BSPACE;
	if (ch == ' ')
		return KEYC_SPACE;
	if (ch >= 1 && ch <= 26)
		return KEYC_CTRL | (keycode)('a' + ch - 1);
	if (ch == 0)
		return KEYC_CTRL | KEYC_SPACE;
	return (keycode)ch;
}

static keycode key_from_code(wint_t ch)
{
	switch (ch) {
	case KEY_UP:        return KEYC_UP;
	case KEY_DOWN:      return KEYC_DOWN;
	case KEY_LEFT:      return KEYC_LEFT;
	case KEY_RIGHT:     return KEYC_RIGHT;
	case KEY_HOME:      return KEYC_HOME;
	case KEY_END:       return KEYC_END;
	case KEY_PPAGE:     return KEYC_PPAGE;
	case KEY_NPAGE:     return KEYC_NPAGE;
	case KEY_IC:        return KEYC_IC;
	case KEY_DC:        return KEYC_DC;
	case KEY_BTAB:      return KEYC_BTAB;
	case KEY_BACKSPACE: return KEYC_BSPACE;
	case KEY_ENTER:     return KEYC_KP_ENTER;
	case KEY_RESIZE:    return KEYC_RESIZE;
	default:
		break;
	}
	if (ch >= (wint_t)KEY_F(1) && ch <= (wint_t)KEY_F(24))
		return KEYC_F1 + (keycode)(ch - KEY_F(1));
	return KEYC_NONE;
}

int tui_read_key(struct tui *t, keycode *k)
{
	wint_t ch;
	int r;

	for (;;) {
		r = wget_wch(stdscr, &ch);
		if (r == ERR)
			return EAGAIN;
		if (r == KEY_CODE_YES) {
			*k = key_from_code(ch);
			if (*k == KEYC_NONE)
				continue;
			return 0;
		}
		*k = key_from_char(ch);
		if (*k == KEYC_ESC) {
			/* ESC with a character right behind it is Alt+char */
			wint_t next;
			if (wget_wch(stdscr, &next) == OK && next != 27)
				*k = key_from_char(next) | KEYC_META;
		}
		return 0;
	}
}

void tui_resize(struct tui *t)
{
	struct winsize ws;
	char buf[64];

	while (read(t->resize_pipe[0], buf, sizeof(buf)) > 0)
		;
	if (ioctl(fileno(t->tty), TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0 &&
	    ws.ws_col > 0)
		resize_term(ws.ws_row, ws.ws_col);
	windows_make(t);
	clearok(curscr, TRUE);
}

void tui_invalidate(struct tui *t)
{
	t->all_dirty = true;
	clearok(curscr, TRUE);
}

void tui_restyle(struct tui *t, const struct theme *th)
{
	t->theme = th;
	style_setup(th, t->colour);
	windows_fill(t);
	tui_invalidate(t);
}

void tui_set_accessible(struct tui *t, bool on)
{
	t->accessible = on;
	view_set_plain(on);
	style_forbid_blink(on);
	style_setup(t->theme, t->colour);
	windows_make(t);
}

/* What the focused pane's selected item is, in one sentence, or "". */
static void focus_words(struct tui *t, struct board *b, int64_t now_ms,
			char *out, size_t sz)
{
	struct pane *p = t->sel ? selection_focused(t->sel) : NULL;
	size_t n = p ? p->cls->count(p) : 0;
	const struct line *l;

	out[0] = '\0';
	if (!p)
		return;
	if (n == 0) {
		snprintf(out, sz, "%s", p->cls->empty ? p->cls->empty :
			 "Nothing here");
		return;
	}
	if (p->cls->line_at) {
		l = board_line(b, p->cls->line_at(p, pane_selected(p)));
		if (l)
			situation_line(b, l, now_ms, true, out, sz);
	}
	else if (p->cls->extension_at)
		situation_extension(b, p->cls->extension_at(p,
							   pane_selected(p)),
				    NULL, (int64_t)time(NULL), out, sz);
}

/* The accessible mode's announcement line: a new sentence puts the
 * cursor on it; the operator moving the selection announces the item
 * and leaves the cursor on its row. */
static void announce_draw(struct tui *t, struct board *b, struct console *c,
			  int64_t now_ms)
{
	char item[SITUATION_MAX];
	bool changed = t->all_dirty;

	if (c->announce_gen != t->drawn_gen) {
		t->drawn_gen = c->announce_gen;
		t->cursor_on_announcement = true;
		changed = true;
	}
	if (t->sel && t->sel->moves != t->drawn_moves) {
		t->drawn_moves = t->sel->moves;
		focus_words(t, b, now_ms, item, sizeof(item));
		if (item[0]) {
			console_announce(c, item);
			t->drawn_gen = c->announce_gen;
		}
		t->cursor_on_announcement = false;
		changed = true;
	}
	if (!changed || !t->w_announce)
		return;
	wattrset(t->w_announce, style_attr(STYLE_NORMAL));
	view_text(t->w_announce, 0, 0, c->announcement,
		  getmaxx(t->w_announce), true);
	wnoutrefresh(t->w_announce);
}

/* The terminal cursor, where a reader looks: the focused item's row,
 * or the announcement line; the prompt keeps it where typing goes. */
static void cursor_place(struct tui *t, struct console *c)
{
	struct pane *p = t->sel ? selection_focused(t->sel) : NULL;
	int y;

	curs_set(1);
	/* where typing goes: the prompt put its cursor there */
	if (c->mode == MODE_PROMPT) {
		if (t->w_status)
			wnoutrefresh(t->w_status);
		return;
	}
	if (c->mode == MODE_CONFIRM && t->w_status) {
		wmove(t->w_status, 0, 0);
		wnoutrefresh(t->w_status);
		return;
	}
	if (!t->cursor_on_announcement && p && p->w && p->cls->count(p) &&
	    c->mode != MODE_HELP && c->mode != MODE_HISTORY) {
		y = pane_row_of(p, pane_selected(p));
		if (y >= 0) {
			wmove(p->w, y, 1);
			wnoutrefresh(p->w);
			return;
		}
	}
	if (t->w_announce) {
		wmove(t->w_announce, 0, 0);
		wnoutrefresh(t->w_announce);
	}
}

void tui_draw(struct tui *t, struct board *b, struct console *c,
	      int64_t now_ms)
{
	unsigned dirty = b->dirty;
	bool input = c->redraw || c->mode != t->drawn_mode;
	bool pending = false;
	size_t i;

	for (i = 0; t->sel && i < t->sel->npanes; i++)
		pending |= t->sel->panes[i].repaint != 0;

	/* the windows already hold what the screen should show: a
	 * repaint asked for (C-l) clears the terminal and sends them
	 * again, without drawing them anew */
	if (c->full_redraw) {
		c->full_redraw = false;
		clearok(curscr, TRUE);
		input = true;
	}
	if (t->all_dirty) {
		dirty = DIRTY_ALL;
		input = true;
		wnoutrefresh(stdscr);
	}
	if (!dirty && !input && !pending)
		return;
	if ((t->drawn_mode == MODE_HELP || t->drawn_mode == MODE_HISTORY) &&
	    c->mode != t->drawn_mode)
		dirty = DIRTY_ALL;   /* the overlay covered every pane */

	for (i = 0; t->sel && i < t->sel->npanes; i++) {
		struct pane *p = &t->sel->panes[i];

		if (!p->w) {      /* no room for it on this screen */
			p->repaint = 0;
			p->nrows = 0;
			continue;
		}
		/* a target prompt shows its matches over the extensions */
		if (p->cls->extension_at && view_showing_matches(c)) {
			if (dirty & (p->cls->dirty | p->cls->dirty_rows)) {
				view_matches(p->w, b, c);
				p->repaint |= PANE_REPAINT_ALL;
			}
			continue;
		}
		if ((dirty & p->cls->dirty) || p->repaint)
			pane_draw(p, dirty & p->cls->dirty, now_ms);
	}
	if ((dirty & DIRTY_LOG) && t->w_log)
		view_log(t->w_log, b, c);
	if (((dirty & DIRTY_STATUS) || input) && t->w_status)
		view_status(t->w_status, b, c, t->identity);
	if (c->mode == MODE_HELP)
		view_help(LINES - 1, COLS, c);
	if (c->mode == MODE_HISTORY && (dirty || input || pending))
		view_history(LINES - 1, COLS, b, c);

	if (t->accessible)
		announce_draw(t, b, c, now_ms);

	b->dirty = 0;
	c->redraw = false;
	t->drawn_mode = c->mode;
	t->all_dirty = false;
	if (t->accessible)
		cursor_place(t, c);
	else
		curs_set(c->mode == MODE_PROMPT ? 1 : 0);
	doupdate();
}

void tui_set_selection(struct tui *t, struct selection *sel)
{
	windows_free(t);
	t->sel = sel;
	windows_make(t);
}
