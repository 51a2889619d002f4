#!/usr/bin/env python3
# Generate the kernel-ABI check for one uapi header from kabi.table.
# Usage: gen-kabi.py TABLE misc|drm OUTPUT.c
#
# Each table row is: kind ours theirs where
#   kind   struct (sizes), field (offset and size), const (values)
#   ours   the library's name (src/kabi/hl_kabi.h), or an expression
#   theirs the uapi header's name, or an expression
#   where  both, misc (<misc/habanalabs.h>, 6.1) or drm
#          (<drm/habanalabs_accel.h>, 6.6 and later)
import sys

table, header, output = sys.argv[1:4]
PRELUDE = {
    "misc": [
        "#include <linux/types.h>",
        "/* the 6.1 uapi header uses a kernel-internal size macro */",
        "#ifndef SZ_1M",
        "#define SZ_1M 0x100000",
        "#endif",
        "#include <misc/habanalabs.h>",
    ],
    "drm": [
        "#include <linux/types.h>",
        "/* kernel-internal macros that the uapi header uses */",
        "#define BIT(n) (1UL << (n))",
        "#define U16_MAX 0xFFFFu",
        "#ifndef SZ_1M",
        "#define SZ_1M 0x100000",
        "#endif",
        "#include <drm/habanalabs_accel.h>",
    ],
}

rows = []
for n, line in enumerate(open(table), 1):
    line = line.split("#", 1)[0].strip()
    if not line:
        continue
    f = line.split()
    if len(f) != 4 or f[0] not in ("struct", "field", "const") or \
            f[3] not in ("both", "misc", "drm"):
        sys.exit("%s:%d: bad row" % (table, n))
    if f[3] in ("both", header):
        rows.append([x.replace("~", " ") for x in f])


def member(spec):
    """'struct hlk_x.a.b' -> ('struct hlk_x', 'a.b')"""
    kind, rest = spec.split(" ", 1)
    name, path = rest.split(".", 1)
    return "%s %s" % (kind, name), path


out = ["/* Generated from kabi.table by gen-kabi.py; do not edit. */",
       "#include <stddef.h>", "#include <stdio.h>"]
out += PRELUDE[header]
out += ['#include "kabi/hl_kabi.h"', "",
        "static unsigned int checks, failures;", "",
        "static void val(const char *what, unsigned long long ours,",
        "\t\tunsigned long long theirs)", "{", "\tchecks++;",
        "\tif (ours != theirs) {", "\t\tfailures++;",
        '\t\tprintf("mismatch: %s: ours %llu, uapi %llu\\n", what, ours, theirs);',
        "\t}", "}", "",
        "#define V(what, a, b) val(what, (unsigned long long)(a), (unsigned long long)(b))",
        "", "int main(void)", "{"]
for kind, ours, theirs, where in rows:
    what = "%s %s" % (kind, ours.replace('"', ""))
    if kind == "struct":
        out.append('\tV("%s", sizeof(%s), sizeof(%s));' % (what, ours, theirs))
    elif kind == "field":
        ot, of = member(ours)
        tt, tf = member(theirs)
        out.append('\tV("%s offset", offsetof(%s, %s), offsetof(%s, %s));' %
                   (what, ot, of, tt, tf))
        out.append('\tV("%s size", sizeof(((%s *)0)->%s), sizeof(((%s *)0)->%s));' %
                   (what, ot, of, tt, tf))
    else:
        out.append('\tV("%s", %s, %s);' % (what, ours, theirs))
out += ['\tprintf("%u checks, %u mismatches (' + header + ' header)\\n", checks, failures);',
        "\treturn failures ? 1 : 0;", "}"]
open(output, "w").write("\n".join(out) + "\n")
