/* SPDX-License-Identifier: MIT */
/*
 * hlaccel - userspace library for the Linux habanalabs accelerator driver.
 *
 * Conventions (see hlaccel(7)):
 *  - every function returns 0 (or a non-negative count where documented)
 *    on success and a negative errno value on failure; errno itself is
 *    unspecified after a call;
 *  - devices are opaque handles; results come back through out-parameters;
 *  - every struct whose name is listed with HLA_STRUCT_INIT starts with a
 *    size_t sz member that the caller sets to sizeof(the struct).  The
 *    library reads and writes only the first sz bytes, so programs built
 *    against an older or newer copy of this header keep working.  Input
 *    bytes beyond what this library knows must be zero (else -E2BIG);
 *  - nothing is printed; the library keeps no global mutable state and all
 *    calls are thread-safe.  Command submission and waits neither allocate
 *    memory nor take locks.
 */
#ifndef HLACCEL_HLACCEL_H
#define HLACCEL_HLACCEL_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define HLACCEL_VERSION_MAJOR 1
#define HLACCEL_VERSION_MINOR 0
#define HLACCEL_VERSION_MICRO 0

/* Declare a zeroed struct with its size member set:
 *     HLA_STRUCT_INIT(hla_hw_ip_info, info);                              */
#define HLA_STRUCT_INIT(type, name) struct type name = { .sz = sizeof(struct type) }

/* ------------------------------------------------------------------ */
/* Library version                                                     */
/* ------------------------------------------------------------------ */

int hla_version(unsigned int *major, unsigned int *minor, unsigned int *micro);
/* 0 if the running library provides at least major.minor, else -ENOTSUP */
int hla_check_version(unsigned int major, unsigned int minor);

/* ------------------------------------------------------------------ */
/* Devices: discovery and open                                         */
/* ------------------------------------------------------------------ */

struct hla_device;

enum hla_interface {
	HLA_INTERFACE_UNKNOWN = 0,
	HLA_INTERFACE_ACCEL = 1,  /* /dev/accel/accelN, DRM accel ioctls */
	HLA_INTERFACE_LEGACY = 2, /* /dev/hlN, 'H' ioctls (kernels before 6.6) */
};

enum hla_asic {
	HLA_ASIC_UNKNOWN = 0,
	HLA_ASIC_GOYA = 1,
	HLA_ASIC_GAUDI = 2,
	HLA_ASIC_GAUDI_SEC = 3,
	HLA_ASIC_GAUDI2 = 4,
	HLA_ASIC_GAUDI2B = 5,
	HLA_ASIC_GAUDI2C = 6,
	HLA_ASIC_GAUDI2D = 7,
	HLA_ASIC_GAUDI3 = 8,
};

enum hla_device_status {
	HLA_DEVICE_STATUS_OPERATIONAL = 0,
	HLA_DEVICE_STATUS_IN_RESET = 1,
	HLA_DEVICE_STATUS_MALFUNCTION = 2,
	HLA_DEVICE_STATUS_NEEDS_RESET = 3,
	HLA_DEVICE_STATUS_IN_DEVICE_CREATION = 4,
	HLA_DEVICE_STATUS_IN_RESET_AFTER_DEVICE_RELEASE = 5,
	HLA_DEVICE_STATUS_UNKNOWN = 0xff,
};

#define HLA_PATH_MAX 64
#define HLA_BUS_ID_MAX 16
#define HLA_NAME_MAX 32

struct hla_device_desc {
	size_t sz;
	uint32_t index;         /* position in the enumeration (hla_device_open_index) */
	uint32_t minor;         /* N of /dev/accel/accelN or /dev/hlN */
	uint32_t interface;     /* enum hla_interface */
	uint32_t asic;          /* enum hla_asic */
	uint32_t pci_device_id; /* 0 if unknown */
	int32_t module_id;      /* -1 if the kernel does not expose it */
	uint32_t status;        /* enum hla_device_status (from sysfs) */
	uint32_t is_control;    /* hla_device_describe: 1 for a control-node handle */
	uint32_t kernel_version; /* running kernel, (major << 16) | (minor << 8) | patch */
	char node[HLA_PATH_MAX];         /* compute node */
	char control_node[HLA_PATH_MAX]; /* control node, "" if none */
	char pci_bus_id[HLA_BUS_ID_MAX]; /* "0000:19:00.0", "" if unknown */
	char device_type[HLA_NAME_MAX];  /* sysfs device_type, e.g. "GAUDI2" */
};

