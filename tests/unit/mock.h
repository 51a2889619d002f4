/* SPDX-License-Identifier: MIT */
/*
 * Mock system-call seam for the unit tests: the library's hla__sys_*
 * functions, with /sys and /dev redirected into a temporary tree, every
 * driver ioctl logged and answered by the test, and a configurable driver
 * identity (DRM version answer, module version file, kernel release).
 */
#ifndef HLA_UNIT_MOCK_H
#define HLA_UNIT_MOCK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "hlaccel/hlaccel.h"
#include "kabi/hl_kabi.h"

#define MOCK_LOG_BYTES 64

struct mock_ioctl_call {
	int fd;
	unsigned long request;
	size_t size;                 /* bytes of in/out kept (the block size, max 64) */
	uint8_t in[MOCK_LOG_BYTES];  /* the argument block as the library sent it */
	uint8_t out[MOCK_LOG_BYTES]; /* ... and as the mock left it */
};

struct mock_mmap_call {
	void *addr;
	size_t len;
	int prot;
	int flags;
	int fd;
	uint64_t offset;
};

/* answer one ioctl: return 0 or a positive errno */
typedef int (*mock_ioctl_fn)(int fd, unsigned long request, void *arg, void *priv);

/* ---- the device tree ---- */
/* fresh tree, no devices, default driver identity for mock_iface */
void mock_reset(void);
/* a habanalabs device; module_id < 0: no module_id attribute */
void mock_add_device(uint32_t iface, uint32_t asic, uint32_t minor, int module_id,
		     const char *bus_id);
/*
 * Turn accel device minor into what Habana's driver makes on a kernel
 * without DRM accel: the class device's "device" is a directory of its
 * attributes (no PCI function, no driver link) and the node answers no
 * DRM request (ENOTTY).
 */
void mock_make_compat_accel(uint32_t minor);
/* an accel node of another PCI driver; its DRM version answer names driver */
void mock_add_foreign_accel(uint32_t minor, const char *driver);
/* another name for a device node (a symlink, as udev makes) */
void mock_add_alias(const char *alias, const char *node_path);
void mock_set_status(uint32_t iface, uint32_t minor, const char *status_text);
/* a habanalabs attribute of the device (text NULL removes it) */
void mock_set_attr(uint32_t iface, uint32_t minor, const char *name, const char *text);
/* an attribute of the device's PCI function (device, revision, numa_node) */
void mock_set_pci_attr(uint32_t iface, uint32_t minor, const char *name,
		       const char *text);

/* ---- the driver identity ---- */
/* what uname reports; NULL makes the call fail */
void mock_set_kernel_release(const char *release);
/* /sys/module/habanalabs/version, which only Habana's driver has; NULL removes it */
void mock_set_module_version(const char *version);
void mock_set_module_version_unreadable(void);
/* the DRM_IOCTL_VERSION answer of habanalabs accel compute nodes */
void mock_set_drm_version(const char *name, int major, int minor, int patch);
/* make DRM_IOCTL_VERSION fail with err (0: answer again) */
void mock_set_drm_errno(int err);
/* DRM_IOCTL_VERSION calls seen since the last reset */
unsigned int mock_drm_version_count(void);
/* the next n opens of device nodes fail with err */
void mock_fail_opens(unsigned int n, int err);
/* the HW_IP_INFO answer given when no answer is queued (open's query) */
void mock_set_hw_ip_default(const void *hw_ip, size_t len);

/* ---- ioctls ---- */
/*
 * Every ioctl is logged.  Driver commands take the queued answers in
 * order; with none queued they succeed, and INFO HW_IP_INFO describes the
 * device.  DRM_IOCTL_VERSION never takes a queued answer: it is answered
 * from the driver identity above, so queued answers reach the commands
 * they were meant for.
 */
unsigned int mock_ioctl_count(void);
const struct mock_ioctl_call *mock_ioctl_get(unsigned int i);
const struct mock_ioctl_call *mock_ioctl_last(void);
void mock_ioctl_push(mock_ioctl_fn fn, void *priv);
void mock_ioctl_push_errno(int err);
/* copy bytes over the argument block */
void mock_ioctl_push_out(const void *bytes, size_t len);
/* copy data to an INFO call's return buffer (at most return_size bytes) */
void mock_ioctl_push_info(const void *data, size_t len);
/* drop the answers no ioctl took; returns how many there were */
unsigned int mock_ioctl_drop_pushes(void);

/* ---- other system calls ---- */
unsigned int mock_open_fds(void);
/* seam calls other than ioctl, mmap, munmap and page size */
unsigned int mock_syscall_count(void);
unsigned int mock_mmap_count(void);
const struct mock_mmap_call *mock_mmap_last(void);
unsigned int mock_munmap_count(void);
size_t mock_munmap_last_len(void);
void mock_mmap_fail_next(int err);
/* what hla__sys_lseek_end answers (a size, or -errno; reset: -ESPIPE) */
void mock_set_lseek_end(int64_t answer);
/* the last fd hla__sys_close was given (-1 after a reset) */
int mock_last_closed_fd(void);

/* ---- shortcuts ---- */
/* reset, add device minor 0 of the interface, open it (compute / control) */
int mock_open_device(uint32_t iface, uint32_t asic, struct hla_device **dev);
int mock_open_control(uint32_t iface, uint32_t asic, struct hla_device **dev);
/* the request code of a command on an interface */
unsigned long mock_req(uint32_t iface, unsigned int cmd);
/* node paths of minor N on the interface under test */
const char *mock_node(uint32_t minor);
const char *mock_control_node(uint32_t minor);
/* the interface under test, from argv[1] ("accel" or "legacy") */
extern uint32_t mock_iface;

#endif
