/* SPDX-License-Identifier: MIT */
/*
 * Driver profiles (hla-sim --driver): what each real driver shows a
 * program, checked with raw system calls against this file's own table
 * of facts (sim/README.md names the sources).
 */
#include "simtest.h"

#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <cmocka.h>

enum ioc { LEGACY, DRM, COMPAT };
enum exp { HANDLE, PHYS_ONLY, NO_OFFSET, OFFSET };

struct facts {
	const char *name, *release;
	enum ioc ioc;
	int drm[3];          /* DRM_IOCTL_VERSION */
	const char *date;
	uint32_t info_max;
	bool info_signed, razwi_280, module_id, oot;
	enum exp exp;
};

static const struct facts table[] = {
	{ "6.1.0", "6.1.0", LEGACY, { 0 }, NULL, 32, false, false, false, false, HANDLE },
	{ "6.1", "6.1.0-27-amd64", LEGACY, { 0 }, NULL, 32, false, false, false, false,
	  PHYS_ONLY },
	{ "6.2", "6.2.0-39-generic", LEGACY, { 0 }, NULL, 34, false, true, false, false,
	  PHYS_ONLY },
	{ "6.5", "6.5.0-35-generic", LEGACY, { 0 }, NULL, 37, false, true, false, false,
	  NO_OFFSET },
	{ "6.6", "6.6.58", DRM, { 6, 6, 58 }, "20190505", 38, false, true, false, false,
	  NO_OFFSET },
	{ "6.8", "6.8.0-45-generic", DRM, { 6, 8, 0 }, "20190505", 40, true, true, true, false,
	  OFFSET },
	{ "6.12", "6.12.38+deb13-amd64", DRM, { 6, 12, 38 }, "20190505", 40, true, true, true,
	  false, OFFSET },
	{ "oot-5.15", "5.15.0-122-generic", COMPAT, { 0 }, NULL, 40, true, true, true, true,
	  OFFSET },
	{ "oot-6.8", "6.8.0-45-generic", DRM, { 1, 24, 1 }, "20260305", 40, true, true, true,
	  true, OFFSET },
};

static const struct facts *F;
static const char *asic;
static bool gaudi3;

static int info(int fd, uint32_t op, void *buf, uint32_t size)
{
	struct hlk_info_args a = { .return_pointer = (uintptr_t)buf, .return_size = size,
				   .op = op };

	return ioctl(fd, st_req(HLK_CMD_INFO), &a) ? -errno : 0;
}

/* wait out Gaudi2's reset after the release of a compute file */
static int settle(void **state)
{
	struct hlk_info_device_status st = { 0 };
	int fd = open(st_control(0), O_RDWR);

	(void)state;
	for (int i = 0; fd >= 0 && i < 400; i++) {
		if (info(fd, HLK_INFO_DEVICE_STATUS, &st, sizeof(st)) || st.status == 0)
			break;
		usleep(5000);
	}
	if (fd >= 0)
		close(fd);
	return 0;
}

static void uname_release(void **state)
{
	struct utsname u;

	(void)state;
	assert_int_equal(uname(&u), 0);
	assert_string_equal(u.release, F->release);
}

/* the node family, and the other family absent */
static void nodes(void **state)
{
	struct stat st;

	(void)state;
	assert_int_equal(stat(st_node(0), &st), 0);
	assert_true(S_ISCHR(st.st_mode));
	/* ACCEL_MAJOR for the DRM accel core; the compat build's own major */
	if (F->ioc == DRM)
		assert_int_equal(major(st.st_rdev), HLK_ACCEL_MAJOR);
	if (F->ioc == COMPAT)
		assert_int_not_equal(major(st.st_rdev), HLK_ACCEL_MAJOR);
	assert_int_equal(stat(F->ioc == LEGACY ? "/dev/accel/accel0" : "/dev/hl0", &st), -1);
	assert_int_equal(stat(F->ioc == LEGACY ? "/sys/class/habanalabs/hl0/device_type"
					       : "/sys/class/accel/accel0/device/device_type",
			      &st), 0);
}