/* Enumerate habanalabs devices from sysfs; never opens a compute node. */
int hla_device_count(unsigned int *count);
int hla_device_get_desc(unsigned int index, struct hla_device_desc *desc);

/* open flags */
#define HLA_OPEN_CONTROL 0x1u /* open the control node: INFO only, never busy */
#define HLA_OPEN_RETRY 0x2u   /* retry EAGAIN (previous user still releasing) for up to 5 s */
#define HLA_OPEN_DUP_FD 0x4u  /* hla_device_open_fd: duplicate fd instead of adopting it */

int hla_device_open_index(unsigned int index, uint32_t flags,
			  struct hla_device **dev);
int hla_device_open_path(const char *path, uint32_t flags,
			 struct hla_device **dev);
int hla_device_open_pci(const char *bus_id, uint32_t flags,
			struct hla_device **dev);
int hla_device_open_module(uint32_t module_id, uint32_t flags,
			   struct hla_device **dev);
/* Adopt an fd opened elsewhere (compute or control node).  On success the
 * handle owns it (unless HLA_OPEN_DUP_FD); on failure the caller still does. */
int hla_device_open_fd(int fd, uint32_t flags, struct hla_device **dev);
/* Closes the fd and frees the handle; NULL is accepted and ignored. */
int hla_device_close(struct hla_device *dev);

/* the device fd (>= 0), for poll() or passing on */
int hla_device_fd(const struct hla_device *dev);
int hla_device_describe(const struct hla_device *dev,
			struct hla_device_desc *desc);
/* Read one sysfs attribute of the device (e.g. "cpucp_ver"), NUL-terminated,
 * trailing newline removed; returns the length. */
int hla_device_sysfs_read(const struct hla_device *dev, const char *attr,
			  char *buf, size_t size);

/* ------------------------------------------------------------------ */
/* INFO                                                                */
/* ------------------------------------------------------------------ */

#define HLA_INFO_VERSION_MAX 128
#define HLA_INFO_CARD_NAME_MAX 16

struct hla_hw_ip_info {
	size_t sz;
	uint32_t asic; /* enum hla_asic, derived from device_id and revision */
	uint32_t device_id;
	uint64_t sram_base_address;
	uint64_t dram_base_address;
	uint64_t dram_size;
	uint64_t dram_page_size;
	uint64_t device_mem_alloc_default_page_size;
	uint64_t tpc_enabled_mask_ext;
	uint64_t engine_core_interrupt_reg_addr;
	uint64_t reserved_dram_size;
	uint32_t sram_size;
	uint32_t num_of_events;
	uint32_t module_id;
	uint32_t decoder_enabled_mask;
	uint32_t cpld_version;
	uint32_t psoc_pci_pll_nr;
	uint32_t psoc_pci_pll_nf;
	uint32_t psoc_pci_pll_od;
	uint32_t psoc_pci_pll_div_factor;
	uint32_t edma_enabled_mask;
	uint32_t rotator_enabled_mask;
	uint16_t first_available_interrupt_id;
	uint16_t number_of_user_interrupts;
	uint16_t server_type;
	uint16_t tpc_interrupt_id;
	uint8_t tpc_enabled_mask;
	uint8_t dram_enabled;
	uint8_t security_enabled;
	uint8_t mme_master_slave_mode;
	uint8_t revision_id;
	char cpucp_version[HLA_INFO_VERSION_MAX + 1]; /* always NUL-terminated */
	char card_name[HLA_INFO_CARD_NAME_MAX + 1];
};
int hla_info_hw_ip(struct hla_device *dev, struct hla_hw_ip_info *info);

/* Event counters since the last hard reset (or since load, aggregate).
 * Writes min(max, number of events) counters; *count = number of events. */
int hla_info_hw_events(struct hla_device *dev, uint32_t *counters,
		       unsigned int max, unsigned int *count);
