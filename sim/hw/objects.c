/* SPDX-License-Identifier: MIT */
/*
 * Command buffers and timestamp buffers: the unified memory manager of
 * memory_mgr.c.  Handles come from the lowest free id from 1 (the
 * context's id table, as idr_alloc(&mmg->handles, buf, 1, 0, ...)), with
 * no limit but memory; a buffer lives while its handle, its single user
 * mapping, a job using it or a timestamp registration naming it remains
 * (hl_mmap_mem_buf_put()), and its id stays taken until then.
 */
#include "hw/hw.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define PAGE_SHIFT 12

static uint64_t round_up(uint64_t v, uint64_t a)
{
	return (v + a - 1) / a * a;
}

static int obj_backing(struct sim_obj *o, enum sim_obj_kind kind)
{
	o->memfd = memfd_create(kind == SIM_OBJ_CB ? "hla-sim-cb" : "hla-sim-ts", MFD_CLOEXEC);
	if (o->memfd < 0)
		return -errno;
	if (ftruncate(o->memfd, (off_t)o->len)) {
		sim_real_close(o->memfd);
		o->memfd = -1;
		return -ENOMEM;
	}
	o->mem = sim_real_mmap(NULL, o->len, PROT_READ | PROT_WRITE, MAP_SHARED, o->memfd, 0);
	if (o->mem == MAP_FAILED) {
		o->mem = NULL;
		sim_real_close(o->memfd);
		o->memfd = -1;
		return -ENOMEM;
	}
	return 0;
}

/* hl_mmap_mem_buf_alloc(): the buffer, its id, then its memory; NULL is
 * -ENOMEM to the caller whichever step failed */
struct sim_obj *sim_obj_new(struct sim_ctx *c, enum sim_obj_kind kind, uint64_t size)
{
	struct sim_obj *o = calloc(1, sizeof(*o));
	int id;

	if (!o)
		return NULL;
	o->memfd = -1;
	id = sim_idr_alloc(&c->objs, o);
	if (id < 0) {
		free(o);
		return NULL;
	}
	o->ctx = c;
	o->id = (uint32_t)id;
	o->kind = kind;
	o->size = size;
	o->len = (size_t)round_up(size ? size : 1, SIM_PAGE);
	/* hl_ts_alloc_buf(): the kernel part, a record per element */
	if (kind == SIM_OBJ_TS && !(o->recs = calloc(size / 8, sizeof(*o->recs)))) {
		sim_obj_release(c, o);
		return NULL;
	}
	if (obj_backing(o, kind)) {
		sim_obj_release(c, o);
		return NULL;
	}
	return o;
}

/* hl_mmap_mem_buf_get(): the id is the handle's page number, low 32 bits */
struct sim_obj *sim_obj_find(struct sim_ctx *c, uint64_t handle, enum sim_obj_kind kind)
{
	uint64_t type = kind == SIM_OBJ_CB ? HLK_MMAP_TYPE_CB : HLK_MMAP_TYPE_TS_BUFF;
	struct sim_obj *o;

	if ((handle & HLK_MMAP_TYPE_MASK) != type)
		return NULL;
	o = sim_idr_find(&c->objs, (uint32_t)(handle >> PAGE_SHIFT));
	return o && o->kind == kind ? o : NULL;
}

uint64_t sim_obj_handle(const struct sim_obj *o)
{
	return (o->kind == SIM_OBJ_CB ? HLK_MMAP_TYPE_CB : HLK_MMAP_TYPE_TS_BUFF) |
	       ((uint64_t)o->id << PAGE_SHIFT);
}

/* hl_mmap_mem_buf_release(): the id goes back with the buffer */
void sim_obj_release(struct sim_ctx *c, struct sim_obj *o)
{
	/* a CB mapped into the device MMU leaves its VA range */
	struct sim_map *m = o->va ? sim_vm_find_cb(c, o) : NULL;

	if (m)
		sim_vm_remove(c, m);
	if (o->mem)
		sim_real_munmap(o->mem, o->len);
	if (o->memfd >= 0)
		sim_real_close(o->memfd);
	sim_idr_remove(&c->objs, o->id);
	free(o->recs);
	free(o);
}

