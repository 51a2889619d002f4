/* SPDX-License-Identifier: MIT */
#ifndef HLTHUNK_UAPI_TABLE_H
#define HLTHUNK_UAPI_TABLE_H

struct ht_uapi_item {
	const char *name;
	unsigned long long value;
};

/* hlthunk_uapi.h's view and the kernel header's, NULL-terminated */
extern const struct ht_uapi_item ht_uapi_own[];
extern const struct ht_uapi_item ht_uapi_kernel[];

#endif
