/*
 * contact_find.h — type-to-find over the whole directory at each key:
 * every contact's words folded once (lower case, Latin letters without
 * accents) when the directory is set, and what the last search found,
 * so a key that extends the query looks only at the contacts that still
 * matched. Finds exactly what target_matches_ordered finds (target.h).
 */
#ifndef CORDBOARD_CORE_CONTACT_FIND_H
#define CORDBOARD_CORE_CONTACT_FIND_H

#include <stdbool.h>
#include <stddef.h>

#include "extension.h"

struct contact_find;

/* A finder over the N extensions of EXTS, which must keep their numbers
 * and words while it is used (a new directory needs a new finder);
 * NULL without memory. */
struct contact_find *contact_find_new(const struct extension *exts,
				      size_t n);
void contact_find_free(struct contact_find *f);
/* Whether F was made for EXTS, N. */
bool contact_find_for(const struct contact_find *f,
		      const struct extension *exts, size_t n);
/* As target_matches_ordered over F's extensions: the indices of those
 * matching TEXT in the order of ORDER (row -> index, NULL: their own),
 * an exact number first; up to MAX into OUT, returns how many in all.
 * Allocates nothing. */
size_t contact_find_matches(struct contact_find *f, const char *text,
			    const size_t *order, size_t *out, size_t max);
/* Forgets the last search: the next looks at every contact again. */
void contact_find_forget(struct contact_find *f);

#endif
