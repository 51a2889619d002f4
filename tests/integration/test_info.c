/* SPDX-License-Identifier: MIT */
/* Every INFO opcode, through the compute node and the control node. */
#include "itest.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static struct hla_device *ctl;

static int setup(void **state)
{
	(void)state;
	if (itest_open(&D))
		return -1;
	return hla_device_open_index(0, HLA_OPEN_CONTROL, &ctl);
}

static int teardown(void **state)
{
	(void)state;
	hla_device_close(ctl);
	itest_close(&D);
	return 0;
}

/* opcodes 33 and later do not exist on the 6.1 legacy interface */
/* fields every driver reports */
#define HW_IP_BASE                                                              \
	(HLA_HW_IP_SRAM_BASE_ADDRESS | HLA_HW_IP_DRAM_BASE_ADDRESS |            \
	 HLA_HW_IP_DRAM_SIZE | HLA_HW_IP_ASIC | HLA_HW_IP_DEVICE_ID |           \
	 HLA_HW_IP_SRAM_SIZE | HLA_HW_IP_NUM_OF_EVENTS | HLA_HW_IP_CPUCP_VERSION | \
	 HLA_HW_IP_CARD_NAME | HLA_HW_IP_DRAM_PAGE_SIZE |                       \
	 HLA_HW_IP_FIRST_AVAILABLE_INTERRUPT_ID | HLA_HW_IP_TPC_ENABLED_MASK)
/* fields of drivers with HLA_CAP_HW_IP_EXT */
#define HW_IP_EXT                                                               \
	(HLA_HW_IP_REVISION_ID | HLA_HW_IP_TPC_INTERRUPT_ID |                   \
	 HLA_HW_IP_ROTATOR_ENABLED_MASK | HLA_HW_IP_RESERVED_DRAM_SIZE)
/* fields only Habana's driver fills */
#define HW_IP_HABANA                                                            \
	(HLA_HW_IP_NIC_PORTS_MASK | HLA_HW_IP_NIC_PORTS_EXTERNAL_MASK |         \
	 HLA_HW_IP_PDMA_USER_OWNED_CH_MASK | HLA_HW_IP_MME_ENABLED_MASK |       \
	 HLA_HW_IP_SCHED_ARC_ENABLED_MASK | HLA_HW_IP_ODP_SUPPORTED |           \
	 HLA_HW_IP_INTERPOSER_VERSION | HLA_HW_IP_SUBSTRATE_VERSION)

static void check_hw_ip_valid(uint64_t valid, uint64_t caps)
{
	uint64_t ext = caps & HLA_CAP_HW_IP_EXT ? HW_IP_EXT : 0;
	uint64_t habana = caps & HLA_CAP_HABANA_EXT ? HW_IP_HABANA : 0;

	assert_int_equal(valid & HW_IP_BASE, HW_IP_BASE);
	assert_int_equal(valid & HW_IP_EXT, ext);
	assert_int_equal(valid & HW_IP_HABANA, habana);
}

static void hw_ip(void **state)
{
	HLA_STRUCT_INIT(hla_hw_ip_info, a);
	HLA_STRUCT_INIT(hla_hw_ip_info, b);

	(void)state;
	assert_int_equal(hla_info_hw_ip(D.dev, &a), 0);
	assert_int_equal(hla_info_hw_ip(ctl, &b), 0);
	assert_int_equal(a.device_id, b.device_id);
	assert_int_equal(a.valid, b.valid);
	assert_int_equal(a.asic, D.desc.asic);
	assert_true(a.dram_size > 0);
	assert_true(a.sram_size > 0);
	assert_true(a.num_of_events > 0);
	assert_true(strlen(a.cpucp_version) < sizeof(a.cpucp_version));
	assert_true(a.card_name[0] != '\0');
	assert_true(strlen(a.card_name) < sizeof(a.card_name));
	check_hw_ip_valid(a.valid, D.desc.caps);
	if (itest_on_sim()) {
		const struct itest_sim_driver *sim = itest_sim_driver();

		/* 6.8 has the extended layout, 6.1 has not; only Habana's
		 * driver has its extensions */
		assert_non_null(sim);
		if (sim->is_default)
			assert_int_equal((D.desc.caps & HLA_CAP_HW_IP_EXT) != 0, !D.legacy);
		assert_int_equal((D.desc.caps & HLA_CAP_HABANA_EXT) != 0, sim->habana);
	}
	if (D.gaudi2) {
		assert_true(a.dram_page_size > 0);
		assert_true(a.device_mem_alloc_default_page_size > 0);
		assert_int_equal(a.dram_size % a.dram_page_size, 0);
	}
}

