/*
 * history.c — the call history file.
 */
#include "history.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "evlog.h"

/* mkdir -p for the directories above path. */
static int parents_make(const char *path)
{
	char dir[PATH_MAX];
	char *p;

	if ((size_t)snprintf(dir, sizeof(dir), "%s", path) >= sizeof(dir))
		return ENAMETOOLONG;
	for (p = dir + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(dir, 0700) != 0 && errno != EEXIST)
			return errno;
		*p = '/';
	}
	return 0;
}

int history_open(struct history *h, const char *path)
{
	int err;

	h->fd = -1;
	if (!path || !*path)
		return EINVAL;
	err = parents_make(path);
	if (err)
		return err;
	h->fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
	return h->fd < 0 ? errno : 0;
}

void history_close(struct history *h)
{
	if (h->fd >= 0)
		close(h->fd);
	h->fd = -1;
}

static void history_write(struct history *h, const char *line, size_t len)
{
	while (len > 0) {
		ssize_t n = write(h->fd, line, len);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			return;
		}
		line += n;
		len -= (size_t)n;
	}
	fsync(h->fd);
}

void history_observer(void *arg, const struct board_event *ev)
{
	struct history *h = arg;
	char buf[4096], q[1200];
	const struct line *l = ev->line;
	int n;

	if (h->fd < 0 || !l ||
	    (ev->type != EV_LINE_CLOSED && ev->type != EV_TRANSFERRED))
		return;
	if (ev->type == EV_TRANSFERRED) {
		json_quote(q, sizeof(q), ev->text ? ev->text : "");
		n = snprintf(buf, sizeof(buf), "{\"at\":%lld,\"record\":"
			     "\"transfer\",\"text\":%s}\n",
			     (long long)h->wall_s(), q);
	}
	else {
		char name[600], num[300];
		int64_t talked = l->answered_ms ?
			(h->now_ms() - l->answered_ms) / 1000 : 0;

		json_quote(name, sizeof(name), l->name);
		json_quote(num, sizeof(num), l->number);
		n = snprintf(buf, sizeof(buf), "{\"at\":%lld,\"record\":\"call\","
			     "\"dir\":\"%s\",\"name\":%s,\"number\":%s,"
			     "\"answered\":%s,\"talked_s\":%lld,\"status\":%d,"
			     "\"transferred\":%s}\n",
			     (long long)h->wall_s(),
			     l->dir == LINE_INBOUND ? "in" : "out", name, num,
			     l->answered_ms ? "true" : "false",
			     (long long)talked, ev->status,
			     l->transferred ? "true" : "false");
	}
	if (n > 0 && (size_t)n < sizeof(buf))
		history_write(h, buf, (size_t)n);
}
