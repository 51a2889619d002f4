/* SPDX-License-Identifier: MIT */
/* Command buffers and the CPU mappings of CBs, TS buffers and blocks. */
#include "unit.h"

#include <sys/mman.h>

#define CB_HANDLE 0x1000000000003000ull
#define TS_HANDLE 0x8000000000004000ull
#define BLOCK_HANDLE 0x2000000000001000ull

static union hlk_cb_args last_cb(void)
{
	union hlk_cb_args a;

	EXPECT_REQ(HLK_CMD_CB);
	memcpy(&a, mock_ioctl_last()->in, sizeof(a));
	return a;
}

static void create(void **state)
{
	union hlk_cb_args out;
	uint64_t h = 0;

	(void)state;
	memset(&out, 0, sizeof(out));
	out.out.cb_handle = CB_HANDLE;
	mock_ioctl_push_out(&out, sizeof(out));
	assert_int_equal(hla_cb_create(U, 5000, HLA_CB_MAP, &h), 0);
	assert_int_equal(h, CB_HANDLE);
	{
		union hlk_cb_args a = last_cb();

		assert_int_equal(a.in.op, HLK_CB_OP_CREATE);
		assert_int_equal(a.in.cb_size, 5000);
		assert_int_equal(a.in.flags, HLK_CB_FLAGS_MAP);
		assert_int_equal(a.in.ctx_id, 0);
	}
	mock_ioctl_push_out(&out, sizeof(out));
	assert_int_equal(hla_cb_create(U, 0, 0, &h), 0);
	assert_int_equal(last_cb().in.flags, 0);
	mock_ioctl_push_errno(ENOMEM);
	assert_int_equal(hla_cb_create(U, 4096, HLA_CB_MAP, &h), -ENOMEM);
	/* no ioctl is restarted on EINTR */
	h = 0;
	mock_ioctl_push_errno(EINTR);
	EXPECT_ONE_IOCTL(hla_cb_create(U, 4096, 0, &h), -EINTR);
	assert_int_equal(h, 0);
	/* the largest CB there is */
	mock_ioctl_push_out(&out, sizeof(out));
	EXPECT_ONE_IOCTL(hla_cb_create(U, HLA_CB_MAX_SIZE, 0, &h), 0);
	assert_int_equal(last_cb().in.cb_size, HLA_CB_MAX_SIZE);
	EXPECT_NO_IOCTL(hla_cb_create(U, HLA_CB_MAX_SIZE + 1, 0, &h), -EINVAL);
	EXPECT_NO_IOCTL(hla_cb_create(U, (size_t)UINT32_MAX + 4096, 0, &h), -EINVAL);
	EXPECT_NO_IOCTL(hla_cb_create(U, 4096, 0x4, &h), -EINVAL);
	EXPECT_NO_IOCTL(hla_cb_create(U, 4096, 0, NULL), -EINVAL);
	EXPECT_NO_IOCTL(hla_cb_create(NULL, 4096, 0, &h), -EINVAL);
}

static void destroy_info(void **state)
{
	union hlk_cb_args out;
	uint32_t cnt = 0;
	uint64_t va = 0;
	unsigned int before;

	(void)state;
	EXPECT_ONE_IOCTL(hla_cb_destroy(U, CB_HANDLE), 0);
	assert_int_equal(last_cb().in.op, HLK_CB_OP_DESTROY);
	assert_int_equal(last_cb().in.cb_handle, CB_HANDLE);
	memset(&out, 0, sizeof(out));
	out.out.usage_cnt = 3;
	mock_ioctl_push_out(&out, sizeof(out));
	assert_int_equal(hla_cb_get_usage(U, CB_HANDLE, &cnt), 0);
	assert_int_equal(cnt, 3);
	assert_int_equal(last_cb().in.op, HLK_CB_OP_INFO);
	assert_int_equal(last_cb().in.flags, 0);
	out.out.device_va = 0xFFF0000000123000ull;
	mock_ioctl_push_out(&out, sizeof(out));
	assert_int_equal(hla_cb_get_device_va(U, CB_HANDLE, &va), 0);
	assert_int_equal(va, 0xFFF0000000123000ull);
	assert_int_equal(last_cb().in.flags, HLK_CB_FLAGS_GET_DEVICE_VA);
	mock_ioctl_push_errno(EINVAL);
	EXPECT_ONE_IOCTL(hla_cb_destroy(U, CB_HANDLE), -EINVAL);
	mock_ioctl_push_errno(EINVAL);
	EXPECT_ONE_IOCTL(hla_cb_get_usage(U, CB_HANDLE, &cnt), -EINVAL);
	mock_ioctl_push_errno(EINVAL);
	EXPECT_ONE_IOCTL(hla_cb_get_device_va(U, CB_HANDLE, &va), -EINVAL);
	before = mock_ioctl_count();
	assert_int_equal(hla_cb_destroy(U, 0), -EINVAL);
	assert_int_equal(hla_cb_destroy(U, TS_HANDLE), -EINVAL);
	assert_int_equal(hla_cb_destroy(U, HLK_MMAP_TYPE_CB), -EINVAL);
	assert_int_equal(hla_cb_destroy(NULL, CB_HANDLE), -EINVAL);
	assert_int_equal(hla_cb_get_usage(U, CB_HANDLE, NULL), -EINVAL);
	assert_int_equal(hla_cb_get_usage(U, TS_HANDLE, &cnt), -EINVAL);
	assert_int_equal(hla_cb_get_usage(NULL, CB_HANDLE, &cnt), -EINVAL);
	assert_int_equal(hla_cb_get_device_va(U, 0x1000, &va), -EINVAL);
	assert_int_equal(hla_cb_get_device_va(U, CB_HANDLE, NULL), -EINVAL);
	assert_int_equal(hla_cb_get_device_va(NULL, CB_HANDLE, &va), -EINVAL);
	assert_int_equal(mock_ioctl_count(), before);
}

