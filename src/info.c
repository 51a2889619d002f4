/* SPDX-License-Identifier: MIT */
/* INFO: one typed call per opcode, and the eventfd/event calls. */
#include "hla_internal.h"

#include <errno.h>

/* issue INFO op into buf (size bytes, zeroed first); word is the union word */
static int info(struct hla_device *dev, uint32_t op, void *buf, uint32_t size,
		uint32_t *word)
{
	struct hlk_info_args args;
	int ret;

	memset(&args, 0, sizeof(args));
	if (buf)
		memset(buf, 0, size);
	args.op = op;
	args.return_pointer = (uint64_t)(uintptr_t)buf;
	args.return_size = size;
	if (word)
		args.dcore_id = *word;
	ret = hla__ioctl(dev, HLK_CMD_INFO, &args);
	if (word)
		*word = args.dcore_id;
	return ret;
}

/* validate (dev, sized out struct) */
#define CHECK_DEV_OUT(dev, out)                 \
	do {                                    \
		if (!(dev))                     \
			return -EINVAL;         \
		int c_ = hla__check_out(out);   \
		if (c_)                         \
			return c_;              \
	} while (0)

static void copy_str(char *dst, size_t dst_size, const uint8_t *src, size_t len)
{
	size_t n = len < dst_size - 1 ? len : dst_size - 1;

	memcpy(dst, src, n);
	dst[n] = '\0';
}

HLA_EXPORT int hla_info_hw_ip(struct hla_device *dev, struct hla_hw_ip_info *out)
{
	struct hlk_info_hw_ip_info k;
	struct hla_hw_ip_info o;
	int ret;

	CHECK_DEV_OUT(dev, out);
	ret = info(dev, HLK_INFO_HW_IP_INFO, &k, sizeof(k), NULL);
	if (ret)
		return ret;
	memset(&o, 0, sizeof(o));
	o.sz = sizeof(o);
	o.device_id = k.device_id;
	o.asic = hla__asic_from_pci(k.device_id, k.revision_id);
	if (o.asic == HLA_ASIC_UNKNOWN)
		o.asic = dev->asic;
	o.sram_base_address = k.sram_base_address;
	o.dram_base_address = k.dram_base_address;
	o.dram_size = k.dram_size;
	o.dram_page_size = k.dram_page_size;
	o.device_mem_alloc_default_page_size = k.device_mem_alloc_default_page_size;
	o.tpc_enabled_mask_ext = k.tpc_enabled_mask_ext;
	o.engine_core_interrupt_reg_addr = k.engine_core_interrupt_reg_addr;
	o.reserved_dram_size = k.reserved_dram_size;
	o.sram_size = k.sram_size;
	o.num_of_events = k.num_of_events;
	o.module_id = k.module_id;
	o.decoder_enabled_mask = k.decoder_enabled_mask;
	o.cpld_version = k.cpld_version;
	o.psoc_pci_pll_nr = k.psoc_pci_pll_nr;
	o.psoc_pci_pll_nf = k.psoc_pci_pll_nf;
	o.psoc_pci_pll_od = k.psoc_pci_pll_od;
	o.psoc_pci_pll_div_factor = k.psoc_pci_pll_div_factor;
	o.edma_enabled_mask = k.edma_enabled_mask;
	o.rotator_enabled_mask = k.rotator_enabled_mask;
	o.first_available_interrupt_id = k.first_available_interrupt_id;
	o.number_of_user_interrupts = k.number_of_user_interrupts;
	o.server_type = k.server_type;
	o.tpc_interrupt_id = k.tpc_interrupt_id;
	o.tpc_enabled_mask = k.tpc_enabled_mask;
	o.dram_enabled = k.dram_enabled;
	o.security_enabled = k.security_enabled;
	o.mme_master_slave_mode = k.mme_master_slave_mode;
	o.revision_id = k.revision_id;
	copy_str(o.cpucp_version, sizeof(o.cpucp_version), k.cpucp_version,
		 sizeof(k.cpucp_version));
	copy_str(o.card_name, sizeof(o.card_name), k.card_name, sizeof(k.card_name));
	hla__copy_out(out, &o, sizeof(o));
	return 0;
}

