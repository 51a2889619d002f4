/* SPDX-License-Identifier: MIT */
/*
 * The call sequence of UCX's Gaudi memory domain (src/uct/gaudi/base):
 * discovery through control nodes opened with open(2) by the node-name
 * macro, bus id and hw_ip on each, the device count; a device fd from
 * hlthunk_open_by_module_id (or a framework's fd); and the export of the
 * device's memory pool as a dma-buf with an offset into the mapping.
 * The pool is made here with alloc + map, standing in for SynapseAI.
 */
#include "httest.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define POOL (64ull << 20)
#define POOL_OFFSET (2ull << 20) /* where the pool starts in the mapping */

static int discover(uint32_t *module0)
{
	int found = 0;

	for (int i = 0; i < HLTHUNK_MAX_MINOR; i++) {
		struct hlthunk_hw_ip_info hw;
		char path[64], bus[13];
		int fd;

		snprintf(path, sizeof(path), HLTHUNK_DEV_NAME_CONTROL, i);
		fd = open(path, O_RDWR | O_CLOEXEC, 0);
		if (fd < 0)
			continue;
		CHECK_EQ(hlthunk_get_pci_bus_id_from_fd(fd, bus, sizeof(bus)), 0);
		CHECK_EQ(strcmp(bus, ht_env.desc[found].pci_bus_id), 0);
		memset(&hw, 0, sizeof(hw));
		CHECK_EQ(hlthunk_get_hw_ip_info(fd, &hw), 0);
		if (!found)
			*module0 = hw.module_id;
		close(fd);
		found++;
	}
	return found;
}

/* write value to the device address va with a one-packet CS */
static void device_write(int fd, uint64_t va, uint32_t value)
{
	struct hlthunk_cs_out out;
	struct hlthunk_cs_in in;
	struct hl_cs_chunk chunk;
	struct ht_cb cb;
	uint32_t status;

	CHECK_EQ(ht_cb_new(fd, 4096, &cb), 0);
	CHECK_EQ(ht_cb_msg_long(&cb, va, value), 0);
	ht_cb_chunk(&cb, &chunk);
	memset(&in, 0, sizeof(in));
	in.chunks_execute = &chunk;
	in.num_chunks_execute = 1;
	CHECK_EQ(hlthunk_command_submission(fd, &in, &out), 0);
	CHECK_EQ(hlthunk_wait_for_cs(fd, out.seq, 5000000, &status), 0);
	CHECK_EQ(status, HL_WAIT_CS_STATUS_COMPLETED);
	ht_cb_free(fd, &cb);
}

/* uct_gaudi_base_get_info: export [pool start, + size) of the mapping */
static void export_pool(int fd)
{
	uint64_t h = hlthunk_device_memory_alloc(fd, POOL, 0, false, false);
	uint64_t addr = hlthunk_device_memory_map(fd, h, 0);
	int dmabuf;

	CHECK(h != 0);
	if (ht_env.gaudi1) {
		/* Gaudi's DRAM has no MMU: there is no mapping to export from
		 * (UCX's Gaudi support starts with Gaudi2) */
		CHECK_EQ(addr, 0);
		CHECK_EQ(hlthunk_device_memory_free(fd, h), 0);
		return;
	}
	CHECK(addr != 0);
	device_write(fd, addr + POOL_OFFSET, 0xC0FFEE);
	dmabuf = hlthunk_device_mapped_memory_export_dmabuf_fd(fd, addr, POOL - POOL_OFFSET,
							       POOL_OFFSET, O_RDWR | O_CLOEXEC);
	if (!(ht_env.caps & HLA_CAP_DMABUF_OFFSET)) {
		/* a driver that would ignore the offset: refused, not wrong */
		CHECK_EQ(dmabuf, -EOPNOTSUPP);
		if (ht_env.sim)
			CHECK(ht_env.legacy);
	} else {
		uint32_t *p;

		CHECK(dmabuf >= 0);
		p = mmap(NULL, 4096, PROT_READ, MAP_SHARED, dmabuf, 0);
		CHECK(p != MAP_FAILED);
		if (p != MAP_FAILED) {
			CHECK_EQ(p[0], 0xC0FFEE); /* the pool's first byte */
			munmap(p, 4096);
		}
		close(dmabuf); /* uct_gaudi_base_close_dmabuf_fd */
	}
	CHECK_EQ(hlthunk_memory_unmap(fd, addr), 0);
	CHECK_EQ(hlthunk_device_memory_free(fd, h), 0);
}

int main(void)
{
	uint32_t module0 = 0;
	char bus[13];
	int n, fd;

	ht_test_init("hlthunk-ucx");
	n = discover(&module0);
	/* the macro names the accel control nodes, as hl-thunk's does */
	CHECK_EQ(n, ht_env.legacy ? 0 : (int)ht_env.ndev);
	CHECK_EQ(hlthunk_get_device_count(HLTHUNK_DEVICE_DONT_CARE), ht_env.ndev);
	if (ht_env.legacy)
		module0 = ht_env.desc[0].module_id;

	/* uct_gaudi_base_get_fd without SynapseAI */
	fd = hlthunk_open_by_module_id(module0);
	if (fd < 0)
		fd = ht_open(HLTHUNK_DEVICE_DONT_CARE, NULL);
	CHECK(fd >= 0);
	CHECK_EQ(hlthunk_get_pci_bus_id_from_fd(fd, bus, sizeof(bus)), 0);
	CHECK_EQ(strcmp(bus, ht_env.desc[0].pci_bus_id), 0);
	export_pool(fd);
	CHECK_EQ(hlthunk_close(fd), 0);

	/* with SynapseAI the fd is the framework's */
	fd = ht_raw_open(ht_env.ndev - 1, false);
	CHECK(fd >= 0);
	export_pool(fd);
	close(fd);
	return ht_test_done();
}
