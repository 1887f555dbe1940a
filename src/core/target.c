/*
 * target.c — resolving what the operator typed into a URI.
 */
#include "target.h"

#include "fold.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

static int is_dialstring(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++) {
		if (!isdigit((unsigned char)*s) && *s != '*' && *s != '#' &&
		    *s != '+')
			return 0;
	}
	return 1;
}

int target_word_prefix(const char *hay, const char *needle)
{
	char h[512], nd[256];
	size_t n;
	const char *p = h;

	text_fold(h, sizeof(h), hay);
	n = text_fold(nd, sizeof(nd), needle);
	if (n == 0)
		return 0;
	/* words start after anything that is not a letter or digit */
	while (*p) {
		while (*p && !isalnum((unsigned char)*p) &&
		       (unsigned char)*p < 0x80)
			p++;
		if (!*p)
			break;
		if (!strncmp(p, nd, n))
			return 1;
		while (*p && (isalnum((unsigned char)*p) ||
			      (unsigned char)*p >= 0x80))
			p++;
	}
	return 0;
}

enum target_result target_resolve(const char *text,
				  const struct extension *exts, size_t n,
				  const char *default_domain,
				  char *uri, size_t urisz,
				  const struct extension **match,
				  char *msg, size_t msgsz)
{
	const struct extension *found = NULL;
	size_t i, hits = 0;
	char typed[256];
	size_t len;

	*match = NULL;
	uri[0] = '\0';
	while (isspace((unsigned char)*text))
		text++;
	snprintf(typed, sizeof(typed), "%s", text);
	len = strlen(typed);
	while (len > 0 && isspace((unsigned char)typed[len - 1]))
		typed[--len] = '\0';

	if (len == 0) {
		snprintf(msg, msgsz, "no target given");
		return TARGET_EMPTY;
	}
	if (!strncasecmp(typed, "sip:", 4) || !strncasecmp(typed, "sips:", 5)) {
		snprintf(uri, urisz, "%s", typed);
		return TARGET_OK;
	}
	if (strchr(typed, '@')) {
		snprintf(uri, urisz, "sip:%s", typed);
		return TARGET_OK;
	}
	if (is_dialstring(typed)) {
		for (i = 0; i < n; i++) {
			if (!strcmp(exts[i].number, typed)) {
				*match = &exts[i];
				snprintf(uri, urisz, "%s", exts[i].uri);
				return TARGET_OK;
			}
		}
		snprintf(uri, urisz, "sip:%s@%s", typed, default_domain);
		return TARGET_OK;
	}
	/* a group's id ("sales") names it, whoever else's words match */
	for (i = 0; i < n; i++) {
		if (!strcasecmp(exts[i].number, typed)) {
			*match = &exts[i];
			snprintf(uri, urisz, "%s", exts[i].uri);
			return TARGET_OK;
		}
	}
	for (i = 0; i < n; i++) {
		if (target_word_prefix(exts[i].name, typed) ||
		    target_word_prefix(exts[i].department, typed)) {
			if (!found)
				found = &exts[i];
			hits++;
		}
	}
	if (hits == 0) {
		snprintf(msg, msgsz, "no extension matches '%s'", typed);
		return TARGET_NOT_FOUND;
	}
	if (hits > 1) {
		snprintf(msg, msgsz, "'%s' matches %zu extensions (%s, ...)",
			 typed, hits, found->name);
		return TARGET_AMBIGUOUS;
	}
	*match = found;
	snprintf(uri, urisz, "%s", found->uri);
	return TARGET_OK;
}

size_t target_matches(const char *text, const struct extension *exts,
		      size_t n, size_t *out, size_t max)
{
	return target_matches_ordered(text, exts, n, NULL, out, max);
}

size_t target_matches_ordered(const char *text,
			      const struct extension *exts, size_t n,
			      const size_t *order, size_t *out, size_t max)
{
	size_t row, i, hits = 0, len;

	while (isspace((unsigned char)*text))
		text++;
	len = strlen(text);
	while (len > 0 && isspace((unsigned char)text[len - 1]))
		len--;
	if (len == 0)
		return 0;
	for (row = 0; row < n; row++) {
		char typed[256];

		i = order ? order[row] : row;
		snprintf(typed, sizeof(typed), "%.*s", (int)len, text);
		if (strncmp(exts[i].number, typed, len) &&
		    !target_word_prefix(exts[i].name, typed) &&
		    !target_word_prefix(exts[i].department, typed))
			continue;
		if (hits < max)
			out[hits] = i;
		/* an exact number or group id comes first */
		if (hits < max && !strcasecmp(exts[i].number, typed)) {
			memmove(&out[1], &out[0], hits * sizeof(out[0]));
			out[0] = i;
		}
		hits++;
	}
	return hits;
}
