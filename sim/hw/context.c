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
	c->host_va_next = sim_gaudi2(d) ? HLK_GAUDI2_HOST_VA_START : HLK_GAUDI_HOST_VA_START;
	c->dram_va_next = d->dram_user_base;
	return c;
}

/* hl_vm_ctx_fini(): the allocations still there go back */
static void free_allocs(struct sim_ctx *c)
{
	struct sim_device *d = c->d;
	struct sim_alloc *a;

	for (uint32_t id = 1; (a = sim_idr_next(&c->allocs, &id)); id++) {
		d->dram_used -= a->size;
		sim_alloc_free(c, a);
	}
	sim_idr_destroy(&c->allocs);
}

/* device lock held: the compute file and all dma-bufs are gone */
void sim_ctx_free(struct sim_ctx *c)
{
	struct sim_device *d = c->d;
	struct sim_resv *rv;
	struct sim_obj *o;

	for (uint32_t i = 0; i < d->max_pending; i++)
		sim_cs_release_jobs(&c->cs[i]);
	sim_regs_clear(c);
	free_allocs(c);
	d->dram_used -= c->acct < d->dram_used ? c->acct : d->dram_used;
	/* hl_mem_mgr_fini(): every buffer goes; a CB the process still maps
	 * keeps its pages through that mapping of the memfd */
	for (uint32_t id = 1; (o = sim_idr_next(&c->objs, &id)); id++)
		sim_obj_release(c, o);
	sim_idr_destroy(&c->objs);
	for (uint32_t id = 1; (rv = sim_idr_next(&c->resv, &id)); id++)
		sim_resv_free(c, rv);
	sim_idr_destroy(&c->resv);
	sim_vm_fini(c);
	free(c->cs);
	c->d = NULL;
	free(c);
}

/* cs_ioctl_reserve_signals(): the handle, then its id */
int sim_resv_new(struct sim_ctx *c, struct sim_resv **out)
{
	struct sim_resv *rv = calloc(1, sizeof(*rv));
	int id;

	if (!rv)
		return -ENOMEM;
	id = sim_idr_alloc(&c->resv, rv);
	if (id < 0) {
		free(rv);
		return -EINVAL; /* "Failed to allocate IDR for a new signal reservation" */
	}
	rv->id = (uint32_t)id;
	*out = rv;
	return 0;
}

struct sim_resv *sim_resv_find(struct sim_ctx *c, uint32_t id)
{
	return sim_idr_find(&c->resv, id);
}

/* cs_ioctl_unreserve_signals(), hl_encaps_release_handle_and_put_ctx() */
void sim_resv_free(struct sim_ctx *c, struct sim_resv *rv)
{
	sim_idr_remove(&c->resv, rv->id);
	free(rv);
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
	sim_regs_clear(c); /* hl_release_pending_user_interrupts() */
	c->reset_gen++;
}

uint64_t sim_ctx_dram(const struct sim_ctx *c)
{
	return c->acct + c->alloc_bytes;
}

uint32_t sim_ctx_mappings(const struct sim_ctx *c, struct hlk_user_mapping *m, uint32_t max)
{
	uint32_t n = 0;

	for (uint32_t i = 0; i < c->nmaps; i++, n++) {
		if (n < max) {
			m[n].dev_va = c->maps[i]->va;
			m[n].size = c->maps[i]->size;
		}
	}
	return n;
}
