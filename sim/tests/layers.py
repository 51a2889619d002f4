#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""The simulator's layering, checked: shim -> ioctl -> hw -> core.

For every source of sim/{core,hw,ioctl,shim}:
  - each '#include "LAYER/..."' names its own layer or one below it;
  - each sim_* / hla_sim_* symbol its static library uses is defined in
    its own layer's library or one below it (nm), so no call runs upward;
  - no function body is longer than 80 lines.
Usage: layers.py SIM_SOURCE_DIR core=LIB hw=LIB ioctl=LIB shim=LIB
"""
import os
import re
import subprocess
import sys

ORDER = ["core", "hw", "ioctl", "shim"]
MAX_LINES = 80


def allowed(layer):
    return set(ORDER[: ORDER.index(layer) + 1])


def symbols(lib):
    out = subprocess.run(["nm", "-A", lib], capture_output=True, text=True, check=True).stdout
    defined, undefined = set(), set()
    for line in out.splitlines():
        parts = line.split()
        if len(parts) < 2:
            continue
        name, kind = parts[-1], parts[-2]
        if not re.match(r"(sim_|hla_sim_)", name):
            continue
        (undefined if kind == "U" else defined).add(name)
    return defined, undefined


def long_functions(path):
    bad = []
    lines = open(path).read().split("\n")
    start = None
    for i, line in enumerate(lines):
        if line == "{" and i > 0 and not lines[i - 1].startswith((" ", "\t", "}")):
            start = i
        elif line == "}" and start is not None:
            if i - start - 1 > MAX_LINES:
                bad.append((lines[start - 1].strip(), i - start - 1))
            start = None
    return bad


def main():
    src = sys.argv[1]
    libs = dict(a.split("=", 1) for a in sys.argv[2:])
    errors = []
    for layer in ORDER:
        for name in sorted(os.listdir(os.path.join(src, layer))):
            path = os.path.join(src, layer, name)
            if not name.endswith((".c", ".h")):
                continue
            for m in re.finditer(r'#include "(\w+)/', open(path).read()):
                inc = m.group(1)
                if inc in ORDER and inc not in allowed(layer):
                    errors.append(f"{layer}/{name}: includes {inc}/, a layer above it")
            for fn, n in long_functions(path):
                errors.append(f"{layer}/{name}: {fn} is {n} lines (limit {MAX_LINES})")
    defs = {layer: symbols(libs[layer])[0] for layer in ORDER}
    for layer in ORDER:
        _, undef = symbols(libs[layer])
        reachable = set().union(*(defs[lower] for lower in allowed(layer)))
        for sym in sorted(undef - reachable):
            owner = [l for l in ORDER if sym in defs[l]]
            where = owner[0] if owner else "nowhere"
            errors.append(f"{layer}: uses {sym}, defined in {where}")
    for e in errors:
        print("FAIL " + e)
    print(f"{len(errors)} layering problem(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
