/* SPDX-License-Identifier: MIT */
/*
 * The sync-stream CS types (command_submission.c: cs_ioctl_signal_wait(),
 * cs_ioctl_reserve_signals(), cs_ioctl_unreserve_signals(); hw_queue.c:
 * init_signal_cs(), init_wait_cs()).
 *
 * Gaudi: one sync object per external-queue stream, counted by the
 * device when a SIGNAL CS completes.  Gaudi2: every queue but the NIC and
 * CPU queues has two reserved SOBs and a reserved monitor; a SIGNAL CS
 * runs the driver's one-packet CB adding 1 to the queue's current SOB, a
 * WAIT CS the driver's CB arming the queue's monitor on the signal's SOB
 * value with a FENCE behind it, both on the sync manager model
 * (hw/sync.c).  The queue's fence registers must be modelled for a WAIT
 * to be built (PDMA0, queues 0-3); any other queue is refused with
 * EOPNOTSUPP.
 */
#include "ioctl/ioctl.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* cs_ioctl_reserve_signals() */
int sim_cs_reserve(struct sim_ctx *c, union hlk_cs_args *a)
{
	struct sim_device *d = c->d;
	uint32_t q = a->in.encaps_signals_q_idx, cnt = a->in.encaps_signals_count, next;
	bool g2 = sim_gaudi2(d);
	struct sim_resv *rv;
	int ret;

	if (cnt >= HLK_MAX_SOB_VAL)
		return -EINVAL;
	if (g2 ? q >= HLK_GAUDI2_QUEUE_ID_SIZE || !sim_ss_queue(q)
	       : q > HLK_GAUDI_QUEUE_ID_DMA_1_3)
		return -EINVAL;
	ret = sim_resv_new(c, &rv);
	if (ret)
		return ret;
	rv->queue = q;
	rv->count = cnt;
	if (g2) {
		rv->sob = sim_ss_advance(d, q, cnt, true, &next);
		rv->sob_at_reserve = next - cnt;
	} else {
		rv->sob_at_reserve = d->sob[q];
		d->sob[q] += cnt;
		next = d->sob[q];
	}
	memset(a, 0, sizeof(*a));
	a->out.handle_id = rv->id;
	a->out.count = next;
	a->out.sob_base_addr_offset = g2 ? 0 : q * 8; /* gaudi2_get_sob_addr() is 0 */
	return 0;
}

/* cs_ioctl_unreserve_signals(): only while nothing signalled since; the
 * caller reports the result */
int sim_cs_unreserve(struct sim_ctx *c, union hlk_cs_args *a)
{
	struct sim_device *d = c->d;
	struct sim_resv *rv = sim_resv_find(c, a->in.encaps_sig_handle_id);

	if (!rv)
		return -EINVAL;
	if (sim_gaudi2(d)) {
		if (rv->sob_at_reserve + rv->count != sim_ss_next(d, rv->queue) ||
		    rv->sob != sim_ss_sob(d, rv->queue))
			return -EINVAL;
		sim_ss_retreat(d, rv->queue, rv->count);
	} else {
		if (d->sob[rv->queue] != rv->sob_at_reserve + rv->count)
			return -EINVAL;
		d->sob[rv->queue] = rv->sob_at_reserve;
	}
	sim_resv_free(c, rv);
	return 0;
}

/*
 * The SIGNAL CS a WAIT names: 1 if there is nothing to wait for (gone,
 * completed, or on Gaudi2 an encapsulated-signals handle no CS took, as
 * only staged CSs take one and Gaudi2 has no staged submission), 0 with
 * *sig set to wait, -errno.
 */
static int wait_target(struct sim_ctx *c, const struct hlk_cs_chunk *ch, uint32_t flags,
		       struct sim_cs **sig)
{
	bool encaps = flags & HLK_CS_FLAGS_ENCAP_SIGNALS;
	struct sim_cs *s;
	uint64_t seq;

	if (encaps && sim_gaudi2(c->d))
		return 1;
	if (encaps) {
		seq = ch->encaps_signal_seq;
	} else {
		if (ch->num_signal_seq_arr != 1)
			return -EINVAL;
		if (sim_copy_from_user(&seq, ch->signal_seq_arr, 8))
			return -EFAULT;
	}
	if (!seq || seq >= c->next_seq)
		return -EINVAL; /* hl_ctx_get_fence(): a future sequence */
	s = sim_cs_slot(c, seq);
	if (s->seq != seq || s->state == SIM_CS_FREE)
		return 1; /* the fence is gone */
	if (!encaps && s->type != HLK_CS_FLAGS_SIGNAL)
		return -EINVAL;
	if (s->state == SIM_CS_DONE)
		return 1;
	*sig = s;
	return 0;
}