static int hw_events(struct hla_device *dev, uint32_t op, uint32_t *counters,
		     unsigned int max, unsigned int *count)
{
	unsigned int n;
	int ret;

	if (!dev || !count || (!counters && max))
		return -EINVAL;
	n = max < dev->num_of_events ? max : dev->num_of_events;
	if (n > UINT32_MAX / sizeof(uint32_t))
		return -EINVAL;
	if (n) {
		/* the kernel writes straight into the caller's array */
		struct hlk_info_args args;

		memset(&args, 0, sizeof(args));
		args.op = op;
		args.return_pointer = (uint64_t)(uintptr_t)counters;
		args.return_size = n * (uint32_t)sizeof(uint32_t);
		ret = hla__ioctl(dev, HLK_CMD_INFO, &args);
		if (ret)
			return ret;
	}
	*count = dev->num_of_events;
	return 0;
}

HLA_EXPORT int hla_info_hw_events(struct hla_device *dev, uint32_t *counters,
				  unsigned int max, unsigned int *count)
{
	return hw_events(dev, HLK_INFO_HW_EVENTS, counters, max, count);
}

HLA_EXPORT int hla_info_hw_events_aggregate(struct hla_device *dev,
					    uint32_t *counters, unsigned int max,
					    unsigned int *count)
{
	return hw_events(dev, HLK_INFO_HW_EVENTS_AGGREGATE, counters, max, count);
}

HLA_EXPORT int hla_info_dram_usage(struct hla_device *dev,
				   struct hla_dram_usage *out)
{
	struct hlk_info_dram_usage k;
	struct hla_dram_usage o = { .sz = sizeof(o) };
	int ret;

	CHECK_DEV_OUT(dev, out);
	ret = info(dev, HLK_INFO_DRAM_USAGE, &k, sizeof(k), NULL);
	if (ret)
		return ret;
	o.dram_free_mem = k.dram_free_mem;
	o.ctx_dram_mem = k.ctx_dram_mem;
	hla__copy_out(out, &o, sizeof(o));
	return 0;
}

HLA_EXPORT int hla_info_hw_idle(struct hla_device *dev, struct hla_hw_idle *out)
{
	struct hlk_info_hw_idle k;
	struct hla_hw_idle o = { .sz = sizeof(o) };
	int ret;

	CHECK_DEV_OUT(dev, out);
	ret = info(dev, HLK_INFO_HW_IDLE, &k, sizeof(k), NULL);
	if (ret)
		return ret;
	o.is_idle = k.is_idle;
	o.busy_engines_mask = k.busy_engines_mask;
	for (unsigned int i = 0; i < HLA_BUSY_ENGINES_WORDS; i++)
		o.busy_engines_mask_ext[i] = k.busy_engines_mask_ext[i];
	hla__copy_out(out, &o, sizeof(o));
	return 0;
}

/* fetch a small struct and hand it back raw (for scalar results) */
static int info_small(struct hla_device *dev, uint32_t op, void *k, uint32_t size)
{
	if (!dev)
		return -EINVAL;
	return info(dev, op, k, size, NULL);
}

HLA_EXPORT int hla_info_device_status(struct hla_device *dev, uint32_t *status)
{
	struct hlk_info_device_status k;
	int ret;

	if (!status)
		return -EINVAL;
	ret = info_small(dev, HLK_INFO_DEVICE_STATUS, &k, sizeof(k));
	if (!ret)
		*status = k.status;
	return ret;
}

HLA_EXPORT int hla_info_utilization(struct hla_device *dev, uint32_t period_ms,
				    uint32_t *percent)
{
	struct hlk_info_device_utilization k;
	uint32_t word = period_ms;
	int ret;

	if (!dev || !percent)
		return -EINVAL;
	ret = info(dev, HLK_INFO_DEVICE_UTILIZATION, &k, sizeof(k), &word);
	if (!ret)
		*percent = k.utilization;
	return ret;
}

HLA_EXPORT int hla_info_clk_rate(struct hla_device *dev, uint32_t *cur_mhz,
				 uint32_t *max_mhz)
{
	struct hlk_info_clk_rate k;
	int ret;

	if (!cur_mhz && !max_mhz)
		return -EINVAL;
	ret = info_small(dev, HLK_INFO_CLK_RATE, &k, sizeof(k));
	if (ret)
		return ret;
	if (cur_mhz)
		*cur_mhz = k.cur_clk_rate_mhz;
	if (max_mhz)
		*max_mhz = k.max_clk_rate_mhz;
	return 0;
}

