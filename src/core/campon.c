/*
 * campon.c — camp-on: a caller waits on hold for a busy colleague and is
 * offered to them as soon as their line is free.
 *
 * A camp waits while the colleague's line state (BLF) says busy and is
 * offered when it turns idle; without a line state (or when the line
 * looked idle and the colleague still answered busy) it is tried every
 * camp_on_retry_s. One offer per colleague at a time, in the order the
 * callers camped. Offering is a consult leg the operator completes
 * (announce) or a REFER (blind); a colleague who does not take it sends
 * the caller back to the operator, flagged, like any failed transfer.
 */
#include "board.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "board_int.h"
#include "operation.h"
#include "pending_offer.h"
#include "queue.h"

#define CAMPS_MAX 64

enum camp_step {
	CAMP_WAITING,             /* held, the colleague is busy */
	CAMP_OFFERED,             /* ringing them (announce) or referred */
};

struct camp {
	line_id caller;
	char target[32];          /* the colleague's number */
	char label[128];          /* ...and name, for the queue */
	enum camp_step step;
	int64_t camped_ms;
	int64_t next_try_ms;      /* no line state to go by: try then */
	bool seen_busy;           /* the line state said busy since */
	bool told_free;           /* the operator heard they are free */
	line_id consult;          /* offered (announce): the leg ringing */
	int64_t offered_ms;
};

struct campon_state {
	struct camp camps[CAMPS_MAX];  /* in the order they camped */
	size_t ncamps;
	/* the colleague a transfer just found busy: camp-on without a
	 * target waits for them, a second transfer there goes ahead */
	struct pending_offer busy;
	bool advancing;           /* an offer's own events do not offer */
	/* callers the operator transferred blind while talking to them
	 * (a ring): only those hear of camp-on when the REFER says busy,
	 * not the ones an overflow sends on */
	line_id referred[8];
	size_t referred_next;
};

extern const struct op_kind op_campon, op_transfer;

static struct campon_state *campon(struct board *b)
{
	return op_state(b, &op_campon);
}

static struct camp *camp_of(struct board *b, line_id caller)
{
	struct campon_state *st = campon(b);
	size_t i;

	for (i = 0; st && caller && i < st->ncamps; i++) {
		if (st->camps[i].caller == caller)
			return &st->camps[i];
	}
	return NULL;
}

static struct camp *camp_of_consult(struct board *b, line_id consult)
{
	struct campon_state *st = campon(b);
	size_t i;

	for (i = 0; st && consult && i < st->ncamps; i++) {
		if (st->camps[i].step == CAMP_OFFERED &&
		    st->camps[i].consult == consult)
			return &st->camps[i];
	}
	return NULL;
}

static void camp_forget(struct board *b, struct camp *c)
{
	struct campon_state *st = campon(b);
	size_t i = (size_t)(c - st->camps);

	memmove(&st->camps[i], &st->camps[i + 1],
		(st->ncamps - i - 1) * sizeof(st->camps[0]));
	st->ncamps--;
	board_touch(b, DIRTY_CALLS);
}

/* Says WORD about C's caller (EV_CAMP_ON) and forgets C. */
static void camp_end(struct board *b, struct camp *c, const char *word)
{
	struct line *l = board_line(b, c->caller);

	camp_forget(b, c);
	if (l)
		board_emit(b, EV_CAMP_ON, l, 0, word);
}

static bool line_busy(enum ext_line_state s)
{
	return s == EXT_LINE_INCALL || s == EXT_LINE_RINGING ||
	       s == EXT_LINE_HELD;
}

const char *board_camped_on(struct board *b, line_id caller)
{
	struct camp *c = camp_of(b, caller);
	struct line *l = c ? board_line(b, caller) : NULL;

	if (!l)
		return NULL;
	/* the operator took the caller back: over, whatever tick says */
	if (c->step == CAMP_WAITING && (l->state != LINE_HELD ||
					l->park_slot))
		return NULL;
	return c->label;
}

