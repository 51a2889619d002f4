/* SPDX-License-Identifier: MIT */
/*
 * The system-call seam: the only place the library talks to libc for
 * files, ioctls and mappings.  The unit tests link a replacement.
 */
#include "hla_internal.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/mman.h>
#include <sys/utsname.h>
#include <unistd.h>

int hla__sys_open(const char *path, int flags)
{
	return open(path, flags | O_CLOEXEC);
}

int hla__sys_close(int fd)
{
	return close(fd);
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

int64_t hla__sys_lseek_end(int fd)
{
	off_t end = lseek(fd, 0, SEEK_END);

	return end < 0 ? -errno : (int64_t)end;
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

/* getdents64 into a stack buffer: no allocation, unlike opendir() */
int hla__sys_listdir(const char *path,
		     int (*cb)(const char *name, void *priv), void *priv)
{
	char buf[4096] __attribute__((aligned(8)));
	int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	ssize_t n;
	int ret = 0;

	if (fd < 0)
		return -errno;
	while (!ret && (n = getdents64(fd, buf, sizeof(buf))) > 0) {
		for (ssize_t off = 0; off < n && !ret;) {
			struct dirent64 *e = (struct dirent64 *)(void *)(buf + off);

			off += e->d_reclen;
			if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
				ret = cb(e->d_name, priv);
		}
	}
	if (!ret && n < 0)
		ret = -errno;
	close(fd);
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

long hla__sys_page_size(void)
{
	return sysconf(_SC_PAGESIZE);
}
