/* SPDX-License-Identifier: MIT */
/*
 * Events: the error records the driver captures (INFO opcodes with a
 * timestamp; 0 means nothing was captured), the per-handle event mask and
 * its eventfd.
 */
#include "hla_internal.h"

#include "info_layout.h"
#include "valid.h"

static void set_valid(void *out, uint64_t valid)
{
	struct {
		uint32_t sz;
		uint32_t reserved0;
		uint64_t valid;
	} *h = out;

	h->reserved0 = 0;
	h->valid = valid;
}

/*
 * A record straight into the caller's struct.  Kernels differ when nothing
 * was captured (a zeroed record, or nothing written); the buffer is zeroed
 * first, so both read as timestamp 0 and give -ENODATA.
 */
static int record(struct hla_device *dev, uint32_t op, uint64_t cap, void *out,
		  size_t known, uint32_t ksize, uint64_t valid,
		  const struct hla_field_end *ends, unsigned int nends)
{
	int64_t ts = 0;
	size_t n;
	int ret = hla__info_check(dev, out, known);

	/* a request newer than 6.1: never sent to a driver without it */
	if (!ret && cap)
		ret = hla__cap_gate(dev, cap);
	if (ret)
		return ret;
	ret = hla__info_into(dev, op, out, known, ksize, NULL);
	if (cap)
		ret = hla__cap_result(dev, cap, ret);
	/* the first drivers with hardware and firmware error records (6.4)
	 * answer ENOENT when nothing was captured; later ones return 0 and
	 * write nothing */
	if (ret == -ENOENT && (op == HLK_INFO_HW_ERR_EVENT || op == HLK_INFO_FW_ERR_EVENT))
		return -ENODATA;
	if (ret)
		return ret;
	if (hla__sz(out) < known)
		valid = hla__valid_trim(valid, ends, nends, hla__sz(out));
	if (hla__sz(out) <= 16) {
		/* no room for anything past the header */
		set_valid(out, 0);
		return 0;
	}
	/* every record starts with its timestamp, right after the header; a
	 * caller's struct may hold only part of it */
	n = hla__sz(out) - 16;
	memcpy(&ts, (const char *)out + 16, n < sizeof(ts) ? n : sizeof(ts));
	if (!ts)
		return -ENODATA;
	set_valid(out, valid);
	return 0;
}

#define RECORD(dev, op, out, kstruct, valid, ends)                         \
	record(dev, op, 0, out, sizeof(*(out)), sizeof(struct kstruct), valid, ends, \
	       HLA_ARRAY_SIZE(ends))
/* the same, for a request the driver may lack (its HLA_CAP_* bit) */
#define RECORD_CAP(dev, op, cap, out, kstruct, valid, ends)                   \
	record(dev, op, cap, out, sizeof(*(out)), sizeof(struct kstruct), valid, \
	       ends, HLA_ARRAY_SIZE(ends))

HLA_EXPORT int hla_info_cs_timeout_event(struct hla_device *dev,
					 struct hla_cs_timeout_event *out)
{
	return RECORD(dev, HLK_INFO_CS_TIMEOUT_EVENT, out, hlk_info_cs_timeout_event,
		      HLA_EVENT_VALID_TIMESTAMP | HLA_EVENT_VALID_SEQ,
		      cs_timeout_ends);
}

HLA_EXPORT int hla_info_undefined_opcode_event(struct hla_device *dev,
					       struct hla_undefined_opcode_event *out)
{
	return RECORD(dev, HLK_INFO_UNDEFINED_OPCODE_EVENT, out,
		      hlk_info_undefined_opcode_event,
		      HLA_EVENT_VALID_TIMESTAMP | HLA_EVENT_VALID_CB_ADDRS |
			      HLA_EVENT_VALID_ENGINE_ID | HLA_EVENT_VALID_STREAM_ID,
		      undefined_opcode_ends);
}

HLA_EXPORT int hla_info_page_fault_event(struct hla_device *dev,
					 struct hla_page_fault_event *out)
{
	/* only Gaudi3 reports the engine of a page fault */
	return RECORD_CAP(dev, HLK_INFO_PAGE_FAULT_EVENT, HLA_CAP_INFO_PAGE_FAULT,
		      out, hlk_page_fault_info,
		      HLA_EVENT_VALID_TIMESTAMP | HLA_EVENT_VALID_ADDR |
			      (dev && hla__asic_is_gaudi3(dev->asic) ?
				       HLA_EVENT_VALID_ENGINE_ID :
				       0),
		      page_fault_ends);
}

HLA_EXPORT int hla_info_hw_err_event(struct hla_device *dev,
				     struct hla_hw_err_event *out)
{
	return RECORD_CAP(dev, HLK_INFO_HW_ERR_EVENT, HLA_CAP_INFO_ERR_EVENTS, out,
			  hlk_info_hw_err_event,
		      HLA_EVENT_VALID_TIMESTAMP | HLA_EVENT_VALID_EVENT_ID,
		      hw_err_ends);
}

