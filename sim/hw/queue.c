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
		if (jobs[i].cb && jobs[i].cb->usage)
			jobs[i].cb->usage--;
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

void sim_regs_check(struct sim_ctx *c)
{
	for (int i = 0; i < SIM_MAX_REGS; i++) {
		struct sim_reg *r = &c->regs[i];
		uint64_t v;

		if (!r->used)
			continue;
		memcpy(&v, r->cq->mem + r->idx * 8, 8);
		if (v >= r->target) {
			uint64_t now = (uint64_t)sim_now();

			memcpy(r->ts->mem + r->ts_idx * 8, &now, 8);
			r->used = false;
		}
	}
}

static void complete(struct sim_ctx *c, struct sim_cs *r, int rc)
{
	struct sim_device *d = c->d;

	r->rc = rc;
	r->ts = sim_now();
	r->state = SIM_CS_DONE;
	if (!rc && r->type == HLK_CS_FLAGS_SIGNAL && r->queue < HLK_GAUDI_QUEUE_ID_SIZE)
		d->sob[r->queue]++;
	sim_cs_release_jobs(r);
	for (int i = 0; i < SIM_MAX_OBJS; i++)
		if (c->objs[i].used && c->objs[i].destroyed)
			sim_obj_maybe_free(c, &c->objs[i]);
	sim_regs_check(c);
	if (!rc && sim_faults_cs_hit(&d->sim->faults, SIM_FAULT_HWERR, r->nr)) {
		d->rec.hw_err.timestamp = sim_now();
		d->rec.hw_err.event_id = 1;
		sim_dev_raise(d, HLK_NOTIFIER_EVENT_GENERAL_HW_ERR);
	}
	sim_dev_notify(d);
}

static bool queue_stalled(const struct sim_ctx *c, const struct sim_cs *r)
{
	/* Gaudi2 PDMA_0 (engine 45) serves queues 0-3, PDMA_1 (46) queues 4-7 */
	for (uint32_t i = 0; i < r->njobs; i++) {
		uint32_t q = r->jobs[i].queue;

		if (q < 4 && (c->stalled[0] >> 45 & 1))
			return true;
		if (q >= 4 && q < 8 && (c->stalled[0] >> 46 & 1))
			return true;
	}
	return false;
}

/* cs_timedout(): record the CS, complete it, reset unless asked not to */
static bool watchdog(struct sim_ctx *c)
{
	struct sim_device *d = c->d;
	int64_t now = sim_now();

	for (uint32_t i = 0; i < d->max_pending; i++) {
		struct sim_cs *r = &c->cs[i];

		if (r->state != SIM_CS_PENDING || r->staged_open || now < r->deadline)
			continue;
		d->rec.cs_timeout.timestamp = now;
		d->rec.cs_timeout.seq = r->seq;
		complete(c, r, -ETIMEDOUT);
		sim_dev_raise(d, HLK_NOTIFIER_EVENT_CS_TIMEOUT);
		if (!r->skip_reset)
			sim_dev_reset(d, false);
		return true; /* the reset may have changed everything */
	}
	return false;
}

static struct sim_cs *next_cs(struct sim_ctx *c)
{
	struct sim_cs *next = NULL;

	for (uint32_t i = 0; i < c->d->max_pending; i++) {
		struct sim_cs *r = &c->cs[i];

		if (r->state == SIM_CS_PENDING && !r->hung && !r->staged_open &&
		    !queue_stalled(c, r) && (!next || r->seq < next->seq))
			next = r;
	}
	return next;
}

/* run r with the lock dropped around data movement; the context may go */
static void run(struct sim_device *d, struct sim_ctx *c, struct sim_cs *r)
{
	int rc = 0;

	r->state = SIM_CS_RUNNING;
	c->running = true;
	for (uint32_t i = 0; i < r->njobs && !rc && !r->rc && !c->dead; i++)
		rc = sim_exec_job(c, &r->jobs[i]);
	c->running = false;
	if (c->dead) {
		sim_ctx_free(c);
		d->ctx_dying = false;
		sim_dev_unback(d);
		return;
	}
	complete(c, r, r->rc ? r->rc : rc); /* an abort (reset) wins */
}

static void *device_thread(void *arg)
{
	struct sim_device *d = arg;

	pthread_mutex_lock(&d->lock);
	for (;;) {
		struct sim_ctx *c = d->ctx;
		struct sim_cs *next = NULL;
		struct timespec ts;
		int64_t t;

		if (c && !watchdog(c))
			next = next_cs(c);
		if (next) {
			run(d, c, next);
			continue;
		}
		if (c && c != d->ctx)
			continue;
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
