/* SPDX-License-Identifier: MIT */
/* Helpers shared by the unit tests. */
#ifndef HLA_UNIT_H
#define HLA_UNIT_H

#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "mock.h"
#include "hla_internal.h"

/* a device of the interface under test, opened by the test's setup */
extern struct hla_device *U;

/* the last ioctl must be cmd on the interface under test */
#define EXPECT_REQ(cmd) \
	assert_int_equal(mock_ioctl_last()->request, mock_req(mock_iface, (cmd)))

/* expr must give want and send no ioctl */
#define EXPECT_NO_IOCTL(expr, want)                                   \
	do {                                                          \
		unsigned int n0_ = mock_ioctl_count();                \
		assert_int_equal((expr), (want));                     \
		assert_int_equal(mock_ioctl_count(), n0_);            \
	} while (0)

/* expr must give want after exactly one ioctl */
#define EXPECT_ONE_IOCTL(expr, want)                                  \
	do {                                                          \
		unsigned int n0_ = mock_ioctl_count();                \
		assert_int_equal((expr), (want));                     \
		assert_int_equal(mock_ioctl_count(), n0_ + 1);        \
	} while (0)

/* read an unsigned little-endian field of size bytes at off of a block */
static inline uint64_t kget(const void *block, size_t off, size_t size)
{
	const uint8_t *p = (const uint8_t *)block + off;
	uint64_t v = 0;

	for (size_t i = 0; i < size && i < 8; i++)
		v |= (uint64_t)p[i] << (8 * i);
	return v;
}

/* the decoded value must equal the kernel field it came from */
#define EXPECT_FIELD(value, block, type, field)                                   \
	assert_true((uint64_t)(value) ==                                          \
		    kget(block, offsetof(type, field), sizeof(((type *)0)->field)))

/* fill n bytes with a pattern in which no byte is zero */
static inline void pattern(void *buf, size_t n)
{
	uint8_t *p = buf;

	for (size_t i = 0; i < n; i++)
		p[i] = (uint8_t)((i * 13 + 7) % 251 + 1);
}

/* true if all n bytes at p are b */
static inline bool all_bytes(const void *p, size_t n, uint8_t b)
{
	const uint8_t *q = p;

	for (size_t i = 0; i < n; i++)
		if (q[i] != b)
			return false;
	return true;
}

#define SENTINEL 0xA5u

/*
 * size bytes (a multiple of 8) that end exactly where an inaccessible page
 * begins: a read or write past them kills the test.  Zeroed.
 */
void *unit_guarded(size_t size);
void unit_guarded_free(void *p, size_t size);

/* a driver the library may find behind a device */
struct unit_driver {
	const char *release;        /* uname -r */
	int drm[3];                 /* DRM version answer (accel compute nodes) */
	const char *module_version; /* Habana's driver; NULL: the in-tree one */
};
extern const struct unit_driver UNIT_UPSTREAM_61; /* the kernel's own, 6.1 */
extern const struct unit_driver UNIT_UPSTREAM_65;
extern const struct unit_driver UNIT_UPSTREAM_66;
extern const struct unit_driver UNIT_UPSTREAM_68;
extern const struct unit_driver UNIT_HABANA;      /* out-of-tree 1.19.2 on a 5.15 kernel */

/* reset, make d the driver, add device minor 0 of iface, open it */
int unit_open_driver(const struct unit_driver *d, uint32_t iface, uint32_t asic,
		     uint32_t flags, struct hla_device **dev);

int unit_open(void **state);
int unit_open_gaudi(void **state);
/* a Gaudi2 whose in-tree driver has INFO 33-35 (legacy: 6.5, accel: 6.8) */
int unit_open_recent(void **state);
/* a Gaudi2 behind Habana's driver (UNIT_HABANA) */
int unit_open_habana(void **state);
int unit_open_control(void **state);
int unit_close(void **state);
int unit_main(int argc, char **argv, const struct CMUnitTest *tests, size_t n,
	      int (*setup)(void **), int (*teardown)(void **));

#define UNIT_MAIN(tests, setup, teardown) \
	unit_main(argc, argv, tests, sizeof(tests) / sizeof(tests[0]), setup, teardown)

/* a test with the standard Gaudi2 device of the interface under test */
#define UNIT_TEST(f) cmocka_unit_test_setup_teardown(f, unit_open, unit_close)
#define UNIT_TEST_RECENT(f) cmocka_unit_test_setup_teardown(f, unit_open_recent, unit_close)
#define UNIT_TEST_HABANA(f) cmocka_unit_test_setup_teardown(f, unit_open_habana, unit_close)

#endif
