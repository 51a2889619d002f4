/* SPDX-License-Identifier: MIT */
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
#define MAX_NODES 32
#define MAX_FDS 1024
#define MAX_PUSH 32

uint32_t mock_iface = HLA_INTERFACE_ACCEL;

static char root[128];
static struct node {
	char path[300]; /* as the library names it, e.g. /dev/accel/accel0 */
	dev_t rdev;
	char drm_name[32];
} nodes[MAX_NODES];
static int nnodes;
static dev_t fd_rdev[MAX_FDS];
static char fd_drm[MAX_FDS][32];
static bool fd_open[MAX_FDS];
static char release[64] = "6.8.0";
static struct mock_ioctl_call log_[MAX_LOG];
static unsigned int nlog, nsys, nmmap, nmunmap;
static struct mock_mmap_call last_mmap;
static int mmap_fail;

static struct push {
	mock_ioctl_fn fn;
	void *priv;
	int err;
	uint8_t bytes[8192];
	size_t len;
	int kind; /* 0 fn, 1 errno, 2 out, 3 info */
} pushes[MAX_PUSH];
static unsigned int npush_head, npush_tail;

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

static void put(const char *path, const char *text)
{
	char p[512];
	FILE *f;

	snprintf(p, sizeof(p), "%s%s", root, path);
	f = fopen(p, "w");
	if (f) {
		fputs(text, f);
		fclose(f);
	}
}

static void lnk(const char *target, const char *path)
{
	char p[512];

	snprintf(p, sizeof(p), "%s%s", root, path);
	if (symlink(target, p))
		perror("symlink");
}

void mock_reset(void)
{
	cleanup();
	snprintf(root, sizeof(root), "/tmp/hla-unit.XXXXXX");
	if (!mkdtemp(root))
		abort();
	nnodes = 0;
	nlog = nsys = nmmap = nmunmap = 0;
	npush_head = npush_tail = 0;
	mmap_fail = 0;
	for (int i = 0; i < MAX_FDS; i++)
		if (fd_open[i]) {
			close(i);
			fd_open[i] = false;
		}
	snprintf(release, sizeof(release), "%s",
		 mock_iface == HLA_INTERFACE_LEGACY ? "6.1.0-mock" : "6.8.0-mock");
	mkpath("%s/sys/class/accel", root);
	mkpath("%s/sys/dev/char", root);
	mkpath("%s/dev/accel", root);
	mkpath("%s/sys/bus/pci/drivers/habanalabs", root);
	put("/dev/plainfile", "");
	atexit(cleanup);
}

static void add_node(const char *path, dev_t rdev, const char *drm)
{
	struct node *n = &nodes[nnodes++];

	snprintf(n->path, sizeof(n->path), "%s", path);
	n->rdev = rdev;
	snprintf(n->drm_name, sizeof(n->drm_name), "%s", drm);
	put(path, "");
}

static uint32_t pci_id(uint32_t asic)
{
	switch (asic) {
	case HLA_ASIC_GOYA:
		return HLK_PCI_ID_GOYA;
	case HLA_ASIC_GAUDI:
		return HLK_PCI_ID_GAUDI;
	case HLA_ASIC_GAUDI_SEC:
		return HLK_PCI_ID_GAUDI_SEC;
	case HLA_ASIC_GAUDI3:
		return HLK_PCI_ID_GAUDI3;
	default:
		return HLK_PCI_ID_GAUDI2;
	}
}

static const char *type_name(uint32_t asic)
{
	switch (asic) {
	case HLA_ASIC_GOYA:
		return "GOYA\n";
	case HLA_ASIC_GAUDI:
		return "GAUDI\n";
	case HLA_ASIC_GAUDI_SEC:
		return "GAUDI SEC\n";
	default:
		return "GAUDI2\n";
	}
}

static uint32_t asic_of_minor[64];

