/* SPDX-License-Identifier: MIT */
/*
 * The submission and wait paths must not allocate memory or touch files:
 * malloc and friends are wrapped (--wrap at link time, so the library's
 * statically linked objects call the counters) and the mock counts every
 * system call other than ioctl.
 */
#include "unit.h"

#include <stdio.h>

void *__real_malloc(size_t n);
void *__real_calloc(size_t n, size_t m);
void *__real_realloc(void *p, size_t n);
void __real_free(void *p);
void *__wrap_malloc(size_t n);
void *__wrap_calloc(size_t n, size_t m);
void *__wrap_realloc(void *p, size_t n);
void __wrap_free(void *p);

/* volatile: the compiler assumes malloc touches no global of ours */
static volatile unsigned long allocs;

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

	return hla_cs_signal(U, 0, 0, 0, &out);
}

static int op_wait_signal(void)
{
	HLA_STRUCT_INIT(hla_cs_out, out);

	return hla_cs_wait_signal(U, 1, 5, 0, 0, &out);
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

	return hla_wait_interrupt(U, 64, &word, 1, 100, &r);
}

static int op_cq(void)
{
	HLA_STRUCT_INIT(hla_wait_result, r);

	return hla_wait_cq_counter(U, 64, 0x1000000000001000ull, 0, 1, 100, &r);
}

static void measure(const char *name, op_fn fn)
{
	unsigned long a0 = allocs;
	unsigned int s0 = mock_syscall_count(), i0 = mock_ioctl_count();

	for (int i = 0; i < ITER; i++) {
		mock_ioctl_push(ok_answer, NULL);
		assert_int_equal(fn(), 0);
	}
	printf("%-22s %d calls, %lu allocations, %u system calls besides ioctl, %u ioctls\n",
	       name, ITER, allocs - a0, mock_syscall_count() - s0, mock_ioctl_count() - i0);
	assert_int_equal(allocs - a0, 0);
	assert_int_equal(mock_syscall_count() - s0, 0);
	assert_int_equal(mock_ioctl_count() - i0, ITER);
}

static void counter_works(void **state)
{
	unsigned long a0 = allocs;
	void *volatile p;

	(void)state;
	/* the wrapping really counts: opening a device allocates */
	p = malloc(16);
	free(p);
	assert_int_equal(allocs - a0, 1);
	hla_device_close(U);
	assert_int_equal(mock_open_device(mock_iface, HLA_ASIC_GAUDI2, &U), 0);
	assert_true(allocs - a0 >= 2);
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
	measure("hla_wait_interrupt", op_irq);
	measure("hla_wait_cq_counter", op_cq);
}

int main(int argc, char **argv)
{
#define T(f) cmocka_unit_test_setup_teardown(f, unit_open, unit_close)
	const struct CMUnitTest tests[] = { T(counter_works), T(hot_paths) };

	return UNIT_MAIN(tests, NULL, NULL);
}
