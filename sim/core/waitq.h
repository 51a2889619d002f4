/* SPDX-License-Identifier: MIT */
/*
 * Interruptible sleeping for the ioctls that block.  The driver's waits
 * sleep interruptibly and turn a signal into EINTR whatever the handler's
 * SA_RESTART flag; a waiter here blocks in ppoll(), which a signal handler
 * always interrupts with EINTR, on an eventfd of its own that wakers write.
 */
#ifndef HLA_SIM_CORE_WAITQ_H
#define HLA_SIM_CORE_WAITQ_H

#include <pthread.h>
#include <stdint.h>

struct sim_waiter {
	int fd;
	struct sim_waiter *next, *prev;
};

/* a list of sleeping threads, guarded by the mutex the caller sleeps with */
struct sim_waitq {
	struct sim_waiter head;
};

void sim_waitq_init(struct sim_waitq *q);

/*
 * Sleep with *m held on entry and on return, until woken, until deadline
 * (CLOCK_MONOTONIC ns; INT64_MAX: none) or for at most slice ns (0: no
 * slice).  0 when the caller should re-check its condition, -EINTR when a
 * signal handler ran.
 */
int sim_waitq_sleep(struct sim_waitq *q, pthread_mutex_t *m, int64_t deadline,
		    int64_t slice);

/* wake every sleeper; the caller holds the mutex the sleepers use */
void sim_waitq_wake_all(struct sim_waitq *q);

#endif /* HLA_SIM_CORE_WAITQ_H */
