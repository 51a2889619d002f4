/* SPDX-License-Identifier: MIT */
/*
 * Which driver runs the devices, and what it can do.
 *
 * The capability set is decided from what the driver itself reports:
 *  - the family: Habana's out-of-tree driver declares a module version
 *    (/sys/module/habanalabs/version, "1.24.1-<sha>"); the in-tree driver
 *    declares none.  On accel, a DRM version below 6 can only be Habana's
 *    driver too (the in-tree driver reports the kernel's version, and no
 *    kernel before 6.2 has accel nodes).
 *  - the version: Habana's from its module version (or DRM); the in-tree
 *    driver's from DRM_IOCTL_VERSION on accel; on the legacy interface,
 *    which has no version request, from the kernel release (the last
 *    resort, and the only use of uname).
 *  - INFO requests whose first kernel is not known exactly are granted
 *    tentatively ("probe" bits) and confirmed or withdrawn by the driver's
 *    first answer (hla__cap_result).
 * hlaccel(7) lists the rule behind every bit.
 */
#include "hla_internal.h"
#include "discover.h"

#include <stdio.h>

/*
 * 0, or the error that kept the module's version attribute from being read:
 * only its absence (or a sysfs the process may not look into) means the
 * in-tree driver.  A transient failure (no descriptor left, no memory, an
 * I/O error) must not make Habana's driver pass for the in-tree one, whose
 * requests and capabilities differ, for the life of the handle.
 */
int hla__driver_probe(struct hla_driver_info *drv)
{
	char buf[64];
	int n;

	memset(drv, 0, sizeof(*drv));
	if (!hla__sys_kernel_release(buf, sizeof(buf)))
		drv->kernel_version = hla__parse_version(buf);
	n = hla__read_file(HLA_SYSFS_MODULE "/version", buf, sizeof(buf));
	if (n > 0) {
		drv->driver = HLA_DRIVER_HABANA;
		drv->driver_version = hla__parse_version(buf);
		snprintf(drv->version_str, sizeof(drv->version_str), "%.*s",
			 (int)sizeof(drv->version_str) - 1, buf);
		return 0;
	}
	if (n < 0 && n != -ENOENT && n != -ENOTDIR && n != -EACCES && n != -EPERM)
		return n;
	drv->driver = HLA_DRIVER_UPSTREAM;
	drv->driver_version = drv->kernel_version;
	if (drv->kernel_version)
		snprintf(drv->version_str, sizeof(drv->version_str), "%u.%u.%u",
			 drv->kernel_version >> 16, (drv->kernel_version >> 8) & 0xff,
			 drv->kernel_version & 0xff);
	return 0;
}

void hla__driver_from_drm(struct hla_driver_info *drv, int32_t major,
			  int32_t minor, int32_t patch)
{
	uint32_t v;

	if (major < 0 || minor < 0 || patch < 0 || major > 0x7fff)
		return;
	v = HLA_KVER(major, minor > 255 ? 255 : minor, patch > 255 ? 255 : patch);
	drv->drm_version = v;
	/* no in-tree accel driver predates 6.2: 1.x is Habana's numbering */
	if (drv->driver == HLA_DRIVER_UPSTREAM && major < 6) {
		drv->driver = HLA_DRIVER_HABANA;
		drv->driver_version = 0;
		drv->version_str[0] = '\0';
	}
	/* the in-tree driver reports the kernel it is part of */
	if (drv->driver == HLA_DRIVER_UPSTREAM) {
		drv->kernel_version = v;
		drv->driver_version = v;
	} else if (!drv->driver_version) {
		drv->driver_version = v;
	}
	if (!drv->version_str[0] || drv->driver == HLA_DRIVER_UPSTREAM)
		snprintf(drv->version_str, sizeof(drv->version_str), "%d.%d.%d",
			 major, minor, patch);
}

/* caps and probe bits granted by one rule */
struct cap_rule {
	uint64_t caps;
	uint64_t probe;
};

static void grant(struct cap_rule *r, uint64_t bits, bool sure)
{
	r->caps |= bits;
	if (!sure)
		r->probe |= bits;
}

/* the in-tree driver by version (its version is the kernel's) */
static struct cap_rule upstream_caps(uint32_t v, uint32_t iface, uint32_t asic)
{
	struct cap_rule r = { 0, 0 };
	bool vm = hla__asic_has_dram_vm(asic);

