/* SPDX-License-Identifier: MIT */
/*
 * The packet executor: what a queue's engine does with each packet of a
 * checked CB snapshot.  Addresses are resolved under the device lock; the
 * bytes move without it, so a large DMA on one device never holds up the
 * submitter or another device.  Every loop is bounded by the snapshot's
 * length.
 */
#include "hw/hw.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static uint32_t rd32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[3] << 24;
}

static uint64_t rd64(const uint8_t *p)
{
	return rd32(p) | (uint64_t)rd32(p + 4) << 32;
}

static void hold(struct sim_span *s)
{
	if (s->obj)
		s->obj->usage++;
}

static void unhold(struct sim_ctx *c, struct sim_span *s)
{
	if (s->obj && s->obj->usage) {
		s->obj->usage--;
		sim_obj_maybe_free(c, s->obj);
	}
}

static void fill(uint8_t *to, uint64_t pattern, uint32_t n)
{
	uint8_t pat[8];

	for (int i = 0; i < 8; i++)
		pat[i] = (uint8_t)(pattern >> (8 * i));
	if (!memcmp(pat, pat + 1, 7)) {
		memset(to, pat[0], n);
		return;
	}
	for (uint32_t i = 0; i < n && i < 8; i++)
		to[i] = pat[i];
	/* double the filled prefix until done */
	for (uint32_t done = n < 8 ? n : 8; done < n;) {
		uint32_t k = n - done < done ? n - done : done;

		memcpy(to + done, to, k);
		done += k;
	}
}

/* the 8-byte memset pattern as seen k bytes into the destination */
static uint64_t pattern_at(uint64_t pattern, uint64_t k)
{
	unsigned int r = (unsigned int)(k % 8) * 8;

	return r ? pattern >> r | pattern << (64 - r) : pattern;
}

/*
 * One piece of a LIN_DMA: the longest run from offset at (or, copying
 * backwards, ending at at) that is contiguous on both sides; memory taken
 * page by page is contiguous only within a page.  0 with *done bytes
 * moved, or -EIO.
 */
static int dma_piece(struct sim_ctx *c, uint64_t src, uint64_t dst, bool set, uint64_t at,
		     uint64_t left, uint64_t *done)
{
	struct sim_device *d = c->d;
	struct sim_span to, from;
	uint64_t n = left, got;

	if (!sim_vm_xlate_part(c, dst + at, n, &to, &got)) {
		sim_dev_page_fault(d, dst + at);
		return -EIO;
	}
	n = got;
	if (!set && !sim_vm_xlate_part(c, src + at, n, &from, &got)) {
		sim_dev_page_fault(d, src + at);
		return -EIO;
	}
	if (!set && got < n) { /* the destination's run may go further */
		n = got;
		sim_vm_xlate_part(c, dst + at, n, &to, &got);
	}
	hold(&to);
	if (!set)
		hold(&from);
	pthread_mutex_unlock(&d->lock);
	if (to.dram)
		sim_dram_prepare(&d->dram, to.dram_off, n);
	if (set) {
		fill(to.ptr, pattern_at(src, at), (uint32_t)n);
	} else {
		if (from.dram)
			sim_dram_prepare(&d->dram, from.dram_off, n);
		memmove(to.ptr, from.ptr, n);
	}
	pthread_mutex_lock(&d->lock);
	unhold(c, &to);
	if (!set)
		unhold(c, &from);
	*done = n;
	return 0;
}

/*
 * A reset stops the DMA engines (hl_device_reset() halts the queues
 * before it aborts the CSs): a transfer moves at most this much between
 * two looks at the context's reset count, so one begun before a reset
 * goes no further than the slice it was in.
 */
#define DMA_SLICE (32ull << 20)

static bool overlap(const uint8_t *a, const uint8_t *b, uint64_t n)
{
	return a < b + n && b < a + n;
}

/* LIN_DMA: copy or memset n bytes (lock dropped while the bytes move) */
static int lin_dma(struct sim_ctx *c, const uint8_t *p, uint32_t ctl)
{
	struct sim_device *d = c->d;
	uint32_t n = rd32(p);
	uint64_t src = rd64(p + 8), dst = rd64(p + 16), at = 0, k, slice = DMA_SLICE;
	uint64_t gen = c->reset_gen;
	bool set = sim_gaudi2(d) ? ctl & HLK_LIN_DMA_GAUDI2_MEMSET : ctl & HLK_LIN_DMA_GAUDI_MEMSET;
	struct sim_span to, from;

	if (!sim_gaudi2(d))
		dst &= 0x00FFFFFFFFFFFFFFull;
	/* the usual case: one contiguous range on each side; a copy between
	 * overlapping bytes moves in one go, as memmove() must see it whole */
	if (sim_vm_xlate(c, dst, n, &to) && (set || sim_vm_xlate(c, src, n, &from))) {
		if (!set && overlap(to.ptr, from.ptr, n))
			slice = n;
	} else if (!set && dst > src && dst - src < n) {
		/* a forward copy in pieces would read what an earlier piece wrote */
		return -EOPNOTSUPP;
	}
	while (at < n) {
		if (dma_piece(c, src, dst, set, at, n - at < slice ? n - at : slice, &k) || !k)
			return -EIO;
		at += k;
		if (c->reset_gen != gen || c->dead)
			return -EIO; /* the engine was stopped under it */
	}
	return 0;
}

