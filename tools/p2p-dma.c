/* SPDX-License-Identifier: MIT */
/*
 * hla-p2p-copy's device DMA: LIN_DMA packets in command buffers, a ring of
 * CBs per device, the pinned host staging buffer and device memory.  On
 * Gaudi2 a CB is mapped into the device MMU and submitted by device address
 * on PDMA queue 0; on Gaudi1 it is submitted by handle on external queue 0
 * (DMA_0_0) with DRAM addressed physically from dram_base_address.
 */
#include "p2p-internal.h"

#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

/* ---- device DMA ----------------------------------------------------------- */

uint64_t p2p_round_up(uint64_t v, uint64_t a)
{
	return (v + a - 1) / a * a;
}

int p2p_side_wait(struct run *r, struct side *s, uint64_t seq)
{
	double deadline = tools_now() + WAIT_LIMIT_S;

	if (seq == HLA_SEQ_NONE)
		return 0;
	for (;;) {
		HLA_STRUCT_INIT(hla_wait_result, res);
		int rc = hla_cs_wait(s->dev, seq, WAIT_STEP_US, &res);

		/* waits are never restarted after a signal (a stop and
		 * continue, say): wait again, still within the deadline */
		if (rc == -EINTR && tools_now() <= deadline)
			continue;
		if (rc == -ETIMEDOUT)
			return p2p_fail(r, P2P_EXIT_DMA,
					"DMA on device %u hit the driver's watchdog", s->index);
		if (rc == -EIO)
			return p2p_fail(r, P2P_EXIT_DMA,
					"DMA on device %u was aborted (device reset?)", s->index);
		if (rc)
			return p2p_fail(r, P2P_EXIT_DMA, "waiting for DMA on device %u failed: %s",
					s->index, strerror(-rc));
		switch (res.status) {
		case HLA_WAIT_COMPLETED:
			return 0;
		case HLA_WAIT_BUSY:
			if (tools_now() > deadline)
				return p2p_fail(r, P2P_EXIT_DMA,
						"DMA on device %u did not finish within %.0f s",
						s->index, WAIT_LIMIT_S);
			continue;
		case HLA_WAIT_TIMEDOUT:
			return p2p_fail(r, P2P_EXIT_DMA,
					"DMA on device %u hit the driver's watchdog", s->index);
		default:
			return p2p_fail(r, P2P_EXIT_DMA,
					"DMA on device %u was aborted (device reset?)", s->index);
		}
	}
}

/* wait for every CS still using one of the device's CBs */
int p2p_side_drain(struct run *r, struct side *s)
{
	int ret = 0;
	unsigned int i;

	if (!s->dev)
		return 0; /* --procs 2: the exporter's device */
	for (i = 0; i < CB_RING; i++) {
		if (s->cb[i].seq == HLA_SEQ_NONE)
			continue;
		if (p2p_side_wait(r, s, s->cb[i].seq) && !ret)
			ret = r->code;
		s->cb[i].seq = HLA_SEQ_NONE;
	}
	return ret;
}

static int side_next_cb(struct run *r, struct side *s, struct cbuf **out)
{
	struct cbuf *cb = &s->cb[s->next_cb];

	s->next_cb = (s->next_cb + 1) % CB_RING;
	if (cb->seq != HLA_SEQ_NONE) {
		if (p2p_side_wait(r, s, cb->seq))
			return r->code;
		cb->seq = HLA_SEQ_NONE;
	}
	*out = cb;
	return 0;
}

static int side_submit(struct run *r, struct side *s, struct cbuf *cb,
		       uint32_t bytes, uint64_t *seq)
{
	HLA_STRUCT_INIT(hla_cs_submit, cs);
	struct hla_cs_chunk ch;
	int tries, rc;

	memset(&ch, 0, sizeof(ch));
	ch.cb_handle = s->gaudi1 ? cb->handle : cb->va;
	ch.queue_index = 0; /* Gaudi1 DMA_0_0, Gaudi2 PDMA_0 stream 0 */
	ch.cb_size = bytes;
	ch.flags = s->gaudi1 ? 0 : HLA_CHUNK_USER_CB;
	cs.execute = &ch;
	cs.num_execute = 1;
	for (tries = 0;; tries++) {
		HLA_STRUCT_INIT(hla_cs_out, out);

		rc = hla_cs_submit(s->dev, &cs, &out);
		if (rc == -EAGAIN && tries < 3) {
			/* too many in flight: let the older ones finish */
			if (p2p_side_drain(r, s))
				return r->code;
			continue;
		}
		if (rc)
			return p2p_fail(r, P2P_EXIT_DMA, "submitting DMA on device %u failed: %s",
					s->index, strerror(-rc));
		cb->seq = out.seq;
		*seq = out.seq;
		return 0;
	}
}

