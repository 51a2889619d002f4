/* SPDX-License-Identifier: MIT */
/*
 * The real libc entry points, looked up once (dlsym(RTLD_NEXT), or a
 * sanitizer's interceptor, see lookup()) the first time any of them is
 * needed.  The table is written once under pthread_once() and only read
 * afterwards.
 */
#include "core/core.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <sys/socket.h>
#include <sys/utsname.h>

static struct {
	int (*open)(const char *, int, ...);
	int (*openat)(int, const char *, int, ...);
	int (*close)(int);
	int (*close_range)(unsigned int, unsigned int, int);
	int (*ioctl)(int, unsigned long, ...);
	void *(*mmap)(void *, size_t, int, int, int, off_t);
	int (*munmap)(void *, size_t);
	off_t (*lseek)(int, off_t, int);
	ssize_t (*write)(int, const void *, size_t);
	ssize_t (*sendmsg)(int, const struct msghdr *, int);
	int (*dup)(int);
	int (*dup2)(int, int);
	int (*dup3)(int, int, int);
	int (*fcntl)(int, int, ...);
	int (*stat)(const char *, struct stat *);
	int (*lstat)(const char *, struct stat *);
	int (*fstat)(int, struct stat *);
	int (*fstatat)(int, const char *, struct stat *, int);
	int (*statx)(int, const char *, int, unsigned int, struct statx *);
	int (*access)(const char *, int);
	int (*faccessat)(int, const char *, int, int);
	DIR *(*opendir)(const char *);
	ssize_t (*readlink)(const char *, char *, size_t);
	ssize_t (*readlinkat)(int, const char *, char *, size_t);
	char *(*realpath)(const char *, char *);
	FILE *(*fopen)(const char *, const char *);
	int (*uname)(struct utsname *);
	ssize_t (*getxattr)(const char *, const char *, void *, size_t);
	ssize_t (*lgetxattr)(const char *, const char *, void *, size_t);
	ssize_t (*listxattr)(const char *, char *, size_t);
	ssize_t (*llistxattr)(const char *, char *, size_t);
} real;

static pthread_once_t once = PTHREAD_ONCE_INIT;

/*
 * Linked into a program built with a sanitizer (the fuzzers and the
 * stress programs link the simulator in), our interposer has replaced the
 * sanitizer's in the same object, and the libc function found next knows
 * nothing of the sanitizer: a descriptor the simulator closed and the
 * kernel handed out again would look to ThreadSanitizer like one object
 * shared without synchronization.  There the real call goes through the
 * sanitizer's interceptor, which calls libc itself.  A preloaded
 * simulator is another object than any sanitizer runtime and uses libc's
 * function directly, as always.
 */
static void *interceptor(const char *name)
{
	char iname[64];
	Dl_info self, it;
	void *p;

	snprintf(iname, sizeof(iname), "__interceptor_%s", name);
	p = dlsym(RTLD_DEFAULT, iname);
	if (p && dladdr(&real, &self) && dladdr(p, &it) &&
	    self.dli_fbase == it.dli_fbase)
		return p;
	return NULL;
}

/* whether a sanitizer runtime is linked into this object: every one
 * intercepts open(); a name not found costs dlsym an error report, so
 * the other names are asked only where there is one */
static bool sanitized;

static void *lookup(const char *name)
{
	void *p = sanitized ? interceptor(name) : NULL;

	return p ? p : dlsym(RTLD_NEXT, name);
}

#define LOOKUP(name) (*(void **)&real.name = lookup(#name))

static void resolve(void)
{
	sanitized = interceptor("open") != NULL;
	LOOKUP(open);
	LOOKUP(openat);
	LOOKUP(close);
	LOOKUP(close_range);
	LOOKUP(ioctl);
	LOOKUP(mmap);
	LOOKUP(munmap);
	LOOKUP(lseek);
	LOOKUP(write);
	LOOKUP(sendmsg);
	LOOKUP(dup);
	LOOKUP(dup2);
	LOOKUP(dup3);
	LOOKUP(fcntl);
	LOOKUP(stat);
	LOOKUP(lstat);
	LOOKUP(fstat);
	LOOKUP(fstatat);
	LOOKUP(statx);
	LOOKUP(access);
	LOOKUP(faccessat);
	LOOKUP(opendir);
	LOOKUP(readlink);
	LOOKUP(readlinkat);
	LOOKUP(realpath);
	LOOKUP(fopen);
	LOOKUP(uname);
	LOOKUP(getxattr);
	LOOKUP(lgetxattr);
	LOOKUP(listxattr);
	LOOKUP(llistxattr);
}

