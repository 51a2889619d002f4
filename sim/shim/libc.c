/* SPDX-License-Identifier: MIT */
/*
 * The libc interposers.  Path calls are rewritten into the fake tree;
 * calls on descriptors of simulated files go to the ioctl layer or the
 * device; everything else goes to the real libc untouched.  ioctl()
 * returns -1 and sets errno exactly as the driver's would.
 */
#include "shim/shim.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/sysmacros.h>
#include <sys/utsname.h>
#include <sys/xattr.h>
#include <unistd.h>

#define PATHBUF 512

/* ---- open ---- */
static int open_node(const struct sim_node *n, const char *path, const char *real,
		     int flags)
{
	int fl = O_RDWR | (flags & (O_CLOEXEC | O_NONBLOCK));

	struct sim_file *f = NULL;
	int fd, ret;

	if (n->dev) {
		ret = sim_dev_open(n->dev, n->control, &f);
		if (ret) {
			errno = -ret;
			return -1;
		}
	} else if (!(f = sim_file_foreign())) {
		errno = ENOMEM;
		return -1;
	}
	/* a real descriptor, so close, dup, poll and fcntl behave; on the
	 * node's file of the fake tree, so /proc/PID/fd shows the node */
	fd = sim_real_open(real, fl, 0);
	if (fd < 0)
		fd = sim_real_open("/dev/null", fl, 0);
	if (fd < 0) {
		ret = errno;
		sim_file_put(f);
		errno = ret;
		return -1;
	}
	sim_fd_install(fd, (struct sim_fd){ .kind = SIM_FD_FILE, .file = f });
	sim_log("open %s -> fd %d", path, fd);
	return fd;
}

static int open_path(int dirfd, const char *path, int flags, mode_t mode, bool at)
{
	char buf[PATHBUF];
	struct sim_node n;
	const char *p;

	sim_shim();
	p = sim_fs_path(path, buf, sizeof(buf));
	if (p != path && sim_fs_node(p, &n))
		return open_node(&n, path, p, flags);
	return at ? sim_real_openat(dirfd, p, flags, mode) : sim_real_open(p, flags, mode);
}

static mode_t open_mode(int flags, va_list ap)
{
	return (flags & (O_CREAT | O_TMPFILE)) ? (mode_t)va_arg(ap, int) : 0;
}

#define OPEN_VARIADIC(name, ...)                                        \
	SIM_EXPORT int name(__VA_ARGS__, int flags, ...)                \
	{                                                               \
		va_list ap;                                             \
		mode_t m;                                               \
                                                                        \
		va_start(ap, flags);                                    \
		m = open_mode(flags, ap);                               \
		va_end(ap);                                             \
		return OPEN_CALL;                                       \
	}

#define OPEN_CALL open_path(AT_FDCWD, path, flags, m, false)
OPEN_VARIADIC(open, const char *path)
OPEN_VARIADIC(open64, const char *path)
#undef OPEN_CALL
#define OPEN_CALL open_path(dirfd, path, flags, m, true)
OPEN_VARIADIC(openat, int dirfd, const char *path)
OPEN_VARIADIC(openat64, int dirfd, const char *path)
#undef OPEN_CALL

SIM_EXPORT int __open_2(const char *path, int flags);
SIM_EXPORT int __open_2(const char *path, int flags)
{
	return open_path(AT_FDCWD, path, flags, 0, false);
}

SIM_EXPORT int __open64_2(const char *path, int flags);
SIM_EXPORT int __open64_2(const char *path, int flags)
{
	return open_path(AT_FDCWD, path, flags, 0, false);
}

SIM_EXPORT int __openat_2(int dirfd, const char *path, int flags);
SIM_EXPORT int __openat_2(int dirfd, const char *path, int flags)
{
	return open_path(dirfd, path, flags, 0, true);
}

SIM_EXPORT int __openat64_2(int dirfd, const char *path, int flags);
SIM_EXPORT int __openat64_2(int dirfd, const char *path, int flags)
{
	return open_path(dirfd, path, flags, 0, true);
}

