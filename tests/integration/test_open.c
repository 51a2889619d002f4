/* SPDX-License-Identifier: MIT */
/* Discovery and open: the device-list snapshot, every open variant, the
 * single compute slot, control nodes, fds handed in from outside (borrowed,
 * adopted, duplicated), the driver behind a device and other vendors'
 * accel nodes. */
#include "itest.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* what discovery reads from sysfs for every device */
#define LISTED_VALID                                                           \
	(HLA_DESC_INDEX | HLA_DESC_MINOR | HLA_DESC_INTERFACE | HLA_DESC_ASIC |  \
	 HLA_DESC_STATUS | HLA_DESC_IS_CONTROL | HLA_DESC_NODE |                 \
	 HLA_DESC_CONTROL_NODE | HLA_DESC_PCI_BUS_ID | HLA_DESC_DEVICE_TYPE |    \
	 HLA_DESC_PCI_DEVICE_ID | HLA_DESC_PCI_REVISION | HLA_DESC_DRIVER |      \
	 HLA_DESC_CAPS)

static bool fd_is_open(int fd)
{
	return fcntl(fd, F_GETFD) >= 0;
}

static bool fd_is_closed(int fd)
{
	return fcntl(fd, F_GETFD) == -1 && errno == EBADF;
}

/* Habana's driver built without DRM accel puts its attributes on the
 * class device, with no link to the PCI device: no PCI id or revision */
static uint64_t listed_valid(void)
{
	const struct itest_sim_driver *s = itest_sim_driver();

	if (s && !strcmp(s->name, "oot-5.15"))
		return LISTED_VALID & ~(HLA_DESC_PCI_DEVICE_ID | HLA_DESC_PCI_REVISION);
	return LISTED_VALID;
}

static void check_listed(const struct hla_device_desc *desc, uint32_t i)
{
	struct stat st;

	assert_int_equal(desc->valid & listed_valid(), listed_valid());
	assert_int_equal(desc->index, i);
	assert_int_equal(desc->is_control, 0);
	assert_true(desc->interface == HLA_INTERFACE_ACCEL ||
		    desc->interface == HLA_INTERFACE_LEGACY);
	assert_int_not_equal(desc->asic, HLA_ASIC_UNKNOWN);
	assert_int_equal(stat(desc->node, &st), 0);
	assert_true(S_ISCHR(st.st_mode));
	assert_int_equal(stat(desc->control_node, &st), 0);
	assert_true(S_ISCHR(st.st_mode));
	assert_int_equal((int)strlen(desc->pci_bus_id), 12);
	assert_int_equal(desc->status, HLA_DEVICE_STATUS_OPERATIONAL);
	assert_true(desc->device_type[0] != '\0');
	if (desc->valid & HLA_DESC_PCI_DEVICE_ID)
		assert_int_not_equal(desc->pci_device_id, 0);
	if (!itest_on_sim())
		return;
	/* module_id is an attribute of 6.8 and later and of Habana's driver;
	 * numa_node is -1 (no NUMA), which is no value */
	assert_non_null(itest_sim_driver());
	assert_int_equal((desc->valid & HLA_DESC_MODULE_ID) != 0, itest_sim_driver()->module_id);
	assert_int_equal(desc->valid & HLA_DESC_NUMA_NODE, 0);
}

static void enumerate(void **state)
{
	HLA_STRUCT_INIT(hla_device_desc, none);
	struct hla_devlist *list;
	uint32_t n = 0, ln = 0;

	(void)state;
	assert_int_equal(hla_device_count(&n), 0);
	assert_true(n >= 1);
	assert_int_equal(hla_devlist_create(0, &list), 0);
	assert_int_equal(hla_devlist_count(list, &ln), 0);
	assert_int_equal(ln, n);
	for (uint32_t i = 0; i < n; i++) {
		HLA_STRUCT_INIT(hla_device_desc, desc);

		assert_int_equal(hla_devlist_describe(list, i, &desc), 0);
		check_listed(&desc, i);
	}
	assert_int_equal(hla_devlist_describe(list, n, &none), -ENODEV);
	hla_devlist_destroy(list);
	assert_int_equal(hla_devlist_create(1, &list), -EINVAL);
	assert_int_equal(hla_devlist_count(NULL, &ln), -EINVAL);
	hla_devlist_destroy(NULL);
}

