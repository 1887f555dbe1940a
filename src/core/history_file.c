/*
 * history_file.c — the history file's upkeep: a "handled" mark appended
 * for a missed caller, a line torn by a crash sealed, old records pruned
 * by rewriting the file whole (temp file, fsync, rename).
 */
#include "history_book.h"

#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "durable.h"
#include "evlog.h"

int history_mark_handled(const char *path, int64_t now_wall_s, int64_t of,
			 const char *number, const char *how)
{
	char num[300], q[64], buf[512];
	int fd, n, err = 0;

	if (!path || !*path)
		return EINVAL;
	json_quote(num, sizeof(num), number);
	json_quote(q, sizeof(q), how);
	n = snprintf(buf, sizeof(buf), "{\"at\":%lld,\"record\":\"handled\","
		     "\"of\":%lld,\"number\":%s,\"how\":%s}\n",
		     (long long)now_wall_s, (long long)of, num, q);
	fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
	if (fd < 0)
		return errno;
	if (write(fd, buf, (size_t)n) != n) {
		err = errno ? errno : EIO;
		close(fd);
		return err;
	}
	durable_sync(fd);
	return 0;
}

int history_seal(const char *path)
{
	char last = '\n';
	int fd, err = 0;
	off_t end;

	fd = open(path, O_RDWR | O_APPEND | O_CLOEXEC);
	if (fd < 0)
		return errno == ENOENT ? 0 : errno;
	end = lseek(fd, 0, SEEK_END);
	if (end > 0 && pread(fd, &last, 1, end - 1) != 1)
		err = errno;
	if (!err && last != '\n' &&
	    (write(fd, "\n", 1) != 1 || fsync(fd) != 0))
		err = errno ? errno : EIO;
	close(fd);
	return err;
}

static int64_t line_at(const char *line)
{
	json_t *o = json_loads(line, 0, NULL);
	json_t *v = json_object_get(o, "at");
	int64_t at = json_is_integer(v) ? (int64_t)json_integer_value(v) : -1;

	json_decref(o);
	return at;
}

long history_prune(const char *path, int keep_days, int64_t now_wall_s)
{
	char tmp[PATH_MAX + 8], *line = NULL;
	int64_t cutoff = now_wall_s - (int64_t)keep_days * 86400;
	size_t cap = 0;
	ssize_t len;
	long dropped = 0;
	bool keeping = false;
	FILE *in, *out = NULL;
	int err = 0;

	if (keep_days <= 0 || !path || !*path)
		return 0;
	in = fopen(path, "re");
	if (!in)
		return errno == ENOENT ? 0 : -errno;
	/* the common case: the oldest record is recent enough */
	len = getline(&line, &cap, in);
	if (len < 0 || line_at(line) >= cutoff)
		goto out;
	snprintf(tmp, sizeof(tmp), "%s.prune", path);
	out = fopen(tmp, "we");
	if (!out) {
		err = errno;
		goto out;
	}
	do {
		/* records are in time order: from the first recent one on,
		 * every line stays as it was */
		if (!keeping && line_at(line) >= cutoff)
			keeping = true;
		if (keeping)
			fwrite(line, 1, (size_t)len, out);
		else
			dropped++;
	} while ((len = getline(&line, &cap, in)) >= 0);
	if (fflush(out) != 0 || fsync(fileno(out)) != 0)
		err = errno;
	if (fclose(out) != 0 && !err)
		err = errno;
	if (!err && rename(tmp, path) != 0)
		err = errno;
	if (err)
		unlink(tmp);
	else
		durable_sync_dir(path);   /* so the rename is durable */
out:
	free(line);
	fclose(in);
	return err ? -err : dropped;
}

/* "0:12", or "1:02:41" past an hour. */
