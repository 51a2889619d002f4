/* SPDX-License-Identifier: MIT */
/* dma-buf export of device memory: bounds, fd flags, contents seen by an
 * importer, and what unmap, free and close do while a buffer is exported. */
#include "itest.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>


/* Gaudi2 on the 6.1 interface: the kernel has no export for it */
static bool export_unsupported(void)
{
	return D.legacy && D.gaudi2;
}

static uint64_t test_size(void)
{
	return 8u << 20;
}

static void bounds_and_flags(void **state)
{
	struct itest_dram m;
	uint64_t size = test_size();
	int fd;

	(void)state;
	assert_int_equal(itest_dram_alloc(&D, size, &m), 0);
	if (export_unsupported()) {
		assert_int_equal(hla_mem_export_dmabuf(D.dev, m.addr, size, 0, 0, &fd),
				 -EOPNOTSUPP);
		assert_int_equal(itest_dram_free(&D, &m), 0);
		return;
	}
	/* default: read-write, close-on-exec */
	assert_int_equal(hla_mem_export_dmabuf(D.dev, m.addr, size, 0, 0, &fd), 0);
	assert_true(fd >= 0);
	assert_int_equal(fcntl(fd, F_GETFD) & FD_CLOEXEC, FD_CLOEXEC);
	assert_int_equal(fcntl(fd, F_GETFL) & O_ACCMODE, O_RDWR);
	close(fd);
	/* flags are honoured */
	assert_int_equal(hla_mem_export_dmabuf(D.dev, m.addr, size, 0,
					       HLA_DMABUF_RDONLY | HLA_DMABUF_INHERIT,
					       &fd), 0);
	assert_int_equal(fcntl(fd, F_GETFD) & FD_CLOEXEC, 0);
	assert_int_equal(fcntl(fd, F_GETFL) & O_ACCMODE, O_RDONLY);
	close(fd);
	assert_int_equal(hla_mem_export_dmabuf(D.dev, m.addr, size, 0,
					       HLA_DMABUF_RDONLY | HLA_DMABUF_WRONLY,
					       &fd), -EINVAL);
	/* bounds */
	assert_int_equal(hla_mem_export_dmabuf(D.dev, m.addr, 0, 0, 0, &fd), -EINVAL);
	if (D.gaudi2) {
		uint64_t alloc = ((size + D.hw.dram_page_size - 1) / D.hw.dram_page_size) *
				 D.hw.dram_page_size;

		assert_int_equal(hla_mem_export_dmabuf(D.dev, m.addr, alloc + 4096, 0, 0,
						       &fd), -EINVAL);
		assert_int_equal(hla_mem_export_dmabuf(D.dev, m.addr + 4096, 4096, 0, 0,
						       &fd), -EINVAL);
		/* an offset inside the allocation (kernels from 6.7) */
		assert_int_equal(hla_mem_export_dmabuf(D.dev, m.addr, 4096, 4096, 0, &fd),
				 0);
		close(fd);
		assert_int_equal(hla_mem_export_dmabuf(D.dev, m.addr, 4096, 100, 0, &fd),
				 -EINVAL);
		assert_int_equal(hla_mem_export_dmabuf(D.dev, m.addr, alloc, 4096, 0, &fd),
				 -EINVAL);
	} else {
		/* Gaudi: physical addresses, page aligned, inside user DRAM */
		assert_int_equal(hla_mem_export_dmabuf(D.dev, m.addr + 1, 4096, 0, 0, &fd),
				 -EINVAL);
		assert_int_equal(hla_mem_export_dmabuf(D.dev, 0, 4096, 0, 0, &fd), -EINVAL);
		if (!D.legacy)
			assert_int_equal(hla_mem_export_dmabuf(D.dev, m.addr, 4096, 4096, 0,
							       &fd), -EINVAL);
	}
	assert_int_equal(itest_dram_free(&D, &m), 0);
}

static void importer_sees_device_memory(void **state)
{
	uint64_t size = test_size();
	struct itest_dram m;
	struct itest_host h;
	void *map;
	int fd;

	(void)state;
	if (export_unsupported() || !itest_on_sim())
		skip(); /* hardware dma-bufs are for peer devices, not the CPU */
	assert_int_equal(itest_dram_alloc(&D, size, &m), 0);
	assert_int_equal(itest_host_map(&D, size, &h), 0);
	itest_fill(h.ptr, size, 7);
	assert_int_equal(itest_dma(&D, h.va, m.addr, (uint32_t)size, 0), 0);
	assert_int_equal(hla_mem_export_dmabuf(D.dev, m.addr, size, 0, 0, &fd), 0);
	map = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	assert_true(map != MAP_FAILED);
	assert_memory_equal(map, h.ptr, size);
	/* and the device sees what the importer writes */
	memset(map, 0x3C, 4096);
	assert_int_equal(itest_dma(&D, m.addr, h.va, 4096, 0), 0);
	assert_int_equal(((unsigned char *)h.ptr)[4095], 0x3C);
	/* mapping past the buffer is refused */
	assert_true(mmap(NULL, size + 4096, PROT_READ, MAP_SHARED, fd, 0) == MAP_FAILED);
	munmap(map, size);
	close(fd);
	assert_int_equal(itest_host_unmap(&D, &h), 0);
	assert_int_equal(itest_dram_free(&D, &m), 0);
}

static void lifetime(void **state)
{
	uint64_t size = test_size();
	struct itest_dram m;
	struct hla_device *again;
	int fd;

	(void)state;
	if (export_unsupported())
		skip();
	assert_int_equal(itest_dram_alloc(&D, size, &m), 0);
	assert_int_equal(hla_mem_export_dmabuf(D.dev, m.addr, size, 0, 0, &fd), 0);
	if (D.gaudi2 && !D.legacy) {
		/* the export pins the mapping and therefore the allocation */
		assert_int_equal(hla_mem_unmap(D.dev, m.addr), -EINVAL);
		assert_int_equal(hla_mem_free(D.dev, m.handle, size), -EINVAL);
	}
	if (!D.legacy) {
		/* closing the compute fd does not release the device while the
		 * dma-buf lives */
		itest_close(&D);
		assert_int_equal(hla_device_open_index(0, 0, &again), -EBUSY);
		close(fd);
		assert_int_equal(hla_device_open_index(0, HLA_OPEN_RETRY, &again), 0);
		assert_int_equal(hla_device_close(again), 0);
		assert_int_equal(itest_open(&D), 0);
		return;
	}
	close(fd);
	assert_int_equal(itest_dram_free(&D, &m), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(bounds_and_flags),
		cmocka_unit_test(importer_sees_device_memory),
		cmocka_unit_test(lifetime),
	};

	itest_require_device();
	return cmocka_run_group_tests(tests, itest_setup, itest_teardown);
}