/* one LIN_DMA packet at buf; returns its size or -errno */
static int put_lin_dma(const struct side *s, void *buf, size_t space, uint64_t src,
		       uint64_t dst, uint64_t len, uint32_t flags)
{
	HLA_STRUCT_INIT(hla_pkt, pkt);

	pkt.opcode = HLA_PKT_OP_LIN_DMA;
	pkt.flags = flags;
	pkt.src = src; /* with HLA_PKT_MEMSET: the fill pattern */
	pkt.dst = dst;
	pkt.size = len;
	return hla_pkt_write(s->asic, &pkt, buf, space);
}

/*
 * Queue a DMA of len bytes from src to dst (device addresses) on s, split
 * into --chunk packets, up to MAX_PKTS_PER_CB packets per CS.  With
 * HLA_PKT_MEMSET, src is the 64-bit fill value.  *seq = the last CS.
 */
int p2p_side_dma(struct run *r, struct side *s, uint64_t src, uint64_t dst,
		    uint64_t len, uint32_t flags, uint64_t *seq)
{
	uint64_t chunk = r->o.chunk;

	while (len) {
		uint64_t npk = (len + chunk - 1) / chunk, k;
		struct cbuf *cb = NULL;
		size_t off = 0;

		if (npk > MAX_PKTS_PER_CB)
			npk = MAX_PKTS_PER_CB;
		if (side_next_cb(r, s, &cb))
			return r->code;
		for (k = 0; k < npk; k++) {
			uint64_t piece = len < chunk ? len : chunk;
			uint32_t pf = flags;
			int rc;

			if (s->gaudi1)
				pf |= HLA_PKT_RB;
			if (k == npk - 1)
				pf |= HLA_PKT_MB; /* before the completion */
			rc = put_lin_dma(s, (uint8_t *)cb->ptr + off, CB_SIZE - off, src, dst,
					 piece, pf);
			if (rc < 0)
				return p2p_fail(r, P2P_EXIT_DMA,
						"cannot build a LIN_DMA packet for %s: %s",
						tools_asic_name(s->asic), strerror(-rc));
			off += (size_t)rc;
			if (!(flags & HLA_PKT_MEMSET))
				src += piece;
			dst += piece;
			len -= piece;
		}
		if (side_submit(r, s, cb, (uint32_t)off, seq))
			return r->code;
	}
	return 0;
}

int p2p_slot_wait(struct run *r, unsigned int i)
{
	struct slot *sl = &r->slots[i];
	unsigned int k;

	for (k = 0; k < 2; k++) {
		if (!sl->s[k])
			continue;
		if (p2p_side_wait(r, sl->s[k], sl->seq[k]))
			return r->code;
		sl->s[k] = NULL;
	}
	return 0;
}

void p2p_slot_add(struct run *r, unsigned int i, struct side *s, uint64_t seq)
{
	struct slot *sl = &r->slots[i];
	unsigned int k;

	for (k = 0; k < 2; k++) {
		if (sl->s[k] == s || !sl->s[k]) {
			sl->s[k] = s;
			sl->seq[k] = seq;
			return;
		}
	}
	/* both entries used by other devices: cannot happen with two sides */
	sl->s[1] = s;
	sl->seq[1] = seq;
}

uint64_t p2p_stage_va(const struct side *s, const struct run *r, unsigned int slot)
{
	return s->host_va + (uint64_t)slot * r->batch;
}

/* ---- setup and teardown ------------------------------------------------------ */

static int open_error(struct run *r, unsigned int index, int rc)
{
	switch (rc) {
	case -EACCES:
		return p2p_fail(r, P2P_EXIT_PERMISSION,
				"permission denied opening device %u", index);
	case -EBUSY:
		return p2p_fail(r, P2P_EXIT_BUSY,
				"device %u is busy (its compute node is open elsewhere)", index);
	case -EAGAIN:
		return p2p_fail(r, P2P_EXIT_BUSY,
				"device %u is busy (resetting or releasing a context)", index);
	case -EPERM:
		return p2p_fail(r, P2P_EXIT_BUSY, "device %u is not operational", index);
	default:
		return p2p_fail(r, P2P_EXIT_DMA, "cannot open device %u: %s", index,
				strerror(-rc));
	}
}

