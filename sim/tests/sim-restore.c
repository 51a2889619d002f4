/* SPDX-License-Identifier: MIT */
/*
 * The restore phase of the CS ioctl (hl_cs_ctx_switch()), with raw system
 * calls.  Gaudi and Gaudi2 never switch contexts, so the restore chunks run
 * only with FORCE_RESTORE: as a CS of their own, checked like execute
 * chunks, waited for before the execute phase; a restore CS that fails
 * makes the ioctl fail with ENOEXEC and report the restore CS's seq.
 *
 * Each case uses a restore CB that fills a host page with a pattern and an
 * execute CB that copies that page to a second one: the second page shows
 * whether the restore ran first.
 */
#include "simtest.h"

#include <errno.h>
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#define PAGE 4096u
#define PATTERN 0x4242424242424242ull
#define FORCE HLK_CS_FLAGS_FORCE_RESTORE

struct fx {
	int fd;
	uint8_t *buf, *out; /* the restore fills buf, the execute copies it to out */
	uint64_t va_buf, va_out;
	struct st_cb rcb, xcb;
	struct hlk_cs_chunk rch, xch;
};

static void chunk(struct hlk_cs_chunk *ch, const struct st_cb *cb, uint32_t q, uint32_t len)
{
	memset(ch, 0, sizeof(*ch));
	ch->cb_handle = st_gaudi2 ? cb->va : cb->handle;
	ch->queue_index = q;
	ch->cb_size = len;
	ch->cs_chunk_flags = st_gaudi2 ? HLK_CS_CHUNK_FLAGS_USER_ALLOC_CB : 0;
}

static struct fx fixture;

static int fx_open(void **state)
{
	struct fx *f = &fixture;
	uint32_t len;

	f->fd = st_open_compute(0);
	assert_true(f->fd >= 0);
	f->buf = aligned_alloc(PAGE, PAGE);
	f->out = aligned_alloc(PAGE, PAGE);
	assert_non_null(f->buf);
	assert_non_null(f->out);
	memset(f->buf, 0, PAGE);
	memset(f->out, 0, PAGE);
	f->va_buf = st_map_host(f->fd, f->buf, PAGE);
	f->va_out = st_map_host(f->fd, f->out, PAGE);
	st_cb_new(f->fd, &f->rcb, PAGE);
	st_cb_new(f->fd, &f->xcb, PAGE);
	len = st_lin_dma(f->rcb.map, PATTERN, f->va_buf, PAGE,
			 st_gaudi2 ? HLK_LIN_DMA_GAUDI2_MEMSET : HLK_LIN_DMA_GAUDI_MEMSET);
	chunk(&f->rch, &f->rcb, 0, len);
	len = st_lin_dma(f->xcb.map, f->va_buf, f->va_out, PAGE, 0);
	chunk(&f->xch, &f->xcb, 0, len);
	*state = f;
	return 0;
}

static int fx_close(void **state)
{
	struct fx *f = *state;

	st_cb_free(f->fd, &f->rcb);
	st_cb_free(f->fd, &f->xcb);
	close(f->fd);
	free(f->buf);
	free(f->out);
	return 0;
}

static bool filled(const uint8_t *p)
{
	for (uint32_t i = 0; i < PAGE; i++)
		if (p[i] != 0x42)
			return false;
	return true;
}

static bool zero(const uint8_t *p)
{
	for (uint32_t i = 0; i < PAGE; i++)
		if (p[i])
			return false;
	return true;
}

/* the CS ioctl with restore and execute chunks; 0 or -errno, a filled */
static int cs(struct fx *f, union hlk_cs_args *a, const struct hlk_cs_chunk *re, uint32_t nre,
	      const struct hlk_cs_chunk *ex, uint32_t nex, uint32_t flags)
{
	memset(a, 0, sizeof(*a));
	a->in.chunks_restore = (uint64_t)(uintptr_t)re;
	a->in.num_chunks_restore = nre;
	a->in.chunks_execute = (uint64_t)(uintptr_t)ex;
	a->in.num_chunks_execute = nex;
	a->in.cs_flags = flags;
	return ioctl(f->fd, st_req(HLK_CMD_CS), a) ? -errno : 0;
}

static void done(struct fx *f, uint64_t seq)
{
	union hlk_wait_cs_args w;

	assert_int_equal(st_wait(f->fd, seq, 5000000, &w), 0);
	assert_int_equal(w.out.status, HLK_WAIT_CS_STATUS_COMPLETED);
}

