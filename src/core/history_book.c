/*
 * history_book.c — the history file read back with jansson, newest
 * first; pruning and the "handled" marks of missed callers.
 */
#define _GNU_SOURCE
#include "history_book.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "board.h"
#include "evlog.h"

#define TAIL_STEP 65536

bool history_record_missed(const struct history_record *r)
{
	return r->inbound && (!strcmp(r->outcome, "missed") ||
			      !strcmp(r->outcome, "abandoned"));
}

static void field_str(json_t *o, const char *key, char *out, size_t sz)
{
	const char *s = json_string_value(json_object_get(o, key));

	snprintf(out, sz, "%s", s ? s : "");
}

static int64_t field_int(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);

	return json_is_integer(v) ? (int64_t)json_integer_value(v) : -1;
}

/* A marked handling, kept until every call record is in. */
struct handled_mark {
	int64_t of;
	char number[64];
	char how[16];
};

struct load {
	struct history_book *book;
	struct handled_mark *marks;
	size_t nmarks, capmarks;
};

static int record_push(struct history_book *book,
		       const struct history_record *r)
{
	if (book->n == book->cap) {
		size_t cap = book->cap ? book->cap * 2 : 256;
		void *p = realloc(book->recs, cap * sizeof(*book->recs));

		if (!p)
			return ENOMEM;
		book->recs = p;
		book->cap = cap;
	}
	book->recs[book->n++] = *r;
	return 0;
}

static int mark_push(struct load *ld, json_t *o)
{
	struct handled_mark *m;

	if (ld->nmarks == ld->capmarks) {
		size_t cap = ld->capmarks ? ld->capmarks * 2 : 32;
		void *p = realloc(ld->marks, cap * sizeof(*ld->marks));

		if (!p)
			return ENOMEM;
		ld->marks = p;
		ld->capmarks = cap;
	}
	m = &ld->marks[ld->nmarks++];
	m->of = field_int(o, "of");
	field_str(o, "number", m->number, sizeof(m->number));
	field_str(o, "how", m->how, sizeof(m->how));
	return 0;
}

static void lower(char *s)
{
	for (; *s; s++)
		*s = (char)tolower((unsigned char)*s);
}

/* Find looks at one lower-case string: strstr over it is several times
 * faster than a case-blind search of each field. */
static int hay_make(struct history_book *book, struct history_record *r)
{
	char outcome[96], hay[512];
	size_t len;

	history_outcome_text(r, outcome, sizeof(outcome));
	snprintf(hay, sizeof(hay), "%s\x1f%s\x1f%s\x1f%s\x1f%s\x1f%s",
		 r->number, r->name, r->company, r->to, outcome, r->uri);
	lower(hay);
	len = strlen(hay) + 1;
	if (book->hays_len + len > book->hays_cap) {
		size_t cap = book->hays_cap ? book->hays_cap * 2 : 65536;
		void *p;

		while (cap < book->hays_len + len)
			cap *= 2;
		p = realloc(book->hays, cap);
		if (!p)
			return ENOMEM;
		book->hays = p;
		book->hays_cap = cap;
	}
	memcpy(book->hays + book->hays_len, hay, len);
	r->hay_at = book->hays_len;
	book->hays_len += len;
	return 0;
}

