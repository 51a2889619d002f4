/* SPDX-License-Identifier: MIT */
/*
 * The context's objects are bounded by memory, as the driver's IDRs and
 * lists are: more CBs, allocations, mappings, timestamp registrations and
 * signal reservations than any fixed table would hold, each one usable,
 * ids handed out as idr_alloc(.., 1, 0, ..) does (the lowest free one
 * from 1), and everything given back when the context goes.
 */
#include "simtest.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cmocka.h>

#define NCB 5000    /* CBs and TS buffers shared 4096 slots */
#define NTS 3300    /* with the CBs, more mappings than the shim noted (8192) */
#define NALLOC 1200 /* allocations had 1024 */
#define NMAP 5000   /* mappings had 4096 */
#define NREG 300    /* timestamp registrations had 256 */
#define NRESV 300   /* reservations had 64 */

static int io(int fd, unsigned int cmd, void *arg)
{
	return ioctl(fd, st_req(cmd), arg) ? -errno : 0;
}

static int open_fds(void)
{
	DIR *d = opendir("/proc/self/fd");
	int n = 0;

	assert_non_null(d);
	while (readdir(d))
		n++;
	closedir(d);
	return n;
}

static int cb_op(int fd, uint32_t op, uint64_t handle, uint32_t size, uint64_t *out)
{
	union hlk_cb_args a;
	int ret;

	memset(&a, 0, sizeof(a));
	a.in.op = op;
	a.in.cb_handle = handle;
	a.in.cb_size = size;
	ret = io(fd, HLK_CMD_CB, &a);
	if (!ret && out)
		*out = op == HLK_CB_OP_CREATE ? a.out.cb_handle : a.out.usage_cnt;
	return ret;
}

static uint64_t cb_handle(uint32_t id)
{
	return HLK_MMAP_TYPE_CB | ((uint64_t)id << 12);
}

static void run_nop(int fd)
{
	union hlk_wait_cs_args w;
	struct st_cb cb;
	uint64_t seq;

	st_cb_new(fd, &cb, 4096);
	assert_int_equal(cb.handle, cb_handle(NCB + 1)); /* past every old slot */
	assert_int_equal(st_submit(fd, &cb, 0, st_nop(cb.map), 0, 0, &seq), 0);
	assert_int_equal(st_wait(fd, seq, 5000000, &w), 0);
	assert_int_equal(w.out.status, HLK_WAIT_CS_STATUS_COMPLETED);
	st_cb_free(fd, &cb);
}

/* TS buffers take their ids from the CBs' table; each one mapped, and a
 * mapping past the 8192nd still seen going away */
static void ts_buffers(int fd, uint8_t **map)
{
	union hlk_mem_args m;
	uint64_t h = 0;

	for (uint32_t i = 0; i < NTS; i++) {
		memset(&m, 0, sizeof(m));
		m.in.op = HLK_MEM_OP_TS_ALLOC;
		m.in.num_of_elements = 1;
		assert_int_equal(st_mem(fd, &m), 0);
		h = m.out.handle;
		assert_int_equal(h, HLK_MMAP_TYPE_TS_BUFF | ((uint64_t)(NCB + 1 + i) << 12));
		map[i] = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, (off_t)h);
		assert_true(map[i] != MAP_FAILED);
	}
	/* one mapping per buffer: a second one only once the first is gone */
	assert_true(mmap(NULL, 4096, PROT_READ, MAP_SHARED, fd, (off_t)h) == MAP_FAILED);
	munmap(map[NTS - 1], 4096);
	map[NTS - 1] = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, (off_t)h);
	assert_true(map[NTS - 1] != MAP_FAILED);
}

/* hl_mmap_mem_buf_alloc(): a handle per CB with the lowest free id; a
 * destroyed CB keeps its id while it is still mapped */
