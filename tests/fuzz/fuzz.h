/* SPDX-License-Identifier: MIT */
/*
 * Shared by the libFuzzer harnesses: a cursor over the input bytes (reads
 * past the end give zeros, so every input is a complete run) and the
 * interpreter that turns bytes into a sequence of hla_* calls.
 */
#ifndef HLA_FUZZ_H
#define HLA_FUZZ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "hlaccel/hlaccel.h"

struct fz {
	const uint8_t *p;
	size_t n;
};

static inline uint8_t fz_u8(struct fz *f)
{
	if (!f->n)
		return 0;
	f->n--;
	return *f->p++;
}

static inline uint16_t fz_u16(struct fz *f)
{
	return (uint16_t)(fz_u8(f) | fz_u8(f) << 8);
}

static inline uint32_t fz_u32(struct fz *f)
{
	return fz_u16(f) | (uint32_t)fz_u16(f) << 16;
}

static inline uint64_t fz_u64(struct fz *f)
{
	return fz_u32(f) | (uint64_t)fz_u32(f) << 32;
}

/* up to max bytes into dst; how many there were */
static inline size_t fz_take(struct fz *f, void *dst, size_t max)
{
	size_t n = f->n < max ? f->n : max;

	memcpy(dst, f->p, n);
	f->p += n;
	f->n -= n;
	return n;
}

#define FZ_SLOTS 8

/* what a sequence of calls made, so later calls can use it and the end
 * of the input can undo it */
struct fz_state {
	struct hla_device *dev;   /* compute handle (may be NULL) */
	struct hla_device *ctl;   /* control handle (may be NULL) */
	bool sim;                 /* against the simulator: waits are bounded */
	uint32_t asic;
	uint64_t cb[FZ_SLOTS];
	void *cb_map[FZ_SLOTS];
	size_t cb_len[FZ_SLOTS];
	uint64_t mem[FZ_SLOTS];
	uint64_t mem_size[FZ_SLOTS];
	uint64_t va[FZ_SLOTS];
	uint64_t seq[FZ_SLOTS];
	uint64_t ts[FZ_SLOTS];
	void *ts_map[FZ_SLOTS];
	uint32_t ts_n[FZ_SLOTS];
	uint32_t resv[FZ_SLOTS];
	void *block_map;
	size_t block_len;
	uint8_t *host;            /* page-aligned scratch for map_host */
	size_t host_len;
};

/* run calls from f until it is empty or max calls were made */
void fz_run_ops(struct fz *f, struct fz_state *st, unsigned int max);
/* undo what the calls left behind (mappings, objects); devices stay open */
void fz_cleanup(struct fz_state *st);
/* close a descriptor a call returned (a dma-buf): each harness's own, as
 * the library harness's come from its input and may name any number */
void fz_close_fd(int fd);

#endif