/* Descriptions for older (shorter) and newer (longer) callers. */
static void describe_sized(void **state)
{
	struct {
		struct hla_device_desc d;
		uint8_t tail[16];
	} big;
	const size_t small = offsetof(struct hla_device_desc, node);
	HLA_STRUCT_INIT(hla_device_desc, full);
	struct hla_devlist *list;

	(void)state;
	assert_int_equal(hla_devlist_create(0, &list), 0);
	assert_int_equal(hla_devlist_describe(list, 0, &full), 0);
	memset(&big, 0xEE, sizeof(big));
	big.d.sz = (uint32_t)small;
	assert_int_equal(hla_devlist_describe(list, 0, &big.d), 0);
	assert_int_equal(big.d.sz, small);
	assert_int_equal(big.d.reserved0, 0);
	/* no valid bit for a field the short struct does not have */
	assert_int_equal(big.d.valid,
			 full.valid & ~(HLA_DESC_NODE | HLA_DESC_CONTROL_NODE |
					HLA_DESC_PCI_BUS_ID | HLA_DESC_DEVICE_TYPE |
					HLA_DESC_DRIVER_VERSION_STR | HLA_DESC_CAPS_PROBE |
					HLA_DESC_DRM_VERSION));
	assert_int_equal(big.d.minor, full.minor);
	assert_int_equal(((uint8_t *)&big.d)[small], 0xEE);
	memset(&big, 0xEE, sizeof(big));
	big.d.sz = sizeof(big);
	assert_int_equal(hla_devlist_describe(list, 0, &big.d), 0);
	assert_string_equal(big.d.node, full.node);
	assert_string_equal(big.d.driver_version_str, full.driver_version_str);
	for (size_t i = 0; i < sizeof(big.tail); i++)
		assert_int_equal(big.tail[i], 0xEE);
	big.d.sz = 8;
	assert_int_equal(hla_devlist_describe(list, 0, &big.d), -EINVAL);
	big.d.sz = 0x10001;
	assert_int_equal(hla_devlist_describe(list, 0, &big.d), -E2BIG);
	hla_devlist_destroy(list);
}

/* A device list opens its entries, and keeps working while they are open. */
static void devlist_open(void **state)
{
	HLA_STRUCT_INIT(hla_device_desc, listed);
	HLA_STRUCT_INIT(hla_device_desc, got);
	struct hla_devlist *list;
	struct hla_device *dev, *ctl;
	uint32_t n;

	(void)state;
	assert_int_equal(hla_devlist_create(0, &list), 0);
	assert_int_equal(hla_devlist_count(list, &n), 0);
	for (uint32_t i = 0; i < n; i++) {
		assert_int_equal(hla_devlist_describe(list, i, &listed), 0);
		assert_int_equal(hla_devlist_open(list, i, HLA_OPEN_RETRY, &dev), 0);
		assert_int_equal(hla_device_describe(dev, &got), 0);
		assert_string_equal(got.node, listed.node);
		assert_int_equal(got.index, i);
		assert_true(got.valid & HLA_DESC_INDEX);
		assert_int_equal(got.is_control, 0);
		assert_int_equal(hla_devlist_open(list, i, HLA_OPEN_CONTROL, &ctl), 0);
		assert_int_equal(hla_device_describe(ctl, &got), 0);
		assert_int_equal(got.is_control, 1);
		assert_int_equal(hla_device_close(ctl), 0);
		/* the compute slot is taken by dev */
		assert_int_equal(hla_devlist_open(list, i, 0, &ctl), -EBUSY);
		assert_int_equal(hla_device_close(dev), 0);
	}
	assert_int_equal(hla_devlist_open(list, n, 0, &dev), -ENODEV);
	assert_int_equal(hla_devlist_open(list, 0, 0x80, &dev), -EINVAL);
	hla_devlist_destroy(list);
}

