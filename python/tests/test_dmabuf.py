# SPDX-License-Identifier: MIT
"""dma-buf export: a plain os-level fd that the caller owns."""
import errno
import fcntl
import mmap
import os

import pytest

import hlaccel
from hlaccel import Asic, Caps, DmabufFlags

SIZE = 8 << 20


def can_export(desc):
    return bool(desc.caps & (Caps.DMABUF_ADDR | Caps.DMABUF_PHYS))


@pytest.fixture
def dram(dev, desc, hw):
    """(address to export, allocation) of SIZE bytes of device memory."""
    mem = dev.mem_alloc(SIZE)
    if desc.asic in (Asic.GAUDI, Asic.GAUDI_SEC):
        # Gaudi exports by DRAM physical address; userspace places its data
        yield hw.dram_base_address, mem
    else:
        va = mem.map()
        yield va, mem
        dev.mem_unmap(va)
    mem.free()


def test_export_gives_an_fd_the_caller_owns(dev, desc, dram):
    addr, _ = dram
    if not can_export(desc):
        with pytest.raises(OSError) as e:
            dev.mem_export_dmabuf(addr, SIZE)
        assert e.value.errno == errno.EOPNOTSUPP
        return
    fd = dev.mem_export_dmabuf(addr, SIZE)
    assert isinstance(fd, int) and fd >= 0
    assert fcntl.fcntl(fd, fcntl.F_GETFD) & fcntl.FD_CLOEXEC
    assert fcntl.fcntl(fd, fcntl.F_GETFL) & os.O_ACCMODE == os.O_RDWR
    os.close(fd)
    fd = dev.mem_export_dmabuf(addr, SIZE, flags=DmabufFlags.RDONLY | DmabufFlags.INHERIT)
    assert not fcntl.fcntl(fd, fcntl.F_GETFD) & fcntl.FD_CLOEXEC
    assert fcntl.fcntl(fd, fcntl.F_GETFL) & os.O_ACCMODE == os.O_RDONLY
    os.close(fd)


def test_importers_share_the_device_memory(dev, desc, dram):
    if not can_export(desc):
        pytest.skip("no dma-buf export on this driver")
    addr, _ = dram
    a = dev.mem_export_dmabuf(addr, SIZE)
    b = dev.mem_export_dmabuf(addr, SIZE)
    try:
        with mmap.mmap(a, SIZE) as ma, mmap.mmap(b, SIZE) as mb:
            pattern = os.urandom(4096)
            ma[SIZE - 4096:] = pattern
            assert mb[SIZE - 4096:] == pattern
    finally:
        os.close(a)
        os.close(b)


def test_fd_outlives_the_device_handle(count):
    with hlaccel.open_index(0, retry=True) as dev:
        desc = dev.describe()
        if not can_export(desc):
            pytest.skip("no dma-buf export on this driver")
        mem = dev.mem_alloc(SIZE)
        addr = dev.info_hw_ip().dram_base_address \
            if desc.asic in (Asic.GAUDI, Asic.GAUDI_SEC) else mem.map()
        fd = dev.mem_export_dmabuf(addr, SIZE)
    # still open after the handle closed: it is the caller's to close (and
    # it keeps the device held until then)
    try:
        os.fstat(fd)
        with pytest.raises(OSError) as e:
            hlaccel.open_index(0)
        assert e.value.errno in (errno.EBUSY, errno.EAGAIN)
    finally:
        os.close(fd)
    with hlaccel.open_index(0, retry=True):
        pass


def test_export_forms_follow_the_capabilities(dev, desc, dram):
    if not can_export(desc):
        pytest.skip("no dma-buf export on this driver")
    addr, mem = dram
    checks = [
        (Caps.DMABUF_OFFSET, lambda: dev.mem_export_dmabuf(addr, 4096, offset=4096)),
        (Caps.DMABUF_HANDLE, lambda: dev.mem_export_dmabuf(handle=mem)),
    ]
    for cap, export in checks:
        if desc.caps & cap:
            os.close(export())
        else:
            with pytest.raises(OSError) as e:
                export()
            assert e.value.errno == errno.EOPNOTSUPP, cap


def test_export_errors(dev, desc, dram):
    if not can_export(desc):
        pytest.skip("no dma-buf export on this driver")
    addr, _ = dram
    bad = [dict(size=0), dict(size=SIZE, flags=DmabufFlags.RDONLY | DmabufFlags.WRONLY),
           dict(size=SIZE, flags=0x100)]
    for kw in bad:
        with pytest.raises(OSError) as e:
            dev.mem_export_dmabuf(addr, **kw)
        assert e.value.errno == errno.EINVAL, kw
