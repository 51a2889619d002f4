/* SPDX-License-Identifier: MIT */
/*
 * INFO (habanalabs_ioctl.c: _hl_info_ioctl() and one function per opcode):
 * which opcodes answer while the device is not operational, per-opcode
 * sizes of each interface, min-copy of results, clear-on-read events,
 * eventfd registration and the error records.
 */
#include "ioctl/ioctl.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct info_call {
	struct sim_file *f;
	struct sim_device *d;
	struct hlk_info_args *a;
	const struct sim_profile *p;
	bool g2, accel; /* accel: the 6.6+ driver's sizes and rules */
};

/* the opcodes _hl_info_ioctl() answers before its operational check */
static bool always_allowed(uint32_t op, bool accel)
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
		return accel;
	default:
		return false;
	}
}

/*
 * The opcodes of the profile's _hl_info_ioctl(): numbers up to its last
 * one, less the ones never assigned upstream (5, 19, 20, 39) and
 * DEV_SIGNED before 6.8.  19, 20, 39, 41, 42 and 255 are out-of-tree
 * opcodes (NIC link state, per-die time sync, memory consumption, the
 * DRM-accel build flag, module parameters) the simulator does not model.
 */
static bool op_exists(uint32_t op, const struct sim_profile *p)
{
	if (op == 5 || op > p->info_max || (op == HLK_INFO_DEV_SIGNED && !p->info_signed))
		return false;
	return op != 19 && op != 20 && op != 39;
}

static bool op_oot_unmodelled(uint32_t op, const struct sim_profile *p)
{
	return p->oot && (op == 19 || op == 20 || op == 39 || op == 41 || op == 42 || op == 255);
}

/* min(return_size, len) bytes of the result */
static int put(struct info_call *ic, const void *src, size_t len)
{
	size_t n = ic->a->return_size < len ? ic->a->return_size : len;

	return sim_copy_to_user(ic->a->return_pointer, src, n);
}

static void fill_hw_ip(const struct sim_device *d, struct hlk_info_hw_ip_info *h)
{
	bool g2 = sim_gaudi2(d);

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
	h->mme_master_slave_mode = 1;
	snprintf((char *)h->cpucp_version, sizeof(h->cpucp_version), "hla-sim-cpucp 1.0.0");
	snprintf((char *)h->card_name, sizeof(h->card_name), g2 ? "HL-225-SIM" : "HL-205-SIM");
	h->tpc_enabled_mask_ext = g2 ? 0x1FFFFFF : 0xFF;
	h->dram_page_size = d->dram_page;
	h->edma_enabled_mask = g2 ? 0xFF : 0;
	h->number_of_user_interrupts = g2 ? 512 : 0;
	/* the DRAM the driver keeps for itself: below dram_user_base_address */
	h->reserved_dram_size = g2 ? d->dram_page : d->dram_user_base;
	h->device_mem_alloc_default_page_size = d->dram_page;
	h->revision_id = g2 ? 1 : 0;
	h->rotator_enabled_mask = g2 ? 0x3 : 0;
}

/* hw_ip_info(): 256 bytes on 6.1 */
static int info_hw_ip(struct info_call *ic)
{
	struct hlk_info_hw_ip_info h;

	fill_hw_ip(ic->d, &h);
	return put(ic, &h, ic->accel ? sizeof(h) : HLK_HW_IP_INFO_SIZE_V1);
}

/* eventfd_register() / eventfd_unregister(): one eventfd per open file */
static int info_eventfd(struct info_call *ic)
{
	char p[64], t[64];
	ssize_t n;
	int fd;

	if (ic->f->control && ic->accel)
		return -EOPNOTSUPP; /* hl_info_ioctl_control() */
	if (ic->a->op == HLK_INFO_UNREGISTER_EVENTFD) {
		if (ic->f->eventfd < 0)
			return -EINVAL;
		sim_real_close(ic->f->eventfd);
		ic->f->eventfd = -1;
		return 0;
	}
	if (ic->f->eventfd >= 0)
		return -EINVAL;
	snprintf(p, sizeof(p), "/proc/self/fd/%d", (int)ic->a->eventfd);
	n = sim_real_readlink(p, t, sizeof(t) - 1);
	if (n < 0)
		return -EBADF;
	t[n] = '\0';
	if (!strstr(t, "eventfd"))
		return -EINVAL;
	fd = sim_real_fcntl((int)ic->a->eventfd, F_DUPFD_CLOEXEC, 0);
	if (fd < 0)
		return -EBADF;
	ic->f->eventfd = fd;
	return 0;
}

