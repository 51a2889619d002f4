/* SPDX-License-Identifier: MIT */
/*
 * Command buffers and timestamp buffers: the unified memory manager of
 * memory_mgr.c.  Handles come from the lowest free id, as idr_alloc()
 * gives them; a buffer lives while its handle, its single user mapping or
 * a job using it remains (hl_mmap_mem_buf_put()).
 */
#include "hw/hw.h"

#include <errno.h>
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

struct sim_obj *sim_obj_new(struct sim_ctx *c, enum sim_obj_kind kind, uint64_t size)
{
	for (int i = 0; i < SIM_MAX_OBJS; i++) {
		struct sim_obj *o = &c->objs[i];

		if (o->used)
			continue;
		memset(o, 0, sizeof(*o));
		o->len = (size_t)round_up(size ? size : 1, SIM_PAGE);
		if (obj_backing(o, kind))
			return NULL;
		o->used = true;
		o->kind = kind;
		o->size = size;
		o->id = (uint32_t)i + 1;
		return o;
	}
	return NULL;
}

struct sim_obj *sim_obj_find(struct sim_ctx *c, uint64_t handle, enum sim_obj_kind kind)
{
	uint64_t type = kind == SIM_OBJ_CB ? HLK_MMAP_TYPE_CB : HLK_MMAP_TYPE_TS_BUFF;
	uint64_t id = (handle & ~HLK_MMAP_TYPE_MASK) >> PAGE_SHIFT;
	struct sim_obj *o;

	if ((handle & HLK_MMAP_TYPE_MASK) != type || !id || id > SIM_MAX_OBJS)
		return NULL;
	o = &c->objs[id - 1];
	return o->used && o->kind == kind ? o : NULL;
}

uint64_t sim_obj_handle(const struct sim_obj *o)
{
	return (o->kind == SIM_OBJ_CB ? HLK_MMAP_TYPE_CB : HLK_MMAP_TYPE_TS_BUFF) |
	       ((uint64_t)o->id << PAGE_SHIFT);
}

void sim_obj_release(struct sim_ctx *c, struct sim_obj *o)
{
	/* a CB mapped into the device MMU leaves its VA range */
	for (int i = c ? c->nmaps - 1 : -1; i >= 0; i--)
		if (c->maps[i].kind == SIM_MAP_CB && c->maps[i].cb == o)
			sim_vm_remove(c, &c->maps[i]);
	if (o->mem)
		sim_real_munmap(o->mem, o->len);
	if (o->memfd >= 0)
		sim_real_close(o->memfd);
	memset(o, 0, sizeof(*o));
	o->memfd = -1;
}

void sim_obj_maybe_free(struct sim_ctx *c, struct sim_obj *o)
{
	if (o->used && o->destroyed && !o->user_map && !o->usage)
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

void sim_obj_unmapped(struct sim_device *d, void *addr)
{
	struct sim_ctx *c;

	pthread_mutex_lock(&d->lock);
	c = d->ctx;
	for (int k = 0; c && k < SIM_MAX_OBJS; k++)
		if (c->objs[k].used && c->objs[k].user_map == addr) {
			c->objs[k].user_map = NULL;
			sim_obj_maybe_free(c, &c->objs[k]);
		}
	for (int k = 0; c && k < SIM_NUM_BLOCKS; k++)
		if (c->block_maps[k] == addr)
			c->block_maps[k] = NULL;
	pthread_mutex_unlock(&d->lock);
}
