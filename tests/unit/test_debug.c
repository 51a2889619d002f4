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

/* an op without parameters: op, register, enable and nothing else */
static void expect_plain(uint32_t op, uint32_t reg_idx, uint32_t enable)
{
	struct hlk_debug_args a = last_dbg();

	assert_int_equal(a.op, op);
	assert_int_equal(a.reg_idx, reg_idx);
	assert_int_equal(a.enable, enable);
	assert_int_equal(a.input_ptr | a.output_ptr, 0);
	assert_int_equal(a.input_size | a.output_size, 0);
}

static void mode(void **state)
{
	(void)state;
	EXPECT_ONE_IOCTL(hla_debug_set_mode(U, HLA_DEBUG_ENABLE), 0);
	expect_plain(HLK_DEBUG_OP_SET_MODE, 0, 1);
	EXPECT_ONE_IOCTL(hla_debug_set_mode(U, 0), 0);
	expect_plain(HLK_DEBUG_OP_SET_MODE, 0, 0);
	mock_ioctl_push_errno(EFAULT);
	EXPECT_ONE_IOCTL(hla_debug_set_mode(U, 0), -EFAULT);
	mock_ioctl_push_errno(EINTR);
	EXPECT_ONE_IOCTL(hla_debug_set_mode(U, 0), -EINTR);
	EXPECT_NO_IOCTL(hla_debug_set_mode(NULL, HLA_DEBUG_ENABLE), -EINVAL);
	/* flags, not a boolean: unknown bits are refused */
	EXPECT_NO_IOCTL(hla_debug_set_mode(U, 5), -EINVAL);
	EXPECT_NO_IOCTL(hla_debug_set_mode(U, 2), -EINVAL);
}

static void timestamp_and_funnel(void **state)
{
	(void)state;
	EXPECT_ONE_IOCTL(hla_debug_configure_timestamp(U, HLA_DEBUG_ENABLE), 0);
	expect_plain(HLK_DEBUG_OP_TIMESTAMP, 0, 1);
	EXPECT_ONE_IOCTL(hla_debug_configure_timestamp(U, 0), 0);
	expect_plain(HLK_DEBUG_OP_TIMESTAMP, 0, 0);
	EXPECT_ONE_IOCTL(hla_debug_configure_funnel(U, 4, HLA_DEBUG_ENABLE), 0);
	expect_plain(HLK_DEBUG_OP_FUNNEL, 4, 1);
	EXPECT_ONE_IOCTL(hla_debug_configure_funnel(U, 9, 0), 0);
	expect_plain(HLK_DEBUG_OP_FUNNEL, 9, 0);
	mock_ioctl_push_errno(EPERM);
	EXPECT_ONE_IOCTL(hla_debug_configure_funnel(U, 4, 0), -EPERM);
	mock_ioctl_push_errno(EPERM);
	EXPECT_ONE_IOCTL(hla_debug_configure_timestamp(U, 0), -EPERM);
	EXPECT_NO_IOCTL(hla_debug_configure_timestamp(U, 3), -EINVAL);
	EXPECT_NO_IOCTL(hla_debug_configure_timestamp(NULL, 0), -EINVAL);
	EXPECT_NO_IOCTL(hla_debug_configure_funnel(U, 4, 0x10), -EINVAL);
	EXPECT_NO_IOCTL(hla_debug_configure_funnel(NULL, 4, 0), -EINVAL);
}

static void params_etr_etf(void **state)
{
	HLA_STRUCT_INIT(hla_debug_etr, etr);
	HLA_STRUCT_INIT(hla_debug_etf, etf);
	uint64_t outbuf[2];
	struct hlk_debug_args a;

	(void)state;
	etr.buffer_address = 0x1000;
	etr.buffer_size = 0x2000;
	etr.sink_mode = 3;
	mock_ioctl_push(capture, NULL);
	EXPECT_ONE_IOCTL(hla_debug_configure_etr(U, 2, HLA_DEBUG_ENABLE, &etr, outbuf,
						 sizeof(outbuf)), 0);
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
	EXPECT_FIELD(0, seen, struct hlk_debug_params_etr, pad);
	etf.buffer_address = 0x3000;
	etf.buffer_size = 0x4000;
	etf.sink_mode = 1;
	mock_ioctl_push(capture, NULL);
	EXPECT_ONE_IOCTL(hla_debug_configure_etf(U, 1, HLA_DEBUG_ENABLE, &etf), 0);
	a = last_dbg();
	assert_int_equal(a.op, HLK_DEBUG_OP_ETF);
	assert_int_equal(a.reg_idx, 1);
	assert_int_equal(a.input_size, sizeof(struct hlk_debug_params_etf));
	assert_int_equal(a.output_ptr | a.output_size, 0);
	EXPECT_FIELD(0x3000, seen, struct hlk_debug_params_etf, buffer_address);
	EXPECT_FIELD(0x4000, seen, struct hlk_debug_params_etf, buffer_size);
	EXPECT_FIELD(1, seen, struct hlk_debug_params_etf, sink_mode);
	/* disabling needs no parameters */
	EXPECT_ONE_IOCTL(hla_debug_configure_etr(U, 2, 0, NULL, NULL, 0), 0);
	assert_int_equal(last_dbg().input_ptr, 0);
	assert_int_equal(last_dbg().enable, 0);
}

