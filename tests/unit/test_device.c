/* SPDX-License-Identifier: MIT */
/* Discovery, every way of opening a device, describe, sysfs reads. */
#include "unit.h"

#include <fcntl.h>
#include <unistd.h>

#define KV(a, b, c) HLA_VERSION_CODE(a, b, c)

/* the kernel version the mock's default driver reports on this interface */
static uint32_t default_kver(void)
{
	return mock_iface == HLA_INTERFACE_ACCEL ? KV(6, 8, 0) : KV(6, 1, 0);
}

/* two devices out of minor order, plus a foreign accel node first */
static void two_devices(void)
{
	mock_reset();
	if (mock_iface == HLA_INTERFACE_ACCEL)
		mock_add_foreign_accel(0, "intel_vpu");
	mock_add_device(mock_iface, HLA_ASIC_GAUDI2, 2, 5, "0000:29:00.0");
	mock_add_device(mock_iface, HLA_ASIC_GAUDI, 1, -1, "0000:19:00.0");
}

static void count(void **state)
{
	uint32_t n = 99;

	(void)state;
	mock_reset();
	assert_int_equal(hla_device_count(&n), 0);
	assert_int_equal(n, 0);
	two_devices();
	assert_int_equal(hla_device_count(&n), 0);
	assert_int_equal(n, 2);
	assert_int_equal(hla_device_count(NULL), -EINVAL);
	/* discovery never opens a node and sends no ioctl */
	assert_int_equal(mock_ioctl_count(), 0);
	assert_int_equal(mock_open_fds(), 0);
}

static void devlist_entries(void **state)
{
	struct hla_devlist *l = NULL;
	HLA_STRUCT_INIT(hla_device_desc, d);
	uint32_t n = 0;

	(void)state;
	two_devices();
	assert_int_equal(hla_devlist_create(0, &l), 0);
	assert_int_equal(hla_devlist_count(l, &n), 0);
	assert_int_equal(n, 2);
	/* by minor: minor 1 (Gaudi) first, the foreign node skipped */
	assert_int_equal(hla_devlist_describe(l, 0, &d), 0);
	assert_int_equal(d.index, 0);
	assert_int_equal(d.minor, 1);
	assert_int_equal(d.interface, mock_iface);
	assert_int_equal(d.asic, HLA_ASIC_GAUDI);
	assert_int_equal(d.pci_device_id, HLK_PCI_ID_GAUDI);
	assert_int_equal(d.pci_revision, 1);
	assert_string_equal(d.pci_bus_id, "0000:19:00.0");
	assert_string_equal(d.device_type, "GAUDI");
	assert_int_equal(d.status, HLA_DEVICE_STATUS_OPERATIONAL);
	assert_int_equal(d.is_control, 0);
	assert_int_equal(d.numa_node, 0);
	assert_int_equal(d.driver, HLA_DRIVER_UPSTREAM);
	assert_int_equal(d.kernel_version, default_kver());
	assert_int_equal(d.driver_version, default_kver());
	assert_false(d.valid & HLA_DESC_MODULE_ID);
	assert_true(d.valid & HLA_DESC_INDEX);
	assert_int_equal(hla_devlist_describe(l, 1, &d), 0);
	assert_int_equal(d.index, 1);
	assert_int_equal(d.minor, 2);
	assert_int_equal(d.asic, HLA_ASIC_GAUDI2);
	assert_int_equal(d.module_id, 5);
	assert_true(d.valid & HLA_DESC_MODULE_ID);
	assert_string_equal(d.node, mock_node(2));
	assert_string_equal(d.control_node, mock_control_node(2));
	assert_int_equal(hla_devlist_describe(l, 2, &d), -ENODEV);
	assert_int_equal(hla_devlist_describe(l, UINT32_MAX, &d), -ENODEV);
	assert_int_equal(mock_ioctl_count(), 0);
	assert_int_equal(mock_open_fds(), 0);
	hla_devlist_destroy(l);
	hla_devlist_destroy(NULL);
}

