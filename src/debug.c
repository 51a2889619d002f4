/* SPDX-License-Identifier: MIT */
/* DEBUG: CoreSight configuration through the driver. */
#include "hla_internal.h"

#include <errno.h>
#include <stddef.h>

/* bytes of a params struct this library knows: up to the end of its last field */
#define KNOWN(type, last) (offsetof(type, last) + sizeof(((type *)0)->last))

static int debug_op(struct hla_device *dev, uint32_t op, uint32_t reg_idx,
		    int enable, const void *in, uint32_t in_size, void *out,
		    uint32_t out_size)
{
	struct hlk_debug_args args;

	if (!dev || (!out && out_size))
		return -EINVAL;
	memset(&args, 0, sizeof(args));
	args.op = op;
	args.reg_idx = reg_idx;
	args.enable = enable ? 1 : 0;
	args.input_ptr = (uint64_t)(uintptr_t)in;
	args.input_size = in ? in_size : 0;
	args.output_ptr = (uint64_t)(uintptr_t)out;
	args.output_size = out ? out_size : 0;
	return hla__ioctl(dev, HLK_CMD_DEBUG, &args);
}

/*
 * Validate a caller's params struct and copy the part it has into the
 * zeroed local copy dst (size bytes).  Params are required when enabling.
 * Returns 1 when there are params, 0 when there are none, or -errno.
 */
static int get_params(void *dst, size_t size, const void *params, size_t known,
		      int enable)
{
	size_t sz;
	int ret;

	memset(dst, 0, size);
	if (!params)
		return enable ? -EINVAL : 0;
	ret = hla__check_in(params, known);
	if (ret)
		return ret;
	sz = *(const size_t *)params;
	memcpy(dst, params, sz < size ? sz : size);
	return 1;
}

HLA_EXPORT int hla_debug_set_mode(struct hla_device *dev, int enable)
{
	return debug_op(dev, HLK_DEBUG_OP_SET_MODE, 0, enable, NULL, 0, NULL, 0);
}

HLA_EXPORT int hla_debug_etr(struct hla_device *dev, uint32_t reg_idx, int enable,
			     const struct hla_debug_etr *params, void *out,
			     uint32_t out_size)
{
	struct hlk_debug_params_etr k;
	struct hla_debug_etr p;
	int have;

	if (!dev)
		return -EINVAL;
	have = get_params(&p, sizeof(p), params,
			  KNOWN(struct hla_debug_etr, sink_mode), enable);
	if (have < 0)
		return have;
	memset(&k, 0, sizeof(k));
	k.buffer_address = p.buffer_address;
	k.buffer_size = p.buffer_size;
	k.sink_mode = p.sink_mode;
	return debug_op(dev, HLK_DEBUG_OP_ETR, reg_idx, enable, have ? &k : NULL,
			sizeof(k), out, out_size);
}

HLA_EXPORT int hla_debug_etf(struct hla_device *dev, uint32_t reg_idx, int enable,
			     const struct hla_debug_etf *params)
{
	struct hlk_debug_params_etf k;
	struct hla_debug_etf p;
	int have;

	if (!dev)
		return -EINVAL;
	have = get_params(&p, sizeof(p), params,
			  KNOWN(struct hla_debug_etf, sink_mode), enable);
	if (have < 0)
		return have;
	memset(&k, 0, sizeof(k));
	k.buffer_address = p.buffer_address;
	k.buffer_size = p.buffer_size;
	k.sink_mode = p.sink_mode;
	return debug_op(dev, HLK_DEBUG_OP_ETF, reg_idx, enable, have ? &k : NULL,
			sizeof(k), NULL, 0);
}

HLA_EXPORT int hla_debug_stm(struct hla_device *dev, uint32_t reg_idx, int enable,
			     const struct hla_debug_stm *params)
{
	struct hlk_debug_params_stm k;
	struct hla_debug_stm p;
	int have;

	if (!dev)
		return -EINVAL;
	have = get_params(&p, sizeof(p), params,
			  KNOWN(struct hla_debug_stm, frequency), enable);
	if (have < 0)
		return have;
	memset(&k, 0, sizeof(k));
	k.he_mask = p.he_mask;
	k.sp_mask = p.sp_mask;
	k.id = p.id;
	k.frequency = p.frequency;
	return debug_op(dev, HLK_DEBUG_OP_STM, reg_idx, enable, have ? &k : NULL,
			sizeof(k), NULL, 0);
}

HLA_EXPORT int hla_debug_funnel(struct hla_device *dev, uint32_t reg_idx,
				int enable)
{
	return debug_op(dev, HLK_DEBUG_OP_FUNNEL, reg_idx, enable, NULL, 0, NULL, 0);
}

HLA_EXPORT int hla_debug_bmon(struct hla_device *dev, uint32_t reg_idx, int enable,
			      const struct hla_debug_bmon *params)
{
	struct hlk_debug_params_bmon k;
	struct hla_debug_bmon p;
	int have;

	if (!dev)
		return -EINVAL;
	have = get_params(&p, sizeof(p), params,
			  KNOWN(struct hla_debug_bmon, control), enable);
	if (have < 0)
		return have;
	/* the kernel struct orders the fields differently */
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
	return debug_op(dev, HLK_DEBUG_OP_BMON, reg_idx, enable, have ? &k : NULL,
			sizeof(k), NULL, 0);
}

HLA_EXPORT int hla_debug_spmu(struct hla_device *dev, uint32_t reg_idx, int enable,
			      const struct hla_debug_spmu *params, void *out,
			      uint32_t out_size)
{
	struct hlk_debug_params_spmu k;
	struct hla_debug_spmu p;
	int have;

	_Static_assert(HLA_DEBUG_MAX_EVENT_TYPES == HLK_DEBUG_MAX_AUX_VALUES,
		       "spmu event types");
	if (!dev)
		return -EINVAL;
	have = get_params(&p, sizeof(p), params,
			  KNOWN(struct hla_debug_spmu, trc_en_host_val), enable);
	if (have < 0)
		return have;
	if (p.event_types_num > HLA_DEBUG_MAX_EVENT_TYPES)
		return -EINVAL;
	memset(&k, 0, sizeof(k));
	memcpy(k.event_types, p.event_types, sizeof(k.event_types));
	k.event_types_num = p.event_types_num;
	k.pmtrc_val = p.pmtrc_val;
	k.trc_ctrl_host_val = p.trc_ctrl_host_val;
	k.trc_en_host_val = p.trc_en_host_val;
	return debug_op(dev, HLK_DEBUG_OP_SPMU, reg_idx, enable, have ? &k : NULL,
			sizeof(k), out, out_size);
}

HLA_EXPORT int hla_debug_timestamp(struct hla_device *dev, int enable)
{
	return debug_op(dev, HLK_DEBUG_OP_TIMESTAMP, 0, enable, NULL, 0, NULL, 0);
}
