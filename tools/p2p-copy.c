/* SPDX-License-Identifier: MIT */
/*
 * hla-p2p-copy: copy device memory from one habanalabs device to another
 * through dma-buf, and check every byte.
 *
 *   fill    the source is filled with a seeded xorshift64 pattern by device
 *           DMA from a pinned host buffer; the destination is cleared with
 *           a DMA memset;
 *   export  source and destination are exported as dma-buf fds and handed
 *           to the importer (mmap, rdma; bounce needs no dma-buf);
 *   copy    the importer moves the bytes (--iterations times);
 *   verify  the destination is read back by device DMA and compared.
 *
 * Device DMA uses LIN_DMA packets in command buffers: on Gaudi2 a CB mapped
 * into the device MMU and submitted by device address on PDMA queue 0, on
 * Gaudi1 a CB handle on external queue 0 (DMA_0_0) with DRAM addressed
 * physically from dram_base_address.
 */
#include "p2p-copy.h"

#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <linux/dma-buf.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <hlaccel/hlaccel.h>

#include "common.h"
#ifdef P2P_HAVE_RDMA
#include "p2p-rdma.h"
#endif

#define CB_SIZE 4096u
#define CB_RING 4            /* command buffers per device, used in turn */
#define NSLOTS 3             /* staging slots of the pinned host buffer */
#define MAX_PKTS_PER_CB 128  /* LIN_DMA packets in one CB (24 bytes each) */
#define BATCH_TARGET (32ull << 20) /* bytes moved by one CS when chunks allow */
#define MAX_CHUNK (1ull << 30)     /* LIN_DMA sizes are 32-bit */
#define WAIT_STEP_US 500000ull
#define WAIT_LIMIT_S 120.0
#define CLEAR_PATTERN 0x5a5a5a5a5a5a5a5aull
#define GAUDI1_DRAM_ALIGN (2ull << 20)
#define PAGE_4K 4096ull

enum importer { IMPORTER_MMAP, IMPORTER_BOUNCE, IMPORTER_RDMA };
static const char *const importer_names[] = { "mmap", "bounce", "rdma" };

struct opts {
	uint64_t size;
	uint64_t chunk;
	uint64_t iterations;
	uint64_t seed;
	long src, dst;   /* -1: not given */
	enum importer importer;
	bool json, quiet;
};

struct cbuf {
	uint64_t handle;
	void *ptr;
	uint64_t va;     /* Gaudi2: device VA of the CB */
	uint64_t seq;    /* last CS that used it, HLA_SEQ_NONE if idle */
	bool created;
};

struct side {
	unsigned int index;
	struct hla_device *dev;
	struct hla_device_desc desc;
	struct hla_hw_ip_info hw;
	uint32_t asic;
	bool gaudi1;     /* DRAM addressed physically, CB by handle */
	struct cbuf cb[CB_RING];
	unsigned int next_cb;
	uint64_t host_va; /* staging buffer as seen by this device */
	bool host_mapped;
	uint64_t gaudi1_next; /* Gaudi1: next free physical DRAM offset */
};

struct dbuf {
	struct side *s;
	uint64_t handle;
	bool allocated;
	uint64_t alloc_size;
	uint64_t va;
	bool mapped;
	uint64_t addr;   /* DMA and export address (VA on Gaudi2, physical on Gaudi1) */
	int fd;          /* exported dma-buf, -1 if none */
};

struct slot {
	struct side *s[2];
	uint64_t seq[2];
};

struct pattern {
	uint64_t state;
	uint8_t pend[8]; /* bytes of a word split across two buffers */
	unsigned int npend;
};

struct phase_time {
	double seconds;
	bool done;
};

struct run {
	FILE *out, *err;
	struct opts o;
	const struct p2p_hooks *hooks;
	struct side sides[2];
	int nsides;
	struct side *src, *dst;
	bool one_device;
	struct dbuf sb, db;
	uint64_t export_size;
	uint8_t *stage;
	uint64_t stage_size;
	uint64_t batch;
	unsigned int nslots;
	struct slot slots[NSLOTS];
	void *src_map, *dst_map;
#ifdef P2P_HAVE_RDMA
	struct p2p_rdma *rdma;
#endif
	/* failure */
	int code;
	char msg[320];
	bool mismatch;
	uint64_t bad_off;
	uint8_t bad_exp, bad_got;
	/* progress */
	bool tty;
	double phase_start, last_draw;
	bool drawn;
	/* timings */
	struct phase_time fill, exp, verify;
	double copy_best, copy_sum, total;
	unsigned int copies;
};

/* ---- errors and progress --------------------------------------------- */

