/*
 * action_help.c — scrolling the help overlay, whose keys outnumber the
 * rows of a small terminal.
 */
#include "action_int.h"

#include "console.h"

int act_help_down(struct console *c, const struct action_arg *a)
{
	/* the screen shows at most the last page; a key is one row */
	int most = c->km ? (int)c->km->count[MODE_NORMAL] : 0;

	(void)a;
	if (c->help_top < most)
		c->help_top++;
	c->redraw = true;
	return 0;
}

int act_help_up(struct console *c, const struct action_arg *a)
{
	(void)a;
	if (c->help_top > 0)
		c->help_top--;
	c->redraw = true;
	return 0;
}
