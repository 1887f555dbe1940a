/*
 * conference.c — merge, split, drop a party, leave. The parties of the
 * operator's one conference are mixed at the console (the phone does
 * the audio); this file keeps who is in it and what happens when
 * someone joins or goes. The first rule holds here too: whatever fails,
 * every party stays connected to someone or comes back to the console.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "board_int.h"
#include "narrate.h"
#include "operation.h"

bool board_in_conference(const struct board *b, line_id id)
{
	size_t i;

	for (i = 0; id && i < b->conf.nlegs; i++) {
		if (b->conf.legs[i] == id)
			return true;
	}
	return false;
}

static void conf_forget(struct conference *c, line_id id)
{
	size_t i;

	for (i = 0; i < c->nlegs; i++) {
		if (c->legs[i] != id)
			continue;
		memmove(&c->legs[i], &c->legs[i + 1],
			(c->nlegs - i - 1) * sizeof(c->legs[0]));
		c->nlegs--;
		return;
	}
}

/* The call line the operator points at (0: the focus is not on the
 * calls). */
static struct line *selected_call(struct board *b, line_id sel)
{
	return sel ? board_line(b, sel) : NULL;
}

/* Split and leave need a conference that is not being handed over:
 * otherwise says why and returns an errno value. */
static int conf_refuse(struct board *b, const char *what)
{
	if (b->conf.state == CONF_NONE) {
		board_status(b, true, "No conference to %s", what);
		return ENOENT;
	}
	if (b->conf.state == CONF_HANDING_OVER) {
		board_status(b, true, "The conference is being handed over");
		return EBUSY;
	}
	return 0;
}

/* Tells the phone who is mixed now and shows it on every leg. */
static int conf_apply(struct board *b)
{
	struct conference *c = &b->conf;
	bool with_operator = c->state == CONF_MIXING;
	size_t i;
	int err;

	err = b->ops->mix(b->phone, c->legs, c->nlegs, with_operator);
	for (i = 0; !err && i < c->nlegs; i++) {
		struct line *l = board_line(b, c->legs[i]);

		if (l)
			l->state = with_operator ? LINE_CONFERENCE :
				LINE_BRIDGED;
	}
	board_touch(b, DIRTY_CALLS | DIRTY_STATUS);
	return err;
}

static void conf_clear(struct board *b)
{
	memset(&b->conf, 0, sizeof(b->conf));
	b->ops->mix(b->phone, NULL, 0, false);
	board_touch(b, DIRTY_CALLS | DIRTY_STATUS);
}

/* "ACME Corp, Alice Martin and Bob Stone" into out. */
static void conf_names(struct board *b, char *out, size_t sz)
{
	size_t i, o = 0;

	out[0] = '\0';
	for (i = 0; i < b->conf.nlegs && o < sz; i++) {
		struct line *l = board_line(b, b->conf.legs[i]);
		const char *sep = i == 0 ? "" :
			i + 1 == b->conf.nlegs ? " and " : ", ";

		o += (size_t)snprintf(out + o, sz - o, "%s%s", sep,
				      l ? board_line_label(l) : "?");
	}
}

/* A line may join when it is connected and no transfer is under way
 * on it; a consult it belongs to ends (the conference takes over). */
static int conf_can_join(struct board *b, struct line *l)
{
	struct xfer *x = board_xfer_of(b, l->id);

	if (l->state != LINE_TALKING && l->state != LINE_HELD) {
		board_status(b, true, "Line %u is %s: only a connected call "
			     "can join the conference", l->id,
			     line_state_name(l->state));
		return EINVAL;
	}
	if (x && x->state == XFER_REFERRING) {
		board_status(b, true, "%s is being transferred",
			     board_line_label(l));
		return EBUSY;
	}
	return 0;
}

/* Takes each of ids off hold and into the legs. Nothing changes when
 * one cannot be retrieved: the ones already retrieved are held again. */