/* The operator hears a colleague is busy and what can be done about it;
 * the next camp-on without a target waits for that colleague. */
static void busy_offer(struct board *b, line_id caller,
		       const struct extension *ext, int status)
{
	struct campon_state *st = campon(b);
	char why[160];

	if (!st)
		return;
	pending_offer_set(&st->busy, caller, ext->number);
	if (status)
		snprintf(why, sizeof(why), "%s is busy (%d)", ext->name,
			 status);
	else
		snprintf(why, sizeof(why), "%s is on a call", ext->name);
	board_status(b, true, "%s - %s waits, %s voicemail, %s keeps the "
		     "caller", why, board_key(b, "camp-on"),
		     board_key(b, "voicemail"), board_key(b, "cancel"));
}

/* Before a transfer to EXT: true when its line state says busy and the
 * operator was told so instead (a receptionist wants the choice at
 * once); asked again for the same caller and colleague, it goes ahead,
 * for a colleague with call waiting. */
bool board_camp_on_busy(struct board *b, line_id caller,
			const struct extension *ext, bool blind)
{
	struct campon_state *st = campon(b);
	const struct line *l = board_line(b, caller);

	/* the operator's own transfer: the caller talks to them */
	if (!st || !l || l->state != LINE_TALKING || !ext ||
	    ext->kind != EXT_PERSON)
		return false;
	st->referred[st->referred_next++ % 8] = caller;
	if (!blind || !line_busy(ext->line_state))
		return false;
	if (pending_offer_again(&st->busy, caller, ext->number))
		return false;
	busy_offer(b, caller, ext, 0);
	return true;
}

/* The caller camp-on means: the one selected when connected, else the
 * one the operator talks to, else the one a busy colleague refused. */
static struct line *camp_caller(struct board *b, line_id sel)
{
	struct campon_state *st = campon(b);
	struct line *l = sel ? board_line(b, sel) : NULL;

	if (!l || (l->state != LINE_TALKING && l->state != LINE_HELD))
		l = board_talking_line(b);
	if (!l && st && st->busy.caller)
		l = board_line(b, st->busy.caller);
	return l;
}

static bool is_operator(const struct board *b, const struct extension *e)
{
	return !strcasecmp(e->name, b->xcfg.operator_name) ||
	       !strcasecmp(e->number, b->xcfg.operator_name);
}

