/* SPDX-License-Identifier: MIT */
/* Every INFO call (error records and events are in test_events.c). */
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
	EXPECT_ONE_IOCTL(hla_info_hw_ip(U, &o), 0);
	expect_info(HLK_INFO_HW_IP_INFO, sizeof(T), 0);
	/* the driver wrote the caller's struct, right after the header */
	assert_int_equal(last_info().return_pointer, (uint64_t)(uintptr_t)&o.sram_base_address);
	assert_int_equal(o.sz, sizeof(o));
	assert_int_equal(o.reserved0, 0);
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
	/* the firmware's strings are terminated by the library */
	assert_memory_equal(o.cpucp_version, K + offsetof(T, cpucp_version), 127);
	assert_int_equal(o.cpucp_version[127], 0);
	assert_memory_equal(o.card_name, K + offsetof(T, card_name), 15);
	assert_int_equal(o.card_name[15], 0);
	/* the ASIC is the one decided at open */
	assert_int_equal(o.asic, HLA_ASIC_GAUDI2);
	assert_int_equal(o.reserved1, 0);
	assert_true(o.valid & HLA_HW_IP_ASIC);
	assert_true(o.valid & HLA_HW_IP_CPUCP_VERSION);
}

static void hw_ip_errors(void **state)
{
	HLA_STRUCT_INIT(hla_hw_ip_info, o);

	(void)state;
	EXPECT_NO_IOCTL(hla_info_hw_ip(NULL, &o), -EINVAL);
	EXPECT_NO_IOCTL(hla_info_hw_ip(U, NULL), -EINVAL);
	o.sz = 2;
	EXPECT_NO_IOCTL(hla_info_hw_ip(U, &o), -EINVAL);
	o.sz = sizeof(o);
	mock_ioctl_push_errno(EBUSY);
	EXPECT_ONE_IOCTL(hla_info_hw_ip(U, &o), -EBUSY);
	/* no ioctl is restarted on EINTR */
	mock_ioctl_push_errno(EINTR);
	EXPECT_ONE_IOCTL(hla_info_hw_ip(U, &o), -EINTR);
}

static void hw_events(void **state)
{
	uint32_t c[32];
	uint32_t n = 0;
	struct hlk_info_args a;

	(void)state;
	memset(c, 0, sizeof(c));
	/* the open's HW_IP reply said 16 events */
	EXPECT_ONE_IOCTL(hla_info_hw_events(U, c, 32, &n), 0);
	assert_int_equal(n, 16);
	a = last_info();
	assert_int_equal(a.op, HLK_INFO_HW_EVENTS);
	assert_int_equal(a.return_size, 16 * 4);
	assert_int_equal(a.return_pointer, (uint64_t)(uintptr_t)c);
	EXPECT_ONE_IOCTL(hla_info_hw_events_aggregate(U, c, 4, &n), 0);
	a = last_info();
	assert_int_equal(a.op, HLK_INFO_HW_EVENTS_AGGREGATE);
	assert_int_equal(a.return_size, 16);
	assert_int_equal(n, 16);
	/* the count alone needs no ioctl */
	n = 0;
	EXPECT_NO_IOCTL(hla_info_hw_events(U, NULL, 0, &n), 0);
	assert_int_equal(n, 16);
	EXPECT_NO_IOCTL(hla_info_hw_events(U, NULL, 4, &n), -EINVAL);
	EXPECT_NO_IOCTL(hla_info_hw_events(U, c, 4, NULL), -EINVAL);
	EXPECT_NO_IOCTL(hla_info_hw_events_aggregate(NULL, c, 4, &n), -EINVAL);
	mock_ioctl_push_errno(EOPNOTSUPP);
	EXPECT_ONE_IOCTL(hla_info_hw_events(U, c, 4, &n), -EOPNOTSUPP);
	mock_ioctl_push_errno(EFAULT);
	EXPECT_ONE_IOCTL(hla_info_hw_events_aggregate(U, c, 4, &n), -EFAULT);
}

