/* SPDX-License-Identifier: MIT */
/* Opening devices: node identification, driver checks, handles. */
#include "hla_internal.h"
#include "discover.h"
#include "valid.h"

#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/sysmacros.h>
#include <time.h>

#define OPEN_FLAGS (HLA_OPEN_CONTROL | HLA_OPEN_RETRY)
#define FD_FLAGS (HLA_OPEN_FD_ADOPT | HLA_OPEN_FD_DUP)
#define RETRY_MS 5000
#define RETRY_STEP_MS 20

/*
 * The fds handles own, so that an fd cannot be owned twice: adopting an
 * fd that a live handle already owns would let one handle's close pull the
 * fd from under the other.  Process-wide by nature, hence a global.
 */
static pthread_mutex_t owners_lock = PTHREAD_MUTEX_INITIALIZER;
static struct hla_device *owners;
static pthread_once_t owners_once = PTHREAD_ONCE_INIT;

/* a fork while another thread holds the lock must not leave the child's
 * copy locked forever */
static void owners_prepare(void)
{
	pthread_mutex_lock(&owners_lock);
}

static void owners_release(void)
{
	pthread_mutex_unlock(&owners_lock);
}

static void owners_init(void)
{
	pthread_atfork(owners_prepare, owners_release, owners_release);
}

/* register dev as the owner of its fd; -EBUSY if another handle owns it */
static int owner_add(struct hla_device *dev)
{
	int ret = 0;

	pthread_once(&owners_once, owners_init);
	pthread_mutex_lock(&owners_lock);
	for (struct hla_device *o = owners; o; o = o->next_owner)
		if (o->fd == dev->fd)
			ret = -EBUSY;
	if (!ret) {
		dev->next_owner = owners;
		owners = dev;
	}
	pthread_mutex_unlock(&owners_lock);
	return ret;
}

static void owner_remove(struct hla_device *dev)
{
	pthread_mutex_lock(&owners_lock);
	for (struct hla_device **p = &owners; *p; p = &(*p)->next_owner) {
		if (*p == dev) {
			*p = dev->next_owner;
			break;
		}
	}
	pthread_mutex_unlock(&owners_lock);
}

/* which habanalabs node is the char device rdev?  -ENODEV if none */
static int identify_rdev(dev_t rdev, struct hlk_node *node)
{
	char path[64], buf[256], *p;
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
	return hlk_node_parse(p, node) ? 0 : -ENODEV;
}

/* accel nodes are shared by every accel driver: is this one ours? */
static int check_driver(const struct hlk_node *node)
{
	if (node->iface == HLK_IFACE_ACCEL && !hla__accel_is_habanalabs(node->minor))
		return -ENODEV;
	return 0;
}

static void sleep_ms(unsigned int ms)
{
	struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) && errno == EINTR)
		;
}

/* DRM_IOCTL_VERSION into stack buffers: the driver must be habanalabs */
static int check_drm(struct hla_device *dev)
{
	char name[32], date[32], desc[128];
	struct hlk_drm_version v;

	memset(&v, 0, sizeof(v));
	v.name = (uint64_t)(uintptr_t)name;
	v.name_len = sizeof(name);
	v.date = (uint64_t)(uintptr_t)date;
	v.date_len = sizeof(date);
	v.desc = (uint64_t)(uintptr_t)desc;
	v.desc_len = sizeof(desc);
	if (hla__sys_ioctl(dev->fd, HLK_DRM_IOCTL_VERSION, &v) == -1) {
		if (errno != ENOTTY && errno != EINVAL)
			return -errno;
		/* Habana's driver built without DRM accel has no DRM requests;
		 * its node was recognised from its own sysfs entries */
		return dev->drv.driver == HLA_DRIVER_HABANA ? 0 : -ENODEV;
	}
	if (v.name_len != strlen(HLK_DRM_DRIVER_NAME) ||
	    memcmp(name, HLK_DRM_DRIVER_NAME, v.name_len))
		return -ENODEV;
	hla__driver_from_drm(&dev->drv, v.version_major, v.version_minor,
			     v.version_patchlevel);
	return 0;
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
	dev->pci_revision = hw.revision_id;
	dev->asic = hla__asic_from_pci(hw.device_id, hw.revision_id);
	dev->num_of_events = hw.num_of_events;
	/* Habana's driver names this upstream-reserved byte odp_supported */
	dev->odp = hw.reserved7 != 0;
	dev->dram_page_size = hw.dram_page_size;
	return 0;
}