static void cbs(void **state)
{
	static uint8_t *map[NCB + 1], *ts[NTS];
	int base, fd = st_open_compute(0);
	uint64_t h, usage;

	(void)state;
	close(fd); /* what the simulator sets up at the first open stays */
	base = open_fds();
	fd = st_open_compute(0);
	assert_true(fd >= 0);
	for (uint32_t id = 1; id <= NCB; id++) {
		assert_int_equal(cb_op(fd, HLK_CB_OP_CREATE, 0, 4096, &h), 0);
		assert_int_equal(h, cb_handle(id));
		map[id] = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, (off_t)h);
		assert_true(map[id] != MAP_FAILED);
		map[id][0] = (uint8_t)id;
	}
	for (uint32_t id = 1; id <= NCB; id++) {
		assert_int_equal(map[id][0], (uint8_t)id);
		assert_int_equal(cb_op(fd, HLK_CB_OP_INFO, cb_handle(id), 0, &usage), 0);
		assert_int_equal(usage, 0);
	}
	run_nop(fd);
	ts_buffers(fd, ts);
	/* destroyed but mapped: the id stays taken until the munmap */
	assert_int_equal(cb_op(fd, HLK_CB_OP_DESTROY, cb_handle(7), 0, NULL), 0);
	assert_int_equal(cb_op(fd, HLK_CB_OP_CREATE, 0, 4096, &h), 0);
	assert_int_equal(h, cb_handle(NCB + NTS + 1));
	munmap(map[7], 4096);
	assert_int_equal(cb_op(fd, HLK_CB_OP_CREATE, 0, 4096, &h), 0);
	assert_int_equal(h, cb_handle(7));
	munmap(map[4000], 4096);
	assert_int_equal(cb_op(fd, HLK_CB_OP_DESTROY, cb_handle(4000), 0, NULL), 0);
	assert_int_equal(cb_op(fd, HLK_CB_OP_CREATE, 0, 4096, &h), 0);
	assert_int_equal(h, cb_handle(4000));
	for (uint32_t id = 1; id <= NCB; id++)
		if (id != 7 && id != 4000)
			munmap(map[id], 4096);
	for (uint32_t i = 0; i < NTS; i++)
		munmap(ts[i], 4096);
	close(fd);
	assert_int_equal(open_fds(), base); /* every CB's memory went with the context */
	fd = st_open_compute(0);
	assert_true(fd >= 0);
	assert_int_equal(cb_op(fd, HLK_CB_OP_CREATE, 0, 4096, &h), 0);
	assert_int_equal(h, cb_handle(1));
	close(fd);
}

static int alloc(int fd, uint64_t *handle)
{
	union hlk_mem_args m;
	int ret;

	memset(&m, 0, sizeof(m));
	m.in.op = HLK_MEM_OP_ALLOC;
	m.in.alloc.mem_size = 1;
	ret = st_mem(fd, &m);
	*handle = m.out.handle;
	return ret;
}

static int mem_handle_op(int fd, uint32_t op, uint64_t handle, uint64_t *va)
{
	union hlk_mem_args m;
	int ret;

	memset(&m, 0, sizeof(m));
	m.in.op = op;
	if (op == HLK_MEM_OP_UNMAP)
		m.in.unmap.device_virt_addr = handle;
	else if (op == HLK_MEM_OP_MAP)
		m.in.map_device.handle = handle;
	else
		m.in.free.handle = handle;
	ret = st_mem(fd, &m);
	if (va)
		*va = m.out.device_virt_addr;
	return ret;
}

static uint64_t ctx_dram(int fd)
{
	struct hlk_info_dram_usage u;
	struct hlk_info_args a;

	memset(&a, 0, sizeof(a));
	memset(&u, 0, sizeof(u));
	a.op = HLK_INFO_DRAM_USAGE;
	a.return_pointer = (uintptr_t)&u;
	a.return_size = sizeof(u);
	assert_int_equal(io(fd, HLK_CMD_INFO, &a), 0);
	return u.ctx_dram_mem;
}

/* alloc_device_memory(): phys_pg_pack_handles hands out the lowest free
 * handle from 1; the handle's low 32 bits name it */
