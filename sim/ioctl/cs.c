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

static void cs_out(union hlk_cs_args *a, int rc, uint64_t seq)
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
static int job_by_address(struct sim_ctx *c, const struct hlk_cs_chunk *ch, struct sim_job *j)
{
	struct sim_span src;
	int ret;

	if (!ch->cb_size || !sim_vm_xlate(c, ch->cb_handle, ch->cb_size, &src))
		return -EFAULT;
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
		else if (external(d, q) && !user)
			ret = job_external(c, &ch[i], &jobs[i]);
		else if (external(d, q))
			ret = -EINVAL;
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

/* hl_cs_ctx_switch() aside, the ENGINES command: stall or resume engines */
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
	cs_out(a, 0, UINT64_MAX);
	return 0;
}

/* cs_ioctl_reserve_signals() */
static int cs_reserve(struct sim_ctx *c, union hlk_cs_args *a)
{
	struct sim_device *d = c->d;
	uint32_t q = a->in.encaps_signals_q_idx, cnt = a->in.encaps_signals_count;
	struct sim_resv *rv = NULL;

	if (sim_gaudi2(d))
		return -EOPNOTSUPP;
	if (cnt >= HLK_MAX_SOB_VAL || q > HLK_GAUDI_QUEUE_ID_DMA_1_3)
		return -EINVAL;
	for (int i = 0; i < SIM_MAX_RESV && !rv; i++)
		if (!c->resv[i].used)
			rv = &c->resv[i];
	if (!rv)
		return -ENOMEM;
	rv->used = true;
	rv->id = c->next_resv++;
	rv->queue = q;
	rv->count = cnt;
	rv->sob_at_reserve = d->sob[q];
	d->sob[q] += cnt;
	memset(a, 0, sizeof(*a));
	a->out.handle_id = rv->id;
	a->out.count = d->sob[q];
	a->out.sob_base_addr_offset = q * 8;
	return 0;
}

/* cs_ioctl_unreserve_signals() */
static int cs_unreserve(struct sim_ctx *c, union hlk_cs_args *a)
{
	struct sim_device *d = c->d;

	if (sim_gaudi2(d))
		return -EOPNOTSUPP;
	for (int i = 0; i < SIM_MAX_RESV; i++) {
		struct sim_resv *rv = &c->resv[i];

		if (!rv->used || rv->id != a->in.encaps_sig_handle_id)
			continue;
		if (d->sob[rv->queue] != rv->sob_at_reserve + rv->count)
			return -EINVAL; /* someone signalled since */
		d->sob[rv->queue] = rv->sob_at_reserve;
		rv->used = false;
		cs_out(a, 0, UINT64_MAX);
		return 0;
	}
	return -EINVAL;
}

/* the signal a WAIT CS names: 1 if already signalled, 0 to wait, -errno */
static int wait_target(struct sim_ctx *c, const struct hlk_cs_chunk *ch, uint32_t flags)
{
	struct sim_cs *s;
	uint64_t sig;

	if (flags & HLK_CS_FLAGS_ENCAP_SIGNALS) {
		sig = ch->encaps_signal_seq;
	} else {
		if (ch->num_signal_seq_arr != 1)
			return -EINVAL;
		if (sim_copy_from_user(&sig, ch->signal_seq_arr, 8))
			return -EFAULT;
	}
	if (!sig || sig >= c->next_seq)
		return -EINVAL;
	s = sim_cs_slot(c, sig);
	if (s->seq != sig || s->state == SIM_CS_DONE || s->state == SIM_CS_FREE)
		return 1;
	if (!(flags & HLK_CS_FLAGS_ENCAP_SIGNALS) && s->type != HLK_CS_FLAGS_SIGNAL)
		return -EINVAL;
	return 0;
}

/* cs_ioctl_signal_wait(): Gaudi sync streams on the external queues */
static int cs_signal_wait(struct sim_ctx *c, union hlk_cs_args *a, uint32_t type,
			  bool *copy_back)
{
	struct sim_device *d = c->d;
	struct hlk_cs_chunk ch;
	struct sim_cs *r;
	int ret;

	if (sim_gaudi2(d))
		return -EOPNOTSUPP;
	if (a->in.num_chunks_execute != 1)
		return -EINVAL;
	if (sim_copy_from_user(&ch, a->in.chunks_execute, sizeof(ch)))
		return -EFAULT;
	if (ch.queue_index > HLK_GAUDI_QUEUE_ID_DMA_1_3)
		return -EINVAL;
	if (type == HLK_CS_FLAGS_WAIT) {
		ret = wait_target(c, &ch, a->in.cs_flags);
		if (ret) {
			if (ret > 0)
				cs_out(a, 0, UINT64_MAX); /* nothing to wait for */
			return ret > 0 ? 0 : ret;
		}
	}
	ret = sim_cs_new(c, a->in.cs_flags, a->in.timeout, &r);
	if (ret) {
		*copy_back = false; /* the kernel leaves the arguments alone */
		return ret;
	}
	r->type = type;
	r->queue = ch.queue_index;
	cs_out(a, 0, r->seq);
	a->out.sob_base_addr_offset = ch.queue_index * 8;
	a->out.sob_count_before_submission = (uint16_t)d->sob[ch.queue_index];
	sim_dev_notify(d);
	return 0;
}

/* the jobs of a default CS: a new record, or more parts of a staged one */
static int cs_queue(struct sim_ctx *c, union hlk_cs_args *a, struct sim_cs *staged,
		    struct sim_job *jobs, uint32_t n, bool *copy_back)
{
	uint32_t flags = a->in.cs_flags;
	bool last = flags & HLK_CS_FLAGS_STAGED_SUBMISSION_LAST;
	struct sim_cs *r = staged;
	struct sim_job *all;
	int ret;