int hla_info_hw_events_aggregate(struct hla_device *dev, uint32_t *counters,
				 unsigned int max, unsigned int *count);

struct hla_dram_usage {
	size_t sz;
	uint64_t dram_free_mem;
	uint64_t ctx_dram_mem;
};
int hla_info_dram_usage(struct hla_device *dev, struct hla_dram_usage *usage);

#define HLA_BUSY_ENGINES_WORDS 4
struct hla_hw_idle {
	size_t sz;
	uint32_t is_idle;
	uint32_t busy_engines_mask;
	uint64_t busy_engines_mask_ext[HLA_BUSY_ENGINES_WORDS];
};
int hla_info_hw_idle(struct hla_device *dev, struct hla_hw_idle *idle);

int hla_info_device_status(struct hla_device *dev, uint32_t *status);
int hla_info_utilization(struct hla_device *dev, uint32_t period_ms,
			 uint32_t *percent);
int hla_info_clk_rate(struct hla_device *dev, uint32_t *cur_mhz,
		      uint32_t *max_mhz);
int hla_info_reset_count(struct hla_device *dev, uint32_t *hard_resets,
			 uint32_t *soft_resets);

struct hla_time_sync {
	size_t sz;
	uint64_t device_time;
	uint64_t host_time; /* CLOCK_MONOTONIC_RAW ns */
	uint64_t tsc_time;  /* 0 where the kernel does not report it */
};
int hla_info_time_sync(struct hla_device *dev, struct hla_time_sync *ts);

struct hla_cs_counters {
	size_t sz;
	uint64_t total_out_of_mem_drop_cnt;
	uint64_t ctx_out_of_mem_drop_cnt;
	uint64_t total_parsing_drop_cnt;
	uint64_t ctx_parsing_drop_cnt;
	uint64_t total_queue_full_drop_cnt;
	uint64_t ctx_queue_full_drop_cnt;
	uint64_t total_device_in_reset_drop_cnt;
	uint64_t ctx_device_in_reset_drop_cnt;
	uint64_t total_max_cs_in_flight_drop_cnt;
	uint64_t ctx_max_cs_in_flight_drop_cnt;
	uint64_t total_validation_drop_cnt;
	uint64_t ctx_validation_drop_cnt;
};
int hla_info_cs_counters(struct hla_device *dev, struct hla_cs_counters *c);

struct hla_pci_counters {
	size_t sz;
	uint64_t rx_throughput; /* KB/s */
	uint64_t tx_throughput;
	uint64_t replay_cnt;
};
int hla_info_pci_counters(struct hla_device *dev, struct hla_pci_counters *c);

#define HLA_CLK_THROTTLE_POWER 0x1u
#define HLA_CLK_THROTTLE_THERMAL 0x2u
struct hla_clk_throttle {
	size_t sz;
	uint32_t reason; /* HLA_CLK_THROTTLE_* */
	uint64_t timestamp_us[2]; /* [0] power, [1] thermal */
	uint64_t duration_ns[2];
};
int hla_info_clk_throttle(struct hla_device *dev, struct hla_clk_throttle *t);

struct hla_sync_manager {
	size_t sz;
	uint32_t first_available_sync_object;
	uint32_t first_available_monitor;
	uint32_t first_available_cq;
};
int hla_info_sync_manager(struct hla_device *dev, uint32_t dcore_id,
			  struct hla_sync_manager *sm);

int hla_info_energy(struct hla_device *dev, uint64_t *total_energy);
#define HLA_PLL_OUTPUTS 4
int hla_info_pll_frequency(struct hla_device *dev, uint32_t pll_index,
			   uint16_t mhz[HLA_PLL_OUTPUTS]);
int hla_info_power(struct hla_device *dev, uint64_t *power_mw);

struct hla_open_stats {
	size_t sz;
	uint64_t open_counter;
	uint64_t last_open_period_ms;
	uint8_t is_compute_ctx_active;
	uint8_t compute_ctx_in_release;
};
int hla_info_open_stats(struct hla_device *dev, struct hla_open_stats *st);

