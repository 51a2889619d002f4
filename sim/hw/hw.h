/* SPDX-License-Identifier: MIT */
/*
 * The device model: devices and their state behind one lock per device,
 * DRAM, VA spaces, command buffers and timestamp buffers, dma-bufs, the
 * packet checker and executor, the device threads, reset and faults.
 *
 * Locking: everything that belongs to a device (its status, counters,
 * records, open files, its compute context and all objects in it) is
 * guarded by that device's lock.  Data movement (DMA) runs without any
 * lock.  Nothing here calls up into the ioctl or shim layers.
 */
#ifndef HLA_SIM_HW_H
#define HLA_SIM_HW_H

#include <pthread.h>
#include <stdatomic.h>

#include "core/core.h"
#include "core/faults.h"
#include "core/idr.h"
#include "core/waitq.h"
#include "kabi/hl_kabi.h"

#define SIM_MAJOR_CONTROL 510u
#define SIM_MAJOR_LEGACY 509u
#define SIM_MAJOR_COMPAT 508u

#define SIM_NUM_BLOCKS 4
#define SIM_BLOCK_SIZE 0x8000u
#define SIM_HUGE_PAGE (2ull << 20) /* the host MMU's huge page */
#define SIM_DRAM_CHUNK (2ull << 20) /* populate granule of the DRAM backing */
#define SIM_MAX_PUB 256 /* dma-bufs sent to other processes, per backing */

struct sim;
struct sim_device;
struct sim_ctx;
struct sim_file;

/* ---- DRAM backing (hw/dram.c) ---- */
struct sim_dram {
	int fd;             /* memfd holding the device's memory */
	uint8_t *base;      /* the simulator's own mapping of all of it */
	uint64_t size;
	uint8_t *ready;     /* one byte per SIM_DRAM_CHUNK: backed and mapped */
	uint8_t *page_used; /* Gaudi2: one byte per allocation page */
	uint64_t npages;
	int pub[SIM_MAX_PUB]; /* memfds now backing published dma-buf ranges */
	int npub;
};

int sim_dram_init(struct sim_dram *m, int index, uint64_t size, uint64_t page);
void sim_dram_fini(struct sim_dram *m);
/* make [off, off + len) resident before the device writes or reads it */
void sim_dram_prepare(struct sim_dram *m, uint64_t off, uint64_t len);
/* Gaudi2 page allocator (device lock held): first page or -1 */
int64_t sim_dram_alloc_pages(struct sim_dram *m, uint64_t n);
void sim_dram_free_pages(struct sim_dram *m, uint64_t first, uint64_t n);
/* n pages wherever they are free, into pages[]; false if fewer are free */
bool sim_dram_alloc_scattered(struct sim_dram *m, uint64_t n, uint32_t *pages);

/* ---- objects: command buffers and timestamp buffers (hw/objects.c) ---- */
enum sim_obj_kind { SIM_OBJ_CB = 1, SIM_OBJ_TS };
struct sim_reg;

/* one allocation per object, so a pointer held across an unlocked DMA stays
 * good; freed when its handle, mapping, jobs and registrations are gone */
struct sim_obj {
	struct sim_ctx *ctx;
	bool destroyed;
	enum sim_obj_kind kind;
	uint32_t id;      /* in ctx->objs */
	uint64_t size;    /* bytes asked for (CB) or elements * 8 (TS) */
	size_t len;       /* page-rounded */
	int memfd;
	uint8_t *mem;
	void *user_map;   /* the process's single mapping, if any */
	unsigned int usage; /* jobs and DMAs using it */
	unsigned int holds; /* timestamp registrations naming it (CQ or TS buffer) */
	uint64_t va;      /* CB mapped into the device MMU */
	struct sim_reg *recs; /* TS buffer: a registration record per element */
};

/* ---- VA spaces (hw/vm.c) ---- */
struct sim_alloc;
/* give an allocation's pages back (device lock held) */
void sim_alloc_release(struct sim_device *d, struct sim_alloc *al);
/* the backing offset of byte at of al, and how many bytes from there are
 * contiguous in the backing */
uint64_t sim_alloc_phys(const struct sim_device *d, const struct sim_alloc *al, uint64_t at,
			uint64_t *contig);
enum sim_map_kind { SIM_MAP_HOST = 1, SIM_MAP_DRAM, SIM_MAP_CB };

