/* SPDX-License-Identifier: MIT */
/* Discovery helpers shared by discover.c and device.c. */
#ifndef HLACCEL_DISCOVER_H
#define HLACCEL_DISCOVER_H

#include "hla_internal.h"

int hla__link_basename(const char *path, char *buf, size_t size);
bool hla__accel_is_habanalabs(uint32_t minor);
bool hla__legacy_exists(uint32_t minor);
void hla__node_paths(uint32_t iface, uint32_t minor, char *node, char *control,
		     char *sysfs_dir, size_t dir_size);
uint32_t hla__read_status(const char *sysfs_dir);
uint32_t hla__kernel_version(void);
int hla__desc_fill(uint32_t iface, uint32_t minor, struct hla_device_desc *d);
int hla__enum_get(unsigned int index, uint32_t *iface, uint32_t *minor);

#endif
