/*
 * startup.c — why a console could not start: the module's one line, or
 * baresip's own start-up lines, said on the terminal by the launcher.
 */
#define _GNU_SOURCE
#include "startup.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "launch.h"
#include "sip/bsdir.h"

#define LOG_READ_MAX (64 * 1024)   /* start-up lines are at the start */

void startup_why(const char *fmt, ...)
{
	const char *rundir = getenv(ENV_RUNDIR);
	char line[1024], path[PATH_MAX];
	va_list ap;
	int fd, n;

	va_start(ap, fmt);
	n = vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	fprintf(stderr, "cordboard: %s\n", line);
	if (!rundir || !*rundir ||
	    snprintf(path, sizeof(path), "%s/%s", rundir, STARTUP_WHY_FILE)
	    >= (int)sizeof(path))
		return;
	/* O_EXCL: the first step that failed is the reason, not its echoes */
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0)
		return;
	(void)!write(fd, line, strlen(line));
	close(fd);
}

void startup_up(void)
{
	const char *rundir = getenv(ENV_RUNDIR);
	char path[PATH_MAX];
	int fd;

	if (!rundir || !*rundir ||
	    snprintf(path, sizeof(path), "%s/%s", rundir, STARTUP_UP_FILE)
	    >= (int)sizeof(path))
		return;
	fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
	if (fd >= 0)
		close(fd);
}

/* baresip colours its warnings: the text without escape sequences. */
static void strip_escapes(char *s)
{
	char *out = s;

	while (*s) {
		if (*s == '\033') {
			s++;
			if (*s == '[')
				s++;
			while (*s && !(*s >= '@' && *s <= '~'))
				s++;
			if (*s)
				s++;
			continue;
		}
		*out++ = *s++;
	}
	*out = '\0';
}

/* A line of baresip's and what it means to whoever set the console up. */
struct known_line {
	const char *has;
	const char *says;      /* after "cannot listen on ADDRESS: " */
};

static const struct known_line known_lines[] = {
	{ "SIP Transport failed: Address already in use",
	  "the address is in use (another program, "
	  "or another console, uses it)" },
	{ "SIP Transport failed: Cannot assign requested address",
	  "no network interface of this computer has "
	  "that address" },
	{ "SIP Transport failed: Permission denied",
	  "a port below 1024 needs privileges" },
	{ "SIP Transport failed",
	  "the SIP transport failed (see the log)" },
};

/* baresip reads tls_ca itself (sip_cafile) before the module loads. */
#define CA_UNREADABLE "tls: Can't read CA file: "

/* The line of text around p, without its end of line. */
static void line_at(const char *text, const char *p, char *out, size_t sz)
{
	const char *start = p, *end = strchr(p, '\n');

	while (start > text && start[-1] != '\n')
		start--;
	if (!end)
		end = p + strlen(p);
	snprintf(out, sz, "%.*s", (int)(end - start), start);
}

/* "PATH: why" with PATH as baresip wrote it (relative to its module
 * directory): the module's real path, and why. */
static void module_said(char *line, char *out, size_t sz)
{
	char *colon = strstr(line, ": "), real[PATH_MAX];

	if (colon) {
		*colon = '\0';
		if (!realpath(line, real))
			snprintf(real, sizeof(real), "%s", line);
		snprintf(out, sz, "cannot load the console module %s: %s",
			 real, colon + 2);
	} else {
		snprintf(out, sz, "cannot load the console module: %s", line);
	}
}

int startup_reason_from_log(const char *log, const char *listen,
			    char *out, size_t sz)
{
	char *text = strdup(log), line[400];
	const char *p;
	size_t i;

	if (!text)
		return ENOMEM;
	strip_escapes(text);
	for (i = 0; i < sizeof(known_lines) / sizeof(known_lines[0]); i++) {
		if (strstr(text, known_lines[i].has)) {
			snprintf(out, sz, "cannot listen on %s: %s",
				 listen && *listen ? listen : "the SIP port",
				 known_lines[i].says);
			free(text);
			return 0;
		}
	}
	p = strstr(text, CA_UNREADABLE);
	if (p) {
		p += strlen(CA_UNREADABLE);
		snprintf(out, sz, "tls_ca '%.*s' holds no CA certificate that "
			 "can be read", (int)strcspn(p, "\n"), p);
		free(text);
		return 0;
	}
	/* the module itself did not load: baresip names the file and why */
	p = strstr(text, "cordboard.so");
	if (p) {
		char *inner;

		line_at(text, p, line, sizeof(line));
		/* "dl: mod: PATH (PATH: why)": the part in brackets */
		inner = strchr(line, '(');
		if (inner && line[strlen(line) - 1] == ')') {
			line[strlen(line) - 1] = '\0';
			memmove(line, inner + 1, strlen(inner + 1) + 1);
		}
		module_said(line, out, sz);
		free(text);
		return 0;
	}
	p = strstr(text, "init failed");
	if (p) {
		line_at(text, p, line, sizeof(line));
		snprintf(out, sz, "baresip could not start: %s", line);
		free(text);
		return 0;
	}
	free(text);
	return ENOENT;
}

/* The whole of a small file, or NULL. */
static char *file_text(const char *dir, const char *name)
{
	char path[PATH_MAX], *buf;
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return NULL;
	buf = malloc(LOG_READ_MAX + 1);
	n = buf ? read(fd, buf, LOG_READ_MAX) : -1;
	close(fd);
	if (n < 0) {
		free(buf);
		return NULL;
	}
	buf[n] = '\0';
	return buf;
}

