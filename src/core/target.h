/*
 * target.h — what the operator typed at a target prompt ("201", "ali",
 * "sip:bob@example.com") turned into a SIP URI.
 */
#ifndef CORDBOARD_CORE_TARGET_H
#define CORDBOARD_CORE_TARGET_H

#include <stdbool.h>
#include <stddef.h>

#include "extension.h"

/* The longest target one may type or send: every SIP URI the console
 * makes of one fits its buffers (256). */
#define TARGET_MAX 200
#define TARGET_TOO_LONG_TEXT "Too long: a target has at most 200 characters"

enum target_result {
	TARGET_OK = 0,
	TARGET_EMPTY,
	TARGET_NOT_FOUND,
	TARGET_AMBIGUOUS,
	TARGET_TOO_LONG,    /* refused, never dialled cut short */
};

/* Whether TEXT, blanks trimmed, is longer than TARGET_MAX bytes. */
bool target_too_long(const char *text);

/* Which field of a contact what is typed matched. */
enum target_field {
	TARGET_FIELD_NONE = 0,
	TARGET_FIELD_NUMBER,
	TARGET_FIELD_NAME,
	TARGET_FIELD_ALIAS,
	TARGET_FIELD_DEPARTMENT,
	TARGET_FIELD_COMPANY,
	TARGET_FIELD_COMMENT,
	TARGET_FIELD_OTHER_NUMBER,     /* numbers[index]: mobile, home */
};

struct target_hit {
	enum target_field field;
	size_t index;
};

/* Resolves text against the extensions: a SIP URI is taken as it is; an
 * extension number gives its URI (sip:NUMBER@default_domain for a
 * contact without one); a contact's other number (mobile) and other
 * digits are dialled at default_domain; otherwise a case-insensitive
 * prefix of any word of a name, alias, department, company or note that
 * matches exactly one extension. On success
 * *match is the extension (or NULL) and uri is filled. On failure, msg
 * says why in words for the status line. */
enum target_result target_resolve(const char *text,
				  const struct extension *exts, size_t n,
				  const char *default_domain,
				  char *uri, size_t urisz,
				  const struct extension **match,
				  char *msg, size_t msgsz);

/* Whether what is typed matches E, and by which field (the first of
 * number, name, aliases, department, company, note, other numbers). */
bool target_match(const char *typed, const struct extension *e,
		  struct target_hit *hit);
/* The match in words for the matches list: "Robert Smith - mobile",
 * "accounts -> Jane Doe", "Bob (Robert Smith)". */
void target_hit_text(const char *typed, const struct extension *e,
		     const struct target_hit *hit, char *buf, size_t sz);
/* The number a match dials: the other number it matched, else E's. */
const char *target_hit_number(const struct extension *e,
			      const struct target_hit *hit);
/* What a prompt submits for the match E of TYPED: the number it dials. */
const char *target_picked(const char *typed, const struct extension *e);
/* E's SIP URI, or its number at default_domain when it has none. */
void target_ext_uri(const struct extension *e, const char *default_domain,
		    char *uri, size_t urisz);

/* The extensions matching what has been typed so far (see
 * target_match), in list order but an exact number (or group id) first: writes up to max indices into out
 * and returns how many match in all. */
size_t target_matches(const char *text, const struct extension *exts,
		      size_t n, size_t *out, size_t max);
/* The same in the order the operator sees: ORDER maps a row to an index
 * in exts (NULL: the list's own order); out still holds indices. */
size_t target_matches_ordered(const char *text,
			      const struct extension *exts, size_t n,
			      const size_t *order, size_t *out, size_t max);

/* True when some word of hay starts with needle, ignoring case. */
int target_word_prefix(const char *hay, const char *needle);

/* What was typed, blanks trimmed, and folded once for the thousands of
 * fields it is compared with (contact_find.c shares it). */
struct target_needle {
	char text[256];         /* as typed, blanks trimmed */
	size_t len;
	char folded[256];
	size_t nfolded;
};
void target_needle_init(struct target_needle *nd, const char *typed);
/* target_match with what was typed folded already. */
bool target_needle_match(const struct target_needle *nd,
			 const struct extension *e, struct target_hit *hit);

/* Whether NUMBER starts with the text as typed (numbers are compared
 * as typed, not folded). A loop rather than strncmp, whose call costs
 * more than most of these comparisons. */
static inline bool target_number_prefix(const char *number,
					const struct target_needle *nd)
{
	size_t k;

	if (number[0] != nd->text[0])
		return false;
	for (k = 1; k < nd->len && number[k] == nd->text[k]; k++)
		;
	return k == nd->len;
}

/* A byte of a word: an ASCII letter or digit, or any byte of a UTF-8
 * character beyond ASCII; a word starts after any other byte. Plain
 * tests rather than <ctype.h>: this runs for every word of every
 * contact at each key. */
static inline bool target_word_char(unsigned char ch)
{
	return (unsigned)((ch | 0x20) - 'a') < 26 ||
	       (unsigned)(ch - '0') < 10 || ch >= 0x80;
}

#endif
