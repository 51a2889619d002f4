/* SPDX-License-Identifier: MIT */
/*
 * The process's simulator: configured from the environment and set up
 * once, on the first intercepted call that needs it.  A setting the
 * simulator cannot honour (more than 64 devices, an unknown fault) stops
 * the program with a message and exit status 2 rather than being
 * clamped or ignored.
 */
#include "shim/shim.h"

#include <stdlib.h>
#include <unistd.h>

static struct sim the_sim;
static pthread_once_t once = PTHREAD_ONCE_INIT;
static pid_t creator;

static void cleanup(void)
{
	if (getpid() == creator) /* a child leaves the parent's tree alone */
		sim_fs_destroy();
}

static void fork_prepare(void)
{
	sim_fd_fork_lock();
	sim_fork_prepare(&the_sim);
}

static void fork_parent(void)
{
	sim_fork_parent(&the_sim);
	sim_fd_fork_unlock();
}

static void fork_child(void)
{
	sim_self_forget();
	sim_fork_child(&the_sim);
	sim_fd_fork_unlock();
}

static void refuse(const char *msg)
{
	fprintf(stderr, "hla-sim: %s\n", msg);
	_exit(2);
}

static void setup(void)
{
	struct sim_config cfg;
	char msg[256];

	if (sim_config_read(&cfg, msg, sizeof(msg)))
		refuse(msg);
	sim_log_enable(cfg.debug);
	if (sim_create(&the_sim, &cfg, msg, sizeof(msg)))
		refuse(msg);
	the_sim.on_status = sim_fs_status;
	creator = getpid();
	pthread_atfork(fork_prepare, fork_parent, fork_child);
	if (sim_fs_create(&the_sim))
		sim_log("cannot create the fake tree");
	atexit(cleanup);
	sim_log("%d %s device(s), driver %s (%s nodes), root %s", the_sim.ndev,
		cfg.variant->device_type, cfg.prof->name,
		cfg.iface == SIM_ACCEL ? "accel" : "legacy", sim_fs_root());
}

struct sim *sim_shim(void)
{
	pthread_once(&once, setup);
	return &the_sim;
}