void sim_obj_maybe_free(struct sim_ctx *c, struct sim_obj *o)
{
	if (o->destroyed && !o->user_map && !o->usage && !o->holds)
		sim_obj_release(c, o);
}

static void *map_block(struct sim_ctx *c, uint64_t off, void *addr, size_t len, int prot,
		       int flags, int *err)
{
	uint64_t idx = (off & ~HLK_MMAP_TYPE_MASK) >> PAGE_SHIFT;
	void *p;

	if (!sim_gaudi2(c->d) || idx >= SIM_NUM_BLOCKS || len != SIM_BLOCK_SIZE)
		return MAP_FAILED;
	/* stands in for the uncached register window */
	p = sim_real_mmap(addr, len, prot, (flags & ~MAP_SHARED) | MAP_PRIVATE | MAP_ANONYMOUS,
			  -1, 0);
	if (p == MAP_FAILED)
		*err = errno;
	else
		c->block_maps[idx] = p;
	if (p != MAP_FAILED)
		madvise(p, len, MADV_DONTFORK); /* VM_DONTCOPY */
	return p;
}

/* hl_mem_mgr_mmap(): the exact page-rounded size, one mapping per buffer */
void *sim_obj_mmap(struct sim_file *f, void *addr, size_t len, int prot, int flags,
		   uint64_t off, int *err)
{
	struct sim_device *d = f->dev;
	struct sim_ctx *c = f->ctx;
	struct sim_obj *o = NULL;
	void *p = MAP_FAILED;

	pthread_mutex_lock(&d->lock);
	*err = EINVAL;
	if ((off & HLK_MMAP_TYPE_MASK) == HLK_MMAP_TYPE_CB)
		o = sim_obj_find(c, off, SIM_OBJ_CB);
	else if ((off & HLK_MMAP_TYPE_MASK) == HLK_MMAP_TYPE_TS_BUFF)
		o = sim_obj_find(c, off, SIM_OBJ_TS);
	else if ((off & HLK_MMAP_TYPE_MASK) == HLK_MMAP_TYPE_BLOCK)
		p = map_block(c, off, addr, len, prot, flags, err);
	/* hl_mem_mgr_mmap(): the VMA, page-rounded like every mapping, must
	 * be the page-rounded size the object was created with */
	if (o && !o->destroyed && !o->user_map && round_up(len, SIM_PAGE) == o->len) {
		p = sim_real_mmap(addr, len, prot, flags, o->memfd, 0);
		if (p == MAP_FAILED) {
			*err = errno;
		} else {
			o->user_map = p;
			/* the driver's mapping is VM_DONTCOPY: a child has none */
			madvise(p, len, MADV_DONTFORK);
		}
	}
	pthread_mutex_unlock(&d->lock);
	return p;
}

void sim_obj_unmapped(struct sim_device *d, void *addr, uint64_t off)
{
	struct sim_obj *o = NULL;
	struct sim_ctx *c;

	pthread_mutex_lock(&d->lock);
	c = d->ctx;
	if (c && (off & HLK_MMAP_TYPE_MASK) == HLK_MMAP_TYPE_CB)
		o = sim_obj_find(c, off, SIM_OBJ_CB);
	else if (c && (off & HLK_MMAP_TYPE_MASK) == HLK_MMAP_TYPE_TS_BUFF)
		o = sim_obj_find(c, off, SIM_OBJ_TS);
	if (o && o->user_map == addr) {
		o->user_map = NULL;
		sim_obj_maybe_free(c, o);
	}
	for (int k = 0; c && k < SIM_NUM_BLOCKS; k++)
		if (c->block_maps[k] == addr)
			c->block_maps[k] = NULL;
	pthread_mutex_unlock(&d->lock);
}