void mock_add_device(uint32_t iface, uint32_t asic, uint32_t minor, int module_id,
		     const char *bus_id)
{
	char pci[128], t[256], p[256];

	asic_of_minor[minor & 63] = asic;
	snprintf(pci, sizeof(pci), "/sys/devices/pci0000:00/%s", bus_id);
	mkpath("%s%s", root, pci);
	snprintf(t, sizeof(t), "0x%04x\n", pci_id(asic));
	snprintf(p, sizeof(p), "%s/device", pci);
	put(p, t);
	snprintf(p, sizeof(p), "%s/revision", pci);
	put(p, "0x01\n");
	snprintf(p, sizeof(p), "%s/vendor", pci);
	put(p, "0x1da3\n");
	snprintf(p, sizeof(p), "%s/driver", pci);
	lnk("../../../bus/pci/drivers/habanalabs", p);
	if (iface == HLA_INTERFACE_ACCEL) {
		const char *dir = pci;
		char cls[128];

		snprintf(p, sizeof(p), "%s/device_type", dir);
		put(p, type_name(asic));
		snprintf(p, sizeof(p), "%s/pci_addr", dir);
		snprintf(t, sizeof(t), "%s\n", bus_id);
		put(p, t);
		snprintf(p, sizeof(p), "%s/status", dir);
		put(p, "Operational\n");
		if (module_id >= 0) {
			snprintf(p, sizeof(p), "%s/module_id", dir);
			snprintf(t, sizeof(t), "%d\n", module_id);
			put(p, t);
		}
		for (int ctl = 0; ctl < 2; ctl++) {
			snprintf(cls, sizeof(cls), ctl ? "/sys/class/accel/accel_controlD%u" :
							 "/sys/class/accel/accel%u",
				 minor);
			mkpath("%s%s", root, cls);
			snprintf(p, sizeof(p), "%s/device", cls);
			snprintf(t, sizeof(t), "../../../devices/pci0000:00/%s", bus_id);
			lnk(t, p);
			snprintf(p, sizeof(p), "%s/uevent", cls);
			snprintf(t, sizeof(t), "MAJOR=%u\nMINOR=%u\nDEVNAME=accel/%s%u\n",
				 ctl ? 510 : 261, minor, ctl ? "accel_controlD" : "accel", minor);
			put(p, t);
			snprintf(p, sizeof(p), "/sys/dev/char/%u:%u", ctl ? 510 : 261, minor);
			snprintf(t, sizeof(t), "../../class/accel/%s%u",
				 ctl ? "accel_controlD" : "accel", minor);
			lnk(t, p);
			snprintf(p, sizeof(p), ctl ? "/dev/accel/accel_controlD%u" : "/dev/accel/accel%u",
				 minor);
			add_node(p, makedev(ctl ? 510 : 261, minor), "habanalabs");
		}
	} else {
		char cls[128];

		mkpath("%s/sys/class/habanalabs", root);
		for (int ctl = 0; ctl < 2; ctl++) {
			snprintf(cls, sizeof(cls), ctl ? "/sys/class/habanalabs/hl_controlD%u" :
							 "/sys/class/habanalabs/hl%u",
				 minor);
			mkpath("%s%s", root, cls);
			snprintf(p, sizeof(p), "%s/device", cls);
			snprintf(t, sizeof(t), "../../../devices/pci0000:00/%s", bus_id);
			lnk(t, p);
			snprintf(p, sizeof(p), "%s/uevent", cls);
			snprintf(t, sizeof(t), "MAJOR=509\nMINOR=%u\nDEVNAME=%s%u\n",
				 2 * minor + (unsigned)ctl, ctl ? "hl_controlD" : "hl", minor);
			put(p, t);
			snprintf(p, sizeof(p), "/sys/dev/char/509:%u", 2 * minor + (unsigned)ctl);
			snprintf(t, sizeof(t), "../../class/habanalabs/%s%u",
				 ctl ? "hl_controlD" : "hl", minor);
			lnk(t, p);
			if (!ctl) {
				snprintf(p, sizeof(p), "%s/device_type", cls);
				put(p, type_name(asic));
				snprintf(p, sizeof(p), "%s/pci_addr", cls);
				snprintf(t, sizeof(t), "%s\n", bus_id);
				put(p, t);
				snprintf(p, sizeof(p), "%s/status", cls);
				put(p, "Operational\n");
			}
			snprintf(p, sizeof(p), ctl ? "/dev/hl_controlD%u" : "/dev/hl%u", minor);
			add_node(p, makedev(509, 2 * minor + (unsigned)ctl), "");
		}
	}
}

