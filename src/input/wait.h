/*
 * wait.h — the "wait EVENT TIMEOUT" step of scripts (and macros): what
 * it waits for, whether an event or the board satisfies it, and its
 * deadline. Plain logic over board events; the caller owns the timer.
 */
#ifndef CORDBOARD_INPUT_WAIT_H
#define CORDBOARD_INPUT_WAIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/board.h"

#define WAIT_MAX_MS (3600 * 1000)

struct wait_step {
	enum board_event_type event;
	char name[24];          /* as written: "answered", "offered" ... */
	int64_t timeout_ms;
};

/* True when LINE is a wait step ("wait ..."), well formed or not. */
bool wait_is_step(const char *line);

/* Reads the arguments of a wait step: "offered 10s". Events: offered,
 * dialing, ringing, answered (or established), held, resumed, closed,
 * transferred, recall, registration (or the event-log names). Timeouts:
 * 500ms, 10s, 2m, or a bare number of seconds, at most an hour.
 * Returns 0, or EINVAL with why in err. */
int wait_parse(const char *args, struct wait_step *w, char *err,
	       size_t errsz);

/* True when EV is what W waits for. */
bool wait_matches(const struct wait_step *w, const struct board_event *ev);

/* True when the board already shows what W waits for, so the step ends
 * at once: only "offered" (a call is ringing at the console). */
bool wait_satisfied(const struct wait_step *w, const struct board *b);

/* "answered, offered, ..." for messages and help. */
const char *wait_event_names(void);

#endif
