/*
 * test_pane_calls.c — the calls pane as the queue's view, drawn into a
 * real ncurses screen on a file: the lines with the operator first,
 * then the waiting callers head first, their waits in words, a summary
 * row when they do not fit, the selection staying on its line, alarms.
 */
#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>
#include <errno.h>
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "config/theme.h"
#include "core/board.h"
#include "core/queue.h"
#include "fake_phone.h"
#include "tui/pane.h"
#include "tui/style.h"

static struct extension exts[] = {
	{ .number = "201", .name = "Alice Martin", .uri = "sip:201@office" },
	{ .number = "+441632960999", .name = "Mr Big", .vip = true },
};

static const struct company_line company[] = {
	{ .number = "5551000", .company = "ACME Legal",
	  .greeting = "Good morning, ACME Legal, how can I help?" },
	{ .number = "5552000", .company = "Globex Sales", .priority = 5 },
};

struct desk {
	struct board b;
	struct fake_phone phone;
	SCREEN *scr;
	FILE *out, *in;
};

static int setup(void **state)
{
	static struct desk d;
	struct queue_config q;
	struct theme th;

	memset(&d, 0, sizeof(d));
	setenv("TERM", "xterm-256color", 1);
	d.out = tmpfile();
	d.in = fopen("/dev/null", "r");
	d.scr = newterm(NULL, d.out, d.in);
	assert_non_null(d.scr);
	set_term(d.scr);
	theme_defaults(&th);
	th.styles[STYLE_ALARM].attrs = ATTR_REVERSE | ATTR_UNDERLINE;
	style_setup(&th, true);
	fake_phone_setup(&d.phone, &d.b);
	fake_keys_install(&d.b);
	board_set_extensions(&d.b, exts, 2);
	queue_config_defaults(&q);
	assert_int_equal(queue_configure(&d.b, &q, company, 2), 0);
	*state = &d;
	return 0;
}

static int teardown(void **state)
{
	struct desk *d = *state;

	fake_calls(&d->b)->w = NULL;
	fake_phone_close(&d->phone);
	endwin();
	delscreen(d->scr);
	fclose(d->out);
	fclose(d->in);
	return 0;
}

static line_id rings(struct desk *d, const char *name, const char *uri,
		     const char *dialled)
{
	line_id id = board_on_offered_to(&d->b, name, uri, dialled);

	fake_now += 1000;
	return id;
}

/* The calls pane drawn whole in W, unfocused unless FOCUSED. */
static struct pane *show(struct desk *d, WINDOW *w, bool focused)
{
	struct pane *p = fake_calls(&d->b);

	p->w = w;
	p->focused = focused;
	pane_draw(p, true, fake_now);
	return p;
}