	if (!r) {
		ret = sim_cs_new(c, flags, a->in.timeout, &r);
		if (ret) {
			*copy_back = false;
			sim_jobs_free(jobs, n);
			return ret;
		}
		r->jobs = jobs;
		r->njobs = n;
		r->staged_open = (flags & HLK_CS_FLAGS_STAGED_SUBMISSION) && !last;
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
	cs_out(a, 0, r->seq);
	if (sim_faults_cs_hit(&c->d->sim->faults, SIM_FAULT_RESET, r->nr))
		sim_dev_reset(c->d, true);
	sim_dev_notify(c->d);
	return 0;
}

/* cs_ioctl_default() */
static int cs_default(struct sim_ctx *c, union hlk_cs_args *a, bool *copy_back)
{
	struct sim_device *d = c->d;
	uint32_t flags = a->in.cs_flags, n = a->in.num_chunks_execute;
	bool staged = flags & HLK_CS_FLAGS_STAGED_SUBMISSION, completion;
	struct hlk_cs_chunk *chunks;
	struct sim_cs *r = NULL;
	struct sim_job *jobs;
	int ret;

	if (staged && !(flags & HLK_CS_FLAGS_STAGED_SUBMISSION_FIRST)) {
		r = sim_cs_slot(c, a->in.seq); /* a later part of a staged submission */
		if (r->seq != a->in.seq || r->state != SIM_CS_PENDING || !r->staged_open)
			return -EINVAL;
	}
	if (!n || n > HLK_MAX_JOBS_PER_CS)
		return -EINVAL;
	chunks = malloc(n * sizeof(*chunks));
	if (!chunks)
		return -ENOMEM;
	ret = sim_copy_from_user(chunks, a->in.chunks_execute, n * sizeof(*chunks));
	if (!ret)
		ret = build_jobs(c, chunks, n, &jobs, &completion);
	free(chunks);
	if (ret) {
		d->cs_counters.total_validation_drop_cnt++;
		d->cs_counters.ctx_validation_drop_cnt++;
		return ret;
	}
	if (!completion && !(staged && !(flags & HLK_CS_FLAGS_STAGED_SUBMISSION_LAST))) {
		sim_jobs_free(jobs, n);
		return -EINVAL; /* internal queues only: nothing would complete it */
	}
	return cs_queue(c, a, r, jobs, n, copy_back);
}

static int cs_typed(struct sim_ctx *c, union hlk_cs_args *a, uint32_t type, bool *copy_back)
{
	bool g2 = sim_gaudi2(c->d);

	switch (type) {
	case HLK_CS_FLAGS_ENGINE_CORE_COMMAND:
		return g2 ? -EOPNOTSUPP /* ARC cores are not modelled */ : -EINVAL;
	case HLK_CS_FLAGS_ENGINES_COMMAND:
		return cs_engines(c, a);
	case HLK_CS_FLAGS_FLUSH_PCI_HBW_WRITES:
		if (!g2)
			return -EOPNOTSUPP;
		cs_out(a, 0, UINT64_MAX); /* simulated writes are never posted */
		return 0;
	case HLK_CS_FLAGS_RESERVE_SIGNALS_ONLY:
		return cs_reserve(c, a);
	case HLK_CS_FLAGS_UNRESERVE_SIGNALS_ONLY:
		return cs_unreserve(c, a);
	case HLK_CS_FLAGS_COLLECTIVE_WAIT:
		/* needs NIC ports, which upstream Gaudi has not */
		return g2 ? -EOPNOTSUPP : -EINVAL;
	case HLK_CS_FLAGS_SIGNAL:
	case HLK_CS_FLAGS_WAIT:
		return cs_signal_wait(c, a, type, copy_back);
	default:
		return cs_default(c, a, copy_back);
	}
}

/* hl_cs_ioctl(): padding, device state and type checks before anything */
static int cs_locked(struct sim_call *call, union hlk_cs_args *a)
{
	struct sim_device *d = call->f->dev;
	struct sim_ctx *c = call->f->ctx;
	uint32_t flags = a->in.cs_flags, type;

	if (sim_accel(d) && (a->in.pad[0] | a->in.pad[1] | a->in.pad[2] | a->in.pad[3]))
		return -EINVAL;
	if (!sim_accel(d)) /* 6.1 does not know these types and ignores the bits */
		flags &= ~(HLK_CS_FLAGS_ENGINES_COMMAND | HLK_CS_FLAGS_FLUSH_PCI_HBW_WRITES);
	a->in.cs_flags = flags;
	if (!sim_dev_operational(d)) {
		d->cs_counters.total_device_in_reset_drop_cnt++;
		d->cs_counters.ctx_device_in_reset_drop_cnt++;
		return -EBUSY;
	}
	if ((flags & HLK_CS_FLAGS_STAGED_SUBMISSION) && sim_gaudi2(d))
		return -EPERM;
	type = flags & HLK_CS_FLAGS_TYPE_MASK;
	if (type & (type - 1))
		return -EINVAL;
	return cs_typed(c, a, type, &call->copy_back);
}

int sim_ioctl_cs(struct sim_call *call, void *k)
{
	struct sim_device *d = call->f->dev;
	union hlk_cs_args *a = k;
	int ret;

	pthread_mutex_lock(&d->lock);
	ret = cs_locked(call, a);
	if (ret && call->copy_back)
		cs_out(a, ret, UINT64_MAX);
	pthread_mutex_unlock(&d->lock);
	return ret;
}
