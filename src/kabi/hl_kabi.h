/* SPDX-License-Identifier: MIT */
/*
 * hlaccel's private description of the habanalabs kernel ABI.
 *
 * This is not a kernel header.  It declares, in hlaccel's own names (hlk_ /
 * HLK_), the argument blocks, request numbers and constants that the library
 * and the simulator exchange with the driver.  Layouts follow the newest
 * upstream ABI; older kernels copy min(user size, kernel size) bytes, so the
 * larger modern structs work everywhere.  tests/abi/kabi-check.c compares
 * every item that the installed <misc/habanalabs.h> also defines.
 *
 * Everything before the last section is the upstream ABI (the kernel's own
 * driver).  The last section, "Habana's out-of-tree driver only", holds
 * what only HabanaAI/drivers.accel.habanalabs.kernel defines; the
 * kabi-oot test checks it against tests/abi/kabi-oot.table, a layout table
 * generated from that driver's public uapi header.  Fields of the upstream
 * structs that the out-of-tree driver names are marked "(Habana: name)".
 *
 * Never install this file and never include it from a public header.
 */
#ifndef HLACCEL_KABI_H
#define HLACCEL_KABI_H

#include <stddef.h>
#include <stdint.h>

/* ------------------------------------------------------------------ */
/* ioctl request encoding: the platform's own, from <linux/ioctl.h>    */
/* ------------------------------------------------------------------ */

/* <linux/ioctl.h> is the uapi header that only defines the _IOC family;
 * it pulls in <asm/ioctl.h>, so the direction bits, field widths and
 * shifts are those of the architecture being built for. */
#include <linux/ioctl.h>

#define HLK_IOC_WRITE _IOC_WRITE
#define HLK_IOC_READ _IOC_READ
#define HLK_IOC(dir, type, nr, size) \
	((unsigned long)_IOC((dir), (type), (nr), (size)))
#define HLK_IOWR(type, nr, size) \
	HLK_IOC(HLK_IOC_READ | HLK_IOC_WRITE, (type), (nr), (size))

#define HLK_IOC_NR(req) ((unsigned int)_IOC_NR(req))
#define HLK_IOC_TYPE(req) ((unsigned int)_IOC_TYPE(req))
#define HLK_IOC_SIZE(req) ((unsigned int)_IOC_SIZE(req))
#define HLK_IOC_DIR(req) ((unsigned int)_IOC_DIR(req))

/* Driver command numbers (legacy 'H' nr; accel nr = HLK_DRM_COMMAND_BASE + n - 1) */
#define HLK_CMD_INFO 1u
#define HLK_CMD_CB 2u
#define HLK_CMD_CS 3u
#define HLK_CMD_WAIT_CS 4u
#define HLK_CMD_MEMORY 5u
#define HLK_CMD_DEBUG 6u
#define HLK_CMD_FIRST HLK_CMD_INFO
#define HLK_CMD_LAST HLK_CMD_DEBUG

#define HLK_LEGACY_IOC_TYPE 'H'
#define HLK_DRM_IOC_TYPE 'd'
#define HLK_DRM_COMMAND_BASE 0x40u
#define HLK_DRM_COMMAND_END 0xA0u

/* sizes of the six argument blocks */
#define HLK_INFO_ARGS_SIZE 24u
#define HLK_CB_ARGS_SIZE 24u
#define HLK_CS_ARGS_SIZE 48u
#define HLK_WAIT_CS_ARGS_SIZE 56u
#define HLK_MEM_ARGS_SIZE 40u
#define HLK_DEBUG_ARGS_SIZE 40u

#define HLK_LEGACY_REQ(cmd, size) HLK_IOWR(HLK_LEGACY_IOC_TYPE, (cmd), (size))
#define HLK_DRM_REQ(cmd, size) \
	HLK_IOWR(HLK_DRM_IOC_TYPE, HLK_DRM_COMMAND_BASE + (cmd) - 1u, (size))

/* legacy ('H') request codes, e.g. INFO = 0xC0184801 */
#define HLK_LEGACY_IOCTL_INFO HLK_LEGACY_REQ(HLK_CMD_INFO, HLK_INFO_ARGS_SIZE)
#define HLK_LEGACY_IOCTL_CB HLK_LEGACY_REQ(HLK_CMD_CB, HLK_CB_ARGS_SIZE)
#define HLK_LEGACY_IOCTL_CS HLK_LEGACY_REQ(HLK_CMD_CS, HLK_CS_ARGS_SIZE)
#define HLK_LEGACY_IOCTL_WAIT_CS \
	HLK_LEGACY_REQ(HLK_CMD_WAIT_CS, HLK_WAIT_CS_ARGS_SIZE)
#define HLK_LEGACY_IOCTL_MEMORY HLK_LEGACY_REQ(HLK_CMD_MEMORY, HLK_MEM_ARGS_SIZE)
#define HLK_LEGACY_IOCTL_DEBUG HLK_LEGACY_REQ(HLK_CMD_DEBUG, HLK_DEBUG_ARGS_SIZE)

/* DRM accel request codes, e.g. INFO = 0xC0186440 */
#define HLK_DRM_IOCTL_INFO HLK_DRM_REQ(HLK_CMD_INFO, HLK_INFO_ARGS_SIZE)
#define HLK_DRM_IOCTL_CB HLK_DRM_REQ(HLK_CMD_CB, HLK_CB_ARGS_SIZE)
#define HLK_DRM_IOCTL_CS HLK_DRM_REQ(HLK_CMD_CS, HLK_CS_ARGS_SIZE)
#define HLK_DRM_IOCTL_WAIT_CS HLK_DRM_REQ(HLK_CMD_WAIT_CS, HLK_WAIT_CS_ARGS_SIZE)
#define HLK_DRM_IOCTL_MEMORY HLK_DRM_REQ(HLK_CMD_MEMORY, HLK_MEM_ARGS_SIZE)
#define HLK_DRM_IOCTL_DEBUG HLK_DRM_REQ(HLK_CMD_DEBUG, HLK_DEBUG_ARGS_SIZE)

/* Which node family a request goes to. */
#define HLK_IFACE_ACCEL 1u  /* /dev/accel/accelN: DRM accel numbering */
#define HLK_IFACE_LEGACY 2u /* /dev/hlN: 'H' numbering */

/*
 * The command table: name and argument-block size of each driver command,
 * indexed by HLK_CMD_*.  The library builds its request codes from it and
 * the simulator decodes requests with it, so the two cannot disagree.
 */
struct hlk_cmd {
	const char *name;
	uint32_t arg_size;
};

