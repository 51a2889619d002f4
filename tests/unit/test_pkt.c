/* SPDX-License-Identifier: MIT */
/*
 * hla_pkt_write.  The expected words are written out by hand from the
 * packet layouts (opcode in ctl bits 24-28, EB bit 29, RB 30, MB 31, the
 * rest per opcode and ASIC family), not computed with the library's code.
 */
#include "unit.h"

#define FILL 0xCCu

static uint32_t w32(const uint8_t *p, int i)
{
	return (uint32_t)kget(p, (size_t)i * 4, 4);
}

struct expect {
	uint32_t asic;
	struct hla_pkt pkt;
	int bytes;
	uint32_t w[6];
};

#define P(...) { .sz = sizeof(struct hla_pkt), __VA_ARGS__ }
#define SRC 0x1122334455667788ull
#define DST 0x0099AABBCCDDEEFFull
#define GOYA HLA_ASIC_GOYA
#define GAUDI HLA_ASIC_GAUDI
#define GAUDI2 HLA_ASIC_GAUDI2

static const struct expect table[] = {
	/* WREG_32: the register offset in bits 0-15 (Goya) or 8-23 */
	{ GOYA, P(.opcode = HLA_PKT_OP_WREG_32, .reg = 0x1234, .value = 7, .flags = HLA_PKT_EB),
	  8, { 7, 0x21001234u } },
	{ GAUDI, P(.opcode = HLA_PKT_OP_WREG_32, .reg = 0x1234, .value = 7, .flags = HLA_PKT_EB),
	  8, { 7, 0x21123400u } },
	{ GAUDI2, P(.opcode = HLA_PKT_OP_WREG_32, .reg = 0xFFFF, .value = 0xDEADBEEF),
	  8, { 0xDEADBEEFu, 0x01FFFF00u } },
	/* MSG_LONG: value, ctl, 64-bit address */
	{ GOYA, P(.opcode = HLA_PKT_OP_MSG_LONG, .dst = 0xFFF0000000000040ull, .value = 0xCAFE,
		  .flags = HLA_PKT_MB), 16, { 0xCAFE, 0x83000000u, 0x40, 0xFFF00000u } },
	{ GAUDI, P(.opcode = HLA_PKT_OP_MSG_LONG, .dst = 0x7FF0000040ull, .value = 1),
	  16, { 1, 0x03000000u, 0xF0000040u, 0x7F } },
	{ GAUDI2, P(.opcode = HLA_PKT_OP_MSG_LONG, .dst = 0xFFF0000000000040ull, .value = 0xCAFE,
		    .flags = HLA_PKT_MB), 16, { 0xCAFE, 0x83000000u, 0x40, 0xFFF00000u } },
	/* MSG_SHORT: offset in bits 0-15, base in 22-23 */
	{ GOYA, P(.opcode = HLA_PKT_OP_MSG_SHORT, .base = 1, .reg = 0x8, .value = 2),
	  8, { 2, 0x04400008u } },
	{ GAUDI, P(.opcode = HLA_PKT_OP_MSG_SHORT, .base = 3, .reg = 0x120, .value = 0x80000001u),
	  8, { 0x80000001u, 0x04C00120u } },
	{ GAUDI2, P(.opcode = HLA_PKT_OP_MSG_SHORT, .base = 2, .reg = 0xFFFF, .value = 5,
		    .flags = HLA_PKT_RB), 8, { 5, 0x4480FFFFu } },
	/* CP_DMA: transfer size, ctl, source */
	{ GOYA, P(.opcode = HLA_PKT_OP_CP_DMA, .src = SRC, .size = 0x1000, .flags = HLA_PKT_RB),
	  16, { 0x1000, 0x45000000u, 0x55667788u, 0x11223344u } },
	{ GAUDI, P(.opcode = HLA_PKT_OP_CP_DMA, .src = SRC, .size = 64),
	  16, { 64, 0x05000000u, 0x55667788u, 0x11223344u } },
	{ GAUDI2, P(.opcode = HLA_PKT_OP_CP_DMA, .src = SRC, .size = 0xFFFFFFFFu,
		    .flags = HLA_PKT_MB | HLA_PKT_EB),
	  16, { 0xFFFFFFFFu, 0xA5000000u, 0x55667788u, 0x11223344u } },
	/* FENCE: dec in bits 0-3, target 16-23, id 30-31 */
	{ GOYA, P(.opcode = HLA_PKT_OP_FENCE, .fence_id = 2, .fence_target = 5, .fence_dec = 1),
	  8, { 0x80050001u, 0x08000000u } },
	{ GAUDI, P(.opcode = HLA_PKT_OP_FENCE, .fence_id = 3, .fence_target = 0xFF,
		   .fence_dec = 0xF), 8, { 0xC0FF000Fu, 0x08000000u } },
	{ GAUDI2, P(.opcode = HLA_PKT_OP_FENCE, .fence_id = 0, .fence_target = 1, .fence_dec = 1,
		    .flags = HLA_PKT_MB), 8, { 0x00010001u, 0x88000000u } },
	/* LIN_DMA: size, ctl, source, destination; the ctl bits differ */
	{ GOYA, P(.opcode = HLA_PKT_OP_LIN_DMA, .src = SRC, .dst = DST, .size = 8,
		  .flags = HLA_PKT_MEMSET | HLA_PKT_WRCOMP),
	  24, { 8, 0x09000044u, 0x55667788u, 0x11223344u, 0xCCDDEEFFu, 0x0099AABBu } },
	{ GAUDI, P(.opcode = HLA_PKT_OP_LIN_DMA, .src = SRC, .dst = 0x20000000, .size = 8,
		   .flags = HLA_PKT_RB | HLA_PKT_MEMSET),
	  24, { 8, 0x49000018u, 0x55667788u, 0x11223344u, 0x20000000u, 0 } },
	{ GAUDI, P(.opcode = HLA_PKT_OP_LIN_DMA, .src = SRC, .dst = DST, .size = 1,
		   .flags = HLA_PKT_WRCOMP),
	  24, { 1, 0x09000009u, 0x55667788u, 0x11223344u, 0xCCDDEEFFu, 0x0099AABBu } },
	{ GAUDI2, P(.opcode = HLA_PKT_OP_LIN_DMA, .src = SRC, .dst = DST, .size = 4096,
		    .flags = HLA_PKT_MB),
	  24, { 4096, 0x89000000u, 0x55667788u, 0x11223344u, 0xCCDDEEFFu, 0x0099AABBu } },
	{ GAUDI2, P(.opcode = HLA_PKT_OP_LIN_DMA, .src = 0, .dst = 0, .size = 1,
		    .flags = HLA_PKT_MEMSET | HLA_PKT_EB | HLA_PKT_WRCOMP),
	  24, { 1, 0x29000011u, 0, 0, 0, 0 } },
	/* NOP and STOP: a bare ctl word */
	{ GOYA, P(.opcode = HLA_PKT_OP_NOP), 8, { 0, 0x0A000000u } },
	{ GAUDI, P(.opcode = HLA_PKT_OP_NOP, .flags = HLA_PKT_MB), 8, { 0, 0x8A000000u } },
	{ GAUDI2, P(.opcode = HLA_PKT_OP_NOP, .flags = HLA_PKT_EB | HLA_PKT_RB | HLA_PKT_MB),
	  8, { 0, 0xEA000000u } },
	{ GOYA, P(.opcode = HLA_PKT_OP_STOP, .flags = HLA_PKT_EB), 8, { 0, 0x2B000000u } },
	{ GAUDI, P(.opcode = HLA_PKT_OP_STOP), 8, { 0, 0x0B000000u } },
	{ GAUDI2, P(.opcode = HLA_PKT_OP_STOP), 8, { 0, 0x0B000000u } },
	/* LOAD_AND_EXE: cfg (bit 0: destination registers), ctl, source */
	{ GAUDI, P(.opcode = HLA_PKT_OP_LOAD_AND_EXE, .src = SRC, .flags = HLA_PKT_LOAD_DST),
	  16, { 1, 0x0F000000u, 0x55667788u, 0x11223344u } },
	{ GAUDI2, P(.opcode = HLA_PKT_OP_LOAD_AND_EXE, .src = SRC, .flags = HLA_PKT_MB),
	  16, { 0, 0x8F000000u, 0x55667788u, 0x11223344u } },
};

