/*
 * name_index.c — open addressing with linear probing over FNV-1a; the
 * table doubles before it is three quarters full, so a lookup reads one
 * or two slots on average.
 */
#include "name_index.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

enum { NAME_INDEX_MIN_CAP = 16 };

static size_t name_hash(const char *s)
{
	uint64_t h = 14695981039346656037ULL;

	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 1099511628211ULL;
	}
	return (size_t)(h ^ (h >> 29));
}

void name_index_init(struct name_index *ix)
{
	memset(ix, 0, sizeof(*ix));
}

/* The slot holding KEY, or the empty slot where it would go. */
static struct name_slot *slot_of(const struct name_index *ix,
				 const char *key)
{
	size_t mask = ix->cap - 1;
	size_t i = name_hash(key) & mask;

	while (ix->slots[i].key && strcmp(ix->slots[i].key, key) != 0)
		i = (i + 1) & mask;
	return &ix->slots[i];
}

static int grow(struct name_index *ix)
{
	struct name_index bigger;
	size_t i;

	bigger.cap = ix->cap ? ix->cap * 2 : NAME_INDEX_MIN_CAP;
	bigger.count = ix->count;
	bigger.slots = calloc(bigger.cap, sizeof(*bigger.slots));
	if (!bigger.slots)
		return ENOMEM;
	for (i = 0; i < ix->cap; i++) {
		if (ix->slots[i].key)
			*slot_of(&bigger, ix->slots[i].key) = ix->slots[i];
	}
	free(ix->slots);
	*ix = bigger;
	return 0;
}

int name_index_put(struct name_index *ix, const char *key, size_t value)
{
	struct name_slot *s;

	if ((ix->count + 1) * 4 > ix->cap * 3 && grow(ix))
		return ENOMEM;
	s = slot_of(ix, key);
	if (!s->key)
		ix->count++;
	s->key = key;
	s->value = value;
	return 0;
}

bool name_index_find(const struct name_index *ix, const char *key,
		     size_t *value)
{
	const struct name_slot *s;

	if (!ix->cap || !key)
		return false;
	s = slot_of(ix, key);
	if (!s->key)
		return false;
	if (value)
		*value = s->value;
	return true;
}

void name_index_clear(struct name_index *ix)
{
	if (ix->slots)
		memset(ix->slots, 0, ix->cap * sizeof(*ix->slots));
	ix->count = 0;
}

void name_index_free(struct name_index *ix)
{
	free(ix->slots);
	name_index_init(ix);
}