/* events_info(): clear on read */
static int info_get_events(struct info_call *ic)
{
	uint64_t ev;

	if (ic->f->control && ic->accel)
		return -EOPNOTSUPP;
	if (ic->a->return_size < 8)
		return -EINVAL;
	ev = ic->f->events;
	ic->f->events = 0;
	return sim_copy_to_user(ic->a->return_pointer, &ev, 8);
}

static int info_cs_counters(struct info_call *ic)
{
	struct hlk_info_cs_counters c = ic->d->cs_counters;

	if (!ic->f->ctx) {
		c.ctx_out_of_mem_drop_cnt = c.ctx_parsing_drop_cnt = 0;
		c.ctx_queue_full_drop_cnt = c.ctx_device_in_reset_drop_cnt = 0;
		c.ctx_max_cs_in_flight_drop_cnt = c.ctx_validation_drop_cnt = 0;
	}
	return put(ic, &c, sizeof(c));
}

static int info_open_stats(struct info_call *ic)
{
	struct sim_device *d = ic->d;
	struct hlk_open_stats_info os;

	memset(&os, 0, sizeof(os));
	os.open_counter = d->open_counter;
	os.last_open_period_ms =
		d->slot_taken ? (uint64_t)(sim_now() - d->last_open_ns) / 1000000 :
				(uint64_t)(d->last_close_ns - d->last_open_ns) / 1000000;
	os.is_compute_ctx_active = d->slot_taken;
	os.compute_ctx_in_release = sim_now() < d->release_until;
	return put(ic, &os, sizeof(os));
}

/*
 * razwi_info(): the 24-byte record on 6.1, the 280-byte one from 6.2
 * (hl_capture_razwi()), which 6.6+ copies only once one was captured
 */
static int info_razwi(struct info_call *ic)
{
	const struct hlk_info_razwi_event *r = &ic->d->rec.razwi;
	struct hlk_info_razwi_event_v1 v1;

	if (ic->p->razwi_v2)
		return r->timestamp || !ic->accel ? put(ic, r, sizeof(*r)) : 0;
	memset(&v1, 0, sizeof(v1));
	v1.timestamp = r->timestamp;
	v1.addr = r->addr;
	v1.engine_id_1 = r->engine_id[0];
	v1.engine_id_2 = r->engine_id[0];
	v1.error_type = HLK_RAZWI_MMU_ACCESS_ERROR;
	return put(ic, &v1, sizeof(v1));
}

/* sec_attest_info(), dev_info_signed(): records of a fixed, made-up content */
static int fill_attest(struct info_call *ic, struct hlk_info_sec_attest *at,
		       struct hlk_info_signed *sg)
{
	uint32_t nonce = ic->a->sec_attest_nonce;

	if (sg) {
		sg->nonce = nonce;
		sg->pub_data_len = 64;
		sg->certificate_len = 128;
		sg->info_sig_len = 64;
		sg->dev_info_len = 16;
		memcpy(sg->dev_info, "hla-sim device", 14);
		return put(ic, sg, sizeof(*sg));
	}
	at->nonce = nonce;
	at->pcr_quote_len = 64;
	at->pub_data_len = 64;
	at->certificate_len = 128;
	at->pcr_num_reg = 8;
	at->pcr_reg_len = 32;
	at->quote_sig_len = 64;
	for (int i = 0; i < 256; i++)
		at->pcr_data[i] = (uint8_t)(i ^ nonce);
	return put(ic, at, sizeof(*at));
}

