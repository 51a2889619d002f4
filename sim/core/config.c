/* SPDX-License-Identifier: MIT */
/* The simulator's settings, from the HLA_SIM_* environment. */
#include "core/core.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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

static const struct sim_variant variants[] = {
	{ "gaudi", SIM_GAUDI, 0x1000, 0, "GAUDI", false },
	{ "gaudi2", SIM_GAUDI2, 0x1020, 1, "GAUDI2", false },
	/* get_asic_type(): the PCI revision picks the Gaudi2 variant */
	{ "gaudi2b", SIM_GAUDI2, 0x1020, 2, "GAUDI2B", true },
	{ "gaudi2c", SIM_GAUDI2, 0x1020, 3, "GAUDI2C", true },
	{ "gaudi2d", SIM_GAUDI2, 0x1020, 4, "GAUDI2D", true },
	{ "gaudi2e", SIM_GAUDI2, 0x1020, 5, "GAUDI2E", true },
	{ "gaudi3", SIM_GAUDI3, 0x1060, 1, "GAUDI3", true },
};

const struct sim_variant *sim_variant_find(const char *name)
{
	if (!strcmp(name, "gaudi1"))
		name = "gaudi";
	for (size_t i = 0; i < sizeof(variants) / sizeof(variants[0]); i++)
		if (!strcmp(variants[i].name, name))
			return &variants[i];
	return NULL;
}

#define BAD(...)                                        \
	do {                                            \
		snprintf(msg, msglen, __VA_ARGS__);     \
		return -EINVAL;                         \
	} while (0)

/*
 * The driver profile and the interface: HLA_SIM_DRIVER names the profile,
 * HLA_SIM_IFACE alone picks 6.8 (accel) or 6.1 (legacy); given together
 * they must agree.
 */
static int read_driver(struct sim_config *cfg, char *msg, size_t msglen)
{
	const char *drv = getenv("HLA_SIM_DRIVER"), *ifc = getenv("HLA_SIM_IFACE");
	enum sim_iface want = 0;

	if (ifc && *ifc) {
		if (!strcmp(ifc, "legacy"))
			want = SIM_LEGACY;
		else if (!strcmp(ifc, "accel"))
			want = SIM_ACCEL;
		else
			BAD("HLA_SIM_IFACE=%s: accel or legacy", ifc);
	}
	if (drv && *drv) {
		cfg->prof = sim_profile_find(drv);
		if (!cfg->prof)
			BAD("HLA_SIM_DRIVER=%s: one of %s", drv, sim_profile_names());
	} else {
		cfg->prof = sim_profile_find(want == SIM_LEGACY ? "6.1" : "6.8");
	}
	cfg->iface = cfg->prof->nodes == SIM_NODES_LEGACY ? SIM_LEGACY : SIM_ACCEL;
	if (want && want != cfg->iface)
		BAD("HLA_SIM_IFACE=%s contradicts HLA_SIM_DRIVER=%s, whose nodes are %s", ifc,
		    cfg->prof->name, cfg->iface == SIM_ACCEL ? "/dev/accel/accelN" : "/dev/hlN");
	return 0;
}

static int read_asic(struct sim_config *cfg, char *msg, size_t msglen)
{
	const char *e = getenv("HLA_SIM_ASIC");

	cfg->variant = sim_variant_find(e && *e ? e : "gaudi2");
	if (!cfg->variant)
		BAD("HLA_SIM_ASIC=%s: gaudi2, gaudi, or on out-of-tree profiles gaudi2b, "
		    "gaudi2c, gaudi2d, gaudi2e, gaudi3", e);
	if (cfg->variant->oot_only && !cfg->prof->oot)
		BAD("HLA_SIM_ASIC=%s: the upstream %s driver does not know %s; use an "
		    "out-of-tree profile (oot-5.15, oot-6.8)", e, cfg->prof->name,
		    cfg->variant->device_type);
	cfg->asic = cfg->variant->asic;
	return 0;
}

int sim_config_read(struct sim_config *cfg, char *msg, size_t msglen)
{
	const char *e;

	memset(cfg, 0, sizeof(*cfg));
	cfg->ndev = 1;
	cfg->nforeign = 1;
	cfg->dram = 0; /* the card's */
	cfg->release_watchdog_ms = 30000;
	cfg->debug = flag(getenv("HLA_SIM_DEBUG"));
	if ((e = getenv("HLA_SIM_DEVICES")) && !parse_int(e, 0, SIM_MAX_DEVICES, &cfg->ndev))
		BAD("HLA_SIM_DEVICES=%s: the simulator has 0 to %d devices", e, SIM_MAX_DEVICES);
	if (read_driver(cfg, msg, msglen) || read_asic(cfg, msg, msglen))
		return -EINVAL;
	if ((e = getenv("HLA_SIM_DRAM")) && *e &&
	    (!sim_parse_size(e, &cfg->dram) || cfg->dram < (256ull << 20) ||
	     cfg->dram > (1ull << 40)))
		BAD("HLA_SIM_DRAM=%s: a size from 256M to 1024G", e);
	/* a 640 MiB page for the driver and one for the user, at least */
	if (cfg->dram && cfg->asic == SIM_GAUDI2 && cfg->dram < 2 * (640ull << 20))
		BAD("HLA_SIM_DRAM=%s: Gaudi2 DRAM comes in 640 MiB pages, one of them the "
		    "driver's: 1280M at least", e);
	if ((e = getenv("HLA_SIM_FOREIGN")) &&
	    !parse_int(e, 0, SIM_MAX_FOREIGN, &cfg->nforeign))
		BAD("HLA_SIM_FOREIGN=%s: 0 to %d other accelerators", e, SIM_MAX_FOREIGN);
	cfg->foreign_first = flag(getenv("HLA_SIM_FOREIGN_FIRST"));
	if ((e = getenv("HLA_SIM_RELEASE_WATCHDOG_MS")) &&
	    !parse_int(e, 1, 30000, &cfg->release_watchdog_ms))
		BAD("HLA_SIM_RELEASE_WATCHDOG_MS=%s: 1 to 30000 milliseconds", e);
	cfg->faults = getenv("HLA_SIM_FAULTS");
	cfg->root = getenv("HLA_SIM_ROOT");
	if (cfg->root && !*cfg->root)
		cfg->root = NULL;
	return 0;
}

const char *sim_tree_parent(void)
{
	const char *tmp = getenv("TMPDIR");

	if (tmp && *tmp)
		return tmp;
	/* thousands of small files: on a disk file system that takes seconds */
	return sim_real_access("/dev/shm", W_OK | X_OK) ? "/tmp" : "/dev/shm";
}

int sim_tree_family(char *buf, size_t size, const char *launcher)
{
	int n = snprintf(buf, size, "%s/hla-sim.%s.", sim_tree_parent(), launcher);

	return n < 0 || (size_t)n >= size ? -ENAMETOOLONG : 0;
}
