/*
 * attach.c — cordboard --attach: a console that lost its terminal (ssh
 * dropped, the window closed) takes this one. The terminal goes over
 * the control socket (SCM_RIGHTS) with the line "attach TERM"; this
 * process then only waits, reading nothing from the terminal, until the
 * console gives it back (it lost this terminal too, or ended) by closing
 * the connection. A resize of this terminal reaches this process only,
 * so it is passed on to the console.
 */
#define _GNU_SOURCE
#include "ctl.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

static volatile pid_t console_pid;

static void on_sigwinch(int sig)
{
	(void)sig;
	if (console_pid > 0)
		kill(console_pid, SIGWINCH);
}

/* The line and the terminal, in one message. */
static int send_terminal(int sock, int tty)
{
	union {
		struct cmsghdr h;
		char buf[CMSG_SPACE(sizeof(int))];
	} ctrl;
	const char *term = getenv("TERM");
	char line[200];
	struct iovec iov;
	struct msghdr mh;
	struct cmsghdr *c;
	int n;

	n = snprintf(line, sizeof(line), "attach %s\n",
		     term && *term && !strpbrk(term, " \n") ? term : "");
	if (n < 0 || (size_t)n >= sizeof(line))
		n = snprintf(line, sizeof(line), "attach\n");
	iov.iov_base = line;
	iov.iov_len = (size_t)n;
	memset(&mh, 0, sizeof(mh));
	memset(&ctrl, 0, sizeof(ctrl));
	mh.msg_iov = &iov;
	mh.msg_iovlen = 1;
	mh.msg_control = ctrl.buf;
	mh.msg_controllen = sizeof(ctrl.buf);
	c = CMSG_FIRSTHDR(&mh);
	c->cmsg_level = SOL_SOCKET;
	c->cmsg_type = SCM_RIGHTS;
	c->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(c), &tty, sizeof(tty));
	return sendmsg(sock, &mh, MSG_NOSIGNAL) == n ? 0 : errno;
}

/* The console's answer to "attach": 0 ok, 1 refused (said why), -1 the
 * connection ended first. Event lines before it are skipped. */
static int attach_answer(int sock)
{
	char buf[8192];
	size_t have = 0;

	for (;;) {
		ssize_t r = read(sock, buf + have, sizeof(buf) - 1 - have);
		char *nl, *text, *end;

		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return -1;
		have += (size_t)r;
		buf[have] = '\0';
		while ((nl = strchr(buf, '\n'))) {
			*nl = '\0';
			if (!strncmp(buf, "{\"reply\":\"ok\"", 13))
				return 0;
			if (!strncmp(buf, "{\"reply\":\"error\"", 16)) {
				/* the text, without its JSON quotes */
				text = strstr(buf, "\"text\":\"");
				end = text ? strrchr(text + 8, '"') : NULL;
				if (end)
					*end = '\0';
				fprintf(stderr, "cordboard: cannot attach: %s\n",
					end ? text + 8 : buf);
				return 1;
			}
			have -= (size_t)(nl + 1 - buf);
			memmove(buf, nl + 1, have + 1);
		}
		if (have == sizeof(buf) - 1)
			have = 0;
	}
}

int ctl_attach(void)
{
	char path[108], buf[4096];
	struct sigaction sa;
	struct ucred cred;
	socklen_t clen = sizeof(cred);
	int sock, tty = STDIN_FILENO, status, err;

	if (!isatty(tty)) {
		tty = open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC);
		if (tty < 0) {
			fprintf(stderr, "cordboard: --attach needs a terminal "
				"to give the console\n");
			return 1;
		}
	}
	if (ctl_find(path, sizeof(path), "to attach to"))
		return 1;
	sock = ctl_connect(path);
	if (sock < 0) {
		fprintf(stderr, "cordboard: no console to attach to at %s: "
			"%s\n", path, strerror(errno));
		return 1;
	}
	if (!getsockopt(sock, SOL_SOCKET, SO_PEERCRED, &cred, &clen))
		console_pid = cred.pid;
	err = send_terminal(sock, tty);
	if (err) {
		fprintf(stderr, "cordboard: cannot pass the terminal to the "
			"console: %s\n", strerror(err));
		close(sock);
		return 1;
	}
	status = attach_answer(sock);
	if (status) {
		if (status < 0)
			fprintf(stderr, "cordboard: the console closed the "
				"connection\n");
		close(sock);
		return 1;
	}
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_sigwinch;
	sa.sa_flags = SA_RESTART;
	sigaction(SIGWINCH, &sa, NULL);
	/* the events the console sends every client: nothing to do here */
	for (;;) {
		ssize_t r = read(sock, buf, sizeof(buf));

		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
	}
	close(sock);
	return 0;
}
