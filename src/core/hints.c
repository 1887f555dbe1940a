/*
 * hints.c — the hints the status line repeats, in the operator's keys:
 * core names the actions (board_key) and what they do, and the keys
 * come from the active keymap.
 */
#include <stdarg.h>
#include <stdio.h>

#include "board_int.h"

const char *board_keys_hint(struct board *b, char *buf, size_t sz, ...)
{
	const char *action, *does;
	size_t len = 0;
	va_list ap;

	if (!sz)
		return buf;
	buf[0] = '\0';
	va_start(ap, sz);
	while ((action = va_arg(ap, const char *)) &&
	       (does = va_arg(ap, const char *))) {
		int n = snprintf(buf + len, sz - len, "%s%s %s",
				 len ? ", " : "", board_key(b, action), does);

		if (n < 0 || (size_t)n >= sz - len)
			break;
		len += (size_t)n;
	}
	va_end(ap);
	return buf;
}

const char *board_consult_hint(struct board *b, char *buf, size_t sz)
{
	return board_keys_hint(b, buf, sz, "complete", "completes",
			       "swap", "swaps", "cancel", "cancels", NULL);
}

const char *board_page_hint(struct board *b, char *buf, size_t sz)
{
	return board_keys_hint(b, buf, sz, "hangup", "ends the page", NULL);
}
