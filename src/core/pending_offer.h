/*
 * pending_offer.h — the colleague a transfer was just stopped at (busy,
 * out): a key without an argument acts on that caller and colleague,
 * and the same transfer asked again goes ahead.
 */
#ifndef CORDBOARD_CORE_PENDING_OFFER_H
#define CORDBOARD_CORE_PENDING_OFFER_H

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "line.h"

struct pending_offer {
	line_id caller;
	char target[32];          /* the colleague's number */
};

static inline void pending_offer_set(struct pending_offer *p, line_id caller,
				     const char *target)
{
	p->caller = caller;
	snprintf(p->target, sizeof(p->target), "%s", target);
}

/* True (and the offer forgotten) when CALLER was offered about TARGET
 * already: the operator insists, the transfer goes ahead. */
static inline bool pending_offer_again(struct pending_offer *p,
				       line_id caller, const char *target)
{
	if (!p->caller || p->caller != caller || strcmp(p->target, target))
		return false;
	p->caller = 0;
	return true;
}

#endif