struct hla_dram_row {
	size_t sz;
	uint8_t hbm_idx;
	uint8_t pc;
	uint8_t sid;
	uint8_t bank_idx;
	uint16_t row_addr;
	uint8_t replaced_row_cause;
};
int hla_info_dram_replaced_rows(struct hla_device *dev, struct hla_dram_row *row);
int hla_info_dram_pending_rows(struct hla_device *dev, uint32_t *count);
int hla_info_last_err_open_dev_time(struct hla_device *dev, int64_t *timestamp_ns);

/*
 * Error-event records.  When the driver has captured nothing, these
 * return -ENODATA (whatever the kernel version does with the buffer).
 */
struct hla_cs_timeout_event {
	size_t sz;
	int64_t timestamp;
	uint64_t seq;
};
int hla_info_cs_timeout_event(struct hla_device *dev,
			      struct hla_cs_timeout_event *ev);

#define HLA_RAZWI_MAX_ENGINES 128
#define HLA_RAZWI_READ 0x1u
#define HLA_RAZWI_WRITE 0x2u
#define HLA_RAZWI_LBW 0x4u
#define HLA_RAZWI_HBW 0x8u
#define HLA_RAZWI_RR 0x10u
#define HLA_RAZWI_ADDR_DEC 0x20u
#define HLA_RAZWI_ENGINE_NA 0xFFFFu
struct hla_razwi_event {
	size_t sz;
	int64_t timestamp;
	uint64_t addr;
	uint32_t num_engines;  /* valid entries of engine_id */
	uint32_t flags;        /* HLA_RAZWI_* (kernels >= 6.3) */
	uint32_t error_type;   /* 6.1 kernels: 0 page fault, 1 MMU access error */
	uint16_t engine_id[HLA_RAZWI_MAX_ENGINES];
};
int hla_info_razwi_event(struct hla_device *dev, struct hla_razwi_event *ev);

struct hla_undefined_opcode_event {
	size_t sz;
	int64_t timestamp;
	uint64_t cb_addr_streams[4][8];
	uint64_t cq_addr;
	uint32_t cq_size;
	uint32_t cb_addr_streams_len;
	uint32_t engine_id;
	uint32_t stream_id;
};
int hla_info_undefined_opcode_event(struct hla_device *dev,
				    struct hla_undefined_opcode_event *ev);

struct hla_page_fault_event {
	size_t sz;
	int64_t timestamp;
	uint64_t addr;
	uint16_t engine_id;
};
int hla_info_page_fault_event(struct hla_device *dev,
			      struct hla_page_fault_event *ev);

struct hla_hw_err_event {
	size_t sz;
	int64_t timestamp;
	uint16_t event_id;
};
int hla_info_hw_err_event(struct hla_device *dev, struct hla_hw_err_event *ev);

#define HLA_FW_ERR_HEARTBEAT 0
#define HLA_FW_ERR_REPORTED 1
struct hla_fw_err_event {
	size_t sz;
	int64_t timestamp;
	uint16_t err_type;
	uint16_t event_id;
};
int hla_info_fw_err_event(struct hla_device *dev, struct hla_fw_err_event *ev);

struct hla_engine_err_event {
	size_t sz;
	int64_t timestamp;
	uint16_t engine_id;
	uint16_t error_count;
};
int hla_info_engine_err_event(struct hla_device *dev,
			      struct hla_engine_err_event *ev);

/* bitmask of supported allocation page-size orders (bit n: 2^n bytes) */
int hla_info_page_sizes(struct hla_device *dev, uint64_t *page_order_bitmask);

struct hla_attestation {
	size_t sz;
	uint32_t nonce;
	uint16_t pcr_quote_len;
	uint16_t pub_data_len;
	uint16_t certificate_len;
	uint8_t pcr_num_reg;
	uint8_t pcr_reg_len;
	uint8_t quote_sig_len;
	uint8_t pcr_data[256];
	uint8_t pcr_quote[510];
	uint8_t quote_sig[255];
	uint8_t public_data[510];
	uint8_t certificate[2046];
};
int hla_info_attestation(struct hla_device *dev, uint32_t nonce,
			 struct hla_attestation *att);

