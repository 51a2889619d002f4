/* SPDX-License-Identifier: MIT */
/*
 * WAIT_CS: command-submission waits and interrupt waits.  No allocation
 * and no locking on these paths.  A signal ends a wait with -EINTR: the
 * driver does not restart these waits, and restarting them here with the
 * same timeout would let a steady stream of signals delay the caller
 * forever.
 */
#include "hla_internal.h"
#include "valid.h"

_Static_assert(HLA_WAIT_COMPLETED == HLK_WAIT_CS_STATUS_COMPLETED &&
		       HLA_WAIT_BUSY == HLK_WAIT_CS_STATUS_BUSY &&
		       HLA_WAIT_TIMEDOUT == HLK_WAIT_CS_STATUS_TIMEDOUT &&
		       HLA_WAIT_ABORTED == HLK_WAIT_CS_STATUS_ABORTED &&
		       HLA_WAIT_FLAG_GONE == HLK_WAIT_CS_STATUS_FLAG_GONE &&
		       HLA_WAIT_FLAG_TIMESTAMP_VLD ==
			       HLK_WAIT_CS_STATUS_FLAG_TIMESTAMP_VLD,
	       "wait status values");
_Static_assert(HLA_INTERRUPT_ANY_CQ == HLK_WAIT_USER_INTERRUPT_ANY_CQ &&
		       HLA_INTERRUPT_ANY_DECODER == HLK_WAIT_USER_INTERRUPT_ANY_DEC,
	       "interrupt ids");

#define RESULT_VALID                                                         \
	(HLA_WAIT_RESULT_STATUS | HLA_WAIT_RESULT_FLAGS |                   \
	 HLA_WAIT_RESULT_TIMESTAMP)

static uint64_t kernel_timeout(uint64_t us)
{
	return us >= HLK_WAIT_FOREVER ? HLK_WAIT_FOREVER : us;
}

static inline void put_result(struct hla_wait_result *res, uint32_t status,
			      uint32_t flags, int64_t ts, uint32_t map, uint64_t valid)
{
	struct hla_wait_result tmp, *o = HLA_OUT_TARGET(res, &tmp);

	o->reserved0 = 0;
	o->valid = valid;
	o->status = status;
	o->flags = flags;
	o->timestamp_ns = ts;
	o->completion_map = map;
	o->reserved1 = 0;
	if (HLA_UNLIKELY(o != res))
		o->valid = hla__valid_trim(valid, wait_result_ends,
					   HLA_ARRAY_SIZE(wait_result_ends), hla__sz(res));
	hla__out_finish(res, o, sizeof(*o));
}

/*
 * Run the wait.  ETIMEDOUT (watchdog) and EIO (reset or abort) are
 * outcomes of the waited-for work, so res reports them too; the kernel
 * rewrites the block for a single CS but not for multi-CS and kernel-CQ
 * waits, so their status comes from the error.  On any other error res is
 * left alone.
 */
static __attribute__((noinline, cold)) int
wait_failed(int ret, struct hla_wait_result *res)
{
	if (ret == -ETIMEDOUT || ret == -EIO)
		put_result(res, ret == -EIO ? HLA_WAIT_ABORTED : HLA_WAIT_TIMEDOUT, 0,
			   0, 0, HLA_WAIT_RESULT_STATUS);
	return ret;
}

static inline int do_wait(struct hla_device *dev, union hlk_wait_cs_args *args,
			  struct hla_wait_result *res, uint64_t valid)
{
	int ret = hla__ioctl(dev, HLK_CMD_WAIT_CS, args);

	if (HLA_UNLIKELY(ret))
		return wait_failed(ret, res);
	put_result(res, args->out.status, args->out.flags, args->out.timestamp_nsec,
		   args->out.cs_completion_map, valid);
	return 0;
}

HLA_EXPORT int hla_cs_wait(struct hla_device *dev, uint64_t seq,
			   uint64_t timeout_us, struct hla_wait_result *res)
{
	union hlk_wait_cs_args args;
	int ret = hla__out_check(res, sizeof(*res));

	if (HLA_UNLIKELY(ret || !dev))
		return ret ? ret : -EINVAL;
	if (HLA_UNLIKELY(seq == HLA_SEQ_NONE)) {
		/* nothing was submitted, so there is nothing to wait for */
		put_result(res, HLA_WAIT_COMPLETED, 0, 0, 0, RESULT_VALID);
		return 0;
	}
	args.in.seq = seq;
	args.in.timeout_us = kernel_timeout(timeout_us);
	args.in.ctx_id = 0;
	args.in.flags = 0;
	args.in.interrupt_timeout_us = 0;
	args.in.cq_counters_offset = 0;
	args.in.timestamp_handle = 0;
	args.in.timestamp_offset = 0;
	return do_wait(dev, &args, res, RESULT_VALID);
}

HLA_EXPORT int hla_cs_wait_multi(struct hla_device *dev, const uint64_t *seqs,
				 uint32_t count, uint64_t timeout_us,
				 struct hla_wait_result *res)
{
	union hlk_wait_cs_args args;
	int ret = hla__out_check(res, sizeof(*res));