int board_camp_on(struct board *b, line_id sel, const char *target)
{
	struct campon_state *st = campon(b);
	const struct extension *ext;
	char uri[256], label[128], hint[BOARD_HINT_MAX];
	struct line *l;
	struct camp *c;
	line_id id;
	int err;

	if (!st)
		return ENOMEM;
	if (target && *target) {
		if (board_resolve(b, target, "camp on", uri, sizeof(uri),
				  label, sizeof(label), &ext))
			return EINVAL;
		l = camp_caller(b, sel);
	}
	else {
		l = st->busy.caller ? board_line(b, st->busy.caller) : NULL;
		ext = l ? board_extension(b, st->busy.target) : NULL;
		if (!ext) {
			board_status(b, true, "No busy colleague to wait "
				     "for (:camp-on NUMBER names one)");
			return ENOENT;
		}
	}
	if (!l) {
		board_status(b, true, "Nothing to camp on: answer a call "
			     "first");
		return ENOENT;
	}
	if (!ext) {
		board_status(b, true, "Cannot camp on %s: only a colleague of "
			     "the directory can be waited for", target);
		return EINVAL;
	}
	if (ext->kind != EXT_PERSON) {
		board_status(b, true, "Cannot camp on %s: it is a %s group, "
			     "a caller waits for one colleague", ext->name,
			     ext->kind == EXT_PAGING_GROUP ? "paging" : "ring");
		return EINVAL;
	}
	if (is_operator(b, ext)) {
		board_status(b, true, "Cannot camp on %s: that is you",
			     ext->name);
		return EINVAL;
	}
	if ((c = camp_of(b, l->id)) && board_camped_on(b, l->id)) {
		board_status(b, true, "%s already waits for %s (%s ends it)",
			     board_line_label(l), c->label,
			     board_key(b, "cancel"));
		return EALREADY;
	}
	if (c)
		camp_end(b, c, "cancelled");   /* taken back, tick not yet */
	if (board_xfer_of(b, l->id) || board_in_conference(b, l->id) ||
	    l->park_slot) {
		board_status(b, true, "%s is %s: it cannot wait for %s now",
			     board_line_label(l), l->park_slot ? "parked" :
			     "being transferred", ext->name);
		return EBUSY;
	}
	if (st->ncamps >= CAMPS_MAX) {
		board_status(b, true, "Cannot camp on %s: %d callers wait "
			     "already", ext->name, CAMPS_MAX);
		return ENOSPC;
	}
	id = l->id;
	if (l->state == LINE_TALKING) {
		err = b->ops->hold(b->phone, id, true);
		l = board_line(b, id);
		if (err || !l) {
			board_status(b, true, "Could not hold %s: %s",
				     l ? board_line_label(l) : "the caller",
				     strerror(err ? err : ENOENT));
			return err ? err : ENOENT;
		}
		l->state = LINE_HELD;
		board_emit(b, EV_LINE_HELD, l, 0, NULL);
	}
	l->recall = false;
	c = &st->camps[st->ncamps++];
	memset(c, 0, sizeof(*c));
	c->caller = id;
	snprintf(c->target, sizeof(c->target), "%s", ext->number);
	snprintf(c->label, sizeof(c->label), "%s", ext->name);
	c->camped_ms = b->now_ms();
	c->seen_busy = line_busy(ext->line_state);
	c->next_try_ms = c->camped_ms +
		(int64_t)queue_settings(b)->camp_on_retry_s * 1000;
	if (st->busy.caller == id)
		st->busy.caller = 0;
	board_touch(b, DIRTY_CALLS);
	board_status(b, false, "%s waits on hold for %s, offered when free "
		     "(%s)", board_line_label(l), ext->name,
		     board_keys_hint(b, hint, sizeof(hint), "cancel",
				     "ends the wait", "hold", "takes it back",
				     NULL));
	board_emit(b, EV_CAMP_ON, l, 0, "camped");
	return 0;
}

/* Hangs up the leg ringing the colleague, its transfer forgotten first
 * so that its close is no failed transfer (the camp is ended before). */
static void offer_withdraw(struct board *b, line_id caller, line_id consult)
{
	struct xfer *x = board_xfer_of(b, caller);

	if (x && x->consult == consult)
		board_xfer_remove(b, x);
	if (consult && board_line(b, consult)) {
		/* the console ended it: its close says nothing new */
		board_line(b, consult)->hung_up_here = true;
		b->ops->hangup(b->phone, consult, 0);
	}
}

int board_camp_on_cancel(struct board *b, line_id sel)
{
	struct campon_state *st = campon(b);
	struct camp *c = camp_of(b, sel);
	struct line *l;
	line_id consult;
	char label[128];

	if (!st)
		return ENOMEM;
	if (c) {
		snprintf(label, sizeof(label), "%s", c->label);
		consult = c->step == CAMP_OFFERED ? c->consult : 0;
		camp_end(b, c, "cancelled");
		offer_withdraw(b, sel, consult);
		l = board_line(b, sel);
		if (l)
			board_status(b, false, "%s no longer waits for %s: on "
				     "hold (line %u)", board_line_label(l),
				     label, l->id);
		return 0;
	}
	l = st->busy.caller ? board_line(b, st->busy.caller) : NULL;
	if (l && (!sel || sel == l->id)) {
		st->busy.caller = 0;
		board_status(b, false, "%s stays with you%s",
			     board_line_label(l), l->state == LINE_HELD ?
			     ", on hold" : "");
		return 0;
	}
	board_status(b, true, "No caller waits for a colleague here");
	return ENOENT;
}