struct hla_dev_signed {
	size_t sz;
	uint32_t nonce;
	uint16_t pub_data_len;
	uint16_t certificate_len;
	uint16_t dev_info_len;
	uint8_t info_sig_len;
	uint8_t public_data[510];
	uint8_t certificate[2046];
	uint8_t info_sig[255];
	uint8_t dev_info[5120];
};
int hla_info_dev_signed(struct hla_device *dev, uint32_t nonce,
			struct hla_dev_signed *sig);

/* ASCII engine status text; size 1024..1 MiB; returns the text length,
 * buf is NUL-terminated (truncated text gives -ENOSPC). */
int hla_info_engine_status(struct hla_device *dev, char *buf, size_t size);

struct hla_user_mapping {
	uint64_t dev_va;
	uint64_t size;
};
/* Mappings of the context at the last page fault; *count = entries the
 * kernel has (0 if none).  -ENOSPC if max is too small (then *count says
 * how many are needed). */
int hla_info_user_mappings(struct hla_device *dev, struct hla_user_mapping *maps,
			   unsigned int max, unsigned int *count);

#define HLA_FW_REQ_VERSIONS 0u
/* Firmware pass-through request; returns 0, the reply is in buf. */
int hla_info_fw_generic_req(struct hla_device *dev, uint32_t sub_opcode,
			    void *buf, size_t size);

/* Raw INFO call for opcodes newer than this library.  in is written to the
 * per-opcode argument word; *out (may be NULL) receives it afterwards. */
int hla_info_raw(struct hla_device *dev, uint32_t op, uint32_t in, void *buf,
		 uint32_t size, uint32_t *out);

/* ------------------------------------------------------------------ */
/* Events                                                              */
/* ------------------------------------------------------------------ */

#define HLA_EVENT_TPC_ASSERT (1ull << 0)
#define HLA_EVENT_UNDEFINED_OPCODE (1ull << 1)
#define HLA_EVENT_DEVICE_RESET (1ull << 2)
#define HLA_EVENT_CS_TIMEOUT (1ull << 3)
#define HLA_EVENT_DEVICE_UNAVAILABLE (1ull << 4)
#define HLA_EVENT_USER_ENGINE_ERR (1ull << 5)
#define HLA_EVENT_GENERAL_HW_ERR (1ull << 6)
#define HLA_EVENT_RAZWI (1ull << 7)
#define HLA_EVENT_PAGE_FAULT (1ull << 8)
#define HLA_EVENT_CRITICAL_HW_ERR (1ull << 9)
#define HLA_EVENT_CRITICAL_FW_ERR (1ull << 10)

int hla_eventfd_register(struct hla_device *dev, int eventfd);
int hla_eventfd_unregister(struct hla_device *dev);
/* pending events of this handle; reading clears them */
int hla_events_get(struct hla_device *dev, uint64_t *events);

/* ------------------------------------------------------------------ */
/* Command buffers                                                     */
/* ------------------------------------------------------------------ */

#define HLA_CB_MAX_SIZE 0x1FFFE0u
#define HLA_CB_MAP 0x1u /* also map into the device MMU (Gaudi2 and later) */

int hla_cb_create(struct hla_device *dev, uint32_t size, uint32_t flags,
		  uint64_t *handle);
int hla_cb_destroy(struct hla_device *dev, uint64_t handle);
int hla_cb_usage_count(struct hla_device *dev, uint64_t handle,
		       uint32_t *count);
int hla_cb_device_va(struct hla_device *dev, uint64_t handle, uint64_t *va);
/* Map the CB for CPU access; size is the size given to hla_cb_create. */
int hla_cb_mmap(struct hla_device *dev, uint64_t handle, uint32_t size,
		void **addr);
int hla_cb_munmap(void *addr, uint32_t size);

/* ------------------------------------------------------------------ */
/* Command submission                                                  */
/* ------------------------------------------------------------------ */

#define HLA_SEQ_NONE UINT64_MAX /* "no CS was created" / already complete */

#define HLA_CHUNK_USER_CB 0x1u /* cb_handle is a device address, not a CB handle */

