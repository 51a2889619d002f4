/* SPDX-License-Identifier: MIT */
/*
 * hla-sim internal interfaces.
 *
 * The simulator is split in two halves that meet here:
 *  - the platform (interpose.c, fs.c, platform.c, info.c, fault.c): libc
 *    interposers, fake /dev and sysfs tree, fd registry, ioctl dispatch with
 *    the kernel's errno rules, open/close rules, INFO, events, reset, fault
 *    injection;
 *  - the engine (mem.c, cb.c, cs.c, wait.c, debug.c, exec.c, dmabuf.c):
 *    device memory, VA space, command buffers, command submission with a
 *    device thread that executes packets, waits, timestamps, dma-buf, debug.
 *
 * Every handler returns 0 or a negative errno; the platform turns that
 * into -1/errno for the caller, exactly like the kernel.
 */
#ifndef HLA_SIM_H
#define HLA_SIM_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "kabi/hl_kabi.h"

#define SIM_MAX_DEVICES 8
#define SIM_PAGE_SIZE 4096ull

enum sim_asic {
	SIM_ASIC_GAUDI = 1,  /* Gaudi1 */
	SIM_ASIC_GAUDI2 = 2, /* default */
};

enum sim_iface {
	SIM_IFACE_ACCEL = 1,  /* 6.6+ DRM accel nodes and numbers */
	SIM_IFACE_LEGACY = 2, /* 6.1 /dev/hlN, 'H' numbers */
};

struct sim_ctx; /* engine-owned per-compute-open context (opaque to platform) */

/* Fixed properties of a simulated device (filled by platform.c at init). */
struct sim_props {
	enum sim_asic asic;
	uint32_t pci_device_id;
	uint32_t revision;
	uint64_t dram_size;        /* total simulated DRAM bytes */
	uint64_t dram_user_base;   /* first user DRAM address (phys on Gaudi, VA on Gaudi2) */
	uint64_t dram_page_size;   /* Gaudi2: 16 MiB in the simulator (scaled down) */
	uint64_t sram_base;
	uint32_t sram_size;
	uint32_t num_queues;
	uint32_t max_pending_cs;   /* power of two */
	uint32_t tdr_timeout_s;    /* default CS watchdog */
	uint32_t module_id;
	char pci_bus_id[16];
};

/* One simulated device. */
struct sim_device {
	int index;                 /* minor N */
	struct sim_props props;
	pthread_mutex_t lock;      /* protects the fields below */
	uint32_t status;           /* HLK_DEVICE_STATUS_* */
	bool compute_open;         /* single compute slot taken */
	int compute_holders;       /* compute file + exported dma-bufs holding it */
	uint64_t open_counter;
	int64_t last_open_ns;
	uint32_t hard_reset_cnt, soft_reset_cnt;
	bool debug_mode;
	uint64_t dram_used;        /* accounted bytes (all contexts) */
	/* captured error records for INFO 24/25/31/33/36/37/38 */
	struct hlk_info_cs_timeout_event last_cs_timeout;
	struct hlk_info_razwi_event last_razwi;
	struct hlk_info_undefined_opcode_event last_undef;
	struct hlk_page_fault_info last_page_fault;
	struct hlk_info_hw_err_event last_hw_err;
	struct hlk_info_fw_err_event last_fw_err;
	struct hlk_info_engine_err_event last_engine_err;
	uint32_t *event_counters;  /* num_events counters */
	uint32_t *event_counters_aggr;
	uint32_t num_events;
	struct hlk_info_cs_counters cs_counters;
	struct sim_ctx *ctx;       /* live compute context, NULL if none */
	int dram_memfd;            /* backing store of DRAM (size dram_size) */
	uint8_t *dram;             /* mapping of dram_memfd in the simulator */
	uint8_t *sram;             /* SRAM backing */
};

/* One open file description (shared by dup'ed fds). */
struct sim_file {
	int refs;                  /* fds referring to it */
	struct sim_device *dev;
	bool control;
	struct sim_ctx *ctx;       /* compute files only */
	pthread_mutex_t lock;
	uint64_t events;           /* pending HLK_NOTIFIER_EVENT_* */
	int eventfd;               /* registered eventfd (dup'ed), -1 if none */
};

/* ---- provided by the platform ---- */
extern struct sim_device sim_devices[SIM_MAX_DEVICES];
extern int sim_num_devices;
extern enum sim_iface sim_iface;

/* raise events on every open file of dev, and signal eventfds */
void sim_raise_events(struct sim_device *dev, uint64_t events);
/* true if dev->status lets CB/CS/MEM/WAIT/DEBUG run (caller holds no lock) */
bool sim_device_operational(struct sim_device *dev);
/* the device reset path (hard reset): aborts work via sim_ctx_abort_all() */
void sim_device_reset(struct sim_device *dev, bool hard);
/* drop one hold on the compute slot (dma-buf close, compute close) */
void sim_device_put_compute(struct sim_device *dev);
void sim_device_get_compute(struct sim_device *dev);
/* monotonic ns */
int64_t sim_now_ns(void);
/* fault injection: returns 0 or -errno to inject for this (cmd, op) call */
int sim_fault_check(struct sim_device *dev, unsigned int cmd, unsigned int op);
/* fault: make the next CS hang until the watchdog fires */
bool sim_fault_take_cs_hang(struct sim_device *dev);
/* debug trace to stderr when HLA_SIM_DEBUG is set */
void sim_debug(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* real libc functions (resolved with dlsym RTLD_NEXT) */
void *sim_real_mmap(void *addr, size_t len, int prot, int flags, int fd,
		    off_t off);
int sim_real_munmap(void *addr, size_t len);
int sim_real_close(int fd);
int sim_real_ioctl(int fd, unsigned long req, void *arg);

/* ---- provided by the engine ---- */
int sim_engine_init(struct sim_device *dev);    /* memory backing etc. */
struct sim_ctx *sim_ctx_create(struct sim_device *dev, struct sim_file *f);
/* compute close: abort outstanding work, free CBs/mappings/handles */
void sim_ctx_destroy(struct sim_ctx *ctx);
/* reset: complete every in-flight CS with -EIO/ABORTED, wake waiters */
void sim_ctx_abort_all(struct sim_ctx *ctx);
uint64_t sim_ctx_dram_used(struct sim_ctx *ctx);
/* INFO 34 helper: user mappings snapshot; returns count */
uint32_t sim_ctx_user_mappings(struct sim_ctx *ctx, struct hlk_user_mapping *out,
			       uint32_t max);
/* ioctl handlers (arg is the kernel's copy of the user's block) */
int sim_ioctl_cb(struct sim_file *f, union hlk_cb_args *args);
int sim_ioctl_cs(struct sim_file *f, union hlk_cs_args *args, bool *copy_back);
int sim_ioctl_wait_cs(struct sim_file *f, union hlk_wait_cs_args *args,
		      bool *copy_back);
int sim_ioctl_memory(struct sim_file *f, union hlk_mem_args *args);
int sim_ioctl_debug(struct sim_file *f, struct hlk_debug_args *args);
/* mmap on a compute fd: CB / TS / HW block offsets */
void *sim_mmap(struct sim_file *f, void *addr, size_t len, int prot,
	       int flags, uint64_t offset, int *err);
/* munmap hook: release references of a simulator mapping; true if it was ours */
bool sim_munmap(void *addr, size_t len);

/* ---- platform INFO handler (info.c) ---- */
int sim_ioctl_info(struct sim_file *f, struct hlk_info_args *args);

#endif /* HLA_SIM_H */
