/* SPDX-License-Identifier: MIT */
/*
 * Which driver runs the device, and what the library lets through because
 * of it: the driver identity in the description, the capability set, the
 * calls gated on it and the valid bits that depend on it.
 */
#include "unit.h"

#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>

#include "hla_internal.h"

#define KV(a, b, c) HLA_VERSION_CODE(a, b, c)
#define ACCEL (mock_iface == HLA_INTERFACE_ACCEL)

static int open_as(const struct unit_driver *d, uint32_t asic)
{
	return unit_open_driver(d, mock_iface, asic, 0, &U);
}

static int teardown(void **state)
{
	return unit_close(state);
}

static struct hla_device_desc describe(void)
{
	HLA_STRUCT_INIT(hla_device_desc, d);

	assert_int_equal(hla_device_describe(U, &d), 0);
	return d;
}

/* the in-tree driver: its version is the kernel's, from the DRM version
 * ioctl on accel and from uname on legacy (which has no version ioctl) */
static void upstream_identity(void **state)
{
	const struct unit_driver odd = { "6.1.0-old", { 6, 8, 3 }, NULL };
	struct hla_device_desc d;

	(void)state;
	assert_int_equal(open_as(&odd, HLA_ASIC_GAUDI2), 0);
	d = describe();
	assert_int_equal(d.driver, HLA_DRIVER_UPSTREAM);
	assert_int_equal(d.kernel_version, ACCEL ? KV(6, 8, 3) : KV(6, 1, 0));
	assert_int_equal(d.driver_version, d.kernel_version);
	assert_string_equal(d.driver_version_str, ACCEL ? "6.8.3" : "6.1.0");
	assert_true(d.valid & HLA_DESC_DRIVER);
	assert_true(d.valid & HLA_DESC_DRIVER_VERSION);
	assert_true(d.valid & HLA_DESC_DRIVER_VERSION_STR);
	assert_true(d.valid & HLA_DESC_KERNEL_VERSION);
	assert_int_equal(mock_drm_version_count(), ACCEL ? 1 : 0);
}

/* Habana's driver: its module carries a version, the kernel is any */
static void habana_identity(void **state)
{
	struct hla_devlist *l = NULL;
	struct hla_device_desc d;
	HLA_STRUCT_INIT(hla_device_desc, e);

	(void)state;
	assert_int_equal(open_as(&UNIT_HABANA, HLA_ASIC_GAUDI2), 0);
	d = describe();
	assert_int_equal(d.driver, HLA_DRIVER_HABANA);
	assert_int_equal(d.driver_version, KV(1, 19, 2));
	assert_int_equal(d.kernel_version, KV(5, 15, 0));
	assert_string_equal(d.driver_version_str, "1.19.2-abc1234");
	assert_true(d.caps & HLA_CAP_HABANA_EXT);
	/* a device list says the same without opening anything */
	assert_int_equal(hla_devlist_create(0, &l), 0);
	assert_int_equal(hla_devlist_describe(l, 0, &e), 0);
	assert_int_equal(e.driver, HLA_DRIVER_HABANA);
	assert_int_equal(e.driver_version, KV(1, 19, 2));
	assert_string_equal(e.driver_version_str, "1.19.2-abc1234");
	hla_devlist_destroy(l);
	/* the file gone: on accel its DRM version (1.x, which no in-tree
	 * driver reports) still names it; legacy nodes have no such request */
	hla_device_close(U);
	mock_set_module_version(NULL);
	assert_int_equal(hla_device_open_index(0, 0, &U), 0);
	assert_int_equal(describe().driver, ACCEL ? HLA_DRIVER_HABANA : HLA_DRIVER_UPSTREAM);
	hla_device_close(U);
	mock_set_drm_version("habanalabs", 6, 8, 0);
	assert_int_equal(hla_device_open_index(0, 0, &U), 0);
	assert_int_equal(describe().driver, HLA_DRIVER_UPSTREAM);
}

static int count_fds(void)
{
	int n = 0;

	for (int fd = 0; fd < 1024; fd++)
		n += fcntl(fd, F_GETFD) != -1;
	return n;
}

/* Habana's module version there but unreadable for now: the error, never
 * the in-tree driver's identity and capabilities in its place */
static void module_version_unreadable(void **state)
{
	struct hla_devlist *l = NULL;
	int fds;

	(void)state;
	assert_int_equal(open_as(&UNIT_HABANA, HLA_ASIC_GAUDI2), 0);
	hla_device_close(U);
	U = NULL;
	mock_set_module_version_unreadable();
	fds = count_fds();
	assert_int_equal(hla_device_open_index(0, 0, &U), -EISDIR);
	assert_null(U);
	assert_int_equal(hla_device_open_index(0, HLA_OPEN_CONTROL, &U), -EISDIR);
	assert_int_equal(hla_devlist_create(0, &l), -EISDIR);
	assert_null(l);
	assert_int_equal(count_fds(), fds);
	assert_int_equal(mock_open_fds(), 0);
	/* absent (and a DRM version of a kernel): the in-tree driver */
	mock_set_module_version(NULL);
	mock_set_drm_version("habanalabs", 6, 8, 0);
	assert_int_equal(hla_device_open_index(0, 0, &U), 0);
	assert_int_equal(describe().driver, HLA_DRIVER_UPSTREAM);
}

/* no uname: the legacy driver's version is unknown, accel still asks DRM */
static void no_kernel_release(void **state)
{
	struct hla_device_desc d;

	(void)state;
	mock_reset();
	mock_set_kernel_release(NULL);
	mock_add_device(mock_iface, HLA_ASIC_GAUDI2, 0, 0, "0000:19:00.0");
	assert_int_equal(hla_device_open_index(0, 0, &U), 0);
	d = describe();
	assert_int_equal(!!(d.valid & HLA_DESC_KERNEL_VERSION), ACCEL);
	assert_int_equal(!!(d.valid & HLA_DESC_DRIVER_VERSION), ACCEL);
	assert_int_equal(d.kernel_version, ACCEL ? KV(6, 8, 0) : 0);
	assert_true(d.valid & HLA_DESC_DRIVER);
}

/* a DRM version that makes no sense is ignored: uname decides */
static void drm_version_negative(void **state)
{
	const struct unit_driver bad = { "6.7.2", { -1, 8, 0 }, NULL };

	(void)state;
	assert_int_equal(open_as(&bad, HLA_ASIC_GAUDI2), 0);
	assert_int_equal(describe().kernel_version, KV(6, 7, 2));
	assert_int_equal(describe().driver_version, KV(6, 7, 2));
}

/* open must fail with want, send nothing but the version query, keep no fd */
static void drm_refused(int want)
{
	struct hla_device *dev = NULL;
	unsigned int i0 = mock_ioctl_count();

	assert_int_equal(hla_device_open_index(0, 0, &dev), want);
	assert_null(dev);
	assert_int_equal(mock_ioctl_count() - i0, ACCEL ? 1 : 0);
	assert_int_equal(mock_open_fds(), 0);
}

/* accel nodes are shared by every accel driver: only "habanalabs" will do */
static void drm_name_checked(void **state)
{
	static const char *const names[] = {
		"habanalabs2", "habanalab", "i915", "", "habanalabs-and-then-some-more-text",
	};

	(void)state;
	mock_reset();
	mock_add_device(mock_iface, HLA_ASIC_GAUDI2, 0, 0, "0000:19:00.0");
	if (!ACCEL) {
		/* legacy nodes are habanalabs' own: nothing is asked */
		mock_set_drm_version("other", 6, 8, 0);
		mock_set_drm_errno(EIO);
		assert_int_equal(hla_device_open_index(0, 0, &U), 0);
		assert_int_equal(mock_drm_version_count(), 0);
		return;
	}
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		mock_set_drm_version(names[i], 6, 8, 0);
		drm_refused(-ENODEV);
	}
	mock_set_drm_version("habanalabs", 6, 8, 0);
	mock_set_drm_errno(ENOTTY);
	drm_refused(-ENODEV);
	mock_set_drm_errno(EINVAL);
	drm_refused(-ENODEV);
	mock_set_drm_errno(EIO);
	drm_refused(-EIO);
	mock_set_drm_errno(0);
	assert_int_equal(hla_device_open_index(0, 0, &U), 0);
}

