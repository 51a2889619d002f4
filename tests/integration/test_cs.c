/* SPDX-License-Identifier: MIT */
/* Command submission and waits: sequence numbers, single and multi-CS
 * waits, timestamps, sync-stream signal/wait, encapsulated signals, user
 * interrupts and timestamp buffers. */
#include "itest.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>


/* one small CS that writes value to a host mapped word */
static int submit_write(struct itest_cb *cb, uint64_t va, uint32_t value,
			uint32_t flags, uint64_t *seq)
{
	int ret = itest_cb_new(&D, 4096, cb);

	if (ret)
		return ret;
	ret = itest_cb_msg_long(&D, cb, va, value);
	if (!ret)
		ret = itest_submit(&D, cb, flags, seq);
	return ret;
}

static void sequence_and_wait(void **state)
{
	struct itest_host h;
	struct itest_cb cb1, cb2;
	uint64_t s1, s2;
	HLA_STRUCT_INIT(hla_wait_result, res);

	(void)state;
	assert_int_equal(itest_host_map(&D, 4096, &h), 0);
	assert_int_equal(submit_write(&cb1, h.va, 0x11, 0, &s1), 0);
	assert_int_equal(submit_write(&cb2, h.va + 8, 0x22, HLA_CS_TIMESTAMP, &s2), 0);
	assert_true(s2 > s1);
	assert_int_equal(hla_cs_wait(D.dev, s1, 5000000, &res), 0);
	assert_int_equal(res.status, HLA_WAIT_COMPLETED);
	assert_int_equal(res.flags & HLA_WAIT_FLAG_TIMESTAMP_VLD, 0);
	assert_int_equal(hla_cs_wait(D.dev, s2, 5000000, &res), 0);
	assert_int_equal(res.status, HLA_WAIT_COMPLETED);
	assert_true(res.flags & HLA_WAIT_FLAG_TIMESTAMP_VLD);
	assert_true(res.timestamp_ns > 0);
	assert_int_equal(((uint32_t *)h.ptr)[0], 0x11);
	assert_int_equal(((uint32_t *)h.ptr)[2], 0x22);
	/* a CS that was never submitted */
	assert_int_equal(hla_cs_wait(D.dev, s2 + 1000, 0, &res), -EINVAL);
	/* "no CS" is complete by definition */
	assert_int_equal(hla_cs_wait(D.dev, HLA_SEQ_NONE, 0, &res), 0);
	assert_int_equal(res.status, HLA_WAIT_COMPLETED);
	assert_int_equal(itest_cb_free(&D, &cb1), 0);
	assert_int_equal(itest_cb_free(&D, &cb2), 0);
	assert_int_equal(itest_host_unmap(&D, &h), 0);
}

static void usage_count_follows_jobs(void **state)
{
	struct itest_host h;
	struct itest_cb cb;
	uint64_t seq;
	uint32_t cnt = 99;

	(void)state;
	assert_int_equal(itest_host_map(&D, 4096, &h), 0);
	assert_int_equal(submit_write(&cb, h.va, 1, 0, &seq), 0);
	assert_int_equal(itest_wait(&D, seq, 5000000), 0);
	assert_int_equal(hla_cb_usage_count(D.dev, cb.handle, &cnt), 0);
	assert_int_equal(cnt, 0);
	assert_int_equal(itest_cb_free(&D, &cb), 0);
	assert_int_equal(itest_host_unmap(&D, &h), 0);
}

static void multi_cs(void **state)
{
	struct itest_host h;
	struct itest_cb cb[3];
	uint64_t seq[3];
	HLA_STRUCT_INIT(hla_wait_result, res);

	(void)state;
	assert_int_equal(itest_host_map(&D, 4096, &h), 0);
	for (int i = 0; i < 3; i++)
		assert_int_equal(submit_write(&cb[i], h.va + 8u * (unsigned)i,
					      (uint32_t)i + 1, 0, &seq[i]), 0);
	if (D.gaudi1) {
		uint32_t all = 0;

		/* the wait returns as soon as one is done: collect the bits */
		for (int tries = 0; tries < 2000 && all != 7; tries++) {
			struct timespec t = { 0, 1000000 };

			assert_int_equal(hla_cs_wait_multi(D.dev, seq, 3, 1000000, &res), 0);
			assert_int_equal(res.status, HLA_WAIT_COMPLETED);
			all |= res.completion_map;
			if (all != 7)
				nanosleep(&t, NULL);
		}
		assert_int_equal(all, 7);
	} else {
		assert_int_equal(hla_cs_wait_multi(D.dev, seq, 3, 1000000, &res), -EPERM);
	}
	assert_int_equal(hla_cs_wait_multi(D.dev, seq, 0, 0, &res), -EINVAL);
	assert_int_equal(hla_cs_wait_multi(D.dev, seq, 33, 0, &res), -EINVAL);
	for (int i = 0; i < 3; i++) {
		assert_int_equal(itest_wait(&D, seq[i], 5000000), 0);
		assert_int_equal(itest_cb_free(&D, &cb[i]), 0);
	}
	assert_int_equal(itest_host_unmap(&D, &h), 0);
}

