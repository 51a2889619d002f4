/* SPDX-License-Identifier: MIT */
/*
 * hla-info's monitor views: the one-line-per-device table and --query.
 * Each device is opened through its control node only, so a workload on
 * the compute node is never disturbed.  The process holding the compute
 * node is found by its open descriptor (/proc/PID/fd) when this user may
 * look there.  A value the driver, sysfs or /proc does not give is "n/a",
 * never 0.
 */
#include "info-internal.h"
#include "info.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common.h"

#define NA "n/a"
#define UTIL_PERIOD_MS 100
#define MIB (1024.0 * 1024.0)

enum field {
	F_INDEX, F_NAME, F_BUS_ID, F_MODULE_ID, F_NODE, F_STATUS, F_UTIL, F_POWER,
	F_MEM_USED, F_MEM_TOTAL, F_MEM_FREE, F_TEMP, F_CLK_CUR, F_CLK_MAX, F_COMPUTE,
	F_PID, F_PROCESS, F_DRIVER_VERSION, F_COUNT
};

static const struct {
	const char *name, *unit, *help;
} fields[F_COUNT] = {
	[F_INDEX] = { "index", NULL, "position in the enumeration" },
	[F_NAME] = { "name", NULL, "ASIC name" },
	[F_BUS_ID] = { "bus_id", NULL, "PCI bus id" },
	[F_MODULE_ID] = { "module_id", NULL, "module id within the server" },
	[F_NODE] = { "node", NULL, "compute node" },
	[F_STATUS] = { "status", NULL, "device status" },
	[F_UTIL] = { "utilization", "%", "busy share of the last 100 ms" },
	[F_POWER] = { "power.draw", "W", "power draw" },
	[F_MEM_USED] = { "memory.used", "MiB", "DRAM in use" },
	[F_MEM_TOTAL] = { "memory.total", "MiB", "DRAM size" },
	[F_MEM_FREE] = { "memory.free", "MiB", "DRAM free" },
	[F_TEMP] = { "temperature", "C", "temperature from the device's hwmon" },
	[F_CLK_CUR] = { "clocks.current", "MHz", "current clock" },
	[F_CLK_MAX] = { "clocks.max", "MHz", "maximum clock" },
	[F_COMPUTE] = { "compute", NULL, "compute context: active, idle or releasing" },
	[F_PID] = { "pid", NULL, "process holding the compute node (- if none)" },
	[F_PROCESS] = { "process", NULL, "its command name (- if none)" },
	[F_DRIVER_VERSION] = { "driver_version", NULL, "driver version" },
};

/* what one look at one device found; have_* false: n/a */
struct sample {
	const struct hla_device_desc *d;
	int open_rc;
	bool have_status, have_util, have_power, have_total, have_free, have_temp;
	bool have_clk, have_ctx;
	uint32_t status, util, clk_cur, clk_max;
	uint64_t power_mw, dram_total, dram_free;
	long temp_mc;
	bool ctx_active, ctx_release;
	long pid; /* 0: no holder found */
	char comm[64];
};

int info_parse_fields(struct info_opts *o, const char *text, char *bad, size_t bad_size)
{
	const char *p = text;

	o->nfields = 0;
	for (;;) {
		size_t len = strcspn(p, ",");
		unsigned int k;

		for (k = 0; k < F_COUNT; k++)
			if (strlen(fields[k].name) == len && !strncmp(fields[k].name, p, len))
				break;
		if (k == F_COUNT || o->nfields == INFO_MAX_FIELDS) {
			snprintf(bad, bad_size, "%.*s", (int)len, p);
			return -EINVAL;
		}
		o->fields[o->nfields++] = k;
		if (!p[len])
			return 0;
		p += len + 1;
	}
}

void info_print_fields(FILE *f)
{
	fputs("Fields of --query (units are dropped by --format csv,nounits):\n", f);
	for (unsigned int k = 0; k < F_COUNT; k++)
		fprintf(f, "  %-16s %-4s %s\n", fields[k].name,
			fields[k].unit ? fields[k].unit : "", fields[k].help);
}

/* ---- looking ------------------------------------------------------------ */

