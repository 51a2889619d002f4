/* SPDX-License-Identifier: MIT */
/* DEBUG: every op with its parameter block. */
#include "unit.h"

static struct hlk_debug_args last_dbg(void)
{
	struct hlk_debug_args a;

	EXPECT_REQ(HLK_CMD_DEBUG);
	memcpy(&a, mock_ioctl_last()->in, sizeof(a));
	assert_int_equal(a.ctx_id, 0);
	return a;
}

/* the kernel copies the parameter block during the call: capture it */
static uint8_t seen[128];
static int capture(int fd, unsigned long req, void *arg, void *priv)
{
	struct hlk_debug_args *a = arg;

	(void)fd;
	(void)req;
	(void)priv;
	memset(seen, 0, sizeof(seen));
	if (a->input_ptr)
		memcpy(seen, (void *)(uintptr_t)a->input_ptr, a->input_size);
	return 0;
}

static void mode(void **state)
{
	(void)state;
	assert_int_equal(hla_debug_set_mode(U, 5), 0);
	assert_int_equal(last_dbg().op, HLK_DEBUG_OP_SET_MODE);
	assert_int_equal(last_dbg().enable, 1);
	assert_int_equal(hla_debug_set_mode(U, 0), 0);
	assert_int_equal(last_dbg().enable, 0);
	mock_ioctl_push_errno(EFAULT);
	assert_int_equal(hla_debug_set_mode(U, 0), -EFAULT);
	assert_int_equal(hla_debug_set_mode(NULL, 1), -EINVAL);
	assert_int_equal(hla_debug_timestamp(U, 1), 0);
	assert_int_equal(last_dbg().op, HLK_DEBUG_OP_TIMESTAMP);
	assert_int_equal(hla_debug_funnel(U, 4, 1), 0);
	assert_int_equal(last_dbg().op, HLK_DEBUG_OP_FUNNEL);
	assert_int_equal(last_dbg().reg_idx, 4);
	assert_int_equal(last_dbg().input_size, 0);
}