/* every description field read from sysfs has its valid bit */
static void devlist_valid_bits(void **state)
{
	struct hla_devlist *l = NULL;
	HLA_STRUCT_INIT(hla_device_desc, d);
	/* all but the DRM version, which needs an open compute node */
	const uint64_t all = HLA_BIT(20) - 1;

	(void)state;
	two_devices();
	assert_int_equal(hla_devlist_create(0, &l), 0);
	assert_int_equal(hla_devlist_describe(l, 1, &d), 0);
	assert_int_equal(d.valid, all);
	assert_int_equal(d.reserved0, 0);
	assert_int_equal(d.reserved1, 0);
	hla_devlist_destroy(l);
	/* no NUMA node (-1) and no module id: those two bits go */
	mock_set_pci_attr(mock_iface, 2, "numa_node", "-1\n");
	mock_set_attr(mock_iface, 2, "module_id", NULL);
	assert_int_equal(hla_devlist_create(0, &l), 0);
	assert_int_equal(hla_devlist_describe(l, 1, &d), 0);
	assert_int_equal(d.valid, all & ~(HLA_DESC_NUMA_NODE | HLA_DESC_MODULE_ID));
	hla_devlist_destroy(l);
}

static void devlist_status_is_a_snapshot(void **state)
{
	struct hla_devlist *l = NULL, *l2 = NULL;
	HLA_STRUCT_INIT(hla_device_desc, d);

	(void)state;
	two_devices();
	assert_int_equal(hla_devlist_create(0, &l), 0);
	mock_set_status(mock_iface, 1, "In reset\n");
	assert_int_equal(hla_devlist_describe(l, 0, &d), 0);
	assert_int_equal(d.status, HLA_DEVICE_STATUS_OPERATIONAL);
	assert_int_equal(hla_devlist_create(0, &l2), 0);
	assert_int_equal(hla_devlist_describe(l2, 0, &d), 0);
	assert_int_equal(d.status, HLA_DEVICE_STATUS_IN_RESET);
	hla_devlist_destroy(l2);
	mock_set_status(mock_iface, 1, "Bogus\n");
	assert_int_equal(hla_devlist_create(0, &l2), 0);
	assert_int_equal(hla_devlist_describe(l2, 0, &d), 0);
	assert_int_equal(d.status, HLA_DEVICE_STATUS_UNKNOWN);
	hla_devlist_destroy(l2);
	hla_devlist_destroy(l);
}

static void devlist_bad_input(void **state)
{
	struct hla_devlist *l = NULL;
	struct hla_device *dev = NULL;
	HLA_STRUCT_INIT(hla_device_desc, d);
	uint32_t n;

	(void)state;
	mock_reset();
	assert_int_equal(hla_devlist_create(0, NULL), -EINVAL);
	assert_int_equal(hla_devlist_create(1, &l), -EINVAL);
	assert_int_equal(hla_devlist_create(0, &l), 0);
	assert_int_equal(hla_devlist_count(l, &n), 0);
	assert_int_equal(n, 0);
	assert_int_equal(hla_devlist_describe(l, 0, &d), -ENODEV);
	assert_int_equal(hla_devlist_open(l, 0, 0, &dev), -ENODEV);
	assert_int_equal(hla_devlist_count(NULL, &n), -EINVAL);
	assert_int_equal(hla_devlist_count(l, NULL), -EINVAL);
	assert_int_equal(hla_devlist_describe(NULL, 0, &d), -EINVAL);
	assert_int_equal(hla_devlist_describe(l, 0, NULL), -EINVAL);
	assert_int_equal(hla_devlist_open(NULL, 0, 0, &dev), -EINVAL);
	assert_int_equal(hla_devlist_open(l, 0, 0, NULL), -EINVAL);
	assert_int_equal(hla_devlist_open(l, 0, HLA_OPEN_FD_ADOPT, &dev), -EINVAL);
	assert_null(dev);
	hla_devlist_destroy(l);
}

