/* SPDX-License-Identifier: MIT */
/* Every INFO call: request, arguments, decoding, errors. */
#include "unit.h"

/* the INFO arguments of the last ioctl */
static struct hlk_info_args last_info(void)
{
	struct hlk_info_args a;

	EXPECT_REQ(HLK_CMD_INFO);
	memcpy(&a, mock_ioctl_last()->in, sizeof(a));
	assert_int_equal(a.pad, 0);
	return a;
}

static void expect_info(uint32_t op, uint32_t size, uint32_t word)
{
	struct hlk_info_args a = last_info();

	assert_int_equal(a.op, op);
	assert_int_equal(a.return_size, size);
	assert_int_equal(a.dcore_id, word);
	if (size)
		assert_int_not_equal(a.return_pointer, 0);
}

static uint8_t K[8192];

/* queue kernel bytes of a struct of size n filled with the pattern */
static void push_pattern(size_t n)
{
	pattern(K, n);
	mock_ioctl_push_info(K, n);
}

static void hw_ip(void **state)
{
	HLA_STRUCT_INIT(hla_hw_ip_info, o);
	typedef struct hlk_info_hw_ip_info T;

	(void)state;
	push_pattern(sizeof(T));
	/* keep the name fields printable and terminated by the library */
	assert_int_equal(hla_info_hw_ip(U, &o), 0);
	expect_info(HLK_INFO_HW_IP_INFO, sizeof(T), 0);
	EXPECT_FIELD(o.device_id, K, T, device_id);
	EXPECT_FIELD(o.sram_base_address, K, T, sram_base_address);
	EXPECT_FIELD(o.dram_base_address, K, T, dram_base_address);
	EXPECT_FIELD(o.dram_size, K, T, dram_size);
	EXPECT_FIELD(o.dram_page_size, K, T, dram_page_size);
	EXPECT_FIELD(o.device_mem_alloc_default_page_size, K, T, device_mem_alloc_default_page_size);
	EXPECT_FIELD(o.tpc_enabled_mask_ext, K, T, tpc_enabled_mask_ext);
	EXPECT_FIELD(o.engine_core_interrupt_reg_addr, K, T, engine_core_interrupt_reg_addr);
	EXPECT_FIELD(o.reserved_dram_size, K, T, reserved_dram_size);
	EXPECT_FIELD(o.sram_size, K, T, sram_size);
	EXPECT_FIELD(o.num_of_events, K, T, num_of_events);
	EXPECT_FIELD(o.module_id, K, T, module_id);
	EXPECT_FIELD(o.decoder_enabled_mask, K, T, decoder_enabled_mask);
	EXPECT_FIELD(o.cpld_version, K, T, cpld_version);
	EXPECT_FIELD(o.psoc_pci_pll_nr, K, T, psoc_pci_pll_nr);
	EXPECT_FIELD(o.psoc_pci_pll_nf, K, T, psoc_pci_pll_nf);
	EXPECT_FIELD(o.psoc_pci_pll_od, K, T, psoc_pci_pll_od);
	EXPECT_FIELD(o.psoc_pci_pll_div_factor, K, T, psoc_pci_pll_div_factor);
	EXPECT_FIELD(o.edma_enabled_mask, K, T, edma_enabled_mask);
	EXPECT_FIELD(o.rotator_enabled_mask, K, T, rotator_enabled_mask);
	EXPECT_FIELD(o.first_available_interrupt_id, K, T, first_available_interrupt_id);
	EXPECT_FIELD(o.number_of_user_interrupts, K, T, number_of_user_interrupts);
	EXPECT_FIELD(o.server_type, K, T, server_type);
	EXPECT_FIELD(o.tpc_interrupt_id, K, T, tpc_interrupt_id);
	EXPECT_FIELD(o.tpc_enabled_mask, K, T, tpc_enabled_mask);
	EXPECT_FIELD(o.dram_enabled, K, T, dram_enabled);
	EXPECT_FIELD(o.security_enabled, K, T, security_enabled);
	EXPECT_FIELD(o.mme_master_slave_mode, K, T, mme_master_slave_mode);
	EXPECT_FIELD(o.revision_id, K, T, revision_id);
	assert_memory_equal(o.cpucp_version, K + offsetof(T, cpucp_version), 128);
	assert_int_equal(o.cpucp_version[128], 0);
	assert_memory_equal(o.card_name, K + offsetof(T, card_name), 16);
	assert_int_equal(o.card_name[16], 0);
	/* a Gaudi2 device id decodes to the ASIC */
	memset(K, 0, sizeof(T));
	K[offsetof(T, device_id)] = 0x20;
	K[offsetof(T, device_id) + 1] = 0x10;
	mock_ioctl_push_info(K, sizeof(T));
	assert_int_equal(hla_info_hw_ip(U, &o), 0);
	assert_int_equal(o.asic, HLA_ASIC_GAUDI2);
}

