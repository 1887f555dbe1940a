/*
 * action_app.c — the actions the app carries out for the console: a
 * theme, a macro of the keymap, reading the files again. Unit tests
 * and listings run without an app, and say so.
 */
#include "action_int.h"

#include <errno.h>

#include "console.h"

/* Runs one of the app's hooks, or says what this console cannot do. */
static int app_hook(struct console *c, int (*hook)(struct console *c,
						   const char *arg),
		    const struct action_arg *a, const char *cannot)
{
	if (!hook) {
		board_status(c->board, true, "%s", cannot);
		return ENOTSUP;
	}
	return hook(c, a->text);
}

int act_theme(struct console *c, const struct action_arg *a)
{
	return app_hook(c, c->set_theme, a,
			"Themes cannot be changed here");
}

int act_macro(struct console *c, const struct action_arg *a)
{
	return app_hook(c, c->run_macro, a, "Macros cannot run here");
}

int act_reload(struct console *c, const struct action_arg *a)
{
	return app_hook(c, c->reload, a, "Nothing to reload here");
}
