/* SPDX-License-Identifier: MIT */
/*
 * Device discovery from sysfs.  Nothing here opens a device node: the
 * compute node admits a single user, so enumeration must never take it.
 */
#include "hla_internal.h"
#include "discover.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#define HLA_MAX_ENUM 256

struct enum_state {
	uint32_t iface;
	uint32_t minors[HLA_MAX_ENUM];
	unsigned int n;
};

int hla__link_basename(const char *path, char *buf, size_t size)
{
	char target[256];
	ssize_t n = hla__sys_readlink(path, target, sizeof(target) - 1);
	const char *base;

	if (n < 0)
		return -errno;
	target[n] = '\0';
	base = strrchr(target, '/');
	base = base ? base + 1 : target;
	if (strlen(base) >= size)
		return -ENAMETOOLONG;
	strcpy(buf, base);
	return 0;
}

bool hla__accel_is_habanalabs(uint32_t minor)
{
	char path[128], drv[64];

	snprintf(path, sizeof(path), HLA_SYSFS_ACCEL_CLASS "/accel%u/device/driver",
		 minor);
	if (hla__link_basename(path, drv, sizeof(drv)))
		return false;
	return !strcmp(drv, HLK_DRM_DRIVER_NAME);
}

bool hla__legacy_exists(uint32_t minor)
{
	char path[128];
	struct stat st;

	snprintf(path, sizeof(path), HLA_SYSFS_LEGACY_CLASS "/hl%u", minor);
	return hla__sys_stat(path, &st) == 0;
}

static int collect_cb(const char *name, void *priv)
{
	struct enum_state *s = priv;
	uint32_t minor;
	bool ok;

	if (s->iface == HLA_INTERFACE_ACCEL)
		ok = hlk_parse_index(name, "accel", &minor) &&
		     hla__accel_is_habanalabs(minor);
	else
		ok = hlk_parse_index(name, "hl", &minor);
	if (ok && s->n < HLA_MAX_ENUM)
		s->minors[s->n++] = minor;
	return 0;
}

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

/* the index-th habanalabs device, or the count when index is UINT32_MAX */
static int enumerate(unsigned int index, uint32_t *iface, uint32_t *minor,
		     unsigned int *count)
{
	static const uint32_t order[] = { HLA_INTERFACE_ACCEL, HLA_INTERFACE_LEGACY };
	static const char *const dirs[] = { HLA_SYSFS_ACCEL_CLASS,
					    HLA_SYSFS_LEGACY_CLASS };
	unsigned int total = 0;

	for (size_t k = 0; k < HLA_ARRAY_SIZE(order); k++) {
		struct enum_state s;
		int ret;

		s.iface = order[k];
		s.n = 0;
		ret = hla__sys_listdir(dirs[k], collect_cb, &s);
		if (ret && ret != -ENOENT && ret != -ENOTDIR)
			return ret;
		qsort(s.minors, s.n, sizeof(s.minors[0]), cmp_u32);
		if (index != UINT32_MAX && index < total + s.n) {
			*iface = order[k];
			*minor = s.minors[index - total];
			return 0;
		}
		total += s.n;
	}
	if (count) {
		*count = total;
		return 0;
	}
	return -ENODEV;
}

void hla__node_paths(uint32_t iface, uint32_t minor, char *node, char *control,
		     char *sysfs_dir, size_t dir_size)
{
	if (iface == HLA_INTERFACE_ACCEL) {
		snprintf(node, HLA_PATH_MAX, HLA_DEV_ACCEL_DIR "/accel%u", minor);
		snprintf(control, HLA_PATH_MAX, HLA_DEV_ACCEL_DIR "/accel_controlD%u",
			 minor);
		snprintf(sysfs_dir, dir_size, HLA_SYSFS_ACCEL_CLASS "/accel%u/device",
			 minor);
	} else {
		snprintf(node, HLA_PATH_MAX, HLA_DEV_DIR "/hl%u", minor);
		snprintf(control, HLA_PATH_MAX, HLA_DEV_DIR "/hl_controlD%u", minor);
		snprintf(sysfs_dir, dir_size, HLA_SYSFS_LEGACY_CLASS "/hl%u", minor);
	}
}