static void hw_ip_errors(void **state)
{
	HLA_STRUCT_INIT(hla_hw_ip_info, o);
	unsigned int before = mock_ioctl_count();
	struct {
		struct hla_hw_ip_info o;
		uint8_t tail[8];
	} big;

	(void)state;
	assert_int_equal(hla_info_hw_ip(NULL, &o), -EINVAL);
	assert_int_equal(hla_info_hw_ip(U, NULL), -EINVAL);
	o.sz = 2;
	assert_int_equal(hla_info_hw_ip(U, &o), -EINVAL);
	assert_int_equal(mock_ioctl_count(), before);
	o.sz = sizeof(o);
	mock_ioctl_push_errno(EBUSY);
	assert_int_equal(hla_info_hw_ip(U, &o), -EBUSY);
	mock_ioctl_push_errno(EINTR);
	assert_int_equal(hla_info_hw_ip(U, &o), 0);
	assert_int_equal(mock_ioctl_count(), before + 3);
	/* short struct: only sz bytes written */
	memset(&big, 0xEE, sizeof(big));
	big.o.sz = offsetof(struct hla_hw_ip_info, dram_size);
	assert_int_equal(hla_info_hw_ip(U, &big.o), 0);
	assert_int_equal(((uint8_t *)&big.o)[offsetof(struct hla_hw_ip_info, dram_size)], 0xEE);
	big.o.sz = sizeof(big);
	assert_int_equal(hla_info_hw_ip(U, &big.o), 0);
	assert_int_equal(big.tail[0], 0xEE);
}

static void hw_events(void **state)
{
	uint32_t c[32];
	unsigned int n = 0;
	struct hlk_info_args a;

	(void)state;
	memset(c, 0, sizeof(c));
	assert_int_equal(hla_info_hw_events(U, c, 32, &n), 0);
	assert_int_equal(n, 16);
	a = last_info();
	assert_int_equal(a.op, HLK_INFO_HW_EVENTS);
	assert_int_equal(a.return_size, 16 * 4);
	assert_int_equal(a.return_pointer, (uint64_t)(uintptr_t)c);
	assert_int_equal(hla_info_hw_events_aggregate(U, c, 4, &n), 0);
	a = last_info();
	assert_int_equal(a.op, HLK_INFO_HW_EVENTS_AGGREGATE);
	assert_int_equal(a.return_size, 16);
	assert_int_equal(n, 16);
	assert_int_equal(hla_info_hw_events(U, NULL, 4, &n), -EINVAL);
	assert_int_equal(hla_info_hw_events(U, c, 4, NULL), -EINVAL);
	mock_ioctl_push_errno(EOPNOTSUPP);
	assert_int_equal(hla_info_hw_events(U, c, 4, &n), -EOPNOTSUPP);
}

#define SIMPLE(name, T, op, ...)                                      \
	static void name(void **state)                                \
	{                                                             \
		(void)state;                                          \
		push_pattern(sizeof(T));                              \
		__VA_ARGS__                                           \
		expect_info(op, sizeof(T), 0);                        \
	}

SIMPLE(dram_usage, struct hlk_info_dram_usage, HLK_INFO_DRAM_USAGE,
       HLA_STRUCT_INIT(hla_dram_usage, o);
       assert_int_equal(hla_info_dram_usage(U, &o), 0);
       EXPECT_FIELD(o.dram_free_mem, K, struct hlk_info_dram_usage, dram_free_mem);
       EXPECT_FIELD(o.ctx_dram_mem, K, struct hlk_info_dram_usage, ctx_dram_mem);)

