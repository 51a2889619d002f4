#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""A short tour of hlaccel from Python.

Lists the devices, reads a few INFO values of each through its control
node (which never takes the device away from its user), then on device 0:
allocates and maps device memory, maps a Python buffer for the device and
exports the device memory as a dma-buf fd.

    python3 tour.py
    hla-sim -n 2 -- python3 tour.py       # on simulated devices
"""
import os
import sys

import hlaccel

MiB = 1 << 20


def show(value, unit=""):
    """A value the driver may not provide: None prints as n/a."""
    return "n/a" if value is None else "%s%s" % (value, unit)


def describe_all():
    for d in hlaccel.devices():
        print("device %d: %s, %s at %s" % (d.index, d.node, d.asic.name,
                                           show(d.pci_bus_id)))
        with hlaccel.open_index(d.index, control=True) as ctl:
            hw = ctl.info_hw_ip()
            use = ctl.info_dram_usage()
            print("  firmware   ", show(hw.cpucp_version))
            print("  revision   ", show(hw.revision_id))
            print("  DRAM       ", show(hw.dram_size // MiB, " MiB"))
            print("  DRAM free  ", show(use.dram_free_mem // MiB, " MiB"))
            print("  power      ", show(ctl.info_power(), " mW"))


def memory_demo():
    with hlaccel.open_index(0, retry=True) as dev:
        # Gaudi has no device MMU: programs place their data at DRAM
        # physical addresses themselves
        gaudi1 = dev.describe().asic in (hlaccel.Asic.GAUDI, hlaccel.Asic.GAUDI_SEC)
        size = 32 * MiB
        with dev.mem_alloc(size) as mem:
            addr = dev.info_hw_ip().dram_base_address if gaudi1 else mem.map()
            print("device memory at %#x" % addr)

            host = bytearray(4 * MiB)  # stays alive while it is mapped
            with dev.mem_map_host(host) as m:
                print("host buffer at device address %#x" % m.va)

            try:
                fd = dev.mem_export_dmabuf(addr, size)
            except OSError as e:
                print("no dma-buf export here:", e.strerror)
            else:
                print("dma-buf fd %d (ours to hand over or close)" % fd)
                os.close(fd)
            if not gaudi1:
                dev.mem_unmap(addr)


def main():
    print("libhlaccel", hlaccel.version())
    if hlaccel.device_count() == 0:
        print("no habanalabs device", file=sys.stderr)
        return 2
    try:
        describe_all()
        memory_demo()
    except OSError as e:
        print("error:", e, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
