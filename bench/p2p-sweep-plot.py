#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Draw hla-p2p-copy's bandwidth against the copy size, one line per importer.

    p2p-sweep-plot.py --build-dir BUILD [-o bench/p2p-sweep.png]
                      [--importers mmap,bounce] [--min-size 4K] [--max-size 256M]
                      [--iterations N] [--unit GiB/s] [--bidirectional]
    p2p-sweep-plot.py --csv mmap.csv --csv bounce.csv [-o out.png]

The first form runs `hla-p2p-copy -a` for each importer (under hla-sim on
two Gaudi2 devices when the machine has no habanalabs device) and keeps
the CSV files beside the picture (OUT-IMPORTER.csv); the second plots CSV
files that hla-p2p-copy --csv wrote.  Solid lines are the steady bandwidth
(mean of the passes after the first), dashed lines the cold first pass.
A table of the figures is printed too.  Needs matplotlib (Debian package
python3-matplotlib).
"""

import argparse
import csv
import os
import subprocess
import sys


def find(build, rel):
    path = os.path.join(build, rel)
    if not os.access(path, os.X_OK):
        sys.exit(f"p2p-sweep-plot: {path} not found (build first)")
    return path


def on_hardware(info):
    res = subprocess.run([info, "--list"], capture_output=True, text=True, check=False)
    return res.returncode == 0


def run_sweep(a, importer, csv_path):
    p2p = find(a.build_dir, "tools/hla-p2p-copy")
    cmd = [p2p, "-a", "--min-size", a.min_size, "--max-size", a.max_size,
           "--importer", importer, "--unit", a.unit, "--csv", csv_path, "--quiet"]
    if a.iterations:
        cmd += ["--iterations", str(a.iterations)]
    if a.bidirectional:
        cmd.append("--bidirectional")
    if not on_hardware(find(a.build_dir, "tools/hla-info")):
        sim = find(a.build_dir, "sim/launcher/hla-sim")
        cmd = [sim, "-n", "2", "--asic", "gaudi2", "--"] + cmd
    res = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if res.returncode != 0:
        sys.exit(f"p2p-sweep-plot: {' '.join(cmd)} failed ({res.returncode}): "
                 f"{res.stderr.strip()}")


def read_rows(path):
    with open(path, newline="") as f:
        rows = [r for r in csv.DictReader(f) if r["verified"] == "yes"]
    if not rows:
        sys.exit(f"p2p-sweep-plot: {path} holds no verified size")
    return rows


def size_label(n):
    for unit, shift in (("G", 30), ("M", 20), ("K", 10)):
        if n >= 1 << shift and n % (1 << shift) == 0:
            return f"{n >> shift}{unit}"
    return str(n)


def print_table(series):
    for name, rows in series:
        unit = rows[0]["unit"]
        print(f"{name} ({rows[0]['direction']}), {unit}")
        print(f"{'size':>8} {'passes':>6} {'cold':>10} {'steady':>10} {'peak':>10}")
        for r in rows:
            print(f"{size_label(int(r['size'])):>8} {r['passes']:>6} "
                  f"{float(r['cold_bw']):10.3f} {float(r['steady_bw'] or 'nan'):10.3f} "
                  f"{float(r['peak_bw']):10.3f}")


def plot(series, out, title):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(8, 4.5), dpi=100)
    for i, (name, rows) in enumerate(series):
        color = f"C{i}"
        sizes = [int(r["size"]) for r in rows]
        steady = [float(r["steady_bw"]) if r["steady_bw"] else float("nan") for r in rows]
        cold = [float(r["cold_bw"]) for r in rows]
        ax.plot(sizes, steady, marker="o", color=color, label=f"{name} steady")
        ax.plot(sizes, cold, linestyle="--", color=color, alpha=0.6, label=f"{name} cold")
    ax.set_xscale("log", base=2)
    ax.set_yscale("log")  # the importers differ by orders of magnitude
    sizes = sorted({int(r["size"]) for _, rows in series for r in rows})
    ax.set_xticks(sizes)
    ax.set_xticklabels([size_label(s) for s in sizes], rotation=45)
    ax.set_xlabel("bytes per direction")
    ax.set_ylabel(f"bandwidth ({series[0][1][0]['unit']})")
    ax.set_title(title)
    ax.grid(True, which="both", alpha=0.3)
    ax.legend()
    fig.tight_layout()
    fig.savefig(out)
    print(f"wrote {out}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--build-dir", help="run the sweeps with this build's tools")
    ap.add_argument("--csv", action="append", default=[], help="plot this CSV instead")
    ap.add_argument("-o", "--output", default="p2p-sweep.png")
    ap.add_argument("--importers", default="mmap,bounce")
    ap.add_argument("--min-size", default="4K")
    ap.add_argument("--max-size", default="256M")
    ap.add_argument("--iterations", type=int, default=0)
    ap.add_argument("--unit", default="GiB/s")
    ap.add_argument("--bidirectional", action="store_true")
    ap.add_argument("--title", default="hla-p2p-copy -a: two simulated Gaudi2 devices")
    a = ap.parse_args()
    if bool(a.build_dir) == bool(a.csv):
        sys.exit("p2p-sweep-plot: give --build-dir or --csv")
    series = []
    if a.build_dir:
        base = os.path.splitext(a.output)[0]
        for imp in a.importers.split(","):
            path = f"{base}-{imp}.csv"
            run_sweep(a, imp, path)
            series.append((imp, read_rows(path)))
    else:
        for path in a.csv:
            rows = read_rows(path)
            series.append((rows[0]["importer"], rows))
    print_table(series)
    plot(series, a.output, a.title)


if __name__ == "__main__":
    main()
