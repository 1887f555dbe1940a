/*
 * test_views.c — panes drawn into a real ncurses screen (on a file, not a
 * terminal) and read back cell by cell.
 */
#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "config/theme.h"
#include "core/events_xml.h"
#include "fake_phone.h"
#include "tui/pane.h"
#include "tui/selection.h"
#include "tui/style.h"
#include "tui/views.h"

static SCREEN *scr;
static FILE *out, *in;

static int setup(void **state)
{
	struct theme th;

	setenv("TERM", "xterm-256color", 1);
	out = tmpfile();
	in = fopen("/dev/null", "r");
	scr = newterm(NULL, out, in);
	assert_non_null(scr);
	set_term(scr);
	theme_defaults(&th);
	style_setup(&th, true);
	return 0;
}

static int teardown(void **state)
{
	endwin();
	delscreen(scr);
	fclose(out);
	fclose(in);
	return 0;
}

/* Draws all of pane P in W, as the screen does after a change. */
static void pane_show(struct pane *p, WINDOW *w)
{
	p->w = w;
	pane_draw(p, true, fake_now);
}

/* The text of row y of w, as UTF-8. */
static const char *row_text(WINDOW *w, int y)
{
	static char buf[1024];
	wchar_t wbuf[256];
	cchar_t cells[256];
	int n = getmaxx(w) < 255 ? getmaxx(w) : 255, i;

	/* ncurses copies up to the row's end and ends the copy: what it
	 * leaves untouched reads as blank, not as stack garbage */
	memset(cells, 0, sizeof(cells));
	mvwin_wchnstr(w, y, 0, cells, n);
	for (i = 0; i < n; i++) {
		wchar_t wc[CCHARW_MAX + 1];
		attr_t a;
		short pair;

		getcchar(&cells[i], wc, &a, &pair, NULL);
		wbuf[i] = wc[0] ? wc[0] : L' ';
	}
	wbuf[n] = L'\0';
	wcstombs(buf, wbuf, sizeof(buf));
	return buf;
}

static void calls_show_name_number_duration_and_state(void **state)
{
	struct board b;
	struct fake_phone phone;
	WINDOW *w = newwin(10, 48, 0, 0);
	line_id id;

	fake_phone_setup(&phone, &b);
	id = board_on_offered(&b, "ACME Corp", "sip:+3315551234@10.0.0.1");
	fake_now += 42000;
	pane_show(fake_calls(&b), w);
	assert_non_null(strstr(row_text(w, 0), "Calls (1)"));
	assert_non_null(strstr(row_text(w, 1), " 1 ! ACME Corp"));
	assert_non_null(strstr(row_text(w, 1), "+3315551234"));
	assert_non_null(strstr(row_text(w, 1), "0:42 RING"));
	board_answer(&b, id);
	board_on_established(&b, id);
	fake_now += 5000;
	pane_show(fake_calls(&b), w);
	assert_non_null(strstr(row_text(w, 1), "0:05 TALK"));
	delwin(w);
	fake_phone_close(&phone);
}

static void a_wide_long_name_stays_inside_its_column(void **state)
{
	struct board b;
	struct fake_phone phone;
	WINDOW *w = newwin(10, 48, 0, 0);
	char name[400] = "";
	int i;

	for (i = 0; i < 40; i++)
		strcat(name, "東");
	fake_phone_setup(&phone, &b);
	board_on_offered(&b, name, "sip:+81312345678@x");
	pane_show(fake_calls(&b), w);
	/* the number and the state are not pushed out by the name */
	assert_non_null(strstr(row_text(w, 1), "+81312345678"));
	assert_non_null(strstr(row_text(w, 1), "RING"));
	delwin(w);
	fake_phone_close(&phone);
}

static void extensions_show_number_name_and_presence(void **state)
{
	struct extension exts[] = {
		{ .number = "201", .name = "Alice Martin",
		  .uri = "sip:201@x", .presence = PRESENCE_UNKNOWN },
	};
	struct board b;
	struct fake_phone phone;
	struct console c;
	WINDOW *w = newwin(6, 32, 0, 0);

	fake_phone_setup(&phone, &b);
	board_set_extensions(&b, exts, 1);
	console_init(&c, &b, NULL);
	selection_wire(fake_selection(&b), &c.sel);
	pane_show(fake_exts(&b), w);
	assert_non_null(strstr(row_text(w, 1), "201  Alice Martin"));
	assert_non_null(strstr(row_text(w, 1), "?? unknown"));
	delwin(w);
	console_close(&c);
	fake_phone_close(&phone);
}

