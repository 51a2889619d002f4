/* SPDX-License-Identifier: MIT */
/* Command submission and waits: sequence numbers, single and multi-CS
 * waits, timestamps, sync-stream signal/wait, encapsulated signals, user
 * interrupts, timestamp buffers, and waits that a signal ends. */
#include "itest.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
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

#define RESULT_VALID                                                         \
	(HLA_WAIT_RESULT_STATUS | HLA_WAIT_RESULT_FLAGS | HLA_WAIT_RESULT_TIMESTAMP)

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
	assert_int_equal(res.valid & RESULT_VALID, RESULT_VALID);
	assert_int_equal(res.valid & HLA_WAIT_RESULT_COMPLETION_MAP, 0);
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
	memset(&res, 0xEE, sizeof(res));
	res.sz = sizeof(res);
	assert_int_equal(hla_cs_wait(D.dev, HLA_SEQ_NONE, 0, &res), 0);
	assert_int_equal(res.status, HLA_WAIT_COMPLETED);
	assert_true(res.valid & HLA_WAIT_RESULT_STATUS);
	assert_int_equal(res.reserved0, 0);
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
	assert_int_equal(hla_cb_get_usage(D.dev, cb.handle, &cnt), 0);
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
			assert_true(res.valid & HLA_WAIT_RESULT_COMPLETION_MAP);
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

#define SIGNAL_VALID                                                         \
	(HLA_CS_OUT_SEQ | HLA_CS_OUT_SOB_BASE_ADDR_OFFSET |                  \
	 HLA_CS_OUT_SOB_COUNT_BEFORE_SUBMISSION)
#define ENCAPS_VALID                                                         \
	(HLA_ENCAPS_HANDLE_ID | HLA_ENCAPS_COUNT | HLA_ENCAPS_SOB_BASE_ADDR_OFFSET)

static void signal_and_wait(void **state)
{
	HLA_STRUCT_INIT(hla_cs_opts, opts);
	HLA_STRUCT_INIT(hla_cs_out, sig);
	HLA_STRUCT_INIT(hla_cs_out, w);
	HLA_STRUCT_INIT(hla_wait_result, res);

	(void)state;
	if (!D.gaudi1)
		skip(); /* sync streams are a Gaudi (first generation) feature */
	/* a signal with options: its own watchdog and a timestamp */
	opts.flags = HLA_CS_TIMESTAMP;
	opts.timeout_s = 5;
	assert_int_equal(hla_cs_signal(D.dev, 0, &opts, &sig), 0);
	assert_true(sig.seq != HLA_SEQ_NONE);
	assert_int_equal(sig.valid & SIGNAL_VALID, SIGNAL_VALID);
	assert_int_equal(hla_cs_wait_signal(D.dev, 1, sig.seq, NULL, &w), 0);
	assert_true(w.valid & HLA_CS_OUT_SEQ);
	assert_int_equal(w.valid & HLA_CS_OUT_SOB_BASE_ADDR_OFFSET, 0);
	if (w.seq != HLA_SEQ_NONE)
		assert_int_equal(itest_wait(&D, w.seq, 5000000), 0);
	assert_int_equal(hla_cs_wait(D.dev, sig.seq, 5000000, &res), 0);
	assert_int_equal(res.status, HLA_WAIT_COMPLETED);
	assert_true(res.flags & HLA_WAIT_FLAG_TIMESTAMP_VLD);
	/* the signal is complete now: the wait needs no CS */
	assert_int_equal(hla_cs_wait_signal(D.dev, 1, sig.seq, NULL, &w), 0);
	assert_int_equal(w.seq, HLA_SEQ_NONE);
	assert_true(w.valid & HLA_CS_OUT_SEQ);
	/* collective wait needs NIC ports, which upstream Gaudi has not */
	assert_int_equal(hla_cs_wait_collective(D.dev, 0, sig.seq, 0, NULL, &w),
			 -EINVAL);
}

