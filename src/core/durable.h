/*
 * durable.h — the disk's wait off the main loop. The files of the
 * console (history, messages, absences) are written by the main loop,
 * so a record is in the file the moment its write returns and a crash
 * of the console loses none; the fsync that makes it survive a crash of
 * the machine runs on a thread of its own, in the order asked, so a
 * slow disk never delays a keystroke or a SIP message.
 */
#ifndef CORDBOARD_CORE_DURABLE_H
#define CORDBOARD_CORE_DURABLE_H

/* Takes FD (closed once synced) and fsyncs it on the thread; when the
 * thread cannot run, at once. A negative FD is ignored. */
void durable_sync(int fd);
/* The same for the directory of PATH, after a rename into it. */
void durable_sync_dir(const char *path);
/* Waits until every sync asked so far is done. */
void durable_drain(void);
/* Drains and ends the thread (a later sync starts it again). */
void durable_stop(void);
/* The error of the first fsync that failed since the last call (the
 * record is in the file, the disk did not say it keeps it), or 0. */
int durable_failure(void);
/* ALERT is called on the syncer's thread after an fsync fails: it may
 * only wake the main loop, which then asks durable_failure. NULL: none. */
void durable_on_failure(void (*alert)(void));

#endif
