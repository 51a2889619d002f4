/* SPDX-License-Identifier: MIT */
/* Opening devices: driver identification, interface detection, handles. */
#include "hla_internal.h"
#include "discover.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/sysmacros.h>
#include <time.h>

#define HLA_OPEN_FLAGS (HLA_OPEN_CONTROL | HLA_OPEN_RETRY | HLA_OPEN_DUP_FD)
#define HLA_OPEN_RETRY_MS 5000
#define HLA_OPEN_RETRY_STEP_MS 20

struct node_id {
	uint32_t iface;
	uint32_t minor;
	bool control;
};

/* parse a DEVNAME ("accel/accel3", "hl_controlD3", ...) into id */
static int parse_devname(const char *name, struct node_id *id)
{
	struct hlk_node n;

	if (!hlk_node_parse(name, &n))
		return -ENODEV;
	id->iface = n.iface;
	id->minor = n.minor;
	id->control = n.control;
	return 0;
}

/* does the node at path carry device number rdev? */
static bool node_has_rdev(const char *path, dev_t rdev)
{
	struct stat st;

	return !hla__sys_stat(path, &st) && S_ISCHR(st.st_mode) && st.st_rdev == rdev;
}

/* Which habanalabs node is the char device rdev?  -ENODEV if none. */
static int identify_rdev(dev_t rdev, struct node_id *id)
{
	char path[96], buf[512], *p;
	int ret;

	snprintf(path, sizeof(path), HLA_SYSFS_DEV_CHAR "/%u:%u/uevent", major(rdev),
		 minor(rdev));
	ret = hla__read_file(path, buf, sizeof(buf));
	if (ret < 0)
		return -ENODEV;
	p = strstr(buf, "DEVNAME=");
	if (!p)
		return -ENODEV;
	p += strlen("DEVNAME=");
	p[strcspn(p, "\n")] = '\0';
	ret = parse_devname(p, id);
	if (ret)
		return ret;
	/* now the driver: accel nodes are shared by every accel driver */
	if (id->iface == HLA_INTERFACE_ACCEL) {
		if (!hla__accel_is_habanalabs(id->minor))
			return -ENODEV;
	} else if (!hla__legacy_exists(id->minor)) {
		return -ENODEV;
	}
	/* the node the kernel names must be the device we were given */
	{
		char node[HLA_PATH_MAX], control[HLA_PATH_MAX], dir[128];

		hla__node_paths(id->iface, id->minor, node, control, dir, sizeof(dir));
		if (!node_has_rdev(id->control ? control : node, rdev))
			return -ENODEV;
	}
	return 0;
}

static void sleep_ms(unsigned int ms)
{
	struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) && errno == EINTR)
		;
}

static int query_hw(struct hla_device *dev)
{
	struct hlk_info_hw_ip_info hw;
	struct hlk_info_args args;
	int ret;

	memset(&hw, 0, sizeof(hw));
	memset(&args, 0, sizeof(args));
	args.op = HLK_INFO_HW_IP_INFO;
	args.return_pointer = (uint64_t)(uintptr_t)&hw;
	args.return_size = sizeof(hw);
	ret = hla__ioctl(dev, HLK_CMD_INFO, &args);
	if (ret)
		return ret;
	dev->pci_device_id = hw.device_id;
	dev->asic = hla__asic_from_pci(hw.device_id, hw.revision_id);
	dev->num_of_events = hw.num_of_events;
	dev->dram_page_size = hw.dram_page_size;
	return 0;
}

/* Set up a handle around fd, which is the node id names.  On failure the
 * caller still owns fd. */
