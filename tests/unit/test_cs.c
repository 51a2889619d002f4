/* SPDX-License-Identifier: MIT */
/* Command submission in all its forms. */
#include "unit.h"

static union hlk_cs_args last_cs(void)
{
	union hlk_cs_args a;

	EXPECT_REQ(HLK_CMD_CS);
	memcpy(&a, mock_ioctl_last()->in, sizeof(a));
	assert_int_equal(a.in.pad[0] | a.in.pad[1] | a.in.pad[2] | a.in.pad[3], 0);
	assert_int_equal(a.in.ctx_id, 0);
	return a;
}

static void push_out(uint64_t seq, uint32_t sob_off, uint16_t before)
{
	union hlk_cs_args o;

	memset(&o, 0, sizeof(o));
	o.out.seq = seq;
	o.out.sob_base_addr_offset = sob_off;
	o.out.sob_count_before_submission = before;
	mock_ioctl_push_out(&o, sizeof(o));
}

static void submit(void **state)
{
	struct hla_cs_chunk ex[2], re[1];
	HLA_STRUCT_INIT(hla_cs_submit, cs);
	HLA_STRUCT_INIT(hla_cs_out, out);
	union hlk_cs_args a;

	(void)state;
	memset(ex, 0, sizeof(ex));
	memset(re, 0, sizeof(re));
	ex[0].cb_handle = 0xFFF0000000001000ull;
	ex[0].queue_index = 3;
	ex[0].cb_size = 24;
	ex[0].flags = HLA_CHUNK_USER_CB;
	cs.execute = ex;
	cs.num_execute = 2;
	cs.restore = re;
	cs.num_restore = 1;
	cs.flags = HLA_CS_TIMESTAMP | HLA_CS_FORCE_RESTORE;
	cs.timeout_s = 5;
	push_out(17, 8, 3);
	assert_int_equal(hla_cs_submit(U, &cs, &out), 0);
	assert_int_equal(out.seq, 17);
	assert_int_equal(out.sob_base_addr_offset, 8);
	assert_int_equal(out.sob_count_before_submission, 3);
	a = last_cs();
	/* the caller's chunk array goes to the kernel as it is */
	assert_int_equal(a.in.chunks_execute, (uint64_t)(uintptr_t)ex);
	assert_int_equal(a.in.chunks_restore, (uint64_t)(uintptr_t)re);
	assert_int_equal(a.in.num_chunks_execute, 2);
	assert_int_equal(a.in.num_chunks_restore, 1);
	assert_int_equal(a.in.cs_flags, HLK_CS_FLAGS_TIMESTAMP | HLK_CS_FLAGS_FORCE_RESTORE |
						 HLK_CS_FLAGS_CUSTOM_TIMEOUT);
	assert_int_equal(a.in.timeout, 5);
	assert_int_equal(a.in.seq, 0);
	/* the chunk layout is the kernel's */
	{
		const struct hlk_cs_chunk *k = (const void *)ex;

		assert_int_equal(k->cb_handle, 0xFFF0000000001000ull);
		assert_int_equal(k->queue_index, 3);
		assert_int_equal(k->cb_size, 24);
		assert_int_equal(k->cs_chunk_flags, HLK_CS_CHUNK_FLAGS_USER_ALLOC_CB);
	}
}

static void submit_staged_and_encaps(void **state)
{
	struct hla_cs_chunk ex;
	HLA_STRUCT_INIT(hla_cs_submit, cs);
	HLA_STRUCT_INIT(hla_cs_out, out);

	(void)state;
	memset(&ex, 0, sizeof(ex));
	cs.execute = &ex;
	cs.num_execute = 1;
	cs.flags = HLA_CS_STAGED_FIRST;
	push_out(5, 0, 0);
	assert_int_equal(hla_cs_submit(U, &cs, &out), 0);
	assert_int_equal(last_cs().in.cs_flags,
			 HLK_CS_FLAGS_STAGED_SUBMISSION | HLK_CS_FLAGS_STAGED_SUBMISSION_FIRST);
	cs.flags = HLA_CS_STAGED;
	cs.staged_seq = 5;
	assert_int_equal(hla_cs_submit(U, &cs, &out), 0);
	assert_int_equal(last_cs().in.cs_flags, HLK_CS_FLAGS_STAGED_SUBMISSION);
	assert_int_equal(last_cs().in.seq, 5);
	cs.flags = HLA_CS_STAGED_LAST;
	assert_int_equal(hla_cs_submit(U, &cs, &out), 0);
	assert_int_equal(last_cs().in.cs_flags,
			 HLK_CS_FLAGS_STAGED_SUBMISSION | HLK_CS_FLAGS_STAGED_SUBMISSION_LAST);
	assert_int_equal(last_cs().in.seq, 5);
	cs.flags = HLA_CS_ENCAP_SIGNALS | HLA_CS_STAGED_FIRST;
	cs.staged_seq = 0;
	cs.encaps_sig_handle = 9;
	assert_int_equal(hla_cs_submit(U, &cs, &out), 0);
	assert_int_equal(last_cs().in.encaps_sig_handle_id, 9);
	assert_true(last_cs().in.cs_flags & HLK_CS_FLAGS_ENCAP_SIGNALS);
}

