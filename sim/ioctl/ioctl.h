/* SPDX-License-Identifier: MIT */
/*
 * The ioctl layer: one file per ioctl group, as in the driver and in
 * src/, dispatched through one table built on hlk_cmd_table.  Handlers get
 * the kernel's copy of the argument block and return 0 or -errno; they
 * take the device lock themselves.
 */
#ifndef HLA_SIM_IOCTL_H
#define HLA_SIM_IOCTL_H

#include "hw/hw.h"

/* one ioctl call */
struct sim_call {
	struct sim_file *f;
	bool copy_back;                /* write the block back (default true) */
	struct sim_dmabuf *export_buf; /* MEMORY.EXPORT_DMABUF_FD: the new dma-buf */
	int export_fd;                 /* ... and its descriptor */
};

typedef int sim_ioctl_fn(struct sim_call *call, void *k);

sim_ioctl_fn sim_ioctl_info, sim_ioctl_cb, sim_ioctl_cs, sim_ioctl_wait, sim_ioctl_mem,
	sim_ioctl_debug;

/* an ioctl on a device node (compute, control or another vendor's) */
int sim_ioctl(struct sim_call *call, unsigned long req, void *arg);
/* an ioctl on a dma-buf descriptor */
int sim_ioctl_dmabuf(unsigned long req, void *arg);

/* the CS group (ioctl/cs.c, ioctl/cs_sync.c), device lock held */
void sim_cs_out(union hlk_cs_args *a, int rc, uint64_t seq);
int sim_cs_reserve(struct sim_ctx *c, union hlk_cs_args *a);
int sim_cs_unreserve(struct sim_ctx *c, union hlk_cs_args *a);
int sim_cs_signal_wait(struct sim_ctx *c, union hlk_cs_args *a, uint32_t type,
		       bool *copy_back);
/* the restore phase's wait for its CS (ioctl/wait.c), device lock held */
int sim_cs_restore_wait(struct sim_ctx *c, uint64_t seq);

#endif /* HLA_SIM_IOCTL_H */
