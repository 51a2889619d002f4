/* SPDX-License-Identifier: MIT */
/*
 * Command submission.  This path neither allocates nor locks: the caller's
 * chunk array has the kernel's layout and goes to the driver as it is.
 */
#include "hla_internal.h"

#include <errno.h>
#include <stddef.h>

_Static_assert(sizeof(struct hla_cs_chunk) == sizeof(struct hlk_cs_chunk),
	       "chunk size");
_Static_assert(offsetof(struct hla_cs_chunk, queue_index) ==
		       offsetof(struct hlk_cs_chunk, queue_index),
	       "chunk queue_index");
_Static_assert(offsetof(struct hla_cs_chunk, cb_size) ==
		       offsetof(struct hlk_cs_chunk, cb_size),
	       "chunk cb_size");
_Static_assert(offsetof(struct hla_cs_chunk, flags) ==
		       offsetof(struct hlk_cs_chunk, cs_chunk_flags),
	       "chunk flags");
_Static_assert(offsetof(struct hla_cs_chunk, collective_engine_id) ==
		       offsetof(struct hlk_cs_chunk, collective_engine_id),
	       "chunk collective_engine_id");
_Static_assert(offsetof(struct hla_cs_chunk, reserved) ==
		       offsetof(struct hlk_cs_chunk, pad),
	       "chunk reserved");
_Static_assert(HLA_CHUNK_USER_CB == HLK_CS_CHUNK_FLAGS_USER_ALLOC_CB, "chunk flag");
/* public modifier bits are the kernel's own */
_Static_assert(HLA_CS_FORCE_RESTORE == HLK_CS_FLAGS_FORCE_RESTORE &&
		       HLA_CS_TIMESTAMP == HLK_CS_FLAGS_TIMESTAMP &&
		       HLA_CS_STAGED == HLK_CS_FLAGS_STAGED_SUBMISSION &&
		       HLA_CS_STAGED_FIRST == HLK_CS_FLAGS_STAGED_SUBMISSION_FIRST &&
		       HLA_CS_STAGED_LAST == HLK_CS_FLAGS_STAGED_SUBMISSION_LAST &&
		       HLA_CS_SKIP_RESET_ON_TIMEOUT ==
			       HLK_CS_FLAGS_SKIP_RESET_ON_TIMEOUT &&
		       HLA_CS_ENCAP_SIGNALS == HLK_CS_FLAGS_ENCAP_SIGNALS,
	       "cs flags");
_Static_assert(HLA_ENGINE_CORE_HALT == HLK_ENGINE_CORE_HALT &&
		       HLA_ENGINE_CORE_RUN == HLK_ENGINE_CORE_RUN &&
		       HLA_ENGINE_STALL == HLK_ENGINE_STALL &&
		       HLA_ENGINE_RESUME == HLK_ENGINE_RESUME,
	       "engine commands");

/* bytes of struct hla_cs_submit this library knows (padding excluded) */
#define CS_SUBMIT_KNOWN                                   \
	(offsetof(struct hla_cs_submit, encaps_sig_handle) + \
	 sizeof(((struct hla_cs_submit *)0)->encaps_sig_handle))
#define STAGED_ANY (HLA_CS_STAGED | HLA_CS_STAGED_FIRST | HLA_CS_STAGED_LAST)

#define CS_MODIFIERS                                                      \
	(HLA_CS_FORCE_RESTORE | HLA_CS_TIMESTAMP | HLA_CS_STAGED |         \
	 HLA_CS_STAGED_FIRST | HLA_CS_STAGED_LAST |                        \
	 HLA_CS_SKIP_RESET_ON_TIMEOUT | HLA_CS_ENCAP_SIGNALS)
/* modifiers that make sense on sync-stream submissions */
#define SYNC_MODIFIERS (HLA_CS_TIMESTAMP | HLA_CS_SKIP_RESET_ON_TIMEOUT)

