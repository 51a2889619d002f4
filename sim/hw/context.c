/* SPDX-License-Identifier: MIT */
/* The compute context: hl_ctx_init() and what its release frees. */
#include "hw/hw.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

struct sim_ctx *sim_ctx_new(struct sim_device *d)
{
	struct sim_ctx *c = calloc(1, sizeof(*c));

	if (!c)
		return NULL;
	c->cs = calloc(d->max_pending, sizeof(*c->cs));
	if (!c->cs) {
		free(c);
		return NULL;
	}
	c->d = d;
	c->next_seq = 1;
	c->first_open = 1;
	c->next_handle = 1;
	c->next_resv = 1;
	c->host_va_next = sim_gaudi2(d) ? HLK_GAUDI2_HOST_VA_START : HLK_GAUDI_HOST_VA_START;
	c->dram_va_next = d->dram_user_base;
	for (int i = 0; i < SIM_MAX_OBJS; i++)
		c->objs[i].memfd = -1;
	return c;
}

/* device lock held: the compute file and all dma-bufs are gone */
void sim_ctx_free(struct sim_ctx *c)
{
	struct sim_device *d = c->d;

	for (uint32_t i = 0; i < d->max_pending; i++)
		sim_cs_release_jobs(&c->cs[i]);
	for (int i = 0; i < SIM_MAX_ALLOCS; i++) {
		struct sim_alloc *a = &c->allocs[i];

		if (!a->used)
			continue;
		if (sim_gaudi2(d))
			sim_alloc_release(d, a);
		d->dram_used -= a->size;
	}
	d->dram_used -= c->acct < d->dram_used ? c->acct : d->dram_used;
	/* a CB the process still maps keeps its memory until munmap */
	for (int i = 0; i < SIM_MAX_OBJS; i++)
		if (c->objs[i].used && !c->objs[i].user_map)
			sim_obj_release(c, &c->objs[i]);
	free(c->cs);
	c->d = NULL;
	free(c);
}

/*
 * reset: everything in flight completes with EIO.  Only the last
 * max_pending sequence numbers can be in flight (sim_cs_new() refuses a
 * new one while its slot is busy), and none before first_open, so the
 * walk costs what is in flight, not the whole ring (16384 slots on Gaudi).
 */
void sim_ctx_abort(struct sim_ctx *c)
{
	uint64_t from = c->first_open;

	if (c->next_seq - from > c->d->max_pending)
		from = c->next_seq - c->d->max_pending;
	for (uint64_t seq = from; seq < c->next_seq; seq++) {
		struct sim_cs *r = sim_cs_slot(c, seq);

		if (r->seq != seq)
			continue;
		if (r->state == SIM_CS_PENDING) {
			r->state = SIM_CS_DONE;
			r->rc = -EIO;
			r->staged_open = false;
			sim_cs_release_jobs(r);
		} else if (r->state == SIM_CS_RUNNING) {
			r->rc = -EIO; /* the device thread completes it */
		}
	}
	memset(c->regs, 0, sizeof(c->regs));
	c->reset_gen++;
}

uint64_t sim_ctx_dram(const struct sim_ctx *c)
{
	uint64_t n = c->acct;

	for (int i = 0; i < SIM_MAX_ALLOCS; i++)
		if (c->allocs[i].used)
			n += c->allocs[i].size;
	return n;
}

uint32_t sim_ctx_mappings(const struct sim_ctx *c, struct hlk_user_mapping *m, uint32_t max)
{
	uint32_t n = 0;

	for (int i = 0; i < c->nmaps; i++, n++) {
		if (n < max) {
			m[n].dev_va = c->maps[i].va;
			m[n].size = c->maps[i].size;
		}
	}
	return n;
}
