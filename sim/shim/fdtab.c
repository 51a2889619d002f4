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

#include <string.h>

#define MAX_FD 65536
#define MAX_MAPS 8192 /* every CB and TS buffer of a context, and more */

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

/* ---- mappings of device objects and aliases of device memory ---- */
static struct {
	uint8_t *addr;
	size_t len;
	struct sim_device *dev;
	uint64_t off;
	bool alias;
} maps[MAX_MAPS];
static int nmaps, high; /* entries in use; first never-used slot */
static pthread_mutex_t maps_lock = PTHREAD_MUTEX_INITIALIZER;

void sim_map_note(void *addr, size_t len, struct sim_device *d, uint64_t off, bool alias)
{
	pthread_mutex_lock(&maps_lock);
	for (int i = 0; i < MAX_MAPS; i++)
		if (!maps[i].addr) {
			maps[i].addr = addr;
			maps[i].len = len;
			maps[i].dev = d;
			maps[i].off = off;
			maps[i].alias = alias;
			nmaps++;
			if (i >= high)
				high = i + 1;
			break;
		}
	pthread_mutex_unlock(&maps_lock);
}

/*
 * Every munmap of the process comes here first (nothing to scan most of
 * the time).  False if the range lies in an alias of device memory,
 * which the caller must then leave mapped.
 */
bool sim_map_unmapped(void *addr, size_t len)
{
	uint8_t *p = addr;
	struct sim_device *d = NULL;
	bool alias = false, whole = false;
	uint64_t off = 0;

	pthread_mutex_lock(&maps_lock);
	for (int i = 0; nmaps && i < high && !d; i++) {
		if (!maps[i].addr || p < maps[i].addr || p >= maps[i].addr + maps[i].len)
			continue;
		if (maps[i].alias) {
			alias = true;
			if (p != maps[i].addr || len < maps[i].len)
				break; /* part of an alias: nothing to give back yet */
			whole = true;
		} else if (p != maps[i].addr) {
			break;
		}
		d = maps[i].dev;
		off = maps[i].off;
		maps[i].addr = NULL;
		nmaps--;
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
