/* SPDX-License-Identifier: MIT */
/*
 * The fd table (see ht_internal.h).  Filling and emptying slots is the
 * slow path and runs under one mutex; reading a slot takes no lock.
 *
 * Reclamation: a call raises its slot's user count before it reads the
 * entry, and whoever empties a slot swaps the entry out before it reads the
 * count (both sequentially consistent).  So either the emptier sees the
 * call's count, or the call sees the empty slot.  An entry swapped out
 * while the count is not zero waits on the retired list and is freed by a
 * later slow-path operation that finds its slot's count at zero.
 */
#include "ht_internal.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

_Atomic(struct ht_slot *) ht__chunks[HT_CHUNKS];

static pthread_mutex_t ht_lock = PTHREAD_MUTEX_INITIALIZER;

/* entries swapped out of a slot that was in use at the time */
static struct ht_entry *ht_retired;

static bool same_file(const struct ht_entry *e, const struct stat *st)
{
	return e->rdev == st->st_rdev && e->ino == st->st_ino && e->st_dev == st->st_dev;
}

static void entry_free(struct ht_entry *e)
{
	hla_device_close(e->dev); /* borrowed: the fd stays open */
	pthread_mutex_destroy(&e->lock);
	free(e->allocs);
	free(e);
}

/* borrow fd, which fstat described as st */
static int entry_new(int fd, const struct stat *st, struct ht_entry **out)
{
	struct ht_entry *e = calloc(1, sizeof(*e));
	int ret;

	if (!e)
		return -ENOMEM;
	ret = hla_device_open_fd(fd, 0, &e->dev);
	if (ret) {
		free(e);
		return ret;
	}
	e->desc.sz = sizeof(e->desc);
	ret = hla_device_describe(e->dev, &e->desc);
	if (ret) {
		hla_device_close(e->dev);
		free(e);
		return ret;
	}
	e->gaudi1 = (e->desc.valid & HLA_DESC_ASIC) &&
		    (e->desc.asic == HLA_ASIC_GAUDI || e->desc.asic == HLA_ASIC_GAUDI_SEC);
	e->rdev = st->st_rdev;
	e->st_dev = st->st_dev;
	e->ino = st->st_ino;
	e->next_handle = 1;
	pthread_mutex_init(&e->lock, NULL);
	*out = e;
	return 0;
}

/* fd's slot; with create, the chunk is allocated if missing (ht_lock held) */
static struct ht_slot *slot_get(int fd, bool create)
{
	unsigned int c = (unsigned int)fd >> HT_CHUNK_BITS;
	struct ht_slot *chunk = atomic_load_explicit(&ht__chunks[c], memory_order_acquire);

	if (!chunk && create) {
		chunk = aligned_alloc(_Alignof(struct ht_slot), HT_CHUNK * sizeof(*chunk));
		if (!chunk)
			return NULL;
		memset(chunk, 0, HT_CHUNK * sizeof(*chunk));
		atomic_store_explicit(&ht__chunks[c], chunk, memory_order_release);
	}
	return chunk ? &chunk[(unsigned int)fd & (HT_CHUNK - 1)] : NULL;
}

/* free the retired entries nobody can hold any more (ht_lock held) */
static void drain_locked(void)
{
	struct ht_entry **p = &ht_retired;

	while (*p) {
		struct ht_entry *e = *p;

		if (atomic_load_explicit(&e->retired_slot->users, memory_order_seq_cst) == 0) {
			*p = e->next_retired;
			entry_free(e);
		} else {
			p = &e->next_retired;
		}
	}
}

/* empty slot s (ht_lock held) */
static void retire_locked(struct ht_slot *s)
{
	struct ht_entry *old = atomic_exchange_explicit(&s->entry, NULL,
							memory_order_seq_cst);

	if (!old)
		return;
	if (atomic_load_explicit(&s->users, memory_order_seq_cst) == 0) {
		entry_free(old);
		return;
	}
	old->retired_slot = s;
	old->next_retired = ht_retired;
	ht_retired = old;
}

/* fill fd's slot if it is empty (ht_lock held) */
static int attach_locked(int fd, struct ht_slot **out)
{
	struct ht_slot *s = slot_get(fd, true);
	struct ht_entry *e;
	struct stat st;
	int ret;

	if (!s)
		return -ENOMEM;
	drain_locked();
	*out = s;
	if (atomic_load_explicit(&s->entry, memory_order_acquire))
		return 0;
	if (fstat(fd, &st))
		return -errno;
	ret = entry_new(fd, &st, &e);
	if (ret)
		return ret;
	atomic_store_explicit(&s->entry, e, memory_order_seq_cst);
	return 0;
}