static void events_counters(void **state)
{
	uint32_t *c;
	uint32_t n = 0;

	(void)state;
	c = calloc(D.hw.num_of_events, sizeof(*c));
	assert_non_null(c);
	assert_int_equal(hla_info_hw_events(D.dev, c, D.hw.num_of_events, &n), 0);
	assert_int_equal(n, D.hw.num_of_events);
	assert_int_equal(hla_info_hw_events_aggregate(ctl, c, D.hw.num_of_events, &n), 0);
	assert_int_equal(n, D.hw.num_of_events);
	/* a short buffer is filled only as far as it goes */
	assert_int_equal(hla_info_hw_events(D.dev, c, 1, &n), 0);
	assert_int_equal(n, D.hw.num_of_events);
	free(c);
}

static void dram_usage_tracks_allocations(void **state)
{
	HLA_STRUCT_INIT(hla_dram_usage, before);
	HLA_STRUCT_INIT(hla_dram_usage, during);
	HLA_STRUCT_INIT(hla_dram_usage, after);
	struct itest_dram m;
	uint64_t size = D.gaudi2 ? D.hw.dram_page_size : (64u << 20);

	(void)state;
	assert_int_equal(hla_info_dram_usage(D.dev, &before), 0);
	assert_int_equal(itest_dram_alloc(&D, size, &m), 0);
	assert_int_equal(hla_info_dram_usage(D.dev, &during), 0);
	assert_int_equal(during.valid, HLA_DRAM_USAGE_DRAM_FREE_MEM |
					       HLA_DRAM_USAGE_CTX_DRAM_MEM);
	assert_int_equal(during.dram_free_mem, before.dram_free_mem - size);
	assert_int_equal(during.ctx_dram_mem, before.ctx_dram_mem + size);
	assert_int_equal(itest_dram_free(&D, &m), 0);
	assert_int_equal(hla_info_dram_usage(D.dev, &after), 0);
	assert_int_equal(after.dram_free_mem, before.dram_free_mem);
	/* the control node sees the device-wide number but no context */
	assert_int_equal(hla_info_dram_usage(ctl, &after), 0);
	assert_int_equal(after.valid, HLA_DRAM_USAGE_DRAM_FREE_MEM);
	assert_int_equal(after.ctx_dram_mem, 0);
}

static void simple_values(void **state)
{
	HLA_STRUCT_INIT(hla_hw_idle, idle);
	HLA_STRUCT_INIT(hla_time_sync, ts);
	HLA_STRUCT_INIT(hla_cs_counters, csc);
	HLA_STRUCT_INIT(hla_pci_counters, pci);
	HLA_STRUCT_INIT(hla_clk_throttle, thr);
	HLA_STRUCT_INIT(hla_sync_manager, sm);
	HLA_STRUCT_INIT(hla_open_stats, os);
	HLA_STRUCT_INIT(hla_dram_row, row);
	uint32_t status, util, cur, max, hard, soft, pending;
	uint64_t energy, power, orders;
	uint16_t pll[HLA_PLL_OUTPUTS];
	int64_t t;

	(void)state;
	assert_int_equal(hla_info_hw_idle(D.dev, &idle), 0);
	assert_int_equal(idle.is_idle, 1);
	assert_int_equal(hla_info_device_status(D.dev, &status), 0);
	assert_int_equal(status, HLA_DEVICE_STATUS_OPERATIONAL);
	assert_int_equal(hla_info_utilization(D.dev, 100, &util), 0);
	assert_true(util <= 100);
	assert_int_equal(hla_info_clk_rate(D.dev, &cur, &max), 0);
	assert_true(cur > 0 && cur <= max);
	assert_int_equal(hla_info_reset_count(D.dev, &hard, &soft), 0);
	assert_int_equal(hla_info_time_sync(D.dev, &ts), 0);
	assert_true(ts.host_time > 0);
	if (!D.legacy)
		assert_true(ts.device_time > 0);
	assert_int_equal(hla_info_cs_counters(D.dev, &csc), 0);
	assert_int_equal(hla_info_pci_counters(D.dev, &pci), 0);
	assert_int_equal(hla_info_clk_throttle(D.dev, &thr), 0);
	assert_int_equal(hla_info_sync_manager(D.dev, 0, &sm), 0);
	assert_int_equal(hla_info_sync_manager(D.dev, 8, &sm), -EINVAL);
	assert_int_equal(hla_info_energy(D.dev, &energy), 0);
	assert_int_equal(hla_info_pll_frequency(D.dev, 0, pll), 0);
	assert_true(pll[0] > 0);
	assert_int_equal(hla_info_power(D.dev, &power), 0);
	assert_int_equal(hla_info_open_stats(D.dev, &os), 0);
	assert_true(os.open_counter >= 1);
	assert_int_equal(os.is_compute_ctx_active, 1);
	assert_int_equal(hla_info_dram_replaced_rows(D.dev, &row), 0);
	assert_int_equal(hla_info_dram_pending_rows(D.dev, &pending), 0);
	assert_int_equal(hla_info_last_err_open_dev_time(D.dev, &t), 0);
	assert_true(t > 0);
	assert_int_equal(hla_info_page_sizes(D.dev, &orders), 0);
}