static int info_attest(struct info_call *ic)
{
	bool sg = ic->a->op == HLK_INFO_DEV_SIGNED;
	void *buf;
	int ret;

	if (sg && !ic->g2)
		return -EOPNOTSUPP;
	buf = calloc(1, sg ? sizeof(struct hlk_info_signed) : sizeof(struct hlk_info_sec_attest));
	if (!buf)
		return -ENOMEM;
	ret = fill_attest(ic, sg ? NULL : buf, sg ? buf : NULL);
	free(buf);
	return ret;
}

/* engine_status_info(): size limits, ENOMEM when the text does not fit */
static int info_engine_status(struct info_call *ic)
{
	char text[512];
	int n = snprintf(text, sizeof(text),
			 "hla-sim %s engine status\nQMAN PDMA_0 idle\nQMAN PDMA_1 idle\n"
			 "Engines: all idle\n", ic->g2 ? "Gaudi2" : "Gaudi");

	if (ic->a->return_size < HLK_ENGINES_DATA_MIN_SIZE ||
	    ic->a->return_size > HLK_ENGINES_DATA_MAX_SIZE)
		return -EINVAL;
	if ((uint32_t)n > ic->a->return_size)
		return -ENOMEM;
	ic->a->user_buffer_actual_size = (uint32_t)n;
	return sim_copy_to_user(ic->a->return_pointer, text, (size_t)n);
}

static int info_user_mappings(struct info_call *ic)
{
	struct hlk_user_mapping maps[64];
	uint32_t n;

	if (!ic->d->rec.page_fault.timestamp || !ic->d->ctx)
		return 0;
	n = sim_ctx_mappings(ic->d->ctx, maps, 64);
	ic->a->array_size = n;
	if (ic->a->return_size < n * sizeof(maps[0]))
		return -ENOMEM;
	return sim_copy_to_user(ic->a->return_pointer, maps, (n < 64 ? n : 64) * sizeof(maps[0]));
}

/* hw_err_info(), fw_err_info(), engine_err_info(): 16-byte records */
static int info_err_record(struct info_call *ic)
{
	const struct sim_records *r = &ic->d->rec;
	const void *rec = ic->a->op == HLK_INFO_HW_ERR_EVENT ? (const void *)&r->hw_err :
			  ic->a->op == HLK_INFO_FW_ERR_EVENT ? (const void *)&r->fw_err :
							       (const void *)&r->engine_err;
	int64_t ts;

	memcpy(&ts, rec, sizeof(ts));
	if (!ts)
		return 0;
	if (ic->a->return_size < 16)
		return -ENOMEM;
	return put(ic, rec, 16);
}

static int info_fw_generic(struct info_call *ic)
{
	static const char reply[] = "hla-sim firmware 1.0.0";

	if (ic->a->fw_sub_opcode != HLK_PASSTHROUGH_VERSIONS ||
	    ic->a->return_size > HLK_FW_GENERIC_REQ_MAX_SIZE)
		return -EINVAL;
	return put(ic, reply, sizeof(reply));
}

