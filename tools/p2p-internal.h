/* SPDX-License-Identifier: MIT */
/* The parts of hla-p2p-copy: the copy engine (p2p-copy.c), the device DMA
 * (p2p-dma.c), options (p2p-options.c) and reports (p2p-report.c). */
#ifndef P2P_INTERNAL_H
#define P2P_INTERNAL_H

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>

#include <hlaccel/hlaccel.h>

#include "common.h"
#include "p2p-copy.h"

#define CB_SIZE 4096u
#define CB_RING 4            /* command buffers per device, used in turn */
#define NSLOTS 3             /* staging slots of the pinned host buffer */
#define MAX_PKTS_PER_CB 128  /* LIN_DMA packets in one CB (24 bytes each) */
#define BATCH_TARGET (8ull << 20)  /* bytes moved by one CS when chunks allow */
#define MAX_CHUNK (1ull << 30)     /* LIN_DMA sizes are 32-bit */
#define WAIT_STEP_US 500000ull
#define WAIT_LIMIT_S 120.0
#define CLEAR_PATTERN 0x5a5a5a5a5a5a5a5aull
#define GAUDI1_DRAM_ALIGN (2ull << 20)
#define PAGE_4K 4096ull
#define MAX_SIZES 64         /* powers of two of a sweep */
#define MAX_LANES 2          /* directions copied at once */

enum importer { IMPORTER_MMAP, IMPORTER_BOUNCE, IMPORTER_RDMA };
extern const char *const p2p_importer_names[3];

struct opts {
	uint64_t size;
	uint64_t chunk;
	uint64_t iterations;
	bool iterations_set;
	uint64_t seed;
	const char *src, *dst; /* device selectors, NULL: not given */
	enum importer importer;
	bool json, quiet;
	const char *json_file; /* --json=FILE */
	const char *csv_file;
	bool sweep;            /* -a */
	uint64_t min_size, max_size;
	double duration;       /* seconds of copying per size, 0: --iterations */
	bool bidir;
	enum tools_unit unit;
	const char *ib_dev;    /* rdma: device name, NULL: the first that works */
	unsigned int ib_port;  /* rdma: 0: the first active port */
	unsigned int gid_index;
	bool rdma_opts;        /* one of -d, -p, -x given */
	unsigned int procs;    /* 2: exporter and importer in two processes */
};

struct cbuf {
	uint64_t handle;
	void *ptr;
	uint64_t va;     /* Gaudi2: device VA of the CB */
	uint64_t seq;    /* last CS that used it, HLA_SEQ_NONE if idle */
	bool created;
};

struct side {
	unsigned int index;
	struct hla_device *dev;
	struct hla_device_desc desc;
	struct hla_hw_ip_info hw;
	uint32_t asic;
	bool gaudi1;     /* DRAM addressed physically, CB by handle */
	struct cbuf cb[CB_RING];
	unsigned int next_cb;
	uint64_t host_va; /* staging buffer as seen by this device */
	bool host_mapped;
	uint64_t gaudi1_next; /* Gaudi1: next free physical DRAM offset */
};

struct dbuf {
	struct side *s;
	uint64_t handle;
	bool allocated;
	uint64_t alloc_size;
	uint64_t va;
	bool mapped;
	uint64_t addr;   /* DMA and export address (VA on Gaudi2, physical on Gaudi1) */
	int fd;          /* exported dma-buf, -1 if none */
};

struct slot {
	struct side *s[2];
	uint64_t seq[2];
};

struct pattern {
	uint64_t key;    /* from the seed */
	uint64_t next;   /* index of the next 8-byte word */
	uint8_t pend[8]; /* bytes of a word split across two buffers */
	unsigned int npend;
};

/* one direction of the copy: its own buffers and importer state */
struct lane {
	struct side *src, *dst;
	struct dbuf sb, db;
	uint64_t seed;
	void *src_map, *dst_map;
	struct p2p_rdma *rdma;
};

struct phase_time {
	double seconds;
	bool done;
};

/* the copy passes at one size */
struct result {
	uint64_t size;      /* per direction */
	unsigned int passes;
	double cold;        /* first pass, seconds */
	double best;        /* fastest pass */
	double steady_sum;  /* passes 2..N */
	bool verified;
};

