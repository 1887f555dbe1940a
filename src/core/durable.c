/*
 * durable.c — fsyncs on a thread of their own (durable.h): one queue
 * of file descriptors, in the order asked, behind one mutex.
 */
#include "durable.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static struct {
	pthread_mutex_t lock;
	pthread_cond_t work;      /* a sync asked, or the end */
	pthread_cond_t done;      /* a sync finished */
	int *fds;                 /* the queue, fds[head..head+n) */
	size_t cap, head, n;
	unsigned long asked, finished;
	pthread_t tid;
	bool running, stopping;
	int failed;               /* the first fsync error not yet taken */
	void (*alert)(void);      /* told, on the syncer's thread */
} q = {
	.lock = PTHREAD_MUTEX_INITIALIZER,
	.work = PTHREAD_COND_INITIALIZER,
	.done = PTHREAD_COND_INITIALIZER,
};

/* Syncs and closes FD; the error of a failed fsync (a full or broken
 * disk), or 0. EINVAL: a descriptor that cannot be synced at all. */
static int sync_close(int fd)
{
	int err = fsync(fd) == 0 || errno == EINVAL ? 0 : errno;

	close(fd);
	return err;
}

/* Keeps ERR for durable_failure and says so. Called unlocked. */
static void failure_note(int err)
{
	void (*alert)(void);

	if (!err)
		return;
	pthread_mutex_lock(&q.lock);
	if (!q.failed)
		q.failed = err;
	alert = q.alert;
	pthread_mutex_unlock(&q.lock);
	if (alert)
		alert();
}

static void *syncer(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&q.lock);
	for (;;) {
		int fd;

		while (!q.n && !q.stopping)
			pthread_cond_wait(&q.work, &q.lock);
		if (!q.n)
			break;
		fd = q.fds[q.head];
		q.head = (q.head + 1) % q.cap;
		q.n--;
		pthread_mutex_unlock(&q.lock);
		failure_note(sync_close(fd));
		pthread_mutex_lock(&q.lock);
		q.finished++;
		pthread_cond_broadcast(&q.done);
	}
	pthread_mutex_unlock(&q.lock);
	return NULL;
}

/* Room for one more in the ring, in order. Called locked. */
static bool queue_grow(void)
{
	size_t cap = q.cap ? q.cap * 2 : 16, i;
	int *fds;

	if (q.n < q.cap)
		return true;
	fds = malloc(cap * sizeof(*fds));
	if (!fds)
		return false;
	for (i = 0; i < q.n; i++)
		fds[i] = q.fds[(q.head + i) % q.cap];
	free(q.fds);
	q.fds = fds;
	q.cap = cap;
	q.head = 0;
	return true;
}

/* The thread takes no signal: the console's (SIGTERM to libre, a
 * resize, a hang-up) must wake the main loop, not interrupt an fsync. */
static bool syncer_start(void)
{
	sigset_t all, old;
	bool ok;

	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	ok = pthread_create(&q.tid, NULL, syncer, NULL) == 0;
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	return ok;
}

void durable_sync(int fd)
{
	if (fd < 0)
		return;
	pthread_mutex_lock(&q.lock);
	if (!q.running && !q.stopping && syncer_start())
		q.running = true;
	if (!q.running || !queue_grow()) {
		/* no thread, or no memory: the wait is the caller's */
		pthread_mutex_unlock(&q.lock);
		failure_note(sync_close(fd));
		return;
	}
	q.fds[(q.head + q.n) % q.cap] = fd;
	q.n++;
	q.asked++;
	pthread_cond_signal(&q.work);
	pthread_mutex_unlock(&q.lock);
}

void durable_sync_dir(const char *path)
{
	char dir[PATH_MAX];
	char *slash;

	snprintf(dir, sizeof(dir), "%s", path);
	slash = strrchr(dir, '/');
	if (slash == dir)
		slash[1] = '\0';
	else if (slash)
		*slash = '\0';
	else
		snprintf(dir, sizeof(dir), ".");
	durable_sync(open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC));
}

void durable_drain(void)
{
	pthread_mutex_lock(&q.lock);
	while (q.running && q.finished != q.asked)
		pthread_cond_wait(&q.done, &q.lock);
	pthread_mutex_unlock(&q.lock);
}

void durable_stop(void)
{
	pthread_mutex_lock(&q.lock);
	if (!q.running) {
		pthread_mutex_unlock(&q.lock);
		return;
	}
	q.stopping = true;
	pthread_cond_signal(&q.work);
	pthread_mutex_unlock(&q.lock);
	pthread_join(q.tid, NULL);
	pthread_mutex_lock(&q.lock);
	q.running = false;
	q.stopping = false;
	free(q.fds);
	q.fds = NULL;
	q.cap = q.head = q.n = 0;
	pthread_mutex_unlock(&q.lock);
}

int durable_failure(void)
{
	int err;

	pthread_mutex_lock(&q.lock);
	err = q.failed;
	q.failed = 0;
	pthread_mutex_unlock(&q.lock);
	return err;
}

void durable_on_failure(void (*alert)(void))
{
	pthread_mutex_lock(&q.lock);
	q.alert = alert;
	pthread_mutex_unlock(&q.lock);
}
