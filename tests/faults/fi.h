/* SPDX-License-Identifier: MIT */
/*
 * The fault injector of the faults suite (libhla-fi.so), preloaded ahead of
 * the simulator.  It counts the calls of one class made by the armed
 * thread's own code (the program and libhlaccel, not the simulator under
 * them) and fails the k-th one.
 */
#ifndef HLA_FI_H
#define HLA_FI_H

#include <stdbool.h>

enum hla_fi_class {
	HLA_FI_ALLOC, /* malloc, calloc, realloc: NULL, ENOMEM */
	HLA_FI_OPEN,  /* open, openat, fopen, opendir: EMFILE */
	HLA_FI_MMAP,  /* mmap: ENOMEM */
	HLA_FI_READ,  /* read, pread: EIO */
	HLA_FI_IOCTL, /* ioctl: EIO */
	HLA_FI_EINTR, /* ioctl: EINTR, as a signal would make it fail */
	HLA_FI_NCLASSES
};

struct hla_fi_result {
	unsigned int calls; /* calls of the class seen while armed */
	bool fired;         /* the k-th call came and was failed */
	unsigned int live;  /* blocks allocated while armed, not freed yet */
};

/* the control entry points, looked up with dlsym(RTLD_DEFAULT, ...) */
typedef void hla_fi_arm_fn(int cls, unsigned int k);
typedef void hla_fi_disarm_fn(struct hla_fi_result *res);
typedef const char *hla_fi_class_name_fn(int cls);

#endif