SIM_EXPORT FILE *fopen(const char *path, const char *mode)
{
	char buf[PATHBUF];

	sim_shim();
	return sim_real_fopen(sim_fs_path(path, buf, sizeof(buf)), mode);
}

SIM_EXPORT FILE *fopen64(const char *path, const char *mode)
{
	return fopen(path, mode);
}

/* ---- close and dup ---- */
SIM_EXPORT int close(int fd)
{
	sim_fd_forget(fd);
	return sim_real_close(fd);
}

SIM_EXPORT int close_range(unsigned int first, unsigned int last, int flags)
{
	if (!(flags & CLOSE_RANGE_CLOEXEC))
		sim_fd_forget_range(first, last);
	return sim_real_close_range(first, last, flags);
}

SIM_EXPORT int dup(int fd)
{
	int n = sim_real_dup(fd);

	if (n >= 0)
		sim_fd_dup(fd, n);
	return n;
}

SIM_EXPORT int dup2(int fd, int newfd)
{
	int n = sim_real_dup2(fd, newfd);

	if (n >= 0 && fd != newfd)
		sim_fd_dup(fd, n);
	return n;
}

SIM_EXPORT int dup3(int fd, int newfd, int flags)
{
	int n = sim_real_dup3(fd, newfd, flags);

	if (n >= 0)
		sim_fd_dup(fd, n);
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
	n = sim_real_fcntl(fd, cmd, arg);
	if (n >= 0 && (cmd == F_DUPFD || cmd == F_DUPFD_CLOEXEC))
		sim_fd_dup(fd, n);
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

/* ---- ioctl ---- */
/*
 * A compute file or dma-buf that came with fork().  With the driver the
 * child shares the parent's context (and, for dma-bufs, the exporter's
 * memory); the simulator's context lives in the parent, so the child is
 * refused rather than given a copy that silently diverges.
 */
static int inherited(void)
{
	sim_log("a context or dma-buf shared with another process is not modelled");
	return -EOPNOTSUPP;
}

static int file_ioctl(struct sim_file *f, unsigned long req, void *arg)
{
	struct sim_call call = { .f = f, .export_fd = -1 };
	int ret = sim_ioctl(&call, req, arg);

	if (call.export_buf) /* MEMORY.EXPORT_DMABUF_FD made a descriptor */
		sim_fd_install(call.export_fd,
			       (struct sim_fd){ .kind = SIM_FD_DMABUF, .buf = call.export_buf });
	return ret;
}

SIM_EXPORT int ioctl(int fd, unsigned long req, ...);
SIM_EXPORT int ioctl(int fd, unsigned long req, ...)
{
	struct sim_fd e;
	va_list ap;
	void *arg;
	int ret;

	va_start(ap, req);
	arg = va_arg(ap, void *);
	va_end(ap);
	e = sim_fd_get(fd); /* held for the call, as the kernel holds the file */
	if (e.kind == SIM_FD_NONE) {
		/* a dma-buf another process exported and passed on */
		if (HLK_IOC_TYPE(req) == 'b' && sim_xproc_is_state(fd))
			ret = sim_ioctl_dmabuf(req, arg);
		else
			return sim_real_ioctl(fd, req, arg);
	} else if (e.kind == SIM_FD_DMABUF) {
		ret = sim_ioctl_dmabuf(req, arg);
	} else if (sim_file_inherited(e.file)) {
		ret = inherited();
	} else {
		ret = file_ioctl(e.file, req, arg);
	}
	sim_fd_put(e);
	if (ret < 0) {
		errno = -ret;
		return -1;
	}
	return ret;
}

/* ---- lseek: dma_buf_llseek() tells the size, SEEK_END or SEEK_SET 0 only ---- */
static off_t do_lseek(int fd, off_t off, int whence)
{
	struct sim_fd e = sim_fd_get(fd);
	int64_t size;

	if (e.kind == SIM_FD_NONE) {
		if (!sim_xproc_is_state(fd))
			return sim_real_lseek(fd, off, whence);
		size = sim_xproc_size(fd); /* a dma-buf another process sent */
	} else {
		size = e.kind == SIM_FD_DMABUF ? (int64_t)sim_dmabuf_size(e.buf) : -1;
		sim_fd_put(e);
		if (size < 0)
			return sim_real_lseek(fd, off, whence);
	}
	if (size < 0 || off || (whence != SEEK_END && whence != SEEK_SET)) {
		errno = size < 0 ? (int)-size : EINVAL;
		return -1;
	}
	return whence == SEEK_END ? (off_t)size : 0;
}

SIM_EXPORT off_t lseek(int fd, off_t off, int whence)
{
	return do_lseek(fd, off, whence);
}

SIM_EXPORT off_t lseek64(int fd, off_t off, int whence);
SIM_EXPORT off_t lseek64(int fd, off_t off, int whence)
{
	return do_lseek(fd, off, whence);
}

/* ---- mmap ---- */
static void *file_mmap(struct sim_file *f, void *addr, size_t len, int prot, int flags,
		       off_t off, int *err)
{
	void *p;

	if (f->control || f->foreign) {
		*err = ENODEV;
		return MAP_FAILED;
	}
	p = sim_obj_mmap(f, addr, len, prot, flags, (uint64_t)off, err);
	if (p != MAP_FAILED && !sim_map_note(p, len, f->dev, (uint64_t)off, false)) {
		sim_real_munmap(p, len);
		sim_obj_unmapped(f->dev, p, (uint64_t)off);
		*err = ENOMEM;
		p = MAP_FAILED;
	}
	return p;
}

static void *do_mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off)
{
	struct sim_fd e = { .kind = SIM_FD_NONE };
	void *p;
	int err = 0;

	if (!(flags & MAP_ANONYMOUS))
		e = sim_fd_get(fd);
	if (e.kind == SIM_FD_NONE) {
		if (fd < 0 || (flags & MAP_ANONYMOUS) || !sim_xproc_is_state(fd))
			return sim_real_mmap(addr, len, prot, flags, fd, off);
		/* a dma-buf another process exported and sent */
		return sim_xproc_map(fd, addr, len, prot, flags, off);
	}
	if (e.kind == SIM_FD_DMABUF && sim_dmabuf_inherited(e.buf)) {
		sim_fd_put(e); /* from the parent: mapped as if sent, when it was */
		return sim_xproc_map(fd, addr, len, prot, flags, off);
	}
	if (e.kind == SIM_FD_FILE && sim_file_inherited(e.file)) {
		p = MAP_FAILED;
		err = -inherited();
	} else if (e.kind == SIM_FD_DMABUF) {
		bool alias;

		p = sim_dmabuf_mmap(e.buf, addr, len, prot, flags, (uint64_t)off, &err, &alias);
		if (p != MAP_FAILED && alias &&
		    !sim_map_note(p, len, sim_dmabuf_device(e.buf), 0, true)) {
			sim_dmabuf_unaliased(sim_dmabuf_device(e.buf));
			err = ENOMEM;
			p = MAP_FAILED;
		}
	} else
		p = file_mmap(e.file, addr, len, prot, flags, off, &err);
	sim_fd_put(e);
	if (p == MAP_FAILED)
		errno = err;
	return p;
}

