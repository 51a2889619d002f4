/* SPDX-License-Identifier: MIT */
/*
 * Which driver runs the devices, and what it can do.
 *
 * The capability set is decided from what the driver itself reports:
 * Habana's out-of-tree driver is recognised by the version attribute its
 * module carries (/sys/module/habanalabs/version; the in-tree driver sets
 * no module version) and reports its own version through
 * DRM_IOCTL_VERSION; the in-tree driver reports the kernel's version
 * there.  The kernel release (uname) is used only for what nothing else
 * reveals: the version of an in-tree driver on the legacy interface,
 * which has no version ioctl.  hlaccel(7) lists the rule behind every bit.
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

/* the in-tree driver's capabilities by version (its version is the kernel's) */
static uint64_t upstream_caps(uint32_t v, uint32_t iface)
{
	uint64_t caps = 0;

	if (iface == HLK_IFACE_LEGACY)
		caps |= HLA_CAP_EVENTFD_CONTROL;
	if (v >= HLA_KVER(6, 3, 0))
		caps |= HLA_CAP_DMABUF_ADDR | HLA_CAP_RAZWI_EXT |
			HLA_CAP_INFO_PAGE_FAULT;
	else
		caps |= HLA_CAP_DMABUF_PHYS;
	if (v >= HLA_KVER(6, 6, 0) || iface == HLK_IFACE_ACCEL)
		caps |= HLA_CAP_ENGINES | HLA_CAP_FLUSH_HBW | HLA_CAP_INFO_ERR_EVENTS |
			HLA_CAP_HW_IP_EXT | HLA_CAP_HW_IDLE_EXT | HLA_CAP_TIME_SYNC_TSC;
	if (v >= HLA_KVER(6, 7, 0))
		caps |= HLA_CAP_DMABUF_OFFSET;
	if (v >= HLA_KVER(6, 8, 0))
		caps |= HLA_CAP_INFO_DEV_SIGNED;
	return caps;
}

uint64_t hla__driver_caps(const struct hla_driver_info *drv, uint32_t iface,
			  uint32_t asic)
{
	uint64_t caps;

	if (drv->driver == HLA_DRIVER_HABANA)
		caps = HLA_CAP_DMABUF_ADDR | HLA_CAP_DMABUF_OFFSET | HLA_CAP_RAZWI_EXT |
		       HLA_CAP_ENGINES | HLA_CAP_FLUSH_HBW | HLA_CAP_INFO_PAGE_FAULT |
		       HLA_CAP_INFO_ERR_EVENTS | HLA_CAP_INFO_DEV_SIGNED |
		       HLA_CAP_HW_IP_EXT | HLA_CAP_HW_IDLE_EXT |
		       HLA_CAP_TIME_SYNC_TSC | HLA_CAP_HABANA_EXT;
	else
		caps = upstream_caps(drv->driver_version, iface);
	/* Gaudi's DRAM has no MMU: it is exported by physical address, with
	 * no offset; the physical form exists for Gaudi only */
	if (hla__asic_is_gaudi1(asic))
		caps = (caps & ~HLA_CAP_DMABUF_OFFSET) | HLA_CAP_DMABUF_PHYS;
	else
		caps &= ~HLA_CAP_DMABUF_PHYS;
	return caps;
}