struct sim_alloc {
	uint32_t handle; /* in ctx->allocs */
	uint64_t off;  /* into the DRAM backing (contiguous: all of it) */
	uint64_t size; /* whole pages */
	uint32_t *pages; /* taken page by page: the page of each, else NULL */
	int maps;
	int exports;
};

struct sim_map {
	enum sim_map_kind kind;
	uint64_t va;
	uint64_t size;
	uint8_t *host;
	struct sim_alloc *alloc;
	struct sim_obj *cb;
};

/* a device address resolved to memory the simulator can reach */
struct sim_span {
	uint8_t *ptr;
	struct sim_obj *obj; /* CB memory: hold it while copying */
	bool dram;
	uint64_t dram_off;
};

/* ---- the Gaudi2 sync manager (hw/sync.c) ---- */
#define SIM_SM_SOBS 8192       /* DCORE0 sync objects */
#define SIM_SM_MONS 2048       /* DCORE0 monitors */
#define SIM_SM_SOB_BASE 0x4100000ull  /* offsets in the configuration space */
#define SIM_SM_MON_BASE 0x4108000ull
#define SIM_SM_MON_END 0x4110000ull
#define SIM_PDMA0_QM_BASE 0x4C8A000ull
#define SIM_QM_FENCE_RDATA 0x290u     /* FENCEn_RDATA_s = + n * 0x14 + s * 4 */
#define SIM_QM_FENCES 4
#define SIM_QM_STREAMS 5

struct sim_mon {
	bool armed;
	uint8_t gid, mask;
	uint16_t val;
	uint32_t addrl, addrh, data;
};

struct sim_sm {
	uint32_t sob[SIM_SM_SOBS];
	struct sim_mon mon[SIM_SM_MONS];
	uint32_t fence[HLK_GAUDI2_QUEUE_ID_SIZE][SIM_QM_FENCES];
	/* sync streams: next_sob_val - 1 and curr_sob_offset of each queue */
	uint16_t ss_next[HLK_GAUDI2_QUEUE_ID_SIZE];
	uint8_t ss_off[HLK_GAUDI2_QUEUE_ID_SIZE];
};

/* sync streams (hl_sync_stream_properties), device lock held */
bool sim_ss_queue(uint32_t q);   /* does queue q support sync streams? */
/* count signals more on q's SOB (hl_cs_signal_sob_wraparound_handler());
 * the SOB they go to, *next the new next_sob_val */
uint32_t sim_ss_advance(struct sim_device *d, uint32_t q, uint32_t count, bool encaps,
			uint32_t *next);
uint32_t sim_ss_next(const struct sim_device *d, uint32_t q);
uint32_t sim_ss_sob(const struct sim_device *d, uint32_t q);
/* give back count signals (cs_ioctl_unreserve_signals()) */
void sim_ss_retreat(struct sim_device *d, uint32_t q, uint32_t count);
/* the CBs gaudi2_gen_signal_cb() / gaudi2_gen_wait_cb() build; bytes written */
#define SIM_SS_SIGNAL_LEN 8u
#define SIM_SS_WAIT_LEN 40u
uint32_t sim_ss_gen_signal(uint8_t *p, uint32_t sob);
uint32_t sim_ss_gen_wait(uint8_t *p, uint32_t q, uint32_t sob, uint32_t val);

/* a register write of the configuration space (Gaudi2); 0, or -EOPNOTSUPP
 * for a register the simulator does not model */
int sim_sm_write(struct sim_ctx *c, uint64_t cfg_off, uint32_t value);
/* is [off, off + 4) of the configuration space a register we model? */
bool sim_sm_modelled(uint64_t cfg_off);
/* MSG_SHORT: base 0 = monitors, base 1 = sync objects */
int sim_sm_msg_short(struct sim_ctx *c, uint32_t base, uint32_t addr, uint32_t value);
/* FENCE on queue q: true (and the counter decremented) when satisfied */
bool sim_sm_fence(struct sim_device *d, uint32_t q, uint32_t cfg);
void sim_sm_reset(struct sim_device *d);

/* ---- submissions (hw/queue.c) ---- */
enum sim_cs_state { SIM_CS_FREE, SIM_CS_PENDING, SIM_CS_RUNNING, SIM_CS_DONE };

struct sim_job {
	uint32_t queue;
	uint8_t *code;       /* the snapshot the device runs */
	uint32_t len;
	uint32_t pc;         /* next packet */
	bool done;
	bool lower;          /* a CB fetched by CP_DMA (the lower CP) */
	struct sim_job *sub; /* the CB a CP_DMA fetched, running now */
	struct sim_obj *cb;  /* CB whose usage count this job holds */
	uint64_t fault;      /* no code: fetching the CB at this address faults */
};