/* The text of row Y of W, as UTF-8. */
static const char *row_text(WINDOW *w, int y)
{
	static char buf[1024];
	wchar_t wbuf[256];
	cchar_t cells[256];
	int n = getmaxx(w), i;

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

/* The attributes (colour pair included) of the cell at Y, X. */
static attr_t cell_attr(WINDOW *w, int y, int x)
{
	cchar_t c;
	wchar_t wc[CCHARW_MAX + 1];
	attr_t a;
	short pair;

	mvwin_wch(w, y, x, &c);
	getcchar(&c, wc, &a, &pair, NULL);
	return (a & ~A_COLOR) | COLOR_PAIR(pair);
}

static void assert_row(WINDOW *w, int y, const char *text)
{
	if (!strstr(row_text(w, y), text))
		fail_msg("row %d reads '%s', not '%s'", y, row_text(w, y),
			 text);
}

static void the_operator_first_then_the_queue_head_first(void **state)
{
	struct desk *d = *state;
	WINDOW *w = newwin(10, 48, 0, 0), *wide = newwin(10, 100, 0, 0);
	struct pane *p;
	line_id a, b, big, tom;

	a = rings(d, "Ann", "sip:100@x", "5551000");
	b = rings(d, "Bea", "sip:101@x", NULL);
	big = rings(d, "Big", "sip:+441632960999@x", NULL);
	tom = fake_answered(&d->b, "Tom", "sip:102@x");
	fake_now += 20000;
	p = show(d, w, false);
	assert_int_equal(p->cls->count(p), 4);
	assert_int_equal(p->cls->line_at(p, 0), tom);
	assert_int_equal(p->cls->line_at(p, 1), big);  /* a VIP goes ahead */
	assert_int_equal(p->cls->line_at(p, 2), a);
	assert_int_equal(p->cls->line_at(p, 3), b);
	assert_row(w, 1, " 4 * Tom");
	assert_row(w, 1, "0:20 TALK");
	assert_row(w, 2, " 3 ! VIP Big");
	/* a ringing call shows the company line it came in on */
	assert_row(w, 3, " 1 ! Ann");
	assert_row(w, 3, "ACME Legal");
	assert_row(w, 3, "0:23 RING");
	/* ...or, without one, its number */
	assert_row(w, 4, "101");
	/* a priority shows where there is room */
	fake_select_line(&d->b, tom);
	rings(d, "Cid", "sip:103@x", "5552000");
	show(d, wide, false);
	assert_row(wide, 2, "VIP Big");
	assert_null(strstr(row_text(wide, 2), "P9"));
	assert_row(wide, 3, "Cid");
	assert_row(wide, 3, "P5 Globex Sales");
	delwin(w);
	delwin(wide);
}

static void a_waiting_row_says_how_long_in_words(void **state)
{
	struct desk *d = *state;
	WINDOW *w = newwin(10, 48, 0, 0);
	WINDOW *wide = newwin(10, 100, 0, 0);
	line_id acme, zoe;

	acme = fake_answered(&d->b, "ACME Corp", "sip:+3315551234@x");
	fake_now += 89000;
	assert_int_equal(board_hold_toggle(&d->b, acme), 0);
	zoe = fake_answered(&d->b, "Zoe", "sip:+81312345678@x");
	fake_now += 32000;
	assert_int_equal(board_park(&d->b, zoe), 0);
	fake_now += 40000;
	show(d, w, false);
	/* a first wait: its words, and the clock counts it */
	assert_row(w, 1, "ACME Corp");
	assert_row(w, 1, "on hold ");
	assert_row(w, 1, "1:12 HOLD");
	assert_row(w, 2, "Zoe");
	assert_row(w, 2, "parked ");
	assert_row(w, 2, "0:40 PK1");
	/* held again: this wait in words, the whole wait at the clock,
	 * and with room the number too and what the clock counts */
	fake_now += 89000;
	assert_int_equal(board_hold_toggle(&d->b, acme), 0);
	fake_now += 5000;
	assert_int_equal(board_hold_toggle(&d->b, acme), 0);
	fake_now += 7000;
	show(d, wide, false);
	assert_row(wide, 1, "ACME Corp");
	assert_row(wide, 1, "+3315551234");
	assert_row(wide, 1, "on hold 0:07");
	assert_row(wide, 1, "waited 2:48 HOLD");
	assert_row(wide, 2, "Zoe");
	assert_row(wide, 2, "parked ");
	assert_row(wide, 2, "waited 2:21 PK1");
	delwin(w);
	delwin(wide);
}

static void the_last_row_sums_up_who_does_not_fit(void **state)
{
	struct desk *d = *state;
	WINDOW *w = newwin(6, 48, 0, 0);
	char name[16], uri[32];
	struct pane *p;
	line_id first = 0;
	int i;

	fake_answered(&d->b, "Tom", "sip:102@x");
	for (i = 0; i < 7; i++) {
		snprintf(name, sizeof(name), "Caller %d", i);
		snprintf(uri, sizeof(uri), "sip:%d@x", 300 + i);
		if (!first)
			first = rings(d, name, uri, NULL);
		else
			rings(d, name, uri, NULL);
	}
	p = show(d, w, true);
	assert_int_equal(p->cls->count(p), 8);
	assert_row(w, 1, "Tom");
	/* the head of the queue, then what does not fit */
	assert_row(w, 2, "Caller 0");
	assert_int_equal(p->cls->line_at(p, 1), first);
	assert_row(w, 3, "Caller 1");
	assert_row(w, 4, "+5 waiting, longest 0:05");
	/* the operator moves down: the others scroll under the head */
	p->selected = 6;
	pane_draw(p, false, fake_now);
	assert_row(w, 1, "Tom");
	assert_row(w, 2, "Caller 0");
	assert_row(w, 3, "Caller 5");
	assert_row(w, 4, "+5 waiting, longest 0:06");
	/* at the last caller, the summary makes room */
	p->selected = 7;
	pane_draw(p, false, fake_now);
	assert_row(w, 1, "Tom");
	assert_row(w, 2, "Caller 0");
	assert_row(w, 3, "Caller 5");
	assert_row(w, 4, "Caller 6");
	assert_null(strstr(row_text(w, 4), "waiting"));
	delwin(w);
}

static void the_selection_stays_on_its_line_when_rows_reorder(void **state)
{
	struct desk *d = *state;
	WINDOW *w = newwin(10, 48, 0, 0);
	struct pane *p;
	line_id a, b;

	a = rings(d, "Ann", "sip:100@x", NULL);
	b = rings(d, "Bea", "sip:101@x", NULL);
	p = show(d, w, true);
	p->selected = 1;
	assert_int_equal(fake_sel_call(&d->b), b);
	/* a VIP rings and goes ahead of both */
	rings(d, "Big", "sip:+441632960999@x", NULL);
	show(d, w, true);
	assert_int_equal(p->selected, 2);
	assert_int_equal(fake_sel_call(&d->b), b);
	/* Ann is answered: she moves up to the operator's lines */
	board_answer(&d->b, a);
	board_on_established(&d->b, a);
	assert_int_equal(fake_sel_call(&d->b), b);
	show(d, w, true);
	assert_int_equal(p->cls->line_at(p, 0), a);
	assert_int_equal(fake_sel_call(&d->b), b);
	/* Bea hangs up: the selection takes the next row, or the last */
	board_on_closed(&d->b, b, 0, "");
	assert_int_equal(fake_sel_call(&d->b), p->cls->line_at(p, 1));
	delwin(w);
}

static void a_caller_waiting_too_long_turns_to_the_alarm(void **state)
{
	struct desk *d = *state;
	WINDOW *w = newwin(10, 48, 0, 0);
	attr_t alarm = style_attr(STYLE_ALARM), first, second;
	line_id held, ringing;

	held = fake_answered(&d->b, "ACME Corp", "sip:+3315551234@x");
	assert_int_equal(board_hold_toggle(&d->b, held), 0);
	ringing = rings(d, "Globex", "sip:+4420794600@x", NULL);
	fake_now += 5000;
	board_tick(&d->b);
	show(d, w, false);
	assert_int_not_equal(cell_attr(w, 1, 5), alarm);
	assert_int_not_equal(cell_attr(w, 2, 5), alarm);
	/* ringing past answer_alert_after: the alarm, steadily */
	fake_now += (SETTINGS_ANSWER_ALERT_AFTER_S + 1) * 1000;
	board_tick(&d->b);
	assert_true(queue_entry_of(&d->b, ringing)->alarm);
	show(d, w, false);
	assert_int_equal(cell_attr(w, 2, 5), alarm);
	fake_now += 1000;
	show(d, w, false);
	assert_int_equal(cell_attr(w, 2, 5), alarm);
	/* held past hold_reminder_after: it flashes, once a second */
	fake_now += SETTINGS_HOLD_REMINDER_AFTER_S * 1000;
	board_tick(&d->b);
	assert_true(queue_entry_of(&d->b, held)->alarm);
	show(d, w, false);
	first = cell_attr(w, 1, 5);
	fake_now += 1000;
	show(d, w, false);
	second = cell_attr(w, 1, 5);
	assert_int_not_equal(first, second);
	assert_true(first == alarm || second == alarm);
	/* selected, it keeps the flash on its clock and state */
	fake_select_line(&d->b, held);
	show(d, w, true);
	first = cell_attr(w, 1, 44);
	assert_int_equal(cell_attr(w, 1, 5), style_attr(STYLE_SELECTED));
	fake_now += 1000;
	show(d, w, true);
	second = cell_attr(w, 1, 44);
	assert_int_equal(cell_attr(w, 1, 5), style_attr(STYLE_SELECTED));
	assert_true(first == alarm || second == alarm);
	assert_int_not_equal(first, second);
	delwin(w);
}

static void callers_who_hung_up_are_counted_in_the_title(void **state)
{
	struct desk *d = *state;
	WINDOW *w = newwin(10, 48, 0, 0);
	line_id a;

	a = rings(d, "Ann", "sip:100@x", NULL);
	rings(d, "Bea", "sip:101@x", NULL);
	fake_now += 30000;
	board_on_closed(&d->b, a, 0, "");
	show(d, w, false);
	assert_row(w, 0, "Calls (1), 1 hung up while waiting");
	queue_stats_seen(&d->b);
	show(d, w, false);
	assert_null(strstr(row_text(w, 0), "hung up"));
	delwin(w);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
			the_operator_first_then_the_queue_head_first,
			setup, teardown),
		cmocka_unit_test_setup_teardown(
			a_waiting_row_says_how_long_in_words, setup,
			teardown),
		cmocka_unit_test_setup_teardown(
			the_last_row_sums_up_who_does_not_fit, setup,
			teardown),
		cmocka_unit_test_setup_teardown(
			the_selection_stays_on_its_line_when_rows_reorder,
			setup, teardown),
		cmocka_unit_test_setup_teardown(
			a_caller_waiting_too_long_turns_to_the_alarm, setup,
			teardown),
		cmocka_unit_test_setup_teardown(
			callers_who_hung_up_are_counted_in_the_title, setup,
			teardown),
	};

	/* the frame is drawn in Unicode lines, which row_text reads */
	setlocale(LC_ALL, "C.UTF-8");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
