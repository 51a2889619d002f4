/* SPDX-License-Identifier: MIT */
/* Command submission in all its forms. */
#include "unit.h"

#define ACCEL (mock_iface == HLA_INTERFACE_ACCEL)

static union hlk_cs_args last_cs(void)
{
	union hlk_cs_args a;

	EXPECT_REQ(HLK_CMD_CS);
	memcpy(&a, mock_ioctl_last()->in, sizeof(a));
	assert_int_equal(a.in.pad[0] | a.in.pad[1] | a.in.pad[2] | a.in.pad[3], 0);
	assert_int_equal(a.in.ctx_id, 0);
	return a;
}

static union hlk_cs_args answer;

static void set_answer(uint64_t seq, uint32_t sob_off, uint16_t before)
{
	memset(&answer, 0, sizeof(answer));
	answer.out.seq = seq;
	answer.out.sob_base_addr_offset = sob_off;
	answer.out.sob_count_before_submission = before;
}

static void push_out(uint64_t seq, uint32_t sob_off, uint16_t before)
{
	set_answer(seq, sob_off, before);
	mock_ioctl_push_out(&answer, sizeof(answer));
}

/* what the driver saw behind the pointers, captured during the call */
static struct hlk_cs_chunk seen_chunk;
static uint64_t seen_seq;

static int capture(int fd, unsigned long req, void *arg, void *priv)
{
	union hlk_cs_args *a = arg;

	(void)fd;
	(void)req;
	(void)priv;
	memset(&seen_chunk, 0, sizeof(seen_chunk));
	seen_seq = 0;
	if (a->in.chunks_execute)
		memcpy(&seen_chunk, (void *)(uintptr_t)a->in.chunks_execute,
		       sizeof(seen_chunk));
	if (!(a->in.cs_flags & HLK_CS_FLAGS_ENCAP_SIGNALS) && seen_chunk.signal_seq_arr)
		memcpy(&seen_seq, (void *)(uintptr_t)seen_chunk.signal_seq_arr, 8);
	memcpy(a, &answer, sizeof(*a));
	return 0;
}

