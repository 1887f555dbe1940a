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
	/* each contact's first letters of words, a bit each (letter & 63):
	 * most contacts have no word starting with what was typed */
	uint64_t *initials;
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

/* IN folded into OUT (which has room: a character never folds longer
 * than it is): ASCII lowered in place, the rest by text_fold. Returns
 * the length written. */
static size_t field_fold(char *out, const char *in)
{
	size_t j;

	for (j = 0; (unsigned char)in[j] - 1u < 0x7fu; j++)
		out[j] = (char)((unsigned)(in[j] - 'A') < 26 ? in[j] | 0x20 :
				in[j]);
	if (!in[j]) {
		out[j] = '\0';
		return j;
	}
	return j + text_fold(out + j, strlen(in + j) + 1, in + j);
}

static inline bool word_starts(const char *text, size_t j, size_t from)
{
	return target_word_char((unsigned char)text[j]) &&
	       (j == from || !target_word_char((unsigned char)text[j - 1]));
}

/* Where the words of each contact's folded text start, and the first
 * letters they start with; FIRST holds where each contact's text
 * starts and gets where its words start in STARTS. */
static void words_index(struct contact_find *f)
{
	size_t i, j, k = 0, from = 0;

	for (i = 0; i < f->n; i++) {
		size_t to = f->first[i + 1];
		uint64_t initials = 0;

		f->first[i] = (uint32_t)k;
		for (j = from; j < to; j++) {
			if (!word_starts(f->text, j, from))
				continue;
			f->starts[k++] = (uint32_t)j;
			initials |= 1ull << ((unsigned char)f->text[j] & 63);
		}
		f->initials[i] = initials;
		from = to;
	}
	f->first[f->n] = (uint32_t)k;
}

struct contact_find *contact_find_new(const struct extension *exts,
				      size_t n)
{
	struct contact_find *f = calloc(1, sizeof(*f));
	size_t i, j, bytes = 0, words = 0, used = 0;
	int k;

	if (!f)
		return NULL;
	for (i = 0; i < n; i++) {
		for (k = 0; k < TEXT_FIELDS; k++)
			bytes += strlen(field_text(&exts[i], k)) + 1;
	}
	f->exts = exts;
	f->n = n;
	f->text = malloc(bytes ? bytes : 1);
	f->first = malloc((n + 1) * sizeof(*f->first));
	f->initials = malloc((n ? n : 1) * sizeof(*f->initials));
	f->hits = malloc((n ? n : 1) * sizeof(*f->hits));
	f->found = calloc(n ? n : 1, 1);
	if (!f->text || !f->first || !f->initials || !f->hits || !f->found ||
	    bytes > UINT32_MAX)
		goto fail;
	/* each contact's fields folded, first[i] where its text starts */
	for (i = 0; i < n; i++) {
		f->first[i] = (uint32_t)used;
		for (k = 0; k < TEXT_FIELDS; k++)
			used += field_fold(f->text + used,
					   field_text(&exts[i], k)) + 1;
	}
	f->first[n] = (uint32_t)used;
	for (j = 0; j < used; j++)
		words += word_starts(f->text, j, 0);
	f->starts = malloc((words ? words : 1) * sizeof(*f->starts));
	if (!f->starts)
		goto fail;
	words_index(f);
	return f;
fail:
	contact_find_free(f);
	return NULL;
}

void contact_find_free(struct contact_find *f)
{
	if (!f)
		return;
	free(f->text);
	free(f->starts);
	free(f->first);
	free(f->initials);
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

/* Contact I's words against the folded needle: the first byte picks
 * the words worth comparing, the NUL ending each field stops the rest. */
static bool words_match(const struct contact_find *f, size_t i,
			const struct target_needle *nd)
{
	const unsigned char *want = (const unsigned char *)nd->folded;
	uint32_t s, end = f->first[i + 1];

	if (!(f->initials[i] >> (want[0] & 63) & 1))
		return false;
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

	if (target_number_prefix(e->number, nd))
		return true;
	if (nd->nfolded && words_match(f, i, nd))
		return true;
	for (k = 0; k < e->nnumbers; k++) {
		if (target_number_prefix(e->numbers[k].number, nd))
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
	/* the first letter, compared cheaply, spares most a strcasecmp */
	if (((unsigned char)f->exts[i].number[0] | 0x20) ==
	    ((unsigned char)nd->text[0] | 0x20) &&
	    !strcasecmp(f->exts[i].number, nd->text)) {
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
