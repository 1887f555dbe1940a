/*
 * history.h — every finished call and transfer, appended to a file as
 * one JSON object per line and fsync'd, so a crash loses nothing that
 * was shown as done.
 */
#ifndef CORDBOARD_CORE_HISTORY_H
#define CORDBOARD_CORE_HISTORY_H

#include <stdint.h>

#include "board.h"

struct history {
	int fd;                   /* -1 when closed */
	int64_t (*now_ms)(void);
	int64_t (*wall_s)(void);  /* seconds since the epoch, for records */
};

/* Opens (creating its directory, mode 0700) path for appending.
 * Returns 0 or an errno value. */
int history_open(struct history *h, const char *path);
void history_close(struct history *h);

/* A board observer: writes a record for line_closed and transferred. */
void history_observer(void *arg, const struct board_event *ev);

#endif