/* write into a filled buffer: the bytes after the packet stay as they were */
static int write_pkt(uint32_t asic, const struct hla_pkt *p, uint8_t *b, size_t space)
{
	int n;

	memset(b, FILL, 64);
	n = hla_pkt_write(asic, p, b, space);
	assert_true(all_bytes(b + (n > 0 ? n : 0), 64 - (size_t)(n > 0 ? n : 0), FILL));
	return n;
}

static void every_opcode(void **state)
{
	uint8_t b[64];

	(void)state;
	for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++) {
		const struct expect *e = &table[i];

		assert_int_equal(write_pkt(e->asic, &e->pkt, b, 64), e->bytes);
		for (int w = 0; w < e->bytes / 4; w++)
			if (w32(b, w) != e->w[w])
				fail_msg("packet %zu (asic %u, opcode %u) word %d: 0x%08x, want 0x%08x",
					 i, e->asic, e->pkt.opcode, w, w32(b, w), e->w[w]);
		/* exactly the room it needs is enough, one byte less is not */
		assert_int_equal(write_pkt(e->asic, &e->pkt, b, (size_t)e->bytes), e->bytes);
		assert_int_equal(write_pkt(e->asic, &e->pkt, b, (size_t)e->bytes - 1), -ENOSPC);
		assert_true(all_bytes(b, 64, FILL));
	}
}