HLA_EXPORT int hla_info_reset_count(struct hla_device *dev, uint32_t *hard_resets,
				    uint32_t *soft_resets)
{
	struct hlk_info_reset_count k;
	int ret;

	if (!hard_resets && !soft_resets)
		return -EINVAL;
	ret = info_small(dev, HLK_INFO_RESET_COUNT, &k, sizeof(k));
	if (ret)
		return ret;
	if (hard_resets)
		*hard_resets = k.hard_reset_cnt;
	if (soft_resets)
		*soft_resets = k.soft_reset_cnt;
	return 0;
}

HLA_EXPORT int hla_info_time_sync(struct hla_device *dev, struct hla_time_sync *out)
{
	struct hlk_info_time_sync k;
	struct hla_time_sync o = { .sz = sizeof(o) };
	int ret;

	CHECK_DEV_OUT(dev, out);
	ret = info(dev, HLK_INFO_TIME_SYNC, &k, sizeof(k), NULL);
	if (ret)
		return ret;
	o.device_time = k.device_time;
	o.host_time = k.host_time;
	o.tsc_time = k.tsc_time;
	hla__copy_out(out, &o, sizeof(o));
	return 0;
}

HLA_EXPORT int hla_info_cs_counters(struct hla_device *dev,
				    struct hla_cs_counters *out)
{
	struct hlk_info_cs_counters k;
	struct hla_cs_counters o = { .sz = sizeof(o) };
	int ret;

	CHECK_DEV_OUT(dev, out);
	ret = info(dev, HLK_INFO_CS_COUNTERS, &k, sizeof(k), NULL);
	if (ret)
		return ret;
	o.total_out_of_mem_drop_cnt = k.total_out_of_mem_drop_cnt;
	o.ctx_out_of_mem_drop_cnt = k.ctx_out_of_mem_drop_cnt;
	o.total_parsing_drop_cnt = k.total_parsing_drop_cnt;
	o.ctx_parsing_drop_cnt = k.ctx_parsing_drop_cnt;
	o.total_queue_full_drop_cnt = k.total_queue_full_drop_cnt;
	o.ctx_queue_full_drop_cnt = k.ctx_queue_full_drop_cnt;
	o.total_device_in_reset_drop_cnt = k.total_device_in_reset_drop_cnt;
	o.ctx_device_in_reset_drop_cnt = k.ctx_device_in_reset_drop_cnt;
	o.total_max_cs_in_flight_drop_cnt = k.total_max_cs_in_flight_drop_cnt;
	o.ctx_max_cs_in_flight_drop_cnt = k.ctx_max_cs_in_flight_drop_cnt;
	o.total_validation_drop_cnt = k.total_validation_drop_cnt;
	o.ctx_validation_drop_cnt = k.ctx_validation_drop_cnt;
	hla__copy_out(out, &o, sizeof(o));
	return 0;
}

HLA_EXPORT int hla_info_pci_counters(struct hla_device *dev,
				     struct hla_pci_counters *out)
{
	struct hlk_info_pci_counters k;
	struct hla_pci_counters o = { .sz = sizeof(o) };
	int ret;

	CHECK_DEV_OUT(dev, out);
	ret = info(dev, HLK_INFO_PCI_COUNTERS, &k, sizeof(k), NULL);
	if (ret)
		return ret;
	o.rx_throughput = k.rx_throughput;
	o.tx_throughput = k.tx_throughput;
	o.replay_cnt = k.replay_cnt;
	hla__copy_out(out, &o, sizeof(o));
	return 0;
}

HLA_EXPORT int hla_info_clk_throttle(struct hla_device *dev,
				     struct hla_clk_throttle *out)
{
	struct hlk_info_clk_throttle k;
	struct hla_clk_throttle o = { .sz = sizeof(o) };
	int ret;

	CHECK_DEV_OUT(dev, out);
	ret = info(dev, HLK_INFO_CLK_THROTTLE_REASON, &k, sizeof(k), NULL);
	if (ret)
		return ret;
	o.reason = k.clk_throttling_reason;
	for (unsigned int i = 0; i < HLK_CLK_THROTTLE_TYPE_MAX; i++) {
		o.timestamp_us[i] = k.clk_throttling_timestamp_us[i];
		o.duration_ns[i] = k.clk_throttling_duration_ns[i];
	}
	hla__copy_out(out, &o, sizeof(o));
	return 0;
}

