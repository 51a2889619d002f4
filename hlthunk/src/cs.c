/* SPDX-License-Identifier: MIT */
/* Command buffers, command submission, sync-stream signals and waits. */
#include "ht_internal.h"

#include <limits.h>
#include <string.h>

/* a caller's chunk array goes to hlaccel as it is: same 64-byte layout */
_Static_assert(sizeof(struct hl_cs_chunk) == sizeof(struct hla_cs_chunk) &&
		       offsetof(struct hl_cs_chunk, queue_index) ==
			       offsetof(struct hla_cs_chunk, queue_index) &&
		       offsetof(struct hl_cs_chunk, cb_size) ==
			       offsetof(struct hla_cs_chunk, cb_size) &&
		       offsetof(struct hl_cs_chunk, cs_chunk_flags) ==
			       offsetof(struct hla_cs_chunk, flags) &&
		       offsetof(struct hl_cs_chunk, collective_engine_id) ==
			       offsetof(struct hla_cs_chunk, collective_engine_id),
	       "chunk layout");
_Static_assert(HL_WAIT_CS_STATUS_COMPLETED == HLA_WAIT_COMPLETED &&
		       HL_WAIT_CS_STATUS_BUSY == HLA_WAIT_BUSY &&
		       HL_WAIT_CS_STATUS_TIMEDOUT == HLA_WAIT_TIMEDOUT &&
		       HL_WAIT_CS_STATUS_ABORTED == HLA_WAIT_ABORTED,
	       "wait status values");

/* HL_CS_FLAGS_* a default submission may carry (hlaccel's values are the
 * kernel's); CUSTOM_TIMEOUT comes from the _timeout calls */
#define CS_MODIFIERS                                                        \
	(HL_CS_FLAGS_FORCE_RESTORE | HL_CS_FLAGS_TIMESTAMP |                 \
	 HL_CS_FLAGS_STAGED_SUBMISSION | HL_CS_FLAGS_STAGED_SUBMISSION_FIRST | \
	 HL_CS_FLAGS_STAGED_SUBMISSION_LAST | HL_CS_FLAGS_SKIP_RESET_ON_TIMEOUT | \
	 HL_CS_FLAGS_ENCAP_SIGNALS)
#define SYNC_MODIFIERS (HL_CS_FLAGS_TIMESTAMP | HL_CS_FLAGS_SKIP_RESET_ON_TIMEOUT)

/* ---- command buffers ---------------------------------------------- */

static int cb_create(int fd, uint32_t cb_size, uint32_t flags, uint64_t *cb_handle)
{
	int ret;

	if (!cb_handle)
		return ht_err(-EINVAL);
	HT_ON_FD(fd, r, ret) {
		ret = hla_cb_create(r.e->dev, cb_size, flags, cb_handle);
	}
	return ret;
}

HT_EXPORT int hlthunk_request_command_buffer(int fd, uint32_t cb_size, uint64_t *cb_handle)
{
	return cb_create(fd, cb_size, 0, cb_handle);
}

HT_EXPORT int hlthunk_request_mapped_command_buffer(int fd, uint32_t cb_size,
						    uint64_t *cb_handle)
{
	return cb_create(fd, cb_size, HLA_CB_MAP, cb_handle);
}

HT_EXPORT int hlthunk_destroy_command_buffer(int fd, uint64_t cb_handle)
{
	int ret;

	HT_ON_FD(fd, r, ret) {
		ret = hla_cb_destroy(r.e->dev, cb_handle);
	}
	return ret;
}

HT_EXPORT int hlthunk_get_cb_usage_count(int fd, uint64_t cb_handle, uint32_t *usage_cnt)
{
	int ret;

	if (!usage_cnt)
		return ht_err(-EINVAL);
	HT_ON_FD(fd, r, ret) {
		ret = hla_cb_get_usage(r.e->dev, cb_handle, usage_cnt);
	}
	return ret;
}

HT_EXPORT int hlthunk_get_mapped_cb_device_va_by_handle(int fd, uint64_t cb_handle,
							uint64_t *device_va)
{
	int ret;

	if (!device_va)
		return ht_err(-EINVAL);
	HT_ON_FD(fd, r, ret) {
		ret = hla_cb_get_device_va(r.e->dev, cb_handle, device_va);
	}
	return ret;
}

/* ---- default submissions ------------------------------------------ */

struct submit_req {
	uint64_t seq;        /* staged: the first part's sequence */
	uint32_t timeout;    /* seconds, 0: the driver's */
	uint32_t encaps;     /* reservation handle with ENCAP_SIGNALS */
	bool staged;         /* must be a staged part */
	bool encaps_out;     /* report sob_count_before_submission */
};

