/* SPDX-License-Identifier: MIT */
/*
 * The control hook for tests, resolved with dlsym(RTLD_DEFAULT,
 * "hla_sim_control"): "reset DEV", "hard-reset DEV", "hwerr DEV ID",
 * "razwi DEV ADDR", "page-fault DEV ADDR", "undefined-opcode DEV",
 * "status DEV N", "cs-hang DEV", "abort DEV".  0 or -errno.
 */
#include "shim/shim.h"

#include <errno.h>

SIM_EXPORT int hla_sim_control(const char *cmd);
SIM_EXPORT int hla_sim_control(const char *cmd)
{
	struct sim *s = sim_shim();
	char what[32];
	long long arg = 0;
	int dev = 0;

	if (!cmd || sscanf(cmd, "%31s %d %lli", what, &dev, &arg) < 2 || dev < 0 ||
	    dev >= s->ndev)
		return -EINVAL;
	return sim_dev_control(&s->devs[dev], what, arg);
}
