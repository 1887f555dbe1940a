/*
 * target.c — resolving what the operator typed into a URI, and finding
 * the contacts it matches, field by field.
 */
#include "target.h"

#include "fold.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

void target_needle_init(struct target_needle *nd, const char *typed)
{
	while (isspace((unsigned char)*typed))
		typed++;
	snprintf(nd->text, sizeof(nd->text), "%s", typed);
	nd->len = strlen(nd->text);
	while (nd->len > 0 && isspace((unsigned char)nd->text[nd->len - 1]))
		nd->text[--nd->len] = '\0';
	nd->nfolded = text_fold(nd->folded, sizeof(nd->folded), nd->text);
}

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

static inline unsigned char ascii_lower(unsigned char ch)
{
	return (unsigned)(ch - 'A') < 26 ? ch | 0x20 : ch;
}

/* Whether the folded text from WORD on starts with the folded needle:
 * a character folds to at most 4 bytes, so folding 4 bytes more than
 * the needle never stops inside one ("stras" finds "Straße", as
 * contact_find's text folded whole does). */
static bool folded_starts(const unsigned char *word,
			  const struct target_needle *nd)
{
	char folded[sizeof(nd->folded) + 4];

	return text_fold(folded, nd->nfolded + 4, (const char *)word) >=
	       nd->nfolded && !memcmp(folded, nd->folded, nd->nfolded);
}

/* As a word prefix test of the folded HAY against the folded needle,
 * without folding all of HAY: plain ASCII words (most names) are
 * compared in place and other words fold only as much as the needle
 * is long. */
static bool needle_word_prefix(const char *hay,
			       const struct target_needle *nd)
{
	const unsigned char *p = (const unsigned char *)hay;

	if (!nd->nfolded || !*hay)
		return false;
	while (*p) {
		size_t k;

		while (*p && !target_word_char(*p))
			p++;
		if (!*p)
			break;
		if (*p >= 0x80) {
			if (folded_starts(p, nd))
				return true;
		} else {
			for (k = 0; k < nd->nfolded && p[k] && p[k] < 0x80 &&
			     ascii_lower(p[k]) == (unsigned char)nd->folded[k];
			     k++)
				;
			if (k == nd->nfolded)
				return true;
			/* an accent later in the word: fold it to be sure */
			if (p[k] >= 0x80 && folded_starts(p, nd))
				return true;
		}
		while (*p && target_word_char(*p))
			p++;
	}
	return false;
}

int target_word_prefix(const char *hay, const char *needle)
{
	struct target_needle nd;

	target_needle_init(&nd, needle);
	return needle_word_prefix(hay, &nd);
}

/* The alias of the comma separated list that matches, into out. */
static bool alias_match(const char *aliases, const struct target_needle *nd,
			char *out, size_t outsz)
{
	const char *p = aliases;

	while (*p) {
		size_t len = strcspn(p, ",");
		char one[96];

		snprintf(one, sizeof(one), "%.*s", (int)len, p);
		if (needle_word_prefix(one, nd)) {
			const char *s = one;

			while (*s == ' ')
				s++;
			len = strlen(s);
			while (len && s[len - 1] == ' ')
				len--;
			if (out)
				snprintf(out, outsz, "%.*s", (int)len, s);
			return true;
		}
		p += len;
		if (*p == ',')
			p++;
	}
	return false;
}

static bool needle_match(const struct target_needle *nd,
			 const struct extension *e, struct target_hit *hit)
{
	size_t k;

	hit->field = TARGET_FIELD_NONE;
	hit->index = 0;
	if (!nd->len)
		return false;
	if (target_number_prefix(e->number, nd))
		hit->field = TARGET_FIELD_NUMBER;
	else if (needle_word_prefix(e->name, nd))
		hit->field = TARGET_FIELD_NAME;
	else if (needle_word_prefix(e->aliases, nd))
		hit->field = TARGET_FIELD_ALIAS;
	else if (needle_word_prefix(e->department, nd))
		hit->field = TARGET_FIELD_DEPARTMENT;
	else if (needle_word_prefix(e->company, nd))
		hit->field = TARGET_FIELD_COMPANY;
	else if (needle_word_prefix(e->comment, nd))
		hit->field = TARGET_FIELD_COMMENT;
	for (k = 0; hit->field == TARGET_FIELD_NONE && k < e->nnumbers; k++) {
		if (target_number_prefix(e->numbers[k].number, nd)) {
			hit->field = TARGET_FIELD_OTHER_NUMBER;
			hit->index = k;
		}
	}
	return hit->field != TARGET_FIELD_NONE;
}

bool target_match(const char *typed, const struct extension *e,
		  struct target_hit *hit)
{
	struct target_needle nd;

	target_needle_init(&nd, typed);
	return needle_match(&nd, e, hit);
}

bool target_needle_match(const struct target_needle *nd,
			 const struct extension *e, struct target_hit *hit)
{
	return needle_match(nd, e, hit);
}

