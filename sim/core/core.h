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

enum sim_asic { SIM_GAUDI = 1, SIM_GAUDI2 = 2, SIM_GAUDI3 = 3 };
enum sim_iface { SIM_ACCEL = 1, SIM_LEGACY = 2 };

/* ---- driver profiles (core/profile.c) ---- */
enum sim_nodes { SIM_NODES_LEGACY = 1, SIM_NODES_ACCEL };
enum sim_ioc {
	SIM_IOC_LEGACY = 1, /* hl_ioctl(): 'H', the nr alone, 1..6 */
	SIM_IOC_DRM,        /* drm_ioctl(): DRM_COMMAND_BASE + n, DRM_IOCTL_VERSION */
	SIM_IOC_COMPAT,     /* out-of-tree hl_ioctl() without DRM: nr 0x40..0x46 */
};
enum sim_export {
	SIM_EXPORT_PHYS_ONLY = 1, /* physical address; VM ASICs EOPNOTSUPP */
	SIM_EXPORT_HANDLE,        /* VM ASICs by allocation handle; Gaudi by physical address */
	SIM_EXPORT_ADDR_NO_OFFSET, /* by device address, offset checked, not applied */
	SIM_EXPORT_ADDR,          /* by device address with the offset */
};

struct sim_profile {
	const char *name;           /* "6.8", "oot-5.15" */
	const char *release;        /* what uname(2) reports */
	int kver[3];                /* LINUX_VERSION_MAJOR/PATCHLEVEL/SUBLEVEL */
	int kver_drm[3];            /* out-of-tree: HL_DRIVER_MAJOR/MINOR/PATCHLEVEL */
	enum sim_nodes nodes;
	enum sim_ioc ioc;
	bool modern;                /* the 6.6+ rules (pad checks, control-node eventfd...) */
	bool oot;                   /* Habana's out-of-tree driver */
	uint32_t info_max;          /* highest INFO opcode the driver has */
	bool info_signed;           /* INFO 40 DEV_SIGNED */
	bool razwi_v2;              /* the 280-byte RAZWI record */
	enum sim_export export;
	bool module_id;             /* module_id and parent_device attributes */
	const char *drm_date;       /* the DRM driver date, NULL where none */
	const char *module_version; /* MODULE_VERSION(), NULL where none */
};

const struct sim_profile *sim_profile_find(const char *name);
const struct sim_profile *sim_profile_at(size_t i);
const char *sim_profile_names(void);

/* an ASIC as the PCI bus shows it */
struct sim_variant {
	const char *name;        /* "gaudi2c" */
	enum sim_asic asic;
	uint16_t pci_id;
	uint8_t revision;
	const char *device_type; /* the device_type attribute */
	bool oot_only;           /* only Habana's driver knows it */
};

/* ---- configuration (core/config.c) ---- */
struct sim_config {
	int ndev;
	int nforeign;
	bool foreign_first;
	bool debug;
	enum sim_asic asic;
	const struct sim_variant *variant;
	enum sim_iface iface;          /* node family, from the profile */
	const struct sim_profile *prof;
	uint64_t dram;      /* bytes per device, 0: the card's */
	const char *faults; /* HLA_SIM_FAULTS, or NULL */
	const char *root;   /* HLA_SIM_ROOT, or NULL */
	/* the device release watchdog (HL_DEVICE_RELEASE_WATCHDOG_TIMEOUT_SEC,
	 * 30 s); HLA_SIM_RELEASE_WATCHDOG_MS shortens it for tests */
	int release_watchdog_ms;
};

/*
 * Read the HLA_SIM_* environment into cfg.  0, or -EINVAL with a message
 * in msg: a value the simulator cannot honour is refused, never clamped.
 */
int sim_config_read(struct sim_config *cfg, char *msg, size_t msglen);
/*
 * Where fake trees go: TMPDIR, else memory (/dev/shm) when it can be
 * written, else /tmp.  A launcher's processes put theirs under the name
 * "<parent>/hla-sim.<launcher pid>.", which the launcher removes when its
 * program ends; sim_tree_family() writes that prefix (0, or -ENAMETOOLONG).
 */
const char *sim_tree_parent(void);
int sim_tree_family(char *buf, size_t size, const char *launcher);
/* the ASIC variant of that name, or NULL */
const struct sim_variant *sim_variant_find(const char *name);
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
off_t sim_real_lseek(int fd, off_t off, int whence);
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
/* the size of such a dma-buf, or -EOPNOTSUPP when it was never published */
int64_t sim_xproc_size(int fd);

/* ---- user memory (core/uaccess.c): 0 or -EFAULT, never a crash ---- */
/* getpid(), kept: sim_self_forget() must run first thing in a fork() child */
pid_t sim_self(void);
void sim_self_forget(void);
int sim_copy_from_user(void *dst, uint64_t src, size_t len);
int sim_copy_to_user(uint64_t dst, const void *src, size_t len);

#endif /* HLA_SIM_CORE_H */
