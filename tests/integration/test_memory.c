/* SPDX-License-Identifier: MIT */
/* Device and host memory, command buffers and DMA through the device. */
#include "itest.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>


static void alloc_map_unmap_free(void **state)
{
	uint64_t h, va, va2, page;

	(void)state;
	if (D.gaudi1) {
		/* Gaudi: allocation is accounting only, handle 0, nothing to map */
		assert_int_equal(hla_mem_alloc(D.dev, 1 << 20, 0, 0, &h), 0);
		assert_int_equal(h, 0);
		assert_true(hla_mem_map(D.dev, h, 0, 0, &va) < 0);
		assert_int_equal(hla_mem_free(D.dev, h, 1 << 20), 0);
		return;
	}
	page = D.hw.dram_page_size;
	assert_int_equal(hla_mem_alloc(D.dev, 1, 0, 0, &h), 0); /* rounded up */
	assert_true(h >= 1);
	assert_int_equal(hla_mem_map(D.dev, h, 0, 0, &va), 0);
	assert_int_equal(va % page, 0);
	assert_true(va >= D.hw.dram_base_address);
	/* a mapped allocation cannot be freed */
	assert_int_equal(hla_mem_free(D.dev, h, 0), -EINVAL);
	/* unmap wants the exact address */
	assert_int_equal(hla_mem_unmap(D.dev, va + 4096), -EINVAL);
	assert_int_equal(hla_mem_unmap(D.dev, va), 0);
	assert_int_equal(hla_mem_unmap(D.dev, va), -EINVAL);
	/* a hint that is free and aligned is honoured */
	assert_int_equal(hla_mem_map(D.dev, h, va, HLA_MEM_FORCE_HINT, &va2), 0);
	assert_int_equal(va2, va);
	assert_int_equal(hla_mem_unmap(D.dev, va2), 0);
	/* a misaligned forced hint is refused, a plain one ignored */
	assert_int_equal(hla_mem_map(D.dev, h, va + 1, HLA_MEM_FORCE_HINT, &va2),
			 -ENOMEM);
	assert_int_equal(hla_mem_map(D.dev, h, va + 1, 0, &va2), 0);
	assert_int_equal(hla_mem_unmap(D.dev, va2), 0);
	assert_int_equal(hla_mem_free(D.dev, h, 0), 0);
	assert_int_equal(hla_mem_free(D.dev, h, 0), -EINVAL);
	/* bigger than the device */
	assert_int_equal(hla_mem_alloc(D.dev, D.hw.dram_size + page, 0, 0, &h),
			 -ENOMEM);
	assert_int_equal(hla_mem_alloc(D.dev, 0, 0, 0, &h), -EINVAL);
}

