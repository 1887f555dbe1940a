/*
 * action_access.c — the accessible mode's announcements: the newest
 * sentence kept for the screen's announcement line, read again on
 * request, and the whole situation read on request.
 */
#include "action_int.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "console.h"
#include "core/situation.h"

void console_announce(struct console *c, const char *text)
{
	snprintf(c->announcement, sizeof(c->announcement), "%s", text);
	c->announce_gen++;
	c->redraw = true;
}

/* In accessible mode the announcement line says it (the cursor goes
 * there); otherwise the status line does. */
static void say(struct console *c, const char *text)
{
	if (c->accessible)
		console_announce(c, text);
	else
		board_status(c->board, false, "%s", text);
}

int act_repeat(struct console *c, const struct action_arg *a)
{
	char again[sizeof(c->announcement)];

	(void)a;
	if (!c->announcement[0]) {
		board_status(c->board, true, "Nothing announced yet");
		return ENOENT;
	}
	snprintf(again, sizeof(again), "%s", c->announcement);
	say(c, again);
	return 0;
}

int act_situation(struct console *c, const struct action_arg *a)
{
	char text[SITUATION_MAX];

	(void)a;
	say(c, situation_text(c->board, c->board->now_ms(), text,
			      sizeof(text)));
	return 0;
}