void mock_add_foreign_accel(uint32_t minor, const char *driver)
{
	char p[256], t[256];

	mkpath("%s/sys/devices/pci0000:00/0000:00:0b.0", root);
	mkpath("%s/sys/bus/pci/drivers/%s", root, driver);
	snprintf(t, sizeof(t), "../../../bus/pci/drivers/%s", driver);
	lnk(t, "/sys/devices/pci0000:00/0000:00:0b.0/driver");
	snprintf(p, sizeof(p), "/sys/class/accel/accel%u", minor);
	mkpath("%s%s", root, p);
	snprintf(p, sizeof(p), "/sys/class/accel/accel%u/device", minor);
	lnk("../../../devices/pci0000:00/0000:00:0b.0", p);
	snprintf(p, sizeof(p), "/sys/class/accel/accel%u/uevent", minor);
	snprintf(t, sizeof(t), "MAJOR=261\nMINOR=%u\nDEVNAME=accel/accel%u\n", minor, minor);
	put(p, t);
	snprintf(p, sizeof(p), "/sys/dev/char/261:%u", minor);
	snprintf(t, sizeof(t), "../../class/accel/accel%u", minor);
	lnk(t, p);
	snprintf(p, sizeof(p), "/dev/accel/accel%u", minor);
	add_node(p, makedev(261, minor), driver);
}

void mock_set_status(uint32_t iface, uint32_t minor, const char *text)
{
	char p[256];

	if (iface == HLA_INTERFACE_ACCEL) {
		char t[256];
		ssize_t n;

		snprintf(p, sizeof(p), "%s/sys/class/accel/accel%u/device", root, minor);
		n = readlink(p, t, sizeof(t) - 1);
		if (n < 0)
			return;
		t[n] = '\0';
		snprintf(p, sizeof(p), "/sys/devices/pci0000:00/%s/status", strrchr(t, '/') + 1);
	} else {
		snprintf(p, sizeof(p), "/sys/class/habanalabs/hl%u/status", minor);
	}
	put(p, text);
}

void mock_set_kernel_release(const char *r)
{
	snprintf(release, sizeof(release), "%s", r);
}

/* ---- seam ---- */
static struct node *node_at(const char *path)
{
	for (int i = 0; i < nnodes; i++)
		if (!strcmp(nodes[i].path, path))
			return &nodes[i];
	return NULL;
}

int hla__sys_open(const char *path, int flags)
{
	char buf[512];
	struct node *n = node_at(path);
	int fd;

	nsys++;
	fd = open(redirect(path, buf, sizeof(buf)), flags | O_CLOEXEC);
	if (fd >= 0 && fd < MAX_FDS) {
		fd_open[fd] = true;
		fd_rdev[fd] = n ? n->rdev : 0;
		snprintf(fd_drm[fd], sizeof(fd_drm[fd]), "%s", n ? n->drm_name : "");
	}
	return fd;
}

int hla__sys_close(int fd)
{
	nsys++;
	if (fd >= 0 && fd < MAX_FDS)
		fd_open[fd] = false;
	return close(fd);
}

static void fix(struct stat *st, dev_t rdev)
{
	if (rdev) {
		st->st_mode = S_IFCHR | 0666;
		st->st_rdev = rdev;
	}
}

int hla__sys_fstat(int fd, struct stat *st)
{
	int ret;

	nsys++;
	ret = fstat(fd, st);
	if (!ret && fd >= 0 && fd < MAX_FDS && fd_open[fd])
		fix(st, fd_rdev[fd]);
	return ret;
}

int hla__sys_stat(const char *path, struct stat *st)
{
	char buf[512];
	struct node *n = node_at(path);
	int ret;

	nsys++;
	ret = stat(redirect(path, buf, sizeof(buf)), st);
	if (!ret && n)
		fix(st, n->rdev);
	return ret;
}

ssize_t hla__sys_readlink(const char *path, char *out, size_t size)
{
	char buf[512];

	nsys++;
	return readlink(redirect(path, buf, sizeof(buf)), out, size);
}

int hla__sys_fcntl_dupfd(int fd)
{
	int n;

	nsys++;
	n = fcntl(fd, F_DUPFD_CLOEXEC, 0);
	if (n >= 0 && n < MAX_FDS && fd >= 0 && fd < MAX_FDS) {
		fd_open[n] = true;
		fd_rdev[n] = fd_rdev[fd];
		memcpy(fd_drm[n], fd_drm[fd], sizeof(fd_drm[n]));
	}
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
	snprintf(buf, size, "%s", release);
	return 0;
}

