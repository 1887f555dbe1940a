/*
 * action_history.c — the history view's actions: open and close it,
 * move and find in it, call a caller back, dismiss a missed one, redial.
 * Their rows are in action.c's table.
 */
#include "action_int.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "console.h"
#include "core/callback.h"
#include "history_view.h"

void history_view_find(struct console *c)
{
	struct history_view *v = c->history;
	size_t flen;
	bool narrow;

	if (!v)
		return;
	flen = strlen(v->found);
	/* a longer text finds among what the shorter one found */
	narrow = flen && !strncmp(c->prompt_text, v->found, flen);
	v->nhits = history_book_find(&v->book, c->prompt_text,
				     narrow ? v->hits : NULL,
				     v->nhits, v->hits);
	snprintf(v->found, sizeof(v->found), "%s", c->prompt_text);
	v->pick = 0;
	c->redraw = true;
}

const struct history_record *history_view_picked(const struct console *c)
{
	const struct history_view *v = c->history;

	if (!v || v->pick >= v->nhits)
		return NULL;
	return &v->book.recs[v->hits[v->pick]];
}

void history_view_close(struct console *c)
{
	struct history_view *v = c->history;

	if (v) {
		history_book_free(&v->book);
		free(v->hits);
		free(v);
	}
	c->history = NULL;
	c->prompt_text[0] = '\0';
	c->mode = MODE_NORMAL;
	c->redraw = true;
	board_touch(c->board, DIRTY_ALL);
}

/* The whole book is read only now, never at start. */
int act_history(struct console *c, const struct action_arg *a)
{
	const char *path = board_history_path(c->board);
	struct history_view *v;
	int err;

	if (c->history)
		history_view_close(c);
	v = calloc(1, sizeof(*v));
	if (!v)
		return ENOMEM;
	err = history_book_load(&v->book, path, 0, c->board);
	if (err && err != ENOENT) {
		board_status(c->board, true, "Cannot read the history %s: %s",
			     *path ? path : "(none)", strerror(err));
		free(v);
		return err;
	}
	v->hits = malloc((v->book.n ? v->book.n : 1) * sizeof(*v->hits));
	if (!v->hits) {
		history_book_free(&v->book);
		free(v);
		return ENOMEM;
	}
	c->history = v;
	c->prompt_text[0] = '\0';
	c->mode = MODE_HISTORY;
	history_view_find(c);
	board_status(c->board, false, "History: %zu call%s; type to find, "
		     "%s calls back, %s closes", v->book.n,
		     v->book.n == 1 ? "" : "s", board_key(c->board, "callback"),
		     board_key(c->board, "history-close"));
	return 0;
}

int act_history_close(struct console *c, const struct action_arg *a)
{
	history_view_close(c);
	return 0;
}

static void pick_move(struct console *c, int delta)
{
	struct history_view *v = c->history;

	if (!v || !v->nhits)
		return;
	if (delta < 0 && v->pick < (size_t)-delta)
		v->pick = 0;
	else if (delta < 0)
		v->pick -= (size_t)-delta;
	else if (v->pick + (size_t)delta >= v->nhits)
		v->pick = v->nhits - 1;
	else
		v->pick += (size_t)delta;
	c->redraw = true;
}

int act_history_up(struct console *c, const struct action_arg *a)
{
	pick_move(c, -1);
	return 0;
}

int act_history_down(struct console *c, const struct action_arg *a)
{
	pick_move(c, 1);
	return 0;
}

int act_history_erase(struct console *c, const struct action_arg *a)
{
	size_t len = strlen(c->prompt_text);

	/* drop one whole UTF-8 character */
	while (len > 0) {
		unsigned char ch = (unsigned char)c->prompt_text[--len];
		if ((ch & 0xc0) != 0x80)
			break;
	}
	c->prompt_text[len] = '\0';
	if (c->history)
		c->history->found[0] = '\0';   /* a shorter text finds more */
	history_view_find(c);
	return 0;
}

/* The view closes first: the call being dialled is what to watch. */
int act_callback(struct console *c, const struct action_arg *a)
{
	const struct history_record *r = history_view_picked(c);
	struct history_record copy;

	if (!r) {
		board_status(c->board, true, "Nothing to call back: %s opens "
			     "the history", board_key(c->board, "history"));
		return ENOENT;
	}
	copy = *r;
	history_view_close(c);
	return board_callback(c->board, &copy);
}

int act_dismiss(struct console *c, const struct action_arg *a)
{
	const struct history_record *r = history_view_picked(c);
	int err;

	if (!r) {
		board_status(c->board, true, "Nothing to dismiss: %s opens "
			     "the history", board_key(c->board, "history"));
		return ENOENT;
	}
	err = board_dismiss(c->board, r);
	if (!err && history_record_missed(r)) {
		struct history_record *w = &c->history->book.recs[
			c->history->hits[c->history->pick]];

		w->handled = true;
		snprintf(w->how, sizeof(w->how), "dismissed");
		c->redraw = true;
	}
	return err;
}

int act_redial(struct console *c, const struct action_arg *a)
{
	if (c->history)
		history_view_close(c);
	return board_redial(c->board);
}
