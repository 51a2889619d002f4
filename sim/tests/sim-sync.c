/* SPDX-License-Identifier: MIT */
/*
 * The sync manager as a runtime uses it, with hand-built packets and raw
 * ioctls (Gaudi2): a producer queue signals a sync object, a monitor on it
 * writes its payload to the consumer queue's fence counter, the consumer
 * fences on it.  Also monitors writing to memory, fences that need several
 * signals, a fence nothing satisfies meeting its watchdog, packets that are
 * not modelled refused at submission, and exact LIN_DMA memsets on both
 * ASICs.  On both ASICs: a SIGNAL CS on a producer queue and a WAIT CS on a
 * consumer queue naming it, and signal reservations.
 */
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "simtest.h"

#define SOB 400      /* a user sync object (INFO SYNC_MANAGER: first 384) */
#define MON 400      /* a user monitor */
#define CFG_BASE HLK_GAUDI2_CFG_BASE
#define PDMA0_QM 0x4C8A000ull
/* FENCEn_RDATA of PDMA0 stream s (queues 0-3) */
#define FENCE_RDATA(n, s) (CFG_BASE + PDMA0_QM + 0x290 + (n) * 0x14 + (s) * 4)
#define MON_ADDRL 0x0000u
#define MON_ADDRH 0x2000u
#define MON_DATA 0x4000u
#define MON_ARM 0x6000u

static uint32_t msg_short(uint8_t *p, uint32_t base, uint32_t addr, uint32_t value)
{
	st_put32(p, value);
	st_put32(p + 4, st_pkt_ctl(HLK_PACKET_MSG_SHORT) | (base << HLK_MSG_SHORT_BASE_SHIFT) |
				addr);
	return 8;
}

static uint32_t sob_set(uint8_t *p, uint32_t sob, uint32_t v)
{
	return msg_short(p, 1, sob * 4, v);
}

static uint32_t sob_add(uint8_t *p, uint32_t sob, uint32_t v)
{
	return msg_short(p, 1, sob * 4, v | (1u << 31));
}

/* arm monitor mon to write data to addr once sync object sob reaches val */
static uint32_t arm(uint8_t *p, uint32_t mon, uint32_t sob, uint32_t val, uint64_t addr,
		    uint32_t data)
{
	uint32_t n = 0, mask = ~(1u << (sob % 8)) & 0xFF;

	n += msg_short(p + n, 0, MON_ADDRL + mon * 4, (uint32_t)addr);
	n += msg_short(p + n, 0, MON_ADDRH + mon * 4, (uint32_t)(addr >> 32));
	n += msg_short(p + n, 0, MON_DATA + mon * 4, data);
	n += msg_short(p + n, 0, MON_ARM + mon * 4, (sob / 8) | mask << 8 | val << 17);
	return n;
}

static uint32_t fence(uint8_t *p, uint32_t id, uint32_t target, uint32_t dec)
{
	st_put32(p, dec | target << HLK_FENCE_TARGET_VAL_SHIFT | id << HLK_FENCE_ID_SHIFT);
	st_put32(p + 4, st_pkt_ctl(HLK_PACKET_FENCE));
	return 8;
}

struct rig {
	int fd;
	struct st_cb cb[4];
	uint8_t *in, *out;
	uint64_t hin, hout, dram, handle;
};

#define N (1u << 20)

static void rig_open(struct rig *g)
{
	g->fd = st_open_compute(0);
	assert_true(g->fd >= 0);
	for (int i = 0; i < 4; i++)
		st_cb_new(g->fd, &g->cb[i], 4096);
	g->in = malloc(N);
	g->out = calloc(1, N);
	for (uint32_t i = 0; i < N; i++)
		g->in[i] = (uint8_t)(i * 13 + 5);
	g->hin = st_map_host(g->fd, g->in, N);
	g->hout = st_map_host(g->fd, g->out, N);
	g->dram = st_dram(g->fd, N, &g->handle);
}

static void rig_close(struct rig *g)
{
	for (int i = 0; i < 4; i++)
		st_cb_free(g->fd, &g->cb[i]);
	close(g->fd);
	free(g->in);
	free(g->out);
}

