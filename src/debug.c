/* SPDX-License-Identifier: MIT */
/* DEBUG: CoreSight configuration through the driver. */
#include "hla_internal.h"

struct debug_req {
	uint32_t op;
	uint32_t reg_idx;
	uint32_t flags;
	const void *in;
	uint32_t in_size;
	void *out;
	size_t out_size;
};

static int debug_op(struct hla_device *dev, const struct debug_req *r)
{
	struct hlk_debug_args args;

	if (!dev || (r->flags & ~HLA_DEBUG_ENABLE) || (!r->out && r->out_size) ||
	    r->out_size > UINT32_MAX)
		return -EINVAL;
	memset(&args, 0, sizeof(args));
	args.op = r->op;
	args.reg_idx = r->reg_idx;
	args.enable = r->flags & HLA_DEBUG_ENABLE ? 1 : 0;
	args.input_ptr = (uint64_t)(uintptr_t)r->in;
	args.input_size = r->in ? r->in_size : 0;
	args.output_ptr = (uint64_t)(uintptr_t)r->out;
	args.output_size = r->out ? (uint32_t)r->out_size : 0;
	return hla__ioctl(dev, HLK_CMD_DEBUG, &args);
}

/*
 * Validate a caller's params struct and make dst (size bytes) a copy that
 * has all of it.  Params are required when enabling.  Returns 1 when there
 * are params, 0 when there are none, or -errno.
 */
static int get_params(void *dst, size_t size, const void *params, uint32_t flags)
{
	int ret;

	if (!params) {
		memset(dst, 0, size);
		return flags & HLA_DEBUG_ENABLE ? -EINVAL : 0;
	}
	if (hla__sz(params) == size) {
		memcpy(dst, params, size);
		return 1;
	}
	ret = hla__in_copy(dst, params, size);
	return ret ? ret : 1;
}

HLA_EXPORT int hla_debug_set_mode(struct hla_device *dev, uint32_t flags)
{
	struct debug_req r = { HLK_DEBUG_OP_SET_MODE, 0, flags, NULL, 0, NULL, 0 };

	return debug_op(dev, &r);
}

HLA_EXPORT int hla_debug_configure_etr(struct hla_device *dev, uint32_t reg_idx,
				       uint32_t flags,
				       const struct hla_debug_etr *params, void *out,
				       size_t out_size)
{
	struct hlk_debug_params_etr k;
	struct hla_debug_etr p;
	struct debug_req r = { HLK_DEBUG_OP_ETR, reg_idx, flags, NULL, sizeof(k),
			       out, out_size };
	int have = get_params(&p, sizeof(p), params, flags);

	if (have < 0)
		return have;
	memset(&k, 0, sizeof(k));
	k.buffer_address = p.buffer_address;
	k.buffer_size = p.buffer_size;
	k.sink_mode = p.sink_mode;
	r.in = have ? &k : NULL;
	return debug_op(dev, &r);
}

HLA_EXPORT int hla_debug_configure_etf(struct hla_device *dev, uint32_t reg_idx,
				       uint32_t flags,
				       const struct hla_debug_etf *params)
{
	struct hlk_debug_params_etf k;
	struct hla_debug_etf p;
	struct debug_req r = { HLK_DEBUG_OP_ETF, reg_idx, flags, NULL, sizeof(k),
			       NULL, 0 };
	int have = get_params(&p, sizeof(p), params, flags);

	if (have < 0)
		return have;
	memset(&k, 0, sizeof(k));
	k.buffer_address = p.buffer_address;
	k.buffer_size = p.buffer_size;
	k.sink_mode = p.sink_mode;
	r.in = have ? &k : NULL;
	return debug_op(dev, &r);
}

HLA_EXPORT int hla_debug_configure_stm(struct hla_device *dev, uint32_t reg_idx,
				       uint32_t flags,
				       const struct hla_debug_stm *params)
{
	struct hlk_debug_params_stm k;
	struct hla_debug_stm p;
	struct debug_req r = { HLK_DEBUG_OP_STM, reg_idx, flags, NULL, sizeof(k),
			       NULL, 0 };
	int have = get_params(&p, sizeof(p), params, flags);

	if (have < 0)
		return have;
	if (have && p.reserved0)
		return -EINVAL;
	memset(&k, 0, sizeof(k));
	k.he_mask = p.he_mask;
	k.sp_mask = p.sp_mask;
	k.id = p.id;
	k.frequency = p.frequency;
	r.in = have ? &k : NULL;
	return debug_op(dev, &r);
}

