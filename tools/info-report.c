/* SPDX-License-Identifier: MIT */
/*
 * hla-info's list and detailed report (--list, --details, --json): what the
 * driver reports about each device (INFO ioctl and sysfs).  Everything is read through the control
 * node, so a device whose compute node is held by a workload can still be
 * inspected.  A query that fails is shown as "n/a (reason)", and so is a
 * field that the output's valid mask says the library, driver or device
 * did not provide ("n/a (not provided)").
 */
#include "info.h"
#include "info-internal.h"

#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hlaccel/hlaccel.h>

#include "common.h"

#define LABEL_WIDTH 30
#define MAX_NA 128
/* rep_na reason: the output's valid mask does not have the field */
#define NA_NOT_PROVIDED 0x10000

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
	if (err == NA_NOT_PROVIDED || err == -NA_NOT_PROVIDED)
		snprintf(buf, size, "not provided");
	else
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

/* the value when the output's valid mask has it, n/a otherwise */
static bool rep_have(struct report *r, bool have, const char *key,
		     const char *label)
{
	if (!have)
		rep_na(r, key, label, NA_NOT_PROVIDED);
	return have;
}

static void rep_u64_if(struct report *r, bool have, const char *key,
		       const char *label, uint64_t value, const char *unit)
{
	if (rep_have(r, have, key, label))
		rep_u64(r, key, label, value, unit);
}

static void rep_hex_if(struct report *r, bool have, const char *key,
		       const char *label, uint64_t value)
{
	if (rep_have(r, have, key, label))
		rep_hex(r, key, label, value);
}

static void rep_bytes_if(struct report *r, bool have, const char *key,
			 const char *label, uint64_t value)
{
	if (rep_have(r, have, key, label))
		rep_bytes(r, key, label, value);
}

static void rep_bool_if(struct report *r, bool have, const char *key,
			const char *label, bool value)
{
	if (rep_have(r, have, key, label))
		rep_bool(r, key, label, value);
}

static void rep_str_if(struct report *r, bool have, const char *key,
		       const char *label, const char *value)
{
	if (rep_have(r, have, key, label))
		rep_str(r, key, label, value);
}

/* JSON: "unavailable": { "section.key": "reason (ENAME)" } */
static void rep_flush_na(struct report *r)
{
	char reason[160], text[128], num[16];
	int i;

	if (!r->json) {
		r->n_na = 0;
		return;
	}
	json_begin_object(&r->j, "unavailable");
	for (i = 0; i < r->n_na; i++) {
		int err = r->na[i].err;

		reason_text(err, text, sizeof(text));
		snprintf(reason, sizeof(reason), "%s (%s)", text,
			 tools_errno_name(err == NA_NOT_PROVIDED ? ENODATA : err, num,
					  sizeof(num)));
		json_string(&r->j, r->na[i].key, reason);
	}
	json_end_object(&r->j);
	r->n_na = 0;
}

/* JSON number, or null when the record's valid mask lacks it */
static void json_u64_if(struct json_writer *j, bool have, const char *key,
			uint64_t value)
{
	if (have)
		json_u64(j, key, value);
	else
		json_null(j, key);
}

/* ---- engine and PLL names (reference Appendix A) -------------------- */

static bool is_gaudi2(uint32_t asic)
{
	return asic == HLA_ASIC_GAUDI2 || asic == HLA_ASIC_GAUDI2B ||
	       asic == HLA_ASIC_GAUDI2C || asic == HLA_ASIC_GAUDI2D ||
	       asic == HLA_ASIC_GAUDI2E;
}

static void gaudi2_engine_name(unsigned int id, char *buf, size_t size)
{
	static const char *const dcore[] = {
		"EDMA_0", "EDMA_1", "MME", "TPC_0", "TPC_1", "TPC_2",
		"TPC_3", "TPC_4", "TPC_5", "DEC_0", "DEC_1",
	};
	static const char *const tail[] = {
		"DCORE0_TPC_6", "PDMA_0", "PDMA_1", "ROT_0", "ROT_1",
		"PCIE_DEC_0", "PCIE_DEC_1",
	};
	static const char *const end[] = { "PCIE", "PSOC", "ARC_FARM", "KDMA" };

	if (id < 44)
		snprintf(buf, size, "DCORE%u_%s", id / 11, dcore[id % 11]);
	else if (id < 51)
		snprintf(buf, size, "%s", tail[id - 44]);
	else if (id < 75)
		snprintf(buf, size, "NIC%u_%u", (id - 51) / 2, (id - 51) % 2);
	else if (id < 79)
		snprintf(buf, size, "%s", end[id - 75]);
	else
		snprintf(buf, size, "ENGINE_%u", id);
}