HLA_EXPORT int hla_info_sync_manager(struct hla_device *dev, uint32_t dcore_id,
				     struct hla_sync_manager *out)
{
	struct hlk_info_sync_manager k;
	struct hla_sync_manager o = { .sz = sizeof(o) };
	uint32_t word = dcore_id;
	int ret;

	CHECK_DEV_OUT(dev, out);
	if (dcore_id >= HLK_MAX_DCORES)
		return -EINVAL;
	ret = info(dev, HLK_INFO_SYNC_MANAGER, &k, sizeof(k), &word);
	if (ret)
		return ret;
	o.first_available_sync_object = k.first_available_sync_object;
	o.first_available_monitor = k.first_available_monitor;
	o.first_available_cq = k.first_available_cq;
	hla__copy_out(out, &o, sizeof(o));
	return 0;
}

HLA_EXPORT int hla_info_energy(struct hla_device *dev, uint64_t *total_energy)
{
	struct hlk_info_energy k;
	int ret;

	if (!total_energy)
		return -EINVAL;
	ret = info_small(dev, HLK_INFO_TOTAL_ENERGY, &k, sizeof(k));
	if (!ret)
		*total_energy = k.total_energy_consumption;
	return ret;
}

HLA_EXPORT int hla_info_pll_frequency(struct hla_device *dev, uint32_t pll_index,
				      uint16_t mhz[HLA_PLL_OUTPUTS])
{
	struct hlk_pll_frequency_info k;
	uint32_t word = pll_index;
	int ret;

	if (!dev || !mhz || pll_index > 15)
		return -EINVAL;
	ret = info(dev, HLK_INFO_PLL_FREQUENCY, &k, sizeof(k), &word);
	if (ret)
		return ret;
	for (unsigned int i = 0; i < HLA_PLL_OUTPUTS; i++)
		mhz[i] = k.output[i];
	return 0;
}

HLA_EXPORT int hla_info_power(struct hla_device *dev, uint64_t *power_mw)
{
	struct hlk_power_info k;
	int ret;

	if (!power_mw)
		return -EINVAL;
	ret = info_small(dev, HLK_INFO_POWER, &k, sizeof(k));
	if (!ret)
		*power_mw = k.power;
	return ret;
}

HLA_EXPORT int hla_info_open_stats(struct hla_device *dev,
				   struct hla_open_stats *out)
{
	struct hlk_open_stats_info k;
	struct hla_open_stats o = { .sz = sizeof(o) };
	int ret;

	CHECK_DEV_OUT(dev, out);
	ret = info(dev, HLK_INFO_OPEN_STATS, &k, sizeof(k), NULL);
	if (ret)
		return ret;
	o.open_counter = k.open_counter;
	o.last_open_period_ms = k.last_open_period_ms;
	o.is_compute_ctx_active = k.is_compute_ctx_active;
	o.compute_ctx_in_release = k.compute_ctx_in_release;
	hla__copy_out(out, &o, sizeof(o));
	return 0;
}

HLA_EXPORT int hla_info_dram_replaced_rows(struct hla_device *dev,
					   struct hla_dram_row *out)
{
	struct hlk_hbm_row_info k;
	struct hla_dram_row o = { .sz = sizeof(o) };
	int ret;

	CHECK_DEV_OUT(dev, out);
	ret = info(dev, HLK_INFO_DRAM_REPLACED_ROWS, &k, sizeof(k), NULL);
	if (ret)
		return ret;
	o.hbm_idx = k.hbm_idx;
	o.pc = k.pc;
	o.sid = k.sid;
	o.bank_idx = k.bank_idx;
	o.row_addr = k.row_addr;
	o.replaced_row_cause = k.replaced_row_cause;
	hla__copy_out(out, &o, sizeof(o));
	return 0;
}

HLA_EXPORT int hla_info_dram_pending_rows(struct hla_device *dev, uint32_t *count)
{
	uint32_t k;
	int ret;

	if (!count)
		return -EINVAL;
	ret = info_small(dev, HLK_INFO_DRAM_PENDING_ROWS, &k, sizeof(k));
	if (!ret)
		*count = k;
	return ret;
}