/* an fd beyond the table: a handle for this call only */
static int acquire_uncached(int fd, struct ht_ref *r)
{
	struct stat st;

	if (fstat(fd, &st))
		return -errno;
	r->slot = NULL;
	return entry_new(fd, &st, &r->e);
}

int ht__acquire_slow(int fd, struct ht_ref *r)
{
	if (fd < 0)
		return -EBADF;
	if ((unsigned int)fd >= HT_MAX_FD)
		return acquire_uncached(fd, r);
	/* a slot emptied again right after it was filled means the fd is
	 * being closed concurrently: one more try, then give up */
	for (int tries = 0; tries < 2; tries++) {
		struct ht_slot *s;
		struct ht_entry *e;
		int ret;

		pthread_mutex_lock(&ht_lock);
		ret = attach_locked(fd, &s);
		pthread_mutex_unlock(&ht_lock);
		if (ret)
			return ret;
		atomic_fetch_add_explicit(&s->users, 1, memory_order_seq_cst);
		e = atomic_load_explicit(&s->entry, memory_order_seq_cst);
		if (e) {
			r->slot = s;
			r->e = e;
			return 0;
		}
		atomic_fetch_sub_explicit(&s->users, 1, memory_order_release);
	}
	return -EBADF;
}

void ht__release_uncached(struct ht_ref *r)
{
	entry_free(r->e);
	r->e = NULL;
}

bool ht__refresh(int fd)
{
	struct ht_slot *s;
	struct ht_entry *e;
	struct stat st;
	bool stale;

	if (fd < 0 || (unsigned int)fd >= HT_MAX_FD)
		return false;
	pthread_mutex_lock(&ht_lock);
	s = slot_get(fd, false);
	if (!s) {
		pthread_mutex_unlock(&ht_lock);
		return false;
	}
	e = atomic_load_explicit(&s->entry, memory_order_acquire);
	if (fstat(fd, &st)) {
		/* closed behind our back: forget it, the error stands */
		retire_locked(s);
		pthread_mutex_unlock(&ht_lock);
		return false;
	}
	stale = !e || !same_file(e, &st);
	if (e && stale)
		retire_locked(s);
	pthread_mutex_unlock(&ht_lock);
	return stale;
}

bool ht__after_error(struct ht_ref *r, int *ret)
{
	/* a failed first try that a closed or reused fd explains runs again
	 * on a fresh entry */
	if (r->state == 1 && ht_stale_error(*ret) && ht__refresh(r->fd)) {
		r->state = 2;
		*ret = ht_acquire(r->fd, r);
		if (*ret == 0)
			return true;
	}
	r->state = 3;
	errno = -*ret;
	return false;
}

int ht_acquire_checked(int fd, struct ht_ref *r)
{
	struct stat st;
	int ret;

	if (fd < 0)
		return -EBADF;
	if (fstat(fd, &st)) {
		ret = -errno;
		ht_forget(fd);
		return ret;
	}
	ret = ht_acquire(fd, r);
	if (ret || !r->slot || same_file(r->e, &st))
		return ret;
	/* the number now names another file: replace the entry */
	pthread_mutex_lock(&ht_lock);
	if (atomic_load_explicit(&r->slot->entry, memory_order_acquire) == r->e)
		retire_locked(r->slot);
	pthread_mutex_unlock(&ht_lock);
	ht_release(r);
	return ht_acquire(fd, r);
}

void ht_forget(int fd)
{
	struct ht_slot *s;

	if (fd < 0 || (unsigned int)fd >= HT_MAX_FD)
		return;
	pthread_mutex_lock(&ht_lock);
	s = slot_get(fd, false);
	if (s)
		retire_locked(s);
	drain_locked();
	pthread_mutex_unlock(&ht_lock);
}

/* unloading (dlclose, exit): give everything back */
__attribute__((destructor)) static void ht_fini(void)
{
	pthread_mutex_lock(&ht_lock);
	for (unsigned int c = 0; c < HT_CHUNKS; c++) {
		struct ht_slot *chunk = atomic_exchange(&ht__chunks[c], NULL);

		if (!chunk)
			continue;
		for (unsigned int i = 0; i < HT_CHUNK; i++) {
			struct ht_entry *e = atomic_exchange(&chunk[i].entry, NULL);

			if (e)
				entry_free(e);
		}
		free(chunk);
	}
	while (ht_retired) {
		struct ht_entry *e = ht_retired;

		ht_retired = e->next_retired;
		entry_free(e);
	}
	pthread_mutex_unlock(&ht_lock);
}