static void submit(void **state)
{
	struct hla_cs_chunk ex[2], re[1];
	HLA_STRUCT_INIT(hla_cs_submit, cs);
	HLA_STRUCT_INIT(hla_cs_out, out);
	union hlk_cs_args a;
	const struct hlk_cs_chunk *k = (const void *)ex;

	(void)state;
	memset(ex, 0, sizeof(ex));
	memset(re, 0, sizeof(re));
	ex[0].cb_handle = 0xFFF0000000001000ull;
	ex[0].queue_index = 3;
	ex[0].cb_size = 24;
	ex[0].flags = HLA_CHUNK_USER_CB;
	ex[0].collective_engine_id = 6;
	cs.execute = ex;
	cs.num_execute = 2;
	cs.restore = re;
	cs.num_restore = 1;
	cs.flags = HLA_CS_TIMESTAMP | HLA_CS_FORCE_RESTORE;
	cs.timeout_s = 5;
	push_out(17, 8, 3);
	EXPECT_ONE_IOCTL(hla_cs_submit(U, &cs, &out), 0);
	assert_int_equal(out.seq, 17);
	assert_int_equal(out.valid, HLA_CS_OUT_SEQ);
	assert_int_equal(out.reserved0 | out.reserved1, 0);
	a = last_cs();
	/* the caller's chunk arrays go to the kernel as they are */
	assert_int_equal(a.in.chunks_execute, (uint64_t)(uintptr_t)ex);
	assert_int_equal(a.in.chunks_restore, (uint64_t)(uintptr_t)re);
	assert_int_equal(a.in.num_chunks_execute, 2);
	assert_int_equal(a.in.num_chunks_restore, 1);
	assert_int_equal(a.in.cs_flags, HLK_CS_FLAGS_TIMESTAMP | HLK_CS_FLAGS_FORCE_RESTORE |
						 HLK_CS_FLAGS_CUSTOM_TIMEOUT);
	assert_int_equal(a.in.timeout, 5);
	assert_int_equal(a.in.seq, 0);
	/* in the kernel's layout */
	assert_int_equal(k->cb_handle, 0xFFF0000000001000ull);
	assert_int_equal(k->queue_index, 3);
	assert_int_equal(k->cb_size, 24);
	assert_int_equal(k->cs_chunk_flags, HLK_CS_CHUNK_FLAGS_USER_ALLOC_CB);
	assert_int_equal(k->collective_engine_id, 6);
	/* the common case, execute chunks only; no timeout: the driver's
	 * default, no custom-timeout flag */
	cs.timeout_s = 0;
	cs.flags = HLA_CS_SKIP_RESET_ON_TIMEOUT;
	cs.restore = NULL;
	cs.num_restore = 0;
	push_out(23, 4, 1);
	memset(&out, 0, sizeof(out));
	out.sz = sizeof(out);
	EXPECT_ONE_IOCTL(hla_cs_submit(U, &cs, &out), 0);
	a = last_cs();
	assert_int_equal(a.in.cs_flags, HLK_CS_FLAGS_SKIP_RESET_ON_TIMEOUT);
	assert_int_equal(a.in.timeout, 0);
	assert_int_equal(a.in.chunks_restore, 0);
	assert_int_equal(a.in.num_chunks_restore, 0);
	assert_int_equal(a.in.seq, 0);
	assert_int_equal(out.seq, 23);
	assert_int_equal(out.valid, HLA_CS_OUT_SEQ);
	cs.flags = HLA_CS_TIMESTAMP | HLA_CS_FORCE_RESTORE;
	cs.timeout_s = 9;
	EXPECT_ONE_IOCTL(hla_cs_submit(U, &cs, &out), 0);
	assert_int_equal(last_cs().in.cs_flags, HLK_CS_FLAGS_TIMESTAMP |
							HLK_CS_FLAGS_FORCE_RESTORE |
							HLK_CS_FLAGS_CUSTOM_TIMEOUT);
	assert_int_equal(last_cs().in.timeout, 9);
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
	cs.staged_seq = 99; /* not read for a first part */
	push_out(5, 0, 0);
	EXPECT_ONE_IOCTL(hla_cs_submit(U, &cs, &out), 0);
	assert_int_equal(last_cs().in.cs_flags,
			 HLK_CS_FLAGS_STAGED_SUBMISSION | HLK_CS_FLAGS_STAGED_SUBMISSION_FIRST);
	assert_int_equal(last_cs().in.seq, 0);
	cs.flags = HLA_CS_STAGED;
	cs.staged_seq = 5;
	EXPECT_ONE_IOCTL(hla_cs_submit(U, &cs, &out), 0);
	assert_int_equal(last_cs().in.cs_flags, HLK_CS_FLAGS_STAGED_SUBMISSION);
	assert_int_equal(last_cs().in.seq, 5);
	cs.flags = HLA_CS_STAGED_LAST;
	EXPECT_ONE_IOCTL(hla_cs_submit(U, &cs, &out), 0);
	assert_int_equal(last_cs().in.cs_flags,
			 HLK_CS_FLAGS_STAGED_SUBMISSION | HLK_CS_FLAGS_STAGED_SUBMISSION_LAST);
	assert_int_equal(last_cs().in.seq, 5);
	/* into reserved signals: the handle in the seq word */
	cs.flags = HLA_CS_ENCAP_SIGNALS | HLA_CS_STAGED_FIRST;
	cs.staged_seq = 0;
	cs.encaps_sig_handle = 9;
	push_out(6, 0, 12);
	EXPECT_ONE_IOCTL(hla_cs_submit(U, &cs, &out), 0);
	assert_int_equal(last_cs().in.encaps_sig_handle_id, 9);
	assert_true(last_cs().in.cs_flags & HLK_CS_FLAGS_ENCAP_SIGNALS);
	assert_int_equal(out.valid, HLA_CS_OUT_SEQ | HLA_CS_OUT_SOB_COUNT_BEFORE_SUBMISSION);
	assert_int_equal(out.sob_count_before_submission, 12);
	/* a later staged part names its first by seq in that same word */
	cs.flags = HLA_CS_ENCAP_SIGNALS | HLA_CS_STAGED;
	cs.staged_seq = 5;
	EXPECT_NO_IOCTL(hla_cs_submit(U, &cs, &out), -EINVAL);
}

