#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""The exports of libhl-thunk agree with its version script, its header
and the interface table of its README: every provided function is
exported under its version node, every function the README marks as not
provided is absent (no stub), and nothing else leaks out.

usage: check-symbols.py LIB MAP HEADER README [DEBIAN_SYMBOLS]
"""
import re
import subprocess
import sys


def exported(lib):
    """{name: version} of the defined dynamic symbols"""
    out = subprocess.run(["nm", "-D", "--defined-only", "--with-symbol-versions", lib],
                         check=True, capture_output=True, text=True).stdout
    syms = {}
    for line in out.splitlines():
        parts = line.split()
        if len(parts) < 3:
            continue
        name = parts[2]
        ver = ""
        if "@" in name:
            name, _, ver = name.partition("@")
            ver = ver.lstrip("@")
        if parts[1] in ("A",):  # the version nodes themselves
            continue
        syms[name] = ver
    return syms


def map_nodes(path):
    """{name: node} from the version script"""
    text = re.sub(r"/\*.*?\*/", "", open(path).read(), flags=re.S)
    nodes = {}
    for m in re.finditer(r"(\w[\w.]*)\s*\{(.*?)\}", text, flags=re.S):
        node, body = m.group(1), m.group(2)
        body = body.split("local:")[0]
        for name in re.findall(r"(\w+)\s*;", body):
            nodes[name] = node
    return nodes


def declared(path):
    text = open(path).read()
    return set(re.findall(r"hlthunk_public\s+[^;(]*?\b(hlthunk_\w+)\s*\(", text, flags=re.S))


def readme_table(path):
    provided, absent = set(), set()
    for line in open(path):
        m = re.match(r"^\|\s*`(hlthunk_\w+)`\s*\|\s*(not provided|provided)", line)
        if m:
            (provided if m.group(2) == "provided" else absent).add(m.group(1))
    return provided, absent


def main():
    lib, mapfile, header, readme = sys.argv[1:5]
    errors = []
    syms = exported(lib)
    nodes = map_nodes(mapfile)
    decl = declared(header)
    provided, absent = readme_table(readme)

    for name, ver in sorted(syms.items()):
        if not name.startswith("hlthunk_"):
            errors.append(f"exported but not an hl-thunk call: {name}")
        elif nodes.get(name) != ver:
            errors.append(f"{name}: exported as @{ver or '(none)'}, the map says {nodes.get(name)}")
    for name in sorted(set(nodes) - set(syms)):
        errors.append(f"in the map but not exported: {name}")
    for name in sorted(decl ^ set(syms)):
        where = "declared in hlthunk.h" if name in decl else "exported"
        errors.append(f"{name}: {where} only")
    for name in sorted(provided ^ set(syms)):
        where = "marked provided in README.md" if name in provided else "exported"
        errors.append(f"{name}: {where} only")
    for name in sorted(absent & set(syms)):
        errors.append(f"{name}: README.md says not provided, but it is exported")
    if len(provided) + len(absent) < 90:
        errors.append("README.md: the interface table looks incomplete")
    if len(sys.argv) > 5:
        deb = {}
        for line in open(sys.argv[5]):
            m = re.match(r"^ (\w+)@(\S+) ", line)
            if m and m.group(1) != m.group(2):
                deb[m.group(1)] = m.group(2)
        if deb != {n: v for n, v in syms.items()}:
            errors.append("the Debian symbols file disagrees with the exports: "
                          + ", ".join(sorted(set(deb.items()) ^ set(syms.items()))))

    for e in errors:
        print(e)
    print(f"{len(syms)} exported, {len(provided)} provided and {len(absent)} "
          f"not provided in README.md, {len(errors)} problem(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
