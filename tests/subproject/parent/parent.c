/* SPDX-License-Identifier: MIT */
#include <hlaccel/hlaccel.h>
#include <stdio.h>

int main(void)
{
	uint32_t n = 0;

	if (hla_version() != HLA_VERSION)
		return 1;
	if (hla_device_count(&n))
		n = 0;
	printf("hlaccel %d.%d.%d, %u devices\n", HLA_VERSION_MAJOR, HLA_VERSION_MINOR,
	       HLA_VERSION_PATCH, n);
	return 0;
}
