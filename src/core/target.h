/*
 * target.h — what the operator typed at a target prompt ("201", "ali",
 * "sip:bob@example.com") turned into a SIP URI.
 */
#ifndef CORDBOARD_CORE_TARGET_H
#define CORDBOARD_CORE_TARGET_H

#include <stddef.h>

#include "extension.h"

enum target_result {
	TARGET_OK = 0,
	TARGET_EMPTY,
	TARGET_NOT_FOUND,
	TARGET_AMBIGUOUS,
};

/* Resolves text against the extensions: a SIP URI is taken as it is; an
 * extension number gives its URI; other digits are dialled at
 * default_domain; otherwise a case-insensitive prefix of any word of a
 * name or department that matches exactly one extension. On success
 * *match is the extension (or NULL) and uri is filled. On failure, msg
 * says why in words for the status line. */
enum target_result target_resolve(const char *text,
				  const struct extension *exts, size_t n,
				  const char *default_domain,
				  char *uri, size_t urisz,
				  const struct extension **match,
				  char *msg, size_t msgsz);

/* The extensions matching what has been typed so far (a number prefix,
 * or a word prefix of the name or department), in list order but an
 * exact number (or group id) first: writes up to max indices into out
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

#endif
