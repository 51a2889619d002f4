/* SPDX-License-Identifier: MIT */
/* DEBUG, event notification, event records, version and allocation. */
#include "ht_internal.h"

#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <unistd.h>

/* ---- DEBUG ---------------------------------------------------------- */

/* the op's kernel struct from the caller's input, as the driver reads it:
 * min(input_size, size) bytes, the rest zero; false when there is none */
static bool debug_in(const struct hl_debug_args *d, void *k, size_t size)
{
	size_t n = d->input_size < size ? d->input_size : size;

	memset(k, 0, size);
	if (!d->input_ptr || !n)
		return false;
	memcpy(k, (const void *)(uintptr_t)d->input_ptr, n);
	return true;
}

static int debug_etr(struct hla_device *dev, const struct hl_debug_args *d,
		     uint32_t flags, void *out, size_t out_size)
{
	struct hl_debug_params_etr k;
	HLA_STRUCT_INIT(hla_debug_etr, p);
	bool have = debug_in(d, &k, sizeof(k));

	p.sink_mode = k.sink_mode;
	p.buffer_address = k.buffer_address;
	p.buffer_size = k.buffer_size;
	return hla_debug_configure_etr(dev, d->reg_idx, flags, have ? &p : NULL, out,
				       out_size);
}

static int debug_etf(struct hla_device *dev, const struct hl_debug_args *d, uint32_t flags)
{
	struct hl_debug_params_etf k;
	HLA_STRUCT_INIT(hla_debug_etf, p);
	bool have = debug_in(d, &k, sizeof(k));

	p.sink_mode = k.sink_mode;
	p.buffer_address = k.buffer_address;
	p.buffer_size = k.buffer_size;
	return hla_debug_configure_etf(dev, d->reg_idx, flags, have ? &p : NULL);
}

static int debug_stm(struct hla_device *dev, const struct hl_debug_args *d, uint32_t flags)
{
	struct hl_debug_params_stm k;
	HLA_STRUCT_INIT(hla_debug_stm, p);
	bool have = debug_in(d, &k, sizeof(k));

	p.id = k.id;
	p.he_mask = k.he_mask;
	p.sp_mask = k.sp_mask;
	p.frequency = k.frequency;
	return hla_debug_configure_stm(dev, d->reg_idx, flags, have ? &p : NULL);
}

static int debug_spmu(struct hla_device *dev, const struct hl_debug_args *d,
		      uint32_t flags, void *out, size_t out_size)
{
	struct hl_debug_params_spmu k;
	HLA_STRUCT_INIT(hla_debug_spmu, p);
	bool have = debug_in(d, &k, sizeof(k));

	_Static_assert(sizeof(p.event_types) == sizeof(k.event_types), "spmu events");
	p.event_types_num = k.event_types_num;
	memcpy(p.event_types, k.event_types, sizeof(p.event_types));
	p.pmtrc_val = k.pmtrc_val;
	p.trc_ctrl_host_val = k.trc_ctrl_host_val;
	p.trc_en_host_val = k.trc_en_host_val;
	return hla_debug_configure_spmu(dev, d->reg_idx, flags, have ? &p : NULL, out,
					out_size);
}

static int debug_bmon(struct hla_device *dev, const struct hl_debug_args *d, uint32_t flags)
{
	struct hl_debug_params_bmon k;
	HLA_STRUCT_INIT(hla_debug_bmon, p);
	bool have = debug_in(d, &k, sizeof(k));

	p.id = k.id;
	p.start_addr0 = k.start_addr0;
	p.addr_mask0 = k.addr_mask0;
	p.start_addr1 = k.start_addr1;
	p.addr_mask1 = k.addr_mask1;
	p.start_addr2 = k.start_addr2;
	p.end_addr2 = k.end_addr2;
	p.start_addr3 = k.start_addr3;
	p.end_addr3 = k.end_addr3;
	p.bw_win = k.bw_win;
	p.win_capture = k.win_capture;
	p.control = k.control;
	return hla_debug_configure_bmon(dev, d->reg_idx, flags, have ? &p : NULL);
}

/* one op through hlaccel's typed calls; ops it has no call for (the
 * out-of-tree driver's) cannot be passed on */
