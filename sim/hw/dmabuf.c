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
 * The descriptor is an open file of the state the launcher's processes
 * share, locked as a hold on the device (core/xproc.c): copies of it made
 * by dup(), fork() or SCM_RIGHTS keep that hold, in any process, until the
 * last one is closed, as the kernel's dma-buf file keeps its context.
 * A shared CPU mapping of the dma-buf is served from the simulator's own
 * mapping of DRAM: the caller gets the address where the device memory
 * already is mapped and touched, and its munmap of that range is a no-op
 * (the shim keeps track).  Other mappings (MAP_FIXED, MAP_PRIVATE) map
 * the DRAM memfd when there is one.  The driver's dma-buf has no mmap
 * operation; the simulator gives importers CPU access to stand in for a
 * peer device's DMA (see sim/README.md).  Only the exporting process can
 * map it: the device memory is that process's.
 */
#include "hw/hw.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#ifndef MADV_POPULATE_READ
#define MADV_POPULATE_READ 22
#endif
#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23
#endif

struct sim_dmabuf {
	atomic_int fds;         /* descriptors of the process referring to it */
	pid_t owner;            /* the exporting process */
	int acc;                /* O_RDONLY, O_WRONLY or O_RDWR */
	struct sim_device *d;
	struct sim_alloc *alloc; /* Gaudi2: the exported allocation */
	uint64_t base;           /* byte offset into the DRAM backing */
	uint64_t size;
	bool published;          /* other processes can map it (device lock) */
};

int sim_dmabuf_export(struct sim_device *d, struct sim_alloc *al, uint64_t base,
		      uint64_t size, uint32_t flags, int *fd, struct sim_dmabuf **out)
{
	struct sim_dmabuf *b = calloc(1, sizeof(*b));

	if (!b)
		return -ENOMEM;
	/* an open file of the shared state: it holds the device wherever it goes */
	*fd = sim_xproc_pin(&d->sim->xproc, d->idx, (int)(flags & (O_ACCMODE | O_CLOEXEC)));
	if (*fd < 0) {
		int err = *fd;

		free(b);
		return err;
	}
	atomic_init(&b->fds, 1);
	b->owner = sim_self();
	b->acc = (int)(flags & O_ACCMODE);
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

bool sim_dmabuf_inherited(const struct sim_dmabuf *b)
{
	return b->owner != sim_self();
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

void *sim_dmabuf_mmap(struct sim_dmabuf *b, void *addr, size_t len, int prot,
		      int flags, uint64_t off, int *err, bool *alias)
{
	struct sim_device *d = b->d;
	uint64_t span = (b->size + SIM_PAGE - 1) & ~(SIM_PAGE - 1);
	void *p;

	*alias = false;
	/* what mmap() demands of any file's access mode */
	if (b->acc == O_WRONLY || ((flags & MAP_SHARED) && (prot & PROT_WRITE) &&
				   b->acc == O_RDONLY)) {
		*err = EACCES;
		return MAP_FAILED;
	}
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
	p = sim_real_mmap(addr, len, prot, flags, d->dram.fd, (off_t)(b->base + off));
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

/* copy the resident parts of [p, p + n) to q (untouched memory reads 0) */
static void copy_resident(uint8_t *q, uint8_t *p, uint64_t n)
{
	unsigned char vec[SIM_DRAM_CHUNK / SIM_PAGE];

	for (uint64_t at = 0; at < n; at += SIM_DRAM_CHUNK) {
		uint64_t len = n - at < SIM_DRAM_CHUNK ? n - at : SIM_DRAM_CHUNK;
		bool any = mincore(p + at, len, vec) != 0; /* unknown: copy */

		for (uint64_t i = 0; !any && i < (len + SIM_PAGE - 1) / SIM_PAGE; i++)
			any = vec[i] & 1;
		if (any)
			memcpy(q + at, p + at, len);
	}
}

/* private DRAM: [base, base + span) moves onto a memfd of its own */
static int move_to_file(struct sim_device *d, uint64_t base, uint64_t span)
{
	struct sim_dram *m = &d->dram;
	uint8_t *tmp, *at = m->base + base;
	int fd;

	if (m->npub == SIM_MAX_PUB)
		return -ENOSPC;
	fd = memfd_create("hla-sim-dmabuf", MFD_CLOEXEC);
	if (fd < 0 || ftruncate(fd, (off_t)span)) {
		int err = errno;

		if (fd >= 0)
			sim_real_close(fd);
		return -err;
	}
	tmp = sim_real_mmap(NULL, span, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (tmp != MAP_FAILED) {
		copy_resident(tmp, at, span);
		sim_real_munmap(tmp, span);
	}
	if (tmp == MAP_FAILED || sim_real_mmap(at, span, PROT_READ | PROT_WRITE,
					       MAP_SHARED | MAP_FIXED, fd, 0) == MAP_FAILED) {
		int err = errno;

		sim_real_close(fd);
		return -err;
	}
	madvise(at, span, MADV_DONTFORK);
	m->pub[m->npub++] = fd;
	return fd;
}

/*
 * The device must not move data while the backing changes under it: wait
 * (bounded) until no job runs, then hold the lock throughout.
 */
int sim_dmabuf_publish(struct sim_dmabuf *b, int fd)
{
	struct sim_device *d = b->d;
	uint64_t span = (b->size + SIM_PAGE - 1) & ~(SIM_PAGE - 1), off = 0;
	int memfd, ret = 0;

	pthread_mutex_lock(&d->lock);
	for (int i = 0; i < 10000 && d->ctx && d->ctx->running; i++) {
		pthread_mutex_unlock(&d->lock);
		usleep(1000);
		pthread_mutex_lock(&d->lock);
	}
	if (b->published || !d->backed) {
		ret = b->published ? 0 : -ENODEV;
	} else if (d->ctx && d->ctx->running) {
		ret = -EBUSY;
	} else {
		memfd = d->dram.fd;
		off = b->base;
		if (memfd < 0) {
			memfd = move_to_file(d, b->base, span);
			off = 0;
		}
		ret = memfd < 0 ? memfd : sim_xproc_publish(fd, memfd, off, span);
		b->published = !ret;
	}
	pthread_mutex_unlock(&d->lock);
	return ret;
}

/* dma_buf_getfile(): the file's inode has the buffer's size */
uint64_t sim_dmabuf_size(const struct sim_dmabuf *b)
{
	return b->size;
}