/* The colleague is free (or it is time to try): a consult leg rings
 * them for the operator to complete, or the caller is referred. */
static void camp_offer(struct board *b, struct camp *c, int64_t now)
{
	const struct extension *ext;
	char uri[256], label[128], hint[BOARD_HINT_MAX];
	struct line *caller = board_line(b, c->caller);
	struct xfer *x;
	line_id id = c->caller;

	if (!caller)
		return;
	if (queue_settings(b)->camp_on == CAMP_ON_BLIND) {
		c->step = CAMP_OFFERED;
		c->offered_ms = now;
		board_emit(b, EV_CAMP_ON, caller, 0, "offered");
		/* a REFER that fails later comes back through refer_result;
		 * one that could not start has recalled the caller or not */
		if (board_blind(b, id, c->target) && (c = camp_of(b, id)) &&
		    !board_xfer_of(b, id)) {
			camp_end(b, c, "back");
			caller = board_line(b, id);
			if (caller && !caller->recall)
				board_recall(b, id, "Could not offer the "
					     "caller");
		}
		return;
	}
	/* an announce needs the operator: not in the middle of a call */
	if (board_talking_line(b) || board_consulting(b) ||
	    b->conf.state != CONF_NONE) {
		if (!c->told_free)
			board_status(b, false, "%s is free: %s is offered "
				     "when you finish this call", c->label,
				     board_line_label(caller));
		c->told_free = true;
		return;
	}
	if (board_resolve(b, c->target, "offer the caller", uri, sizeof(uri),
			  label, sizeof(label), &ext)) {
		camp_end(b, c, "back");
		board_recall(b, id, "Could not offer the caller");
		return;
	}
	c->step = CAMP_OFFERED;
	c->offered_ms = now;
	if (board_consult_start(b, caller, uri, label, ext, false)) {
		if ((c = camp_of(b, id)))
			camp_end(b, c, "back");
		caller = board_line(b, id);
		if (caller && !caller->recall)
			board_recall(b, id, "Could not offer the caller");
		return;
	}
	x = board_xfer_of(b, id);
	c = camp_of(b, id);
	if (!c || !x)
		return;
	c->consult = x->consult;
	board_status(b, false, "%s is free: ringing for %s (%s)", label,
		     board_line_label(board_line(b, id)),
		     board_consult_hint(b, hint, sizeof(hint)));
	board_emit(b, EV_CAMP_ON, board_line(b, id), 0, "offered");
}

/* Whether the first caller waiting for C's colleague may be offered
 * now: each colleague gets one offer at a time, in camping order. */
static bool camp_first(struct campon_state *st, const struct camp *c)
{
	size_t i;

	for (i = 0; &st->camps[i] != c; i++) {
		if (!strcmp(st->camps[i].target, c->target))
			return false;
	}
	for (i++; i < st->ncamps; i++) {
		if (!strcmp(st->camps[i].target, c->target) &&
		    st->camps[i].step == CAMP_OFFERED)
			return false;
	}
	return true;
}

static void camps_advance(struct board *b, int64_t now)
{
	struct campon_state *st = campon(b);
	size_t i;

	if (!st || st->advancing)
		return;
	st->advancing = true;
	for (i = 0; i < st->ncamps; i++) {
		struct camp *c = &st->camps[i];
		const struct extension *e = board_extension(b, c->target);
		enum ext_line_state s = e ? e->line_state : EXT_LINE_UNKNOWN;
		size_t before = st->ncamps;

		if (c->step != CAMP_WAITING)
			continue;
		if (line_busy(s)) {
			c->seen_busy = true;
			continue;
		}
		if (!camp_first(st, c))
			continue;
		if ((s == EXT_LINE_IDLE && c->seen_busy) ||
		    now >= c->next_try_ms)
			camp_offer(b, c, now);
		if (st->ncamps != before)
			i = (size_t)-1;   /* the list changed: start again */
	}
	st->advancing = false;
}

