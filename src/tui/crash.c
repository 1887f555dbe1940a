/*
 * crash.c — the terminal restored on a crash (see crash.h). Everything
 * the handler does is async-signal-safe: write(2), tcsetattr(3),
 * sigaction(2) and raise(3) on what was prepared before.
 */
#include "crash.h"

#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

static const struct {
	int sig;
	const char *words;
} fatal[] = {
	{ SIGSEGV, "a segmentation fault (SIGSEGV)" },
	{ SIGBUS,  "a bus error (SIGBUS)" },
	{ SIGFPE,  "an arithmetic error (SIGFPE)" },
	{ SIGILL,  "an illegal instruction (SIGILL)" },
	{ SIGABRT, "an abort (SIGABRT)" },
};
#define NFATAL (sizeof(fatal) / sizeof(fatal[0]))

static struct {
	int fd;
	bool have_modes;
	struct termios modes;
	char log[512];
} guard = { .fd = -1 };

static void say(const char *s)
{
	ssize_t left = (ssize_t)strlen(s);

	while (left > 0) {
		ssize_t n = write(guard.fd, s, (size_t)left);

		if (n <= 0)
			return;
		s += n;
		left -= n;
	}
}

static void on_fatal(int sig)
{
	const char *words = "a fatal signal";
	size_t i;

	for (i = 0; i < NFATAL; i++)
		if (fatal[i].sig == sig)
			words = fatal[i].words;
	if (guard.fd >= 0) {
		/* normal screen, plain attributes, cursor on, a fresh line */
		say("\033[?1049l\033[0m\033[?25h\r\n");
		if (guard.have_modes)
			tcsetattr(guard.fd, TCSANOW, &guard.modes);
		say("cordboard: crashed on ");
		say(words);
		if (guard.log[0]) {
			say("; the log is kept in ");
			say(guard.log);
		}
		say("\n");
	}
	/* the handler was installed with SA_RESETHAND: the default action
	 * (a core dump) follows */
	raise(sig);
}

void crash_guard_arm(int tty_fd)
{
	struct sigaction sa;
	size_t i;

	guard.fd = tty_fd;
	guard.have_modes = tcgetattr(tty_fd, &guard.modes) == 0;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_fatal;
	sa.sa_flags = (int)SA_RESETHAND | SA_NODEFER;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < NFATAL; i++)
		sigaction(fatal[i].sig, &sa, NULL);
}

void crash_guard_name_log(const char *path)
{
	snprintf(guard.log, sizeof(guard.log), "%s", path ? path : "");
}

void crash_guard_disarm(void)
{
	size_t i;

	for (i = 0; i < NFATAL; i++)
		signal(fatal[i].sig, SIG_DFL);
	guard.fd = -1;
}

void crash_on_purpose(const char *how)
{
	if (!strcmp(how, "segv")) {
		volatile int *nowhere = NULL;

		*nowhere = 1;
	}
	else if (!strcmp(how, "abort")) {
		abort();
	}
	else if (!strcmp(how, "fpe")) {
		/* an integer division by zero is undefined: the compiler
		 * need not trap, so the signal is raised */
		raise(SIGFPE);
	}
}