/* the ASIC from sysfs when the device id alone does not tell */
static void asic_from_sysfs(struct hla_device *dev)
{
	char type[HLA_NAME_MAX];

	if (hla__attr_read(dev->sysfs_dir, "device_type", type, sizeof(type)) > 0)
		dev->asic = hla__asic_from_type(type);
}

/*
 * Set up a handle around fd, which is the node named by node.  On failure
 * the caller still owns fd.
 */
static int init_device(int fd, const struct hlk_node *node, bool owns,
		       uint32_t index, struct hla_device **out)
{
	struct hla__ref ref = { node->iface, node->minor };
	struct hla_device *dev = calloc(1, sizeof(*dev));
	int ret;

	if (!dev)
		return -ENOMEM;
	ret = hla__driver_probe(&dev->drv);
	if (ret) {
		free(dev);
		return ret;
	}
	dev->fd = fd;
	dev->owns_fd = owns;
	dev->interface = node->iface;
	dev->control = node->control;
	dev->minor = node->minor;
	dev->index = index;
	for (unsigned int cmd = HLK_CMD_FIRST; cmd <= HLK_CMD_LAST; cmd++)
		dev->req[cmd] = hlk_cmd_request(node->iface, cmd);
	hla__sysfs_dir(&ref, dev->sysfs_dir, sizeof(dev->sysfs_dir));
	ret = owns ? owner_add(dev) : 0;
	/* the control node is not a DRM node: no version ioctl there */
	if (!ret && node->iface == HLK_IFACE_ACCEL && !node->control)
		ret = check_drm(dev);
	if (!ret)
		ret = query_hw(dev);
	if (ret) {
		if (owns)
			owner_remove(dev);
		free(dev);
		return ret;
	}
	if (dev->asic == HLA_ASIC_UNKNOWN)
		asic_from_sysfs(dev);
	dev->drv.caps = hla__driver_caps(&dev->drv, dev->interface, dev->asic);
	dev->drv.probe = hla__driver_probe_caps(&dev->drv, dev->interface, dev->asic);
	if (dev->odp && dev->drv.driver == HLA_DRIVER_HABANA)
		dev->drv.caps |= HLA_CAP_MEM_ODP;
	*out = dev;
	return 0;
}

static int open_node(const struct hlk_node *node, uint32_t flags, uint32_t index,
		     struct hla_device **out)
{
	struct hla__ref ref = { node->iface, node->minor };
	char path[HLA_PATH_MAX];
	unsigned int waited = 0;
	int fd, ret;

	hla__node_path(&ref, node->control, path, sizeof(path));
	for (;;) {
		fd = hla__sys_open(path, O_RDWR);
		if (fd >= 0)
			break;
		ret = -errno;
		if (ret != -EAGAIN || !(flags & HLA_OPEN_RETRY) || waited >= RETRY_MS)
			return ret;
		sleep_ms(RETRY_STEP_MS);
		waited += RETRY_STEP_MS;
	}
	ret = init_device(fd, node, true, index, out);
	if (ret)
		hla__sys_close(fd);
	return ret;
}

HLA_EXPORT int hla_device_open_path(const char *path, uint32_t flags,
				    struct hla_device **dev)
{
	struct hlk_node node;
	struct stat st;
	int ret;

