/* SPDX-License-Identifier: MIT */
/*
 * For every output struct: which field each valid bit stands for, so that
 * a caller with a shorter struct gets no bit for a field it does not have.
 */
#ifndef HLACCEL_VALID_H
#define HLACCEL_VALID_H

#include "hla_internal.h"

#define E(type, bit, field) { bit, HLA_END(type, field) }

static const struct hla_field_end hw_ip_ends[] = {
	E(hla_hw_ip_info, HLA_HW_IP_SRAM_BASE_ADDRESS, sram_base_address),
	E(hla_hw_ip_info, HLA_HW_IP_DRAM_BASE_ADDRESS, dram_base_address),
	E(hla_hw_ip_info, HLA_HW_IP_DRAM_SIZE, dram_size),
	E(hla_hw_ip_info, HLA_HW_IP_DRAM_PAGE_SIZE, dram_page_size),
	E(hla_hw_ip_info, HLA_HW_IP_DEVICE_MEM_ALLOC_DEFAULT_PAGE_SIZE,
	  device_mem_alloc_default_page_size),
	E(hla_hw_ip_info, HLA_HW_IP_TPC_ENABLED_MASK_EXT, tpc_enabled_mask_ext),
	E(hla_hw_ip_info, HLA_HW_IP_ENGINE_CORE_INTERRUPT_REG_ADDR,
	  engine_core_interrupt_reg_addr),
	E(hla_hw_ip_info, HLA_HW_IP_RESERVED_DRAM_SIZE, reserved_dram_size),
	E(hla_hw_ip_info, HLA_HW_IP_NIC_PORTS_MASK, nic_ports_mask),
	E(hla_hw_ip_info, HLA_HW_IP_NIC_PORTS_EXTERNAL_MASK, nic_ports_external_mask),
	E(hla_hw_ip_info, HLA_HW_IP_PDMA_USER_OWNED_CH_MASK, pdma_user_owned_ch_mask),
	E(hla_hw_ip_info, HLA_HW_IP_ASIC, asic),
	E(hla_hw_ip_info, HLA_HW_IP_DEVICE_ID, device_id),
	E(hla_hw_ip_info, HLA_HW_IP_SRAM_SIZE, sram_size),
	E(hla_hw_ip_info, HLA_HW_IP_NUM_OF_EVENTS, num_of_events),
	E(hla_hw_ip_info, HLA_HW_IP_MODULE_ID, module_id),
	E(hla_hw_ip_info, HLA_HW_IP_DECODER_ENABLED_MASK, decoder_enabled_mask),
	E(hla_hw_ip_info, HLA_HW_IP_CPLD_VERSION, cpld_version),
	E(hla_hw_ip_info, HLA_HW_IP_PSOC_PCI_PLL, psoc_pci_pll_div_factor),
	E(hla_hw_ip_info, HLA_HW_IP_EDMA_ENABLED_MASK, edma_enabled_mask),
	E(hla_hw_ip_info, HLA_HW_IP_ROTATOR_ENABLED_MASK, rotator_enabled_mask),
	E(hla_hw_ip_info, HLA_HW_IP_MME_ENABLED_MASK, mme_enabled_mask),
	E(hla_hw_ip_info, HLA_HW_IP_SCHED_ARC_ENABLED_MASK, sched_arc_enabled_mask),
	E(hla_hw_ip_info, HLA_HW_IP_FIRST_AVAILABLE_INTERRUPT_ID,
	  first_available_interrupt_id),
	E(hla_hw_ip_info, HLA_HW_IP_NUMBER_OF_USER_INTERRUPTS, number_of_user_interrupts),
	E(hla_hw_ip_info, HLA_HW_IP_SERVER_TYPE, server_type),
	E(hla_hw_ip_info, HLA_HW_IP_TPC_INTERRUPT_ID, tpc_interrupt_id),
	E(hla_hw_ip_info, HLA_HW_IP_TPC_ENABLED_MASK, tpc_enabled_mask),
	E(hla_hw_ip_info, HLA_HW_IP_DRAM_ENABLED, dram_enabled),
	E(hla_hw_ip_info, HLA_HW_IP_SECURITY_ENABLED, security_enabled),
	E(hla_hw_ip_info, HLA_HW_IP_MME_MASTER_SLAVE_MODE, mme_master_slave_mode),
	E(hla_hw_ip_info, HLA_HW_IP_REVISION_ID, revision_id),
	E(hla_hw_ip_info, HLA_HW_IP_ODP_SUPPORTED, odp_supported),
	E(hla_hw_ip_info, HLA_HW_IP_INTERPOSER_VERSION, interposer_version),
	E(hla_hw_ip_info, HLA_HW_IP_SUBSTRATE_VERSION, substrate_version),
	E(hla_hw_ip_info, HLA_HW_IP_CPUCP_VERSION, cpucp_version),
	E(hla_hw_ip_info, HLA_HW_IP_CARD_NAME, card_name),
};