/* Typing a mobile at a target prompt: the matches say whose and which
 * number; a supplier shows their company, not presence letters. */
static void matches_say_what_matched(void **state)
{
	struct extension exts[] = {
		{ .number = "202", .name = "Robert Smith", .uri = "sip:202@x",
		  .aliases = "Bob", .department = "Accounts",
		  .numbers = (struct ext_number[]){ { "mobile", "+33612000202" } }, .nnumbers = 1 },
		{ .number = "7001", .name = "Acme Supplies", .external = true,
		  .company = "Acme" },
	};
	struct board b;
	struct fake_phone phone;
	struct console c;
	WINDOW *w = newwin(6, 60, 0, 0);

	(void)state;
	fake_phone_setup(&phone, &b);
	board_set_extensions(&b, exts, 2);
	console_init(&c, &b, NULL);
	selection_wire(fake_selection(&b), &c.sel);
	c.mode = MODE_PROMPT;
	c.prompt_targets = true;
	snprintf(c.prompt_text, sizeof(c.prompt_text), "+336");
	view_matches(w, &b, &c);
	assert_non_null(strstr(row_text(w, 1), "Robert Smith - mobile"));
	snprintf(c.prompt_text, sizeof(c.prompt_text), "bo");
	view_matches(w, &b, &c);
	assert_non_null(strstr(row_text(w, 1), "Bob (Robert Smith)"));
	snprintf(c.prompt_text, sizeof(c.prompt_text), "acc");
	view_matches(w, &b, &c);
	assert_non_null(strstr(row_text(w, 1), "Accounts -> Robert Smith"));
	snprintf(c.prompt_text, sizeof(c.prompt_text), "acme");
	view_matches(w, &b, &c);
	assert_non_null(strstr(row_text(w, 1), "7001 Acme Supplies"));
	assert_non_null(strstr(row_text(w, 1), "    Acme"));
	assert_null(strstr(row_text(w, 1), "??"));
	delwin(w);
	console_close(&c);
	fake_phone_close(&phone);
}

/* Alice and Bob on a board, drawn in a 6x48 extensions pane. */
struct two_pane {
	struct extension exts[2];
	struct board b;
	struct fake_phone phone;
	struct console c;
	WINDOW *w;
};

static void two_pane_open(struct two_pane *p)
{
	memset(p, 0, sizeof(*p));
	p->exts[0].number = "201";
	p->exts[0].name = "Alice Martin";
	p->exts[1].number = "202";
	p->exts[1].name = "Bob Stone";
	fake_phone_setup(&p->phone, &p->b);
	board_set_extensions(&p->b, p->exts, 2);
	console_init(&p->c, &p->b, NULL);
	selection_wire(fake_selection(&p->b), &p->c.sel);
	p->w = newwin(6, 48, 0, 0);
}

static void the_board_shows_presence_line_state_and_peer(void **state)
{
	static struct two_pane p;
	struct presence_info away = { PRESENCE_AWAY, "Back at 3" };
	struct dialog_info call = { EXT_LINE_INCALL, "sip:+331@x",
				    "ACME Corp", "" };

	two_pane_open(&p);
	board_on_presence(&p.b, "201", &away);
	board_on_line_state(&p.b, "202", &call);
	pane_show(fake_exts(&p.b), p.w);
	assert_non_null(strstr(row_text(p.w, 1), "Alice Martin"));
	assert_non_null(strstr(row_text(p.w, 1), "W? Back at 3"));
	assert_non_null(strstr(row_text(p.w, 2), "?C ACME Corp"));
	delwin(p.w);
	console_close(&p.c);
	fake_phone_close(&p.phone);
}

