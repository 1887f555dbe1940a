/*
 * action_directory.c — the actions about the directory's people: send
 * a caller to a colleague's mobile.
 */
#include "action_int.h"

#include "console.h"
#include "core/absence.h"

/* "mobile" alone right after an absence offer reaches that colleague;
 * "mobile NAME" any contact's mobile. */
int act_mobile(struct console *c, const struct action_arg *a)
{
	return board_mobile(c->board, console_selected_line(c), a->text);
}
