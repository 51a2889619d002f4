/* SPDX-License-Identifier: MIT */
/* Version, enumeration, open in all its forms, describe, sysfs reads. */
#include "unit.h"

#include <fcntl.h>
#include <unistd.h>

static const char *node0(void)
{
	return mock_iface == HLA_INTERFACE_ACCEL ? "/dev/accel/accel0" : "/dev/hl0";
}

static const char *control0(void)
{
	return mock_iface == HLA_INTERFACE_ACCEL ? "/dev/accel/accel_controlD0" :
						   "/dev/hl_controlD0";
}

static void version(void **state)
{
	unsigned int a = 9, b = 9, c = 9;

	(void)state;
	assert_int_equal(hla_version(&a, &b, &c), 0);
	assert_int_equal(a, HLACCEL_VERSION_MAJOR);
	assert_int_equal(b, HLACCEL_VERSION_MINOR);
	assert_int_equal(c, HLACCEL_VERSION_MICRO);
	assert_int_equal(hla_version(NULL, NULL, NULL), 0);
	assert_int_equal(hla_check_version(1, 0), 0);
	assert_int_equal(hla_check_version(1, HLACCEL_VERSION_MINOR + 1), -ENOTSUP);
	assert_int_equal(hla_check_version(2, 0), -ENOTSUP);
	assert_int_equal(hla_check_version(0, 9), -ENOTSUP);
}

static void enumerate(void **state)
{
	unsigned int n = 99;
	HLA_STRUCT_INIT(hla_device_desc, d);

	(void)state;
	mock_reset();
	assert_int_equal(hla_device_count(&n), 0);
	assert_int_equal(n, 0);
	assert_int_equal(hla_device_get_desc(0, &d), -ENODEV);
	if (mock_iface == HLA_INTERFACE_ACCEL) {
		/* another vendor's accelerator first: it is not ours */
		mock_add_foreign_accel(0, "intel_vpu");
		mock_add_device(mock_iface, HLA_ASIC_GAUDI2, 2, 5, "0000:29:00.0");
		mock_add_device(mock_iface, HLA_ASIC_GAUDI, 1, -1, "0000:19:00.0");
	} else {
		mock_add_device(mock_iface, HLA_ASIC_GAUDI2, 1, 5, "0000:29:00.0");
		mock_add_device(mock_iface, HLA_ASIC_GAUDI, 0, -1, "0000:19:00.0");
	}
	assert_int_equal(hla_device_count(&n), 0);
	assert_int_equal(n, 2);
	assert_int_equal(hla_device_get_desc(0, &d), 0);
	assert_int_equal(d.index, 0);
	assert_int_equal(d.interface, mock_iface);
	assert_int_equal(d.asic, HLA_ASIC_GAUDI);
	assert_int_equal(d.pci_device_id, HLK_PCI_ID_GAUDI);
	assert_string_equal(d.pci_bus_id, "0000:19:00.0");
	assert_int_equal(d.module_id, -1);
	assert_int_equal(d.status, HLA_DEVICE_STATUS_OPERATIONAL);
	assert_string_equal(d.device_type, "GAUDI");
	assert_int_equal(d.kernel_version,
			 mock_iface == HLA_INTERFACE_ACCEL ? 0x060800u : 0x060100u);
	assert_int_equal(hla_device_get_desc(1, &d), 0);
	assert_int_equal(d.asic, HLA_ASIC_GAUDI2);
	if (mock_iface == HLA_INTERFACE_ACCEL) {
		assert_int_equal(d.minor, 2);
		assert_string_equal(d.node, "/dev/accel/accel2");
		assert_string_equal(d.control_node, "/dev/accel/accel_controlD2");
		assert_int_equal(d.module_id, 5);
	} else {
		assert_string_equal(d.node, "/dev/hl1");
		assert_string_equal(d.control_node, "/dev/hl_controlD1");
	}
	assert_int_equal(hla_device_get_desc(2, &d), -ENODEV);
	/* enumeration never opens anything and sends no ioctl */
	assert_int_equal(mock_ioctl_count(), 0);
	assert_int_equal(mock_open_fds(), 0);
	mock_set_status(mock_iface, mock_iface == HLA_INTERFACE_ACCEL ? 1 : 0, "In reset\n");
	assert_int_equal(hla_device_get_desc(0, &d), 0);
	assert_int_equal(d.status, HLA_DEVICE_STATUS_IN_RESET);
	mock_set_status(mock_iface, mock_iface == HLA_INTERFACE_ACCEL ? 1 : 0, "Bogus\n");
	assert_int_equal(hla_device_get_desc(0, &d), 0);
	assert_int_equal(d.status, HLA_DEVICE_STATUS_UNKNOWN);
}

