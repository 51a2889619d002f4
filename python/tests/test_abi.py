# SPDX-License-Identifier: MIT
"""The ctypes mirrors and constants against the C header.

A C program generated from the Python definitions is compiled against
hlaccel.h and prints sizeof/offsetof of every mirrored field and the value
of every mirrored constant; the Python side must agree on all of them.
The compiler and include path come from the build (HLA_TEST_CC,
HLA_TEST_INCLUDE).
"""
import ctypes
import os
import shlex
import subprocess

import pytest

import hlaccel
from hlaccel import _constants as K
from hlaccel import _structs as S


def _c_program():
    lines = ["#include <stddef.h>", "#include <stdio.h>",
             "#include <hlaccel/hlaccel.h>", "int main(void)", "{"]
    for cls in S.ALL:
        t = "struct " + cls._c_name_
        lines.append('\tprintf("size %s %%zu\\n", sizeof(%s));' % (cls._c_name_, t))
        for name, _ in cls._fields_:
            lines.append('\tprintf("field %s.%s %%zu %%zu\\n", offsetof(%s, %s), '
                         'sizeof(((%s *)0)->%s));'
                         % (cls._c_name_, name, t, name, t, name))
    for cname, value in _python_constants().items():
        lines.append('\tprintf("const %s %%llu\\n", (unsigned long long)(%s));'
                     % (cname, cname))
    lines.append('\tprintf("version HLA_VERSION %u\\n", (unsigned)HLA_VERSION);')
    lines += ["\treturn 0;", "}", ""]
    return "\n".join(lines)


def _python_constants():
    out = {}
    for cls, prefix in K.C_PREFIX.items():
        for member in cls.__members__.values():
            out[prefix + member.name] = int(member)
    out.update(K.C_NUMBERS)
    return out


def _python_layout():
    out = {}
    for cls in S.ALL:
        out["size " + cls._c_name_] = ctypes.sizeof(cls)
        for name, _ in cls._fields_:
            f = getattr(cls, name)
            out["field %s.%s" % (cls._c_name_, name)] = (f.offset, f.size)
    return out


@pytest.fixture(scope="module")
def c_output(tmp_path_factory):
    cc = os.environ.get("HLA_TEST_CC")
    inc = os.environ.get("HLA_TEST_INCLUDE")
    if not cc or not inc:
        pytest.skip("HLA_TEST_CC and HLA_TEST_INCLUDE are set by the build")
    d = tmp_path_factory.mktemp("abi")
    src, exe = d / "mirror.c", d / "mirror"
    src.write_text(_c_program())
    env = {k: v for k, v in os.environ.items() if k != "LD_PRELOAD"}
    cmd = shlex.split(cc) + ["-std=gnu11", "-Wall", "-Werror", "-o", str(exe), str(src)]
    cmd += ["-I" + p for p in inc.split(":")]
    subprocess.run(cmd, check=True, env=env)
    text = subprocess.run([str(exe)], check=True, env=env, capture_output=True,
                          text=True).stdout
    out = {}
    for line in text.splitlines():
        kind, name, *vals = line.split()
        out[kind + " " + name] = tuple(int(v) for v in vals)
    return out


def test_struct_layouts_match_header(c_output):
    py = _python_layout()
    wrong = {}
    for key, value in py.items():
        c = c_output[key]
        want = c[0] if key.startswith("size ") else c
        if value != want:
            wrong[key] = (value, want)
    assert not wrong, "python (offset, size) != C: %r" % wrong


def test_every_byte_is_mirrored():
    # the public structs have no hidden padding, so the mirrored fields must
    # cover the whole struct: a field the mirror lacks shows up here
    for cls in S.ALL:
        covered = sum(getattr(cls, n).size for n, _ in cls._fields_)
        assert covered == ctypes.sizeof(cls), cls._c_name_


def test_constants_match_header(c_output):
    wrong = {n: (v, c_output["const " + n][0]) for n, v in _python_constants().items()
             if c_output["const " + n][0] != v}
    assert not wrong, "python value != C value: %r" % wrong


def test_size_prefixed_structs_set_sz():
    for cls in S.ALL:
        s = cls()
        if cls._fields_[0][0] == "sz":
            assert s.sz == ctypes.sizeof(cls) != 0, cls._c_name_
        # every other byte starts zeroed
        raw = bytes(s)
        start = 4 if cls._fields_[0][0] == "sz" else 0
        assert raw[start:] == bytes(len(raw) - start), cls._c_name_


def _layout_table():
    path = os.environ.get("HLA_LAYOUT_TABLE")
    if not path or not os.path.exists(path):
        pytest.skip("no layout table (HLA_LAYOUT_TABLE)")
    rows = {}
    with open(path) as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            struct, field, offset, size = line.split()
            rows.setdefault(struct, []).append((field, int(offset), int(size)))
    return rows


def test_mirrors_follow_the_recorded_abi():
    # tests/abi/layout.table records the frozen layout field by field
    table = _layout_table()
    for cls in S.ALL:
        rows = table.get(cls._c_name_)
        assert rows, "%s is not in the layout table" % cls._c_name_
        fields = [(n, getattr(cls, n).offset, getattr(cls, n).size)
                  for n, _ in cls._fields_]
        assert ("-", 0, ctypes.sizeof(cls)) in rows
        assert fields == [r for r in rows if r[0] != "-"], cls._c_name_


def test_package_version_is_the_project_version():
    want = os.environ.get("HLA_PROJECT_VERSION")
    if not want:
        pytest.skip("HLA_PROJECT_VERSION is set by the build")
    assert hlaccel.__version__ == want


def test_library_version_matches_header(c_output):
    # the library the suite loads is the one built from this header
    code = c_output["version HLA_VERSION"][0]
    assert hlaccel.version() == hlaccel.Version.from_code(code)
    assert str(hlaccel.version()) == hlaccel.__version__