	if (!path || !dev || (flags & ~OPEN_FLAGS))
		return -EINVAL;
	if (hla__sys_stat(path, &st))
		return -errno;
	if (!S_ISCHR(st.st_mode))
		return -ENOTTY;
	/* the canonical name tells the node; anything else asks sysfs */
	if (strncmp(path, "/dev/", 5) || !hlk_node_parse(path + 5, &node)) {
		ret = identify_rdev(st.st_rdev, &node);
		if (ret)
			return ret;
	}
	ret = check_driver(&node);
	if (ret)
		return ret;
	if (flags & HLA_OPEN_CONTROL)
		node.control = true;
	return open_node(&node, flags, UINT32_MAX, dev);
}

static int open_ref(const struct hla__ref *ref, uint32_t flags, uint32_t index,
		    struct hla_device **dev)
{
	struct hlk_node node = { ref->iface, ref->minor,
				 (flags & HLA_OPEN_CONTROL) != 0 };

	return open_node(&node, flags, index, dev);
}

HLA_EXPORT int hla_device_open_index(uint32_t index, uint32_t flags,
				     struct hla_device **dev)
{
	struct hla__ref refs[HLA_MAX_DEVICES];
	uint32_t n;
	int ret;

	if (!dev || (flags & ~OPEN_FLAGS))
		return -EINVAL;
	ret = hla__scan(refs, HLA_MAX_DEVICES, &n);
	if (ret)
		return ret;
	if (index >= n || index >= HLA_MAX_DEVICES)
		return -ENODEV;
	return open_ref(&refs[index], flags, index, dev);
}

HLA_EXPORT int hla_devlist_open(const struct hla_devlist *list, uint32_t index,
				uint32_t flags, struct hla_device **dev)
{
	const struct hla_device_desc *d = hla__devlist_entry(list, index);
	struct hla__ref ref;

	if (!list || !dev || (flags & ~OPEN_FLAGS))
		return -EINVAL;
	if (!d)
		return -ENODEV;
	ref.iface = d->interface;
	ref.minor = d->minor;
	return open_ref(&ref, flags, index, dev);
}

/* "19:00.0" matches "0000:19:00.0": the domain is optional */
static bool bus_id_match(const char *have, const char *want)
{
	size_t hl = strlen(have), wl = strlen(want);

	if (wl == hl)
		return !strcasecmp(have, want);
	return wl < hl && have[hl - wl - 1] == ':' && !strcasecmp(have + hl - wl, want);
}

/* the first device whose attribute matches; -ENODEV if none */
static int open_matching(const char *attr, const char *want,
			 bool (*match)(const char *have, const char *want),
			 uint32_t flags, struct hla_device **dev)
{
	struct hla__ref refs[HLA_MAX_DEVICES];
	uint32_t n;
	int ret;

	if (!dev || (flags & ~OPEN_FLAGS))
		return -EINVAL;
	ret = hla__scan(refs, HLA_MAX_DEVICES, &n);
	if (ret)
		return ret;
	for (uint32_t i = 0; i < n && i < HLA_MAX_DEVICES; i++) {
		char dir[HLA_SYSFS_DIR_MAX], have[64];

		if (hla__sysfs_dir(&refs[i], dir, sizeof(dir)) ||
		    hla__attr_read(dir, attr, have, sizeof(have)) <= 0)
			continue;
		if (match(have, want))
			return open_ref(&refs[i], flags, i, dev);
	}
	return -ENODEV;
}

static bool module_match(const char *have, const char *want)
{
	uint64_t v, w;

	return !hla__parse_u64(have, &v) && !hla__parse_u64(want, &w) && v == w;
}

HLA_EXPORT int hla_device_open_pci(const char *bus_id, uint32_t flags,
				   struct hla_device **dev)
{
	if (!bus_id || !*bus_id || strlen(bus_id) >= HLA_BUS_ID_MAX)
		return -EINVAL;
	return open_matching("pci_addr", bus_id, bus_id_match, flags, dev);
}

HLA_EXPORT int hla_device_open_module(uint32_t module_id, uint32_t flags,
				      struct hla_device **dev)
{
	char want[16];

