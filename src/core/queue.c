/*
 * queue.c — the waiting room (queue.h). Who waits is read off the lines
 * whenever the board changes (op_event) and once a second (tick); the
 * queue keeps per line only when each wait began and what the lines do
 * not say (company line, priority, reminders).
 */
#include "queue.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "board_int.h"
#include "duration.h"
#include "operation.h"

struct qentry {
	struct queue_entry pub;
	bool counted;             /* its answer is in today's figures */
	bool waited_counted;      /* its wait is in the average */
	bool hung_up_here;        /* the operator ended it: not abandoned */
};

struct queue_state {
	bool configured;
	struct queue_config cfg;
	struct company_line *lines;
	size_t nlines;
	struct qentry *entries;   /* one per line of the board */
	size_t nentries, size;
	const struct queue_entry **order;   /* queue_order's answer */
	size_t norder;
	struct queue_stats stats;
};

extern const struct op_kind op_queue;

static struct queue_state *queue_of(struct board *b)
{
	struct queue_state *st = op_state(b, &op_queue);

	if (st && !st->configured) {
		queue_config_defaults(&st->cfg);
		st->configured = true;
	}
	return st;
}

int queue_configure(struct board *b, const struct queue_config *cfg,
		    const struct company_line *lines, size_t nlines)
{
	struct queue_state *st = queue_of(b);
	struct company_line *copy = NULL;

	if (!st)
		return ENOMEM;
	if (nlines) {
		copy = calloc(nlines, sizeof(*copy));
		if (!copy)
			return ENOMEM;
		memcpy(copy, lines, nlines * sizeof(*copy));
	}
	free(st->lines);
	st->lines = copy;
	st->nlines = nlines;
	st->cfg = *cfg;
	return 0;
}

const struct queue_config *queue_settings(struct board *b)
{
	static struct queue_config defaults;
	struct queue_state *st = queue_of(b);

	if (!st) {
		queue_config_defaults(&defaults);
		return &defaults;
	}
	return &st->cfg;
}

/* The entries are in line id order, as the board's lines are, so a
 * sync is one walk over both and a lookup a binary search. */
