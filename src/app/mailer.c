/*
 * mailer.c — runs the e-mail command (messages { command = {...} }) for
 * a message: the mail is written to an unlinked temporary file that
 * becomes the command's standard input, so the console never blocks on
 * a pipe; the command's exit status is collected without waiting.
 */
#include "mailer.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/messages.h"

/* The mail as sendmail -t reads it: headers, a blank line, the body. */
static int mail_file(const char *to, const char *subject, const char *body)
{
	const char *dir = getenv("TMPDIR");
	char path[4096];
	FILE *fp;
	int fd;

	snprintf(path, sizeof(path), "%s/cordboard-mail-XXXXXX",
		 dir && dir[0] == '/' ? dir : "/tmp");
	fd = mkstemp(path);
	if (fd < 0)
		return -errno;
	unlink(path);
	(void)fcntl(fd, F_SETFD, FD_CLOEXEC);
	fp = fdopen(dup(fd), "w");
	if (!fp) {
		close(fd);
		return -ENOMEM;
	}
	fprintf(fp, "To: %s\nSubject: %s\n"
		"Content-Type: text/plain; charset=utf-8\n"
		"MIME-Version: 1.0\n\n%s\n", to, subject, body);
	if (fclose(fp) || lseek(fd, 0, SEEK_SET) < 0) {
		close(fd);
		return -EIO;
	}
	return fd;
}

int mailer_send(void *arg, unsigned id, const char *to,
		const char *subject, const char *body)
{
	struct mailer *m = arg;
	char *argv[MAIL_ARGS_MAX + 1];
	size_t i;
	pid_t pid;
	int in, out;

	if (!m->cfg->mail_argc)
		return ENOENT;
	if (m->nrunning == MAILER_RUNNING_MAX)
		return EAGAIN;
	for (i = 0; i < m->cfg->mail_argc; i++)
		argv[i] = (char *)m->cfg->mail_command[i];
	argv[i] = NULL;
	in = mail_file(to, subject, body);
	if (in < 0)
		return -in;
	out = open("/dev/null", O_WRONLY | O_CLOEXEC);
	if (out < 0) {
		close(in);
		return errno;
	}
	pid = fork();
	if (pid == 0) {
		/* only async-signal-safe calls here: baresip has threads */
		if (dup2(in, 0) < 0 || dup2(out, 1) < 0 || dup2(out, 2) < 0)
			_exit(126);
		execv(argv[0], argv);
		_exit(127);
	}
	close(in);
	close(out);
	if (pid < 0)
		return errno;
	m->running[m->nrunning].pid = pid;
	m->running[m->nrunning].id = id;
	m->nrunning++;
	return 0;
}

void mailer_poll(struct mailer *m)
{
	size_t i = 0;

	while (i < m->nrunning) {
		int status;
		pid_t r = waitpid(m->running[i].pid, &status, WNOHANG);
		unsigned id = m->running[i].id;

		if (r == 0 || (r < 0 && errno == EINTR)) {
			i++;
			continue;
		}
		m->running[i] = m->running[--m->nrunning];
		if (r < 0)
			board_message_mail_result(m->board, id, -1);
		else
			board_message_mail_result(m->board, id,
				WIFEXITED(status) ? WEXITSTATUS(status) :
				128 + WTERMSIG(status));
	}
}

bool mailer_busy(const struct mailer *m)
{
	return m->nrunning > 0;
}