static void submit_errors(void **state)
{
	struct hla_cs_chunk ex;
	HLA_STRUCT_INIT(hla_cs_submit, cs);
	HLA_STRUCT_INIT(hla_cs_out, out);

	(void)state;
	memset(&ex, 0, sizeof(ex));
	cs.execute = &ex;
	cs.num_execute = 1;
	/* errors come back after one ioctl: EAGAIN and EINTR are not retried */
	mock_ioctl_push_errno(EAGAIN);
	EXPECT_ONE_IOCTL(hla_cs_submit(U, &cs, &out), -EAGAIN);
	out.seq = 1234;
	mock_ioctl_push_errno(EINTR);
	EXPECT_ONE_IOCTL(hla_cs_submit(U, &cs, &out), -EINTR);
	assert_int_equal(out.seq, 1234);
	mock_ioctl_push_errno(EINVAL);
	EXPECT_ONE_IOCTL(hla_cs_submit(U, &cs, &out), -EINVAL);
	EXPECT_NO_IOCTL(hla_cs_submit(NULL, &cs, &out), -EINVAL);
	EXPECT_NO_IOCTL(hla_cs_submit(U, NULL, &out), -EINVAL);
	EXPECT_NO_IOCTL(hla_cs_submit(U, &cs, NULL), -EINVAL);
	cs.flags = 0x2; /* a type flag is not a modifier */
	EXPECT_NO_IOCTL(hla_cs_submit(U, &cs, &out), -EINVAL);
	cs.flags = 0x200; /* nor is custom timeout: timeout_s says that */
	EXPECT_NO_IOCTL(hla_cs_submit(U, &cs, &out), -EINVAL);
	cs.flags = 0;
	ex.reserved[9] = 1;
	EXPECT_NO_IOCTL(hla_cs_submit(U, &cs, &out), -EINVAL);
	ex.reserved[9] = 0;
	ex.flags = 0x2;
	EXPECT_NO_IOCTL(hla_cs_submit(U, &cs, &out), -EINVAL);
	ex.flags = 0;
	cs.num_execute = 0;
	EXPECT_NO_IOCTL(hla_cs_submit(U, &cs, &out), -EINVAL);
	cs.num_execute = HLK_MAX_JOBS_PER_CS + 1;
	EXPECT_NO_IOCTL(hla_cs_submit(U, &cs, &out), -EINVAL);
	cs.num_execute = 1;
	cs.execute = NULL;
	EXPECT_NO_IOCTL(hla_cs_submit(U, &cs, &out), -EINVAL);
	cs.execute = &ex;
	cs.num_restore = 1; /* and no restore array */
	EXPECT_NO_IOCTL(hla_cs_submit(U, &cs, &out), -EINVAL);
	cs.num_restore = 0;
	out.sz = 8;
	EXPECT_NO_IOCTL(hla_cs_submit(U, &cs, &out), -EINVAL);
}