static int init_device(int fd, const struct node_id *id, struct hla_device **out)
{
	struct hla_device *dev;
	struct hla_device_desc d;
	int ret;

	if (id->iface == HLA_INTERFACE_ACCEL && !id->control) {
		char name[64];

		/* the DRM core answers VERSION for every accel driver */
		ret = hla__sys_drm_driver_name(fd, name, sizeof(name));
		if (ret)
			return ret == -ENOTTY ? -ENODEV : ret;
		if (strcmp(name, HLK_DRM_DRIVER_NAME))
			return -ENODEV;
	}

	dev = calloc(1, sizeof(*dev));
	if (!dev)
		return -ENOMEM;
	dev->fd = fd;
	dev->interface = id->iface;
	dev->control = id->control;
	dev->minor = id->minor;
	for (unsigned int cmd = HLK_CMD_FIRST; cmd <= HLK_CMD_LAST; cmd++)
		dev->req[cmd] = hlk_cmd_request(id->iface, cmd);
	hla__desc_fill(id->iface, id->minor, &d);
	strcpy(dev->node, d.node);
	strcpy(dev->control_node, d.control_node);
	strcpy(dev->pci_bus_id, d.pci_bus_id);
	hla__node_paths(id->iface, id->minor, d.node, d.control_node, dev->sysfs_dir,
			sizeof(dev->sysfs_dir));
	dev->kernel_version = d.kernel_version;

	ret = query_hw(dev);
	if (ret) {
		free(dev);
		return ret;
	}
	if (dev->asic == HLA_ASIC_UNKNOWN)
		dev->asic = d.asic;
	*out = dev;
	return 0;
}

static int open_node(const char *path, const struct node_id *id, uint32_t flags,
		     struct hla_device **out)
{
	unsigned int waited = 0;
	int fd, ret;

	for (;;) {
		fd = hla__sys_open(path, O_RDWR);
		if (fd >= 0)
			break;
		ret = -errno;
		if (ret != -EAGAIN || !(flags & HLA_OPEN_RETRY) ||
		    waited >= HLA_OPEN_RETRY_MS)
			return ret;
		sleep_ms(HLA_OPEN_RETRY_STEP_MS);
		waited += HLA_OPEN_RETRY_STEP_MS;
	}
	ret = init_device(fd, id, out);
	if (ret)
		hla__sys_close(fd);
	return ret;
}

HLA_EXPORT int hla_device_open_path(const char *path, uint32_t flags,
				    struct hla_device **dev)
{
	struct node_id id;
	struct stat st;
	int ret;

	if (!path || !dev || (flags & ~HLA_OPEN_FLAGS) || (flags & HLA_OPEN_DUP_FD))
		return -EINVAL;
	if (hla__sys_stat(path, &st))
		return -errno;
	if (!S_ISCHR(st.st_mode))
		return -ENOTTY;
	ret = identify_rdev(st.st_rdev, &id);
	if (ret)
		return ret;
	if ((flags & HLA_OPEN_CONTROL) && !id.control) {
		char node[HLA_PATH_MAX], control[HLA_PATH_MAX], dir[128];

		hla__node_paths(id.iface, id.minor, node, control, dir, sizeof(dir));
		id.control = true;
		return open_node(control, &id, flags, dev);
	}
	return open_node(path, &id, flags, dev);
}

static int open_desc(const struct hla_device_desc *d, uint32_t flags,
		     struct hla_device **dev)
{
	return hla_device_open_path((flags & HLA_OPEN_CONTROL) ? d->control_node :
								 d->node,
				    flags, dev);
}

HLA_EXPORT int hla_device_open_index(unsigned int index, uint32_t flags,
				     struct hla_device **dev)
{
	struct hla_device_desc d;
	uint32_t iface, minor;
	int ret;

	if (!dev || (flags & ~HLA_OPEN_FLAGS) || (flags & HLA_OPEN_DUP_FD))
		return -EINVAL;
	ret = hla__enum_get(index, &iface, &minor);
	if (ret)
		return ret;
	hla__desc_fill(iface, minor, &d);
	return open_desc(&d, flags, dev);
}

/* find the device whose desc matches; -ENODEV if none */
static int open_matching(bool (*match)(const struct hla_device_desc *, const void *),
			 const void *key, uint32_t flags, struct hla_device **dev)
{
	unsigned int count, i;
	int ret;

	if (!dev || (flags & ~HLA_OPEN_FLAGS) || (flags & HLA_OPEN_DUP_FD))
		return -EINVAL;
	ret = hla_device_count(&count);
	if (ret)
		return ret;
	for (i = 0; i < count; i++) {
		struct hla_device_desc d;
		uint32_t iface, minor;

		if (hla__enum_get(i, &iface, &minor))
			continue;
		hla__desc_fill(iface, minor, &d);
		if (match(&d, key))
			return open_desc(&d, flags, dev);
	}
	return -ENODEV;
}