SIMPLE(hw_idle, struct hlk_info_hw_idle, HLK_INFO_HW_IDLE,
       HLA_STRUCT_INIT(hla_hw_idle, o);
       assert_int_equal(hla_info_hw_idle(U, &o), 0);
       EXPECT_FIELD(o.is_idle, K, struct hlk_info_hw_idle, is_idle);
       EXPECT_FIELD(o.busy_engines_mask, K, struct hlk_info_hw_idle, busy_engines_mask);
       assert_memory_equal(o.busy_engines_mask_ext,
			   K + offsetof(struct hlk_info_hw_idle, busy_engines_mask_ext), 32);)

SIMPLE(device_status, struct hlk_info_device_status, HLK_INFO_DEVICE_STATUS,
       uint32_t v; assert_int_equal(hla_info_device_status(U, &v), 0);
       EXPECT_FIELD(v, K, struct hlk_info_device_status, status);)

SIMPLE(clk_rate, struct hlk_info_clk_rate, HLK_INFO_CLK_RATE,
       uint32_t c, m; assert_int_equal(hla_info_clk_rate(U, &c, &m), 0);
       EXPECT_FIELD(c, K, struct hlk_info_clk_rate, cur_clk_rate_mhz);
       EXPECT_FIELD(m, K, struct hlk_info_clk_rate, max_clk_rate_mhz);)

SIMPLE(reset_count, struct hlk_info_reset_count, HLK_INFO_RESET_COUNT,
       uint32_t h, s; assert_int_equal(hla_info_reset_count(U, &h, &s), 0);
       EXPECT_FIELD(h, K, struct hlk_info_reset_count, hard_reset_cnt);
       EXPECT_FIELD(s, K, struct hlk_info_reset_count, soft_reset_cnt);)

SIMPLE(time_sync, struct hlk_info_time_sync, HLK_INFO_TIME_SYNC,
       HLA_STRUCT_INIT(hla_time_sync, o);
       assert_int_equal(hla_info_time_sync(U, &o), 0);
       EXPECT_FIELD(o.device_time, K, struct hlk_info_time_sync, device_time);
       EXPECT_FIELD(o.host_time, K, struct hlk_info_time_sync, host_time);
       EXPECT_FIELD(o.tsc_time, K, struct hlk_info_time_sync, tsc_time);)

SIMPLE(cs_counters, struct hlk_info_cs_counters, HLK_INFO_CS_COUNTERS,
       HLA_STRUCT_INIT(hla_cs_counters, o);
       assert_int_equal(hla_info_cs_counters(U, &o), 0);
       assert_memory_equal(&o.total_out_of_mem_drop_cnt, K, 96);)

SIMPLE(pci_counters, struct hlk_info_pci_counters, HLK_INFO_PCI_COUNTERS,
       HLA_STRUCT_INIT(hla_pci_counters, o);
       assert_int_equal(hla_info_pci_counters(U, &o), 0);
       EXPECT_FIELD(o.rx_throughput, K, struct hlk_info_pci_counters, rx_throughput);
       EXPECT_FIELD(o.tx_throughput, K, struct hlk_info_pci_counters, tx_throughput);
       EXPECT_FIELD(o.replay_cnt, K, struct hlk_info_pci_counters, replay_cnt);)

SIMPLE(clk_throttle, struct hlk_info_clk_throttle, HLK_INFO_CLK_THROTTLE_REASON,
       HLA_STRUCT_INIT(hla_clk_throttle, o);
       assert_int_equal(hla_info_clk_throttle(U, &o), 0);
       EXPECT_FIELD(o.reason, K, struct hlk_info_clk_throttle, clk_throttling_reason);
       assert_memory_equal(o.timestamp_us, K + 8, 16);
       assert_memory_equal(o.duration_ns, K + 24, 16);)

SIMPLE(energy, struct hlk_info_energy, HLK_INFO_TOTAL_ENERGY,
       uint64_t v; assert_int_equal(hla_info_energy(U, &v), 0);
       EXPECT_FIELD(v, K, struct hlk_info_energy, total_energy_consumption);)

SIMPLE(power, struct hlk_power_info, HLK_INFO_POWER,
       uint64_t v; assert_int_equal(hla_info_power(U, &v), 0);
       EXPECT_FIELD(v, K, struct hlk_power_info, power);)