/* a header-plus-driver-struct INFO call: request, fields, valid bits, errors */
#define STRUCTURED(name, T, op, type, call, valid_bits, ...)             \
	static void name(void **state)                                   \
	{                                                                \
		HLA_STRUCT_INIT(type, o);                                \
		(void)state;                                             \
		push_pattern(sizeof(T));                                 \
		EXPECT_ONE_IOCTL(call(U, &o), 0);                        \
		expect_info(op, sizeof(T), 0);                           \
		assert_int_equal(o.valid, (valid_bits));                 \
		assert_int_equal(o.reserved0, 0);                        \
		__VA_ARGS__                                              \
		EXPECT_NO_IOCTL(call(NULL, &o), -EINVAL);                \
		EXPECT_NO_IOCTL(call(U, NULL), -EINVAL);                 \
		mock_ioctl_push_errno(EPERM);                            \
		EXPECT_ONE_IOCTL(call(U, &o), -EPERM);                   \
	}

STRUCTURED(dram_usage, struct hlk_info_dram_usage, HLK_INFO_DRAM_USAGE,
	   hla_dram_usage, hla_info_dram_usage,
	   HLA_DRAM_USAGE_DRAM_FREE_MEM | HLA_DRAM_USAGE_CTX_DRAM_MEM,
	   EXPECT_FIELD(o.dram_free_mem, K, struct hlk_info_dram_usage, dram_free_mem);
	   EXPECT_FIELD(o.ctx_dram_mem, K, struct hlk_info_dram_usage, ctx_dram_mem);)

STRUCTURED(hw_idle, struct hlk_info_hw_idle, HLK_INFO_HW_IDLE, hla_hw_idle,
	   hla_info_hw_idle, o.valid /* per driver: test_driver.c */,
	   assert_true(o.valid & HLA_HW_IDLE_IS_IDLE);
	   EXPECT_FIELD(o.is_idle, K, struct hlk_info_hw_idle, is_idle);
	   EXPECT_FIELD(o.busy_engines_mask, K, struct hlk_info_hw_idle, busy_engines_mask);
	   assert_memory_equal(o.busy_engines_mask_ext,
			       K + offsetof(struct hlk_info_hw_idle, busy_engines_mask_ext), 32);)

STRUCTURED(time_sync, struct hlk_info_time_sync, HLK_INFO_TIME_SYNC, hla_time_sync,
	   hla_info_time_sync, o.valid /* per driver: test_driver.c */,
	   assert_true(o.valid & HLA_TIME_SYNC_HOST_TIME);
	   EXPECT_FIELD(o.device_time, K, struct hlk_info_time_sync, device_time);
	   EXPECT_FIELD(o.host_time, K, struct hlk_info_time_sync, host_time);
	   EXPECT_FIELD(o.tsc_time, K, struct hlk_info_time_sync, tsc_time);)

STRUCTURED(cs_counters, struct hlk_info_cs_counters, HLK_INFO_CS_COUNTERS,
	   hla_cs_counters, hla_info_cs_counters,
	   HLA_CS_COUNTERS_TOTAL | HLA_CS_COUNTERS_CTX,
	   assert_memory_equal(&o.total_out_of_mem_drop_cnt, K, 96);)

STRUCTURED(pci_counters, struct hlk_info_pci_counters, HLK_INFO_PCI_COUNTERS,
	   hla_pci_counters, hla_info_pci_counters,
	   HLA_PCI_COUNTERS_RX_THROUGHPUT | HLA_PCI_COUNTERS_TX_THROUGHPUT |
		   HLA_PCI_COUNTERS_REPLAY_CNT,
	   EXPECT_FIELD(o.rx_throughput, K, struct hlk_info_pci_counters, rx_throughput);
	   EXPECT_FIELD(o.tx_throughput, K, struct hlk_info_pci_counters, tx_throughput);
	   EXPECT_FIELD(o.replay_cnt, K, struct hlk_info_pci_counters, replay_cnt);)

STRUCTURED(clk_throttle, struct hlk_info_clk_throttle, HLK_INFO_CLK_THROTTLE_REASON,
	   hla_clk_throttle, hla_info_clk_throttle,
	   HLA_CLK_THROTTLE_VALID_REASON | HLA_CLK_THROTTLE_VALID_TIMESTAMP |
		   HLA_CLK_THROTTLE_VALID_DURATION,
	   EXPECT_FIELD(o.reason, K, struct hlk_info_clk_throttle, clk_throttling_reason);
	   assert_memory_equal(o.timestamp_us, K + 8, 16);
	   assert_memory_equal(o.duration_ns, K + 24, 16);)

