/* SPDX-License-Identifier: MIT */
/* MEMORY: device memory, host mappings, HW blocks, dma-buf, TS buffers. */
#include "hla_internal.h"

#include <fcntl.h>

static int mem_op(struct hla_device *dev, union hlk_mem_args *args)
{
	return hla__ioctl(dev, HLK_CMD_MEMORY, args);
}

HLA_EXPORT int hla_mem_alloc(struct hla_device *dev, uint64_t size,
			     uint64_t page_size, uint32_t flags, uint64_t *handle)
{
	union hlk_mem_args args;
	int ret;

	if (!dev || !handle || !size ||
	    (flags & ~(HLA_MEM_CONTIGUOUS | HLA_MEM_SHARED)) ||
	    (page_size & (page_size - 1)))
		return -EINVAL;
	memset(&args, 0, sizeof(args));
	args.in.op = HLK_MEM_OP_ALLOC;
	args.in.alloc.mem_size = size;
	args.in.alloc.page_size = page_size;
	args.in.flags = flags;
	ret = mem_op(dev, &args);
	if (!ret)
		*handle = args.out.handle;
	return ret;
}

HLA_EXPORT int hla_mem_free(struct hla_device *dev, uint64_t handle, uint64_t size)
{
	union hlk_mem_args args;

	if (!dev)
		return -EINVAL;
	memset(&args, 0, sizeof(args));
	args.in.op = HLK_MEM_OP_FREE;
	if (hla__asic_is_gaudi1(dev->asic)) {
		/* Gaudi's driver only accounts: it reads a size in this slot */
		if (!size)
			return -EINVAL;
		args.in.alloc.mem_size = size;
	} else {
		args.in.free.handle = handle;
	}
	return mem_op(dev, &args);
}

HLA_EXPORT int hla_mem_map(struct hla_device *dev, uint64_t handle, uint64_t hint,
			   uint32_t flags, uint64_t *va)
{
	union hlk_mem_args args;
	int ret;

	if (!dev || !va || (flags & ~HLA_MEM_FORCE_HINT))
		return -EINVAL;
	memset(&args, 0, sizeof(args));
	args.in.op = HLK_MEM_OP_MAP;
	args.in.map_device.hint_addr = hint;
	args.in.map_device.handle = handle;
	args.in.flags = flags;
	ret = mem_op(dev, &args);
	if (!ret)
		*va = args.out.device_virt_addr;
	return ret;
}

HLA_EXPORT int hla_mem_map_host(struct hla_device *dev, void *addr, size_t size,
				uint64_t hint, uint32_t flags, uint64_t *va)
{
	union hlk_mem_args args;
	uint64_t start = (uint64_t)(uintptr_t)addr;
	int ret;

	if (!dev || !va || !addr || !size || start + size < start ||
	    (flags & ~(HLA_MEM_FORCE_HINT | HLA_MEM_ODP)))
		return -EINVAL;
	/* a driver without it would pin the pages instead */
	if ((flags & HLA_MEM_ODP) && !(hla__caps(dev) & HLA_CAP_MEM_ODP))
		return -EOPNOTSUPP;
	memset(&args, 0, sizeof(args));
	args.in.op = HLK_MEM_OP_MAP;
	args.in.map_host.host_virt_addr = start;
	args.in.map_host.hint_addr = hint;
	args.in.map_host.mem_size = size;
	_Static_assert(HLA_MEM_ODP == HLK_MEM_ODP, "ODP flag");
	args.in.flags = flags | HLK_MEM_USERPTR;
	ret = mem_op(dev, &args);
	if (!ret)
		*va = args.out.device_virt_addr;
	return ret;
}

HLA_EXPORT int hla_mem_unmap(struct hla_device *dev, uint64_t va)
{
	union hlk_mem_args args;

	if (!dev)
		return -EINVAL;
	memset(&args, 0, sizeof(args));
	args.in.op = HLK_MEM_OP_UNMAP;
	args.in.unmap.device_virt_addr = va;
	return mem_op(dev, &args);
}

HLA_EXPORT int hla_block_map(struct hla_device *dev, uint64_t block_addr,
			     uint64_t *block_handle, size_t *block_size)
{
	union hlk_mem_args args;
	int ret;

	if (!dev || !block_handle || !block_size)
		return -EINVAL;
	memset(&args, 0, sizeof(args));
	args.in.op = HLK_MEM_OP_MAP_BLOCK;
	args.in.map_block.block_addr = block_addr;
	ret = mem_op(dev, &args);
	if (!ret) {
		*block_handle = args.out.block_handle;
		*block_size = args.out.block_size;
	}
	return ret;
}

