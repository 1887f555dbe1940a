/*
 * history.c — the call history file.
 */
#include "history.h"

#include <errno.h>
#include <stdbool.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "evlog.h"
#include "queue.h"

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

/* What became of a call: the caller hung up while waiting (abandoned),
 * was sent on (transferred), talked (answered), or never got through
 * (missed: rejected, unanswered), or came at night and was sent on or
 * told nobody is there (night). */
static const char *call_outcome(const struct line *l, bool abandoned)
{
	if (abandoned)
		return "abandoned";
	if (l->night_service)
		return "night";
	switch (l->handover) {
	case HANDOVER_VOICEMAIL:
		return "voicemail";
	case HANDOVER_PICKUP:
		return "picked up";
	case HANDOVER_CONFERENCE:
		return "handed over";
	case HANDOVER_TRANSFER:
	case HANDOVER_NONE:
		break;
	}
	if (l->transferred)
		return "transferred";
	if (l->answered_ms)
		return "answered";
	return "missed";
}

/* The record of a call that closed: what the line and the waiting room
 * knew of it. */
static int call_record(struct history *h, const struct board_event *ev,
		       char *buf, size_t sz)
{
	const struct line *l = ev->line;
	const struct queue_entry *e = NULL;
	const struct company_line *cl = NULL;
	char name[600], num[300], company[160], dialled[160];
	char uri[600], to[300];
	int64_t talked = l->answered_ms ?
		(h->now_ms() - l->answered_ms) / 1000 : 0;
	bool abandoned = false;
	int64_t waited = 0, rang = l->answered_ms ?
		(l->answered_ms - l->created_ms) / 1000 : 0;

	if (h->board) {
		e = queue_entry_of(h->board, l->id);
		cl = queue_company_of(h->board, l->id);
	}
	if (e) {
		waited = queue_waited_s(e, h->now_ms());
		abandoned = e->abandoned;
	}
	json_quote(name, sizeof(name), l->name);
	json_quote(num, sizeof(num), l->number);
	json_quote(uri, sizeof(uri), l->uri);
	if (l->handed_to[0])
		json_quote(to, sizeof(to), l->handed_to);
	else
		strcpy(to, "null");
	if (cl) {
		json_quote(company, sizeof(company), cl->company);
		json_quote(dialled, sizeof(dialled), cl->number);
	}
	else {
		strcpy(company, "null");
		strcpy(dialled, "null");
	}
	return snprintf(buf, sz, "{\"at\":%lld,\"record\":\"call\","
			"\"dir\":\"%s\",\"name\":%s,\"number\":%s,"
			"\"answered\":%s,\"talked_s\":%lld,\"status\":%d,"
			"\"transferred\":%s,\"waited_s\":%lld,\"company\":%s,"
			"\"dialled\":%s,\"vip\":%s,\"reminders\":%u,"
			"\"rang_s\":%lld,\"outcome\":\"%s\",\"uri\":%s,"
			"\"to\":%s}\n",
			(long long)h->wall_s(),
			l->dir == LINE_INBOUND ? "in" : "out", name, num,
			l->answered_ms ? "true" : "false",
			(long long)talked, ev->status,
			l->transferred ? "true" : "false",
			(long long)waited, company, dialled,
			e && e->vip ? "true" : "false",
			e ? e->reminders : 0u, (long long)rang,
			call_outcome(l, abandoned), uri, to);
}

void history_observer(void *arg, const struct board_event *ev)
{
	struct history *h = arg;
	char buf[4096], q[1200];
	int n;

	if (h->fd < 0 || !ev->line ||
	    (ev->type != EV_LINE_CLOSED && ev->type != EV_TRANSFERRED))
		return;
	if (ev->type == EV_TRANSFERRED) {
		json_quote(q, sizeof(q), ev->text ? ev->text : "");
		n = snprintf(buf, sizeof(buf), "{\"at\":%lld,\"record\":"
			     "\"transfer\",\"text\":%s}\n",
			     (long long)h->wall_s(), q);
	}
	else {
		n = call_record(h, ev, buf, sizeof(buf));
	}
	if (n > 0 && (size_t)n < sizeof(buf))
		history_write(h, buf, (size_t)n);
}

/* The fields of a call record the figures need; -1: not in the record
 * (written before the waiting room kept them). */
struct call_fields {
	int64_t at;
	bool call;
	bool inbound;
	bool answered;
	bool abandoned;
	bool night;          /* the console answered it to send it on */
	int64_t waited_s;
	int64_t rang_s;
	int64_t reminders;
};

/* A JSON string at P (its opening quote): the first SZ-1 bytes of its
 * text in OUT (escapes as the escaped byte), and where it ends, or
 * NULL when it does not end. */
static const char *json_string(const char *p, char *out, size_t sz)
{
	size_t o = 0;

	for (p++; *p && *p != '"'; p++) {
		if (*p == '\\' && !*++p)
			return NULL;
		if (o + 1 < sz)
			out[o++] = *p;
	}
	if (sz)
		out[o < sz ? o : sz - 1] = '\0';
	return *p == '"' ? p + 1 : NULL;
}

