#!/usr/bin/env python3
"""Lint every man page with mandoc; .so stubs must point at a page that exists."""
import os
import subprocess
import sys

mandoc, mandir = sys.argv[1], sys.argv[2]
pages = sorted(f for f in os.listdir(mandir) if f.rsplit('.', 1)[-1] in ('1', '3', '7'))
if not pages:
    sys.exit('no man pages found in ' + mandir)
bad = 0
stubs = 0
for name in pages:
    path = os.path.join(mandir, name)
    with open(path) as f:
        text = f.read()
    if text.startswith('.so '):
        stubs += 1
        target = text.split()[1]
        if len(text.strip().splitlines()) != 1 or not os.path.exists(
                os.path.join(mandir, os.path.basename(target))):
            print(f'{name}: bad .so stub "{text.strip()}"')
            bad += 1
        continue
    r = subprocess.run([mandoc, '-Tlint', '-Wwarning', path],
                       capture_output=True, text=True)
    out = (r.stdout + r.stderr).strip()
    if r.returncode or out:
        print(out)
        bad += 1
print(f'{len(pages) - stubs} pages linted, {stubs} stubs checked, {bad} problems')
sys.exit(1 if bad else 0)
