/* SPDX-License-Identifier: MIT */
/* Test helpers that call libhl-thunk (httest.c has those that do not). */
#include "httest.h"

#include <errno.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

int ht_open(enum hlthunk_device_name name, const char *busid)
{
	int fd;

	for (int i = 0; i < 500; i++) {
		fd = hlthunk_open(name, busid);
		if (fd != -EAGAIN)
			break;
		usleep(10000);
	}
	return fd;
}

static bool gaudi2_plus(void)
{
	return !ht_env.gaudi1;
}

int ht_cb_new(int fd, uint32_t size, struct ht_cb *cb)
{
	size_t len = ((size_t)size + 4095) & ~(size_t)4095;
	int ret;

	memset(cb, 0, sizeof(*cb));
	cb->size = size;
	ret = gaudi2_plus() ? hlthunk_request_mapped_command_buffer(fd, size, &cb->handle) :
			      hlthunk_request_command_buffer(fd, size, &cb->handle);
	if (ret)
		return ret;
	/* the handle is the mmap offset, as hl-thunk's users map it */
	cb->map = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED, fd, (off_t)cb->handle);
	if (cb->map == MAP_FAILED) {
		ret = -errno;
		hlthunk_destroy_command_buffer(fd, cb->handle);
		return ret;
	}
	if (gaudi2_plus())
		ret = hlthunk_get_mapped_cb_device_va_by_handle(fd, cb->handle, &cb->va);
	return ret;
}

void ht_cb_free(int fd, struct ht_cb *cb)
{
	munmap(cb->map, ((size_t)cb->size + 4095) & ~(size_t)4095);
	CHECK_EQ(hlthunk_destroy_command_buffer(fd, cb->handle), 0);
}

int ht_cb_msg_long(struct ht_cb *cb, uint64_t addr, uint32_t value)
{
	HLA_STRUCT_INIT(hla_pkt, pkt);
	int n;

	pkt.opcode = HLA_PKT_OP_MSG_LONG;
	pkt.flags = HLA_PKT_MB;
	pkt.dst = addr;
	pkt.value = value;
	n = hla_pkt_write(ht_env.desc[0].asic, &pkt, (char *)cb->map + cb->used,
			  cb->size - cb->used);
	if (n < 0)
		return n;
	cb->used += (uint32_t)n;
	return 0;
}

void ht_cb_chunk(const struct ht_cb *cb, struct hl_cs_chunk *chunk)
{
	memset(chunk, 0, sizeof(*chunk));
	chunk->cb_size = cb->used;
	chunk->queue_index = 0; /* PDMA_0_0 (Gaudi2), DMA_0_0 (Gaudi) */
	if (gaudi2_plus()) {
		chunk->cb_handle = cb->va;
		chunk->cs_chunk_flags = HL_CS_CHUNK_FLAGS_USER_ALLOC_CB;
	} else {
		chunk->cb_handle = cb->handle;
	}
}
