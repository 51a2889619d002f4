/* SPDX-License-Identifier: MIT */
/*
 * One state for every process under one launcher: the compute node is
 * exclusive across processes, a dma-buf passed over a UNIX socket maps
 * the exporter's device memory in the receiver and keeps the exporting
 * device held until its last copy anywhere is closed, and
 * a child inheriting the descriptors by fork() keeps the device held but
 * has no mapping of the parent's command buffers.  The processes share
 * one fake sysfs tree, but each sees the status of its own devices.
 * Every rule is checked
 * with real processes: fork() alone, or fork() and exec() of this program
 * in one of its helper roles.
 */
#include "simtest.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/dma-buf.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#define BUSY 10
#define BUF (2u << 20)

/* ---- helper roles, run in a process of their own ---- */

/* open the compute node: 0, BUSY, or 1 for anything else */
static int role_open(int dev)
{
	int fd = open(st_node(dev), O_RDWR | O_CLOEXEC);

	if (fd >= 0) {
		close(fd);
		return 0;
	}
	return errno == EBUSY ? BUSY : 1;
}

static int recv_fd(int sock)
{
	char byte, ctl[CMSG_SPACE(sizeof(int))];
	struct iovec iov = { &byte, 1 };
	struct msghdr mh = { .msg_iov = &iov, .msg_iovlen = 1,
			     .msg_control = ctl, .msg_controllen = sizeof(ctl) };
	struct cmsghdr *c;
	int fd;

	if (recvmsg(sock, &mh, 0) != 1)
		return -1;
	c = CMSG_FIRSTHDR(&mh);
	if (!c || c->cmsg_type != SCM_RIGHTS)
		return -1;
	memcpy(&fd, CMSG_DATA(c), sizeof(fd));
	return fd;
}

/* take a dma-buf from the socket, report, hold it until told to close */
static int role_recv(int sock)
{
	struct dma_buf_sync sync = { .flags = DMA_BUF_SYNC_START | DMA_BUF_SYNC_RW };
	int fd = recv_fd(sock);
	char c;

	volatile uint8_t *p;

	if (fd < 0 || ioctl(fd, DMA_BUF_IOCTL_SYNC, &sync))
		return 2;
	/* the exporter's device memory, as the exporter left it */
	p = mmap(NULL, BUF, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (p == MAP_FAILED || p[0] != 0x5A || p[BUF - 1] != 0x5A)
		return 3;
	if (mmap(NULL, 2 * BUF, PROT_READ, MAP_SHARED, fd, 0) != MAP_FAILED || errno != EINVAL)
		return 6;
	p[100] = 0xA5; /* for the exporter's device to read */
	if (write(sock, "r", 1) != 1 || read(sock, &c, 1) != 1)
		return 4;
	munmap((void *)(uintptr_t)p, BUF);
	close(fd);
	return write(sock, "d", 1) == 1 ? 0 : 5;
}

/* the first line of device dev's status attribute, by its class path or
 * (canonical) by the directory that path leads to */
static int read_status(int dev, bool canonical, char *out, int size)
{
	char dir[96], real[4096], path[4200];
	FILE *f;

	if (st_accel)
		snprintf(dir, sizeof(dir), "/sys/class/accel/accel%d/device", dev);
	else
		snprintf(dir, sizeof(dir), "/sys/class/habanalabs/hl%d", dev);
	if (canonical && !realpath(dir, real))
		return -1;
	snprintf(path, sizeof(path), "%s/status", canonical ? real : dir);
	f = fopen(path, "r");
	if (!f)
		return -1;
	if (!fgets(out, size, f))
		out[0] = '\0';
	fclose(f);
	out[strcspn(out, "\n")] = '\0';
	return 0;
}

/* 0 if device dev reads as operational here, by either path */
static int role_status(int dev)
{
	char a[64], b[64];

	if (read_status(dev, false, a, sizeof(a)) || read_status(dev, true, b, sizeof(b)))
		return 2;
	return strcmp(a, "Operational") || strcmp(b, "Operational");
}

/* ---- the parent's side ---- */

static int run(const char *role, int arg)
{
	char a[16];
	pid_t pid;
	int st;

	snprintf(a, sizeof(a), "%d", arg);
	pid = fork();
	assert_true(pid >= 0);
	if (!pid) {
		execl("/proc/self/exe", "sim-xproc", role, a, (char *)NULL);
		_exit(127);
	}
	assert_int_equal(waitpid(pid, &st, 0), pid);
	assert_true(WIFEXITED(st));
	return WEXITSTATUS(st);
}

static pid_t start(const char *role, int arg)
{
	char a[16];
	pid_t pid = fork();

	assert_true(pid >= 0);
	snprintf(a, sizeof(a), "%d", arg);
	if (!pid) {
		execl("/proc/self/exe", "sim-xproc", role, a, (char *)NULL);
		_exit(127);
	}
	return pid;
}

static int finish(pid_t pid)
{
	int st;

	assert_int_equal(waitpid(pid, &st, 0), pid);
	assert_true(WIFEXITED(st));
	return WEXITSTATUS(st);
}

/* hl_device_open(): one compute user at a time, whatever the process */
static void compute_node_is_exclusive(void **state)
{
	int fd;

	(void)state;
	fd = st_open_compute(0);
	assert_true(fd >= 0);
	assert_int_equal(run("open", 0), BUSY);
	assert_int_equal(run("open", 1), 0); /* another device is free */
	close(fd);
	assert_int_equal(run("open", 0), 0);
	/* and the other way round */
	assert_int_equal(run("open", 0), 0);
	fd = st_open_compute(0);
	assert_true(fd >= 0);
	close(fd);
}

static void send_fd(int sock, int fd)
{
	char ctl[CMSG_SPACE(sizeof(int))], byte = 'f';
	struct iovec iov = { &byte, 1 };
	struct msghdr mh = { .msg_iov = &iov, .msg_iovlen = 1,
			     .msg_control = ctl, .msg_controllen = sizeof(ctl) };
	struct cmsghdr *c = CMSG_FIRSTHDR(&mh);

	c->cmsg_level = SOL_SOCKET;
	c->cmsg_type = SCM_RIGHTS;
	c->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(c), &fd, sizeof(fd));
	assert_int_equal(sendmsg(sock, &mh, 0), 1);
}

