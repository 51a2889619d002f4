/* SPDX-License-Identifier: MIT */
/*
 * Rules of the driver the simulator once had wrong, each checked with raw
 * system calls (sim/README.md names the driver function of each).
 */
#include "simtest.h"

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

static int info(int fd, uint32_t op, void *buf, uint32_t size)
{
	struct hlk_info_args a = { .return_pointer = (uintptr_t)buf, .return_size = size,
				   .op = op };

	return ioctl(fd, st_req(HLK_CMD_INFO), &a) ? -errno : 0;
}

static uint32_t status(void)
{
	struct hlk_info_device_status st = { 0 };
	int fd = open(st_control(0), O_RDWR);

	assert_true(fd >= 0);
	assert_int_equal(info(fd, HLK_INFO_DEVICE_STATUS, &st, sizeof(st)), 0);
	close(fd);
	return st.status;
}

/* wait out Gaudi2's reset after the release of a compute file */
static int settle(void **state)
{
	(void)state;
	for (int i = 0; i < 400 && status() != HLK_DEVICE_STATUS_OPERATIONAL; i++)
		usleep(5000);
	return 0;
}

/*
 * gaudi2_set_dram_properties(): a page of 16 x 8 MiB per functional HBM
 * (5 by default: 640 MiB; 6: 768 MiB), 16 GiB per HBM, the first page the
 * driver's (reserved_dram_size); Gaudi: 32 GiB in 2 MiB pages, the first
 * 512 MiB the driver's.  An allocation takes whole pages.
 */
static void dram_pages(void **state)
{
	const char *e = getenv("HLA_SIM_DRAM");
	bool six = e && !strcmp(e, "96G");
	uint64_t page = st_gaudi2 ? (six ? 768ull : 640ull) << 20 : 2ull << 20;
	uint64_t size = st_gaudi2 ? (six ? 96ull : 80ull) << 30 : 32ull << 30;
	uint64_t reserved = st_gaudi2 ? page : HLK_GAUDI_DRAM_USER_BASE;
	struct hlk_info_hw_ip_info hw;
	struct hlk_info_dram_usage u0, u1;
	union hlk_mem_args m;
	int fd;

	(void)state;
	fd = st_open_compute(0);
	assert_true(fd >= 0);
	memset(&hw, 0, sizeof(hw));
	assert_int_equal(info(fd, HLK_INFO_HW_IP_INFO, &hw, sizeof(hw)), 0);
	assert_int_equal(hw.dram_page_size, page);
	assert_int_equal(hw.device_mem_alloc_default_page_size, page);
	assert_int_equal(hw.dram_size, size - reserved);
	if (st_accel) /* the 304-byte record */
		assert_int_equal(hw.reserved_dram_size, reserved);
	assert_int_equal(info(fd, HLK_INFO_DRAM_USAGE, &u0, sizeof(u0)), 0);
	memset(&m, 0, sizeof(m));
	m.in.op = HLK_MEM_OP_ALLOC;
	m.in.alloc.mem_size = 4096;
	assert_int_equal(st_mem(fd, &m), 0);
	assert_int_equal(info(fd, HLK_INFO_DRAM_USAGE, &u1, sizeof(u1)), 0);
	if (st_gaudi2)
		assert_int_equal(u0.dram_free_mem - u1.dram_free_mem, page);
	close(fd);
}

/* allocate_timestamps_buffers() checks the upper bound only; an empty
 * buffer fails in hl_ts_alloc_buf() (vmalloc_user(0)) with ENOMEM */
static void ts_alloc_zero(void **state)
{
	union hlk_mem_args m;
	int fd;

	(void)state;
	fd = st_open_compute(0);
	assert_true(fd >= 0);
	memset(&m, 0, sizeof(m));
	m.in.op = HLK_MEM_OP_TS_ALLOC;
	assert_int_equal(st_mem(fd, &m), -ENOMEM);
	m.in.num_of_elements = HLK_TS_MAX_ELEMENTS_NUM + 1;
	assert_int_equal(st_mem(fd, &m), -EINVAL);
	m.in.num_of_elements = 3;
	assert_int_equal(st_mem(fd, &m), 0);
	close(fd);
}