static void cs_signal(void **state)
{
	HLA_STRUCT_INIT(hla_cs_out, out);
	HLA_STRUCT_INIT(hla_cs_opts, opts);
	union hlk_cs_args a;

	(void)state;
	opts.flags = HLA_CS_TIMESTAMP;
	set_answer(11, 16, 2);
	mock_ioctl_push(capture, NULL);
	EXPECT_ONE_IOCTL(hla_cs_signal(U, 4, &opts, &out), 0);
	assert_int_equal(out.seq, 11);
	assert_int_equal(out.sob_base_addr_offset, 16);
	assert_int_equal(out.sob_count_before_submission, 2);
	assert_int_equal(out.valid, HLA_CS_OUT_SEQ | HLA_CS_OUT_SOB_BASE_ADDR_OFFSET |
					    HLA_CS_OUT_SOB_COUNT_BEFORE_SUBMISSION);
	a = last_cs();
	assert_int_equal(a.in.cs_flags, HLK_CS_FLAGS_SIGNAL | HLK_CS_FLAGS_TIMESTAMP);
	assert_int_equal(a.in.num_chunks_execute, 1);
	assert_int_equal(a.in.num_chunks_restore, 0);
	assert_int_equal(a.in.timeout, 0);
	assert_int_equal(seen_chunk.queue_index, 4);
	assert_int_equal(seen_chunk.signal_seq_arr, 0);
	/* no options at all */
	EXPECT_ONE_IOCTL(hla_cs_signal(U, 1, NULL, &out), 0);
	assert_int_equal(last_cs().in.cs_flags, HLK_CS_FLAGS_SIGNAL);
	opts.flags = HLA_CS_SKIP_RESET_ON_TIMEOUT;
	opts.timeout_s = 7;
	EXPECT_ONE_IOCTL(hla_cs_signal(U, 1, &opts, &out), 0);
	assert_int_equal(last_cs().in.cs_flags, HLK_CS_FLAGS_SIGNAL |
							HLK_CS_FLAGS_SKIP_RESET_ON_TIMEOUT |
							HLK_CS_FLAGS_CUSTOM_TIMEOUT);
	assert_int_equal(last_cs().in.timeout, 7);
	mock_ioctl_push_errno(EINTR);
	EXPECT_ONE_IOCTL(hla_cs_signal(U, 1, NULL, &out), -EINTR);
	opts.flags = HLA_CS_FORCE_RESTORE; /* not for sync-stream calls */
	EXPECT_NO_IOCTL(hla_cs_signal(U, 0, &opts, &out), -EINVAL);
	opts.flags = HLA_CS_STAGED_FIRST;
	EXPECT_NO_IOCTL(hla_cs_signal(U, 0, &opts, &out), -EINVAL);
	opts.flags = 0;
	EXPECT_NO_IOCTL(hla_cs_signal(U, 0, NULL, NULL), -EINVAL);
	EXPECT_NO_IOCTL(hla_cs_signal(NULL, 0, NULL, &out), -EINVAL);
}

static void wait_signal(void **state)
{
	HLA_STRUCT_INIT(hla_cs_out, out);
	HLA_STRUCT_INIT(hla_cs_opts, opts);
	union hlk_cs_args a;

	(void)state;
	opts.timeout_s = 3;
	set_answer(12, 99, 0); /* a wait has no SOB offset to report */
	mock_ioctl_push(capture, NULL);
	EXPECT_ONE_IOCTL(hla_cs_wait_signal(U, 2, 11, &opts, &out), 0);
	assert_int_equal(out.seq, 12);
	assert_int_equal(out.valid, HLA_CS_OUT_SEQ);
	a = last_cs();
	assert_int_equal(a.in.cs_flags, HLK_CS_FLAGS_WAIT | HLK_CS_FLAGS_CUSTOM_TIMEOUT);
	assert_int_equal(a.in.timeout, 3);
	/* one chunk on queue 2 naming a one-entry array holding seq 11 */
	assert_int_equal(seen_chunk.queue_index, 2);
	assert_int_equal(seen_chunk.num_signal_seq_arr, 1);
	assert_int_equal(seen_seq, 11);
	/* a signal that is already done: nothing to wait for, no ioctl */
	out.valid = 0;
	EXPECT_NO_IOCTL(hla_cs_wait_signal(U, 2, HLA_SEQ_NONE, NULL, &out), 0);
	assert_int_equal(out.seq, HLA_SEQ_NONE);
	assert_int_equal(out.valid, HLA_CS_OUT_SEQ);
	mock_ioctl_push_errno(EINVAL);
	EXPECT_ONE_IOCTL(hla_cs_wait_signal(U, 2, 11, NULL, &out), -EINVAL);
	opts.reserved0 = 1;
	EXPECT_NO_IOCTL(hla_cs_wait_signal(U, 2, 11, &opts, &out), -EINVAL);
	EXPECT_NO_IOCTL(hla_cs_wait_signal(U, 2, 11, NULL, NULL), -EINVAL);
	EXPECT_NO_IOCTL(hla_cs_wait_signal(NULL, 2, 11, NULL, &out), -EINVAL);
}

