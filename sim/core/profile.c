/* SPDX-License-Identifier: MIT */
/*
 * Driver profiles: what one kernel's habanalabs driver shows a program.
 * Each field names the driver code it stands for; sim/README.md has the
 * table with the sources each row was taken from.
 *
 * kver is the Makefile's VERSION.PATCHLEVEL.SUBLEVEL of the distribution
 * kernel named by release: Ubuntu keeps SUBLEVEL 0 (its stable base shows
 * only in the package version), Debian carries the stable sublevel.
 */
#include "core/core.h"

#include <string.h>

/* the out-of-tree driver's version.h (HL_DRIVER_MAJOR/MINOR/PATCHLEVEL,
 * HL_DRIVER_DATE) and MODULE_VERSION(), built from it and the git sha */
#define OOT_MAJ 1
#define OOT_MIN 24
#define OOT_PATCH 1
#define OOT_DATE "20260305"
#define OOT_MODVER "1.24.1-5d1e0f2"

static const struct sim_profile profiles[] = {
	{
		/* Linux 6.1 as released: drivers/misc/habanalabs, with the
		 * dma-buf export of VM ASICs by allocation handle
		 * (export_dmabuf_from_handle()) */
		.name = "6.1.0", .release = "6.1.0", .kver = { 6, 1, 0 },
		.nodes = SIM_NODES_LEGACY, .ioc = SIM_IOC_LEGACY,
		.info_max = 32, .razwi_v2 = false, .export = SIM_EXPORT_HANDLE,
	},
	{
		/* Debian 12: drivers/misc/habanalabs, /dev/hlN, 'H' ioctls */
		.name = "6.1", .release = "6.1.0-27-amd64", .kver = { 6, 1, 115 },
		.nodes = SIM_NODES_LEGACY, .ioc = SIM_IOC_LEGACY,
		.info_max = 32, .razwi_v2 = false, .export = SIM_EXPORT_PHYS_ONLY,
	},
	{
		/* drivers/misc/habanalabs with the RAZWI rework (hl_capture_razwi())
		 * and without handle export (export_dmabuf_from_addr() only) */
		.name = "6.2", .release = "6.2.0-39-generic", .kver = { 6, 2, 0 },
		.nodes = SIM_NODES_LEGACY, .ioc = SIM_IOC_LEGACY,
		.info_max = 34, .razwi_v2 = true, .export = SIM_EXPORT_PHYS_ONLY,
	},
	{
		/* drivers/accel/habanalabs, still hl_ioctl() on /dev/hlN; the
		 * hardware and firmware error records (INFO 36-37) came in 6.4 */
		.name = "6.5", .release = "6.5.0-35-generic", .kver = { 6, 5, 0 },
		.nodes = SIM_NODES_LEGACY, .ioc = SIM_IOC_LEGACY,
		.info_max = 37, .razwi_v2 = true, .export = SIM_EXPORT_ADDR_NO_OFFSET,
	},
	{
		/* registered with the DRM accel core: drm_ioctl(), /dev/accel */
		.name = "6.6", .release = "6.6.58", .kver = { 6, 6, 58 },
		.nodes = SIM_NODES_ACCEL, .ioc = SIM_IOC_DRM, .modern = true,
		.info_max = 38, .razwi_v2 = true, .export = SIM_EXPORT_ADDR_NO_OFFSET,
		.drm_date = "20190505",
	},
	{
		/* Ubuntu 24.04; module_id / parent_device attributes, DEV_SIGNED */
		.name = "6.8", .release = "6.8.0-45-generic", .kver = { 6, 8, 0 },
		.nodes = SIM_NODES_ACCEL, .ioc = SIM_IOC_DRM, .modern = true,
		.info_max = 40, .info_signed = true, .razwi_v2 = true,
		.export = SIM_EXPORT_ADDR, .module_id = true, .drm_date = "20190505",
	},
	{
		/* Debian 13 */
		.name = "6.12", .release = "6.12.38+deb13-amd64", .kver = { 6, 12, 38 },
		.nodes = SIM_NODES_ACCEL, .ioc = SIM_IOC_DRM, .modern = true,
		.info_max = 40, .info_signed = true, .razwi_v2 = true,
		.export = SIM_EXPORT_ADDR, .module_id = true, .drm_date = "20190505",
	},
	{
		/* Habana's driver on Ubuntu 22.04: no CONFIG_DRM_ACCEL, so its own
		 * "accel" class, a dynamic major and hl_ioctl() decoding the nr
		 * alone (habanalabs_compat_accel.c) */
		.name = "oot-5.15", .release = "5.15.0-122-generic", .kver = { 5, 15, 0 },
		.nodes = SIM_NODES_ACCEL, .ioc = SIM_IOC_COMPAT, .modern = true, .oot = true,
		.info_max = 40, .info_signed = true, .razwi_v2 = true,
		.export = SIM_EXPORT_ADDR, .module_id = true,
		.kver_drm = { OOT_MAJ, OOT_MIN, OOT_PATCH }, .module_version = OOT_MODVER,
	},
	{
		/* Habana's driver on Ubuntu 24.04, registered with DRM accel */
		.name = "oot-6.8", .release = "6.8.0-45-generic", .kver = { 6, 8, 0 },
		.nodes = SIM_NODES_ACCEL, .ioc = SIM_IOC_DRM, .modern = true, .oot = true,
		.info_max = 40, .info_signed = true, .razwi_v2 = true,
		.export = SIM_EXPORT_ADDR, .module_id = true, .drm_date = OOT_DATE,
		.kver_drm = { OOT_MAJ, OOT_MIN, OOT_PATCH }, .module_version = OOT_MODVER,
	},
};

const struct sim_profile *sim_profile_find(const char *name)
{
	for (size_t i = 0; i < sizeof(profiles) / sizeof(profiles[0]); i++)
		if (!strcmp(profiles[i].name, name))
			return &profiles[i];
	return NULL;
}

const struct sim_profile *sim_profile_at(size_t i)
{
	return i < sizeof(profiles) / sizeof(profiles[0]) ? &profiles[i] : NULL;
}

/* the list of names, for messages */
const char *sim_profile_names(void)
{
	return "6.1.0, 6.1, 6.2, 6.5, 6.6, 6.8, 6.12, oot-5.15, oot-6.8";
}