static void params_stm_bmon(void **state)
{
	HLA_STRUCT_INIT(hla_debug_stm, stm);
	HLA_STRUCT_INIT(hla_debug_bmon, bmon);
	typedef struct hlk_debug_params_bmon B;

	(void)state;
	stm.he_mask = 0xF0;
	stm.sp_mask = 0x0F;
	stm.id = 7;
	stm.frequency = 1000;
	mock_ioctl_push(capture, NULL);
	EXPECT_ONE_IOCTL(hla_debug_configure_stm(U, 0, HLA_DEBUG_ENABLE, &stm), 0);
	assert_int_equal(last_dbg().op, HLK_DEBUG_OP_STM);
	assert_int_equal(last_dbg().input_size, sizeof(struct hlk_debug_params_stm));
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
	EXPECT_ONE_IOCTL(hla_debug_configure_bmon(U, 3, HLA_DEBUG_ENABLE, &bmon), 0);
	assert_int_equal(last_dbg().op, HLK_DEBUG_OP_BMON);
	assert_int_equal(last_dbg().reg_idx, 3);
	assert_int_equal(last_dbg().input_size, 80);
	EXPECT_FIELD(1, seen, B, start_addr0);
	EXPECT_FIELD(2, seen, B, addr_mask0);
	EXPECT_FIELD(3, seen, B, start_addr1);
	EXPECT_FIELD(4, seen, B, addr_mask1);
	EXPECT_FIELD(5, seen, B, bw_win);
	EXPECT_FIELD(6, seen, B, win_capture);
	EXPECT_FIELD(7, seen, B, id);
	EXPECT_FIELD(8, seen, B, control);
	EXPECT_FIELD(9, seen, B, start_addr2);
	EXPECT_FIELD(10, seen, B, end_addr2);
	EXPECT_FIELD(11, seen, B, start_addr3);
	EXPECT_FIELD(12, seen, B, end_addr3);
}

static void params_spmu(void **state)
{
	HLA_STRUCT_INIT(hla_debug_spmu, spmu);
	typedef struct hlk_debug_params_spmu S;
	uint8_t out[64];

	(void)state;
	for (int i = 0; i < HLA_DEBUG_MAX_EVENT_TYPES; i++)
		spmu.event_types[i] = 0x11u * (unsigned int)(i + 1);
	spmu.event_types_num = HLA_DEBUG_MAX_EVENT_TYPES;
	spmu.pmtrc_val = 1;
	spmu.trc_ctrl_host_val = 2;
	spmu.trc_en_host_val = 3;
	mock_ioctl_push(capture, NULL);
	EXPECT_ONE_IOCTL(hla_debug_configure_spmu(U, 5, HLA_DEBUG_ENABLE, &spmu, out,
						  sizeof(out)), 0);
	assert_int_equal(last_dbg().op, HLK_DEBUG_OP_SPMU);
	assert_int_equal(last_dbg().reg_idx, 5);
	assert_int_equal(last_dbg().input_size, 96);
	assert_int_equal(last_dbg().output_ptr, (uint64_t)(uintptr_t)out);
	assert_int_equal(last_dbg().output_size, sizeof(out));
	assert_memory_equal(seen + offsetof(S, event_types), spmu.event_types, 80);
	EXPECT_FIELD(10, seen, S, event_types_num);
	EXPECT_FIELD(1, seen, S, pmtrc_val);
	EXPECT_FIELD(2, seen, S, trc_ctrl_host_val);
	EXPECT_FIELD(3, seen, S, trc_en_host_val);
}