/* the opcodes that report a fixed-size value of the device */
static int info_value(struct info_call *ic)
{
	struct sim_device *d = ic->d;
	union {
		struct hlk_info_dram_usage du;
		struct hlk_info_hw_idle idle;
		struct hlk_info_device_status st;
		struct hlk_info_device_utilization ut;
		struct hlk_info_clk_rate clk;
		struct hlk_info_reset_count rc;
		struct hlk_info_pci_counters pci;
		struct hlk_info_clk_throttle thr;
		struct hlk_info_energy en;
		struct hlk_power_info pw;
		struct hlk_hbm_row_info row;
		struct hlk_info_last_err_open_dev_time lt;
		struct hlk_info_dev_memalloc_page_sizes ps;
		uint32_t u32;
	} u;
	size_t len;

	memset(&u, 0, sizeof(u));
	switch (ic->a->op) {
	case HLK_INFO_DRAM_USAGE:
		u.du.dram_free_mem = (ic->g2 ? d->dram_size - d->dram_page
					     : d->dram_size - d->dram_user_base) - d->dram_used;
		u.du.ctx_dram_mem = ic->f->ctx ? sim_ctx_dram(ic->f->ctx) : 0;
		len = sizeof(u.du);
		break;
	case HLK_INFO_HW_IDLE:
		u.idle.is_idle = 1;
		len = ic->accel ? sizeof(u.idle) : HLK_HW_IDLE_SIZE_V1;
		break;
	case HLK_INFO_DEVICE_STATUS:
		u.st.status = d->status;
		len = sizeof(u.st);
		break;
	case HLK_INFO_CLK_RATE:
		u.clk.cur_clk_rate_mhz = u.clk.max_clk_rate_mhz = ic->g2 ? 1650 : 2200;
		len = sizeof(u.clk);
		break;
	case HLK_INFO_RESET_COUNT:
		u.rc.hard_reset_cnt = d->hard_resets;
		u.rc.soft_reset_cnt = d->soft_resets;
		len = sizeof(u.rc);
		break;
	case HLK_INFO_PCI_COUNTERS:
		u.pci.rx_throughput = 1200;
		u.pci.tx_throughput = 800;
		len = sizeof(u.pci);
		break;
	case HLK_INFO_TOTAL_ENERGY:
		u.en.total_energy_consumption = (uint64_t)(sim_now() / 1000000000) * 100;
		len = sizeof(u.en);
		break;
	case HLK_INFO_POWER:
		u.pw.power = ic->g2 ? 150000 : 90000;
		len = sizeof(u.pw);
		break;
	case HLK_INFO_LAST_ERR_OPEN_DEV_TIME:
		u.lt.timestamp = d->last_open_ns;
		len = sizeof(u.lt);
		break;
	case HLK_INFO_DEVICE_UTILIZATION: len = sizeof(u.ut); break;
	case HLK_INFO_CLK_THROTTLE_REASON: len = sizeof(u.thr); break;
	case HLK_INFO_DRAM_REPLACED_ROWS: len = sizeof(u.row); break;
	case HLK_INFO_DRAM_PENDING_ROWS: len = sizeof(u.u32); break;
	case HLK_INFO_DEV_MEM_ALLOC_PAGE_SIZES: len = sizeof(u.ps); break;
	default:
		return -EINVAL;
	}
	return put(ic, &u, len);
}

/* time_sync_info(): a 100 MHz device clock started with the host's */
static int info_time_sync(struct info_call *ic)
{
	struct hlk_info_time_sync ts;
	struct timespec t;

	memset(&ts, 0, sizeof(ts));
	clock_gettime(CLOCK_MONOTONIC_RAW, &t);
	ts.host_time = (uint64_t)t.tv_sec * 1000000000ull + (uint64_t)t.tv_nsec;
	ts.device_time = ts.host_time / 10;
	return put(ic, &ts, ic->accel ? sizeof(ts) : HLK_TIME_SYNC_SIZE_V1);
}

/* sync_manager_info(), pll_frequency_info(): argument checks first */
static int info_indexed(struct info_call *ic)
{
	union {
		struct hlk_info_sync_manager sm;
		struct hlk_pll_frequency_info pll;
	} u;

	memset(&u, 0, sizeof(u));
	if (ic->a->op == HLK_INFO_SYNC_MANAGER) {
		if (ic->a->dcore_id >= HLK_MAX_DCORES)
			return -EINVAL;
		u.sm.first_available_sync_object = ic->g2 ? 384 : 144;
		u.sm.first_available_monitor = ic->g2 ? 384 : 72;
		u.sm.first_available_cq = ic->g2 ? 8 : 0;
		return put(ic, &u.sm, sizeof(u.sm));
	}
	if (ic->a->pll_index > (ic->g2 ? 11u : 9u))
		return -EINVAL;
	for (int i = 0; i < 4; i++)
		u.pll.output[i] = (uint16_t)(1600 / (i + 1));
	return put(ic, &u.pll, sizeof(u.pll));
}

