/*
 * callback.c — the callers the desk owes a call, as an operation kind
 * with no legs: it learns every call that closes unanswered and keeps
 * the owed ones until a callback or a dismissal marks them handled.
 */
#include "callback.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "operation.h"

const struct op_kind op_callback;

/* A caller owed a call: named by when the call ended and from where. */
struct owed {
	int64_t at;
	char number[64];
};

struct callback_state {
	char path[PATH_MAX];
	int64_t (*wall_s)(void);
	struct owed *owed;
	size_t n, cap;
	char last_dialled[256];   /* redial: a URI or a number */
	long warned_from, warned_to;  /* bad lines said, bytes; to < 0: none */
};

static int64_t system_wall_s(void)
{
	return (int64_t)time(NULL);
}

static struct callback_state *state_of(struct board *b)
{
	struct callback_state *st = op_state(b, &op_callback);

	if (st && !st->wall_s) {
		st->wall_s = system_wall_s;
		st->warned_to = -1;
	}
	return st;
}

static void owed_add(struct callback_state *st, int64_t at,
		     const char *number)
{
	if (st->n == st->cap) {
		size_t cap = st->cap ? st->cap * 2 : 16;
		void *p = realloc(st->owed, cap * sizeof(*st->owed));

		if (!p)
			return;
		st->owed = p;
		st->cap = cap;
	}
	st->owed[st->n].at = at;
	snprintf(st->owed[st->n].number, sizeof(st->owed[st->n].number),
		 "%s", number);
	st->n++;
}

int board_history_prepare(struct board *b, const char *path, int keep_days,
			  int64_t (*wall_s)(void))
{
	struct callback_state *st = state_of(b);
	long dropped;
	int err;

	if (!st)
		return ENOMEM;
	if (wall_s)
		st->wall_s = wall_s;
	snprintf(st->path, sizeof(st->path), "%s", path ? path : "");
	if (!st->path[0])
		return 0;
	err = history_seal(path);
	if (err)
		return err;
	dropped = history_prune(path, keep_days, st->wall_s());
	return dropped < 0 ? (int)-dropped : 0;
}

int board_history_open(struct board *b, const char *path, int keep_days,
		       int64_t (*wall_s)(void))
{
	int err = board_history_prepare(b, path, keep_days, wall_s);

	return err ? err : board_history_owed_read(b);
}

int board_history_owed_read(struct board *b)
{
	struct callback_state *st = state_of(b);
	struct history_book book;
	size_t i;
	int err;

	if (!st)
		return ENOMEM;
	if (!st->path[0])
		return 0;
	err = history_book_load(&book, st->path, st->wall_s() -
				HISTORY_MISSED_DAYS * 86400, NULL);
	if (err)
		return err;
	/* oldest first, so the count reads in the order calls came */
	for (i = book.n; i-- > 0;) {
		const struct history_record *r = &book.recs[i];

		if (history_record_missed(r) && !r->handled && r->number[0])
			owed_add(st, r->at, r->number);
		if (!r->inbound && (r->uri[0] || r->number[0]))
			snprintf(st->last_dialled, sizeof(st->last_dialled),
				 "%s", r->uri[0] ? r->uri : r->number);
	}
	history_book_free(&book);
	board_touch(b, DIRTY_STATUS);
	return 0;
}

const char *board_history_path(struct board *b)
{
	struct callback_state *st = state_of(b);

	return st ? st->path : "";
}

bool board_history_warned(struct board *b, long first_at, long last_at)
{
	struct callback_state *st = state_of(b);

	if (!st)
		return false;
	if (st->warned_to >= 0 && first_at >= st->warned_from &&
	    last_at <= st->warned_to)
		return true;
	if (st->warned_to < 0 || first_at < st->warned_from)
		st->warned_from = first_at;
	if (last_at > st->warned_to)
		st->warned_to = last_at;
	return false;
}

size_t board_missed_count(struct board *b)
{
	struct callback_state *st = op_state(b, &op_callback);

	return st ? st->n : 0;
}