static const struct hla_field_end dram_usage_ends[] = {
	E(hla_dram_usage, HLA_DRAM_USAGE_DRAM_FREE_MEM, dram_free_mem),
	E(hla_dram_usage, HLA_DRAM_USAGE_CTX_DRAM_MEM, ctx_dram_mem),
};

static const struct hla_field_end hw_idle_ends[] = {
	E(hla_hw_idle, HLA_HW_IDLE_IS_IDLE, is_idle),
	E(hla_hw_idle, HLA_HW_IDLE_BUSY_ENGINES_MASK, busy_engines_mask),
	E(hla_hw_idle, HLA_HW_IDLE_BUSY_ENGINES_MASK_EXT, busy_engines_mask_ext[1]),
	E(hla_hw_idle, HLA_HW_IDLE_BUSY_ENGINES_MASK_EXT_HI, busy_engines_mask_ext[3]),
};

static const struct hla_field_end time_sync_ends[] = {
	E(hla_time_sync, HLA_TIME_SYNC_DEVICE_TIME, device_time),
	E(hla_time_sync, HLA_TIME_SYNC_HOST_TIME, host_time),
	E(hla_time_sync, HLA_TIME_SYNC_TSC_TIME, tsc_time),
};

static const struct hla_field_end module_params_ends[] = {
	E(hla_module_params, HLA_MODULE_PARAMS_TPC_MASK, tpc_mask),
	E(hla_module_params, HLA_MODULE_PARAMS_GAUDI_HUGE_PAGE_OPTIMIZATION, gaudi_huge_page_optimization),
	E(hla_module_params, HLA_MODULE_PARAMS_TIMEOUT_LOCKED, timeout_locked),
	E(hla_module_params, HLA_MODULE_PARAMS_RESET_ON_LOCKUP, reset_on_lockup),
	E(hla_module_params, HLA_MODULE_PARAMS_PLDM, pldm),
	E(hla_module_params, HLA_MODULE_PARAMS_MMU_ENABLE, mmu_enable),
	E(hla_module_params, HLA_MODULE_PARAMS_CLOCK_GATING, clock_gating),
	E(hla_module_params, HLA_MODULE_PARAMS_MME_ENABLE, mme_enable),
	E(hla_module_params, HLA_MODULE_PARAMS_NIC_PORTS_MASK, nic_ports_mask),
	E(hla_module_params, HLA_MODULE_PARAMS_DRAM_ENABLE, dram_enable),
	E(hla_module_params, HLA_MODULE_PARAMS_CPU_ENABLE, cpu_enable),
	E(hla_module_params, HLA_MODULE_PARAMS_RESET_PCILINK, reset_pcilink),
	E(hla_module_params, HLA_MODULE_PARAMS_CONFIG_PLL, config_pll),
	E(hla_module_params, HLA_MODULE_PARAMS_CPU_QUEUES_ENABLE, cpu_queues_enable),
	E(hla_module_params, HLA_MODULE_PARAMS_FW_LOADING, fw_loading),
	E(hla_module_params, HLA_MODULE_PARAMS_HEARTBEAT, heartbeat),
	E(hla_module_params, HLA_MODULE_PARAMS_AXI_DRAIN, axi_drain),
	E(hla_module_params, HLA_MODULE_PARAMS_SECURITY_ENABLE, security_enable),
	E(hla_module_params, HLA_MODULE_PARAMS_SRAM_SCRAMBLER_ENABLE, sram_scrambler_enable),
	E(hla_module_params, HLA_MODULE_PARAMS_DRAM_SCRAMBLER_ENABLE, dram_scrambler_enable),
	E(hla_module_params, HLA_MODULE_PARAMS_CACHE_ENABLED, cache_enabled),
	E(hla_module_params, HLA_MODULE_PARAMS_HBM_ECC_ENABLE, hbm_ecc_enable),
	E(hla_module_params, HLA_MODULE_PARAMS_COMPATIBILITY_MODE, compatibility_mode),
	E(hla_module_params, HLA_MODULE_PARAMS_HARD_RESET_ON_FW_EVENTS, hard_reset_on_fw_events),
	E(hla_module_params, HLA_MODULE_PARAMS_DECODER_MASK, decoder_mask),
	E(hla_module_params, HLA_MODULE_PARAMS_ROTATOR_MASK, rotator_mask),
	E(hla_module_params, HLA_MODULE_PARAMS_DRAM_PAGE_SCRUB, dram_page_scrub),
	E(hla_module_params, HLA_MODULE_PARAMS_CLOCK_GATING_EXT, clock_gating_ext),
	E(hla_module_params, HLA_MODULE_PARAMS_FW_LOADING_EXT, fw_loading_ext),
	E(hla_module_params, HLA_MODULE_PARAMS_NIC_LANES_PER_PORT, nic_lanes_per_port),
};

