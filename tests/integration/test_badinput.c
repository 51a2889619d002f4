/* SPDX-License-Identifier: MIT */
/* The error returned for each kind of bad input, end to end, and the rules
 * of size-prefixed structs: reserved fields, older (shorter) and newer
 * (longer) callers, output structs and their valid masks. */
#include "itest.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define SZ_ABSURD 0x10001u /* above the largest size a struct may claim */

static void null_arguments(void **state)
{
	uint64_t h;
	uint32_t n;
	HLA_STRUCT_INIT(hla_hw_ip_info, hw);
	HLA_STRUCT_INIT(hla_device_desc, desc);
	struct hla_device *dev;

	(void)state;
	assert_int_equal(hla_info_hw_ip(NULL, &hw), -EINVAL);
	assert_int_equal(hla_info_hw_ip(D.dev, NULL), -EINVAL);
	assert_int_equal(hla_cb_create(D.dev, 4096, 0, NULL), -EINVAL);
	assert_int_equal(hla_mem_alloc(NULL, 4096, 0, 0, &h), -EINVAL);
	assert_int_equal(hla_cs_submit(D.dev, NULL, NULL), -EINVAL);
	assert_int_equal(hla_device_open_path(NULL, 0, NULL), -EINVAL);
	assert_int_equal(hla_device_count(NULL), -EINVAL);
	assert_int_equal(hla_device_get_fd(NULL), -EINVAL);
	assert_int_equal(hla_device_describe(NULL, &desc), -EINVAL);
	assert_int_equal(hla_devlist_create(0, NULL), -EINVAL);
	assert_int_equal(hla_devlist_count(NULL, &n), -EINVAL);
	assert_int_equal(hla_devlist_describe(NULL, 0, &desc), -EINVAL);
	assert_int_equal(hla_devlist_open(NULL, 0, 0, &dev), -EINVAL);
	assert_int_equal(hla_pkt_write(D.asic, NULL, &h, sizeof(h)), -EINVAL);
	assert_int_equal(hla_device_close(NULL), 0);
}

/* a CS that writes value to word 0 of host memory */
struct write_cs {
	struct itest_host h;
	struct itest_cb cb;
	struct hla_cs_chunk chunk;
};

static void write_cs_init(struct write_cs *w, uint32_t value)
{
	assert_int_equal(itest_host_map(&D, 4096, &w->h), 0);
	assert_int_equal(itest_cb_new(&D, 4096, &w->cb), 0);
	assert_int_equal(itest_cb_msg_long(&D, &w->cb, w->h.va, value), 0);
	itest_chunk(&D, &w->cb, &w->chunk);
}

static void write_cs_fini(struct write_cs *w)
{
	assert_int_equal(itest_cb_free(&D, &w->cb), 0);
	assert_int_equal(itest_host_unmap(&D, &w->h), 0);
}

/* submit cs (sz as set by the caller); on success wait and check the word */
static int submit_sized(struct write_cs *w, const struct hla_cs_submit *cs,
			uint32_t value)
{
	HLA_STRUCT_INIT(hla_cs_out, out);
	int ret;

	*(volatile uint32_t *)w->h.ptr = 0;
	ret = hla_cs_submit(D.dev, cs, &out);
	if (ret)
		return ret;
	assert_true(out.valid & HLA_CS_OUT_SEQ);
	assert_int_equal(itest_wait(&D, out.seq, 5000000), 0);
	assert_int_equal(*(volatile uint32_t *)w->h.ptr, value);
	return 0;
}

/* hla_cs_submit from an older, a current and a newer caller */
static void sized_submission(void **state)
{
	struct {
		struct hla_cs_submit cs;
		uint64_t tail[2];
	} w;
	struct write_cs wc;

	(void)state;
	write_cs_init(&wc, 0x5EED);
	memset(&w, 0, sizeof(w));
	w.cs.execute = &wc.chunk;
	w.cs.num_execute = 1;
	/* a newer caller whose extra fields are all zero: works */
	w.cs.sz = sizeof(w);
	assert_int_equal(submit_sized(&wc, &w.cs, 0x5EED), 0);
	/* a newer caller that uses a field this library does not know */
	w.tail[1] = 1;
	assert_int_equal(submit_sized(&wc, &w.cs, 0x5EED), -E2BIG);
	w.tail[1] = 0;
	/* an older caller, without staged_seq: the field reads as 0 */
	w.cs.sz = offsetof(struct hla_cs_submit, staged_seq);
	w.cs.staged_seq = 0xBAD; /* past its sz: never read */
	assert_int_equal(submit_sized(&wc, &w.cs, 0x5EED), 0);
	/* not even the header */
	w.cs.sz = 4;
	assert_int_equal(submit_sized(&wc, &w.cs, 0x5EED), -EINVAL);
	/* an absurd size is refused without being read */
	w.cs.sz = SZ_ABSURD;
	assert_int_equal(submit_sized(&wc, &w.cs, 0x5EED), -E2BIG);
	w.cs.sz = sizeof(w.cs);
	w.cs.flags = 0x80000000u; /* not a modifier */
	assert_int_equal(submit_sized(&wc, &w.cs, 0x5EED), -EINVAL);
	write_cs_fini(&wc);
}