static uint32_t status(int fd, uint64_t seq, uint64_t us)
{
	union hlk_wait_cs_args w;
	int ret = st_wait(fd, seq, us, &w);

	return ret ? 100 + (uint32_t)-ret : w.out.status;
}

static void sleep_ms(long ms)
{
	struct timespec t = { ms / 1000, (ms % 1000) * 1000000 };

	nanosleep(&t, NULL);
}

static void monitor_writes_memory(void **state)
{
	volatile uint32_t *word;
	struct rig g;
	uint64_t s1, s2;
	uint32_t n;

	(void)state;
	rig_open(&g);
	word = (volatile uint32_t *)g.out;
	n = sob_set(g.cb[0].map, SOB, 0);
	n += arm(g.cb[0].map + n, MON, SOB, 3, g.hout, 0xCAFE);
	n += sob_add(g.cb[0].map + n, SOB, 2);
	assert_int_equal(st_submit(g.fd, &g.cb[0], 0, n, 0, 0, &s1), 0);
	assert_int_equal(status(g.fd, s1, 5000000), HLK_WAIT_CS_STATUS_COMPLETED);
	assert_int_equal(*word, 0); /* 2 of 3: the monitor waits */
	n = sob_add(g.cb[1].map, SOB, 1);
	assert_int_equal(st_submit(g.fd, &g.cb[1], 1, n, 0, 0, &s2), 0);
	assert_int_equal(status(g.fd, s2, 5000000), HLK_WAIT_CS_STATUS_COMPLETED);
	assert_int_equal(*word, 0xCAFE);
	rig_close(&g);
}

/* consumer on queue 1 fences on a signal from a producer on queue 0 */
static void producer_consumer(void **state)
{
	struct rig g;
	uint64_t cons, prod;
	uint32_t n;

	(void)state;
	rig_open(&g);
	n = sob_set(g.cb[0].map, SOB, 0);
	n += arm(g.cb[0].map + n, MON, SOB, 1, FENCE_RDATA(2, 1), 1);
	n += fence(g.cb[0].map + n, 2, 1, 1);
	n += st_lin_dma(g.cb[0].map + n, g.dram, g.hout, N, 0);
	/* the consumer goes first and must wait for the data */
	assert_int_equal(st_submit(g.fd, &g.cb[0], 1, n, 0, 0, &cons), 0);
	sleep_ms(50);
	assert_int_equal(status(g.fd, cons, 0), HLK_WAIT_CS_STATUS_BUSY);
	n = st_lin_dma(g.cb[1].map, g.hin, g.dram, N, 0);
	n += sob_add(g.cb[1].map + n, SOB, 1);
	assert_int_equal(st_submit(g.fd, &g.cb[1], 0, n, 0, 0, &prod), 0);
	assert_int_equal(status(g.fd, cons, 5000000), HLK_WAIT_CS_STATUS_COMPLETED);
	assert_int_equal(status(g.fd, prod, 5000000), HLK_WAIT_CS_STATUS_COMPLETED);
	assert_memory_equal(g.in, g.out, N);
	rig_close(&g);
}

/* a fence with target 2 needs two payloads; each FENCE consumes its decrement */
static void fence_counts(void **state)
{
	struct rig g;
	uint64_t cons, p1, p2;
	uint32_t n;

	(void)state;
	rig_open(&g);
	n = sob_set(g.cb[0].map, SOB, 0);
	n += sob_set(g.cb[0].map + n, SOB + 8, 0);
	n += arm(g.cb[0].map + n, MON, SOB, 1, FENCE_RDATA(1, 3), 1);
	n += arm(g.cb[0].map + n, MON + 1, SOB + 8, 1, FENCE_RDATA(1, 3), 1);
	n += fence(g.cb[0].map + n, 1, 2, 2);
	n += st_msg_long(g.cb[0].map + n, g.hout, 0x600D);
	assert_int_equal(st_submit(g.fd, &g.cb[0], 3, n, 0, 0, &cons), 0);
	n = sob_add(g.cb[1].map, SOB, 1);
	assert_int_equal(st_submit(g.fd, &g.cb[1], 0, n, 0, 0, &p1), 0);
	assert_int_equal(status(g.fd, p1, 5000000), HLK_WAIT_CS_STATUS_COMPLETED);
	sleep_ms(50);
	assert_int_equal(status(g.fd, cons, 0), HLK_WAIT_CS_STATUS_BUSY);
	assert_int_equal(st_get32(g.out), 0);
	n = sob_add(g.cb[2].map, SOB + 8, 1);
	assert_int_equal(st_submit(g.fd, &g.cb[2], 2, n, 0, 0, &p2), 0);
	assert_int_equal(status(g.fd, cons, 5000000), HLK_WAIT_CS_STATUS_COMPLETED);
	assert_int_equal(st_get32(g.out), 0x600D);
	rig_close(&g);
}

