/* SPDX-License-Identifier: MIT */
/*
 * The state every process started under one launcher shares: a memfd the
 * launcher creates and its children inherit (HLA_SIM_STATE names the
 * descriptor).  The file holds no data; its byte-range locks are the
 * shared state.  They are open-file-description (OFD) locks, so a lock
 * lives exactly as long as the open file it belongs to: across dup(),
 * fork() and SCM_RIGHTS, until the last copy of the descriptor anywhere is
 * closed and nothing maps it, which is the life of a file in the driver.
 *
 *   byte dev                    the compute node of device dev is open
 *   HOLD_BASE + dev * HOLD_SPAN one byte per dma-buf of device dev
 *
 * Without the launcher the process makes a state of its own.
 */
#include "core/core.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define HOLD_BASE (1ll << 32)
#define HOLD_SPAN (1ll << 16)

bool sim_xproc_is_state(int fd)
{
	char link[64], path[32];
	ssize_t n;

	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	n = sim_real_readlink(path, link, sizeof(link) - 1);
	if (n <= 0)
		return false;
	link[n] = '\0';
	return !strncmp(link, "/memfd:" SIM_STATE_NAME " ", strlen("/memfd:" SIM_STATE_NAME " "));
}

/* a new open file of the state (its own locks), or -errno */
static int reopen(int state, int flags)
{
	char path[32];
	int fd;

	snprintf(path, sizeof(path), "/proc/self/fd/%d", state);
	fd = sim_real_open(path, flags, 0);
	return fd < 0 ? -errno : fd;
}

int sim_xproc_attach(struct sim_xproc *x)
{
	const char *env = getenv("HLA_SIM_STATE");
	char *end;
	long n;

	x->fd = -1;
	x->shared = false;
	if (env && *env) {
		errno = 0;
		n = strtol(env, &end, 10);
		if (!errno && !*end && n >= 0 && n <= INT32_MAX && sim_xproc_is_state((int)n)) {
			x->fd = reopen((int)n, O_RDWR | O_CLOEXEC);
			x->shared = x->fd >= 0;
		}
		if (!x->shared)
			sim_log("HLA_SIM_STATE=%s is not the launcher's state: "
				"this process shares nothing", env);
	}
	if (x->fd < 0)
		x->fd = memfd_create(SIM_STATE_NAME, MFD_CLOEXEC);
	return x->fd < 0 ? -errno : 0;
}

static int lock(int fd, short type, int cmd, off_t start)
{
	struct flock fl = {
		.l_type = type, .l_whence = SEEK_SET, .l_start = start, .l_len = 1,
	};

	if (sim_real_fcntl(fd, cmd, (long)&fl))
		return -errno;
	return cmd == F_OFD_GETLK && fl.l_type != F_UNLCK ? -EBUSY : 0;
}

/* is any dma-buf of dev alive in any process? */
static bool held(int fd, int dev)
{
	struct flock fl = {
		.l_type = F_WRLCK, .l_whence = SEEK_SET,
		.l_start = HOLD_BASE + dev * HOLD_SPAN, .l_len = HOLD_SPAN,
	};

	return !sim_real_fcntl(fd, F_OFD_GETLK, (long)&fl) && fl.l_type != F_UNLCK;
}

bool sim_xproc_held(const struct sim_xproc *x, int dev)
{
	return x->fd >= 0 && held(x->fd, dev);
}

int sim_xproc_claim(const struct sim_xproc *x, int dev)
{
	int fd = reopen(x->fd, O_RDWR | O_CLOEXEC), ret;

	if (fd < 0)
		return fd;
	ret = lock(fd, F_WRLCK, F_OFD_SETLK, dev);
	if (ret == -EAGAIN || ret == -EACCES || (!ret && held(fd, dev)))
		ret = -EBUSY;
	if (ret) {
		sim_real_close(fd);
		return ret;
	}
	return fd;
}

