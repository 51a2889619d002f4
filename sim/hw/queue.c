/* SPDX-License-Identifier: MIT */
/*
 * Submissions in flight and the device thread that runs them: CS records
 * indexed by sequence number (max_pending slots, as the driver's
 * cs_pending ring), completion, the TDR watchdog of cs_timedout(), and
 * timestamp registrations fired when a kernel CQ counter reaches its
 * target.
 */
#include "hw/hw.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

struct sim_cs *sim_cs_slot(struct sim_ctx *c, uint64_t seq)
{
	return &c->cs[seq & (c->d->max_pending - 1)];
}

void sim_jobs_free(struct sim_job *jobs, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++) {
		struct sim_obj *cb = jobs[i].cb;

		/* hl_complete_job(): a CB destroyed meanwhile goes with its last job */
		if (cb && cb->usage && !--cb->usage)
			sim_obj_maybe_free(cb->ctx, cb);
		if (jobs[i].sub) {
			free(jobs[i].sub->code);
			free(jobs[i].sub);
		}
		free(jobs[i].code);
	}
	free(jobs);
}

void sim_cs_release_jobs(struct sim_cs *r)
{
	sim_jobs_free(r->jobs, r->njobs);
	r->jobs = NULL;
	r->njobs = 0;
}

int sim_cs_new(struct sim_ctx *c, uint32_t flags, uint32_t timeout, struct sim_cs **out)
{
	struct sim_device *d = c->d;
	struct sim_cs *r = sim_cs_slot(c, c->next_seq);
	int64_t tdr = (flags & HLK_CS_FLAGS_CUSTOM_TIMEOUT) ? timeout : d->tdr_s;

	if (r->state == SIM_CS_PENDING || r->state == SIM_CS_RUNNING) {
		d->cs_counters.total_max_cs_in_flight_drop_cnt++;
		d->cs_counters.ctx_max_cs_in_flight_drop_cnt++;
		return -EAGAIN;
	}
	sim_cs_release_jobs(r);
	memset(r, 0, sizeof(*r));
	r->seq = c->next_seq++;
	r->state = SIM_CS_PENDING;
	r->want_ts = flags & HLK_CS_FLAGS_TIMESTAMP;
	r->skip_reset = flags & HLK_CS_FLAGS_SKIP_RESET_ON_TIMEOUT;
	r->deadline = sim_now() + tdr * 1000000000;
	r->nr = sim_faults_cs_submitted(&d->sim->faults);
	if (d->hang_next > 0 || sim_faults_cs_hit(&d->sim->faults, SIM_FAULT_HANG, r->nr)) {
		if (d->hang_next > 0)
			d->hang_next--;
		r->hung = true;
	}
	*out = r;
	return 0;
}

/* the record leaves the pending list and lets go of its buffers */
static void reg_drop(struct sim_ctx *c, struct sim_reg *r)
{
	struct sim_obj *cq = r->cq, *ts = r->ts;

	if (r->prev)
		r->prev->next = r->next;
	else
		c->pending = r->next;
	if (r->next)
		r->next->prev = r->prev;
	memset(r, 0, sizeof(*r));
	cq->holds--;
	ts->holds--;
	sim_obj_maybe_free(c, cq);
	sim_obj_maybe_free(c, ts);
}

/* ts_get_and_handle_kernel_record(): one record per TS buffer element, a
 * record in use is unregistered first, even when the new target is
 * already reached (_hl_interrupt_ts_reg_ioctl() then writes the time at
 * once); a registration holds the TS buffer and the CQ CB */
void sim_reg_add(struct sim_ctx *c, struct sim_obj *ts, uint64_t ts_idx, struct sim_obj *cq,
		 uint64_t idx, uint64_t target)
{
	struct sim_reg *r = &ts->recs[ts_idx];
	uint64_t v;

	if (r->used)
		reg_drop(c, r);
	memcpy(&v, cq->mem + idx * 8, 8);
	if (v >= target) {
		uint64_t now = (uint64_t)sim_now();

		memcpy(ts->mem + ts_idx * 8, &now, 8);
		return;
	}
	cq->holds++;
	ts->holds++;
	*r = (struct sim_reg){ .used = true, .cq = cq, .idx = idx, .target = target,
			       .ts = ts, .ts_idx = ts_idx, .next = c->pending };
	if (c->pending)
		c->pending->prev = r;
	c->pending = r;
}

