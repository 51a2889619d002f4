/* SPDX-License-Identifier: MIT */
#include "itest.h"

#include <dlfcn.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#define ITEST_GAUDI1_DMA_QUEUE 0u /* DMA_0_0, external */
#define ITEST_GAUDI2_DMA_QUEUE 0u /* PDMA_0_0 */

void itest_require_device(void)
{
	uint32_t n = 0;

	if (hla_device_count(&n) < 0 || n == 0) {
		fprintf(stderr, "no habanalabs device: skipping\n");
		exit(ITEST_SKIP);
	}
}

int itest_desc(uint32_t index, struct hla_device_desc *desc)
{
	struct hla_devlist *list;
	int ret = hla_devlist_create(0, &list);

	if (ret)
		return ret;
	ret = hla_devlist_describe(list, index, desc);
	hla_devlist_destroy(list);
	return ret;
}

int itest_open(struct itest_dev *d)
{
	int ret;

	memset(d, 0, sizeof(*d));
	ret = hla_device_open_index(0, HLA_OPEN_RETRY, &d->dev);
	if (ret)
		return ret;
	d->hw.sz = sizeof(d->hw);
	d->desc.sz = sizeof(d->desc);
	ret = hla_info_hw_ip(d->dev, &d->hw);
	if (!ret)
		ret = hla_device_describe(d->dev, &d->desc);
	if (ret) {
		hla_device_close(d->dev);
		d->dev = NULL;
		return ret;
	}
	d->asic = d->hw.asic;
	d->gaudi1 = d->asic == HLA_ASIC_GAUDI || d->asic == HLA_ASIC_GAUDI_SEC;
	d->gaudi2 = d->asic >= HLA_ASIC_GAUDI2;
	d->legacy = d->desc.interface == HLA_INTERFACE_LEGACY;
	d->dram_next = d->hw.dram_base_address;
	return 0;
}

void itest_close(struct itest_dev *d)
{
	if (d->dev)
		hla_device_close(d->dev);
	d->dev = NULL;
}

static const struct itest_sim_driver sim_drivers[] = {
	{ "6.1.0", false, HLA_VERSION_CODE(6, 1, 0), 32, false, false, false },
	{ "6.1", false, HLA_VERSION_CODE(6, 1, 0), 32, false, false, true },
	{ "6.2", false, HLA_VERSION_CODE(6, 2, 0), 34, false, false, false },
	{ "6.5", false, HLA_VERSION_CODE(6, 5, 0), 37, false, false, false },
	{ "6.6", false, HLA_VERSION_CODE(6, 6, 58), 38, false, false, false },
	{ "6.8", false, HLA_VERSION_CODE(6, 8, 0), 40, true, true, true },
	{ "6.12", false, HLA_VERSION_CODE(6, 12, 38), 40, true, true, false },
	{ "oot-5.15", true, HLA_VERSION_CODE(1, 24, 1), 40, true, true, false },
	{ "oot-6.8", true, HLA_VERSION_CODE(1, 24, 1), 40, true, true, false },
};

const struct itest_sim_driver *itest_sim_driver(void)
{
	const char *name = getenv("HLA_SIM_DRIVER"), *ifc = getenv("HLA_SIM_IFACE");

	if (!itest_on_sim())
		return NULL;
	if (!name || !*name)
		name = ifc && !strcmp(ifc, "legacy") ? "6.1" : "6.8";
	for (size_t i = 0; i < sizeof(sim_drivers) / sizeof(sim_drivers[0]); i++)
		if (!strcmp(sim_drivers[i].name, name))
			return &sim_drivers[i];
	return NULL;
}

bool itest_sim_has_op(uint32_t op)
{
	const struct itest_sim_driver *s = itest_sim_driver();

	if (!s)
		return true;
	return op <= s->info_max && (op != 40 || s->info_signed);
}

bool itest_on_sim(void)
{
	return dlsym(RTLD_DEFAULT, "hla_sim_control") != NULL;
}

int itest_sim_control(const char *fmt, ...)
{
	int (*ctl)(const char *);
	char cmd[256];
	va_list ap;

	*(void **)&ctl = dlsym(RTLD_DEFAULT, "hla_sim_control");
	if (!ctl)
		return -ENOSYS;
	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	return ctl(cmd);
}

int itest_dram_alloc(struct itest_dev *d, uint64_t size, struct itest_dram *m)
{
	int ret;

	memset(m, 0, sizeof(*m));
	m->size = size;
	ret = hla_mem_alloc(d->dev, size, 0, 0, &m->handle);
	if (ret)
		return ret;
	if (d->gaudi1) {
		/* Gaudi: the driver only accounts; userspace owns the addresses */
		m->addr = d->dram_next;
		d->dram_next += (size + 0xFFFFFull) & ~0xFFFFFull;
		return 0;
	}
	ret = hla_mem_map(d->dev, m->handle, 0, 0, &m->addr);
	if (ret) {
		hla_mem_free(d->dev, m->handle, size);
		return ret;
	}
	m->mapped = true;
	return 0;
}

int itest_dram_free(struct itest_dev *d, struct itest_dram *m)
{
	int ret;

	if (m->mapped) {
		ret = hla_mem_unmap(d->dev, m->addr);
		if (ret)
			return ret;
		m->mapped = false;
	}
	return hla_mem_free(d->dev, m->handle, m->size);
}

