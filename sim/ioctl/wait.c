/* SPDX-License-Identifier: MIT */
/*
 * WAIT_CS (command_submission.c: hl_wait_ioctl()): a single CS, several CSs
 * (Gaudi), and user interrupts on a user address or a kernel CQ counter
 * (Gaudi2), with timestamp registration.  Every blocking wait sleeps
 * interruptibly: a signal handler makes it fail with EINTR and leaves the
 * arguments untouched, as the driver turns ERESTARTSYS into EINTR.
 */
#include "ioctl/ioctl.h"

#include <errno.h>
#include <string.h>

/*
 * Sleep until woken or until deadline: 1 to re-check, 0 once the deadline
 * has passed, -EINTR when a signal handler ran.  User memory is re-read at
 * least every 20 ms: nothing tells the simulator it changed.
 */
static int sleep_until(struct sim_device *d, int64_t deadline)
{
	int r;

	if (sim_now() >= deadline)
		return 0;
	r = sim_waitq_sleep(&d->waiters, &d->lock, deadline, 20 * 1000000);
	return r ? r : 1;
}

static int64_t deadline_of(uint64_t us)
{
	if (us >= HLK_WAIT_FOREVER / 1000)
		return INT64_MAX;
	return sim_now() + (int64_t)us * 1000;
}

static void wait_out(union hlk_wait_cs_args *a, uint32_t status, uint32_t flags, int64_t ts,
		     uint32_t map)
{
	memset(a, 0, sizeof(*a));
	a->out.status = status;
	a->out.flags = flags;
	a->out.timestamp_nsec = ts;
	a->out.cs_completion_map = map;
}

/* hl_cs_wait_ioctl(): the status of a finished CS */
static int single_done(const struct sim_cs *r, union hlk_wait_cs_args *a)
{
	if (r->rc == -ETIMEDOUT) {
		wait_out(a, HLK_WAIT_CS_STATUS_TIMEDOUT, 0, 0, 0);
		return -ETIMEDOUT;
	}
	if (r->rc) {
		wait_out(a, HLK_WAIT_CS_STATUS_ABORTED, 0, 0, 0);
		return -EIO;
	}
	wait_out(a, HLK_WAIT_CS_STATUS_COMPLETED,
		 r->want_ts ? HLK_WAIT_CS_STATUS_FLAG_TIMESTAMP_VLD : 0, r->want_ts ? r->ts : 0, 0);
	return 0;
}

static int wait_single(struct sim_ctx *c, union hlk_wait_cs_args *a)
{
	uint64_t seq = a->in.seq;
	int64_t dl = deadline_of(a->in.timeout_us);
	struct sim_cs *r;
	int slept;

	if (!seq || seq >= c->next_seq) {
		wait_out(a, 0, 0, 0, 0);
		return -EINVAL;
	}
	for (;;) {
		r = sim_cs_slot(c, seq);
		if (r->seq != seq) {
			wait_out(a, HLK_WAIT_CS_STATUS_COMPLETED, HLK_WAIT_CS_STATUS_FLAG_GONE, 0, 0);
			return 0;
		}
		if (r->state == SIM_CS_DONE)
			return single_done(r, a);
		slept = sleep_until(c->d, dl);
		if (slept < 0)
			return slept; /* arguments untouched */
		if (!slept) {
			wait_out(a, HLK_WAIT_CS_STATUS_BUSY, 0, 0, 0);
			return 0;
		}
	}
}

/*
 * hl_cs_ctx_switch()'s wait for the restore CS: _hl_cs_wait_ioctl() for the
 * driver's own timeout, restarted when a signal ends the sleep (the driver
 * retries on ERESTARTSYS).  -ETIMEDOUT or -EIO when the CS failed; 0 when it
 * completed, is gone, or is still running when the time is up (a BUSY
 * status is no error there).
 */
