/*
 * board.c — the switchboard rules for answer, hold, dial and hang up.
 */
#include "board.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "board_int.h"
#include "narrate.h"
#include "operation.h"
#include "queue.h"
#include "sanitize.h"
#include "target.h"

int board_init(struct board *b, const struct phone_ops *ops, void *phone,
	       int64_t (*now_ms)(void))
{
	int err = 0;

	memset(b, 0, sizeof(*b));
	b->lines = calloc(BOARD_MAX_LINES, sizeof(*b->lines));
	b->log = calloc(BOARD_LOG_LINES, sizeof(*b->log));
	if (!b->lines || !b->log) {
		err = ENOMEM;
		goto out;
	}
	b->ops = ops;
	b->phone = phone;
	b->now_ms = now_ms;
	b->next_id = 1;
	b->dirty = DIRTY_ALL;
	snprintf(b->default_domain, sizeof(b->default_domain), "127.0.0.1");
	settings_defaults(&b->xcfg, &b->icfg, &b->pcfg);
 out:
	if (err)
		board_close(b);
	return err;
}

void board_close(struct board *b)
{
	size_t i;

	op_states_free(b);
	for (i = 0; i < b->nxfers; i++)
		free(b->xfers[i]);
	free(b->xfers);
	free(b->lines);
	free(b->log);
	b->xfers = NULL;
	b->lines = NULL;
	b->log = NULL;
	b->nxfers = b->xfers_size = 0;
	b->nlines = 0;
	b->log_count = 0;
}

void board_set_extensions(struct board *b, struct extension *exts, size_t n)
{
	b->exts = exts;
	b->nexts = n;
	board_exts_sort(b);
	board_touch(b, DIRTY_EXTS);
}

void board_set_started(struct board *b, board_started_fn *fn, void *arg)
{
	b->started_fn = fn;
	b->started_arg = arg;
}

void board_started(struct board *b, line_id id, bool dialled)
{
	if (b->started_fn)
		b->started_fn(b->started_arg, id, dialled);
}

void board_touch(struct board *b, unsigned dirty)
{
	b->dirty |= dirty;
	if (b->on_change)
		b->on_change(b->on_change_arg);
}

int board_observe(struct board *b, board_observer_fn *fn, void *arg)
{
	size_t max = sizeof(b->observers) / sizeof(b->observers[0]);

	if (b->nobservers >= max)
		return ENOSPC;
	b->observers[b->nobservers].fn = fn;
	b->observers[b->nobservers].arg = arg;
	b->nobservers++;
	return 0;
}

void board_set_key_names(struct board *b, board_key_fn *fn, void *arg)
{
	b->key_fn = fn;
	b->key_arg = arg;
}

const char *board_key(struct board *b, const char *action)
{
	char *out = b->key_names[b->key_next];

	b->key_next = (b->key_next + 1) % BOARD_KEY_NAMES;
	if (!b->key_fn || !b->key_fn(b->key_arg, action, out,
				      BOARD_KEY_NAME_MAX) || !*out)
		snprintf(out, BOARD_KEY_NAME_MAX, ":%s", action);
	return out;
}

void board_emit(struct board *b, enum board_event_type type,
		const struct line *l, int status, const char *text)
{
	struct board_event ev = { type, l, status, text, NULL };
	char sentence[NARRATE_MAX];
	size_t i;

	op_event(b, &ev);
	if (narrate(b, &ev, sentence, sizeof(sentence))) {
		ev.sentence = sentence;
		board_log_sentence(b, type == EV_ERROR ? 2 :
				   type == EV_REMINDER ? 1 : 0, sentence);
	}
	for (i = 0; i < b->nobservers; i++)
		b->observers[i].fn(b->observers[i].arg, &ev);
}

static void status_say(struct board *b, bool error,
		       enum board_event_type type, const struct line *l,
		       const char *fmt, va_list ap)
	__attribute__((format(printf, 5, 0)));

static void status_say(struct board *b, bool error,
		       enum board_event_type type, const struct line *l,
		       const char *fmt, va_list ap)
{
	char raw[256];

	vsnprintf(raw, sizeof(raw), fmt, ap);
	sanitize_text(b->status, sizeof(b->status), raw, strlen(raw));
	b->status_error = error;
	board_touch(b, DIRTY_STATUS);
	/* board_emit logs it: the status line's text is its sentence */
	board_emit(b, type, l, 0, b->status);
}

void board_status(struct board *b, bool error, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	status_say(b, error, error ? EV_ERROR : EV_RESULT, NULL, fmt, ap);
	va_end(ap);
}

void board_notice(struct board *b, enum board_event_type type,
		  const struct line *l, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	status_say(b, false, type, l, fmt, ap);
	va_end(ap);
}

