/* SPDX-License-Identifier: MIT */
/*
 * The INFO getters: each returns what hlaccel returns for the same fd
 * (compared through a handle the test borrows itself), in hl-thunk's
 * structs, on the compute and on the control node.
 */
#include "httest.h"

#include <dlfcn.h>
#include <errno.h>
#include <string.h>
#include <unistd.h>

static struct hla_device *dev; /* the test's own handle on the same fd */

static void hw_ip(int fd)
{
	HLA_STRUCT_INIT(hla_hw_ip_info, h);
	struct hlthunk_hw_ip_info o;
	struct hl_info_args raw;
	uint32_t id[80];

	memset(&o, 0xA5, sizeof(o));
	CHECK_EQ(hla_info_hw_ip(dev, &h), 0);
	CHECK_EQ(hlthunk_get_hw_ip_info(fd, &o), 0);
	CHECK_EQ(o.device_id, h.device_id);
	CHECK_EQ(o.dram_size, h.dram_size);
	CHECK_EQ(o.dram_base_address, h.dram_base_address);
	CHECK_EQ(o.sram_size, h.sram_size);
	CHECK_EQ(o.module_id, h.module_id);
	CHECK_EQ(o.num_of_events, h.num_of_events);
	CHECK_EQ(o.dram_page_size, h.dram_page_size);
	CHECK_EQ(o.device_mem_alloc_default_page_size, h.device_mem_alloc_default_page_size);
	CHECK_EQ(o.revision_id, h.revision_id);
	CHECK_EQ(o.server_type, h.server_type);
	CHECK_EQ(memcmp(o.card_name, h.card_name, sizeof(o.card_name)), 0);
	CHECK_EQ(memcmp(o.cpucp_version, h.cpucp_version, sizeof(o.cpucp_version)), 0);
	CHECK(o.dram_size > 0);
	CHECK_EQ(hlthunk_get_hw_ip_info(fd, NULL), -EINVAL);

	/* the raw INFO call hands the block to the driver as it is */
	memset(&raw, 0, sizeof(raw));
	memset(id, 0, sizeof(id));
	raw.op = HL_INFO_HW_IP_INFO;
	raw.return_pointer = (uint64_t)(uintptr_t)id;
	raw.return_size = sizeof(id);
	CHECK_EQ(hlthunk_get_info(fd, &raw), 0);
	CHECK_EQ(id[8], h.device_id); /* device_id: bytes 32..35 */
	raw.op = 5; /* no such opcode */
	CHECK_EQ(hlthunk_get_info(fd, &raw), -EINVAL);
}

static void status_and_idle(int fd)
{
	HLA_STRUCT_INIT(hla_hw_idle, idle);
	HLA_STRUCT_INIT(hla_dram_usage, du);
	struct hlthunk_engines_idle_info e;
	struct hlthunk_dram_usage_info u;
	int st;

	/* a Gaudi2 closed a moment ago may still be in its release reset */
	st = hlthunk_get_device_status_info(fd);
	CHECK(st == HL_DEVICE_STATUS_OPERATIONAL ||
	      st == HL_DEVICE_STATUS_IN_RESET_AFTER_DEVICE_RELEASE);
	CHECK_EQ(hla_info_hw_idle(dev, &idle), 0);
	memset(&e, 0xA5, sizeof(e));
	CHECK_EQ(hlthunk_get_busy_engines_mask(fd, &e), 0);
	CHECK_EQ(e.is_idle, idle.is_idle);
	CHECK_EQ(hlthunk_is_device_idle(fd), idle.is_idle != 0);
	CHECK_EQ(hla_info_dram_usage(dev, &du), 0);
	CHECK_EQ(hlthunk_get_dram_usage(fd, &u), 0);
	CHECK_EQ(u.dram_free_mem, du.dram_free_mem);
	CHECK_EQ(u.ctx_dram_mem, du.ctx_dram_mem);
}