int itest_host_map(struct itest_dev *d, size_t size, struct itest_host *h)
{
	int ret;

	memset(h, 0, sizeof(*h));
	h->ptr = mmap(NULL, size, PROT_READ | PROT_WRITE,
		      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (h->ptr == MAP_FAILED)
		return -errno;
	h->size = size;
	ret = hla_mem_map_host(d->dev, h->ptr, size, 0, 0, &h->va);
	if (ret) {
		munmap(h->ptr, size);
		h->ptr = NULL;
	}
	return ret;
}

int itest_host_unmap(struct itest_dev *d, struct itest_host *h)
{
	int ret = hla_mem_unmap(d->dev, h->va);

	munmap(h->ptr, h->size);
	h->ptr = NULL;
	return ret;
}

int itest_cb_new(struct itest_dev *d, uint32_t size, struct itest_cb *cb)
{
	int ret;

	memset(cb, 0, sizeof(*cb));
	cb->size = size;
	ret = hla_cb_create(d->dev, size, d->gaudi2 ? HLA_CB_MAP : 0,
			    &cb->handle);
	if (ret)
		return ret;
	ret = hla_cb_mmap(d->dev, cb->handle, size, &cb->map);
	if (!ret && d->gaudi2)
		ret = hla_cb_get_device_va(d->dev, cb->handle, &cb->va);
	if (ret) {
		if (cb->map)
			hla_cb_munmap(cb->map, size);
		hla_cb_destroy(d->dev, cb->handle);
	}
	return ret;
}

int itest_cb_free(struct itest_dev *d, struct itest_cb *cb)
{
	int ret = hla_cb_munmap(cb->map, cb->size);
	int ret2 = hla_cb_destroy(d->dev, cb->handle);

	return ret ? ret : ret2;
}

int itest_cb_pkt(struct itest_dev *d, struct itest_cb *cb, const struct hla_pkt *pkt)
{
	int n = hla_pkt_write(d->asic, pkt, (char *)cb->map + cb->used,
			      cb->size - cb->used);

	if (n < 0)
		return n;
	cb->used += (uint32_t)n;
	return 0;
}

int itest_cb_lin_dma(struct itest_dev *d, struct itest_cb *cb, uint64_t src,
		     uint64_t dst, uint32_t size, uint32_t flags)
{
	HLA_STRUCT_INIT(hla_pkt, pkt);

	pkt.opcode = HLA_PKT_OP_LIN_DMA;
	pkt.flags = flags | HLA_PKT_MB;
	pkt.src = src;
	pkt.dst = dst;
	pkt.size = size;
	return itest_cb_pkt(d, cb, &pkt);
}

int itest_cb_msg_long(struct itest_dev *d, struct itest_cb *cb, uint64_t addr,
		      uint32_t value)
{
	HLA_STRUCT_INIT(hla_pkt, pkt);

	pkt.opcode = HLA_PKT_OP_MSG_LONG;
	pkt.flags = HLA_PKT_MB;
	pkt.dst = addr;
	pkt.value = value;
	return itest_cb_pkt(d, cb, &pkt);
}

void itest_chunk(struct itest_dev *d, const struct itest_cb *cb,
		 struct hla_cs_chunk *chunk)
{
	memset(chunk, 0, sizeof(*chunk));
	chunk->cb_size = cb->used;
	if (d->gaudi2) {
		chunk->cb_handle = cb->va;
		chunk->flags = HLA_CHUNK_USER_CB;
		chunk->queue_index = ITEST_GAUDI2_DMA_QUEUE;
	} else {
		chunk->cb_handle = cb->handle;
		chunk->queue_index = ITEST_GAUDI1_DMA_QUEUE;
	}
}

int itest_submit(struct itest_dev *d, const struct itest_cb *cb, uint32_t flags,
		 uint64_t *seq)
{
	HLA_STRUCT_INIT(hla_cs_submit, cs);
	HLA_STRUCT_INIT(hla_cs_out, out);
	struct hla_cs_chunk chunk;
	int ret;

	itest_chunk(d, cb, &chunk);
	cs.execute = &chunk;
	cs.num_execute = 1;
	cs.flags = flags;
	ret = hla_cs_submit(d->dev, &cs, &out);
	if (!ret)
		*seq = out.seq;
	return ret;
}

int itest_wait(struct itest_dev *d, uint64_t seq, uint64_t timeout_us)
{
	HLA_STRUCT_INIT(hla_wait_result, res);
	int ret = hla_cs_wait(d->dev, seq, timeout_us, &res);

	if (ret)
		return ret;
	return res.status == HLA_WAIT_COMPLETED ? 0 : -ETIME;
}

int itest_dma(struct itest_dev *d, uint64_t src, uint64_t dst, uint32_t size,
	      uint32_t flags)
{
	struct itest_cb cb;
	uint64_t seq;
	int ret, ret2;

	ret = itest_cb_new(d, 4096, &cb);
	if (ret)
		return ret;
	ret = itest_cb_lin_dma(d, &cb, src, dst, size, flags);
	if (!ret)
		ret = itest_submit(d, &cb, 0, &seq);
	if (!ret)
		ret = itest_wait(d, seq, 10 * 1000 * 1000);
	ret2 = itest_cb_free(d, &cb);
	return ret ? ret : ret2;
}

void itest_fill(void *buf, size_t len, uint64_t seed)
{
	uint64_t x = seed ? seed : 0x9E3779B97F4A7C15ull;
	uint8_t *p = buf;

	for (size_t i = 0; i < len; i++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		p[i] = (uint8_t)x;
	}
}

struct itest_dev D;

int itest_setup(void **state)
{
	(void)state;
	return itest_open(&D);
}

int itest_teardown(void **state)
{
	(void)state;
	itest_close(&D);
	return 0;
}
