/* SPDX-License-Identifier: MIT */
/* Waits: single and multi CS, user interrupts, CQ counters, timestamps. */
#include "unit.h"

static union hlk_wait_cs_args last_wait(void)
{
	union hlk_wait_cs_args a;

	EXPECT_REQ(HLK_CMD_WAIT_CS);
	memcpy(&a, mock_ioctl_last()->in, sizeof(a));
	return a;
}

static void push_res(uint32_t status, uint32_t flags, int64_t ts, uint32_t map)
{
	union hlk_wait_cs_args o;

	memset(&o, 0, sizeof(o));
	o.out.status = status;
	o.out.flags = flags;
	o.out.timestamp_nsec = ts;
	o.out.cs_completion_map = map;
	mock_ioctl_push_out(&o, sizeof(o));
}

static int fail_with_block(int fd, unsigned long req, void *arg, void *priv)
{
	union hlk_wait_cs_args *a = arg;

	(void)fd;
	(void)req;
	memset(a, 0, sizeof(*a));
	a->out.status = *(uint32_t *)priv;
	return *(uint32_t *)priv == HLK_WAIT_CS_STATUS_TIMEDOUT ? ETIMEDOUT : EIO;
}

static void single(void **state)
{
	HLA_STRUCT_INIT(hla_wait_result, r);
	union hlk_wait_cs_args a;
	uint32_t st;
	unsigned int before;

	(void)state;
	push_res(HLK_WAIT_CS_STATUS_COMPLETED, HLK_WAIT_CS_STATUS_FLAG_TIMESTAMP_VLD, 777, 0);
	assert_int_equal(hla_cs_wait(U, 9, 1000, &r), 0);
	assert_int_equal(r.status, HLA_WAIT_COMPLETED);
	assert_int_equal(r.flags, HLA_WAIT_FLAG_TIMESTAMP_VLD);
	assert_int_equal(r.timestamp_ns, 777);
	a = last_wait();
	assert_int_equal(a.in.seq, 9);
	assert_int_equal(a.in.timeout_us, 1000);
	assert_int_equal(a.in.flags, 0);
	push_res(HLK_WAIT_CS_STATUS_BUSY, 0, 0, 0);
	assert_int_equal(hla_cs_wait(U, 9, HLA_WAIT_FOREVER, &r), 0);
	assert_int_equal(r.status, HLA_WAIT_BUSY);
	assert_int_equal(last_wait().in.timeout_us, HLK_WAIT_FOREVER);
	st = HLK_WAIT_CS_STATUS_TIMEDOUT;
	mock_ioctl_push(fail_with_block, &st);
	assert_int_equal(hla_cs_wait(U, 9, 0, &r), -ETIMEDOUT);
	assert_int_equal(r.status, HLA_WAIT_TIMEDOUT);
	st = HLK_WAIT_CS_STATUS_ABORTED;
	mock_ioctl_push(fail_with_block, &st);
	assert_int_equal(hla_cs_wait(U, 9, 0, &r), -EIO);
	assert_int_equal(r.status, HLA_WAIT_ABORTED);
	mock_ioctl_push_errno(EINTR);
	push_res(HLK_WAIT_CS_STATUS_COMPLETED, HLK_WAIT_CS_STATUS_FLAG_GONE, 0, 0);
	assert_int_equal(hla_cs_wait(U, 2, 0, &r), 0);
	assert_int_equal(r.flags, HLA_WAIT_FLAG_GONE);
	mock_ioctl_push_errno(EINVAL);
	assert_int_equal(hla_cs_wait(U, 2000, 0, &r), -EINVAL);
	before = mock_ioctl_count();
	r.status = 99;
	assert_int_equal(hla_cs_wait(U, HLA_SEQ_NONE, 0, &r), 0);
	assert_int_equal(r.status, HLA_WAIT_COMPLETED);
	assert_int_equal(hla_cs_wait(U, 1, 0, NULL), -EINVAL);
	assert_int_equal(hla_cs_wait(NULL, 1, 0, &r), -EINVAL);
	r.sz = 1;
	assert_int_equal(hla_cs_wait(U, 1, 0, &r), -EINVAL);
	assert_int_equal(mock_ioctl_count(), before);
}

