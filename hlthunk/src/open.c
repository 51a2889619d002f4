/* SPDX-License-Identifier: MIT */
/*
 * Finding and opening devices, and the calls that say which device an fd
 * is.  Devices are found through hlaccel's device list (sysfs only, no
 * node is opened to look); the node is then opened with open(2), as
 * hl-thunk does, and borrowed into the fd table.
 */
#include "ht_internal.h"

#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

/* a visitor returns 0 to go on, anything else to stop with that value */
typedef int (*ht_visit_fn)(const struct hla_device_desc *d, void *arg);

static int fail(int ret)
{
	errno = -ret;
	return ret;
}

/* visit every device in enumeration order; 0 when all were visited */
static int for_each_device(ht_visit_fn visit, void *arg)
{
	struct hla_devlist *list;
	uint32_t n;
	int ret = hla_devlist_create(0, &list);

	if (ret)
		return ret;
	ret = hla_devlist_count(list, &n);
	for (uint32_t i = 0; !ret && i < n; i++) {
		HLA_STRUCT_INIT(hla_device_desc, d);

		if (!hla_devlist_describe(list, i, &d))
			ret = visit(&d, arg);
	}
	hla_devlist_destroy(list);
	return ret;
}

static bool name_valid(enum hlthunk_device_name name)
{
	return (int)name >= 0 && name < HLTHUNK_DEVICE_MAX &&
	       name != HLTHUNK_DEVICE_INVALID;
}

static bool name_matches(const struct hla_device_desc *d, enum hlthunk_device_name want)
{
	if (want == HLTHUNK_DEVICE_DONT_CARE)
		return true;
	return (d->valid & HLA_DESC_ASIC) && ht_name_of_asic(d->asic) == want;
}

/* "19:00.0" names the same device as "0000:19:00.0" */
static bool bus_matches(const struct hla_device_desc *d, const char *want)
{
	size_t hl, wl = strlen(want);

	if (!(d->valid & HLA_DESC_PCI_BUS_ID))
		return false;
	hl = strlen(d->pci_bus_id);
	if (wl == hl)
		return !strcasecmp(d->pci_bus_id, want);
	return wl < hl && d->pci_bus_id[hl - wl - 1] == ':' &&
	       !strcasecmp(d->pci_bus_id + hl - wl, want);
}

/* does d carry module id m?  sysfs has the attribute on newer kernels;
 * elsewhere the control node's hw_ip answers */
static bool module_matches(const struct hla_device_desc *d, uint32_t m)
{
	HLA_STRUCT_INIT(hla_hw_ip_info, hw);
	struct hla_device *dev;
	int ret;

	if (d->valid & HLA_DESC_MODULE_ID)
		return d->module_id == m;
	if (hla_device_open_path(d->control_node, HLA_OPEN_CONTROL, &dev))
		return false;
	ret = hla_info_hw_ip(dev, &hw);
	hla_device_close(dev);
	return !ret && (hw.valid & HLA_HW_IP_MODULE_ID) && hw.module_id == m;
}

/* how a device is asked for: one of these keys */
struct ht_query {
	enum { BY_NAME, BY_BUS, BY_MINOR, BY_MODULE } by;
	enum hlthunk_device_name name;
	const char *bus;
	uint32_t num; /* minor or module id */
	/* results */
	struct hla_device_desc desc;
	uint32_t count;
};

static bool query_matches(const struct ht_query *q, const struct hla_device_desc *d)
{
	switch (q->by) {
	case BY_NAME:
		return name_matches(d, q->name);
	case BY_BUS:
		return bus_matches(d, q->bus);
	case BY_MINOR:
		return d->minor == q->num;
	default:
		return module_matches(d, q->num);
	}
}

static int visit_find(const struct hla_device_desc *d, void *arg)
{
	struct ht_query *q = arg;

	if (!query_matches(q, d))
		return 0;
	q->desc = *d;
	return 1;
}

static int visit_count(const struct hla_device_desc *d, void *arg)
{
	struct ht_query *q = arg;

	q->count += query_matches(q, d);
	return 0;
}

/* the first device q matches, in q->desc */
static int find(struct ht_query *q)
{
	int ret = for_each_device(visit_find, q);

	return ret == 1 ? 0 : ret ? ret : -ENODEV;
}

/* open(2) a node as hl-thunk does and put the fd in the table */
static int open_node(const char *path)
{
	struct ht_ref r;
	int fd = open(path, O_RDWR | O_CLOEXEC);
	int ret;

	if (fd < 0)
		return -errno;
	ret = ht_acquire(fd, &r);
	if (ret) {
		close(fd);
		return ret;
	}
	ht_release(&r);
	return fd;
}

static int open_found(struct ht_query *q, bool control)
{
	int ret = find(q);

	if (!ret)
		ret = open_node(control ? q->desc.control_node : q->desc.node);
	return ret < 0 ? fail(ret) : ret;
}

struct ht_name_open {
	struct ht_query q;
	bool control;
	int last; /* the error to report when none opens */
	int fd;
};

