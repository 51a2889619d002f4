/* SPDX-License-Identifier: MIT */
/*
 * hla-sim internal interfaces.
 *
 *  interpose.c  libc interposers, fd registry, ioctl dispatch (kernel errno
 *               rules per interface), mmap routing
 *  fs.c         the fake /dev and sysfs tree and path rewriting
 *  dev.c        configuration, devices, open/close rules, INFO, events,
 *               reset, fault injection, the control hook
 *  engine.c     device memory, VA spaces, command buffers, command
 *               submission with a device thread executing packets, waits,
 *               timestamps, dma-buf export, debug
 *
 * All simulator state is protected by one lock (sim_lock); the device
 * threads and sleeping waiters use sim_cond.  Handlers return 0 or a
 * negative errno; interpose.c turns that into -1/errno like the kernel.
 */
#ifndef HLA_SIM_H
#define HLA_SIM_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>
#include <sys/types.h>

#include "kabi/hl_kabi.h"
#include "core/waitq.h"

#define SIM_MAX_DEVICES 8
#define SIM_MAX_FOREIGN 4
#define SIM_PAGE 4096ull
#define SIM_EXPORT __attribute__((visibility("default")))

enum sim_asic { SIM_GAUDI = 1, SIM_GAUDI2 = 2 };
enum sim_iface { SIM_ACCEL = 1, SIM_LEGACY = 2 };

/* majors of the fake nodes */
#define SIM_MAJOR_ACCEL HLK_ACCEL_MAJOR
#define SIM_MAJOR_CONTROL 510u
#define SIM_MAJOR_LEGACY 509u
#define SIM_MAJOR_FOREIGN_CTL 508u

struct sim_ctx;
struct sim_dmabuf;

struct sim_device {
	int index; /* minor N */
	enum sim_asic asic;
	uint32_t pci_device_id;
	uint64_t dram_size;      /* bytes backing DRAM */
	uint64_t dram_user_base; /* Gaudi: physical; Gaudi2: VA of the first user page */
	uint64_t dram_page;      /* allocation page (Gaudi2) */
	uint64_t sram_base;
	uint32_t sram_size;
	uint32_t num_queues;
	uint32_t max_pending;
	uint32_t tdr_s;
	uint32_t module_id;
	uint32_t num_events;
	char bus_id[16];

	/* state (sim_lock) */
	uint32_t status;
	bool slot_taken;        /* compute context exists (file or dma-bufs hold it) */
	int holders;            /* compute file + live dma-bufs */
	int64_t release_until;  /* open returns EAGAIN until this time (ns) */
	uint64_t open_counter;
	int64_t last_open_ns;
	int64_t last_close_ns;
	uint32_t hard_resets, soft_resets;
	bool debug_mode;
	uint64_t dram_used;
	struct sim_ctx *ctx;    /* live compute context */
	uint32_t *events;       /* since hard reset */
	uint32_t *events_aggr;  /* since load */
	struct hlk_info_cs_counters cs_counters;
	struct hlk_info_cs_timeout_event rec_cs_timeout;
	struct hlk_info_razwi_event rec_razwi;
	struct hlk_info_undefined_opcode_event rec_undef;
	struct hlk_page_fault_info rec_page_fault;
	struct hlk_info_hw_err_event rec_hw_err;
	struct hlk_info_fw_err_event rec_fw_err;
	struct hlk_info_engine_err_event rec_engine_err;

	/* memory backing */
	int dram_fd;
	uint8_t *dram;
	uint8_t *sram;
	uint8_t *dram_pages_used; /* Gaudi2: one byte per dram_page */

	/* device thread */
	pthread_t thread;
	bool thread_started;
	int hang_next;          /* cs-hang requests */
	uint32_t sob[HLK_GAUDI_QUEUE_ID_SIZE]; /* sync objects, one per stream */
};

/* one open file description of a device node (shared by dup'ed fds) */
struct sim_file {
	int refs;
	struct sim_device *dev;
	bool control;
	struct sim_ctx *ctx;
	uint64_t events;
	int eventfd; /* -1 if none */
	struct sim_file *next; /* list of all open files */
};

