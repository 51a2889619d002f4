# SPDX-License-Identifier: MIT
"""Loading libhlaccel.so.1 and declaring its functions for ctypes.

The library is loaded by its soname the first time it is needed, so
``import hlaccel`` works on a machine without it.  HLA_LIBRARY names
another file to load instead (a build tree, for instance).  Every call
that returns an int is checked: a negative value -E becomes
OSError(E, strerror(E)).
"""
import ctypes
import errno
import os
import threading

from . import _structs as S

SONAME = "libhlaccel.so.1"
ENV_LIBRARY = "HLA_LIBRARY"

_P = ctypes.POINTER
_int = ctypes.c_int
_u32 = ctypes.c_uint32
_u64 = ctypes.c_uint64
_i64 = ctypes.c_int64
_ptr = ctypes.c_void_p
_str = ctypes.c_char_p
_size = ctypes.c_size_t
_dev = ctypes.c_void_p  # struct hla_device *
_list = ctypes.c_void_p  # struct hla_devlist *


def _info(struct):
    return (_int, [_dev, _P(struct)])


# name: (return type, argument types)
PROTOTYPES = {
    "hla_version": (_int, []),
    "hla_device_count": (_int, [_P(_u32)]),
    "hla_devlist_create": (_int, [_u32, _P(_list)]),
    "hla_devlist_count": (_int, [_list, _P(_u32)]),
    "hla_devlist_describe": (_int, [_list, _u32, _P(S.DeviceDescC)]),
    "hla_devlist_open": (_int, [_list, _u32, _u32, _P(_dev)]),
    "hla_devlist_destroy": (None, [_list]),
    "hla_device_open_index": (_int, [_u32, _u32, _P(_dev)]),
    "hla_device_open_path": (_int, [_str, _u32, _P(_dev)]),
    "hla_device_open_pci": (_int, [_str, _u32, _P(_dev)]),
    "hla_device_open_module": (_int, [_u32, _u32, _P(_dev)]),
    "hla_device_open_fd": (_int, [_int, _u32, _P(_dev)]),
    "hla_device_close": (_int, [_dev]),
    "hla_device_get_fd": (_int, [_dev]),
    "hla_device_describe": (_int, [_dev, _P(S.DeviceDescC)]),
    "hla_device_sysfs_read": (_int, [_dev, _str, _ptr, _size]),
    "hla_info_hw_ip": _info(S.HwIpInfoC),
    "hla_info_hw_events": (_int, [_dev, _P(_u32), _u32, _P(_u32)]),
    "hla_info_hw_events_aggregate": (_int, [_dev, _P(_u32), _u32, _P(_u32)]),
    "hla_info_dram_usage": _info(S.DramUsageC),
    "hla_info_hw_idle": _info(S.HwIdleC),
    "hla_info_device_status": (_int, [_dev, _P(_u32)]),
    "hla_info_utilization": (_int, [_dev, _u32, _P(_u32)]),
    "hla_info_clk_rate": (_int, [_dev, _P(_u32), _P(_u32)]),
    "hla_info_reset_count": (_int, [_dev, _P(_u32), _P(_u32)]),
    "hla_info_time_sync": _info(S.TimeSyncC),
    "hla_info_cs_counters": _info(S.CsCountersC),
    "hla_info_pci_counters": _info(S.PciCountersC),
    "hla_info_clk_throttle": _info(S.ClkThrottleC),
    "hla_info_sync_manager": (_int, [_dev, _u32, _P(S.SyncManagerC)]),
    "hla_info_energy": (_int, [_dev, _P(_u64)]),
    "hla_info_pll_frequency": (_int, [_dev, _u32, _P(ctypes.c_uint16)]),
    "hla_info_power": (_int, [_dev, _P(_u64)]),
    "hla_info_open_stats": _info(S.OpenStatsC),
    "hla_info_dram_replaced_rows": _info(S.DramRowC),
    "hla_info_dram_pending_rows": (_int, [_dev, _P(_u32)]),
    "hla_info_last_err_open_dev_time": (_int, [_dev, _P(_i64)]),
    "hla_info_cs_timeout_event": _info(S.CsTimeoutEventC),
    "hla_info_razwi_event": _info(S.RazwiEventC),
    "hla_info_undefined_opcode_event": _info(S.UndefinedOpcodeEventC),
    "hla_info_page_fault_event": _info(S.PageFaultEventC),
    "hla_info_hw_err_event": _info(S.HwErrEventC),
    "hla_info_fw_err_event": _info(S.FwErrEventC),
    "hla_info_engine_err_event": _info(S.EngineErrEventC),
    "hla_info_page_sizes": (_int, [_dev, _P(_u64)]),
    "hla_info_attestation": (_int, [_dev, _u32, _P(S.AttestationC)]),
    "hla_info_dev_signed": (_int, [_dev, _u32, _P(S.DevSignedC)]),
    "hla_info_engine_status": (_int, [_dev, _ptr, _size]),
    "hla_info_user_mappings": (_int, [_dev, _P(S.UserMappingC), _u32, _P(_u32)]),
    "hla_info_fw_generic_req": (_int, [_dev, _u32, _ptr, _size]),
    "hla_info_raw": (_int, [_dev, _u32, _u32, _ptr, _size, _P(_u32)]),
    "hla_events_register_fd": (_int, [_dev, _int]),
    "hla_events_unregister_fd": (_int, [_dev]),
    "hla_events_read": (_int, [_dev, _P(_u64)]),
    "hla_mem_alloc": (_int, [_dev, _u64, _u64, _u32, _P(_u64)]),
    "hla_mem_free": (_int, [_dev, _u64, _u64]),
    "hla_mem_map": (_int, [_dev, _u64, _u64, _u32, _P(_u64)]),
    "hla_mem_map_host": (_int, [_dev, _ptr, _size, _u64, _u32, _P(_u64)]),
    "hla_mem_unmap": (_int, [_dev, _u64]),
    "hla_mem_export_dmabuf": (_int, [_dev, _P(S.DmabufExportC), _P(_int)]),
}


def error(code, function=None, filename=None):
    """OSError for errno code (OSError picks the subclass, e.g. ENOENT)."""
    if filename is None:
        exc = OSError(code, os.strerror(code))
    else:
        exc = OSError(code, os.strerror(code), filename)
    if function and hasattr(exc, "add_note"):
        exc.add_note("from " + function + "()")
    return exc


def _errcheck(result, func, args):
    if result < 0:
        raise error(-result, func.__name__)
    return result


class _Library:
    """The loaded library: one attribute per declared function."""

    def __init__(self, path):
        try:
            self._cdll = ctypes.CDLL(path)
        except OSError as e:
            raise OSError(errno.ELIBACC, "cannot load " + path + ": " + str(e)) from e
        self.path = path
        for name, (restype, argtypes) in PROTOTYPES.items():
            fn = getattr(self._cdll, name)
            fn.restype = restype
            fn.argtypes = argtypes
            if restype is _int and name != "hla_version":
                fn.errcheck = _errcheck
            setattr(self, name[len("hla_"):], fn)


_lock = threading.Lock()
_loaded = None


def lib():
    """The library, loaded on first use."""
    global _loaded
    with _lock:
        if _loaded is None:
            _loaded = _Library(os.environ.get(ENV_LIBRARY) or SONAME)
        return _loaded