	snprintf(want, sizeof(want), "%u", module_id);
	return open_matching("module_id", want, module_match, flags, dev);
}

HLA_EXPORT int hla_device_open_fd(int fd, uint32_t flags, struct hla_device **dev)
{
	struct hlk_node node;
	struct stat st;
	int use_fd = fd, ret;

	if (!dev || (flags & ~(FD_FLAGS | HLA_OPEN_RETRY)) ||
	    (flags & FD_FLAGS) == FD_FLAGS)
		return -EINVAL;
	if (fd < 0)
		return -EBADF;
	if (hla__sys_fstat(fd, &st))
		return -errno;
	if (!S_ISCHR(st.st_mode))
		return -ENOTTY;
	ret = identify_rdev(st.st_rdev, &node);
	if (!ret)
		ret = check_driver(&node);
	if (ret)
		return ret;
	if (flags & HLA_OPEN_FD_DUP) {
		use_fd = hla__sys_fcntl_dupfd(fd);
		if (use_fd < 0)
			return -errno;
	}
	ret = init_device(use_fd, &node, (flags & FD_FLAGS) != 0, UINT32_MAX, dev);
	if (ret && use_fd != fd)
		hla__sys_close(use_fd);
	return ret;
}

HLA_EXPORT int hla_device_close(struct hla_device *dev)
{
	int ret = 0;

	if (!dev)
		return 0;
	if (dev->owns_fd) {
		owner_remove(dev);
		if (hla__sys_close(dev->fd) && errno != EINTR)
			ret = -errno;
	}
	free(dev);
	return ret;
}

HLA_EXPORT int hla_device_get_fd(const struct hla_device *dev)
{
	return dev ? dev->fd : -EINVAL;
}

HLA_EXPORT int hla_device_describe(const struct hla_device *dev,
				   struct hla_device_desc *desc)
{
	struct hla__ref ref;
	struct hla_device_desc d;
	int ret = hla__out_check(desc, sizeof(*desc));

	if (ret)
		return ret;
	if (!dev)
		return -EINVAL;
	ref.iface = dev->interface;
	ref.minor = dev->minor;
	hla__desc_fill(&ref, &dev->drv, &d);
	d.is_control = dev->control;
	d.caps = hla__caps(dev);
	d.caps_probe = __atomic_load_n(&dev->drv.probe, __ATOMIC_RELAXED);
	d.valid |= HLA_DESC_CAPS_PROBE;
	if (dev->drv.drm_version) {
		d.drm_version = dev->drv.drm_version;
		d.valid |= HLA_DESC_DRM_VERSION;
	}
	if (dev->index != UINT32_MAX) {
		d.index = dev->index;
		d.valid |= HLA_DESC_INDEX;
	}
	if (dev->pci_device_id) {
		d.pci_device_id = dev->pci_device_id;
		d.pci_revision = dev->pci_revision;
		d.valid |= HLA_DESC_PCI_DEVICE_ID | HLA_DESC_PCI_REVISION;
	}
	if (dev->asic != HLA_ASIC_UNKNOWN) {
		d.asic = dev->asic;
		d.valid |= HLA_DESC_ASIC;
	}
	if (hla__sz(desc) == sizeof(d)) {
		memcpy(desc, &d, sizeof(d));
		return 0;
	}
	d.valid = hla__valid_trim(d.valid, desc_ends, HLA_ARRAY_SIZE(desc_ends),
				  hla__sz(desc));
	hla__out_copy(desc, &d, sizeof(d));
	return 0;
}

HLA_EXPORT int hla_device_sysfs_read(const struct hla_device *dev,
				     const char *attr, char *buf, size_t size)
{
	if (!dev || !attr || !buf || !size || !*attr || strchr(attr, '/') ||
	    !strcmp(attr, ".") || !strcmp(attr, ".."))
		return -EINVAL;
	if (size > INT32_MAX)
		size = INT32_MAX;
	return hla__attr_read(dev->sysfs_dir, attr, buf, size);
}