static int check_chunks(const struct hla_cs_chunk *c, uint32_t n)
{
	if (n > HLK_MAX_JOBS_PER_CS)
		return -EINVAL;
	if (n && !c)
		return -EINVAL;
	for (uint32_t i = 0; i < n; i++) {
		if (c[i].flags & ~HLA_CHUNK_USER_CB)
			return -EINVAL;
		for (size_t j = 0; j < HLA_ARRAY_SIZE(c[i].reserved); j++)
			if (c[i].reserved[j])
				return -EINVAL;
	}
	return 0;
}

static uint32_t kernel_flags(uint32_t flags, uint32_t timeout_s)
{
	uint32_t k = flags & (HLA_CS_FORCE_RESTORE | HLA_CS_TIMESTAMP |
			      HLA_CS_SKIP_RESET_ON_TIMEOUT | HLA_CS_ENCAP_SIGNALS);

	if (flags & STAGED_ANY)
		k |= HLK_CS_FLAGS_STAGED_SUBMISSION;
	if (flags & HLA_CS_STAGED_FIRST)
		k |= HLK_CS_FLAGS_STAGED_SUBMISSION_FIRST;
	if (flags & HLA_CS_STAGED_LAST)
		k |= HLK_CS_FLAGS_STAGED_SUBMISSION_LAST;
	if (timeout_s)
		k |= HLK_CS_FLAGS_CUSTOM_TIMEOUT;
	return k;
}

static void fill_out(struct hla_cs_out *out, const union hlk_cs_args *args)
{
	struct hla_cs_out o;

	memset(&o, 0, sizeof(o));
	o.sz = sizeof(o);
	o.seq = args->out.seq;
	o.sob_base_addr_offset = args->out.sob_base_addr_offset;
	o.sob_count_before_submission = args->out.sob_count_before_submission;
	hla__copy_out(out, &o, sizeof(o));
}

HLA_EXPORT int hla_cs_submit(struct hla_device *dev, const struct hla_cs_submit *cs,
			     struct hla_cs_out *out)
{
	union hlk_cs_args args;
	struct hla_cs_submit in;
	bool staged_next;
	size_t n;
	int ret;

	if (!dev)
		return -EINVAL;
	ret = hla__check_in(cs, CS_SUBMIT_KNOWN);
	if (ret)
		return ret;
	ret = hla__check_out(out);
	if (ret)
		return ret;
	/* an older caller's shorter struct: the missing fields read 0 */
	memset(&in, 0, sizeof(in));
	n = cs->sz < sizeof(in) ? cs->sz : sizeof(in);
	memcpy(&in, cs, n);

	if (in.flags & ~CS_MODIFIERS)
		return -EINVAL;
	/* a later staged part names its first part by seq, in the same
	 * kernel word as the reservation handle: they cannot be combined */
	staged_next = (in.flags & STAGED_ANY) && !(in.flags & HLA_CS_STAGED_FIRST);
	if (staged_next && (in.flags & HLA_CS_ENCAP_SIGNALS))
		return -EINVAL;
	if (!in.num_execute)
		return -EINVAL;
	ret = check_chunks(in.execute, in.num_execute);
	if (!ret)
		ret = check_chunks(in.restore, in.num_restore);
	if (ret)
		return ret;

	memset(&args, 0, sizeof(args));
	args.in.chunks_restore = (uint64_t)(uintptr_t)in.restore;
	args.in.chunks_execute = (uint64_t)(uintptr_t)in.execute;
	args.in.num_chunks_restore = in.num_restore;
	args.in.num_chunks_execute = in.num_execute;
	args.in.cs_flags = kernel_flags(in.flags, in.timeout_s);
	args.in.timeout = in.timeout_s;
	if (in.flags & HLA_CS_ENCAP_SIGNALS)
		args.in.encaps_sig_handle_id = in.encaps_sig_handle;
	else if (staged_next)
		args.in.seq = in.staged_seq;
	ret = hla__ioctl(dev, HLK_CMD_CS, &args);
	if (ret)
		return ret;
	fill_out(out, &args);
	return 0;
}

