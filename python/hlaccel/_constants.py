# SPDX-License-Identifier: MIT
"""The constants of hlaccel.h as Python enums.

Every member stands for the C constant ``C_PREFIX[cls] + member.name``
(for example ``Caps.DMABUF_ADDR`` is ``HLA_CAP_DMABUF_ADDR``); the test
suite compiles a program against the header and compares every value.
"""
import enum


def _bit(n):
    return 1 << n


class Interface(enum.IntEnum):
    """Which kernel interface a device node belongs to."""
    UNKNOWN = 0
    ACCEL = 1
    LEGACY = 2


class Asic(enum.IntEnum):
    UNKNOWN = 0
    GOYA = 1
    GAUDI = 2
    GAUDI_SEC = 3
    GAUDI2 = 4
    GAUDI2B = 5
    GAUDI2C = 6
    GAUDI2D = 7
    GAUDI3 = 8
    GAUDI2E = 9
    GAUDI3D = 10
    GAUDI3E = 11


class DeviceStatus(enum.IntEnum):
    OPERATIONAL = 0
    IN_RESET = 1
    MALFUNCTION = 2
    NEEDS_RESET = 3
    IN_DEVICE_CREATION = 4
    IN_RESET_AFTER_DEVICE_RELEASE = 5
    UNKNOWN = 0xff


class Driver(enum.IntEnum):
    UNKNOWN = 0
    UPSTREAM = 1
    HABANA = 2


class Caps(enum.IntFlag):
    """What the driver behind a device can do (hlaccel(7))."""
    DMABUF_ADDR = _bit(0)
    DMABUF_OFFSET = _bit(1)
    DMABUF_HANDLE = _bit(2)
    DMABUF_PHYS = _bit(3)
    RAZWI_EXT = _bit(4)
    ENGINES = _bit(5)
    FLUSH_HBW = _bit(6)
    INFO_PAGE_FAULT = _bit(7)
    INFO_ERR_EVENTS = _bit(8)
    INFO_DEV_SIGNED = _bit(9)
    EVENTFD_CONTROL = _bit(10)
    HW_IP_EXT = _bit(11)
    HW_IDLE_EXT = _bit(12)
    TIME_SYNC_TSC = _bit(13)
    HABANA_EXT = _bit(14)
    INFO_HABANA = _bit(15)
    INFO_FW_REQ = _bit(16)
    INFO_ENGINE_ERR = _bit(17)
    MEM_ODP = _bit(18)
    DEBUG_HABANA = _bit(19)
    FLUSH_HBW_FSE = _bit(20)


class OpenFlags(enum.IntFlag):
    CONTROL = 0x1
    RETRY = 0x2
    FD_ADOPT = 0x4
    FD_DUP = 0x8


class ServerType(enum.IntEnum):
    UNKNOWN = 0
    GAUDI_HLS1 = 1
    GAUDI_HLS1H = 2
    GAUDI_TYPE1 = 3
    GAUDI_TYPE2 = 4
    GAUDI2_HLS2 = 5
    GAUDI2_TYPE1 = 7


class ClkThrottle(enum.IntFlag):
    """Reasons the clock was throttled."""
    POWER = 0x1
    THERMAL = 0x2


class RazwiFlags(enum.IntFlag):
    READ = 0x1
    WRITE = 0x2
    LBW = 0x4
    HBW = 0x8
    RR = 0x10
    ADDR_DEC = 0x20


class RazwiError(enum.IntEnum):
    PAGE_FAULT = 0
    MMU_ACCESS = 1


class FwError(enum.IntEnum):
    HEARTBEAT = 0
    REPORTED = 1


class Event(enum.IntFlag):
    """Bits of the pending-event mask of a handle."""
    TPC_ASSERT = _bit(0)
    UNDEFINED_OPCODE = _bit(1)
    DEVICE_RESET = _bit(2)
    CS_TIMEOUT = _bit(3)
    DEVICE_UNAVAILABLE = _bit(4)
    USER_ENGINE_ERR = _bit(5)
    GENERAL_HW_ERR = _bit(6)
    RAZWI = _bit(7)
    PAGE_FAULT = _bit(8)
    CRITICAL_HW_ERR = _bit(9)
    CRITICAL_FW_ERR = _bit(10)


class MemFlags(enum.IntFlag):
    CONTIGUOUS = 0x1
    SHARED = 0x2
    FORCE_HINT = 0x8
    ODP = 0x20


