/* SPDX-License-Identifier: MIT */
/*
 * The id table (idr_alloc() with start 1 and no end): a pointer array
 * indexed by id that doubles when full, and a bitmap of the ids in use.
 * The lowest free id is the first clear bit at or after the hint word,
 * so an allocation skips 64 ids a step and a lookup is an index.
 */
#include "core/idr.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#define WORD 64u

static int grow(struct sim_idr *t)
{
	uint32_t cap = t->cap ? t->cap * 2 : WORD;
	void **slot;
	uint64_t *taken;

	if (t->cap >= (uint32_t)INT_MAX)
		return -ENOSPC;
	slot = realloc(t->slot, cap * sizeof(*slot));
	if (!slot)
		return -ENOMEM;
	t->slot = slot;
	taken = realloc(t->taken, cap / WORD * sizeof(*taken));
	if (!taken)
		return -ENOMEM;
	t->taken = taken;
	memset(slot + t->cap, 0, (cap - t->cap) * sizeof(*slot));
	memset(taken + t->cap / WORD, 0, (cap - t->cap) / WORD * sizeof(*taken));
	if (!t->cap)
		taken[0] = 1; /* id 0 is never handed out */
	t->cap = cap;
	return 0;
}

int sim_idr_alloc(struct sim_idr *t, void *p)
{
	uint32_t w = t->hint, id;
	int ret;

	while (w < t->cap / WORD && t->taken[w] == UINT64_MAX)
		w++;
	if (w == t->cap / WORD && (ret = grow(t)))
		return ret;
	id = w * WORD + (uint32_t)__builtin_ctzll(~t->taken[w]);
	if (id > (uint32_t)INT_MAX)
		return -ENOSPC;
	t->taken[w] |= 1ull << (id % WORD);
	t->slot[id] = p;
	t->hint = w;
	t->count++;
	return (int)id;
}

void *sim_idr_find(const struct sim_idr *t, uint64_t id)
{
	return id && id < t->cap ? t->slot[id] : NULL;
}

void *sim_idr_remove(struct sim_idr *t, uint64_t id)
{
	void *p = sim_idr_find(t, id);

	if (!p)
		return NULL;
	t->slot[id] = NULL;
	t->taken[id / WORD] &= ~(1ull << (id % WORD));
	if (id / WORD < t->hint)
		t->hint = (uint32_t)(id / WORD);
	t->count--;
	return p;
}

void *sim_idr_next(const struct sim_idr *t, uint32_t *id)
{
	uint32_t i = *id ? *id : 1;

	while (i < t->cap) {
		uint64_t bits = t->taken[i / WORD] >> (i % WORD);

		if (!bits) {
			i = (i / WORD + 1) * WORD;
			continue;
		}
		i += (uint32_t)__builtin_ctzll(bits);
		if (t->slot[i]) {
			*id = i;
			return t->slot[i];
		}
		i++;
	}
	return NULL;
}

void sim_idr_destroy(struct sim_idr *t)
{
	free(t->slot);
	free(t->taken);
	memset(t, 0, sizeof(*t));
}
