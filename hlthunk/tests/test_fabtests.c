/* SPDX-License-Identifier: MIT */
/*
 * What libfabric's fabtests (common/hmem_synapseai.c) and NIXL's
 * libfabric rail do: SynapseAI owns the device and its memory; the program
 * dlopen()s "libhl-thunk.so" only for
 * hlthunk_device_mapped_memory_export_dmabuf_fd, which it calls on
 * SynapseAI's fd with the base of the device's HBM mapping, the buffer's
 * offset from it and its page-rounded size.  SynapseAI's part (the fd and
 * a large mapping of device memory) is played here by hlaccel.
 */
#include "httest.h"

#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define ACCEL_PAGE_SIZE 4096ull
#define HBM (64ull << 20)

static int (*export_fn)(int fd, uint64_t addr, uint64_t size, uint64_t offset,
			uint32_t flags);

/* what a SynapseAI-like runtime sets up: its fd and an HBM mapping */
struct runtime {
	int fd;
	struct hla_device *dev;
	uint64_t handle;
	uint64_t hbm_base; /* deviceInfo.globalHbmBaseAddress */
};

static bool runtime_up(struct runtime *rt)
{
	rt->fd = ht_raw_open(0, false);
	CHECK(rt->fd >= 0);
	CHECK_EQ(hla_device_open_fd(rt->fd, 0, &rt->dev), 0);
	CHECK_EQ(hla_mem_alloc(rt->dev, HBM, 0, 0, &rt->handle), 0);
	return hla_mem_map(rt->dev, rt->handle, 0, 0, &rt->hbm_base) == 0;
}

static void runtime_down(struct runtime *rt, bool mapped)
{
	if (mapped)
		CHECK_EQ(hla_mem_unmap(rt->dev, rt->hbm_base), 0);
	CHECK_EQ(hla_mem_free(rt->dev, rt->handle, HBM), 0);
	hla_device_close(rt->dev);
	close(rt->fd);
}

/* the bytes of a dma-buf, mapped by the test as an importer would */
static uint32_t *map_dmabuf(int dfd, size_t len)
{
	uint32_t *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED, dfd, 0);

	CHECK(p != MAP_FAILED);
	return p == MAP_FAILED ? NULL : p;
}

/* ft_synapseai_get_dmabuf_fd for buf; the bytes it covers are checked
 * against a write through an export of the whole mapping */
static void fabtests(const struct runtime *rt, uint64_t buf, size_t len)
{
	size_t buf_size = (len + ACCEL_PAGE_SIZE - 1) & ~(ACCEL_PAGE_SIZE - 1);
	int whole = export_fn(rt->fd, rt->hbm_base, HBM, 0, O_RDWR | O_CLOEXEC);
	int dfd = export_fn(rt->fd, rt->hbm_base, buf_size, buf - rt->hbm_base,
			    O_RDWR | O_CLOEXEC);
	uint32_t *all, *part;

	CHECK(whole >= 0 && dfd >= 0);
	all = map_dmabuf(whole, HBM);
	part = map_dmabuf(dfd, buf_size);
	if (all && part) {
		all[(buf - rt->hbm_base) / 4] = 0x5EED;
		CHECK_EQ(part[0], 0x5EED);
	}
	if (all)
		munmap(all, HBM);
	if (part)
		munmap(part, buf_size);
	close(whole);
	close(dfd);
}

/* NIXL's registerSynapseAIMemoryDmabuf: an unaligned buffer is exported
 * from its page start, one page longer */
static void nixl(const struct runtime *rt, uint64_t buffer, size_t length)
{
	uint64_t aligned = buffer / ACCEL_PAGE_SIZE * ACCEL_PAGE_SIZE;
	uint64_t offset = aligned - rt->hbm_base;
	size_t len = (length + ACCEL_PAGE_SIZE + ACCEL_PAGE_SIZE - 1) &
		     ~(ACCEL_PAGE_SIZE - 1);
	int dfd = export_fn(rt->fd, rt->hbm_base, len, offset, O_RDWR | O_CLOEXEC);

	CHECK(dfd >= 0);
	if (dfd < 0)
		fprintf(stderr, "export failed: %s\n", strerror(-dfd));
	close(dfd);
}

int main(void)
{
	struct runtime rt;
	bool mapped;
	void *h;

	ht_test_init("hlthunk-fabtests");
	h = dlopen("libhl-thunk.so", RTLD_NOW);
	CHECK(h != NULL);
	if (!h)
		return ht_test_done();
	*(void **)&export_fn = dlsym(h, "hlthunk_device_mapped_memory_export_dmabuf_fd");
	CHECK(export_fn != NULL);
	mapped = runtime_up(&rt);
	if (ht_env.gaudi1) {
		/* SynapseAI's HBM mapping needs Gaudi2's device MMU */
		CHECK(!mapped);
	} else if (!(ht_env.caps & HLA_CAP_DMABUF_OFFSET)) {
		CHECK(mapped);
		/* refused rather than exporting the wrong bytes */
		CHECK_EQ(export_fn(rt.fd, rt.hbm_base, ACCEL_PAGE_SIZE, 3 * ACCEL_PAGE_SIZE,
				   O_RDWR | O_CLOEXEC), -EOPNOTSUPP);
		if (ht_env.sim)
			CHECK(ht_env.legacy);
	} else {
		CHECK(mapped);
		fabtests(&rt, rt.hbm_base + 5 * ACCEL_PAGE_SIZE, 2 * ACCEL_PAGE_SIZE + 10);
		nixl(&rt, rt.hbm_base + 7 * ACCEL_PAGE_SIZE + 100, 3000);
	}
	runtime_down(&rt, mapped);
	CHECK_EQ(dlclose(h), 0);
	return ht_test_done();
}