static void encaps_signals(void **state)
{
	HLA_STRUCT_INIT(hla_encaps_signals, res);
	HLA_STRUCT_INIT(hla_cs_submit, cs);
	HLA_STRUCT_INIT(hla_cs_out, enc);
	HLA_STRUCT_INIT(hla_cs_out, w);
	struct itest_host h;
	struct itest_cb cb;
	struct hla_cs_chunk c;

	(void)state;
	if (!D.gaudi1)
		skip();
	/* a submission that signals the reserved objects itself, and a wait
	 * on part of them */
	assert_int_equal(hla_cs_reserve_signals(D.dev, 0, 2, &res), 0);
	assert_int_equal(res.valid & ENCAPS_VALID, ENCAPS_VALID);
	assert_int_equal(itest_host_map(&D, 4096, &h), 0);
	assert_int_equal(itest_cb_new(&D, 4096, &cb), 0);
	assert_int_equal(itest_cb_msg_long(&D, &cb, h.va, 3), 0);
	itest_chunk(&D, &cb, &c);
	cs.execute = &c;
	cs.num_execute = 1;
	cs.flags = HLA_CS_STAGED_FIRST | HLA_CS_STAGED_LAST | HLA_CS_ENCAP_SIGNALS;
	cs.encaps_sig_handle = res.handle_id;
	assert_int_equal(hla_cs_submit(D.dev, &cs, &enc), 0);
	assert_int_equal(enc.valid & (HLA_CS_OUT_SEQ | HLA_CS_OUT_SOB_COUNT_BEFORE_SUBMISSION),
			 HLA_CS_OUT_SEQ | HLA_CS_OUT_SOB_COUNT_BEFORE_SUBMISSION);
	assert_int_equal(hla_cs_wait_encaps_signals(D.dev, 1, enc.seq, 1, NULL, &w), 0);
	if (w.seq != HLA_SEQ_NONE)
		assert_int_equal(itest_wait(&D, w.seq, 5000000), 0);
	assert_int_equal(itest_wait(&D, enc.seq, 5000000), 0);
	assert_int_equal(*(volatile uint32_t *)h.ptr, 3);
	assert_int_equal(itest_cb_free(&D, &cb), 0);
	assert_int_equal(itest_host_unmap(&D, &h), 0);

	/* reserve, then give them back */
	assert_int_equal(hla_cs_reserve_signals(D.dev, 0, 4, &res), 0);
	assert_true(res.handle_id >= 1);
	assert_int_equal(hla_cs_unreserve_signals(D.dev, res.handle_id), 0);
	assert_int_equal(hla_cs_unreserve_signals(D.dev, res.handle_id), -EINVAL);
	assert_int_equal(hla_cs_reserve_signals(D.dev, 0, 1u << 15, &res), -EINVAL);
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
		/* a plain submission reports its seq and nothing else */
		assert_int_equal(first.valid, HLA_CS_OUT_SEQ);
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

static bool all_bytes(const void *p, size_t n, uint8_t v)
{
	const uint8_t *b = p;

	for (size_t i = 0; i < n; i++)
		if (b[i] != v)
			return false;
	return true;
}

/* restore jobs run, and finish, before the execute jobs, and only with
 * HLA_CS_FORCE_RESTORE; they take a sequence number of their own */
static void restore_phase(void **state)
{
	struct itest_host a, b;
	struct itest_cb rcb, xcb;
	struct hla_cs_chunk rc, xc;
	HLA_STRUCT_INIT(hla_cs_submit, cs);
	HLA_STRUCT_INIT(hla_cs_out, out);
	HLA_STRUCT_INIT(hla_wait_result, res);
	uint64_t first;

	(void)state;
	assert_int_equal(itest_host_map(&D, 4096, &a), 0);
	assert_int_equal(itest_host_map(&D, 4096, &b), 0);
	memset(a.ptr, 0, 4096);
	memset(b.ptr, 0, 4096);
	assert_int_equal(itest_cb_new(&D, 4096, &rcb), 0);
	assert_int_equal(itest_cb_new(&D, 4096, &xcb), 0);
	assert_int_equal(itest_cb_lin_dma(&D, &rcb, 0x5151515151515151ull, a.va, 4096,
					  HLA_PKT_MEMSET), 0);
	assert_int_equal(itest_cb_lin_dma(&D, &xcb, a.va, b.va, 4096, 0), 0);
	itest_chunk(&D, &rcb, &rc);
	itest_chunk(&D, &xcb, &xc);
	cs.execute = &xc;
	cs.num_execute = 1;
	cs.restore = &rc;
	cs.num_restore = 1;
	assert_int_equal(hla_cs_submit(D.dev, &cs, &out), 0);
	first = out.seq;
	assert_int_equal(itest_wait(&D, first, 5000000), 0);
	assert_true(all_bytes(a.ptr, 4096, 0));
	assert_true(all_bytes(b.ptr, 4096, 0));
	cs.flags = HLA_CS_FORCE_RESTORE;
	assert_int_equal(hla_cs_submit(D.dev, &cs, &out), 0);
	assert_int_equal(out.valid, HLA_CS_OUT_SEQ);
	assert_int_equal(out.seq, first + 2);
	assert_true(all_bytes(a.ptr, 4096, 0x51)); /* done when the call returned */
	assert_int_equal(hla_cs_wait(D.dev, first + 1, 0, &res), 0);
	assert_int_equal(res.status, HLA_WAIT_COMPLETED);
	assert_int_equal(itest_wait(&D, out.seq, 5000000), 0);
	assert_true(all_bytes(b.ptr, 4096, 0x51));
	/* a restore phase with no jobs queues nothing */
	cs.num_restore = 0;
	cs.restore = NULL;
	assert_int_equal(hla_cs_submit(D.dev, &cs, &out), 0);
	assert_int_equal(out.seq, first + 3);
	assert_int_equal(itest_wait(&D, out.seq, 5000000), 0);
	assert_int_equal(itest_cb_free(&D, &rcb), 0);
	assert_int_equal(itest_cb_free(&D, &xcb), 0);
	assert_int_equal(itest_host_unmap(&D, &a), 0);
	assert_int_equal(itest_host_unmap(&D, &b), 0);
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
		assert_int_equal(hla_interrupt_wait(D.dev, 0, h.ptr, 1, 1000, &res),
				 -EPERM);
		assert_int_equal(itest_host_unmap(&D, &h), 0);
		return;
	}
	/* not written yet: times out as BUSY */
	assert_int_equal(hla_interrupt_wait(D.dev, irq, h.ptr, 5, 1000, &res), 0);
	assert_int_equal(res.status, HLA_WAIT_BUSY);
	/* the device writes the counter; the wait sees it reach the target */
	assert_int_equal(submit_write(&cb, h.va, 5, 0, &seq), 0);
	assert_int_equal(hla_interrupt_wait(D.dev, HLA_INTERRUPT_ANY_CQ, h.ptr, 5,
					    5000000, &res), 0);
	assert_int_equal(res.status, HLA_WAIT_COMPLETED);
	assert_int_equal(itest_wait(&D, seq, 5000000), 0);
	assert_int_equal(hla_interrupt_wait(D.dev, 0x1000, h.ptr, 5, 0, &res), -EINVAL);
	assert_int_equal(itest_cb_free(&D, &cb), 0);
	assert_int_equal(itest_host_unmap(&D, &h), 0);
}