struct run {
	FILE *out, *err;
	struct opts o;
	const struct p2p_hooks *hooks;
	struct side sides[2];
	int nsides;
	struct side *src, *dst;
	bool one_device;
	struct lane lanes[MAX_LANES];
	unsigned int nlanes;
	uint64_t max;        /* bytes per direction at the largest size */
	uint64_t cur;        /* bytes per direction at the size being copied */
	uint64_t export_size;
	uint8_t *stage;
	uint64_t stage_size;
	uint64_t batch;
	unsigned int nslots;
	struct slot slots[NSLOTS];
	/* failure (the copy threads of -b share it) */
	pthread_mutex_t lock;
	int code;
	char msg[320];
	/* the first release that failed at the end (figures still stand) */
	int release_code;
	char release_msg[200];
	bool finishing;      /* --procs 2: the importer's run is over */
	bool mismatch;
	uint64_t bad_off;
	uint8_t bad_exp, bad_got;
	/* progress */
	bool tty;
	double phase_start, last_draw;
	bool drawn;
	/* timings */
	struct phase_time fill, exp, verify;
	double total;
	struct result results[MAX_SIZES];
	unsigned int nresults;
	/* --procs 2, in the importer: the exporter process and its socket */
	pid_t peer_pid;      /* 0: none */
	int peer_sock;       /* -1: none */
	double peer_export;  /* its export and hand-over, seconds */
};

int p2p_fail(struct run *r, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* a release (unmap, free, destroy, close) at the end failed: rc < 0 */
void p2p_release_failed(struct run *r, const struct side *s, const char *what, int rc);
void p2p_progress_begin(struct run *r);
void p2p_progress(struct run *r, const char *phase, uint64_t done, uint64_t total);
void p2p_progress_end(struct run *r);
uint64_t p2p_round_up(uint64_t v, uint64_t a);

/* p2p-dma.c: device DMA through command buffers */
int p2p_side_open(struct run *r, struct side *s, const struct hla_devlist *list,
		  unsigned int index);
void p2p_side_close(struct run *r, struct side *s);
int p2p_side_wait(struct run *r, struct side *s, uint64_t seq);
int p2p_side_drain(struct run *r, struct side *s);
int p2p_side_dma(struct run *r, struct side *s, uint64_t src, uint64_t dst, uint64_t len,
		 uint32_t flags, uint64_t *seq);
int p2p_slot_wait(struct run *r, unsigned int i);
void p2p_slot_add(struct run *r, unsigned int i, struct side *s, uint64_t seq);
uint64_t p2p_stage_va(const struct side *s, const struct run *r, unsigned int slot);
int p2p_stage_setup(struct run *r);
int p2p_buf_alloc(struct run *r, struct dbuf *b, struct side *s);
void p2p_buf_close_fd(struct dbuf *b);
void p2p_buf_free(struct run *r, struct dbuf *b);

/* p2p-copy.c, shared with p2p-procs.c */
int p2p_list_devices(struct run *r, struct hla_devlist **list, uint32_t *count);
int p2p_pick_devices(struct run *r, const struct hla_devlist *list, uint32_t count,
		     unsigned int *src, unsigned int *dst);
void p2p_plan_sizes(struct run *r);
int p2p_fill_source(struct run *r, struct lane *l);
int p2p_clear_destination(struct run *r, struct lane *l, uint64_t len);
int p2p_export_one(struct run *r, struct dbuf *b, uint32_t flags, const char *what);
void p2p_teardown(struct run *r);

/* p2p-procs.c: --procs 2, the importer's side (this process) and the
 * exporter's (a child process, which never returns from p2p_procs_setup) */
int p2p_procs_setup(struct run *r);
int p2p_procs_fill(struct run *r);
void p2p_procs_finish(struct run *r);

/* p2p-options.c: 0 to go on, -1 to stop with success, or the exit code */
int p2p_parse_options(struct run *r, int argc, char **argv);

/* p2p-report.c */
void p2p_print_header(struct run *r);
void p2p_print_text(struct run *r);
/* the JSON report to stdout or --json=FILE, the CSV to --csv FILE; 0 or an
 * exit code when a file cannot be written */
int p2p_write_reports(struct run *r);

#endif /* P2P_INTERNAL_H */
