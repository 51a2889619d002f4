/* SPDX-License-Identifier: MIT */
#include "httest.h"

#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int ht_test_failures;
struct ht_env ht_env;
static const char *test_name;

void ht_test_init(const char *name)
{
	struct hla_devlist *list;

	test_name = name;
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (hla_devlist_create(0, &list) || hla_devlist_count(list, &ht_env.ndev) ||
	    !ht_env.ndev) {
		printf("%s: no habanalabs device, skipped\n", name);
		exit(HT_TEST_SKIP);
	}
	for (uint32_t i = 0; i < ht_env.ndev && i < 8; i++) {
		ht_env.desc[i].sz = sizeof(ht_env.desc[i]);
		if (hla_devlist_describe(list, i, &ht_env.desc[i]))
			exit(1);
	}
	hla_devlist_destroy(list);
	ht_env.sim = dlsym(RTLD_DEFAULT, "hla_sim_control") != NULL;
	ht_env.legacy = ht_env.desc[0].interface == HLA_INTERFACE_LEGACY;
	ht_env.gaudi1 = ht_env.desc[0].asic == HLA_ASIC_GAUDI ||
			ht_env.desc[0].asic == HLA_ASIC_GAUDI_SEC;
	ht_env.caps = ht_env.desc[0].caps;
	printf("%s: %u device(s), %s, %s%s\n", name, ht_env.ndev,
	       ht_env.legacy ? "legacy" : "accel", ht_env.gaudi1 ? "gaudi" : "gaudi2+",
	       ht_env.sim ? ", simulated" : "");
}

int ht_test_done(void)
{
	if (ht_test_failures) {
		printf("%s: %d check(s) failed\n", test_name, ht_test_failures);
		return 1;
	}
	printf("%s: passed\n", test_name);
	return 0;
}

int ht_raw_open(uint32_t index, bool control)
{
	const struct hla_device_desc *d = &ht_env.desc[index];

	int fd;

	for (int i = 0; i < 500; i++) {
		fd = open(control ? d->control_node : d->node, O_RDWR | O_CLOEXEC);
		if (fd >= 0 || errno != EAGAIN)
			break;
		usleep(10000);
	}
	return fd;
}