static int conf_join(struct board *b, const line_id *ids, size_t n)
{
	struct conference *c = &b->conf;
	size_t i, done;
	int err = 0;

	if (c->nlegs + n > BOARD_CONF_MAX_LEGS) {
		board_status(b, true, "A conference has at most %d parties",
			     BOARD_CONF_MAX_LEGS);
		return ENOSPC;
	}
	for (done = 0; done < n && !err; done++) {
		struct line *l = board_line(b, ids[done]);

		if (l && l->state == LINE_HELD)
			err = b->ops->hold(b->phone, ids[done], false);
		if (err)
			break;
	}
	if (err) {
		struct line *l = board_line(b, ids[done]);

		board_status(b, true, "Could not retrieve %s: %s",
			     l ? board_line_label(l) : "the call",
			     strerror(err));
		for (i = 0; i < done; i++) {
			l = board_line(b, ids[i]);
			if (l && l->state == LINE_HELD)
				b->ops->hold(b->phone, ids[i], true);
		}
		return err;
	}
	for (i = 0; i < n; i++) {
		struct xfer *x = board_xfer_of(b, ids[i]);
		struct line *l = board_line(b, ids[i]);

		if (x)
			board_xfer_remove(b, x);
		if (l)
			l->recall = false;
		c->legs[c->nlegs++] = ids[i];
	}
	return 0;
}

/* The first merge: the line the operator talks on and a held one (the
 * selected one, else the other end of the consult, else the latest). */
static int conf_start(struct board *b, line_id sel_id)
{
	struct conference *c = &b->conf;
	struct line *t = board_talking_line(b), *h = NULL, *sel;
	struct xfer *x;
	struct xfer origin;
	bool has_origin = false;
	line_id ids[2];
	char names[400];
	size_t i;
	int err;

	if (!t) {
		board_status(b, true, "Nothing to merge: talk to one party "
			     "and hold another (%s consults)",
			     board_key(b, "consult"));
		return ENOENT;
	}
	x = board_xfer_of(b, t->id);
	sel = selected_call(b, sel_id);
	if (sel && sel->state == LINE_HELD)
		h = sel;
	if (!h && x)
		h = board_line(b, t->id == x->caller ? x->consult : x->caller);
	for (i = b->nlines; (!h || h->state != LINE_HELD) && i-- > 0;) {
		h = &b->lines[i];
		if (h->state != LINE_HELD)
			h = NULL;
	}
	if (!h) {
		board_status(b, true, "Nothing to merge with: hold a call or "
			     "consult someone first");
		return ENOENT;
	}
	if (conf_can_join(b, t) || conf_can_join(b, h))
		return EBUSY;
	if (x && ((x->caller == t->id && x->consult == h->id) ||
		  (x->caller == h->id && x->consult == t->id))) {
		origin = *x;
		has_origin = true;
	}
	/* the held one first: the caller, as the operator thinks of it */
	ids[0] = h->id;
	ids[1] = t->id;
	memset(c, 0, sizeof(*c));
	err = conf_join(b, ids, 2);
	if (err)
		return err;
	c->state = CONF_MIXING;
	c->held_before = ids[0];
	c->origin = origin;
	c->has_origin = has_origin;
	err = conf_apply(b);
	if (err) {
		struct line *l = board_line(b, ids[0]);

		board_status(b, true, "Could not mix the conference: %s",
			     strerror(err));
		memset(c, 0, sizeof(*c));
		b->ops->mix(b->phone, NULL, 0, false);
		/* back as it was: the one that was held is held again */
		if (l && !b->ops->hold(b->phone, ids[0], true))
			l->state = LINE_HELD;
		if (has_origin)
			board_xfer_put(b, &origin);
		return err;
	}
	conf_names(b, names, sizeof(names));
	board_status(b, false, "Conference: %s — %s split, %s drop, %s leave",
		     names, board_key(b, "split"), board_key(b, "hangup"),
		     board_key(b, "leave"));
	board_emit(b, EV_CONFERENCE, NULL, 0, "merged");
	return 0;
}

/* Bridged: the operator comes back, bringing the call it talks on and
 * the selected held line. Mixing: m adds the selected held line. */
