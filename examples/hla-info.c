/* SPDX-License-Identifier: MIT */
/*
 * hla-info: list habanalabs devices and show what the driver reports about
 * them (INFO ioctl and sysfs).  Everything is read through the control
 * node, so a device whose compute node is held by a workload can still be
 * inspected.  A query that fails is shown as "n/a (reason)".
 */
#include "hla-info.h"

#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hlaccel/hlaccel.h>

#include "tools-common.h"

#define LABEL_WIDTH 30
#define MAX_NA 128

struct info_opts {
	bool json;
	bool verbose;
	bool list_only;
	long device; /* -1: every device */
};

/* Writes the same report as aligned text or as JSON. */
struct report {
	FILE *f;
	bool json;
	struct json_writer j;
	const char *section;
	/* JSON: values that could not be read, emitted per device */
	struct {
		char key[64];
		int err;
	} na[MAX_NA];
	int n_na;
};

/* ---- report primitives -------------------------------------------- */

static void rep_section(struct report *r, const char *key, const char *title)
{
	r->section = key;
	if (r->json)
		json_begin_object(&r->j, key);
	else
		fprintf(r->f, "  %s\n", title);
}

static void rep_section_end(struct report *r)
{
	if (r->json)
		json_end_object(&r->j);
	r->section = NULL;
}