int sim_xproc_pin(const struct sim_xproc *x, int dev, int flags)
{
	int acc = flags & O_ACCMODE, fd = reopen(x->fd, flags & (O_ACCMODE | O_CLOEXEC));
	short type = acc == O_WRONLY ? F_WRLCK : F_RDLCK;

	if (fd < 0)
		return fd;
	/* read locks share a byte; a write-only file needs a byte of its own */
	for (off_t k = 0; k < HOLD_SPAN; k++) {
		int ret = lock(fd, type, F_OFD_SETLK, HOLD_BASE + dev * HOLD_SPAN + k);

		if (!ret)
			return fd;
		if (ret != -EAGAIN && ret != -EACCES) {
			sim_real_close(fd);
			return ret;
		}
	}
	sim_real_close(fd);
	return -EMFILE;
}

/*
 * Published dma-bufs: a table in the state file (slot k at TABLE + k *
 * sizeof(entry)) says which process holds the memory of a dma-buf and
 * under which descriptor.  The dma-buf's own open file carries k + 1 as
 * its file position, which every copy of it shares, wherever it went.
 */
#define TABLE 64
#define TABLE_SLOTS 4096
#define TABLE_LOCK (1ll << 40)

struct entry {
	int32_t pid;
	int32_t fd;
	uint64_t off;
	uint64_t size;
};

int sim_xproc_publish(int buf, int memfd, uint64_t off, uint64_t size)
{
	struct entry e = { .pid = sim_self(), .fd = memfd, .off = off, .size = size };
	int fd = reopen(buf, O_RDWR | O_CLOEXEC), ret;
	uint32_t next = 0;

	if (fd < 0)
		return fd;
	ret = lock(fd, F_WRLCK, F_OFD_SETLKW, TABLE_LOCK);
	if (!ret && pread(fd, &next, sizeof(next), 0) < 0)
		ret = -errno;
	if (!ret) {
		uint32_t k = next % TABLE_SLOTS, n = next + 1;

		if (pwrite(fd, &e, sizeof(e), TABLE + (off_t)k * (off_t)sizeof(e)) != sizeof(e) ||
		    pwrite(fd, &n, sizeof(n), 0) != sizeof(n) ||
		    sim_real_lseek(buf, (off_t)k + 1, SEEK_SET) < 0)
			ret = -EIO;
	}
	sim_real_close(fd); /* drops the table lock */
	return ret;
}

static int check_access(int fd, int prot, int flags)
{
	int acc = sim_real_fcntl(fd, F_GETFL, 0) & O_ACCMODE;

	if (acc == O_WRONLY || ((flags & MAP_SHARED) && (prot & PROT_WRITE) && acc == O_RDONLY))
		return EACCES;
	return 0;
}

/* the published entry of a dma-buf descriptor (its position names the slot) */
static int entry_of(int fd, struct entry *e)
{
	off_t k = sim_real_lseek(fd, 0, SEEK_CUR);

	if (k <= 0 || k > TABLE_SLOTS ||
	    pread(fd, e, sizeof(*e), TABLE + (k - 1) * (off_t)sizeof(*e)) != sizeof(*e) || !e->pid)
		return -EOPNOTSUPP;
	return 0;
}

int64_t sim_xproc_size(int fd)
{
	struct entry e = { 0 };
	int ret = entry_of(fd, &e);

	return ret ? ret : (int64_t)e.size;
}

void *sim_xproc_map(int fd, void *addr, size_t len, int prot, int flags, off_t off)
{
	struct entry e = { 0 };
	char path[64];
	void *p;
	int src, err = check_access(fd, prot, flags);

	if (!err && entry_of(fd, &e))
		err = EOPNOTSUPP; /* never sent: came with fork() from its exporter */
	if (!err && (off < 0 || (off & 4095) || !len || (uint64_t)off + len > e.size))
		err = EINVAL;
	if (err) {
		errno = err;
		return MAP_FAILED;
	}
	snprintf(path, sizeof(path), "/proc/%d/fd/%d", e.pid, e.fd);
	src = sim_real_open(path, O_RDWR | O_CLOEXEC, 0);
	if (src < 0) {
		sim_log("dma-buf of process %d: its memory is gone with it", e.pid);
		errno = EOPNOTSUPP;
		return MAP_FAILED;
	}
	p = sim_real_mmap(addr, len, prot, flags, src, (off_t)e.off + off);
	err = errno;
	sim_real_close(src);
	errno = err;
	return p;
}
