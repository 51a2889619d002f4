/* SPDX-License-Identifier: MIT */
/* The INFO getters: one hlaccel INFO call each, copied into hl-thunk's
 * structs. */
#include "ht_internal.h"

#include <string.h>
#include <time.h>

#define HT_COPY_STR(dst, src)                                              \
	do {                                                               \
		_Static_assert(sizeof(dst) == sizeof(src), "same size");    \
		memcpy((dst), (src), sizeof(dst));                          \
	} while (0)

static void hw_ip_copy(struct hlthunk_hw_ip_info *o, const struct hla_hw_ip_info *h)
{
	memset(o, 0, sizeof(*o));
	o->sram_base_address = h->sram_base_address;
	o->dram_base_address = h->dram_base_address;
	o->dram_size = h->dram_size;
	o->sram_size = h->sram_size;
	o->num_of_events = h->num_of_events;
	o->device_id = h->device_id;
	o->cpld_version = h->cpld_version;
	o->psoc_pci_pll_nr = h->psoc_pci_pll_nr;
	o->psoc_pci_pll_nf = h->psoc_pci_pll_nf;
	o->psoc_pci_pll_od = h->psoc_pci_pll_od;
	o->psoc_pci_pll_div_factor = h->psoc_pci_pll_div_factor;
	o->tpc_enabled_mask = h->tpc_enabled_mask;
	o->dram_enabled = h->dram_enabled;
	HT_COPY_STR(o->cpucp_version, h->cpucp_version);
	o->module_id = h->module_id;
	HT_COPY_STR(o->card_name, h->card_name);
	o->decoder_enabled_mask = h->decoder_enabled_mask;
	o->mme_master_slave_mode = h->mme_master_slave_mode;
	o->tpc_enabled_mask_ext = h->tpc_enabled_mask_ext;
	o->dram_page_size = h->dram_page_size;
	o->first_available_interrupt_id = h->first_available_interrupt_id;
	o->edma_enabled_mask = h->edma_enabled_mask;
	o->server_type = h->server_type;
	o->pdma_user_owned_ch_mask = h->pdma_user_owned_ch_mask;
	o->number_of_user_interrupts = h->number_of_user_interrupts;
	o->device_mem_alloc_default_page_size = h->device_mem_alloc_default_page_size;
	o->nic_ports_mask = h->nic_ports_mask;
	o->interposer_version = h->interposer_version;
	o->substrate_version = h->substrate_version;
	o->nic_ports_external_mask = h->nic_ports_external_mask;
	o->mme_enabled_mask = h->mme_enabled_mask;
	o->odp_supported = h->odp_supported;
	o->security_enabled = h->security_enabled;
	o->revision_id = h->revision_id;
	o->tpc_interrupt_id = h->tpc_interrupt_id;
	o->engine_core_interrupt_reg_addr = h->engine_core_interrupt_reg_addr;
	o->rotator_enabled_mask = h->rotator_enabled_mask;
	o->sched_arc_enabled_mask = h->sched_arc_enabled_mask;
	o->reserved_dram_size = h->reserved_dram_size;
}

HT_EXPORT int hlthunk_get_hw_ip_info(int fd, struct hlthunk_hw_ip_info *hw_ip)
{
	HLA_STRUCT_INIT(hla_hw_ip_info, h);
	int ret = -EINVAL;

	if (!hw_ip)
		return ht_err(-EINVAL);
	HT_ON_FD(fd, r, ret) {
		ret = hla_info_hw_ip(r.e->dev, &h);
	}
	if (!ret)
		hw_ip_copy(hw_ip, &h);
	return ret;
}

HT_EXPORT int hlthunk_get_open_stats(int fd, struct hlthunk_open_stats_info *open_stats)
{
	HLA_STRUCT_INIT(hla_open_stats, st);
	int ret;

	if (!open_stats)
		return ht_err(-EINVAL);
	HT_ON_FD(fd, r, ret) {
		ret = hla_info_open_stats(r.e->dev, &st);
	}
	if (ret)
		return ret;
	open_stats->open_counter = st.open_counter;
	open_stats->last_open_period_ms = st.last_open_period_ms;
	open_stats->is_compute_ctx_active = st.is_compute_ctx_active;
	open_stats->compute_ctx_in_release = st.compute_ctx_in_release;
	return 0;
}

