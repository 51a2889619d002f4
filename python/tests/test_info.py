# SPDX-License-Identifier: MIT
"""Every typed INFO call: dataclasses whose missing fields are None, values
that agree with each other, with the descriptor and with the raw INFO
call, and OSError where the driver has no such query."""
import errno
import time

import pytest

import hlaccel
from hlaccel import Caps

# INFO opcodes of the driver, for the raw call
OP_DEVICE_STATUS = 4
OP_PAGE_SIZES = 26

# the base fields every driver reports, and the ones that need a capability
HW_IP_EXT = ("revision_id", "tpc_interrupt_id", "rotator_enabled_mask",
             "engine_core_interrupt_reg_addr", "reserved_dram_size")
HW_IP_HABANA = ("nic_ports_mask", "nic_ports_external_mask",
                "pdma_user_owned_ch_mask", "mme_enabled_mask",
                "sched_arc_enabled_mask", "odp_supported", "interposer_version",
                "substrate_version")


def test_hw_ip_matches_the_descriptor(hw, desc):
    assert isinstance(hw, hlaccel.HwIpInfo)
    assert hw.asic == desc.asic and isinstance(hw.asic, hlaccel.Asic)
    assert hw.device_id == desc.pci_device_id
    if desc.module_id is not None:
        assert hw.module_id == desc.module_id
    assert hw.dram_size > 0 and hw.num_of_events > 0
    assert isinstance(hw.cpucp_version, str) and hw.cpucp_version
    assert isinstance(hw.card_name, str)


def test_hw_ip_fields_follow_the_capabilities(hw, desc):
    fields = vars(hw)
    base = set(fields) - set(HW_IP_EXT) - set(HW_IP_HABANA)
    assert [f for f in base if fields[f] is None] == []
    for names, cap in ((HW_IP_EXT, Caps.HW_IP_EXT), (HW_IP_HABANA, Caps.HABANA_EXT)):
        have = bool(desc.caps & cap)
        assert [f for f in names if (fields[f] is not None) != have] == [], cap


def test_hw_events(dev, hw):
    for counters in (dev.info_hw_events(), dev.info_hw_events_aggregate()):
        assert len(counters) == hw.num_of_events
        assert all(isinstance(c, int) and c >= 0 for c in counters)


def test_dram_usage(dev, hw):
    u = dev.info_dram_usage()
    assert 0 <= u.dram_free_mem <= hw.dram_size
    assert u.ctx_dram_mem is not None


def test_control_handle_has_no_context_fields(ctl):
    # no context on a control node: the ctx_* values are "not provided"
    u = ctl.info_dram_usage()
    assert u.dram_free_mem is not None and u.ctx_dram_mem is None
    c = vars(ctl.info_cs_counters())
    assert {k for k, v in c.items() if v is None} == {k for k in c if k.startswith("ctx_")}


def test_cs_counters_on_a_compute_handle(dev):
    c = vars(dev.info_cs_counters())
    assert len(c) == 12 and all(isinstance(v, int) for v in c.values())


def test_hw_idle(dev, desc):
    idle = dev.info_hw_idle()
    assert isinstance(idle.is_idle, bool) and isinstance(idle.busy_engines_mask, int)
    words = idle.busy_engines_mask_ext
    assert len(words) == 4 and None not in words[:2]
    hi = bool(desc.caps & Caps.HW_IDLE_EXT)
    assert (words[2] is not None, words[3] is not None) == (hi, hi)


def test_status_utilization_clock(dev, desc):
    assert dev.info_device_status() == desc.status
    assert 0 <= dev.info_utilization() <= 100
    rate = dev.info_clk_rate()
    assert 0 < rate.cur_mhz <= rate.max_mhz
    rc = dev.info_reset_count()
    assert rc.hard_resets >= 0 and rc.soft_resets >= 0


