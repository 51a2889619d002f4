/* SPDX-License-Identifier: MIT */
/* MEMORY: device memory, host mappings, HW blocks, dma-buf, TS buffers. */
#include "hla_internal.h"

#include <errno.h>
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

HLA_EXPORT int hla_mem_map_host(struct hla_device *dev, void *addr, uint64_t size,
				uint64_t hint, uint32_t flags, uint64_t *va)
{
	union hlk_mem_args args;
	uint64_t start = (uint64_t)(uintptr_t)addr;
	int ret;

	if (!dev || !va || !addr || !size || start + size < start ||
	    (flags & ~HLA_MEM_FORCE_HINT))
		return -EINVAL;
	memset(&args, 0, sizeof(args));
	args.in.op = HLK_MEM_OP_MAP;
	args.in.map_host.host_virt_addr = start;
	args.in.map_host.hint_addr = hint;
	args.in.map_host.mem_size = size;
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

HLA_EXPORT int hla_mem_map_block(struct hla_device *dev, uint64_t block_addr,
				 uint64_t *block_handle, uint32_t *block_size)
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

#define DMABUF_FLAGS (HLA_DMABUF_RDONLY | HLA_DMABUF_WRONLY | HLA_DMABUF_INHERIT)

HLA_EXPORT int hla_mem_export_dmabuf(struct hla_device *dev, uint64_t addr,
				     uint64_t size, uint64_t offset, uint32_t flags,
				     int *fd)
{
	union hlk_mem_args args;
	uint32_t fd_flags;
	int ret;

	if (!dev || !fd || !size || (flags & ~DMABUF_FLAGS) ||
	    (flags & HLA_DMABUF_RDONLY && flags & HLA_DMABUF_WRONLY) ||
	    offset + size < offset)
		return -EINVAL;
	/*
	 * 6.1 kernels export by handle/physical address without an offset;
	 * 6.3 to 6.6 check the offset but then ignore it when the importer
	 * maps the buffer.  Refuse rather than hand out the wrong bytes.
	 */
	if (offset && dev->kernel_version < HLA_KVER(6, 7, 0))
		return -EOPNOTSUPP;
	if (flags & HLA_DMABUF_RDONLY)
		fd_flags = O_RDONLY;
	else if (flags & HLA_DMABUF_WRONLY)
		fd_flags = O_WRONLY;
	else
		fd_flags = O_RDWR;
	if (!(flags & HLA_DMABUF_INHERIT))
		fd_flags |= O_CLOEXEC;
	memset(&args, 0, sizeof(args));
	args.in.op = HLK_MEM_OP_EXPORT_DMABUF_FD;
	/* same offsets in both layouts: addr (or handle) @0, size @8 */
	args.in.export_dmabuf_fd.addr = addr;
	args.in.export_dmabuf_fd.mem_size = size;
	args.in.export_dmabuf_fd.offset = offset;
	args.in.flags = fd_flags;
	ret = mem_op(dev, &args);
	if (ret)
		return ret;
	if (args.out.fd < 0)
		return -EBADF;
	*fd = args.out.fd;
	return 0;
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