static void engine_name(uint32_t asic, unsigned int id, char *buf, size_t size)
{
	if (is_gaudi2(asic)) {
		gaudi2_engine_name(id, buf, size);
	} else if (asic == HLA_ASIC_GAUDI || asic == HLA_ASIC_GAUDI_SEC) {
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
	} else if (asic == HLA_ASIC_GOYA) {
		if (id < 5)
			snprintf(buf, size, "DMA_%u", id);
		else if (id == 5)
			snprintf(buf, size, "MME_0");
		else if (id < 14)
			snprintf(buf, size, "TPC_%u", id - 6);
		else
			snprintf(buf, size, "ENGINE_%u", id);
	} else {
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

	if (asic == HLA_ASIC_GOYA) {
		*names = goya;
		return TOOLS_ARRAY_SIZE(goya);
	}
	if (asic == HLA_ASIC_GAUDI || asic == HLA_ASIC_GAUDI_SEC) {
		*names = gaudi;
		return TOOLS_ARRAY_SIZE(gaudi);
	}
	if (is_gaudi2(asic)) {
		*names = gaudi2;
		return TOOLS_ARRAY_SIZE(gaudi2);
	}
	*names = NULL;
	return 0;
}

static const char *server_type_name(uint32_t t)
{
	switch (t) {
	case HLA_SERVER_UNKNOWN: return "unknown";
	case HLA_SERVER_GAUDI_HLS1: return "GAUDI_HLS1";
	case HLA_SERVER_GAUDI_HLS1H: return "GAUDI_HLS1H";
	case HLA_SERVER_GAUDI_TYPE1: return "GAUDI_TYPE1";
	case HLA_SERVER_GAUDI_TYPE2: return "GAUDI_TYPE2";
	case HLA_SERVER_GAUDI2_HLS2: return "GAUDI2_HLS2";
	case HLA_SERVER_GAUDI2_TYPE1: return "GAUDI2_TYPE1";
	default: return "other";
	}
}

static const char *const event_names[] = {
	"TPC_ASSERT", "UNDEFINED_OPCODE", "DEVICE_RESET", "CS_TIMEOUT",
	"DEVICE_UNAVAILABLE", "USER_ENGINE_ERR", "GENERAL_HW_ERR", "RAZWI",
	"PAGE_FAULT", "CRITICAL_HW_ERR", "CRITICAL_FW_ERR",
};

/* ---- identification ------------------------------------------------ */

static void json_caps(struct json_writer *j, uint64_t caps)
{
	char name[16];

	json_begin_array(j, "capabilities");
	for (unsigned int b = 0; b < 64; b++) {
		if (!(caps & (1ull << b)))
			continue;
		if (tools_cap_name(b)) {
			json_string(j, NULL, tools_cap_name(b));
		} else {
			snprintf(name, sizeof(name), "bit%u", b);
			json_string(j, NULL, name);
		}
	}
	json_end_array(j);
}

static void rep_caps(struct report *r, uint64_t caps)
{
	char text[512];

	if (r->json) {
		json_caps(&r->j, caps);
		return;
	}
	tools_format_caps(caps, " ", text, sizeof(text));
	rep_line(r, "capabilities", "%s", text);
}

/* driver family, version and capabilities; from d (an open handle's
 * description when there is one: it has asked the driver itself) */
static void show_driver(struct report *r, const struct hla_device_desc *d)
{
	char buf[64];

	rep_str_if(r, d->valid & HLA_DESC_DRIVER, "driver", "driver",
		   tools_driver_name(d->driver));
	if (d->valid & HLA_DESC_DRIVER_VERSION_STR) {
		rep_str(r, "driver_version", "driver version", d->driver_version_str);
	} else if (d->valid & HLA_DESC_DRIVER_VERSION) {
		tools_format_version(d->driver_version, buf, sizeof(buf));
		rep_str(r, "driver_version", "driver version", buf);
	} else {
		rep_na(r, "driver_version", "driver version", NA_NOT_PROVIDED);
	}
	tools_format_version(d->kernel_version, buf, sizeof(buf));
	rep_str_if(r, d->valid & HLA_DESC_KERNEL_VERSION, "kernel", "kernel", buf);
	if (rep_have(r, d->valid & HLA_DESC_CAPS, "capabilities", "capabilities"))
		rep_caps(r, d->caps);
}

static void show_identity(struct report *r, const struct hla_device_desc *d,
			  const struct hla_device_desc *open_desc)
{
	rep_section(r, "identity", "Identification");
	rep_u64(r, "index", "index", d->index, NULL);
	rep_str(r, "node", "compute node", d->node);
	rep_str(r, "control_node", "control node",
		d->control_node[0] ? d->control_node : "none");
	rep_str(r, "interface", "interface", tools_interface_name(d->interface));
	rep_str(r, "asic", "ASIC", tools_asic_name(d->asic));
	rep_str_if(r, d->valid & HLA_DESC_DEVICE_TYPE, "device_type",
		   "device type (sysfs)", d->device_type);
	rep_hex_if(r, d->valid & HLA_DESC_PCI_DEVICE_ID, "pci_device_id",
		   "PCI device id", d->pci_device_id);
	rep_str_if(r, d->valid & HLA_DESC_PCI_BUS_ID, "pci_bus_id", "PCI bus id",
		   d->pci_bus_id);
	rep_u64_if(r, d->valid & HLA_DESC_MODULE_ID, "module_id", "module id (sysfs)",
		   d->module_id, NULL);
	rep_str_if(r, d->valid & HLA_DESC_STATUS, "status", "status (sysfs)",
		   tools_status_name(d->status));
	show_driver(r, open_desc ? open_desc : d);
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

/* ---- hardware and memory ------------------------------------------- */

#define HW(bit) ((hw->valid & HLA_HW_IP_##bit) != 0)

/* fields only some drivers (Habana's) fill */
static void show_hw_ip_ext(struct report *r, const struct hla_hw_ip_info *hw)
{
	rep_hex_if(r, HW(NIC_PORTS_MASK), "nic_ports_mask", "NIC ports mask",
		   hw->nic_ports_mask);
	rep_hex_if(r, HW(NIC_PORTS_EXTERNAL_MASK), "nic_ports_external_mask",
		   "external NIC ports mask", hw->nic_ports_external_mask);
	rep_bool_if(r, HW(ODP_SUPPORTED), "odp_supported", "on-demand paging",
		    hw->odp_supported);
	rep_u64_if(r, HW(INTERPOSER_VERSION), "interposer_version",
		   "interposer version", hw->interposer_version, NULL);
	rep_u64_if(r, HW(SUBSTRATE_VERSION), "substrate_version", "substrate version",
		   hw->substrate_version, NULL);
}

static void show_server_type(struct report *r, const struct hla_hw_ip_info *hw)
{
	char buf[64];

	if (!rep_have(r, HW(SERVER_TYPE), "server_type", "server type"))
		return;
	snprintf(buf, sizeof(buf), "%s (%u)", server_type_name(hw->server_type),
		 hw->server_type);
	if (r->json)
		json_u64(&r->j, "server_type", hw->server_type);
	else
		rep_str(r, "server_type", "server type", buf);
}

static void show_hw_ip(struct report *r, const struct hla_hw_ip_info *hw, int rc)
{
	rep_section(r, "hw_ip", "Hardware (HW_IP_INFO)");
	if (rc) {
		rep_na(r, "hw_ip_info", "HW_IP_INFO", rc);
		rep_section_end(r);
		return;
	}
	rep_str_if(r, HW(ASIC), "asic", "ASIC", tools_asic_name(hw->asic));
	rep_hex_if(r, HW(DEVICE_ID), "device_id", "device id", hw->device_id);
	rep_u64_if(r, HW(REVISION_ID), "revision_id", "revision", hw->revision_id, NULL);
	rep_str_if(r, HW(CARD_NAME), "card_name", "card name", hw->card_name);
	rep_str_if(r, HW(CPUCP_VERSION), "cpucp_version", "firmware (cpucp) version",
		   hw->cpucp_version);
	rep_hex_if(r, HW(CPLD_VERSION), "cpld_version", "CPLD version", hw->cpld_version);
	rep_u64_if(r, HW(MODULE_ID), "module_id", "module id", hw->module_id, NULL);
	show_server_type(r, hw);
	rep_bool_if(r, HW(SECURITY_ENABLED), "security_enabled", "security enabled",
		    hw->security_enabled);
	rep_u64_if(r, HW(NUM_OF_EVENTS), "num_of_events", "event types",
		   hw->num_of_events, NULL);
	rep_u64_if(r, HW(PSOC_PCI_PLL), "psoc_pci_pll_nr", "PSOC PCI PLL NR",
		   hw->psoc_pci_pll_nr, NULL);
	rep_u64_if(r, HW(PSOC_PCI_PLL), "psoc_pci_pll_nf", "PSOC PCI PLL NF",
		   hw->psoc_pci_pll_nf, NULL);
	rep_u64_if(r, HW(PSOC_PCI_PLL), "psoc_pci_pll_od", "PSOC PCI PLL OD",
		   hw->psoc_pci_pll_od, NULL);
	rep_u64_if(r, HW(PSOC_PCI_PLL), "psoc_pci_pll_div_factor", "PSOC PCI PLL divider",
		   hw->psoc_pci_pll_div_factor, NULL);
	show_hw_ip_ext(r, hw);
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

static void show_dram_layout(struct report *r, const struct hla_hw_ip_info *hw,
			     int hw_rc)
{
	if (hw_rc) {
		rep_na(r, "dram_size", "DRAM size", hw_rc);
		return;
	}
	rep_bool_if(r, HW(DRAM_ENABLED), "dram_enabled", "DRAM enabled",
		    hw->dram_enabled);
	rep_hex_if(r, HW(DRAM_BASE_ADDRESS), "dram_base_address", "DRAM base address",
		   hw->dram_base_address);
	rep_bytes_if(r, HW(DRAM_SIZE), "dram_size", "DRAM size", hw->dram_size);
	rep_bytes_if(r, HW(DRAM_PAGE_SIZE), "dram_page_size", "DRAM page size",
		     hw->dram_page_size);
	rep_bytes_if(r, HW(DEVICE_MEM_ALLOC_DEFAULT_PAGE_SIZE), "alloc_default_page_size",
		     "default allocation page", hw->device_mem_alloc_default_page_size);
	rep_bytes_if(r, HW(RESERVED_DRAM_SIZE), "reserved_dram_size", "reserved DRAM",
		     hw->reserved_dram_size);
	rep_hex_if(r, HW(SRAM_BASE_ADDRESS), "sram_base_address", "SRAM base address",
		   hw->sram_base_address);
	rep_bytes_if(r, HW(SRAM_SIZE), "sram_size", "SRAM size", hw->sram_size);
}

static void show_dram_usage(struct report *r, struct hla_device *dev,
			    const struct hla_hw_ip_info *hw, int hw_rc)
{
	HLA_STRUCT_INIT(hla_dram_usage, usage);
	bool have_free;
	int rc = hla_info_dram_usage(dev, &usage);

	if (rc) {
		rep_na(r, "dram_free", "DRAM free", rc);
		return;
	}
	have_free = usage.valid & HLA_DRAM_USAGE_DRAM_FREE_MEM;
	rep_bytes_if(r, have_free, "dram_free", "DRAM free", usage.dram_free_mem);
	if (have_free && !hw_rc && HW(DRAM_SIZE) && hw->dram_size >= usage.dram_free_mem)
		rep_bytes(r, "dram_used", "DRAM used", hw->dram_size - usage.dram_free_mem);
	rep_bytes_if(r, usage.valid & HLA_DRAM_USAGE_CTX_DRAM_MEM, "ctx_dram_mem",
		     "DRAM used by this context", usage.ctx_dram_mem);
}

static void show_dram_rows(struct report *r, struct hla_device *dev)
{
	HLA_STRUCT_INIT(hla_dram_row, row);
	uint32_t pending;
	int rc;

	rc = hla_info_dram_pending_rows(dev, &pending);
	if (rc)
		rep_na(r, "dram_pending_rows", "DRAM rows pending replacement", rc);
	else
		rep_u64(r, "dram_pending_rows", "DRAM rows pending replacement",
			pending, NULL);
	rc = hla_info_dram_replaced_rows(dev, &row);
	if (rc) {
		rep_na(r, "dram_replaced_row", "DRAM replaced row", rc);
	} else if (!(row.valid & HLA_DRAM_ROW_LOCATION)) {
		rep_na(r, "dram_replaced_row", "DRAM replaced row", NA_NOT_PROVIDED);
	} else if (r->json) {
		json_begin_object(&r->j, "dram_replaced_row");
		json_u64(&r->j, "hbm_idx", row.hbm_idx);
		json_u64(&r->j, "pc", row.pc);
		json_u64(&r->j, "sid", row.sid);
		json_u64(&r->j, "bank_idx", row.bank_idx);
		json_u64(&r->j, "row_addr", row.row_addr);
		json_u64_if(&r->j, row.valid & HLA_DRAM_ROW_CAUSE, "cause",
			    row.replaced_row_cause);
		json_end_object(&r->j);
	} else {
		rep_line(r, "DRAM replaced row",
			 "hbm %u pc %u sid %u bank %u row 0x%x cause %u", row.hbm_idx,
			 row.pc, row.sid, row.bank_idx, row.row_addr,
			 row.replaced_row_cause);
	}
}

static void show_memory(struct report *r, struct hla_device *dev,
			const struct hla_hw_ip_info *hw, int hw_rc)
{
	uint64_t mask;
	char buf[256];
	int rc;

	rep_section(r, "memory", "Memory");
	show_dram_layout(r, hw, hw_rc);
	show_dram_usage(r, dev, hw, hw_rc);
	rc = hla_info_page_sizes(dev, &mask);
	if (rc) {
		rep_na(r, "page_order_bitmask", "allocation page sizes", rc);
	} else if (r->json) {
		json_u64(&r->j, "page_order_bitmask", mask);
	} else {
		page_sizes_text(mask, buf, sizeof(buf));
		rep_line(r, "allocation page sizes", "%s", buf);
	}
	show_dram_rows(r, dev);
	rep_section_end(r);
}

/* ---- clocks, power, PCI ------------------------------------------- */

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

static void throttle_json(struct report *r, const struct hla_clk_throttle *thr)
{
	bool reason = thr->valid & HLA_CLK_THROTTLE_VALID_REASON;
	bool when = thr->valid & HLA_CLK_THROTTLE_VALID_TIMESTAMP;
	bool dur = thr->valid & HLA_CLK_THROTTLE_VALID_DURATION;

	json_begin_object(&r->j, "throttle");
	if (reason) {
		json_bool(&r->j, "power", thr->reason & HLA_CLK_THROTTLE_POWER);
		json_bool(&r->j, "thermal", thr->reason & HLA_CLK_THROTTLE_THERMAL);
	} else {
		json_null(&r->j, "power");
		json_null(&r->j, "thermal");
	}
	json_u64_if(&r->j, reason, "reason", thr->reason);
	json_u64_if(&r->j, when, "power_timestamp_us", thr->timestamp_us[0]);
	json_u64_if(&r->j, dur, "power_duration_ns", thr->duration_ns[0]);
	json_u64_if(&r->j, when, "thermal_timestamp_us", thr->timestamp_us[1]);
	json_u64_if(&r->j, dur, "thermal_duration_ns", thr->duration_ns[1]);
	json_end_object(&r->j);
}

static void throttle_text(struct report *r, const struct hla_clk_throttle *thr)
{
	const char *what = "none";

	if (!(thr->valid & HLA_CLK_THROTTLE_VALID_REASON)) {
		rep_na(r, "throttle", "clock throttling", NA_NOT_PROVIDED);
		return;
	}
	if ((thr->reason & 3) == 3)
		what = "power, thermal";
	else if (thr->reason & HLA_CLK_THROTTLE_POWER)
		what = "power";
	else if (thr->reason & HLA_CLK_THROTTLE_THERMAL)
		what = "thermal";
	rep_line(r, "clock throttling", "%s", what);
	if (thr->timestamp_us[0] || thr->duration_ns[0])
		rep_line(r, "  power throttling", "at %" PRIu64 " us for %" PRIu64 " ns",
			 thr->timestamp_us[0], thr->duration_ns[0]);
	if (thr->timestamp_us[1] || thr->duration_ns[1])
		rep_line(r, "  thermal throttling", "at %" PRIu64 " us for %" PRIu64 " ns",
			 thr->timestamp_us[1], thr->duration_ns[1]);
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
	if (rc)
		rep_na(r, "throttle", "clock throttling", rc);
	else if (r->json)
		throttle_json(r, &thr);
	else
		throttle_text(r, &thr);
	rep_section_end(r);
}

static void show_opens(struct report *r, struct hla_device *dev)
{
	HLA_STRUCT_INIT(hla_open_stats, st);
	int rc = hla_info_open_stats(dev, &st);

	if (rc) {
		rep_na(r, "open_counter", "compute opens", rc);
		return;
	}
	rep_u64_if(r, st.valid & HLA_OPEN_STATS_OPEN_COUNTER, "open_counter",
		   "compute opens", st.open_counter, NULL);
	rep_u64_if(r, st.valid & HLA_OPEN_STATS_LAST_OPEN_PERIOD, "last_open_period_ms",
		   "last open period", st.last_open_period_ms, "ms");
	rep_bool_if(r, st.valid & HLA_OPEN_STATS_COMPUTE_CTX_ACTIVE, "compute_ctx_active",
		    "compute context active", st.is_compute_ctx_active);
	rep_bool_if(r, st.valid & HLA_OPEN_STATS_COMPUTE_CTX_IN_RELEASE,
		    "compute_ctx_in_release", "compute context in release",
		    st.compute_ctx_in_release);
}

static void show_pci_resets(struct report *r, struct hla_device *dev)
{
	HLA_STRUCT_INIT(hla_pci_counters, pci);
	uint32_t hard, soft;
	int rc;

	rep_section(r, "pci", "PCI");
	rc = hla_info_pci_counters(dev, &pci);
	if (rc) {
		rep_na(r, "rx_kbps", "rx throughput", rc);
		rep_na(r, "tx_kbps", "tx throughput", rc);
		rep_na(r, "replay_count", "replay count", rc);
	} else {
		rep_u64_if(r, pci.valid & HLA_PCI_COUNTERS_RX_THROUGHPUT, "rx_kbps",
			   "rx throughput", pci.rx_throughput, "KB/s");
		rep_u64_if(r, pci.valid & HLA_PCI_COUNTERS_TX_THROUGHPUT, "tx_kbps",
			   "tx throughput", pci.tx_throughput, "KB/s");
		rep_u64_if(r, pci.valid & HLA_PCI_COUNTERS_REPLAY_CNT, "replay_count",
			   "replay count", pci.replay_cnt, NULL);
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
	show_opens(r, dev);
	rep_section_end(r);
}

/* ---- engines ------------------------------------------------------- */

static void show_engine_masks(struct report *r, const struct hla_hw_ip_info *hw)
{
	bool ext = HW(TPC_ENABLED_MASK_EXT) && hw->tpc_enabled_mask_ext;

	rep_hex_if(r, ext || HW(TPC_ENABLED_MASK), "tpc_enabled_mask", "TPC enabled mask",
		   ext ? hw->tpc_enabled_mask_ext : hw->tpc_enabled_mask);
	rep_hex_if(r, HW(DECODER_ENABLED_MASK), "decoder_enabled_mask",
		   "decoder enabled mask", hw->decoder_enabled_mask);
	rep_hex_if(r, HW(EDMA_ENABLED_MASK), "edma_enabled_mask", "EDMA enabled mask",
		   hw->edma_enabled_mask);
	rep_hex_if(r, HW(ROTATOR_ENABLED_MASK), "rotator_enabled_mask",
		   "rotator enabled mask", hw->rotator_enabled_mask);
	rep_hex_if(r, HW(MME_ENABLED_MASK), "mme_enabled_mask", "MME enabled mask",
		   hw->mme_enabled_mask);
	rep_hex_if(r, HW(SCHED_ARC_ENABLED_MASK), "sched_arc_enabled_mask",
		   "scheduler ARC enabled mask", hw->sched_arc_enabled_mask);
	rep_hex_if(r, HW(PDMA_USER_OWNED_CH_MASK), "pdma_user_owned_ch_mask",
		   "user-owned PDMA channels", hw->pdma_user_owned_ch_mask);
	rep_u64_if(r, HW(MME_MASTER_SLAVE_MODE), "mme_master_slave_mode",
		   "MME master/slave mode", hw->mme_master_slave_mode, NULL);
	rep_u64_if(r, HW(FIRST_AVAILABLE_INTERRUPT_ID), "first_user_interrupt",
		   "first user interrupt", hw->first_available_interrupt_id, NULL);
	rep_u64_if(r, HW(NUMBER_OF_USER_INTERRUPTS), "user_interrupts",
		   "user interrupts", hw->number_of_user_interrupts, NULL);
	rep_u64_if(r, HW(TPC_INTERRUPT_ID), "tpc_interrupt_id", "TPC interrupt id",
		   hw->tpc_interrupt_id, NULL);
	rep_hex_if(r, HW(ENGINE_CORE_INTERRUPT_REG_ADDR),
		   "engine_core_interrupt_reg_addr", "engine-core interrupt reg",
		   hw->engine_core_interrupt_reg_addr);
}

#undef HW

/* the busy-engine words the driver filled */
static void busy_words(const struct hla_hw_idle *idle,
		       uint64_t words[HLA_BUSY_ENGINES_WORDS])
{
	memset(words, 0, sizeof(words[0]) * HLA_BUSY_ENGINES_WORDS);
	if (idle->valid & HLA_HW_IDLE_BUSY_ENGINES_MASK_EXT) {
		words[0] = idle->busy_engines_mask_ext[0];
		words[1] = idle->busy_engines_mask_ext[1];
	}
	if (idle->valid & HLA_HW_IDLE_BUSY_ENGINES_MASK_EXT_HI) {
		words[2] = idle->busy_engines_mask_ext[2];
		words[3] = idle->busy_engines_mask_ext[3];
	}
	if (!words[0] && !words[1] && !words[2] && !words[3] &&
	    (idle->valid & HLA_HW_IDLE_BUSY_ENGINES_MASK))
		words[0] = idle->busy_engines_mask;
}

static void show_busy(struct report *r, const struct hla_hw_idle *idle, uint32_t asic)
{
	uint64_t words[HLA_BUSY_ENGINES_WORDS];
	unsigned int w, b, nbusy = 0;
	char list[1024];
	size_t len = 0;

	busy_words(idle, words);
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

static void show_engines(struct report *r, struct hla_device *dev,
			 const struct hla_hw_ip_info *hw, int hw_rc, uint32_t asic)
{
	HLA_STRUCT_INIT(hla_hw_idle, idle);
	int rc;

	rep_section(r, "engines", "Engines");
	if (hw_rc)
		rep_na(r, "tpc_enabled_mask", "TPC enabled mask", hw_rc);
	else
		show_engine_masks(r, hw);
	rc = hla_info_hw_idle(dev, &idle);
	if (rc) {
		rep_na(r, "idle", "idle", rc);
		rep_na(r, "busy_engines", "busy engines", rc);
	} else {
		rep_bool_if(r, idle.valid & HLA_HW_IDLE_IS_IDLE, "idle", "idle",
			    idle.is_idle);
		show_busy(r, &idle, asic);
	}
	rep_section_end(r);
}

/* ---- events and error records -------------------------------------- */

static void show_pending(struct report *r, struct hla_device *dev)
{
	const size_t nn = TOOLS_ARRAY_SIZE(event_names);
	char list[256];
	size_t i, len = 0;
	uint64_t events;
	int rc = hla_events_read(dev, &events);

	if (rc) {
		rep_na(r, "pending", "pending events", rc);
		return;
	}
	if (r->json) {
		json_u64(&r->j, "pending_mask", events);
		json_begin_array(&r->j, "pending");
		for (i = 0; i < nn; i++)
			if (events & (1ull << i))
				json_string(&r->j, NULL, event_names[i]);
		json_end_array(&r->j);
		return;
	}
	list[0] = '\0';
	for (i = 0; i < nn; i++)
		if (events & (1ull << i))
			len += (size_t)snprintf(list + len, sizeof(list) - len, "%s%s",
						len ? " " : "", event_names[i]);
	if (events >> nn)
		snprintf(list + len, sizeof(list) - len, "%s0x%" PRIx64, len ? " " : "",
			 events >> nn << nn);
	rep_line(r, "pending events", "%s", events ? list : "none");
}

/* common part of an error record: true when there is one to show */
static bool record_begin(struct report *r, int rc, const char *key, const char *label)
{
	if (rc == -ENODATA) {
		if (r->json)
			json_null(&r->j, key);
		else
			rep_line(r, label, "none");
		return false;
	}
	if (rc) {
		rep_na(r, key, label, rc);
		return false;
	}
	if (r->json)
		json_begin_object(&r->j, key);
	return true;
}

#define EV(rec, bit) (((rec).valid & HLA_EVENT_VALID_##bit) != 0)

static void show_cs_timeout(struct report *r, struct hla_device *dev)
{
	HLA_STRUCT_INIT(hla_cs_timeout_event, ev);
	int rc = hla_info_cs_timeout_event(dev, &ev);

	if (!record_begin(r, rc, "cs_timeout", "last CS timeout"))
		return;
	if (!r->json) {
		rep_line(r, "last CS timeout", "seq %" PRIu64 " at %" PRId64 " ns", ev.seq,
			 ev.timestamp);
		return;
	}
	json_i64(&r->j, "timestamp", ev.timestamp);
	json_u64_if(&r->j, EV(ev, SEQ), "seq", ev.seq);
	json_end_object(&r->j);
}

static void show_razwi(struct report *r, struct hla_device *dev)
{
	HLA_STRUCT_INIT(hla_razwi_event, ev);
	int rc = hla_info_razwi_event(dev, &ev);
	unsigned int i;

	if (!record_begin(r, rc, "razwi", "last RAZWI"))
		return;
	if (!r->json) {
		if (EV(ev, FLAGS))
			rep_line(r, "last RAZWI",
				 "addr 0x%" PRIx64 " flags 0x%x engines %u at %" PRId64 " ns",
				 ev.addr, ev.flags, ev.num_engines, ev.timestamp);
		else
			rep_line(r, "last RAZWI",
				 "addr 0x%" PRIx64 " error type %u engines %u at %" PRId64 " ns",
				 ev.addr, ev.error_type, ev.num_engines, ev.timestamp);
		return;
	}
	json_i64(&r->j, "timestamp", ev.timestamp);
	json_u64_if(&r->j, EV(ev, ADDR), "addr", ev.addr);
	json_u64_if(&r->j, EV(ev, FLAGS), "flags", ev.flags);
	json_u64_if(&r->j, EV(ev, ERROR_TYPE), "error_type", ev.error_type);
	json_begin_array(&r->j, "engine_ids");
	for (i = 0; i < ev.num_engines && i < HLA_RAZWI_MAX_ENGINES; i++)
		json_u64(&r->j, NULL, ev.engine_id[i]);
	json_end_array(&r->j);
	json_end_object(&r->j);
}

static void show_page_fault(struct report *r, struct hla_device *dev)
{
	HLA_STRUCT_INIT(hla_page_fault_event, ev);
	int rc = hla_info_page_fault_event(dev, &ev);
	char engine[32] = "";

	if (!record_begin(r, rc, "page_fault", "last page fault"))
		return;
	if (!r->json) {
		if (EV(ev, ENGINE_ID))
			snprintf(engine, sizeof(engine), " engine %u", ev.engine_id);
		rep_line(r, "last page fault", "addr 0x%" PRIx64 "%s at %" PRId64 " ns",
			 ev.addr, engine, ev.timestamp);
		return;
	}
	json_i64(&r->j, "timestamp", ev.timestamp);
	json_u64_if(&r->j, EV(ev, ADDR), "addr", ev.addr);
	json_u64_if(&r->j, EV(ev, ENGINE_ID), "engine_id", ev.engine_id);
	json_end_object(&r->j);
}

static void show_undefined_opcode(struct report *r, struct hla_device *dev)
{
	HLA_STRUCT_INIT(hla_undefined_opcode_event, ev);
	int rc = hla_info_undefined_opcode_event(dev, &ev);

	if (!record_begin(r, rc, "undefined_opcode", "last undefined opcode"))
		return;
	if (!r->json) {
		rep_line(r, "last undefined opcode",
			 "engine %u stream %u cq 0x%" PRIx64 " at %" PRId64 " ns",
			 ev.engine_id, ev.stream_id, ev.cq_addr, ev.timestamp);
		return;
	}
	json_i64(&r->j, "timestamp", ev.timestamp);
	json_u64_if(&r->j, EV(ev, ENGINE_ID), "engine_id", ev.engine_id);
	json_u64_if(&r->j, EV(ev, STREAM_ID), "stream_id", ev.stream_id);
	json_u64_if(&r->j, EV(ev, CB_ADDRS), "cq_addr", ev.cq_addr);
	json_u64_if(&r->j, EV(ev, CB_ADDRS), "cq_size", ev.cq_size);
	json_end_object(&r->j);
}

static void show_hw_fw_err(struct report *r, struct hla_device *dev)
{
	HLA_STRUCT_INIT(hla_hw_err_event, hwe);
	HLA_STRUCT_INIT(hla_fw_err_event, fwe);
	int rc = hla_info_hw_err_event(dev, &hwe);

	if (record_begin(r, rc, "hw_err", "last HW error")) {
		if (!r->json) {
			rep_line(r, "last HW error", "event %u at %" PRId64 " ns",
				 hwe.event_id, hwe.timestamp);
		} else {
			json_i64(&r->j, "timestamp", hwe.timestamp);
			json_u64_if(&r->j, EV(hwe, EVENT_ID), "event_id", hwe.event_id);
			json_end_object(&r->j);
		}
	}
	rc = hla_info_fw_err_event(dev, &fwe);
	if (!record_begin(r, rc, "fw_err", "last firmware error"))
		return;
	if (!r->json) {
		rep_line(r, "last firmware error", "%s, event %u at %" PRId64 " ns",
			 fwe.err_type == HLA_FW_ERR_HEARTBEAT ? "heartbeat" : "reported",
			 fwe.event_id, fwe.timestamp);
		return;
	}
	json_i64(&r->j, "timestamp", fwe.timestamp);
	json_u64_if(&r->j, EV(fwe, ERROR_TYPE), "err_type", fwe.err_type);
	json_u64_if(&r->j, EV(fwe, EVENT_ID), "event_id", fwe.event_id);
	json_end_object(&r->j);
}

static void show_engine_err(struct report *r, struct hla_device *dev)
{
	HLA_STRUCT_INIT(hla_engine_err_event, ev);
	int rc = hla_info_engine_err_event(dev, &ev);

	if (!record_begin(r, rc, "engine_err", "last engine error"))
		return;
	if (!r->json) {
		rep_line(r, "last engine error", "engine %u, %u errors at %" PRId64 " ns",
			 ev.engine_id, ev.error_count, ev.timestamp);
		return;
	}
	json_i64(&r->j, "timestamp", ev.timestamp);
	json_u64_if(&r->j, EV(ev, ENGINE_ID), "engine_id", ev.engine_id);
	json_u64_if(&r->j, EV(ev, ERROR_COUNT), "error_count", ev.error_count);
	json_end_object(&r->j);
}

#undef EV

static void show_events(struct report *r, struct hla_device *dev)
{
	int64_t ts;
	int rc;

	rep_section(r, "events", "Events and errors");
	show_pending(r, dev);
	rc = hla_info_last_err_open_dev_time(dev, &ts);
	if (rc)
		rep_na(r, "last_open_ns", "last compute open", rc);
	else
		rep_i64(r, "last_open_ns", "last compute open", ts, "ns");
	show_cs_timeout(r, dev);
	show_razwi(r, dev);
	show_page_fault(r, dev);
	show_undefined_opcode(r, dev);
	show_hw_fw_err(r, dev);
	show_engine_err(r, dev);
	rep_section_end(r);
}

/* ---- counters and the rest ----------------------------------------- */

static void show_cs_counters(struct report *r, struct hla_device *dev)
{
	HLA_STRUCT_INIT(hla_cs_counters, c);
	int rc = hla_info_cs_counters(dev, &c);

	rep_section(r, "cs_counters", "Command-submission drop counters (total)");
	if (rc) {
		rep_na(r, "counters", "drop counters", rc);
	} else if (!(c.valid & HLA_CS_COUNTERS_TOTAL)) {
		rep_na(r, "counters", "drop counters", NA_NOT_PROVIDED);
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
}

static void show_sync_manager(struct report *r, struct hla_device *dev)
{
	HLA_STRUCT_INIT(hla_sync_manager, sm);
	int rc = hla_info_sync_manager(dev, 0, &sm);

	if (rc) {
		rep_na(r, "sync_manager", "sync manager (dcore 0)", rc);
	} else if (r->json) {
		json_begin_object(&r->j, "sync_manager");
		json_u64_if(&r->j, sm.valid & HLA_SYNC_MANAGER_FIRST_SYNC_OBJECT,
			    "first_available_sync_object", sm.first_available_sync_object);
		json_u64_if(&r->j, sm.valid & HLA_SYNC_MANAGER_FIRST_MONITOR,
			    "first_available_monitor", sm.first_available_monitor);
		json_u64_if(&r->j, sm.valid & HLA_SYNC_MANAGER_FIRST_CQ,
			    "first_available_cq", sm.first_available_cq);
		json_end_object(&r->j);
	} else {
		rep_line(r, "sync manager (dcore 0)",
			 "first free SOB %u, monitor %u, CQ %u",
			 sm.first_available_sync_object, sm.first_available_monitor,
			 sm.first_available_cq);
	}
}

static void show_time_sync(struct report *r, struct hla_device *dev)
{
	HLA_STRUCT_INIT(hla_time_sync, ts);
	int rc = hla_info_time_sync(dev, &ts);

	if (rc) {
		rep_na(r, "time_sync", "device time", rc);
	} else if (r->json) {
		json_begin_object(&r->j, "time_sync");
		json_u64_if(&r->j, ts.valid & HLA_TIME_SYNC_DEVICE_TIME, "device_time",
			    ts.device_time);
		json_u64_if(&r->j, ts.valid & HLA_TIME_SYNC_HOST_TIME, "host_time",
			    ts.host_time);
		json_u64_if(&r->j, ts.valid & HLA_TIME_SYNC_TSC_TIME, "tsc_time",
			    ts.tsc_time);
		json_end_object(&r->j);
	} else {
		rep_line(r, "device time", "%" PRIu64 " (host %" PRIu64 " ns)",
			 ts.device_time, ts.host_time);
	}
}

static void show_hw_events(struct report *r, struct hla_device *dev)
{
	uint32_t counters[1024], n, i, shown = 0;
	int rc = hla_info_hw_events_aggregate(dev, counters, TOOLS_ARRAY_SIZE(counters),
					      &n);

	if (rc) {
		rep_na(r, "hw_events_aggregate", "HW events since load", rc);
		return;
	}
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

static void show_engine_status(struct report *r, struct hla_device *dev)
{
	size_t size = 64 * 1024;
	char *text = malloc(size);
	char *line, *save = NULL;
	int rc;

	rep_section(r, "engine_status", "Engine status");
	if (!text) {
		rep_na(r, "text", "status", ENOMEM);
		rep_section_end(r);
		return;
	}
	rc = hla_info_engine_status(dev, text, size);
	if (rc < 0) {
		rep_na(r, "text", "status", rc);
	} else if (r->json) {
		json_string(&r->j, "text", text);
	} else {
		for (line = strtok_r(text, "\n", &save); line;
		     line = strtok_r(NULL, "\n", &save))
			fprintf(r->f, "    %s\n", line);
	}
	free(text);
	rep_section_end(r);
}

static void show_counters(struct report *r, struct hla_device *dev, bool verbose)
{
	show_cs_counters(r, dev);
	rep_section(r, "misc", "Other");
	show_sync_manager(r, dev);
	show_time_sync(r, dev);
	if (verbose)
		show_hw_events(r, dev);
	rep_section_end(r);
	if (verbose)
		show_engine_status(r, dev);
}

/* ---- per device ----------------------------------------------------- */

/* Open list entry i without taking its compute slot.  Returns 0 or -errno. */
static int open_for_info(const struct hla_devlist *list, uint32_t i,
			 const struct hla_device_desc *d, struct hla_device **dev)
{
	int rc = hla_devlist_open(list, i, HLA_OPEN_CONTROL, dev);

	/* no control node at all: the compute node is the only way in */
	if ((rc == -ENOENT || rc == -ENODEV) &&
	    (!(d->valid & HLA_DESC_CONTROL_NODE) || !d->control_node[0]))
		rc = hla_devlist_open(list, i, 0, dev);
	return rc;
}

/* EACCES: permission; anything else (EPERM disabled, EBUSY/EAGAIN compute
 * node taken or releasing, ...) counts as "not usable now" */
static int exit_code_for(int err)
{
	return err == -EACCES ? INFO_EXIT_PERMISSION : INFO_EXIT_NOT_OPERATIONAL;
}

static int show_unopened(struct report *r, const struct hla_device_desc *d, int rc,
			 FILE *err)
{
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

static int show_state(struct report *r, struct hla_device *dev, uint32_t *status)
{
	int rc = hla_info_device_status(dev, status);

	rep_section(r, "state", "State");
	if (rc)
		rep_na(r, "status", "status (INFO)", rc);
	else
		rep_str(r, "status", "status (INFO)", tools_status_name(*status));
	rep_section_end(r);
	return rc;
}

/* Returns an exit code (0 when everything could be read). */
static int show_device(struct report *r, const struct info_opts *o,
		       const struct hla_devlist *list, const struct hla_device_desc *d,
		       FILE *err)
{
	HLA_STRUCT_INIT(hla_hw_ip_info, hw);
	HLA_STRUCT_INIT(hla_device_desc, od);
	struct hla_device *dev = NULL;
	uint32_t status = HLA_DEVICE_STATUS_UNKNOWN;
	uint32_t asic;
	int rc, hw_rc;

	if (!r->json)
		fprintf(r->f, "\nDevice %u (%s)\n", d->index, d->node);
	rc = open_for_info(list, d->index, d, &dev);
	if (rc)
		return show_unopened(r, d, rc, err);
	show_identity(r, d, hla_device_describe(dev, &od) ? NULL : &od);
	hw_rc = hla_info_hw_ip(dev, &hw);
	asic = !hw_rc && (hw.valid & HLA_HW_IP_ASIC) ? hw.asic : d->asic;
	rc = show_state(r, dev, &status);
	show_sysfs(r, dev);
	show_hw_ip(r, &hw, hw_rc);
	show_memory(r, dev, &hw, hw_rc);
	show_clocks(r, dev, asic);
	show_power(r, dev);
	show_pci_resets(r, dev);
	show_engines(r, dev, &hw, hw_rc, asic);
	show_events(r, dev);
	show_counters(r, dev, o->verbose);
	rep_flush_na(r);
	hla_device_close(dev);
	if (!rc && status != HLA_DEVICE_STATUS_OPERATIONAL &&
	    status != HLA_DEVICE_STATUS_IN_DEVICE_CREATION) {
		fprintf(err, "hla-info: device %u is not operational (%s)\n", d->index,
			tools_status_name(status));
		return INFO_EXIT_NOT_OPERATIONAL;
	}
	return INFO_EXIT_OK;
}

/* ---- the device list ------------------------------------------------- */

static void list_text(FILE *f, const struct hla_device_desc *descs, const bool *selected,
		      uint32_t n)
{
	uint32_t i;

	fprintf(f, "%-4s %-24s %-7s %-9s %-13s %-7s %s\n", "IDX", "NODE", "IFACE",
		"ASIC", "PCI BUS ID", "MODULE", "STATUS");
	for (i = 0; i < n; i++) {
		const struct hla_device_desc *d = &descs[i];
		char module[16];

		if (!selected[i])
			continue;
		if (d->valid & HLA_DESC_MODULE_ID)
			snprintf(module, sizeof(module), "%u", d->module_id);
		else
			snprintf(module, sizeof(module), "-");
		fprintf(f, "%-4u %-24s %-7s %-9s %-13s %-7s %s\n", d->index, d->node,
			tools_interface_name(d->interface), tools_asic_name(d->asic),
			(d->valid & HLA_DESC_PCI_BUS_ID) ? d->pci_bus_id : "-", module,
			tools_status_name(d->status));
	}
}

static void json_str_if(struct json_writer *j, bool have, const char *key,
			const char *value)
{
	if (have)
		json_string(j, key, value);
	else
		json_null(j, key);
}

static void list_entry_json(struct json_writer *j, const struct hla_device_desc *d)
{
	char buf[32];

	json_u64(j, "index", d->index);
	json_u64_if(j, d->valid & HLA_DESC_MINOR, "minor", d->minor);
	json_string(j, "node", d->node);
	json_string(j, "control_node", d->control_node);
	json_string(j, "interface", tools_interface_name(d->interface));
	json_string(j, "asic", tools_asic_name(d->asic));
	json_str_if(j, d->valid & HLA_DESC_DEVICE_TYPE, "device_type", d->device_type);
	json_u64_if(j, d->valid & HLA_DESC_PCI_DEVICE_ID, "pci_device_id",
		    d->pci_device_id);
	json_str_if(j, d->valid & HLA_DESC_PCI_BUS_ID, "pci_bus_id", d->pci_bus_id);
	json_u64_if(j, d->valid & HLA_DESC_MODULE_ID, "module_id", d->module_id);
	json_string(j, "status", tools_status_name(d->status));
	tools_format_version(d->kernel_version, buf, sizeof(buf));
	json_str_if(j, d->valid & HLA_DESC_KERNEL_VERSION, "kernel", buf);
	json_str_if(j, d->valid & HLA_DESC_DRIVER, "driver", tools_driver_name(d->driver));
	json_str_if(j, d->valid & HLA_DESC_DRIVER_VERSION_STR, "driver_version",
		    d->driver_version_str);
	if (d->valid & HLA_DESC_CAPS)
		json_caps(j, d->caps);
	else
		json_null(j, "capabilities");
}

static void json_header(struct report *r, uint32_t count)
{
	char ver[32];
	int v = hla_version();

	json_init(&r->j, r->f);
	json_begin_object(&r->j, NULL);
	snprintf(ver, sizeof(ver), "%d.%d.%d", (v >> 16) & 0xffff, (v >> 8) & 0xff, v & 0xff);
	json_string(&r->j, "library_version", ver);
	json_u64(&r->j, "device_count", count);
	json_begin_array(&r->j, "devices");
}

static int report_one(struct report *r, const struct info_opts *o,
		      const struct info_snapshot *s, uint32_t i, FILE *err)
{
	bool detail = o->mode == INFO_MODE_DETAILS;
	int ret = INFO_EXIT_OK;

	if (o->json) {
		json_begin_object(&r->j, NULL);
		list_entry_json(&r->j, &s->descs[i]);
	}
	if (detail) {
		if (o->json)
			json_begin_object(&r->j, "details");
		ret = show_device(r, o, s->list, &s->descs[i], err);
		if (o->json)
			json_end_object(&r->j);
	}
	if (o->json)
		json_end_object(&r->j);
	return ret;
}

int info_report(const struct info_opts *o, const struct info_snapshot *s, FILE *out,
		FILE *err)
{
	struct report *r = calloc(1, sizeof(*r));
	int ret = INFO_EXIT_OK;

	if (!r) {
		fprintf(err, "hla-info: out of memory\n");
		return INFO_EXIT_NO_MEMORY;
	}
	r->f = out;
	r->json = o->json;
	if (o->json)
		json_header(r, s->count);
	else
		list_text(out, s->descs, s->selected, s->count);
	for (uint32_t i = 0; i < s->count; i++) {
		int dret;

		if (!s->selected[i])
			continue;
		dret = report_one(r, o, s, i, err);
		if (dret > ret)
			ret = dret;
	}
	if (o->json) {
		json_end_array(&r->j);
		json_end_object(&r->j);
		json_finish(&r->j);
	}
	free(r);
	return ret;
}