HLA_EXPORT int hla_debug_configure_funnel(struct hla_device *dev, uint32_t reg_idx,
					  uint32_t flags)
{
	struct debug_req r = { HLK_DEBUG_OP_FUNNEL, reg_idx, flags, NULL, 0, NULL, 0 };

	return debug_op(dev, &r);
}

HLA_EXPORT int hla_debug_configure_bmon(struct hla_device *dev, uint32_t reg_idx,
					uint32_t flags,
					const struct hla_debug_bmon *params)
{
	struct hlk_debug_params_bmon k;
	struct hla_debug_bmon p;
	struct debug_req r = { HLK_DEBUG_OP_BMON, reg_idx, flags, NULL, sizeof(k),
			       NULL, 0 };
	int have = get_params(&p, sizeof(p), params, flags);

	if (have < 0)
		return have;
	if (have && p.reserved0)
		return -EINVAL;
	memset(&k, 0, sizeof(k));
	k.start_addr0 = p.start_addr0;
	k.addr_mask0 = p.addr_mask0;
	k.start_addr1 = p.start_addr1;
	k.addr_mask1 = p.addr_mask1;
	k.bw_win = p.bw_win;
	k.win_capture = p.win_capture;
	k.id = p.id;
	k.control = p.control;
	k.start_addr2 = p.start_addr2;
	k.end_addr2 = p.end_addr2;
	k.start_addr3 = p.start_addr3;
	k.end_addr3 = p.end_addr3;
	r.in = have ? &k : NULL;
	return debug_op(dev, &r);
}

HLA_EXPORT int hla_debug_configure_spmu(struct hla_device *dev, uint32_t reg_idx,
					uint32_t flags,
					const struct hla_debug_spmu *params,
					void *out, size_t out_size)
{
	struct hlk_debug_params_spmu k;
	struct hla_debug_spmu p;
	struct debug_req r = { HLK_DEBUG_OP_SPMU, reg_idx, flags, NULL, sizeof(k),
			       out, out_size };
	int have = get_params(&p, sizeof(p), params, flags);

	_Static_assert(HLA_DEBUG_MAX_EVENT_TYPES == HLK_DEBUG_MAX_AUX_VALUES,
		       "spmu event types");
	if (have < 0)
		return have;
	if (have && (p.reserved0 || p.event_types_num > HLA_DEBUG_MAX_EVENT_TYPES))
		return -EINVAL;
	memset(&k, 0, sizeof(k));
	memcpy(k.event_types, p.event_types, sizeof(k.event_types));
	k.event_types_num = p.event_types_num;
	k.pmtrc_val = p.pmtrc_val;
	k.trc_ctrl_host_val = p.trc_ctrl_host_val;
	k.trc_en_host_val = p.trc_en_host_val;
	r.in = have ? &k : NULL;
	return debug_op(dev, &r);
}

HLA_EXPORT int hla_debug_configure_timestamp(struct hla_device *dev, uint32_t flags)
{
	struct debug_req r = { HLK_DEBUG_OP_TIMESTAMP, 0, flags, NULL, 0, NULL, 0 };

	return debug_op(dev, &r);
}

/*
 * Habana's driver only.  The in-tree driver answers these op numbers with
 * -EINVAL, which would pass for a bad argument, so they are refused without
 * a call where the capability set says the driver is not Habana's.
 */
static int habana_op(struct hla_device *dev, const struct debug_req *r)
{
	int ret = hla__cap_gate(dev, HLA_CAP_DEBUG_HABANA);

	return ret ? ret : debug_op(dev, r);
}

