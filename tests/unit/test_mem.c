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
	mock_ioctl_push_errno(EINTR);
	push_u64(8);
	assert_int_equal(hla_mem_alloc(U, 1, 0, 0, &h), 0);
	assert_int_equal(h, 8);
	{
		unsigned int before = mock_ioctl_count();

		assert_int_equal(hla_mem_alloc(U, 0, 0, 0, &h), -EINVAL);
		assert_int_equal(hla_mem_alloc(U, 1, 0, 0x40, &h), -EINVAL);
		assert_int_equal(hla_mem_alloc(U, 1, 3000, 0, &h), -EINVAL);
		assert_int_equal(hla_mem_alloc(U, 1, 0, 0, NULL), -EINVAL);
		assert_int_equal(hla_mem_free(NULL, 1, 1), -EINVAL);
		assert_int_equal(mock_ioctl_count(), before);
	}
}

static void gaudi_free_takes_size(void **state)
{
	(void)state;
	assert_int_equal(hla_mem_free(U, 0, 12345), 0);
	assert_int_equal(last_mem().in.alloc.mem_size, 12345);
	assert_int_equal(hla_mem_free(U, 0, 0), -EINVAL);
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
	mock_ioctl_push_errno(EFAULT);
	assert_int_equal(hla_mem_map_host(U, buf, sizeof(buf), 0, 0, &va), -EFAULT);
	{
		unsigned int before = mock_ioctl_count();

		assert_int_equal(hla_mem_map(U, 7, 0, 0x4, &va), -EINVAL);
		assert_int_equal(hla_mem_map(U, 7, 0, 0, NULL), -EINVAL);
		assert_int_equal(hla_mem_map_host(U, NULL, 10, 0, 0, &va), -EINVAL);
		assert_int_equal(hla_mem_map_host(U, buf, 0, 0, 0, &va), -EINVAL);
		assert_int_equal(hla_mem_map_host(U, (void *)(uintptr_t)UINT64_MAX, 2, 0, 0, &va),
				 -EINVAL);
		assert_int_equal(hla_mem_unmap(NULL, va), -EINVAL);
		assert_int_equal(mock_ioctl_count(), before);
	}
}

static void blocks_and_ts(void **state)
{
	union hlk_mem_args o;
	uint64_t h = 0;
	uint32_t size = 0;

	(void)state;
	memset(&o, 0, sizeof(o));
	o.out.block_handle = 0x2000000000001000ull;
	o.out.block_size = 0x8000;
	mock_ioctl_push_out(&o, sizeof(o));
	assert_int_equal(hla_mem_map_block(U, 0x1000007FFCE00000ull, &h, &size), 0);
	assert_int_equal(h, 0x2000000000001000ull);
	assert_int_equal(size, 0x8000);
	assert_int_equal(last_mem().in.op, HLK_MEM_OP_MAP_BLOCK);
	assert_int_equal(last_mem().in.map_block.block_addr, 0x1000007FFCE00000ull);
	assert_int_equal(hla_mem_map_block(U, 1, &h, NULL), -EINVAL);
	push_u64(0x8000000000002000ull);
	assert_int_equal(hla_ts_alloc(U, 64, &h), 0);
	assert_int_equal(h, 0x8000000000002000ull);
	assert_int_equal(last_mem().in.op, HLK_MEM_OP_TS_ALLOC);
	assert_int_equal(last_mem().in.num_of_elements, 64);
	assert_int_equal(hla_ts_alloc(U, 0, &h), -EINVAL);
	assert_int_equal(hla_ts_alloc(U, HLA_TS_MAX_ELEMENTS + 1, &h), -EINVAL);
}