HLA_EXPORT int hla_info_fw_err_event(struct hla_device *dev,
				     struct hla_fw_err_event *out)
{
	return RECORD_CAP(dev, HLK_INFO_FW_ERR_EVENT, HLA_CAP_INFO_ERR_EVENTS, out,
			  hlk_info_fw_err_event,
		      HLA_EVENT_VALID_TIMESTAMP | HLA_EVENT_VALID_ERROR_TYPE |
			      HLA_EVENT_VALID_EVENT_ID,
		      fw_err_ends);
}

HLA_EXPORT int hla_info_engine_err_event(struct hla_device *dev,
					 struct hla_engine_err_event *out)
{
	return RECORD_CAP(dev, HLK_INFO_USER_ENGINE_ERR_EVENT, HLA_CAP_INFO_ENGINE_ERR, out,
		      hlk_info_engine_err_event,
		      HLA_EVENT_VALID_TIMESTAMP | HLA_EVENT_VALID_ENGINE_ID |
			      HLA_EVENT_VALID_ERROR_COUNT,
		      engine_err_ends);
}

/* the early record: two engine ids, a "none" flag and an error type */
static void razwi_short(struct hla_razwi_event *o, const void *raw)
{
	struct hlk_info_razwi_event_v1 v1;

	memcpy(&v1, raw, sizeof(v1));
	o->num_engines = 0;
	if (!v1.no_engine_id) {
		/* an absent id reads 0xFFFF */
		if (v1.engine_id_1 != HLK_RAZWI_NA_ENG_ID)
			o->engine_id[o->num_engines++] = v1.engine_id_1;
		if (v1.engine_id_2 != HLK_RAZWI_NA_ENG_ID &&
		    v1.engine_id_2 != v1.engine_id_1)
			o->engine_id[o->num_engines++] = v1.engine_id_2;
	}
	o->error_type = v1.error_type;
	o->flags = 0;
	o->valid |= HLA_EVENT_VALID_ERROR_TYPE;
}

/* the later record: an engine list and access flags */
static void razwi_long(struct hla_razwi_event *o, const struct hlk_info_razwi_event *k)
{
	uint32_t n = k->num_of_possible_engines;

	if (n > HLA_RAZWI_MAX_ENGINES)
		n = HLA_RAZWI_MAX_ENGINES;
	memcpy(o->engine_id, k->engine_id, n * sizeof(o->engine_id[0]));
	o->num_engines = n;
	o->flags = k->flags;
	o->error_type = 0;
	o->valid |= HLA_EVENT_VALID_FLAGS;
}

HLA_EXPORT int hla_info_razwi_event(struct hla_device *dev,
				    struct hla_razwi_event *out)
{
	struct hlk_info_razwi_event k;
	struct hla_razwi_event tmp, *o;
	int ret = hla__info_check(dev, out, sizeof(*out));

	if (ret)
		return ret;
	if (hla__sz(out) <= 16) {
		/* no room for anything past the header */
		set_valid(out, 0);
		return 0;
	}
	ret = hla__info(dev, HLK_INFO_RAZWI_EVENT, &k, sizeof(k), NULL);
	if (ret)
		return ret;
	if (!k.timestamp)
		return -ENODATA;
	o = HLA_OUT_TARGET(out, &tmp);
	memset(o->engine_id, 0, sizeof(o->engine_id));
	o->reserved0 = 0;
	o->reserved1 = 0;
	o->valid = HLA_EVENT_VALID_TIMESTAMP | HLA_EVENT_VALID_ADDR |
		   HLA_EVENT_VALID_ENGINE_ID;
	o->timestamp = k.timestamp;
	o->addr = k.addr;
	if (hla__caps(dev) & HLA_CAP_RAZWI_EXT)
		razwi_long(o, &k);
	else
		razwi_short(o, &k);
	if (o != out)
		o->valid = hla__valid_trim(o->valid, razwi_ends,
					   HLA_ARRAY_SIZE(razwi_ends), hla__sz(out));
	hla__out_finish(out, o, sizeof(*o));
	return 0;
}

HLA_EXPORT int hla_events_register_fd(struct hla_device *dev, int efd)
{
	uint32_t word;

	if (!dev)
		return -EINVAL;
	if (efd < 0)
		return -EBADF;
	/* 6.6 and later refuse eventfds on control nodes */
	if (dev->control && !(hla__caps(dev) & HLA_CAP_EVENTFD_CONTROL))
		return -EOPNOTSUPP;
	word = (uint32_t)efd;
	return hla__info(dev, HLK_INFO_REGISTER_EVENTFD, NULL, 0, &word);
}

HLA_EXPORT int hla_events_unregister_fd(struct hla_device *dev)
{
	if (!dev)
		return -EINVAL;
	if (dev->control && !(hla__caps(dev) & HLA_CAP_EVENTFD_CONTROL))
		return -EOPNOTSUPP;
	return hla__info(dev, HLK_INFO_UNREGISTER_EVENTFD, NULL, 0, NULL);
}

HLA_EXPORT int hla_events_read(struct hla_device *dev, uint64_t *events)
{
	uint64_t k;
	int ret;

	if (!dev || !events)
		return -EINVAL;
	ret = hla__info(dev, HLK_INFO_GET_EVENTS, &k, sizeof(k), NULL);
	if (!ret)
		*events = k;
	return ret;
}