static int check_sync(struct hla_device *dev, uint32_t flags,
		      struct hla_cs_out *out)
{
	if (!dev || (flags & ~SYNC_MODIFIERS))
		return -EINVAL;
	return hla__check_out(out);
}

/*
 * A one-chunk sync-stream submission (signal, wait, collective wait).
 * seq points at the caller's u64, a one-entry signal array that lives for
 * the whole call; with encaps the value itself goes into the chunk.
 */
static int sync_cs(struct hla_device *dev, uint32_t type, uint32_t queue,
		   const uint64_t *seq, uint32_t engine, uint32_t flags,
		   uint32_t timeout_s, bool encaps, uint32_t offset,
		   struct hla_cs_out *out)
{
	struct hlk_cs_chunk chunk;
	union hlk_cs_args args;
	int ret;

	ret = check_sync(dev, flags, out);
	if (ret)
		return ret;
	if (seq && *seq == HLA_SEQ_NONE) {
		/* the signal is already done: nothing to wait for */
		memset(&args, 0, sizeof(args));
		args.out.seq = HLA_SEQ_NONE;
		fill_out(out, &args);
		return 0;
	}
	memset(&chunk, 0, sizeof(chunk));
	chunk.queue_index = queue;
	chunk.collective_engine_id = engine;
	if (encaps) {
		chunk.encaps_signal_seq = *seq;
		chunk.encaps_signal_offset = offset;
	} else if (seq) {
		chunk.signal_seq_arr = (uint64_t)(uintptr_t)seq;
		chunk.num_signal_seq_arr = 1;
	}
	memset(&args, 0, sizeof(args));
	args.in.chunks_execute = (uint64_t)(uintptr_t)&chunk;
	args.in.num_chunks_execute = 1;
	args.in.cs_flags = type | kernel_flags(flags, timeout_s) |
			   (encaps ? HLK_CS_FLAGS_ENCAP_SIGNALS : 0);
	args.in.timeout = timeout_s;
	ret = hla__ioctl(dev, HLK_CMD_CS, &args);
	if (ret)
		return ret;
	fill_out(out, &args);
	return 0;
}

HLA_EXPORT int hla_cs_signal(struct hla_device *dev, uint32_t queue_index,
			     uint32_t flags, uint32_t timeout_s,
			     struct hla_cs_out *out)
{
	return sync_cs(dev, HLK_CS_FLAGS_SIGNAL, queue_index, NULL, 0, flags,
		       timeout_s, false, 0, out);
}

HLA_EXPORT int hla_cs_wait_signal(struct hla_device *dev, uint32_t queue_index,
				  uint64_t signal_seq, uint32_t flags,
				  uint32_t timeout_s, struct hla_cs_out *out)
{
	return sync_cs(dev, HLK_CS_FLAGS_WAIT, queue_index, &signal_seq, 0, flags,
		       timeout_s, false, 0, out);
}

HLA_EXPORT int hla_cs_collective_wait(struct hla_device *dev, uint32_t queue_index,
				      uint64_t signal_seq, uint32_t engine_id,
				      uint32_t flags, uint32_t timeout_s,
				      struct hla_cs_out *out)
{
	return sync_cs(dev, HLK_CS_FLAGS_COLLECTIVE_WAIT, queue_index, &signal_seq,
		       engine_id, flags, timeout_s, false, 0, out);
}

HLA_EXPORT int hla_cs_wait_encaps_signals(struct hla_device *dev,
					  uint32_t queue_index,
					  uint64_t encaps_cs_seq, uint32_t offset,
					  uint32_t flags, uint32_t timeout_s,
					  struct hla_cs_out *out)
{
	return sync_cs(dev, HLK_CS_FLAGS_WAIT, queue_index, &encaps_cs_seq, 0, flags,
		       timeout_s, true, offset, out);
}

