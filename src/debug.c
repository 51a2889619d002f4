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