/* ---- sendmsg: dma-bufs going to another process ---- */
static void publish_rights(const struct msghdr *msg)
{
	struct msghdr m;

	if (!msg || !msg->msg_control || msg->msg_controllen < sizeof(struct cmsghdr))
		return;
	m = *msg;
	for (struct cmsghdr *c = CMSG_FIRSTHDR(&m); c; c = CMSG_NXTHDR(&m, c)) {
		size_t n;

		if (c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_RIGHTS ||
		    c->cmsg_len < CMSG_LEN(0))
			continue;
		n = (c->cmsg_len - CMSG_LEN(0)) / sizeof(int);
		for (size_t i = 0; i < n; i++) {
			struct sim_fd e;
			int fd;

			memcpy(&fd, CMSG_DATA(c) + i * sizeof(int), sizeof(int));
			e = sim_fd_get(fd);
			if (e.kind == SIM_FD_DMABUF && !sim_dmabuf_inherited(e.buf) &&
			    sim_dmabuf_publish(e.buf, fd))
				sim_log("dma-buf %d: cannot publish it to other processes", fd);
			sim_fd_put(e);
		}
	}
}

SIM_EXPORT ssize_t sendmsg(int sock, const struct msghdr *msg, int flags)
{
	publish_rights(msg);
	return sim_real_sendmsg(sock, msg, flags);
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
	if (!sim_map_unmapped(addr, len))
		return 0; /* an alias of device memory: the device keeps it */
	return sim_real_munmap(addr, len);
}