/* Gaudi2's variants and Gaudi3 build Gaudi2's packets, Gaudi SEC Gaudi's */
static void same_family(void **state)
{
	static const uint32_t g2[] = { HLA_ASIC_GAUDI2B, HLA_ASIC_GAUDI2C, HLA_ASIC_GAUDI2D,
				       HLA_ASIC_GAUDI2E, HLA_ASIC_GAUDI3 };
	uint8_t a[64], b[64];

	(void)state;
	for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++) {
		const struct expect *e = &table[i];

		if (e->asic == GAUDI) {
			assert_int_equal(write_pkt(HLA_ASIC_GAUDI_SEC, &e->pkt, b, 64), e->bytes);
			assert_int_equal(w32(b, 1), e->w[1]);
		}
		if (e->asic != GAUDI2)
			continue;
		assert_int_equal(write_pkt(GAUDI2, &e->pkt, a, 64), e->bytes);
		for (size_t j = 0; j < sizeof(g2) / sizeof(g2[0]); j++) {
			assert_int_equal(write_pkt(g2[j], &e->pkt, b, 64), e->bytes);
			assert_memory_equal(a, b, 64);
		}
	}
}

/* which fields each opcode reads (hlaccel.h) */
#define F_SRC 0x1u
#define F_DST 0x2u
#define F_SIZE 0x4u
#define F_VALUE 0x8u
#define F_REG 0x10u
#define F_BASE 0x20u
#define F_FENCE 0x40u

static const struct {
	uint32_t opcode;
	uint32_t reads;
} readers[] = {
	{ HLA_PKT_OP_WREG_32, F_REG | F_VALUE },
	{ HLA_PKT_OP_MSG_LONG, F_DST | F_VALUE },
	{ HLA_PKT_OP_MSG_SHORT, F_BASE | F_REG | F_VALUE },
	{ HLA_PKT_OP_CP_DMA, F_SRC | F_SIZE },
	{ HLA_PKT_OP_FENCE, F_FENCE },
	{ HLA_PKT_OP_LIN_DMA, F_SRC | F_DST | F_SIZE },
	{ HLA_PKT_OP_NOP, 0 },
	{ HLA_PKT_OP_STOP, 0 },
	{ HLA_PKT_OP_LOAD_AND_EXE, F_SRC },
};

/* set field k (0..9) of p to 1; returns the F_* that reads it (0: none) */
static uint32_t poke(struct hla_pkt *p, int k)
{
	switch (k) {
	case 0: p->src = 1; return F_SRC;
	case 1: p->dst = 1; return F_DST;
	case 2: p->size = 1; return F_SIZE;
	case 3: p->value = 1; return F_VALUE;
	case 4: p->reg = 1; return F_REG;
	case 5: p->base = 1; return F_BASE;
	case 6: p->fence_id = 1; return F_FENCE;
	case 7: p->fence_target = 1; return F_FENCE;
	case 8: p->fence_dec = 1; return F_FENCE;
	default: p->reserved0 = 1; return 0;
	}
}

/* a field the opcode does not read must be zero, on every ASIC */
static void unused_fields(void **state)
{
	static const uint32_t asics[] = { GOYA, GAUDI, GAUDI2 };
	uint8_t b[64];

	(void)state;
	for (size_t i = 0; i < sizeof(readers) / sizeof(readers[0]); i++) {
		for (int k = 0; k < 10; k++) {
			HLA_STRUCT_INIT(hla_pkt, p);
			uint32_t f;

			p.opcode = readers[i].opcode;
			f = poke(&p, k);
			for (size_t a = 0; a < 3; a++) {
				int n = write_pkt(asics[a], &p, b, 64);

				if (f & readers[i].reads)
					assert_true(n > 0 || n == -EOPNOTSUPP);
				else
					assert_int_equal(n, -EINVAL);
			}
		}
	}
}