static const struct hla_field_end link_state_ends[] = {
	E(hla_link_state, HLA_LINK_STATE_UP, up),
	E(hla_link_state, HLA_LINK_STATE_PORT_OPEN, port_open),
	E(hla_link_state, HLA_LINK_STATE_QUALITY, quality),
};

static const struct hla_field_end cs_counters_ends[] = {
	E(hla_cs_counters, HLA_CS_COUNTERS_TOTAL, total_validation_drop_cnt),
	E(hla_cs_counters, HLA_CS_COUNTERS_CTX, ctx_validation_drop_cnt),
};

static const struct hla_field_end pci_counters_ends[] = {
	E(hla_pci_counters, HLA_PCI_COUNTERS_RX_THROUGHPUT, rx_throughput),
	E(hla_pci_counters, HLA_PCI_COUNTERS_TX_THROUGHPUT, tx_throughput),
	E(hla_pci_counters, HLA_PCI_COUNTERS_REPLAY_CNT, replay_cnt),
};

static const struct hla_field_end clk_throttle_ends[] = {
	E(hla_clk_throttle, HLA_CLK_THROTTLE_VALID_REASON, reason),
	E(hla_clk_throttle, HLA_CLK_THROTTLE_VALID_TIMESTAMP, timestamp_us),
	E(hla_clk_throttle, HLA_CLK_THROTTLE_VALID_DURATION, duration_ns),
};

static const struct hla_field_end sync_manager_ends[] = {
	E(hla_sync_manager, HLA_SYNC_MANAGER_FIRST_SYNC_OBJECT,
	  first_available_sync_object),
	E(hla_sync_manager, HLA_SYNC_MANAGER_FIRST_MONITOR, first_available_monitor),
	E(hla_sync_manager, HLA_SYNC_MANAGER_FIRST_CQ, first_available_cq),
};

static const struct hla_field_end open_stats_ends[] = {
	E(hla_open_stats, HLA_OPEN_STATS_OPEN_COUNTER, open_counter),
	E(hla_open_stats, HLA_OPEN_STATS_LAST_OPEN_PERIOD, last_open_period_ms),
	E(hla_open_stats, HLA_OPEN_STATS_COMPUTE_CTX_ACTIVE, is_compute_ctx_active),
	E(hla_open_stats, HLA_OPEN_STATS_COMPUTE_CTX_IN_RELEASE, compute_ctx_in_release),
};

static const struct hla_field_end dram_row_ends[] = {
	E(hla_dram_row, HLA_DRAM_ROW_LOCATION, row_addr),
	E(hla_dram_row, HLA_DRAM_ROW_CAUSE, replaced_row_cause),
};

static const struct hla_field_end attestation_ends[] = {
	E(hla_attestation, HLA_ATTEST_NONCE, nonce),
	E(hla_attestation, HLA_ATTEST_PCR, pcr_data),
	E(hla_attestation, HLA_ATTEST_QUOTE, quote_sig),
	E(hla_attestation, HLA_ATTEST_PUBLIC_DATA, public_data),
	E(hla_attestation, HLA_ATTEST_CERTIFICATE, certificate),
};

static const struct hla_field_end dev_signed_ends[] = {
	E(hla_dev_signed, HLA_ATTEST_NONCE, nonce),
	E(hla_dev_signed, HLA_ATTEST_PUBLIC_DATA, public_data),
	E(hla_dev_signed, HLA_ATTEST_CERTIFICATE, certificate),
	E(hla_dev_signed, HLA_ATTEST_INFO_SIG, info_sig),
	E(hla_dev_signed, HLA_ATTEST_DEV_INFO, dev_info),
};

static const struct hla_field_end cs_timeout_ends[] = {
	E(hla_cs_timeout_event, HLA_EVENT_VALID_TIMESTAMP, timestamp),
	E(hla_cs_timeout_event, HLA_EVENT_VALID_SEQ, seq),
};

static const struct hla_field_end undefined_opcode_ends[] = {
	E(hla_undefined_opcode_event, HLA_EVENT_VALID_TIMESTAMP, timestamp),
	E(hla_undefined_opcode_event, HLA_EVENT_VALID_CB_ADDRS, cb_addr_streams_len),
	E(hla_undefined_opcode_event, HLA_EVENT_VALID_ENGINE_ID, engine_id),
	E(hla_undefined_opcode_event, HLA_EVENT_VALID_STREAM_ID, stream_id),
};

static const struct hla_field_end page_fault_ends[] = {
	E(hla_page_fault_event, HLA_EVENT_VALID_TIMESTAMP, timestamp),
	E(hla_page_fault_event, HLA_EVENT_VALID_ADDR, addr),
	E(hla_page_fault_event, HLA_EVENT_VALID_ENGINE_ID, engine_id),
};