static int fail(struct run *r, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Records the first failure only; returns its code. */
static int fail(struct run *r, int code, const char *fmt, ...)
{
	va_list ap;

	if (r->code)
		return r->code;
	va_start(ap, fmt);
	vsnprintf(r->msg, sizeof(r->msg), fmt, ap);
	va_end(ap);
	r->code = code;
	return code;
}

static void progress_begin(struct run *r)
{
	r->phase_start = tools_now();
	r->last_draw = 0;
	r->drawn = false;
}

static void progress(struct run *r, const char *phase, uint64_t done, uint64_t total)
{
	char bar[41];
	double now;
	unsigned int i, fill;

	if (!r->tty || !total)
		return;
	now = tools_now();
	/* only for long phases, redrawn at most ten times a second */
	if (now - r->phase_start < 0.5 || now - r->last_draw < 0.1)
		return;
	r->last_draw = now;
	fill = (unsigned int)(done * 40 / total);
	for (i = 0; i < 40; i++)
		bar[i] = i < fill ? '#' : '.';
	bar[40] = '\0';
	fprintf(r->out, "\r%-8s [%s] %3u%%", phase, bar,
		(unsigned int)(done * 100 / total));
	fflush(r->out);
	r->drawn = true;
}

static void progress_end(struct run *r)
{
	if (r->drawn) {
		fputs("\r\033[K", r->out);
		fflush(r->out);
	}
	r->drawn = false;
}

/* ---- pattern ------------------------------------------------------------ */

static void pat_init(struct pattern *p, uint64_t seed)
{
	/* xorshift64 must not start at 0; mix the seed so 1, 2, 3 differ a lot */
	p->state = (seed ^ 0x9E3779B97F4A7C15ull) * 0xBF58476D1CE4E5B9ull;
	if (!p->state)
		p->state = 0x2545F4914F6CDD1Dull;
	p->npend = 0;
}

static inline uint64_t pat_next(struct pattern *p)
{
	uint64_t x = p->state;

	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	p->state = x;
	return x;
}

static void pat_fill(struct pattern *p, uint8_t *dst, uint64_t len)
{
	while (len && p->npend) {
		*dst++ = p->pend[8 - p->npend--];
		len--;
	}
	while (len >= 8) {
		uint64_t w = pat_next(p);

		memcpy(dst, &w, 8);
		dst += 8;
		len -= 8;
	}
	if (len) {
		uint64_t w = pat_next(p);

		memcpy(p->pend, &w, 8);
		memcpy(dst, p->pend, (size_t)len);
		p->npend = 8 - (unsigned int)len;
	}
}

/* Compares buf (len bytes at stream offset base) with the pattern.  On a
 * mismatch fills *off, *exp, *got and returns false. */
static bool pat_check(struct pattern *p, const uint8_t *buf, uint64_t len,
		      uint64_t base, uint64_t *off, uint8_t *exp, uint8_t *got)
{
	uint64_t i = 0;
	uint8_t e;

	while (i < len && p->npend) {
		e = p->pend[8 - p->npend];
		if (buf[i] != e)
			goto bad;
		p->npend--;
		i++;
	}
	while (len - i >= 8) {
		uint64_t w = pat_next(p), v;

		memcpy(&v, buf + i, 8);
		if (v != w) {
			/* find the byte: at least one of the eight differs */
			memcpy(p->pend, &w, 8);
			p->npend = 8;
			while (buf[i] == p->pend[8 - p->npend]) {
				p->npend--;
				i++;
			}
			e = p->pend[8 - p->npend];
			goto bad;
		}
		i += 8;
	}
	if (i < len) {
		uint64_t w = pat_next(p);

		memcpy(p->pend, &w, 8);
		p->npend = 8;
		while (i < len) {
			e = p->pend[8 - p->npend];
			if (buf[i] != e)
				goto bad;
			p->npend--;
			i++;
		}
	}
	return true;

bad:
	*exp = e;
	*got = buf[i];
	*off = base + i;
	return false;
}

/* ---- device DMA ----------------------------------------------------------- */

static uint64_t round_up(uint64_t v, uint64_t a)
{
	return (v + a - 1) / a * a;
}

static int side_wait(struct run *r, struct side *s, uint64_t seq)
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
			return fail(r, P2P_EXIT_DMA,
				    "DMA on device %u hit the driver's watchdog", s->index);
		if (rc == -EIO)
			return fail(r, P2P_EXIT_DMA,
				    "DMA on device %u was aborted (device reset?)", s->index);
		if (rc)
			return fail(r, P2P_EXIT_DMA, "waiting for DMA on device %u failed: %s",
				    s->index, strerror(-rc));
		switch (res.status) {
		case HLA_WAIT_COMPLETED:
			return 0;
		case HLA_WAIT_BUSY:
			if (tools_now() > deadline)
				return fail(r, P2P_EXIT_DMA,
					    "DMA on device %u did not finish within %.0f s",
					    s->index, WAIT_LIMIT_S);
			continue;
		case HLA_WAIT_TIMEDOUT:
			return fail(r, P2P_EXIT_DMA,
				    "DMA on device %u hit the driver's watchdog", s->index);
		default:
			return fail(r, P2P_EXIT_DMA,
				    "DMA on device %u was aborted (device reset?)", s->index);
		}
	}
}

