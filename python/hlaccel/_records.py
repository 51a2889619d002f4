# SPDX-License-Identifier: MIT
"""The results of hlaccel calls as frozen dataclasses.

Output structs carry a ``valid`` mask; a field whose bit the library left
clear was not provided (by this library, driver or device) and comes back
as None, never as 0.  Each converter below lists, per field, the bit that
says whether the field holds data.
"""
from __future__ import annotations

import dataclasses
from typing import NamedTuple, Optional, Tuple

from . import _constants as K
from ._constants import (AttestValid, ClkThrottleValid, CsCountersValid, DescValid,
                         DramRowValid, DramUsageValid, EventValid, HwIdleValid,
                         HwIpValid, OpenStatsValid, PciCountersValid, SyncManagerValid,
                         TimeSyncValid)
from ._structs import CS_COUNTER_NAMES


class Version(NamedTuple):
    """A version as major, minor, patch; str() gives "1.0.0"."""
    major: int
    minor: int
    patch: int

    @classmethod
    def from_code(cls, code: int) -> "Version":
        """From the HLA_VERSION_CODE form, (major << 16) | (minor << 8) | patch."""
        return cls(code >> 16, (code >> 8) & 0xFF, code & 0xFF)

    def __str__(self):
        return "%d.%d.%d" % self


def enum_or_int(cls, value):
    """cls(value), or the plain int when cls has no such member."""
    try:
        return cls(value)
    except ValueError:
        return value


def _text(raw: bytes) -> str:
    return raw.decode("utf-8", "replace")


def _ident(v):
    return v


def _fields(raw, spec) -> dict:
    """{name: converted field, or None when its valid bit is clear}."""
    valid = raw.valid
    out = {}
    for name, bit, conv in spec:
        out[name] = conv(getattr(raw, name)) if valid & bit else None
    return out


def _enum(cls):
    return lambda v: enum_or_int(cls, v)


# ---- devices ------------------------------------------------------------

@dataclasses.dataclass(frozen=True)
class DeviceDesc:
    """One device, as hla_device_desc describes it."""
    caps: Optional[K.Caps]
    index: Optional[int]
    minor: Optional[int]
    interface: Optional[K.Interface]
    asic: Optional[K.Asic]
    pci_device_id: Optional[int]
    pci_revision: Optional[int]
    module_id: Optional[int]
    status: Optional[K.DeviceStatus]
    is_control: Optional[bool]
    driver: Optional[K.Driver]
    driver_version: Optional[Version]
    kernel_version: Optional[Version]
    numa_node: Optional[int]
    node: Optional[str]
    control_node: Optional[str]
    pci_bus_id: Optional[str]
    device_type: Optional[str]
    driver_version_str: Optional[str]
    caps_probe: Optional[K.Caps] = None
    drm_version: Optional[Version] = None


_DESC = [
    ("caps", DescValid.CAPS, K.Caps),
    ("index", DescValid.INDEX, _ident),
    ("minor", DescValid.MINOR, _ident),
    ("interface", DescValid.INTERFACE, _enum(K.Interface)),
    ("asic", DescValid.ASIC, _enum(K.Asic)),
    ("pci_device_id", DescValid.PCI_DEVICE_ID, _ident),
    ("pci_revision", DescValid.PCI_REVISION, _ident),
    ("module_id", DescValid.MODULE_ID, _ident),
    ("status", DescValid.STATUS, _enum(K.DeviceStatus)),
    ("is_control", DescValid.IS_CONTROL, bool),
    ("driver", DescValid.DRIVER, _enum(K.Driver)),
    ("driver_version", DescValid.DRIVER_VERSION, Version.from_code),
    ("kernel_version", DescValid.KERNEL_VERSION, Version.from_code),
    ("numa_node", DescValid.NUMA_NODE, _ident),
    ("node", DescValid.NODE, _text),
    ("control_node", DescValid.CONTROL_NODE, _text),
    ("pci_bus_id", DescValid.PCI_BUS_ID, _text),
    ("device_type", DescValid.DEVICE_TYPE, _text),
    ("driver_version_str", DescValid.DRIVER_VERSION_STR, _text),
    ("caps_probe", DescValid.CAPS_PROBE, K.Caps),
    ("drm_version", DescValid.DRM_VERSION, Version.from_code),
]


