/* SPDX-License-Identifier: MIT */
/*
 * CS (command_submission.c: hl_cs_ioctl() and the functions it calls):
 * the CS types, validation in the driver's order, Gaudi's external-queue
 * parser, staged submissions, sequence numbers and the EAGAIN slot rule.
 */
#include "ioctl/ioctl.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

void sim_cs_out(union hlk_cs_args *a, int rc, uint64_t seq)
{
	memset(a, 0, sizeof(*a));
	a->out.seq = seq;
	a->out.status = (uint32_t)rc;
}

/* hl_cs_sanity_checks()'s queue rules for each ASIC */
static bool queue_valid(const struct sim_device *d, uint32_t q)
{
	if (q >= d->num_queues)
		return false;
	if (sim_gaudi2(d))
		return q != HLK_GAUDI2_QUEUE_ID_CPU_PQ &&
		       !(q >= HLK_GAUDI2_QUEUE_ID_NIC_0_0 && q < HLK_GAUDI2_QUEUE_ID_ROT_0_0);
	/* the CPU queue is the driver's; NIC queues are disabled upstream */
	return q != HLK_GAUDI_QUEUE_ID_CPU_PQ && q < HLK_GAUDI_QUEUE_ID_NIC_0_0;
}

static bool external(const struct sim_device *d, uint32_t q)
{
	return !sim_gaudi2(d) && q <= HLK_GAUDI_QUEUE_ID_DMA_1_3;
}

/* a CB handle on a Gaudi external queue: parsed, then patched (a copy) */
static int job_external(struct sim_ctx *c, const struct hlk_cs_chunk *ch, struct sim_job *j)
{
	struct sim_device *d = c->d;
	struct sim_obj *o = sim_obj_find(c, ch->cb_handle, SIM_OBJ_CB);
	int ret;

	if (!o || o->destroyed || ch->cb_size < 8 || ch->cb_size > o->len)
		return -EINVAL;
	ret = sim_pkt_check(d, o->mem, ch->cb_size, true);
	if (ret) {
		d->cs_counters.total_parsing_drop_cnt++;
		d->cs_counters.ctx_parsing_drop_cnt++;
		return ret;
	}
	j->code = malloc(ch->cb_size);
	if (!j->code)
		return -ENOMEM;
	memcpy(j->code, o->mem, ch->cb_size);
	j->len = ch->cb_size;
	j->cb = o;
	o->usage++;
	return 0;
}

/*
 * A CB given by device address.  The device runs a snapshot taken now: a
 * CB rewritten later (by the CPU, or by one of its own packets) cannot
 * turn a checked packet stream into one that does not end.
 */
/*
 * gaudi2_cs_parser(), gaudi_parse_cb_no_ext_queue(): a CB given by address
 * is only checked to lie in one of the windows the queues reach (SRAM,
 * DRAM, the device's DRAM and host VA ranges); nothing else is looked at
 */
static bool cb_window(const struct sim_device *d, uint64_t a, uint64_t n)
{
	uint64_t end = a + n;
	bool g2 = sim_gaudi2(d);
	uint64_t host_lo = g2 ? HLK_GAUDI2_HOST_VA_START : HLK_GAUDI_HOST_VA_START;
	uint64_t host_hi = g2 ? HLK_GAUDI2_HOST_VA_END : HLK_GAUDI_HOST_VA_END;
	uint64_t dram_hi = g2 ? 0x1002000000000000ull : d->dram_size;

	if (end < a)
		return false;
	return (a >= d->sram_base && end <= d->sram_base + d->sram_size) ||
	       (a >= d->dram_user_base && end <= dram_hi) || (a >= host_lo && end <= host_hi);
}

static int job_by_address(struct sim_ctx *c, const struct hlk_cs_chunk *ch, struct sim_job *j)
{
	struct sim_span src;
	int ret;

	if (!ch->cb_size || !cb_window(c->d, ch->cb_handle, ch->cb_size))
		return -EFAULT;
	if (!sim_vm_xlate(c, ch->cb_handle, ch->cb_size, &src)) {
		/* nothing mapped there: the queue's fetch faults when it runs */
		j->fault = ch->cb_handle;
		return 0;
	}
	if (src.dram)
		sim_dram_prepare(&c->d->dram, src.dram_off, ch->cb_size);
	j->code = malloc(ch->cb_size);
	if (!j->code)
		return -ENOMEM;
	memcpy(j->code, src.ptr, ch->cb_size);
	j->len = ch->cb_size;
	ret = sim_pkt_check(c->d, j->code, j->len, false);
	if (ret)
		return ret;
	j->cb = sim_vm_cb_at(c, ch->cb_handle);
	if (j->cb)
		j->cb->usage++;
	return 0;
}

