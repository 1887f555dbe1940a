/*
 * directory_swap.h — a new directory put in place while calls go on (a
 * reload of cordboard.conf and the directory CSV). Lines, operations,
 * the queue, the messages, the absences and the history name a
 * colleague by number and look them up when they need them; nothing
 * keeps a pointer into the board's array, so replacing it remaps
 * nothing. What the board learnt of a colleague from a subscription
 * that goes on carries over; the rest starts unknown.
 */
#ifndef CORDBOARD_CORE_DIRECTORY_SWAP_H
#define CORDBOARD_CORE_DIRECTORY_SWAP_H

#include <stddef.h>

#include "board.h"

/* What a replacement changed, by number. */
struct directory_change {
	size_t came;      /* numbers the old directory did not have */
	size_t went;      /* numbers the new one does not have */
	size_t kept;      /* numbers in both */
};

/* Puts EXTS (N of them; sorted here, borrowed like the first ones) in
 * place of the board's extensions. A colleague kept at the same URI
 * keeps the presence (and note) and the line state (and its peer) the
 * board knew, for each kind of state both directories watch: that
 * subscription goes on and will not tell it again. The old array is
 * the caller's to free, once the subscriptions have moved on too. */
void board_directory_replace(struct board *b, struct extension *exts,
			     size_t n, struct directory_change *chg);

/* The whole reload took: the status line says SUMMARY ("Reloaded: ...")
 * and observers learn EV_SERVICE "reloaded". */
void board_reload_done(struct board *b, const char *summary);

#endif