def device_desc(raw) -> DeviceDesc:
    return DeviceDesc(**_fields(raw, _DESC))


# ---- INFO ---------------------------------------------------------------

@dataclasses.dataclass(frozen=True)
class HwIpInfo:
    """hla_info_hw_ip: what the device is and how it is configured."""
    sram_base_address: Optional[int]
    dram_base_address: Optional[int]
    dram_size: Optional[int]
    sram_size: Optional[int]
    num_of_events: Optional[int]
    device_id: Optional[int]
    module_id: Optional[int]
    decoder_enabled_mask: Optional[int]
    first_available_interrupt_id: Optional[int]
    server_type: Optional[K.ServerType]
    cpld_version: Optional[int]
    psoc_pci_pll_nr: Optional[int]
    psoc_pci_pll_nf: Optional[int]
    psoc_pci_pll_od: Optional[int]
    psoc_pci_pll_div_factor: Optional[int]
    tpc_enabled_mask: Optional[int]
    dram_enabled: Optional[int]
    security_enabled: Optional[int]
    mme_master_slave_mode: Optional[int]
    cpucp_version: Optional[str]
    card_name: Optional[str]
    tpc_enabled_mask_ext: Optional[int]
    dram_page_size: Optional[int]
    edma_enabled_mask: Optional[int]
    number_of_user_interrupts: Optional[int]
    interposer_version: Optional[int]
    substrate_version: Optional[int]
    pdma_user_owned_ch_mask: Optional[int]
    device_mem_alloc_default_page_size: Optional[int]
    nic_ports_mask: Optional[int]
    nic_ports_external_mask: Optional[int]
    mme_enabled_mask: Optional[int]
    odp_supported: Optional[int]
    revision_id: Optional[int]
    tpc_interrupt_id: Optional[int]
    rotator_enabled_mask: Optional[int]
    sched_arc_enabled_mask: Optional[int]
    engine_core_interrupt_reg_addr: Optional[int]
    reserved_dram_size: Optional[int]
    asic: Optional[K.Asic]


def _hw_ip_spec():
    special = {
        "server_type": _enum(K.ServerType),
        "asic": _enum(K.Asic),
        "cpucp_version": _text,
        "card_name": _text,
    }
    spec = []
    for f in dataclasses.fields(HwIpInfo):
        name = f.name
        bit = HwIpValid.PSOC_PCI_PLL if name.startswith("psoc_pci_pll_") \
            else HwIpValid[name.upper()]
        spec.append((name, bit, special.get(name, _ident)))
    return spec


_HW_IP = _hw_ip_spec()


def hw_ip_info(raw) -> HwIpInfo:
    return HwIpInfo(**_fields(raw, _HW_IP))


@dataclasses.dataclass(frozen=True)
class DramUsage:
    dram_free_mem: Optional[int]
    ctx_dram_mem: Optional[int]


def dram_usage(raw) -> DramUsage:
    return DramUsage(**_fields(raw, [
        ("dram_free_mem", DramUsageValid.DRAM_FREE_MEM, _ident),
        ("ctx_dram_mem", DramUsageValid.CTX_DRAM_MEM, _ident),
    ]))


@dataclasses.dataclass(frozen=True)
class HwIdle:
    """is_idle and the busy-engine masks; busy_engines_mask_ext has four
    words, each None when the driver does not report it."""
    is_idle: Optional[bool]
    busy_engines_mask: Optional[int]
    busy_engines_mask_ext: Tuple[Optional[int], ...]


