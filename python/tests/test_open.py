# SPDX-License-Identifier: MIT
"""Discovery, the ways to open a device, handles as context managers, and
errors as OSError."""
import errno
import os
import time

import pytest

import hlaccel
from conftest import expected_sim


def os_open_node(path):
    """os.open of a compute node, waiting out a previous user's release."""
    deadline = time.monotonic() + 5
    while True:
        try:
            return os.open(path, os.O_RDWR | os.O_CLOEXEC)
        except BlockingIOError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.02)


def fd_is_open(fd):
    try:
        os.fstat(fd)
    except OSError as e:
        assert e.errno == errno.EBADF
        return False
    return True


def test_version_is_the_library_code():
    v = hlaccel.version()
    assert isinstance(v, hlaccel.Version) and v.major == 1
    assert str(v) == "%d.%d.%d" % (v.major, v.minor, v.patch)


def test_list_describes_every_device(count):
    descs = hlaccel.devices()
    assert len(descs) == count == hlaccel.device_count()
    iface = expected_sim("IFACE", "accel")
    asic = expected_sim("ASIC", "gaudi2")
    for i, d in enumerate(descs):
        assert d.index == i and d.is_control is False
        assert isinstance(d.interface, hlaccel.Interface)
        if d.interface == hlaccel.Interface.ACCEL:
            assert d.node == "/dev/accel/accel%d" % d.minor
            assert d.control_node == "/dev/accel/accel_controlD%d" % d.minor
        else:
            assert d.node == "/dev/hl%d" % d.minor
            assert d.control_node == "/dev/hl_controlD%d" % d.minor
        if iface is not None:
            assert d.interface.name.lower() == iface
            assert d.asic.name.lower() == asic
            assert d.status == hlaccel.DeviceStatus.OPERATIONAL


def test_devlist_snapshot_opens_its_entries(count):
    with hlaccel.DeviceList() as dl:
        last = dl[len(dl) - 1]
        with dl.open(last.index, retry=True) as dev:
            d = dev.describe()
            assert (d.index, d.minor, d.node) == (last.index, last.minor, last.node)
    with pytest.raises(ValueError):
        dl.open(0)


def test_context_manager_closes(count):
    with hlaccel.open_index(count - 1, retry=True) as dev:
        assert dev.fd >= 0 and not dev.closed
        assert dev.describe().index == count - 1
    assert dev.closed
    with pytest.raises(ValueError):
        dev.describe()
    dev.close()  # closing twice is harmless


def test_compute_node_admits_one_user(dev):
    with pytest.raises(OSError) as e:
        hlaccel.open_index(0)
    assert e.value.errno == errno.EBUSY
    assert e.value.strerror == os.strerror(errno.EBUSY)
    # the control node never is busy
    with hlaccel.open_index(0, control=True) as ctl:
        assert ctl.describe().is_control is True


def test_open_by_path(count):
    want = hlaccel.devices()[count - 1]
    with hlaccel.open_path(want.node, retry=True) as dev:
        d = dev.describe()
        assert d.minor == want.minor and d.node == want.node
        assert d.index is None  # opened by path: no enumeration index
    with hlaccel.open(path=want.control_node) as dev:
        assert dev.describe().is_control is True


def test_open_by_pci_bus_id(count):
    want = hlaccel.devices()[count - 1]
    if want.pci_bus_id is None:
        pytest.skip("the device has no PCI bus id")
    short = want.pci_bus_id.split(":", 1)[1]  # without the domain
    for bus in (want.pci_bus_id, short):
        with hlaccel.open(pci=bus, retry=True) as dev:
            assert dev.describe().minor == want.minor


def test_open_by_module_id(count):
    descs = hlaccel.devices()
    with_id = [d for d in descs if d.module_id is not None]
    if not with_id:
        # nothing to match: the library says there is no such device
        with pytest.raises(OSError) as e:
            hlaccel.open_module(0)
        assert e.value.errno == errno.ENODEV
        return
    want = with_id[-1]
    with hlaccel.open(module=want.module_id, retry=True) as dev:
        assert dev.describe().minor == want.minor


def test_borrowed_fd_stays_open(count):
    node = hlaccel.devices()[0].node
    fd = os_open_node(node)
    try:
        with hlaccel.open(fd=fd) as dev:
            assert dev.fd == fd
            assert dev.describe().node == node
        assert fd_is_open(fd)
    finally:
        os.close(fd)


def test_adopted_fd_is_closed_with_the_handle(count):
    fd = os_open_node(hlaccel.devices()[0].node)
    dev = hlaccel.open_fd(fd, adopt=True)
    assert dev.fd == fd
    dev.close()
    assert not fd_is_open(fd)


def test_duplicated_fd_leaves_the_original(count):
    fd = os_open_node(hlaccel.devices()[0].node)
    try:
        with hlaccel.open_fd(fd, dup=True) as dev:
            assert dev.fd != fd and dev.fd >= 0
            dup = dev.fd
        assert fd_is_open(fd)
        assert not fd_is_open(dup)
    finally:
        os.close(fd)


def test_open_fd_errors(count):
    with pytest.raises(OSError) as e:
        hlaccel.open_fd(-1)
    assert e.value.errno == errno.EBADF
    fd = os_open_node(hlaccel.devices()[0].node)
    try:
        with pytest.raises(OSError) as e:
            hlaccel.open_fd(fd, adopt=True, dup=True)
        assert e.value.errno == errno.EINVAL
    finally:
        os.close(fd)
    with open(__file__, "rb") as f:  # not a character device
        with pytest.raises(OSError) as e:
            hlaccel.open_fd(f.fileno())
        assert e.value.errno == errno.ENOTTY


def test_open_errors_carry_errno(count):
    with pytest.raises(OSError) as e:
        hlaccel.open_index(count)
    assert e.value.errno == errno.ENODEV
    assert e.value.strerror == os.strerror(errno.ENODEV)
    with pytest.raises(FileNotFoundError) as e:
        hlaccel.open_path("/dev/accel/no-such-node")
    assert e.value.filename == "/dev/accel/no-such-node"
    with pytest.raises(OSError) as e:
        hlaccel.open_pci("ff:1f.7")
    assert e.value.errno == errno.ENODEV


def test_open_needs_exactly_one_selector(count):
    with pytest.raises(TypeError):
        hlaccel.open()
    with pytest.raises(TypeError):
        hlaccel.open(0, pci="19:00.0")
    with pytest.raises(TypeError):
        hlaccel.open(fd=3, control=True)


def test_sysfs_attributes(dev, desc):
    if desc.device_type is not None:
        assert dev.sysfs_read("device_type") == desc.device_type
    if desc.pci_bus_id is not None:
        assert dev.sysfs_read("pci_addr") == desc.pci_bus_id
    with pytest.raises(OSError) as e:
        dev.sysfs_read("../status")
    assert e.value.errno == errno.EINVAL
