# SPDX-License-Identifier: MIT
"""ctypes mirrors of the public structs of hlaccel.h, field for field.

Each class names its C struct in ``_c_name_``; the test suite compiles a
program against the header and compares the size of every struct and the
offset and size of every field.  A size-prefixed struct (first field
``sz``) sets ``sz`` to its own size when it is created, as
HLA_STRUCT_INIT does in C.
"""
import ctypes

from . import _constants as K

u8 = ctypes.c_uint8
u16 = ctypes.c_uint16
u32 = ctypes.c_uint32
u64 = ctypes.c_uint64
i32 = ctypes.c_int32
i64 = ctypes.c_int64
char = ctypes.c_char


class Struct(ctypes.Structure):
    """Base of the mirrors: zeroed, with sz set when the struct has one."""
    _c_name_ = ""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self._fields_[0][0] == "sz":
            self.sz = ctypes.sizeof(self)


# the 16-byte header of every output struct
_OUT_HEADER = [("sz", u32), ("reserved0", u32), ("valid", u64)]


class DeviceDescC(Struct):
    _c_name_ = "hla_device_desc"
    _fields_ = _OUT_HEADER + [
        ("caps", u64),
        ("index", u32),
        ("minor", u32),
        ("interface", u32),
        ("asic", u32),
        ("pci_device_id", u32),
        ("pci_revision", u32),
        ("module_id", u32),
        ("status", u32),
        ("is_control", u32),
        ("driver", u32),
        ("driver_version", u32),
        ("kernel_version", u32),
        ("numa_node", i32),
        ("reserved1", u32),
        ("node", char * K.PATH_MAX),
        ("control_node", char * K.PATH_MAX),
        ("pci_bus_id", char * K.BUS_ID_MAX),
        ("device_type", char * K.NAME_MAX),
        ("driver_version_str", char * K.NAME_MAX),
        ("caps_probe", u64),
        ("drm_version", u32),
        ("reserved2", u32),
    ]


class LinkStateC(Struct):
    _c_name_ = "hla_link_state"
    _fields_ = _OUT_HEADER + [
        ("up", u8),
        ("port_open", u8),
        ("quality", u8),
        ("reserved1", u8 * 5),
    ]


class HwIpInfoC(Struct):
    _c_name_ = "hla_hw_ip_info"
    _fields_ = _OUT_HEADER + [
        ("sram_base_address", u64),
        ("dram_base_address", u64),
        ("dram_size", u64),
        ("sram_size", u32),
        ("num_of_events", u32),
        ("device_id", u32),
        ("module_id", u32),
        ("decoder_enabled_mask", u32),
        ("first_available_interrupt_id", u16),
        ("server_type", u16),
        ("cpld_version", u32),
        ("psoc_pci_pll_nr", u32),
        ("psoc_pci_pll_nf", u32),
        ("psoc_pci_pll_od", u32),
        ("psoc_pci_pll_div_factor", u32),
        ("tpc_enabled_mask", u8),
        ("dram_enabled", u8),
        ("security_enabled", u8),
        ("mme_master_slave_mode", u8),
        ("cpucp_version", char * K.INFO_VERSION_MAX),
        ("card_name", char * K.INFO_CARD_NAME_MAX),
        ("tpc_enabled_mask_ext", u64),
        ("dram_page_size", u64),
        ("edma_enabled_mask", u32),
        ("number_of_user_interrupts", u16),
        ("interposer_version", u8),
        ("substrate_version", u8),
        ("pdma_user_owned_ch_mask", u64),
        ("device_mem_alloc_default_page_size", u64),
        ("nic_ports_mask", u64),
        ("nic_ports_external_mask", u64),
        ("mme_enabled_mask", u32),
        ("odp_supported", u8),
        ("revision_id", u8),
        ("tpc_interrupt_id", u16),
        ("rotator_enabled_mask", u32),
        ("sched_arc_enabled_mask", u32),
        ("engine_core_interrupt_reg_addr", u64),
        ("reserved_dram_size", u64),
        ("asic", u32),
        ("reserved1", u32),
    ]


class DramUsageC(Struct):
    _c_name_ = "hla_dram_usage"
    _fields_ = _OUT_HEADER + [("dram_free_mem", u64), ("ctx_dram_mem", u64)]


class HwIdleC(Struct):
    _c_name_ = "hla_hw_idle"
    _fields_ = _OUT_HEADER + [
        ("is_idle", u32),
        ("busy_engines_mask", u32),
        ("busy_engines_mask_ext", u64 * K.BUSY_ENGINES_WORDS),
    ]


class TimeSyncC(Struct):
    _c_name_ = "hla_time_sync"
    _fields_ = _OUT_HEADER + [
        ("device_time", u64),
        ("host_time", u64),
        ("tsc_time", u64),
    ]


CS_COUNTER_NAMES = [
    kind + "_" + what
    for what in ("out_of_mem_drop_cnt", "parsing_drop_cnt", "queue_full_drop_cnt",
                 "device_in_reset_drop_cnt", "max_cs_in_flight_drop_cnt",
                 "validation_drop_cnt")
    for kind in ("total", "ctx")
]


class CsCountersC(Struct):
    _c_name_ = "hla_cs_counters"
    _fields_ = _OUT_HEADER + [(name, u64) for name in CS_COUNTER_NAMES]


class PciCountersC(Struct):
    _c_name_ = "hla_pci_counters"
    _fields_ = _OUT_HEADER + [
        ("rx_throughput", u64),
        ("tx_throughput", u64),
        ("replay_cnt", u64),
    ]


