/* SPDX-License-Identifier: MIT */
/*
 * hlaccel - userspace library for the Linux habanalabs accelerator driver.
 *
 * Conventions (hlaccel(7) and docs/ABI.md say more):
 *  - every function returns 0, or a non-negative count where its man page
 *    says so, on success and a negative errno value on failure; errno is
 *    unspecified afterwards;
 *  - devices are opaque handles; results come back through out-parameters;
 *  - a struct whose first member is "uint32_t sz" is size-prefixed: the
 *    caller sets sz to sizeof the struct it was built with (HLA_STRUCT_INIT
 *    does that and zeroes the rest).  The library reads and writes only the
 *    first sz bytes.  In input structs, reserved fields must be zero
 *    (-EINVAL) and bytes beyond what the library knows must be zero
 *    (-E2BIG).  Output structs carry a "valid" mask: the library sets the
 *    bit of every field it filled with data, so 0 can be told apart from
 *    "not provided by this library, driver or device";
 *  - sizes: size_t for memory this process addresses (buffers, mappings,
 *    host ranges), uint64_t for device memory and device address ranges;
 *    counts and indexes are uint32_t; options are uint32_t flags;
 *  - nothing is printed; every call is thread-safe; the only global state
 *    is the set of fds handles own (hla_device_open_fd).  Command
 *    submission and waits neither allocate nor lock.
 */
#ifndef HLACCEL_HLACCEL_H
#define HLACCEL_HLACCEL_H

#include <stddef.h>
#include <stdint.h>

#include <hlaccel/hlaccel_version.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------ */
/* Library version                                                     */
/* ------------------------------------------------------------------ */

/* HLA_VERSION_MAJOR, _MINOR and _PATCH come from hlaccel_version.h. */
#define HLA_VERSION_CODE(major, minor, patch) \
	(((major) << 16) | ((minor) << 8) | (patch))
#define HLA_VERSION \
	HLA_VERSION_CODE(HLA_VERSION_MAJOR, HLA_VERSION_MINOR, HLA_VERSION_PATCH)
/* true when the header is at least major.minor.patch (compile time) */
#define HLA_CHECK_VERSION(major, minor, patch) \
	(HLA_VERSION >= HLA_VERSION_CODE(major, minor, patch))

/* HLA_VERSION_CODE of the library running the program */
int hla_version(void);

/* Declare a zeroed size-prefixed struct with sz set:
 *     HLA_STRUCT_INIT(hla_hw_ip_info, info);                              */
#define HLA_STRUCT_INIT(type, name) \
	struct type name = { .sz = (uint32_t)sizeof(struct type) }

#define HLA_BIT(n) (1ull << (n))

/* ------------------------------------------------------------------ */
/* Devices: discovery and open                                         */
/* ------------------------------------------------------------------ */

struct hla_device;
struct hla_devlist;

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
	HLA_ASIC_GAUDI2E = 9,
	HLA_ASIC_GAUDI3D = 10, /* Gaudi3, PCI revision 4 (Habana's driver) */
	HLA_ASIC_GAUDI3E = 11, /* Gaudi3, PCI revision 5 (Habana's driver) */
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

/* which driver runs the device */
enum hla_driver {
	HLA_DRIVER_UNKNOWN = 0,
	HLA_DRIVER_UPSTREAM = 1, /* the kernel's own habanalabs driver */
	HLA_DRIVER_HABANA = 2,   /* Habana's out-of-tree habanalabs driver */
};

/* Capabilities of the driver behind a device, decided from what the driver
 * reports (hlaccel(7) lists how each is decided). */
#define HLA_CAP_DMABUF_ADDR HLA_BIT(0)      /* export by device address */
#define HLA_CAP_DMABUF_OFFSET HLA_BIT(1)    /* export honours an offset */
#define HLA_CAP_DMABUF_HANDLE HLA_BIT(2)    /* export by allocation handle */
#define HLA_CAP_DMABUF_PHYS HLA_BIT(3)      /* export by DRAM physical address */
#define HLA_CAP_RAZWI_EXT HLA_BIT(4)        /* RAZWI record with engine list */
#define HLA_CAP_ENGINES HLA_BIT(5)          /* hla_engines_control */
#define HLA_CAP_FLUSH_HBW HLA_BIT(6)        /* hla_cs_flush_pci_hbw_writes */
#define HLA_CAP_INFO_PAGE_FAULT HLA_BIT(7)  /* page fault, user mappings (and, in
					     * 1.0, the firmware request) */
#define HLA_CAP_INFO_ERR_EVENTS HLA_BIT(8)  /* hw and fw error records (and, in
					     * 1.0, the engine error record) */
#define HLA_CAP_INFO_DEV_SIGNED HLA_BIT(9)  /* hla_info_dev_signed */
#define HLA_CAP_EVENTFD_CONTROL HLA_BIT(10) /* eventfd on a control node */
#define HLA_CAP_HW_IP_EXT HLA_BIT(11)       /* revision, tpc interrupt, ... */
#define HLA_CAP_HW_IDLE_EXT HLA_BIT(12)     /* four busy-engine mask words */
#define HLA_CAP_TIME_SYNC_TSC HLA_BIT(13)   /* time sync reports the TSC */
#define HLA_CAP_HABANA_EXT HLA_BIT(14)      /* Habana driver's additions */
#define HLA_CAP_INFO_HABANA HLA_BIT(15)     /* Habana driver's own INFO requests */
#define HLA_CAP_INFO_FW_REQ HLA_BIT(16)     /* hla_info_fw_generic_req (since 1.1) */
#define HLA_CAP_INFO_ENGINE_ERR HLA_BIT(17) /* engine error record (since 1.1) */
#define HLA_CAP_MEM_ODP HLA_BIT(18)         /* HLA_MEM_ODP (since 1.1) */
#define HLA_CAP_DEBUG_HABANA HLA_BIT(19)    /* Habana driver's own DEBUG ops (since 1.1) */
#define HLA_CAP_FLUSH_HBW_FSE HLA_BIT(20)   /* hla_cs_flush_hbw_writes_fse (since 1.1) */

#define HLA_PATH_MAX 64
#define HLA_BUS_ID_MAX 16
#define HLA_NAME_MAX 32