SIMPLE(open_stats, struct hlk_open_stats_info, HLK_INFO_OPEN_STATS,
       HLA_STRUCT_INIT(hla_open_stats, o);
       assert_int_equal(hla_info_open_stats(U, &o), 0);
       EXPECT_FIELD(o.open_counter, K, struct hlk_open_stats_info, open_counter);
       EXPECT_FIELD(o.last_open_period_ms, K, struct hlk_open_stats_info, last_open_period_ms);
       EXPECT_FIELD(o.is_compute_ctx_active, K, struct hlk_open_stats_info, is_compute_ctx_active);
       EXPECT_FIELD(o.compute_ctx_in_release, K, struct hlk_open_stats_info, compute_ctx_in_release);)

SIMPLE(replaced_rows, struct hlk_hbm_row_info, HLK_INFO_DRAM_REPLACED_ROWS,
       HLA_STRUCT_INIT(hla_dram_row, o);
       assert_int_equal(hla_info_dram_replaced_rows(U, &o), 0);
       EXPECT_FIELD(o.hbm_idx, K, struct hlk_hbm_row_info, hbm_idx);
       EXPECT_FIELD(o.pc, K, struct hlk_hbm_row_info, pc);
       EXPECT_FIELD(o.sid, K, struct hlk_hbm_row_info, sid);
       EXPECT_FIELD(o.bank_idx, K, struct hlk_hbm_row_info, bank_idx);
       EXPECT_FIELD(o.row_addr, K, struct hlk_hbm_row_info, row_addr);
       EXPECT_FIELD(o.replaced_row_cause, K, struct hlk_hbm_row_info, replaced_row_cause);)

SIMPLE(pending_rows, uint32_t, HLK_INFO_DRAM_PENDING_ROWS,
       uint32_t v; assert_int_equal(hla_info_dram_pending_rows(U, &v), 0);
       assert_memory_equal(&v, K, 4);)

SIMPLE(last_open, struct hlk_info_last_err_open_dev_time, HLK_INFO_LAST_ERR_OPEN_DEV_TIME,
       int64_t v; assert_int_equal(hla_info_last_err_open_dev_time(U, &v), 0);
       assert_memory_equal(&v, K, 8);)

SIMPLE(page_sizes, struct hlk_info_dev_memalloc_page_sizes, HLK_INFO_DEV_MEM_ALLOC_PAGE_SIZES,
       uint64_t v; assert_int_equal(hla_info_page_sizes(U, &v), 0);
       assert_memory_equal(&v, K, 8);)

static void with_word(void **state)
{
	uint32_t v;
	uint16_t mhz[4];
	HLA_STRUCT_INIT(hla_sync_manager, sm);

	(void)state;
	push_pattern(8);
	assert_int_equal(hla_info_utilization(U, 250, &v), 0);
	expect_info(HLK_INFO_DEVICE_UTILIZATION, 8, 250);
	EXPECT_FIELD(v, K, struct hlk_info_device_utilization, utilization);
	push_pattern(8);
	assert_int_equal(hla_info_pll_frequency(U, 3, mhz), 0);
	expect_info(HLK_INFO_PLL_FREQUENCY, 8, 3);
	assert_memory_equal(mhz, K, 8);
	push_pattern(16);
	assert_int_equal(hla_info_sync_manager(U, 2, &sm), 0);
	expect_info(HLK_INFO_SYNC_MANAGER, 16, 2);
	EXPECT_FIELD(sm.first_available_sync_object, K, struct hlk_info_sync_manager, first_available_sync_object);
	EXPECT_FIELD(sm.first_available_monitor, K, struct hlk_info_sync_manager, first_available_monitor);
	EXPECT_FIELD(sm.first_available_cq, K, struct hlk_info_sync_manager, first_available_cq);
	{
		unsigned int before = mock_ioctl_count();

		assert_int_equal(hla_info_sync_manager(U, 8, &sm), -EINVAL);
		assert_int_equal(hla_info_pll_frequency(U, 16, mhz), -EINVAL);
		assert_int_equal(hla_info_utilization(U, 1, NULL), -EINVAL);
		assert_int_equal(hla_info_clk_rate(U, NULL, NULL), -EINVAL);
		assert_int_equal(hla_info_reset_count(U, NULL, NULL), -EINVAL);
		assert_int_equal(hla_info_energy(U, NULL), -EINVAL);
		assert_int_equal(hla_info_power(NULL, (uint64_t *)(void *)K), -EINVAL);
		assert_int_equal(hla_info_device_status(U, NULL), -EINVAL);
		assert_int_equal(hla_info_dram_pending_rows(U, NULL), -EINVAL);
		assert_int_equal(hla_info_page_sizes(U, NULL), -EINVAL);
		assert_int_equal(hla_info_last_err_open_dev_time(U, NULL), -EINVAL);
		assert_int_equal(mock_ioctl_count(), before);
	}
}

