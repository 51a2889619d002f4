#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""How fast the simulator runs the README's main job, beside a memcpy
baseline measured in the same run.

Measures, on two simulated Gaudi2 devices (hla-sim -n 2 --asic gaudi2):

  main job     hla-p2p-copy --size SIZE, as scripts/run.sh runs it: wall
               time of the whole command and the tool's own total
  fill         the fill phase of the main job (device DMA of the source,
               memset of the destination)
  first write  the floor under that fill on this machine: two threads
               writing SIZE bytes each into memory the process never
               touched (memcpy-bench --first-write), run just before each
               main job, since the cost of fresh memory changes with what
               the machine did last
  mmap single  the copy of one iteration through freshly mapped dma-bufs
  mmap steady  the best of --iterations copies through the same mappings
  bounce       the best copy through a pinned host buffer (device DMA)
  enumeration  hla-info --list on 64 devices under callgrind: instructions
               executed for the simulator (its code and the C library work
               it asks for) against those for the library, for a program
               run by the launcher (hla-sim -n 64), whose processes share
               one fake tree: an earlier process of the same launcher has
               built it.  The simulator's are split into setting up (its
               devices, finding the tree) and answering the library's
               calls.  Beside it, the same for a process with the
               simulator preloaded on its own (no launcher), which builds
               and removes a tree of its own.

Each timed figure is the best of --repeat runs (the machine is noisy);
ratios are against the best memcpy of the same size and chunk.  Goals
(--check makes a miss exit 1): fill >= 2 GiB/s, mmap single >= 0.5,
mmap steady >= 0.9, bounce >= 0.5, simulator instructions < library's.
The main job's speed-up needs a figure from before: --before SECONDS.

