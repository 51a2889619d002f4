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
import json
import os
import re
import subprocess
import sys

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
LEGACY_DRIVERS = ("6.1", "6.2", "6.5")
# drivers that export no memory of an ASIC with DRAM virtual memory (Gaudi2)
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
    res = sim([A.info], n=2)
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
    res = sim([A.info], n=1, asic="gaudi")
    check(res.returncode == 0 and re.search(r"^0\s+\S+\s+accel\s+GAUDI\s", res.stdout, re.M),
          "Gaudi1 row missing", res)


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


def case_samples():
    check(A.sample, "no sample programs given")
    for prog in A.sample:
        name = os.path.basename(prog)
        combos = ((("gaudi2", None), ("gaudi", None)) if A.driver else
                  (("gaudi2", "accel"), ("gaudi", "accel"), ("gaudi", "legacy")))
        for asic, iface in combos:
            res = sim([prog], n=1, asic=asic, iface=iface)
            # the driver refuses the export itself: the sample must fail
            refused = A.driver in NO_VM_EXPORT and asic == "gaudi2" and "dmabuf" in name
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