static void submit_errors(void **state)
{
	struct hla_cs_chunk ex;
	HLA_STRUCT_INIT(hla_cs_submit, cs);
	HLA_STRUCT_INIT(hla_cs_out, out);
	struct {
		struct hla_cs_submit cs;
		uint64_t tail;
	} big;
	unsigned int before;

	(void)state;
	memset(&ex, 0, sizeof(ex));
	cs.execute = &ex;
	cs.num_execute = 1;
	/* EAGAIN comes back once, not retried */
	mock_ioctl_push_errno(EAGAIN);
	before = mock_ioctl_count();
	assert_int_equal(hla_cs_submit(U, &cs, &out), -EAGAIN);
	assert_int_equal(mock_ioctl_count(), before + 1);
	/* EINTR is */
	mock_ioctl_push_errno(EINTR);
	push_out(3, 0, 0);
	assert_int_equal(hla_cs_submit(U, &cs, &out), 0);
	assert_int_equal(out.seq, 3);
	assert_int_equal(mock_ioctl_count(), before + 3);
	mock_ioctl_push_errno(EINVAL);
	assert_int_equal(hla_cs_submit(U, &cs, &out), -EINVAL);
	before = mock_ioctl_count();
	assert_int_equal(hla_cs_submit(NULL, &cs, &out), -EINVAL);
	assert_int_equal(hla_cs_submit(U, NULL, &out), -EINVAL);
	assert_int_equal(hla_cs_submit(U, &cs, NULL), -EINVAL);
	cs.flags = 0x2; /* a type flag */
	assert_int_equal(hla_cs_submit(U, &cs, &out), -EINVAL);
	cs.flags = 0;
	ex.reserved[9] = 1;
	assert_int_equal(hla_cs_submit(U, &cs, &out), -EINVAL);
	ex.reserved[9] = 0;
	ex.flags = 0x2;
	assert_int_equal(hla_cs_submit(U, &cs, &out), -EINVAL);
	ex.flags = 0;
	cs.num_execute = 0;
	assert_int_equal(hla_cs_submit(U, &cs, &out), -EINVAL);
	cs.num_execute = 513;
	assert_int_equal(hla_cs_submit(U, &cs, &out), -EINVAL);
	cs.num_execute = 1;
	cs.execute = NULL;
	assert_int_equal(hla_cs_submit(U, &cs, &out), -EINVAL);
	cs.execute = &ex;
	cs.sz = 0;
	assert_int_equal(hla_cs_submit(U, &cs, &out), -EINVAL);
	memset(&big, 0, sizeof(big));
	big.cs = cs;
	big.cs.sz = sizeof(big);
	big.tail = 1;
	assert_int_equal(hla_cs_submit(U, &big.cs, &out), -E2BIG);
	assert_int_equal(mock_ioctl_count(), before);
	big.tail = 0;
	assert_int_equal(hla_cs_submit(U, &big.cs, &out), 0);
}

static void sync_stream(void **state)
{
	HLA_STRUCT_INIT(hla_cs_out, out);
	HLA_STRUCT_INIT(hla_encaps_signals, res);
	union hlk_cs_args a, o;
	struct hlk_cs_chunk ch;
	unsigned int before;

	(void)state;
	push_out(11, 16, 2);
	assert_int_equal(hla_cs_signal(U, 4, HLA_CS_TIMESTAMP, 0, &out), 0);
	assert_int_equal(out.seq, 11);
	assert_int_equal(out.sob_base_addr_offset, 16);
	a = last_cs();
	assert_int_equal(a.in.cs_flags, HLK_CS_FLAGS_SIGNAL | HLK_CS_FLAGS_TIMESTAMP);
	assert_int_equal(a.in.num_chunks_execute, 1);

	assert_int_equal(hla_cs_wait_signal(U, 2, 11, 0, 3, &out), 0);
	a = last_cs();
	assert_int_equal(a.in.cs_flags, HLK_CS_FLAGS_WAIT | HLK_CS_FLAGS_CUSTOM_TIMEOUT);
	assert_int_equal(a.in.timeout, 3);
	/* the chunk sat on the library's stack: re-read what the kernel saw is
	 * not possible after return, so check the pointer shape instead */
	assert_int_not_equal(a.in.chunks_execute, 0);

	before = mock_ioctl_count();
	assert_int_equal(hla_cs_wait_signal(U, 2, HLA_SEQ_NONE, 0, 0, &out), 0);
	assert_int_equal(out.seq, HLA_SEQ_NONE);
	assert_int_equal(mock_ioctl_count(), before);

	assert_int_equal(hla_cs_collective_wait(U, 1, 11, 6, 0, 0, &out), 0);
	assert_int_equal(last_cs().in.cs_flags, HLK_CS_FLAGS_COLLECTIVE_WAIT);

	memset(&o, 0, sizeof(o));
	o.out.handle_id = 4;
	o.out.count = 100;
	o.out.sob_base_addr_offset = 24;
	mock_ioctl_push_out(&o, sizeof(o));
	assert_int_equal(hla_cs_reserve_signals(U, 3, 10, &res), 0);
	assert_int_equal(res.handle_id, 4);
	assert_int_equal(res.count, 100);
	assert_int_equal(res.sob_base_addr_offset, 24);
	a = last_cs();
	assert_int_equal(a.in.cs_flags, HLK_CS_FLAGS_RESERVE_SIGNALS_ONLY);
	assert_int_equal(a.in.encaps_signals_count, 10);
	assert_int_equal(a.in.encaps_signals_q_idx, 3);
	assert_int_equal(hla_cs_unreserve_signals(U, 4), 0);
	a = last_cs();
	assert_int_equal(a.in.cs_flags, HLK_CS_FLAGS_UNRESERVE_SIGNALS_ONLY);
	assert_int_equal(a.in.encaps_sig_handle_id, 4);
	assert_int_equal(hla_cs_wait_encaps_signals(U, 1, 20, 2, 0, 0, &out), 0);
	a = last_cs();
	assert_int_equal(a.in.cs_flags, HLK_CS_FLAGS_WAIT | HLK_CS_FLAGS_ENCAP_SIGNALS);
	(void)ch;
	before = mock_ioctl_count();
	assert_int_equal(hla_cs_signal(U, 0, 0x2, 0, &out), -EINVAL);
	assert_int_equal(hla_cs_signal(U, 0, 0, 0, NULL), -EINVAL);
	assert_int_equal(hla_cs_reserve_signals(U, 0, 0, &res), -EINVAL);
	assert_int_equal(hla_cs_reserve_signals(U, 0, 1, NULL), -EINVAL);
	assert_int_equal(mock_ioctl_count(), before);
	mock_ioctl_push_errno(EINVAL);
	assert_int_equal(hla_cs_unreserve_signals(U, 99), -EINVAL);
}