It builds nothing: point --build-dir at a meson build directory.
"""

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

GIB = 1 << 30


def prog(build, rel):
    path = os.path.join(build, rel)
    if not os.access(path, os.X_OK):
        sys.exit(f"sim-bench: {path} is missing (build first)")
    return path


def run_json(cmd, env=None):
    t0 = time.perf_counter()
    p = subprocess.run(cmd, capture_output=True, text=True, env=env)
    wall = time.perf_counter() - t0
    if p.returncode:
        sys.exit(f"sim-bench: {' '.join(cmd)}: exit {p.returncode}: {p.stderr.strip()}")
    return json.loads(p.stdout), wall


def p2p(a, extra, before=None):
    """best of a.repeat runs; before() runs ahead of each"""
    cmd = [a.sim, "-n", "2", "--asic", "gaudi2", "--", a.p2p, "--size", a.size, "--json"] + extra
    best = None
    for _ in range(a.repeat):
        if before:
            before()
        rep, wall = run_json(cmd)
        if not rep.get("verified"):
            sys.exit(f"sim-bench: copy not verified: {rep.get('error')}")
        rep["wall"] = wall
        if best is None or wall < best["wall"]:
            best = rep
        if best is not rep:
            # keep the best of every phase across runs
            for k, v in rep["phases"].items():
                if isinstance(v, dict) and v["seconds"] < best["phases"][k]["seconds"]:
                    best["phases"][k] = v
    return best


def callgrind_contexts(outfile):
    """Self instruction counts per (object, call chain) of a profile taken
    with --separate-callers, the chain innermost first."""
    names = {"ob": {}, "fn": {}}
    cost = {}
    ob = fn = None
    pending = False
    for line in open(outfile):
        line = line.rstrip("\n")
        m = re.match(r"(c?)(ob|fn)=\((\d+)\)(?: (.*))?$", line)
        if m:
            kind = m.group(2)
            if m.group(4):
                names[kind][m.group(3)] = m.group(4)
            if not m.group(1):
                if kind == "ob":
                    ob = names[kind].get(m.group(3))
                else:
                    fn = names[kind].get(m.group(3))
            continue
        if line.startswith("calls="):
            pending = True
            continue
        if line and (line[0].isdigit() or line[0] in "+-*"):
            fields = line.split()
            if pending:
                pending = False  # the inclusive cost of a call: not self
            elif len(fields) >= 2:
                key = (ob, fn)
                cost[key] = cost.get(key, 0) + int(fields[1])
    return cost


def attribute(outfile):
    """Instructions spent for the simulator and for the library: every
    instruction goes to the innermost simulator or library frame on its
    call chain.  The simulator's sim_real_X wrappers called by its
    interposer X pass the library's own call on, so what runs below them
    counts for the library; below sim_real_X called elsewhere (building
    the fake tree) it counts for the simulator."""
    cost = callgrind_contexts(outfile)
    is_sim = lambda o: bool(o) and "libhla-sim" in o
    is_lib = lambda o: bool(o) and "libhlaccel" in o
    sim_names, lib_names, other = set(), set(), set()
    for (ob, fn) in cost:
        head = (fn or "").split("'")[0]
        (sim_names if is_sim(ob) else lib_names if is_lib(ob) else other).add(head)
    both = sim_names & other  # interposers share their name with libc's function

    def owner(chain, i):
        name = chain[i]
        nxt = chain[i + 1] if i + 1 < len(chain) else ""
        if name.startswith("sim_real_"):
            return "lib" if nxt in both else "sim"
        if name in both:
            return None if nxt == "sim_real_" + name else "sim"
        if name in lib_names:
            return "lib"
        if name in sim_names:
            return "sim"
        return None

    n = {"sim": 0, "lib": 0, "once": 0}
    for (ob, fn), ir in cost.items():
        chain = (fn or "").split("'")
        who = None
        if is_lib(ob):
            who = "lib"
        elif is_sim(ob):
            who = owner(chain, 0) or "sim"
        else:
            for i in range(1, len(chain)):
                who = owner(chain, i)
                if who:
                    break
        if who:
            n[who] += ir
        # setting up the simulator and its tree, and removing what it made
        if who == "sim" and any(f in ("setup", "cleanup") and f in sim_names for f in chain):
            n["once"] += ir
    return n["sim"], n["lib"], n["once"]


def enumeration(a, launcher):
    """(simulator, library, set-up) instructions of one hla-info --list on
    64 devices: with launcher, a program of hla-sim run after another has
    built the shared tree; without, the simulator preloaded alone."""
    if not shutil.which("valgrind"):
        return None
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "cg.out")
        grind = ["valgrind", "--tool=callgrind", "--separate-callers=40",
                 f"--callgrind-out-file={out}", a.info, "--list"]
        if launcher:
            # sh runs hla-info once (which builds the tree), then the measured one
            cmd = [a.sim, "-n", "64", "--", "sh", "-c",
                   '"$1" --list >/dev/null && shift && exec "$@"', "sh", a.info] + grind
            env = dict(os.environ)
        else:
            cmd = grind
            env = dict(os.environ, LD_PRELOAD=a.lib, HLA_SIM_DEVICES="64")
        p = subprocess.run(cmd, capture_output=True, text=True, env=env)
        if p.returncode:
            sys.exit(f"sim-bench: callgrind of hla-info failed: {p.stderr[-500:]}")
        return attribute(out)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--build-dir", default="build")
    ap.add_argument("--size", default="256M")
    ap.add_argument("--iterations", type=int, default=5)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--before", type=float, help="main-job wall seconds before (for the speed-up)")
    ap.add_argument("--before-build", help="a build of the code before: its main job is timed "
                    "in turn with this one's, so both see the same machine")
    ap.add_argument("--no-enum", action="store_true", help="skip the callgrind enumeration")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--check", action="store_true")
    a = ap.parse_args()
    b = a.build_dir
    a.sim = prog(b, "sim/launcher/hla-sim")
    a.lib = prog(b, "sim/libhla-sim.so")
    a.p2p = prog(b, "tools/hla-p2p-copy")
    a.info = prog(b, "tools/hla-info")
    mcb = prog(b, "bench/memcpy-bench")

    base, _ = run_json([mcb, "--json", "--size", a.size, "--chunk", "4M",
                        "--iterations", str(max(a.iterations, 3))])
    mem = base["bytes_per_second"]
    fresh = []

    def first_write():
        fresh.append(run_json([mcb, "--json", "--first-write", "--size", a.size])[0])

    if a.before_build:
        old = argparse.Namespace(**vars(a))
        old.sim = prog(a.before_build, "sim/launcher/hla-sim")
        # builds from before the tools moved out of examples/
        old.p2p = prog(a.before_build, "tools/hla-p2p-copy"
                       if os.path.exists(os.path.join(a.before_build, "tools/hla-p2p-copy"))
                       else "examples/hla-p2p-copy")
        old.repeat, a_repeat, walls = 1, a.repeat, []
        a.repeat = 1
        main_job = None
        for _ in range(a_repeat):
            walls.append(p2p(old, [], first_write)["wall"])
            rep = p2p(a, [], first_write)
            if main_job is None or rep["wall"] < main_job["wall"]:
                main_job = rep
        a.repeat = a_repeat
        a.before = min(walls)
    else:
        main_job = p2p(a, [], first_write)
    steady = p2p(a, ["--iterations", str(a.iterations)])
    bounce = p2p(a, ["--importer", "bounce", "--iterations", str(a.iterations)])
    enum = None if a.no_enum else enumeration(a, True)
    alone = None if a.no_enum else enumeration(a, False)

    ph = main_job["phases"]
    r = {
        "memcpy_gib_s": mem / GIB,
        "main_job_wall_s": main_job["wall"],
        "main_job_total_s": ph["total"]["seconds"],
        "fill_gib_s": ph["fill"]["bytes_per_second"] / GIB,
        "first_write_gib_s": max(f["bytes_per_second"] for f in fresh) / GIB,
        "mmap_single_ratio": ph["copy"]["bytes_per_second"] / mem,
        "mmap_steady_ratio": steady["phases"]["copy"]["bytes_per_second"] / mem,
        "bounce_ratio": bounce["phases"]["copy"]["bytes_per_second"] / mem,
    }
    if a.before:
        r["main_job_speedup"] = a.before / main_job["wall"]
    if enum:
        (r["enum_sim_instructions"], r["enum_lib_instructions"],
         r["enum_sim_setup_instructions"]) = enum
    if alone:
        (r["enum_alone_sim_instructions"], r["enum_alone_lib_instructions"],
         r["enum_alone_sim_setup_instructions"]) = alone
    goals = {
        "fill_gib_s": r["fill_gib_s"] >= 2.0,
        "mmap_single_ratio": r["mmap_single_ratio"] >= 0.5,
        "mmap_steady_ratio": r["mmap_steady_ratio"] >= 0.9,
        "bounce_ratio": r["bounce_ratio"] >= 0.5,
    }
    if a.before:
        goals["main_job_speedup"] = r["main_job_speedup"] >= 4.0
    if enum:
        goals["enumeration"] = enum[0] < enum[1]
    if a.json:
        print(json.dumps({"results": r, "goals_met": goals}, indent=2))
    else:
        print(f"memcpy baseline     {r['memcpy_gib_s']:8.2f} GiB/s  ({a.size}, chunk 4M, best of "
              f"{max(a.iterations, 3)})")
        print(f"main job            {r['main_job_wall_s']:8.3f} s wall, tool total "
              f"{r['main_job_total_s']:.3f} s (best of {a.repeat})"
              + (f", {r['main_job_speedup']:.1f}x faster than {a.before:.3f} s"
                 if a.before else ""))
        print(f"fill                {r['fill_gib_s']:8.2f} GiB/s   goal >= 2; first write of fresh "
              f"memory here: {r['first_write_gib_s']:.2f} GiB/s (best of {len(fresh)})")
        print(f"mmap single-shot    {r['mmap_single_ratio']:8.2f} x memcpy goal >= 0.5")
        print(f"mmap steady         {r['mmap_steady_ratio']:8.2f} x memcpy goal >= 0.9")
        print(f"bounce              {r['bounce_ratio']:8.2f} x memcpy goal >= 0.5")
        if enum:
            print(f"enumeration (64)    simulator {enum[0]:,} instructions, library {enum[1]:,} "
                  f"(under the launcher, tree built by an earlier process); of the "
                  f"simulator's, {enum[2]:,} set up, {enum[0] - enum[2]:,} answer the "
                  f"library's calls")
        if alone:
            print(f"  preloaded alone   simulator {alone[0]:,} instructions, library {alone[1]:,}; "
                  f"{alone[2]:,} of them build and remove a tree of the process's own")
        print("goals: " + ", ".join(f"{k} {'met' if v else 'MISSED'}" for k, v in goals.items()))
    return 1 if a.check and not all(goals.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