/* cs_ioctl_default(): chunks to jobs; *completion if anything completes it */
static int build_jobs(struct sim_ctx *c, const struct hlk_cs_chunk *ch, uint32_t n,
		      struct sim_job **out, bool *completion)
{
	struct sim_device *d = c->d;
	struct sim_job *jobs = calloc(n, sizeof(*jobs));
	int ret = 0;

	if (!jobs)
		return -ENOMEM;
	*completion = false;
	for (uint32_t i = 0; i < n && !ret; i++) {
		uint32_t q = ch[i].queue_index;
		bool user = ch[i].cs_chunk_flags & HLK_CS_CHUNK_FLAGS_USER_ALLOC_CB;

		jobs[i].queue = q;
		if (!queue_valid(d, q) || (sim_gaudi2(d) && !user))
			ret = -EINVAL; /* Gaudi2 H/W queues take user CBs only */
		else if (external(d, q)) /* validate_queue_index(): the flag is
					   * looked at on H/W queues only */
			ret = job_external(c, &ch[i], &jobs[i]);
		else
			ret = job_by_address(c, &ch[i], &jobs[i]);
		if (!ret && (external(d, q) || sim_gaudi2(d)))
			*completion = true;
	}
	if (ret) {
		sim_jobs_free(jobs, n);
		return ret;
	}
	*out = jobs;
	return 0;
}

/* cs_ioctl_engines(): stall or resume engines */
static int cs_engines(struct sim_ctx *c, union hlk_cs_args *a)
{
	uint32_t ids[128], cnt = a->in.num_engines, cmd = a->in.engine_command;

	if (!sim_gaudi2(c->d))
		return -EPERM;
	if (!cnt || cnt > 79 || (cmd != HLK_ENGINE_STALL && cmd != HLK_ENGINE_RESUME))
		return -EINVAL;
	if (sim_copy_from_user(ids, a->in.engines, cnt * 4))
		return -EFAULT;
	for (uint32_t i = 0; i < cnt; i++)
		if (ids[i] >= 79)
			return -EINVAL;
	for (uint32_t i = 0; i < cnt; i++) {
		if (cmd == HLK_ENGINE_STALL)
			c->stalled[ids[i] / 64] |= 1ull << (ids[i] % 64);
		else
			c->stalled[ids[i] / 64] &= ~(1ull << (ids[i] % 64));
	}
	sim_dev_notify(c->d);
	return 0;
}

/* what cs_ioctl_default() is given: the chunk array and the modifiers */
struct cs_req {
	uint64_t chunks;
	uint32_t n;
	uint32_t flags;
	uint32_t timeout;
	uint32_t encaps_id;  /* staged first part with encapsulated signals */
	uint64_t staged_seq; /* later staged parts: the first part's seq */
};

/*
 * The jobs of a default CS: a new record, or more parts of a staged one.
 * hl_hw_queue_schedule_cs() refuses a CS when the device is no longer
 * operational (EPERM), which only a restore phase's wait lets happen.
 */
static int cs_queue(struct sim_ctx *c, const struct cs_req *q, struct sim_cs *staged,
		    struct sim_job *jobs, uint32_t n, bool *copy_back, uint64_t *seq)
{
	bool last = q->flags & HLK_CS_FLAGS_STAGED_SUBMISSION_LAST;
	struct sim_cs *r = staged;
	struct sim_job *all;
	int ret;

	if (!sim_dev_operational(c->d)) {
		c->d->cs_counters.total_device_in_reset_drop_cnt++;
		c->d->cs_counters.ctx_device_in_reset_drop_cnt++;
		sim_jobs_free(jobs, n);
		return -EPERM;
	}
	if (!r) {
		ret = sim_cs_new(c, q->flags, q->timeout, &r);
		if (ret) {
			*copy_back = false;
			sim_jobs_free(jobs, n);
			return ret;
		}
		if ((q->flags & HLK_CS_FLAGS_STAGED_SUBMISSION) &&
		    (q->flags & HLK_CS_FLAGS_ENCAP_SIGNALS))
			r->resv_id = q->encaps_id;
		r->jobs = jobs;
		r->njobs = n;
		r->staged_open = (q->flags & HLK_CS_FLAGS_STAGED_SUBMISSION) && !last;
	} else {
		all = realloc(r->jobs, (r->njobs + n) * sizeof(*all));
		if (!all) {
			sim_jobs_free(jobs, n);
			return -ENOMEM;
		}
		memcpy(all + r->njobs, jobs, n * sizeof(*jobs));
		free(jobs);
		r->jobs = all;
		r->njobs += n;
		if (last)
			r->staged_open = false;
	}
	*seq = r->seq;
	if (sim_faults_cs_hit(&c->d->sim->faults, SIM_FAULT_RESET, r->nr))
		sim_dev_cond_reset(c->d, true, HLK_NOTIFIER_EVENT_DEVICE_RESET);
	sim_dev_notify(c->d);
	return 0;
}

