/* SPDX-License-Identifier: MIT */
/*
 * The Gaudi2 sync manager of DCORE0 and the fence counters of the queues
 * (the facts of gaudi2_packets.h, the DCORE0 SYNC_MNGR_OBJS register map
 * and the packets gaudi2_gen_signal_cb() / gaudi2_gen_wait_cb() build):
 *
 *  - 8192 sync objects of 15 bits.  A write sets the value, or adds it
 *    when bit 31 is set.
 *  - 2048 monitors, each with a payload address (low, high), payload data
 *    and an arm register: group id (bits 0-7, eight objects from gid * 8),
 *    mask (bits 8-15, a clear bit selects an object), mode (bit 16, 0 =
 *    greater or equal) and value (bits 17-31).  An armed monitor fires
 *    once all selected objects reach the value: it writes the payload data
 *    to the payload address and disarms.
 *  - The fence counters FENCE0-3 of each queue stream.  A write to
 *    FENCEn_RDATA_s adds to counter n of stream s; a FENCE packet (id,
 *    target, decrement) waits until its counter reaches the target and then
 *    subtracts the decrement.
 *
 * MSG_SHORT base 0 addresses the monitors (offsets from MON_PAY_ADDRL_0),
 * base 1 the sync objects (offsets from SOB_OBJ_0), as the driver programs
 * the bases for user queues.  Register windows of the queue managers are
 * modelled for PDMA0 (queues 0-3), whose block address is in the driver's
 * register map; a write anywhere else in the configuration space is
 * refused at submission (EOPNOTSUPP) or, from a monitor payload, raises a
 * RAZWI as an unroutable access.
 */
#include "hw/hw.h"

#include <errno.h>
#include <string.h>

#define MON_ADDRL 0x0000u
#define MON_ADDRH 0x2000u
#define MON_DATA 0x4000u
#define MON_ARM 0x6000u
#define MON_END 0x8000u

static void evaluate(struct sim_ctx *c, uint32_t gid);

/* the queue and fence of a PDMA0 FENCEn_RDATA_s offset, or false */
static bool fence_reg(uint64_t off, uint32_t *q, uint32_t *id)
{
	uint64_t rel;

	if (off < SIM_PDMA0_QM_BASE + SIM_QM_FENCE_RDATA ||
	    off >= SIM_PDMA0_QM_BASE + SIM_QM_FENCE_RDATA + SIM_QM_FENCES * SIM_QM_STREAMS * 4)
		return false;
	rel = (off - SIM_PDMA0_QM_BASE - SIM_QM_FENCE_RDATA) / 4;
	*id = (uint32_t)(rel / SIM_QM_STREAMS);
	*q = (uint32_t)(rel % SIM_QM_STREAMS);
	return *q < 4; /* stream 4 is the lower CP, not a user queue */
}

bool sim_sm_modelled(uint64_t off)
{
	uint32_t q, id;

	return (off >= SIM_SM_SOB_BASE && off < SIM_SM_MON_BASE + MON_END && !(off & 3)) ||
	       fence_reg(off, &q, &id);
}

static void sob_write(struct sim_ctx *c, uint32_t sob, uint32_t value)
{
	struct sim_sm *sm = c->d->sm;

	if (value & (1u << 31))
		sm->sob[sob] = (sm->sob[sob] + (value & 0x7FFF)) & 0x7FFF;
	else
		sm->sob[sob] = value & 0x7FFF;
	evaluate(c, sob / 8);
}

static void mon_write(struct sim_ctx *c, uint32_t reg, uint32_t value)
{
	struct sim_mon *m = &c->d->sm->mon[(reg % 0x2000) / 4];

	switch (reg / 0x2000 * 0x2000) {
	case MON_ADDRL:
		m->addrl = value;
		break;
	case MON_ADDRH:
		m->addrh = value;
		break;
	case MON_DATA:
		m->data = value;
		break;
	default: /* MON_ARM */
		m->gid = (uint8_t)(value & 0xFF);
		m->mask = (uint8_t)(value >> 8);
		m->val = (uint16_t)(value >> 17);
		m->armed = true;
		evaluate(c, m->gid);
		break;
	}
}