/* the device copies BUF bytes of DRAM at addr to out */
static void copy_out(int fd, uint64_t addr, uint8_t *out)
{
	st_copy(fd, addr, st_map_host(fd, out, BUF), BUF);
}

/* hl_release_dmabuf() runs when the last copy of the dma-buf, in any
 * process, is closed: until then the device is busy */
static void dmabuf_over_socket_holds_device(void **state)
{
	uint8_t *out = calloc(1, BUF), *p;
	int fd, buf, sv[2];
	uint64_t h, addr;
	pid_t child;
	char c;

	(void)state;
	if (!st_accel && st_gaudi2)
		skip(); /* the legacy Gaudi2 interface has no dma-buf export */
	fd = st_open_compute(0);
	assert_true(fd >= 0);
	addr = st_dram(fd, BUF, &h);
	buf = st_export(fd, addr, BUF, 0);
	assert_true(buf >= 0);
	p = mmap(NULL, BUF, PROT_READ | PROT_WRITE, MAP_SHARED, buf, 0);
	assert_true(p != MAP_FAILED);
	memset(p, 0x5A, BUF);
	assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
	child = start("recv", sv[1]);
	close(sv[1]);
	send_fd(sv[0], buf);
	assert_int_equal(read(sv[0], &c, 1), 1);
	assert_int_equal(c, 'r');
	/* the receiver's write is in the device memory: the CPU and the
	 * device see it */
	assert_int_equal(p[100], 0xA5);
	copy_out(fd, addr, out);
	assert_int_equal(out[100], 0xA5);
	assert_int_equal(out[0], 0x5A);
	munmap(p, BUF);
	free(out);
	close(buf);
	close(fd);
	/* every descriptor here is closed: the receiver's copy holds it */
	assert_int_equal(run("open", 0), BUSY);
	assert_true(open(st_node(0), O_RDWR | O_CLOEXEC) < 0);
	assert_int_equal(errno, EBUSY);
	assert_int_equal(write(sv[0], "c", 1), 1);
	assert_int_equal(read(sv[0], &c, 1), 1);
	assert_int_equal(c, 'd');
	assert_int_equal(finish(child), 0);
	close(sv[0]);
	assert_int_equal(run("open", 0), 0);
}