static void wait_collective(void **state)
{
	HLA_STRUCT_INIT(hla_cs_out, out);

	(void)state;
	set_answer(30, 0, 0);
	mock_ioctl_push(capture, NULL);
	EXPECT_ONE_IOCTL(hla_cs_wait_collective(U, 1, 11, 6, NULL, &out), 0);
	assert_int_equal(out.seq, 30);
	assert_int_equal(out.valid, HLA_CS_OUT_SEQ);
	assert_int_equal(last_cs().in.cs_flags, HLK_CS_FLAGS_COLLECTIVE_WAIT);
	assert_int_equal(seen_chunk.queue_index, 1);
	assert_int_equal(seen_chunk.collective_engine_id, 6);
	assert_int_equal(seen_seq, 11);
	EXPECT_NO_IOCTL(hla_cs_wait_collective(U, 1, HLA_SEQ_NONE, 6, NULL, &out), 0);
	assert_int_equal(out.seq, HLA_SEQ_NONE);
	mock_ioctl_push_errno(EINVAL);
	EXPECT_ONE_IOCTL(hla_cs_wait_collective(U, 1, 11, 6, NULL, &out), -EINVAL);
	EXPECT_NO_IOCTL(hla_cs_wait_collective(U, 1, 11, 6, NULL, NULL), -EINVAL);
	EXPECT_NO_IOCTL(hla_cs_wait_collective(NULL, 1, 11, 6, NULL, &out), -EINVAL);
}

static void reserve_signals(void **state)
{
	HLA_STRUCT_INIT(hla_encaps_signals, res);
	HLA_STRUCT_INIT(hla_cs_out, out);
	union hlk_cs_args a, o;

	(void)state;
	memset(&o, 0, sizeof(o));
	o.out.handle_id = 4;
	o.out.count = 100;
	o.out.sob_base_addr_offset = 24;
	mock_ioctl_push_out(&o, sizeof(o));
	EXPECT_ONE_IOCTL(hla_cs_reserve_signals(U, 3, 10, &res), 0);
	assert_int_equal(res.handle_id, 4);
	assert_int_equal(res.count, 100);
	assert_int_equal(res.sob_base_addr_offset, 24);
	assert_int_equal(res.valid, HLA_ENCAPS_HANDLE_ID | HLA_ENCAPS_COUNT |
					    HLA_ENCAPS_SOB_BASE_ADDR_OFFSET);
	assert_int_equal(res.reserved0 | res.reserved1, 0);
	a = last_cs();
	assert_int_equal(a.in.cs_flags, HLK_CS_FLAGS_RESERVE_SIGNALS_ONLY);
	assert_int_equal(a.in.encaps_signals_count, 10);
	assert_int_equal(a.in.encaps_signals_q_idx, 3);
	EXPECT_ONE_IOCTL(hla_cs_unreserve_signals(U, 4), 0);
	a = last_cs();
	assert_int_equal(a.in.cs_flags, HLK_CS_FLAGS_UNRESERVE_SIGNALS_ONLY);
	assert_int_equal(a.in.encaps_sig_handle_id, 4);
	/* wait for signal 2 of the reservation that CS 20 used */
	set_answer(21, 0, 0);
	mock_ioctl_push(capture, NULL);
	EXPECT_ONE_IOCTL(hla_cs_wait_encaps_signals(U, 1, 20, 2, NULL, &out), 0);
	assert_int_equal(out.seq, 21);
	assert_int_equal(out.valid, HLA_CS_OUT_SEQ);
	assert_int_equal(last_cs().in.cs_flags, HLK_CS_FLAGS_WAIT | HLK_CS_FLAGS_ENCAP_SIGNALS);
	assert_int_equal(seen_chunk.encaps_signal_seq, 20);
	assert_int_equal(seen_chunk.encaps_signal_offset, 2);
	assert_int_equal(seen_chunk.queue_index, 1);
	EXPECT_NO_IOCTL(hla_cs_wait_encaps_signals(U, 1, HLA_SEQ_NONE, 2, NULL, &out), 0);
	assert_int_equal(out.seq, HLA_SEQ_NONE);
}