HT_EXPORT int hlthunk_get_dram_usage(int fd, struct hlthunk_dram_usage_info *dram_usage)
{
	HLA_STRUCT_INIT(hla_dram_usage, u);
	int ret;

	if (!dram_usage)
		return ht_err(-EINVAL);
	HT_ON_FD(fd, r, ret) {
		ret = hla_info_dram_usage(r.e->dev, &u);
	}
	if (ret)
		return ret;
	dram_usage->dram_free_mem = u.dram_free_mem;
	dram_usage->ctx_dram_mem = u.ctx_dram_mem;
	return 0;
}

HT_EXPORT int hlthunk_get_device_status_info(int fd)
{
	uint32_t status = 0;
	int ret;

	HT_ON_FD(fd, r, ret) {
		ret = hla_info_device_status(r.e->dev, &status);
	}
	return ret ? ret : (int)status;
}

HT_EXPORT int hlthunk_get_busy_engines_mask(int fd, struct hlthunk_engines_idle_info *info)
{
	HLA_STRUCT_INIT(hla_hw_idle, idle);
	int ret;

	_Static_assert(HLTHUNK_BUSY_ENGINES_MASK_SIZE == HLA_BUSY_ENGINES_WORDS,
		       "busy engine words");
	if (!info)
		return ht_err(-EINVAL);
	HT_ON_FD(fd, r, ret) {
		ret = hla_info_hw_idle(r.e->dev, &idle);
	}
	if (ret)
		return ret;
	memset(info, 0, sizeof(*info));
	info->is_idle = idle.is_idle;
	if (idle.valid & (HLA_HW_IDLE_BUSY_ENGINES_MASK_EXT | HLA_HW_IDLE_BUSY_ENGINES_MASK_EXT_HI))
		memcpy(info->mask, idle.busy_engines_mask_ext, sizeof(info->mask));
	else
		info->mask[0] = idle.busy_engines_mask; /* drivers with one word */
	return 0;
}

HT_EXPORT bool hlthunk_is_device_idle(int fd)
{
	struct hlthunk_engines_idle_info info;

	return hlthunk_get_busy_engines_mask(fd, &info) == 0 && info.is_idle;
}

HT_EXPORT int hlthunk_get_pll_frequency(int fd, uint32_t index,
					struct hlthunk_pll_frequency_info *frequency)
{
	uint16_t mhz[HLA_PLL_OUTPUTS] = { 0 };
	int ret;

	_Static_assert(sizeof(frequency->output) == sizeof(mhz), "pll outputs");
	if (!frequency)
		return ht_err(-EINVAL);
	HT_ON_FD(fd, r, ret) {
		ret = hla_info_pll_frequency(r.e->dev, index, mhz);
	}
	if (!ret)
		memcpy(frequency->output, mhz, sizeof(mhz));
	return ret;
}

HT_EXPORT int hlthunk_get_device_utilization(int fd, uint32_t period_ms, uint32_t *rate)
{
	int ret;

	if (!rate)
		return ht_err(-EINVAL);
	HT_ON_FD(fd, r, ret) {
		ret = hla_info_utilization(r.e->dev, period_ms, rate);
	}
	return ret;
}

HT_EXPORT int hlthunk_get_hw_events_arr(int fd, bool aggregate, uint32_t hw_events_arr_size,
					uint32_t *hw_events_arr)
{
	uint32_t count;
	int ret;

	if (!hw_events_arr)
		return ht_err(-EINVAL);
	HT_ON_FD(fd, r, ret) {
		ret = aggregate ?
			hla_info_hw_events_aggregate(r.e->dev, hw_events_arr,
						     hw_events_arr_size / 4, &count) :
			hla_info_hw_events(r.e->dev, hw_events_arr,
					   hw_events_arr_size / 4, &count);
	}
	return ret;
}

