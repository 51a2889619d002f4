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

/* ---- Habana's driver's own ops ---- */

static void habana_fetch_trace(void **state)
{
	HLA_STRUCT_INIT(hla_debug_fetch_trace, ft);
	struct hlk_debug_params_fetch_trace k;
	struct hlk_debug_args a;
	uint32_t status = 77;
	uint64_t idx, copied;
	static uint8_t trace[256];

	(void)state;
	ft.etr_id = 3;
	ft.buffer_address = (uint64_t)(uintptr_t)trace;
	ft.buffer_size = sizeof(trace);
	ft.buffer_index_address = (uint64_t)(uintptr_t)&idx;
	ft.copied_size_address = (uint64_t)(uintptr_t)&copied;
	ft.timeout_ms = 250;
	mock_ioctl_push(capture, NULL);
	EXPECT_ONE_IOCTL(hla_debug_fetch_trace(U, &ft, &status, sizeof(status)), 0);
	a = last_dbg();
	assert_int_equal(a.op, HLK_DEBUG_OP_FETCH_TRACE);
	assert_int_equal(a.reg_idx | a.enable, 0);
	assert_int_equal(a.input_size, sizeof(k));
	assert_int_equal(a.output_ptr, (uint64_t)(uintptr_t)&status);
	assert_int_equal(a.output_size, sizeof(status));
	memcpy(&k, seen, sizeof(k));
	assert_int_equal(k.buffer_address, ft.buffer_address);
	assert_int_equal(k.buffer_size, sizeof(trace));
	assert_int_equal(k.buffer_index_address, ft.buffer_index_address);
	assert_int_equal(k.copied_size_addr, ft.copied_size_address);
	assert_int_equal(k.etr_id, 3);
	assert_int_equal(k.timeout_ms, 250);
	/* no output is fine; the driver's refusal comes back */
	mock_ioctl_push_errno(EPERM); /* not in debug mode */
	EXPECT_ONE_IOCTL(hla_debug_fetch_trace(U, &ft, NULL, 0), -EPERM);
	assert_int_equal(last_dbg().output_ptr, 0);
	EXPECT_NO_IOCTL(hla_debug_fetch_trace(U, &ft, NULL, 4), -EINVAL);
	EXPECT_NO_IOCTL(hla_debug_fetch_trace(U, NULL, NULL, 0), -EINVAL);
	EXPECT_NO_IOCTL(hla_debug_fetch_trace(NULL, &ft, NULL, 0), -EINVAL);
	ft.buffer_size = 0;
	EXPECT_NO_IOCTL(hla_debug_fetch_trace(U, &ft, NULL, 0), -EINVAL);
	ft.buffer_size = sizeof(trace);
	ft.reserved0 = 1;
	EXPECT_NO_IOCTL(hla_debug_fetch_trace(U, &ft, NULL, 0), -EINVAL);
}

static void habana_read_block(void **state)
{
	struct hlk_debug_params_read_block k;
	struct hlk_debug_args a;
	uint32_t buf[8];

	(void)state;
	mock_ioctl_push(capture, NULL);
	EXPECT_ONE_IOCTL(hla_debug_read_block(U, 0x1000007ff0ull, buf, sizeof(buf)), 0);
	a = last_dbg();
	assert_int_equal(a.op, HLK_DEBUG_OP_READBLOCK);
	assert_int_equal(a.input_size, sizeof(k));
	assert_int_equal(a.output_ptr | a.output_size | a.enable, 0);
	memcpy(&k, seen, sizeof(k));
	assert_int_equal(k.cfg_address, 0x1000007ff0ull);
	assert_int_equal(k.user_address, (uint64_t)(uintptr_t)buf);
	assert_int_equal(k.size, sizeof(buf));
	assert_int_equal(k.flags, 0);
	EXPECT_ONE_IOCTL(hla_debug_read_block(U, 0, buf, 4), 0);
	mock_ioctl_push_errno(EINVAL);
	EXPECT_ONE_IOCTL(hla_debug_read_block(U, 0, buf, 4), -EINVAL);
	EXPECT_NO_IOCTL(hla_debug_read_block(U, 0, buf, 0), -EINVAL);
	EXPECT_NO_IOCTL(hla_debug_read_block(U, 0, buf, 6), -EINVAL);
	EXPECT_NO_IOCTL(hla_debug_read_block(U, 0, buf, HLA_DEBUG_READ_BLOCK_MAX + 4),
			-EINVAL);
	EXPECT_NO_IOCTL(hla_debug_read_block(U, 0, NULL, 4), -EINVAL);
	EXPECT_NO_IOCTL(hla_debug_read_block(NULL, 0, buf, 4), -EINVAL);
}