static void reserve_errors(void **state)
{
	HLA_STRUCT_INIT(hla_encaps_signals, res);
	HLA_STRUCT_INIT(hla_cs_out, out);
	HLA_STRUCT_INIT(hla_cs_opts, opts);

	(void)state;
	EXPECT_NO_IOCTL(hla_cs_reserve_signals(U, 0, 0, &res), -EINVAL);
	EXPECT_NO_IOCTL(hla_cs_reserve_signals(U, 0, HLK_MAX_SOB_VAL, &res), -EINVAL);
	EXPECT_NO_IOCTL(hla_cs_reserve_signals(U, 0, 1, NULL), -EINVAL);
	EXPECT_NO_IOCTL(hla_cs_reserve_signals(NULL, 0, 1, &res), -EINVAL);
	res.sz = 4;
	EXPECT_NO_IOCTL(hla_cs_reserve_signals(U, 0, 1, &res), -EINVAL);
	res.sz = sizeof(res);
	res.handle_id = 77;
	mock_ioctl_push_errno(EINTR);
	EXPECT_ONE_IOCTL(hla_cs_reserve_signals(U, 0, HLK_MAX_SOB_VAL - 1, &res), -EINTR);
	assert_int_equal(res.handle_id, 77);
	EXPECT_NO_IOCTL(hla_cs_unreserve_signals(NULL, 4), -EINVAL);
	mock_ioctl_push_errno(EINVAL);
	EXPECT_ONE_IOCTL(hla_cs_unreserve_signals(U, 99), -EINVAL);
	opts.flags = 0x1;
	EXPECT_NO_IOCTL(hla_cs_wait_encaps_signals(U, 1, 20, 2, &opts, &out), -EINVAL);
	EXPECT_NO_IOCTL(hla_cs_wait_encaps_signals(U, 1, 20, 2, NULL, NULL), -EINVAL);
	EXPECT_NO_IOCTL(hla_cs_wait_encaps_signals(NULL, 1, 20, 2, NULL, &out), -EINVAL);
	mock_ioctl_push_errno(ETIMEDOUT);
	EXPECT_ONE_IOCTL(hla_cs_wait_encaps_signals(U, 1, 20, 2, NULL, &out), -ETIMEDOUT);
}

