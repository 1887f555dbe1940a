/*
 * presence.c — the extensions board: presence and line state as the
 * subscriptions report them, and the order the operator wants.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "board_int.h"
#include "events_xml.h"

/* The order of board_exts_sort: shorter numbers first, so 99 comes
 * before 100. */
static int number_order(const char *x, const char *y)
{
	size_t lx = strlen(x), ly = strlen(y);

	if (lx != ly)
		return lx < ly ? -1 : 1;
	return strcmp(x, y);
}

/* A binary search in the sorted extensions (a list NOTIFY asks once per
 * colleague, thousands of times); with duplicates the first, as a
 * search from the start would find. */
struct extension *exts_find(struct extension *v, size_t n,
			    const char *number)
{
	size_t lo = 0, hi = n;

	if (!number)
		return NULL;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (number_order(v[mid].number, number) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < n && !strcmp(v[lo].number, number))
		return &v[lo];
	return NULL;
}

struct extension *board_extension(struct board *b, const char *number)
{
	return exts_find(b->exts, b->nexts, number);
}

const struct extension *board_extension_of_uri(struct board *b,
					      const char *uri)
{
	char number[128];
	size_t i;

	for (i = 0; i < b->nexts; i++) {
		if (b->exts[i].uri[0] && !strcmp(b->exts[i].uri, uri))
			return &b->exts[i];
	}
	line_number_from_uri(number, sizeof(number), uri);
	return board_extension(b, number);
}

/* Only E's row needs drawing again: the event that follows names it. */
static void touch_extension(struct board *b, const struct extension *e)
{
	board_touch(b, DIRTY_EXT_ROWS);
}

void board_on_presence(struct board *b, const char *number,
		       const struct presence_info *p)
{
	struct extension *e = board_extension(b, number);

	if (!e || (e->presence == p->presence && !strcmp(e->note, p->note)))
		return;
	e->presence = p->presence;
	ext_text_set(e, &e->note, p->note);
	touch_extension(b, e);
	board_emit(b, EV_PRESENCE, NULL, 0, e->number);
}

void board_remember_caller(struct board *b, const struct line *l)
{
	size_t i = b->recent_next;

	if (!l->name[0] || !l->number[0])
		return;
	snprintf(b->recent[i].number, sizeof(b->recent[i].number), "%s",
		 l->number);
	snprintf(b->recent[i].name, sizeof(b->recent[i].name), "%s",
		 l->name);
	b->recent_next = (i + 1) % BOARD_RECENT_CALLERS;
}

/* A name the console knows for NUMBER: an extension's, a caller's on a
 * line, or a caller's seen lately; NULL if none. */
static const char *known_name(struct board *b, const char *number)
{
	const struct extension *e = board_extension(b, number);
	size_t i;

	if (e && e->name[0])
		return e->name;
	for (i = 0; i < b->nlines; i++)
		if (b->lines[i].name[0] && !strcmp(b->lines[i].number, number))
			return b->lines[i].name;
	for (i = 0; i < BOARD_RECENT_CALLERS; i++) {
		/* newest first */
		size_t k = (b->recent_next + BOARD_RECENT_CALLERS - 1 - i) %
			   BOARD_RECENT_CALLERS;

		if (b->recent[k].number[0] &&
		    !strcmp(b->recent[k].number, number))
			return b->recent[k].name;
	}
	return NULL;
}

/* Who an extension talks to, as a receptionist reads it: the display
 * name the notifier gave, else a name the console knows for the number,
 * else the number (the user part of the peer's URI). */
static void peer_label(struct board *b, const struct dialog_info *d,
		       char *out, size_t sz)
{
	char number[128];
	const char *name;

	if (d->peer_name[0]) {
		snprintf(out, sz, "%s", d->peer_name);
		return;
	}
	line_number_from_uri(number, sizeof(number), d->peer);
	if (!number[0]) {
		snprintf(out, sz, "%s", d->peer);
		return;
	}
	name = known_name(b, number);
	/* a caller's name too long for the board shows as their number */
	if (!name || (size_t)snprintf(out, sz, "%s", name) >= sz)
		snprintf(out, sz, "%s", number);
}

void board_on_line_state(struct board *b, const char *number,
			 const struct dialog_info *d)
{
	struct extension *e = board_extension(b, number);
	char peer[EXT_PEER_SIZE], number_of_peer[EXT_PEER_NUMBER_SIZE];

	if (!e)
		return;
	peer_label(b, d, peer, sizeof(peer));
	line_number_from_uri(number_of_peer, sizeof(number_of_peer),
			     d->peer);
	if (d->state == EXT_LINE_IDLE)
		number_of_peer[0] = '\0';
	if (e->line_state == d->state && !strcmp(e->peer, peer) &&
	    !strcmp(e->peer_number, number_of_peer) &&
	    !strcmp(e->pickup, d->pickup))
		return;
	ext_text_set(e, &e->pickup, d->pickup);
	ext_text_set(e, &e->peer_number, number_of_peer);
	e->line_state = d->state;
	ext_text_set(e, &e->peer, d->state == EXT_LINE_IDLE ? "" : peer);
	touch_extension(b, e);
	board_emit(b, EV_LINE_STATE, NULL, 0, e->number);
}

static int by_number(const void *a, const void *b)
{
	const struct extension *x = a, *y = b;

	return number_order(x->number, y->number);
}

void board_exts_sort(struct board *b)
{
	size_t i;

	/* a directory written as C initialisers leaves texts NULL */
	for (i = 0; i < b->nexts; i++)
		ext_texts_fill(&b->exts[i]);
	/* a directory is usually written in order: one look, no sort */
	for (i = 1; i < b->nexts; i++) {
		if (by_number(&b->exts[i - 1], &b->exts[i]) > 0)
			break;
	}
	if (i < b->nexts)
		qsort(b->exts, b->nexts, sizeof(b->exts[0]), by_number);
}