struct hla_device_desc {
	uint32_t sz;
	uint32_t reserved0;
	uint64_t valid;          /* HLA_DESC_* */
	uint64_t caps;           /* HLA_CAP_* (from sysfs for a list entry; from
				  * the driver itself for an open handle) */
	uint32_t index;          /* position in the enumeration */
	uint32_t minor;          /* N of /dev/accel/accelN or /dev/hlN */
	uint32_t interface;      /* enum hla_interface */
	uint32_t asic;           /* enum hla_asic */
	uint32_t pci_device_id;
	uint32_t pci_revision;
	uint32_t module_id;
	uint32_t status;         /* enum hla_device_status */
	uint32_t is_control;     /* 1 for a control-node handle */
	uint32_t driver;         /* enum hla_driver */
	uint32_t driver_version; /* HLA_VERSION_CODE form */
	uint32_t kernel_version; /* running kernel, HLA_VERSION_CODE form */
	int32_t numa_node;
	uint32_t reserved1;
	char node[HLA_PATH_MAX];          /* compute node */
	char control_node[HLA_PATH_MAX];  /* control node */
	char pci_bus_id[HLA_BUS_ID_MAX];  /* "0000:19:00.0" */
	char device_type[HLA_NAME_MAX];   /* sysfs device_type, e.g. "GAUDI2" */
	char driver_version_str[HLA_NAME_MAX];
	/* since 1.1 */
	uint64_t caps_probe;     /* bits of caps the driver confirms on first use */
	uint32_t drm_version;    /* DRM_IOCTL_VERSION answer, HLA_VERSION_CODE form */
	uint32_t reserved2;
};
#define HLA_DESC_CAPS HLA_BIT(0)
#define HLA_DESC_INDEX HLA_BIT(1)
#define HLA_DESC_MINOR HLA_BIT(2)
#define HLA_DESC_INTERFACE HLA_BIT(3)
#define HLA_DESC_ASIC HLA_BIT(4)
#define HLA_DESC_PCI_DEVICE_ID HLA_BIT(5)
#define HLA_DESC_PCI_REVISION HLA_BIT(6)
#define HLA_DESC_MODULE_ID HLA_BIT(7)
#define HLA_DESC_STATUS HLA_BIT(8)
#define HLA_DESC_IS_CONTROL HLA_BIT(9)
#define HLA_DESC_DRIVER HLA_BIT(10)
#define HLA_DESC_DRIVER_VERSION HLA_BIT(11)
#define HLA_DESC_KERNEL_VERSION HLA_BIT(12)
#define HLA_DESC_NUMA_NODE HLA_BIT(13)
#define HLA_DESC_NODE HLA_BIT(14)
#define HLA_DESC_CONTROL_NODE HLA_BIT(15)
#define HLA_DESC_PCI_BUS_ID HLA_BIT(16)
#define HLA_DESC_DEVICE_TYPE HLA_BIT(17)
#define HLA_DESC_DRIVER_VERSION_STR HLA_BIT(18)
#define HLA_DESC_CAPS_PROBE HLA_BIT(19)
#define HLA_DESC_DRM_VERSION HLA_BIT(20)

/* Discovery reads sysfs only and never opens a compute node. */
int hla_device_count(uint32_t *count);

/* A snapshot of the devices, read in one pass; flags must be 0. */
int hla_devlist_create(uint32_t flags, struct hla_devlist **list);
int hla_devlist_count(const struct hla_devlist *list, uint32_t *count);
int hla_devlist_describe(const struct hla_devlist *list, uint32_t index,
			 struct hla_device_desc *desc);
int hla_devlist_open(const struct hla_devlist *list, uint32_t index,
		     uint32_t flags, struct hla_device **dev);
/* NULL is accepted and ignored */
void hla_devlist_destroy(struct hla_devlist *list);

/* open flags */
#define HLA_OPEN_CONTROL 0x1u /* the control node: INFO only, never busy */
#define HLA_OPEN_RETRY 0x2u   /* retry EAGAIN (previous user releasing) for up to 5 s */
#define HLA_OPEN_FD_ADOPT 0x4u /* hla_device_open_fd: the handle takes the fd */
#define HLA_OPEN_FD_DUP 0x8u   /* hla_device_open_fd: the handle owns a duplicate */

int hla_device_open_index(uint32_t index, uint32_t flags,
			  struct hla_device **dev);
int hla_device_open_path(const char *path, uint32_t flags,
			 struct hla_device **dev);
/* bus id with or without the PCI domain ("19:00.0", "0000:19:00.0") */
int hla_device_open_pci(const char *bus_id, uint32_t flags,
			struct hla_device **dev);
int hla_device_open_module(uint32_t module_id, uint32_t flags,
			   struct hla_device **dev);
/*
 * A handle on an fd opened elsewhere (compute or control node).  By default
 * the fd is borrowed: the caller keeps it open while the handle lives and
 * closing the handle never closes it.  HLA_OPEN_FD_ADOPT hands the fd over
 * (closed by hla_device_close, or still the caller's on failure);
 * HLA_OPEN_FD_DUP keeps a private duplicate.
 */
int hla_device_open_fd(int fd, uint32_t flags, struct hla_device **dev);
/* Frees the handle and closes the fd it owns; NULL is accepted. */
int hla_device_close(struct hla_device *dev);

/* the device fd (>= 0), for poll() or passing on */
int hla_device_get_fd(const struct hla_device *dev);
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

/* After the header, the INFO structs have the driver's own layout, so the
 * driver writes the caller's struct directly. */
struct hla_hw_ip_info {
	uint32_t sz;
	uint32_t reserved0;
	uint64_t valid; /* HLA_HW_IP_* */
	uint64_t sram_base_address;
	uint64_t dram_base_address;
	uint64_t dram_size;
	uint32_t sram_size;
	uint32_t num_of_events;
	uint32_t device_id;
	uint32_t module_id;
	uint32_t decoder_enabled_mask;
	uint16_t first_available_interrupt_id;
	uint16_t server_type; /* HLA_SERVER_* */
	uint32_t cpld_version;
	uint32_t psoc_pci_pll_nr;
	uint32_t psoc_pci_pll_nf;
	uint32_t psoc_pci_pll_od;
	uint32_t psoc_pci_pll_div_factor;
	uint8_t tpc_enabled_mask;
	uint8_t dram_enabled;
	uint8_t security_enabled;
	uint8_t mme_master_slave_mode;
	char cpucp_version[HLA_INFO_VERSION_MAX]; /* NUL-terminated */
	char card_name[HLA_INFO_CARD_NAME_MAX];   /* NUL-terminated */
	uint64_t tpc_enabled_mask_ext;
	uint64_t dram_page_size;
	uint32_t edma_enabled_mask;
	uint16_t number_of_user_interrupts;
	uint8_t interposer_version;       /* Habana driver */
	uint8_t substrate_version;        /* Habana driver */
	uint64_t pdma_user_owned_ch_mask; /* Habana driver */
	uint64_t device_mem_alloc_default_page_size;
	uint64_t nic_ports_mask;          /* Habana driver */
	uint64_t nic_ports_external_mask; /* Habana driver */
	uint32_t mme_enabled_mask;        /* Habana driver */
	uint8_t odp_supported;            /* Habana driver */
	uint8_t revision_id;
	uint16_t tpc_interrupt_id;
	uint32_t rotator_enabled_mask;
	uint32_t sched_arc_enabled_mask;  /* Habana driver */
	uint64_t engine_core_interrupt_reg_addr;
	uint64_t reserved_dram_size;
	uint32_t asic; /* enum hla_asic, from device id, revision and device type */
	uint32_t reserved1;
};
#define HLA_HW_IP_SRAM_BASE_ADDRESS HLA_BIT(0)
#define HLA_HW_IP_DRAM_BASE_ADDRESS HLA_BIT(1)
#define HLA_HW_IP_DRAM_SIZE HLA_BIT(2)
#define HLA_HW_IP_DRAM_PAGE_SIZE HLA_BIT(3)
#define HLA_HW_IP_DEVICE_MEM_ALLOC_DEFAULT_PAGE_SIZE HLA_BIT(4)
#define HLA_HW_IP_TPC_ENABLED_MASK_EXT HLA_BIT(5)
#define HLA_HW_IP_ENGINE_CORE_INTERRUPT_REG_ADDR HLA_BIT(6)
#define HLA_HW_IP_RESERVED_DRAM_SIZE HLA_BIT(7)
#define HLA_HW_IP_NIC_PORTS_MASK HLA_BIT(8)
#define HLA_HW_IP_NIC_PORTS_EXTERNAL_MASK HLA_BIT(9)
#define HLA_HW_IP_PDMA_USER_OWNED_CH_MASK HLA_BIT(10)
#define HLA_HW_IP_ASIC HLA_BIT(11)
#define HLA_HW_IP_DEVICE_ID HLA_BIT(12)
#define HLA_HW_IP_SRAM_SIZE HLA_BIT(13)
#define HLA_HW_IP_NUM_OF_EVENTS HLA_BIT(14)
#define HLA_HW_IP_MODULE_ID HLA_BIT(15)
#define HLA_HW_IP_DECODER_ENABLED_MASK HLA_BIT(16)
#define HLA_HW_IP_CPLD_VERSION HLA_BIT(17)
#define HLA_HW_IP_PSOC_PCI_PLL HLA_BIT(18) /* the four psoc_pci_pll_* */
#define HLA_HW_IP_EDMA_ENABLED_MASK HLA_BIT(19)
#define HLA_HW_IP_ROTATOR_ENABLED_MASK HLA_BIT(20)
#define HLA_HW_IP_MME_ENABLED_MASK HLA_BIT(21)
#define HLA_HW_IP_SCHED_ARC_ENABLED_MASK HLA_BIT(22)
#define HLA_HW_IP_FIRST_AVAILABLE_INTERRUPT_ID HLA_BIT(23)
#define HLA_HW_IP_NUMBER_OF_USER_INTERRUPTS HLA_BIT(24)
#define HLA_HW_IP_SERVER_TYPE HLA_BIT(25)
#define HLA_HW_IP_TPC_INTERRUPT_ID HLA_BIT(26)
#define HLA_HW_IP_TPC_ENABLED_MASK HLA_BIT(27)
#define HLA_HW_IP_DRAM_ENABLED HLA_BIT(28)
#define HLA_HW_IP_SECURITY_ENABLED HLA_BIT(29)
#define HLA_HW_IP_MME_MASTER_SLAVE_MODE HLA_BIT(30)
#define HLA_HW_IP_REVISION_ID HLA_BIT(31)
#define HLA_HW_IP_ODP_SUPPORTED HLA_BIT(32)
#define HLA_HW_IP_INTERPOSER_VERSION HLA_BIT(33)
#define HLA_HW_IP_SUBSTRATE_VERSION HLA_BIT(34)
#define HLA_HW_IP_CPUCP_VERSION HLA_BIT(35)
#define HLA_HW_IP_CARD_NAME HLA_BIT(36)

