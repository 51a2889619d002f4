/* SPDX-License-Identifier: MIT */
/* Shared by the stress programs: the device, CBs and submissions. */
#ifndef HLA_STRESS_H
#define HLA_STRESS_H

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "hlaccel/hlaccel.h"

struct st_cb {
	uint64_t handle;
	uint64_t va; /* Gaudi2: device address (HLA_CB_MAP) */
	void *map;
	uint32_t size, used;
};

extern struct hla_device *st_dev;
extern bool st_gaudi2;
extern uint32_t st_asic;

static inline int64_t st_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* open device 0 (compute), learn its ASIC; 0 or -errno */
int st_open(void);
int st_cb_new(uint32_t size, struct st_cb *cb);
int st_cb_free(struct st_cb *cb);
/* append a packet to the CB */
int st_cb_add(struct st_cb *cb, const struct hla_pkt *pkt);
/* submit the CB on a DMA queue; retried while the driver says EAGAIN */
int st_submit(const struct st_cb *cb, uint32_t queue, uint64_t *seq);

#define ST_FAIL(...)                                                  \
	do {                                                          \
		fprintf(stderr, "%s:%d: ", __FILE__, __LINE__);        \
		fprintf(stderr, __VA_ARGS__);                         \
		fputc('\n', stderr);                                  \
	} while (0)

#endif