static void enumerate_bad_input(void **state)
{
	HLA_STRUCT_INIT(hla_device_desc, d);
	struct {
		struct hla_device_desc d;
		uint8_t tail[16];
	} big;

	(void)state;
	mock_reset();
	mock_add_device(mock_iface, HLA_ASIC_GAUDI2, 0, 0, "0000:19:00.0");
	assert_int_equal(hla_device_count(NULL), -EINVAL);
	assert_int_equal(hla_device_get_desc(0, NULL), -EINVAL);
	d.sz = 0;
	assert_int_equal(hla_device_get_desc(0, &d), -EINVAL);
	/* an older, shorter desc gets only its bytes */
	memset(&big, 0xEE, sizeof(big));
	big.d.sz = offsetof(struct hla_device_desc, asic);
	assert_int_equal(hla_device_get_desc(0, &big.d), 0);
	assert_int_equal(big.d.interface, mock_iface);
	assert_int_equal(((uint8_t *)&big.d)[offsetof(struct hla_device_desc, asic)], 0xEE);
	/* a longer one: the tail is left alone */
	big.d.sz = sizeof(big);
	assert_int_equal(hla_device_get_desc(0, &big.d), 0);
	assert_int_equal(big.tail[0], 0xEE);
}

static void open_index_sends_hw_ip(void **state)
{
	struct hla_device *dev;
	const struct mock_ioctl_call *c;
	struct hlk_info_args a;

	(void)state;
	assert_int_equal(mock_open_device(mock_iface, HLA_ASIC_GAUDI2, &dev), 0);
	assert_int_equal(mock_ioctl_count(), 1);
	c = mock_ioctl_last();
	assert_int_equal(c->request, mock_req(mock_iface, HLK_CMD_INFO));
	memcpy(&a, c->in, sizeof(a));
	assert_int_equal(a.op, HLK_INFO_HW_IP_INFO);
	assert_int_equal(a.return_size, sizeof(struct hlk_info_hw_ip_info));
	assert_int_not_equal(a.return_pointer, 0);
	assert_int_equal(a.pad, 0);
	assert_int_equal(hla_device_fd(dev), c->fd);
	assert_int_equal(fcntl(c->fd, F_GETFD) & FD_CLOEXEC, FD_CLOEXEC);
	assert_int_equal(mock_open_fds(), 1);
	assert_int_equal(hla_device_close(dev), 0);
	assert_int_equal(mock_open_fds(), 0);
	assert_int_equal(hla_device_close(NULL), 0);
}

static void open_variants(void **state)
{
	struct hla_device *dev;
	HLA_STRUCT_INIT(hla_device_desc, d);

	(void)state;
	mock_reset();
	mock_add_device(mock_iface, HLA_ASIC_GAUDI2, 0, 7, "0000:19:00.0");
	assert_int_equal(hla_device_open_path(node0(), 0, &dev), 0);
	assert_int_equal(hla_device_describe(dev, &d), 0);
	assert_string_equal(d.node, node0());
	assert_int_equal(d.is_control, 0);
	assert_int_equal(d.index, 0);
	assert_int_equal(d.asic, HLA_ASIC_GAUDI2);
	assert_int_equal(hla_device_close(dev), 0);

	assert_int_equal(hla_device_open_path(control0(), 0, &dev), 0);
	assert_int_equal(hla_device_describe(dev, &d), 0);
	assert_int_equal(d.is_control, 1);
	assert_int_equal(hla_device_close(dev), 0);

	assert_int_equal(hla_device_open_index(0, HLA_OPEN_CONTROL, &dev), 0);
	assert_int_equal(hla_device_describe(dev, &d), 0);
	assert_int_equal(d.is_control, 1);
	assert_int_equal(hla_device_close(dev), 0);

	assert_int_equal(hla_device_open_pci("0000:19:00.0", 0, &dev), 0);
	assert_int_equal(hla_device_close(dev), 0);
	assert_int_equal(hla_device_open_pci("0000:99:00.0", 0, &dev), -ENODEV);
	if (mock_iface == HLA_INTERFACE_ACCEL) {
		assert_int_equal(hla_device_open_module(7, 0, &dev), 0);
		assert_int_equal(hla_device_close(dev), 0);
	}
	assert_int_equal(hla_device_open_module(8, 0, &dev), -ENODEV);
	assert_int_equal(mock_open_fds(), 0);
}