/* Enumeration must not take the compute slot: open it right after. */
static void enumerate_leaves_slot_free(void **state)
{
	struct hla_devlist *list;
	struct hla_device *dev;
	uint32_t n;

	(void)state;
	assert_int_equal(hla_device_count(&n), 0);
	assert_int_equal(hla_devlist_create(0, &list), 0);
	assert_int_equal(hla_device_open_index(0, HLA_OPEN_RETRY, &dev), 0);
	assert_int_equal(hla_device_count(&n), 0);
	hla_devlist_destroy(list);
	assert_int_equal(hla_devlist_create(0, &list), 0);
	hla_devlist_destroy(list);
	assert_int_equal(hla_device_close(dev), 0);
}

static void open_by_module(const struct hla_device_desc *desc)
{
	HLA_STRUCT_INIT(hla_device_desc, got);
	struct hla_device *dev;

	if (!(desc->valid & HLA_DESC_MODULE_ID)) {
		assert_int_equal(hla_device_open_module(0, 0, &dev), -ENODEV);
		return;
	}
	assert_int_equal(hla_device_open_module(desc->module_id, HLA_OPEN_RETRY, &dev),
			 0);
	assert_int_equal(hla_device_describe(dev, &got), 0);
	assert_string_equal(got.node, desc->node);
	assert_int_equal(got.module_id, desc->module_id);
	assert_int_equal(hla_device_close(dev), 0);
}

static void open_variants(void **state)
{
	HLA_STRUCT_INIT(hla_device_desc, desc);
	HLA_STRUCT_INIT(hla_device_desc, got);
	struct hla_device *dev;

	(void)state;
	assert_int_equal(itest_desc(0, &desc), 0);

	assert_int_equal(hla_device_open_path(desc.node, HLA_OPEN_RETRY, &dev), 0);
	assert_int_equal(hla_device_describe(dev, &got), 0);
	assert_string_equal(got.node, desc.node);
	assert_int_equal(got.is_control, 0);
	/* opened by path: no enumeration index is known */
	assert_int_equal(got.valid & HLA_DESC_INDEX, 0);
	assert_true(hla_device_get_fd(dev) >= 0);
	assert_int_equal(fcntl(hla_device_get_fd(dev), F_GETFD) & FD_CLOEXEC, FD_CLOEXEC);
	assert_int_equal(hla_device_close(dev), 0);

	assert_int_equal(hla_device_open_pci(desc.pci_bus_id, HLA_OPEN_RETRY, &dev), 0);
	assert_int_equal(hla_device_describe(dev, &got), 0);
	assert_string_equal(got.pci_bus_id, desc.pci_bus_id);
	assert_int_equal(hla_device_close(dev), 0);
	/* the PCI domain may be left out */
	assert_int_equal(hla_device_open_pci(desc.pci_bus_id + 5, HLA_OPEN_RETRY, &dev),
			 0);
	assert_int_equal(hla_device_describe(dev, &got), 0);
	assert_string_equal(got.pci_bus_id, desc.pci_bus_id);
	assert_int_equal(hla_device_close(dev), 0);

	open_by_module(&desc);
	assert_int_equal(hla_device_open_pci("0000:ff:1f.7", 0, &dev), -ENODEV);
	assert_int_equal(hla_device_open_path("/dev/null", 0, &dev), -ENODEV);
	assert_int_equal(hla_device_open_path("/dev/accel/no-such-node", 0, &dev),
			 -ENOENT);
}

