/* SPDX-License-Identifier: MIT */
/* Interruptible sleeping: ppoll() on a private eventfd. */
#include "core/waitq.h"

#include <errno.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <time.h>
#include <unistd.h>

void sim_waitq_init(struct sim_waitq *q)
{
	q->head.next = q->head.prev = &q->head;
}

static int64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* wait on fd (or just sleep when fd < 0) for at most ns; -EINTR on a signal */
static int block(int fd, int64_t ns)
{
	struct timespec ts = { ns / 1000000000, ns % 1000000000 };
	struct pollfd p = { .fd = fd, .events = POLLIN };
	int r;

	if (fd < 0)
		r = clock_nanosleep(CLOCK_MONOTONIC, 0, &ts, NULL) ? -1 : 0;
	else
		r = ppoll(&p, 1, ns < 0 ? NULL : &ts, NULL);
	if (fd < 0 && r)
		return -EINTR; /* clock_nanosleep returns the error */
	return r < 0 && errno == EINTR ? -EINTR : 0;
}

int sim_waitq_sleep(struct sim_waitq *q, pthread_mutex_t *m, int64_t deadline,
		    int64_t slice)
{
	struct sim_waiter w;
	int64_t left = -1;
	int ret;

	if (deadline != INT64_MAX)
		left = deadline - now_ns();
	if (left == 0 || left < -1)
		return 0;
	if (slice > 0 && (left < 0 || left > slice))
		left = slice;
	/* without a descriptor (EMFILE) sleep in short slices instead */
	w.fd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
	if (w.fd < 0 && (left < 0 || left > 1000000))
		left = 1000000;
	w.next = &q->head;
	w.prev = q->head.prev;
	q->head.prev->next = &w;
	q->head.prev = &w;
	pthread_mutex_unlock(m);
	ret = block(w.fd, left);
	pthread_mutex_lock(m);
	w.prev->next = w.next;
	w.next->prev = w.prev;
	if (w.fd >= 0)
		close(w.fd);
	return ret;
}

void sim_waitq_wake_all(struct sim_waitq *q)
{
	static const uint64_t one = 1;

	for (struct sim_waiter *w = q->head.next; w != &q->head; w = w->next)
		if (w->fd >= 0 && write(w->fd, &one, sizeof(one)) < 0) {
			/* the counter is already non-zero: the waiter wakes anyway */
		}
}