	if (HLA_UNLIKELY(ret || !dev))
		return ret ? ret : -EINVAL;
	if (!seqs || !count || count > HLK_WAIT_MULTI_CS_LIST_MAX_LEN)
		return -EINVAL;
	memset(&args, 0, sizeof(args));
	args.in.seq = (uint64_t)(uintptr_t)seqs;
	args.in.timeout_us = kernel_timeout(timeout_us);
	args.in.flags = HLK_WAIT_CS_FLAGS_MULTI_CS;
	args.in.seq_arr_len = (uint8_t)count;
	return do_wait(dev, &args, res, RESULT_VALID | HLA_WAIT_RESULT_COMPLETION_MAP);
}

static int irq_flags(uint32_t interrupt_id, uint32_t *flags)
{
	if (interrupt_id > 0xFFF)
		return -EINVAL;
	*flags = HLK_WAIT_CS_FLAGS_INTERRUPT |
		 (interrupt_id << HLK_WAIT_CS_FLAGS_INTERRUPT_SHIFT);
	return 0;
}

HLA_EXPORT int hla_interrupt_wait(struct hla_device *dev, uint32_t interrupt_id,
				  const volatile uint64_t *addr, uint64_t target,
				  uint64_t timeout_us, struct hla_wait_result *res)
{
	union hlk_wait_cs_args args;
	uint32_t flags;
	int ret = hla__out_check(res, sizeof(*res));

	if (HLA_UNLIKELY(ret || !dev))
		return ret ? ret : -EINVAL;
	if (!addr || irq_flags(interrupt_id, &flags))
		return -EINVAL;
	args.in.addr = (uint64_t)(uintptr_t)addr;
	args.in.target = target;
	args.in.ctx_id = 0;
	args.in.flags = flags;
	args.in.interrupt_timeout_us = kernel_timeout(timeout_us);
	args.in.cq_counters_offset = 0;
	args.in.timestamp_handle = 0;
	args.in.timestamp_offset = 0;
	return do_wait(dev, &args, res, RESULT_VALID);
}

/* the kernel-CQ part of the arguments, from a counter description */
static inline int cq_args(const struct hla_cq_counter *cq,
			  union hlk_wait_cs_args *args)
{
	struct hla_cq_counter tmp;
	uint32_t flags;
	int ret;

	if (!cq)
		return -EINVAL;
	if (hla__sz(cq) != sizeof(*cq)) {
		ret = hla__in_copy(&tmp, cq, sizeof(tmp));
		if (ret)
			return ret;
		cq = &tmp;
	}
	/* the counters live in a CB; the index counts u64 slots */
	if (irq_flags(cq->interrupt_id, &flags) ||
	    (cq->cb_handle & HLK_MMAP_TYPE_MASK) != HLK_MMAP_TYPE_CB ||
	    !(cq->cb_handle & ~HLK_MMAP_TYPE_MASK) ||
	    cq->index >= HLK_MAX_CB_SIZE / sizeof(uint64_t))
		return -EINVAL;
	memset(args, 0, sizeof(*args));
	args->in.cq_counters_handle = cq->cb_handle;
	args->in.cq_counters_offset = cq->index;
	args->in.target = cq->target;
	args->in.flags = flags | HLK_WAIT_CS_FLAGS_INTERRUPT_KERNEL_CQ;
	return 0;
}

HLA_EXPORT int hla_cq_counter_wait(struct hla_device *dev,
				   const struct hla_cq_counter *cq,
				   uint64_t timeout_us, struct hla_wait_result *res)
{
	union hlk_wait_cs_args args;
	int ret = hla__out_check(res, sizeof(*res));

	if (HLA_UNLIKELY(ret || !dev))
		return ret ? ret : -EINVAL;
	ret = cq_args(cq, &args);
	if (ret)
		return ret;
	args.in.interrupt_timeout_us = kernel_timeout(timeout_us);
	return do_wait(dev, &args, res, RESULT_VALID);
}

/* a registration must not take the poll path: give it a real timeout */
#define REGISTER_TIMEOUT_US 1000000ull

HLA_EXPORT int hla_ts_register(struct hla_device *dev, const struct hla_cq_counter *cq,
			       uint64_t ts_handle, uint32_t ts_index)
{
	union hlk_wait_cs_args args;
	int ret;

	if (!dev || (ts_handle & HLK_MMAP_TYPE_MASK) != HLK_MMAP_TYPE_TS_BUFF ||
	    !(ts_handle & ~HLK_MMAP_TYPE_MASK) || ts_index >= HLK_TS_MAX_ELEMENTS_NUM)
		return -EINVAL;
	ret = cq_args(cq, &args);
	if (ret)
		return ret;
	args.in.flags |= HLK_WAIT_CS_FLAGS_REGISTER_INTERRUPT;
	args.in.timestamp_handle = ts_handle;
	args.in.timestamp_offset = ts_index;
	args.in.interrupt_timeout_us = REGISTER_TIMEOUT_US;
	return hla__ioctl(dev, HLK_CMD_WAIT_CS, &args);
}
