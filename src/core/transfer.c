/*
 * transfer.c — consult, swap, attended and blind transfer, voicemail and
 * recall. The first rule: every failure ends with the caller connected
 * to someone or back on the console, flagged; the console never hangs up
 * a caller on its own.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "absence.h"
#include "board_int.h"
#include "narrate.h"
#include "operation.h"
#include "target.h"

/* The caller a transfer starts from: the selected line if it is
 * connected, else the line the operator is talking on. */
static struct line *caller_pick(struct board *b, line_id sel,
				const char *what)
{
	struct line *l = sel ? board_line(b, sel) : NULL;

	if (!l || (l->state != LINE_TALKING && l->state != LINE_HELD))
		l = board_talking_line(b);
	if (!l) {
		board_status(b, true, "Nothing to %s: answer a call first",
			     what);
		return NULL;
	}
	if (board_xfer_of(b, l->id)) {
		char hint[BOARD_HINT_MAX];

		board_status(b, true, "Line %u is already being transferred "
			     "(%s)", l->id,
			     board_keys_hint(b, hint, sizeof(hint),
					     "complete", "completes",
					     "cancel", "cancels", NULL));
		return NULL;
	}
	return l;
}

int board_resolve(struct board *b, const char *text, const char *what,
		  char *uri, size_t urisz, char *label, size_t labelsz,
		  const struct extension **ext)
{
	char msg[256];

	if (target_resolve(text, b->exts, b->nexts, b->default_domain, uri,
			   urisz, ext, msg, sizeof(msg)) != TARGET_OK) {
		board_status(b, true, "Cannot %s: %s", what, msg);
		return EINVAL;
	}
	snprintf(label, labelsz, "%s", *ext ? (*ext)->name : text);
	return 0;
}

/* "ACME Corp via Reception" from the announce pattern. */
void board_announce(const struct board *b, const struct line *caller,
		    char *out, size_t sz)
{
	const char *p = b->xcfg.announce;
	size_t o = 0;

	for (; *p && o + 1 < sz; p++) {
		const char *ins = NULL;

		if (p[0] == '%' && p[1] == 'c')
			ins = board_line_label(caller);
		else if (p[0] == '%' && p[1] == 'o')
			ins = b->xcfg.operator_name;
		else if (p[0] == '%' && p[1] == '%')
			ins = "%";
		if (ins) {
			o += (size_t)snprintf(out + o, sz - o, "%s", ins);
			if (o >= sz)
				o = sz - 1;
			p++;
			continue;
		}
		out[o++] = *p;
	}
	out[o] = '\0';
}

/* The caller is back with the operator: taken off hold when the operator
 * is free, otherwise left on hold, flagged either way. */
void board_recall(struct board *b, line_id caller_id, const char *why)
{
	struct line *caller = board_line(b, caller_id);
	char text[NARRATE_MAX];
	int err = 0;

	if (!caller)
		return;
	caller->recall = true;
	if (caller->state == LINE_HELD && !board_talking_line(b)) {
		err = b->ops->hold(b->phone, caller_id, false);
		caller = board_line(b, caller_id);
		if (caller && !err)
			caller->state = LINE_TALKING;
	}
	if (!caller)
		return;
	board_touch(b, DIRTY_CALLS);
	narrate_recall(caller, why, text, sizeof(text));
	board_status(b, true, "%s", text);
	board_emit(b, EV_RECALL, caller, 0, why);
}

/* How a page to EXT auto-answers: its own method, else the console's. */
static enum intercom_method page_method(const struct board *b,
					const struct extension *ext)
{
	if (ext && ext->intercom != INTERCOM_DEFAULT)
		return ext->intercom;
	return b->icfg.method != INTERCOM_DEFAULT ? b->icfg.method :
		INTERCOM_CALL_INFO;
}

/* A call from the console to URI on a new line: a consult leg, a page,
 * a group member. */
int board_call_out(struct board *b, const char *uri, const char *name,
		   const char *display, const struct extension *ext,
		   bool page, line_id *idp)
{
	struct dial_opts opts = { .display = display };
	struct line *l;
	line_id id;
	int err;

	*idp = 0;
	l = board_line_add(b, LINE_OUTBOUND, name, uri);
	if (!l) {
		board_status(b, true, "Cannot call %s: all %d lines in use",
			     name && *name ? name : uri, BOARD_MAX_LINES);
		return ENOSPC;
	}
	id = l->id;
	l->page = page;
	if (page) {
		opts.intercom = page_method(b, ext);
		opts.header = b->icfg.header[0] ? b->icfg.header : NULL;
	}
	board_emit(b, EV_LINE_DIALING, l, 0, display);
	err = b->ops->dial(b->phone, id, uri, &opts);
	if (!err) {
		*idp = id;
		return 0;
	}
	board_status(b, true, "Could not call %s: %s",
		     name && *name ? name : uri, strerror(err));
	l = board_line(b, id);
	if (l) {
		l->state = LINE_ENDED;
		board_emit(b, EV_LINE_CLOSED, l, 0, strerror(err));
		board_line_remove(b, id);
	}
	return err;
}

