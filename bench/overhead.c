/* SPDX-License-Identifier: MIT */
/*
 * What the library costs over calling the driver directly.
 *
 * Every hot operation runs N times through libhlaccel and N times as a
 * bare ioctl with a hand-built argument block (the "twin"), both answered
 * by the same stub: this program defines ioctl() itself, so the shared
 * library's calls land here too.  After a real setup on a device (the
 * simulator, or hardware) the stub is switched on and answers at once.
 *
 * Under callgrind (bench/overhead.py runs it so) each loop is dumped on its
 * own, which gives instructions per call; natively the program counts the
 * heap allocations and the system calls made inside each loop, by wrapping
 * the libc entry points the library uses.  --discovery and --open measure
 * enumeration and opening instead.  Output: one line per measurement,
 * "name value", for the script to tabulate.
 */
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>
#include <valgrind/callgrind.h>

#include <hlaccel/hlaccel.h>

#include "kabi/hl_kabi.h"

/* ---- the seam: ioctl stub, counted libc entry points ---------------- */

static int stub;               /* ioctl answers without the driver */
static int counting;           /* count calls made now */
static unsigned long nsys;     /* system calls counted */
static unsigned long nalloc;   /* heap allocations counted */

/*
 * Only what libhlaccel itself calls is counted: under the simulator the
 * simulator's own calls land in these wrappers too.
 */
static const void *lib_base;

static int from_lib(const void *caller)
{
	Dl_info info;

	if (!counting)
		return 0;
	if (!lib_base && dladdr(dlsym(RTLD_DEFAULT, "hla_version"), &info))
		lib_base = info.dli_fbase;
	return dladdr(caller, &info) && info.dli_fbase == lib_base;
}

#define COUNT(var) ((var) += (unsigned long)from_lib(__builtin_return_address(0)))

extern void *__libc_malloc(size_t);
extern void *__libc_calloc(size_t, size_t);
extern void *__libc_realloc(void *, size_t);

void *malloc(size_t n)
{
	COUNT(nalloc);
	return __libc_malloc(n);
}

void *calloc(size_t a, size_t b)
{
	COUNT(nalloc);
	return __libc_calloc(a, b);
}

void *realloc(void *p, size_t n)
{
	COUNT(nalloc);
	return __libc_realloc(p, n);
}

/* the next definition of name (the simulator's or libc's) */
#define NEXT(name) ((__typeof__(&name))next_sym(#name))

static void (*next_sym(const char *name))(void)
{
	void *p = dlsym(RTLD_NEXT, name);
	void (*fn)(void);

	/* dlsym returns functions as object pointers */
	memcpy(&fn, &p, sizeof(fn));
	return fn;
}

/*
 * Declared here without the variadic tail (this file does not include
 * <sys/ioctl.h>), so that the stub costs a handful of instructions; the
 * register calling convention is the same.  Never inlined: the bare twins
 * call it as a program calls libc's ioctl(), and as the library does, so
 * both sides pay the same call.
 */
#ifdef __clang__
#define NOT_INLINED __attribute__((noinline))
#else /* gcc would still inline the stub's test through a partial clone */
#define NOT_INLINED __attribute__((noipa))
#endif
int ioctl(int fd, unsigned long req, void *arg) NOT_INLINED;

int ioctl(int fd, unsigned long req, void *arg)
{
	static int (*real)(int, unsigned long, void *);

	if (stub)
		return 0;
	COUNT(nsys);
	if (!real)
		real = (int (*)(int, unsigned long, void *))next_sym("ioctl");
	return real(fd, req, arg);
}

/* the other entry points: counted and passed on */
#define WRAP(ret, name, params, args)                  \
	ret name params                                \
	{                                              \
		static __typeof__(&name) real;         \
		COUNT(nsys);       \
		if (!real)                             \
			real = NEXT(name);             \
		return real args;                      \
	}

int open(const char *path, int flags, ...)
{
	static __typeof__(&open) real;
	mode_t mode = 0;
	va_list ap;

	va_start(ap, flags);
	if (flags & (O_CREAT | O_TMPFILE))
		mode = (mode_t)va_arg(ap, int);
	va_end(ap);
	COUNT(nsys);
	if (!real)
		real = NEXT(open);
	return real(path, flags, mode);
}

