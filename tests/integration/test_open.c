/* SPDX-License-Identifier: MIT */
/* Discovery and open: enumeration, every open variant, the single compute
 * slot, control nodes, adopted fds and other vendors' accel nodes. */
#include "itest.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static void enumerate(void **state)
{
	unsigned int n = 0;

	(void)state;
	assert_int_equal(hla_device_count(&n), 0);
	assert_true(n >= 1);
	for (unsigned int i = 0; i < n; i++) {
		HLA_STRUCT_INIT(hla_device_desc, desc);
		struct stat st;

		assert_int_equal(hla_device_get_desc(i, &desc), 0);
		assert_int_equal(desc.index, i);
		assert_true(desc.interface == HLA_INTERFACE_ACCEL ||
			    desc.interface == HLA_INTERFACE_LEGACY);
		assert_int_not_equal(desc.asic, HLA_ASIC_UNKNOWN);
		assert_int_equal(stat(desc.node, &st), 0);
		assert_true(S_ISCHR(st.st_mode));
		assert_int_equal(stat(desc.control_node, &st), 0);
		assert_true(S_ISCHR(st.st_mode));
		assert_int_equal((int)strlen(desc.pci_bus_id), 12);
		assert_int_equal(desc.status, HLA_DEVICE_STATUS_OPERATIONAL);
		assert_true(desc.device_type[0] != '\0');
	}
	HLA_STRUCT_INIT(hla_device_desc, none);
	assert_int_equal(hla_device_get_desc(n, &none), -ENODEV);
}

/* Enumeration must not take the compute slot: open it right after. */
static void enumerate_leaves_slot_free(void **state)
{
	struct hla_device *dev;
	unsigned int n;

	(void)state;
	assert_int_equal(hla_device_count(&n), 0);
	assert_int_equal(hla_device_open_index(0, HLA_OPEN_RETRY, &dev), 0);
	assert_int_equal(hla_device_count(&n), 0);
	assert_int_equal(hla_device_close(dev), 0);
}

static void open_variants(void **state)
{
	HLA_STRUCT_INIT(hla_device_desc, desc);
	HLA_STRUCT_INIT(hla_device_desc, got);
	struct hla_device *dev;

	(void)state;
	assert_int_equal(hla_device_get_desc(0, &desc), 0);

	assert_int_equal(hla_device_open_path(desc.node, HLA_OPEN_RETRY, &dev), 0);
	assert_int_equal(hla_device_describe(dev, &got), 0);
	assert_string_equal(got.node, desc.node);
	assert_int_equal(got.is_control, 0);
	assert_true(hla_device_fd(dev) >= 0);
	assert_int_equal(fcntl(hla_device_fd(dev), F_GETFD) & FD_CLOEXEC, FD_CLOEXEC);
	assert_int_equal(hla_device_close(dev), 0);

	assert_int_equal(hla_device_open_pci(desc.pci_bus_id, HLA_OPEN_RETRY, &dev), 0);
	assert_int_equal(hla_device_describe(dev, &got), 0);
	assert_string_equal(got.pci_bus_id, desc.pci_bus_id);
	assert_int_equal(hla_device_close(dev), 0);

	if (desc.module_id >= 0) {
		assert_int_equal(hla_device_open_module((uint32_t)desc.module_id,
							HLA_OPEN_RETRY, &dev), 0);
		assert_int_equal(hla_device_describe(dev, &got), 0);
		assert_string_equal(got.node, desc.node);
		assert_int_equal(hla_device_close(dev), 0);
	} else {
		assert_int_equal(hla_device_open_module(0, 0, &dev), -ENODEV);
	}
	assert_int_equal(hla_device_open_pci("0000:ff:1f.7", 0, &dev), -ENODEV);
	assert_int_equal(hla_device_open_path("/dev/null", 0, &dev), -ENODEV);
	assert_int_equal(hla_device_open_path("/dev/accel/no-such-node", 0, &dev),
			 -ENOENT);
}

