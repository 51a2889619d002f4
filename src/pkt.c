/* SPDX-License-Identifier: MIT */
/*
 * Command-buffer packet builders.  Packets are built with explicit shifts
 * and stored little-endian, whatever the host byte order.
 */
#include "hla_internal.h"

#include <errno.h>

#define PKT_FLAGS (HLA_PKT_EB | HLA_PKT_MB | HLA_PKT_RB | HLA_PKT_MEMSET | \
		   HLA_PKT_WRCOMP)

enum family { FAM_BAD, FAM_GOYA, FAM_GAUDI, FAM_GAUDI2 };

static enum family family_of(uint32_t asic)
{
	switch (asic) {
	case HLA_ASIC_GOYA:
		return FAM_GOYA;
	case HLA_ASIC_GAUDI:
	case HLA_ASIC_GAUDI_SEC:
		return FAM_GAUDI;
	case HLA_ASIC_GAUDI2:
	case HLA_ASIC_GAUDI2B:
	case HLA_ASIC_GAUDI2C:
	case HLA_ASIC_GAUDI2D:
	case HLA_ASIC_GAUDI3:
		return FAM_GAUDI2;
	default:
		return FAM_BAD;
	}
}

static void put32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
	p[2] = (uint8_t)(v >> 16);
	p[3] = (uint8_t)(v >> 24);
}

static void put64(uint8_t *p, uint64_t v)
{
	put32(p, (uint32_t)v);
	put32(p + 4, (uint32_t)(v >> 32));
}

/* common checks; returns the family or a negative errno */
static int prepare(uint32_t asic, const void *buf, size_t space, size_t need,
		   uint32_t flags, uint32_t allowed)
{
	enum family f = family_of(asic);

	if (f == FAM_BAD || !buf || (flags & ~allowed))
		return -EINVAL;
	if (space < need)
		return -ENOSPC;
	return (int)f;
}

static uint32_t ctl_word(uint32_t opcode, uint32_t flags)
{
	uint32_t ctl = opcode << HLK_PKT_CTL_OPCODE_SHIFT;

	if (flags & HLA_PKT_EB)
		ctl |= HLK_PKT_CTL_EB;
	if (flags & HLA_PKT_RB)
		ctl |= HLK_PKT_CTL_RB;
	if (flags & HLA_PKT_MB)
		ctl |= HLK_PKT_CTL_MB;
	return ctl;
}

#define BARRIERS (HLA_PKT_EB | HLA_PKT_MB | HLA_PKT_RB)

HLA_EXPORT int hla_pkt_lin_dma(uint32_t asic, void *buf, size_t space,
			       uint64_t src, uint64_t dst, uint32_t size,
			       uint32_t flags)
{
	int f = prepare(asic, buf, space, HLK_PKT_SIZE_LIN_DMA, flags, PKT_FLAGS);
	uint32_t ctl;
	uint8_t *p = buf;

	if (f < 0)
		return f;
	ctl = ctl_word(HLK_PACKET_LIN_DMA, flags);
	switch (f) {
	case FAM_GOYA:
		if (flags & HLA_PKT_MEMSET)
			ctl |= HLK_LIN_DMA_GOYA_MEMSET;
		if (flags & HLA_PKT_WRCOMP)
			ctl |= HLK_LIN_DMA_GOYA_WRCOMP;
		break;
	case FAM_GAUDI:
		ctl |= HLK_LIN_DMA_GAUDI_LIN;
		if (flags & HLA_PKT_MEMSET)
			ctl |= HLK_LIN_DMA_GAUDI_MEMSET;
		if (flags & HLA_PKT_WRCOMP)
			ctl |= HLK_LIN_DMA_GAUDI_WR_COMP_EN;
		/* bits 56-63 of dst carry a context id on Gaudi */
		if (dst >> 56)
			return -EINVAL;
		break;
	default:
		if (flags & HLA_PKT_MEMSET)
			ctl |= HLK_LIN_DMA_GAUDI2_MEMSET;
		if (flags & HLA_PKT_WRCOMP)
			ctl |= HLK_LIN_DMA_GAUDI2_WRCOMP;
		break;
	}
	put32(p, size);
	put32(p + 4, ctl);
	put64(p + 8, src);
	put64(p + 16, dst);
	return HLK_PKT_SIZE_LIN_DMA;
}

