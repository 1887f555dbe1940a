/*
 * settings.h — what cordboard.conf tells the switchboard: transfer
 * timers, intercom and park settings. Plain C: the config layer's option
 * table (src/config/options.c) fills these structs directly, and its
 * defaults are the SETTINGS_* values here, so board_init and the unit
 * tests of core get the same defaults without the config layer.
 */
#ifndef CORDBOARD_CORE_SETTINGS_H
#define CORDBOARD_CORE_SETTINGS_H

#include "extension.h"

/* defaults and limits, each written once */
#define SETTINGS_RECALL_AFTER_S 30
#define SETTINGS_ANNOUNCE "%c via %o"
#define SETTINGS_OPERATOR_NAME "Reception"
#define SETTINGS_INTERCOM_METHOD INTERCOM_CALL_INFO
#define SETTINGS_PARK_SLOTS 8
#define SETTINGS_PARK_TIMEOUT_S 120
#define SETTINGS_PARK_URI_PREFIX "park-"
/* a ring group's ring_time, and the range a config may set */
#define SETTINGS_RING_TIME_S 20
#define SETTINGS_RING_TIME_MIN_S 5
#define SETTINGS_RING_TIME_MAX_S 300
/* the waiting room (queue.c, campon.c): seconds, 0 = off where allowed */
#define SETTINGS_ANSWER_ALERT_AFTER_S 20
#define SETTINGS_HOLD_REMINDER_AFTER_S 60
#define SETTINGS_HOLD_REMINDER_MIN_S 10
#define SETTINGS_HOLD_REMINDER_MAX_S 600
#define SETTINGS_OVERFLOW_AFTER_S 0
#define SETTINGS_CAMP_ON_RING_S 20
#define SETTINGS_CAMP_ON_MAX_S 300
#define SETTINGS_CAMP_ON_RETRY_S 30
/* ...and the ranges a config may set them to */
#define SETTINGS_ANSWER_ALERT_MAX_S 600
#define SETTINGS_OVERFLOW_MAX_S 600
#define SETTINGS_CAMP_ON_RING_MIN_S 5
#define SETTINGS_CAMP_ON_RING_MAX_S 180
#define SETTINGS_CAMP_ON_MAX_MIN_S 30
#define SETTINGS_CAMP_ON_MAX_MAX_S 3600
#define SETTINGS_CAMP_ON_RETRY_MIN_S 5
#define SETTINGS_CAMP_ON_RETRY_MAX_S 600
/* a caller's priority: 0 (everyone) to 9; higher is answered first */
#define SETTINGS_PRIORITY_MAX 9
#define SETTINGS_VIP_PRIORITY SETTINGS_PRIORITY_MAX

/* Transfer settings, from cordboard.conf's transfer section. */
struct xfer_config {
	int recall_after_s;       /* seconds to wait for the final NOTIFY */
	char announce[64];        /* consult display name: %c caller, %o us */
	char operator_name[128];  /* as long as account.display_name */
	char voicemail_uri[256];  /* pattern, %e = extension number */
};

/* Intercom: how pages auto-answer unless the target says otherwise. */
struct intercom_config {
	enum intercom_method method;
	char header[256];         /* "Name: value" instead of the method's */
};

/* Park: slots 1..slots, a parked caller comes back after timeout_s; an
 * extension picks slot N up by calling uri_prefix N at the console. */
#define BOARD_PARK_SLOTS_MAX 32
struct park_config {
	int slots;
	int timeout_s;
	char uri_prefix[32];
};

/* How a camp-on offers the caller once the colleague is free. */
enum camp_on_mode {
	CAMP_ON_ANNOUNCE = 0,     /* a consult leg rings them; T completes */
	CAMP_ON_BLIND,            /* a REFER as soon as they are free */
};

/* The waiting room, from cordboard.conf's queue section. */
struct queue_config {
	int answer_alert_after_s; /* ringing longer: alarm, 0 = never */
	int hold_reminder_after_s;/* held or parked longer: reminder */
	int overflow_after_s;     /* ringing longer: overflow, 0 = never */
	char overflow_target[256];/* a number, group or URI; "" = none */
	enum camp_on_mode camp_on;
	int camp_on_ring_s;       /* the colleague does not answer: back */
	int camp_on_max_s;        /* the camp-on gives up */
	int camp_on_retry_s;      /* no line state: try this often */
};

/* A number callers dial to reach the console (a company line): the
 * company it answers for, what to say, and its callers' priority. */
#define COMPANY_LINES_MAX 64
struct company_line {
	char number[64];
	char company[64];
	char greeting[192];
	int priority;
};

static inline void queue_config_defaults(struct queue_config *q)
{
	*q = (struct queue_config){
		.answer_alert_after_s = SETTINGS_ANSWER_ALERT_AFTER_S,
		.hold_reminder_after_s = SETTINGS_HOLD_REMINDER_AFTER_S,
		.overflow_after_s = SETTINGS_OVERFLOW_AFTER_S,
		.camp_on = CAMP_ON_ANNOUNCE,
		.camp_on_ring_s = SETTINGS_CAMP_ON_RING_S,
		.camp_on_max_s = SETTINGS_CAMP_ON_MAX_S,
		.camp_on_retry_s = SETTINGS_CAMP_ON_RETRY_S };
}

/* Fills the three with the defaults above (what an empty file gives). */
static inline void settings_defaults(struct xfer_config *x,
				     struct intercom_config *i,
				     struct park_config *p)
{
	*x = (struct xfer_config){ .recall_after_s = SETTINGS_RECALL_AFTER_S,
				   .announce = SETTINGS_ANNOUNCE,
				   .operator_name = SETTINGS_OPERATOR_NAME };
	*i = (struct intercom_config){ .method = SETTINGS_INTERCOM_METHOD };
	*p = (struct park_config){ .slots = SETTINGS_PARK_SLOTS,
				   .timeout_s = SETTINGS_PARK_TIMEOUT_S,
				   .uri_prefix = SETTINGS_PARK_URI_PREFIX };
}

#endif