static const struct hla_field_end hw_err_ends[] = {
	E(hla_hw_err_event, HLA_EVENT_VALID_TIMESTAMP, timestamp),
	E(hla_hw_err_event, HLA_EVENT_VALID_EVENT_ID, event_id),
};

static const struct hla_field_end fw_err_ends[] = {
	E(hla_fw_err_event, HLA_EVENT_VALID_TIMESTAMP, timestamp),
	E(hla_fw_err_event, HLA_EVENT_VALID_ERROR_TYPE, err_type),
	E(hla_fw_err_event, HLA_EVENT_VALID_EVENT_ID, event_id),
};

static const struct hla_field_end engine_err_ends[] = {
	E(hla_engine_err_event, HLA_EVENT_VALID_TIMESTAMP, timestamp),
	E(hla_engine_err_event, HLA_EVENT_VALID_ENGINE_ID, engine_id),
	E(hla_engine_err_event, HLA_EVENT_VALID_ERROR_COUNT, error_count),
};

static const struct hla_field_end razwi_ends[] = {
	E(hla_razwi_event, HLA_EVENT_VALID_TIMESTAMP, timestamp),
	E(hla_razwi_event, HLA_EVENT_VALID_ADDR, addr),
	E(hla_razwi_event, HLA_EVENT_VALID_FLAGS, flags),
	E(hla_razwi_event, HLA_EVENT_VALID_ERROR_TYPE, error_type),
	E(hla_razwi_event, HLA_EVENT_VALID_ENGINE_ID, engine_id),
};

static const struct hla_field_end desc_ends[] = {
	E(hla_device_desc, HLA_DESC_CAPS, caps),
	E(hla_device_desc, HLA_DESC_INDEX, index),
	E(hla_device_desc, HLA_DESC_MINOR, minor),
	E(hla_device_desc, HLA_DESC_INTERFACE, interface),
	E(hla_device_desc, HLA_DESC_ASIC, asic),
	E(hla_device_desc, HLA_DESC_PCI_DEVICE_ID, pci_device_id),
	E(hla_device_desc, HLA_DESC_PCI_REVISION, pci_revision),
	E(hla_device_desc, HLA_DESC_MODULE_ID, module_id),
	E(hla_device_desc, HLA_DESC_STATUS, status),
	E(hla_device_desc, HLA_DESC_IS_CONTROL, is_control),
	E(hla_device_desc, HLA_DESC_DRIVER, driver),
	E(hla_device_desc, HLA_DESC_DRIVER_VERSION, driver_version),
	E(hla_device_desc, HLA_DESC_KERNEL_VERSION, kernel_version),
	E(hla_device_desc, HLA_DESC_NUMA_NODE, numa_node),
	E(hla_device_desc, HLA_DESC_NODE, node),
	E(hla_device_desc, HLA_DESC_CONTROL_NODE, control_node),
	E(hla_device_desc, HLA_DESC_PCI_BUS_ID, pci_bus_id),
	E(hla_device_desc, HLA_DESC_DEVICE_TYPE, device_type),
	E(hla_device_desc, HLA_DESC_DRIVER_VERSION_STR, driver_version_str),
	E(hla_device_desc, HLA_DESC_CAPS_PROBE, caps_probe),
	E(hla_device_desc, HLA_DESC_DRM_VERSION, drm_version),
};

static const struct hla_field_end cs_out_ends[] = {
	E(hla_cs_out, HLA_CS_OUT_SEQ, seq),
	E(hla_cs_out, HLA_CS_OUT_SOB_BASE_ADDR_OFFSET, sob_base_addr_offset),
	E(hla_cs_out, HLA_CS_OUT_SOB_COUNT_BEFORE_SUBMISSION,
	  sob_count_before_submission),
};

static const struct hla_field_end encaps_ends[] = {
	E(hla_encaps_signals, HLA_ENCAPS_HANDLE_ID, handle_id),
	E(hla_encaps_signals, HLA_ENCAPS_COUNT, count),
	E(hla_encaps_signals, HLA_ENCAPS_SOB_BASE_ADDR_OFFSET, sob_base_addr_offset),
};

static const struct hla_field_end wait_result_ends[] = {
	E(hla_wait_result, HLA_WAIT_RESULT_STATUS, status),
	E(hla_wait_result, HLA_WAIT_RESULT_FLAGS, flags),
	E(hla_wait_result, HLA_WAIT_RESULT_TIMESTAMP, timestamp_ns),
	E(hla_wait_result, HLA_WAIT_RESULT_COMPLETION_MAP, completion_map),
};

#undef E

#endif /* HLACCEL_VALID_H */
