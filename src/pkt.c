/* SPDX-License-Identifier: MIT */
/*
 * Command-buffer packets.  Packets are built with explicit shifts and
 * stored little-endian, whatever the host byte order.  A field that the
 * opcode does not read must be zero, so that a mistake shows and a later
 * version can give the field a meaning.
 */
#include "hla_internal.h"

enum family { FAM_BAD, FAM_GOYA, FAM_GAUDI, FAM_GAUDI2 };

#define BARRIERS (HLA_PKT_EB | HLA_PKT_MB | HLA_PKT_RB)

/* fields of struct hla_pkt an opcode reads */
#define F_SRC 0x1u
#define F_DST 0x2u
#define F_SIZE 0x4u
#define F_VALUE 0x8u
#define F_REG 0x10u
#define F_BASE 0x20u
#define F_FENCE 0x40u

struct pkt_kind {
	uint32_t opcode;
	uint32_t bytes;
	uint32_t fields;
	uint32_t flags; /* HLA_PKT_* it accepts */
	bool goya;      /* Goya has it */
};

static const struct pkt_kind kinds[] = {
	{ HLA_PKT_OP_WREG_32, 8, F_REG | F_VALUE, BARRIERS, true },
	{ HLA_PKT_OP_MSG_LONG, 16, F_DST | F_VALUE, BARRIERS, true },
	{ HLA_PKT_OP_MSG_SHORT, 8, F_BASE | F_REG | F_VALUE, BARRIERS, true },
	{ HLA_PKT_OP_CP_DMA, 16, F_SRC | F_SIZE, BARRIERS, true },
	{ HLA_PKT_OP_FENCE, 8, F_FENCE, BARRIERS, true },
	{ HLA_PKT_OP_LIN_DMA, 24, F_SRC | F_DST | F_SIZE,
	  BARRIERS | HLA_PKT_MEMSET | HLA_PKT_WRCOMP, true },
	{ HLA_PKT_OP_NOP, 8, 0, BARRIERS, true },
	{ HLA_PKT_OP_STOP, 8, 0, BARRIERS, true },
	{ HLA_PKT_OP_LOAD_AND_EXE, 16, F_SRC, BARRIERS | HLA_PKT_LOAD_DST, false },
};

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
	case HLA_ASIC_GAUDI2E:
	case HLA_ASIC_GAUDI3:
	case HLA_ASIC_GAUDI3D:
	case HLA_ASIC_GAUDI3E:
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

/* every field the opcode does not read is zero */
static bool unused_zero(const struct hla_pkt *p, uint32_t fields)
{
	return !(((fields & F_SRC) ? 0 : p->src) | ((fields & F_DST) ? 0 : p->dst) |
		 ((fields & F_SIZE) ? 0 : p->size) |
		 ((fields & F_VALUE) ? 0 : p->value) | ((fields & F_REG) ? 0 : p->reg) |
		 ((fields & F_BASE) ? 0 : p->base) |
		 ((fields & F_FENCE) ? 0 : p->fence_id | p->fence_target | p->fence_dec) |
		 p->reserved0);
}

static uint32_t lin_dma_ctl(enum family f, uint32_t flags)
{
	bool memset_ = flags & HLA_PKT_MEMSET, wrcomp = flags & HLA_PKT_WRCOMP;

	switch (f) {
	case FAM_GOYA:
		return (memset_ ? HLK_LIN_DMA_GOYA_MEMSET : 0) |
		       (wrcomp ? HLK_LIN_DMA_GOYA_WRCOMP : 0);
	case FAM_GAUDI:
		return HLK_LIN_DMA_GAUDI_LIN |
		       (memset_ ? HLK_LIN_DMA_GAUDI_MEMSET : 0) |
		       (wrcomp ? HLK_LIN_DMA_GAUDI_WR_COMP_EN : 0);
	default:
		return (memset_ ? HLK_LIN_DMA_GAUDI2_MEMSET : 0) |
		       (wrcomp ? HLK_LIN_DMA_GAUDI2_WRCOMP : 0);
	}
}