/* the same queue still runs its jobs in order behind a waiting fence */
static void fence_holds_its_queue(void **state)
{
	struct rig g;
	uint64_t blocked, behind, other;
	uint32_t n;

	(void)state;
	rig_open(&g);
	n = sob_set(g.cb[0].map, SOB, 0);
	n += arm(g.cb[0].map + n, MON, SOB, 1, FENCE_RDATA(0, 2), 1);
	n += fence(g.cb[0].map + n, 0, 1, 1);
	assert_int_equal(st_submit(g.fd, &g.cb[0], 2, n, 0, 0, &blocked), 0);
	n = st_msg_long(g.cb[1].map, g.hout, 1);
	assert_int_equal(st_submit(g.fd, &g.cb[1], 2, n, 0, 0, &behind), 0);
	n = st_msg_long(g.cb[2].map, g.hout + 4, 2);
	assert_int_equal(st_submit(g.fd, &g.cb[2], 3, n, 0, 0, &other), 0);
	assert_int_equal(status(g.fd, other, 5000000), HLK_WAIT_CS_STATUS_COMPLETED);
	sleep_ms(50);
	assert_int_equal(status(g.fd, behind, 0), HLK_WAIT_CS_STATUS_BUSY);
	assert_int_equal(st_get32(g.out), 0);
	n = sob_add(g.cb[3].map, SOB, 1);
	assert_int_equal(st_submit(g.fd, &g.cb[3], 0, n, 0, 0, NULL), 0);
	assert_int_equal(status(g.fd, behind, 5000000), HLK_WAIT_CS_STATUS_COMPLETED);
	assert_int_equal(status(g.fd, blocked, 0), HLK_WAIT_CS_STATUS_COMPLETED);
	assert_int_equal(st_get32(g.out), 1);
	rig_close(&g);
}

static void unsatisfied_fence_times_out(void **state)
{
	union hlk_wait_cs_args w;
	struct rig g;
	uint64_t seq;
	uint32_t n;

	(void)state;
	rig_open(&g);
	n = fence(g.cb[0].map, 3, 1, 1);
	assert_int_equal(st_submit(g.fd, &g.cb[0], 0, n, HLK_CS_FLAGS_CUSTOM_TIMEOUT |
				   HLK_CS_FLAGS_SKIP_RESET_ON_TIMEOUT, 1, &seq), 0);
	assert_int_equal(st_wait(g.fd, seq, 5000000, &w), -ETIMEDOUT);
	assert_int_equal(w.out.status, HLK_WAIT_CS_STATUS_TIMEDOUT);
	rig_close(&g);
}