/* hla_pkt: reserved fields, newer and older callers, byte for byte */
static void sized_packet(void **state)
{
	struct {
		struct hla_pkt pkt;
		uint32_t tail[4];
	} w;
	uint8_t full[64], part[64];

	(void)state;
	memset(&w, 0, sizeof(w));
	w.pkt.sz = sizeof(w.pkt);
	w.pkt.opcode = HLA_PKT_OP_LIN_DMA;
	w.pkt.flags = HLA_PKT_MB;
	w.pkt.src = 0x1000;
	w.pkt.dst = 0x2000;
	w.pkt.size = 4096;
	memset(full, 0, sizeof(full));
	assert_int_equal(hla_pkt_write(D.asic, &w.pkt, full, sizeof(full)), 24);
	/* garbage in a reserved field */
	w.pkt.reserved0 = 0xDEAD;
	assert_int_equal(hla_pkt_write(D.asic, &w.pkt, part, sizeof(part)), -EINVAL);
	w.pkt.reserved0 = 0;
	/* newer caller: zero tail works, a used tail is refused */
	w.pkt.sz = sizeof(w);
	memset(part, 0, sizeof(part));
	assert_int_equal(hla_pkt_write(D.asic, &w.pkt, part, sizeof(part)), 24);
	assert_memory_equal(part, full, sizeof(full));
	w.tail[3] = 7;
	assert_int_equal(hla_pkt_write(D.asic, &w.pkt, part, sizeof(part)), -E2BIG);
	w.tail[3] = 0;
	/* older caller that ends before the fields LIN_DMA does not read */
	w.pkt.sz = offsetof(struct hla_pkt, reg);
	w.pkt.fence_id = 3; /* past its sz: never read */
	memset(part, 0, sizeof(part));
	assert_int_equal(hla_pkt_write(D.asic, &w.pkt, part, sizeof(part)), 24);
	assert_memory_equal(part, full, sizeof(full));
	w.pkt.sz = 7;
	assert_int_equal(hla_pkt_write(D.asic, &w.pkt, part, sizeof(part)), -EINVAL);
	w.pkt.sz = SZ_ABSURD;
	assert_int_equal(hla_pkt_write(D.asic, &w.pkt, part, sizeof(part)), -E2BIG);
}

/* option structs of the sync-stream calls, the CQ counter and debug params:
 * checked by the library before the driver sees anything, on every ASIC */
static void sized_options(void **state)
{
	struct {
		struct hla_cs_opts o;
		uint32_t tail[2];
	} w;
	struct {
		struct hla_cq_counter cq;
		uint64_t tail;
	} c;
	HLA_STRUCT_INIT(hla_cs_out, out);
	HLA_STRUCT_INIT(hla_wait_result, res);
	HLA_STRUCT_INIT(hla_debug_stm, stm);

	(void)state;
	memset(&w, 0, sizeof(w));
	w.o.sz = sizeof(w.o);
	w.o.reserved0 = 1;
	assert_int_equal(hla_cs_signal(D.dev, 0, &w.o, &out), -EINVAL);
	assert_int_equal(hla_cs_wait_signal(D.dev, 0, 1, &w.o, &out), -EINVAL);
	assert_int_equal(hla_cs_wait_collective(D.dev, 0, 1, 0, &w.o, &out), -EINVAL);
	assert_int_equal(hla_cs_wait_encaps_signals(D.dev, 0, 1, 0, &w.o, &out), -EINVAL);
	w.o.reserved0 = 0;
	w.o.flags = HLA_CS_STAGED; /* not an option of these calls */
	assert_int_equal(hla_cs_signal(D.dev, 0, &w.o, &out), -EINVAL);
	w.o.flags = 0;
	w.o.sz = sizeof(w);
	w.tail[1] = 1;
	assert_int_equal(hla_cs_signal(D.dev, 0, &w.o, &out), -E2BIG);
	w.o.sz = 4;
	assert_int_equal(hla_cs_signal(D.dev, 0, &w.o, &out), -EINVAL);

	memset(&c, 0, sizeof(c));
	c.cq.sz = sizeof(c);
	c.cq.interrupt_id = HLA_INTERRUPT_ANY_CQ;
	c.tail = 1;
	assert_int_equal(hla_cq_counter_wait(D.dev, &c.cq, 0, &res), -E2BIG);
	c.cq.sz = 4;
	assert_int_equal(hla_cq_counter_wait(D.dev, &c.cq, 0, &res), -EINVAL);

	stm.reserved0 = 1;
	assert_int_equal(hla_debug_configure_stm(D.dev, 0, HLA_DEBUG_ENABLE, &stm),
			 -EINVAL);
}

