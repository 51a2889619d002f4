/* SPDX-License-Identifier: MIT */
/* DEBUG (habanalabs_ioctl.c: hl_debug_ioctl(), hl_device_set_debug_mode()). */
#include "ioctl/ioctl.h"

#include <errno.h>

int sim_ioctl_debug(struct sim_call *call, void *k)
{
	struct sim_device *d = call->f->dev;
	struct hlk_debug_args *a = k;
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
	} else if (a->op <= HLK_DEBUG_OP_TIMESTAMP) {
		/* CoreSight is not modelled; outside debug mode the driver refuses first */
		ret = d->debug_mode ? -EOPNOTSUPP : -EFAULT;
	} else {
		ret = -EINVAL;
	}
	pthread_mutex_unlock(&d->lock);
	return ret;
}