/* ---- global state (dev.c) ---- */
extern pthread_mutex_t sim_lock;
extern pthread_cond_t sim_cond;
extern struct sim_waitq sim_waiters; /* ioctls sleeping under sim_lock */
extern struct sim_device sim_devs[SIM_MAX_DEVICES];
extern int sim_ndev;
extern int sim_nforeign;
extern bool sim_foreign_first;
extern enum sim_iface sim_iface;
extern struct sim_file *sim_files;
extern bool sim_debug_on;

void sim_init(void); /* idempotent */
void sim_notify(void); /* lock held: wake the device threads and sleeping ioctls */
int64_t sim_now(void); /* CLOCK_MONOTONIC ns */
void sim_log(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* ---- real libc (interpose.c) ---- */
int sim_real_open(const char *path, int flags, mode_t mode);
int sim_real_close(int fd);
void *sim_real_mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off);
int sim_real_munmap(void *addr, size_t len);
ssize_t sim_real_write(int fd, const void *buf, size_t len);
/* register a dma-buf fd */
void sim_fd_set_dmabuf(int fd, struct sim_dmabuf *b);
/* safe user-memory access: 0 or -EFAULT */
int sim_copy_from_user(void *dst, uint64_t src, size_t len);
int sim_copy_to_user(uint64_t dst, const void *src, size_t len);

/* ---- fake tree (fs.c) ---- */
int sim_fs_create(void);
void sim_fs_destroy(void);
/* rewrite a path into the fake tree: returns buf or path unchanged */
const char *sim_fs_path(const char *path, char *buf, size_t size);
/* is the (rewritten) path one of our device nodes?  fills dev/control */
bool sim_fs_node(const char *real_path, int *dev_index, bool *control,
		 dev_t *rdev, bool *foreign);
void sim_fs_set_status(struct sim_device *d);
const char *sim_fs_root(void);

/* ---- devices (dev.c) ---- */
int sim_dev_open(struct sim_device *d, bool control, struct sim_file **out);
void sim_file_release(struct sim_file *f); /* last fd of the file closed */
bool sim_operational(const struct sim_device *d);
void sim_raise(struct sim_device *d, uint64_t events); /* lock held */
void sim_reset(struct sim_device *d, bool hard);       /* lock held */
void sim_hold(struct sim_device *d);                   /* lock held */
void sim_unhold(struct sim_device *d);                 /* lock held */
int sim_info(struct sim_file *f, struct hlk_info_args *a);
/* fault injection: errno to inject for (cmd, op), or 0 */
int sim_fault(unsigned int cmd, int op);
unsigned int sim_fault_cs_submitted(void); /* number of this CS, from 1 */
bool sim_fault_cs(int kind, unsigned int nr); /* 'r'eset, 'h'ang, hw'w'err for CS nr */
dev_t sim_rdev(const struct sim_device *d, bool control);

/* ---- engine (engine.c) ---- */
int sim_engine_init(struct sim_device *d);
struct sim_ctx *sim_ctx_new(struct sim_device *d);
void sim_ctx_free(struct sim_ctx *c);       /* lock held */
void sim_ctx_abort(struct sim_ctx *c);      /* lock held: reset */
uint64_t sim_ctx_dram(const struct sim_ctx *c);
uint32_t sim_ctx_mappings(struct sim_ctx *c, struct hlk_user_mapping *m,
			  uint32_t max);
int sim_cb(struct sim_file *f, union hlk_cb_args *a);
int sim_cs(struct sim_file *f, union hlk_cs_args *a, bool *copy_back);
int sim_wait(struct sim_file *f, union hlk_wait_cs_args *a, bool *copy_back);
int sim_mem(struct sim_file *f, union hlk_mem_args *a);
int sim_debug(struct sim_file *f, struct hlk_debug_args *a);
void *sim_file_mmap(struct sim_file *f, void *addr, size_t len, int prot,
		    int flags, uint64_t off, int *err);
void sim_munmap_hook(void *addr, size_t len); /* before the real munmap */
void *sim_dmabuf_mmap(struct sim_dmabuf *b, int fd, void *addr, size_t len,
		      int prot, int flags, uint64_t off, int *err);
void sim_dmabuf_close(struct sim_dmabuf *b);  /* last fd closed */

#endif /* HLA_SIM_H */