static void devlist_open(void **state)
{
	struct hla_devlist *l = NULL;
	struct hla_device *dev = NULL;
	HLA_STRUCT_INIT(hla_device_desc, d);

	(void)state;
	two_devices();
	assert_int_equal(hla_devlist_create(0, &l), 0);
	assert_int_equal(hla_devlist_open(l, 1, 0, &dev), 0);
	assert_int_equal(hla_device_describe(dev, &d), 0);
	assert_int_equal(d.minor, 2);
	assert_int_equal(d.index, 1);
	assert_true(d.valid & HLA_DESC_INDEX);
	assert_int_equal(d.is_control, 0);
	assert_int_equal(hla_device_close(dev), 0);
	assert_int_equal(hla_devlist_open(l, 0, HLA_OPEN_CONTROL, &dev), 0);
	assert_int_equal(hla_device_describe(dev, &d), 0);
	assert_int_equal(d.minor, 1);
	assert_int_equal(d.is_control, 1);
	assert_int_equal(hla_device_close(dev), 0);
	assert_int_equal(hla_devlist_open(l, 2, 0, &dev), -ENODEV);
	hla_devlist_destroy(l);
	assert_int_equal(mock_open_fds(), 0);
}

/* accel and legacy devices together: accel by minor, then legacy by minor */
static void mixed_interfaces(void **state)
{
	struct hla_devlist *l = NULL;
	HLA_STRUCT_INIT(hla_device_desc, d);
	uint32_t n = 0;

	(void)state;
	mock_reset();
	mock_add_device(HLA_INTERFACE_LEGACY, HLA_ASIC_GAUDI, 0, -1, "0000:09:00.0");
	mock_add_device(HLA_INTERFACE_ACCEL, HLA_ASIC_GAUDI2, 3, 1, "0000:39:00.0");
	mock_add_device(HLA_INTERFACE_ACCEL, HLA_ASIC_GAUDI2, 1, 0, "0000:19:00.0");
	assert_int_equal(hla_device_count(&n), 0);
	assert_int_equal(n, 3);
	assert_int_equal(hla_devlist_create(0, &l), 0);
	assert_int_equal(hla_devlist_describe(l, 0, &d), 0);
	assert_int_equal(d.interface, HLA_INTERFACE_ACCEL);
	assert_int_equal(d.minor, 1);
	assert_int_equal(hla_devlist_describe(l, 1, &d), 0);
	assert_int_equal(d.minor, 3);
	assert_int_equal(hla_devlist_describe(l, 2, &d), 0);
	assert_int_equal(d.interface, HLA_INTERFACE_LEGACY);
	assert_string_equal(d.node, "/dev/hl0");
	hla_devlist_destroy(l);
}

/* what open sends: DRM_IOCTL_VERSION (accel compute only), then HW_IP_INFO */
static void open_index_sends(void **state)
{
	struct hla_device *dev;
	const struct mock_ioctl_call *c;
	struct hlk_drm_version v;
	struct hlk_info_args a;
	bool accel = mock_iface == HLA_INTERFACE_ACCEL;

	(void)state;
	assert_int_equal(mock_open_device(mock_iface, HLA_ASIC_GAUDI2, &dev), 0);
	assert_int_equal(mock_ioctl_count(), accel ? 2 : 1);
	if (accel) {
		c = mock_ioctl_get(0);
		assert_int_equal(c->request, HLK_DRM_IOCTL_VERSION);
		memcpy(&v, c->in, sizeof(v));
		assert_int_not_equal(v.name, 0);
		assert_true(v.name_len >= strlen("habanalabs"));
	}
	c = mock_ioctl_last();
	assert_int_equal(c->request, mock_req(mock_iface, HLK_CMD_INFO));
	memcpy(&a, c->in, sizeof(a));
	assert_int_equal(a.op, HLK_INFO_HW_IP_INFO);
	assert_int_equal(a.return_size, sizeof(struct hlk_info_hw_ip_info));
	assert_int_not_equal(a.return_pointer, 0);
	assert_int_equal(a.pad, 0);
	assert_int_equal(hla_device_get_fd(dev), c->fd);
	assert_int_equal(fcntl(c->fd, F_GETFD) & FD_CLOEXEC, FD_CLOEXEC);
	assert_int_equal(mock_open_fds(), 1);
	assert_int_equal(hla_device_close(dev), 0);
	assert_int_equal(mock_open_fds(), 0);
	assert_int_equal(fcntl(c->fd, F_GETFD), -1);
	assert_int_equal(hla_device_close(NULL), 0);
	assert_int_equal(hla_device_get_fd(NULL), -EINVAL);
}

