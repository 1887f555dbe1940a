/*
 * narrate.c — the sentence for each event (see narrate.h).
 */
#include "narrate.h"

#include <stdio.h>
#include <string.h>

#include "board.h"
#include "sanitize.h"

size_t narrate(struct board *b, const struct board_event *ev, char *out,
	       size_t sz)
{
	(void)b;
	out[0] = '\0';
	switch (ev->type) {
	/* these already carry their sentence: the status line's */
	case EV_RESULT:
	case EV_ERROR:
	case EV_REMINDER:
		if (ev->text)
			sanitize_text(out, sz, ev->text, strlen(ev->text));
		break;
	default:
		break;
	}
	return strlen(out);
}