/* Every INFO output says which fields it filled. */
static void valid_masks(void **state)
{
	HLA_STRUCT_INIT(hla_hw_idle, idle);
	HLA_STRUCT_INIT(hla_time_sync, ts);
	HLA_STRUCT_INIT(hla_cs_counters, csc);
	HLA_STRUCT_INIT(hla_pci_counters, pci);
	HLA_STRUCT_INIT(hla_clk_throttle, thr);
	HLA_STRUCT_INIT(hla_sync_manager, sm);
	HLA_STRUCT_INIT(hla_open_stats, os);
	HLA_STRUCT_INIT(hla_dram_row, row);
	uint64_t caps = D.desc.caps;

	(void)state;
	assert_int_equal(hla_info_hw_idle(D.dev, &idle), 0);
	assert_int_equal(idle.valid,
			 HLA_HW_IDLE_IS_IDLE | HLA_HW_IDLE_BUSY_ENGINES_MASK |
				 HLA_HW_IDLE_BUSY_ENGINES_MASK_EXT |
				 (caps & HLA_CAP_HW_IDLE_EXT ?
					  HLA_HW_IDLE_BUSY_ENGINES_MASK_EXT_HI : 0));
	assert_int_equal(hla_info_time_sync(D.dev, &ts), 0);
	assert_int_equal(ts.valid, HLA_TIME_SYNC_DEVICE_TIME | HLA_TIME_SYNC_HOST_TIME |
					   (caps & HLA_CAP_TIME_SYNC_TSC ?
						    HLA_TIME_SYNC_TSC_TIME : 0));
	/* counters of a context exist on the compute handle only */
	assert_int_equal(hla_info_cs_counters(D.dev, &csc), 0);
	assert_int_equal(csc.valid, HLA_CS_COUNTERS_TOTAL | HLA_CS_COUNTERS_CTX);
	memset(&csc, 0xEE, sizeof(csc));
	csc.sz = sizeof(csc);
	assert_int_equal(hla_info_cs_counters(ctl, &csc), 0);
	assert_int_equal(csc.valid, HLA_CS_COUNTERS_TOTAL);
	assert_int_equal(csc.reserved0, 0);
	assert_int_equal(hla_info_pci_counters(ctl, &pci), 0);
	assert_int_equal(pci.valid, HLA_PCI_COUNTERS_RX_THROUGHPUT |
					    HLA_PCI_COUNTERS_TX_THROUGHPUT |
					    HLA_PCI_COUNTERS_REPLAY_CNT);
	assert_int_equal(hla_info_clk_throttle(ctl, &thr), 0);
	assert_true(thr.valid & HLA_CLK_THROTTLE_VALID_REASON);
	assert_int_equal(hla_info_sync_manager(ctl, 0, &sm), 0);
	assert_int_equal(sm.valid, HLA_SYNC_MANAGER_FIRST_SYNC_OBJECT |
					   HLA_SYNC_MANAGER_FIRST_MONITOR |
					   HLA_SYNC_MANAGER_FIRST_CQ);
	assert_int_equal(hla_info_open_stats(ctl, &os), 0);
	assert_true(os.valid & HLA_OPEN_STATS_OPEN_COUNTER);
	assert_int_equal(hla_info_dram_replaced_rows(ctl, &row), 0);
	assert_true(row.valid & HLA_DRAM_ROW_LOCATION);
	if (itest_on_sim()) {
		/* 6.8 reports four busy-engine words and the TSC, 6.1 does not */
		assert_int_equal((caps & HLA_CAP_HW_IDLE_EXT) != 0, !D.legacy);
		assert_int_equal((caps & HLA_CAP_TIME_SYNC_TSC) != 0, !D.legacy);
	}
}

