/*
 * contact_find.c — type-to-find over the directory with its words
 * folded once (see contact_find.h). A contact matches what is typed as
 * target.c's needle_match says: its number or another of its numbers
 * starts with the text as typed, or a word of its name, aliases,
 * department, company or note, folded and read on to the field's end,
 * starts with the folded text.
 */
#include "contact_find.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "fold.h"
#include "target.h"

struct contact_find {
	const struct extension *exts;
	size_t n;
	/* each contact's words: its text fields folded, each ended by a
	 * NUL (a needle never runs on into the next field) */
	char *text;
	/* where each word starts in text, contact after contact; contact
	 * i's are starts[first[i]] up to starts[first[i + 1]] */
	uint32_t *starts;
	uint32_t *first;
	/* the last search: its text (trimmed) and the contacts it found,
	 * in the directory's order, each marked in found */
	char last[sizeof(((struct target_needle *)0)->text)];
	bool searched;
	size_t *hits;
	size_t nhits;
	unsigned char *found;
};

static const char *field_text(const struct extension *e, int k)
{
	switch (k) {
	case 0:  return e->name;
	case 1:  return e->aliases;
	case 2:  return e->department;
	case 3:  return e->company;
	default: return e->comment;
	}
}
#define TEXT_FIELDS 5

/* Folds E's fields onto the end of TEXT (used bytes) and records where
 * their words start; returns the bytes used after them. */
static size_t contact_fold(struct contact_find *f, const struct extension *e,
			   size_t used, size_t *nstarts)
{
	int k;

	for (k = 0; k < TEXT_FIELDS; k++) {
		char *out = f->text + used;
		const char *in = field_text(e, k);
		size_t len = text_fold(out, strlen(in) + 1, in), j;

		/* folding keeps every byte's class (a word byte folds to word
		 * bytes, any other stays itself), so the words start where
		 * they started in the field */
		for (j = 0; j < len; j++) {
			if (target_word_char((unsigned char)out[j]) &&
			    (j == 0 || !target_word_char((unsigned char)
							  out[j - 1])))
				f->starts[(*nstarts)++] = (uint32_t)(used + j);
		}
		used += len + 1;
	}
	return used;
}

/* How many bytes the folded fields take at most (a character never
 * folds longer than it is), and how many words they have at most. */
static void contact_size(const struct extension *e, size_t *bytes,
			 size_t *words)
{
	int k;

	for (k = 0; k < TEXT_FIELDS; k++) {
		const unsigned char *s = (const unsigned char *)field_text(e,
									   k);
		size_t j;

		for (j = 0; s[j]; j++)
			*words += target_word_char(s[j]) &&
				  (j == 0 || !target_word_char(s[j - 1]));
		*bytes += j + 1;
	}
}

struct contact_find *contact_find_new(const struct extension *exts,
				      size_t n)
{
	struct contact_find *f = calloc(1, sizeof(*f));
	size_t i, bytes = 0, words = 0, used = 0, nstarts = 0;

	if (!f)
		return NULL;
	for (i = 0; i < n; i++)
		contact_size(&exts[i], &bytes, &words);
	f->exts = exts;
	f->n = n;
	f->text = malloc(bytes ? bytes : 1);
	f->starts = malloc((words ? words : 1) * sizeof(*f->starts));
	f->first = malloc((n + 1) * sizeof(*f->first));
	f->hits = malloc((n ? n : 1) * sizeof(*f->hits));
	f->found = calloc(n ? n : 1, 1);
	if (!f->text || !f->starts || !f->first || !f->hits || !f->found ||
	    bytes > UINT32_MAX) {
		contact_find_free(f);
		return NULL;
	}
	for (i = 0; i < n; i++) {
		f->first[i] = (uint32_t)nstarts;
		used = contact_fold(f, &exts[i], used, &nstarts);
	}
	f->first[n] = (uint32_t)nstarts;
	return f;
}

void contact_find_free(struct contact_find *f)
{
	if (!f)
		return;
	free(f->text);
	free(f->starts);
	free(f->first);
	free(f->hits);
	free(f->found);
	free(f);
}