HLA_EXPORT int hla_info_last_err_open_dev_time(struct hla_device *dev,
					       int64_t *timestamp_ns)
{
	struct hlk_info_last_err_open_dev_time k;
	int ret;

	if (!timestamp_ns)
		return -EINVAL;
	ret = info_small(dev, HLK_INFO_LAST_ERR_OPEN_DEV_TIME, &k, sizeof(k));
	if (!ret)
		*timestamp_ns = k.timestamp;
	return ret;
}

/* error records: a zero timestamp means nothing was captured */
#define RECORD(dev, out, op, k)                                         \
	do {                                                            \
		CHECK_DEV_OUT(dev, out);                                \
		int r_ = info(dev, op, &(k), sizeof(k), NULL);          \
		if (r_)                                                 \
			return r_;                                      \
		if (!(k).timestamp)                                     \
			return -ENODATA;                                \
	} while (0)

HLA_EXPORT int hla_info_cs_timeout_event(struct hla_device *dev,
					 struct hla_cs_timeout_event *out)
{
	struct hlk_info_cs_timeout_event k;
	struct hla_cs_timeout_event o = { .sz = sizeof(o) };

	RECORD(dev, out, HLK_INFO_CS_TIMEOUT_EVENT, k);
	o.timestamp = k.timestamp;
	o.seq = k.seq;
	hla__copy_out(out, &o, sizeof(o));
	return 0;
}

HLA_EXPORT int hla_info_razwi_event(struct hla_device *dev,
				    struct hla_razwi_event *out)
{
	struct hlk_info_razwi_event k;
	struct hla_razwi_event o = { .sz = sizeof(o) };

	RECORD(dev, out, HLK_INFO_RAZWI_EVENT, k);
	o.timestamp = k.timestamp;
	o.addr = k.addr;
	if (dev->interface == HLA_INTERFACE_LEGACY &&
	    dev->kernel_version < HLA_KVER(6, 3, 0)) {
		/* 6.1 layout: two engine ids, a "none" flag and an error type */
		struct hlk_info_razwi_event_v1 v1;

		memcpy(&v1, &k, sizeof(v1));
		if (!v1.no_engine_id) {
			/* an absent id reads 0xFFFF */
			if (v1.engine_id_1 != HLK_RAZWI_NA_ENG_ID)
				o.engine_id[o.num_engines++] = v1.engine_id_1;
			if (v1.engine_id_2 != HLK_RAZWI_NA_ENG_ID &&
			    v1.engine_id_2 != v1.engine_id_1)
				o.engine_id[o.num_engines++] = v1.engine_id_2;
		}
		o.error_type = v1.error_type;
	} else {
		uint32_t n = k.num_of_possible_engines;

		if (n > HLA_RAZWI_MAX_ENGINES)
			n = HLA_RAZWI_MAX_ENGINES;
		for (uint32_t i = 0; i < n; i++)
			o.engine_id[i] = k.engine_id[i];
		o.num_engines = n;
		o.flags = k.flags;
	}
	hla__copy_out(out, &o, sizeof(o));
	return 0;
}

HLA_EXPORT int hla_info_undefined_opcode_event(struct hla_device *dev,
					       struct hla_undefined_opcode_event *out)
{
	struct hlk_info_undefined_opcode_event k;
	struct hla_undefined_opcode_event o = { .sz = sizeof(o) };

	RECORD(dev, out, HLK_INFO_UNDEFINED_OPCODE_EVENT, k);
	o.timestamp = k.timestamp;
	memcpy(o.cb_addr_streams, k.cb_addr_streams, sizeof(o.cb_addr_streams));
	o.cq_addr = k.cq_addr;
	o.cq_size = k.cq_size;
	o.cb_addr_streams_len = k.cb_addr_streams_len;
	o.engine_id = k.engine_id;
	o.stream_id = k.stream_id;
	hla__copy_out(out, &o, sizeof(o));
	return 0;
}

HLA_EXPORT int hla_info_page_fault_event(struct hla_device *dev,
					 struct hla_page_fault_event *out)
{
	struct hlk_page_fault_info k;
	struct hla_page_fault_event o = { .sz = sizeof(o) };

	RECORD(dev, out, HLK_INFO_PAGE_FAULT_EVENT, k);
	o.timestamp = k.timestamp;
	o.addr = k.addr;
	o.engine_id = k.engine_id;
	hla__copy_out(out, &o, sizeof(o));
	return 0;
}

HLA_EXPORT int hla_info_hw_err_event(struct hla_device *dev,
				     struct hla_hw_err_event *out)
{
	struct hlk_info_hw_err_event k;
	struct hla_hw_err_event o = { .sz = sizeof(o) };

