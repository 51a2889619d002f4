/* SPDX-License-Identifier: MIT */
/*
 * Copies to and from the caller's memory that fail with EFAULT instead of
 * crashing, as copy_from_user() and copy_to_user() do in the driver, and
 * the caller's process id they need.
 */
#include "core/core.h"

#include <errno.h>
#include <stdatomic.h>
#include <sys/uio.h>
#include <unistd.h>

/*
 * getpid() is a system call each time, and every copy and every check of
 * a file's owner wants it: dozens per ioctl.  The value is kept until the
 * fork() child handler forgets it.
 */
static _Atomic pid_t self;

pid_t sim_self(void)
{
	pid_t p = atomic_load_explicit(&self, memory_order_relaxed);

	if (!p) {
		p = getpid();
		atomic_store_explicit(&self, p, memory_order_relaxed);
	}
	return p;
}

void sim_self_forget(void)
{
	atomic_store_explicit(&self, 0, memory_order_relaxed);
}

int sim_copy_from_user(void *dst, uint64_t src, size_t len)
{
	struct iovec l = { dst, len }, r = { (void *)(uintptr_t)src, len };

	if (!len)
		return 0;
	if (!src || process_vm_readv(sim_self(), &l, 1, &r, 1, 0) != (ssize_t)len)
		return -EFAULT;
	return 0;
}

int sim_copy_to_user(uint64_t dst, const void *src, size_t len)
{
	struct iovec l = { (void *)(uintptr_t)src, len }, r = { (void *)(uintptr_t)dst, len };

	if (!len)
		return 0;
	if (!dst || process_vm_writev(sim_self(), &l, 1, &r, 1, 0) != (ssize_t)len)
		return -EFAULT;
	return 0;
}