/* hl_mem_mgr_mmap(): the VMA (page-rounded) must be the page-rounded size */
static void mmap_rounded(void **state)
{
	union hlk_cb_args a;
	union hlk_mem_args m;
	void *p;
	int fd;

	(void)state;
	fd = st_open_compute(0);
	assert_true(fd >= 0);
	memset(&a, 0, sizeof(a));
	a.in.op = HLK_CB_OP_CREATE;
	a.in.cb_size = 100;
	assert_int_equal(ioctl(fd, st_req(HLK_CMD_CB), &a), 0);
	p = mmap(NULL, 100, PROT_READ | PROT_WRITE, MAP_SHARED, fd, (off_t)a.out.cb_handle);
	assert_true(p != MAP_FAILED);
	munmap(p, 100);
	p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, (off_t)a.out.cb_handle);
	assert_true(p != MAP_FAILED);
	munmap(p, 4096);
	assert_true(mmap(NULL, 8192, PROT_READ, MAP_SHARED, fd, (off_t)a.out.cb_handle) ==
		    MAP_FAILED);
	memset(&m, 0, sizeof(m));
	m.in.op = HLK_MEM_OP_TS_ALLOC;
	m.in.num_of_elements = 3; /* 24 bytes */
	assert_int_equal(st_mem(fd, &m), 0);
	p = mmap(NULL, 24, PROT_READ | PROT_WRITE, MAP_SHARED, fd, (off_t)m.out.handle);
	assert_true(p != MAP_FAILED);
	munmap(p, 24);
	close(fd);
}

/*
 * Gaudi2 resets after the compute file is released: 6.1 does it inside
 * close() (hpriv_release()), so the node opens again at once; later
 * drivers report "in reset after device release" (hl_device_status())
 * and refuse opens with EAGAIN until it is done.
 */
static void release_reset(void **state)
{
	int fd, again;

	(void)state;
	fd = st_open_compute(0);
	assert_true(fd >= 0);
	close(fd);
	if (!st_gaudi2 || !st_accel) {
		assert_int_equal(status(), HLK_DEVICE_STATUS_OPERATIONAL);
		fd = open(st_node(0), O_RDWR);
		assert_true(fd >= 0);
		close(fd);
		return;
	}
	assert_int_equal(status(), HLK_DEVICE_STATUS_IN_RESET_AFTER_DEVICE_RELEASE);
	again = open(st_node(0), O_RDWR);
	assert_int_equal(again, -1);
	assert_int_equal(errno, EAGAIN);
	settle(NULL);
	assert_int_equal(status(), HLK_DEVICE_STATUS_OPERATIONAL);
	fd = open(st_node(0), O_RDWR);
	assert_true(fd >= 0);
	close(fd);
}

/* map_device_va(): a host address on a 2 MiB boundary is mapped at a
 * 2 MiB-aligned VA; a forced hint that is not so aligned gets ENOMEM
 * (get_va_block()), an unforced one is ignored */
static void host_map_huge_hint(void **state)
{
	uint64_t base = (st_gaudi2 ? HLK_GAUDI2_HOST_VA_START : HLK_GAUDI_HOST_VA_START) +
			(1ull << 32);
	void *buf = aligned_alloc(2 << 20, 4 << 20);
	union hlk_mem_args m;
	int fd;

	(void)state;
	assert_non_null(buf);
	memset(buf, 1, 4 << 20);
	fd = st_open_compute(0);
	assert_true(fd >= 0);
	memset(&m, 0, sizeof(m));
	m.in.op = HLK_MEM_OP_MAP;
	m.in.flags = HLK_MEM_USERPTR | HLK_MEM_FORCE_HINT;
	m.in.map_host.host_virt_addr = (uintptr_t)buf;
	m.in.map_host.mem_size = 2 << 20;
	m.in.map_host.hint_addr = base + 4096;
	assert_int_equal(st_mem(fd, &m), -ENOMEM);
	memset(&m, 0, sizeof(m));
	m.in.op = HLK_MEM_OP_MAP;
	m.in.flags = HLK_MEM_USERPTR;
	m.in.map_host.host_virt_addr = (uintptr_t)buf;
	m.in.map_host.mem_size = 2 << 20;
	m.in.map_host.hint_addr = base + 4096;
	assert_int_equal(st_mem(fd, &m), 0);
	assert_int_equal(m.out.device_virt_addr % (2 << 20), 0);
	memset(&m, 0, sizeof(m));
	m.in.op = HLK_MEM_OP_MAP;
	m.in.flags = HLK_MEM_USERPTR | HLK_MEM_FORCE_HINT;
	m.in.map_host.host_virt_addr = (uintptr_t)buf + (2 << 20);
	m.in.map_host.mem_size = 2 << 20;
	m.in.map_host.hint_addr = base + (16 << 20);
	assert_int_equal(st_mem(fd, &m), 0);
	assert_int_equal(m.out.device_virt_addr, base + (16 << 20));
	/* a host address off the boundary keeps 4 KiB alignment */
	memset(&m, 0, sizeof(m));
	m.in.op = HLK_MEM_OP_MAP;
	m.in.flags = HLK_MEM_USERPTR | HLK_MEM_FORCE_HINT;
	m.in.map_host.host_virt_addr = (uintptr_t)buf + 4096;
	m.in.map_host.mem_size = 4096;
	m.in.map_host.hint_addr = base + (64 << 20) + 4096;
	assert_int_equal(st_mem(fd, &m), 0);
	assert_int_equal(m.out.device_virt_addr, base + (64 << 20) + 4096);
	close(fd);
	free(buf);
}

