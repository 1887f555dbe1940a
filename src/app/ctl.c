/*
 * ctl.c — the control socket server, on the main loop: several clients
 * at once, non-blocking writes, a client that stops reading is dropped
 * once CTL_OUT_MAX bytes wait for it, so the console never blocks.
 */
#define _GNU_SOURCE
#include "ctl.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "core/evlog.h"
#include "input/ctl_line.h"
#include "sip/sip.h"

struct ctl_client {
	int fd;                   /* -1: free slot */
	char in[CTL_LINE_MAX];
	size_t inlen;
	bool discarding;          /* the rest of a line that was too long */
	char *out;                /* unsent output, CTL_OUT_MAX bytes */
	size_t outlen;
	int passed_fd;            /* a terminal sent along (--attach), or -1 */
	bool attached;            /* the screen is on its terminal */
};

struct ctl_server {
	bool open;
	int fd;
	char path[108];
	ino_t ino;                /* ours: remove only this socket at exit */
	struct board *board;
	ctl_run_fn *run;
	void *arg;
	struct ctl_client clients[CTL_CLIENTS_MAX];
	bool capturing;           /* a line runs: keep its status text */
	char captured[256];
	ctl_attach_fn *attach_take;
	void (*attach_gone)(void);
};

/* One server per process: the board keeps its observer for good. */
static struct ctl_server server;

static void client_drop(struct ctl_client *cl)
{
	bool attached = cl->attached;

	if (cl->fd < 0)
		return;
	sip_fd_unwatch(cl->fd);
	close(cl->fd);
	cl->fd = -1;
	free(cl->out);
	cl->out = NULL;
	cl->outlen = cl->inlen = 0;
	if (cl->passed_fd >= 0)
		close(cl->passed_fd);
	cl->passed_fd = -1;
	cl->attached = false;
	if (attached && server.attach_gone)
		server.attach_gone();
}

static void client_flush(struct ctl_client *cl)
{
	size_t done = 0;

	while (done < cl->outlen) {
		ssize_t n = send(cl->fd, cl->out + done, cl->outlen - done,
				 MSG_NOSIGNAL | MSG_DONTWAIT);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
			break;
		if (n <= 0) {
			client_drop(cl);
			return;
		}
		done += (size_t)n;
	}
	memmove(cl->out, cl->out + done, cl->outlen - done);
	cl->outlen -= done;
	sip_fd_want_write(cl->fd, cl->outlen > 0);
}

/* Queues one line for a client; one that lets too much pile up is gone. */
static void client_write(struct ctl_client *cl, const char *text)
{
	size_t len = strlen(text);

	if (cl->fd < 0)
		return;
	if (cl->outlen + len + 1 > CTL_OUT_MAX) {
		board_log(server.board, 1, "Control socket: dropped a client "
			  "that stopped reading");
		client_drop(cl);
		return;
	}
	memcpy(cl->out + cl->outlen, text, len);
	cl->out[cl->outlen + len] = '\n';
	cl->outlen += len + 1;
	client_flush(cl);
}

static void reply(struct ctl_client *cl, bool ok, const char *line,
		  const char *text)
{
	char qa[CTL_LINE_MAX * 2 + 8], qt[600];
	char buf[sizeof(qa) + sizeof(qt) + 64];

	if (json_quote(qa, sizeof(qa), line) >= (int)sizeof(qa))
		snprintf(qa, sizeof(qa), "\"\"");
	if (json_quote(qt, sizeof(qt), text) >= (int)sizeof(qt))
		snprintf(qt, sizeof(qt), "\"\"");
	snprintf(buf, sizeof(buf), "{\"reply\":\"%s\",\"action\":%s,"
		 "\"text\":%s}", ok ? "ok" : "error", qa, qt);
	client_write(cl, buf);
}

/* "lines": the board as it is (lines, transfers, conference), for a
 * client that checks nothing was left up; it runs nothing. */
