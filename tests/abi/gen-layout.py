#!/usr/bin/env python3
# The layout of every public struct is pinned by layout.table: this
# generates a C file of _Static_asserts (size, and offset and size of every
# field) and fails when a struct or field of the header has no row, so a
# field added, moved or resized cannot go unnoticed.
# Usage: gen-layout.py HEADER TABLE OUTPUT.c
#        gen-layout.py --dump HEADER      (C program that prints a table)
import re
import sys


def structs(header):
    text = re.sub(r'/\*.*?\*/', '', open(header).read(), flags=re.S)
    text = re.sub(r'//.*', '', text)
    for m in re.finditer(r'^struct\s+(hla_\w+)\s*\{(.*?)^\};', text, re.M | re.S):
        fields = []
        for d in m.group(2).split(';'):
            d = d.strip()
            if not d:
                continue
            f = re.match(r'.*?[\s*](\w+)\s*((?:\[[^\]]*\])*)$', d, re.S)
            if not f:
                sys.exit('cannot parse %s: %r' % (m.group(1), d))
            fields.append(f.group(1))
        yield m.group(1), fields


def dump(header):
    out = ['#include <stddef.h>', '#include <stdio.h>',
           '#include <hlaccel/hlaccel.h>', 'int main(void)', '{']
    for s, fields in structs(header):
        out.append('\tprintf("%%-30s %%-40s %%5zu %%5zu\\n", "%s", "-", (size_t)0, sizeof(struct %s));' % (s, s))
        for f in fields:
            out.append('\tprintf("%%-30s %%-40s %%5zu %%5zu\\n", "%s", "%s", offsetof(struct %s, %s), sizeof(((struct %s *)0)->%s));'
                       % (s, f, s, f, s, f))
    out += ['\treturn 0;', '}']
    print('\n'.join(out))


def generate(header, table, output):
    rows = {}
    for n, line in enumerate(open(table), 1):
        line = line.split('#', 1)[0].strip()
        if line:
            s, f, off, size = line.split()
            rows[(s, f)] = (int(off), int(size))
    out = ['/* Generated from layout.table by gen-layout.py; do not edit. */',
           '#include <stddef.h>', '#include <hlaccel/hlaccel.h>', '',
           '#define LAYOUT(s, f, off, size) \\',
           '\t_Static_assert(offsetof(struct s, f) == (off) && \\',
           '\t\t       sizeof(((struct s *)0)->f) == (size), #s "." #f " moved")',
           '#define SIZE(s, size) _Static_assert(sizeof(struct s) == (size), #s " resized")', '']
    missing = []
    seen = set()
    for s, fields in structs(header):
        if (s, '-') not in rows:
            missing.append('%s: no size row' % s)
        else:
            out.append('SIZE(%s, %d);' % (s, rows[(s, '-')][1]))
            seen.add((s, '-'))
        for f in fields:
            if (s, f) not in rows:
                missing.append('%s.%s: no row' % (s, f))
                continue
            seen.add((s, f))
            out.append('LAYOUT(%s, %s, %d, %d);' % ((s, f) + rows[(s, f)]))
    for k in sorted(set(rows) - seen):
        missing.append('%s.%s: row for a field the header does not have' % k)
    if missing:
        sys.exit('layout.table and the header disagree:\n  ' + '\n  '.join(missing))
    out += ['', 'int main(void)', '{', '\treturn 0;', '}']
    open(output, 'w').write('\n'.join(out) + '\n')


if sys.argv[1] == '--dump':
    dump(sys.argv[2])
else:
    generate(*sys.argv[1:4])
