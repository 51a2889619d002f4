/* SPDX-License-Identifier: MIT */
/*
 * Input bytes as a sequence of hla_* calls.  Each call takes its
 * arguments from the input: handles either from what earlier calls made
 * or raw, size-prefixed structs with the library's size or another one,
 * waits bounded to under a millisecond.  Shared by the harness fed with
 * made-up kernel answers and the harness run against the simulator.
 */
#include "fuzz.h"

#include <stdlib.h>
#include <unistd.h>

/* a size-prefixed output struct: the library's size, smaller, larger */
struct fz_out {
	union {
		uint32_t sz;
		uint64_t align;
		uint8_t b[16384]; /* more than the largest struct, plus 64 */
	};
};

static void *out_init(struct fz *f, struct fz_out *o, size_t known)
{
	static const int32_t delta[] = { 0, 0, 0, 8, -8, 64, -4 };
	uint8_t c = fz_u8(f);
	int64_t sz = (int64_t)known + delta[c % 7];

	if (known + 64 > sizeof(*o))
		abort(); /* the harness's buffer must grow */
	memset(o, 0, sizeof(*o));
	if (c >= 0xF8)
		sz = c & 7 ? 16 : 0;
	o->sz = (uint32_t)sz;
	return o;
}

static unsigned int slot(struct fz *f)
{
	return fz_u8(f) % FZ_SLOTS;
}

/* a handle: one an earlier call made, or raw bytes */
static uint64_t pick(struct fz *f, const uint64_t *arr)
{
	uint8_t b = fz_u8(f);

	return b & 0x80 ? fz_u64(f) : arr[b % FZ_SLOTS];
}

/* a poll, or a sleep of at most 700 us: a wait for what never comes
 * costs the run its whole timeout */
static uint64_t timeout_us(struct fz *f)
{
	uint8_t b = fz_u8(f);

	return b < 0x80 ? 0 : (uint64_t)(b & 7) * 100;
}

static struct hla_device *which(struct fz *f, struct fz_state *st)
{
	uint8_t b = fz_u8(f);

	return (b & 3) == 3 ? st->ctl : (b & 3) == 2 ? NULL : st->dev;
}

static void op_info_a(struct fz *f, struct fz_state *st, struct hla_device *d, uint8_t op)
{
	struct fz_out o;
	uint32_t a = 0, b = 0, counters[64];
	uint64_t v;

	switch (op % 16) {
	case 0: hla_info_hw_ip(d, out_init(f, &o, sizeof(struct hla_hw_ip_info))); break;
	case 1: hla_info_hw_events(d, counters, fz_u8(f) % 65, &a); break;
	case 2: hla_info_hw_events_aggregate(d, counters, fz_u8(f) % 65, &a); break;
	case 3: hla_info_dram_usage(d, out_init(f, &o, sizeof(struct hla_dram_usage))); break;
	case 4: hla_info_hw_idle(d, out_init(f, &o, sizeof(struct hla_hw_idle))); break;
	case 5: hla_info_device_status(d, &a); break;
	case 6: hla_info_utilization(d, fz_u16(f), &a); break;
	case 7: hla_info_clk_rate(d, &a, &b); break;
	case 8: hla_info_reset_count(d, &a, &b); break;
	case 9: hla_info_time_sync(d, out_init(f, &o, sizeof(struct hla_time_sync))); break;
	case 10: hla_info_cs_counters(d, out_init(f, &o, sizeof(struct hla_cs_counters))); break;
	case 11: hla_info_pci_counters(d, out_init(f, &o, sizeof(struct hla_pci_counters))); break;
	case 12: hla_info_clk_throttle(d, out_init(f, &o, sizeof(struct hla_clk_throttle))); break;
	case 13:
		a = fz_u8(f);
		hla_info_sync_manager(d, a, out_init(f, &o, sizeof(struct hla_sync_manager)));
		break;
	case 14: hla_info_energy(d, &v); break;
	default: {
		uint16_t mhz[HLA_PLL_OUTPUTS];

		hla_info_pll_frequency(d, fz_u8(f), mhz);
		break;
	}
	}
	(void)st;
}

