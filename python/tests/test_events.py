# SPDX-License-Identifier: MIT
"""Event notification through an eventfd, the pending-event mask and the
error records (None when nothing was captured)."""
import errno
import os
import select

import pytest

from hlaccel import Caps, Event, RazwiError, RazwiFlags


@pytest.fixture
def efd():
    fd = os.eventfd(0, os.EFD_CLOEXEC | os.EFD_NONBLOCK)
    yield fd
    os.close(fd)


def signalled(fd, timeout_s=2.0):
    """The eventfd counter once it is signalled, or 0 after the timeout."""
    r, _, _ = select.select([fd], [], [], timeout_s)
    return os.eventfd_read(fd) if r else 0


def test_eventfd_registration(dev, efd):
    dev.events_register_fd(efd)
    with pytest.raises(OSError) as e:
        dev.events_register_fd(efd)  # one eventfd per handle
    assert e.value.errno == errno.EINVAL
    assert isinstance(dev.events_read(), Event)
    dev.events_unregister_fd()
    with pytest.raises(OSError) as e:
        dev.events_unregister_fd()
    assert e.value.errno == errno.EINVAL
    with pytest.raises(OSError) as e:
        dev.events_register_fd(-1)
    assert e.value.errno == errno.EBADF


def test_eventfd_on_a_control_handle(ctl, desc, efd):
    if desc.caps & Caps.EVENTFD_CONTROL:
        ctl.events_register_fd(efd)
        ctl.events_unregister_fd()
        return
    with pytest.raises(OSError) as e:
        ctl.events_register_fd(efd)
    assert e.value.errno == errno.EOPNOTSUPP


def test_nothing_captured_reads_as_none(dev, sim):
    # no test of this suite makes a submission time out
    assert dev.info_cs_timeout_event() is None


def test_hw_error_is_signalled_and_recorded(dev, desc, sim, efd):
    before = dev.info_hw_events()[77]
    dev.events_read()  # drain
    dev.events_register_fd(efd)
    assert sim("hwerr 0 77") == 0
    assert signalled(efd) >= 1
    assert Event.GENERAL_HW_ERR in dev.events_read()
    assert dev.events_read() == Event(0)  # reading cleared the mask
    assert dev.info_hw_events()[77] == before + 1
    if desc.caps & Caps.INFO_ERR_EVENTS:
        rec = dev.info_hw_err_event()
        assert rec.event_id == 77 and rec.timestamp > 0
        assert dev.info_fw_err_event() is None
    else:
        # the library refuses what the driver lacks
        with pytest.raises(OSError) as e:
            dev.info_hw_err_event()
        assert e.value.errno == errno.EOPNOTSUPP
    if desc.caps & Caps.INFO_ENGINE_ERR:
        assert dev.info_engine_err_event() is None
    dev.events_unregister_fd()


def test_razwi_record_follows_the_driver_layout(dev, desc, sim):
    assert sim("razwi 0 0x1234000") == 0
    rz = dev.info_razwi_event()
    assert rz.addr == 0x1234000 and rz.timestamp > 0
    assert len(rz.engine_ids) >= 1
    if desc.caps & Caps.RAZWI_EXT:
        assert isinstance(rz.flags, RazwiFlags) and rz.error_type is None
    else:
        assert rz.flags is None and rz.error_type in list(RazwiError)


def test_page_fault_record(dev, desc, sim):
    if not desc.caps & Caps.INFO_PAGE_FAULT:
        with pytest.raises(OSError) as e:
            dev.info_page_fault_event()
        assert e.value.errno == errno.EOPNOTSUPP
        return
    dev.events_read()
    assert sim("page-fault 0 0x2000000") == 0
    pf = dev.info_page_fault_event()
    assert pf.addr == 0x2000000 and pf.timestamp > 0
    # only Gaudi3 reports the engine of a page fault
    assert pf.engine_id is None
    assert Event.PAGE_FAULT in dev.events_read()


def test_undefined_opcode_record(dev, sim):
    assert sim("undefined-opcode 0") == 0
    rec = dev.info_undefined_opcode_event()
    assert rec.timestamp > 0 and rec.engine_id is not None
    assert len(rec.cb_addr_streams) == 4
    assert all(len(row) == 8 for row in rec.cb_addr_streams)
