/* SPDX-License-Identifier: MIT */
/* hla-info entry point; see hla-info(1). */
#include <stdio.h>

#include "info.h"

int main(int argc, char **argv)
{
	return info_tool_run(argc, argv, stdout, stderr);
}