static void open_bad_input(void **state)
{
	struct hla_device *dev;
	unsigned int before;

	(void)state;
	mock_reset();
	mock_add_device(mock_iface, HLA_ASIC_GAUDI2, 0, 0, "0000:19:00.0");
	before = mock_ioctl_count();
	assert_int_equal(hla_device_open_index(0, 0x100, &dev), -EINVAL);
	assert_int_equal(hla_device_open_index(0, HLA_OPEN_DUP_FD, &dev), -EINVAL);
	assert_int_equal(hla_device_open_index(0, 0, NULL), -EINVAL);
	assert_int_equal(hla_device_open_index(5, 0, &dev), -ENODEV);
	assert_int_equal(hla_device_open_path(NULL, 0, &dev), -EINVAL);
	assert_int_equal(hla_device_open_path("/dev/accel/nothing", 0, &dev), -ENOENT);
	assert_int_equal(hla_device_open_path("/dev/plainfile", 0, &dev), -ENOTTY);
	assert_int_equal(hla_device_open_pci(NULL, 0, &dev), -EINVAL);
	assert_int_equal(hla_device_open_pci("", 0, &dev), -EINVAL);
	assert_int_equal(hla_device_open_fd(-1, 0, &dev), -EBADF);
	assert_int_equal(hla_device_open_fd(900, 0, &dev), -EBADF); /* not open */
	assert_int_equal(hla_device_open_fd(0, HLA_OPEN_CONTROL, &dev), -EINVAL);
	assert_int_equal(mock_ioctl_count(), before);
	assert_int_equal(mock_open_fds(), 0);
}

static void open_errno_and_cleanup(void **state)
{
	struct hla_device *dev;

	(void)state;
	mock_reset();
	mock_add_device(mock_iface, HLA_ASIC_GAUDI2, 0, 0, "0000:19:00.0");
	/* the HW_IP query fails: the fd must not leak */
	mock_ioctl_push_errno(EIO);
	assert_int_equal(hla_device_open_index(0, 0, &dev), -EIO);
	assert_int_equal(mock_open_fds(), 0);
	/* EINTR is retried */
	mock_ioctl_push_errno(EINTR);
	assert_int_equal(hla_device_open_index(0, 0, &dev), 0);
	assert_int_equal(mock_ioctl_count(), 3);
	assert_int_equal(hla_device_close(dev), 0);
}

static void foreign_accel_refused(void **state)
{
	struct hla_device *dev;
	int fd;

	(void)state;
	if (mock_iface != HLA_INTERFACE_ACCEL)
		skip();
	mock_reset();
	mock_add_foreign_accel(0, "intel_vpu");
	mock_add_device(mock_iface, HLA_ASIC_GAUDI2, 1, 0, "0000:19:00.0");
	assert_int_equal(hla_device_open_path("/dev/accel/accel0", 0, &dev), -ENODEV);
	assert_int_equal(mock_ioctl_count(), 0);
	assert_int_equal(mock_open_fds(), 0);
	/* adopting its fd is refused too, and the fd stays the caller's */
	fd = hla__sys_open("/dev/accel/accel0", O_RDWR);
	assert_true(fd >= 0);
	assert_int_equal(hla_device_open_fd(fd, 0, &dev), -ENODEV);
	assert_int_equal(mock_ioctl_count(), 0);
	assert_int_equal(mock_open_fds(), 1);
	hla__sys_close(fd);
}