/* the first word and the opcode-specific part of ctl; -EINVAL on a bad field */
static int words(enum family f, const struct hla_pkt *p, uint32_t *w0, uint32_t *ctl)
{
	switch (p->opcode) {
	case HLA_PKT_OP_WREG_32:
		if (p->reg > 0xFFFF)
			return -EINVAL;
		*w0 = p->value;
		*ctl |= f == FAM_GOYA ? p->reg : p->reg << 8;
		return 0;
	case HLA_PKT_OP_MSG_SHORT:
		if (p->base > 3 || p->reg > HLK_MSG_SHORT_ADDR_OFFSET_MASK)
			return -EINVAL;
		*w0 = p->value;
		*ctl |= p->reg | (p->base << HLK_MSG_SHORT_BASE_SHIFT);
		return 0;
	case HLA_PKT_OP_FENCE:
		if (p->fence_id > 3 || p->fence_target > 0xFF ||
		    p->fence_dec > HLK_FENCE_DEC_VAL_MASK)
			return -EINVAL;
		*w0 = p->fence_dec | (p->fence_target << HLK_FENCE_TARGET_VAL_SHIFT) |
		      (p->fence_id << HLK_FENCE_ID_SHIFT);
		return 0;
	case HLA_PKT_OP_LIN_DMA:
		/* bits 56-63 of dst carry a context id on Gaudi */
		if (p->size > UINT32_MAX || (f == FAM_GAUDI && p->dst >> 56))
			return -EINVAL;
		*w0 = (uint32_t)p->size;
		*ctl |= lin_dma_ctl(f, p->flags);
		return 0;
	case HLA_PKT_OP_CP_DMA:
		if (p->size > UINT32_MAX)
			return -EINVAL;
		*w0 = (uint32_t)p->size;
		return 0;
	case HLA_PKT_OP_LOAD_AND_EXE:
		*w0 = p->flags & HLA_PKT_LOAD_DST ? 1u : 0u;
		return 0;
	default: /* MSG_LONG: value; NOP, STOP: nothing */
		*w0 = p->value;
		return 0;
	}
}

HLA_EXPORT int hla_pkt_write(uint32_t asic, const struct hla_pkt *pkt, void *buf,
			     size_t space)
{
	enum family f = family_of(asic);
	const struct pkt_kind *k = NULL;
	struct hla_pkt tmp;
	uint32_t w0, ctl;
	uint8_t *p = buf;
	int ret;

	if (f == FAM_BAD || !pkt || !buf)
		return -EINVAL;
	if (hla__sz(pkt) != sizeof(*pkt)) {
		ret = hla__in_copy(&tmp, pkt, sizeof(tmp));
		if (ret)
			return ret;
		pkt = &tmp;
	}
	for (size_t i = 0; i < HLA_ARRAY_SIZE(kinds); i++)
		if (kinds[i].opcode == pkt->opcode)
			k = &kinds[i];
	if (!k || (pkt->flags & ~k->flags) || !unused_zero(pkt, k->fields))
		return -EINVAL;
	if (f == FAM_GOYA && !k->goya)
		return -EOPNOTSUPP;
	if (space < k->bytes)
		return -ENOSPC;
	ctl = ctl_word(pkt->opcode, pkt->flags);
	ret = words(f, pkt, &w0, &ctl);
	if (ret)
		return ret;
	put32(p, w0);
	put32(p + 4, ctl);
	if (k->fields & (F_SRC | F_DST) && pkt->opcode != HLA_PKT_OP_MSG_LONG)
		put64(p + 8, pkt->src);
	if (pkt->opcode == HLA_PKT_OP_MSG_LONG)
		put64(p + 8, pkt->dst);
	if (pkt->opcode == HLA_PKT_OP_LIN_DMA)
		put64(p + 16, pkt->dst);
	return (int)k->bytes;
}
