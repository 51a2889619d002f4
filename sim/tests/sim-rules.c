/* SPDX-License-Identifier: MIT */
/*
 * The simulator's model of the driver, checked with raw system calls (no
 * hlaccel library): nodes and sysfs per interface, the ioctl dispatcher's
 * errno rules, open rules, INFO rules, events, reset, faults, fd handling,
 * and the engine's rules for CBs, memory, submission, waits and dma-buf.
 * Runs under LD_PRELOAD with HLA_SIM_IFACE / HLA_SIM_ASIC set by meson.
 */
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdbool.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "kabi/hl_kabi.h"

static bool accel, gaudi2;

static const char *node(void)
{
	return accel ? "/dev/accel/accel0" : "/dev/hl0";
}

static const char *control(void)
{
	return accel ? "/dev/accel/accel_controlD0" : "/dev/hl_controlD0";
}

static unsigned long req(unsigned int cmd, unsigned int size)
{
	return accel ? HLK_DRM_REQ(cmd, size) : HLK_LEGACY_REQ(cmd, size);
}

static int ctl(const char *cmd)
{
	int (*f)(const char *);

	*(void **)&f = dlsym(RTLD_DEFAULT, "hla_sim_control");
	assert_non_null(f);
	return f(cmd);
}

/* open the compute node, waiting out a release window */
static int open_compute(void)
{
	for (int i = 0; i < 200; i++) {
		int fd = open(node(), O_RDWR | O_CLOEXEC);
		struct timespec t = { 0, 5000000 };

		if (fd >= 0 || errno != EAGAIN)
			return fd;
		nanosleep(&t, NULL);
	}
	return -1;
}

static int info(int fd, uint32_t op, void *buf, uint32_t size, uint32_t word)
{
	struct hlk_info_args a;

	memset(&a, 0, sizeof(a));
	a.op = op;
	a.return_pointer = (uint64_t)(uintptr_t)buf;
	a.return_size = size;
	a.dcore_id = word;
	return ioctl(fd, req(HLK_CMD_INFO, sizeof(a)), &a);
}

static void nodes_and_sysfs(void **state)
{
	struct stat st;
	char buf[128];
	FILE *f;
	ssize_t n;
	struct utsname u;

	(void)state;
	assert_int_equal(stat(node(), &st), 0);
	assert_true(S_ISCHR(st.st_mode));
	if (accel)
		assert_int_equal(major(st.st_rdev), 261);
	assert_int_equal(stat(control(), &st), 0);
	assert_true(S_ISCHR(st.st_mode));
	f = fopen(accel ? "/sys/class/accel/accel0/device/device_type" :
			  "/sys/class/habanalabs/hl0/device_type", "r");
	assert_non_null(f);
	assert_non_null(fgets(buf, sizeof(buf), f));
	fclose(f);
	assert_string_equal(buf, gaudi2 ? "GAUDI2\n" : "GAUDI\n");
	if (accel) {
		n = readlink("/sys/class/accel/accel0/device/driver", buf, sizeof(buf) - 1);
		assert_true(n > 0);
		buf[n] = '\0';
		assert_non_null(strstr(buf, "/habanalabs"));
		/* the other vendor's node sits beside ours */
		n = readlink("/sys/class/accel/accel2/device/driver", buf, sizeof(buf) - 1);
		assert_true(n > 0);
		buf[n] = '\0';
		assert_null(strstr(buf, "habanalabs"));
		f = fopen("/sys/class/accel/accel0/device/cpld_ver", "r");
		assert_non_null(f);
		assert_non_null(fgets(buf, sizeof(buf), f));
		fclose(f);
		assert_int_equal(strlen(buf), 19); /* 0x%08x%08x */
	} else {
		assert_int_equal(stat("/dev/accel", &st) == 0 && S_ISDIR(st.st_mode) &&
					 stat("/dev/accel/accel0", &st) == 0, 0);
	}
	assert_int_equal(uname(&u), 0);
	assert_int_equal(strncmp(u.release, accel ? "6.8." : "6.1.", 4), 0);
}