static void records(void **state)
{
	HLA_STRUCT_INIT(hla_cs_timeout_event, cst);
	HLA_STRUCT_INIT(hla_undefined_opcode_event, uo);
	HLA_STRUCT_INIT(hla_page_fault_event, pf);
	HLA_STRUCT_INIT(hla_hw_err_event, hw);
	HLA_STRUCT_INIT(hla_fw_err_event, fw);
	HLA_STRUCT_INIT(hla_engine_err_event, en);

	(void)state;
	/* nothing captured: no bytes written */
	assert_int_equal(hla_info_cs_timeout_event(U, &cst), -ENODATA);
	expect_info(HLK_INFO_CS_TIMEOUT_EVENT, sizeof(struct hlk_info_cs_timeout_event), 0);
	assert_int_equal(hla_info_page_fault_event(U, &pf), -ENODATA);
	assert_int_equal(hla_info_hw_err_event(U, &hw), -ENODATA);
	assert_int_equal(hla_info_fw_err_event(U, &fw), -ENODATA);
	assert_int_equal(hla_info_engine_err_event(U, &en), -ENODATA);
	assert_int_equal(hla_info_undefined_opcode_event(U, &uo), -ENODATA);

	push_pattern(16);
	assert_int_equal(hla_info_cs_timeout_event(U, &cst), 0);
	EXPECT_FIELD(cst.timestamp, K, struct hlk_info_cs_timeout_event, timestamp);
	EXPECT_FIELD(cst.seq, K, struct hlk_info_cs_timeout_event, seq);
	push_pattern(sizeof(struct hlk_info_undefined_opcode_event));
	assert_int_equal(hla_info_undefined_opcode_event(U, &uo), 0);
	expect_info(HLK_INFO_UNDEFINED_OPCODE_EVENT, 288, 0);
	assert_memory_equal(uo.cb_addr_streams, K + 8, 256);
	EXPECT_FIELD(uo.cq_addr, K, struct hlk_info_undefined_opcode_event, cq_addr);
	EXPECT_FIELD(uo.cq_size, K, struct hlk_info_undefined_opcode_event, cq_size);
	EXPECT_FIELD(uo.cb_addr_streams_len, K, struct hlk_info_undefined_opcode_event, cb_addr_streams_len);
	EXPECT_FIELD(uo.engine_id, K, struct hlk_info_undefined_opcode_event, engine_id);
	EXPECT_FIELD(uo.stream_id, K, struct hlk_info_undefined_opcode_event, stream_id);
	push_pattern(24);
	assert_int_equal(hla_info_page_fault_event(U, &pf), 0);
	expect_info(HLK_INFO_PAGE_FAULT_EVENT, 24, 0);
	EXPECT_FIELD(pf.addr, K, struct hlk_page_fault_info, addr);
	EXPECT_FIELD(pf.engine_id, K, struct hlk_page_fault_info, engine_id);
	push_pattern(16);
	assert_int_equal(hla_info_hw_err_event(U, &hw), 0);
	expect_info(HLK_INFO_HW_ERR_EVENT, 16, 0);
	EXPECT_FIELD(hw.event_id, K, struct hlk_info_hw_err_event, event_id);
	push_pattern(16);
	assert_int_equal(hla_info_fw_err_event(U, &fw), 0);
	expect_info(HLK_INFO_FW_ERR_EVENT, 16, 0);
	EXPECT_FIELD(fw.err_type, K, struct hlk_info_fw_err_event, err_type);
	EXPECT_FIELD(fw.event_id, K, struct hlk_info_fw_err_event, event_id);
	push_pattern(16);
	assert_int_equal(hla_info_engine_err_event(U, &en), 0);
	expect_info(HLK_INFO_USER_ENGINE_ERR_EVENT, 16, 0);
	EXPECT_FIELD(en.engine_id, K, struct hlk_info_engine_err_event, engine_id);
	EXPECT_FIELD(en.error_count, K, struct hlk_info_engine_err_event, error_count);
	mock_ioctl_push_errno(EINVAL);
	assert_int_equal(hla_info_engine_err_event(U, &en), -EINVAL);
}

