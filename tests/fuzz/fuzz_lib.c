/* SPDX-License-Identifier: MIT */
/*
 * The library fed arbitrary kernel answers.  This file is the library's
 * system-call seam for the harness: /sys and /dev are a table in memory
 * whose file contents and link targets come from the input, device nodes
 * are descriptors no real file uses, and every ioctl is answered from the
 * input (an errno, or bytes over the argument block, the INFO return
 * buffer or the DRM version strings).  The rest of the input is a
 * sequence of hla_* calls (fuzz_ops.c).
 *
 * Input: a flags byte (interface, devices, another vendor's node, module
 * version), one length-prefixed text per sysfs file or link (a length of
 * 0xC0 or more keeps the usual text), then calls and answers interleaved.
 */
#include "fuzz.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "hla_internal.h"

#define FD_BASE (1 << 28)
#define MAX_NODES 64
#define MAX_FDS 32
#define TEXT_MAX 96

enum { V_DIR = 1, V_FILE, V_LINK, V_CHR };

static struct vnode {
	char path[112];
	char text[TEXT_MAX];
	size_t len;
	int kind;
	dev_t rdev;
} vfs[MAX_NODES];
static int nv;

static struct vfd {
	bool open;
	int node;
	size_t pos;
} fds[MAX_FDS];

static struct fz in; /* the input, read by the tree, the calls and the answers */
static char release[TEXT_MAX];