static void drm_version(void **state)
{
	struct hlk_drm_version v;
	char name[32] = "";
	int fd;

	(void)state;
	if (!accel)
		skip();
	fd = open_compute();
	assert_true(fd >= 0);
	memset(&v, 0, sizeof(v));
	v.name = (uint64_t)(uintptr_t)name;
	v.name_len = sizeof(name) - 1;
	assert_int_equal(ioctl(fd, HLK_DRM_IOCTL_VERSION, &v), 0);
	assert_string_equal(name, "habanalabs");
	assert_int_equal(v.name_len, 10);
	close(fd);
	fd = open("/dev/accel/accel2", O_RDWR);
	assert_true(fd >= 0);
	memset(name, 0, sizeof(name));
	v.name_len = sizeof(name) - 1;
	assert_int_equal(ioctl(fd, HLK_DRM_IOCTL_VERSION, &v), 0);
	assert_string_not_equal(name, "habanalabs");
	close(fd);
}

static void dispatcher(void **state)
{
	struct hlk_info_args a;
	int fd, c;

	(void)state;
	fd = open_compute();
	assert_true(fd >= 0);
	memset(&a, 0, sizeof(a));
	if (accel) {
		/* a legacy request on an accel node is not a DRM ioctl */
		assert_int_equal(ioctl(fd, HLK_LEGACY_IOCTL_INFO, &a), -1);
		assert_int_equal(errno, ENOTTY);
		/* beyond the driver's range */
		assert_int_equal(ioctl(fd, HLK_IOWR('d', 0x47, 24), &a), -1);
		assert_int_equal(errno, EINVAL);
		/* pad must be zero */
		a.op = HLK_INFO_DEVICE_STATUS;
		a.return_pointer = (uint64_t)(uintptr_t)&c;
		a.return_size = 4;
		a.pad = 1;
		assert_int_equal(ioctl(fd, HLK_DRM_IOCTL_INFO, &a), -1);
		assert_int_equal(errno, EINVAL);
	} else {
		assert_int_equal(ioctl(fd, HLK_LEGACY_REQ(7, 24), &a), -1);
		assert_int_equal(errno, ENOTTY);
		/* only the nr counts on the legacy dispatcher */
		a.op = HLK_INFO_DEVICE_STATUS;
		a.return_pointer = (uint64_t)(uintptr_t)&c;
		a.return_size = 4;
		assert_int_equal(ioctl(fd, HLK_IOWR('Q', 1, 24), &a), 0);
	}
	/* bad pointers give EFAULT, not a crash */
	assert_int_equal(ioctl(fd, req(HLK_CMD_INFO, 24), (void *)16), -1);
	assert_int_equal(errno, EFAULT);
	assert_int_equal(info(fd, HLK_INFO_HW_IP_INFO, (void *)16, 64, 0), -1);
	assert_int_equal(errno, EFAULT);
	/* control nodes take INFO only */
	c = open(control(), O_RDWR);
	assert_true(c >= 0);
	assert_int_equal(ioctl(c, req(HLK_CMD_CB, 24), &a), -1);
	assert_int_equal(errno, ENOTTY);
	{
		uint32_t st = 9;

		assert_int_equal(info(c, HLK_INFO_DEVICE_STATUS, &st, 4, 0), 0);
		assert_int_equal(st, 0);
	}
	close(c);
	close(fd);
}

static void single_open(void **state)
{
	int a, b, c1, c2;

	(void)state;
	a = open_compute();
	assert_true(a >= 0);
	b = open(node(), O_RDWR);
	assert_int_equal(b, -1);
	assert_int_equal(errno, EBUSY);
	c1 = open(control(), O_RDWR);
	c2 = open(control(), O_RDWR);
	assert_true(c1 >= 0 && c2 >= 0);
	/* a dup is the same open file: closing one keeps the slot */
	b = dup(a);
	close(a);
	assert_int_equal(open(node(), O_RDWR), -1);
	assert_int_equal(errno, EBUSY);
	close(b);
	if (gaudi2) {
		/* Gaudi2 resets its engines after every release */
		a = open(node(), O_RDWR);
		if (a < 0)
			assert_int_equal(errno, EAGAIN);
		else
			close(a);
	}
	a = open_compute();
	assert_true(a >= 0);
	close(a);
	close(c1);
	close(c2);
}