/* One line: false when it is not a record (torn, edited, not JSON). */
static bool line_take(struct load *ld, const char *line, size_t len,
		      int64_t since, int *err)
{
	struct history_record r;
	json_error_t jerr;
	const char *kind;
	json_t *o = json_loadb(line, len, 0, &jerr);
	bool ok = false;

	if (!o)
		return false;
	if (!json_is_object(o))
		goto out;
	kind = json_string_value(json_object_get(o, "record"));
	if (kind && !strcmp(kind, "handled")) {
		*err = mark_push(ld, o);
		ok = true;
		goto out;
	}
	memset(&r, 0, sizeof(r));
	r.at = field_int(o, "at");
	if (r.at < 0)
		goto out;
	ok = true;
	if (!kind || strcmp(kind, "call") || r.at < since)
		goto out;
	field_str(o, "dir", r.outcome, sizeof(r.outcome));
	r.inbound = !strcmp(r.outcome, "in");
	r.answered = json_is_true(json_object_get(o, "answered"));
	r.waited_s = field_int(o, "waited_s");
	r.talked_s = field_int(o, "talked_s");
	r.rang_s = field_int(o, "rang_s");
	r.reminders = field_int(o, "reminders");
	field_str(o, "outcome", r.outcome, sizeof(r.outcome));
	if (!r.outcome[0])
		snprintf(r.outcome, sizeof(r.outcome), "%s",
			 r.answered ? "answered" : "missed");
	field_str(o, "number", r.number, sizeof(r.number));
	field_str(o, "uri", r.uri, sizeof(r.uri));
	field_str(o, "name", r.name, sizeof(r.name));
	field_str(o, "company", r.company, sizeof(r.company));
	field_str(o, "to", r.to, sizeof(r.to));
	*err = hay_make(ld->book, &r);
	if (!*err)
		*err = record_push(ld->book, &r);
out:
	json_decref(o);
	return ok;
}

/* The "at" of the first whole line at or after POS, or -1. */
static int64_t first_at_after(FILE *fp, long pos, long *line_start)
{
	char buf[4096];
	json_t *o;
	int64_t at;
	int c;

	if (fseek(fp, pos, SEEK_SET) != 0)
		return -1;
	if (pos > 0) {
		while ((c = getc(fp)) != EOF && c != '\n')
			;
		if (c == EOF)
			return -1;
	}
	*line_start = ftell(fp);
	if (!fgets(buf, sizeof(buf), fp))
		return -1;
	o = json_loads(buf, 0, NULL);
	at = o ? field_int(o, "at") : -1;
	json_decref(o);
	return at;
}

/* Where to start reading for the records since SINCE: stepping back from
 * the end until a line older than SINCE (records are written in time
 * order), else the start of the file. */
static long tail_start(FILE *fp, int64_t since)
{
	long size, pos, start;
	int64_t at;

	if (since <= 0 || fseek(fp, 0, SEEK_END) != 0)
		return 0;
	size = ftell(fp);
	for (pos = size - TAIL_STEP; pos > 0; pos -= TAIL_STEP) {
		at = first_at_after(fp, pos, &start);
		if (at >= 0 && at < since)
			return start;
	}
	return 0;
}

/* Each mark makes the call it names handled. */
static void marks_apply(struct load *ld)
{
	struct history_book *book = ld->book;
	size_t i, j;

	for (i = 0; i < ld->nmarks; i++) {
		const struct handled_mark *m = &ld->marks[i];

		for (j = 0; j < book->n; j++) {
			struct history_record *r = &book->recs[j];

			/* the mark names the call by its time; within a
			 * second, as the console learnt it from the board */
			if (r->at < m->of - 1)
				break;
			if (r->at > m->of + 1 || strcmp(r->number, m->number))
				continue;
			r->handled = true;
			snprintf(r->how, sizeof(r->how), "%s", m->how);
		}
	}
}

static void book_reverse(struct history_book *book)
{
	size_t i, j;

	for (i = 0, j = book->n; book->n && i < --j; i++) {
		struct history_record t = book->recs[i];

		book->recs[i] = book->recs[j];
		book->recs[j] = t;
	}
}

static void bad_say(const struct history_book *book, const char *path,
		    long start, struct board *b)
{
	char msg[600];

	if (!book->bad || !b)
		return;
	if (book->first_bad_line)
		snprintf(msg, sizeof(msg), "%s:%zu: an unreadable record "
			 "skipped (cut short by a crash?)", path,
			 book->first_bad_line);
	else
		snprintf(msg, sizeof(msg), "%s: an unreadable record after "
			 "byte %ld skipped (cut short by a crash?)", path,
			 start);
	if (book->bad > 1)
		snprintf(msg + strlen(msg), sizeof(msg) - strlen(msg),
			 ", and %zu more", book->bad - 1);
	board_log(b, 1, msg);
}

