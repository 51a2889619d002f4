/* SPDX-License-Identifier: MIT */
/*
 * libhla-fi.so: fails the k-th allocation, open, mmap, read or ioctl made
 * by a program and the libraries it calls, and tracks the heap blocks
 * allocated meanwhile so a test can tell whether they were all freed.
 *
 * It is preloaded AHEAD of libhla-sim.so, so its interposers see exactly
 * what the program and libhlaccel ask of libc, and pass what they do not
 * fail on to the simulator (dlsym(RTLD_NEXT)).  What the simulator does
 * underneath (it models the kernel) is never counted: a thread-local depth
 * marks the time spent below, and only the armed thread counts.
 *
 * Two ways to arm it:
 *  - in process: hla_fi_arm(class, k) ... hla_fi_disarm(&result), looked up
 *    with dlsym(RTLD_DEFAULT, ...);
 *  - for a whole program: HLA_FI=CLASS:K (alloc, open, mmap, read, ioctl,
 *    eintr)
 *    arms main() (through __libc_start_main) and exit() disarms; the
 *    outcome is written to the file HLA_FI_REPORT as one line
 *    "calls=N fired=F live=L fds=D maps=M" (D and M: descriptors and
 *    mappings at the end minus at the start of main()).
 */
#include "fi.h"

#include <dirent.h>
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <unistd.h>

#define FI_EXPORT __attribute__((visibility("default")))

void *__libc_malloc(size_t size);
void *__libc_calloc(size_t n, size_t size);
void *__libc_realloc(void *p, size_t size);
void __libc_free(void *p);
int __libc_start_main(int (*main_fn)(int, char **, char **), int argc, char **argv,
		      void (*init)(void), void (*fini)(void), void (*rtld_fini)(void),
		      void *stack_end);
hla_fi_arm_fn hla_fi_arm;
hla_fi_disarm_fn hla_fi_disarm;
hla_fi_class_name_fn hla_fi_class_name;

/* ---- state: written by the armed thread only ---- */
static __thread int tl_armed, tl_depth;
static int fi_cls = -1;
static unsigned int fi_k, fi_calls;
static bool fi_fired;

static const int fi_errno[HLA_FI_NCLASSES] = { ENOMEM, EMFILE, ENOMEM, EIO, EIO, EINTR };
static const char *const fi_names[HLA_FI_NCLASSES] = { "alloc", "open", "mmap", "read",
						       "ioctl", "eintr" };

/* true when this call is the one to fail (errno is then set) */
static bool fi_hit(int cls)
{
	if (cls == HLA_FI_IOCTL && fi_cls == HLA_FI_EINTR)
		cls = HLA_FI_EINTR; /* the same calls, another errno */
	if (!tl_armed || tl_depth || cls != fi_cls)
		return false;
	if (++fi_calls != fi_k)
		return false;
	fi_fired = true;
	errno = fi_errno[cls];
	return true;
}

/* ---- blocks allocated while armed ---- */
#define FI_SLOTS 16384u
#define FI_TOMB ((void *)1)
static void *fi_blocks[FI_SLOTS];
static unsigned int fi_live;
static pthread_mutex_t fi_lock = PTHREAD_MUTEX_INITIALIZER;

static unsigned int slot_of(const void *p)
{
	return (unsigned int)(((uintptr_t)p >> 4) * 2654435761u) % FI_SLOTS;
}

static void track(void *p)
{
	unsigned int i = slot_of(p);

	if (!p || !tl_armed || tl_depth)
		return;
	pthread_mutex_lock(&fi_lock);
	for (unsigned int n = 0; n < FI_SLOTS; n++, i = (i + 1) % FI_SLOTS) {
		if (!fi_blocks[i] || fi_blocks[i] == FI_TOMB) {
			fi_blocks[i] = p;
			__atomic_add_fetch(&fi_live, 1, __ATOMIC_RELAXED);
			break;
		}
	}
	pthread_mutex_unlock(&fi_lock);
}

static void untrack(void *p)
{
	unsigned int i = slot_of(p);

	if (!p || !__atomic_load_n(&fi_live, __ATOMIC_RELAXED))
		return;
	pthread_mutex_lock(&fi_lock);
	for (unsigned int n = 0; n < FI_SLOTS && fi_blocks[i]; n++, i = (i + 1) % FI_SLOTS) {
		if (fi_blocks[i] == p) {
			fi_blocks[i] = FI_TOMB;
			__atomic_sub_fetch(&fi_live, 1, __ATOMIC_RELAXED);
			break;
		}
	}
	pthread_mutex_unlock(&fi_lock);
}

