/*
 * complete.c — Tab on the ':' command line: action names first, then
 * the extensions for actions whose table row declares a target, through
 * the same finder as every target prompt.
 */
#include <stdio.h>
#include <string.h>

#include "action.h"
#include "console.h"
#include "core/target.h"

enum { SHOWN_MAX = 6 };    /* choices listed in the status line */

/* Actions that only make sense inside another mode's keys. */
static bool internal(const char *name)
{
	return !strncmp(name, "prompt-", 7) || !strncmp(name, "confirm-", 8)
	       || !strcmp(name, "help-close");
}

static size_t common_prefix(const char *a, const char *b)
{
	size_t n = 0;

	while (a[n] && a[n] == b[n])
		n++;
	return n;
}

static void complete_action(struct console *c)
{
	const char *typed = c->prompt_text, *first = NULL;
	const struct action_def *a;
	char list[160] = "";
	size_t i, n = 0, common = 0, len = strlen(typed);

	for (i = 0; (a = action_at(i)); i++) {
		if (internal(a->name) || strncmp(a->name, typed, len))
			continue;
		if (!first) {
			first = a->name;
			common = strlen(first);
		}
		else {
			size_t k = common_prefix(first, a->name);
			if (k < common)
				common = k;
		}
		if (n < SHOWN_MAX)
			snprintf(list + strlen(list), sizeof(list) - strlen(list),
				 "%s%s", n ? " " : "", a->name);
		n++;
	}
	if (n == 0) {
		board_status(c->board, true, "No action starts with '%s'",
			     typed);
		return;
	}
	if (n == 1) {
		a = action_find(first);
		snprintf(c->prompt_text, sizeof(c->prompt_text), "%s%s", first,
			 a->arg.kind == ARG_NONE ? "" : " ");
		board_status(c->board, false, "%s", a->help);
		return;
	}
	snprintf(c->prompt_text, sizeof(c->prompt_text), "%.*s", (int)common,
		 first);
	board_status(c->board, false, "%zu actions: %s%s", n, list,
		     n > SHOWN_MAX ? " ..." : "");
}

static void complete_target(struct console *c, size_t name_len)
{
	const struct board *b = c->board;
	const char *arg = c->prompt_text + name_len + 1;
	size_t m[SHOWN_MAX], n, i;
	char list[200] = "";

	while (*arg == ' ')
		arg++;
	n = console_extensions_matching(c, arg, m, SHOWN_MAX);
	if (n == 0) {
		board_status(c->board, true, "No extension matches '%s'", arg);
		return;
	}
	if (n == 1) {
		const struct extension *e = &b->exts[m[0]];
		char name[64];

		snprintf(name, sizeof(name), "%.*s", (int)name_len,
			 c->prompt_text);
		snprintf(c->prompt_text, sizeof(c->prompt_text), "%s %s", name,
			 e->number);
		board_status(c->board, false, "%s (%s)", e->name, e->number);
		return;
	}
	for (i = 0; i < n && i < SHOWN_MAX; i++)
		snprintf(list + strlen(list), sizeof(list) - strlen(list),
			 "%s%s %s", i ? ", " : "", b->exts[m[i]].name,
			 b->exts[m[i]].number);
	board_status(c->board, false, "%zu matches: %s%s", n, list,
		     n > SHOWN_MAX ? ", ..." : "");
}

void console_complete(struct console *c)
{
	const char *space = strchr(c->prompt_text, ' ');
	const struct action_def *a;
	char name[64];

	c->redraw = true;
	if (!space) {
		complete_action(c);
		return;
	}
	snprintf(name, sizeof(name), "%.*s", (int)(space - c->prompt_text),
		 c->prompt_text);
	a = action_find(name);
	if (a && a->arg.kind == ARG_TARGET)
		complete_target(c, (size_t)(space - c->prompt_text));
	else
		board_status(c->board, false, "Nothing to complete after %s",
			     name);
}