/* the control node is no DRM node: only HW_IP_INFO is sent */
static void open_control_sends(void **state)
{
	struct hla_device *dev;

	(void)state;
	assert_int_equal(mock_open_control(mock_iface, HLA_ASIC_GAUDI2, &dev), 0);
	assert_int_equal(mock_ioctl_count(), 1);
	assert_int_equal(mock_drm_version_count(), 0);
	EXPECT_REQ(HLK_CMD_INFO);
	assert_int_equal(hla_device_close(dev), 0);
}

static void describe_index(struct hla_device *dev, bool has_index, uint32_t index)
{
	HLA_STRUCT_INIT(hla_device_desc, d);

	assert_non_null(dev);
	assert_int_equal(hla_device_describe(dev, &d), 0);
	assert_int_equal(!!(d.valid & HLA_DESC_INDEX), has_index);
	assert_int_equal(d.index, has_index ? index : 0);
	assert_int_equal(hla_device_close(dev), 0);
}

static void open_forms(void **state)
{
	struct hla_device *dev = NULL;
	int fd;

	(void)state;
	two_devices();
	/* by index, devlist, PCI address or module id: the index is known */
	assert_int_equal(hla_device_open_index(1, 0, &dev), 0);
	describe_index(dev, true, 1);
	assert_int_equal(hla_device_open_pci("0000:29:00.0", 0, &dev), 0);
	describe_index(dev, true, 1);
	assert_int_equal(hla_device_open_pci("19:00.0", 0, &dev), 0);
	describe_index(dev, true, 0);
	assert_int_equal(hla_device_open_pci("29:00.0", HLA_OPEN_CONTROL, &dev), 0);
	describe_index(dev, true, 1);
	assert_int_equal(hla_device_open_module(5, 0, &dev), 0);
	describe_index(dev, true, 1);
	/* by path or fd: it is not */
	assert_int_equal(hla_device_open_path(mock_node(2), 0, &dev), 0);
	describe_index(dev, false, 0);
	fd = hla__sys_open(mock_node(1), O_RDWR);
	assert_true(fd >= 0);
	assert_int_equal(hla_device_open_fd(fd, HLA_OPEN_FD_ADOPT, &dev), 0);
	describe_index(dev, false, 0);
	assert_int_equal(mock_open_fds(), 0);
}

static void open_forms_not_found(void **state)
{
	struct hla_device *dev = NULL;

	(void)state;
	two_devices();
	EXPECT_NO_IOCTL(hla_device_open_pci("0000:99:00.0", 0, &dev), -ENODEV);
	EXPECT_NO_IOCTL(hla_device_open_pci("9:00.0", 0, &dev), -ENODEV);
	EXPECT_NO_IOCTL(hla_device_open_pci("0001:29:00.0", 0, &dev), -ENODEV);
	/* the Gaudi has no module id attribute */
	EXPECT_NO_IOCTL(hla_device_open_module(0, 0, &dev), -ENODEV);
	EXPECT_NO_IOCTL(hla_device_open_module(6, 0, &dev), -ENODEV);
	EXPECT_NO_IOCTL(hla_device_open_index(2, 0, &dev), -ENODEV);
	EXPECT_NO_IOCTL(hla_device_open_index(UINT32_MAX, 0, &dev), -ENODEV);
	assert_null(dev);
	assert_int_equal(mock_open_fds(), 0);
}

