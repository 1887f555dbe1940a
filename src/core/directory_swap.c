/*
 * directory_swap.c — the rules of replacing the directory under live
 * calls (see directory_swap.h).
 */
#include "directory_swap.h"

#include <stdio.h>
#include <string.h>

#include "board_int.h"

/* What the old entry's subscriptions told, onto the new entry, when
 * they are the same subscriptions (same URI, the same kind watched). */
static void state_carry(struct extension *to, const struct extension *from)
{
	if (strcmp(to->uri, from->uri))
		return;
	if (to->watch_presence && from->watch_presence) {
		to->presence = from->presence;
		ext_text_set(to, &to->note, from->note);
	}
	if (to->watch_dialog && from->watch_dialog) {
		to->line_state = from->line_state;
		ext_text_set(to, &to->peer, from->peer);
		ext_text_set(to, &to->peer_number, from->peer_number);
		ext_text_set(to, &to->pickup, from->pickup);
	}
}

void board_directory_replace(struct board *b, struct extension *exts,
			     size_t n, struct directory_change *chg)
{
	struct extension *old = b->exts;
	size_t nold = b->nexts, i;
	struct directory_change c = { 0, 0, 0 };

	b->exts = exts;
	b->nexts = n;
	board_exts_sort(b);
	for (i = 0; i < n; i++) {
		/* duplicates: the first of each number, as lookups find */
		const struct extension *was = exts_find(old, nold,
							exts[i].number);

		if (i > 0 && !strcmp(exts[i - 1].number, exts[i].number))
			continue;
		if (was) {
			state_carry(&exts[i], was);
			c.kept++;
		} else {
			c.came++;
		}
	}
	c.went = 0;
	for (i = 0; i < nold; i++) {
		if (i > 0 && !strcmp(old[i - 1].number, old[i].number))
			continue;
		if (!exts_find(exts, n, old[i].number))
			c.went++;
	}
	if (chg)
		*chg = c;
	board_touch(b, DIRTY_ALL);
}

void board_reload_done(struct board *b, const char *summary)
{
	board_status(b, false, "%s", summary);
	board_emit(b, EV_SERVICE, NULL, 0, "reloaded");
}