/* MSG_LONG: a 32-bit write to memory or (Gaudi2) to a modelled register */
static int msg_long(struct sim_ctx *c, const uint8_t *p)
{
	uint64_t addr = rd64(p + 8);
	uint32_t v = rd32(p);
	struct sim_span to;

	if (sim_gaudi2(c->d) && addr >= HLK_GAUDI2_CFG_BASE &&
	    addr - HLK_GAUDI2_CFG_BASE < (1ull << 32))
		return sim_sm_write(c, addr - HLK_GAUDI2_CFG_BASE, v) ? -EIO : 0;
	if (!sim_vm_xlate(c, addr, 4, &to)) {
		sim_dev_page_fault(c->d, addr);
		return -EIO;
	}
	if (to.dram)
		sim_dram_prepare(&c->d->dram, to.dram_off, 4);
	memcpy(to.ptr, &v, 4);
	return 0;
}

/* MSG_SHORT: Gaudi2 monitors and sync objects; Gaudi sync objects per stream */
static int msg_short(struct sim_ctx *c, const uint8_t *p, uint32_t ctl)
{
	struct sim_device *d = c->d;
	uint32_t base = (ctl & HLK_MSG_SHORT_BASE_MASK) >> HLK_MSG_SHORT_BASE_SHIFT;
	uint32_t addr = ctl & HLK_MSG_SHORT_ADDR_OFFSET_MASK, idx = addr / 4;
	uint32_t v = rd32(p);

	if (sim_gaudi2(d))
		return sim_sm_msg_short(c, base, addr, v) ? -EIO : 0;
	if (idx >= HLK_GAUDI_QUEUE_ID_SIZE)
		return 0;
	if (v & (1u << 31))
		d->sob[idx] += v & 0x7FFF;
	else
		d->sob[idx] = v & 0x7FFF;
	return 0;
}

/* the CB the device could not run: an undefined-opcode error of the queue */
static int bad_cb(struct sim_device *d, uint32_t q)
{
	d->rec.undef.timestamp = sim_now();
	d->rec.undef.engine_id = sim_gaudi2(d) ? 45 : 0;
	d->rec.undef.stream_id = q % 4;
	sim_dev_raise(d, HLK_NOTIFIER_EVENT_UNDEFINED_OPCODE);
	return -EIO;
}

/*
 * CP_DMA: the upper CP has the CB of tsize bytes at src_addr fetched and
 * run by the lower CP before it goes on.  The fetched CB is checked like a
 * submitted one; the lower CP cannot fetch a further CB.
 */
static int cp_dma(struct sim_ctx *c, struct sim_job *j, const uint8_t *p)
{
	uint32_t n = rd32(p);
	uint64_t src = rd64(p + 8);
	struct sim_span from;
	struct sim_job *sub;

	if (!sim_vm_xlate(c, src, n, &from)) {
		sim_dev_page_fault(c->d, src);
		return -EIO;
	}
	if (j->lower || !n || n > HLK_MAX_CB_SIZE)
		return bad_cb(c->d, j->queue);
	if (from.dram)
		sim_dram_prepare(&c->d->dram, from.dram_off, n);
	sub = calloc(1, sizeof(*sub));
	if (!sub || !(sub->code = malloc(n))) {
		free(sub);
		return -ENOMEM;
	}
	memcpy(sub->code, from.ptr, n);
	sub->len = n;
	sub->queue = j->queue;
	sub->lower = true;
	if (sim_pkt_check(c->d, sub->code, n, false)) {
		free(sub->code);
		free(sub);
		return bad_cb(c->d, j->queue);
	}
	j->sub = sub;
	return 0;
}

/* one packet at j->pc; SIM_JOB_BLOCKED leaves pc on an unsatisfied FENCE */
static int packet(struct sim_ctx *c, struct sim_job *j, uint32_t *size)
{
	const uint8_t *p = j->code + j->pc;
	uint32_t ctl = rd32(p + 4);
	uint32_t op = (ctl & HLK_PKT_CTL_OPCODE_MASK) >> HLK_PKT_CTL_OPCODE_SHIFT;

	*size = sim_pkt_size(op, p, j->len - j->pc);
	if (!*size || *size > j->len - j->pc)
		return -EIO; /* cannot happen with a checked snapshot */
	switch (op) {
	case HLK_PACKET_LIN_DMA:
		return lin_dma(c, p, ctl);
	case HLK_PACKET_MSG_LONG:
		return msg_long(c, p);
	case HLK_PACKET_MSG_SHORT:
		return msg_short(c, p, ctl);
	case HLK_PACKET_FENCE:
		return sim_sm_fence(c->d, j->queue, rd32(p)) ? 0 : SIM_JOB_BLOCKED;
	case HLK_PACKET_CP_DMA:
		return cp_dma(c, j, p);
	case HLK_PACKET_STOP:
		*size = j->len - j->pc; /* the rest of the CB is not fetched */
		return 0;
	default:
		return 0; /* NOP */
	}
}

/* the CB a CP_DMA fetched runs to its end before the upper CP goes on */
static int run_sub(struct sim_ctx *c, struct sim_job *j, struct sim_cs *r)
{
	int ret = sim_exec_step(c, j->sub, r);

	if (ret != SIM_JOB_DONE)
		return ret;
	free(j->sub->code);
	free(j->sub);
	j->sub = NULL;
	return SIM_JOB_DONE;
}

int sim_exec_step(struct sim_ctx *c, struct sim_job *j, struct sim_cs *r)
{
	if (!j->code && j->fault) { /* the CB's address is not mapped */
		sim_dev_page_fault(c->d, j->fault);
		return -EIO;
	}
	while (j->pc < j->len || j->sub) {
		uint32_t size;
		int ret;

		if (j->sub) {
			ret = run_sub(c, j, r);
			if (ret != SIM_JOB_DONE)
				return ret;
			continue;
		}
		ret = packet(c, j, &size);

		if (r->rc || c->dead)
			return -EIO; /* aborted while the bytes moved */
		if (ret)
			return ret;
		j->pc += size;
	}
	j->done = true;
	return SIM_JOB_DONE;
}
