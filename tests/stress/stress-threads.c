/* SPDX-License-Identifier: MIT */
/*
 * Eight threads on one device handle, a fixed number of iterations each:
 * CB create/map/destroy, device and host memory alloc/map/unmap/free,
 * submit and wait (checking what the CS wrote), INFO, and opening and
 * closing other nodes.  Built with -Db_sanitize=thread this is the
 * ThreadSanitizer run of the library and the simulator linked into it.
 * Usage: stress-threads [ITERATIONS]
 */
#include "stress.h"

#include <pthread.h>
#include <stdatomic.h>
#include <sys/mman.h>

#define THREADS 8

static unsigned int iters = 200;
static atomic_uint failures;
static atomic_ulong done[THREADS];

#define CHECK(expr)                                                   \
	do {                                                          \
		int ret_ = (expr);                                    \
		if (ret_) {                                           \
			ST_FAIL("%s: %d", #expr, ret_);               \
			failures++;                                   \
			return;                                       \
		}                                                     \
	} while (0)

static void cb_churn(unsigned int i)
{
	HLA_STRUCT_INIT(hla_pkt, nop);
	struct st_cb cb;
	uint32_t usage;

	nop.opcode = HLA_PKT_OP_NOP;
	CHECK(st_cb_new(4096 + 4096 * (i % 4), &cb));
	CHECK(st_cb_add(&cb, &nop));
	CHECK(hla_cb_get_usage(st_dev, cb.handle, &usage));
	CHECK(st_cb_free(&cb));
}

static void mem_churn(unsigned int i, uint8_t *host)
{
	uint64_t h, va, hva;

	CHECK(hla_mem_map_host(st_dev, host, 65536, 0, 0, &hva));
	if (st_gaudi2) {
		CHECK(hla_mem_alloc(st_dev, 32u << 20, 0, 0, &h));
		CHECK(hla_mem_map(st_dev, h, 0, 0, &va));
		CHECK(hla_mem_unmap(st_dev, va));
		CHECK(hla_mem_free(st_dev, h, 32u << 20));
	} else {
		CHECK(hla_mem_alloc(st_dev, (1u + i % 4) << 20, 0, 0, &h));
		CHECK(hla_mem_free(st_dev, h, (1u + i % 4) << 20));
	}
	CHECK(hla_mem_unmap(st_dev, hva));
}

static int wait_done(uint64_t seq)
{
	HLA_STRUCT_INIT(hla_wait_result, res);
	int ret;

	while ((ret = hla_cs_wait(st_dev, seq, 10000000, &res)) == -EINTR)
		;
	if (!ret && res.status != HLA_WAIT_COMPLETED)
		ret = -ETIME;
	return ret;
}

/* one CS writing i to a word of this thread's host buffer */
static void submit_wait(unsigned int i, struct st_cb *cb, volatile uint32_t *word,
			uint64_t va, uint32_t queue)
{
	HLA_STRUCT_INIT(hla_pkt, pkt);
	uint64_t seq;

	*word = 0xFFFFFFFFu;
	cb->used = 0;
	pkt.opcode = HLA_PKT_OP_MSG_LONG;
	pkt.flags = HLA_PKT_MB;
	pkt.dst = va;
	pkt.value = i;
	CHECK(st_cb_add(cb, &pkt));
	CHECK(st_submit(cb, queue, &seq));
	CHECK(wait_done(seq));
	if (*word != i) {
		ST_FAIL("CS %u wrote %#x", i, *word);
		failures++;
	}
}

static void info(void)
{
	HLA_STRUCT_INIT(hla_hw_ip_info, hw);
	HLA_STRUCT_INIT(hla_dram_usage, du);
	HLA_STRUCT_INIT(hla_cs_counters, cc);
	HLA_STRUCT_INIT(hla_hw_idle, idle);
	uint32_t status;
	uint64_t ev;

	CHECK(hla_info_hw_ip(st_dev, &hw));
	CHECK(hla_info_dram_usage(st_dev, &du));
	CHECK(hla_info_device_status(st_dev, &status));
	CHECK(hla_info_cs_counters(st_dev, &cc));
	CHECK(hla_info_hw_idle(st_dev, &idle));
	CHECK(hla_events_read(st_dev, &ev));
}

static void others(unsigned int i)
{
	struct hla_device *d;
	uint32_t status;

	CHECK(hla_device_open_index(i % 2, HLA_OPEN_CONTROL, &d));
	CHECK(hla_info_device_status(d, &status));
	CHECK(hla_device_close(d));
	CHECK(hla_device_open_index(1, HLA_OPEN_RETRY, &d));
	CHECK(hla_info_device_status(d, &status));
	CHECK(hla_device_close(d));
}

static void *worker(void *arg)
{
	unsigned int t = (unsigned int)(uintptr_t)arg;
	uint8_t *host = mmap(NULL, 65536, PROT_READ | PROT_WRITE,
			     MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	struct st_cb cb;
	uint64_t va = 0;

	if (host == MAP_FAILED || (t / 2 == 2 && (st_cb_new(4096, &cb) ||
		hla_mem_map_host(st_dev, host, 65536, 0, 0, &va)))) {
		failures++;
		return NULL;
	}
	for (unsigned int i = 0; i < iters && !failures; i++, done[t]++) {
		switch (t) {
		case 0: case 1: cb_churn(i); break;
		case 2: case 3: mem_churn(i, host); break;
		case 4: case 5: submit_wait(i, &cb, (volatile uint32_t *)host, va, t - 4); break;
		case 6: info(); break;
		default: others(i); break;
		}
	}
	if (t / 2 == 2 && (st_cb_free(&cb) || hla_mem_unmap(st_dev, va)))
		failures++;
	munmap(host, 65536);
	return NULL;
}

int main(int argc, char **argv)
{
	pthread_t th[THREADS];
	unsigned long total = 0;
	int64_t t0;
	int ret;

	if (argc > 1)
		iters = (unsigned int)strtoul(argv[1], NULL, 0);
	ret = st_open();
	if (ret) {
		fprintf(stderr, "open: %d\n", ret);
		return 1;
	}
	t0 = st_now_ns();
	for (unsigned int t = 0; t < THREADS; t++)
		if (pthread_create(&th[t], NULL, worker, (void *)(uintptr_t)t))
			return 1;
	for (unsigned int t = 0; t < THREADS; t++)
		pthread_join(th[t], NULL);
	for (unsigned int t = 0; t < THREADS; t++)
		total += done[t];
	printf("stress-threads: %u threads x %u iterations: %lu done, %u failures, %.2f s\n",
	       THREADS, iters, total, (unsigned int)failures, (double)(st_now_ns() - t0) / 1e9);
	ret = hla_device_close(st_dev);
	return failures || ret || total != (unsigned long)THREADS * iters;
}