static void info_rules(void **state)
{
	uint8_t buf[4096];
	uint64_t ev;
	int fd, c;
	struct hlk_info_args a;

	(void)state;
	fd = open_compute();
	c = open(control(), O_RDWR);
	assert_true(fd >= 0 && c >= 0);
	assert_int_equal(info(fd, HLK_INFO_HW_IP_INFO, NULL, 64, 0), -1);
	assert_int_equal(errno, EINVAL);
	assert_int_equal(info(fd, HLK_INFO_HW_IP_INFO, buf, 0, 0), -1);
	assert_int_equal(errno, EINVAL);
	assert_int_equal(info(fd, 5, buf, 64, 0), -1);
	assert_int_equal(errno, EINVAL);
	/* min-copy: the rest of the buffer is not touched */
	memset(buf, 0xEE, sizeof(buf));
	assert_int_equal(info(fd, HLK_INFO_HW_IP_INFO, buf, 8, 0), 0);
	assert_int_equal(buf[8], 0xEE);
	memset(buf, 0xEE, sizeof(buf));
	assert_int_equal(info(fd, HLK_INFO_HW_IP_INFO, buf, sizeof(buf), 0), 0);
	assert_int_equal(buf[accel ? 304 : 256], 0xEE);
	assert_int_not_equal(buf[accel ? 303 : 255], 0xEE);
	assert_int_equal(info(fd, HLK_INFO_SYNC_MANAGER, buf, 16, 8), -1);
	assert_int_equal(errno, EINVAL);
	/* opcodes newer than 6.1 */
	assert_int_equal(info(fd, HLK_INFO_HW_ERR_EVENT, buf, 16, 0), accel ? 0 : -1);
	/* engine status size limits and length */
	assert_int_equal(info(fd, HLK_INFO_ENGINE_STATUS, buf, 512, 0), -1);
	assert_int_equal(errno, EINVAL);
	memset(&a, 0, sizeof(a));
	a.op = HLK_INFO_ENGINE_STATUS;
	a.return_pointer = (uint64_t)(uintptr_t)buf;
	a.return_size = sizeof(buf);
	assert_int_equal(ioctl(fd, req(HLK_CMD_INFO, 24), &a), 0);
	assert_true(a.user_buffer_actual_size > 0);
	/* events: clear on read; control nodes refuse them on accel */
	assert_int_equal(ctl("hwerr 0 3"), 0);
	assert_int_equal(info(fd, HLK_INFO_GET_EVENTS, &ev, 8, 0), 0);
	assert_true(ev & HLK_NOTIFIER_EVENT_GENERAL_HW_ERR);
	assert_int_equal(info(fd, HLK_INFO_GET_EVENTS, &ev, 8, 0), 0);
	assert_int_equal(ev, 0);
	assert_int_equal(info(fd, HLK_INFO_GET_EVENTS, &ev, 4, 0), -1);
	assert_int_equal(errno, EINVAL);
	assert_int_equal(info(c, HLK_INFO_GET_EVENTS, &ev, 8, 0), accel ? -1 : 0);
	/* while in reset only some opcodes answer */
	assert_int_equal(ctl("status 0 1"), 0);
	assert_int_equal(info(c, HLK_INFO_DEVICE_STATUS, buf, 8, 0), 0);
	assert_int_equal(info(c, HLK_INFO_CLK_RATE, buf, 8, 0), -1);
	assert_int_equal(errno, EBUSY);
	assert_int_equal(ctl("status 0 0"), 0);
	close(c);
	close(fd);
}