static void error_records_empty(void **state)
{
	HLA_STRUCT_INIT(hla_cs_timeout_event, cst);
	HLA_STRUCT_INIT(hla_razwi_event, rz);
	HLA_STRUCT_INIT(hla_undefined_opcode_event, uo);
	HLA_STRUCT_INIT(hla_page_fault_event, pf);
	HLA_STRUCT_INIT(hla_hw_err_event, hw);
	HLA_STRUCT_INIT(hla_fw_err_event, fw);
	HLA_STRUCT_INIT(hla_engine_err_event, en);
	/* an opcode the driver has reports "nothing captured"; one it has not
	 * is refused by the library (EOPNOTSUPP), known in advance or learnt
	 * from the driver's EINVAL */
#define NONE_OR_UNSUPPORTED(op) (itest_sim_has_op(op) ? -ENODATA : -EOPNOTSUPP)

	(void)state;
	if (!itest_on_sim())
		skip(); /* real hardware may have captured errors */
	assert_int_equal(hla_info_cs_timeout_event(ctl, &cst), -ENODATA);
	assert_int_equal(hla_info_razwi_event(ctl, &rz), -ENODATA);
	assert_int_equal(hla_info_undefined_opcode_event(ctl, &uo), -ENODATA);
	assert_int_equal(hla_info_page_fault_event(ctl, &pf), NONE_OR_UNSUPPORTED(33));
	assert_int_equal(hla_info_hw_err_event(ctl, &hw), NONE_OR_UNSUPPORTED(36));
	assert_int_equal(hla_info_fw_err_event(ctl, &fw), NONE_OR_UNSUPPORTED(37));
	assert_int_equal(hla_info_engine_err_event(ctl, &en), NONE_OR_UNSUPPORTED(38));
#undef NONE_OR_UNSUPPORTED
}

static void firmware_blobs(void **state)
{
	struct hla_attestation *att = calloc(1, sizeof(*att));
	struct hla_dev_signed *sig = calloc(1, sizeof(*sig));
	char *buf = malloc(1 << 16);
	struct hla_user_mapping maps[4];
	uint32_t n = 99;
	int len;

	(void)state;
	assert_non_null(att);
	assert_non_null(sig);
	assert_non_null(buf);
	att->sz = sizeof(*att);
	sig->sz = sizeof(*sig);
	assert_int_equal(hla_info_attestation(D.dev, 0x1234, att), 0);
	assert_int_equal(att->nonce, 0x1234);
	len = hla_info_engine_status(D.dev, buf, 1 << 16);
	assert_true(len > 0);
	assert_int_equal((int)strlen(buf), len);
	assert_int_equal(hla_info_engine_status(D.dev, buf, 100), -EINVAL);
	if (itest_sim_has_op(34)) {
		assert_int_equal(hla_info_user_mappings(D.dev, maps, 4, &n), 0);
		assert_int_equal(n, 0);
	} else {
		assert_int_equal(hla_info_user_mappings(D.dev, maps, 4, &n), -EOPNOTSUPP);
	}
	assert_int_equal(hla_info_fw_generic_req(D.dev, HLA_FW_REQ_VERSIONS, buf, 4096),
			 itest_sim_has_op(35) ? 0 : -EOPNOTSUPP);
	if (!itest_sim_has_op(40)) {
		assert_int_equal(hla_info_dev_signed(D.dev, 7, sig), -EOPNOTSUPP);
	} else if (D.gaudi2) {
		assert_int_equal(hla_info_dev_signed(D.dev, 7, sig), 0);
		assert_int_equal(sig->nonce, 7);
	} else {
		/* only firmware with signing support answers */
		assert_true(hla_info_dev_signed(D.dev, 7, sig) < 0);
	}
	free(att);
	free(sig);
	free(buf);
}