/* An event's sentence the status line has just said is logged once. */
void board_log_sentence(struct board *b, int level, const char *text)
{
	const struct board_log_line *last = b->log_count ?
		board_log_at(b, b->log_count - 1) : NULL;

	size_t n = strlen(text);

	if (last && last->source == LOG_SENTENCE && !strcmp(text, b->status) &&
	    !strcmp(last->text, text))
		return;
	/* "Alice Martin answered" with its key hints said it already */
	if (last && last->source == LOG_SENTENCE &&
	    !strncmp(last->text, text, n) && strchr(":,", last->text[n]) &&
	    last->text[n])
		return;
	board_log_from(b, LOG_SENTENCE, level, text);
}

void board_log(struct board *b, int level, const char *text)
{
	board_log_from(b, LOG_CONSOLE, level, text);
}

void board_log_from(struct board *b, enum log_source source, int level,
		    const char *text)
{
	size_t slot = (b->log_head + b->log_count) % BOARD_LOG_LINES;
	struct board_log_line *ll;

	if (b->log_count == BOARD_LOG_LINES) {
		slot = b->log_head;
		b->log_head = (b->log_head + 1) % BOARD_LOG_LINES;
	}
	else {
		b->log_count++;
	}
	ll = &b->log[slot];
	ll->level = level;
	ll->source = source;
	ll->at_ms = b->now_ms ? b->now_ms() : 0;
	sanitize_text(ll->text, sizeof(ll->text), text, strlen(text));
	board_touch(b, DIRTY_LOG);
}

const struct board_log_line *board_log_at(const struct board *b, size_t i)
{
	if (i >= b->log_count)
		return NULL;
	return &b->log[(b->log_head + i) % BOARD_LOG_LINES];
}

struct line *board_line(struct board *b, line_id id)
{
	size_t i;

	for (i = 0; i < b->nlines; i++) {
		if (b->lines[i].id == id)
			return &b->lines[i];
	}
	return NULL;
}

struct line *board_talking_line(struct board *b)
{
	size_t i;

	for (i = 0; i < b->nlines; i++) {
		if (b->lines[i].state == LINE_TALKING)
			return &b->lines[i];
	}
	return NULL;
}

size_t board_count_live(const struct board *b)
{
	return b->nlines;
}

const char *board_line_label(const struct line *l)
{
	return l->name[0] ? l->name : (l->number[0] ? l->number : l->uri);
}

struct line *board_line_add(struct board *b, enum line_dir dir,
			     const char *name, const char *uri)
{
	struct line *l;

	if (b->nlines >= BOARD_MAX_LINES)
		return NULL;
	l = &b->lines[b->nlines++];
	memset(l, 0, sizeof(*l));
	l->id = b->next_id++;
	l->dir = dir;
	l->state = dir == LINE_INBOUND ? LINE_OFFERED : LINE_DIALING;
	l->created_ms = b->now_ms();
	sanitize_text(l->name, sizeof(l->name), name ? name : "",
		      name ? strlen(name) : 0);
	sanitize_text(l->uri, sizeof(l->uri), uri ? uri : "",
		      uri ? strlen(uri) : 0);
	line_number_from_uri(l->number, sizeof(l->number), l->uri);
	board_touch(b, DIRTY_CALLS);
	return l;
}

void board_line_remove(struct board *b, line_id id)
{
	size_t i;

	for (i = 0; i < b->nlines; i++) {
		if (b->lines[i].id != id)
			continue;
		memmove(&b->lines[i], &b->lines[i + 1],
			(b->nlines - i - 1) * sizeof(b->lines[0]));
		b->nlines--;
		board_touch(b, DIRTY_CALLS);
		board_ringer_update(b);
		return;
	}
}

/* Puts the line the operator is talking on aside before another one is
 * taken, so the operator is never in two conversations at once. */
int board_hold_talking_except(struct board *b, line_id keep)
{
	struct line *t = board_talking_line(b);
	line_id id;
	int err;

	board_conf_step_out(b, keep);
	if (!t || t->id == keep)
		return 0;
	id = t->id;
	err = b->ops->hold(b->phone, id, true);
	t = board_line(b, id);
	if (err) {
		board_status(b, true, "Could not hold %s: %s",
			     t ? board_line_label(t) : "call", strerror(err));
		return err;
	}
	if (t) {
		t->state = LINE_HELD;
		board_touch(b, DIRTY_CALLS);
		board_emit(b, EV_LINE_HELD, t, 0, NULL);
	}
	return 0;
}

static struct line *pick_line(struct board *b, line_id id)
{
	return id ? board_line(b, id) : NULL;
}

