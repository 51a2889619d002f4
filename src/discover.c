/* SPDX-License-Identifier: MIT */
/*
 * Device discovery from sysfs.  Nothing here opens a device node: the
 * compute node admits a single user, so enumeration must never take it.
 * A device list is read in one pass: one listing per class directory, one
 * read per attribute.
 */
#include "hla_internal.h"
#include "discover.h"
#include "valid.h"

#include <stdio.h>
#include <stdlib.h>

struct hla_devlist {
	uint32_t count;
	struct hla_device_desc desc[];
};

struct scan_state {
	uint32_t iface;
	struct hla__ref *refs;
	uint32_t max;
	uint32_t n;     /* entries of this class seen */
	uint32_t base;  /* entries of earlier classes */
};

static int link_basename(const char *path, char *buf, size_t size)
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

/*
 * Habana's driver built for a kernel without DRM accel (5.15, or a distro
 * kernel with accel left out) makes the accel class and nodes itself and
 * puts its attributes in a "device" group of the class device: there is
 * no PCI driver link, but its module version and a device_type are there.
 */
static bool accel_compat_node(uint32_t minor)
{
	char path[96], buf[64];
	struct stat st;

	if (hla__sys_stat(HLA_SYSFS_MODULE "/version", &st))
		return false;
	snprintf(path, sizeof(path), HLA_SYSFS_ACCEL_CLASS "/accel%u/device/device_type",
		 minor);
	return hla__read_file(path, buf, sizeof(buf)) > 0;
}

bool hla__accel_is_habanalabs(uint32_t minor)
{
	char path[96], drv[64];

	snprintf(path, sizeof(path), HLA_SYSFS_ACCEL_CLASS "/accel%u/device/driver",
		 minor);
	if (link_basename(path, drv, sizeof(drv)))
		return accel_compat_node(minor);
	return !strcmp(drv, HLK_DRM_DRIVER_NAME);
}

static int scan_cb(const char *name, void *priv)
{
	struct scan_state *s = priv;
	uint32_t minor, i;

	if (s->iface == HLK_IFACE_ACCEL) {
		if (!hlk_parse_index(name, "accel", &minor) ||
		    !hla__accel_is_habanalabs(minor))
			return 0;
	} else if (!hlk_parse_index(name, "hl", &minor)) {
		return 0;
	}
	/* insertion by minor, within this class's part of the array */
	i = s->n++;
	if (s->base + i >= s->max)
		return 0;
	while (i && s->refs[s->base + i - 1].minor > minor) {
		s->refs[s->base + i] = s->refs[s->base + i - 1];
		i--;
	}
	s->refs[s->base + i].iface = s->iface;
	s->refs[s->base + i].minor = minor;
	return 0;
}

int hla__scan(struct hla__ref *refs, uint32_t max, uint32_t *count)
{
	static const uint32_t order[] = { HLK_IFACE_ACCEL, HLK_IFACE_LEGACY };
	static const char *const dirs[] = { HLA_SYSFS_ACCEL_CLASS,
					    HLA_SYSFS_LEGACY_CLASS };
	uint32_t total = 0;

	for (size_t k = 0; k < HLA_ARRAY_SIZE(order); k++) {
		struct scan_state s = { order[k], refs, max, 0, total };
		int ret = hla__sys_listdir(dirs[k], scan_cb, &s);

		if (ret && ret != -ENOENT && ret != -ENOTDIR)
			return ret;
		total += s.n;
	}
	*count = total;
	return 0;
}

int hla__sysfs_dir(const struct hla__ref *ref, char *buf, size_t size)
{
	int n = ref->iface == HLK_IFACE_ACCEL ?
			snprintf(buf, size, HLA_SYSFS_ACCEL_CLASS "/accel%u/device",
				 ref->minor) :
			snprintf(buf, size, HLA_SYSFS_LEGACY_CLASS "/hl%u", ref->minor);

	return n < 0 || (size_t)n >= size ? -ENAMETOOLONG : 0;
}