/* what a step of a job came to */
#define SIM_JOB_DONE 0
#define SIM_JOB_BLOCKED 1    /* a FENCE not yet satisfied */

struct sim_cs {
	uint64_t seq;
	enum sim_cs_state state;
	int rc;
	bool want_ts;
	bool hung;
	bool skip_reset;
	bool staged_open;
	unsigned int nr;   /* submission number, for faults tied to a CS */
	uint32_t type;     /* CS type flag */
	uint32_t queue;    /* sync-stream queue */
	uint32_t sob;      /* Gaudi2 SIGNAL: the SOB and the value it reaches */
	uint32_t sob_val;
	uint64_t wait_seq; /* Gaudi WAIT: the SIGNAL CS it waits for */
	uint32_t resv_id;  /* staged CS with encapsulated signals: their handle */
	int64_t ts;
	int64_t deadline;
	struct sim_job *jobs;
	uint32_t njobs;
};

/* a timestamp buffer element's registration record (hl_user_pending_interrupt
 * in the TS buffer's kernel part); linked into ctx->pending while in use */
struct sim_reg {
	struct sim_reg *prev, *next;
	bool used;
	struct sim_obj *cq;
	uint64_t idx;
	uint64_t target;
	struct sim_obj *ts;
	uint64_t ts_idx;
};

struct sim_resv {
	uint32_t id; /* in ctx->resv */
	uint32_t queue;
	uint32_t count;
	uint32_t sob_at_reserve; /* Gaudi2: pre_sob_val */
	uint32_t sob;            /* Gaudi2: the SOB of the reservation */
};

/* the compute context of an open compute node */
struct sim_ctx {
	struct sim_device *d;
	uint64_t next_seq;
	uint64_t first_open; /* no CS before it is still in flight */
	struct sim_cs *cs; /* max_pending slots, indexed by seq */
	/* the kernel's IDRs: phys_pg_pack_handles, the memory manager's
	 * handles (CBs and TS buffers share them), the encapsulated-signal
	 * handles; entries are allocated one by one */
	struct sim_idr allocs;
	struct sim_idr objs;
	struct sim_idr resv;
	uint64_t alloc_bytes; /* Gaudi2: the allocations' pages (dram_phys_mem) */
	/* device mappings, each allocated alone, indexed by VA: sorted by
	 * va, no two overlapping */
	struct sim_map **maps;
	uint32_t nmaps, maps_cap;
	uint64_t host_va_next;
	uint64_t dram_va_next;
	uint64_t acct; /* Gaudi: accounted DRAM bytes */
	struct sim_reg *pending; /* timestamp registrations not yet fired */
	uint64_t stalled[2]; /* ENGINES stall bits (engine id < 128) */
	unsigned int reset_gen;
	void *block_maps[SIM_NUM_BLOCKS];
	bool running; /* the device thread is executing one of its CSs */
	bool dead;    /* released while running: the device thread frees it */
};

/* ---- open files (hw/device.c) ---- */
struct sim_file {
	atomic_int refs;          /* descriptors referring to it (shim) */
	pid_t owner;              /* the process that opened it */
	struct sim_device *dev;
	bool control;
	bool foreign;             /* another vendor's node: DRM version only */
	struct sim_ctx *ctx;      /* compute files */
	uint64_t events;          /* device lock */
	int eventfd;              /* -1 if none; device lock */
	struct sim_file *next;    /* the device's open files; device lock */
};

/* ---- dma-buf (hw/dmabuf.c): one object owns the whole lifetime ---- */
struct sim_dmabuf;

/* ---- devices ---- */
struct sim_records {
	struct hlk_info_cs_timeout_event cs_timeout;
	struct hlk_info_razwi_event razwi;
	struct hlk_info_undefined_opcode_event undef;
	struct hlk_page_fault_info page_fault;
	struct hlk_info_hw_err_event hw_err;
	struct hlk_info_fw_err_event fw_err;
	struct hlk_info_engine_err_event engine_err;
};

/* event ids a device reports (Gaudi2 1024, Gaudi 512) */
#define SIM_MAX_EVENTS 1024

struct sim_device {
	struct sim *sim;
	int idx;   /* position in sim->devs, as hla_sim_control() names it */
	int minor; /* accel minor (legacy: hlN with N = idx) */

