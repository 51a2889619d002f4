/* SPDX-License-Identifier: MIT */
/*
 * Memory: allocations freed by handle alone (Gaudi: the sizes are
 * tracked here), dma-buf export flags (0 means O_RDWR | O_CLOEXEC), host
 * mappings and their flags, HW blocks, timestamp buffers.
 */
#include "httest.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static uint64_t ctx_dram(int fd)
{
	struct hlthunk_dram_usage_info u;

	CHECK_EQ(hlthunk_get_dram_usage(fd, &u), 0);
	return u.ctx_dram_mem;
}

/* free by handle, in any order, gives every byte back */
static void alloc_free(int fd)
{
	static const uint64_t sizes[] = { 2u << 20, 64u << 20, 6u << 20 };
	uint64_t h[3], base = ctx_dram(fd);

	for (int i = 0; i < 3; i++) {
		h[i] = hlthunk_device_memory_alloc(fd, sizes[i], 0, i == 0, false);
		CHECK(h[i] != 0); /* on Gaudi too, where the driver's handle is 0 */
	}
	CHECK(h[0] != h[1] && h[1] != h[2] && h[0] != h[2]);
	CHECK(ctx_dram(fd) >= base + sizes[0] + sizes[1] + sizes[2]);
	CHECK_EQ(hlthunk_device_memory_free(fd, h[1]), 0);
	CHECK_EQ(hlthunk_device_memory_free(fd, h[2]), 0);
	CHECK_EQ(hlthunk_device_memory_free(fd, h[0]), 0);
	CHECK_EQ(ctx_dram(fd), base);
	CHECK_EQ(hlthunk_device_memory_free(fd, h[0]), -EINVAL); /* twice */
	if (ht_env.gaudi1)
		CHECK_EQ(hlthunk_device_memory_free(fd, 0), -EINVAL);
}

static void check_fd_flags(int dfd, int accmode, bool cloexec)
{
	CHECK(dfd >= 0);
	if (dfd < 0)
		return;
	CHECK_EQ(fcntl(dfd, F_GETFL) & O_ACCMODE, accmode);
	CHECK_EQ((fcntl(dfd, F_GETFD) & FD_CLOEXEC) != 0, cloexec);
	close(dfd);
}

/* export support as hlaccel reports it, pinned for the simulator */
static bool export_expected(void)
{
	bool can = ht_env.gaudi1 ? (ht_env.caps & HLA_CAP_DMABUF_PHYS) != 0 :
				   (ht_env.caps & HLA_CAP_DMABUF_ADDR) != 0;

	if (ht_env.sim) /* legacy Gaudi2 (6.1): export by handle only, and not here */
		CHECK_EQ(can, !(ht_env.legacy && !ht_env.gaudi1));
	return can;
}

static void export_flags(int fd)
{
	struct hlthunk_hw_ip_info hw;
	uint64_t h = 0, addr;

	memset(&hw, 0, sizeof(hw));
	CHECK_EQ(hlthunk_get_hw_ip_info(fd, &hw), 0);
	if (ht_env.gaudi1) {
		addr = hw.dram_base_address; /* Gaudi exports by physical address */
	} else {
		h = hlthunk_device_memory_alloc(fd, 4u << 20, 0, true, false);
		addr = hlthunk_device_memory_map(fd, h, 0);
		CHECK(addr != 0);
	}
	if (!export_expected()) {
		CHECK_EQ(hlthunk_device_memory_export_dmabuf_fd(fd, addr, 4u << 20, 0),
			 -EOPNOTSUPP);
	} else {
		check_fd_flags(hlthunk_device_memory_export_dmabuf_fd(fd, addr, 4u << 20, 0),
			       O_RDWR, true);
		/* (O_RDONLY alone is 0, the default: read-only needs O_CLOEXEC) */
		check_fd_flags(hlthunk_device_mapped_memory_export_dmabuf_fd(fd, addr, 4u << 20, 0,
									     O_RDONLY | O_CLOEXEC),
			       O_RDONLY, true);
		check_fd_flags(hlthunk_device_mapped_memory_export_dmabuf_fd(fd, addr, 4u << 20, 0,
									     O_WRONLY),
			       O_WRONLY, false);
		check_fd_flags(hlthunk_device_mapped_memory_export_dmabuf_fd(fd, addr, 4u << 20, 0,
									     O_RDWR | O_CLOEXEC),
			       O_RDWR, true);
		CHECK_EQ(hlthunk_device_mapped_memory_export_dmabuf_fd(fd, addr, 4u << 20, 0,
								       O_ACCMODE),
			 -EINVAL);
	}
	if (!ht_env.gaudi1) {
		CHECK_EQ(hlthunk_memory_unmap(fd, addr), 0);
		CHECK_EQ(hlthunk_device_memory_free(fd, h), 0);
	}
}

static void host_maps(int fd)
{
	size_t len = 3 * 4096;
	char *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	uint64_t va, va2;

	CHECK(p != MAP_FAILED);
	va = hlthunk_host_memory_map(fd, p + 100, 0, 4096);
	CHECK(va != 0);
	CHECK_EQ(va & 4095, 100); /* the sub-page offset stays */
	CHECK_EQ(hlthunk_memory_unmap(fd, va), 0);
	va2 = hlthunk_host_memory_map_flags(fd, p, 0, len, HL_MEM_USERPTR);
	CHECK(va2 != 0);
	CHECK_EQ(hlthunk_memory_unmap(fd, va2), 0);
	errno = 0;
	CHECK_EQ(hlthunk_host_memory_map_flags(fd, p, 0, len, HL_MEM_CONTIGUOUS), 0);
	CHECK_EQ(errno, EINVAL);
	CHECK_EQ(hlthunk_memory_unmap(fd, va2), -EINVAL); /* already gone */
	munmap(p, len);
}

static void blocks_and_timestamps(int fd)
{
	uint32_t bsize = 0;
	uint64_t bh = 0, th = 0;
	int ret;

	/* Gaudi has no user blocks; Gaudi2's first sync-manager block */
	ret = hlthunk_get_hw_block(fd, 0x1000007FFC000000ull, &bsize, &bh);
	if (ht_env.gaudi1)
		CHECK_EQ(ret, -EPERM);
	CHECK_EQ(hlthunk_get_hw_block(fd, 0, NULL, &bh), -EINVAL);
	ret = hlthunk_allocate_timestamp_elements(fd, 16, &th);
	CHECK_EQ(ret, 0);
	CHECK(th != 0);
	CHECK_EQ(hlthunk_allocate_timestamp_elements(fd, 16, NULL), -EINVAL);
}

int main(void)
{
	int fd;

	ht_test_init("hlthunk-mem");
	fd = ht_open(HLTHUNK_DEVICE_DONT_CARE, NULL);
	CHECK(fd >= 0);
	alloc_free(fd);
	export_flags(fd);
	host_maps(fd);
	blocks_and_timestamps(fd);
	CHECK_EQ(hlthunk_close(fd), 0);
	return ht_test_done();
}