static void multi(void **state)
{
	HLA_STRUCT_INIT(hla_wait_result, r);
	uint64_t seqs[3] = { 4, 5, 6 };
	union hlk_wait_cs_args a;
	unsigned int before;

	(void)state;
	push_res(HLK_WAIT_CS_STATUS_COMPLETED, 0, 0, 5);
	assert_int_equal(hla_cs_wait_multi(U, seqs, 3, 50, &r), 0);
	assert_int_equal(r.completion_map, 5);
	a = last_wait();
	assert_int_equal(a.in.seq, (uint64_t)(uintptr_t)seqs);
	assert_int_equal(a.in.seq_arr_len, 3);
	assert_int_equal(a.in.timeout_us, 50);
	assert_int_equal(a.in.flags, HLK_WAIT_CS_FLAGS_MULTI_CS);
	for (int i = 0; i < 7; i++)
		assert_int_equal(a.in.pad[i], 0);
	mock_ioctl_push_errno(EPERM);
	assert_int_equal(hla_cs_wait_multi(U, seqs, 3, 50, &r), -EPERM);
	before = mock_ioctl_count();
	assert_int_equal(hla_cs_wait_multi(U, seqs, 0, 50, &r), -EINVAL);
	assert_int_equal(hla_cs_wait_multi(U, seqs, 33, 50, &r), -EINVAL);
	assert_int_equal(hla_cs_wait_multi(U, NULL, 3, 50, &r), -EINVAL);
	assert_int_equal(mock_ioctl_count(), before);
}

static void interrupts(void **state)
{
	HLA_STRUCT_INIT(hla_wait_result, r);
	volatile uint64_t word = 0;
	union hlk_wait_cs_args a;
	unsigned int before;

	(void)state;
	push_res(HLK_WAIT_CS_STATUS_COMPLETED, HLK_WAIT_CS_STATUS_FLAG_TIMESTAMP_VLD, 5, 0);
	assert_int_equal(hla_wait_interrupt(U, 300, &word, 8, 2000, &r), 0);
	a = last_wait();
	assert_int_equal(a.in.addr, (uint64_t)(uintptr_t)&word);
	assert_int_equal(a.in.target, 8);
	assert_int_equal(a.in.flags, HLK_WAIT_CS_FLAGS_INTERRUPT | (300u << 20));
	/* the timeout of interrupt waits lives at offset 24 */
	assert_int_equal(a.in.interrupt_timeout_us, 2000);
	assert_int_equal(kget(mock_ioctl_last()->in, 24, 8), 2000);
	assert_int_equal(hla_wait_interrupt(U, HLA_INTERRUPT_ANY_CQ, &word, 1, 0, &r), 0);
	assert_int_equal(last_wait().in.flags,
			 HLK_WAIT_CS_FLAGS_INTERRUPT | HLK_WAIT_CS_FLAGS_ANY_CQ_INTERRUPT);
	assert_int_equal(hla_wait_cq_counter(U, HLA_INTERRUPT_ANY_DECODER,
					     0x1000000000005000ull, 3, 9, 77, &r), 0);
	a = last_wait();
	assert_int_equal(a.in.cq_counters_handle, 0x1000000000005000ull);
	assert_int_equal(a.in.cq_counters_offset, 3);
	assert_int_equal(a.in.target, 9);
	assert_int_equal(a.in.interrupt_timeout_us, 77);
	assert_int_equal(a.in.flags, HLK_WAIT_CS_FLAGS_INTERRUPT |
					     HLK_WAIT_CS_FLAGS_INTERRUPT_KERNEL_CQ |
					     HLK_WAIT_CS_FLAGS_ANY_DEC_INTERRUPT);
	assert_int_equal(hla_wait_register_timestamp(U, 64, 0x1000000000005000ull, 3, 9,
						     0x8000000000006000ull, 5), 0);
	a = last_wait();
	assert_int_equal(a.in.flags, HLK_WAIT_CS_FLAGS_INTERRUPT |
					     HLK_WAIT_CS_FLAGS_INTERRUPT_KERNEL_CQ |
					     HLK_WAIT_CS_FLAGS_REGISTER_INTERRUPT | (64u << 20));
	assert_int_equal(a.in.timestamp_handle, 0x8000000000006000ull);
	assert_int_equal(a.in.timestamp_offset, 5);
	assert_int_not_equal(a.in.interrupt_timeout_us, 0);
	mock_ioctl_push_errno(EPERM);
	assert_int_equal(hla_wait_interrupt(U, 1, &word, 8, 0, &r), -EPERM);
	before = mock_ioctl_count();
	assert_int_equal(hla_wait_interrupt(U, 0x1000, &word, 8, 0, &r), -EINVAL);
	assert_int_equal(hla_wait_interrupt(U, 1, NULL, 8, 0, &r), -EINVAL);
	assert_int_equal(hla_wait_interrupt(U, 1, &word, 8, 0, NULL), -EINVAL);
	assert_int_equal(hla_wait_cq_counter(U, 1, 0x8000000000006000ull, 0, 1, 0, &r), -EINVAL);
	assert_int_equal(hla_wait_register_timestamp(U, 1, 0x1000000000005000ull, 0, 1,
						     0x1000000000005000ull, 0), -EINVAL);
	assert_int_equal(mock_ioctl_count(), before);
}

int main(int argc, char **argv)
{
#define T(f) cmocka_unit_test_setup_teardown(f, unit_open, unit_close)
	const struct CMUnitTest tests[] = { T(single), T(multi), T(interrupts) };

	return UNIT_MAIN(tests, NULL, NULL);
}
