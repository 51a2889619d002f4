/* SPDX-License-Identifier: MIT */
/*
 * The shim layer: the libc interposers, the descriptor table and the fake
 * /dev and /sys tree.  It knows the simulator only through the ioctl and
 * hw interfaces below it.
 */
#ifndef HLA_SIM_SHIM_H
#define HLA_SIM_SHIM_H

#include "ioctl/ioctl.h"

/* the process's simulator, set up on first use (never NULL) */
struct sim *sim_shim(void);

/* ---- descriptor table (shim/fdtab.c) ---- */
enum sim_fd_kind { SIM_FD_NONE, SIM_FD_FILE, SIM_FD_DMABUF };

struct sim_fd {
	enum sim_fd_kind kind;
	union {
		struct sim_file *file;
		struct sim_dmabuf *buf;
	};
};

/* what fd refers to, with a reference taken (drop it with sim_fd_put) */
struct sim_fd sim_fd_get(int fd);
void sim_fd_put(struct sim_fd e);
/* fd now refers to e (the table takes over the caller's reference) */
void sim_fd_install(int fd, struct sim_fd e);
/* forget fd before the real close (drops the table's reference) */
void sim_fd_forget(int fd);
void sim_fd_forget_range(unsigned int first, unsigned int last);
/* newfd now refers to what oldfd refers to */
void sim_fd_dup(int oldfd, int newfd);
bool sim_fd_known(int fd);
void sim_fd_fork_lock(void);   /* fork(): the tables stay consistent */
void sim_fd_fork_unlock(void);

/* mappings of device objects at mmap offset off (so munmap can tell the
 * device) and aliases of device memory (which munmap must leave alone);
 * false when out of memory */
bool sim_map_note(void *addr, size_t len, struct sim_device *d, uint64_t off, bool alias);
/* false if the caller must not really unmap [addr, addr + len) */
bool sim_map_unmapped(void *addr, size_t len);

/* ---- the fake tree (shim/fs.c) ---- */
int sim_fs_create(struct sim *s);
void sim_fs_destroy(void);
void sim_fs_status(const struct sim_device *d); /* rewrite the status files */
/* a path into the fake tree: buf, or path unchanged when it is not ours */
const char *sim_fs_path(const char *path, char *buf, size_t size);
const char *sim_fs_root(void);

struct sim_node {
	struct sim_device *dev; /* NULL for another vendor's node */
	bool control;
	dev_t rdev;
};

/* is the rewritten path one of the device nodes? */
bool sim_fs_node(const char *real_path, struct sim_node *out);
/* a link target inside the tree, as the guest names it (new length) */
ssize_t sim_fs_unroot(char *out, ssize_t len);
dev_t sim_fs_foreign_rdev(void);

#endif /* HLA_SIM_SHIM_H */