static const struct hlk_cmd hlk_cmd_table[HLK_CMD_LAST + 1] = {
	[HLK_CMD_INFO] = { "INFO", HLK_INFO_ARGS_SIZE },
	[HLK_CMD_CB] = { "CB", HLK_CB_ARGS_SIZE },
	[HLK_CMD_CS] = { "CS", HLK_CS_ARGS_SIZE },
	[HLK_CMD_WAIT_CS] = { "WAIT_CS", HLK_WAIT_CS_ARGS_SIZE },
	[HLK_CMD_MEMORY] = { "MEMORY", HLK_MEM_ARGS_SIZE },
	[HLK_CMD_DEBUG] = { "DEBUG", HLK_DEBUG_ARGS_SIZE },
};

/* request code of command cmd (HLK_CMD_*) on interface iface (HLK_IFACE_*) */
static inline unsigned long hlk_cmd_request(uint32_t iface, unsigned int cmd)
{
	uint32_t size = hlk_cmd_table[cmd].arg_size;

	return iface == HLK_IFACE_ACCEL ? HLK_DRM_REQ(cmd, size) :
					  HLK_LEGACY_REQ(cmd, size);
}

/* the HLK_CMD_* a request names on iface, or 0 if none */
static inline unsigned int hlk_cmd_of_request(uint32_t iface, unsigned long req)
{
	unsigned int nr = HLK_IOC_NR(req);

	if (iface == HLK_IFACE_ACCEL) {
		if (HLK_IOC_TYPE(req) != HLK_DRM_IOC_TYPE ||
		    nr < HLK_DRM_COMMAND_BASE ||
		    nr > HLK_DRM_COMMAND_BASE + HLK_CMD_LAST - 1u)
			return 0;
		return nr - HLK_DRM_COMMAND_BASE + 1u;
	}
	return nr >= HLK_CMD_FIRST && nr <= HLK_CMD_LAST ? nr : 0;
}

/* DRM core: version query (64-byte struct), answered by every DRM driver */
struct hlk_drm_version {
	int32_t version_major;
	int32_t version_minor;
	int32_t version_patchlevel;
	uint32_t pad0;
	uint64_t name_len;
	uint64_t name; /* char * */
	uint64_t date_len;
	uint64_t date; /* char * */
	uint64_t desc_len;
	uint64_t desc; /* char * */
};
#define HLK_DRM_IOCTL_VERSION \
	HLK_IOWR(HLK_DRM_IOC_TYPE, 0x00u, sizeof(struct hlk_drm_version))
#define HLK_DRM_DRIVER_NAME "habanalabs"
#define HLK_ACCEL_MAJOR 261u

/* ------------------------------------------------------------------ */
/* PCI identity                                                        */
/* ------------------------------------------------------------------ */

#define HLK_PCI_VENDOR_HABANA 0x1da3u
#define HLK_PCI_ID_GOYA 0x0001u
#define HLK_PCI_ID_GAUDI 0x1000u
#define HLK_PCI_ID_GAUDI_SEC 0x1010u
#define HLK_PCI_ID_GAUDI_HL2000M 0x1001u
#define HLK_PCI_ID_GAUDI_HL2000M_SEC 0x1011u
#define HLK_PCI_ID_GAUDI2 0x1020u
#define HLK_PCI_ID_GAUDI2_HL288 0x1021u
#define HLK_PCI_ID_GAUDI3 0x1060u
#define HLK_PCI_ID_GAUDI3_HL338 0x1063u

/* ------------------------------------------------------------------ */
/* INFO                                                                */
/* ------------------------------------------------------------------ */

#define HLK_INFO_HW_IP_INFO 0u
#define HLK_INFO_HW_EVENTS 1u
#define HLK_INFO_DRAM_USAGE 2u
#define HLK_INFO_HW_IDLE 3u
#define HLK_INFO_DEVICE_STATUS 4u
#define HLK_INFO_DEVICE_UTILIZATION 6u
#define HLK_INFO_HW_EVENTS_AGGREGATE 7u
#define HLK_INFO_CLK_RATE 8u
#define HLK_INFO_RESET_COUNT 9u
#define HLK_INFO_TIME_SYNC 10u
#define HLK_INFO_CS_COUNTERS 11u
#define HLK_INFO_PCI_COUNTERS 12u
#define HLK_INFO_CLK_THROTTLE_REASON 13u
#define HLK_INFO_SYNC_MANAGER 14u
#define HLK_INFO_TOTAL_ENERGY 15u
#define HLK_INFO_PLL_FREQUENCY 16u
#define HLK_INFO_POWER 17u
#define HLK_INFO_OPEN_STATS 18u
#define HLK_INFO_DRAM_REPLACED_ROWS 21u
#define HLK_INFO_DRAM_PENDING_ROWS 22u
#define HLK_INFO_LAST_ERR_OPEN_DEV_TIME 23u
#define HLK_INFO_CS_TIMEOUT_EVENT 24u
#define HLK_INFO_RAZWI_EVENT 25u
#define HLK_INFO_DEV_MEM_ALLOC_PAGE_SIZES 26u
#define HLK_INFO_SECURED_ATTESTATION 27u
#define HLK_INFO_REGISTER_EVENTFD 28u
#define HLK_INFO_UNREGISTER_EVENTFD 29u
#define HLK_INFO_GET_EVENTS 30u
#define HLK_INFO_UNDEFINED_OPCODE_EVENT 31u
#define HLK_INFO_ENGINE_STATUS 32u
#define HLK_INFO_PAGE_FAULT_EVENT 33u
#define HLK_INFO_USER_MAPPINGS 34u
#define HLK_INFO_FW_GENERIC_REQ 35u
#define HLK_INFO_HW_ERR_EVENT 36u
#define HLK_INFO_FW_ERR_EVENT 37u
#define HLK_INFO_USER_ENGINE_ERR_EVENT 38u
#define HLK_INFO_DEV_SIGNED 40u

#define HLK_INFO_VERSION_MAX_LEN 128u
#define HLK_INFO_CARD_NAME_MAX_LEN 16u
#define HLK_ENGINES_DATA_MAX_SIZE (1u << 20)
#define HLK_ENGINES_DATA_MIN_SIZE 1024u
#define HLK_FW_GENERIC_REQ_MAX_SIZE (1u << 20)
#define HLK_PASSTHROUGH_VERSIONS 0u

struct hlk_info_args {
	uint64_t return_pointer;
	uint32_t return_size;
	uint32_t op;
	union {
		uint32_t dcore_id;
		uint32_t ctx_id;
		uint32_t period_ms;
		uint32_t pll_index;
		uint32_t eventfd;
		uint32_t user_buffer_actual_size;
		uint32_t sec_attest_nonce;
		uint32_t array_size;
		uint32_t fw_sub_opcode;
	};
	uint32_t pad;
};