void hla__node_path(const struct hla__ref *ref, bool control, char *buf,
		    size_t size)
{
	if (ref->iface == HLK_IFACE_ACCEL)
		snprintf(buf, size, HLA_DEV_ACCEL_DIR "/accel%s%u",
			 control ? "_controlD" : "", ref->minor);
	else
		snprintf(buf, size, HLA_DEV_DIR "/hl%s%u",
			 control ? "_controlD" : "", ref->minor);
}

int hla__attr_read(const char *sysfs_dir, const char *name, char *buf,
		   size_t size)
{
	char path[160];
	int ret = hla__path_join(path, sizeof(path), sysfs_dir, name);

	return ret ? ret : hla__read_file(path, buf, size);
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

/* a numeric attribute; true if present and a number */
static bool attr_u64(const char *dir, const char *name, uint64_t *v)
{
	char buf[32];

	return hla__attr_read(dir, name, buf, sizeof(buf)) > 0 &&
	       !hla__parse_u64(buf, v);
}

/* copy a string attribute into a fixed field; true if present and it fits */
static bool attr_str(const char *dir, const char *name, char *field, size_t size)
{
	char buf[64];
	int n = hla__attr_read(dir, name, buf, sizeof(buf));

	if (n <= 0 || (size_t)n >= size)
		return false;
	memcpy(field, buf, (size_t)n + 1);
	return true;
}

/* the PCI attributes: on the class device (accel) or one level down (legacy) */
static void desc_pci(const char *dir, uint32_t iface, struct hla_device_desc *d)
{
	char pci[HLA_SYSFS_DIR_MAX + 8];
	uint64_t v;

	if (iface == HLK_IFACE_LEGACY)
		hla__path_join(pci, sizeof(pci), dir, "device");
	else
		snprintf(pci, sizeof(pci), "%s", dir);
	if (attr_u64(pci, "device", &v) && v <= UINT32_MAX) {
		d->pci_device_id = (uint32_t)v;
		d->valid |= HLA_DESC_PCI_DEVICE_ID;
	}
	if (attr_u64(pci, "revision", &v) && v <= 0xff) {
		d->pci_revision = (uint32_t)v;
		d->valid |= HLA_DESC_PCI_REVISION;
	}
	if (attr_u64(pci, "numa_node", &v)) {
		/* -1 (no NUMA) does not parse as unsigned: left not valid */
		d->numa_node = (int32_t)v;
		d->valid |= HLA_DESC_NUMA_NODE;
	}
}

static void desc_asic(struct hla_device_desc *d)
{
	uint32_t asic = HLA_ASIC_UNKNOWN;

	if (d->valid & HLA_DESC_PCI_DEVICE_ID)
		asic = hla__asic_from_pci(d->pci_device_id, d->pci_revision);
	if (asic == HLA_ASIC_UNKNOWN && (d->valid & HLA_DESC_DEVICE_TYPE))
		asic = hla__asic_from_type(d->device_type);
	if (asic != HLA_ASIC_UNKNOWN) {
		d->asic = asic;
		d->valid |= HLA_DESC_ASIC;
	}
}

void hla__desc_fill(const struct hla__ref *ref, const struct hla_driver_info *drv,
		    struct hla_device_desc *d)
{
	char dir[HLA_SYSFS_DIR_MAX], buf[64];
	uint64_t v;

	memset(d, 0, sizeof(*d));
	d->sz = sizeof(*d);
	d->minor = ref->minor;
	d->interface = ref->iface;
	d->valid = HLA_DESC_MINOR | HLA_DESC_INTERFACE | HLA_DESC_NODE |
		   HLA_DESC_CONTROL_NODE | HLA_DESC_IS_CONTROL;
	hla__node_path(ref, false, d->node, sizeof(d->node));
	hla__node_path(ref, true, d->control_node, sizeof(d->control_node));
	if (hla__sysfs_dir(ref, dir, sizeof(dir)))
		return;
	if (attr_str(dir, "device_type", d->device_type, sizeof(d->device_type)))
		d->valid |= HLA_DESC_DEVICE_TYPE;
	if (attr_str(dir, "pci_addr", d->pci_bus_id, sizeof(d->pci_bus_id)))
		d->valid |= HLA_DESC_PCI_BUS_ID;
	if (attr_u64(dir, "module_id", &v) && v <= UINT32_MAX) {
		d->module_id = (uint32_t)v;
		d->valid |= HLA_DESC_MODULE_ID;
	}
	if (hla__attr_read(dir, "status", buf, sizeof(buf)) > 0) {
		d->status = parse_status(buf);
		d->valid |= HLA_DESC_STATUS;
	}
	desc_pci(dir, ref->iface, d);
	desc_asic(d);
	d->driver = drv->driver;
	d->driver_version = drv->driver_version;
	d->kernel_version = drv->kernel_version;
	memcpy(d->driver_version_str, drv->version_str, sizeof(d->driver_version_str));
	if (drv->driver != HLA_DRIVER_UNKNOWN)
		d->valid |= HLA_DESC_DRIVER;
	if (drv->driver_version)
		d->valid |= HLA_DESC_DRIVER_VERSION;
	if (drv->version_str[0])
		d->valid |= HLA_DESC_DRIVER_VERSION_STR;
	if (drv->kernel_version)
		d->valid |= HLA_DESC_KERNEL_VERSION;
	d->caps = hla__driver_caps(drv, ref->iface, d->asic);
	d->caps_probe = hla__driver_probe_caps(drv, ref->iface, d->asic);
	d->valid |= HLA_DESC_CAPS | HLA_DESC_CAPS_PROBE;
}

HLA_EXPORT int hla_device_count(uint32_t *count)
{
	if (!count)
		return -EINVAL;
	return hla__scan(NULL, 0, count);
}

HLA_EXPORT int hla_devlist_create(uint32_t flags, struct hla_devlist **list)
{
	struct hla__ref refs[HLA_MAX_DEVICES];
	struct hla_driver_info drv;
	struct hla_devlist *l;
	uint32_t n;
	int ret;

	if (!list || flags)
		return -EINVAL;
	ret = hla__scan(refs, HLA_MAX_DEVICES, &n);
	if (ret)
		return ret;
	if (n > HLA_MAX_DEVICES)
		n = HLA_MAX_DEVICES;
	if (n) {
		ret = hla__driver_probe(&drv);
		if (ret)
			return ret;
	}
	l = calloc(1, sizeof(*l) + n * sizeof(l->desc[0]));
	if (!l)
		return -ENOMEM;
	for (uint32_t i = 0; i < n; i++) {
		hla__desc_fill(&refs[i], &drv, &l->desc[i]);
		l->desc[i].index = i;
		l->desc[i].valid |= HLA_DESC_INDEX;
	}
	l->count = n;
	*list = l;
	return 0;
}

HLA_EXPORT int hla_devlist_count(const struct hla_devlist *list, uint32_t *count)
{
	if (!list || !count)
		return -EINVAL;
	*count = list->count;
	return 0;
}

HLA_EXPORT int hla_devlist_describe(const struct hla_devlist *list, uint32_t index,
				    struct hla_device_desc *desc)
{
	int ret = hla__out_check(desc, sizeof(*desc));

	if (ret)
		return ret;
	if (!list)
		return -EINVAL;
	if (index >= list->count)
		return -ENODEV;
	if (hla__sz(desc) == sizeof(*desc)) {
		memcpy(desc, &list->desc[index], sizeof(*desc));
	} else {
		struct hla_device_desc d = list->desc[index];

		d.valid = hla__valid_trim(d.valid, desc_ends, HLA_ARRAY_SIZE(desc_ends),
					  hla__sz(desc));
		hla__out_copy(desc, &d, sizeof(d));
	}
	return 0;
}

HLA_EXPORT void hla_devlist_destroy(struct hla_devlist *list)
{
	free(list);
}

const struct hla_device_desc *hla__devlist_entry(const struct hla_devlist *list,
						 uint32_t index)
{
	return list && index < list->count ? &list->desc[index] : NULL;
}
