/* SPDX-License-Identifier: MIT */
/*
 * What PAPI's gaudi2 component does (src/components/gaudi2): it includes
 * no hl-thunk header, dlopen()s "libhl-thunk.so" by its unversioned name,
 * dlsym()s the calls it needs, takes the device fd a framework already
 * opened (or opens one), and reads counters through the DEBUG
 * pass-through with its own copy of the kernel's argument blocks; a
 * monitoring loop reads power, clocks and utilisation the same way.
 */
#include "httest.h"

#include <dlfcn.h>
#include <errno.h>
#include <string.h>
#include <unistd.h>

/* the component's own declarations (the kernel's layout) */
struct papi_debug_args {
	uint64_t input_ptr;
	uint64_t output_ptr;
	uint32_t input_size;
	uint32_t output_size;
	uint32_t op;
	uint32_t reg_idx;
	uint32_t enable;
	uint32_t ctx_id;
};

struct papi_debug_params_spmu {
	uint64_t event_types[10];
	uint32_t event_types_num;
	uint32_t pmtrc_val;
	uint32_t trc_ctrl_host_val;
	uint32_t trc_en_host_val;
};

#define PAPI_DEVICE_DONT_CARE 4
#define PAPI_OP_SPMU 5
#define PAPI_OP_SET_MODE 7
#define PAPI_OP_READBLOCK 1032 /* out-of-tree driver only */

struct power_info { uint64_t power; };

static int (*p_open)(int device_type, const char *busid);
static int (*p_close)(int fd);
static int (*p_debug)(int fd, struct papi_debug_args *debug);
static int (*p_power)(int fd, struct power_info *info);
static int (*p_clk)(int fd, uint32_t *cur, uint32_t *max);
static int (*p_util)(int fd, uint32_t period_ms, uint32_t *rate);

static void *load(void)
{
	void *h = dlopen("libhl-thunk.so", RTLD_NOW | RTLD_GLOBAL);

	CHECK(h != NULL);
	if (!h) {
		fprintf(stderr, "%s\n", dlerror());
		return NULL;
	}
	*(void **)&p_open = dlsym(h, "hlthunk_open");
	*(void **)&p_close = dlsym(h, "hlthunk_close");
	*(void **)&p_debug = dlsym(h, "hlthunk_debug");
	*(void **)&p_power = dlsym(h, "hlthunk_get_power_info");
	*(void **)&p_clk = dlsym(h, "hlthunk_get_clk_rate");
	*(void **)&p_util = dlsym(h, "hlthunk_get_device_utilization");
	CHECK(p_open && p_close && p_debug && p_power && p_clk && p_util);
	/* what is not provided is absent, so probes see the truth */
	CHECK(dlsym(h, "hlthunk_profiler_start") == NULL);
	CHECK(dlsym(h, "hlthunk_debugfs_open") == NULL);
	return h;
}

static void counters(int fd)
{
	struct papi_debug_params_spmu params;
	struct papi_debug_args d;

	/* enable_debug_mode */
	memset(&d, 0, sizeof(d));
	d.op = PAPI_OP_SET_MODE;
	d.enable = 1;
	CHECK_EQ(p_debug(fd, &d), 0);
	/* enable_spmu: CoreSight is not simulated */
	memset(&params, 0, sizeof(params));
	params.event_types[0] = 26;
	params.event_types_num = 1;
	memset(&d, 0, sizeof(d));
	d.op = PAPI_OP_SPMU;
	d.enable = 1;
	d.input_ptr = (uint64_t)(uintptr_t)&params;
	d.input_size = sizeof(params);
	if (ht_env.sim)
		CHECK_EQ(p_debug(fd, &d), -EOPNOTSUPP);
	/* read_spmu_counters: an op hlaccel cannot pass on */
	d.op = PAPI_OP_READBLOCK;
	CHECK_EQ(p_debug(fd, &d), -EOPNOTSUPP);
	/* disable_debug_mode */
	memset(&d, 0, sizeof(d));
	d.op = PAPI_OP_SET_MODE;
	CHECK_EQ(p_debug(fd, &d), 0);
}

static void monitoring(int fd)
{
	struct power_info pw = { 0 };
	uint32_t cur = 0, max = 0, rate = 1000;

	for (int i = 0; i < 10; i++) {
		CHECK_EQ(p_power(fd, &pw), 0);
		CHECK_EQ(p_clk(fd, &cur, &max), 0);
		CHECK_EQ(p_util(fd, 100, &rate), 0);
	}
	CHECK(pw.power > 0);
	CHECK(max > 0 && cur <= max);
	CHECK(rate <= 100);
}

int main(void)
{
	void *h;
	int fd;

	ht_test_init("hlthunk-papi");
	h = load();
	if (!h)
		return ht_test_done();
	/* the fd a framework opened (find_gaudi2_device_fd) */
	fd = ht_raw_open(0, false);
	CHECK(fd >= 0);
	counters(fd);
	monitoring(fd);
	close(fd);
	/* no framework: the component opens the device itself */
	for (int i = 0; i < 500; i++) {
		fd = p_open(PAPI_DEVICE_DONT_CARE, NULL);
		if (fd != -EAGAIN)
			break;
		usleep(10000);
	}
	CHECK(fd >= 0);
	counters(fd);
	monitoring(fd);
	CHECK_EQ(p_close(fd), 0);
	CHECK_EQ(dlclose(h), 0);
	return ht_test_done();
}