#define R(name) (pthread_once(&once, resolve), real.name)

int sim_real_open(const char *path, int flags, mode_t mode)
{
	return R(open)(path, flags, mode);
}

int sim_real_openat(int dirfd, const char *path, int flags, mode_t mode)
{
	return R(openat)(dirfd, path, flags, mode);
}

int sim_real_close(int fd)
{
	return R(close)(fd);
}

int sim_real_close_range(unsigned int first, unsigned int last, int flags)
{
	return R(close_range)(first, last, flags);
}

int sim_real_ioctl(int fd, unsigned long req, void *arg)
{
	return R(ioctl)(fd, req, arg);
}

void *sim_real_mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off)
{
	return R(mmap)(addr, len, prot, flags, fd, off);
}

int sim_real_munmap(void *addr, size_t len)
{
	return R(munmap)(addr, len);
}

off_t sim_real_lseek(int fd, off_t off, int whence)
{
	return R(lseek)(fd, off, whence);
}

ssize_t sim_real_write(int fd, const void *buf, size_t len)
{
	return R(write)(fd, buf, len);
}

ssize_t sim_real_sendmsg(int sock, const struct msghdr *msg, int flags)
{
	return R(sendmsg)(sock, msg, flags);
}

int sim_real_dup(int fd)
{
	return R(dup)(fd);
}

int sim_real_dup2(int fd, int newfd)
{
	return R(dup2)(fd, newfd);
}

int sim_real_dup3(int fd, int newfd, int flags)
{
	return R(dup3)(fd, newfd, flags);
}

int sim_real_fcntl(int fd, int cmd, long arg)
{
	return R(fcntl)(fd, cmd, arg);
}

int sim_real_stat(const char *path, struct stat *st)
{
	return R(stat)(path, st);
}

int sim_real_lstat(const char *path, struct stat *st)
{
	return R(lstat)(path, st);
}

int sim_real_fstat(int fd, struct stat *st)
{
	return R(fstat)(fd, st);
}

int sim_real_fstatat(int dirfd, const char *path, struct stat *st, int flags)
{
	return R(fstatat)(dirfd, path, st, flags);
}

int sim_real_statx(int dirfd, const char *path, int flags, unsigned int mask,
		   struct statx *sx)
{
	return R(statx)(dirfd, path, flags, mask, sx);
}

int sim_real_access(const char *path, int mode)
{
	return R(access)(path, mode);
}

int sim_real_faccessat(int dirfd, const char *path, int mode, int flags)
{
	return R(faccessat)(dirfd, path, mode, flags);
}

DIR *sim_real_opendir(const char *path)
{
	return R(opendir)(path);
}

ssize_t sim_real_readlink(const char *path, char *buf, size_t size)
{
	return R(readlink)(path, buf, size);
}

ssize_t sim_real_readlinkat(int dirfd, const char *path, char *buf, size_t size)
{
	return R(readlinkat)(dirfd, path, buf, size);
}

char *sim_real_realpath(const char *path, char *resolved)
{
	return R(realpath)(path, resolved);
}

FILE *sim_real_fopen(const char *path, const char *mode)
{
	return R(fopen)(path, mode);
}

int sim_real_uname(struct utsname *u)
{
	return R(uname)(u);
}

ssize_t sim_real_getxattr(const char *path, const char *name, void *v, size_t n)
{
	return R(getxattr)(path, name, v, n);
}

ssize_t sim_real_lgetxattr(const char *path, const char *name, void *v, size_t n)
{
	return R(lgetxattr)(path, name, v, n);
}

ssize_t sim_real_listxattr(const char *path, char *list, size_t n)
{
	return R(listxattr)(path, list, n);
}

ssize_t sim_real_llistxattr(const char *path, char *list, size_t n)
{
	return R(llistxattr)(path, list, n);
}
