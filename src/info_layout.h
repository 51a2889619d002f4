/* SPDX-License-Identifier: MIT */
/*
 * The public INFO structs are a 16-byte header followed by the driver's
 * own layout.  Every field is checked here, at compile time, against the
 * private kernel-ABI declarations (tests/abi checks those against the
 * kernel's uapi headers).
 */
#ifndef HLACCEL_INFO_LAYOUT_H
#define HLACCEL_INFO_LAYOUT_H

#include "hla_internal.h"

#define HLA_BODY 16u
#define SAME(pub, pf, kern, kf)                                                    \
	_Static_assert(offsetof(struct pub, pf) - HLA_BODY ==                         \
			       offsetof(struct kern, kf) &&                           \
			       sizeof(((struct pub *)0)->pf) ==                       \
			       sizeof(((struct kern *)0)->kf),                        \
		       #pub "." #pf " has the driver's layout")
#define BODY(pub, kern)                                                            \
	_Static_assert(sizeof(struct pub) - HLA_BODY >= sizeof(struct kern),          \
		       #pub " holds the driver's struct")

BODY(hla_module_params, hlk_info_module_params);
SAME(hla_module_params, tpc_mask, hlk_info_module_params, tpc_mask);
SAME(hla_module_params, gaudi_huge_page_optimization, hlk_info_module_params, gaudi_huge_page_optimization);
SAME(hla_module_params, timeout_locked, hlk_info_module_params, timeout_locked);
SAME(hla_module_params, reset_on_lockup, hlk_info_module_params, reset_on_lockup);
SAME(hla_module_params, pldm, hlk_info_module_params, pldm);
SAME(hla_module_params, mmu_enable, hlk_info_module_params, mmu_enable);
SAME(hla_module_params, clock_gating, hlk_info_module_params, clock_gating);
SAME(hla_module_params, mme_enable, hlk_info_module_params, mme_enable);
SAME(hla_module_params, nic_ports_mask, hlk_info_module_params, nic_ports_mask);
SAME(hla_module_params, dram_enable, hlk_info_module_params, dram_enable);
SAME(hla_module_params, cpu_enable, hlk_info_module_params, cpu_enable);
SAME(hla_module_params, reset_pcilink, hlk_info_module_params, reset_pcilink);
SAME(hla_module_params, config_pll, hlk_info_module_params, config_pll);
SAME(hla_module_params, cpu_queues_enable, hlk_info_module_params, cpu_queues_enable);
SAME(hla_module_params, fw_loading, hlk_info_module_params, fw_loading);
SAME(hla_module_params, heartbeat, hlk_info_module_params, heartbeat);
SAME(hla_module_params, axi_drain, hlk_info_module_params, axi_drain);
SAME(hla_module_params, security_enable, hlk_info_module_params, security_enable);
SAME(hla_module_params, sram_scrambler_enable, hlk_info_module_params, sram_scrambler_enable);
SAME(hla_module_params, dram_scrambler_enable, hlk_info_module_params, dram_scrambler_enable);
SAME(hla_module_params, cache_enabled, hlk_info_module_params, cache_enabled);
SAME(hla_module_params, hbm_ecc_enable, hlk_info_module_params, hbm_ecc_enable);
SAME(hla_module_params, compatibility_mode, hlk_info_module_params, compatibility_mode);
SAME(hla_module_params, hard_reset_on_fw_events, hlk_info_module_params, hard_reset_on_fw_events);
SAME(hla_module_params, decoder_mask, hlk_info_module_params, decoder_mask);
SAME(hla_module_params, rotator_mask, hlk_info_module_params, rotator_mask);
SAME(hla_module_params, dram_page_scrub, hlk_info_module_params, dram_page_scrub);
SAME(hla_module_params, clock_gating_ext, hlk_info_module_params, clock_gating_ext);
SAME(hla_module_params, fw_loading_ext, hlk_info_module_params, fw_loading_ext);
SAME(hla_module_params, nic_lanes_per_port, hlk_info_module_params, nic_lanes_per_port);
SAME(hla_module_params, reserved1, hlk_info_module_params, pad);
BODY(hla_link_state, hlk_info_habana_link_state);
SAME(hla_link_state, up, hlk_info_habana_link_state, up);
SAME(hla_link_state, port_open, hlk_info_habana_link_state, port_open);
SAME(hla_link_state, quality, hlk_info_habana_link_state, link_qual);
SAME(hla_link_state, reserved1, hlk_info_habana_link_state, pad);

BODY(hla_hw_ip_info, hlk_info_hw_ip_info);
SAME(hla_hw_ip_info, sram_base_address, hlk_info_hw_ip_info, sram_base_address);
SAME(hla_hw_ip_info, dram_base_address, hlk_info_hw_ip_info, dram_base_address);
SAME(hla_hw_ip_info, dram_size, hlk_info_hw_ip_info, dram_size);
SAME(hla_hw_ip_info, sram_size, hlk_info_hw_ip_info, sram_size);
SAME(hla_hw_ip_info, num_of_events, hlk_info_hw_ip_info, num_of_events);
SAME(hla_hw_ip_info, device_id, hlk_info_hw_ip_info, device_id);
SAME(hla_hw_ip_info, module_id, hlk_info_hw_ip_info, module_id);
SAME(hla_hw_ip_info, decoder_enabled_mask, hlk_info_hw_ip_info, decoder_enabled_mask);
SAME(hla_hw_ip_info, first_available_interrupt_id, hlk_info_hw_ip_info,
     first_available_interrupt_id);
SAME(hla_hw_ip_info, server_type, hlk_info_hw_ip_info, server_type);
SAME(hla_hw_ip_info, cpld_version, hlk_info_hw_ip_info, cpld_version);
SAME(hla_hw_ip_info, psoc_pci_pll_nr, hlk_info_hw_ip_info, psoc_pci_pll_nr);
SAME(hla_hw_ip_info, psoc_pci_pll_nf, hlk_info_hw_ip_info, psoc_pci_pll_nf);
SAME(hla_hw_ip_info, psoc_pci_pll_od, hlk_info_hw_ip_info, psoc_pci_pll_od);
SAME(hla_hw_ip_info, psoc_pci_pll_div_factor, hlk_info_hw_ip_info,
     psoc_pci_pll_div_factor);
SAME(hla_hw_ip_info, tpc_enabled_mask, hlk_info_hw_ip_info, tpc_enabled_mask);
SAME(hla_hw_ip_info, dram_enabled, hlk_info_hw_ip_info, dram_enabled);
SAME(hla_hw_ip_info, security_enabled, hlk_info_hw_ip_info, security_enabled);
SAME(hla_hw_ip_info, mme_master_slave_mode, hlk_info_hw_ip_info,
     mme_master_slave_mode);
SAME(hla_hw_ip_info, cpucp_version, hlk_info_hw_ip_info, cpucp_version);
SAME(hla_hw_ip_info, card_name, hlk_info_hw_ip_info, card_name);
SAME(hla_hw_ip_info, tpc_enabled_mask_ext, hlk_info_hw_ip_info, tpc_enabled_mask_ext);
SAME(hla_hw_ip_info, dram_page_size, hlk_info_hw_ip_info, dram_page_size);
SAME(hla_hw_ip_info, edma_enabled_mask, hlk_info_hw_ip_info, edma_enabled_mask);
SAME(hla_hw_ip_info, number_of_user_interrupts, hlk_info_hw_ip_info,
     number_of_user_interrupts);
SAME(hla_hw_ip_info, interposer_version, hlk_info_hw_ip_info, reserved1);
SAME(hla_hw_ip_info, substrate_version, hlk_info_hw_ip_info, reserved2);
SAME(hla_hw_ip_info, pdma_user_owned_ch_mask, hlk_info_hw_ip_info, reserved3);
SAME(hla_hw_ip_info, device_mem_alloc_default_page_size, hlk_info_hw_ip_info,
     device_mem_alloc_default_page_size);
SAME(hla_hw_ip_info, nic_ports_mask, hlk_info_hw_ip_info, reserved4);
SAME(hla_hw_ip_info, nic_ports_external_mask, hlk_info_hw_ip_info, reserved5);
SAME(hla_hw_ip_info, mme_enabled_mask, hlk_info_hw_ip_info, reserved6);
SAME(hla_hw_ip_info, odp_supported, hlk_info_hw_ip_info, reserved7);
SAME(hla_hw_ip_info, revision_id, hlk_info_hw_ip_info, revision_id);
SAME(hla_hw_ip_info, tpc_interrupt_id, hlk_info_hw_ip_info, tpc_interrupt_id);
SAME(hla_hw_ip_info, rotator_enabled_mask, hlk_info_hw_ip_info, rotator_enabled_mask);
SAME(hla_hw_ip_info, sched_arc_enabled_mask, hlk_info_hw_ip_info, reserved9);
SAME(hla_hw_ip_info, engine_core_interrupt_reg_addr, hlk_info_hw_ip_info,
     engine_core_interrupt_reg_addr);
SAME(hla_hw_ip_info, reserved_dram_size, hlk_info_hw_ip_info, reserved_dram_size);

BODY(hla_dram_usage, hlk_info_dram_usage);
SAME(hla_dram_usage, dram_free_mem, hlk_info_dram_usage, dram_free_mem);
SAME(hla_dram_usage, ctx_dram_mem, hlk_info_dram_usage, ctx_dram_mem);

BODY(hla_hw_idle, hlk_info_hw_idle);
SAME(hla_hw_idle, is_idle, hlk_info_hw_idle, is_idle);
SAME(hla_hw_idle, busy_engines_mask, hlk_info_hw_idle, busy_engines_mask);
SAME(hla_hw_idle, busy_engines_mask_ext, hlk_info_hw_idle, busy_engines_mask_ext);

BODY(hla_time_sync, hlk_info_time_sync);
SAME(hla_time_sync, device_time, hlk_info_time_sync, device_time);
SAME(hla_time_sync, host_time, hlk_info_time_sync, host_time);
SAME(hla_time_sync, tsc_time, hlk_info_time_sync, tsc_time);

BODY(hla_cs_counters, hlk_info_cs_counters);
SAME(hla_cs_counters, total_out_of_mem_drop_cnt, hlk_info_cs_counters,
     total_out_of_mem_drop_cnt);
SAME(hla_cs_counters, ctx_out_of_mem_drop_cnt, hlk_info_cs_counters,
     ctx_out_of_mem_drop_cnt);
SAME(hla_cs_counters, total_parsing_drop_cnt, hlk_info_cs_counters,
     total_parsing_drop_cnt);
SAME(hla_cs_counters, ctx_parsing_drop_cnt, hlk_info_cs_counters, ctx_parsing_drop_cnt);
SAME(hla_cs_counters, total_queue_full_drop_cnt, hlk_info_cs_counters,
     total_queue_full_drop_cnt);
SAME(hla_cs_counters, ctx_queue_full_drop_cnt, hlk_info_cs_counters,
     ctx_queue_full_drop_cnt);
SAME(hla_cs_counters, total_device_in_reset_drop_cnt, hlk_info_cs_counters,
     total_device_in_reset_drop_cnt);
SAME(hla_cs_counters, ctx_device_in_reset_drop_cnt, hlk_info_cs_counters,
     ctx_device_in_reset_drop_cnt);
SAME(hla_cs_counters, total_max_cs_in_flight_drop_cnt, hlk_info_cs_counters,
     total_max_cs_in_flight_drop_cnt);
SAME(hla_cs_counters, ctx_max_cs_in_flight_drop_cnt, hlk_info_cs_counters,
     ctx_max_cs_in_flight_drop_cnt);
SAME(hla_cs_counters, total_validation_drop_cnt, hlk_info_cs_counters,
     total_validation_drop_cnt);
SAME(hla_cs_counters, ctx_validation_drop_cnt, hlk_info_cs_counters,
     ctx_validation_drop_cnt);

BODY(hla_pci_counters, hlk_info_pci_counters);
SAME(hla_pci_counters, rx_throughput, hlk_info_pci_counters, rx_throughput);
SAME(hla_pci_counters, tx_throughput, hlk_info_pci_counters, tx_throughput);
SAME(hla_pci_counters, replay_cnt, hlk_info_pci_counters, replay_cnt);

BODY(hla_clk_throttle, hlk_info_clk_throttle);
SAME(hla_clk_throttle, reason, hlk_info_clk_throttle, clk_throttling_reason);
SAME(hla_clk_throttle, timestamp_us, hlk_info_clk_throttle, clk_throttling_timestamp_us);
SAME(hla_clk_throttle, duration_ns, hlk_info_clk_throttle, clk_throttling_duration_ns);

BODY(hla_sync_manager, hlk_info_sync_manager);
SAME(hla_sync_manager, first_available_sync_object, hlk_info_sync_manager,
     first_available_sync_object);
SAME(hla_sync_manager, first_available_monitor, hlk_info_sync_manager,
     first_available_monitor);
SAME(hla_sync_manager, first_available_cq, hlk_info_sync_manager, first_available_cq);

BODY(hla_open_stats, hlk_open_stats_info);
SAME(hla_open_stats, open_counter, hlk_open_stats_info, open_counter);
SAME(hla_open_stats, last_open_period_ms, hlk_open_stats_info, last_open_period_ms);
SAME(hla_open_stats, is_compute_ctx_active, hlk_open_stats_info, is_compute_ctx_active);
SAME(hla_open_stats, compute_ctx_in_release, hlk_open_stats_info,
     compute_ctx_in_release);

BODY(hla_dram_row, hlk_hbm_row_info);
SAME(hla_dram_row, hbm_idx, hlk_hbm_row_info, hbm_idx);
SAME(hla_dram_row, pc, hlk_hbm_row_info, pc);
SAME(hla_dram_row, sid, hlk_hbm_row_info, sid);
SAME(hla_dram_row, bank_idx, hlk_hbm_row_info, bank_idx);
SAME(hla_dram_row, row_addr, hlk_hbm_row_info, row_addr);
SAME(hla_dram_row, replaced_row_cause, hlk_hbm_row_info, replaced_row_cause);

BODY(hla_cs_timeout_event, hlk_info_cs_timeout_event);
SAME(hla_cs_timeout_event, timestamp, hlk_info_cs_timeout_event, timestamp);
SAME(hla_cs_timeout_event, seq, hlk_info_cs_timeout_event, seq);

BODY(hla_undefined_opcode_event, hlk_info_undefined_opcode_event);
SAME(hla_undefined_opcode_event, timestamp, hlk_info_undefined_opcode_event, timestamp);
SAME(hla_undefined_opcode_event, cb_addr_streams, hlk_info_undefined_opcode_event,
     cb_addr_streams);
SAME(hla_undefined_opcode_event, cq_addr, hlk_info_undefined_opcode_event, cq_addr);
SAME(hla_undefined_opcode_event, cq_size, hlk_info_undefined_opcode_event, cq_size);
SAME(hla_undefined_opcode_event, cb_addr_streams_len, hlk_info_undefined_opcode_event,
     cb_addr_streams_len);
SAME(hla_undefined_opcode_event, engine_id, hlk_info_undefined_opcode_event, engine_id);
SAME(hla_undefined_opcode_event, stream_id, hlk_info_undefined_opcode_event, stream_id);

BODY(hla_page_fault_event, hlk_page_fault_info);
SAME(hla_page_fault_event, timestamp, hlk_page_fault_info, timestamp);
SAME(hla_page_fault_event, addr, hlk_page_fault_info, addr);
SAME(hla_page_fault_event, engine_id, hlk_page_fault_info, engine_id);

BODY(hla_hw_err_event, hlk_info_hw_err_event);
SAME(hla_hw_err_event, timestamp, hlk_info_hw_err_event, timestamp);
SAME(hla_hw_err_event, event_id, hlk_info_hw_err_event, event_id);

BODY(hla_fw_err_event, hlk_info_fw_err_event);
SAME(hla_fw_err_event, timestamp, hlk_info_fw_err_event, timestamp);
SAME(hla_fw_err_event, err_type, hlk_info_fw_err_event, err_type);
SAME(hla_fw_err_event, event_id, hlk_info_fw_err_event, event_id);

BODY(hla_engine_err_event, hlk_info_engine_err_event);
SAME(hla_engine_err_event, timestamp, hlk_info_engine_err_event, timestamp);
SAME(hla_engine_err_event, engine_id, hlk_info_engine_err_event, engine_id);
SAME(hla_engine_err_event, error_count, hlk_info_engine_err_event, error_count);

BODY(hla_attestation, hlk_info_sec_attest);
SAME(hla_attestation, nonce, hlk_info_sec_attest, nonce);
SAME(hla_attestation, pcr_quote_len, hlk_info_sec_attest, pcr_quote_len);
SAME(hla_attestation, pub_data_len, hlk_info_sec_attest, pub_data_len);
SAME(hla_attestation, certificate_len, hlk_info_sec_attest, certificate_len);
SAME(hla_attestation, pcr_num_reg, hlk_info_sec_attest, pcr_num_reg);
SAME(hla_attestation, pcr_reg_len, hlk_info_sec_attest, pcr_reg_len);
SAME(hla_attestation, quote_sig_len, hlk_info_sec_attest, quote_sig_len);
SAME(hla_attestation, pcr_data, hlk_info_sec_attest, pcr_data);
SAME(hla_attestation, pcr_quote, hlk_info_sec_attest, pcr_quote);
SAME(hla_attestation, quote_sig, hlk_info_sec_attest, quote_sig);
SAME(hla_attestation, public_data, hlk_info_sec_attest, public_data);
SAME(hla_attestation, certificate, hlk_info_sec_attest, certificate);

BODY(hla_dev_signed, hlk_info_signed);
SAME(hla_dev_signed, nonce, hlk_info_signed, nonce);
SAME(hla_dev_signed, pub_data_len, hlk_info_signed, pub_data_len);
SAME(hla_dev_signed, certificate_len, hlk_info_signed, certificate_len);
SAME(hla_dev_signed, info_sig_len, hlk_info_signed, info_sig_len);
SAME(hla_dev_signed, public_data, hlk_info_signed, public_data);
SAME(hla_dev_signed, certificate, hlk_info_signed, certificate);
SAME(hla_dev_signed, info_sig, hlk_info_signed, info_sig);
SAME(hla_dev_signed, dev_info_len, hlk_info_signed, dev_info_len);
SAME(hla_dev_signed, dev_info, hlk_info_signed, dev_info);

#undef SAME
#undef BODY

#endif /* HLACCEL_INFO_LAYOUT_H */
