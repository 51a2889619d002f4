/* SPDX-License-Identifier: MIT */
/*
 * Which driver runs the device, and what the library lets through because
 * of it: the driver identity in the description, the capability set, the
 * calls gated on it and the valid bits that depend on it.
 */
#include "unit.h"

#include <fcntl.h>

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
	/* the file gone: the in-tree driver again */
	hla_device_close(U);
	mock_set_module_version(NULL);
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
	/* absent: the in-tree driver */
	mock_set_module_version(NULL);
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

#define UP_63 (HLA_CAP_DMABUF_ADDR | HLA_CAP_RAZWI_EXT | HLA_CAP_INFO_PAGE_FAULT)
#define UP_66                                                                  \
	(HLA_CAP_ENGINES | HLA_CAP_FLUSH_HBW | HLA_CAP_INFO_ERR_EVENTS |       \
	 HLA_CAP_HW_IP_EXT | HLA_CAP_HW_IDLE_EXT | HLA_CAP_TIME_SYNC_TSC)
#define UP_68 (HLA_CAP_DMABUF_OFFSET | HLA_CAP_INFO_DEV_SIGNED)
#define LEGACY_ONLY HLA_CAP_EVENTFD_CONTROL

static uint64_t caps_of(const struct unit_driver *d, uint32_t asic)
{
	uint64_t c;

	assert_int_equal(open_as(d, asic), 0);
	c = describe().caps;
	assert_true(describe().valid & HLA_DESC_CAPS);
	hla_device_close(U);
	U = NULL;
	return c;
}

/* the rules of src/driver.c, spelled out per driver (hlaccel(7)) */
static void caps(void **state)
{
	uint64_t legacy = ACCEL ? 0 : LEGACY_ONLY;
	uint64_t habana = UP_63 | UP_66 | UP_68 | HLA_CAP_HABANA_EXT;

	(void)state;
	if (ACCEL) {
		/* accel nodes exist from 6.6 on, whatever the version says */
		assert_int_equal(caps_of(&UNIT_UPSTREAM_66, HLA_ASIC_GAUDI2),
				 UP_63 | UP_66);
	} else {
		/* a 6.1 Gaudi2 exports nothing: the driver took a handle, later
		 * only physical addresses (Gaudi) */
		assert_int_equal(caps_of(&UNIT_UPSTREAM_61, HLA_ASIC_GAUDI2), LEGACY_ONLY);
		assert_int_equal(caps_of(&UNIT_UPSTREAM_61, HLA_ASIC_GAUDI),
				 LEGACY_ONLY | HLA_CAP_DMABUF_PHYS);
		assert_int_equal(caps_of(&UNIT_UPSTREAM_65, HLA_ASIC_GAUDI2),
				 LEGACY_ONLY | UP_63);
		assert_int_equal(caps_of(&UNIT_UPSTREAM_66, HLA_ASIC_GAUDI2),
				 LEGACY_ONLY | UP_63 | UP_66);
	}
	assert_int_equal(caps_of(&UNIT_UPSTREAM_68, HLA_ASIC_GAUDI2),
			 legacy | UP_63 | UP_66 | UP_68);
	/* Gaudi's DRAM has no MMU: physical export, never an offset */
	assert_int_equal(caps_of(&UNIT_UPSTREAM_68, HLA_ASIC_GAUDI),
			 legacy | UP_63 | UP_66 | (UP_68 & ~HLA_CAP_DMABUF_OFFSET) |
				 HLA_CAP_DMABUF_PHYS);
	assert_int_equal(caps_of(&UNIT_HABANA, HLA_ASIC_GAUDI2), habana);
	assert_int_equal(caps_of(&UNIT_HABANA, HLA_ASIC_GAUDI3), habana);
	assert_int_equal(caps_of(&UNIT_HABANA, HLA_ASIC_GAUDI),
			 (habana & ~HLA_CAP_DMABUF_OFFSET) | HLA_CAP_DMABUF_PHYS);
	/* no driver rule grants export by handle */
	assert_false(caps_of(&UNIT_HABANA, HLA_ASIC_GAUDI2) & HLA_CAP_DMABUF_HANDLE);
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
	if (!mock_ioctl_drop_pushes())
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
	/* nobody takes an allocation handle */
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
	export_offset(&UNIT_UPSTREAM_68, HLA_ASIC_GAUDI2, true);
	export_offset(&UNIT_HABANA, HLA_ASIC_GAUDI2, true);
	export_offset(&habana_new_kernel, HLA_ASIC_GAUDI2, true);
	/* Gaudi: physical addresses, never an offset */
	export_offset(&UNIT_UPSTREAM_68, HLA_ASIC_GAUDI, false);
	export_offset(&UNIT_HABANA, HLA_ASIC_GAUDI, false);
	if (ACCEL)
		return;
	/* 6.1: a Gaudi exports by physical address, a Gaudi2 not at all */
	export_offset(&UNIT_UPSTREAM_61, HLA_ASIC_GAUDI, false);
	assert_int_equal(open_as(&UNIT_UPSTREAM_61, HLA_ASIC_GAUDI2), 0);
	EXPECT_NO_IOCTL(export_at(0, 0), -EOPNOTSUPP);
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
		razwi_layout(&UNIT_UPSTREAM_61, false);
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
		T(engines_gated), T(engines_habana), T(export_gated),
		T(valid_hw_ip), T(valid_idle_time), T(valid_razwi),
	};

	return UNIT_MAIN(tests, NULL, NULL);
}
