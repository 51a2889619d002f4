/* SPDX-License-Identifier: MIT */
/*
 * Internal declarations shared by the library's source files.
 * Nothing here is installed or exported.
 */
#ifndef HLACCEL_INTERNAL_H
#define HLACCEL_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>

#include "hlaccel/hlaccel.h"
#include "kabi/hl_kabi.h"
#include "kabi/hl_nodes.h"

_Static_assert(HLA_INTERFACE_ACCEL == HLK_IFACE_ACCEL &&
		       HLA_INTERFACE_LEGACY == HLK_IFACE_LEGACY,
	       "interface numbers");

#define HLA_EXPORT __attribute__((visibility("default")))

#define HLA_ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define HLA_KVER(a, b, c) (((uint32_t)(a) << 16) | ((uint32_t)(b) << 8) | (uint32_t)(c))

/* sysfs / dev roots; the unit-test seam rewrites these prefixes */
#define HLA_SYSFS_ACCEL_CLASS "/sys/class/accel"
#define HLA_SYSFS_LEGACY_CLASS "/sys/class/habanalabs"
#define HLA_SYSFS_DEV_CHAR "/sys/dev/char"
#define HLA_DEV_ACCEL_DIR "/dev/accel"
#define HLA_DEV_DIR "/dev"

struct hla_device {
	int fd;
	uint32_t interface;      /* enum hla_interface */
	bool control;            /* control node: INFO only */
	uint32_t asic;           /* enum hla_asic */
	uint32_t pci_device_id;
	uint32_t kernel_version; /* HLA_KVER() of the running kernel */
	uint32_t minor;          /* N of accelN / hlN */
	uint32_t num_of_events;  /* from HW_IP_INFO at open */
	uint64_t dram_page_size;
	unsigned long req[HLK_CMD_LAST + 1]; /* request code per HLK_CMD_* */
	char node[HLA_PATH_MAX];
	char control_node[HLA_PATH_MAX];
	char sysfs_dir[128];     /* directory holding the habanalabs attributes */
	char pci_bus_id[HLA_BUS_ID_MAX];
};

/* ---- system-call seam (src/sys.c; replaced by tests/unit/mock_sys.c) ---- */
/* All return like libc (-1 and errno on failure). */
int hla__sys_open(const char *path, int flags);
int hla__sys_close(int fd);
int hla__sys_ioctl(int fd, unsigned long request, void *arg);
void *hla__sys_mmap(void *addr, size_t len, int prot, int flags, int fd,
		    uint64_t offset);
int hla__sys_munmap(void *addr, size_t len);
int hla__sys_fstat(int fd, struct stat *st);
int hla__sys_stat(const char *path, struct stat *st);
ssize_t hla__sys_readlink(const char *path, char *buf, size_t size);
int hla__sys_fcntl_dupfd(int fd);
/* list a directory: calls cb for every entry name (not . and ..) */
int hla__sys_listdir(const char *path,
		     int (*cb)(const char *name, void *priv), void *priv);
/* kernel release string (uname -r) */
int hla__sys_kernel_release(char *buf, size_t size);
/* DRM version name of an accel fd, through libdrm; -errno */
int hla__sys_drm_driver_name(int fd, char *buf, size_t size);
long hla__sys_page_size(void);

/* ---- helpers (src/util.c) ---- */
/* ioctl choke point: one of HLK_CMD_*, retries EINTR, returns 0 or -errno */
int hla__ioctl(const struct hla_device *dev, unsigned int cmd, void *arg);
/* read a small text file: NUL-terminated, trailing newline removed; length or -errno */
int hla__read_file(const char *path, char *buf, size_t size);
/* size-prefixed structs */
int hla__check_in(const void *s, size_t known_size); /* 0, -EINVAL, -E2BIG */
int hla__check_out(const void *s);                   /* 0 or -EINVAL (NULL or sz too small) */
/* copy src (known_size bytes, starting with a size_t sz) into dst up to dst->sz */
void hla__copy_out(void *dst, const void *src, size_t known_size);
/* map / unmap a driver object (CB, TS buffer, HW block) at offset (src/cb.c) */
int hla__mmap_object(struct hla_device *dev, uint64_t offset, size_t len,
		     void **addr);
int hla__munmap_object(void *addr, size_t len);
uint32_t hla__asic_from_pci(uint32_t device_id, uint32_t revision);
uint32_t hla__asic_from_type(const char *device_type);
uint32_t hla__parse_kernel_version(const char *release);
bool hla__asic_is_gaudi1(uint32_t asic);
bool hla__asic_is_gaudi2(uint32_t asic); /* Gaudi2 and its variants */
bool hla__asic_has_dram_vm(uint32_t asic);

#endif /* HLACCEL_INTERNAL_H */
