/* SPDX-License-Identifier: MIT */
/*
 * Fault injection through the public API.  Each scenario is what a careful
 * program does with one part of the API, releasing what it got on every
 * path.  For every class of call (allocation, open, mmap, read, ioctl) and
 * every k = 1, 2, ... the scenario runs with the k-th call of that class
 * failing (ioctls twice: with EIO, and with EINTR as a signal would), until
 * it runs without reaching a k-th call.  After every run:
 *
 *  - the result is 0 or a negative errno, and 0 when nothing failed; never
 *    a broken promise (wrong data, an fd adopted twice: BROKEN);
 *  - no descriptor, mapping or heap block made during the run is left;
 *  - the device still works: a control open reads an operational status,
 *    and a submission on the long-lived compute handle writes a fresh value
 *    into host memory.
 *
 * A hang is caught by an alarm per run, a crash ends the program.  Runs under
 * hla-sim with libhla-fi.so preloaded ahead of it (see fi.c).
 */
#include "../integration/itest.h"
#include "fi.h"

#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#define MAX_K 2000
#define RUN_ALARM_S 30

static hla_fi_arm_fn *fi_arm;
static hla_fi_disarm_fn *fi_disarm;
static hla_fi_class_name_fn *fi_name;

/* the probe: a page of host memory and a CB on the long-lived handle */
static struct itest_host probe_host;
static struct itest_cb probe_cb;
static uint32_t probe_value = 1;

/* a scenario's verdict that no fault excuses */
#define BROKEN 1

/* a release that failed is tried once more, as a program would: only one
 * call fails per run, so the second try shows whether the first left a mess */
#define RELEASE(ret, call)                       \
	do {                                     \
		int r_ = (call);                 \
		if (r_)                          \
			r_ = (call);             \
		if (r_ && !(ret))                \
			(ret) = r_;              \
	} while (0)

/* ---- scenarios ---- */
static int sc_open_compute(void)
{
	struct hla_device *dev;
	HLA_STRUCT_INIT(hla_device_desc, desc);
	int ret = hla_device_open_index(1, HLA_OPEN_RETRY, &dev);

	if (ret)
		return ret;
	ret = hla_device_describe(dev, &desc);
	RELEASE(ret, hla_device_close(dev));
	return ret;
}

static int sc_open_control(void)
{
	struct hla_devlist *list;
	struct hla_device *dev;
	HLA_STRUCT_INIT(hla_device_desc, desc);
	uint32_t n = 0;
	int ret = hla_devlist_create(0, &list);

	if (ret)
		return ret;
	ret = hla_devlist_count(list, &n);
	if (!ret)
		ret = hla_devlist_describe(list, 0, &desc);
	if (!ret)
		ret = hla_devlist_open(list, 0, HLA_OPEN_CONTROL, &dev);
	hla_devlist_destroy(list);
	if (ret)
		return ret;
	RELEASE(ret, hla_device_close(dev));
	if (ret)
		return ret;
	ret = hla_device_open_path(desc.control_node, HLA_OPEN_CONTROL, &dev);
	if (!ret)
		RELEASE(ret, hla_device_close(dev));
	if (!ret)
		ret = hla_device_open_pci(desc.pci_bus_id, HLA_OPEN_CONTROL, &dev);
	if (!ret)
		RELEASE(ret, hla_device_close(dev));
	return ret;
}

/* descriptors opened by the program, adopted, duplicated or borrowed; a
 * descriptor a handle owns cannot be adopted again */