static void not_modelled_refused(void **state)
{
	struct rig g;
	uint32_t n;

	(void)state;
	rig_open(&g);
	n = msg_short(g.cb[0].map, 2, 0, 0); /* an unknown base */
	assert_int_equal(st_submit(g.fd, &g.cb[0], 0, n, 0, 0, NULL), -EOPNOTSUPP);
	n = msg_short(g.cb[0].map, 0, MON_ARM + MON * 4, (SOB / 8) | 0xFE << 8 | 1u << 16);
	assert_int_equal(st_submit(g.fd, &g.cb[0], 0, n, 0, 0, NULL), -EOPNOTSUPP);
	n = st_msg_long(g.cb[0].map, CFG_BASE + 0x1000, 1); /* a register nobody models */
	assert_int_equal(st_submit(g.fd, &g.cb[0], 0, n, 0, 0, NULL), -EOPNOTSUPP);
	n = st_lin_dma(g.cb[0].map, g.hin, g.dram, 64, 1u << HLK_LIN_DMA_GAUDI2_ENDIAN_SHIFT);
	assert_int_equal(st_submit(g.fd, &g.cb[0], 0, n, 0, 0, NULL), -EOPNOTSUPP);
	rig_close(&g);
}

static uint32_t cp_dma(uint8_t *p, uint64_t src, uint32_t n)
{
	st_put32(p, n);
	st_put32(p + 4, st_pkt_ctl(HLK_PACKET_CP_DMA));
	st_put64(p + 8, src);
	return 16;
}

/* CP_DMA: the fetched CB runs before the packets after it; one level only */
static void cp_dma_runs_fetched_cb(void **state)
{
	union hlk_wait_cs_args w;
	struct rig g;
	uint64_t seq, ev = 0;
	uint32_t n, m;
	struct hlk_info_args a;

	(void)state;
	rig_open(&g);
	m = st_msg_long(g.cb[1].map, g.hout, 0x5150);
	n = cp_dma(g.cb[0].map, g.cb[1].va, m);
	n += st_msg_long(g.cb[0].map + n, g.hout + 4, 2);
	assert_int_equal(st_submit(g.fd, &g.cb[0], 0, n, 0, 0, &seq), 0);
	assert_int_equal(status(g.fd, seq, 5000000), HLK_WAIT_CS_STATUS_COMPLETED);
	assert_int_equal(st_get32(g.out), 0x5150);
	assert_int_equal(st_get32(g.out + 4), 2);
	/* a fetched CB cannot fetch another: the queue reports an undefined opcode */
	m = cp_dma(g.cb[1].map, g.cb[2].va, 8);
	st_nop(g.cb[2].map);
	n = cp_dma(g.cb[0].map, g.cb[1].va, m);
	assert_int_equal(st_submit(g.fd, &g.cb[0], 0, n, 0, 0, &seq), 0);
	assert_int_equal(st_wait(g.fd, seq, 5000000, &w), -EIO);
	assert_int_equal(w.out.status, HLK_WAIT_CS_STATUS_ABORTED);
	memset(&a, 0, sizeof(a));
	a.op = HLK_INFO_GET_EVENTS;
	a.return_pointer = (uint64_t)(uintptr_t)&ev;
	a.return_size = sizeof(ev);
	assert_int_equal(ioctl(g.fd, st_req(HLK_CMD_INFO), &a), 0);
	assert_true(ev & HLK_NOTIFIER_EVENT_UNDEFINED_OPCODE);
	rig_close(&g);
}

static void memset_exact(void **state)
{
	const uint64_t pattern = 0x0807060504030201ull;
	union hlk_wait_cs_args w;
	uint32_t n, len = 4096 + 13;
	struct st_cb cb;
	uint64_t seq, h, d, hout;
	uint8_t *out = calloc(1, 8192);
	int fd;

	(void)state;
	fd = st_open_compute(0);
	assert_true(fd >= 0);
	st_cb_new(fd, &cb, 4096);
	hout = st_map_host(fd, out, 8192);
	d = st_dram(fd, 1 << 20, &h);
	n = st_lin_dma(cb.map, pattern, d, len,
		       st_gaudi2 ? HLK_LIN_DMA_GAUDI2_MEMSET : HLK_LIN_DMA_GAUDI_MEMSET);
	n += st_lin_dma(cb.map + n, d, hout, len, 0);
	assert_int_equal(st_submit(fd, &cb, 0, n, 0, 0, &seq), 0);
	assert_int_equal(st_wait(fd, seq, 5000000, &w), 0);
	for (uint32_t i = 0; i < len; i++)
		assert_int_equal(out[i], (uint8_t)(pattern >> (8 * (i % 8))));
	assert_int_equal(out[len], 0);
	st_cb_free(fd, &cb);
	close(fd);
	free(out);
}

