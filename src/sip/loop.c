/*
 * loop.c — libre's main-loop services (fds, timers, the clock) for the
 * layers above, which must not include libre themselves.
 */
#include <errno.h>
#include <stdlib.h>

#include "baresip_abi.h"
#include "phone_int.h"

/* libre 1.1.0 exports the main loop's list of timers (struct tmr, in
 * jiffies order) without declaring it. */
struct list *tmrl_get(void);

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

/* Slots are reused once unwatched: control-socket clients come and go. */
#define MAX_WATCHES 40
static struct { int fd; struct fd_watch w; } watches[MAX_WATCHES];

static int watch_slot(int fd)
{
	size_t i;

	for (i = 0; i < MAX_WATCHES; i++) {
		if (watches[i].fd == fd && watches[i].w.fn)
			return (int)i;
	}
	return -1;
}

int sip_fd_watch(int fd, sip_fd_fn *fn, void *arg)
{
	size_t i;

	for (i = 0; i < MAX_WATCHES && watches[i].w.fn; i++)
		;
	if (i == MAX_WATCHES)
		return ENOSPC;
	watches[i].fd = fd;
	watches[i].w.fn = fn;
	watches[i].w.arg = arg;
	return fd_listen(fd, FD_READ, fd_ready, &watches[i].w);
}

int sip_fd_want_write(int fd, bool on)
{
	int i = watch_slot(fd);

	if (i < 0)
		return ENOENT;
	return fd_listen(fd, FD_READ | (on ? FD_WRITE : 0), fd_ready,
			 &watches[i].w);
}

void sip_fd_unwatch(int fd)
{
	int i = watch_slot(fd);

	fd_close(fd);
	if (i >= 0) {
		watches[i].fd = -1;
		watches[i].w.fn = NULL;
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

struct sip_wake {
	struct mqueue *mq;    /* libre's: a pipe read by the main loop */
	void (*fn)(void *arg);
	void *arg;
};

static void wake_handler(int id, void *data, void *arg)
{
	struct sip_wake *w = arg;

	(void)id;
	(void)data;
	w->fn(w->arg);
}

int sip_wake_alloc(struct sip_wake **wp, void (*fn)(void *arg), void *arg)
{
	struct sip_wake *w = calloc(1, sizeof(*w));
	int err;

	if (!w)
		return ENOMEM;
	w->fn = fn;
	w->arg = arg;
	err = mqueue_alloc(&w->mq, wake_handler, w);
	if (err) {
		free(w);
		return err;
	}
	*wp = w;
	return 0;
}

void sip_wake(struct sip_wake *w)
{
	if (w)
		mqueue_push(w->mq, 0, NULL);
}

void sip_wake_free(struct sip_wake *w)
{
	if (!w)
		return;
	mem_deref(w->mq);
	free(w);
}

/* Brings the timers due within WITHIN_MS forward to now: tmr_poll,
 * after this turn's packets, runs them. The list stays in order: only
 * its head moves, to a time no later than anything behind it. */
void sip_loop_awake(unsigned within_ms)
{
	struct list *tmrl = tmrl_get();
	uint64_t now = tmr_jiffies();
	struct le *le;

	for (le = tmrl ? tmrl->head : NULL; le; le = le->next) {
		struct tmr *t = le->data;

		if (!t || t->jfs > now + within_ms)
			break;
		if (t->jfs > now)
			t->jfs = now;
	}
}
