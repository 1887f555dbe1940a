/*
 * ctl_client.c — where the control socket lives, and cordboard --send.
 */
#include "ctl.h"

#include <dirent.h>
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#define REPLY_WAIT_MS 10000

/* A directory only we can enter, or why not. */
static int private_dir(const char *dir, char *msg, size_t msgsz)
{
	struct stat st;

	if (mkdir(dir, 0700) && errno != EEXIST) {
		snprintf(msg, msgsz, "%s: %s", dir, strerror(errno));
		return errno;
	}
	if (lstat(dir, &st)) {
		snprintf(msg, msgsz, "%s: %s", dir, strerror(errno));
		return errno;
	}
	if (!S_ISDIR(st.st_mode) || st.st_uid != geteuid() ||
	    (st.st_mode & 077)) {
		snprintf(msg, msgsz, "%s: not a private directory (it must "
			 "be ours, mode 0700)", dir);
		return EPERM;
	}
	return 0;
}

int ctl_name_check(const char *name, char *msg, size_t msgsz)
{
	size_t len = strlen(name);

	if (len == 0 || len > CTL_NAME_MAX || name[0] == '.' ||
	    name[0] == '-' ||
	    strspn(name, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
		   "0123456789._-") != len) {
		snprintf(msg, msgsz, "--name '%s': use 1 to %d letters, digits, "
			 "'.', '_' or '-' (not first '.' or '-')", name,
			 CTL_NAME_MAX);
		return EINVAL;
	}
	return 0;
}

/* Where the sockets of this user's consoles are. */
static int ctl_dir(char *dir, size_t sz)
{
	const char *xdg = getenv("XDG_RUNTIME_DIR");
	int n;

	if (xdg && xdg[0] == '/')
		n = snprintf(dir, sz, "%s/cordboard", xdg);
	else
		n = snprintf(dir, sz, "/tmp/cordboard-%u",
			     (unsigned)geteuid());
	return n < 0 || (size_t)n >= sz ? ENAMETOOLONG : 0;
}

int ctl_path(char *out, size_t sz, bool make_dir, char *msg, size_t msgsz)
{
	const char *given = getenv(ENV_CTL), *name = getenv(ENV_NAME);
	char dir[sizeof(((struct sockaddr_un *)0)->sun_path)];
	size_t need;

	if (given && *given) {
		if (strlen(given) >= sz || strlen(given) >= sizeof(dir)) {
			snprintf(msg, msgsz, "%s: too long for a socket path",
				 given);
			return ENAMETOOLONG;
		}
		snprintf(out, sz, "%s", given);
		return 0;
	}
	if (!name || !*name)
		name = CTL_DEFAULT_NAME;
	if (ctl_name_check(name, msg, msgsz))
		return EINVAL;
	need = ctl_dir(dir, sizeof(dir)) ? sizeof(dir) + 1 :
	       strlen(dir) + strlen(name) + 6;
	if (need > sizeof(dir) || need > sz) {
		snprintf(msg, msgsz, "%s: too long for a socket path", dir);
		return ENAMETOOLONG;
	}
	if (make_dir) {
		int err = private_dir(dir, msg, msgsz);
		if (err)
			return err;
	}
	snprintf(out, sz, "%s/%s.ctl", dir, name);
	return 0;
}

int ctl_address(struct sockaddr_un *sa, const char *path)
{
	memset(sa, 0, sizeof(*sa));
	sa->sun_family = AF_UNIX;
	if ((size_t)snprintf(sa->sun_path, sizeof(sa->sun_path), "%s", path) >=
	    sizeof(sa->sun_path))
		return ENAMETOOLONG;
	return 0;
}