def hw_idle(raw) -> HwIdle:
    f = _fields(raw, [
        ("is_idle", HwIdleValid.IS_IDLE, bool),
        ("busy_engines_mask", HwIdleValid.BUSY_ENGINES_MASK, _ident),
    ])
    words = list(raw.busy_engines_mask_ext)
    bits = (HwIdleValid.BUSY_ENGINES_MASK_EXT,) * 2 + \
        (HwIdleValid.BUSY_ENGINES_MASK_EXT_HI,) * 2
    f["busy_engines_mask_ext"] = tuple(
        w if raw.valid & b else None for w, b in zip(words, bits))
    return HwIdle(**f)


@dataclasses.dataclass(frozen=True)
class TimeSync:
    device_time: Optional[int]
    host_time: Optional[int]
    tsc_time: Optional[int]


def time_sync(raw) -> TimeSync:
    return TimeSync(**_fields(raw, [
        ("device_time", TimeSyncValid.DEVICE_TIME, _ident),
        ("host_time", TimeSyncValid.HOST_TIME, _ident),
        ("tsc_time", TimeSyncValid.TSC_TIME, _ident),
    ]))


CsCounters = dataclasses.make_dataclass(
    "CsCounters", [(n, Optional[int]) for n in CS_COUNTER_NAMES], frozen=True,
    namespace={"__doc__": "hla_info_cs_counters: submissions the driver dropped, "
                          "device-wide (total_*) and for this context (ctx_*)."})
CsCounters.__module__ = __name__


def cs_counters(raw):
    return CsCounters(**_fields(raw, [
        (n, CsCountersValid.TOTAL if n.startswith("total_") else CsCountersValid.CTX,
         _ident) for n in CS_COUNTER_NAMES]))


@dataclasses.dataclass(frozen=True)
class PciCounters:
    rx_throughput: Optional[int]
    tx_throughput: Optional[int]
    replay_cnt: Optional[int]


def pci_counters(raw) -> PciCounters:
    return PciCounters(**_fields(raw, [
        ("rx_throughput", PciCountersValid.RX_THROUGHPUT, _ident),
        ("tx_throughput", PciCountersValid.TX_THROUGHPUT, _ident),
        ("replay_cnt", PciCountersValid.REPLAY_CNT, _ident),
    ]))


@dataclasses.dataclass(frozen=True)
class ClkThrottleInfo:
    """reason, and (power, thermal) pairs of timestamps and durations."""
    reason: Optional[K.ClkThrottle]
    timestamp_us: Optional[Tuple[int, int]]
    duration_ns: Optional[Tuple[int, int]]


def clk_throttle(raw) -> ClkThrottleInfo:
    return ClkThrottleInfo(**_fields(raw, [
        ("reason", ClkThrottleValid.REASON, K.ClkThrottle),
        ("timestamp_us", ClkThrottleValid.TIMESTAMP, tuple),
        ("duration_ns", ClkThrottleValid.DURATION, tuple),
    ]))


@dataclasses.dataclass(frozen=True)
class SyncManager:
    first_available_sync_object: Optional[int]
    first_available_monitor: Optional[int]
    first_available_cq: Optional[int]


def sync_manager(raw) -> SyncManager:
    return SyncManager(**_fields(raw, [
        ("first_available_sync_object", SyncManagerValid.FIRST_SYNC_OBJECT, _ident),
        ("first_available_monitor", SyncManagerValid.FIRST_MONITOR, _ident),
        ("first_available_cq", SyncManagerValid.FIRST_CQ, _ident),
    ]))


@dataclasses.dataclass(frozen=True)
class OpenStats:
    open_counter: Optional[int]
    last_open_period_ms: Optional[int]
    is_compute_ctx_active: Optional[bool]
    compute_ctx_in_release: Optional[bool]


def open_stats(raw) -> OpenStats:
    return OpenStats(**_fields(raw, [
        ("open_counter", OpenStatsValid.OPEN_COUNTER, _ident),
        ("last_open_period_ms", OpenStatsValid.LAST_OPEN_PERIOD, _ident),
        ("is_compute_ctx_active", OpenStatsValid.COMPUTE_CTX_ACTIVE, bool),
        ("compute_ctx_in_release", OpenStatsValid.COMPUTE_CTX_IN_RELEASE, bool),
    ]))