WRAP(int, close, (int fd), (fd))
WRAP(ssize_t, read, (int fd, void *buf, size_t n), (fd, buf, n))
WRAP(int, fstat, (int fd, struct stat *st), (fd, st))
WRAP(int, stat, (const char *p, struct stat *st), (p, st))
WRAP(ssize_t, readlink, (const char *p, char *b, size_t n), (p, b, n))
WRAP(int, uname, (struct utsname *u), (u))
WRAP(ssize_t, getdents64, (int fd, void *b, size_t n), (fd, b, n))
WRAP(int, munmap, (void *a, size_t n), (a, n))

/* ---- the operations ------------------------------------------------- */

struct ctx {
	struct hla_device *dev;
	/* a runtime prepares its submission once and submits it many times */
	struct hla_cs_submit cs;
	struct hla_cs_out out;
	struct hla_hw_ip_info hw;
	struct hla_wait_result res;
	struct hla_cq_counter cq;
	struct hla_dmabuf_export exp;
	int fd;
	unsigned long req[HLK_CMD_LAST + 1];
	struct hla_cs_chunk chunk;
	uint64_t seq;
	uint64_t cb;
	uint64_t handle;
	uint64_t va;
	volatile uint64_t word;
};

typedef void (*op_fn)(struct ctx *c);

static void lib_cs_submit(struct ctx *c)
{
	hla_cs_submit(c->dev, &c->cs, &c->out);
}

static void bare_cs_submit(struct ctx *c)
{
	union hlk_cs_args a;

	memset(&a, 0, sizeof(a));
	a.in.chunks_execute = (uint64_t)(uintptr_t)&c->chunk;
	a.in.num_chunks_execute = 1;
	ioctl(c->fd, c->req[HLK_CMD_CS], &a);
}

static void lib_cs_signal(struct ctx *c)
{
	hla_cs_signal(c->dev, 0, NULL, &c->out);
}

static void bare_cs_signal(struct ctx *c)
{
	struct hlk_cs_chunk ch;
	union hlk_cs_args a;

	memset(&ch, 0, sizeof(ch));
	memset(&a, 0, sizeof(a));
	a.in.chunks_execute = (uint64_t)(uintptr_t)&ch;
	a.in.num_chunks_execute = 1;
	a.in.cs_flags = HLK_CS_FLAGS_SIGNAL;
	ioctl(c->fd, c->req[HLK_CMD_CS], &a);
}

static void lib_cs_wait_signal(struct ctx *c)
{
	hla_cs_wait_signal(c->dev, 0, c->seq, NULL, &c->out);
}

static void bare_cs_wait_signal(struct ctx *c)
{
	struct hlk_cs_chunk ch;
	union hlk_cs_args a;
	uint64_t seq = c->seq;

	memset(&ch, 0, sizeof(ch));
	memset(&a, 0, sizeof(a));
	ch.signal_seq_arr = (uint64_t)(uintptr_t)&seq;
	ch.num_signal_seq_arr = 1;
	a.in.chunks_execute = (uint64_t)(uintptr_t)&ch;
	a.in.num_chunks_execute = 1;
	a.in.cs_flags = HLK_CS_FLAGS_WAIT;
	ioctl(c->fd, c->req[HLK_CMD_CS], &a);
}

static void lib_cs_wait(struct ctx *c)
{
	hla_cs_wait(c->dev, c->seq, 1000, &c->res);
}

static void bare_cs_wait(struct ctx *c)
{
	union hlk_wait_cs_args a;

	memset(&a, 0, sizeof(a));
	a.in.seq = c->seq;
	a.in.timeout_us = 1000;
	ioctl(c->fd, c->req[HLK_CMD_WAIT_CS], &a);
}

static void lib_cs_wait_multi(struct ctx *c)
{
	uint64_t seqs[2] = { c->seq, c->seq };

	hla_cs_wait_multi(c->dev, seqs, 2, 1000, &c->res);
}

static void bare_cs_wait_multi(struct ctx *c)
{
	union hlk_wait_cs_args a;
	uint64_t seqs[2] = { c->seq, c->seq };

	memset(&a, 0, sizeof(a));
	a.in.seq = (uint64_t)(uintptr_t)seqs;
	a.in.timeout_us = 1000;
	a.in.flags = HLK_WAIT_CS_FLAGS_MULTI_CS;
	a.in.seq_arr_len = 2;
	ioctl(c->fd, c->req[HLK_CMD_WAIT_CS], &a);
}

static void lib_interrupt_wait(struct ctx *c)
{
	hla_interrupt_wait(c->dev, HLA_INTERRUPT_ANY_CQ, &c->word, 1, 1000, &c->res);
}

