/* SPDX-License-Identifier: MIT */
/*
 * The call sequence of perftest's accelerator memory (src/hl_memory.c):
 * open by PCI bus id, allocate (a bus id given with or without its
 * domain), map, export the mapping as a dma-buf, then unmap, free, close.
 * perftest includes "hlthunk.h" from -I<includedir>/habanalabs.
 */
#include "httest.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#define ACCEL_PAGE_SIZE 4096

struct hl_ctx {
	int device_fd;
	uint64_t handle;
	uint64_t addr;
	int dmabuf_fd;
};

/* hl_memory_allocate_buffer; false where perftest would report FAILURE */
static bool allocate(struct hl_ctx *c, uint64_t size)
{
	const size_t buf_size = (size + ACCEL_PAGE_SIZE - 1) & ~(size_t)(ACCEL_PAGE_SIZE - 1);

	/* perftest passes HL_MEM_CONTIGUOUS where a bool is taken */
	c->handle = hlthunk_device_memory_alloc(c->device_fd, buf_size, 0, HL_MEM_CONTIGUOUS,
						false);
	if (c->handle == 0)
		return false;
	c->addr = hlthunk_device_memory_map(c->device_fd, c->handle, 0);
	if (c->addr == 0)
		return false;
	c->dmabuf_fd = hlthunk_device_mapped_memory_export_dmabuf_fd(c->device_fd, c->addr,
								     buf_size, 0,
								     O_RDWR | O_CLOEXEC);
	return c->dmabuf_fd >= 0;
}

/* hl_memory_free_buffer (after the dma-buf's importer let it go) */
static void release(struct hl_ctx *c)
{
	if (c->dmabuf_fd >= 0)
		close(c->dmabuf_fd);
	if (c->addr)
		CHECK_EQ(hlthunk_memory_unmap(c->device_fd, c->addr), 0);
	CHECK_EQ(hlthunk_device_memory_free(c->device_fd, c->handle), 0);
}

static void run(const char *bus_id)
{
	struct hl_ctx c = { -1, 0, 0, -1 };
	bool ok;

	c.device_fd = ht_open(HLTHUNK_DEVICE_DONT_CARE, bus_id);
	CHECK(c.device_fd >= 0);
	ok = allocate(&c, 3 * 4096 + 1);
	CHECK(c.handle != 0);
	if (ht_env.gaudi1) {
		CHECK(!ok); /* no device MMU: nothing to map */
		CHECK_EQ(c.addr, 0);
		CHECK_EQ(errno, EINVAL);
	} else if (!(ht_env.caps & HLA_CAP_DMABUF_ADDR)) {
		CHECK(!ok); /* this driver exports by handle only */
		CHECK_EQ(c.dmabuf_fd, -EOPNOTSUPP);
		if (ht_env.sim)
			CHECK(ht_env.legacy);
	} else {
		CHECK(ok);
		CHECK(c.dmabuf_fd >= 0);
		CHECK_EQ(fcntl(c.dmabuf_fd, F_GETFD) & FD_CLOEXEC, FD_CLOEXEC);
	}
	release(&c);
	CHECK_EQ(hlthunk_close(c.device_fd), 0);
}

int main(void)
{
	const char *bus;

	ht_test_init("hlthunk-perftest");
	bus = ht_env.desc[0].pci_bus_id;
	run(bus);                     /* "0000:19:00.0" */
	run(strchr(bus, ':') + 1);    /* "19:00.0" */
	return ht_test_done();
}