static void export(void **state)
{
	union hlk_mem_args o;
	int fd = -1;
	union hlk_mem_args a;
	unsigned int before;

	(void)state;
	memset(&o, 0, sizeof(o));
	o.out.fd = 42;
	mock_ioctl_push_out(&o, sizeof(o));
	assert_int_equal(hla_mem_export_dmabuf(U, 0x1001000040000000ull, 1 << 20, 0, 0, &fd), 0);
	assert_int_equal(fd, 42);
	a = last_mem();
	assert_int_equal(a.in.op, HLK_MEM_OP_EXPORT_DMABUF_FD);
	assert_int_equal(a.in.export_dmabuf_fd.addr, 0x1001000040000000ull);
	assert_int_equal(a.in.export_dmabuf_fd.mem_size, 1 << 20);
	assert_int_equal(a.in.export_dmabuf_fd.offset, 0);
	assert_int_equal(a.in.flags, O_RDWR | O_CLOEXEC);
	mock_ioctl_push_out(&o, sizeof(o));
	assert_int_equal(hla_mem_export_dmabuf(U, 0x1000, 4096, 0,
					       HLA_DMABUF_RDONLY | HLA_DMABUF_INHERIT, &fd), 0);
	assert_int_equal(last_mem().in.flags, O_RDONLY);
	mock_ioctl_push_out(&o, sizeof(o));
	assert_int_equal(hla_mem_export_dmabuf(U, 0x1000, 4096, 0, HLA_DMABUF_WRONLY, &fd), 0);
	assert_int_equal(last_mem().in.flags, O_WRONLY | O_CLOEXEC);
	before = mock_ioctl_count();
	assert_int_equal(hla_mem_export_dmabuf(U, 0x1000, 4096, 0,
					       HLA_DMABUF_RDONLY | HLA_DMABUF_WRONLY, &fd), -EINVAL);
	assert_int_equal(hla_mem_export_dmabuf(U, 0x1000, 4096, 0, 0x80, &fd), -EINVAL);
	assert_int_equal(hla_mem_export_dmabuf(U, 0x1000, 0, 0, 0, &fd), -EINVAL);
	assert_int_equal(hla_mem_export_dmabuf(U, 0x1000, 4096, 0, 0, NULL), -EINVAL);
	assert_int_equal(mock_ioctl_count(), before);
	/* an offset needs 6.7: the legacy interface here reports 6.1 */
	if (mock_iface == HLA_INTERFACE_LEGACY) {
		assert_int_equal(hla_mem_export_dmabuf(U, 0x1000, 4096, 4096, 0, &fd), -EOPNOTSUPP);
		assert_int_equal(mock_ioctl_count(), before);
	} else {
		mock_ioctl_push_out(&o, sizeof(o));
		assert_int_equal(hla_mem_export_dmabuf(U, 0x1000, 4096, 4096, 0, &fd), 0);
		assert_int_equal(last_mem().in.export_dmabuf_fd.offset, 4096);
	}
	mock_ioctl_push_errno(EOPNOTSUPP);
	assert_int_equal(hla_mem_export_dmabuf(U, 0x1000, 4096, 0, 0, &fd), -EOPNOTSUPP);
}

static void export_offset_by_kernel(void **state)
{
	int fd;
	struct hla_device *dev;
	static const char *const rel[] = { "6.1.0", "6.5.0", "6.6.3" };

	(void)state;
	for (size_t i = 0; i < 3; i++) {
		mock_reset();
		mock_set_kernel_release(rel[i]);
		mock_add_device(mock_iface, HLA_ASIC_GAUDI2, 0, 0, "0000:19:00.0");
		assert_int_equal(hla_device_open_index(0, 0, &dev), 0);
		assert_int_equal(hla_mem_export_dmabuf(dev, 0x1000, 4096, 4096, 0, &fd),
				 -EOPNOTSUPP);
		assert_int_equal(mock_ioctl_count(), 1); /* only the open's query */
		hla_device_close(dev);
	}
}

int main(int argc, char **argv)
{
#define T(f) cmocka_unit_test_setup_teardown(f, unit_open, unit_close)
	const struct CMUnitTest tests[] = {
		T(alloc_free),
		cmocka_unit_test_setup_teardown(gaudi_free_takes_size, unit_open_gaudi, unit_close),
		T(map_unmap), T(blocks_and_ts), T(export),
		cmocka_unit_test(export_offset_by_kernel),
	};

	return UNIT_MAIN(tests, NULL, NULL);
}
