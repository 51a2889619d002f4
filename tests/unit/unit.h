/* SPDX-License-Identifier: MIT */
/* Helpers shared by the unit tests. */
#ifndef HLA_UNIT_H
#define HLA_UNIT_H

#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "mock.h"
#include "hla_internal.h"

/* a device of the interface under test, opened by the group setup */
extern struct hla_device *U;

/* the last ioctl must be cmd on the interface under test */
#define EXPECT_REQ(cmd) \
	assert_int_equal(mock_ioctl_last()->request, mock_req(mock_iface, (cmd)))

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

int unit_open(void **state);
int unit_open_gaudi(void **state);
int unit_close(void **state);
int unit_main(int argc, char **argv, const struct CMUnitTest *tests, size_t n,
	      int (*setup)(void **), int (*teardown)(void **));

#define UNIT_MAIN(tests, setup, teardown) \
	unit_main(argc, argv, tests, sizeof(tests) / sizeof(tests[0]), setup, teardown)

#endif