STRUCTURED(open_stats, struct hlk_open_stats_info, HLK_INFO_OPEN_STATS,
	   hla_open_stats, hla_info_open_stats,
	   HLA_OPEN_STATS_OPEN_COUNTER | HLA_OPEN_STATS_LAST_OPEN_PERIOD |
		   HLA_OPEN_STATS_COMPUTE_CTX_ACTIVE |
		   HLA_OPEN_STATS_COMPUTE_CTX_IN_RELEASE,
	   EXPECT_FIELD(o.open_counter, K, struct hlk_open_stats_info, open_counter);
	   EXPECT_FIELD(o.last_open_period_ms, K, struct hlk_open_stats_info, last_open_period_ms);
	   EXPECT_FIELD(o.is_compute_ctx_active, K, struct hlk_open_stats_info, is_compute_ctx_active);
	   EXPECT_FIELD(o.compute_ctx_in_release, K, struct hlk_open_stats_info, compute_ctx_in_release);)

STRUCTURED(replaced_rows, struct hlk_hbm_row_info, HLK_INFO_DRAM_REPLACED_ROWS,
	   hla_dram_row, hla_info_dram_replaced_rows,
	   HLA_DRAM_ROW_LOCATION | HLA_DRAM_ROW_CAUSE,
	   EXPECT_FIELD(o.hbm_idx, K, struct hlk_hbm_row_info, hbm_idx);
	   EXPECT_FIELD(o.pc, K, struct hlk_hbm_row_info, pc);
	   EXPECT_FIELD(o.sid, K, struct hlk_hbm_row_info, sid);
	   EXPECT_FIELD(o.bank_idx, K, struct hlk_hbm_row_info, bank_idx);
	   EXPECT_FIELD(o.row_addr, K, struct hlk_hbm_row_info, row_addr);
	   EXPECT_FIELD(o.replaced_row_cause, K, struct hlk_hbm_row_info, replaced_row_cause);)

/* a scalar INFO call: request, decoded value, errors */
#define SCALAR(name, T, op, call_ok, call_null, ...)                     \
	static void name(void **state)                                   \
	{                                                                \
		(void)state;                                             \
		push_pattern(sizeof(T));                                 \
		EXPECT_ONE_IOCTL(call_ok, 0);                            \
		expect_info(op, sizeof(T), 0);                           \
		__VA_ARGS__                                              \
		EXPECT_NO_IOCTL(call_null, -EINVAL);                     \
		mock_ioctl_push_errno(ENODEV);                           \
		EXPECT_ONE_IOCTL(call_ok, -ENODEV);                      \
	}

static uint32_t v32, w32;
static uint64_t v64;
static int64_t s64;

SCALAR(device_status, struct hlk_info_device_status, HLK_INFO_DEVICE_STATUS,
       hla_info_device_status(U, &v32), hla_info_device_status(U, NULL),
       EXPECT_FIELD(v32, K, struct hlk_info_device_status, status);)

SCALAR(clk_rate, struct hlk_info_clk_rate, HLK_INFO_CLK_RATE,
       hla_info_clk_rate(U, &v32, &w32), hla_info_clk_rate(U, NULL, NULL),
       EXPECT_FIELD(v32, K, struct hlk_info_clk_rate, cur_clk_rate_mhz);
       EXPECT_FIELD(w32, K, struct hlk_info_clk_rate, max_clk_rate_mhz);
       push_pattern(8);
       EXPECT_ONE_IOCTL(hla_info_clk_rate(U, NULL, &w32), 0);
       EXPECT_FIELD(w32, K, struct hlk_info_clk_rate, max_clk_rate_mhz);)

SCALAR(reset_count, struct hlk_info_reset_count, HLK_INFO_RESET_COUNT,
       hla_info_reset_count(U, &v32, &w32), hla_info_reset_count(U, NULL, NULL),
       EXPECT_FIELD(v32, K, struct hlk_info_reset_count, hard_reset_cnt);
       EXPECT_FIELD(w32, K, struct hlk_info_reset_count, soft_reset_cnt);
       push_pattern(8);
       EXPECT_ONE_IOCTL(hla_info_reset_count(U, &v32, NULL), 0);)

SCALAR(energy, struct hlk_info_energy, HLK_INFO_TOTAL_ENERGY,
       hla_info_energy(U, &v64), hla_info_energy(U, NULL),
       EXPECT_FIELD(v64, K, struct hlk_info_energy, total_energy_consumption);)