/*
 * gaudi2_cs_parser(): a user CB given by device address is only checked to
 * lie in the SRAM, DRAM or host windows (EFAULT outside them); nothing
 * needs to be mapped there at submission, the fetch faults when it runs
 */
static void user_cb_range_only(void **state)
{
	struct st_cb cb = { .size = 64 };
	struct hlk_page_fault_info pf;
	union hlk_wait_cs_args w;
	uint64_t seq;
	int fd;

	(void)state;
	if (!st_gaudi2)
		skip(); /* Gaudi's external queues parse kernel CBs by handle */
	fd = st_open_compute(0);
	assert_true(fd >= 0);
	cb.va = 0x1000; /* in no window */
	assert_int_equal(st_submit(fd, &cb, 0, 64, 0, 0, &seq), -EFAULT);
	cb.va = HLK_GAUDI2_HOST_VA_START + (3ull << 30); /* in the host window, unmapped */
	assert_int_equal(st_submit(fd, &cb, 0, 64, 0, 0, &seq), 0);
	st_wait(fd, seq, 2000000, &w);
	assert_int_not_equal(w.out.status, HLK_WAIT_CS_STATUS_COMPLETED);
	memset(&pf, 0, sizeof(pf));
	if (st_accel) { /* the record exists from 6.2 */
		assert_int_equal(info(fd, HLK_INFO_PAGE_FAULT_EVENT, &pf, sizeof(pf)), 0);
		assert_int_equal(pf.addr, cb.va);
	}
	close(fd);
}

static int cs_flags_only(int fd, uint32_t flags, uint32_t q, uint32_t count, uint32_t id,
			 union hlk_cs_args *a)
{
	memset(a, 0, sizeof(*a));
	a->in.cs_flags = flags;
	if (flags & HLK_CS_FLAGS_RESERVE_SIGNALS_ONLY) {
		a->in.encaps_signals_q_idx = q;
		a->in.encaps_signals_count = count;
	} else {
		a->in.encaps_sig_handle_id = id;
	}
	return ioctl(fd, st_req(HLK_CMD_CS), a) ? -errno : 0;
}

/* a staged CS carrying encapsulated signals: its handle must exist, and
 * the reservation is released when that CS completes (cs_do_release()),
 * after which there is nothing left to unreserve */
static void encaps_released_on_completion(void **state)
{
	uint32_t flags = HLK_CS_FLAGS_STAGED_SUBMISSION | HLK_CS_FLAGS_STAGED_SUBMISSION_FIRST |
			 HLK_CS_FLAGS_STAGED_SUBMISSION_LAST | HLK_CS_FLAGS_ENCAP_SIGNALS;
	struct hlk_cs_chunk ch;
	union hlk_cs_args a;
	union hlk_wait_cs_args w;
	struct st_cb cb;
	uint32_t kept, used;
	int fd;

	(void)state;
	if (st_gaudi2)
		skip(); /* staged submission is modelled on Gaudi */
	fd = st_open_compute(0);
	assert_true(fd >= 0);
	st_cb_new(fd, &cb, 4096);
	assert_int_equal(cs_flags_only(fd, HLK_CS_FLAGS_RESERVE_SIGNALS_ONLY, 0, 4, 0, &a), 0);
	used = a.out.handle_id;
	assert_int_equal(cs_flags_only(fd, HLK_CS_FLAGS_RESERVE_SIGNALS_ONLY, 1, 4, 0, &a), 0);
	kept = a.out.handle_id;
	memset(&ch, 0, sizeof(ch));
	ch.cb_handle = cb.handle;
	ch.cb_size = st_nop(cb.map);
	memset(&a, 0, sizeof(a));
	a.in.chunks_execute = (uintptr_t)&ch;
	a.in.num_chunks_execute = 1;
	a.in.cs_flags = flags;
	a.in.encaps_sig_handle_id = used + kept + 100; /* no such handle */
	assert_int_equal(ioctl(fd, st_req(HLK_CMD_CS), &a), -1);
	assert_int_equal(errno, EINVAL);
	memset(&a, 0, sizeof(a));
	a.in.chunks_execute = (uintptr_t)&ch;
	a.in.num_chunks_execute = 1;
	a.in.cs_flags = flags;
	a.in.encaps_sig_handle_id = used;
	assert_int_equal(ioctl(fd, st_req(HLK_CMD_CS), &a), 0);
	assert_int_equal(st_wait(fd, a.out.seq, 2000000, &w), 0);
	assert_int_equal(w.out.status, HLK_WAIT_CS_STATUS_COMPLETED);
	assert_int_equal(cs_flags_only(fd, HLK_CS_FLAGS_UNRESERVE_SIGNALS_ONLY, 0, 0, used, &a),
			 -EINVAL);
	assert_int_equal(cs_flags_only(fd, HLK_CS_FLAGS_UNRESERVE_SIGNALS_ONLY, 0, 0, kept, &a),
			 0);
	st_cb_free(fd, &cb);
	close(fd);
}

