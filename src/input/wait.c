/*
 * wait.c — reading and matching "wait EVENT TIMEOUT".
 */
#include "wait.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "action.h"
#include "core/evlog.h"

static const struct {
	const char *name;
	enum board_event_type event;
} events[] = {
	{ "offered",      EV_LINE_OFFERED },
	{ "dialing",      EV_LINE_DIALING },
	{ "ringing",      EV_LINE_RINGING },
	{ "answered",     EV_LINE_ANSWERED },
	{ "established",  EV_LINE_ANSWERED },
	{ "held",         EV_LINE_HELD },
	{ "resumed",      EV_LINE_RESUMED },
	{ "closed",       EV_LINE_CLOSED },
	{ "transferred",  EV_TRANSFERRED },
	{ "recall",       EV_RECALL },
	{ "registration", EV_REGISTRATION },
	{ "conference",   EV_CONFERENCE },
	{ "park",         EV_PARK },
	{ "page",         EV_PAGE },
	{ "reminder",     EV_REMINDER },
	{ "camp_on",      EV_CAMP_ON },
	{ "service",      EV_SERVICE },
};

#define NEVENTS (sizeof(events) / sizeof(events[0]))

const char *wait_event_names(void)
{
	return "offered, dialing, ringing, answered (established), held, "
	       "resumed, closed, transferred, recall, registration, "
	       "conference, park, page, reminder, camp_on, service";
}

bool wait_is_step(const char *line)
{
	char name[16];

	action_split(line, name, sizeof(name));
	return !strcmp(name, "wait");
}

static int find_event(const char *word, enum board_event_type *out)
{
	size_t i;

	for (i = 0; i < NEVENTS; i++) {
		if (!strcmp(word, events[i].name) ||
		    !strcmp(word, board_event_name(events[i].event))) {
			*out = events[i].event;
			return 0;
		}
	}
	return ENOENT;
}

/* "10s", "500ms", "2m", "7": milliseconds, or -1. */
static int64_t parse_duration(const char *s)
{
	char *end;
	double v;

	if (!isdigit((unsigned char)*s))
		return -1;
	v = strtod(s, &end);
	if (!strcmp(end, "ms"))
		;
	else if (!strcmp(end, "s") || !*end)
		v *= 1000;
	else if (!strcmp(end, "m"))
		v *= 60000;
	else
		return -1;
	if (v < 0 || v > WAIT_MAX_MS)
		return -1;
	return (int64_t)v;
}

int wait_parse(const char *args, struct wait_step *w, char *err,
	       size_t errsz)
{
	char ev[32], tm[32], extra[8];
	int n;

	memset(w, 0, sizeof(*w));
	ev[0] = tm[0] = extra[0] = '\0';
	n = sscanf(args, "%31s %31s %7s", ev, tm, extra);
	if (n < 2) {
		snprintf(err, errsz, "wait needs EVENT TIMEOUT, e.g. "
			 "'wait offered 10s'");
		return EINVAL;
	}
	if (n > 2) {
		snprintf(err, errsz, "wait takes EVENT TIMEOUT, not '%s'",
			 extra);
		return EINVAL;
	}
	if (find_event(ev, &w->event)) {
		snprintf(err, errsz, "wait: unknown event '%s' (one of %s)",
			 ev, wait_event_names());
		return EINVAL;
	}
	w->timeout_ms = parse_duration(tm);
	if (w->timeout_ms < 0) {
		snprintf(err, errsz, "wait: '%s' is not a timeout (10s, "
			 "500ms, 2m; at most 60m)", tm);
		return EINVAL;
	}
	snprintf(w->name, sizeof(w->name), "%s", ev);
	return 0;
}

bool wait_matches(const struct wait_step *w, const struct board_event *ev)
{
	return ev->type == w->event;
}

bool wait_satisfied(const struct wait_step *w, const struct board *b)
{
	size_t i;

	if (w->event != EV_LINE_OFFERED)
		return false;
	for (i = 0; i < b->nlines; i++) {
		if (b->lines[i].state == LINE_OFFERED)
			return true;
	}
	return false;
}
