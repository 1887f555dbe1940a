/*
 * service.c — day and night service. The opening hours are read once
 * into a schedule; whether it is open is asked of the local broken-down
 * time (localtime_r), so a day with a DST change keeps its hours.
 *
 * At night a caller is not offered to the operator. With a night target
 * the console answers and transfers it blind, as the overflow does
 * (board_overflow), and for the same reasons overflow.c gives against a
 * 302: a refused or failed transfer brings the caller back, flagged,
 * instead of dropping it, and a ring group can be the target. Without a
 * target the caller hears 480 Temporarily Unavailable: nobody is there.
 */
#include "service.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <ctype.h>

#include "board_int.h"
#include "operation.h"

static const char *const day_names[7] = {
	"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"
};

static const char *const mode_names[] = {
	[SERVICE_AUTO] = "auto",
	[SERVICE_DAY] = "day",
	[SERVICE_NIGHT] = "night",
};

int service_mode_parse(const char *word)
{
	size_t i;

	for (i = 0; word && i < sizeof(mode_names) / sizeof(mode_names[0]);
	     i++) {
		if (!strcmp(mode_names[i], word))
			return (int)i;
	}
	return -1;
}

const char *service_mode_name(enum service_mode mode)
{
	return (unsigned)mode < sizeof(mode_names) / sizeof(mode_names[0]) ?
		mode_names[mode] : "?";
}

/* The text from P to END without its surrounding blanks. */
static void trimmed(char *out, size_t sz, const char *p, const char *end)
{
	while (p < end && isspace((unsigned char)*p))
		p++;
	while (end > p && isspace((unsigned char)end[-1]))
		end--;
	snprintf(out, sz, "%.*s", (int)(end - p), p);
}

static int day_parse(const char *word)
{
	int i;

	for (i = 0; i < 7; i++) {
		if (!strcasecmp(day_names[i], word))
			return i;
	}
	return -1;
}

/* "Mon-Fri", "Sat", "Mon,Wed,Fri-Sun" into a set of days (bit 0 =
 * Sunday); a range may wrap past Sunday (Fri-Mon). */
static int days_parse(const char *text, unsigned *days, char *err,
		      size_t errsz)
{
	char item[64], first[64];
	const char *p = text, *comma, *dash;
	int from, to;

	*days = 0;
	for (;;) {
		comma = strchr(p, ',');
		trimmed(item, sizeof(item), p, comma ? comma : p + strlen(p));
		dash = strchr(item, '-');
		trimmed(first, sizeof(first), item,
			dash ? dash : item + strlen(item));
		from = day_parse(first);
		to = dash ? day_parse(dash + 1) : from;
		if (from < 0 || to < 0) {
			snprintf(err, errsz, "'%s' is not a day or days like "
				 "Mon-Fri (Mon Tue Wed Thu Fri Sat Sun)",
				 item);
			return -1;
		}
		for (;;) {
			*days |= 1u << from;
			if (from == to)
				break;
			from = (from + 1) % 7;
		}
		if (!comma)
			return 0;
		p = comma + 1;
	}
}

/* "08:00" into minutes after midnight; "24:00" only as a closing time. */
static int clock_parse(const char *text, bool closing)
{
	int h, m, n = 0;

	if (sscanf(text, "%2d:%2d%n", &h, &m, &n) != 2 || text[n] ||
	    strlen(text) != 5 || h < 0 || m < 0 || m > 59)
		return -1;
	if (h == 24 && m == 0 && closing)
		return 24 * 60;
	return h > 23 ? -1 : h * 60 + m;
}

/* "08:00-12:30,13:30-18:00" on DAYS into S. */
static int hours_parse(const char *text, unsigned days,
		       struct service_schedule *s, char *err, size_t errsz)
{
	char item[64], from[32];
	const char *p = text, *comma, *dash;
	struct service_range *r;

