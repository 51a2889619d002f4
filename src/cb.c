/* SPDX-License-Identifier: MIT */
/* Command buffers: create, destroy, query; CPU mappings of driver objects. */
#include "hla_internal.h"

#include <sys/mman.h>

static bool valid_cb_handle(uint64_t handle)
{
	return (handle & HLK_MMAP_TYPE_MASK) == HLK_MMAP_TYPE_CB &&
	       (handle & ~HLK_MMAP_TYPE_MASK);
}

static int cb_op(struct hla_device *dev, uint32_t op, uint64_t handle,
		 uint32_t size, uint32_t flags, union hlk_cb_args *args)
{
	memset(args, 0, sizeof(*args));
	args->in.op = op;
	args->in.cb_handle = handle;
	args->in.cb_size = size;
	args->in.flags = flags;
	return hla__ioctl(dev, HLK_CMD_CB, args);
}

HLA_EXPORT int hla_cb_create(struct hla_device *dev, size_t size, uint32_t flags,
			     uint64_t *handle)
{
	union hlk_cb_args args;
	int ret;

	if (!dev || !handle || (flags & ~HLA_CB_MAP) || size > HLA_CB_MAX_SIZE)
		return -EINVAL;
	ret = cb_op(dev, HLK_CB_OP_CREATE, 0, (uint32_t)size,
		    flags & HLA_CB_MAP ? HLK_CB_FLAGS_MAP : 0, &args);
	if (!ret)
		*handle = args.out.cb_handle;
	return ret;
}

HLA_EXPORT int hla_cb_destroy(struct hla_device *dev, uint64_t handle)
{
	union hlk_cb_args args;

	if (!dev || !valid_cb_handle(handle))
		return -EINVAL;
	return cb_op(dev, HLK_CB_OP_DESTROY, handle, 0, 0, &args);
}

HLA_EXPORT int hla_cb_get_usage(struct hla_device *dev, uint64_t handle,
				uint32_t *count)
{
	union hlk_cb_args args;
	int ret;

	if (!dev || !count || !valid_cb_handle(handle))
		return -EINVAL;
	ret = cb_op(dev, HLK_CB_OP_INFO, handle, 0, 0, &args);
	if (!ret)
		*count = args.out.usage_cnt;
	return ret;
}

HLA_EXPORT int hla_cb_get_device_va(struct hla_device *dev, uint64_t handle,
				    uint64_t *va)
{
	union hlk_cb_args args;
	int ret;

	if (!dev || !va || !valid_cb_handle(handle))
		return -EINVAL;
	ret = cb_op(dev, HLK_CB_OP_INFO, handle, 0, HLK_CB_FLAGS_GET_DEVICE_VA, &args);
	if (!ret)
		*va = args.out.device_va;
	return ret;
}

size_t hla__map_len(uint64_t size)
{
	uint64_t page = (uint64_t)hla__sys_page_size();

	if (!size)
		size = 1;
	return (size_t)((size + page - 1) / page * page);
}

int hla__mmap_object(struct hla_device *dev, uint64_t offset, size_t len,
		     void **addr)
{
	void *p;

	if (dev->control)
		return -ENOTTY;
	p = hla__sys_mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED, dev->fd,
			  offset);
	if (p == MAP_FAILED)
		return -errno;
	*addr = p;
	return 0;
}

int hla__munmap_object(void *addr, size_t len)
{
	if (!addr || ((uintptr_t)addr % (uintptr_t)hla__sys_page_size()))
		return -EINVAL;
	return hla__sys_munmap(addr, len) ? -errno : 0;
}

HLA_EXPORT int hla_cb_mmap(struct hla_device *dev, uint64_t handle, size_t size,
			   void **addr)
{
	if (!dev || !addr || !valid_cb_handle(handle) || size > HLA_CB_MAX_SIZE)
		return -EINVAL;
	return hla__mmap_object(dev, handle, hla__map_len(size), addr);
}

HLA_EXPORT int hla_cb_munmap(void *addr, size_t size)
{
	if (size > HLA_CB_MAX_SIZE)
		return -EINVAL;
	return hla__munmap_object(addr, hla__map_len(size));
}

HLA_EXPORT int hla_block_mmap(struct hla_device *dev, uint64_t block_handle,
			      size_t block_size, void **addr)
{
	if (!dev || !addr || !block_size ||
	    (block_handle & HLK_MMAP_TYPE_MASK) != HLK_MMAP_TYPE_BLOCK)
		return -EINVAL;
	return hla__mmap_object(dev, block_handle, block_size, addr);
}

HLA_EXPORT int hla_block_munmap(void *addr, size_t block_size)
{
	if (!block_size)
		return -EINVAL;
	return hla__munmap_object(addr, block_size);
}

HLA_EXPORT int hla_ts_mmap(struct hla_device *dev, uint64_t handle,
			   uint32_t num_elements, void **addr)
{
	if (!dev || !addr || !num_elements || num_elements > HLA_TS_MAX_ELEMENTS ||
	    (handle & HLK_MMAP_TYPE_MASK) != HLK_MMAP_TYPE_TS_BUFF)
		return -EINVAL;
	return hla__mmap_object(dev, handle,
				hla__map_len((uint64_t)num_elements * sizeof(uint64_t)),
				addr);
}

HLA_EXPORT int hla_ts_munmap(void *addr, uint32_t num_elements)
{
	if (!num_elements || num_elements > HLA_TS_MAX_ELEMENTS)
		return -EINVAL;
	return hla__munmap_object(addr,
				  hla__map_len((uint64_t)num_elements * sizeof(uint64_t)));
}
