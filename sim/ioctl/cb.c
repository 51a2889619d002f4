/* SPDX-License-Identifier: MIT */
/* CB (command_buffer.c: hl_cb_ioctl(), hl_cb_create(), hl_cb_destroy(), hl_cb_info()). */
#include "ioctl/ioctl.h"

#include <errno.h>
#include <string.h>

/* hl_cb_create(): a page at least; MAP needs CB mapping support (Gaudi2) */
static int cb_create(struct sim_ctx *c, union hlk_cb_args *a)
{
	uint32_t size = a->in.cb_size, flags = a->in.flags;
	struct sim_obj *o;
	struct sim_map *m;
	uint64_t va;

	if (size > HLK_MAX_CB_SIZE)
		return -EINVAL;
	if ((flags & HLK_CB_FLAGS_MAP) && !sim_gaudi2(c->d))
		return -ENOMEM;
	o = sim_obj_new(c, SIM_OBJ_CB, size < SIM_PAGE ? SIM_PAGE : size);
	if (!o)
		return -ENOMEM;
	if (flags & HLK_CB_FLAGS_MAP) {
		/* cb_map_mem(): a VA from the host range, page-rounded */
		m = sim_vm_pick(c, false, 0, o->len, SIM_PAGE, false, &va)
			    ? NULL
			    : sim_vm_add(c, SIM_MAP_CB, va, o->len);
		if (!m) {
			sim_obj_release(c, o);
			return -ENOMEM;
		}
		m->cb = o;
		o->va = va;
	}
	memset(a, 0, sizeof(*a));
	a->out.cb_handle = sim_obj_handle(o);
	return 0;
}

/* hl_cb_destroy(): the handle goes; the memory when nothing uses it */
static int cb_destroy(struct sim_ctx *c, union hlk_cb_args *a, bool accel)
{
	struct sim_obj *o = sim_obj_find(c, a->in.cb_handle, SIM_OBJ_CB);

	/* 6.3+ refuses a second destroy (is_handle_destroyed); 6.1 has no guard */
	if (!o || (o->destroyed && accel))
		return -EINVAL;
	memset(a, 0, sizeof(*a));
	if (o->destroyed)
		return 0;
	o->destroyed = true;
	sim_obj_maybe_free(c, o);
	return 0;
}

static int cb_info(struct sim_ctx *c, union hlk_cb_args *a)
{
	uint32_t flags = a->in.flags;
	struct sim_obj *o = sim_obj_find(c, a->in.cb_handle, SIM_OBJ_CB);

	if (!o || o->destroyed)
		return -EINVAL;
	if ((flags & HLK_CB_FLAGS_GET_DEVICE_VA) && !o->va)
		return -EINVAL; /* not mapped to the device's MMU */
	memset(a, 0, sizeof(*a));
	if (flags & HLK_CB_FLAGS_GET_DEVICE_VA)
		a->out.device_va = o->va;
	else
		a->out.usage_cnt = o->usage;
	return 0;
}

int sim_ioctl_cb(struct sim_call *call, void *k)
{
	struct sim_device *d = call->f->dev;
	struct sim_ctx *c = call->f->ctx;
	union hlk_cb_args *a = k;
	int ret;

	pthread_mutex_lock(&d->lock);
	if (!sim_dev_operational(d))
		ret = -EBUSY;
	else if (a->in.op == HLK_CB_OP_CREATE)
		ret = cb_create(c, a);
	else if (a->in.op == HLK_CB_OP_DESTROY)
		ret = cb_destroy(c, a, sim_modern(d));
	else if (a->in.op == HLK_CB_OP_INFO)
		ret = cb_info(c, a);
	else
		ret = -EINVAL;
	pthread_mutex_unlock(&d->lock);
	return ret;
}