	RECORD(dev, out, HLK_INFO_HW_ERR_EVENT, k);
	o.timestamp = k.timestamp;
	o.event_id = k.event_id;
	hla__copy_out(out, &o, sizeof(o));
	return 0;
}

HLA_EXPORT int hla_info_fw_err_event(struct hla_device *dev,
				     struct hla_fw_err_event *out)
{
	struct hlk_info_fw_err_event k;
	struct hla_fw_err_event o = { .sz = sizeof(o) };

	RECORD(dev, out, HLK_INFO_FW_ERR_EVENT, k);
	o.timestamp = k.timestamp;
	o.err_type = k.err_type;
	o.event_id = k.event_id;
	hla__copy_out(out, &o, sizeof(o));
	return 0;
}

HLA_EXPORT int hla_info_engine_err_event(struct hla_device *dev,
					 struct hla_engine_err_event *out)
{
	struct hlk_info_engine_err_event k;
	struct hla_engine_err_event o = { .sz = sizeof(o) };

	RECORD(dev, out, HLK_INFO_USER_ENGINE_ERR_EVENT, k);
	o.timestamp = k.timestamp;
	o.engine_id = k.engine_id;
	o.error_count = k.error_count;
	hla__copy_out(out, &o, sizeof(o));
	return 0;
}

HLA_EXPORT int hla_info_page_sizes(struct hla_device *dev,
				   uint64_t *page_order_bitmask)
{
	struct hlk_info_dev_memalloc_page_sizes k;
	int ret;

	if (!page_order_bitmask)
		return -EINVAL;
	ret = info_small(dev, HLK_INFO_DEV_MEM_ALLOC_PAGE_SIZES, &k, sizeof(k));
	if (!ret)
		*page_order_bitmask = k.page_order_bitmask;
	return ret;
}

HLA_EXPORT int hla_info_attestation(struct hla_device *dev, uint32_t nonce,
				    struct hla_attestation *out)
{
	struct hlk_info_sec_attest k;
	struct hla_attestation o;
	uint32_t word = nonce;
	int ret;

	CHECK_DEV_OUT(dev, out);
	ret = info(dev, HLK_INFO_SECURED_ATTESTATION, &k, sizeof(k), &word);
	if (ret)
		return ret;
	memset(&o, 0, sizeof(o));
	o.sz = sizeof(o);
	o.nonce = k.nonce;
	o.pcr_quote_len = k.pcr_quote_len;
	o.pub_data_len = k.pub_data_len;
	o.certificate_len = k.certificate_len;
	o.pcr_num_reg = k.pcr_num_reg;
	o.pcr_reg_len = k.pcr_reg_len;
	o.quote_sig_len = k.quote_sig_len;
	memcpy(o.pcr_data, k.pcr_data, sizeof(o.pcr_data));
	memcpy(o.pcr_quote, k.pcr_quote, sizeof(o.pcr_quote));
	memcpy(o.quote_sig, k.quote_sig, sizeof(o.quote_sig));
	memcpy(o.public_data, k.public_data, sizeof(o.public_data));
	memcpy(o.certificate, k.certificate, sizeof(o.certificate));
	hla__copy_out(out, &o, sizeof(o));
	return 0;
}

HLA_EXPORT int hla_info_dev_signed(struct hla_device *dev, uint32_t nonce,
				   struct hla_dev_signed *out)
{
	struct hlk_info_signed k;
	struct hla_dev_signed o;
	uint32_t word = nonce;
	int ret;

	CHECK_DEV_OUT(dev, out);
	ret = info(dev, HLK_INFO_DEV_SIGNED, &k, sizeof(k), &word);
	if (ret)
		return ret;
	memset(&o, 0, sizeof(o));
	o.sz = sizeof(o);
	o.nonce = k.nonce;
	o.pub_data_len = k.pub_data_len;
	o.certificate_len = k.certificate_len;
	o.dev_info_len = k.dev_info_len;
	o.info_sig_len = k.info_sig_len;
	memcpy(o.public_data, k.public_data, sizeof(o.public_data));
	memcpy(o.certificate, k.certificate, sizeof(o.certificate));
	memcpy(o.info_sig, k.info_sig, sizeof(o.info_sig));
	memcpy(o.dev_info, k.dev_info, sizeof(o.dev_info));
	hla__copy_out(out, &o, sizeof(o));
	return 0;
}

