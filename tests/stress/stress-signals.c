/* SPDX-License-Identifier: MIT */
/*
 * A signal storm over submit/wait loops: a 1 ms interval timer (aimed at
 * the submitting thread, not the simulator's device threads) whose
 * handler is installed without SA_RESTART, so a wait the signal lands in
 * ends with -EINTR (hla_cs_wait(3)) and is waited again for the time
 * left.  Every CS fills a host buffer (long enough to be caught by
 * signals) and then writes its number into a slot of its own: each
 * submission must complete exactly once, no slot may be written before
 * its CS, and every wait must return within its timeout plus BOUND_MS.
 * Usage: stress-signals [SUBMISSIONS [BOUND_MS]]
 */
#include "stress.h"

#include <signal.h>
#include <stdatomic.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#define FILL (4u << 20)   /* bytes each CS sets */
#define SLOTS 4096u
#define SLICE_US 3000u    /* each wait call: at most this long */
#define BOUND_MS 50       /* how late a wait may return (argument 2) */
#define DEADLINE_US 20000000ull

static atomic_uint signals; /* lock-free: safe in a handler */
static int64_t bound_ms = BOUND_MS;
static timer_t timer;

static void on_alarm(int sig)
{
	(void)sig;
	signals++;
}

static struct {
	unsigned long waits, eintr, busy, late;
	int64_t worst_late_ns;
} stats;

static int timer_on(bool on)
{
	struct itimerspec it = { { 0, on ? 1000000 : 0 }, { 0, on ? 1000000 : 0 } };
	struct sigevent ev;
	struct sigaction sa;

	if (on) {
		memset(&sa, 0, sizeof(sa));
		sa.sa_handler = on_alarm;
		sa.sa_flags = 0; /* no SA_RESTART */
		sigemptyset(&sa.sa_mask);
		memset(&ev, 0, sizeof(ev));
		ev.sigev_notify = SIGEV_THREAD_ID;
		ev.sigev_signo = SIGALRM;
		ev._sigev_un._tid = gettid();
		if (sigaction(SIGALRM, &sa, NULL) ||
		    timer_create(CLOCK_MONOTONIC, &ev, &timer))
			return -errno;
	}
	if (timer_settime(timer, 0, &it, NULL))
		return -errno;
	return on ? 0 : timer_delete(timer);
}

/* one timed wait call, measured */
static int wait_slice(uint64_t seq, uint64_t us, struct hla_wait_result *res)
{
	int64_t t0 = st_now_ns(), late;
	int ret;

	memset(res, 0, sizeof(*res));
	res->sz = sizeof(*res);
	ret = hla_cs_wait(st_dev, seq, us, res);
	late = st_now_ns() - t0 - (int64_t)us * 1000;
	stats.waits++;
	if (late > stats.worst_late_ns)
		stats.worst_late_ns = late;
	if (late > bound_ms * 1000000) {
		ST_FAIL("a wait of %llu us returned %lld us late", (unsigned long long)us,
			(long long)(late / 1000));
		stats.late++;
	}
	return ret;
}

/* wait for seq with the time left after each -EINTR; 0 when completed */
static int wait_all(uint64_t seq)
{
	struct hla_wait_result res;
	int64_t end = st_now_ns() + (int64_t)DEADLINE_US * 1000;

	for (;;) {
		int64_t left = (end - st_now_ns()) / 1000;
		uint64_t us = left < SLICE_US ? (left > 0 ? (uint64_t)left : 0) : SLICE_US;
		int ret = wait_slice(seq, us, &res);

		if (ret == -EINTR) {
			stats.eintr++;
			continue;
		}
		if (ret)
			return ret;
		if (res.status == HLA_WAIT_COMPLETED)
			return 0;
		if (res.status != HLA_WAIT_BUSY || left <= 0)
			return -ETIME;
		stats.busy++;
	}
}

