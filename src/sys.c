/* SPDX-License-Identifier: MIT */
/*
 * The system-call seam: the only place the library talks to libc for
 * files, ioctls and mappings.  The unit tests link a replacement.
 */
#include "hla_internal.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/utsname.h>
#include <unistd.h>
#include <xf86drm.h>

int hla__sys_open(const char *path, int flags)
{
	return open(path, flags | O_CLOEXEC);
}

int hla__sys_close(int fd)
{
	return close(fd);
}

int hla__sys_ioctl(int fd, unsigned long request, void *arg)
{
	return ioctl(fd, request, arg);
}

void *hla__sys_mmap(void *addr, size_t len, int prot, int flags, int fd,
		    uint64_t offset)
{
	return mmap(addr, len, prot, flags, fd, (off_t)offset);
}

int hla__sys_munmap(void *addr, size_t len)
{
	return munmap(addr, len);
}

int hla__sys_fstat(int fd, struct stat *st)
{
	return fstat(fd, st);
}

int hla__sys_stat(const char *path, struct stat *st)
{
	return stat(path, st);
}

ssize_t hla__sys_readlink(const char *path, char *buf, size_t size)
{
	return readlink(path, buf, size);
}

int hla__sys_fcntl_dupfd(int fd)
{
	return fcntl(fd, F_DUPFD_CLOEXEC, 0);
}

int hla__sys_listdir(const char *path,
		     int (*cb)(const char *name, void *priv), void *priv)
{
	struct dirent *e;
	DIR *d = opendir(path);
	int ret = 0;

	if (!d)
		return -errno;
	while ((e = readdir(d))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		ret = cb(e->d_name, priv);
		if (ret)
			break;
	}
	closedir(d);
	return ret;
}

int hla__sys_kernel_release(char *buf, size_t size)
{
	struct utsname u;

	if (uname(&u))
		return -errno;
	snprintf(buf, size, "%s", u.release);
	return 0;
}

int hla__sys_drm_driver_name(int fd, char *buf, size_t size)
{
	drmVersionPtr v = drmGetVersion(fd);

	if (!v)
		return errno ? -errno : -ENODEV;
	snprintf(buf, size, "%.*s", v->name_len, v->name ? v->name : "");
	drmFreeVersion(v);
	return 0;
}

long hla__sys_page_size(void)
{
	return sysconf(_SC_PAGESIZE);
}
