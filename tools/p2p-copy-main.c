/* SPDX-License-Identifier: MIT */
/* hla-p2p-copy entry point; see hla-p2p-copy(1). */
#include <stdio.h>

#include "p2p-copy.h"

int main(int argc, char **argv)
{
	return p2p_tool_run(argc, argv, stdout, stderr, NULL);
}
