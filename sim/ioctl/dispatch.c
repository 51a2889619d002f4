/* SPDX-License-Identifier: MIT */
/*
 * Request decoding, as the two dispatchers of the driver do it: the DRM
 * dispatcher on accel nodes (drm_ioctl(): DRM_IOCTL_VERSION, EINVAL beyond
 * the driver's range, ENOTTY for other types), hl_ioctl() on legacy nodes
 * (the nr alone, ENOTTY outside 1..6) and hl_ioctl_control() (INFO only).
 * The argument block is copied in with min(user, kernel) bytes and back
 * with the user's size, as _hl_ioctl() does.
 */
#include "ioctl/ioctl.h"

#include <errno.h>
#include <string.h>

static sim_ioctl_fn *const handlers[HLK_CMD_LAST + 1] = {
	[HLK_CMD_INFO] = sim_ioctl_info,
	[HLK_CMD_CB] = sim_ioctl_cb,
	[HLK_CMD_CS] = sim_ioctl_cs,
	[HLK_CMD_WAIT_CS] = sim_ioctl_wait,
	[HLK_CMD_MEMORY] = sim_ioctl_mem,
	[HLK_CMD_DEBUG] = sim_ioctl_debug,
};

static int put_str(uint64_t to, uint64_t *len, const char *s)
{
	size_t l = strlen(s);

	if (to && *len && sim_copy_to_user(to, s, l < *len ? l : *len))
		return -EFAULT;
	*len = l;
	return 0;
}

/*
 * drm_version() answering from the driver's struct drm_driver: upstream
 * reports the kernel's LINUX_VERSION_* and the date "20190505", Habana's
 * driver its own HL_DRIVER_* version and HL_DRIVER_DATE.
 */
static int drm_version(const struct sim_profile *p, const char *name, const char *desc,
		       void *arg)
{
	const int *ver = p->oot ? p->kver_drm : p->kver;
	struct hlk_drm_version v;

	if (sim_copy_from_user(&v, (uint64_t)(uintptr_t)arg, sizeof(v)))
		return -EFAULT;
	v.version_major = ver[0];
	v.version_minor = ver[1];
	v.version_patchlevel = ver[2];
	if (put_str(v.name, &v.name_len, name) ||
	    put_str(v.date, &v.date_len, p->drm_date ? p->drm_date : "") ||
	    put_str(v.desc, &v.desc_len, desc))
		return -EFAULT;
	return sim_copy_to_user((uint64_t)(uintptr_t)arg, &v, sizeof(v));
}

/* the operation inside a block, for faults such as MEMORY.ALLOC */
static int op_of(unsigned int cmd, const uint8_t *k)
{
	uint32_t v = 0;

	switch (cmd) {
	case HLK_CMD_INFO:
		memcpy(&v, k + offsetof(struct hlk_info_args, op), 4);
		return (int)v;
	case HLK_CMD_CB:
		memcpy(&v, k + offsetof(struct hlk_cb_in, op), 4);
		return (int)v;
	case HLK_CMD_MEMORY:
		memcpy(&v, k + offsetof(struct hlk_mem_in, op), 4);
		return (int)v;
	case HLK_CMD_DEBUG:
		memcpy(&v, k + offsetof(struct hlk_debug_args, op), 4);
		return (int)v;
	case HLK_CMD_CS:
		memcpy(&v, k + offsetof(struct hlk_cs_in, cs_flags), 4);
		return (int)(v & HLK_CS_FLAGS_TYPE_MASK);
	default:
		return 0;
	}
}

/*
 * The out-of-tree driver without DRM (habanalabs_compat_accel.c): its own
 * hl_ioctl() takes the nr alone, HL_COMMAND_START (0x40) up to the NIC
 * ioctl, and ENOTTY for anything else, DRM_IOCTL_VERSION included.
 */
static int decode_compat(unsigned int nr)
{
	if (nr < HLK_DRM_COMMAND_BASE || nr > HLK_DRM_COMMAND_BASE + HLK_CMD_LAST)
		return -ENOTTY;
	if (nr == HLK_DRM_COMMAND_BASE + HLK_CMD_LAST)
		return -EOPNOTSUPP; /* HL_NIC: the simulator has no NICs */
	return (int)(nr - HLK_DRM_COMMAND_BASE + 1);
}

/* the HLK_CMD_* of req on f's node, or -errno */
static int decode(struct sim_call *call, unsigned long req, void *arg)
{
	struct sim_file *f = call->f;
	const struct sim_profile *p = f->foreign ? sim_profile_find("6.8") : sim_prof(f->dev);
	unsigned int nr = HLK_IOC_NR(req);

	if (f->control) /* hl_ioctl_control(): INFO's nr only */
		return nr == (p->ioc == SIM_IOC_LEGACY ? HLK_CMD_INFO : HLK_DRM_COMMAND_BASE)
			       ? (int)HLK_CMD_INFO : -ENOTTY;
	if (p->ioc == SIM_IOC_LEGACY)
		return nr >= HLK_CMD_FIRST && nr <= HLK_CMD_LAST ? (int)nr : -ENOTTY;
	if (p->ioc == SIM_IOC_COMPAT)
		return decode_compat(nr);
	if (HLK_IOC_TYPE(req) != HLK_DRM_IOC_TYPE)
		return -ENOTTY;
	if (nr == 0)
		return f->foreign ? drm_version(p, "intel_vpu", "Intel NPU driver", arg)
				  : drm_version(p, HLK_DRM_DRIVER_NAME,
						"Driver for HabanaLabs's AI Accelerators", arg);
	if (f->foreign)
		return -EINVAL;
	return hlk_cmd_of_request(HLK_IFACE_ACCEL, req) ? (int)hlk_cmd_of_request(HLK_IFACE_ACCEL, req)
							 : -EINVAL;
}

/* what the simulator models of Gaudi3: its identity (open, INFO, sysfs) */
static bool modelled(const struct sim_device *d, int cmd)
{
	return !sim_gaudi3(d) || cmd == (int)HLK_CMD_INFO;
}

int sim_ioctl(struct sim_call *call, unsigned long req, void *arg)
{
	unsigned int dir = HLK_IOC_DIR(req), usize = HLK_IOC_SIZE(req);
	uint8_t k[256];
	size_t in;
	int cmd, ret, inj;

	cmd = decode(call, req, arg);
	if (cmd <= 0)
		return cmd; /* an error, or DRM_IOCTL_VERSION answered */
	if (!modelled(call->f->dev, cmd))
		return -EOPNOTSUPP;
	memset(k, 0, sizeof(k));
	in = usize < hlk_cmd_table[cmd].arg_size ? usize : hlk_cmd_table[cmd].arg_size;
	if ((dir & HLK_IOC_WRITE) && sim_copy_from_user(k, (uint64_t)(uintptr_t)arg, in))
		return -EFAULT;
	inj = sim_faults_check(&call->f->dev->sim->faults, cmd, op_of((unsigned int)cmd, k));
	if (inj)
		return -inj;
	call->copy_back = true;
	ret = handlers[cmd](call, k);
	if (call->copy_back && (dir & HLK_IOC_READ) &&
	    sim_copy_to_user((uint64_t)(uintptr_t)arg, k, usize < sizeof(k) ? usize : sizeof(k)))
		ret = -EFAULT;
	return ret;
}

int sim_ioctl_dmabuf(unsigned long req, void *arg)
{
	(void)arg;
	/* DMA_BUF_IOCTL_SYNC: the simulated memory is coherent */
	return HLK_IOC_TYPE(req) == 'b' && HLK_IOC_NR(req) == 0 ? 0 : -ENOTTY;
}
