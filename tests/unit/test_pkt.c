/* SPDX-License-Identifier: MIT */
/*
 * Packet builders.  The expected words are written out from the packet
 * layouts (opcode in ctl bits 24-28, EB 29, RB 30, MB 31), not computed
 * with the library's own code.
 */
#include "unit.h"

static uint32_t w32(const uint8_t *p, int i)
{
	return (uint32_t)kget(p, (size_t)i * 4, 4);
}

static void lin_dma(void **state)
{
	uint8_t b[32];

	(void)state;
	/* Gaudi2: opcode 9, MB: 0x89000000; memset bit 4 */
	assert_int_equal(hla_pkt_lin_dma(HLA_ASIC_GAUDI2, b, 24, 0x1122334455667788ull,
					 0x99AABBCCDDEEFF00ull, 4096, HLA_PKT_MB), 24);
	assert_int_equal(w32(b, 0), 4096);
	assert_int_equal(w32(b, 1), 0x89000000u);
	assert_int_equal(w32(b, 2), 0x55667788u);
	assert_int_equal(w32(b, 3), 0x11223344u);
	assert_int_equal(w32(b, 4), 0xDDEEFF00u);
	assert_int_equal(w32(b, 5), 0x99AABBCCu);
	assert_int_equal(hla_pkt_lin_dma(HLA_ASIC_GAUDI2, b, 24, 0, 0, 1,
					 HLA_PKT_MEMSET | HLA_PKT_EB | HLA_PKT_WRCOMP), 24);
	assert_int_equal(w32(b, 1), 0x29000011u);
	/* Gaudi: the lin bit (3) is always set, RB adds 0x40000000 */
	assert_int_equal(hla_pkt_lin_dma(HLA_ASIC_GAUDI, b, 32, 0, 0x20000000, 8,
					 HLA_PKT_RB | HLA_PKT_MEMSET), 24);
	assert_int_equal(w32(b, 1), 0x49000018u);
	/* Goya: memset bit 6, wrcomp bit 2 */
	assert_int_equal(hla_pkt_lin_dma(HLA_ASIC_GOYA, b, 32, 0, 0, 8,
					 HLA_PKT_MEMSET | HLA_PKT_WRCOMP), 24);
	assert_int_equal(w32(b, 1), 0x09000044u);
	assert_int_equal(hla_pkt_lin_dma(HLA_ASIC_GAUDI2, b, 23, 0, 0, 8, 0), -ENOSPC);
	assert_int_equal(hla_pkt_lin_dma(HLA_ASIC_UNKNOWN, b, 24, 0, 0, 8, 0), -EINVAL);
	assert_int_equal(hla_pkt_lin_dma(HLA_ASIC_GAUDI2, NULL, 24, 0, 0, 8, 0), -EINVAL);
	assert_int_equal(hla_pkt_lin_dma(HLA_ASIC_GAUDI2, b, 24, 0, 0, 8, 0x100), -EINVAL);
	/* Gaudi keeps a context id in the top byte of dst */
	assert_int_equal(hla_pkt_lin_dma(HLA_ASIC_GAUDI, b, 24, 0, 1ull << 56, 8, 0), -EINVAL);
}

static void messages(void **state)
{
	uint8_t b[16];

	(void)state;
	assert_int_equal(hla_pkt_msg_long(HLA_ASIC_GAUDI2, b, 16, 0xFFF0000000000040ull, 0xCAFE,
					  HLA_PKT_MB), 16);
	assert_int_equal(w32(b, 0), 0xCAFE);
	assert_int_equal(w32(b, 1), 0x83000000u);
	assert_int_equal(w32(b, 2), 0x00000040u);
	assert_int_equal(w32(b, 3), 0xFFF00000u);
	/* MSG_SHORT: opcode 4, base in bits 22-23, offset 0-15 */
	assert_int_equal(hla_pkt_msg_short(HLA_ASIC_GAUDI, b, 8, 3, 0x120, 0x80000001u, 0), 8);
	assert_int_equal(w32(b, 0), 0x80000001u);
	assert_int_equal(w32(b, 1), 0x04C00120u);
	assert_int_equal(hla_pkt_msg_short(HLA_ASIC_GAUDI, b, 8, 4, 0, 0, 0), -EINVAL);
	assert_int_equal(hla_pkt_msg_short(HLA_ASIC_GAUDI, b, 8, 0, 0x10000, 0, 0), -EINVAL);
	assert_int_equal(hla_pkt_msg_long(HLA_ASIC_GAUDI2, b, 15, 0, 0, 0), -ENOSPC);
	assert_int_equal(hla_pkt_msg_long(HLA_ASIC_GAUDI2, b, 16, 0, 0, HLA_PKT_MEMSET), -EINVAL);
}

static void fence_wreg_nop_stop(void **state)
{
	uint8_t b[8];

	(void)state;
	/* FENCE: dec 0-3, target 16-23, id 30-31; opcode 8 */
	assert_int_equal(hla_pkt_fence(HLA_ASIC_GAUDI2, b, 8, 2, 5, 1, 0), 8);
	assert_int_equal(w32(b, 0), 0x80050001u);
	assert_int_equal(w32(b, 1), 0x08000000u);
	assert_int_equal(hla_pkt_fence(HLA_ASIC_GAUDI2, b, 8, 4, 1, 1, 0), -EINVAL);
	assert_int_equal(hla_pkt_fence(HLA_ASIC_GAUDI2, b, 8, 0, 256, 1, 0), -EINVAL);
	assert_int_equal(hla_pkt_fence(HLA_ASIC_GAUDI2, b, 8, 0, 1, 16, 0), -EINVAL);
	/* WREG_32: Goya offset in bits 0-15, Gaudi/Gaudi2 in 8-23 */
	assert_int_equal(hla_pkt_wreg32(HLA_ASIC_GOYA, b, 8, 0x1234, 7, 0), 8);
	assert_int_equal(w32(b, 1), 0x01001234u);
	assert_int_equal(hla_pkt_wreg32(HLA_ASIC_GAUDI2, b, 8, 0x1234, 7, HLA_PKT_EB), 8);
	assert_int_equal(w32(b, 0), 7);
	assert_int_equal(w32(b, 1), 0x21123400u);
	assert_int_equal(hla_pkt_wreg32(HLA_ASIC_GAUDI2, b, 8, 0x10000, 7, 0), -EINVAL);
	assert_int_equal(hla_pkt_nop(HLA_ASIC_GAUDI, b, 8, HLA_PKT_MB), 8);
	assert_int_equal(w32(b, 0), 0);
	assert_int_equal(w32(b, 1), 0x8A000000u);
	assert_int_equal(hla_pkt_stop(HLA_ASIC_GAUDI3, b, 8, 0), 8);
	assert_int_equal(w32(b, 1), 0x0B000000u);
	assert_int_equal(hla_pkt_stop(HLA_ASIC_GAUDI3, b, 7, 0), -ENOSPC);
	assert_int_equal(hla_pkt_nop(99, b, 8, 0), -EINVAL);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(lin_dma),
		cmocka_unit_test(messages),
		cmocka_unit_test(fence_wreg_nop_stop),
	};

	return UNIT_MAIN(tests, NULL, NULL);
}