	for (;;) {
		comma = strchr(p, ',');
		trimmed(item, sizeof(item), p, comma ? comma : p + strlen(p));
		dash = strchr(item, '-');
		if (!dash) {
			snprintf(err, errsz, "'%s' is not opening hours like "
				 "08:00-18:00", item);
			return -1;
		}
		if (s->n >= SERVICE_RANGES_MAX) {
			snprintf(err, errsz, "too many opening hours (at most "
				 "%d)", SERVICE_RANGES_MAX);
			return -1;
		}
		r = &s->ranges[s->n];
		trimmed(from, sizeof(from), item, dash);
		r->days = days;
		r->from_min = clock_parse(from, false);
		r->to_min = clock_parse(dash + 1, true);
		if (r->from_min < 0 || r->to_min < 0) {
			snprintf(err, errsz, "'%s' is not opening hours like "
				 "08:00-18:00 (HH:MM, 00:00 to 24:00)", item);
			return -1;
		}
		if (r->from_min == r->to_min) {
			snprintf(err, errsz, "'%s' opens and closes at the "
				 "same time", item);
			return -1;
		}
		s->n++;
		if (!comma)
			return 0;
		p = comma + 1;
	}
}

int service_schedule_parse(const char *text, struct service_schedule *s,
			   char *err, size_t errsz)
{
	char part[256];
	const char *p = text, *semi, *gap;
	unsigned days;
	char dayword[128];

	memset(s, 0, sizeof(*s));
	if (!text)
		return 0;
	for (;;) {
		semi = strchr(p, ';');
		trimmed(part, sizeof(part), p, semi ? semi : p + strlen(p));
		if (!part[0]) {
			if (!semi && s->n)
				return 0;   /* a ';' at the end */
			if (!semi && p == text)
				return 0;   /* "" = always open */
			snprintf(err, errsz, "an empty part between ';'");
			return -1;
		}
		gap = part + strcspn(part, " \t");
		if (!*gap) {
			snprintf(err, errsz, "'%s' has no days or no hours: "
				 "write it like Mon-Fri 08:00-18:00", part);
			return -1;
		}
		snprintf(dayword, sizeof(dayword), "%.*s", (int)(gap - part),
			 part);
		if (days_parse(dayword, &days, err, errsz) ||
		    hours_parse(gap, days, s, err, errsz))
			return -1;
		if (!semi)
			return 0;
		p = semi + 1;
	}
}

bool service_is_open(const struct service_schedule *s, time_t now)
{
	struct tm tm;
	unsigned today, yesterday;
	int min;
	size_t i;

	if (!s || !s->n)
		return true;
	if (!localtime_r(&now, &tm))
		return true;
	/* minutes on the wall clock, not seconds since midnight: a DST
	 * change moves the clock, and the hours follow the clock */
	min = tm.tm_hour * 60 + tm.tm_min;
	today = 1u << tm.tm_wday;
	yesterday = 1u << ((tm.tm_wday + 6) % 7);
	for (i = 0; i < s->n; i++) {
		const struct service_range *r = &s->ranges[i];

		if (r->from_min < r->to_min) {
			if ((r->days & today) && min >= r->from_min &&
			    min < r->to_min)
				return true;
		}
		else if (((r->days & today) && min >= r->from_min) ||
			 ((r->days & yesterday) && min < r->to_min)) {
			return true;
		}
	}
	return false;
}

struct service_state {
	struct service_config cfg;
	struct service_schedule schedule;
	int64_t (*wall_s)(void);
	bool night;              /* what callers got last we looked */
	bool told;               /* ...and the observers know it */
};

const struct op_kind op_service;

static int64_t system_wall_s(void)
{
	return (int64_t)time(NULL);
}

int service_configure(struct board *b, const struct service_config *cfg,
		      int64_t (*wall_s)(void))
{
	struct service_state *st = op_state(b, &op_service);
	char err[200];

	if (!st)
		return ENOMEM;
	if (service_schedule_parse(cfg->open, &st->schedule, err,
				   sizeof(err)))
		return EINVAL;
	st->cfg = *cfg;
	st->wall_s = wall_s ? wall_s : system_wall_s;
	st->night = service_night(b);
	return 0;
}

