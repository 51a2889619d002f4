/* SPDX-License-Identifier: MIT */
/*
 * libc interposers, the fd registry and the ioctl dispatcher.
 *
 * Device fds are real kernel fds (/dev/null opened with the caller's
 * flags), so close, dup, poll and fcntl behave; the registry maps them to
 * the simulated open file.  ioctl() returns -1 and sets errno exactly as
 * the driver would.
 */
#include "sim.h"

#include <dirent.h>
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/uio.h>
#include <sys/utsname.h>
#include <sys/xattr.h>
#include <unistd.h>

#define MAX_FD 65536

enum ent_kind { ENT_NONE, ENT_FILE, ENT_DMABUF, ENT_FOREIGN };

struct ent {
	enum ent_kind kind;
	union {
		struct sim_file *file;
		struct sim_dmabuf *buf;
	};
};

static struct ent ents[MAX_FD];
static pthread_mutex_t reg_lock = PTHREAD_MUTEX_INITIALIZER;

/* ---- real functions ---- */
#define REAL(name, ret, ...)                                          \
	static ret (*real_##name)(__VA_ARGS__);                        \
	static void load_##name(void)                                  \
	{                                                              \
		if (!real_##name)                                      \
			*(void **)&real_##name = dlsym(RTLD_NEXT, #name); \
	}

REAL(open, int, const char *, int, ...)
REAL(openat, int, int, const char *, int, ...)
REAL(close, int, int)
REAL(ioctl, int, int, unsigned long, ...)
REAL(mmap, void *, void *, size_t, int, int, int, off_t)
REAL(munmap, int, void *, size_t)
REAL(write, ssize_t, int, const void *, size_t)
REAL(stat, int, const char *, struct stat *)
REAL(lstat, int, const char *, struct stat *)
REAL(fstat, int, int, struct stat *)
REAL(fstatat, int, int, const char *, struct stat *, int)
REAL(statx, int, int, const char *, int, unsigned int, struct statx *)
REAL(access, int, const char *, int)
REAL(faccessat, int, int, const char *, int, int)
REAL(opendir, DIR *, const char *)
REAL(readlink, ssize_t, const char *, char *, size_t)
REAL(readlinkat, ssize_t, int, const char *, char *, size_t)
REAL(realpath, char *, const char *, char *)
REAL(fopen, FILE *, const char *, const char *)
REAL(uname, int, struct utsname *)
REAL(dup, int, int)
REAL(dup2, int, int, int)
REAL(dup3, int, int, int, int)
REAL(fcntl, int, int, int, ...)
REAL(close_range, int, unsigned int, unsigned int, int)
REAL(getxattr, ssize_t, const char *, const char *, void *, size_t)
REAL(lgetxattr, ssize_t, const char *, const char *, void *, size_t)
REAL(listxattr, ssize_t, const char *, char *, size_t)
REAL(llistxattr, ssize_t, const char *, char *, size_t)

int sim_real_open(const char *path, int flags, mode_t mode)
{
	load_open();
	return real_open(path, flags, mode);
}

int sim_real_close(int fd)
{
	load_close();
	return real_close(fd);
}

void *sim_real_mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off)
{
	load_mmap();
	return real_mmap(addr, len, prot, flags, fd, off);
}

int sim_real_munmap(void *addr, size_t len)
{
	load_munmap();
	return real_munmap(addr, len);
}

ssize_t sim_real_write(int fd, const void *buf, size_t len)
{
	load_write();
	return real_write(fd, buf, len);
}

int sim_copy_from_user(void *dst, uint64_t src, size_t len)
{
	struct iovec l = { dst, len }, r = { (void *)(uintptr_t)src, len };

	if (!len)
		return 0;
	if (!src || process_vm_readv(getpid(), &l, 1, &r, 1, 0) != (ssize_t)len)
		return -EFAULT;
	return 0;
}

int sim_copy_to_user(uint64_t dst, const void *src, size_t len)
{
	struct iovec l = { (void *)(uintptr_t)src, len }, r = { (void *)(uintptr_t)dst, len };

	if (!len)
		return 0;
	if (!dst || process_vm_writev(getpid(), &l, 1, &r, 1, 0) != (ssize_t)len)
		return -EFAULT;
	return 0;
}

/* ---- registry ---- */
static struct ent lookup(int fd)
{
	struct ent e = { ENT_NONE, { NULL } };

	if (fd < 0 || fd >= MAX_FD)
		return e;
	pthread_mutex_lock(&reg_lock);
	e = ents[fd];
	pthread_mutex_unlock(&reg_lock);
	return e;
}

static void reg_set(int fd, struct ent e)
{
	if (fd < 0 || fd >= MAX_FD)
		return;
	pthread_mutex_lock(&reg_lock);
	ents[fd] = e;
	pthread_mutex_unlock(&reg_lock);
}

/* dma-bufs count their fds through a small side table keyed by pointer */
static struct { struct sim_dmabuf *b; int n; } bufrefs[256];
static void buf_ref(struct sim_dmabuf *b, int delta);

void sim_fd_set_dmabuf(int fd, struct sim_dmabuf *b)
{
	struct ent e = { .kind = ENT_DMABUF, .buf = b };

	reg_set(fd, e);
	buf_ref(b, 1);
}

static void buf_ref(struct sim_dmabuf *b, int delta)
{
	int free_slot = -1;

	for (int i = 0; i < 256; i++) {
		if (bufrefs[i].b == b) {
			bufrefs[i].n += delta;
			if (bufrefs[i].n <= 0) {
				bufrefs[i].b = NULL;
				sim_dmabuf_close(b);
			}
			return;
		}
		if (!bufrefs[i].b && free_slot < 0)
			free_slot = i;
	}
	if (delta > 0 && free_slot >= 0) {
		bufrefs[free_slot].b = b;
		bufrefs[free_slot].n = delta;
	}
}

/* drop the registry entry of fd (before it is closed) */
static void unregister(int fd)
{
	struct ent e;

	if (fd < 0 || fd >= MAX_FD)
		return;
	pthread_mutex_lock(&reg_lock);
	e = ents[fd];
	ents[fd].kind = ENT_NONE;
	ents[fd].file = NULL;
	if (e.kind == ENT_FILE && --e.file->refs > 0)
		e.kind = ENT_NONE;
	pthread_mutex_unlock(&reg_lock);
	if (e.kind == ENT_FILE)
		sim_file_release(e.file);
	else if (e.kind == ENT_DMABUF)
		buf_ref(e.buf, -1);
}

/* newfd now refers to what oldfd refers to */
static void duplicate(int oldfd, int newfd)
{
	struct ent e = lookup(oldfd);

	if (newfd < 0 || newfd >= MAX_FD)
		return;
	if (e.kind == ENT_NONE)
		return;
	pthread_mutex_lock(&reg_lock);
	if (e.kind == ENT_FILE)
		e.file->refs++;
	ents[newfd] = e;
	pthread_mutex_unlock(&reg_lock);
	if (e.kind == ENT_DMABUF)
		buf_ref(e.buf, 1);
}

/* ---- open ---- */
static int sim_open_path(int dirfd, const char *path, int flags, mode_t mode,
			 bool at)
{
	char buf[512];
	const char *p;
	int idx, fd, ret;
	bool control, foreign;
	dev_t rdev;

	sim_init();
	p = (path && path[0] == '/') ? sim_fs_path(path, buf, sizeof(buf)) : path;
	if (p != path && sim_fs_node(p, &idx, &control, &rdev, &foreign)) {
		struct sim_file *f = NULL;
		struct ent e;

		if (!foreign) {
			ret = sim_dev_open(&sim_devs[idx], control, &f);
			if (ret) {
				errno = -ret;
				return -1;
			}
		}
		load_open();
		fd = real_open("/dev/null", O_RDWR | (flags & (O_CLOEXEC | O_NONBLOCK)));
		if (fd < 0) {
			int err = errno;

			if (f)
				sim_file_release(f);
			errno = err;
			return -1;
		}
		e.kind = foreign ? ENT_FOREIGN : ENT_FILE;
		e.file = f;
		reg_set(fd, e);
		sim_log("open %s -> fd %d", path, fd);
		return fd;
	}
	if (at) {
		load_openat();
		return real_openat(dirfd, p, flags, mode);
	}
	load_open();
	return real_open(p, flags, mode);
}

static mode_t open_mode(int flags, va_list ap)
{
	if (flags & (O_CREAT | O_TMPFILE))
		return (mode_t)va_arg(ap, int);
	return 0;
}

SIM_EXPORT int open(const char *path, int flags, ...)
{
	va_list ap;
	mode_t m;

	va_start(ap, flags);
	m = open_mode(flags, ap);
	va_end(ap);
	return sim_open_path(AT_FDCWD, path, flags, m, false);
}

SIM_EXPORT int open64(const char *path, int flags, ...)
{
	va_list ap;
	mode_t m;

	va_start(ap, flags);
	m = open_mode(flags, ap);
	va_end(ap);
	return sim_open_path(AT_FDCWD, path, flags, m, false);
}

SIM_EXPORT int openat(int dirfd, const char *path, int flags, ...)
{
	va_list ap;
	mode_t m;

	va_start(ap, flags);
	m = open_mode(flags, ap);
	va_end(ap);
	return sim_open_path(dirfd, path, flags, m, true);
}

SIM_EXPORT int openat64(int dirfd, const char *path, int flags, ...)
{
	va_list ap;
	mode_t m;

	va_start(ap, flags);
	m = open_mode(flags, ap);
	va_end(ap);
	return sim_open_path(dirfd, path, flags, m, true);
}

SIM_EXPORT int __open_2(const char *path, int flags);
SIM_EXPORT int __open_2(const char *path, int flags)
{
	return sim_open_path(AT_FDCWD, path, flags, 0, false);
}

SIM_EXPORT int __open64_2(const char *path, int flags);
SIM_EXPORT int __open64_2(const char *path, int flags)
{
	return sim_open_path(AT_FDCWD, path, flags, 0, false);
}

SIM_EXPORT int __openat_2(int dirfd, const char *path, int flags);
SIM_EXPORT int __openat_2(int dirfd, const char *path, int flags)
{
	return sim_open_path(dirfd, path, flags, 0, true);
}

SIM_EXPORT int __openat64_2(int dirfd, const char *path, int flags);
SIM_EXPORT int __openat64_2(int dirfd, const char *path, int flags)
{
	return sim_open_path(dirfd, path, flags, 0, true);
}

SIM_EXPORT FILE *fopen(const char *path, const char *mode)
{
	char buf[512];

	sim_init();
	load_fopen();
	return real_fopen(path ? sim_fs_path(path, buf, sizeof(buf)) : path, mode);
}

SIM_EXPORT FILE *fopen64(const char *path, const char *mode)
{
	return fopen(path, mode);
}

/* ---- close and dup ---- */
SIM_EXPORT int close(int fd)
{
	unregister(fd);
	load_close();
	return real_close(fd);
}

SIM_EXPORT int close_range(unsigned int first, unsigned int last, int flags)
{
	if (!(flags & CLOSE_RANGE_CLOEXEC))
		for (unsigned int fd = first; fd <= last && fd < MAX_FD; fd++)
			if (lookup((int)fd).kind != ENT_NONE)
				unregister((int)fd);
	load_close_range();
	return real_close_range(first, last, flags);
}

SIM_EXPORT int dup(int fd)
{
	int n;

	load_dup();
	n = real_dup(fd);
	if (n >= 0)
		duplicate(fd, n);
	return n;
}

SIM_EXPORT int dup2(int fd, int newfd)
{
	int n;

	if (fd == newfd) {
		load_dup2();
		return real_dup2(fd, newfd);
	}
	if (lookup(newfd).kind != ENT_NONE && fcntl(fd, F_GETFD) >= 0)
		unregister(newfd);
	load_dup2();
	n = real_dup2(fd, newfd);
	if (n >= 0)
		duplicate(fd, n);
	return n;
}

SIM_EXPORT int dup3(int fd, int newfd, int flags)
{
	int n;

	if (fd != newfd && lookup(newfd).kind != ENT_NONE)
		unregister(newfd);
	load_dup3();
	n = real_dup3(fd, newfd, flags);
	if (n >= 0)
		duplicate(fd, n);
	return n;
}

SIM_EXPORT int fcntl(int fd, int cmd, ...)
{
	va_list ap;
	long arg;
	int n;

	va_start(ap, cmd);
	arg = va_arg(ap, long);
	va_end(ap);
	load_fcntl();
	n = real_fcntl(fd, cmd, arg);
	if (n >= 0 && (cmd == F_DUPFD || cmd == F_DUPFD_CLOEXEC))
		duplicate(fd, n);
	return n;
}

SIM_EXPORT int fcntl64(int fd, int cmd, ...)
{
	va_list ap;
	long arg;

	va_start(ap, cmd);
	arg = va_arg(ap, long);
	va_end(ap);
	return fcntl(fd, cmd, arg);
}

/* ---- ioctl dispatch ---- */
static const uint32_t ksize[HLK_CMD_LAST + 1] = {
	0, HLK_INFO_ARGS_SIZE, HLK_CB_ARGS_SIZE, HLK_CS_ARGS_SIZE,
	HLK_WAIT_CS_ARGS_SIZE, HLK_MEM_ARGS_SIZE, HLK_DEBUG_ARGS_SIZE,
};

static int drm_version(const char *name, const char *desc, void *arg)
{
	struct hlk_drm_version v;

	if (sim_copy_from_user(&v, (uint64_t)(uintptr_t)arg, sizeof(v)))
		return -EFAULT;
	/* upstream reports the running kernel's version: 6.8.0 here */
	v.version_major = 6;
	v.version_minor = 8;
	v.version_patchlevel = 0;
#define PUT_STR(field, s)                                                        \
	do {                                                                     \
		size_t l_ = strlen(s);                                           \
		if (v.field && v.field##_len &&                                  \
		    sim_copy_to_user(v.field, s, l_ < v.field##_len ? l_ : v.field##_len)) \
			return -EFAULT;                                          \
		v.field##_len = l_;                                              \
	} while (0)
	PUT_STR(name, name);
	PUT_STR(date, "20190505");
	PUT_STR(desc, desc);
#undef PUT_STR
	if (sim_copy_to_user((uint64_t)(uintptr_t)arg, &v, sizeof(v)))
		return -EFAULT;
	return 0;
}

static int op_of(unsigned int cmd, const uint8_t *k)
{
	uint32_t v;

	switch (cmd) {
	case HLK_CMD_INFO:
		memcpy(&v, k + 12, 4);
		return (int)v;
	case HLK_CMD_CB:
		memcpy(&v, k + 8, 4);
		return (int)v;
	case HLK_CMD_MEMORY:
	case HLK_CMD_DEBUG:
		memcpy(&v, k + 24, 4);
		return (int)v;
	case HLK_CMD_CS:
		memcpy(&v, k + 36, 4);
		return (int)(v & HLK_CS_FLAGS_TYPE_MASK);
	default:
		return 0;
	}
}

static int dispatch(struct sim_file *f, unsigned long req, void *arg)
{
	unsigned int type = HLK_IOC_TYPE(req), nr = HLK_IOC_NR(req);
	unsigned int dir = HLK_IOC_DIR(req), usize = HLK_IOC_SIZE(req);
	unsigned int cmd;
	uint8_t k[256];
	bool copy_back = true;
	size_t in;
	int ret, inj;

	if (f->control) {
		if (nr != (sim_iface == SIM_ACCEL ? HLK_DRM_COMMAND_BASE : HLK_CMD_INFO))
			return -ENOTTY;
		cmd = HLK_CMD_INFO;
	} else if (sim_iface == SIM_ACCEL) {
		if (type != HLK_DRM_IOC_TYPE)
			return -ENOTTY;
		if (nr == 0)
			return drm_version(HLK_DRM_DRIVER_NAME,
					   "Driver for HabanaLabs's AI Accelerators", arg);
		if (nr < HLK_DRM_COMMAND_BASE ||
		    nr >= HLK_DRM_COMMAND_BASE + HLK_CMD_LAST)
			return -EINVAL;
		cmd = nr - HLK_DRM_COMMAND_BASE + 1;
	} else {
		if (nr < HLK_CMD_FIRST || nr > HLK_CMD_LAST)
			return -ENOTTY;
		cmd = nr;
	}

	/* the kernel's copy: min(user, kernel) bytes in, the rest zero */
	memset(k, 0, sizeof(k));
	in = usize < ksize[cmd] ? usize : ksize[cmd];
	if ((dir & HLK_IOC_WRITE) && sim_copy_from_user(k, (uint64_t)(uintptr_t)arg, in))
		return -EFAULT;
	inj = sim_fault(cmd, op_of(cmd, k));
	if (inj)
		return -inj;

	switch (cmd) {
	case HLK_CMD_INFO:
		ret = sim_info(f, (struct hlk_info_args *)(void *)k);
		break;
	case HLK_CMD_CB:
		ret = sim_cb(f, (union hlk_cb_args *)(void *)k);
		break;
	case HLK_CMD_CS:
		ret = sim_cs(f, (union hlk_cs_args *)(void *)k, &copy_back);
		break;
	case HLK_CMD_WAIT_CS:
		ret = sim_wait(f, (union hlk_wait_cs_args *)(void *)k, &copy_back);
		break;
	case HLK_CMD_MEMORY:
		ret = sim_mem(f, (union hlk_mem_args *)(void *)k);
		break;
	default:
		ret = sim_debug(f, (struct hlk_debug_args *)(void *)k);
		break;
	}
	if (copy_back && (dir & HLK_IOC_READ)) {
		size_t out = usize < sizeof(k) ? usize : sizeof(k);

		if (sim_copy_to_user((uint64_t)(uintptr_t)arg, k, out))
			ret = -EFAULT;
	}
	return ret;
}

SIM_EXPORT int ioctl(int fd, unsigned long req, ...);
SIM_EXPORT int ioctl(int fd, unsigned long req, ...)
{
	struct ent e;
	va_list ap;
	void *arg;
	int ret;

	va_start(ap, req);
	arg = va_arg(ap, void *);
	va_end(ap);
	e = lookup(fd);
	switch (e.kind) {
	case ENT_NONE:
		load_ioctl();
		return real_ioctl(fd, req, arg);
	case ENT_FOREIGN:
		if (HLK_IOC_TYPE(req) == HLK_DRM_IOC_TYPE && HLK_IOC_NR(req) == 0)
			ret = drm_version("intel_vpu", "Intel NPU driver", arg);
		else if (HLK_IOC_TYPE(req) == HLK_DRM_IOC_TYPE)
			ret = -EINVAL;
		else
			ret = -ENOTTY;
		break;
	case ENT_DMABUF:
		/* DMA_BUF_IOCTL_SYNC: the simulated memory is coherent */
		ret = (HLK_IOC_TYPE(req) == 'b' && HLK_IOC_NR(req) == 0) ? 0 : -ENOTTY;
		break;
	default:
		ret = dispatch(e.file, req, arg);
		break;
	}
	if (ret < 0) {
		errno = -ret;
		return -1;
	}
	return ret;
}

/* ---- mmap ---- */
static void *do_mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off)
{
	struct ent e = (flags & MAP_ANONYMOUS) ? (struct ent){ ENT_NONE, { NULL } } :
						  lookup(fd);
	void *p;
	int err = 0;

	switch (e.kind) {
	case ENT_FILE:
		if (e.file->control) {
			errno = ENODEV;
			return MAP_FAILED;
		}
		p = sim_file_mmap(e.file, addr, len, prot, flags, (uint64_t)off, &err);
		break;
	case ENT_DMABUF:
		p = sim_dmabuf_mmap(e.buf, fd, addr, len, prot, flags, (uint64_t)off, &err);
		break;
	case ENT_FOREIGN:
		errno = ENODEV;
		return MAP_FAILED;
	default:
		load_mmap();
		return real_mmap(addr, len, prot, flags, fd, off);
	}
	if (p == MAP_FAILED)
		errno = err;
	return p;
}

SIM_EXPORT void *mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off)
{
	return do_mmap(addr, len, prot, flags, fd, off);
}

SIM_EXPORT void *mmap64(void *addr, size_t len, int prot, int flags, int fd, off_t off)
{
	return do_mmap(addr, len, prot, flags, fd, off);
}

SIM_EXPORT int munmap(void *addr, size_t len)
{
	sim_munmap_hook(addr, len);
	load_munmap();
	return real_munmap(addr, len);
}

/* ---- stat family ---- */
static void fix_stat(const char *real_path, struct stat *st)
{
	int idx;
	bool control, foreign;
	dev_t rdev;

	if (sim_fs_node(real_path, &idx, &control, &rdev, &foreign)) {
		st->st_mode = S_IFCHR | 0666;
		st->st_rdev = rdev;
		st->st_size = 0;
	}
}

static void fix_fstat(int fd, struct stat *st)
{
	struct ent e = lookup(fd);

	if (e.kind == ENT_FILE) {
		st->st_mode = S_IFCHR | 0666;
		st->st_rdev = sim_rdev(e.file->dev, e.file->control);
	} else if (e.kind == ENT_FOREIGN) {
		st->st_mode = S_IFCHR | 0666;
		st->st_rdev = makedev(SIM_MAJOR_ACCEL, 99);
	}
}

SIM_EXPORT int stat(const char *path, struct stat *st)
{
	char buf[512];
	const char *p;
	int ret;

	sim_init();
	p = sim_fs_path(path, buf, sizeof(buf));
	load_stat();
	ret = real_stat(p, st);
	if (!ret && p != path)
		fix_stat(p, st);
	return ret;
}

SIM_EXPORT int lstat(const char *path, struct stat *st)
{
	char buf[512];
	const char *p;
	int ret;

	sim_init();
	p = sim_fs_path(path, buf, sizeof(buf));
	load_lstat();
	ret = real_lstat(p, st);
	if (!ret && p != path)
		fix_stat(p, st);
	return ret;
}

SIM_EXPORT int fstat(int fd, struct stat *st)
{
	int ret;

	load_fstat();
	ret = real_fstat(fd, st);
	if (!ret)
		fix_fstat(fd, st);
	return ret;
}

SIM_EXPORT int fstatat(int dirfd, const char *path, struct stat *st, int flags)
{
	char buf[512];
	const char *p;
	int ret;

	sim_init();
	if ((flags & AT_EMPTY_PATH) && !*path)
		return fstat(dirfd, st);
	p = sim_fs_path(path, buf, sizeof(buf));
	load_fstatat();
	ret = real_fstatat(dirfd, p, st, flags);
	if (!ret && p != path)
		fix_stat(p, st);
	return ret;
}

SIM_EXPORT int newfstatat(int dirfd, const char *path, struct stat *st, int flags);
SIM_EXPORT int newfstatat(int dirfd, const char *path, struct stat *st, int flags)
{
	return fstatat(dirfd, path, st, flags);
}

SIM_EXPORT int statx(int dirfd, const char *path, int flags, unsigned int mask,
		     struct statx *sx)
{
	char buf[512];
	const char *p = path;
	struct ent e;
	int ret;

	sim_init();
	if (*path)
		p = sim_fs_path(path, buf, sizeof(buf));
	load_statx();
	ret = real_statx(dirfd, p, flags, mask, sx);
	if (ret)
		return ret;
	if (p != path) {
		struct stat st;

		memset(&st, 0, sizeof(st));
		fix_stat(p, &st);
		if (S_ISCHR(st.st_mode)) {
			sx->stx_mode = (uint16_t)st.st_mode;
			sx->stx_rdev_major = major(st.st_rdev);
			sx->stx_rdev_minor = minor(st.st_rdev);
			sx->stx_size = 0;
		}
	} else if ((flags & AT_EMPTY_PATH) && !*path &&
		   (e = lookup(dirfd)).kind == ENT_FILE) {
		dev_t r = sim_rdev(e.file->dev, e.file->control);

		sx->stx_mode = S_IFCHR | 0666;
		sx->stx_rdev_major = major(r);
		sx->stx_rdev_minor = minor(r);
	}
	return 0;
}

SIM_EXPORT int access(const char *path, int mode)
{
	char buf[512];

	sim_init();
	load_access();
	return real_access(sim_fs_path(path, buf, sizeof(buf)), mode);
}

SIM_EXPORT int faccessat(int dirfd, const char *path, int mode, int flags)
{
	char buf[512];

	sim_init();
	load_faccessat();
	return real_faccessat(dirfd, sim_fs_path(path, buf, sizeof(buf)), mode, flags);
}

SIM_EXPORT DIR *opendir(const char *path)
{
	char buf[512];

	sim_init();
	load_opendir();
	return real_opendir(sim_fs_path(path, buf, sizeof(buf)));
}

SIM_EXPORT ssize_t readlink(const char *path, char *out, size_t size)
{
	char buf[512];

	sim_init();
	load_readlink();
	return real_readlink(sim_fs_path(path, buf, sizeof(buf)), out, size);
}

SIM_EXPORT ssize_t __readlink_chk(const char *path, char *out, size_t size,
				  size_t outlen);
SIM_EXPORT ssize_t __readlink_chk(const char *path, char *out, size_t size,
				  size_t outlen)
{
	if (size > outlen)
		abort();
	return readlink(path, out, size);
}

SIM_EXPORT ssize_t readlinkat(int dirfd, const char *path, char *out, size_t size)
{
	char buf[512];

	sim_init();
	load_readlinkat();
	return real_readlinkat(dirfd, sim_fs_path(path, buf, sizeof(buf)), out, size);
}

SIM_EXPORT char *realpath(const char *path, char *resolved)
{
	char buf[512];
	const char *p;
	char *r;
	size_t n;

	sim_init();
	p = path ? sim_fs_path(path, buf, sizeof(buf)) : path;
	load_realpath();
	r = real_realpath(p, resolved);
	if (r && p != path) {
		/* hide the simulator's root from the caller */
		n = strlen(sim_fs_root());
		if (!strncmp(r, sim_fs_root(), n) && r[n] == '/')
			memmove(r, r + n, strlen(r + n) + 1);
	}
	return r;
}

SIM_EXPORT char *__realpath_chk(const char *path, char *resolved, size_t len);
SIM_EXPORT char *__realpath_chk(const char *path, char *resolved, size_t len)
{
	(void)len;
	return realpath(path, resolved);
}

SIM_EXPORT int uname(struct utsname *u)
{
	int ret;

	sim_init();
	load_uname();
	ret = real_uname(u);
	if (!ret)
		snprintf(u->release, sizeof(u->release), "%s",
			 sim_iface == SIM_ACCEL ? "6.8.0-hla-sim" : "6.1.0-hla-sim");
	return ret;
}

/* the 64-bit forms: on 64-bit glibc struct stat64 has the layout of struct stat */
_Static_assert(sizeof(struct stat) == sizeof(struct stat64), "stat64 layout");
SIM_EXPORT int stat64(const char *path, struct stat64 *st)
{
	return stat(path, (struct stat *)(void *)st);
}

SIM_EXPORT int lstat64(const char *path, struct stat64 *st)
{
	return lstat(path, (struct stat *)(void *)st);
}

SIM_EXPORT int fstat64(int fd, struct stat64 *st)
{
	return fstat(fd, (struct stat *)(void *)st);
}

SIM_EXPORT int fstatat64(int dirfd, const char *path, struct stat64 *st, int flags)
{
	return fstatat(dirfd, path, (struct stat *)(void *)st, flags);
}

/* extended attributes: ls -l asks for them on every path */
SIM_EXPORT ssize_t getxattr(const char *path, const char *name, void *v, size_t n)
{
	char buf[512];

	sim_init();
	load_getxattr();
	return real_getxattr(sim_fs_path(path, buf, sizeof(buf)), name, v, n);
}

SIM_EXPORT ssize_t lgetxattr(const char *path, const char *name, void *v, size_t n)
{
	char buf[512];

	sim_init();
	load_lgetxattr();
	return real_lgetxattr(sim_fs_path(path, buf, sizeof(buf)), name, v, n);
}

SIM_EXPORT ssize_t listxattr(const char *path, char *list, size_t n)
{
	char buf[512];

	sim_init();
	load_listxattr();
	return real_listxattr(sim_fs_path(path, buf, sizeof(buf)), list, n);
}

SIM_EXPORT ssize_t llistxattr(const char *path, char *list, size_t n)
{
	char buf[512];

	sim_init();
	load_llistxattr();
	return real_llistxattr(sim_fs_path(path, buf, sizeof(buf)), list, n);
}