def test_time_sync_uses_the_raw_monotonic_clock(dev, desc):
    t0 = time.clock_gettime_ns(time.CLOCK_MONOTONIC_RAW)
    ts = dev.info_time_sync()
    t1 = time.clock_gettime_ns(time.CLOCK_MONOTONIC_RAW)
    assert t0 <= ts.host_time <= t1
    assert isinstance(ts.device_time, int)
    assert (ts.tsc_time is not None) == bool(desc.caps & Caps.TIME_SYNC_TSC)


def test_counters_power_energy_pll(dev):
    pci = dev.info_pci_counters()
    assert None not in (pci.rx_throughput, pci.tx_throughput, pci.replay_cnt)
    thr = dev.info_clk_throttle()
    assert isinstance(thr.reason, hlaccel.ClkThrottle)
    assert len(thr.timestamp_us) == 2 and len(thr.duration_ns) == 2
    assert dev.info_power() >= 0 and dev.info_energy() >= 0
    mhz = dev.info_pll_frequency(0)
    assert len(mhz) == 4 and all(isinstance(f, int) for f in mhz)


def test_sync_manager(dev):
    sm = dev.info_sync_manager(0)
    assert None not in vars(sm).values()
    with pytest.raises(OSError) as e:
        dev.info_sync_manager(1 << 20)
    assert e.value.errno == errno.EINVAL


def test_open_stats_count_compute_opens(ctl):
    before = ctl.info_open_stats()
    with hlaccel.open_index(0, retry=True) as dev:
        during = dev.info_open_stats()
    assert during.open_counter == before.open_counter + 1
    assert during.is_compute_ctx_active is True
    assert before.is_compute_ctx_active is False


def test_dram_rows_and_error_times(dev):
    row = dev.info_dram_replaced_rows()
    assert isinstance(row, hlaccel.DramRow) and None not in vars(row).values()
    assert dev.info_dram_pending_rows() >= 0
    assert isinstance(dev.info_last_err_open_dev_time(), int)


def test_typed_calls_agree_with_the_raw_call(dev):
    raw, _ = dev.info_raw(OP_PAGE_SIZES, 0, 8)
    assert int.from_bytes(raw, "little") == dev.info_page_sizes()
    raw, _ = dev.info_raw(OP_DEVICE_STATUS, 0, 8)
    assert int.from_bytes(raw[:4], "little") == dev.info_device_status()
    with pytest.raises(OSError) as e:
        dev.info_raw(0xFFFF, 0, 8)  # no such opcode
    assert e.value.errno == errno.EINVAL


def test_engine_status_text(dev):
    text = dev.info_engine_status()
    assert isinstance(text, str) and text
    # a small first buffer grows until the text fits
    assert dev.info_engine_status(size=1024) == text


def test_attestation_echoes_the_nonce(dev):
    a = dev.info_attestation(0x5A5A)
    assert a.nonce == 0x5A5A
    assert len(a.pcr_data) == min(a.pcr_num_reg * a.pcr_reg_len, 256)
    assert isinstance(a.certificate, bytes)


def test_dev_signed_where_the_driver_has_it(dev, desc):
    if desc.caps & Caps.INFO_DEV_SIGNED and desc.asic != hlaccel.Asic.GAUDI:
        s = dev.info_dev_signed(77)
        assert s.nonce == 77 and isinstance(s.dev_info, bytes)
        return
    with pytest.raises(OSError) as e:
        dev.info_dev_signed(77)
    assert e.value.errno in (errno.EINVAL, errno.EOPNOTSUPP)


def test_fw_generic_request(dev, desc):
    # the firmware pass-through has a bit of its own since 1.1
    if desc.caps & Caps.INFO_FW_REQ:
        reply = dev.info_fw_generic_req(0, 64)
        assert len(reply) == 64 and reply.rstrip(b"\0")
    else:
        with pytest.raises(OSError) as e:
            dev.info_fw_generic_req(0, 64)
        assert e.value.errno == errno.EOPNOTSUPP


def test_closed_device_refuses_calls(count):
    dev = hlaccel.open_index(0, retry=True)
    dev.close()
    with pytest.raises(ValueError):
        dev.info_hw_ip()