class DmabufFlags(enum.IntFlag):
    RDWR = 0x0
    RDONLY = 0x1
    WRONLY = 0x2
    INHERIT = 0x4
    BY_HANDLE = 0x8


# ---- valid-mask bits of the output structs (used internally) ----------

class DescValid(enum.IntFlag):
    CAPS = _bit(0)
    INDEX = _bit(1)
    MINOR = _bit(2)
    INTERFACE = _bit(3)
    ASIC = _bit(4)
    PCI_DEVICE_ID = _bit(5)
    PCI_REVISION = _bit(6)
    MODULE_ID = _bit(7)
    STATUS = _bit(8)
    IS_CONTROL = _bit(9)
    DRIVER = _bit(10)
    DRIVER_VERSION = _bit(11)
    KERNEL_VERSION = _bit(12)
    NUMA_NODE = _bit(13)
    NODE = _bit(14)
    CONTROL_NODE = _bit(15)
    PCI_BUS_ID = _bit(16)
    DEVICE_TYPE = _bit(17)
    DRIVER_VERSION_STR = _bit(18)
    CAPS_PROBE = _bit(19)
    DRM_VERSION = _bit(20)


class HwIpValid(enum.IntFlag):
    SRAM_BASE_ADDRESS = _bit(0)
    DRAM_BASE_ADDRESS = _bit(1)
    DRAM_SIZE = _bit(2)
    DRAM_PAGE_SIZE = _bit(3)
    DEVICE_MEM_ALLOC_DEFAULT_PAGE_SIZE = _bit(4)
    TPC_ENABLED_MASK_EXT = _bit(5)
    ENGINE_CORE_INTERRUPT_REG_ADDR = _bit(6)
    RESERVED_DRAM_SIZE = _bit(7)
    NIC_PORTS_MASK = _bit(8)
    NIC_PORTS_EXTERNAL_MASK = _bit(9)
    PDMA_USER_OWNED_CH_MASK = _bit(10)
    ASIC = _bit(11)
    DEVICE_ID = _bit(12)
    SRAM_SIZE = _bit(13)
    NUM_OF_EVENTS = _bit(14)
    MODULE_ID = _bit(15)
    DECODER_ENABLED_MASK = _bit(16)
    CPLD_VERSION = _bit(17)
    PSOC_PCI_PLL = _bit(18)
    EDMA_ENABLED_MASK = _bit(19)
    ROTATOR_ENABLED_MASK = _bit(20)
    MME_ENABLED_MASK = _bit(21)
    SCHED_ARC_ENABLED_MASK = _bit(22)
    FIRST_AVAILABLE_INTERRUPT_ID = _bit(23)
    NUMBER_OF_USER_INTERRUPTS = _bit(24)
    SERVER_TYPE = _bit(25)
    TPC_INTERRUPT_ID = _bit(26)
    TPC_ENABLED_MASK = _bit(27)
    DRAM_ENABLED = _bit(28)
    SECURITY_ENABLED = _bit(29)
    MME_MASTER_SLAVE_MODE = _bit(30)
    REVISION_ID = _bit(31)
    ODP_SUPPORTED = _bit(32)
    INTERPOSER_VERSION = _bit(33)
    SUBSTRATE_VERSION = _bit(34)
    CPUCP_VERSION = _bit(35)
    CARD_NAME = _bit(36)


class DramUsageValid(enum.IntFlag):
    DRAM_FREE_MEM = _bit(0)
    CTX_DRAM_MEM = _bit(1)


class HwIdleValid(enum.IntFlag):
    IS_IDLE = _bit(0)
    BUSY_ENGINES_MASK = _bit(1)
    BUSY_ENGINES_MASK_EXT = _bit(2)
    BUSY_ENGINES_MASK_EXT_HI = _bit(3)


class TimeSyncValid(enum.IntFlag):
    DEVICE_TIME = _bit(0)
    HOST_TIME = _bit(1)
    TSC_TIME = _bit(2)


class CsCountersValid(enum.IntFlag):
    TOTAL = _bit(0)
    CTX = _bit(1)


class PciCountersValid(enum.IntFlag):
    RX_THROUGHPUT = _bit(0)
    TX_THROUGHPUT = _bit(1)
    REPLAY_CNT = _bit(2)


class ClkThrottleValid(enum.IntFlag):
    REASON = _bit(0)
    TIMESTAMP = _bit(1)
    DURATION = _bit(2)


class SyncManagerValid(enum.IntFlag):
    FIRST_SYNC_OBJECT = _bit(0)
    FIRST_MONITOR = _bit(1)
    FIRST_CQ = _bit(2)