int board_consult_start(struct board *b, struct line *caller,
			const char *uri, const char *label,
			const struct extension *ext, bool page)
{
	char display[160], hint[BOARD_HINT_MAX];
	line_id caller_id = caller->id, consult_id;
	struct xfer *x;
	int err;

	if (b->nlines >= BOARD_MAX_LINES) {
		board_status(b, true, "Cannot %s: all lines in use",
			     page ? "page" : "consult");
		return ENOSPC;
	}
	board_announce(b, caller, display, sizeof(display));
	err = board_hold_talking_except(b, 0);
	if (err)
		return err;
	err = board_call_out(b, uri, ext ? ext->name : "", display, ext,
			     page, &consult_id);
	if (!err && !board_line(b, consult_id))
		err = EIO;   /* it ended while being placed */
	if (err) {
		board_recall(b, caller_id, page ? "Could not page the target" :
			     "Could not call the target");
		return err;
	}
	x = board_xfer_add(b, XFER_ATTENDED, caller_id);
	x->state = XFER_CONSULTING;
	x->consult = consult_id;
	snprintf(x->target_uri, sizeof(x->target_uri), "%s", uri);
	snprintf(x->target_label, sizeof(x->target_label), "%s", label);
	board_started(b, consult_id, false);
	if (page)
		board_status(b, false, "Paging %s about %s: announce, then %s",
			     label, board_line_label(board_line(b, caller_id)),
			     board_keys_hint(b, hint, sizeof(hint),
					     "complete", "completes", "hangup",
					     "ends the page", NULL));
	else
		board_status(b, false, "Consulting %s (%s)", label,
			     board_consult_hint(b, hint, sizeof(hint)));
	if (page)
		board_emit(b, EV_PAGE, board_line(b, consult_id), 0, "paging");
	return 0;
}

int board_consult(struct board *b, line_id sel, const char *target)
{
	const struct extension *ext;
	char uri[256], label[128];
	struct line *caller;

	caller = caller_pick(b, sel, "consult about");
	if (!caller)
		return ENOENT;
	if (board_resolve(b, target, "consult", uri, sizeof(uri), label,
		    sizeof(label), &ext))
		return EINVAL;
	if (ext && ext->kind == EXT_PAGING_GROUP) {
		board_status(b, true, "%s is a paging group: %s pages it",
			     ext->name, board_key(b, "intercom"));
		return EINVAL;
	}
	if (ext && ext->kind == EXT_RING_GROUP && ext->nmembers)
		return board_hunt_start(b, caller->id, ext, false);
	if (board_absence_offer(b, caller->id, ext, false))
		return EAGAIN;
	if (board_camp_on_busy(b, caller->id, ext, false))
		return EBUSY;
	return board_consult_start(b, caller, uri, label, ext, false);
}

int board_swap(struct board *b)
{
	struct line *t = board_talking_line(b), *other = NULL;
	struct xfer *x = t ? board_xfer_of(b, t->id) : NULL;
	size_t i;

	if (x) {
		other = board_line(b, t->id == x->caller ? x->consult :
				   x->caller);
	}
	else {
		/* no consult: the most recent held line */
		for (i = b->nlines; i-- > 0;) {
			if (b->lines[i].state == LINE_HELD) {
				other = &b->lines[i];
				break;
			}
		}
		if (!t) {
			x = other ? board_xfer_of(b, other->id) : NULL;
			if (!other) {
				board_status(b, true, "Nothing to swap");
				return ENOENT;
			}
		}
	}
	if (!other || (other->state != LINE_HELD &&
		       other->state != LINE_TALKING)) {
		board_status(b, true, "Nothing to swap with%s",
			     other ? ": the other line has not answered" : "");
		return ENOENT;
	}
	return board_hold_toggle(b, other->id);
}