static int conf_grow(struct board *b, line_id sel_id)
{
	struct conference *c = &b->conf;
	struct line *t = board_talking_line(b);
	struct line *sel = selected_call(b, sel_id);
	line_id ids[2];
	size_t n = 0;
	enum conf_state was = c->state;
	char names[400];
	int err;

	/* a leg the network re-reported (established, held) is in already:
	 * joining it twice would leave a stale leg when it closes */
	if (t && board_in_conference(b, t->id))
		t = NULL;
	if (sel && board_in_conference(b, sel->id))
		sel = NULL;
	if (t && !conf_can_join(b, t))
		ids[n++] = t->id;
	else if (t)
		return EBUSY;
	if (sel && sel->state == LINE_HELD) {
		if (conf_can_join(b, sel))
			return EBUSY;
		ids[n++] = sel->id;
	}
	err = conf_join(b, ids, n);
	if (err)
		return err;
	c->state = CONF_MIXING;
	err = conf_apply(b);
	if (err) {
		board_status(b, true, "Could not mix the conference: %s",
			     strerror(err));
		return err;
	}
	conf_names(b, names, sizeof(names));
	board_status(b, false, "Conference: %s", names);
	board_emit(b, EV_CONFERENCE, NULL, 0,
		   was == CONF_BRIDGED && !n ? "rejoined" : "added");
	return 0;
}

int board_merge(struct board *b, line_id sel_id)
{
	struct line *sel = selected_call(b, sel_id);
	int err;

	if (b->conf.state == CONF_NONE)
		return conf_start(b, sel_id);
	err = conf_refuse(b, "merge");
	if (err)
		return err;
	if (b->conf.state == CONF_BRIDGED || (sel && sel->state == LINE_HELD))
		return conf_grow(b, sel_id);
	return board_split(b, sel_id);
}

int board_split(struct board *b, line_id sel_id)
{
	struct conference *c = &b->conf;
	struct conference was;
	struct line *sel = selected_call(b, sel_id);
	line_id keep = 0;
	size_t i;
	int err;

	err = conf_refuse(b, "split");
	if (err)
		return err;
	/* the operator stays with the selected party, else with the last
	 * one that joined and was not on hold before */
	if (sel && board_in_conference(b, sel->id))
		keep = sel->id;
	for (i = c->nlegs; !keep && i-- > 0;) {
		if (c->legs[i] != c->held_before)
			keep = c->legs[i];
	}
	err = board_hold_talking_except(b, keep);
	if (err)
		return err;
	was = *c;
	memset(c, 0, sizeof(*c));
	b->ops->mix(b->phone, NULL, 0, false);
	for (i = 0; i < was.nlegs; i++) {
		struct line *l = board_line(b, was.legs[i]);

		if (!l)
			continue;
		if (was.legs[i] == keep) {
			l->state = LINE_TALKING;
			continue;
		}
		err = b->ops->hold(b->phone, was.legs[i], true);
		l = board_line(b, was.legs[i]);
		if (l && !err) {
			l->state = LINE_HELD;
			board_emit(b, EV_LINE_HELD, l, 0, NULL);
		}
		else if (l) {
			/* still connected: better mixed than cut off */
			l->state = LINE_TALKING;
			board_status(b, true, "Could not hold %s: %s",
				     board_line_label(l), strerror(err));
		}
	}
	if (was.has_origin && was.nlegs == 2 &&
	    board_line(b, was.origin.caller) &&
	    board_line(b, was.origin.consult))
		board_xfer_put(b, &was.origin);
	board_touch(b, DIRTY_CALLS | DIRTY_STATUS);
	if (!err && board_line(b, keep))
		board_status(b, false, "Split: talking to %s, the others on "
			     "hold", board_line_label(board_line(b, keep)));
	board_emit(b, EV_CONFERENCE, NULL, 0, "split");
	return 0;
}

/* Every party is mixed without the operator, flagged: the console
 * bridges them until the operator comes back or they hang up. */
