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
#include <dirent.h>
#include <limits.h>
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
/* "<parent>/hla-sim.<launcher pid>.": the trees of this launcher's processes */
static char family[160];
static bool root_owned;
/*
 * Under the launcher, processes of one configuration share one tree (the
 * first builds it) and the status files that change are each process's
 * own, under dyn, a directory of the same shape: dyn_own[i] once device
 * i's have been written there.
 */
static bool shared;
static char dyn[200];
static size_t dyn_len;
static bool dyn_own[SIM_MAX_DEVICES];
static bool any_dyn; /* some dyn_own[] is set */
static enum sim_iface iface;
static const struct sim_profile *prof;
static struct sim_node nodes[MAX_MINORS][2]; /* [minor][control] */
static bool node_used[MAX_MINORS][2];
static uint32_t bdfs[BDF_HASH]; /* domain << 16 | bus << 8 | devfn, +1 */
static struct sim_device *bdf_devs[BDF_HASH]; /* NULL: another vendor's */
static int foreign_minor = -1;

const char *sim_fs_root(void)
{
	return root;
}

/* ---- writing the tree ---- */
/* path and its parents, those below the first skip bytes (a tree's root) */
static void mkdirs_below(const char *path, size_t skip)
{
	char p[512];

	snprintf(p, sizeof(p), "%s", path);
	for (char *s = p + skip + 1; *s; s++) {
		if (*s == '/') {
			*s = '\0';
			mkdir(p, 0755);
			*s = '/';
		}
	}
	mkdir(p, 0755);
}

static void mkdirs(const char *path)
{
	mkdirs_below(path, root_len);
}

/* dir/name, without printf: the tree has thousands of files */
static void join(char *out, size_t size, const char *dir, const char *name)
{
	size_t a = strlen(dir), b = strlen(name);

	if (a + b + 2 > size) {
		out[0] = '\0';
		return;
	}
	memcpy(out, dir, a);
	out[a] = '/';
	memcpy(out + a + 1, name, b + 1);
}

/* concatenate the strings up to NULL into out (empty if it does not fit) */
static char *cat(char *out, size_t size, ...)
{
	size_t at = 0;
	const char *part;
	va_list ap;

	va_start(ap, size);
	while ((part = va_arg(ap, const char *))) {
		size_t n = strlen(part);

		if (at + n + 1 > size) {
			at = 0;
			break;
		}
		memcpy(out + at, part, n);
		at += n;
	}
	va_end(ap);
	out[at] = '\0';
	return out;
}

/* a new directory from a template ending in XXXXXX into out; 0 or -errno */
static int make_dir(char *out, size_t size, const char *prefix, const char *name)
{
	if (!cat(out, size, prefix, name, "XXXXXX", NULL)[0])
		return -ENAMETOOLONG;
	if (!mkdtemp(out)) {
		out[0] = '\0';
		return -errno;
	}
	return 0;
}

/* v in decimal, or in hex with at least width digits */
static const char *num(char *buf, unsigned v, bool hex, int width)
{
	char tmp[16];
	int n = 0, at = 0;

	do {
		unsigned dig = hex ? v & 15 : v % 10;

		tmp[n++] = (char)(dig < 10 ? '0' + dig : 'a' + dig - 10);
		v = hex ? v >> 4 : v / 10;
	} while (v || n < width);
	while (n)
		buf[at++] = tmp[--n];
	buf[at] = '\0';
	return buf;
}

static void write_file(const char *path, const char *text)
{
	size_t n = strlen(text);
	int fd = sim_real_open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);

	if (fd < 0)
		return;
	if (n && sim_real_write(fd, text, n) < 0)
		sim_log("write %s failed", path);
	sim_real_close(fd);
}

static void put(const char *dir, const char *name, const char *text)
{
	char p[512];

	join(p, sizeof(p), dir, name);
	if (p[0])
		write_file(p, text);
}

/* rewrite a file a reader may be reading: aside, then renamed over it */
static void replace(const char *dir, const char *name, const char *text)
{
	char p[512], tmp[520];

	join(p, sizeof(p), dir, name);
	snprintf(tmp, sizeof(tmp), "%s.new", p);
	write_file(tmp, text);
	if (rename(tmp, p))
		sim_log("rename %s failed", p);
}

