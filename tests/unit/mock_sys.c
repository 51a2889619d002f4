/* SPDX-License-Identifier: MIT */
/*
 * The library's system-call seam, replaced for the unit tests.  Files live
 * in a temporary tree that stands in for /sys and /dev; device nodes are
 * plain files there that fstat/stat report as character devices with the
 * right numbers.  The driver is a log of ioctls plus a queue of answers.
 */
#include "mock.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "hla_internal.h"

#define MAX_LOG 256
#define MAX_NODES 64
#define MAX_DEVS 16
#define MAX_FDS 1024
#define MAX_PUSH 32
#define LEGACY_MAJOR 509u
#define ACCEL_CONTROL_MAJOR 510u

uint32_t mock_iface = HLA_INTERFACE_ACCEL;

/* ---- the model ---- */
static const struct model {
	uint32_t asic;
	uint32_t pci_id;
	uint32_t revision;
	const char *type;
} models[] = {
	{ HLA_ASIC_GOYA, HLK_PCI_ID_GOYA, 1, "GOYA" },
	{ HLA_ASIC_GAUDI, HLK_PCI_ID_GAUDI, 1, "GAUDI" },
	{ HLA_ASIC_GAUDI_SEC, HLK_PCI_ID_GAUDI_SEC, 1, "GAUDI SEC" },
	{ HLA_ASIC_GAUDI2, HLK_PCI_ID_GAUDI2, 1, "GAUDI2" },
	{ HLA_ASIC_GAUDI2B, HLK_PCI_ID_GAUDI2, 2, "GAUDI2B" },
	{ HLA_ASIC_GAUDI2C, HLK_PCI_ID_GAUDI2, 3, "GAUDI2C" },
	{ HLA_ASIC_GAUDI2D, HLK_PCI_ID_GAUDI2, 4, "GAUDI2D" },
	{ HLA_ASIC_GAUDI2E, HLK_PCI_ID_GAUDI2, 5, "GAUDI2E" },
	{ HLA_ASIC_GAUDI3, HLK_PCI_ID_GAUDI3, 1, "GAUDI3" },
};

static const struct model *model_of(uint32_t asic)
{
	for (size_t i = 0; i < sizeof(models) / sizeof(models[0]); i++)
		if (models[i].asic == asic)
			return &models[i];
	return &models[3];
}

static char root[128];
static bool cleanup_registered;

static struct dev {
	uint32_t iface;
	uint32_t minor;
	uint32_t asic;
	char bus_id[32];
} devs[MAX_DEVS];
static int ndevs;

static struct node {
	char path[128];   /* as the library names it, e.g. /dev/accel/accel0 */
	dev_t rdev;
	int dev;          /* index in devs, -1 for a foreign device */
	bool drm;         /* answers DRM_IOCTL_VERSION */
	char drm_name[32]; /* a foreign node's driver name */
} nodes[MAX_NODES];
static int nnodes;

static struct fdinfo {
	bool open;
	int node; /* -1: not a device node */
} fds[MAX_FDS];

/* driver identity */
static char release[64];
static bool release_fails;
static char drm_name[64];
static int drm_ver[3];
static int drm_err;
static unsigned int ndrm;
static unsigned int fail_opens;
static int fail_opens_err;
static int last_closed = -1; /* the last fd hla__sys_close was given */
static uint8_t hw_ip_default[sizeof(struct hlk_info_hw_ip_info)];
static size_t hw_ip_default_len;

/* logs */
static struct mock_ioctl_call log_[MAX_LOG];
static unsigned int nlog, nsys, nmmap, nmunmap;
static struct mock_mmap_call last_mmap;
static size_t last_munmap_len;
static int mmap_fail;

static struct push {
	mock_ioctl_fn fn;
	void *priv;
	int err;
	uint8_t bytes[8192];
	size_t len;
	int kind;
} pushes[MAX_PUSH];
enum { PUSH_FN, PUSH_ERRNO, PUSH_OUT, PUSH_INFO };
static unsigned int npush_head, npush_tail;

/* ---- the temporary tree ---- */
static int rm_cb(const char *p, const struct stat *st, int f, struct FTW *w)
{
	(void)st;
	(void)f;
	(void)w;
	return remove(p);
}

