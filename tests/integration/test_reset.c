/* SPDX-License-Identifier: MIT */
/*
 * Device reset, hang and hardware errors in the middle of a workload, end to
 * end: what in-flight work reports, how the process learns of it (eventfd
 * and hla_events_read()), and the recovery hla_events_read(3) documents
 * (release everything, close, open again) followed by new work whose data
 * is checked.
 *
 * Each case runs in a fresh process of its own (this program started again
 * with "case NAME"), with the simulator's fault items in HLA_SIM_FAULTS:
 * the faults count the submissions of one process, and a hard reset may
 * kill the process that holds the device.  Skipped on real hardware.
 */
#include "itest.h"

#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#define SZ 65536u

/* ---- the child side: plain checks, exit status 1 on the first failure ---- */
#define CHECK(cond)                                                               \
	do {                                                                      \
		if (!(cond)) {                                                    \
			fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__,   \
				__LINE__, #cond);                                 \
			exit(1);                                                  \
		}                                                                 \
	} while (0)
#define CHECK_EQ(a, b)                                                            \
	do {                                                                      \
		long long a_ = (long long)(a), b_ = (long long)(b);               \
		if (a_ != b_) {                                                   \
			fprintf(stderr, "%s:%d: %s == %lld, expected %lld\n",    \
				__FILE__, __LINE__, #a, a_, b_);                  \
			exit(1);                                                  \
		}                                                                 \
	} while (0)

struct work {
	struct itest_dram dram;
	struct itest_host src, dst;
	struct itest_cb cb[4];
	int efd;
};

static void work_open(struct work *w, bool eventfd_too)
{
	uint64_t ev;

	CHECK_EQ(itest_open(&D), 0);
	CHECK_EQ(itest_dram_alloc(&D, SZ, &w->dram), 0);
	CHECK_EQ(itest_host_map(&D, SZ, &w->src), 0);
	CHECK_EQ(itest_host_map(&D, SZ, &w->dst), 0);
	for (int i = 0; i < 4; i++)
		CHECK_EQ(itest_cb_new(&D, 4096, &w->cb[i]), 0);
	CHECK_EQ(hla_events_read(D.dev, &ev), 0); /* start from no events */
	w->efd = -1;
	if (eventfd_too) {
		w->efd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
		CHECK(w->efd >= 0);
		CHECK_EQ(hla_events_register_fd(D.dev, w->efd), 0);
	}
}

/* what hla_events_read(3) asks of a program after a reset */
static void work_close(struct work *w)
{
	for (int i = 0; i < 4; i++) {
		CHECK_EQ(hla_cb_munmap(w->cb[i].map, w->cb[i].size), 0);
		hla_cb_destroy(D.dev, w->cb[i].handle); /* may be refused after a reset */
	}
	hla_mem_unmap(D.dev, w->src.va);
	hla_mem_unmap(D.dev, w->dst.va);
	munmap(w->src.ptr, w->src.size);
	munmap(w->dst.ptr, w->dst.size);
	itest_dram_free(&D, &w->dram);
	if (w->efd >= 0) {
		hla_events_unregister_fd(D.dev);
		close(w->efd);
	}
	itest_close(&D);
}

/* one DMA CS from a CB of w, with a watchdog of timeout_s (0: default) */
static int submit_copy(struct work *w, int i, uint64_t src, uint64_t dst,
		       uint32_t timeout_s, uint64_t *seq)
{
	HLA_STRUCT_INIT(hla_cs_submit, cs);
	HLA_STRUCT_INIT(hla_cs_out, out);
	struct hla_cs_chunk chunk;
	int ret;

	w->cb[i].used = 0;
	ret = itest_cb_lin_dma(&D, &w->cb[i], src, dst, SZ, 0);
	if (ret)
		return ret;
	itest_chunk(&D, &w->cb[i], &chunk);
	cs.execute = &chunk;
	cs.num_execute = 1;
	cs.timeout_s = timeout_s;
	ret = hla_cs_submit(D.dev, &cs, &out);
	if (!ret)
		*seq = out.seq;
	return ret;
}

/* host -> DRAM -> host with a fresh pattern, two CSs */
static void round_trip(struct work *w, uint64_t seed)
{
	uint64_t seq;

	itest_fill(w->src.ptr, SZ, seed);
	memset(w->dst.ptr, 0, SZ);
	CHECK_EQ(submit_copy(w, 0, w->src.va, w->dram.addr, 0, &seq), 0);
	CHECK_EQ(itest_wait(&D, seq, 5000000), 0);
	CHECK_EQ(submit_copy(w, 1, w->dram.addr, w->dst.va, 0, &seq), 0);
	CHECK_EQ(itest_wait(&D, seq, 5000000), 0);
	CHECK(!memcmp(w->src.ptr, w->dst.ptr, SZ));
}

static uint64_t eventfd_count(int efd, int timeout_ms)
{
	struct pollfd p = { .fd = efd, .events = POLLIN };
	uint64_t v = 0;

	if (poll(&p, 1, timeout_ms) != 1 || read(efd, &v, sizeof(v)) != sizeof(v))
		return 0;
	return v;
}

static void reset_counts(uint32_t *hard, uint32_t *soft)
{
	struct hla_device *ctl;

	CHECK_EQ(hla_device_open_index(0, HLA_OPEN_CONTROL, &ctl), 0);
	CHECK_EQ(hla_info_reset_count(ctl, hard, soft), 0);
	hla_device_close(ctl);
}

/* after the recovery: the same process opens again and new work is right */
static void recover_and_verify(uint64_t seed)
{
	struct work w;
	struct hla_device *ctl;
	uint32_t status = 0;

	CHECK_EQ(hla_device_open_index(0, HLA_OPEN_CONTROL, &ctl), 0);
	/* a release reset may still be running (status 5, a few ms): the
	 * recovery is to wait for it, within a bound */
	for (int i = 0; i < 200; i++) {
		CHECK_EQ(hla_info_device_status(ctl, &status), 0);
		if (status != HLA_DEVICE_STATUS_IN_RESET_AFTER_DEVICE_RELEASE)
			break;
		usleep(10000);
	}
	CHECK_EQ(status, HLA_DEVICE_STATUS_OPERATIONAL);
	hla_device_close(ctl);
	work_open(&w, false);
	round_trip(&w, seed);
	round_trip(&w, seed + 1);
	work_close(&w);
}

/* hwerr@CS#3: an error event when the 3rd CS completes; the work itself
 * completes and the device goes on without a reset */
static void case_hwerr(void)
{
	HLA_STRUCT_INIT(hla_hw_err_event, rec);
	uint32_t hard0, soft0, hard1, soft1;
	struct work w;
	uint64_t ev = 0;

	reset_counts(&hard0, &soft0);
	work_open(&w, true);
	round_trip(&w, 1);           /* CSs 1, 2 */
	CHECK_EQ(eventfd_count(w.efd, 0), 0);
	round_trip(&w, 2);           /* CS 3 raises the error, CS 4 still runs */
	CHECK(eventfd_count(w.efd, 2000) >= 1);
	CHECK_EQ(hla_events_read(D.dev, &ev), 0);
	CHECK(ev & HLA_EVENT_GENERAL_HW_ERR);
	CHECK(!(ev & HLA_EVENT_DEVICE_RESET));
	if (!D.legacy) {
		CHECK_EQ(hla_info_hw_err_event(D.dev, &rec), 0);
		CHECK(rec.valid & HLA_EVENT_VALID_TIMESTAMP);
	}
	round_trip(&w, 3);
	work_close(&w);
	reset_counts(&hard1, &soft1);
	CHECK_EQ(hard1, hard0);
	recover_and_verify(4);
}

/*
 * hang@CS#3 with a 1 s watchdog: the CS times out and the driver resets
 * (cs_timedout()).  On 6.1 the reset runs at once and the CS reports its
 * timeout; from 6.2 on a process registered for events gets the reset put
 * off until it releases the device, and its CS is aborted with the rest
 * (hl_device_cond_reset()), new waits refused.  Either way the program
 * learns both events and starts again.
 */
static void case_hang(void)
{
	HLA_STRUCT_INIT(hla_wait_result, res);
	HLA_STRUCT_INIT(hla_cs_timeout_event, rec);
	uint32_t hard0, soft0, hard1, soft1;
	struct work w;
	uint64_t seq, ev = 0;

	reset_counts(&hard0, &soft0);
	work_open(&w, true);
	round_trip(&w, 1);
	CHECK_EQ(submit_copy(&w, 2, w.src.va, w.dram.addr, 1, &seq), 0); /* CS 3 */
	CHECK_EQ(hla_cs_wait(D.dev, seq, 100000, &res), 0);
	CHECK_EQ(res.status, HLA_WAIT_BUSY);
	if (D.legacy) {
		CHECK_EQ(hla_cs_wait(D.dev, seq, 10000000, &res), -ETIMEDOUT);
		CHECK_EQ(res.status, HLA_WAIT_TIMEDOUT);
	} else {
		CHECK_EQ(hla_cs_wait(D.dev, seq, 10000000, &res), -EIO);
		CHECK_EQ(res.status, HLA_WAIT_ABORTED);
		CHECK_EQ(hla_cs_wait(D.dev, seq, 1000, &res), -EBUSY);
		reset_counts(&hard1, &soft1);
		CHECK_EQ(soft1, soft0); /* not before the release */
	}
	CHECK(eventfd_count(w.efd, 2000) >= 1);
	CHECK_EQ(hla_events_read(D.dev, &ev), 0);
	CHECK(ev & HLA_EVENT_CS_TIMEOUT);
	CHECK(ev & HLA_EVENT_DEVICE_RESET);
	CHECK_EQ(hla_info_cs_timeout_event(D.dev, &rec), 0);
	CHECK_EQ(rec.seq, seq);
	work_close(&w);
	reset_counts(&hard1, &soft1);
	CHECK(hard1 + soft1 > hard0 + soft0);
	recover_and_verify(5);
}

struct waiter {
	uint64_t seq;
	int ret;
	struct hla_wait_result res;
};

static void *wait_thread(void *arg)
{
	struct waiter *wt = arg;

	wt->res.sz = sizeof(wt->res);
	wt->ret = hla_cs_wait(D.dev, wt->seq, 20000000, &wt->res);
	return NULL;
}

/* a CS left in flight (hang@CS#3) with a thread waiting on it */
static void start_in_flight(struct work *w, pthread_t *th, struct waiter *wt)
{
	round_trip(w, 7); /* CSs 1, 2 */
	CHECK_EQ(submit_copy(w, 2, w->src.va, w->dram.addr, 0, &wt->seq), 0);
	CHECK_EQ(pthread_create(th, NULL, wait_thread, wt), 0);
	usleep(100000);
}

/* the waiter learns of the abort as hla_cs_wait(3) says */
static void check_aborted(pthread_t th, struct waiter *wt)
{
	CHECK_EQ(pthread_join(th, NULL), 0);
	CHECK_EQ(wt->ret, -EIO);
	CHECK_EQ(wt->res.status, HLA_WAIT_ABORTED);
}

/* "reset 0" (a compute reset) with work in flight; Gaudi has none, the
 * driver resets it hard and kills this process (the parent checks) */
static void case_soft_reset(void)
{
	uint32_t hard0, soft0, hard1, soft1;
	struct waiter wt = { 0 };
	struct work w;
	pthread_t th;
	uint64_t ev = 0;

	reset_counts(&hard0, &soft0);
	work_open(&w, true);
	start_in_flight(&w, &th, &wt);
	CHECK_EQ(itest_sim_control("reset 0"), 0);
	check_aborted(th, &wt);
	CHECK(eventfd_count(w.efd, 2000) >= 1);
	CHECK_EQ(hla_events_read(D.dev, &ev), 0);
	CHECK(ev & HLA_EVENT_DEVICE_RESET);
	work_close(&w);
	reset_counts(&hard1, &soft1);
	CHECK(soft1 > soft0);
	recover_and_verify(8);
}

/*
 * reset@CS#4, a hard reset, on a process registered for events (Linux 6.2
 * and later): the reset waits for the process.  In-flight work is aborted,
 * new waits are refused (EBUSY), the eventfd fires with DEVICE_RESET; the
 * program releases the device, the reset runs, and it opens it again.
 */
static void case_hard_reset(void)
{
	HLA_STRUCT_INIT(hla_wait_result, res);
	uint32_t hard0, soft0, hard1, soft1;
	struct waiter wt = { 0 };
	struct work w;
	pthread_t th;
	uint64_t seq, ev = 0;

	reset_counts(&hard0, &soft0);
	work_open(&w, true);
	start_in_flight(&w, &th, &wt);
	CHECK_EQ(submit_copy(&w, 3, w.src.va, w.dram.addr, 0, &seq), 0); /* CS 4 */
	check_aborted(th, &wt);
	CHECK(eventfd_count(w.efd, 2000) >= 1);
	CHECK_EQ(hla_events_read(D.dev, &ev), 0);
	CHECK(ev & HLA_EVENT_DEVICE_RESET);
	CHECK_EQ(hla_cs_wait(D.dev, seq, 1000000, &res), -EBUSY);
	reset_counts(&hard1, &soft1);
	CHECK_EQ(hard1, hard0); /* not before the release */
	work_close(&w);
	reset_counts(&hard1, &soft1);
	CHECK_EQ(hard1, hard0 + 1);
	recover_and_verify(9);
}

#define WATCHDOG_MS 500 /* HLA_SIM_RELEASE_WATCHDOG_MS of the case below */

/*
 * reset@CS#4 put off for a process registered for events (accel), which
 * does not let the device go: it closes its compute descriptor but keeps a
 * dma-buf of the device's memory, and so the device is not released.  The
 * driver's release watchdog (device_release_watchdog_func(), 30 s, here
 * WATCHDOG_MS) then resets it hard, which kills the process
 * (device_kill_open_processes()).  Until then nothing is reset.
 */
static void case_release_watchdog(void)
{
	HLA_STRUCT_INIT(hla_dmabuf_export, exp);
	uint32_t hard0, soft0, hard1, soft1;
	struct hla_device *ctl;
	struct waiter wt = { 0 };
	struct work w;
	pthread_t th;
	uint64_t seq, ev = 0;
	int buf;

	CHECK_EQ(hla_device_open_index(0, HLA_OPEN_CONTROL, &ctl), 0);
	CHECK_EQ(hla_info_reset_count(ctl, &hard0, &soft0), 0);
	work_open(&w, true);
	start_in_flight(&w, &th, &wt);
	CHECK_EQ(submit_copy(&w, 3, w.src.va, w.dram.addr, 0, &seq), 0); /* CS 4 */
	check_aborted(th, &wt);
	CHECK(eventfd_count(w.efd, 2000) >= 1);
	CHECK_EQ(hla_events_read(D.dev, &ev), 0);
	CHECK(ev & HLA_EVENT_DEVICE_RESET);
	exp.addr = w.dram.addr;
	exp.size = w.dram.size;
	CHECK_EQ(hla_mem_export_dmabuf(D.dev, &exp, &buf), 0);
	itest_close(&D); /* the dma-buf still holds the device */
	usleep(WATCHDOG_MS * 1000 / 4);
	CHECK_EQ(hla_info_reset_count(ctl, &hard1, &soft1), 0);
	CHECK_EQ(hard1, hard0); /* put off, not yet run */
	sleep(10);
	fprintf(stderr, "still alive %d ms after the release watchdog\n", WATCHDOG_MS);
	exit(1);
}

/* reset@CS#4 where the driver cannot tell the process (6.1, or no eventfd):
 * it resets at once and kills the process holding the compute node */
static void case_hard_reset_kill(void)
{
	struct waiter wt = { 0 };
	struct work w;
	pthread_t th;
	uint64_t seq;

	work_open(&w, false);
	start_in_flight(&w, &th, &wt);
	submit_copy(&w, 3, w.src.va, w.dram.addr, 0, &seq);
	usleep(500000);
	fprintf(stderr, "still alive after a hard reset\n");
	exit(1);
}

#define STR_(x) #x
#define STR(x) STR_(x)

static const struct {
	const char *name;
	void (*run)(void);
	const char *faults;
	const char *watchdog_ms; /* HLA_SIM_RELEASE_WATCHDOG_MS, or NULL */
} cases[] = {
	{ "hwerr", case_hwerr, "hwerr@CS#3", NULL },
	{ "hang", case_hang, "hang@CS#3", NULL },
	{ "soft-reset", case_soft_reset, "hang@CS#3", NULL },
	{ "hard-reset", case_hard_reset, "hang@CS#3,reset@CS#4", NULL },
	{ "hard-reset-kill", case_hard_reset_kill, "hang@CS#3,reset@CS#4", NULL },
	{ "release-watchdog", case_release_watchdog, "hang@CS#3,reset@CS#4",
	  STR(WATCHDOG_MS) },
};

/* ---- the parent side: one cmocka test per case ---- */
static const char *self;

/* run a case in a fresh process; its wait status */
static int spawn(const char *name)
{
	const char *faults = NULL, *watchdog = NULL;
	int status = -1;
	pid_t pid;

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		if (!strcmp(cases[i].name, name)) {
			faults = cases[i].faults;
			watchdog = cases[i].watchdog_ms;
		}
	assert_non_null(faults);
	pid = fork();
	assert_true(pid >= 0);
	if (!pid) {
		setenv("HLA_SIM_FAULTS", faults, 1);
		if (watchdog)
			setenv("HLA_SIM_RELEASE_WATCHDOG_MS", watchdog, 1);
		alarm(60);
		execl(self, self, "case", name, (char *)NULL);
		_exit(127);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	return status;
}

static void expect_pass(const char *name)
{
	int st = spawn(name);

	if (!WIFEXITED(st) || WEXITSTATUS(st))
		fail_msg("case %s: %s %d", name, WIFEXITED(st) ? "exit" : "signal",
			 WIFEXITED(st) ? WEXITSTATUS(st) : WTERMSIG(st));
}

static void hwerr(void **state)
{
	(void)state;
	expect_pass("hwerr");
}

static void expect_killed(const char *name)
{
	int st = spawn(name);

	if (!WIFSIGNALED(st) || WTERMSIG(st) != SIGKILL)
		fail_msg("case %s: %s %d, expected SIGKILL", name,
			 WIFEXITED(st) ? "exit" : "signal",
			 WIFEXITED(st) ? WEXITSTATUS(st) : WTERMSIG(st));
}

/* the CS's watchdog resets the device: on 6.1 at once, which on Gaudi
 * (no compute reset) is a hard reset that kills the process */
static void hang(void **state)
{
	(void)state;
	if (D.legacy && D.gaudi1)
		expect_killed("hang");
	else
		expect_pass("hang");
}

static void soft_reset(void **state)
{
	(void)state;
	if (D.gaudi1)
		expect_killed("soft-reset");
	else
		expect_pass("soft-reset");
}

/* the reset put off for a process that keeps the device (accel only: 6.1
 * has no such wait) */
static void release_watchdog(void **state)
{
	(void)state;
	if (D.legacy)
		skip();
	expect_killed("release-watchdog");
}

/* with events: the reset waits for the release (accel); on 6.1 the driver
 * has no such wait and kills the holder */
static void hard_reset(void **state)
{
	int st;

	(void)state;
	if (!D.legacy) {
		expect_pass("hard-reset");
		return;
	}
	st = spawn("hard-reset");
	assert_true(WIFSIGNALED(st));
	assert_int_equal(WTERMSIG(st), SIGKILL);
}

/* without events: killed on both interfaces; this process, which does not
 * hold the device, still opens it and moves data */
static void hard_reset_kill(void **state)
{
	struct itest_dram m;
	struct itest_host a, b;
	int st;

	(void)state;
	itest_close(&D);
	st = spawn("hard-reset-kill");
	assert_true(WIFSIGNALED(st));
	assert_int_equal(WTERMSIG(st), SIGKILL);
	assert_int_equal(itest_open(&D), 0);
	assert_int_equal(itest_dram_alloc(&D, SZ, &m), 0);
	assert_int_equal(itest_host_map(&D, SZ, &a), 0);
	assert_int_equal(itest_host_map(&D, SZ, &b), 0);
	itest_fill(a.ptr, SZ, 11);
	assert_int_equal(itest_dma(&D, a.va, m.addr, SZ, 0), 0);
	assert_int_equal(itest_dma(&D, m.addr, b.va, SZ, 0), 0);
	assert_memory_equal(a.ptr, b.ptr, SZ);
	assert_int_equal(itest_host_unmap(&D, &a), 0);
	assert_int_equal(itest_host_unmap(&D, &b), 0);
	assert_int_equal(itest_dram_free(&D, &m), 0);
}

/* the parent looks at the device only to learn the interface */
static int setup(void **state)
{
	int ret = itest_setup(state);

	if (!ret)
		itest_close(&D); /* the children open it */
	return ret;
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(hwerr),
		cmocka_unit_test(hang),
		cmocka_unit_test(soft_reset),
		cmocka_unit_test(hard_reset),
		cmocka_unit_test(hard_reset_kill),
		cmocka_unit_test(release_watchdog),
	};

	if (argc == 3 && !strcmp(argv[1], "case")) {
		for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
			if (!strcmp(cases[i].name, argv[2])) {
				cases[i].run();
				return 0;
			}
		return 2;
	}
	itest_require_device();
	if (!itest_on_sim()) {
		fprintf(stderr, "the fault cases need the simulator: skipping\n");
		return ITEST_SKIP;
	}
	self = "/proc/self/exe";
	return cmocka_run_group_tests(tests, setup, itest_teardown);
}