/* A number, true, false or null at P: its text in OUT, and where it
 * ends, or NULL when it is none of them. */
static const char *json_scalar(const char *p, char *out, size_t sz)
{
	size_t n = strspn(p, "-+.0123456789eEtruefalsn");

	if (n == 0 || n >= sz)
		return NULL;
	memcpy(out, p, n);
	out[n] = '\0';
	return p + n;
}

static void call_field(struct call_fields *f, const char *key,
		       const char *val, bool string)
{
	char *end;
	long long v = strtoll(val, &end, 10);
	bool number = !string && *val && *end == '\0';

	if (!strcmp(key, "at") && number)
		f->at = v;
	else if (!strcmp(key, "record"))
		f->call = string && !strcmp(val, "call");
	else if (!strcmp(key, "dir"))
		f->inbound = string && !strcmp(val, "in");
	else if (!strcmp(key, "answered"))
		f->answered = !string && !strcmp(val, "true");
	else if (!strcmp(key, "outcome")) {
		f->abandoned = string && !strcmp(val, "abandoned");
		f->night = string && !strcmp(val, "night");
	}
	else if (!strcmp(key, "waited_s") && number)
		f->waited_s = v;
	else if (!strcmp(key, "rang_s") && number)
		f->rang_s = v;
	else if (!strcmp(key, "reminders") && number)
		f->reminders = v;
}

/* One line of the file, a flat JSON object as history_observer writes
 * it; false when it is not one (torn by a crash mid-write, or edited). */
static bool call_parse(const char *p, struct call_fields *f)
{
	char key[32], val[64];
	bool string;

	*f = (struct call_fields){ .at = -1, .waited_s = -1, .rang_s = -1,
				   .reminders = -1 };
	p += strspn(p, " \t");
	if (*p++ != '{')
		return false;
	for (;;) {
		p += strspn(p, " \t");
		if (*p == '}')
			break;
		if (*p != '"' || !(p = json_string(p, key, sizeof(key))))
			return false;
		p += strspn(p, " \t");
		if (*p++ != ':')
			return false;
		p += strspn(p, " \t");
		string = *p == '"';
		p = string ? json_string(p, val, sizeof(val)) :
			json_scalar(p, val, sizeof(val));
		if (!p)
			return false;
		call_field(f, key, val, string);
		p += strspn(p, " \t");
		if (*p == ',')
			p++;
		else if (*p != '}')
			return false;
	}
	p += 1 + strspn(p + 1, " \t\r\n");
	return *p == '\0' && f->at >= 0;
}

/* The wait the figures count, as the queue does while calls end: until
 * the operator answered, else until the caller hung up; -1 when the
 * record does not say (written before the waiting room kept it). */
static int64_t call_wait(const struct call_fields *f)
{
	if (f->inbound && f->answered && !f->night)
		return f->rang_s >= 0 ? f->rang_s : f->waited_s;
	return f->abandoned ? f->waited_s : -1;
}

/* Local midnight at the start of the day of WALL_S, and of the next. */
static void day_bounds(int64_t wall_s, int64_t *from, int64_t *to)
{
	time_t t = (time_t)wall_s;
	struct tm tm;

	localtime_r(&t, &tm);
	tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
	tm.tm_isdst = -1;
	*from = (int64_t)mktime(&tm);
	tm.tm_mday++;
	tm.tm_isdst = -1;
	*to = (int64_t)mktime(&tm);
}

int history_count_today(const char *path, struct board *b,
			int64_t now_wall_s)
{
	FILE *fp;
	char *line = NULL, msg[600];
	size_t cap = 0, lineno = 0, first_bad = 0, bad = 0;
	ssize_t len;
	int64_t from, to;
	int counted = 0;

	if (!path || !*path)
		return -EINVAL;
	fp = fopen(path, "re");
	if (!fp)
		return -errno;
	day_bounds(now_wall_s, &from, &to);
	while ((len = getline(&line, &cap, fp)) >= 0) {
		struct call_fields f;
		bool answered;

		lineno++;
		/* a last line without its newline is a record cut short */
		if (len == 0 || line[len - 1] != '\n' || !call_parse(line, &f)) {
			if (!bad++)
				first_bad = lineno;
			continue;
		}
		if (!f.call || f.at < from || f.at >= to)
			continue;
		/* a night call was answered by the console, not the operator */
		answered = f.inbound && f.answered && !f.night;
		queue_stats_count(b, answered, f.abandoned, call_wait(&f),
				  f.reminders > 0 ? (unsigned)f.reminders : 0);
		counted++;
	}
	free(line);
	fclose(fp);
	if (bad) {
		snprintf(msg, sizeof(msg), "%s:%zu: an unreadable record "
			 "skipped (cut short by a crash?)", path, first_bad);
		if (bad > 1)
			snprintf(msg + strlen(msg), sizeof(msg) - strlen(msg),
				 ", and %zu more", bad - 1);
		board_log(b, 1, msg);
	}
	return counted;
}
