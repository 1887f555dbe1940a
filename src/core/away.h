/*
 * away.h — the operator away from the desk (lunch, a break): the console
 * stops ringing and the queue's overflow target takes callers at once,
 * until the operator is back.
 */
#ifndef CORDBOARD_CORE_AWAY_H
#define CORDBOARD_CORE_AWAY_H

#include <stdbool.h>

struct board;

/* Away, with a reason the status line shows ("lunch"; may be empty);
 * callers ringing now go to the overflow target at once. Away again
 * only changes the reason. */
int board_operator_away(struct board *b, const char *reason);
/* Back at the desk: calls ring here again. */
int board_operator_back(struct board *b);
bool operator_away(struct board *b);
/* The reason given, "" when none (or not away). */
const char *operator_away_reason(struct board *b);

#endif
