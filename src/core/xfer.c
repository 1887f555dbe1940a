/*
 * xfer.c — the transfers under way: each allocated when it starts, found
 * by any of its legs, freed when it ends (board_close frees the rest).
 */
#include <stdlib.h>
#include <string.h>

#include "board_int.h"

struct xfer *board_xfer_of(struct board *b, line_id id)
{
	size_t i;

	if (!id)
		return NULL;
	for (i = 0; i < b->nxfers; i++) {
		struct xfer *x = b->xfers[i];
		size_t k;

		if (x->caller == id || x->consult == id)
			return x;
		for (k = 0; k < x->nhunt; k++) {
			if (x->hunt[k] == id)
				return x;
		}
	}
	return NULL;
}

bool board_consulting(const struct board *b)
{
	size_t i;

	for (i = 0; i < b->nxfers; i++) {
		if (b->xfers[i]->state == XFER_CONSULTING ||
		    b->xfers[i]->state == XFER_HUNTING)
			return true;
	}
	return false;
}

struct xfer *board_xfer_put(struct board *b, const struct xfer *copy)
{
	struct xfer *x;

	if (b->nxfers >= BOARD_MAX_LINES)
		return NULL;
	if (b->nxfers == b->xfers_size) {
		size_t size = b->xfers_size ? 2 * b->xfers_size : 8;
		struct xfer **xs = realloc(b->xfers, size * sizeof(*xs));

		if (!xs)
			return NULL;
		b->xfers = xs;
		b->xfers_size = size;
	}
	x = malloc(sizeof(*x));
	if (!x)
		return NULL;
	*x = *copy;
	b->xfers[b->nxfers++] = x;
	return x;
}

struct xfer *board_xfer_add(struct board *b, enum xfer_kind kind,
			    line_id caller)
{
	struct xfer x;

	memset(&x, 0, sizeof(x));
	x.kind = kind;
	x.caller = caller;
	return board_xfer_put(b, &x);
}

void board_xfer_remove(struct board *b, struct xfer *x)
{
	size_t i;

	for (i = 0; i < b->nxfers && b->xfers[i] != x; i++)
		;
	if (i == b->nxfers)
		return;
	memmove(&b->xfers[i], &b->xfers[i + 1],
		(b->nxfers - i - 1) * sizeof(b->xfers[0]));
	b->nxfers--;
	free(x);
	board_touch(b, DIRTY_CALLS);
}
