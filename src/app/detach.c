/*
 * detach.c — a lost terminal drops no caller (see detach.h). SIGHUP
 * only writes to a pipe; the main loop reads it and closes the screen,
 * so nothing but the loop touches curses.
 */
#define _GNU_SOURCE
#include "detach.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/detached.h"
#include "ctl.h"
#include "sip/sip.h"

#define DETACHED_TICK_MS 1000

static struct {
	struct board *board;
	const struct detach_screen *screen;
	int grace_s;
	int hup_pipe[2];
	bool on_attached;          /* the screen is on an --attach terminal */
	struct sip_timer *tick;
} dt = { .hup_pipe = { -1, -1 } };

static void on_sighup(int sig)
{
	int saved = errno;
	char c = 'h';

	(void)sig;
	if (dt.hup_pipe[1] >= 0 && write(dt.hup_pipe[1], &c, 1) < 0) {
		/* the pipe is full: a hang-up is already on its way */
	}
	errno = saved;
}

static void on_tick(void *arg)
{
	(void)arg;
	if (board_detached_tick(dt.board)) {
		sip_timer_free(dt.tick);
		dt.tick = NULL;
		dt.screen->quit();
	}
}

/* The screen leaves its terminal; the calls go on without one. */
static void screen_gone(bool lost)
{
	bool was_attached = dt.on_attached;

	dt.on_attached = false;
	dt.screen->close(lost);
	/* the --attach process ends and its shell has the terminal back */
	if (was_attached)
		ctl_attach_end();
	board_detached(dt.board, dt.grace_s);
	if (!dt.tick)
		sip_timer_alloc(&dt.tick, DETACHED_TICK_MS, on_tick, NULL);
}

void detach_terminal_lost(void)
{
	if (dt.screen && dt.screen->is_open())
		screen_gone(true);
}

static void on_hup_pipe(void *arg)
{
	char buf[16];

	(void)arg;
	while (read(dt.hup_pipe[0], buf, sizeof(buf)) > 0)
		;
	if (dt.screen && dt.screen->is_open())
		screen_gone(dt.screen->hung_up());
}

/* cordboard --attach passed its terminal: the screen moves there. */
static int attach_take(int fd, const char *term, char *msg, size_t msgsz)
{
	int err;

	if (dt.screen->is_open()) {
		snprintf(msg, msgsz, "this console has its terminal: "
			 "--attach takes the place of one it lost");
		return EBUSY;
	}
	if (term && *term)
		setenv("TERM", term, 1);
	err = dt.screen->open(fd);
	if (err) {
		snprintf(msg, msgsz, "cannot open the screen on this "
			 "terminal: %s", strerror(err));
		return err;
	}
	dt.on_attached = true;
	sip_timer_free(dt.tick);
	dt.tick = NULL;
	board_attached(dt.board);
	return 0;
}

/* The --attach process went away (killed, its window closed). */
static void attach_gone(void)
{
	if (!dt.on_attached || !dt.screen->is_open())
		return;
	dt.on_attached = false;
	screen_gone(dt.screen->hung_up());
}

int detach_start(struct board *b, const struct detach_screen *s,
		 int grace_s)
{
	struct sigaction sa;
	int i;

	dt.board = b;
	dt.screen = s;
	dt.grace_s = grace_s;
	if (pipe2(dt.hup_pipe, O_CLOEXEC | O_NONBLOCK))
		return errno;
	for (i = 0; i < 2; i++)
		fcntl(dt.hup_pipe[i], F_SETFL, O_NONBLOCK);
	if (sip_fd_watch(dt.hup_pipe[0], on_hup_pipe, NULL))
		return EMFILE;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_sighup;
	sa.sa_flags = SA_RESTART;
	sigaction(SIGHUP, &sa, NULL);
	ctl_on_attach(attach_take, attach_gone);
	return 0;
}

void detach_set_grace(int grace_s)
{
	dt.grace_s = grace_s;
}

void detach_stop(void)
{
	int i;

	ctl_on_attach(NULL, NULL);
	/* the process ends: a late hang-up must not cut that short */
	signal(SIGHUP, SIG_IGN);
	sip_timer_free(dt.tick);
	dt.tick = NULL;
	if (dt.hup_pipe[0] >= 0)
		sip_fd_unwatch(dt.hup_pipe[0]);
	for (i = 0; i < 2; i++) {
		if (dt.hup_pipe[i] >= 0)
			close(dt.hup_pipe[i]);
		dt.hup_pipe[i] = -1;
	}
	dt.screen = NULL;
}
