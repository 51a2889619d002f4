/* SPDX-License-Identifier: MIT */
/*
 * The device side: memory and address spaces, command buffers, command
 * submission with a device thread that executes packets, waits, timestamp
 * buffers, dma-buf export and debug.  Everything runs under sim_lock.
 */
#include "sim.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define MAX_ALLOCS 1024
#define MAX_MAPS 4096
#define MAX_OBJS 4096 /* CBs and TS buffers share the id space */
#define MAX_REGS 256
#define MAX_RESV 64
#define NUM_BLOCKS 4
#define BLOCK_SIZE 0x8000u
#define PAGE_SHIFT 12

enum map_kind { MAP_HOST = 1, MAP_DRAM, MAP_CB };
enum obj_kind { OBJ_CB = 1, OBJ_TS };
enum cs_state { CS_FREE, CS_PENDING, CS_DONE };

struct alloc {
	bool used;
	uint64_t handle;
	uint64_t off;  /* into the DRAM backing */
	uint64_t size; /* rounded */
	int maps;
	int exports;
};

struct obj {
	bool used;
	enum obj_kind kind;
	uint32_t id;
	uint64_t size;   /* bytes (CB size or elements * 8) */
	size_t len;      /* page-rounded */
	int memfd;
	uint8_t *mem;
	void *user_map;
	bool destroyed;
	unsigned int usage; /* jobs in flight */
	uint64_t va;     /* CB with MAP */
};

struct map {
	bool used;
	enum map_kind kind;
	uint64_t va;
	uint64_t size;
	uint8_t *host;
	struct alloc *alloc;
	struct obj *cb;
};

struct job {
	uint32_t queue;
	const uint8_t *code;
	uint32_t len;
	uint8_t *copy;   /* patched copy (external queues) */
	struct obj *cb;  /* CB whose usage count this job holds */
};

struct csrec {
	uint64_t seq;
	enum cs_state state;
	int rc;
	bool want_ts;
	int64_t ts;
	int64_t deadline;
	bool hung;
	bool skip_reset;
	bool staged_open;
	unsigned int nr; /* submission number, for faults tied to a CS */
	uint32_t type;   /* CS type flag */
	uint32_t queue;  /* sync-stream queue */
	struct job *jobs;
	uint32_t njobs;
};

struct reg {
	bool used;
	struct obj *cq;
	uint64_t idx;
	uint64_t target;
	struct obj *ts;
	uint64_t ts_idx;
};

struct resv {
	bool used;
	uint32_t id;
	uint32_t queue;
	uint32_t count;
	uint32_t sob_at_reserve;
	uint64_t cs_seq;
};

struct sim_ctx {
	struct sim_device *d;
	uint64_t next_seq;
	struct csrec *cs;
	struct alloc allocs[MAX_ALLOCS];
	uint64_t next_handle;
	struct map maps[MAX_MAPS];
	struct obj objs[MAX_OBJS];
	uint32_t next_obj;
	uint64_t host_va_next;
	uint64_t dram_va_next;
	uint64_t acct;         /* Gaudi: accounted bytes */
	struct reg regs[MAX_REGS];
	struct resv resv[MAX_RESV];
	uint32_t next_resv;
	uint64_t stalled[2];   /* ENGINES stall bits (engine id < 128) */
	unsigned int reset_gen;
	void *block_maps[NUM_BLOCKS];
};

struct sim_dmabuf {
	struct sim_device *d;
	struct alloc *alloc;
	uint64_t base; /* byte offset into the DRAM backing */
	uint64_t size;
};

static void *device_thread(void *arg);

static uint64_t round_up(uint64_t v, uint64_t a)
{
	return (v + a - 1) / a * a;
}

static bool gaudi2(const struct sim_device *d)
{
	return d->asic == SIM_GAUDI2;
}

/* ------------------------------------------------------------------ */
/* set-up                                                             */
/* ------------------------------------------------------------------ */

int sim_engine_init(struct sim_device *d)
{
	char name[32];

	snprintf(name, sizeof(name), "hla-sim-dram%d", d->index);
	d->dram_fd = memfd_create(name, MFD_CLOEXEC);
	if (d->dram_fd < 0)
		return -errno;
	if (ftruncate(d->dram_fd, (off_t)d->dram_size))
		return -errno;
	d->dram = sim_real_mmap(NULL, d->dram_size, PROT_READ | PROT_WRITE, MAP_SHARED,
				d->dram_fd, 0);
	if (d->dram == MAP_FAILED)
		return -errno;
	d->sram = sim_real_mmap(NULL, d->sram_size, PROT_READ | PROT_WRITE,
				MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (d->sram == MAP_FAILED)
		return -errno;
	if (gaudi2(d))
		d->dram_pages_used = calloc(d->dram_size / d->dram_page, 1);
	return 0;
}

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
	c->next_handle = 1;
	c->next_obj = 1;
	c->next_resv = 1;
	c->host_va_next = gaudi2(d) ? HLK_GAUDI2_HOST_VA_START : HLK_GAUDI_HOST_VA_START;
	c->dram_va_next = d->dram_user_base;
	if (!d->thread_started) {
		pthread_attr_t at;

		pthread_attr_init(&at);
		pthread_attr_setdetachstate(&at, PTHREAD_CREATE_DETACHED);
		if (!pthread_create(&d->thread, &at, device_thread, d))
			d->thread_started = true;
		pthread_attr_destroy(&at);
	}
	return c;
}

static void free_obj(struct obj *o)
{
	if (o->mem)
		sim_real_munmap(o->mem, o->len);
	if (o->memfd >= 0)
		sim_real_close(o->memfd);
	memset(o, 0, sizeof(*o));
	o->memfd = -1;
}

static void release_jobs(struct csrec *r)
{
	for (uint32_t i = 0; i < r->njobs; i++) {
		if (r->jobs[i].cb && r->jobs[i].cb->usage)
			r->jobs[i].cb->usage--;
		free(r->jobs[i].copy);
	}
	free(r->jobs);
	r->jobs = NULL;
	r->njobs = 0;
}

void sim_ctx_free(struct sim_ctx *c)
{
	struct sim_device *d = c->d;

	for (uint32_t i = 0; i < d->max_pending; i++)
		release_jobs(&c->cs[i]);
	for (int i = 0; i < MAX_ALLOCS; i++) {
		struct alloc *a = &c->allocs[i];

		if (!a->used)
			continue;
		if (gaudi2(d))
			memset(d->dram_pages_used + a->off / d->dram_page, 0,
			       a->size / d->dram_page);
		d->dram_used -= a->size;
	}
	d->dram_used -= c->acct < d->dram_used ? c->acct : d->dram_used;
	for (int i = 0; i < MAX_OBJS; i++) {
		/* a CB still mapped by the process keeps its memory until munmap */
		if (c->objs[i].used && !c->objs[i].user_map)
			free_obj(&c->objs[i]);
	}
	free(c->cs);
	/* mapped objects are leaked on purpose: the process still maps them */
	c->d = NULL;
	free(c);
}

void sim_ctx_abort(struct sim_ctx *c)
{
	for (uint32_t i = 0; i < c->d->max_pending; i++) {
		struct csrec *r = &c->cs[i];

		if (r->state == CS_PENDING) {
			r->state = CS_DONE;
			r->rc = -EIO;
			r->staged_open = false;
			release_jobs(r);
		}
	}
	memset(c->regs, 0, sizeof(c->regs));
	c->reset_gen++;
}

uint64_t sim_ctx_dram(const struct sim_ctx *c)
{
	uint64_t n = c->acct;

	for (int i = 0; i < MAX_ALLOCS; i++)
		if (c->allocs[i].used)
			n += c->allocs[i].size;
	return n;
}

uint32_t sim_ctx_mappings(struct sim_ctx *c, struct hlk_user_mapping *m, uint32_t max)
{
	uint32_t n = 0;

	for (int i = 0; i < MAX_MAPS; i++) {
		if (!c->maps[i].used)
			continue;
		if (n < max) {
			m[n].dev_va = c->maps[i].va;
			m[n].size = c->maps[i].size;
		}
		n++;
	}
	return n;
}

/* ------------------------------------------------------------------ */
/* address translation                                                */
/* ------------------------------------------------------------------ */

