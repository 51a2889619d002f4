/* SPDX-License-Identifier: MIT */
/* Device memory, host mappings, dma-buf export, HW blocks, timestamp
 * buffers. */
#include "ht_internal.h"

#include <fcntl.h>
#include <limits.h>

HT_EXPORT uint64_t hlthunk_device_memory_alloc(int fd, uint64_t size, uint64_t page_size,
					       bool contiguous, bool shared)
{
	uint32_t flags = (contiguous ? HLA_MEM_CONTIGUOUS : 0u) |
			 (shared ? HLA_MEM_SHARED : 0u);
	uint64_t handle = 0;
	int ret;

	HT_ON_FD(fd, r, ret) {
		ret = hla_mem_alloc(r.e->dev, size, page_size, flags, &handle);
		/* Gaudi answers handle 0: hand out a handle that names the size */
		if (!ret && r.e->gaudi1) {
			ret = ht_alloc_add(r.e, size, &handle);
			if (ret)
				hla_mem_free(r.e->dev, 0, size);
		}
	}
	return ret ? ht_fail0(ret) : handle;
}

HT_EXPORT int hlthunk_device_memory_free(int fd, uint64_t handle)
{
	uint64_t size = 0;
	int ret;

	HT_ON_FD(fd, r, ret) {
		if (!r.e->gaudi1) {
			ret = hla_mem_free(r.e->dev, handle, 0);
		} else {
			ret = ht_alloc_take(r.e, handle, &size);
			if (!ret) {
				ret = hla_mem_free(r.e->dev, 0, size);
				if (ret)
					ht_alloc_put_back(r.e, handle, size);
			}
		}
	}
	return ret;
}

HT_EXPORT uint64_t hlthunk_device_memory_map(int fd, uint64_t handle, uint64_t hint_addr)
{
	uint64_t va = 0;
	int ret;

	HT_ON_FD(fd, r, ret) {
		ret = hla_mem_map(r.e->dev, handle, hint_addr, 0, &va);
	}
	return ret ? ht_fail0(ret) : va;
}

HT_EXPORT uint64_t hlthunk_host_memory_map_flags(int fd, void *host_virt_addr,
						 uint64_t hint_addr, uint64_t host_size,
						 uint32_t flags)
{
	uint64_t va = 0;
	int ret;

	/* HL_MEM_USERPTR is what this call is; FORCE_HINT is the one option */
	if ((flags & ~(uint32_t)(HL_MEM_USERPTR | HL_MEM_FORCE_HINT)) ||
	    host_size > SIZE_MAX)
		return ht_fail0(-EINVAL);
	HT_ON_FD(fd, r, ret) {
		ret = hla_mem_map_host(r.e->dev, host_virt_addr, (size_t)host_size,
				       hint_addr,
				       flags & HL_MEM_FORCE_HINT ? HLA_MEM_FORCE_HINT : 0, &va);
	}
	return ret ? ht_fail0(ret) : va;
}

HT_EXPORT uint64_t hlthunk_host_memory_map(int fd, void *host_virt_addr, uint64_t hint_addr,
					   uint64_t host_size)
{
	return hlthunk_host_memory_map_flags(fd, host_virt_addr, hint_addr, host_size, 0);
}

HT_EXPORT int hlthunk_memory_unmap(int fd, uint64_t device_virt_addr)
{
	int ret;

	HT_ON_FD(fd, r, ret) {
		ret = hla_mem_unmap(r.e->dev, device_virt_addr);
	}
	return ret;
}

/* open(2)-style dma-buf flags as hlaccel's; 0 is O_RDWR | O_CLOEXEC */
static int dmabuf_flags(uint32_t flags, uint32_t *out)
{
	if (!flags) {
		*out = HLA_DMABUF_RDWR;
		return 0;
	}
	switch (flags & O_ACCMODE) {
	case O_RDONLY:
		*out = HLA_DMABUF_RDONLY;
		break;
	case O_WRONLY:
		*out = HLA_DMABUF_WRONLY;
		break;
	case O_RDWR:
		*out = HLA_DMABUF_RDWR;
		break;
	default:
		return -EINVAL;
	}
	if (!(flags & O_CLOEXEC))
		*out |= HLA_DMABUF_INHERIT;
	return 0;
}

static int export(int fd, const struct hla_dmabuf_export *exp, bool by_handle, uint32_t flags)
{
	uint32_t f;
	int ret = dmabuf_flags(flags, &f), out = -1;

	if (ret)
		return ht_err(ret);
	HT_ON_FD(fd, r, ret) {
		struct hla_dmabuf_export e = *exp;

		e.flags = f;
		/* hl-thunk's handle is the driver's first word: a handle where
		 * the driver exports by handle, an address elsewhere */
		if (by_handle && (r.e->desc.caps & HLA_CAP_DMABUF_HANDLE)) {
			e.flags |= HLA_DMABUF_BY_HANDLE;
			e.handle = e.addr;
			e.addr = 0;
		}
		ret = hla_mem_export_dmabuf(r.e->dev, &e, &out);
	}
	return ret ? ret : out;
}

HT_EXPORT int hlthunk_device_memory_export_dmabuf_fd(int fd, uint64_t handle, uint64_t size,
						     uint32_t flags)
{
	HLA_STRUCT_INIT(hla_dmabuf_export, exp);

	exp.addr = handle;
	exp.size = size;
	return export(fd, &exp, true, flags);
}

HT_EXPORT int hlthunk_device_mapped_memory_export_dmabuf_fd(int fd, uint64_t addr,
							    uint64_t size, uint64_t offset,
							    uint32_t flags)
{
	HLA_STRUCT_INIT(hla_dmabuf_export, exp);

	exp.addr = addr;
	exp.offset = offset;
	exp.size = size;
	return export(fd, &exp, false, flags);
}

HT_EXPORT int hlthunk_get_hw_block(int fd, uint64_t block_address, uint32_t *block_size,
				   uint64_t *handle)
{
	size_t size = 0;
	int ret;

	if (!block_size || !handle)
		return ht_err(-EINVAL);
	HT_ON_FD(fd, r, ret) {
		ret = hla_block_map(r.e->dev, block_address, handle, &size);
	}
	if (!ret)
		*block_size = (uint32_t)size;
	return ret;
}

HT_EXPORT int hlthunk_allocate_timestamp_elements(int fd, uint32_t num_elements,
						  uint64_t *handle)
{
	int ret;

	if (!handle)
		return ht_err(-EINVAL);
	HT_ON_FD(fd, r, ret) {
		ret = hla_ts_alloc(r.e->dev, num_elements, handle);
	}
	return ret;
}

HT_EXPORT int hlthunk_register_timestamp_interrupt(int fd, uint32_t interrupt_id,
						   uint64_t cq_counters_handle,
						   uint64_t cq_counters_offset,
						   uint64_t target_value,
						   uint64_t timestamps_handle,
						   uint64_t timestamps_offset)
{
	HLA_STRUCT_INIT(hla_cq_counter, cq);
	int ret;

	if (timestamps_offset > UINT32_MAX)
		return ht_err(-EINVAL);
	cq.interrupt_id = interrupt_id == UINT32_MAX ? HLA_INTERRUPT_ANY_CQ : interrupt_id;
	cq.cb_handle = cq_counters_handle;
	cq.index = cq_counters_offset;
	cq.target = target_value;
	HT_ON_FD(fd, r, ret) {
		ret = hla_ts_register(r.e->dev, &cq, timestamps_handle,
				      (uint32_t)timestamps_offset);
	}
	return ret;
}