static int sc_open_fd(void)
{
	static const uint32_t modes[] = { HLA_OPEN_FD_DUP, 0, HLA_OPEN_FD_ADOPT };
	struct hla_device *a, *b;
	HLA_STRUCT_INIT(hla_device_desc, desc);
	int fd, ret = hla_device_open_index(0, HLA_OPEN_CONTROL, &a);

	if (ret)
		return ret;
	ret = hla_device_describe(a, &desc);
	if (!ret) {
		ret = hla_device_open_fd(hla_device_get_fd(a), HLA_OPEN_FD_ADOPT, &b);
		if (!ret) {
			hla_device_close(b);
			ret = BROKEN;
		} else if (ret == -EBUSY) {
			ret = 0; /* another error is the injected one, or a failure */
		}
	}
	RELEASE(ret, hla_device_close(a));
	if (ret)
		return ret;
	fd = open(desc.control_node, O_RDWR | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	for (size_t i = 0; i < 3 && !ret; i++) {
		ret = hla_device_open_fd(fd, modes[i], &b);
		if (!ret)
			RELEASE(ret, hla_device_close(b));
		if (!ret && modes[i] == HLA_OPEN_FD_ADOPT)
			fd = -1; /* the handle closed it */
		if (!ret && fd >= 0 && fcntl(fd, F_GETFD) == -1)
			ret = BROKEN; /* a handle closed what it did not own */
	}
	if (fd >= 0)
		close(fd);
	return ret;
}

static int sc_info(void)
{
	struct hla_device *dev;
	HLA_STRUCT_INIT(hla_hw_ip_info, hw);
	HLA_STRUCT_INIT(hla_dram_usage, du);
	uint32_t st, cur, max, hard, soft, ev[64], nev;
	char attr[64];
	int ret = hla_device_open_index(0, HLA_OPEN_CONTROL, &dev);

	if (ret)
		return ret;
	ret = hla_info_hw_ip(dev, &hw);
	if (!ret)
		ret = hla_info_device_status(dev, &st);
	if (!ret)
		ret = hla_info_dram_usage(dev, &du);
	if (!ret)
		ret = hla_info_clk_rate(dev, &cur, &max);
	if (!ret)
		ret = hla_info_reset_count(dev, &hard, &soft);
	if (!ret)
		ret = hla_info_hw_events(dev, ev, 64, &nev);
	if (!ret)
		ret = hla_device_sysfs_read(dev, "cpucp_ver", attr, sizeof(attr));
	if (ret > 0)
		ret = 0;
	RELEASE(ret, hla_device_close(dev));
	return ret;
}

static int sc_cb(void)
{
	struct itest_cb cb;
	uint32_t usage;
	int ret = itest_cb_new(&D, 4096, &cb);

	if (ret)
		return ret;
	ret = hla_cb_get_usage(D.dev, cb.handle, &usage);
	RELEASE(ret, hla_cb_munmap(cb.map, cb.size));
	RELEASE(ret, hla_cb_destroy(D.dev, cb.handle));
	return ret;
}

/* hla_cs_wait(3): on EINTR the result is untouched; on EIO and ETIMEDOUT
 * only the status is set */
static int wait_checked(uint64_t seq)
{
	HLA_STRUCT_INIT(hla_wait_result, res);
	int ret;

	res.status = 0xdead;
	res.valid = 0xdead;
	ret = hla_cs_wait(D.dev, seq, 5000000, &res);
	if (ret == -EINTR && (res.status != 0xdead || res.valid != 0xdead))
		return BROKEN;
	if (ret == -EIO && (res.status != HLA_WAIT_ABORTED || res.valid != HLA_WAIT_RESULT_STATUS))
		return BROKEN;
	if (!ret && res.status != HLA_WAIT_COMPLETED)
		return -ETIME;
	return ret;
}

static int sc_cs(void)
{
	struct itest_host h;
	struct itest_cb cb;
	uint64_t seq;
	int ret = itest_host_map(&D, 4096, &h);

	if (ret)
		return ret;
	ret = itest_cb_new(&D, 4096, &cb);
	if (!ret) {
		ret = itest_cb_msg_long(&D, &cb, h.va, 0x5eed);
		if (!ret)
			ret = itest_submit(&D, &cb, 0, &seq);
		if (!ret)
			ret = wait_checked(seq);
		if (!ret && *(volatile uint32_t *)h.ptr != 0x5eed)
			ret = BROKEN;
		RELEASE(ret, hla_cb_munmap(cb.map, cb.size));
		RELEASE(ret, hla_cb_destroy(D.dev, cb.handle));
	}
	RELEASE(ret, hla_mem_unmap(D.dev, h.va));
	munmap(h.ptr, h.size);
	return ret;
}

/* device memory: allocated, and mapped where the ASIC has an MMU */
static int dram_get(struct itest_dram *m)
{
	int ret;

	memset(m, 0, sizeof(*m));
	m->size = 2u << 20;
	ret = hla_mem_alloc(D.dev, m->size, 0, 0, &m->handle);
	if (ret || D.gaudi1) {
		m->addr = D.hw.dram_base_address;
		return ret;
	}
	ret = hla_mem_map(D.dev, m->handle, 0, 0, &m->addr);
	if (ret) {
		RELEASE(ret, hla_mem_free(D.dev, m->handle, m->size));
		return ret;
	}
	m->mapped = true;
	return 0;
}

static int dram_put(struct itest_dram *m, int ret)
{
	if (m->mapped)
		RELEASE(ret, hla_mem_unmap(D.dev, m->addr));
	RELEASE(ret, hla_mem_free(D.dev, m->handle, m->size));
	return ret;
}

static int sc_mem(void)
{
	struct itest_dram m;
	int ret = dram_get(&m);

	return ret ? ret : dram_put(&m, 0);
}

static int sc_host(void)
{
	struct itest_host h;
	int ret = itest_host_map(&D, 1u << 20, &h);

	if (ret)
		return ret;
	RELEASE(ret, hla_mem_unmap(D.dev, h.va));
	munmap(h.ptr, h.size);
	return ret;
}

static int sc_dmabuf(void)
{
	HLA_STRUCT_INIT(hla_dmabuf_export, exp);
	struct itest_dram m;
	int fd = -1, ret = dram_get(&m);

	if (ret)
		return ret;
	exp.addr = m.addr;
	exp.size = m.size;
	ret = hla_mem_export_dmabuf(D.dev, &exp, &fd);
	if (!ret)
		close(fd);
	return dram_put(&m, ret);
}

static int sc_events(void)
{
	int efd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK), ret;
	uint64_t ev;

	if (efd < 0)
		return -errno;
	ret = hla_events_register_fd(D.dev, efd);
	if (!ret) {
		ret = hla_events_read(D.dev, &ev);
		RELEASE(ret, hla_events_unregister_fd(D.dev));
	}
	close(efd);
	return ret;
}

