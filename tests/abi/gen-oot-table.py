#!/usr/bin/env python3
# Regenerate tests/abi/kabi-oot.table from the uapi header of Habana's
# out-of-tree driver (HabanaAI/drivers.accel.habanalabs.kernel,
# include/uapi/drm/habanalabs_accel.h): compiles a probe against it and
# records the size, offsets and values the library's declarations must
# match.  Not run by the tests (they have no network to fetch the header);
# run it by hand when that header changes.
# Usage: gen-oot-table.py HEADER_DIR SOURCE_COMMIT > tests/abi/kabi-oot.table
import os
import subprocess
import sys
import tempfile

# (ours in src/kabi/hl_kabi.h, theirs in the out-of-tree header)
STRUCTS = [
    ("struct hlk_info_time_sync_per_die", "struct hl_info_time_sync_per_die",
     ["die_index", "pad", "device_time", "host_time", "tsc_time"]),
    ("struct hlk_info_memory_consumption", "struct hl_info_memory_consumption",
     ["used_mem", "timestamp_sec"]),
    ("struct hlk_info_habana_link_state", "struct hl_info_habana_link_state",
     ["up", "port_open", "link_qual", "pad"]),
    ("struct hlk_info_habana_link_counters", "struct hl_info_habana_link_counters",
     ["str_buf_ptr", "val_buf_ptr", "num_of_stat", "pad"]),
    ("struct hlk_debug_params_fetch_trace", "struct hl_debug_params_fetch_trace",
     ["buffer_address", "buffer_size", "buffer_index_address", "copied_size_addr",
      "etr_id", "timeout_ms"]),
    ("struct hlk_debug_params_scheduler", "struct hl_debug_params_scheduler",
     ["cpu_id", "queue_id", "buffer", "size", "reserved"]),
    ("struct hlk_debug_params_read_block", "struct hl_debug_params_read_block",
     ["cfg_address", "user_address", "size", "flags"]),
    ("struct hlk_info_module_params", "struct hl_info_module_params",
     ["tpc_mask", "gaudi_huge_page_optimization", "timeout_locked",
      "reset_on_lockup", "pldm", "mmu_enable", "clock_gating", "mme_enable",
      "nic_ports_mask", "dram_enable", "cpu_enable", "reset_pcilink", "config_pll",
      "cpu_queues_enable", "fw_loading", "heartbeat", "axi_drain", "security_enable",
      "sram_scrambler_enable", "dram_scrambler_enable", "cache_enabled",
      "hbm_ecc_enable", "compatibility_mode", "hard_reset_on_fw_events",
      "decoder_mask", "rotator_mask", "dram_page_scrub", "clock_gating_ext",
      "fw_loading_ext", "nic_lanes_per_port"]),
]
# structs whose members the library names differently (flattened unions or
# structs), their sizes checked too
FLATTENED = [
    ("struct hlk_dio_args", "struct hl_dio_args", [
        ("device_va", "ssd2hl.device_va"), ("off_bytes", "ssd2hl.off_bytes"),
        ("len_bytes", "ssd2hl.len_bytes"), ("fd", "ssd2hl.fd"), ("op", "op"),
    ]),
]
# fields the out-of-tree driver names where upstream has reserved words
RENAMED = [
    ("struct hlk_info_hw_ip_info", "struct hl_info_hw_ip_info", [
        ("reserved1", "interposer_version"), ("reserved2", "substrate_version"),
        ("reserved3", "pdma_user_owned_ch_mask"), ("reserved4", "nic_ports_mask"),
        ("reserved5", "nic_ports_external_mask"), ("reserved6", "mme_enabled_mask"),
        ("reserved7", "odp_supported"), ("reserved9", "sched_arc_enabled_mask"),
    ]),
]
CONSTS = [
    ("HLK_INFO_HABANA_LINK_STATE", "HL_INFO_HABANA_LINK_STATE"),
    ("HLK_INFO_HABANA_LINK_COUNTERS", "HL_INFO_HABANA_LINK_COUNTERS"),
    ("HLK_INFO_TIME_SYNC_PER_DIE", "HL_INFO_TIME_SYNC_PER_DIE"),
    ("HLK_INFO_MEMORY_CONSUMPTION", "HL_INFO_MEMORY_CONSUMPTION"),
    ("HLK_INFO_CONFIG_DRM_ACCEL_ENABLED", "HL_INFO_CONFIG_DRM_ACCEL_ENABLED"),
    ("HLK_INFO_MODULE_PARAMS", "HL_INFO_MODULE_PARAMS"),
    ("HLK_MEM_ODP", "HL_MEM_ODP"),
    ("HLK_MEM_OP_REG_DMABUF_FD", "HL_MEM_OP_REG_DMABUF_FD"),
    ("HLK_CS_FLAGS_FLUSH_HBW_WRITES_FSE", "HL_CS_FLAGS_FLUSH_HBW_WRITES_FSE"),
    ("HLK_DEBUG_OP_FETCH_TRACE", "HL_DEBUG_OP_FETCH_TRACE"),
    ("HLK_DEBUG_OP_DIO", "HL_DEBUG_OP_DIO"),
    ("HLK_DEBUG_OP_READMEM", "HL_DEBUG_OP_READMEM"),
    ("HLK_DEBUG_OP_MEMCPY", "HL_DEBUG_OP_MEMCPY"),
    ("HLK_DEBUG_OP_SCHED_SUBMIT_BUF", "HL_DEBUG_OP_SCHED_SUBMIT_BUF"),
    ("HLK_DEBUG_OP_READBLOCK", "HL_DEBUG_OP_READBLOCK"),
    ("HLK_DEBUG_OP_ENABLE_ERR_INFO_CAPTURE", "HL_DEBUG_ENABLE_ERR_INFO_CAPTURE"),
    ("HLK_DEBUG_MAX_READ_BLOCK_SIZE", "HL_DEBUG_MAX_READ_BLOCK_SIZE"),
    ("HLK_DEBUG_FETCH_STATUS_OK", "HL_DEBUG_FETCH_STATUS_OK"),
    ("HLK_DEBUG_FETCH_STATUS_EMPTY", "HL_DEBUG_FETCH_STATUS_EMPTY"),
    ("HLK_DEBUG_FETCH_STATUS_STOPPED", "HL_DEBUG_FETCH_STATUS_STOPPED"),
    ("HLK_DIO_CMD_SSD2HL", "HL_DIO_CMD_SSD2HL"),
    ("HLK_DIO_CMD_HL2SSD", "HL_DIO_CMD_HL2SSD"),
    ("HLK_HABANA_LINK_CNT_MAX_NUM", "HABANA_LINK_CNT_MAX_NUM"),
    ("HLK_HABANA_LINK_STR_LEN", "HABANA_LINK_STR_LEN"),
]

