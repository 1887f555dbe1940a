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

/* Transfer settings, from cordboard.conf's transfer section. */
struct xfer_config {
	int recall_after_s;       /* seconds to wait for the final NOTIFY */
	char announce[64];        /* consult display name: %c caller, %o us */
	char operator_name[64];
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