static void a_change_redraws_only_its_row(void **state)
{
	static struct two_pane p;
	struct presence_info away = { PRESENCE_AWAY, "Back at 3" };

	two_pane_open(&p);
	pane_show(fake_exts(&p.b), p.w);
	p.b.dirty = 0;
	/* 202 changes behind the board's back: nothing says to draw it */
	p.exts[1].presence = PRESENCE_BUSY;
	board_on_presence(&p.b, "201", &away);
	assert_int_equal(p.b.dirty, DIRTY_EXT_ROWS);
	assert_int_equal(fake_exts(&p.b)->nrows, 1);
	assert_int_equal(fake_exts(&p.b)->repaint, PANE_REPAINT_ROWS);
	pane_draw(fake_exts(&p.b), false, fake_now);
	assert_non_null(strstr(row_text(p.w, 1), "W? Back at 3"));
	assert_non_null(strstr(row_text(p.w, 2), "?? unknown"));
	delwin(p.w);
	console_close(&p.c);
	fake_phone_close(&p.phone);
}

/* Alice, Bob and Carol change behind the board's back: a move from
 * Alice to Bob draws their two rows, not Carol's. */
static void a_selection_move_redraws_only_two_rows(void **state)
{
	struct extension exts[3];
	struct board b;
	struct fake_phone phone;
	struct console c;
	WINDOW *w = newwin(6, 48, 0, 0);
	size_t i;

	memset(exts, 0, sizeof(exts));
	for (i = 0; i < 3; i++)
		exts[i].number = (const char *[]){ "201", "202", "203" }[i];
	fake_phone_setup(&phone, &b);
	board_set_extensions(&b, exts, 3);
	console_init(&c, &b, NULL);
	selection_wire(fake_selection(&b), &c.sel);
	console_focus_next(&c);
	pane_show(fake_exts(&b), w);
	for (i = 0; i < 3; i++)
		exts[i].presence = PRESENCE_BUSY;
	b.dirty = 0;
	console_select_move(&c, 1);
	assert_int_equal(b.dirty, 0);
	assert_int_equal(fake_exts(&b)->repaint, PANE_REPAINT_SELECTION);
	pane_draw(fake_exts(&b), false, fake_now);
	assert_non_null(strstr(row_text(w, 1), "B? busy"));
	assert_non_null(strstr(row_text(w, 2), "B? busy"));
	assert_non_null(strstr(row_text(w, 3), "?? unknown"));
	assert_ptr_equal(console_selected_extension(&c), &exts[1]);
	delwin(w);
	console_close(&c);
	fake_phone_close(&phone);
}

static void many_changes_at_once_redraw_the_pane(void **state)
{
	struct extension exts[PANE_ROWS_MAX + 1];
	struct presence_info away = { PRESENCE_AWAY, "" };
	static char numbers[PANE_ROWS_MAX + 1][8];
	struct board b;
	struct fake_phone phone;
	size_t i;

	memset(exts, 0, sizeof(exts));
	for (i = 0; i < PANE_ROWS_MAX + 1; i++) {
		snprintf(numbers[i], sizeof(numbers[i]), "%zu", 100 + i);
		exts[i].number = numbers[i];
	}
	fake_phone_setup(&phone, &b);
	board_set_extensions(&b, exts, PANE_ROWS_MAX + 1);
	b.dirty = 0;
	for (i = 0; i < PANE_ROWS_MAX; i++)
		board_on_presence(&b, exts[i].number, &away);
	assert_int_equal(b.dirty, DIRTY_EXT_ROWS);
	assert_int_equal(fake_exts(&b)->repaint, PANE_REPAINT_ROWS);
	board_on_presence(&b, exts[PANE_ROWS_MAX].number, &away);
	assert_true(fake_exts(&b)->repaint & PANE_REPAINT_ALL);
	fake_phone_close(&phone);
}

static void the_status_bar_marks_a_muted_microphone(void **state)
{
	static struct two_pane p;
	WINDOW *bar = newwin(1, 80, 0, 0);

	(void)state;
	two_pane_open(&p);
	view_status(bar, &p.b, &p.c, "reception@127.0.0.1");
	assert_null(strstr(row_text(bar, 0), "MUTED"));
	board_mute(&p.b, 1);
	view_status(bar, &p.b, &p.c, "reception@127.0.0.1");
	assert_non_null(strstr(row_text(bar, 0), "[normal] MUTED Microphone "
			       "muted"));
	/* the mark outlives the message */
	board_status(&p.b, false, "Connected to ACME");
	view_status(bar, &p.b, &p.c, "reception@127.0.0.1");
	assert_non_null(strstr(row_text(bar, 0), "[normal] MUTED Connected"));
	delwin(bar);
	delwin(p.w);
	console_close(&p.c);
	fake_phone_close(&p.phone);
}