/* ---- stat family ---- */
static void node_stat(const char *real_path, struct stat *st)
{
	struct sim_node n;

	if (sim_fs_node(real_path, &n)) {
		st->st_mode = S_IFCHR | 0666;
		st->st_rdev = n.rdev;
		st->st_size = 0;
	}
}

/* the device number of an open node, or 0 */
static dev_t fd_rdev(int fd)
{
	struct sim_fd e = sim_fd_get(fd);
	dev_t r = 0;

	if (e.kind == SIM_FD_FILE)
		r = e.file->foreign ? sim_fs_foreign_rdev() : sim_dev_rdev(e.file->dev, e.file->control);
	sim_fd_put(e);
	return r;
}

SIM_EXPORT int stat(const char *path, struct stat *st)
{
	char buf[PATHBUF];
	const char *p;
	int ret;

	sim_shim();
	p = sim_fs_path(path, buf, sizeof(buf));
	ret = sim_real_stat(p, st);
	if (!ret && p != path)
		node_stat(p, st);
	return ret;
}

SIM_EXPORT int lstat(const char *path, struct stat *st)
{
	char buf[PATHBUF];
	const char *p;
	int ret;

	sim_shim();
	p = sim_fs_path(path, buf, sizeof(buf));
	ret = sim_real_lstat(p, st);
	if (!ret && p != path)
		node_stat(p, st);
	return ret;
}

/* a dma-buf's descriptor looks like the kernel's: an anonymous inode of
 * the buffer's size, no file type (dma_buf_getfile, alloc_anon_inode) */
static void dmabuf_stat(int fd, struct stat *st)
{
	struct sim_fd e = sim_fd_get(fd);

	if (e.kind == SIM_FD_DMABUF) {
		st->st_mode = S_IRUSR | S_IWUSR;
		st->st_size = (off_t)sim_dmabuf_size(e.buf);
	}
	sim_fd_put(e);
}

SIM_EXPORT int fstat(int fd, struct stat *st)
{
	int ret = sim_real_fstat(fd, st);
	dev_t r;

	if (!ret && (r = fd_rdev(fd))) {
		st->st_mode = S_IFCHR | 0666;
		st->st_rdev = r;
	} else if (!ret) {
		dmabuf_stat(fd, st);
	}
	return ret;
}

SIM_EXPORT int fstatat(int dirfd, const char *path, struct stat *st, int flags)
{
	char buf[PATHBUF];
	const char *p;
	int ret;

	sim_shim();
	if ((flags & AT_EMPTY_PATH) && !*path)
		return fstat(dirfd, st);
	p = sim_fs_path(path, buf, sizeof(buf));
	ret = sim_real_fstatat(dirfd, p, st, flags);
	if (!ret && p != path)
		node_stat(p, st);
	return ret;
}

SIM_EXPORT int newfstatat(int dirfd, const char *path, struct stat *st, int flags);
SIM_EXPORT int newfstatat(int dirfd, const char *path, struct stat *st, int flags)
{
	return fstatat(dirfd, path, st, flags);
}