#define INFO_62 HLA_CAP_INFO_PAGE_FAULT                         /* INFO 33-34 */
#define INFO_64 (INFO_62 | HLA_CAP_INFO_FW_REQ | HLA_CAP_INFO_ERR_EVENTS) /* 35-37 */
#define INFO_66 (INFO_64 | HLA_CAP_INFO_ENGINE_ERR)              /* 38 */
#define UP_66                                                                  \
	(HLA_CAP_ENGINES | HLA_CAP_FLUSH_HBW | HLA_CAP_HW_IP_EXT |             \
	 HLA_CAP_HW_IDLE_EXT | HLA_CAP_TIME_SYNC_TSC)
#define LEGACY_ONLY HLA_CAP_EVENTFD_CONTROL
#define HABANA_ALL                                                             \
	(HLA_CAP_RAZWI_EXT | UP_66 | INFO_66 | HLA_CAP_INFO_DEV_SIGNED |       \
	 HLA_CAP_HABANA_EXT | HLA_CAP_INFO_HABANA | HLA_CAP_DEBUG_HABANA |     \
	 HLA_CAP_FLUSH_HBW_FSE)
#define HABANA_PROBE                                                           \
	(HLA_CAP_INFO_ERR_EVENTS | HLA_CAP_INFO_ENGINE_ERR |                   \
	 HLA_CAP_INFO_DEV_SIGNED | HLA_CAP_INFO_HABANA | HLA_CAP_FLUSH_HBW_FSE)

static const struct unit_driver UP_62 = { "6.2.16", { 6, 2, 16 }, NULL };
static const struct unit_driver UP_63 = { "6.3.13", { 6, 3, 13 }, NULL };
static const struct unit_driver UP_67 = { "6.7.5", { 6, 7, 5 }, NULL };
static const struct unit_driver UP_69 = { "6.12.3", { 6, 12, 3 }, NULL };
static const struct unit_driver HABANA_OLD = { "6.5.0-41-generic", { 1, 12, 1 },
					       "1.12.1-9a1b2c3" };
static const struct unit_driver HABANA_113 = { "5.15.0-91-generic", { 1, 13, 0 },
					       "1.13.0-4d5e6f7" };

/* the capability set and the tentative part of it */
struct capset {
	uint64_t caps;
	uint64_t probe;
};

static struct capset caps_of2(const struct unit_driver *d, uint32_t asic)
{
	struct hla_device_desc e;
	struct capset c;

	assert_int_equal(open_as(d, asic), 0);
	e = describe();
	assert_true(e.valid & HLA_DESC_CAPS);
	assert_true(e.valid & HLA_DESC_CAPS_PROBE);
	c.caps = e.caps;
	c.probe = e.caps_probe;
	/* tentative bits are always part of the set */
	assert_int_equal(c.probe & ~c.caps, 0);
	hla_device_close(U);
	U = NULL;
	return c;
}

static uint64_t caps_of(const struct unit_driver *d, uint32_t asic)
{
	return caps_of2(d, asic).caps;
}

#define EXPECT_CAPS(d, asic, want_caps, want_probe)                            \
	do {                                                                   \
		struct capset c_ = caps_of2(d, asic);                          \
		assert_int_equal(c_.caps, (want_caps));                        \
		assert_int_equal(c_.probe, (want_probe));                      \
	} while (0)

/* the in-tree driver on the legacy interface: 6.1 to 6.5 (uname) */
static void caps_legacy_kernels(void)
{
	uint64_t base = LEGACY_ONLY | HLA_CAP_RAZWI_EXT;

	/* 6.1: export by handle on VM ASICs, by physical address on Gaudi */
	EXPECT_CAPS(&UNIT_UPSTREAM_61, HLA_ASIC_GAUDI2,
		    LEGACY_ONLY | HLA_CAP_DMABUF_HANDLE, 0);
	EXPECT_CAPS(&UNIT_UPSTREAM_61, HLA_ASIC_GOYA, LEGACY_ONLY | HLA_CAP_DMABUF_HANDLE, 0);
	EXPECT_CAPS(&UNIT_UPSTREAM_61, HLA_ASIC_GAUDI, LEGACY_ONLY | HLA_CAP_DMABUF_PHYS, 0);
	/* 6.2: the 280-byte RAZWI record, INFO 33-34 */
	EXPECT_CAPS(&UP_62, HLA_ASIC_GAUDI2, base | HLA_CAP_DMABUF_HANDLE | INFO_62, 0);
	/* 6.3: by device address, offsets ignored (so refused); INFO 35,
	 * and 36-37 perhaps */
	EXPECT_CAPS(&UP_63, HLA_ASIC_GAUDI2, base | HLA_CAP_DMABUF_ADDR | INFO_64,
		    HLA_CAP_INFO_ERR_EVENTS);
	/* 6.4 and 6.5: INFO 36-37 for certain */
	EXPECT_CAPS(&UNIT_UPSTREAM_65, HLA_ASIC_GAUDI2, base | HLA_CAP_DMABUF_ADDR | INFO_64,
		    0);
	EXPECT_CAPS(&UNIT_UPSTREAM_65, HLA_ASIC_GAUDI,
		    base | HLA_CAP_DMABUF_PHYS | HLA_CAP_DMABUF_ADDR | INFO_64, 0);
}

/* the rules of src/driver.c, spelled out per driver (hlaccel(7)) */
static void caps(void **state)
{
	uint64_t legacy = ACCEL ? 0 : LEGACY_ONLY;
	uint64_t since66 = legacy | HLA_CAP_RAZWI_EXT | INFO_66 | UP_66;
	uint64_t signed_ = HLA_CAP_INFO_DEV_SIGNED;

	(void)state;
	if (!ACCEL)
		caps_legacy_kernels();
	/* 6.6: accel nodes, INFO 38; the offset is still ignored */
	EXPECT_CAPS(&UNIT_UPSTREAM_66, HLA_ASIC_GAUDI2, since66 | HLA_CAP_DMABUF_ADDR, 0);
	/* 6.7: the offset is honoured */
	EXPECT_CAPS(&UP_67, HLA_ASIC_GAUDI2,
		    since66 | HLA_CAP_DMABUF_ADDR | HLA_CAP_DMABUF_OFFSET, 0);
	/* 6.8: INFO 40, tentatively */
	EXPECT_CAPS(&UNIT_UPSTREAM_68, HLA_ASIC_GAUDI2,
		    since66 | signed_ | HLA_CAP_DMABUF_ADDR | HLA_CAP_DMABUF_OFFSET, signed_);
	EXPECT_CAPS(&UP_69, HLA_ASIC_GAUDI3,
		    since66 | signed_ | HLA_CAP_DMABUF_ADDR | HLA_CAP_DMABUF_OFFSET, 0);
	/* Gaudi's DRAM has no MMU: physical export, never an offset */
	EXPECT_CAPS(&UNIT_UPSTREAM_68, HLA_ASIC_GAUDI,
		    since66 | signed_ | HLA_CAP_DMABUF_PHYS | HLA_CAP_DMABUF_ADDR, signed_);
	/* Habana's driver on any kernel; the offset honoured from 1.13 */
	EXPECT_CAPS(&UNIT_HABANA, HLA_ASIC_GAUDI2,
		    HABANA_ALL | HLA_CAP_DMABUF_ADDR | HLA_CAP_DMABUF_OFFSET, HABANA_PROBE);
	EXPECT_CAPS(&UNIT_HABANA, HLA_ASIC_GAUDI3,
		    HABANA_ALL | HLA_CAP_DMABUF_ADDR | HLA_CAP_DMABUF_OFFSET, HABANA_PROBE);
	EXPECT_CAPS(&HABANA_113, HLA_ASIC_GAUDI2,
		    HABANA_ALL | HLA_CAP_DMABUF_ADDR | HLA_CAP_DMABUF_OFFSET, HABANA_PROBE);
	EXPECT_CAPS(&HABANA_OLD, HLA_ASIC_GAUDI2, HABANA_ALL | HLA_CAP_DMABUF_ADDR,
		    HABANA_PROBE);
	EXPECT_CAPS(&UNIT_HABANA, HLA_ASIC_GAUDI,
		    HABANA_ALL | HLA_CAP_DMABUF_PHYS | HLA_CAP_DMABUF_ADDR, HABANA_PROBE);
}

/* no version at all: nothing that depends on one is granted */
static void caps_unknown_version(void **state)
{
	const struct unit_driver none = { "weird", { -1, 0, 0 }, NULL };
	uint64_t c;

	(void)state;
	mock_reset();
	c = caps_of(&none, HLA_ASIC_GAUDI2);
	assert_int_equal(c & ~(LEGACY_ONLY | UP_66), 0);
	assert_false(c & (HLA_CAP_DMABUF_ADDR | HLA_CAP_DMABUF_HANDLE | HLA_CAP_RAZWI_EXT));
}