SCALAR(power, struct hlk_power_info, HLK_INFO_POWER,
       hla_info_power(U, &v64), hla_info_power(NULL, &v64),
       EXPECT_FIELD(v64, K, struct hlk_power_info, power);)

SCALAR(pending_rows, uint32_t, HLK_INFO_DRAM_PENDING_ROWS,
       hla_info_dram_pending_rows(U, &v32), hla_info_dram_pending_rows(U, NULL),
       assert_memory_equal(&v32, K, 4);)

SCALAR(last_open, struct hlk_info_last_err_open_dev_time, HLK_INFO_LAST_ERR_OPEN_DEV_TIME,
       hla_info_last_err_open_dev_time(U, &s64),
       hla_info_last_err_open_dev_time(U, NULL),
       assert_memory_equal(&s64, K, 8);)

SCALAR(page_sizes, struct hlk_info_dev_memalloc_page_sizes,
       HLK_INFO_DEV_MEM_ALLOC_PAGE_SIZES, hla_info_page_sizes(U, &v64),
       hla_info_page_sizes(NULL, &v64), assert_memory_equal(&v64, K, 8);)

SCALAR(utilization, struct hlk_info_device_utilization, HLK_INFO_DEVICE_UTILIZATION,
       hla_info_utilization(U, 0, &v32), hla_info_utilization(U, 1, NULL),
       EXPECT_FIELD(v32, K, struct hlk_info_device_utilization, utilization);
       push_pattern(8);
       EXPECT_ONE_IOCTL(hla_info_utilization(U, 250, &v32), 0);
       expect_info(HLK_INFO_DEVICE_UTILIZATION, 8, 250);)

static void pll_frequency(void **state)
{
	uint16_t mhz[HLA_PLL_OUTPUTS];

	(void)state;
	push_pattern(8);
	EXPECT_ONE_IOCTL(hla_info_pll_frequency(U, 3, mhz), 0);
	expect_info(HLK_INFO_PLL_FREQUENCY, 8, 3);
	assert_memory_equal(mhz, K, 8);
	/* the driver decides which PLL indexes exist */
	mock_ioctl_push_errno(EINVAL);
	EXPECT_ONE_IOCTL(hla_info_pll_frequency(U, 99, mhz), -EINVAL);
	expect_info(HLK_INFO_PLL_FREQUENCY, 8, 99);
	EXPECT_NO_IOCTL(hla_info_pll_frequency(U, 0, NULL), -EINVAL);
	EXPECT_NO_IOCTL(hla_info_pll_frequency(NULL, 0, mhz), -EINVAL);
}

static void sync_manager(void **state)
{
	HLA_STRUCT_INIT(hla_sync_manager, sm);
	typedef struct hlk_info_sync_manager T;

	(void)state;
	push_pattern(16);
	EXPECT_ONE_IOCTL(hla_info_sync_manager(U, 2, &sm), 0);
	expect_info(HLK_INFO_SYNC_MANAGER, 16, 2);
	EXPECT_FIELD(sm.first_available_sync_object, K, T, first_available_sync_object);
	EXPECT_FIELD(sm.first_available_monitor, K, T, first_available_monitor);
	EXPECT_FIELD(sm.first_available_cq, K, T, first_available_cq);
	assert_int_equal(sm.valid, HLA_SYNC_MANAGER_FIRST_SYNC_OBJECT |
					   HLA_SYNC_MANAGER_FIRST_MONITOR |
					   HLA_SYNC_MANAGER_FIRST_CQ);
	EXPECT_NO_IOCTL(hla_info_sync_manager(U, 8, &sm), -EINVAL);
	EXPECT_NO_IOCTL(hla_info_sync_manager(U, 0, NULL), -EINVAL);
	EXPECT_NO_IOCTL(hla_info_sync_manager(NULL, 0, &sm), -EINVAL);
	mock_ioctl_push_errno(EINVAL);
	EXPECT_ONE_IOCTL(hla_info_sync_manager(U, 7, &sm), -EINVAL);
}

