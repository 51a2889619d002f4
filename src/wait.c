/* SPDX-License-Identifier: MIT */
/* WAIT_CS: command-submission waits and user-interrupt waits.  No
 * allocation and no locking on these paths. */
#include "hla_internal.h"

#include <errno.h>

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

static uint64_t kernel_timeout(uint64_t us)
{
	return us >= HLK_WAIT_FOREVER ? HLK_WAIT_FOREVER : us;
}

static int check_res(struct hla_device *dev, struct hla_wait_result *res)
{
	if (!dev)
		return -EINVAL;
	return hla__check_out(res);
}

static void fill_res(struct hla_wait_result *res, const union hlk_wait_cs_args *a)
{
	struct hla_wait_result o;

	memset(&o, 0, sizeof(o));
	o.sz = sizeof(o);
	o.status = a->out.status;
	o.flags = a->out.flags;
	o.timestamp_ns = a->out.timestamp_nsec;
	o.completion_map = a->out.cs_completion_map;
	hla__copy_out(res, &o, sizeof(o));
}

/*
 * Run the wait.  ETIMEDOUT (watchdog) and EIO (reset/abort) are outcomes
 * of the waited-for work, so res reports them too.  The kernel rewrites
 * the block with just the status for a single CS but leaves it untouched
 * for multi-CS and kernel-CQ waits, so the status is derived from the
 * error; on any other error res is left alone.
 */
static int do_wait(struct hla_device *dev, union hlk_wait_cs_args *args,
		   struct hla_wait_result *res)
{
	int ret = hla__ioctl(dev, HLK_CMD_WAIT_CS, args);

	if (ret == -ETIMEDOUT || ret == -EIO) {
		memset(args, 0, sizeof(*args));
		args->out.status = ret == -EIO ? HLK_WAIT_CS_STATUS_ABORTED :
						 HLK_WAIT_CS_STATUS_TIMEDOUT;
	}
	if (!ret || ret == -ETIMEDOUT || ret == -EIO)
		fill_res(res, args);
	return ret;
}

HLA_EXPORT int hla_cs_wait(struct hla_device *dev, uint64_t seq,
			   uint64_t timeout_us, struct hla_wait_result *res)
{
	union hlk_wait_cs_args args;
	int ret = check_res(dev, res);

	if (ret)
		return ret;
	memset(&args, 0, sizeof(args));
	if (seq == HLA_SEQ_NONE) {
		/* nothing was submitted, so there is nothing to wait for */
		args.out.status = HLK_WAIT_CS_STATUS_COMPLETED;
		fill_res(res, &args);
		return 0;
	}
	args.in.seq = seq;
	args.in.timeout_us = kernel_timeout(timeout_us);
	return do_wait(dev, &args, res);
}

HLA_EXPORT int hla_cs_wait_multi(struct hla_device *dev, const uint64_t *seqs,
				 uint32_t count, uint64_t timeout_us,
				 struct hla_wait_result *res)
{
	union hlk_wait_cs_args args;
	int ret = check_res(dev, res);

	if (ret)
		return ret;
	if (!seqs || !count || count > HLK_WAIT_MULTI_CS_LIST_MAX_LEN)
		return -EINVAL;
	memset(&args, 0, sizeof(args));
	args.in.seq = (uint64_t)(uintptr_t)seqs;
	args.in.timeout_us = kernel_timeout(timeout_us);
	args.in.flags = HLK_WAIT_CS_FLAGS_MULTI_CS;
	args.in.seq_arr_len = (uint8_t)count;
	return do_wait(dev, &args, res);
}

static int irq_flags(uint32_t interrupt_id, uint32_t *flags)
{
	if (interrupt_id > 0xFFF)
		return -EINVAL;
	*flags = HLK_WAIT_CS_FLAGS_INTERRUPT |
		 (interrupt_id << HLK_WAIT_CS_FLAGS_INTERRUPT_SHIFT);
	return 0;
}

HLA_EXPORT int hla_wait_interrupt(struct hla_device *dev, uint32_t interrupt_id,
				  const volatile uint64_t *addr, uint64_t target,
				  uint64_t timeout_us, struct hla_wait_result *res)
{
	union hlk_wait_cs_args args;
	uint32_t flags;
	int ret = check_res(dev, res);

	if (ret)
		return ret;
	if (!addr)
		return -EINVAL;
	ret = irq_flags(interrupt_id, &flags);
	if (ret)
		return ret;
	memset(&args, 0, sizeof(args));
	args.in.addr = (uint64_t)(uintptr_t)addr;
	args.in.target = target;
	args.in.flags = flags;
	args.in.interrupt_timeout_us = kernel_timeout(timeout_us);
	return do_wait(dev, &args, res);
}

static int cq_args(uint32_t interrupt_id, uint64_t cq_cb_handle, uint64_t cq_offset,
		   uint64_t target, union hlk_wait_cs_args *args)
{
	uint32_t flags;
	int ret = irq_flags(interrupt_id, &flags);

	if (ret)
		return ret;
	/* the counter lives in a CB; the offset counts u64 slots */
	if ((cq_cb_handle & HLK_MMAP_TYPE_MASK) != HLK_MMAP_TYPE_CB ||
	    !(cq_cb_handle & ~HLK_MMAP_TYPE_MASK) ||
	    cq_offset >= HLK_MAX_CB_SIZE / sizeof(uint64_t))
		return -EINVAL;
	memset(args, 0, sizeof(*args));
	args->in.cq_counters_handle = cq_cb_handle;
	args->in.cq_counters_offset = cq_offset;
	args->in.target = target;
	args->in.flags = flags | HLK_WAIT_CS_FLAGS_INTERRUPT_KERNEL_CQ;
	return 0;
}

HLA_EXPORT int hla_wait_cq_counter(struct hla_device *dev, uint32_t interrupt_id,
				   uint64_t cq_cb_handle, uint64_t cq_offset,
				   uint64_t target, uint64_t timeout_us,
				   struct hla_wait_result *res)
{
	union hlk_wait_cs_args args;
	int ret = check_res(dev, res);

	if (ret)
		return ret;
	ret = cq_args(interrupt_id, cq_cb_handle, cq_offset, target, &args);
	if (ret)
		return ret;
	args.in.interrupt_timeout_us = kernel_timeout(timeout_us);
	return do_wait(dev, &args, res);
}

/* a registration must not take the poll path: give it a real timeout */
#define REGISTER_TIMEOUT_US 1000000ull

HLA_EXPORT int hla_wait_register_timestamp(struct hla_device *dev,
					   uint32_t interrupt_id,
					   uint64_t cq_cb_handle, uint64_t cq_offset,
					   uint64_t target, uint64_t ts_handle,
					   uint64_t ts_offset)
{
	union hlk_wait_cs_args args;
	int ret;

	if (!dev || (ts_handle & HLK_MMAP_TYPE_MASK) != HLK_MMAP_TYPE_TS_BUFF ||
	    !(ts_handle & ~HLK_MMAP_TYPE_MASK) ||
	    ts_offset >= HLK_TS_MAX_ELEMENTS_NUM)
		return -EINVAL;
	ret = cq_args(interrupt_id, cq_cb_handle, cq_offset, target, &args);
	if (ret)
		return ret;
	args.in.flags |= HLK_WAIT_CS_FLAGS_REGISTER_INTERRUPT;
	args.in.timestamp_handle = ts_handle;
	args.in.timestamp_offset = ts_offset;
	args.in.interrupt_timeout_us = REGISTER_TIMEOUT_US;
	return hla__ioctl(dev, HLK_CMD_WAIT_CS, &args);
}
