/* SPDX-License-Identifier: MIT */
/* MEMORY: alloc, free, map, unmap, blocks, dma-buf export, TS buffers. */
#include "unit.h"

#include <fcntl.h>

static union hlk_mem_args last_mem(void)
{
	union hlk_mem_args a;

	EXPECT_REQ(HLK_CMD_MEMORY);
	memcpy(&a, mock_ioctl_last()->in, sizeof(a));
	return a;
}

static void push_u64(uint64_t v)
{
	union hlk_mem_args o;

	memset(&o, 0, sizeof(o));
	o.out.handle = v;
	mock_ioctl_push_out(&o, sizeof(o));
}

static void alloc_free(void **state)
{
	uint64_t h = 0;
	union hlk_mem_args a;

	(void)state;
	push_u64(7);
	assert_int_equal(hla_mem_alloc(U, 1 << 20, 0, HLA_MEM_CONTIGUOUS | HLA_MEM_SHARED, &h), 0);
	assert_int_equal(h, 7);
	a = last_mem();
	assert_int_equal(a.in.op, HLK_MEM_OP_ALLOC);
	assert_int_equal(a.in.alloc.mem_size, 1 << 20);
	assert_int_equal(a.in.alloc.page_size, 0);
	assert_int_equal(a.in.flags, HLK_MEM_CONTIGUOUS | HLK_MEM_SHARED);
	assert_int_equal(hla_mem_free(U, 7, 1 << 20), 0);
	a = last_mem();
	assert_int_equal(a.in.op, HLK_MEM_OP_FREE);
	assert_int_equal(a.in.free.handle, 7); /* Gaudi2: the handle */
	mock_ioctl_push_errno(ENOMEM);
	assert_int_equal(hla_mem_alloc(U, 1, 0, 0, &h), -ENOMEM);
	/* no ioctl is restarted on EINTR */
	h = 8;
	mock_ioctl_push_errno(EINTR);
	EXPECT_ONE_IOCTL(hla_mem_alloc(U, 1, 0, 0, &h), -EINTR);
	assert_int_equal(h, 8);
	push_u64(9);
	EXPECT_ONE_IOCTL(hla_mem_alloc(U, 1ull << 40, 2u << 20, 0, &h), 0);
	assert_int_equal(last_mem().in.alloc.page_size, 2u << 20);
	assert_int_equal(last_mem().in.alloc.mem_size, 1ull << 40);
	mock_ioctl_push_errno(EINVAL);
	EXPECT_ONE_IOCTL(hla_mem_free(U, 7, 0), -EINVAL);
	EXPECT_NO_IOCTL(hla_mem_alloc(U, 0, 0, 0, &h), -EINVAL);
	EXPECT_NO_IOCTL(hla_mem_alloc(U, 1, 0, 0x40, &h), -EINVAL);
	EXPECT_NO_IOCTL(hla_mem_alloc(U, 1, 0, HLA_MEM_FORCE_HINT, &h), -EINVAL);
	EXPECT_NO_IOCTL(hla_mem_alloc(U, 1, 3000, 0, &h), -EINVAL);
	EXPECT_NO_IOCTL(hla_mem_alloc(U, 1, 0, 0, NULL), -EINVAL);
	EXPECT_NO_IOCTL(hla_mem_alloc(NULL, 1, 0, 0, &h), -EINVAL);
	EXPECT_NO_IOCTL(hla_mem_free(NULL, 1, 1), -EINVAL);
}

static void gaudi_free_takes_size(void **state)
{
	(void)state;
	EXPECT_ONE_IOCTL(hla_mem_free(U, 0, 12345), 0);
	assert_int_equal(last_mem().in.op, HLK_MEM_OP_FREE);
	assert_int_equal(last_mem().in.alloc.mem_size, 12345);
	EXPECT_NO_IOCTL(hla_mem_free(U, 0, 0), -EINVAL);
}

