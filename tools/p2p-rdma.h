/* SPDX-License-Identifier: MIT */
/* RDMA importer of hla-p2p-copy (built only with libibverbs). */
#ifndef P2P_RDMA_H
#define P2P_RDMA_H

#include <stddef.h>
#include <stdint.h>

struct p2p_rdma;

/* which NIC, port and GID */
struct p2p_rdma_opts {
	const char *device;     /* NULL: the first device that accepts the dma-bufs */
	unsigned int port;      /* 0: the first active port */
	unsigned int gid_index; /* RoCE source and destination GID */
};

/*
 * Register both dma-bufs (size bytes each) on the chosen RDMA device and
 * connect a loopback RC queue pair.  Returns 0, or a negative errno with a
 * one-line reason in msg.
 */
int p2p_rdma_open(int src_fd, int dst_fd, uint64_t size, const struct p2p_rdma_opts *opts,
		  struct p2p_rdma **out, char *msg, size_t msg_size);
/* RDMA WRITE the first size bytes of the source into the destination,
 * chunk bytes per WR. */
int p2p_rdma_copy(struct p2p_rdma *r, uint64_t size, uint64_t chunk, char *msg,
		  size_t msg_size);
/* name of the RDMA device in use */
const char *p2p_rdma_device_name(const struct p2p_rdma *r);
void p2p_rdma_close(struct p2p_rdma *r);

#endif /* P2P_RDMA_H */