static bool night_now(struct service_state *st)
{
	switch (st->cfg.mode) {
	case SERVICE_DAY:
		return false;
	case SERVICE_NIGHT:
		return true;
	default:
		return !service_is_open(&st->schedule, (time_t)st->wall_s());
	}
}

bool service_night(struct board *b)
{
	struct service_state *st = op_state(b, &op_service);

	return st && st->wall_s && night_now(st);
}

enum service_mode service_mode(struct board *b)
{
	struct service_state *st = op_state(b, &op_service);

	return st ? st->cfg.mode : SERVICE_AUTO;
}

const char *service_night_target(struct board *b)
{
	struct service_state *st = op_state(b, &op_service);

	return st ? st->cfg.night_target : "";
}

/* The status line and the event say what callers get now. */
static void service_announce(struct board *b, struct service_state *st)
{
	const struct extension *ext;
	char uri[256], label[128];
	const char *why = st->cfg.mode == SERVICE_AUTO ?
		" (opening hours)" : "";
	bool was = st->night, changed;

	st->night = night_now(st);
	changed = !st->told || was != st->night;
	st->told = true;
	if (!st->night)
		board_status(b, false, "Day service%s: calls ring here", why);
	else if (!st->cfg.night_target[0])
		board_status(b, false, "Night service%s: callers hear that "
			     "nobody is available", why);
	else if (board_resolve(b, st->cfg.night_target, "send night calls",
			       uri, sizeof(uri), label, sizeof(label), &ext))
		board_status(b, true, "Night service%s: calls go to %s",
			     why, st->cfg.night_target);
	else
		board_status(b, false, "Night service%s: calls go to %s", why,
			     label);
	board_touch(b, DIRTY_STATUS);
	/* the status line answers every press; the event is a change */
	if (changed)
		board_emit(b, EV_SERVICE, NULL, 0, st->night ? "night" : "day");
}

int board_service(struct board *b, enum service_mode mode)
{
	struct service_state *st = op_state(b, &op_service);

	if (!st)
		return ENOMEM;
	if (!st->wall_s)
		st->wall_s = system_wall_s;
	st->cfg.mode = mode;
	service_announce(b, st);
	return 0;
}

/* The opening hours turned the service over. */
static void service_tick(struct board *b, int64_t now)
{
	struct service_state *st = op_state(b, &op_service);

	(void)now;
	if (st && st->wall_s && night_now(st) != st->night)
		service_announce(b, st);
}

/* A caller at night: sent to the night target, or told 480. */
static bool service_offered(struct board *b, struct line *l,
			    const char *dialled)
{
	struct service_state *st = op_state(b, &op_service);
	line_id id = l->id;
	char label[300];
	int err;

	(void)dialled;
	if (!st || !st->wall_s || !night_now(st))
		return false;
	if (!st->night)
		service_announce(b, st);
	l->night_service = true;
	snprintf(label, sizeof(label), "%s", board_line_label(l));
	if (st->cfg.night_target[0]) {
		if (!board_overflow(b, id, st->cfg.night_target))
			return true;
		/* the target cannot take it: the operator may still */
		l = board_line(b, id);
		if (l)
			l->night_service = false;
		return false;
	}
	l->hung_up_here = true;   /* the status line below says why */
	err = b->ops->hangup(b->phone, id, 480);
	l = board_line(b, id);
	if (err && l) {
		l->night_service = false;
		return false;
	}
	board_status(b, false, "Night service: %s heard that nobody is "
		     "available", label);
	return true;
}

const struct op_kind op_service = {
	.name = "service",
	.offered = service_offered,
	.tick = service_tick,
	.state_size = sizeof(struct service_state),
};
