/* SPDX-License-Identifier: MIT */
/*
 * dma-buf: one object owns the whole lifetime of an export.
 *
 * export_dmabuf() takes a reference on the context and on the compute
 * file, so the device stays held until hl_release_dmabuf() runs when the
 * last descriptor of the dma-buf is closed.  Here the object counts the
 * descriptors the process holds (export, dup, close all go through it);
 * the last one gone gives back the allocation's export pin and the
 * device hold, under the device lock.
 *
 * The descriptor is a second open of the device's DRAM memfd (shared
 * DRAM), or a placeholder memfd (private DRAM).  A shared CPU mapping of
 * the dma-buf is served from the simulator's own mapping of DRAM: the
 * caller gets the address where the device memory already is mapped and
 * touched, and its munmap of that range is a no-op (the shim keeps track).
 * Other mappings (MAP_FIXED, MAP_PRIVATE) map the memfd when there is one.
 * The driver's dma-buf has no mmap operation; the simulator gives
 * importers CPU access to stand in for a peer device's DMA (see
 * sim/README.md).
 */
#include "hw/hw.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#ifndef MADV_POPULATE_READ
#define MADV_POPULATE_READ 22
#endif
#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23
#endif

struct sim_dmabuf {
	atomic_int fds;         /* descriptors of the process referring to it */
	struct sim_device *d;
	struct sim_alloc *alloc; /* Gaudi2: the exported allocation */
	uint64_t base;           /* byte offset into the DRAM backing */
	uint64_t size;
};

int sim_dmabuf_export(struct sim_device *d, struct sim_alloc *al, uint64_t base,
		      uint64_t size, uint32_t flags, int *fd, struct sim_dmabuf **out)
{
	struct sim_dmabuf *b = calloc(1, sizeof(*b));
	char path[64];
	int src;

	if (!b)
		return -ENOMEM;
	/* reopened, so the descriptor has the access mode the caller asked for */
	src = d->dram.fd >= 0 ? d->dram.fd : memfd_create("hla-sim-dmabuf", MFD_CLOEXEC);
	snprintf(path, sizeof(path), "/proc/self/fd/%d", src);
	*fd = src < 0 ? -1 : sim_real_open(path, (int)(flags & (O_ACCMODE | O_CLOEXEC)), 0);
	if (src >= 0 && src != d->dram.fd)
		sim_real_close(src);
	if (*fd < 0) {
		int err = errno;

		free(b);
		return -err;
	}
	atomic_init(&b->fds, 1);
	b->d = d;
	b->alloc = al;
	b->base = base;
	b->size = size;
	if (al)
		al->exports++;
	sim_dev_hold(d);
	*out = b;
	return 0;
}

struct sim_device *sim_dmabuf_device(const struct sim_dmabuf *b)
{
	return b->d;
}

void sim_dmabuf_get(struct sim_dmabuf *b)
{
	atomic_fetch_add(&b->fds, 1);
}

/* hl_release_dmabuf(): the last descriptor is closed */
void sim_dmabuf_put(struct sim_dmabuf *b)
{
	struct sim_device *d = b->d;

	if (atomic_fetch_sub(&b->fds, 1) != 1)
		return;
	pthread_mutex_lock(&d->lock);
	if (b->alloc && b->alloc->exports)
		b->alloc->exports--;
	sim_dev_unhold(d);
	sim_dev_notify(d);
	pthread_mutex_unlock(&d->lock);
	free(b);
}

void *sim_dmabuf_mmap(struct sim_dmabuf *b, int fd, void *addr, size_t len, int prot,
		      int flags, uint64_t off, int *err, bool *alias)
{
	struct sim_device *d = b->d;
	uint64_t span = (b->size + SIM_PAGE - 1) & ~(SIM_PAGE - 1);
	void *p;

	*alias = false;
	if ((off & (SIM_PAGE - 1)) || !len || off + len < off || off + len > span) {
		*err = EINVAL;
		return MAP_FAILED;
	}
	if ((flags & MAP_SHARED) && !(flags & (MAP_FIXED | MAP_FIXED_NOREPLACE))) {
		pthread_mutex_lock(&d->lock);
		d->aliases++;
		pthread_mutex_unlock(&d->lock);
		sim_dram_prepare(&d->dram, b->base + off, len);
		*alias = true;
		return d->dram.base + b->base + off;
	}
	if (d->dram.fd < 0) {
		*err = EINVAL; /* private DRAM has no file to map at a fixed place */
		return MAP_FAILED;
	}
	p = sim_real_mmap(addr, len, prot, flags, fd, (off_t)(b->base + off));
	if (p == MAP_FAILED) {
		*err = errno;
		return p;
	}
	/* map the existing pages now rather than one fault per page later */
	madvise(p, len, MADV_HUGEPAGE);
	madvise(p, len, (prot & PROT_WRITE) ? MADV_POPULATE_WRITE : MADV_POPULATE_READ);
	return p;
}

void sim_dmabuf_unaliased(struct sim_device *d)
{
	pthread_mutex_lock(&d->lock);
	if (d->aliases)
		d->aliases--;
	sim_dev_unback(d);
	pthread_mutex_unlock(&d->lock);
}