/* server_type values */
#define HLA_SERVER_UNKNOWN 0u
#define HLA_SERVER_GAUDI_HLS1 1u
#define HLA_SERVER_GAUDI_HLS1H 2u
#define HLA_SERVER_GAUDI_TYPE1 3u
#define HLA_SERVER_GAUDI_TYPE2 4u
#define HLA_SERVER_GAUDI2_HLS2 5u
#define HLA_SERVER_GAUDI2_TYPE1 7u

int hla_info_hw_ip(struct hla_device *dev, struct hla_hw_ip_info *info);

/* Event counters since the last hard reset (or since load, aggregate).
 * Writes min(max, number of events) counters; *count = number of events. */
int hla_info_hw_events(struct hla_device *dev, uint32_t *counters,
		       uint32_t max, uint32_t *count);
int hla_info_hw_events_aggregate(struct hla_device *dev, uint32_t *counters,
				 uint32_t max, uint32_t *count);

struct hla_dram_usage {
	uint32_t sz;
	uint32_t reserved0;
	uint64_t valid; /* HLA_DRAM_USAGE_* */
	uint64_t dram_free_mem;
	uint64_t ctx_dram_mem;
};
#define HLA_DRAM_USAGE_DRAM_FREE_MEM HLA_BIT(0)
#define HLA_DRAM_USAGE_CTX_DRAM_MEM HLA_BIT(1)
int hla_info_dram_usage(struct hla_device *dev, struct hla_dram_usage *usage);

#define HLA_BUSY_ENGINES_WORDS 4
struct hla_hw_idle {
	uint32_t sz;
	uint32_t reserved0;
	uint64_t valid; /* HLA_HW_IDLE_* */
	uint32_t is_idle;
	uint32_t busy_engines_mask;
	uint64_t busy_engines_mask_ext[HLA_BUSY_ENGINES_WORDS];
};
#define HLA_HW_IDLE_IS_IDLE HLA_BIT(0)
#define HLA_HW_IDLE_BUSY_ENGINES_MASK HLA_BIT(1)
#define HLA_HW_IDLE_BUSY_ENGINES_MASK_EXT HLA_BIT(2)    /* words 0 and 1 */
#define HLA_HW_IDLE_BUSY_ENGINES_MASK_EXT_HI HLA_BIT(3) /* words 2 and 3 */
int hla_info_hw_idle(struct hla_device *dev, struct hla_hw_idle *idle);

int hla_info_device_status(struct hla_device *dev, uint32_t *status);
int hla_info_utilization(struct hla_device *dev, uint32_t period_ms,
			 uint32_t *percent);
int hla_info_clk_rate(struct hla_device *dev, uint32_t *cur_mhz,
		      uint32_t *max_mhz);
int hla_info_reset_count(struct hla_device *dev, uint32_t *hard_resets,
			 uint32_t *soft_resets);

struct hla_time_sync {
	uint32_t sz;
	uint32_t reserved0;
	uint64_t valid; /* HLA_TIME_SYNC_* */
	uint64_t device_time;
	uint64_t host_time; /* CLOCK_MONOTONIC_RAW ns */
	uint64_t tsc_time;
};
#define HLA_TIME_SYNC_DEVICE_TIME HLA_BIT(0)
#define HLA_TIME_SYNC_HOST_TIME HLA_BIT(1)
#define HLA_TIME_SYNC_TSC_TIME HLA_BIT(2)
int hla_info_time_sync(struct hla_device *dev, struct hla_time_sync *ts);
/* Habana's driver (HLA_CAP_INFO_HABANA): the time of one die of a
 * multi-die device (die 0 is always there); since 1.1 */
int hla_info_time_sync_die(struct hla_device *dev, uint32_t die,
			   struct hla_time_sync *out);
/* Habana's driver (HLA_CAP_INFO_HABANA): tell the firmware how much device
 * memory the caller uses, as of timestamp_sec; since 1.1 */
int hla_info_report_memory(struct hla_device *dev, uint64_t used_bytes,
			   uint64_t timestamp_sec);

/* Habana's driver (HLA_CAP_INFO_HABANA): the state of one NIC port's link;
 * since 1.1 */
struct hla_link_state {
	uint32_t sz;
	uint32_t reserved0;
	uint64_t valid; /* HLA_LINK_STATE_* */
	uint8_t up;        /* 1: the link is up */
	uint8_t port_open; /* 1: the port is open */
	uint8_t quality;   /* HLA_LINK_QUAL_* */
	uint8_t reserved1[5];
};
#define HLA_LINK_STATE_UP HLA_BIT(0)
#define HLA_LINK_STATE_PORT_OPEN HLA_BIT(1)
#define HLA_LINK_STATE_QUALITY HLA_BIT(2)
#define HLA_LINK_QUAL_POOR 0u
#define HLA_LINK_QUAL_GOOD 1u
#define HLA_LINK_QUAL_EXCELLENT 2u
int hla_info_link_state(struct hla_device *dev, uint32_t port,
			struct hla_link_state *out);
