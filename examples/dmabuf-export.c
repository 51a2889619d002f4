/* SPDX-License-Identifier: MIT */
/*
 * Sample: export device DRAM as a dma-buf file descriptor, the handle an
 * importer (an RDMA NIC, another driver) takes to reach device memory
 * without a copy through the host.
 *
 * Gaudi2 exports a DRAM mapping by its device virtual address; Gaudi1 by
 * DRAM physical address.  While exported, the memory is pinned: the driver
 * refuses to unmap or free it until every dma-buf fd is closed.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <hlaccel/hlaccel.h>

#define SIZE (2u << 20)

int main(void)
{
	HLA_STRUCT_INIT(hla_hw_ip_info, hw);
	HLA_STRUCT_INIT(hla_dmabuf_export, exp);
	struct hla_device *dev;
	uint64_t mem = 0, addr = 0;
	bool gaudi1, mapped = false;
	int fd = -1, rc, ret = 1;
	off_t end;

	rc = hla_device_open_index(0, HLA_OPEN_RETRY, &dev);
	if (rc) {
		fprintf(stderr, "open: %s\n", strerror(-rc));
		return 1;
	}
	rc = hla_info_hw_ip(dev, &hw);
	if (rc)
		goto out;
	gaudi1 = hw.asic == HLA_ASIC_GAUDI || hw.asic == HLA_ASIC_GAUDI_SEC;

	rc = hla_mem_alloc(dev, SIZE, 0, 0, &mem);
	if (rc)
		goto out;
	if (gaudi1) {
		addr = hw.dram_base_address;
	} else {
		rc = hla_mem_map(dev, mem, 0, 0, &addr);
		if (rc)
			goto free_mem;
		mapped = true;
	}

	/* the range to export: size and offset are multiples of the page
	 * size; the flags set the access mode of the fd */
	exp.addr = addr;
	exp.size = SIZE;
	exp.flags = HLA_DMABUF_RDWR;
	rc = hla_mem_export_dmabuf(dev, &exp, &fd);
	if (rc == -EOPNOTSUPP) {
		/* hla_device_describe's caps tell in advance (HLA_CAP_DMABUF_*) */
		fprintf(stderr, "this driver cannot export %s memory\n",
			gaudi1 ? "Gaudi" : "Gaudi2");
		goto unmap;
	}
	if (rc)
		goto unmap;

	/* a dma-buf is a file: its size is visible with lseek */
	end = lseek(fd, 0, SEEK_END);
	printf("exported %u bytes at 0x%" PRIx64 " as fd %d (dma-buf size %lld)\n",
	       SIZE, addr, fd, (long long)end);
	printf("close-on-exec: %s\n", (fcntl(fd, F_GETFD) & FD_CLOEXEC) ? "yes" : "no");

	/* pinned: unmapping now is refused (6.3+ kernels) */
	if (mapped) {
		rc = hla_mem_unmap(dev, addr);
		printf("unmap while exported: %s\n", rc ? strerror(-rc) : "allowed");
		if (!rc)
			mapped = false;
	}
	/* hand fd to an importer here; it keeps its own reference */
	close(fd);
	ret = 0;
	rc = 0;

unmap:
	if (mapped)
		hla_mem_unmap(dev, addr);
free_mem:
	hla_mem_free(dev, mem, SIZE);
out:
	if (rc)
		fprintf(stderr, "error: %s\n", strerror(-rc));
	hla_device_close(dev);
	return ret;
}
