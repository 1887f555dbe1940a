/*
 * intercom.c — pages: the callee's phone is asked to answer by itself
 * (the phone puts the method's header on the INVITE). With a caller the
 * page is a consult that T completes; without one it announces, and a
 * parked caller's slot is what the status bar tells the operator to say.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "board_int.h"

/* The most recent parked line's slot, for the page's announcement. */
static unsigned newest_park_slot(const struct board *b)
{
	unsigned slot = 0;
	int64_t newest = -1;
	size_t i;

	for (i = 0; i < b->nlines; i++) {
		const struct line *l = &b->lines[i];

		if (l->park_slot && l->parked_ms > newest) {
			newest = l->parked_ms;
			slot = l->park_slot;
		}
	}
	return slot;
}

void board_page_answered(struct board *b, const struct line *l)
{
	unsigned slot = newest_park_slot(b);

	if (slot)
		board_status(b, false, "%s answers the page: announce \"call "
			     "on park %u\" (%s%u), x ends the page",
			     board_line_label(l), slot, b->pcfg.uri_prefix,
			     slot);
	else
		board_status(b, false, "%s answers the page: x ends it",
			     board_line_label(l));
}

int board_intercom(struct board *b, line_id caller_id, const char *target)
{
	const struct extension *ext;
	char uri[256], label[128];
	struct line *caller = caller_id ? board_line(b, caller_id) : NULL;
	unsigned slot;
	line_id id;
	int err;

	if (board_resolve(b, target, "page", uri, sizeof(uri), label,
		    sizeof(label), &ext))
		return EINVAL;
	if (ext && ext->kind == EXT_RING_GROUP) {
		board_status(b, true, "%s is a ring group: c or t sends the "
			     "caller there", ext->name);
		return EINVAL;
	}
	if (ext && !uri[0]) {
		board_status(b, true, "%s has no URI to page", ext->name);
		return EINVAL;
	}
	/* the caller to announce: the one talking, or a selected held one
	 * that is not parked (a parked caller is announced by slot) */
	if (!caller || caller->state != LINE_HELD || caller->park_slot)
		caller = board_talking_line(b);
	if (caller && board_xfer_of(b, caller->id))
		caller = NULL;
	if (caller)
		return board_consult_start(b, caller, uri, label, ext, true);

	if (b->nlines >= BOARD_MAX_LINES) {
		board_status(b, true, "Cannot page: all lines in use");
		return ENOSPC;
	}
	err = board_hold_talking_except(b, 0);
	if (err)
		return err;
	err = board_call_out(b, uri, ext ? ext->name : "", NULL, ext, true,
			     &id);
	if (err)
		return err;
	board_started(b, id, false);
	slot = newest_park_slot(b);
	if (slot)
		board_status(b, false, "Paging %s: announce \"call on park "
			     "%u\" (%s%u), x ends the page", label, slot,
			     b->pcfg.uri_prefix, slot);
	else
		board_status(b, false, "Paging %s: x ends the page", label);
	board_emit(b, EV_PAGE, board_line(b, id), 0, "paging");
	return 0;
}