static void untrack_all(void)
{
	pthread_mutex_lock(&fi_lock);
	memset(fi_blocks, 0, sizeof(fi_blocks));
	fi_live = 0;
	pthread_mutex_unlock(&fi_lock);
}

FI_EXPORT void *malloc(size_t size)
{
	void *p;

	if (fi_hit(HLA_FI_ALLOC))
		return NULL;
	p = __libc_malloc(size);
	track(p);
	return p;
}

FI_EXPORT void *calloc(size_t n, size_t size)
{
	void *p;

	if (fi_hit(HLA_FI_ALLOC))
		return NULL;
	p = __libc_calloc(n, size);
	track(p);
	return p;
}

FI_EXPORT void *realloc(void *old, size_t size)
{
	void *p;

	if (old && !size) {
		untrack(old);
		return __libc_realloc(old, 0);
	}
	if (fi_hit(HLA_FI_ALLOC))
		return NULL;
	p = __libc_realloc(old, size);
	if (p) {
		untrack(old);
		track(p);
	}
	return p;
}

FI_EXPORT void free(void *p)
{
	untrack(p);
	__libc_free(p);
}

/* ---- the next layer (the simulator, else libc) ---- */
static struct {
	int (*open)(const char *, int, ...);
	int (*open64)(const char *, int, ...);
	int (*openat)(int, const char *, int, ...);
	int (*openat64)(int, const char *, int, ...);
	FILE *(*fopen)(const char *, const char *);
	FILE *(*fopen64)(const char *, const char *);
	DIR *(*opendir)(const char *);
	void *(*mmap)(void *, size_t, int, int, int, off_t);
	void *(*mmap64)(void *, size_t, int, int, int, off64_t);
	ssize_t (*read)(int, void *, size_t);
	ssize_t (*pread)(int, void *, size_t, off_t);
	ssize_t (*pread64)(int, void *, size_t, off64_t);
	int (*ioctl)(int, unsigned long, ...);
	int (*close)(int);
	int (*fcntl)(int, int, ...);
	int (*fcntl64)(int, int, ...);
	int (*stat)(const char *, struct stat *);
	int (*stat64)(const char *, struct stat64 *);
	int (*fstat)(int, struct stat *);
	int (*fstat64)(int, struct stat64 *);
	int (*munmap)(void *, size_t);
	ssize_t (*readlink)(const char *, char *, size_t);
	int (*uname)(struct utsname *);
	int (*libc_start_main)(int (*)(int, char **, char **), int, char **, void (*)(void),
			       void (*)(void), void (*)(void), void *);
	void (*exit)(int);
} next;

#define NEXT(name) (*(void **)&next.name = dlsym(RTLD_NEXT, #name))

static bool fi_resolved;

/* at load, or at the first call when another library's constructor calls
 * in before ours has run */
__attribute__((constructor)) static void fi_resolve(void)
{
	if (__atomic_load_n(&fi_resolved, __ATOMIC_ACQUIRE))
		return;
	NEXT(open), NEXT(open64), NEXT(openat), NEXT(openat64), NEXT(fopen);
	NEXT(fopen64), NEXT(opendir), NEXT(mmap), NEXT(mmap64), NEXT(read);
	NEXT(pread), NEXT(pread64), NEXT(ioctl), NEXT(close), NEXT(fcntl);
	NEXT(fcntl64), NEXT(stat), NEXT(stat64), NEXT(fstat), NEXT(fstat64);
	NEXT(munmap), NEXT(readlink), NEXT(uname), NEXT(exit);
	*(void **)&next.libc_start_main = dlsym(RTLD_NEXT, "__libc_start_main");
	__atomic_store_n(&fi_resolved, true, __ATOMIC_RELEASE);
}

/* a call into the layer below, which is not counted */
#define BELOW(call)                              \
	__extension__({                         \
		__typeof__(call) r_;             \
		fi_resolve();                    \
		tl_depth++;                      \
		r_ = (call);                     \
		tl_depth--;                      \
		r_;                              \
	})

static mode_t mode_arg(int flags, va_list ap)
{
	return (flags & (O_CREAT | O_TMPFILE)) ? (mode_t)va_arg(ap, int) : 0;
}

#define FI_OPEN(name)                                                       \
	FI_EXPORT int name(const char *path, int flags, ...)                \
	{                                                                   \
		va_list ap;                                                 \
		mode_t m;                                                   \
                                                                            \
		va_start(ap, flags);                                        \
		m = mode_arg(flags, ap);                                    \
		va_end(ap);                                                 \
		if (fi_hit(HLA_FI_OPEN))                                    \
			return -1;                                          \
		return BELOW(next.name(path, flags, m));                    \
	}
