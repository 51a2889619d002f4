/* SPDX-License-Identifier: MIT */
/*
 * Sample: copy a host buffer into device DRAM and back with the device's
 * DMA engine, then compare.
 *
 * Steps: open the compute node; get DRAM (Gaudi2: allocate and map it into
 * the device MMU; Gaudi1: DRAM is addressed physically from
 * dram_base_address); pin the host buffers into the device MMU; write a
 * LIN_DMA packet into a command buffer; submit it; wait for it.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hlaccel/hlaccel.h>

#define SIZE (1u << 20)
#define CB_SIZE 4096u

struct ctx {
	struct hla_device *dev;
	uint32_t asic;
	bool gaudi1;
	uint64_t cb;    /* CB handle */
	uint64_t cb_va; /* Gaudi2: device address of the CB */
	void *cb_ptr;   /* CPU view of the CB */
};

/* One LIN_DMA of len bytes from src to dst (device addresses), waited for. */
static int dma(struct ctx *c, uint64_t src, uint64_t dst, uint32_t len)
{
	HLA_STRUCT_INIT(hla_cs_submit, cs);
	HLA_STRUCT_INIT(hla_cs_out, out);
	HLA_STRUCT_INIT(hla_wait_result, res);
	struct hla_cs_chunk chunk;
	int n, rc;

	/* the builder returns the packet size in bytes */
	n = hla_pkt_lin_dma(c->asic, c->cb_ptr, CB_SIZE, src, dst, len,
			    HLA_PKT_MB | (c->gaudi1 ? HLA_PKT_RB : 0));
	if (n < 0)
		return n;

	memset(&chunk, 0, sizeof(chunk));
	if (c->gaudi1) {
		/* external queue 0 (DMA_0_0): the CB is named by its handle */
		chunk.cb_handle = c->cb;
	} else {
		/* Gaudi2 queues take the CB's device address */
		chunk.cb_handle = c->cb_va;
		chunk.flags = HLA_CHUNK_USER_CB;
	}
	chunk.queue_index = 0;
	chunk.cb_size = (uint32_t)n;
	cs.execute = &chunk;
	cs.num_execute = 1;
	rc = hla_cs_submit(c->dev, &cs, &out);
	if (rc)
		return rc;

	/* wait up to 5 s; BUSY means "not finished yet" */
	rc = hla_cs_wait(c->dev, out.seq, 5000000, &res);
	if (rc)
		return rc;
	return res.status == HLA_WAIT_COMPLETED ? 0 : -ETIMEDOUT;
}

int main(void)
{
	HLA_STRUCT_INIT(hla_hw_ip_info, hw);
	struct ctx c = { 0 };
	uint8_t *in = NULL, *out = NULL;
	uint64_t in_va = 0, out_va = 0, mem = 0, dram = 0;
	bool mapped_in = false, mapped_out = false, allocated = false, dmapped = false;
	bool cb_made = false;
	int rc, ret = 1;
	size_t i;

	/* HLA_OPEN_RETRY: wait while a previous user's context is released */
	rc = hla_device_open_index(0, HLA_OPEN_RETRY, &c.dev);
	if (rc) {
		fprintf(stderr, "open: %s\n", strerror(-rc));
		return 1;
	}
	rc = hla_info_hw_ip(c.dev, &hw);
	if (rc)
		goto out;
	c.asic = hw.asic;
	c.gaudi1 = hw.asic == HLA_ASIC_GAUDI || hw.asic == HLA_ASIC_GAUDI_SEC;

	/* device memory */
	rc = hla_mem_alloc(c.dev, SIZE, 0, 0, &mem);
	if (rc)
		goto out;
	allocated = true;
	if (c.gaudi1) {
		dram = hw.dram_base_address; /* the allocation only accounts */
	} else {
		rc = hla_mem_map(c.dev, mem, 0, 0, &dram);
		if (rc)
			goto out;
		dmapped = true;
	}

	/* host memory, pinned and mapped into the device MMU */
	in = aligned_alloc(4096, SIZE);
	out = aligned_alloc(4096, SIZE);
	rc = -ENOMEM;
	if (!in || !out)
		goto out;
	for (i = 0; i < SIZE; i++)
		in[i] = (uint8_t)(i * 7 + 3);
	memset(out, 0, SIZE);
	rc = hla_mem_map_host(c.dev, in, SIZE, 0, 0, &in_va);
	if (rc)
		goto out;
	mapped_in = true;
	rc = hla_mem_map_host(c.dev, out, SIZE, 0, 0, &out_va);
	if (rc)
		goto out;
	mapped_out = true;

	/* command buffer; on Gaudi2 also mapped into the device MMU */
	rc = hla_cb_create(c.dev, CB_SIZE, c.gaudi1 ? 0 : HLA_CB_MAP, &c.cb);
	if (rc)
		goto out;
	cb_made = true;
	if (!c.gaudi1) {
		rc = hla_cb_device_va(c.dev, c.cb, &c.cb_va);
		if (rc)
			goto out;
	}
	rc = hla_cb_mmap(c.dev, c.cb, CB_SIZE, &c.cb_ptr);
	if (rc) {
		c.cb_ptr = NULL;
		goto out;
	}

	rc = dma(&c, in_va, dram, SIZE); /* host -> device */
	if (rc)
		goto out;
	rc = dma(&c, dram, out_va, SIZE); /* device -> host */
	if (rc)
		goto out;

	for (i = 0; i < SIZE; i++) {
		if (out[i] != in[i]) {
			fprintf(stderr, "mismatch at byte %zu: %u != %u\n", i, out[i], in[i]);
			goto out;
		}
	}
	printf("round trip of %u bytes through device DRAM at 0x%" PRIx64 ": ok\n",
	       SIZE, dram);
	ret = 0;

out:
	if (rc)
		fprintf(stderr, "error: %s\n", strerror(-rc));
	/* release in reverse order */
	if (c.cb_ptr)
		hla_cb_munmap(c.cb_ptr, CB_SIZE);
	if (cb_made)
		hla_cb_destroy(c.dev, c.cb);
	if (mapped_out)
		hla_mem_unmap(c.dev, out_va);
	if (mapped_in)
		hla_mem_unmap(c.dev, in_va);
	if (dmapped)
		hla_mem_unmap(c.dev, dram);
	if (allocated)
		hla_mem_free(c.dev, mem, SIZE); /* Gaudi1 frees by size */
	free(in);
	free(out);
	hla_device_close(c.dev);
	return ret;
}