class ClkThrottleC(Struct):
    _c_name_ = "hla_clk_throttle"
    _fields_ = _OUT_HEADER + [
        ("reason", u32),
        ("pad", u32),
        ("timestamp_us", u64 * 2),
        ("duration_ns", u64 * 2),
    ]


class SyncManagerC(Struct):
    _c_name_ = "hla_sync_manager"
    _fields_ = _OUT_HEADER + [
        ("first_available_sync_object", u32),
        ("first_available_monitor", u32),
        ("first_available_cq", u32),
        ("pad", u32),
    ]


class OpenStatsC(Struct):
    _c_name_ = "hla_open_stats"
    _fields_ = _OUT_HEADER + [
        ("open_counter", u64),
        ("last_open_period_ms", u64),
        ("is_compute_ctx_active", u8),
        ("compute_ctx_in_release", u8),
        ("pad", u8 * 6),
    ]


class DramRowC(Struct):
    _c_name_ = "hla_dram_row"
    _fields_ = _OUT_HEADER + [
        ("hbm_idx", u8),
        ("pc", u8),
        ("sid", u8),
        ("bank_idx", u8),
        ("row_addr", u16),
        ("replaced_row_cause", u8),
        ("pad", u8),
    ]


class CsTimeoutEventC(Struct):
    _c_name_ = "hla_cs_timeout_event"
    _fields_ = _OUT_HEADER + [("timestamp", i64), ("seq", u64)]


class RazwiEventC(Struct):
    _c_name_ = "hla_razwi_event"
    _fields_ = _OUT_HEADER + [
        ("timestamp", i64),
        ("addr", u64),
        ("num_engines", u32),
        ("flags", u32),
        ("error_type", u32),
        ("reserved1", u32),
        ("engine_id", u16 * K.RAZWI_MAX_ENGINES),
    ]


class UndefinedOpcodeEventC(Struct):
    _c_name_ = "hla_undefined_opcode_event"
    _fields_ = _OUT_HEADER + [
        ("timestamp", i64),
        ("cb_addr_streams", (u64 * 8) * 4),
        ("cq_addr", u64),
        ("cq_size", u32),
        ("cb_addr_streams_len", u32),
        ("engine_id", u32),
        ("stream_id", u32),
    ]


class PageFaultEventC(Struct):
    _c_name_ = "hla_page_fault_event"
    _fields_ = _OUT_HEADER + [
        ("timestamp", i64),
        ("addr", u64),
        ("engine_id", u16),
        ("pad", u8 * 6),
    ]


class HwErrEventC(Struct):
    _c_name_ = "hla_hw_err_event"
    _fields_ = _OUT_HEADER + [
        ("timestamp", i64),
        ("event_id", u16),
        ("pad", u16 * 3),
    ]


class FwErrEventC(Struct):
    _c_name_ = "hla_fw_err_event"
    _fields_ = _OUT_HEADER + [
        ("timestamp", i64),
        ("err_type", u16),
        ("event_id", u16),
        ("pad", u32),
    ]


class EngineErrEventC(Struct):
    _c_name_ = "hla_engine_err_event"
    _fields_ = _OUT_HEADER + [
        ("timestamp", i64),
        ("engine_id", u16),
        ("error_count", u16),
        ("pad", u32),
    ]


class AttestationC(Struct):
    _c_name_ = "hla_attestation"
    _fields_ = _OUT_HEADER + [
        ("nonce", u32),
        ("pcr_quote_len", u16),
        ("pub_data_len", u16),
        ("certificate_len", u16),
        ("pcr_num_reg", u8),
        ("pcr_reg_len", u8),
        ("quote_sig_len", u8),
        ("pcr_data", u8 * 256),
        ("pcr_quote", u8 * 510),
        ("quote_sig", u8 * 255),
        ("public_data", u8 * 510),
        ("certificate", u8 * 2046),
        ("pad", u8 * 2),
    ]


class DevSignedC(Struct):
    _c_name_ = "hla_dev_signed"
    _fields_ = _OUT_HEADER + [
        ("nonce", u32),
        ("pub_data_len", u16),
        ("certificate_len", u16),
        ("info_sig_len", u8),
        ("public_data", u8 * 510),
        ("certificate", u8 * 2046),
        ("info_sig", u8 * 255),
        ("dev_info_len", u16),
        ("dev_info", u8 * 5120),
        ("pad", u8 * 2),
    ]


class UserMappingC(Struct):
    _c_name_ = "hla_user_mapping"
    _fields_ = [("dev_va", u64), ("size", u64)]


class DmabufExportC(Struct):
    _c_name_ = "hla_dmabuf_export"
    _fields_ = [
        ("sz", u32),
        ("flags", u32),
        ("addr", u64),
        ("offset", u64),
        ("size", u64),
        ("handle", u64),
    ]


# every mirror, for the layout tests
ALL = [
    DeviceDescC, HwIpInfoC, DramUsageC, HwIdleC, TimeSyncC, CsCountersC,
    PciCountersC, ClkThrottleC, SyncManagerC, OpenStatsC, DramRowC,
    CsTimeoutEventC, RazwiEventC, UndefinedOpcodeEventC, PageFaultEventC,
    HwErrEventC, FwErrEventC, EngineErrEventC, AttestationC, DevSignedC,
    UserMappingC, DmabufExportC, LinkStateC,
]
