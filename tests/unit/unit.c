/* SPDX-License-Identifier: MIT */
#include "unit.h"

#include <stdio.h>
#include <sys/mman.h>

struct hla_device *U;

const struct unit_driver UNIT_UPSTREAM_61 = { "6.1.0-18-amd64", { 6, 1, 0 }, NULL };
const struct unit_driver UNIT_UPSTREAM_65 = { "6.5.0-44-generic", { 6, 5, 0 }, NULL };
const struct unit_driver UNIT_UPSTREAM_66 = { "6.6.13", { 6, 6, 13 }, NULL };
const struct unit_driver UNIT_UPSTREAM_68 = { "6.8.0-31-generic", { 6, 8, 0 }, NULL };
const struct unit_driver UNIT_HABANA = { "5.15.0-91-generic", { 1, 19, 2 }, "1.19.2-abc1234" };

#define PAGE 4096u

void *unit_guarded(size_t size)
{
	size_t pages = (size + PAGE - 1) / PAGE;
	uint8_t *base;

	assert_int_equal(size % 8, 0);
	base = mmap(NULL, (pages + 1) * PAGE, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	assert_true(base != MAP_FAILED);
	assert_int_equal(mprotect(base + pages * PAGE, PAGE, PROT_NONE), 0);
	return base + pages * PAGE - size;
}

void unit_guarded_free(void *p, size_t size)
{
	size_t pages = (size + PAGE - 1) / PAGE;
	uint8_t *base = (uint8_t *)p + size - pages * PAGE;

	munmap(base, (pages + 1) * PAGE);
}

int unit_open_driver(const struct unit_driver *d, uint32_t iface, uint32_t asic,
		     uint32_t flags, struct hla_device **dev)
{
	mock_reset();
	mock_set_kernel_release(d->release);
	mock_set_drm_version(HLK_DRM_DRIVER_NAME, d->drm[0], d->drm[1], d->drm[2]);
	mock_set_module_version(d->module_version);
	mock_add_device(iface, asic, 0, 0, "0000:19:00.0");
	return hla_device_open_index(0, flags, dev);
}

int unit_open(void **state)
{
	(void)state;
	return mock_open_device(mock_iface, HLA_ASIC_GAUDI2, &U);
}

int unit_open_recent(void **state)
{
	(void)state;
	if (mock_iface == HLA_INTERFACE_LEGACY)
		return unit_open_driver(&UNIT_UPSTREAM_65, mock_iface, HLA_ASIC_GAUDI2, 0, &U);
	return mock_open_device(mock_iface, HLA_ASIC_GAUDI2, &U);
}

int unit_open_habana(void **state)
{
	(void)state;
	return unit_open_driver(&UNIT_HABANA, mock_iface, HLA_ASIC_GAUDI2, 0, &U);
}

int unit_open_gaudi(void **state)
{
	(void)state;
	return mock_open_device(mock_iface, HLA_ASIC_GAUDI, &U);
}

int unit_open_control(void **state)
{
	(void)state;
	return mock_open_control(mock_iface, HLA_ASIC_GAUDI2, &U);
}

/* close U; a leaked fd or an answer no ioctl took fails the test */
int unit_close(void **state)
{
	unsigned int left, fds;

	(void)state;
	hla_device_close(U);
	U = NULL;
	left = mock_ioctl_drop_pushes();
	fds = mock_open_fds();
	if (left || fds)
		print_error("teardown: %u queued answers unused, %u fds open\n", left, fds);
	return left || fds ? -1 : 0;
}

int unit_main(int argc, char **argv, const struct CMUnitTest *tests, size_t n,
	      int (*setup)(void **), int (*teardown)(void **))
{
	char name[64];

	if (argc < 2 || (strcmp(argv[1], "accel") && strcmp(argv[1], "legacy"))) {
		fprintf(stderr, "usage: %s accel|legacy\n", argv[0]);
		return 2;
	}
	mock_iface = strcmp(argv[1], "accel") ? HLA_INTERFACE_LEGACY : HLA_INTERFACE_ACCEL;
	snprintf(name, sizeof(name), "%s (%s)", argv[0], argv[1]);
	return _cmocka_run_group_tests(name, tests, n, setup, teardown);
}