static void op_info_b(struct fz *f, struct fz_state *st, struct hla_device *d, uint8_t op)
{
	struct fz_out o;
	uint32_t a = 0;
	int64_t t;
	uint64_t v;

	switch (op % 14) {
	case 0: hla_info_power(d, &v); break;
	case 1: hla_info_open_stats(d, out_init(f, &o, sizeof(struct hla_open_stats))); break;
	case 2: hla_info_dram_replaced_rows(d, out_init(f, &o, sizeof(struct hla_dram_row))); break;
	case 3: hla_info_dram_pending_rows(d, &a); break;
	case 4: hla_info_last_err_open_dev_time(d, &t); break;
	case 5:
		hla_info_cs_timeout_event(d, out_init(f, &o, sizeof(struct hla_cs_timeout_event)));
		break;
	case 6: hla_info_razwi_event(d, out_init(f, &o, sizeof(struct hla_razwi_event))); break;
	case 7:
		hla_info_undefined_opcode_event(d, out_init(f, &o,
							    sizeof(struct hla_undefined_opcode_event)));
		break;
	case 8:
		hla_info_page_fault_event(d, out_init(f, &o, sizeof(struct hla_page_fault_event)));
		break;
	case 9: hla_info_hw_err_event(d, out_init(f, &o, sizeof(struct hla_hw_err_event))); break;
	case 10: hla_info_fw_err_event(d, out_init(f, &o, sizeof(struct hla_fw_err_event))); break;
	case 11:
		hla_info_engine_err_event(d, out_init(f, &o, sizeof(struct hla_engine_err_event)));
		break;
	case 12: hla_info_page_sizes(d, &v); break;
	default:
		a = fz_u32(f);
		hla_info_attestation(d, a, out_init(f, &o, sizeof(struct hla_attestation)));
		break;
	}
	(void)st;
}

static void op_info_c(struct fz *f, struct fz_state *st, struct hla_device *d, uint8_t op)
{
	struct fz_out o;
	struct hla_user_mapping maps[16];
	char buf[2048];
	uint32_t a = 0, n = 0;
	uint64_t ev;

	switch (op % 8) {
	case 0:
		a = fz_u32(f);
		hla_info_dev_signed(d, a, out_init(f, &o, sizeof(struct hla_dev_signed)));
		break;
	case 1: hla_info_engine_status(d, buf, fz_u16(f) % (sizeof(buf) + 1)); break;
	case 2:
		hla_info_user_mappings(d, maps, fz_u8(f) % 17, &n);
		break;
	case 3: hla_info_fw_generic_req(d, fz_u32(f), buf, fz_u16(f) % (sizeof(buf) + 1)); break;
	case 4:
		a = fz_u32(f);
		hla_info_raw(d, a, fz_u32(f), buf, fz_u16(f) % (sizeof(buf) + 1), &n);
		break;
	case 5: hla_events_read(d, &ev); break;
	case 6: hla_events_register_fd(d, fz_u8(f) & 1 ? -1 : 0x7FFFFFF0); break;
	default: hla_events_unregister_fd(d); break;
	}
	(void)st;
}

static void op_cb(struct fz *f, struct fz_state *st, uint8_t op)
{
	unsigned int i = slot(f);
	uint64_t h = pick(f, st->cb), va;
	uint32_t n;
	size_t len;

	switch (op % 6) {
	case 0:
		if (st->cb[i])
			break;
		len = fz_u8(f) & 0x80 ? fz_u32(f) % (HLA_CB_MAX_SIZE + 64) : fz_u16(f);
		hla_cb_create(st->dev, len, fz_u8(f) & 3, &st->cb[i]);
		break;
	case 1:
		if (!hla_cb_destroy(st->dev, h))
			for (unsigned int k = 0; k < FZ_SLOTS; k++)
				if (st->cb[k] == h && !st->cb_map[k])
					st->cb[k] = 0;
		break;
	case 2: hla_cb_get_usage(st->dev, h, &n); break;
	case 3: hla_cb_get_device_va(st->dev, h, &va); break;
	case 4:
		if (st->cb_map[i] || !st->cb[i])
			break;
		len = fz_u8(f) & 1 ? 4096 : fz_u16(f);
		if (!hla_cb_mmap(st->dev, st->cb[i], len, &st->cb_map[i]))
			st->cb_len[i] = len;
		break;
	default:
		if (st->cb_map[i] && !hla_cb_munmap(st->cb_map[i], st->cb_len[i]))
			st->cb_map[i] = NULL;
		break;
	}
}