static struct qentry *entry_find(struct queue_state *st, line_id id)
{
	size_t lo = 0, hi = st->nentries;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (st->entries[mid].pub.id == id)
			return &st->entries[mid];
		if (st->entries[mid].pub.id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* A new entry for L at AT, where its id keeps the order. */
static struct qentry *entry_add(struct queue_state *st, size_t at,
				const struct line *l)
{
	struct qentry *e;

	if (st->nentries == st->size) {
		size_t size = st->size ? st->size * 2 : 16;
		struct qentry *n = realloc(st->entries, size * sizeof(*n));

		if (!n)
			return NULL;
		st->entries = n;
		st->size = size;
	}
	memmove(&st->entries[at + 1], &st->entries[at],
		(st->nentries - at) * sizeof(*e));
	st->nentries++;
	e = &st->entries[at];
	memset(e, 0, sizeof(*e));
	e->pub.id = l->id;
	e->pub.company = -1;
	e->pub.arrived_ms = l->created_ms;
	e->pub.since_ms = l->created_ms;
	return e;
}

static enum wait_kind wait_kind_of(struct board *b, const struct line *l)
{
	const struct xfer *x = board_xfer_of(b, l->id);

	/* on its way to a colleague: the transfer's recall watches it */
	if (x && x->caller == l->id && x->state != XFER_CONSULTING)
		return WAIT_NONE;
	if (l->state == LINE_ENDED)
		return WAIT_NONE;
	if (l->state == LINE_OFFERED)
		return l->dir == LINE_INBOUND && !l->pickup_of ?
			WAIT_RINGING : WAIT_NONE;
	if (board_camped_on(b, l->id))
		return WAIT_CAMPED;
	if (l->park_slot)
		return WAIT_PARKED;
	if (l->state != LINE_HELD)
		return WAIT_NONE;
	return l->recall ? WAIT_RECALLED : WAIT_HELD;
}

/* The first reminder of a wait of KIND that began at SINCE, or 0. */
static int64_t first_reminder(const struct queue_config *c,
			      enum wait_kind kind, int64_t since)
{
	switch (kind) {
	case WAIT_RINGING:
		return c->answer_alert_after_s > 0 ?
			since + c->answer_alert_after_s * 1000LL : 0;
	case WAIT_HELD:
	case WAIT_PARKED:
	case WAIT_RECALLED:
		return c->hold_reminder_after_s > 0 ?
			since + c->hold_reminder_after_s * 1000LL : 0;
	case WAIT_NONE:
	case WAIT_CAMPED:      /* camp-on keeps its own timers */
		break;
	}
	return 0;
}

/* Brings the entries in line with the board: new lines get one, lines
 * gone lose theirs, a line whose kind of wait changed starts anew. */
static void queue_sync(struct board *b, struct queue_state *st)
{
	int64_t now = b->now_ms();
	size_t i, j, kept = 0;

	for (i = 0, j = 0; j < st->nentries; j++) {
		while (i < b->nlines && b->lines[i].id < st->entries[j].pub.id)
			i++;
		if (i < b->nlines && b->lines[i].id == st->entries[j].pub.id)
			st->entries[kept++] = st->entries[j];
	}
	st->nentries = kept;
	for (i = 0, j = 0; i < b->nlines; i++) {
		const struct line *l = &b->lines[i];
		struct qentry *e;
		enum wait_kind kind;

		while (j < st->nentries && st->entries[j].pub.id < l->id)
			j++;
		e = j < st->nentries && st->entries[j].pub.id == l->id ?
			&st->entries[j] : NULL;
		/* closing: its wait stands until the close is counted */
		if (l->state == LINE_ENDED)
			continue;
		kind = wait_kind_of(b, l);
		if (!e) {
			e = entry_add(st, j, l);
			if (!e)
				continue;
			e->pub.kind = kind;
			e->pub.next_reminder_ms = first_reminder(&st->cfg, kind,
								 e->pub.since_ms);
			continue;
		}
		if (e->pub.kind == kind)
			continue;
		if (e->pub.kind != WAIT_NONE)
			e->pub.waited_ms += now - e->pub.since_ms;
		e->pub.kind = kind;
		e->pub.since_ms = now;
		e->pub.alarm = false;
		e->pub.next_reminder_ms = first_reminder(&st->cfg, kind, now);
		board_touch(b, DIRTY_CALLS);
	}
}

int64_t queue_waited_s(const struct queue_entry *e, int64_t now_ms)
{
	int64_t ms = e->waited_ms;

	if (e->kind != WAIT_NONE && now_ms > e->since_ms)
		ms += now_ms - e->since_ms;
	return ms / 1000;
}

int64_t queue_in_state_s(const struct queue_entry *e, int64_t now_ms)
{
	return now_ms > e->since_ms ? (now_ms - e->since_ms) / 1000 : 0;
}

/* True when A waits ahead of B: priority, then the longer wait, then
 * who came first. */
static bool waits_ahead(const struct queue_entry *a,
			const struct queue_entry *b, int64_t now)
{
	int64_t wa = a->waited_ms + (now - a->since_ms);
	int64_t wb = b->waited_ms + (now - b->since_ms);

	if (a->priority != b->priority)
		return a->priority > b->priority;
	if (wa != wb)
		return wa > wb;
	if (a->arrived_ms != b->arrived_ms)
		return a->arrived_ms < b->arrived_ms;
	return a->id < b->id;
}

size_t queue_order(struct board *b, const struct queue_entry **out,
		   size_t max)
{
	struct queue_state *st = queue_of(b);
	int64_t now = b->now_ms();
	size_t i, j, n = 0;

	if (!st)
		return 0;
	queue_sync(b, st);
	if (st->norder < st->nentries) {
		const struct queue_entry **o = realloc(st->order,
			st->nentries * sizeof(*o));

		if (!o)
			return 0;
		st->order = o;
		st->norder = st->nentries;
	}
	/* insertion sort: a few hundred callers at most, mostly in order */
	for (i = 0; i < st->nentries; i++) {
		const struct queue_entry *e = &st->entries[i].pub;

		if (e->kind == WAIT_NONE)
			continue;
		for (j = n; j > 0 && waits_ahead(e, st->order[j - 1], now); j--)
			st->order[j] = st->order[j - 1];
		st->order[j] = e;
		n++;
	}
	for (i = 0; out && i < n && i < max; i++)
		out[i] = st->order[i];
	return n;
}

const struct queue_entry *queue_entry_of(struct board *b, line_id id)
{
	struct queue_state *st = queue_of(b);
	struct qentry *e;

	if (!st)
		return NULL;
	e = entry_find(st, id);
	if (!e && board_line(b, id)) {
		queue_sync(b, st);
		e = entry_find(st, id);
	}
	return e ? &e->pub : NULL;
}

const struct company_line *queue_company_of(struct board *b, line_id id)
{
	struct queue_state *st = queue_of(b);
	const struct queue_entry *e = queue_entry_of(b, id);

	if (!st || !e || e->company < 0 || (size_t)e->company >= st->nlines)
		return NULL;
	return &st->lines[e->company];
}

const char *queue_wait_words(struct board *b, const struct queue_entry *e,
			     char *buf, size_t sz)
{
	const char *who;

	switch (e->kind) {
	case WAIT_RINGING:  return "ringing";
	case WAIT_HELD:     return "on hold";
	case WAIT_PARKED:   return "parked";
	case WAIT_RECALLED: return "back";
	case WAIT_CAMPED:
		who = board_camped_on(b, e->id);
		snprintf(buf, sz, "waiting for %s", who ? who : "a colleague");
		return buf;
	case WAIT_NONE:
		break;
	}
	return "";
}

static line_id first_of(struct board *b, bool asking)
{
	const struct queue_entry *e;
	struct queue_state *st;
	size_t i, n = queue_order(b, NULL, 0);

	st = queue_of(b);
	for (i = 0; st && i < n; i++) {
		e = st->order[i];
		if ((e->kind == WAIT_RINGING || e->kind == WAIT_RECALLED) ==
		    asking)
			return e->id;
	}
	return 0;
}

line_id queue_next_to_answer(struct board *b)
{
	return first_of(b, true);
}

line_id queue_next_waiting(struct board *b)
{
	return first_of(b, false);
}

const struct queue_stats *queue_stats(struct board *b)
{
	static const struct queue_stats none;
	struct queue_state *st = queue_of(b);

	return st ? &st->stats : &none;
}

void queue_stats_seen(struct board *b)
{
	struct queue_state *st = queue_of(b);

	if (st && st->stats.abandoned_unseen) {
		st->stats.abandoned_unseen = 0;
		board_touch(b, DIRTY_CALLS);
	}
}

void queue_stats_count(struct board *b, bool answered, bool abandoned,
		       int64_t waited_s, unsigned reminders)
{
	struct queue_state *st = queue_of(b);

	if (!st)
		return;
	st->stats.answered += answered;
	st->stats.abandoned += abandoned;
	st->stats.abandoned_unseen += abandoned;
	st->stats.reminders += reminders;
	if (waited_s >= 0 && (answered || abandoned)) {
		st->stats.waits++;
		st->stats.wait_total_s += waited_s;
		if (waited_s > st->stats.wait_longest_s)
			st->stats.wait_longest_s = waited_s;
	}
}

void queue_hung_up_by_operator(struct board *b, line_id id)
{
	struct queue_state *st = queue_of(b);
	struct qentry *e = st ? entry_find(st, id) : NULL;

	if (e)
		e->hung_up_here = true;
}

int board_stats(struct board *b)
{
	const struct queue_stats *s = queue_stats(b);
	char avg[DURATION_TEXT_SIZE], longest[DURATION_TEXT_SIZE];

	duration_minutes_text(avg, sizeof(avg),
			      s->waits ? s->wait_total_s / s->waits : 0);
	duration_minutes_text(longest, sizeof(longest), s->wait_longest_s);
	board_status(b, false, "Today: %u answered, %u hung up while waiting, "
		     "wait %s average, %s longest, %u reminder%s",
		     s->answered, s->abandoned, avg, longest, s->reminders,
		     s->reminders == 1 ? "" : "s");
	queue_stats_seen(b);
	return 0;
}

/* The contact a caller's number belongs to, for its priority. */
static const struct extension *contact_of(struct board *b,
					  const struct line *l)
{
	char user[128];
	size_t i;

	if (!l->number[0])
		return NULL;
	for (i = 0; i < b->nexts; i++) {
		const struct extension *x = &b->exts[i];

		if (!strcmp(x->number, l->number))
			return x;
		if (x->uri[0]) {
			line_number_from_uri(user, sizeof(user), x->uri);
			if (!strcmp(user, l->number))
				return x;
		}
	}
	return NULL;
}

static bool queue_offered(struct board *b, struct line *l,
			  const char *dialled)
{
	struct queue_state *st = queue_of(b);
	const struct extension *x;
	struct qentry *e;
	size_t i;

	if (!st)
		return false;
	queue_sync(b, st);
	e = entry_find(st, l->id);
	if (!e)
		return false;
	for (i = 0; dialled && i < st->nlines; i++) {
		if (!strcmp(st->lines[i].number, dialled)) {
			e->pub.company = (int)i;
			e->pub.priority = st->lines[i].priority;
			break;
		}
	}
	x = contact_of(b, l);
	if (x && x->priority > e->pub.priority)
		e->pub.priority = x->priority;
	if (x && x->vip) {
		e->pub.vip = true;
		e->pub.priority = SETTINGS_VIP_PRIORITY;
	}
	return false;
}

/* Answered by the operator: the company line's greeting is what to say. */
static bool queue_answered(struct board *b, struct line *l)
{
	const struct company_line *c = queue_company_of(b, l->id);

	if (!c || l->dir != LINE_INBOUND)
		return false;
	if (c->greeting[0])
		board_status(b, false, "%s: %s", c->company, c->greeting);
	else
		board_status(b, false, "Connected to %s on the %s line",
			     board_line_label(l), c->company);
	return true;
}

/* L's caller hung up while waiting for the operator: its entry. */
static struct qentry *abandoned(struct queue_state *st, const struct line *l)
{
	struct qentry *e = entry_find(st, l->id);

	if (!e || e->pub.kind == WAIT_NONE || e->hung_up_here ||
	    l->transferred || l->dir != LINE_INBOUND ||
	    l->handover == HANDOVER_ELSEWHERE)
		return NULL;
	return e;
}

/* Counted whatever operation the caller was in. */
static void queue_closing(struct board *b, struct queue_state *st,
			  const struct board_event *ev)
{
	struct qentry *e = abandoned(st, ev->line);
	int64_t now = b->now_ms();

	if (!e)
		return;
	queue_stats_count(b, false, true, e->waited_counted ? -1 :
			  queue_waited_s(&e->pub, now), 0);
	e->waited_counted = true;
	e->pub.waited_ms += now - e->pub.since_ms;
	e->pub.since_ms = now;
	e->pub.kind = WAIT_NONE;
	e->pub.abandoned = true;
}

/* Said when no operation had news of its own about the close. */
static bool queue_closed(struct board *b, struct line *l, int status,
			 const char *reason)
{
	struct queue_state *st = queue_of(b);
	struct qentry *e = st ? abandoned(st, l) : NULL;
	char at[DURATION_TEXT_SIZE];

	if (!e)
		return false;
	duration_minutes_text(at, sizeof(at),
			      queue_waited_s(&e->pub, b->now_ms()));
	board_status(b, false, "%s hung up after waiting %s",
		     board_line_label(l), at);
	return true;
}

static void queue_event(struct board *b, const struct board_event *ev)
{
	struct queue_state *st = queue_of(b);
	struct qentry *e;

	if (!st || ev->type == EV_REMINDER || ev->type == EV_RESULT ||
	    ev->type == EV_ERROR || ev->type == EV_PRESENCE ||
	    ev->type == EV_LINE_STATE)
		return;
	if (ev->type == EV_LINE_CLOSED && ev->line) {
		queue_closing(b, st, ev);
		return;
	}
	queue_sync(b, st);
	if (ev->type != EV_LINE_ANSWERED || !ev->line ||
	    ev->line->dir != LINE_INBOUND)
		return;
	e = entry_find(st, ev->line->id);
	if (!e || e->counted)
		return;
	e->counted = true;
	e->waited_counted = true;
	queue_stats_count(b, true, false, queue_waited_s(&e->pub,
							 b->now_ms()), 0);
}

/* A reminder: the sentence and the event (whose tone cues.c plays on
 * the ring device). It never changes a call. A call ringing too long is told
 * once, in the log, for its row shows the alarm: the status line keeps
 * what the operator is doing (a greeting to say); a caller left on hold
 * is told on the status line, again every hold_reminder_after. */
static void remind(struct board *b, struct qentry *e, const struct line *l,
		   int64_t now)
{
	const struct queue_config *c = queue_settings(b);
	char words[160], at[DURATION_TEXT_SIZE], text[300];
	char hint[BOARD_HINT_MAX];
	bool ringing = e->pub.kind == WAIT_RINGING;
	int every = ringing ? c->answer_alert_after_s :
		c->hold_reminder_after_s;

	e->pub.alarm = true;
	e->pub.reminders++;
	e->pub.next_reminder_ms += every * 1000LL;
	if (e->pub.next_reminder_ms <= now)
		e->pub.next_reminder_ms = now + every * 1000LL;
	if (ringing)
		e->pub.next_reminder_ms = 0;
	queue_stats_count(b, false, false, -1, 1);
	duration_minutes_text(at, sizeof(at), queue_in_state_s(&e->pub, now));
	if (ringing)
		board_keys_hint(b, hint, sizeof(hint), "answer", "answers",
				NULL);
	else if (e->pub.kind == WAIT_PARKED)
		board_keys_hint(b, hint, sizeof(hint), "pickup", "picks up",
				NULL);
	else
		board_keys_hint(b, hint, sizeof(hint), "hold", "retrieves",
				NULL);
	if (ringing)
		snprintf(text, sizeof(text), "%s has been ringing %s - %s",
			 board_line_label(l), at, hint);
	else if (e->pub.kind == WAIT_PARKED)
		snprintf(text, sizeof(text), "%s parked %s in slot %u - %s",
			 board_line_label(l), at, l->park_slot, hint);
	else
		snprintf(text, sizeof(text), "%s %s %s - %s",
			 board_line_label(l),
			 queue_wait_words(b, &e->pub, words, sizeof(words)),
			 at, hint);
	if (ringing)   /* board_emit logs it (a warning) */
		board_emit(b, EV_REMINDER, l, 0, text);
	else
		board_notice(b, EV_REMINDER, l, "%s", text);
}

static void queue_tick(struct board *b, int64_t now)
{
	struct queue_state *st = queue_of(b);
	size_t i;

	if (!st)
		return;
	queue_sync(b, st);
	for (i = 0; i < st->nentries; i++) {
		struct qentry *e = &st->entries[i];
		line_id id = e->pub.id;
		const struct line *l;

		if (e->pub.kind == WAIT_RINGING && !e->pub.overflowed &&
		    st->cfg.overflow_after_s > 0 && st->cfg.overflow_target[0] &&
		    now - e->pub.since_ms >= st->cfg.overflow_after_s * 1000LL) {
			e->pub.overflowed = true;
			board_overflow(b, id, st->cfg.overflow_target);
			st = queue_of(b);
			if (!st || !entry_find(st, id))
				return;
			continue;
		}
		if (e->pub.kind == WAIT_NONE || !e->pub.next_reminder_ms ||
		    now < e->pub.next_reminder_ms)
			continue;
		l = board_line(b, id);
		if (!l)
			continue;
		remind(b, e, l, now);
		/* a reminder may have changed the board: find ours again */
		st = queue_of(b);
		if (!st || !entry_find(st, id))
			return;
		board_touch(b, DIRTY_CALLS);
	}
}

static void queue_destroy(struct board *b, void *state)
{
	struct queue_state *st = state;

	(void)b;
	free(st->lines);
	free(st->entries);
	free(st->order);
}

const struct op_kind op_queue = {
	.name = "queue",
	.offered = queue_offered,
	.answered = queue_answered,
	.closed = queue_closed,
	.tick = queue_tick,
	.event = queue_event,
	.state_size = sizeof(struct queue_state),
	.destroy = queue_destroy,
};
