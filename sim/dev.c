/* SPDX-License-Identifier: MIT */
/*
 * Simulated devices: configuration from the environment, the open and
 * close rules, INFO, event delivery, reset, fault injection and the
 * control hook used by tests.
 */
#include "sim.h"
#include "core/faults.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/sysmacros.h>
#include <time.h>
#include <unistd.h>

pthread_mutex_t sim_lock = PTHREAD_MUTEX_INITIALIZER;
pthread_cond_t sim_cond;
struct sim_waitq sim_waiters;
struct sim_device sim_devs[SIM_MAX_DEVICES];
int sim_ndev = 1;
int sim_nforeign = 1;
bool sim_foreign_first;
enum sim_iface sim_iface = SIM_ACCEL;
struct sim_file *sim_files;
bool sim_debug_on;

static pthread_once_t once = PTHREAD_ONCE_INIT;
static enum sim_asic cfg_asic = SIM_GAUDI2;
static uint64_t cfg_dram = 4ull << 30;

static struct sim_faults faults;

void sim_notify(void)
{
	pthread_cond_broadcast(&sim_cond);
	sim_waitq_wake_all(&sim_waiters);
}

int64_t sim_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

void sim_log(const char *fmt, ...)
{
	va_list ap;

	if (!sim_debug_on)
		return;
	fputs("hla-sim: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

static uint64_t parse_size(const char *s)
{
	char *end;
	uint64_t v = strtoull(s, &end, 0);

	switch (*end) {
	case 'k': case 'K': v <<= 10; break;
	case 'm': case 'M': v <<= 20; break;
	case 'g': case 'G': v <<= 30; break;
	default: break;
	}
	return v;
}

int sim_fault(unsigned int cmd, int op)
{
	return sim_faults_check(&faults, (int)cmd, op);
}

unsigned int sim_fault_cs_submitted(void)
{
	return sim_faults_cs_submitted(&faults);
}

bool sim_fault_cs(int kind, unsigned int nr)
{
	return sim_faults_cs_hit(&faults, (char)kind, nr);
}

dev_t sim_rdev(const struct sim_device *d, bool control)
{
	if (sim_iface == SIM_ACCEL)
		return makedev(control ? SIM_MAJOR_CONTROL : SIM_MAJOR_ACCEL,
			       (unsigned)d->index);
	return makedev(SIM_MAJOR_LEGACY, (unsigned)(2 * d->index + (control ? 1 : 0)));
}

static void cleanup(void)
{
	sim_fs_destroy();
}

static void do_init(void)
{
	const char *e;
	pthread_condattr_t ca;
	char msg[256];

	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&sim_cond, &ca);
	sim_waitq_init(&sim_waiters);
	sim_debug_on = getenv("HLA_SIM_DEBUG") && *getenv("HLA_SIM_DEBUG") &&
		       strcmp(getenv("HLA_SIM_DEBUG"), "0");
	if ((e = getenv("HLA_SIM_DEVICES")))
		sim_ndev = atoi(e);
	if (sim_ndev < 0)
		sim_ndev = 0;
	if (sim_ndev > SIM_MAX_DEVICES)
		sim_ndev = SIM_MAX_DEVICES;
	if ((e = getenv("HLA_SIM_ASIC")) && (!strcmp(e, "gaudi") || !strcmp(e, "gaudi1")))
		cfg_asic = SIM_GAUDI;
	if ((e = getenv("HLA_SIM_IFACE")) && !strcmp(e, "legacy"))
		sim_iface = SIM_LEGACY;
	if ((e = getenv("HLA_SIM_DRAM")) && parse_size(e) >= (256ull << 20))
		cfg_dram = parse_size(e);
	if ((e = getenv("HLA_SIM_FOREIGN")))
		sim_nforeign = atoi(e);
	if (sim_nforeign < 0)
		sim_nforeign = 0;
	if (sim_nforeign > SIM_MAX_FOREIGN)
		sim_nforeign = SIM_MAX_FOREIGN;
	if ((e = getenv("HLA_SIM_FOREIGN_FIRST")) && atoi(e))
		sim_foreign_first = true;
	if (sim_faults_parse(&faults, getenv("HLA_SIM_FAULTS"), msg, sizeof(msg))) {
		/* a fault that would never fire must not pass unnoticed */
		fprintf(stderr, "hla-sim: HLA_SIM_FAULTS: %s\n", msg);
		_exit(2);
	}

	for (int i = 0; i < sim_ndev; i++) {
		struct sim_device *d = &sim_devs[i];
		bool g2 = cfg_asic == SIM_GAUDI2;

		d->index = i;
		d->asic = cfg_asic;
		d->pci_device_id = g2 ? HLK_PCI_ID_GAUDI2 : HLK_PCI_ID_GAUDI;
		d->dram_page = g2 ? (32ull << 20) : 0;
		d->dram_size = g2 ? cfg_dram / d->dram_page * d->dram_page : cfg_dram;
		d->dram_user_base = g2 ? HLK_GAUDI2_DRAM_PHYS_BASE + d->dram_page
				       : HLK_GAUDI_DRAM_USER_BASE;
		d->sram_base = g2 ? HLK_GAUDI2_SRAM_BASE : HLK_GAUDI_SRAM_BASE;
		d->sram_size = g2 ? (uint32_t)HLK_GAUDI2_SRAM_SIZE : (uint32_t)HLK_GAUDI_SRAM_SIZE;
		d->num_queues = g2 ? HLK_GAUDI2_QUEUE_ID_SIZE : HLK_GAUDI_QUEUE_ID_SIZE;
		d->max_pending = g2 ? 64 : 16384;
		d->tdr_s = g2 ? 30 : 600;
		d->module_id = (uint32_t)i;
		d->num_events = g2 ? 1024 : 512;
		snprintf(d->bus_id, sizeof(d->bus_id), "0000:%02x:00.0", 0x19 + 0x10 * i);
		d->status = HLK_DEVICE_STATUS_OPERATIONAL;
		d->events = calloc(d->num_events, sizeof(uint32_t));
		d->events_aggr = calloc(d->num_events, sizeof(uint32_t));
		if (sim_engine_init(d))
			sim_log("device %d: engine init failed", i);
	}
	if (sim_fs_create())
		sim_log("cannot create the fake tree");
	atexit(cleanup);
	sim_log("%d %s device(s), %s interface, root %s", sim_ndev,
		cfg_asic == SIM_GAUDI2 ? "Gaudi2" : "Gaudi",
		sim_iface == SIM_ACCEL ? "accel" : "legacy", sim_fs_root());
}

void sim_init(void)
{
	pthread_once(&once, do_init);
}

bool sim_operational(const struct sim_device *d)
{
	return d->status == HLK_DEVICE_STATUS_OPERATIONAL ||
	       d->status == HLK_DEVICE_STATUS_IN_DEVICE_CREATION;
}

void sim_hold(struct sim_device *d)
{
	d->holders++;
}

void sim_unhold(struct sim_device *d)
{
	if (--d->holders > 0)
		return;
	d->holders = 0;
	d->slot_taken = false;
	d->last_close_ns = sim_now();
	if (d->ctx) {
		sim_ctx_free(d->ctx);
		d->ctx = NULL;
	}
	d->debug_mode = false;
	if (d->asic == SIM_GAUDI2 && d->status == HLK_DEVICE_STATUS_OPERATIONAL) {
		/* Gaudi2 resets its compute engines after every release */
		d->release_until = sim_now() + 20 * 1000000;
		d->soft_resets++;
		sim_fs_set_status(d);
	}
}

int sim_dev_open(struct sim_device *d, bool control, struct sim_file **out)
{
	struct sim_file *f;
	int err = sim_fault(0, control ? 1 : 0);

	if (err)
		return -err;
	pthread_mutex_lock(&sim_lock);
	if (control) {
		if (d->status == HLK_DEVICE_STATUS_MALFUNCTION ||
		    (sim_iface == SIM_LEGACY && !sim_operational(d))) {
			pthread_mutex_unlock(&sim_lock);
			return -EPERM;
		}
	} else {
		if (d->status == HLK_DEVICE_STATUS_IN_RESET) {
			pthread_mutex_unlock(&sim_lock);
			return -EAGAIN;
		}
		if (!sim_operational(d)) {
			pthread_mutex_unlock(&sim_lock);
			return -EPERM;
		}
		if (d->slot_taken) {
			pthread_mutex_unlock(&sim_lock);
			return -EBUSY;
		}
		if (sim_now() < d->release_until) {
			pthread_mutex_unlock(&sim_lock);
			return -EAGAIN;
		}
	}
	f = calloc(1, sizeof(*f));
	if (!f) {
		pthread_mutex_unlock(&sim_lock);
		return -ENOMEM;
	}
	f->refs = 1;
	f->dev = d;
	f->control = control;
	f->eventfd = -1;
	if (!control) {
		f->ctx = sim_ctx_new(d);
		if (!f->ctx) {
			free(f);
			pthread_mutex_unlock(&sim_lock);
			return -ENOMEM;
		}
		d->ctx = f->ctx;
		d->slot_taken = true;
		d->holders = 1;
		d->open_counter++;
		d->last_open_ns = sim_now();
	}
	f->next = sim_files;
	sim_files = f;
	pthread_mutex_unlock(&sim_lock);
	*out = f;
	return 0;
}

void sim_file_release(struct sim_file *f)
{
	pthread_mutex_lock(&sim_lock);
	for (struct sim_file **p = &sim_files; *p; p = &(*p)->next)
		if (*p == f) {
			*p = f->next;
			break;
		}
	if (f->eventfd >= 0)
		sim_real_close(f->eventfd);
	if (!f->control)
		sim_unhold(f->dev);
	sim_notify();
	pthread_mutex_unlock(&sim_lock);
	free(f);
}

void sim_raise(struct sim_device *d, uint64_t events)
{
	/* the 6.1 driver knows bits 0-6 only */
	if (sim_iface == SIM_LEGACY)
		events &= 0x7Full;
	if (!events)
		return;
	for (struct sim_file *f = sim_files; f; f = f->next) {
		if (f->dev != d)
			continue;
		f->events |= events;
		if (f->eventfd >= 0) {
			uint64_t one = 1;

			if (sim_real_write(f->eventfd, &one, sizeof(one)) < 0)
				sim_log("eventfd write failed");
		}
	}
}

void sim_reset(struct sim_device *d, bool hard)
{
	d->status = HLK_DEVICE_STATUS_IN_RESET;
	sim_fs_set_status(d);
	if (d->ctx)
		sim_ctx_abort(d->ctx);
	if (hard) {
		d->hard_resets++;
		memset(d->events, 0, d->num_events * sizeof(uint32_t));
	} else {
		d->soft_resets++;
	}
	sim_raise(d, HLK_NOTIFIER_EVENT_DEVICE_RESET);
	d->status = HLK_DEVICE_STATUS_OPERATIONAL;
	sim_fs_set_status(d);
	sim_notify();
}

/* ---------------------------------------------------------------- */
/* INFO                                                              */
/* ---------------------------------------------------------------- */

static void fill_hw_ip(struct sim_device *d, struct hlk_info_hw_ip_info *h)
{
	bool g2 = d->asic == SIM_GAUDI2;

	memset(h, 0, sizeof(*h));
	h->sram_base_address = d->sram_base + (g2 ? 0 : HLK_GAUDI_SRAM_RESERVED);
	h->dram_base_address = d->dram_user_base;
	h->dram_size = g2 ? d->dram_size - d->dram_page : d->dram_size - d->dram_user_base;
	h->sram_size = d->sram_size - (g2 ? 0 : (uint32_t)HLK_GAUDI_SRAM_RESERVED);
	h->num_of_events = d->num_events;
	h->device_id = d->pci_device_id;
	h->module_id = d->module_id;
	h->decoder_enabled_mask = g2 ? 0x3FF : 0;
	h->first_available_interrupt_id = g2 ? 64 : 0;
	h->server_type = g2 ? 5 : 1;
	h->cpld_version = 0x10;
	h->psoc_pci_pll_nr = 1;
	h->psoc_pci_pll_nf = 40;
	h->psoc_pci_pll_od = 2;
	h->psoc_pci_pll_div_factor = 1;
	h->tpc_enabled_mask = 0xFF;
	h->dram_enabled = 1;
	h->security_enabled = 0;
	h->mme_master_slave_mode = 1;
	snprintf((char *)h->cpucp_version, sizeof(h->cpucp_version), "hla-sim-cpucp 1.0.0");
	snprintf((char *)h->card_name, sizeof(h->card_name), g2 ? "HL-225-SIM" : "HL-205-SIM");
	h->tpc_enabled_mask_ext = g2 ? 0x1FFFFFF : 0xFF;
	h->dram_page_size = d->dram_page;
	h->edma_enabled_mask = g2 ? 0xFF : 0;
	h->number_of_user_interrupts = g2 ? 512 : 0;
	h->device_mem_alloc_default_page_size = g2 ? d->dram_page : 0;
	h->revision_id = g2 ? 1 : 0;
	h->rotator_enabled_mask = g2 ? 0x3 : 0;
}

/* opcodes answered while the device is not operational */
static bool always_allowed(uint32_t op)
{
	switch (op) {
	case HLK_INFO_HW_IP_INFO: case HLK_INFO_HW_EVENTS: case HLK_INFO_DEVICE_STATUS:
	case HLK_INFO_HW_EVENTS_AGGREGATE: case HLK_INFO_RESET_COUNT:
	case HLK_INFO_CS_COUNTERS: case HLK_INFO_CLK_THROTTLE_REASON:
	case HLK_INFO_SYNC_MANAGER: case HLK_INFO_OPEN_STATS:
	case HLK_INFO_LAST_ERR_OPEN_DEV_TIME: case HLK_INFO_CS_TIMEOUT_EVENT:
	case HLK_INFO_RAZWI_EVENT: case HLK_INFO_DEV_MEM_ALLOC_PAGE_SIZES:
	case HLK_INFO_GET_EVENTS: case HLK_INFO_UNDEFINED_OPCODE_EVENT:
	case HLK_INFO_PAGE_FAULT_EVENT: case HLK_INFO_USER_MAPPINGS:
	case HLK_INFO_HW_ERR_EVENT: case HLK_INFO_FW_ERR_EVENT:
	case HLK_INFO_USER_ENGINE_ERR_EVENT:
		return true;
	case HLK_INFO_DRAM_USAGE: case HLK_INFO_UNREGISTER_EVENTFD:
		return sim_iface == SIM_ACCEL;
	default:
		return false;
	}
}

static bool op_exists(uint32_t op)
{
	if (op == 5 || op == 19 || op == 20 || op == 39 || op > 40)
		return false;
	if (sim_iface == SIM_LEGACY && op > 32)
		return false;
	return true;
}

static int copy_out_result(struct hlk_info_args *a, const void *src, size_t len)
{
	size_t n = a->return_size < len ? a->return_size : len;

	return sim_copy_to_user(a->return_pointer, src, n);
}

static int engine_text(struct sim_device *d, char *buf, size_t size)
{
	return snprintf(buf, size,
			"hla-sim %s engine status\nQMAN PDMA_0 idle\nQMAN PDMA_1 idle\n"
			"Engines: all idle\n",
			d->asic == SIM_GAUDI2 ? "Gaudi2" : "Gaudi");
}

/* lock held */
static int info_locked(struct sim_file *f, struct hlk_info_args *a)
{
	struct sim_device *d = f->dev;
	union {
		struct hlk_info_hw_ip_info hw;
		struct hlk_info_dram_usage du;
		struct hlk_info_hw_idle idle;
		struct hlk_info_device_status st;
		struct hlk_info_device_utilization ut;
		struct hlk_info_clk_rate clk;
		struct hlk_info_reset_count rc;
		struct hlk_info_time_sync ts;
		struct hlk_info_pci_counters pci;
		struct hlk_info_clk_throttle thr;
		struct hlk_info_sync_manager sm;
		struct hlk_info_energy en;
		struct hlk_pll_frequency_info pll;
		struct hlk_power_info pw;
		struct hlk_open_stats_info os;
		struct hlk_hbm_row_info row;
		uint32_t u32;
		uint64_t u64;
		struct hlk_info_last_err_open_dev_time lt;
		struct hlk_info_dev_memalloc_page_sizes ps;
		struct hlk_user_mapping maps[64];
	} u;
	size_t len = 0;
	bool g2 = d->asic == SIM_GAUDI2;

	if (sim_iface == SIM_ACCEL && a->pad)
		return -EINVAL;
	if (!op_exists(a->op))
		return -EINVAL;
	if (!sim_operational(d) && !always_allowed(a->op))
		return -EBUSY;
	/* these three carry no result buffer */
	if (a->op == HLK_INFO_REGISTER_EVENTFD || a->op == HLK_INFO_UNREGISTER_EVENTFD) {
		if (f->control && sim_iface == SIM_ACCEL)
			return -EOPNOTSUPP;
		if (a->op == HLK_INFO_UNREGISTER_EVENTFD) {
			if (f->eventfd < 0)
				return -EINVAL;
			sim_real_close(f->eventfd);
			f->eventfd = -1;
			return 0;
		}
		if (f->eventfd >= 0)
			return -EINVAL;
		{
			char p[64], t[64];
			ssize_t n;
			int fd;

			snprintf(p, sizeof(p), "/proc/self/fd/%d", (int)a->eventfd);
			n = readlink(p, t, sizeof(t) - 1);
			if (n < 0)
				return -EBADF;
			t[n] = '\0';
			if (!strstr(t, "eventfd"))
				return -EINVAL;
			fd = fcntl(a->eventfd, F_DUPFD_CLOEXEC, 0);
			if (fd < 0)
				return -EBADF;
			f->eventfd = fd;
		}
		return 0;
	}
	if (!a->return_pointer || !a->return_size)
		return -EINVAL;
	memset(&u, 0, sizeof(u));
	switch (a->op) {
	case HLK_INFO_HW_IP_INFO:
		fill_hw_ip(d, &u.hw);
		len = sim_iface == SIM_LEGACY ? HLK_HW_IP_INFO_SIZE_V1 : sizeof(u.hw);
		break;
	case HLK_INFO_HW_EVENTS:
	case HLK_INFO_HW_EVENTS_AGGREGATE:
		return copy_out_result(a, a->op == HLK_INFO_HW_EVENTS ? d->events :
									d->events_aggr,
				       d->num_events * sizeof(uint32_t));
	case HLK_INFO_DRAM_USAGE: {
		uint64_t user = g2 ? d->dram_size - d->dram_page
				   : d->dram_size - d->dram_user_base;

		u.du.dram_free_mem = user - d->dram_used;
		u.du.ctx_dram_mem = f->ctx ? sim_ctx_dram(f->ctx) : 0;
		len = sizeof(u.du);
		break;
	}
	case HLK_INFO_HW_IDLE:
		u.idle.is_idle = 1;
		len = sim_iface == SIM_LEGACY ? HLK_HW_IDLE_SIZE_V1 : sizeof(u.idle);
		break;
	case HLK_INFO_DEVICE_STATUS:
		u.st.status = d->status;
		len = sizeof(u.st);
		break;
	case HLK_INFO_DEVICE_UTILIZATION:
		u.ut.utilization = 0;
		len = sizeof(u.ut);
		break;
	case HLK_INFO_CLK_RATE:
		u.clk.cur_clk_rate_mhz = g2 ? 1650 : 2200;
		u.clk.max_clk_rate_mhz = g2 ? 1650 : 2200;
		len = sizeof(u.clk);
		break;
	case HLK_INFO_RESET_COUNT:
		u.rc.hard_reset_cnt = d->hard_resets;
		u.rc.soft_reset_cnt = d->soft_resets;
		len = sizeof(u.rc);
		break;
	case HLK_INFO_TIME_SYNC: {
		struct timespec t;

		clock_gettime(CLOCK_MONOTONIC_RAW, &t);
		u.ts.host_time = (uint64_t)t.tv_sec * 1000000000ull + (uint64_t)t.tv_nsec;
		/* a 100 MHz device clock started at "boot" */
		u.ts.device_time = u.ts.host_time / 10;
		len = sim_iface == SIM_LEGACY ? HLK_TIME_SYNC_SIZE_V1 : sizeof(u.ts);
		break;
	}
	case HLK_INFO_CS_COUNTERS: {
		struct hlk_info_cs_counters c = d->cs_counters;

		if (!f->ctx) {
			c.ctx_out_of_mem_drop_cnt = c.ctx_parsing_drop_cnt = 0;
			c.ctx_queue_full_drop_cnt = c.ctx_device_in_reset_drop_cnt = 0;
			c.ctx_max_cs_in_flight_drop_cnt = c.ctx_validation_drop_cnt = 0;
		}
		return copy_out_result(a, &c, sizeof(c));
	}
	case HLK_INFO_PCI_COUNTERS:
		u.pci.rx_throughput = 1200;
		u.pci.tx_throughput = 800;
		len = sizeof(u.pci);
		break;
	case HLK_INFO_CLK_THROTTLE_REASON:
		len = sizeof(u.thr);
		break;
	case HLK_INFO_SYNC_MANAGER:
		if (a->dcore_id >= HLK_MAX_DCORES)
			return -EINVAL;
		u.sm.first_available_sync_object = g2 ? 384 : 144;
		u.sm.first_available_monitor = g2 ? 384 : 72;
		u.sm.first_available_cq = g2 ? 8 : 0;
		len = sizeof(u.sm);
		break;
	case HLK_INFO_TOTAL_ENERGY:
		u.en.total_energy_consumption = (uint64_t)(sim_now() / 1000000000) * 100;
		len = sizeof(u.en);
		break;
	case HLK_INFO_PLL_FREQUENCY:
		if (a->pll_index > (g2 ? 11u : 9u))
			return -EINVAL;
		for (int i = 0; i < 4; i++)
			u.pll.output[i] = (uint16_t)(1600 / (i + 1));
		len = sizeof(u.pll);
		break;
	case HLK_INFO_POWER:
		u.pw.power = g2 ? 150000 : 90000;
		len = sizeof(u.pw);
		break;
	case HLK_INFO_OPEN_STATS:
		u.os.open_counter = d->open_counter;
		u.os.last_open_period_ms =
			d->slot_taken ? (uint64_t)(sim_now() - d->last_open_ns) / 1000000 :
					(uint64_t)(d->last_close_ns - d->last_open_ns) / 1000000;
		u.os.is_compute_ctx_active = d->slot_taken;
		u.os.compute_ctx_in_release = sim_now() < d->release_until;
		len = sizeof(u.os);
		break;
	case HLK_INFO_DRAM_REPLACED_ROWS:
		len = sizeof(u.row);
		break;
	case HLK_INFO_DRAM_PENDING_ROWS:
		u.u32 = 0;
		len = sizeof(u.u32);
		break;
	case HLK_INFO_LAST_ERR_OPEN_DEV_TIME:
		u.lt.timestamp = d->last_open_ns;
		len = sizeof(u.lt);
		break;
	case HLK_INFO_CS_TIMEOUT_EVENT:
		return copy_out_result(a, &d->rec_cs_timeout, sizeof(d->rec_cs_timeout));
	case HLK_INFO_RAZWI_EVENT:
		if (sim_iface == SIM_LEGACY) {
			struct hlk_info_razwi_event_v1 v1;

			memset(&v1, 0, sizeof(v1));
			v1.timestamp = d->rec_razwi.timestamp;
			v1.addr = d->rec_razwi.addr;
			v1.engine_id_1 = d->rec_razwi.engine_id[0];
			v1.engine_id_2 = d->rec_razwi.engine_id[0];
			v1.error_type = HLK_RAZWI_MMU_ACCESS_ERROR;
			return copy_out_result(a, &v1, sizeof(v1));
		}
		if (!d->rec_razwi.timestamp)
			return 0;
		return copy_out_result(a, &d->rec_razwi, sizeof(d->rec_razwi));
	case HLK_INFO_DEV_MEM_ALLOC_PAGE_SIZES:
		u.ps.page_order_bitmask = 0;
		len = sizeof(u.ps);
		break;
	case HLK_INFO_SECURED_ATTESTATION:
	case HLK_INFO_DEV_SIGNED: {
		static union {
			struct hlk_info_sec_attest at;
			struct hlk_info_signed sg;
		} s;

		memset(&s, 0, sizeof(s));
		if (a->op == HLK_INFO_DEV_SIGNED) {
			if (!g2)
				return -EOPNOTSUPP;
			s.sg.nonce = a->sec_attest_nonce;
			s.sg.pub_data_len = 64;
			s.sg.certificate_len = 128;
			s.sg.info_sig_len = 64;
			s.sg.dev_info_len = 16;
			memcpy(s.sg.dev_info, "hla-sim device", 14);
			return copy_out_result(a, &s.sg, sizeof(s.sg));
		}
		s.at.nonce = a->sec_attest_nonce;
		s.at.pcr_quote_len = 64;
		s.at.pub_data_len = 64;
		s.at.certificate_len = 128;
		s.at.pcr_num_reg = 8;
		s.at.pcr_reg_len = 32;
		s.at.quote_sig_len = 64;
		for (int i = 0; i < 256; i++)
			s.at.pcr_data[i] = (uint8_t)(i ^ a->sec_attest_nonce);
		return copy_out_result(a, &s.at, sizeof(s.at));
	}
	case HLK_INFO_GET_EVENTS:
		if (f->control && sim_iface == SIM_ACCEL)
			return -EOPNOTSUPP;
		if (a->return_size < 8)
			return -EINVAL;
		u.u64 = f->events;
		f->events = 0;
		return sim_copy_to_user(a->return_pointer, &u.u64, 8);
	case HLK_INFO_UNDEFINED_OPCODE_EVENT:
		if (sim_iface == SIM_ACCEL && !d->rec_undef.timestamp)
			return 0;
		return copy_out_result(a, &d->rec_undef, sizeof(d->rec_undef));
	case HLK_INFO_ENGINE_STATUS: {
		char text[512];
		int n = engine_text(d, text, sizeof(text));

		if (a->return_size < HLK_ENGINES_DATA_MIN_SIZE ||
		    a->return_size > HLK_ENGINES_DATA_MAX_SIZE)
			return -EINVAL;
		if ((uint32_t)n > a->return_size)
			return -ENOMEM;
		a->user_buffer_actual_size = (uint32_t)n;
		return sim_copy_to_user(a->return_pointer, text, (size_t)n);
	}
	case HLK_INFO_PAGE_FAULT_EVENT:
		if (!d->rec_page_fault.timestamp)
			return 0;
		return copy_out_result(a, &d->rec_page_fault, sizeof(d->rec_page_fault));
	case HLK_INFO_USER_MAPPINGS: {
		uint32_t n;

		if (!d->rec_page_fault.timestamp || !d->ctx)
			return 0;
		n = sim_ctx_mappings(d->ctx, u.maps, 64);
		a->array_size = n;
		if (a->return_size < n * sizeof(u.maps[0]))
			return -ENOMEM;
		return sim_copy_to_user(a->return_pointer, u.maps, n * sizeof(u.maps[0]));
	}
	case HLK_INFO_FW_GENERIC_REQ: {
		static const char reply[] = "hla-sim firmware 1.0.0";

		if (a->fw_sub_opcode != HLK_PASSTHROUGH_VERSIONS ||
		    a->return_size > HLK_FW_GENERIC_REQ_MAX_SIZE)
			return -EINVAL;
		return copy_out_result(a, reply, sizeof(reply));
	}
	case HLK_INFO_HW_ERR_EVENT:
	case HLK_INFO_FW_ERR_EVENT:
	case HLK_INFO_USER_ENGINE_ERR_EVENT: {
		const void *rec = a->op == HLK_INFO_HW_ERR_EVENT ? (const void *)&d->rec_hw_err :
				  a->op == HLK_INFO_FW_ERR_EVENT ? (const void *)&d->rec_fw_err :
								   (const void *)&d->rec_engine_err;

		if (!*(const int64_t *)rec)
			return 0;
		if (a->return_size < 16)
			return -ENOMEM;
		return copy_out_result(a, rec, 16);
	}
	default:
		return -EINVAL;
	}
	return copy_out_result(a, &u, len);
}

int sim_info(struct sim_file *f, struct hlk_info_args *a)
{
	int ret;

	pthread_mutex_lock(&sim_lock);
	ret = info_locked(f, a);
	pthread_mutex_unlock(&sim_lock);
	return ret;
}

/* ---------------------------------------------------------------- */
/* control hook for tests                                            */
/* ---------------------------------------------------------------- */

SIM_EXPORT int hla_sim_control(const char *cmd);
SIM_EXPORT int hla_sim_control(const char *cmd)
{
	char what[32];
	int dev = 0, ret = 0;
	long long arg = 0;
	struct sim_device *d;
	int n;

	sim_init();
	if (!cmd)
		return -EINVAL;
	n = sscanf(cmd, "%31s %d %lli", what, &dev, &arg);
	if (n < 2 || dev < 0 || dev >= sim_ndev)
		return -EINVAL;
	d = &sim_devs[dev];
	pthread_mutex_lock(&sim_lock);
	if (!strcmp(what, "reset") || !strcmp(what, "hard-reset")) {
		sim_reset(d, what[0] == 'h');
	} else if (!strcmp(what, "hwerr")) {
		d->rec_hw_err.timestamp = sim_now();
		d->rec_hw_err.event_id = (uint16_t)arg;
		if (arg >= 0 && (uint64_t)arg < d->num_events) {
			d->events[arg]++;
			d->events_aggr[arg]++;
		}
		sim_raise(d, HLK_NOTIFIER_EVENT_GENERAL_HW_ERR);
	} else if (!strcmp(what, "razwi") || !strcmp(what, "page-fault")) {
		d->rec_razwi.timestamp = sim_now();
		d->rec_razwi.addr = (uint64_t)arg;
		d->rec_razwi.num_of_possible_engines = 1;
		d->rec_razwi.engine_id[0] = 45;
		d->rec_razwi.flags = HLK_RAZWI_WRITE | HLK_RAZWI_HBW;
		if (what[0] == 'p') {
			d->rec_page_fault.timestamp = sim_now();
			d->rec_page_fault.addr = (uint64_t)arg;
			sim_raise(d, HLK_NOTIFIER_EVENT_PAGE_FAULT);
		} else {
			sim_raise(d, HLK_NOTIFIER_EVENT_RAZWI);
		}
	} else if (!strcmp(what, "undefined-opcode")) {
		d->rec_undef.timestamp = sim_now();
		d->rec_undef.engine_id = 45;
		sim_raise(d, HLK_NOTIFIER_EVENT_UNDEFINED_OPCODE);
	} else if (!strcmp(what, "status")) {
		if (arg < 0 || arg > HLK_DEVICE_STATUS_LAST)
			ret = -EINVAL;
		else
			d->status = (uint32_t)arg;
		sim_fs_set_status(d);
	} else if (!strcmp(what, "cs-hang")) {
		d->hang_next++;
	} else {
		ret = -EINVAL;
	}
	sim_notify();
	pthread_mutex_unlock(&sim_lock);
	return ret;
}
