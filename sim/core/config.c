/* SPDX-License-Identifier: MIT */
/* The simulator's settings, from the HLA_SIM_* environment. */
#include "core/core.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

bool sim_parse_size(const char *s, uint64_t *out)
{
	char *end;
	uint64_t v;
	unsigned int shift = 0;

	if (!s || *s < '0' || *s > '9')
		return false;
	errno = 0;
	v = strtoull(s, &end, 0);
	if (errno)
		return false;
	switch (*end) {
	case 'k': case 'K': shift = 10; end++; break;
	case 'm': case 'M': shift = 20; end++; break;
	case 'g': case 'G': shift = 30; end++; break;
	default: break;
	}
	if (*end || (shift && v > (UINT64_MAX >> shift)))
		return false;
	*out = v << shift;
	return true;
}

/* a decimal count in [lo, hi] */
static bool parse_int(const char *s, int lo, int hi, int *out)
{
	char *end;
	long v;

	if (!s || !*s)
		return false;
	errno = 0;
	v = strtol(s, &end, 10);
	if (*end || errno || v < lo || v > hi)
		return false;
	*out = (int)v;
	return true;
}

static bool flag(const char *v)
{
	return v && *v && strcmp(v, "0");
}

#define BAD(...)                                        \
	do {                                            \
		snprintf(msg, msglen, __VA_ARGS__);     \
		return -EINVAL;                         \
	} while (0)

int sim_config_read(struct sim_config *cfg, char *msg, size_t msglen)
{
	const char *e;

	memset(cfg, 0, sizeof(*cfg));
	cfg->ndev = 1;
	cfg->nforeign = 1;
	cfg->asic = SIM_GAUDI2;
	cfg->iface = SIM_ACCEL;
	cfg->dram = 4ull << 30;
	cfg->debug = flag(getenv("HLA_SIM_DEBUG"));
	if ((e = getenv("HLA_SIM_DEVICES")) && !parse_int(e, 0, SIM_MAX_DEVICES, &cfg->ndev))
		BAD("HLA_SIM_DEVICES=%s: the simulator has 0 to %d devices", e, SIM_MAX_DEVICES);
	if ((e = getenv("HLA_SIM_ASIC")) && *e) {
		if (!strcmp(e, "gaudi") || !strcmp(e, "gaudi1"))
			cfg->asic = SIM_GAUDI;
		else if (strcmp(e, "gaudi2"))
			BAD("HLA_SIM_ASIC=%s: gaudi2 or gaudi", e);
	}
	if ((e = getenv("HLA_SIM_IFACE")) && *e) {
		if (!strcmp(e, "legacy"))
			cfg->iface = SIM_LEGACY;
		else if (strcmp(e, "accel"))
			BAD("HLA_SIM_IFACE=%s: accel or legacy", e);
	}
	if ((e = getenv("HLA_SIM_DRAM")) && *e &&
	    (!sim_parse_size(e, &cfg->dram) || cfg->dram < (256ull << 20) ||
	     cfg->dram > (1ull << 40)))
		BAD("HLA_SIM_DRAM=%s: a size from 256M to 1024G", e);
	if ((e = getenv("HLA_SIM_FOREIGN")) &&
	    !parse_int(e, 0, SIM_MAX_FOREIGN, &cfg->nforeign))
		BAD("HLA_SIM_FOREIGN=%s: 0 to %d other accelerators", e, SIM_MAX_FOREIGN);
	cfg->foreign_first = flag(getenv("HLA_SIM_FOREIGN_FIRST"));
	cfg->faults = getenv("HLA_SIM_FAULTS");
	cfg->root = getenv("HLA_SIM_ROOT");
	if (cfg->root && !*cfg->root)
		cfg->root = NULL;
	return 0;
}