/* the chunks of a submission: CBs made earlier, queues from the input */
static uint32_t chunks(struct fz *f, struct fz_state *st, struct hla_cs_chunk *c, uint32_t max)
{
	uint32_t n = fz_u8(f) % (max + 1);

	memset(c, 0, sizeof(*c) * max);
	for (uint32_t i = 0; i < n; i++) {
		uint8_t b = fz_u8(f);

		c[i].cb_handle = pick(f, st->cb);
		c[i].queue_index = b & 0x80 ? fz_u32(f) : b % 16;
		c[i].cb_size = b & 0x40 ? fz_u32(f) : fz_u8(f) & 0xF8;
		c[i].flags = b & 0x20 ? fz_u32(f) : 0;
		if (b == 0xFF)
			c[i].reserved[fz_u8(f) % 10] = fz_u32(f);
	}
	return n;
}

static void note_seq(struct fz_state *st, const struct hla_cs_out *out, int ret)
{
	if (!ret && (out->valid & HLA_CS_OUT_SEQ) && out->seq != HLA_SEQ_NONE) {
		memmove(st->seq + 1, st->seq, sizeof(st->seq) - sizeof(st->seq[0]));
		st->seq[0] = out->seq;
	}
}

static void op_submit(struct fz *f, struct fz_state *st)
{
	struct hla_cs_chunk exe[4], res[2];
	union { /* room for any sz the input gives it */
		struct hla_cs_submit s;
		uint8_t b[256 + sizeof(struct hla_cs_submit)];
	} u = { .b = { 0 } };
	struct hla_cs_submit cs = { .sz = sizeof(cs) };
	struct fz_out o;
	struct hla_cs_out *out = out_init(f, &o, sizeof(struct hla_cs_out));
	uint8_t b = fz_u8(f);

	cs.num_execute = chunks(f, st, exe, 4);
	cs.execute = exe;
	if (b & 1) {
		cs.num_restore = chunks(f, st, res, 2);
		cs.restore = res;
	}
	cs.flags = b & 2 ? fz_u32(f) : 0;
	cs.timeout_s = b & 4 ? fz_u8(f) % 3 : 0;
	/* a CS that outlives its watchdog makes the driver reset the device,
	 * on Gaudi a hard reset that kills the process: the harness must
	 * outlive it */
	if (st->sim && st->asic != HLA_ASIC_GAUDI2 && cs.timeout_s)
		cs.flags |= HLA_CS_SKIP_RESET_ON_TIMEOUT;
	cs.staged_seq = b & 8 ? pick(f, st->seq) : 0;
	cs.encaps_sig_handle = b & 16 ? st->resv[fz_u8(f) % FZ_SLOTS] : 0;
	if (b & 32)
		cs.sz = fz_u8(f);
	memcpy(&u.s, &cs, sizeof(cs));
	if (b & 64) /* a byte past the library's struct */
		u.b[sizeof(cs) + fz_u8(f) % 64] = fz_u8(f);
	note_seq(st, out, hla_cs_submit(st->dev, &u.s, out));
}

static void op_sync(struct fz *f, struct fz_state *st, uint8_t op)
{
	struct hla_cs_opts opts = { .sz = sizeof(opts) };
	struct hla_cs_opts *po = fz_u8(f) & 1 ? &opts : NULL;
	struct fz_out o, r;
	struct hla_cs_out *out = out_init(f, &o, sizeof(struct hla_cs_out));
	uint32_t q = fz_u8(f) & 0x80 ? fz_u32(f) : fz_u8(f) % 16;
	uint64_t seq = pick(f, st->seq);
	int ret = -1;

	opts.flags = fz_u8(f) & 0x21;
	switch (op % 6) {
	case 0: ret = hla_cs_signal(st->dev, q, po, out); break;
	case 1: ret = hla_cs_wait_signal(st->dev, q, seq, po, out); break;
	case 2: ret = hla_cs_wait_collective(st->dev, q, seq, fz_u32(f), po, out); break;
	case 3: {
		struct hla_encaps_signals *e = out_init(f, &r, sizeof(struct hla_encaps_signals));
		unsigned int i = slot(f);

		if (!hla_cs_reserve_signals(st->dev, q, fz_u16(f), e))
			st->resv[i] = e->handle_id;
		return;
	}
	case 4: hla_cs_unreserve_signals(st->dev, st->resv[slot(f)]); return;
	default:
		ret = hla_cs_wait_encaps_signals(st->dev, q, seq, fz_u16(f), po, out);
		break;
	}
	note_seq(st, out, ret);
}