int p2p_side_open(struct run *r, struct side *s, const struct hla_devlist *list,
		     unsigned int index)
{
	unsigned int i;
	int rc;

	memset(s, 0, sizeof(*s));
	s->index = index;
	for (i = 0; i < CB_RING; i++)
		s->cb[i].seq = HLA_SEQ_NONE;
	rc = hla_devlist_open(list, index, HLA_OPEN_RETRY, &s->dev);
	if (rc)
		return open_error(r, index, rc);
	s->desc.sz = sizeof(s->desc);
	rc = hla_device_describe(s->dev, &s->desc);
	if (rc)
		return p2p_fail(r, P2P_EXIT_DMA, "cannot describe device %u: %s", index,
				strerror(-rc));
	s->hw.sz = sizeof(s->hw);
	rc = hla_info_hw_ip(s->dev, &s->hw);
	if (rc == -EBUSY)
		return p2p_fail(r, P2P_EXIT_BUSY, "device %u is not operational", index);
	if (rc)
		return p2p_fail(r, P2P_EXIT_DMA, "cannot query device %u: %s", index,
				strerror(-rc));
	s->asic = (s->hw.valid & HLA_HW_IP_ASIC) ? s->hw.asic : s->desc.asic;
	switch (s->asic) {
	case HLA_ASIC_GAUDI:
	case HLA_ASIC_GAUDI_SEC:
		s->gaudi1 = true;
		break;
	case HLA_ASIC_GAUDI2:
	case HLA_ASIC_GAUDI2B:
	case HLA_ASIC_GAUDI2C:
	case HLA_ASIC_GAUDI2D:
	case HLA_ASIC_GAUDI2E:
		break;
	default:
		return p2p_fail(r, P2P_EXIT_DMA,
				"device %u: %s is not supported (Gaudi and Gaudi2 only)",
				index, tools_asic_name(s->asic));
	}
	for (i = 0; i < CB_RING; i++) {
		struct cbuf *cb = &s->cb[i];

		rc = hla_cb_create(s->dev, CB_SIZE, s->gaudi1 ? 0 : HLA_CB_MAP, &cb->handle);
		if (rc)
			return p2p_fail(r, rc == -ENOMEM ? P2P_EXIT_NO_MEMORY : P2P_EXIT_DMA,
					"cannot create a command buffer on device %u: %s",
					index, strerror(-rc));
		cb->created = true;
		if (!s->gaudi1) {
			rc = hla_cb_get_device_va(s->dev, cb->handle, &cb->va);
			if (rc)
				return p2p_fail(r, P2P_EXIT_DMA,
						"cannot get the device address of a CB on device %u: %s",
						index, strerror(-rc));
		}
		rc = hla_cb_mmap(s->dev, cb->handle, CB_SIZE, &cb->ptr);
		if (rc) {
			cb->ptr = NULL;
			return p2p_fail(r, P2P_EXIT_DMA,
					"cannot map a command buffer of device %u: %s", index,
					strerror(-rc));
		}
	}
	return 0;
}

void p2p_side_close(struct run *r, struct side *s)
{
	unsigned int i;
	uint64_t va;

	if (!s->dev)
		return;
	p2p_side_drain(r, s);
	if (s->host_mapped) {
		va = s->host_va;
		p2p_release_failed(r, s, "the host buffer's mapping", hla_mem_unmap(s->dev, va));
		s->host_mapped = false;
	}
	for (i = 0; i < CB_RING; i++) {
		struct cbuf *cb = &s->cb[i];

		if (cb->ptr)
			p2p_release_failed(r, s, "a command buffer's mapping",
					   hla_cb_munmap(cb->ptr, CB_SIZE));
		cb->ptr = NULL;
		if (cb->created)
			p2p_release_failed(r, s, "a command buffer",
					   hla_cb_destroy(s->dev, cb->handle));
		cb->created = false;
	}
	p2p_release_failed(r, s, "the device", hla_device_close(s->dev));
	s->dev = NULL;
}

