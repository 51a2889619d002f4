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


/* no form of export this device's memory can use (Gaudi2 on 6.1) */
static bool export_unsupported(void)
{
	uint64_t forms = HLA_CAP_DMABUF_ADDR | HLA_CAP_DMABUF_PHYS;

	return !(D.desc.caps & forms);
}

static uint64_t test_size(void)
{
	return 8u << 20;
}

static int export_range(uint64_t addr, uint64_t size, uint64_t offset,
			uint32_t flags, int *fd)
{
	HLA_STRUCT_INIT(hla_dmabuf_export, exp);

	exp.addr = addr;
	exp.size = size;
	exp.offset = offset;
	exp.flags = flags;
	return hla_mem_export_dmabuf(D.dev, &exp, fd);
}

/* Gaudi2: bounds of the mapping, offsets where the driver honours them */
static void gaudi2_bounds(const struct itest_dram *m, uint64_t size)
{
	uint64_t page = D.hw.dram_page_size;
	uint64_t alloc = (size + page - 1) / page * page;
	int fd;

	assert_int_equal(export_range(m->addr, alloc + 4096, 0, 0, &fd), -EINVAL);
	assert_int_equal(export_range(m->addr + 4096, 4096, 0, 0, &fd), -EINVAL);
	if (!(D.desc.caps & HLA_CAP_DMABUF_OFFSET)) {
		/* a driver that would ignore the offset: refused here */
		assert_int_equal(export_range(m->addr, 4096, 4096, 0, &fd), -EOPNOTSUPP);
		return;
	}
	assert_int_equal(export_range(m->addr, 4096, 4096, 0, &fd), 0);
	close(fd);
	assert_int_equal(export_range(m->addr, 4096, 100, 0, &fd), -EINVAL);
	assert_int_equal(export_range(m->addr, alloc, 4096, 0, &fd), -EINVAL);
}

/* Gaudi: physical addresses, page aligned, inside user DRAM, no offset */
static void gaudi1_bounds(const struct itest_dram *m)
{
	int fd;

	assert_true(D.desc.caps & HLA_CAP_DMABUF_PHYS);
	assert_int_equal(D.desc.caps & HLA_CAP_DMABUF_OFFSET, 0);
	assert_int_equal(export_range(m->addr + 1, 4096, 0, 0, &fd), -EINVAL);
	assert_int_equal(export_range(0, 4096, 0, 0, &fd), -EINVAL);
	assert_int_equal(export_range(m->addr, 4096, 4096, 0, &fd), -EOPNOTSUPP);
}

static void bounds_and_flags(void **state)
{
	struct itest_dram m;
	uint64_t size = test_size();
	int fd;

	(void)state;
	assert_int_equal(itest_dram_alloc(&D, size, &m), 0);
	if (export_unsupported()) {
		assert_int_equal(export_range(m.addr, size, 0, 0, &fd), -EOPNOTSUPP);
		assert_int_equal(itest_dram_free(&D, &m), 0);
		return;
	}
	/* default: read-write, close-on-exec */
	assert_int_equal(export_range(m.addr, size, 0, 0, &fd), 0);
	assert_true(fd >= 0);
	assert_int_equal(fcntl(fd, F_GETFD) & FD_CLOEXEC, FD_CLOEXEC);
	assert_int_equal(fcntl(fd, F_GETFL) & O_ACCMODE, O_RDWR);
	close(fd);
	/* flags are honoured */
	assert_int_equal(export_range(m.addr, size, 0,
				      HLA_DMABUF_RDONLY | HLA_DMABUF_INHERIT, &fd), 0);
	assert_int_equal(fcntl(fd, F_GETFD) & FD_CLOEXEC, 0);
	assert_int_equal(fcntl(fd, F_GETFL) & O_ACCMODE, O_RDONLY);
	close(fd);
	assert_int_equal(export_range(m.addr, size, 0, HLA_DMABUF_WRONLY, &fd), 0);
	assert_int_equal(fcntl(fd, F_GETFL) & O_ACCMODE, O_WRONLY);
	close(fd);
	assert_int_equal(export_range(m.addr, size, 0,
				      HLA_DMABUF_RDONLY | HLA_DMABUF_WRONLY, &fd),
			 -EINVAL);
	/* bounds */
	assert_int_equal(export_range(m.addr, 0, 0, 0, &fd), -EINVAL);
	if (D.gaudi2)
		gaudi2_bounds(&m, size);
	else
		gaudi1_bounds(&m);
	assert_int_equal(itest_dram_free(&D, &m), 0);
}

