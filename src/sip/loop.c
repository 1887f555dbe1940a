/*
 * loop.c — libre's main-loop services (fds, timers, the clock) for the
 * layers above, which must not include libre themselves.
 */
#include <errno.h>
#include <stdlib.h>

#include "baresip_abi.h"
#include "sip.h"

struct fd_watch {
	sip_fd_fn *fn;
	void *arg;
};

static void fd_ready(int flags, void *arg)
{
	struct fd_watch *w = arg;

	(void)flags;
	w->fn(w->arg);
}

#define MAX_WATCHES 8
static struct { int fd; struct fd_watch w; } watches[MAX_WATCHES];
static size_t nwatches;

int sip_fd_watch(int fd, sip_fd_fn *fn, void *arg)
{
	if (nwatches == MAX_WATCHES)
		return ENOSPC;
	watches[nwatches].fd = fd;
	watches[nwatches].w.fn = fn;
	watches[nwatches].w.arg = arg;
	nwatches++;
	return fd_listen(fd, FD_READ, fd_ready, &watches[nwatches - 1].w);
}

void sip_fd_unwatch(int fd)
{
	size_t i;

	fd_close(fd);
	for (i = 0; i < nwatches; i++) {
		if (watches[i].fd == fd)
			watches[i].fd = -1;
	}
}

int64_t sip_now_ms(void)
{
	return (int64_t)tmr_jiffies();
}

struct sip_timer {
	struct tmr tmr;
	unsigned period_ms;
	void (*fn)(void *arg);
	void *arg;
};

static void timer_fire(void *arg)
{
	struct sip_timer *t = arg;

	tmr_start(&t->tmr, t->period_ms, timer_fire, t);
	t->fn(t->arg);
}

int sip_timer_alloc(struct sip_timer **tp, unsigned period_ms,
		    void (*fn)(void *arg), void *arg)
{
	struct sip_timer *t = calloc(1, sizeof(*t));

	if (!t)
		return ENOMEM;
	tmr_init(&t->tmr);
	t->period_ms = period_ms;
	t->fn = fn;
	t->arg = arg;
	tmr_start(&t->tmr, period_ms, timer_fire, t);
	*tp = t;
	return 0;
}

void sip_timer_free(struct sip_timer *t)
{
	if (!t)
		return;
	tmr_cancel(&t->tmr);
	free(t);
}

struct deferred {
	struct tmr tmr;
	void (*fn)(void *arg);
	void *arg;
};

static void deferred_fire(void *arg)
{
	struct deferred *d = arg;

	d->fn(d->arg);
	free(d);
}

int sip_defer(void (*fn)(void *arg), void *arg)
{
	struct deferred *d = calloc(1, sizeof(*d));

	if (!d)
		return ENOMEM;
	tmr_init(&d->tmr);
	d->fn = fn;
	d->arg = arg;
	tmr_start(&d->tmr, 0, deferred_fire, d);
	return 0;
}