static void single_compute_slot(void **state)
{
	HLA_STRUCT_INIT(hla_device_desc, desc);
	HLA_STRUCT_INIT(hla_device_desc, got);
	struct hla_device *a, *b, *ctl;
	uint32_t status;

	(void)state;
	assert_int_equal(itest_desc(0, &desc), 0);
	assert_int_equal(hla_device_open_index(0, HLA_OPEN_RETRY, &a), 0);
	/* a second compute open, from the same process, is refused */
	assert_int_equal(hla_device_open_index(0, 0, &b), -EBUSY);
	/* monitoring is never locked out */
	assert_int_equal(hla_device_open_index(0, HLA_OPEN_CONTROL, &ctl), 0);
	assert_int_equal(hla_info_device_status(ctl, &status), 0);
	assert_int_equal(status, HLA_DEVICE_STATUS_OPERATIONAL);
	assert_int_equal(hla_device_close(ctl), 0);
	assert_int_equal(hla_device_open_path(desc.control_node, 0, &ctl), 0);
	assert_int_equal(hla_device_describe(ctl, &got), 0);
	assert_int_equal(got.is_control, 1);
	assert_int_equal(hla_device_close(ctl), 0);
	assert_int_equal(hla_device_close(a), 0);
	/* the slot comes back after close (maybe after a release window) */
	assert_int_equal(hla_device_open_index(0, HLA_OPEN_RETRY, &b), 0);
	assert_int_equal(hla_device_close(b), 0);
}

static void control_is_info_only(void **state)
{
	struct hla_device *ctl;
	uint64_t handle;
	HLA_STRUCT_INIT(hla_hw_ip_info, hw);

	(void)state;
	assert_int_equal(hla_device_open_index(0, HLA_OPEN_CONTROL, &ctl), 0);
	assert_int_equal(hla_info_hw_ip(ctl, &hw), 0);
	assert_int_not_equal(hw.device_id, 0);
	assert_int_equal(hla_cb_create(ctl, 4096, 0, &handle), -ENOTTY);
	assert_int_equal(hla_mem_alloc(ctl, 1 << 20, 0, 0, &handle), -ENOTTY);
	assert_int_equal(hla_device_close(ctl), 0);
}

/* the compute node, waiting out a previous user's release (EAGAIN) */
static int open_compute(const char *node)
{
	int fd = -1;

	for (int i = 0; i < 500; i++) {
		struct timespec t = { 0, 10000000 };

		fd = open(node, O_RDWR | O_CLOEXEC);
		if (fd >= 0 || errno != EAGAIN)
			break;
		nanosleep(&t, NULL);
	}
	return fd;
}

/* Default: the fd is borrowed; closing the handle never closes it. */
static void fd_borrowed(void **state)
{
	HLA_STRUCT_INIT(hla_device_desc, desc);
	HLA_STRUCT_INIT(hla_device_desc, got);
	struct hla_device *a, *b;
	uint32_t status;
	int fd;

	(void)state;
	assert_int_equal(itest_desc(0, &desc), 0);
	fd = open(desc.control_node, O_RDWR | O_CLOEXEC);
	assert_true(fd >= 0);
	assert_int_equal(hla_device_open_fd(fd, 0, &a), 0);
	assert_int_equal(hla_device_get_fd(a), fd);
	assert_int_equal(hla_device_describe(a, &got), 0);
	assert_int_equal(got.is_control, 1);
	assert_string_equal(got.node, desc.node);
	/* any number of borrowers; HLA_OPEN_RETRY is accepted and ignored */
	assert_int_equal(hla_device_open_fd(fd, HLA_OPEN_RETRY, &b), 0);
	assert_int_equal(hla_device_close(a), 0);
	assert_true(fd_is_open(fd));
	assert_int_equal(hla_info_device_status(b, &status), 0);
	assert_int_equal(hla_device_close(b), 0);
	assert_true(fd_is_open(fd));
	/* still a working device fd of the caller's */
	assert_int_equal(hla_device_open_fd(fd, 0, &a), 0);
	assert_int_equal(hla_info_device_status(a, &status), 0);
	assert_int_equal(hla_device_close(a), 0);
	assert_int_equal(close(fd), 0);
}