void target_hit_text(const char *typed, const struct extension *e,
		     const struct target_hit *hit, char *buf, size_t sz)
{
	struct target_needle nd;
	char alias[96];

	switch (hit->field) {
	case TARGET_FIELD_ALIAS:
		target_needle_init(&nd, typed);
		if (alias_match(e->aliases, &nd, alias, sizeof(alias))) {
			snprintf(buf, sz, "%s (%s)", alias, e->name);
			return;
		}
		break;
	case TARGET_FIELD_DEPARTMENT:
		snprintf(buf, sz, "%s -> %s", e->department, e->name);
		return;
	case TARGET_FIELD_COMPANY:
		snprintf(buf, sz, "%s -> %s", e->company, e->name);
		return;
	case TARGET_FIELD_COMMENT:
		snprintf(buf, sz, "%s - note", e->name);
		return;
	case TARGET_FIELD_OTHER_NUMBER:
		snprintf(buf, sz, "%s - %s", e->name,
			 e->numbers[hit->index].label);
		return;
	default:
		break;
	}
	snprintf(buf, sz, "%s", e->name);
}

const char *target_hit_number(const struct extension *e,
			      const struct target_hit *hit)
{
	if (hit->field == TARGET_FIELD_OTHER_NUMBER)
		return e->numbers[hit->index].number;
	return e->number;
}

const char *target_picked(const char *typed, const struct extension *e)
{
	struct target_hit hit;

	if (!target_match(typed, e, &hit))
		return e->number;
	return target_hit_number(e, &hit);
}

void target_ext_uri(const struct extension *e, const char *default_domain,
		    char *uri, size_t urisz)
{
	if (e->uri[0])
		snprintf(uri, urisz, "%s", e->uri);
	else
		snprintf(uri, urisz, "sip:%s@%s", e->number, default_domain);
}

bool target_too_long(const char *text)
{
	size_t len;

	while (isspace((unsigned char)*text))
		text++;
	len = strlen(text);
	while (len > 0 && isspace((unsigned char)text[len - 1]))
		len--;
	return len > TARGET_MAX;
}

/* "sip:" TYPED, and "@" DOMAIN when given: false when URI cannot hold
 * it, for a URI is never dialled cut short. */
static bool uri_of_typed(char *uri, size_t urisz, const char *typed,
			 const char *domain)
{
	int n = domain ? snprintf(uri, urisz, "sip:%s@%s", typed, domain) :
		snprintf(uri, urisz, "sip:%s", typed);

	if (n >= 0 && (size_t)n < urisz)
		return true;
	uri[0] = '\0';
	return false;
}

enum target_result target_resolve(const char *text,
				  const struct extension *exts, size_t n,
				  const char *default_domain,
				  char *uri, size_t urisz,
				  const struct extension **match,
				  char *msg, size_t msgsz)
{
	const struct extension *found = NULL;
	struct target_hit hit;
	struct target_needle nd;
	size_t i, hits = 0;
	const char *typed;

	*match = NULL;
	uri[0] = '\0';
	target_needle_init(&nd, text);
	typed = nd.text;
	if (target_too_long(text)) {
		snprintf(msg, msgsz, TARGET_TOO_LONG_TEXT);
		return TARGET_TOO_LONG;
	}
	if (nd.len == 0) {
		snprintf(msg, msgsz, "no target given");
		return TARGET_EMPTY;
	}
	if (!strncasecmp(typed, "sip:", 4) || !strncasecmp(typed, "sips:", 5)) {
		snprintf(uri, urisz, "%s", typed);
		return TARGET_OK;
	}
	if (strchr(typed, '@')) {
		if (uri_of_typed(uri, urisz, typed, NULL))
			return TARGET_OK;
		snprintf(msg, msgsz, TARGET_TOO_LONG_TEXT);
		return TARGET_TOO_LONG;
	}
	if (is_dialstring(typed)) {
		for (i = 0; i < n; i++) {
			if (!strcmp(exts[i].number, typed)) {
				*match = &exts[i];
				target_ext_uri(&exts[i], default_domain, uri,
					       urisz);
				return TARGET_OK;
			}
		}
		/* a contact's mobile, or any other digits, is dialled at the
		 * domain with no match: their desk's presence and absence do
		 * not apply */
		if (uri_of_typed(uri, urisz, typed, default_domain))
			return TARGET_OK;
		snprintf(msg, msgsz, TARGET_TOO_LONG_TEXT);
		return TARGET_TOO_LONG;
	}
	/* a group's id ("sales") names it, whoever else's words match */
	for (i = 0; i < n; i++) {
		if (!strcasecmp(exts[i].number, typed)) {
			*match = &exts[i];
			target_ext_uri(&exts[i], default_domain, uri, urisz);
			return TARGET_OK;
		}
	}
	for (i = 0; i < n; i++) {
		if (needle_match(&nd, &exts[i], &hit)) {
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
	target_ext_uri(found, default_domain, uri, urisz);
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
	size_t row, i, hits = 0;
	struct target_hit hit;
	struct target_needle nd;

	target_needle_init(&nd, text);
	if (nd.len == 0)
		return 0;
	for (row = 0; row < n; row++) {
		i = order ? order[row] : row;
		if (!needle_match(&nd, &exts[i], &hit))
			continue;
		if (hits < max)
			out[hits] = i;
		/* an exact number or group id comes first */
		if (hits < max && !strcasecmp(exts[i].number, nd.text)) {
			memmove(&out[1], &out[0], hits * sizeof(out[0]));
			out[0] = i;
		}
		hits++;
	}
	return hits;
}