FI_OPEN(open)
FI_OPEN(open64)

#define FI_OPENAT(name)                                                     \
	FI_EXPORT int name(int dirfd, const char *path, int flags, ...)     \
	{                                                                   \
		va_list ap;                                                 \
		mode_t m;                                                   \
                                                                            \
		va_start(ap, flags);                                        \
		m = mode_arg(flags, ap);                                    \
		va_end(ap);                                                 \
		if (fi_hit(HLA_FI_OPEN))                                    \
			return -1;                                          \
		return BELOW(next.name(dirfd, path, flags, m));             \
	}
FI_OPENAT(openat)
FI_OPENAT(openat64)

FI_EXPORT FILE *fopen(const char *path, const char *mode)
{
	return fi_hit(HLA_FI_OPEN) ? NULL : BELOW(next.fopen(path, mode));
}

FI_EXPORT FILE *fopen64(const char *path, const char *mode)
{
	return fi_hit(HLA_FI_OPEN) ? NULL : BELOW(next.fopen64(path, mode));
}

FI_EXPORT DIR *opendir(const char *path)
{
	return fi_hit(HLA_FI_OPEN) ? NULL : BELOW(next.opendir(path));
}

FI_EXPORT void *mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off)
{
	if (fi_hit(HLA_FI_MMAP))
		return MAP_FAILED;
	return BELOW(next.mmap(addr, len, prot, flags, fd, off));
}

FI_EXPORT void *mmap64(void *addr, size_t len, int prot, int flags, int fd, off64_t off)
{
	if (fi_hit(HLA_FI_MMAP))
		return MAP_FAILED;
	return BELOW(next.mmap64(addr, len, prot, flags, fd, off));
}

FI_EXPORT ssize_t read(int fd, void *buf, size_t n)
{
	return fi_hit(HLA_FI_READ) ? -1 : BELOW(next.read(fd, buf, n));
}

FI_EXPORT ssize_t pread(int fd, void *buf, size_t n, off_t off)
{
	return fi_hit(HLA_FI_READ) ? -1 : BELOW(next.pread(fd, buf, n, off));
}

FI_EXPORT ssize_t pread64(int fd, void *buf, size_t n, off64_t off)
{
	return fi_hit(HLA_FI_READ) ? -1 : BELOW(next.pread64(fd, buf, n, off));
}

FI_EXPORT int ioctl(int fd, unsigned long req, ...)
{
	va_list ap;
	void *arg;

	va_start(ap, req);
	arg = va_arg(ap, void *);
	va_end(ap);
	return fi_hit(HLA_FI_IOCTL) ? -1 : BELOW(next.ioctl(fd, req, arg));
}

/* what the simulator also interposes: passed down, never failed */
FI_EXPORT int close(int fd)
{
	return BELOW(next.close(fd));
}

#define FI_FCNTL(name)                                                      \
	FI_EXPORT int name(int fd, int cmd, ...)                            \
	{                                                                   \
		va_list ap;                                                 \
		void *arg;                                                  \
                                                                            \
		va_start(ap, cmd);                                          \
		arg = va_arg(ap, void *);                                   \
		va_end(ap);                                                 \
		return BELOW(next.name(fd, cmd, arg));                      \
	}
FI_FCNTL(fcntl)
FI_FCNTL(fcntl64)

FI_EXPORT int stat(const char *path, struct stat *st)
{
	return BELOW(next.stat(path, st));
}

FI_EXPORT int stat64(const char *path, struct stat64 *st)
{
	return BELOW(next.stat64(path, st));
}

FI_EXPORT int fstat(int fd, struct stat *st)
{
	return BELOW(next.fstat(fd, st));
}

FI_EXPORT int fstat64(int fd, struct stat64 *st)
{
	return BELOW(next.fstat64(fd, st));
}

FI_EXPORT int munmap(void *addr, size_t len)
{
	return BELOW(next.munmap(addr, len));
}

FI_EXPORT ssize_t readlink(const char *path, char *buf, size_t size)
{
	return BELOW(next.readlink(path, buf, size));
}

FI_EXPORT int uname(struct utsname *u)
{
	return BELOW(next.uname(u));
}

/* ---- in-process control ---- */
FI_EXPORT void hla_fi_arm(int cls, unsigned int k)
{
	untrack_all();
	fi_cls = cls;
	fi_k = k;
	fi_calls = 0;
	fi_fired = false;
	tl_armed = 1;
}