static void drm_version(void **state)
{
	char name[32] = "", date[32] = "";
	struct hlk_drm_version v = { .name_len = sizeof(name) - 1,
				     .name = (uintptr_t)name,
				     .date_len = sizeof(date) - 1,
				     .date = (uintptr_t)date };
	int fd = open(st_control(0), O_RDWR), cfd = open(st_node(0), O_RDWR);
	int ret;

	(void)state;
	assert_true(fd >= 0 && cfd >= 0);
	ret = ioctl(cfd, HLK_DRM_IOCTL_VERSION, &v) ? -errno : 0;
	if (F->ioc != DRM) {
		/* hl_ioctl(): nr 0 is no command of the driver */
		assert_int_equal(ret, -ENOTTY);
	} else {
		assert_int_equal(ret, 0);
		assert_string_equal(name, "habanalabs");
		assert_int_equal(v.version_major, F->drm[0]);
		assert_int_equal(v.version_minor, F->drm[1]);
		assert_int_equal(v.version_patchlevel, F->drm[2]);
		assert_string_equal(date, F->date);
	}
	/* the compat build looks at the nr alone; drm_ioctl() at the type too */
	ret = ioctl(cfd, HLK_IOWR(HLK_LEGACY_IOC_TYPE, HLK_DRM_COMMAND_BASE, 24)) ? -errno : 0;
	assert_int_not_equal(ret, 0);
	if (F->ioc == COMPAT) {
		struct hlk_info_hw_ip_info hw;
		struct hlk_info_args a = { .return_pointer = (uintptr_t)&hw,
					   .return_size = sizeof(hw) };

		assert_int_equal(ioctl(cfd, HLK_IOWR(HLK_LEGACY_IOC_TYPE, HLK_DRM_COMMAND_BASE,
						     24), &a), 0);
	}
	close(cfd);
	close(fd);
}

/* which opcodes exist: the last one does, the next one does not */
static void info_opcodes(void **state)
{
	static uint8_t buf[8192];
	int fd = open(st_control(0), O_RDWR);

	(void)state;
	assert_true(fd >= 0);
	assert_int_equal(info(fd, F->info_max >= 36 ? 36 : F->info_max, buf, 4096), 0);
	assert_int_equal(info(fd, F->info_max + 1, buf, 4096), F->oot ? -EOPNOTSUPP : -EINVAL);
	assert_int_equal(info(fd, 43, buf, 4096), -EINVAL);
	if (!F->info_signed)
		assert_int_equal(info(fd, HLK_INFO_DEV_SIGNED, buf, sizeof(buf)), -EINVAL);
	/* NIC link state: Habana's opcode, which the simulator does not model */
	assert_int_equal(info(fd, 19, buf, 4096), F->oot ? -EOPNOTSUPP : -EINVAL);
	close(fd);
}

/* _hl_info_ioctl(): the device check comes before the unknown-opcode
 * default, so a device that is not operational answers EBUSY */
static void info_unknown_not_operational(void **state)
{
	struct hlk_info_hw_ip_info hw;
	int fd = open(st_control(0), O_RDWR);

	(void)state;
	assert_true(fd >= 0);
	assert_int_equal(info(fd, 99, &hw, sizeof(hw)), -EINVAL);
	assert_int_equal(st_ctl("status 0 3"), 0);
	assert_int_equal(info(fd, 99, &hw, sizeof(hw)), -EBUSY);
	assert_int_equal(info(fd, HLK_INFO_CLK_RATE, &hw, sizeof(hw)), -EBUSY);
	assert_int_equal(info(fd, HLK_INFO_HW_IP_INFO, &hw, sizeof(hw)), 0);
	assert_int_equal(st_ctl("status 0 0"), 0);
	close(fd);
}