static void timestamp_buffer(void **state)
{
	HLA_STRUCT_INIT(hla_cq_counter, cqc);
	HLA_STRUCT_INIT(hla_wait_result, res);
	uint64_t ts, cq, cqva, seq;
	void *tsmap, *cqmap;
	struct itest_cb cb;

	(void)state;
	assert_int_equal(hla_ts_alloc(D.dev, 16, &ts), 0);
	assert_int_equal(hla_ts_mmap(D.dev, ts, 16, &tsmap), 0);
	memset(tsmap, 0, 16 * 8);
	assert_int_equal(hla_ts_alloc(D.dev, HLA_TS_MAX_ELEMENTS + 1, &cq), -EINVAL);
	if (!D.gaudi2) {
		assert_int_equal(hla_ts_munmap(tsmap, 16), 0);
		return;
	}
	/* a mapped CB holds the counter the device bumps: slot 1, target 1 */
	assert_int_equal(hla_cb_create(D.dev, 4096, HLA_CB_MAP, &cq), 0);
	assert_int_equal(hla_cb_mmap(D.dev, cq, 4096, &cqmap), 0);
	assert_int_equal(hla_cb_get_device_va(D.dev, cq, &cqva), 0);
	memset(cqmap, 0, 4096);
	cqc.interrupt_id = HLA_INTERRUPT_ANY_CQ;
	cqc.cb_handle = cq;
	cqc.index = 1;
	cqc.target = 1;
	assert_int_equal(hla_cq_counter_wait(D.dev, &cqc, 1000, &res), 0);
	assert_int_equal(res.status, HLA_WAIT_BUSY);
	assert_true(res.valid & HLA_WAIT_RESULT_STATUS);
	assert_int_equal(hla_ts_register(D.dev, &cqc, ts, 3), 0);
	assert_int_equal(((uint64_t *)tsmap)[3], 0);
	assert_int_equal(itest_cb_new(&D, 4096, &cb), 0);
	assert_int_equal(itest_cb_msg_long(&D, &cb, cqva + 8, 1), 0);
	assert_int_equal(itest_submit(&D, &cb, 0, &seq), 0);
	assert_int_equal(hla_cq_counter_wait(D.dev, &cqc, 5000000, &res), 0);
	assert_int_equal(res.status, HLA_WAIT_COMPLETED);
	assert_int_equal(itest_wait(&D, seq, 5000000), 0);
	for (int i = 0; i < 1000 && !((volatile uint64_t *)tsmap)[3]; i++) {
		struct timespec t = { 0, 1000000 };
		nanosleep(&t, NULL);
	}
	assert_true(((uint64_t *)tsmap)[3] > 0);
	/* past the end of the 4 KiB CB */
	cqc.index = 512;
	assert_int_equal(hla_cq_counter_wait(D.dev, &cqc, 0, &res), -EINVAL);
	assert_int_equal(itest_cb_free(&D, &cb), 0);
	assert_int_equal(hla_cb_munmap(cqmap, 4096), 0);
	assert_int_equal(hla_cb_destroy(D.dev, cq), 0);
	assert_int_equal(hla_ts_munmap(tsmap, 16), 0);
}

