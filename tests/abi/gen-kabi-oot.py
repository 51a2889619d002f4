#!/usr/bin/env python3
# Turn kabi-oot.table into a program that checks the library's out-of-tree
# declarations (src/kabi/hl_kabi.h) against it: one line per mismatch,
# exit status 1 when there is any.
# Usage: gen-kabi-oot.py TABLE OUTPUT.c
import sys

table, output = sys.argv[1:3]
body = []
for n, line in enumerate(open(table), 1):
    line = line.split("#", 1)[0].strip()
    if not line:
        continue
    f = line.split()
    kind, name = f[0], f[1].replace("~", " ")
    if kind == "struct" and len(f) == 3:
        body.append('val("%s size", sizeof(%s), %s);' % (name, name, f[2]))
    elif kind == "field" and len(f) == 4:
        t, path = name.split(".", 1)
        body.append('val("%s offset", offsetof(%s, %s), %s);' % (name, t, path, f[2]))
        body.append('val("%s size", sizeof(((%s *)0)->%s), %s);' % (name, t, path, f[3]))
    elif kind == "const" and len(f) == 3:
        body.append('val("%s", (unsigned long long)(%s), %s);' % (name, name, f[2]))
    else:
        sys.exit("%s:%d: bad row" % (table, n))
out = ["/* Generated from kabi-oot.table by gen-kabi-oot.py; do not edit. */",
       "#include <stddef.h>", "#include <stdio.h>", '#include "kabi/hl_kabi.h"', "",
       "static unsigned int checks, failures;", "",
       "static void val(const char *what, unsigned long long ours, unsigned long long want)",
       "{", "\tchecks++;", "\tif (ours == want)", "\t\treturn;", "\tfailures++;",
       '\tprintf("%s: library %llu, out-of-tree header %llu\\n", what, ours, want);', "}", "",
       "int main(void)", "{"]
out += ["\t" + b for b in body]
out += ['\tprintf("%u checks against the out-of-tree driver, %u failures\\n", checks, failures);',
        "\treturn failures ? 1 : 0;", "}"]
open(output, "w").write("\n".join(out) + "\n")