/* Every owed call from NUMBER is handled HOW: marked in the file,
 * dropped from the count. */
static int owed_settle(struct board *b, struct callback_state *st,
		       const char *number, int64_t at, const char *how)
{
	size_t i = 0;
	int err = 0, e;
	bool found = false;

	while (i < st->n) {
		if (strcmp(st->owed[i].number, number) ||
		    (at >= 0 && (st->owed[i].at < at - 1 ||
				     st->owed[i].at > at + 1))) {
			i++;
			continue;
		}
		found = true;
		e = history_mark_handled(st->path, st->wall_s(),
					 st->owed[i].at, number, how);
		if (e && !err)
			err = e;
		st->owed[i] = st->owed[--st->n];
	}
	/* an owed call the count no longer holds (older than a week):
	 * still marked, so the view shows it handled */
	if (!found && at >= 0)
		err = history_mark_handled(st->path, st->wall_s(), at, number,
					   how);
	if (err)
		board_status(b, true, "Cannot write the history %s: %s",
			     st->path, strerror(err));
	board_touch(b, DIRTY_STATUS);
	return err;
}

int board_callback(struct board *b, const struct history_record *r)
{
	struct callback_state *st = state_of(b);
	const char *target;
	int err;

	if (!st)
		return ENOMEM;
	if (!r->number[0] && !r->uri[0]) {
		board_status(b, true, "Cannot call back: the caller gave no "
			     "number");
		return EINVAL;
	}
	/* through the PBX when there is one: it knows the way out */
	if (b->reg != REG_NONE && r->number[0])
		target = r->number;
	else
		target = r->uri[0] ? r->uri : r->number;
	err = board_dial(b, target);
	if (err || !r->number[0])
		return err;
	owed_settle(b, st, r->number, history_record_missed(r) ? r->at : -1,
		    "called back");
	return 0;
}

int board_dismiss(struct board *b, const struct history_record *r)
{
	struct callback_state *st = state_of(b);

	if (!st)
		return ENOMEM;
	if (!history_record_missed(r)) {
		board_status(b, true, "Nothing to dismiss: this caller got "
			     "through");
		return EINVAL;
	}
	if (r->handled) {
		board_status(b, false, "Already handled: %s", r->how);
		return 0;
	}
	owed_settle(b, st, r->number, r->at, "dismissed");
	board_status(b, false, "Dismissed: no need to call %s back",
		     r->number);
	return 0;
}

int board_redial(struct board *b)
{
	struct callback_state *st = state_of(b);

	if (!st || !st->last_dialled[0]) {
		board_status(b, true, "Nothing to redial: no call was dialled "
			     "yet");
		return ENOENT;
	}
	return board_dial(b, st->last_dialled);
}

/* A caller nobody reached is owed a call; what the operator dials is
 * what redial dials again. */
static void callback_event(struct board *b, const struct board_event *ev)
{
	const struct line *l = ev->line;
	struct callback_state *st;

	if (!l || (ev->type != EV_LINE_CLOSED && ev->type != EV_LINE_DIALING))
		return;
	st = state_of(b);
	if (!st)
		return;
	if (ev->type == EV_LINE_DIALING) {
		if (l->dir == LINE_OUTBOUND && !l->page && l->uri[0])
			snprintf(st->last_dialled, sizeof(st->last_dialled),
				 "%s", l->uri);
		return;
	}
	if (l->dir != LINE_INBOUND || l->answered_ms || l->night_service ||
	    l->transferred || l->handover != HANDOVER_NONE ||
	    !l->number[0])
		return;
	owed_add(st, st->wall_s(), l->number);
	board_touch(b, DIRTY_STATUS);
}

static void callback_destroy(struct board *b, void *state)
{
	struct callback_state *st = state;

	free(st->owed);
}

const struct op_kind op_callback = {
	.name = "callback",
	.event = callback_event,
	.state_size = sizeof(struct callback_state),
	.destroy = callback_destroy,
};
