/* SPDX-License-Identifier: MIT */
/*
 * Command submission.  This path neither allocates nor locks: the caller's
 * chunk array has the kernel's layout and goes to the driver as it is, and
 * the answer is written straight into the caller's struct.
 */
#include "hla_internal.h"
#include "valid.h"

_Static_assert(sizeof(struct hla_cs_chunk) == sizeof(struct hlk_cs_chunk),
	       "chunk size");
_Static_assert(offsetof(struct hla_cs_chunk, queue_index) ==
			       offsetof(struct hlk_cs_chunk, queue_index) &&
		       offsetof(struct hla_cs_chunk, cb_size) ==
			       offsetof(struct hlk_cs_chunk, cb_size) &&
		       offsetof(struct hla_cs_chunk, flags) ==
			       offsetof(struct hlk_cs_chunk, cs_chunk_flags) &&
		       offsetof(struct hla_cs_chunk, collective_engine_id) ==
			       offsetof(struct hlk_cs_chunk, collective_engine_id) &&
		       offsetof(struct hla_cs_chunk, reserved) ==
			       offsetof(struct hlk_cs_chunk, pad),
	       "chunk layout");
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

#define STAGED_ANY (HLA_CS_STAGED | HLA_CS_STAGED_FIRST | HLA_CS_STAGED_LAST)
#define CS_MODIFIERS                                                      \
	(HLA_CS_FORCE_RESTORE | HLA_CS_TIMESTAMP | STAGED_ANY |            \
	 HLA_CS_SKIP_RESET_ON_TIMEOUT | HLA_CS_ENCAP_SIGNALS)
/* modifiers that make sense on sync-stream submissions */
#define SYNC_MODIFIERS (HLA_CS_TIMESTAMP | HLA_CS_SKIP_RESET_ON_TIMEOUT)

/* chunk flags and reserved words, a word at a time */
static int check_chunks(const struct hla_cs_chunk *c, uint32_t n)
{
	if (HLA_UNLIKELY(n > HLK_MAX_JOBS_PER_CS || (n && !c)))
		return -EINVAL;
	for (uint32_t i = 0; i < n; i++) {
		uint64_t w[5];

		memcpy(w, c[i].reserved, sizeof(w));
		if (HLA_UNLIKELY((c[i].flags & ~HLA_CHUNK_USER_CB) |
				 (w[0] | w[1] | w[2] | w[3] | w[4])))
			return -EINVAL;
	}
	return 0;
}

static uint32_t kernel_flags(uint32_t flags, uint32_t timeout_s)
{
	uint32_t k = flags & (HLA_CS_FORCE_RESTORE | HLA_CS_TIMESTAMP |
			      HLA_CS_SKIP_RESET_ON_TIMEOUT | HLA_CS_ENCAP_SIGNALS);

	if (flags & STAGED_ANY)
		k |= HLK_CS_FLAGS_STAGED_SUBMISSION |
		     (flags & (HLA_CS_STAGED_FIRST | HLA_CS_STAGED_LAST));
	if (timeout_s)
		k |= HLK_CS_FLAGS_CUSTOM_TIMEOUT;
	return k;
}

static __attribute__((noinline, cold)) void
put_out_short(struct hla_cs_out *out, const struct hlk_cs_out *k, uint64_t valid)
{
	struct hla_cs_out tmp, *o = &tmp;

	o->reserved0 = 0;
	o->valid = valid;
	o->seq = k->seq;
	o->sob_base_addr_offset = k->sob_base_addr_offset;
	o->sob_count_before_submission = k->sob_count_before_submission;
	o->reserved1 = 0;
	o->valid = hla__valid_trim(valid, cs_out_ends, HLA_ARRAY_SIZE(cs_out_ends),
				   hla__sz(out));
	hla__out_copy(out, o, sizeof(*o));
}

/* the answer, straight into a caller's struct of this library's size */
static inline void put_out(struct hla_cs_out *out, const struct hlk_cs_out *k,
			   uint64_t valid)
{
	if (HLA_UNLIKELY(hla__sz(out) != sizeof(*out))) {
		put_out_short(out, k, valid);
		return;
	}
	out->reserved0 = 0;
	out->valid = valid;
	out->seq = k->seq;
	out->sob_base_addr_offset = k->sob_base_addr_offset;
	out->sob_count_before_submission = k->sob_count_before_submission;
	out->reserved1 = 0;
}

