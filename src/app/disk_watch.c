/*
 * disk_watch.c — the syncer's failures brought to the main loop
 * (sip_wake) and said in the operator's words.
 */
#include <string.h>

#include "core/board.h"
#include "core/durable.h"
#include "disk_watch.h"
#include "sip/sip.h"

static struct {
	struct board *board;
	struct sip_wake *wake;
} dw;

/* On the syncer's thread: only wakes the main loop. */
static void disk_alert(void)
{
	sip_wake(dw.wake);
}

/* The disk did not say it keeps what was written: the operator hears
 * it now, not when a record they need is gone. */
static void disk_failed(void *arg)
{
	int err = durable_failure();

	(void)arg;
	if (err && dw.board)
		board_status(dw.board, true, "Disk trouble: the last records "
			     "may be lost (%s)", strerror(err));
}

void disk_watch_start(struct board *b)
{
	dw.board = b;
	if (!dw.wake && sip_wake_alloc(&dw.wake, disk_failed, NULL) != 0)
		return;
	durable_on_failure(disk_alert);
}

void disk_watch_quiet(void)
{
	durable_on_failure(NULL);
	dw.board = NULL;
}

void disk_watch_stop(void)
{
	sip_wake_free(dw.wake);
	dw.wake = NULL;
}
