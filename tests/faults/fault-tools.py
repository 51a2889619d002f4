#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Fault injection into the command-line tools.

    fault-tools.py --fi LIBHLA_FI --sim HLA_SIM --sim-lib LIBHLA_SIM
                   --iface accel|legacy --name NAME --man PAGE -- PROGRAM [ARG...]

For the tool and each class of call (alloc, open, mmap, read, ioctl; eintr is
ioctl failing with EINTR) the
tool runs with the k-th call of that class failing (libhla-fi.so, preloaded
ahead of the simulator), k = 1, 2, ... until a run no longer reaches a k-th
call.  Every run must end within the time limit, by exit and not by a
signal, with an exit code the tool's manual documents; a non-zero exit
comes with a message on stderr; no heap block allocated in main() may be
left, nor more descriptors or mappings than a clean run leaves (those are
the simulator's own, made on first use); and the run without a fault must
succeed.  The script re-runs itself under the launcher so that all runs
share one simulated machine: a run that left a device held or unusable
makes the next one fail.
"""

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time

CLASSES = ("alloc", "open", "mmap", "read", "ioctl", "eintr")
MAX_K = 2000
RUN_TIMEOUT = 60


def parse():
    p = argparse.ArgumentParser()
    p.add_argument("--fi", required=True)
    p.add_argument("--sim", required=True)
    p.add_argument("--sim-lib", required=True)
    p.add_argument("--iface", required=True)
    p.add_argument("--name", required=True)
    p.add_argument("--man", required=True,
                   help="the tool's man page, whose EXIT STATUS lists the codes")
    p.add_argument("cmd", nargs="+")
    return p.parse_args()


def report(path):
    try:
        with open(path) as f:
            fields = f.read().split()
    except OSError:
        return None
    return {k: int(v) for k, v in (x.split("=") for x in fields)}


class Tool:
    def __init__(self, name, codes, cmd):
        self.name = name
        self.codes = codes
        self.cmd = cmd
        self.points = self.survived = self.tolerated = 0


def run_once(a, tool, cls, k, rep):
    env = dict(os.environ)
    env["LD_PRELOAD"] = a.fi + " " + a.sim_lib
    env["HLA_FI"] = f"{cls}:{k}"
    env["HLA_FI_REPORT"] = rep
    if os.path.exists(rep):
        os.unlink(rep)
    state = int(os.environ["HLA_SIM_STATE"])
    try:
        res = subprocess.run(tool.cmd, env=env, capture_output=True, text=True,
                             timeout=RUN_TIMEOUT, pass_fds=(state,), check=False)
    except subprocess.TimeoutExpired:
        return None, None
    return res, report(rep)


def check(tool, res, r, base):
    """None when the run is acceptable, else why not"""
    if res is None:
        return f"no exit after {RUN_TIMEOUT} s (hang)"
    if res.returncode < 0:
        return f"killed by signal {-res.returncode}"
    if res.returncode not in tool.codes:
        return f"exit code {res.returncode} is not one the manual documents"
    if res.returncode and not res.stderr.strip():
        return f"exit code {res.returncode} with nothing on stderr"
    if r is None:
        return "no report (the program did not end through exit or main)"
    if not r["fired"] and res.returncode:
        return f"exit code {res.returncode} with no fault injected"
    if r["live"]:
        return f"{r['live']} heap blocks left allocated"
    if base and (r["fds"] > base["fds"] or r["maps"] > base["maps"]):
        return (f"{r['fds']} descriptors and {r['maps']} mappings left, a clean run "
                f"leaves {base['fds']} and {base['maps']}")
    return None


def run_tool(a, tool, rep):
    res, base = run_once(a, tool, "alloc", MAX_K * 100, rep)
    why = check(tool, res, base, None)
    if why or res.returncode:
        print(f"FAIL {tool.name}: the run without a fault: {why or 'failed'}\n"
              f"{res.stderr if res else ''}", file=sys.stderr)
        return False
    ok = True
    per = {}
    for cls in CLASSES:
        k = 1
        while k <= MAX_K:
            res, r = run_once(a, tool, cls, k, rep)
            why = check(tool, res, r, base)
            if why is None and not r["fired"]:
                break
            tool.points += 1
            if why:
                ok = False
                print(f"FAIL {tool.name} {cls} k={k}: {why}\n--- stderr:\n"
                      f"{res.stderr if res else ''}", file=sys.stderr)
            else:
                tool.survived += 1
                tool.tolerated += res.returncode == 0
            k += 1
        if k > MAX_K:
            print(f"FAIL {tool.name} {cls}: still failing calls at k={MAX_K}", file=sys.stderr)
            ok = False
        per[cls] = k - 1
    print(f"{tool.name:<22} {tool.points:4} exercised {tool.survived:4} survived  ("
          + ", ".join(f"{c} {per[c]}" for c in CLASSES)
          + f"; {tool.tolerated} ran on despite the fault)", flush=True)
    return ok


def documented_codes(page):
    """the exit codes the EXIT STATUS section of a man page lists (.B N)"""
    codes, inside = set(), False
    with open(page) as f:
        for line in f:
            if line.startswith(".SH"):
                inside = line.split(None, 1)[1].strip() == "EXIT STATUS"
            elif inside and re.match(r"^\.B \d+\s*$", line):
                codes.add(int(line.split()[1]))
    if not codes:
        sys.exit("%s: no EXIT STATUS codes found" % page)
    return codes


def main():
    a = parse()
    if "HLA_SIM_STATE" not in os.environ:
        # one simulated machine for every run: under the launcher
        os.execv(a.sim, [a.sim, "-n", "2", "-i", a.iface, "--", sys.executable]
                 + sys.argv)
    tools = [Tool(a.name, documented_codes(a.man), a.cmd)]
    t0 = time.monotonic()
    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        rep = os.path.join(tmp, "report")
        for tool in tools:
            ok &= run_tool(a, tool, rep)
    points = sum(t.points for t in tools)
    survived = sum(t.survived for t in tools)
    print(f"total: {points} fault points exercised, {survived} survived, "
          f"{time.monotonic() - t0:.1f} s")
    return 0 if ok and points and points == survived else 1


if __name__ == "__main__":
    sys.exit(main())
