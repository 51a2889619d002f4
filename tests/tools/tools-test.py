#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Tests of hla-info, hla-p2p-copy and the sample programs under hla-sim.

    tools-test.py CASE --sim HLA_SIM --sim-lib LIBHLA_SIM --info HLA_INFO
                  --p2p HLA_P2P_COPY --inproc TOOLS_INPROC [--rdma 0|1]
                  [--sample PROGRAM]...

Each CASE runs one or more commands and checks exit codes and output; the
script exits 0 on success, 1 on failure (with the reason on stderr).
"""

import argparse
import csv
import json
import os
import pty
import re
import select
import signal
import subprocess
import sys
import tempfile
import time

A = None  # parsed arguments


class Failure(Exception):
    pass


def check(cond, what, res=None):
    if not cond:
        detail = ""
        if res is not None:
            detail = "\n--- command: {}\n--- exit: {}\n--- stdout:\n{}\n--- stderr:\n{}".format(
                " ".join(res.args), res.returncode, res.stdout, res.stderr)
        raise Failure(what + detail)


def base_env():
    env = dict(os.environ)
    for k in list(env):
        if k.startswith("HLA_SIM_"):
            del env[k]
    # a sanitized build: the simulator is preloaded ahead of the runtime
    env.setdefault("ASAN_OPTIONS", "verify_asan_link_order=0")
    return env


def run(cmd, env=None, timeout=120):
    return subprocess.run(cmd, capture_output=True, text=True, env=env or base_env(),
                          timeout=timeout, check=False)


class Skip(Exception):
    pass


# the node family of each driver profile (hla-sim --driver)
LEGACY_DRIVERS = ("6.1.0", "6.1", "6.2", "6.5")
# drivers that export no memory of an ASIC with DRAM virtual memory (Gaudi2)
# by its address: 6.1.0 takes an allocation handle, 6.1.y and 6.2 nothing
NO_VM_ADDR_EXPORT = ("6.1.0", "6.1", "6.2")
# ... and those that export it in no form at all
NO_VM_EXPORT = ("6.1", "6.2")


def node(i):
    """the compute node of device i under the driver the case runs on"""
    return f"/dev/hl{i}" if A.driver in LEGACY_DRIVERS else f"/dev/accel/accel{i}"


def sim(cmd, n=2, asic=None, iface=None, faults=(), env=None):
    """Run cmd under the launcher (and the driver profile of --driver: a
    case about the other node family does not apply to it)."""
    args = [A.sim, "-n", str(n)]
    if A.driver:
        if iface and (iface == "legacy") != (A.driver in LEGACY_DRIVERS):
            raise Skip(f"{iface} nodes are not driver {A.driver}'s")
        args += ["--driver", A.driver]
        iface = None
    if asic:
        args += ["--asic", asic]
    if iface:
        args += ["--iface", iface]
    for f in faults:
        args += ["--fault", f]
    return run(args + ["--"] + cmd, env=env)


def preload(cmd, devices):
    """Run cmd with the simulator preloaded directly (no launcher)."""
    env = base_env()
    env["LD_PRELOAD"] = A.sim_lib
    env["HLA_SIM_DEVICES"] = str(devices)
    return run(cmd, env=env)


def one_stderr_line(res):
    lines = [l for l in res.stderr.splitlines() if l.strip()]
    check(len(lines) == 1, "expected exactly one diagnostic line on stderr", res)
    return lines[0]


def parse_json(res):
    try:
        return json.loads(res.stdout)
    except json.JSONDecodeError as exc:
        raise Failure(f"output is not valid JSON: {exc}\n{res.stdout}")


# ---------------------------------------------------------------- hla-info

def case_info_text():
    res = sim([A.info, "--details"], n=2)
    check(res.returncode == 0, "hla-info failed", res)
    out = res.stdout
    check(re.search(r"^IDX\s+NODE\s+IFACE\s+ASIC\s+PCI BUS ID\s+MODULE\s+STATUS", out, re.M),
          "no device table header", res)
    for i in (0, 1):
        check(re.search(rf"^{i}\s+/dev/accel/accel{i}\s+accel\s+GAUDI2\s+\S+\s+\S+\s+operational",
                        out, re.M), f"no table row for device {i}", res)
        check(f"\nDevice {i} (/dev/accel/accel{i})" in out, f"no details of device {i}", res)
    # values that the simulator provides must be shown, not "n/a"
    for label in ("DRAM size", "cpucp_ver", "firmware (cpucp) version", "status (INFO)",
                  "busy engines", "current clock", "hard resets"):
        m = re.search(rf"^\s+{re.escape(label)}\s+(.*)$", out, re.M)
        check(m, f"no '{label}' line", res)
        check(not m.group(1).startswith("n/a"), f"'{label}' is n/a: {m.group(1)}", res)
    m = re.search(r"^\s+DRAM size\s+(\d+) \(", out, re.M)
    check(m and int(m.group(1)) > 0, "DRAM size is not a positive number", res)
    check(re.search(r"^\s+read through\s+control node$", out, re.M),
          "details not read through the control node", res)
    # the driver behind the device, from the library's description
    check(re.search(r"^\s+driver\s+upstream$", out, re.M), "no driver family line", res)
    check(re.search(r"^\s+driver version\s+6\.8\.0$", out, re.M), "no driver version", res)
    m = re.search(r"^\s+capabilities\s+(.*)$", out, re.M)
    check(m and "engines" in m.group(1).split() and "dmabuf_addr" in m.group(1).split(),
          "capabilities should list engines and dmabuf_addr", res)
    # a field this driver does not provide is n/a, not 0
    check(re.search(r"^\s+NIC ports mask\s+n/a \(not provided\)$", out, re.M),
          "a Habana-only field should be n/a (not provided)", res)
    check(re.search(r"^\s+DRAM used by this context\s+n/a \(not provided\)$", out, re.M),
          "a control node has no context: its DRAM use should be n/a", res)
    # 6.6+ refuses event queries on the control node: shown as n/a with a reason
    check(re.search(r"^\s+pending events\s+n/a \(.+\)$", out, re.M),
          "pending events should be n/a (reason) on a control node", res)
    check(res.stderr == "", "unexpected stderr output", res)


def check_info_json(res, n, asic, iface):
    check(res.returncode == 0, "hla-info --json failed", res)
    doc = parse_json(res)
    check(doc.get("device_count") == n, "device_count wrong", res)
    devs = doc["devices"]
    check(len(devs) == n, f"expected {n} devices", res)
    for i, d in enumerate(devs):
        check(d["index"] == i, "index wrong", res)
        check(d["asic"] == asic, f"asic {d['asic']} != {asic}", res)
        check(d["interface"] == iface, "interface wrong", res)
        det = d["details"]
        check(det["identity"]["read_through"] == "control node", "not read via control", res)
        check(det["hw_ip"]["asic"] == asic, "hw_ip asic wrong", res)
        check(isinstance(det["memory"]["dram_size"], int) and det["memory"]["dram_size"] > 0,
              "dram_size missing", res)
        check(det["state"]["status"] == "operational", "not operational", res)
        check(isinstance(det["engines"]["busy_engines"], list), "busy_engines not a list", res)
        check(isinstance(det["unavailable"], dict), "unavailable not an object", res)
        # every null value is explained
        for sec, vals in det.items():
            if isinstance(vals, dict) and sec != "unavailable":
                for k, v in vals.items():
                    if v is None and not k.startswith(("cs_timeout", "razwi", "page_fault",
                                                       "undefined_opcode", "hw_err",
                                                       "fw_err", "engine_err")):
                        check(f"{sec}.{k}" in det["unavailable"],
                              f"{sec}.{k} is null without a reason", res)
    return doc


def check_not_provided(det, sec, key):
    check(det[sec][key] is None, f"{sec}.{key} should be null: {det[sec][key]}")
    reason = det["unavailable"].get(f"{sec}.{key}", "")
    check(reason == "not provided (ENODATA)", f"{sec}.{key}: reason {reason!r}")


def check_driver(dev, version, caps_in, caps_out):
    ident = dev["details"]["identity"]
    for where in (dev, ident):
        check(where["driver"] == "upstream", f"driver family: {where['driver']}")
        check(where["driver_version"] == version, f"driver version: {where['driver_version']}")
        caps = where["capabilities"]
        check(isinstance(caps, list), "capabilities is not a list")
        for c in caps_in:
            check(c in caps, f"capability {c} missing: {caps}")
        for c in caps_out:
            check(c not in caps, f"capability {c} should be absent: {caps}")
    check(ident["kernel"] == version, f"kernel: {ident['kernel']}")


def case_info_json():
    doc = check_info_json(sim([A.info, "--json"], n=2), 2, "GAUDI2", "accel")
    det = doc["devices"][0]["details"]
    una = det["unavailable"]
    check("events.pending" in una and "EOPNOTSUPP" in una["events.pending"],
          f"events.pending should be unavailable with EOPNOTSUPP: {una}")
    check_driver(doc["devices"][0], "6.8.0", ("dmabuf_addr", "dmabuf_offset", "engines",
                                              "hw_ip_ext"), ("habana_ext", "dmabuf_phys"))
    # valid masks: what the upstream driver does not fill is null, not 0
    for key in ("nic_ports_mask", "odp_supported", "substrate_version"):
        check_not_provided(det, "hw_ip", key)
    check_not_provided(det, "engines", "mme_enabled_mask")
    check_not_provided(det, "memory", "ctx_dram_mem")
    check(isinstance(det["hw_ip"]["revision_id"], int), "6.8 reports the revision")
    check(isinstance(det["misc"]["time_sync"]["tsc_time"], int), "6.8 reports the TSC")


def case_info_json_legacy():
    doc = check_info_json(sim([A.info, "--json"], n=2, iface="legacy"), 2, "GAUDI2", "legacy")
    check(doc["devices"][1]["node"] == "/dev/hl1", "legacy node name wrong")
    det = doc["devices"][0]["details"]
    # 6.1: the control node may read events
    check(isinstance(det["events"]["pending"], list), "legacy events not readable")
    check_driver(doc["devices"][0], "6.1.0", ("eventfd_control",),
                 ("engines", "flush_hbw", "hw_ip_ext", "dmabuf_addr"))
    # no module_id attribute, no extended HW_IP layout, no TSC on 6.1
    check(doc["devices"][0]["module_id"] is None, "legacy module_id should be null")
    check_not_provided(det, "identity", "module_id")
    check_not_provided(det, "hw_ip", "revision_id")
    check_not_provided(det, "engines", "tpc_interrupt_id")
    check(det["misc"]["time_sync"]["tsc_time"] is None, "6.1 has no TSC")


def case_info_gaudi1():
    doc = check_info_json(sim([A.info, "--json"], n=1, asic="gaudi"), 1, "GAUDI", "accel")
    # Gaudi's DRAM is exported by physical address, without an offset
    check_driver(doc["devices"][0], "6.8.0", ("dmabuf_phys", "dmabuf_addr"),
                 ("dmabuf_offset",))
    res = sim([A.info, "--list"], n=1, asic="gaudi")
    check(res.returncode == 0 and re.search(r"^0\s+\S+\s+accel\s+GAUDI\s", res.stdout, re.M),
          "Gaudi1 row missing", res)
    res = sim([A.info], n=1, asic="gaudi")
    check(res.returncode == 0 and re.search(r"^0\s+GAUDI\s+0000:19:00\.0\s+operational\s",
                                            res.stdout, re.M), "Gaudi1 table row missing", res)


def case_info_select():
    res = sim([A.info, "-d", "1", "--json"], n=2)
    doc = parse_json(res)
    check(res.returncode == 0 and len(doc["devices"]) == 1 and doc["devices"][0]["index"] == 1,
          "-d 1 should report device 1 only", res)
    res = sim([A.info, "--list"], n=2)
    check(res.returncode == 0 and "Device 0" not in res.stdout and
          "/dev/accel/accel1" in res.stdout, "--list should print only the table", res)
    res = sim([A.info, "-d", "5"], n=2)
    check(res.returncode == 2, "missing device should exit 2", res)
    check("device 5 not found" in one_stderr_line(res), "message", res)
    # habanalabs index 0 is not accel0 when another accel driver came first
    env = base_env()
    env["HLA_SIM_FOREIGN_FIRST"] = "1"
    res = sim([A.info, "--json"], n=1, env=env)
    doc = parse_json(res)
    check(res.returncode == 0 and doc["devices"][0]["node"] != "/dev/accel/accel0",
          "foreign accel0 should not be listed as a habanalabs device", res)


def case_info_usage():
    for args in (["--bogus"], ["-d"], ["-d", "x"], ["extra"]):
        res = sim([A.info] + args, n=1)
        check(res.returncode == 1, f"{args}: usage error should exit 1", res)
        one_stderr_line(res)
    res = sim([A.info, "--help"], n=1)
    check(res.returncode == 0 and "Usage: hla-info" in res.stdout, "--help", res)


def case_info_no_device():
    res = preload([A.info], 0)
    check(res.returncode == 2, "no device should exit 2", res)
    check(one_stderr_line(res) == "hla-info: no habanalabs device found", "message", res)
    res = preload([A.info, "--json"], 0)
    check(res.returncode == 2, "no device (json) should exit 2", res)
    doc = parse_json(res)
    check(doc["devices"] == [], "json devices should be empty", res)


def case_info_busy():
    res = sim([A.inproc, "info", "--hold", "0", "--expect", "0", "--",
               "-d", "0", "--json"], n=1)
    check(res.returncode == 0, "hla-info with a busy compute node", res)
    doc = parse_json(res)
    det = doc["devices"][0]["details"]
    check(det["resets"]["compute_ctx_active"] is True,
          "the held compute context should show as active", res)
    check("hw_ip.hw_ip_info" not in det["unavailable"], "hw_ip unreadable while busy", res)
    check(det["hw_ip"]["asic"] == "GAUDI2", "hw_ip asic", res)


TABLE_ROW = re.compile(r"^(?P<idx>\d+)\s+(?P<asic>\S+)\s+(?P<bus>\S+)\s+(?P<status>\S+)\s+"
                       r"(?P<util>n/a|\d+ %)\s+(?P<power>n/a|[\d.]+ W)\s+"
                       r"(?P<used>n/a|\d+) / (?P<total>n/a|\d+) MiB\s+(?P<temp>n/a|[\d.]+ C)\s+"
                       r"(?P<clock>n/a|\d+ MHz)\s+(?P<pid>-|n/a|\d+)\s+(?P<comm>\S+)$")


def table_rows(res):
    lines = res.stdout.splitlines()
    check(lines and re.match(r"^IDX\s+ASIC\s+BUS ID\s+STATUS\s+UTIL\s+POWER\s+"
                             r"DRAM USED / TOTAL\s+TEMP\s+CLOCK\s+PID\s+COMMAND$", lines[0]),
          "no table header", res)
    rows = []
    for line in lines[1:]:
        m = TABLE_ROW.match(line)
        check(m, f"table row does not parse: {line!r}", res)
        rows.append(m.groupdict())
    return rows


def case_info_table():
    res = sim([A.info], n=2)
    check(res.returncode == 0 and res.stderr == "", "hla-info (table) failed", res)
    rows = table_rows(res)
    check(len(rows) == 2, "one row per device", res)
    for i, r in enumerate(rows):
        check(r["idx"] == str(i) and r["asic"] == "GAUDI2" and r["status"] == "operational",
              f"row {i} identity", res)
        check(r["bus"] == f"0000:{0x19 + 0x10 * i:02x}:00.0", f"row {i} bus id", res)
        # the simulator's hwmon: 30 C + index; INFO: 150 W, 1650 MHz
        check(r["temp"] == f"{30 + i}.0 C", f"row {i} temperature from hwmon", res)
        check(r["power"] == "150.0 W" and r["clock"] == "1650 MHz", f"row {i} power/clock", res)
        check(r["total"] != "n/a" and int(r["total"]) > 0 and r["used"] != "n/a",
              f"row {i} DRAM", res)
        check(r["pid"] == "-" and r["comm"] == "-", f"row {i}: nobody holds the device", res)
    # the detailed report is still there, and the list
    res = sim([A.info, "-q", "-i", "1"], n=2)
    check(res.returncode == 0 and "\nDevice 1 (/dev/accel/accel1)" in res.stdout and
          "Device 0 (" not in res.stdout, "--details -i 1", res)
    # Gaudi1 on the legacy interface: the same columns
    res = sim([A.info], n=1, asic="gaudi", iface="legacy")
    rows = table_rows(res)
    check(res.returncode == 0 and rows[0]["asic"] == "GAUDI" and rows[0]["temp"] == "30.0 C",
          "legacy Gaudi1 row", res)


def query(args, n=2, **kw):
    return sim([A.info] + args, n=n, **kw)


def case_info_query():
    res = query(["--query", "index,name,bus_id,module_id,power.draw,temperature,"
                 "memory.total,clocks.max,compute,pid,process,driver_version",
                 "--format", "csv"])
    check(res.returncode == 0 and res.stderr == "", "--query failed", res)
    lines = res.stdout.splitlines()
    check(lines[0] == "index, name, bus_id, module_id, power.draw [W], temperature [C], "
          "memory.total [MiB], clocks.max [MHz], compute, pid, process, driver_version",
          "csv header", res)
    check(len(lines) == 3, "header and two rows", res)
    for i, line in enumerate(lines[1:]):
        v = line.split(", ")
        check(v[:4] == [str(i), "GAUDI2", f"0000:{0x19 + 0x10 * i:02x}:00.0", str(i)],
              f"row {i} identity: {v}", res)
        check(v[4] == "150.0 W" and v[5] == f"{30 + i}.0 C" and v[7] == "1650 MHz",
              f"row {i} values: {v}", res)
        check(re.fullmatch(r"\d+ MiB", v[6]) and v[8] == "idle" and v[9:11] == ["-", "-"] and
              v[11] == "6.8.0", f"row {i} values: {v}", res)
    res = query(["-Q", "index,temperature,power.draw", "-f", "csv,noheader,nounits"])
    check(res.returncode == 0 and res.stdout == "0, 30.0, 150.0\n1, 31.0, 150.0\n",
          "noheader,nounits", res)
    res = query(["-Q", "utilization", "-f", "csv,nounits"])
    check(res.stdout.splitlines()[0] == "utilization", "nounits drops the header's unit", res)
    # the legacy driver has no module id attribute: n/a, not 0
    res = query(["-Q", "index,module_id", "-f", "csv,noheader"], iface="legacy")
    check(res.returncode == 0 and res.stdout == "0, n/a\n1, n/a\n", "legacy module_id", res)
    # errors: bad field, bad format, --json with --query
    for args, text in ((["-Q", "index,bogus"], "unknown field 'bogus'"),
                       (["-Q", "index,"], "unknown field ''"),
                       (["-Q", "index", "-f", "xml"], "invalid format 'xml'"),
                       (["-Q", "index", "-f", "csv,noheadr"], "invalid format"),
                       (["-Q", "index", "-f", "noheader"], "invalid format"),
                       (["-Q", "index", "--json"], "do not mix")):
        res = query(args, n=1)
        check(res.returncode == 1, f"{args}: should exit 1", res)
        check(text in one_stderr_line(res), f"{args}: message", res)
    res = query(["--help-query"], n=1)
    check(res.returncode == 0 and re.search(r"^\s+temperature\s+C\s", res.stdout, re.M),
          "--help-query lists the fields", res)


def case_info_na():
    # INFO POWER (17) fails on device 0, UTILIZATION (6) on device 1: n/a, never 0
    res = query(["-Q", "index,power.draw,utilization", "-f", "csv,noheader"],
                faults=["INFO.17@1=EIO", "INFO.6@2=EOPNOTSUPP"])
    check(res.returncode == 0 and res.stdout == "0, n/a, 0 %\n1, 150.0 W, n/a\n",
          "failed INFO queries should print n/a", res)
    res = sim([A.info], n=1, faults=["INFO.8@1=EIO"])
    rows = table_rows(res)
    check(rows[0]["clock"] == "n/a" and rows[0]["power"] == "150.0 W", "clock n/a", res)
    # a device whose control node cannot be opened: everything but the identity is n/a
    res = query(["-Q", "index,status,power.draw,temperature,memory.used,compute,pid",
                 "-f", "csv,noheader"], n=1, faults=["OPEN@1=EIO"])
    check(res.returncode == 0 and res.stdout == "0, operational, n/a, 30.0 C, n/a, n/a, n/a\n",
          "unopened device", res)


def case_info_ids():
    def indexes(args, **kw):
        res = query(["-Q", "index", "-f", "csv,noheader"] + args, n=3, **kw)
        check(res.returncode == 0, f"{args} failed", res)
        return [int(x) for x in res.stdout.split()]
    check(indexes(["-i", "2"]) == [2], "-i index")
    check(indexes(["--id", "0000:29:00.0"]) == [1], "--id bus id with domain")
    check(indexes(["-i", "39:00.0"]) == [2], "-i bus id without domain")
    check(indexes(["-i", "module:1"]) == [1], "-i module id")
    check(indexes(["-i", "2,0"]) == [0, 2], "-i list")
    check(indexes(["-d", "1"]) == [1], "-d is -i")
    for sel in ("3", "0000:99:00.0", "module:7"):
        res = query(["-i", sel], n=3)
        check(res.returncode == 2 and f"device {sel} not found" in one_stderr_line(res),
              f"unknown device {sel} should exit 2", res)
    res = query(["-i", "module:0"], n=1, iface="legacy")
    check(res.returncode == 2, "legacy devices have no module id", res)
    for sel in ("x", "19:00", "module:", ""):
        res = query(["-i", sel], n=1)
        check(res.returncode == 1 and "selector" in one_stderr_line(res),
              f"bad selector {sel!r} should exit 1", res)


def case_info_holder():
    # another process holds device 1's compute node while hla-info looks
    ready = f"/tmp/hla-tools-hold.{os.getpid()}"
    script = (f'"$0" hold 1 {ready} & h=$!; '
              f'while [ ! -e {ready} ]; do sleep 0.02; done; '
              f'echo holder=$h; "$1"; echo "==="; "$1" -Q index,pid,process -f csv,noheader; '
              f'rm -f {ready}; wait $h; echo holder_exit=$?')
    res = sim(["sh", "-c", script, A.inproc, A.info], n=2)
    check(res.returncode == 0, "holder script failed", res)
    holder = re.search(r"^holder=(\d+)$", res.stdout, re.M).group(1)
    check(re.search(r"^holder_exit=0$", res.stdout, re.M),
          "the holder lost its device or could not use it while hla-info ran", res)
    table, rest = res.stdout.split("===\n")
    rows = [l for l in table.splitlines() if re.match(r"^\d", l)]
    check(re.search(rf"\s{holder}\s+tools-inproc$", rows[1]) and rows[0].endswith("-       -"),
          "the table should show the holder of device 1 only", res)
    check(f"0, -, -\n1, {holder}, tools-inproc\n" in rest, "--query pid,process", res)


def run_loop(args, sig, tty=False):
    """Start hla-info --loop with the simulator preloaded, wait for two
    snapshots, send sig; return (exit code, output)."""
    env = base_env()
    env["LD_PRELOAD"] = A.sim_lib
    env["HLA_SIM_DEVICES"] = "1"
    if tty:
        master, slave = pty.openpty()
        proc = subprocess.Popen([A.info] + args, stdout=slave, stderr=subprocess.PIPE,
                                env=env)
        os.close(slave)
    else:
        proc = subprocess.Popen([A.info] + args, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, env=env)
        master = proc.stdout.fileno()
    out = b""
    deadline = time.monotonic() + 30
    # a terminal: the first clear, then a home per snapshot
    marker, want = (b"\x1b[H", 3) if tty else (b"\n0", 2)
    while out.count(marker) < want and time.monotonic() < deadline:
        r, _, _ = select.select([master], [], [], 1.0)
        if r:
            try:
                chunk = os.read(master, 65536)
            except OSError:
                break
            if not chunk:
                break
            out += chunk
    proc.send_signal(sig)
    try:
        rc = proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        raise Failure(f"hla-info {args} did not stop on signal {sig}")
    if tty:
        os.close(master)
    err = proc.stderr.read().decode()
    check(err == "", f"--loop stderr: {err}")
    return rc, out.decode(errors="replace")


def case_info_loop():
    rc, out = run_loop(["--loop", "0.2"], signal.SIGINT)
    check(rc == 0, f"SIGINT should end --loop with 0, got {rc}")
    check(out.count("IDX ") >= 2 and "\x1b[" not in out,
          "not a terminal: plain snapshots, no escapes")
    rc, out = run_loop(["-l", "0.2", "-Q", "index,temperature", "-f", "csv"], signal.SIGTERM)
    check(rc == 0, f"SIGTERM should end --loop with 0, got {rc}")
    check(out.count("index, temperature [C]") == 1 and out.count("0, 30.0 C") >= 2,
          f"--loop --query: one header, a row per snapshot: {out!r}")
    rc, out = run_loop(["-l", "0.2"], signal.SIGINT, tty=True)
    check(rc == 0, f"SIGINT on a terminal should end --loop with 0, got {rc}")
    # one full clear at the start, then redraws in place without flicker
    check(out.startswith("\x1b[H\x1b[2J") and out.count("\x1b[2J") == 1,
          f"the screen is cleared once: {out[:80]!r}")
    check(out.count("\x1b[H") >= 3 and "\x1b[K" in out and "\x1b[J" in out,
          f"redraw: home, clear to end of line and of screen: {out[:200]!r}")
    for bad in ("0", "-1", "x", "1e9"):
        res = sim([A.info, "--loop", bad], n=1)
        check(res.returncode == 1 and "invalid interval" in one_stderr_line(res),
              f"--loop {bad}", res)


def case_info_oom():
    res = sim([A.inproc, "info", "--fail-alloc", "--expect", "5", "--"], n=1)
    check(res.returncode == 0, "out of memory should exit 5 without leaks", res)
    check("hla-info: out of memory" in res.stderr, "out-of-memory message", res)
    res = sim([A.inproc, "info", "--fail-alloc", "--expect", "5", "--", "--details"], n=1)
    check(res.returncode == 0, "--details out of memory should exit 5", res)
    res = sim([A.inproc, "info", "--fail-alloc", "--expect", "5", "--", "-Q", "index"], n=1)
    check(res.returncode == 0, "--query out of memory should exit 5", res)


def case_version():
    ver = None
    for tool, name in ((A.info, "hla-info"), (A.p2p, "hla-p2p-copy")):
        res = run([tool, "--version"])
        m = re.fullmatch(rf"{name} \(hlaccel\) (\d+\.\d+\.\d+)\n", res.stdout)
        check(res.returncode == 0 and m, f"{name} --version", res)
        check(ver in (None, m.group(1)), "both tools report the same library version", res)
        ver = m.group(1)
    check(ver == A.version, f"library version {ver}, project version {A.version}")


# ------------------------------------------------------------ hla-p2p-copy

def check_verified(res, what):
    check(res.returncode == 0, f"{what}: copy failed", res)
    lines = res.stdout.strip().splitlines()
    check(lines and lines[-1] == "verified", f"{what}: last line is not 'verified'", res)
    return res.stdout


def check_phases(out, res, bounce=False):
    for ph in ("fill", "copy", "verify", "total"):
        check(re.search(rf"^{ph}\s+[\d.]+ \S+\s+[\d.]+ s\s+[\d.]+ GiB/s", out, re.M),
              f"no '{ph}' phase line", res)
    if bounce:
        check(re.search(r"^export\s+skipped", out, re.M), "export should be skipped", res)
    else:
        check(re.search(r"^export\s+[\d.]+ \S+\s+[\d.]+ s", out, re.M), "no export line", res)


def case_p2p_mmap():
    # 6.1.0 exports Gaudi2 memory by allocation handle: the tool falls back
    if A.driver in NO_VM_EXPORT:
        raise Skip(f"driver {A.driver} exports no Gaudi2 memory")
    res = sim([A.p2p, "--size", "8M", "--importer", "mmap"], n=2)
    out = check_verified(res, "mmap")
    check(f"from device 0 (GAUDI2, {node(0)}) to device 1 (GAUDI2, {node(1)})"
          in out, "header names both devices", res)
    check_phases(out, res)
    check(res.stderr == "", "stderr should be empty", res)


def case_p2p_bounce():
    res = sim([A.p2p, "--size", "8M", "--importer", "bounce", "--chunk", "256K"], n=2)
    check_phases(check_verified(res, "bounce"), res, bounce=True)


def case_p2p_odd_size():
    # sizes and chunks that are not multiples of 8 or of each other
    for imp in ("mmap", "bounce"):
        res = sim([A.p2p, "--size", "5000005", "--chunk", "65539", "--importer", imp,
                   "--seed", "0"], n=2)
        check_verified(res, f"odd size {imp}")


def case_p2p_iterations():
    res = sim([A.p2p, "--size", "4M", "--iterations", "3"], n=2)
    out = check_verified(res, "iterations")
    check(re.search(r"^copy .*\(best of 3, mean [\d.]+ GiB/s\)", out, re.M),
          "copy line should say best of 3", res)


def case_p2p_gaudi1():
    for imp in ("mmap", "bounce"):
        res = sim([A.p2p, "--size", "6M", "--importer", imp], n=2, asic="gaudi")
        out = check_verified(res, f"Gaudi1 {imp}")
        check("(GAUDI, " in out, "Gaudi1 not named", res)


def case_p2p_legacy():
    res = sim([A.p2p, "--size", "4M", "--importer", "mmap"], n=2, iface="legacy")
    check(res.returncode == 7, "legacy Gaudi2 export should exit 7", res)
    line = one_stderr_line(res)
    check("dma-buf export" in line and "refused" in line and "Operation not supported" in line,
          "export refusal message", res)
    # no dma-buf needed: the bounce importer still works on that kernel
    check_verified(sim([A.p2p, "--size", "4M", "--importer", "bounce"], n=2, iface="legacy"),
                   "legacy bounce")
    # and Gaudi1 on 6.1 exports by physical address
    check_verified(sim([A.p2p, "--size", "4M"], n=2, asic="gaudi", iface="legacy"),
                   "legacy Gaudi1 mmap")
    res = sim([A.inproc, "p2p", "--expect", "7", "--", "--size", "1M"], n=2, iface="legacy")
    check(res.returncode == 0, "leak check after a refused export", res)


def case_p2p_one_device():
    res = sim([A.p2p, "--size", "4M"], n=1)
    out = check_verified(res, "one device")
    check("within device 0" in out, "one-device header", res)
    check("only one device" in one_stderr_line(res), "one-device note", res)
    check_verified(sim([A.p2p, "--size", "4M", "--importer", "bounce"], n=1), "one device bounce")
    res = sim([A.p2p, "--size", "4M", "--dst", "1"], n=1)
    check(res.returncode == 5, "explicit missing --dst should exit 5", res)
    check("destination device 1 not found" in one_stderr_line(res), "message", res)
    res = sim([A.p2p, "--size", "4M", "--src", "3"], n=2)
    check(res.returncode == 5, "missing --src should exit 5", res)
    # --dst equal to --src is a deliberate one-device copy
    check_verified(sim([A.p2p, "--size", "1M", "--src", "1", "--dst", "1"], n=2), "src==dst")


def case_p2p_bad_args():
    for args in (["--size", "12Q"], ["--size", "0"], ["--size", "1.5G"], ["--chunk", "0"],
                 ["--chunk", "2G"], ["--importer", "foo"], ["--iterations", "0"],
                 ["--seed", "x"], ["--bogus"], ["--size"], ["stray"]):
        res = sim([A.p2p] + args, n=1)
        check(res.returncode == 1, f"{args}: should exit 1", res)
        one_stderr_line(res)
    res = sim([A.p2p, "--size", "12Q"], n=1)
    check("invalid size '12Q'" in res.stderr, "size message", res)
    res = sim([A.p2p, "--help"], n=1)
    check(res.returncode == 0 and "--importer" in res.stdout, "--help", res)


def case_p2p_no_device():
    res = preload([A.p2p, "--size", "1M"], 0)
    check(res.returncode == 2, "no device should exit 2", res)
    check(one_stderr_line(res) == "hla-p2p-copy: no habanalabs device found", "message", res)


def case_p2p_too_big():
    res = sim([A.p2p, "--size", "128G"], n=2)  # more than a card's 80 or 96 GiB
    check(res.returncode == 6, "a copy larger than DRAM should exit 6", res)
    one_stderr_line(res)


def case_p2p_json():
    res = sim([A.p2p, "--size", "3M", "--json", "--iterations", "2"], n=2)
    check(res.returncode == 0, "json run failed", res)
    doc = parse_json(res)
    check(doc["verified"] is True and doc["size"] == 3 << 20, "verified/size", res)
    check(doc["importer"] == "mmap" and doc["one_device"] is False, "importer/one_device", res)
    check(doc["source"]["index"] == 0 and doc["destination"]["index"] == 1, "sides", res)
    for ph in ("fill", "export", "copy", "verify", "total"):
        p = doc["phases"][ph]
        check(p["bytes"] == 3 << 20 and p["seconds"] > 0 and p["bytes_per_second"] > 0,
              f"phase {ph}", res)
    check(doc["phases"]["copy_iterations"] == 2, "copy iterations", res)
    # failures are JSON too
    res = sim([A.p2p, "--size", "1M", "--json"], n=2, iface="legacy")
    doc = parse_json(res)
    check(res.returncode == 7 and doc["verified"] is False and doc["exit_code"] == 7 and
          "export" in doc["error"], "json failure report", res)
    # --quiet prints only the verdict
    res = sim([A.p2p, "--size", "1M", "--quiet"], n=2)
    check(res.returncode == 0 and res.stdout == "verified\n", "--quiet output", res)


def case_p2p_rdma():
    # the simulator offers no RDMA device: the importer must say so
    res = sim([A.p2p, "--size", "1M", "--importer", "rdma"], n=2)
    check(res.returncode == 8, "rdma importer without RDMA device should exit 8", res)
    line = one_stderr_line(res)
    if A.rdma == "1":
        check("no RDMA device with dma-buf support" in line, "rdma message", res)
    else:
        check("not built in" in line, "rdma message", res)
    res = sim([A.inproc, "p2p", "--expect", "8", "--", "--size", "1M", "--importer", "rdma"],
              n=2)
    check(res.returncode == 0, "leak check after the rdma failure", res)


def case_p2p_mismatch():
    off = 123457
    res = sim([A.inproc, "p2p", "--corrupt", str(off), "--expect", "10", "--",
               "--size", "1M", "--json"], n=2)
    check(res.returncode == 0, "corrupted copy must fail verification with exit 10", res)
    doc = parse_json(res)
    check(doc["verified"] is False and doc["mismatch_offset"] == off,
          f"mismatch should be reported at offset {off}", res)
    check(f"first mismatch at offset {off} " in res.stderr, "mismatch message", res)
    # same on one device, text output
    res = sim([A.inproc, "p2p", "--corrupt", "0", "--expect", "10", "--", "--size", "64K"], n=1)
    check(res.returncode == 0 and "first mismatch at offset 0 " in res.stderr,
          "mismatch at offset 0", res)
    # without corruption the in-process run verifies and leaks nothing
    res = sim([A.inproc, "p2p", "--expect", "0", "--", "--size", "2M"], n=2)
    check(res.returncode == 0 and res.stdout.strip().endswith("verified"), "clean run", res)


def case_p2p_busy():
    res = sim([A.inproc, "p2p", "--hold", "1", "--expect", "4", "--", "--size", "1M"], n=2)
    check(res.returncode == 0, "a held destination must give exit 4", res)
    check("device 1 is busy" in res.stderr, "busy message", res)


def case_p2p_dma_fault():
    # one device, 8M in one batch: CS 1 clears, CS 2 fills, CS 3 reads back;
    # each injected failure must give exit 9 and leak nothing
    for n in (2, 3):
        res = sim([A.inproc, "p2p", "--expect", "9", "--", "--size", "8M", "--chunk", "1M"],
                  n=1, faults=[f"CS@{n}=EIO"])
        check(res.returncode == 0, f"CS {n} failing must give exit 9 without leaks", res)
        check("DMA" in res.stderr and "Input/output error" in res.stderr, "DMA message", res)
    # the second allocation (the destination) fails
    res = sim([A.inproc, "p2p", "--expect", "6", "--", "--size", "1M"], n=1,
              faults=["MEMORY.ALLOC@2=ENOMEM"])
    check(res.returncode == 0, "an allocation failure must give exit 6 without leaks", res)
    check("not enough DRAM" in res.stderr, "allocation message", res)


def case_p2p_release_fault():
    # the copy is verified but a release at the end fails: the figures are
    # printed, then one line naming the release, and the exit status is 9
    for fault, what in (("MEMORY.FREE@1=EIO", "cannot release DRAM on device"),
                        ("MEMORY.UNMAP@1=EIO", "cannot release a DRAM mapping on device"),
                        ("CB.DESTROY@2=EIO", "cannot release a command buffer on device")):
        res = sim([A.p2p, "--size", "1M"], n=2, faults=[fault])
        check(res.returncode == 9, f"{fault}: should exit 9", res)
        lines = res.stdout.strip().splitlines()
        check(lines and lines[-1] == "verified", f"{fault}: the figures are printed", res)
        check(what in one_stderr_line(res), f"{fault}: message", res)
    # two processes: whichever side fails to release, the run says so
    res = sim([A.p2p, "--size", "1M", "--procs", "2"], n=2, faults=["MEMORY.FREE@1=EIO"])
    check(res.returncode == 9, "--procs 2: should exit 9", res)
    check("cannot release DRAM on device" in res.stderr, "--procs 2: message", res)


def read_csv(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


def tmp_path(name):
    return os.path.join(tempfile.gettempdir(), f"hla-tools-{os.getpid()}-{name}")


def case_p2p_sweep():
    csv_file, json_file = tmp_path("sweep.csv"), tmp_path("sweep.json")
    try:
        res = sim([A.p2p, "-a", "--min-size", "3K", "--max-size", "100K", "-n", "3",
                   "--unit", "GB/s", "--csv", csv_file, f"--json={json_file}"], n=2)
        out = check_verified(res, "sweep")
        rows = read_csv(csv_file)
        with open(json_file) as f:
            doc = json.load(f)
    finally:
        for p in (csv_file, json_file):
            if os.path.exists(p):
                os.unlink(p)
    sizes = [4096 << k for k in range(5)]  # 4K..64K: powers of two within 3K..100K
    check([int(r["size"]) for r in rows] == sizes, f"CSV sizes: {[r['size'] for r in rows]}")
    for r in rows:
        check(r["importer"] == "mmap" and r["direction"] == "unidirectional" and
              r["unit"] == "GB/s" and r["verified"] == "yes" and r["passes"] == "3",
              f"CSV row {r}")
        size = int(r["size"])
        cold, steady = float(r["cold_seconds"]), float(r["steady_seconds"])
        check(cold > 0 and steady > 0, f"CSV times {r}")
        # bandwidth = bytes / seconds, in GB/s
        check(abs(float(r["cold_bw"]) - size / cold / 1e9) <= 1e-5 + 1e-3 * float(r["cold_bw"]),
              f"cold bandwidth {r}")
        check(float(r["peak_bw"]) >= float(r["steady_bw"]) * 0.999, f"peak >= steady {r}")
        check(re.search(rf"^\s+{size}\s+3\s+[\d.]+ GB/s\s+[\d.]+ GB/s\s+[\d.]+ GB/s$", out, re.M),
              f"text row for {size}", res)
    check(doc["sweep"] is True and doc["verified"] is True and doc["size"] == 65536,
          "JSON header")
    check([r["size"] for r in doc["results"]] == sizes, "JSON sizes")
    for jr, cr in zip(doc["results"], rows):
        check(jr["passes"] == 3 and jr["verified"] is True, f"JSON result {jr}")
        check(abs(jr["cold_seconds"] - float(cr["cold_seconds"])) < 1e-6,
              "JSON and CSV agree on the cold time")
        check(abs(jr["steady_bytes_per_second"] / 1e9 - float(cr["steady_bw"])) <=
              1e-5 + 1e-3 * float(cr["steady_bw"]), "JSON and CSV agree on steady")
    # the bounce importer and Gaudi1 sweep too; --min-size > --max-size is refused
    check_verified(sim([A.p2p, "-a", "--min-size", "1M", "--max-size", "2M", "-i", "bounce"],
                       n=2, asic="gaudi"), "Gaudi1 bounce sweep")
    res = sim([A.p2p, "-a", "--min-size", "2M", "--max-size", "1M"], n=2)
    check(res.returncode == 1 and "--min-size" in one_stderr_line(res), "min > max", res)


def case_p2p_sweep_mismatch():
    # a corrupted byte fails the size that copied it; the CSV says which passed
    csv_file = tmp_path("mismatch.csv")
    try:
        res = sim([A.inproc, "p2p", "--corrupt", "5000", "--expect", "10", "--",
                   "-a", "--min-size", "4K", "--max-size", "16K", "--csv", csv_file], n=2)
        check(res.returncode == 0, "corruption during a sweep must exit 10", res)
        rows = read_csv(csv_file)
    finally:
        if os.path.exists(csv_file):
            os.unlink(csv_file)
    # 4K does not reach offset 5000 and verifies; 8K copies it and fails
    check([(r["size"], r["verified"]) for r in rows] == [("4096", "yes"), ("8192", "no")],
          f"CSV rows of the failed sweep: {rows}")
    check("first mismatch at offset 5000 " in res.stderr, "mismatch message", res)


def case_p2p_duration():
    t0 = time.monotonic()
    res = sim([A.p2p, "--size", "1M", "--duration", "0.5", "--json"], n=2)
    wall = time.monotonic() - t0
    check(res.returncode == 0, "--duration run", res)
    doc = parse_json(res)
    r = doc["results"][0]
    check(r["passes"] >= 2 and doc["duration"] == 0.5, f"passes {r['passes']}", res)
    check(doc["phases"]["copy_iterations"] == r["passes"], "phases and results agree", res)
    check(wall >= 0.5, "the run cannot be shorter than the duration", res)
    for bad in ("0", "-1", "x", "4000"):
        res = sim([A.p2p, "-D", bad], n=1)
        check(res.returncode == 1 and "invalid duration" in one_stderr_line(res),
              f"--duration {bad}", res)


def case_p2p_bidir():
    res = sim([A.p2p, "--size", "2M", "-b", "-n", "2", "--json"], n=2)
    check(res.returncode == 0, "bidirectional run", res)
    doc = parse_json(res)
    r = doc["results"][0]
    check(doc["bidirectional"] is True and r["bytes_per_pass"] == 4 << 20 and
          r["verified"] is True and doc["phases"]["copy"]["bytes"] == 4 << 20,
          "both directions counted", res)
    out = check_verified(sim([A.p2p, "--size", "1M", "-b"], n=2), "bidir text")
    check("to device 1 (GAUDI2, /dev/accel/accel1) and back at once" in out, "header", out)
    check_verified(sim([A.p2p, "--size", "1M", "-b"], n=1), "bidir on one device")
    res = sim([A.inproc, "p2p", "--expect", "0", "--", "--size", "1M", "-b", "-n", "3"], n=2)
    check(res.returncode == 0, "bidirectional run leaks nothing", res)
    res = sim([A.p2p, "--size", "1M", "-b", "-i", "bounce"], n=2)
    check(res.returncode == 1 and "mmap or rdma" in one_stderr_line(res), "bounce -b", res)


def case_p2p_select():
    res = sim([A.p2p, "--size", "1M", "--src", "29:00.0", "--dst", "0000:19:00.0", "--json"],
              n=2)
    doc = parse_json(res)
    check(res.returncode == 0 and doc["source"]["index"] == 1 and
          doc["destination"]["index"] == 0 and doc["source"]["pci_bus_id"] == "0000:29:00.0",
          "--src/--dst by bus id", res)
    res = sim([A.p2p, "--size", "1M", "--src", "module:2", "--json"], n=3)
    doc = parse_json(res)
    check(res.returncode == 0 and doc["source"]["index"] == 2 and
          doc["destination"]["index"] == 0, "--src module:2, --dst the next one", res)
    res = sim([A.p2p, "--size", "1M", "--dst", "0000:99:00.0"], n=2)
    check(res.returncode == 5 and "destination device 0000:99:00.0 not found" in
          one_stderr_line(res), "unknown bus id", res)
    res = sim([A.p2p, "--src", "19:0"], n=2)
    check(res.returncode == 1 and "invalid device" in one_stderr_line(res), "bad selector", res)


def case_p2p_units():
    res = sim([A.p2p, "--size", "4M", "--unit", "Gb/s"], n=2)
    out = check_verified(res, "Gb/s")
    check(re.search(r"^copy\s+4 MiB\s+[\d.]+ s\s+[\d.]+ Gb/s", out, re.M), "unit shown", res)
    m = re.search(r"^copy\s+4 MiB\s+([\d.]+) s\s+([\d.]+) Gb/s", out, re.M)
    secs, gbits = float(m.group(1)), float(m.group(2))
    if secs >= 0.001:  # four decimals of seconds: the check needs a measurable time
        check(abs(gbits - (4 << 20) * 8 / secs / 1e9) <= 0.01 * gbits + 0.01, "Gb/s value", res)
    for bad in ("gbps", "GiB", ""):
        res = sim([A.p2p, "--unit", bad], n=1)
        check(res.returncode == 1 and "invalid unit" in one_stderr_line(res), f"unit {bad!r}",
              res)


def case_p2p_rdma_opts():
    # the options belong to the rdma importer
    for args in (["-d", "mlx5_0"], ["--ib-port", "1"], ["-x", "3"]):
        res = sim([A.p2p, "--size", "1M"] + args, n=2)
        check(res.returncode == 1 and "--importer rdma" in one_stderr_line(res),
              f"{args} without rdma", res)
    for args in (["-p", "0"], ["-p", "256"], ["-x", "256"], ["-x", "x"], ["-d", ""]):
        res = sim([A.p2p, "-i", "rdma"] + args, n=2)
        check(res.returncode == 1, f"{args}: should exit 1", res)
        one_stderr_line(res)
    res = sim([A.p2p, "--size", "1M", "-i", "rdma", "-d", "nosuchnic0", "-p", "2", "-x", "1"],
              n=2)
    check(res.returncode == 8, "a missing RDMA device should exit 8", res)
    line = one_stderr_line(res)
    if A.rdma == "1":
        check("RDMA device 'nosuchnic0' not found" in line, "named device message", res)
    else:
        check("not built in" in line, "rdma message", res)


def case_p2p_output_error():
    res = sim([A.p2p, "--size", "1M", "--csv", "/nonexistent-dir/x.csv"], n=2)
    check(res.returncode == 11 and "cannot write /nonexistent-dir/x.csv" in one_stderr_line(res),
          "an unwritable --csv should exit 11", res)
    res = sim([A.p2p, "--size", "1M", "--csv", "/tmp/same", "--json=/tmp/same"], n=2)
    check(res.returncode == 1, "--csv and --json on one file", res)


def case_p2p_procs():
    # the exporter in a child process, the dma-buf sent over a socket
    res = sim([A.p2p, "--size", "8M", "--procs", "2"], n=2)
    out = check_verified(res, "two processes")
    check("exporter and importer in two processes" in out, "header says two processes", res)
    check("from device 0 (GAUDI2, /dev/accel/accel0) to device 1 (GAUDI2, /dev/accel/accel1)"
          in out, "header names the exporter's device", res)
    check_phases(out, res)
    check(res.stderr == "", "stderr should be empty", res)
    res = sim([A.p2p, "--size", "3M", "--procs", "2", "--json", "-n", "2", "--seed", "7"], n=2)
    doc = parse_json(res)
    check(res.returncode == 0 and doc["verified"] is True and doc["processes"] == 2,
          "json verified with two processes", res)
    check(doc["source"]["index"] == 0 and doc["source"]["asic"] == "GAUDI2" and
          doc["destination"]["index"] == 1, "sides described", res)
    check(doc["phases"]["fill"]["seconds"] > 0, "the exporter's fill time", res)
    # odd sizes, a sweep, the rdma options and explicit devices
    check_verified(sim([A.p2p, "--size", "5000005", "--chunk", "65539", "--procs", "2"], n=2),
                   "odd size")
    check_verified(sim([A.p2p, "-a", "--max-size", "1M", "-n", "2", "--procs", "2",
                        "--src", "2", "--dst", "0"], n=3), "sweep")
    # Gaudi1 exports by physical address, on both interfaces
    for iface in ("accel", "legacy"):
        out = check_verified(sim([A.p2p, "--size", "6M", "--procs", "2"], n=2, asic="gaudi",
                                 iface=iface), f"Gaudi1 {iface}")
        check("(GAUDI, " in out, "Gaudi1 named", res)
    # legacy Gaudi2 (6.1) exports nothing: the exporter's refusal, exit 7
    res = sim([A.p2p, "--size", "4M", "--procs", "2"], n=2, iface="legacy")
    check(res.returncode == 7, "legacy Gaudi2 exporter should exit 7", res)
    line = one_stderr_line(res)
    check(line.startswith("hla-p2p-copy: exporter: dma-buf export of the source refused") and
          "Operation not supported" in line, "exporter's message", res)


def case_p2p_procs_failures():
    # options that do not go with two processes
    for args in (["--procs", "3"], ["--procs", "0"], ["--procs", "2", "-b"],
                 ["--procs", "2", "--importer", "bounce"]):
        res = sim([A.p2p, "--size", "1M"] + args, n=2)
        check(res.returncode == 1, f"{args}: should exit 1", res)
        one_stderr_line(res)
    res = sim([A.p2p, "--size", "1M", "--procs", "2"], n=1)
    check(res.returncode == 1 and "needs two devices" in one_stderr_line(res),
          "one device", res)
    res = sim([A.p2p, "--size", "1M", "--procs", "2", "--src", "1", "--dst", "1"], n=2)
    check(res.returncode == 1 and "both device 1" in one_stderr_line(res), "src == dst", res)
    # the importer fails: verification, exit 10; the exporter is reaped and
    # the source device released (the leak check opens every device)
    off = 54321
    res = sim([A.inproc, "p2p", "--corrupt", str(off), "--expect", "10", "--",
               "--size", "1M", "--procs", "2", "--json"], n=2)
    check(res.returncode == 0, "importer mismatch must exit 10 without leaks", res)
    doc = parse_json(res)
    check(doc["verified"] is False and doc["mismatch_offset"] == off, "mismatch offset", res)
    # the importer's device is busy: exit 4 though the exporter went on
    res = sim([A.inproc, "p2p", "--hold", "1", "--expect", "4", "--", "--size", "1M",
               "--procs", "2"], n=2)
    check(res.returncode == 0 and "device 1 is busy" in res.stderr, "importer busy", res)
    # the exporter's device is busy: its code and message come through
    res = sim([A.inproc, "p2p", "--hold", "0", "--expect", "4", "--", "--size", "1M",
               "--procs", "2"], n=2)
    check(res.returncode == 0 and "exporter: device 0 is busy" in res.stderr,
          "exporter busy", res)
    # the exporter dies by a signal before the hand-over: exit 12, said so
    res = sim([A.inproc, "p2p", "--kill-exporter", "--expect", "12", "--", "--size", "1M",
               "--procs", "2"], n=2)
    check(res.returncode == 0 and re.search(r"exporter process \d+ was killed by signal 9",
                                            res.stderr), "killed exporter", res)
    # an exporter DMA failure: its exit code 9 (CS 1 of each process is the
    # importer's clear and the exporter's first fill batch; CS 2 is only
    # the exporter's second batch of 32M)
    res = sim([A.p2p, "--size", "64M", "--procs", "2"], n=2, faults=["CS@2=EIO"])
    check(res.returncode == 9 and "exporter: " in one_stderr_line(res), "exporter DMA", res)


def complete(tool, words):
    """The completions bash offers for the command line `tool words...`
    (the last word being completed)."""
    script = os.path.join(A.completion, os.path.basename(tool))
    line = " ".join([os.path.basename(tool)] + [f"'{w}'" for w in words])
    prog = (f'source "{script}"; COMP_WORDS=({line}); COMP_CWORD={len(words)}; '
            f'f=$(complete -p {os.path.basename(tool)} | sed -n "s/.*-F \\([^ ]*\\) .*/\\1/p"); '
            '"$f"; printf "%s\\n" "${COMPREPLY[@]}"')
    env = base_env()
    env["PATH"] = os.path.dirname(os.path.abspath(tool)) + os.pathsep + env["PATH"]
    res = run(["bash", "--norc", "--noprofile", "-c", prog], env=env)
    check(res.returncode == 0 and res.stderr == "", f"completion of {words}", res)
    return [l for l in res.stdout.splitlines() if l]


def case_completion():
    check(A.completion, "no completion directory given")
    check(complete(A.info, ["--qu"]) == ["--query"], "hla-info --qu")
    check(complete(A.info, ["-Q", "index,tem"]) == ["index,temperature"],
          "fields after a comma")
    check(sorted(complete(A.info, ["--query", "memory."])) ==
          ["memory.free", "memory.total", "memory.used"], "field prefixes")
    check(complete(A.info, ["-f", "csv,noh"]) == ["csv,noheader", "csv,noheader,nounits"],
          "formats")
    check(complete(A.p2p, ["--importer", "r"]) == ["rdma"], "importers")
    check(sorted(complete(A.p2p, ["--unit", "G"])) == ["GB/s", "Gb/s", "GiB/s"], "units")
    check(complete(A.p2p, ["--bi"]) == ["--bidirectional"], "hla-p2p-copy --bi")
    # every long option of --help can be completed
    for tool in (A.info, A.p2p):
        helptext = run([tool, "--help"]).stdout
        for opt in sorted(set(re.findall(r"(?<![\w-])(--[a-z][a-z-]*)", helptext))):
            check(opt in complete(tool, [opt]), f"{os.path.basename(tool)}: {opt} not completed")


def case_man_options():
    # every long option of --help is documented in the tool's man page
    check(A.man, "no man directory given")
    for tool in (A.info, A.p2p):
        name = os.path.basename(tool)
        with open(os.path.join(A.man, name + ".1")) as f:
            page = f.read().replace("\\-", "-")
        helptext = run([tool, "--help"]).stdout
        for opt in sorted(set(re.findall(r"(?<![\w-])(--[a-z][a-z-]*)", helptext))):
            check(re.search(rf"(?<![\w-]){re.escape(opt)}(?![\w-])", page),
                  f"{name}: {opt} missing from {name}.1")


def case_samples():
    check(A.sample, "no sample programs given")
    for prog in A.sample:
        name = os.path.basename(prog)
        combos = ((("gaudi2", None), ("gaudi", None)) if A.driver else
                  (("gaudi2", "accel"), ("gaudi", "accel"), ("gaudi", "legacy")))
        for asic, iface in combos:
            res = sim([prog], n=1, asic=asic, iface=iface)
            # the driver refuses the export itself: the sample must fail
            refused = A.driver in NO_VM_ADDR_EXPORT and asic == "gaudi2" and "dmabuf" in name
            check((res.returncode == 0) != refused, f"sample {name} on {asic}/{iface}", res)
    res = sim([p for p in A.sample if p.endswith("dma-roundtrip")], n=1)
    check("round trip of 1048576 bytes" in res.stdout and ": ok" in res.stdout,
          "dma-roundtrip output", res)


CASES = {name[5:].replace("_", "-"): fn for name, fn in globals().items()
         if name.startswith("case_")}


def main():
    global A
    ap = argparse.ArgumentParser()
    ap.add_argument("case", choices=sorted(CASES))
    ap.add_argument("--sim", required=True)
    ap.add_argument("--sim-lib", required=True)
    ap.add_argument("--info", required=True)
    ap.add_argument("--p2p", required=True)
    ap.add_argument("--inproc", required=True)
    ap.add_argument("--rdma", default="0")
    ap.add_argument("--version", default="")
    ap.add_argument("--completion", default="")
    ap.add_argument("--man", default="")
    ap.add_argument("--sample", action="append", default=[])
    ap.add_argument("--driver", default="")
    A = ap.parse_args()
    try:
        CASES[A.case]()
    except Skip as exc:
        print(f"skip {A.case}: {exc}")
        return 77
    except Failure as exc:
        print(f"FAIL {A.case}: {exc}", file=sys.stderr)
        return 1
    except subprocess.TimeoutExpired as exc:
        print(f"FAIL {A.case}: timed out: {exc}", file=sys.stderr)
        return 1
    print(f"ok {A.case}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