/* stall/resume and the HBW flush exist where the driver has them */
static void engines_and_flush(void **state)
{
	uint32_t ids[1] = { 0 };
	int expect;

	(void)state;
	if (!(D.desc.caps & HLA_CAP_ENGINES))
		expect = -EOPNOTSUPP;
	else if (D.gaudi2)
		expect = 0;
	else
		expect = -EPERM;
	assert_int_equal(hla_engines_control(D.dev, ids, 1, HLA_ENGINE_STALL), expect);
	if (!expect)
		assert_int_equal(hla_engines_control(D.dev, ids, 1, HLA_ENGINE_RESUME), 0);
	assert_int_equal(hla_engines_control(D.dev, ids, 1, 7), -EINVAL);
	if (!(D.desc.caps & HLA_CAP_FLUSH_HBW))
		assert_int_equal(hla_cs_flush_pci_hbw_writes(D.dev), -EOPNOTSUPP);
	else
		assert_int_equal(hla_cs_flush_pci_hbw_writes(D.dev),
				 D.gaudi2 ? 0 : -EOPNOTSUPP);
	/* engine cores exist only on Gaudi2 */
	if (!D.gaudi2)
		assert_int_equal(hla_engine_cores_control(D.dev, ids, 1, HLA_ENGINE_CORE_RUN),
				 -EINVAL);
	else if (itest_on_sim()) /* the simulator has no ARC cores to run */
		assert_int_equal(hla_engine_cores_control(D.dev, ids, 1, HLA_ENGINE_CORE_RUN),
				 -EOPNOTSUPP);
	else
		assert_int_equal(hla_engine_cores_control(D.dev, ids, 1, HLA_ENGINE_CORE_RUN),
				 0);
	assert_int_equal(hla_engine_cores_control(D.dev, ids, 1, 9), -EINVAL);
}

/* ---- a signal ends a wait: -EINTR, never restarted -------------------- */

#define KICK_MS 150u  /* when the signal arrives */
#define WAIT_MS 1500u /* the wait's timeout */

static volatile sig_atomic_t signals_seen;

static void on_signal(int sig)
{
	(void)sig;
	signals_seen++;
}

static double now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static void *kick(void *arg)
{
	const pthread_t *target = arg;
	struct timespec t = { 0, KICK_MS * 1000000L };

	nanosleep(&t, NULL);
	pthread_kill(*target, SIGUSR1);
	return NULL;
}

struct interrupted {
	int ret;
	double elapsed_ms;
	struct hla_wait_result res;
};

/*
 * Run wait() while another thread sends this thread SIGUSR1 after KICK_MS.
 * The handler is installed without SA_RESTART, as a program that wants
 * its waits interrupted does.
 */
static void run_interrupted(int (*wait)(void *priv, struct hla_wait_result *res),
			    void *priv, struct interrupted *r)
{
	struct sigaction sa, old;
	pthread_t self = pthread_self(), t;
	double t0;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = 0;
	assert_int_equal(sigaction(SIGUSR1, &sa, &old), 0);
	signals_seen = 0;
	memset(r, 0, sizeof(*r));
	r->res.sz = sizeof(r->res);
	assert_int_equal(pthread_create(&t, NULL, kick, &self), 0);
	t0 = now_ms();
	r->ret = wait(priv, &r->res);
	r->elapsed_ms = now_ms() - t0;
	assert_int_equal(pthread_join(t, NULL), 0);
	assert_int_equal(sigaction(SIGUSR1, &old, NULL), 0);
}