static void reply_lines(struct ctl_client *cl)
{
	static char body[48 * 1024], buf[sizeof(body) + 64];

	if (evlog_board(body, sizeof(body), server.board) >=
	    (int)sizeof(body)) {
		reply(cl, false, "lines", "too much to list");
		return;
	}
	snprintf(buf, sizeof(buf), "{\"reply\":\"ok\",\"action\":\"lines\","
		 "\"board\":%s}", body);
	client_write(cl, buf);
}

/* "attach [TERM]" with a terminal sent along: the screen moves to it. */
static void run_attach(struct ctl_client *cl, const char *line)
{
	const char *term = line + strlen("attach");
	char msg[300] = "";
	int fd = cl->passed_fd, err;

	term += strspn(term, " ");
	cl->passed_fd = -1;
	if (fd < 0 || !server.attach_take) {
		if (fd >= 0)
			close(fd);
		reply(cl, false, "attach", fd < 0 ? "attach needs a terminal "
		      "sent along: run cordboard --attach in it" :
		      "this console cannot attach a terminal");
		return;
	}
	err = server.attach_take(fd, term, msg, sizeof(msg));
	if (err) {
		close(fd);
		reply(cl, false, "attach", msg[0] ? msg : strerror(err));
		return;
	}
	cl->attached = true;
	reply(cl, true, "attach", "The console is on this terminal");
}

static void run_line(struct ctl_client *cl, char *line)
{
	int err;

	switch (ctl_line_prepare(&line)) {
	case CTL_LINE_SKIP:
		return;
	case CTL_LINE_CONTROL:
		reply(cl, false, "", "control character in the line: "
		      "nothing done");
		return;
	case CTL_LINE_WAIT:
		reply(cl, false, line, "wait is a script and macro step; "
		      "a client watches the events instead");
		return;
	case CTL_LINE_RUN:
		break;
	}
	if (!strcmp(line, "lines")) {
		reply_lines(cl);
		return;
	}
	if (!strncmp(line, "attach", 6) && (!line[6] || line[6] == ' ')) {
		run_attach(cl, line);
		return;
	}
	server.capturing = true;
	server.captured[0] = '\0';
	err = server.run(server.arg, line);
	server.capturing = false;
	reply(cl, err == 0, line, server.captured[0] ? server.captured :
	      (err ? strerror(err) : ""));
}

/* Reads what came, and a terminal sent along with it (--attach). */
static ssize_t client_recv(struct ctl_client *cl)
{
	union {
		struct cmsghdr h;
		char buf[CMSG_SPACE(sizeof(int))];
	} ctrl;
	struct iovec iov = { cl->in + cl->inlen, sizeof(cl->in) - cl->inlen };
	struct msghdr mh = { .msg_iov = &iov, .msg_iovlen = 1,
			     .msg_control = ctrl.buf,
			     .msg_controllen = sizeof(ctrl.buf) };
	struct cmsghdr *c;
	ssize_t n = recvmsg(cl->fd, &mh, MSG_DONTWAIT | MSG_CMSG_CLOEXEC);

	for (c = n > 0 ? CMSG_FIRSTHDR(&mh) : NULL; c;
	     c = CMSG_NXTHDR(&mh, c)) {
		int fd;

		if (c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_RIGHTS ||
		    c->cmsg_len != CMSG_LEN(sizeof(int)))
			continue;
		memcpy(&fd, CMSG_DATA(c), sizeof(fd));
		if (cl->passed_fd >= 0)
			close(cl->passed_fd);
		cl->passed_fd = fd;
	}
	return n;
}

