/* SPDX-License-Identifier: MIT */
/*
 * The descriptor table: which process descriptors refer to a simulated
 * open file or dma-buf.  Device descriptors are real kernel descriptors
 * (/dev/null for device nodes, a second open of the DRAM memfd for
 * dma-bufs), so close, dup, poll and fcntl behave; the table follows
 * dup/dup2/dup3/F_DUPFD and close/close_range and gives each simulated
 * object one reference per descriptor.  One lock guards the table;
 * references are dropped after it is released.
 */
#include "shim/shim.h"

#include <stdlib.h>
#include <string.h>

#define MAX_FD 65536

static struct sim_fd table[MAX_FD];
static int top; /* above every descriptor ever installed */
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static void ref(struct sim_fd e)
{
	if (e.kind == SIM_FD_FILE)
		sim_file_get(e.file);
	else if (e.kind == SIM_FD_DMABUF)
		sim_dmabuf_get(e.buf);
}

void sim_fd_put(struct sim_fd e)
{
	if (e.kind == SIM_FD_FILE)
		sim_file_put(e.file);
	else if (e.kind == SIM_FD_DMABUF)
		sim_dmabuf_put(e.buf);
}

struct sim_fd sim_fd_get(int fd)
{
	struct sim_fd e = { .kind = SIM_FD_NONE };

	if (fd < 0 || fd >= MAX_FD)
		return e;
	pthread_mutex_lock(&lock);
	e = table[fd];
	ref(e);
	pthread_mutex_unlock(&lock);
	return e;
}

bool sim_fd_known(int fd)
{
	bool known;

	if (fd < 0 || fd >= MAX_FD)
		return false;
	pthread_mutex_lock(&lock);
	known = table[fd].kind != SIM_FD_NONE;
	pthread_mutex_unlock(&lock);
	return known;
}

void sim_fd_install(int fd, struct sim_fd e)
{
	struct sim_fd old = { .kind = SIM_FD_NONE };

	if (fd < 0 || fd >= MAX_FD) {
		sim_fd_put(e);
		return;
	}
	pthread_mutex_lock(&lock);
	old = table[fd];
	table[fd] = e;
	if (e.kind != SIM_FD_NONE && fd >= top)
		top = fd + 1;
	pthread_mutex_unlock(&lock);
	sim_fd_put(old);
}

void sim_fd_forget_range(unsigned int first, unsigned int last)
{
	for (;;) {
		struct sim_fd e = { .kind = SIM_FD_NONE };

		pthread_mutex_lock(&lock);
		for (; first <= last && first < (unsigned int)top; first++)
			if (table[first].kind != SIM_FD_NONE) {
				e = table[first];
				table[first].kind = SIM_FD_NONE;
				break;
			}
		pthread_mutex_unlock(&lock);
		if (e.kind == SIM_FD_NONE)
			return;
		sim_fd_put(e); /* outside the table's lock */
	}
}

void sim_fd_forget(int fd)
{
	struct sim_fd none = { .kind = SIM_FD_NONE };

	sim_fd_install(fd, none);
}

void sim_fd_dup(int oldfd, int newfd)
{
	struct sim_fd e = sim_fd_get(oldfd);

	if (e.kind != SIM_FD_NONE || sim_fd_known(newfd))
		sim_fd_install(newfd, e); /* the reference moves into the table */
}

/*
 * ---- mappings of device objects and aliases of device memory ----
 * Sorted by address, none overlapping, as many as memory allows: the check
 * every munmap of the process makes is a binary search.
 */
struct map_note {
	uint8_t *addr;
	size_t len;
	struct sim_device *dev;
	uint64_t off;
	bool alias;
};
static struct map_note *maps;
static size_t nmaps, maps_cap;
static pthread_mutex_t maps_lock = PTHREAD_MUTEX_INITIALIZER;

/* the first note ending above p */
static size_t note_at(const uint8_t *p)
{
	size_t lo = 0, hi = nmaps;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (maps[mid].addr + maps[mid].len <= p)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static void note_drop(size_t i)
{
	nmaps--;
	memmove(maps + i, maps + i + 1, (nmaps - i) * sizeof(*maps));
}

bool sim_map_note(void *addr, size_t len, struct sim_device *d, uint64_t off, bool alias)
{
	uint8_t *p = addr;
	size_t at;

	pthread_mutex_lock(&maps_lock);
	if (nmaps == maps_cap) {
		size_t cap = maps_cap ? maps_cap * 2 : 64;
		struct map_note *m = realloc(maps, cap * sizeof(*m));

		if (!m) {
			pthread_mutex_unlock(&maps_lock);
			return false;
		}
		maps = m;
		maps_cap = cap;
	}
	at = note_at(p);
	/* a MAP_FIXED mapping replaced whatever lay there */
	while (at < nmaps && maps[at].addr < p + len)
		note_drop(at);
	memmove(maps + at + 1, maps + at, (nmaps - at) * sizeof(*maps));
	maps[at] = (struct map_note){ .addr = p, .len = len, .dev = d, .off = off, .alias = alias };
	nmaps++;
	pthread_mutex_unlock(&maps_lock);
	return true;
}

/*
 * Every munmap of the process comes here first (nothing to search most of
 * the time).  False if the range lies in an alias of device memory,
 * which the caller must then leave mapped.
 */
bool sim_map_unmapped(void *addr, size_t len)
{
	uint8_t *p = addr;
	struct sim_device *d = NULL;
	bool alias = false, whole = false;
	uint64_t off = 0;
	size_t i;

	pthread_mutex_lock(&maps_lock);
	i = nmaps ? note_at(p) : 0;
	if (i < nmaps && maps[i].addr <= p) {
		struct map_note *n = &maps[i];

		alias = n->alias;
		whole = alias && p == n->addr && len >= n->len;
		/* part of an alias: nothing to give back yet; inside an
		 * object's mapping: the driver's vm_close comes with the whole */
		if (alias ? whole : p == n->addr) {
			d = n->dev;
			off = n->off;
			note_drop(i);
		}
	}
	pthread_mutex_unlock(&maps_lock);
	if (d && whole)
		sim_dmabuf_unaliased(d);
	else if (d)
		sim_obj_unmapped(d, addr, off);
	return !alias;
}

/* fork(): both tables are consistent in the child */
void sim_fd_fork_lock(void)
{
	pthread_mutex_lock(&lock);
	pthread_mutex_lock(&maps_lock);
}

void sim_fd_fork_unlock(void)
{
	pthread_mutex_unlock(&maps_lock);
	pthread_mutex_unlock(&lock);
}
