# SPDX-License-Identifier: MIT
"""python3 -m hlaccel: the device list, as a script would see it."""
import json
import os
import subprocess
import sys

import hlaccel


def run(*args, **env):
    e = dict(os.environ, **env)
    return subprocess.run([sys.executable, "-m", "hlaccel", *args], env=e,
                          capture_output=True, text=True, timeout=60)


def test_lists_every_device(count):
    r = run()
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert lines[0].split()[:4] == ["IDX", "NODE", "IFACE", "ASIC"]
    assert "DRIVER" in lines[0]
    descs = hlaccel.devices()
    assert len(lines) == 1 + len(descs) == 1 + count
    for line, d in zip(lines[1:], descs):
        cols = line.split()
        assert cols[0] == str(d.index) and cols[1] == d.node
        assert cols[2] == d.interface.name.lower() and cols[3] == d.asic.name
        assert cols[4] == (d.pci_bus_id or "-")
        assert cols[5] == ("-" if d.module_id is None else str(d.module_id))
        assert d.driver.name.lower() in cols[-2:]
        assert line.endswith(d.driver_version_str or "-")


def test_json_matches_the_library(count):
    r = run("--json")
    assert r.returncode == 0, r.stderr
    doc = json.loads(r.stdout)
    assert doc["library_version"] == str(hlaccel.version())
    got = doc["devices"]
    assert len(got) == count
    for g, d in zip(got, hlaccel.devices()):
        assert g["node"] == d.node and g["index"] == d.index
        assert g["asic"] == d.asic.name
        assert g["module_id"] == d.module_id  # null when not provided
        assert set(g["caps"]) == {c.name for c in hlaccel.Caps if c in d.caps}


def test_version():
    r = run("--version")
    assert r.returncode == 0
    assert hlaccel.__version__ in r.stdout
    assert str(hlaccel.version()) in r.stdout


def test_usage_and_failures(count):
    r = run("--bogus")
    assert r.returncode == 1 and "Usage" in r.stderr
    r = run(HLA_LIBRARY="/nonexistent/libhlaccel.so.1")
    assert r.returncode == 1 and "cannot load" in r.stderr
    if os.environ.get("HLA_SIM_DEVICES"):
        r = run(HLA_SIM_DEVICES="0")
        assert r.returncode == 2 and "no habanalabs device" in r.stderr
        assert r.stdout == ""


def test_example_runs(count):
    tour = os.path.join(os.path.dirname(__file__), "..", "examples", "tour.py")
    r = subprocess.run([sys.executable, tour], capture_output=True, text=True,
                       timeout=120)
    assert r.returncode == 0, r.stderr
    for d in hlaccel.devices():
        assert "device %d: %s" % (d.index, d.node) in r.stdout
    assert "device memory at 0x" in r.stdout
    assert "host buffer at device address 0x" in r.stdout
