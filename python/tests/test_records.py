# SPDX-License-Identifier: MIT
"""Structs to dataclasses: a field whose valid bit is clear is None, never 0.

These need no library and no device: the structs are filled by hand.
"""
import ctypes

import pytest

import hlaccel
from hlaccel import _constants as K
from hlaccel import _records as R
from hlaccel import _structs as S

# struct, converter, {python field: the valid bit that gates it}, as the
# header documents them
P = K.HwIpValid.PSOC_PCI_PLL
CASES = [
    (S.DramUsageC, R.dram_usage, {
        "dram_free_mem": K.DramUsageValid.DRAM_FREE_MEM,
        "ctx_dram_mem": K.DramUsageValid.CTX_DRAM_MEM}),
    (S.TimeSyncC, R.time_sync, {
        "device_time": K.TimeSyncValid.DEVICE_TIME,
        "host_time": K.TimeSyncValid.HOST_TIME,
        "tsc_time": K.TimeSyncValid.TSC_TIME}),
    (S.CsCountersC, R.cs_counters, {
        n: K.CsCountersValid.TOTAL if n.startswith("total") else K.CsCountersValid.CTX
        for n in S.CS_COUNTER_NAMES}),
    (S.PciCountersC, R.pci_counters, {
        "rx_throughput": K.PciCountersValid.RX_THROUGHPUT,
        "tx_throughput": K.PciCountersValid.TX_THROUGHPUT,
        "replay_cnt": K.PciCountersValid.REPLAY_CNT}),
    (S.ClkThrottleC, R.clk_throttle, {
        "reason": K.ClkThrottleValid.REASON,
        "timestamp_us": K.ClkThrottleValid.TIMESTAMP,
        "duration_ns": K.ClkThrottleValid.DURATION}),
    (S.SyncManagerC, R.sync_manager, {
        "first_available_sync_object": K.SyncManagerValid.FIRST_SYNC_OBJECT,
        "first_available_monitor": K.SyncManagerValid.FIRST_MONITOR,
        "first_available_cq": K.SyncManagerValid.FIRST_CQ}),
    (S.OpenStatsC, R.open_stats, {
        "open_counter": K.OpenStatsValid.OPEN_COUNTER,
        "last_open_period_ms": K.OpenStatsValid.LAST_OPEN_PERIOD,
        "is_compute_ctx_active": K.OpenStatsValid.COMPUTE_CTX_ACTIVE,
        "compute_ctx_in_release": K.OpenStatsValid.COMPUTE_CTX_IN_RELEASE}),
    (S.DramRowC, R.dram_row, dict(
        {n: K.DramRowValid.LOCATION
         for n in ("hbm_idx", "pc", "sid", "bank_idx", "row_addr")},
        replaced_row_cause=K.DramRowValid.CAUSE)),
    (S.CsTimeoutEventC, R.cs_timeout_event, {
        "timestamp": K.EventValid.TIMESTAMP, "seq": K.EventValid.SEQ}),
    (S.RazwiEventC, R.razwi_event, {
        "timestamp": K.EventValid.TIMESTAMP, "addr": K.EventValid.ADDR,
        "engine_ids": K.EventValid.ENGINE_ID, "flags": K.EventValid.FLAGS,
        "error_type": K.EventValid.ERROR_TYPE}),
    (S.UndefinedOpcodeEventC, R.undefined_opcode_event, dict(
        {n: K.EventValid.CB_ADDRS
         for n in ("cb_addr_streams", "cq_addr", "cq_size", "cb_addr_streams_len")},
        timestamp=K.EventValid.TIMESTAMP, engine_id=K.EventValid.ENGINE_ID,
        stream_id=K.EventValid.STREAM_ID)),
    (S.PageFaultEventC, R.page_fault_event, {
        "timestamp": K.EventValid.TIMESTAMP, "addr": K.EventValid.ADDR,
        "engine_id": K.EventValid.ENGINE_ID}),
    (S.HwErrEventC, R.hw_err_event, {
        "timestamp": K.EventValid.TIMESTAMP, "event_id": K.EventValid.EVENT_ID}),
    (S.FwErrEventC, R.fw_err_event, {
        "timestamp": K.EventValid.TIMESTAMP, "err_type": K.EventValid.ERROR_TYPE,
        "event_id": K.EventValid.EVENT_ID}),
    (S.EngineErrEventC, R.engine_err_event, {
        "timestamp": K.EventValid.TIMESTAMP, "engine_id": K.EventValid.ENGINE_ID,
        "error_count": K.EventValid.ERROR_COUNT}),
    (S.AttestationC, R.attestation, dict(
        nonce=K.AttestValid.NONCE, pcr_num_reg=K.AttestValid.PCR,
        pcr_reg_len=K.AttestValid.PCR, pcr_data=K.AttestValid.PCR,
        pcr_quote=K.AttestValid.QUOTE, quote_sig=K.AttestValid.QUOTE,
        public_data=K.AttestValid.PUBLIC_DATA,
        certificate=K.AttestValid.CERTIFICATE)),
    (S.DevSignedC, R.dev_signed, dict(
        nonce=K.AttestValid.NONCE, public_data=K.AttestValid.PUBLIC_DATA,
        certificate=K.AttestValid.CERTIFICATE, info_sig=K.AttestValid.INFO_SIG,
        dev_info=K.AttestValid.DEV_INFO)),
    # the header names every descriptor and hw_ip bit after its field
    (S.DeviceDescC, R.device_desc, {
        f: K.DescValid[f.upper()] for f in R.DeviceDesc.__dataclass_fields__}),
    (S.HwIpInfoC, R.hw_ip_info, {
        f: P if f.startswith("psoc_pci_pll_") else K.HwIpValid[f.upper()]
        for f in R.HwIpInfo.__dataclass_fields__}),
]
IDS = [c[0]._c_name_ for c in CASES]