static void eventfd_and_reset(void **state)
{
	int fd, efd;
	uint64_t v = 0, ev = 0;
	struct hlk_info_reset_count rc0, rc1;

	(void)state;
	fd = open_compute();
	efd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
	assert_true(fd >= 0 && efd >= 0);
	assert_int_equal(info(fd, HLK_INFO_REGISTER_EVENTFD, NULL, 0, (uint32_t)efd), 0);
	assert_int_equal(info(fd, HLK_INFO_REGISTER_EVENTFD, NULL, 0, (uint32_t)efd), -1);
	assert_int_equal(errno, EINVAL);
	assert_int_equal(info(fd, HLK_INFO_RESET_COUNT, &rc0, 8, 0), 0);
	/* Gaudi has no compute reset: asked for one, the driver resets it
	 * hard and kills this process (tests/integration/test_reset.c); an
	 * error event shows the eventfd there instead */
	assert_int_equal(ctl(gaudi2 ? "reset 0" : "hwerr 0 1"), 0);
	assert_int_equal(read(efd, &v, 8), 8);
	assert_true(v >= 1);
	assert_int_equal(info(fd, HLK_INFO_GET_EVENTS, &ev, 8, 0), 0);
	assert_true(ev & (gaudi2 ? HLK_NOTIFIER_EVENT_DEVICE_RESET
				 : HLK_NOTIFIER_EVENT_GENERAL_HW_ERR));
	assert_int_equal(info(fd, HLK_INFO_RESET_COUNT, &rc1, 8, 0), 0);
	assert_int_equal(rc1.soft_reset_cnt + rc1.hard_reset_cnt,
			 rc0.soft_reset_cnt + rc0.hard_reset_cnt + (gaudi2 ? 1 : 0));
	assert_int_equal(info(fd, HLK_INFO_UNREGISTER_EVENTFD, NULL, 0, 0), 0);
	assert_int_equal(info(fd, HLK_INFO_UNREGISTER_EVENTFD, NULL, 0, 0), -1);
	assert_int_equal(info(fd, HLK_INFO_REGISTER_EVENTFD, NULL, 0, 999), -1);
	assert_int_equal(errno, EBADF);
	close(efd);
	close(fd);
}

static void cb_rules(void **state)
{
	union hlk_cb_args a;
	uint64_t h;
	void *p;
	int fd;

	(void)state;
	fd = open_compute();
	assert_true(fd >= 0);
	memset(&a, 0, sizeof(a));
	a.in.op = HLK_CB_OP_CREATE;
	a.in.cb_size = HLK_MAX_CB_SIZE + 1;
	assert_int_equal(ioctl(fd, req(HLK_CMD_CB, 24), &a), -1);
	assert_int_equal(errno, EINVAL);
	memset(&a, 0, sizeof(a));
	a.in.op = HLK_CB_OP_CREATE;
	a.in.cb_size = 5000;
	assert_int_equal(ioctl(fd, req(HLK_CMD_CB, 24), &a), 0);
	h = a.out.cb_handle;
	assert_int_equal(h & HLK_MMAP_TYPE_MASK, HLK_MMAP_TYPE_CB);
	/* the mapping length must be the page-rounded size exactly, once */
	assert_true(mmap(NULL, 4096, PROT_READ, MAP_SHARED, fd, (off_t)h) == MAP_FAILED);
	assert_int_equal(errno, EINVAL);
	p = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_SHARED, fd, (off_t)h);
	assert_true(p != MAP_FAILED);
	assert_true(mmap(NULL, 8192, PROT_READ, MAP_SHARED, fd, (off_t)h) == MAP_FAILED);
	/* MAP is a Gaudi2 feature */
	memset(&a, 0, sizeof(a));
	a.in.op = HLK_CB_OP_CREATE;
	a.in.cb_size = 4096;
	a.in.flags = HLK_CB_FLAGS_MAP;
	assert_int_equal(ioctl(fd, req(HLK_CMD_CB, 24), &a), gaudi2 ? 0 : -1);
	if (!gaudi2)
		assert_int_equal(errno, ENOMEM);
	memset(&a, 0, sizeof(a));
	a.in.op = HLK_CB_OP_DESTROY;
	a.in.cb_handle = h;
	assert_int_equal(ioctl(fd, req(HLK_CMD_CB, 24), &a), 0);
	memset(&a, 0, sizeof(a));
	a.in.op = HLK_CB_OP_DESTROY;
	a.in.cb_handle = h;
	assert_int_equal(ioctl(fd, req(HLK_CMD_CB, 24), &a), accel ? -1 : 0);
	munmap(p, 8192);
	memset(&a, 0, sizeof(a));
	a.in.op = 7;
	assert_int_equal(ioctl(fd, req(HLK_CMD_CB, 24), &a), -1);
	assert_int_equal(errno, EINVAL);
	close(fd);
}

