/* SPDX-License-Identifier: MIT */
/*
 * MEMORY (memory.c: hl_mem_ioctl()): device allocations, host and device
 * mappings into the device's VA spaces, MAP_BLOCK, dma-buf export and
 * timestamp buffers.
 */
#include "ioctl/ioctl.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static uint64_t round_up(uint64_t v, uint64_t a)
{
	return (v + a - 1) / a * a;
}

/*
 * alloc_phys_pages(): HL_MEM_CONTIGUOUS wants one run of pages; otherwise
 * the pages are taken one by one, wherever they are free.  A run is used
 * when there is one, which the driver's pool may also give.
 */
static int take_pages(struct sim_device *d, struct sim_alloc *al, uint64_t n, bool contiguous)
{
	int64_t first = sim_dram_alloc_pages(&d->dram, n);

	if (first >= 0) {
		al->off = (uint64_t)first * d->dram_page;
		return 0;
	}
	if (contiguous)
		return -ENOMEM;
	al->pages = malloc(n * sizeof(*al->pages));
	if (!al->pages)
		return -ENOMEM;
	if (!sim_dram_alloc_scattered(&d->dram, n, al->pages)) {
		free(al->pages);
		al->pages = NULL;
		return -ENOMEM;
	}
	al->off = (uint64_t)al->pages[0] * d->dram_page;
	return 0;
}

/*
 * alloc_device_memory(): whole pages, a round-up that may wrap, and a
 * request that comes to zero bytes refused (so UINT64_MAX and any size
 * within a page of it give EINVAL).  Gaudi has no device MMU: hl_mem_ioctl()
 * only accounts the size.
 */
static int mem_alloc(struct sim_ctx *c, union hlk_mem_args *a)
{
	struct sim_device *d = c->d;
	uint64_t size = a->in.alloc.mem_size, pages;
	struct sim_alloc *al;
	int ret;

	if (!size)
		return -EINVAL;
	if (!sim_gaudi2(d)) {
		if (size > d->dram_size - d->dram_user_base - d->dram_used)
			return -ENOMEM;
		d->dram_used += size;
		c->acct += size;
		memset(a, 0, sizeof(*a));
		return 0;
	}
	pages = (size + d->dram_page - 1) / d->dram_page;
	if (pages * d->dram_page == 0)
		return -EINVAL;
	if (pages > d->dram.npages)
		return -ENOMEM;
	ret = sim_alloc_new(c, &al);
	if (ret)
		return ret;
	ret = take_pages(d, al, pages, a->in.flags & HLK_MEM_CONTIGUOUS);
	if (ret) {
		sim_alloc_free(c, al); /* no pages yet: only the handle goes */
		return ret;
	}
	al->size = pages * d->dram_page;
	c->alloc_bytes += al->size;
	d->dram_used += al->size;
	memset(a, 0, sizeof(*a));
	a->out.handle = al->handle;
	return 0;
}

/* free_device_memory(): EINVAL for an unknown or still mapped handle */
static int mem_free(struct sim_ctx *c, union hlk_mem_args *a)
{
	struct sim_device *d = c->d;
	struct sim_alloc *al;

	if (!sim_gaudi2(d)) {
		uint64_t size = a->in.alloc.mem_size < c->acct ? a->in.alloc.mem_size : c->acct;

		c->acct -= size;
		d->dram_used -= size;
		memset(a, 0, sizeof(*a));
		return 0;
	}
	al = sim_alloc_find(c, a->in.free.handle);
	if (!al || al->maps || al->exports)
		return -EINVAL;
	d->dram_used -= al->size;
	sim_alloc_free(c, al);
	memset(a, 0, sizeof(*a));
	return 0;
}

/* map_device_va() for host memory: pinning fails on memory the process lacks */
static int map_host(struct sim_ctx *c, union hlk_mem_args *a, bool force)
{
	uint64_t host = a->in.map_host.host_virt_addr, size = a->in.map_host.mem_size;
	uint64_t hint = a->in.map_host.hint_addr, first = host & ~(SIM_PAGE - 1), va;
	struct sim_map *m;
	uint8_t probe;
	int ret;

	if (!size || host + size < host)
		return -EINVAL;
	if (sim_copy_from_user(&probe, host, 1) || sim_copy_from_user(&probe, host + size - 1, 1))
		return -EFAULT;
	if (hint && force && (host & (SIM_PAGE - 1)))
		return -EINVAL;
	/* a host address on a 2 MiB boundary gets a 2 MiB-aligned VA, and a
	 * forced hint must be so aligned too (map_device_va(), get_va_block()) */
	ret = sim_vm_pick(c, false, hint, round_up(host + size, SIM_PAGE) - first,
			  host % SIM_HUGE_PAGE ? SIM_PAGE : SIM_HUGE_PAGE, force, &va);
	m = ret ? NULL : sim_vm_add(c, SIM_MAP_HOST, va + (host - first), size);
	if (!m) {
		memset(a, 0, sizeof(*a));
		return ret ? ret : -ENOMEM;
	}
	m->host = (uint8_t *)(uintptr_t)host;
	memset(a, 0, sizeof(*a));
	a->out.device_virt_addr = m->va;
	return 0;
}