static void open_path_forms(void **state)
{
	struct hla_device *dev = NULL;
	HLA_STRUCT_INIT(hla_device_desc, d);

	(void)state;
	two_devices();
	assert_int_equal(hla_device_open_path(mock_control_node(1), 0, &dev), 0);
	assert_int_equal(hla_device_describe(dev, &d), 0);
	assert_int_equal(d.is_control, 1);
	assert_int_equal(hla_device_close(dev), 0);
	/* HLA_OPEN_CONTROL with the compute node's path opens its control node */
	assert_int_equal(hla_device_open_path(mock_node(1), HLA_OPEN_CONTROL, &dev), 0);
	assert_int_equal(hla_device_describe(dev, &d), 0);
	assert_int_equal(d.is_control, 1);
	assert_int_equal(hla_device_close(dev), 0);
	/* a name udev made: the node is found through sysfs */
	mock_add_alias("/dev/hl-by-bus", mock_node(2));
	assert_int_equal(hla_device_open_path("/dev/hl-by-bus", 0, &dev), 0);
	assert_int_equal(hla_device_describe(dev, &d), 0);
	assert_int_equal(d.minor, 2);
	assert_string_equal(d.node, mock_node(2));
	assert_int_equal(hla_device_close(dev), 0);
	assert_int_equal(mock_open_fds(), 0);
}

static void open_bad_input(void **state)
{
	struct hla_device *dev = NULL;
	unsigned int before;

	(void)state;
	mock_reset();
	mock_add_device(mock_iface, HLA_ASIC_GAUDI2, 0, 0, "0000:19:00.0");
	before = mock_ioctl_count();
	assert_int_equal(hla_device_open_index(0, 0x100, &dev), -EINVAL);
	assert_int_equal(hla_device_open_index(0, HLA_OPEN_FD_DUP, &dev), -EINVAL);
	assert_int_equal(hla_device_open_index(0, HLA_OPEN_FD_ADOPT, &dev), -EINVAL);
	assert_int_equal(hla_device_open_index(0, 0, NULL), -EINVAL);
	assert_int_equal(hla_device_open_path(NULL, 0, &dev), -EINVAL);
	assert_int_equal(hla_device_open_path(mock_node(0), 0, NULL), -EINVAL);
	assert_int_equal(hla_device_open_path(mock_node(0), HLA_OPEN_FD_DUP, &dev), -EINVAL);
	assert_int_equal(hla_device_open_path("/dev/accel/nothing", 0, &dev), -ENOENT);
	assert_int_equal(hla_device_open_path("/dev/plainfile", 0, &dev), -ENOTTY);
	assert_int_equal(hla_device_open_pci(NULL, 0, &dev), -EINVAL);
	assert_int_equal(hla_device_open_pci("", 0, &dev), -EINVAL);
	assert_int_equal(hla_device_open_pci("0000:19:00.0.0000", 0, &dev), -EINVAL);
	assert_int_equal(hla_device_open_pci("0000:19:00.0", 0x100, &dev), -EINVAL);
	assert_int_equal(hla_device_open_pci("0000:19:00.0", 0, NULL), -EINVAL);
	assert_int_equal(hla_device_open_module(0, 0x100, &dev), -EINVAL);
	assert_int_equal(hla_device_open_module(0, 0, NULL), -EINVAL);
	assert_int_equal(hla_device_open_fd(-1, 0, &dev), -EBADF);
	assert_int_equal(hla_device_open_fd(900, 0, &dev), -EBADF); /* not open */
	assert_int_equal(hla_device_open_fd(0, HLA_OPEN_CONTROL, &dev), -EINVAL);
	assert_int_equal(hla_device_open_fd(0, 0x100, &dev), -EINVAL);
	assert_int_equal(hla_device_open_fd(0, 0, NULL), -EINVAL);
	assert_null(dev);
	assert_int_equal(mock_ioctl_count(), before);
	assert_int_equal(mock_open_fds(), 0);
}