static void map_unmap(void **state)
{
	uint64_t va = 0;
	char buf[100];
	union hlk_mem_args a;

	(void)state;
	push_u64(0x1001000040000000ull);
	assert_int_equal(hla_mem_map(U, 7, 0x1001000080000000ull, HLA_MEM_FORCE_HINT, &va), 0);
	assert_int_equal(va, 0x1001000040000000ull);
	a = last_mem();
	assert_int_equal(a.in.op, HLK_MEM_OP_MAP);
	assert_int_equal(a.in.map_device.handle, 7);
	assert_int_equal(a.in.map_device.hint_addr, 0x1001000080000000ull);
	assert_int_equal(a.in.flags, HLK_MEM_FORCE_HINT);
	push_u64(0xFFF0000000000010ull);
	assert_int_equal(hla_mem_map_host(U, buf, sizeof(buf), 0, 0, &va), 0);
	assert_int_equal(va, 0xFFF0000000000010ull);
	a = last_mem();
	assert_int_equal(a.in.map_host.host_virt_addr, (uint64_t)(uintptr_t)buf);
	assert_int_equal(a.in.map_host.mem_size, sizeof(buf));
	assert_int_equal(a.in.map_host.hint_addr, 0);
	assert_int_equal(a.in.flags, HLK_MEM_USERPTR);
	assert_int_equal(hla_mem_unmap(U, va), 0);
	a = last_mem();
	assert_int_equal(a.in.op, HLK_MEM_OP_UNMAP);
	assert_int_equal(a.in.unmap.device_virt_addr, va);
	push_u64(0xFFF0000000000020ull);
	EXPECT_ONE_IOCTL(hla_mem_map_host(U, buf, sizeof(buf), 0xFFF0000000100000ull,
					  HLA_MEM_FORCE_HINT, &va), 0);
	assert_int_equal(last_mem().in.flags, HLK_MEM_USERPTR | HLK_MEM_FORCE_HINT);
	assert_int_equal(last_mem().in.map_host.hint_addr, 0xFFF0000000100000ull);
	mock_ioctl_push_errno(EFAULT);
	EXPECT_ONE_IOCTL(hla_mem_map_host(U, buf, sizeof(buf), 0, 0, &va), -EFAULT);
	mock_ioctl_push_errno(ENOMEM);
	EXPECT_ONE_IOCTL(hla_mem_map(U, 7, 0, 0, &va), -ENOMEM);
	mock_ioctl_push_errno(EINVAL);
	EXPECT_ONE_IOCTL(hla_mem_unmap(U, 0x1234), -EINVAL);
	EXPECT_NO_IOCTL(hla_mem_map(U, 7, 0, 0x4, &va), -EINVAL);
	EXPECT_NO_IOCTL(hla_mem_map(U, 7, 0, 0, NULL), -EINVAL);
	EXPECT_NO_IOCTL(hla_mem_map(NULL, 7, 0, 0, &va), -EINVAL);
	EXPECT_NO_IOCTL(hla_mem_map_host(U, NULL, 10, 0, 0, &va), -EINVAL);
	EXPECT_NO_IOCTL(hla_mem_map_host(U, buf, 0, 0, 0, &va), -EINVAL);
	EXPECT_NO_IOCTL(hla_mem_map_host(U, buf, 10, 0, 0x4, &va), -EINVAL);
	EXPECT_NO_IOCTL(hla_mem_map_host(U, buf, 10, 0, 0, NULL), -EINVAL);
	EXPECT_NO_IOCTL(hla_mem_map_host(NULL, buf, 10, 0, 0, &va), -EINVAL);
	EXPECT_NO_IOCTL(hla_mem_map_host(U, (void *)(uintptr_t)UINTPTR_MAX, 2, 0, 0, &va),
			-EINVAL);
	EXPECT_NO_IOCTL(hla_mem_unmap(NULL, va), -EINVAL);
}