HT_EXPORT int hlthunk_get_clk_rate(int fd, uint32_t *cur_clk_mhz, uint32_t *max_clk_mhz)
{
	int ret;

	if (!cur_clk_mhz || !max_clk_mhz)
		return ht_err(-EINVAL);
	HT_ON_FD(fd, r, ret) {
		ret = hla_info_clk_rate(r.e->dev, cur_clk_mhz, max_clk_mhz);
	}
	return ret;
}

HT_EXPORT int hlthunk_get_reset_count_info(int fd, struct hlthunk_reset_count_info *info)
{
	int ret;

	if (!info)
		return ht_err(-EINVAL);
	HT_ON_FD(fd, r, ret) {
		ret = hla_info_reset_count(r.e->dev, &info->hard_reset_count,
					   &info->soft_reset_count);
	}
	return ret;
}

HT_EXPORT int hlthunk_get_time_sync_info(int fd, struct hlthunk_time_sync_info *info)
{
	HLA_STRUCT_INIT(hla_time_sync, ts);
	int ret;

	if (!info)
		return ht_err(-EINVAL);
	HT_ON_FD(fd, r, ret) {
		ret = hla_info_time_sync(r.e->dev, &ts);
	}
	if (ret)
		return ret;
	info->device_time = ts.device_time;
	info->host_time = ts.host_time;
	info->tsc_time = ts.valid & HLA_TIME_SYNC_TSC_TIME ? ts.tsc_time : 0;
	return 0;
}

HT_EXPORT int hlthunk_get_sync_manager_info(int fd, int dcore_id,
					    struct hlthunk_sync_manager_info *info)
{
	HLA_STRUCT_INIT(hla_sync_manager, sm);
	int ret;

	if (!info || dcore_id < 0)
		return ht_err(-EINVAL);
	HT_ON_FD(fd, r, ret) {
		ret = hla_info_sync_manager(r.e->dev, (uint32_t)dcore_id, &sm);
	}
	if (ret)
		return ret;
	info->first_available_sync_object = sm.first_available_sync_object;
	info->first_available_monitor = sm.first_available_monitor;
	info->first_available_cq = sm.first_available_cq;
	info->reserved = 0;
	return 0;
}

HT_EXPORT int hlthunk_get_cs_counters_info(int fd, struct hl_info_cs_counters *info)
{
	HLA_STRUCT_INIT(hla_cs_counters, c);
	int ret;

	if (!info)
		return ht_err(-EINVAL);
	HT_ON_FD(fd, r, ret) {
		ret = hla_info_cs_counters(r.e->dev, &c);
	}
	if (ret)
		return ret;
	/* the same twelve counters in the same order */
	_Static_assert(sizeof(*info) == sizeof(c) - offsetof(struct hla_cs_counters,
							     total_out_of_mem_drop_cnt),
		       "cs counters");
	memcpy(info, &c.total_out_of_mem_drop_cnt, sizeof(*info));
	return 0;
}

HT_EXPORT int hlthunk_get_pci_counters_info(int fd, struct hlthunk_pci_counters_info *info)
{
	HLA_STRUCT_INIT(hla_pci_counters, c);
	int ret;

	if (!info)
		return ht_err(-EINVAL);
	HT_ON_FD(fd, r, ret) {
		ret = hla_info_pci_counters(r.e->dev, &c);
	}
	if (ret)
		return ret;
	info->rx_throughput = c.rx_throughput;
	info->tx_throughput = c.tx_throughput;
	info->replay_cnt = (uint32_t)c.replay_cnt;
	return 0;
}

HT_EXPORT int hlthunk_get_clk_throttle_info(int fd, struct hlthunk_clk_throttle_info *info)
{
	HLA_STRUCT_INIT(hla_clk_throttle, t);
	int ret;

	if (!info)
		return ht_err(-EINVAL);
	HT_ON_FD(fd, r, ret) {
		ret = hla_info_clk_throttle(r.e->dev, &t);
	}
	if (ret)
		return ret;
	memset(info, 0, sizeof(*info));
	info->clk_throttle_reason_bitmask = t.reason;
	for (int i = 0; i < 2; i++) {
		info->clk_throttle_start_timestamp_us[i] = t.timestamp_us[i];
		info->clk_throttle_duration_ns[i] = t.duration_ns[i];
	}
	return 0;
}

