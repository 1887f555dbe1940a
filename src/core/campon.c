/*
 * campon.c — camp-on: a caller waits on hold for a busy colleague and is
 * offered to them as soon as their line is free.
 */
#include "board.h"

#include <string.h>

#include "board_int.h"
#include "operation.h"

#define CAMPS_MAX 64

struct camp {
	line_id caller;
	char target[32];          /* the colleague's number */
	char label[128];          /* ...and name, for the queue */
};

struct campon_state {
	struct camp camps[CAMPS_MAX];  /* in the order they camped */
	size_t ncamps;
};

const struct op_kind op_campon = {
	.name = "camp-on",
	.state_size = sizeof(struct campon_state),
};

static struct camp *camp_of(struct board *b, line_id caller)
{
	struct campon_state *st = op_state(b, &op_campon);
	size_t i;

	for (i = 0; st && i < st->ncamps; i++) {
		if (st->camps[i].caller == caller)
			return &st->camps[i];
	}
	return NULL;
}

const char *board_camped_on(struct board *b, line_id caller)
{
	struct camp *c = camp_of(b, caller);

	return c ? c->label : NULL;
}