static void blocks_and_ts(void **state)
{
	union hlk_mem_args o;
	uint64_t h = 0;
	size_t size = 0;

	(void)state;
	memset(&o, 0, sizeof(o));
	o.out.block_handle = 0x2000000000001000ull;
	o.out.block_size = 0x8000;
	mock_ioctl_push_out(&o, sizeof(o));
	EXPECT_ONE_IOCTL(hla_block_map(U, 0x1000007FFCE00000ull, &h, &size), 0);
	assert_int_equal(h, 0x2000000000001000ull);
	assert_int_equal(size, 0x8000);
	assert_int_equal(last_mem().in.op, HLK_MEM_OP_MAP_BLOCK);
	assert_int_equal(last_mem().in.map_block.block_addr, 0x1000007FFCE00000ull);
	mock_ioctl_push_errno(EINVAL);
	EXPECT_ONE_IOCTL(hla_block_map(U, 1, &h, &size), -EINVAL);
	EXPECT_NO_IOCTL(hla_block_map(U, 1, &h, NULL), -EINVAL);
	EXPECT_NO_IOCTL(hla_block_map(U, 1, NULL, &size), -EINVAL);
	EXPECT_NO_IOCTL(hla_block_map(NULL, 1, &h, &size), -EINVAL);
	push_u64(0x8000000000002000ull);
	EXPECT_ONE_IOCTL(hla_ts_alloc(U, 64, &h), 0);
	assert_int_equal(h, 0x8000000000002000ull);
	assert_int_equal(last_mem().in.op, HLK_MEM_OP_TS_ALLOC);
	assert_int_equal(last_mem().in.num_of_elements, 64);
	EXPECT_ONE_IOCTL(hla_ts_alloc(U, HLA_TS_MAX_ELEMENTS, &h), 0);
	mock_ioctl_push_errno(ENOMEM);
	EXPECT_ONE_IOCTL(hla_ts_alloc(U, 1, &h), -ENOMEM);
	EXPECT_NO_IOCTL(hla_ts_alloc(U, 0, &h), -EINVAL);
	EXPECT_NO_IOCTL(hla_ts_alloc(U, HLA_TS_MAX_ELEMENTS + 1, &h), -EINVAL);
	EXPECT_NO_IOCTL(hla_ts_alloc(U, 1, NULL), -EINVAL);
	EXPECT_NO_IOCTL(hla_ts_alloc(NULL, 1, &h), -EINVAL);
}

/* a driver that exports by device address: 6.8 on accel, 6.5 on legacy */
static int open_exporting(void **state)
{
	(void)state;
	return unit_open_driver(mock_iface == HLA_INTERFACE_ACCEL ? &UNIT_UPSTREAM_68 :
								    &UNIT_UPSTREAM_65,
				mock_iface, HLA_ASIC_GAUDI2, 0, &U);
}

static int export_fd(uint32_t flags, uint64_t offset, uint64_t size, int answer_fd)
{
	HLA_STRUCT_INIT(hla_dmabuf_export, e);
	union hlk_mem_args o;
	int fd = -1, ret;

	memset(&o, 0, sizeof(o));
	o.out.fd = answer_fd;
	mock_ioctl_push_out(&o, sizeof(o));
	e.flags = flags;
	e.addr = 0x1001000040000000ull;
	e.offset = offset;
	e.size = size;
	ret = hla_mem_export_dmabuf(U, &e, &fd);
	if (!ret)
		assert_int_equal(fd, answer_fd);
	else
		assert_int_equal(fd, -1);
	mock_ioctl_drop_pushes();
	return ret;
}

static void export(void **state)
{
	union hlk_mem_args a;

	(void)state;
	EXPECT_ONE_IOCTL(export_fd(0, 0, 1 << 20, 42), 0);
	a = last_mem();
	assert_int_equal(a.in.op, HLK_MEM_OP_EXPORT_DMABUF_FD);
	assert_int_equal(a.in.export_dmabuf_fd.addr, 0x1001000040000000ull);
	assert_int_equal(a.in.export_dmabuf_fd.mem_size, 1 << 20);
	assert_int_equal(a.in.export_dmabuf_fd.offset, 0);
	assert_int_equal(a.in.flags, O_RDWR | O_CLOEXEC);
	EXPECT_ONE_IOCTL(export_fd(HLA_DMABUF_RDONLY | HLA_DMABUF_INHERIT, 0, 4096, 43), 0);
	assert_int_equal(last_mem().in.flags, O_RDONLY);
	EXPECT_ONE_IOCTL(export_fd(HLA_DMABUF_WRONLY, 0, 4096, 0), 0);
	assert_int_equal(last_mem().in.flags, O_WRONLY | O_CLOEXEC);
	/* what the driver hands back must be an fd */
	EXPECT_ONE_IOCTL(export_fd(0, 0, 4096, -3), -EBADF);
	mock_ioctl_push_errno(EOPNOTSUPP);
	EXPECT_ONE_IOCTL(export_fd(0, 0, 4096, 1), -EOPNOTSUPP);
	mock_ioctl_push_errno(EINTR);
	EXPECT_ONE_IOCTL(export_fd(0, 0, 4096, 1), -EINTR);
	EXPECT_NO_IOCTL(export_fd(HLA_DMABUF_RDONLY | HLA_DMABUF_WRONLY, 0, 4096, 1), -EINVAL);
	EXPECT_NO_IOCTL(export_fd(0x80, 0, 4096, 1), -EINVAL);
	EXPECT_NO_IOCTL(export_fd(0, 0, 0, 1), -EINVAL);
	EXPECT_NO_IOCTL(export_fd(0, UINT64_MAX - 10, 4096, 1), -EINVAL);
	if (mock_iface == HLA_INTERFACE_ACCEL) {
		EXPECT_ONE_IOCTL(export_fd(0, 8192, 4096, 44), 0);
		assert_int_equal(last_mem().in.export_dmabuf_fd.offset, 8192);
	} else {
		/* 6.5 checks an offset and then ignores it */
		EXPECT_NO_IOCTL(export_fd(0, 8192, 4096, 44), -EOPNOTSUPP);
	}
}

