/*
 * help.c — the help overlay, generated from the active keymap so it can
 * never disagree with what the keys do.
 */
#define _XOPEN_SOURCE_EXTENDED 1
#include <stdio.h>
#include <string.h>

#include "core/duration.h"
#include "core/history_book.h"
#include "core/queue.h"
#include "style.h"
#include "views.h"

#define HELP_MAX_ROWS 64

struct help_row {
	char keys[96];
	const char *help;
};

/* Bindings with the same help text share one row: "Up, k". */
static size_t help_rows(const struct keymap *km, enum input_mode m,
			struct help_row *rows, size_t max)
{
	size_t i, j, n = 0;

	for (i = 0; km && i < km->count[m]; i++) {
		const struct binding *bnd = &km->bindings[m][i];
		const char *help = bnd->help[0] ? bnd->help : bnd->action;
		char name[32];

		keys_name(bnd->key, name, sizeof(name));
		for (j = 0; j < n; j++) {
			if (!strcmp(rows[j].help, help))
				break;
		}
		if (j == n) {
			if (n == max)
				continue;
			rows[n].keys[0] = '\0';
			rows[n].help = help;
			n++;
		}
		if (rows[j].keys[0])
			strncat(rows[j].keys, ", ",
				sizeof(rows[j].keys) - strlen(rows[j].keys) - 1);
		strncat(rows[j].keys, name,
			sizeof(rows[j].keys) - strlen(rows[j].keys) - 1);
	}
	return n;
}

/* Today's figures in one line of the overlay (the stats action says
 * them in full on the status line). */
static void today_text(struct board *b, char *buf, size_t sz)
{
	const struct queue_stats *st = b ? queue_stats(b) : NULL;
	char avg[DURATION_TEXT_SIZE], longest[DURATION_TEXT_SIZE];

	if (!st) {
		buf[0] = '\0';
		return;
	}
	duration_text(avg, sizeof(avg), st->waits ?
		  st->wait_total_s / st->waits : 0);
	duration_text(longest, sizeof(longest), st->wait_longest_s);
	snprintf(buf, sz, "Today: %u answered, %u hung up waiting, wait %s "
		 "avg %s max, %u reminders", st->answered, st->abandoned, avg,
		 longest, st->reminders);
}

void view_help(int rows, int cols, const struct console *c)
{
	struct help_row hr[HELP_MAX_ROWS];
	char today[160];
	size_t n = help_rows(c->km, MODE_NORMAL, hr, HELP_MAX_ROWS), i;
	int h = (int)n + 4, w = cols - 4, keys_w = 0, y, shown, top;
	char title[96];
	WINDOW *win;

	if (c->help_messages) {
		view_messages(rows, cols, c);
		return;
	}
	if (w > 76)
		w = 76;
	if (h > rows)
		h = rows;
	if (h < 3 || w < 10)
		return;
	for (i = 0; i < n; i++) {
		int kw = (int)strlen(hr[i].keys);
		if (kw > keys_w)
			keys_w = kw;
	}
	if (keys_w > w / 3)
		keys_w = w / 3;
	/* more keys than rows: the operator scrolls, the title says so */
	shown = h - 3;
	top = c->help_top;
	if (top > (int)n - shown)
		top = (int)n - shown;
	if (top < 0)
		top = 0;
	if ((int)n > shown)
		snprintf(title, sizeof(title), " Keys %d-%d of %zu (%s, %s "
			 "scroll; any other key closes) ", top + 1,
			 top + shown, n, board_key(c->board, "help-down"),
			 board_key(c->board, "help-up"));
	else
		snprintf(title, sizeof(title), " Keys (any key closes) ");
	win = view_overlay(h, w, (rows - h) / 2, (cols - w) / 2, title);
	if (!win)
		return;
	today_text(c->board, today, sizeof(today));
	view_text(win, 1, 2, today, w - 4, false);
	for (i = (size_t)top, y = 2; i < n && y < h - 1; i++, y++) {
		view_text(win, y, 2, hr[i].keys, keys_w, true);
		view_text(win, y, 3 + keys_w, hr[i].help, w - keys_w - 5,
			  false);
	}
	wnoutrefresh(win);
	delwin(win);
}