static void signal_and_wait(void **state)
{
	HLA_STRUCT_INIT(hla_cs_out, sig);
	HLA_STRUCT_INIT(hla_cs_out, w);
	HLA_STRUCT_INIT(hla_encaps_signals, res);

	(void)state;
	if (!D.gaudi1) {
		skip(); /* sync streams are a Gaudi (first generation) feature */
		return;
	}
	assert_int_equal(hla_cs_signal(D.dev, 0, 0, 0, &sig), 0);
	assert_true(sig.seq != HLA_SEQ_NONE);
	assert_int_equal(hla_cs_wait_signal(D.dev, 1, sig.seq, 0, 0, &w), 0);
	if (w.seq != HLA_SEQ_NONE)
		assert_int_equal(itest_wait(&D, w.seq, 5000000), 0);
	assert_int_equal(itest_wait(&D, sig.seq, 5000000), 0);
	/* the signal is complete now: the wait needs no CS */
	assert_int_equal(hla_cs_wait_signal(D.dev, 1, sig.seq, 0, 0, &w), 0);
	assert_int_equal(w.seq, HLA_SEQ_NONE);

	/* encapsulated signals: a submission that signals the reserved
	 * objects itself, and a wait on part of them */
	assert_int_equal(hla_cs_reserve_signals(D.dev, 0, 2, &res), 0);
	{
		struct itest_host h;
		struct itest_cb cb;
		struct hla_cs_chunk c;
		HLA_STRUCT_INIT(hla_cs_submit, cs);
		HLA_STRUCT_INIT(hla_cs_out, enc);

		assert_int_equal(itest_host_map(&D, 4096, &h), 0);
		assert_int_equal(itest_cb_new(&D, 4096, &cb), 0);
		assert_int_equal(itest_cb_msg_long(&D, &cb, h.va, 3), 0);
		itest_chunk(&D, &cb, &c);
		cs.execute = &c;
		cs.num_execute = 1;
		cs.flags = HLA_CS_STAGED_FIRST | HLA_CS_STAGED_LAST | HLA_CS_ENCAP_SIGNALS;
		cs.encaps_sig_handle = res.handle_id;
		assert_int_equal(hla_cs_submit(D.dev, &cs, &enc), 0);
		assert_int_equal(hla_cs_wait_encaps_signals(D.dev, 1, enc.seq, 1, 0, 0, &w), 0);
		if (w.seq != HLA_SEQ_NONE)
			assert_int_equal(itest_wait(&D, w.seq, 5000000), 0);
		assert_int_equal(itest_wait(&D, enc.seq, 5000000), 0);
		assert_int_equal(*(volatile uint32_t *)h.ptr, 3);
		assert_int_equal(itest_cb_free(&D, &cb), 0);
		assert_int_equal(itest_host_unmap(&D, &h), 0);
	}

	/* encapsulated signals: reserve, then give them back */
	assert_int_equal(hla_cs_reserve_signals(D.dev, 0, 4, &res), 0);
	assert_true(res.handle_id >= 1);
	assert_int_equal(hla_cs_unreserve_signals(D.dev, res.handle_id), 0);
	assert_int_equal(hla_cs_unreserve_signals(D.dev, res.handle_id), -EINVAL);
	assert_int_equal(hla_cs_reserve_signals(D.dev, 0, 1u << 15, &res), -EINVAL);
	/* collective wait needs NIC ports, which upstream Gaudi has not */
	assert_int_equal(hla_cs_collective_wait(D.dev, 0, sig.seq, 0, 0, 0, &w),
			 -EINVAL);
}