static void engine_cores(void **state)
{
	uint32_t ids[3] = { 45, 46, 47 };
	union hlk_cs_args a;

	(void)state;
	EXPECT_ONE_IOCTL(hla_engine_cores_control(U, ids, 3, HLA_ENGINE_CORE_HALT), 0);
	a = last_cs();
	assert_int_equal(a.in.cs_flags, HLK_CS_FLAGS_ENGINE_CORE_COMMAND);
	assert_int_equal(a.in.engine_cores, (uint64_t)(uintptr_t)ids);
	assert_int_equal(a.in.num_engine_cores, 3);
	assert_int_equal(a.in.core_command, HLK_ENGINE_CORE_HALT);
	EXPECT_ONE_IOCTL(hla_engine_cores_control(U, ids, 1, HLA_ENGINE_CORE_RUN), 0);
	assert_int_equal(last_cs().in.core_command, HLK_ENGINE_CORE_RUN);
	mock_ioctl_push_errno(EPERM);
	EXPECT_ONE_IOCTL(hla_engine_cores_control(U, ids, 1, HLA_ENGINE_CORE_RUN), -EPERM);
	EXPECT_NO_IOCTL(hla_engine_cores_control(U, ids, 1, HLA_ENGINE_STALL), -EINVAL);
	EXPECT_NO_IOCTL(hla_engine_cores_control(U, ids, 0, HLA_ENGINE_CORE_RUN), -EINVAL);
	EXPECT_NO_IOCTL(hla_engine_cores_control(U, NULL, 1, HLA_ENGINE_CORE_RUN), -EINVAL);
	EXPECT_NO_IOCTL(hla_engine_cores_control(NULL, ids, 1, HLA_ENGINE_CORE_RUN), -EINVAL);
}

/* the default driver: 6.8 on accel (has them), 6.1 on legacy (has not) */
static void engines(void **state)
{
	uint32_t ids[3] = { 45, 46, 47 };
	union hlk_cs_args a;

	(void)state;
	if (!ACCEL) {
		EXPECT_NO_IOCTL(hla_engines_control(U, ids, 3, HLA_ENGINE_STALL), -EOPNOTSUPP);
		EXPECT_NO_IOCTL(hla_cs_flush_pci_hbw_writes(U), -EOPNOTSUPP);
	} else {
		EXPECT_ONE_IOCTL(hla_engines_control(U, ids, 2, HLA_ENGINE_RESUME), 0);
		a = last_cs();
		assert_int_equal(a.in.cs_flags, HLK_CS_FLAGS_ENGINES_COMMAND);
		assert_int_equal(a.in.engines, (uint64_t)(uintptr_t)ids);
		assert_int_equal(a.in.num_engines, 2);
		assert_int_equal(a.in.engine_command, HLK_ENGINE_RESUME);
		EXPECT_ONE_IOCTL(hla_cs_flush_pci_hbw_writes(U), 0);
		a = last_cs();
		assert_int_equal(a.in.cs_flags, HLK_CS_FLAGS_FLUSH_PCI_HBW_WRITES);
		assert_int_equal(a.in.num_chunks_execute, 0);
		mock_ioctl_push_errno(EPERM);
		EXPECT_ONE_IOCTL(hla_engines_control(U, ids, 1, HLA_ENGINE_STALL), -EPERM);
		mock_ioctl_push_errno(EIO);
		EXPECT_ONE_IOCTL(hla_cs_flush_pci_hbw_writes(U), -EIO);
	}
	EXPECT_NO_IOCTL(hla_engines_control(U, ids, 0, HLA_ENGINE_STALL), -EINVAL);
	EXPECT_NO_IOCTL(hla_engines_control(U, ids, 1, HLA_ENGINE_CORE_RUN), -EINVAL);
	EXPECT_NO_IOCTL(hla_engines_control(U, NULL, 1, HLA_ENGINE_STALL), -EINVAL);
	EXPECT_NO_IOCTL(hla_engines_control(NULL, ids, 1, HLA_ENGINE_STALL), -EINVAL);
	EXPECT_NO_IOCTL(hla_cs_flush_pci_hbw_writes(NULL), -EINVAL);
}

int main(int argc, char **argv)
{
#define T UNIT_TEST
	const struct CMUnitTest tests[] = {
		T(submit), T(submit_staged_and_encaps), T(submit_errors), T(cs_signal),
		T(wait_signal), T(wait_collective), T(reserve_signals), T(reserve_errors),
		T(engine_cores), T(engines),
	};

	return UNIT_MAIN(tests, NULL, NULL);
}