/* One job; the layout is fixed (64 bytes) so submission copies nothing. */
struct hla_cs_chunk {
	uint64_t cb_handle; /* CB handle, or device address with HLA_CHUNK_USER_CB */
	uint32_t queue_index;
	uint32_t cb_size;
	uint32_t flags; /* HLA_CHUNK_* */
	uint32_t collective_engine_id;
	uint32_t reserved[10]; /* must be zero */
};

/* modifiers for hla_cs_submit() and the sync-stream calls */
#define HLA_CS_FORCE_RESTORE 0x1u
#define HLA_CS_TIMESTAMP 0x20u
#define HLA_CS_STAGED 0x40u       /* part of a staged submission (Gaudi) */
#define HLA_CS_STAGED_FIRST 0x80u /* first part (implies HLA_CS_STAGED) */
#define HLA_CS_STAGED_LAST 0x100u /* last part (implies HLA_CS_STAGED) */
#define HLA_CS_SKIP_RESET_ON_TIMEOUT 0x400u
#define HLA_CS_ENCAP_SIGNALS 0x800u

struct hla_cs_submit {
	size_t sz;
	const struct hla_cs_chunk *restore;
	const struct hla_cs_chunk *execute;
	uint32_t num_restore;
	uint32_t num_execute;
	uint32_t flags;      /* HLA_CS_* */
	uint32_t timeout_s;  /* 0: driver default; else custom timeout */
	uint64_t staged_seq; /* staged parts after the first: seq of the first */
	uint32_t encaps_sig_handle; /* with HLA_CS_ENCAP_SIGNALS */
};

struct hla_cs_out {
	size_t sz;
	uint64_t seq; /* HLA_SEQ_NONE when no CS was created */
	uint32_t sob_base_addr_offset;
	uint16_t sob_count_before_submission;
};

/* -EAGAIN: too many submissions in flight; wait for an older one. */
int hla_cs_submit(struct hla_device *dev, const struct hla_cs_submit *cs,
		  struct hla_cs_out *out);
int hla_cs_signal(struct hla_device *dev, uint32_t queue_index, uint32_t flags,
		  uint32_t timeout_s, struct hla_cs_out *out);
int hla_cs_wait_signal(struct hla_device *dev, uint32_t queue_index,
		       uint64_t signal_seq, uint32_t flags, uint32_t timeout_s,
		       struct hla_cs_out *out);
int hla_cs_collective_wait(struct hla_device *dev, uint32_t queue_index,
			   uint64_t signal_seq, uint32_t engine_id,
			   uint32_t flags, uint32_t timeout_s,
			   struct hla_cs_out *out);

struct hla_encaps_signals {
	size_t sz;
	uint32_t handle_id;
	uint32_t count; /* SOB value after the reservation */
	uint32_t sob_base_addr_offset;
};
int hla_cs_reserve_signals(struct hla_device *dev, uint32_t queue_index,
			   uint32_t count, struct hla_encaps_signals *res);
int hla_cs_unreserve_signals(struct hla_device *dev, uint32_t handle_id);
int hla_cs_wait_encaps_signals(struct hla_device *dev, uint32_t queue_index,
			       uint64_t encaps_cs_seq, uint32_t offset,
			       uint32_t flags, uint32_t timeout_s,
			       struct hla_cs_out *out);

#define HLA_ENGINE_CORE_HALT 1u
#define HLA_ENGINE_CORE_RUN 2u
int hla_cs_engine_cores(struct hla_device *dev, const uint32_t *core_ids,
			uint32_t count, uint32_t command);
#define HLA_ENGINE_STALL 3u
#define HLA_ENGINE_RESUME 4u
int hla_cs_engines(struct hla_device *dev, const uint32_t *engine_ids,
		   uint32_t count, uint32_t command);
int hla_cs_flush_pci_hbw_writes(struct hla_device *dev);

/* ------------------------------------------------------------------ */
/* Waits                                                               */
/* ------------------------------------------------------------------ */

#define HLA_WAIT_FOREVER UINT64_MAX

#define HLA_WAIT_COMPLETED 0u
#define HLA_WAIT_BUSY 1u     /* not done before the timeout */
#define HLA_WAIT_TIMEDOUT 2u /* the CS hit the driver's watchdog */
#define HLA_WAIT_ABORTED 3u  /* device reset or context teardown */