static void single_compute_slot(void **state)
{
	HLA_STRUCT_INIT(hla_device_desc, desc);
	struct hla_device *a, *b, *ctl;
	uint32_t status;

	(void)state;
	assert_int_equal(hla_device_get_desc(0, &desc), 0);
	assert_int_equal(hla_device_open_index(0, HLA_OPEN_RETRY, &a), 0);
	/* a second compute open, from the same process, is refused */
	assert_int_equal(hla_device_open_index(0, 0, &b), -EBUSY);
	/* monitoring is never locked out */
	assert_int_equal(hla_device_open_index(0, HLA_OPEN_CONTROL, &ctl), 0);
	assert_int_equal(hla_info_device_status(ctl, &status), 0);
	assert_int_equal(status, HLA_DEVICE_STATUS_OPERATIONAL);
	assert_int_equal(hla_device_close(ctl), 0);
	assert_int_equal(hla_device_open_path(desc.control_node, 0, &ctl), 0);
	HLA_STRUCT_INIT(hla_device_desc, got);
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

static void adopt_fd(void **state)
{
	HLA_STRUCT_INIT(hla_device_desc, desc);
	struct hla_device *dev;
	uint32_t status;
	int fd;

	(void)state;
	assert_int_equal(hla_device_get_desc(0, &desc), 0);

	/* a control fd handed in by someone else, duplicated */
	fd = open(desc.control_node, O_RDWR | O_CLOEXEC);
	assert_true(fd >= 0);
	assert_int_equal(hla_device_open_fd(fd, HLA_OPEN_DUP_FD, &dev), 0);
	assert_int_not_equal(hla_device_fd(dev), fd);
	assert_int_equal(hla_info_device_status(dev, &status), 0);
	assert_int_equal(hla_device_close(dev), 0);
	assert_int_equal(fcntl(fd, F_GETFD) >= 0, 1); /* still ours */
	close(fd);

	/* a compute fd, adopted: the handle owns it (the previous user's
	 * release may still be going on: EAGAIN for a short while) */
	for (int i = 0; i < 500; i++) {
		struct timespec t = { 0, 10000000 };

		fd = open(desc.node, O_RDWR | O_CLOEXEC);
		if (fd >= 0 || errno != EAGAIN)
			break;
		nanosleep(&t, NULL);
	}
	assert_true(fd >= 0);
	assert_int_equal(hla_device_open_fd(fd, 0, &dev), 0);
	assert_int_equal(hla_device_fd(dev), fd);
	assert_int_equal(hla_device_close(dev), 0);
	assert_int_equal(fcntl(fd, F_GETFD), -1);

	/* not a device: refused, and the fd stays the caller's */
	fd = open("/dev/null", O_RDWR | O_CLOEXEC);
	assert_true(fd >= 0);
	assert_true(hla_device_open_fd(fd, 0, &dev) < 0);
	assert_true(fcntl(fd, F_GETFD) >= 0);
	close(fd);
	assert_int_equal(hla_device_open_fd(-1, 0, &dev), -EBADF);
}

/* Nodes of other accel drivers are neither listed nor opened. */
static void foreign_accel_nodes(void **state)
{
	unsigned int n, ours = 0, all = 0;
	DIR *dir;
	struct dirent *e;

	(void)state;
	assert_int_equal(hla_device_count(&n), 0);
	for (unsigned int i = 0; i < n; i++) {
		HLA_STRUCT_INIT(hla_device_desc, desc);
		assert_int_equal(hla_device_get_desc(i, &desc), 0);
		if (desc.interface == HLA_INTERFACE_ACCEL)
			ours++;
	}
	dir = opendir("/dev/accel");
	if (!dir)
		skip();
	while ((e = readdir(dir))) {
		char path[300];
		struct hla_device *dev;
		bool listed = false;

		if (strncmp(e->d_name, "accel", 5) || !strncmp(e->d_name, "accel_", 6))
			continue;
		all++;
		snprintf(path, sizeof(path), "/dev/accel/%s", e->d_name);
		for (unsigned int i = 0; i < n; i++) {
			HLA_STRUCT_INIT(hla_device_desc, desc);
			assert_int_equal(hla_device_get_desc(i, &desc), 0);
			if (!strcmp(desc.node, path))
				listed = true;
		}
		if (!listed)
			assert_int_equal(hla_device_open_path(path, 0, &dev), -ENODEV);
	}
	closedir(dir);
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
		cmocka_unit_test(enumerate_leaves_slot_free),
		cmocka_unit_test(open_variants),
		cmocka_unit_test(single_compute_slot),
		cmocka_unit_test(control_is_info_only),
		cmocka_unit_test(adopt_fd),
		cmocka_unit_test(foreign_accel_nodes),
		cmocka_unit_test(sysfs_attributes),
	};

	itest_require_device();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
