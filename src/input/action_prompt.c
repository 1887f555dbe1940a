/*
 * action_prompt.c — editing the prompt line: erase, clear, cancel, and
 * moving the highlight over the matches (Tab completes a command).
 */
#include "action_int.h"

#include <string.h>

#include "console.h"

static int act_prompt_move(struct console *c, int delta)
{
	size_t m[64], n = console_matches(c, m, 64);

	if (n == 0)
		return 0;
	if (n > 64)
		n = 64;
	c->prompt_pick = (c->prompt_pick + n + (size_t)(long)delta) % n;
	board_touch(c->board, DIRTY_EXTS);
	return 0;
}

int act_prompt_complete(struct console *c, const struct action_arg *a)
{
	if (c->prompt_command) {
		console_complete(c);
		return 0;
	}
	return act_prompt_move(c, 1);
}

int act_prompt_next(struct console *c, const struct action_arg *a)
{
	return act_prompt_move(c, 1);
}

int act_prompt_prev(struct console *c, const struct action_arg *a)
{
	return act_prompt_move(c, -1);
}

int act_prompt_cancel(struct console *c, const struct action_arg *a)
{
	board_touch(c->board, DIRTY_EXTS);
	c->mode = MODE_NORMAL;
	c->redraw = true;
	board_status(c->board, false, "Cancelled");
	return 0;
}

int act_prompt_erase(struct console *c, const struct action_arg *a)
{
	size_t len = strlen(c->prompt_text);

	/* drop one whole UTF-8 character */
	while (len > 0) {
		unsigned char ch = (unsigned char)c->prompt_text[--len];
		if ((ch & 0xc0) != 0x80)
			break;
	}
	c->prompt_text[len] = '\0';
	c->prompt_pick = 0;
	c->redraw = true;
	board_touch(c->board, DIRTY_EXTS);
	return 0;
}

int act_prompt_clear(struct console *c, const struct action_arg *a)
{
	c->prompt_text[0] = '\0';
	c->redraw = true;
	return 0;
}
