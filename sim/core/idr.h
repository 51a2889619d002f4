/* SPDX-License-Identifier: MIT */
/*
 * A table of ids handed out as the kernel's IDR does when the driver calls
 * idr_alloc(idr, ptr, 1, 0, ...): the lowest free id, from 1 up to
 * INT_MAX, and an O(1) lookup.  The table holds pointers only; what they
 * point to is allocated by the caller and never moves, so a device thread
 * may keep one across an unlocked stretch.  Bounded by memory alone.
 * No locking: the owner's lock guards it.
 */
#ifndef HLA_SIM_IDR_H
#define HLA_SIM_IDR_H

#include <stdint.h>

struct sim_idr {
	void **slot;     /* slot[id]; slot[0] is never used */
	uint64_t *taken; /* one bit per id, set while the id is in use */
	uint32_t cap;    /* slots, a multiple of 64 */
	uint32_t hint;   /* a word of taken: every id in the words before it is in use */
	uint32_t count;  /* ids in use */
};

/* the lowest free id for p; -ENOMEM when the table cannot grow, -ENOSPC
 * past INT_MAX, as idr_alloc() fails */
int sim_idr_alloc(struct sim_idr *t, void *p);
/* the entry of id, or NULL (any value, as idr_find() takes an unsigned long) */
void *sim_idr_find(const struct sim_idr *t, uint64_t id);
/* forget id; its entry, or NULL */
void *sim_idr_remove(struct sim_idr *t, uint64_t id);
/* the entry with the lowest id >= *id, *id set to it; NULL past the last */
void *sim_idr_next(const struct sim_idr *t, uint32_t *id);
void sim_idr_destroy(struct sim_idr *t);

#endif /* HLA_SIM_IDR_H */