static void client_read(struct ctl_client *cl)
{
	ssize_t n = client_recv(cl);
	char *nl;

	if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK ||
		      errno == EINTR))
		return;
	if (n <= 0) {
		client_drop(cl);
		return;
	}
	cl->inlen += (size_t)n;
	while (cl->fd >= 0 && (nl = memchr(cl->in, '\n', cl->inlen))) {
		size_t used = (size_t)(nl - cl->in) + 1;

		*nl = '\0';
		if (!cl->discarding)
			run_line(cl, cl->in);
		cl->discarding = false;
		if (cl->fd < 0)
			return;
		memmove(cl->in, cl->in + used, cl->inlen - used);
		cl->inlen -= used;
	}
	if (cl->fd >= 0 && cl->inlen == sizeof(cl->in)) {
		if (!cl->discarding)
			reply(cl, false, "", "line longer than 1023 "
			      "characters: nothing done");
		cl->discarding = true;
		cl->inlen = 0;
	}
}

static void on_client(void *arg)
{
	struct ctl_client *cl = arg;

	if (cl->fd >= 0 && cl->outlen)
		client_flush(cl);
	if (cl->fd >= 0)
		client_read(cl);
}

/* Writes a refusal straight away and closes: no slot, no watch. */
static void refuse(int fd, const char *why)
{
	char buf[400], q[300];

	if (json_quote(q, sizeof(q), why) >= (int)sizeof(q))
		snprintf(q, sizeof(q), "\"refused\"");
	snprintf(buf, sizeof(buf), "{\"reply\":\"error\",\"action\":\"\","
		 "\"text\":%s}\n", q);
	/* it may be gone already: there is nothing else to tell it */
	(void)!send(fd, buf, strlen(buf), MSG_NOSIGNAL | MSG_DONTWAIT);
	close(fd);
}

static void on_accept(void *arg)
{
	struct ucred cred;
	socklen_t clen = sizeof(cred);
	char why[160];
	size_t i;
	int fd;

	(void)arg;
	fd = accept4(server.fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
	if (fd < 0)
		return;
	if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cred, &clen) ||
	    cred.uid != geteuid()) {
		snprintf(why, sizeof(why), "refused: uid %u is not the "
			 "console's uid", (unsigned)cred.uid);
		board_log(server.board, 1, "Control socket: refused a client "
			  "of another uid");
		refuse(fd, why);
		return;
	}
	for (i = 0; i < CTL_CLIENTS_MAX && server.clients[i].fd >= 0; i++)
		;
	if (i == CTL_CLIENTS_MAX) {
		snprintf(why, sizeof(why), "refused: %d clients already",
			 CTL_CLIENTS_MAX);
		refuse(fd, why);
		return;
	}
	server.clients[i].out = malloc(CTL_OUT_MAX);
	if (!server.clients[i].out) {
		refuse(fd, "refused: out of memory");
		return;
	}
	server.clients[i].fd = fd;
	server.clients[i].passed_fd = -1;
	server.clients[i].attached = false;
	server.clients[i].inlen = server.clients[i].outlen = 0;
	server.clients[i].discarding = false;
	if (sip_fd_watch(fd, on_client, &server.clients[i])) {
		free(server.clients[i].out);
		server.clients[i].out = NULL;
		server.clients[i].fd = -1;
		refuse(fd, "refused: too many open watches");
	}
}

static void ctl_observer(void *arg, const struct board_event *ev)
{
	char buf[4096];
	size_t i;
	int n;

	(void)arg;
	if (!server.open)
		return;
	if (server.capturing && ev->text &&
	    (ev->type == EV_RESULT || ev->type == EV_ERROR))
		snprintf(server.captured, sizeof(server.captured), "%s",
			 ev->text);
	n = evlog_format(buf, sizeof(buf), ev, sip_now_ms());
	if (n < 0 || (size_t)n >= sizeof(buf))
		return;
	for (i = 0; i < CTL_CLIENTS_MAX; i++)
		client_write(&server.clients[i], buf);
}

/* A socket at path: a console answers there (EADDRINUSE), or it was
 * left by one that died and is removed. */