static void bad_flags_and_values(void **state)
{
	HLA_STRUCT_INIT(hla_pkt, p);
	uint8_t b[64];

	(void)state;
	p.opcode = HLA_PKT_OP_NOP;
	p.flags = HLA_PKT_MEMSET; /* LIN_DMA's only */
	assert_int_equal(write_pkt(GAUDI2, &p, b, 64), -EINVAL);
	p.flags = HLA_PKT_LOAD_DST; /* LOAD_AND_EXE's only */
	assert_int_equal(write_pkt(GAUDI2, &p, b, 64), -EINVAL);
	p.flags = 0x40;
	assert_int_equal(write_pkt(GAUDI2, &p, b, 64), -EINVAL);
	p.flags = 0;
	p.opcode = HLA_PKT_OP_WREG_32;
	p.reg = 0x10000;
	assert_int_equal(write_pkt(GAUDI2, &p, b, 64), -EINVAL);
	p.opcode = HLA_PKT_OP_MSG_SHORT;
	p.reg = 0;
	p.base = 4;
	assert_int_equal(write_pkt(GAUDI, &p, b, 64), -EINVAL);
	p.base = 0;
	p.reg = 0x10000;
	assert_int_equal(write_pkt(GAUDI, &p, b, 64), -EINVAL);
	p.reg = 0;
	p.opcode = HLA_PKT_OP_FENCE;
	p.fence_id = 4;
	assert_int_equal(write_pkt(GAUDI2, &p, b, 64), -EINVAL);
	p.fence_id = 0;
	p.fence_target = 0x100;
	assert_int_equal(write_pkt(GAUDI2, &p, b, 64), -EINVAL);
	p.fence_target = 0;
	p.fence_dec = 0x10;
	assert_int_equal(write_pkt(GAUDI2, &p, b, 64), -EINVAL);
	p.fence_dec = 0;
	p.opcode = HLA_PKT_OP_LIN_DMA;
	p.size = (uint64_t)UINT32_MAX + 1;
	assert_int_equal(write_pkt(GAUDI2, &p, b, 64), -EINVAL);
	p.opcode = HLA_PKT_OP_CP_DMA;
	assert_int_equal(write_pkt(GAUDI2, &p, b, 64), -EINVAL);
	/* Gaudi keeps a context id in the top byte of a LIN_DMA destination */
	p.opcode = HLA_PKT_OP_LIN_DMA;
	p.size = 8;
	p.dst = 1ull << 56;
	assert_int_equal(write_pkt(GAUDI, &p, b, 64), -EINVAL);
	assert_int_equal(write_pkt(GAUDI2, &p, b, 64), 24);
}

static void bad_calls(void **state)
{
	HLA_STRUCT_INIT(hla_pkt, p);
	static const uint32_t unknown[] = { 0, 2, 6, 7, 0xC, 0xD, 0xE, 0x10, 0xFFFFFFFFu };
	uint8_t b[64];

	(void)state;
	for (size_t i = 0; i < sizeof(unknown) / sizeof(unknown[0]); i++) {
		p.opcode = unknown[i];
		assert_int_equal(write_pkt(GAUDI2, &p, b, 64), -EINVAL);
	}
	/* Goya has no LOAD_AND_EXE */
	p.opcode = HLA_PKT_OP_LOAD_AND_EXE;
	p.src = 0x1000;
	assert_int_equal(write_pkt(GOYA, &p, b, 64), -EOPNOTSUPP);
	p.src = 0;
	p.opcode = HLA_PKT_OP_NOP;
	assert_int_equal(write_pkt(HLA_ASIC_UNKNOWN, &p, b, 64), -EINVAL);
	assert_int_equal(write_pkt(99, &p, b, 64), -EINVAL);
	assert_int_equal(hla_pkt_write(GAUDI2, NULL, b, 64), -EINVAL);
	assert_int_equal(hla_pkt_write(GAUDI2, &p, NULL, 64), -EINVAL);
	assert_int_equal(write_pkt(GAUDI2, &p, b, 0), -ENOSPC);
	/* no device and no system call is involved */
	assert_int_equal(mock_syscall_count(), 0);
	assert_int_equal(mock_ioctl_count(), 0);
}

static int setup(void **state)
{
	(void)state;
	mock_reset();
	return 0;
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_opcode),
		cmocka_unit_test(same_family),
		cmocka_unit_test(unused_fields),
		cmocka_unit_test(bad_flags_and_values),
		cmocka_unit_test_setup(bad_calls, setup),
	};

	return UNIT_MAIN(tests, NULL, NULL);
}
