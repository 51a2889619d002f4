/* SPDX-License-Identifier: MIT */
/*
 * The fake device tree.  At start the simulator builds a real directory
 * tree under a temporary root holding the /dev nodes (plain files whose
 * stat is corrected to character devices) and the sysfs files and links
 * the driver would create; intercepted path calls are rewritten into it,
 * so readdir, readlink, realpath and fopen work unchanged.
 *
 * Deciding whether a path is ours and which node it names costs O(1):
 * a prefix test, one parse of the node name (hlk_node_parse(), shared
 * with the library) and a table indexed by minor; PCI addresses are
 * found in a small hash.  Only a path with "." or ".." parts is
 * canonicalised first.
 */
#include "shim/shim.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "kabi/hl_nodes.h"

#define MAX_MINORS (SIM_MAX_DEVICES + SIM_MAX_FOREIGN)
#define BDF_HASH 256

static char root[200];
static size_t root_len;
static bool root_owned;
static enum sim_iface iface;
static struct sim_node nodes[MAX_MINORS][2]; /* [minor][control] */
static bool node_used[MAX_MINORS][2];
static uint32_t bdfs[BDF_HASH]; /* domain << 16 | bus << 8 | devfn, +1 */
static int foreign_minor = -1;

const char *sim_fs_root(void)
{
	return root;
}

/* ---- writing the tree ---- */
static void mkdirs(const char *path)
{
	char p[512];

	snprintf(p, sizeof(p), "%s", path);
	for (char *s = p + root_len + 1; *s; s++) {
		if (*s == '/') {
			*s = '\0';
			mkdir(p, 0755);
			*s = '/';
		}
	}
	mkdir(p, 0755);
}

static void put(const char *dir, const char *name, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void put(const char *dir, const char *name, const char *fmt, ...)
{
	char p[512], tmp[520], buf[1024];
	va_list ap;
	int fd, n;

	snprintf(p, sizeof(p), "%s/%s", dir, name);
	snprintf(tmp, sizeof(tmp), "%s.new", p);
	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	/* written aside and renamed: a reader never sees a half-written file */
	fd = sim_real_open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0)
		return;
	if (n > 0 && sim_real_write(fd, buf, (size_t)n) < 0)
		sim_log("write %s failed", p);
	sim_real_close(fd);
	if (rename(tmp, p))
		sim_log("rename %s failed", p);
}