static void mappings(void **state)
{
	void *p;
	const struct mock_mmap_call *m;
	unsigned int ioctls = mock_ioctl_count();

	(void)state;
	assert_int_equal(hla_cb_mmap(U, CB_HANDLE, 5000, &p), 0);
	m = mock_mmap_last();
	assert_int_equal(m->len, 8192);
	assert_int_equal(m->offset, CB_HANDLE);
	assert_int_equal(m->prot, PROT_READ | PROT_WRITE);
	assert_int_equal(m->flags, MAP_SHARED);
	assert_int_equal(m->fd, hla_device_get_fd(U));
	assert_int_equal(hla_cb_munmap(p, 5000), 0);
	assert_int_equal(mock_munmap_last_len(), 8192);
	assert_int_equal(hla_cb_mmap(U, CB_HANDLE, 100, &p), 0);
	assert_int_equal(mock_mmap_last()->len, 4096);
	assert_int_equal(hla_cb_munmap(p, 100), 0);
	assert_int_equal(hla_ts_mmap(U, TS_HANDLE, 513, &p), 0);
	assert_int_equal(mock_mmap_last()->len, 8192);
	assert_int_equal(mock_mmap_last()->offset, TS_HANDLE);
	assert_int_equal(hla_ts_munmap(p, 513), 0);
	assert_int_equal(hla_block_mmap(U, BLOCK_HANDLE, 0x8000, &p), 0);
	assert_int_equal(mock_mmap_last()->len, 0x8000);
	assert_int_equal(hla_block_munmap(p, 0x8000), 0);
	assert_int_equal(mock_munmap_last_len(), 0x8000);
	assert_int_equal(mock_munmap_count(), 4);
	/* the largest TS buffer: 2^20 u64 = 8 MiB */
	assert_int_equal(hla_ts_mmap(U, TS_HANDLE, HLA_TS_MAX_ELEMENTS, &p), 0);
	assert_int_equal(mock_mmap_last()->len, 8u << 20);
	assert_int_equal(hla_ts_munmap(p, HLA_TS_MAX_ELEMENTS), 0);
	assert_int_equal(mock_munmap_last_len(), 8u << 20);
	assert_int_equal(mock_munmap_count(), 5);
	mock_mmap_fail_next(EINVAL);
	assert_int_equal(hla_cb_mmap(U, CB_HANDLE, 4096, &p), -EINVAL);
	assert_int_equal(hla_cb_mmap(U, TS_HANDLE, 4096, &p), -EINVAL);
	assert_int_equal(hla_ts_mmap(U, CB_HANDLE, 1, &p), -EINVAL);
	assert_int_equal(hla_ts_mmap(U, TS_HANDLE, 0, &p), -EINVAL);
	assert_int_equal(hla_block_mmap(U, CB_HANDLE, 4096, &p), -EINVAL);
	assert_int_equal(hla_block_mmap(U, BLOCK_HANDLE, 0, &p), -EINVAL);
	assert_int_equal(hla_cb_mmap(U, CB_HANDLE, 4096, NULL), -EINVAL);
	assert_int_equal(hla_cb_munmap(NULL, 4096), -EINVAL);
	assert_int_equal(hla_cb_munmap((void *)(uintptr_t)0x1001, 4096), -EINVAL);
	assert_int_equal(hla_ts_munmap(p, 0), -EINVAL);
	assert_int_equal(hla_block_munmap(p, 0), -EINVAL);
	assert_int_equal(hla_cb_mmap(NULL, CB_HANDLE, 4096, &p), -EINVAL);
	assert_int_equal(hla_cb_mmap(U, CB_HANDLE, HLA_CB_MAX_SIZE + 1, &p), -EINVAL);
	assert_int_equal(hla_cb_munmap(p, HLA_CB_MAX_SIZE + 1), -EINVAL);
	assert_int_equal(hla_ts_mmap(U, TS_HANDLE, HLA_TS_MAX_ELEMENTS + 1, &p), -EINVAL);
	assert_int_equal(hla_ts_mmap(NULL, TS_HANDLE, 1, &p), -EINVAL);
	assert_int_equal(hla_ts_munmap(p, HLA_TS_MAX_ELEMENTS + 1), -EINVAL);
	assert_int_equal(hla_block_mmap(NULL, BLOCK_HANDLE, 4096, &p), -EINVAL);
	assert_int_equal(hla_block_mmap(U, BLOCK_HANDLE, 4096, NULL), -EINVAL);
	assert_int_equal(mock_mmap_count(), 6);
	/* none of this was an ioctl */
	assert_int_equal(mock_ioctl_count(), ioctls);
}

int main(int argc, char **argv)
{
#define T UNIT_TEST
	const struct CMUnitTest tests[] = { T(create), T(destroy_info), T(mappings) };

	return UNIT_MAIN(tests, NULL, NULL);
}