int sim_cs_restore_wait(struct sim_ctx *c, uint64_t seq)
{
	int64_t dl = sim_now() + (int64_t)c->d->tdr_s * 1000000000;

	for (;;) {
		struct sim_cs *r = sim_cs_slot(c, seq);

		if (r->seq != seq)
			return 0;
		if (r->state == SIM_CS_DONE)
			return r->rc == -ETIMEDOUT ? -ETIMEDOUT : r->rc ? -EIO : 0;
		if (!sleep_until(c->d, dl))
			return 0;
	}
}

/* hl_cs_poll_fences(): the completion map; *ts the earliest timestamp */
static int multi_poll(struct sim_ctx *c, const uint64_t *seqs, uint32_t n, uint32_t *map,
		      int64_t *ts, bool *any_ts)
{
	*map = 0;
	*any_ts = false;
	for (uint32_t i = 0; i < n; i++) {
		struct sim_cs *r;

		if (!seqs[i] || seqs[i] >= c->next_seq)
			return -EINVAL;
		r = sim_cs_slot(c, seqs[i]);
		if (r->seq != seqs[i]) {
			*map |= 1u << i;
			continue;
		}
		if (r->state != SIM_CS_DONE)
			continue;
		if (r->rc)
			return r->rc;
		*map |= 1u << i;
		if (r->want_ts && (!*any_ts || r->ts < *ts)) {
			*ts = r->ts;
			*any_ts = true;
		}
	}
	return 0;
}

/* hl_multi_cs_wait_ioctl(): Gaudi only (EPERM on Gaudi2), up to 32 CSs */
static int wait_multi(struct sim_ctx *c, union hlk_wait_cs_args *a, bool *copy_back)
{
	uint64_t seqs[HLK_WAIT_MULTI_CS_LIST_MAX_LEN];
	uint32_t n = a->in.seq_arr_len, map;
	int64_t dl = deadline_of(a->in.timeout_us), ts = 0;
	bool any_ts;
	int ret;

	*copy_back = false;
	if (sim_gaudi2(c->d))
		return -EPERM;
	if (!n || n > HLK_WAIT_MULTI_CS_LIST_MAX_LEN)
		return -EINVAL;
	for (int i = 0; sim_modern(c->d) && i < 7; i++)
		if (a->in.pad[i])
			return -EINVAL;
	if (sim_copy_from_user(seqs, a->in.seq, n * 8))
		return -EFAULT;
	for (;;) {
		ret = multi_poll(c, seqs, n, &map, &ts, &any_ts);
		if (ret)
			return ret;
		if (!map) {
			ret = sleep_until(c->d, dl);
			if (ret < 0)
				return ret; /* EINTR */
			if (ret)
				continue;
		}
		*copy_back = true;
		if (!map)
			wait_out(a, HLK_WAIT_CS_STATUS_BUSY, 0, 0, 0);
		else
			wait_out(a, HLK_WAIT_CS_STATUS_COMPLETED,
				 any_ts ? HLK_WAIT_CS_STATUS_FLAG_TIMESTAMP_VLD :
					  HLK_WAIT_CS_STATUS_FLAG_GONE, ts, map);
		return 0;
	}
}

/* hl_interrupt_wait_ioctl(): decoder, user, common CQ and decoder ids */
static bool irq_valid(uint32_t id)
{
	return id < 10 || (id >= 64 && id < 64 + 512) || id == HLK_WAIT_USER_INTERRUPT_ANY_CQ ||
	       id == HLK_WAIT_USER_INTERRUPT_ANY_DEC;
}

/* _hl_interrupt_wait_ioctl() with REGISTER_INTERRUPT: no sleeping */
static int irq_register(struct sim_ctx *c, union hlk_wait_cs_args *a, struct sim_obj *cq,
			uint64_t idx)
{
	struct sim_obj *ts = sim_obj_find(c, a->in.timestamp_handle, SIM_OBJ_TS);

	if (!ts || a->in.timestamp_offset >= ts->size / 8)
		return -EINVAL;
	/* a target already reached is written at once */
	sim_reg_add(c, ts, a->in.timestamp_offset, cq, idx, a->in.target);
	wait_out(a, HLK_WAIT_CS_STATUS_COMPLETED, 0, 0, 0);
	return 0;
}