/* temp1_input of the device's first hwmon directory, millidegrees */
static bool read_temperature(const struct hla_device_desc *d, long *mc)
{
	char dir[128], path[400], buf[32];
	struct dirent *e;
	bool ok = false;
	DIR *h;

	if (!(d->valid & HLA_DESC_PCI_BUS_ID))
		return false;
	snprintf(dir, sizeof(dir), "/sys/bus/pci/devices/%s/hwmon", d->pci_bus_id);
	h = opendir(dir);
	if (!h)
		return false;
	while (!ok && (e = readdir(h))) {
		FILE *f;
		char *end;

		if (strncmp(e->d_name, "hwmon", 5))
			continue;
		snprintf(path, sizeof(path), "%s/%s/temp1_input", dir, e->d_name);
		f = fopen(path, "re");
		if (!f)
			continue;
		if (fgets(buf, sizeof(buf), f)) {
			*mc = strtol(buf, &end, 10);
			ok = end != buf && (*end == '\n' || !*end);
		}
		fclose(f);
	}
	closedir(h);
	return ok;
}

static void read_dram(struct sample *s, struct hla_device *dev)
{
	HLA_STRUCT_INIT(hla_hw_ip_info, hw);
	HLA_STRUCT_INIT(hla_dram_usage, du);

	if (!hla_info_hw_ip(dev, &hw) && (hw.valid & HLA_HW_IP_DRAM_SIZE)) {
		s->have_total = true;
		s->dram_total = hw.dram_size;
	}
	if (!hla_info_dram_usage(dev, &du) && (du.valid & HLA_DRAM_USAGE_DRAM_FREE_MEM)) {
		s->have_free = true;
		s->dram_free = du.dram_free_mem;
	}
}

static void read_opens(struct sample *s, struct hla_device *dev)
{
	HLA_STRUCT_INIT(hla_open_stats, st);

	if (hla_info_open_stats(dev, &st) ||
	    !(st.valid & HLA_OPEN_STATS_COMPUTE_CTX_ACTIVE))
		return;
	s->have_ctx = true;
	s->ctx_active = st.is_compute_ctx_active;
	s->ctx_release = (st.valid & HLA_OPEN_STATS_COMPUTE_CTX_IN_RELEASE) &&
			 st.compute_ctx_in_release;
}

static void sample_device(struct sample *s, const struct info_snapshot *snap, uint32_t i)
{
	struct hla_device *dev = NULL;

	s->d = &snap->descs[i];
	s->have_temp = read_temperature(s->d, &s->temp_mc);
	/* the control node only: never the workload's compute slot */
	s->open_rc = hla_devlist_open(snap->list, i, HLA_OPEN_CONTROL, &dev);
	if (s->open_rc)
		return;
	s->have_status = !hla_info_device_status(dev, &s->status);
	s->have_util = !hla_info_utilization(dev, UTIL_PERIOD_MS, &s->util);
	s->have_power = !hla_info_power(dev, &s->power_mw);
	s->have_clk = !hla_info_clk_rate(dev, &s->clk_cur, &s->clk_max);
	read_dram(s, dev);
	read_opens(s, dev);
	hla_device_close(dev);
}

/* Does the link target name the node?  The whole path: a suffix would
 * also take a node of the same name under another root (another
 * simulator's tree, a chroot) for this one. */
static bool link_names(const char *target, const char *node)
{
	return node[0] == '/' && !strcmp(target, node);
}

static void holder_comm(struct sample *s, const char *pid)
{
	char path[64];
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%s/comm", pid);
	f = fopen(path, "re");
	if (!f || !fgets(s->comm, sizeof(s->comm), f))
		snprintf(s->comm, sizeof(s->comm), "%s", NA);
	s->comm[strcspn(s->comm, "\n")] = '\0';
	if (f)
		fclose(f);
}

/* the open descriptors of one process against every device's node */
static void scan_process(const char *pid, struct sample *samples, uint32_t n)
{
	char dir[64], path[64 + 256], target[PATH_MAX];
	struct dirent *e;
	DIR *fds;

	snprintf(dir, sizeof(dir), "/proc/%s/fd", pid);
	fds = opendir(dir); /* EACCES for other users' processes */
	if (!fds)
		return;
	while ((e = readdir(fds))) {
		ssize_t len;

		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		len = readlink(path, target, sizeof(target) - 1);
		if (len <= 0)
			continue;
		target[len] = '\0';
		for (uint32_t i = 0; i < n; i++) {
			if (!samples[i].d || samples[i].pid ||
			    !(samples[i].d->valid & HLA_DESC_NODE) ||
			    !link_names(target, samples[i].d->node))
				continue;
			samples[i].pid = strtol(pid, NULL, 10);
			holder_comm(&samples[i], pid);
		}
	}
	closedir(fds);
}