static int clear_stale(const char *path, char *msg, size_t msgsz)
{
	struct sockaddr_un sa;
	struct stat st;
	int fd, err;

	if (lstat(path, &st))
		return errno == ENOENT ? 0 : errno;
	if (!S_ISSOCK(st.st_mode)) {
		snprintf(msg, msgsz, "%s exists and is not a socket", path);
		return EEXIST;
	}
	if (ctl_address(&sa, path)) {
		snprintf(msg, msgsz, "%s: the path is too long for a socket",
			 path);
		return ENAMETOOLONG;
	}
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return errno;
	err = connect(fd, (struct sockaddr *)&sa, sizeof(sa)) ? errno : 0;
	close(fd);
	if (!err) {
		snprintf(msg, msgsz, "another cordboard named %s is running "
			 "(%s)", getenv(ENV_NAME) ? getenv(ENV_NAME) :
			 CTL_DEFAULT_NAME, path);
		return EADDRINUSE;
	}
	if (unlink(path) && errno != ENOENT) {
		snprintf(msg, msgsz, "%s: %s", path, strerror(errno));
		return errno;
	}
	return 0;
}

int ctl_open(struct ctl_server **sp, struct board *b, ctl_run_fn *run,
	     void *arg, char *msg, size_t msgsz)
{
	struct ctl_server *s = &server;
	struct sockaddr_un sa;
	struct stat st;
	size_t i;
	int err;

	if (s->open)
		return EALREADY;
	err = ctl_path(s->path, sizeof(s->path), true, msg, msgsz);
	if (!err)
		err = clear_stale(s->path, msg, msgsz);
	if (err) {
		if (!*msg)
			snprintf(msg, msgsz, "%s: %s", s->path,
				 strerror(err));
		return err;
	}
	s->fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC,
		       0);
	if (s->fd < 0) {
		snprintf(msg, msgsz, "socket: %s", strerror(errno));
		return errno;
	}
	if (ctl_address(&sa, s->path)) {
		snprintf(msg, msgsz, "%s: the path is too long for a socket",
			 s->path);
		close(s->fd);
		s->fd = -1;
		return ENAMETOOLONG;
	}
	/* the directory is 0700: nobody else can reach it before chmod */
	if (bind(s->fd, (struct sockaddr *)&sa, sizeof(sa)) ||
	    chmod(s->path, 0600) || listen(s->fd, 8) ||
	    stat(s->path, &st)) {
		err = errno;
		snprintf(msg, msgsz, "%s: %s", s->path, strerror(err));
		close(s->fd);
		return err;
	}
	s->ino = st.st_ino;
	err = sip_fd_watch(s->fd, on_accept, NULL);
	if (err) {
		snprintf(msg, msgsz, "cannot watch the control socket: %s",
			 strerror(err));
		close(s->fd);
		unlink(s->path);
		return err;
	}
	for (i = 0; i < CTL_CLIENTS_MAX; i++)
		s->clients[i].fd = -1;
	s->board = b;
	s->run = run;
	s->arg = arg;
	if (board_observe(b, ctl_observer, NULL))
		board_log(b, 1, "Control socket: no room to send events");
	s->open = true;
	*sp = s;
	return 0;
}

void ctl_on_attach(ctl_attach_fn *take, void (*gone)(void))
{
	server.attach_take = take;
	server.attach_gone = gone;
}

void ctl_attach_end(void)
{
	size_t i;

	for (i = 0; server.open && i < CTL_CLIENTS_MAX; i++) {
		if (server.clients[i].attached) {
			server.clients[i].attached = false;
			client_drop(&server.clients[i]);
		}
	}
}

void ctl_close(struct ctl_server *s)
{
	struct stat st;
	size_t i;

	if (!s || !s->open)
		return;
	s->open = false;
	for (i = 0; i < CTL_CLIENTS_MAX; i++)
		client_drop(&s->clients[i]);
	sip_fd_unwatch(s->fd);
	close(s->fd);
	/* a newer console may have replaced a socket we lost: keep that */
	if (!lstat(s->path, &st) && st.st_ino == s->ino)
		unlink(s->path);
}