/* the interrupt handler's walk of the waiters: those reached fire */
void sim_regs_check(struct sim_ctx *c)
{
	struct sim_reg *r = c->pending, *next;

	for (; r; r = next) {
		uint64_t v;

		next = r->next;
		memcpy(&v, r->cq->mem + r->idx * 8, 8);
		if (v >= r->target) {
			uint64_t now = (uint64_t)sim_now();

			memcpy(r->ts->mem + r->ts_idx * 8, &now, 8);
			reg_drop(c, r);
		}
	}
}

void sim_regs_clear(struct sim_ctx *c)
{
	while (c->pending)
		reg_drop(c, c->pending);
}

static void complete(struct sim_ctx *c, struct sim_cs *r, int rc)
{
	struct sim_device *d = c->d;
	struct sim_resv *rv;

	r->rc = rc;
	r->ts = sim_now();
	r->state = SIM_CS_DONE;
	if (!rc && !sim_gaudi2(d) && r->type == HLK_CS_FLAGS_SIGNAL &&
	    r->queue < HLK_GAUDI_QUEUE_ID_SIZE)
		d->sob[r->queue]++;
	sim_cs_release_jobs(r);
	/* cs_do_release(): the first staged CS with encapsulated signals
	 * drops the reservation's reference when it completes */
	rv = r->resv_id ? sim_resv_find(c, r->resv_id) : NULL;
	if (rv)
		sim_resv_free(c, rv);
	r->resv_id = 0;
	sim_regs_check(c);
	if (!rc && sim_faults_cs_hit(&d->sim->faults, SIM_FAULT_HWERR, r->nr)) {
		d->rec.hw_err.timestamp = sim_now();
		d->rec.hw_err.event_id = 1;
		sim_dev_raise(d, HLK_NOTIFIER_EVENT_GENERAL_HW_ERR);
	}
	sim_dev_notify(d);
}

/* ENGINES stall: Gaudi2 PDMA_0 (engine 45) serves queues 0-3, PDMA_1 (46) 4-7 */
static bool stalled(const struct sim_ctx *c, uint32_t q)
{
	return (q < 4 && (c->stalled[0] >> 45 & 1)) || (q >= 4 && q < 8 && (c->stalled[0] >> 46 & 1));
}

/* cs_timedout(): record the CS, complete it, reset unless asked not to */
static bool watchdog(struct sim_ctx *c)
{
	struct sim_device *d = c->d;
	int64_t now = sim_now();

	for (uint64_t seq = c->first_open; seq < c->next_seq; seq++) {
		struct sim_cs *r = sim_cs_slot(c, seq);

		if (r->seq != seq || r->staged_open || now < r->deadline ||
		    (r->state != SIM_CS_PENDING && r->state != SIM_CS_RUNNING))
			continue;
		d->rec.cs_timeout.timestamp = now;
		d->rec.cs_timeout.seq = r->seq;
		/* a reset put off for the user aborts the CS with the others
		 * (force_complete_cs()) */
		if (!r->skip_reset && sim_dev_reset_deferred(d)) {
			complete(c, r, -EIO);
			sim_dev_cond_reset(d, false, HLK_NOTIFIER_EVENT_CS_TIMEOUT |
						     HLK_NOTIFIER_EVENT_DEVICE_RESET);
			return true;
		}
		complete(c, r, -ETIMEDOUT);
		sim_dev_raise(d, HLK_NOTIFIER_EVENT_CS_TIMEOUT);
		if (!r->skip_reset)
			sim_dev_compute_reset(d); /* Gaudi: hard, the holder killed */
		return true; /* the reset may have changed everything */
	}
	return false;
}

#define QWORDS ((HLK_GAUDI2_QUEUE_ID_SIZE + 63) / 64)

static bool busy(const uint64_t *b, uint32_t q)
{
	return b[q / 64] >> (q % 64) & 1;
}

static void set_busy(uint64_t *b, uint32_t q, bool on)
{
	if (on)
		b[q / 64] |= 1ull << (q % 64);
	else
		b[q / 64] &= ~(1ull << (q % 64));
}

/*
 * A Gaudi SIGNAL or WAIT CS has no job of its own: it keeps its queue's
 * order, and a WAIT holds its queue until the SIGNAL it names completed
 * well (the monitor fires on the sync object the signal increments).
 */