static void staged_submission(void **state)
{
	struct itest_host h;
	struct itest_cb cb1, cb2;
	struct hla_cs_chunk c1, c2;
	HLA_STRUCT_INIT(hla_cs_submit, cs);
	HLA_STRUCT_INIT(hla_cs_out, first);
	HLA_STRUCT_INIT(hla_cs_out, last);

	(void)state;
	assert_int_equal(itest_host_map(&D, 4096, &h), 0);
	assert_int_equal(itest_cb_new(&D, 4096, &cb1), 0);
	assert_int_equal(itest_cb_new(&D, 4096, &cb2), 0);
	assert_int_equal(itest_cb_msg_long(&D, &cb1, h.va, 1), 0);
	assert_int_equal(itest_cb_msg_long(&D, &cb2, h.va + 8, 2), 0);
	itest_chunk(&D, &cb1, &c1);
	itest_chunk(&D, &cb2, &c2);
	cs.execute = &c1;
	cs.num_execute = 1;
	cs.flags = HLA_CS_STAGED_FIRST;
	if (!D.gaudi1) {
		assert_int_equal(hla_cs_submit(D.dev, &cs, &first), -EPERM);
	} else {
		assert_int_equal(hla_cs_submit(D.dev, &cs, &first), 0);
		cs.execute = &c2;
		cs.flags = HLA_CS_STAGED_LAST;
		cs.staged_seq = first.seq;
		assert_int_equal(hla_cs_submit(D.dev, &cs, &last), 0);
		assert_int_equal(last.seq, first.seq);
		assert_int_equal(itest_wait(&D, first.seq, 5000000), 0);
		assert_int_equal(((uint32_t *)h.ptr)[2], 2);
	}
	assert_int_equal(itest_cb_free(&D, &cb1), 0);
	assert_int_equal(itest_cb_free(&D, &cb2), 0);
	assert_int_equal(itest_host_unmap(&D, &h), 0);
}

static void user_interrupt_wait(void **state)
{
	struct itest_host h;
	struct itest_cb cb;
	uint64_t seq;
	HLA_STRUCT_INIT(hla_wait_result, res);
	uint32_t irq;

	(void)state;
	irq = D.hw.first_available_interrupt_id;
	assert_int_equal(itest_host_map(&D, 4096, &h), 0);
	if (!D.gaudi2) {
		assert_int_equal(hla_wait_interrupt(D.dev, 0, h.ptr, 1, 1000, &res),
				 -EPERM);
		assert_int_equal(itest_host_unmap(&D, &h), 0);
		return;
	}
	/* not written yet: times out as BUSY */
	assert_int_equal(hla_wait_interrupt(D.dev, irq, h.ptr, 5, 1000, &res), 0);
	assert_int_equal(res.status, HLA_WAIT_BUSY);
	/* the device writes the counter; the wait sees it reach the target */
	assert_int_equal(submit_write(&cb, h.va, 5, 0, &seq), 0);
	assert_int_equal(hla_wait_interrupt(D.dev, HLA_INTERRUPT_ANY_CQ, h.ptr, 5,
					    5000000, &res), 0);
	assert_int_equal(res.status, HLA_WAIT_COMPLETED);
	assert_int_equal(itest_wait(&D, seq, 5000000), 0);
	assert_int_equal(hla_wait_interrupt(D.dev, 0x1000, h.ptr, 5, 0, &res), -EINVAL);
	assert_int_equal(itest_cb_free(&D, &cb), 0);
	assert_int_equal(itest_host_unmap(&D, &h), 0);
}