static int info_answer(struct info_call *ic)
{
	const struct sim_records *r = &ic->d->rec;

	switch (ic->a->op) {
	case HLK_INFO_HW_IP_INFO:
		return info_hw_ip(ic);
	case HLK_INFO_HW_EVENTS:
	case HLK_INFO_HW_EVENTS_AGGREGATE:
		return put(ic, ic->a->op == HLK_INFO_HW_EVENTS ? ic->d->events : ic->d->events_aggr,
			   ic->d->num_events * sizeof(uint32_t));
	case HLK_INFO_TIME_SYNC:
		return info_time_sync(ic);
	case HLK_INFO_CS_COUNTERS:
		return info_cs_counters(ic);
	case HLK_INFO_SYNC_MANAGER:
	case HLK_INFO_PLL_FREQUENCY:
		return info_indexed(ic);
	case HLK_INFO_OPEN_STATS:
		return info_open_stats(ic);
	case HLK_INFO_CS_TIMEOUT_EVENT:
		return put(ic, &r->cs_timeout, sizeof(r->cs_timeout));
	case HLK_INFO_RAZWI_EVENT:
		return info_razwi(ic);
	case HLK_INFO_SECURED_ATTESTATION:
	case HLK_INFO_DEV_SIGNED:
		return info_attest(ic);
	case HLK_INFO_GET_EVENTS:
		return info_get_events(ic);
	case HLK_INFO_UNDEFINED_OPCODE_EVENT:
		if (ic->accel && !r->undef.timestamp)
			return 0;
		return put(ic, &r->undef, sizeof(r->undef));
	case HLK_INFO_ENGINE_STATUS:
		return info_engine_status(ic);
	case HLK_INFO_PAGE_FAULT_EVENT:
		return r->page_fault.timestamp ? put(ic, &r->page_fault, sizeof(r->page_fault)) : 0;
	case HLK_INFO_USER_MAPPINGS:
		return info_user_mappings(ic);
	case HLK_INFO_FW_GENERIC_REQ:
		return info_fw_generic(ic);
	case HLK_INFO_HW_ERR_EVENT:
	case HLK_INFO_FW_ERR_EVENT:
	case HLK_INFO_USER_ENGINE_ERR_EVENT:
		return info_err_record(ic);
	default:
		return info_value(ic);
	}
}

/*
 * hw_err_info(), fw_err_info(), engine_err_info() and user_mappings_info()
 * refuse only a NULL buffer: with nothing captured they return 0 whatever
 * the size, and ENOMEM for a buffer too small for what was captured
 */
static bool size_checked_later(uint32_t op)
{
	return op == HLK_INFO_HW_ERR_EVENT || op == HLK_INFO_FW_ERR_EVENT ||
	       op == HLK_INFO_USER_ENGINE_ERR_EVENT || op == HLK_INFO_USER_MAPPINGS;
}

int sim_ioctl_info(struct sim_call *call, void *k)
{
	struct info_call ic = { .f = call->f, .d = call->f->dev, .a = k };
	int ret;

	ic.g2 = sim_gaudi2(ic.d);
	ic.p = sim_prof(ic.d);
	ic.accel = sim_modern(ic.d);
	if (ic.accel && ic.a->pad)
		return -EINVAL;
	if (op_oot_unmodelled(ic.a->op, ic.p))
		return -EOPNOTSUPP;
	pthread_mutex_lock(&ic.d->lock);
	sim_dev_release_check(ic.d);
	/* the operational check comes before the opcode switch's default */
	if (!sim_dev_operational(ic.d) && !always_allowed(ic.a->op, ic.accel))
		ret = -EBUSY;
	else if (!op_exists(ic.a->op, ic.p))
		ret = -EINVAL;
	else if (ic.a->op == HLK_INFO_REGISTER_EVENTFD || ic.a->op == HLK_INFO_UNREGISTER_EVENTFD)
		ret = info_eventfd(&ic); /* these carry no result buffer */
	else if (!ic.a->return_pointer || (!ic.a->return_size && !size_checked_later(ic.a->op)))
		ret = -EINVAL;
	else
		ret = info_answer(&ic);
	pthread_mutex_unlock(&ic.d->lock);
	return ret;
}
