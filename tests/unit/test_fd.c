/* SPDX-License-Identifier: MIT */
/*
 * hla_device_open_fd: who owns the fd.  Borrowed by default (never
 * closed), HLA_OPEN_FD_ADOPT hands it over, HLA_OPEN_FD_DUP keeps a private
 * duplicate, and no fd is ever owned by two live handles.
 */
#include "unit.h"

#include <fcntl.h>
#include <unistd.h>

static bool is_open(int fd)
{
	return fcntl(fd, F_GETFD) != -1;
}

static int setup(void **state)
{
	(void)state;
	mock_reset();
	mock_add_device(mock_iface, HLA_ASIC_GAUDI2, 0, 0, "0000:19:00.0");
	return 0;
}

static int open_node(void)
{
	int fd = hla__sys_open(mock_node(0), O_RDWR);

	assert_true(fd >= 0);
	return fd;
}

/* an INFO call on dev goes to fd */
static void works_on(struct hla_device *dev, int fd)
{
	uint32_t status;

	EXPECT_ONE_IOCTL(hla_info_device_status(dev, &status), 0);
	assert_int_equal(mock_ioctl_last()->fd, fd);
}

static void borrow_never_closes(void **state)
{
	struct hla_device *dev = NULL, *dev2 = NULL;
	int fd = open_node();

	(void)state;
	assert_int_equal(hla_device_open_fd(fd, 0, &dev), 0);
	assert_int_equal(hla_device_get_fd(dev), fd);
	works_on(dev, fd);
	/* two borrowers of one fd are fine: neither closes it */
	assert_int_equal(hla_device_open_fd(fd, HLA_OPEN_RETRY, &dev2), 0);
	assert_int_equal(hla_device_close(dev), 0);
	assert_true(is_open(fd));
	works_on(dev2, fd);
	assert_int_equal(hla_device_close(dev2), 0);
	assert_true(is_open(fd));
	assert_int_equal(mock_open_fds(), 1);
	/* a failed borrow leaves it open too */
	mock_ioctl_push_errno(EIO);
	assert_int_equal(hla_device_open_fd(fd, 0, &dev), -EIO);
	assert_true(is_open(fd));
	hla__sys_close(fd);
}

static void adopt_closes(void **state)
{
	struct hla_device *dev = NULL;
	int fd = open_node();

	(void)state;
	/* a failed adoption leaves the fd with the caller */
	mock_ioctl_push_errno(EIO);
	assert_int_equal(hla_device_open_fd(fd, HLA_OPEN_FD_ADOPT, &dev), -EIO);
	assert_null(dev);
	assert_true(is_open(fd));
	assert_int_equal(hla_device_open_fd(fd, HLA_OPEN_FD_ADOPT, &dev), 0);
	assert_int_equal(hla_device_get_fd(dev), fd);
	works_on(dev, fd);
	assert_int_equal(hla_device_close(dev), 0);
	assert_false(is_open(fd));
	assert_int_equal(mock_open_fds(), 0);
}

static void dup_owns_duplicate(void **state)
{
	struct hla_device *dev = NULL;
	int fd = open_node(), mine;

	(void)state;
	assert_int_equal(hla_device_open_fd(fd, HLA_OPEN_FD_DUP, &dev), 0);
	mine = hla_device_get_fd(dev);
	assert_int_not_equal(mine, fd);
	assert_int_equal(fcntl(mine, F_GETFD) & FD_CLOEXEC, FD_CLOEXEC);
	assert_int_equal(mock_open_fds(), 2);
	/* the caller may close its fd at once */
	hla__sys_close(fd);
	works_on(dev, mine);
	assert_int_equal(hla_device_close(dev), 0);
	assert_false(is_open(mine));
	assert_int_equal(mock_open_fds(), 0);
	/* a failed open closes the duplicate, not the caller's fd */
	fd = open_node();
	mock_ioctl_push_errno(EIO);
	assert_int_equal(hla_device_open_fd(fd, HLA_OPEN_FD_DUP, &dev), -EIO);
	assert_true(is_open(fd));
	assert_int_equal(mock_open_fds(), 1);
	hla__sys_close(fd);
}

static void adopt_and_dup(void **state)
{
	struct hla_device *dev = NULL;
	int fd = open_node();

	(void)state;
	EXPECT_NO_IOCTL(hla_device_open_fd(fd, HLA_OPEN_FD_ADOPT | HLA_OPEN_FD_DUP, &dev),
			-EINVAL);
	assert_null(dev);
	assert_true(is_open(fd));
	assert_int_equal(mock_open_fds(), 1);
	hla__sys_close(fd);
}

/* adopt an fd a live handle owns: -EBUSY, no ioctl, nothing changes */
static void refused(int fd, struct hla_device *owner)
{
	struct hla_device *dev = NULL;
	unsigned int fds = mock_open_fds();

	EXPECT_NO_IOCTL(hla_device_open_fd(fd, HLA_OPEN_FD_ADOPT, &dev), -EBUSY);
	assert_null(dev);
	assert_true(is_open(fd));
	assert_int_equal(mock_open_fds(), fds);
	works_on(owner, fd);
}