HT_EXPORT int hlthunk_get_total_energy_consumption_info(int fd,
							struct hlthunk_energy_info *info)
{
	int ret;

	if (!info)
		return ht_err(-EINVAL);
	HT_ON_FD(fd, r, ret) {
		ret = hla_info_energy(r.e->dev, &info->total_energy_consumption);
	}
	return ret;
}

HT_EXPORT int hlthunk_get_power_info(int fd, struct hlthunk_power_info *info)
{
	int ret;

	if (!info)
		return ht_err(-EINVAL);
	HT_ON_FD(fd, r, ret) {
		ret = hla_info_power(r.e->dev, &info->power);
	}
	return ret;
}

HT_EXPORT int hlthunk_get_hw_asic_status(int fd, struct hlthunk_hw_asic_status *st)
{
	int ret;

	if (!st)
		return ht_err(-EINVAL);
	st->valid = 0;
	ret = hlthunk_get_clk_throttle_info(fd, &st->throttle);
	if (!ret)
		ret = hlthunk_get_open_stats(fd, &st->open_stats);
	if (!ret)
		ret = hlthunk_get_power_info(fd, &st->power);
	if (!ret)
		ret = hlthunk_get_device_status_info(fd);
	if (ret < 0)
		return ret;
	st->status = (enum hl_device_status)ret;
	st->timestamp_sec = (uint64_t)time(NULL);
	st->valid = 1;
	return 0;
}

HT_EXPORT int hlthunk_get_dev_memalloc_page_orders(int fd, uint64_t *page_order_bitmask)
{
	int ret;

	if (!page_order_bitmask)
		return ht_err(-EINVAL);
	HT_ON_FD(fd, r, ret) {
		ret = hla_info_page_sizes(r.e->dev, page_order_bitmask);
	}
	return ret;
}

/* The driver returns one row record; an all-zero record means none. */
HT_EXPORT int hlthunk_get_dram_replaced_rows_info(int fd,
						  struct hlthunk_dram_replaced_rows_info *info)
{
	HLA_STRUCT_INIT(hla_dram_row, row);
	struct hlthunk_dram_row_info *o;
	int ret;

	if (!info)
		return ht_err(-EINVAL);
	HT_ON_FD(fd, r, ret) {
		ret = hla_info_dram_replaced_rows(r.e->dev, &row);
	}
	if (ret)
		return ret;
	memset(info, 0, sizeof(*info));
	if (!(row.valid & HLA_DRAM_ROW_LOCATION) ||
	    !(row.hbm_idx | row.pc | row.sid | row.bank_idx | row.row_addr |
	      row.replaced_row_cause))
		return 0;
	o = &info->replaced_rows[0];
	o->dram_idx = row.hbm_idx;
	o->pc = row.pc;
	o->sid = row.sid;
	o->bank_idx = row.bank_idx;
	o->row_addr = row.row_addr;
	o->replaced_row_cause = row.replaced_row_cause;
	info->num_replaced_rows = 1;
	return 0;
}

HT_EXPORT int hlthunk_get_dram_pending_rows_info(int fd, uint32_t *out)
{
	int ret;

	if (!out)
		return ht_err(-EINVAL);
	HT_ON_FD(fd, r, ret) {
		ret = hla_info_dram_pending_rows(r.e->dev, out);
	}
	return ret;
}

HT_EXPORT int hlthunk_get_info(int fd, struct hl_info_args *info)
{
	uint32_t word;
	int ret;

	if (!info)
		return ht_err(-EINVAL);
	word = info->dcore_id;
	HT_ON_FD(fd, r, ret) {
		ret = hla_info_raw(r.e->dev, info->op, info->dcore_id,
				   (void *)(uintptr_t)info->return_pointer,
				   info->return_size, &word);
	}
	/* the driver may answer in the word (e.g. ENGINE_STATUS) */
	info->dcore_id = word;
	return ret;
}