static void open_query_fails(void **state)
{
	struct hla_device *dev = NULL;
	unsigned int before;

	(void)state;
	mock_reset();
	mock_add_device(mock_iface, HLA_ASIC_GAUDI2, 0, 0, "0000:19:00.0");
	/* the HW_IP query fails: the error comes back and the fd is closed */
	mock_ioctl_push_errno(EIO);
	assert_int_equal(hla_device_open_index(0, 0, &dev), -EIO);
	assert_int_equal(mock_open_fds(), 0);
	/* EINTR is not retried either */
	before = mock_ioctl_count();
	mock_ioctl_push_errno(EINTR);
	assert_int_equal(hla_device_open_index(0, 0, &dev), -EINTR);
	assert_int_equal(mock_ioctl_count() - before,
			 mock_iface == HLA_INTERFACE_ACCEL ? 2u : 1u);
	assert_int_equal(mock_open_fds(), 0);
	assert_null(dev);
}

static void open_retry(void **state)
{
	struct hla_device *dev = NULL;

	(void)state;
	mock_reset();
	mock_add_device(mock_iface, HLA_ASIC_GAUDI2, 0, 0, "0000:19:00.0");
	/* the previous user is still releasing the device */
	mock_fail_opens(3, EAGAIN);
	assert_int_equal(hla_device_open_index(0, 0, &dev), -EAGAIN);
	mock_fail_opens(3, EAGAIN);
	assert_int_equal(hla_device_open_index(0, HLA_OPEN_RETRY, &dev), 0);
	assert_int_equal(hla_device_close(dev), 0);
	/* only EAGAIN is worth waiting for */
	mock_fail_opens(1, EBUSY);
	assert_int_equal(hla_device_open_path(mock_node(0), HLA_OPEN_RETRY, &dev), -EBUSY);
	mock_fail_opens(1, EACCES);
	assert_int_equal(hla_device_open_index(0, HLA_OPEN_RETRY, &dev), -EACCES);
	mock_fail_opens(0, 0);
	assert_int_equal(mock_open_fds(), 0);
}

/* an accel node of another driver is never opened nor sent an ioctl */
static void foreign_accel_refused(void **state)
{
	struct hla_device *dev = NULL;
	int fd;

	(void)state;
	mock_reset();
	mock_add_foreign_accel(0, "intel_vpu");
	mock_add_device(mock_iface, HLA_ASIC_GAUDI2, 1, 0, "0000:19:00.0");
	assert_int_equal(hla_device_open_path("/dev/accel/accel0", 0, &dev), -ENODEV);
	assert_int_equal(mock_ioctl_count(), 0);
	assert_int_equal(mock_open_fds(), 0);
	/* nor taken over from an fd, which stays the caller's */
	fd = hla__sys_open("/dev/accel/accel0", O_RDWR);
	assert_true(fd >= 0);
	assert_int_equal(hla_device_open_fd(fd, HLA_OPEN_FD_ADOPT, &dev), -ENODEV);
	assert_int_equal(mock_ioctl_count(), 0);
	assert_int_not_equal(fcntl(fd, F_GETFD), -1);
	hla__sys_close(fd);
	assert_null(dev);
}