static int check_submit(const struct hla_cs_submit *cs)
{
	uint32_t flags = cs->flags;
	bool staged_next = (flags & STAGED_ANY) && !(flags & HLA_CS_STAGED_FIRST);

	if (HLA_UNLIKELY(flags & ~CS_MODIFIERS))
		return -EINVAL;
	/* a later staged part names its first part by seq, in the same
	 * kernel word as the reservation handle: they cannot be combined */
	if (HLA_UNLIKELY(staged_next && (flags & HLA_CS_ENCAP_SIGNALS)))
		return -EINVAL;
	if (HLA_UNLIKELY(!cs->num_execute))
		return -EINVAL;
	return check_chunks(cs->execute, cs->num_execute) |
	       check_chunks(cs->restore, cs->num_restore);
}

/* every submission the fast path does not take: checks all and handles
 * restore chunks, staged parts, encapsulated signals and short structs */
static __attribute__((noinline, cold)) int
submit_general(struct hla_device *dev, const struct hla_cs_submit *cs,
	       struct hla_cs_out *out)
{
	struct hla_cs_submit tmp;
	union hlk_cs_args args;
	int ret;

	if (HLA_UNLIKELY(!dev || !cs))
		return -EINVAL;
	if (HLA_UNLIKELY(hla__sz(cs) != sizeof(*cs))) {
		ret = hla__in_copy(&tmp, cs, sizeof(tmp));
		if (ret)
			return ret;
		cs = &tmp;
	}
	ret = hla__out_check(out, sizeof(*out));
	if (!ret)
		ret = check_submit(cs);
	if (HLA_UNLIKELY(ret))
		return ret;
	args.in.chunks_restore = (uint64_t)(uintptr_t)cs->restore;
	args.in.chunks_execute = (uint64_t)(uintptr_t)cs->execute;
	if (cs->flags & HLA_CS_ENCAP_SIGNALS)
		args.in.seq = cs->encaps_sig_handle;
	else
		args.in.seq = (cs->flags & STAGED_ANY) &&
					      !(cs->flags & HLA_CS_STAGED_FIRST) ?
				      cs->staged_seq :
				      0;
	args.in.num_chunks_restore = cs->num_restore;
	args.in.num_chunks_execute = cs->num_execute;
	args.in.timeout = cs->timeout_s;
	args.in.cs_flags = kernel_flags(cs->flags, cs->timeout_s);
	args.in.ctx_id = 0;
	memset(args.in.pad, 0, sizeof(args.in.pad));
	ret = hla__ioctl(dev, HLK_CMD_CS, &args);
	if (HLA_UNLIKELY(ret))
		return ret;
	put_out(out, &args.out,
		HLA_CS_OUT_SEQ | (cs->flags & HLA_CS_ENCAP_SIGNALS ?
					  HLA_CS_OUT_SOB_COUNT_BEFORE_SUBMISSION :
					  0));
	return 0;
}

/* modifiers the fast path takes */
#define FAST_FLAGS \
	(HLA_CS_FORCE_RESTORE | HLA_CS_TIMESTAMP | HLA_CS_SKIP_RESET_ON_TIMEOUT)

/*
 * The common submission, kept within a few instructions of the bare ioctl:
 * structs of this library's size, execute chunks only, plain modifiers.
 * Everything else goes through submit_general, which checks the same and
 * more.
 */
/* a chunk's flags are known and its reserved words zero; a word at a time */
static inline bool chunk_ok(const struct hla_cs_chunk *c)
{
	const hla_u64_alias *w = (const hla_u64_alias *)(const void *)c->reserved;

	return !((c->flags & ~HLA_CHUNK_USER_CB) | w[0] | w[1] | w[2] | w[3] | w[4]);
}

HLA_EXPORT int hla_cs_submit(struct hla_device *dev, const struct hla_cs_submit *cs,
			     struct hla_cs_out *out)
{
	const struct hla_cs_chunk *c;
	union hlk_cs_args args;
	uint32_t n;
	int ret;

	if (HLA_UNLIKELY(!dev || !cs || !out))
		return -EINVAL;
	/* nothing past sz is read before sz is known to be ours */
	if (HLA_UNLIKELY((hla__sz(cs) ^ sizeof(*cs)) | (hla__sz(out) ^ sizeof(*out))))
		return submit_general(dev, cs, out);
	n = cs->num_execute;
	c = cs->execute;
	if (HLA_UNLIKELY((cs->flags & ~FAST_FLAGS) | cs->num_restore) ||
	    HLA_UNLIKELY(n - 1u >= HLK_MAX_JOBS_PER_CS || !c))
		return submit_general(dev, cs, out);
	for (const struct hla_cs_chunk *p = c, *end = c + n; p < end; p++)
		if (HLA_UNLIKELY(!chunk_ok(p)))
			return -EINVAL;
	args.in.chunks_restore = 0;
	args.in.chunks_execute = (uint64_t)(uintptr_t)c;
	args.in.seq = 0;
	args.in.num_chunks_restore = 0;
	args.in.num_chunks_execute = n;
	args.in.timeout = cs->timeout_s;
	args.in.cs_flags = cs->flags | (cs->timeout_s ? HLK_CS_FLAGS_CUSTOM_TIMEOUT : 0);
	args.in.ctx_id = 0;
	memset(args.in.pad, 0, sizeof(args.in.pad));
	ret = hla__ioctl(dev, HLK_CMD_CS, &args);
	if (HLA_UNLIKELY(ret))
		return ret;
	out->reserved0 = 0;
	out->valid = HLA_CS_OUT_SEQ;
	out->seq = args.out.seq;
	out->sob_base_addr_offset = args.out.sob_base_addr_offset;
	out->sob_count_before_submission = args.out.sob_count_before_submission;
	out->reserved1 = 0;
	return 0;
}

