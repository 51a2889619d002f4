# SPDX-License-Identifier: MIT
"""python3 -m hlaccel: list the habanalabs devices (or say why not).

Exit status: 0 devices listed, 1 usage or library error, 2 no device,
3 permission denied.
"""
import dataclasses
import enum
import errno
import json
import sys

from . import __version__
from ._device import DeviceList, version
from ._lib import lib

EXIT_OK, EXIT_USAGE, EXIT_NO_DEVICE, EXIT_PERMISSION = 0, 1, 2, 3

USAGE = """\
Usage: python3 -m hlaccel [--json] [--version]
List the habanalabs devices: index, node, interface, ASIC, PCI bus id,
module id, status and driver.

  -j, --json     JSON output
  -V, --version  versions of this package and of libhlaccel
  -h, --help     this text
"""

_COLUMNS = "%-4s %-24s %-7s %-9s %-13s %-7s %-12s %s"


def _name(v):
    """Lower-case name of an enum value, '-' when not provided."""
    if v is None:
        return "-"
    if isinstance(v, enum.Enum):
        return v.name.lower().replace("_", " ") if v.name else str(int(v))
    return str(v)


def _driver(d):
    if d.driver is None:
        return "-"
    ver = d.driver_version_str or (str(d.driver_version) if d.driver_version else "")
    return (_name(d.driver) + " " + ver).strip()


def _row(d):
    return _COLUMNS % (
        _name(d.index), d.node or "-", _name(d.interface),
        d.asic.name if d.asic is not None and hasattr(d.asic, "name") else _name(d.asic),
        d.pci_bus_id or "-", _name(d.module_id), _name(d.status), _driver(d))


def _jsonable(v):
    if isinstance(v, enum.Flag):
        return [m.name for m in type(v) if m.value and (v & m) == m]
    if isinstance(v, enum.Enum):
        return v.name
    if isinstance(v, tuple) and hasattr(v, "_fields"):
        return str(v)
    return v


def _as_json(descs):
    out = []
    for d in descs:
        out.append({k: _jsonable(v) for k, v in dataclasses.asdict(d).items()})
    return json.dumps({"library_version": str(version()), "devices": out}, indent=2)


def _parse(argv):
    opts = {"json": False, "version": False}
    for a in argv:
        if a in ("-j", "--json"):
            opts["json"] = True
        elif a in ("-V", "--version"):
            opts["version"] = True
        elif a in ("-h", "--help"):
            sys.stdout.write(USAGE)
            return None
        else:
            sys.stderr.write("hlaccel: unknown argument '%s'\n%s" % (a, USAGE))
            return EXIT_USAGE
    return opts


def _snapshot():
    """The device descriptions, or an exit status."""
    try:
        with DeviceList() as dl:
            return list(dl)
    except OSError as e:
        if e.errno == errno.EACCES:
            sys.stderr.write("hlaccel: permission denied while looking for devices\n")
            return EXIT_PERMISSION
        if e.errno in (errno.ENOENT, errno.ENODEV):
            return []
        sys.stderr.write("hlaccel: %s\n" % e)
        return EXIT_USAGE


def main(argv=None):
    opts = _parse(sys.argv[1:] if argv is None else argv)
    if not isinstance(opts, dict):
        return opts or EXIT_OK
    if opts["version"]:
        try:
            libver = "%s (%s)" % (version(), lib().path)
        except OSError as e:
            libver = "not loaded: %s" % e.strerror
        print("hlaccel python package %s, libhlaccel %s" % (__version__, libver))
        return EXIT_OK
    descs = _snapshot()
    if isinstance(descs, int):
        return descs
    if opts["json"]:
        print(_as_json(descs))
    elif descs:
        print(_COLUMNS % ("IDX", "NODE", "IFACE", "ASIC", "PCI BUS ID", "MODULE",
                          "STATUS", "DRIVER"))
        for d in descs:
            print(_row(d))
    if not descs:
        sys.stderr.write("hlaccel: no habanalabs device found\n")
        return EXIT_NO_DEVICE
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
