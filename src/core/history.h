/*
 * history.h — every finished call and transfer, appended to a file as
 * one JSON object per line, written before it is shown as done (a crash
 * of the console loses nothing) and fsync'd off the main loop
 * (durable.h); read back at start-up for today's figures.
 */
#ifndef CORDBOARD_CORE_HISTORY_H
#define CORDBOARD_CORE_HISTORY_H

#include <stdint.h>

#include "board.h"

struct history {
	int fd;                   /* -1 when closed */
	int64_t (*now_ms)(void);
	int64_t (*wall_s)(void);  /* seconds since the epoch, for records */
	struct board *board;      /* the waiting room a closing call was in */
};

/* Opens (creating its directory, mode 0700) path for appending.
 * Returns 0 or an errno value. */
int history_open(struct history *h, const char *path);
void history_close(struct history *h);

/* A board observer: writes a record for line_closed and transferred.
 * A call record says what the waiting room knew of it: "waited_s",
 * "company", "dialled", "vip", "reminders", "rang_s" (before the
 * operator answered) and its "outcome" (answered, abandoned, missed,
 * transferred, elsewhere: another operator answered it). */
void history_observer(void *arg, const struct board_event *ev);

/* Counts the calls PATH records for today (from local midnight of
 * NOW_WALL_S) into B's figures (queue_stats_count), reading one line at
 * a time; a torn or unreadable line is skipped (the history view says
 * it). Returns how many records were counted, or -errno (-ENOENT: no
 * history yet). */
int history_count_today(const char *path, struct board *b,
			int64_t now_wall_s);

#endif