/* map_device_va() for an allocation: a DRAM-page aligned VA */
static int map_dram(struct sim_ctx *c, union hlk_mem_args *a, bool force)
{
	struct sim_alloc *al = sim_alloc_find(c, a->in.map_device.handle);
	struct sim_map *m;
	uint64_t va;
	int ret;

	if (!sim_gaudi2(c->d) || !al)
		return -EINVAL;
	ret = sim_vm_pick(c, true, a->in.map_device.hint_addr, al->size, c->d->dram_page, force,
			  &va);
	m = ret ? NULL : sim_vm_add(c, SIM_MAP_DRAM, va, al->size);
	if (!m) {
		memset(a, 0, sizeof(*a));
		return ret ? ret : -ENOMEM;
	}
	m->alloc = al;
	al->maps++;
	memset(a, 0, sizeof(*a));
	a->out.device_virt_addr = va;
	return 0;
}

/*
 * unmap_device_va(): the exact address; a mapping exported by its address
 * (6.3+) stays pinned, an allocation exported by its handle (6.1.0) does
 * not pin its mappings
 */
static int mem_unmap(struct sim_ctx *c, union hlk_mem_args *a)
{
	struct sim_map *m = sim_vm_find(c, a->in.unmap.device_virt_addr);

	if (!m)
		return -EINVAL;
	if (m->kind == SIM_MAP_DRAM) {
		if (m->alloc->exports && sim_prof(c->d)->export != SIM_EXPORT_HANDLE)
			return -EINVAL;
		m->alloc->maps--;
	}
	sim_vm_remove(c, m);
	memset(a, 0, sizeof(*a));
	return 0;
}

/* map_block(): the four DCORE sync-manager blocks of Gaudi2 */
static int mem_map_block(struct sim_ctx *c, union hlk_mem_args *a)
{
	static const uint64_t blocks[SIM_NUM_BLOCKS] = {
		HLK_GAUDI2_CFG_BASE + 0x04E00000ull, HLK_GAUDI2_CFG_BASE + 0x05E00000ull,
		HLK_GAUDI2_CFG_BASE + 0x06E00000ull, HLK_GAUDI2_CFG_BASE + 0x07E00000ull,
	};
	uint64_t addr = a->in.map_block.block_addr;

	if (!sim_gaudi2(c->d))
		return -EPERM;
	for (uint64_t i = 0; i < SIM_NUM_BLOCKS; i++)
		if (blocks[i] == addr) {
			memset(a, 0, sizeof(*a));
			a->out.block_handle = HLK_MMAP_TYPE_BLOCK | (i << 12);
			a->out.block_size = SIM_BLOCK_SIZE;
			return 0;
		}
	return -EINVAL;
}

/*
 * validate_export_params_no_mmu(): Gaudi exports a physical DRAM range
 * with no offset; 6.7+ wants whole pages, earlier kernels one at least.
 */
static int export_phys(const struct sim_device *d, uint64_t addr, uint64_t size,
		       uint64_t offset)
{
	bool pages = sim_prof(d)->export == SIM_EXPORT_ADDR;

	if (offset || (addr & (SIM_PAGE - 1)) || size < SIM_PAGE ||
	    (pages && (size & (SIM_PAGE - 1))) || addr < d->dram_user_base ||
	    addr + size < addr || addr + size > d->dram_size)
		return -EINVAL;
	return 0;
}

/*
 * validate_export_params(): the VA of a DRAM mapping, offset + size inside
 * the allocation.  6.7+ wants offset and size in whole pages; before,
 * addr + offset page aligned and a page at least, and the exported range
 * started at the allocation whatever the offset (the scatter list was
 * built from its first page).
 */
static int export_va(struct sim_ctx *c, uint64_t addr, uint64_t size, uint64_t offset,
		     struct sim_alloc **al, uint64_t *base)
{
	bool pages = sim_prof(c->d)->export == SIM_EXPORT_ADDR;
	struct sim_map *m = sim_vm_find(c, addr);
	uint64_t contig;

	if (!m || m->kind != SIM_MAP_DRAM || (addr & (SIM_PAGE - 1)) ||
	    offset + size < offset || offset + size > m->alloc->size)
		return -EINVAL;
	if (pages ? !size || (size & (SIM_PAGE - 1)) || (offset & (SIM_PAGE - 1))
		  : size < SIM_PAGE || ((addr + offset) & (SIM_PAGE - 1)))
		return -EINVAL;
	*al = m->alloc;
	*base = sim_alloc_phys(c->d, m->alloc, pages ? offset : 0, &contig);
	/* the simulator's dma-buf is one range of the backing */
	return contig < size ? -EOPNOTSUPP : 0;
}