static void engines(void **state)
{
	uint32_t ids[3] = { 45, 46, 47 };
	union hlk_cs_args a;
	unsigned int before = mock_ioctl_count();

	(void)state;
	assert_int_equal(hla_cs_engine_cores(U, ids, 3, HLA_ENGINE_CORE_HALT), 0);
	a = last_cs();
	assert_int_equal(a.in.cs_flags, HLK_CS_FLAGS_ENGINE_CORE_COMMAND);
	assert_int_equal(a.in.engine_cores, (uint64_t)(uintptr_t)ids);
	assert_int_equal(a.in.num_engine_cores, 3);
	assert_int_equal(a.in.core_command, HLK_ENGINE_CORE_HALT);
	before = mock_ioctl_count();
	if (mock_iface == HLA_INTERFACE_LEGACY) {
		/* 6.1 would ignore the flag and run a plain CS: refused here */
		assert_int_equal(hla_cs_engines(U, ids, 3, HLA_ENGINE_STALL), -EOPNOTSUPP);
		assert_int_equal(hla_cs_flush_pci_hbw_writes(U), -EOPNOTSUPP);
		assert_int_equal(mock_ioctl_count(), before);
	} else {
		assert_int_equal(hla_cs_engines(U, ids, 2, HLA_ENGINE_RESUME), 0);
		a = last_cs();
		assert_int_equal(a.in.cs_flags, HLK_CS_FLAGS_ENGINES_COMMAND);
		assert_int_equal(a.in.engines, (uint64_t)(uintptr_t)ids);
		assert_int_equal(a.in.num_engines, 2);
		assert_int_equal(a.in.engine_command, HLK_ENGINE_RESUME);
		assert_int_equal(hla_cs_flush_pci_hbw_writes(U), 0);
		assert_int_equal(last_cs().in.cs_flags, HLK_CS_FLAGS_FLUSH_PCI_HBW_WRITES);
		mock_ioctl_push_errno(EPERM);
		assert_int_equal(hla_cs_engines(U, ids, 1, HLA_ENGINE_STALL), -EPERM);
	}
	before = mock_ioctl_count();
	assert_int_equal(hla_cs_engines(U, ids, 0, HLA_ENGINE_STALL), -EINVAL);
	assert_int_equal(hla_cs_engines(U, ids, 1, HLA_ENGINE_CORE_RUN), -EINVAL);
	assert_int_equal(hla_cs_engines(U, NULL, 1, HLA_ENGINE_STALL), -EINVAL);
	assert_int_equal(hla_cs_engine_cores(U, ids, 1, HLA_ENGINE_STALL), -EINVAL);
	assert_int_equal(hla_cs_engine_cores(U, ids, 0, HLA_ENGINE_CORE_RUN), -EINVAL);
	assert_int_equal(hla_cs_flush_pci_hbw_writes(NULL), -EINVAL);
	assert_int_equal(mock_ioctl_count(), before);
}

int main(int argc, char **argv)
{
#define T(f) cmocka_unit_test_setup_teardown(f, unit_open, unit_close)
	const struct CMUnitTest tests[] = {
		T(submit), T(submit_staged_and_encaps), T(submit_errors), T(sync_stream),
		T(engines),
	};

	return UNIT_MAIN(tests, NULL, NULL);
}