/* ---- SIGNAL / WAIT CSs and signal reservations ---- */

/* a SIGNAL (out: *count) or WAIT CS on queue q; 0 or -errno, *seq out */
static int sync_cs(int fd, uint32_t type, uint32_t q, uint64_t sig, uint32_t flags,
		   uint64_t *seq, uint16_t *count)
{
	struct hlk_cs_chunk ch;
	union hlk_cs_args a;
	int ret;

	memset(&ch, 0, sizeof(ch));
	ch.queue_index = q;
	if (flags & HLK_CS_FLAGS_ENCAP_SIGNALS) {
		ch.encaps_signal_seq = sig;
	} else if (type == HLK_CS_FLAGS_WAIT) {
		ch.signal_seq_arr = (uint64_t)(uintptr_t)&sig;
		ch.num_signal_seq_arr = 1;
	}
	memset(&a, 0, sizeof(a));
	a.in.chunks_execute = (uint64_t)(uintptr_t)&ch;
	a.in.num_chunks_execute = 1;
	a.in.cs_flags = type | flags;
	ret = ioctl(fd, st_req(HLK_CMD_CS), &a) ? -errno : 0;
	if (seq)
		*seq = a.out.seq;
	if (count)
		*count = a.out.sob_count_before_submission;
	return ret;
}

/* block queue q until release(): Gaudi2 with a FENCE, Gaudi with a hung CS */
static uint64_t block_queue(struct rig *g, uint32_t q)
{
	uint64_t seq;
	uint32_t n;

	if (st_gaudi2) {
		n = fence(g->cb[3].map, 1, 1, 1);
		assert_int_equal(st_submit(g->fd, &g->cb[3], q, n, 0, 0, &seq), 0);
	} else {
		n = st_nop(g->cb[3].map);
		assert_int_equal(st_ctl("cs-hang 0"), 0);
		assert_int_equal(st_submit(g->fd, &g->cb[3], q, n, HLK_CS_FLAGS_CUSTOM_TIMEOUT |
					   HLK_CS_FLAGS_SKIP_RESET_ON_TIMEOUT, 1, &seq), 0);
	}
	return seq;
}

/* Gaudi2: the fence counter written from queue 2; Gaudi: the watchdog */
static void release(struct rig *g, uint32_t q)
{
	uint32_t n;

	if (!st_gaudi2)
		return;
	n = st_msg_long(g->cb[2].map, FENCE_RDATA(1, q), 1);
	assert_int_equal(st_submit(g->fd, &g->cb[2], 2, n, 0, 0, NULL), 0);
}

/*
 * A producer queue's SIGNAL CS, a WAIT CS on the consumer queue naming it
 * and the consumer's work behind the WAIT: nothing on the consumer queue
 * runs until the producer queue has got to its signal.
 */
