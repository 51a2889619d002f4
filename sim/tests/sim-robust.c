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
#include <stdatomic.h>
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

/* ---- EINTR ---- */

static volatile sig_atomic_t handled;

static void on_signal(int sig)
{
	(void)sig;
	handled++;
}

struct kicker {
	pthread_t target;
	pthread_t self;
	atomic_bool done;
};

/* signal the target every 100 ms until its ioctl has returned: a signal
 * that lands before the ioctl sleeps only runs the handler */
static void *kick(void *arg)
{
	struct kicker *k = arg;
	struct timespec t = { 0, 100 * 1000000 };

	while (!atomic_load(&k->done)) {
		nanosleep(&t, NULL);
		if (!atomic_load(&k->done))
			pthread_kill(k->target, SIGUSR1);
	}
	return NULL;
}

/* run an ioctl that blocks for ~10 s unless the signal interrupts it */
static void expect_eintr(int fd, unsigned int cmd, void *arg, size_t size, bool restart)
{
	struct sigaction sa;
	struct kicker k;
	uint8_t before[256];
	int64_t t0;
	int ret, err;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sa.sa_flags = restart ? SA_RESTART : 0;
	sigemptyset(&sa.sa_mask);
	assert_int_equal(sigaction(SIGUSR1, &sa, NULL), 0);
	handled = 0;
	memcpy(before, arg, size);
	k.target = pthread_self();
	atomic_init(&k.done, false);
	assert_int_equal(pthread_create(&k.self, NULL, kick, &k), 0);
	t0 = st_now_ms();
	ret = ioctl(fd, st_req(cmd), arg);
	err = errno;
	atomic_store(&k.done, true);
	pthread_join(k.self, NULL);
	assert_int_equal(ret, -1);
	assert_int_equal(err, EINTR);
	assert_true(handled >= 1);
	assert_true(st_now_ms() - t0 < 5000);
	/* the driver returns before writing its results */
	assert_memory_equal(before, arg, size);
	signal(SIGUSR1, SIG_DFL);
}

static void eintr_cs_wait(void **state)
{
	union hlk_wait_cs_args w;
	struct st_cb cb;
	uint64_t seq;
	uint32_t len;
	int fd;

	(void)state;
	fd = st_open_compute(0);
	assert_true(fd >= 0);
	st_cb_new(fd, &cb, 4096);
	len = st_nop(cb.map);
	assert_int_equal(st_ctl("cs-hang 0"), 0);
	assert_int_equal(st_submit(fd, &cb, 0, len, HLK_CS_FLAGS_CUSTOM_TIMEOUT |
				   HLK_CS_FLAGS_SKIP_RESET_ON_TIMEOUT, 60, &seq), 0);
	for (int restart = 0; restart < 2; restart++) {
		memset(&w, 0, sizeof(w));
		w.in.seq = seq;
		w.in.timeout_us = 10000000;
		expect_eintr(fd, HLK_CMD_WAIT_CS, &w, sizeof(w), restart);
	}
	if (!st_gaudi2) {
		uint64_t seqs[1] = { seq };

		memset(&w, 0, sizeof(w));
		w.in.seq = (uint64_t)(uintptr_t)seqs;
		w.in.seq_arr_len = 1;
		w.in.timeout_us = 10000000;
		w.in.flags = HLK_WAIT_CS_FLAGS_MULTI_CS;
		expect_eintr(fd, HLK_CMD_WAIT_CS, &w, sizeof(w), true);
	}
	st_cb_free(fd, &cb);
	close(fd);
}

static void eintr_interrupt_waits(void **state)
{
	volatile uint64_t word = 0;
	union hlk_wait_cs_args w;
	struct st_cb cq;
	int fd;

	(void)state;
	if (!st_gaudi2)
		skip(); /* user interrupts are Gaudi2's (EPERM on Gaudi) */
	fd = st_open_compute(0);
	assert_true(fd >= 0);
	memset(&w, 0, sizeof(w));
	w.in.addr = (uint64_t)(uintptr_t)&word;
	w.in.target = 1;
	w.in.flags = HLK_WAIT_CS_FLAGS_INTERRUPT | HLK_WAIT_CS_FLAGS_ANY_CQ_INTERRUPT;
	w.in.interrupt_timeout_us = 10000000;
	expect_eintr(fd, HLK_CMD_WAIT_CS, &w, sizeof(w), false);
	/* the counter in a CB (kernel CQ form) */
	st_cb_new(fd, &cq, 4096);
	memset(&w, 0, sizeof(w));
	w.in.cq_counters_handle = cq.handle;
	w.in.cq_counters_offset = 3;
	w.in.target = 1;
	w.in.flags = HLK_WAIT_CS_FLAGS_INTERRUPT | HLK_WAIT_CS_FLAGS_INTERRUPT_KERNEL_CQ |
		     HLK_WAIT_CS_FLAGS_ANY_CQ_INTERRUPT;
	w.in.interrupt_timeout_us = 10000000;
	expect_eintr(fd, HLK_CMD_WAIT_CS, &w, sizeof(w), true);
	st_cb_free(fd, &cq);
	close(fd);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(cb_rewrites_itself),
		cmocka_unit_test(cb_rewritten_by_cpu),
		cmocka_unit_test(alloc_wraps),
		cmocka_unit_test(fault_counters_threads),
		cmocka_unit_test(eintr_cs_wait),
		cmocka_unit_test(eintr_interrupt_waits),
	};

	if (!st_setup()) {
		fprintf(stderr, "run under the simulator\n");
		return 77;
	}
	return cmocka_run_group_tests(tests, NULL, NULL);
}