/* the CB of CS i: fill the buffer with i, then write i to slot i */
static int build(struct st_cb *cb, uint64_t fill_va, uint64_t slot_va, uint32_t i)
{
	HLA_STRUCT_INIT(hla_pkt, dma);
	HLA_STRUCT_INIT(hla_pkt, msg);
	int ret;

	cb->used = 0;
	dma.opcode = HLA_PKT_OP_LIN_DMA;
	dma.flags = HLA_PKT_MEMSET | HLA_PKT_MB;
	dma.src = 0x0101010101010101ull * (i & 0xFF);
	dma.dst = fill_va;
	dma.size = FILL;
	msg.opcode = HLA_PKT_OP_MSG_LONG;
	msg.flags = HLA_PKT_MB;
	msg.dst = slot_va + 4ull * (i % SLOTS);
	msg.value = i;
	ret = st_cb_add(cb, &dma);
	return ret ? ret : st_cb_add(cb, &msg);
}

static int one(struct st_cb *cb, uint8_t *fill, uint64_t fill_va, uint32_t *slot,
	       uint64_t slot_va, uint32_t i)
{
	uint64_t seq;
	int ret;

	if (slot[i % SLOTS] != 0xFFFFFFFFu) {
		ST_FAIL("slot %u written before CS %u ran", i % SLOTS, i);
		return -EPROTO;
	}
	ret = build(cb, fill_va, slot_va, i);
	if (!ret)
		ret = st_submit(cb, 0, &seq);
	if (!ret)
		ret = wait_all(seq);
	if (ret)
		return ret;
	if (slot[i % SLOTS] != i || fill[0] != (i & 0xFF) || fill[FILL - 1] != (i & 0xFF)) {
		ST_FAIL("CS %u: slot %#x, fill %#x %#x", i, slot[i % SLOTS], fill[0],
			fill[FILL - 1]);
		return -EPROTO;
	}
	slot[i % SLOTS] = 0xFFFFFFFFu;
	return 0;
}

static int run(uint32_t n, uint8_t *fill, uint32_t *slot)
{
	struct st_cb cb;
	uint64_t fill_va, slot_va;
	int ret = st_cb_new(4096, &cb);

	if (!ret)
		ret = hla_mem_map_host(st_dev, fill, FILL, 0, 0, &fill_va);
	if (!ret)
		ret = hla_mem_map_host(st_dev, slot, SLOTS * 4, 0, 0, &slot_va);
	if (!ret)
		ret = timer_on(true);
	for (uint32_t i = 0; i < n && !ret; i++)
		ret = one(&cb, fill, fill_va, slot, slot_va, i);
	timer_on(false);
	if (ret)
		ST_FAIL("submission loop: %d", ret);
	return ret;
}

int main(int argc, char **argv)
{
	uint32_t n = argc > 1 ? (uint32_t)strtoul(argv[1], NULL, 0) : 1000;
	uint8_t *fill = mmap(NULL, FILL, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	uint32_t *slot = mmap(NULL, SLOTS * 4, PROT_READ | PROT_WRITE,
			      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	int64_t t0 = st_now_ns();
	int ret;

	if (argc > 2)
		bound_ms = strtol(argv[2], NULL, 0);
	if (fill == MAP_FAILED || slot == MAP_FAILED)
		return 1;
	memset(slot, 0xFF, SLOTS * 4);
	ret = st_open();
	if (!ret)
		ret = run(n, fill, slot);
	printf("stress-signals: %u submissions, %u signals, %lu waits (%lu EINTR, %lu busy), "
	       "worst lateness %.3f ms, %lu late, %.2f s\n",
	       n, (unsigned int)signals, stats.waits, stats.eintr, stats.busy,
	       (double)stats.worst_late_ns / 1e6, stats.late, (double)(st_now_ns() - t0) / 1e9);
	if (st_dev)
		hla_device_close(st_dev);
	return ret || stats.late || !signals;
}
