/* SPDX-License-Identifier: MIT */
#include "unit.h"

#include <stdio.h>

struct hla_device *U;

int unit_open(void **state)
{
	(void)state;
	return mock_open_device(mock_iface, HLA_ASIC_GAUDI2, &U);
}

int unit_open_gaudi(void **state)
{
	(void)state;
	return mock_open_device(mock_iface, HLA_ASIC_GAUDI, &U);
}

int unit_close(void **state)
{
	(void)state;
	hla_device_close(U);
	U = NULL;
	return mock_open_fds() == 0 ? 0 : -1;
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