static void timestamp_buffer(void **state)
{
	uint64_t ts, cq;
	void *tsmap, *cqmap;
	struct itest_cb cb;
	uint64_t cqva, seq;
	HLA_STRUCT_INIT(hla_wait_result, res);

	(void)state;
	assert_int_equal(hla_ts_alloc(D.dev, 16, &ts), 0);
	assert_int_equal(hla_ts_mmap(D.dev, ts, 16, &tsmap), 0);
	memset(tsmap, 0, 16 * 8);
	assert_int_equal(hla_ts_alloc(D.dev, HLA_TS_MAX_ELEMENTS + 1, &cq), -EINVAL);
	if (!D.gaudi2) {
		assert_int_equal(hla_ts_munmap(tsmap, 16), 0);
		return;
	}
	/* a mapped CB holds the counter the device bumps */
	assert_int_equal(hla_cb_create(D.dev, 4096, HLA_CB_MAP, &cq), 0);
	assert_int_equal(hla_cb_mmap(D.dev, cq, 4096, &cqmap), 0);
	assert_int_equal(hla_cb_device_va(D.dev, cq, &cqva), 0);
	memset(cqmap, 0, 4096);
	assert_int_equal(hla_wait_cq_counter(D.dev, HLA_INTERRUPT_ANY_CQ, cq, 1, 1,
					     1000, &res), 0);
	assert_int_equal(res.status, HLA_WAIT_BUSY);
	assert_int_equal(hla_wait_register_timestamp(D.dev, HLA_INTERRUPT_ANY_CQ, cq,
						     1, 1, ts, 3), 0);
	assert_int_equal(((uint64_t *)tsmap)[3], 0);
	assert_int_equal(itest_cb_new(&D, 4096, &cb), 0);
	assert_int_equal(itest_cb_msg_long(&D, &cb, cqva + 8, 1), 0);
	assert_int_equal(itest_submit(&D, &cb, 0, &seq), 0);
	assert_int_equal(hla_wait_cq_counter(D.dev, HLA_INTERRUPT_ANY_CQ, cq, 1, 1,
					     5000000, &res), 0);
	assert_int_equal(res.status, HLA_WAIT_COMPLETED);
	assert_int_equal(itest_wait(&D, seq, 5000000), 0);
	for (int i = 0; i < 1000 && !((volatile uint64_t *)tsmap)[3]; i++) {
		struct timespec t = { 0, 1000000 };
		nanosleep(&t, NULL);
	}
	assert_true(((uint64_t *)tsmap)[3] > 0);
	assert_int_equal(hla_wait_cq_counter(D.dev, HLA_INTERRUPT_ANY_CQ, cq, 512, 1,
					     0, &res), -EINVAL);
	assert_int_equal(itest_cb_free(&D, &cb), 0);
	assert_int_equal(hla_cb_munmap(cqmap, 4096), 0);
	assert_int_equal(hla_cb_destroy(D.dev, cq), 0);
	assert_int_equal(hla_ts_munmap(tsmap, 16), 0);
}

static void engines_and_flush(void **state)
{
	uint32_t ids[1] = { 0 };
	int expect;

	(void)state;
	if (D.legacy)
		expect = -EOPNOTSUPP;
	else if (D.gaudi2)
		expect = 0;
	else
		expect = -EPERM;
	assert_int_equal(hla_cs_engines(D.dev, ids, 1, HLA_ENGINE_STALL), expect);
	if (!expect)
		assert_int_equal(hla_cs_engines(D.dev, ids, 1, HLA_ENGINE_RESUME), 0);
	assert_int_equal(hla_cs_engines(D.dev, ids, 1, 7), -EINVAL);
	if (D.legacy)
		assert_int_equal(hla_cs_flush_pci_hbw_writes(D.dev), -EOPNOTSUPP);
	else
		assert_int_equal(hla_cs_flush_pci_hbw_writes(D.dev),
				 D.gaudi2 ? 0 : -EOPNOTSUPP);
	/* engine cores exist only on Gaudi2 */
	if (!D.gaudi2)
		assert_int_equal(hla_cs_engine_cores(D.dev, ids, 1, HLA_ENGINE_CORE_RUN),
				 -EINVAL);
	else if (itest_on_sim()) /* the simulator has no ARC cores to run */
		assert_int_equal(hla_cs_engine_cores(D.dev, ids, 1, HLA_ENGINE_CORE_RUN),
				 -EOPNOTSUPP);
	else
		assert_int_equal(hla_cs_engine_cores(D.dev, ids, 1, HLA_ENGINE_CORE_RUN), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(sequence_and_wait),
		cmocka_unit_test(usage_count_follows_jobs),
		cmocka_unit_test(multi_cs),
		cmocka_unit_test(signal_and_wait),
		cmocka_unit_test(staged_submission),
		cmocka_unit_test(user_interrupt_wait),
		cmocka_unit_test(timestamp_buffer),
		cmocka_unit_test(engines_and_flush),
	};

	itest_require_device();
	return cmocka_run_group_tests(tests, itest_setup, itest_teardown);
}
