/* SPDX-License-Identifier: MIT */
/*
 * hlthunk.h - the hl-thunk interface, provided on top of hlaccel.
 *
 * Programs written for Habana's hl-thunk library build against this header
 * and run on libhl-thunk from the hlaccel project unchanged: the names,
 * argument order, return conventions, enum values and struct layouts are
 * hl-thunk's.  hlthunk(7) describes how each call maps onto hlaccel and
 * where the behaviour differs; hlthunk/README.md lists hl-thunk's whole
 * interface and which parts are provided.
 *
 * Return conventions, as hl-thunk's:
 *  - the open calls return a file descriptor, or a negative errno value;
 *  - device_memory_alloc, device_memory_map and the host_memory_map calls
 *    return 0 on failure (errno tells why);
 *  - the get_device_* identity calls return HLTHUNK_DEVICE_INVALID or 0
 *    on failure, is_device_idle returns false;
 *  - every other call returns 0 or a non-negative result on success and a
 *    negative errno value on failure;
 *  - on failure errno is set as well.
 * Any file descriptor of a habanalabs node can be passed, whether it came
 * from hlthunk_open* or from open(2) or another library.
 */
#ifndef HLTHUNK_H
#define HLTHUNK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * The kernel's uAPI header when the system has it, otherwise the subset in
 * hlthunk_uapi.h (which stands aside when a kernel header was included
 * first).  HLTHUNK_OWN_UAPI forces the subset.
 */
#if !defined(HLTHUNK_OWN_UAPI) && defined(__has_include)
#if __has_include(<drm/habanalabs_accel.h>)
#include <drm/habanalabs_accel.h>
#endif
#endif
#include "hlthunk_uapi.h"

