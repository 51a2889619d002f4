# SPDX-License-Identifier: MIT
"""Devices: discovery, opening, INFO, events and memory."""
from __future__ import annotations

import ctypes
import os
import threading
from typing import List, Optional, Union

from . import _records as R
from . import _structs as S
from ._constants import DmabufFlags, Event, MemFlags, OpenFlags
from ._info import InfoMixin
from ._lib import error, lib

_u32 = ctypes.c_uint32
_u64 = ctypes.c_uint64


def version() -> R.Version:
    """The version of the libhlaccel that is loaded."""
    return R.Version.from_code(lib().version())


def device_count() -> int:
    """Number of habanalabs devices (reads sysfs only, opens nothing)."""
    n = _u32()
    lib().device_count(ctypes.byref(n))
    return n.value


def _open_flags(control: bool, retry: bool) -> int:
    return (OpenFlags.CONTROL if control else 0) | (OpenFlags.RETRY if retry else 0)


class DeviceList:
    """A snapshot of the devices, read in one pass (hla_devlist_create).

    Iterating gives DeviceDesc entries; open(i) opens the device of entry i
    even if devices come and go after the snapshot was taken.
    """

    def __init__(self):
        self._handle = None
        handle = ctypes.c_void_p()
        lib().devlist_create(0, ctypes.byref(handle))
        self._handle = handle
        try:
            n = _u32()
            lib().devlist_count(handle, ctypes.byref(n))
            self._descs = [self._describe(i) for i in range(n.value)]
        except BaseException:
            self.close()
            raise

    def _describe(self, index: int) -> R.DeviceDesc:
        raw = S.DeviceDescC()
        lib().devlist_describe(self._handle, index, ctypes.byref(raw))
        return R.device_desc(raw)

    def __len__(self):
        return len(self._descs)

    def __getitem__(self, index):
        return self._descs[index]

    def __iter__(self):
        return iter(self._descs)

    def open(self, index: int, *, control: bool = False, retry: bool = False) -> "Device":
        if self._handle is None:
            raise ValueError("the device list is closed")
        dev = ctypes.c_void_p()
        lib().devlist_open(self._handle, index, _open_flags(control, retry),
                           ctypes.byref(dev))
        return Device(dev)

    def close(self):
        if self._handle is not None:
            lib().devlist_destroy(self._handle)
            self._handle = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __del__(self):
        if getattr(self, "_handle", None) is not None:
            self.close()


def devices() -> List[R.DeviceDesc]:
    """Descriptions of every device, from one snapshot."""
    with DeviceList() as dl:
        return list(dl)


def _open(fn, what, flags: int) -> "Device":
    dev = ctypes.c_void_p()
    fn(what, flags, ctypes.byref(dev))
    return Device(dev)


def open_index(index: int, *, control: bool = False, retry: bool = False) -> "Device":
    """Open device number index of the enumeration."""
    return _open(lib().device_open_index, index, _open_flags(control, retry))


def open_path(path: Union[str, os.PathLike], *, control: bool = False,
              retry: bool = False) -> "Device":
    """Open a device node by path (/dev/accel/accel0, /dev/hl0, ...)."""
    p = os.fsencode(path)
    try:
        return _open(lib().device_open_path, p, _open_flags(control, retry))
    except OSError as e:
        raise error(e.errno, "hla_device_open_path", os.fsdecode(p)) from None


def open_pci(bus_id: str, *, control: bool = False, retry: bool = False) -> "Device":
    """Open the device at a PCI bus id, with or without the domain."""
    return _open(lib().device_open_pci, bus_id.encode(), _open_flags(control, retry))


def open_module(module_id: int, *, control: bool = False,
                retry: bool = False) -> "Device":
    """Open the device with a module id (its position in the server)."""
    return _open(lib().device_open_module, module_id, _open_flags(control, retry))


def open_fd(fd: int, *, adopt: bool = False, dup: bool = False) -> "Device":
    """A handle on a node opened elsewhere.

    By default the fd is borrowed: keep it open while the handle lives;
    closing the handle leaves it open.  adopt=True hands it over (the
    handle closes it; on failure it is still the caller's); dup=True makes
    the handle own a duplicate.
    """
    flags = (OpenFlags.FD_ADOPT if adopt else 0) | (OpenFlags.FD_DUP if dup else 0)
    return _open(lib().device_open_fd, fd, flags)