hdr_dir, commit = sys.argv[1:3]
lines = ["#include <stdio.h>", "#include <stddef.h>", "#include <linux/types.h>",
         "#define BIT(n) (1UL << (n))", "#define U16_MAX 0xFFFFu",
         "#define SZ_1M 0x100000", "#define PAGE_SIZE_4KB 4096",
         "#include <drm/habanalabs_accel.h>",
         "int main(void) {"]


def emit(fmt, *args):
    lines.append('printf("%s\\n", %s);' % (fmt, ", ".join(args)))


for ours, theirs, fields in STRUCTS:
    o = ours.replace(" ", "~")
    emit("struct %-44s %%zu" % o, "sizeof(%s)" % theirs)
    for f in fields:
        emit("field  %-44s %%zu %%zu" % (o + "." + f),
             "offsetof(%s, %s)" % (theirs, f), "sizeof(((%s *)0)->%s)" % (theirs, f))
for ours, theirs, pairs in RENAMED:
    o = ours.replace(" ", "~")
    for mine, name in pairs:
        emit("field  %-44s %%zu %%zu" % (o + "." + mine),
             "offsetof(%s, %s)" % (theirs, name), "sizeof(((%s *)0)->%s)" % (theirs, name))
for ours, theirs, pairs in FLATTENED:
    o = ours.replace(" ", "~")
    emit("struct %-44s %%zu" % o, "sizeof(%s)" % theirs)
    for mine, name in pairs:
        emit("field  %-44s %%zu %%zu" % (o + "." + mine),
             "offsetof(%s, %s)" % (theirs, name), "sizeof(((%s *)0)->%s)" % (theirs, name))
for ours, theirs in CONSTS:
    emit("const  %-44s %%llu" % ours, "(unsigned long long)(%s)" % theirs)
lines.append("return 0; }")

with tempfile.TemporaryDirectory() as d:
    src, exe = os.path.join(d, "p.c"), os.path.join(d, "p")
    open(src, "w").write("\n".join(lines) + "\n")
    subprocess.run(["cc", "-I", hdr_dir, src, "-o", exe], check=True)
    out = subprocess.run([exe], check=True, capture_output=True, text=True).stdout
print("# Layouts and values of Habana's out-of-tree driver that the library's")
print("# declarations (src/kabi/hl_kabi.h, last section) must match, generated")
print("# by tests/abi/gen-oot-table.py from include/uapi/drm/habanalabs_accel.h")
print("# of HabanaAI/drivers.accel.habanalabs.kernel at %s." % commit)
print("# struct NAME SIZE / field NAME.FIELD OFFSET SIZE / const NAME VALUE")
sys.stdout.write(out)
