/*
 * absence.h — colleagues the operator marked out: until when, why, and
 * what a transfer to them is offered instead (voicemail, their deputy).
 */
#ifndef CORDBOARD_CORE_ABSENCE_H
#define CORDBOARD_CORE_ABSENCE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "line.h"

struct board;
struct extension;

struct absence {
	char number[32];
	int64_t until_s;          /* wall clock; 0: until marked present */
	char note[80];
};

/* Reads the absences kept in PATH ("" keeps none across restarts);
 * WALL_S is the wall clock (NULL: time()). A missing file is no news,
 * a damaged line a warning; never fatal. */
int board_absence_open(struct board *b, const char *path,
		       int64_t (*wall_s)(void));
/* "201 until 14:00 at the dentist": TEXT names the colleague (number),
 * then optionally until HH:MM or YYYY-MM-DD, then a note. */
int board_absent(struct board *b, const char *text);
int board_present(struct board *b, const char *target);
/* NUMBER's absence, NULL when present (an absence past its time ends
 * here, whoever asks). */
const struct absence *board_absence(struct board *b, const char *number);
/* "out - back 14:00", "out - at the dentist", "out". */
void absence_text(const struct absence *a, int64_t now_s, char *buf,
		  size_t sz);
/* For a narrow row: "back 00:30, lunch" - the time alone within the
 * next 24 hours, which can only mean the coming one. */
void absence_text_brief(const struct absence *a, int64_t now_s, char *buf,
			size_t sz);
/* HH:MM (today, or tomorrow once passed) or YYYY-MM-DD (that day's
 * start), local time, after NOW_S; 0 or EINVAL. */
int absence_parse_until(const char *word, int64_t now_s, int64_t *until);

/* Before a transfer or consult to EXT: true when EXT is out and the
 * operator was told so with the alternatives instead; asked again for
 * the same caller and colleague, it goes ahead. */
bool board_absence_offer(struct board *b, line_id caller,
			 const struct extension *ext, bool blind);
/* Sends the caller of the last absence offer (or SEL) to the absent
 * colleague's deputy. */
int board_deputy(struct board *b, line_id sel);
/* Sends a caller (blind transfer) to a colleague's mobile at the
 * default domain: TARGET's, or without one the colleague of the last
 * absence offer (that offer's caller). */
int board_mobile(struct board *b, line_id sel, const char *target);
/* The absent colleague's number while their offer is pending, else
 * NULL (the voicemail key without a target goes there). */
const char *board_absence_offered(struct board *b);
/* Esc after an offer: true when there was one, the caller stays. */
bool board_absence_decline(struct board *b);

#endif