def open(index: Optional[int] = None, *, path=None, pci: Optional[str] = None,
         module: Optional[int] = None, fd: Optional[int] = None,
         control: bool = False, retry: bool = False) -> "Device":
    """Open one device, named by exactly one of index, path, pci, module, fd.

    With fd the descriptor is borrowed (see open_fd for the other modes).
    """
    given = [k for k, v in (("index", index), ("path", path), ("pci", pci),
                            ("module", module), ("fd", fd)) if v is not None]
    if len(given) != 1:
        raise TypeError("name the device by exactly one of index, path, pci, "
                        "module or fd")
    if fd is not None:
        if control:
            raise TypeError("control does not apply to fd: the fd tells the node")
        return open_fd(fd)
    if path is not None:
        return open_path(path, control=control, retry=retry)
    if pci is not None:
        return open_pci(pci, control=control, retry=retry)
    if module is not None:
        return open_module(module, control=control, retry=retry)
    return open_index(index, control=control, retry=retry)


class DeviceMemory:
    """Device memory from Device.mem_alloc: handle and size.

    free() (or leaving a with block) returns it; unmap its mappings first.
    """

    def __init__(self, device: "Device", handle: int, size: int):
        self.device = device
        self.handle = handle
        self.size = size
        self.freed = False

    def map(self, hint: int = 0, flags: int = 0) -> int:
        """Map into the device's address space; returns the device VA."""
        return self.device.mem_map(self, hint, flags)

    def free(self):
        if not self.freed:
            self.device.mem_free(self.handle, self.size)
            self.freed = True

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.free()

    def __repr__(self):
        return "DeviceMemory(handle=%#x, size=%d%s)" % (
            self.handle, self.size, ", freed" if self.freed else "")


class HostMapping:
    """Host memory mapped for the device (Device.mem_map_host).

    The buffer stays exported (a bytearray cannot be resized, an mmap cannot
    be closed) until unmap(), or until the device is closed.
    """

    def __init__(self, device: "Device", va: int, view, obj):
        self.device = device
        self.va = va
        self.size = ctypes.sizeof(view)
        self.obj = obj
        self._view = view

    @property
    def mapped(self) -> bool:
        return self._view is not None

    def unmap(self):
        if self._view is not None:
            self.device.mem_unmap(self.va)
            self._release()

    def _release(self):
        self.device._host_maps.discard(self)
        self._view = None
        self.obj = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.unmap()

    def __repr__(self):
        return "HostMapping(va=%#x, size=%d%s)" % (
            self.va, self.size, "" if self.mapped else ", unmapped")


def _writable_view(obj):
    """A ctypes byte array over obj's memory (which stays exported)."""
    with memoryview(obj) as mv:
        if mv.readonly:
            raise TypeError("host mapping needs a writable buffer, not %s"
                            % type(obj).__name__)
        if not mv.c_contiguous:
            raise BufferError("host mapping needs a C-contiguous buffer")
        nbytes = mv.nbytes
    return (ctypes.c_char * nbytes).from_buffer(obj)


def _handle_of(mem) -> int:
    return mem.handle if isinstance(mem, DeviceMemory) else int(mem)