static int sc_debug(void)
{
	int ret = hla_debug_set_mode(D.dev, HLA_DEBUG_ENABLE);

	if (ret)
		return ret;
	RELEASE(ret, hla_debug_set_mode(D.dev, 0));
	return ret;
}

struct scenario {
	const char *name;
	int (*run)(void);
	bool settle; /* wait out a Gaudi2 release before each run */
	unsigned int points, survived, tolerated;
};

static struct scenario scenarios[] = {
	{ "open-compute", sc_open_compute, true, 0, 0, 0 },
	{ "open-control", sc_open_control, false, 0, 0, 0 },
	{ "open-fd", sc_open_fd, false, 0, 0, 0 },
	{ "info", sc_info, false, 0, 0, 0 },
	{ "cb", sc_cb, false, 0, 0, 0 },
	{ "cs", sc_cs, false, 0, 0, 0 },
	{ "mem", sc_mem, false, 0, 0, 0 },
	{ "host-map", sc_host, false, 0, 0, 0 },
	{ "dmabuf", sc_dmabuf, false, 0, 0, 0 },
	{ "events", sc_events, false, 0, 0, 0 },
	{ "debug", sc_debug, false, 0, 0, 0 },
};

/* ---- what a run must leave as it found ---- */
struct snapshot {
	int fds;
	int maps;
	char text[1 << 16];
};

static void snap(struct snapshot *s)
{
	FILE *f = fopen("/proc/self/maps", "r");
	size_t len = 0;

	s->fds = 0;
	s->maps = 0;
	s->text[0] = '\0';
	for (int fd = 0; fd < 1024; fd++)
		s->fds += fcntl(fd, F_GETFD) != -1;
	if (!f)
		return;
	while (fgets(s->text + len, (int)(sizeof(s->text) - len), f)) {
		/* the heap's end moves with malloc's arena: not a leak */
		if (strstr(s->text + len, "[heap]"))
			continue;
		len += strlen(s->text + len);
		s->maps++;
		if (len + 256 >= sizeof(s->text))
			break;
	}
	fclose(f);
}

