/* SPDX-License-Identifier: MIT */
/*
 * Devices: the open and release rules of hl_device_open() and
 * hpriv_release(), the compute slot and what holds it, events, reset and
 * the error records the INFO opcodes report.
 */
#include "hw/hw.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

bool sim_dev_operational(const struct sim_device *d)
{
	return d->status == HLK_DEVICE_STATUS_OPERATIONAL ||
	       d->status == HLK_DEVICE_STATUS_IN_DEVICE_CREATION;
}

void sim_dev_notify(struct sim_device *d)
{
	pthread_cond_broadcast(&d->work);
	sim_waitq_wake_all(&d->waiters);
}

void sim_dev_set_status(struct sim_device *d, uint32_t status)
{
	d->status = status;
	if (d->sim->on_status)
		d->sim->on_status(d);
}

/* DRAM and SRAM come into being with the first compute open */
static int back(struct sim_device *d)
{
	int ret;

	if (d->backed)
		return 0;
	ret = sim_dram_init(&d->dram, d->idx, d->dram_size, sim_gaudi2(d) ? d->dram_page : 0);
	if (ret)
		return ret;
	d->sram = sim_real_mmap(NULL, d->sram_size, PROT_READ | PROT_WRITE,
				MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (d->sram == MAP_FAILED) {
		d->sram = NULL;
		return -ENOMEM;
	}
	if (sim_gaudi2(d) && !(d->sm = calloc(1, sizeof(*d->sm))))
		return -ENOMEM;
	d->backed = true;
	return 0;
}

/*
 * The last user is gone (hpriv_release()).  The driver leaves DRAM as it
 * is (memory_scrub is off by default); the simulator gives the backing
 * back instead, so 64 idle devices cost nothing, and a new context starts
 * on zeroed memory, as with memory_scrub=1.
 */
void sim_dev_unback(struct sim_device *d)
{
	if (!d->backed || d->holders || d->ctx || d->aliases)
		return; /* still in use, or a process still maps its memory */
	sim_dram_fini(&d->dram);
	if (d->sram)
		sim_real_munmap(d->sram, d->sram_size);
	d->sram = NULL;
	free(d->sm);
	d->sm = NULL;
	d->backed = false;
}

/* hl_device_open() for the compute node, hl_device_open_ctrl() for control */
static int open_check(struct sim_device *d, bool control)
{
	if (control) {
		if (d->status == HLK_DEVICE_STATUS_MALFUNCTION ||
		    (!sim_modern(d) && !sim_dev_operational(d)))
			return -EPERM;
		return 0;
	}
	sim_dev_release_check(d);
	if (d->status == HLK_DEVICE_STATUS_IN_RESET ||
	    d->status == HLK_DEVICE_STATUS_IN_RESET_AFTER_DEVICE_RELEASE)
		return -EAGAIN;
	if (!sim_dev_operational(d))
		return -EPERM;
	if (d->slot_taken)
		return -EBUSY;
	if (sim_now() < d->release_until)
		return -EAGAIN; /* compute_ctx_in_release */
	return 0;
}

static int open_compute(struct sim_device *d, struct sim_file *f)
{
	int ret;

	/* is_compute_ctx_active, for every process under the launcher */
	d->claim = sim_xproc_claim(&d->sim->xproc, d->idx);
	if (d->claim < 0)
		return d->claim;
	ret = back(d);
	if (!ret) {
		f->ctx = sim_ctx_new(d);
		ret = f->ctx ? 0 : -ENOMEM;
	}
	if (ret) {
		sim_real_close(d->claim);
		d->claim = -1;
		return ret;
	}
	sim_queue_start(d);
	d->ctx = f->ctx;
	d->slot_taken = true;
	d->holders = 1;
	d->open_counter++;
	d->last_open_ns = sim_now();
	return 0;
}

int sim_dev_open(struct sim_device *d, bool control, struct sim_file **out)
{
	struct sim_file *f;
	int ret;

	ret = sim_faults_check(&d->sim->faults, SIM_FAULT_CMD_OPEN, control ? 1 : 0);
	if (ret)
		return -ret;
	f = calloc(1, sizeof(*f));
	if (!f)
		return -ENOMEM;
	atomic_init(&f->refs, 1);
	f->owner = sim_self();
	f->dev = d;
	f->control = control;
	f->eventfd = -1;
	pthread_mutex_lock(&d->lock);
	ret = open_check(d, control);
	if (!ret && !control)
		ret = open_compute(d, f);
	if (ret) {
		pthread_mutex_unlock(&d->lock);
		free(f);
		return ret;
	}
	f->next = d->files;
	d->files = f;
	pthread_mutex_unlock(&d->lock);
	*out = f;
	return 0;
}

struct sim_file *sim_file_foreign(void)
{
	struct sim_file *f = calloc(1, sizeof(*f));

	if (f) {
		atomic_init(&f->refs, 1);
		f->foreign = true;
		f->eventfd = -1;
	}
	return f;
}

bool sim_file_inherited(const struct sim_file *f)
{
	return !f->foreign && !f->control && f->owner != sim_self();
}

void sim_file_get(struct sim_file *f)
{
	atomic_fetch_add(&f->refs, 1);
}

/* hl_device_release() / hl_device_release_ctrl(): the last descriptor went */
void sim_file_put(struct sim_file *f)
{
	struct sim_device *d = f->dev;

	if (atomic_fetch_sub(&f->refs, 1) != 1)
		return;
	if (f->foreign) {
		free(f);
		return;
	}
	pthread_mutex_lock(&d->lock);
	for (struct sim_file **p = &d->files; *p; p = &(*p)->next)
		if (*p == f) {
			*p = f->next;
			break;
		}
	if (f->eventfd >= 0)
		sim_real_close(f->eventfd);
	if (!f->control)
		sim_dev_unhold(d);
	sim_dev_notify(d);
	pthread_mutex_unlock(&d->lock);
	free(f);
}

void sim_dev_hold(struct sim_device *d)
{
	d->holders++;
}

/*
 * The compute reset after a release: 6.1's hpriv_release() runs it before
 * close() returns; later drivers report "in reset after device release"
 * meanwhile (hl_device_status()) and refuse opens with EAGAIN.
 */
static void release_reset(struct sim_device *d)
{
	if (sim_modern(d)) {
		d->release_until = sim_now() + 20 * 1000000;
		sim_dev_set_status(d, HLK_DEVICE_STATUS_IN_RESET_AFTER_DEVICE_RELEASE);
	} else {
		sim_dev_set_status(d, d->status);
	}
}

/* hpriv_release(): the compute file and every dma-buf are gone */
void sim_dev_unhold(struct sim_device *d)
{
	if (--d->holders > 0)
		return;
	d->holders = 0;
	d->slot_taken = false;
	if (d->claim >= 0)
		sim_real_close(d->claim);
	d->claim = -1;
	d->last_close_ns = sim_now();
	if (d->ctx) {
		if (d->ctx->running) {
			d->ctx->dead = true; /* the device thread frees it */
			d->ctx_dying = true;
		}
		else
			sim_ctx_free(d->ctx);
		d->ctx = NULL;
	}
	if (!d->ctx_dying)
		sim_dev_unback(d);
	d->debug_mode = false;
	/* reset_upon_device_release: Gaudi2 resets its engines once the
	 * context is really gone, which it is not while a copy of one of its
	 * dma-bufs lives in another process (hpriv_release() has not run:
	 * an open there still gets EBUSY, not EAGAIN).  A hard reset put off
	 * until now (watchdog_active) runs instead, on either ASIC. */
	if (d->status != HLK_DEVICE_STATUS_OPERATIONAL ||
	    sim_xproc_held(&d->sim->xproc, d->idx))
		return;
	if (d->reset_pending && d->reset_pending_hard) {
		d->reset_pending = d->reset_pending_hard = false;
		d->hard_resets++;
		memset(d->events, 0, d->num_events * sizeof(uint32_t));
		d->release_until = sim_now() + 20 * 1000000;
		sim_dev_set_status(d, d->status);
	} else if (sim_gaudi2(d) || d->reset_pending) {
		d->reset_pending = false;
		d->soft_resets++;
		release_reset(d);
	}
}

void sim_dev_release_check(struct sim_device *d)
{
	if (d->status == HLK_DEVICE_STATUS_IN_RESET_AFTER_DEVICE_RELEASE &&
	    sim_now() >= d->release_until)
		sim_dev_set_status(d, HLK_DEVICE_STATUS_OPERATIONAL);
}

void sim_dev_raise(struct sim_device *d, uint64_t events)
{
	static const uint64_t one = 1;

	/* the 6.1 driver knows bits 0-6 only */
	if (!sim_modern(d))
		events &= 0x7Full;
	if (!events)
		return;
	for (struct sim_file *f = d->files; f; f = f->next) {
		f->events |= events;
		if (f->eventfd >= 0 && sim_real_write(f->eventfd, &one, sizeof(one)) < 0)
			sim_log("eventfd write failed");
	}
}

void sim_dev_reset(struct sim_device *d, bool hard)
{
	sim_dev_set_status(d, HLK_DEVICE_STATUS_IN_RESET);
	if (d->ctx)
		sim_ctx_abort(d->ctx);
	sim_sm_reset(d); /* the driver restores the user sync-manager registers */
	if (hard) {
		d->hard_resets++;
		memset(d->events, 0, d->num_events * sizeof(uint32_t));
	} else {
		d->soft_resets++;
	}
	sim_dev_raise(d, HLK_NOTIFIER_EVENT_DEVICE_RESET);
	sim_dev_set_status(d, HLK_DEVICE_STATUS_OPERATIONAL);
	sim_dev_notify(d);
}

/*
 * A compute reset as hl_device_reset() takes one (no HL_DRV_RESET_HARD):
 * Gaudi has none (gaudi_set_fixed_properties() and gaudi_sw_init() leave
 * supports_compute_reset and allow_inference_soft_reset unset), so the
 * driver resets it hard, and a hard reset kills the process that holds
 * the compute node (device_kill_open_processes()).
 */
static bool compute_reset_is_hard(const struct sim_device *d)
{
	return !sim_gaudi2(d);
}

void sim_dev_compute_reset(struct sim_device *d)
{
	bool hard = compute_reset_is_hard(d);

	sim_dev_reset(d, hard);
	if (hard && d->ctx) {
		sim_log("Gaudi has no compute reset: hard reset, killing the process that "
			"holds device %d", d->idx);
		kill(getpid(), SIGKILL);
	}
}

/* the open compute file of this process, if any */
static struct sim_file *compute_file(struct sim_device *d)
{
	for (struct sim_file *f = d->files; f; f = f->next)
		if (!f->control && !f->foreign && f->owner == sim_self())
			return f;
	return NULL;
}

/*
 * hl_device_cond_reset() of Linux 6.2 and later (the accel interface): when
 * a compute context exists and its file registered an eventfd, or a put-off
 * reset is already pending, the user is told (the events, DEVICE_RESET
 * among them), the waits are aborted (hl_abort_waiting_for_completions():
 * -EIO), new waits get EBUSY (hl_wait_ioctl()), and the reset runs when the
 * device is released, or when the release watchdog
 * (HL_DEVICE_RELEASE_WATCHDOG_TIMEOUT_SEC, 30 s; HLA_SIM_RELEASE_WATCHDOG_MS
 * in tests) fires.  Otherwise, and always on 6.1, the events go out and
 * hl_device_reset() resets now; a hard reset kills the process holding the
 * compute node (device_kill_open_processes()).  On Gaudi every reset is a
 * hard one (compute_reset_is_hard()): put off, it is hard at the release.
 */
bool sim_dev_reset_deferred(struct sim_device *d)
{
	struct sim_file *f = compute_file(d);

	return sim_accel(d) && d->ctx && (d->reset_pending || (f && f->eventfd >= 0));
}

bool sim_dev_cond_reset(struct sim_device *d, bool hard, uint64_t events)
{
	hard |= compute_reset_is_hard(d);
	if (sim_dev_reset_deferred(d)) {
		if (!d->reset_pending)
			d->reset_deadline = sim_now() +
					    d->sim->cfg.release_watchdog_ms * 1000000ll;
		d->reset_pending = true;
		d->reset_pending_hard |= hard;
		sim_dev_raise(d, events | HLK_NOTIFIER_EVENT_DEVICE_RESET);
		sim_ctx_abort(d->ctx);
		sim_dev_notify(d);
		return true;
	}
	events &= ~(uint64_t)HLK_NOTIFIER_EVENT_DEVICE_RESET; /* the reset raises it */
	if (events)
		sim_dev_raise(d, events);
	sim_dev_reset(d, hard);
	if (hard && d->ctx) {
		sim_log("hard reset: killing the process that holds device %d", d->idx);
		kill(getpid(), SIGKILL);
	}
	return false;
}

/*
 * device_release_watchdog_func(): the device was not released in time;
 * the reset runs now and is a hard one whatever was asked for
 * (HL_DRV_RESET_HARD is added), so it kills the process that still holds
 * the compute node, or the dma-bufs that keep it (device_kill_open_processes()).
 */
void sim_dev_release_watchdog(struct sim_device *d)
{
	if (!d->reset_pending || sim_now() < d->reset_deadline)
		return;
	d->reset_pending = d->reset_pending_hard = false;
	sim_dev_reset(d, true);
	if (d->ctx) {
		sim_log("release watchdog: killing the process that holds device %d", d->idx);
		kill(getpid(), SIGKILL);
	}
}

/* an engine touched an unmapped address: the MMU reports it */
void sim_dev_page_fault(struct sim_device *d, uint64_t addr)
{
	d->rec.page_fault.timestamp = sim_now();
	d->rec.page_fault.addr = addr;
	d->rec.razwi.timestamp = d->rec.page_fault.timestamp;
	d->rec.razwi.addr = addr;
	d->rec.razwi.num_of_possible_engines = 1;
	d->rec.razwi.engine_id[0] = sim_gaudi2(d) ? 45 : 0; /* PDMA_0 / DMA_0 */
	d->rec.razwi.flags = HLK_RAZWI_HBW;
	sim_dev_raise(d, HLK_NOTIFIER_EVENT_PAGE_FAULT | HLK_NOTIFIER_EVENT_RAZWI |
				 HLK_NOTIFIER_EVENT_GENERAL_HW_ERR);
}

static void control_hwerr(struct sim_device *d, long long id)
{
	d->rec.hw_err.timestamp = sim_now();
	d->rec.hw_err.event_id = (uint16_t)id;
	if (id >= 0 && (uint64_t)id < d->num_events) {
		d->events[id]++;
		d->events_aggr[id]++;
	}
	sim_dev_raise(d, HLK_NOTIFIER_EVENT_GENERAL_HW_ERR);
}

static void control_razwi(struct sim_device *d, bool page_fault, uint64_t addr)
{
	d->rec.razwi.timestamp = sim_now();
	d->rec.razwi.addr = addr;
	d->rec.razwi.num_of_possible_engines = 1;
	d->rec.razwi.engine_id[0] = 45;
	d->rec.razwi.flags = HLK_RAZWI_WRITE | HLK_RAZWI_HBW;
	if (page_fault) {
		d->rec.page_fault.timestamp = sim_now();
		d->rec.page_fault.addr = addr;
		sim_dev_raise(d, HLK_NOTIFIER_EVENT_PAGE_FAULT);
	} else {
		sim_dev_raise(d, HLK_NOTIFIER_EVENT_RAZWI);
	}
}

int sim_dev_control(struct sim_device *d, const char *what, long long arg)
{
	int ret = 0;

	pthread_mutex_lock(&d->lock);
	if (!strcmp(what, "reset")) {
		sim_dev_compute_reset(d);
	} else if (!strcmp(what, "abort")) {
		/* a test hook with no driver path of its own: what a reset
		 * does to the work in flight, and nothing else */
		if (d->ctx)
			sim_ctx_abort(d->ctx);
		sim_sm_reset(d);
	} else if (!strcmp(what, "hard-reset")) {
		sim_dev_cond_reset(d, true, HLK_NOTIFIER_EVENT_DEVICE_RESET);
	} else if (!strcmp(what, "hwerr")) {
		control_hwerr(d, arg);
	} else if (!strcmp(what, "razwi") || !strcmp(what, "page-fault")) {
		control_razwi(d, what[0] == 'p', (uint64_t)arg);
	} else if (!strcmp(what, "undefined-opcode")) {
		d->rec.undef.timestamp = sim_now();
		d->rec.undef.engine_id = 45;
		sim_dev_raise(d, HLK_NOTIFIER_EVENT_UNDEFINED_OPCODE);
	} else if (!strcmp(what, "status")) {
		if (arg < 0 || arg > HLK_DEVICE_STATUS_LAST)
			ret = -EINVAL;
		else
			sim_dev_set_status(d, (uint32_t)arg);
	} else if (!strcmp(what, "cs-hang")) {
		d->hang_next++;
	} else {
		ret = -EINVAL;
	}
	sim_dev_notify(d);
	pthread_mutex_unlock(&d->lock);
	return ret;
}