struct hlk_info_hw_ip_info {
	uint64_t sram_base_address;
	uint64_t dram_base_address;
	uint64_t dram_size;
	uint32_t sram_size;
	uint32_t num_of_events;
	uint32_t device_id;
	uint32_t module_id;
	uint32_t decoder_enabled_mask;
	uint16_t first_available_interrupt_id;
	uint16_t server_type;
	uint32_t cpld_version;
	uint32_t psoc_pci_pll_nr;
	uint32_t psoc_pci_pll_nf;
	uint32_t psoc_pci_pll_od;
	uint32_t psoc_pci_pll_div_factor;
	uint8_t tpc_enabled_mask;
	uint8_t dram_enabled;
	uint8_t security_enabled;
	uint8_t mme_master_slave_mode;
	uint8_t cpucp_version[HLK_INFO_VERSION_MAX_LEN];
	uint8_t card_name[HLK_INFO_CARD_NAME_MAX_LEN];
	uint64_t tpc_enabled_mask_ext;
	uint64_t dram_page_size;
	uint32_t edma_enabled_mask;
	uint16_t number_of_user_interrupts;
	uint8_t reserved1; /* (Habana: interposer_version) */
	uint8_t reserved2; /* (Habana: substrate_version) */
	uint64_t reserved3; /* (Habana: pdma_user_owned_ch_mask) */
	uint64_t device_mem_alloc_default_page_size;
	/* 6.1 ends here (256 bytes) */
	uint64_t reserved4; /* (Habana: nic_ports_mask) */
	uint64_t reserved5; /* (Habana: nic_ports_external_mask) */
	uint32_t reserved6; /* (Habana: mme_enabled_mask) */
	uint8_t reserved7; /* (Habana: odp_supported) */
	uint8_t revision_id;
	uint16_t tpc_interrupt_id;
	uint32_t rotator_enabled_mask;
	uint32_t reserved9; /* (Habana: sched_arc_enabled_mask) */
	uint64_t engine_core_interrupt_reg_addr;
	uint64_t reserved_dram_size;
};
#define HLK_HW_IP_INFO_SIZE_V1 256u /* 6.1 */

struct hlk_info_dram_usage {
	uint64_t dram_free_mem;
	uint64_t ctx_dram_mem;
};

#define HLK_BUSY_ENGINES_MASK_EXT_SIZE 4u
struct hlk_info_hw_idle {
	uint32_t is_idle;
	uint32_t busy_engines_mask;
	uint64_t busy_engines_mask_ext[HLK_BUSY_ENGINES_MASK_EXT_SIZE];
};
#define HLK_HW_IDLE_SIZE_V1 24u /* 6.1: ext[2] */

struct hlk_info_device_status {
	uint32_t status;
	uint32_t pad;
};

#define HLK_DEVICE_STATUS_OPERATIONAL 0u
#define HLK_DEVICE_STATUS_IN_RESET 1u
#define HLK_DEVICE_STATUS_MALFUNCTION 2u
#define HLK_DEVICE_STATUS_NEEDS_RESET 3u
#define HLK_DEVICE_STATUS_IN_DEVICE_CREATION 4u
#define HLK_DEVICE_STATUS_IN_RESET_AFTER_DEVICE_RELEASE 5u
#define HLK_DEVICE_STATUS_LAST HLK_DEVICE_STATUS_IN_RESET_AFTER_DEVICE_RELEASE

struct hlk_info_device_utilization {
	uint32_t utilization;
	uint32_t pad;
};

struct hlk_info_clk_rate {
	uint32_t cur_clk_rate_mhz;
	uint32_t max_clk_rate_mhz;
};

struct hlk_info_reset_count {
	uint32_t hard_reset_cnt;
	uint32_t soft_reset_cnt;
};

struct hlk_info_time_sync {
	uint64_t device_time;
	uint64_t host_time;
	uint64_t tsc_time;
};
#define HLK_TIME_SYNC_SIZE_V1 16u

struct hlk_info_pci_counters {
	uint64_t rx_throughput;
	uint64_t tx_throughput;
	uint64_t replay_cnt;
};

#define HLK_CLK_THROTTLE_TYPE_POWER 0u
#define HLK_CLK_THROTTLE_TYPE_THERMAL 1u
#define HLK_CLK_THROTTLE_TYPE_MAX 2u
#define HLK_CLK_THROTTLE_POWER (1u << HLK_CLK_THROTTLE_TYPE_POWER)
#define HLK_CLK_THROTTLE_THERMAL (1u << HLK_CLK_THROTTLE_TYPE_THERMAL)

struct hlk_info_clk_throttle {
	uint32_t clk_throttling_reason;
	uint32_t pad;
	uint64_t clk_throttling_timestamp_us[HLK_CLK_THROTTLE_TYPE_MAX];
	uint64_t clk_throttling_duration_ns[HLK_CLK_THROTTLE_TYPE_MAX];
};

struct hlk_info_energy {
	uint64_t total_energy_consumption;
};

#define HLK_PLL_NUM_OUTPUTS 4u
struct hlk_pll_frequency_info {
	uint16_t output[HLK_PLL_NUM_OUTPUTS];
};

struct hlk_open_stats_info {
	uint64_t open_counter;
	uint64_t last_open_period_ms;
	uint8_t is_compute_ctx_active;
	uint8_t compute_ctx_in_release;
	uint8_t pad[6];
};

struct hlk_power_info {
	uint64_t power;
};

#define HLK_MAX_DCORES 8u
struct hlk_info_sync_manager {
	uint32_t first_available_sync_object;
	uint32_t first_available_monitor;
	uint32_t first_available_cq;
	uint32_t reserved;
};