/* the device still works: a control open, and a CS on the long-lived handle */
static int usable(const struct scenario *sc)
{
	struct hla_device *ctl;
	uint32_t status = 0;
	uint64_t seq;
	int ret = hla_device_open_index(0, HLA_OPEN_CONTROL, &ctl);

	if (ret)
		return ret;
	ret = hla_info_device_status(ctl, &status);
	hla_device_close(ctl);
	if (!ret && status != HLA_DEVICE_STATUS_OPERATIONAL)
		ret = -ENXIO;
	probe_cb.used = 0;
	probe_value++;
	if (!ret)
		ret = itest_cb_msg_long(&D, &probe_cb, probe_host.va, probe_value);
	if (!ret)
		ret = itest_submit(&D, &probe_cb, 0, &seq);
	if (!ret)
		ret = itest_wait(&D, seq, 5000000);
	if (!ret && *(volatile uint32_t *)probe_host.ptr != probe_value)
		ret = -EBADMSG;
	if (!ret && sc->settle) { /* the scenario's own device */
		struct hla_device *dev;

		ret = hla_device_open_index(1, HLA_OPEN_RETRY, &dev);
		if (!ret)
			ret = hla_device_close(dev);
	}
	return ret;
}

static const char *cur_name = "";
static int cur_cls;
static unsigned int cur_k;

static void on_alarm(int sig)
{
	char msg[160];
	int n = snprintf(msg, sizeof(msg), "FAIL %s %s k=%u: no result after %d s (hang)\n",
			 cur_name, fi_name(cur_cls), cur_k, RUN_ALARM_S);

	(void)sig;
	if (write(2, msg, (size_t)n) < 0)
		n = 0;
	_exit(1);
}

static void settle(const struct scenario *sc)
{
	if (sc->settle && D.gaudi2)
		usleep(25000); /* the Gaudi2 release reset of the last close */
}

static struct snapshot before, after;

static void list_fds(void)
{
	char path[64], target[256];

	for (int fd = 0; fd < 1024; fd++) {
		ssize_t n;

		snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
		n = readlink(path, target, sizeof(target) - 1);
		if (n < 0)
			continue;
		target[n] = '\0';
		fprintf(stderr, "  fd %d -> %s\n", fd, target);
	}
}

static bool same_maps(void)
{
	if (before.maps == after.maps && !strcmp(before.text, after.text))
		return true;
	fprintf(stderr, "--- mappings before:\n%s--- after:\n%s", before.text, after.text);
	return false;
}

/* one run: 1 when the k-th call never came, 0 when it came and all is well,
 * -1 on a failure (reported) */
static int run_point(struct scenario *sc, int cls, unsigned int k)
{
	struct hla_fi_result res;
	const char *why = NULL;
	int ret, uret;

	cur_name = sc->name;
	cur_cls = cls;
	cur_k = k;
	settle(sc);
	snap(&before);
	alarm(RUN_ALARM_S);
	fi_arm(cls, k);
	ret = sc->run();
	fi_disarm(&res);
	/* work the failed call left running on the device thread may hold a
	 * descriptor of the simulator's for a moment: a leak is what stays */
	for (int i = 0; i < 50; i++) {
		snap(&after);
		if (after.fds == before.fds && !strcmp(after.text, before.text))
			break;
		usleep(20000);
	}
	uret = usable(sc);
	alarm(0);
	if (ret > 0 || ret < -4095)
		why = "not 0 or a negative errno";
	else if (!res.fired && ret)
		why = "failed with no fault injected";
	else if (res.live)
		why = "heap blocks left allocated";
	else if (after.fds != before.fds)
		why = "descriptors leaked";
	else if (!same_maps())
		why = "mappings leaked";
	else if (uret)
		why = "device unusable afterwards";
	if (why) {
		fprintf(stderr, "FAIL %s %s k=%u: %s (ret %d%s%s, live %u, fds %d -> %d, "
				"probe %d)\n",
			sc->name, fi_name(cls), k, why, ret, ret ? " " : "",
			ret ? strerror(-ret) : "", res.live, before.fds, after.fds, uret);
		list_fds();
		return -1;
	}
	if (!res.fired)
		return 1;
	if (!ret)
		sc->tolerated++;
	if (getenv("HLA_FAULTS_VERBOSE"))
		printf("  %s %s k=%u: %d\n", sc->name, fi_name(cls), k, ret);
	return 0;
}