static void conf_bridge(struct board *b, const char *why)
{
	struct conference *c = &b->conf;
	char names[400];
	size_t i;

	c->state = CONF_BRIDGED;
	c->referred = 0;
	for (i = 0; i < c->nlegs; i++) {
		struct line *l = board_line(b, c->legs[i]);

		if (l && why)
			l->recall = true;
	}
	conf_apply(b);
	conf_names(b, names, sizeof(names));
	board_status(b, why != NULL, "Bridging %s %s; %s rejoins", names,
		     why ? why : "without you", board_key(b, "merge"));
	board_emit(b, EV_CONFERENCE, NULL, 0, "bridged");
}

int board_conf_bridge(struct board *b, line_id a, line_id other,
		      const char *why)
{
	const line_id ids[2] = { a, other };
	char text[300];

	if (b->conf.state != CONF_NONE)
		return EBUSY;
	if (conf_join(b, ids, 2))
		return EIO;
	b->conf.held_before = a;
	b->conf.state = CONF_BRIDGED;
	if (conf_apply(b)) {
		conf_clear(b);
		return EIO;
	}
	snprintf(text, sizeof(text), "— %s", why);
	conf_bridge(b, text);
	return 0;
}

int board_leave(struct board *b)
{
	struct conference *c = &b->conf;
	line_id a, other;
	char why[200];
	int err;

	err = conf_refuse(b, "leave");
	if (err)
		return err;
	if (c->nlegs != 2) {
		conf_bridge(b, NULL);
		return 0;
	}
	/* the REFER goes to the one that was held (the caller); it calls
	 * the other with Replaces, and the console drops out */
	a = c->legs[0] == c->held_before ? c->legs[0] : c->legs[1];
	if (!board_in_conference(b, c->held_before))
		a = c->legs[0];
	other = a == c->legs[0] ? c->legs[1] : c->legs[0];
	c->state = CONF_HANDING_OVER;
	c->referred = a;
	snprintf(c->handover, sizeof(c->handover), "%s -> %s",
		 board_line_label(board_line(b, a)),
		 board_line_label(board_line(b, other)));
	c->deadline_ms = b->now_ms() + (int64_t)b->xcfg.recall_after_s * 1000;
	conf_apply(b);   /* they hear each other while it goes on */
	err = b->ops->refer_replaces(b->phone, a, other);
	if (err) {
		snprintf(why, sizeof(why), "— no hand-over: %s",
			 strerror(err));
		if (c->state == CONF_HANDING_OVER)
			conf_bridge(b, why);
		return err;
	}
	board_status(b, false, "Handing %s over to %s...",
		     board_line_label(board_line(b, a)),
		     board_line_label(board_line(b, other)));
	board_emit(b, EV_CONFERENCE, NULL, 0, "handing-over");
	return 0;
}

/* One party left alone: an ordinary call again, with the operator when
 * the operator is free or was in the conference, else on hold, flagged. */
static void conf_last_one(struct board *b, line_id id, bool operator_in)
{
	struct line *l;
	int err = 0;

	conf_clear(b);
	l = board_line(b, id);
	if (!l)
		return;
	if (operator_in || !board_talking_line(b)) {
		l->state = LINE_TALKING;
		l->recall = !operator_in;
		board_status(b, !operator_in, "%s%s is %s", operator_in ?
			     "Conference over: " : "The others left — ",
			     board_line_label(l), operator_in ?
			     "on the line with you" : "back with you");
	}
	else {
		err = b->ops->hold(b->phone, id, true);
		l = board_line(b, id);
		if (!l)
			return;
		l->state = err ? LINE_TALKING : LINE_HELD;
		l->recall = true;
		board_status(b, true, "The others left — %s is back on line "
			     "%u, on hold", board_line_label(l), id);
	}
	board_emit(b, EV_CONFERENCE, l, 0, "ended");
	if (!operator_in)
		board_emit(b, EV_RECALL, l, 0, "alone in the conference");
}

