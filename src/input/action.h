/*
 * action.h — the one table of actions: name, argument, help, handler.
 * Keys, the command line and (later) macros and scripts all run actions
 * through it.
 */
#ifndef CORDBOARD_INPUT_ACTION_H
#define CORDBOARD_INPUT_ACTION_H

#include <stddef.h>

struct console;

enum action_arg { ARG_NONE, ARG_OPTIONAL, ARG_REQUIRED };

struct action_def {
	const char *name;
	enum action_arg arg;
	const char *arg_help;     /* e.g. "TARGET" */
	const char *help;
	int (*run)(struct console *c, const char *arg);
};

const struct action_def *action_find(const char *name);
const struct action_def *action_at(size_t i);   /* NULL past the end */

/* Splits "name args" in place-free fashion: copies the name into name
 * and returns a pointer to the argument text (never NULL). */
const char *action_split(const char *line, char *name, size_t namesz);

#endif