static void statx_node(struct statx *sx, dev_t r)
{
	sx->stx_mode = S_IFCHR | 0666;
	sx->stx_rdev_major = major(r);
	sx->stx_rdev_minor = minor(r);
	sx->stx_size = 0;
}

SIM_EXPORT int statx(int dirfd, const char *path, int flags, unsigned int mask,
		     struct statx *sx)
{
	char buf[PATHBUF];
	const char *p = path;
	struct sim_node n;
	dev_t r;
	int ret;

	sim_shim();
	if (*path)
		p = sim_fs_path(path, buf, sizeof(buf));
	ret = sim_real_statx(dirfd, p, flags, mask, sx);
	if (ret)
		return ret;
	if (p != path && sim_fs_node(p, &n))
		statx_node(sx, n.rdev);
	else if ((flags & AT_EMPTY_PATH) && !*path && (r = fd_rdev(dirfd)))
		statx_node(sx, r);
	return 0;
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

/* ---- other path calls ---- */
#define REWRITE(path) (sim_shim(), sim_fs_path((path), buf, sizeof(buf)))

SIM_EXPORT int access(const char *path, int mode)
{
	char buf[PATHBUF];

	return sim_real_access(REWRITE(path), mode);
}

SIM_EXPORT int faccessat(int dirfd, const char *path, int mode, int flags)
{
	char buf[PATHBUF];

	return sim_real_faccessat(dirfd, REWRITE(path), mode, flags);
}

SIM_EXPORT DIR *opendir(const char *path)
{
	char buf[PATHBUF];

	return sim_real_opendir(REWRITE(path));
}

SIM_EXPORT ssize_t readlink(const char *path, char *out, size_t size)
{
	char buf[PATHBUF];

	ssize_t n = sim_real_readlink(REWRITE(path), out, size);

	return n > 0 ? sim_fs_unroot(out, n) : n;
}

SIM_EXPORT ssize_t __readlink_chk(const char *path, char *out, size_t size, size_t outlen);
SIM_EXPORT ssize_t __readlink_chk(const char *path, char *out, size_t size, size_t outlen)
{
	if (size > outlen)
		abort();
	return readlink(path, out, size);
}

SIM_EXPORT ssize_t readlinkat(int dirfd, const char *path, char *out, size_t size)
{
	char buf[PATHBUF];

	ssize_t n = sim_real_readlinkat(dirfd, REWRITE(path), out, size);

	return n > 0 ? sim_fs_unroot(out, n) : n;
}

SIM_EXPORT char *realpath(const char *path, char *resolved)
{
	char buf[PATHBUF];
	const char *p = path ? REWRITE(path) : path;
	char *r = sim_real_realpath(p, resolved);

	/* hide the simulator's trees from the caller */
	if (r && p != path)
		r[sim_fs_unroot(r, (ssize_t)strlen(r))] = '\0';
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
	struct sim *s = sim_shim();
	int ret = sim_real_uname(u);

	if (!ret)
		snprintf(u->release, sizeof(u->release), "%s", s->cfg.prof->release);
	return ret;
}

/* extended attributes: ls -l asks for them on every path */
SIM_EXPORT ssize_t getxattr(const char *path, const char *name, void *v, size_t n)
{
	char buf[PATHBUF];

	return sim_real_getxattr(REWRITE(path), name, v, n);
}

SIM_EXPORT ssize_t lgetxattr(const char *path, const char *name, void *v, size_t n)
{
	char buf[PATHBUF];

	return sim_real_lgetxattr(REWRITE(path), name, v, n);
}

SIM_EXPORT ssize_t listxattr(const char *path, char *list, size_t n)
{
	char buf[PATHBUF];

	return sim_real_listxattr(REWRITE(path), list, n);
}

SIM_EXPORT ssize_t llistxattr(const char *path, char *list, size_t n)
{
	char buf[PATHBUF];

	return sim_real_llistxattr(REWRITE(path), list, n);
}