int board_answer(struct board *b, line_id id)
{
	struct line *l = pick_line(b, id);
	int err;

	if (!l || l->state != LINE_OFFERED)
		l = id ? NULL : board_line(b, queue_next_to_answer(b));
	if (!l) {
		board_status(b, true, "No ringing call to answer");
		return ENOENT;
	}
	/* the head of the queue may be a caller back from a transfer */
	if (l->state == LINE_HELD)
		return board_hold_toggle(b, l->id);
	id = l->id;
	err = board_hold_talking_except(b, id);
	if (err)
		return err;
	err = b->ops->answer(b->phone, id);
	l = board_line(b, id);
	if (err) {
		board_status(b, true, "Could not answer %s: %s",
			     l ? board_line_label(l) : "call", strerror(err));
		return err;
	}
	if (l)
		board_status(b, false, "Answering %s", board_line_label(l));
	return 0;
}

int board_hold_toggle(struct board *b, line_id id)
{
	struct line *l = pick_line(b, id);
	bool on;
	int err;

	if (!l)
		l = board_talking_line(b);
	if (!l) {
		board_status(b, true, "No call to hold");
		return ENOENT;
	}
	if (board_in_conference(b, l->id)) {
		board_status(b, true, "%s is in the conference: %s splits, %s "
			     "drops", board_line_label(l), board_key(b, "split"),
			     board_key(b, "hangup"));
		return EINVAL;
	}
	if (l->state != LINE_TALKING && l->state != LINE_HELD) {
		board_status(b, true, "Line %u is %s: only a connected call "
			     "can be held", l->id, line_state_name(l->state));
		return EINVAL;
	}
	id = l->id;
	on = l->state == LINE_TALKING;
	if (!on) {
		err = board_hold_talking_except(b, id);
		if (err)
			return err;
	}
	err = b->ops->hold(b->phone, id, on);
	l = board_line(b, id);
	if (!l)
		return 0;
	if (err) {
		board_status(b, true, "Could not %s %s: %s",
			     on ? "hold" : "retrieve", board_line_label(l),
			     strerror(err));
		return err;
	}
	l->state = on ? LINE_HELD : LINE_TALKING;
	if (!on)
		l->recall = false;
	board_touch(b, DIRTY_CALLS);
	/* the words the event's sentence says too (narrate.c) */
	board_status(b, false, on ? "%s on hold" : "Talking to %s again",
		     board_line_label(l));
	board_emit(b, on ? EV_LINE_HELD : EV_LINE_RESUMED, l, 0, NULL);
	l = board_line(b, id);
	if (!on && l)
		board_unpark_retrieved(b, l);
	return 0;
}

int board_hangup(struct board *b, line_id id)
{
	struct line *l = pick_line(b, id);
	char label[256];
	int err;

	if (!l) {
		board_status(b, true, "No call selected to hang up");
		return ENOENT;
	}
	id = l->id;
	snprintf(label, sizeof(label), "%s", board_line_label(l));
	l->hung_up_here = true;
	queue_hung_up_by_operator(b, id);
	/* said first: what the close brings (a conference's news) wins */
	board_status(b, false, "Hung up %s", label);
	err = b->ops->hangup(b->phone, id, 0);
	if (err) {
		board_status(b, true, "Could not hang up %s: %s", label,
			     strerror(err));
		return err;
	}
	return 0;
}

int board_dial(struct board *b, const char *target)
{
	const struct extension *ext;
	char uri[256], msg[256];
	struct line *l;
	line_id id;
	int err;

	if (target_resolve(target, b->exts, b->nexts, b->default_domain,
			   uri, sizeof(uri), &ext, msg, sizeof(msg))
	    != TARGET_OK) {
		board_status(b, true, "Cannot dial: %s", msg);
		return EINVAL;
	}
	if (b->nlines >= BOARD_MAX_LINES) {
		board_status(b, true, "Cannot dial: all %d lines in use",
			     BOARD_MAX_LINES);
		return ENOSPC;
	}
	err = board_hold_talking_except(b, 0);
	if (err)
		return err;
	l = board_line_add(b, LINE_OUTBOUND, ext ? ext->name : "", uri);
	id = l->id;
	board_started(b, id, true);
	board_emit(b, EV_LINE_DIALING, l, 0, NULL);
	err = b->ops->dial(b->phone, id, uri, NULL);
	if (err) {
		board_status(b, true, "Could not dial %s: %s", uri,
			     strerror(err));
		l = board_line(b, id);
		if (l) {
			l->state = LINE_ENDED;
			board_emit(b, EV_LINE_CLOSED, l, 0, strerror(err));
			board_line_remove(b, id);
		}
		return err;
	}
	l = board_line(b, id);
	if (l)
		board_status(b, false, "Dialling %s", board_line_label(l));
	return 0;
}