def filled(cls, valid):
    """A struct whose every byte after the header is non-zero."""
    s = cls()
    raw = (ctypes.c_uint8 * ctypes.sizeof(cls)).from_buffer(s)
    for i in range(16, len(raw)):
        raw[i] = (i % 13) + 1
    s.valid = valid
    # text fields end in NUL, as the library leaves them
    for name, t in cls._fields_:
        if getattr(t, "_type_", None) is ctypes.c_char:
            f = getattr(cls, name)
            raw[f.offset + f.size - 1] = 0
    return s


@pytest.mark.parametrize("cls,convert,bits", CASES, ids=IDS)
def test_fields_without_valid_bit_are_none(cls, convert, bits):
    out = convert(filled(cls, 0))
    assert set(vars(out)) == set(bits)
    assert all(v is None for v in vars(out).values()), out


@pytest.mark.parametrize("cls,convert,bits", CASES, ids=IDS)
def test_every_valid_bit_gates_its_fields(cls, convert, bits):
    for bit in set(bits.values()):
        out = vars(convert(filled(cls, bit)))
        have = {k for k, v in out.items() if v is not None}
        assert have == {k for k, b in bits.items() if b == bit}, bit


def _converted(value, c):
    """What the package makes of the C value c, by the type it returned."""
    if isinstance(value, bool):
        return bool(c)
    if isinstance(value, R.Version):
        return R.Version.from_code(c)
    return c


@pytest.mark.parametrize("cls,convert,bits", CASES, ids=IDS)
def test_valid_fields_keep_the_struct_value(cls, convert, bits):
    s = filled(cls, (1 << 64) - 1)
    out = vars(convert(s))
    for name, value in out.items():
        assert value is not None, name
        if name in dict(cls._fields_):
            c = getattr(s, name)
            if isinstance(c, bytes):
                assert value == c.decode(), name
            elif isinstance(c, int):
                assert c != 0 and value == _converted(value, c), name


def test_hw_idle_words_follow_their_bits():
    s = filled(S.HwIdleC, 0)
    assert R.hw_idle(s) == R.HwIdle(None, None, (None,) * 4)
    s.valid = K.HwIdleValid.IS_IDLE | K.HwIdleValid.BUSY_ENGINES_MASK_EXT
    out = R.hw_idle(s)
    w = list(s.busy_engines_mask_ext)
    assert out.is_idle is True and out.busy_engines_mask is None
    assert out.busy_engines_mask_ext == (w[0], w[1], None, None)
    s.valid = K.HwIdleValid.BUSY_ENGINES_MASK_EXT_HI | K.HwIdleValid.BUSY_ENGINES_MASK
    out = R.hw_idle(s)
    assert out.busy_engines_mask == s.busy_engines_mask != 0
    assert out.busy_engines_mask_ext == (None, None, w[2], w[3])


def test_zero_stays_zero_when_valid():
    # a reported 0 is a value, not "missing"
    s = S.DramUsageC()
    s.valid = K.DramUsageValid.CTX_DRAM_MEM
    assert R.dram_usage(s) == R.DramUsage(dram_free_mem=None, ctx_dram_mem=0)


def test_descriptor_conversions():
    s = S.DeviceDescC()
    s.valid = (1 << 64) - 1
    s.asic = hlaccel.Asic.GAUDI2
    s.interface = 77  # a value this package does not know stays an int
    s.driver_version = (6 << 16) | (8 << 8) | 1
    s.node = b"/dev/accel/accel3"
    s.caps = hlaccel.Caps.DMABUF_ADDR | hlaccel.Caps.ENGINES
    d = R.device_desc(s)
    assert d.asic is hlaccel.Asic.GAUDI2
    assert d.interface == 77 and not isinstance(d.interface, hlaccel.Interface)
    assert d.driver_version == (6, 8, 1) and str(d.driver_version) == "6.8.1"
    assert d.node == "/dev/accel/accel3"
    assert d.caps == hlaccel.Caps.DMABUF_ADDR | hlaccel.Caps.ENGINES
    assert d.is_control is False


def test_razwi_engine_list_is_cut_to_its_count():
    s = filled(S.RazwiEventC, K.EventValid.ENGINE_ID)
    s.num_engines = 3
    assert R.razwi_event(s).engine_ids == tuple(s.engine_id[:3])
    s.num_engines = 100000  # never past the array
    assert len(R.razwi_event(s).engine_ids) == K.RAZWI_MAX_ENGINES


def test_attestation_blobs_are_cut_to_their_lengths():
    s = filled(S.AttestationC, (1 << 64) - 1)
    s.pcr_num_reg, s.pcr_reg_len, s.pcr_quote_len = 2, 3, 7
    s.quote_sig_len, s.pub_data_len, s.certificate_len = 4, 5, 9
    a = R.attestation(s)
    assert a.pcr_data == bytes(s.pcr_data[:6])
    assert (len(a.pcr_quote), len(a.quote_sig), len(a.public_data),
            len(a.certificate)) == (7, 4, 5, 9)


def test_public_names():
    for name in hlaccel.__all__:
        assert hasattr(hlaccel, name), name
    assert "open" not in hlaccel.__all__  # a star import keeps the builtin
    assert callable(hlaccel.open) and hlaccel.open is not open
