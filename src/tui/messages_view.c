/*
 * messages_view.c — the messages taken, over the board like the help:
 * newest first, each with when, for whom, from whom and whether it
 * reached them, then its text on the next row.
 */
#define _XOPEN_SOURCE_EXTENDED 1
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "core/messages.h"
#include "style.h"
#include "views.h"

/* "14:05 for Bob Stone from Ann Lee (ACME), 0301234  PENDING (2 tries)" */
static void message_head(struct board *b, const struct message *m,
			 char *buf, size_t sz)
{
	const struct extension *e = board_extension(b, m->for_number);
	time_t at = (time_t)m->at_s;
	char when[16] = "", tries[24] = "";
	struct tm tm;

	if (localtime_r(&at, &tm))
		strftime(when, sizeof(when), "%d/%m %H:%M", &tm);
	if (m->state == MESSAGE_PENDING && m->attempts)
		snprintf(tries, sizeof(tries), " (%u tr%s)", m->attempts,
			 m->attempts == 1 ? "y" : "ies");
	snprintf(buf, sz, "%s %s for %s from %s%s%s%s%s%s", when,
		 message_state_name(m->state), e && e->name[0] ? e->name :
		 m->for_number, m->from, m->company[0] ? " (" : "",
		 m->company, m->company[0] ? ")" : "",
		 m->number[0] ? ", " : "", m->number);
	strncat(buf, tries, sz - strlen(buf) - 1);
}

void view_messages(int rows, int cols, const struct console *c)
{
	size_t n = board_messages_count(c->board), i;
	int h = (int)n * 2 + 2, w = cols - 4, y;
	char head[512];
	WINDOW *win;

	if (w > 100)
		w = 100;
	if (h > rows)
		h = rows;
	if (h < 3 || w < 10)
		return;
	win = view_overlay(h, w, (rows - h) / 2, (cols - w) / 2,
			   " Messages, newest first (any key closes) ");
	if (!win)
		return;
	for (i = 0, y = 1; i < n && y + 1 < h; i++, y += 2) {
		const struct message *m = board_message_at(c->board, i);

		message_head(c->board, m, head, sizeof(head));
		view_text(win, y, 2, head, w - 4, false);
		view_text(win, y + 1, 4, m->text, w - 6, false);
	}
	wnoutrefresh(win);
	delwin(win);
}
