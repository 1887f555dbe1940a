/*
 * help.c — the help overlay, generated from the active keymap so it can
 * never disagree with what the keys do.
 */
#define _XOPEN_SOURCE_EXTENDED 1
#include <stdio.h>
#include <string.h>

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

void view_help(int rows, int cols, const struct console *c)
{
	struct help_row hr[HELP_MAX_ROWS];
	size_t n = help_rows(c->km, MODE_NORMAL, hr, HELP_MAX_ROWS), i;
	int h = (int)n + 4, w = cols - 4, keys_w = 0, y;
	WINDOW *win;

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
	win = newwin(h, w, (rows - h) / 2, (cols - w) / 2);
	if (!win)
		return;
	wbkgdset(win, style_fill(STYLE_HELP));
	wattrset(win, style_attr(STYLE_HELP));
	werase(win);
	box(win, 0, 0);
	view_text(win, 0, 2, " Keys (any key closes) ", w - 4, false);
	for (i = 0, y = 2; i < n && y < h - 1; i++, y++) {
		view_text(win, y, 2, hr[i].keys, keys_w, true);
		view_text(win, y, 3 + keys_w, hr[i].help, w - keys_w - 5,
			  false);
	}
	wnoutrefresh(win);
	delwin(win);
}