/* wait for every CS still using one of the device's CBs */
static int side_drain(struct run *r, struct side *s)
{
	int ret = 0;
	unsigned int i;

	for (i = 0; i < CB_RING; i++) {
		if (s->cb[i].seq == HLA_SEQ_NONE)
			continue;
		if (side_wait(r, s, s->cb[i].seq) && !ret)
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
		if (side_wait(r, s, cb->seq))
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
			if (side_drain(r, s))
				return r->code;
			continue;
		}
		if (rc)
			return fail(r, P2P_EXIT_DMA, "submitting DMA on device %u failed: %s",
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
static int side_dma(struct run *r, struct side *s, uint64_t src, uint64_t dst,
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
				return fail(r, P2P_EXIT_DMA,
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

static int slot_wait(struct run *r, unsigned int i)
{
	struct slot *sl = &r->slots[i];
	unsigned int k;

	for (k = 0; k < 2; k++) {
		if (!sl->s[k])
			continue;
		if (side_wait(r, sl->s[k], sl->seq[k]))
			return r->code;
		sl->s[k] = NULL;
	}
	return 0;
}

static void slot_add(struct run *r, unsigned int i, struct side *s, uint64_t seq)
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

static uint64_t stage_va(const struct side *s, const struct run *r, unsigned int slot)
{
	return s->host_va + (uint64_t)slot * r->batch;
}

/* ---- setup and teardown ------------------------------------------------------ */

static int open_error(struct run *r, unsigned int index, int rc)
{
	switch (rc) {
	case -EACCES:
		return fail(r, P2P_EXIT_PERMISSION,
			    "permission denied opening device %u", index);
	case -EBUSY:
		return fail(r, P2P_EXIT_BUSY,
			    "device %u is busy (its compute node is open elsewhere)", index);
	case -EAGAIN:
		return fail(r, P2P_EXIT_BUSY,
			    "device %u is busy (resetting or releasing a context)", index);
	case -EPERM:
		return fail(r, P2P_EXIT_BUSY, "device %u is not operational", index);
	default:
		return fail(r, P2P_EXIT_DMA, "cannot open device %u: %s", index,
			    strerror(-rc));
	}
}

static int side_open(struct run *r, struct side *s, const struct hla_devlist *list,
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
		return fail(r, P2P_EXIT_DMA, "cannot describe device %u: %s", index,
			    strerror(-rc));
	s->hw.sz = sizeof(s->hw);
	rc = hla_info_hw_ip(s->dev, &s->hw);
	if (rc == -EBUSY)
		return fail(r, P2P_EXIT_BUSY, "device %u is not operational", index);
	if (rc)
		return fail(r, P2P_EXIT_DMA, "cannot query device %u: %s", index,
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
		return fail(r, P2P_EXIT_DMA,
			    "device %u: %s is not supported (Gaudi and Gaudi2 only)",
			    index, tools_asic_name(s->asic));
	}
	for (i = 0; i < CB_RING; i++) {
		struct cbuf *cb = &s->cb[i];

		rc = hla_cb_create(s->dev, CB_SIZE, s->gaudi1 ? 0 : HLA_CB_MAP, &cb->handle);
		if (rc)
			return fail(r, rc == -ENOMEM ? P2P_EXIT_NO_MEMORY : P2P_EXIT_DMA,
				    "cannot create a command buffer on device %u: %s",
				    index, strerror(-rc));
		cb->created = true;
		if (!s->gaudi1) {
			rc = hla_cb_get_device_va(s->dev, cb->handle, &cb->va);
			if (rc)
				return fail(r, P2P_EXIT_DMA,
					    "cannot get the device address of a CB on device %u: %s",
					    index, strerror(-rc));
		}
		rc = hla_cb_mmap(s->dev, cb->handle, CB_SIZE, &cb->ptr);
		if (rc) {
			cb->ptr = NULL;
			return fail(r, P2P_EXIT_DMA,
				    "cannot map a command buffer of device %u: %s", index,
				    strerror(-rc));
		}
	}
	return 0;
}

static void side_close(struct run *r, struct side *s)
{
	unsigned int i;
	uint64_t va;

	if (!s->dev)
		return;
	side_drain(r, s);
	if (s->host_mapped) {
		va = s->host_va;
		hla_mem_unmap(s->dev, va);
		s->host_mapped = false;
	}
	for (i = 0; i < CB_RING; i++) {
		struct cbuf *cb = &s->cb[i];

		if (cb->ptr)
			hla_cb_munmap(cb->ptr, CB_SIZE);
		cb->ptr = NULL;
		if (cb->created)
			hla_cb_destroy(s->dev, cb->handle);
		cb->created = false;
	}
	hla_device_close(s->dev);
	s->dev = NULL;
}

static int buf_alloc(struct run *r, struct dbuf *b, struct side *s)
{
	uint64_t size = r->export_size;
	int rc;

	memset(b, 0, sizeof(*b));
	b->s = s;
	b->fd = -1;
	if (s->gaudi1) {
		/* the driver only accounts; userspace places buffers physically */
		uint64_t need = round_up(size, GAUDI1_DRAM_ALIGN);

		if (s->gaudi1_next + need > s->hw.dram_size)
			return fail(r, P2P_EXIT_NO_MEMORY,
				    "not enough DRAM on device %u for %" PRIu64 " bytes",
				    s->index, size);
		rc = hla_mem_alloc(s->dev, need, 0, 0, &b->handle);
		if (rc)
			return fail(r, rc == -ENOMEM ? P2P_EXIT_NO_MEMORY : P2P_EXIT_DMA,
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
		return fail(r, rc == -ENOMEM ? P2P_EXIT_NO_MEMORY : P2P_EXIT_DMA,
			    rc == -ENOMEM ? "not enough DRAM on device %u: %s"
					  : "cannot allocate DRAM on device %u: %s",
			    s->index, strerror(-rc));
	b->allocated = true;
	b->alloc_size = size;
	rc = hla_mem_map(s->dev, b->handle, 0, 0, &b->va);
	if (rc)
		return fail(r, rc == -ENOMEM ? P2P_EXIT_NO_MEMORY : P2P_EXIT_DMA,
			    "cannot map DRAM on device %u: %s", s->index, strerror(-rc));
	b->mapped = true;
	b->addr = b->va;
	return 0;
}

static void buf_close_fd(struct dbuf *b)
{
	if (b->fd >= 0)
		close(b->fd);
	b->fd = -1;
}

/* dma-buf fds must be closed before this: the driver pins exported memory */
static void buf_free(struct run *r, struct dbuf *b)
{
	struct side *s = b->s;

	(void)r;
	if (!s || !s->dev)
		return;
	buf_close_fd(b);
	if (b->mapped)
		hla_mem_unmap(s->dev, b->va);
	b->mapped = false;
	if (b->allocated)
		hla_mem_free(s->dev, s->gaudi1 ? 0 : b->handle, b->alloc_size);
	b->allocated = false;
}

static int stage_setup(struct run *r)
{
	uint64_t ppc = BATCH_TARGET / r->o.chunk;
	int i, rc;

	if (ppc < 1)
		ppc = 1;
	if (ppc > MAX_PKTS_PER_CB)
		ppc = MAX_PKTS_PER_CB;
	r->batch = ppc * r->o.chunk;
	if (r->batch > r->o.size)
		r->batch = r->o.size;
	r->nslots = NSLOTS;
	r->stage_size = round_up(r->batch * r->nslots, PAGE_4K);
	r->stage = mmap(NULL, r->stage_size, PROT_READ | PROT_WRITE,
			MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
	if (r->stage == MAP_FAILED) {
		r->stage = NULL;
		return fail(r, P2P_EXIT_NO_MEMORY, "cannot allocate %" PRIu64
			    " bytes of host memory: %s", r->stage_size, strerror(errno));
	}
	for (i = 0; i < r->nsides; i++) {
		struct side *s = &r->sides[i];

		rc = hla_mem_map_host(s->dev, r->stage, r->stage_size, 0, 0, &s->host_va);
		if (rc)
			return fail(r, rc == -ENOMEM ? P2P_EXIT_NO_MEMORY : P2P_EXIT_DMA,
				    "cannot map host memory to device %u: %s", s->index,
				    strerror(-rc));
		s->host_mapped = true;
	}
	return 0;
}

/* ---- phases -------------------------------------------------------------- */

static int phase_fill(struct run *r)
{
	struct pattern p;
	uint64_t off, len, seq;
	unsigned int k;

	progress_begin(r);
	/* clear the destination first: it then runs while the source fills */
	if (side_dma(r, r->dst, CLEAR_PATTERN, r->db.addr, r->o.size, HLA_PKT_MEMSET,
		     &seq))
		return r->code;
	pat_init(&p, r->o.seed);
	for (off = 0, k = 0; off < r->o.size; off += len, k++) {
		unsigned int slot = k % r->nslots;

		len = r->o.size - off < r->batch ? r->o.size - off : r->batch;
		if (slot_wait(r, slot))
			return r->code;
		pat_fill(&p, r->stage + (uint64_t)slot * r->batch, len);
		if (side_dma(r, r->src, stage_va(r->src, r, slot), r->sb.addr + off, len,
			     0, &seq))
			return r->code;
		slot_add(r, slot, r->src, seq);
		progress(r, "fill", off + len, r->o.size);
	}
	for (k = 0; k < r->nslots; k++)
		if (slot_wait(r, k))
			return r->code;
	if (side_drain(r, r->src) || side_drain(r, r->dst))
		return r->code;
	progress_end(r);
	return 0;
}

static int export_one(struct run *r, struct dbuf *b, uint32_t flags, const char *what)
{
	HLA_STRUCT_INIT(hla_dmabuf_export, exp);
	int rc;

	exp.flags = flags;
	exp.addr = b->addr;
	exp.size = r->export_size;
	rc = hla_mem_export_dmabuf(b->s->dev, &exp, &b->fd);
	if (!rc)
		return 0;
	b->fd = -1;
	if (rc == -EOPNOTSUPP)
		return fail(r, P2P_EXIT_EXPORT,
			    "dma-buf export of the %s refused by device %u: %s "
			    "(this driver cannot export %s memory; try --importer bounce)",
			    what, b->s->index, strerror(-rc), tools_asic_name(b->s->asic));
	return fail(r, P2P_EXIT_EXPORT, "dma-buf export of the %s refused by device %u: %s",
		    what, b->s->index, strerror(-rc));
}

static int dmabuf_sync(int fd, uint64_t flags)
{
	struct dma_buf_sync sync = { .flags = flags };
	int rc;

	do {
		rc = ioctl(fd, DMA_BUF_IOCTL_SYNC, &sync);
	} while (rc < 0 && (errno == EINTR || errno == EAGAIN));
	/* an exporter without CPU-access hooks needs no bracketing */
	if (rc < 0 && errno != ENOTTY)
		return -errno;
	return 0;
}

static int phase_export(struct run *r)
{
	if (r->o.importer == IMPORTER_BOUNCE)
		return 0;
	if (export_one(r, &r->sb, HLA_DMABUF_RDONLY, "source") ||
	    export_one(r, &r->db, HLA_DMABUF_RDWR, "destination"))
		return r->code;

	if (r->o.importer == IMPORTER_MMAP) {
		r->src_map = mmap(NULL, r->export_size, PROT_READ, MAP_SHARED | MAP_POPULATE,
				  r->sb.fd, 0);
		if (r->src_map == MAP_FAILED) {
			int e = errno;

			r->src_map = NULL;
			return fail(r, P2P_EXIT_IMPORTER,
				    "mmap of the source dma-buf refused: %s (the exporter "
				    "gives no CPU access; use --importer rdma)", strerror(e));
		}
		r->dst_map = mmap(NULL, r->export_size, PROT_READ | PROT_WRITE,
				  MAP_SHARED | MAP_POPULATE, r->db.fd, 0);
		if (r->dst_map == MAP_FAILED) {
			int e = errno;

			r->dst_map = NULL;
			return fail(r, P2P_EXIT_IMPORTER,
				    "mmap of the destination dma-buf refused: %s (the "
				    "exporter gives no CPU access; use --importer rdma)",
				    strerror(e));
		}
		return 0;
	}
#ifdef P2P_HAVE_RDMA
	{
		char msg[200];
		int rc = p2p_rdma_open(r->sb.fd, r->db.fd, r->export_size, &r->rdma, msg,
				       sizeof(msg));

		if (rc) {
			r->rdma = NULL;
			return fail(r, P2P_EXIT_IMPORTER, "rdma importer: %s", msg);
		}
	}
	return 0;
#else
	return fail(r, P2P_EXIT_IMPORTER,
		    "the rdma importer is not built in (libibverbs was not found at build time)");
#endif
}

static int copy_mmap(struct run *r)
{
	const uint8_t *src = r->src_map;
	uint8_t *dst = r->dst_map;
	uint64_t off, len;
	int rc;

	rc = dmabuf_sync(r->sb.fd, DMA_BUF_SYNC_START | DMA_BUF_SYNC_READ);
	if (!rc)
		rc = dmabuf_sync(r->db.fd, DMA_BUF_SYNC_START | DMA_BUF_SYNC_WRITE);
	if (rc)
		return fail(r, P2P_EXIT_IMPORTER, "dma-buf CPU access refused: %s",
			    strerror(-rc));
	for (off = 0; off < r->o.size; off += len) {
		len = r->o.size - off < r->o.chunk ? r->o.size - off : r->o.chunk;
		memcpy(dst + off, src + off, (size_t)len);
		progress(r, "copy", off + len, r->o.size);
	}
	rc = dmabuf_sync(r->db.fd, DMA_BUF_SYNC_END | DMA_BUF_SYNC_WRITE);
	if (!rc)
		rc = dmabuf_sync(r->sb.fd, DMA_BUF_SYNC_END | DMA_BUF_SYNC_READ);
	if (rc)
		return fail(r, P2P_EXIT_IMPORTER, "ending dma-buf CPU access failed: %s",
			    strerror(-rc));
	return 0;
}

/*
 * device -> pinned host slot -> device: the source device reads batch k
 * into a slot while the destination device writes batch k-1 from another.
 */
static int copy_bounce(struct run *r)
{
	uint64_t nb = (r->o.size + r->batch - 1) / r->batch, k;
	uint64_t prev_d2h = HLA_SEQ_NONE, d2h = HLA_SEQ_NONE, seq;

	for (k = 0; k <= nb; k++) {
		if (k < nb) {
			unsigned int slot = (unsigned int)(k % r->nslots);
			uint64_t off = k * r->batch;
			uint64_t len = r->o.size - off < r->batch ? r->o.size - off : r->batch;

			/* the slot's previous bytes must have left for the destination */
			if (slot_wait(r, slot))
				return r->code;
			if (side_dma(r, r->src, r->sb.addr + off, stage_va(r->src, r, slot),
				     len, 0, &d2h))
				return r->code;
		}
		if (k > 0) {
			uint64_t pk = k - 1;
			unsigned int pslot = (unsigned int)(pk % r->nslots);
			uint64_t poff = pk * r->batch;
			uint64_t plen = r->o.size - poff < r->batch ? r->o.size - poff : r->batch;

			/* the bytes must be in host memory before the other device reads */
			if (side_wait(r, r->src, prev_d2h))
				return r->code;
			if (side_dma(r, r->dst, stage_va(r->dst, r, pslot), r->db.addr + poff,
				     plen, 0, &seq))
				return r->code;
			slot_add(r, pslot, r->dst, seq);
			progress(r, "copy", poff + plen, r->o.size);
		}
		prev_d2h = d2h;
	}
	for (k = 0; k < r->nslots; k++)
		if (slot_wait(r, (unsigned int)k))
			return r->code;
	if (side_drain(r, r->dst) || side_drain(r, r->src))
		return r->code;
	return 0;
}

static int phase_copy(struct run *r)
{
	uint64_t it;

	for (it = 0; it < r->o.iterations; it++) {
		double t0 = tools_now(), dt;
		int rc = 0;

		progress_begin(r);
		switch (r->o.importer) {
		case IMPORTER_MMAP:
			rc = copy_mmap(r);
			break;
		case IMPORTER_BOUNCE:
			rc = copy_bounce(r);
			break;
		case IMPORTER_RDMA:
#ifdef P2P_HAVE_RDMA
		{
			char msg[200];

			if (p2p_rdma_copy(r->rdma, r->o.chunk, msg, sizeof(msg)))
				rc = fail(r, P2P_EXIT_IMPORTER, "rdma importer: %s", msg);
		}
#else
			rc = fail(r, P2P_EXIT_IMPORTER, "the rdma importer is not built in");
#endif
			break;
		}
		progress_end(r);
		if (rc)
			return rc;
		dt = tools_now() - t0;
		if (!r->copies || dt < r->copy_best)
			r->copy_best = dt;
		r->copy_sum += dt;
		r->copies++;
		if (r->hooks && r->hooks->after_copy &&
		    r->hooks->after_copy(r->hooks->priv, r->sb.fd, r->db.fd, r->o.size))
			return fail(r, P2P_EXIT_IMPORTER, "the after-copy hook failed");
	}
	return 0;
}

static int phase_verify(struct run *r)
{
	uint64_t nb = (r->o.size + r->batch - 1) / r->batch, k, seq;
	struct pattern p;

	progress_begin(r);
	pat_init(&p, r->o.seed);
	/* batch 0 is read ahead; each step then queues the next one */
	if (slot_wait(r, 0) ||
	    side_dma(r, r->dst, r->db.addr, stage_va(r->dst, r, 0), r->batch, 0, &seq))
		return r->code;
	slot_add(r, 0, r->dst, seq);
	for (k = 0; k < nb; k++) {
		unsigned int slot = (unsigned int)(k % r->nslots);
		uint64_t off = k * r->batch;
		uint64_t len = r->o.size - off < r->batch ? r->o.size - off : r->batch;

		if (k + 1 < nb) {
			unsigned int ns = (unsigned int)((k + 1) % r->nslots);
			uint64_t noff = off + r->batch;
			uint64_t nlen = r->o.size - noff < r->batch ? r->o.size - noff : r->batch;

			if (slot_wait(r, ns) ||
			    side_dma(r, r->dst, r->db.addr + noff, stage_va(r->dst, r, ns),
				     nlen, 0, &seq))
				return r->code;
			slot_add(r, ns, r->dst, seq);
		}
		if (slot_wait(r, slot))
			return r->code;
		if (!pat_check(&p, r->stage + (uint64_t)slot * r->batch, len, off,
			       &r->bad_off, &r->bad_exp, &r->bad_got)) {
			progress_end(r);
			r->mismatch = true;
			return fail(r, P2P_EXIT_MISMATCH,
				    "verification failed: first mismatch at offset %" PRIu64
				    " (0x%" PRIx64 "): expected 0x%02x, read 0x%02x",
				    r->bad_off, r->bad_off, r->bad_exp, r->bad_got);
		}
		progress(r, "verify", off + len, r->o.size);
	}
	if (side_drain(r, r->dst))
		return r->code;
	progress_end(r);
	return 0;
}

/* ---- output ---------------------------------------------------------------- */

static void describe_side(char *buf, size_t size, const struct side *s)
{
	snprintf(buf, size, "device %u (%s, %s)", s->index, tools_asic_name(s->asic),
		 s->desc.node);
}

static void print_header(struct run *r)
{
	char size[32], chunk[32], a[128], b[128];

	if (r->o.json || r->o.quiet)
		return;
	tools_format_size(r->o.size, size, sizeof(size));
	tools_format_size(r->o.chunk, chunk, sizeof(chunk));
	describe_side(a, sizeof(a), r->src);
	describe_side(b, sizeof(b), r->dst);
	if (r->one_device)
		fprintf(r->out, "copy %s within %s (two allocations)\n", size, a);
	else
		fprintf(r->out, "copy %s from %s to %s\n", size, a, b);
	fprintf(r->out, "importer %s, chunk %s, %" PRIu64 " iteration%s, seed %" PRIu64 "\n",
		importer_names[r->o.importer], chunk, r->o.iterations,
		r->o.iterations == 1 ? "" : "s", r->o.seed);
	fflush(r->out);
}

static double gib_per_s(uint64_t bytes, double s)
{
	return s > 0 ? (double)bytes / s / (1024.0 * 1024.0 * 1024.0) : 0.0;
}

static void print_phase(struct run *r, const char *name, double s, const char *note)
{
	char size[32];

	tools_format_size(r->o.size, size, sizeof(size));
	fprintf(r->out, "%-8s %12s %10.4f s %9.2f GiB/s%s%s\n", name, size, s,
		gib_per_s(r->o.size, s), note ? "  " : "", note ? note : "");
}

static void print_text(struct run *r)
{
	char note[64];

	if (r->o.quiet) {
		fputs("verified\n", r->out);
		return;
	}
	fprintf(r->out, "%-8s %12s %12s %15s\n", "phase", "bytes", "time", "bandwidth");
	print_phase(r, "fill", r->fill.seconds, "(source fill + destination clear)");
	if (r->o.importer == IMPORTER_BOUNCE)
		fprintf(r->out, "%-8s %12s\n", "export", "skipped (bounce uses no dma-buf)");
	else
		print_phase(r, "export", r->exp.seconds, "(export + import setup)");
	if (r->copies > 1) {
		snprintf(note, sizeof(note), "(best of %u, mean %.2f GiB/s)", r->copies,
			 gib_per_s(r->o.size, r->copy_sum / r->copies));
		print_phase(r, "copy", r->copy_best, note);
	} else {
		print_phase(r, "copy", r->copy_best, NULL);
	}
	print_phase(r, "verify", r->verify.seconds, NULL);
	print_phase(r, "total", r->total, NULL);
	fputs("verified\n", r->out);
}

static void json_side(struct json_writer *j, const char *key, const struct side *s)
{
	json_begin_object(j, key);
	json_u64(j, "index", s->index);
	json_string(j, "node", s->desc.node);
	json_string(j, "asic", tools_asic_name(s->asic));
	json_string(j, "interface", tools_interface_name(s->desc.interface));
	json_end_object(j);
}

static void json_phase(struct json_writer *j, const char *key, uint64_t bytes, double s)
{
	json_begin_object(j, key);
	json_u64(j, "bytes", bytes);
	json_double(j, "seconds", s);
	json_double(j, "bytes_per_second", s > 0 ? (double)bytes / s : 0.0);
	json_end_object(j);
}

static void print_json(struct run *r, int code)
{
	struct json_writer j;

	json_init(&j, r->out);
	json_begin_object(&j, NULL);
	json_u64(&j, "size", r->o.size);
	json_u64(&j, "chunk", r->o.chunk);
	json_u64(&j, "iterations", r->o.iterations);
	json_u64(&j, "seed", r->o.seed);
	json_string(&j, "importer", importer_names[r->o.importer]);
	if (r->src)
		json_side(&j, "source", r->src);
	if (r->dst)
		json_side(&j, "destination", r->dst);
	json_bool(&j, "one_device", r->one_device);
	json_begin_object(&j, "phases");
	if (r->fill.done)
		json_phase(&j, "fill", r->o.size, r->fill.seconds);
	if (r->exp.done && r->o.importer != IMPORTER_BOUNCE)
		json_phase(&j, "export", r->o.size, r->exp.seconds);
	if (r->copies) {
		json_phase(&j, "copy", r->o.size, r->copy_best);
		json_double(&j, "copy_mean_seconds", r->copy_sum / r->copies);
		json_u64(&j, "copy_iterations", r->copies);
	}
	if (r->verify.done)
		json_phase(&j, "verify", r->o.size, r->verify.seconds);
	if (!code)
		json_phase(&j, "total", r->o.size, r->total);
	json_end_object(&j);
	json_bool(&j, "verified", code == 0);
	if (code) {
		json_u64(&j, "exit_code", (uint64_t)code);
		json_string(&j, "error", r->msg);
		if (r->mismatch) {
			json_u64(&j, "mismatch_offset", r->bad_off);
			json_u64(&j, "expected", r->bad_exp);
			json_u64(&j, "read", r->bad_got);
		}
	}
	json_end_object(&j);
	json_finish(&j);
}

/* ---- options ---------------------------------------------------------------- */

static void usage(FILE *f)
{
	fputs("Usage: hla-p2p-copy [options]\n"
	      "Copy device memory between two habanalabs devices through dma-buf\n"
	      "and verify every byte.\n"
	      "\n"
	      "  -s, --size SIZE        bytes to copy, K/M/G suffixes (default 64M)\n"
	      "  -c, --chunk SIZE       DMA packet / memcpy piece size (default 4M)\n"
	      "  -n, --iterations N     copy N times, report the best (default 1)\n"
	      "      --src DEV          source device index (default 0)\n"
	      "      --dst DEV          destination device index (default: the next\n"
	      "                         device, or the source device when alone)\n"
	      "      --seed N           pattern seed (default 1)\n"
	      "  -i, --importer NAME    mmap, bounce or rdma (default mmap)\n"
	      "  -j, --json             JSON report\n"
	      "  -q, --quiet            print only the final \"verified\"\n"
	      "  -h, --help             this text\n"
	      "  -V, --version          library version\n"
	      "\n"
	      "Exit status: 0 verified, 1 usage, 2 no device, 3 permission denied,\n"
	      "4 device busy, 5 no such device, 6 out of memory, 7 export refused,\n"
	      "8 importer unavailable, 9 DMA failed, 10 verification mismatch.\n", f);
}

/* --size, --chunk, --iterations: 0 or the exit code */
static int parse_amount(struct run *r, int c, const char *arg)
{
	struct opts *o = &r->o;
	uint64_t v;

	switch (c) {
	case 's':
		if (tools_parse_size(arg, &v) || v == 0) {
			fprintf(r->err, "hla-p2p-copy: invalid size '%s' (a positive "
				"byte count with optional K/M/G suffix)\n", arg);
			return P2P_EXIT_USAGE;
		}
		o->size = v;
		return 0;
	case 'c':
		if (tools_parse_size(arg, &v) || v == 0 || v > MAX_CHUNK) {
			fprintf(r->err, "hla-p2p-copy: invalid chunk '%s' (1 byte to 1G)\n",
				arg);
			return P2P_EXIT_USAGE;
		}
		o->chunk = v;
		return 0;
	default:
		if (tools_parse_u64(arg, 1000000, &v) || v == 0) {
			fprintf(r->err, "hla-p2p-copy: invalid iteration count '%s'\n", arg);
			return P2P_EXIT_USAGE;
		}
		o->iterations = v;
		return 0;
	}
}

/* --src, --dst, --seed, --importer: 0 or the exit code */
static int parse_choice(struct run *r, int c, const char *arg)
{
	struct opts *o = &r->o;
	uint64_t v;
	size_t k;

	if (c == 'S' || c == 'D') {
		if (tools_parse_u64(arg, 1u << 20, &v)) {
			fprintf(r->err, "hla-p2p-copy: invalid device index '%s'\n", arg);
			return P2P_EXIT_USAGE;
		}
		if (c == 'S')
			o->src = (long)v;
		else
			o->dst = (long)v;
		return 0;
	}
	if (c == 'e') {
		if (tools_parse_u64(arg, UINT64_MAX, &v)) {
			fprintf(r->err, "hla-p2p-copy: invalid seed '%s'\n", arg);
			return P2P_EXIT_USAGE;
		}
		o->seed = v;
		return 0;
	}
	for (k = 0; k < TOOLS_ARRAY_SIZE(importer_names); k++)
		if (!strcmp(arg, importer_names[k]))
			break;
	if (k == TOOLS_ARRAY_SIZE(importer_names)) {
		fprintf(r->err, "hla-p2p-copy: unknown importer '%s' (mmap, bounce or rdma)\n",
			arg);
		return P2P_EXIT_USAGE;
	}
	o->importer = (enum importer)k;
	return 0;
}

/* one option: 0 to go on, -1 to stop with success, or the exit code */
static int parse_one(struct run *r, int c, char **argv)
{
	int lib;

	switch (c) {
	case 's':
	case 'c':
	case 'n':
		return parse_amount(r, c, optarg);
	case 'S':
	case 'D':
	case 'e':
	case 'i':
		return parse_choice(r, c, optarg);
	case 'j':
		r->o.json = true;
		return 0;
	case 'q':
		r->o.quiet = true;
		return 0;
	case 'h':
		usage(r->out);
		return -1;
	case 'V':
		lib = hla_version();
		fprintf(r->out, "hla-p2p-copy (hlaccel) %d.%d.%d\n", (lib >> 16) & 0xffff,
			(lib >> 8) & 0xff, lib & 0xff);
		return -1;
	case ':':
		fprintf(r->err, "hla-p2p-copy: option '%s' needs an argument\n",
			argv[optind - 1]);
		return P2P_EXIT_USAGE;
	default:
		fprintf(r->err, "hla-p2p-copy: unknown option '%s' (see --help)\n",
			argv[optind - 1]);
		return P2P_EXIT_USAGE;
	}
}

static int parse_options(struct run *r, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "size", required_argument, NULL, 's' },
		{ "chunk", required_argument, NULL, 'c' },
		{ "iterations", required_argument, NULL, 'n' },
		{ "src", required_argument, NULL, 'S' },
		{ "dst", required_argument, NULL, 'D' },
		{ "seed", required_argument, NULL, 'e' },
		{ "importer", required_argument, NULL, 'i' },
		{ "json", no_argument, NULL, 'j' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	struct opts *o = &r->o;
	int c, rc;

	o->size = 64ull << 20;
	o->chunk = 4ull << 20;
	o->iterations = 1;
	o->seed = 1;
	o->src = -1;
	o->dst = -1;
	o->importer = IMPORTER_MMAP;
	optind = 0; /* allow repeated calls in one process */
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":s:c:n:i:jqhV", longopts, NULL)) != -1) {
		rc = parse_one(r, c, argv);
		if (rc)
			return rc;
	}
	if (optind < argc) {
		fprintf(r->err, "hla-p2p-copy: unexpected argument '%s' (see --help)\n",
			argv[optind]);
		return P2P_EXIT_USAGE;
	}
	if (o->chunk > o->size)
		o->chunk = o->size;
	return 0;
}

/* ---- main flow ------------------------------------------------------------- */

/* the source and destination indexes, or a failure code */
static int pick_indexes(struct run *r, uint32_t count, unsigned int *src,
			unsigned int *dst)
{
	*src = r->o.src >= 0 ? (unsigned int)r->o.src : 0;
	if (*src >= count)
		return fail(r, P2P_EXIT_NO_SUCH_DEVICE,
			    "source device %u not found (%u device%s present)", *src, count,
			    count == 1 ? "" : "s");
	if (r->o.dst >= 0) {
		*dst = (unsigned int)r->o.dst;
		if (*dst >= count)
			return fail(r, P2P_EXIT_NO_SUCH_DEVICE,
				    "destination device %u not found (%u device%s present)",
				    *dst, count, count == 1 ? "" : "s");
	} else if (count == 1) {
		*dst = *src;
		if (!r->o.quiet && !r->o.json)
			fprintf(r->err, "hla-p2p-copy: only one device: copying between "
				"two allocations on device %u\n", *src);
	} else {
		*dst = (*src + 1) % count;
	}
	return 0;
}

static int open_sides(struct run *r, const struct hla_devlist *list, unsigned int src,
		      unsigned int dst)
{
	r->one_device = src == dst;
	if (side_open(r, &r->sides[0], list, src))
		return r->code;
	r->nsides = 1;
	r->src = &r->sides[0];
	if (r->one_device) {
		r->dst = r->src;
		return 0;
	}
	r->nsides = 2;
	if (side_open(r, &r->sides[1], list, dst))
		return r->code;
	r->dst = &r->sides[1];
	return 0;
}

/* one snapshot of the devices: the indexes name the same devices throughout */
static int choose_devices(struct run *r)
{
	struct hla_devlist *list = NULL;
	unsigned int src = 0, dst = 0;
	uint32_t count = 0;
	int rc = hla_devlist_create(0, &list);

	if (!rc)
		rc = hla_devlist_count(list, &count);
	if (rc == -EACCES)
		rc = fail(r, P2P_EXIT_PERMISSION, "permission denied while looking for devices");
	else if (rc && rc != -ENOENT && rc != -ENODEV)
		rc = fail(r, P2P_EXIT_NO_DEVICE, "cannot enumerate devices: %s",
			  strerror(-rc));
	else if (rc || count == 0)
		rc = fail(r, P2P_EXIT_NO_DEVICE, "no habanalabs device found");
	else if (!pick_indexes(r, count, &src, &dst))
		rc = open_sides(r, list, src, dst);
	else
		rc = r->code;
	hla_devlist_destroy(list);
	return rc;
}

static void teardown(struct run *r)
{
	int i;

#ifdef P2P_HAVE_RDMA
	if (r->rdma)
		p2p_rdma_close(r->rdma);
	r->rdma = NULL;
#endif
	if (r->src_map)
		munmap(r->src_map, r->export_size);
	if (r->dst_map)
		munmap(r->dst_map, r->export_size);
	r->src_map = r->dst_map = NULL;
	/* release the dma-bufs before unmapping/freeing what they pin */
	buf_close_fd(&r->sb);
	buf_close_fd(&r->db);
	for (i = 0; i < r->nsides; i++)
		side_drain(r, &r->sides[i]);
	buf_free(r, &r->db);
	buf_free(r, &r->sb);
	for (i = r->nsides - 1; i >= 0; i--)
		side_close(r, &r->sides[i]);
	/* a device that failed to open halfway still holds a handle */
	for (i = 0; i < 2; i++)
		if (r->sides[i].dev)
			side_close(r, &r->sides[i]);
	if (r->stage)
		munmap(r->stage, r->stage_size);
	r->stage = NULL;
}

static int run_all(struct run *r)
{
	double t0 = tools_now(), t;

	if (choose_devices(r))
		return r->code;
	r->export_size = round_up(r->o.size, PAGE_4K);
	if (buf_alloc(r, &r->sb, r->src) || buf_alloc(r, &r->db, r->dst))
		return r->code;
	if (stage_setup(r))
		return r->code;
	print_header(r);

	t = tools_now();
	if (phase_fill(r))
		return r->code;
	r->fill.seconds = tools_now() - t;
	r->fill.done = true;

	t = tools_now();
	if (phase_export(r))
		return r->code;
	r->exp.seconds = tools_now() - t;
	r->exp.done = true;

	if (phase_copy(r))
		return r->code;

	t = tools_now();
	if (phase_verify(r))
		return r->code;
	r->verify.seconds = tools_now() - t;
	r->verify.done = true;
	r->total = tools_now() - t0;
	return 0;
}

int p2p_tool_run(int argc, char **argv, FILE *out, FILE *err,
		 const struct p2p_hooks *hooks)
{
	struct run *r = calloc(1, sizeof(*r));
	int rc;

	if (!r) {
		fprintf(err, "hla-p2p-copy: out of memory\n");
		return P2P_EXIT_NO_MEMORY;
	}
	r->out = out;
	r->err = err;
	r->hooks = hooks;
	r->sb.fd = r->db.fd = -1;
	rc = parse_options(r, argc, argv);
	if (rc) {
		free(r);
		return rc < 0 ? P2P_EXIT_OK : rc;
	}
	r->tty = !r->o.json && !r->o.quiet && isatty(fileno(out));

	rc = run_all(r);
	progress_end(r);
	teardown(r);
	if (rc && !r->code)
		rc = fail(r, rc, "failed");
	if (r->o.json)
		print_json(r, r->code);
	else if (!r->code)
		print_text(r);
	if (r->code)
		fprintf(err, "hla-p2p-copy: %s\n", r->msg);
	fflush(out);
	rc = r->code;
	free(r);
	return rc;
}