/* with FORCE_RESTORE the restore CS runs, and is complete, before the
 * execute CS is queued; the caller gets the execute CS's seq */
static void restore_runs_first(void **state)
{
	union hlk_cs_args a;
	struct fx *f = *state;

	assert_int_equal(cs(f, &a, &f->rch, 1, &f->xch, 1, FORCE), 0);
	assert_int_equal(a.out.status, 0);
	assert_int_equal(a.out.seq, 2); /* the restore CS took seq 1 */
	assert_true(filled(f->buf));     /* done before the ioctl returned */
	done(f, 2);
	assert_true(filled(f->out));     /* the execute CS saw it */
	done(f, 1);
	/* an empty restore phase queues no CS */
	memset(f->out, 0, PAGE);
	assert_int_equal(cs(f, &a, (void *)8, 0, &f->xch, 1, FORCE), 0);
	assert_int_equal(a.out.seq, 3);
	done(f, 3);
	assert_true(filled(f->out));
}

/* without FORCE_RESTORE the restore chunks are not even read */
static void restore_ignored(void **state)
{
	union hlk_cs_args a;
	struct fx *f = *state;

	assert_int_equal(cs(f, &a, (void *)8, HLK_MAX_JOBS_PER_CS + 1, &f->xch, 1, 0), 0);
	assert_int_equal(a.out.seq, 1);
	assert_int_equal(cs(f, &a, &f->rch, 1, &f->xch, 1, HLK_CS_FLAGS_TIMESTAMP), 0);
	assert_int_equal(a.out.seq, 2);
	done(f, 1);
	done(f, 2);
	assert_true(zero(f->buf));
	assert_true(zero(f->out));
}

static uint64_t validation_drops(int fd)
{
	struct hlk_info_cs_counters cnt;
	struct hlk_info_args i;

	memset(&cnt, 0, sizeof(cnt));
	memset(&i, 0, sizeof(i));
	i.op = HLK_INFO_CS_COUNTERS;
	i.return_pointer = (uint64_t)(uintptr_t)&cnt;
	i.return_size = sizeof(cnt);
	assert_int_equal(ioctl(fd, st_req(HLK_CMD_INFO), &i), 0);
	return cnt.ctx_validation_drop_cnt;
}

/* the ioctl's own checks come before the restore phase: nothing runs */
static void checked_before_restore(void **state)
{
	union hlk_cs_args a;
	struct fx *f = *state;

	assert_int_equal(cs(f, &a, &f->rch, 1, &f->xch, 0, FORCE), -EINVAL);
	assert_int_equal(a.out.seq, UINT64_MAX);
	assert_int_equal(a.out.status, (uint32_t)-EINVAL);
	assert_int_equal(cs(f, &a, &f->rch, 1, &f->xch, 1,
			    FORCE | HLK_CS_FLAGS_SIGNAL | HLK_CS_FLAGS_WAIT), -EINVAL);
	assert_int_equal(cs(f, &a, &f->rch, 1, &f->xch, 2, FORCE | HLK_CS_FLAGS_SIGNAL), -EINVAL);
	if (st_gaudi2) /* no staged submission on Gaudi2 */
		assert_int_equal(cs(f, &a, &f->rch, 1, &f->xch, 1,
				    FORCE | HLK_CS_FLAGS_STAGED_SUBMISSION |
					    HLK_CS_FLAGS_STAGED_SUBMISSION_FIRST), -EPERM);
	assert_true(zero(f->buf));
	/* the restore's chunk array: count and copy before any CS exists */
	assert_int_equal(cs(f, &a, &f->rch, HLK_MAX_JOBS_PER_CS + 1, &f->xch, 1, FORCE), -EINVAL);
	assert_int_equal(a.out.seq, UINT64_MAX);
	assert_int_equal(cs(f, &a, (void *)8, 1, &f->xch, 1, FORCE), -EFAULT);
	assert_int_equal(a.out.seq, UINT64_MAX);
	assert_true(zero(f->out)); /* and no execute phase */
	assert_int_equal(cs(f, &a, NULL, 0, &f->xch, 1, 0), 0);
	assert_int_equal(a.out.seq, 1);
	done(f, 1);
}