/* build a CB holding one packet sequence and return chunk data */
struct job {
	uint64_t handle;
	uint64_t va;
	uint8_t *map;
};

static void new_cb(int fd, struct job *j)
{
	union hlk_cb_args a;

	memset(&a, 0, sizeof(a));
	a.in.op = HLK_CB_OP_CREATE;
	a.in.cb_size = 4096;
	a.in.flags = gaudi2 ? HLK_CB_FLAGS_MAP : 0;
	assert_int_equal(ioctl(fd, req(HLK_CMD_CB, 24), &a), 0);
	j->handle = a.out.cb_handle;
	j->map = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, (off_t)j->handle);
	assert_true(j->map != MAP_FAILED);
	if (gaudi2) {
		memset(&a, 0, sizeof(a));
		a.in.op = HLK_CB_OP_INFO;
		a.in.cb_handle = j->handle;
		a.in.flags = HLK_CB_FLAGS_GET_DEVICE_VA;
		assert_int_equal(ioctl(fd, req(HLK_CMD_CB, 24), &a), 0);
		j->va = a.out.device_va;
	}
}

static int submit(int fd, struct job *j, uint32_t len, uint32_t flags, uint32_t timeout,
		  uint64_t *seq)
{
	struct hlk_cs_chunk ch;
	union hlk_cs_args a;
	int ret;

	memset(&ch, 0, sizeof(ch));
	ch.cb_handle = gaudi2 ? j->va : j->handle;
	ch.cb_size = len;
	ch.cs_chunk_flags = gaudi2 ? HLK_CS_CHUNK_FLAGS_USER_ALLOC_CB : 0;
	memset(&a, 0, sizeof(a));
	a.in.chunks_execute = (uint64_t)(uintptr_t)&ch;
	a.in.num_chunks_execute = 1;
	a.in.cs_flags = flags;
	a.in.timeout = timeout;
	ret = ioctl(fd, req(HLK_CMD_CS, 48), &a);
	*seq = a.out.seq;
	return ret;
}

static void put32(uint8_t *p, uint32_t v)
{
	memcpy(p, &v, 4);
}

static void put64(uint8_t *p, uint64_t v)
{
	memcpy(p, &v, 8);
}

static uint32_t lin_dma(uint8_t *p, uint64_t src, uint64_t dst, uint32_t n)
{
	put32(p, n);
	put32(p + 4, (HLK_PACKET_LIN_DMA << 24) | HLK_PKT_CTL_MB | (gaudi2 ? 0 : HLK_LIN_DMA_GAUDI_LIN));
	put64(p + 8, src);
	put64(p + 16, dst);
	return 24;
}

static int wait_cs(int fd, uint64_t seq, uint64_t us, union hlk_wait_cs_args *w)
{
	memset(w, 0, sizeof(*w));
	w->in.seq = seq;
	w->in.timeout_us = us;
	return ioctl(fd, req(HLK_CMD_WAIT_CS, 56), w);
}

static uint64_t map_host(int fd, void *p, uint64_t n)
{
	union hlk_mem_args m;

	memset(&m, 0, sizeof(m));
	m.in.op = HLK_MEM_OP_MAP;
	m.in.flags = HLK_MEM_USERPTR;
	m.in.map_host.host_virt_addr = (uint64_t)(uintptr_t)p;
	m.in.map_host.mem_size = n;
	assert_int_equal(ioctl(fd, req(HLK_CMD_MEMORY, 40), &m), 0);
	return m.out.device_virt_addr;
}