FI_EXPORT void hla_fi_disarm(struct hla_fi_result *res)
{
	tl_armed = 0;
	res->calls = fi_calls;
	res->fired = fi_fired;
	res->live = __atomic_load_n(&fi_live, __ATOMIC_RELAXED);
	fi_cls = -1;
}

FI_EXPORT const char *hla_fi_class_name(int cls)
{
	return cls >= 0 && cls < HLA_FI_NCLASSES ? fi_names[cls] : "?";
}

/* ---- whole-program mode: HLA_FI=CLASS:K arms main() ---- */
static int (*fi_real_main)(int, char **, char **);
static long fi_fds0, fi_maps0;
static bool fi_program_armed;
static char fi_stdout_buf[BUFSIZ];

/* counted with raw system calls: nothing here allocates or is counted */
static long count_fds(void)
{
	char buf[4096] __attribute__((aligned(8)));
	long n = 0, got;
	int fd = (int)syscall(SYS_openat, AT_FDCWD, "/proc/self/fd",
			      O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (fd < 0)
		return -1;
	while ((got = syscall(SYS_getdents64, fd, buf, sizeof(buf))) > 0)
		for (long off = 0; off < got;) {
			struct dirent64 *e = (struct dirent64 *)(void *)(buf + off);

			off += e->d_reclen;
			n += e->d_name[0] != '.';
		}
	syscall(SYS_close, fd);
	return n - 1; /* not the directory's own descriptor */
}

static long count_maps(void)
{
	char buf[4096];
	long n = 0, got;
	int fd = (int)syscall(SYS_openat, AT_FDCWD, "/proc/self/maps", O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return -1;
	while ((got = syscall(SYS_read, fd, buf, sizeof(buf))) > 0)
		for (long i = 0; i < got; i++)
			n += buf[i] == '\n';
	syscall(SYS_close, fd);
	return n;
}

static void program_begin(void)
{
	const char *spec = getenv("HLA_FI"), *colon = spec ? strchr(spec, ':') : NULL;
	int cls = -1;

	if (!colon)
		return;
	for (int i = 0; i < HLA_FI_NCLASSES; i++)
		if (!strncmp(spec, fi_names[i], (size_t)(colon - spec)) &&
		    !fi_names[i][colon - spec])
			cls = i;
	if (cls < 0 || atoi(colon + 1) < 1) {
		fprintf(stderr, "libhla-fi: bad HLA_FI '%s'\n", spec);
		_exit(99);
	}
	/* stdout's buffer would otherwise be a block allocated and never freed */
	setvbuf(stdout, fi_stdout_buf, isatty(1) ? _IOLBF : _IOFBF, sizeof(fi_stdout_buf));
	fi_fds0 = count_fds();
	fi_maps0 = count_maps();
	fi_program_armed = true;
	hla_fi_arm(cls, (unsigned int)atoi(colon + 1));
}

static void program_end(void)
{
	const char *path = getenv("HLA_FI_REPORT");
	struct hla_fi_result res;
	char line[160];
	int fd, len;

	if (!fi_program_armed)
		return;
	fi_program_armed = false;
	hla_fi_disarm(&res);
	if (!path)
		return;
	len = snprintf(line, sizeof(line), "calls=%u fired=%d live=%u fds=%ld maps=%ld\n",
		       res.calls, res.fired, res.live, count_fds() - fi_fds0,
		       count_maps() - fi_maps0);
	fd = (int)syscall(SYS_openat, AT_FDCWD, path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
			  0644);
	if (fd >= 0) {
		if (syscall(SYS_write, fd, line, (size_t)len) != len)
			len = -1;
		syscall(SYS_close, fd);
	}
}

static int fi_main(int argc, char **argv, char **envp)
{
	int ret;

	program_begin();
	ret = fi_real_main(argc, argv, envp);
	fflush(stdout); /* the end of main(): what is still open leaked */
	program_end();
	return ret;
}

FI_EXPORT int __libc_start_main(int (*main_fn)(int, char **, char **), int argc, char **argv,
				void (*init)(void), void (*fini)(void), void (*rtld_fini)(void),
				void *stack_end)
{
	fi_resolve();
	fi_real_main = main_fn;
	return next.libc_start_main(fi_main, argc, argv, init, fini, rtld_fini, stack_end);
}

FI_EXPORT void exit(int status)
{
	fflush(stdout);
	program_end();
	fi_resolve();
	next.exit(status);
	_exit(status);
}
