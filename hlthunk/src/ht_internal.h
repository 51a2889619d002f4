/* SPDX-License-Identifier: MIT */
/*
 * libhl-thunk internals: the table that turns an fd into an hlaccel handle.
 *
 * Every hl-thunk call names its device by a file descriptor.  The first
 * call on an fd borrows it with hla_device_open_fd(fd, 0): the handle
 * issues its ioctls on that very fd and never closes it.  The handle is
 * kept in a table indexed by the fd number, so every later call on the fd
 * costs one lookup (two dependent loads), a count of the calls in progress
 * on the slot (one atomic increment, one decrement) and the hlaccel call
 * itself: no system call, no lock, no allocation.
 *
 * A slot is emptied by hlthunk_close() and when the fd turns out to name
 * another file than the one the handle was made for: the calls that report
 * who the device is (bus id, name, device id) compare the fd's device
 * number and inode with the ones recorded at borrow time, and so does any
 * call that fails the way a closed or reused fd fails (EBADF, ENOTTY,
 * ENODEV), which then runs once more on a fresh handle.  A handle that
 * leaves its slot while another thread is inside a call on it is freed
 * once the slot's reference count has dropped to zero.
 */
#ifndef HLTHUNK_INTERNAL_H
#define HLTHUNK_INTERNAL_H

#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include <hlaccel/hlaccel.h>

#include "hlthunk.h"

/* definitions of the exported calls (declared in hlthunk.h) */
#define HT_EXPORT __attribute__((visibility("default")))

#define HT_LIKELY(x) __builtin_expect(!!(x), 1)
#define HT_UNLIKELY(x) __builtin_expect(!!(x), 0)

/* fds below HT_MAX_FD are cached: HT_CHUNKS chunks of HT_CHUNK slots */
#define HT_CHUNK_BITS 10u
#define HT_CHUNK (1u << HT_CHUNK_BITS)
#define HT_CHUNKS 1024u
#define HT_MAX_FD (HT_CHUNK * HT_CHUNKS)

struct ht_slot;

/* Gaudi: allocations by size, named by handles this library hands out */
struct ht_alloc {
	uint64_t handle;
	uint64_t size;
};

struct ht_entry {
	struct hla_device *dev;       /* borrowed handle on the fd */
	struct hla_device_desc desc;  /* described when borrowed */
	dev_t rdev;                   /* what the fd was when borrowed */
	dev_t st_dev;
	ino_t ino;
	bool gaudi1;                  /* size-accounted device memory */
	pthread_mutex_t lock;         /* allocs */
	struct ht_alloc *allocs;
	size_t nallocs, cap;
	uint64_t next_handle;
	struct ht_slot *retired_slot;  /* waiting to be freed (ht.c) */
	struct ht_entry *next_retired;
};

/* one cache line each: calls on different fds do not share the count's line */
struct ht_slot {
	_Atomic(struct ht_entry *) entry;
	atomic_uint users; /* calls in progress on this fd */
} __attribute__((aligned(64)));

/* a call's hold on an entry */
struct ht_ref {
	int fd;
	int state;            /* 0: not started, 1: first try, 2: retry, 3: done */
	struct ht_slot *slot; /* NULL: an uncached entry owned by the ref */
	struct ht_entry *e;
};

extern _Atomic(struct ht_slot *) ht__chunks[HT_CHUNKS];

int ht__acquire_slow(int fd, struct ht_ref *r);
void ht__release_uncached(struct ht_ref *r);
/* the errors of an fd that was closed, or reused for another file */
static inline bool ht_stale_error(int err)
{
	return err == -EBADF || err == -ENOTTY || err == -ENODEV;
}

/* after a call failed with a stale error: true when fd now names another
 * file than the entry's (the slot was emptied; the call should run again) */
bool ht__refresh(int fd);

static inline int ht_acquire(int fd, struct ht_ref *r)
{
	if (HT_LIKELY((unsigned int)fd < HT_MAX_FD)) {
		struct ht_slot *c = atomic_load_explicit(&ht__chunks[(unsigned int)fd >> HT_CHUNK_BITS],
							 memory_order_acquire);

		if (HT_LIKELY(c != NULL)) {
			struct ht_slot *s = &c[(unsigned int)fd & (HT_CHUNK - 1)];
			struct ht_entry *e;

			/* the count goes up before the entry is read: whoever
			 * empties the slot then sees the count (ht.c) */
			atomic_fetch_add_explicit(&s->users, 1, memory_order_seq_cst);
			e = atomic_load_explicit(&s->entry, memory_order_seq_cst);
			if (HT_LIKELY(e != NULL)) {
				r->slot = s;
				r->e = e;
				return 0;
			}
			atomic_fetch_sub_explicit(&s->users, 1, memory_order_release);
		}
	}
	return ht__acquire_slow(fd, r);
}

static inline void ht_release(struct ht_ref *r)
{
	if (HT_LIKELY(r->slot != NULL))
		atomic_fetch_sub_explicit(&r->slot->users, 1, memory_order_release);
	else
		ht__release_uncached(r);
}

/* the rest of ht_step after a failed call or acquisition (ht.c) */
bool ht__after_error(struct ht_ref *r, int *ret);

/*
 * Drives one call on an fd (HT_ON_FD below): acquire, run the body once,
 * release.  A failure goes to ht__after_error, which runs the body once
 * more when a stale entry explains it, and sets errno.
 */
static inline __attribute__((always_inline)) bool ht_step(struct ht_ref *r, int *ret)
{
	if (r->state == 0) {
		r->state = 1;
		*ret = ht_acquire(r->fd, r);
		if (HT_LIKELY(*ret == 0))
			return true;
		r->state = 3; /* nothing held */
		return ht__after_error(r, ret);
	}
	if (r->state != 3)
		ht_release(r);
	if (HT_LIKELY(*ret >= 0))
		return false;
	return ht__after_error(r, ret);
}

/* HT_ON_FD(fd, r, ret) { ret = hla_...(r.e->dev, ...); }
 * The body runs with r.e valid; it must not leave the block early. */
#define HT_ON_FD(fd, r, ret) \
	for (struct ht_ref r = { (fd), 0, NULL, NULL }; ht_step(&r, &(ret));)

/* identity calls: the entry after checking that fd still names the file it
 * was made for; release with ht_release */
int ht_acquire_checked(int fd, struct ht_ref *r);
/* empty fd's slot (hlthunk_close) */
void ht_forget(int fd);

/* Gaudi allocation bookkeeping (alloc.c) */
int ht_alloc_add(struct ht_entry *e, uint64_t size, uint64_t *handle);
int ht_alloc_take(struct ht_entry *e, uint64_t handle, uint64_t *size);
void ht_alloc_put_back(struct ht_entry *e, uint64_t handle, uint64_t size);

/* return a negative errno value, and set errno from it */
static inline int ht_err(int ret)
{
	errno = -ret;
	return ret;
}

/* hl-thunk's device name of an hlaccel ASIC */
enum hlthunk_device_name ht_name_of_asic(uint32_t asic);
/* a negative errno value as the return of a call that reports failure by
 * 0: sets errno, returns 0 */
uint64_t ht_fail0(int ret);

#endif /* HLTHUNK_INTERNAL_H */