#define HLA_WAIT_FLAG_GONE 0x1u          /* too old to know more than "done" */
#define HLA_WAIT_FLAG_TIMESTAMP_VLD 0x2u

struct hla_wait_result {
	size_t sz;
	uint32_t status; /* HLA_WAIT_* */
	uint32_t flags;  /* HLA_WAIT_FLAG_* */
	int64_t timestamp_ns;
	uint32_t completion_map; /* multi-CS: bit i = seqs[i] done */
};

int hla_cs_wait(struct hla_device *dev, uint64_t seq, uint64_t timeout_us,
		struct hla_wait_result *res);
int hla_cs_wait_multi(struct hla_device *dev, const uint64_t *seqs,
		      uint32_t count, uint64_t timeout_us,
		      struct hla_wait_result *res);

#define HLA_INTERRUPT_ANY_CQ 0xFFFu
#define HLA_INTERRUPT_ANY_DECODER 0xFFEu
int hla_wait_interrupt(struct hla_device *dev, uint32_t interrupt_id,
		       const volatile uint64_t *addr, uint64_t target,
		       uint64_t timeout_us, struct hla_wait_result *res);
int hla_wait_cq_counter(struct hla_device *dev, uint32_t interrupt_id,
			uint64_t cq_cb_handle, uint64_t cq_offset,
			uint64_t target, uint64_t timeout_us,
			struct hla_wait_result *res);
int hla_wait_register_timestamp(struct hla_device *dev, uint32_t interrupt_id,
				uint64_t cq_cb_handle, uint64_t cq_offset,
				uint64_t target, uint64_t ts_handle,
				uint64_t ts_offset);

/* ------------------------------------------------------------------ */
/* Memory                                                              */
/* ------------------------------------------------------------------ */

#define HLA_MEM_CONTIGUOUS 0x1u
#define HLA_MEM_SHARED 0x2u
#define HLA_MEM_FORCE_HINT 0x8u

int hla_mem_alloc(struct hla_device *dev, uint64_t size, uint64_t page_size,
		  uint32_t flags, uint64_t *handle);
/* size is needed only on Gaudi, whose driver accounts by size */
int hla_mem_free(struct hla_device *dev, uint64_t handle, uint64_t size);
int hla_mem_map(struct hla_device *dev, uint64_t handle, uint64_t hint,
		uint32_t flags, uint64_t *va);
int hla_mem_map_host(struct hla_device *dev, void *addr, uint64_t size,
		     uint64_t hint, uint32_t flags, uint64_t *va);
int hla_mem_unmap(struct hla_device *dev, uint64_t va);

int hla_mem_map_block(struct hla_device *dev, uint64_t block_addr,
		      uint64_t *block_handle, uint32_t *block_size);
int hla_block_mmap(struct hla_device *dev, uint64_t block_handle,
		   uint32_t block_size, void **addr);
int hla_block_munmap(void *addr, uint32_t block_size);

#define HLA_DMABUF_RDWR 0x0u
#define HLA_DMABUF_RDONLY 0x1u
#define HLA_DMABUF_WRONLY 0x2u
#define HLA_DMABUF_INHERIT 0x4u /* no close-on-exec */
/* addr: device VA of a DRAM mapping (Gaudi2+) or DRAM physical address (Gaudi) */
int hla_mem_export_dmabuf(struct hla_device *dev, uint64_t addr, uint64_t size,
			  uint64_t offset, uint32_t flags, int *fd);

#define HLA_TS_MAX_ELEMENTS (1u << 20)
int hla_ts_alloc(struct hla_device *dev, uint32_t num_elements,
		 uint64_t *handle);
int hla_ts_mmap(struct hla_device *dev, uint64_t handle,
		uint32_t num_elements, void **addr);
int hla_ts_munmap(void *addr, uint32_t num_elements);

/* ------------------------------------------------------------------ */
/* Debug (CoreSight)                                                   */
/* ------------------------------------------------------------------ */

