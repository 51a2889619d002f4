#!/usr/bin/env python3
"""The exported symbols, the version script, the header and the man pages
must list the same functions, and every export must carry a version node.
Also checks the soname and that the file version encodes the ABI level
(the newest HLACCEL_1.N node of the map)."""
import os
import re
import subprocess
import sys

lib, mapfile, header, mandir, expected_version = sys.argv[1:6]
problems = []


def diff(name_a, a, name_b, b):
    for x in sorted(a - b):
        problems.append(f'{x}: in {name_a} but not in {name_b}')
    for x in sorted(b - a):
        problems.append(f'{x}: in {name_b} but not in {name_a}')


# exported dynamic symbols with their versions
out = subprocess.run(['readelf', '--dyn-syms', '-W', lib], check=True,
                     capture_output=True, text=True).stdout
exported = {}
for line in out.splitlines():
    f = line.split()
    if len(f) < 8 or f[6] == 'UND' or f[4] not in ('GLOBAL', 'WEAK'):
        continue
    name, _, ver = f[7].partition('@')
    ver = ver.lstrip('@')
    if f[3] in ('FUNC', 'OBJECT'):
        exported[name] = ver
unversioned = [n for n, v in exported.items()
               if not n.startswith('HLACCEL_') and not v.startswith('HLACCEL_1.')]
for n in unversioned:
    problems.append(f'{n}: exported without a HLACCEL_1.x version')
exported_fns = {n for n in exported if not n.startswith('HLACCEL_')}

# version script
text = re.sub(r'/\*.*?\*/', '', open(mapfile).read(), flags=re.S)
nodes = re.findall(r'(HLACCEL_1\.(\d+))\s*\{(.*?)\}\s*([A-Z0-9_.]*)\s*;', text, re.S)
if not nodes:
    problems.append('no HLACCEL_1.N node in the version script')
mapped = set()
prev = None
for node, level, body, parent in nodes:
    if prev and parent != prev:
        problems.append(f'{node} must be chained to {prev}')
    prev = node
    glob = body.split('local:')[0].replace('global:', '')
    for s in re.findall(r'([A-Za-z_][A-Za-z0-9_]*)\s*;', glob):
        if s in mapped:
            problems.append(f'{s}: listed twice in the version script')
        mapped.add(s)
    if '*' in glob:
        problems.append(f'{node}: wildcards are not allowed')
abi_level = max((int(l) for _, l, _, _ in nodes), default=-1)

# header declarations
htext = open(header).read()
declared = set(re.findall(r'^\s*(?:int|void)\s+(hla_[a-z0-9_]+)\s*\(', htext, re.M))

# man pages: a page per function, a real page or a .so stub
documented = set()
for f in os.listdir(mandir):
    if f.endswith('.3') and f.startswith('hla_'):
        documented.add(f[:-2])
for f in os.listdir(mandir):
    if f.endswith('.3') and f.startswith('hla_'):
        body = open(os.path.join(mandir, f)).read()
        if body.startswith('.so '):
            target = os.path.join(mandir, os.path.basename(body.split()[1]))
            if not os.path.exists(target):
                problems.append(f'{f}: .so target missing')
# page names that are family names, not functions, are fine; but each
# function must be in the NAME section of the page its file points to
named = set()
for f in os.listdir(mandir):
    if f.endswith('.3') and f.startswith('hla_'):
        body = open(os.path.join(mandir, f)).read()
        m = re.search(r'^\.SH NAME\n(.*?)\\-', body, re.M | re.S)
        if m:
            named |= set(re.findall(r'hla_[a-z0-9_]+', m.group(1)))
documented_fns = {f for f in documented if f in named}

diff('the library exports', exported_fns, 'the version script', mapped)
diff('the header', declared, 'the version script', mapped)
diff('the header', declared, 'the man pages', documented_fns)

# soname and file version
dyn = subprocess.run(['readelf', '-d', lib], check=True, capture_output=True,
                     text=True).stdout
m = re.search(r'SONAME.*\[(.*)\]', dyn)
if not m or m.group(1) != 'libhlaccel.so.1':
    problems.append(f'soname is {m.group(1) if m else None}, not libhlaccel.so.1')
major, level, _patch = expected_version.split('.')
if major != '1' or int(level) != abi_level:
    problems.append(f'file version {expected_version} does not match the newest '
                    f'map node HLACCEL_1.{abi_level}: versions are out of sync')
real = os.path.realpath(lib)
if not real.endswith('.so.' + expected_version):
    problems.append(f'{real} is not libhlaccel.so.{expected_version}')

for p in problems:
    print(p)
print(f'{len(exported_fns)} exported, {len(mapped)} in the map, '
      f'{len(declared)} declared, {len(documented_fns)} documented, '
      f'ABI level {abi_level}: {len(problems)} problems')
sys.exit(1 if problems else 0)