/* the counters of one port's link: names[i] and values[i], *count of them;
 * both arrays must hold HLA_LINK_COUNTERS_MAX entries; since 1.1 */
#define HLA_LINK_COUNTERS_MAX 256u
#define HLA_LINK_COUNTER_NAME_LEN 32u
int hla_info_link_counters(struct hla_device *dev, uint32_t port,
			   char (*names)[HLA_LINK_COUNTER_NAME_LEN], uint64_t *values,
			   uint32_t *count);

/* Habana's driver (HLA_CAP_INFO_HABANA): whether it was built with DRM
 * accel (INFO 42), and its module parameters (INFO 255); since 1.1 */
int hla_info_drm_accel_enabled(struct hla_device *dev, uint32_t *enabled);
struct hla_module_params {
	uint32_t sz;
	uint32_t reserved0;
	uint64_t valid; /* HLA_MODULE_PARAMS_* */
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
	uint32_t reserved1;
};
#define HLA_MODULE_PARAMS_TPC_MASK HLA_BIT(0)
#define HLA_MODULE_PARAMS_GAUDI_HUGE_PAGE_OPTIMIZATION HLA_BIT(1)
#define HLA_MODULE_PARAMS_TIMEOUT_LOCKED HLA_BIT(2)
#define HLA_MODULE_PARAMS_RESET_ON_LOCKUP HLA_BIT(3)
#define HLA_MODULE_PARAMS_PLDM HLA_BIT(4)
#define HLA_MODULE_PARAMS_MMU_ENABLE HLA_BIT(5)
#define HLA_MODULE_PARAMS_CLOCK_GATING HLA_BIT(6)
#define HLA_MODULE_PARAMS_MME_ENABLE HLA_BIT(7)
#define HLA_MODULE_PARAMS_NIC_PORTS_MASK HLA_BIT(8)
#define HLA_MODULE_PARAMS_DRAM_ENABLE HLA_BIT(9)
#define HLA_MODULE_PARAMS_CPU_ENABLE HLA_BIT(10)
#define HLA_MODULE_PARAMS_RESET_PCILINK HLA_BIT(11)
#define HLA_MODULE_PARAMS_CONFIG_PLL HLA_BIT(12)
#define HLA_MODULE_PARAMS_CPU_QUEUES_ENABLE HLA_BIT(13)
#define HLA_MODULE_PARAMS_FW_LOADING HLA_BIT(14)
#define HLA_MODULE_PARAMS_HEARTBEAT HLA_BIT(15)
#define HLA_MODULE_PARAMS_AXI_DRAIN HLA_BIT(16)
#define HLA_MODULE_PARAMS_SECURITY_ENABLE HLA_BIT(17)
#define HLA_MODULE_PARAMS_SRAM_SCRAMBLER_ENABLE HLA_BIT(18)
#define HLA_MODULE_PARAMS_DRAM_SCRAMBLER_ENABLE HLA_BIT(19)
#define HLA_MODULE_PARAMS_CACHE_ENABLED HLA_BIT(20)
#define HLA_MODULE_PARAMS_HBM_ECC_ENABLE HLA_BIT(21)
#define HLA_MODULE_PARAMS_COMPATIBILITY_MODE HLA_BIT(22)
#define HLA_MODULE_PARAMS_HARD_RESET_ON_FW_EVENTS HLA_BIT(23)
#define HLA_MODULE_PARAMS_DECODER_MASK HLA_BIT(24)
#define HLA_MODULE_PARAMS_ROTATOR_MASK HLA_BIT(25)
#define HLA_MODULE_PARAMS_DRAM_PAGE_SCRUB HLA_BIT(26)
#define HLA_MODULE_PARAMS_CLOCK_GATING_EXT HLA_BIT(27)
#define HLA_MODULE_PARAMS_FW_LOADING_EXT HLA_BIT(28)
#define HLA_MODULE_PARAMS_NIC_LANES_PER_PORT HLA_BIT(29)
#define HLA_MODULE_PARAMS_ALL (HLA_BIT(30) - 1)
int hla_info_module_params(struct hla_device *dev, struct hla_module_params *out);

