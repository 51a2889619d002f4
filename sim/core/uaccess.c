/* SPDX-License-Identifier: MIT */
/*
 * Copies to and from the caller's memory that fail with EFAULT instead of
 * crashing, as copy_from_user() and copy_to_user() do in the driver.
 */
#include "core/core.h"

#include <errno.h>
#include <sys/uio.h>
#include <unistd.h>

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