/* Habana's driver is recognised by its module version, or on accel by a
 * DRM version no in-tree driver reports (1.x) */
static void habana_by_drm(void **state)
{
	const struct unit_driver drm_only = { "6.8.0", { 1, 20, 0 }, NULL };
	struct hla_device_desc d;

	(void)state;
	assert_int_equal(open_as(&drm_only, HLA_ASIC_GAUDI2), 0);
	d = describe();
	if (!ACCEL) {
		/* no DRM on legacy nodes: the in-tree driver of uname */
		assert_int_equal(d.driver, HLA_DRIVER_UPSTREAM);
		assert_false(d.valid & HLA_DESC_DRM_VERSION);
		return;
	}
	assert_int_equal(d.driver, HLA_DRIVER_HABANA);
	assert_int_equal(d.driver_version, KV(1, 20, 0));
	assert_int_equal(d.kernel_version, KV(6, 8, 0));
	assert_int_equal(d.drm_version, KV(1, 20, 0));
	assert_string_equal(d.driver_version_str, "1.20.0");
	assert_true(d.caps & HLA_CAP_DMABUF_OFFSET);
}

/*
 * Habana's driver built for a kernel without DRM accel (5.15, a 6.5 distro
 * kernel): its own accel class, attributes in a "device" directory, no
 * driver link, no DRM requests.  Found, opened, and the offset honoured.
 */