@dataclasses.dataclass(frozen=True)
class DramRow:
    hbm_idx: Optional[int]
    pc: Optional[int]
    sid: Optional[int]
    bank_idx: Optional[int]
    row_addr: Optional[int]
    replaced_row_cause: Optional[int]


def dram_row(raw) -> DramRow:
    loc = DramRowValid.LOCATION
    return DramRow(**_fields(raw, [
        ("hbm_idx", loc, _ident), ("pc", loc, _ident), ("sid", loc, _ident),
        ("bank_idx", loc, _ident), ("row_addr", loc, _ident),
        ("replaced_row_cause", DramRowValid.CAUSE, _ident),
    ]))


# ---- error records -------------------------------------------------------

TS = EventValid.TIMESTAMP


@dataclasses.dataclass(frozen=True)
class CsTimeoutEvent:
    timestamp: Optional[int]
    seq: Optional[int]


def cs_timeout_event(raw) -> CsTimeoutEvent:
    return CsTimeoutEvent(**_fields(raw, [
        ("timestamp", TS, _ident), ("seq", EventValid.SEQ, _ident)]))


@dataclasses.dataclass(frozen=True)
class RazwiEvent:
    """An illegal access; flags (newer drivers) or error_type (older ones)."""
    timestamp: Optional[int]
    addr: Optional[int]
    engine_ids: Optional[Tuple[int, ...]]
    flags: Optional[K.RazwiFlags]
    error_type: Optional[K.RazwiError]


def razwi_event(raw) -> RazwiEvent:
    f = _fields(raw, [
        ("timestamp", TS, _ident), ("addr", EventValid.ADDR, _ident),
        ("flags", EventValid.FLAGS, K.RazwiFlags),
        ("error_type", EventValid.ERROR_TYPE, _enum(K.RazwiError)),
    ])
    n = min(raw.num_engines, K.RAZWI_MAX_ENGINES)
    f["engine_ids"] = tuple(raw.engine_id[:n]) \
        if raw.valid & EventValid.ENGINE_ID else None
    return RazwiEvent(**f)


@dataclasses.dataclass(frozen=True)
class UndefinedOpcodeEvent:
    timestamp: Optional[int]
    cb_addr_streams: Optional[Tuple[Tuple[int, ...], ...]]
    cq_addr: Optional[int]
    cq_size: Optional[int]
    cb_addr_streams_len: Optional[int]
    engine_id: Optional[int]
    stream_id: Optional[int]


def undefined_opcode_event(raw) -> UndefinedOpcodeEvent:
    cb = EventValid.CB_ADDRS
    return UndefinedOpcodeEvent(**_fields(raw, [
        ("timestamp", TS, _ident),
        ("cb_addr_streams", cb, lambda a: tuple(tuple(row) for row in a)),
        ("cq_addr", cb, _ident), ("cq_size", cb, _ident),
        ("cb_addr_streams_len", cb, _ident),
        ("engine_id", EventValid.ENGINE_ID, _ident),
        ("stream_id", EventValid.STREAM_ID, _ident),
    ]))


@dataclasses.dataclass(frozen=True)
class PageFaultEvent:
    timestamp: Optional[int]
    addr: Optional[int]
    engine_id: Optional[int]


def page_fault_event(raw) -> PageFaultEvent:
    return PageFaultEvent(**_fields(raw, [
        ("timestamp", TS, _ident), ("addr", EventValid.ADDR, _ident),
        ("engine_id", EventValid.ENGINE_ID, _ident)]))


@dataclasses.dataclass(frozen=True)
class HwErrEvent:
    timestamp: Optional[int]
    event_id: Optional[int]


