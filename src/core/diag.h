/*
 * diag — a list of user-facing messages, each "FILE:LINE: what is wrong".
 * Every parser (config, keymap, theme, directory) reports through one, so
 * the launcher can print them all and exit 2 before any SIP starts.
 */
#ifndef CORDBOARD_CORE_DIAG_H
#define CORDBOARD_CORE_DIAG_H

#include <stdbool.h>
#include <stddef.h>

enum diag_level { DIAG_WARNING, DIAG_ERROR };

struct diag_msg {
	enum diag_level level;
	char *text;              /* complete line, without newline */
};

struct diag {
	struct diag_msg *msgs;
	size_t count;
	size_t errors;
};

void diag_init(struct diag *d);
void diag_free(struct diag *d);

/* Adds "FILE:LINE: message" (or "FILE: message" when line is 0, or just
 * the message when file is NULL). */
void diag_add(struct diag *d, enum diag_level level, const char *file,
	      int line, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

bool diag_has_errors(const struct diag *d);

/* The first error's text, or NULL. */
const char *diag_first_error(const struct diag *d);

#endif
