/* SPDX-License-Identifier: MIT */
/* Discovery and driver identification, shared by discover.c, driver.c and
 * device.c. */
#ifndef HLACCEL_DISCOVER_H
#define HLACCEL_DISCOVER_H

#include "hla_internal.h"

/* more than the accel core (256) and the legacy driver (128) can create */
#define HLA_MAX_DEVICES 512u

struct hla__ref {
	uint32_t iface; /* HLK_IFACE_* */
	uint32_t minor;
};

/* the habanalabs devices in enumeration order: accel nodes by minor, then
 * legacy nodes by minor.  Up to max refs; *count gets the total. */
int hla__scan(struct hla__ref *refs, uint32_t max, uint32_t *count);

/* sysfs directory of the device's attributes */
int hla__sysfs_dir(const struct hla__ref *ref, char *buf, size_t size);
/* compute and control node paths */
void hla__node_path(const struct hla__ref *ref, bool control, char *buf,
		    size_t size);
/* is accel minor a habanalabs device (its PCI driver link says so)? */
bool hla__accel_is_habanalabs(uint32_t minor);
/* read a device's attribute (name relative to the sysfs directory) */
int hla__attr_read(const char *sysfs_dir, const char *name, char *buf,
		   size_t size);

/* fill the sysfs part of a description (all fields but the open-only ones) */
void hla__desc_fill(const struct hla__ref *ref, const struct hla_driver_info *drv,
		    struct hla_device_desc *d);

/* entry index of a device list, NULL if out of range */
const struct hla_device_desc *hla__devlist_entry(const struct hla_devlist *list,
						 uint32_t index);

/* driver.c: the driver as seen without opening a device (module version,
 * kernel release) */
int hla__driver_probe(struct hla_driver_info *drv);
/* driver.c: refine with the DRM version an accel compute fd reports */
void hla__driver_from_drm(struct hla_driver_info *drv, int32_t major,
			  int32_t minor, int32_t patch);
/* driver.c: the capability set of a driver for a device of asic on iface */
uint64_t hla__driver_caps(const struct hla_driver_info *drv, uint32_t iface,
			  uint32_t asic);
/* driver.c: which of those the driver confirms on first use */
uint64_t hla__driver_probe_caps(const struct hla_driver_info *drv, uint32_t iface,
				uint32_t asic);

#endif
