#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""The launcher's checks: every errno name is accepted in a fault, and a
fault or a device count the simulator would not honour is refused with a
message and exit status 2 (before the program starts), by the launcher
and by the library when the setting comes from the environment; and the
launcher's life around its program: one shared fake tree, removed when
the program ends however it ends, the program's status passed on."""
import os
import signal
import subprocess
import sys
import tempfile

sim, lib = sys.argv[1], sys.argv[2]
env = dict(os.environ, HLA_SIM_LIB=lib)
env.pop("HLA_SIM_FAULTS", None)
failed = []


def run(args, extra=None):
    e = dict(env, **(extra or {}))
    return subprocess.run(args, env=e, capture_output=True, text=True, timeout=30)


def check(name, ok, detail=""):
    print(("ok   " if ok else "FAIL ") + name + (f": {detail}" if detail and not ok else ""))
    if not ok:
        failed.append(name)


for spec in ["INFO@1=EACCES", "MEMORY.ALLOC@3=ENOSPC", "CS.SIGNAL@1=EHWPOISON",
             "OPEN@2=EMFILE", "WAIT_CS@1=5", "eintr=7", "hang@CS#2,reset@CS#3"]:
    p = run([sim, "--fault", spec, "--", "true"])
    check(f"accepted {spec}", p.returncode == 0, p.stderr)

for spec, word in [("INFO@1=EBOGUS", "EBOGUS"), ("INFO@1=EACESS", "EACESS"),
                   ("INFO@0=EIO", "count"), ("NOPE@1=EIO", "NOPE"),
                   ("MEMORY.FROB@1=EIO", "FROB"), ("INFO@1", "=ERRNO"),
                   ("melt@CS#1", "melt"), ("eintr=x", "eintr"), ("INFO@1=0", "0")]:
    p = run([sim, "--fault", spec, "--", "true"])
    check(f"refused {spec}", p.returncode == 2 and word in p.stderr, p.stderr)

# the device limit is an error, never a silent clamp
for n, ok in [("64", True), ("0", True), ("65", False), ("-1", False), ("8x", False)]:
    p = run([sim, "-n", n, "--", "true"])
    check(f"devices {n}", (p.returncode == 0) if ok else
          (p.returncode == 2 and "0 to 64" in p.stderr), p.stderr)
p = run(["ls", "/dev"], {"LD_PRELOAD": lib, "HLA_SIM_DEVICES": "65"})
check("library refuses 65 devices", p.returncode == 2 and "0 to 64" in p.stderr, p.stderr)

# the library itself refuses a bad HLA_SIM_FAULTS
p = run(["ls", "/dev"], {"LD_PRELOAD": lib, "HLA_SIM_FAULTS": "INFO@1=EBOGUS"})
check("library refuses", p.returncode == 2 and "EBOGUS" in p.stderr, p.stderr)

# driver profiles: -i is implied by --driver and must agree with it; the
# ASICs only Habana's driver knows are refused on upstream profiles
for args, ok, word in [(["-D", "6.2"], True, ""), (["-D", "oot-5.15", "-a", "gaudi3"], True, ""),
                       (["-D", "6.2", "-i", "legacy"], True, ""),
                       (["-D", "6.8", "-i", "legacy"], False, "contradicts"),
                       (["-D", "6.1", "-i", "accel"], False, "contradicts"),
                       (["-D", "6.3"], False, "oot-5.15"),
                       (["-D", "6.8", "-a", "gaudi3"], False, "out-of-tree"),
                       (["-a", "gaudi2c"], False, "GAUDI2C"),
                       (["-D", "oot-6.8", "-a", "gaudi2e"], True, ""),
                       (["-a", "goya"], False, "gaudi2")]:
    p = run([sim] + args + ["--", "true"])
    check(f"driver {' '.join(args)}", (p.returncode == 0) if ok else
          (p.returncode == 2 and word in p.stderr), p.stderr)
p = run(["ls", "/dev"], {"LD_PRELOAD": lib, "HLA_SIM_DRIVER": "6.6", "HLA_SIM_ASIC": "gaudi2d"})
check("library refuses gaudi2d on 6.6", p.returncode == 2 and "GAUDI2D" in p.stderr, p.stderr)

# the launcher stays the program's parent: it ends as the program ended and
# removes the fake trees of the program's processes, even of killed ones
with tempfile.TemporaryDirectory() as tmp:
    tenv = {"TMPDIR": tmp}
    left = lambda: [n for n in os.listdir(tmp) if n.startswith("hla-sim.")]
    p = run([sim, "-d", "-n", "2", "--", "sh", "-c",
             "ls /dev/accel >/dev/null; ls /dev/accel >/dev/null"], tenv)
    built = p.stderr.count("built, shared")
    found = p.stderr.count("shared, built by another process")
    check("one tree for the launcher's processes", p.returncode == 0 and built == 1 and found >= 1,
          f"rc {p.returncode}, built {built}, found {found}: {p.stderr[-300:]}")
    check("trees removed when the program ends", not left(), str(left()))
    p = run([sim, "-n", "2", "--", "sh", "-c", "ls /dev/accel >/dev/null; exit 7"], tenv)
    check("exit status passed on", p.returncode == 7, str(p.returncode))
    p = run([sim, "-n", "2", "--", "sh", "-c", "ls /dev/accel >/dev/null; kill -9 $$"], tenv)
    check("death by signal passed on", p.returncode == -signal.SIGKILL, str(p.returncode))
    check("trees of a killed program removed", not left(), str(left()))
    p = run([sim, "--", "/nonexistent/program"], tenv)
    check("missing program: 127", p.returncode == 127 and "nonexistent" in p.stderr,
          f"{p.returncode} {p.stderr}")
    # a signal sent to the launcher reaches the program
    q = subprocess.Popen([sim, "-n", "2", "--", "sh", "-c",
                          "ls /dev/accel >/dev/null; echo up; exec sleep 30"],
                         env=dict(env, **tenv), stdout=subprocess.PIPE, text=True)
    ready = q.stdout.readline().strip() == "up"
    q.send_signal(signal.SIGTERM)
    try:
        rc = q.wait(timeout=10)
    except subprocess.TimeoutExpired:
        q.kill()
        rc = q.wait()
    check("SIGTERM to the launcher ends the program", ready and rc == -signal.SIGTERM, str(rc))
    check("trees removed after SIGTERM", not left(), str(left()))

sys.exit(1 if failed else 0)
