/* SPDX-License-Identifier: MIT */
/*
 * hlthunk_uapi.h, the stand-in for the kernel's uAPI header, agrees with
 * the kernel's <drm/habanalabs_accel.h>: every value, struct size and
 * field offset (the table is generated from hlthunk_uapi.h).
 */
#include <stdio.h>
#include <string.h>

#include "uapi-table.h"

int main(void)
{
	int bad = 0, n = 0;

	for (const struct ht_uapi_item *o = ht_uapi_own; o->name; o++) {
		const struct ht_uapi_item *k = ht_uapi_kernel;

		while (k->name && strcmp(k->name, o->name))
			k++;
		n++;
		if (!k->name || k->value != o->value) {
			printf("%s: %llu here, %llu in the kernel header\n", o->name, o->value,
			       k->name ? k->value : 0ull);
			bad++;
		}
	}
	printf("%d values, sizes and offsets compared, %d differ\n", n, bad);
	return bad || n < 150;
}