static int read_attr(const char *dir, const char *attr, char *buf, size_t size)
{
	char path[256];

	snprintf(path, sizeof(path), "%s/%s", dir, attr);
	return hla__read_file(path, buf, size);
}

static uint32_t parse_status(const char *s)
{
	static const char *const names[] = {
		"Operational", "In reset", "Disabled", "Needs reset",
		"In device creation", "In reset after device release",
	};

	for (size_t i = 0; i < HLA_ARRAY_SIZE(names); i++)
		if (!strcmp(s, names[i]))
			return (uint32_t)i;
	return HLA_DEVICE_STATUS_UNKNOWN;
}

uint32_t hla__read_status(const char *sysfs_dir)
{
	char buf[64];

	if (read_attr(sysfs_dir, "status", buf, sizeof(buf)) < 0)
		return HLA_DEVICE_STATUS_UNKNOWN;
	return parse_status(buf);
}

uint32_t hla__kernel_version(void)
{
	char rel[128];

	if (hla__sys_kernel_release(rel, sizeof(rel)))
		return 0;
	return hla__parse_kernel_version(rel);
}

/* fill a full-size desc for (iface, minor) from sysfs */
int hla__desc_fill(uint32_t iface, uint32_t minor, struct hla_device_desc *d)
{
	char dir[128], buf[64], pcidir[160];
	uint32_t pci_id = 0, rev = 0;

	memset(d, 0, sizeof(*d));
	d->sz = sizeof(*d);
	d->interface = iface;
	d->minor = minor;
	hla__node_paths(iface, minor, d->node, d->control_node, dir, sizeof(dir));
	snprintf(pcidir, sizeof(pcidir), "%s%s", dir,
		 iface == HLA_INTERFACE_LEGACY ? "/device" : "");
	if (read_attr(dir, "device_type", d->device_type, sizeof(d->device_type)) < 0)
		d->device_type[0] = '\0';
	if (read_attr(dir, "pci_addr", buf, sizeof(buf)) > 0 &&
	    strlen(buf) < sizeof(d->pci_bus_id))
		strcpy(d->pci_bus_id, buf);
	if (read_attr(pcidir, "device", buf, sizeof(buf)) > 0)
		pci_id = (uint32_t)strtoul(buf, NULL, 0);
	if (read_attr(pcidir, "revision", buf, sizeof(buf)) > 0)
		rev = (uint32_t)strtoul(buf, NULL, 0);
	d->pci_device_id = pci_id;
	d->asic = hla__asic_from_pci(pci_id, rev);
	if (d->asic == HLA_ASIC_UNKNOWN)
		d->asic = hla__asic_from_type(d->device_type);
	d->module_id = -1;
	if (read_attr(dir, "module_id", buf, sizeof(buf)) > 0)
		d->module_id = (int32_t)strtol(buf, NULL, 10);
	d->status = hla__read_status(dir);
	d->kernel_version = hla__kernel_version();
	return 0;
}

int hla__enum_get(unsigned int index, uint32_t *iface, uint32_t *minor)
{
	return enumerate(index, iface, minor, NULL);
}

HLA_EXPORT int hla_device_count(unsigned int *count)
{
	uint32_t iface, minor;

	if (!count)
		return -EINVAL;
	return enumerate(UINT32_MAX, &iface, &minor, count);
}

HLA_EXPORT int hla_device_get_desc(unsigned int index,
				   struct hla_device_desc *desc)
{
	struct hla_device_desc d;
	uint32_t iface, minor;
	int ret;

	ret = hla__check_out(desc);
	if (ret)
		return ret;
	if (index == UINT32_MAX)
		return -ENODEV;
	ret = enumerate(index, &iface, &minor, NULL);
	if (ret)
		return ret;
	hla__desc_fill(iface, minor, &d);
	d.index = index;
	hla__copy_out(desc, &d, sizeof(d));
	return 0;
}