static int debug_op(struct hla_device *dev, const struct hl_debug_args *d)
{
	uint32_t flags = d->enable ? HLA_DEBUG_ENABLE : 0;
	void *out = (void *)(uintptr_t)d->output_ptr;
	size_t out_size = out ? d->output_size : 0;

	switch (d->op) {
	case HL_DEBUG_OP_SET_MODE:
		return hla_debug_set_mode(dev, flags);
	case HL_DEBUG_OP_FUNNEL:
		return hla_debug_configure_funnel(dev, d->reg_idx, flags);
	case HL_DEBUG_OP_TIMESTAMP:
		return hla_debug_configure_timestamp(dev, flags);
	case HL_DEBUG_OP_BMON:
		return debug_bmon(dev, d, flags);
	case HL_DEBUG_OP_ETR:
		return debug_etr(dev, d, flags, out, out_size);
	case HL_DEBUG_OP_ETF:
		return debug_etf(dev, d, flags);
	case HL_DEBUG_OP_STM:
		return debug_stm(dev, d, flags);
	case HL_DEBUG_OP_SPMU:
		return debug_spmu(dev, d, flags, out, out_size);
	default:
		return -EOPNOTSUPP;
	}
}

HT_EXPORT int hlthunk_debug(int fd, struct hl_debug_args *debug)
{
	int ret;

	if (!debug)
		return ht_err(-EINVAL);
	HT_ON_FD(fd, r, ret) {
		ret = debug_op(r.e->dev, debug);
	}
	return ret;
}

/* ---- event notification -------------------------------------------- */

HT_EXPORT int hlthunk_notifier_create(int fd)
{
	int efd = eventfd(0, EFD_CLOEXEC);
	int ret;

	if (efd < 0)
		return ht_err(-errno);
	HT_ON_FD(fd, r, ret) {
		ret = hla_events_register_fd(r.e->dev, efd);
	}
	if (ret) {
		close(efd);
		return ht_err(ret);
	}
	return efd;
}

HT_EXPORT int hlthunk_notifier_release(int fd, int handle)
{
	int ret;

	HT_ON_FD(fd, r, ret) {
		ret = hla_events_unregister_fd(r.e->dev);
	}
	if (ret)
		return ret;
	return close(handle) ? ht_err(-errno) : 0;
}

HT_EXPORT int hlthunk_notifier_recv(int fd, int handle, uint64_t *notifier_events,
				    uint64_t *notifier_cnt, uint32_t flags, uint32_t timeout)
{
	struct pollfd p = { .fd = handle, .events = POLLIN };
	uint64_t cnt;
	int ret;

	(void)flags; /* none defined */
	if (!notifier_events || !notifier_cnt || timeout > INT32_MAX)
		return ht_err(-EINVAL);
	*notifier_cnt = 0;
	ret = poll(&p, 1, (int)timeout);
	if (ret <= 0)
		return ret ? ht_err(-errno) : 0;
	if (read(handle, &cnt, sizeof(cnt)) != (ssize_t)sizeof(cnt))
		return ht_err(-EIO);
	HT_ON_FD(fd, r, ret) {
		ret = hla_events_read(r.e->dev, notifier_events);
	}
	if (!ret)
		*notifier_cnt = cnt;
	return ret;
}

/* ---- event records --------------------------------------------------- */

static void razwi_record(struct hlthunk_event_record_razwi_event *o,
			 const struct hla_razwi_event *ev)
{
	o->timestamp = ev->timestamp;
	o->addr = ev->addr;
	o->engine_id_1 = ev->num_engines > 0 ? ev->engine_id[0] : 0xFFFF;
	o->engine_id_2 = ev->num_engines > 1 ? ev->engine_id[1] : 0xFFFF;
	o->no_engine_id = ev->num_engines == 0;
	o->error_type = ev->valid & HLA_EVENT_VALID_ERROR_TYPE ? (uint8_t)ev->error_type : 0xFF;
}

static void undef_record(struct hlthunk_event_record_undefined_opcode *o,
			 const struct hla_undefined_opcode_event *ev)
{
	_Static_assert(sizeof(o->cb_addr_streams) == sizeof(ev->cb_addr_streams),
		       "cb address streams");
	o->timestamp = ev->timestamp;
	memcpy(o->cb_addr_streams, ev->cb_addr_streams, sizeof(o->cb_addr_streams));
	o->cq_addr = ev->cq_addr;
	o->cq_size = ev->cq_size;
	o->cb_addr_streams_len = ev->cb_addr_streams_len;
	o->engine_id = ev->engine_id;
	o->stream_id = ev->stream_id;
}

/* the record of id into buf; nothing captured reads as zeros, as in
 * hl-thunk (hlaccel says -ENODATA) */