/* HLA_OPEN_FD_DUP: the handle owns a private duplicate. */
static void fd_duplicated(void **state)
{
	HLA_STRUCT_INIT(hla_device_desc, desc);
	struct hla_device *dev, *other;
	uint32_t status;
	int fd, dup_fd;

	(void)state;
	assert_int_equal(itest_desc(0, &desc), 0);
	fd = open(desc.control_node, O_RDWR | O_CLOEXEC);
	assert_true(fd >= 0);
	assert_int_equal(hla_device_open_fd(fd, HLA_OPEN_FD_DUP, &dev), 0);
	dup_fd = hla_device_get_fd(dev);
	assert_true(dup_fd >= 0);
	assert_int_not_equal(dup_fd, fd);
	assert_int_equal(fcntl(dup_fd, F_GETFD) & FD_CLOEXEC, FD_CLOEXEC);
	/* the duplicate is owned: nobody else may adopt it */
	assert_int_equal(hla_device_open_fd(dup_fd, HLA_OPEN_FD_ADOPT, &other), -EBUSY);
	assert_true(fd_is_open(dup_fd));
	/* the caller may close its own fd at once */
	assert_int_equal(close(fd), 0);
	assert_int_equal(hla_info_device_status(dev, &status), 0);
	assert_int_equal(hla_device_close(dev), 0);
	assert_true(fd_is_closed(dup_fd));
}

/* HLA_OPEN_FD_ADOPT: the handle owns the fd; an fd has one owner only. */
static void fd_adopted(void **state)
{
	HLA_STRUCT_INIT(hla_device_desc, desc);
	struct hla_device *dev, *other;
	uint32_t status;
	int fd;

	(void)state;
	assert_int_equal(itest_desc(0, &desc), 0);
	fd = open_compute(desc.node);
	assert_true(fd >= 0);
	assert_int_equal(hla_device_open_fd(fd, HLA_OPEN_FD_ADOPT, &dev), 0);
	assert_int_equal(hla_device_get_fd(dev), fd);
	/* the fd holds the compute slot */
	assert_int_equal(hla_device_open_index(0, 0, &other), -EBUSY);
	/* double ownership is refused and changes nothing */
	assert_int_equal(hla_device_open_fd(fd, HLA_OPEN_FD_ADOPT, &other), -EBUSY);
	assert_true(fd_is_open(fd));
	assert_int_equal(hla_info_device_status(dev, &status), 0);
	/* borrowing an owned fd takes no ownership and is allowed */
	assert_int_equal(hla_device_open_fd(fd, 0, &other), 0);
	assert_int_equal(hla_device_close(other), 0);
	assert_true(fd_is_open(fd));
	/* closing the owner closes the fd and frees the slot */
	assert_int_equal(hla_device_close(dev), 0);
	assert_true(fd_is_closed(fd));
	assert_int_equal(hla_device_open_index(0, HLA_OPEN_RETRY, &dev), 0);
	assert_int_equal(hla_device_close(dev), 0);
	/* a closed owner is forgotten: its fd number, which the next open
	 * usually reuses, can be adopted again */
	fd = open(desc.control_node, O_RDWR | O_CLOEXEC);
	assert_true(fd >= 0);
	assert_int_equal(hla_device_open_fd(fd, HLA_OPEN_FD_ADOPT, &dev), 0);
	assert_int_equal(hla_device_close(dev), 0);
	assert_true(fd_is_closed(fd));
}

/* Refusals leave the fd with the caller. */
static void fd_refused(void **state)
{
	HLA_STRUCT_INIT(hla_device_desc, desc);
	struct hla_device *dev;
	int fd, p[2];

	(void)state;
	assert_int_equal(itest_desc(0, &desc), 0);
	fd = open(desc.control_node, O_RDWR | O_CLOEXEC);
	assert_true(fd >= 0);
	assert_int_equal(hla_device_open_fd(fd, HLA_OPEN_FD_ADOPT | HLA_OPEN_FD_DUP, &dev),
			 -EINVAL);
	/* the fd tells which node it is */
	assert_int_equal(hla_device_open_fd(fd, HLA_OPEN_CONTROL, &dev), -EINVAL);
	assert_int_equal(hla_device_open_fd(fd, 0x80, &dev), -EINVAL);
	assert_int_equal(hla_device_open_fd(fd, 0, NULL), -EINVAL);
	assert_true(fd_is_open(fd));
	assert_int_equal(close(fd), 0);

	fd = open("/dev/null", O_RDWR | O_CLOEXEC);
	assert_true(fd >= 0);
	assert_true(hla_device_open_fd(fd, HLA_OPEN_FD_ADOPT, &dev) < 0);
	assert_true(fd_is_open(fd));
	assert_int_equal(close(fd), 0);
	assert_int_equal(pipe(p), 0);
	assert_int_equal(hla_device_open_fd(p[0], HLA_OPEN_FD_ADOPT, &dev), -ENOTTY);
	assert_true(fd_is_open(p[0]));
	close(p[0]);
	close(p[1]);
	assert_int_equal(hla_device_open_fd(-1, 0, &dev), -EBADF);
}

