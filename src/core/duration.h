/*
 * duration.h — a number of seconds as the operator reads it: "0:41",
 * "12:05", "1:02:30".
 */
#ifndef CORDBOARD_CORE_DURATION_H
#define CORDBOARD_CORE_DURATION_H

#include <stddef.h>
#include <stdint.h>

/* Room for any int64_t count of seconds, so nothing is ever cut. */
#define DURATION_TEXT_SIZE 32

/* "0:41", "12:05", and past an hour "1:02:30"; a negative count is 0.
 * Returns buf. */
const char *duration_text(char *buf, size_t sz, int64_t s);
/* "0:41", "61:05": minutes and seconds only, for a narrow column. */
const char *duration_minutes_text(char *buf, size_t sz, int64_t s);

#endif