static void link_to(const char *target, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void link_to(const char *target, const char *fmt, ...)
{
	char p[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(p, sizeof(p), fmt, ap);
	va_end(ap);
	unlink(p);
	if (symlink(target, p))
		sim_log("symlink %s failed", p);
}

static uint32_t bdf_key(unsigned domain, unsigned bus, unsigned devfn)
{
	return (domain << 16 | bus << 8 | devfn) + 1;
}

static void bdf_add(uint32_t key)
{
	for (uint32_t i = key % BDF_HASH;; i = (i + 1) % BDF_HASH)
		if (!bdfs[i] || bdfs[i] == key) {
			bdfs[i] = key;
			return;
		}
}

static bool bdf_ours(uint32_t key)
{
	for (uint32_t i = key % BDF_HASH; bdfs[i]; i = (i + 1) % BDF_HASH)
		if (bdfs[i] == key)
			return true;
	return false;
}

/* "DDDD:BB:dd.f" followed by the end or '/' */
static bool bdf_parse(const char *s, uint32_t *key)
{
	unsigned domain, bus, dev, fn;
	int n = 0;

	if (sscanf(s, "%4x:%2x:%2x.%1x%n", &domain, &bus, &dev, &fn, &n) != 4 || n != 12 ||
	    (s[12] && s[12] != '/'))
		return false;
	*key = bdf_key(domain, bus, dev << 3 | fn);
	return true;
}

static const char *status_text(uint32_t s)
{
	static const char *const t[] = {
		"Operational", "In reset", "Disabled", "Needs reset",
		"In device creation", "In reset after device release",
	};
	return s < 6 ? t[s] : "Disabled";
}

/* the directory holding a device's attributes */
static void attr_dir(const struct sim_device *d, char *out, size_t size)
{
	if (iface == SIM_ACCEL)
		snprintf(out, size, "%s/sys/devices/pci%.4s:00/%s", root, d->bus_id, d->bus_id);
	else
		snprintf(out, size, "%s/sys/class/habanalabs/hl%d", root, d->idx);
}

void sim_fs_status(const struct sim_device *d)
{
	char dir[400];

	attr_dir(d, dir, sizeof(dir));
	put(dir, "status", "%s\n", status_text(d->status));
	put(dir, "hard_reset_cnt", "%u\n", d->hard_resets);
	put(dir, "soft_reset_cnt", "%u\n", d->soft_resets);
}

/* a PCI device directory with the standard files, its bus and driver links */
static void pci_dir(const char *bdf, unsigned vendor, unsigned device, unsigned rev,
		    const char *driver, char *out, size_t size)
{
	char t[128], p[512];
	unsigned domain, bus, dev, fn;

	snprintf(out, size, "%s/sys/devices/pci%.4s:00/%s", root, bdf, bdf);
	mkdirs(out);
	put(out, "vendor", "0x%04x\n", vendor);
	put(out, "device", "0x%04x\n", device);
	put(out, "revision", "0x%02x\n", rev);
	put(out, "subsystem_vendor", "0x%04x\n", vendor);
	put(out, "subsystem_device", "0x%04x\n", device);
	put(out, "class", "0x120000\n");
	put(out, "numa_node", "-1\n");
	put(out, "current_link_speed", "32.0 GT/s PCIe\n");
	put(out, "uevent", "DRIVER=%s\nPCI_ID=%04X:%04X\nPCI_SLOT_NAME=%s\n", driver, vendor,
	    device, bdf);
	snprintf(p, sizeof(p), "%s/sys/bus/pci/drivers/%s", root, driver);
	mkdirs(p);
	snprintf(t, sizeof(t), "../../../bus/pci/drivers/%s", driver);
	link_to(t, "%s/driver", out);
	snprintf(p, sizeof(p), "%s/sys/bus/pci/devices", root);
	mkdirs(p);
	snprintf(t, sizeof(t), "../../../devices/pci%.4s:00/%s", bdf, bdf);
	link_to(t, "%s/sys/bus/pci/devices/%s", root, bdf);
	if (sscanf(bdf, "%x:%x:%x.%x", &domain, &bus, &dev, &fn) == 4)
		bdf_add(bdf_key(domain, bus, dev << 3 | fn));
}

static void hl_attrs(const char *dir, const struct sim_device *d)
{
	bool g2 = sim_gaudi2(d);

	put(dir, "device_type", "%s\n", g2 ? "GAUDI2" : "GAUDI");
	put(dir, "pci_addr", "%s\n", d->bus_id);
	put(dir, "cpucp_ver", "hla-sim-cpucp 1.0.0\n");
	put(dir, "cpucp_kernel_ver", "Linux hla-sim 6.8.0\n");
	put(dir, "armcp_ver", "hla-sim-cpucp 1.0.0\n");
	put(dir, "armcp_kernel_ver", "Linux hla-sim 6.8.0\n");
	if (iface == SIM_ACCEL)
		put(dir, "cpld_ver", "0x%08x%08x\n", 0x66000000u, 0x10u);
	else
		put(dir, "cpld_ver", "0x%08x\n", 0x10u);
	put(dir, "uboot_ver", "U-Boot hla-sim\n");
	put(dir, "preboot_btl_ver", "Preboot hla-sim 1.0\n");
	put(dir, "fuse_ver", "hla-sim fuse 1\n");
	put(dir, "thermal_ver", "hla-sim thermal 1\n");
	put(dir, "fw_os_ver", "hla-sim fw-os 1\n");
	if (g2)
		put(dir, "vrm_ver", "hla-sim vrm 1\n");
	else
		put(dir, "infineon_ver", "%#04x\n", 0x1a);
	put(dir, "security_enabled", "0\n");
	put(dir, "max_power", "%u\n", g2 ? 600000u : 350000u);
	put(dir, "clk_max_freq_mhz", "%u\n", g2 ? 1650u : 2200u);
	put(dir, "clk_cur_freq_mhz", "%u\n", g2 ? 1650u : 2200u);
	put(dir, "eeprom", "%s", "");
	if (iface == SIM_ACCEL) {
		put(dir, "module_id", "%u\n", d->module_id);
		put(dir, "parent_device", "%s\n", d->bus_id);
	}
}

/* a class directory (uevent, dev, device link), its /sys/dev/char link and node */
static void class_entry(const char *cls, const char *name, const char *devname,
			unsigned major, unsigned minor, const char *bdf)
{
	char dir[400], t[160];

	snprintf(dir, sizeof(dir), "%s/sys/class/%s/%s", root, cls, name);
	mkdirs(dir);
	put(dir, "uevent", "MAJOR=%u\nMINOR=%u\nDEVNAME=%s\n", major, minor, devname);
	put(dir, "dev", "%u:%u\n", major, minor);
	snprintf(t, sizeof(t), "../../../devices/pci%.4s:00/%s", bdf, bdf);
	link_to(t, "%s/device", dir);
	snprintf(t, sizeof(t), "../../class/%s/%s", cls, name);
	link_to(t, "%s/sys/dev/char/%u:%u", root, major, minor);
	snprintf(dir, sizeof(dir), "%s/dev/%s", root, devname);
	put(root, dir + root_len + 1, "%s", "");
}

static void add_node(unsigned minor, bool control, struct sim_device *d)
{
	nodes[minor][control].dev = d;
	nodes[minor][control].control = control;
	nodes[minor][control].rdev = d ? sim_dev_rdev(d, control)
				       : makedev(HLK_ACCEL_MAJOR, minor);
	node_used[minor][control] = true;
}

static void device_accel(struct sim_device *d, unsigned minor)
{
	char pci[400], name[64], devname[80];

	pci_dir(d->bus_id, HLK_PCI_VENDOR_HABANA, d->pci_device_id, sim_gaudi2(d) ? 1 : 0,
		"habanalabs", pci, sizeof(pci));
	d->minor = (int)minor;
	hl_attrs(pci, d);
	snprintf(name, sizeof(name), "accel%u", minor);
	snprintf(devname, sizeof(devname), "accel/accel%u", minor);
	class_entry("accel", name, devname, HLK_ACCEL_MAJOR, minor, d->bus_id);
	snprintf(name, sizeof(name), "accel_controlD%u", minor);
	snprintf(devname, sizeof(devname), "accel/accel_controlD%u", minor);
	class_entry("accel", name, devname, SIM_MAJOR_CONTROL, minor, d->bus_id);
	add_node(minor, false, d);
	add_node(minor, true, d);
}

static void device_legacy(struct sim_device *d)
{
	char pci[400], dir[400], name[64];
	unsigned i = (unsigned)d->idx;

	pci_dir(d->bus_id, HLK_PCI_VENDOR_HABANA, d->pci_device_id, sim_gaudi2(d) ? 1 : 0,
		"habanalabs", pci, sizeof(pci));
	snprintf(name, sizeof(name), "hl%u", i);
	class_entry("habanalabs", name, name, SIM_MAJOR_LEGACY, 2 * i, d->bus_id);
	snprintf(dir, sizeof(dir), "%s/sys/class/habanalabs/%s", root, name);
	hl_attrs(dir, d);
	snprintf(name, sizeof(name), "hl_controlD%u", i);
	class_entry("habanalabs", name, name, SIM_MAJOR_LEGACY, 2 * i + 1, d->bus_id);
	add_node(i, false, d);
	add_node(i, true, d);
}

/* another vendor's accelerator (driver intel_vpu) */
static void foreign_accel(unsigned k, unsigned minor)
{
	char pci[400], bdf[24], name[64], devname[80];

	snprintf(bdf, sizeof(bdf), "0000:00:%02x.0", 0x0b + k);
	pci_dir(bdf, 0x8086, 0x7d1d, 4, "intel_vpu", pci, sizeof(pci));
	snprintf(name, sizeof(name), "accel%u", minor);
	snprintf(devname, sizeof(devname), "accel/accel%u", minor);
	class_entry("accel", name, devname, HLK_ACCEL_MAJOR, minor, bdf);
	add_node(minor, false, NULL);
	foreign_minor = (int)minor;
}

static int make_root(const struct sim_config *cfg)
{
	const char *tmp = getenv("TMPDIR");

	if (cfg->root) {
		snprintf(root, sizeof(root), "%s", cfg->root);
		mkdir(root, 0755);
	} else {
		snprintf(root, sizeof(root), "%s/hla-sim.XXXXXX", tmp && *tmp ? tmp : "/tmp");
		if (!mkdtemp(root)) {
			root[0] = '\0';
			return -errno;
		}
		root_owned = true;
	}
	root_len = strlen(root);
	return 0;
}

int sim_fs_create(struct sim *s)
{
	const struct sim_config *cfg = &s->cfg;
	char p[400];
	unsigned minor = 0, k = 0;
	int ret = make_root(cfg), nforeign = cfg->iface == SIM_ACCEL ? cfg->nforeign : 0;

	if (ret)
		return ret;
	iface = cfg->iface;
	snprintf(p, sizeof(p), "%s/sys/dev/char", root);
	mkdirs(p);
	snprintf(p, sizeof(p), iface == SIM_ACCEL ? "%s/dev/accel" : "%s/dev", root);
	mkdirs(p);
	snprintf(p, sizeof(p), "%s/sys/class/%s", root, iface == SIM_ACCEL ? "accel" : "habanalabs");
	mkdirs(p);
	/* foreign nodes first when asked, then ours, then the rest */
	if (cfg->foreign_first && nforeign)
		foreign_accel(k++, minor++);
	for (int i = 0; i < s->ndev; i++) {
		if (iface == SIM_ACCEL)
			device_accel(&s->devs[i], minor++);
		else
			device_legacy(&s->devs[i]);
		sim_fs_status(&s->devs[i]);
	}
	while ((int)k < nforeign)
		foreign_accel(k++, minor++);
	return 0;
}

static int rm_cb(const char *p, const struct stat *st, int flag, struct FTW *f)
{
	(void)st;
	(void)flag;
	(void)f;
	return remove(p);
}

void sim_fs_destroy(void)
{
	if (root_owned && root[0])
		nftw(root, rm_cb, 16, FTW_DEPTH | FTW_PHYS);
}

/* ---- path rewriting ---- */
static bool prefix(const char *p, const char *pre, const char **rest)
{
	size_t n = strlen(pre);

	if (strncmp(p, pre, n))
		return false;
	*rest = p + n;
	return true;
}

/* a whole component: "/sys/class/accel" but not "/sys/class/accelerators" */
static bool dir_prefix(const char *p, const char *pre)
{
	const char *rest;

	return prefix(p, pre, &rest) && (!*rest || *rest == '/');
}

static bool ours(const char *path)
{
	const char *rest;
	uint32_t key;

	if (dir_prefix(path, "/dev/accel"))
		return iface == SIM_ACCEL;
	if (prefix(path, "/dev/hl", &rest))
		return iface == SIM_LEGACY &&
		       ((*rest >= '0' && *rest <= '9') || !strncmp(rest, "_control", 8));
	if (dir_prefix(path, "/sys/class/accel") || dir_prefix(path, "/sys/class/habanalabs") ||
	    dir_prefix(path, "/sys/dev/char") ||
	    prefix(path, "/sys/bus/pci/drivers/habanalabs", &rest) ||
	    prefix(path, "/sys/bus/pci/drivers/intel_vpu", &rest))
		return true;
	if (prefix(path, "/sys/bus/pci/devices/", &rest))
		return bdf_parse(rest, &key) && bdf_ours(key);
	/* "/sys/devices/pciDDDD:00/DDDD:BB:dd.f" */
	if (prefix(path, "/sys/devices/pci", &rest) && strlen(rest) >= 8 && rest[7] == '/')
		return bdf_parse(rest + 8, &key) && bdf_ours(key);
	return false;
}

const char *sim_fs_path(const char *path, char *buf, size_t size)
{
	if (!path || path[0] != '/' || !root[0] || !ours(path))
		return path;
	if ((size_t)snprintf(buf, size, "%s%s", root, path) >= size)
		return path;
	return buf;
}

/* "." or ".." components, or doubled slashes */
static bool needs_canon(const char *p)
{
	return strstr(p, "/.") || strstr(p, "//");
}

bool sim_fs_node(const char *real_path, struct sim_node *out)
{
	char canon[512];
	const char *p = real_path;
	struct hlk_node n;

	if (!root[0] || strncmp(p, root, root_len) || p[root_len] != '/')
		return false;
	if (needs_canon(p)) {
		if (!sim_real_realpath(p, canon) || strncmp(canon, root, root_len))
			return false;
		p = canon;
	}
	p += root_len;
	if (strncmp(p, "/dev/", 5) || !hlk_node_parse(p + 5, &n))
		return false;
	if (n.iface != (iface == SIM_ACCEL ? HLK_IFACE_ACCEL : HLK_IFACE_LEGACY) ||
	    n.minor >= MAX_MINORS || !node_used[n.minor][n.control])
		return false;
	*out = nodes[n.minor][n.control];
	return true;
}

dev_t sim_fs_foreign_rdev(void)
{
	return makedev(HLK_ACCEL_MAJOR, foreign_minor < 0 ? 99u : (unsigned)foreign_minor);
}