HLA_EXPORT int hla_pkt_msg_long(uint32_t asic, void *buf, size_t space,
				uint64_t addr, uint32_t value, uint32_t flags)
{
	int f = prepare(asic, buf, space, HLK_PKT_SIZE_MSG_LONG, flags, BARRIERS);
	uint8_t *p = buf;

	if (f < 0)
		return f;
	put32(p, value);
	put32(p + 4, ctl_word(HLK_PACKET_MSG_LONG, flags));
	put64(p + 8, addr);
	return HLK_PKT_SIZE_MSG_LONG;
}

HLA_EXPORT int hla_pkt_msg_short(uint32_t asic, void *buf, size_t space,
				 uint32_t base, uint32_t offset, uint32_t value,
				 uint32_t flags)
{
	int f = prepare(asic, buf, space, HLK_PKT_SIZE_SHORT, flags, BARRIERS);
	uint8_t *p = buf;
	uint32_t ctl;

	if (f < 0)
		return f;
	if (base > 3 || offset > HLK_MSG_SHORT_ADDR_OFFSET_MASK)
		return -EINVAL;
	ctl = ctl_word(HLK_PACKET_MSG_SHORT, flags) | offset |
	      (base << HLK_MSG_SHORT_BASE_SHIFT);
	put32(p, value);
	put32(p + 4, ctl);
	return HLK_PKT_SIZE_SHORT;
}

HLA_EXPORT int hla_pkt_fence(uint32_t asic, void *buf, size_t space, uint32_t id,
			     uint32_t target, uint32_t dec, uint32_t flags)
{
	int f = prepare(asic, buf, space, HLK_PKT_SIZE_SHORT, flags, BARRIERS);
	uint8_t *p = buf;

	if (f < 0)
		return f;
	if (id > 3 || target > 0xFF || dec > HLK_FENCE_DEC_VAL_MASK)
		return -EINVAL;
	put32(p, dec | (target << HLK_FENCE_TARGET_VAL_SHIFT) |
			 (id << HLK_FENCE_ID_SHIFT));
	put32(p + 4, ctl_word(HLK_PACKET_FENCE, flags));
	return HLK_PKT_SIZE_SHORT;
}

HLA_EXPORT int hla_pkt_wreg32(uint32_t asic, void *buf, size_t space,
			      uint32_t reg_offset, uint32_t value, uint32_t flags)
{
	int f = prepare(asic, buf, space, HLK_PKT_SIZE_SHORT, flags, BARRIERS);
	uint8_t *p = buf;
	uint32_t ctl;

	if (f < 0)
		return f;
	if (reg_offset > 0xFFFF)
		return -EINVAL;
	ctl = ctl_word(HLK_PACKET_WREG_32, flags);
	ctl |= f == FAM_GOYA ? reg_offset : reg_offset << 8;
	put32(p, value);
	put32(p + 4, ctl);
	return HLK_PKT_SIZE_SHORT;
}

static int simple_packet(uint32_t asic, void *buf, size_t space, uint32_t op,
			 uint32_t flags)
{
	int f = prepare(asic, buf, space, HLK_PKT_SIZE_SHORT, flags, BARRIERS);
	uint8_t *p = buf;

	if (f < 0)
		return f;
	put32(p, 0);
	put32(p + 4, ctl_word(op, flags));
	return HLK_PKT_SIZE_SHORT;
}

HLA_EXPORT int hla_pkt_nop(uint32_t asic, void *buf, size_t space, uint32_t flags)
{
	return simple_packet(asic, buf, space, HLK_PACKET_NOP, flags);
}

HLA_EXPORT int hla_pkt_stop(uint32_t asic, void *buf, size_t space, uint32_t flags)
{
	return simple_packet(asic, buf, space, HLK_PACKET_STOP, flags);
}
