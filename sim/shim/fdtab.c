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
 * As many as memory allows.  Mappings of objects never overlap: they are
 * kept sorted by address, so the check every munmap of the process makes
 * is a binary search.  Aliases of device memory may overlap (two mappings
 * of one dma-buf are the same simulator memory): a list in the order they
 * were made, searched only when there are any.
 */
struct map_note {
	uint8_t *addr;
	size_t len;
	struct sim_device *dev;
	uint64_t off;
};
struct note_list {
	struct map_note *v;
	size_t n, cap;
};
static struct note_list objs, aliases;
static pthread_mutex_t maps_lock = PTHREAD_MUTEX_INITIALIZER;

static bool note_room(struct note_list *l)
{
	size_t cap = l->cap ? l->cap * 2 : 64;
	struct map_note *v;

	if (l->n < l->cap)
		return true;
	v = realloc(l->v, cap * sizeof(*v));
	if (!v)
		return false;
	l->v = v;
	l->cap = cap;
	return true;
}

static void note_drop(struct note_list *l, size_t i)
{
	l->n--;
	memmove(l->v + i, l->v + i + 1, (l->n - i) * sizeof(*l->v));
}

/* the first object note ending above p */
static size_t note_at(const uint8_t *p)
{
	size_t lo = 0, hi = objs.n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (objs.v[mid].addr + objs.v[mid].len <= p)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

bool sim_map_note(void *addr, size_t len, struct sim_device *d, uint64_t off, bool alias)
{
	struct map_note n = { .addr = addr, .len = len, .dev = d, .off = off };
	struct note_list *l = alias ? &aliases : &objs;
	size_t at;

	pthread_mutex_lock(&maps_lock);
	if (!note_room(l)) {
		pthread_mutex_unlock(&maps_lock);
		return false;
	}
	at = alias ? l->n : note_at(n.addr);
	/* an object mapping still noted there was replaced (MAP_FIXED) */
	while (!alias && at < l->n && l->v[at].addr < n.addr + len)
		note_drop(l, at);
	memmove(l->v + at + 1, l->v + at, (l->n - at) * sizeof(*l->v));
	l->v[at] = n;
	l->n++;
	pthread_mutex_unlock(&maps_lock);
	return true;
}

/* the alias holding p; *whole if [p, p + len) unmaps all of it */
static struct map_note *alias_at(const uint8_t *p, size_t len, bool *whole)
{
	for (size_t i = 0; i < aliases.n; i++) {
		struct map_note *n = &aliases.v[i];

		if (p >= n->addr && p < n->addr + n->len) {
			*whole = p == n->addr && len >= n->len;
			return n;
		}
	}
	return NULL;
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
	struct map_note *n = NULL;
	bool whole = false;
	uint64_t off = 0;
	size_t i;

	pthread_mutex_lock(&maps_lock);
	i = objs.n ? note_at(p) : 0;
	if (i < objs.n && objs.v[i].addr <= p) {
		/* inside an object's mapping: the driver's vm_close comes
		 * with the whole */
		if (p == objs.v[i].addr) {
			d = objs.v[i].dev;
			off = objs.v[i].off;
			note_drop(&objs, i);
		}
	} else if (aliases.n && (n = alias_at(p, len, &whole)) && whole) {
		/* part of an alias: nothing to give back yet */
		d = n->dev;
		note_drop(&aliases, (size_t)(n - aliases.v));
	}
	pthread_mutex_unlock(&maps_lock);
	if (d && whole)
		sim_dmabuf_unaliased(d);
	else if (d)
		sim_obj_unmapped(d, addr, off);
	return !n;
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
