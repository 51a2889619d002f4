/* SPDX-License-Identifier: MIT */
/*
 * hla-sim: run a program on simulated habanalabs devices.  The launcher
 * stays the program's parent: when the program ends it removes the fake
 * trees its processes made (also those of processes that were killed),
 * then ends as the program did, with its exit status or its signal.
 */
#include <dirent.h>
#include <errno.h>
#include <ftw.h>
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/wait.h>
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

/* the simulator library first in LD_PRELOAD, what was there after it */
static int preload_lib(void)
{
	char buf[PATH_MAX] = "", preload[2 * PATH_MAX];
	const char *lib = find_lib(buf, sizeof(buf)), *old = getenv("LD_PRELOAD");

	if (access(lib, R_OK)) {
		fprintf(stderr, "hla-sim: cannot find the simulator library (%s); set HLA_SIM_LIB\n",
			lib);
		return -1;
	}
	snprintf(preload, sizeof(preload), "%s%s%s", lib, old && *old ? ":" : "",
		 old && *old ? old : "");
	setenv("LD_PRELOAD", preload, 1);
	return 0;
}

static int rm_entry(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	if (type == FTW_DP)
		rmdir(path);
	else
		unlink(path);
	return 0;
}

/* remove every tree of this launcher's processes: "<parent>/hla-sim.<pid>.*" */
static void remove_trees(void)
{
	char family[PATH_MAX], num[16], path[PATH_MAX];
	const char *base;
	struct dirent *e;
	DIR *dir;

	snprintf(num, sizeof(num), "%ld", (long)getpid());
	if (sim_tree_family(family, sizeof(family), num))
		return;
	base = strrchr(family, '/') + 1;
	dir = opendir(sim_tree_parent());
	if (!dir)
		return;
	while ((e = readdir(dir))) {
		if (strncmp(e->d_name, base, strlen(base)))
			continue;
		if (snprintf(path, sizeof(path), "%s/%s", sim_tree_parent(), e->d_name) <
		    (int)sizeof(path))
			nftw(path, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
	}
	closedir(dir);
}

static pid_t child;

/* a signal sent to the launcher by a process goes on to the program; one
 * the terminal sent to the whole process group has already reached it */
static void forward(int sig, siginfo_t *si, void *uc)
{
	(void)uc;
	if (si->si_code <= 0 && child > 0)
		kill(child, sig);
}

static void forward_signals(void)
{
	static const int sigs[] = { SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGUSR1, SIGUSR2,
				    SIGALRM, SIGCONT, SIGWINCH };
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = forward;
	sa.sa_flags = SA_SIGINFO | SA_RESTART;
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		sigaction(sigs[i], &sa, NULL);
}

/* end as the program ended: its exit status, or its signal (without a
 * second core dump) */
static int end_like(int status)
{
	struct rlimit none = { 0, 0 };
	sigset_t set;
	int sig;

	if (!WIFSIGNALED(status))
		return WEXITSTATUS(status);
	sig = WTERMSIG(status);
	setrlimit(RLIMIT_CORE, &none);
	signal(sig, SIG_DFL);
	sigemptyset(&set);
	sigaddset(&set, sig);
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	raise(sig);
	return 128 + sig;
}

/* run the program as a child; its status once it has ended */
static int run(char **argv)
{
	int status;

	forward_signals();
	child = fork();
	if (child < 0)
		return -1;
	if (!child) {
		int err;

		execvp(argv[0], argv);
		err = errno;
		fprintf(stderr, "hla-sim: %s: %s\n", argv[0], strerror(err));
		_exit(err == ENOENT ? 127 : 126);
	}
	while (waitpid(child, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	return status;
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
	char faults[1024] = "";
	int c, status;

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
	if (preload_lib())
		return 127;
	status = run(argv + optind);
	remove_trees();
	if (status < 0) {
		fprintf(stderr, "hla-sim: cannot run %s: %s\n", argv[optind], strerror(errno));
		return 126;
	}
	return end_like(status);
}
