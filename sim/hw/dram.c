/* SPDX-License-Identifier: MIT */
/*
 * Device memory: one memfd per device, mapped once by the simulator, and
 * the Gaudi2 page allocator.
 */
#include "hw/hw.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

int sim_dram_init(struct sim_dram *m, int index, uint64_t size, uint64_t page)
{
	char name[32];

	memset(m, 0, sizeof(*m));
	m->fd = -1;
	snprintf(name, sizeof(name), "hla-sim-dram%d", index);
	m->fd = memfd_create(name, MFD_CLOEXEC);
	if (m->fd < 0)
		return -errno;
	if (ftruncate(m->fd, (off_t)size))
		return -errno;
	m->base = sim_real_mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, m->fd, 0);
	if (m->base == MAP_FAILED) {
		m->base = NULL;
		return -errno;
	}
	m->size = size;
	m->ready = calloc((size + SIM_DRAM_CHUNK - 1) / SIM_DRAM_CHUNK, 1);
	if (page) {
		m->npages = size / page;
		m->page_used = calloc(m->npages, 1);
	}
	if (!m->ready || (page && !m->page_used))
		return -ENOMEM;
	return 0;
}

void sim_dram_prepare(struct sim_dram *m, uint64_t off, uint64_t len)
{
	/* pages come into being when first touched */
	(void)m;
	(void)off;
	(void)len;
}

int64_t sim_dram_alloc_pages(struct sim_dram *m, uint64_t n)
{
	uint64_t run = 0, start = 0;

	/* page 0 belongs to the driver */
	for (uint64_t p = 1; p < m->npages && run < n; p++) {
		if (m->page_used[p]) {
			run = 0;
			continue;
		}
		if (!run)
			start = p;
		run++;
	}
	if (!n || run < n)
		return -1;
	memset(m->page_used + start, 1, n);
	return (int64_t)start;
}

void sim_dram_free_pages(struct sim_dram *m, uint64_t first, uint64_t n)
{
	memset(m->page_used + first, 0, n);
}

void sim_dram_fini(struct sim_dram *m)
{
	if (m->base)
		sim_real_munmap(m->base, m->size);
	if (m->fd >= 0)
		sim_real_close(m->fd);
	free(m->ready);
	free(m->page_used);
	memset(m, 0, sizeof(*m));
	m->fd = -1;
}
