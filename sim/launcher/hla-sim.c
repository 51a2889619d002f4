/* SPDX-License-Identifier: MIT */
/* hla-sim: run a program on simulated habanalabs devices. */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "core/core.h"
#include "core/faults.h"

#ifndef HLA_SIM_INSTALLED_LIB
#define HLA_SIM_INSTALLED_LIB "/usr/local/lib/hlaccel/libhla-sim.so"
#endif

static void usage(FILE *out)
{
	fprintf(out,
		"usage: hla-sim [options] [--] command [args...]\n"
		"Run command on simulated habanalabs devices.\n\n"
		"  -n, --devices N     number of devices, 0 to 64 (default 1)\n"
		"  -D, --driver NAME   the driver to follow: 6.1.0, 6.1, 6.2, 6.5, 6.6,\n"
		"                      6.8 (default), 6.12, oot-5.15, oot-6.8 (Habana's driver)\n"
		"  -a, --asic NAME     gaudi2 (default), gaudi; with an oot-* driver also\n"
		"                      gaudi2b, gaudi2c, gaudi2d, gaudi2e, gaudi3\n"
		"  -i, --iface NAME    accel or legacy: alone, picks driver 6.8 or 6.1;\n"
		"                      with --driver, must match its nodes\n"
		"  -m, --dram SIZE     device memory per device, K/M/G suffixes (default: the card's)\n"
		"  -f, --foreign N     other vendors' accel nodes to show (default 1)\n"
		"  -F, --foreign-first put one foreign node before the habanalabs ones\n"
		"  -x, --fault SPEC    inject faults (repeatable), see hla-sim(1)\n"
		"  -d, --debug         trace the simulator on stderr\n"
		"  -h, --help          this text\n");
}

/*
 * Refuse what the simulator would refuse, before starting the program:
 * a device count beyond the limit, an unknown ASIC or a fault it would
 * not understand.  Nothing is clamped or dropped.
 */
static int check_config(void)
{
	struct sim_config cfg;
	struct sim_faults f;
	char msg[256];

	memset(&f, 0, sizeof(f));
	if (!sim_config_read(&cfg, msg, sizeof(msg)) &&
	    !sim_faults_parse(&f, cfg.faults, msg, sizeof(msg)))
		return 0;
	fprintf(stderr, "hla-sim: %s\n", msg);
	return -1;
}

/* the simulator library: $HLA_SIM_LIB, next to this program, or installed */
static const char *find_lib(char *buf, size_t size)
{
	const char *env = getenv("HLA_SIM_LIB");
	char self[PATH_MAX];
	ssize_t n;

	if (env && *env)
		return env;
	n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	if (n > 0) {
		char *slash;

		self[n] = '\0';
		slash = strrchr(self, '/');
		if (slash) {
			*slash = '\0';
			if (strlen(self) + sizeof("/../libhla-sim.so") <= size) {
				strcpy(buf, self);
				strcat(buf, "/../libhla-sim.so");
			}
			if (!access(buf, R_OK))
				return buf;
		}
	}
	return HLA_SIM_INSTALLED_LIB;
}

/*
 * The state every process of the program shares (core/xproc.c): a memfd
 * the program and its children inherit, named by HLA_SIM_STATE.
 */
static int make_state(void)
{
	char num[16];
	int fd = memfd_create(SIM_STATE_NAME, 0);

	if (fd < 0) {
		fprintf(stderr, "hla-sim: cannot create the shared state: %s\n", strerror(errno));
		return -1;
	}
	snprintf(num, sizeof(num), "%d", fd);
	setenv("HLA_SIM_STATE", num, 1);
	/* every process of this launcher names its fake tree after it */
	snprintf(num, sizeof(num), "%ld", (long)getpid());
	setenv("HLA_SIM_LAUNCHER", num, 1);
	return 0;
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "devices", required_argument, NULL, 'n' },
		{ "driver", required_argument, NULL, 'D' },
		{ "asic", required_argument, NULL, 'a' },
		{ "iface", required_argument, NULL, 'i' },
		{ "dram", required_argument, NULL, 'm' },
		{ "foreign", required_argument, NULL, 'f' },
		{ "foreign-first", no_argument, NULL, 'F' },
		{ "fault", required_argument, NULL, 'x' },
		{ "debug", no_argument, NULL, 'd' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	char faults[1024] = "", lib[PATH_MAX] = "", preload[2 * PATH_MAX];
	const char *old;
	int c;

	while ((c = getopt_long(argc, argv, "+n:D:a:i:m:f:Fx:dh", opts, NULL)) != -1) {
		switch (c) {
		case 'n':
			setenv("HLA_SIM_DEVICES", optarg, 1);
			break;
		case 'D':
			setenv("HLA_SIM_DRIVER", optarg, 1);
			break;
		case 'a':
			setenv("HLA_SIM_ASIC", optarg, 1);
			break;
		case 'i':
			setenv("HLA_SIM_IFACE", optarg, 1);
			break;
		case 'm':
			setenv("HLA_SIM_DRAM", optarg, 1);
			break;
		case 'f':
			setenv("HLA_SIM_FOREIGN", optarg, 1);
			break;
		case 'F':
			setenv("HLA_SIM_FOREIGN_FIRST", "1", 1);
			break;
		case 'x':
			if (strlen(faults) + strlen(optarg) + 2 > sizeof(faults)) {
				fprintf(stderr, "hla-sim: too many faults\n");
				return 2;
			}
			if (faults[0])
				strcat(faults, ",");
			strcat(faults, optarg);
			break;
		case 'd':
			setenv("HLA_SIM_DEBUG", "1", 1);
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (optind >= argc) {
		usage(stderr);
		return 2;
	}
	if (faults[0])
		setenv("HLA_SIM_FAULTS", faults, 1);
	if (check_config() || make_state())
		return 2;
	find_lib(lib, sizeof(lib));
	if (access(find_lib(lib, sizeof(lib)), R_OK)) {
		fprintf(stderr, "hla-sim: cannot find the simulator library (%s); set HLA_SIM_LIB\n",
			find_lib(lib, sizeof(lib)));
		return 127;
	}
	old = getenv("LD_PRELOAD");
	snprintf(preload, sizeof(preload), "%s%s%s", find_lib(lib, sizeof(lib)),
		 old && *old ? ":" : "", old && *old ? old : "");
	setenv("LD_PRELOAD", preload, 1);
	execvp(argv[optind], argv + optind);
	fprintf(stderr, "hla-sim: %s: %s\n", argv[optind], strerror(errno));
	return errno == ENOENT ? 127 : 126;
}