int board_complete(struct board *b, line_id hint)
{
	struct line *sel = hint ? board_line(b, hint) : NULL;
	struct xfer *x = sel ? board_xfer_of(b, sel->id) : NULL;
	struct line *caller, *cl;
	size_t i;
	int err;

	for (i = 0; !x && i < b->nxfers; i++) {
		if (b->xfers[i]->state == XFER_CONSULTING)
			x = b->xfers[i];
	}
	if (x && x->state == XFER_HUNTING) {
		board_status(b, true, "Nobody in %s has answered yet (%s "
			     "stops ringing)", x->target_label,
			     board_key(b, "cancel"));
		return EAGAIN;
	}
	if (!x || x->state != XFER_CONSULTING) {
		if (x)
			board_status(b, true, "The transfer is already under "
				     "way");
		else
			board_status(b, true, "No consult to complete (%s "
				     "starts one)", board_key(b, "consult"));
		return ENOENT;
	}
	cl = board_line(b, x->consult);
	caller = board_line(b, x->caller);
	if (!cl || !caller)
		return ENOENT;
	if (cl->state != LINE_TALKING && cl->state != LINE_HELD) {
		char keys[BOARD_HINT_MAX];

		board_status(b, true, "%s has not answered yet (%s)",
			     x->target_label,
			     board_keys_hint(b, keys, sizeof(keys),
					     "cancel", "cancels", NULL));
		return EAGAIN;
	}
	err = board_refer_when_free(b, x);
	if (err) {
		x = board_xfer_of(b, caller->id);
		if (x)
			x->state = XFER_CONSULTING;
		board_status(b, true, "Could not transfer %s: %s",
			     board_line_label(caller), strerror(err));
		return err;
	}
	board_touch(b, DIRTY_CALLS);
	board_status(b, false, "Transferring %s to %s...",
		     board_line_label(caller), x->target_label);
	return 0;
}

int board_cancel_consult(struct board *b, line_id hint)
{
	struct line *sel = hint ? board_line(b, hint) : NULL;
	struct xfer *x = sel ? board_xfer_of(b, sel->id) : NULL;
	line_id caller, consult;
	size_t i;
	int err;

	for (i = 0; !x && i < b->nxfers; i++) {
		if (b->xfers[i]->state == XFER_CONSULTING ||
		    b->xfers[i]->state == XFER_HUNTING)
			x = b->xfers[i];
	}
	if (x && x->state == XFER_HUNTING)
		return board_hunt_stop(b, x);
	if (!x || x->state != XFER_CONSULTING) {
		board_status(b, true, "No consult to cancel");
		return ENOENT;
	}
	caller = x->caller;
	consult = x->consult;
	/* forget the consult first: its close is not a failed transfer */
	board_xfer_remove(b, x);
	/* the operator ended it: its close must not overwrite the outcome */
	if (board_line(b, consult))
		board_line(b, consult)->hung_up_here = true;
	err = b->ops->hangup(b->phone, consult, 0);
	if (err)
		board_status(b, true, "Could not hang up the consult: %s",
			     strerror(err));
	if (board_line(b, caller) && board_line(b, caller)->state == LINE_HELD
	    && !board_talking_line(b))
		board_hold_toggle(b, caller);
	if (board_line(b, caller))
		board_status(b, false, "Consult cancelled: back with %s",
			     board_line_label(board_line(b, caller)));
	return err;
}

static int refer_start(struct board *b, line_id sel, const char *text,
		       const char *uri, const char *label,
		       enum line_handover handover, const char *to)
{
	struct line *caller = caller_pick(b, sel, "transfer");
	line_id id;
	struct xfer *x;
	int err;

	if (!caller)
		return ENOENT;
	id = caller->id;
	if (caller->state == LINE_TALKING) {
		err = b->ops->hold(b->phone, id, true);
		caller = board_line(b, id);
		if (err || !caller) {
			board_status(b, true, "Could not hold before the "
				     "transfer: %s", strerror(err));
			return err ? err : ENOENT;
		}
		caller->state = LINE_HELD;
		board_emit(b, EV_LINE_HELD, caller, 0, NULL);
	}
	x = board_xfer_add(b, XFER_BLIND, id);
	if (!x)
		return ENOSPC;
	snprintf(x->target_uri, sizeof(x->target_uri), "%s", uri);
	snprintf(x->target_label, sizeof(x->target_label), "%s", label);
	x->handover = handover;
	snprintf(x->handed_to, sizeof(x->handed_to), "%s", to);
	/* after the hold's re-INVITE, never overlapping it */
	err = board_refer_when_free(b, x);
	if (err) {
		char why[200];

		x = board_xfer_of(b, id);
		if (x)
			board_xfer_remove(b, x);
		snprintf(why, sizeof(why), "Could not transfer to %s: %s",
			 label, strerror(err));
		board_recall(b, id, why);
		return err;
	}
	caller = board_line(b, id);
	if (caller)
		board_status(b, false, "Transferring %s to %s...",
			     board_line_label(caller), label);
	(void)text;
	return 0;
}