static void razwi(void **state)
{
	HLA_STRUCT_INIT(hla_razwi_event, r);
	struct hlk_info_razwi_event k;

	(void)state;
	assert_int_equal(hla_info_razwi_event(U, &r), -ENODATA);
	expect_info(HLK_INFO_RAZWI_EVENT, 280, 0);
	memset(&k, 0, sizeof(k));
	k.timestamp = 1234;
	k.addr = 0xABCDEF;
	k.engine_id[0] = 7;
	k.engine_id[1] = 9;
	k.num_of_possible_engines = 2;
	k.flags = HLK_RAZWI_WRITE | HLK_RAZWI_HBW;
	mock_ioctl_push_info(&k, sizeof(k));
	assert_int_equal(hla_info_razwi_event(U, &r), 0);
	assert_int_equal(r.timestamp, 1234);
	assert_int_equal(r.addr, 0xABCDEF);
	if (mock_iface == HLA_INTERFACE_LEGACY) {
		/* 6.1: bytes 16-21 are engine_id_1, engine_id_2, no_engine_id, error_type */
		assert_int_equal(r.num_engines, 2);
		assert_int_equal(r.engine_id[0], 7);
		assert_int_equal(r.engine_id[1], 9);
		assert_int_equal(r.flags, 0);
		assert_int_equal(r.error_type, 0);
	} else {
		assert_int_equal(r.num_engines, 2);
		assert_int_equal(r.engine_id[1], 9);
		assert_int_equal(r.flags, HLA_RAZWI_WRITE | HLA_RAZWI_HBW);
	}
}

static void blobs(void **state)
{
	struct hla_attestation *at = calloc(1, sizeof(*at));
	struct hla_dev_signed *sg = calloc(1, sizeof(*sg));
	char text[2048];
	(void)state;
	at->sz = sizeof(*at);
	sg->sz = sizeof(*sg);
	push_pattern(sizeof(struct hlk_info_sec_attest));
	assert_int_equal(hla_info_attestation(U, 0x55, at), 0);
	expect_info(HLK_INFO_SECURED_ATTESTATION, 3592, 0x55);
	EXPECT_FIELD(at->nonce, K, struct hlk_info_sec_attest, nonce);
	EXPECT_FIELD(at->pcr_quote_len, K, struct hlk_info_sec_attest, pcr_quote_len);
	EXPECT_FIELD(at->quote_sig_len, K, struct hlk_info_sec_attest, quote_sig_len);
	assert_memory_equal(at->certificate, K + offsetof(struct hlk_info_sec_attest, certificate), 2046);
	assert_memory_equal(at->pcr_data, K + offsetof(struct hlk_info_sec_attest, pcr_data), 256);
	push_pattern(sizeof(struct hlk_info_signed));
	assert_int_equal(hla_info_dev_signed(U, 0x66, sg), 0);
	expect_info(HLK_INFO_DEV_SIGNED, 7944, 0x66);
	EXPECT_FIELD(sg->dev_info_len, K, struct hlk_info_signed, dev_info_len);
	EXPECT_FIELD(sg->info_sig_len, K, struct hlk_info_signed, info_sig_len);
	assert_memory_equal(sg->dev_info, K + offsetof(struct hlk_info_signed, dev_info), 5120);
	assert_int_equal(hla_info_engine_status(U, text, 100), -EINVAL);
	assert_int_equal(hla_info_fw_generic_req(U, 0, text, sizeof(text)), 0);
	{
		struct hlk_info_args a = last_info();

		assert_int_equal(a.op, HLK_INFO_FW_GENERIC_REQ);
		assert_int_equal(a.fw_sub_opcode, 0);
		assert_int_equal(a.return_size, sizeof(text));
	}
	assert_int_equal(hla_info_fw_generic_req(U, 0, text, (2u << 20)), -EINVAL);
	free(at);
	free(sg);
}

static int answer_text(int fd, unsigned long req, void *arg, void *priv)
{
	struct hlk_info_args *a = arg;

	(void)fd;
	(void)req;
	memcpy((void *)(uintptr_t)a->return_pointer, priv, strlen(priv));
	a->user_buffer_actual_size = (uint32_t)strlen(priv);
	return 0;
}