static void putf(const char *dir, const char *name, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void putf(const char *dir, const char *name, const char *fmt, ...)
{
	char buf[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	put(dir, name, buf);
}

static void link_to(const char *target, const char *path)
{
	unlink(path);
	if (symlink(target, path))
		sim_log("symlink %s failed", path);
}

static uint32_t bdf_key(unsigned domain, unsigned bus, unsigned devfn)
{
	return (domain << 16 | bus << 8 | devfn) + 1;
}

static void bdf_add(uint32_t key, struct sim_device *d)
{
	for (uint32_t i = key % BDF_HASH;; i = (i + 1) % BDF_HASH)
		if (!bdfs[i] || bdfs[i] == key) {
			bdfs[i] = key;
			bdf_devs[i] = d;
			return;
		}
}

/* the slot of an address of ours, or -1 */
static int bdf_find(uint32_t key)
{
	for (uint32_t i = key % BDF_HASH; bdfs[i]; i = (i + 1) % BDF_HASH)
		if (bdfs[i] == key)
			return (int)i;
	return -1;
}

static bool bdf_ours(uint32_t key)
{
	return bdf_find(key) >= 0;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* n lowercase hex digits */
static bool hexfield(const char *s, int n, unsigned *out)
{
	unsigned v = 0;

	for (int i = 0; i < n; i++) {
		int h = hexval(s[i]);

		if (h < 0)
			return false;
		v = v << 4 | (unsigned)h;
	}
	*out = v;
	return true;
}

/* "DDDD:BB:dd.f" followed by the end or '/' */
static bool bdf_parse(const char *s, uint32_t *key)
{
	unsigned domain, bus, dev, fn;

	if (!hexfield(s, 4, &domain) || s[4] != ':' || !hexfield(s + 5, 2, &bus) ||
	    s[7] != ':' || !hexfield(s + 8, 2, &dev) || s[10] != '.' ||
	    !hexfield(s + 11, 1, &fn) || (s[12] && s[12] != '/'))
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

/* the directory holding a device's attributes, in the tree at base */
static void attr_dir(const struct sim_device *d, const char *base, char *out, size_t size)
{
	if (prof->ioc == SIM_IOC_COMPAT)
		snprintf(out, size, "%s/sys/class/accel/accel%d/device", base, d->minor);
	else if (iface == SIM_ACCEL)
		snprintf(out, size, "%s/sys/devices/pci%.4s:00/%s", base, d->bus_id, d->bus_id);
	else
		snprintf(out, size, "%s/sys/class/habanalabs/hl%d", base, d->idx);
}

/*
 * What the status files of each device say, so that a change rewrites
 * only the files it changes (a reset passes through two statuses and
 * bumps one counter: three files of six).  Called with the device's lock
 * held, so each entry has one writer at a time.
 */
static struct {
	bool written;
	uint32_t status, hard, soft;
} shown[SIM_MAX_DEVICES];

/* d's status files in the tree at base; all of them, or those that changed */
static void status_files(const struct sim_device *d, const char *base, bool all)
{
	char dir[400], text[64];

	attr_dir(d, base, dir, sizeof(dir));
	if (base == dyn && all)
		mkdirs_below(dir, dyn_len);
	if (all || shown[d->idx].status != d->status) {
		snprintf(text, sizeof(text), "%s\n", status_text(d->status));
		replace(dir, "status", text);
	}
	if (all || shown[d->idx].hard != d->hard_resets) {
		snprintf(text, sizeof(text), "%u\n", d->hard_resets);
		replace(dir, "hard_reset_cnt", text);
	}
	if (all || shown[d->idx].soft != d->soft_resets) {
		snprintf(text, sizeof(text), "%u\n", d->soft_resets);
		replace(dir, "soft_reset_cnt", text);
	}
	shown[d->idx].written = true;
	shown[d->idx].status = d->status;
	shown[d->idx].hard = d->hard_resets;
	shown[d->idx].soft = d->soft_resets;
}

/* this process's directory for its status files, made on first use */
static bool dyn_ready(void)
{
	static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
	int ret = 0;

	if (__atomic_load_n(&dyn_len, __ATOMIC_ACQUIRE))
		return true;
	pthread_mutex_lock(&lock);
	if (!dyn_len) {
		ret = make_dir(dyn, sizeof(dyn), family, "p");
		if (!ret)
			__atomic_store_n(&dyn_len, strlen(dyn), __ATOMIC_RELEASE);
	}
	pthread_mutex_unlock(&lock);
	if (ret)
		sim_log("no directory for this process's status files: %s", strerror(-ret));
	return !ret;
}

void sim_fs_status(const struct sim_device *d)
{
	if (!shared) {
		status_files(d, root, !shown[d->idx].written);
		return;
	}
	/* a shared tree: the first change makes this process's own three
	 * files, and from then on the device's paths lead there; the shared
	 * files are never written */
	if (!dyn_ready())
		return;
	status_files(d, dyn, !dyn_own[d->idx]);
	__atomic_store_n(&dyn_own[d->idx], true, __ATOMIC_RELEASE);
	__atomic_store_n(&any_dyn, true, __ATOMIC_RELEASE);
}

/* a PCI device directory with the standard files, its bus and driver links */
static void pci_dir(const char *bdf, unsigned vendor, unsigned device, unsigned rev,
		    const char *driver, char *out, size_t size)
{
	char t[160], p[512], v[16], dv[16], r[16], text[160];

	cat(out, size, root, "/sys/devices/pci", (char[]){ bdf[0], bdf[1], bdf[2], bdf[3], 0 },
	    ":00/", bdf, NULL);
	mkdirs(out);
	num(v, vendor, true, 4);
	num(dv, device, true, 4);
	put(out, "vendor", cat(text, sizeof(text), "0x", v, "\n", NULL));
	put(out, "subsystem_vendor", text);
	put(out, "device", cat(text, sizeof(text), "0x", dv, "\n", NULL));
	put(out, "subsystem_device", text);
	put(out, "revision", cat(text, sizeof(text), "0x", num(r, rev, true, 2), "\n", NULL));
	put(out, "class", "0x120000\n");
	put(out, "numa_node", "-1\n");
	put(out, "current_link_speed", "32.0 GT/s PCIe\n");
	putf(out, "uevent", "DRIVER=%s\nPCI_ID=%04X:%04X\nPCI_SLOT_NAME=%s\n", driver, vendor,
	     device, bdf);
	mkdirs(cat(p, sizeof(p), root, "/sys/bus/pci/drivers/", driver, NULL));
	link_to(cat(t, sizeof(t), "../../../bus/pci/drivers/", driver, NULL),
		cat(p, sizeof(p), out, "/driver", NULL));
	mkdirs(cat(p, sizeof(p), root, "/sys/bus/pci/devices", NULL));
	link_to(cat(t, sizeof(t), "../../..", out + root_len + 4, NULL),
		cat(p, sizeof(p), root, "/sys/bus/pci/devices/", bdf, NULL));
}

/* the driver's sysfs attributes (sysfs.c); the same text for every device
 * but for its address and module id */
static void hl_attrs(const char *dir, const struct sim_device *d)
{
	static const struct {
		const char *name, *g2, *g1;
	} fixed[] = {
		{ "cpucp_ver", "hla-sim-cpucp 1.0.0\n", NULL },
		{ "cpucp_kernel_ver", "Linux hla-sim 6.8.0\n", NULL },
		{ "armcp_ver", "hla-sim-cpucp 1.0.0\n", NULL },
		{ "armcp_kernel_ver", "Linux hla-sim 6.8.0\n", NULL },
		{ "uboot_ver", "U-Boot hla-sim\n", NULL },
		{ "preboot_btl_ver", "Preboot hla-sim 1.0\n", NULL },
		{ "fuse_ver", "hla-sim fuse 1\n", NULL },
		{ "thermal_ver", "hla-sim thermal 1\n", NULL },
		{ "fw_os_ver", "hla-sim fw-os 1\n", NULL },
		{ "security_enabled", "0\n", NULL },
		{ "max_power", "600000\n", "350000\n" },
		{ "clk_max_freq_mhz", "1650\n", "2200\n" },
		{ "clk_cur_freq_mhz", "1650\n", "2200\n" },
		{ "eeprom", "", NULL },
	};
	bool g2 = sim_gaudi2(d);
	char line[64];

	/* device_type_show(): the name of the ASIC get_asic_type() found */
	snprintf(line, sizeof(line), "%s\n", d->sim->cfg.variant->device_type);
	put(dir, "device_type", line);
	for (size_t i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++)
		put(dir, fixed[i].name, !g2 && fixed[i].g1 ? fixed[i].g1 : fixed[i].g2);
	if (g2)
		put(dir, "vrm_ver", "hla-sim vrm 1\n");
	else
		put(dir, "infineon_ver", "0x1a\n");
	put(dir, "cpld_ver", iface == SIM_ACCEL ? "0x6600000000000010\n" : "0x00000010\n");
	snprintf(line, sizeof(line), "%s\n", d->bus_id);
	put(dir, "pci_addr", line);
	if (prof->module_version) { /* driver_ver_show(): Habana's driver only */
		snprintf(line, sizeof(line), "%s\n", prof->module_version);
		put(dir, "driver_ver", line);
		snprintf(line, sizeof(line), "%s\n", d->bus_id);
	}
	if (prof->module_id) { /* module_id_show(), parent_device_show() */
		put(dir, "parent_device", line);
		put(dir, "module_id", cat(line, sizeof(line), num((char[16]){ 0 }, d->module_id,
									false, 1), "\n", NULL));
	}
}

/* the driver's hwmon device under the PCI device: a temperature that
 * differs per device (30 C + index), in millidegrees as hwmon gives it */
static void hwmon_attrs(const char *pci, const struct sim_device *d)
{
	char dir[480], n[16], temp[16];

	cat(dir, sizeof(dir), pci, "/hwmon/hwmon", num(n, (unsigned)d->idx, false, 1), NULL);
	mkdirs(dir);
	put(dir, "name", "habanalabs\n");
	put(dir, "temp1_input", cat(temp, sizeof(temp),
				    num(n, 30000u + 1000u * (unsigned)d->idx, false, 1), "\n",
				    NULL));
}

/* a class directory (uevent, dev, device link), its /sys/dev/char link and node */
static void class_entry(const char *cls, const char *name, const char *devname,
			unsigned major, unsigned minor, const char *pci)
{
	char dir[400], t[400], p[512], ma[16], mi[16], text[160];

	cat(dir, sizeof(dir), root, "/sys/class/", cls, "/", name, NULL);
	mkdirs(dir);
	num(ma, major, false, 1);
	num(mi, minor, false, 1);
	put(dir, "uevent", cat(text, sizeof(text), "MAJOR=", ma, "\nMINOR=", mi, "\nDEVNAME=",
			       devname, "\n", NULL));
	put(dir, "dev", cat(text, sizeof(text), ma, ":", mi, "\n", NULL));
	if (pci)
		link_to(cat(t, sizeof(t), "../../..", pci + root_len + 4, NULL),
			cat(p, sizeof(p), dir, "/device", NULL));
	link_to(cat(t, sizeof(t), "../../class/", cls, "/", name, NULL),
		cat(p, sizeof(p), root, "/sys/dev/char/", ma, ":", mi, NULL));
	write_file(cat(p, sizeof(p), root, "/dev/", devname, NULL), "");
}

static void add_node(unsigned minor, bool control, struct sim_device *d)
{
	nodes[minor][control].dev = d;
	nodes[minor][control].control = control;
	nodes[minor][control].rdev = d ? sim_dev_rdev(d, control)
				       : makedev(HLK_ACCEL_MAJOR, minor);
	node_used[minor][control] = true;
}

static void device_accel(struct sim_device *d)
{
	char pci[400], name[64], devname[80], n[16];
	unsigned minor = (unsigned)d->minor;

	bool compat = prof->ioc == SIM_IOC_COMPAT;

	pci_dir(d->bus_id, HLK_PCI_VENDOR_HABANA, d->pci_device_id, d->pci_revision,
		"habanalabs", pci, sizeof(pci));
	hwmon_attrs(pci, d);
	num(n, minor, false, 1);
	/*
	 * Without DRM accel (habanalabs_compat_accel.c) the class devices have
	 * no parent: the attributes are a group named "device" on accelN
	 * (hl_accel_device_add_groups()), not the PCI device's own files.
	 */
	class_entry("accel", cat(name, sizeof(name), "accel", n, NULL),
		    cat(devname, sizeof(devname), "accel/accel", n, NULL),
		    major(sim_dev_rdev(d, false)), minor, compat ? NULL : pci);
	class_entry("accel", cat(name, sizeof(name), "accel_controlD", n, NULL),
		    cat(devname, sizeof(devname), "accel/accel_controlD", n, NULL),
		    SIM_MAJOR_CONTROL, minor, compat ? NULL : pci);
	if (compat) {
		char dir[400];

		cat(dir, sizeof(dir), root, "/sys/class/accel/accel", n, "/device", NULL);
		mkdirs(dir);
		hl_attrs(dir, d);
	} else {
		hl_attrs(pci, d);
	}
}

static void device_legacy(struct sim_device *d)
{
	char pci[400], dir[400], name[64], n[16];
	unsigned i = (unsigned)d->idx;

	pci_dir(d->bus_id, HLK_PCI_VENDOR_HABANA, d->pci_device_id, d->pci_revision,
		"habanalabs", pci, sizeof(pci));
	hwmon_attrs(pci, d);
	num(n, i, false, 1);
	class_entry("habanalabs", cat(name, sizeof(name), "hl", n, NULL), name, SIM_MAJOR_LEGACY,
		    2 * i, pci);
	hl_attrs(cat(dir, sizeof(dir), root, "/sys/class/habanalabs/", name, NULL), d);
	class_entry("habanalabs", cat(name, sizeof(name), "hl_controlD", n, NULL), name,
		    SIM_MAJOR_LEGACY, 2 * i + 1, pci);
}

/* another vendor's accelerator (driver intel_vpu) */
static void foreign_accel(unsigned k, unsigned minor)
{
	char pci[400], bdf[24], name[64], devname[80], n[16];

	snprintf(bdf, sizeof(bdf), "0000:00:%02x.0", 0x0b + k);
	pci_dir(bdf, 0x8086, 0x7d1d, 4, "intel_vpu", pci, sizeof(pci));
	num(n, minor, false, 1);
	class_entry("accel", cat(name, sizeof(name), "accel", n, NULL),
		    cat(devname, sizeof(devname), "accel/accel", n, NULL), HLK_ACCEL_MAJOR, minor,
		    pci);
}

/* /sys/module/habanalabs: a version file where the driver sets MODULE_VERSION() */
static void module_dir(void)
{
	char p[400], line[80];

	mkdirs(cat(p, sizeof(p), root, "/sys/module/habanalabs", NULL));
	put(p, "initstate", "live\n");
	if (prof->module_version) {
		snprintf(line, sizeof(line), "%s\n", prof->module_version);
		put(p, "version", line);
	}
}

/* ---- the tree's place and life ---- */
/*
 * Which minor each node has and which PCI addresses are ours: what every
 * process needs, whether it writes the tree or finds it written.  Foreign
 * nodes first when asked, then ours, then the rest.
 */
static void foreign_layout(unsigned k, unsigned minor)
{
	bdf_add(bdf_key(0, 0, (0x0bu + k) << 3), NULL);
	add_node(minor, false, NULL);
	foreign_minor = (int)minor;
}

static void layout(struct sim *s, int nforeign)
{
	unsigned minor = 0, k = 0;

	if (s->cfg.foreign_first && nforeign)
		foreign_layout(k++, minor++);
	for (int i = 0; i < s->ndev; i++) {
		struct sim_device *d = &s->devs[i];
		uint32_t key;

		if (bdf_parse(d->bus_id, &key))
			bdf_add(key, d);
		if (iface == SIM_ACCEL)
			d->minor = (int)minor++;
		add_node((unsigned)d->minor, false, d);
		add_node((unsigned)d->minor, true, d);
	}
	while ((int)k < nforeign)
		foreign_layout(k++, minor++);
}

static void write_tree(struct sim *s, int nforeign)
{
	char p[400];
	unsigned minor = 0, k = 0;

	module_dir();
	mkdirs(cat(p, sizeof(p), root, "/sys/dev/char", NULL));
	mkdirs(cat(p, sizeof(p), root, iface == SIM_ACCEL ? "/dev/accel" : "/dev", NULL));
	mkdirs(cat(p, sizeof(p), root, "/sys/class/",
		   iface == SIM_ACCEL ? "accel" : "habanalabs", NULL));
	if (s->cfg.foreign_first && nforeign)
		foreign_accel(k++, minor++);
	for (int i = 0; i < s->ndev; i++) {
		if (iface == SIM_ACCEL) {
			device_accel(&s->devs[i]);
			minor++;
		} else {
			device_legacy(&s->devs[i]);
		}
		status_files(&s->devs[i], root, true);
	}
	while ((int)k < nforeign)
		foreign_accel(k++, minor++);
}

/* what shapes the tree: processes whose settings agree on it share one */
static uint64_t tree_key(const struct sim_config *cfg, int nforeign)
{
	char text[256];
	uint64_t h = 0xcbf29ce484222325ull; /* FNV-1a */

	snprintf(text, sizeof(text), "%d/%d/%d/%s/%s/%d", cfg->ndev, nforeign,
		 cfg->foreign_first, cfg->variant->name, cfg->prof->name, cfg->iface);
	for (const char *c = text; *c; c++)
		h = (h ^ (uint8_t)*c) * 0x100000001b3ull;
	return h;
}

/*
 * The root: HLA_SIM_ROOT as given; under the launcher (its shared state,
 * HLA_SIM_LAUNCHER), the tree of this configuration, which *build says
 * whether to write (into a new directory, published by publish());
 * otherwise a new tree of this process's own.
 */
static int make_root(const struct sim *s, int nforeign, bool *build)
{
	const char *launcher = getenv("HLA_SIM_LAUNCHER");
	int ret;

	*build = true;
	if (launcher && *launcher && strlen(launcher) < 12 && !strchr(launcher, '/') &&
	    sim_tree_family(family, sizeof(family), launcher))
		family[0] = '\0';
	if (s->cfg.root) {
		snprintf(root, sizeof(root), "%s", s->cfg.root);
		mkdir(root, 0755);
	} else if (family[0] && s->xproc.shared) {
		char name[32];

		shared = true;
		snprintf(name, sizeof(name), "t%016llx",
			 (unsigned long long)tree_key(&s->cfg, nforeign));
		if (!cat(root, sizeof(root), family, name, NULL)[0])
			return -ENAMETOOLONG;
		root_len = strlen(root);
		if (!sim_real_access(root, F_OK)) {
			*build = false;
			return 0;
		}
		name[0] = 'n';
		ret = make_dir(root, sizeof(root), family, name);
		if (ret)
			return ret;
	} else {
		ret = make_dir(root, sizeof(root), family[0] ? family : sim_tree_parent(),
			       family[0] ? "" : "/hla-sim.");
		if (ret)
			return ret;
		root_owned = true;
	}
	root_len = strlen(root);
	return 0;
}

static void rm_tree(const char *path);

/* a shared tree written: put it in place, unless another process has */
static void publish(void)
{
	char built[sizeof(root)];
	size_t n = strlen(family);

	memcpy(built, root, sizeof(built));
	root[n] = 't';
	root[root_len - 6] = '\0';
	root_len -= 6;
	if (!rename(built, root))
		return;
	if (errno == EEXIST || errno == ENOTEMPTY) {
		rm_tree(built); /* another process was first: theirs is the same */
		return;
	}
	sim_log("publishing the tree %s failed: %s", built, strerror(errno));
	memcpy(root, built, sizeof(root)); /* keep it as this process's own */
	root_len = strlen(root);
	root_owned = true;
}

int sim_fs_create(struct sim *s)
{
	const struct sim_config *cfg = &s->cfg;
	int nforeign, ret;
	bool build;

	iface = cfg->iface;
	prof = cfg->prof;
	/* other vendors' accel nodes need the DRM accel core */
	nforeign = prof->ioc == SIM_IOC_DRM ? cfg->nforeign : 0;
	layout(s, nforeign);
	for (int i = 0; i < s->ndev; i++) {
		shown[i].written = true;
		shown[i].status = s->devs[i].status;
		shown[i].hard = s->devs[i].hard_resets;
		shown[i].soft = s->devs[i].soft_resets;
	}
	ret = make_root(s, nforeign, &build);
	if (ret) {
		root[0] = '\0';
		return ret;
	}
	if (build)
		write_tree(s, nforeign);
	if (shared && build)
		publish();
	sim_log("fake tree %s: %s", root, !shared ? "this process's own" :
		build ? "built, shared with the launcher's other processes" :
		"shared, built by another process");
	return 0;
}

/* remove everything below dirfd (a directory of the tree), depth first */
static void rm_below(int dirfd, int depth)
{
	DIR *dir;
	struct dirent *e;

	if (depth > 16 || !(dir = fdopendir(dirfd))) {
		sim_real_close(dirfd);
		return;
	}
	while ((e = readdir(dir))) {
		int sub;

		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		if (e->d_type == DT_DIR) {
			sub = sim_real_openat(dirfd, e->d_name, O_RDONLY | O_DIRECTORY | O_CLOEXEC |
							    O_NOFOLLOW, 0);
			if (sub >= 0)
				rm_below(sub, depth + 1);
			unlinkat(dirfd, e->d_name, AT_REMOVEDIR);
		} else {
			unlinkat(dirfd, e->d_name, 0);
		}
	}
	closedir(dir);
}

static void rm_tree(const char *path)
{
	int fd = sim_real_open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW, 0);

	if (fd >= 0)
		rm_below(fd, 0);
	rmdir(path);
}

/* a shared tree stays for the launcher to remove: only this process's
 * own status files go */
void sim_fs_destroy(void)
{
	if (root_owned && root[0])
		rm_tree(root);
	if (__atomic_load_n(&dyn_len, __ATOMIC_ACQUIRE))
		rm_tree(dyn);
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

	/* most paths a program uses are not under /dev or /sys at all; the
	 * fifth character tells the subtrees apart, so each path is compared
	 * with one or two prefixes */
	if (path[1] == 'd') {
		if (dir_prefix(path, "/dev/accel"))
			return iface == SIM_ACCEL;
		if (prefix(path, "/dev/hl", &rest))
			return iface == SIM_LEGACY &&
			       ((*rest >= '0' && *rest <= '9') || !strncmp(rest, "_control", 8));
		return false;
	}
	if (path[1] != 's' || strncmp(path, "/sys/", 5))
		return false;
	switch (path[5]) {
	case 'c':
		return dir_prefix(path, "/sys/class/accel") ||
		       dir_prefix(path, "/sys/class/habanalabs");
	case 'm':
		return dir_prefix(path, "/sys/module/habanalabs");
	case 'b':
		if (prefix(path, "/sys/bus/pci/devices/", &rest))
			return bdf_parse(rest, &key) && bdf_ours(key);
		return prefix(path, "/sys/bus/pci/drivers/habanalabs", &rest) ||
		       prefix(path, "/sys/bus/pci/drivers/intel_vpu", &rest);
	case 'd':
		if (dir_prefix(path, "/sys/dev/char"))
			return true;
		/* "/sys/devices/pciDDDD:00/DDDD:BB:dd.f" */
		if (prefix(path, "/sys/devices/pci", &rest) && strlen(rest) >= 8 && rest[7] == '/')
			return bdf_parse(rest + 8, &key) && bdf_ours(key);
		return false;
	default:
		return false;
	}
}

/* a status file the process may have of its own in a shared tree */
static bool dyn_name(const char *name)
{
	return !strcmp(name, "status") || !strcmp(name, "hard_reset_cnt") ||
	       !strcmp(name, "soft_reset_cnt");
}

/* "<prefix>N<end>" with a decimal N naming a node of ours */
static struct sim_device *numbered(const char *p, const char *pre, const char *end)
{
	const char *rest;
	char *after;
	unsigned long v;

	if (!prefix(p, pre, &rest) || *rest < '0' || *rest > '9')
		return NULL;
	v = strtoul(rest, &after, 10);
	if (strcmp(after, end) || v >= MAX_MINORS || !node_used[v][0])
		return NULL;
	return nodes[v][0].dev;
}

/* the device whose attribute directory p (canonical, below the root) is */
static struct sim_device *attr_owner(const char *p)
{
	const char *rest;
	uint32_t key;
	int slot;

	if (prof->ioc == SIM_IOC_COMPAT)
		return numbered(p, "/sys/class/accel/accel", "/device");
	if (iface == SIM_LEGACY)
		return numbered(p, "/sys/class/habanalabs/hl", "");
	if (!prefix(p, "/sys/devices/pci", &rest) || strlen(rest) != 8 + 12 || rest[7] != '/' ||
	    !bdf_parse(rest + 8, &key) || (slot = bdf_find(key)) < 0)
		return NULL;
	return bdf_devs[slot];
}

/*
 * In a shared tree, a status file of a device whose status this process
 * has changed: its own copy, in buf.  NULL for every other path.  Only
 * such a name costs anything: the directory is resolved in the tree
 * (whatever links the path went through) to find the device.
 */
static const char *dyn_path(const char *path, char *buf, size_t size)
{
	const char *name = strrchr(path, '/');
	char dir[512], real[PATH_MAX];
	struct sim_device *d;
	size_t n = (size_t)(name - path);

	if (!dyn_name(name + 1) || root_len + n + 1 > sizeof(dir))
		return NULL;
	memcpy(dir, root, root_len);
	memcpy(dir + root_len, path, n);
	dir[root_len + n] = '\0';
	if (!sim_real_realpath(dir, real) || strncmp(real, root, root_len) ||
	    real[root_len] != '/')
		return NULL;
	d = attr_owner(real + root_len);
	if (!d || !__atomic_load_n(&dyn_own[d->idx], __ATOMIC_ACQUIRE))
		return NULL;
	attr_dir(d, dyn, real, sizeof(real));
	if (!cat(buf, size, real, name, NULL)[0])
		return NULL;
	return buf;
}

const char *sim_fs_path(const char *path, char *buf, size_t size)
{
	const char *own;
	size_t n;

	if (!path || path[0] != '/' || !root[0] || !ours(path))
		return path;
	if (__atomic_load_n(&any_dyn, __ATOMIC_ACQUIRE) && (own = dyn_path(path, buf, size)))
		return own;
	n = strlen(path);
	if (root_len + n + 1 > size)
		return path;
	memcpy(buf, root, root_len);
	memcpy(buf + root_len, path, n + 1);
	return buf;
}

/* "." or ".." components, or doubled slashes */
static bool needs_canon(const char *p)
{
	return strstr(p, "/.") || strstr(p, "//");
}

/*
 * A link read back from the kernel (/proc/PID/fd/N, /proc/PID/cwd) that
 * points into a tree of this launcher (its processes make one each) is
 * shown as the guest sees the file,
 * as a mount namespace would show it: /dev/accel/accel0, not the tree's
 * own path.  Another launcher's tree stays what it is.  Returns the new
 * length.
 */
ssize_t sim_fs_unroot(char *out, ssize_t len)
{
	size_t flen = strlen(family), cut = root_len;

	if (flen && (size_t)len > flen && !strncmp(out, family, flen)) {
		/* a tree of this launcher's processes, or one's own status files */
		const char *slash = memchr(out + flen, '/', (size_t)len - flen);

		if (!slash)
			return len;
		cut = (size_t)(slash - out);
	} else if (!root[0] || strncmp(out, root, root_len)) {
		return len;
	}
	if ((size_t)len <= cut || out[cut] != '/')
		return len;
	memmove(out, out + cut, (size_t)len - cut);
	return len - (ssize_t)cut;
}

bool sim_fs_node(const char *real_path, struct sim_node *out)
{
	char canon[512];
	const char *p = real_path;
	struct hlk_node n;

	const char *base = strrchr(p, '/');

	if (!root[0] || strncmp(p, root, root_len) || p[root_len] != '/')
		return false;
	/* whatever the path went through, a node's name is its last part:
	 * the attribute files every enumeration reads stop here */
	if (strncmp(base + 1, "accel", 5) && strncmp(base + 1, "hl", 2))
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