/* The bytes ncurses sent to the terminal since offset FROM. */
static const char *sent_since(long from, char *buf, size_t sz)
{
	size_t n;

	fflush(out);
	fseek(out, from, SEEK_SET);
	n = fread(buf, 1, sz - 1, out);
	buf[n] = '\0';
	fseek(out, 0, SEEK_END);
	return buf;
}

/* How many erase-characters (ECH: ESC [ N X) S holds before END. */
static int erases_before(const char *s, const char *end)
{
	int n = 0;

	for (; s < end; s++) {
		const char *p = s + 2;

		if (s[0] != '\x1b' || s[1] != '[')
			continue;
		while (p < end && *p >= '0' && *p <= '9')
			p++;
		n += p < end && *p == 'X' && p > s + 2;
	}
	return n;
}

/* A row's padding that shows only the normal background is a blank of
 * the normal style: a repaint after a clear steps over it instead of
 * erasing it again (ECH), and the row looks the same. */
static void a_repaint_sends_no_blank_again(void **state)
{
	struct theme th;
	WINDOW *w;
	char buf[8192];
	cchar_t cell;
	attr_t a;
	short pair;
	wchar_t wc[CCHARW_MAX + 1];
	long from;

	theme_defaults(&th);
	th.styles[STYLE_RINGING].fg256 = 220;
	th.styles[STYLE_RINGING].attrs = ATTR_BOLD;
	th.styles[STYLE_SELECTED].bg256 = 25;
	style_setup(&th, true);
	w = newwin(3, 60, 0, 0);
	wbkgd(w, style_fill(STYLE_NORMAL));
	wattrset(w, style_attr(STYLE_RINGING));
	view_text(w, 0, 0, "ACME Corp", 30, true);
	view_text(w, 0, 30, "RING", 29, true);
	wattrset(w, style_attr(STYLE_SELECTED));
	view_text(w, 1, 0, "Globex", 59, true);
	wnoutrefresh(w);
	doupdate();
	fflush(out);
	from = ftell(out);
	clearok(curscr, TRUE);
	doupdate();
	sent_since(from, buf, sizeof(buf));
	assert_non_null(strstr(buf, "ACME Corp"));
	assert_non_null(strstr(buf, "RING"));
	/* the selected row's blanks show its background: sent */
	assert_non_null(strstr(buf, "Globex"));
	mvwin_wch(w, 0, 20, &cell);
	getcchar(&cell, wc, &a, &pair, NULL);
	assert_int_equal(pair, 0);
	assert_int_equal(a & A_BOLD, 0);
	mvwin_wch(w, 1, 20, &cell);
	getcchar(&cell, wc, &a, &pair, NULL);
	assert_int_not_equal(pair, 0);
	/* no erase (ECH) for the ringing row, sent before the next */
	assert_int_equal(erases_before(buf, strstr(buf, "Globex")), 0);
	delwin(w);
	/* a normal style ncurses cannot paint on pair 0 (one colour
	 * set, one the terminal's) keeps every blank as drawn */
	th.styles[STYLE_NORMAL].fg256 = 252;
	style_setup(&th, true);
	assert_int_equal(style_blank(style_attr(STYLE_RINGING)),
			 style_attr(STYLE_RINGING));
	theme_defaults(&th);
	style_setup(&th, true);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(calls_show_name_number_duration_and_state),
		cmocka_unit_test(a_wide_long_name_stays_inside_its_column),
		cmocka_unit_test(matches_say_what_matched),
		cmocka_unit_test(extensions_show_number_name_and_presence),
		cmocka_unit_test(the_board_shows_presence_line_state_and_peer),
		cmocka_unit_test(a_change_redraws_only_its_row),
		cmocka_unit_test(a_selection_move_redraws_only_two_rows),
		cmocka_unit_test(many_changes_at_once_redraw_the_pane),
		cmocka_unit_test(the_status_bar_marks_a_muted_microphone),
		cmocka_unit_test(a_repaint_sends_no_blank_again),
	};

	setlocale(LC_ALL, "C.UTF-8");
	return cmocka_run_group_tests_name("views", tests, setup, teardown);
}