	/* fixed properties */
	enum sim_asic asic;
	uint32_t pci_device_id;
	uint8_t pci_revision;
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

	pthread_mutex_t lock;       /* everything below */
	pthread_cond_t work;        /* the device thread waits here */
	struct sim_waitq waiters;   /* ioctls sleeping on this device */

	uint32_t status;
	bool slot_taken;            /* compute context exists (file or dma-bufs hold it) */
	int claim;                  /* the shared state's claim on the compute node */
	int holders;                /* compute file + live dma-bufs */
	int64_t release_until;      /* open gives EAGAIN until then (ns) */
	uint64_t open_counter;
	int64_t last_open_ns, last_close_ns;
	uint32_t hard_resets, soft_resets;
	bool debug_mode;
	uint64_t dram_used;
	struct sim_ctx *ctx;        /* live compute context */
	bool ctx_dying;             /* a released context the device thread still runs */
	struct sim_file *files;
	uint32_t events[SIM_MAX_EVENTS];      /* since hard reset */
	uint32_t events_aggr[SIM_MAX_EVENTS]; /* since load */
	struct hlk_info_cs_counters cs_counters;
	struct sim_records rec;
	int hang_next;              /* cs-hang requests */
	bool reset_pending;         /* a reset waits for the release (watchdog_active) */
	bool reset_pending_hard;    /* ... and it is a hard one */
	int64_t reset_deadline;     /* ... until then, then it kills the holder (ns) */
	uint32_t sob[HLK_GAUDI_QUEUE_ID_SIZE]; /* Gaudi: sync objects, one per stream */
	struct sim_sm *sm;          /* Gaudi2: the sync manager, with the backing */

	bool backed;                /* DRAM/SRAM set up (on first compute open) */
	int aliases;                /* CPU mappings of dma-bufs served from dram.base */
	struct sim_dram dram;
	uint8_t *sram;
	bool thread_started;
	pthread_t thread;
};

/* the whole simulator: one per process, passed down explicitly */
struct sim {
	struct sim_config cfg;
	struct sim_faults faults;
	struct sim_xproc xproc;     /* what the launcher's processes share */
	int ndev;
	struct sim_device devs[SIM_MAX_DEVICES];
	/* the sysfs view of a device's status must change: set by the shim,
	 * called with the device lock held */
	void (*on_status)(const struct sim_device *d);
};

/* ---- hw/sim.c ---- */
/* the DRAM page and size of cfg's devices */
uint64_t sim_dram_page(const struct sim_config *cfg);
uint64_t sim_dram_size(const struct sim_config *cfg);
/* fill s, zeroed memory (the process's one simulator is static, so it
 * costs nothing to clear), from cfg; 0 or -errno with a message */
int sim_create(struct sim *s, const struct sim_config *cfg, char *msg, size_t msglen);
/* a device with DRAM behind an MMU (Gaudi2, and Gaudi3 where it is known) */
static inline bool sim_gaudi2(const struct sim_device *d)
{
	return d->asic != SIM_GAUDI;
}
static inline bool sim_gaudi3(const struct sim_device *d)
{
	return d->asic == SIM_GAUDI3;
}
/* the driver profile the simulator follows */
static inline const struct sim_profile *sim_prof(const struct sim_device *d)
{
	return d->sim->cfg.prof;
}
/* the 6.6+ driver's rules (as opposed to 6.1's) */
static inline bool sim_modern(const struct sim_device *d)
{
	return sim_prof(d)->modern;
}
/* accel nodes: /dev/accel/accelN */
static inline bool sim_accel(const struct sim_device *d)
{
	return d->sim->cfg.iface == SIM_ACCEL;
}
dev_t sim_dev_rdev(const struct sim_device *d, bool control);
/* fork(): every device lock taken before, given back after; in the child
 * the device threads are gone and the waiters are the parent's */
void sim_fork_prepare(struct sim *s);
void sim_fork_parent(struct sim *s);
void sim_fork_child(struct sim *s);

