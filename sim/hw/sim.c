/* SPDX-License-Identifier: MIT */
/*
 * The simulator as a whole: devices laid out like 8-card servers.  Device
 * i is card i % 8 of server i / 8; the server is the PCI domain, so bus
 * ids stay unique for 64 devices, and module ids repeat per server as the
 * OAM slot numbers of a real 8-card system do.
 */
#include "hw/hw.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/sysmacros.h>

#define CARDS_PER_SERVER 8

/*
 * gaudi2_set_dram_properties(): 16 GiB per functional HBM, and a DRAM page
 * of 16 x 8 MiB per functional HBM (the x16 works around the TLB); the
 * driver binns one of the six HBMs by default (5 functional: 640 MiB
 * pages, 80 GiB), a card with all six has 768 MiB pages and 96 GiB.
 * Gaudi (gaudi_set_fixed_properties()): 32 GiB of HBM in 2 MiB pages.
 * Gaudi3 is given its 128 GiB; only its identity is modelled.
 */
static unsigned int gaudi2_hbms(const struct sim_config *cfg)
{
	return cfg->dram >= 6 * (16ull << 30) ? 6 : 5;
}

uint64_t sim_dram_page(const struct sim_config *cfg)
{
	if (cfg->asic == SIM_GAUDI2)
		return 16ull * gaudi2_hbms(cfg) * (8ull << 20);
	return 2ull << 20;
}

uint64_t sim_dram_size(const struct sim_config *cfg)
{
	uint64_t page = sim_dram_page(cfg);

	if (!cfg->dram) /* the card's */
		return cfg->asic == SIM_GAUDI2 ? gaudi2_hbms(cfg) * (16ull << 30)
		       : cfg->asic == SIM_GAUDI3 ? 128ull << 30 : 32ull << 30;
	return cfg->dram / page * page;
}

/* "DDDD:BB:00.0" (lowercase hex, as the PCI core names devices) */
static void bus_id(char out[static 13], unsigned domain, unsigned bus)
{
	static const char hex[] = "0123456789abcdef";

	for (int k = 0; k < 4; k++)
		out[k] = hex[(domain >> (12 - 4 * k)) & 15];
	out[4] = ':';
	out[5] = hex[(bus >> 4) & 15];
	out[6] = hex[bus & 15];
	memcpy(out + 7, ":00.0", 6);
}

static void device_props(struct sim_device *d, const struct sim_config *cfg, int i)
{
	bool g2 = cfg->asic != SIM_GAUDI; /* Gaudi3 shares Gaudi2's memory model */

	d->idx = i;
	d->minor = i;
	d->asic = cfg->asic;
	d->pci_device_id = cfg->variant->pci_id;
	d->pci_revision = cfg->variant->revision;
	d->dram_page = sim_dram_page(cfg);
	d->dram_size = sim_dram_size(cfg);
	d->dram_user_base = g2 ? HLK_GAUDI2_DRAM_PHYS_BASE + d->dram_page
			       : HLK_GAUDI_DRAM_USER_BASE;
	d->sram_base = g2 ? HLK_GAUDI2_SRAM_BASE : HLK_GAUDI_SRAM_BASE;
	d->sram_size = g2 ? (uint32_t)HLK_GAUDI2_SRAM_SIZE : (uint32_t)HLK_GAUDI_SRAM_SIZE;
	d->num_queues = g2 ? HLK_GAUDI2_QUEUE_ID_SIZE : HLK_GAUDI_QUEUE_ID_SIZE;
	d->max_pending = g2 ? 64 : 16384;
	d->tdr_s = g2 ? 30 : 600;
	d->module_id = (uint32_t)(i % CARDS_PER_SERVER);
	d->num_events = g2 ? 1024 : 512;
	bus_id(d->bus_id, (unsigned)(i / CARDS_PER_SERVER),
	       0x19u + 0x10u * (unsigned)(i % CARDS_PER_SERVER));
	d->status = HLK_DEVICE_STATUS_OPERATIONAL;
}

static int device_init(struct sim_device *d)
{
	pthread_condattr_t ca;

	pthread_mutex_init(&d->lock, NULL);
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&d->work, &ca);
	pthread_condattr_destroy(&ca);
	sim_waitq_init(&d->waiters);
	return 0;
}

int sim_create(struct sim *s, const struct sim_config *cfg, char *msg, size_t msglen)
{
	int ret;

	s->cfg = *cfg;
	ret = sim_faults_parse(&s->faults, cfg->faults, msg, msglen);
	if (ret)
		return ret;
	ret = sim_xproc_attach(&s->xproc);
	if (ret) {
		snprintf(msg, msglen, "cannot set up the shared state: %s", strerror(-ret));
		return ret;
	}
	s->ndev = cfg->ndev;
	for (int i = 0; i < s->ndev; i++) {
		struct sim_device *d = &s->devs[i];

		d->sim = s;
		d->claim = -1;
		device_props(d, cfg, i);
		if (device_init(d)) {
			snprintf(msg, msglen, "out of memory");
			return -ENOMEM;
		}
	}
	return 0;
}

dev_t sim_dev_rdev(const struct sim_device *d, bool control)
{
	/* the out-of-tree driver without DRM allocates an "accel" major of its
	 * own (hl_accel_init()); the DRM accel core has ACCEL_MAJOR */
	if (sim_accel(d))
		return makedev(control ? SIM_MAJOR_CONTROL
				       : sim_prof(d)->ioc == SIM_IOC_COMPAT ? SIM_MAJOR_COMPAT
									    : HLK_ACCEL_MAJOR,
			       (unsigned)d->minor);
	return makedev(SIM_MAJOR_LEGACY, (unsigned)(2 * d->idx + (control ? 1 : 0)));
}

/* the fault counters' lock is innermost: nothing is locked under it */
void sim_fork_prepare(struct sim *s)
{
	for (int i = 0; i < s->ndev; i++)
		pthread_mutex_lock(&s->devs[i].lock);
	pthread_mutex_lock(&s->faults.lock);
}

void sim_fork_parent(struct sim *s)
{
	pthread_mutex_unlock(&s->faults.lock);
	for (int i = s->ndev - 1; i >= 0; i--)
		pthread_mutex_unlock(&s->devs[i].lock);
}

/*
 * The child has a copy of every device's state but none of the threads:
 * no device thread runs its copy of a context and nobody sleeps on its
 * wait queues.  Its compute files are the parent's open files; the shim
 * refuses to run them (sim_file_inherited()).
 */
void sim_fork_child(struct sim *s)
{
	for (int i = 0; i < s->ndev; i++) {
		struct sim_device *d = &s->devs[i];
		pthread_condattr_t ca;

		d->thread_started = false;
		d->ctx_dying = false;
		if (d->ctx)
			d->ctx->running = false;
		sim_waitq_init(&d->waiters);
		pthread_condattr_init(&ca);
		pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
		pthread_cond_init(&d->work, &ca);
		pthread_condattr_destroy(&ca);
	}
	sim_fork_parent(s);
}