static void signal_then_wait(void **state)
{
	uint64_t blocker, sig, wait, work, seq;
	uint16_t count, count2;
	struct rig g;
	uint32_t n;

	(void)state;
	rig_open(&g);
	blocker = block_queue(&g, 1);
	assert_int_equal(sync_cs(g.fd, HLK_CS_FLAGS_SIGNAL, 1, 0, 0, &sig, &count), 0);
	assert_int_equal(sync_cs(g.fd, HLK_CS_FLAGS_WAIT, 0, sig, 0, &wait, NULL), 0);
	assert_true(wait > sig);
	n = st_msg_long(g.cb[0].map, g.hout, 0x600D);
	assert_int_equal(st_submit(g.fd, &g.cb[0], 0, n, 0, 0, &work), 0);
	sleep_ms(100);
	assert_int_equal(status(g.fd, sig, 0), HLK_WAIT_CS_STATUS_BUSY);
	assert_int_equal(status(g.fd, wait, 0), HLK_WAIT_CS_STATUS_BUSY);
	assert_int_equal(status(g.fd, work, 0), HLK_WAIT_CS_STATUS_BUSY);
	assert_int_equal(st_get32(g.out), 0);
	release(&g, 1);
	assert_int_equal(status(g.fd, work, 5000000), HLK_WAIT_CS_STATUS_COMPLETED);
	assert_int_equal(status(g.fd, wait, 0), HLK_WAIT_CS_STATUS_COMPLETED);
	assert_int_equal(status(g.fd, sig, 0), HLK_WAIT_CS_STATUS_COMPLETED);
	(void)status(g.fd, blocker, 5000000);
	assert_int_equal(st_get32(g.out), 0x600D);
	/* each signal counts one more on the queue's sync object */
	assert_int_equal(sync_cs(g.fd, HLK_CS_FLAGS_SIGNAL, 1, 0, 0, &seq, &count2), 0);
	assert_int_equal(count2, (uint16_t)(count + 1));
	assert_int_equal(status(g.fd, seq, 5000000), HLK_WAIT_CS_STATUS_COMPLETED);
	/* a completed signal: nothing to wait for, no CS */
	assert_int_equal(sync_cs(g.fd, HLK_CS_FLAGS_WAIT, 0, seq, 0, &wait, NULL), 0);
	assert_int_equal(wait, UINT64_MAX);
	/* not a signal CS, or one not submitted yet */
	assert_int_equal(sync_cs(g.fd, HLK_CS_FLAGS_WAIT, 0, work, 0, NULL, NULL), -EINVAL);
	assert_int_equal(sync_cs(g.fd, HLK_CS_FLAGS_WAIT, 0, seq + 100, 0, NULL, NULL),
			 -EINVAL);
	rig_close(&g);
}

/* which queues take SIGNAL and WAIT CSs */
static void sync_stream_queues(void **state)
{
	uint64_t sig, seq;
	struct rig g;

	(void)state;
	rig_open(&g);
	if (st_gaudi2) {
		/* NIC and CPU queues have no sync stream */
		assert_int_equal(sync_cs(g.fd, HLK_CS_FLAGS_SIGNAL, HLK_GAUDI2_QUEUE_ID_NIC_0_0, 0,
					 0, NULL, NULL), -EINVAL);
		assert_int_equal(sync_cs(g.fd, HLK_CS_FLAGS_SIGNAL, HLK_GAUDI2_QUEUE_ID_CPU_PQ, 0,
					 0, NULL, NULL), -EINVAL);
		/* a signal on a compute queue; a wait on a queue whose fence
		 * registers the simulator does not model is refused */
		block_queue(&g, 1);
		assert_int_equal(sync_cs(g.fd, HLK_CS_FLAGS_SIGNAL, 1, 0, 0, &sig, NULL), 0);
		assert_int_equal(sync_cs(g.fd, HLK_CS_FLAGS_WAIT, 8, sig, 0, NULL, NULL),
				 -EOPNOTSUPP);
		release(&g, 1);
		assert_int_equal(status(g.fd, sig, 5000000), HLK_WAIT_CS_STATUS_COMPLETED);
		assert_int_equal(sync_cs(g.fd, HLK_CS_FLAGS_SIGNAL, 20, 0, 0, &seq, NULL), 0);
		assert_int_equal(status(g.fd, seq, 5000000), HLK_WAIT_CS_STATUS_COMPLETED);
		/* no CS takes an encapsulated-signals handle without staged
		 * submission, which Gaudi2 has not: nothing to wait for */
		assert_int_equal(sync_cs(g.fd, HLK_CS_FLAGS_WAIT, 0, seq,
					 HLK_CS_FLAGS_ENCAP_SIGNALS, &seq, NULL), 0);
		assert_int_equal(seq, UINT64_MAX);
	} else {
		/* external queues only */
		assert_int_equal(sync_cs(g.fd, HLK_CS_FLAGS_SIGNAL, HLK_GAUDI_QUEUE_ID_DMA_1_3 + 1,
					 0, 0, NULL, NULL), -EINVAL);
	}
	rig_close(&g);
}