int board_blind(struct board *b, line_id sel, const char *target)
{
	const struct extension *ext;
	char uri[256], label[128];
	struct line *caller;

	if (board_resolve(b, target, "transfer", uri, sizeof(uri), label,
		    sizeof(label), &ext))
		return EINVAL;
	if (ext && ext->kind == EXT_PAGING_GROUP) {
		board_status(b, true, "%s is a paging group: %s pages it",
			     ext->name, board_key(b, "intercom"));
		return EINVAL;
	}
	if (ext && ext->kind == EXT_RING_GROUP && ext->nmembers) {
		caller = caller_pick(b, sel, "transfer");
		if (!caller)
			return ENOENT;
		return board_hunt_start(b, caller->id, ext, true);
	}
	if (ext && ext->kind == EXT_PERSON) {
		caller = caller_pick(b, sel, "transfer");
		if (!caller)
			return ENOENT;
		if (board_absence_offer(b, caller->id, ext, true))
			return EAGAIN;
		if (board_camp_on_busy(b, caller->id, ext, true))
			return EBUSY;
	}
	return refer_start(b, sel, target, uri, label, HANDOVER_TRANSFER,
			   label);
}

int board_voicemail(struct board *b, line_id sel, const char *target)
{
	const struct extension *ext;
	char uri[256], label[160], vm[256];
	const char *p;
	size_t o = 0;

	if (board_resolve(b, target, "send to voicemail", uri, sizeof(uri), label,
		    sizeof(label), &ext))
		return EINVAL;
	if (!ext) {
		board_status(b, true, "Voicemail needs an extension, not '%s'",
			     target);
		return EINVAL;
	}
	if (ext->voicemail[0]) {
		snprintf(vm, sizeof(vm), "%s", ext->voicemail);
	}
	else if (b->xcfg.voicemail_uri[0]) {
		for (p = b->xcfg.voicemail_uri; *p && o + 1 < sizeof(vm); p++) {
			if (p[0] == '%' && p[1] == 'e') {
				o += (size_t)snprintf(vm + o, sizeof(vm) - o,
						      "%s", ext->number);
				if (o >= sizeof(vm))
					o = sizeof(vm) - 1;
				p++;
				continue;
			}
			vm[o++] = *p;
		}
		vm[o] = '\0';
	}
	else {
		board_status(b, true, "%s has no voicemail", ext->name);
		return ENOENT;
	}
	snprintf(label, sizeof(label), "%s's voicemail", ext->name);
	return refer_start(b, sel, target, vm, label, HANDOVER_VOICEMAIL,
			   ext->name);
}

static bool xfer_refer_result(struct board *b, line_id caller_id,
			      int status, const char *reason)
{
	struct xfer *x = board_xfer_of(b, caller_id);
	struct line *caller = board_line(b, caller_id), *consult_line;
	struct board_event ev = { .type = EV_TRANSFERRED };
	char text[400], narrated[NARRATE_MAX];

	if (!x || x->caller != caller_id || x->state != XFER_REFERRING)
		return false;
	if (status >= 200 && status < 300) {
		line_id consult = x->consult;

		snprintf(text, sizeof(text), "%s -> %s",
			 caller ? board_line_label(caller) : "caller",
			 x->target_label);
		if (caller) {
			caller->transferred = true;
			caller->handover = x->handover ? x->handover :
				HANDOVER_TRANSFER;
			snprintf(caller->handed_to, sizeof(caller->handed_to),
				 "%s", x->handed_to[0] ? x->handed_to :
				 x->target_label);
		}
		board_xfer_remove(b, x);
		/* the status line says the outcome in the event's words */
		ev.line = caller;
		ev.status = status;
		ev.text = text;
		narrate(b, &ev, narrated, sizeof(narrated));
		/* a night call the operator never saw keeps saying why */
		if (caller && caller->night_service)
			board_status(b, false, "Night service: %s sent to %s",
				     board_line_label(caller),
				     caller->handed_to);
		else
			board_status(b, false, "%s", narrated);
		board_emit(b, EV_TRANSFERRED, caller, status, text);
		/* the target took the caller: the consult leg is done too,
		 * and its end is no news (the transfer is the outcome) */
		consult_line = consult ? board_line(b, consult) : NULL;
		if (consult_line) {
			consult_line->transferred = true;
			b->ops->hangup(b->phone, consult, 0);
		}
		return true;
	}
	if (status < 300)
		return true;
	if (x->refused_by_caller && status != 503)
		snprintf(text, sizeof(text), "%s's phone refused the transfer "
			 "(%d)", caller ? board_line_label(caller) :
			 "The caller", status);
	/* the caller's phone may never have tried: blame nobody */
	else if (x->unconfirmed)
		snprintf(text, sizeof(text), "Transfer to %s unconfirmed "
			 "after %d s", x->target_label,
			 b->xcfg.recall_after_s);
	else
		board_transfer_failure_text(text, sizeof(text), x->target_label,
				   status, reason);
	consult_line = board_line(b, x->consult);
	if (consult_line && consult_line->pickup_of) {
		board_pickup_failed(b, caller_id, text);
		return true;
	}
	if (x->kind == XFER_ATTENDED && board_line(b, x->consult)) {
		x->state = XFER_CONSULTING;   /* both legs still here */
		board_hunt_member_kept(b, x->consult);
	}
	else
		board_xfer_remove(b, x);
	board_recall(b, caller_id, text);
	return true;
}

