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

#include "durable.h"
#include "evlog.h"
#include "history_book.h"
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

/* Appends LINE; 0 or the write's error (a full disk). */
static int history_write(struct history *h, const char *line, size_t len)
{
	while (len > 0) {
		ssize_t n = write(h->fd, line, len);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			return errno;
		}
		line += n;
		len -= (size_t)n;
	}
	/* in the file now, whatever becomes of the console; the disk's
	 * wait is the syncer's, off the main loop */
	durable_sync(dup(h->fd));
	return 0;
}

/* What became of a call: the caller hung up while waiting (abandoned),
 * was sent on (transferred), talked (answered), or never got through
 * (missed: rejected, unanswered), was answered by another operator
 * (elsewhere), or came at night and was sent on or told nobody is there
 * (night). */
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
	case HANDOVER_ELSEWHERE:
		return "elsewhere";
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
	if (n > 0 && (size_t)n < sizeof(buf)) {
		int err = history_write(h, buf, (size_t)n);

		if (err && h->board)
			board_status(h->board, true, "The history did not keep "
				     "that call: %s", strerror(err));
	}
}

/* The wait the figures count, as the queue does while calls end: until
 * the operator answered, else until the caller hung up; -1 when the
 * record does not say (written before the waiting room kept it). */
static int64_t call_wait(const struct history_record *r, bool answered)
{
	if (answered)
		return r->rang_s >= 0 ? r->rang_s : r->waited_s;
	return !strcmp(r->outcome, "abandoned") ? r->waited_s : -1;
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
	struct history_book book;
	int64_t from, to;
	int counted = 0, err;
	size_t i;

	if (!path || !*path)
		return -EINVAL;
	day_bounds(now_wall_s, &from, &to);
	/* silent: the log scrolls past it before the screen opens; the
	 * history view says it, once */
	err = history_book_load(&book, path, from, NULL);
	if (err)
		return -err;
	/* oldest first, as the calls ended */
	for (i = book.n; i-- > 0;) {
		const struct history_record *r = &book.recs[i];
		/* a night call was answered by the console, not the operator */
		bool answered = r->inbound && r->answered &&
			strcmp(r->outcome, "night");

		if (r->at >= to)
			continue;
		queue_stats_count(b, answered, !strcmp(r->outcome, "abandoned"),
				  call_wait(r, answered),
				  r->reminders > 0 ? (unsigned)r->reminders : 0);
		counted++;
	}
	history_book_free(&book);
	return counted;
}