/* ---- hw/device.c (device lock held unless said otherwise) ---- */
bool sim_dev_operational(const struct sim_device *d);
/* open a node of d (takes the lock); *out has one reference */
int sim_dev_open(struct sim_device *d, bool control, struct sim_file **out);
struct sim_file *sim_file_foreign(void); /* a file for another vendor's node */
/* a compute file that came with fork(): its context is the parent's */
bool sim_file_inherited(const struct sim_file *f);
void sim_file_get(struct sim_file *f);
void sim_file_put(struct sim_file *f); /* the last put releases (takes the lock) */
void sim_dev_hold(struct sim_device *d);
/* nothing uses the device any more: give its memory back */
void sim_dev_unback(struct sim_device *d);
void sim_dev_unhold(struct sim_device *d);
void sim_dev_raise(struct sim_device *d, uint64_t events);
void sim_dev_reset(struct sim_device *d, bool hard);
/* a compute reset asked for now (hl_device_reset() without HARD): hard on
 * Gaudi, which kills the process holding the compute node */
void sim_dev_compute_reset(struct sim_device *d);
/* a reset as the driver asks for one (hl_device_cond_reset()), events
 * included: put off until the release while the user can be told, else
 * now; a hard one now kills the process that holds the compute node.
 * True when it was put off. */
bool sim_dev_cond_reset(struct sim_device *d, bool hard, uint64_t events);
/* would a reset asked for now be put off? */
bool sim_dev_reset_deferred(struct sim_device *d);
/* the device thread's check of a put-off hard reset's deadline */
void sim_dev_release_watchdog(struct sim_device *d);
void sim_dev_page_fault(struct sim_device *d, uint64_t addr);
void sim_dev_notify(struct sim_device *d); /* wake the device thread and sleepers */
void sim_dev_set_status(struct sim_device *d, uint32_t status);
/* the reset after a release is over: operational again (lock held) */
void sim_dev_release_check(struct sim_device *d);
/* test hook behind hla_sim_control(); takes the lock */
int sim_dev_control(struct sim_device *d, const char *what, long long arg);

/* ---- hw/context.c ---- */
struct sim_ctx *sim_ctx_new(struct sim_device *d);
/* encapsulated-signal reservations (the context's sig_mgr IDR): lowest free
 * id from 1; 0, -ENOMEM (the handle) or -EINVAL (the IDR), as
 * cs_ioctl_reserve_signals() */
int sim_resv_new(struct sim_ctx *c, struct sim_resv **out);
struct sim_resv *sim_resv_find(struct sim_ctx *c, uint32_t id);
void sim_resv_free(struct sim_ctx *c, struct sim_resv *rv);
void sim_ctx_free(struct sim_ctx *c);
void sim_ctx_abort(struct sim_ctx *c);
uint64_t sim_ctx_dram(const struct sim_ctx *c);
uint32_t sim_ctx_mappings(const struct sim_ctx *c, struct hlk_user_mapping *m, uint32_t max);

/* ---- hw/vm.c ---- */
/* a new mapping of [va, va + size), entered in the VA index; NULL when out
 * of memory (the driver's hl_vm_hash_node allocation) */
struct sim_map *sim_vm_add(struct sim_ctx *c, enum sim_map_kind kind, uint64_t va,
			   uint64_t size);
void sim_vm_remove(struct sim_ctx *c, struct sim_map *m); /* and free it */
void sim_vm_fini(struct sim_ctx *c); /* every mapping gone */
/* the allocation table (phys_pg_pack_handles): lowest free handle from 1;
 * 0, -ENOMEM (the pack) or -EFAULT (the IDR), as alloc_device_memory() */
int sim_alloc_new(struct sim_ctx *c, struct sim_alloc **out);
/* the handle's low 32 bits name the allocation, as the driver's u32 */
struct sim_alloc *sim_alloc_find(struct sim_ctx *c, uint64_t handle);
void sim_alloc_free(struct sim_ctx *c, struct sim_alloc *al); /* pages given back */
struct sim_map *sim_vm_find(struct sim_ctx *c, uint64_t va); /* exact, not CB */
struct sim_obj *sim_vm_cb_at(struct sim_ctx *c, uint64_t va);
struct sim_map *sim_vm_find_cb(struct sim_ctx *c, const struct sim_obj *o); /* o's MMU mapping */
int sim_vm_pick(struct sim_ctx *c, bool dram, uint64_t hint, uint64_t size,
		uint64_t align, bool force, uint64_t *out);
/* resolve [addr, addr + len) of device memory; false if not all mapped
 * (or not contiguous in the backing) */
bool sim_vm_xlate(struct sim_ctx *c, uint64_t addr, uint64_t len, struct sim_span *out);
/* the same for the longest prefix of it that is contiguous: *got bytes */
bool sim_vm_xlate_part(struct sim_ctx *c, uint64_t addr, uint64_t len, struct sim_span *out,
		       uint64_t *got);