int sim_sm_write(struct sim_ctx *c, uint64_t off, uint32_t value)
{
	uint32_t q, id;

	if (off >= SIM_SM_SOB_BASE && off < SIM_SM_MON_BASE && !(off & 3)) {
		sob_write(c, (uint32_t)(off - SIM_SM_SOB_BASE) / 4, value);
		return 0;
	}
	if (off >= SIM_SM_MON_BASE && off < SIM_SM_MON_BASE + MON_END && !(off & 3)) {
		mon_write(c, (uint32_t)(off - SIM_SM_MON_BASE), value);
		return 0;
	}
	if (fence_reg(off, &q, &id)) {
		c->d->sm->fence[q][id] += value;
		return 0;
	}
	return -EOPNOTSUPP;
}

int sim_sm_msg_short(struct sim_ctx *c, uint32_t base, uint32_t addr, uint32_t value)
{
	if (base == 1)
		return sim_sm_write(c, SIM_SM_SOB_BASE + addr, value);
	if (base == 0 && addr < MON_END)
		return sim_sm_write(c, SIM_SM_MON_BASE + addr, value);
	return -EOPNOTSUPP;
}

/* the monitor fires: its payload goes to a register or to memory */
static void fire(struct sim_ctx *c, struct sim_mon *m)
{
	uint64_t addr = (uint64_t)m->addrh << 32 | m->addrl;
	struct sim_span to;

	m->armed = false;
	if (addr >= HLK_GAUDI2_CFG_BASE && addr - HLK_GAUDI2_CFG_BASE < (1ull << 32)) {
		if (sim_sm_write(c, addr - HLK_GAUDI2_CFG_BASE, m->data))
			sim_dev_page_fault(c->d, addr); /* a register nobody models */
		return;
	}
	if (!sim_vm_xlate(c, addr, 4, &to)) {
		sim_dev_page_fault(c->d, addr);
		return;
	}
	if (to.dram)
		sim_dram_prepare(&c->d->dram, to.dram_off, 4);
	memcpy(to.ptr, &m->data, 4);
}

static bool satisfied(const struct sim_sm *sm, const struct sim_mon *m)
{
	for (uint32_t i = 0; i < 8; i++)
		if (!(m->mask & (1u << i)) && m->gid * 8u + i < SIM_SM_SOBS &&
		    sm->sob[m->gid * 8 + i] < m->val)
			return false;
	return true;
}

/* a sync object of group gid changed (or a monitor was armed on it) */
static void evaluate(struct sim_ctx *c, uint32_t gid)
{
	struct sim_sm *sm = c->d->sm;

	/* a payload may change objects of this group again: each monitor fires once */
	for (uint32_t i = 0; i < SIM_SM_MONS; i++) {
		struct sim_mon *m = &sm->mon[i];

		if (m->armed && m->gid == gid && satisfied(sm, m))
			fire(c, m);
	}
}

bool sim_sm_fence(struct sim_device *d, uint32_t q, uint32_t cfg)
{
	uint32_t dec = cfg & HLK_FENCE_DEC_VAL_MASK;
	uint32_t target = (cfg & HLK_FENCE_TARGET_VAL_MASK) >> HLK_FENCE_TARGET_VAL_SHIFT;
	uint32_t id = (cfg & HLK_FENCE_ID_MASK) >> HLK_FENCE_ID_SHIFT;
	uint32_t *cnt;

	if (!d->sm || q >= HLK_GAUDI2_QUEUE_ID_SIZE)
		return true; /* Gaudi: only fences with target 0 get here */
	cnt = &d->sm->fence[q][id];
	if (*cnt < target)
		return false;
	*cnt -= dec < *cnt ? dec : *cnt;
	return true;
}

void sim_sm_reset(struct sim_device *d)
{
	if (d->sm)
		memset(d->sm, 0, sizeof(*d->sm));
}

/*
 * Sync streams (sync_stream_queue_init()): every Gaudi2 queue but the NIC
 * queues and the CPU queue has two reserved SOBs and one reserved monitor,
 * numbered in queue order.  The simulator places them just below the
 * first SOB and monitor the INFO ioctl offers to users (384).
 */
#define SS_FIRST_SOB 56u
#define SS_FIRST_MON 220u