#ifdef __cplusplus
extern "C" {
#endif

#define hlthunk_public __attribute__((visibility("default")))

#define HLTHUNK_MAX_MINOR 256
#define HLTHUNK_DEV_NAME_PRIMARY "/dev/accel/accel%d"
#define HLTHUNK_DEV_NAME_CONTROL "/dev/accel/accel_controlD%d"

#define HLTHUNK_BUSY_ENGINES_MASK_SIZE 4

enum hlthunk_node_type {
	HLTHUNK_NODE_PRIMARY,
	HLTHUNK_NODE_CONTROL,
	HLTHUNK_NODE_MAX
};

enum hlthunk_device_name {
	HLTHUNK_DEVICE_GOYA = 0,
	HLTHUNK_DEVICE_GRECO = 1,
	HLTHUNK_DEVICE_GAUDI = 2,
	HLTHUNK_DEVICE_INVALID = 3,
	HLTHUNK_DEVICE_DONT_CARE = 4,
	HLTHUNK_DEVICE_GAUDI2 = 5,
	HLTHUNK_DEVICE_GAUDI_HL2000M = 6,
	HLTHUNK_DEVICE_GAUDI3 = 7,
	HLTHUNK_DEVICE_GAUDI2B = 8,
	HLTHUNK_DEVICE_FS1 = 9,
	HLTHUNK_DEVICE_GAUDI2C = 10,
	HLTHUNK_DEVICE_GAUDI2D = 11,
	HLTHUNK_DEVICE_MAX,
	/* names older headers gave the unused values */
	HLTHUNK_DEVICE_PLACEHOLDER1 = HLTHUNK_DEVICE_GRECO,
	HLTHUNK_DEVICE_PLACEHOLDER2 = HLTHUNK_DEVICE_GAUDI_HL2000M,
	HLTHUNK_DEVICE_PLACEHOLDER3 = HLTHUNK_DEVICE_GAUDI3
};

enum hlthunk_event_record_id {
	HLTHUNK_OPEN_DEV,
	HLTHUNK_CS_TIMEOUT,
	HLTHUNK_RAZWI_EVENT,
	HLTHUNK_UNDEFINED_OPCODE,
	HLTHUNK_HW_ERR_OPCODE,
	HLTHUNK_FW_ERR_OPCODE,
	HLTHUNK_ENGINE_EVENT
};

/* ------------------------------------------------------------------ */
/* INFO structures                                                     */
/* ------------------------------------------------------------------ */

struct hlthunk_hw_ip_info {
	uint64_t sram_base_address;
	uint64_t dram_base_address;
	uint64_t dram_size;
	uint32_t sram_size;
	uint32_t num_of_events;
	uint32_t device_id;      /* PCI device id */
	uint32_t cpld_version;
	uint32_t psoc_pci_pll_nr;
	uint32_t psoc_pci_pll_nf;
	uint32_t psoc_pci_pll_od;
	uint32_t psoc_pci_pll_div_factor;
	uint16_t tpc_enabled_mask;
	uint8_t dram_enabled;
	uint8_t cpucp_version[128];
	uint32_t module_id;
	uint8_t card_name[16];
	uint32_t decoder_enabled_mask;
	uint8_t mme_master_slave_mode;
	uint64_t tpc_enabled_mask_ext;
	uint64_t dram_page_size;
	uint16_t first_available_interrupt_id;
	uint32_t edma_enabled_mask;
	uint16_t server_type;    /* enum hl_server_type */
	uint64_t pdma_user_owned_ch_mask;
	uint16_t number_of_user_interrupts;
	uint64_t device_mem_alloc_default_page_size;
	uint64_t nic_ports_mask;
	uint8_t interposer_version;
	uint8_t substrate_version;
	uint64_t nic_ports_external_mask;
	uint32_t mme_enabled_mask;
	uint8_t odp_supported;
	uint8_t security_enabled;
	uint8_t revision_id;     /* PCI revision */
	uint16_t tpc_interrupt_id;
	uint64_t engine_core_interrupt_reg_addr;
	uint32_t rotator_enabled_mask;
	uint32_t sched_arc_enabled_mask;
	uint64_t reserved_dram_size;
};

struct hlthunk_dram_usage_info {
	uint64_t dram_free_mem;
	uint64_t ctx_dram_mem;
};

struct hlthunk_engines_idle_info {
	uint32_t is_idle;
	uint32_t pad;
	uint64_t mask[HLTHUNK_BUSY_ENGINES_MASK_SIZE];
};

struct hlthunk_pll_frequency_info {
	uint16_t output[4]; /* MHz; 0 where an output does not exist */
};

struct hlthunk_reset_count_info {
	uint32_t hard_reset_count;
	uint32_t soft_reset_count;
};

struct hlthunk_time_sync_info {
	uint64_t device_time;
	uint64_t host_time; /* CLOCK_MONOTONIC_RAW, ns */
	uint64_t tsc_time;  /* 0 where the driver does not report it */
};

struct hlthunk_sync_manager_info {
	uint32_t first_available_sync_object;
	uint32_t first_available_monitor;
	uint32_t first_available_cq;
	uint32_t reserved;
};

struct hlthunk_pci_counters_info {
	uint64_t rx_throughput;
	uint64_t tx_throughput;
	uint32_t replay_cnt;
};

/* clk_throttle_reason_bitmask bits */
#define HLTHUNK_CLK_THROTTLE_POWER 0x1
#define HLTHUNK_CLK_THROTTLE_THERMAL 0x2

struct hlthunk_clk_throttle_info {
	uint32_t clk_throttle_reason_bitmask;
	uint64_t clk_throttle_start_timestamp_us[2]; /* [0] power, [1] thermal */
	uint64_t clk_throttle_duration_ns[2];
};

struct hlthunk_energy_info {
	uint64_t total_energy_consumption; /* mJ since the driver loaded */
};

struct hlthunk_power_info {
	uint64_t power; /* mW */
};

struct hlthunk_open_stats_info {
	uint64_t open_counter;
	uint64_t last_open_period_ms;
	uint8_t is_compute_ctx_active;
	uint8_t compute_ctx_in_release;
};

struct hlthunk_hw_asic_status {
	struct hlthunk_clk_throttle_info throttle;
	struct hlthunk_open_stats_info open_stats;
	struct hlthunk_power_info power;
	enum hl_device_status status;
	uint64_t timestamp_sec;
	uint8_t valid;
};

/* DRAM rows the firmware replaced */
#define DRAM_ROW_REPLACE_MAX 32

enum hlthunk_dram_row_replace_cause {
	HLTHUNK_ROW_REPLACE_CAUSE_DOUBLE_ECC_ERR,
	HLTHUNK_ROW_REPLACE_CAUSE_MULTI_SINGLE_ECC_ERR,
};

struct hlthunk_dram_row_info {
	uint8_t dram_idx;
	uint8_t pc;
	uint8_t sid;
	uint8_t bank_idx;
	uint16_t row_addr;
	uint8_t replaced_row_cause; /* enum hlthunk_dram_row_replace_cause */
	uint8_t pad;
};

struct hlthunk_dram_replaced_rows_info {
	uint16_t num_replaced_rows;
	uint8_t pad[6];
	struct hlthunk_dram_row_info replaced_rows[DRAM_ROW_REPLACE_MAX];
};

/* event records (hlthunk_get_event_record); timestamp 0: none captured */
struct hlthunk_event_record_open_dev_time {
	int64_t timestamp;
};

struct hlthunk_event_record_cs_timeout {
	int64_t timestamp;
	uint64_t seq;
};

#define HLTHUNK_RAZWI_PAGE_FAULT 0
#define HLTHUNK_RAZWI_MMU_ACCESS_ERROR 1

struct hlthunk_event_record_razwi_event {
	int64_t timestamp;
	uint64_t addr;
	uint16_t engine_id_1;  /* 0xFFFF: none */
	uint16_t engine_id_2;  /* 0xFFFF: none */
	uint8_t no_engine_id;  /* 1 when the initiator has no engine id */
	uint8_t error_type;    /* HLTHUNK_RAZWI_*, 0xFF: not reported */
};

struct hlthunk_event_record_undefined_opcode {
	int64_t timestamp;
	uint64_t cb_addr_streams[4][8];
	uint64_t cq_addr;
	uint32_t cq_size;
	uint32_t cb_addr_streams_len;
	uint32_t engine_id;
	uint32_t stream_id;
};

struct hlthunk_event_record_critical_hw_err {
	int64_t timestamp;
	uint16_t event_id;
};

struct hlthunk_event_record_critical_fw_err {
	int64_t timestamp;
	uint32_t err_type; /* enum hl_info_fw_err_type */
	uint16_t reported_err_id;
};

struct hlthunk_event_record_engine_err {
	int64_t timestamp;
	uint16_t engine_id;
	uint16_t error_count;
};

/* ------------------------------------------------------------------ */
/* Command submission structures                                       */
/* ------------------------------------------------------------------ */

/* chunks_* point to arrays of struct hl_cs_chunk */
struct hlthunk_cs_in {
	void *chunks_restore;
	void *chunks_execute;
	uint32_t num_chunks_restore;
	uint32_t num_chunks_execute;
	uint32_t flags; /* HL_CS_FLAGS_* modifiers */
};

struct hlthunk_cs_out {
	uint64_t seq;
	uint32_t status; /* HL_CS_STATUS_SUCCESS after a successful call */
	uint16_t sob_count_before_submission;
};

struct hlthunk_signal_in {
	void *chunks_restore;
	uint32_t num_chunks_restore;
	uint32_t queue_index;
	uint32_t flags;
};

struct hlthunk_signal_out {
	uint64_t seq;
	uint32_t status;
	uint32_t sob_base_addr_offset;
	uint16_t sob_count_before_submission;
};

struct hlthunk_sig_res_in {
	uint32_t queue_index;
	uint32_t count;
};

struct reserve_sig_handle {
	uint32_t id;
	uint32_t sob_base_addr_offset;
	uint32_t count;
};

struct hlthunk_sig_res_out {
	struct reserve_sig_handle handle;
	uint32_t status;
};

/* what hlthunk_wait_in.hlthunk_wait_for_signal points to */
struct hlthunk_wait_for_signal_data {
	union {
		uint64_t *signal_seq_arr;
		uint64_t encaps_signal_seq;
	};
	uint32_t signal_seq_nr; /* must be 1 */
	uint32_t queue_index;
	uint32_t flags;
	uint32_t collective_engine_id;
	uint32_t encaps_signal_offset;
};

struct hlthunk_wait_in {
	void *chunks_restore;
	uint32_t num_chunks_restore;
	uint64_t *hlthunk_wait_for_signal;
	uint32_t num_wait_for_signal; /* must be 1 */
	uint32_t flags;
};

struct hlthunk_wait_out {
	uint64_t seq;
	uint32_t status;
};

struct hlthunk_wait_multi_cs_in {
	uint64_t *seq;
	uint64_t timeout_us;
	uint32_t seq_len;
};

struct hlthunk_wait_multi_cs_out {
	uint32_t status;
	uint32_t seq_set;  /* bit i: seq[i] completed */
	uint8_t completed; /* number of bits in seq_set */
};

/* ------------------------------------------------------------------ */
/* Devices                                                             */
/* ------------------------------------------------------------------ */

/* The compute node of the device with this PCI bus id ("0000:19:00.0" or
 * "19:00.0"), or else of the first device device_name matches. */
hlthunk_public int hlthunk_open(enum hlthunk_device_name device_name,
				const char *busid);
hlthunk_public int hlthunk_open_by_module_id(uint32_t module_id);
/* the control node numbered dev_id (accel_controlD<dev_id>), or of busid */
hlthunk_public int hlthunk_open_control(int dev_id, const char *busid);
hlthunk_public int hlthunk_open_control_by_name(enum hlthunk_device_name device_name,
						const char *busid);
hlthunk_public int hlthunk_open_control_by_module_id(uint32_t module_id);
hlthunk_public int hlthunk_open_control_by_bus_id(const char *busid);
/* the result of close(2) */
hlthunk_public int hlthunk_close(int fd);

/* number of devices device_name matches */
hlthunk_public int hlthunk_get_device_count(enum hlthunk_device_name device_name);
hlthunk_public uint32_t hlthunk_get_device_id_from_fd(int fd);
hlthunk_public enum hlthunk_device_name hlthunk_get_device_name_from_fd(int fd);
/* "dddd:bb:dd.f", NUL-terminated within len bytes (13 hold it) */
hlthunk_public int hlthunk_get_pci_bus_id_from_fd(int fd, char *pci_bus_id,
						  int len);
/* the device's node number (dev_id of hlthunk_open_control) */
hlthunk_public int hlthunk_get_device_index_from_pci_bus_id(const char *busid);
hlthunk_public int hlthunk_get_device_index_from_module_id(uint32_t module_id);

/* ------------------------------------------------------------------ */
/* INFO                                                                */
/* ------------------------------------------------------------------ */

hlthunk_public int hlthunk_get_hw_ip_info(int fd, struct hlthunk_hw_ip_info *hw_ip);
hlthunk_public int hlthunk_get_open_stats(int fd,
					  struct hlthunk_open_stats_info *open_stats);
hlthunk_public int hlthunk_get_hw_asic_status(int fd,
					      struct hlthunk_hw_asic_status *hw_asic_status);
hlthunk_public int hlthunk_get_dram_usage(int fd,
					  struct hlthunk_dram_usage_info *dram_usage);
/* enum hl_device_status, or a negative errno value */
hlthunk_public int hlthunk_get_device_status_info(int fd);
hlthunk_public bool hlthunk_is_device_idle(int fd);
hlthunk_public int hlthunk_get_busy_engines_mask(int fd,
						 struct hlthunk_engines_idle_info *info);
hlthunk_public int hlthunk_get_pll_frequency(int fd, uint32_t index,
					     struct hlthunk_pll_frequency_info *frequency);
hlthunk_public int hlthunk_get_device_utilization(int fd, uint32_t period_ms,
						  uint32_t *rate);
/* hw_events_arr_size is in bytes */
hlthunk_public int hlthunk_get_hw_events_arr(int fd, bool aggregate,
					     uint32_t hw_events_arr_size,
					     uint32_t *hw_events_arr);
hlthunk_public int hlthunk_get_clk_rate(int fd, uint32_t *cur_clk_mhz,
					uint32_t *max_clk_mhz);
hlthunk_public int hlthunk_get_reset_count_info(int fd,
						struct hlthunk_reset_count_info *info);
hlthunk_public int hlthunk_get_time_sync_info(int fd,
					      struct hlthunk_time_sync_info *info);
hlthunk_public int hlthunk_get_sync_manager_info(int fd, int dcore_id,
						 struct hlthunk_sync_manager_info *info);
hlthunk_public int hlthunk_get_cs_counters_info(int fd,
						struct hl_info_cs_counters *info);
hlthunk_public int hlthunk_get_pci_counters_info(int fd,
						 struct hlthunk_pci_counters_info *info);
hlthunk_public int hlthunk_get_clk_throttle_info(int fd,
						 struct hlthunk_clk_throttle_info *info);
hlthunk_public int hlthunk_get_total_energy_consumption_info(int fd,
							     struct hlthunk_energy_info *info);
hlthunk_public int hlthunk_get_power_info(int fd, struct hlthunk_power_info *info);
hlthunk_public int hlthunk_get_dev_memalloc_page_orders(int fd,
							uint64_t *page_order_bitmask);
hlthunk_public int hlthunk_get_dram_replaced_rows_info(int fd,
						       struct hlthunk_dram_replaced_rows_info *info);
hlthunk_public int hlthunk_get_dram_pending_rows_info(int fd, uint32_t *out);
/* buf points to the hlthunk_event_record_* struct of event_id */
hlthunk_public int hlthunk_get_event_record(int fd,
					    enum hlthunk_event_record_id event_id,
					    void *buf);
/* any INFO opcode: the argument block goes to the driver as it is */
hlthunk_public int hlthunk_get_info(int fd, struct hl_info_args *info);

/* ------------------------------------------------------------------ */
/* Command buffers                                                     */
/* ------------------------------------------------------------------ */

/* The handle is also the mmap(2) offset of the CB on fd. */
hlthunk_public int hlthunk_request_command_buffer(int fd, uint32_t cb_size,
						  uint64_t *cb_handle);
/* also mapped into the device MMU (Gaudi2 and later) */
hlthunk_public int hlthunk_request_mapped_command_buffer(int fd, uint32_t cb_size,
							 uint64_t *cb_handle);
hlthunk_public int hlthunk_destroy_command_buffer(int fd, uint64_t cb_handle);
hlthunk_public int hlthunk_get_cb_usage_count(int fd, uint64_t cb_handle,
					      uint32_t *usage_cnt);
hlthunk_public int hlthunk_get_mapped_cb_device_va_by_handle(int fd, uint64_t cb_handle,
							     uint64_t *device_va);

/* ------------------------------------------------------------------ */
/* Command submission and waits                                        */
/* ------------------------------------------------------------------ */

hlthunk_public int hlthunk_command_submission(int fd, struct hlthunk_cs_in *in,
					      struct hlthunk_cs_out *out);
/* timeout in seconds (0: the driver's default) */
hlthunk_public int hlthunk_command_submission_timeout(int fd, struct hlthunk_cs_in *in,
						      struct hlthunk_cs_out *out,
						      uint32_t timeout);
/* a later part of a staged submission whose first part got sequence */
hlthunk_public int hlthunk_staged_command_submission(int fd, uint64_t sequence,
						     struct hlthunk_cs_in *in,
						     struct hlthunk_cs_out *out);
hlthunk_public int hlthunk_staged_command_submission_timeout(int fd, uint64_t sequence,
							     struct hlthunk_cs_in *in,
							     struct hlthunk_cs_out *out,
							     uint32_t timeout);
hlthunk_public int hlthunk_staged_command_submission_encaps_signals(int fd,
								   uint64_t handle_id,
								   struct hlthunk_cs_in *in,
								   struct hlthunk_cs_out *out);

/* *status: HL_WAIT_CS_STATUS_*; timeout_us 0 polls */
hlthunk_public int hlthunk_wait_for_cs(int fd, uint64_t seq, uint64_t timeout_us,
				       uint32_t *status);
hlthunk_public int hlthunk_wait_for_cs_with_timestamp(int fd, uint64_t seq,
						      uint64_t timeout_us,
						      uint32_t *status,
						      uint64_t *timestamp);
hlthunk_public int hlthunk_wait_for_multi_cs(int fd, struct hlthunk_wait_multi_cs_in *in,
					     struct hlthunk_wait_multi_cs_out *out);
hlthunk_public int hlthunk_wait_for_multi_cs_with_timestamp(int fd,
							    struct hlthunk_wait_multi_cs_in *in,
							    struct hlthunk_wait_multi_cs_out *out,
							    uint64_t *timestamp);

/* interrupt_id UINT32_MAX: any user CQ interrupt */
hlthunk_public int hlthunk_wait_for_interrupt(int fd, void *addr, uint64_t target_value,
					      uint32_t interrupt_id, uint64_t timeout_us,
					      uint32_t *status);
hlthunk_public int hlthunk_wait_for_interrupt_with_timestamp(int fd, void *addr,
							     uint64_t target_value,
							     uint32_t interrupt_id,
							     uint64_t timeout_us,
							     uint32_t *status,
							     uint64_t *timestamp);
/* cq_counters_offset counts uint64_t slots of the CB cq_counters_handle */
hlthunk_public int hlthunk_wait_for_interrupt_by_handle(int fd, uint64_t cq_counters_handle,
							uint64_t cq_counters_offset,
							uint64_t target_value,
							uint32_t interrupt_id,
							uint64_t timeout_us,
							uint32_t *status);
hlthunk_public int hlthunk_wait_for_interrupt_by_handle_with_timestamp(int fd,
								       uint64_t cq_counters_handle,
								       uint64_t cq_counters_offset,
								       uint64_t target_value,
								       uint32_t interrupt_id,
								       uint64_t timeout_us,
								       uint32_t *status,
								       uint64_t *timestamp);

hlthunk_public int hlthunk_signal_submission(int fd, struct hlthunk_signal_in *in,
					     struct hlthunk_signal_out *out);
hlthunk_public int hlthunk_signal_submission_timeout(int fd, struct hlthunk_signal_in *in,
						     struct hlthunk_signal_out *out,
						     uint32_t timeout);
hlthunk_public int hlthunk_wait_for_signal(int fd, struct hlthunk_wait_in *in,
					   struct hlthunk_wait_out *out);
hlthunk_public int hlthunk_wait_for_signal_timeout(int fd, struct hlthunk_wait_in *in,
						   struct hlthunk_wait_out *out,
						   uint32_t timeout);
hlthunk_public int hlthunk_wait_for_collective_signal(int fd, struct hlthunk_wait_in *in,
						      struct hlthunk_wait_out *out);
hlthunk_public int hlthunk_wait_for_collective_signal_timeout(int fd,
							      struct hlthunk_wait_in *in,
							      struct hlthunk_wait_out *out,
							      uint32_t timeout);
hlthunk_public int hlthunk_reserve_encaps_signals(int fd, struct hlthunk_sig_res_in *in,
						  struct hlthunk_sig_res_out *out);
hlthunk_public int hlthunk_unreserve_encaps_signals(int fd,
						    struct reserve_sig_handle *handle,
						    uint32_t *status);
hlthunk_public int hlthunk_wait_for_reserved_encaps_signals(int fd,
							    struct hlthunk_wait_in *in,
							    struct hlthunk_wait_out *out);

/* ------------------------------------------------------------------ */
/* Memory                                                              */
/* ------------------------------------------------------------------ */

/* Returns the allocation handle, 0 on failure.  page_size 0: the default. */
hlthunk_public uint64_t hlthunk_device_memory_alloc(int fd, uint64_t size,
						    uint64_t page_size,
						    bool contiguous, bool shared);
hlthunk_public int hlthunk_device_memory_free(int fd, uint64_t handle);
/* Returns the device VA, 0 on failure. */
hlthunk_public uint64_t hlthunk_device_memory_map(int fd, uint64_t handle,
						  uint64_t hint_addr);
hlthunk_public uint64_t hlthunk_host_memory_map(int fd, void *host_virt_addr,
						uint64_t hint_addr, uint64_t host_size);
/* flags: HL_MEM_FORCE_HINT (HL_MEM_USERPTR is implied) */
hlthunk_public uint64_t hlthunk_host_memory_map_flags(int fd, void *host_virt_addr,
						      uint64_t hint_addr,
						      uint64_t host_size, uint32_t flags);
hlthunk_public int hlthunk_memory_unmap(int fd, uint64_t device_virt_addr);

/*
 * A dma-buf fd (>= 0) for device memory.  handle: what the driver takes
 * to name the memory (the allocation handle on drivers that export by
 * handle, otherwise the device address; Gaudi: the DRAM physical address).
 * flags: open(2) access mode and O_CLOEXEC; 0 means O_RDWR | O_CLOEXEC.
 */
hlthunk_public int hlthunk_device_memory_export_dmabuf_fd(int fd, uint64_t handle,
							  uint64_t size, uint32_t flags);
/* the range [addr + offset, + size) of the mapping that starts at addr */
hlthunk_public int hlthunk_device_mapped_memory_export_dmabuf_fd(int fd, uint64_t addr,
								 uint64_t size,
								 uint64_t offset,
								 uint32_t flags);

/* a configuration-space block for mmap(2): *handle is the offset */
hlthunk_public int hlthunk_get_hw_block(int fd, uint64_t block_address,
					uint32_t *block_size, uint64_t *handle);
hlthunk_public int hlthunk_allocate_timestamp_elements(int fd, uint32_t num_elements,
						       uint64_t *handle);
hlthunk_public int hlthunk_register_timestamp_interrupt(int fd, uint32_t interrupt_id,
							uint64_t cq_counters_handle,
							uint64_t cq_counters_offset,
							uint64_t target_value,
							uint64_t timestamps_handle,
							uint64_t timestamps_offset);

/* ------------------------------------------------------------------ */
/* Debug, notifications, misc                                          */
/* ------------------------------------------------------------------ */

/* one DEBUG operation; ops 0-7 (HL_DEBUG_OP_*) */
hlthunk_public int hlthunk_debug(int fd, struct hl_debug_args *debug);

/* an eventfd registered for the device's events; its fd, or -errno */
hlthunk_public int hlthunk_notifier_create(int fd);
hlthunk_public int hlthunk_notifier_release(int fd, int handle);
/* Wait up to timeout ms (poll(2) semantics) for an event; *notifier_cnt 0
 * when none came, else the events (HL_NOTIFIER_EVENT_*) since the last read. */
hlthunk_public int hlthunk_notifier_recv(int fd, int handle, uint64_t *notifier_events,
					 uint64_t *notifier_cnt, uint32_t flags,
					 uint32_t timeout);

hlthunk_public void *hlthunk_malloc(size_t size);
hlthunk_public void hlthunk_free(void *pt);
/* "major.minor.patch-hlaccel", to be released with hlthunk_free */
hlthunk_public char *hlthunk_get_version(void);

#ifdef __cplusplus
}
#endif

#endif /* HLTHUNK_H */