static void find_holders(struct sample *samples, uint32_t n)
{
	DIR *proc = opendir("/proc");
	struct dirent *e;

	if (!proc)
		return;
	while ((e = readdir(proc)))
		if (isdigit((unsigned char)e->d_name[0]))
			scan_process(e->d_name, samples, n);
	closedir(proc);
}

static struct sample *sample_all(const struct info_snapshot *snap, bool with_holders)
{
	struct sample *samples = calloc(snap->count, sizeof(*samples));

	if (!samples)
		return NULL;
	for (uint32_t i = 0; i < snap->count; i++)
		if (snap->selected[i])
			sample_device(&samples[i], snap, i);
	if (with_holders)
		find_holders(samples, snap->count);
	return samples;
}

/* ---- values ---------------------------------------------------------- */

static const char *compute_text(const struct sample *s)
{
	if (!s->have_ctx)
		return NA;
	if (s->ctx_release)
		return "releasing";
	return s->ctx_active ? "active" : "idle";
}

/* no holder found: "-" when the driver says nobody computes, else n/a */
static bool no_holder(const struct sample *s)
{
	return !s->pid && s->have_ctx && !s->ctx_active && !s->ctx_release;
}

static const char *status_text(const struct sample *s)
{
	return tools_status_name(s->have_status ? s->status : s->d->status);
}

static void identity_text(unsigned int f, const struct sample *s, char *buf, size_t size)
{
	const struct hla_device_desc *d = s->d;

	switch (f) {
	case F_INDEX:
		snprintf(buf, size, "%u", d->index);
		break;
	case F_NAME:
		snprintf(buf, size, "%s", tools_asic_name(d->asic));
		break;
	case F_BUS_ID:
		snprintf(buf, size, "%s", d->valid & HLA_DESC_PCI_BUS_ID ? d->pci_bus_id : NA);
		break;
	case F_MODULE_ID:
		if (d->valid & HLA_DESC_MODULE_ID)
			snprintf(buf, size, "%u", d->module_id);
		else
			snprintf(buf, size, NA);
		break;
	case F_NODE:
		snprintf(buf, size, "%s", d->node);
		break;
	case F_STATUS:
		snprintf(buf, size, "%s", status_text(s));
		break;
	default:
		snprintf(buf, size, "%s", d->valid & HLA_DESC_DRIVER_VERSION_STR
					  ? d->driver_version_str : NA);
		break;
	}
}

/* a measured value: number, or n/a; unit appended when asked */
static void measure_text(unsigned int f, const struct sample *s, bool units, char *buf,
			 size_t size)
{
	bool have = true;
	double v = 0;

	switch (f) {
	case F_UTIL: have = s->have_util; v = s->util; break;
	case F_POWER: have = s->have_power; v = (double)s->power_mw / 1000.0; break;
	case F_MEM_TOTAL: have = s->have_total; v = (double)s->dram_total / MIB; break;
	case F_MEM_FREE: have = s->have_free; v = (double)s->dram_free / MIB; break;
	case F_MEM_USED:
		have = s->have_total && s->have_free && s->dram_total >= s->dram_free;
		v = have ? (double)(s->dram_total - s->dram_free) / MIB : 0;
		break;
	case F_TEMP: have = s->have_temp; v = (double)s->temp_mc / 1000.0; break;
	case F_CLK_CUR: have = s->have_clk; v = s->clk_cur; break;
	default: have = s->have_clk; v = s->clk_max; break;
	}
	if (!have) {
		snprintf(buf, size, NA);
		return;
	}
	snprintf(buf, size, f == F_POWER || f == F_TEMP ? "%.1f%s%s" : "%.0f%s%s", v,
		 units ? " " : "", units ? fields[f].unit : "");
}

static void field_text(unsigned int f, const struct sample *s, bool units, char *buf,
		       size_t size)
{
	if (fields[f].unit) {
		measure_text(f, s, units, buf, size);
	} else if (f == F_COMPUTE) {
		snprintf(buf, size, "%s", compute_text(s));
	} else if (f == F_PID || f == F_PROCESS) {
		if (s->pid && f == F_PID)
			snprintf(buf, size, "%ld", s->pid);
		else if (s->pid)
			snprintf(buf, size, "%s", s->comm);
		else
			snprintf(buf, size, "%s", no_holder(s) ? "-" : NA);
	} else {
		identity_text(f, s, buf, size);
	}
}