/* options of a sync-stream call: NULL, or a struct with known fields only */
static int get_opts(const struct hla_cs_opts *opts, uint32_t *flags,
		    uint32_t *timeout_s)
{
	struct hla_cs_opts tmp;
	int ret;

	if (hla__sz(opts) != sizeof(*opts)) {
		ret = hla__in_copy(&tmp, opts, sizeof(tmp));
		if (ret)
			return ret;
		opts = &tmp;
	}
	if (opts->reserved0 || (opts->flags & ~SYNC_MODIFIERS))
		return -EINVAL;
	*flags = opts->flags;
	*timeout_s = opts->timeout_s;
	return 0;
}

/* what a sync-stream submission needs beyond the type */
struct sync_req {
	uint32_t type;   /* HLK_CS_FLAGS_SIGNAL, _WAIT, _COLLECTIVE_WAIT */
	uint32_t queue;
	const uint64_t *seq; /* the signal to wait for (lives for the call) */
	uint32_t engine;
	bool encaps;
	uint32_t offset;
};

/*
 * A one-chunk sync-stream submission (signal, wait, collective wait).  A
 * wait names its signal through a one-entry array that lives for the whole
 * call; with encaps the seq itself goes into the chunk.
 */
static inline __attribute__((always_inline)) int
sync_cs(struct hla_device *dev, const struct sync_req *r,
	const struct hla_cs_opts *opts, struct hla_cs_out *out)
{
	struct hlk_cs_chunk chunk;
	union hlk_cs_args args;
	uint32_t flags = 0, timeout_s = 0;
	int ret;

	if (HLA_UNLIKELY(!dev))
		return -EINVAL;
	if (opts && (ret = get_opts(opts, &flags, &timeout_s)))
		return ret;
	ret = hla__out_check(out, sizeof(*out));
	if (HLA_UNLIKELY(ret))
		return ret;
	memset(&args, 0, sizeof(args));
	if (HLA_UNLIKELY(r->seq && *r->seq == HLA_SEQ_NONE)) {
		/* the signal is already done: nothing to wait for */
		args.out.seq = HLA_SEQ_NONE;
		put_out(out, &args.out, HLA_CS_OUT_SEQ);
		return 0;
	}
	memset(&chunk, 0, sizeof(chunk));
	chunk.queue_index = r->queue;
	chunk.collective_engine_id = r->engine;
	if (r->encaps) {
		chunk.encaps_signal_seq = *r->seq;
		chunk.encaps_signal_offset = r->offset;
	} else if (r->seq) {
		chunk.signal_seq_arr = (uint64_t)(uintptr_t)r->seq;
		chunk.num_signal_seq_arr = 1;
	}
	args.in.chunks_execute = (uint64_t)(uintptr_t)&chunk;
	args.in.num_chunks_execute = 1;
	args.in.cs_flags = r->type | kernel_flags(flags, timeout_s) |
			   (r->encaps ? HLK_CS_FLAGS_ENCAP_SIGNALS : 0);
	args.in.timeout = timeout_s;
	ret = hla__ioctl(dev, HLK_CMD_CS, &args);
	if (HLA_UNLIKELY(ret))
		return ret;
	put_out(out, &args.out,
		HLA_CS_OUT_SEQ | (r->type == HLK_CS_FLAGS_SIGNAL ?
					  HLA_CS_OUT_SOB_BASE_ADDR_OFFSET |
						  HLA_CS_OUT_SOB_COUNT_BEFORE_SUBMISSION :
					  0));
	return 0;
}

HLA_EXPORT int hla_cs_signal(struct hla_device *dev, uint32_t queue_index,
			     const struct hla_cs_opts *opts, struct hla_cs_out *out)
{
	struct sync_req r = { HLK_CS_FLAGS_SIGNAL, queue_index, NULL, 0, false, 0 };

	return sync_cs(dev, &r, opts, out);
}

