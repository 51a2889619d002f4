/* SPDX-License-Identifier: MIT */
/* hla-info entry point; see hla-info(1). */
#include <stdio.h>

#include "hla-info.h"

int main(int argc, char **argv)
{
	return hla_info_tool(argc, argv, stdout, stderr);
}
