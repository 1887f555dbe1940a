/*
 * evlog.h — core events as JSON lines, for --event-log, scripts and
 * tests: {"ts":..., "event":"line_offered", "line":1, ...}.
 */
#ifndef CORDBOARD_CORE_EVLOG_H
#define CORDBOARD_CORE_EVLOG_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "board.h"

const char *board_event_name(enum board_event_type type);

/* Formats one event as a JSON object (no newline). Returns its length,
 * or the length it would need when buf is too small (like snprintf). */
int evlog_format(char *buf, size_t sz, const struct board_event *ev,
		 int64_t ts_ms);

/* The board as the control socket's `lines` query shows it: every line
 * (id, state, dir, number, park slot), every transfer under way and the
 * conference state. Returns its length; sz or more when it did not fit
 * (buf then holds no valid JSON). */
int evlog_board(char *buf, size_t sz, const struct board *b);

/* Writes JSON text for s, quoted and escaped. */
int json_quote(char *buf, size_t sz, const char *s);

/* An observer that appends one line per event to a FILE and flushes. */
struct evlog {
	FILE *fp;
	int64_t (*now_ms)(void);
};

void evlog_observer(void *arg, const struct board_event *ev);

#endif