static uint64_t dram(int fd, uint64_t n, uint64_t *handle)
{
	union hlk_mem_args m;
	struct hlk_info_hw_ip_info hw;

	memset(&m, 0, sizeof(m));
	m.in.op = HLK_MEM_OP_ALLOC;
	m.in.alloc.mem_size = n;
	assert_int_equal(ioctl(fd, req(HLK_CMD_MEMORY, 40), &m), 0);
	*handle = m.out.handle;
	if (!gaudi2) {
		assert_int_equal(info(fd, HLK_INFO_HW_IP_INFO, &hw, sizeof(hw), 0), 0);
		return hw.dram_base_address;
	}
	memset(&m, 0, sizeof(m));
	m.in.op = HLK_MEM_OP_MAP;
	m.in.map_device.handle = *handle;
	assert_int_equal(ioctl(fd, req(HLK_CMD_MEMORY, 40), &m), 0);
	return m.out.device_virt_addr;
}

static void dma_and_waits(void **state)
{
	const uint32_t n = 1 << 20;
	uint8_t *in = malloc(n), *out = calloc(1, n);
	struct job j;
	uint64_t hin, hout, d, h, seq, seq2;
	union hlk_wait_cs_args w;
	uint32_t len;
	int fd;

	(void)state;
	fd = open_compute();
	assert_true(fd >= 0);
	for (uint32_t i = 0; i < n; i++)
		in[i] = (uint8_t)(i * 31 + 7);
	hin = map_host(fd, in, n);
	hout = map_host(fd, out, n);
	d = dram(fd, n, &h);
	new_cb(fd, &j);
	len = lin_dma(j.map, hin, d, n);
	len += lin_dma(j.map + len, d, hout, n);
	assert_int_equal(submit(fd, &j, len, HLK_CS_FLAGS_TIMESTAMP, 0, &seq), 0);
	assert_int_equal(seq, 1);
	assert_int_equal(wait_cs(fd, seq, 5000000, &w), 0);
	assert_int_equal(w.out.status, HLK_WAIT_CS_STATUS_COMPLETED);
	assert_true(w.out.flags & HLK_WAIT_CS_STATUS_FLAG_TIMESTAMP_VLD);
	assert_memory_equal(in, out, n);
	/* a future sequence number */
	assert_int_equal(wait_cs(fd, 100, 0, &w), -1);
	assert_int_equal(errno, EINVAL);
	/* an unknown packet opcode fails the submission */
	put32(j.map, 0);
	put32(j.map + 4, 0x1Fu << 24);
	assert_int_equal(submit(fd, &j, 8, 0, 0, &seq2), -1);
	assert_true(errno == EINVAL || errno == EOPNOTSUPP);
	/* a packet the simulator does not execute is refused loudly */
	put32(j.map + 4, HLK_PACKET_WREG_32 << 24);
	assert_int_equal(submit(fd, &j, 8, 0, 0, &seq2), -1);
	assert_int_equal(errno, EOPNOTSUPP);
	/* a CS that hangs hits its custom watchdog */
	len = lin_dma(j.map, hin, d, 4096);
	assert_int_equal(ctl("cs-hang 0"), 0);
	assert_int_equal(submit(fd, &j, len, HLK_CS_FLAGS_CUSTOM_TIMEOUT |
					     HLK_CS_FLAGS_SKIP_RESET_ON_TIMEOUT, 1, &seq2), 0);
	assert_int_equal(wait_cs(fd, seq2, 0, &w), 0);
	assert_int_equal(w.out.status, HLK_WAIT_CS_STATUS_BUSY);
	assert_int_equal(wait_cs(fd, seq2, 5000000, &w), -1);
	assert_int_equal(errno, ETIMEDOUT);
	assert_int_equal(w.out.status, HLK_WAIT_CS_STATUS_TIMEDOUT);
	{
		struct hlk_info_cs_timeout_event te;

		assert_int_equal(info(fd, HLK_INFO_CS_TIMEOUT_EVENT, &te, 16, 0), 0);
		assert_int_equal(te.seq, seq2);
	}
	close(fd);
	free(in);
	free(out);
}