int ctl_connect(const char *path)
{
	struct sockaddr_un sa;
	int fd;

	if (ctl_address(&sa, path)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -1;
	if (connect(fd, (struct sockaddr *)&sa, sizeof(sa))) {
		int e = errno;
		close(fd);
		errno = e;
		return -1;
	}
	return fd;
}

int ctl_check_free(char *msg, size_t msgsz)
{
	char path[108];
	int fd;

	if (ctl_path(path, sizeof(path), false, msg, msgsz))
		return 0;   /* the console says why when it opens it */
	fd = ctl_connect(path);
	if (fd < 0)
		return 0;
	close(fd);
	snprintf(msg, msgsz, "another cordboard named %s is running (%s)",
		 getenv(ENV_NAME) ? getenv(ENV_NAME) : CTL_DEFAULT_NAME, path);
	return EADDRINUSE;
}

/* Without --name (or --ctl): the socket of the only console that
 * answers; none or several is an error that says what to do. */
static int only_console(char *path, size_t sz, const char *what)
{
	char dir[108], names[512] = "", sock[108];
	struct dirent *e;
	size_t found = 0, len;
	DIR *d;

	if (ctl_dir(dir, sizeof(dir)) || !(d = opendir(dir))) {
		fprintf(stderr, "cordboard: no console %s (%s: %s)\n", what,
			dir, strerror(errno));
		return ENOENT;
	}
	while ((e = readdir(d))) {
		int fd;

		len = strlen(e->d_name);
		if (len < 5 || strcmp(e->d_name + len - 4, ".ctl") ||
		    snprintf(sock, sizeof(sock), "%s/%s", dir, e->d_name) >=
		    (int)sizeof(sock) || (fd = ctl_connect(sock)) < 0)
			continue;
		close(fd);
		if (found++ == 0)
			snprintf(path, sz, "%s", sock);
		len = strlen(names);
		snprintf(names + len, sizeof(names) - len, "%s%.*s",
			 len ? ", " : "", (int)(strlen(e->d_name) - 4),
			 e->d_name);
	}
	closedir(d);
	if (found == 1)
		return 0;
	if (found == 0)
		fprintf(stderr, "cordboard: no console %s (no socket "
			"answers in %s)\n", what, dir);
	else
		fprintf(stderr, "cordboard: %zu consoles are running (%s): "
			"say which with --name NAME\n", found, names);
	return found ? EEXIST : ENOENT;
}

int ctl_find(char *path, size_t sz, const char *what)
{
	char msg[256];

	if (!getenv(ENV_CTL) && !getenv(ENV_NAME))
		return only_console(path, sz, what);
	if (ctl_path(path, sz, false, msg, sizeof(msg))) {
		fprintf(stderr, "cordboard: %s\n", msg);
		return EINVAL;
	}
	return 0;
}

static int send_all(int fd, const char *buf, size_t len)
{
	while (len > 0) {
		ssize_t n = send(fd, buf, len, MSG_NOSIGNAL);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return errno;
		buf += n;
		len -= (size_t)n;
	}
	return 0;
}

/* Lines a console answers: not blank, not a comment. */
static bool answered(const char *line)
{
	line += strspn(line, " \t");
	return *line && *line != '#';
}

int ctl_send(char *const *lines, size_t n, bool follow)
{
	char path[108], buf[8192];
	size_t i, want = 0, got = 0, have = 0;
	int fd, status = 0;

	if (ctl_find(path, sizeof(path), "is running"))
		return 1;
	fd = ctl_connect(path);
	if (fd < 0) {
		fprintf(stderr, "cordboard: no console at %s: %s\n", path,
			strerror(errno));
		return 1;
	}
	for (i = 0; i < n; i++) {
		const char *l = lines[i];

		if (strchr(l, '\n') || strlen(l) >= CTL_LINE_MAX) {
			fprintf(stderr, "cordboard: not one line of at most "
				"%d characters: %s\n", CTL_LINE_MAX - 1, l);
			close(fd);
			return 1;
		}
		if (!answered(l))
			continue;
		want++;
		if (send_all(fd, l, strlen(l)) || send_all(fd, "\n", 1)) {
			/* refused at once: the reply before the close says
			 * why, so read up to the end */
			want = (size_t)-1;
			status = 1;
			break;
		}
	}
	while (follow || got < want) {
		struct pollfd p = { fd, POLLIN, 0 };
		char *nl;
		ssize_t r;
		int pr = poll(&p, 1, follow ? -1 : REPLY_WAIT_MS);

		if (pr < 0 && errno == EINTR)
			continue;
		if (pr == 0) {
			fprintf(stderr, "cordboard: no reply from the console "
				"within %d s\n", REPLY_WAIT_MS / 1000);
			status = 1;
			break;
		}
		r = read(fd, buf + have, sizeof(buf) - 1 - have);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0) {
			if (got < want || !follow) {
				fprintf(stderr, "cordboard: the console closed "
					"the connection\n");
				status = 1;
			}
			break;
		}
		have += (size_t)r;
		buf[have] = '\0';
		while ((nl = strchr(buf, '\n'))) {
			bool reply = !strncmp(buf, "{\"reply\":", 9);

			*nl = '\0';
			if (reply) {
				got++;
				if (strncmp(buf, "{\"reply\":\"ok\"", 13))
					status = 1;
			}
			if (reply || follow) {
				printf("%s\n", buf);
				fflush(stdout);
			}
			have -= (size_t)(nl + 1 - buf);
			memmove(buf, nl + 1, have + 1);
		}
		if (have == sizeof(buf) - 1)
			have = 0;   /* longer than any line we write: drop it */
	}
	close(fd);
	return status;
}
