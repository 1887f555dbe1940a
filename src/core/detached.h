/*
 * detached.h — the console without its terminal (ssh dropped, the tmux
 * window closed): the calls go on, callers who ring are sent to the
 * overflow (or night) target, and when no terminal comes back within
 * the grace every caller is handed on or told, one by one, before the
 * console ends. The terminal is not the phone: nothing here changes
 * while a terminal is there.
 */
#ifndef CORDBOARD_CORE_DETACHED_H
#define CORDBOARD_CORE_DETACHED_H

#include <stdbool.h>

struct board;

/* Hung up on whatever is left this long after the grace ended (a
 * transfer whose outcome never came). */
#define DETACHED_GIVE_UP_S 30

/* The terminal is gone: a new one may attach within GRACE_S seconds.
 * Callers ringing now go to the overflow target (else the night target)
 * when one is set, else ring on; held callers stay held. */
int board_detached(struct board *b, int grace_s);
/* A terminal is back: everything goes on where it was. */
void board_attached(struct board *b);
/* Whether the console runs without a terminal now. */
bool board_is_detached(struct board *b);
/* Once a second while detached (with or without lines). When the grace
 * is over: a caller who rings is refused (480, with a Reason), one who
 * talks or waits on hold goes to the overflow target (blind) or is hung
 * up; returns true once no call is left and the console may end. */
bool board_detached_tick(struct board *b);

#endif
