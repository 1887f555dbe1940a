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
#include "operation.h"

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

/* A page with no caller was answered: what to announce. */
static bool page_answered(struct board *b, struct line *l)
{
	char hint[BOARD_HINT_MAX];
	unsigned slot;

	if (!l->page || board_xfer_of(b, l->id))
		return false;
	slot = newest_park_slot(b);
	board_page_hint(b, hint, sizeof(hint));
	if (slot)
		board_status(b, false, "%s answers the page: announce \"call "
			     "on park %u\" (%s%u), %s",
			     board_line_label(l), slot, b->pcfg.uri_prefix,
			     slot, hint);
	else
		board_status(b, false, "%s answers the page: %s",
			     board_line_label(l), hint);
	return true;
}

int board_intercom(struct board *b, line_id caller_id, const char *target)
{
	const struct extension *ext;
	char uri[256], label[128], hint[BOARD_HINT_MAX];
	struct line *caller = caller_id ? board_line(b, caller_id) : NULL;
	unsigned slot;
	line_id id;
	int err;

	if (board_resolve(b, target, "page", uri, sizeof(uri), label,
		    sizeof(label), &ext))
		return EINVAL;
	if (ext && ext->kind == EXT_RING_GROUP) {
		board_status(b, true, "%s is a ring group: %s or %s sends the "
			     "caller there", ext->name, board_key(b, "consult"),
			     board_key(b, "transfer"));
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
	board_page_hint(b, hint, sizeof(hint));
	if (slot)
		board_status(b, false, "Paging %s: announce \"call on park "
			     "%u\" (%s%u), %s", label, slot,
			     b->pcfg.uri_prefix, slot, hint);
	else
		board_status(b, false, "Paging %s: %s", label, hint);
	board_emit(b, EV_PAGE, board_line(b, id), 0, "paging");
	return 0;
}

static const char *page_tag(struct board *b, const struct line *l,
			    char *buf, size_t sz, bool *consult)
{
	(void)b;
	(void)buf;
	(void)sz;
	(void)consult;
	return l->page ? "PAGE" : NULL;
}

const struct op_kind op_page = {
	.name = "page",
	.answered = page_answered,
	.tag = page_tag,
};