/* Output structs: limits, older and newer callers, reserved words. */
static void sized_outputs(void **state)
{
	struct {
		struct hla_hw_ip_info info;
		uint8_t tail[64];
	} big;
	size_t small = offsetof(struct hla_hw_ip_info, dram_size);
	const uint8_t *tail;

	(void)state;
	memset(&big, 0xEE, sizeof(big));
	big.info.sz = 0;
	assert_int_equal(hla_info_hw_ip(D.dev, &big.info), -EINVAL);
	big.info.sz = 12; /* shorter than the header */
	assert_int_equal(hla_info_hw_ip(D.dev, &big.info), -EINVAL);
	big.info.sz = SZ_ABSURD;
	assert_int_equal(hla_info_hw_ip(D.dev, &big.info), -E2BIG);

	/* an older, shorter struct gets only its own bytes */
	big.info.sz = (uint32_t)small;
	assert_int_equal(hla_info_hw_ip(D.dev, &big.info), 0);
	assert_int_equal(big.info.sz, small);
	assert_int_equal(big.info.reserved0, 0);
	assert_int_equal(big.info.dram_base_address, D.hw.dram_base_address);
	assert_int_equal(((uint8_t *)&big.info)[small], 0xEE);
	assert_int_equal(((uint8_t *)&big)[sizeof(big) - 1], 0xEE);

	/* a newer, longer struct: the library's fields, the rest untouched */
	memset(&big, 0xEE, sizeof(big));
	big.info.sz = sizeof(big);
	assert_int_equal(hla_info_hw_ip(D.dev, &big.info), 0);
	assert_int_equal(big.info.sz, sizeof(big));
	assert_int_equal(big.info.reserved0, 0);
	assert_int_equal(big.info.reserved1, 0);
	assert_int_equal(big.info.device_id, D.hw.device_id);
	assert_int_equal(big.info.asic, D.asic);
	assert_int_equal(big.info.valid, D.hw.valid);
	/* no valid bit beyond the last field this header knows */
	assert_int_equal(big.info.valid & ~((HLA_HW_IP_CARD_NAME << 1) - 1), 0);
	tail = big.tail;
	for (size_t i = 0; i < sizeof(big.tail); i++)
		assert_int_equal(tail[i], 0xEE);
}

/* hla_wait_result and hla_cs_out from older and newer callers */
static void sized_wait_result(void **state)
{
	struct {
		struct hla_wait_result r;
		uint8_t tail[32];
	} big;
	size_t small = offsetof(struct hla_wait_result, flags);
	struct write_cs wc;
	HLA_STRUCT_INIT(hla_cs_submit, cs);
	struct hla_cs_out out;
	uint64_t seq;

	(void)state;
	write_cs_init(&wc, 9);
	cs.execute = &wc.chunk;
	cs.num_execute = 1;
	memset(&out, 0xEE, sizeof(out));
	out.sz = 12;
	assert_int_equal(hla_cs_submit(D.dev, &cs, &out), -EINVAL);
	/* an older hla_cs_out with no sob fields */
	out.sz = offsetof(struct hla_cs_out, sob_base_addr_offset);
	assert_int_equal(hla_cs_submit(D.dev, &cs, &out), 0);
	assert_true(out.valid & HLA_CS_OUT_SEQ);
	assert_int_equal(out.sob_base_addr_offset, 0xEEEEEEEEu);
	seq = out.seq;

	memset(&big, 0xEE, sizeof(big));
	big.r.sz = sizeof(big);
	assert_int_equal(hla_cs_wait(D.dev, seq, 5000000, &big.r), 0);
	assert_int_equal(big.r.status, HLA_WAIT_COMPLETED);
	assert_int_equal(big.r.reserved0, 0);
	assert_int_equal(big.r.reserved1, 0);
	assert_true(big.r.valid & HLA_WAIT_RESULT_STATUS);
	for (size_t i = 0; i < sizeof(big.tail); i++)
		assert_int_equal(big.tail[i], 0xEE);
	/* an older result with status only */
	memset(&big, 0xEE, sizeof(big));
	big.r.sz = (uint32_t)small;
	assert_int_equal(hla_cs_wait(D.dev, seq, 5000000, &big.r), 0);
	assert_int_equal(big.r.status, HLA_WAIT_COMPLETED);
	assert_int_equal(((uint8_t *)&big.r)[small], 0xEE);
	big.r.sz = 8;
	assert_int_equal(hla_cs_wait(D.dev, seq, 0, &big.r), -EINVAL);
	big.r.sz = SZ_ABSURD;
	assert_int_equal(hla_cs_wait(D.dev, seq, 0, &big.r), -E2BIG);
	write_cs_fini(&wc);
}

