/* SPDX-License-Identifier: MIT */
/*
 * Guest input that must not hang or confuse the simulator, and blocking
 * ioctls that a signal interrupts as the driver's do:
 *   - a CB that rewrites its own packets, or is rewritten by the CPU after
 *     submission, runs as submitted (the device runs a snapshot);
 *   - MEMORY.ALLOC of a size whose page round-up wraps is EINVAL
 *     (alloc_device_memory());
 *   - fault counters count every call exactly once from many threads;
 *   - every blocking wait (single CS, multi-CS, user-address and kernel-CQ
 *     interrupt waits) fails with EINTR when a handler runs, with or
 *     without SA_RESTART (hl_cs_wait_ioctl(), hl_multi_cs_wait_ioctl(),
 *     _hl_interrupt_wait_ioctl*() turn ERESTARTSYS into EINTR).
 * Meson sets HLA_SIM_FAULTS=INFO.22@8000=EIO for this program.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "simtest.h"

#define BAD_OPCODE 0x1Fu /* no packet has this opcode */

static void cb_rewrites_itself(void **state)
{
	union hlk_wait_cs_args w;
	struct st_cb cb;
	uint64_t seq;
	uint32_t len;
	int fd;

	(void)state;
	if (!st_gaudi2)
		skip(); /* Gaudi runs user CBs from a driver copy already */
	fd = st_open_compute(0);
	assert_true(fd >= 0);
	st_cb_new(fd, &cb, 4096);
	/* packet 0 overwrites the control word of packet 1 with a bad opcode */
	len = st_msg_long(cb.map, cb.va + 16 + 4, BAD_OPCODE << HLK_PKT_CTL_OPCODE_SHIFT);
	len += st_nop(cb.map + len);
	assert_int_equal(st_submit(fd, &cb, 0, len, 0, 0, &seq), 0);
	assert_int_equal(st_wait(fd, seq, 5000000, &w), 0);
	assert_int_equal(w.out.status, HLK_WAIT_CS_STATUS_COMPLETED);
	/* the write did happen, to memory, after the CB had been fetched */
	assert_int_equal(st_get32(cb.map + 20), BAD_OPCODE << HLK_PKT_CTL_OPCODE_SHIFT);
	st_cb_free(fd, &cb);
	close(fd);
}

static int engines(int fd, uint32_t cmd, uint32_t engine)
{
	union hlk_cs_args a;

	memset(&a, 0, sizeof(a));
	a.in.engines = (uint64_t)(uintptr_t)&engine;
	a.in.num_engines = 1;
	a.in.engine_command = cmd;
	a.in.cs_flags = HLK_CS_FLAGS_ENGINES_COMMAND;
	return ioctl(fd, st_req(HLK_CMD_CS), &a) ? -errno : 0;
}

static void cb_rewritten_by_cpu(void **state)
{
	union hlk_wait_cs_args w;
	struct st_cb cb;
	uint64_t seq;
	uint32_t len;
	int fd;

	(void)state;
	if (!st_gaudi2 || !st_accel)
		skip(); /* engine stall is a Gaudi2 accel feature */
	fd = st_open_compute(0);
	assert_true(fd >= 0);
	st_cb_new(fd, &cb, 4096);
	len = st_nop(cb.map);
	len += st_nop(cb.map + len);
	/* PDMA_0 (engine 45) holds queue 0's work while stalled */
	assert_int_equal(engines(fd, HLK_ENGINE_STALL, 45), 0);
	assert_int_equal(st_submit(fd, &cb, 0, len, 0, 0, &seq), 0);
	st_put32(cb.map + 4, BAD_OPCODE << HLK_PKT_CTL_OPCODE_SHIFT);
	st_put32(cb.map + 12, BAD_OPCODE << HLK_PKT_CTL_OPCODE_SHIFT);
	assert_int_equal(engines(fd, HLK_ENGINE_RESUME, 45), 0);
	assert_int_equal(st_wait(fd, seq, 5000000, &w), 0);
	assert_int_equal(w.out.status, HLK_WAIT_CS_STATUS_COMPLETED);
	st_cb_free(fd, &cb);
	close(fd);
}

static void alloc_wraps(void **state)
{
	static const uint64_t sizes[] = { UINT64_MAX, UINT64_MAX - 4096, UINT64_MAX - (16ull << 20) };
	union hlk_mem_args m;
	int fd;

	(void)state;
	if (!st_gaudi2)
		skip(); /* Gaudi only accounts DRAM: any size is taken as given */
	fd = st_open_compute(0);
	assert_true(fd >= 0);
	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		memset(&m, 0, sizeof(m));
		m.in.op = HLK_MEM_OP_ALLOC;
		m.in.alloc.mem_size = sizes[i];
		assert_int_equal(st_mem(fd, &m), -EINVAL);
	}
	/* a huge size that does not wrap is simply too big */
	memset(&m, 0, sizeof(m));
	m.in.op = HLK_MEM_OP_ALLOC;
	m.in.alloc.mem_size = UINT64_MAX / 2;
	assert_int_equal(st_mem(fd, &m), -ENOMEM);
	close(fd);
}

#define NTHREADS 8
#define CALLS 1000

static int fault_fd;

static void *info_loop(void *arg)
{
	uint32_t v;
	struct hlk_info_args a;
	long eio = 0;

	(void)arg;
	for (int i = 0; i < CALLS; i++) {
		memset(&a, 0, sizeof(a));
		a.op = HLK_INFO_DRAM_PENDING_ROWS;
		a.return_pointer = (uint64_t)(uintptr_t)&v;
		a.return_size = sizeof(v);
		if (ioctl(fault_fd, st_req(HLK_CMD_INFO), &a) && errno == EIO)
			eio++;
	}
	return (void *)eio;
}

static void fault_counters_threads(void **state)
{
	pthread_t t[NTHREADS];
	long total = 0;

	(void)state;
	/* INFO.22@8000=EIO: exactly the 8000th call fails, whoever makes it */
	fault_fd = open(st_control(0), O_RDWR | O_CLOEXEC);
	assert_true(fault_fd >= 0);
	for (int i = 0; i < NTHREADS; i++)
		assert_int_equal(pthread_create(&t[i], NULL, info_loop, NULL), 0);
	for (int i = 0; i < NTHREADS; i++) {
		void *r;

		pthread_join(t[i], &r);
		total += (long)r;
	}
	assert_int_equal(total, 1);
	close(fault_fd);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(cb_rewrites_itself),
		cmocka_unit_test(cb_rewritten_by_cpu),
		cmocka_unit_test(alloc_wraps),
		cmocka_unit_test(fault_counters_threads),
	};

	if (!st_setup()) {
		fprintf(stderr, "run under the simulator\n");
		return 77;
	}
	return cmocka_run_group_tests(tests, NULL, NULL);
}