static bool sync_blocked(struct sim_ctx *c, const struct sim_cs *r, const uint64_t *q_busy)
{
	const struct sim_cs *s;

	if (r->njobs || (r->type != HLK_CS_FLAGS_SIGNAL && r->type != HLK_CS_FLAGS_WAIT))
		return false;
	if (busy(q_busy, r->queue) || r->hung)
		return true;
	if (!r->wait_seq)
		return false;
	s = sim_cs_slot(c, r->wait_seq);
	return s->seq == r->wait_seq && (s->state != SIM_CS_DONE || s->rc);
}

/*
 * Run the jobs of r that head their queues.  Jobs of one queue run in
 * submission order, jobs of different queues independently: a job waiting
 * on a FENCE holds its queue only.  -1 when the context went away.
 */
static int run_cs(struct sim_ctx *c, struct sim_cs *r, uint64_t *q_busy, bool *moved)
{
	bool all = true;

	if (sync_blocked(c, r, q_busy)) {
		set_busy(q_busy, r->queue, true);
		return 0;
	}
	r->state = SIM_CS_RUNNING;
	for (uint32_t i = 0; i < r->njobs && !r->rc; i++) {
		struct sim_job *j = &r->jobs[i];
		int ret;

		if (j->done)
			continue;
		all = false;
		if (busy(q_busy, j->queue) || r->hung || stalled(c, j->queue)) {
			set_busy(q_busy, j->queue, true);
			continue;
		}
		set_busy(q_busy, j->queue, true);
		c->running = true;
		ret = sim_exec_step(c, j, r);
		c->running = false;
		if (c->dead)
			return -1;
		if (ret == SIM_JOB_DONE) {
			set_busy(q_busy, j->queue, false);
			*moved = true;
		} else if (ret < 0 && !r->rc) {
			r->rc = ret;
		}
	}
	for (uint32_t i = 0; i < r->njobs && all; i++)
		all = r->jobs[i].done;
	if (r->rc || all) {
		complete(c, r, r->rc);
		*moved = true;
	}
	return 0;
}

/* one pass over the CSs in flight, oldest first; -1 when the context went */
static int schedule(struct sim_ctx *c, bool *moved)
{
	uint64_t q_busy[QWORDS] = { 0 };

	*moved = false;
	for (uint64_t seq = c->first_open; seq < c->next_seq; seq++) {
		struct sim_cs *r = sim_cs_slot(c, seq);

		if (r->seq != seq || (r->state != SIM_CS_PENDING && r->state != SIM_CS_RUNNING))
			continue;
		if (r->staged_open) { /* later parts still to come: hold its queues */
			for (uint32_t i = 0; i < r->njobs; i++)
				set_busy(q_busy, r->jobs[i].queue, true);
			continue;
		}
		if (run_cs(c, r, q_busy, moved))
			return -1;
	}
	while (c->first_open < c->next_seq) {
		struct sim_cs *r = sim_cs_slot(c, c->first_open);

		if (r->seq == c->first_open &&
		    (r->state == SIM_CS_PENDING || r->state == SIM_CS_RUNNING))
			break;
		c->first_open++;
	}
	return 0;
}

static void *device_thread(void *arg)
{
	struct sim_device *d = arg;

	pthread_mutex_lock(&d->lock);
	for (;;) {
		struct sim_ctx *c = d->ctx;
		bool moved = false;
		struct timespec ts;
		int64_t t;

		sim_dev_release_watchdog(d);
		if (c && !watchdog(c) && schedule(c, &moved)) {
			sim_ctx_free(c); /* released while a job ran */
			d->ctx_dying = false;
			sim_dev_unback(d);
			continue;
		}
		if (moved || (c && c != d->ctx))
			continue;
		sim_dev_release_check(d);
		t = sim_now() + 20 * 1000000; /* the watchdog's resolution */
		ts.tv_sec = t / 1000000000;
		ts.tv_nsec = t % 1000000000;
		pthread_cond_timedwait(&d->work, &d->lock, &ts);
	}
	return NULL;
}

void sim_queue_start(struct sim_device *d)
{
	pthread_attr_t at;

	if (d->thread_started)
		return;
	pthread_attr_init(&at);
	pthread_attr_setdetachstate(&at, PTHREAD_CREATE_DETACHED);
	if (!pthread_create(&d->thread, &at, device_thread, d))
		d->thread_started = true;
	pthread_attr_destroy(&at);
}