static void bare_interrupt_wait(struct ctx *c)
{
	union hlk_wait_cs_args a;

	memset(&a, 0, sizeof(a));
	a.in.addr = (uint64_t)(uintptr_t)&c->word;
	a.in.target = 1;
	a.in.flags = HLK_WAIT_CS_FLAGS_INTERRUPT | HLK_WAIT_CS_FLAGS_ANY_CQ_INTERRUPT;
	a.in.interrupt_timeout_us = 1000;
	ioctl(c->fd, c->req[HLK_CMD_WAIT_CS], &a);
}

static void lib_cq_wait(struct ctx *c)
{
	hla_cq_counter_wait(c->dev, &c->cq, 1000, &c->res);
}

static void bare_cq_wait(struct ctx *c)
{
	union hlk_wait_cs_args a;

	memset(&a, 0, sizeof(a));
	a.in.cq_counters_handle = c->cb;
	a.in.target = 1;
	a.in.flags = HLK_WAIT_CS_FLAGS_INTERRUPT | HLK_WAIT_CS_FLAGS_ANY_CQ_INTERRUPT |
		     HLK_WAIT_CS_FLAGS_INTERRUPT_KERNEL_CQ;
	a.in.interrupt_timeout_us = 1000;
	ioctl(c->fd, c->req[HLK_CMD_WAIT_CS], &a);
}

static void lib_hw_ip(struct ctx *c)
{
	hla_info_hw_ip(c->dev, &c->hw);
}

static void bare_hw_ip(struct ctx *c)
{
	struct hlk_info_hw_ip_info hw;
	struct hlk_info_args a;

	memset(&hw, 0, sizeof(hw));
	memset(&a, 0, sizeof(a));
	a.return_pointer = (uint64_t)(uintptr_t)&hw;
	a.return_size = sizeof(hw);
	a.op = HLK_INFO_HW_IP_INFO;
	ioctl(c->fd, c->req[HLK_CMD_INFO], &a);
}

static void lib_status(struct ctx *c)
{
	uint32_t st;

	hla_info_device_status(c->dev, &st);
}

static void bare_status(struct ctx *c)
{
	struct hlk_info_device_status st;
	struct hlk_info_args a;

	memset(&st, 0, sizeof(st));
	memset(&a, 0, sizeof(a));
	a.return_pointer = (uint64_t)(uintptr_t)&st;
	a.return_size = sizeof(st);
	a.op = HLK_INFO_DEVICE_STATUS;
	ioctl(c->fd, c->req[HLK_CMD_INFO], &a);
}

static void lib_cb_create(struct ctx *c)
{
	uint64_t h;

	hla_cb_create(c->dev, 4096, 0, &h);
}

static void bare_cb_create(struct ctx *c)
{
	union hlk_cb_args a;

	memset(&a, 0, sizeof(a));
	a.in.op = HLK_CB_OP_CREATE;
	a.in.cb_size = 4096;
	ioctl(c->fd, c->req[HLK_CMD_CB], &a);
}

static void lib_cb_destroy(struct ctx *c)
{
	hla_cb_destroy(c->dev, c->cb);
}

static void bare_cb_destroy(struct ctx *c)
{
	union hlk_cb_args a;

	memset(&a, 0, sizeof(a));
	a.in.op = HLK_CB_OP_DESTROY;
	a.in.cb_handle = c->cb;
	ioctl(c->fd, c->req[HLK_CMD_CB], &a);
}

/* the MEMORY ops share a bare twin shape: an op and two words */
static void bare_mem(struct ctx *c, uint32_t op, uint64_t w0, uint64_t w1,
		     uint32_t flags)
{
	union hlk_mem_args a;

	memset(&a, 0, sizeof(a));
	a.in.op = op;
	a.in.alloc.mem_size = w0;
	a.in.alloc.page_size = w1;
	a.in.flags = flags;
	ioctl(c->fd, c->req[HLK_CMD_MEMORY], &a);
}

static void lib_mem_alloc(struct ctx *c)
{
	uint64_t h;

	hla_mem_alloc(c->dev, 1 << 21, 0, 0, &h);
}

static void bare_mem_alloc(struct ctx *c)
{
	bare_mem(c, HLK_MEM_OP_ALLOC, 1 << 21, 0, 0);
}

static void lib_mem_map(struct ctx *c)
{
	uint64_t va;

	hla_mem_map(c->dev, c->handle, 0, 0, &va);
}

static void bare_mem_map(struct ctx *c)
{
	bare_mem(c, HLK_MEM_OP_MAP, 0, c->handle, 0);
}

static void lib_mem_unmap(struct ctx *c)
{
	hla_mem_unmap(c->dev, c->va);
}