bool contact_find_for(const struct contact_find *f,
		      const struct extension *exts, size_t n)
{
	return f && f->exts == exts && f->n == n;
}

void contact_find_forget(struct contact_find *f)
{
	f->searched = false;
}

static inline bool number_prefix(const char *number,
				 const struct target_needle *nd)
{
	return number[0] == nd->text[0] &&
	       !strncmp(number, nd->text, nd->len);
}

/* Contact I's words against the folded needle: the first byte picks
 * the words worth comparing, the NUL ending each field stops the rest. */
static bool words_match(const struct contact_find *f, size_t i,
			const struct target_needle *nd)
{
	const unsigned char *want = (const unsigned char *)nd->folded;
	uint32_t s, end = f->first[i + 1];

	for (s = f->first[i]; s < end; s++) {
		const unsigned char *w =
			(const unsigned char *)f->text + f->starts[s];
		size_t k;

		if (w[0] != want[0])
			continue;
		for (k = 1; k < nd->nfolded && w[k] == want[k]; k++)
			;
		if (k == nd->nfolded)
			return true;
	}
	return false;
}

static bool contact_matches(const struct contact_find *f, size_t i,
			    const struct target_needle *nd)
{
	const struct extension *e = &f->exts[i];
	size_t k;

	if (number_prefix(e->number, nd))
		return true;
	if (nd->nfolded && words_match(f, i, nd))
		return true;
	for (k = 0; k < e->nnumbers; k++) {
		if (number_prefix(e->numbers[k].number, nd))
			return true;
	}
	return false;
}

/* Whether ND's text is the last search's and more, whole characters
 * more: then it folds to the last one's folded text and more, and
 * matches only contacts that the last one matched. */
static bool extends_last(const struct contact_find *f,
			 const struct target_needle *nd)
{
	size_t len = strlen(f->last);

	return f->searched && !strncmp(nd->text, f->last, len) &&
	       ((unsigned char)nd->text[len] & 0xc0) != 0x80;
}

/* The contacts matching ND into hits and found: only those the last
 * search found when ND extends its text, else every one. */
static void contacts_search(struct contact_find *f,
			    const struct target_needle *nd)
{
	size_t i, kept = 0;

	if (extends_last(f, nd)) {
		for (i = 0; i < f->nhits; i++) {
			size_t c = f->hits[i];

			if (contact_matches(f, c, nd))
				f->hits[kept++] = c;
			else
				f->found[c] = 0;
		}
	} else {
		memset(f->found, 0, f->n);
		for (i = 0; i < f->n; i++) {
			if (contact_matches(f, i, nd)) {
				f->hits[kept++] = i;
				f->found[i] = 1;
			}
		}
	}
	f->nhits = kept;
	memcpy(f->last, nd->text, nd->len + 1);
	f->searched = true;
}

/* Contact I is the next match: into OUT while there is room, an exact
 * number (or group id) moved first, as target_matches_ordered does. */
static void hit_put(const struct contact_find *f, const struct
		    target_needle *nd, size_t i, size_t *out, size_t max,
		    size_t hits)
{
	if (hits >= max)
		return;
	out[hits] = i;
	if (!strcasecmp(f->exts[i].number, nd->text)) {
		memmove(&out[1], &out[0], hits * sizeof(out[0]));
		out[0] = i;
	}
}

size_t contact_find_matches(struct contact_find *f, const char *text,
			    const size_t *order, size_t *out, size_t max)
{
	struct target_needle nd;
	size_t row, hits = 0;

	target_needle_init(&nd, text);
	if (nd.len == 0)
		return 0;
	contacts_search(f, &nd);
	if (!order) {
		for (hits = 0; hits < f->nhits; hits++)
			hit_put(f, &nd, f->hits[hits], out, max, hits);
		return hits;
	}
	for (row = 0; row < f->n && hits < f->nhits; row++) {
		if (f->found[order[row]])
			hit_put(f, &nd, order[row], out, max, hits++);
	}
	return hits;
}