static void op_wait(struct fz *f, struct fz_state *st, uint8_t op)
{
	struct fz_out o;
	struct hla_wait_result *res = out_init(f, &o, sizeof(struct hla_wait_result));
	uint64_t seqs[8], t = timeout_us(f);
	struct hla_cq_counter cq = { .sz = sizeof(cq) };
	uint32_t n;

	switch (op % 4) {
	case 0: hla_cs_wait(st->dev, pick(f, st->seq), t, res); break;
	case 1:
		n = fz_u8(f) % 9;
		for (uint32_t i = 0; i < n; i++)
			seqs[i] = pick(f, st->seq);
		hla_cs_wait_multi(st->dev, seqs, n, t, res);
		break;
	case 2: {
		uint64_t word = fz_u64(f);

		hla_interrupt_wait(st->dev, fz_u16(f), fz_u8(f) & 1 ? &word : NULL, fz_u64(f), t,
				   res);
		break;
	}
	default:
		cq.interrupt_id = fz_u16(f);
		cq.cb_handle = pick(f, st->cb);
		cq.index = fz_u8(f) & 0x80 ? fz_u64(f) : fz_u8(f);
		cq.target = fz_u64(f);
		if (fz_u8(f) & 1)
			hla_cq_counter_wait(st->dev, &cq, t, res);
		else
			hla_ts_register(st->dev, &cq, pick(f, st->ts), fz_u16(f));
		break;
	}
}

static void op_mem(struct fz *f, struct fz_state *st, uint8_t op)
{
	unsigned int i = slot(f);
	uint64_t size;

	switch (op % 6) {
	case 0:
		if (st->mem[i])
			break;
		size = fz_u8(f) & 0x80 ? fz_u64(f) : (uint64_t)(fz_u8(f) % 4) << 25;
		if (!hla_mem_alloc(st->dev, size, fz_u8(f) & 1 ? 0 : fz_u64(f), fz_u8(f) & 0xB,
				   &st->mem[i]))
			st->mem_size[i] = size;
		break;
	case 1:
		if (!hla_mem_free(st->dev, pick(f, st->mem), fz_u8(f) & 1 ? st->mem_size[i] : fz_u64(f)))
			st->mem[i] = 0;
		break;
	case 2:
		if (!st->va[i])
			hla_mem_map(st->dev, pick(f, st->mem), fz_u8(f) & 1 ? 0 : fz_u64(f),
				    fz_u8(f) & 0xB, &st->va[i]);
		break;
	case 3: {
		size_t off = (size_t)(fz_u8(f) % 16) * 4096, len = fz_u32(f) % (st->host_len + 8192);

		if (!st->va[i])
			hla_mem_map_host(st->dev, st->host + (off < st->host_len ? off : 0), len,
					 fz_u8(f) & 1 ? 0 : fz_u64(f), fz_u8(f) & 0xB, &st->va[i]);
		break;
	}
	case 4:
		if (!hla_mem_unmap(st->dev, pick(f, st->va)))
			st->va[i] = 0;
		break;
	default: {
		struct hla_dmabuf_export e = { .sz = sizeof(e) };
		int fd = -1;

		e.flags = fz_u8(f) & 0x0B;
		e.addr = pick(f, st->va);
		e.offset = fz_u8(f) & 0x80 ? fz_u64(f) : 0;
		e.size = fz_u8(f) & 0x80 ? fz_u64(f) : (uint64_t)(fz_u8(f) % 4) << 21;
		e.handle = pick(f, st->mem);
		if (!hla_mem_export_dmabuf(st->dev, &e, &fd))
			fz_close_fd(fd);
		break;
	}
	}
}

