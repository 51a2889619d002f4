/* SPDX-License-Identifier: MIT */
/*
 * Packet sizes and the check a CB gets before it runs (and a CB that
 * CP_DMA fetches, when it is fetched): on Gaudi's
 * external queues the parser of gaudi_parse_cb_no_mmu() (EINVAL for a
 * packet that is malformed or overruns the CB, EPERM for one users may
 * not send there), then, on every queue, EOPNOTSUPP for whatever the
 * simulator does not execute exactly.
 */
#include "hw/hw.h"

#include <errno.h>

static uint32_t rd32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[3] << 24;
}

uint32_t sim_pkt_size(uint32_t op, const uint8_t *p, uint32_t left)
{
	switch (op) {
	case HLK_PACKET_WREG_32: case HLK_PACKET_MSG_SHORT: case HLK_PACKET_REPEAT:
	case HLK_PACKET_FENCE: case HLK_PACKET_NOP: case HLK_PACKET_STOP:
	case HLK_PACKET_ARB_POINT: case HLK_PACKET_WAIT:
		return 8;
	case HLK_PACKET_WREG_BULK:
		return left >= 8 ? 8 + 8 * (rd32(p) & 0xFFFF) : 0;
	case HLK_PACKET_MSG_LONG: case HLK_PACKET_CP_DMA: case HLK_PACKET_MSG_PROT:
	case HLK_PACKET_LOAD_AND_EXE:
		return 16;
	case HLK_PACKET_LIN_DMA: case HLK_PACKET_CB_LIST:
		return 24;
	default:
		return 0;
	}
}

/* gaudi_validate_cb(): what users may not put on an external queue */
static int external_rule(uint32_t op)
{
	switch (op) {
	case HLK_PACKET_MSG_PROT: case HLK_PACKET_CP_DMA: case HLK_PACKET_STOP:
	case HLK_PACKET_WREG_BULK:
		return -EPERM;
	case HLK_PACKET_WAIT:
		return -EINVAL;
	default:
		return 0;
	}
}

/* Gaudi2: a write to the configuration space the sync manager models */
static int cfg_write_ok(uint64_t off, uint32_t value)
{
	if (!sim_sm_modelled(off))
		return -EOPNOTSUPP;
	/* arming in mode 1 (equal) is not modelled */
	if (off >= SIM_SM_MON_BASE + 0x6000 && off < SIM_SM_MON_END && (value & (1u << 16)))
		return -EOPNOTSUPP;
	return 0;
}

static int msg_short_ok(const struct sim_device *d, uint32_t ctl, uint32_t value)
{
	uint32_t base = (ctl & HLK_MSG_SHORT_BASE_MASK) >> HLK_MSG_SHORT_BASE_SHIFT;
	uint32_t addr = ctl & HLK_MSG_SHORT_ADDR_OFFSET_MASK;

	if (!sim_gaudi2(d))
		return base == 3 ? 0 : -EOPNOTSUPP; /* Gaudi: sync objects only */
	if (base == 1)
		return cfg_write_ok(SIM_SM_SOB_BASE + addr, value);
	if (base == 0 && addr < 0x8000)
		return cfg_write_ok(SIM_SM_MON_BASE + addr, value);
	return -EOPNOTSUPP;
}

static uint64_t rd64(const uint8_t *p)
{
	return rd32(p) | (uint64_t)rd32(p + 4) << 32;
}

/* Gaudi: the configuration (register) space, 64 MiB up to the 512 GiB mark */
static bool gaudi_cfg(uint64_t addr)
{
	addr &= 0x00FFFFFFFFFFFFFFull; /* the context id bits of a DMA address */
	return addr >= HLK_GAUDI_CFG_BASE && addr - HLK_GAUDI_CFG_BASE < (64ull << 20);
}

static bool gaudi2_cfg(uint64_t addr)
{
	return addr >= HLK_GAUDI2_CFG_BASE && addr - HLK_GAUDI2_CFG_BASE < (1ull << 32);
}

