/*
 * fake_phone.c — records operations instead of making calls.
 */
#include "fake_phone.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int64_t fake_now = 1000000;

int64_t fake_clock(void)
{
	return fake_now;
}

static int record(struct fake_phone *f, const char *what, line_id id,
		  int arg, const char *uri)
{
	struct fake_op *op;
	int err = f->fail_next;

	if (err && f->fail_what[0] && strcmp(f->fail_what, what))
		err = 0;
	if (err) {
		f->fail_next = 0;
		f->fail_what[0] = '\0';
		return err;
	}
	if (f->nops == (int)(sizeof(f->ops) / sizeof(f->ops[0])))
		return 0;
	op = &f->ops[f->nops++];
	snprintf(op->what, sizeof(op->what), "%s", what);
	op->id = id;
	op->arg = arg;
	snprintf(op->uri, sizeof(op->uri), "%s", uri ? uri : "");
	return 0;
}

static int fake_dial(void *ctx, line_id id, const char *uri,
		     const struct dial_opts *opts)
{
	struct fake_phone *f = ctx;
	const char *display = opts ? opts->display : NULL;
	int err = record(f, "dial", id, opts ? (int)opts->intercom : 0, uri);

	if (err)
		return err;
	snprintf(f->last_display, sizeof(f->last_display), "%s",
		 display ? display : "");
	snprintf(f->last_header, sizeof(f->last_header), "%s",
		 opts && opts->header ? opts->header : "");
	return 0;
}

static int fake_answer(void *ctx, line_id id)
{
	return record(ctx, "answer", id, 0, NULL);
}

static int fake_hangup(void *ctx, line_id id, int status)
{
	struct fake_phone *f = ctx;
	int err = record(f, "hangup", id, status, NULL);

	if (!err && f->close_on_hangup)
		board_on_closed(f->board, id, 0, "Connection reset by user");
	return err;
}

static int fake_hold(void *ctx, line_id id, bool on)
{
	return record(ctx, "hold", id, on, NULL);
}

static bool fake_busy(void *ctx, line_id id)
{
	const struct fake_phone *f = ctx;

	return id && f->busy_line == id;
}

static int fake_dtmf(void *ctx, line_id id, char digit)
{
	return record(ctx, "dtmf", id, digit, NULL);
}

static int fake_refer(void *ctx, line_id id, const char *uri)
{
	return record(ctx, "refer", id, 0, uri);
}

static int fake_refer_replaces(void *ctx, line_id caller, line_id consult)
{
	return record(ctx, "refer_replaces", caller, (int)consult, NULL);
}

static int fake_mute(void *ctx, bool on)
{
	struct fake_phone *f = ctx;

	f->muted = on;
	return 0;
}

static int fake_volume(void *ctx, int db)
{
	struct fake_phone *f = ctx;

	f->volume_db = db;
	return 0;
}

static int fake_remind(void *ctx, enum reminder_tone tone)
{
	struct fake_phone *f = ctx;

	if ((unsigned)tone >= REMINDER_TONES)
		return EINVAL;
	f->reminds[tone]++;
	return 0;
}

static int fake_ring(void *ctx, bool on)
{
	struct fake_phone *f = ctx;

	if (on && f->ring_fails)
		return f->ring_fails;
	f->ringing = on;
	f->ring_changes++;
	return 0;
}

/* Mixing is state, like the operator's audio; it fails on request. */
static int fake_mix(void *ctx, const line_id *lines, size_t n,
		    bool with_operator)
{
	struct fake_phone *f = ctx;
	size_t i;

	if (f->fail_next && !strcmp(f->fail_what, "mix")) {
		int err = f->fail_next;

		f->fail_next = 0;
		f->fail_what[0] = '\0';
		return err;
	}
	f->nmixed = n < 8 ? n : 8;
	for (i = 0; i < f->nmixed; i++)
		f->mixed[i] = lines[i];
	f->mix_with_operator = with_operator;
	f->mix_changes++;
	return 0;
}

/* A MESSAGE: recorded with its id in the op's id, the body kept. */
static int fake_send_message(void *ctx, unsigned id, const char *uri,
			     const char *body)
{
	struct fake_phone *f = ctx;
	int err = record(f, "message", id, 0, uri);

	if (!err)
		snprintf(f->last_message, sizeof(f->last_message), "%s", body);
	return err;
}

/* A REGISTER again: recorded as "register" on line 0. */
static int fake_register_again(void *ctx)
{
	return record(ctx, "register", 0, 0, "");
}