static void flags_and_sizes(void **state)
{
	HLA_STRUCT_INIT(hla_dmabuf_export, exp);
	uint64_t h, va;
	int fd;
	struct hla_device *dev;

	(void)state;
	assert_int_equal(hla_device_open_index(0, 0x80, &dev), -EINVAL);
	assert_int_equal(hla_cb_create(D.dev, 4096, 0x80, &h), -EINVAL);
	assert_int_equal(hla_cb_create(D.dev, 0xFFFFFFFFu, 0, &h), -EINVAL);
	assert_int_equal(hla_mem_alloc(D.dev, 0, 0, 0, &h), -EINVAL);
	assert_int_equal(hla_mem_alloc(D.dev, 4096, 0, 0x100, &h), -EINVAL);
	assert_int_equal(hla_mem_map_host(D.dev, (void *)(uintptr_t)-4096, 8192, 0,
					  0, &va), -EINVAL);
	exp.size = 4096;
	exp.flags = 0x80;
	assert_int_equal(hla_mem_export_dmabuf(D.dev, &exp, &fd), -EINVAL);
	assert_int_equal(hla_ts_alloc(D.dev, 0, &h), -EINVAL);
	assert_int_equal(hla_cb_destroy(D.dev, 0), -EINVAL);
	assert_int_equal(hla_cb_destroy(D.dev, 0x1000000000063000ull), -EINVAL);
	assert_int_equal(hla_mem_unmap(D.dev, 0x123), -EINVAL);
	assert_int_equal(hla_debug_set_mode(D.dev, 0x80), -EINVAL);
}

static void bad_submissions(void **state)
{
	struct hla_cs_chunk chunk;
	HLA_STRUCT_INIT(hla_cs_submit, cs);
	HLA_STRUCT_INIT(hla_cs_out, out);
	static struct hla_cs_chunk many[513];

	(void)state;
	memset(&chunk, 0, sizeof(chunk));
	cs.execute = &chunk;
	cs.num_execute = 1;
	/* a queue that does not exist */
	chunk.queue_index = 5000;
	chunk.cb_size = 8;
	chunk.flags = D.gaudi2 ? HLA_CHUNK_USER_CB : 0;
	assert_int_equal(hla_cs_submit(D.dev, &cs, &out), -EINVAL);
	/* reserved words must be zero */
	chunk.queue_index = 0;
	chunk.reserved[3] = 1;
	assert_int_equal(hla_cs_submit(D.dev, &cs, &out), -EINVAL);
	chunk.reserved[3] = 0;
	/* an unknown CB handle */
	if (!D.gaudi2) {
		chunk.cb_handle = 0x1000000000063000ull;
		assert_int_equal(hla_cs_submit(D.dev, &cs, &out), -EINVAL);
	}
	/* too many jobs */
	cs.execute = many;
	cs.num_execute = 513;
	assert_int_equal(hla_cs_submit(D.dev, &cs, &out), -EINVAL);
	cs.num_execute = 0;
	assert_int_equal(hla_cs_submit(D.dev, &cs, &out), -EINVAL);
	cs.num_execute = 1;
	cs.flags = 0x2; /* a type flag is not a modifier */
	assert_int_equal(hla_cs_submit(D.dev, &cs, &out), -EINVAL);
}

static void closed_and_foreign_fds(void **state)
{
	struct hla_device *dev;
	int p[2];

	(void)state;
	assert_int_equal(hla_device_open_fd(1000, 0, &dev), -EBADF);
	assert_int_equal(pipe(p), 0);
	assert_int_equal(hla_device_open_fd(p[0], 0, &dev), -ENOTTY);
	assert_true(fcntl(p[0], F_GETFD) >= 0);
	close(p[0]);
	close(p[1]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(null_arguments),
		cmocka_unit_test(sized_submission),
		cmocka_unit_test(sized_packet),
		cmocka_unit_test(sized_options),
		cmocka_unit_test(sized_outputs),
		cmocka_unit_test(sized_wait_result),
		cmocka_unit_test(flags_and_sizes),
		cmocka_unit_test(bad_submissions),
		cmocka_unit_test(closed_and_foreign_fds),
	};

	itest_require_device();
	return cmocka_run_group_tests(tests, itest_setup, itest_teardown);
}