static void check_sim_driver(const struct hla_device_desc *d, bool legacy,
			     bool gaudi1)
{
	uint32_t v = legacy ? HLA_VERSION_CODE(6, 1, 0) : HLA_VERSION_CODE(6, 8, 0);
	uint64_t dmabuf = HLA_CAP_DMABUF_ADDR | HLA_CAP_DMABUF_PHYS |
			  HLA_CAP_DMABUF_OFFSET | HLA_CAP_DMABUF_HANDLE;
	uint64_t want_dmabuf;

	/* no module version: the kernel's own driver, at the kernel's version
	 * (DRM version ioctl on accel, the release on 6.1) */
	assert_int_equal(d->driver, HLA_DRIVER_UPSTREAM);
	assert_int_equal(d->driver_version, v);
	assert_int_equal(d->kernel_version, v);
	assert_string_equal(d->driver_version_str, legacy ? "6.1.0" : "6.8.0");
	assert_int_equal(d->caps & HLA_CAP_HABANA_EXT, 0);
	/* what the tests of those calls expect */
	assert_int_equal((d->caps & HLA_CAP_ENGINES) != 0, !legacy);
	assert_int_equal((d->caps & HLA_CAP_FLUSH_HBW) != 0, !legacy);
	assert_int_equal((d->caps & HLA_CAP_EVENTFD_CONTROL) != 0, legacy);
	/* Gaudi: physical addresses only; a 6.1 Gaudi2: allocation handles;
	 * 6.8: device addresses with an offset */
	if (gaudi1)
		want_dmabuf = HLA_CAP_DMABUF_PHYS | (legacy ? 0 : HLA_CAP_DMABUF_ADDR);
	else
		want_dmabuf = legacy ? HLA_CAP_DMABUF_HANDLE :
				       HLA_CAP_DMABUF_ADDR | HLA_CAP_DMABUF_OFFSET;
	assert_int_equal(d->caps & dmabuf, want_dmabuf);
}

/* What an open handle knows about the driver behind it. */
static void driver_identity(void **state)
{
	const uint64_t want = HLA_DESC_CAPS | HLA_DESC_DRIVER | HLA_DESC_DRIVER_VERSION |
			      HLA_DESC_DRIVER_VERSION_STR | HLA_DESC_KERNEL_VERSION |
			      HLA_DESC_ASIC | HLA_DESC_PCI_DEVICE_ID | HLA_DESC_INDEX;
	HLA_STRUCT_INIT(hla_device_desc, d);
	HLA_STRUCT_INIT(hla_hw_ip_info, hw);
	const struct itest_sim_driver *sim;
	struct hla_device *dev;
	bool gaudi1;

	(void)state;
	assert_int_equal(hla_device_open_index(0, HLA_OPEN_RETRY, &dev), 0);
	assert_int_equal(hla_device_describe(dev, &d), 0);
	assert_int_equal(hla_info_hw_ip(dev, &hw), 0);
	assert_int_equal(d.valid & want, want);
	assert_true(d.driver == HLA_DRIVER_UPSTREAM || d.driver == HLA_DRIVER_HABANA);
	assert_true(d.driver_version != 0);
	assert_true(d.driver_version_str[0] != '\0');
	assert_int_equal(d.asic, hw.asic);
	assert_int_equal(d.pci_device_id, hw.device_id);
	assert_int_equal(d.reserved0, 0);
	assert_int_equal(hla_device_close(dev), 0);
	gaudi1 = d.asic == HLA_ASIC_GAUDI || d.asic == HLA_ASIC_GAUDI_SEC;
	if (!itest_on_sim())
		return;
	sim = itest_sim_driver();
	assert_non_null(sim);
	/* what every driver reports of itself */
	assert_int_equal(d.driver, sim->habana ? HLA_DRIVER_HABANA : HLA_DRIVER_UPSTREAM);
	assert_int_equal(d.driver_version, sim->version);
	if (sim->is_default) /* the capability rules the suite was written for */
		check_sim_driver(&d, d.interface == HLA_INTERFACE_LEGACY, gaudi1);
}