static int record(struct hla_device *dev, enum hlthunk_event_record_id id, void *buf)
{
	union {
		struct hla_cs_timeout_event cs;
		struct hla_razwi_event razwi;
		struct hla_undefined_opcode_event undef;
	} ev;
	int64_t ts = 0;
	int ret;

	memset(&ev, 0, sizeof(ev));
	switch (id) {
	case HLTHUNK_OPEN_DEV:
		ret = hla_info_last_err_open_dev_time(dev, &ts);
		((struct hlthunk_event_record_open_dev_time *)buf)->timestamp = ret ? 0 : ts;
		return ret == -ENODATA ? 0 : ret;
	case HLTHUNK_CS_TIMEOUT: {
		struct hlthunk_event_record_cs_timeout *o = buf;

		ev.cs.sz = sizeof(ev.cs);
		ret = hla_info_cs_timeout_event(dev, &ev.cs);
		if (ret && ret != -ENODATA)
			return ret;
		o->timestamp = ev.cs.timestamp;
		o->seq = ev.cs.seq;
		return 0;
	}
	case HLTHUNK_RAZWI_EVENT:
		ev.razwi.sz = sizeof(ev.razwi);
		ret = hla_info_razwi_event(dev, &ev.razwi);
		if (ret && ret != -ENODATA)
			return ret;
		razwi_record(buf, &ev.razwi);
		return 0;
	case HLTHUNK_UNDEFINED_OPCODE:
		ev.undef.sz = sizeof(ev.undef);
		ret = hla_info_undefined_opcode_event(dev, &ev.undef);
		if (ret && ret != -ENODATA)
			return ret;
		undef_record(buf, &ev.undef);
		return 0;
	default:
		return -EINVAL;
	}
}

/* the records of the later driver versions */
static int record_err(struct hla_device *dev, enum hlthunk_event_record_id id, void *buf)
{
	union {
		struct hla_hw_err_event hw;
		struct hla_fw_err_event fw;
		struct hla_engine_err_event eng;
	} ev;
	int ret;

	memset(&ev, 0, sizeof(ev));
	if (id == HLTHUNK_HW_ERR_OPCODE) {
		ev.hw.sz = sizeof(ev.hw);
		ret = hla_info_hw_err_event(dev, &ev.hw);
	} else if (id == HLTHUNK_FW_ERR_OPCODE) {
		ev.fw.sz = sizeof(ev.fw);
		ret = hla_info_fw_err_event(dev, &ev.fw);
	} else {
		ev.eng.sz = sizeof(ev.eng);
		ret = hla_info_engine_err_event(dev, &ev.eng);
	}
	if (ret && ret != -ENODATA)
		return ret;
	if (id == HLTHUNK_HW_ERR_OPCODE) {
		struct hlthunk_event_record_critical_hw_err *o = buf;

		o->timestamp = ev.hw.timestamp;
		o->event_id = ev.hw.event_id;
	} else if (id == HLTHUNK_FW_ERR_OPCODE) {
		struct hlthunk_event_record_critical_fw_err *o = buf;

		o->timestamp = ev.fw.timestamp;
		o->err_type = ev.fw.err_type;
		o->reported_err_id = ev.fw.event_id;
	} else {
		struct hlthunk_event_record_engine_err *o = buf;

		o->timestamp = ev.eng.timestamp;
		o->engine_id = ev.eng.engine_id;
		o->error_count = ev.eng.error_count;
	}
	return 0;
}

HT_EXPORT int hlthunk_get_event_record(int fd, enum hlthunk_event_record_id event_id,
				       void *buf)
{
	int ret;

	if (!buf || (int)event_id < 0 || event_id > HLTHUNK_ENGINE_EVENT)
		return ht_err(-EINVAL);
	HT_ON_FD(fd, r, ret) {
		ret = event_id < HLTHUNK_HW_ERR_OPCODE ? record(r.e->dev, event_id, buf) :
							 record_err(r.e->dev, event_id, buf);
	}
	return ret;
}

/* ---- misc ------------------------------------------------------------ */

HT_EXPORT void *hlthunk_malloc(size_t size)
{
	return calloc(1, size);
}

HT_EXPORT void hlthunk_free(void *pt)
{
	free(pt);
}

HT_EXPORT char *hlthunk_get_version(void)
{
	int v = hla_version();
	char *s = hlthunk_malloc(64);

	if (s)
		snprintf(s, 64, "%s-hlaccel%d.%d.%d", HT_VERSION, (v >> 16) & 0xff,
			 (v >> 8) & 0xff, v & 0xff);
	return s;
}