static void control_rejects_non_info(void **state)
{
	struct hla_device *dev;
	uint64_t h;
	uint32_t status;
	void *p;

	(void)state;
	assert_int_equal(mock_open_control(mock_iface, HLA_ASIC_GAUDI2, &dev), 0);
	EXPECT_NO_IOCTL(hla_cb_create(dev, 4096, 0, &h), -ENOTTY);
	EXPECT_NO_IOCTL(hla_mem_alloc(dev, 4096, 0, 0, &h), -ENOTTY);
	EXPECT_NO_IOCTL(hla_debug_set_mode(dev, HLA_DEBUG_ENABLE), -ENOTTY);
	EXPECT_NO_IOCTL(hla_cs_unreserve_signals(dev, 1), -ENOTTY);
	EXPECT_NO_IOCTL(hla_cb_mmap(dev, 0x1000000000001000ull, 4096, &p), -ENOTTY);
	assert_int_equal(mock_mmap_count(), 0);
	/* INFO goes through */
	EXPECT_ONE_IOCTL(hla_info_device_status(dev, &status), 0);
	assert_int_equal(hla_device_close(dev), 0);
}

static void sysfs_read(void **state)
{
	struct hla_device *dev;
	char buf[64];

	(void)state;
	assert_int_equal(mock_open_device(mock_iface, HLA_ASIC_GAUDI2, &dev), 0);
	assert_int_equal(hla_device_sysfs_read(dev, "device_type", buf, sizeof(buf)), 6);
	assert_string_equal(buf, "GAUDI2");
	assert_int_equal(hla_device_sysfs_read(dev, "status", buf, 4), 3);
	assert_string_equal(buf, "Ope");
	mock_set_attr(mock_iface, 0, "cpucp_ver", "fw-49.0.0\r\n");
	assert_int_equal(hla_device_sysfs_read(dev, "cpucp_ver", buf, sizeof(buf)), 9);
	assert_string_equal(buf, "fw-49.0.0");
	assert_int_equal(hla_device_sysfs_read(dev, "nothing", buf, sizeof(buf)), -ENOENT);
	assert_int_equal(hla_device_sysfs_read(dev, "../x", buf, sizeof(buf)), -EINVAL);
	assert_int_equal(hla_device_sysfs_read(dev, "..", buf, sizeof(buf)), -EINVAL);
	assert_int_equal(hla_device_sysfs_read(dev, ".", buf, sizeof(buf)), -EINVAL);
	assert_int_equal(hla_device_sysfs_read(dev, "", buf, sizeof(buf)), -EINVAL);
	assert_int_equal(hla_device_sysfs_read(dev, NULL, buf, sizeof(buf)), -EINVAL);
	assert_int_equal(hla_device_sysfs_read(dev, "status", NULL, 4), -EINVAL);
	assert_int_equal(hla_device_sysfs_read(dev, "status", buf, 0), -EINVAL);
	assert_int_equal(hla_device_sysfs_read(NULL, "status", buf, 4), -EINVAL);
	assert_int_equal(hla_device_close(dev), 0);
	assert_int_equal(mock_open_fds(), 0);
}

