/* SPDX-License-Identifier: MIT */
/* DEBUG (habanalabs_ioctl.c: hl_debug_ioctl(), hl_device_set_debug_mode()). */
#include "ioctl/ioctl.h"

#include <errno.h>

/* the ops only Habana's driver has (ops 1024 and 1025 exist only in its
 * simulator builds: a released driver answers them like unknown ops) */
static bool habana_op(uint32_t op)
{
	switch (op) {
	case HLK_DEBUG_OP_FETCH_TRACE:
	case HLK_DEBUG_OP_DIO:
	case HLK_DEBUG_OP_SCHED_SUBMIT_BUF:
	case HLK_DEBUG_OP_READBLOCK:
	case HLK_DEBUG_OP_ENABLE_ERR_INFO_CAPTURE:
		return true;
	default:
		return false;
	}
}

/* the ops refused outside debug mode: the CoreSight ones everywhere, and
 * in Habana's driver also the trace fetch, the scheduler buffer and the
 * block read (hl_debug_op_requires_debug()) */
static bool needs_debug_mode(uint32_t op, bool oot)
{
	if (op <= HLK_DEBUG_OP_TIMESTAMP)
		return true;
	return oot && (op == HLK_DEBUG_OP_FETCH_TRACE ||
		       op == HLK_DEBUG_OP_SCHED_SUBMIT_BUF ||
		       op == HLK_DEBUG_OP_READBLOCK);
}

int sim_ioctl_debug(struct sim_call *call, void *k)
{
	struct sim_device *d = call->f->dev;
	struct hlk_debug_args *a = k;
	bool oot = sim_prof(d)->oot;
	int ret;

	pthread_mutex_lock(&d->lock);
	if (!sim_dev_operational(d)) {
		ret = -EBUSY;
	} else if (a->op == HLK_DEBUG_OP_SET_MODE) {
		/* entering or leaving debug mode twice is EFAULT */
		if (!!a->enable == d->debug_mode) {
			ret = -EFAULT;
		} else {
			d->debug_mode = a->enable;
			ret = 0;
		}
	} else if (needs_debug_mode(a->op, oot) && !d->debug_mode) {
		/* the driver refuses first; Habana's 1.24 says EPERM, the
		 * in-tree driver EFAULT */
		ret = oot ? -EPERM : -EFAULT;
	} else if (a->op <= HLK_DEBUG_OP_TIMESTAMP || (oot && habana_op(a->op))) {
		/* CoreSight, trace, scheduler, config-space reads, error
		 * capture and NVMe reads are not modelled */
		ret = -EOPNOTSUPP;
	} else {
		ret = -EINVAL;
	}
	pthread_mutex_unlock(&d->lock);
	return ret;
}
