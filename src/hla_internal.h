/* SPDX-License-Identifier: MIT */
/*
 * Internal declarations shared by the library's source files.
 * Nothing here is installed or exported.
 */
#ifndef HLACCEL_INTERNAL_H
#define HLACCEL_INTERNAL_H

#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/types.h>

#include "hlaccel/hlaccel.h"
#include "kabi/hl_kabi.h"
#include "kabi/hl_nodes.h"

_Static_assert(HLA_INTERFACE_ACCEL == HLK_IFACE_ACCEL &&
		       HLA_INTERFACE_LEGACY == HLK_IFACE_LEGACY,
	       "interface numbers");

#define HLA_EXPORT __attribute__((visibility("default")))
#define HLA_LIKELY(x) __builtin_expect(!!(x), 1)
#define HLA_UNLIKELY(x) __builtin_expect(!!(x), 0)

/* a 64-bit word read from any struct, aligned or not */
typedef uint64_t hla_u64_alias __attribute__((may_alias, aligned(1)));

#define HLA_ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define HLA_KVER(a, b, c) HLA_VERSION_CODE((uint32_t)(a), (uint32_t)(b), (uint32_t)(c))

/* sysfs / dev roots */
#define HLA_SYSFS_ACCEL_CLASS "/sys/class/accel"
#define HLA_SYSFS_LEGACY_CLASS "/sys/class/habanalabs"
#define HLA_SYSFS_DEV_CHAR "/sys/dev/char"
#define HLA_SYSFS_MODULE "/sys/module/habanalabs"
#define HLA_DEV_ACCEL_DIR "/dev/accel"
#define HLA_DEV_DIR "/dev"
#define HLA_SYSFS_DIR_MAX 96

/* what the library learnt about the driver behind a device */
struct hla_driver_info {
	uint32_t driver;         /* enum hla_driver */
	uint32_t driver_version; /* HLA_VERSION_CODE form, 0 if unknown */
	uint32_t kernel_version; /* HLA_VERSION_CODE form, 0 if unknown */
	uint32_t drm_version;    /* DRM_IOCTL_VERSION answer, 0 if none */
	uint32_t reserved;
	uint64_t caps;           /* HLA_CAP_*; bits only ever cleared after open */
	uint64_t probe;          /* caps bits the driver confirms on first use */
	char version_str[HLA_NAME_MAX];
};


struct hla_device {
	int fd;
	bool owns_fd;            /* close fd in hla_device_close */
	bool control;            /* control node: INFO only */
	uint32_t interface;      /* enum hla_interface */
	uint32_t asic;           /* enum hla_asic */
	uint32_t pci_device_id;
	uint32_t pci_revision;
	uint32_t minor;          /* N of accelN / hlN */
	uint32_t index;          /* enumeration index, UINT32_MAX if unknown */
	uint32_t num_of_events;  /* from HW_IP_INFO at open */
	bool odp;                /* HW_IP_INFO says on-demand paging works */
	uint64_t dram_page_size;
	struct hla_driver_info drv;
	unsigned long req[HLK_CMD_LAST + 1]; /* request code per HLK_CMD_* */
	char sysfs_dir[HLA_SYSFS_DIR_MAX];   /* directory of the habanalabs attributes */
	struct hla_device *next_owner;       /* fd ownership registry (device.c) */
};

/*
 * Capabilities decided lazily (src/driver.c).  Before an INFO request
 * gated by cap: -EOPNOTSUPP when the driver lacks it.  After: a driver
 * that is only believed to have it and answers -EINVAL (its "unknown
 * request") loses the bit for good, and the caller sees -EOPNOTSUPP.
 * Both are safe from any thread.
 */
int hla__cap_gate(const struct hla_device *dev, uint64_t cap);
int hla__cap_result(struct hla_device *dev, uint64_t cap, int ret);
static inline uint64_t hla__caps(const struct hla_device *dev)
{
	return __atomic_load_n(&dev->drv.caps, __ATOMIC_RELAXED);
}

/* ---- system-call seam (src/sys.c; replaced by tests/unit/mock_sys.c) ---- */
/* All return like libc (-1 and errno on failure). */
int hla__sys_open(const char *path, int flags);
int hla__sys_close(int fd);
/* ioctl() itself: the hot paths call it with nothing in between (the unit
 * tests define their own ioctl) */
static inline int hla__sys_ioctl(int fd, unsigned long request, void *arg)
{
	return ioctl(fd, request, arg);
}
void *hla__sys_mmap(void *addr, size_t len, int prot, int flags, int fd,
		    uint64_t offset);
int hla__sys_munmap(void *addr, size_t len);
int hla__sys_fstat(int fd, struct stat *st);
int hla__sys_stat(const char *path, struct stat *st);
ssize_t hla__sys_readlink(const char *path, char *buf, size_t size);
int hla__sys_fcntl_dupfd(int fd);
/* size of the file behind fd (lseek to its end): >= 0 or -errno */
int64_t hla__sys_lseek_end(int fd);
/* list a directory: calls cb for every entry name (not . and ..) */
int hla__sys_listdir(const char *path,
		     int (*cb)(const char *name, void *priv), void *priv);
/* kernel release string (uname -r) */
int hla__sys_kernel_release(char *buf, size_t size);
long hla__sys_page_size(void);

/* ---- the ioctl choke point ---- */
/* One of HLK_CMD_*; returns 0 or -errno.  Never restarts on EINTR: the
 * driver only returns it from waits, which report it to the caller. */
static inline int hla__ioctl(const struct hla_device *dev, unsigned int cmd,
			     void *arg)
{
	if (HLA_UNLIKELY(dev->control) && cmd != HLK_CMD_INFO)
		return -ENOTTY;
	if (HLA_UNLIKELY(hla__sys_ioctl(dev->fd, dev->req[cmd], arg) == -1))
		return -errno;
	return 0;
}

