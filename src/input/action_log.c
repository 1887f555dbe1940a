/*
 * action_log.c — scrolling the log pane back to older sentences and
 * forward to the newest.
 */
#include "action_int.h"

#include "console.h"

/* How many log lines the pane would show at this log level. */
static size_t log_shown(const struct console *c)
{
	const struct board_log_line *ll;
	size_t i, n = 0;

	for (i = 0; (ll = board_log_at(c->board, i)); i++)
		n += board_log_shown(ll, c->log_level);
	return n;
}

int act_log_older(struct console *c, const struct action_arg *a)
{
	size_t n = log_shown(c);

	(void)a;
	/* the oldest line stays in view: there is nothing before it */
	if (c->log_back + 1 < n)
		c->log_back++;
	board_touch(c->board, DIRTY_LOG);
	return 0;
}

int act_log_newer(struct console *c, const struct action_arg *a)
{
	(void)a;
	if (c->log_back > 0)
		c->log_back--;
	board_touch(c->board, DIRTY_LOG);
	return 0;
}