#define DMABUF_FLAGS                                                        \
	(HLA_DMABUF_RDONLY | HLA_DMABUF_WRONLY | HLA_DMABUF_INHERIT |       \
	 HLA_DMABUF_BY_HANDLE)

static uint32_t dmabuf_fd_flags(uint32_t flags)
{
	uint32_t f = flags & HLA_DMABUF_RDONLY ? O_RDONLY :
		     flags & HLA_DMABUF_WRONLY ? O_WRONLY :
						 O_RDWR;

	return flags & HLA_DMABUF_INHERIT ? f : f | O_CLOEXEC;
}

/*
 * Which form of the export this driver takes, or -EOPNOTSUPP where it has
 * none for the request.  hlaccel(7) and hla_mem_export_dmabuf(3) give the
 * rule per driver.
 */
static int export_form(const struct hla_device *dev, const struct hla_dmabuf_export *e)
{
	uint64_t caps = hla__caps(dev);

	/* the handle form exports the whole allocation: no offset */
	if (e->flags & HLA_DMABUF_BY_HANDLE)
		return caps & HLA_CAP_DMABUF_HANDLE && !e->offset ? 0 : -EOPNOTSUPP;
	if (!(caps & (HLA_CAP_DMABUF_ADDR | HLA_CAP_DMABUF_PHYS)))
		return -EOPNOTSUPP;
	/* some drivers check the offset and then ignore it: never hand out
	 * the wrong bytes */
	if (e->offset && !(caps & HLA_CAP_DMABUF_OFFSET))
		return -EOPNOTSUPP;
	return 0;
}

/* the request itself; *fd on success */
static int export_call(struct hla_device *dev, uint64_t what, uint64_t size,
		       uint64_t offset, uint32_t flags, int *fd)
{
	union hlk_mem_args args;
	int ret;

	memset(&args, 0, sizeof(args));
	args.in.op = HLK_MEM_OP_EXPORT_DMABUF_FD;
	/* every layout: what names the memory @0, size @8 (offset @16 later) */
	args.in.export_dmabuf_fd.addr = what;
	args.in.export_dmabuf_fd.mem_size = size;
	args.in.export_dmabuf_fd.offset = offset;
	args.in.flags = dmabuf_fd_flags(flags);
	ret = mem_op(dev, &args);
	if (ret)
		return ret;
	if (args.out.fd < 0)
		return -EBADF;
	*fd = args.out.fd;
	return 0;
}

/* the size of the dma-buf behind fd (the handle form picks it itself) */
static int dmabuf_size(int fd, uint64_t *size)
{
	int64_t end = hla__sys_lseek_end(fd);

	if (end < 0)
		return (int)end;
	*size = (uint64_t)end;
	return 0;
}

/* by allocation handle: the driver exports the whole allocation */
static int export_handle(struct hla_device *dev, uint64_t handle, uint32_t flags,
			 uint64_t want, int *fd, uint64_t *size)
{
	uint64_t got = 0;
	int f, ret = export_call(dev, handle, want, 0, flags, &f);

	if (ret)
		return ret;
	ret = dmabuf_size(f, &got);
	if (!ret && want && got != want)
		ret = -EINVAL; /* not the range the caller named */
	if (ret) {
		hla__sys_close(f);
		return ret;
	}
	if (size)
		*size = got;
	*fd = f;
	return 0;
}

/* every request the fast path below does not take, checked in full */
static __attribute__((noinline, cold)) int
export_general(struct hla_device *dev, const struct hla_dmabuf_export *exp, int *fd)
{
	struct hla_dmabuf_export tmp;
	int ret;

	if (hla__sz(exp) != sizeof(*exp)) {
		ret = hla__in_copy(&tmp, exp, sizeof(tmp));
		if (ret)
			return ret;
		exp = &tmp;
	}
	if (!exp->size || (exp->flags & ~DMABUF_FLAGS) ||
	    ((exp->flags & HLA_DMABUF_RDONLY) && (exp->flags & HLA_DMABUF_WRONLY)) ||
	    exp->offset + exp->size < exp->offset)
		return -EINVAL;
	ret = export_form(dev, exp);
	if (ret)
		return ret;
	if (exp->flags & HLA_DMABUF_BY_HANDLE)
		return export_handle(dev, exp->handle, exp->flags, exp->size, fd, NULL);
	return export_call(dev, exp->addr, exp->size, exp->offset, exp->flags, fd);
}