/* the counter an interrupt wait compares: in a CB, or at a user address */
static int irq_value(struct sim_obj *cq, uint64_t idx, uint64_t addr, uint64_t *v)
{
	if (cq) {
		memcpy(v, cq->mem + idx * 8, 8);
		return 0;
	}
	return sim_copy_from_user(v, addr, 8);
}

static int irq_sleep(struct sim_ctx *c, union hlk_wait_cs_args *a, struct sim_obj *cq,
		     uint64_t idx, bool *copy_back)
{
	int64_t dl = deadline_of(a->in.interrupt_timeout_us);
	unsigned int gen = c->reset_gen;
	uint64_t v;
	int slept;

	for (;;) {
		if (irq_value(cq, idx, a->in.addr, &v)) {
			*copy_back = false;
			return -EFAULT;
		}
		if (v >= a->in.target) {
			wait_out(a, HLK_WAIT_CS_STATUS_COMPLETED,
				 HLK_WAIT_CS_STATUS_FLAG_TIMESTAMP_VLD, sim_now(), 0);
			return 0;
		}
		if (c->reset_gen != gen) { /* a reset aborts the wait */
			if (!cq) {
				wait_out(a, HLK_WAIT_CS_STATUS_ABORTED, 0, 0, 0);
				return 0;
			}
			*copy_back = false;
			return -EIO;
		}
		slept = sleep_until(c->d, dl);
		if (slept < 0)
			return slept; /* EINTR, arguments untouched */
		if (!slept) {
			wait_out(a, HLK_WAIT_CS_STATUS_BUSY, 0, 0, 0);
			return 0;
		}
	}
}

static int wait_irq(struct sim_ctx *c, union hlk_wait_cs_args *a, bool *copy_back)
{
	uint32_t flags = a->in.flags;
	uint32_t id = (flags & HLK_WAIT_CS_FLAGS_INTERRUPT_MASK) >> HLK_WAIT_CS_FLAGS_INTERRUPT_SHIFT;
	struct sim_obj *cq = NULL;
	uint64_t idx = 0;

	if (!sim_gaudi2(c->d))
		return -EPERM; /* no user interrupts */
	if (!irq_valid(id))
		return -EINVAL;
	if (flags & HLK_WAIT_CS_FLAGS_INTERRUPT_KERNEL_CQ) {
		cq = sim_obj_find(c, a->in.cq_counters_handle, SIM_OBJ_CB);
		idx = a->in.cq_counters_offset;
		if (!cq || cq->destroyed || idx >= cq->len / 8)
			return -EINVAL;
		if (flags & HLK_WAIT_CS_FLAGS_REGISTER_INTERRUPT)
			return irq_register(c, a, cq, idx);
	}
	return irq_sleep(c, a, cq, idx, copy_back);
}

int sim_ioctl_wait(struct sim_call *call, void *k)
{
	struct sim_device *d = call->f->dev;
	union hlk_wait_cs_args *a = k;
	int ret;

	pthread_mutex_lock(&d->lock);
	/* hl_wait_ioctl(): nor while a reset waits for the user to release
	 * the device (watchdog_active) */
	if (!sim_dev_operational(d) || d->reset_pending) {
		call->copy_back = false;
		ret = -EBUSY;
	} else if (a->in.flags & HLK_WAIT_CS_FLAGS_INTERRUPT) {
		ret = wait_irq(call->f->ctx, a, &call->copy_back);
	} else if (a->in.flags & HLK_WAIT_CS_FLAGS_MULTI_CS) {
		ret = wait_multi(call->f->ctx, a, &call->copy_back);
	} else {
		ret = wait_single(call->f->ctx, a);
	}
	pthread_mutex_unlock(&d->lock);
	return ret;
}