static uint8_t *xlate(struct sim_ctx *c, uint64_t addr, uint64_t len)
{
	struct sim_device *d = c->d;

	if (addr + len < addr)
		return NULL;
	if (addr >= d->sram_base && addr + len <= d->sram_base + d->sram_size)
		return d->sram + (addr - d->sram_base);
	if (!gaudi2(d) && addr >= d->dram_user_base && addr + len <= d->dram_size)
		return d->dram + addr;
	for (int i = 0; i < MAX_MAPS; i++) {
		struct map *m = &c->maps[i];

		if (!m->used || addr < m->va || addr + len > m->va + m->size)
			continue;
		switch (m->kind) {
		case MAP_HOST:
			return m->host + (addr - m->va);
		case MAP_CB:
			return m->cb->mem + (addr - m->va);
		default:
			return d->dram + m->alloc->off + (addr - m->va);
		}
	}
	return NULL;
}

/* true if [va, va + size) is free; otherwise *next = end of a colliding map */
static bool va_free(struct sim_ctx *c, uint64_t va, uint64_t size, uint64_t *next)
{
	for (int i = 0; i < MAX_MAPS; i++) {
		struct map *m = &c->maps[i];

		if (m->used && va < m->va + m->size && m->va < va + size) {
			if (next)
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

/* pick a device VA: a usable hint, or the next free one */
static int pick_va(struct sim_ctx *c, bool dram, uint64_t hint, uint64_t size,
		   uint64_t align, bool force, uint64_t *out)
{
	struct sim_device *d = c->d;
	uint64_t lo = dram ? d->dram_user_base :
			     (gaudi2(d) ? HLK_GAUDI2_HOST_VA_START : HLK_GAUDI_HOST_VA_START);
	uint64_t hi = dram ? 0x1002000000000000ull :
			     (gaudi2(d) ? HLK_GAUDI2_HOST_VA_END : HLK_GAUDI_HOST_VA_END);
	uint64_t *next = dram ? &c->dram_va_next : &c->host_va_next;

	if (hint) {
		if (!(hint % align) && in_range(hint, size, lo, hi) &&
		    va_free(c, hint, size, NULL)) {
			*out = hint;
			return 0;
		}
		if (force)
			return -ENOMEM;
	}
	/* each step passes one whole mapping, so this ends after MAX_MAPS steps */
	*next = round_up(*next, align);
	for (int steps = 0;; steps++) {
		uint64_t skip;

		if (!in_range(*next, size, lo, hi) || steps > MAX_MAPS)
			return -ENOMEM;
		if (va_free(c, *next, size, &skip))
			break;
		*next = round_up(skip, align);
	}
	*out = *next;
	*next += round_up(size, align);
	return 0;
}

static struct map *new_map(struct sim_ctx *c)
{
	for (int i = 0; i < MAX_MAPS; i++)
		if (!c->maps[i].used) {
			memset(&c->maps[i], 0, sizeof(c->maps[i]));
			c->maps[i].used = true;
			return &c->maps[i];
		}
	return NULL;
}

/* ------------------------------------------------------------------ */
/* objects: command buffers and timestamp buffers                     */
/* ------------------------------------------------------------------ */

static struct obj *new_obj(struct sim_ctx *c, enum obj_kind kind, uint64_t size)
{
	char name[32];

	for (int i = 0; i < MAX_OBJS; i++) {
		struct obj *o = &c->objs[i];

		if (o->used)
			continue;
		memset(o, 0, sizeof(*o));
		o->len = (size_t)round_up(size ? size : 1, SIM_PAGE);
		snprintf(name, sizeof(name), "hla-sim-%s", kind == OBJ_CB ? "cb" : "ts");
		o->memfd = memfd_create(name, MFD_CLOEXEC);
		if (o->memfd < 0)
			return NULL;
		if (ftruncate(o->memfd, (off_t)o->len)) {
			sim_real_close(o->memfd);
			return NULL;
		}
		o->mem = sim_real_mmap(NULL, o->len, PROT_READ | PROT_WRITE, MAP_SHARED,
				       o->memfd, 0);
		if (o->mem == MAP_FAILED) {
			sim_real_close(o->memfd);
			o->mem = NULL;
			return NULL;
		}
		o->used = true;
		o->kind = kind;
		o->size = size;
		o->id = c->next_obj++;
		return o;
	}
	return NULL;
}

static struct obj *find_obj(struct sim_ctx *c, uint64_t handle, enum obj_kind kind)
{
	uint64_t type = kind == OBJ_CB ? HLK_MMAP_TYPE_CB : HLK_MMAP_TYPE_TS_BUFF;
	uint64_t id = (handle & ~HLK_MMAP_TYPE_MASK) >> PAGE_SHIFT;

	if ((handle & HLK_MMAP_TYPE_MASK) != type || !id)
		return NULL;
	for (int i = 0; i < MAX_OBJS; i++)
		if (c->objs[i].used && c->objs[i].kind == kind && c->objs[i].id == id)
			return &c->objs[i];
	return NULL;
}

static uint64_t obj_handle(const struct obj *o)
{
	return (o->kind == OBJ_CB ? HLK_MMAP_TYPE_CB : HLK_MMAP_TYPE_TS_BUFF) |
	       ((uint64_t)o->id << PAGE_SHIFT);
}

/* a destroyed object goes away once nothing uses it */
static void maybe_free_obj(struct sim_ctx *c, struct obj *o)
{
	if (!o->destroyed || o->user_map || o->usage)
		return;
	for (int i = 0; i < MAX_MAPS; i++)
		if (c->maps[i].used && c->maps[i].cb == o)
			c->maps[i].used = false;
	free_obj(o);
}

int sim_cb(struct sim_file *f, union hlk_cb_args *a)
{
	struct sim_ctx *c = f->ctx;
	struct sim_device *d = f->dev;
	struct obj *o;
	int ret = 0;

	pthread_mutex_lock(&sim_lock);
	if (!sim_operational(d)) {
		ret = -EBUSY;
		goto out;
	}
	switch (a->in.op) {
	case HLK_CB_OP_CREATE: {
		uint32_t size = a->in.cb_size, flags = a->in.flags;

		if (size > HLK_MAX_CB_SIZE) {
			ret = -EINVAL;
			break;
		}
		if ((flags & HLK_CB_FLAGS_MAP) && !gaudi2(d)) {
			ret = -ENOMEM;
			break;
		}
		o = new_obj(c, OBJ_CB, size < SIM_PAGE ? SIM_PAGE : size);
		if (!o) {
			ret = -ENOMEM;
			break;
		}
		if (flags & HLK_CB_FLAGS_MAP) {
			struct map *m = new_map(c);

			if (!m || pick_va(c, false, 0, o->len, SIM_PAGE, false, &o->va)) {
				if (m)
					m->used = false;
				free_obj(o);
				ret = -ENOMEM;
				break;
			}
			m->kind = MAP_CB;
			m->va = o->va;
			m->size = o->len;
			m->cb = o;
		}
		memset(a, 0, sizeof(*a));
		a->out.cb_handle = obj_handle(o);
		break;
	}
	case HLK_CB_OP_DESTROY:
		o = find_obj(c, a->in.cb_handle, OBJ_CB);
		if (!o || (o->destroyed && sim_iface == SIM_ACCEL)) {
			ret = -EINVAL;
			break;
		}
		memset(a, 0, sizeof(*a));
		if (o->destroyed)
			break; /* 6.1 has no guard against a second destroy */
		o->destroyed = true;
		maybe_free_obj(c, o);
		break;
	case HLK_CB_OP_INFO: {
		uint32_t flags = a->in.flags;

		o = find_obj(c, a->in.cb_handle, OBJ_CB);
		if (!o || o->destroyed) {
			ret = -EINVAL;
			break;
		}
		if ((flags & HLK_CB_FLAGS_GET_DEVICE_VA) && !o->va) {
			ret = -EINVAL;
			break;
		}
		memset(a, 0, sizeof(*a));
		if (flags & HLK_CB_FLAGS_GET_DEVICE_VA)
			a->out.device_va = o->va;
		else
			a->out.usage_cnt = o->usage;
		break;
	}
	default:
		ret = -EINVAL;
	}
out:
	pthread_mutex_unlock(&sim_lock);
	return ret;
}

void *sim_file_mmap(struct sim_file *f, void *addr, size_t len, int prot, int flags,
		    uint64_t off, int *err)
{
	struct sim_ctx *c = f->ctx;
	struct obj *o = NULL;
	void *p = MAP_FAILED;

	pthread_mutex_lock(&sim_lock);
	*err = EINVAL;
	switch (off & HLK_MMAP_TYPE_MASK) {
	case HLK_MMAP_TYPE_CB:
		o = find_obj(c, off, OBJ_CB);
		break;
	case HLK_MMAP_TYPE_TS_BUFF:
		o = find_obj(c, off, OBJ_TS);
		break;
	case HLK_MMAP_TYPE_BLOCK: {
		uint64_t idx = (off & ~HLK_MMAP_TYPE_MASK) >> PAGE_SHIFT;

		if (!gaudi2(f->dev) || idx >= NUM_BLOCKS || len != BLOCK_SIZE)
			break;
		/* stands in for the uncached register window */
		p = sim_real_mmap(addr, len, prot, (flags & ~MAP_SHARED) | MAP_PRIVATE |
							   MAP_ANONYMOUS, -1, 0);
		if (p == MAP_FAILED)
			*err = errno;
		else
			c->block_maps[idx] = p;
		break;
	}
	default:
		break;
	}
	if (o && !o->destroyed && !o->user_map && len == o->len) {
		p = sim_real_mmap(addr, len, prot, flags, o->memfd, 0);
		if (p == MAP_FAILED)
			*err = errno;
		else
			o->user_map = p;
	}
	pthread_mutex_unlock(&sim_lock);
	return p;
}

void sim_munmap_hook(void *addr, size_t len)
{
	(void)len;
	pthread_mutex_lock(&sim_lock);
	for (int i = 0; i < sim_ndev; i++) {
		struct sim_ctx *c = sim_devs[i].ctx;

		if (!c)
			continue;
		for (int k = 0; k < MAX_OBJS; k++)
			if (c->objs[k].used && c->objs[k].user_map == addr) {
				c->objs[k].user_map = NULL;
				maybe_free_obj(c, &c->objs[k]);
			}
		for (int k = 0; k < NUM_BLOCKS; k++)
			if (c->block_maps[k] == addr)
				c->block_maps[k] = NULL;
	}
	pthread_mutex_unlock(&sim_lock);
}

/* ------------------------------------------------------------------ */
/* memory                                                             */
/* ------------------------------------------------------------------ */

static struct alloc *find_alloc(struct sim_ctx *c, uint64_t handle)
{
	for (int i = 0; i < MAX_ALLOCS; i++)
		if (c->allocs[i].used && c->allocs[i].handle == handle)
			return &c->allocs[i];
	return NULL;
}

static struct map *find_map(struct sim_ctx *c, uint64_t va)
{
	for (int i = 0; i < MAX_MAPS; i++)
		if (c->maps[i].used && c->maps[i].va == va && c->maps[i].kind != MAP_CB)
			return &c->maps[i];
	return NULL;
}

static int mem_alloc(struct sim_ctx *c, union hlk_mem_args *a)
{
	struct sim_device *d = c->d;
	uint64_t size = a->in.alloc.mem_size, pages, total, run = 0, start = 0;
	struct alloc *al = NULL;

	if (!size)
		return -EINVAL;
	if (!gaudi2(d)) {
		/* Gaudi: accounting only, userspace owns DRAM addresses */
		if (size > d->dram_size - d->dram_user_base - d->dram_used)
			return -ENOMEM;
		d->dram_used += size;
		c->acct += size;
		memset(a, 0, sizeof(*a));
		a->out.handle = 0;
		return 0;
	}
	/*
	 * alloc_device_memory(): the page count is a round-up that may wrap,
	 * and a request that comes to zero bytes is refused (so UINT64_MAX
	 * and any size within a page of it give EINVAL).
	 */
	pages = (size + d->dram_page - 1) / d->dram_page;
	if (pages * d->dram_page == 0)
		return -EINVAL;
	total = d->dram_size / d->dram_page;
	/* page 0 belongs to the driver */
	for (uint64_t p = 1; p < total && run < pages; p++) {
		if (d->dram_pages_used[p]) {
			run = 0;
			continue;
		}
		if (!run)
			start = p;
		run++;
	}
	if (run < pages)
		return -ENOMEM;
	for (int i = 0; i < MAX_ALLOCS; i++)
		if (!c->allocs[i].used) {
			al = &c->allocs[i];
			break;
		}
	if (!al)
		return -ENOMEM;
	memset(al, 0, sizeof(*al));
	al->used = true;
	al->handle = c->next_handle++;
	al->off = start * d->dram_page;
	al->size = pages * d->dram_page;
	memset(d->dram_pages_used + start, 1, pages);
	d->dram_used += al->size;
	memset(a, 0, sizeof(*a));
	a->out.handle = al->handle;
	return 0;
}

static int mem_free(struct sim_ctx *c, union hlk_mem_args *a)
{
	struct sim_device *d = c->d;
	struct alloc *al;

	if (!gaudi2(d)) {
		uint64_t size = a->in.alloc.mem_size;

		if (size > c->acct)
			size = c->acct;
		c->acct -= size;
		d->dram_used -= size;
		memset(a, 0, sizeof(*a));
		return 0;
	}
	al = find_alloc(c, a->in.free.handle);
	if (!al || al->maps || al->exports)
		return -EINVAL;
	memset(d->dram_pages_used + al->off / d->dram_page, 0, al->size / d->dram_page);
	d->dram_used -= al->size;
	al->used = false;
	memset(a, 0, sizeof(*a));
	return 0;
}

static int mem_map(struct sim_ctx *c, union hlk_mem_args *a)
{
	struct sim_device *d = c->d;
	bool force = a->in.flags & HLK_MEM_FORCE_HINT;
	struct map *m;
	uint64_t va;
	int ret;

	if (a->in.flags & HLK_MEM_USERPTR) {
		uint64_t host = a->in.map_host.host_virt_addr;
		uint64_t size = a->in.map_host.mem_size, hint = a->in.map_host.hint_addr;
		uint64_t first = host & ~(SIM_PAGE - 1);
		uint64_t span = round_up(host + size, SIM_PAGE) - first;
		uint8_t probe;

		if (!size || host + size < host)
			return -EINVAL;
		/* pinning fails on memory the process does not have */
		if (sim_copy_from_user(&probe, host, 1) ||
		    sim_copy_from_user(&probe, host + size - 1, 1))
			return -EFAULT;
		if (hint && force && (host & (SIM_PAGE - 1)))
			return -EINVAL;
		m = new_map(c);
		if (!m)
			return -ENOMEM;
		ret = pick_va(c, false, hint, span, SIM_PAGE, force, &va);
		if (ret) {
			m->used = false;
			memset(a, 0, sizeof(*a));
			return ret;
		}
		m->kind = MAP_HOST;
		m->va = va + (host - first);
		m->size = size;
		m->host = (uint8_t *)(uintptr_t)host;
		memset(a, 0, sizeof(*a));
		a->out.device_virt_addr = m->va;
		return 0;
	}
	if (!gaudi2(d))
		return -EINVAL;
	{
		struct alloc *al = find_alloc(c, a->in.map_device.handle);
		uint64_t hint = a->in.map_device.hint_addr;

		if (!al)
			return -EINVAL;
		m = new_map(c);
		if (!m)
			return -ENOMEM;
		ret = pick_va(c, true, hint, al->size, d->dram_page, force, &va);
		if (ret) {
			m->used = false;
			memset(a, 0, sizeof(*a));
			return ret;
		}
		m->kind = MAP_DRAM;
		m->va = va;
		m->size = al->size;
		m->alloc = al;
		al->maps++;
		memset(a, 0, sizeof(*a));
		a->out.device_virt_addr = va;
	}
	return 0;
}

static int mem_unmap(struct sim_ctx *c, union hlk_mem_args *a)
{
	struct map *m = find_map(c, a->in.unmap.device_virt_addr);

	if (!m)
		return -EINVAL;
	if (m->kind == MAP_DRAM) {
		/* an exported mapping is pinned until the dma-buf goes */
		if (m->alloc->exports && sim_iface == SIM_ACCEL)
			return -EINVAL;
		m->alloc->maps--;
	}
	m->used = false;
	memset(a, 0, sizeof(*a));
	return 0;
}

static const uint64_t block_addrs[NUM_BLOCKS] = {
	HLK_GAUDI2_CFG_BASE + 0x04E00000ull, /* DCORE0 sync manager */
	HLK_GAUDI2_CFG_BASE + 0x05E00000ull, /* DCORE1 sync manager */
	HLK_GAUDI2_CFG_BASE + 0x06E00000ull, /* DCORE2 sync manager */
	HLK_GAUDI2_CFG_BASE + 0x07E00000ull, /* DCORE3 sync manager */
};

static int mem_map_block(struct sim_ctx *c, union hlk_mem_args *a)
{
	uint64_t addr = a->in.map_block.block_addr;

	if (!gaudi2(c->d))
		return -EPERM;
	for (uint64_t i = 0; i < NUM_BLOCKS; i++)
		if (block_addrs[i] == addr) {
			memset(a, 0, sizeof(*a));
			a->out.block_handle = HLK_MMAP_TYPE_BLOCK | (i << PAGE_SHIFT);
			a->out.block_size = BLOCK_SIZE;
			return 0;
		}
	return -EINVAL;
}

static int mem_export(struct sim_ctx *c, union hlk_mem_args *a)
{
	struct sim_device *d = c->d;
	uint64_t addr = a->in.export_dmabuf_fd.addr, size = a->in.export_dmabuf_fd.mem_size;
	uint64_t offset = sim_iface == SIM_ACCEL ? a->in.export_dmabuf_fd.offset : 0;
	uint32_t flags = a->in.flags;
	struct sim_dmabuf *b;
	struct alloc *al = NULL;
	uint64_t base;
	char path[64];
	int fd;

	if (!gaudi2(d)) {
		/* Gaudi: a DRAM physical address range */
		if (offset || (addr & (SIM_PAGE - 1)) || size < SIM_PAGE ||
		    (sim_iface == SIM_ACCEL && (size & (SIM_PAGE - 1))) ||
		    addr < d->dram_user_base || addr + size < addr || addr + size > d->dram_size)
			return -EINVAL;
		base = addr;
	} else {
		struct map *m;

		if (sim_iface == SIM_LEGACY)
			return -EOPNOTSUPP; /* 6.1.y exports physical addresses only */
		m = find_map(c, addr);
		if (!m || m->kind != MAP_DRAM || (addr & (SIM_PAGE - 1)) || !size ||
		    (size & (SIM_PAGE - 1)) || (offset & (SIM_PAGE - 1)) ||
		    offset + size < offset || offset + size > m->alloc->size)
			return -EINVAL;
		al = m->alloc;
		base = al->off + offset;
	}
	b = calloc(1, sizeof(*b));
	if (!b)
		return -ENOMEM;
	snprintf(path, sizeof(path), "/proc/self/fd/%d", d->dram_fd);
	fd = sim_real_open(path, (int)(flags & (O_ACCMODE | O_CLOEXEC)), 0);
	if (fd < 0) {
		free(b);
		return -errno;
	}
	b->d = d;
	b->alloc = al;
	b->base = base;
	b->size = size;
	if (al)
		al->exports++;
	sim_hold(d);
	sim_fd_set_dmabuf(fd, b);
	memset(a, 0, sizeof(*a));
	a->out.fd = fd;
	return 0;
}

void *sim_dmabuf_mmap(struct sim_dmabuf *b, int fd, void *addr, size_t len,
		      int prot, int flags, uint64_t off, int *err)
{
	void *p;

	if (off & (SIM_PAGE - 1) || !len || off + len > round_up(b->size, SIM_PAGE) ||
	    off + len < off) {
		*err = EINVAL;
		return MAP_FAILED;
	}
	p = sim_real_mmap(addr, len, prot, flags, fd, (off_t)(b->base + off));
	if (p == MAP_FAILED)
		*err = errno;
	return p;
}

void sim_dmabuf_close(struct sim_dmabuf *b)
{
	pthread_mutex_lock(&sim_lock);
	if (b->alloc && b->alloc->exports)
		b->alloc->exports--;
	sim_unhold(b->d);
	sim_notify();
	pthread_mutex_unlock(&sim_lock);
	free(b);
}

static int ts_alloc(struct sim_ctx *c, union hlk_mem_args *a)
{
	uint32_t n = a->in.num_of_elements;
	struct obj *o;

	if (!n || n > HLK_TS_MAX_ELEMENTS_NUM)
		return -EINVAL;
	o = new_obj(c, OBJ_TS, (uint64_t)n * 8);
	if (!o)
		return -ENOMEM;
	memset(a, 0, sizeof(*a));
	a->out.handle = obj_handle(o);
	return 0;
}

int sim_mem(struct sim_file *f, union hlk_mem_args *a)
{
	struct sim_ctx *c = f->ctx;
	int ret;

	pthread_mutex_lock(&sim_lock);
	if (!sim_operational(f->dev)) {
		ret = -EBUSY;
		goto out;
	}
	switch (a->in.op) {
	case HLK_MEM_OP_ALLOC:
		ret = mem_alloc(c, a);
		break;
	case HLK_MEM_OP_FREE:
		ret = mem_free(c, a);
		break;
	case HLK_MEM_OP_MAP:
		ret = mem_map(c, a);
		break;
	case HLK_MEM_OP_UNMAP:
		ret = mem_unmap(c, a);
		break;
	case HLK_MEM_OP_MAP_BLOCK:
		ret = mem_map_block(c, a);
		break;
	case HLK_MEM_OP_EXPORT_DMABUF_FD:
		ret = mem_export(c, a);
		if (ret)
			a->out.fd = -EBADF;
		break;
	case HLK_MEM_OP_TS_ALLOC:
		ret = ts_alloc(c, a);
		break;
	default:
		ret = -EINVAL;
	}
out:
	pthread_mutex_unlock(&sim_lock);
	return ret;
}

/* ------------------------------------------------------------------ */
/* packets                                                            */
/* ------------------------------------------------------------------ */

static uint32_t rd32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[3] << 24;
}

static uint64_t rd64(const uint8_t *p)
{
	return rd32(p) | (uint64_t)rd32(p + 4) << 32;
}

static uint32_t pkt_size(uint32_t op, const uint8_t *p, uint32_t left)
{
	switch (op) {
	case HLK_PACKET_WREG_32: case HLK_PACKET_MSG_SHORT: case HLK_PACKET_REPEAT:
	case HLK_PACKET_FENCE: case HLK_PACKET_NOP: case HLK_PACKET_STOP:
	case HLK_PACKET_ARB_POINT: case HLK_PACKET_WAIT:
		return 8;
	case HLK_PACKET_WREG_BULK:
		return left >= 8 ? 8 + 8 * (rd32(p) & 0xFFFF) : 0;
	case HLK_PACKET_MSG_LONG: case HLK_PACKET_CP_DMA: case HLK_PACKET_MSG_PROT:
	case HLK_PACKET_LOAD_AND_EXE:
		return 16;
	case HLK_PACKET_LIN_DMA: case HLK_PACKET_CB_LIST:
		return 24;
	default:
		return 0;
	}
}

/*
 * Check a CB before it runs.  external: the Gaudi parser for external
 * queues (EINVAL for bad or overrunning packets, EPERM for packets users
 * may not send there).  Then everything the simulator does not execute is
 * refused with EOPNOTSUPP.
 */
static int parse(struct sim_device *d, const uint8_t *code, uint32_t len, bool external)
{
	uint32_t at = 0;

	while (at < len) {
		uint32_t ctl, op, sz;

		if (len - at < 8)
			return -EINVAL;
		ctl = rd32(code + at + 4);
		op = (ctl & HLK_PKT_CTL_OPCODE_MASK) >> HLK_PKT_CTL_OPCODE_SHIFT;
		sz = pkt_size(op, code + at, len - at);
		if (!sz || (!gaudi2(d) && (op == HLK_PACKET_CB_LIST || op > HLK_PACKET_LOAD_AND_EXE)))
			return -EINVAL;
		if (sz > len - at)
			return -EINVAL;
		if (external) {
			if (op == HLK_PACKET_MSG_PROT || op == HLK_PACKET_CP_DMA ||
			    op == HLK_PACKET_STOP || op == HLK_PACKET_WREG_BULK)
				return -EPERM;
			if (op == HLK_PACKET_WAIT)
				return -EINVAL;
		}
		switch (op) {
		case HLK_PACKET_LIN_DMA:
			if (!gaudi2(d) && !(ctl & HLK_LIN_DMA_GAUDI_LIN))
				return -EOPNOTSUPP; /* only linear transfers are modelled */
			break;
		case HLK_PACKET_MSG_LONG:
			if (ctl & HLK_MSG_CTL_OP_MASK)
				return -EOPNOTSUPP; /* timestamp writes */
			break;
		case HLK_PACKET_MSG_SHORT: {
			uint32_t base = (ctl & HLK_MSG_SHORT_BASE_MASK) >> HLK_MSG_SHORT_BASE_SHIFT;

			/* only sync-object writes are modelled */
			if (base != (gaudi2(d) ? 1u : 3u))
				return -EOPNOTSUPP;
			break;
		}
		case HLK_PACKET_FENCE:
			if (rd32(code + at) & HLK_FENCE_TARGET_VAL_MASK)
				return -EOPNOTSUPP; /* nothing feeds fence counters */
			break;
		case HLK_PACKET_NOP:
		case HLK_PACKET_STOP:
			break;
		default:
			return -EOPNOTSUPP;
		}
		at += sz;
	}
	return 0;
}

static void page_fault(struct sim_device *d, uint64_t addr)
{
	d->rec_page_fault.timestamp = sim_now();
	d->rec_page_fault.addr = addr;
	d->rec_razwi.timestamp = d->rec_page_fault.timestamp;
	d->rec_razwi.addr = addr;
	d->rec_razwi.num_of_possible_engines = 1;
	d->rec_razwi.engine_id[0] = gaudi2(d) ? 45 : 0; /* PDMA_0 / DMA_0 */
	d->rec_razwi.flags = HLK_RAZWI_HBW;
	sim_raise(d, HLK_NOTIFIER_EVENT_PAGE_FAULT | HLK_NOTIFIER_EVENT_RAZWI |
			     HLK_NOTIFIER_EVENT_GENERAL_HW_ERR);
}

/* run one job; 0 or -EIO after a page fault */
static int run_job(struct sim_ctx *c, const struct job *j)
{
	struct sim_device *d = c->d;
	uint32_t at = 0;

	while (at < j->len) {
		const uint8_t *p = j->code + at;
		uint32_t ctl = rd32(p + 4);
		uint32_t op = (ctl & HLK_PKT_CTL_OPCODE_MASK) >> HLK_PKT_CTL_OPCODE_SHIFT;
		uint32_t sz = pkt_size(op, p, j->len - at);

		if (!sz || sz > j->len - at)
			return -EIO; /* cannot happen with a checked snapshot */
		switch (op) {
		case HLK_PACKET_LIN_DMA: {
			uint32_t n = rd32(p);
			uint64_t src = rd64(p + 8), dst = rd64(p + 16);
			bool set = gaudi2(d) ? ctl & HLK_LIN_DMA_GAUDI2_MEMSET :
					       ctl & HLK_LIN_DMA_GAUDI_MEMSET;
			uint8_t *to, *from = NULL;

			if (!gaudi2(d))
				dst &= 0x00FFFFFFFFFFFFFFull;
			to = xlate(c, dst, n);
			if (!set)
				from = xlate(c, src, n);
			if (!to || (!set && !from)) {
				page_fault(d, to ? src : dst);
				return -EIO;
			}
			if (set) {
				uint8_t pat[8];

				for (int i = 0; i < 8; i++)
					pat[i] = (uint8_t)(src >> (8 * i));
				if (pat[0] == pat[1] && !memcmp(pat, pat + 1, 7)) {
					memset(to, pat[0], n);
				} else {
					for (uint32_t i = 0; i < n; i++)
						to[i] = pat[i & 7];
				}
			} else {
				memmove(to, from, n);
			}
			break;
		}
		case HLK_PACKET_MSG_LONG: {
			uint64_t addr = rd64(p + 8);
			uint8_t *to = xlate(c, addr, 4);
			uint32_t v = rd32(p);

			if (!to) {
				page_fault(d, addr);
				return -EIO;
			}
			memcpy(to, &v, 4);
			break;
		}
		case HLK_PACKET_MSG_SHORT: {
			uint32_t idx = (ctl & HLK_MSG_SHORT_ADDR_OFFSET_MASK) / 4;
			uint32_t v = rd32(p);

			if (idx < HLK_GAUDI_QUEUE_ID_SIZE) {
				if (v & (1u << 31))
					d->sob[idx] += v & 0x7FFF;
				else
					d->sob[idx] = v & 0x7FFF;
			}
			break;
		}
		case HLK_PACKET_STOP:
			return 0;
		default:
			break; /* NOP, satisfied FENCE */
		}
		at += sz;
	}
	return 0;
}

static void check_regs(struct sim_ctx *c)
{
	for (int i = 0; i < MAX_REGS; i++) {
		struct reg *r = &c->regs[i];
		uint64_t v;

		if (!r->used)
			continue;
		memcpy(&v, r->cq->mem + r->idx * 8, 8);
		if (v >= r->target) {
			uint64_t now = (uint64_t)sim_now();

			memcpy(r->ts->mem + r->ts_idx * 8, &now, 8);
			r->used = false;
		}
	}
}

static void complete(struct sim_ctx *c, struct csrec *r, int rc)
{
	struct sim_device *d = c->d;

	r->rc = rc;
	r->ts = sim_now();
	r->state = CS_DONE;
	if (!rc && r->type == HLK_CS_FLAGS_SIGNAL && r->queue < HLK_GAUDI_QUEUE_ID_SIZE)
		d->sob[r->queue]++;
	release_jobs(r);
	for (int i = 0; i < MAX_OBJS; i++)
		if (c->objs[i].used && c->objs[i].destroyed)
			maybe_free_obj(c, &c->objs[i]);
	check_regs(c);
	if (!rc && sim_fault_cs('w', r->nr)) {
		d->rec_hw_err.timestamp = sim_now();
		d->rec_hw_err.event_id = 1;
		sim_raise(d, HLK_NOTIFIER_EVENT_GENERAL_HW_ERR);
	}
	sim_notify();
}

static bool queue_stalled(struct sim_ctx *c, const struct csrec *r)
{
	/* Gaudi2 PDMA_0 (engine 45) serves queues 0-3, PDMA_1 (46) queues 4-7 */
	for (uint32_t i = 0; i < r->njobs; i++) {
		uint32_t q = r->jobs[i].queue;

		if (q < 4 && (c->stalled[0] >> 45 & 1))
			return true;
		if (q >= 4 && q < 8 && (c->stalled[0] >> 46 & 1))
			return true;
	}
	return false;
}

/* watchdog: lock held */
static void watchdog(struct sim_ctx *c)
{
	struct sim_device *d = c->d;
	int64_t now = sim_now();

	for (uint32_t i = 0; i < d->max_pending; i++) {
		struct csrec *r = &c->cs[i];

		if (r->state != CS_PENDING || r->staged_open || !r->deadline ||
		    now < r->deadline)
			continue;
		d->rec_cs_timeout.timestamp = now;
		d->rec_cs_timeout.seq = r->seq;
		complete(c, r, -ETIMEDOUT);
		if (r->skip_reset) {
			sim_raise(d, HLK_NOTIFIER_EVENT_CS_TIMEOUT);
		} else {
			sim_raise(d, HLK_NOTIFIER_EVENT_CS_TIMEOUT);
			sim_reset(d, false);
		}
		return; /* the reset may have changed everything */
	}
}

static void *device_thread(void *arg)
{
	struct sim_device *d = arg;

	pthread_mutex_lock(&sim_lock);
	for (;;) {
		struct sim_ctx *c = d->ctx;
		struct csrec *next = NULL;

		if (c && c->d) {
			watchdog(c);
			for (uint32_t i = 0; i < d->max_pending; i++) {
				struct csrec *r = &c->cs[i];

				if (r->state == CS_PENDING && !r->hung && !r->staged_open &&
				    !queue_stalled(c, r) && (!next || r->seq < next->seq))
					next = r;
			}
		}
		if (next) {
			int rc = 0;

			for (uint32_t i = 0; i < next->njobs && !rc; i++)
				rc = run_job(c, &next->jobs[i]);
			complete(c, next, rc);
			continue;
		}
		{
			struct timespec ts;
			int64_t t = sim_now() + 20 * 1000000;

			ts.tv_sec = t / 1000000000;
			ts.tv_nsec = t % 1000000000;
			pthread_cond_timedwait(&sim_cond, &sim_lock, &ts);
		}
	}
	return NULL;
}

/* ------------------------------------------------------------------ */
/* command submission                                                 */
/* ------------------------------------------------------------------ */

static bool queue_valid(struct sim_device *d, uint32_t q)
{
	if (q >= d->num_queues)
		return false;
	if (gaudi2(d))
		return q != HLK_GAUDI2_QUEUE_ID_CPU_PQ && !(q >= HLK_GAUDI2_QUEUE_ID_NIC_0_0 &&
							    q < HLK_GAUDI2_QUEUE_ID_ROT_0_0);
	/* Gaudi: the CPU queue is the driver's, NIC queues are disabled upstream */
	return q != HLK_GAUDI_QUEUE_ID_CPU_PQ && q < HLK_GAUDI_QUEUE_ID_NIC_0_0;
}

static bool external(struct sim_device *d, uint32_t q)
{
	return !gaudi2(d) && q <= HLK_GAUDI_QUEUE_ID_DMA_1_3;
}

static struct obj *cb_at(struct sim_ctx *c, uint64_t va)
{
	for (int i = 0; i < MAX_MAPS; i++)
		if (c->maps[i].used && c->maps[i].kind == MAP_CB && va >= c->maps[i].va &&
		    va < c->maps[i].va + c->maps[i].size)
			return c->maps[i].cb;
	return NULL;
}

/* validate the chunks and turn them into jobs */
static int build_jobs(struct sim_ctx *c, const struct hlk_cs_chunk *ch, uint32_t n,
		      struct job **out, bool *has_completion)
{
	struct sim_device *d = c->d;
	struct job *jobs = calloc(n ? n : 1, sizeof(*jobs));
	int ret = 0;

	if (!jobs)
		return -ENOMEM;
	*has_completion = false;
	for (uint32_t i = 0; i < n && !ret; i++) {
		uint32_t q = ch[i].queue_index;
		bool user = ch[i].cs_chunk_flags & HLK_CS_CHUNK_FLAGS_USER_ALLOC_CB;
		struct job *j = &jobs[i];

		if (!queue_valid(d, q)) {
			ret = -EINVAL;
			break;
		}
		j->queue = q;
		if (gaudi2(d) && !user) {
			ret = -EINVAL; /* H/W queues take user CBs only */
			break;
		}
		if (external(d, q) && !user) {
			struct obj *o = find_obj(c, ch[i].cb_handle, OBJ_CB);

			if (!o || o->destroyed || ch[i].cb_size < 8 || ch[i].cb_size > o->len) {
				ret = -EINVAL;
				break;
			}
			ret = parse(d, o->mem, ch[i].cb_size, true);
			if (ret) {
				d->cs_counters.total_parsing_drop_cnt++;
				d->cs_counters.ctx_parsing_drop_cnt++;
				break;
			}
			/* the driver runs a patched copy of the user's CB */
			j->copy = malloc(ch[i].cb_size);
			if (!j->copy) {
				ret = -ENOMEM;
				break;
			}
			memcpy(j->copy, o->mem, ch[i].cb_size);
			j->code = j->copy;
			j->len = ch[i].cb_size;
			j->cb = o;
			o->usage++;
			*has_completion = true;
			continue;
		}
		if (external(d, q)) {
			ret = -EINVAL;
			break;
		}
		/*
		 * A CB given by device address.  The device runs a snapshot
		 * taken now: a CB rewritten later (by the CPU, or by one of its
		 * own packets) cannot turn a checked packet stream into one
		 * that does not end.
		 */
		{
			const uint8_t *src = xlate(c, ch[i].cb_handle, ch[i].cb_size);

			if (!src || !ch[i].cb_size) {
				ret = -EFAULT;
				break;
			}
			j->copy = malloc(ch[i].cb_size);
			if (!j->copy) {
				ret = -ENOMEM;
				break;
			}
			memcpy(j->copy, src, ch[i].cb_size);
		}
		j->code = j->copy;
		ret = parse(d, j->code, ch[i].cb_size, false);
		if (ret)
			break;
		j->len = ch[i].cb_size;
		j->cb = cb_at(c, ch[i].cb_handle);
		if (j->cb)
			j->cb->usage++;
		if (gaudi2(d))
			*has_completion = true;
	}
	if (ret) {
		for (uint32_t i = 0; i < n; i++) {
			if (jobs[i].cb && jobs[i].cb->usage)
				jobs[i].cb->usage--;
			free(jobs[i].copy);
		}
		free(jobs);
		return ret;
	}
	*out = jobs;
	return 0;
}

static void cs_out(union hlk_cs_args *a, int rc, uint64_t seq)
{
	memset(a, 0, sizeof(*a));
	a->out.seq = seq;
	a->out.status = (uint32_t)rc;
}

static struct csrec *slot(struct sim_ctx *c, uint64_t seq)
{
	return &c->cs[seq & (c->d->max_pending - 1)];
}

static int new_cs(struct sim_ctx *c, union hlk_cs_args *a, bool *copy_back,
		  struct csrec **out)
{
	struct csrec *r = slot(c, c->next_seq);
	uint32_t flags = a->in.cs_flags;

	if (r->state == CS_PENDING) {
		c->d->cs_counters.total_max_cs_in_flight_drop_cnt++;
		c->d->cs_counters.ctx_max_cs_in_flight_drop_cnt++;
		*copy_back = false; /* the kernel leaves the arguments alone */
		return -EAGAIN;
	}
	release_jobs(r);
	memset(r, 0, sizeof(*r));
	r->seq = c->next_seq++;
	r->state = CS_PENDING;
	r->want_ts = flags & HLK_CS_FLAGS_TIMESTAMP;
	r->skip_reset = flags & HLK_CS_FLAGS_SKIP_RESET_ON_TIMEOUT;
	r->deadline = sim_now() + (int64_t)((flags & HLK_CS_FLAGS_CUSTOM_TIMEOUT) ?
						    a->in.timeout : c->d->tdr_s) *
					  1000000000;
	if ((flags & HLK_CS_FLAGS_CUSTOM_TIMEOUT) && !a->in.timeout)
		r->deadline = sim_now();
	r->nr = sim_fault_cs_submitted();
	if (c->d->hang_next > 0 || sim_fault_cs('h', r->nr)) {
		if (c->d->hang_next > 0)
			c->d->hang_next--;
		r->hung = true;
	}
	*out = r;
	return 0;
}

static int cs_locked(struct sim_file *f, union hlk_cs_args *a, bool *copy_back)
{
	struct sim_ctx *c = f->ctx;
	struct sim_device *d = f->dev;
	uint32_t flags = a->in.cs_flags, type;
	struct hlk_cs_chunk *chunks = NULL;
	uint32_t n = a->in.num_chunks_execute;
	struct csrec *r;
	struct job *jobs = NULL;
	bool completion;
	int ret;

	if (sim_iface == SIM_ACCEL && (a->in.pad[0] | a->in.pad[1] | a->in.pad[2] | a->in.pad[3]))
		return -EINVAL;
	if (sim_iface == SIM_LEGACY)
		/* 6.1 does not know these types and ignores the bits */
		flags &= ~(HLK_CS_FLAGS_ENGINES_COMMAND | HLK_CS_FLAGS_FLUSH_PCI_HBW_WRITES);
	if (!sim_operational(d)) {
		d->cs_counters.total_device_in_reset_drop_cnt++;
		d->cs_counters.ctx_device_in_reset_drop_cnt++;
		return -EBUSY;
	}
	if ((flags & HLK_CS_FLAGS_STAGED_SUBMISSION) && gaudi2(d))
		return -EPERM;
	type = flags & HLK_CS_FLAGS_TYPE_MASK;
	if (type & (type - 1))
		return -EINVAL;

	switch (type) {
	case HLK_CS_FLAGS_ENGINE_CORE_COMMAND:
		if (!gaudi2(d))
			return -EINVAL; /* no engine cores */
		return -EOPNOTSUPP;    /* ARC cores are not modelled */
	case HLK_CS_FLAGS_ENGINES_COMMAND: {
		uint32_t ids[128], cnt = a->in.num_engines, cmd = a->in.engine_command;

		if (!gaudi2(d))
			return -EPERM;
		if (!cnt || cnt > 79 || (cmd != HLK_ENGINE_STALL && cmd != HLK_ENGINE_RESUME))
			return -EINVAL;
		if (sim_copy_from_user(ids, a->in.engines, cnt * 4))
			return -EFAULT;
		for (uint32_t i = 0; i < cnt; i++)
			if (ids[i] >= 79)
				return -EINVAL;
		for (uint32_t i = 0; i < cnt; i++) {
			if (cmd == HLK_ENGINE_STALL)
				c->stalled[ids[i] / 64] |= 1ull << (ids[i] % 64);
			else
				c->stalled[ids[i] / 64] &= ~(1ull << (ids[i] % 64));
		}
		sim_notify();
		cs_out(a, 0, UINT64_MAX);
		return 0;
	}
	case HLK_CS_FLAGS_FLUSH_PCI_HBW_WRITES:
		if (!gaudi2(d))
			return -EOPNOTSUPP;
		/* simulated writes are never posted: nothing is pending */
		cs_out(a, 0, UINT64_MAX);
		return 0;
	case HLK_CS_FLAGS_RESERVE_SIGNALS_ONLY: {
		uint32_t q = a->in.encaps_signals_q_idx, cnt = a->in.encaps_signals_count;
		struct resv *rv = NULL;

		if (gaudi2(d))
			return -EOPNOTSUPP;
		if (cnt >= HLK_MAX_SOB_VAL || q > HLK_GAUDI_QUEUE_ID_DMA_1_3)
			return -EINVAL;
		for (int i = 0; i < MAX_RESV; i++)
			if (!c->resv[i].used) {
				rv = &c->resv[i];
				break;
			}
		if (!rv)
			return -ENOMEM;
		rv->used = true;
		rv->id = c->next_resv++;
		rv->queue = q;
		rv->count = cnt;
		rv->sob_at_reserve = d->sob[q];
		d->sob[q] += cnt;
		memset(a, 0, sizeof(*a));
		a->out.handle_id = rv->id;
		a->out.count = d->sob[q];
		a->out.sob_base_addr_offset = q * 8;
		return 0;
	}
	case HLK_CS_FLAGS_UNRESERVE_SIGNALS_ONLY:
		if (gaudi2(d))
			return -EOPNOTSUPP;
		for (int i = 0; i < MAX_RESV; i++) {
			struct resv *rv = &c->resv[i];

			if (rv->used && rv->id == a->in.encaps_sig_handle_id) {
				if (d->sob[rv->queue] != rv->sob_at_reserve + rv->count)
					return -EINVAL; /* someone signalled since */
				d->sob[rv->queue] = rv->sob_at_reserve;
				rv->used = false;
				cs_out(a, 0, UINT64_MAX);
				return 0;
			}
		}
		return -EINVAL;
	case HLK_CS_FLAGS_COLLECTIVE_WAIT:
		if (gaudi2(d))
			return -EOPNOTSUPP;
		return -EINVAL; /* needs NIC ports, which upstream Gaudi has not */
	case HLK_CS_FLAGS_SIGNAL:
	case HLK_CS_FLAGS_WAIT: {
		struct hlk_cs_chunk ch;

		if (gaudi2(d))
			return -EOPNOTSUPP;
		if (n != 1)
			return -EINVAL;
		if (sim_copy_from_user(&ch, a->in.chunks_execute, sizeof(ch)))
			return -EFAULT;
		if (ch.queue_index > HLK_GAUDI_QUEUE_ID_DMA_1_3)
			return -EINVAL;
		if (type == HLK_CS_FLAGS_WAIT) {
			uint64_t sig;
			struct csrec *s;

			if (flags & HLK_CS_FLAGS_ENCAP_SIGNALS) {
				sig = ch.encaps_signal_seq;
			} else {
				if (ch.num_signal_seq_arr != 1)
					return -EINVAL;
				if (sim_copy_from_user(&sig, ch.signal_seq_arr, 8))
					return -EFAULT;
			}
			if (!sig || sig >= c->next_seq)
				return -EINVAL;
			s = slot(c, sig);
			if (s->seq != sig || s->state != CS_PENDING) {
				/* already signalled: nothing to wait for */
				cs_out(a, 0, UINT64_MAX);
				return 0;
			}
			if (!(flags & HLK_CS_FLAGS_ENCAP_SIGNALS) &&
			    s->type != HLK_CS_FLAGS_SIGNAL)
				return -EINVAL;
		}
		ret = new_cs(c, a, copy_back, &r);
		if (ret)
			return ret;
		r->type = type;
		r->queue = ch.queue_index;
		{
			uint32_t before = d->sob[ch.queue_index];

			cs_out(a, 0, r->seq);
			a->out.sob_base_addr_offset = ch.queue_index * 8;
			a->out.sob_count_before_submission = (uint16_t)before;
		}
		sim_notify();
		return 0;
	}
	default:
		break;
	}

	/* a default (execute) CS */
	if ((flags & HLK_CS_FLAGS_STAGED_SUBMISSION) &&
	    !(flags & HLK_CS_FLAGS_STAGED_SUBMISSION_FIRST)) {
		/* a later part of a staged submission */
		r = slot(c, a->in.seq);
		if (r->seq != a->in.seq || r->state != CS_PENDING || !r->staged_open)
			return -EINVAL;
	} else {
		r = NULL;
	}
	if (!n || n > HLK_MAX_JOBS_PER_CS)
		return -EINVAL;
	chunks = malloc(n * sizeof(*chunks));
	if (!chunks)
		return -ENOMEM;
	if (sim_copy_from_user(chunks, a->in.chunks_execute, n * sizeof(*chunks))) {
		free(chunks);
		return -EFAULT;
	}
	ret = build_jobs(c, chunks, n, &jobs, &completion);
	free(chunks);
	if (ret) {
		d->cs_counters.total_validation_drop_cnt++;
		d->cs_counters.ctx_validation_drop_cnt++;
		return ret;
	}
	if (!completion && !((flags & HLK_CS_FLAGS_STAGED_SUBMISSION) &&
			     !(flags & HLK_CS_FLAGS_STAGED_SUBMISSION_LAST))) {
		free(jobs);
		return -EINVAL; /* internal queues only: nothing would complete it */
	}
	if (!r) {
		ret = new_cs(c, a, copy_back, &r);
		if (ret) {
			for (uint32_t i = 0; i < n; i++) {
				if (jobs[i].cb)
					jobs[i].cb->usage--;
				free(jobs[i].copy);
			}
			free(jobs);
			return ret;
		}
		r->jobs = jobs;
		r->njobs = n;
		r->staged_open = (flags & HLK_CS_FLAGS_STAGED_SUBMISSION) &&
				 !(flags & HLK_CS_FLAGS_STAGED_SUBMISSION_LAST);
	} else {
		struct job *all = realloc(r->jobs, (r->njobs + n) * sizeof(*all));

		if (!all) {
			free(jobs);
			return -ENOMEM;
		}
		memcpy(all + r->njobs, jobs, n * sizeof(*jobs));
		free(jobs);
		r->jobs = all;
		r->njobs += n;
		if (flags & HLK_CS_FLAGS_STAGED_SUBMISSION_LAST)
			r->staged_open = false;
	}
	{
		uint64_t seq = r->seq;

		cs_out(a, 0, seq);
		a->out.sob_count_before_submission = 0;
	}
	if (sim_fault_cs('r', r->nr))
		sim_reset(d, true);
	sim_notify();
	return 0;
}

int sim_cs(struct sim_file *f, union hlk_cs_args *a, bool *copy_back)
{
	int ret;

	pthread_mutex_lock(&sim_lock);
	ret = cs_locked(f, a, copy_back);
	if (ret && *copy_back)
		cs_out(a, ret, UINT64_MAX);
	pthread_mutex_unlock(&sim_lock);
	return ret;
}

/* ------------------------------------------------------------------ */
/* waits                                                              */
/* ------------------------------------------------------------------ */

/*
 * Sleep until woken or until deadline: 1 to re-check, 0 once the deadline
 * has passed, -EINTR when a signal handler ran (the driver's waits are
 * interruptible and report EINTR, see hl_wait_ioctl()).  User memory is
 * re-read at least every 20 ms: nothing tells the simulator it changed.
 */
static int sleep_until(int64_t deadline)
{
	int r;

	if (sim_now() >= deadline)
		return 0;
	r = sim_waitq_sleep(&sim_waiters, &sim_lock, deadline, 20 * 1000000);
	return r ? r : 1;
}

static int64_t deadline_of(uint64_t us)
{
	if (us >= HLK_WAIT_FOREVER / 1000)
		return INT64_MAX;
	return sim_now() + (int64_t)us * 1000;
}

static void wait_out(union hlk_wait_cs_args *a, uint32_t status, uint32_t flags,
		     int64_t ts, uint32_t map)
{
	memset(a, 0, sizeof(*a));
	a->out.status = status;
	a->out.flags = flags;
	a->out.timestamp_nsec = ts;
	a->out.cs_completion_map = map;
}

static int wait_single(struct sim_ctx *c, union hlk_wait_cs_args *a)
{
	uint64_t seq = a->in.seq;
	int64_t dl = deadline_of(a->in.timeout_us);
	struct csrec *r;
	int slept;

	if (!seq || seq >= c->next_seq) {
		wait_out(a, 0, 0, 0, 0);
		return -EINVAL;
	}
	for (;;) {
		r = slot(c, seq);
		if (r->seq != seq) {
			wait_out(a, HLK_WAIT_CS_STATUS_COMPLETED, HLK_WAIT_CS_STATUS_FLAG_GONE, 0, 0);
			return 0;
		}
		if (r->state == CS_DONE) {
			if (r->rc == -ETIMEDOUT) {
				wait_out(a, HLK_WAIT_CS_STATUS_TIMEDOUT, 0, 0, 0);
				return -ETIMEDOUT;
			}
			if (r->rc) {
				wait_out(a, HLK_WAIT_CS_STATUS_ABORTED, 0, 0, 0);
				return -EIO;
			}
			wait_out(a, HLK_WAIT_CS_STATUS_COMPLETED,
				 r->want_ts ? HLK_WAIT_CS_STATUS_FLAG_TIMESTAMP_VLD : 0,
				 r->want_ts ? r->ts : 0, 0);
			return 0;
		}
		slept = sleep_until(dl);
		if (slept < 0)
			return slept; /* arguments untouched, as hl_cs_wait_ioctl() */
		if (!slept) {
			wait_out(a, HLK_WAIT_CS_STATUS_BUSY, 0, 0, 0);
			return 0;
		}
		if (c->d == NULL || c->d->ctx != c)
			return -EIO;
	}
}

static int wait_multi(struct sim_ctx *c, union hlk_wait_cs_args *a, bool *copy_back)
{
	uint64_t seqs[HLK_WAIT_MULTI_CS_LIST_MAX_LEN];
	uint32_t n = a->in.seq_arr_len;
	int64_t dl = deadline_of(a->in.timeout_us);
	int slept;

	*copy_back = false;
	if (gaudi2(c->d))
		return -EPERM; /* multi-CS waits are a Gaudi feature */
	if (!n || n > HLK_WAIT_MULTI_CS_LIST_MAX_LEN)
		return -EINVAL;
	if (sim_iface == SIM_ACCEL) {
		for (int i = 0; i < 7; i++)
			if (a->in.pad[i])
				return -EINVAL;
	}
	if (sim_copy_from_user(seqs, a->in.seq, n * 8))
		return -EFAULT;
	for (;;) {
		uint32_t map = 0;
		int64_t ts = 0;
		bool any_ts = false;

		for (uint32_t i = 0; i < n; i++) {
			struct csrec *r;

			if (!seqs[i] || seqs[i] >= c->next_seq)
				return -EINVAL;
			r = slot(c, seqs[i]);
			if (r->seq != seqs[i]) {
				map |= 1u << i;
				continue;
			}
			if (r->state != CS_DONE)
				continue;
			if (r->rc)
				return r->rc;
			map |= 1u << i;
			if (r->want_ts && (!any_ts || r->ts < ts)) {
				ts = r->ts;
				any_ts = true;
			}
		}
		if (map) {
			*copy_back = true;
			wait_out(a, HLK_WAIT_CS_STATUS_COMPLETED,
				 any_ts ? HLK_WAIT_CS_STATUS_FLAG_TIMESTAMP_VLD :
					  HLK_WAIT_CS_STATUS_FLAG_GONE,
				 ts, map);
			return 0;
		}
		slept = sleep_until(dl);
		if (slept < 0)
			return slept; /* hl_multi_cs_wait_ioctl(): EINTR */
		if (!slept) {
			*copy_back = true;
			wait_out(a, HLK_WAIT_CS_STATUS_BUSY, 0, 0, 0);
			return 0;
		}
	}
}

static bool irq_valid(struct sim_device *d, uint32_t id)
{
	(void)d;
	return id < 10 || (id >= 64 && id < 64 + 512) ||
	       id == HLK_WAIT_USER_INTERRUPT_ANY_CQ || id == HLK_WAIT_USER_INTERRUPT_ANY_DEC;
}

static int wait_irq(struct sim_ctx *c, union hlk_wait_cs_args *a, bool *copy_back)
{
	uint32_t flags = a->in.flags;
	uint32_t id = (flags & HLK_WAIT_CS_FLAGS_INTERRUPT_MASK) >> HLK_WAIT_CS_FLAGS_INTERRUPT_SHIFT;
	uint64_t target = a->in.target;
	int64_t dl = deadline_of(a->in.interrupt_timeout_us);
	unsigned int gen = c->reset_gen;
	bool kcq = flags & HLK_WAIT_CS_FLAGS_INTERRUPT_KERNEL_CQ;
	struct obj *cq = NULL;
	uint64_t idx = 0, addr = a->in.addr;
	int slept;

	if (!gaudi2(c->d))
		return -EPERM;
	if (!irq_valid(c->d, id))
		return -EINVAL;
	if (kcq) {
		cq = find_obj(c, a->in.cq_counters_handle, OBJ_CB);
		idx = a->in.cq_counters_offset;
		if (!cq || cq->destroyed || idx >= cq->len / 8)
			return -EINVAL;
		if (flags & HLK_WAIT_CS_FLAGS_REGISTER_INTERRUPT) {
			struct obj *ts = find_obj(c, a->in.timestamp_handle, OBJ_TS);
			uint64_t v;

			if (!ts || a->in.timestamp_offset >= ts->size / 8)
				return -EINVAL;
			memcpy(&v, cq->mem + idx * 8, 8);
			if (v >= target) {
				uint64_t now = (uint64_t)sim_now();

				memcpy(ts->mem + a->in.timestamp_offset * 8, &now, 8);
			} else {
				struct reg *r = NULL;

				for (int i = 0; i < MAX_REGS; i++)
					if (!c->regs[i].used) {
						r = &c->regs[i];
						break;
					}
				if (!r)
					return -EAGAIN;
				r->used = true;
				r->cq = cq;
				r->idx = idx;
				r->target = target;
				r->ts = ts;
				r->ts_idx = a->in.timestamp_offset;
			}
			wait_out(a, HLK_WAIT_CS_STATUS_COMPLETED, 0, 0, 0);
			return 0;
		}
	}
	for (;;) {
		uint64_t v;

		if (kcq) {
			memcpy(&v, cq->mem + idx * 8, 8);
		} else if (sim_copy_from_user(&v, addr, 8)) {
			*copy_back = false;
			return -EFAULT;
		}
		if (v >= target) {
			wait_out(a, HLK_WAIT_CS_STATUS_COMPLETED,
				 HLK_WAIT_CS_STATUS_FLAG_TIMESTAMP_VLD, sim_now(), 0);
			return 0;
		}
		if (c->reset_gen != gen) {
			if (kcq) {
				*copy_back = false;
				return -EIO;
			}
			wait_out(a, HLK_WAIT_CS_STATUS_ABORTED, 0, 0, 0);
			return 0;
		}
		slept = sleep_until(dl);
		if (slept < 0)
			return slept; /* _hl_interrupt_wait_ioctl(): EINTR */
		if (!slept) {
			wait_out(a, HLK_WAIT_CS_STATUS_BUSY, 0, 0, 0);
			return 0;
		}
	}
}

int sim_wait(struct sim_file *f, union hlk_wait_cs_args *a, bool *copy_back)
{
	struct sim_ctx *c = f->ctx;
	int ret;

	pthread_mutex_lock(&sim_lock);
	if (!sim_operational(f->dev)) {
		*copy_back = false;
		ret = -EBUSY;
	} else if (a->in.flags & HLK_WAIT_CS_FLAGS_INTERRUPT) {
		ret = wait_irq(c, a, copy_back);
	} else if (a->in.flags & HLK_WAIT_CS_FLAGS_MULTI_CS) {
		ret = wait_multi(c, a, copy_back);
	} else {
		ret = wait_single(c, a);
	}
	pthread_mutex_unlock(&sim_lock);
	return ret;
}

/* ------------------------------------------------------------------ */
/* debug                                                              */
/* ------------------------------------------------------------------ */

int sim_debug(struct sim_file *f, struct hlk_debug_args *a)
{
	struct sim_device *d = f->dev;
	int ret;

	pthread_mutex_lock(&sim_lock);
	if (!sim_operational(d)) {
		ret = -EBUSY;
	} else if (a->op == HLK_DEBUG_OP_SET_MODE) {
		if (!!a->enable == d->debug_mode)
			ret = -EFAULT;
		else {
			d->debug_mode = a->enable;
			ret = 0;
		}
	} else if (a->op <= HLK_DEBUG_OP_TIMESTAMP) {
		/* CoreSight is not modelled */
		ret = d->debug_mode ? -EOPNOTSUPP : -EFAULT;
	} else {
		ret = -EINVAL;
	}
	pthread_mutex_unlock(&sim_lock);
	return ret;
}