static bool resv_taken(struct sim_ctx *c, uint32_t id)
{
	return sim_resv_find(c, id) != NULL;
}

/* hl_cs_copy_chunk_array() and the jobs built from the chunks */
static int chunks_to_jobs(struct sim_ctx *c, const struct cs_req *q, struct sim_job **jobs,
			  bool *completion)
{
	struct hlk_cs_chunk *chunks;
	int ret;

	if (!q->n || q->n > HLK_MAX_JOBS_PER_CS)
		return -EINVAL;
	chunks = malloc(q->n * sizeof(*chunks));
	if (!chunks)
		return -ENOMEM;
	ret = sim_copy_from_user(chunks, q->chunks, q->n * sizeof(*chunks));
	if (!ret)
		ret = build_jobs(c, chunks, q->n, jobs, completion);
	free(chunks);
	return ret;
}

/* cs_ioctl_default(): *seq the CS's (a staged part's: the first part's) */
static int cs_default(struct sim_ctx *c, const struct cs_req *q, bool *copy_back,
		      uint64_t *seq)
{
	struct sim_device *d = c->d;
	uint32_t flags = q->flags;
	bool staged = flags & HLK_CS_FLAGS_STAGED_SUBMISSION, completion;
	struct sim_cs *r = NULL;
	struct sim_job *jobs;
	int ret;

	if (staged && !(flags & HLK_CS_FLAGS_STAGED_SUBMISSION_FIRST)) {
		r = sim_cs_slot(c, q->staged_seq); /* a later part of a staged submission */
		if (r->seq != q->staged_seq || r->state != SIM_CS_PENDING || !r->staged_open)
			return -EINVAL;
	} else if (staged && (flags & HLK_CS_FLAGS_ENCAP_SIGNALS) &&
		   !resv_taken(c, q->encaps_id)) {
		return -EINVAL; /* cs_ioctl_default(): no such encapsulated-signals handle */
	}
	ret = chunks_to_jobs(c, q, &jobs, &completion);
	if (ret) {
		d->cs_counters.total_validation_drop_cnt++;
		d->cs_counters.ctx_validation_drop_cnt++;
		return ret;
	}
	if (!completion && !(staged && !(flags & HLK_CS_FLAGS_STAGED_SUBMISSION_LAST))) {
		sim_jobs_free(jobs, q->n);
		return -EINVAL; /* internal queues only: nothing would complete it */
	}
	return cs_queue(c, q, r, jobs, q->n, copy_back, seq);
}

/*
 * hl_cs_ctx_switch().  Gaudi and Gaudi2 never switch contexts (the
 * driver's supports_ctx_switch is Goya's alone), so the restore phase runs
 * only when FORCE_RESTORE asks for it, for every CS type: the restore
 * chunks, when there are any, go through cs_ioctl_default() as a CS of
 * their own (same checks, no modifiers, the driver's watchdog), and the
 * execute phase starts once that CS is done.  *seq is then the restore
 * CS's sequence number, which the ioctl reports if nothing replaces it.
 * A restore CS that fails after it was queued fails the ioctl with
 * ENOEXEC; one still running when the wait gives up does not.
 */
static int cs_restore(struct sim_ctx *c, const union hlk_cs_args *a, bool *copy_back,
		      uint64_t *seq)
{
	struct cs_req q = { .chunks = a->in.chunks_restore, .n = a->in.num_chunks_restore };
	int ret;

	if (!(a->in.cs_flags & HLK_CS_FLAGS_FORCE_RESTORE) || !q.n)
		return 0;
	ret = cs_default(c, &q, copy_back, seq);
	if (ret)
		return ret;
	if (sim_cs_restore_wait(c, *seq))
		return -ENOEXEC;
	return 0;
}

/* the types that queue no CS report the restore CS's seq, if one ran */
static int cs_no_cs(struct sim_ctx *c, union hlk_cs_args *a, uint32_t type, uint64_t seq)
{
	bool g2 = sim_gaudi2(c->d);
	int ret;

	switch (type) {
	case HLK_CS_FLAGS_ENGINE_CORE_COMMAND:
		ret = g2 ? -EOPNOTSUPP /* ARC cores are not modelled */ : -EINVAL;
		break;
	case HLK_CS_FLAGS_ENGINES_COMMAND:
		ret = cs_engines(c, a);
		break;
	case HLK_CS_FLAGS_FLUSH_PCI_HBW_WRITES:
		ret = g2 ? 0 /* simulated writes are never posted */ : -EOPNOTSUPP;
		break;
	default: /* HLK_CS_FLAGS_UNRESERVE_SIGNALS_ONLY */
		ret = sim_cs_unreserve(c, a);
		break;
	}
	if (!ret)
		sim_cs_out(a, 0, seq);
	return ret;
}