HLA_EXPORT int hla_debug_fetch_trace(struct hla_device *dev,
				     const struct hla_debug_fetch_trace *params,
				     void *out, size_t out_size)
{
	struct hlk_debug_params_fetch_trace k;
	struct hla_debug_fetch_trace p;
	struct debug_req r = { HLK_DEBUG_OP_FETCH_TRACE, 0, 0, NULL, sizeof(k),
			       out, out_size };
	int have;

	if (!dev || !params)
		return -EINVAL;
	have = get_params(&p, sizeof(p), params, 0);
	if (have < 0)
		return have;
	if (p.reserved0 || !p.buffer_address || !p.buffer_size)
		return -EINVAL;
	memset(&k, 0, sizeof(k));
	k.buffer_address = p.buffer_address;
	k.buffer_size = p.buffer_size;
	k.buffer_index_address = p.buffer_index_address;
	k.copied_size_addr = p.copied_size_address;
	k.etr_id = p.etr_id;
	k.timeout_ms = p.timeout_ms;
	r.in = &k;
	return habana_op(dev, &r);
}

HLA_EXPORT int hla_debug_read_block(struct hla_device *dev, uint64_t cfg_address,
				    void *buf, uint32_t size)
{
	struct hlk_debug_params_read_block k;
	struct debug_req r = { HLK_DEBUG_OP_READBLOCK, 0, 0, &k, sizeof(k), NULL, 0 };

	_Static_assert(HLA_DEBUG_READ_BLOCK_MAX == HLK_DEBUG_MAX_READ_BLOCK_SIZE,
		       "read block size");
	/* the driver copies size bytes to buf: whole words, 16 KiB at most */
	if (!dev || !buf || !size || size > HLA_DEBUG_READ_BLOCK_MAX || size % 4)
		return -EINVAL;
	memset(&k, 0, sizeof(k));
	k.cfg_address = cfg_address;
	k.user_address = (uint64_t)(uintptr_t)buf;
	k.size = size;
	return habana_op(dev, &r);
}

HLA_EXPORT int hla_debug_sched_submit(struct hla_device *dev, uint64_t cpu_id,
				      uint64_t queue_id, const void *buf,
				      uint32_t size)
{
	struct hlk_debug_params_scheduler k;
	struct debug_req r = { HLK_DEBUG_OP_SCHED_SUBMIT_BUF, 0, 0, &k, sizeof(k),
			       NULL, 0 };

	_Static_assert(HLA_DEBUG_SCHED_BUF_MAX == HLK_DEBUG_MAX_SCHED_BUF_SIZE,
		       "scheduler buffer size");
	if (!dev || !buf || !size || size > HLA_DEBUG_SCHED_BUF_MAX || size % 4)
		return -EINVAL;
	memset(&k, 0, sizeof(k));
	k.cpu_id = cpu_id;
	k.queue_id = queue_id;
	k.buffer = (uint64_t)(uintptr_t)buf;
	k.size = size;
	return habana_op(dev, &r);
}

HLA_EXPORT int hla_debug_enable_err_capture(struct hla_device *dev)
{
	struct debug_req r = { HLK_DEBUG_OP_ENABLE_ERR_INFO_CAPTURE, 0, 0, NULL, 0,
			       NULL, 0 };

	if (!dev)
		return -EINVAL;
	return habana_op(dev, &r);
}

HLA_EXPORT int hla_debug_dio_read(struct hla_device *dev, int fd, uint64_t offset,
				  uint64_t length, uint64_t device_va,
				  uint64_t *bytes_read)
{
	struct hlk_dio_args k;
	uint64_t done = 0; /* a device without the feature answers 0, writes nothing */
	struct debug_req r = { HLK_DEBUG_OP_DIO, 0, 0, &k, sizeof(k), &done,
			       sizeof(done) };
	int ret;

	if (bytes_read)
		*bytes_read = 0;
	if (!dev || fd < 0 || !length)
		return -EINVAL;
	memset(&k, 0, sizeof(k));
	k.device_va = device_va;
	k.off_bytes = offset;
	k.len_bytes = length;
	k.fd = (uint32_t)fd;
	k.op = HLK_DIO_CMD_SSD2HL;
	ret = habana_op(dev, &r);
	if (!ret && bytes_read)
		*bytes_read = done;
	return ret;
}
