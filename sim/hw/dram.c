/* SPDX-License-Identifier: MIT */
/*
 * Device memory, mapped once by the simulator, and the Gaudi2 page
 * allocator.
 *
 * What costs here is not copying but the first user-space touch of each
 * page of a fresh mapping: on some machines (virtual machines with shadow
 * page tables in particular) each 4 KiB page takes microseconds, even when
 * the kernel has already populated it; a 2 MiB page takes about the same
 * for 512 times the memory.  So device memory lives on 2 MiB pages where
 * the kernel gives them:
 *
 *   shared   a memfd with MADV_HUGEPAGE, when shmem may use huge pages
 *            (transparent_hugepage/shmem_enabled advise, within_size or
 *            always); ranges are made resident in 2 MiB chunks with
 *            fallocate() and MADV_POPULATE_WRITE the first time the device
 *            touches them;
 *   private  otherwise, anonymous memory with MADV_HUGEPAGE (THP
 *            "madvise" or "always"), faulted 2 MiB at a time.
 *
 * Either way a CPU mapping of a dma-buf is served from this mapping (see
 * hw/dmabuf.c), so the bytes the device wrote are not touched afresh.
 */
#include "hw/hw.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23
#endif

/* "[never]" or "[deny]" in a THP policy file: no huge pages */
static bool policy_allows(const char *path, bool *inherit)
{
	char buf[128] = "";
	int fd = sim_real_open(path, O_RDONLY | O_CLOEXEC, 0);
	ssize_t n;

	*inherit = false;
	if (fd < 0)
		return false;
	n = read(fd, buf, sizeof(buf) - 1);
	sim_real_close(fd);
	buf[n > 0 ? n : 0] = '\0';
	*inherit = strstr(buf, "[inherit]") != NULL;
	return n > 0 && !strstr(buf, "[never]") && !strstr(buf, "[deny]");
}

/* may shared memory (memfd) use 2 MiB pages on this machine? */
static bool shmem_huge(void)
{
	static const char top[] = "/sys/kernel/mm/transparent_hugepage/shmem_enabled";
	static const char pmd[] =
		"/sys/kernel/mm/transparent_hugepage/hugepages-2048kB/shmem_enabled";
	bool inherit, allowed = policy_allows(pmd, &inherit);

	if (inherit || access(pmd, F_OK))
		allowed = policy_allows(top, &inherit);
	return allowed;
}

static int map_shared(struct sim_dram *m, int index, uint64_t size)
{
	char name[32];

	snprintf(name, sizeof(name), "hla-sim-dram%d", index);
	m->fd = memfd_create(name, MFD_CLOEXEC);
	if (m->fd < 0)
		return -errno;
	if (ftruncate(m->fd, (off_t)size))
		return -errno;
	m->base = sim_real_mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, m->fd, 0);
	return m->base == MAP_FAILED ? -errno : 0;
}

/* anonymous memory on a 2 MiB boundary, so THP can back all of it */
static int map_private(struct sim_dram *m, uint64_t size)
{
	uint64_t span = size + SIM_DRAM_CHUNK, lead;
	uint8_t *p = sim_real_mmap(NULL, span, PROT_READ | PROT_WRITE,
				   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);

	if (p == MAP_FAILED)
		return -errno;
	lead = (SIM_DRAM_CHUNK - (uintptr_t)p % SIM_DRAM_CHUNK) % SIM_DRAM_CHUNK;
	if (lead)
		sim_real_munmap(p, lead);
	sim_real_munmap(p + lead + size, SIM_DRAM_CHUNK - lead);
	m->base = p + lead;
	/* a child process gets no copy of the device's memory */
	madvise(m->base, size, MADV_DONTFORK);
	return 0;
}

int sim_dram_init(struct sim_dram *m, int index, uint64_t size, uint64_t page)
{
	int ret;

	memset(m, 0, sizeof(*m));
	m->fd = -1;
	ret = shmem_huge() ? map_shared(m, index, size) : map_private(m, size);
	if (ret) {
		m->base = NULL;
		return ret;
	}
	madvise(m->base, size, MADV_HUGEPAGE);
	m->size = size;
	m->ready = calloc((size + SIM_DRAM_CHUNK - 1) / SIM_DRAM_CHUNK, 1);
	if (page) {
		m->npages = size / page;
		m->page_used = calloc(m->npages, 1);
	}
	if (!m->ready || (page && !m->page_used))
		return -ENOMEM;
	sim_log("device %d: %s DRAM of %llu MiB", index, m->fd >= 0 ? "shared" : "private",
		(unsigned long long)(size >> 20));
	return 0;
}

void sim_dram_prepare(struct sim_dram *m, uint64_t off, uint64_t len)
{
	uint64_t first, last;

	if (m->fd < 0 || !len || off >= m->size)
		return; /* anonymous memory faults in 2 MiB at a time by itself */
	if (len > m->size - off)
		len = m->size - off;
	first = off / SIM_DRAM_CHUNK;
	last = (off + len - 1) / SIM_DRAM_CHUNK;
	for (uint64_t c = first; c <= last; c++) {
		uint64_t at = c * SIM_DRAM_CHUNK;
		uint64_t n = m->size - at < SIM_DRAM_CHUNK ? m->size - at : SIM_DRAM_CHUNK;

		if (__atomic_load_n(&m->ready[c], __ATOMIC_ACQUIRE))
			continue;
		/* both calls are idempotent: a race only repeats work */
		if (fallocate(m->fd, 0, (off_t)at, (off_t)n) == 0)
			madvise(m->base + at, n, MADV_POPULATE_WRITE);
		__atomic_store_n(&m->ready[c], 1, __ATOMIC_RELEASE);
	}
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

bool sim_dram_alloc_scattered(struct sim_dram *m, uint64_t n, uint32_t *pages)
{
	uint64_t got = 0;

	for (uint64_t p = 1; p < m->npages && got < n; p++)
		if (!m->page_used[p])
			pages[got++] = (uint32_t)p;
	if (got < n)
		return false;
	for (uint64_t i = 0; i < n; i++)
		m->page_used[pages[i]] = 1;
	return true;
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
	for (int i = 0; i < m->npub; i++)
		sim_real_close(m->pub[i]);
	free(m->ready);
	free(m->page_used);
	memset(m, 0, sizeof(*m));
	m->fd = -1;
}