/* an open handle describes the device and the driver behind it */
static void describe_open(void **state)
{
	struct hla_device *dev;
	HLA_STRUCT_INIT(hla_device_desc, d);

	(void)state;
	assert_int_equal(mock_open_device(mock_iface, HLA_ASIC_GAUDI2, &dev), 0);
	assert_int_equal(hla_device_describe(dev, &d), 0);
	assert_int_equal(d.sz, sizeof(d));
	/* the DRM version exists on accel compute nodes only */
	assert_int_equal(d.valid, mock_iface == HLA_INTERFACE_ACCEL ? HLA_BIT(21) - 1 :
								  HLA_BIT(20) - 1);
	assert_int_equal(d.drm_version,
			 mock_iface == HLA_INTERFACE_ACCEL ? HLA_VERSION_CODE(6, 8, 0) : 0);
	assert_int_equal(d.reserved2, 0);
	assert_int_equal(d.index, 0);
	assert_int_equal(d.minor, 0);
	assert_int_equal(d.interface, mock_iface);
	assert_int_equal(d.asic, HLA_ASIC_GAUDI2);
	assert_int_equal(d.pci_device_id, HLK_PCI_ID_GAUDI2);
	assert_int_equal(d.module_id, 0);
	assert_int_equal(d.is_control, 0);
	assert_int_equal(d.driver, HLA_DRIVER_UPSTREAM);
	assert_int_equal(d.driver_version, default_kver());
	assert_int_equal(d.kernel_version, default_kver());
	assert_string_equal(d.driver_version_str,
			    mock_iface == HLA_INTERFACE_ACCEL ? "6.8.0" : "6.1.0");
	assert_string_equal(d.node, mock_node(0));
	assert_string_equal(d.control_node, mock_control_node(0));
	assert_string_equal(d.pci_bus_id, "0000:19:00.0");
	assert_string_equal(d.device_type, "GAUDI2");
	assert_int_not_equal(d.caps, 0);
	assert_int_equal(hla_device_describe(NULL, &d), -EINVAL);
	assert_int_equal(hla_device_describe(dev, NULL), -EINVAL);
	assert_int_equal(hla_device_close(dev), 0);
}

/* the ASIC from the device id and PCI revision, else from device_type */
static void describe_asic(void **state)
{
	static const uint32_t asics[] = { HLA_ASIC_GOYA, HLA_ASIC_GAUDI, HLA_ASIC_GAUDI_SEC,
					  HLA_ASIC_GAUDI2B, HLA_ASIC_GAUDI2C, HLA_ASIC_GAUDI2D,
					  HLA_ASIC_GAUDI2E, HLA_ASIC_GAUDI3 };
	struct hlk_info_hw_ip_info hw;
	struct hla_device *dev;
	HLA_STRUCT_INIT(hla_device_desc, d);

	(void)state;
	for (size_t i = 0; i < sizeof(asics) / sizeof(asics[0]); i++) {
		assert_int_equal(mock_open_device(mock_iface, asics[i], &dev), 0);
		assert_int_equal(hla_device_describe(dev, &d), 0);
		assert_int_equal(d.asic, asics[i]);
		assert_int_equal(hla_device_close(dev), 0);
	}
	/* a device id this library does not know: sysfs names it */
	mock_reset();
	mock_add_device(mock_iface, HLA_ASIC_GAUDI2C, 0, 0, "0000:19:00.0");
	memset(&hw, 0, sizeof(hw));
	hw.device_id = 0x7777;
	mock_set_hw_ip_default(&hw, sizeof(hw));
	assert_int_equal(hla_device_open_index(0, 0, &dev), 0);
	assert_int_equal(hla_device_describe(dev, &d), 0);
	assert_int_equal(d.asic, HLA_ASIC_GAUDI2C);
	assert_int_equal(hla_device_close(dev), 0);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(count),
		cmocka_unit_test(devlist_entries),
		cmocka_unit_test(devlist_valid_bits),
		cmocka_unit_test(devlist_status_is_a_snapshot),
		cmocka_unit_test(devlist_bad_input),
		cmocka_unit_test(devlist_open),
		cmocka_unit_test(mixed_interfaces),
		cmocka_unit_test(open_index_sends),
		cmocka_unit_test(open_control_sends),
		cmocka_unit_test(open_forms),
		cmocka_unit_test(open_forms_not_found),
		cmocka_unit_test(open_path_forms),
		cmocka_unit_test(open_bad_input),
		cmocka_unit_test(open_query_fails),
		cmocka_unit_test(open_retry),
		cmocka_unit_test(foreign_accel_refused),
		cmocka_unit_test(control_rejects_non_info),
		cmocka_unit_test(sysfs_read),
		cmocka_unit_test(describe_open),
		cmocka_unit_test(describe_asic),
	};

	return UNIT_MAIN(tests, NULL, NULL);
}