class Device(InfoMixin):
    """An open device handle; a context manager that closes it."""

    def __init__(self, handle: ctypes.c_void_p):
        self._handle = handle
        self._lock = threading.Lock()
        self._host_maps = set()

    @property
    def _h(self):
        if self._handle is None:
            raise ValueError("the device is closed")
        return self._handle

    @property
    def closed(self) -> bool:
        return self._handle is None

    def close(self):
        """Close the handle; host mappings still mapped are unmapped first."""
        with self._lock:
            handle, self._handle = self._handle, None
        if handle is None:
            return
        for m in list(self._host_maps):
            try:
                lib().mem_unmap(handle, m.va)
            except OSError:
                pass
            m._release()
        lib().device_close(handle)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __del__(self):
        if getattr(self, "_handle", None) is not None:
            try:
                self.close()
            except OSError:
                pass

    def __repr__(self):
        if self.closed:
            return "<hlaccel.Device closed>"
        return "<hlaccel.Device fd=%d>" % self.fd

    # ---- the handle ----------------------------------------------------

    @property
    def fd(self) -> int:
        """The device fd, for poll() or passing on (owned by the handle
        unless the handle borrows it)."""
        return lib().device_get_fd(self._h)

    def describe(self) -> R.DeviceDesc:
        raw = S.DeviceDescC()
        lib().device_describe(self._h, ctypes.byref(raw))
        return R.device_desc(raw)

    def sysfs_read(self, attr: str, size: int = 4096) -> str:
        """One sysfs attribute of the device, trailing newline removed."""
        buf = ctypes.create_string_buffer(size)
        n = lib().device_sysfs_read(self._h, attr.encode(), buf, size)
        return buf.raw[:n].decode("utf-8", "replace")

    # ---- events --------------------------------------------------------

    def events_register_fd(self, efd: int):
        """Have the driver signal eventfd efd when events are raised."""
        lib().events_register_fd(self._h, efd)

    def events_unregister_fd(self):
        lib().events_unregister_fd(self._h)

    def events_read(self) -> Event:
        """The pending events of this handle; reading clears them."""
        v = _u64()
        lib().events_read(self._h, ctypes.byref(v))
        return Event(v.value)

    # ---- memory --------------------------------------------------------

    def mem_alloc(self, size: int, page_size: int = 0,
                  flags: int = MemFlags(0)) -> DeviceMemory:
        """Allocate device memory (flags: MemFlags.CONTIGUOUS, SHARED)."""
        h = _u64()
        lib().mem_alloc(self._h, size, page_size, flags, ctypes.byref(h))
        return DeviceMemory(self, h.value, size)

    def mem_free(self, mem, size: Optional[int] = None):
        """Free device memory: a DeviceMemory, or a handle (with its size on
        Gaudi, whose driver accounts by size)."""
        if isinstance(mem, DeviceMemory):
            mem.free()
            return
        lib().mem_free(self._h, int(mem), size or 0)

    def mem_map(self, mem, hint: int = 0, flags: int = MemFlags(0)) -> int:
        """Map device memory (a DeviceMemory or a handle); returns its VA."""
        va = _u64()
        lib().mem_map(self._h, _handle_of(mem), hint, flags, ctypes.byref(va))
        return va.value

    def mem_unmap(self, va: int):
        """Unmap the device mapping at va (device or host memory)."""
        lib().mem_unmap(self._h, va)

    def mem_map_host(self, buffer, hint: int = 0,
                     flags: int = MemFlags(0)) -> HostMapping:
        """Map a writable, contiguous Python buffer (bytearray, mmap,
        array.array, a numpy array...) for the device."""
        view = _writable_view(buffer)
        va = _u64()
        lib().mem_map_host(self._h, ctypes.addressof(view), ctypes.sizeof(view),
                           hint, flags, ctypes.byref(va))
        m = HostMapping(self, va.value, view, buffer)
        self._host_maps.add(m)
        return m

    def mem_export_dmabuf(self, addr: int = 0, size: int = 0, offset: int = 0,
                          flags: int = DmabufFlags.RDWR, handle=None) -> int:
        """Export device memory as a dma-buf; returns an fd the caller owns
        (close it with os.close).

        Name the memory by its address (addr: device VA, or DRAM physical
        address on Gaudi) or by its allocation (handle: a DeviceMemory or a
        handle, which sets DmabufFlags.BY_HANDLE).
        """
        exp = S.DmabufExportC()
        exp.flags = int(flags)
        exp.addr = addr
        exp.offset = offset
        exp.size = size
        if handle is not None:
            exp.flags |= DmabufFlags.BY_HANDLE
            exp.handle = _handle_of(handle)
            if not size and isinstance(handle, DeviceMemory):
                exp.size = handle.size
        fd = ctypes.c_int(-1)
        lib().mem_export_dmabuf(self._h, ctypes.byref(exp), ctypes.byref(fd))
        return fd.value


__all__ = ["version", "device_count", "devices", "DeviceList", "open", "open_index",
           "open_path", "open_pci", "open_module", "open_fd", "Device",
           "DeviceMemory", "HostMapping"]