/* a control handle has no context: context figures are not valid there */
static void control_handle(void **state)
{
	HLA_STRUCT_INIT(hla_cs_counters, c);
	HLA_STRUCT_INIT(hla_dram_usage, d);

	(void)state;
	push_pattern(sizeof(struct hlk_info_cs_counters));
	EXPECT_ONE_IOCTL(hla_info_cs_counters(U, &c), 0);
	assert_int_equal(c.valid, HLA_CS_COUNTERS_TOTAL);
	assert_int_equal(last_info().op, HLK_INFO_CS_COUNTERS);
	push_pattern(16);
	EXPECT_ONE_IOCTL(hla_info_dram_usage(U, &d), 0);
	assert_int_equal(d.valid, HLA_DRAM_USAGE_DRAM_FREE_MEM);
	EXPECT_FIELD(d.dram_free_mem, K, struct hlk_info_dram_usage, dram_free_mem);
	/* and every INFO call goes to the control node */
	EXPECT_ONE_IOCTL(hla_info_device_status(U, &v32), 0);
	assert_int_equal(mock_ioctl_last()->fd, hla_device_get_fd(U));
}

static void attestation(void **state)
{
	struct hla_attestation *at = calloc(1, sizeof(*at));
	typedef struct hlk_info_sec_attest T;

	(void)state;
	at->sz = sizeof(*at);
	push_pattern(sizeof(T));
	EXPECT_ONE_IOCTL(hla_info_attestation(U, 0x55, at), 0);
	expect_info(HLK_INFO_SECURED_ATTESTATION, sizeof(T), 0x55);
	EXPECT_FIELD(at->nonce, K, T, nonce);
	EXPECT_FIELD(at->pcr_quote_len, K, T, pcr_quote_len);
	EXPECT_FIELD(at->pub_data_len, K, T, pub_data_len);
	EXPECT_FIELD(at->certificate_len, K, T, certificate_len);
	EXPECT_FIELD(at->pcr_num_reg, K, T, pcr_num_reg);
	EXPECT_FIELD(at->pcr_reg_len, K, T, pcr_reg_len);
	EXPECT_FIELD(at->quote_sig_len, K, T, quote_sig_len);
	assert_memory_equal(at->pcr_data, K + offsetof(T, pcr_data), 256);
	assert_memory_equal(at->pcr_quote, K + offsetof(T, pcr_quote), 510);
	assert_memory_equal(at->quote_sig, K + offsetof(T, quote_sig), 255);
	assert_memory_equal(at->public_data, K + offsetof(T, public_data), 510);
	assert_memory_equal(at->certificate, K + offsetof(T, certificate), 2046);
	assert_int_equal(at->valid, HLA_ATTEST_NONCE | HLA_ATTEST_PCR | HLA_ATTEST_QUOTE |
					    HLA_ATTEST_PUBLIC_DATA | HLA_ATTEST_CERTIFICATE);
	EXPECT_NO_IOCTL(hla_info_attestation(U, 0, NULL), -EINVAL);
	EXPECT_NO_IOCTL(hla_info_attestation(NULL, 0, at), -EINVAL);
	mock_ioctl_push_errno(EOPNOTSUPP);
	EXPECT_ONE_IOCTL(hla_info_attestation(U, 1, at), -EOPNOTSUPP);
	free(at);
}

static void dev_signed(void **state)
{
	struct hla_dev_signed *sg = calloc(1, sizeof(*sg));
	typedef struct hlk_info_signed T;

	(void)state;
	sg->sz = sizeof(*sg);
	push_pattern(sizeof(T));
	EXPECT_ONE_IOCTL(hla_info_dev_signed(U, 0x66, sg), 0);
	expect_info(HLK_INFO_DEV_SIGNED, sizeof(T), 0x66);
	EXPECT_FIELD(sg->nonce, K, T, nonce);
	EXPECT_FIELD(sg->pub_data_len, K, T, pub_data_len);
	EXPECT_FIELD(sg->certificate_len, K, T, certificate_len);
	EXPECT_FIELD(sg->info_sig_len, K, T, info_sig_len);
	EXPECT_FIELD(sg->dev_info_len, K, T, dev_info_len);
	assert_memory_equal(sg->public_data, K + offsetof(T, public_data), 510);
	assert_memory_equal(sg->certificate, K + offsetof(T, certificate), 2046);
	assert_memory_equal(sg->info_sig, K + offsetof(T, info_sig), 255);
	assert_memory_equal(sg->dev_info, K + offsetof(T, dev_info), 5120);
	assert_int_equal(sg->valid, HLA_ATTEST_NONCE | HLA_ATTEST_PUBLIC_DATA |
					    HLA_ATTEST_CERTIFICATE | HLA_ATTEST_DEV_INFO |
					    HLA_ATTEST_INFO_SIG);
	EXPECT_NO_IOCTL(hla_info_dev_signed(U, 0, NULL), -EINVAL);
	/* the first form of the record ends before the device information:
	 * its last 4 bytes are zeroed padding where the length now is */
	pattern(K, 2824);
	memset(K + 2820, 0, 4);
	mock_ioctl_push_info(K, 2824);
	EXPECT_ONE_IOCTL(hla_info_dev_signed(U, 0x66, sg), 0);
	assert_int_equal(sg->dev_info_len, 0);
	assert_int_equal(sg->valid, HLA_ATTEST_NONCE | HLA_ATTEST_PUBLIC_DATA |
					    HLA_ATTEST_CERTIFICATE | HLA_ATTEST_INFO_SIG);
	mock_ioctl_push_errno(EOPNOTSUPP);
	EXPECT_ONE_IOCTL(hla_info_dev_signed(U, 1, sg), -EOPNOTSUPP);
	free(sg);
}

