/*
 * service.h — day and night service: outside the opening hours (or when
 * the operator says so) a caller is not offered to the operator but sent
 * to the night target, or told 480 when there is none.
 */
#ifndef CORDBOARD_CORE_SERVICE_H
#define CORDBOARD_CORE_SERVICE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

struct board;

enum service_mode {
	SERVICE_AUTO = 0,        /* follows the opening hours */
	SERVICE_DAY,
	SERVICE_NIGHT,
};

/* One opening: on the days of DAYS (bit 0 = Sunday, as tm_wday) from
 * FROM_MIN to TO_MIN minutes after midnight; TO_MIN <= FROM_MIN runs
 * past midnight into the next day. */
struct service_range {
	unsigned days;
	int from_min, to_min;
};

#define SERVICE_RANGES_MAX 32
struct service_schedule {
	struct service_range ranges[SERVICE_RANGES_MAX];
	size_t n;                /* 0: no hours given, always open */
};

/* The service section of cordboard.conf. */
struct service_config {
	char open[256];          /* "Mon-Fri 08:00-18:00"; "" = always */
	char night_target[256];  /* number, name or URI; "" = reject 480 */
	enum service_mode mode;
};

/* TEXT ("Mon-Fri 08:00-12:30,13:30-18:00; Sat 09:00-12:00") into S;
 * else -1 and ERR says what is wrong, in the reader's words. */
int service_schedule_parse(const char *text, struct service_schedule *s,
			   char *err, size_t errsz);
/* Whether S is open at NOW, in local time (the TZ in force). */
bool service_is_open(const struct service_schedule *s, time_t now);

/* "auto", "day", "night" to a mode; -1 for anything else. */
int service_mode_parse(const char *word);
const char *service_mode_name(enum service_mode mode);

/* CFG (its open already checked) on B; WALL_S gives the time of day's
 * clock (NULL: time()). */
int service_configure(struct board *b, const struct service_config *cfg,
		      int64_t (*wall_s)(void));
/* The operator sets the mode; says what it means on the status line. */
int board_service(struct board *b, enum service_mode mode);
/* Whether callers go to the night service now. */
bool service_night(struct board *b);
enum service_mode service_mode(struct board *b);
/* The night target as configured ("" when none). */
const char *service_night_target(struct board *b);

#endif