static void op_objects(struct fz *f, struct fz_state *st, uint8_t op)
{
	unsigned int i = slot(f);
	uint64_t h;
	size_t len;

	switch (op % 5) {
	case 0:
		if (!st->ts[i] && !hla_ts_alloc(st->dev, fz_u16(f) % 2048, &st->ts[i]))
			st->ts_n[i] = 0;
		break;
	case 1:
		if (st->ts[i] && !st->ts_map[i]) {
			uint32_t n = fz_u8(f) & 1 ? 1 : fz_u16(f) % 2048;

			if (!hla_ts_mmap(st->dev, st->ts[i], n, &st->ts_map[i]))
				st->ts_n[i] = n;
		}
		break;
	case 2:
		if (st->ts_map[i] && !hla_ts_munmap(st->ts_map[i], st->ts_n[i]))
			st->ts_map[i] = NULL;
		break;
	case 3:
		if (st->block_map || hla_block_map(st->dev, fz_u64(f), &h, &len))
			break;
		if (len <= (64u << 20) && !hla_block_mmap(st->dev, h, len, &st->block_map))
			st->block_len = len;
		break;
	default:
		if (st->block_map && !hla_block_munmap(st->block_map, st->block_len))
			st->block_map = NULL;
		break;
	}
}

static void op_misc(struct fz *f, struct fz_state *st, uint8_t op)
{
	uint32_t ids[8];
	uint32_t n = fz_u8(f) % 9;
	uint8_t scratch[256];

	for (uint32_t i = 0; i < n; i++)
		ids[i] = fz_u8(f) & 0x80 ? fz_u32(f) : fz_u8(f) % 64;
	switch (op % 6) {
	case 0: hla_engine_cores_control(st->dev, ids, n, fz_u8(f) % 6); break;
	case 1:
		if (!st->sim)
			hla_engines_control(st->dev, ids, n, fz_u8(f) % 6);
		break;
	case 2: hla_cs_flush_pci_hbw_writes(st->dev); break;
	case 3: hla_debug_set_mode(st->dev, fz_u8(f) & 1); break;
	case 4: hla_debug_configure_funnel(st->dev, fz_u8(f), fz_u8(f) & 1); break;
	default: {
		struct hla_pkt p = { .sz = sizeof(p) };

		p.opcode = fz_u8(f) % 24;
		p.flags = fz_u32(f);
		p.value = fz_u32(f);
		p.src = fz_u64(f);
		p.dst = fz_u64(f);
		p.size = fz_u64(f);
		p.reg = fz_u32(f);
		p.base = fz_u8(f);
		p.fence_id = fz_u8(f);
		p.fence_target = fz_u16(f);
		p.fence_dec = fz_u8(f);
		hla_pkt_write(fz_u8(f) % 12, &p, scratch, fz_u8(f) % sizeof(scratch));
		break;
	}
	}
}

void fz_run_ops(struct fz *f, struct fz_state *st, unsigned int max)
{
	for (unsigned int i = 0; i < max && f->n; i++) {
		uint8_t op = fz_u8(f), arg = fz_u8(f);

		switch (op % 10) {
		case 0: op_info_a(f, st, which(f, st), arg); break;
		case 1: op_info_b(f, st, which(f, st), arg); break;
		case 2: op_info_c(f, st, which(f, st), arg); break;
		case 3: op_cb(f, st, arg); break;
		case 4: op_submit(f, st); break;
		case 5: op_sync(f, st, arg); break;
		case 6: op_wait(f, st, arg); break;
		case 7: op_mem(f, st, arg); break;
		case 8: op_objects(f, st, arg); break;
		default: op_misc(f, st, arg); break;
		}
	}
}

void fz_cleanup(struct fz_state *st)
{
	for (unsigned int i = 0; i < FZ_SLOTS; i++) {
		if (st->cb_map[i])
			hla_cb_munmap(st->cb_map[i], st->cb_len[i]);
		if (st->ts_map[i])
			hla_ts_munmap(st->ts_map[i], st->ts_n[i]);
		if (st->va[i])
			hla_mem_unmap(st->dev, st->va[i]);
		if (st->cb[i])
			hla_cb_destroy(st->dev, st->cb[i]);
		if (st->resv[i])
			hla_cs_unreserve_signals(st->dev, st->resv[i]);
	}
	for (unsigned int i = 0; i < FZ_SLOTS; i++)
		if (st->mem[i])
			hla_mem_free(st->dev, st->mem[i], st->mem_size[i]);
	if (st->block_map)
		hla_block_munmap(st->block_map, st->block_len);
	memset(st->cb, 0, offsetof(struct fz_state, host) - offsetof(struct fz_state, cb));
}
