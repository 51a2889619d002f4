# SPDX-License-Identifier: MIT
"""Device memory (alloc, map, unmap, free) and host memory mapped from
Python buffers, which stay exported while the device maps them."""
import array
import ctypes
import errno
import mmap

import pytest

import hlaccel
from hlaccel import Asic, Caps

SIZE = 8 << 20


def gaudi1(desc):
    # Gaudi's driver only accounts device memory: no device mapping
    return desc.asic in (Asic.GAUDI, Asic.GAUDI_SEC)


def test_alloc_map_unmap_free(dev, desc):
    before = dev.info_dram_usage()
    mem = dev.mem_alloc(SIZE)
    assert isinstance(mem, hlaccel.DeviceMemory) and mem.size == SIZE
    used = dev.info_dram_usage()
    taken = before.dram_free_mem - used.dram_free_mem
    assert taken >= SIZE
    assert used.ctx_dram_mem - before.ctx_dram_mem == taken
    if not gaudi1(desc):
        va = dev.mem_map(mem)
        assert va != 0
        with pytest.raises(OSError) as e:
            dev.mem_free(mem.handle)  # still mapped
        assert e.value.errno == errno.EINVAL
        dev.mem_unmap(va)
        with pytest.raises(OSError) as e:
            dev.mem_unmap(va)
        assert e.value.errno == errno.EINVAL
    dev.mem_free(mem)
    assert mem.freed
    assert dev.info_dram_usage() == before


def test_device_memory_as_context_manager(dev, desc):
    before = dev.info_dram_usage()
    with dev.mem_alloc(SIZE) as mem:
        assert dev.info_dram_usage() != before
        if not gaudi1(desc):
            dev.mem_unmap(mem.map())
    assert mem.freed and dev.info_dram_usage() == before
    mem.free()  # once only


def test_free_by_handle_needs_the_size_on_gaudi(dev, desc):
    mem = dev.mem_alloc(SIZE)
    if gaudi1(desc):
        with pytest.raises(OSError) as e:
            dev.mem_free(mem.handle)
        assert e.value.errno == errno.EINVAL
    dev.mem_free(mem.handle, SIZE)


def test_alloc_errors(dev):
    for args in ((0,), (SIZE, 3), (SIZE, 0, 0x80)):
        with pytest.raises(OSError) as e:
            dev.mem_alloc(*args)
        assert e.value.errno == errno.EINVAL, args
    with pytest.raises(OSError) as e:
        dev.mem_alloc(1 << 60)
    assert e.value.errno == errno.ENOMEM


@pytest.mark.parametrize("make", [
    lambda n: bytearray(n),
    lambda n: mmap.mmap(-1, n),
    lambda n: array.array("Q", bytes(n)),
    lambda n: (ctypes.c_uint32 * (n // 4))(),
], ids=["bytearray", "mmap", "array", "ctypes"])
def test_map_host_buffers(dev, make):
    buf = make(1 << 20)
    with memoryview(buf) as mv:
        nbytes = mv.nbytes
    with dev.mem_map_host(buf) as m:
        assert m.mapped and m.size == nbytes and m.va != 0
        assert m.obj is buf
    assert not m.mapped and m.obj is None
    with pytest.raises(OSError) as e:
        dev.mem_unmap(m.va)
    assert e.value.errno == errno.EINVAL


def test_mapped_buffer_stays_alive(dev):
    buf = bytearray(1 << 20)
    m = dev.mem_map_host(buf)
    with pytest.raises(BufferError):
        buf.extend(b"x")  # its memory is mapped: it cannot move
    mm = mmap.mmap(-1, 1 << 16)
    m2 = dev.mem_map_host(mm)
    with pytest.raises(BufferError):
        mm.close()
    m.unmap()
    m2.unmap()
    buf.extend(b"x")
    mm.close()


def test_closing_the_device_releases_host_buffers(count):
    buf = bytearray(1 << 16)
    dev = hlaccel.open_index(0, retry=True)
    m = dev.mem_map_host(buf)
    dev.close()
    assert not m.mapped
    buf.extend(b"x")


def test_map_host_needs_a_writable_contiguous_buffer(dev):
    with pytest.raises(TypeError):
        dev.mem_map_host(b"read-only bytes")
    with pytest.raises(BufferError):
        dev.mem_map_host(memoryview(bytearray(1 << 16))[::2])
    with pytest.raises(OSError) as e:
        dev.mem_map_host(bytearray(0))
    assert e.value.errno == errno.EINVAL


def test_mappings_reported_after_a_page_fault(dev, desc, sim):
    if not desc.caps & Caps.INFO_PAGE_FAULT:
        with pytest.raises(OSError) as e:
            dev.info_user_mappings()
        assert e.value.errno == errno.EOPNOTSUPP
        return
    buf = bytearray(1 << 20)
    with dev.mem_map_host(buf) as m:
        assert sim("page-fault 0 0x1000") == 0
        maps = dev.info_user_mappings()
        assert hlaccel.UserMapping(m.va, m.size) in maps


def test_map_host_at_a_forced_hint(dev):
    buf = mmap.mmap(-1, 1 << 20)  # page aligned: the VA keeps no offset
    with dev.mem_map_host(buf) as m:
        first = m.va
    hint = first + (64 << 20)
    with dev.mem_map_host(buf, hint=hint, flags=hlaccel.MemFlags.FORCE_HINT) as m:
        assert m.va == hint
    buf.close()
