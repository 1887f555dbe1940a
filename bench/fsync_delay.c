/*
 * fsync_delay.c — a slow or broken disk for the benchmarks and the
 * tests: preloaded (LD_PRELOAD) into the console, it makes every fsync
 * and fdatasync wait FSYNC_DELAY_MS milliseconds (100 unless set)
 * before the real one, in whatever thread calls it; with
 * FSYNC_FAIL_ERRNO=N it then fails with errno N instead. Never
 * installed: the product has no such switch.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

/* the build hides symbols by default; these two must be seen */
#define EXPORTED __attribute__((visibility("default")))

typedef int (sync_fn)(int fd);

static void disk_wait(void)
{
	const char *env = getenv("FSYNC_DELAY_MS");
	long ms = env ? strtol(env, NULL, 10) : 100;
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	if (ms > 0)
		while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
			;
}

static int real_call(const char *name, int fd)
{
	const char *fail = getenv("FSYNC_FAIL_ERRNO");
	sync_fn *fn = (sync_fn *)dlsym(RTLD_NEXT, name);

	if (fail && atoi(fail) > 0) {
		errno = atoi(fail);
		return -1;
	}
	return fn ? fn(fd) : 0;
}

EXPORTED int fsync(int fd)
{
	disk_wait();
	return real_call("fsync", fd);
}

EXPORTED int fdatasync(int fd)
{
	disk_wait();
	return real_call("fdatasync", fd);
}