/*
 * hl_cs_ioctl()'s switch.  *seq is what the ioctl reports on failure: the
 * CS functions start from ULLONG_MAX, a failed RESERVE reports zeros, the
 * others leave the restore phase's value.
 */
static int cs_typed(struct sim_ctx *c, union hlk_cs_args *a, uint32_t type, bool *copy_back,
		    uint64_t *seq)
{
	struct cs_req q = { .chunks = a->in.chunks_execute, .n = a->in.num_chunks_execute,
			    .flags = a->in.cs_flags, .timeout = a->in.timeout,
			    .encaps_id = a->in.encaps_sig_handle_id, .staged_seq = a->in.seq };
	int ret;

	switch (type) {
	case HLK_CS_FLAGS_RESERVE_SIGNALS_ONLY:
		*seq = 0;
		return sim_cs_reserve(c, a);
	case HLK_CS_FLAGS_COLLECTIVE_WAIT:
		*seq = UINT64_MAX;
		/* needs NIC ports, which upstream Gaudi has not */
		return sim_gaudi2(c->d) ? -EOPNOTSUPP : -EINVAL;
	case HLK_CS_FLAGS_SIGNAL:
	case HLK_CS_FLAGS_WAIT:
		*seq = UINT64_MAX;
		return sim_cs_signal_wait(c, a, type, copy_back);
	case 0:
		*seq = UINT64_MAX;
		ret = cs_default(c, &q, copy_back, seq);
		if (!ret)
			sim_cs_out(a, 0, *seq);
		return ret;
	default:
		return cs_no_cs(c, a, type, *seq);
	}
}

/* hl_cs_sanity_checks(): padding, device state, type and chunk count */
static int cs_sanity(struct sim_device *d, union hlk_cs_args *a, uint32_t *type)
{
	uint32_t flags = a->in.cs_flags, n = a->in.num_chunks_execute;

	if (sim_modern(d) && (a->in.pad[0] | a->in.pad[1] | a->in.pad[2] | a->in.pad[3]))
		return -EINVAL;
	if (!sim_modern(d)) /* 6.1 does not know these types and ignores the bits */
		flags &= ~(HLK_CS_FLAGS_ENGINES_COMMAND | HLK_CS_FLAGS_FLUSH_PCI_HBW_WRITES);
	a->in.cs_flags = flags;
	if (!sim_dev_operational(d)) {
		d->cs_counters.total_device_in_reset_drop_cnt++;
		d->cs_counters.ctx_device_in_reset_drop_cnt++;
		return -EBUSY;
	}
	/* the FSE flush of Habana's header: the older published sources take
	 * it for an ordinary submission, which release carries it out is not
	 * known, and the flush is not modelled */
	if (sim_prof(d)->oot && (flags & HLK_CS_FLAGS_FLUSH_HBW_WRITES_FSE))
		return flags & HLK_CS_FLAGS_TYPE_MASK ? -EINVAL : -EOPNOTSUPP;
	if ((flags & HLK_CS_FLAGS_STAGED_SUBMISSION) && sim_gaudi2(d))
		return -EPERM;
	*type = flags & HLK_CS_FLAGS_TYPE_MASK;
	if (*type & (*type - 1))
		return -EINVAL;
	if (!*type && !n)
		return -EINVAL; /* an execute CS with no chunks */
	if ((*type == HLK_CS_FLAGS_SIGNAL || *type == HLK_CS_FLAGS_WAIT ||
	     *type == HLK_CS_FLAGS_COLLECTIVE_WAIT) && n != 1)
		return -EINVAL; /* sync-stream CSs take one chunk */
	return 0;
}

/* hl_cs_ioctl(): the checks, the restore phase, then the CS itself */
static int cs_locked(struct sim_call *call, union hlk_cs_args *a, uint64_t *seq)
{
	struct sim_ctx *c = call->f->ctx;
	uint32_t type;
	int ret;

	ret = cs_sanity(call->f->dev, a, &type);
	if (!ret)
		ret = cs_restore(c, a, &call->copy_back, seq);
	if (!ret)
		ret = cs_typed(c, a, type, &call->copy_back, seq);
	return ret;
}

int sim_ioctl_cs(struct sim_call *call, void *k)
{
	struct sim_device *d = call->f->dev;
	union hlk_cs_args *a = k;
	uint64_t seq = UINT64_MAX;
	int ret;

	pthread_mutex_lock(&d->lock);
	ret = cs_locked(call, a, &seq);
	if (ret && call->copy_back)
		sim_cs_out(a, ret, seq);
	pthread_mutex_unlock(&d->lock);
	return ret;
}
