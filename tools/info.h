/* SPDX-License-Identifier: MIT */
/* hla-info as a function, so tests can run it inside their own process. */
#ifndef INFO_TOOL_H
#define INFO_TOOL_H

#include <stdio.h>

/* exit codes (documented in hla-info(1)) */
enum {
	INFO_EXIT_OK = 0,
	INFO_EXIT_USAGE = 1,
	INFO_EXIT_NO_DEVICE = 2,
	INFO_EXIT_PERMISSION = 3,
	INFO_EXIT_NOT_OPERATIONAL = 4,
	INFO_EXIT_NO_MEMORY = 5,
};

/* Runs the tool: report to out, the one-line diagnostic to err. */
int info_tool_run(int argc, char **argv, FILE *out, FILE *err);

#endif /* INFO_TOOL_H */
