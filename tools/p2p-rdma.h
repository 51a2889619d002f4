/* SPDX-License-Identifier: MIT */
/* RDMA importer of hla-p2p-copy (built only with libibverbs). */
#ifndef P2P_RDMA_H
#define P2P_RDMA_H

#include <stddef.h>
#include <stdint.h>

struct p2p_rdma;

/*
 * Register both dma-bufs (size bytes each) on the first RDMA device that
 * accepts them and connect a loopback RC queue pair.  Returns 0, or a
 * negative errno with a one-line reason in msg.
 */
int p2p_rdma_open(int src_fd, int dst_fd, uint64_t size, struct p2p_rdma **out,
		  char *msg, size_t msg_size);
/* RDMA WRITE the whole source into the destination, chunk bytes per WR. */
int p2p_rdma_copy(struct p2p_rdma *r, uint64_t chunk, char *msg, size_t msg_size);
/* name of the RDMA device in use */
const char *p2p_rdma_device_name(const struct p2p_rdma *r);
void p2p_rdma_close(struct p2p_rdma *r);

#endif /* P2P_RDMA_H */
