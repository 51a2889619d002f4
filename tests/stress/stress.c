/* SPDX-License-Identifier: MIT */
#include "stress.h"

#include <sched.h>

struct hla_device *st_dev;
bool st_gaudi2;
uint32_t st_asic;

int st_open(void)
{
	HLA_STRUCT_INIT(hla_device_desc, d);
	int ret = hla_device_open_index(0, HLA_OPEN_RETRY, &st_dev);

	if (!ret)
		ret = hla_device_describe(st_dev, &d);
	if (ret)
		return ret;
	st_asic = d.asic;
	st_gaudi2 = d.asic == HLA_ASIC_GAUDI2;
	return 0;
}

int st_cb_new(uint32_t size, struct st_cb *cb)
{
	int ret;

	memset(cb, 0, sizeof(*cb));
	cb->size = size;
	ret = hla_cb_create(st_dev, size, st_gaudi2 ? HLA_CB_MAP : 0, &cb->handle);
	if (ret)
		return ret;
	ret = hla_cb_mmap(st_dev, cb->handle, size, &cb->map);
	if (!ret && st_gaudi2)
		ret = hla_cb_get_device_va(st_dev, cb->handle, &cb->va);
	if (ret) {
		if (cb->map)
			hla_cb_munmap(cb->map, size);
		hla_cb_destroy(st_dev, cb->handle);
	}
	return ret;
}

int st_cb_free(struct st_cb *cb)
{
	int ret = hla_cb_munmap(cb->map, cb->size);
	int ret2 = hla_cb_destroy(st_dev, cb->handle);

	return ret ? ret : ret2;
}

int st_cb_add(struct st_cb *cb, const struct hla_pkt *pkt)
{
	int n = hla_pkt_write(st_asic, pkt, (char *)cb->map + cb->used, cb->size - cb->used);

	if (n < 0)
		return n;
	cb->used += (uint32_t)n;
	return 0;
}

int st_submit(const struct st_cb *cb, uint32_t queue, uint64_t *seq)
{
	HLA_STRUCT_INIT(hla_cs_submit, cs);
	HLA_STRUCT_INIT(hla_cs_out, out);
	struct hla_cs_chunk chunk;
	int ret;

	memset(&chunk, 0, sizeof(chunk));
	chunk.cb_size = cb->used;
	chunk.queue_index = queue;
	if (st_gaudi2) {
		chunk.cb_handle = cb->va;
		chunk.flags = HLA_CHUNK_USER_CB;
	} else {
		chunk.cb_handle = cb->handle;
	}
	cs.execute = &chunk;
	cs.num_execute = 1;
	while ((ret = hla_cs_submit(st_dev, &cs, &out)) == -EAGAIN)
		sched_yield();
	if (!ret)
		*seq = out.seq;
	return ret;
}