/*
 * -EINTR soon after the signal passes.  A wait that ignored the signal and
 * ran its whole timeout on work that is still busy is a simulator that
 * cannot interrupt waits yet: skipped, with a message.  Anything else
 * fails.
 */
static void judge_interrupted(const struct interrupted *r, const char *what)
{
	assert_int_equal(signals_seen, 1);
	if (r->ret == -EINTR) {
		assert_true(r->elapsed_ms >= KICK_MS * 0.5);
		assert_true(r->elapsed_ms < WAIT_MS * 0.5);
		return;
	}
	assert_int_equal(r->ret, 0);
	assert_int_equal(r->res.status, HLA_WAIT_BUSY);
	assert_true(r->elapsed_ms >= WAIT_MS * 0.9);
	if (!itest_on_sim())
		fail_msg("%s: a signal did not end the wait", what);
	fprintf(stderr, "%s: SKIPPED: the simulator cannot interrupt a wait with a "
		"signal yet: the signal came after %u ms, the wait returned after its "
		"full timeout (%.0f ms) instead of -EINTR\n", what, KICK_MS, r->elapsed_ms);
	skip();
}

static int wait_cs(void *priv, struct hla_wait_result *res)
{
	return hla_cs_wait(D.dev, *(const uint64_t *)priv, WAIT_MS * 1000ull, res);
}

/* hla_cs_wait on a CS that never completes (it hangs until its watchdog) */
static void cs_wait_interrupted(void **state)
{
	struct itest_host h;
	struct itest_cb cb;
	struct hla_cs_chunk chunk;
	HLA_STRUCT_INIT(hla_cs_submit, cs);
	HLA_STRUCT_INIT(hla_cs_out, out);
	HLA_STRUCT_INIT(hla_wait_result, res);
	struct interrupted r;

	(void)state;
	if (!itest_on_sim())
		skip(); /* needs work that never completes: the simulator's cs-hang */
	assert_int_equal(itest_host_map(&D, 4096, &h), 0);
	assert_int_equal(itest_cb_new(&D, 4096, &cb), 0);
	assert_int_equal(itest_cb_msg_long(&D, &cb, h.va, 1), 0);
	itest_chunk(&D, &cb, &chunk);
	cs.execute = &chunk;
	cs.num_execute = 1;
	cs.timeout_s = 3; /* longer than the wait */
	cs.flags = HLA_CS_SKIP_RESET_ON_TIMEOUT;
	assert_int_equal(itest_sim_control("cs-hang 0"), 0);
	assert_int_equal(hla_cs_submit(D.dev, &cs, &out), 0);
	run_interrupted(wait_cs, &out.seq, &r);
	/* clean up before judging: the CS ends at its watchdog */
	assert_int_equal(hla_cs_wait(D.dev, out.seq, 10000000, &res), -ETIMEDOUT);
	assert_int_equal(itest_cb_free(&D, &cb), 0);
	assert_int_equal(itest_host_unmap(&D, &h), 0);
	judge_interrupted(&r, "hla_cs_wait");
}

static int wait_word(void *priv, struct hla_wait_result *res)
{
	return hla_interrupt_wait(D.dev, HLA_INTERRUPT_ANY_CQ, priv, 1,
				  WAIT_MS * 1000ull, res);
}

/* hla_interrupt_wait for a word nobody writes */
static void interrupt_wait_interrupted(void **state)
{
	struct itest_host h;
	struct interrupted r;

	(void)state;
	if (!D.gaudi2)
		skip(); /* user interrupts are a Gaudi2 feature */
	assert_int_equal(itest_host_map(&D, 4096, &h), 0);
	run_interrupted(wait_word, h.ptr, &r);
	assert_int_equal(*(volatile uint64_t *)h.ptr, 0);
	assert_int_equal(itest_host_unmap(&D, &h), 0);
	judge_interrupted(&r, "hla_interrupt_wait");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(sequence_and_wait),
		cmocka_unit_test(usage_count_follows_jobs),
		cmocka_unit_test(multi_cs),
		cmocka_unit_test(signal_and_wait),
		cmocka_unit_test(encaps_signals),
		cmocka_unit_test(staged_submission),
		cmocka_unit_test(restore_phase),
		cmocka_unit_test(user_interrupt_wait),
		cmocka_unit_test(timestamp_buffer),
		cmocka_unit_test(engines_and_flush),
		cmocka_unit_test(cs_wait_interrupted),
		cmocka_unit_test(interrupt_wait_interrupted),
	};

	itest_require_device();
	return cmocka_run_group_tests(tests, itest_setup, itest_teardown);
}
