/* SPDX-License-Identifier: MIT */
/*
 * Small shared pieces: device names, the "0 on failure" convention, and
 * the bookkeeping that lets Gaudi's device memory be freed by handle.
 *
 * Gaudi's driver does not manage device memory: an allocation only adds
 * its size to the context's accounting and answers handle 0, and a free
 * must give the size back.  hl-thunk's free takes a handle only, so this
 * library hands out its own handles (1, 2, ...) on Gaudi and remembers the
 * size of each; the free looks the size up.  The handles mean nothing to
 * the driver (Gaudi memory is addressed physically, from the hw_ip
 * dram_base_address on).
 */
#include "ht_internal.h"

#include <stdlib.h>

enum hlthunk_device_name ht_name_of_asic(uint32_t asic)
{
	switch (asic) {
	case HLA_ASIC_GOYA:
		return HLTHUNK_DEVICE_GOYA;
	case HLA_ASIC_GAUDI:
	case HLA_ASIC_GAUDI_SEC:
		return HLTHUNK_DEVICE_GAUDI;
	case HLA_ASIC_GAUDI2:
	case HLA_ASIC_GAUDI2E: /* hl-thunk has no name of its own for it */
		return HLTHUNK_DEVICE_GAUDI2;
	case HLA_ASIC_GAUDI2B:
		return HLTHUNK_DEVICE_GAUDI2B;
	case HLA_ASIC_GAUDI2C:
		return HLTHUNK_DEVICE_GAUDI2C;
	case HLA_ASIC_GAUDI2D:
		return HLTHUNK_DEVICE_GAUDI2D;
	case HLA_ASIC_GAUDI3:
	case HLA_ASIC_GAUDI3D: /* no names of their own in hl-thunk */
	case HLA_ASIC_GAUDI3E:
		return HLTHUNK_DEVICE_GAUDI3;
	default:
		return HLTHUNK_DEVICE_INVALID;
	}
}

uint64_t ht_fail0(int ret)
{
	errno = ret < 0 ? -ret : EINVAL;
	return 0;
}

int ht_alloc_add(struct ht_entry *e, uint64_t size, uint64_t *handle)
{
	int ret = 0;

	pthread_mutex_lock(&e->lock);
	if (e->nallocs == e->cap) {
		size_t cap = e->cap ? e->cap * 2 : 16;
		struct ht_alloc *a = realloc(e->allocs, cap * sizeof(*a));

		if (a) {
			e->allocs = a;
			e->cap = cap;
		} else {
			ret = -ENOMEM;
		}
	}
	if (!ret) {
		*handle = e->next_handle++;
		e->allocs[e->nallocs].handle = *handle;
		e->allocs[e->nallocs].size = size;
		e->nallocs++;
	}
	pthread_mutex_unlock(&e->lock);
	return ret;
}

int ht_alloc_take(struct ht_entry *e, uint64_t handle, uint64_t *size)
{
	int ret = -EINVAL;

	pthread_mutex_lock(&e->lock);
	for (size_t i = 0; i < e->nallocs; i++) {
		if (e->allocs[i].handle != handle)
			continue;
		*size = e->allocs[i].size;
		e->allocs[i] = e->allocs[--e->nallocs];
		ret = 0;
		break;
	}
	pthread_mutex_unlock(&e->lock);
	return ret;
}

void ht_alloc_put_back(struct ht_entry *e, uint64_t handle, uint64_t size)
{
	pthread_mutex_lock(&e->lock);
	/* there is room: the entry was taken out just before */
	if (e->nallocs < e->cap) {
		e->allocs[e->nallocs].handle = handle;
		e->allocs[e->nallocs].size = size;
		e->nallocs++;
	}
	pthread_mutex_unlock(&e->lock);
}