/* packets or packet modes the simulator does not execute: refused at
 * submission with EOPNOTSUPP, never run as something else */
static void unmodelled_packets_refused(void **state)
{
	uint64_t cfg = st_gaudi2 ? HLK_GAUDI2_CFG_BASE + 0x100000 : HLK_GAUDI_CFG_BASE + 0x100000;
	uint32_t wrcomp = st_gaudi2 ? HLK_LIN_DMA_GAUDI2_WRCOMP : HLK_LIN_DMA_GAUDI_WR_COMP_EN;
	static uint8_t host[8192];
	struct st_cb cb;
	uint64_t va, seq;
	uint32_t n;
	int fd;

	(void)state;
	fd = st_open_compute(0);
	assert_true(fd >= 0);
	st_cb_new(fd, &cb, 4096);
	va = st_map_host(fd, host, sizeof(host));
	/* a plain linear copy is executed */
	n = st_lin_dma(cb.map, va, va + 4096, 256, 0);
	assert_int_equal(st_submit(fd, &cb, 0, n, 0, 0, &seq), 0);
	n = st_lin_dma(cb.map, va, va + 4096, 256, wrcomp);
	assert_int_equal(st_submit(fd, &cb, 0, n, 0, 0, &seq), -EOPNOTSUPP);
	n = st_lin_dma(cb.map, va, cfg, 4, 0);
	assert_int_equal(st_submit(fd, &cb, 0, n, 0, 0, &seq), -EOPNOTSUPP);
	if (st_gaudi2) {
		n = st_lin_dma(cb.map, va, va + 4096, 256, 1u << HLK_LIN_DMA_GAUDI2_ENDIAN_SHIFT);
		assert_int_equal(st_submit(fd, &cb, 0, n, 0, 0, &seq), -EOPNOTSUPP);
	} else {
		n = st_lin_dma(cb.map, va, va + 4096, 256, 0);
		st_put32(cb.map + 4, st_get32(cb.map + 4) & ~HLK_LIN_DMA_GAUDI_LIN); /* strided */
		assert_int_equal(st_submit(fd, &cb, 0, n, 0, 0, &seq), -EOPNOTSUPP);
		n = st_msg_long(cb.map, cfg, 1); /* a register */
		assert_int_equal(st_submit(fd, &cb, 0, n, 0, 0, &seq), -EOPNOTSUPP);
	}
	st_cb_free(fd, &cb);
	close(fd);
}

/*
 * validate_queue_index(): USER_ALLOC_CB is looked at on H/W queues only;
 * Gaudi's external queues take kernel CBs (CB_ALLOC_KERNEL), so a chunk
 * with the flag still names its CB by handle
 */
static void ext_queue_ignores_user_flag(void **state)
{
	struct hlk_cs_chunk ch;
	union hlk_wait_cs_args w;
	union hlk_cs_args a;
	struct st_cb cb;
	uint8_t *host = aligned_alloc(4096, 4096);
	int fd;

	(void)state;
	if (st_gaudi2)
		skip();
	fd = st_open_compute(0);
	assert_true(fd >= 0);
	memset(host, 0, 4096);
	st_cb_new(fd, &cb, 4096);
	memset(&ch, 0, sizeof(ch));
	ch.cb_handle = cb.handle;
	ch.cb_size = st_msg_long(cb.map, st_map_host(fd, host, 4096), 0x77);
	ch.cs_chunk_flags = HLK_CS_CHUNK_FLAGS_USER_ALLOC_CB;
	memset(&a, 0, sizeof(a));
	a.in.chunks_execute = (uint64_t)(uintptr_t)&ch;
	a.in.num_chunks_execute = 1;
	assert_int_equal(ioctl(fd, st_req(HLK_CMD_CS), &a), 0);
	assert_int_equal(st_wait(fd, a.out.seq, 5000000, &w), 0);
	assert_int_equal(w.out.status, HLK_WAIT_CS_STATUS_COMPLETED);
	assert_int_equal(st_get32(host), 0x77);
	st_cb_free(fd, &cb);
	close(fd);
	free(host);
}

