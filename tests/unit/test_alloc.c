/* SPDX-License-Identifier: MIT */
/*
 * The submission and wait paths must not allocate memory or make a system
 * call besides their ioctl: malloc and friends, and read(), are wrapped
 * (--wrap at link time, so the library's statically linked objects call
 * the counters) and the mock counts every other system call of the seam.
 */
#include "unit.h"

#include <stdio.h>
#include <unistd.h>

void *__real_malloc(size_t n);
void *__real_calloc(size_t n, size_t m);
void *__real_realloc(void *p, size_t n);
void __real_free(void *p);
void *__wrap_malloc(size_t n);
void *__wrap_calloc(size_t n, size_t m);
void *__wrap_realloc(void *p, size_t n);
void __wrap_free(void *p);
ssize_t __real_read(int fd, void *buf, size_t n);
ssize_t __wrap_read(int fd, void *buf, size_t n);

/* volatile: the compiler assumes malloc touches no global of ours */
static volatile unsigned long allocs, reads;

ssize_t __wrap_read(int fd, void *buf, size_t n)
{
	reads++;
	return __real_read(fd, buf, n);
}

void *__wrap_malloc(size_t n)
{
	allocs++;
	return __real_malloc(n);
}

void *__wrap_calloc(size_t n, size_t m)
{
	allocs++;
	return __real_calloc(n, m);
}

void *__wrap_realloc(void *p, size_t n)
{
	allocs++;
	return __real_realloc(p, n);
}

void __wrap_free(void *p)
{
	__real_free(p);
}

#define ITER 1000

static int ok_answer(int fd, unsigned long req, void *arg, void *priv)
{
	(void)fd;
	(void)req;
	(void)arg;
	(void)priv;
	return 0;
}

typedef int (*op_fn)(void);

static struct hla_cs_chunk chunk;
static uint64_t seqs[4] = { 1, 2, 3, 4 };
static volatile uint64_t word;

static int op_submit(void)
{
	HLA_STRUCT_INIT(hla_cs_submit, cs);
	HLA_STRUCT_INIT(hla_cs_out, out);

	cs.execute = &chunk;
	cs.num_execute = 1;
	return hla_cs_submit(U, &cs, &out);
}

static int op_signal(void)
{
	HLA_STRUCT_INIT(hla_cs_out, out);

	return hla_cs_signal(U, 0, NULL, &out);
}

static int op_wait_signal(void)
{
	HLA_STRUCT_INIT(hla_cs_out, out);
	HLA_STRUCT_INIT(hla_cs_opts, opts);

	opts.timeout_s = 5;
	return hla_cs_wait_signal(U, 1, 5, &opts, &out);
}

static int op_wait(void)
{
	HLA_STRUCT_INIT(hla_wait_result, r);

	return hla_cs_wait(U, 3, 100, &r);
}

static int op_wait_multi(void)
{
	HLA_STRUCT_INIT(hla_wait_result, r);

	return hla_cs_wait_multi(U, seqs, 4, 100, &r);
}

static int op_irq(void)
{
	HLA_STRUCT_INIT(hla_wait_result, r);

	return hla_interrupt_wait(U, 64, &word, 1, 100, &r);
}

static int op_cq(void)
{
	HLA_STRUCT_INIT(hla_wait_result, r);
	HLA_STRUCT_INIT(hla_cq_counter, cq);

	cq.interrupt_id = 64;
	cq.cb_handle = 0x1000000000001000ull;
	cq.target = 1;
	return hla_cq_counter_wait(U, &cq, 100, &r);
}

struct cost {
	unsigned long allocs;
	unsigned int syscalls; /* seam calls besides ioctl, and read() */
	unsigned int ioctls;
};

static struct cost now(void)
{
	struct cost c = { allocs, mock_syscall_count() + (unsigned int)reads,
			  mock_ioctl_count() };

	return c;
}

static struct cost since(struct cost c0)
{
	struct cost c = now();

	c.allocs -= c0.allocs;
	c.syscalls -= c0.syscalls;
	c.ioctls -= c0.ioctls;
	return c;
}

static void measure(const char *name, op_fn fn)
{
	struct cost c0 = now(), c;

	for (int i = 0; i < ITER; i++) {
		mock_ioctl_push(ok_answer, NULL);
		assert_int_equal(fn(), 0);
	}
	c = since(c0);
	print_message("%-22s %d calls: %lu allocations, %u system calls besides ioctl, "
		      "%u ioctls\n", name, ITER, c.allocs, c.syscalls, c.ioctls);
	assert_int_equal(c.allocs, 0);
	assert_int_equal(c.syscalls, 0);
	assert_int_equal(c.ioctls, ITER);
}

/* the counters count: this test's own malloc, the handle of an open and
 * the library's reads of a sysfs file */
static void counters_work(void **state)
{
	unsigned long a0 = allocs, r0 = reads;
	void *volatile p;
	char buf[32];

	(void)state;
	p = malloc(16);
	free(p);
	assert_int_equal(allocs - a0, 1);
	hla_device_close(U);
	assert_int_equal(mock_open_device(mock_iface, HLA_ASIC_GAUDI2, &U), 0);
	assert_true(allocs - a0 >= 2);
	assert_int_equal(hla_device_sysfs_read(U, "status", buf, sizeof(buf)), 11);
	assert_true(reads > r0);
}

static void hot_paths(void **state)
{
	(void)state;
	chunk.queue_index = 0;
	chunk.cb_size = 24;
	chunk.flags = HLA_CHUNK_USER_CB;
	measure("hla_cs_submit", op_submit);
	measure("hla_cs_signal", op_signal);
	measure("hla_cs_wait_signal", op_wait_signal);
	measure("hla_cs_wait", op_wait);
	measure("hla_cs_wait_multi", op_wait_multi);
	measure("hla_interrupt_wait", op_irq);
	measure("hla_cq_counter_wait", op_cq);
}

/*
 * Opening a device by path and closing it: the handle is the one
 * allocation; system calls (seam, read() and ioctl) stay within 15.
 */
static void open_close(void **state)
{
	struct hla_device *dev = NULL;
	struct cost c0, c;

	(void)state;
	c0 = now();
	assert_int_equal(hla_device_open_path(mock_node(0), 0, &dev), 0);
	assert_int_equal(hla_device_close(dev), 0);
	c = since(c0);
	print_message("open + close by path: %lu allocations, %u system calls, %u ioctls\n",
		      c.allocs, c.syscalls, c.ioctls);
	assert_true(c.allocs <= 1);
	assert_true(c.syscalls + c.ioctls <= 15);
	assert_int_equal(c.ioctls, mock_iface == HLA_INTERFACE_ACCEL ? 2 : 1);
}

int main(int argc, char **argv)
{
#define T UNIT_TEST
	const struct CMUnitTest tests[] = { T(counters_work), T(hot_paths), T(open_close) };

	return UNIT_MAIN(tests, NULL, NULL);
}
