/* SPDX-License-Identifier: MIT */
/*
 * Shared helpers of the integration suite.  The tests drive the public
 * API end to end against whatever /dev and /sys show: a real device, or
 * the simulator when the suite runs under hla-sim.  Without a device a
 * test exits 77 (skipped).
 */
#ifndef HLA_ITEST_H
#define HLA_ITEST_H

#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "hlaccel/hlaccel.h"

#define ITEST_SKIP 77

struct itest_dev {
	struct hla_device *dev;
	struct hla_hw_ip_info hw;
	struct hla_device_desc desc;
	uint32_t asic;
	bool gaudi1;   /* Gaudi / Gaudi secured */
	bool gaudi2;   /* Gaudi2 family and later */
	bool legacy;   /* /dev/hlN interface */
	uint64_t dram_next; /* Gaudi1: next free physical DRAM address */
};

struct itest_dram {
	uint64_t handle;
	uint64_t size;
	uint64_t addr; /* address for packets: VA (Gaudi2) or physical (Gaudi1) */
	bool mapped;
};

struct itest_host {
	void *ptr;
	size_t size;
	uint64_t va;
};

struct itest_cb {
	uint64_t handle;
	uint32_t size;
	void *map;
	uint64_t va; /* Gaudi2: device VA of the CB */
	uint32_t used;
};

/*
 * The driver the simulator follows (HLA_SIM_DRIVER, or the profile its
 * interface alone implies): what each real driver is known to answer,
 * so a test can hold the library to it under every profile.
 */
struct itest_sim_driver {
	const char *name;        /* "6.8", "oot-6.8" */
	bool habana;             /* Habana's out-of-tree driver */
	uint32_t version;        /* the driver version it reports */
	uint32_t info_max;       /* highest INFO opcode it has */
	bool info_signed;        /* INFO 40 */
	bool module_id;          /* module_id sysfs attribute */
	bool is_default;         /* 6.1 or 6.8: what the suite was written for */
};
/* NULL when not on the simulator or the profile is unknown */
const struct itest_sim_driver *itest_sim_driver(void);
/* on the simulator: does the driver have INFO opcode op? (true off it) */
bool itest_sim_has_op(uint32_t op);

/* exit(77) when the machine shows no habanalabs device */
void itest_require_device(void);
/* the description of device index from a fresh device-list snapshot */
int itest_desc(uint32_t index, struct hla_device_desc *desc);
/* open device index 0 (compute) and fill the cached fields */
int itest_open(struct itest_dev *d);
void itest_close(struct itest_dev *d);
/* the simulator's control hook, or NULL on real hardware */
int itest_sim_control(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
bool itest_on_sim(void);

int itest_dram_alloc(struct itest_dev *d, uint64_t size, struct itest_dram *m);
int itest_dram_free(struct itest_dev *d, struct itest_dram *m);
int itest_host_map(struct itest_dev *d, size_t size, struct itest_host *h);
int itest_host_unmap(struct itest_dev *d, struct itest_host *h);

int itest_cb_new(struct itest_dev *d, uint32_t size, struct itest_cb *cb);
int itest_cb_free(struct itest_dev *d, struct itest_cb *cb);
/* append one packet (hla_pkt_write) */
int itest_cb_pkt(struct itest_dev *d, struct itest_cb *cb, const struct hla_pkt *pkt);
/* append packets: LIN_DMA (with HLA_PKT_MEMSET, src is the pattern), MSG_LONG */
int itest_cb_lin_dma(struct itest_dev *d, struct itest_cb *cb, uint64_t src,
		     uint64_t dst, uint32_t size, uint32_t flags);
int itest_cb_msg_long(struct itest_dev *d, struct itest_cb *cb, uint64_t addr,
		      uint32_t value);
/* the DMA queue and chunk for this ASIC */
void itest_chunk(struct itest_dev *d, const struct itest_cb *cb,
		 struct hla_cs_chunk *chunk);
int itest_submit(struct itest_dev *d, const struct itest_cb *cb, uint32_t flags,
		 uint64_t *seq);
/* copy (or memset with HLA_PKT_MEMSET) and wait for it */
int itest_dma(struct itest_dev *d, uint64_t src, uint64_t dst, uint32_t size,
	      uint32_t flags);
int itest_wait(struct itest_dev *d, uint64_t seq, uint64_t timeout_us);

void itest_fill(void *buf, size_t len, uint64_t seed);

/* the device most tests use, opened by the group setup below */
extern struct itest_dev D;
int itest_setup(void **state);
int itest_teardown(void **state);

#endif