/* A REFER with no final answer by its deadline failed. */
static void xfer_tick(struct board *b, int64_t now)
{
	size_t i;

	for (i = 0; i < b->nxfers; i++) {
		struct xfer *x = b->xfers[i];

		if (x->state == XFER_REFERRING && now >= x->deadline_ms) {
			x->unconfirmed = true;
			board_on_refer_result(b, x->caller, 408,
					      "no final answer in time");
			i = (size_t)-1;   /* the list changed: start again */
		}
	}
}

static bool xfer_line_closed(struct board *b, struct line *l, int status,
			     const char *reason)
{
	struct xfer *x = board_xfer_of(b, l->id);
	char text[400];
	line_id caller;

	if (!x)
		return false;
	caller = x->caller;
	if (l->id == x->caller) {
		/* the caller left before the transfer finished */
		snprintf(text, sizeof(text), "%s hung up before the transfer "
			 "to %s finished", board_line_label(l),
			 x->target_label);
		board_xfer_remove(b, x);
		board_status(b, false, "%s", text);
		return true;
	}
	if (x->state == XFER_REFERRING) {
		/* the target replaced the consult dialog: that is how an
		 * attended transfer succeeds; the NOTIFY says the rest */
		x->consult = 0;
		return true;
	}
	if (l->page && l->answered_ms && status < 300) {
		/* the announcement is over: the caller waits, as the
		 * operator left it (a page that failed recalls below) */
		snprintf(text, sizeof(text), "Page to %s ended", x->target_label);
		board_xfer_remove(b, x);
		l->state = LINE_ENDED;
		if (board_line(b, caller))
			board_status(b, false, "%s: %s waits on hold (line %u)",
				     text, board_line_label(board_line(b,
				     caller)), caller);
		board_emit(b, EV_PAGE, l, status, "ended");
		return true;
	}
	/* the consult leg ended: the target is not taking the caller */
	if (status >= 300)
		board_transfer_failure_text(text, sizeof(text), x->target_label,
				   status, NULL);
	else
		snprintf(text, sizeof(text), "%s hung up", x->target_label);
	(void)reason;
	board_xfer_remove(b, x);
	/* the consult line itself is removed by the caller of this */
	l->state = LINE_ENDED;
	board_recall(b, caller, text);
	return true;
}

static bool xfer_answered(struct board *b, struct line *l)
{
	const struct xfer *x = board_xfer_of(b, l->id);
	char hint[BOARD_HINT_MAX];

	if (!x || x->consult != l->id)
		return false;
	if (l->page)
		board_status(b, false, "%s answers the page: announce, then %s",
			     board_line_label(l),
			     board_keys_hint(b, hint, sizeof(hint),
					     "complete", "completes", "hangup",
					     "ends the page", NULL));
	else
		board_status(b, false, "%s answered: %s", board_line_label(l),
			     board_consult_hint(b, hint, sizeof(hint)));
	return true;
}

static const char *xfer_tag(struct board *b, const struct line *l,
			    char *buf, size_t sz, bool *consult)
{
	const struct xfer *x = board_xfer_of(b, l->id);

	(void)buf;
	(void)sz;
	if (!x)
		return NULL;
	if (x->consult == l->id) {
		*consult = true;
		return l->page ? "PAGE" : "CONS";
	}
	return x->state == XFER_REFERRING || x->state == XFER_HOLDING ||
		x->state == XFER_PAUSED ? "XFER" : NULL;
}

const struct op_kind op_transfer = {
	.name = "transfer",
	.answered = xfer_answered,
	.closed = xfer_line_closed,
	.refer_result = xfer_refer_result,
	.tick = xfer_tick,
	.tag = xfer_tag,
};