static void cleanup(void)
{
	if (root[0])
		nftw(root, rm_cb, 8, FTW_DEPTH | FTW_PHYS);
	root[0] = '\0';
}

static const char *redirect(const char *path, char *buf, size_t size)
{
	if (!strncmp(path, "/sys/", 5) || !strncmp(path, "/dev/", 5)) {
		snprintf(buf, size, "%s%s", root, path);
		return buf;
	}
	return path;
}

static void mkpath(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void mkpath(const char *fmt, ...)
{
	char p[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(p, sizeof(p), fmt, ap);
	va_end(ap);
	for (char *s = p + 1; *s; s++)
		if (*s == '/') {
			*s = '\0';
			mkdir(p, 0755);
			*s = '/';
		}
	mkdir(p, 0755);
}

/* write text at path (inside the tree); NULL text removes the file */
static void put(const char *path, const char *text)
{
	char p[512];
	FILE *f;

	snprintf(p, sizeof(p), "%s%s", root, path);
	if (!text) {
		if (unlink(p))
			rmdir(p); /* mock_set_module_version_unreadable() */
		return;
	}
	f = fopen(p, "w");
	if (!f)
		abort();
	fputs(text, f);
	fclose(f);
}

static void putf(const char *path, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void putf(const char *path, const char *fmt, ...)
{
	char t[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(t, sizeof(t), fmt, ap);
	va_end(ap);
	put(path, t);
}

static void lnk(const char *target, const char *path)
{
	char p[512];

	snprintf(p, sizeof(p), "%s%s", root, path);
	if (symlink(target, p))
		abort();
}

static void default_identity(void)
{
	bool legacy = mock_iface == HLA_INTERFACE_LEGACY;

	snprintf(release, sizeof(release), "%s", legacy ? "6.1.0-mock" : "6.8.0-mock");
	release_fails = false;
	snprintf(drm_name, sizeof(drm_name), "%s", HLK_DRM_DRIVER_NAME);
	drm_ver[0] = 6;
	drm_ver[1] = legacy ? 1 : 8;
	drm_ver[2] = 0;
	drm_err = 0;
	fail_opens = 0;
	hw_ip_default_len = 0;
}

void mock_reset(void)
{
	cleanup();
	snprintf(root, sizeof(root), "/tmp/hla-unit.XXXXXX");
	if (!mkdtemp(root))
		abort();
	nnodes = ndevs = 0;
	nlog = nsys = nmmap = nmunmap = ndrm = 0;
	mock_set_lseek_end(-ESPIPE);
	last_closed = -1;
	npush_head = npush_tail = 0;
	mmap_fail = 0;
	for (int i = 0; i < MAX_FDS; i++)
		if (fds[i].open) {
			close(i);
			fds[i].open = false;
		}
	default_identity();
	mkpath("%s/sys/class/accel", root);
	mkpath("%s/sys/dev/char", root);
	mkpath("%s/sys/module/habanalabs", root);
	mkpath("%s/dev/accel", root);
	mkpath("%s/sys/bus/pci/drivers/habanalabs", root);
	put("/dev/plainfile", "");
	if (!cleanup_registered) {
		atexit(cleanup);
		cleanup_registered = true;
	}
}

static void add_node(const char *path, dev_t rdev, int dev, bool drm, const char *name)
{
	struct node *n;

	if (nnodes >= MAX_NODES)
		abort();
	n = &nodes[nnodes++];
	snprintf(n->path, sizeof(n->path), "%s", path);
	n->rdev = rdev;
	n->dev = dev;
	n->drm = drm;
	snprintf(n->drm_name, sizeof(n->drm_name), "%s", name ? name : "");
	put(path, "");
}

/* the PCI function: ids, driver link, NUMA node */
static void add_pci(const char *bus_id, const struct model *m, const char *driver)
{
	char pci[128], p[256], t[128];

	snprintf(pci, sizeof(pci), "/sys/devices/pci0000:00/%s", bus_id);
	mkpath("%s%s", root, pci);
	snprintf(p, sizeof(p), "%s/device", pci);
	putf(p, "0x%04x\n", m ? m->pci_id : 0x1234u);
	snprintf(p, sizeof(p), "%s/revision", pci);
	putf(p, "0x%02x\n", m ? m->revision : 1u);
	snprintf(p, sizeof(p), "%s/vendor", pci);
	put(p, "0x1da3\n");
	snprintf(p, sizeof(p), "%s/numa_node", pci);
	put(p, "0\n");
	mkpath("%s/sys/bus/pci/drivers/%s", root, driver);
	snprintf(t, sizeof(t), "../../../bus/pci/drivers/%s", driver);
	snprintf(p, sizeof(p), "%s/driver", pci);
	lnk(t, p);
}

/* class entry cls (e.g. /sys/class/accel/accel0) for char device maj:min */
static void add_class(const char *cls, const char *rel_cls, const char *bus_id,
		      unsigned int maj, unsigned int min, const char *devname)
{
	char p[256], t[256];

	mkpath("%s%s", root, cls);
	snprintf(p, sizeof(p), "%s/device", cls);
	snprintf(t, sizeof(t), "../../../devices/pci0000:00/%s", bus_id);
	lnk(t, p);
	snprintf(p, sizeof(p), "%s/uevent", cls);
	putf(p, "MAJOR=%u\nMINOR=%u\nDEVNAME=%s\n", maj, min, devname);
	snprintf(p, sizeof(p), "/sys/dev/char/%u:%u", maj, min);
	snprintf(t, sizeof(t), "../../class/%s", rel_cls);
	lnk(t, p);
}

/* the habanalabs attributes, in the directory the library reads */
static void add_attrs(const char *dir, const struct model *m, const char *bus_id,
		      int module_id)
{
	char p[256];

	snprintf(p, sizeof(p), "%s/device_type", dir);
	putf(p, "%s\n", m->type);
	snprintf(p, sizeof(p), "%s/pci_addr", dir);
	putf(p, "%s\n", bus_id);
	snprintf(p, sizeof(p), "%s/status", dir);
	put(p, "Operational\n");
	if (module_id >= 0) {
		snprintf(p, sizeof(p), "%s/module_id", dir);
		putf(p, "%d\n", module_id);
	}
}

static void add_accel(int d, const struct model *m, int module_id)
{
	uint32_t minor = devs[d].minor;
	char pci[128], cls[256], rel[128], devname[128], path[128];

	snprintf(pci, sizeof(pci), "/sys/devices/pci0000:00/%s", devs[d].bus_id);
	add_attrs(pci, m, devs[d].bus_id, module_id);
	for (int ctl = 0; ctl < 2; ctl++) {
		const char *base = ctl ? "accel_controlD" : "accel";
		unsigned int maj = ctl ? ACCEL_CONTROL_MAJOR : HLK_ACCEL_MAJOR;

		snprintf(rel, sizeof(rel), "accel/%s%u", base, minor);
		snprintf(cls, sizeof(cls), "/sys/class/%s", rel);
		snprintf(devname, sizeof(devname), "accel/%s%u", base, minor);
		add_class(cls, rel, devs[d].bus_id, maj, minor, devname);
		snprintf(path, sizeof(path), "/dev/accel/%s%u", base, minor);
		/* only the compute node is a DRM node */
		add_node(path, makedev(maj, minor), d, !ctl, NULL);
	}
}

static void add_legacy(int d, const struct model *m, int module_id)
{
	uint32_t minor = devs[d].minor;
	char cls[256], rel[128], name[64], path[128];

	mkpath("%s/sys/class/habanalabs", root);
	for (int ctl = 0; ctl < 2; ctl++) {
		unsigned int min = 2 * minor + (unsigned int)ctl;

		snprintf(name, sizeof(name), "%s%u", ctl ? "hl_controlD" : "hl", minor);
		snprintf(rel, sizeof(rel), "habanalabs/%s", name);
		snprintf(cls, sizeof(cls), "/sys/class/%s", rel);
		add_class(cls, rel, devs[d].bus_id, LEGACY_MAJOR, min, name);
		if (!ctl)
			add_attrs(cls, m, devs[d].bus_id, module_id);
		snprintf(path, sizeof(path), "/dev/%s", name);
		add_node(path, makedev(LEGACY_MAJOR, min), d, false, NULL);
	}
}

void mock_add_device(uint32_t iface, uint32_t asic, uint32_t minor, int module_id,
		     const char *bus_id)
{
	const struct model *m = model_of(asic);
	int d;

	if (ndevs >= MAX_DEVS)
		abort();
	d = ndevs++;
	devs[d].iface = iface;
	devs[d].minor = minor;
	devs[d].asic = asic;
	snprintf(devs[d].bus_id, sizeof(devs[d].bus_id), "%s", bus_id);
	add_pci(bus_id, m, HLK_DRM_DRIVER_NAME);
	if (iface == HLA_INTERFACE_ACCEL)
		add_accel(d, m, module_id);
	else
		add_legacy(d, m, module_id);
}

void mock_make_compat_accel(uint32_t minor)
{
	const struct dev *d = NULL;
	char p[256];

	for (int i = 0; i < ndevs; i++)
		if (devs[i].iface == HLA_INTERFACE_ACCEL && devs[i].minor == minor)
			d = &devs[i];
	if (!d)
		abort();
	snprintf(p, sizeof(p), "%s/sys/class/accel/accel%u/device", root, minor);
	if (unlink(p))
		abort();
	mkpath("%s/sys/class/accel/accel%u/device", root, minor);
	snprintf(p, sizeof(p), "/sys/class/accel/accel%u/device", minor);
	add_attrs(p, model_of(d->asic), d->bus_id, 0);
	drm_err = ENOTTY;
}

void mock_add_foreign_accel(uint32_t minor, const char *driver)
{
	char bus[32], cls[256], rel[128], devname[128];

	snprintf(bus, sizeof(bus), "0000:00:%02x.0", 0x0b + minor);
	add_pci(bus, NULL, driver);
	snprintf(rel, sizeof(rel), "accel/accel%u", minor);
	snprintf(cls, sizeof(cls), "/sys/class/%s", rel);
	snprintf(devname, sizeof(devname), "accel/accel%u", minor);
	add_class(cls, rel, bus, HLK_ACCEL_MAJOR, minor, devname);
	snprintf(cls, sizeof(cls), "/dev/accel/accel%u", minor);
	add_node(cls, makedev(HLK_ACCEL_MAJOR, minor), -1, true, driver);
}

static int node_at(const char *path);

void mock_add_alias(const char *alias, const char *node_path)
{
	int n = node_at(node_path);
	char t[512];
	struct node *a;

	if (n < 0 || nnodes >= MAX_NODES)
		abort();
	snprintf(t, sizeof(t), "%s%s", root, node_path);
	lnk(t, alias);
	a = &nodes[nnodes++];
	*a = nodes[n];
	snprintf(a->path, sizeof(a->path), "%s", alias);
}

static const struct dev *find_dev(uint32_t iface, uint32_t minor)
{
	for (int i = 0; i < ndevs; i++)
		if (devs[i].iface == iface && devs[i].minor == minor)
			return &devs[i];
	abort();
}

void mock_set_pci_attr(uint32_t iface, uint32_t minor, const char *name,
		       const char *text)
{
	char p[256];

	snprintf(p, sizeof(p), "/sys/devices/pci0000:00/%s/%s",
		 find_dev(iface, minor)->bus_id, name);
	put(p, text);
}

void mock_set_attr(uint32_t iface, uint32_t minor, const char *name, const char *text)
{
	char p[256];

	if (iface == HLA_INTERFACE_ACCEL) {
		mock_set_pci_attr(iface, minor, name, text);
		return;
	}
	find_dev(iface, minor);
	snprintf(p, sizeof(p), "/sys/class/habanalabs/hl%u/%s", minor, name);
	put(p, text);
}

void mock_set_status(uint32_t iface, uint32_t minor, const char *text)
{
	mock_set_attr(iface, minor, "status", text);
}

void mock_set_kernel_release(const char *r)
{
	release_fails = !r;
	snprintf(release, sizeof(release), "%s", r ? r : "");
}

void mock_set_module_version(const char *version)
{
	put("/sys/module/habanalabs/version", version);
}

/* an attribute there that cannot be read (read() fails with EISDIR) */
void mock_set_module_version_unreadable(void)
{
	char p[512];

	put("/sys/module/habanalabs/version", NULL);
	snprintf(p, sizeof(p), "%s/sys/module/habanalabs/version", root);
	if (mkdir(p, 0755))
		abort();
}

void mock_set_drm_version(const char *name, int major, int minor, int patch)
{
	snprintf(drm_name, sizeof(drm_name), "%s", name);
	drm_ver[0] = major;
	drm_ver[1] = minor;
	drm_ver[2] = patch;
}

void mock_set_drm_errno(int err)
{
	drm_err = err;
}

unsigned int mock_drm_version_count(void)
{
	return ndrm;
}

void mock_fail_opens(unsigned int n, int err)
{
	fail_opens = n;
	fail_opens_err = err;
}

void mock_set_hw_ip_default(const void *hw_ip, size_t len)
{
	if (len > sizeof(hw_ip_default))
		len = sizeof(hw_ip_default);
	memcpy(hw_ip_default, hw_ip, len);
	hw_ip_default_len = len;
}

/* ---- seam: files ---- */
static int node_at(const char *path)
{
	for (int i = 0; i < nnodes; i++)
		if (!strcmp(nodes[i].path, path))
			return i;
	return -1;
}

static const struct node *node_of_fd(int fd)
{
	if (fd < 0 || fd >= MAX_FDS || !fds[fd].open || fds[fd].node < 0)
		return NULL;
	return &nodes[fds[fd].node];
}

static void track(int fd, int node)
{
	if (fd >= 0 && fd < MAX_FDS) {
		fds[fd].open = true;
		fds[fd].node = node;
	}
}

int hla__sys_open(const char *path, int flags)
{
	char buf[512];
	int n = node_at(path), fd;

	nsys++;
	if (n >= 0 && fail_opens) {
		fail_opens--;
		errno = fail_opens_err;
		return -1;
	}
	fd = open(redirect(path, buf, sizeof(buf)), flags | O_CLOEXEC);
	track(fd, n);
	return fd;
}

int hla__sys_close(int fd)
{
	nsys++;
	last_closed = fd;
	if (fd >= 0 && fd < MAX_FDS)
		fds[fd].open = false;
	return close(fd);
}

static void as_chardev(struct stat *st, dev_t rdev)
{
	st->st_mode = S_IFCHR | 0666;
	st->st_rdev = rdev;
}

int hla__sys_fstat(int fd, struct stat *st)
{
	const struct node *n = node_of_fd(fd);
	int ret;

	nsys++;
	ret = fstat(fd, st);
	if (!ret && n)
		as_chardev(st, n->rdev);
	return ret;
}

int hla__sys_stat(const char *path, struct stat *st)
{
	char buf[512];
	int n = node_at(path), ret;

	nsys++;
	ret = stat(redirect(path, buf, sizeof(buf)), st);
	if (!ret && n >= 0)
		as_chardev(st, nodes[n].rdev);
	return ret;
}

ssize_t hla__sys_readlink(const char *path, char *out, size_t size)
{
	char buf[512];

	nsys++;
	return readlink(redirect(path, buf, sizeof(buf)), out, size);
}

static int64_t lseek_answer = -ESPIPE;

void mock_set_lseek_end(int64_t answer)
{
	lseek_answer = answer;
}

int mock_last_closed_fd(void)
{
	return last_closed;
}

int64_t hla__sys_lseek_end(int fd)
{
	(void)fd;
	nsys++;
	return lseek_answer;
}

int hla__sys_fcntl_dupfd(int fd)
{
	int n;

	nsys++;
	n = fcntl(fd, F_DUPFD_CLOEXEC, 0);
	if (n >= 0)
		track(n, fd < MAX_FDS && fds[fd].open ? fds[fd].node : -1);
	return n;
}

int hla__sys_listdir(const char *path, int (*cb)(const char *, void *), void *priv)
{
	char buf[512];
	DIR *d;
	struct dirent *e;
	int ret = 0;

	nsys++;
	d = opendir(redirect(path, buf, sizeof(buf)));
	if (!d)
		return -errno;
	while ((e = readdir(d)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..") &&
		    (ret = cb(e->d_name, priv)))
			break;
	closedir(d);
	return ret;
}

int hla__sys_kernel_release(char *buf, size_t size)
{
	nsys++;
	if (release_fails)
		return -EFAULT;
	snprintf(buf, size, "%s", release);
	return 0;
}

long hla__sys_page_size(void)
{
	return 4096;
}

/* ---- seam: ioctl ---- */
static void fill_hw_ip(const struct node *n, struct hlk_info_args *a)
{
	struct hlk_info_hw_ip_info hw;
	const struct model *m;

	memset(&hw, 0, sizeof(hw));
	if (hw_ip_default_len) {
		memcpy(&hw, hw_ip_default, hw_ip_default_len);
	} else if (n && n->dev >= 0) {
		m = model_of(devs[n->dev].asic);
		hw.device_id = m->pci_id;
		hw.revision_id = (uint8_t)m->revision;
		hw.num_of_events = 16;
		hw.dram_page_size = 32u << 20;
	}
	memcpy((void *)(uintptr_t)a->return_pointer, &hw,
	       a->return_size < sizeof(hw) ? a->return_size : sizeof(hw));
}

/* a DRM string field: copy what fits, report the full length */
static void drm_field(uint64_t ptr, uint64_t *len, const char *s)
{
	size_t n = strlen(s);

	if (ptr && *len)
		memcpy((void *)(uintptr_t)ptr, s, n < *len ? n : (size_t)*len);
	*len = n;
}

static int answer_version(int fd, struct hlk_drm_version *v)
{
	const struct node *n = node_of_fd(fd);
	bool ours = n && n->dev >= 0;

	ndrm++;
	if (!n || !n->drm)
		return ENOTTY;
	if (ours && drm_err)
		return drm_err;
	v->version_major = ours ? drm_ver[0] : 1;
	v->version_minor = ours ? drm_ver[1] : 0;
	v->version_patchlevel = ours ? drm_ver[2] : 0;
	drm_field(v->name, &v->name_len, ours ? drm_name : n->drm_name);
	drm_field(v->date, &v->date_len, "20240101");
	drm_field(v->desc, &v->desc_len, "mock accelerator");
	return 0;
}

static int answer_push(int fd, unsigned long request, void *arg, size_t size)
{
	struct push *p = &pushes[npush_head++ % MAX_PUSH];
	struct hlk_info_args *a = arg;

	switch (p->kind) {
	case PUSH_FN:
		return p->fn(fd, request, arg, p->priv);
	case PUSH_ERRNO:
		return p->err;
	case PUSH_OUT:
		memcpy(arg, p->bytes, p->len < size ? p->len : size);
		return 0;
	default:
		memcpy((void *)(uintptr_t)a->return_pointer, p->bytes,
		       p->len < a->return_size ? p->len : a->return_size);
		return 0;
	}
}

static bool is_info(unsigned long request)
{
	return request == HLK_LEGACY_IOCTL_INFO || request == HLK_DRM_IOCTL_INFO;
}

/* the library issues ioctl() directly: this one answers it */
int ioctl(int fd, unsigned long request, ...)
{
	va_list ap;
	void *arg;

	va_start(ap, request);
	arg = va_arg(ap, void *);
	va_end(ap);
	struct mock_ioctl_call *c = nlog < MAX_LOG ? &log_[nlog] : NULL;
	size_t size = HLK_IOC_SIZE(request);
	int err = 0;

	if (size > MOCK_LOG_BYTES)
		size = MOCK_LOG_BYTES;
	if (c) {
		memset(c, 0, sizeof(*c));
		c->fd = fd;
		c->request = request;
		c->size = size;
		memcpy(c->in, arg, size);
	}
	nlog++;
	if (request == HLK_DRM_IOCTL_VERSION) {
		err = answer_version(fd, arg);
	} else if (npush_head != npush_tail) {
		err = answer_push(fd, request, arg, size);
	} else if (is_info(request)) {
		struct hlk_info_args *a = arg;

		if (a->op == HLK_INFO_HW_IP_INFO && a->return_pointer)
			fill_hw_ip(node_of_fd(fd), a);
	}
	if (c)
		memcpy(c->out, arg, size);
	if (err) {
		errno = err;
		return -1;
	}
	return 0;
}

/* ---- seam: mappings ---- */
void *hla__sys_mmap(void *addr, size_t len, int prot, int flags, int fd, uint64_t off)
{
	nmmap++;
	last_mmap.addr = addr;
	last_mmap.len = len;
	last_mmap.prot = prot;
	last_mmap.flags = flags;
	last_mmap.fd = fd;
	last_mmap.offset = off;
	if (mmap_fail) {
		errno = mmap_fail;
		mmap_fail = 0;
		return MAP_FAILED;
	}
	return mmap(addr, len, prot, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
}

int hla__sys_munmap(void *addr, size_t len)
{
	nmunmap++;
	last_munmap_len = len;
	return munmap(addr, len);
}

/* ---- log and answers ---- */
unsigned int mock_ioctl_count(void)
{
	return nlog;
}

const struct mock_ioctl_call *mock_ioctl_get(unsigned int i)
{
	return i < nlog && i < MAX_LOG ? &log_[i] : NULL;
}

const struct mock_ioctl_call *mock_ioctl_last(void)
{
	return nlog ? mock_ioctl_get(nlog - 1) : NULL;
}

static struct push *push_slot(int kind)
{
	struct push *p;

	if (npush_tail - npush_head >= MAX_PUSH)
		abort();
	p = &pushes[npush_tail++ % MAX_PUSH];
	memset(p, 0, sizeof(*p));
	p->kind = kind;
	return p;
}

void mock_ioctl_push(mock_ioctl_fn fn, void *priv)
{
	struct push *p = push_slot(PUSH_FN);

	p->fn = fn;
	p->priv = priv;
}

void mock_ioctl_push_errno(int err)
{
	push_slot(PUSH_ERRNO)->err = err;
}

static void push_bytes(int kind, const void *bytes, size_t len)
{
	struct push *p = push_slot(kind);

	p->len = len < sizeof(p->bytes) ? len : sizeof(p->bytes);
	memcpy(p->bytes, bytes, p->len);
}

void mock_ioctl_push_out(const void *bytes, size_t len)
{
	push_bytes(PUSH_OUT, bytes, len);
}

void mock_ioctl_push_info(const void *data, size_t len)
{
	push_bytes(PUSH_INFO, data, len);
}

unsigned int mock_ioctl_drop_pushes(void)
{
	unsigned int n = npush_tail - npush_head;

	npush_head = npush_tail;
	return n;
}

unsigned int mock_open_fds(void)
{
	unsigned int n = 0;

	for (int i = 0; i < MAX_FDS; i++)
		n += fds[i].open;
	return n;
}

unsigned int mock_syscall_count(void)
{
	return nsys;
}

unsigned int mock_mmap_count(void)
{
	return nmmap;
}

const struct mock_mmap_call *mock_mmap_last(void)
{
	return &last_mmap;
}

unsigned int mock_munmap_count(void)
{
	return nmunmap;
}

size_t mock_munmap_last_len(void)
{
	return last_munmap_len;
}

void mock_mmap_fail_next(int err)
{
	mmap_fail = err;
}

/* ---- shortcuts ---- */
static int open_first(uint32_t iface, uint32_t asic, uint32_t flags,
		      struct hla_device **dev)
{
	mock_reset();
	mock_add_device(iface, asic, 0, 0, "0000:19:00.0");
	return hla_device_open_index(0, flags, dev);
}

int mock_open_device(uint32_t iface, uint32_t asic, struct hla_device **dev)
{
	return open_first(iface, asic, 0, dev);
}

int mock_open_control(uint32_t iface, uint32_t asic, struct hla_device **dev)
{
	return open_first(iface, asic, HLA_OPEN_CONTROL, dev);
}

unsigned long mock_req(uint32_t iface, unsigned int cmd)
{
	/* written out here rather than taken from the library's table */
	static const uint32_t sizes[] = { 0, 24, 24, 48, 56, 40, 40 };

	return iface == HLA_INTERFACE_ACCEL ? HLK_DRM_REQ(cmd, sizes[cmd]) :
					      HLK_LEGACY_REQ(cmd, sizes[cmd]);
}

const char *mock_node(uint32_t minor)
{
	static char buf[64];

	snprintf(buf, sizeof(buf), mock_iface == HLA_INTERFACE_ACCEL ?
					   "/dev/accel/accel%u" : "/dev/hl%u", minor);
	return buf;
}

const char *mock_control_node(uint32_t minor)
{
	static char buf[64];

	snprintf(buf, sizeof(buf), mock_iface == HLA_INTERFACE_ACCEL ?
					   "/dev/accel/accel_controlD%u" :
					   "/dev/hl_controlD%u", minor);
	return buf;
}
