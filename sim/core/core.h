/* SPDX-License-Identifier: MIT */
/*
 * The bottom layer of the simulator: the real libc entry points (resolved
 * once), time, logging, configuration and user-memory copies.  Nothing
 * here knows about devices; everything above may use it.
 */
#ifndef HLA_SIM_CORE_H
#define HLA_SIM_CORE_H

#include <dirent.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <time.h>

#define SIM_EXPORT __attribute__((visibility("default")))
#define SIM_PAGE 4096ull
#define SIM_MAX_DEVICES 64
#define SIM_MAX_FOREIGN 4

enum sim_asic { SIM_GAUDI = 1, SIM_GAUDI2 = 2 };
enum sim_iface { SIM_ACCEL = 1, SIM_LEGACY = 2 };

/* ---- configuration (core/config.c) ---- */
struct sim_config {
	int ndev;
	int nforeign;
	bool foreign_first;
	bool debug;
	enum sim_asic asic;
	enum sim_iface iface;
	uint64_t dram;      /* bytes per device */
	const char *faults; /* HLA_SIM_FAULTS, or NULL */
	const char *root;   /* HLA_SIM_ROOT, or NULL */
};

/*
 * Read the HLA_SIM_* environment into cfg.  0, or -EINVAL with a message
 * in msg: a value the simulator cannot honour is refused, never clamped.
 */
int sim_config_read(struct sim_config *cfg, char *msg, size_t msglen);
/* parse "4G", "512M", "65536" */
bool sim_parse_size(const char *s, uint64_t *out);

/* ---- logging (core/log.c) ---- */
void sim_log_enable(bool on);
void sim_log(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* ---- time ---- */
static inline int64_t sim_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* ---- the real libc (core/real.c): the next definition after ours ---- */
int sim_real_open(const char *path, int flags, mode_t mode);
int sim_real_openat(int dirfd, const char *path, int flags, mode_t mode);
int sim_real_close(int fd);
int sim_real_close_range(unsigned int first, unsigned int last, int flags);
int sim_real_ioctl(int fd, unsigned long req, void *arg);
void *sim_real_mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off);
int sim_real_munmap(void *addr, size_t len);
ssize_t sim_real_write(int fd, const void *buf, size_t len);
struct msghdr;
ssize_t sim_real_sendmsg(int sock, const struct msghdr *msg, int flags);
int sim_real_dup(int fd);
int sim_real_dup2(int fd, int newfd);
int sim_real_dup3(int fd, int newfd, int flags);
int sim_real_fcntl(int fd, int cmd, long arg);
int sim_real_stat(const char *path, struct stat *st);
int sim_real_lstat(const char *path, struct stat *st);
int sim_real_fstat(int fd, struct stat *st);
int sim_real_fstatat(int dirfd, const char *path, struct stat *st, int flags);
int sim_real_statx(int dirfd, const char *path, int flags, unsigned int mask,
		   struct statx *sx);
int sim_real_access(const char *path, int mode);
int sim_real_faccessat(int dirfd, const char *path, int mode, int flags);
DIR *sim_real_opendir(const char *path);
ssize_t sim_real_readlink(const char *path, char *buf, size_t size);
ssize_t sim_real_readlinkat(int dirfd, const char *path, char *buf, size_t size);
char *sim_real_realpath(const char *path, char *resolved);
FILE *sim_real_fopen(const char *path, const char *mode);
struct utsname;
int sim_real_uname(struct utsname *u);
ssize_t sim_real_getxattr(const char *path, const char *name, void *v, size_t n);
ssize_t sim_real_lgetxattr(const char *path, const char *name, void *v, size_t n);
ssize_t sim_real_listxattr(const char *path, char *list, size_t n);
ssize_t sim_real_llistxattr(const char *path, char *list, size_t n);

/* ---- the state shared by one launcher's processes (core/xproc.c) ---- */
#define SIM_STATE_NAME "hla-sim-state" /* the launcher's memfd */

struct sim_xproc {
	int fd;      /* this process's open file of the state */
	bool shared; /* the launcher's state (else one of the process's own) */
};

/* find the launcher's state (HLA_SIM_STATE) or make a private one */
int sim_xproc_attach(struct sim_xproc *x);
/* the compute node of dev is opened: a file holding the claim, or -EBUSY
 * when any process has it open or any dma-buf of dev is alive */
int sim_xproc_claim(const struct sim_xproc *x, int dev);
/* a new dma-buf of dev: an open file (flags: O_ACCMODE, O_CLOEXEC) that
 * holds dev for as long as it lives, in whatever process */
int sim_xproc_pin(const struct sim_xproc *x, int dev, int flags);
/* does a dma-buf of dev live on in any process (a copy this process
 * passed on, or one another process exported)? */
bool sim_xproc_held(const struct sim_xproc *x, int dev);
/* is fd an open file of a launcher's state (a dma-buf of some process)? */
bool sim_xproc_is_state(int fd);
/* the dma-buf buf's memory is [off, off + size) of this process's memfd:
 * tell every process that gets a copy of buf */
int sim_xproc_publish(int buf, int memfd, uint64_t off, uint64_t size);
/* mmap() of a dma-buf another process exported and published; errno set */
void *sim_xproc_map(int fd, void *addr, size_t len, int prot, int flags, off_t off);

/* ---- user memory (core/uaccess.c): 0 or -EFAULT, never a crash ---- */
int sim_copy_from_user(void *dst, uint64_t src, size_t len);
int sim_copy_to_user(uint64_t dst, const void *src, size_t len);

#endif /* HLA_SIM_CORE_H */