/* ---- views ------------------------------------------------------------ */

static bool wants_holders(const struct info_opts *o)
{
	if (o->mode != INFO_MODE_QUERY)
		return true;
	for (unsigned int k = 0; k < o->nfields; k++)
		if (o->fields[k] == F_PID || o->fields[k] == F_PROCESS)
			return true;
	return false;
}

static int worst_exit(const struct sample *s)
{
	if (s->open_rc == -EACCES)
		return INFO_EXIT_PERMISSION;
	return INFO_EXIT_OK;
}

static void query_header(const struct info_opts *o, FILE *out)
{
	for (unsigned int k = 0; k < o->nfields; k++) {
		unsigned int f = o->fields[k];

		fprintf(out, "%s%s", k ? ", " : "", fields[f].name);
		if (fields[f].unit && o->csv_units)
			fprintf(out, " [%s]", fields[f].unit);
	}
	fputc('\n', out);
}

int info_query(const struct info_opts *o, const struct info_snapshot *snap, FILE *out,
	       FILE *err, bool header)
{
	struct sample *samples = sample_all(snap, wants_holders(o));
	char buf[96];
	int ret = INFO_EXIT_OK;

	if (!samples) {
		fprintf(err, "hla-info: out of memory\n");
		return INFO_EXIT_NO_MEMORY;
	}
	if (header)
		query_header(o, out);
	for (uint32_t i = 0; i < snap->count; i++) {
		if (!snap->selected[i])
			continue;
		for (unsigned int k = 0; k < o->nfields; k++) {
			field_text(o->fields[k], &samples[i], o->csv_units, buf, sizeof(buf));
			fprintf(out, "%s%s", k ? ", " : "", buf);
		}
		fputc('\n', out);
		if (worst_exit(&samples[i]) > ret)
			ret = worst_exit(&samples[i]);
	}
	free(samples);
	return ret;
}

/* the table's memory cell: "used / total MiB" */
static void memory_cell(const struct sample *s, char *buf, size_t size)
{
	char used[32], total[32];

	measure_text(F_MEM_USED, s, false, used, sizeof(used));
	measure_text(F_MEM_TOTAL, s, false, total, sizeof(total));
	snprintf(buf, size, "%s / %s MiB", used, total);
}

static void table_row(const struct sample *s, FILE *out, const char *eol)
{
	char c[F_COUNT][96], mem[80];
	static const unsigned int cols[] = { F_INDEX, F_NAME, F_BUS_ID, F_STATUS, F_UTIL,
					     F_POWER, F_TEMP, F_CLK_CUR, F_PID, F_PROCESS };

	for (size_t k = 0; k < TOOLS_ARRAY_SIZE(cols); k++)
		field_text(cols[k], s, true, c[cols[k]], sizeof(c[0]));
	memory_cell(s, mem, sizeof(mem));
	fprintf(out, "%-4s %-8s %-13s %-12s %5s %9s %-24s %7s %9s %-7s %s%s\n", c[F_INDEX],
		c[F_NAME], c[F_BUS_ID], c[F_STATUS], c[F_UTIL], c[F_POWER], mem, c[F_TEMP],
		c[F_CLK_CUR], c[F_PID], c[F_PROCESS], eol);
}

int info_table(const struct info_opts *o, const struct info_snapshot *snap, FILE *out,
	       FILE *err, bool redraw)
{
	struct sample *samples = sample_all(snap, wants_holders(o));
	const char *eol = redraw ? "\033[K" : "";
	int ret = INFO_EXIT_OK;

	if (!samples) {
		fprintf(err, "hla-info: out of memory\n");
		return INFO_EXIT_NO_MEMORY;
	}
	if (redraw)
		fputs("\033[H", out); /* home, then overwrite line by line */
	fprintf(out, "%-4s %-8s %-13s %-12s %5s %9s %-24s %7s %9s %-7s %s%s\n", "IDX", "ASIC",
		"BUS ID", "STATUS", "UTIL", "POWER", "DRAM USED / TOTAL", "TEMP", "CLOCK",
		"PID", "COMMAND", eol);
	for (uint32_t i = 0; i < snap->count; i++) {
		if (!snap->selected[i])
			continue;
		table_row(&samples[i], out, eol);
		if (worst_exit(&samples[i]) > ret)
			ret = worst_exit(&samples[i]);
	}
	if (redraw)
		fputs("\033[J", out); /* whatever the last look printed below */
	free(samples);
	return ret;
}