/*
 * fork(): the child's descriptor is the parent's open file, so the device
 * stays held until both are closed; the driver's mappings are
 * VM_DONTCOPY, so the child has no command buffer mapping.  The
 * simulator runs the context in the parent only, and refuses the child's
 * ioctls on it (EOPNOTSUPP) rather than run a diverging copy.
 */
static void fork_child_holds_device(void **state)
{
	struct st_cb cb;
	int fd, pipe_go[2], pipe_ready[2];
	unsigned char vec;
	pid_t pid;
	char c;

	(void)state;
	fd = st_open_compute(0);
	assert_true(fd >= 0);
	st_cb_new(fd, &cb, 4096);
	assert_int_equal(pipe(pipe_go), 0);
	assert_int_equal(pipe(pipe_ready), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (!pid) {
		struct hlk_info_args a;
		struct hlk_info_hw_ip_info ip;
		int bad = 0;

		memset(&a, 0, sizeof(a));
		a.op = HLK_INFO_HW_IP_INFO;
		a.return_pointer = (uint64_t)(uintptr_t)&ip;
		a.return_size = sizeof(ip);
		if (!ioctl(fd, st_req(HLK_CMD_INFO), &a) || errno != EOPNOTSUPP)
			bad |= 1;
		if (!mincore(cb.map, 4096, &vec) || errno != ENOMEM)
			bad |= 2;
		if (write(pipe_ready[1], "r", 1) != 1 || read(pipe_go[0], &c, 1) != 1)
			bad |= 4;
		close(fd);
		_exit(bad);
	}
	assert_int_equal(read(pipe_ready[0], &c, 1), 1);
	/* the parent's mapping is still there */
	assert_int_equal(mincore(cb.map, 4096, &vec), 0);
	st_cb_free(fd, &cb);
	close(fd);
	assert_int_equal(run("open", 0), BUSY); /* the child's copy holds it */
	assert_int_equal(write(pipe_go[1], "c", 1), 1);
	assert_int_equal(finish(pid), 0);
	assert_int_equal(run("open", 0), 0);
	fd = st_open_compute(0);
	assert_true(fd >= 0);
	close(fd);
}

/* each process has devices of its own behind the shared tree: a status
 * one process gives its device is not what another reads */
static void status_is_per_process(void **state)
{
	char s[64];

	(void)state;
	assert_int_equal(st_ctl("status 1 2"), 0); /* disabled */
	assert_int_equal(read_status(1, false, s, sizeof(s)), 0);
	assert_string_equal(s, "Disabled");
	assert_int_equal(read_status(1, true, s, sizeof(s)), 0);
	assert_string_equal(s, "Disabled");
	assert_int_equal(run("status", 1), 0);
	assert_int_equal(st_ctl("status 1 0"), 0);
	assert_int_equal(read_status(1, true, s, sizeof(s)), 0);
	assert_string_equal(s, "Operational");
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(compute_node_is_exclusive),
		cmocka_unit_test(dmabuf_over_socket_holds_device),
		cmocka_unit_test(fork_child_holds_device),
		cmocka_unit_test(status_is_per_process),
	};

	if (!st_setup()) {
		fprintf(stderr, "run under the simulator\n");
		return 77;
	}
	if (argc == 3 && !strcmp(argv[1], "open"))
		return role_open(atoi(argv[2]));
	if (argc == 3 && !strcmp(argv[1], "recv"))
		return role_recv(atoi(argv[2]));
	if (argc == 3 && !strcmp(argv[1], "status"))
		return role_status(atoi(argv[2]));
	if (!getenv("HLA_SIM_STATE")) {
		fprintf(stderr, "run under hla-sim: processes share its state\n");
		return 77;
	}
	return cmocka_run_group_tests(tests, NULL, NULL);
}