static void multi_and_interrupts(void **state)
{
	union hlk_wait_cs_args w;
	uint64_t seqs[2] = { 1, 1 };
	volatile uint64_t word = 0;
	int fd;

	(void)state;
	fd = open_compute();
	assert_true(fd >= 0);
	memset(&w, 0, sizeof(w));
	w.in.seq = (uint64_t)(uintptr_t)seqs;
	w.in.seq_arr_len = 2;
	w.in.flags = HLK_WAIT_CS_FLAGS_MULTI_CS;
	assert_int_equal(ioctl(fd, req(HLK_CMD_WAIT_CS, 56), &w), -1);
	assert_int_equal(errno, gaudi2 ? EPERM : EINVAL);
	memset(&w, 0, sizeof(w));
	w.in.addr = (uint64_t)(uintptr_t)&word;
	w.in.target = 1;
	w.in.flags = HLK_WAIT_CS_FLAGS_INTERRUPT | HLK_WAIT_CS_FLAGS_ANY_CQ_INTERRUPT;
	w.in.interrupt_timeout_us = 1000;
	if (gaudi2) {
		assert_int_equal(ioctl(fd, req(HLK_CMD_WAIT_CS, 56), &w), 0);
		assert_int_equal(w.out.status, HLK_WAIT_CS_STATUS_BUSY);
		word = 2;
		memset(&w, 0, sizeof(w));
		w.in.addr = (uint64_t)(uintptr_t)&word;
		w.in.target = 1;
		w.in.flags = HLK_WAIT_CS_FLAGS_INTERRUPT | (0x500u << 20);
		assert_int_equal(ioctl(fd, req(HLK_CMD_WAIT_CS, 56), &w), -1);
		assert_int_equal(errno, EINVAL);
		w.in.flags = HLK_WAIT_CS_FLAGS_INTERRUPT | (64u << 20);
		assert_int_equal(ioctl(fd, req(HLK_CMD_WAIT_CS, 56), &w), 0);
		assert_int_equal(w.out.status, HLK_WAIT_CS_STATUS_COMPLETED);
	} else {
		assert_int_equal(ioctl(fd, req(HLK_CMD_WAIT_CS, 56), &w), -1);
		assert_int_equal(errno, EPERM);
	}
	close(fd);
}

static void memory_and_dmabuf(void **state)
{
	union hlk_mem_args m;
	uint64_t h, d;
	int fd, buf;
	void *p;

	(void)state;
	fd = open_compute();
	assert_true(fd >= 0);
	memset(&m, 0, sizeof(m));
	m.in.op = HLK_MEM_OP_ALLOC;
	assert_int_equal(ioctl(fd, req(HLK_CMD_MEMORY, 40), &m), -1);
	assert_int_equal(errno, EINVAL);
	d = dram(fd, 8 << 20, &h);
	memset(&m, 0, sizeof(m));
	m.in.op = HLK_MEM_OP_EXPORT_DMABUF_FD;
	m.in.flags = O_RDWR | O_CLOEXEC;
	m.in.export_dmabuf_fd.addr = d;
	m.in.export_dmabuf_fd.mem_size = 4 << 20;
	if (!accel && gaudi2) {
		assert_int_equal(ioctl(fd, req(HLK_CMD_MEMORY, 40), &m), -1);
		assert_int_equal(errno, EOPNOTSUPP);
		close(fd);
		return;
	}
	assert_int_equal(ioctl(fd, req(HLK_CMD_MEMORY, 40), &m), 0);
	buf = m.out.fd;
	assert_true(buf >= 0);
	assert_int_equal(fcntl(buf, F_GETFD) & FD_CLOEXEC, FD_CLOEXEC);
	p = mmap(NULL, 4 << 20, PROT_READ | PROT_WRITE, MAP_SHARED, buf, 0);
	assert_true(p != MAP_FAILED);
	assert_true(mmap(NULL, 8 << 20, PROT_READ, MAP_SHARED, buf, 0) == MAP_FAILED);
	munmap(p, 4 << 20);
	if (gaudi2) {
		/* pinned while exported */
		memset(&m, 0, sizeof(m));
		m.in.op = HLK_MEM_OP_UNMAP;
		m.in.unmap.device_virt_addr = d;
		assert_int_equal(ioctl(fd, req(HLK_CMD_MEMORY, 40), &m), -1);
		assert_int_equal(errno, EINVAL);
		memset(&m, 0, sizeof(m));
		m.in.op = HLK_MEM_OP_FREE;
		m.in.free.handle = h;
		assert_int_equal(ioctl(fd, req(HLK_CMD_MEMORY, 40), &m), -1);
		assert_int_equal(errno, EINVAL);
		/* out of bounds */
		memset(&m, 0, sizeof(m));
		m.in.op = HLK_MEM_OP_EXPORT_DMABUF_FD;
		m.in.export_dmabuf_fd.addr = d;
		m.in.export_dmabuf_fd.mem_size = 1ull << 30; /* past one 640 MiB page */
		assert_int_equal(ioctl(fd, req(HLK_CMD_MEMORY, 40), &m), -1);
		assert_int_equal(errno, EINVAL);
		assert_int_equal(m.out.fd, -EBADF);
	}
	/* the dma-buf keeps the device: closing the compute fd is not enough */
	close(fd);
	if (accel) {
		assert_int_equal(open(node(), O_RDWR), -1);
		assert_int_equal(errno, EBUSY);
	}
	close(buf);
	fd = open_compute();
	assert_true(fd >= 0);
	close(fd);
}

