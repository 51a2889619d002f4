/* SPDX-License-Identifier: MIT */
/*
 * Device VA spaces (memory.c: map_device_va(), unmap_device_va(),
 * get_va_block()): the host range for pinned host memory and CBs, the
 * DRAM range for device allocations, and translation of device addresses
 * for the engines.  Maps are kept packed, so a walk costs their number.
 */
#include "hw/hw.h"

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

bool sim_vm_xlate(struct sim_ctx *c, uint64_t addr, uint64_t len, struct sim_span *out)
{
	struct sim_device *d = c->d;

	memset(out, 0, sizeof(*out));
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
			out->dram = true;
			out->dram_off = m->alloc->off + (addr - m->va);
			out->ptr = d->dram.base + out->dram_off;
		}
		return true;
	}
	return false;
}
