# SPDX-License-Identifier: MIT
"""hlaccel from Python: habanalabs accelerators through libhlaccel.so.1.

    import hlaccel

    for d in hlaccel.devices():
        print(d.index, d.node, d.asic.name, d.pci_bus_id)

    with hlaccel.open(0) as dev:
        hw = dev.info_hw_ip()
        print(hw.dram_size, hw.revision_id)   # None when not reported

Methods are named after the C functions without the hla_ prefix
(hla_info_hw_ip -> Device.info_hw_ip), so the man pages apply.  Failures
raise OSError with the errno the library returned.  Output fields that
the library marks as not provided are None.
"""
from ._constants import (Asic, Caps, ClkThrottle, DeviceStatus, DmabufFlags, Driver,
                         Event, FwError, Interface, MemFlags, OpenFlags, RazwiError,
                         RazwiFlags, ServerType)
from . import _device
from ._device import (Device, DeviceList, DeviceMemory, HostMapping, device_count,
                      devices, open_fd, open_index, open_module, open_path, open_pci,
                      version)
from ._lib import ENV_LIBRARY, SONAME
from ._records import (Attestation, ClkRate, ClkThrottleInfo, CsCounters,
                       CsTimeoutEvent, DevSigned, DeviceDesc, DramRow, DramUsage,
                       EngineErrEvent, FwErrEvent, HwErrEvent, HwIdle, HwIpInfo,
                       OpenStats, PageFaultEvent, PciCounters, RazwiEvent,
                       ResetCount, SyncManager, TimeSync, UndefinedOpcodeEvent,
                       UserMapping, Version)

__version__ = "1.1.0"

# hlaccel.open; left out of __all__ so that a star import keeps the builtin
open = _device.open

__all__ = [
    "Asic", "Caps", "ClkThrottle", "DeviceStatus", "DmabufFlags", "Driver", "Event",
    "FwError", "Interface", "MemFlags", "OpenFlags", "RazwiError", "RazwiFlags",
    "ServerType", "Device", "DeviceList", "DeviceMemory", "HostMapping",
    "device_count", "devices", "open_fd", "open_index", "open_module", "open_path",
    "open_pci", "version", "ENV_LIBRARY", "SONAME", "Attestation", "ClkRate",
    "ClkThrottleInfo", "CsCounters", "CsTimeoutEvent", "DevSigned", "DeviceDesc",
    "DramRow", "DramUsage", "EngineErrEvent", "FwErrEvent", "HwErrEvent", "HwIdle",
    "HwIpInfo", "OpenStats", "PageFaultEvent", "PciCounters", "RazwiEvent",
    "ResetCount", "SyncManager", "TimeSync", "UndefinedOpcodeEvent", "UserMapping",
    "Version",
]