/* The export struct from older and newer callers; forms the driver lacks. */
static void sized_export(void **state)
{
	struct {
		struct hla_dmabuf_export e;
		uint64_t tail;
	} w;
	struct itest_dram m;
	int fd = -1;

	(void)state;
	if (export_unsupported())
		skip();
	assert_int_equal(itest_dram_alloc(&D, test_size(), &m), 0);
	memset(&w, 0, sizeof(w));
	w.e.addr = m.addr;
	w.e.size = test_size();
	/* newer caller: zero tail works, a used tail is refused */
	w.e.sz = sizeof(w);
	assert_int_equal(hla_mem_export_dmabuf(D.dev, &w.e, &fd), 0);
	close(fd);
	w.tail = 1;
	assert_int_equal(hla_mem_export_dmabuf(D.dev, &w.e, &fd), -E2BIG);
	/* older caller without the allocation handle */
	w.e.sz = offsetof(struct hla_dmabuf_export, handle);
	w.e.handle = 0xBAD; /* past its sz: never read */
	assert_int_equal(hla_mem_export_dmabuf(D.dev, &w.e, &fd), 0);
	close(fd);
	w.e.sz = 4;
	assert_int_equal(hla_mem_export_dmabuf(D.dev, &w.e, &fd), -EINVAL);
	/* export by allocation handle needs a driver that has it */
	w.e.sz = sizeof(w.e);
	w.e.flags = HLA_DMABUF_BY_HANDLE;
	w.e.handle = m.handle;
	if (!(D.desc.caps & HLA_CAP_DMABUF_HANDLE))
		assert_int_equal(hla_mem_export_dmabuf(D.dev, &w.e, &fd), -EOPNOTSUPP);
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
	assert_int_equal(export_range(m.addr, size, 0, 0, &fd), 0);
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
	assert_int_equal(export_range(m.addr, size, 0, 0, &fd), 0);
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

/*
 * The handle form: 6.1.0 exports the whole allocation (the driver's pages,
 * dram_page_size on Gaudi2); the 6.1 stable updates and 6.2 refuse it
 * themselves; later drivers have no such form, and the library says so.
 */
static void export_by_handle(void **state)
{
	const struct itest_sim_driver *s = itest_sim_driver();
	uint64_t size = 0, want;
	struct itest_dram m;
	void *map;
	int fd = -1, ret;

	(void)state;
	if (!D.gaudi2)
		skip(); /* Gaudi names its memory by physical address */
	assert_int_equal(itest_dram_alloc(&D, 4u << 20, &m), 0);
	ret = hla_mem_export_dmabuf_handle(D.dev, m.handle, 0, &fd, &size);
	if (!(D.desc.caps & HLA_CAP_DMABUF_HANDLE)) {
		assert_int_equal(ret, -EOPNOTSUPP);
	} else if (s ? strcmp(s->name, "6.1.0") != 0 : ret == -EOPNOTSUPP) {
		assert_int_equal(ret, -EOPNOTSUPP); /* refused by 6.1.y and 6.2 */
	} else {
		assert_int_equal(ret, 0);
		want = (4u << 20) + D.hw.dram_page_size - 1;
		assert_int_equal(size, want - want % D.hw.dram_page_size);
		/* the export holds the allocation, not its mapping */
		assert_int_equal(hla_mem_unmap(D.dev, m.addr), 0);
		m.mapped = false;
		assert_int_equal(hla_mem_free(D.dev, m.handle, 4u << 20), -EINVAL);
		if (s) { /* the simulator's stand-in for a peer's DMA */
			map = mmap(NULL, size, PROT_READ, MAP_SHARED, fd, 0);
			assert_true(map != MAP_FAILED);
			munmap(map, size);
		}
		close(fd);
	}
	assert_int_equal(itest_dram_free(&D, &m), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(bounds_and_flags),
		cmocka_unit_test(sized_export),
		cmocka_unit_test(importer_sees_device_memory),
		cmocka_unit_test(lifetime),
		cmocka_unit_test(export_by_handle),
	};

	itest_require_device();
	return cmocka_run_group_tests(tests, itest_setup, itest_teardown);
}