int hla__sys_drm_driver_name(int fd, char *buf, size_t size)
{
	nsys++;
	if (fd < 0 || fd >= MAX_FDS || !fd_drm[fd][0])
		return -ENOTTY;
	snprintf(buf, size, "%s", fd_drm[fd]);
	return 0;
}

long hla__sys_page_size(void)
{
	return 4096;
}

static void fill_hw_ip(int fd, struct hlk_info_args *a)
{
	struct hlk_info_hw_ip_info hw;
	uint32_t minor = minor(fd_rdev[fd]);

	if (major(fd_rdev[fd]) == 509)
		minor /= 2;
	memset(&hw, 0, sizeof(hw));
	hw.device_id = pci_id(asic_of_minor[minor & 63]);
	hw.revision_id = 1;
	hw.num_of_events = 16;
	hw.dram_page_size = 32u << 20;
	memcpy((void *)(uintptr_t)a->return_pointer, &hw,
	       a->return_size < sizeof(hw) ? a->return_size : sizeof(hw));
}

int hla__sys_ioctl(int fd, unsigned long request, void *arg)
{
	struct mock_ioctl_call *c = nlog < MAX_LOG ? &log_[nlog] : NULL;
	size_t size = HLK_IOC_SIZE(request);
	int err = 0;

	if (size > 64)
		size = 64;
	if (c) {
		memset(c, 0, sizeof(*c));
		c->fd = fd;
		c->request = request;
		c->size = size;
		memcpy(c->in, arg, size);
	}
	nlog++;
	if (npush_head != npush_tail) {
		struct push *p = &pushes[npush_head++ % MAX_PUSH];

		switch (p->kind) {
		case 0:
			err = p->fn(fd, request, arg, p->priv);
			break;
		case 1:
			err = p->err;
			break;
		case 2:
			memcpy(arg, p->bytes, p->len < size ? p->len : size);
			break;
		default: {
			struct hlk_info_args *a = arg;

			memcpy((void *)(uintptr_t)a->return_pointer, p->bytes,
			       p->len < a->return_size ? p->len : a->return_size);
			break;
		}
		}
	} else if (HLK_IOC_NR(request) == HLK_CMD_INFO ||
		   HLK_IOC_NR(request) == HLK_DRM_COMMAND_BASE) {
		struct hlk_info_args *a = arg;

		if (a->op == HLK_INFO_HW_IP_INFO && a->return_pointer)
			fill_hw_ip(fd, a);
	}
	if (c)
		memcpy(c->out, arg, size);
	if (err) {
		errno = err;
		return -1;
	}
	return 0;
}

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
	struct push *p = &pushes[npush_tail++ % MAX_PUSH];

	memset(p, 0, sizeof(*p));
	p->kind = kind;
	return p;
}

void mock_ioctl_push(mock_ioctl_fn fn, void *priv)
{
	struct push *p = push_slot(0);

	p->fn = fn;
	p->priv = priv;
}

void mock_ioctl_push_errno(int err)
{
	push_slot(1)->err = err;
}

void mock_ioctl_push_out(const void *bytes, size_t len)
{
	struct push *p = push_slot(2);

	p->len = len < sizeof(p->bytes) ? len : sizeof(p->bytes);
	memcpy(p->bytes, bytes, p->len);
}

void mock_ioctl_push_info(const void *data, size_t len)
{
	struct push *p = push_slot(3);

	p->len = len < sizeof(p->bytes) ? len : sizeof(p->bytes);
	memcpy(p->bytes, data, p->len);
}

unsigned int mock_open_fds(void)
{
	unsigned int n = 0;

	for (int i = 0; i < MAX_FDS; i++)
		n += fd_open[i];
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

void mock_mmap_fail_next(int err)
{
	mmap_fail = err;
}

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
	static const uint32_t sizes[] = { 0, 24, 24, 48, 56, 40, 40 };

	return iface == HLA_INTERFACE_ACCEL ? HLK_DRM_REQ(cmd, sizes[cmd]) :
					      HLK_LEGACY_REQ(cmd, sizes[cmd]);
}