static int run_scenario(struct scenario *sc)
{
	unsigned int per[HLA_FI_NCLASSES] = { 0 };
	int failed = 0;

	for (int cls = 0; cls < HLA_FI_NCLASSES; cls++) {
		unsigned int k;
		int r = 0;

		for (k = 1; k <= MAX_K; k++) {
			r = run_point(sc, cls, k);
			if (r > 0)
				break;
			sc->points++;
			if (r < 0)
				failed = 1;
			else
				sc->survived++;
		}
		if (k > MAX_K) {
			fprintf(stderr, "FAIL %s %s: still failing calls at k=%d\n", sc->name,
				fi_name(cls), MAX_K);
			failed = 1;
		}
		per[cls] = k - 1;
	}
	printf("%-13s %4u exercised %4u survived  (alloc %u, open %u, mmap %u, read %u, "
	       "ioctl %u, eintr %u; %u ran on despite the fault)\n",
	       sc->name, sc->points, sc->survived, per[HLA_FI_ALLOC], per[HLA_FI_OPEN],
	       per[HLA_FI_MMAP], per[HLA_FI_READ], per[HLA_FI_IOCTL], per[HLA_FI_EINTR],
	       sc->tolerated);
	fflush(stdout);
	return failed;
}

/* a scenario the device cannot do at all (dma-buf of Gaudi2 memory on 6.1) */
static bool unsupported(const struct scenario *sc)
{
	uint64_t forms = HLA_CAP_DMABUF_ADDR | HLA_CAP_DMABUF_PHYS;

	return sc->run == sc_dmabuf && !(D.desc.caps & forms);
}

static int setup(void)
{
	struct hla_device *dev;

	*(void **)&fi_arm = dlsym(RTLD_DEFAULT, "hla_fi_arm");
	*(void **)&fi_disarm = dlsym(RTLD_DEFAULT, "hla_fi_disarm");
	*(void **)&fi_name = dlsym(RTLD_DEFAULT, "hla_fi_class_name");
	if (!fi_arm || !fi_disarm || !fi_name || !itest_on_sim()) {
		fprintf(stderr, "needs libhla-fi.so preloaded ahead of libhla-sim.so\n");
		return -1;
	}
	if (itest_open(&D) || itest_host_map(&D, 4096, &probe_host) ||
	    itest_cb_new(&D, 4096, &probe_cb)) {
		fprintf(stderr, "cannot set up the probe\n");
		return -1;
	}
	/* the simulator starts a device's thread at its first open, for good */
	if (hla_device_open_index(1, HLA_OPEN_RETRY, &dev) || hla_device_close(dev)) {
		fprintf(stderr, "cannot open device 1\n");
		return -1;
	}
	signal(SIGALRM, on_alarm);
	return 0;
}

int main(int argc, char **argv)
{
	unsigned int points = 0, survived = 0;
	struct timespec t0, t1;
	int failed = 0;

	itest_require_device();
	if (setup())
		return 1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (size_t i = 0; i < sizeof(scenarios) / sizeof(scenarios[0]); i++) {
		struct scenario *sc = &scenarios[i];

		if (argc > 1 && strcmp(argv[1], sc->name))
			continue;
		if (unsupported(sc)) {
			printf("%-13s not supported by this device and driver\n", sc->name);
			continue;
		}
		/* once without faults: it must work, and what the simulator and
		 * libc set up on first use (threads, arenas) is then in place */
		if (sc->run() || usable(sc)) {
			fprintf(stderr, "FAIL %s: fails without a fault\n", sc->name);
			failed = 1;
			continue;
		}
		failed |= run_scenario(sc);
		points += sc->points;
		survived += sc->survived;
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	printf("total: %u fault points exercised, %u survived, %.1f s\n", points, survived,
	       (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
	if (!points)
		failed = 1;
	itest_cb_free(&D, &probe_cb);
	itest_host_unmap(&D, &probe_host);
	itest_close(&D);
	return failed || points != survived;
}