/* the 24-byte record before 6.2, the 280-byte one from 6.2 */
static void razwi_layout(void **state)
{
	uint8_t buf[512];
	int fd = open(st_control(0), O_RDWR);

	(void)state;
	assert_true(fd >= 0);
	assert_int_equal(st_ctl("razwi 0 0x1000"), 0);
	memset(buf, 0xAA, sizeof(buf));
	assert_int_equal(info(fd, HLK_INFO_RAZWI_EVENT, buf, sizeof(buf)), 0);
	assert_int_equal(buf[24] == 0xAA && buf[279] == 0xAA, !F->razwi_280);
	assert_true(buf[280] == 0xAA);
	if (F->razwi_280) /* num_of_possible_engines */
		assert_int_equal(buf[272], 1);
	close(fd);
}

/* hw_err_info(): nothing captured is 0 whatever the size; once captured,
 * a buffer smaller than the record is ENOMEM */
static void error_record_sizes(void **state)
{
	uint8_t buf[16];
	int fd = open(st_control(0), O_RDWR);

	(void)state;
	if (F->info_max < HLK_INFO_HW_ERR_EVENT)
		skip();
	assert_true(fd >= 0);
	assert_int_equal(info(fd, HLK_INFO_HW_ERR_EVENT, buf, 0), 0);
	assert_int_equal(info(fd, HLK_INFO_HW_ERR_EVENT, NULL, 16), -EINVAL);
	assert_int_equal(info(fd, HLK_INFO_CS_TIMEOUT_EVENT, buf, 0), -EINVAL);
	assert_int_equal(st_ctl("hwerr 0 7"), 0);
	assert_int_equal(info(fd, HLK_INFO_HW_ERR_EVENT, buf, 0), -ENOMEM);
	assert_int_equal(info(fd, HLK_INFO_HW_ERR_EVENT, buf, 8), -ENOMEM);
	assert_int_equal(info(fd, HLK_INFO_HW_ERR_EVENT, buf, 16), 0);
	close(fd);
}

static bool attr_exists(const char *name)
{
	char p[256];
	struct stat st;

	snprintf(p, sizeof(p), F->ioc == LEGACY ? "/sys/class/habanalabs/hl0/%s"
						: "/sys/class/accel/accel0/device/%s", name);
	return stat(p, &st) == 0;
}

static void sysfs(void **state)
{
	char p[256], text[64] = "", want[64];
	FILE *f;

	(void)state;
	assert_int_equal(attr_exists("module_id"), F->module_id);
	assert_int_equal(attr_exists("parent_device"), F->module_id);
	assert_int_equal(attr_exists("driver_ver"), F->oot);
	/* MODULE_VERSION(): Habana's driver only */
	f = fopen("/sys/module/habanalabs/version", "r");
	assert_int_equal(f != NULL, F->oot);
	if (f) {
		assert_non_null(fgets(text, sizeof(text), f));
		assert_int_equal(strncmp(text, "1.24.1-", 7), 0);
		fclose(f);
	}
	snprintf(p, sizeof(p), F->ioc == LEGACY ? "/sys/class/habanalabs/hl0/device_type"
						: "/sys/class/accel/accel0/device/device_type");
	f = fopen(p, "r");
	assert_non_null(f);
	assert_non_null(fgets(text, sizeof(text), f));
	fclose(f);
	snprintf(want, sizeof(want), "%s\n", asic);
	for (char *c = want; *c; c++)
		*c = (char)(*c >= 'a' && *c <= 'z' ? *c - 32 : *c);
	assert_string_equal(text, want);
}

/* Gaudi2: no export on 6.1.y/6.2; the offset checked but not applied on
 * 6.5/6.6 (the range starts at the allocation); applied from 6.7 */
static void dmabuf_forms(void **state)
{
	uint64_t h, va;
	int fd, whole, part;
	uint8_t *w, *p;

	(void)state;
	if (!st_gaudi2 || gaudi3 || F->exp == HANDLE)
		skip();
	fd = st_open_compute(0);
	assert_true(fd >= 0);
	va = st_dram(fd, 4 << 20, &h);
	if (F->exp == PHYS_ONLY) {
		assert_int_equal(st_export(fd, va, 4096, 0), -EOPNOTSUPP);
		close(fd);
		return;
	}
	whole = st_export(fd, va, 8192, 0);
	part = st_export(fd, va, 4096, 4096);
	assert_true(whole >= 0 && part >= 0);
	w = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_SHARED, whole, 0);
	p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, part, 0);
	assert_true(w != MAP_FAILED && p != MAP_FAILED);
	w[0] = 0x11;
	w[4096] = 0x22;
	assert_int_equal(p[0], F->exp == OFFSET ? 0x22 : 0x11);
	munmap(w, 8192);
	munmap(p, 4096);
	close(part);
	close(whole);
	close(fd);
}

