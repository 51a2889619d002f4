/* SPDX-License-Identifier: MIT */
/*
 * The fake device tree.  At start the simulator builds a real directory
 * tree under a temporary root holding /dev nodes (plain files whose stat
 * is corrected to character devices) and the sysfs files and links the
 * driver would create; intercepted path calls are rewritten into it, so
 * readdir, readlink, realpath and fopen work unchanged.
 */
#include "sim.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#define MAX_NODES (2 * SIM_MAX_DEVICES + SIM_MAX_FOREIGN)

struct node {
	char path[256]; /* inside the root */
	int dev;        /* index into sim_devs, -1 for a foreign node */
	bool control;
	dev_t rdev;
};

static char root[200];
static bool root_owned;
static struct node nodes[MAX_NODES];
static int nnodes;
static char bdfs[SIM_MAX_DEVICES + SIM_MAX_FOREIGN][16];
static int nbdfs;

const char *sim_fs_root(void)
{
	return root;
}

static void mkdirs(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void mkdirs(const char *fmt, ...)
{
	char p[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(p, sizeof(p), fmt, ap);
	va_end(ap);
	for (char *s = p + strlen(root) + 1; *s; s++) {
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
	char p[512], buf[1024];
	va_list ap;
	int fd, n;

	snprintf(p, sizeof(p), "%s/%s", dir, name);
	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	fd = sim_real_open(p, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0)
		return;
	if (n > 0 && sim_real_write(fd, buf, (size_t)n) < 0)
		sim_log("write %s failed", p);
	sim_real_close(fd);
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
	if (symlink(target, p))
		sim_log("symlink %s failed", p);
}

static void add_node(const char *rel, int dev, bool control, dev_t rdev)
{
	struct node *n = &nodes[nnodes++];

	snprintf(n->path, sizeof(n->path), "%s%s", root, rel);
	n->dev = dev;
	n->control = control;
	n->rdev = rdev;
	put(root, rel + 1, "%s", "");
}

static const char *status_text(uint32_t s)
{
	static const char *const t[] = {
		"Operational", "In reset", "Disabled", "Needs reset",
		"In device creation", "In reset after device release",
	};
	return s < 6 ? t[s] : "Disabled";
}

void sim_fs_set_status(struct sim_device *d)
{
	char dir[400];

	if (sim_iface == SIM_ACCEL)
		snprintf(dir, sizeof(dir), "%s/sys/devices/pci0000:00/%s", root, d->bus_id);
	else
		snprintf(dir, sizeof(dir), "%s/sys/class/habanalabs/hl%d", root, d->index);
	put(dir, "status", "%s\n", status_text(d->status));
	put(dir, "hard_reset_cnt", "%u\n", d->hard_resets);
	put(dir, "soft_reset_cnt", "%u\n", d->soft_resets);
}

/* a PCI device directory with the standard files */
static void pci_dir(const char *bdf, unsigned vendor, unsigned device,
		    unsigned rev, const char *driver, char *out, size_t size)
{
	snprintf(out, size, "%s/sys/devices/pci0000:00/%s", root, bdf);
	mkdirs("%s", out);
	put(out, "vendor", "0x%04x\n", vendor);
	put(out, "device", "0x%04x\n", device);
	put(out, "revision", "0x%02x\n", rev);
	put(out, "subsystem_vendor", "0x%04x\n", vendor);
	put(out, "subsystem_device", "0x%04x\n", device);
	put(out, "class", "0x120000\n");
	put(out, "numa_node", "-1\n");
	put(out, "current_link_speed", "32.0 GT/s PCIe\n");
	put(out, "uevent", "DRIVER=%s\nPCI_ID=%04X:%04X\nPCI_SLOT_NAME=%s\n", driver,
	    vendor, device, bdf);
	mkdirs("%s/sys/bus/pci/drivers/%s", root, driver);
	link_to("../../../bus/pci/drivers/habanalabs", "%s/driver", out);
	if (strcmp(driver, "habanalabs")) {
		char p[512];

		snprintf(p, sizeof(p), "%s/driver", out);
		unlink(p);
		snprintf(p, sizeof(p), "../../../bus/pci/drivers/%s", driver);
		link_to(p, "%s/driver", out);
	}
	mkdirs("%s/sys/bus/pci/devices", root);
	{
		char t[128];

		snprintf(t, sizeof(t), "../../../devices/pci0000:00/%s", bdf);
		link_to(t, "%s/sys/bus/pci/devices/%s", root, bdf);
	}
	snprintf(bdfs[nbdfs++], sizeof(bdfs[0]), "%s", bdf);
}

static void hl_attrs(const char *dir, struct sim_device *d)
{
	bool g2 = d->asic == SIM_GAUDI2;

	put(dir, "device_type", "%s\n", g2 ? "GAUDI2" : "GAUDI");
	put(dir, "pci_addr", "%s\n", d->bus_id);
	put(dir, "cpucp_ver", "hla-sim-cpucp 1.0.0\n");
	put(dir, "cpucp_kernel_ver", "Linux hla-sim 6.8.0\n");
	put(dir, "armcp_ver", "hla-sim-cpucp 1.0.0\n");
	put(dir, "armcp_kernel_ver", "Linux hla-sim 6.8.0\n");
	if (sim_iface == SIM_ACCEL)
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
	if (sim_iface == SIM_ACCEL) {
		put(dir, "module_id", "%u\n", d->module_id);
		put(dir, "parent_device", "%s\n", d->bus_id);
	}
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

int sim_fs_create(void)
{
	const char *want = getenv("HLA_SIM_ROOT");
	const char *tmp = getenv("TMPDIR");
	int minor = 0;

	if (want && *want) {
		snprintf(root, sizeof(root), "%s", want);
		mkdir(root, 0755);
	} else {
		snprintf(root, sizeof(root), "%s/hla-sim.XXXXXX", tmp && *tmp ? tmp : "/tmp");
		if (!mkdtemp(root))
			return -errno;
		root_owned = true;
	}
	mkdirs("%s/dev", root);
	mkdirs("%s/sys/dev/char", root);
	if (sim_iface == SIM_ACCEL) {
		mkdirs("%s/dev/accel", root);
		mkdirs("%s/sys/class/accel", root);
	} else {
		mkdirs("%s/sys/class/habanalabs", root);
	}

	int foreign_left = sim_iface == SIM_ACCEL ? sim_nforeign : 0;
	int fidx = 0;

	for (int pass = 0; pass < 2; pass++) {
		/* foreign nodes first when asked, then ours, then the rest */
		if (pass == 0) {
			if (!sim_foreign_first || !foreign_left)
				continue;
		}
		if (pass == 1) {
			for (int i = 0; i < sim_ndev; i++) {
				struct sim_device *d = &sim_devs[i];
				char pci[400], rel[128], cls[400];

				pci_dir(d->bus_id, HLK_PCI_VENDOR_HABANA, d->pci_device_id,
					d->asic == SIM_GAUDI2 ? 1 : 0, "habanalabs", pci,
					sizeof(pci));
				if (sim_iface == SIM_ACCEL) {
					d->index = minor++;
					hl_attrs(pci, d);
					snprintf(cls, sizeof(cls), "%s/sys/class/accel/accel%d",
						 root, d->index);
					mkdirs("%s", cls);
					put(cls, "uevent", "MAJOR=%u\nMINOR=%d\nDEVNAME=accel/accel%d\n",
					    SIM_MAJOR_ACCEL, d->index, d->index);
					put(cls, "dev", "%u:%d\n", SIM_MAJOR_ACCEL, d->index);
					snprintf(rel, sizeof(rel), "../../../devices/pci0000:00/%s",
						 d->bus_id);
					link_to(rel, "%s/device", cls);
					snprintf(rel, sizeof(rel), "../../class/accel/accel%d", d->index);
					link_to(rel, "%s/sys/dev/char/%u:%d", root, SIM_MAJOR_ACCEL,
						d->index);
					snprintf(cls, sizeof(cls),
						 "%s/sys/class/accel/accel_controlD%d", root, d->index);
					mkdirs("%s", cls);
					put(cls, "uevent",
					    "MAJOR=%u\nMINOR=%d\nDEVNAME=accel/accel_controlD%d\n",
					    SIM_MAJOR_CONTROL, d->index, d->index);
					put(cls, "dev", "%u:%d\n", SIM_MAJOR_CONTROL, d->index);
					snprintf(rel, sizeof(rel), "../../../devices/pci0000:00/%s",
						 d->bus_id);
					link_to(rel, "%s/device", cls);
					snprintf(rel, sizeof(rel), "../../class/accel/accel_controlD%d",
						 d->index);
					link_to(rel, "%s/sys/dev/char/%u:%d", root, SIM_MAJOR_CONTROL,
						d->index);
					snprintf(rel, sizeof(rel), "/dev/accel/accel%d", d->index);
					add_node(rel, i, false, sim_rdev(d, false));
					snprintf(rel, sizeof(rel), "/dev/accel/accel_controlD%d",
						 d->index);
					add_node(rel, i, true, sim_rdev(d, true));
				} else {
					d->index = i;
					snprintf(cls, sizeof(cls), "%s/sys/class/habanalabs/hl%d", root,
						 i);
					mkdirs("%s", cls);
					hl_attrs(cls, d);
					put(cls, "uevent", "MAJOR=%u\nMINOR=%d\nDEVNAME=hl%d\n",
					    SIM_MAJOR_LEGACY, 2 * i, i);
					put(cls, "dev", "%u:%d\n", SIM_MAJOR_LEGACY, 2 * i);
					snprintf(rel, sizeof(rel), "../../../devices/pci0000:00/%s",
						 d->bus_id);
					link_to(rel, "%s/device", cls);
					snprintf(rel, sizeof(rel), "../../class/habanalabs/hl%d", i);
					link_to(rel, "%s/sys/dev/char/%u:%d", root, SIM_MAJOR_LEGACY,
						2 * i);
					snprintf(cls, sizeof(cls),
						 "%s/sys/class/habanalabs/hl_controlD%d", root, i);
					mkdirs("%s", cls);
					put(cls, "uevent", "MAJOR=%u\nMINOR=%d\nDEVNAME=hl_controlD%d\n",
					    SIM_MAJOR_LEGACY, 2 * i + 1, i);
					snprintf(rel, sizeof(rel), "../../../devices/pci0000:00/%s",
						 d->bus_id);
					link_to(rel, "%s/device", cls);
					snprintf(rel, sizeof(rel), "../../class/habanalabs/hl_controlD%d", i);
					link_to(rel, "%s/sys/dev/char/%u:%d", root, SIM_MAJOR_LEGACY,
						2 * i + 1);
					snprintf(rel, sizeof(rel), "/dev/hl%d", i);
					add_node(rel, i, false, sim_rdev(d, false));
					snprintf(rel, sizeof(rel), "/dev/hl_controlD%d", i);
					add_node(rel, i, true, sim_rdev(d, true));
				}
				sim_fs_set_status(d);
			}
		}
		/* foreign accelerators (another vendor's driver) */
		int take = pass == 0 ? 1 : foreign_left;

		for (int k = 0; k < take && foreign_left; k++, foreign_left--, fidx++) {
			char pci[400], cls[400], rel[128], bdf[24];

			snprintf(bdf, sizeof(bdf), "0000:00:%02x.0", 0x0b + fidx);
			pci_dir(bdf, 0x8086, 0x7d1d, 4, "intel_vpu", pci, sizeof(pci));
			snprintf(cls, sizeof(cls), "%s/sys/class/accel/accel%d", root, minor);
			mkdirs("%s", cls);
			put(cls, "uevent", "MAJOR=%u\nMINOR=%d\nDEVNAME=accel/accel%d\n",
			    SIM_MAJOR_ACCEL, minor, minor);
			put(cls, "dev", "%u:%d\n", SIM_MAJOR_ACCEL, minor);
			snprintf(rel, sizeof(rel), "../../../devices/pci0000:00/%s", bdf);
			link_to(rel, "%s/device", cls);
			snprintf(rel, sizeof(rel), "../../class/accel/accel%d", minor);
			link_to(rel, "%s/sys/dev/char/%u:%d", root, SIM_MAJOR_ACCEL, minor);
			snprintf(rel, sizeof(rel), "/dev/accel/accel%d", minor);
			add_node(rel, -1, false, makedev(SIM_MAJOR_ACCEL, (unsigned)minor));
			minor++;
		}
	}
	return 0;
}

static bool has_prefix(const char *p, const char *pre, const char **rest)
{
	size_t n = strlen(pre);

	if (strncmp(p, pre, n))
		return false;
	if (rest)
		*rest = p + n;
	return true;
}

const char *sim_fs_path(const char *path, char *buf, size_t size)
{
	const char *rest;
	bool ours = false;

	if (!path || path[0] != '/' || !root[0])
		return path;
	if (has_prefix(path, "/dev/accel", &rest) && (!*rest || *rest == '/'))
		ours = sim_iface == SIM_ACCEL;
	else if (has_prefix(path, "/dev/hl", &rest) &&
		 ((*rest >= '0' && *rest <= '9') || has_prefix(rest, "_control", NULL)))
		ours = sim_iface == SIM_LEGACY;
	else if (has_prefix(path, "/sys/class/accel", &rest) && (!*rest || *rest == '/'))
		ours = true;
	else if (has_prefix(path, "/sys/class/habanalabs", &rest) &&
		 (!*rest || *rest == '/'))
		ours = true;
	else if (has_prefix(path, "/sys/dev/char", &rest) && (!*rest || *rest == '/'))
		ours = true;
	else if (has_prefix(path, "/sys/bus/pci/drivers/habanalabs", &rest) ||
		 has_prefix(path, "/sys/bus/pci/drivers/intel_vpu", &rest))
		ours = true;
	else if (has_prefix(path, "/sys/bus/pci/devices/", &rest) ||
		 has_prefix(path, "/sys/devices/pci0000:00/", &rest)) {
		for (int i = 0; i < nbdfs; i++)
			if (!strncmp(rest, bdfs[i], strlen(bdfs[i])) &&
			    (!rest[strlen(bdfs[i])] || rest[strlen(bdfs[i])] == '/'))
				ours = true;
	}
	if (!ours)
		return path;
	if ((size_t)snprintf(buf, size, "%s%s", root, path) >= size)
		return path;
	return buf;
}

bool sim_fs_node(const char *real_path, int *dev_index, bool *control, dev_t *rdev,
		 bool *foreign)
{
	char canon[512];
	const char *p = real_path;

	if (!root[0] || strncmp(real_path, root, strlen(root)))
		return false;
	/* follow "." and ".." the simple way: exact match only */
	if (realpath(real_path, canon))
		p = canon;
	for (int i = 0; i < nnodes; i++) {
		char c2[512];
		const char *np = nodes[i].path;

		if (realpath(np, c2))
			np = c2;
		if (!strcmp(p, np)) {
			*dev_index = nodes[i].dev;
			*control = nodes[i].control;
			*rdev = nodes[i].rdev;
			*foreign = nodes[i].dev < 0;
			return true;
		}
	}
	return false;
}