static int submit(int fd, const struct hlthunk_cs_in *in, struct hlthunk_cs_out *out,
		  const struct submit_req *q)
{
	HLA_STRUCT_INIT(hla_cs_submit, cs);
	HLA_STRUCT_INIT(hla_cs_out, o);
	uint32_t flags;
	int ret;

	if (!in || !out)
		return ht_err(-EINVAL);
	flags = in->flags & ~(uint32_t)HL_CS_FLAGS_CUSTOM_TIMEOUT;
	if ((flags & ~(uint32_t)CS_MODIFIERS) ||
	    (q->staged && !(flags & HL_CS_FLAGS_STAGED_SUBMISSION)))
		return ht_err(-EINVAL);
	cs.flags = flags;
	cs.execute = in->chunks_execute;
	cs.restore = in->chunks_restore;
	cs.num_execute = in->num_chunks_execute;
	cs.num_restore = in->num_chunks_restore;
	cs.timeout_s = q->timeout;
	cs.staged_seq = q->seq;
	cs.encaps_sig_handle = q->encaps;
	HT_ON_FD(fd, r, ret) {
		ret = hla_cs_submit(r.e->dev, &cs, &o);
	}
	if (ret)
		return ret;
	out->seq = o.seq;
	out->status = HL_CS_STATUS_SUCCESS;
	if (q->encaps_out)
		out->sob_count_before_submission = o.sob_count_before_submission;
	return 0;
}

HT_EXPORT int hlthunk_command_submission(int fd, struct hlthunk_cs_in *in,
					 struct hlthunk_cs_out *out)
{
	struct submit_req q = { 0, 0, 0, false, false };

	return submit(fd, in, out, &q);
}

HT_EXPORT int hlthunk_command_submission_timeout(int fd, struct hlthunk_cs_in *in,
						 struct hlthunk_cs_out *out, uint32_t timeout)
{
	struct submit_req q = { 0, timeout, 0, false, false };

	return submit(fd, in, out, &q);
}

HT_EXPORT int hlthunk_staged_command_submission(int fd, uint64_t sequence,
						struct hlthunk_cs_in *in,
						struct hlthunk_cs_out *out)
{
	struct submit_req q = { sequence, 0, 0, true, false };

	return submit(fd, in, out, &q);
}

HT_EXPORT int hlthunk_staged_command_submission_timeout(int fd, uint64_t sequence,
							struct hlthunk_cs_in *in,
							struct hlthunk_cs_out *out,
							uint32_t timeout)
{
	struct submit_req q = { sequence, timeout, 0, true, false };

	return submit(fd, in, out, &q);
}

HT_EXPORT int hlthunk_staged_command_submission_encaps_signals(int fd, uint64_t handle_id,
							       struct hlthunk_cs_in *in,
							       struct hlthunk_cs_out *out)
{
	struct submit_req q = { 0, 0, (uint32_t)handle_id, true, true };
	struct hlthunk_cs_in tmp;

	if (!in || handle_id > UINT32_MAX)
		return ht_err(-EINVAL);
	tmp = *in;
	tmp.flags |= HL_CS_FLAGS_ENCAP_SIGNALS;
	return submit(fd, &tmp, out, &q);
}

/* ---- sync stream --------------------------------------------------- */

static int sync_opts(uint32_t flags, uint32_t timeout, struct hla_cs_opts *opts)
{
	flags &= ~(uint32_t)HL_CS_FLAGS_CUSTOM_TIMEOUT;
	if (flags & ~(uint32_t)SYNC_MODIFIERS)
		return -EINVAL;
	opts->flags = flags;
	opts->timeout_s = timeout;
	return 0;
}

static int signal_cs(int fd, struct hlthunk_signal_in *in, struct hlthunk_signal_out *out,
		     uint32_t timeout)
{
	HLA_STRUCT_INIT(hla_cs_opts, opts);
	HLA_STRUCT_INIT(hla_cs_out, o);
	int ret;

	if (!in || !out)
		return ht_err(-EINVAL);
	/* hlaccel's sync-stream calls carry no restore jobs */
	if (in->num_chunks_restore)
		return ht_err(-EOPNOTSUPP);
	ret = sync_opts(in->flags, timeout, &opts);
	if (ret)
		return ht_err(ret);
	HT_ON_FD(fd, r, ret) {
		ret = hla_cs_signal(r.e->dev, in->queue_index, &opts, &o);
	}
	if (ret)
		return ret;
	out->seq = o.seq;
	out->status = HL_CS_STATUS_SUCCESS;
	out->sob_base_addr_offset = o.sob_base_addr_offset;
	out->sob_count_before_submission = o.sob_count_before_submission;
	return 0;
}

HT_EXPORT int hlthunk_signal_submission(int fd, struct hlthunk_signal_in *in,
					struct hlthunk_signal_out *out)
{
	return signal_cs(fd, in, out, 0);
}