static void params_errors(void **state)
{
	HLA_STRUCT_INIT(hla_debug_etr, etr);
	HLA_STRUCT_INIT(hla_debug_etf, etf);
	HLA_STRUCT_INIT(hla_debug_stm, stm);
	HLA_STRUCT_INIT(hla_debug_bmon, bmon);
	HLA_STRUCT_INIT(hla_debug_spmu, spmu);
	uint64_t out[2];
	const uint32_t on = HLA_DEBUG_ENABLE;

	(void)state;
	/* enabling needs parameters; disabling does not */
	EXPECT_NO_IOCTL(hla_debug_configure_etr(U, 2, on, NULL, NULL, 0), -EINVAL);
	EXPECT_NO_IOCTL(hla_debug_configure_etf(U, 2, on, NULL), -EINVAL);
	EXPECT_NO_IOCTL(hla_debug_configure_stm(U, 2, on, NULL), -EINVAL);
	EXPECT_NO_IOCTL(hla_debug_configure_bmon(U, 2, on, NULL), -EINVAL);
	EXPECT_NO_IOCTL(hla_debug_configure_spmu(U, 2, on, NULL, NULL, 0), -EINVAL);
	EXPECT_ONE_IOCTL(hla_debug_configure_etf(U, 2, 0, NULL), 0);
	EXPECT_ONE_IOCTL(hla_debug_configure_stm(U, 2, 0, NULL), 0);
	EXPECT_ONE_IOCTL(hla_debug_configure_bmon(U, 2, 0, NULL), 0);
	EXPECT_ONE_IOCTL(hla_debug_configure_spmu(U, 2, 0, NULL, NULL, 0), 0);
	assert_int_equal(last_dbg().input_ptr, 0);
	assert_int_equal(last_dbg().input_size, 0);
	/* an output size needs an output buffer */
	EXPECT_NO_IOCTL(hla_debug_configure_etr(U, 2, 0, NULL, NULL, 8), -EINVAL);
	EXPECT_NO_IOCTL(hla_debug_configure_spmu(U, 2, 0, NULL, NULL, 8), -EINVAL);
	EXPECT_NO_IOCTL(hla_debug_configure_etr(U, 2, on, &etr, out,
						(size_t)UINT32_MAX + 1), -EINVAL);
	/* unknown flags, no device */
	EXPECT_NO_IOCTL(hla_debug_configure_etr(U, 2, 2, &etr, NULL, 0), -EINVAL);
	EXPECT_NO_IOCTL(hla_debug_configure_etf(U, 2, 2, &etf), -EINVAL);
	EXPECT_NO_IOCTL(hla_debug_configure_stm(U, 2, 2, &stm), -EINVAL);
	EXPECT_NO_IOCTL(hla_debug_configure_bmon(U, 2, 2, &bmon), -EINVAL);
	EXPECT_NO_IOCTL(hla_debug_configure_spmu(U, 2, 2, &spmu, NULL, 0), -EINVAL);
	EXPECT_NO_IOCTL(hla_debug_configure_etr(NULL, 2, on, &etr, NULL, 0), -EINVAL);
	EXPECT_NO_IOCTL(hla_debug_configure_etf(NULL, 2, on, &etf), -EINVAL);
	EXPECT_NO_IOCTL(hla_debug_configure_stm(NULL, 2, on, &stm), -EINVAL);
	EXPECT_NO_IOCTL(hla_debug_configure_bmon(NULL, 2, on, &bmon), -EINVAL);
	EXPECT_NO_IOCTL(hla_debug_configure_spmu(NULL, 2, on, &spmu, NULL, 0), -EINVAL);
	spmu.event_types_num = HLA_DEBUG_MAX_EVENT_TYPES + 1;
	EXPECT_NO_IOCTL(hla_debug_configure_spmu(U, 5, on, &spmu, NULL, 0), -EINVAL);
	spmu.event_types_num = HLA_DEBUG_MAX_EVENT_TYPES;
	/* the driver's answer comes back */
	mock_ioctl_push_errno(EPERM);
	EXPECT_ONE_IOCTL(hla_debug_configure_etr(U, 2, on, &etr, NULL, 0), -EPERM);
	mock_ioctl_push_errno(EINVAL);
	EXPECT_ONE_IOCTL(hla_debug_configure_etf(U, 2, on, &etf), -EINVAL);
	mock_ioctl_push_errno(EINVAL);
	EXPECT_ONE_IOCTL(hla_debug_configure_stm(U, 2, on, &stm), -EINVAL);
	mock_ioctl_push_errno(EINVAL);
	EXPECT_ONE_IOCTL(hla_debug_configure_bmon(U, 2, on, &bmon), -EINVAL);
	mock_ioctl_push_errno(EINTR);
	EXPECT_ONE_IOCTL(hla_debug_configure_spmu(U, 2, on, &spmu, NULL, 0), -EINTR);
}

int main(int argc, char **argv)
{
#define T UNIT_TEST
	const struct CMUnitTest tests[] = {
		T(mode), T(timestamp_and_funnel), T(params_etr_etf), T(params_stm_bmon),
		T(params_spmu), T(params_errors),
	};

	return UNIT_MAIN(tests, NULL, NULL);
}