def hw_err_event(raw) -> HwErrEvent:
    return HwErrEvent(**_fields(raw, [
        ("timestamp", TS, _ident), ("event_id", EventValid.EVENT_ID, _ident)]))


@dataclasses.dataclass(frozen=True)
class FwErrEvent:
    timestamp: Optional[int]
    err_type: Optional[K.FwError]
    event_id: Optional[int]


def fw_err_event(raw) -> FwErrEvent:
    return FwErrEvent(**_fields(raw, [
        ("timestamp", TS, _ident),
        ("err_type", EventValid.ERROR_TYPE, _enum(K.FwError)),
        ("event_id", EventValid.EVENT_ID, _ident)]))


@dataclasses.dataclass(frozen=True)
class EngineErrEvent:
    timestamp: Optional[int]
    engine_id: Optional[int]
    error_count: Optional[int]


def engine_err_event(raw) -> EngineErrEvent:
    return EngineErrEvent(**_fields(raw, [
        ("timestamp", TS, _ident), ("engine_id", EventValid.ENGINE_ID, _ident),
        ("error_count", EventValid.ERROR_COUNT, _ident)]))


# ---- attestation ---------------------------------------------------------

def _blob(raw, name, length):
    """The first length bytes of the byte array field name."""
    arr = getattr(raw, name)
    return bytes(arr[:min(length, len(arr))])


@dataclasses.dataclass(frozen=True)
class Attestation:
    """hla_info_attestation; byte fields are cut to their reported length."""
    nonce: Optional[int]
    pcr_num_reg: Optional[int]
    pcr_reg_len: Optional[int]
    pcr_data: Optional[bytes]
    pcr_quote: Optional[bytes]
    quote_sig: Optional[bytes]
    public_data: Optional[bytes]
    certificate: Optional[bytes]


def attestation(raw) -> Attestation:
    v = raw.valid
    pcr = bool(v & AttestValid.PCR)
    quote = bool(v & AttestValid.QUOTE)
    return Attestation(
        nonce=raw.nonce if v & AttestValid.NONCE else None,
        pcr_num_reg=raw.pcr_num_reg if pcr else None,
        pcr_reg_len=raw.pcr_reg_len if pcr else None,
        pcr_data=_blob(raw, "pcr_data", raw.pcr_num_reg * raw.pcr_reg_len)
        if pcr else None,
        pcr_quote=_blob(raw, "pcr_quote", raw.pcr_quote_len) if quote else None,
        quote_sig=_blob(raw, "quote_sig", raw.quote_sig_len) if quote else None,
        public_data=_blob(raw, "public_data", raw.pub_data_len)
        if v & AttestValid.PUBLIC_DATA else None,
        certificate=_blob(raw, "certificate", raw.certificate_len)
        if v & AttestValid.CERTIFICATE else None)


@dataclasses.dataclass(frozen=True)
class DevSigned:
    """hla_info_dev_signed; byte fields are cut to their reported length."""
    nonce: Optional[int]
    public_data: Optional[bytes]
    certificate: Optional[bytes]
    info_sig: Optional[bytes]
    dev_info: Optional[bytes]


def dev_signed(raw) -> DevSigned:
    v = raw.valid

    def blob(bit, name, length):
        return _blob(raw, name, length) if v & bit else None

    return DevSigned(
        nonce=raw.nonce if v & AttestValid.NONCE else None,
        public_data=blob(AttestValid.PUBLIC_DATA, "public_data", raw.pub_data_len),
        certificate=blob(AttestValid.CERTIFICATE, "certificate", raw.certificate_len),
        info_sig=blob(AttestValid.INFO_SIG, "info_sig", raw.info_sig_len),
        dev_info=blob(AttestValid.DEV_INFO, "dev_info", raw.dev_info_len))


# ---- plain results -------------------------------------------------------

class ClkRate(NamedTuple):
    cur_mhz: int
    max_mhz: int


class ResetCount(NamedTuple):
    hard_resets: int
    soft_resets: int


class UserMapping(NamedTuple):
    dev_va: int
    size: int
