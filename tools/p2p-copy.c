/* SPDX-License-Identifier: MIT */
/*
 * hla-p2p-copy: copy device memory from one habanalabs device to another
 * through dma-buf, check every byte, and measure the bandwidth.
 *
 *   fill    the source is filled with a seeded counter-based pattern by device
 *           DMA from a pinned host buffer; the destination is cleared with
 *           a DMA memset;
 *   export  source and destination are exported as dma-buf fds and handed
 *           to the importer (mmap, rdma; bounce needs no dma-buf);
 *   copy    the importer moves the bytes: a first (cold) pass, then more
 *           passes (--iterations, or for --duration seconds);
 *   verify  the destination is read back by device DMA and compared.
 *
 * With -a the copy and verify steps run for every power of two between
 * --min-size and --max-size, the destination cleared before each size.
 * With -b a second lane copies the other way at the same time.
 */
#include "p2p-internal.h"

#include <errno.h>
#include <inttypes.h>
#include <linux/dma-buf.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#ifdef P2P_HAVE_RDMA
#include "p2p-rdma.h"
#endif

const char *const p2p_importer_names[3] = { "mmap", "bounce", "rdma" };

/* ---- errors and progress --------------------------------------------- */

/* Records the first failure only; returns its code. */
int p2p_fail(struct run *r, int code, const char *fmt, ...)
{
	va_list ap;

	pthread_mutex_lock(&r->lock);
	if (!r->code) {
		va_start(ap, fmt);
		vsnprintf(r->msg, sizeof(r->msg), fmt, ap);
		va_end(ap);
		r->code = code;
	}
	code = r->code;
	pthread_mutex_unlock(&r->lock);
	return code;
}

/*
 * The copy is done and its figures stand, but a device object could not be
 * released: reported after the figures, with exit status 9.  Only the first
 * failure is kept.
 */
void p2p_release_failed(struct run *r, const struct side *s, const char *what, int rc)
{
	if (!rc)
		return;
	pthread_mutex_lock(&r->lock);
	if (!r->release_code) {
		snprintf(r->release_msg, sizeof(r->release_msg),
			 "cannot release %s on device %u: %s", what, s->index, strerror(-rc));
		r->release_code = P2P_EXIT_DMA;
	}
	pthread_mutex_unlock(&r->lock);
}

void p2p_progress_begin(struct run *r)
{
	r->phase_start = tools_now();
	r->last_draw = 0;
	r->drawn = false;
}

void p2p_progress(struct run *r, const char *phase, uint64_t done, uint64_t total)
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

void p2p_progress_end(struct run *r)
{
	if (r->drawn) {
		fputs("\r\033[K", r->out);
		fflush(r->out);
	}
	r->drawn = false;
}

/* ---- pattern ------------------------------------------------------------ */

/*
 * The pattern is counter based: word k of the stream (bytes 8k..8k+7) is
 * the splitmix64 finalizer of key + k * golden ratio.  No word depends on
 * the one before, so the CPU keeps several in flight and the fill runs
 * near memory speed, where a single xorshift chain made one word per
 * dependent round of shifts.
 */
static void pat_init(struct pattern *p, uint64_t seed)
{
	/* mix the seed so 1, 2, 3 give unrelated streams */
	p->key = (seed ^ 0x9E3779B97F4A7C15ull) * 0xBF58476D1CE4E5B9ull;
	p->next = 0;
	p->npend = 0;
}

static inline uint64_t pat_word(uint64_t key, uint64_t k)
{
	uint64_t z = key + k * 0x9E3779B97F4A7C15ull;

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
	return z ^ (z >> 31);
}

static inline uint64_t pat_next(struct pattern *p)
{
	return pat_word(p->key, p->next++);
}