static void params(void **state)
{
	HLA_STRUCT_INIT(hla_debug_etr, etr);
	HLA_STRUCT_INIT(hla_debug_etf, etf);
	HLA_STRUCT_INIT(hla_debug_stm, stm);
	HLA_STRUCT_INIT(hla_debug_bmon, bmon);
	HLA_STRUCT_INIT(hla_debug_spmu, spmu);
	uint64_t outbuf[2];
	struct hlk_debug_args a;

	(void)state;
	etr.buffer_address = 0x1000;
	etr.buffer_size = 0x2000;
	etr.sink_mode = 3;
	mock_ioctl_push(capture, NULL);
	assert_int_equal(hla_debug_etr(U, 2, 1, &etr, outbuf, sizeof(outbuf)), 0);
	a = last_dbg();
	assert_int_equal(a.op, HLK_DEBUG_OP_ETR);
	assert_int_equal(a.reg_idx, 2);
	assert_int_equal(a.enable, 1);
	assert_int_equal(a.input_size, sizeof(struct hlk_debug_params_etr));
	assert_int_equal(a.output_ptr, (uint64_t)(uintptr_t)outbuf);
	assert_int_equal(a.output_size, sizeof(outbuf));
	EXPECT_FIELD(0x1000, seen, struct hlk_debug_params_etr, buffer_address);
	EXPECT_FIELD(0x2000, seen, struct hlk_debug_params_etr, buffer_size);
	EXPECT_FIELD(3, seen, struct hlk_debug_params_etr, sink_mode);
	etf.buffer_address = 0x3000;
	etf.sink_mode = 1;
	mock_ioctl_push(capture, NULL);
	assert_int_equal(hla_debug_etf(U, 1, 1, &etf), 0);
	assert_int_equal(last_dbg().op, HLK_DEBUG_OP_ETF);
	EXPECT_FIELD(0x3000, seen, struct hlk_debug_params_etf, buffer_address);
	stm.he_mask = 0xF0;
	stm.sp_mask = 0x0F;
	stm.id = 7;
	stm.frequency = 1000;
	mock_ioctl_push(capture, NULL);
	assert_int_equal(hla_debug_stm(U, 0, 1, &stm), 0);
	assert_int_equal(last_dbg().op, HLK_DEBUG_OP_STM);
	EXPECT_FIELD(0xF0, seen, struct hlk_debug_params_stm, he_mask);
	EXPECT_FIELD(0x0F, seen, struct hlk_debug_params_stm, sp_mask);
	EXPECT_FIELD(7, seen, struct hlk_debug_params_stm, id);
	EXPECT_FIELD(1000, seen, struct hlk_debug_params_stm, frequency);
	bmon.start_addr0 = 1;
	bmon.addr_mask0 = 2;
	bmon.start_addr1 = 3;
	bmon.addr_mask1 = 4;
	bmon.bw_win = 5;
	bmon.win_capture = 6;
	bmon.id = 7;
	bmon.control = 8;
	bmon.start_addr2 = 9;
	bmon.end_addr2 = 10;
	bmon.start_addr3 = 11;
	bmon.end_addr3 = 12;
	mock_ioctl_push(capture, NULL);
	assert_int_equal(hla_debug_bmon(U, 3, 1, &bmon), 0);
	assert_int_equal(last_dbg().op, HLK_DEBUG_OP_BMON);
	assert_int_equal(last_dbg().input_size, 80);
	EXPECT_FIELD(1, seen, struct hlk_debug_params_bmon, start_addr0);
	EXPECT_FIELD(4, seen, struct hlk_debug_params_bmon, addr_mask1);
	EXPECT_FIELD(5, seen, struct hlk_debug_params_bmon, bw_win);
	EXPECT_FIELD(8, seen, struct hlk_debug_params_bmon, control);
	EXPECT_FIELD(12, seen, struct hlk_debug_params_bmon, end_addr3);
	spmu.event_types[0] = 0x11;
	spmu.event_types[9] = 0x99;
	spmu.event_types_num = 10;
	spmu.pmtrc_val = 1;
	spmu.trc_ctrl_host_val = 2;
	spmu.trc_en_host_val = 3;
	mock_ioctl_push(capture, NULL);
	assert_int_equal(hla_debug_spmu(U, 5, 1, &spmu, NULL, 0), 0);
	assert_int_equal(last_dbg().op, HLK_DEBUG_OP_SPMU);
	assert_int_equal(last_dbg().input_size, 96);
	EXPECT_FIELD(10, seen, struct hlk_debug_params_spmu, event_types_num);
	EXPECT_FIELD(3, seen, struct hlk_debug_params_spmu, trc_en_host_val);
	assert_int_equal(kget(seen, 72, 8), 0x99);
	/* disabling needs no parameters */
	assert_int_equal(hla_debug_etr(U, 2, 0, NULL, NULL, 0), 0);
	assert_int_equal(last_dbg().input_ptr, 0);
	{
		unsigned int before = mock_ioctl_count();

		assert_int_equal(hla_debug_etr(U, 2, 1, NULL, NULL, 0), -EINVAL);
		assert_int_equal(hla_debug_stm(U, 2, 1, NULL), -EINVAL);
		assert_int_equal(hla_debug_etr(U, 2, 0, NULL, NULL, 8), -EINVAL);
		spmu.event_types_num = 11;
		assert_int_equal(hla_debug_spmu(U, 5, 1, &spmu, NULL, 0), -EINVAL);
		etf.sz = 0;
		assert_int_equal(hla_debug_etf(U, 1, 1, &etf), -EINVAL);
		assert_int_equal(mock_ioctl_count(), before);
	}
}

int main(int argc, char **argv)
{
#define T(f) cmocka_unit_test_setup_teardown(f, unit_open, unit_close)
	const struct CMUnitTest tests[] = { T(mode), T(params) };

	return UNIT_MAIN(tests, NULL, NULL);
}
