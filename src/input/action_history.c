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

/* Room in the hits for every record parsed so far. */
static bool hits_room(struct history_view *v)
{
	size_t cap = v->hits_cap ? v->hits_cap : 256;
	void *p;

	while (cap < v->book.n)
		cap *= 2;
	if (cap == v->hits_cap)
		return true;
	p = realloc(v->hits, cap * sizeof(*v->hits));
	if (!p)
		return false;
	v->hits = p;
	v->hits_cap = cap;
	return true;
}

void history_view_find(struct console *c)
{
	struct history_view *v = c->history;
	size_t flen;
	bool narrow;

	if (!v || !hits_room(v))
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

bool history_view_reading(const struct console *c)
{
	return c->history && !history_book_complete(&c->history->book);
}

/* The new records are older than every hit: they go after them. */
void history_view_read_more(struct console *c)
{
	struct history_view *v = c->history;
	size_t from;

	if (!v)
		return;
	from = v->book.n;
	history_book_more(&v->book, HISTORY_SLICE_LINES);
	if (!hits_room(v))
		return;
	v->nhits += history_book_find_from(&v->book, v->found, from,
					   v->hits + v->nhits);
	c->redraw = true;
	board_touch(c->board, DIRTY_ALL);
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

/* Only the newest records are parsed now: the rest in slices after. */
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
	err = history_book_open(&v->book, path, 0, HISTORY_FIRST_ROWS,
				c->board);
	if (err && err != ENOENT) {
		board_status(c->board, true, "Cannot read the history %s: %s",
			     *path ? path : "(none)", strerror(err));
		free(v);
		return err;
	}
	c->history = v;
	c->prompt_text[0] = '\0';
	c->mode = MODE_HISTORY;
	history_view_find(c);
	if (!v->hits) {
		history_view_close(c);
		return ENOMEM;
	}
	board_status(c->board, false, "History: type to find, %s calls "
		     "back, %s closes", board_key(c->board, "callback"),
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

/* The view closes first: the call being dialled is what to watch. The
 * record's strings are the book's: it is freed after the dial. */
int act_callback(struct console *c, const struct action_arg *a)
{
	const struct history_record *r = history_view_picked(c);
	struct history_book book;
	size_t at;
	int err;

	if (!r) {
		board_status(c->board, true, "Nothing to call back: %s opens "
			     "the history", board_key(c->board, "history"));
		return ENOENT;
	}
	at = (size_t)(r - c->history->book.recs);
	book = c->history->book;
	memset(&c->history->book, 0, sizeof(book));
	history_view_close(c);
	err = board_callback(c->board, &book.recs[at]);
	history_book_free(&book);
	return err;
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
		w->how = "dismissed";
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