HLA_EXPORT int hla_cs_wait_signal(struct hla_device *dev, uint32_t queue_index,
				  uint64_t signal_seq, const struct hla_cs_opts *opts,
				  struct hla_cs_out *out)
{
	struct sync_req r = { HLK_CS_FLAGS_WAIT, queue_index, &signal_seq, 0, false, 0 };

	return sync_cs(dev, &r, opts, out);
}

HLA_EXPORT int hla_cs_wait_collective(struct hla_device *dev, uint32_t queue_index,
				      uint64_t signal_seq, uint32_t engine_id,
				      const struct hla_cs_opts *opts,
				      struct hla_cs_out *out)
{
	struct sync_req r = { HLK_CS_FLAGS_COLLECTIVE_WAIT, queue_index, &signal_seq,
			      engine_id, false, 0 };

	return sync_cs(dev, &r, opts, out);
}

HLA_EXPORT int hla_cs_wait_encaps_signals(struct hla_device *dev,
					  uint32_t queue_index,
					  uint64_t encaps_cs_seq, uint32_t offset,
					  const struct hla_cs_opts *opts,
					  struct hla_cs_out *out)
{
	struct sync_req r = { HLK_CS_FLAGS_WAIT, queue_index, &encaps_cs_seq, 0,
			      true, offset };

	return sync_cs(dev, &r, opts, out);
}

HLA_EXPORT int hla_cs_reserve_signals(struct hla_device *dev, uint32_t queue_index,
				      uint32_t count, struct hla_encaps_signals *res)
{
	struct hla_encaps_signals tmp, *o;
	union hlk_cs_args args;
	int ret;

	if (!dev || !count || count >= HLK_MAX_SOB_VAL)
		return -EINVAL;
	ret = hla__out_check(res, sizeof(*res));
	if (ret)
		return ret;
	memset(&args, 0, sizeof(args));
	args.in.cs_flags = HLK_CS_FLAGS_RESERVE_SIGNALS_ONLY;
	args.in.encaps_signals_count = count;
	args.in.encaps_signals_q_idx = queue_index;
	ret = hla__ioctl(dev, HLK_CMD_CS, &args);
	if (ret)
		return ret;
	o = HLA_OUT_TARGET(res, &tmp);
	o->reserved0 = 0;
	o->valid = HLA_ENCAPS_HANDLE_ID | HLA_ENCAPS_COUNT |
		   HLA_ENCAPS_SOB_BASE_ADDR_OFFSET;
	o->handle_id = args.out.handle_id;
	o->count = args.out.count;
	o->sob_base_addr_offset = args.out.sob_base_addr_offset;
	o->reserved1 = 0;
	if (o != res)
		o->valid = hla__valid_trim(o->valid, encaps_ends,
					   HLA_ARRAY_SIZE(encaps_ends), hla__sz(res));
	hla__out_finish(res, o, sizeof(*o));
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

HLA_EXPORT int hla_engine_cores_control(struct hla_device *dev,
					const uint32_t *core_ids, uint32_t count,
					uint32_t command)
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

HLA_EXPORT int hla_engines_control(struct hla_device *dev,
				   const uint32_t *engine_ids, uint32_t count,
				   uint32_t command)
{
	union hlk_cs_args args;

	if (!dev || !engine_ids || !count ||
	    (command != HLA_ENGINE_STALL && command != HLA_ENGINE_RESUME))
		return -EINVAL;
	/* drivers without the command ignore the unknown type flag and would
	 * run a plain submission instead */
	if (!(hla__caps(dev) & HLA_CAP_ENGINES))
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
	if (!(hla__caps(dev) & HLA_CAP_FLUSH_HBW))
		return -EOPNOTSUPP;
	memset(&args, 0, sizeof(args));
	args.in.cs_flags = HLK_CS_FLAGS_FLUSH_PCI_HBW_WRITES;
	return hla__ioctl(dev, HLK_CMD_CS, &args);
}

/*
 * Habana's driver: the flush through the fabric's write serialization
 * (FSE).  Only that driver's header defines the flag, and not every
 * release acts on it.  One that does not ignores the unknown type bit and
 * sees an ordinary submission without chunks, which every release refuses
 * with -EINVAL before doing anything: that answer withdraws the
 * capability.
 */
HLA_EXPORT int hla_cs_flush_hbw_writes_fse(struct hla_device *dev)
{
	union hlk_cs_args args;
	int ret;

	if (!dev)
		return -EINVAL;
	ret = hla__cap_gate(dev, HLA_CAP_FLUSH_HBW_FSE);
	if (ret)
		return ret;
	memset(&args, 0, sizeof(args));
	args.in.cs_flags = HLK_CS_FLAGS_FLUSH_HBW_WRITES_FSE;
	ret = hla__ioctl(dev, HLK_CMD_CS, &args);
	return hla__cap_result(dev, HLA_CAP_FLUSH_HBW_FSE, ret);
}