static void allocations(void **state)
{
	static char in[64] = "the last allocation", out[64];
	uint64_t h, va, page, hin, hout;
	int fd;

	(void)state;
	if (!st_gaudi2)
		skip(); /* Gaudi only accounts what is asked for */
	fd = st_open_compute(0);
	assert_true(fd >= 0);
	for (uint64_t i = 1; i <= NALLOC; i++) {
		assert_int_equal(alloc(fd, &h), 0);
		assert_int_equal(h, i);
	}
	page = ctx_dram(fd) / NALLOC;
	assert_true(page >= 4096);
	assert_int_equal(mem_handle_op(fd, HLK_MEM_OP_MAP, NALLOC | (7ull << 32), &va), 0);
	hin = st_map_host(fd, in, sizeof(in));
	hout = st_map_host(fd, out, sizeof(out));
	st_copy(fd, hin, va + page - 64, sizeof(in));
	st_copy(fd, va + page - 64, hout, sizeof(out));
	assert_memory_equal(in, out, sizeof(in));
	assert_int_equal(mem_handle_op(fd, HLK_MEM_OP_FREE, NALLOC, NULL), -EINVAL); /* mapped */
	assert_int_equal(mem_handle_op(fd, HLK_MEM_OP_UNMAP, va, NULL), 0);
	assert_int_equal(mem_handle_op(fd, HLK_MEM_OP_FREE, 5, NULL), 0);
	assert_int_equal(mem_handle_op(fd, HLK_MEM_OP_FREE, 900, NULL), 0);
	assert_int_equal(alloc(fd, &h), 0);
	assert_int_equal(h, 5);
	assert_int_equal(alloc(fd, &h), 0);
	assert_int_equal(h, 900);
	assert_int_equal(alloc(fd, &h), 0);
	assert_int_equal(h, NALLOC + 1);
	assert_int_equal(ctx_dram(fd), (NALLOC + 1) * page);
	for (uint64_t i = 1; i <= NALLOC; i += 2)
		assert_int_equal(mem_handle_op(fd, HLK_MEM_OP_FREE, i, NULL), 0);
	close(fd);
	fd = st_open_compute(0);
	assert_true(fd >= 0);
	assert_int_equal(ctx_dram(fd), 0); /* the rest went with the context */
	assert_int_equal(alloc(fd, &h), 0);
	assert_int_equal(h, 1);
	close(fd);
}

/* map_device_va(): a hash node per mapping, as many as memory allows */
static void mappings(void **state)
{
	size_t len = (size_t)NMAP * 4096;
	uint8_t *buf = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	static uint64_t va[NMAP];
	int fd = st_open_compute(0);
	uint64_t first;

	(void)state;
	assert_true(buf != MAP_FAILED && fd >= 0);
	for (int i = 0; i < NMAP; i++) {
		memset(buf + (size_t)i * 4096, i & 0xff, 4096);
		va[i] = st_map_host(fd, buf + (size_t)i * 4096, 4096);
		assert_true(!i || va[i] > va[i - 1]);
	}
	first = va[0];
	st_copy(fd, va[NMAP - 1], va[0], 4096);
	assert_int_equal(buf[0], (NMAP - 1) & 0xff);
	assert_int_equal(buf[4095], (NMAP - 1) & 0xff);
	st_copy(fd, va[NMAP / 2], va[NMAP - 2] + 100, 50);
	assert_int_equal(buf[(size_t)(NMAP - 2) * 4096 + 120], (NMAP / 2) & 0xff);
	for (int i = 0; i < NMAP; i += 2)
		assert_int_equal(mem_handle_op(fd, HLK_MEM_OP_UNMAP, va[i], NULL), 0);
	for (int i = 0; i < NMAP; i += 2)
		assert_int_equal(mem_handle_op(fd, HLK_MEM_OP_UNMAP, va[i], NULL), -EINVAL);
	st_copy(fd, va[1], va[NMAP - 1], 4096); /* the others still translate */
	assert_int_equal(buf[(size_t)(NMAP - 1) * 4096 + 7], 1);
	close(fd);
	fd = st_open_compute(0);
	assert_true(fd >= 0);
	assert_int_equal(st_map_host(fd, buf, 4096), first); /* a fresh VA space */
	close(fd);
	munmap(buf, len);
}

