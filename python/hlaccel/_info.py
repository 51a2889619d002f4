# SPDX-License-Identifier: MIT
"""The typed INFO calls of a device, one method per hla_info_* function."""
from __future__ import annotations

import ctypes
import errno
from typing import List, Optional, Tuple

from . import _records as R
from . import _structs as S
from ._constants import ENGINE_STATUS_MAX, ENGINE_STATUS_MIN, PLL_OUTPUTS, DeviceStatus
from ._lib import lib

_u32 = ctypes.c_uint32
_u64 = ctypes.c_uint64


def _struct_call(fn, dev, cls, *args):
    raw = cls()
    fn(dev, *args, ctypes.byref(raw))
    return raw


def _record(fn, dev, cls, convert):
    """An error record, or None when the driver has captured nothing."""
    raw = cls()
    try:
        fn(dev, ctypes.byref(raw))
    except OSError as e:
        if e.errno == errno.ENODATA:
            return None
        raise
    return convert(raw)


class InfoMixin:
    """INFO queries.  Needs self._h, the library handle of the device."""

    def info_hw_ip(self) -> R.HwIpInfo:
        return R.hw_ip_info(_struct_call(lib().info_hw_ip, self._h, S.HwIpInfoC))

    def _hw_events(self, fn) -> List[int]:
        count = _u32()
        fn(self._h, None, 0, ctypes.byref(count))
        while True:
            arr = (_u32 * max(count.value, 1))()
            want = count.value
            fn(self._h, arr, want, ctypes.byref(count))
            if count.value <= want:
                return list(arr[:count.value])

    def info_hw_events(self) -> List[int]:
        """Event counters since the last hard reset, one per event id."""
        return self._hw_events(lib().info_hw_events)

    def info_hw_events_aggregate(self) -> List[int]:
        """Event counters since the driver was loaded."""
        return self._hw_events(lib().info_hw_events_aggregate)

    def info_dram_usage(self) -> R.DramUsage:
        return R.dram_usage(_struct_call(lib().info_dram_usage, self._h, S.DramUsageC))

    def info_hw_idle(self) -> R.HwIdle:
        return R.hw_idle(_struct_call(lib().info_hw_idle, self._h, S.HwIdleC))

    def info_device_status(self):
        v = _u32()
        lib().info_device_status(self._h, ctypes.byref(v))
        return R.enum_or_int(DeviceStatus, v.value)

    def info_utilization(self, period_ms: int = 100) -> int:
        """Utilisation in percent."""
        v = _u32()
        lib().info_utilization(self._h, period_ms, ctypes.byref(v))
        return v.value

    def info_clk_rate(self) -> R.ClkRate:
        cur, top = _u32(), _u32()
        lib().info_clk_rate(self._h, ctypes.byref(cur), ctypes.byref(top))
        return R.ClkRate(cur.value, top.value)

    def info_reset_count(self) -> R.ResetCount:
        hard, soft = _u32(), _u32()
        lib().info_reset_count(self._h, ctypes.byref(hard), ctypes.byref(soft))
        return R.ResetCount(hard.value, soft.value)

    def info_time_sync(self) -> R.TimeSync:
        return R.time_sync(_struct_call(lib().info_time_sync, self._h, S.TimeSyncC))

    def info_cs_counters(self):
        return R.cs_counters(_struct_call(lib().info_cs_counters, self._h,
                                          S.CsCountersC))

    def info_pci_counters(self) -> R.PciCounters:
        return R.pci_counters(_struct_call(lib().info_pci_counters, self._h,
                                           S.PciCountersC))

    def info_clk_throttle(self) -> R.ClkThrottleInfo:
        return R.clk_throttle(_struct_call(lib().info_clk_throttle, self._h,
                                           S.ClkThrottleC))

    def info_sync_manager(self, dcore_id: int = 0) -> R.SyncManager:
        return R.sync_manager(_struct_call(lib().info_sync_manager, self._h,
                                           S.SyncManagerC, dcore_id))

    def info_energy(self) -> int:
        """Total energy consumed, as the driver counts it."""
        v = _u64()
        lib().info_energy(self._h, ctypes.byref(v))
        return v.value

    def info_pll_frequency(self, pll_index: int) -> Tuple[int, ...]:
        """The output frequencies of one PLL, in MHz."""
        mhz = (ctypes.c_uint16 * PLL_OUTPUTS)()
        lib().info_pll_frequency(self._h, pll_index, mhz)
        return tuple(mhz)

    def info_power(self) -> int:
        """Power draw in mW."""
        v = _u64()
        lib().info_power(self._h, ctypes.byref(v))
        return v.value

    def info_open_stats(self) -> R.OpenStats:
        return R.open_stats(_struct_call(lib().info_open_stats, self._h, S.OpenStatsC))

    def info_dram_replaced_rows(self) -> R.DramRow:
        return R.dram_row(_struct_call(lib().info_dram_replaced_rows, self._h,
                                       S.DramRowC))

    def info_dram_pending_rows(self) -> int:
        v = _u32()
        lib().info_dram_pending_rows(self._h, ctypes.byref(v))
        return v.value

    def info_last_err_open_dev_time(self) -> int:
        v = ctypes.c_int64()
        lib().info_last_err_open_dev_time(self._h, ctypes.byref(v))
        return v.value

    # error records: None when nothing was captured
    def info_cs_timeout_event(self) -> Optional[R.CsTimeoutEvent]:
        return _record(lib().info_cs_timeout_event, self._h, S.CsTimeoutEventC,
                       R.cs_timeout_event)

    def info_razwi_event(self) -> Optional[R.RazwiEvent]:
        return _record(lib().info_razwi_event, self._h, S.RazwiEventC, R.razwi_event)

    def info_undefined_opcode_event(self) -> Optional[R.UndefinedOpcodeEvent]:
        return _record(lib().info_undefined_opcode_event, self._h,
                       S.UndefinedOpcodeEventC, R.undefined_opcode_event)

    def info_page_fault_event(self) -> Optional[R.PageFaultEvent]:
        return _record(lib().info_page_fault_event, self._h, S.PageFaultEventC,
                       R.page_fault_event)

    def info_hw_err_event(self) -> Optional[R.HwErrEvent]:
        return _record(lib().info_hw_err_event, self._h, S.HwErrEventC,
                       R.hw_err_event)

    def info_fw_err_event(self) -> Optional[R.FwErrEvent]:
        return _record(lib().info_fw_err_event, self._h, S.FwErrEventC,
                       R.fw_err_event)

    def info_engine_err_event(self) -> Optional[R.EngineErrEvent]:
        return _record(lib().info_engine_err_event, self._h, S.EngineErrEventC,
                       R.engine_err_event)

    def info_page_sizes(self) -> int:
        """Bitmask of allocation page sizes: bit n set = 2**n bytes."""
        v = _u64()
        lib().info_page_sizes(self._h, ctypes.byref(v))
        return v.value

    def info_attestation(self, nonce: int) -> R.Attestation:
        return R.attestation(_struct_call(lib().info_attestation, self._h,
                                          S.AttestationC, nonce))

    def info_dev_signed(self, nonce: int) -> R.DevSigned:
        return R.dev_signed(_struct_call(lib().info_dev_signed, self._h,
                                         S.DevSignedC, nonce))

    def info_engine_status(self, size: int = 64 << 10) -> str:
        """The driver's engine status text (a larger buffer is tried while
        the text does not fit, up to 1 MiB)."""
        size = max(size, ENGINE_STATUS_MIN)
        while True:
            buf = ctypes.create_string_buffer(size)
            try:
                n = lib().info_engine_status(self._h, buf, size)
            except OSError as e:
                if e.errno != errno.ENOSPC or size >= ENGINE_STATUS_MAX:
                    raise
                size = min(size * 2, ENGINE_STATUS_MAX)
                continue
            return buf.raw[:n].decode("ascii", "replace")

    def info_user_mappings(self) -> List[R.UserMapping]:
        """Mappings of the context at the last page fault."""
        count = _u32()
        arr = None
        want = 0
        while True:
            try:
                lib().info_user_mappings(self._h, arr, want, ctypes.byref(count))
            except OSError as e:
                if e.errno != errno.ENOSPC or count.value <= want:
                    raise
                want = count.value
                arr = (S.UserMappingC * want)()
                continue
            n = min(count.value, want)
            return [R.UserMapping(arr[i].dev_va, arr[i].size) for i in range(n)]

    def info_fw_generic_req(self, sub_opcode: int, size: int) -> bytes:
        """A firmware pass-through request; the reply's size bytes."""
        buf = ctypes.create_string_buffer(size)
        lib().info_fw_generic_req(self._h, sub_opcode, buf, size)
        return buf.raw

    def info_raw(self, op: int, arg: int = 0, size: int = 0) -> Tuple[bytes, int]:
        """An INFO opcode without a typed call: (reply bytes, argument word
        after the call)."""
        buf = ctypes.create_string_buffer(size) if size else None
        out = _u32()
        lib().info_raw(self._h, op, arg, buf, size, ctypes.byref(out))
        return (buf.raw if buf is not None else b""), out.value