/* The operator took a waiting caller back (retrieved, parked, moved
 * elsewhere): the camp-on is over, the operator's action said so. */
static bool camp_taken_back(struct board *b, struct camp *c)
{
	struct line *l = board_line(b, c->caller);

	return c->step == CAMP_WAITING && (!l || l->state != LINE_HELD ||
		l->park_slot || board_xfer_of(b, l->id) ||
		board_in_conference(b, l->id));
}

static void campon_tick(struct board *b, int64_t now)
{
	struct campon_state *st = campon(b);
	const struct queue_config *q;
	size_t i;

	if (!st || !st->ncamps)
		return;
	q = queue_settings(b);
	for (i = 0; i < st->ncamps; i++) {
		struct camp *c = &st->camps[i];
		line_id id = c->caller;
		char why[256];

		if (camp_taken_back(b, c)) {
			camp_end(b, c, "cancelled");
		}
		else if (c->step == CAMP_OFFERED && c->consult &&
			 now - c->offered_ms >= (int64_t)q->camp_on_ring_s *
			 1000) {
			line_id consult = c->consult;

			snprintf(why, sizeof(why), "%s did not answer in %d s",
				 c->label, q->camp_on_ring_s);
			camp_end(b, c, "back");
			offer_withdraw(b, id, consult);
			board_recall(b, id, why);
		}
		else if (c->step == CAMP_WAITING && now - c->camped_ms >=
			 (int64_t)q->camp_on_max_s * 1000) {
			int64_t s = (now - c->camped_ms) / 1000;

			snprintf(why, sizeof(why), "%s waited %lld:%02lld "
				 "for %s, who is still busy",
				 board_line_label(board_line(b, id)),
				 (long long)(s / 60), (long long)(s % 60),
				 c->label);
			camp_end(b, c, "gave-up");
			board_recall(b, id, why);
			board_emit(b, EV_REMINDER, board_line(b, id), 0,
				   b->status);
		}
		else {
			continue;
		}
		i = (size_t)-1;   /* the list changed: start again */
	}
	camps_advance(b, now);
}

/* The colleague's line changed: a waiting caller may be offered now;
 * a waiting caller retrieved by the operator waits no more. */
static void campon_event(struct board *b, const struct board_event *ev)
{
	struct campon_state *st = campon(b);
	struct camp *c;
	size_t i;

	if (!st || !st->ncamps)
		return;
	if (ev->type == EV_LINE_RESUMED && ev->line &&
	    (c = camp_of(b, ev->line->id)) && camp_taken_back(b, c)) {
		camp_end(b, c, "cancelled");
		return;
	}
	if (ev->type != EV_LINE_STATE || !ev->text)
		return;
	for (i = 0; i < st->ncamps; i++) {
		if (!strcmp(st->camps[i].target, ev->text)) {
			camps_advance(b, b->now_ms());
			return;
		}
	}
}

/* The offer's leg answered: the colleague took it, the consult goes on
 * as any other (the transfer's own hint names the keys). */
static bool campon_answered(struct board *b, struct line *l)
{
	struct camp *c = camp_of_consult(b, l->id);

	if (c)
		camp_end(b, c, "taken");
	return false;
}

/* A consult to a colleague answered busy: the caller is back (the
 * transfer's rules), and the operator is offered to wait for them. */