	if (iface == HLK_IFACE_LEGACY)
		r.caps |= HLA_CAP_EVENTFD_CONTROL;
	/* export: handle (VM ASICs) before 6.3, device address after, the
	 * offset honoured from 6.7; Gaudi by physical address throughout */
	if (hla__asic_is_gaudi1(asic))
		/* from 6.3 the request's address field carries it (1.0 set
		 * the address bit there too) */
		r.caps |= HLA_CAP_DMABUF_PHYS |
			  (v >= HLA_KVER(6, 3, 0) ? HLA_CAP_DMABUF_ADDR : 0);
	else if (vm && v && v < HLA_KVER(6, 3, 0))
		r.caps |= HLA_CAP_DMABUF_HANDLE;
	else if (vm && v)
		r.caps |= HLA_CAP_DMABUF_ADDR |
			  (v >= HLA_KVER(6, 7, 0) ? HLA_CAP_DMABUF_OFFSET : 0);
	/* 6.2: the 280-byte RAZWI record, INFO 33-34; 6.3: INFO 35; 6.4:
	 * INFO 36-37 (tentatively 6.3); 6.6: INFO 38; 6.8: INFO 40
	 * (tentatively: the request was posted for 6.8, its kernel unread) */
	if (v >= HLA_KVER(6, 2, 0))
		r.caps |= HLA_CAP_RAZWI_EXT | HLA_CAP_INFO_PAGE_FAULT;
	if (v >= HLA_KVER(6, 3, 0))
		r.caps |= HLA_CAP_INFO_FW_REQ;
	if (v >= HLA_KVER(6, 3, 0))
		grant(&r, HLA_CAP_INFO_ERR_EVENTS, v >= HLA_KVER(6, 4, 0));
	if (v >= HLA_KVER(6, 6, 0))
		r.caps |= HLA_CAP_INFO_ENGINE_ERR;
	if (v >= HLA_KVER(6, 8, 0))
		grant(&r, HLA_CAP_INFO_DEV_SIGNED, v >= HLA_KVER(6, 9, 0));
	if (v >= HLA_KVER(6, 6, 0) || iface == HLK_IFACE_ACCEL)
		r.caps |= HLA_CAP_ENGINES | HLA_CAP_FLUSH_HBW | HLA_CAP_HW_IP_EXT |
			  HLA_CAP_HW_IDLE_EXT | HLA_CAP_TIME_SYNC_TSC;
	return r;
}

/* Habana's driver: every source of it with accel nodes has the 6.3+
 * interface; the dma-buf offset is honoured from 1.13 */
static struct cap_rule habana_caps(uint32_t v, uint32_t asic)
{
	struct cap_rule r = { 0, 0 };

	r.caps = HLA_CAP_RAZWI_EXT | HLA_CAP_ENGINES | HLA_CAP_FLUSH_HBW |
		 HLA_CAP_INFO_PAGE_FAULT | HLA_CAP_INFO_FW_REQ | HLA_CAP_HW_IP_EXT |
		 HLA_CAP_HW_IDLE_EXT | HLA_CAP_TIME_SYNC_TSC | HLA_CAP_HABANA_EXT;
	/* releases older than the public source may lack the later ones */
	grant(&r, HLA_CAP_INFO_ERR_EVENTS | HLA_CAP_INFO_ENGINE_ERR |
			  HLA_CAP_INFO_DEV_SIGNED | HLA_CAP_INFO_HABANA, false);
	/* DEBUG ops 8, 9 and 1031-1033 are Habana's own; the FSE flush flag
	 * is in its header, but a build whose submission code lacks it takes
	 * the flag for an empty ordinary submission and answers -EINVAL, which
	 * withdraws the bit */
	r.caps |= HLA_CAP_DEBUG_HABANA;
	grant(&r, HLA_CAP_FLUSH_HBW_FSE, false);
	if (hla__asic_is_gaudi1(asic))
		r.caps |= HLA_CAP_DMABUF_PHYS | HLA_CAP_DMABUF_ADDR;
	else if (hla__asic_has_dram_vm(asic))
		r.caps |= HLA_CAP_DMABUF_ADDR |
			  (v >= HLA_KVER(1, 13, 0) ? HLA_CAP_DMABUF_OFFSET : 0);
	return r;
}

static struct cap_rule driver_rule(const struct hla_driver_info *drv,
				   uint32_t iface, uint32_t asic)
{
	if (drv->driver == HLA_DRIVER_HABANA)
		return habana_caps(drv->driver_version, asic);
	return upstream_caps(drv->driver_version, iface, asic);
}

uint64_t hla__driver_caps(const struct hla_driver_info *drv, uint32_t iface,
			  uint32_t asic)
{
	return driver_rule(drv, iface, asic).caps;
}

uint64_t hla__driver_probe_caps(const struct hla_driver_info *drv, uint32_t iface,
				uint32_t asic)
{
	return driver_rule(drv, iface, asic).probe;
}

int hla__cap_gate(const struct hla_device *dev, uint64_t cap)
{
	return hla__caps(dev) & cap ? 0 : -EOPNOTSUPP;
}

int hla__cap_result(struct hla_device *dev, uint64_t cap, int ret)
{
	uint64_t probe = __atomic_load_n(&dev->drv.probe, __ATOMIC_RELAXED);

	if (!(probe & cap))
		return ret;
	if (!ret) {
		/* answered: the driver knows the request */
		__atomic_fetch_and(&dev->drv.probe, ~cap, __ATOMIC_RELAXED);
		return 0;
	}
	/* anything but -EINVAL (a device in reset, ...) proves nothing */
	if (ret != -EINVAL)
		return ret;
	/* -EINVAL to a request built right: the driver does not know it */
	__atomic_fetch_and(&dev->drv.caps, ~cap, __ATOMIC_RELAXED);
	__atomic_fetch_and(&dev->drv.probe, ~cap, __ATOMIC_RELAXED);
	return -EOPNOTSUPP;
}
