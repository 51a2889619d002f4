/* SPDX-License-Identifier: MIT */
/*
 * Mock system-call seam for the unit tests: the library's hla__sys_*
 * functions, with /sys and /dev redirected into a temporary tree and every
 * ioctl logged and answered by the test.
 */
#ifndef HLA_UNIT_MOCK_H
#define HLA_UNIT_MOCK_H

#include <stddef.h>
#include <stdint.h>

#include "hlaccel/hlaccel.h"
#include "kabi/hl_kabi.h"

struct mock_ioctl_call {
	int fd;
	unsigned long request;
	size_t size;
	uint8_t in[64];
	uint8_t out[64];
};

struct mock_mmap_call {
	void *addr;
	size_t len;
	int prot;
	int flags;
	int fd;
	uint64_t offset;
};

typedef int (*mock_ioctl_fn)(int fd, unsigned long request, void *arg, void *priv);

void mock_reset(void);
void mock_add_device(uint32_t iface, uint32_t asic, uint32_t minor, int module_id,
		     const char *bus_id);
void mock_add_foreign_accel(uint32_t minor, const char *driver);
void mock_set_status(uint32_t iface, uint32_t minor, const char *status_text);
void mock_set_kernel_release(const char *release);

unsigned int mock_ioctl_count(void);
const struct mock_ioctl_call *mock_ioctl_get(unsigned int i);
const struct mock_ioctl_call *mock_ioctl_last(void);
void mock_ioctl_push(mock_ioctl_fn fn, void *priv);
void mock_ioctl_push_errno(int err);
void mock_ioctl_push_out(const void *bytes, size_t len);
void mock_ioctl_push_info(const void *data, size_t len);

unsigned int mock_open_fds(void);
unsigned int mock_syscall_count(void);
unsigned int mock_mmap_count(void);
const struct mock_mmap_call *mock_mmap_last(void);
unsigned int mock_munmap_count(void);
void mock_mmap_fail_next(int err);

/* reset, add device minor 0 of the interface, open it (compute / control) */
int mock_open_device(uint32_t iface, uint32_t asic, struct hla_device **dev);
int mock_open_control(uint32_t iface, uint32_t asic, struct hla_device **dev);
/* the request code of a command on an interface */
unsigned long mock_req(uint32_t iface, unsigned int cmd);
/* the interface under test, from argv[1] ("accel" or "legacy") */
extern uint32_t mock_iface;

#endif
