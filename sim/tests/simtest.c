/* SPDX-License-Identifier: MIT */
#include "simtest.h"

#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

bool st_accel, st_gaudi2;

bool st_setup(void)
{
	const char *i = getenv("HLA_SIM_IFACE"), *a = getenv("HLA_SIM_ASIC");

	st_accel = !i || strcmp(i, "legacy");
	st_gaudi2 = !a || strcmp(a, "gaudi");
	return dlsym(RTLD_DEFAULT, "hla_sim_control") != NULL;
}

const char *st_node(int dev)
{
	static __thread char b[64];

	snprintf(b, sizeof(b), st_accel ? "/dev/accel/accel%d" : "/dev/hl%d", dev);
	return b;
}

const char *st_control(int dev)
{
	static __thread char b[64];

	snprintf(b, sizeof(b), st_accel ? "/dev/accel/accel_controlD%d" : "/dev/hl_controlD%d",
		 dev);
	return b;
}

unsigned long st_req(unsigned int cmd)
{
	return hlk_cmd_request(st_accel ? HLK_IFACE_ACCEL : HLK_IFACE_LEGACY, cmd);
}

int st_ctl(const char *cmd)
{
	int (*f)(const char *);

	*(void **)&f = dlsym(RTLD_DEFAULT, "hla_sim_control");
	assert_non_null(f);
	return f(cmd);
}

int st_open_compute(int dev)
{
	for (int i = 0; i < 400; i++) {
		int fd = open(st_node(dev), O_RDWR | O_CLOEXEC);
		struct timespec t = { 0, 5000000 };

		if (fd >= 0 || errno != EAGAIN)
			return fd;
		nanosleep(&t, NULL);
	}
	return -1;
}

static int io(int fd, unsigned int cmd, void *arg)
{
	return ioctl(fd, st_req(cmd), arg) ? -errno : 0;
}

void st_cb_new(int fd, struct st_cb *cb, uint32_t size)
{
	union hlk_cb_args a;

	memset(cb, 0, sizeof(*cb));
	memset(&a, 0, sizeof(a));
	a.in.op = HLK_CB_OP_CREATE;
	a.in.cb_size = size;
	a.in.flags = st_gaudi2 ? HLK_CB_FLAGS_MAP : 0;
	assert_int_equal(io(fd, HLK_CMD_CB, &a), 0);
	cb->handle = a.out.cb_handle;
	cb->size = size;
	cb->map = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, (off_t)cb->handle);
	assert_true(cb->map != MAP_FAILED);
	if (st_gaudi2) {
		memset(&a, 0, sizeof(a));
		a.in.op = HLK_CB_OP_INFO;
		a.in.cb_handle = cb->handle;
		a.in.flags = HLK_CB_FLAGS_GET_DEVICE_VA;
		assert_int_equal(io(fd, HLK_CMD_CB, &a), 0);
		cb->va = a.out.device_va;
	}
}

void st_cb_free(int fd, struct st_cb *cb)
{
	union hlk_cb_args a;

	munmap(cb->map, cb->size);
	memset(&a, 0, sizeof(a));
	a.in.op = HLK_CB_OP_DESTROY;
	a.in.cb_handle = cb->handle;
	io(fd, HLK_CMD_CB, &a);
}

int st_submit(int fd, const struct st_cb *cb, uint32_t q, uint32_t len, uint32_t flags,
	      uint32_t timeout, uint64_t *seq)
{
	struct hlk_cs_chunk ch;
	union hlk_cs_args a;
	int ret;

	memset(&ch, 0, sizeof(ch));
	ch.cb_handle = st_gaudi2 ? cb->va : cb->handle;
	ch.queue_index = q;
	ch.cb_size = len;
	ch.cs_chunk_flags = st_gaudi2 ? HLK_CS_CHUNK_FLAGS_USER_ALLOC_CB : 0;
	memset(&a, 0, sizeof(a));
	a.in.chunks_execute = (uint64_t)(uintptr_t)&ch;
	a.in.num_chunks_execute = 1;
	a.in.cs_flags = flags;
	a.in.timeout = timeout;
	ret = io(fd, HLK_CMD_CS, &a);
	if (seq)
		*seq = a.out.seq;
	return ret;
}