static void bare_mem_unmap(struct ctx *c)
{
	bare_mem(c, HLK_MEM_OP_UNMAP, c->va, 0, 0);
}

static void lib_mem_free(struct ctx *c)
{
	hla_mem_free(c->dev, c->handle, 1 << 21);
}

static void bare_mem_free(struct ctx *c)
{
	bare_mem(c, HLK_MEM_OP_FREE, c->handle, 0, 0);
}

static void lib_export(struct ctx *c)
{
	int fd;

	hla_mem_export_dmabuf(c->dev, &c->exp, &fd);
}

static void bare_export(struct ctx *c)
{
	union hlk_mem_args a;

	memset(&a, 0, sizeof(a));
	a.in.op = HLK_MEM_OP_EXPORT_DMABUF_FD;
	a.in.export_dmabuf_fd.addr = c->va;
	a.in.export_dmabuf_fd.mem_size = 1 << 21;
	a.in.flags = O_RDWR | O_CLOEXEC;
	ioctl(c->fd, c->req[HLK_CMD_MEMORY], &a);
}

static const struct op {
	const char *name;
	op_fn lib, bare;
} ops[] = {
	{ "cs_submit", lib_cs_submit, bare_cs_submit },
	{ "cs_signal", lib_cs_signal, bare_cs_signal },
	{ "cs_wait_signal", lib_cs_wait_signal, bare_cs_wait_signal },
	{ "cs_wait", lib_cs_wait, bare_cs_wait },
	{ "cs_wait_multi", lib_cs_wait_multi, bare_cs_wait_multi },
	{ "interrupt_wait", lib_interrupt_wait, bare_interrupt_wait },
	{ "cq_counter_wait", lib_cq_wait, bare_cq_wait },
	{ "info_hw_ip", lib_hw_ip, bare_hw_ip },
	{ "info_device_status", lib_status, bare_status },
	{ "cb_create", lib_cb_create, bare_cb_create },
	{ "cb_destroy", lib_cb_destroy, bare_cb_destroy },
	{ "mem_alloc", lib_mem_alloc, bare_mem_alloc },
	{ "mem_map", lib_mem_map, bare_mem_map },
	{ "mem_unmap", lib_mem_unmap, bare_mem_unmap },
	{ "mem_free", lib_mem_free, bare_mem_free },
	{ "mem_export_dmabuf", lib_export, bare_export },
};

/* ---- measurement ---------------------------------------------------- */

static void __attribute__((noinline)) run(op_fn fn, struct ctx *c, unsigned int n)
{
	for (unsigned int i = 0; i < n; i++)
		fn(c);
}

/* one loop: instructions (a callgrind dump of its own), allocations and
 * system calls per call */
static void measure(const char *what, const char *name, op_fn fn, struct ctx *c,
		    unsigned int n)
{
	char label[96];

	snprintf(label, sizeof(label), "%s %s", what, name);
	nsys = nalloc = 0;
	CALLGRIND_ZERO_STATS;
	counting = 1;
	run(fn, c, n);
	counting = 0;
	CALLGRIND_DUMP_STATS_AT(label);
	printf("%s.%s.allocs %.3f\n", what, name, (double)nalloc / n);
	printf("%s.%s.syscalls %.3f\n", what, name, (double)nsys / n);
}

static int setup(struct ctx *c)
{
	HLA_STRUCT_INIT(hla_device_desc, d);
	int ret = hla_device_open_index(0, 0, &c->dev);

	if (ret)
		return ret;
	c->fd = hla_device_get_fd(c->dev);
	ret = hla_device_describe(c->dev, &d);
	if (ret)
		return ret;
	for (unsigned int cmd = HLK_CMD_FIRST; cmd <= HLK_CMD_LAST; cmd++)
		c->req[cmd] = hlk_cmd_request(d.interface, cmd);
	/* real objects, so that the calls are realistic ones */
	ret = hla_cb_create(c->dev, 4096, 0, &c->cb);
	if (!ret)
		ret = hla_mem_alloc(c->dev, 1 << 21, 0, 0, &c->handle);
	if (!ret && hla_mem_map(c->dev, c->handle, 0, 0, &c->va))
		c->va = 0; /* Gaudi: physical DRAM, nothing to map */
	c->chunk.cb_handle = c->cb;
	c->chunk.cb_size = 8;
	c->cs.sz = sizeof(c->cs);
	c->cs.execute = &c->chunk;
	c->cs.num_execute = 1;
	c->out.sz = sizeof(c->out);
	c->hw.sz = sizeof(c->hw);
	c->res.sz = sizeof(c->res);
	c->cq.sz = sizeof(c->cq);
	c->cq.interrupt_id = HLA_INTERRUPT_ANY_CQ;
	c->cq.cb_handle = c->cb;
	c->cq.target = 1;
	c->exp.sz = sizeof(c->exp);
	c->exp.addr = c->va;
	c->exp.size = 1 << 21;
	c->seq = 1;
	return ret;
}