int p2p_buf_alloc(struct run *r, struct dbuf *b, struct side *s)
{
	uint64_t size = r->export_size;
	int rc;

	memset(b, 0, sizeof(*b));
	b->s = s;
	b->fd = -1;
	if (s->gaudi1) {
		/* the driver only accounts; userspace places buffers physically */
		uint64_t need = p2p_round_up(size, GAUDI1_DRAM_ALIGN);

		if (s->gaudi1_next + need > s->hw.dram_size)
			return p2p_fail(r, P2P_EXIT_NO_MEMORY,
					"not enough DRAM on device %u for %" PRIu64 " bytes",
					s->index, size);
		rc = hla_mem_alloc(s->dev, need, 0, 0, &b->handle);
		if (rc)
			return p2p_fail(r, rc == -ENOMEM ? P2P_EXIT_NO_MEMORY : P2P_EXIT_DMA,
					"cannot allocate DRAM on device %u: %s", s->index,
					strerror(-rc));
		b->allocated = true;
		b->alloc_size = need;
		b->addr = s->hw.dram_base_address + s->gaudi1_next;
		s->gaudi1_next += need;
		return 0;
	}
	rc = hla_mem_alloc(s->dev, size, 0, 0, &b->handle);
	if (rc)
		return p2p_fail(r, rc == -ENOMEM ? P2P_EXIT_NO_MEMORY : P2P_EXIT_DMA,
				rc == -ENOMEM ? "not enough DRAM on device %u: %s"
					      : "cannot allocate DRAM on device %u: %s",
				s->index, strerror(-rc));
	b->allocated = true;
	b->alloc_size = size;
	rc = hla_mem_map(s->dev, b->handle, 0, 0, &b->va);
	if (rc)
		return p2p_fail(r, rc == -ENOMEM ? P2P_EXIT_NO_MEMORY : P2P_EXIT_DMA,
				"cannot map DRAM on device %u: %s", s->index, strerror(-rc));
	b->mapped = true;
	b->addr = b->va;
	return 0;
}

void p2p_buf_close_fd(struct dbuf *b)
{
	if (b->fd >= 0)
		close(b->fd);
	b->fd = -1;
}

/* dma-buf fds must be closed before this: the driver pins exported memory */
void p2p_buf_free(struct run *r, struct dbuf *b)
{
	struct side *s = b->s;

	if (!s || !s->dev)
		return;
	p2p_buf_close_fd(b);
	if (b->mapped)
		p2p_release_failed(r, s, "a DRAM mapping", hla_mem_unmap(s->dev, b->va));
	b->mapped = false;
	if (b->allocated)
		p2p_release_failed(r, s, "DRAM",
				   hla_mem_free(s->dev, s->gaudi1 ? 0 : b->handle, b->alloc_size));
	b->allocated = false;
}

/*
 * The staging buffer on 2 MiB pages where the kernel gives them, written
 * once here: the first user touch of each page of fresh memory is what
 * costs (on some virtual machines tens of microseconds per 4 KiB page), and
 * it belongs to setup, not to the fill it would otherwise slow down.
 */
static void *stage_map(uint64_t size)
{
	const uint64_t huge = 2ull << 20;
	uint8_t *p = mmap(NULL, size + huge, PROT_READ | PROT_WRITE,
			  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	uint64_t lead;

	if (p == MAP_FAILED)
		return NULL;
	lead = (huge - (uintptr_t)p % huge) % huge;
	if (lead)
		munmap(p, lead);
	munmap(p + lead + size, huge - lead);
	p += lead;
	madvise(p, size, MADV_HUGEPAGE);
	memset(p, 0, size);
	return p;
}

int p2p_stage_setup(struct run *r)
{
	uint64_t ppc = BATCH_TARGET / r->o.chunk;
	int i, rc;

	if (ppc < 1)
		ppc = 1;
	if (ppc > MAX_PKTS_PER_CB)
		ppc = MAX_PKTS_PER_CB;
	r->batch = ppc * r->o.chunk;
	if (r->batch > r->max)
		r->batch = r->max;
	r->nslots = NSLOTS;
	r->stage_size = p2p_round_up(r->batch * r->nslots, 2ull << 20);
	r->stage = stage_map(r->stage_size);
	if (!r->stage) {
		return p2p_fail(r, P2P_EXIT_NO_MEMORY, "cannot allocate %" PRIu64
				" bytes of host memory: %s", r->stage_size, strerror(errno));
	}
	for (i = 0; i < r->nsides; i++) {
		struct side *s = &r->sides[i];

		if (!s->dev)
			continue; /* --procs 2: the other process has it */
		rc = hla_mem_map_host(s->dev, r->stage, r->stage_size, 0, 0, &s->host_va);
		if (rc)
			return p2p_fail(r, rc == -ENOMEM ? P2P_EXIT_NO_MEMORY : P2P_EXIT_DMA,
					"cannot map host memory to device %u: %s", s->index,
					strerror(-rc));
		s->host_mapped = true;
	}
	return 0;
}

