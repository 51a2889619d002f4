/* SPDX-License-Identifier: MIT */
/*
 * Helpers of the hlthunk tests.  Each test is a program that drives
 * libhl-thunk the way a consumer does and checks the results; it runs on a
 * real device or under hla-sim, and exits 77 (skipped) when the machine
 * shows no habanalabs device.  Expectations that depend on the driver are
 * taken from what hlaccel reports about the device, and pinned down
 * exactly when the test runs on the simulator (whose driver is known).
 */
#ifndef HLTHUNK_HTTEST_H
#define HLTHUNK_HTTEST_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include <hlaccel/hlaccel.h>

#include "hlthunk.h"

#define HT_TEST_SKIP 77

extern int ht_test_failures;

#define CHECK(cond)                                                              \
	do {                                                                     \
		if (!(cond)) {                                                   \
			fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, \
				__LINE__, #cond);                                \
			ht_test_failures++;                                      \
		}                                                                \
	} while (0)

#define CHECK_EQ(a, b)                                                           \
	do {                                                                     \
		long long a_ = (long long)(a), b_ = (long long)(b);              \
		if (a_ != b_) {                                                  \
			fprintf(stderr, "%s:%d: %s == %lld, expected %s == %lld\n", \
				__FILE__, __LINE__, #a, a_, #b, b_);             \
			ht_test_failures++;                                      \
		}                                                                \
	} while (0)

/* what the test runs on */
struct ht_env {
	uint32_t ndev;
	struct hla_device_desc desc[8]; /* of the first devices */
	bool sim;       /* under hla-sim */
	bool legacy;    /* /dev/hlN interface */
	bool gaudi1;    /* Gaudi (size-accounted device memory, no DRAM MMU) */
	uint64_t caps;  /* HLA_CAP_* of device 0 */
};
extern struct ht_env ht_env;

/* fill ht_env; exit(77) without a device */
void ht_test_init(const char *name);
/* 0, or 1 after a failed check */
int ht_test_done(void);

/* hlthunk_open, waiting out EAGAIN: a Gaudi2 resets for a moment after
 * its compute fd is released */
int ht_open(enum hlthunk_device_name name, const char *busid);

/* a compute node opened with open(2), as a framework would */
int ht_raw_open(uint32_t index, bool control);

/* command buffer mapped for the CPU, of a device fd */
struct ht_cb {
	uint64_t handle;
	uint32_t size;
	uint32_t used;
	void *map;
	uint64_t va; /* Gaudi2 and later: device address */
};
int ht_cb_new(int fd, uint32_t size, struct ht_cb *cb);
void ht_cb_free(int fd, struct ht_cb *cb);
/* append a MSG_LONG writing value to the device address addr */
int ht_cb_msg_long(struct ht_cb *cb, uint64_t addr, uint32_t value);
/* the one-job chunk that runs cb on the device's DMA queue */
void ht_cb_chunk(const struct ht_cb *cb, struct hl_cs_chunk *chunk);

#endif