static int ts_register(int fd, uint64_t cq, uint64_t ts, uint64_t off, uint64_t target)
{
	union hlk_wait_cs_args w;

	memset(&w, 0, sizeof(w));
	w.in.cq_counters_handle = cq;
	w.in.cq_counters_offset = 0;
	w.in.target = target;
	w.in.timestamp_handle = ts;
	w.in.timestamp_offset = off;
	w.in.flags = HLK_WAIT_CS_FLAGS_INTERRUPT | HLK_WAIT_CS_FLAGS_INTERRUPT_KERNEL_CQ |
		     HLK_WAIT_CS_FLAGS_REGISTER_INTERRUPT | HLK_WAIT_CS_FLAGS_ANY_CQ_INTERRUPT;
	w.in.interrupt_timeout_us = 1000000;
	return io(fd, HLK_CMD_WAIT_CS, &w);
}

/* the device writes v to the CQ counter (the interrupt fires) */
static void cq_write(int fd, const struct st_cb *cq, uint32_t v)
{
	union hlk_wait_cs_args w;
	struct st_cb cb;
	uint64_t seq;

	st_cb_new(fd, &cb, 4096);
	assert_int_equal(st_submit(fd, &cb, 0, st_msg_long(cb.map, cq->va, v), 0, 0, &seq), 0);
	assert_int_equal(st_wait(fd, seq, 5000000, &w), 0);
	assert_int_equal(w.out.status, HLK_WAIT_CS_STATUS_COMPLETED);
	st_cb_free(fd, &cb);
}

/* ts_get_and_handle_kernel_record(): a record per element of the TS
 * buffer, re-registering one replaces it, and the registration holds its
 * CQ CB */
static void registrations(void **state)
{
	union hlk_mem_args m;
	struct st_cb cq;
	uint64_t *ts;
	int fd;

	(void)state;
	if (!st_gaudi2)
		skip(); /* user interrupts are Gaudi2's */
	fd = st_open_compute(0);
	assert_true(fd >= 0);
	st_cb_new(fd, &cq, 4096);
	memset(&m, 0, sizeof(m));
	m.in.op = HLK_MEM_OP_TS_ALLOC;
	m.in.num_of_elements = NREG + 1;
	assert_int_equal(st_mem(fd, &m), 0);
	ts = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, (off_t)m.out.handle);
	assert_true(ts != MAP_FAILED);
	for (uint64_t i = 0; i < NREG; i++)
		assert_int_equal(ts_register(fd, cq.handle, m.out.handle, i, i + 1), 0);
	/* element NREG waits for 2, then for 1000 instead */
	assert_int_equal(ts_register(fd, cq.handle, m.out.handle, NREG, 2), 0);
	assert_int_equal(ts_register(fd, cq.handle, m.out.handle, NREG, 1000), 0);
	cq_write(fd, &cq, NREG / 2);
	for (uint64_t i = 0; i < NREG; i++)
		assert_true(i < NREG / 2 ? ts[i] != 0 : ts[i] == 0);
	assert_true(ts[NREG] == 0);
	/* the CQ CB outlives its handle and mapping while registrations wait */
	st_cb_free(fd, &cq);
	cq_write(fd, &cq, NREG);
	for (uint64_t i = 0; i < NREG; i++)
		assert_true(ts[i] != 0);
	assert_true(ts[NREG] == 0);
	/* registered again with a target already reached: the time is
	 * written at once and the registration it replaced is gone */
	st_cb_new(fd, &cq, 4096);
	assert_int_equal(ts_register(fd, cq.handle, m.out.handle, 0, 5), 0);
	ts[0] = 0;
	assert_int_equal(ts_register(fd, cq.handle, m.out.handle, 0, 0), 0);
	assert_true(ts[0] != 0);
	ts[0] = 0;
	cq_write(fd, &cq, 5);
	assert_true(ts[0] == 0);
	st_cb_free(fd, &cq);
	munmap(ts, 4096);
	close(fd); /* with one registration still pending */
	fd = st_open_compute(0);
	assert_true(fd >= 0);
	close(fd);
}