static int alloc_pages(int fd, uint64_t size, uint32_t flags, uint64_t *handle)
{
	union hlk_mem_args m;
	int ret;

	memset(&m, 0, sizeof(m));
	m.in.op = HLK_MEM_OP_ALLOC;
	m.in.alloc.mem_size = size;
	m.in.flags = flags;
	ret = st_mem(fd, &m);
	*handle = m.out.handle;
	return ret;
}

static void dma_run(int fd, struct st_cb *cb, uint64_t src, uint64_t dst, uint32_t n)
{
	union hlk_wait_cs_args w;
	uint64_t seq;
	uint32_t len = st_lin_dma(cb->map, src, dst, n, 0);

	assert_int_equal(st_submit(fd, cb, 0, len, 0, 0, &seq), 0);
	assert_int_equal(st_wait(fd, seq, 5000000, &w), 0);
	assert_int_equal(w.out.status, HLK_WAIT_CS_STATUS_COMPLETED);
}

/*
 * alloc_device_memory(): without HL_MEM_CONTIGUOUS the pages are taken
 * one by one, so an allocation succeeds on fragmented DRAM; with it, it
 * needs a run.  A DMA crossing from one such page to the next works.
 */
static void fragmented_dram(void **state)
{
	static uint64_t h[128];
	static uint8_t in[8192], out[8192];
	struct hlk_info_hw_ip_info hw;
	union hlk_mem_args m;
	struct st_cb cb;
	uint64_t page, big, va, hin, hout;
	uint32_t n = 0;
	int fd;

	(void)state;
	if (!st_gaudi2)
		skip();
	fd = st_open_compute(0);
	assert_true(fd >= 0);
	assert_int_equal(info(fd, HLK_INFO_HW_IP_INFO, &hw, sizeof(hw)), 0);
	page = hw.dram_page_size;
	while (n < 128 && !alloc_pages(fd, page, 0, &h[n]))
		n++;
	assert_true(n > 8 && n < 128); /* DRAM is full */
	for (uint32_t i = 0; i < n; i += 2) {
		memset(&m, 0, sizeof(m));
		m.in.op = HLK_MEM_OP_FREE;
		m.in.free.handle = h[i];
		assert_int_equal(st_mem(fd, &m), 0);
	}
	assert_int_equal(alloc_pages(fd, 2 * page, HLK_MEM_CONTIGUOUS, &big), -ENOMEM);
	assert_int_equal(alloc_pages(fd, 2 * page, 0, &big), 0);
	memset(&m, 0, sizeof(m));
	m.in.op = HLK_MEM_OP_MAP;
	m.in.map_device.handle = big;
	assert_int_equal(st_mem(fd, &m), 0);
	va = m.out.device_virt_addr;
	st_cb_new(fd, &cb, 4096);
	for (uint32_t i = 0; i < sizeof(in); i++)
		in[i] = (uint8_t)(i * 7 + 3);
	hin = st_map_host(fd, in, sizeof(in));
	hout = st_map_host(fd, out, sizeof(out));
	dma_run(fd, &cb, hin, va + page - 4096, sizeof(in));
	dma_run(fd, &cb, va + page - 4096, hout, sizeof(out));
	assert_memory_equal(in, out, sizeof(in));
	st_cb_free(fd, &cb);
	close(fd);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(dram_pages, settle),
		cmocka_unit_test_setup(ts_alloc_zero, settle),
		cmocka_unit_test_setup(mmap_rounded, settle),
		cmocka_unit_test_setup(release_reset, settle),
		cmocka_unit_test_setup(host_map_huge_hint, settle),
		cmocka_unit_test_setup(user_cb_range_only, settle),
		cmocka_unit_test_setup(encaps_released_on_completion, settle),
		cmocka_unit_test_setup(unmodelled_packets_refused, settle),
		cmocka_unit_test_setup(fragmented_dram, settle),
		cmocka_unit_test_setup(ext_queue_ignores_user_flag, settle),
	};

	if (!st_setup())
		return 77;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