struct hla_cs_counters {
	uint32_t sz;
	uint32_t reserved0;
	uint64_t valid; /* HLA_CS_COUNTERS_* */
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
#define HLA_CS_COUNTERS_TOTAL HLA_BIT(0) /* the six total_* counters */
#define HLA_CS_COUNTERS_CTX HLA_BIT(1)   /* the six ctx_* counters */
int hla_info_cs_counters(struct hla_device *dev, struct hla_cs_counters *c);

struct hla_pci_counters {
	uint32_t sz;
	uint32_t reserved0;
	uint64_t valid; /* HLA_PCI_COUNTERS_* */
	uint64_t rx_throughput; /* KB/s */
	uint64_t tx_throughput;
	uint64_t replay_cnt;
};
#define HLA_PCI_COUNTERS_RX_THROUGHPUT HLA_BIT(0)
#define HLA_PCI_COUNTERS_TX_THROUGHPUT HLA_BIT(1)
#define HLA_PCI_COUNTERS_REPLAY_CNT HLA_BIT(2)
int hla_info_pci_counters(struct hla_device *dev, struct hla_pci_counters *c);

#define HLA_CLK_THROTTLE_POWER 0x1u
#define HLA_CLK_THROTTLE_THERMAL 0x2u
struct hla_clk_throttle {
	uint32_t sz;
	uint32_t reserved0;
	uint64_t valid;  /* HLA_CLK_THROTTLE_VALID_* */
	uint32_t reason; /* HLA_CLK_THROTTLE_POWER | HLA_CLK_THROTTLE_THERMAL */
	uint32_t pad;
	uint64_t timestamp_us[2]; /* [0] power, [1] thermal */
	uint64_t duration_ns[2];
};
#define HLA_CLK_THROTTLE_VALID_REASON HLA_BIT(0)
#define HLA_CLK_THROTTLE_VALID_TIMESTAMP HLA_BIT(1)
#define HLA_CLK_THROTTLE_VALID_DURATION HLA_BIT(2)
int hla_info_clk_throttle(struct hla_device *dev, struct hla_clk_throttle *t);

struct hla_sync_manager {
	uint32_t sz;
	uint32_t reserved0;
	uint64_t valid; /* HLA_SYNC_MANAGER_* */
	uint32_t first_available_sync_object;
	uint32_t first_available_monitor;
	uint32_t first_available_cq;
	uint32_t pad;
};
#define HLA_SYNC_MANAGER_FIRST_SYNC_OBJECT HLA_BIT(0)
#define HLA_SYNC_MANAGER_FIRST_MONITOR HLA_BIT(1)
#define HLA_SYNC_MANAGER_FIRST_CQ HLA_BIT(2)
int hla_info_sync_manager(struct hla_device *dev, uint32_t dcore_id,
			  struct hla_sync_manager *sm);

int hla_info_energy(struct hla_device *dev, uint64_t *total_energy);
#define HLA_PLL_OUTPUTS 4
int hla_info_pll_frequency(struct hla_device *dev, uint32_t pll_index,
			   uint16_t mhz[HLA_PLL_OUTPUTS]);
int hla_info_power(struct hla_device *dev, uint64_t *power_mw);

struct hla_open_stats {
	uint32_t sz;
	uint32_t reserved0;
	uint64_t valid; /* HLA_OPEN_STATS_* */
	uint64_t open_counter;
	uint64_t last_open_period_ms;
	uint8_t is_compute_ctx_active;
	uint8_t compute_ctx_in_release;
	uint8_t pad[6];
};
#define HLA_OPEN_STATS_OPEN_COUNTER HLA_BIT(0)
#define HLA_OPEN_STATS_LAST_OPEN_PERIOD HLA_BIT(1)
#define HLA_OPEN_STATS_COMPUTE_CTX_ACTIVE HLA_BIT(2)
#define HLA_OPEN_STATS_COMPUTE_CTX_IN_RELEASE HLA_BIT(3)
int hla_info_open_stats(struct hla_device *dev, struct hla_open_stats *st);

struct hla_dram_row {
	uint32_t sz;
	uint32_t reserved0;
	uint64_t valid; /* HLA_DRAM_ROW_* */
	uint8_t hbm_idx;
	uint8_t pc;
	uint8_t sid;
	uint8_t bank_idx;
	uint16_t row_addr;
	uint8_t replaced_row_cause;
	uint8_t pad;
};
#define HLA_DRAM_ROW_LOCATION HLA_BIT(0) /* hbm_idx, pc, sid, bank_idx, row_addr */
#define HLA_DRAM_ROW_CAUSE HLA_BIT(1)
int hla_info_dram_replaced_rows(struct hla_device *dev, struct hla_dram_row *row);
int hla_info_dram_pending_rows(struct hla_device *dev, uint32_t *count);
int hla_info_last_err_open_dev_time(struct hla_device *dev, int64_t *timestamp_ns);

/*
 * Error-event records.  When the driver has captured nothing these return
 * -ENODATA, whatever the kernel version does with the buffer.
 */
struct hla_cs_timeout_event {
	uint32_t sz;
	uint32_t reserved0;
	uint64_t valid; /* HLA_EVENT_VALID_* */
	int64_t timestamp;
	uint64_t seq;
};
/* valid bits shared by the event records */
#define HLA_EVENT_VALID_TIMESTAMP HLA_BIT(0)
#define HLA_EVENT_VALID_SEQ HLA_BIT(1)
#define HLA_EVENT_VALID_ADDR HLA_BIT(2)
#define HLA_EVENT_VALID_ENGINE_ID HLA_BIT(3)
#define HLA_EVENT_VALID_FLAGS HLA_BIT(4)
#define HLA_EVENT_VALID_ERROR_TYPE HLA_BIT(5)
#define HLA_EVENT_VALID_EVENT_ID HLA_BIT(6)
#define HLA_EVENT_VALID_ERROR_COUNT HLA_BIT(7)
#define HLA_EVENT_VALID_CB_ADDRS HLA_BIT(8) /* undefined opcode: CB and CQ fields */
#define HLA_EVENT_VALID_STREAM_ID HLA_BIT(9)
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
#define HLA_RAZWI_ERR_PAGE_FAULT 0u
#define HLA_RAZWI_ERR_MMU_ACCESS 1u
struct hla_razwi_event {
	uint32_t sz;
	uint32_t reserved0;
	uint64_t valid; /* HLA_EVENT_VALID_* */
	int64_t timestamp;
	uint64_t addr;
	uint32_t num_engines; /* valid entries of engine_id */
	uint32_t flags;       /* HLA_RAZWI_READ ... (drivers with HLA_CAP_RAZWI_EXT) */
	uint32_t error_type;  /* HLA_RAZWI_ERR_* (drivers without it) */
	uint32_t reserved1;
	uint16_t engine_id[HLA_RAZWI_MAX_ENGINES];
};
int hla_info_razwi_event(struct hla_device *dev, struct hla_razwi_event *ev);

struct hla_undefined_opcode_event {
	uint32_t sz;
	uint32_t reserved0;
	uint64_t valid; /* HLA_EVENT_VALID_* */
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
	uint32_t sz;
	uint32_t reserved0;
	uint64_t valid; /* HLA_EVENT_VALID_* */
	int64_t timestamp;
	uint64_t addr;
	uint16_t engine_id;
	uint8_t pad[6];
};
int hla_info_page_fault_event(struct hla_device *dev,
			      struct hla_page_fault_event *ev);

struct hla_hw_err_event {
	uint32_t sz;
	uint32_t reserved0;
	uint64_t valid; /* HLA_EVENT_VALID_* */
	int64_t timestamp;
	uint16_t event_id;
	uint16_t pad[3];
};
int hla_info_hw_err_event(struct hla_device *dev, struct hla_hw_err_event *ev);

#define HLA_FW_ERR_HEARTBEAT 0
#define HLA_FW_ERR_REPORTED 1
struct hla_fw_err_event {
	uint32_t sz;
	uint32_t reserved0;
	uint64_t valid; /* HLA_EVENT_VALID_* (error_type: err_type) */
	int64_t timestamp;
	uint16_t err_type; /* HLA_FW_ERR_* */
	uint16_t event_id;
	uint32_t pad;
};
int hla_info_fw_err_event(struct hla_device *dev, struct hla_fw_err_event *ev);

struct hla_engine_err_event {
	uint32_t sz;
	uint32_t reserved0;
	uint64_t valid; /* HLA_EVENT_VALID_* */
	int64_t timestamp;
	uint16_t engine_id;
	uint16_t error_count;
	uint32_t pad;
};
int hla_info_engine_err_event(struct hla_device *dev,
			      struct hla_engine_err_event *ev);

/* bitmask of supported allocation page-size orders (bit n: 2^n bytes) */
int hla_info_page_sizes(struct hla_device *dev, uint64_t *page_order_bitmask);

struct hla_attestation {
	uint32_t sz;
	uint32_t reserved0;
	uint64_t valid; /* HLA_ATTEST_* */
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
	uint8_t pad[2];
};
#define HLA_ATTEST_NONCE HLA_BIT(0)
#define HLA_ATTEST_PCR HLA_BIT(1) /* pcr_num_reg, pcr_reg_len, pcr_data */
#define HLA_ATTEST_QUOTE HLA_BIT(2) /* pcr_quote, quote_sig and lengths */
#define HLA_ATTEST_PUBLIC_DATA HLA_BIT(3)
#define HLA_ATTEST_CERTIFICATE HLA_BIT(4)
#define HLA_ATTEST_DEV_INFO HLA_BIT(5)  /* hla_dev_signed only */
#define HLA_ATTEST_INFO_SIG HLA_BIT(6)  /* hla_dev_signed only */
int hla_info_attestation(struct hla_device *dev, uint32_t nonce,
			 struct hla_attestation *att);

struct hla_dev_signed {
	uint32_t sz;
	uint32_t reserved0;
	uint64_t valid; /* HLA_ATTEST_* */
	uint32_t nonce;
	uint16_t pub_data_len;
	uint16_t certificate_len;
	uint8_t info_sig_len;
	uint8_t public_data[510];
	uint8_t certificate[2046];
	uint8_t info_sig[255];
	uint16_t dev_info_len;
	uint8_t dev_info[5120];
	uint8_t pad[2];
};
int hla_info_dev_signed(struct hla_device *dev, uint32_t nonce,
			struct hla_dev_signed *sig);

/* ASCII engine status text; size 1024..1 MiB; returns the text length,
 * buf is NUL-terminated (text that does not fit gives -ENOSPC). */
int hla_info_engine_status(struct hla_device *dev, char *buf, size_t size);

struct hla_user_mapping {
	uint64_t dev_va;
	uint64_t size;
};
/* Mappings of the context at the last page fault; *count = entries the
 * driver has (0 if none).  -ENOSPC if max is too small (then *count says
 * how many are needed). */
int hla_info_user_mappings(struct hla_device *dev, struct hla_user_mapping *maps,
			   uint32_t max, uint32_t *count);

#define HLA_FW_REQ_VERSIONS 0u
/* Firmware pass-through request; the reply is in buf. */
int hla_info_fw_generic_req(struct hla_device *dev, uint32_t sub_opcode,
			    void *buf, size_t size);

/* Raw INFO call for opcodes this library has no typed call for.  in is
 * written to the per-opcode argument word; *out (may be NULL) receives it
 * afterwards. */
int hla_info_raw(struct hla_device *dev, uint32_t op, uint32_t in, void *buf,
		 size_t size, uint32_t *out);

/* ------------------------------------------------------------------ */
/* Events                                                              */
/* ------------------------------------------------------------------ */

#define HLA_EVENT_TPC_ASSERT HLA_BIT(0)
#define HLA_EVENT_UNDEFINED_OPCODE HLA_BIT(1)
#define HLA_EVENT_DEVICE_RESET HLA_BIT(2)
#define HLA_EVENT_CS_TIMEOUT HLA_BIT(3)
#define HLA_EVENT_DEVICE_UNAVAILABLE HLA_BIT(4)
#define HLA_EVENT_USER_ENGINE_ERR HLA_BIT(5)
#define HLA_EVENT_GENERAL_HW_ERR HLA_BIT(6)
#define HLA_EVENT_RAZWI HLA_BIT(7)
#define HLA_EVENT_PAGE_FAULT HLA_BIT(8)
#define HLA_EVENT_CRITICAL_HW_ERR HLA_BIT(9)
#define HLA_EVENT_CRITICAL_FW_ERR HLA_BIT(10)

/* signal eventfd efd whenever the driver raises events on this handle */
int hla_events_register_fd(struct hla_device *dev, int efd);
int hla_events_unregister_fd(struct hla_device *dev);
/* pending HLA_EVENT_* bits of this handle; reading clears them */
int hla_events_read(struct hla_device *dev, uint64_t *events);

/* ------------------------------------------------------------------ */
/* Command buffers                                                     */
/* ------------------------------------------------------------------ */

#define HLA_CB_MAX_SIZE 0x1FFFE0u
#define HLA_CB_MAP 0x1u /* also map into the device MMU (Gaudi2 and later) */

int hla_cb_create(struct hla_device *dev, size_t size, uint32_t flags,
		  uint64_t *handle);
int hla_cb_destroy(struct hla_device *dev, uint64_t handle);
/* number of submitted jobs that still use the CB */
int hla_cb_get_usage(struct hla_device *dev, uint64_t handle, uint32_t *count);
/* device address of a CB created with HLA_CB_MAP */
int hla_cb_get_device_va(struct hla_device *dev, uint64_t handle, uint64_t *va);
/* Map the CB for CPU access; size is the size given to hla_cb_create. */
int hla_cb_mmap(struct hla_device *dev, uint64_t handle, size_t size,
		void **addr);
int hla_cb_munmap(void *addr, size_t size);

/* ------------------------------------------------------------------ */
/* Command submission                                                  */
/* ------------------------------------------------------------------ */

#define HLA_SEQ_NONE UINT64_MAX /* "no CS was created" / already complete */

#define HLA_CHUNK_USER_CB 0x1u /* cb_handle is a device address, not a CB handle */

/* One job.  The layout is the driver's own (64 bytes) and never changes,
 * so a submission hands the caller's array to the driver as it is. */
struct hla_cs_chunk {
	uint64_t cb_handle; /* CB handle, or device address with HLA_CHUNK_USER_CB */
	uint32_t queue_index;
	uint32_t cb_size;
	uint32_t flags; /* HLA_CHUNK_* */
	uint32_t collective_engine_id;
	uint32_t reserved[10]; /* must be zero */
};

/* modifiers for hla_cs_submit() and struct hla_cs_opts */
#define HLA_CS_FORCE_RESTORE 0x1u
#define HLA_CS_TIMESTAMP 0x20u
#define HLA_CS_STAGED 0x40u       /* part of a staged submission (Gaudi) */
#define HLA_CS_STAGED_FIRST 0x80u /* first part (implies HLA_CS_STAGED) */
#define HLA_CS_STAGED_LAST 0x100u /* last part (implies HLA_CS_STAGED) */
#define HLA_CS_SKIP_RESET_ON_TIMEOUT 0x400u
#define HLA_CS_ENCAP_SIGNALS 0x800u

struct hla_cs_submit {
	uint32_t sz;
	uint32_t flags; /* HLA_CS_* */
	const struct hla_cs_chunk *execute;
	const struct hla_cs_chunk *restore;
	uint32_t num_execute;
	uint32_t num_restore;
	uint32_t timeout_s;         /* 0: the driver's default */
	uint32_t encaps_sig_handle; /* with HLA_CS_ENCAP_SIGNALS */
	uint64_t staged_seq;        /* staged parts after the first: seq of the first */
};

/* options of the sync-stream calls; NULL means none */
struct hla_cs_opts {
	uint32_t sz;
	uint32_t flags;     /* HLA_CS_TIMESTAMP, HLA_CS_SKIP_RESET_ON_TIMEOUT */
	uint32_t timeout_s; /* 0: the driver's default */
	uint32_t reserved0;
};

struct hla_cs_out {
	uint32_t sz;
	uint32_t reserved0;
	uint64_t valid; /* HLA_CS_OUT_* */
	uint64_t seq;   /* HLA_SEQ_NONE when no CS was created */
	uint32_t sob_base_addr_offset;
	uint16_t sob_count_before_submission;
	uint16_t reserved1;
};
#define HLA_CS_OUT_SEQ HLA_BIT(0)
#define HLA_CS_OUT_SOB_BASE_ADDR_OFFSET HLA_BIT(1)
#define HLA_CS_OUT_SOB_COUNT_BEFORE_SUBMISSION HLA_BIT(2)

/* -EAGAIN: too many submissions in flight; wait for an older one. */
int hla_cs_submit(struct hla_device *dev, const struct hla_cs_submit *cs,
		  struct hla_cs_out *out);
int hla_cs_signal(struct hla_device *dev, uint32_t queue_index,
		  const struct hla_cs_opts *opts, struct hla_cs_out *out);
int hla_cs_wait_signal(struct hla_device *dev, uint32_t queue_index,
		       uint64_t signal_seq, const struct hla_cs_opts *opts,
		       struct hla_cs_out *out);
int hla_cs_wait_collective(struct hla_device *dev, uint32_t queue_index,
			   uint64_t signal_seq, uint32_t engine_id,
			   const struct hla_cs_opts *opts, struct hla_cs_out *out);

struct hla_encaps_signals {
	uint32_t sz;
	uint32_t reserved0;
	uint64_t valid; /* HLA_ENCAPS_* */
	uint32_t handle_id;
	uint32_t count; /* SOB value after the reservation */
	uint32_t sob_base_addr_offset;
	uint32_t reserved1;
};
#define HLA_ENCAPS_HANDLE_ID HLA_BIT(0)
#define HLA_ENCAPS_COUNT HLA_BIT(1)
#define HLA_ENCAPS_SOB_BASE_ADDR_OFFSET HLA_BIT(2)
int hla_cs_reserve_signals(struct hla_device *dev, uint32_t queue_index,
			   uint32_t count, struct hla_encaps_signals *res);
int hla_cs_unreserve_signals(struct hla_device *dev, uint32_t handle_id);
int hla_cs_wait_encaps_signals(struct hla_device *dev, uint32_t queue_index,
			       uint64_t encaps_cs_seq, uint32_t offset,
			       const struct hla_cs_opts *opts,
			       struct hla_cs_out *out);

#define HLA_ENGINE_CORE_HALT 1u
#define HLA_ENGINE_CORE_RUN 2u
int hla_engine_cores_control(struct hla_device *dev, const uint32_t *core_ids,
			     uint32_t count, uint32_t command);
#define HLA_ENGINE_STALL 3u
#define HLA_ENGINE_RESUME 4u
int hla_engines_control(struct hla_device *dev, const uint32_t *engine_ids,
			uint32_t count, uint32_t command);
int hla_cs_flush_pci_hbw_writes(struct hla_device *dev);
/* Habana's driver (HLA_CAP_FLUSH_HBW_FSE); since 1.1 */
int hla_cs_flush_hbw_writes_fse(struct hla_device *dev);

/* ------------------------------------------------------------------ */
/* Waits                                                               */
/* ------------------------------------------------------------------ */
/*
 * Timeouts are in microseconds: 0 polls, HLA_WAIT_FOREVER never expires.
 * A signal delivered during a wait ends it with -EINTR (never restarted,
 * as poll(2)); the caller decides whether to wait again and for how long.
 */
#define HLA_WAIT_FOREVER UINT64_MAX

#define HLA_WAIT_COMPLETED 0u
#define HLA_WAIT_BUSY 1u     /* not done before the timeout */
#define HLA_WAIT_TIMEDOUT 2u /* the CS hit the driver's watchdog */
#define HLA_WAIT_ABORTED 3u  /* device reset or context teardown */

#define HLA_WAIT_FLAG_GONE 0x1u /* too old to know more than "done" */
#define HLA_WAIT_FLAG_TIMESTAMP_VLD 0x2u

struct hla_wait_result {
	uint32_t sz;
	uint32_t reserved0;
	uint64_t valid;  /* HLA_WAIT_RESULT_* */
	uint32_t status; /* HLA_WAIT_* */
	uint32_t flags;  /* HLA_WAIT_FLAG_* */
	int64_t timestamp_ns;
	uint32_t completion_map; /* multi-CS: bit i = seqs[i] done */
	uint32_t reserved1;
};
#define HLA_WAIT_RESULT_STATUS HLA_BIT(0)
#define HLA_WAIT_RESULT_FLAGS HLA_BIT(1)
#define HLA_WAIT_RESULT_TIMESTAMP HLA_BIT(2)
#define HLA_WAIT_RESULT_COMPLETION_MAP HLA_BIT(3)

int hla_cs_wait(struct hla_device *dev, uint64_t seq, uint64_t timeout_us,
		struct hla_wait_result *res);
int hla_cs_wait_multi(struct hla_device *dev, const uint64_t *seqs,
		      uint32_t count, uint64_t timeout_us,
		      struct hla_wait_result *res);

#define HLA_INTERRUPT_ANY_CQ 0xFFFu
#define HLA_INTERRUPT_ANY_DECODER 0xFFEu
/* wait until *addr >= target, re-checked on every interrupt_id interrupt */
int hla_interrupt_wait(struct hla_device *dev, uint32_t interrupt_id,
		       const volatile uint64_t *addr, uint64_t target,
		       uint64_t timeout_us, struct hla_wait_result *res);

/* a completion counter that the device increments, kept in a CB */
struct hla_cq_counter {
	uint32_t sz;
	uint32_t interrupt_id;
	uint64_t cb_handle; /* CB holding the counters (created with HLA_CB_MAP) */
	uint64_t index;     /* counter index, in uint64_t units */
	uint64_t target;    /* done when the counter >= target */
};
int hla_cq_counter_wait(struct hla_device *dev, const struct hla_cq_counter *cq,
			uint64_t timeout_us, struct hla_wait_result *res);

/* ------------------------------------------------------------------ */
/* Memory                                                              */
/* ------------------------------------------------------------------ */

#define HLA_MEM_CONTIGUOUS 0x1u
#define HLA_MEM_SHARED 0x2u
#define HLA_MEM_FORCE_HINT 0x8u
/* hla_mem_map_host: map without pinning, pages faulted in on demand
 * (Habana's driver on devices that report it: HLA_CAP_MEM_ODP; since 1.1) */
#define HLA_MEM_ODP 0x20u

int hla_mem_alloc(struct hla_device *dev, uint64_t size, uint64_t page_size,
		  uint32_t flags, uint64_t *handle);
/* size is needed only on Gaudi, whose driver accounts by size */
int hla_mem_free(struct hla_device *dev, uint64_t handle, uint64_t size);
int hla_mem_map(struct hla_device *dev, uint64_t handle, uint64_t hint,
		uint32_t flags, uint64_t *va);
int hla_mem_map_host(struct hla_device *dev, void *addr, size_t size,
		     uint64_t hint, uint32_t flags, uint64_t *va);
int hla_mem_unmap(struct hla_device *dev, uint64_t va);

#define HLA_DMABUF_RDWR 0x0u
#define HLA_DMABUF_RDONLY 0x1u
#define HLA_DMABUF_WRONLY 0x2u
#define HLA_DMABUF_INHERIT 0x4u   /* no close-on-exec */
#define HLA_DMABUF_BY_HANDLE 0x8u /* name the memory by allocation handle */
struct hla_dmabuf_export {
	uint32_t sz;
	uint32_t flags;  /* HLA_DMABUF_* */
	uint64_t addr;   /* device VA of a DRAM mapping (Gaudi: DRAM physical address) */
	uint64_t offset; /* from addr */
	uint64_t size;
	uint64_t handle; /* allocation handle, with HLA_DMABUF_BY_HANDLE */
};
/* a dma-buf fd for the range, for RDMA NICs and other importers */
int hla_mem_export_dmabuf(struct hla_device *dev,
			  const struct hla_dmabuf_export *exp, int *fd);
/*
 * Export a whole allocation of hla_mem_alloc by its handle, for drivers
 * that name exported memory that way (HLA_CAP_DMABUF_HANDLE); flags are
 * HLA_DMABUF_RDONLY, _WRONLY and _INHERIT.  *size (if not NULL) gets the
 * size of the dma-buf.  Since 1.1.
 */
int hla_mem_export_dmabuf_handle(struct hla_device *dev, uint64_t handle,
				 uint32_t flags, int *fd, uint64_t *size);

/* configuration-space blocks that userspace may map (Gaudi2 and later) */
int hla_block_map(struct hla_device *dev, uint64_t block_addr,
		  uint64_t *block_handle, size_t *block_size);
int hla_block_mmap(struct hla_device *dev, uint64_t block_handle,
		   size_t block_size, void **addr);
int hla_block_munmap(void *addr, size_t block_size);

/* timestamp buffers, written by the driver when a counter reaches a target */
#define HLA_TS_MAX_ELEMENTS (1u << 20)
int hla_ts_alloc(struct hla_device *dev, uint32_t num_elements,
		 uint64_t *handle);
int hla_ts_mmap(struct hla_device *dev, uint64_t handle,
		uint32_t num_elements, void **addr);
int hla_ts_munmap(void *addr, uint32_t num_elements);
/* write the time cq reaches its target into element ts_index of ts_handle */
int hla_ts_register(struct hla_device *dev, const struct hla_cq_counter *cq,
		    uint64_t ts_handle, uint32_t ts_index);

/* ------------------------------------------------------------------ */
/* Debug (CoreSight)                                                   */
/* ------------------------------------------------------------------ */

#define HLA_DEBUG_ENABLE 0x1u

struct hla_debug_etr {
	uint32_t sz;
	uint32_t sink_mode;
	uint64_t buffer_address;
	uint64_t buffer_size;
};
struct hla_debug_etf {
	uint32_t sz;
	uint32_t sink_mode;
	uint64_t buffer_address;
	uint64_t buffer_size;
};
struct hla_debug_stm {
	uint32_t sz;
	uint32_t id;
	uint64_t he_mask;
	uint64_t sp_mask;
	uint32_t frequency;
	uint32_t reserved0;
};
struct hla_debug_bmon {
	uint32_t sz;
	uint32_t id;
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
	uint32_t control;
	uint32_t reserved0;
};
#define HLA_DEBUG_MAX_EVENT_TYPES 10
struct hla_debug_spmu {
	uint32_t sz;
	uint32_t event_types_num;
	uint64_t event_types[HLA_DEBUG_MAX_EVENT_TYPES];
	uint32_t pmtrc_val;
	uint32_t trc_ctrl_host_val;
	uint32_t trc_en_host_val;
	uint32_t reserved0;
};

/* flags: HLA_DEBUG_ENABLE or 0 */
int hla_debug_set_mode(struct hla_device *dev, uint32_t flags);
/* params may be NULL when disabling; out/out_size receive the op's output */
int hla_debug_configure_etr(struct hla_device *dev, uint32_t reg_idx,
			    uint32_t flags, const struct hla_debug_etr *params,
			    void *out, size_t out_size);
int hla_debug_configure_etf(struct hla_device *dev, uint32_t reg_idx,
			    uint32_t flags, const struct hla_debug_etf *params);
int hla_debug_configure_stm(struct hla_device *dev, uint32_t reg_idx,
			    uint32_t flags, const struct hla_debug_stm *params);
int hla_debug_configure_funnel(struct hla_device *dev, uint32_t reg_idx,
			       uint32_t flags);
int hla_debug_configure_bmon(struct hla_device *dev, uint32_t reg_idx,
			     uint32_t flags, const struct hla_debug_bmon *params);
int hla_debug_configure_spmu(struct hla_device *dev, uint32_t reg_idx,
			     uint32_t flags, const struct hla_debug_spmu *params,
			     void *out, size_t out_size);
int hla_debug_configure_timestamp(struct hla_device *dev, uint32_t flags);

/* Habana's driver only (HLA_CAP_DEBUG_HABANA); since 1.1 */
struct hla_debug_fetch_trace {
	uint32_t sz;
	uint32_t etr_id;
	uint64_t buffer_address;       /* this process's memory receiving the trace */
	uint64_t buffer_size;
	uint64_t buffer_index_address; /* this process's memory: the buffer's index */
	uint64_t copied_size_address;  /* this process's memory: the bytes copied */
	uint32_t timeout_ms;
	uint32_t reserved0;
};
#define HLA_DEBUG_FETCH_STATUS_OK 0u
#define HLA_DEBUG_FETCH_STATUS_EMPTY 1u
#define HLA_DEBUG_FETCH_STATUS_STOPPED 2u
int hla_debug_fetch_trace(struct hla_device *dev,
			  const struct hla_debug_fetch_trace *params, void *out,
			  size_t out_size);
#define HLA_DEBUG_READ_BLOCK_MAX 16384u
int hla_debug_read_block(struct hla_device *dev, uint64_t cfg_address, void *buf,
			 uint32_t size);
#define HLA_DEBUG_SCHED_BUF_MAX 4096u
int hla_debug_sched_submit(struct hla_device *dev, uint64_t cpu_id,
			   uint64_t queue_id, const void *buf, uint32_t size);
int hla_debug_enable_err_capture(struct hla_device *dev);
/* read length bytes at offset of the file fd into device memory at device_va */
int hla_debug_dio_read(struct hla_device *dev, int fd, uint64_t offset,
		       uint64_t length, uint64_t device_va, uint64_t *bytes_read);

/* ------------------------------------------------------------------ */
/* Packets                                                             */
/* ------------------------------------------------------------------ */

#define HLA_PKT_OP_WREG_32 0x1u
#define HLA_PKT_OP_MSG_LONG 0x3u
#define HLA_PKT_OP_MSG_SHORT 0x4u
#define HLA_PKT_OP_CP_DMA 0x5u
#define HLA_PKT_OP_FENCE 0x8u
#define HLA_PKT_OP_LIN_DMA 0x9u
#define HLA_PKT_OP_NOP 0xAu
#define HLA_PKT_OP_STOP 0xBu
#define HLA_PKT_OP_LOAD_AND_EXE 0xFu

#define HLA_PKT_EB 0x1u      /* engine barrier */
#define HLA_PKT_MB 0x2u      /* message barrier */
#define HLA_PKT_RB 0x4u      /* register barrier */
#define HLA_PKT_MEMSET 0x8u  /* LIN_DMA: src is a 64-bit fill pattern */
#define HLA_PKT_WRCOMP 0x10u /* LIN_DMA: write completion */
#define HLA_PKT_LOAD_DST 0x20u /* LOAD_AND_EXE: load the destination registers */

/*
 * One packet.  Which fields an opcode reads (hla_pkt_write(3)):
 *   LIN_DMA       src, dst, size (MEMSET: src is the pattern)
 *   CP_DMA        src, size
 *   LOAD_AND_EXE  src
 *   MSG_LONG      dst (address), value
 *   MSG_SHORT     base, reg (offset in the base's block), value
 *   WREG_32       reg (register offset), value
 *   FENCE         fence_id, fence_target, fence_dec
 *   NOP, STOP     -
 */
struct hla_pkt {
	uint32_t sz;
	uint32_t opcode; /* HLA_PKT_OP_* */
	uint32_t flags;  /* HLA_PKT_* */
	uint32_t value;
	uint64_t src;
	uint64_t dst;
	uint64_t size;
	uint32_t reg;
	uint32_t base;
	uint32_t fence_id;
	uint32_t fence_target;
	uint32_t fence_dec;
	uint32_t reserved0;
};

/* Write pkt for the given ASIC (enum hla_asic) at buf, which has space
 * bytes; returns the packet size in bytes, -ENOSPC if it does not fit,
 * -EINVAL for bad fields, -EOPNOTSUPP if the ASIC has no such packet. */
int hla_pkt_write(uint32_t asic, const struct hla_pkt *pkt, void *buf,
		  size_t space);

#ifdef __cplusplus
}
#endif

#endif /* HLACCEL_HLACCEL_H */
