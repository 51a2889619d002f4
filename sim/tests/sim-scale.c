/* SPDX-License-Identifier: MIT */
/*
 * 64 devices laid out like eight 8-card servers: every node and sysfs
 * entry exists, PCI bus ids are unique, module ids count 0-7 within each
 * server (the server is the PCI domain), and the last device works.
 * Meson runs it with HLA_SIM_DEVICES=64 on both interfaces.
 */
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <cmocka.h>

#include "simtest.h"

static int ndev;

static void read_attr(int i, const char *name, char *buf, size_t size)
{
	char path[128];
	FILE *f;

	snprintf(path, sizeof(path),
		 st_accel ? "/sys/class/accel/accel%d/device/%s" : "/sys/class/habanalabs/hl%d/%s",
		 i, name);
	f = fopen(path, "r");
	assert_non_null(f);
	assert_non_null(fgets(buf, (int)size, f));
	fclose(f);
	buf[strcspn(buf, "\n")] = '\0';
}

static void nodes_and_ids(void **state)
{
	static char ids[64][16];
	struct stat st;

	(void)state;
	assert_int_equal(ndev, 64);
	for (int i = 0; i < ndev; i++) {
		char mod[16];
		unsigned domain, bus, dev, fn;

		assert_int_equal(stat(st_node(i), &st), 0);
		assert_true(S_ISCHR(st.st_mode));
		assert_int_equal(stat(st_control(i), &st), 0);
		read_attr(i, "pci_addr", ids[i], sizeof(ids[i]));
		assert_int_equal(sscanf(ids[i], "%x:%x:%x.%x", &domain, &bus, &dev, &fn), 4);
		assert_int_equal(domain, (unsigned)i / 8); /* one server per domain */
		for (int k = 0; k < i; k++)
			assert_string_not_equal(ids[i], ids[k]);
		if (st_accel) {
			read_attr(i, "module_id", mod, sizeof(mod));
			assert_int_equal(atoi(mod), i % 8);
		}
	}
	/* nothing of ours beyond the last device (accel64 is another vendor's) */
	assert_int_equal(stat(st_control(ndev), &st), -1);
}

static void last_device_works(void **state)
{
	const uint32_t n = 1 << 16;
	uint8_t *in = malloc(n), *out = calloc(1, n);
	union hlk_wait_cs_args w;
	struct st_cb cb;
	uint64_t hin, hout, d, h, seq;
	uint32_t len;
	int fd;

	(void)state;
	for (uint32_t i = 0; i < n; i++)
		in[i] = (uint8_t)(i * 7 + 3);
	fd = st_open_compute(ndev - 1);
	assert_true(fd >= 0);
	hin = st_map_host(fd, in, n);
	hout = st_map_host(fd, out, n);
	d = st_dram(fd, n, &h);
	st_cb_new(fd, &cb, 4096);
	len = st_lin_dma(cb.map, hin, d, n, 0);
	len += st_lin_dma(cb.map + len, d, hout, n, 0);
	assert_int_equal(st_submit(fd, &cb, 0, len, 0, 0, &seq), 0);
	assert_int_equal(st_wait(fd, seq, 5000000, &w), 0);
	assert_int_equal(w.out.status, HLK_WAIT_CS_STATUS_COMPLETED);
	assert_memory_equal(in, out, n);
	st_cb_free(fd, &cb);
	close(fd);
	free(in);
	free(out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(nodes_and_ids),
		cmocka_unit_test(last_device_works),
	};
	const char *n = getenv("HLA_SIM_DEVICES");

	if (!st_setup()) {
		fprintf(stderr, "run under the simulator\n");
		return 77;
	}
	ndev = n ? atoi(n) : 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
