/*
 * situation.h — the switchboard read aloud: one call, one colleague, or
 * everything at once, in the words a screen reader speaks. Who comes
 * first, then what, then numbers and times, so a 40-cell braille
 * display shows who and what ("ACME Corp, on hold, line 2, 0:45").
 */
#ifndef CORDBOARD_CORE_SITUATION_H
#define CORDBOARD_CORE_SITUATION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct board;
struct line;
struct extension;

#define SITUATION_MAX 512

/* What line L is doing in words: "ringing", "talking", "on hold",
 * "parked on 1", "back from a failed transfer", "waiting for Alice
 * Martin". */
const char *situation_line_state(struct board *b, const struct line *l,
				 char *buf, size_t sz);

/* "ACME Corp, on hold, line 2, 0:45"; without the time when WITH_TIME
 * is false (a row that must not change every second). Returns OUT. */
char *situation_line(struct board *b, const struct line *l, int64_t now_ms,
		     bool with_time, char *out, size_t sz);

/* "Alice Martin, in a call with ACME Corp, Sales, 201": NAME (NULL for
 * theirs, or what a find matched), what they do, their department and
 * number. NOW_S (wall clock) dates an absence. Returns OUT. */
char *situation_extension(struct board *b, const struct extension *e,
			  const char *name, int64_t now_s, char *out,
			  size_t sz);

/* "2 calls: ACME Corp, talking, line 1, 3:10; Bob Stone, ringing,
 * line 2, 0:12. Queue 2, longest 0:40", or "No calls". Returns OUT. */
char *situation_text(struct board *b, int64_t now_ms, char *out, size_t sz);

#endif
