/* SPDX-License-Identifier: MIT */
/* Waits: single and multi CS, user interrupts, CQ counters, timestamps. */
#include "unit.h"

#define CB_HANDLE 0x1000000000005000ull
#define TS_HANDLE 0x8000000000006000ull
#define RESULT_VALID \
	(HLA_WAIT_RESULT_STATUS | HLA_WAIT_RESULT_FLAGS | HLA_WAIT_RESULT_TIMESTAMP)

static union hlk_wait_cs_args last_wait(void)
{
	union hlk_wait_cs_args a;

	EXPECT_REQ(HLK_CMD_WAIT_CS);
	memcpy(&a, mock_ioctl_last()->in, sizeof(a));
	assert_int_equal(a.in.ctx_id, 0);
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

static void single(void **state)
{
	HLA_STRUCT_INIT(hla_wait_result, r);
	union hlk_wait_cs_args a;

	(void)state;
	push_res(HLK_WAIT_CS_STATUS_COMPLETED, HLK_WAIT_CS_STATUS_FLAG_TIMESTAMP_VLD, 777, 0);
	EXPECT_ONE_IOCTL(hla_cs_wait(U, 9, 1000, &r), 0);
	assert_int_equal(r.status, HLA_WAIT_COMPLETED);
	assert_int_equal(r.flags, HLA_WAIT_FLAG_TIMESTAMP_VLD);
	assert_int_equal(r.timestamp_ns, 777);
	assert_int_equal(r.valid, RESULT_VALID);
	assert_int_equal(r.reserved0 | r.reserved1, 0);
	a = last_wait();
	assert_int_equal(a.in.seq, 9);
	assert_int_equal(a.in.timeout_us, 1000);
	assert_int_equal(a.in.flags, 0);
	assert_int_equal(a.in.interrupt_timeout_us, 0);
	assert_int_equal(a.in.cq_counters_offset | a.in.timestamp_handle |
				 a.in.timestamp_offset, 0);
	push_res(HLK_WAIT_CS_STATUS_BUSY, 0, 0, 0);
	EXPECT_ONE_IOCTL(hla_cs_wait(U, 9, HLA_WAIT_FOREVER, &r), 0);
	assert_int_equal(r.status, HLA_WAIT_BUSY);
	/* "forever" is the driver's largest timeout */
	assert_int_equal(last_wait().in.timeout_us, HLK_WAIT_FOREVER);
	EXPECT_ONE_IOCTL(hla_cs_wait(U, 9, HLK_WAIT_FOREVER + 1, &r), 0);
	assert_int_equal(last_wait().in.timeout_us, HLK_WAIT_FOREVER);
	push_res(HLK_WAIT_CS_STATUS_COMPLETED, HLK_WAIT_CS_STATUS_FLAG_GONE, 0, 0);
	EXPECT_ONE_IOCTL(hla_cs_wait(U, 2, 0, &r), 0);
	assert_int_equal(r.flags, HLA_WAIT_FLAG_GONE);
	/* nothing was submitted: nothing to wait for */
	memset(&r.status, 0xEE, sizeof(r) - 16);
	EXPECT_NO_IOCTL(hla_cs_wait(U, HLA_SEQ_NONE, 0, &r), 0);
	assert_int_equal(r.status, HLA_WAIT_COMPLETED);
	assert_int_equal(r.flags, 0);
	assert_int_equal(r.valid, RESULT_VALID);
	mock_ioctl_push_errno(EINVAL);
	EXPECT_ONE_IOCTL(hla_cs_wait(U, 2000, 0, &r), -EINVAL);
	EXPECT_NO_IOCTL(hla_cs_wait(U, 1, 0, NULL), -EINVAL);
	EXPECT_NO_IOCTL(hla_cs_wait(NULL, 1, 0, &r), -EINVAL);
	r.sz = 15;
	EXPECT_NO_IOCTL(hla_cs_wait(U, 1, 0, &r), -EINVAL);
}

static void multi(void **state)
{
	HLA_STRUCT_INIT(hla_wait_result, r);
	uint64_t seqs[HLK_WAIT_MULTI_CS_LIST_MAX_LEN + 1] = { 4, 5, 6 };
	union hlk_wait_cs_args a;

	(void)state;
	push_res(HLK_WAIT_CS_STATUS_COMPLETED, HLK_WAIT_CS_STATUS_FLAG_TIMESTAMP_VLD, 9, 5);
	EXPECT_ONE_IOCTL(hla_cs_wait_multi(U, seqs, 3, 50, &r), 0);
	assert_int_equal(r.completion_map, 5);
	assert_int_equal(r.timestamp_ns, 9);
	assert_int_equal(r.valid, RESULT_VALID | HLA_WAIT_RESULT_COMPLETION_MAP);
	a = last_wait();
	assert_int_equal(a.in.seq, (uint64_t)(uintptr_t)seqs);
	assert_int_equal(a.in.seq_arr_len, 3);
	assert_int_equal(a.in.timeout_us, 50);
	assert_int_equal(a.in.flags, HLK_WAIT_CS_FLAGS_MULTI_CS);
	for (int i = 0; i < 7; i++)
		assert_int_equal(a.in.pad[i], 0);
	EXPECT_ONE_IOCTL(hla_cs_wait_multi(U, seqs, HLK_WAIT_MULTI_CS_LIST_MAX_LEN,
					   HLA_WAIT_FOREVER, &r), 0);
	assert_int_equal(last_wait().in.seq_arr_len, HLK_WAIT_MULTI_CS_LIST_MAX_LEN);
	assert_int_equal(last_wait().in.timeout_us, HLK_WAIT_FOREVER);
	mock_ioctl_push_errno(EPERM);
	EXPECT_ONE_IOCTL(hla_cs_wait_multi(U, seqs, 3, 50, &r), -EPERM);
	EXPECT_NO_IOCTL(hla_cs_wait_multi(U, seqs, 0, 50, &r), -EINVAL);
	EXPECT_NO_IOCTL(hla_cs_wait_multi(U, seqs, HLK_WAIT_MULTI_CS_LIST_MAX_LEN + 1, 50, &r),
			-EINVAL);
	EXPECT_NO_IOCTL(hla_cs_wait_multi(U, NULL, 3, 50, &r), -EINVAL);
	EXPECT_NO_IOCTL(hla_cs_wait_multi(U, seqs, 3, 50, NULL), -EINVAL);
	EXPECT_NO_IOCTL(hla_cs_wait_multi(NULL, seqs, 3, 50, &r), -EINVAL);
}

static void interrupts(void **state)
{
	HLA_STRUCT_INIT(hla_wait_result, r);
	volatile uint64_t word = 0;
	union hlk_wait_cs_args a;

	(void)state;
	push_res(HLK_WAIT_CS_STATUS_COMPLETED, HLK_WAIT_CS_STATUS_FLAG_TIMESTAMP_VLD, 5, 0);
	EXPECT_ONE_IOCTL(hla_interrupt_wait(U, 300, &word, 8, 2000, &r), 0);
	assert_int_equal(r.valid, RESULT_VALID);
	assert_int_equal(r.timestamp_ns, 5);
	a = last_wait();
	assert_int_equal(a.in.addr, (uint64_t)(uintptr_t)&word);
	assert_int_equal(a.in.target, 8);
	assert_int_equal(a.in.flags, HLK_WAIT_CS_FLAGS_INTERRUPT | (300u << 20));
	/* the timeout of interrupt waits lives at offset 24 */
	assert_int_equal(kget(mock_ioctl_last()->in, 24, 8), 2000);
	EXPECT_ONE_IOCTL(hla_interrupt_wait(U, HLA_INTERRUPT_ANY_CQ, &word, 1,
					    HLA_WAIT_FOREVER, &r), 0);
	assert_int_equal(last_wait().in.flags,
			 HLK_WAIT_CS_FLAGS_INTERRUPT | HLK_WAIT_CS_FLAGS_ANY_CQ_INTERRUPT);
	assert_int_equal(last_wait().in.interrupt_timeout_us, HLK_WAIT_FOREVER);
	EXPECT_ONE_IOCTL(hla_interrupt_wait(U, HLA_INTERRUPT_ANY_DECODER, &word, 1, 0, &r), 0);
	assert_int_equal(last_wait().in.flags,
			 HLK_WAIT_CS_FLAGS_INTERRUPT | HLK_WAIT_CS_FLAGS_ANY_DEC_INTERRUPT);
	mock_ioctl_push_errno(EPERM);
	EXPECT_ONE_IOCTL(hla_interrupt_wait(U, 1, &word, 8, 0, &r), -EPERM);
	EXPECT_NO_IOCTL(hla_interrupt_wait(U, 0x1000, &word, 8, 0, &r), -EINVAL);
	EXPECT_NO_IOCTL(hla_interrupt_wait(U, 1, NULL, 8, 0, &r), -EINVAL);
	EXPECT_NO_IOCTL(hla_interrupt_wait(U, 1, &word, 8, 0, NULL), -EINVAL);
	EXPECT_NO_IOCTL(hla_interrupt_wait(NULL, 1, &word, 8, 0, &r), -EINVAL);
}

static void cq_counter(void **state)
{
	HLA_STRUCT_INIT(hla_wait_result, r);
	HLA_STRUCT_INIT(hla_cq_counter, cq);
	union hlk_wait_cs_args a;

	(void)state;
	cq.interrupt_id = HLA_INTERRUPT_ANY_DECODER;
	cq.cb_handle = CB_HANDLE;
	cq.index = 3;
	cq.target = 9;
	push_res(HLK_WAIT_CS_STATUS_COMPLETED, 0, 0, 0);
	EXPECT_ONE_IOCTL(hla_cq_counter_wait(U, &cq, 77, &r), 0);
	assert_int_equal(r.valid, RESULT_VALID);
	a = last_wait();
	assert_int_equal(a.in.cq_counters_handle, CB_HANDLE);
	assert_int_equal(a.in.cq_counters_offset, 3);
	assert_int_equal(a.in.target, 9);
	assert_int_equal(a.in.interrupt_timeout_us, 77);
	assert_int_equal(a.in.flags, HLK_WAIT_CS_FLAGS_INTERRUPT |
					     HLK_WAIT_CS_FLAGS_INTERRUPT_KERNEL_CQ |
					     HLK_WAIT_CS_FLAGS_ANY_DEC_INTERRUPT);
	assert_int_equal(a.in.timestamp_handle | a.in.timestamp_offset, 0);
	/* the last u64 slot of the largest CB */
	cq.index = HLK_MAX_CB_SIZE / 8 - 1;
	EXPECT_ONE_IOCTL(hla_cq_counter_wait(U, &cq, 0, &r), 0);
	cq.index = HLK_MAX_CB_SIZE / 8;
	EXPECT_NO_IOCTL(hla_cq_counter_wait(U, &cq, 0, &r), -EINVAL);
	cq.index = 0;
	cq.cb_handle = TS_HANDLE; /* not a CB */
	EXPECT_NO_IOCTL(hla_cq_counter_wait(U, &cq, 0, &r), -EINVAL);
	cq.cb_handle = HLK_MMAP_TYPE_CB; /* a CB type with no id */
	EXPECT_NO_IOCTL(hla_cq_counter_wait(U, &cq, 0, &r), -EINVAL);
	cq.cb_handle = CB_HANDLE;
	cq.interrupt_id = 0x1000;
	EXPECT_NO_IOCTL(hla_cq_counter_wait(U, &cq, 0, &r), -EINVAL);
	cq.interrupt_id = 64;
	EXPECT_NO_IOCTL(hla_cq_counter_wait(U, NULL, 0, &r), -EINVAL);
	EXPECT_NO_IOCTL(hla_cq_counter_wait(U, &cq, 0, NULL), -EINVAL);
	EXPECT_NO_IOCTL(hla_cq_counter_wait(NULL, &cq, 0, &r), -EINVAL);
	mock_ioctl_push_errno(EINVAL);
	EXPECT_ONE_IOCTL(hla_cq_counter_wait(U, &cq, 0, &r), -EINVAL);
}

static void ts_register(void **state)
{
	HLA_STRUCT_INIT(hla_cq_counter, cq);
	union hlk_wait_cs_args a;

	(void)state;
	cq.interrupt_id = 64;
	cq.cb_handle = CB_HANDLE;
	cq.index = 3;
	cq.target = 9;
	EXPECT_ONE_IOCTL(hla_ts_register(U, &cq, TS_HANDLE, 5), 0);
	a = last_wait();
	assert_int_equal(a.in.flags, HLK_WAIT_CS_FLAGS_INTERRUPT |
					     HLK_WAIT_CS_FLAGS_INTERRUPT_KERNEL_CQ |
					     HLK_WAIT_CS_FLAGS_REGISTER_INTERRUPT | (64u << 20));
	assert_int_equal(a.in.cq_counters_handle, CB_HANDLE);
	assert_int_equal(a.in.cq_counters_offset, 3);
	assert_int_equal(a.in.target, 9);
	assert_int_equal(a.in.timestamp_handle, TS_HANDLE);
	assert_int_equal(a.in.timestamp_offset, 5);
	/* a registration must not look like a poll */
	assert_int_not_equal(a.in.interrupt_timeout_us, 0);
	EXPECT_ONE_IOCTL(hla_ts_register(U, &cq, TS_HANDLE, HLA_TS_MAX_ELEMENTS - 1), 0);
	EXPECT_NO_IOCTL(hla_ts_register(U, &cq, TS_HANDLE, HLA_TS_MAX_ELEMENTS), -EINVAL);
	EXPECT_NO_IOCTL(hla_ts_register(U, &cq, CB_HANDLE, 0), -EINVAL);
	EXPECT_NO_IOCTL(hla_ts_register(U, &cq, HLK_MMAP_TYPE_TS_BUFF, 0), -EINVAL);
	EXPECT_NO_IOCTL(hla_ts_register(U, NULL, TS_HANDLE, 0), -EINVAL);
	EXPECT_NO_IOCTL(hla_ts_register(NULL, &cq, TS_HANDLE, 0), -EINVAL);
	cq.cb_handle = TS_HANDLE;
	EXPECT_NO_IOCTL(hla_ts_register(U, &cq, TS_HANDLE, 0), -EINVAL);
	cq.cb_handle = CB_HANDLE;
	mock_ioctl_push_errno(ENOMEM);
	EXPECT_ONE_IOCTL(hla_ts_register(U, &cq, TS_HANDLE, 0), -ENOMEM);
	mock_ioctl_push_errno(EINTR);
	EXPECT_ONE_IOCTL(hla_ts_register(U, &cq, TS_HANDLE, 0), -EINTR);
}

/* ---- outcomes shared by the four waits ---- */

static volatile uint64_t word;
static uint64_t seqs[2] = { 1, 2 };

static int wait_kind(int kind, struct hla_wait_result *r)
{
	HLA_STRUCT_INIT(hla_cq_counter, cq);

	cq.interrupt_id = 1;
	cq.cb_handle = CB_HANDLE;
	switch (kind) {
	case 0:
		return hla_cs_wait(U, 3, 100, r);
	case 1:
		return hla_cs_wait_multi(U, seqs, 2, 100, r);
	case 2:
		return hla_interrupt_wait(U, 1, &word, 1, 100, r);
	default:
		return hla_cq_counter_wait(U, &cq, 100, r);
	}
}

/* the kernel rewrites the block for a single CS, even on failure */
static int fail_with_block(int fd, unsigned long req, void *arg, void *priv)
{
	union hlk_wait_cs_args *a = arg;

	(void)fd;
	(void)req;
	memset(a, 0, sizeof(*a));
	a->out.status = HLK_WAIT_CS_STATUS_COMPLETED; /* not to be believed */
	a->out.flags = HLK_WAIT_CS_STATUS_FLAG_TIMESTAMP_VLD;
	return *(int *)priv;
}

/* a signal ends every wait with -EINTR after one ioctl; res is untouched */
static void eintr_not_retried(void **state)
{
	struct hla_wait_result r, before;

	(void)state;
	for (int kind = 0; kind < 4; kind++) {
		memset(&r, SENTINEL, sizeof(r));
		r.sz = sizeof(r);
		before = r;
		mock_ioctl_push_errno(EINTR);
		EXPECT_ONE_IOCTL(wait_kind(kind, &r), -EINTR);
		EXPECT_REQ(HLK_CMD_WAIT_CS);
		assert_memory_equal(&r, &before, sizeof(r));
		/* nothing queued was left for a retry to take */
		assert_int_equal(mock_ioctl_drop_pushes(), 0);
	}
}

/* the watchdog and a reset are outcomes: status says which, and only it */
static void timedout_and_aborted(void **state)
{
	static const struct {
		int err;
		uint32_t status;
	} cases[] = { { ETIMEDOUT, HLA_WAIT_TIMEDOUT }, { EIO, HLA_WAIT_ABORTED } };
	struct hla_wait_result r;

	(void)state;
	for (int kind = 0; kind < 4; kind++) {
		for (size_t i = 0; i < 2; i++) {
			int err = cases[i].err;

			memset(&r, SENTINEL, sizeof(r));
			r.sz = sizeof(r);
			mock_ioctl_push(fail_with_block, &err);
			EXPECT_ONE_IOCTL(wait_kind(kind, &r), -err);
			assert_int_equal(r.status, cases[i].status);
			assert_int_equal(r.valid, HLA_WAIT_RESULT_STATUS);
			assert_int_equal(r.reserved0, 0);
			assert_int_equal(r.sz, sizeof(r));
		}
	}
}

/* any other error leaves res alone */
static void other_errors_leave_result(void **state)
{
	struct hla_wait_result r, before;

	(void)state;
	for (int kind = 0; kind < 4; kind++) {
		memset(&r, SENTINEL, sizeof(r));
		r.sz = sizeof(r);
		before = r;
		mock_ioctl_push_errno(EFAULT);
		EXPECT_ONE_IOCTL(wait_kind(kind, &r), -EFAULT);
		assert_memory_equal(&r, &before, sizeof(r));
	}
}

int main(int argc, char **argv)
{
#define T UNIT_TEST
	const struct CMUnitTest tests[] = {
		T(single), T(multi), T(interrupts), T(cq_counter), T(ts_register),
		T(eintr_not_retried), T(timedout_and_aborted), T(other_errors_leave_result),
	};

	return UNIT_MAIN(tests, NULL, NULL);
}