/* Nodes of other accel drivers are neither listed nor opened. */
static bool listed(const struct hla_devlist *list, uint32_t n, const char *path)
{
	for (uint32_t i = 0; i < n; i++) {
		HLA_STRUCT_INIT(hla_device_desc, desc);

		assert_int_equal(hla_devlist_describe(list, i, &desc), 0);
		if (!strcmp(desc.node, path))
			return true;
	}
	return false;
}

static void foreign_accel_nodes(void **state)
{
	struct hla_devlist *list;
	uint32_t n, ours = 0, all = 0;
	DIR *dir;
	struct dirent *e;

	(void)state;
	assert_int_equal(hla_devlist_create(0, &list), 0);
	assert_int_equal(hla_devlist_count(list, &n), 0);
	for (uint32_t i = 0; i < n; i++) {
		HLA_STRUCT_INIT(hla_device_desc, desc);

		assert_int_equal(hla_devlist_describe(list, i, &desc), 0);
		if (desc.interface == HLA_INTERFACE_ACCEL)
			ours++;
	}
	dir = opendir("/dev/accel");
	if (!dir) {
		hla_devlist_destroy(list);
		skip();
	}
	while ((e = readdir(dir))) {
		char path[300];
		struct hla_device *dev;

		if (strncmp(e->d_name, "accel", 5) || !strncmp(e->d_name, "accel_", 6))
			continue;
		all++;
		snprintf(path, sizeof(path), "/dev/accel/%s", e->d_name);
		if (!listed(list, n, path))
			assert_int_equal(hla_device_open_path(path, 0, &dev), -ENODEV);
	}
	closedir(dir);
	hla_devlist_destroy(list);
	assert_true(all >= ours);
}

static void sysfs_attributes(void **state)
{
	struct hla_device *ctl;
	char buf[256];

	(void)state;
	assert_int_equal(hla_device_open_index(0, HLA_OPEN_CONTROL, &ctl), 0);
	assert_true(hla_device_sysfs_read(ctl, "device_type", buf, sizeof(buf)) > 0);
	assert_true(hla_device_sysfs_read(ctl, "status", buf, sizeof(buf)) > 0);
	/* Gaudi2 may still be resetting after the previous test's close */
	if (strcmp(buf, "In reset after device release"))
		assert_string_equal(buf, "Operational");
	assert_int_equal(hla_device_sysfs_read(ctl, "../status", buf, sizeof(buf)),
			 -EINVAL);
	assert_int_equal(hla_device_sysfs_read(ctl, "no_such_attribute", buf,
					       sizeof(buf)), -ENOENT);
	assert_int_equal(hla_device_close(ctl), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(enumerate),
		cmocka_unit_test(describe_sized),
		cmocka_unit_test(devlist_open),
		cmocka_unit_test(enumerate_leaves_slot_free),
		cmocka_unit_test(open_variants),
		cmocka_unit_test(single_compute_slot),
		cmocka_unit_test(control_is_info_only),
		cmocka_unit_test(fd_borrowed),
		cmocka_unit_test(fd_duplicated),
		cmocka_unit_test(fd_adopted),
		cmocka_unit_test(fd_refused),
		cmocka_unit_test(driver_identity),
		cmocka_unit_test(foreign_accel_nodes),
		cmocka_unit_test(sysfs_attributes),
	};

	itest_require_device();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