static void habana_without_drm(void **state)
{
	struct hla_devlist *l = NULL;
	HLA_STRUCT_INIT(hla_device_desc, e);
	uint32_t n = 0;

	(void)state;
	if (!ACCEL)
		skip(); /* accel nodes only */
	mock_reset();
	mock_set_kernel_release("5.15.0-91-generic");
	mock_set_module_version("1.19.2-abc1234");
	mock_add_device(HLA_INTERFACE_ACCEL, HLA_ASIC_GAUDI2, 0, 0, "0000:19:00.0");
	mock_make_compat_accel(0);
	assert_int_equal(hla_device_count(&n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(hla_devlist_create(0, &l), 0);
	assert_int_equal(hla_devlist_describe(l, 0, &e), 0);
	assert_int_equal(e.driver, HLA_DRIVER_HABANA);
	assert_int_equal(e.asic, HLA_ASIC_GAUDI2); /* from device_type */
	assert_true(e.caps & HLA_CAP_DMABUF_OFFSET);
	hla_devlist_destroy(l);
	assert_int_equal(hla_device_open_index(0, 0, &U), 0);
	e = describe();
	assert_int_equal(e.driver, HLA_DRIVER_HABANA);
	assert_false(e.valid & HLA_DESC_DRM_VERSION);
	assert_true(e.caps & HLA_CAP_DMABUF_OFFSET);
	hla_device_close(U);
	/* the same tree without Habana's module version is nobody's */
	mock_set_module_version(NULL);
	assert_int_equal(hla_device_count(&n), 0);
	assert_int_equal(n, 0);
	U = NULL;
	assert_int_equal(hla_device_open_path(mock_node(0), 0, &U), -ENODEV);
	assert_null(U);
}

/* on accel the driver's own version decides, not uname; legacy nodes have
 * no version ioctl, so there uname does */
static void caps_follow_drm(void **state)
{
	const struct unit_driver new_uname_old_drm = { "6.8.0", { 6, 6, 0 }, NULL };
	const struct unit_driver old_uname_new_drm = { "6.1.0", { 6, 8, 0 }, NULL };

	(void)state;
	assert_int_equal(!!(caps_of(&new_uname_old_drm, HLA_ASIC_GAUDI2) &
			    HLA_CAP_DMABUF_OFFSET), !ACCEL);
	assert_int_equal(!!(caps_of(&old_uname_new_drm, HLA_ASIC_GAUDI2) &
			    HLA_CAP_DMABUF_OFFSET), ACCEL);
}

static void engines_gated(void **state)
{
	uint32_t ids[2] = { 3, 4 };
	bool has = ACCEL; /* the default legacy driver is 6.1 */
	union hlk_cs_args a;

	(void)state;
	assert_int_equal(open_as(ACCEL ? &UNIT_UPSTREAM_66 : &UNIT_UPSTREAM_61,
				 HLA_ASIC_GAUDI2), 0);
	if (!has) {
		/* 6.1 would ignore the type flag and run a plain submission */
		EXPECT_NO_IOCTL(hla_engines_control(U, ids, 2, HLA_ENGINE_STALL),
				-EOPNOTSUPP);
		EXPECT_NO_IOCTL(hla_cs_flush_pci_hbw_writes(U), -EOPNOTSUPP);
		return;
	}
	EXPECT_ONE_IOCTL(hla_engines_control(U, ids, 2, HLA_ENGINE_STALL), 0);
	memcpy(&a, mock_ioctl_last()->in, sizeof(a));
	assert_int_equal(a.in.cs_flags, HLK_CS_FLAGS_ENGINES_COMMAND);
	EXPECT_ONE_IOCTL(hla_cs_flush_pci_hbw_writes(U), 0);
	memcpy(&a, mock_ioctl_last()->in, sizeof(a));
	assert_int_equal(a.in.cs_flags, HLK_CS_FLAGS_FLUSH_PCI_HBW_WRITES);
}

/* Habana's driver has them on any kernel and interface */
static void engines_habana(void **state)
{
	uint32_t ids[1] = { 9 };

	(void)state;
	assert_int_equal(open_as(&UNIT_HABANA, HLA_ASIC_GAUDI2), 0);
	EXPECT_ONE_IOCTL(hla_engines_control(U, ids, 1, HLA_ENGINE_RESUME), 0);
	EXPECT_ONE_IOCTL(hla_cs_flush_pci_hbw_writes(U), 0);
}

/* the FSE flush: Habana's driver, tentatively; -EINVAL (an ordinary
 * submission without chunks, to a build that ignores the flag) settles it */
static void flush_fse(void **state)
{
	union hlk_cs_args a;

	(void)state;
	assert_int_equal(open_as(&UNIT_HABANA, HLA_ASIC_GAUDI3), 0);
	assert_true(describe().caps_probe & HLA_CAP_FLUSH_HBW_FSE);
	EXPECT_ONE_IOCTL(hla_cs_flush_hbw_writes_fse(U), 0);
	EXPECT_REQ(HLK_CMD_CS);
	memcpy(&a, mock_ioctl_last()->in, sizeof(a));
	assert_int_equal(a.in.cs_flags, HLK_CS_FLAGS_FLUSH_HBW_WRITES_FSE);
	assert_int_equal(a.in.num_chunks_execute | a.in.num_chunks_restore, 0);
	assert_int_equal(a.in.chunks_execute | a.in.chunks_restore, 0);
	assert_false(describe().caps_probe & HLA_CAP_FLUSH_HBW_FSE);
	/* confirmed: later answers come back as they are */
	mock_ioctl_push_errno(EINVAL);
	EXPECT_ONE_IOCTL(hla_cs_flush_hbw_writes_fse(U), -EINVAL);
	mock_ioctl_push_errno(EOPNOTSUPP); /* an ASIC without the register */
	EXPECT_ONE_IOCTL(hla_cs_flush_hbw_writes_fse(U), -EOPNOTSUPP);
	assert_true(describe().caps & HLA_CAP_FLUSH_HBW_FSE);
	EXPECT_NO_IOCTL(hla_cs_flush_hbw_writes_fse(NULL), -EINVAL);
	/* a build without it: refused once by the driver, then by the library */
	hla_device_close(U);
	assert_int_equal(open_as(&UNIT_HABANA, HLA_ASIC_GAUDI3), 0);
	mock_ioctl_push_errno(EBUSY); /* proves nothing */
	EXPECT_ONE_IOCTL(hla_cs_flush_hbw_writes_fse(U), -EBUSY);
	mock_ioctl_push_errno(EINVAL);
	EXPECT_ONE_IOCTL(hla_cs_flush_hbw_writes_fse(U), -EOPNOTSUPP);
	EXPECT_NO_IOCTL(hla_cs_flush_hbw_writes_fse(U), -EOPNOTSUPP);
	assert_false(describe().caps & HLA_CAP_FLUSH_HBW_FSE);
	/* the in-tree driver never has it */
	hla_device_close(U);
	assert_int_equal(open_as(&UNIT_UPSTREAM_68, HLA_ASIC_GAUDI2), 0);
	assert_false(describe().caps & HLA_CAP_FLUSH_HBW_FSE);
	EXPECT_NO_IOCTL(hla_cs_flush_hbw_writes_fse(U), -EOPNOTSUPP);
}

static int export_at(uint64_t offset, uint32_t flags)
{
	HLA_STRUCT_INIT(hla_dmabuf_export, e);
	union hlk_mem_args o;
	int fd = -1, ret;

	memset(&o, 0, sizeof(o));
	o.out.fd = 77;
	mock_ioctl_push_out(&o, sizeof(o));
	e.flags = flags;
	e.addr = 0x1001000040000000ull;
	e.handle = 5;
	e.offset = offset;
	e.size = 1 << 20;
	ret = hla_mem_export_dmabuf(U, &e, &fd);
	if (!mock_ioctl_drop_pushes() && !ret)
		assert_int_equal(fd, 77);
	return ret;
}

/* export with an offset where the driver honours none: refused, no ioctl */
static void export_offset(const struct unit_driver *d, uint32_t asic, bool has)
{
	assert_int_equal(open_as(d, asic), 0);
	EXPECT_ONE_IOCTL(export_at(0, 0), 0);
	if (has) {
		EXPECT_ONE_IOCTL(export_at(4096, 0), 0);
		assert_int_equal(kget(mock_ioctl_last()->in, 16, 8), 4096);
	} else {
		EXPECT_NO_IOCTL(export_at(4096, 0), -EOPNOTSUPP);
	}
	/* from 6.3 on the first word is a device address: no handles */
	EXPECT_NO_IOCTL(export_at(0, HLA_DMABUF_BY_HANDLE), -EOPNOTSUPP);
	hla_device_close(U);
	U = NULL;
}

static void export_gated(void **state)
{
	const struct unit_driver habana_new_kernel = { "6.8.0", { 1, 20, 0 }, "1.20.0" };

	(void)state;
	if (ACCEL)
		export_offset(&UNIT_UPSTREAM_66, HLA_ASIC_GAUDI2, false); /* by DRM */
	else
		export_offset(&UNIT_UPSTREAM_65, HLA_ASIC_GAUDI2, false); /* by uname */
	export_offset(&UP_67, HLA_ASIC_GAUDI2, true);
	export_offset(&UNIT_UPSTREAM_68, HLA_ASIC_GAUDI2, true);
	export_offset(&UNIT_HABANA, HLA_ASIC_GAUDI2, true);
	export_offset(&HABANA_113, HLA_ASIC_GAUDI3, true);
	export_offset(&habana_new_kernel, HLA_ASIC_GAUDI2, true);
	/* Habana's releases before the offset fix ignore it as 6.6 does */
	export_offset(&HABANA_OLD, HLA_ASIC_GAUDI2, false);
	/* Gaudi: physical addresses, never an offset */
	export_offset(&UNIT_UPSTREAM_68, HLA_ASIC_GAUDI, false);
	export_offset(&UNIT_HABANA, HLA_ASIC_GAUDI, false);
	if (ACCEL)
		return;
	export_offset(&UNIT_UPSTREAM_61, HLA_ASIC_GAUDI, false);
}

/* export by allocation handle: one request, the handle in the first word,
 * the size read back from the dma-buf */
static int export_handle_call(uint64_t handle, uint32_t flags, int *fd, uint64_t *size)
{
	union hlk_mem_args o;

	memset(&o, 0, sizeof(o));
	o.out.fd = 78;
	mock_ioctl_push_out(&o, sizeof(o));
	return hla_mem_export_dmabuf_handle(U, handle, flags, fd, size);
}

static void export_by_handle(void **state)
{
	HLA_STRUCT_INIT(hla_dmabuf_export, e);
	union hlk_mem_args a;
	uint64_t size = 0;
	int fd = -1;

	(void)state;
	if (ACCEL) {
		/* every accel driver takes addresses: no ioctl, no answer used */
		assert_int_equal(open_as(&UNIT_UPSTREAM_68, HLA_ASIC_GAUDI2), 0);
		EXPECT_NO_IOCTL(hla_mem_export_dmabuf_handle(U, 5, 0, &fd, &size),
				-EOPNOTSUPP);
		return;
	}
	assert_int_equal(open_as(&UNIT_UPSTREAM_61, HLA_ASIC_GAUDI2), 0);
	mock_set_lseek_end(8 << 20);
	EXPECT_ONE_IOCTL(export_handle_call(5, HLA_DMABUF_RDONLY, &fd, &size), 0);
	assert_int_equal(fd, 78);
	assert_int_equal(size, 8 << 20);
	memcpy(&a, mock_ioctl_last()->in, sizeof(a));
	assert_int_equal(a.in.op, HLK_MEM_OP_EXPORT_DMABUF_FD);
	assert_int_equal(a.in.export_dmabuf_fd.addr, 5);
	assert_int_equal(a.in.flags, O_RDONLY | O_CLOEXEC);
	/* size is optional */
	EXPECT_ONE_IOCTL(export_handle_call(6, HLA_DMABUF_INHERIT, &fd, NULL), 0);
	memcpy(&a, mock_ioctl_last()->in, sizeof(a));
	assert_int_equal(a.in.flags, O_RDWR);
	/* a kernel whose stable update removed the form says so itself */
	mock_ioctl_push_errno(EOPNOTSUPP);
	EXPECT_ONE_IOCTL(hla_mem_export_dmabuf_handle(U, 5, 0, &fd, &size), -EOPNOTSUPP);
	/* the driver cannot see the upper half of a handle */
	EXPECT_NO_IOCTL(hla_mem_export_dmabuf_handle(U, 1ull << 32, 0, &fd, NULL), -EINVAL);
	EXPECT_NO_IOCTL(hla_mem_export_dmabuf_handle(U, 5, HLA_DMABUF_BY_HANDLE, &fd, NULL),
			-EINVAL);
	EXPECT_NO_IOCTL(hla_mem_export_dmabuf_handle(U, 5, HLA_DMABUF_RDONLY |
						      HLA_DMABUF_WRONLY, &fd, NULL), -EINVAL);
	EXPECT_NO_IOCTL(hla_mem_export_dmabuf_handle(U, 5, 0, NULL, NULL), -EINVAL);
	EXPECT_NO_IOCTL(hla_mem_export_dmabuf_handle(NULL, 5, 0, &fd, NULL), -EINVAL);
	/* a dma-buf whose size cannot be read is not handed out */
	mock_set_lseek_end(-EIO);
	EXPECT_ONE_IOCTL(export_handle_call(5, 0, &fd, &size), -EIO);
	assert_int_equal(mock_last_closed_fd(), 78);
	/* the struct form: the size must be the allocation's, no offset */
	mock_set_lseek_end(1 << 20);
	EXPECT_ONE_IOCTL(export_at(0, HLA_DMABUF_BY_HANDLE), 0);
	assert_int_equal(kget(mock_ioctl_last()->in, 0, 8), 5);
	mock_set_lseek_end(2 << 20);
	EXPECT_ONE_IOCTL(export_at(0, HLA_DMABUF_BY_HANDLE), -EINVAL);
	assert_int_equal(mock_last_closed_fd(), 77);
	EXPECT_NO_IOCTL(export_at(4096, HLA_DMABUF_BY_HANDLE), -EOPNOTSUPP);
	/* before 6.3 the address form would be read as a handle: refused */
	EXPECT_NO_IOCTL(export_at(0, 0), -EOPNOTSUPP);
	(void)e;
	/* Gaudi exports by physical address only */
	hla_device_close(U);
	assert_int_equal(open_as(&UNIT_UPSTREAM_61, HLA_ASIC_GAUDI), 0);
	EXPECT_NO_IOCTL(hla_mem_export_dmabuf_handle(U, 5, 0, &fd, NULL), -EOPNOTSUPP);
}

/* ---- INFO requests newer than 6.1 ---- */

/* a driver without the request: refused before the kernel sees it */
static void info_gated(void **state)
{
	HLA_STRUCT_INIT(hla_page_fault_event, pf);
	HLA_STRUCT_INIT(hla_hw_err_event, hw);
	HLA_STRUCT_INIT(hla_engine_err_event, en);
	struct hla_user_mapping m[2];
	uint32_t n;
	char buf[64];

	(void)state;
	if (ACCEL)
		skip(); /* every accel driver has 33-38 */
	assert_int_equal(open_as(&UNIT_UPSTREAM_61, HLA_ASIC_GAUDI2), 0);
	EXPECT_NO_IOCTL(hla_info_page_fault_event(U, &pf), -EOPNOTSUPP);
	EXPECT_NO_IOCTL(hla_info_user_mappings(U, m, 2, &n), -EOPNOTSUPP);
	EXPECT_NO_IOCTL(hla_info_fw_generic_req(U, 0, buf, sizeof(buf)), -EOPNOTSUPP);
	EXPECT_NO_IOCTL(hla_info_hw_err_event(U, &hw), -EOPNOTSUPP);
	/* 6.5 has INFO 33-37 but not 38 */
	hla_device_close(U);
	assert_int_equal(open_as(&UNIT_UPSTREAM_65, HLA_ASIC_GAUDI2), 0);
	EXPECT_NO_IOCTL(hla_info_engine_err_event(U, &en), -EOPNOTSUPP);
	EXPECT_ONE_IOCTL(hla_info_hw_err_event(U, &hw), -ENODATA);
	/* argument errors still come first */
	EXPECT_NO_IOCTL(hla_info_page_fault_event(U, NULL), -EINVAL);
}

/*
 * A request the driver may or may not have: the first -EINVAL (its answer
 * to an unknown request) withdraws it for good, as -EOPNOTSUPP; a success
 * confirms it, after which -EINVAL is the driver's word again.
 */
static void info_probed(void **state)
{
	struct hla_dev_signed *sg = calloc(1, sizeof(*sg));
	HLA_STRUCT_INIT(hla_fw_err_event, fw);
	struct hla_device_desc d;

	(void)state;
	assert_non_null(sg);
	sg->sz = sizeof(*sg);
	assert_int_equal(open_as(&UNIT_UPSTREAM_68, HLA_ASIC_GAUDI2), 0);
	assert_true(describe().caps_probe & HLA_CAP_INFO_DEV_SIGNED);
	/* a device in reset proves nothing */
	mock_ioctl_push_errno(EBUSY);
	EXPECT_ONE_IOCTL(hla_info_dev_signed(U, 1, sg), -EBUSY);
	assert_true(describe().caps_probe & HLA_CAP_INFO_DEV_SIGNED);
	mock_ioctl_push_errno(EINVAL);
	EXPECT_ONE_IOCTL(hla_info_dev_signed(U, 1, sg), -EOPNOTSUPP);
	EXPECT_NO_IOCTL(hla_info_dev_signed(U, 1, sg), -EOPNOTSUPP);
	d = describe();
	assert_false(d.caps & HLA_CAP_INFO_DEV_SIGNED);
	assert_false(d.caps_probe & HLA_CAP_INFO_DEV_SIGNED);
	hla_device_close(U);
	/* confirmed by an answer */
	assert_int_equal(open_as(&UNIT_HABANA, HLA_ASIC_GAUDI2), 0);
	EXPECT_ONE_IOCTL(hla_info_fw_err_event(U, &fw), -ENODATA);
	d = describe();
	assert_true(d.caps & HLA_CAP_INFO_ERR_EVENTS);
	assert_false(d.caps_probe & HLA_CAP_INFO_ERR_EVENTS);
	mock_ioctl_push_errno(EINVAL);
	EXPECT_ONE_IOCTL(hla_info_fw_err_event(U, &fw), -EINVAL);
	assert_true(describe().caps & HLA_CAP_INFO_ERR_EVENTS);
	free(sg);
}

/* Gaudi3 and the Gaudi2 variants from PCI id and revision (Habana's
 * driver), and from the device_type text of each */
static void asic_names(void **state)
{
	static const struct {
		const char *type;
		uint32_t asic;
	} types[] = {
		{ "GAUDI2 HL-288", HLA_ASIC_GAUDI2 }, { "GAUDI2D HL-288", HLA_ASIC_GAUDI2D },
		{ "GAUDI2E HL-288", HLA_ASIC_GAUDI2E }, { "GAUDI2E", HLA_ASIC_GAUDI2E },
		{ "GAUDI3", HLA_ASIC_GAUDI3 }, { "GAUDI3D", HLA_ASIC_GAUDI3D },
		{ "GAUDI3E", HLA_ASIC_GAUDI3E }, { "GAUDI3 HL-338", HLA_ASIC_GAUDI3 },
		{ "GAUDI3D HL-338", HLA_ASIC_GAUDI3D }, { "GAUDI3E HL-338", HLA_ASIC_GAUDI3E },
		{ "GAUDI HL2000M", HLA_ASIC_GAUDI }, { "GAUDI4", HLA_ASIC_UNKNOWN },
	};
	static const struct {
		const char *id, *rev;
		uint32_t asic;
	} pci[] = {
		{ "0x1021", "0x01", HLA_ASIC_GAUDI2 }, { "0x1021", "0x04", HLA_ASIC_GAUDI2D },
		{ "0x1021", "0x05", HLA_ASIC_GAUDI2E }, { "0x1020", "0x05", HLA_ASIC_GAUDI2E },
		{ "0x1060", "0x01", HLA_ASIC_GAUDI3 }, { "0x1060", "0x04", HLA_ASIC_GAUDI3D },
		{ "0x1063", "0x05", HLA_ASIC_GAUDI3E }, { "0x1063", "0x01", HLA_ASIC_GAUDI3 },
	};
	struct hla_devlist *l;
	HLA_STRUCT_INIT(hla_device_desc, e);

	(void)state;
	for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++) {
		mock_reset();
		mock_add_device(mock_iface, HLA_ASIC_GAUDI2, 0, 0, "0000:19:00.0");
		mock_set_pci_attr(mock_iface, 0, "device", "0x7777");
		mock_set_attr(mock_iface, 0, "device_type", types[i].type);
		assert_int_equal(hla_devlist_create(0, &l), 0);
		assert_int_equal(hla_devlist_describe(l, 0, &e), 0);
		assert_int_equal(e.asic, types[i].asic);
		hla_devlist_destroy(l);
	}
	for (size_t i = 0; i < sizeof(pci) / sizeof(pci[0]); i++) {
		mock_reset();
		mock_add_device(mock_iface, HLA_ASIC_GAUDI2, 0, 0, "0000:19:00.0");
		mock_set_pci_attr(mock_iface, 0, "device", pci[i].id);
		mock_set_pci_attr(mock_iface, 0, "revision", pci[i].rev);
		assert_int_equal(hla_devlist_create(0, &l), 0);
		assert_int_equal(hla_devlist_describe(l, 0, &e), 0);
		assert_int_equal(e.asic, pci[i].asic);
		hla_devlist_destroy(l);
	}
}

/* ---- Habana's own requests ---- */

static int answer_die(int fd, unsigned long req, void *arg, void *priv)
{
	struct hlk_info_args *a = arg;
	struct hlk_info_time_sync_per_die k;

	(void)fd;
	(void)req;
	(void)priv;
	if (a->op != HLK_INFO_TIME_SYNC_PER_DIE || a->return_size != sizeof(k))
		return EINVAL;
	memcpy(&k, (void *)(uintptr_t)a->return_pointer, sizeof(k));
	if (k.die_index > 1)
		return EINVAL; /* a two-die device */
	k.device_time = 1000 + k.die_index;
	k.host_time = 2000;
	k.tsc_time = 3000;
	memcpy((void *)(uintptr_t)a->return_pointer, &k, sizeof(k));
	return 0;
}

static void habana_time_sync_die(void **state)
{
	HLA_STRUCT_INIT(hla_time_sync, ts);
	struct {
		uint32_t sz, reserved0;
		uint64_t valid, device_time;
	} older = { 24, 0, 0, 0 };

	(void)state;
	assert_int_equal(open_as(&UNIT_HABANA, HLA_ASIC_GAUDI3), 0);
	mock_ioctl_push(answer_die, NULL);
	EXPECT_ONE_IOCTL(hla_info_time_sync_die(U, 1, &ts), 0);
	assert_int_equal(ts.device_time, 1001);
	assert_int_equal(ts.host_time, 2000);
	assert_int_equal(ts.tsc_time, 3000);
	assert_int_equal(ts.valid, HLA_TIME_SYNC_DEVICE_TIME | HLA_TIME_SYNC_HOST_TIME |
					   HLA_TIME_SYNC_TSC_TIME);
	/* a die the device lacks is the driver's -EINVAL, not a missing request */
	mock_ioctl_push(answer_die, NULL);
	EXPECT_ONE_IOCTL(hla_info_time_sync_die(U, 5, &ts), -EINVAL);
	assert_true(describe().caps & HLA_CAP_INFO_HABANA);
	/* an older caller's struct gets what fits */
	mock_ioctl_push(answer_die, NULL);
	EXPECT_ONE_IOCTL(hla_info_time_sync_die(U, 0, (void *)&older), 0);
	assert_int_equal(older.device_time, 1000);
	assert_int_equal(older.valid, HLA_TIME_SYNC_DEVICE_TIME);
	EXPECT_NO_IOCTL(hla_info_time_sync_die(U, 0, NULL), -EINVAL);
	EXPECT_NO_IOCTL(hla_info_time_sync_die(NULL, 0, &ts), -EINVAL);
	/* the driver's own words for the request */
	EXPECT_ONE_IOCTL(hla_info_report_memory(U, 1 << 30, 1700000000), 0);
	{
		struct hlk_info_args a;

		memcpy(&a, mock_ioctl_last()->in, sizeof(a));
		assert_int_equal(a.op, HLK_INFO_MEMORY_CONSUMPTION);
		assert_int_equal(a.return_size, 16);
	}
	mock_ioctl_push_errno(EINVAL); /* more than the device handed out */
	EXPECT_ONE_IOCTL(hla_info_report_memory(U, 1ull << 40, 0), -EINVAL);
	assert_true(describe().caps & HLA_CAP_INFO_HABANA);
	EXPECT_NO_IOCTL(hla_info_report_memory(NULL, 0, 0), -EINVAL);
	/* once answered, -EINVAL at die 0 is the driver's word again */
	mock_ioctl_push_errno(EINVAL);
	EXPECT_ONE_IOCTL(hla_info_time_sync_die(U, 0, &ts), -EINVAL);
	/* a release without the request: die 0 settles it for both calls */
	hla_device_close(U);
	assert_int_equal(open_as(&UNIT_HABANA, HLA_ASIC_GAUDI3), 0);
	mock_ioctl_push_errno(EINVAL);
	EXPECT_ONE_IOCTL(hla_info_time_sync_die(U, 0, &ts), -EOPNOTSUPP);
	EXPECT_NO_IOCTL(hla_info_time_sync_die(U, 1, &ts), -EOPNOTSUPP);
	EXPECT_NO_IOCTL(hla_info_report_memory(U, 0, 0), -EOPNOTSUPP);
	assert_false(describe().caps & HLA_CAP_INFO_HABANA);
	/* the in-tree driver has neither */
	hla_device_close(U);
	assert_int_equal(open_as(&UNIT_UPSTREAM_68, HLA_ASIC_GAUDI2), 0);
	EXPECT_NO_IOCTL(hla_info_time_sync_die(U, 0, &ts), -EOPNOTSUPP);
	EXPECT_NO_IOCTL(hla_info_report_memory(U, 0, 0), -EOPNOTSUPP);
}

/* INFO 19: straight into the caller's struct, the port in the word */
static void habana_link_state(void **state)
{
	HLA_STRUCT_INIT(hla_link_state, ls);
	const uint8_t k[8] = { 1, 1, HLA_LINK_QUAL_GOOD, 9, 9, 9, 9, 9 };
	struct hlk_info_args a;

	(void)state;
	assert_int_equal(open_as(&UNIT_HABANA, HLA_ASIC_GAUDI2), 0);
	mock_ioctl_push_info(k, sizeof(k));
	EXPECT_ONE_IOCTL(hla_info_link_state(U, 17, &ls), 0);
	memcpy(&a, mock_ioctl_last()->in, sizeof(a));
	assert_int_equal(a.op, HLK_INFO_HABANA_LINK_STATE);
	assert_int_equal(a.dcore_id, 17);
	assert_int_equal(a.return_size, 8);
	assert_int_equal(a.return_pointer, (uint64_t)(uintptr_t)&ls + 16);
	assert_int_equal(ls.up, 1);
	assert_int_equal(ls.port_open, 1);
	assert_int_equal(ls.quality, HLA_LINK_QUAL_GOOD);
	assert_true(ls.reserved1[0] == 0 && ls.reserved1[4] == 0);
	assert_int_equal(ls.valid, HLA_LINK_STATE_UP | HLA_LINK_STATE_PORT_OPEN |
					   HLA_LINK_STATE_QUALITY);
	/* a port the device lacks: the driver's -EINVAL, the bit stays */
	mock_ioctl_push_errno(EINVAL);
	EXPECT_ONE_IOCTL(hla_info_link_state(U, 99, &ls), -EINVAL);
	assert_int_equal(ls.valid, 0);
	assert_true(describe().caps & HLA_CAP_INFO_HABANA);
	ls.sz = 8;
	EXPECT_NO_IOCTL(hla_info_link_state(U, 0, &ls), -EINVAL);
	EXPECT_NO_IOCTL(hla_info_link_state(U, 0, NULL), -EINVAL);
	hla_device_close(U);
	assert_int_equal(open_as(&UNIT_UPSTREAM_68, HLA_ASIC_GAUDI2), 0);
	ls.sz = sizeof(ls);
	EXPECT_NO_IOCTL(hla_info_link_state(U, 0, &ls), -EOPNOTSUPP);
}

/* INFO 20: the driver reads the arrays' addresses from the block and
 * writes the count back into it */
static int answer_counters(int fd, unsigned long req, void *arg, void *priv)
{
	struct hlk_info_args *a = arg;
	struct hlk_info_habana_link_counters k;
	uint32_t n = *(uint32_t *)priv;

	(void)fd;
	(void)req;
	if (a->op != HLK_INFO_HABANA_LINK_COUNTERS || a->return_size != sizeof(k))
		return EINVAL;
	memcpy(&k, (void *)(uintptr_t)a->return_pointer, sizeof(k));
	if (a->dcore_id > 23)
		return EINVAL; /* no such port */
	for (uint32_t i = 0; i < n && i < 3; i++) {
		snprintf((char *)(uintptr_t)k.str_buf_ptr + 32 * i, 32, "counter_%u", i);
		((uint64_t *)(uintptr_t)k.val_buf_ptr)[i] = 100 + i + a->dcore_id;
	}
	k.num_of_stat = n;
	memcpy((void *)(uintptr_t)a->return_pointer, &k, sizeof(k));
	return 0;
}

static void habana_link_counters(void **state)
{
	static char names[HLA_LINK_COUNTERS_MAX][HLA_LINK_COUNTER_NAME_LEN];
	static uint64_t values[HLA_LINK_COUNTERS_MAX];
	uint32_t n = 3, count = 99;

	(void)state;
	assert_int_equal(open_as(&UNIT_HABANA, HLA_ASIC_GAUDI2), 0);
	mock_ioctl_push(answer_counters, &n);
	EXPECT_ONE_IOCTL(hla_info_link_counters(U, 5, names, values, &count), 0);
	assert_int_equal(count, 3);
	assert_string_equal(names[2], "counter_2");
	assert_int_equal(values[0], 105);
	assert_int_equal(values[2], 107);
	/* a count past the arrays is never reported */
	n = 1000;
	mock_ioctl_push(answer_counters, &n);
	EXPECT_ONE_IOCTL(hla_info_link_counters(U, 0, names, values, &count), 0);
	assert_int_equal(count, HLA_LINK_COUNTERS_MAX);
	/* a port the device lacks: the driver's -EINVAL, the bit stays */
	mock_ioctl_push(answer_counters, &n);
	EXPECT_ONE_IOCTL(hla_info_link_counters(U, 40, names, values, &count), -EINVAL);
	assert_int_equal(count, 0);
	assert_true(describe().caps & HLA_CAP_INFO_HABANA);
	count = 5;
	EXPECT_NO_IOCTL(hla_info_link_counters(U, 0, NULL, values, &count), -EINVAL);
	assert_int_equal(count, 0);
	EXPECT_NO_IOCTL(hla_info_link_counters(U, 0, names, NULL, &count), -EINVAL);
	EXPECT_NO_IOCTL(hla_info_link_counters(U, 0, names, values, NULL), -EINVAL);
	EXPECT_NO_IOCTL(hla_info_link_counters(NULL, 0, names, values, &count), -EINVAL);
	hla_device_close(U);
	assert_int_equal(open_as(&UNIT_UPSTREAM_68, HLA_ASIC_GAUDI2), 0);
	EXPECT_NO_IOCTL(hla_info_link_counters(U, 0, names, values, &count), -EOPNOTSUPP);
}

/* INFO 42 and 255: Habana's, straight into the caller's memory */
static void habana_accel_and_params(void **state)
{
	HLA_STRUCT_INIT(hla_module_params, mp);
	struct hlk_info_module_params k;
	const uint64_t one = 1;
	struct hlk_info_args a;
	uint32_t on = 7;
	struct {
		uint32_t sz, reserved0;
		uint64_t valid, tpc_mask;
		uint32_t gaudi_huge_page_optimization;
	} older = { 28, 0, 0, 0, 0 };

	(void)state;
	assert_int_equal(open_as(&UNIT_HABANA, HLA_ASIC_GAUDI2), 0);
	mock_ioctl_push_info(&one, sizeof(one));
	EXPECT_ONE_IOCTL(hla_info_drm_accel_enabled(U, &on), 0);
	assert_int_equal(on, 1);
	memcpy(&a, mock_ioctl_last()->in, sizeof(a));
	assert_int_equal(a.op, HLK_INFO_CONFIG_DRM_ACCEL_ENABLED);
	assert_int_equal(a.return_size, 8);
	/* answering confirms the Habana requests */
	assert_false(describe().caps_probe & HLA_CAP_INFO_HABANA);
	memset(&k, 0, sizeof(k));
	k.tpc_mask = 0xffffff;
	k.timeout_locked = 30;
	k.nic_lanes_per_port = 2;
	k.pad = 0xee;
	mock_ioctl_push_info(&k, sizeof(k));
	EXPECT_ONE_IOCTL(hla_info_module_params(U, &mp), 0);
	memcpy(&a, mock_ioctl_last()->in, sizeof(a));
	assert_int_equal(a.op, HLK_INFO_MODULE_PARAMS);
	assert_int_equal(a.return_size, 128);
	assert_int_equal(a.return_pointer, (uint64_t)(uintptr_t)&mp + 16);
	assert_int_equal(mp.tpc_mask, 0xffffff);
	assert_int_equal(mp.timeout_locked, 30);
	assert_int_equal(mp.nic_lanes_per_port, 2);
	assert_int_equal(mp.reserved1, 0);
	assert_int_equal(mp.valid, HLA_MODULE_PARAMS_ALL);
	/* an older caller's struct: what fits, and its bits only */
	mock_ioctl_push_info(&k, sizeof(k));
	EXPECT_ONE_IOCTL(hla_info_module_params(U, (void *)&older), 0);
	assert_int_equal(older.tpc_mask, 0xffffff);
	assert_int_equal(older.valid, HLA_MODULE_PARAMS_TPC_MASK |
					      HLA_MODULE_PARAMS_GAUDI_HUGE_PAGE_OPTIMIZATION);
	/* confirmed: -EINVAL is the driver's word again */
	mock_ioctl_push_errno(EINVAL);
	EXPECT_ONE_IOCTL(hla_info_module_params(U, &mp), -EINVAL);
	assert_int_equal(mp.valid, 0);
	EXPECT_NO_IOCTL(hla_info_module_params(U, NULL), -EINVAL);
	EXPECT_NO_IOCTL(hla_info_module_params(NULL, &mp), -EINVAL);
	EXPECT_NO_IOCTL(hla_info_drm_accel_enabled(U, NULL), -EINVAL);
	on = 7;
	EXPECT_NO_IOCTL(hla_info_drm_accel_enabled(NULL, &on), -EINVAL);
	assert_int_equal(on, 0);
	/* a release without them: the first -EINVAL withdraws the bit */
	hla_device_close(U);
	assert_int_equal(open_as(&UNIT_HABANA, HLA_ASIC_GAUDI2), 0);
	mock_ioctl_push_errno(EINVAL);
	EXPECT_ONE_IOCTL(hla_info_drm_accel_enabled(U, &on), -EOPNOTSUPP);
	assert_int_equal(on, 0);
	EXPECT_NO_IOCTL(hla_info_module_params(U, &mp), -EOPNOTSUPP);
	assert_false(describe().caps & HLA_CAP_INFO_HABANA);
	hla_device_close(U);
	assert_int_equal(open_as(&UNIT_HABANA, HLA_ASIC_GAUDI2), 0);
	mock_ioctl_push_errno(EINVAL);
	EXPECT_ONE_IOCTL(hla_info_module_params(U, &mp), -EOPNOTSUPP);
	assert_int_equal(mp.valid, 0);
	/* the in-tree driver has neither */
	hla_device_close(U);
	assert_int_equal(open_as(&UNIT_UPSTREAM_68, HLA_ASIC_GAUDI2), 0);
	EXPECT_NO_IOCTL(hla_info_drm_accel_enabled(U, &on), -EOPNOTSUPP);
	EXPECT_NO_IOCTL(hla_info_module_params(U, &mp), -EOPNOTSUPP);
}

/* open a Gaudi2 whose HW_IP reply has odp_supported set (or not) */
static void open_odp(const struct unit_driver *d, bool odp)
{
	struct hlk_info_hw_ip_info hw;

	mock_reset();
	mock_set_kernel_release(d->release);
	mock_set_drm_version(HLK_DRM_DRIVER_NAME, d->drm[0], d->drm[1], d->drm[2]);
	mock_set_module_version(d->module_version);
	memset(&hw, 0, sizeof(hw));
	hw.device_id = HLK_PCI_ID_GAUDI2;
	hw.revision_id = 1;
	hw.num_of_events = 16;
	hw.reserved7 = odp;
	mock_set_hw_ip_default(&hw, sizeof(hw));
	mock_add_device(mock_iface, HLA_ASIC_GAUDI2, 0, 0, "0000:19:00.0");
	assert_int_equal(hla_device_open_index(0, 0, &U), 0);
}

/* on-demand paging of host memory: where Habana's driver reports it */
static void map_host_odp(void **state)
{
	static char buf[8192];
	union hlk_mem_args a;
	uint64_t va;

	(void)state;
	open_odp(&UNIT_HABANA, true);
	assert_true(describe().caps & HLA_CAP_MEM_ODP);
	EXPECT_ONE_IOCTL(hla_mem_map_host(U, buf, sizeof(buf), 0, HLA_MEM_ODP, &va), 0);
	memcpy(&a, mock_ioctl_last()->in, sizeof(a));
	assert_int_equal(a.in.flags, HLK_MEM_ODP | HLK_MEM_USERPTR);
	hla_device_close(U);
	/* a device that does not report it, and the in-tree driver, whose
	 * byte there is reserved: refused, the driver would pin instead */
	open_odp(&UNIT_HABANA, false);
	EXPECT_NO_IOCTL(hla_mem_map_host(U, buf, sizeof(buf), 0, HLA_MEM_ODP, &va),
			-EOPNOTSUPP);
	hla_device_close(U);
	open_odp(&UNIT_UPSTREAM_68, true);
	assert_false(describe().caps & HLA_CAP_MEM_ODP);
	EXPECT_NO_IOCTL(hla_mem_map_host(U, buf, sizeof(buf), 0, HLA_MEM_ODP, &va),
			-EOPNOTSUPP);
	EXPECT_NO_IOCTL(hla_mem_map_host(U, buf, sizeof(buf), 0, 0x10, &va), -EINVAL);
}

/* ---- the tentative bits are settled atomically ---- */

struct settle {
	struct hla_device *dev;
	uint64_t bit;
	unsigned int wrong; /* answers other than expected (cmocka asserts
			     * belong to the main thread) */
};

static void *settle_thread(void *arg)
{
	struct settle *t = arg;

	for (int i = 0; i < 2000; i++) {
		/* every thread withdraws its own bit while the others read
		 * and withdraw theirs: no update may be lost */
		int want = i ? -EINVAL : -EOPNOTSUPP;

		if (hla__cap_result(t->dev, t->bit, -EINVAL) != want)
			t->wrong++;
		if (hla__caps(t->dev) & t->bit)
			t->wrong++;
	}
	return NULL;
}

static void probe_threads(void **state)
{
	static const uint64_t bits[] = { HLA_CAP_INFO_ERR_EVENTS, HLA_CAP_INFO_ENGINE_ERR,
					 HLA_CAP_INFO_DEV_SIGNED, HLA_CAP_INFO_HABANA };
	struct settle t[4];
	pthread_t th[4];
	struct hla_device_desc d;
	uint64_t before;

	(void)state;
	assert_int_equal(open_as(&UNIT_HABANA, HLA_ASIC_GAUDI2), 0);
	before = describe().caps;
	for (int i = 0; i < 4; i++) {
		t[i].dev = U;
		t[i].bit = bits[i];
		t[i].wrong = 0;
		assert_int_equal(pthread_create(&th[i], NULL, settle_thread, &t[i]), 0);
	}
	for (int i = 0; i < 4; i++) {
		assert_int_equal(pthread_join(th[i], NULL), 0);
		assert_int_equal(t[i].wrong, 0);
	}
	d = describe();
	assert_int_equal(d.caps, before & ~(HABANA_PROBE & ~HLA_CAP_FLUSH_HBW_FSE));
	assert_int_equal(d.caps_probe, HLA_CAP_FLUSH_HBW_FSE);
}

/* ---- valid bits that depend on the driver ---- */

/* every HW_IP field of the kernel's 304-byte reply, and those it adds to
 * the 256-byte reply of 6.1, and those only Habana's driver fills */
#define HW_IP_ALL (HLA_BIT(37) - 1)
#define HW_IP_SINCE_66                                                        \
	(HLA_HW_IP_REVISION_ID | HLA_HW_IP_TPC_INTERRUPT_ID |                 \
	 HLA_HW_IP_ROTATOR_ENABLED_MASK | HLA_HW_IP_ENGINE_CORE_INTERRUPT_REG_ADDR | \
	 HLA_HW_IP_RESERVED_DRAM_SIZE)
#define HW_IP_HABANA                                                          \
	(HLA_HW_IP_NIC_PORTS_MASK | HLA_HW_IP_NIC_PORTS_EXTERNAL_MASK |       \
	 HLA_HW_IP_PDMA_USER_OWNED_CH_MASK | HLA_HW_IP_MME_ENABLED_MASK |     \
	 HLA_HW_IP_SCHED_ARC_ENABLED_MASK | HLA_HW_IP_ODP_SUPPORTED |         \
	 HLA_HW_IP_INTERPOSER_VERSION | HLA_HW_IP_SUBSTRATE_VERSION)

static uint8_t K[sizeof(struct hlk_info_hw_ip_info)];

static void hw_ip_valid(const struct unit_driver *d, size_t reply, uint64_t want)
{
	HLA_STRUCT_INIT(hla_hw_ip_info, o);
	typedef struct hlk_info_hw_ip_info T;

	assert_int_equal(open_as(d, HLA_ASIC_GAUDI2), 0);
	pattern(K, sizeof(K));
	mock_ioctl_push_info(K, reply);
	assert_int_equal(hla_info_hw_ip(U, &o), 0);
	assert_int_equal(o.valid, want);
	if (want & HLA_HW_IP_REVISION_ID)
		EXPECT_FIELD(o.revision_id, K, T, revision_id);
	if (want & HW_IP_HABANA) {
		/* Habana's driver names words that are reserved upstream */
		EXPECT_FIELD(o.nic_ports_mask, K, T, reserved4);
		EXPECT_FIELD(o.nic_ports_external_mask, K, T, reserved5);
		EXPECT_FIELD(o.pdma_user_owned_ch_mask, K, T, reserved3);
		EXPECT_FIELD(o.mme_enabled_mask, K, T, reserved6);
		EXPECT_FIELD(o.sched_arc_enabled_mask, K, T, reserved9);
		EXPECT_FIELD(o.odp_supported, K, T, reserved7);
		EXPECT_FIELD(o.interposer_version, K, T, reserved1);
		EXPECT_FIELD(o.substrate_version, K, T, reserved2);
	}
	hla_device_close(U);
	U = NULL;
}

static void valid_hw_ip(void **state)
{
	(void)state;
	if (!ACCEL) /* 6.1 answers 256 bytes: no revision id and the rest */
		hw_ip_valid(&UNIT_UPSTREAM_61, HLK_HW_IP_INFO_SIZE_V1,
			    HW_IP_ALL & ~HW_IP_SINCE_66 & ~HW_IP_HABANA);
	hw_ip_valid(&UNIT_UPSTREAM_66, sizeof(K), HW_IP_ALL & ~HW_IP_HABANA);
	hw_ip_valid(&UNIT_UPSTREAM_68, sizeof(K), HW_IP_ALL & ~HW_IP_HABANA);
	hw_ip_valid(&UNIT_HABANA, sizeof(K), HW_IP_ALL);
}

static void valid_idle_and_time(const struct unit_driver *d, bool ext)
{
	HLA_STRUCT_INIT(hla_hw_idle, idle);
	HLA_STRUCT_INIT(hla_time_sync, ts);
	uint64_t base = HLA_HW_IDLE_IS_IDLE | HLA_HW_IDLE_BUSY_ENGINES_MASK |
			HLA_HW_IDLE_BUSY_ENGINES_MASK_EXT;

	assert_int_equal(open_as(d, HLA_ASIC_GAUDI2), 0);
	pattern(K, sizeof(K));
	mock_ioctl_push_info(K, ext ? 40 : HLK_HW_IDLE_SIZE_V1);
	assert_int_equal(hla_info_hw_idle(U, &idle), 0);
	assert_int_equal(idle.valid, base | (ext ? HLA_HW_IDLE_BUSY_ENGINES_MASK_EXT_HI : 0));
	mock_ioctl_push_info(K, ext ? 24 : HLK_TIME_SYNC_SIZE_V1);
	assert_int_equal(hla_info_time_sync(U, &ts), 0);
	assert_int_equal(ts.valid, HLA_TIME_SYNC_DEVICE_TIME | HLA_TIME_SYNC_HOST_TIME |
					   (ext ? HLA_TIME_SYNC_TSC_TIME : 0));
	hla_device_close(U);
	U = NULL;
}

static void valid_idle_time(void **state)
{
	(void)state;
	if (!ACCEL)
		valid_idle_and_time(&UNIT_UPSTREAM_61, false);
	valid_idle_and_time(&UNIT_UPSTREAM_66, true);
	valid_idle_and_time(&UNIT_HABANA, true);
}

/* the RAZWI record: engine list and flags from 6.3 (and Habana's driver),
 * two engine ids and an error type before */
static void razwi_layout(const struct unit_driver *d, bool ext)
{
	HLA_STRUCT_INIT(hla_razwi_event, r);
	uint8_t k[280];

	assert_int_equal(open_as(d, HLA_ASIC_GAUDI2), 0);
	memset(k, 0, sizeof(k));
	k[0] = 0x99;            /* timestamp */
	k[8] = 0x40;            /* addr */
	k[16] = 7;              /* engine_id[0] | engine_id_1 */
	k[18] = 9;              /* engine_id[1] | engine_id_2 */
	k[21] = ext ? 0 : 1;    /* error_type (6.1) */
	k[272] = 2;             /* num_of_possible_engines */
	k[274] = HLK_RAZWI_WRITE | HLK_RAZWI_HBW;
	mock_ioctl_push_info(k, ext ? sizeof(k) : 24);
	assert_int_equal(hla_info_razwi_event(U, &r), 0);
	assert_int_equal(r.timestamp, 0x99);
	assert_int_equal(r.addr, 0x40);
	assert_int_equal(r.num_engines, 2);
	assert_int_equal(r.engine_id[0], 7);
	assert_int_equal(r.engine_id[1], 9);
	assert_int_equal(r.engine_id[2], 0);
	assert_int_equal(r.flags, ext ? (HLA_RAZWI_WRITE | HLA_RAZWI_HBW) : 0);
	assert_int_equal(r.error_type, ext ? 0 : HLA_RAZWI_ERR_MMU_ACCESS);
	assert_int_equal(r.valid, HLA_EVENT_VALID_TIMESTAMP | HLA_EVENT_VALID_ADDR |
					  HLA_EVENT_VALID_ENGINE_ID |
					  (ext ? HLA_EVENT_VALID_FLAGS :
						 HLA_EVENT_VALID_ERROR_TYPE));
	hla_device_close(U);
	U = NULL;
}

static void valid_razwi(void **state)
{
	(void)state;
	if (!ACCEL) {
		/* the layout changed in 6.2 */
		razwi_layout(&UNIT_UPSTREAM_61, false);
		razwi_layout(&UP_62, true);
		razwi_layout(&UNIT_UPSTREAM_65, true);
	}
	razwi_layout(&UNIT_UPSTREAM_66, true);
	razwi_layout(&UNIT_HABANA, true);
}

int main(int argc, char **argv)
{
#define T(f) cmocka_unit_test_teardown(f, teardown)
	const struct CMUnitTest tests[] = {
		T(upstream_identity), T(habana_identity), T(module_version_unreadable),
		T(no_kernel_release),
		T(drm_version_negative), T(drm_name_checked), T(caps), T(caps_follow_drm),
		T(caps_unknown_version), T(habana_by_drm), T(habana_without_drm),
		T(engines_gated), T(engines_habana), T(flush_fse), T(export_gated), T(export_by_handle),
		T(info_gated), T(info_probed), T(asic_names), T(habana_time_sync_die),
		T(map_host_odp), T(habana_link_state), T(habana_accel_and_params), T(habana_link_counters), T(probe_threads),
		T(valid_hw_ip), T(valid_idle_time), T(valid_razwi),
	};

	return UNIT_MAIN(tests, NULL, NULL);
}
