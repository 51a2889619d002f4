/* SPDX-License-Identifier: MIT */
#include "hla_internal.h"

#include <errno.h>

HLA_EXPORT int hla_version(unsigned int *major, unsigned int *minor,
			   unsigned int *micro)
{
	if (major)
		*major = HLACCEL_VERSION_MAJOR;
	if (minor)
		*minor = HLACCEL_VERSION_MINOR;
	if (micro)
		*micro = HLACCEL_VERSION_MICRO;
	return 0;
}

HLA_EXPORT int hla_check_version(unsigned int major, unsigned int minor)
{
	if (major != HLACCEL_VERSION_MAJOR)
		return -ENOTSUP;
	if (minor > HLACCEL_VERSION_MINOR)
		return -ENOTSUP;
	return 0;
}