static int mem_op(int fd, uint32_t op, uint64_t what)
{
	union hlk_mem_args m = { 0 };

	m.in.op = op;
	if (op == HLK_MEM_OP_FREE)
		m.in.free.handle = what;
	else
		m.in.unmap.device_virt_addr = what;
	return st_mem(fd, &m);
}

/*
 * 6.1.0 (export_dmabuf_from_handle()): Gaudi2 memory by allocation handle,
 * the whole allocation whatever the size asked; a device address in that
 * word is no handle (EINVAL).  The export keeps the allocation from being
 * freed, not its mapping from being removed.  Gaudi: a physical address.
 */
static void dmabuf_by_handle(void **state)
{
	struct hlk_info_hw_ip_info hw = { 0 };
	uint8_t *host = aligned_alloc(4096, 4096), *w;
	uint64_t h, va;
	int fd, buf;

	(void)state;
	if (gaudi3 || F->exp != HANDLE)
		skip();
	fd = st_open_compute(0);
	assert_true(fd >= 0);
	if (!st_gaudi2) {
		buf = st_export(fd, HLK_GAUDI_DRAM_USER_BASE, 4096, 0);
		assert_true(buf >= 0);
		close(buf);
		close(fd);
		return;
	}
	assert_int_equal(info(fd, HLK_INFO_HW_IP_INFO, &hw, sizeof(hw)), 0);
	va = st_dram(fd, 4 << 20, &h);
	assert_int_equal(st_export(fd, va, 4096, 0), -EINVAL);
	assert_int_equal(st_export(fd, h + 100, 4096, 0), -EINVAL);
	buf = st_export(fd, h, 4096, 0);
	assert_true(buf >= 0);
	assert_int_equal(lseek(buf, 0, SEEK_END), (off_t)hw.dram_page_size);
	assert_int_equal(lseek(buf, 0, SEEK_SET), 0);
	assert_int_equal(lseek(buf, 4096, SEEK_SET), -1);
	/* what the importer writes is the allocation's memory */
	w = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_SHARED, buf, 0);
	assert_true(w != MAP_FAILED);
	memset(w, 0x5A, 4096);
	memset(host, 0, 4096);
	st_copy(fd, va, st_map_host(fd, host, 4096), 4096);
	assert_int_equal(host[0], 0x5A);
	assert_int_equal(host[4095], 0x5A);
	munmap(w, 8192);
	assert_int_equal(mem_op(fd, HLK_MEM_OP_FREE, h), -EINVAL);
	assert_int_equal(mem_op(fd, HLK_MEM_OP_UNMAP, va), 0);
	close(buf);
	assert_int_equal(mem_op(fd, HLK_MEM_OP_FREE, h), 0);
	close(fd);
	free(host);
}

static int dbg(int fd, uint32_t op, uint32_t enable)
{
	struct hlk_debug_args a = { .op = op, .enable = enable };

	return ioctl(fd, st_req(HLK_CMD_DEBUG), &a) ? -errno : 0;
}

/* Habana's own DEBUG ops: refused outside debug mode where that driver
 * requires it (with its EPERM), never modelled; unknown to the in-tree
 * driver.  The FSE flush flag: not modelled on the out-of-tree profiles,
 * an ordinary submission without chunks (EINVAL) on the in-tree ones */