static int answer_text(int fd, unsigned long req, void *arg, void *priv)
{
	struct hlk_info_args *a = arg;
	size_t n = strlen(priv);

	(void)fd;
	(void)req;
	if (n > a->return_size)
		return ENOMEM;
	memcpy((void *)(uintptr_t)a->return_pointer, priv, n);
	a->user_buffer_actual_size = (uint32_t)n;
	return 0;
}

static void engine_status(void **state)
{
	static char text[2048];
	static char full[1024], over[1025];

	(void)state;
	mock_ioctl_push(answer_text, "DMA idle\nMME idle\n");
	memset(text, 'x', sizeof(text));
	EXPECT_ONE_IOCTL(hla_info_engine_status(U, text, sizeof(text)), 18);
	assert_string_equal(text, "DMA idle\nMME idle\n");
	expect_info(HLK_INFO_ENGINE_STATUS, sizeof(text), 0);
	/* a text that fills the buffer leaves no room for the terminator */
	memset(full, 'a', sizeof(full));
	full[sizeof(full) - 1] = '\0';
	mock_ioctl_push(answer_text, full); /* 1023 bytes into 1024: fits */
	EXPECT_ONE_IOCTL(hla_info_engine_status(U, text, 1024), 1023);
	assert_int_equal(text[1023], '\0');
	memset(over, 'b', sizeof(over) - 1);
	mock_ioctl_push(answer_text, over); /* 1024 bytes into 1024: does not */
	EXPECT_ONE_IOCTL(hla_info_engine_status(U, text, 1024), -ENOSPC);
	mock_ioctl_push_errno(ENOMEM);
	EXPECT_ONE_IOCTL(hla_info_engine_status(U, text, sizeof(text)), -ENOSPC);
	mock_ioctl_push_errno(EIO);
	EXPECT_ONE_IOCTL(hla_info_engine_status(U, text, sizeof(text)), -EIO);
	EXPECT_NO_IOCTL(hla_info_engine_status(U, text, 1023), -EINVAL);
	EXPECT_NO_IOCTL(hla_info_engine_status(U, NULL, 2048), -EINVAL);
	EXPECT_NO_IOCTL(hla_info_engine_status(NULL, text, 2048), -EINVAL);
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
	uint32_t n = 99, have = 3;

	(void)state;
	mock_ioctl_push(answer_maps, &have);
	EXPECT_ONE_IOCTL(hla_info_user_mappings(U, m, 4, &n), 0);
	assert_int_equal(n, 3);
	assert_int_equal(m[2].dev_va, 0x3000);
	assert_int_equal(m[2].size, 0x100);
	expect_info(HLK_INFO_USER_MAPPINGS, 64, 0);
	assert_int_equal(last_info().return_pointer, (uint64_t)(uintptr_t)m);
	mock_ioctl_push(answer_maps, &have);
	EXPECT_ONE_IOCTL(hla_info_user_mappings(U, m, 2, &n), -ENOSPC);
	assert_int_equal(n, 3);
	/* just the count: the driver still gets a buffer */
	mock_ioctl_push(answer_maps, &have);
	EXPECT_ONE_IOCTL(hla_info_user_mappings(U, NULL, 0, &n), -ENOSPC);
	assert_int_equal(n, 3);
	have = 0;
	mock_ioctl_push(answer_maps, &have);
	EXPECT_ONE_IOCTL(hla_info_user_mappings(U, NULL, 0, &n), 0);
	assert_int_equal(n, 0);
	EXPECT_NO_IOCTL(hla_info_user_mappings(U, NULL, 2, &n), -EINVAL);
	EXPECT_NO_IOCTL(hla_info_user_mappings(U, m, 2, NULL), -EINVAL);
	mock_ioctl_push_errno(EFAULT);
	EXPECT_ONE_IOCTL(hla_info_user_mappings(U, m, 4, &n), -EFAULT);
}