static void host_mapping(void **state)
{
	size_t len = 3 * 4096;
	char *buf = mmap(NULL, len, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	uint64_t va;

	(void)state;
	assert_true(buf != MAP_FAILED);
	/* the device address keeps the offset inside the page */
	assert_int_equal(hla_mem_map_host(D.dev, buf + 100, 4096, 0, 0, &va), 0);
	assert_int_equal(va % 4096, 100);
	assert_int_equal(hla_mem_unmap(D.dev, va - 100), -EINVAL);
	assert_int_equal(hla_mem_unmap(D.dev, va), 0);
	assert_int_equal(hla_mem_map_host(D.dev, buf, 0, 0, 0, &va), -EINVAL);
	assert_int_equal(hla_mem_map_host(D.dev, NULL, 4096, 0, 0, &va), -EINVAL);
	munmap(buf, len);
}

static void cb_life_cycle(void **state)
{
	uint64_t h, va;
	uint32_t cnt = 7;
	void *map, *map2;

	(void)state;
	assert_int_equal(hla_cb_create(D.dev, 5000, 0, &h), 0);
	assert_true(h != 0);
	assert_int_equal(hla_cb_get_usage(D.dev, h, &cnt), 0);
	assert_int_equal(cnt, 0);
	assert_int_equal(hla_cb_mmap(D.dev, h, 5000, &map), 0);
	memset(map, 0xA5, 5000);
	/* one mapping at a time */
	assert_int_equal(hla_cb_mmap(D.dev, h, 5000, &map2), -EINVAL);
	/* a CB made without HLA_CB_MAP has no device address */
	assert_int_equal(hla_cb_get_device_va(D.dev, h, &va), -EINVAL);
	/* destroying a mapped CB is legal; the mapping keeps it alive */
	assert_int_equal(hla_cb_destroy(D.dev, h), 0);
	assert_int_equal(((unsigned char *)map)[4999], 0xA5);
	assert_int_equal(hla_cb_munmap(map, 5000), 0);
	assert_int_equal(hla_cb_get_usage(D.dev, h, &cnt), -EINVAL);
	if (!D.legacy)
		assert_int_equal(hla_cb_destroy(D.dev, h), -EINVAL);
	assert_int_equal(hla_cb_create(D.dev, HLA_CB_MAX_SIZE + 1, 0, &h), -EINVAL);

	if (D.gaudi2) {
		assert_int_equal(hla_cb_create(D.dev, 4096, HLA_CB_MAP, &h), 0);
		assert_int_equal(hla_cb_get_device_va(D.dev, h, &va), 0);
		assert_true(va != 0);
		assert_int_equal(hla_cb_destroy(D.dev, h), 0);
	} else {
		assert_int_equal(hla_cb_create(D.dev, 4096, HLA_CB_MAP, &h), -ENOMEM);
	}
}

static void dma_round_trip(void **state)
{
	const uint32_t size = 4u << 20;
	struct itest_host in, out;
	struct itest_dram a, b;

	(void)state;
	assert_int_equal(itest_host_map(&D, size, &in), 0);
	assert_int_equal(itest_host_map(&D, size, &out), 0);
	assert_int_equal(itest_dram_alloc(&D, size, &a), 0);
	assert_int_equal(itest_dram_alloc(&D, size, &b), 0);
	itest_fill(in.ptr, size, 42);

	/* host -> device, device -> device, device -> host */
	assert_int_equal(itest_dma(&D, in.va, a.addr, size, 0), 0);
	assert_int_equal(itest_dma(&D, a.addr, b.addr, size, 0), 0);
	assert_int_equal(itest_dma(&D, b.addr, out.va, size, 0), 0);
	assert_memory_equal(in.ptr, out.ptr, size);

	/* memset of device memory, read back */
	assert_int_equal(itest_dma(&D, 0x5A5A5A5A5A5A5A5Aull, a.addr, size,
				   HLA_PKT_MEMSET), 0);
	assert_int_equal(itest_dma(&D, a.addr, out.va, size, 0), 0);
	for (uint32_t i = 0; i < size; i += 4093)
		assert_int_equal(((unsigned char *)out.ptr)[i], 0x5A);

	assert_int_equal(itest_dram_free(&D, &b), 0);
	assert_int_equal(itest_dram_free(&D, &a), 0);
	assert_int_equal(itest_host_unmap(&D, &out), 0);
	assert_int_equal(itest_host_unmap(&D, &in), 0);
}

/* A DMA from an address nobody mapped must not succeed silently. */
static void dma_to_unmapped_address_fails(void **state)
{
	struct itest_host in;
	int ret;

	(void)state;
	if (!itest_on_sim())
		skip(); /* on hardware this is a real page fault */
	assert_int_equal(itest_host_map(&D, 4096, &in), 0);
	ret = itest_dma(&D, in.va, D.gaudi2 ? 0xFFF0F00000000000ull
					       : D.hw.dram_base_address + D.hw.dram_size,
			4096, 0);
	assert_true(ret < 0);
	assert_int_equal(itest_host_unmap(&D, &in), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(alloc_map_unmap_free),
		cmocka_unit_test(host_mapping),
		cmocka_unit_test(cb_life_cycle),
		cmocka_unit_test(dma_round_trip),
		cmocka_unit_test(dma_to_unmapped_address_fails),
	};

	itest_require_device();
	return cmocka_run_group_tests(tests, itest_setup, itest_teardown);
}