static void habana_sched_submit(void **state)
{
	struct hlk_debug_params_scheduler k;
	struct hlk_debug_args a;
	static uint32_t buf[HLA_DEBUG_SCHED_BUF_MAX / 4];

	(void)state;
	mock_ioctl_push(capture, NULL);
	EXPECT_ONE_IOCTL(hla_debug_sched_submit(U, 2, 5, buf, 64), 0);
	a = last_dbg();
	assert_int_equal(a.op, HLK_DEBUG_OP_SCHED_SUBMIT_BUF);
	assert_int_equal(a.input_size, sizeof(k));
	assert_int_equal(a.output_ptr | a.output_size, 0);
	memcpy(&k, seen, sizeof(k));
	assert_int_equal(k.cpu_id, 2);
	assert_int_equal(k.queue_id, 5);
	assert_int_equal(k.buffer, (uint64_t)(uintptr_t)buf);
	assert_int_equal(k.size, 64);
	assert_int_equal(k.reserved, 0);
	EXPECT_ONE_IOCTL(hla_debug_sched_submit(U, 0, 0, buf, sizeof(buf)), 0);
	mock_ioctl_push_errno(EPERM);
	EXPECT_ONE_IOCTL(hla_debug_sched_submit(U, 0, 0, buf, 4), -EPERM);
	EXPECT_NO_IOCTL(hla_debug_sched_submit(U, 0, 0, buf, sizeof(buf) + 4), -EINVAL);
	EXPECT_NO_IOCTL(hla_debug_sched_submit(U, 0, 0, buf, 0), -EINVAL);
	EXPECT_NO_IOCTL(hla_debug_sched_submit(U, 0, 0, buf, 10), -EINVAL);
	EXPECT_NO_IOCTL(hla_debug_sched_submit(U, 0, 0, NULL, 4), -EINVAL);
	EXPECT_NO_IOCTL(hla_debug_sched_submit(NULL, 0, 0, buf, 4), -EINVAL);
}

static void habana_err_capture(void **state)
{
	(void)state;
	EXPECT_ONE_IOCTL(hla_debug_enable_err_capture(U), 0);
	expect_plain(HLK_DEBUG_OP_ENABLE_ERR_INFO_CAPTURE, 0, 0);
	mock_ioctl_push_errno(EBUSY);
	EXPECT_ONE_IOCTL(hla_debug_enable_err_capture(U), -EBUSY);
	EXPECT_NO_IOCTL(hla_debug_enable_err_capture(NULL), -EINVAL);
}

/* the driver writes the bytes read (a size_t) where output_ptr points */
static int answer_dio(int fd, unsigned long req, void *arg, void *priv)
{
	struct hlk_debug_args *a = arg;
	uint64_t n = *(uint64_t *)priv;

	(void)fd;
	(void)req;
	memcpy(seen, (void *)(uintptr_t)a->input_ptr, a->input_size);
	if (n)
		memcpy((void *)(uintptr_t)a->output_ptr, &n, sizeof(n));
	return 0;
}