int st_wait(int fd, uint64_t seq, uint64_t us, union hlk_wait_cs_args *w)
{
	memset(w, 0, sizeof(*w));
	w->in.seq = seq;
	w->in.timeout_us = us;
	return io(fd, HLK_CMD_WAIT_CS, w);
}

int st_mem(int fd, union hlk_mem_args *m)
{
	return io(fd, HLK_CMD_MEMORY, m);
}

void st_copy(int fd, uint64_t src, uint64_t dst, uint32_t n)
{
	union hlk_wait_cs_args w;
	struct st_cb cb;
	uint64_t seq;

	st_cb_new(fd, &cb, 4096);
	assert_int_equal(st_submit(fd, &cb, 0, st_lin_dma(cb.map, src, dst, n, 0), 0, 0, &seq), 0);
	assert_int_equal(st_wait(fd, seq, 5000000, &w), 0);
	assert_int_equal(w.out.status, HLK_WAIT_CS_STATUS_COMPLETED);
	st_cb_free(fd, &cb);
}

int st_export(int fd, uint64_t addr, uint64_t size, uint64_t offset)
{
	union hlk_mem_args m;
	int ret;

	memset(&m, 0, sizeof(m));
	m.in.op = HLK_MEM_OP_EXPORT_DMABUF_FD;
	m.in.export_dmabuf_fd.addr = addr;
	m.in.export_dmabuf_fd.mem_size = size;
	m.in.export_dmabuf_fd.offset = offset;
	m.in.flags = O_RDWR | O_CLOEXEC;
	ret = st_mem(fd, &m);
	return ret ? ret : m.out.fd;
}

uint64_t st_map_host(int fd, void *p, uint64_t n)
{
	union hlk_mem_args m;

	memset(&m, 0, sizeof(m));
	m.in.op = HLK_MEM_OP_MAP;
	m.in.flags = HLK_MEM_USERPTR;
	m.in.map_host.host_virt_addr = (uint64_t)(uintptr_t)p;
	m.in.map_host.mem_size = n;
	assert_int_equal(st_mem(fd, &m), 0);
	return m.out.device_virt_addr;
}

uint64_t st_dram(int fd, uint64_t n, uint64_t *handle)
{
	union hlk_mem_args m;

	memset(&m, 0, sizeof(m));
	m.in.op = HLK_MEM_OP_ALLOC;
	m.in.alloc.mem_size = n;
	assert_int_equal(st_mem(fd, &m), 0);
	*handle = m.out.handle;
	if (!st_gaudi2)
		return HLK_GAUDI_DRAM_USER_BASE;
	memset(&m, 0, sizeof(m));
	m.in.op = HLK_MEM_OP_MAP;
	m.in.map_device.handle = *handle;
	assert_int_equal(st_mem(fd, &m), 0);
	return m.out.device_virt_addr;
}

void st_put32(uint8_t *p, uint32_t v)
{
	memcpy(p, &v, 4);
}

void st_put64(uint8_t *p, uint64_t v)
{
	memcpy(p, &v, 8);
}

uint32_t st_get32(const uint8_t *p)
{
	uint32_t v;

	memcpy(&v, p, 4);
	return v;
}

uint32_t st_pkt_ctl(uint32_t opcode)
{
	return (opcode << HLK_PKT_CTL_OPCODE_SHIFT) | HLK_PKT_CTL_MB;
}

uint32_t st_nop(uint8_t *p)
{
	st_put32(p, 0);
	st_put32(p + 4, st_pkt_ctl(HLK_PACKET_NOP));
	return 8;
}

uint32_t st_msg_long(uint8_t *p, uint64_t addr, uint32_t value)
{
	st_put32(p, value);
	st_put32(p + 4, st_pkt_ctl(HLK_PACKET_MSG_LONG));
	st_put64(p + 8, addr);
	return 16;
}

uint32_t st_lin_dma(uint8_t *p, uint64_t src, uint64_t dst, uint32_t n, uint32_t extra)
{
	st_put32(p, n);
	st_put32(p + 4, st_pkt_ctl(HLK_PACKET_LIN_DMA) | extra |
				(st_gaudi2 ? 0 : HLK_LIN_DMA_GAUDI_LIN));
	st_put64(p + 8, src);
	st_put64(p + 16, dst);
	return 24;
}

int64_t st_now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (int64_t)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}