static void export_bad_args(void **state)
{
	HLA_STRUCT_INIT(hla_dmabuf_export, e);
	int fd = -1;

	(void)state;
	e.addr = 0x1000;
	e.size = 4096;
	EXPECT_NO_IOCTL(hla_mem_export_dmabuf(U, &e, NULL), -EINVAL);
	EXPECT_NO_IOCTL(hla_mem_export_dmabuf(U, NULL, &fd), -EINVAL);
	EXPECT_NO_IOCTL(hla_mem_export_dmabuf(NULL, &e, &fd), -EINVAL);
	e.sz = 4;
	EXPECT_NO_IOCTL(hla_mem_export_dmabuf(U, &e, &fd), -EINVAL);
	assert_int_equal(fd, -1);
}

/* a struct from a newer library (a zero tail) takes the full path: the
 * kernel must see the same request as from the fast path */
static void export_paths_agree(void **state)
{
	/* 6.5 (legacy here) refuses an offset, 6.8 takes it */
	uint64_t off = mock_iface == HLA_INTERFACE_ACCEL ? 4096 : 0;
	uint32_t flags = HLA_DMABUF_WRONLY | HLA_DMABUF_INHERIT;
	struct {
		struct hla_dmabuf_export e;
		uint64_t tail;
	} big;
	union hlk_mem_args fast, full;
	int fd = -1;

	(void)state;
	EXPECT_ONE_IOCTL(export_fd(flags, off, 8192, 45), 0);
	fast = last_mem();
	memset(&big, 0, sizeof(big));
	big.e.sz = sizeof(big);
	big.e.flags = flags;
	big.e.addr = 0x1001000040000000ull;
	big.e.offset = off;
	big.e.size = 8192;
	mock_ioctl_push_out(&fast, sizeof(fast));
	EXPECT_ONE_IOCTL(hla_mem_export_dmabuf(U, &big.e, &fd), 0);
	mock_ioctl_drop_pushes();
	full = last_mem();
	assert_memory_equal(&fast.in, &full.in, sizeof(fast.in));
	big.e.offset = 4096;
	if (mock_iface != HLA_INTERFACE_ACCEL)
		EXPECT_NO_IOCTL(hla_mem_export_dmabuf(U, &big.e, &fd), -EOPNOTSUPP);
	big.tail = 1;
	EXPECT_NO_IOCTL(hla_mem_export_dmabuf(U, &big.e, &fd), -E2BIG);
}

int main(int argc, char **argv)
{
#define T UNIT_TEST
#define E(f) cmocka_unit_test_setup_teardown(f, open_exporting, unit_close)
	const struct CMUnitTest tests[] = {
		T(alloc_free),
		cmocka_unit_test_setup_teardown(gaudi_free_takes_size, unit_open_gaudi, unit_close),
		T(map_unmap), T(blocks_and_ts), E(export), E(export_bad_args),
		E(export_paths_agree),
	};

	return UNIT_MAIN(tests, NULL, NULL);
}
