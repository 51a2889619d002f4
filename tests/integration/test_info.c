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
static bool newer_ops(void)
{
	return !D.legacy;
}

static void hw_ip(void **state)
{
	HLA_STRUCT_INIT(hla_hw_ip_info, a);
	HLA_STRUCT_INIT(hla_hw_ip_info, b);

	(void)state;
	assert_int_equal(hla_info_hw_ip(D.dev, &a), 0);
	assert_int_equal(hla_info_hw_ip(ctl, &b), 0);
	assert_int_equal(a.device_id, b.device_id);
	assert_int_equal(a.asic, D.desc.asic);
	assert_true(a.dram_size > 0);
	assert_true(a.sram_size > 0);
	assert_true(a.num_of_events > 0);
	assert_true(strlen(a.cpucp_version) < sizeof(a.cpucp_version));
	assert_true(a.card_name[0] != '\0');
	if (D.gaudi2) {
		assert_true(a.dram_page_size > 0);
		assert_true(a.device_mem_alloc_default_page_size > 0);
		assert_int_equal(a.dram_size % a.dram_page_size, 0);
	}
}

static void events_counters(void **state)
{
	uint32_t *c;
	unsigned int n = 0;

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
	assert_int_equal(during.dram_free_mem, before.dram_free_mem - size);
	assert_int_equal(during.ctx_dram_mem, before.ctx_dram_mem + size);
	assert_int_equal(itest_dram_free(&D, &m), 0);
	assert_int_equal(hla_info_dram_usage(D.dev, &after), 0);
	assert_int_equal(after.dram_free_mem, before.dram_free_mem);
	/* the control node sees the device-wide number but no context */
	assert_int_equal(hla_info_dram_usage(ctl, &after), 0);
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

static void error_records_empty(void **state)
{
	HLA_STRUCT_INIT(hla_cs_timeout_event, cst);
	HLA_STRUCT_INIT(hla_razwi_event, rz);
	HLA_STRUCT_INIT(hla_undefined_opcode_event, uo);
	HLA_STRUCT_INIT(hla_page_fault_event, pf);
	HLA_STRUCT_INIT(hla_hw_err_event, hw);
	HLA_STRUCT_INIT(hla_fw_err_event, fw);
	HLA_STRUCT_INIT(hla_engine_err_event, en);
	int newer = newer_ops() ? -ENODATA : -EINVAL;

	(void)state;
	if (!itest_on_sim())
		skip(); /* real hardware may have captured errors */
	assert_int_equal(hla_info_cs_timeout_event(ctl, &cst), -ENODATA);
	assert_int_equal(hla_info_razwi_event(ctl, &rz), -ENODATA);
	assert_int_equal(hla_info_undefined_opcode_event(ctl, &uo), -ENODATA);
	assert_int_equal(hla_info_page_fault_event(ctl, &pf), newer);
	assert_int_equal(hla_info_hw_err_event(ctl, &hw), newer);
	assert_int_equal(hla_info_fw_err_event(ctl, &fw), newer);
	assert_int_equal(hla_info_engine_err_event(ctl, &en), newer);
}

static void firmware_blobs(void **state)
{
	struct hla_attestation *att = calloc(1, sizeof(*att));
	struct hla_dev_signed *sig = calloc(1, sizeof(*sig));
	char *buf = malloc(1 << 16);
	struct hla_user_mapping maps[4];
	unsigned int n = 99;
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
	if (newer_ops()) {
		assert_int_equal(hla_info_user_mappings(D.dev, maps, 4, &n), 0);
		assert_int_equal(n, 0);
		assert_int_equal(hla_info_fw_generic_req(D.dev, HLA_FW_REQ_VERSIONS,
							 buf, 4096), 0);
		if (D.gaudi2) {
			assert_int_equal(hla_info_dev_signed(D.dev, 7, sig), 0);
			assert_int_equal(sig->nonce, 7);
		} else {
			/* only firmware with signing support answers */
			assert_true(hla_info_dev_signed(D.dev, 7, sig) < 0);
		}
	} else {
		assert_int_equal(hla_info_user_mappings(D.dev, maps, 4, &n), -EINVAL);
		assert_int_equal(hla_info_dev_signed(D.dev, 7, sig), -EINVAL);
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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(hw_ip),
		cmocka_unit_test(events_counters),
		cmocka_unit_test(dram_usage_tracks_allocations),
		cmocka_unit_test(simple_values),
		cmocka_unit_test(error_records_empty),
		cmocka_unit_test(firmware_blobs),
		cmocka_unit_test(raw_opcodes),
	};

	itest_require_device();
	return cmocka_run_group_tests(tests, setup, teardown);
}