static bool match_pci(const struct hla_device_desc *d, const void *key)
{
	return d->pci_bus_id[0] && !strcasecmp(d->pci_bus_id, key);
}

static bool match_module(const struct hla_device_desc *d, const void *key)
{
	return d->module_id >= 0 && (uint32_t)d->module_id == *(const uint32_t *)key;
}

HLA_EXPORT int hla_device_open_pci(const char *bus_id, uint32_t flags,
				   struct hla_device **dev)
{
	if (!bus_id || !*bus_id)
		return -EINVAL;
	return open_matching(match_pci, bus_id, flags, dev);
}

HLA_EXPORT int hla_device_open_module(uint32_t module_id, uint32_t flags,
				      struct hla_device **dev)
{
	return open_matching(match_module, &module_id, flags, dev);
}

HLA_EXPORT int hla_device_open_fd(int fd, uint32_t flags, struct hla_device **dev)
{
	struct node_id id;
	struct stat st;
	int use_fd = fd, ret;

	if (!dev || (flags & ~HLA_OPEN_FLAGS) || (flags & HLA_OPEN_CONTROL))
		return -EINVAL;
	if (fd < 0)
		return -EBADF;
	if (hla__sys_fstat(fd, &st))
		return -errno;
	if (!S_ISCHR(st.st_mode))
		return -ENOTTY;
	ret = identify_rdev(st.st_rdev, &id);
	if (ret)
		return ret;
	if (flags & HLA_OPEN_DUP_FD) {
		use_fd = hla__sys_fcntl_dupfd(fd);
		if (use_fd < 0)
			return -errno;
	}
	ret = init_device(use_fd, &id, dev);
	if (ret && use_fd != fd)
		hla__sys_close(use_fd);
	return ret;
}

HLA_EXPORT int hla_device_close(struct hla_device *dev)
{
	int ret = 0;

	if (!dev)
		return 0;
	if (hla__sys_close(dev->fd) && errno != EINTR)
		ret = -errno;
	free(dev);
	return ret;
}

HLA_EXPORT int hla_device_fd(const struct hla_device *dev)
{
	return dev ? dev->fd : -EINVAL;
}

HLA_EXPORT int hla_device_describe(const struct hla_device *dev,
				   struct hla_device_desc *desc)
{
	struct hla_device_desc d;
	int ret;

	if (!dev)
		return -EINVAL;
	ret = hla__check_out(desc);
	if (ret)
		return ret;
	hla__desc_fill(dev->interface, dev->minor, &d);
	d.index = UINT32_MAX;
	{
		unsigned int count, i;
		uint32_t iface, minor;

		if (!hla_device_count(&count))
			for (i = 0; i < count; i++)
				if (!hla__enum_get(i, &iface, &minor) &&
				    iface == dev->interface && minor == dev->minor)
					d.index = i;
	}
	d.is_control = dev->control;
	if (dev->asic != HLA_ASIC_UNKNOWN)
		d.asic = dev->asic;
	if (dev->pci_device_id)
		d.pci_device_id = dev->pci_device_id;
	hla__copy_out(desc, &d, sizeof(d));
	return 0;
}

HLA_EXPORT int hla_device_sysfs_read(const struct hla_device *dev,
				     const char *attr, char *buf, size_t size)
{
	char path[256];
	size_t dl, al;

	if (!dev || !attr || !buf || !size || !*attr || strchr(attr, '/') ||
	    !strcmp(attr, ".") || !strcmp(attr, ".."))
		return -EINVAL;
	dl = strlen(dev->sysfs_dir);
	al = strlen(attr);
	if (dl + al + 2 > sizeof(path))
		return -ENAMETOOLONG;
	memcpy(path, dev->sysfs_dir, dl);
	path[dl] = '/';
	memcpy(path + dl + 1, attr, al + 1);
	return hla__read_file(path, buf, size);
}