static bool consult_found_busy(struct board *b, struct line *l, int status,
			       const char *reason)
{
	struct xfer *x = board_xfer_of(b, l->id);
	const struct extension *ext;
	line_id caller;

	if (!x || x->kind != XFER_ATTENDED || x->state != XFER_CONSULTING ||
	    x->consult != l->id || l->page)
		return false;
	ext = board_extension_of_uri(b, x->target_uri);
	if (!ext || ext->kind != EXT_PERSON)
		return false;
	caller = x->caller;
	op_transfer.closed(b, l, status, reason);
	if (board_line(b, caller))
		busy_offer(b, caller, ext, status);
	return true;
}

static bool campon_closed(struct board *b, struct line *l, int status,
			  const char *reason)
{
	struct camp *c = camp_of(b, l->id);
	bool busy = status == 486 || status == 600;
	line_id consult;

	if (c) {
		/* the caller hung up while waiting */
		bool referred = c->step == CAMP_OFFERED && !c->consult;
		char label[128];

		snprintf(label, sizeof(label), "%s", c->label);
		consult = c->step == CAMP_OFFERED ? c->consult : 0;
		camp_forget(b, c);
		if (referred)
			return false;   /* the REFER's own rules */
		offer_withdraw(b, l->id, consult);
		board_status(b, false, "%s hung up while waiting for %s",
			     board_line_label(l), label);
		return true;
	}
	c = camp_of_consult(b, l->id);
	if (c && !board_xfer_of(b, l->id)) {
		/* the operator cancelled the offer's consult */
		camp_end(b, c, "cancelled");
		return false;
	}
	if (c && busy) {
		struct xfer *x = board_xfer_of(b, l->id);

		board_xfer_remove(b, x);
		c->step = CAMP_WAITING;
		c->consult = 0;
		c->seen_busy = false;
		c->told_free = false;
		c->next_try_ms = b->now_ms() +
			(int64_t)queue_settings(b)->camp_on_retry_s * 1000;
		board_status(b, false, "%s is busy again: %s keeps waiting",
			     c->label, board_line_label(board_line(b,
							c->caller)));
		return true;
	}
	if (c) {
		/* refused or gone: the transfer brings the caller back */
		camp_end(b, c, "back");
		return false;
	}
	return busy && consult_found_busy(b, l, status, reason);
}

static bool operator_referred(const struct campon_state *st, line_id caller)
{
	size_t i;

	for (i = 0; st && i < 8; i++) {
		if (st->referred[i] == caller)
			return true;
	}
	return false;
}

static bool campon_refer_result(struct board *b, line_id caller, int status,
				const char *reason)
{
	struct campon_state *st = campon(b);
	struct camp *c = camp_of(b, caller);
	struct xfer *x = board_xfer_of(b, caller);
	const struct extension *ext;

	if (c && c->step == CAMP_OFFERED && !c->consult) {
		if (status >= 200)
			camp_end(b, c, status < 300 ? "taken" : "back");
		return false;   /* the transfer finishes or recalls */
	}
	if (status != 486 && status != 600)
		return false;
	/* the caller's own phone saying busy is no busy colleague */
	if (!x || x->kind != XFER_BLIND || x->state != XFER_REFERRING ||
	    x->refused_by_caller)
		return false;
	ext = board_extension_of_uri(b, x->target_uri);
	if (!ext || ext->kind != EXT_PERSON || !operator_referred(st, caller))
		return false;
	op_transfer.refer_result(b, caller, status, reason);
	if (board_line(b, caller))
		busy_offer(b, caller, ext, status);
	return true;
}

static const char *campon_tag(struct board *b, const struct line *l,
			      char *buf, size_t sz, bool *consult)
{
	(void)buf;
	(void)sz;
	(void)consult;
	return board_camped_on(b, l->id) ? "CAMP" : NULL;
}

const struct op_kind op_campon = {
	.name = "camp-on",
	.answered = campon_answered,
	.closed = campon_closed,
	.refer_result = campon_refer_result,
	.tick = campon_tick,
	.tag = campon_tag,
	.event = campon_event,
	.state_size = sizeof(struct campon_state),
};
