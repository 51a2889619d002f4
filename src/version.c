/* SPDX-License-Identifier: MIT */
/* The version of the running library. */
#include "hla_internal.h"

HLA_EXPORT int hla_version(void)
{
	return HLA_VERSION;
}