/*
 * export_dmabuf_from_handle() (6.1.0): the word the later interface calls
 * addr is an allocation handle, looked up by its low 32 bits (any upper
 * bit set: EINVAL, so a device address is refused), and the whole
 * allocation is exported whatever the size asked; mapped or not.  The
 * allocation then cannot be freed (exporting_cnt).
 */
static int export_handle(struct sim_ctx *c, uint64_t handle, struct sim_alloc **al,
			 uint64_t *base, uint64_t *size)
{
	uint64_t contig;

	if (handle >> 32)
		return -EINVAL;
	*al = sim_alloc_find(c, handle);
	if (!*al)
		return -EINVAL;
	*size = (*al)->size;
	*base = sim_alloc_phys(c->d, *al, 0, &contig);
	/* the simulator's dma-buf is one range of the backing */
	return contig < *size ? -EOPNOTSUPP : 0;
}

/*
 * hl_mem_ioctl()'s export: Gaudi by physical address; Gaudi2 by allocation
 * handle on 6.1.0, not at all on 6.1.y and 6.2 (export_dmabuf_from_addr():
 * "Export not supported for devices with virtual memory"), by the VA of a
 * mapped allocation from 6.3.
 */
static int mem_export(struct sim_call *call, struct sim_ctx *c, union hlk_mem_args *a)
{
	struct sim_device *d = c->d;
	const struct sim_profile *p = sim_prof(d);
	uint64_t addr = a->in.export_dmabuf_fd.addr, size = a->in.export_dmabuf_fd.mem_size;
	bool old = p->export == SIM_EXPORT_PHYS_ONLY || p->export == SIM_EXPORT_HANDLE;
	uint64_t offset = old ? 0 : a->in.export_dmabuf_fd.offset; /* 6.3+ layout */
	uint64_t base = addr;
	struct sim_alloc *al = NULL;
	int ret;

	if (!sim_gaudi2(d))
		ret = export_phys(d, addr, size, offset);
	else if (p->export == SIM_EXPORT_PHYS_ONLY)
		ret = -EOPNOTSUPP;
	else if (p->export == SIM_EXPORT_HANDLE)
		ret = export_handle(c, addr, &al, &base, &size);
	else
		ret = export_va(c, addr, size, offset, &al, &base);
	if (ret)
		return ret;
	ret = sim_dmabuf_export(d, al, base, size, a->in.flags, &call->export_fd,
				&call->export_buf);
	if (ret)
		return ret;
	memset(a, 0, sizeof(*a));
	a->out.fd = call->export_fd;
	return 0;
}

/* allocate_timestamps_buffers() */
static int ts_alloc(struct sim_ctx *c, union hlk_mem_args *a)
{
	uint32_t n = a->in.num_of_elements;
	struct sim_obj *o;

	/* only the upper bound is checked; no elements is an empty buffer,
	 * which vmalloc_user() refuses (hl_ts_alloc_buf()) */
	if (n > HLK_TS_MAX_ELEMENTS_NUM)
		return -EINVAL;
	if (!n)
		return -ENOMEM;
	o = sim_obj_new(c, SIM_OBJ_TS, (uint64_t)n * 8);
	if (!o)
		return -ENOMEM;
	memset(a, 0, sizeof(*a));
	a->out.handle = sim_obj_handle(o);
	return 0;
}

static int mem_op(struct sim_call *call, struct sim_ctx *c, union hlk_mem_args *a)
{
	bool force = a->in.flags & HLK_MEM_FORCE_HINT;
	int ret;

	switch (a->in.op) {
	case HLK_MEM_OP_ALLOC:
		return mem_alloc(c, a);
	case HLK_MEM_OP_FREE:
		return mem_free(c, a);
	case HLK_MEM_OP_MAP:
		return (a->in.flags & HLK_MEM_USERPTR) ? map_host(c, a, force)
						       : map_dram(c, a, force);
	case HLK_MEM_OP_UNMAP:
		return mem_unmap(c, a);
	case HLK_MEM_OP_MAP_BLOCK:
		return mem_map_block(c, a);
	case HLK_MEM_OP_EXPORT_DMABUF_FD:
		ret = mem_export(call, c, a);
		if (ret)
			a->out.fd = -EBADF;
		return ret;
	case HLK_MEM_OP_TS_ALLOC:
		return ts_alloc(c, a);
	default:
		return -EINVAL;
	}
}

int sim_ioctl_mem(struct sim_call *call, void *k)
{
	struct sim_device *d = call->f->dev;
	int ret;

	pthread_mutex_lock(&d->lock);
	if (!sim_dev_operational(d))
		ret = -EBUSY;
	else
		ret = mem_op(call, call->f->ctx, k);
	pthread_mutex_unlock(&d->lock);
	return ret;
}
