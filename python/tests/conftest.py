# SPDX-License-Identifier: MIT
"""Fixtures of the python suite.

Device tests run on whatever devices the process sees: real hardware, or
the simulator when the suite loads it (LD_PRELOAD, HLA_SIM_*).  Without a
device they are skipped, and a run that found no device and had no failure
exits 77 so that meson reports SKIP.
"""
import ctypes
import os

import pytest

import hlaccel

SKIP_EXIT = 77
_no_device = []


def on_sim():
    """True when the simulator is loaded into this process."""
    try:
        ctypes.CDLL(None).hla_sim_control
    except AttributeError:
        return False
    return True


def sim_control(cmd):
    """Run a simulator control command (see sim/README.md); 0 or -errno."""
    fn = ctypes.CDLL(None).hla_sim_control
    fn.argtypes = [ctypes.c_char_p]
    fn.restype = ctypes.c_int
    return fn(cmd.encode())


@pytest.fixture(scope="session")
def count():
    n = hlaccel.device_count()
    want = os.environ.get("HLA_SIM_DEVICES")
    if want is not None:
        # a simulated run must see the simulator and its devices, never skip
        assert on_sim(), "HLA_SIM_DEVICES is set but the simulator is not loaded"
        assert n == int(want)
    if n == 0:
        _no_device.append(True)
        pytest.skip("no habanalabs device")
    return n


@pytest.fixture
def dev(count):
    """Device 0, opened (and closed) around each test."""
    with hlaccel.open_index(0, retry=True) as d:
        yield d


@pytest.fixture
def desc(dev):
    return dev.describe()


@pytest.fixture
def hw(dev):
    return dev.info_hw_ip()


@pytest.fixture
def ctl(count):
    """The control node of device 0."""
    with hlaccel.open_index(0, control=True) as d:
        yield d


@pytest.fixture
def sim():
    if not on_sim():
        pytest.skip("needs the simulator's control hook")
    return sim_control


def expected_sim(name, default):
    """A setting the suite gave the simulator (HLA_SIM_*)."""
    return os.environ.get("HLA_SIM_" + name, default) if on_sim() else None


def pytest_sessionfinish(session, exitstatus):
    if exitstatus == 0 and _no_device:
        session.exitstatus = SKIP_EXIT