static int visit_open(const struct hla_device_desc *d, void *arg)
{
	struct ht_name_open *o = arg;
	int ret;

	if (!query_matches(&o->q, d))
		return 0;
	ret = open_node(o->control ? d->control_node : d->node);
	if (ret >= 0) {
		o->fd = ret;
		return 1;
	}
	if (ret != -ENOENT)
		o->last = ret;
	return 0;
}

/* The first device of that name whose node opens: a busy device is
 * passed over, as hl-thunk does. */
static int open_by_name(enum hlthunk_device_name name, bool control)
{
	struct ht_name_open o = { .q = { .by = BY_NAME, .name = name },
				  .control = control, .last = -ENOENT, .fd = -1 };
	int ret;

	if (!name_valid(name))
		return fail(-EINVAL);
	ret = for_each_device(visit_open, &o);
	if (ret == 1)
		return o.fd;
	return fail(ret ? ret : o.last);
}

static int open_by_bus(const char *busid, bool control)
{
	struct ht_query q = { .by = BY_BUS, .bus = busid };

	return *busid ? open_found(&q, control) : fail(-EINVAL);
}

HT_EXPORT int hlthunk_open(enum hlthunk_device_name device_name, const char *busid)
{
	return busid ? open_by_bus(busid, false) : open_by_name(device_name, false);
}

HT_EXPORT int hlthunk_open_control(int dev_id, const char *busid)
{
	struct ht_query q = { .by = BY_MINOR, .num = (uint32_t)dev_id };
	int ret;

	if (busid)
		return open_by_bus(busid, true);
	if (dev_id < 0)
		return fail(-EINVAL);
	ret = open_found(&q, true);
	/* as opening a control node that does not exist */
	return ret == -ENODEV ? fail(-ENOENT) : ret;
}

HT_EXPORT int hlthunk_open_control_by_name(enum hlthunk_device_name device_name,
					   const char *busid)
{
	return busid ? open_by_bus(busid, true) : open_by_name(device_name, true);
}

HT_EXPORT int hlthunk_open_control_by_bus_id(const char *busid)
{
	return busid ? open_by_bus(busid, true) : fail(-EINVAL);
}

HT_EXPORT int hlthunk_open_by_module_id(uint32_t module_id)
{
	struct ht_query q = { .by = BY_MODULE, .num = module_id };

	return open_found(&q, false);
}

HT_EXPORT int hlthunk_open_control_by_module_id(uint32_t module_id)
{
	struct ht_query q = { .by = BY_MODULE, .num = module_id };

	return open_found(&q, true);
}

HT_EXPORT int hlthunk_close(int fd)
{
	ht_forget(fd);
	return close(fd);
}

HT_EXPORT int hlthunk_get_device_count(enum hlthunk_device_name device_name)
{
	struct ht_query q = { .by = BY_NAME, .name = device_name };
	int ret;

	if (!name_valid(device_name))
		return fail(-EINVAL);
	ret = for_each_device(visit_count, &q);
	return ret ? fail(ret) : (int)q.count;
}

static int index_of(struct ht_query *q)
{
	int ret = find(q);

	return ret ? fail(ret) : (int)q->desc.minor;
}

HT_EXPORT int hlthunk_get_device_index_from_pci_bus_id(const char *busid)
{
	struct ht_query q = { .by = BY_BUS, .bus = busid };

	return busid && *busid ? index_of(&q) : fail(-EINVAL);
}

HT_EXPORT int hlthunk_get_device_index_from_module_id(uint32_t module_id)
{
	struct ht_query q = { .by = BY_MODULE, .num = module_id };

	return index_of(&q);
}

HT_EXPORT uint32_t hlthunk_get_device_id_from_fd(int fd)
{
	struct ht_ref r;
	uint32_t id = 0;
	int ret = ht_acquire_checked(fd, &r);

	if (ret) {
		errno = -ret;
		return 0;
	}
	if (r.e->desc.valid & HLA_DESC_PCI_DEVICE_ID)
		id = r.e->desc.pci_device_id;
	ht_release(&r);
	if (!id)
		errno = ENODEV;
	return id;
}

HT_EXPORT enum hlthunk_device_name hlthunk_get_device_name_from_fd(int fd)
{
	enum hlthunk_device_name name = HLTHUNK_DEVICE_INVALID;
	struct ht_ref r;
	int ret = ht_acquire_checked(fd, &r);

	if (ret) {
		errno = -ret;
		return HLTHUNK_DEVICE_INVALID;
	}
	if (r.e->desc.valid & HLA_DESC_ASIC)
		name = ht_name_of_asic(r.e->desc.asic);
	ht_release(&r);
	return name;
}

HT_EXPORT int hlthunk_get_pci_bus_id_from_fd(int fd, char *pci_bus_id, int len)
{
	struct ht_ref r;
	int ret;

	if (!pci_bus_id || len <= 0)
		return fail(-EINVAL);
	ret = ht_acquire_checked(fd, &r);
	if (ret)
		return fail(ret);
	if (r.e->desc.valid & HLA_DESC_PCI_BUS_ID)
		snprintf(pci_bus_id, (size_t)len, "%s", r.e->desc.pci_bus_id);
	else
		ret = -ENODEV;
	ht_release(&r);
	return ret ? fail(ret) : 0;
}
