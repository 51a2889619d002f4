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
	sim_cs_out(a, 0, UINT64_MAX);
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
		uint32_t resv = a->in.encaps_sig_handle_id;

		ret = sim_cs_new(c, flags, a->in.timeout, &r);
		if (ret) {
			*copy_back = false;
			sim_jobs_free(jobs, n);
			return ret;
		}
		if ((flags & HLK_CS_FLAGS_STAGED_SUBMISSION) && (flags & HLK_CS_FLAGS_ENCAP_SIGNALS))
			r->resv_id = resv;
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
	sim_cs_out(a, 0, r->seq);
	if (sim_faults_cs_hit(&c->d->sim->faults, SIM_FAULT_RESET, r->nr))
		sim_dev_cond_reset(c->d, true, HLK_NOTIFIER_EVENT_DEVICE_RESET);
	sim_dev_notify(c->d);
	return 0;
}

static bool resv_taken(struct sim_ctx *c, uint32_t id)
{
	return sim_resv_find(c, id) != NULL;
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
	} else if (staged && (flags & HLK_CS_FLAGS_ENCAP_SIGNALS) &&
		   !resv_taken(c, a->in.encaps_sig_handle_id)) {
		return -EINVAL; /* cs_ioctl_default(): no such encapsulated-signals handle */
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
		sim_cs_out(a, 0, UINT64_MAX); /* simulated writes are never posted */
		return 0;
	case HLK_CS_FLAGS_RESERVE_SIGNALS_ONLY:
		return sim_cs_reserve(c, a);
	case HLK_CS_FLAGS_UNRESERVE_SIGNALS_ONLY:
		return sim_cs_unreserve(c, a);
	case HLK_CS_FLAGS_COLLECTIVE_WAIT:
		/* needs NIC ports, which upstream Gaudi has not */
		return g2 ? -EOPNOTSUPP : -EINVAL;
	case HLK_CS_FLAGS_SIGNAL:
	case HLK_CS_FLAGS_WAIT:
		return sim_cs_signal_wait(c, a, type, copy_back);
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
		sim_cs_out(a, ret, UINT64_MAX);
	pthread_mutex_unlock(&d->lock);
	return ret;
}