int board_dtmf(struct board *b, char digit)
{
	struct line *l = board_talking_line(b);
	int err;

	if (!l) {
		board_status(b, true, "No connected call for DTMF '%c'", digit);
		return ENOENT;
	}
	err = b->ops->send_dtmf(b->phone, l->id, digit);
	if (err) {
		board_status(b, true, "DTMF '%c' failed: %s", digit,
			     strerror(err));
		return err;
	}
	board_status(b, false, "Sent DTMF %c", digit);
	return 0;
}

line_id board_on_offered(struct board *b, const char *name, const char *uri)
{
	return board_on_offered_to(b, name, uri, NULL);
}

line_id board_on_offered_to(struct board *b, const char *name,
			    const char *uri, const char *dialled)
{
	struct line *l = board_line_add(b, LINE_INBOUND, name, uri);
	struct board_event ev = { .type = EV_LINE_OFFERED };
	char said[NARRATE_MAX];
	line_id id;

	if (!l) {
		board_status(b, true, "Call from %s refused: all %d lines in use",
			     uri ? uri : "?", BOARD_MAX_LINES);
		return 0;
	}
	id = l->id;
	if (op_offered(b, l, dialled))
		return id;
	board_ringer_update(b);
	ev.line = l;
	narrate(b, &ev, said, sizeof(said));
	board_status(b, false, "%s", said);
	board_remember_caller(b, l);
	board_emit(b, EV_LINE_OFFERED, l, 0, NULL);
	return id;
}

void board_on_ringing(struct board *b, line_id id)
{
	struct line *l = board_line(b, id);

	if (!l || l->state != LINE_DIALING)
		return;
	l->state = LINE_RINGING_OUT;
	board_touch(b, DIRTY_CALLS);
	board_emit(b, EV_LINE_RINGING, l, 0, NULL);
}

void board_on_established(struct board *b, line_id id)
{
	struct line *l = board_line(b, id);

	if (!l)
		return;
	if (op_taken(b, l)) {
		board_ringer_update(b);
		return;
	}
	/* the operator dialled or answered this one: whoever else was on
	 * the line waits on hold */
	board_hold_talking_except(b, id);
	l = board_line(b, id);
	if (!l)
		return;
	l->state = LINE_TALKING;
	l->answered_ms = b->now_ms();
	board_touch(b, DIRTY_CALLS);
	board_ringer_update(b);
	if (!op_answered(b, l))
		board_status(b, false, "Connected to %s%s", board_line_label(l),
			     b->muted ? " (your microphone is muted)" : "");
	l = board_line(b, id);
	if (l)
		board_emit(b, EV_LINE_ANSWERED, l, 0, NULL);
}

void board_on_hold_changed(struct board *b, line_id id, bool held)
{
	struct line *l = board_line(b, id);

	if (!l || (l->state != LINE_TALKING && l->state != LINE_HELD))
		return;
	if ((l->state == LINE_HELD) != held) {
		l->state = held ? LINE_HELD : LINE_TALKING;
		board_touch(b, DIRTY_CALLS);
		board_emit(b, held ? EV_LINE_HELD : EV_LINE_RESUMED, l, 0,
			   NULL);
	}
	board_refer_dialog_free(b, id);
}

void board_on_closed(struct board *b, line_id id, int status,
		     const char *reason)
{
	struct line *l = board_line(b, id);
	char text[NARRATE_MAX];
	bool lone_page;

	if (!l)
		return;
	lone_page = l->page && !board_xfer_of(b, id);
	l->state = LINE_ENDED;
	/* what the close means to the operator, never the SIP reason alone
	 * ("Connection reset by user" is how the console's own hang-up
	 * ends), and nothing over the outcome the operator already read */
	narrate_close(b, l, status, text, sizeof(text));
	if (!op_closed(b, l, status, reason) && !l->transferred &&
	    !l->hung_up_here && text[0])
		board_status(b, status >= 400, "%s", text);
	l = board_line(b, id);
	if (!l)
		return;
	if (lone_page)
		board_emit(b, EV_PAGE, l, status, "ended");
	board_emit(b, EV_LINE_CLOSED, l, status, reason);
	board_line_remove(b, id);
}

void board_on_refer_result(struct board *b, line_id caller, int status,
			   const char *reason)
{
	op_refer_result(b, caller, status, reason);
}

void board_tick(struct board *b)
{
	op_tick(b, b->now_ms());
}

void board_on_registration(struct board *b, enum reg_state st,
			   const char *text)
{
	b->reg = st;
	sanitize_text(b->reg_text, sizeof(b->reg_text), text ? text : "",
		      text ? strlen(text) : 0);
	board_touch(b, DIRTY_STATUS);
	board_emit(b, EV_REGISTRATION, NULL, 0, b->reg_text);
}