/* ---- size-prefixed structs (src/util.c) ---- */
#define HLA_SZ_IN_MIN 8u      /* sz and the word after it */
#define HLA_SZ_OUT_MIN 16u    /* sz, reserved word, valid mask */
#define HLA_SZ_MAX 0x10000u   /* larger than any struct will ever be */

static inline uint32_t hla__sz(const void *s)
{
	return *(const uint32_t *)s;
}

/*
 * An input struct whose sz differs from the library's: check it and make
 * tmp (known bytes) a zero-extended copy to read instead.  -EINVAL for a
 * size below the header, -E2BIG for a non-zero byte past what the library
 * knows or an absurd size.
 */
int hla__in_copy(void *tmp, const void *s, size_t known);

/* 0 if out (an output struct) can be filled; -EINVAL / -E2BIG otherwise */
static inline int hla__out_check(const void *out, size_t known)
{
	uint32_t sz;

	if (HLA_UNLIKELY(!out))
		return -EINVAL;
	sz = hla__sz(out);
	if (HLA_LIKELY(sz == known))
		return 0;
	if (sz < HLA_SZ_OUT_MIN)
		return -EINVAL;
	return sz > HLA_SZ_MAX ? -E2BIG : 0;
}

/* where to build an output: the caller's struct when it has the library's
 * size, otherwise the local copy tmp */
#define HLA_OUT_TARGET(out, tmp) (hla__sz(out) == sizeof(*(out)) ? (out) : (tmp))

/* end offset of a field: what sz must reach for the caller to have it */
#define HLA_END(type, field) \
	((uint16_t)(offsetof(struct type, field) + sizeof(((struct type *)0)->field)))
/* a valid bit and the end of the (last) field it covers */
struct hla_field_end {
	uint64_t bit;
	uint16_t end;
};
/* valid bits for a caller whose struct is sz bytes: the bits of fields
 * that end past sz are cleared */
uint64_t hla__valid_trim(uint64_t valid, const struct hla_field_end *ends,
			 unsigned int n, uint32_t sz);
#define HLA_VALID_TRIM(out, valid, ends)                                         \
	(hla__sz(out) >= sizeof(*(out)) ?                                        \
		 (valid) :                                                       \
		 hla__valid_trim(valid, ends, HLA_ARRAY_SIZE(ends), hla__sz(out)))

/* after building into o: copy to out if o was the local copy */
void hla__out_copy(void *out, const void *o, size_t known);
static inline void hla__out_finish(void *out, const void *o, size_t known)
{
	if (HLA_UNLIKELY(out != o))
		hla__out_copy(out, o, known);
}

/* ---- helpers (src/util.c) ---- */
/* read a small text file: NUL-terminated, trailing newline removed; length or -errno */
int hla__read_file(const char *path, char *buf, size_t size);
/* dir "/" name into buf; -ENAMETOOLONG if it does not fit */
int hla__path_join(char *buf, size_t size, const char *dir, const char *name);
/* decimal or 0x-hex unsigned value of a text; -EINVAL if it is not one */
int hla__parse_u64(const char *s, uint64_t *v);
uint32_t hla__asic_from_pci(uint32_t device_id, uint32_t revision);
uint32_t hla__asic_from_type(const char *device_type);
uint32_t hla__parse_version(const char *text);
bool hla__asic_is_gaudi1(uint32_t asic);
bool hla__asic_is_gaudi2(uint32_t asic); /* Gaudi2 and its variants */
bool hla__asic_has_dram_vm(uint32_t asic);
bool hla__asic_is_gaudi3(uint32_t asic); /* Gaudi3 and its variants */

/* ---- INFO (src/info.c) ---- */
/* INFO op into k (size bytes, zeroed first); word is the per-op word */
int hla__info(struct hla_device *dev, uint32_t op, void *k, uint32_t size,
	      uint32_t *word);
/* INFO op into out (known bytes: header, then ksize bytes of the driver's
 * layout); the caller then sets the header's valid mask */
int hla__info_into_slow(struct hla_device *dev, uint32_t op, void *out,
			size_t known, uint32_t ksize, uint32_t *word);
static inline int hla__info_into(struct hla_device *dev, uint32_t op, void *out,
				 size_t known, uint32_t ksize, uint32_t *word)
{
	struct hlk_info_args args;
	int ret;

	if (HLA_UNLIKELY(!dev || !out || hla__sz(out) != known || known - 16 < ksize))
		return hla__info_into_slow(dev, op, out, known, ksize, word);
	/* the caller has this library's struct: the driver fills its body */
	memset((char *)out + 16, 0, ksize);
	args.return_pointer = (uint64_t)(uintptr_t)((char *)out + 16);
	args.return_size = ksize;
	args.op = op;
	args.dcore_id = word ? *word : 0;
	args.pad = 0;
	ret = hla__ioctl(dev, HLK_CMD_INFO, &args);
	if (word)
		*word = args.dcore_id;
	if (HLA_UNLIKELY(ret))
		memset((char *)out + 8, 0, sizeof(uint64_t)); /* no stale valid bits */
	return ret;
}
/* validate (dev, output struct of known bytes) */
int hla__info_check(const struct hla_device *dev, const void *out, size_t known);

/* ---- mappings of driver objects (src/cb.c) ---- */
int hla__mmap_object(struct hla_device *dev, uint64_t offset, size_t len,
		     void **addr);
int hla__munmap_object(void *addr, size_t len);
size_t hla__map_len(uint64_t size);

#endif /* HLACCEL_INTERNAL_H */
