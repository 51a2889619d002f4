/* SPDX-License-Identifier: MIT */
/* Debug trace on stderr (HLA_SIM_DEBUG / --debug). */
#include "core/core.h"

#include <stdarg.h>
#include <stdatomic.h>

static atomic_bool enabled;

void sim_log_enable(bool on)
{
	atomic_store(&enabled, on);
}

void sim_log(const char *fmt, ...)
{
	char line[512];
	va_list ap;
	int n;

	if (!atomic_load(&enabled))
		return;
	n = snprintf(line, sizeof(line), "hla-sim: ");
	va_start(ap, fmt);
	vsnprintf(line + n, sizeof(line) - (size_t)n, fmt, ap);
	va_end(ap);
	/* one write per line, so threads do not interleave */
	fprintf(stderr, "%s\n", line);
}