static void engine_status(void **state)
{
	char text[2048];

	(void)state;
	mock_ioctl_push(answer_text, "DMA idle\nMME idle\n");
	assert_int_equal(hla_info_engine_status(U, text, sizeof(text)), 18);
	assert_string_equal(text, "DMA idle\nMME idle\n");
	expect_info(HLK_INFO_ENGINE_STATUS, sizeof(text), 0);
	mock_ioctl_push_errno(ENOMEM);
	assert_int_equal(hla_info_engine_status(U, text, sizeof(text)), -ENOSPC);
}

static int answer_maps(int fd, unsigned long req, void *arg, void *priv)
{
	struct hlk_info_args *a = arg;
	uint32_t n = *(uint32_t *)priv;

	(void)fd;
	(void)req;
	a->array_size = n;
	if (a->return_size < n * 16)
		return ENOMEM;
	for (uint32_t i = 0; i < n; i++) {
		struct hlk_user_mapping m = { 0x1000 * (i + 1), 0x100 };

		memcpy((uint8_t *)(uintptr_t)a->return_pointer + 16 * i, &m, 16);
	}
	return 0;
}

static void user_mappings(void **state)
{
	struct hla_user_mapping m[4];
	unsigned int n = 99;
	uint32_t have = 3;

	(void)state;
	mock_ioctl_push(answer_maps, &have);
	assert_int_equal(hla_info_user_mappings(U, m, 4, &n), 0);
	assert_int_equal(n, 3);
	assert_int_equal(m[2].dev_va, 0x3000);
	assert_int_equal(m[2].size, 0x100);
	expect_info(HLK_INFO_USER_MAPPINGS, 64, 0);
	mock_ioctl_push(answer_maps, &have);
	assert_int_equal(hla_info_user_mappings(U, m, 2, &n), -ENOSPC);
	assert_int_equal(n, 3);
	assert_int_equal(hla_info_user_mappings(U, NULL, 2, &n), -EINVAL);
}

static void raw(void **state)
{
	uint8_t buf[32];
	uint32_t out = 0;

	(void)state;
	assert_int_equal(hla_info_raw(U, 200, 0x77, buf, sizeof(buf), &out), 0);
	expect_info(200, 32, 0x77);
	assert_int_equal(out, 0x77);
	mock_ioctl_push_errno(EINVAL);
	assert_int_equal(hla_info_raw(U, 201, 0, buf, sizeof(buf), NULL), -EINVAL);
	assert_int_equal(hla_info_raw(U, 1, 0, NULL, 4, NULL), -EINVAL);
	assert_int_equal(hla_info_raw(NULL, 1, 0, buf, 4, NULL), -EINVAL);
}

static void events(void **state)
{
	uint64_t ev = 0, k = 0x1234;

	(void)state;
	assert_int_equal(hla_eventfd_register(U, 9), 0);
	expect_info(HLK_INFO_REGISTER_EVENTFD, 0, 9);
	assert_int_equal(hla_eventfd_unregister(U), 0);
	expect_info(HLK_INFO_UNREGISTER_EVENTFD, 0, 0);
	mock_ioctl_push_info(&k, 8);
	assert_int_equal(hla_events_get(U, &ev), 0);
	expect_info(HLK_INFO_GET_EVENTS, 8, 0);
	assert_int_equal(ev, 0x1234);
	assert_int_equal(hla_eventfd_register(U, -1), -EBADF);
	assert_int_equal(hla_events_get(U, NULL), -EINVAL);
	mock_ioctl_push_errno(EOPNOTSUPP);
	assert_int_equal(hla_eventfd_register(U, 3), -EOPNOTSUPP);
}

int main(int argc, char **argv)
{
#define T(f) cmocka_unit_test_setup_teardown(f, unit_open, unit_close)
	const struct CMUnitTest tests[] = {
		T(hw_ip), T(hw_ip_errors), T(hw_events), T(dram_usage), T(hw_idle),
		T(device_status), T(clk_rate), T(reset_count), T(time_sync),
		T(cs_counters), T(pci_counters), T(clk_throttle), T(energy), T(power),
		T(open_stats), T(replaced_rows), T(pending_rows), T(last_open),
		T(page_sizes), T(with_word), T(records), T(razwi), T(blobs),
		T(engine_status), T(user_mappings), T(raw), T(events),
	};

	return UNIT_MAIN(tests, NULL, NULL);
}
