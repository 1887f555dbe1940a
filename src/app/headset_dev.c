/*
 * headset_dev.c — the headset's button device on the main loop: opened
 * without blocking, read whole, and looked for again every few seconds
 * while it is missing, so a headset plugged in later works and one
 * pulled out costs nothing but a line in the log.
 */
#define _GNU_SOURCE 1
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <linux/input.h>

#include "launch.h"
#include "sip/sip.h"

enum { RETRY_MS = 3000 };

static struct {
	struct console *c;
	const struct cb_headset *h;
	const struct headset_map *m;
	void (*after)(void);
	struct headset_decoder dec;
	struct sip_timer *retry;
	int fd;
	int last_err;             /* told the operator about this one */
} hs = { .fd = -1 };

/* On the status line (and so in the log pane): a headset that stops
 * answering is something the operator must see at once. */
static void say(bool error, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void say(bool error, const char *fmt, ...)
{
	char text[600];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	board_status(hs.c->board, error, "%s", text);
}

static void run_action(void *arg, const char *action)
{
	(void)arg;
	console_run(hs.c, action);
}

static void device_close(void)
{
	if (hs.fd < 0)
		return;
	sip_fd_unwatch(hs.fd);
	close(hs.fd);
	hs.fd = -1;
	hs.dec.have = 0;
}

static void retry_start(void);

static void on_readable(void *arg)
{
	unsigned char buf[sizeof(struct input_event) * 32];
	ssize_t n;
	(void)arg;

	for (;;) {
		n = read(hs.fd, buf, sizeof(buf));
		if (n > 0) {
			headset_feed(&hs.dec, hs.m, buf, (size_t)n, run_action,
				     NULL);
			if (hs.c->quit)
				break;
			continue;
		}
		if (n < 0 && (errno == EAGAIN || errno == EINTR))
			break;
		/* end of file or ENODEV: the headset was pulled out */
		say(true, "Headset %s is gone (%s); looking for it again",
		    hs.h->device, n ? strerror(errno) : "closed");
		hs.last_err = ENODEV;
		device_close();
		retry_start();
		break;
	}
	hs.after();
}

static int device_open(void)
{
	char name[128] = "";
	int fd;

	fd = open(hs.h->device, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return errno;
	/* a real input device names itself and can be kept from the
	 * desktop (whose volume keys would act twice); a pipe cannot */
	if (ioctl(fd, EVIOCGNAME(sizeof(name) - 1), name) < 0)
		name[0] = '\0';
	if (hs.h->grab)
		(void)ioctl(fd, EVIOCGRAB, 1);
	if (sip_fd_watch(fd, on_readable, NULL)) {
		close(fd);
		return EIO;
	}
	hs.fd = fd;
	hs.dec.have = 0;
	say(false, "Headset buttons: %s", name[0] ? name : hs.h->device);
	return 0;
}

static void retry_fire(void *arg)
{
	int err;
	(void)arg;

	err = device_open();
	if (err) {
		if (err != hs.last_err) {
			say(true, "Headset %s: %s (looking for it every few "
			    "seconds)", hs.h->device, strerror(err));
			hs.last_err = err;
		}
		return;
	}
	hs.last_err = 0;
	sip_timer_free(hs.retry);
	hs.retry = NULL;
	hs.after();
}

static void retry_start(void)
{
	if (!hs.retry)
		sip_timer_alloc(&hs.retry, RETRY_MS, retry_fire, NULL);
}

int headset_dev_start(struct console *c, const struct cb_headset *h,
		      const struct headset_map *m, void (*after)(void))
{
	hs.c = c;
	hs.h = h;
	hs.m = m;
	hs.after = after;
	hs.fd = -1;
	hs.last_err = 0;
	if (!h->device[0] || !m->n)
		return 0;
	retry_fire(NULL);
	if (hs.fd < 0)
		retry_start();
	return 0;
}

void headset_dev_stop(void)
{
	device_close();
	sip_timer_free(hs.retry);
	hs.retry = NULL;
}