static void faults(void **state)
{
	union hlk_mem_args m;
	int fd;

	(void)state;
	/* HLA_SIM_FAULTS=MEMORY.ALLOC@2=ENOSPC,eintr=1000 is set by meson */
	fd = open_compute();
	assert_true(fd >= 0);
	memset(&m, 0, sizeof(m));
	m.in.op = HLK_MEM_OP_ALLOC;
	m.in.alloc.mem_size = 4096;
	assert_int_equal(ioctl(fd, req(HLK_CMD_MEMORY, 40), &m), 0);
	memset(&m, 0, sizeof(m));
	m.in.op = HLK_MEM_OP_ALLOC;
	m.in.alloc.mem_size = 4096;
	assert_int_equal(ioctl(fd, req(HLK_CMD_MEMORY, 40), &m), -1);
	assert_int_equal(errno, ENOSPC);
	close(fd);
}

static void debug_rules(void **state)
{
	struct hlk_debug_args a;
	int fd;

	(void)state;
	fd = open_compute();
	assert_true(fd >= 0);
	memset(&a, 0, sizeof(a));
	a.op = HLK_DEBUG_OP_ETR;
	assert_int_equal(ioctl(fd, req(HLK_CMD_DEBUG, 40), &a), -1);
	assert_int_equal(errno, EFAULT);
	a.op = HLK_DEBUG_OP_SET_MODE;
	a.enable = 0;
	assert_int_equal(ioctl(fd, req(HLK_CMD_DEBUG, 40), &a), -1);
	assert_int_equal(errno, EFAULT);
	a.enable = 1;
	assert_int_equal(ioctl(fd, req(HLK_CMD_DEBUG, 40), &a), 0);
	a.op = HLK_DEBUG_OP_ETR;
	assert_int_equal(ioctl(fd, req(HLK_CMD_DEBUG, 40), &a), -1);
	assert_int_equal(errno, EOPNOTSUPP);
	close(fd);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(nodes_and_sysfs),
		cmocka_unit_test(drm_version),
		cmocka_unit_test(dispatcher),
		cmocka_unit_test(single_open),
		cmocka_unit_test(info_rules),
		cmocka_unit_test(eventfd_and_reset),
		cmocka_unit_test(cb_rules),
		cmocka_unit_test(dma_and_waits),
		cmocka_unit_test(multi_and_interrupts),
		cmocka_unit_test(memory_and_dmabuf),
		cmocka_unit_test(faults),
		cmocka_unit_test(debug_rules),
	};
	const char *i = getenv("HLA_SIM_IFACE"), *a = getenv("HLA_SIM_ASIC");

	if (!dlsym(RTLD_DEFAULT, "hla_sim_control")) {
		fprintf(stderr, "run under the simulator\n");
		return 77;
	}
	accel = !i || strcmp(i, "legacy");
	gaudi2 = !a || strcmp(a, "gaudi");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