/* the flags of the dma-buf's file for RDONLY | WRONLY | INHERIT (3 and 7,
 * both access bits, are refused before the lookup) */
static const uint32_t dmabuf_file_flags[8] = {
	O_RDWR | O_CLOEXEC, O_RDONLY | O_CLOEXEC, O_WRONLY | O_CLOEXEC, 0,
	O_RDWR,             O_RDONLY,             O_WRONLY,             0,
};

#define BOTH_ACCESS (HLA_DMABUF_RDONLY | HLA_DMABUF_WRONLY)
#define ADDR_FORM_FLAGS (BOTH_ACCESS | HLA_DMABUF_INHERIT)

/*
 * The common export, by address from a struct of this library's size:
 * the same checks as export_general, in one pass, and the answer written
 * straight to *fd.
 */
HLA_EXPORT int hla_mem_export_dmabuf(struct hla_device *dev,
				     const struct hla_dmabuf_export *exp, int *fd)
{
	union hlk_mem_args args;
	uint64_t caps, size, off;
	uint32_t f;
	int ret;

	if (HLA_UNLIKELY(!dev || !exp || !fd))
		return -EINVAL;
	if (HLA_UNLIKELY((hla__sz(exp) ^ sizeof(*exp)) | (exp->flags & ~ADDR_FORM_FLAGS)))
		return export_general(dev, exp, fd);
	f = exp->flags;
	size = exp->size;
	off = exp->offset;
	if (HLA_UNLIKELY(!size || (f & BOTH_ACCESS) == BOTH_ACCESS ||
			 off + size < off))
		return -EINVAL;
	caps = hla__caps(dev);
	if (HLA_UNLIKELY(!(caps & (HLA_CAP_DMABUF_ADDR | HLA_CAP_DMABUF_PHYS)) ||
			 (off && !(caps & HLA_CAP_DMABUF_OFFSET))))
		return -EOPNOTSUPP;
	memset(&args, 0, sizeof(args));
	args.in.op = HLK_MEM_OP_EXPORT_DMABUF_FD;
	args.in.export_dmabuf_fd.addr = exp->addr;
	args.in.export_dmabuf_fd.mem_size = size;
	args.in.export_dmabuf_fd.offset = off;
	args.in.flags = dmabuf_file_flags[f];
	ret = mem_op(dev, &args);
	if (HLA_UNLIKELY(ret))
		return ret;
	if (HLA_UNLIKELY(args.out.fd < 0))
		return -EBADF;
	*fd = args.out.fd;
	return 0;
}

HLA_EXPORT int hla_mem_export_dmabuf_handle(struct hla_device *dev, uint64_t handle,
					    uint32_t flags, int *fd, uint64_t *size)
{
	if (!dev || !fd ||
	    (flags & ~(HLA_DMABUF_RDONLY | HLA_DMABUF_WRONLY | HLA_DMABUF_INHERIT)) ||
	    ((flags & HLA_DMABUF_RDONLY) && (flags & HLA_DMABUF_WRONLY)))
		return -EINVAL;
	if (!(hla__caps(dev) & HLA_CAP_DMABUF_HANDLE))
		return -EOPNOTSUPP;
	/* the driver looks handles up by their low 32 bits */
	if (handle > UINT32_MAX)
		return -EINVAL;
	return export_handle(dev, handle, flags, 0, fd, size);
}

HLA_EXPORT int hla_ts_alloc(struct hla_device *dev, uint32_t num_elements,
			    uint64_t *handle)
{
	union hlk_mem_args args;
	int ret;

	if (!dev || !handle || !num_elements || num_elements > HLA_TS_MAX_ELEMENTS)
		return -EINVAL;
	memset(&args, 0, sizeof(args));
	args.in.op = HLK_MEM_OP_TS_ALLOC;
	args.in.num_of_elements = num_elements;
	ret = mem_op(dev, &args);
	if (!ret)
		*handle = args.out.handle;
	return ret;
}