static int reserve(int fd, uint32_t q, uint32_t count, uint32_t *id, uint32_t *next)
{
	union hlk_cs_args a;
	int ret;

	memset(&a, 0, sizeof(a));
	a.in.cs_flags = HLK_CS_FLAGS_RESERVE_SIGNALS_ONLY;
	a.in.encaps_signals_q_idx = q;
	a.in.encaps_signals_count = count;
	ret = ioctl(fd, st_req(HLK_CMD_CS), &a) ? -errno : 0;
	*id = a.out.handle_id;
	*next = a.out.count;
	return ret;
}

static int unreserve(int fd, uint32_t id)
{
	union hlk_cs_args a;

	memset(&a, 0, sizeof(a));
	a.in.cs_flags = HLK_CS_FLAGS_UNRESERVE_SIGNALS_ONLY;
	a.in.encaps_sig_handle_id = id;
	return ioctl(fd, st_req(HLK_CMD_CS), &a) ? -errno : 0;
}

/* cs_ioctl_reserve_signals() / cs_ioctl_unreserve_signals() */
static void reserve_unreserve(void **state)
{
	uint32_t id1, id2, next1, next2, id3, next3, id4, next4;
	struct rig g;

	(void)state;
	rig_open(&g);
	assert_int_equal(reserve(g.fd, 0, 10, &id1, &next1), 0);
	assert_int_equal(reserve(g.fd, 0, 5, &id2, &next2), 0);
	assert_int_equal(next2, next1 + 5);
	assert_true(id1 != id2);
	/* the first no longer ends where the count is */
	assert_int_equal(unreserve(g.fd, id1), -EINVAL);
	assert_int_equal(unreserve(g.fd, id2), 0);
	assert_int_equal(unreserve(g.fd, id2), -EINVAL);
	assert_int_equal(unreserve(g.fd, id1), 0);
	/* the signals are given back: the next reservation starts where id1 did */
	assert_int_equal(reserve(g.fd, 0, 10, &id3, &next3), 0);
	assert_int_equal(next3, next1);
	assert_int_equal(unreserve(g.fd, id3), 0);
	/* a signal in between makes the reservation stick */
	assert_int_equal(reserve(g.fd, 0, 3, &id4, &next4), 0);
	assert_int_equal(sync_cs(g.fd, HLK_CS_FLAGS_SIGNAL, 0, 0, 0, NULL, NULL), 0);
	sleep_ms(50);
	assert_int_equal(unreserve(g.fd, id4), -EINVAL);
	assert_int_equal(reserve(g.fd, 0, HLK_MAX_SOB_VAL, &id3, &next3), -EINVAL);
	assert_int_equal(reserve(g.fd, st_gaudi2 ? HLK_GAUDI2_QUEUE_ID_CPU_PQ
						 : HLK_GAUDI_QUEUE_ID_DMA_1_3 + 1,
				 1, &id3, &next3), -EINVAL);
	rig_close(&g);
}

int main(void)
{
	const struct CMUnitTest g2[] = {
		cmocka_unit_test(monitor_writes_memory),
		cmocka_unit_test(producer_consumer),
		cmocka_unit_test(fence_counts),
		cmocka_unit_test(fence_holds_its_queue),
		cmocka_unit_test(unsatisfied_fence_times_out),
		cmocka_unit_test(not_modelled_refused),
		cmocka_unit_test(cp_dma_runs_fetched_cb),
		cmocka_unit_test(memset_exact),
		cmocka_unit_test(signal_then_wait),
		cmocka_unit_test(sync_stream_queues),
		cmocka_unit_test(reserve_unreserve),
	};
	const struct CMUnitTest g1[] = {
		cmocka_unit_test(memset_exact),
		cmocka_unit_test(signal_then_wait),
		cmocka_unit_test(sync_stream_queues),
		cmocka_unit_test(reserve_unreserve),
	};

	if (!st_setup()) {
		fprintf(stderr, "run under the simulator\n");
		return 77;
	}
	if (!st_gaudi2)
		return cmocka_run_group_tests(g1, NULL, NULL);
	return cmocka_run_group_tests(g2, NULL, NULL);
}