class OpenStatsValid(enum.IntFlag):
    OPEN_COUNTER = _bit(0)
    LAST_OPEN_PERIOD = _bit(1)
    COMPUTE_CTX_ACTIVE = _bit(2)
    COMPUTE_CTX_IN_RELEASE = _bit(3)


class DramRowValid(enum.IntFlag):
    LOCATION = _bit(0)
    CAUSE = _bit(1)


class EventValid(enum.IntFlag):
    TIMESTAMP = _bit(0)
    SEQ = _bit(1)
    ADDR = _bit(2)
    ENGINE_ID = _bit(3)
    FLAGS = _bit(4)
    ERROR_TYPE = _bit(5)
    EVENT_ID = _bit(6)
    ERROR_COUNT = _bit(7)
    CB_ADDRS = _bit(8)
    STREAM_ID = _bit(9)


class AttestValid(enum.IntFlag):
    NONCE = _bit(0)
    PCR = _bit(1)
    QUOTE = _bit(2)
    PUBLIC_DATA = _bit(3)
    CERTIFICATE = _bit(4)
    DEV_INFO = _bit(5)
    INFO_SIG = _bit(6)


class LinkStateValid(enum.IntFlag):
    UP = _bit(0)
    PORT_OPEN = _bit(1)
    QUALITY = _bit(2)


class LinkQuality(enum.IntEnum):
    POOR = 0
    GOOD = 1
    EXCELLENT = 2


# the C name of a member is C_PREFIX[its class] + its name
C_PREFIX = {
    Interface: "HLA_INTERFACE_",
    Asic: "HLA_ASIC_",
    DeviceStatus: "HLA_DEVICE_STATUS_",
    Driver: "HLA_DRIVER_",
    Caps: "HLA_CAP_",
    LinkStateValid: "HLA_LINK_STATE_",
    LinkQuality: "HLA_LINK_QUAL_",
    OpenFlags: "HLA_OPEN_",
    ServerType: "HLA_SERVER_",
    ClkThrottle: "HLA_CLK_THROTTLE_",
    RazwiFlags: "HLA_RAZWI_",
    RazwiError: "HLA_RAZWI_ERR_",
    FwError: "HLA_FW_ERR_",
    Event: "HLA_EVENT_",
    MemFlags: "HLA_MEM_",
    DmabufFlags: "HLA_DMABUF_",
    DescValid: "HLA_DESC_",
    HwIpValid: "HLA_HW_IP_",
    DramUsageValid: "HLA_DRAM_USAGE_",
    HwIdleValid: "HLA_HW_IDLE_",
    TimeSyncValid: "HLA_TIME_SYNC_",
    CsCountersValid: "HLA_CS_COUNTERS_",
    PciCountersValid: "HLA_PCI_COUNTERS_",
    ClkThrottleValid: "HLA_CLK_THROTTLE_VALID_",
    SyncManagerValid: "HLA_SYNC_MANAGER_",
    OpenStatsValid: "HLA_OPEN_STATS_",
    DramRowValid: "HLA_DRAM_ROW_",
    EventValid: "HLA_EVENT_VALID_",
    AttestValid: "HLA_ATTEST_",
}

# plain numbers of the header the package relies on
PATH_MAX = 64
BUS_ID_MAX = 16
NAME_MAX = 32
INFO_VERSION_MAX = 128
INFO_CARD_NAME_MAX = 16
BUSY_ENGINES_WORDS = 4
PLL_OUTPUTS = 4
RAZWI_MAX_ENGINES = 128
RAZWI_ENGINE_NA = 0xFFFF
ENGINE_STATUS_MIN = 1024
ENGINE_STATUS_MAX = 1 << 20

C_NUMBERS = {
    "HLA_PATH_MAX": PATH_MAX,
    "HLA_BUS_ID_MAX": BUS_ID_MAX,
    "HLA_NAME_MAX": NAME_MAX,
    "HLA_INFO_VERSION_MAX": INFO_VERSION_MAX,
    "HLA_INFO_CARD_NAME_MAX": INFO_CARD_NAME_MAX,
    "HLA_BUSY_ENGINES_WORDS": BUSY_ENGINES_WORDS,
    "HLA_PLL_OUTPUTS": PLL_OUTPUTS,
    "HLA_RAZWI_MAX_ENGINES": RAZWI_MAX_ENGINES,
    "HLA_RAZWI_ENGINE_NA": RAZWI_ENGINE_NA,
}
