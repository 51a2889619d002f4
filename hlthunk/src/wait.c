/* SPDX-License-Identifier: MIT */
/*
 * Waits.  The result is returned as hl-thunk returns it: the call's error
 * (ETIMEDOUT for a CS the watchdog killed, EIO for one a reset aborted),
 * and the status word.  Where the driver reported no status (any other
 * error), the status reads HL_WAIT_CS_STATUS_BUSY ("not known to be
 * done") rather than the zero, COMPLETED, that hl-thunk leaves there.
 */
#include "ht_internal.h"

#include <string.h>

static void put_status(const struct hla_wait_result *res, uint32_t *status,
		       uint64_t *timestamp)
{
	*status = res->valid & HLA_WAIT_RESULT_STATUS ? res->status : HL_WAIT_CS_STATUS_BUSY;
	if (timestamp && (res->valid & HLA_WAIT_RESULT_FLAGS) &&
	    (res->flags & HLA_WAIT_FLAG_TIMESTAMP_VLD))
		*timestamp = (uint64_t)res->timestamp_ns;
}

static int wait_cs(int fd, uint64_t seq, uint64_t timeout_us, uint32_t *status,
		   uint64_t *timestamp)
{
	HLA_STRUCT_INIT(hla_wait_result, res);
	int ret;

	if (!status)
		return ht_err(-EINVAL);
	HT_ON_FD(fd, r, ret) {
		ret = hla_cs_wait(r.e->dev, seq, timeout_us, &res);
	}
	put_status(&res, status, timestamp);
	return ret;
}

HT_EXPORT int hlthunk_wait_for_cs(int fd, uint64_t seq, uint64_t timeout_us, uint32_t *status)
{
	return wait_cs(fd, seq, timeout_us, status, NULL);
}

HT_EXPORT int hlthunk_wait_for_cs_with_timestamp(int fd, uint64_t seq, uint64_t timeout_us,
						 uint32_t *status, uint64_t *timestamp)
{
	if (!timestamp)
		return ht_err(-EINVAL);
	return wait_cs(fd, seq, timeout_us, status, timestamp);
}

static int wait_multi(int fd, struct hlthunk_wait_multi_cs_in *in,
		      struct hlthunk_wait_multi_cs_out *out, uint64_t *timestamp)
{
	HLA_STRUCT_INIT(hla_wait_result, res);
	int ret;

	if (!in || !out)
		return ht_err(-EINVAL);
	HT_ON_FD(fd, r, ret) {
		ret = hla_cs_wait_multi(r.e->dev, in->seq, in->seq_len, in->timeout_us, &res);
	}
	put_status(&res, &out->status, timestamp);
	if (!ret) {
		out->seq_set = res.completion_map;
		out->completed = (uint8_t)__builtin_popcount(res.completion_map);
	}
	return ret;
}

HT_EXPORT int hlthunk_wait_for_multi_cs(int fd, struct hlthunk_wait_multi_cs_in *in,
					struct hlthunk_wait_multi_cs_out *out)
{
	return wait_multi(fd, in, out, NULL);
}

HT_EXPORT int hlthunk_wait_for_multi_cs_with_timestamp(int fd,
						       struct hlthunk_wait_multi_cs_in *in,
						       struct hlthunk_wait_multi_cs_out *out,
						       uint64_t *timestamp)
{
	if (!timestamp)
		return ht_err(-EINVAL);
	*timestamp = 0;
	return wait_multi(fd, in, out, timestamp);
}

/* hl-thunk's "all ones" interrupt id is any user CQ */
static uint32_t irq_id(uint32_t interrupt_id)
{
	return interrupt_id == UINT32_MAX ? HLA_INTERRUPT_ANY_CQ : interrupt_id;
}

HT_EXPORT int hlthunk_wait_for_interrupt_with_timestamp(int fd, void *addr,
							uint64_t target_value,
							uint32_t interrupt_id,
							uint64_t timeout_us,
							uint32_t *status,
							uint64_t *timestamp)
{
	HLA_STRUCT_INIT(hla_wait_result, res);
	int ret;

	if (!addr || !status)
		return ht_err(-EINVAL);
	HT_ON_FD(fd, r, ret) {
		ret = hla_interrupt_wait(r.e->dev, irq_id(interrupt_id),
					 (const volatile uint64_t *)addr, target_value,
					 timeout_us, &res);
	}
	put_status(&res, status, timestamp);
	return ret;
}

HT_EXPORT int hlthunk_wait_for_interrupt(int fd, void *addr, uint64_t target_value,
					 uint32_t interrupt_id, uint64_t timeout_us,
					 uint32_t *status)
{
	return hlthunk_wait_for_interrupt_with_timestamp(fd, addr, target_value, interrupt_id,
							 timeout_us, status, NULL);
}

HT_EXPORT int hlthunk_wait_for_interrupt_by_handle_with_timestamp(int fd,
								  uint64_t cq_counters_handle,
								  uint64_t cq_counters_offset,
								  uint64_t target_value,
								  uint32_t interrupt_id,
								  uint64_t timeout_us,
								  uint32_t *status,
								  uint64_t *timestamp)
{
	HLA_STRUCT_INIT(hla_wait_result, res);
	HLA_STRUCT_INIT(hla_cq_counter, cq);
	int ret;

	if (!status)
		return ht_err(-EINVAL);
	cq.interrupt_id = irq_id(interrupt_id);
	cq.cb_handle = cq_counters_handle;
	cq.index = cq_counters_offset;
	cq.target = target_value;
	HT_ON_FD(fd, r, ret) {
		ret = hla_cq_counter_wait(r.e->dev, &cq, timeout_us, &res);
	}
	put_status(&res, status, timestamp);
	return ret;
}

HT_EXPORT int hlthunk_wait_for_interrupt_by_handle(int fd, uint64_t cq_counters_handle,
						   uint64_t cq_counters_offset,
						   uint64_t target_value, uint32_t interrupt_id,
						   uint64_t timeout_us, uint32_t *status)
{
	return hlthunk_wait_for_interrupt_by_handle_with_timestamp(fd, cq_counters_handle,
								   cq_counters_offset,
								   target_value, interrupt_id,
								   timeout_us, status, NULL);
}
