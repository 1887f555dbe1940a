/*
 * disk_watch.h — a disk that did not keep what was written (an fsync
 * failed on core/durable.c's thread) is said on the status line.
 */
#ifndef CORDBOARD_APP_DISK_WATCH_H
#define CORDBOARD_APP_DISK_WATCH_H

struct board;

/* From now on, a failed fsync is told on B's status line. */
void disk_watch_start(struct board *b);
/* Nothing is told any more (the console quits); call before
 * durable_stop. */
void disk_watch_quiet(void);
/* Frees what start made; after durable_stop. */
void disk_watch_stop(void);

#endif