static void raw_opcodes(void **state)
{
	uint8_t buf[64];
	uint32_t out = 0;
	HLA_STRUCT_INIT(hla_hw_ip_info, hw);

	(void)state;
	/* raw DEVICE_STATUS agrees with the typed call */
	memset(buf, 0xff, sizeof(buf));
	assert_int_equal(hla_info_raw(D.dev, 4, 0, buf, 8, &out), 0);
	assert_int_equal(buf[0], 0);
	/* unknown opcodes are refused by the driver */
	assert_int_equal(hla_info_raw(D.dev, 5, 0, buf, sizeof(buf), &out), -EINVAL);
	assert_int_equal(hla_info_raw(D.dev, 200, 0, buf, sizeof(buf), &out), -EINVAL);
	assert_int_equal(hla_info_hw_ip(D.dev, &hw), 0);
}

/*
 * Habana's own INFO, DEBUG and CS requests: refused without a call under
 * the in-tree driver; the simulator's out-of-tree profiles model none of
 * them
 */
static void habana_only_requests(void **state)
{
	static char names[HLA_LINK_COUNTERS_MAX][HLA_LINK_COUNTER_NAME_LEN];
	static uint64_t values[HLA_LINK_COUNTERS_MAX];
	HLA_STRUCT_INIT(hla_module_params, mp);
	HLA_STRUCT_INIT(hla_device_desc, d);
	uint32_t words[4], count = 9, on = 9;
	uint64_t got = 9;
	bool habana;

	(void)state;
	assert_int_equal(hla_device_describe(D.dev, &d), 0);
	habana = d.driver == HLA_DRIVER_HABANA;
	assert_int_equal((d.caps & HLA_CAP_DEBUG_HABANA) != 0, habana);
	/* argument errors come first everywhere */
	assert_int_equal(hla_debug_read_block(D.dev, 0, words, 3), -EINVAL);
	assert_int_equal(hla_debug_sched_submit(D.dev, 0, 0, words, 0), -EINVAL);
	if (habana && !itest_on_sim())
		return; /* a real device's answers depend on its firmware */
	assert_int_equal(hla_info_link_counters(D.dev, 0, names, values, &count),
			 -EOPNOTSUPP);
	assert_int_equal(count, 0);
	assert_int_equal(hla_info_drm_accel_enabled(D.dev, &on), -EOPNOTSUPP);
	assert_int_equal(on, 0);
	assert_int_equal(hla_info_module_params(D.dev, &mp), -EOPNOTSUPP);
	assert_int_equal(hla_debug_enable_err_capture(D.dev), -EOPNOTSUPP);
	assert_int_equal(hla_debug_dio_read(D.dev, 0, 0, 4096, 0, &got), -EOPNOTSUPP);
	assert_int_equal(got, 0);
	if (habana) {
		/* that driver checks debug mode first */
		assert_int_equal(hla_debug_read_block(D.dev, 0, words, sizeof(words)),
				 -EPERM);
		assert_int_equal(hla_debug_set_mode(D.dev, HLA_DEBUG_ENABLE), 0);
	}
	assert_int_equal(hla_debug_read_block(D.dev, 0, words, sizeof(words)),
			 -EOPNOTSUPP);
	assert_int_equal(hla_debug_sched_submit(D.dev, 0, 0, words, sizeof(words)),
			 -EOPNOTSUPP);
	if (habana)
		assert_int_equal(hla_debug_set_mode(D.dev, 0), 0);
	/* the FSE flush: the library's refusal, or the simulator's, which
	 * proves nothing about the request and leaves the bit tentative */
	assert_int_equal(hla_cs_flush_hbw_writes_fse(D.dev), -EOPNOTSUPP);
	assert_int_equal(hla_device_describe(D.dev, &d), 0);
	assert_int_equal((d.caps & HLA_CAP_FLUSH_HBW_FSE) != 0, habana);
	assert_int_equal((d.caps_probe & HLA_CAP_FLUSH_HBW_FSE) != 0, habana);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(hw_ip),
		cmocka_unit_test(events_counters),
		cmocka_unit_test(dram_usage_tracks_allocations),
		cmocka_unit_test(simple_values),
		cmocka_unit_test(valid_masks),
		cmocka_unit_test(error_records_empty),
		cmocka_unit_test(firmware_blobs),
		cmocka_unit_test(raw_opcodes),
		cmocka_unit_test(habana_only_requests),
	};

	itest_require_device();
	return cmocka_run_group_tests(tests, setup, teardown);
}