static void rep_line(struct report *r, const char *label, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void rep_line(struct report *r, const char *label, const char *fmt, ...)
{
	va_list ap;

	fprintf(r->f, "    %-*s ", LABEL_WIDTH, label);
	va_start(ap, fmt);
	vfprintf(r->f, fmt, ap);
	va_end(ap);
	putc('\n', r->f);
}

static void rep_str(struct report *r, const char *key, const char *label,
		    const char *value)
{
	if (r->json)
		json_string(&r->j, key, value);
	else
		rep_line(r, label, "%s", value[0] ? value : "(empty)");
}

static void rep_u64(struct report *r, const char *key, const char *label,
		    uint64_t value, const char *unit)
{
	if (r->json)
		json_u64(&r->j, key, value);
	else
		rep_line(r, label, "%" PRIu64 "%s%s", value, unit ? " " : "",
			 unit ? unit : "");
}

static void rep_i64(struct report *r, const char *key, const char *label,
		    int64_t value, const char *unit)
{
	if (r->json)
		json_i64(&r->j, key, value);
	else
		rep_line(r, label, "%" PRId64 "%s%s", value, unit ? " " : "",
			 unit ? unit : "");
}

static void rep_hex(struct report *r, const char *key, const char *label,
		    uint64_t value)
{
	if (r->json)
		json_u64(&r->j, key, value);
	else
		rep_line(r, label, "0x%" PRIx64, value);
}

static void rep_bytes(struct report *r, const char *key, const char *label,
		      uint64_t value)
{
	char human[32];

	if (r->json) {
		json_u64(&r->j, key, value);
		return;
	}
	tools_format_size(value, human, sizeof(human));
	if (value < 1024)
		rep_line(r, label, "%s", human);
	else
		rep_line(r, label, "%" PRIu64 " (%s)", value, human);
}

static void rep_bool(struct report *r, const char *key, const char *label,
		     bool value)
{
	if (r->json)
		json_bool(&r->j, key, value);
	else
		rep_line(r, label, "%s", value ? "yes" : "no");
}

static void reason_text(int err, char *buf, size_t size)
{
	snprintf(buf, size, "%s", strerror(err < 0 ? -err : err));
}

static void rep_na(struct report *r, const char *key, const char *label, int err)
{
	char reason[128];

	if (err < 0)
		err = -err;
	if (r->json) {
		json_null(&r->j, key);
		if (r->n_na < MAX_NA) {
			snprintf(r->na[r->n_na].key, sizeof(r->na[0].key), "%s%s%s",
				 r->section ? r->section : "",
				 r->section ? "." : "", key);
			r->na[r->n_na].err = err;
			r->n_na++;
		}
		return;
	}
	reason_text(err, reason, sizeof(reason));
	rep_line(r, label, "n/a (%s)", reason);
}

/* JSON: "unavailable": { "section.key": "reason (ENAME)" } */
static void rep_flush_na(struct report *r)
{
	char reason[160], num[16];
	int i;

	if (!r->json) {
		r->n_na = 0;
		return;
	}
	json_begin_object(&r->j, "unavailable");
	for (i = 0; i < r->n_na; i++) {
		snprintf(reason, sizeof(reason), "%s (%s)", strerror(r->na[i].err),
			 tools_errno_name(r->na[i].err, num, sizeof(num)));
		json_string(&r->j, r->na[i].key, reason);
	}
	json_end_object(&r->j);
	r->n_na = 0;
}

/* ---- engine and PLL names (reference Appendix A) -------------------- */

static void engine_name(uint32_t asic, unsigned int id, char *buf, size_t size)
{
	static const char *const gaudi2_dcore[] = {
		"EDMA_0", "EDMA_1", "MME", "TPC_0", "TPC_1", "TPC_2",
		"TPC_3", "TPC_4", "TPC_5", "DEC_0", "DEC_1",
	};
	static const char *const gaudi2_tail[] = {
		"DCORE0_TPC_6", "PDMA_0", "PDMA_1", "ROT_0", "ROT_1",
		"PCIE_DEC_0", "PCIE_DEC_1",
	};
	static const char *const gaudi2_end[] = { "PCIE", "PSOC", "ARC_FARM", "KDMA" };

	switch (asic) {
	case HLA_ASIC_GAUDI:
	case HLA_ASIC_GAUDI_SEC:
		if (id < 8)
			snprintf(buf, size, "DMA_%u", id);
		else if (id < 12)
			snprintf(buf, size, "MME_%u", id - 8);
		else if (id < 20)
			snprintf(buf, size, "TPC_%u", id - 12);
		else if (id < 30)
			snprintf(buf, size, "NIC_%u", id - 20);
		else
			snprintf(buf, size, "ENGINE_%u", id);
		return;
	case HLA_ASIC_GOYA:
		if (id < 5)
			snprintf(buf, size, "DMA_%u", id);
		else if (id == 5)
			snprintf(buf, size, "MME_0");
		else if (id < 14)
			snprintf(buf, size, "TPC_%u", id - 6);
		else
			snprintf(buf, size, "ENGINE_%u", id);
		return;
	case HLA_ASIC_GAUDI2:
	case HLA_ASIC_GAUDI2B:
	case HLA_ASIC_GAUDI2C:
	case HLA_ASIC_GAUDI2D:
		if (id < 44)
			snprintf(buf, size, "DCORE%u_%s", id / 11, gaudi2_dcore[id % 11]);
		else if (id < 51)
			snprintf(buf, size, "%s", gaudi2_tail[id - 44]);
		else if (id < 75)
			snprintf(buf, size, "NIC%u_%u", (id - 51) / 2, (id - 51) % 2);
		else if (id < 79)
			snprintf(buf, size, "%s", gaudi2_end[id - 75]);
		else
			snprintf(buf, size, "ENGINE_%u", id);
		return;
	default:
		snprintf(buf, size, "ENGINE_%u", id);
	}
}

/* PLL names by index; returns the number of PLLs of the ASIC */
static unsigned int pll_names(uint32_t asic, const char *const **names)
{
	static const char *const goya[] = { "CPU", "IC", "MC", "MME", "PCI", "EMMC", "TPC" };
	static const char *const gaudi[] = { "CPU", "PCI", "SRAM", "HBM", "NIC",
					     "DMA", "MESH", "MME", "TPC", "IF" };
	static const char *const gaudi2[] = { "CPU", "PCI", "SRAM", "HBM", "NIC", "DMA",
					      "MESH", "MME", "TPC", "IF", "VID", "MSS" };

	switch (asic) {
	case HLA_ASIC_GOYA:
		*names = goya;
		return TOOLS_ARRAY_SIZE(goya);
	case HLA_ASIC_GAUDI:
	case HLA_ASIC_GAUDI_SEC:
		*names = gaudi;
		return TOOLS_ARRAY_SIZE(gaudi);
	case HLA_ASIC_GAUDI2:
	case HLA_ASIC_GAUDI2B:
	case HLA_ASIC_GAUDI2C:
	case HLA_ASIC_GAUDI2D:
		*names = gaudi2;
		return TOOLS_ARRAY_SIZE(gaudi2);
	default:
		*names = NULL;
		return 0;
	}
}

static const char *server_type_name(uint32_t t)
{
	switch (t) {
	case 0: return "unknown";
	case 1: return "GAUDI_HLS1";
	case 2: return "GAUDI_HLS1H";
	case 3: return "GAUDI_TYPE1";
	case 4: return "GAUDI_TYPE2";
	case 5: return "GAUDI2_HLS2";
	case 7: return "GAUDI2_TYPE1";
	default: return "other";
	}
}

static const char *const event_names[] = {
	"TPC_ASSERT", "UNDEFINED_OPCODE", "DEVICE_RESET", "CS_TIMEOUT",
	"DEVICE_UNAVAILABLE", "USER_ENGINE_ERR", "GENERAL_HW_ERR", "RAZWI",
	"PAGE_FAULT", "CRITICAL_HW_ERR", "CRITICAL_FW_ERR",
};

/* ---- sections ----------------------------------------------------- */

static void kernel_text(uint32_t v, char *buf, size_t size)
{
	if (v)
		snprintf(buf, size, "%u.%u.%u", v >> 16, (v >> 8) & 0xff, v & 0xff);
	else
		snprintf(buf, size, "unknown");
}

static void show_identity(struct report *r, const struct hla_device_desc *d,
			  const struct hla_device_desc *open_desc)
{
	char buf[64];

	rep_section(r, "identity", "Identification");
	rep_u64(r, "index", "index", d->index, NULL);
	rep_str(r, "node", "compute node", d->node);
	rep_str(r, "control_node", "control node",
		d->control_node[0] ? d->control_node : "none");
	rep_str(r, "interface", "interface", tools_interface_name(d->interface));
	rep_str(r, "asic", "ASIC", tools_asic_name(d->asic));
	rep_str(r, "device_type", "device type (sysfs)", d->device_type);
	if (d->pci_device_id)
		rep_hex(r, "pci_device_id", "PCI device id", d->pci_device_id);
	else
		rep_na(r, "pci_device_id", "PCI device id", ENODATA);
	if (d->pci_bus_id[0])
		rep_str(r, "pci_bus_id", "PCI bus id", d->pci_bus_id);
	else
		rep_na(r, "pci_bus_id", "PCI bus id", ENODATA);
	if (d->module_id >= 0)
		rep_u64(r, "module_id", "module id (sysfs)", (uint64_t)d->module_id, NULL);
	else
		rep_na(r, "module_id", "module id (sysfs)", ENOENT);
	rep_str(r, "status", "status (sysfs)", tools_status_name(d->status));
	kernel_text(d->kernel_version, buf, sizeof(buf));
	rep_str(r, "kernel", "kernel", buf);
	if (open_desc)
		rep_str(r, "read_through", "read through",
			open_desc->is_control ? "control node" : "compute node");
	rep_section_end(r);
}

static void show_sysfs(struct report *r, struct hla_device *dev)
{
	static const char *const attrs[] = {
		"cpucp_ver", "cpucp_kernel_ver", "uboot_ver", "preboot_btl_ver",
		"fuse_ver", "thermal_ver", "fw_os_ver", "cpld_ver", "infineon_ver",
		"vrm_ver", "security_enabled", "max_power", "clk_max_freq_mhz",
		"clk_cur_freq_mhz", "hard_reset_cnt", "soft_reset_cnt", "pci_addr",
		"parent_device", "module_id", "status", "device_type",
	};
	char buf[512];
	size_t i;

	rep_section(r, "sysfs", "sysfs attributes");
	for (i = 0; i < TOOLS_ARRAY_SIZE(attrs); i++) {
		int rc = hla_device_sysfs_read(dev, attrs[i], buf, sizeof(buf));

		if (rc < 0)
			rep_na(r, attrs[i], attrs[i], rc);
		else
			rep_str(r, attrs[i], attrs[i], buf);
	}
	rep_section_end(r);
}

static void show_hw_ip(struct report *r, const struct hla_hw_ip_info *hw, int rc)
{
	char buf[64];

	rep_section(r, "hw_ip", "Hardware (HW_IP_INFO)");
	if (rc) {
		rep_na(r, "hw_ip_info", "HW_IP_INFO", rc);
		rep_section_end(r);
		return;
	}
	rep_str(r, "asic", "ASIC", tools_asic_name(hw->asic));
	rep_hex(r, "device_id", "device id", hw->device_id);
	rep_u64(r, "revision_id", "revision", hw->revision_id, NULL);
	rep_str(r, "card_name", "card name", hw->card_name);
	rep_str(r, "cpucp_version", "firmware (cpucp) version", hw->cpucp_version);
	rep_hex(r, "cpld_version", "CPLD version", hw->cpld_version);
	rep_u64(r, "module_id", "module id", hw->module_id, NULL);
	snprintf(buf, sizeof(buf), "%s (%u)", server_type_name(hw->server_type),
		 hw->server_type);
	if (r->json)
		json_u64(&r->j, "server_type", hw->server_type);
	else
		rep_str(r, "server_type", "server type", buf);
	rep_bool(r, "security_enabled", "security enabled", hw->security_enabled);
	rep_u64(r, "num_of_events", "event types", hw->num_of_events, NULL);
	rep_u64(r, "psoc_pci_pll_nr", "PSOC PCI PLL NR", hw->psoc_pci_pll_nr, NULL);
	rep_u64(r, "psoc_pci_pll_nf", "PSOC PCI PLL NF", hw->psoc_pci_pll_nf, NULL);
	rep_u64(r, "psoc_pci_pll_od", "PSOC PCI PLL OD", hw->psoc_pci_pll_od, NULL);
	rep_u64(r, "psoc_pci_pll_div_factor", "PSOC PCI PLL divider",
		hw->psoc_pci_pll_div_factor, NULL);
	rep_section_end(r);
}

static void page_sizes_text(uint64_t mask, char *buf, size_t size)
{
	size_t len = 0;
	unsigned int b;

	buf[0] = '\0';
	if (!mask) {
		snprintf(buf, size, "default only");
		return;
	}
	for (b = 0; b < 64 && len + 1 < size; b++) {
		char one[32];

		if (!(mask & (1ull << b)))
			continue;
		tools_format_size(1ull << b, one, sizeof(one));
		len += (size_t)snprintf(buf + len, size - len, "%s%s",
					len ? ", " : "", one);
		if (len >= size)
			break;
	}
}

static void show_memory(struct report *r, struct hla_device *dev,
			const struct hla_hw_ip_info *hw, int hw_rc)
{
	HLA_STRUCT_INIT(hla_dram_usage, usage);
	HLA_STRUCT_INIT(hla_dram_row, row);
	uint64_t mask;
	uint32_t pending;
	char buf[256];
	int rc;

	rep_section(r, "memory", "Memory");
	if (hw_rc) {
		rep_na(r, "dram_size", "DRAM size", hw_rc);
	} else {
		rep_bool(r, "dram_enabled", "DRAM enabled", hw->dram_enabled);
		rep_hex(r, "dram_base_address", "DRAM base address", hw->dram_base_address);
		rep_bytes(r, "dram_size", "DRAM size", hw->dram_size);
		rep_bytes(r, "dram_page_size", "DRAM page size", hw->dram_page_size);
		rep_bytes(r, "alloc_default_page_size", "default allocation page",
			  hw->device_mem_alloc_default_page_size);
		rep_bytes(r, "reserved_dram_size", "reserved DRAM", hw->reserved_dram_size);
		rep_hex(r, "sram_base_address", "SRAM base address", hw->sram_base_address);
		rep_bytes(r, "sram_size", "SRAM size", hw->sram_size);
	}
	rc = hla_info_dram_usage(dev, &usage);
	if (rc) {
		rep_na(r, "dram_free", "DRAM free", rc);
	} else {
		rep_bytes(r, "dram_free", "DRAM free", usage.dram_free_mem);
		if (!hw_rc && hw->dram_size >= usage.dram_free_mem)
			rep_bytes(r, "dram_used", "DRAM used",
				  hw->dram_size - usage.dram_free_mem);
		rep_bytes(r, "ctx_dram_mem", "DRAM used by this context",
			  usage.ctx_dram_mem);
	}
	rc = hla_info_page_sizes(dev, &mask);
	if (rc) {
		rep_na(r, "page_order_bitmask", "allocation page sizes", rc);
	} else if (r->json) {
		json_u64(&r->j, "page_order_bitmask", mask);
	} else {
		page_sizes_text(mask, buf, sizeof(buf));
		rep_line(r, "allocation page sizes", "%s", buf);
	}
	rc = hla_info_dram_pending_rows(dev, &pending);
	if (rc)
		rep_na(r, "dram_pending_rows", "DRAM rows pending replacement", rc);
	else
		rep_u64(r, "dram_pending_rows", "DRAM rows pending replacement",
			pending, NULL);
	rc = hla_info_dram_replaced_rows(dev, &row);
	if (rc) {
		rep_na(r, "dram_replaced_row", "DRAM replaced row", rc);
	} else if (r->json) {
		json_begin_object(&r->j, "dram_replaced_row");
		json_u64(&r->j, "hbm_idx", row.hbm_idx);
		json_u64(&r->j, "pc", row.pc);
		json_u64(&r->j, "sid", row.sid);
		json_u64(&r->j, "bank_idx", row.bank_idx);
		json_u64(&r->j, "row_addr", row.row_addr);
		json_u64(&r->j, "cause", row.replaced_row_cause);
		json_end_object(&r->j);
	} else {
		rep_line(r, "DRAM replaced row",
			 "hbm %u pc %u sid %u bank %u row 0x%x cause %u", row.hbm_idx,
			 row.pc, row.sid, row.bank_idx, row.row_addr,
			 row.replaced_row_cause);
	}
	rep_section_end(r);
}

static void show_clocks(struct report *r, struct hla_device *dev, uint32_t asic)
{
	const char *const *names;
	unsigned int n, i;
	uint32_t cur, max;
	int rc;

	rep_section(r, "clocks", "Clocks");
	rc = hla_info_clk_rate(dev, &cur, &max);
	if (rc) {
		rep_na(r, "cur_mhz", "current clock", rc);
		rep_na(r, "max_mhz", "maximum clock", rc);
	} else {
		rep_u64(r, "cur_mhz", "current clock", cur, "MHz");
		rep_u64(r, "max_mhz", "maximum clock", max, "MHz");
	}
	n = pll_names(asic, &names);
	if (r->json && n)
		json_begin_object(&r->j, "pll_mhz");
	for (i = 0; i < n; i++) {
		uint16_t mhz[HLA_PLL_OUTPUTS];
		char label[48];

		snprintf(label, sizeof(label), "PLL %s", names[i]);
		rc = hla_info_pll_frequency(dev, i, mhz);
		if (rc) {
			rep_na(r, names[i], label, rc);
		} else if (r->json) {
			unsigned int o;

			json_begin_array(&r->j, names[i]);
			for (o = 0; o < HLA_PLL_OUTPUTS; o++)
				json_u64(&r->j, NULL, mhz[o]);
			json_end_array(&r->j);
		} else {
			rep_line(r, label, "%u / %u / %u / %u MHz", mhz[0], mhz[1],
				 mhz[2], mhz[3]);
		}
	}
	if (r->json && n)
		json_end_object(&r->j);
	rep_section_end(r);
}

static void show_power(struct report *r, struct hla_device *dev)
{
	HLA_STRUCT_INIT(hla_clk_throttle, thr);
	uint64_t power, energy;
	uint32_t util;
	int rc;

	rep_section(r, "power", "Power and utilization");
	rc = hla_info_power(dev, &power);
	if (rc)
		rep_na(r, "power_mw", "power", rc);
	else
		rep_u64(r, "power_mw", "power", power, "mW");
	rc = hla_info_energy(dev, &energy);
	if (rc)
		rep_na(r, "total_energy", "total energy", rc);
	else
		rep_u64(r, "total_energy", "total energy", energy, NULL);
	rc = hla_info_utilization(dev, 100, &util);
	if (rc)
		rep_na(r, "utilization_percent", "utilization", rc);
	else
		rep_u64(r, "utilization_percent", "utilization", util, "%");
	rc = hla_info_clk_throttle(dev, &thr);
	if (rc) {
		rep_na(r, "throttle", "clock throttling", rc);
	} else if (r->json) {
		json_begin_object(&r->j, "throttle");
		json_bool(&r->j, "power", thr.reason & HLA_CLK_THROTTLE_POWER);
		json_bool(&r->j, "thermal", thr.reason & HLA_CLK_THROTTLE_THERMAL);
		json_u64(&r->j, "reason", thr.reason);
		json_u64(&r->j, "power_timestamp_us", thr.timestamp_us[0]);
		json_u64(&r->j, "power_duration_ns", thr.duration_ns[0]);
		json_u64(&r->j, "thermal_timestamp_us", thr.timestamp_us[1]);
		json_u64(&r->j, "thermal_duration_ns", thr.duration_ns[1]);
		json_end_object(&r->j);
	} else {
		const char *what = "none";

		if ((thr.reason & 3) == 3)
			what = "power, thermal";
		else if (thr.reason & HLA_CLK_THROTTLE_POWER)
			what = "power";
		else if (thr.reason & HLA_CLK_THROTTLE_THERMAL)
			what = "thermal";
		rep_line(r, "clock throttling", "%s", what);
		if (thr.timestamp_us[0] || thr.duration_ns[0])
			rep_line(r, "  power throttling", "at %" PRIu64 " us for %" PRIu64 " ns",
				 thr.timestamp_us[0], thr.duration_ns[0]);
		if (thr.timestamp_us[1] || thr.duration_ns[1])
			rep_line(r, "  thermal throttling", "at %" PRIu64 " us for %" PRIu64 " ns",
				 thr.timestamp_us[1], thr.duration_ns[1]);
	}
	rep_section_end(r);
}

static void show_pci_resets(struct report *r, struct hla_device *dev)
{
	HLA_STRUCT_INIT(hla_pci_counters, pci);
	HLA_STRUCT_INIT(hla_open_stats, st);
	uint32_t hard, soft;
	int rc;

	rep_section(r, "pci", "PCI");
	rc = hla_info_pci_counters(dev, &pci);
	if (rc) {
		rep_na(r, "rx_kbps", "rx throughput", rc);
		rep_na(r, "tx_kbps", "tx throughput", rc);
		rep_na(r, "replay_count", "replay count", rc);
	} else {
		rep_u64(r, "rx_kbps", "rx throughput", pci.rx_throughput, "KB/s");
		rep_u64(r, "tx_kbps", "tx throughput", pci.tx_throughput, "KB/s");
		rep_u64(r, "replay_count", "replay count", pci.replay_cnt, NULL);
	}
	rep_section_end(r);

	rep_section(r, "resets", "Resets and opens");
	rc = hla_info_reset_count(dev, &hard, &soft);
	if (rc) {
		rep_na(r, "hard_resets", "hard resets", rc);
		rep_na(r, "soft_resets", "soft (compute) resets", rc);
	} else {
		rep_u64(r, "hard_resets", "hard resets", hard, NULL);
		rep_u64(r, "soft_resets", "soft (compute) resets", soft, NULL);
	}
	rc = hla_info_open_stats(dev, &st);
	if (rc) {
		rep_na(r, "open_counter", "compute opens", rc);
	} else {
		rep_u64(r, "open_counter", "compute opens", st.open_counter, NULL);
		rep_u64(r, "last_open_period_ms", "last open period",
			st.last_open_period_ms, "ms");
		rep_bool(r, "compute_ctx_active", "compute context active",
			 st.is_compute_ctx_active);
		rep_bool(r, "compute_ctx_in_release", "compute context in release",
			 st.compute_ctx_in_release);
	}
	rep_section_end(r);
}

static void show_engines(struct report *r, struct hla_device *dev,
			 const struct hla_hw_ip_info *hw, int hw_rc, uint32_t asic)
{
	HLA_STRUCT_INIT(hla_hw_idle, idle);
	int rc;

	rep_section(r, "engines", "Engines");
	if (hw_rc) {
		rep_na(r, "tpc_enabled_mask", "TPC enabled mask", hw_rc);
	} else {
		rep_hex(r, "tpc_enabled_mask", "TPC enabled mask",
			hw->tpc_enabled_mask_ext ? hw->tpc_enabled_mask_ext
						 : hw->tpc_enabled_mask);
		rep_hex(r, "decoder_enabled_mask", "decoder enabled mask",
			hw->decoder_enabled_mask);
		rep_hex(r, "edma_enabled_mask", "EDMA enabled mask", hw->edma_enabled_mask);
		rep_hex(r, "rotator_enabled_mask", "rotator enabled mask",
			hw->rotator_enabled_mask);
		rep_u64(r, "mme_master_slave_mode", "MME master/slave mode",
			hw->mme_master_slave_mode, NULL);
		rep_u64(r, "first_user_interrupt", "first user interrupt",
			hw->first_available_interrupt_id, NULL);
		rep_u64(r, "user_interrupts", "user interrupts",
			hw->number_of_user_interrupts, NULL);
		rep_u64(r, "tpc_interrupt_id", "TPC interrupt id", hw->tpc_interrupt_id, NULL);
		rep_hex(r, "engine_core_interrupt_reg_addr", "engine-core interrupt reg",
			hw->engine_core_interrupt_reg_addr);
	}
	rc = hla_info_hw_idle(dev, &idle);
	if (rc) {
		rep_na(r, "idle", "idle", rc);
		rep_na(r, "busy_engines", "busy engines", rc);
	} else {
		uint64_t words[HLA_BUSY_ENGINES_WORDS];
		unsigned int w, b, nbusy = 0;
		char list[1024];
		size_t len = 0;

		memcpy(words, idle.busy_engines_mask_ext, sizeof(words));
		if (!words[0] && !words[1] && !words[2] && !words[3])
			words[0] = idle.busy_engines_mask;
		rep_bool(r, "idle", "idle", idle.is_idle);
		if (r->json)
			json_begin_array(&r->j, "busy_engines");
		list[0] = '\0';
		for (w = 0; w < HLA_BUSY_ENGINES_WORDS; w++) {
			for (b = 0; b < 64; b++) {
				char name[32];

				if (!(words[w] & (1ull << b)))
					continue;
				engine_name(asic, w * 64 + b, name, sizeof(name));
				nbusy++;
				if (r->json)
					json_string(&r->j, NULL, name);
				else if (len + strlen(name) + 3 < sizeof(list))
					len += (size_t)snprintf(list + len, sizeof(list) - len,
								"%s%s", len ? " " : "", name);
			}
		}
		if (r->json)
			json_end_array(&r->j);
		else
			rep_line(r, "busy engines", "%s", nbusy ? list : "none");
	}
	rep_section_end(r);
}

static void show_events(struct report *r, struct hla_device *dev)
{
	HLA_STRUCT_INIT(hla_cs_timeout_event, cst);
	HLA_STRUCT_INIT(hla_razwi_event, razwi);
	HLA_STRUCT_INIT(hla_page_fault_event, pf);
	HLA_STRUCT_INIT(hla_undefined_opcode_event, undef);
	HLA_STRUCT_INIT(hla_hw_err_event, hwe);
	HLA_STRUCT_INIT(hla_fw_err_event, fwe);
	HLA_STRUCT_INIT(hla_engine_err_event, ee);
	uint64_t events;
	int64_t ts;
	int rc;

	rep_section(r, "events", "Events and errors");
	rc = hla_events_get(dev, &events);
	if (rc) {
		rep_na(r, "pending", "pending events", rc);
	} else if (r->json) {
		size_t i;

		json_u64(&r->j, "pending_mask", events);
		json_begin_array(&r->j, "pending");
		for (i = 0; i < TOOLS_ARRAY_SIZE(event_names); i++)
			if (events & (1ull << i))
				json_string(&r->j, NULL, event_names[i]);
		json_end_array(&r->j);
	} else {
		char list[256];
		size_t i, len = 0;

		list[0] = '\0';
		for (i = 0; i < TOOLS_ARRAY_SIZE(event_names); i++)
			if (events & (1ull << i))
				len += (size_t)snprintf(list + len, sizeof(list) - len, "%s%s",
							len ? " " : "", event_names[i]);
		if (events >> TOOLS_ARRAY_SIZE(event_names))
			snprintf(list + len, sizeof(list) - len, "%s0x%" PRIx64,
				 len ? " " : "", events >> TOOLS_ARRAY_SIZE(event_names)
							<< TOOLS_ARRAY_SIZE(event_names));
		rep_line(r, "pending events", "%s", events ? list : "none");
	}

	rc = hla_info_last_err_open_dev_time(dev, &ts);
	if (rc)
		rep_na(r, "last_open_ns", "last compute open", rc);
	else
		rep_i64(r, "last_open_ns", "last compute open", ts, "ns");

#define EVENT_RECORD(call, key, label, fmt_text, ...)                          \
	do {                                                                   \
		rc = call;                                                     \
		if (rc == -ENODATA) {                                          \
			if (r->json)                                           \
				json_null(&r->j, key);                         \
			else                                                   \
				rep_line(r, label, "none");                    \
		} else if (rc) {                                               \
			rep_na(r, key, label, rc);                             \
		} else if (!r->json) {                                         \
			rep_line(r, label, fmt_text, __VA_ARGS__);             \
		}                                                              \
	} while (0)

	EVENT_RECORD(hla_info_cs_timeout_event(dev, &cst), "cs_timeout",
		     "last CS timeout", "seq %" PRIu64 " at %" PRId64 " ns",
		     cst.seq, cst.timestamp);
	if (!rc && r->json) {
		json_begin_object(&r->j, "cs_timeout");
		json_i64(&r->j, "timestamp", cst.timestamp);
		json_u64(&r->j, "seq", cst.seq);
		json_end_object(&r->j);
	}
	EVENT_RECORD(hla_info_razwi_event(dev, &razwi), "razwi", "last RAZWI",
		     "addr 0x%" PRIx64 " flags 0x%x engines %u at %" PRId64 " ns",
		     razwi.addr, razwi.flags, razwi.num_engines, razwi.timestamp);
	if (!rc && r->json) {
		unsigned int i;

		json_begin_object(&r->j, "razwi");
		json_i64(&r->j, "timestamp", razwi.timestamp);
		json_u64(&r->j, "addr", razwi.addr);
		json_u64(&r->j, "flags", razwi.flags);
		json_u64(&r->j, "error_type", razwi.error_type);
		json_begin_array(&r->j, "engine_ids");
		for (i = 0; i < razwi.num_engines && i < HLA_RAZWI_MAX_ENGINES; i++)
			json_u64(&r->j, NULL, razwi.engine_id[i]);
		json_end_array(&r->j);
		json_end_object(&r->j);
	}
	EVENT_RECORD(hla_info_page_fault_event(dev, &pf), "page_fault",
		     "last page fault", "addr 0x%" PRIx64 " engine %u at %" PRId64 " ns",
		     pf.addr, pf.engine_id, pf.timestamp);
	if (!rc && r->json) {
		json_begin_object(&r->j, "page_fault");
		json_i64(&r->j, "timestamp", pf.timestamp);
		json_u64(&r->j, "addr", pf.addr);
		json_u64(&r->j, "engine_id", pf.engine_id);
		json_end_object(&r->j);
	}
	EVENT_RECORD(hla_info_undefined_opcode_event(dev, &undef),
		     "undefined_opcode", "last undefined opcode",
		     "engine %u stream %u cq 0x%" PRIx64 " at %" PRId64 " ns",
		     undef.engine_id, undef.stream_id, undef.cq_addr, undef.timestamp);
	if (!rc && r->json) {
		json_begin_object(&r->j, "undefined_opcode");
		json_i64(&r->j, "timestamp", undef.timestamp);
		json_u64(&r->j, "engine_id", undef.engine_id);
		json_u64(&r->j, "stream_id", undef.stream_id);
		json_u64(&r->j, "cq_addr", undef.cq_addr);
		json_u64(&r->j, "cq_size", undef.cq_size);
		json_end_object(&r->j);
	}
	EVENT_RECORD(hla_info_hw_err_event(dev, &hwe), "hw_err", "last HW error",
		     "event %u at %" PRId64 " ns", hwe.event_id, hwe.timestamp);
	if (!rc && r->json) {
		json_begin_object(&r->j, "hw_err");
		json_i64(&r->j, "timestamp", hwe.timestamp);
		json_u64(&r->j, "event_id", hwe.event_id);
		json_end_object(&r->j);
	}
	EVENT_RECORD(hla_info_fw_err_event(dev, &fwe), "fw_err", "last firmware error",
		     "%s, event %u at %" PRId64 " ns",
		     fwe.err_type == HLA_FW_ERR_HEARTBEAT ? "heartbeat" : "reported",
		     fwe.event_id, fwe.timestamp);
	if (!rc && r->json) {
		json_begin_object(&r->j, "fw_err");
		json_i64(&r->j, "timestamp", fwe.timestamp);
		json_u64(&r->j, "err_type", fwe.err_type);
		json_u64(&r->j, "event_id", fwe.event_id);
		json_end_object(&r->j);
	}
	EVENT_RECORD(hla_info_engine_err_event(dev, &ee), "engine_err",
		     "last engine error", "engine %u, %u errors at %" PRId64 " ns",
		     ee.engine_id, ee.error_count, ee.timestamp);
	if (!rc && r->json) {
		json_begin_object(&r->j, "engine_err");
		json_i64(&r->j, "timestamp", ee.timestamp);
		json_u64(&r->j, "engine_id", ee.engine_id);
		json_u64(&r->j, "error_count", ee.error_count);
		json_end_object(&r->j);
	}
#undef EVENT_RECORD
	rep_section_end(r);
}

static void show_counters(struct report *r, struct hla_device *dev,
			  uint32_t asic, bool verbose)
{
	HLA_STRUCT_INIT(hla_cs_counters, c);
	HLA_STRUCT_INIT(hla_time_sync, ts);
	HLA_STRUCT_INIT(hla_sync_manager, sm);
	int rc;

	rep_section(r, "cs_counters", "Command-submission drop counters (total)");
	rc = hla_info_cs_counters(dev, &c);
	if (rc) {
		rep_na(r, "counters", "drop counters", rc);
	} else {
		rep_u64(r, "out_of_mem", "out of memory", c.total_out_of_mem_drop_cnt, NULL);
		rep_u64(r, "parsing", "parsing", c.total_parsing_drop_cnt, NULL);
		rep_u64(r, "queue_full", "queue full", c.total_queue_full_drop_cnt, NULL);
		rep_u64(r, "device_in_reset", "device in reset",
			c.total_device_in_reset_drop_cnt, NULL);
		rep_u64(r, "max_cs_in_flight", "too many in flight",
			c.total_max_cs_in_flight_drop_cnt, NULL);
		rep_u64(r, "validation", "validation", c.total_validation_drop_cnt, NULL);
	}
	rep_section_end(r);

	rep_section(r, "misc", "Other");
	rc = hla_info_sync_manager(dev, 0, &sm);
	if (rc) {
		rep_na(r, "sync_manager", "sync manager (dcore 0)", rc);
	} else if (r->json) {
		json_begin_object(&r->j, "sync_manager");
		json_u64(&r->j, "first_available_sync_object", sm.first_available_sync_object);
		json_u64(&r->j, "first_available_monitor", sm.first_available_monitor);
		json_u64(&r->j, "first_available_cq", sm.first_available_cq);
		json_end_object(&r->j);
	} else {
		rep_line(r, "sync manager (dcore 0)",
			 "first free SOB %u, monitor %u, CQ %u",
			 sm.first_available_sync_object, sm.first_available_monitor,
			 sm.first_available_cq);
	}
	rc = hla_info_time_sync(dev, &ts);
	if (rc) {
		rep_na(r, "time_sync", "device time", rc);
	} else if (r->json) {
		json_begin_object(&r->j, "time_sync");
		json_u64(&r->j, "device_time", ts.device_time);
		json_u64(&r->j, "host_time", ts.host_time);
		json_u64(&r->j, "tsc_time", ts.tsc_time);
		json_end_object(&r->j);
	} else {
		rep_line(r, "device time", "%" PRIu64 " (host %" PRIu64 " ns)",
			 ts.device_time, ts.host_time);
	}

	if (verbose) {
		uint32_t counters[1024];
		unsigned int n, i, shown = 0;

		rc = hla_info_hw_events_aggregate(dev, counters, TOOLS_ARRAY_SIZE(counters), &n);
		if (rc) {
			rep_na(r, "hw_events_aggregate", "HW events since load", rc);
		} else {
			if (n > TOOLS_ARRAY_SIZE(counters))
				n = TOOLS_ARRAY_SIZE(counters);
			if (r->json)
				json_begin_object(&r->j, "hw_events_aggregate");
			for (i = 0; i < n; i++) {
				char key[16];

				if (!counters[i])
					continue;
				snprintf(key, sizeof(key), "%u", i);
				if (r->json)
					json_u64(&r->j, key, counters[i]);
				else
					rep_line(r, "HW event", "%u: %u", i, counters[i]);
				shown++;
			}
			if (r->json)
				json_end_object(&r->j);
			else if (!shown)
				rep_line(r, "HW events since load", "none of %u types", n);
		}
	}
	rep_section_end(r);

	if (verbose) {
		size_t size = 64 * 1024;
		char *text = malloc(size);

		rep_section(r, "engine_status", "Engine status");
		if (!text) {
			rep_na(r, "text", "status", ENOMEM);
		} else {
			rc = hla_info_engine_status(dev, text, size);
			if (rc < 0) {
				rep_na(r, "text", "status", rc);
			} else if (r->json) {
				json_string(&r->j, "text", text);
			} else {
				char *line, *save = NULL;

				for (line = strtok_r(text, "\n", &save); line;
				     line = strtok_r(NULL, "\n", &save))
					fprintf(r->f, "    %s\n", line);
			}
			free(text);
		}
		rep_section_end(r);
	}
	(void)asic;
}

/* ---- per device ----------------------------------------------------- */

/* Open the device without taking its compute slot.  Returns 0 or -errno. */
static int open_for_info(unsigned int index, const struct hla_device_desc *d,
			 struct hla_device **dev)
{
	int rc = hla_device_open_index(index, HLA_OPEN_CONTROL, dev);

	/* no control node at all: the compute node is the only way in */
	if ((rc == -ENOENT || rc == -ENODEV) && !d->control_node[0])
		rc = hla_device_open_index(index, 0, dev);
	return rc;
}

/* EACCES: permission; anything else (EPERM disabled, EBUSY/EAGAIN compute
 * node taken or releasing, ...) counts as "not usable now" */
static int exit_code_for(int err)
{
	return err == -EACCES ? INFO_EXIT_PERMISSION : INFO_EXIT_NOT_OPERATIONAL;
}

/* Returns an exit code (0 when everything could be read). */
static int show_device(struct report *r, const struct info_opts *o,
		       const struct hla_device_desc *d, FILE *err)
{
	HLA_STRUCT_INIT(hla_hw_ip_info, hw);
	HLA_STRUCT_INIT(hla_device_desc, od);
	struct hla_device *dev = NULL;
	uint32_t status = HLA_DEVICE_STATUS_UNKNOWN;
	uint32_t asic;
	int rc, hw_rc, ret = INFO_EXIT_OK;

	if (!r->json)
		fprintf(r->f, "\nDevice %u (%s)\n", d->index, d->node);
	rc = open_for_info(d->index, d, &dev);
	if (rc) {
		char reason[128];

		reason_text(rc, reason, sizeof(reason));
		show_identity(r, d, NULL);
		rep_section(r, "open", "Access");
		rep_na(r, "control_node", "open", rc);
		rep_section_end(r);
		rep_flush_na(r);
		fprintf(err, "hla-info: device %u: cannot open %s: %s\n", d->index,
			d->control_node[0] ? d->control_node : d->node, reason);
		return exit_code_for(rc);
	}
	if (hla_device_describe(dev, &od))
		show_identity(r, d, NULL);
	else
		show_identity(r, d, &od);

	hw_rc = hla_info_hw_ip(dev, &hw);
	asic = hw_rc ? d->asic : hw.asic;

	rep_section(r, "state", "State");
	rc = hla_info_device_status(dev, &status);
	if (rc)
		rep_na(r, "status", "status (INFO)", rc);
	else
		rep_str(r, "status", "status (INFO)", tools_status_name(status));
	rep_section_end(r);

	show_sysfs(r, dev);
	show_hw_ip(r, &hw, hw_rc);
	show_memory(r, dev, &hw, hw_rc);
	show_clocks(r, dev, asic);
	show_power(r, dev);
	show_pci_resets(r, dev);
	show_engines(r, dev, &hw, hw_rc, asic);
	show_events(r, dev);
	show_counters(r, dev, asic, o->verbose);
	rep_flush_na(r);

	hla_device_close(dev);
	if (!rc && status != HLA_DEVICE_STATUS_OPERATIONAL &&
	    status != HLA_DEVICE_STATUS_IN_DEVICE_CREATION) {
		fprintf(err, "hla-info: device %u is not operational (%s)\n", d->index,
			tools_status_name(status));
		ret = INFO_EXIT_NOT_OPERATIONAL;
	}
	return ret;
}

static void list_text(FILE *f, const struct hla_device_desc *descs, unsigned int n)
{
	unsigned int i;

	fprintf(f, "%-4s %-24s %-7s %-9s %-13s %-7s %s\n", "IDX", "NODE", "IFACE",
		"ASIC", "PCI BUS ID", "MODULE", "STATUS");
	for (i = 0; i < n; i++) {
		const struct hla_device_desc *d = &descs[i];
		char module[16];

		if (d->module_id >= 0)
			snprintf(module, sizeof(module), "%d", d->module_id);
		else
			snprintf(module, sizeof(module), "-");
		fprintf(f, "%-4u %-24s %-7s %-9s %-13s %-7s %s\n", d->index, d->node,
			tools_interface_name(d->interface), tools_asic_name(d->asic),
			d->pci_bus_id[0] ? d->pci_bus_id : "-", module,
			tools_status_name(d->status));
	}
}

static void list_entry_json(struct json_writer *j, const struct hla_device_desc *d)
{
	char kv[32];

	json_u64(j, "index", d->index);
	json_u64(j, "minor", d->minor);
	json_string(j, "node", d->node);
	json_string(j, "control_node", d->control_node);
	json_string(j, "interface", tools_interface_name(d->interface));
	json_string(j, "asic", tools_asic_name(d->asic));
	json_string(j, "device_type", d->device_type);
	json_u64(j, "pci_device_id", d->pci_device_id);
	json_string(j, "pci_bus_id", d->pci_bus_id);
	if (d->module_id >= 0)
		json_i64(j, "module_id", d->module_id);
	else
		json_null(j, "module_id");
	json_string(j, "status", tools_status_name(d->status));
	kernel_text(d->kernel_version, kv, sizeof(kv));
	json_string(j, "kernel", kv);
}

static void usage(FILE *f)
{
	fputs("Usage: hla-info [-d INDEX] [--list] [--json] [--verbose]\n"
	      "List habanalabs devices and show what the driver reports about them.\n"
	      "\n"
	      "  -d, --device INDEX  details of one device only (default: all)\n"
	      "  -l, --list          only the device list\n"
	      "  -j, --json          JSON output\n"
	      "  -v, --verbose       also engine status text and HW event counters\n"
	      "  -h, --help          this text\n"
	      "  -V, --version       library version\n"
	      "\n"
	      "Exit status: 0 ok, 1 usage, 2 no device, 3 permission denied,\n"
	      "4 device busy or not operational.\n", f);
}

int hla_info_tool(int argc, char **argv, FILE *out, FILE *err)
{
	static const struct option longopts[] = {
		{ "device", required_argument, NULL, 'd' },
		{ "list", no_argument, NULL, 'l' },
		{ "json", no_argument, NULL, 'j' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	struct info_opts o = { .device = -1 };
	struct hla_device_desc *descs = NULL;
	struct report *r = NULL;
	unsigned int count = 0, i;
	int c, rc, ret = INFO_EXIT_OK;

	optind = 0; /* allow repeated calls in one process */
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":d:ljvhV", longopts, NULL)) != -1) {
		uint64_t v;

		switch (c) {
		case 'd':
			if (tools_parse_u64(optarg, 1u << 20, &v)) {
				fprintf(err, "hla-info: invalid device index '%s'\n", optarg);
				return INFO_EXIT_USAGE;
			}
			o.device = (long)v;
			break;
		case 'l':
			o.list_only = true;
			break;
		case 'j':
			o.json = true;
			break;
		case 'v':
			o.verbose = true;
			break;
		case 'h':
			usage(out);
			return INFO_EXIT_OK;
		case 'V': {
			unsigned int ma, mi, mc;

			hla_version(&ma, &mi, &mc);
			fprintf(out, "hla-info (hlaccel) %u.%u.%u\n", ma, mi, mc);
			return INFO_EXIT_OK;
		}
		case ':':
			fprintf(err, "hla-info: option '%s' needs an argument\n",
				argv[optind - 1]);
			return INFO_EXIT_USAGE;
		default:
			fprintf(err, "hla-info: unknown option '%s' (see --help)\n",
				argv[optind - 1]);
			return INFO_EXIT_USAGE;
		}
	}
	if (optind < argc) {
		fprintf(err, "hla-info: unexpected argument '%s' (see --help)\n",
			argv[optind]);
		return INFO_EXIT_USAGE;
	}

	rc = hla_device_count(&count);
	if (rc == -EACCES) {
		fprintf(err, "hla-info: permission denied while looking for devices\n");
		return INFO_EXIT_PERMISSION;
	}
	if (rc && rc != -ENOENT && rc != -ENODEV) {
		fprintf(err, "hla-info: cannot enumerate devices: %s\n", strerror(-rc));
		return INFO_EXIT_NO_DEVICE;
	}
	if (rc || count == 0) {
		if (o.json)
			fputs("{\"devices\": [], \"error\": \"no habanalabs device found\"}\n", out);
		fprintf(err, "hla-info: no habanalabs device found\n");
		return INFO_EXIT_NO_DEVICE;
	}
	if (o.device >= 0 && (unsigned long)o.device >= count) {
		fprintf(err, "hla-info: device %ld not found (%u device%s present)\n",
			o.device, count, count == 1 ? "" : "s");
		return INFO_EXIT_NO_DEVICE;
	}

	descs = calloc(count, sizeof(*descs));
	r = calloc(1, sizeof(*r));
	if (!descs || !r) {
		fprintf(err, "hla-info: out of memory\n");
		free(descs);
		free(r);
		return INFO_EXIT_USAGE;
	}
	for (i = 0; i < count; i++) {
		descs[i].sz = sizeof(descs[i]);
		rc = hla_device_get_desc(i, &descs[i]);
		if (rc) {
			/* keep the row, but say what is missing */
			memset(&descs[i], 0, sizeof(descs[i]));
			descs[i].sz = sizeof(descs[i]);
			descs[i].index = i;
			descs[i].module_id = -1;
			descs[i].status = HLA_DEVICE_STATUS_UNKNOWN;
			snprintf(descs[i].node, sizeof(descs[i].node), "n/a (%s)",
				 strerror(-rc));
			if (rc == -EACCES)
				ret = INFO_EXIT_PERMISSION;
		}
	}

	r->f = out;
	r->json = o.json;
	if (o.json) {
		unsigned int ma, mi, mc;
		char ver[32];

		json_init(&r->j, out);
		json_begin_object(&r->j, NULL);
		hla_version(&ma, &mi, &mc);
		snprintf(ver, sizeof(ver), "%u.%u.%u", ma, mi, mc);
		json_string(&r->j, "library_version", ver);
		json_u64(&r->j, "device_count", count);
		json_begin_array(&r->j, "devices");
	} else {
		list_text(out, descs, count);
	}

	for (i = 0; i < count; i++) {
		bool detail = !o.list_only && (o.device < 0 || (unsigned long)o.device == i);

		if (o.json) {
			if (o.device >= 0 && !detail)
				continue;
			json_begin_object(&r->j, NULL);
			list_entry_json(&r->j, &descs[i]);
		}
		if (detail) {
			int dret;

			if (o.json)
				json_begin_object(&r->j, "details");
			dret = show_device(r, &o, &descs[i], err);
			if (o.json)
				json_end_object(&r->j);
			if (dret > ret)
				ret = dret;
		}
		if (o.json)
			json_end_object(&r->j);
	}

	if (o.json) {
		json_end_array(&r->j);
		json_end_object(&r->j);
		json_finish(&r->j);
	}
	fflush(out);
	free(descs);
	free(r);
	return ret;
}
