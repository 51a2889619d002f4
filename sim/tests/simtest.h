/* SPDX-License-Identifier: MIT */
/*
 * Helpers for the sim-suite tests: raw system calls and hand-built packets
 * only (no hlaccel library), so the tests check the simulator against the
 * driver's rules directly.
 */
#ifndef HLA_SIM_TEST_H
#define HLA_SIM_TEST_H

#include <stdbool.h>
#include <stdint.h>

#include "kabi/hl_kabi.h"

extern bool st_accel, st_gaudi2;

/* read HLA_SIM_IFACE / HLA_SIM_ASIC; false when not under the simulator */
bool st_setup(void);
const char *st_node(int dev);
const char *st_control(int dev);
unsigned long st_req(unsigned int cmd);
int st_ctl(const char *cmd);           /* hla_sim_control() */
int st_open_compute(int dev);          /* waits out the release window */

struct st_cb {
	uint64_t handle;
	uint64_t va;  /* Gaudi2: device address of the CB */
	uint8_t *map;
	uint32_t size;
};

void st_cb_new(int fd, struct st_cb *cb, uint32_t size);
void st_cb_free(int fd, struct st_cb *cb);
/* submit one CB on queue q; flags/timeout as in the CS ioctl; 0 or -errno */
int st_submit(int fd, const struct st_cb *cb, uint32_t q, uint32_t len, uint32_t flags,
	      uint32_t timeout, uint64_t *seq);
/* one LIN_DMA of n bytes from src to dst on queue 0 in a CB of its own,
 * submitted and waited for; asserts that it completed */
void st_copy(int fd, uint64_t src, uint64_t dst, uint32_t n);
/* single-CS wait; 0 or -errno, *w filled */
int st_wait(int fd, uint64_t seq, uint64_t us, union hlk_wait_cs_args *w);
int st_mem(int fd, union hlk_mem_args *m); /* 0 or -errno */
/* EXPORT_DMABUF_FD of [addr + offset, + size) (an address, or a handle
 * where the driver takes one): the dma-buf's fd, or -errno */
int st_export(int fd, uint64_t addr, uint64_t size, uint64_t offset);
uint64_t st_map_host(int fd, void *p, uint64_t n);
/* Gaudi2: allocate and map n bytes of DRAM; Gaudi: the DRAM base */
uint64_t st_dram(int fd, uint64_t n, uint64_t *handle);

void st_put32(uint8_t *p, uint32_t v);
void st_put64(uint8_t *p, uint64_t v);
uint32_t st_get32(const uint8_t *p);
uint32_t st_pkt_ctl(uint32_t opcode);
uint32_t st_nop(uint8_t *p);
uint32_t st_msg_long(uint8_t *p, uint64_t addr, uint32_t value);
uint32_t st_lin_dma(uint8_t *p, uint64_t src, uint64_t dst, uint32_t n, uint32_t extra);
int64_t st_now_ms(void);

#endif /* HLA_SIM_TEST_H */