static void clocks_and_power(int fd)
{
	struct hlthunk_pll_frequency_info pll;
	struct hlthunk_power_info pw;
	struct hlthunk_energy_info en;
	uint16_t mhz[HLA_PLL_OUTPUTS];
	uint32_t cur, max, hcur, hmax, rate;
	uint64_t p, energy;

	CHECK_EQ(hlthunk_get_clk_rate(fd, &cur, &max), hla_info_clk_rate(dev, &hcur, &hmax));
	CHECK_EQ(cur, hcur);
	CHECK_EQ(max, hmax);
	CHECK(max > 0 && cur <= max);
	CHECK_EQ(hlthunk_get_clk_rate(fd, NULL, &max), -EINVAL);
	CHECK_EQ(hlthunk_get_pll_frequency(fd, 0, &pll), hla_info_pll_frequency(dev, 0, mhz));
	CHECK_EQ(memcmp(pll.output, mhz, sizeof(mhz)), 0);
	CHECK_EQ(hlthunk_get_power_info(fd, &pw), hla_info_power(dev, &p));
	CHECK_EQ(pw.power, p);
	CHECK_EQ(hlthunk_get_total_energy_consumption_info(fd, &en), hla_info_energy(dev, &energy));
	CHECK(en.total_energy_consumption >= energy); /* it only grows */
	CHECK_EQ(hlthunk_get_device_utilization(fd, 100, &rate), 0);
	CHECK(rate <= 100);
}

static void counters(int fd)
{
	HLA_STRUCT_INIT(hla_cs_counters, hc);
	HLA_STRUCT_INIT(hla_pci_counters, hp);
	HLA_STRUCT_INIT(hla_sync_manager, hs);
	struct hlthunk_reset_count_info rc;
	struct hlthunk_pci_counters_info pc;
	struct hlthunk_sync_manager_info sm;
	struct hl_info_cs_counters cc;
	uint32_t hard, soft, events[512];

	CHECK_EQ(hlthunk_get_reset_count_info(fd, &rc), hla_info_reset_count(dev, &hard, &soft));
	CHECK_EQ(rc.hard_reset_count, hard);
	CHECK_EQ(rc.soft_reset_count, soft);
	CHECK_EQ(hlthunk_get_cs_counters_info(fd, &cc), hla_info_cs_counters(dev, &hc));
	CHECK_EQ(cc.total_out_of_mem_drop_cnt, hc.total_out_of_mem_drop_cnt);
	CHECK_EQ(cc.ctx_validation_drop_cnt, hc.ctx_validation_drop_cnt);
	CHECK_EQ(hlthunk_get_pci_counters_info(fd, &pc), hla_info_pci_counters(dev, &hp));
	CHECK_EQ(pc.replay_cnt, hp.replay_cnt);
	CHECK_EQ(hlthunk_get_sync_manager_info(fd, 0, &sm), hla_info_sync_manager(dev, 0, &hs));
	CHECK_EQ(sm.first_available_sync_object, hs.first_available_sync_object);
	CHECK_EQ(sm.first_available_monitor, hs.first_available_monitor);
	CHECK_EQ(hlthunk_get_sync_manager_info(fd, 8, &sm), -EINVAL);
	CHECK_EQ(hlthunk_get_sync_manager_info(fd, -1, &sm), -EINVAL);
	CHECK_EQ(hlthunk_get_hw_events_arr(fd, false, sizeof(events), events), 0);
	CHECK_EQ(hlthunk_get_hw_events_arr(fd, true, sizeof(events), events), 0);
}

static void stats_and_rows(int fd, bool control)
{
	HLA_STRUCT_INIT(hla_clk_throttle, ht);
	struct hlthunk_clk_throttle_info t;
	struct hlthunk_open_stats_info os;
	struct hlthunk_hw_asic_status st;
	struct hlthunk_time_sync_info ts;
	struct hlthunk_dram_replaced_rows_info rows;
	uint32_t pending;
	uint64_t orders, horders;

	CHECK_EQ(hlthunk_get_clk_throttle_info(fd, &t), hla_info_clk_throttle(dev, &ht));
	CHECK_EQ(t.clk_throttle_reason_bitmask, ht.reason);
	CHECK_EQ(hlthunk_get_open_stats(fd, &os), 0);
	CHECK(control || os.open_counter >= 1);
	CHECK_EQ(os.is_compute_ctx_active, !control);
	memset(&st, 0, sizeof(st));
	CHECK_EQ(hlthunk_get_hw_asic_status(fd, &st), 0);
	CHECK_EQ(st.valid, 1);
	CHECK_EQ(st.status, HL_DEVICE_STATUS_OPERATIONAL);
	CHECK(st.timestamp_sec > 0);
	CHECK_EQ(hlthunk_get_time_sync_info(fd, &ts), 0);
	CHECK(ts.host_time > 0);
	CHECK_EQ(hlthunk_get_dev_memalloc_page_orders(fd, &orders), hla_info_page_sizes(dev, &horders));
	CHECK_EQ(orders, horders);
	CHECK_EQ(hlthunk_get_dram_pending_rows_info(fd, &pending), 0);
	CHECK_EQ(hlthunk_get_dram_replaced_rows_info(fd, &rows), 0);
	CHECK(rows.num_replaced_rows <= 1);
}