/* Says why the console did not start and which log is kept. */
static void say_why(const char *rundir, const char *listen, int status)
{
	char reason[600], *why = file_text(rundir, STARTUP_WHY_FILE);
	char *log;

	if (why && *why) {
		snprintf(reason, sizeof(reason), "%.*s",
			 (int)strcspn(why, "\n"), why);
	} else {
		log = file_text(rundir, "baresip.log");
		if (!log || startup_reason_from_log(log, listen, reason,
						    sizeof(reason)))
			snprintf(reason, sizeof(reason), "baresip stopped "
				 "(exit status %d) before the console was up",
				 status);
		free(log);
	}
	free(why);
	fprintf(stderr, "cordboard: %s\ncordboard: the log is kept in "
		"%s/baresip.log\n", reason, rundir);
}

static volatile sig_atomic_t console_pid;

/* kill PID on the launcher means stop the console (SIGTERM), or read
 * its files again (SIGUSR1): pass it on. */
static void pass_on(int sig)
{
	if (console_pid > 0)
		kill((pid_t)console_pid, sig);
}

/* The launcher waits: the keys' signals are the console's to handle,
 * and a lost terminal must not end the wait (the console may live on
 * without it), so SIGHUP is ignored, never passed on. */
static void parent_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = SIG_IGN;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGQUIT, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sa.sa_handler = pass_on;
	sa.sa_flags = SA_RESTART;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGUSR1, &sa, NULL);
}

static bool dir_exists(const char *dir)
{
	struct stat st;

	return stat(dir, &st) == 0 && S_ISDIR(st.st_mode);
}

static bool has_file(const char *rundir, const char *name)
{
	char path[PATH_MAX];

	snprintf(path, sizeof(path), "%s/%s", rundir, name);
	return access(path, F_OK) == 0;
}

/* baresip runs on when the module did not load: it says it is ready,
 * and the module never said it was up. */
static bool ready_without_console(const char *rundir)
{
	char *log;
	bool ready;

	if (has_file(rundir, STARTUP_UP_FILE))
		return false;
	log = file_text(rundir, "baresip.log");
	ready = log && strstr(log, "baresip is ready.");
	free(log);
	return ready && !has_file(rundir, STARTUP_UP_FILE);
}

/* Waits for the console; one that never came up is stopped. */
static int wait_console(pid_t pid, const char *rundir, int *status,
			bool *headless)
{
	bool up = false;

	*headless = false;
	for (;;) {
		pid_t r = waitpid(pid, status, up ? 0 : WNOHANG);

		if (r == pid)
			return 0;
		if (r < 0 && errno != EINTR)
			return errno;
		if (up)
			continue;
		if (has_file(rundir, STARTUP_UP_FILE)) {
			up = true;
		} else if (ready_without_console(rundir)) {
			kill(pid, SIGTERM);
			*headless = up = true;
		} else {
			usleep(100 * 1000);
		}
	}
}

static bool said_by_crash_guard(int sig)
{
	return sig == SIGSEGV || sig == SIGBUS || sig == SIGFPE ||
	       sig == SIGILL || sig == SIGABRT;
}

int startup_run(const char *baresip, const char *rundir,
		const char *listen)
{
	char logpath[PATH_MAX];
	pid_t launcher = getpid(), pid;
	bool headless;
	int status, err;

	snprintf(logpath, sizeof(logpath), "%s/baresip.log", rundir);
	fflush(NULL);
	pid = fork();
	if (pid < 0) {
		fprintf(stderr, "cordboard: fork: %s\n", strerror(errno));
		bsdir_remove(rundir);
		return 1;
	}
	if (pid == 0) {
		/* a launcher killed outright stops the console cleanly */
		prctl(PR_SET_PDEATHSIG, SIGTERM);
		if (getppid() != launcher)
			_exit(1);
		/* ignored across the exec until the module reloads on it:
		 * its default would end the console */
		signal(SIGUSR1, SIG_IGN);
		err = bsdir_exec_baresip(baresip, rundir, logpath);
		startup_why("cannot run %s: %s", baresip, strerror(err));
		_exit(1);
	}
	console_pid = pid;
	parent_signals();
	err = wait_console(pid, rundir, &status, &headless);
	if (err) {
		fprintf(stderr, "cordboard: waitpid: %s\n", strerror(err));
		return 1;
	}
	if (headless) {
		say_why(rundir, listen, 0);
		return 1;
	}
	if (WIFSIGNALED(status)) {
		int sig = WTERMSIG(status);

		/* the crash guard speaks once the screen is up, not before */
		if (dir_exists(rundir) && (!said_by_crash_guard(sig) ||
					   !has_file(rundir, STARTUP_UP_FILE)))
			fprintf(stderr, "cordboard: stopped by signal %d (%s);"
				" the log is kept in %s\n", sig,
				strsignal(sig), logpath);
		/* not raise(): the console's core dump is the one to read */
		return 128 + sig;
	}
	status = WIFEXITED(status) ? WEXITSTATUS(status) : 1;
	/* the module removes the runtime directory once it ran */
	if (!dir_exists(rundir))
		return status ? 1 : 0;
	if (status == 0 && !has_file(rundir, STARTUP_WHY_FILE)) {
		bsdir_remove(rundir);
		return 0;
	}
	say_why(rundir, listen, status);
	return 1;
}
