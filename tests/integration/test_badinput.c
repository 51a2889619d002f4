/* SPDX-License-Identifier: MIT */
/* The error returned for each kind of bad input, end to end. */
#include "itest.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>


static void null_arguments(void **state)
{
	uint64_t h;
	HLA_STRUCT_INIT(hla_hw_ip_info, hw);

	(void)state;
	assert_int_equal(hla_info_hw_ip(NULL, &hw), -EINVAL);
	assert_int_equal(hla_info_hw_ip(D.dev, NULL), -EINVAL);
	assert_int_equal(hla_cb_create(D.dev, 4096, 0, NULL), -EINVAL);
	assert_int_equal(hla_mem_alloc(NULL, 4096, 0, 0, &h), -EINVAL);
	assert_int_equal(hla_cs_submit(D.dev, NULL, NULL), -EINVAL);
	assert_int_equal(hla_device_open_path(NULL, 0, NULL), -EINVAL);
	assert_int_equal(hla_device_count(NULL), -EINVAL);
	assert_int_equal(hla_device_fd(NULL), -EINVAL);
	assert_int_equal(hla_device_close(NULL), 0);
}

static void sized_structs(void **state)
{
	struct {
		struct hla_hw_ip_info info;
		uint8_t tail[64];
	} big;
	struct {
		struct hla_cs_submit cs;
		uint64_t tail;
	} w;
	HLA_STRUCT_INIT(hla_cs_out, out);
	size_t small = offsetof(struct hla_hw_ip_info, sram_base_address);

	(void)state;
	memset(&big, 0xEE, sizeof(big));
	big.info.sz = 0;
	assert_int_equal(hla_info_hw_ip(D.dev, &big.info), -EINVAL);
	/* an older, shorter struct gets only its own bytes */
	big.info.sz = small;
	assert_int_equal(hla_info_hw_ip(D.dev, &big.info), 0);
	assert_int_equal(((uint8_t *)&big.info)[small], 0xEE);
	/* a newer, longer input struct must have a zero tail */
	memset(&w, 0, sizeof(w));
	w.cs.sz = sizeof(w.cs) + sizeof(w.tail);
	w.tail = 1;
	assert_int_equal(hla_cs_submit(D.dev, &w.cs, &out), -E2BIG);
}

static void flags_and_sizes(void **state)
{
	uint64_t h, va;
	int fd;
	struct hla_device *dev;

	(void)state;
	assert_int_equal(hla_device_open_index(0, 0x80, &dev), -EINVAL);
	assert_int_equal(hla_cb_create(D.dev, 4096, 0x80, &h), -EINVAL);
	assert_int_equal(hla_cb_create(D.dev, 0xFFFFFFFFu, 0, &h), -EINVAL);
	assert_int_equal(hla_mem_alloc(D.dev, 0, 0, 0, &h), -EINVAL);
	assert_int_equal(hla_mem_alloc(D.dev, 4096, 0, 0x100, &h), -EINVAL);
	assert_int_equal(hla_mem_map_host(D.dev, (void *)(uintptr_t)-4096, 8192, 0,
					  0, &va), -EINVAL);
	assert_int_equal(hla_mem_export_dmabuf(D.dev, 0, 4096, 0, 0x80, &fd), -EINVAL);
	assert_int_equal(hla_ts_alloc(D.dev, 0, &h), -EINVAL);
	assert_int_equal(hla_cb_destroy(D.dev, 0), -EINVAL);
	assert_int_equal(hla_cb_destroy(D.dev, 0x1000000000063000ull), -EINVAL);
	assert_int_equal(hla_mem_unmap(D.dev, 0x123), -EINVAL);
}

static void bad_submissions(void **state)
{
	struct hla_cs_chunk chunk;
	HLA_STRUCT_INIT(hla_cs_submit, cs);
	HLA_STRUCT_INIT(hla_cs_out, out);
	static struct hla_cs_chunk many[513];

	(void)state;
	memset(&chunk, 0, sizeof(chunk));
	cs.execute = &chunk;
	cs.num_execute = 1;
	/* a queue that does not exist */
	chunk.queue_index = 5000;
	chunk.cb_size = 8;
	chunk.flags = D.gaudi2 ? HLA_CHUNK_USER_CB : 0;
	assert_int_equal(hla_cs_submit(D.dev, &cs, &out), -EINVAL);
	/* reserved words must be zero */
	chunk.queue_index = 0;
	chunk.reserved[3] = 1;
	assert_int_equal(hla_cs_submit(D.dev, &cs, &out), -EINVAL);
	chunk.reserved[3] = 0;
	/* an unknown CB handle */
	if (!D.gaudi2) {
		chunk.cb_handle = 0x1000000000063000ull;
		assert_int_equal(hla_cs_submit(D.dev, &cs, &out), -EINVAL);
	}
	/* too many jobs */
	cs.execute = many;
	cs.num_execute = 513;
	assert_int_equal(hla_cs_submit(D.dev, &cs, &out), -EINVAL);
	cs.num_execute = 0;
	assert_int_equal(hla_cs_submit(D.dev, &cs, &out), -EINVAL);
	cs.num_execute = 1;
	cs.flags = 0x2; /* a type flag is not a modifier */
	assert_int_equal(hla_cs_submit(D.dev, &cs, &out), -EINVAL);
}

static void closed_and_foreign_fds(void **state)
{
	struct hla_device *dev;
	int p[2];

	(void)state;
	assert_int_equal(hla_device_open_fd(1000, 0, &dev), -EBADF);
	assert_int_equal(pipe(p), 0);
	assert_int_equal(hla_device_open_fd(p[0], 0, &dev), -ENOTTY);
	assert_true(fcntl(p[0], F_GETFD) >= 0);
	close(p[0]);
	close(p[1]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(null_arguments),
		cmocka_unit_test(sized_structs),
		cmocka_unit_test(flags_and_sizes),
		cmocka_unit_test(bad_submissions),
		cmocka_unit_test(closed_and_foreign_fds),
	};

	itest_require_device();
	return cmocka_run_group_tests(tests, itest_setup, itest_teardown);
}