static void pat_fill(struct pattern *p, uint8_t *dst, uint64_t len)
{
	uint64_t n, i, k0;

	while (len && p->npend) {
		*dst++ = p->pend[8 - p->npend--];
		len--;
	}
	n = len / 8;
	k0 = p->next;
	for (i = 0; i < n; i++) {
		uint64_t w = pat_word(p->key, k0 + i);

		memcpy(dst + i * 8, &w, 8);
	}
	p->next += n;
	dst += n * 8;
	len -= n * 8;
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
		if (__builtin_expect(v != w, 0)) {
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

/* ---- phases -------------------------------------------------------------- */

/* queue the clear of the first len bytes of the destination */
int p2p_clear_destination(struct run *r, struct lane *l, uint64_t len)
{
	uint64_t seq;

	return p2p_side_dma(r, l->dst, CLEAR_PATTERN, l->db.addr, len, HLA_PKT_MEMSET, &seq)
	       ? r->code : 0;
}

/* the pattern into the source, through the staging slots */
int p2p_fill_source(struct run *r, struct lane *l)
{
	struct pattern p;
	uint64_t off, len, seq;
	unsigned int k;

	pat_init(&p, l->seed);
	for (off = 0, k = 0; off < r->max; off += len, k++) {
		unsigned int slot = k % r->nslots;

		len = r->max - off < r->batch ? r->max - off : r->batch;
		if (p2p_slot_wait(r, slot))
			return r->code;
		pat_fill(&p, r->stage + (uint64_t)slot * r->batch, len);
		if (p2p_side_dma(r, l->src, p2p_stage_va(l->src, r, slot), l->sb.addr + off, len,
				 0, &seq))
			return r->code;
		p2p_slot_add(r, slot, l->src, seq);
		p2p_progress(r, "fill", off + len, r->max);
	}
	for (k = 0; k < r->nslots; k++)
		if (p2p_slot_wait(r, k))
			return r->code;
	return p2p_side_drain(r, l->src) ? r->code : 0;
}

/* the source gets the pattern, the destination the clear value */
static int fill_lane(struct run *r, struct lane *l)
{
	/* clear the destination first: it then runs while the source fills */
	if (p2p_clear_destination(r, l, r->max) || p2p_fill_source(r, l))
		return r->code;
	return p2p_side_drain(r, l->dst) ? r->code : 0;
}

/* one phase on every lane in turn, under one progress bar */
static int each_lane(struct run *r, int (*step)(struct run *r, struct lane *l))
{
	p2p_progress_begin(r);
	for (unsigned int i = 0; i < r->nlanes; i++)
		if (step(r, &r->lanes[i]))
			return r->code;
	p2p_progress_end(r);
	return 0;
}

static int phase_fill(struct run *r)
{
	return each_lane(r, fill_lane);
}

/* before the next size: the destination back to the clear value */
static int clear_destinations(struct run *r)
{
	for (unsigned int i = 0; i < r->nlanes; i++) {
		struct lane *l = &r->lanes[i];

		if (p2p_clear_destination(r, l, r->cur) || p2p_side_drain(r, l->dst))
			return r->code;
	}
	return 0;
}

/*
 * A driver that names exported memory by its allocation handle (Linux 6.1
 * as released, for Gaudi2) exports the whole allocation; the buffer is one
 * allocation of its own, so that is the buffer, at least export_size long.
 */
static int export_by_handle(struct run *r, struct dbuf *b, uint32_t flags)
{
	uint64_t size = 0;
	int rc;

	if (b->s->gaudi1 || !(b->s->desc.caps & HLA_CAP_DMABUF_HANDLE))
		return -EOPNOTSUPP;
	rc = hla_mem_export_dmabuf_handle(b->s->dev, b->handle, flags, &b->fd, &size);
	if (!rc && size < r->export_size) {
		close(b->fd);
		rc = -EINVAL;
	}
	return rc;
}

int p2p_export_one(struct run *r, struct dbuf *b, uint32_t flags, const char *what)
{
	HLA_STRUCT_INIT(hla_dmabuf_export, exp);
	int rc;

	exp.flags = flags;
	exp.addr = b->addr;
	exp.size = r->export_size;
	rc = hla_mem_export_dmabuf(b->s->dev, &exp, &b->fd);
	if (rc == -EOPNOTSUPP) {
		int by_handle = export_by_handle(r, b, flags);

		/* the handle form's own refusal says no more than the first */
		if (by_handle != -EOPNOTSUPP)
			rc = by_handle;
	}
	if (!rc)
		return 0;
	b->fd = -1;
	if (rc == -EOPNOTSUPP)
		return p2p_fail(r, P2P_EXIT_EXPORT,
				"dma-buf export of the %s refused by device %u: %s "
				"(this driver cannot export %s memory; try --importer bounce)",
				what, b->s->index, strerror(-rc), tools_asic_name(b->s->asic));
	return p2p_fail(r, P2P_EXIT_EXPORT, "dma-buf export of the %s refused by device %u: %s",
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

static int map_one(struct run *r, struct dbuf *b, int prot, void **out, const char *what)
{
	void *p = mmap(NULL, r->export_size, prot, MAP_SHARED | MAP_POPULATE, b->fd, 0);

	if (p == MAP_FAILED)
		return p2p_fail(r, P2P_EXIT_IMPORTER,
				"mmap of the %s dma-buf refused: %s (the exporter gives no "
				"CPU access; use --importer rdma)", what, strerror(errno));
	*out = p;
	return 0;
}

/*
 * Fault every page of both mappings in now (a read of each source page, a
 * write back of each destination byte read), so that the first copy pass
 * measures copying rather than page faults.
 */
static int touch_maps(struct run *r, struct lane *l)
{
	const volatile uint8_t *src = l->src_map;
	volatile uint8_t *dst = l->dst_map;
	int rc = dmabuf_sync(l->sb.fd, DMA_BUF_SYNC_START | DMA_BUF_SYNC_READ);

	if (!rc)
		rc = dmabuf_sync(l->db.fd, DMA_BUF_SYNC_START | DMA_BUF_SYNC_RW);
	if (rc)
		return p2p_fail(r, P2P_EXIT_IMPORTER, "dma-buf CPU access refused: %s",
				strerror(-rc));
	for (uint64_t off = 0; off < r->export_size; off += PAGE_4K) {
		(void)src[off];
		dst[off] = dst[off];
	}
	rc = dmabuf_sync(l->db.fd, DMA_BUF_SYNC_END | DMA_BUF_SYNC_RW);
	if (!rc)
		rc = dmabuf_sync(l->sb.fd, DMA_BUF_SYNC_END | DMA_BUF_SYNC_READ);
	if (rc)
		return p2p_fail(r, P2P_EXIT_IMPORTER, "ending dma-buf CPU access failed: %s",
				strerror(-rc));
	return 0;
}

static int import_rdma(struct run *r, struct lane *l)
{
#ifdef P2P_HAVE_RDMA
	struct p2p_rdma_opts ro = {
		.device = r->o.ib_dev, .port = r->o.ib_port, .gid_index = r->o.gid_index,
	};
	char msg[200];

	if (p2p_rdma_open(l->sb.fd, l->db.fd, r->export_size, &ro, &l->rdma, msg,
			  sizeof(msg))) {
		l->rdma = NULL;
		return p2p_fail(r, P2P_EXIT_IMPORTER, "rdma importer: %s", msg);
	}
	return 0;
#else
	(void)l;
	return p2p_fail(r, P2P_EXIT_IMPORTER, "the rdma importer is not built in "
			"(libibverbs was not found at build time)");
#endif
}

static int export_lane(struct run *r, struct lane *l)
{
	/* with --procs 2 the source came from the exporter process */
	if ((l->sb.fd < 0 && p2p_export_one(r, &l->sb, HLA_DMABUF_RDONLY, "source")) ||
	    p2p_export_one(r, &l->db, HLA_DMABUF_RDWR, "destination"))
		return r->code;
	if (r->o.importer == IMPORTER_MMAP)
		return map_one(r, &l->sb, PROT_READ, &l->src_map, "source") ||
		       map_one(r, &l->db, PROT_READ | PROT_WRITE, &l->dst_map, "destination") ||
		       touch_maps(r, l) ? r->code : 0;
	return import_rdma(r, l);
}

static int phase_export(struct run *r)
{
	if (r->o.importer == IMPORTER_BOUNCE)
		return 0;
	for (unsigned int i = 0; i < r->nlanes; i++)
		if (export_lane(r, &r->lanes[i]))
			return r->code;
	return 0;
}

static int copy_mmap(struct run *r, struct lane *l)
{
	const uint8_t *src = l->src_map;
	uint8_t *dst = l->dst_map;
	uint64_t off, len;
	int rc;

	rc = dmabuf_sync(l->sb.fd, DMA_BUF_SYNC_START | DMA_BUF_SYNC_READ);
	if (!rc)
		rc = dmabuf_sync(l->db.fd, DMA_BUF_SYNC_START | DMA_BUF_SYNC_WRITE);
	if (rc)
		return p2p_fail(r, P2P_EXIT_IMPORTER, "dma-buf CPU access refused: %s",
				strerror(-rc));
	for (off = 0; off < r->cur; off += len) {
		len = r->cur - off < r->o.chunk ? r->cur - off : r->o.chunk;
		memcpy(dst + off, src + off, (size_t)len);
		if (r->nlanes == 1)
			p2p_progress(r, "copy", off + len, r->cur);
	}
	rc = dmabuf_sync(l->db.fd, DMA_BUF_SYNC_END | DMA_BUF_SYNC_WRITE);
	if (!rc)
		rc = dmabuf_sync(l->sb.fd, DMA_BUF_SYNC_END | DMA_BUF_SYNC_READ);
	if (rc)
		return p2p_fail(r, P2P_EXIT_IMPORTER, "ending dma-buf CPU access failed: %s",
				strerror(-rc));
	return 0;
}

/* the batch k of the current size: its offset and length */
static uint64_t batch_len(const struct run *r, uint64_t k)
{
	uint64_t off = k * r->batch;

	return r->cur - off < r->batch ? r->cur - off : r->batch;
}

/* the second half of a bounce step: batch pk from the host to the destination */
static int bounce_out(struct run *r, struct lane *l, uint64_t pk, uint64_t prev_d2h)
{
	unsigned int pslot = (unsigned int)(pk % r->nslots);
	uint64_t seq;

	/* the bytes must be in host memory before the other device reads */
	if (p2p_side_wait(r, l->src, prev_d2h))
		return r->code;
	if (p2p_side_dma(r, l->dst, p2p_stage_va(l->dst, r, pslot), l->db.addr + pk * r->batch,
			 batch_len(r, pk), 0, &seq))
		return r->code;
	p2p_slot_add(r, pslot, l->dst, seq);
	p2p_progress(r, "copy", pk * r->batch + batch_len(r, pk), r->cur);
	return 0;
}

/*
 * device -> pinned host slot -> device: the source device reads batch k
 * into a slot while the destination device writes batch k-1 from another.
 */
static int copy_bounce(struct run *r, struct lane *l)
{
	uint64_t nb = (r->cur + r->batch - 1) / r->batch, k;
	uint64_t prev_d2h = HLA_SEQ_NONE, d2h = HLA_SEQ_NONE;

	for (k = 0; k <= nb; k++) {
		if (k < nb) {
			unsigned int slot = (unsigned int)(k % r->nslots);

			/* the slot's previous bytes must have left for the destination */
			if (p2p_slot_wait(r, slot))
				return r->code;
			if (p2p_side_dma(r, l->src, l->sb.addr + k * r->batch,
					 p2p_stage_va(l->src, r, slot), batch_len(r, k), 0, &d2h))
				return r->code;
		}
		if (k > 0 && bounce_out(r, l, k - 1, prev_d2h))
			return r->code;
		prev_d2h = d2h;
	}
	for (k = 0; k < r->nslots; k++)
		if (p2p_slot_wait(r, (unsigned int)k))
			return r->code;
	if (p2p_side_drain(r, l->dst) || p2p_side_drain(r, l->src))
		return r->code;
	return 0;
}

static int copy_lane(struct run *r, struct lane *l)
{
	switch (r->o.importer) {
	case IMPORTER_MMAP:
		return copy_mmap(r, l);
	case IMPORTER_BOUNCE:
		return copy_bounce(r, l);
	default:
#ifdef P2P_HAVE_RDMA
	{
		char msg[200];

		if (p2p_rdma_copy(l->rdma, r->cur, r->o.chunk, msg, sizeof(msg)))
			return p2p_fail(r, P2P_EXIT_IMPORTER, "rdma importer: %s", msg);
		return 0;
	}
#else
		return p2p_fail(r, P2P_EXIT_IMPORTER, "the rdma importer is not built in");
#endif
	}
}

/* the second lane's thread, kept for all the passes at one size so a pass
 * costs two barrier waits, not a thread start */
struct lane_worker {
	struct run *r;
	pthread_t thread;
	pthread_barrier_t start, done;
	bool stop;
	int rc;
};

static void *lane_thread(void *arg)
{
	struct lane_worker *w = arg;

	for (;;) {
		pthread_barrier_wait(&w->start);
		if (w->stop)
			return NULL;
		w->rc = copy_lane(w->r, &w->r->lanes[1]);
		pthread_barrier_wait(&w->done);
	}
}

static int worker_start(struct run *r, struct lane_worker *w)
{
	int rc;

	w->r = r;
	w->stop = false;
	pthread_barrier_init(&w->start, NULL, 2);
	pthread_barrier_init(&w->done, NULL, 2);
	rc = pthread_create(&w->thread, NULL, lane_thread, w);
	if (!rc)
		return 0;
	pthread_barrier_destroy(&w->start);
	pthread_barrier_destroy(&w->done);
	return p2p_fail(r, P2P_EXIT_NO_MEMORY, "cannot start a copy thread: %s", strerror(rc));
}

static void worker_stop(struct lane_worker *w)
{
	w->stop = true;
	pthread_barrier_wait(&w->start);
	pthread_join(w->thread, NULL);
	pthread_barrier_destroy(&w->start);
	pthread_barrier_destroy(&w->done);
}

/* one pass: every lane at once (the second one in the worker) */
static int copy_pass(struct run *r, struct lane_worker *w)
{
	int rc;

	if (!w)
		return copy_lane(r, &r->lanes[0]);
	pthread_barrier_wait(&w->start);
	rc = copy_lane(r, &r->lanes[0]);
	pthread_barrier_wait(&w->done);
	return rc ? rc : w->rc;
}

/* enough passes yet?  --duration counts time, else --iterations passes */
static bool passes_done(const struct run *r, const struct result *res, double start)
{
	if (r->o.duration > 0)
		return res->passes >= 2 && tools_now() - start >= r->o.duration;
	return res->passes >= r->o.iterations;
}

static int copy_passes(struct run *r, struct result *res, struct lane_worker *w)
{
	double start = tools_now();

	do {
		double t0 = tools_now(), dt;
		int rc;

		p2p_progress_begin(r);
		rc = copy_pass(r, w);
		p2p_progress_end(r);
		if (rc)
			return rc;
		dt = tools_now() - t0;
		if (!res->passes)
			res->cold = dt;
		else
			res->steady_sum += dt;
		if (!res->passes || dt < res->best)
			res->best = dt;
		res->passes++;
		if (r->hooks && r->hooks->after_copy &&
		    r->hooks->after_copy(r->hooks->priv, r->lanes[0].sb.fd, r->lanes[0].db.fd,
					 r->cur))
			return p2p_fail(r, P2P_EXIT_IMPORTER, "the after-copy hook failed");
	} while (!passes_done(r, res, start));
	return 0;
}

static int phase_copy(struct run *r, struct result *res)
{
	struct lane_worker w;
	int rc;

	if (r->nlanes == 1)
		return copy_passes(r, res, NULL);
	if (worker_start(r, &w))
		return r->code;
	rc = copy_passes(r, res, &w);
	worker_stop(&w);
	return rc;
}

/* read batch k of the destination into its slot */
static int verify_read(struct run *r, struct lane *l, uint64_t k)
{
	unsigned int slot = (unsigned int)(k % r->nslots);
	uint64_t seq;

	if (p2p_slot_wait(r, slot) ||
	    p2p_side_dma(r, l->dst, l->db.addr + k * r->batch, p2p_stage_va(l->dst, r, slot),
			 batch_len(r, k), 0, &seq))
		return r->code;
	p2p_slot_add(r, slot, l->dst, seq);
	return 0;
}

static int mismatch(struct run *r, const struct lane *l)
{
	p2p_progress_end(r);
	r->mismatch = true;
	return p2p_fail(r, P2P_EXIT_MISMATCH,
			"verification failed%s: first mismatch at offset %" PRIu64
			" (0x%" PRIx64 "): expected 0x%02x, read 0x%02x",
			l == &r->lanes[1] ? " (return direction)" : "", r->bad_off, r->bad_off,
			r->bad_exp, r->bad_got);
}

static int verify_lane(struct run *r, struct lane *l)
{
	uint64_t nb = (r->cur + r->batch - 1) / r->batch, k;
	struct pattern p;

	pat_init(&p, l->seed);
	/* batch 0 is read ahead; each step then queues the next one */
	if (verify_read(r, l, 0))
		return r->code;
	for (k = 0; k < nb; k++) {
		unsigned int slot = (unsigned int)(k % r->nslots);

		if (k + 1 < nb && verify_read(r, l, k + 1))
			return r->code;
		if (p2p_slot_wait(r, slot))
			return r->code;
		if (!pat_check(&p, r->stage + (uint64_t)slot * r->batch, batch_len(r, k),
			       k * r->batch, &r->bad_off, &r->bad_exp, &r->bad_got))
			return mismatch(r, l);
		p2p_progress(r, "verify", k * r->batch + batch_len(r, k), r->cur);
	}
	return p2p_side_drain(r, l->dst) ? r->code : 0;
}

static int phase_verify(struct run *r)
{
	return each_lane(r, verify_lane);
}

/* ---- main flow ------------------------------------------------------------- */

/* a --src/--dst selector against the list: the index, or a failure code */
static int find_side(struct run *r, const char *sel, const char *what,
		     const struct hla_device_desc *descs, uint32_t count, unsigned int *index)
{
	int idx = tools_find_device(sel, descs, count);

	if (idx < 0)
		return p2p_fail(r, P2P_EXIT_NO_SUCH_DEVICE,
				"%s device %s not found (%u device%s present)", what, sel, count,
				count == 1 ? "" : "s");
	*index = (unsigned int)idx;
	return 0;
}

/* the source and destination indexes, or a failure code */
static int pick_indexes(struct run *r, const struct hla_device_desc *descs, uint32_t count,
			unsigned int *src, unsigned int *dst)
{
	*src = 0;
	if (r->o.src && find_side(r, r->o.src, "source", descs, count, src))
		return r->code;
	if (r->o.dst)
		return find_side(r, r->o.dst, "destination", descs, count, dst);
	if (count == 1) {
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
	if (p2p_side_open(r, &r->sides[0], list, src))
		return r->code;
	r->nsides = 1;
	r->src = &r->sides[0];
	if (r->one_device) {
		r->dst = r->src;
		return 0;
	}
	r->nsides = 2;
	if (p2p_side_open(r, &r->sides[1], list, dst))
		return r->code;
	r->dst = &r->sides[1];
	return 0;
}

/* describe the list and pick the two devices */
int p2p_pick_devices(struct run *r, const struct hla_devlist *list, uint32_t count,
		     unsigned int *src, unsigned int *dst)
{
	struct hla_device_desc *descs = calloc(count, sizeof(*descs));
	int rc;

	if (!descs)
		return p2p_fail(r, P2P_EXIT_NO_MEMORY, "out of memory");
	for (uint32_t i = 0; i < count; i++) {
		descs[i].sz = sizeof(descs[i]);
		if (hla_devlist_describe(list, i, &descs[i]))
			descs[i].valid = 0; /* found by its index only */
	}
	rc = pick_indexes(r, descs, count, src, dst);
	free(descs);
	return rc;
}

/* one snapshot of the devices: the indexes name the same devices throughout */
int p2p_list_devices(struct run *r, struct hla_devlist **list, uint32_t *count)
{
	int rc = hla_devlist_create(0, list);

	*count = 0;
	if (!rc)
		rc = hla_devlist_count(*list, count);
	if (rc == -EACCES)
		rc = p2p_fail(r, P2P_EXIT_PERMISSION, "permission denied while looking for devices");
	else if (rc && rc != -ENOENT && rc != -ENODEV)
		rc = p2p_fail(r, P2P_EXIT_NO_DEVICE, "cannot enumerate devices: %s",
			      strerror(-rc));
	else if (rc || *count == 0)
		rc = p2p_fail(r, P2P_EXIT_NO_DEVICE, "no habanalabs device found");
	if (rc) {
		hla_devlist_destroy(*list);
		*list = NULL;
	}
	return rc;
}

static int choose_devices(struct run *r)
{
	struct hla_devlist *list = NULL;
	unsigned int src = 0, dst = 0;
	uint32_t count;
	int rc = p2p_list_devices(r, &list, &count);

	if (rc)
		return rc;
	rc = p2p_pick_devices(r, list, count, &src, &dst);
	if (!rc)
		rc = open_sides(r, list, src, dst);
	hla_devlist_destroy(list);
	return rc;
}

/* the lanes: source to destination, and with -b the way back */
static int alloc_lanes(struct run *r)
{
	r->nlanes = r->o.bidir ? 2 : 1;
	for (unsigned int i = 0; i < r->nlanes; i++) {
		struct lane *l = &r->lanes[i];

		l->src = i ? r->dst : r->src;
		l->dst = i ? r->src : r->dst;
		l->seed = r->o.seed + i;
		if (p2p_buf_alloc(r, &l->sb, l->src) || p2p_buf_alloc(r, &l->db, l->dst))
			return r->code;
	}
	return 0;
}

static void lane_release(struct lane *l, uint64_t size)
{
#ifdef P2P_HAVE_RDMA
	p2p_rdma_close(l->rdma);
#endif
	l->rdma = NULL;
	if (l->src_map)
		munmap(l->src_map, size);
	if (l->dst_map)
		munmap(l->dst_map, size);
	l->src_map = l->dst_map = NULL;
	/* release the dma-bufs before unmapping/freeing what they pin */
	p2p_buf_close_fd(&l->sb);
	p2p_buf_close_fd(&l->db);
}

void p2p_teardown(struct run *r)
{
	int i;

	for (i = 0; i < MAX_LANES; i++)
		lane_release(&r->lanes[i], r->export_size);
	for (i = 0; i < r->nsides; i++)
		p2p_side_drain(r, &r->sides[i]);
	for (i = MAX_LANES - 1; i >= 0; i--) {
		p2p_buf_free(r, &r->lanes[i].db);
		p2p_buf_free(r, &r->lanes[i].sb);
	}
	for (i = r->nsides - 1; i >= 0; i--)
		p2p_side_close(r, &r->sides[i]);
	/* a device that failed to open halfway still holds a handle */
	for (i = 0; i < 2; i++)
		if (r->sides[i].dev)
			p2p_side_close(r, &r->sides[i]);
	if (r->stage)
		munmap(r->stage, r->stage_size);
	r->stage = NULL;
}

/* the sizes to copy: --size, or with -a the powers of two in the range */
void p2p_plan_sizes(struct run *r)
{
	uint64_t s = 1;

	if (!r->o.sweep) {
		r->results[r->nresults++].size = r->o.size;
		return;
	}
	while (s < r->o.min_size)
		s <<= 1;
	for (; s <= r->o.max_size && r->nresults < MAX_SIZES; s <<= 1) {
		r->results[r->nresults++].size = s;
		if (s > UINT64_MAX / 2)
			break;
	}
}

static int setup(struct run *r)
{
	if (choose_devices(r))
		return r->code;
	p2p_plan_sizes(r);
	r->max = r->results[r->nresults - 1].size;
	r->export_size = p2p_round_up(r->max, PAGE_4K);
	if (alloc_lanes(r) || p2p_stage_setup(r))
		return r->code;
	return 0;
}

/* copy and verify at each size */
static int sweep(struct run *r)
{
	for (unsigned int i = 0; i < r->nresults; i++) {
		struct result *res = &r->results[i];
		double t;

		r->cur = res->size;
		if (i && clear_destinations(r))
			return r->code;
		if (phase_copy(r, res))
			return r->code;
		t = tools_now();
		if (phase_verify(r))
			return r->code;
		r->verify.seconds += tools_now() - t;
		res->verified = true;
	}
	r->verify.done = true;
	return 0;
}

/* run a phase and note its time */
static int timed(struct run *r, int (*phase)(struct run *), struct phase_time *pt)
{
	double t = tools_now();

	if (phase(r))
		return r->code;
	pt->seconds = tools_now() - t;
	pt->done = true;
	return 0;
}

static int run_all(struct run *r)
{
	double t0 = tools_now();

	bool two = r->o.procs == 2;

	if (two ? p2p_procs_setup(r) : setup(r))
		return r->code;
	p2p_print_header(r);
	if ((two ? p2p_procs_fill(r) : timed(r, phase_fill, &r->fill)) ||
	    timed(r, phase_export, &r->exp))
		return r->code;
	r->exp.seconds += r->peer_export;
	if (sweep(r))
		return r->code;
	r->total = tools_now() - t0;
	return 0;
}

static struct run *run_new(FILE *out, FILE *err, const struct p2p_hooks *hooks)
{
	struct run *r = calloc(1, sizeof(*r));

	if (!r)
		return NULL;
	r->out = out;
	r->err = err;
	r->hooks = hooks;
	r->peer_sock = -1;
	pthread_mutex_init(&r->lock, NULL);
	for (unsigned int i = 0; i < MAX_LANES; i++)
		r->lanes[i].sb.fd = r->lanes[i].db.fd = -1;
	return r;
}

static int run_finish(struct run *r)
{
	int rc = r->code;

	if (!rc)
		p2p_print_text(r);
	if (p2p_write_reports(r) && !rc)
		rc = r->code;
	if (rc)
		fprintf(r->err, "hla-p2p-copy: %s\n", r->msg);
	else if (r->release_code)
		fprintf(r->err, "hla-p2p-copy: %s\n", r->release_msg);
	if (!rc)
		rc = r->release_code;
	fflush(r->out);
	pthread_mutex_destroy(&r->lock);
	free(r);
	return rc;
}

int p2p_tool_run(int argc, char **argv, FILE *out, FILE *err,
		 const struct p2p_hooks *hooks)
{
	struct run *r = run_new(out, err, hooks);
	int rc;

	if (!r) {
		fprintf(err, "hla-p2p-copy: out of memory\n");
		return P2P_EXIT_NO_MEMORY;
	}
	rc = p2p_parse_options(r, argc, argv);
	if (rc) {
		pthread_mutex_destroy(&r->lock);
		free(r);
		return rc < 0 ? P2P_EXIT_OK : rc;
	}
	r->tty = !r->o.json && !r->o.quiet && isatty(fileno(out));
	if (run_all(r) && !r->code)
		p2p_fail(r, P2P_EXIT_DMA, "failed");
	p2p_progress_end(r);
	p2p_teardown(r);
	p2p_procs_finish(r);
	return run_finish(r);
}