HLA_EXPORT int hla_cs_reserve_signals(struct hla_device *dev, uint32_t queue_index,
				      uint32_t count, struct hla_encaps_signals *res)
{
	struct hla_encaps_signals o;
	union hlk_cs_args args;
	int ret;

	if (!dev || !count || count >= HLK_MAX_SOB_VAL)
		return -EINVAL;
	ret = hla__check_out(res);
	if (ret)
		return ret;
	memset(&args, 0, sizeof(args));
	args.in.cs_flags = HLK_CS_FLAGS_RESERVE_SIGNALS_ONLY;
	args.in.encaps_signals_count = count;
	args.in.encaps_signals_q_idx = queue_index;
	ret = hla__ioctl(dev, HLK_CMD_CS, &args);
	if (ret)
		return ret;
	memset(&o, 0, sizeof(o));
	o.sz = sizeof(o);
	o.handle_id = args.out.handle_id;
	o.count = args.out.count;
	o.sob_base_addr_offset = args.out.sob_base_addr_offset;
	hla__copy_out(res, &o, sizeof(o));
	return 0;
}

HLA_EXPORT int hla_cs_unreserve_signals(struct hla_device *dev, uint32_t handle_id)
{
	union hlk_cs_args args;

	if (!dev)
		return -EINVAL;
	memset(&args, 0, sizeof(args));
	args.in.cs_flags = HLK_CS_FLAGS_UNRESERVE_SIGNALS_ONLY;
	args.in.encaps_sig_handle_id = handle_id;
	return hla__ioctl(dev, HLK_CMD_CS, &args);
}

HLA_EXPORT int hla_cs_engine_cores(struct hla_device *dev, const uint32_t *core_ids,
				   uint32_t count, uint32_t command)
{
	union hlk_cs_args args;

	if (!dev || !core_ids || !count ||
	    (command != HLA_ENGINE_CORE_HALT && command != HLA_ENGINE_CORE_RUN))
		return -EINVAL;
	memset(&args, 0, sizeof(args));
	args.in.cs_flags = HLK_CS_FLAGS_ENGINE_CORE_COMMAND;
	args.in.engine_cores = (uint64_t)(uintptr_t)core_ids;
	args.in.num_engine_cores = count;
	args.in.core_command = command;
	return hla__ioctl(dev, HLK_CMD_CS, &args);
}

HLA_EXPORT int hla_cs_engines(struct hla_device *dev, const uint32_t *engine_ids,
			      uint32_t count, uint32_t command)
{
	union hlk_cs_args args;

	if (!dev || !engine_ids || !count ||
	    (command != HLA_ENGINE_STALL && command != HLA_ENGINE_RESUME))
		return -EINVAL;
	/* kernels before 6.6 ignore the unknown type flag and would run a
	 * plain submission instead */
	if (dev->interface == HLA_INTERFACE_LEGACY)
		return -EOPNOTSUPP;
	memset(&args, 0, sizeof(args));
	args.in.cs_flags = HLK_CS_FLAGS_ENGINES_COMMAND;
	args.in.engines = (uint64_t)(uintptr_t)engine_ids;
	args.in.num_engines = count;
	args.in.engine_command = command;
	return hla__ioctl(dev, HLK_CMD_CS, &args);
}

HLA_EXPORT int hla_cs_flush_pci_hbw_writes(struct hla_device *dev)
{
	union hlk_cs_args args;

	if (!dev)
		return -EINVAL;
	if (dev->interface == HLA_INTERFACE_LEGACY)
		return -EOPNOTSUPP;
	memset(&args, 0, sizeof(args));
	args.in.cs_flags = HLK_CS_FLAGS_FLUSH_PCI_HBW_WRITES;
	return hla__ioctl(dev, HLK_CMD_CS, &args);
}