/* restore chunks are checked as execute chunks are, and counted */
static void restore_chunk_rules(void **state)
{
	struct hlk_cs_chunk bad[2];
	union hlk_cs_args a;
	uint64_t drops;
	struct fx *f = *state;

	bad[0] = f->rch;
	bad[0].queue_index = st_gaudi2 ? HLK_GAUDI2_QUEUE_ID_CPU_PQ : HLK_GAUDI_QUEUE_ID_CPU_PQ;
	drops = validation_drops(f->fd);
	assert_int_equal(cs(f, &a, bad, 1, &f->xch, 1, FORCE), -EINVAL);
	assert_int_equal(a.out.seq, UINT64_MAX);
	assert_int_equal(a.out.status, (uint32_t)-EINVAL);
	assert_int_equal(validation_drops(f->fd), drops + 1);
	bad[0] = f->rch;
	if (st_gaudi2) /* H/W queues take user CBs only */
		bad[0].cs_chunk_flags = 0;
	else /* a CB handle with a size below one packet */
		bad[0].cb_size = 4;
	assert_int_equal(cs(f, &a, bad, 1, &f->xch, 1, FORCE), -EINVAL);
	assert_int_equal(validation_drops(f->fd), drops + 2);
	if (!st_gaudi2) { /* only internal queues: nothing would complete it */
		bad[0] = f->rch;
		bad[0].queue_index = HLK_GAUDI_QUEUE_ID_DMA_2_0;
		bad[0].cs_chunk_flags = HLK_CS_CHUNK_FLAGS_USER_ALLOC_CB;
		bad[0].cb_handle = HLK_GAUDI_HOST_VA_START;
		assert_int_equal(cs(f, &a, bad, 1, &f->xch, 1, FORCE), -EINVAL);
	}
	assert_true(zero(f->buf));
	assert_true(zero(f->out));
}

/* a CB address inside the host window that nothing is mapped at */
static void fault_chunk(struct hlk_cs_chunk *ch)
{
	memset(ch, 0, sizeof(*ch));
	ch->cb_handle = st_gaudi2 ? HLK_GAUDI2_HOST_VA_START + (1ull << 46)
				  : HLK_GAUDI_HOST_VA_START + (1ull << 48);
	ch->queue_index = st_gaudi2 ? 0 : HLK_GAUDI_QUEUE_ID_DMA_2_0;
	ch->cb_size = 64;
	ch->cs_chunk_flags = HLK_CS_CHUNK_FLAGS_USER_ALLOC_CB;
}

/* a restore CS that fails when it runs: ENOEXEC with its seq, no execute */
static void restore_fails(void **state)
{
	struct hlk_cs_chunk re[2];
	union hlk_wait_cs_args w;
	union hlk_cs_args a;
	struct fx *f = *state;

	memset(f->buf, 0x11, PAGE);
	re[0] = f->rch; /* Gaudi: an external job, so that the CS completes */
	fault_chunk(&re[1]);
	assert_int_equal(cs(f, &a, st_gaudi2 ? &re[1] : re, st_gaudi2 ? 1 : 2, &f->xch, 1, FORCE),
			 -ENOEXEC);
	assert_int_equal(a.out.seq, 1);
	assert_int_equal(a.out.status, (uint32_t)-ENOEXEC);
	assert_int_equal(st_wait(f->fd, 1, 0, &w), -EIO);
	assert_int_equal(w.out.status, HLK_WAIT_CS_STATUS_ABORTED);
	usleep(50000);
	assert_true(zero(f->out));
	assert_int_equal(cs(f, &a, NULL, 0, &f->xch, 1, 0), 0);
	assert_int_equal(a.out.seq, 2); /* the failed execute phase took none */
	done(f, 2);
}

static volatile sig_atomic_t handled;

static void on_usr1(int sig)
{
	(void)sig;
	handled++;
}

/* signal the submitter while its restore CS hangs, then reset the device
 * (Gaudi has only the hard reset, which kills the holder: there the work
 * is ended as a reset ends it, and nothing else) */
static void *kick(void *arg)
{
	struct timespec t = { 0, 100000000 };

	nanosleep(&t, NULL);
	pthread_kill(*(pthread_t *)arg, SIGUSR1);
	nanosleep(&t, NULL);
	assert_int_equal(st_ctl(st_gaudi2 ? "reset 0" : "abort 0"), 0);
	return NULL;
}

/* the wait for the restore CS outlasts signals (the driver retries on
 * ERESTARTSYS); a reset that aborts the CS ends it with ENOEXEC */
