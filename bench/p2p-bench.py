#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Compare hla-p2p-copy's importers with a plain host memcpy.

Runs, under the simulator with two Gaudi2 devices,

    hla-p2p-copy --importer mmap   --size SIZE --iterations N --json
    hla-p2p-copy --importer bounce --size SIZE --iterations N --json

and memcpy-bench with the same size, chunk and iteration count, then prints
the copy bandwidth of each importer relative to memcpy (goals: mmap >= 0.80,
bounce >= 0.40) and the time spent in every phase.  It builds nothing: point
it at a build directory (default: ./build) or at the three programs.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys

GOALS = {"mmap": 0.80, "bounce": 0.40}


def find_program(build_dir, rel, name, explicit):
    if explicit:
        return explicit
    if build_dir:
        path = os.path.join(build_dir, rel)
        if os.access(path, os.X_OK):
            return path
    found = shutil.which(name)
    if not found:
        sys.exit(f"p2p-bench: cannot find {name} (use --build-dir or --{name})")
    return found


def run_json(cmd):
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        sys.exit("p2p-bench: {} failed with exit status {}: {}".format(
            " ".join(cmd), proc.returncode, proc.stderr.strip()))
    try:
        return json.loads(proc.stdout)
    except json.JSONDecodeError as exc:
        sys.exit(f"p2p-bench: {' '.join(cmd)} printed no valid JSON: {exc}")


def gib(bps):
    return bps / (1 << 30)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--build-dir", default="build",
                    help="meson build directory holding the programs")
    ap.add_argument("--size", default="256M")
    ap.add_argument("--chunk", default="4M")
    ap.add_argument("--iterations", type=int, default=5)
    ap.add_argument("--hla-sim", dest="hla_sim")
    ap.add_argument("--hla-p2p-copy", dest="hla_p2p_copy")
    ap.add_argument("--memcpy-bench", dest="memcpy_bench")
    ap.add_argument("--check", action="store_true",
                    help="exit 1 when a ratio misses its goal")
    args = ap.parse_args()

    bdir = args.build_dir if os.path.isdir(args.build_dir) else None
    sim = find_program(bdir, "sim/launcher/hla-sim", "hla-sim", args.hla_sim)
    p2p = find_program(bdir, "tools/hla-p2p-copy", "hla-p2p-copy",
                       args.hla_p2p_copy)
    mcb = find_program(bdir, "bench/memcpy-bench", "memcpy-bench",
                       args.memcpy_bench)

    common = ["--size", args.size, "--chunk", args.chunk,
              "--iterations", str(args.iterations)]
    base = run_json([mcb, "--json"] + common)
    base_bps = base["bytes_per_second"]
    print(f"memcpy          {gib(base_bps):8.2f} GiB/s  "
          f"(best of {args.iterations}, {base['bytes']} bytes)")

    missed = []
    results = {}
    for imp in ("mmap", "bounce"):
        rep = run_json([sim, "-n", "2", "--asic", "gaudi2", "--",
                        p2p, "--importer", imp, "--json"] + common)
        if not rep.get("verified"):
            sys.exit(f"p2p-bench: {imp}: copy not verified: {rep.get('error')}")
        phases = rep["phases"]
        copy_bps = phases["copy"]["bytes_per_second"]
        ratio = copy_bps / base_bps
        results[imp] = ratio
        ok = ratio >= GOALS[imp]
        if not ok:
            missed.append(imp)
        print(f"{imp:<8} copy    {gib(copy_bps):8.2f} GiB/s  ratio {ratio:5.2f} "
              f"(goal >= {GOALS[imp]:.2f}: {'met' if ok else 'MISSED'})")
        for name in ("fill", "export", "copy", "verify", "total"):
            ph = phases.get(name)
            if ph:
                print(f"    {name:<7} {ph['seconds']:9.4f} s  "
                      f"{gib(ph['bytes_per_second']):8.2f} GiB/s")
        if "copy_mean_seconds" in phases:
            print(f"    copy mean {phases['copy_mean_seconds']:.4f} s over "
                  f"{phases['copy_iterations']} iterations")

    print("ratios: " + ", ".join(f"{k}/memcpy = {v:.2f}" for k, v in results.items()))
    if missed and args.check:
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