static void records(int fd)
{
	struct hlthunk_event_record_cs_timeout cs;
	struct hlthunk_event_record_razwi_event rz;
	struct hlthunk_event_record_undefined_opcode uo;
	struct hlthunk_event_record_open_dev_time od;
	struct hlthunk_event_record_critical_hw_err hw;

	memset(&cs, 0xA5, sizeof(cs));
	CHECK_EQ(hlthunk_get_event_record(fd, HLTHUNK_CS_TIMEOUT, &cs), 0);
	CHECK_EQ(cs.timestamp, 0); /* none: zeros, as hl-thunk */
	CHECK_EQ(hlthunk_get_event_record(fd, HLTHUNK_RAZWI_EVENT, &rz), 0);
	CHECK_EQ(hlthunk_get_event_record(fd, HLTHUNK_UNDEFINED_OPCODE, &uo), 0);
	CHECK_EQ(hlthunk_get_event_record(fd, HLTHUNK_OPEN_DEV, &od), 0);
	CHECK_EQ(hlthunk_get_event_record(fd, (enum hlthunk_event_record_id)99, &od), -EINVAL);
	/* the later records need a 6.4 driver: refused before the 6.1 of
	 * the simulator sees them */
	CHECK_EQ(hlthunk_get_event_record(fd, HLTHUNK_HW_ERR_OPCODE, &hw),
		 ht_env.legacy && ht_env.sim ? -EOPNOTSUPP : 0);
	if (ht_env.sim && !ht_env.legacy) {
		int (*ctl)(const char *) = NULL;

		/* a captured RAZWI reaches hl-thunk's (older) record layout */
		*(void **)&ctl = dlsym(RTLD_DEFAULT, "hla_sim_control");
		char bus[16], cmd[64];

		CHECK_EQ(hlthunk_get_pci_bus_id_from_fd(fd, bus, sizeof(bus)), 0);
		snprintf(cmd, sizeof(cmd), "razwi %d 0x1000",
			 hlthunk_get_device_index_from_pci_bus_id(bus));
		CHECK(ctl && ctl(cmd) == 0);
		memset(&rz, 0, sizeof(rz));
		CHECK_EQ(hlthunk_get_event_record(fd, HLTHUNK_RAZWI_EVENT, &rz), 0);
		CHECK(rz.timestamp != 0);
		CHECK_EQ(rz.addr, 0x1000);
	}
}

static void run(int fd, bool control)
{
	CHECK_EQ(hla_device_open_fd(fd, 0, &dev), 0);
	hw_ip(fd);
	status_and_idle(fd);
	clocks_and_power(fd);
	counters(fd);
	stats_and_rows(fd, control);
	if (!control)
		records(fd);
	hla_device_close(dev);
}

int main(void)
{
	int fd;

	ht_test_init("hlthunk-info");
	fd = ht_open(HLTHUNK_DEVICE_DONT_CARE, NULL);
	CHECK(fd >= 0);
	run(fd, false);
	CHECK_EQ(hlthunk_close(fd), 0);
	fd = hlthunk_open_control(0, ht_env.desc[1 % ht_env.ndev].pci_bus_id);
	CHECK(fd >= 0);
	run(fd, true);
	CHECK_EQ(hlthunk_close(fd), 0);
	return ht_test_done();
}