int history_book_load(struct history_book *book, const char *path,
		      int64_t since_wall_s, struct board *b)
{
	struct load ld = { .book = book };
	FILE *fp;
	char *line = NULL;
	size_t cap = 0, lineno = 0;
	ssize_t len;
	long start;
	int err = 0;

	memset(book, 0, sizeof(*book));
	if (!path || !*path)
		return EINVAL;
	fp = fopen(path, "re");
	if (!fp)
		return errno;
	start = tail_start(fp, since_wall_s);
	if (fseek(fp, start, SEEK_SET) != 0) {
		err = errno;
		goto out;
	}
	while (!err && (len = getline(&line, &cap, fp)) >= 0) {
		lineno++;
		/* a last line without its newline is a record cut short */
		if (len > 0 && line[len - 1] == '\n' &&
		    line_take(&ld, line, (size_t)len, since_wall_s, &err))
			continue;
		if (!book->bad++ && start == 0)
			book->first_bad_line = lineno;
	}
	book_reverse(book);
	marks_apply(&ld);
	bad_say(book, path, start, b);
out:
	free(ld.marks);
	free(line);
	fclose(fp);
	if (err)
		history_book_free(book);
	return err;
}

void history_book_free(struct history_book *book)
{
	free(book->recs);
	free(book->hays);
	memset(book, 0, sizeof(*book));
}

size_t history_book_find(const struct history_book *book, const char *text,
			 const size_t *in, size_t nin, size_t *out)
{
	size_t i, n = 0, count = in ? nin : book->n;
	char needle[256];

	snprintf(needle, sizeof(needle), "%s", text);
	lower(needle);
	for (i = 0; i < count; i++) {
		size_t at = in ? in[i] : i;

		if (!*needle || strstr(book->hays + book->recs[at].hay_at, needle))
			out[n++] = at;
	}
	return n;
}

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
	if (write(fd, buf, (size_t)n) != n || fsync(fd) != 0)
		err = errno ? errno : EIO;
	close(fd);
	return err;
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

/* The directory of PATH, fsync'd so the rename is durable. */
static void dir_sync(const char *path)
{
	char dir[PATH_MAX];
	char *slash;
	int fd;

	snprintf(dir, sizeof(dir), "%s", path);
	slash = strrchr(dir, '/');
	if (slash == dir)
		slash[1] = '\0';
	else if (slash)
		*slash = '\0';
	else
		snprintf(dir, sizeof(dir), ".");
	fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
}

static int64_t line_at(const char *line)
{
	json_t *o = json_loads(line, 0, NULL);
	int64_t at = o ? field_int(o, "at") : -1;

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
		dir_sync(path);
out:
	free(line);
	fclose(in);
	return err ? -err : dropped;
}

/* "0:12", or "1:02:41" past an hour. */
static void duration_text(char *buf, size_t sz, int64_t s)
{
	if (s < 0)
		s = 0;
	if (s >= 3600)
		snprintf(buf, sz, "%lld:%02lld:%02lld", (long long)(s / 3600),
			 (long long)(s / 60 % 60), (long long)(s % 60));
	else
		snprintf(buf, sz, "%lld:%02lld", (long long)(s / 60),
			 (long long)(s % 60));
}

void history_outcome_text(const struct history_record *r, char *out,
			  size_t sz)
{
	const char *o = r->outcome;
	char d[24];

	if (!r->inbound && !strcmp(o, "missed"))
		snprintf(out, sz, "no answer");
	else if (!strcmp(o, "missed")) {
		duration_text(d, sizeof(d), r->rang_s >= 0 ? r->rang_s :
			      r->waited_s);
		snprintf(out, sz, "missed: rang %s unanswered", d);
	}
	else if (!strcmp(o, "abandoned")) {
		duration_text(d, sizeof(d), r->waited_s);
		snprintf(out, sz, "abandoned after %s", d);
	}
	else if (!strcmp(o, "transferred") && r->to[0])
		snprintf(out, sz, "transferred to %s", r->to);
	else if (!strcmp(o, "handed over") && r->to[0])
		snprintf(out, sz, "handed over to %s", r->to);
	else if (!strcmp(o, "voicemail") && r->to[0])
		snprintf(out, sz, "voicemail of %s", r->to);
	else if ((!strcmp(o, "parked") || !strcmp(o, "picked up")) && r->to[0])
		snprintf(out, sz, "parked - picked up by %s", r->to);
	else
		snprintf(out, sz, "%s", o);
}