/* CPU mappings of dma-bufs are the simulator's own device memory: two of
 * them overlap, and unmapping both must leave that memory to the device */
static void overlapping_aliases(void **state)
{
	static uint8_t in[4096], out[4096];
	uint64_t h, dram;
	uint8_t *w, *p;
	int fd, whole, part;

	(void)state;
	if (st_gaudi2 && !st_accel)
		skip(); /* 6.1 exports no Gaudi2 memory */
	fd = st_open_compute(0);
	assert_true(fd >= 0);
	dram = st_dram(fd, 4 << 20, &h);
	whole = st_export(fd, dram, 8192, 0);
	part = st_export(fd, dram, 4096, st_gaudi2 ? 4096 : 0);
	assert_true(whole >= 0 && part >= 0);
	w = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_SHARED, whole, 0);
	p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, part, 0);
	assert_true(w != MAP_FAILED && p != MAP_FAILED);
	w[st_gaudi2 ? 4096 : 0] = 0x33;
	assert_int_equal(p[0], 0x33);
	munmap(w, 8192);
	munmap(p, 4096);
	memset(in, 0x44, sizeof(in));
	st_copy(fd, st_map_host(fd, in, sizeof(in)), dram, sizeof(in));
	st_copy(fd, dram, st_map_host(fd, out, sizeof(out)), sizeof(out));
	assert_memory_equal(in, out, sizeof(in));
	close(part);
	close(whole);
	close(fd);
}

static int resv_op(int fd, uint32_t flags, uint32_t id, uint32_t *out)
{
	union hlk_cs_args a;
	int ret;

	memset(&a, 0, sizeof(a));
	a.in.cs_flags = flags;
	a.in.encaps_signals_q_idx = 0;
	a.in.encaps_signals_count = 1;
	a.in.encaps_sig_handle_id = id;
	ret = io(fd, HLK_CMD_CS, &a);
	if (out)
		*out = a.out.handle_id;
	return ret;
}

/* cs_ioctl_reserve_signals(): the context's sig_mgr IDR, lowest free id */
static void reservations(void **state)
{
	uint32_t res = HLK_CS_FLAGS_RESERVE_SIGNALS_ONLY, unres = HLK_CS_FLAGS_UNRESERVE_SIGNALS_ONLY;
	uint32_t id;
	int fd = st_open_compute(0);

	(void)state;
	assert_true(fd >= 0);
	for (uint32_t i = 1; i <= NRESV; i++) {
		assert_int_equal(resv_op(fd, res, 0, &id), 0);
		assert_int_equal(id, i);
	}
	assert_int_equal(resv_op(fd, unres, NRESV, NULL), 0);
	assert_int_equal(resv_op(fd, res, 0, &id), 0);
	assert_int_equal(id, NRESV); /* the id given back, not a new one */
	for (uint32_t i = NRESV; i >= 1; i--)
		assert_int_equal(resv_op(fd, unres, i, NULL), 0);
	assert_int_equal(resv_op(fd, unres, 1, NULL), -EINVAL);
	for (uint32_t i = 1; i <= NRESV; i++)
		assert_int_equal(resv_op(fd, res, 0, NULL), 0);
	close(fd); /* with every reservation still held */
	fd = st_open_compute(0);
	assert_true(fd >= 0);
	assert_int_equal(resv_op(fd, res, 0, &id), 0);
	assert_int_equal(id, 1);
	close(fd);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(cbs),
		cmocka_unit_test(allocations),
		cmocka_unit_test(mappings),
		cmocka_unit_test(registrations),
		cmocka_unit_test(reservations),
		cmocka_unit_test(overlapping_aliases),
	};

	if (!st_setup()) {
		fprintf(stderr, "run under the simulator\n");
		return 77;
	}
	if (argc > 1) /* one case alone: a failed one leaves its device open */
		cmocka_set_test_filter(argv[1]);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