/* ---- hw/objects.c ---- */
struct sim_obj *sim_obj_new(struct sim_ctx *c, enum sim_obj_kind kind, uint64_t size);
struct sim_obj *sim_obj_find(struct sim_ctx *c, uint64_t handle, enum sim_obj_kind kind);
uint64_t sim_obj_handle(const struct sim_obj *o);
void sim_obj_release(struct sim_ctx *c, struct sim_obj *o); /* free at once */
void sim_obj_maybe_free(struct sim_ctx *c, struct sim_obj *o); /* if destroyed and unused */
/* map a CB/TS/block into the caller (lock taken); MAP_FAILED and *err */
void *sim_obj_mmap(struct sim_file *f, void *addr, size_t len, int prot, int flags,
		   uint64_t off, int *err);
/* the process unmapped addr, mapped at offset off: forget the object's
 * mapping (lock taken) */
void sim_obj_unmapped(struct sim_device *d, void *addr, uint64_t off);

/* ---- hw/dmabuf.c ---- */
/* export [base, base + size) of d's DRAM; the device lock is held; *fd out */
int sim_dmabuf_export(struct sim_device *d, struct sim_alloc *al, uint64_t base,
		      uint64_t size, uint32_t flags, int *fd, struct sim_dmabuf **out);
void sim_dmabuf_get(struct sim_dmabuf *b);      /* one more descriptor */
void sim_dmabuf_put(struct sim_dmabuf *b);      /* one descriptor fewer */
/*
 * A CPU mapping of b through fd, the process's descriptor of it.  A shared
 * mapping is an alias of the simulator's own mapping of the device memory
 * (*alias set): the caller must not unmap it but report it gone with
 * sim_dmabuf_unaliased().
 */
void *sim_dmabuf_mmap(struct sim_dmabuf *b, void *addr, size_t len, int prot,
		      int flags, uint64_t off, int *err, bool *alias);
/* the descriptor came with fork(): the device memory is not this process's */
bool sim_dmabuf_inherited(const struct sim_dmabuf *b);
/* fd (a descriptor of b) goes to another process: move b's memory onto a
 * file other processes can map, and say where it is; 0 or -errno */
int sim_dmabuf_publish(struct sim_dmabuf *b, int fd);
void sim_dmabuf_unaliased(struct sim_device *d);
struct sim_device *sim_dmabuf_device(const struct sim_dmabuf *b);
/* bytes of device memory the dma-buf covers (what fstat reports for it) */
uint64_t sim_dmabuf_size(const struct sim_dmabuf *b);

/* ---- hw/packets.c ---- */
uint32_t sim_pkt_size(uint32_t op, const uint8_t *p, uint32_t left);
/* check a CB before it runs; external: Gaudi's external-queue parser */
int sim_pkt_check(const struct sim_device *d, const uint8_t *code, uint32_t len,
		  bool external);

/* ---- hw/exec.c ---- */
/*
 * Run job j from its pc until it ends (SIM_JOB_DONE), waits on a FENCE
 * (SIM_JOB_BLOCKED) or fails (-errno).  The device lock is held on entry
 * and exit and dropped while bytes move; *aborted set if a reset came in
 * meanwhile.
 */
int sim_exec_step(struct sim_ctx *c, struct sim_job *j, struct sim_cs *r);

/* ---- hw/queue.c ---- */
struct sim_cs *sim_cs_slot(struct sim_ctx *c, uint64_t seq);
/* a new CS record, or -EAGAIN when its slot is still busy */
int sim_cs_new(struct sim_ctx *c, uint32_t flags, uint32_t timeout, struct sim_cs **out);
void sim_cs_release_jobs(struct sim_cs *r);
void sim_jobs_free(struct sim_job *jobs, uint32_t n);
void sim_queue_start(struct sim_device *d); /* the device thread, once */
/* timestamp registrations (device lock held): fire those whose counter
 * reached its target */
void sim_regs_check(struct sim_ctx *c);
/* register element ts_idx of ts for CQ counter idx of cq reaching target
 * (written at once if it has); a record already in use is unregistered
 * first */
void sim_reg_add(struct sim_ctx *c, struct sim_obj *ts, uint64_t ts_idx, struct sim_obj *cq,
		 uint64_t idx, uint64_t target);
void sim_regs_clear(struct sim_ctx *c); /* all dropped unfired (reset, release) */

#endif /* HLA_SIM_HW_H */
