/* SPDX-License-Identifier: MIT */
/*
 * Device VA spaces (memory.c: map_device_va(), unmap_device_va(),
 * get_va_block()): the host range for pinned host memory and CBs, the
 * DRAM range for device allocations, and translation of device addresses
 * for the engines.  Maps are kept packed, so a walk costs their number.
 */
#include "hw/hw.h"

#include <stdlib.h>

#include <errno.h>
#include <string.h>

static uint64_t round_up(uint64_t v, uint64_t a)
{
	return (v + a - 1) / a * a;
}

struct sim_map *sim_vm_add(struct sim_ctx *c)
{
	struct sim_map *m;

	if (c->nmaps >= SIM_MAX_MAPS)
		return NULL;
	m = &c->maps[c->nmaps++];
	memset(m, 0, sizeof(*m));
	return m;
}

void sim_vm_remove(struct sim_ctx *c, struct sim_map *m)
{
	*m = c->maps[--c->nmaps];
}

struct sim_map *sim_vm_find(struct sim_ctx *c, uint64_t va)
{
	for (int i = 0; i < c->nmaps; i++)
		if (c->maps[i].va == va && c->maps[i].kind != SIM_MAP_CB)
			return &c->maps[i];
	return NULL;
}

struct sim_obj *sim_vm_cb_at(struct sim_ctx *c, uint64_t va)
{
	for (int i = 0; i < c->nmaps; i++) {
		struct sim_map *m = &c->maps[i];

		if (m->kind == SIM_MAP_CB && va >= m->va && va < m->va + m->size)
			return m->cb;
	}
	return NULL;
}

/* true if [va, va + size) is free; otherwise *next = end of a colliding map */
static bool va_free(struct sim_ctx *c, uint64_t va, uint64_t size, uint64_t *next)
{
	for (int i = 0; i < c->nmaps; i++) {
		struct sim_map *m = &c->maps[i];

		if (va < m->va + m->size && m->va < va + size) {
			*next = m->va + m->size;
			return false;
		}
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
	/* each step passes one whole mapping: at most SIM_MAX_MAPS steps */
	*next = round_up(*next, align);
	for (int steps = 0;; steps++) {
		if (!in_range(*next, size, lo, hi) || steps > SIM_MAX_MAPS)
			return -ENOMEM;
		if (va_free(c, *next, size, &skip))
			break;
		*next = round_up(skip, align);
	}
	*out = *next;
	*next += round_up(size, align);
	return 0;
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
	for (int i = 0; i < c->nmaps; i++) {
		struct sim_map *m = &c->maps[i];

		if (addr < m->va || addr + len > m->va + m->size)
			continue;
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
	return false;
}