/* the CB the driver builds for a SIGNAL or WAIT, as the CS's only job */
static int kernel_cb(struct sim_ctx *c, uint32_t q, uint32_t type, const struct sim_cs *sig,
		     struct sim_job **out)
{
	struct sim_job *j = calloc(1, sizeof(*j));
	uint8_t *code = malloc(SIM_SS_WAIT_LEN);

	if (!j || !code) {
		free(j);
		free(code);
		return -ENOMEM;
	}
	j->queue = q;
	j->code = code;
	if (type == HLK_CS_FLAGS_SIGNAL)
		j->len = sim_ss_gen_signal(code, sim_ss_sob(c->d, q));
	else
		j->len = sim_ss_gen_wait(code, q, sig->sob, sig->sob_val);
	*out = j;
	return 0;
}

/* the queue of a SIGNAL or WAIT chunk, or -errno */
static int sync_queue(struct sim_device *d, const struct hlk_cs_chunk *ch)
{
	if (sim_gaudi2(d))
		return ch->queue_index < HLK_GAUDI2_QUEUE_ID_SIZE && sim_ss_queue(ch->queue_index)
			       ? (int)ch->queue_index
			       : -EINVAL;
	return ch->queue_index <= HLK_GAUDI_QUEUE_ID_DMA_1_3 ? (int)ch->queue_index : -EINVAL;
}

/* the new CS record: Gaudi2 runs the driver's CB, Gaudi counts at completion */
static int submit(struct sim_ctx *c, union hlk_cs_args *a, uint32_t type, uint32_t q,
		  const struct sim_cs *sig, bool *copy_back)
{
	struct sim_device *d = c->d;
	struct sim_job *j = NULL;
	uint32_t next = 0;
	struct sim_cs *r;
	int ret;

	if (!sim_dev_operational(d)) { /* hl_hw_queue_schedule_cs(), after a restore phase */
		d->cs_counters.total_device_in_reset_drop_cnt++;
		d->cs_counters.ctx_device_in_reset_drop_cnt++;
		return -EPERM;
	}
	if (sim_gaudi2(d) && (ret = kernel_cb(c, q, type, sig, &j)))
		return ret;
	ret = sim_cs_new(c, a->in.cs_flags, a->in.timeout, &r);
	if (ret) {
		if (j)
			sim_jobs_free(j, 1);
		*copy_back = false; /* the kernel leaves the arguments alone */
		return ret;
	}
	r->type = type;
	r->queue = q;
	if (sig && !sim_gaudi2(d))
		r->wait_seq = sig->seq;
	if (j) {
		r->jobs = j;
		r->njobs = 1;
	}
	if (sim_gaudi2(d) && type == HLK_CS_FLAGS_SIGNAL) {
		r->sob = sim_ss_sob(d, q);
		r->sob_val = sim_ss_next(d, q);
		sim_ss_advance(d, q, 1, false, &next);
	}
	sim_cs_out(a, 0, r->seq);
	if (type == HLK_CS_FLAGS_SIGNAL) {
		a->out.sob_base_addr_offset = sim_gaudi2(d) ? 0 : q * 8;
		a->out.sob_count_before_submission =
			(uint16_t)(sim_gaudi2(d) ? next - 1 : d->sob[q]);
	}
	sim_dev_notify(d);
	return 0;
}

/* cs_ioctl_signal_wait(); hl_cs_sanity_checks() saw the one chunk */
int sim_cs_signal_wait(struct sim_ctx *c, union hlk_cs_args *a, uint32_t type, bool *copy_back)
{
	struct sim_device *d = c->d;
	struct sim_cs *sig = NULL;
	struct hlk_cs_chunk ch;
	int q, ret;

	if (sim_copy_from_user(&ch, a->in.chunks_execute, sizeof(ch)))
		return -EFAULT;
	q = sync_queue(d, &ch);
	if (q < 0)
		return q;
	if (type == HLK_CS_FLAGS_WAIT) {
		ret = wait_target(c, &ch, a->in.cs_flags, &sig);
		if (ret) {
			if (ret > 0)
				sim_cs_out(a, 0, UINT64_MAX); /* nothing to wait for */
			return ret > 0 ? 0 : ret;
		}
		if (sim_gaudi2(d) && q > 3)
			return -EOPNOTSUPP; /* fence registers of this queue not modelled */
	}
	return submit(c, a, type, (uint32_t)q, sig, copy_back);
}