static void adopt_fd(void **state)
{
	struct hla_device *dev;
	int fd;

	(void)state;
	mock_reset();
	mock_add_device(mock_iface, HLA_ASIC_GAUDI2, 0, 0, "0000:19:00.0");
	fd = hla__sys_open(node0(), O_RDWR);
	assert_true(fd >= 0);
	assert_int_equal(hla_device_open_fd(fd, HLA_OPEN_DUP_FD, &dev), 0);
	assert_int_not_equal(hla_device_fd(dev), fd);
	assert_int_equal(hla_device_close(dev), 0);
	assert_int_equal(mock_open_fds(), 1);
	assert_int_equal(hla_device_open_fd(fd, 0, &dev), 0);
	assert_int_equal(hla_device_fd(dev), fd);
	assert_int_equal(hla_device_close(dev), 0);
	assert_int_equal(mock_open_fds(), 0);
	/* a failing adoption leaves the fd open */
	fd = hla__sys_open(node0(), O_RDWR);
	mock_ioctl_push_errno(EBUSY);
	assert_int_equal(hla_device_open_fd(fd, 0, &dev), -EBUSY);
	assert_int_equal(mock_open_fds(), 1);
	hla__sys_close(fd);
}

static void control_rejects_non_info(void **state)
{
	struct hla_device *dev;
	uint64_t h;
	unsigned int before;

	(void)state;
	assert_int_equal(mock_open_control(mock_iface, HLA_ASIC_GAUDI2, &dev), 0);
	before = mock_ioctl_count();
	assert_int_equal(hla_cb_create(dev, 4096, 0, &h), -ENOTTY);
	assert_int_equal(hla_mem_alloc(dev, 4096, 0, 0, &h), -ENOTTY);
	assert_int_equal(hla_debug_set_mode(dev, 1), -ENOTTY);
	assert_int_equal(mock_ioctl_count(), before);
	assert_int_equal(hla_device_close(dev), 0);
}

static void describe_and_sysfs(void **state)
{
	struct hla_device *dev;
	char buf[64];

	(void)state;
	assert_int_equal(mock_open_device(mock_iface, HLA_ASIC_GAUDI2, &dev), 0);
	assert_int_equal(hla_device_sysfs_read(dev, "device_type", buf, sizeof(buf)), 6);
	assert_string_equal(buf, "GAUDI2");
	assert_int_equal(hla_device_sysfs_read(dev, "status", buf, 4), 3);
	assert_string_equal(buf, "Ope");
	assert_int_equal(hla_device_sysfs_read(dev, "nothing", buf, sizeof(buf)), -ENOENT);
	assert_int_equal(hla_device_sysfs_read(dev, "../x", buf, sizeof(buf)), -EINVAL);
	assert_int_equal(hla_device_sysfs_read(dev, "..", buf, sizeof(buf)), -EINVAL);
	assert_int_equal(hla_device_sysfs_read(dev, "status", buf, 0), -EINVAL);
	assert_int_equal(hla_device_sysfs_read(NULL, "status", buf, 4), -EINVAL);
	assert_int_equal(hla_device_describe(NULL, NULL), -EINVAL);
	assert_int_equal(hla_device_describe(dev, NULL), -EINVAL);
	assert_int_equal(hla_device_fd(NULL), -EINVAL);
	assert_int_equal(hla_device_close(dev), 0);
	assert_int_equal(mock_open_fds(), 0);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(version),
		cmocka_unit_test(enumerate),
		cmocka_unit_test(enumerate_bad_input),
		cmocka_unit_test(open_index_sends_hw_ip),
		cmocka_unit_test(open_variants),
		cmocka_unit_test(open_bad_input),
		cmocka_unit_test(open_errno_and_cleanup),
		cmocka_unit_test(foreign_accel_refused),
		cmocka_unit_test(adopt_fd),
		cmocka_unit_test(control_rejects_non_info),
		cmocka_unit_test(describe_and_sysfs),
	};

	return UNIT_MAIN(tests, NULL, NULL);
}