bool sim_ss_queue(uint32_t q)
{
	return q < HLK_GAUDI2_QUEUE_ID_NIC_0_0 ||
	       (q >= HLK_GAUDI2_QUEUE_ID_ROT_0_0 && q < HLK_GAUDI2_QUEUE_ID_CPU_PQ);
}

static uint32_t ss_index(uint32_t q)
{
	return q < HLK_GAUDI2_QUEUE_ID_NIC_0_0
		       ? q
		       : q - (HLK_GAUDI2_QUEUE_ID_ROT_0_0 - HLK_GAUDI2_QUEUE_ID_NIC_0_0);
}

uint32_t sim_ss_next(const struct sim_device *d, uint32_t q)
{
	return d->sm->ss_next[q] + 1u;
}

uint32_t sim_ss_sob(const struct sim_device *d, uint32_t q)
{
	return SS_FIRST_SOB + ss_index(q) * 2 + d->sm->ss_off[q];
}

uint32_t sim_ss_advance(struct sim_device *d, uint32_t q, uint32_t count, bool encaps,
			uint32_t *next)
{
	struct sim_sm *sm = d->sm;
	uint32_t n = sim_ss_next(d, q);

	if (n + count >= HLK_MAX_SOB_VAL) {
		/* switch to the other SOB, which starts again from 0 */
		sm->ss_off[q] ^= 1;
		sm->sob[sim_ss_sob(d, q)] = 0;
		n = encaps ? count + 1 : count;
	} else {
		n += count;
	}
	sm->ss_next[q] = (uint16_t)(n - 1);
	*next = n;
	return sim_ss_sob(d, q);
}

void sim_ss_retreat(struct sim_device *d, uint32_t q, uint32_t count)
{
	d->sm->ss_next[q] = (uint16_t)(d->sm->ss_next[q] - count);
}

static uint32_t put_pkt(uint8_t *p, uint32_t value, uint32_t ctl)
{
	memcpy(p, &value, 4);
	memcpy(p + 4, &ctl, 4);
	return 8;
}

static uint32_t short_ctl(uint32_t base, uint32_t addr)
{
	return HLK_PACKET_MSG_SHORT << HLK_PKT_CTL_OPCODE_SHIFT |
	       base << HLK_MSG_SHORT_BASE_SHIFT | addr | HLK_PKT_CTL_EB | HLK_PKT_CTL_MB;
}

/* one MSG_SHORT adding 1 to the SOB */
uint32_t sim_ss_gen_signal(uint8_t *p, uint32_t sob)
{
	return put_pkt(p, 1u | 1u << 31, short_ctl(1, sob * 4));
}

/*
 * The queue's monitor is pointed at FENCE2 of the queue's stream with a
 * payload of 1 and armed on the SOB reaching val; a FENCE on counter 2
 * (target 1, decrement 1) then holds the queue until it fires.
 */
uint32_t sim_ss_gen_wait(uint8_t *p, uint32_t q, uint32_t sob, uint32_t val)
{
	uint64_t fence = HLK_GAUDI2_CFG_BASE + SIM_PDMA0_QM_BASE + SIM_QM_FENCE_RDATA +
			 2 * SIM_QM_STREAMS * 4 + (q % 4) * 4;
	uint32_t mon = SS_FIRST_MON + ss_index(q), n = 0;
	uint32_t arm = sob / 8 | (~(1u << (sob % 8)) & 0xFFu) << 8 | val << 17;

	n += put_pkt(p + n, (uint32_t)fence, short_ctl(0, MON_ADDRL + mon * 4));
	n += put_pkt(p + n, (uint32_t)(fence >> 32), short_ctl(0, MON_ADDRH + mon * 4));
	n += put_pkt(p + n, 1, short_ctl(0, MON_DATA + mon * 4));
	n += put_pkt(p + n, arm, short_ctl(0, MON_ARM + mon * 4));
	n += put_pkt(p + n, 1u | 1u << HLK_FENCE_TARGET_VAL_SHIFT | 2u << HLK_FENCE_ID_SHIFT,
		     HLK_PACKET_FENCE << HLK_PKT_CTL_OPCODE_SHIFT | HLK_PKT_CTL_EB |
			     HLK_PKT_CTL_MB);
	return n;
}