static void habana_debug_ops(void **state)
{
	int unknown = F->oot ? -EOPNOTSUPP : -EINVAL;
	union hlk_cs_args cs = { 0 };
	int fd;

	(void)state;
	if (gaudi3)
		skip();
	fd = st_open_compute(0);
	assert_true(fd >= 0);
	assert_int_equal(dbg(fd, HLK_DEBUG_OP_ETR, 1), F->oot ? -EPERM : -EFAULT);
	assert_int_equal(dbg(fd, HLK_DEBUG_OP_FETCH_TRACE, 0), F->oot ? -EPERM : -EINVAL);
	assert_int_equal(dbg(fd, HLK_DEBUG_OP_READBLOCK, 0), F->oot ? -EPERM : -EINVAL);
	assert_int_equal(dbg(fd, HLK_DEBUG_OP_DIO, 0), unknown);
	assert_int_equal(dbg(fd, HLK_DEBUG_OP_ENABLE_ERR_INFO_CAPTURE, 0), unknown);
	assert_int_equal(dbg(fd, HLK_DEBUG_OP_SET_MODE, 1), 0);
	assert_int_equal(dbg(fd, HLK_DEBUG_OP_ETR, 1), -EOPNOTSUPP);
	assert_int_equal(dbg(fd, HLK_DEBUG_OP_FETCH_TRACE, 0), unknown);
	assert_int_equal(dbg(fd, HLK_DEBUG_OP_SCHED_SUBMIT_BUF, 0), unknown);
	assert_int_equal(dbg(fd, HLK_DEBUG_OP_READBLOCK, 0), unknown);
	assert_int_equal(dbg(fd, HLK_DEBUG_OP_READMEM, 0), -EINVAL);
	assert_int_equal(dbg(fd, HLK_DEBUG_OP_MEMCPY, 0), -EINVAL);
	assert_int_equal(dbg(fd, HLK_DEBUG_OP_SET_MODE, 0), 0);
	cs.in.cs_flags = HLK_CS_FLAGS_FLUSH_HBW_WRITES_FSE;
	assert_int_equal(ioctl(fd, st_req(HLK_CMD_CS), &cs) ? -errno : 0, unknown);
	close(fd);
}

/* Gaudi3 is an identity only: INFO answers, compute ioctls refuse */
static void gaudi3_identity(void **state)
{
	struct hlk_info_hw_ip_info hw;
	union hlk_mem_args m = { 0 };
	int fd;

	(void)state;
	if (!gaudi3)
		skip();
	fd = st_open_compute(0);
	assert_true(fd >= 0);
	assert_int_equal(info(fd, HLK_INFO_HW_IP_INFO, &hw, sizeof(hw)), 0);
	assert_int_equal(hw.device_id, HLK_PCI_ID_GAUDI3);
	m.in.op = HLK_MEM_OP_ALLOC;
	m.in.alloc.mem_size = 1 << 20;
	assert_int_equal(st_mem(fd, &m), -EOPNOTSUPP);
	close(fd);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(uname_release, settle),
		cmocka_unit_test_setup(nodes, settle),
		cmocka_unit_test_setup(drm_version, settle),
		cmocka_unit_test_setup(info_opcodes, settle),
		cmocka_unit_test_setup(info_unknown_not_operational, settle),
		cmocka_unit_test_setup(razwi_layout, settle),
		cmocka_unit_test_setup(error_record_sizes, settle),
		cmocka_unit_test_setup(sysfs, settle),
		cmocka_unit_test_setup(dmabuf_forms, settle),
		cmocka_unit_test_setup(dmabuf_by_handle, settle),
		cmocka_unit_test_setup(gaudi3_identity, settle),
		cmocka_unit_test_setup(habana_debug_ops, settle),
	};
	const char *drv = getenv("HLA_SIM_DRIVER");

	if (!st_setup() || !drv)
		return 77;
	for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++)
		if (!strcmp(table[i].name, drv))
			F = &table[i];
	if (!F)
		return 77;
	asic = getenv("HLA_SIM_ASIC") ? getenv("HLA_SIM_ASIC") : "gaudi2";
	gaudi3 = !strcmp(asic, "gaudi3");
	st_accel = F->ioc != LEGACY;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