static void restore_wait_and_reset(void **state)
{
	struct sigaction sa;
	union hlk_cs_args a;
	pthread_t self = pthread_self(), t;
	int64_t t0;
	struct fx *f = *state;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_usr1; /* no SA_RESTART */
	assert_int_equal(sigaction(SIGUSR1, &sa, NULL), 0);
	handled = 0;
	assert_int_equal(st_ctl("cs-hang 0"), 0);
	assert_int_equal(pthread_create(&t, NULL, kick, &self), 0);
	t0 = st_now_ms();
	assert_int_equal(cs(f, &a, &f->rch, 1, &f->xch, 1, FORCE), -ENOEXEC);
	assert_true(st_now_ms() - t0 >= 190);
	assert_int_equal(handled, 1);
	assert_int_equal(a.out.seq, 1);
	pthread_join(t, NULL);
	signal(SIGUSR1, SIG_DFL);
	assert_true(zero(f->out));
}

/* every CS type runs the restore phase first; those that queue no CS
 * report the restore CS's seq, those that do report their own */
static void restore_with_other_types(void **state)
{
	struct hlk_cs_chunk sig;
	union hlk_cs_args a;
	struct fx *f = *state;

	memset(&a, 0, sizeof(a));
	a.in.chunks_restore = (uint64_t)(uintptr_t)&f->rch;
	a.in.num_chunks_restore = 1;
	a.in.encaps_sig_handle_id = 77;
	a.in.cs_flags = FORCE | HLK_CS_FLAGS_UNRESERVE_SIGNALS_ONLY;
	assert_int_equal(ioctl(f->fd, st_req(HLK_CMD_CS), &a), -1);
	assert_int_equal(errno, EINVAL); /* no such reservation */
	assert_int_equal(a.out.seq, 1);
	assert_int_equal(a.out.status, (uint32_t)-EINVAL);
	assert_true(filled(f->buf));
	memset(f->buf, 0, PAGE);
	memset(&sig, 0, sizeof(sig));
	sig.queue_index = 0;
	assert_int_equal(cs(f, &a, &f->rch, 1, &sig, 1, FORCE | HLK_CS_FLAGS_SIGNAL), 0);
	assert_int_equal(a.out.seq, 3); /* the restore CS was 2 */
	assert_true(filled(f->buf));
	done(f, 3);
}

/* Gaudi's staged submission: a restore phase before any part */
static void restore_and_staged(void **state)
{
	union hlk_cs_args a;
	uint64_t first;
	struct hlk_cs_chunk re;
	struct fx *f = *state;

	if (st_gaudi2)
		skip();
	/* the open staged CS holds queue 0 until its last part (a limit of
	 * the simulator): the second restore phase runs on queue 1 */
	re = f->rch;
	re.queue_index = 1;
	assert_int_equal(cs(f, &a, &f->rch, 1, &f->xch, 1,
			    FORCE | HLK_CS_FLAGS_STAGED_SUBMISSION |
				    HLK_CS_FLAGS_STAGED_SUBMISSION_FIRST), 0);
	first = a.out.seq;
	assert_int_equal(first, 2);
	memset(&a, 0, sizeof(a));
	a.in.chunks_restore = (uint64_t)(uintptr_t)&re;
	a.in.num_chunks_restore = 1;
	a.in.chunks_execute = (uint64_t)(uintptr_t)&f->xch;
	a.in.num_chunks_execute = 1;
	a.in.seq = first;
	a.in.cs_flags = FORCE | HLK_CS_FLAGS_STAGED_SUBMISSION |
			HLK_CS_FLAGS_STAGED_SUBMISSION_LAST;
	assert_int_equal(ioctl(f->fd, st_req(HLK_CMD_CS), &a), 0);
	assert_int_equal(a.out.seq, first); /* the restore CS took 3 */
	done(f, first);
	assert_true(filled(f->out));
	assert_int_equal(cs(f, &a, NULL, 0, &f->xch, 1, 0), 0);
	assert_true(a.out.seq > 3);
	done(f, a.out.seq);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(restore_runs_first, fx_open, fx_close),
		cmocka_unit_test_setup_teardown(restore_ignored, fx_open, fx_close),
		cmocka_unit_test_setup_teardown(checked_before_restore, fx_open, fx_close),
		cmocka_unit_test_setup_teardown(restore_chunk_rules, fx_open, fx_close),
		cmocka_unit_test_setup_teardown(restore_fails, fx_open, fx_close),
		cmocka_unit_test_setup_teardown(restore_wait_and_reset, fx_open, fx_close),
		cmocka_unit_test_setup_teardown(restore_with_other_types, fx_open, fx_close),
		cmocka_unit_test_setup_teardown(restore_and_staged, fx_open, fx_close),
	};

	if (!st_setup())
		return 77;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
