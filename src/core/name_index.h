/*
 * name_index — finds a thing by its name (an extension's number, a
 * section's title) in constant time: a hash of borrowed strings to
 * positions. The strings stay the caller's and must outlive the index
 * (or the index must be rebuilt when they move).
 */
#ifndef CORDBOARD_CORE_NAME_INDEX_H
#define CORDBOARD_CORE_NAME_INDEX_H

#include <stdbool.h>
#include <stddef.h>

struct name_slot {
	const char *key;         /* NULL: empty */
	size_t value;
};

struct name_index {
	struct name_slot *slots; /* cap slots, cap a power of two */
	size_t cap;
	size_t count;
};

void name_index_init(struct name_index *ix);

/* Makes KEY name VALUE (an existing KEY is given the new value; the
 * borrowed pointer becomes KEY). Returns 0 or ENOMEM. */
int name_index_put(struct name_index *ix, const char *key, size_t value);

/* True with *value set when KEY is in the index. */
bool name_index_find(const struct name_index *ix, const char *key,
		     size_t *value);

/* Forgets every key, keeping the room (for a rebuild). */
void name_index_clear(struct name_index *ix);

void name_index_free(struct name_index *ix);

#endif
