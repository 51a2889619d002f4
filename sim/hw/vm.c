/* SPDX-License-Identifier: MIT */
/*
 * Device VA spaces (memory.c: map_device_va(), unmap_device_va(),
 * get_va_block()): the host range for pinned host memory and CBs, the
 * DRAM range for device allocations, and translation of device addresses
 * for the engines.  Mappings are allocated one by one and indexed by VA
 * (a sorted array of pointers: no two overlap), so a lookup is a binary
 * search.
 */
#include "hw/hw.h"

#include <stdlib.h>

#include <errno.h>
#include <string.h>

static uint64_t round_up(uint64_t v, uint64_t a)
{
	return (v + a - 1) / a * a;
}

/* the first mapping (index into c->maps) whose end lies above va */
static uint32_t first_above(const struct sim_ctx *c, uint64_t va)
{
	uint32_t lo = 0, hi = c->nmaps;

	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		const struct sim_map *m = c->maps[mid];

		if (m->va + m->size <= va)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* the mapping holding va, or NULL (maps never overlap) */
static struct sim_map *map_at(const struct sim_ctx *c, uint64_t va)
{
	uint32_t i = first_above(c, va);

	return i < c->nmaps && c->maps[i]->va <= va ? c->maps[i] : NULL;
}

/* map_device_va(): the hash node kzalloc() and its hash_add() */
struct sim_map *sim_vm_add(struct sim_ctx *c, enum sim_map_kind kind, uint64_t va,
			   uint64_t size)
{
	struct sim_map *m;
	uint32_t at;

	if (c->nmaps == c->maps_cap) {
		uint32_t cap = c->maps_cap ? c->maps_cap * 2 : 64;
		struct sim_map **maps = cap > c->maps_cap ? realloc(c->maps, cap * sizeof(*maps))
							  : NULL;

		if (!maps)
			return NULL;
		c->maps = maps;
		c->maps_cap = cap;
	}
	m = calloc(1, sizeof(*m));
	if (!m)
		return NULL;
	m->kind = kind;
	m->va = va;
	m->size = size;
	at = first_above(c, va);
	memmove(c->maps + at + 1, c->maps + at, (c->nmaps - at) * sizeof(*c->maps));
	c->maps[at] = m;
	c->nmaps++;
	return m;
}

void sim_vm_remove(struct sim_ctx *c, struct sim_map *m)
{
	uint32_t at = first_above(c, m->va);

	if (at < c->nmaps && c->maps[at] == m) {
		c->nmaps--;
		memmove(c->maps + at, c->maps + at + 1, (c->nmaps - at) * sizeof(*c->maps));
	}
	free(m);
}

void sim_vm_fini(struct sim_ctx *c)
{
	for (uint32_t i = 0; i < c->nmaps; i++)
		free(c->maps[i]);
	free(c->maps);
	c->maps = NULL;
	c->nmaps = c->maps_cap = 0;
}

/* get_vm_hash_node_locked(): the exact address, CBs apart */
struct sim_map *sim_vm_find(struct sim_ctx *c, uint64_t va)
{
	struct sim_map *m = map_at(c, va);

	return m && m->va == va && m->kind != SIM_MAP_CB ? m : NULL;
}

struct sim_obj *sim_vm_cb_at(struct sim_ctx *c, uint64_t va)
{
	struct sim_map *m = map_at(c, va);

	return m && m->kind == SIM_MAP_CB ? m->cb : NULL;
}

struct sim_map *sim_vm_find_cb(struct sim_ctx *c, const struct sim_obj *o)
{
	struct sim_map *m = map_at(c, o->va);

	return m && m->kind == SIM_MAP_CB && m->cb == o ? m : NULL;
}

/* true if [va, va + size) is free; otherwise *next = end of a colliding map */
static bool va_free(struct sim_ctx *c, uint64_t va, uint64_t size, uint64_t *next)
{
	uint32_t i = first_above(c, va);

	if (i < c->nmaps && c->maps[i]->va < va + size) {
		*next = c->maps[i]->va + c->maps[i]->size;
		return false;
	}
	return true;
}

static bool in_range(uint64_t va, uint64_t size, uint64_t lo, uint64_t hi)
{
	return va >= lo && va + size >= va && va + size <= hi;
}

/* a usable hint, or the next free VA of the range */
int sim_vm_pick(struct sim_ctx *c, bool dram, uint64_t hint, uint64_t size,
		uint64_t align, bool force, uint64_t *out)
{
	struct sim_device *d = c->d;
	uint64_t lo = dram ? d->dram_user_base :
			     (sim_gaudi2(d) ? HLK_GAUDI2_HOST_VA_START : HLK_GAUDI_HOST_VA_START);
	uint64_t hi = dram ? 0x1002000000000000ull :
			     (sim_gaudi2(d) ? HLK_GAUDI2_HOST_VA_END : HLK_GAUDI_HOST_VA_END);
	uint64_t *next = dram ? &c->dram_va_next : &c->host_va_next, skip;

	if (hint) {
		if (!(hint % align) && in_range(hint, size, lo, hi) &&
		    va_free(c, hint, size, &skip)) {
			*out = hint;
			return 0;
		}
		if (force)
			return -ENOMEM;
	}
	/* each step passes one whole mapping: at most nmaps + 1 steps */
	*next = round_up(*next, align);
	for (uint32_t steps = 0;; steps++) {
		if (!in_range(*next, size, lo, hi) || steps > c->nmaps)
			return -ENOMEM;
		if (va_free(c, *next, size, &skip))
			break;
		*next = round_up(skip, align);
	}
	*out = *next;
	*next += round_up(size, align);
	return 0;
}

int sim_alloc_new(struct sim_ctx *c, struct sim_alloc **out)
{
	struct sim_alloc *al = calloc(1, sizeof(*al));
	int id;

	if (!al)
		return -ENOMEM;
	id = sim_idr_alloc(&c->allocs, al);
	if (id < 0) {
		free(al);
		return -EFAULT; /* alloc_device_memory(): "Failed to get handle" */
	}
	al->handle = (uint32_t)id;
	*out = al;
	return 0;
}

struct sim_alloc *sim_alloc_find(struct sim_ctx *c, uint64_t handle)
{
	return sim_idr_find(&c->allocs, (uint32_t)handle);
}

void sim_alloc_free(struct sim_ctx *c, struct sim_alloc *al)
{
	sim_alloc_release(c->d, al);
	c->alloc_bytes -= al->size;
	sim_idr_remove(&c->allocs, al->handle);
	free(al);
}

void sim_alloc_release(struct sim_device *d, struct sim_alloc *al)
{
	uint64_t n = al->size / d->dram_page;

	if (!al->pages)
		sim_dram_free_pages(&d->dram, al->off / d->dram_page, n);
	for (uint64_t i = 0; al->pages && i < n; i++)
		sim_dram_free_pages(&d->dram, al->pages[i], 1);
	free(al->pages);
	al->pages = NULL;
}

uint64_t sim_alloc_phys(const struct sim_device *d, const struct sim_alloc *al, uint64_t at,
			uint64_t *contig)
{
	uint64_t page = d->dram_page, i = at / page, run = page - at % page;

	if (!al->pages) {
		*contig = al->size - at;
		return al->off + at;
	}
	/* pages that happen to follow each other in the backing count as one */
	while (i + 1 < al->size / page && al->pages[i + 1] == al->pages[i] + 1 &&
	       run < (1ull << 40)) {
		run += page;
		i++;
	}
	*contig = run;
	return (uint64_t)al->pages[at / page] * page + at % page;
}

bool sim_vm_xlate(struct sim_ctx *c, uint64_t addr, uint64_t len, struct sim_span *out)
{
	uint64_t got;

	return sim_vm_xlate_part(c, addr, len, out, &got) && got == len;
}

bool sim_vm_xlate_part(struct sim_ctx *c, uint64_t addr, uint64_t len, struct sim_span *out,
		       uint64_t *got)
{
	struct sim_device *d = c->d;
	struct sim_map *m;

	memset(out, 0, sizeof(*out));
	*got = len;
	if (addr + len < addr)
		return false;
	if (addr >= d->sram_base && addr + len <= d->sram_base + d->sram_size) {
		out->ptr = d->sram + (addr - d->sram_base);
		return true;
	}
	if (!sim_gaudi2(d) && addr >= d->dram_user_base && addr + len <= d->dram_size) {
		out->ptr = d->dram.base + addr;
		out->dram = true;
		out->dram_off = addr;
		return true;
	}
	m = map_at(c, addr);
	if (!m || addr + len > m->va + m->size)
		return false;
	if (m->kind == SIM_MAP_HOST) {
		out->ptr = m->host + (addr - m->va);
	} else if (m->kind == SIM_MAP_CB) {
		out->ptr = m->cb->mem + (addr - m->va);
		out->obj = m->cb;
	} else {
		uint64_t contig;

		out->dram = true;
		out->dram_off = sim_alloc_phys(d, m->alloc, addr - m->va, &contig);
		out->ptr = d->dram.base + out->dram_off;
		*got = len < contig ? len : contig;
	}
	return true;
}