static void habana_dio(void **state)
{
	struct hlk_dio_args k;
	struct hlk_debug_args a;
	uint64_t n = 1 << 20, got = 5, none = 0;

	(void)state;
	mock_ioctl_push(answer_dio, &n);
	EXPECT_ONE_IOCTL(hla_debug_dio_read(U, 9, 4096, 1 << 20, 0x1001000000ull, &got),
			 0);
	assert_int_equal(got, 1 << 20);
	a = last_dbg();
	assert_int_equal(a.op, HLK_DEBUG_OP_DIO);
	assert_int_equal(a.input_size, sizeof(k));
	assert_int_equal(a.output_size, 8);
	memcpy(&k, seen, sizeof(k));
	assert_int_equal(k.device_va, 0x1001000000ull);
	assert_int_equal(k.off_bytes, 4096);
	assert_int_equal(k.len_bytes, 1 << 20);
	assert_int_equal(k.fd, 9);
	assert_int_equal(k.op, HLK_DIO_CMD_SSD2HL);
	assert_int_equal(k.pad0 | k.pad1, 0);
	/* a device without the feature: success, nothing written, 0 read */
	got = 5;
	mock_ioctl_push(answer_dio, &none);
	EXPECT_ONE_IOCTL(hla_debug_dio_read(U, 9, 0, 4096, 0x1001000000ull, &got), 0);
	assert_int_equal(got, 0);
	mock_ioctl_push(answer_dio, &n);
	EXPECT_ONE_IOCTL(hla_debug_dio_read(U, 9, 0, 4096, 0x1001000000ull, NULL), 0);
	got = 5;
	mock_ioctl_push_errno(EFAULT);
	EXPECT_ONE_IOCTL(hla_debug_dio_read(U, 9, 0, 4096, 0, &got), -EFAULT);
	assert_int_equal(got, 0);
	EXPECT_NO_IOCTL(hla_debug_dio_read(U, -1, 0, 4096, 0, &got), -EINVAL);
	EXPECT_NO_IOCTL(hla_debug_dio_read(U, 9, 0, 0, 0, &got), -EINVAL);
	EXPECT_NO_IOCTL(hla_debug_dio_read(NULL, 9, 0, 4096, 0, &got), -EINVAL);
}

/* the in-tree driver does not know them: refused without a call */
static void habana_ops_gated(void **state)
{
	HLA_STRUCT_INIT(hla_debug_fetch_trace, ft);
	HLA_STRUCT_INIT(hla_device_desc, d);
	uint32_t buf[4];
	uint64_t got = 5;

	(void)state;
	assert_int_equal(hla_device_describe(U, &d), 0);
	assert_false(d.caps & HLA_CAP_DEBUG_HABANA);
	ft.buffer_address = (uint64_t)(uintptr_t)buf;
	ft.buffer_size = sizeof(buf);
	EXPECT_NO_IOCTL(hla_debug_fetch_trace(U, &ft, NULL, 0), -EOPNOTSUPP);
	EXPECT_NO_IOCTL(hla_debug_read_block(U, 0, buf, sizeof(buf)), -EOPNOTSUPP);
	EXPECT_NO_IOCTL(hla_debug_sched_submit(U, 0, 0, buf, sizeof(buf)), -EOPNOTSUPP);
	EXPECT_NO_IOCTL(hla_debug_enable_err_capture(U), -EOPNOTSUPP);
	EXPECT_NO_IOCTL(hla_debug_dio_read(U, 3, 0, 8, 0, &got), -EOPNOTSUPP);
	assert_int_equal(got, 0);
	/* argument errors still come first */
	EXPECT_NO_IOCTL(hla_debug_read_block(U, 0, buf, 3), -EINVAL);
}

int main(int argc, char **argv)
{
#define T UNIT_TEST
	const struct CMUnitTest tests[] = {
		T(mode), T(timestamp_and_funnel), T(params_etr_etf), T(params_stm_bmon),
		T(params_spmu), T(params_errors),
		UNIT_TEST_HABANA(habana_fetch_trace), UNIT_TEST_HABANA(habana_read_block),
		UNIT_TEST_HABANA(habana_sched_submit), UNIT_TEST_HABANA(habana_err_capture),
		UNIT_TEST_HABANA(habana_dio), T(habana_ops_gated),
	};

	return UNIT_MAIN(tests, NULL, NULL);
}
