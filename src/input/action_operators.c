/*
 * action_operators.c — what an operator does with the other operators'
 * consoles: take a caller one of them parked.
 */
#include "action_int.h"

#include "console.h"
#include "core/operators.h"

/* TEXT is a number on the board, else the first name that matches, as
 * the target prompts find them. */
static int take_run(struct console *c, const char *text)
{
	struct board *b = c->board;
	const struct extension *e = board_extension(b, text);
	size_t m[1];

	if (!e && console_extensions_matching(c, text, m, 1))
		e = &b->exts[m[0]];
	return board_take(b, e ? e->number : text);
}

int act_take(struct console *c, const struct action_arg *a)
{
	return target_action(c, a, take_run);
}