/*
 * LIN_DMA: linear copies and memsets between memories.  Not executed, so
 * refused: Gaudi's strided (non-linear) transfers, Gaudi2's byte swapping,
 * the write-completion message (its address lives in DMA-core registers)
 * and transfers from or to register space.
 */
static int lin_dma_ok(const struct sim_device *d, uint32_t ctl, const uint8_t *p)
{
	bool g2 = sim_gaudi2(d);
	uint64_t src = rd64(p + 8), dst = rd64(p + 16);
	bool set = g2 ? ctl & HLK_LIN_DMA_GAUDI2_MEMSET : ctl & HLK_LIN_DMA_GAUDI_MEMSET;

	if (!g2 && !(ctl & HLK_LIN_DMA_GAUDI_LIN))
		return -EOPNOTSUPP;
	if (g2 && (ctl & HLK_LIN_DMA_GAUDI2_ENDIAN_MASK))
		return -EOPNOTSUPP;
	if (ctl & (g2 ? HLK_LIN_DMA_GAUDI2_WRCOMP : HLK_LIN_DMA_GAUDI_WR_COMP_EN))
		return -EOPNOTSUPP;
	if (g2 ? gaudi2_cfg(dst) || (!set && gaudi2_cfg(src))
	       : gaudi_cfg(dst) || (!set && gaudi_cfg(src)))
		return -EOPNOTSUPP;
	return 0;
}

static int msg_long_ok(const struct sim_device *d, uint32_t ctl, const uint8_t *p)
{
	uint64_t addr = rd32(p + 8) | (uint64_t)rd32(p + 12) << 32;

	if (ctl & HLK_MSG_CTL_OP_MASK)
		return -EOPNOTSUPP; /* timestamp writes */
	if (!sim_gaudi2(d) && gaudi_cfg(addr))
		return -EOPNOTSUPP; /* Gaudi registers are not modelled */
	if (sim_gaudi2(d) && gaudi2_cfg(addr))
		return cfg_write_ok(addr - HLK_GAUDI2_CFG_BASE, rd32(p));
	return 0;
}

/* the packets the executor models exactly */
static int modelled(const struct sim_device *d, uint32_t op, uint32_t ctl, const uint8_t *p)
{
	switch (op) {
	case HLK_PACKET_LIN_DMA:
		return lin_dma_ok(d, ctl, p);
	case HLK_PACKET_MSG_LONG:
		return msg_long_ok(d, ctl, p);
	case HLK_PACKET_MSG_SHORT:
		return msg_short_ok(d, ctl, rd32(p));
	case HLK_PACKET_FENCE:
		/* Gaudi: no monitors feed the fence counters */
		return !sim_gaudi2(d) && (rd32(p) & HLK_FENCE_TARGET_VAL_MASK) ? -EOPNOTSUPP : 0;
	case HLK_PACKET_NOP:
	case HLK_PACKET_STOP:
	case HLK_PACKET_CP_DMA: /* the fetched CB is checked when it is fetched */
		return 0;
	default:
		return -EOPNOTSUPP;
	}
}

int sim_pkt_check(const struct sim_device *d, const uint8_t *code, uint32_t len,
		  bool external)
{
	uint32_t at = 0;

	while (at < len) {
		uint32_t ctl, op, sz;
		int ret;

		if (len - at < 8)
			return -EINVAL;
		ctl = rd32(code + at + 4);
		op = (ctl & HLK_PKT_CTL_OPCODE_MASK) >> HLK_PKT_CTL_OPCODE_SHIFT;
		sz = sim_pkt_size(op, code + at, len - at);
		if (!sz || (!sim_gaudi2(d) &&
			    (op == HLK_PACKET_CB_LIST || op > HLK_PACKET_LOAD_AND_EXE)))
			return -EINVAL;
		if (sz > len - at)
			return -EINVAL;
		if (external && (ret = external_rule(op)))
			return ret;
		if ((ret = modelled(d, op, ctl, code + at)))
			return ret;
		at += sz;
	}
	return 0;
}