static void fw_generic_req(void **state)
{
	static char buf[2048];
	struct hlk_info_args a;

	(void)state;
	EXPECT_ONE_IOCTL(hla_info_fw_generic_req(U, HLA_FW_REQ_VERSIONS, buf, sizeof(buf)), 0);
	a = last_info();
	assert_int_equal(a.op, HLK_INFO_FW_GENERIC_REQ);
	assert_int_equal(a.fw_sub_opcode, 0);
	assert_int_equal(a.return_size, sizeof(buf));
	assert_int_equal(a.return_pointer, (uint64_t)(uintptr_t)buf);
	EXPECT_ONE_IOCTL(hla_info_fw_generic_req(U, 4, buf, 16), 0);
	assert_int_equal(last_info().fw_sub_opcode, 4);
	EXPECT_NO_IOCTL(hla_info_fw_generic_req(U, 0, buf, (1u << 20) + 1), -EINVAL);
	EXPECT_NO_IOCTL(hla_info_fw_generic_req(U, 0, buf, 0), -EINVAL);
	EXPECT_NO_IOCTL(hla_info_fw_generic_req(U, 0, NULL, 8), -EINVAL);
	mock_ioctl_push_errno(EINVAL);
	EXPECT_ONE_IOCTL(hla_info_fw_generic_req(U, 9, buf, 16), -EINVAL);
}

static int answer_word(int fd, unsigned long req, void *arg, void *priv)
{
	(void)fd;
	(void)req;
	((struct hlk_info_args *)arg)->dcore_id = *(uint32_t *)priv;
	return 0;
}

static void raw(void **state)
{
	uint8_t buf[32];
	uint32_t out = 0, answer = 0x1234;

	(void)state;
	mock_ioctl_push(answer_word, &answer);
	EXPECT_ONE_IOCTL(hla_info_raw(U, 200, 0x77, buf, sizeof(buf), &out), 0);
	expect_info(200, 32, 0x77);
	assert_int_equal(last_info().return_pointer, (uint64_t)(uintptr_t)buf);
	assert_int_equal(out, 0x1234);
	EXPECT_ONE_IOCTL(hla_info_raw(U, 201, 5, NULL, 0, NULL), 0);
	expect_info(201, 0, 5);
	mock_ioctl_push_errno(EINVAL);
	EXPECT_ONE_IOCTL(hla_info_raw(U, 202, 0, buf, sizeof(buf), NULL), -EINVAL);
	EXPECT_NO_IOCTL(hla_info_raw(U, 1, 0, NULL, 4, NULL), -EINVAL);
	EXPECT_NO_IOCTL(hla_info_raw(NULL, 1, 0, buf, 4, NULL), -EINVAL);
	EXPECT_NO_IOCTL(hla_info_raw(U, 1, 0, buf, (size_t)UINT32_MAX + 1, NULL), -EINVAL);
}

int main(int argc, char **argv)
{
#define T UNIT_TEST
	const struct CMUnitTest tests[] = {
		T(hw_ip), T(hw_ip_errors), T(hw_events), T(dram_usage), T(hw_idle),
		T(time_sync), T(cs_counters), T(pci_counters), T(clk_throttle),
		T(open_stats), T(replaced_rows), T(device_status), T(clk_rate),
		T(reset_count), T(energy), T(power), T(pending_rows), T(last_open),
		T(page_sizes), T(utilization), T(pll_frequency), T(sync_manager),
		cmocka_unit_test_setup_teardown(control_handle, unit_open_control, unit_close),
		T(attestation), UNIT_TEST_HABANA(dev_signed), T(engine_status),
		UNIT_TEST_RECENT(user_mappings), UNIT_TEST_RECENT(fw_generic_req), T(raw),
	};

	return UNIT_MAIN(tests, NULL, NULL);
}