struct hla_debug_etr {
	size_t sz;
	uint64_t buffer_address;
	uint64_t buffer_size;
	uint32_t sink_mode;
};
struct hla_debug_etf {
	size_t sz;
	uint64_t buffer_address;
	uint64_t buffer_size;
	uint32_t sink_mode;
};
struct hla_debug_stm {
	size_t sz;
	uint64_t he_mask;
	uint64_t sp_mask;
	uint32_t id;
	uint32_t frequency;
};
struct hla_debug_bmon {
	size_t sz;
	uint64_t start_addr0;
	uint64_t addr_mask0;
	uint64_t start_addr1;
	uint64_t addr_mask1;
	uint64_t start_addr2;
	uint64_t end_addr2;
	uint64_t start_addr3;
	uint64_t end_addr3;
	uint32_t bw_win;
	uint32_t win_capture;
	uint32_t id;
	uint32_t control;
};
#define HLA_DEBUG_MAX_EVENT_TYPES 10
struct hla_debug_spmu {
	size_t sz;
	uint64_t event_types[HLA_DEBUG_MAX_EVENT_TYPES];
	uint32_t event_types_num;
	uint32_t pmtrc_val;
	uint32_t trc_ctrl_host_val;
	uint32_t trc_en_host_val;
};

int hla_debug_set_mode(struct hla_device *dev, int enable);
/* params may be NULL when enable is 0; out/out_size receive op output */
int hla_debug_etr(struct hla_device *dev, uint32_t reg_idx, int enable,
		  const struct hla_debug_etr *params, void *out,
		  uint32_t out_size);
int hla_debug_etf(struct hla_device *dev, uint32_t reg_idx, int enable,
		  const struct hla_debug_etf *params);
int hla_debug_stm(struct hla_device *dev, uint32_t reg_idx, int enable,
		  const struct hla_debug_stm *params);
int hla_debug_funnel(struct hla_device *dev, uint32_t reg_idx, int enable);
int hla_debug_bmon(struct hla_device *dev, uint32_t reg_idx, int enable,
		   const struct hla_debug_bmon *params);
int hla_debug_spmu(struct hla_device *dev, uint32_t reg_idx, int enable,
		   const struct hla_debug_spmu *params, void *out,
		   uint32_t out_size);
int hla_debug_timestamp(struct hla_device *dev, int enable);

/* ------------------------------------------------------------------ */
/* Packet builders                                                     */
/* ------------------------------------------------------------------ */
/*
 * Each writes one packet for the given ASIC (enum hla_asic) at buf, which
 * has space bytes, and returns the packet size in bytes, -ENOSPC if it
 * does not fit, -EINVAL for bad arguments or -EOPNOTSUPP if the ASIC does
 * not have the packet.
 */
#define HLA_PKT_EB 0x1u     /* engine barrier */
#define HLA_PKT_MB 0x2u     /* message barrier */
#define HLA_PKT_RB 0x4u     /* register barrier */
#define HLA_PKT_MEMSET 0x8u /* LIN_DMA: src is a 64-bit fill pattern */
#define HLA_PKT_WRCOMP 0x10u /* LIN_DMA: write completion */

int hla_pkt_lin_dma(uint32_t asic, void *buf, size_t space, uint64_t src,
		    uint64_t dst, uint32_t size, uint32_t flags);
int hla_pkt_msg_long(uint32_t asic, void *buf, size_t space, uint64_t addr,
		     uint32_t value, uint32_t flags);
int hla_pkt_msg_short(uint32_t asic, void *buf, size_t space, uint32_t base,
		      uint32_t offset, uint32_t value, uint32_t flags);
int hla_pkt_fence(uint32_t asic, void *buf, size_t space, uint32_t id,
		  uint32_t target, uint32_t dec, uint32_t flags);
int hla_pkt_wreg32(uint32_t asic, void *buf, size_t space, uint32_t reg_offset,
		   uint32_t value, uint32_t flags);
int hla_pkt_nop(uint32_t asic, void *buf, size_t space, uint32_t flags);
int hla_pkt_stop(uint32_t asic, void *buf, size_t space, uint32_t flags);

#ifdef __cplusplus
}
#endif

#endif /* HLACCEL_HLACCEL_H */