/* A refusal with a reason: recorded as "hangup", the reason as uri. */
static int fake_reject(void *ctx, line_id id, int status, const char *why)
{
	struct fake_phone *f = ctx;
	int err = record(f, "hangup", id, status, why);

	if (!err && f->close_on_hangup)
		board_on_closed(f->board, id, 0, "Connection reset by user");
	return err;
}

const struct phone_ops fake_phone_ops = {
	.dial = fake_dial,
	.answer = fake_answer,
	.hangup = fake_hangup,
	.hold = fake_hold,
	.send_dtmf = fake_dtmf,
	.refer = fake_refer,
	.refer_replaces = fake_refer_replaces,
	.busy = fake_busy,
	.mute = fake_mute,
	.volume = fake_volume,
	.ring = fake_ring,
	.remind = fake_remind,
	.mix = fake_mix,
	.send_message = fake_send_message,
	.register_again = fake_register_again,
	.reject = fake_reject,
};

void fake_phone_setup(struct fake_phone *f, struct board *b)
{
	memset(f, 0, sizeof(*f));
	f->board = b;
	f->close_on_hangup = 1;
	if (board_init(b, &fake_phone_ops, f, fake_clock))
		abort();
	selection_init(&f->sel, b);
}

void fake_phone_close(struct fake_phone *f)
{
	selection_free(&f->sel);
	board_close(f->board);
}

int fake_board_teardown(void **state)
{
	struct board *b = *state;

	if (b->phone)
		selection_free(fake_selection(b));
	board_close(b);
	return 0;
}

static bool fake_key_name(void *arg, const char *action, char *key,
			  size_t keysz)
{
	static const char *const keys[][2] = {
		{ "complete", "T" }, { "swap", "s" }, { "cancel", "Esc" },
		{ "hangup", "x" }, { "split", "S" }, { "merge", "m" },
		{ "leave", "L" }, { "consult", "c" }, { "transfer", "t" },
		{ "intercom", "i" }, { "pickup", "P" }, { "answer", "a" },
		{ "hold", "h" }, { "camp-on", "w" }, { "voicemail", "v" },
		{ "deputy", "D" }, { "absent", "A" }, { "mobile", "O" },
	};
	size_t i;

	(void)arg;
	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		if (!strcmp(keys[i][0], action)) {
			snprintf(key, keysz, "%s", keys[i][1]);
			return true;
		}
	}
	return false;
}

void fake_keys_install(struct board *b)
{
	board_set_key_names(b, fake_key_name, NULL);
}

struct selection *fake_selection(struct board *b)
{
	return &((struct fake_phone *)b->phone)->sel;
}

line_id fake_sel(struct board *b)
{
	struct console_selection cs;

	selection_wire(fake_selection(b), &cs);
	return cs.line(cs.arg);
}

line_id fake_sel_call(struct board *b)
{
	struct console_selection cs;

	selection_wire(fake_selection(b), &cs);
	return cs.call(cs.arg);
}

line_id fake_sel_ringing(struct board *b)
{
	const struct line *l = board_line(b, fake_sel(b));

	return l && l->state == LINE_OFFERED ? l->id : 0;
}

void fake_sort_toggle(struct board *b)
{
	struct console_selection cs;

	selection_wire(fake_selection(b), &cs);
	cs.sort_toggle(cs.arg);
}

line_id fake_answered(struct board *b, const char *name, const char *uri)
{
	line_id id = board_on_offered(b, name, uri);

	board_answer(b, id);
	board_on_established(b, id);
	return id;
}

int fake_count(const struct fake_phone *f, const char *what, line_id id)
{
	int i, n = 0;

	for (i = 0; i < f->nops; i++) {
		if (!strcmp(f->ops[i].what, what) && f->ops[i].id == id)
			n++;
	}
	return n;
}

const struct fake_op *fake_last(const struct fake_phone *f)
{
	return f->nops ? &f->ops[f->nops - 1] : NULL;
}

void fake_select_line(struct board *b, line_id id)
{
	struct pane *p = fake_calls(b);
	size_t i, n = p->cls->count(p);

	for (i = 0; i < n; i++) {
		if (p->cls->line_at(p, i) == id)
			p->selected = i;
	}
}

struct pane *fake_calls(struct board *b)
{
	return selection_pane(fake_selection(b), &pane_calls);
}

struct pane *fake_exts(struct board *b)
{
	return selection_pane(fake_selection(b), &pane_extensions);
}

void fake_focus(struct board *b, struct pane *p)
{
	struct selection *s = fake_selection(b);
	size_t i;

	s->focus = (size_t)(p - s->panes);
	for (i = 0; i < s->npanes; i++)
		s->panes[i].focused = &s->panes[i] == p;
}

bool fake_focused(struct board *b, struct pane *p)
{
	return selection_focused(fake_selection(b)) == p;
}