static int hot_paths(unsigned int n)
{
	struct ctx c;
	int ret;

	memset(&c, 0, sizeof(c));
	ret = setup(&c);
	if (ret) {
		fprintf(stderr, "setup: %s\n", strerror(-ret));
		return 1;
	}
	stub = 1;
	for (size_t i = 0; i < sizeof(ops) / sizeof(ops[0]); i++) {
		measure("lib", ops[i].name, ops[i].lib, &c, n);
		measure("bare", ops[i].name, ops[i].bare, &c, n);
	}
	stub = 0;
	printf("iterations %u\n", n);
	return 0;
}

static double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

/* the cost of one system call here, to put times in proportion */
static void syscall_cost(void)
{
	double t = now_ns();

	for (int i = 0; i < 100000; i++)
		syscall(SYS_getppid);
	printf("syscall.ns %.1f\n", (now_ns() - t) / 100000);
}

static int discovery(void)
{
	struct hla_devlist *list;
	uint32_t n = 0;
	double t;
	int ret;

	syscall_cost();
	nsys = nalloc = 0;
	counting = 1;
	t = now_ns();
	ret = hla_devlist_create(0, &list);
	if (!ret) {
		hla_devlist_count(list, &n);
		for (uint32_t i = 0; i < n; i++) {
			HLA_STRUCT_INIT(hla_device_desc, d);

			hla_devlist_describe(list, i, &d);
		}
		hla_devlist_destroy(list);
	}
	t = now_ns() - t;
	counting = 0;
	if (ret) {
		fprintf(stderr, "hla_devlist_create: %s\n", strerror(-ret));
		return 1;
	}
	printf("discovery.devices %u\n", n);
	printf("discovery.syscalls %lu\n", nsys);
	printf("discovery.allocs %lu\n", nalloc);
	printf("discovery.ms %.3f\n", t / 1e6);
	return 0;
}

/* the compute node of device 0, from a device list (nothing opened) */
static int node_path(char *path, size_t size)
{
	HLA_STRUCT_INIT(hla_device_desc, d);
	struct hla_devlist *list;
	int ret = hla_devlist_create(0, &list);

	if (ret)
		return ret;
	ret = hla_devlist_describe(list, 0, &d);
	hla_devlist_destroy(list);
	if (!ret)
		snprintf(path, size, "%s", d.node);
	return ret;
}

/* open + close by path, counted */
static int open_close(const char *path, const char *label)
{
	struct hla_device *dev;
	int ret;

	nsys = nalloc = 0;
	counting = 1;
	ret = hla_device_open_path(path, HLA_OPEN_RETRY, &dev);
	if (!ret)
		ret = hla_device_close(dev);
	counting = 0;
	if (ret) {
		fprintf(stderr, "open %s: %s\n", path, strerror(-ret));
		return 1;
	}
	printf("%s.syscalls %lu\n%s.allocs %lu\n", label, nsys, label, nalloc);
	return 0;
}

/* open + close (the first in the process, then a later one) and a borrow
 * of an fd */
static int opening(void)
{
	struct hla_device *dev;
	char path[HLA_PATH_MAX];
	int ret = node_path(path, sizeof(path)), fd;

	if (ret || open_close(path, "open_close_first") || open_close(path, "open_close"))
		return 1;
	/* a previous user may still be releasing the device */
	for (int i = 0; (fd = open(path, O_RDWR | O_CLOEXEC)) < 0 && errno == EAGAIN &&
			i < 500; i++)
		usleep(10000);
	if (fd < 0)
		return 1;
	nsys = nalloc = 0;
	counting = 1;
	ret = hla_device_open_fd(fd, 0, &dev);
	if (!ret)
		ret = hla_device_close(dev);
	counting = 0;
	printf("borrow_close.syscalls %lu\nborrow_close.allocs %lu\n", nsys, nalloc);
	close(fd);
	return ret ? 1 : 0;
}

int main(int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], "--discovery"))
		return discovery();
	if (argc > 1 && !strcmp(argv[1], "--open"))
		return opening();
	return hot_paths(argc > 1 ? (unsigned int)strtoul(argv[1], NULL, 0) : 10000);
}