static struct vnode *add(int kind, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static struct vnode *add(int kind, const char *fmt, ...)
{
	struct vnode *v;
	va_list ap;

	if (nv >= MAX_NODES)
		abort();
	v = &vfs[nv++];
	memset(v, 0, sizeof(*v));
	v->kind = kind;
	va_start(ap, fmt);
	vsnprintf(v->path, sizeof(v->path), fmt, ap);
	va_end(ap);
	return v;
}

/* the node's text: the input's, or def */
static void text(struct vnode *v, const char *def)
{
	uint8_t l = fz_u8(&in);

	if (l >= 0xC0) {
		v->len = strlen(def);
		memcpy(v->text, def, v->len);
	} else {
		v->len = fz_take(&in, v->text, l < TEXT_MAX ? l : TEXT_MAX);
	}
}

static void file(const char *def, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void file(const char *def, const char *fmt, ...)
{
	char p[112];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(p, sizeof(p), fmt, ap);
	va_end(ap);
	text(add(V_FILE, "%s", p), def);
}

static void attrs(const char *dir, uint32_t i, bool gaudi)
{
	char bus[32];

	snprintf(bus, sizeof(bus), "0000:%02x:00.0\n", 0x19 + 0x10 * i);
	file(gaudi ? "GAUDI\n" : "GAUDI2\n", "%s/device_type", dir);
	file(bus, "%s/pci_addr", dir);
	file("Operational\n", "%s/status", dir);
	file(i ? "1\n" : "0\n", "%s/module_id", dir);
}

static void pci(const char *dir, bool gaudi)
{
	file(gaudi ? "0x1000\n" : "0x1020\n", "%s/device", dir);
	file("0x01\n", "%s/revision", dir);
	file("0\n", "%s/numa_node", dir);
}

static void chr(uint32_t maj, uint32_t min, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void chr(uint32_t maj, uint32_t min, const char *fmt, ...)
{
	char p[112], ev[TEXT_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(p, sizeof(p), fmt, ap);
	va_end(ap);
	add(V_CHR, "%s", p)->rdev = makedev(maj, min);
	snprintf(ev, sizeof(ev), "MAJOR=%u\nMINOR=%u\nDEVNAME=%s\n", maj, min, p + 5);
	file(ev, "/sys/dev/char/%u:%u/uevent", maj, min);
}

static void accel_dev(uint32_t i, bool gaudi, const char *driver)
{
	char dir[96];

	snprintf(dir, sizeof(dir), "/sys/class/accel/accel%u/device", i);
	add(V_DIR, "/sys/class/accel/accel%u", i);
	text(add(V_LINK, "%s/driver", dir), driver);
	chr(HLK_ACCEL_MAJOR, i, "/dev/accel/accel%u", i);
	if (strcmp(driver, "../../../bus/pci/drivers/habanalabs"))
		return;
	add(V_DIR, "/sys/class/accel/accel_controlD%u", i);
	attrs(dir, i, gaudi);
	pci(dir, gaudi);
	chr(510, i, "/dev/accel/accel_controlD%u", i);
}

static void legacy_dev(uint32_t i, bool gaudi)
{
	char dir[96];

	snprintf(dir, sizeof(dir), "/sys/class/habanalabs/hl%u", i);
	add(V_DIR, "%s", dir);
	add(V_DIR, "/sys/class/habanalabs/hl_controlD%u", i);
	attrs(dir, i, gaudi);
	snprintf(dir, sizeof(dir), "/sys/class/habanalabs/hl%u/device", i);
	pci(dir, gaudi);
	chr(509, 2 * i, "/dev/hl%u", i);
	chr(509, 2 * i + 1, "/dev/hl_controlD%u", i);
}

static uint32_t build_tree(void)
{
	uint8_t flags = fz_u8(&in);
	bool legacy = flags & 1, gaudi = flags & 8;
	struct vnode *v;

	nv = 0;
	add(V_DIR, legacy ? HLA_SYSFS_LEGACY_CLASS : HLA_SYSFS_ACCEL_CLASS);
	for (uint32_t i = 0; i < 1u + ((flags >> 1) & 1); i++) {
		if (legacy)
			legacy_dev(i, gaudi);
		else
			accel_dev(i, gaudi, "../../../bus/pci/drivers/habanalabs");
	}
	if (flags & 4 && !legacy)
		accel_dev(5, false, "../../../bus/pci/drivers/intel_vpu");
	if (flags & 16)
		file("1.15.0-fw\n", HLA_SYSFS_MODULE "/version");
	if (flags & 32) { /* a name of the input's among the class entries */
		v = add(V_DIR, "%s/", legacy ? HLA_SYSFS_LEGACY_CLASS : HLA_SYSFS_ACCEL_CLASS);
		v->len = fz_take(&in, v->text, fz_u8(&in) % 24);
		memcpy(v->path + strlen(v->path), v->text, v->len);
	}
	v = add(V_FILE, "uname");
	text(v, legacy ? "6.1.0-18-amd64" : "6.8.0-fuzz");
	snprintf(release, sizeof(release), "%.*s", (int)v->len, v->text);
	return legacy ? HLA_INTERFACE_LEGACY : HLA_INTERFACE_ACCEL;
}

static int node_at(const char *path)
{
	for (int i = 0; i < nv; i++)
		if (!strcmp(vfs[i].path, path))
			return i;
	return -1;
}

static struct vfd *vfd_of(int fd)
{
	if (fd < FD_BASE || fd >= FD_BASE + MAX_FDS || !fds[fd - FD_BASE].open)
		return NULL;
	return &fds[fd - FD_BASE];
}

/* ---- the seam ---- */
static const int errs[16] = { EINVAL, ENOTTY, EFAULT, ENOMEM, EBUSY, EAGAIN, EINTR,
			      ETIMEDOUT, EIO, EPERM, ENODEV, ENOENT, EOPNOTSUPP,
			      E2BIG, ENOSPC, EBADF };

static int fail(int err)
{
	errno = err;
	return -1;
}

int hla__sys_open(const char *path, int flags)
{
	int n = node_at(path);

	(void)flags;
	if (n < 0)
		return fail(ENOENT);
	if (vfs[n].kind == V_CHR) {
		uint8_t b = fz_u8(&in);

		if (b >= 0xF0)
			return fail(errs[b & 15]);
	} else if (vfs[n].kind != V_FILE) {
		return fail(EISDIR);
	}
	for (int i = 0; i < MAX_FDS; i++)
		if (!fds[i].open) {
			fds[i] = (struct vfd){ true, n, 0 };
			return FD_BASE + i;
		}
	return fail(EMFILE);
}

int hla__sys_close(int fd)
{
	struct vfd *v = vfd_of(fd);

	if (!v)
		return fail(EBADF);
	v->open = false;
	return 0;
}

/* an export's descriptor is whatever the input answered: never one of the
 * process's own (closing 2 once silenced the fuzzer's log for good) */
void fz_close_fd(int fd)
{
	if (fd >= FD_BASE)
		hla__sys_close(fd);
}

ssize_t __real_read(int fd, void *buf, size_t n);
ssize_t __wrap_read(int fd, void *buf, size_t n);
ssize_t __wrap_read(int fd, void *buf, size_t n)
{
	struct vfd *v = vfd_of(fd);
	struct vnode *node;

	if (fd < FD_BASE)
		return __real_read(fd, buf, n);
	if (!v)
		return fail(EBADF);
	node = &vfs[v->node];
	if (node->kind != V_FILE)
		return fail(EINVAL);
	if (n > node->len - v->pos)
		n = node->len - v->pos;
	memcpy(buf, node->text + v->pos, n);
	v->pos += n;
	return (ssize_t)n;
}

static int stat_node(int n, struct stat *st)
{
	memset(st, 0, sizeof(*st));
	if (n < 0)
		return fail(ENOENT);
	st->st_mode = vfs[n].kind == V_CHR ? S_IFCHR | 0666 :
		      vfs[n].kind == V_DIR ? S_IFDIR | 0755 : S_IFREG | 0444;
	st->st_rdev = vfs[n].rdev;
	return 0;
}

int hla__sys_fstat(int fd, struct stat *st)
{
	struct vfd *v = vfd_of(fd);

	return v ? stat_node(v->node, st) : fail(EBADF);
}

/* the size of an exported dma-buf: whatever the input says, or an error */
int64_t hla__sys_lseek_end(int fd)
{
	uint8_t b = fz_u8(&in);

	(void)fd;
	if (b & 1)
		return -(int64_t)(b >> 1 & 0x3f ? b >> 1 & 0x3f : ESPIPE);
	return (int64_t)fz_u64(&in);
}

int hla__sys_stat(const char *path, struct stat *st)
{
	return stat_node(node_at(path), st);
}

ssize_t hla__sys_readlink(const char *path, char *buf, size_t size)
{
	int n = node_at(path);

	if (n < 0)
		return fail(ENOENT);
	if (vfs[n].kind != V_LINK)
		return fail(EINVAL);
	size = size < vfs[n].len ? size : vfs[n].len;
	memcpy(buf, vfs[n].text, size);
	return (ssize_t)size;
}

int hla__sys_fcntl_dupfd(int fd)
{
	struct vfd *v = vfd_of(fd);
	int d;

	if (!v)
		return fail(EBADF);
	d = hla__sys_open(vfs[v->node].path, O_RDWR);
	return d;
}

int hla__sys_listdir(const char *path, int (*cb)(const char *name, void *priv), void *priv)
{
	size_t l = strlen(path);
	int ret = 0;

	if (node_at(path) < 0)
		return -ENOENT;
	for (int i = 0; i < nv && !ret; i++) {
		const char *name = vfs[i].path + l;

		if (!strncmp(vfs[i].path, path, l) && name[0] == '/' && name[1] &&
		    !strchr(name + 1, '/'))
			ret = cb(name + 1, priv);
	}
	return ret;
}

int hla__sys_kernel_release(char *buf, size_t size)
{
	if (!release[0])
		return -EFAULT;
	snprintf(buf, size, "%s", release);
	return 0;
}

long hla__sys_page_size(void)
{
	return 4096;
}

void *hla__sys_mmap(void *addr, size_t len, int prot, int flags, int fd, uint64_t offset)
{
	(void)flags;
	(void)offset;
	if (!vfd_of(fd) || len > (64u << 20)) {
		errno = !vfd_of(fd) ? EBADF : ENOMEM;
		return MAP_FAILED;
	}
	return mmap(addr, len, prot, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
}

int hla__sys_munmap(void *addr, size_t len)
{
	return munmap(addr, len);
}

/* ---- the kernel's answers ---- */
static void drm_str(uint64_t ptr, uint64_t *len, const char *s, size_t n)
{
	if (ptr && *len)
		memcpy((void *)(uintptr_t)ptr, s, n < *len ? n : (size_t)*len);
	*len = n;
}

static void answer_version(struct hlk_drm_version *v)
{
	char name[40];
	uint8_t b = fz_u8(&in);
	size_t n;

	v->version_major = b & 1 ? (int32_t)fz_u32(&in) : 6;
	v->version_minor = b & 2 ? (int32_t)fz_u32(&in) : 8;
	v->version_patchlevel = b & 4 ? (int32_t)fz_u32(&in) : 0;
	if (b & 8) {
		n = fz_take(&in, name, fz_u8(&in) % sizeof(name));
	} else {
		n = strlen(HLK_DRM_DRIVER_NAME);
		memcpy(name, HLK_DRM_DRIVER_NAME, n);
	}
	drm_str(v->name, &v->name_len, name, n);
	drm_str(v->date, &v->date_len, "20240101", 8);
	drm_str(v->desc, &v->desc_len, "fuzz", 4);
}

/* INFO: bytes of the input into the return buffer, as much as it holds */
static void answer_info(struct hlk_info_args *a)
{
	size_t want = fz_u16(&in);

	if (!a->return_pointer)
		return;
	if (want > a->return_size)
		want = a->return_size;
	memset((void *)(uintptr_t)a->return_pointer, 0, want);
	fz_take(&in, (void *)(uintptr_t)a->return_pointer, want);
}

/* the library calls ioctl() itself: on the seam's descriptors it is
 * answered from the input, on any other it is the real one */
int ioctl(int fd, unsigned long request, ...)
{
	va_list ap;
	void *arg;
	uint8_t b;

	va_start(ap, request);
	arg = va_arg(ap, void *);
	va_end(ap);
	if (fd < FD_BASE)
		return (int)syscall(SYS_ioctl, fd, request, arg);
	if (!vfd_of(fd))
		return fail(EBADF);
	b = fz_u8(&in);
	if (b >= 0xE0)
		return fail(errs[b & 15]);
	if (request == HLK_DRM_IOCTL_VERSION)
		answer_version(arg);
	else if (request == HLK_DRM_IOCTL_INFO || request == HLK_LEGACY_IOCTL_INFO)
		answer_info(arg);
	else if (b & 1)
		fz_take(&in, arg, fz_u8(&in) % (HLK_IOC_SIZE(request) + 1));
	return 0;
}

/* ---- the harness ---- */
static struct hla_device *open_one(uint8_t how, uint32_t iface)
{
	struct hla_device *dev = NULL;
	uint32_t flags = how & 0x10 ? HLA_OPEN_CONTROL : 0;
	const char *node = iface == HLA_INTERFACE_ACCEL ? "/dev/accel/accel" : "/dev/hl";
	char path[64];

	switch (how % 5) {
	case 0: hla_device_open_index(how >> 5, flags, &dev); break;
	case 1:
		snprintf(path, sizeof(path), "%s%s%u", node, flags ? "_controlD" : "", how >> 6);
		hla_device_open_path(path, fz_u8(&in) & HLA_OPEN_CONTROL, &dev);
		break;
	case 2: hla_device_open_pci(how & 0x20 ? "0000:29:00.0" : "0000:19:00.0", flags, &dev); break;
	case 3: hla_device_open_module(how >> 5, flags, &dev); break;
	default: {
		struct hla_devlist *l;
		struct hla_device_desc d = { .sz = sizeof(d) };
		uint32_t n = 0;

		if (hla_devlist_create(0, &l))
			break;
		hla_devlist_count(l, &n);
		for (uint32_t i = 0; i <= n; i++)
			hla_devlist_describe(l, i, &d);
		hla_devlist_open(l, how >> 5, flags, &dev);
		hla_devlist_destroy(l);
		break;
	}
	}
	return dev;
}

static void probe(struct hla_device *dev)
{
	static const char *const names[] = { "status", "device_type", "module_id", "../x",
					     "" };
	struct hla_device_desc d = { .sz = sizeof(d) };
	char buf[64];
	uint32_t n;

	hla_device_count(&n);
	hla_device_describe(dev, &d);
	hla_device_get_fd(dev);
	hla_device_sysfs_read(dev, names[fz_u8(&in) % 5], buf, fz_u8(&in) % sizeof(buf));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static uint8_t host[16384] __attribute__((aligned(4096)));
	struct fz_state st = { .host = host, .host_len = sizeof(host) };
	uint32_t iface;
	uint8_t how;

	in = (struct fz){ data, size };
	memset(fds, 0, sizeof(fds));
	iface = build_tree();
	how = fz_u8(&in);
	st.dev = open_one(how, iface);
	st.ctl = open_one(fz_u8(&in) | 0x10, iface);
	probe(st.dev ? st.dev : st.ctl);
	fz_run_ops(&in, &st, 64);
	fz_cleanup(&st);
	hla_device_close(st.dev);
	hla_device_close(st.ctl);
	for (int i = 0; i < MAX_FDS; i++)
		if (fds[i].open)
			abort(); /* a file or node the library left open */
	return 0;
}