HT_EXPORT int hlthunk_signal_submission_timeout(int fd, struct hlthunk_signal_in *in,
						struct hlthunk_signal_out *out, uint32_t timeout)
{
	return signal_cs(fd, in, out, timeout);
}

enum wait_kind { WAIT_SIGNAL, WAIT_COLLECTIVE, WAIT_ENCAPS };

static int wait_run(struct hla_device *dev, enum wait_kind kind,
		    const struct hlthunk_wait_for_signal_data *w,
		    const struct hla_cs_opts *opts, struct hla_cs_out *o)
{
	switch (kind) {
	case WAIT_SIGNAL:
		return hla_cs_wait_signal(dev, w->queue_index, w->signal_seq_arr[0], opts, o);
	case WAIT_COLLECTIVE:
		return hla_cs_wait_collective(dev, w->queue_index, w->signal_seq_arr[0],
					      w->collective_engine_id, opts, o);
	default:
		return hla_cs_wait_encaps_signals(dev, w->queue_index, w->encaps_signal_seq,
						  w->encaps_signal_offset, opts, o);
	}
}

static int wait_cs(int fd, struct hlthunk_wait_in *in, struct hlthunk_wait_out *out,
		   uint32_t timeout, enum wait_kind kind)
{
	const struct hlthunk_wait_for_signal_data *w;
	HLA_STRUCT_INIT(hla_cs_opts, opts);
	HLA_STRUCT_INIT(hla_cs_out, o);
	int ret;

	if (!in || !out || !in->hlthunk_wait_for_signal || in->num_wait_for_signal != 1)
		return ht_err(-EINVAL);
	w = (const struct hlthunk_wait_for_signal_data *)(const void *)in->hlthunk_wait_for_signal;
	if (w->signal_seq_nr != 1 || (kind != WAIT_ENCAPS && !w->signal_seq_arr))
		return ht_err(-EINVAL);
	if (in->num_chunks_restore)
		return ht_err(-EOPNOTSUPP);
	ret = sync_opts(in->flags, timeout, &opts);
	if (ret)
		return ht_err(ret);
	HT_ON_FD(fd, r, ret) {
		ret = wait_run(r.e->dev, kind, w, &opts, &o);
	}
	if (ret)
		return ret;
	out->seq = o.seq; /* UINT64_MAX: the signal had already come */
	out->status = HL_CS_STATUS_SUCCESS;
	return 0;
}

HT_EXPORT int hlthunk_wait_for_signal(int fd, struct hlthunk_wait_in *in,
				      struct hlthunk_wait_out *out)
{
	return wait_cs(fd, in, out, 0, WAIT_SIGNAL);
}

HT_EXPORT int hlthunk_wait_for_signal_timeout(int fd, struct hlthunk_wait_in *in,
					      struct hlthunk_wait_out *out, uint32_t timeout)
{
	return wait_cs(fd, in, out, timeout, WAIT_SIGNAL);
}

HT_EXPORT int hlthunk_wait_for_collective_signal(int fd, struct hlthunk_wait_in *in,
						 struct hlthunk_wait_out *out)
{
	return wait_cs(fd, in, out, 0, WAIT_COLLECTIVE);
}

HT_EXPORT int hlthunk_wait_for_collective_signal_timeout(int fd, struct hlthunk_wait_in *in,
							 struct hlthunk_wait_out *out,
							 uint32_t timeout)
{
	return wait_cs(fd, in, out, timeout, WAIT_COLLECTIVE);
}

HT_EXPORT int hlthunk_wait_for_reserved_encaps_signals(int fd, struct hlthunk_wait_in *in,
						       struct hlthunk_wait_out *out)
{
	return wait_cs(fd, in, out, 0, WAIT_ENCAPS);
}

HT_EXPORT int hlthunk_reserve_encaps_signals(int fd, struct hlthunk_sig_res_in *in,
					     struct hlthunk_sig_res_out *out)
{
	HLA_STRUCT_INIT(hla_encaps_signals, res);
	int ret;

	if (!in || !out)
		return ht_err(-EINVAL);
	HT_ON_FD(fd, r, ret) {
		ret = hla_cs_reserve_signals(r.e->dev, in->queue_index, in->count, &res);
	}
	if (ret)
		return ret;
	out->handle.id = res.handle_id;
	out->handle.sob_base_addr_offset = res.sob_base_addr_offset;
	out->handle.count = res.count;
	out->status = HL_CS_STATUS_SUCCESS;
	return 0;
}

HT_EXPORT int hlthunk_unreserve_encaps_signals(int fd, struct reserve_sig_handle *handle,
					       uint32_t *status)
{
	int ret;

	if (!handle || !status)
		return ht_err(-EINVAL);
	HT_ON_FD(fd, r, ret) {
		ret = hla_cs_unreserve_signals(r.e->dev, handle->id);
	}
	if (!ret)
		*status = HL_CS_STATUS_SUCCESS;
	return ret;
}