static void adopt_owned_busy(void **state)
{
	struct hla_device *owner = NULL, *dev = NULL;
	int fd;

	(void)state;
	/* the fd of a handle opened by the library */
	assert_int_equal(hla_device_open_index(0, 0, &owner), 0);
	fd = hla_device_get_fd(owner);
	refused(fd, owner);
	assert_int_equal(hla_device_close(owner), 0);
	assert_false(is_open(fd));
	/* an fd adopted before */
	fd = open_node();
	assert_int_equal(hla_device_open_fd(fd, HLA_OPEN_FD_ADOPT, &owner), 0);
	refused(fd, owner);
	/* borrowing it stays possible: a borrower never closes */
	assert_int_equal(hla_device_open_fd(fd, 0, &dev), 0);
	assert_int_equal(hla_device_close(dev), 0);
	assert_int_equal(hla_device_close(owner), 0);
	assert_false(is_open(fd));
	/* once the owner is gone the number can be adopted again */
	fd = open_node();
	assert_int_equal(hla_device_open_fd(fd, HLA_OPEN_FD_ADOPT, &dev), 0);
	assert_int_equal(hla_device_close(dev), 0);
	assert_int_equal(mock_open_fds(), 0);
}

/* a duplicate is a new fd: making one of an owned fd takes nothing away */
static void dup_of_owned(void **state)
{
	struct hla_device *owner = NULL, *dev = NULL;
	int fd;

	(void)state;
	assert_int_equal(hla_device_open_index(0, 0, &owner), 0);
	fd = hla_device_get_fd(owner);
	assert_int_equal(hla_device_open_fd(fd, HLA_OPEN_FD_DUP, &dev), 0);
	assert_int_not_equal(hla_device_get_fd(dev), fd);
	assert_int_equal(hla_device_close(dev), 0);
	works_on(owner, fd);
	assert_int_equal(hla_device_close(owner), 0);
	assert_int_equal(mock_open_fds(), 0);
}

/*
 * What a borrow costs.  Seam calls besides ioctl: fstat, the uevent file
 * (open, close), the accel driver link (readlink), uname and the module
 * version file (one open that fails): 6 on accel, 5 on legacy.  Ioctls:
 * DRM_IOCTL_VERSION (accel) and HW_IP_INFO.  Closing a borrowed handle
 * makes no system call at all.
 */
static void borrow_cost(void **state)
{
	struct hla_device *dev = NULL;
	bool accel = mock_iface == HLA_INTERFACE_ACCEL;
	unsigned int s0, i0;
	int fd = open_node();

	(void)state;
	s0 = mock_syscall_count();
	i0 = mock_ioctl_count();
	assert_int_equal(hla_device_open_fd(fd, 0, &dev), 0);
	print_message("borrow: %u seam calls, %u ioctls\n", mock_syscall_count() - s0,
		      mock_ioctl_count() - i0);
	assert_true(mock_syscall_count() - s0 <= (accel ? 6u : 5u));
	assert_int_equal(mock_ioctl_count() - i0, accel ? 2 : 1);
	if (accel)
		assert_int_equal(mock_ioctl_get(i0)->request, HLK_DRM_IOCTL_VERSION);
	assert_int_equal(mock_ioctl_last()->request, mock_req(mock_iface, HLK_CMD_INFO));
	s0 = mock_syscall_count();
	assert_int_equal(hla_device_close(dev), 0);
	assert_int_equal(mock_syscall_count(), s0);
	hla__sys_close(fd);
}

/* the fd names its node: a control fd gives a control handle */
static void control_fd(void **state)
{
	struct hla_device *dev = NULL;
	HLA_STRUCT_INIT(hla_device_desc, d);
	int fd = hla__sys_open(mock_control_node(0), O_RDWR);
	uint64_t h;

	(void)state;
	assert_true(fd >= 0);
	assert_int_equal(hla_device_open_fd(fd, HLA_OPEN_FD_ADOPT, &dev), 0);
	assert_int_equal(mock_drm_version_count(), 0);
	assert_int_equal(hla_device_describe(dev, &d), 0);
	assert_int_equal(d.is_control, 1);
	assert_string_equal(d.control_node, mock_control_node(0));
	EXPECT_NO_IOCTL(hla_cb_create(dev, 4096, 0, &h), -ENOTTY);
	assert_int_equal(hla_device_close(dev), 0);
	assert_false(is_open(fd));
}

static void not_a_device(void **state)
{
	struct hla_device *dev = NULL;
	int fd = hla__sys_open("/dev/plainfile", O_RDONLY);

	(void)state;
	assert_true(fd >= 0);
	EXPECT_NO_IOCTL(hla_device_open_fd(fd, HLA_OPEN_FD_ADOPT, &dev), -ENOTTY);
	assert_true(is_open(fd));
	hla__sys_close(fd);
	assert_null(dev);
}

int main(int argc, char **argv)
{
#define T(f) cmocka_unit_test_setup(f, setup)
	const struct CMUnitTest tests[] = {
		T(borrow_never_closes), T(adopt_closes), T(dup_owns_duplicate),
		T(adopt_and_dup), T(adopt_owned_busy), T(dup_of_owned), T(borrow_cost),
		T(control_fd), T(not_a_device),
	};

	return UNIT_MAIN(tests, NULL, NULL);
}