struct hlk_info_cs_counters {
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

/* firmware record returned by DRAM_REPLACED_ROWS (not in the uAPI header) */
struct hlk_hbm_row_info {
	uint8_t hbm_idx;
	uint8_t pc;
	uint8_t sid;
	uint8_t bank_idx;
	uint16_t row_addr;
	uint8_t replaced_row_cause;
	uint8_t pad;
};

struct hlk_info_last_err_open_dev_time {
	int64_t timestamp;
};

struct hlk_info_cs_timeout_event {
	int64_t timestamp;
	uint64_t seq;
};

/* 6.1 layout (24 bytes) */
#define HLK_RAZWI_PAGE_FAULT 0u
#define HLK_RAZWI_MMU_ACCESS_ERROR 1u
struct hlk_info_razwi_event_v1 {
	int64_t timestamp;
	uint64_t addr;
	uint16_t engine_id_1;
	uint16_t engine_id_2;
	uint8_t no_engine_id;
	uint8_t error_type;
	uint8_t pad[2];
};

/* 6.3+ layout (280 bytes) */
#define HLK_RAZWI_MAX_NUM_OF_ENGINES_PER_RTR 128u
#define HLK_RAZWI_NA_ENG_ID 0xFFFFu
#define HLK_RAZWI_READ 0x1u
#define HLK_RAZWI_WRITE 0x2u
#define HLK_RAZWI_LBW 0x4u
#define HLK_RAZWI_HBW 0x8u
#define HLK_RAZWI_RR 0x10u
#define HLK_RAZWI_ADDR_DEC 0x20u
struct hlk_info_razwi_event {
	int64_t timestamp;
	uint64_t addr;
	uint16_t engine_id[HLK_RAZWI_MAX_NUM_OF_ENGINES_PER_RTR];
	uint16_t num_of_possible_engines;
	uint8_t flags;
	uint8_t pad[5];
};

#define HLK_CB_ADDR_STREAMS_DIM0 4u
#define HLK_CB_ADDR_STREAMS_DIM1 8u
struct hlk_info_undefined_opcode_event {
	int64_t timestamp;
	uint64_t cb_addr_streams[HLK_CB_ADDR_STREAMS_DIM0][HLK_CB_ADDR_STREAMS_DIM1];
	uint64_t cq_addr;
	uint32_t cq_size;
	uint32_t cb_addr_streams_len;
	uint32_t engine_id;
	uint32_t stream_id;
};

struct hlk_info_hw_err_event {
	int64_t timestamp;
	uint16_t event_id;
	uint16_t pad[3];
};

#define HLK_INFO_FW_HEARTBEAT_ERR 0u
#define HLK_INFO_FW_REPORTED_ERR 1u
struct hlk_info_fw_err_event {
	int64_t timestamp;
	uint16_t err_type;
	uint16_t event_id;
	uint32_t pad;
};

struct hlk_info_engine_err_event {
	int64_t timestamp;
	uint16_t engine_id;
	uint16_t error_count;
	uint32_t pad;
};

struct hlk_info_dev_memalloc_page_sizes {
	uint64_t page_order_bitmask;
};

#define HLK_SEC_PCR_DATA_BUF_SZ 256u
#define HLK_SEC_PCR_QUOTE_BUF_SZ 510u
#define HLK_SEC_SIGNATURE_BUF_SZ 255u
#define HLK_SEC_PUB_DATA_BUF_SZ 510u
#define HLK_SEC_CERTIFICATE_BUF_SZ 2046u
#define HLK_SEC_DEV_INFO_BUF_SZ 5120u

struct hlk_info_sec_attest {
	uint32_t nonce;
	uint16_t pcr_quote_len;
	uint16_t pub_data_len;
	uint16_t certificate_len;
	uint8_t pcr_num_reg;
	uint8_t pcr_reg_len;
	uint8_t quote_sig_len;
	uint8_t pcr_data[HLK_SEC_PCR_DATA_BUF_SZ];
	uint8_t pcr_quote[HLK_SEC_PCR_QUOTE_BUF_SZ];
	uint8_t quote_sig[HLK_SEC_SIGNATURE_BUF_SZ];
	uint8_t public_data[HLK_SEC_PUB_DATA_BUF_SZ];
	uint8_t certificate[HLK_SEC_CERTIFICATE_BUF_SZ];
	uint8_t pad0[2];
};

struct hlk_info_signed {
	uint32_t nonce;
	uint16_t pub_data_len;
	uint16_t certificate_len;
	uint8_t info_sig_len;
	uint8_t public_data[HLK_SEC_PUB_DATA_BUF_SZ];
	uint8_t certificate[HLK_SEC_CERTIFICATE_BUF_SZ];
	uint8_t info_sig[HLK_SEC_SIGNATURE_BUF_SZ];
	uint16_t dev_info_len;
	uint8_t dev_info[HLK_SEC_DEV_INFO_BUF_SZ];
	uint8_t pad[2];
};

struct hlk_page_fault_info {
	int64_t timestamp;
	uint64_t addr;
	uint16_t engine_id;
	uint8_t pad[6];
};

struct hlk_user_mapping {
	uint64_t dev_va;
	uint64_t size;
};

/* notifier event bits (GET_EVENTS) */
#define HLK_NOTIFIER_EVENT_TPC_ASSERT (1ull << 0)
#define HLK_NOTIFIER_EVENT_UNDEFINED_OPCODE (1ull << 1)
#define HLK_NOTIFIER_EVENT_DEVICE_RESET (1ull << 2)
#define HLK_NOTIFIER_EVENT_CS_TIMEOUT (1ull << 3)
#define HLK_NOTIFIER_EVENT_DEVICE_UNAVAILABLE (1ull << 4)
#define HLK_NOTIFIER_EVENT_USER_ENGINE_ERR (1ull << 5)
#define HLK_NOTIFIER_EVENT_GENERAL_HW_ERR (1ull << 6)
#define HLK_NOTIFIER_EVENT_RAZWI (1ull << 7)
#define HLK_NOTIFIER_EVENT_PAGE_FAULT (1ull << 8)
#define HLK_NOTIFIER_EVENT_CRITICL_HW_ERR (1ull << 9)
#define HLK_NOTIFIER_EVENT_CRITICL_FW_ERR (1ull << 10)

/* ------------------------------------------------------------------ */
/* CB                                                                  */
/* ------------------------------------------------------------------ */

#define HLK_CB_OP_CREATE 0u
#define HLK_CB_OP_DESTROY 1u
#define HLK_CB_OP_INFO 2u
#define HLK_MAX_CB_SIZE (0x200000u - 32u)
#define HLK_CB_FLAGS_MAP 0x1u
#define HLK_CB_FLAGS_GET_DEVICE_VA 0x2u

struct hlk_cb_in {
	uint64_t cb_handle;
	uint32_t op;
	uint32_t cb_size;
	uint32_t ctx_id;
	uint32_t flags;
};

struct hlk_cb_out {
	union {
		uint64_t cb_handle;
		union {
			struct {
				uint32_t usage_cnt;
				uint32_t pad;
			};
			uint64_t device_va;
		};
	};
};

union hlk_cb_args {
	struct hlk_cb_in in;
	struct hlk_cb_out out;
};

/* mmap offset encoding, as byte offsets */
#define HLK_MMAP_TYPE_MASK 0xF800000000000000ull
#define HLK_MMAP_TYPE_CB 0x1000000000000000ull
#define HLK_MMAP_TYPE_BLOCK 0x2000000000000000ull
#define HLK_MMAP_TYPE_TS_BUFF 0x8000000000000000ull

/* ------------------------------------------------------------------ */
/* CS                                                                  */
/* ------------------------------------------------------------------ */

#define HLK_CS_CHUNK_FLAGS_USER_ALLOC_CB 0x1u

struct hlk_cs_chunk {
	union {
		uint64_t cb_handle;
		uint64_t signal_seq_arr;
		uint64_t encaps_signal_seq;
	};
	uint32_t queue_index;
	union {
		uint32_t cb_size;
		uint32_t num_signal_seq_arr;
		uint32_t encaps_signal_offset;
	};
	uint32_t cs_chunk_flags;
	uint32_t collective_engine_id;
	uint32_t pad[10];
};

#define HLK_CS_FLAGS_FORCE_RESTORE 0x1u
#define HLK_CS_FLAGS_SIGNAL 0x2u
#define HLK_CS_FLAGS_WAIT 0x4u
#define HLK_CS_FLAGS_COLLECTIVE_WAIT 0x8u
#define HLK_CS_FLAGS_TIMESTAMP 0x20u
#define HLK_CS_FLAGS_STAGED_SUBMISSION 0x40u
#define HLK_CS_FLAGS_STAGED_SUBMISSION_FIRST 0x80u
#define HLK_CS_FLAGS_STAGED_SUBMISSION_LAST 0x100u
#define HLK_CS_FLAGS_CUSTOM_TIMEOUT 0x200u
#define HLK_CS_FLAGS_SKIP_RESET_ON_TIMEOUT 0x400u
#define HLK_CS_FLAGS_ENCAP_SIGNALS 0x800u
#define HLK_CS_FLAGS_RESERVE_SIGNALS_ONLY 0x1000u
#define HLK_CS_FLAGS_UNRESERVE_SIGNALS_ONLY 0x2000u
#define HLK_CS_FLAGS_ENGINE_CORE_COMMAND 0x4000u
#define HLK_CS_FLAGS_FLUSH_PCI_HBW_WRITES 0x8000u
#define HLK_CS_FLAGS_ENGINES_COMMAND 0x10000u

#define HLK_CS_FLAGS_TYPE_MASK                                              \
	(HLK_CS_FLAGS_SIGNAL | HLK_CS_FLAGS_WAIT |                          \
	 HLK_CS_FLAGS_COLLECTIVE_WAIT | HLK_CS_FLAGS_RESERVE_SIGNALS_ONLY | \
	 HLK_CS_FLAGS_UNRESERVE_SIGNALS_ONLY |                              \
	 HLK_CS_FLAGS_ENGINE_CORE_COMMAND | HLK_CS_FLAGS_ENGINES_COMMAND |  \
	 HLK_CS_FLAGS_FLUSH_PCI_HBW_WRITES)

#define HLK_CS_STATUS_SUCCESS 0u
#define HLK_MAX_JOBS_PER_CS 512u
#define HLK_MAX_SOB_VAL (1u << 15)

#define HLK_ENGINE_CORE_HALT 1u
#define HLK_ENGINE_CORE_RUN 2u
#define HLK_ENGINE_STALL 3u
#define HLK_ENGINE_RESUME 4u
#define HLK_ENGINE_COMMAND_MAX 5u

struct hlk_cs_in {
	union {
		struct {
			uint64_t chunks_restore;
			uint64_t chunks_execute;
		};
		struct {
			uint64_t engine_cores;
			uint32_t num_engine_cores;
			uint32_t core_command;
		};
		struct {
			uint64_t engines;
			uint32_t num_engines;
			uint32_t engine_command;
		};
	};
	union {
		uint64_t seq;
		uint32_t encaps_sig_handle_id;
		struct {
			uint32_t encaps_signals_count;
			uint32_t encaps_signals_q_idx;
		};
	};
	uint32_t num_chunks_restore;
	uint32_t num_chunks_execute;
	uint32_t timeout;
	uint32_t cs_flags;
	uint32_t ctx_id;
	uint8_t pad[4];
};

struct hlk_cs_out {
	union {
		uint64_t seq;
		struct {
			uint32_t handle_id;
			uint32_t count;
		};
	};
	uint32_t status;
	uint32_t sob_base_addr_offset;
	uint16_t sob_count_before_submission;
	uint16_t pad[3];
};

union hlk_cs_args {
	struct hlk_cs_in in;
	struct hlk_cs_out out;
};

/* ------------------------------------------------------------------ */
/* WAIT_CS                                                             */
/* ------------------------------------------------------------------ */

#define HLK_WAIT_CS_FLAGS_INTERRUPT 0x2u
#define HLK_WAIT_CS_FLAGS_INTERRUPT_MASK 0xFFF00000u
#define HLK_WAIT_CS_FLAGS_INTERRUPT_SHIFT 20u
#define HLK_WAIT_CS_FLAGS_ANY_CQ_INTERRUPT 0xFFF00000u
#define HLK_WAIT_CS_FLAGS_ANY_DEC_INTERRUPT 0xFFE00000u
#define HLK_WAIT_CS_FLAGS_MULTI_CS 0x4u
#define HLK_WAIT_CS_FLAGS_INTERRUPT_KERNEL_CQ 0x10u
#define HLK_WAIT_CS_FLAGS_REGISTER_INTERRUPT 0x20u
#define HLK_WAIT_MULTI_CS_LIST_MAX_LEN 32u
#define HLK_WAIT_FOREVER 0x7FFFFFFFFFFFFFFFull

struct hlk_wait_cs_in {
	union {
		struct {
			uint64_t seq;
			uint64_t timeout_us;
		};
		struct {
			union {
				uint64_t addr;
				uint64_t cq_counters_handle;
			};
			uint64_t target;
		};
	};
	uint32_t ctx_id;
	uint32_t flags;
	union {
		struct {
			uint8_t seq_arr_len;
			uint8_t pad[7];
		};
		uint64_t interrupt_timeout_us;
	};
	uint64_t cq_counters_offset;
	uint64_t timestamp_handle;
	uint64_t timestamp_offset;
};

#define HLK_WAIT_CS_STATUS_COMPLETED 0u
#define HLK_WAIT_CS_STATUS_BUSY 1u
#define HLK_WAIT_CS_STATUS_TIMEDOUT 2u
#define HLK_WAIT_CS_STATUS_ABORTED 3u
#define HLK_WAIT_CS_STATUS_FLAG_GONE 0x1u
#define HLK_WAIT_CS_STATUS_FLAG_TIMESTAMP_VLD 0x2u

struct hlk_wait_cs_out {
	uint32_t status;
	uint32_t flags;
	int64_t timestamp_nsec;
	uint32_t cs_completion_map;
	uint32_t pad;
};

union hlk_wait_cs_args {
	struct hlk_wait_cs_in in;
	struct hlk_wait_cs_out out;
};

/* ------------------------------------------------------------------ */
/* MEMORY                                                              */
/* ------------------------------------------------------------------ */

#define HLK_MEM_OP_ALLOC 0u
#define HLK_MEM_OP_FREE 1u
#define HLK_MEM_OP_MAP 2u
#define HLK_MEM_OP_UNMAP 3u
#define HLK_MEM_OP_MAP_BLOCK 4u
#define HLK_MEM_OP_EXPORT_DMABUF_FD 5u
#define HLK_MEM_OP_TS_ALLOC 6u

#define HLK_MEM_CONTIGUOUS 0x1u
#define HLK_MEM_SHARED 0x2u
#define HLK_MEM_USERPTR 0x4u
#define HLK_MEM_FORCE_HINT 0x8u
#define HLK_MEM_PREFETCH 0x40u

#define HLK_TS_MAX_ELEMENTS_NUM (1u << 20)

struct hlk_mem_in {
	union {
		struct {
			uint64_t mem_size;
			uint64_t page_size;
		} alloc;
		struct {
			uint64_t handle;
		} free;
		struct {
			uint64_t hint_addr;
			uint64_t handle;
		} map_device;
		struct {
			uint64_t host_virt_addr;
			uint64_t hint_addr;
			uint64_t mem_size;
		} map_host;
		struct {
			uint64_t block_addr;
		} map_block;
		struct {
			uint64_t device_virt_addr;
		} unmap;
		/* 6.3+: by device address */
		struct {
			uint64_t addr;
			uint64_t mem_size;
			uint64_t offset;
		} export_dmabuf_fd;
		/* 6.1: by handle / physical address */
		struct {
			uint64_t handle;
			uint64_t mem_size;
		} export_dmabuf_fd_v1;
	};
	uint32_t op;
	uint32_t flags;
	uint32_t ctx_id;
	uint32_t num_of_elements;
};

struct hlk_mem_out {
	union {
		uint64_t device_virt_addr;
		uint64_t handle;
		struct {
			uint64_t block_handle;
			uint32_t block_size;
			uint32_t pad;
		};
		int32_t fd;
	};
};

union hlk_mem_args {
	struct hlk_mem_in in;
	struct hlk_mem_out out;
};

/* ------------------------------------------------------------------ */
/* DEBUG                                                               */
/* ------------------------------------------------------------------ */

#define HLK_DEBUG_MAX_AUX_VALUES 10u

struct hlk_debug_params_etr {
	uint64_t buffer_address;
	uint64_t buffer_size;
	uint32_t sink_mode;
	uint32_t pad;
};

struct hlk_debug_params_etf {
	uint64_t buffer_address;
	uint64_t buffer_size;
	uint32_t sink_mode;
	uint32_t pad;
};

struct hlk_debug_params_stm {
	uint64_t he_mask;
	uint64_t sp_mask;
	uint32_t id;
	uint32_t frequency;
};

struct hlk_debug_params_bmon {
	uint64_t start_addr0;
	uint64_t addr_mask0;
	uint64_t start_addr1;
	uint64_t addr_mask1;
	uint32_t bw_win;
	uint32_t win_capture;
	uint32_t id;
	uint32_t control;
	uint64_t start_addr2;
	uint64_t end_addr2;
	uint64_t start_addr3;
	uint64_t end_addr3;
};

struct hlk_debug_params_spmu {
	uint64_t event_types[HLK_DEBUG_MAX_AUX_VALUES];
	uint32_t event_types_num;
	uint32_t pmtrc_val;
	uint32_t trc_ctrl_host_val;
	uint32_t trc_en_host_val;
};

#define HLK_DEBUG_OP_ETR 0u
#define HLK_DEBUG_OP_ETF 1u
#define HLK_DEBUG_OP_STM 2u
#define HLK_DEBUG_OP_FUNNEL 3u
#define HLK_DEBUG_OP_BMON 4u
#define HLK_DEBUG_OP_SPMU 5u
#define HLK_DEBUG_OP_TIMESTAMP 6u
#define HLK_DEBUG_OP_SET_MODE 7u

struct hlk_debug_args {
	uint64_t input_ptr;
	uint64_t output_ptr;
	uint32_t input_size;
	uint32_t output_size;
	uint32_t op;
	uint32_t reg_idx;
	uint32_t enable;
	uint32_t ctx_id;
};

/* ------------------------------------------------------------------ */
/* Command-buffer packets (common header)                              */
/* ------------------------------------------------------------------ */

#define HLK_PKT_CTL_OPCODE_SHIFT 24u
#define HLK_PKT_CTL_OPCODE_MASK 0x1F000000u
#define HLK_PKT_CTL_EB (1u << 29)
#define HLK_PKT_CTL_RB (1u << 30)
#define HLK_PKT_CTL_MB (1u << 31)
#define HLK_PKT_CTL_PRED_MASK 0x1Fu

#define HLK_PACKET_WREG_32 0x1u
#define HLK_PACKET_WREG_BULK 0x2u
#define HLK_PACKET_MSG_LONG 0x3u
#define HLK_PACKET_MSG_SHORT 0x4u
#define HLK_PACKET_CP_DMA 0x5u
#define HLK_PACKET_REPEAT 0x6u
#define HLK_PACKET_MSG_PROT 0x7u
#define HLK_PACKET_FENCE 0x8u
#define HLK_PACKET_LIN_DMA 0x9u
#define HLK_PACKET_NOP 0xAu
#define HLK_PACKET_STOP 0xBu
#define HLK_PACKET_ARB_POINT 0xCu
#define HLK_PACKET_WAIT 0xDu
#define HLK_PACKET_CB_LIST 0xEu
#define HLK_PACKET_LOAD_AND_EXE 0xFu
#define HLK_PACKET_WRITE_ARC_STREAM 0x10u
#define HLK_PACKET_LAST_READ_FROM_ARC 0x11u
#define HLK_PACKET_WREG_64_SHORT 0x12u
#define HLK_PACKET_WREG_64_LONG 0x13u

/* LIN_DMA ctl bits */
#define HLK_LIN_DMA_GAUDI_WR_COMP_EN (1u << 0)
#define HLK_LIN_DMA_GAUDI_LIN (1u << 3)
#define HLK_LIN_DMA_GAUDI_MEMSET (1u << 4)
#define HLK_LIN_DMA_GAUDI2_WRCOMP (1u << 0)
#define HLK_LIN_DMA_GAUDI2_MEMSET (1u << 4)
#define HLK_LIN_DMA_GAUDI2_ENDIAN_SHIFT 1u
#define HLK_LIN_DMA_GAUDI2_ENDIAN_MASK (3u << 1)
#define HLK_LIN_DMA_GOYA_WRCOMP (1u << 2)
#define HLK_LIN_DMA_GOYA_MEMSET (1u << 6)
#define HLK_LIN_DMA_GOYA_DIR_SHIFT 20u
#define HLK_LIN_DMA_GOYA_DIR_MASK (7u << 20)

/* MSG_LONG / MSG_SHORT ctl bits */
#define HLK_MSG_CTL_WEAKLY_ORDERED (1u << 16)
#define HLK_MSG_CTL_NO_SNOOP (1u << 17)
#define HLK_MSG_CTL_OP_SHIFT 20u
#define HLK_MSG_CTL_OP_MASK (3u << 20)
#define HLK_MSG_SHORT_ADDR_OFFSET_MASK 0xFFFFu
#define HLK_MSG_SHORT_BASE_SHIFT 22u
#define HLK_MSG_SHORT_BASE_MASK (3u << 22)

/* FENCE cfg bits */
#define HLK_FENCE_DEC_VAL_MASK 0xFu
#define HLK_FENCE_TARGET_VAL_SHIFT 16u
#define HLK_FENCE_TARGET_VAL_MASK (0xFFu << 16)
#define HLK_FENCE_ID_SHIFT 30u
#define HLK_FENCE_ID_MASK (3u << 30)

/* packet sizes in bytes */
#define HLK_PKT_SIZE_SHORT 8u   /* WREG_32, MSG_SHORT, FENCE, NOP, STOP, ... */
#define HLK_PKT_SIZE_MSG_LONG 16u
#define HLK_PKT_SIZE_LIN_DMA 24u
#define HLK_PKT_SIZE_CP_DMA 16u
#define HLK_PKT_SIZE_CB_LIST 24u
#define HLK_PKT_SIZE_LOAD_AND_EXE 16u

/* ------------------------------------------------------------------ */
/* Queue ids                                                           */
/* ------------------------------------------------------------------ */

#define HLK_GOYA_QUEUE_ID_DMA_0 0u
#define HLK_GOYA_QUEUE_ID_CPU_PQ 5u
#define HLK_GOYA_QUEUE_ID_MME 6u
#define HLK_GOYA_QUEUE_ID_TPC7 14u
#define HLK_GOYA_QUEUE_ID_SIZE 15u

#define HLK_GAUDI_QUEUE_ID_DMA_0_0 0u
#define HLK_GAUDI_QUEUE_ID_DMA_1_3 7u
#define HLK_GAUDI_QUEUE_ID_CPU_PQ 8u
#define HLK_GAUDI_QUEUE_ID_DMA_2_0 9u
#define HLK_GAUDI_QUEUE_ID_NIC_0_0 73u
#define HLK_GAUDI_QUEUE_ID_SIZE 113u

#define HLK_GAUDI2_QUEUE_ID_PDMA_0_0 0u
#define HLK_GAUDI2_QUEUE_ID_PDMA_1_3 7u
#define HLK_GAUDI2_QUEUE_ID_DCORE0_EDMA_0_0 8u
#define HLK_GAUDI2_QUEUE_ID_NIC_0_0 156u
#define HLK_GAUDI2_QUEUE_ID_ROT_0_0 252u
#define HLK_GAUDI2_QUEUE_ID_CPU_PQ 260u
#define HLK_GAUDI2_QUEUE_ID_SIZE 261u

/* ------------------------------------------------------------------ */
/* Address map facts                                                   */
/* ------------------------------------------------------------------ */

#define HLK_GAUDI_SRAM_BASE 0x7FF0000000ull
#define HLK_GAUDI_SRAM_SIZE (20ull << 20)
#define HLK_GAUDI_DRAM_USER_BASE 0x20000000ull
#define HLK_GAUDI_SRAM_RESERVED 0x80ull
#define HLK_GAUDI_CFG_BASE 0x7FFC000000ull

#define HLK_GAUDI2_CFG_BASE 0x1000007FF8000000ull
#define HLK_GAUDI2_SRAM_BASE 0x1000FFFFFD000000ull
#define HLK_GAUDI2_SRAM_SIZE (48ull << 20)
#define HLK_GAUDI2_DRAM_PHYS_BASE 0x1001000000000000ull
#define HLK_GAUDI2_HOST_VA_START 0xFFF0000000000000ull
#define HLK_GAUDI2_HOST_VA_HUGE_START 0xFFF0800000000000ull
#define HLK_GAUDI2_HOST_VA_END 0xFFF1000000000000ull

#define HLK_GOYA_HOST_VA_START 0x1000000000000ull
#define HLK_GOYA_HOST_VA_END 0x3FF8000000000ull
#define HLK_GAUDI_HOST_VA_START 0x1000000000000ull
#define HLK_GAUDI_HOST_VA_END 0x3FF8000000000ull

#define HLK_WAIT_USER_INTERRUPT_ANY_CQ 0xFFFu
#define HLK_WAIT_USER_INTERRUPT_ANY_DEC 0xFFEu

/* layout sanity, checked at compile time on every build */
#define HLK_ASSERT_SIZE(t, n) _Static_assert(sizeof(t) == (n), #t " size")
HLK_ASSERT_SIZE(struct hlk_info_args, 24);
HLK_ASSERT_SIZE(struct hlk_info_hw_ip_info, 304);
HLK_ASSERT_SIZE(struct hlk_info_hw_idle, 40);
HLK_ASSERT_SIZE(struct hlk_info_time_sync, 24);
HLK_ASSERT_SIZE(struct hlk_info_cs_counters, 96);
HLK_ASSERT_SIZE(struct hlk_info_clk_throttle, 40);
HLK_ASSERT_SIZE(struct hlk_open_stats_info, 24);
HLK_ASSERT_SIZE(struct hlk_info_razwi_event_v1, 24);
HLK_ASSERT_SIZE(struct hlk_info_razwi_event, 280);
HLK_ASSERT_SIZE(struct hlk_info_undefined_opcode_event, 288);
HLK_ASSERT_SIZE(struct hlk_info_sec_attest, 3592);
HLK_ASSERT_SIZE(struct hlk_info_signed, 7944);
HLK_ASSERT_SIZE(struct hlk_page_fault_info, 24);
HLK_ASSERT_SIZE(struct hlk_hbm_row_info, 8);
HLK_ASSERT_SIZE(union hlk_cb_args, 24);
HLK_ASSERT_SIZE(struct hlk_cs_chunk, 64);
HLK_ASSERT_SIZE(union hlk_cs_args, 48);
HLK_ASSERT_SIZE(union hlk_wait_cs_args, 56);
HLK_ASSERT_SIZE(union hlk_mem_args, 40);
HLK_ASSERT_SIZE(struct hlk_debug_args, 40);
HLK_ASSERT_SIZE(struct hlk_debug_params_bmon, 80);
HLK_ASSERT_SIZE(struct hlk_debug_params_spmu, 96);
HLK_ASSERT_SIZE(struct hlk_drm_version, 64);

/* ------------------------------------------------------------------ */
/* Habana's out-of-tree driver only                                    */
/* ------------------------------------------------------------------ */

/* INFO requests the in-tree driver does not know (it answers -EINVAL) */
#define HLK_INFO_HABANA_LINK_STATE 19u
#define HLK_INFO_HABANA_LINK_COUNTERS 20u
#define HLK_INFO_TIME_SYNC_PER_DIE 39u
#define HLK_INFO_MEMORY_CONSUMPTION 41u
#define HLK_INFO_CONFIG_DRM_ACCEL_ENABLED 42u
#define HLK_INFO_MODULE_PARAMS 255u

#define HLK_MEM_ODP 0x20u
#define HLK_MEM_OP_REG_DMABUF_FD 99u
#define HLK_CS_FLAGS_FLUSH_HBW_WRITES_FSE 0x20000u
#define HLK_CMD_NIC 7u /* accel nr HLK_DRM_COMMAND_BASE + 6 */

/* INFO 39: the argument block is read (die_index) and written back */
struct hlk_info_time_sync_per_die {
	uint32_t die_index;
	uint32_t pad;
	uint64_t device_time;
	uint64_t host_time;
	uint64_t tsc_time;
};

/* INFO 41: input only; return_size must be exactly its size */
struct hlk_info_memory_consumption {
	uint64_t used_mem;
	uint64_t timestamp_sec;
};

struct hlk_info_habana_link_state {
	uint8_t up;
	uint8_t port_open;
	uint8_t link_qual;
	uint8_t pad[5];
};

#define HLK_HABANA_LINK_CNT_MAX_NUM 256u
#define HLK_HABANA_LINK_STR_LEN 32u
struct hlk_info_habana_link_counters {
	uint64_t str_buf_ptr;
	uint64_t val_buf_ptr;
	uint32_t num_of_stat;
	uint32_t pad;
};

/* DEBUG requests the in-tree driver does not know (it answers -EINVAL) */
#define HLK_DEBUG_OP_FETCH_TRACE 8u
#define HLK_DEBUG_OP_DIO 9u
#define HLK_DEBUG_OP_READMEM 1024u  /* simulator builds of the driver only */
#define HLK_DEBUG_OP_MEMCPY 1025u   /* simulator builds of the driver only */
#define HLK_DEBUG_OP_SCHED_SUBMIT_BUF 1031u
#define HLK_DEBUG_OP_READBLOCK 1032u
#define HLK_DEBUG_OP_ENABLE_ERR_INFO_CAPTURE 1033u
#define HLK_DEBUG_MAX_READ_BLOCK_SIZE 16384u /* 4 pages of 4 KiB */
#define HLK_DEBUG_MAX_SCHED_BUF_SIZE 4096u   /* not in the uapi header */
#define HLK_DEBUG_FETCH_STATUS_OK 0u
#define HLK_DEBUG_FETCH_STATUS_EMPTY 1u
#define HLK_DEBUG_FETCH_STATUS_STOPPED 2u
#define HLK_DIO_CMD_SSD2HL 1u
#define HLK_DIO_CMD_HL2SSD 2u

/* op 8: the addresses are the caller's memory */
struct hlk_debug_params_fetch_trace {
	uint64_t buffer_address;
	uint64_t buffer_size;
	uint64_t buffer_index_address;
	uint64_t copied_size_addr;
	uint32_t etr_id;
	uint32_t timeout_ms;
};

/* op 1031: input_size must be exactly its size */
struct hlk_debug_params_scheduler {
	uint64_t cpu_id;
	uint64_t queue_id;
	uint64_t buffer; /* the caller's memory, size bytes */
	uint32_t size;
	uint32_t reserved;
};

/* op 1032: input_size must be exactly its size */
struct hlk_debug_params_read_block {
	uint64_t cfg_address;
	uint64_t user_address;
	uint32_t size;
	uint32_t flags;
};

/* op 9 (the header's struct hl_dio_args, its ssd2hl member flattened):
 * input_size must be exactly its size; the driver writes the bytes read,
 * a size_t, to output_ptr */
struct hlk_dio_args {
	uint64_t device_va;
	uint64_t off_bytes;
	uint64_t len_bytes;
	uint32_t fd;
	uint32_t pad0;
	uint32_t op;
	uint32_t pad1;
};

/* INFO 255: the driver's module parameters */
struct hlk_info_module_params {
	uint64_t tpc_mask;
	uint32_t gaudi_huge_page_optimization;
	uint32_t timeout_locked;
	uint32_t reset_on_lockup;
	uint32_t pldm;
	uint32_t mmu_enable;
	uint32_t clock_gating;
	uint32_t mme_enable;
	uint32_t nic_ports_mask;
	uint32_t dram_enable;
	uint32_t cpu_enable;
	uint32_t reset_pcilink;
	uint32_t config_pll;
	uint32_t cpu_queues_enable;
	uint32_t fw_loading;
	uint32_t heartbeat;
	uint32_t axi_drain;
	uint32_t security_enable;
	uint32_t sram_scrambler_enable;
	uint32_t dram_scrambler_enable;
	uint32_t cache_enabled;
	uint32_t hbm_ecc_enable;
	uint32_t compatibility_mode;
	uint32_t hard_reset_on_fw_events;
	uint32_t decoder_mask;
	uint32_t rotator_mask;
	uint32_t dram_page_scrub;
	uint32_t clock_gating_ext;
	uint32_t fw_loading_ext;
	uint32_t nic_lanes_per_port;
	uint32_t pad; /* the header's struct ends with the compiler's padding */
};

HLK_ASSERT_SIZE(struct hlk_debug_params_fetch_trace, 40);
HLK_ASSERT_SIZE(struct hlk_debug_params_scheduler, 32);
HLK_ASSERT_SIZE(struct hlk_debug_params_read_block, 24);
HLK_ASSERT_SIZE(struct hlk_dio_args, 40);
HLK_ASSERT_SIZE(struct hlk_info_module_params, 128);
HLK_ASSERT_SIZE(struct hlk_info_time_sync_per_die, 32);
HLK_ASSERT_SIZE(struct hlk_info_memory_consumption, 16);
HLK_ASSERT_SIZE(struct hlk_info_habana_link_state, 8);
HLK_ASSERT_SIZE(struct hlk_info_habana_link_counters, 24);

#endif /* HLACCEL_KABI_H */