static bool conf_line_closed(struct board *b, struct line *l, int status,
			     const char *reason)
{
	struct conference *c = &b->conf;
	bool operator_in = c->state == CONF_MIXING;
	char text[400];

	(void)reason;
	if (!board_in_conference(b, l->id))
		return false;
	conf_forget(c, l->id);
	if (c->handed_over) {
		if (c->nlegs == 0)
			conf_clear(b);
		return true;
	}
	if (c->state == CONF_HANDING_OVER && l->id != c->referred) {
		/* the other party replaced our dialog (that is how it
		 * succeeds) or hung up (then the REFER fails): wait */
		return true;
	}
	if (status >= 300)
		snprintf(text, sizeof(text), "%s left the conference (%s, %d)",
			 board_line_label(l), board_status_words(status),
			 status);
	else
		snprintf(text, sizeof(text), "%s left the conference",
			 board_line_label(l));
	if (c->nlegs >= 2) {
		if (c->state == CONF_HANDING_OVER)
			c->state = CONF_BRIDGED;
		conf_apply(b);
		board_status(b, false, "%s", text);
		return true;
	}
	board_status(b, false, "%s", text);
	if (c->nlegs == 1)
		conf_last_one(b, c->legs[0], operator_in);
	else
		conf_clear(b);
	return true;
}

static bool conf_refer_result(struct board *b, line_id id, int status,
			      const char *reason)
{
	struct conference *c = &b->conf;
	line_id other = 0;
	char text[400], why[300];
	size_t i;

	if (c->state != CONF_HANDING_OVER || id != c->referred ||
	    c->handed_over)
		return false;
	if (status < 200)
		return true;
	for (i = 0; i < c->nlegs; i++) {
		if (c->legs[i] != id)
			other = c->legs[i];
	}
	if (status < 300) {
		struct line *a = board_line(b, id), *o = board_line(b, other);
		struct board_event ev = { .type = EV_TRANSFERRED };
		char said[NARRATE_MAX];

		snprintf(text, sizeof(text), "%s", c->handover);
		c->handed_over = true;
		for (i = 0; i < c->nlegs; i++) {
			struct line *l = board_line(b, c->legs[i]);

			if (l) {
				l->transferred = true;
				l->handover = HANDOVER_CONFERENCE;
				snprintf(l->handed_to, sizeof(l->handed_to),
					 "%s", c->handover);
			}
		}
		/* the outcome in the event's words: who is now with whom */
		ev.line = a;
		ev.status = status;
		ev.text = text;
		narrate(b, &ev, said, sizeof(said));
		board_status(b, false, "%s", said[0] ? said : text);
		board_emit(b, EV_TRANSFERRED, a, status, text);
		board_emit(b, EV_CONFERENCE, NULL, status, "handed-over");
		if (o)
			b->ops->hangup(b->phone, other, 0);
		if (c->nlegs == 0)
			conf_clear(b);
		return true;
	}
	snprintf(why, sizeof(why), "— hand-over failed: %s (%d)",
		 board_status_words(status), status);
	snprintf(text, sizeof(text), "Hand-over of %s: %d %s", c->handover,
		 status, reason ? reason : "");
	board_log(b, 1, text);
	if (c->nlegs >= 2) {
		conf_bridge(b, why);
	}
	else if (c->nlegs == 1) {
		conf_last_one(b, c->legs[0], false);
	}
	else {
		conf_clear(b);
	}
	return true;
}

void board_conf_step_out(struct board *b, line_id keep)
{
	struct conference *c = &b->conf;
	char text[BOARD_HINT_MAX];

	if (c->state != CONF_MIXING || board_in_conference(b, keep))
		return;
	c->state = CONF_BRIDGED;
	conf_apply(b);
	snprintf(text, sizeof(text), "The conference goes on without you "
		 "(%s rejoins)", board_key(b, "merge"));
	board_log(b, 0, text);
	board_emit(b, EV_CONFERENCE, NULL, 0, "bridged");
}

static void conf_tick(struct board *b, int64_t now)
{
	struct conference *c = &b->conf;

	if (c->state == CONF_HANDING_OVER && !c->handed_over &&
	    now >= c->deadline_ms)
		conf_refer_result(b, c->referred, 408,
					"no final answer in time");
}

const struct op_kind op_conference = {
	.name = "conference",
	.closed = conf_line_closed,
	.refer_result = conf_refer_result,
	.tick = conf_tick,
};