HLA_EXPORT int hla_info_engine_status(struct hla_device *dev, char *buf, size_t size)
{
	uint32_t word = 0, n;
	int ret;

	if (!dev || !buf || size < HLK_ENGINES_DATA_MIN_SIZE)
		return -EINVAL;
	if (size > HLK_ENGINES_DATA_MAX_SIZE)
		size = HLK_ENGINES_DATA_MAX_SIZE;
	ret = info(dev, HLK_INFO_ENGINE_STATUS, buf, (uint32_t)size, &word);
	if (ret == -ENOMEM)
		return -ENOSPC;
	if (ret)
		return ret;
	/* word = text length; the kernel does not terminate the text */
	n = word;
	if (n >= size)
		return -ENOSPC;
	buf[n] = '\0';
	return (int)n;
}

HLA_EXPORT int hla_info_user_mappings(struct hla_device *dev,
				      struct hla_user_mapping *maps,
				      unsigned int max, unsigned int *count)
{
	struct hlk_info_args args;
	int ret;

	if (!dev || !count || (!maps && max) || max > UINT32_MAX / 16)
		return -EINVAL;
	_Static_assert(sizeof(struct hla_user_mapping) == sizeof(struct hlk_user_mapping),
		       "user mapping layout");
	memset(&args, 0, sizeof(args));
	args.op = HLK_INFO_USER_MAPPINGS;
	/* the kernel wants a buffer even when the caller asks for the count */
	{
		struct hlk_user_mapping one;

		args.return_pointer = (uint64_t)(uintptr_t)(max ? (void *)maps : &one);
		args.return_size = max ? max * (uint32_t)sizeof(*maps) : sizeof(one);
		ret = hla__ioctl(dev, HLK_CMD_INFO, &args);
	}
	if (ret == -ENOMEM) {
		*count = args.array_size;
		return -ENOSPC;
	}
	if (ret)
		return ret;
	*count = args.array_size;
	if (args.array_size > max)
		return -ENOSPC;
	return 0;
}

HLA_EXPORT int hla_info_fw_generic_req(struct hla_device *dev, uint32_t sub_opcode,
				       void *buf, size_t size)
{
	struct hlk_info_args args;

	if (!dev || !buf || !size || size > HLK_FW_GENERIC_REQ_MAX_SIZE)
		return -EINVAL;
	memset(&args, 0, sizeof(args));
	args.op = HLK_INFO_FW_GENERIC_REQ;
	args.return_pointer = (uint64_t)(uintptr_t)buf;
	args.return_size = (uint32_t)size;
	args.fw_sub_opcode = sub_opcode;
	return hla__ioctl(dev, HLK_CMD_INFO, &args);
}

HLA_EXPORT int hla_info_raw(struct hla_device *dev, uint32_t op, uint32_t in,
			    void *buf, uint32_t size, uint32_t *out)
{
	struct hlk_info_args args;
	int ret;

	if (!dev || (!buf && size))
		return -EINVAL;
	memset(&args, 0, sizeof(args));
	args.op = op;
	args.return_pointer = (uint64_t)(uintptr_t)buf;
	args.return_size = size;
	args.dcore_id = in;
	ret = hla__ioctl(dev, HLK_CMD_INFO, &args);
	if (out)
		*out = args.dcore_id;
	return ret;
}

HLA_EXPORT int hla_eventfd_register(struct hla_device *dev, int eventfd)
{
	uint32_t word;

	if (!dev)
		return -EINVAL;
	if (eventfd < 0)
		return -EBADF;
	word = (uint32_t)eventfd;
	return info(dev, HLK_INFO_REGISTER_EVENTFD, NULL, 0, &word);
}

HLA_EXPORT int hla_eventfd_unregister(struct hla_device *dev)
{
	if (!dev)
		return -EINVAL;
	return info(dev, HLK_INFO_UNREGISTER_EVENTFD, NULL, 0, NULL);
}

HLA_EXPORT int hla_events_get(struct hla_device *dev, uint64_t *events)
{
	uint64_t k;
	int ret;

	if (!dev || !events)
		return -EINVAL;
	ret = info(dev, HLK_INFO_GET_EVENTS, &k, sizeof(k), NULL);
	if (!ret)
		*events = k;
	return ret;
}
