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
	bool cb_made;
	/* device memory */
	uint64_t mem;   /* allocation handle */
	uint64_t dram;  /* its device address */
	bool allocated, dram_mapped;
	/* host buffers and their device addresses */
	uint8_t *in, *out;
	uint64_t in_va, out_va;
	bool in_mapped, out_mapped;
};

/* One LIN_DMA of len bytes from src to dst (device addresses), waited for. */
static int dma(struct ctx *c, uint64_t src, uint64_t dst, uint32_t len)
{
	HLA_STRUCT_INIT(hla_cs_submit, cs);
	HLA_STRUCT_INIT(hla_cs_out, out);
	HLA_STRUCT_INIT(hla_wait_result, res);
	HLA_STRUCT_INIT(hla_pkt, pkt);
	struct hla_cs_chunk chunk;
	int n, rc;

	/* a packet is described field by field; hla_pkt_write encodes it
	 * for the ASIC and returns its size in bytes */
	pkt.opcode = HLA_PKT_OP_LIN_DMA;
	pkt.flags = HLA_PKT_MB | (c->gaudi1 ? HLA_PKT_RB : 0);
	pkt.src = src;
	pkt.dst = dst;
	pkt.size = len;
	n = hla_pkt_write(c->asic, &pkt, c->cb_ptr, CB_SIZE);
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

/* Device memory: Gaudi2 allocates and maps it into the device MMU; on
 * Gaudi1 the allocation only accounts and DRAM is addressed physically. */
static int get_dram(struct ctx *c, const struct hla_hw_ip_info *hw)
{
	int rc = hla_mem_alloc(c->dev, SIZE, 0, 0, &c->mem);

	if (rc)
		return rc;
	c->allocated = true;
	if (c->gaudi1) {
		c->dram = hw->dram_base_address;
		return 0;
	}
	rc = hla_mem_map(c->dev, c->mem, 0, 0, &c->dram);
	c->dram_mapped = !rc;
	return rc;
}

/* Host memory, pinned and mapped into the device MMU. */
static int get_host(struct ctx *c)
{
	int rc;

	c->in = aligned_alloc(4096, SIZE);
	c->out = aligned_alloc(4096, SIZE);
	if (!c->in || !c->out)
		return -ENOMEM;
	for (size_t i = 0; i < SIZE; i++)
		c->in[i] = (uint8_t)(i * 7 + 3);
	memset(c->out, 0, SIZE);
	rc = hla_mem_map_host(c->dev, c->in, SIZE, 0, 0, &c->in_va);
	if (rc)
		return rc;
	c->in_mapped = true;
	rc = hla_mem_map_host(c->dev, c->out, SIZE, 0, 0, &c->out_va);
	c->out_mapped = !rc;
	return rc;
}

/* The command buffer; on Gaudi2 also mapped into the device MMU. */
static int get_cb(struct ctx *c)
{
	int rc = hla_cb_create(c->dev, CB_SIZE, c->gaudi1 ? 0 : HLA_CB_MAP, &c->cb);

	if (rc)
		return rc;
	c->cb_made = true;
	if (!c->gaudi1) {
		rc = hla_cb_get_device_va(c->dev, c->cb, &c->cb_va);
		if (rc)
			return rc;
	}
	rc = hla_cb_mmap(c->dev, c->cb, CB_SIZE, &c->cb_ptr);
	if (rc)
		c->cb_ptr = NULL;
	return rc;
}

static bool same(const struct ctx *c)
{
	for (size_t i = 0; i < SIZE; i++) {
		if (c->out[i] != c->in[i]) {
			fprintf(stderr, "mismatch at byte %zu: %u != %u\n", i, c->out[i],
				c->in[i]);
			return false;
		}
	}
	return true;
}

/* Release in reverse order. */
static void release(struct ctx *c)
{
	if (c->cb_ptr)
		hla_cb_munmap(c->cb_ptr, CB_SIZE);
	if (c->cb_made)
		hla_cb_destroy(c->dev, c->cb);
	if (c->out_mapped)
		hla_mem_unmap(c->dev, c->out_va);
	if (c->in_mapped)
		hla_mem_unmap(c->dev, c->in_va);
	if (c->dram_mapped)
		hla_mem_unmap(c->dev, c->dram);
	if (c->allocated)
		hla_mem_free(c->dev, c->mem, SIZE); /* Gaudi1 frees by size */
	free(c->in);
	free(c->out);
	hla_device_close(c->dev);
}

int main(void)
{
	HLA_STRUCT_INIT(hla_hw_ip_info, hw);
	struct ctx c = { 0 };
	int rc, ret = 1;

	/* HLA_OPEN_RETRY: wait while a previous user's context is released */
	rc = hla_device_open_index(0, HLA_OPEN_RETRY, &c.dev);
	if (rc) {
		fprintf(stderr, "open: %s\n", strerror(-rc));
		return 1;
	}
	rc = hla_info_hw_ip(c.dev, &hw);
	if (!rc) {
		c.asic = hw.asic;
		c.gaudi1 = hw.asic == HLA_ASIC_GAUDI || hw.asic == HLA_ASIC_GAUDI_SEC;
		rc = get_dram(&c, &hw);
	}
	if (!rc)
		rc = get_host(&c);
	if (!rc)
		rc = get_cb(&c);
	if (!rc)
		rc = dma(&c, c.in_va, c.dram, SIZE); /* host -> device */
	if (!rc)
		rc = dma(&c, c.dram, c.out_va, SIZE); /* device -> host */
	if (rc) {
		fprintf(stderr, "error: %s\n", strerror(-rc));
	} else if (!same(&c)) {
		/* reported by same() */
	} else {
		printf("round trip of %u bytes through device DRAM at 0x%" PRIx64 ": ok\n",
		       SIZE, c.dram);
		ret = 0;
	}
	release(&c);
	return ret;
}
