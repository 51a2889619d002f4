/* SPDX-License-Identifier: MIT */
/*
 * RDMA importer of hla-p2p-copy: both dma-bufs are registered as memory
 * regions (ibv_reg_dmabuf_mr) on the first RDMA device that accepts them,
 * and a reliable-connected queue pair connected to itself RDMA-WRITEs the
 * source region into the destination region.
 */
#include "p2p-rdma.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <infiniband/verbs.h>

#define QUEUE_DEPTH 16
#define MAX_WRITE (1ull << 30)
#define COPY_TIMEOUT_S 60
/* I/O virtual addresses chosen for the two regions */
#define SRC_IOVA (1ull << 40)
#define DST_IOVA (2ull << 40)

struct p2p_rdma {
	struct ibv_context *ctx;
	struct ibv_pd *pd;
	struct ibv_mr *src_mr, *dst_mr;
	struct ibv_cq *cq;
	struct ibv_qp *qp;
	uint64_t size;
	uint32_t max_msg;
	char name[IBV_SYSFS_NAME_MAX];
};

static void release(struct p2p_rdma *r)
{
	if (r->qp)
		ibv_destroy_qp(r->qp);
	if (r->cq)
		ibv_destroy_cq(r->cq);
	if (r->dst_mr)
		ibv_dereg_mr(r->dst_mr);
	if (r->src_mr)
		ibv_dereg_mr(r->src_mr);
	if (r->pd)
		ibv_dealloc_pd(r->pd);
	if (r->ctx)
		ibv_close_device(r->ctx);
	r->qp = NULL;
	r->cq = NULL;
	r->dst_mr = r->src_mr = NULL;
	r->pd = NULL;
	r->ctx = NULL;
}

/* the asked port if active, else the first active port; 0 if none */
static uint8_t active_port(struct ibv_context *ctx, unsigned int want,
			   struct ibv_port_attr *pa)
{
	struct ibv_device_attr da;
	uint8_t p;

	if (ibv_query_device(ctx, &da))
		return 0;
	if (want) {
		if (want > da.phys_port_cnt || ibv_query_port(ctx, (uint8_t)want, pa) ||
		    pa->state != IBV_PORT_ACTIVE)
			return 0;
		return (uint8_t)want;
	}
	for (p = 1; p <= da.phys_port_cnt; p++) {
		if (ibv_query_port(ctx, p, pa))
			continue;
		if (pa->state == IBV_PORT_ACTIVE)
			return p;
	}
	return 0;
}

/* INIT -> RTR -> RTS with the QP as its own peer */
static int connect_self(struct p2p_rdma *r, uint8_t port, const struct ibv_port_attr *pa,
			unsigned int gid_index)
{
	struct ibv_qp_attr a;
	union ibv_gid gid;
	int rc;

	memset(&a, 0, sizeof(a));
	a.qp_state = IBV_QPS_INIT;
	a.pkey_index = 0;
	a.port_num = port;
	a.qp_access_flags = IBV_ACCESS_REMOTE_WRITE;
	rc = ibv_modify_qp(r->qp, &a, IBV_QP_STATE | IBV_QP_PKEY_INDEX | IBV_QP_PORT |
			   IBV_QP_ACCESS_FLAGS);
	if (rc)
		return -rc;

	memset(&a, 0, sizeof(a));
	a.qp_state = IBV_QPS_RTR;
	a.path_mtu = pa->active_mtu;
	a.dest_qp_num = r->qp->qp_num;
	a.rq_psn = 0;
	a.max_dest_rd_atomic = 1;
	a.min_rnr_timer = 12;
	a.ah_attr.port_num = port;
	a.ah_attr.dlid = pa->lid;
	if (pa->link_layer == IBV_LINK_LAYER_ETHERNET) {
		/* RoCE addresses by GID */
		rc = ibv_query_gid(r->ctx, port, (int)gid_index, &gid);
		if (rc)
			return -rc;
		a.ah_attr.is_global = 1;
		a.ah_attr.grh.dgid = gid;
		a.ah_attr.grh.sgid_index = (uint8_t)gid_index;
		a.ah_attr.grh.hop_limit = 1;
	}
	rc = ibv_modify_qp(r->qp, &a, IBV_QP_STATE | IBV_QP_AV | IBV_QP_PATH_MTU |
			   IBV_QP_DEST_QPN | IBV_QP_RQ_PSN |
			   IBV_QP_MAX_DEST_RD_ATOMIC | IBV_QP_MIN_RNR_TIMER);
	if (rc)
		return -rc;

	memset(&a, 0, sizeof(a));
	a.qp_state = IBV_QPS_RTS;
	a.timeout = 14;
	a.retry_cnt = 7;
	a.rnr_retry = 7;
	a.sq_psn = 0;
	a.max_rd_atomic = 1;
	rc = ibv_modify_qp(r->qp, &a, IBV_QP_STATE | IBV_QP_TIMEOUT | IBV_QP_RETRY_CNT |
			   IBV_QP_RNR_RETRY | IBV_QP_SQ_PSN | IBV_QP_MAX_QP_RD_ATOMIC);
	return rc ? -rc : 0;
}

/* try one device; 0 or -errno with msg */
static int try_device(struct p2p_rdma *r, struct ibv_device *d, int src_fd,
		      int dst_fd, const struct p2p_rdma_opts *o, char *msg, size_t msg_size)
{
	struct ibv_qp_init_attr qa;
	struct ibv_port_attr pa;
	uint8_t port;
	int rc;

	snprintf(r->name, sizeof(r->name), "%s", ibv_get_device_name(d));
	r->ctx = ibv_open_device(d);
	if (!r->ctx) {
		rc = errno ? -errno : -ENODEV;
		snprintf(msg, msg_size, "%s: cannot open: %s", r->name, strerror(-rc));
		return rc;
	}
	port = active_port(r->ctx, o->port, &pa);
	if (!port) {
		if (o->port)
			snprintf(msg, msg_size, "%s: port %u is not active", r->name, o->port);
		else
			snprintf(msg, msg_size, "%s: no active port", r->name);
		return -ENETDOWN;
	}
	r->max_msg = pa.max_msg_sz;
	r->pd = ibv_alloc_pd(r->ctx);
	if (!r->pd) {
		rc = errno ? -errno : -ENOMEM;
		snprintf(msg, msg_size, "%s: cannot allocate a PD: %s", r->name, strerror(-rc));
		return rc;
	}
	r->src_mr = ibv_reg_dmabuf_mr(r->pd, 0, r->size, SRC_IOVA, src_fd,
				      IBV_ACCESS_LOCAL_WRITE);
	if (!r->src_mr) {
		rc = errno ? -errno : -EOPNOTSUPP;
		snprintf(msg, msg_size, "%s: dma-buf registration refused: %s", r->name,
			 strerror(-rc));
		return rc;
	}
	r->dst_mr = ibv_reg_dmabuf_mr(r->pd, 0, r->size, DST_IOVA, dst_fd,
				      IBV_ACCESS_LOCAL_WRITE | IBV_ACCESS_REMOTE_WRITE);
	if (!r->dst_mr) {
		rc = errno ? -errno : -EOPNOTSUPP;
		snprintf(msg, msg_size, "%s: dma-buf registration refused: %s", r->name,
			 strerror(-rc));
		return rc;
	}
	r->cq = ibv_create_cq(r->ctx, QUEUE_DEPTH, NULL, NULL, 0);
	if (!r->cq) {
		rc = errno ? -errno : -ENOMEM;
		snprintf(msg, msg_size, "%s: cannot create a CQ: %s", r->name, strerror(-rc));
		return rc;
	}
	memset(&qa, 0, sizeof(qa));
	qa.send_cq = r->cq;
	qa.recv_cq = r->cq;
	qa.qp_type = IBV_QPT_RC;
	qa.sq_sig_all = 1;
	qa.cap.max_send_wr = QUEUE_DEPTH;
	qa.cap.max_recv_wr = 1;
	qa.cap.max_send_sge = 1;
	qa.cap.max_recv_sge = 1;
	r->qp = ibv_create_qp(r->pd, &qa);
	if (!r->qp) {
		rc = errno ? -errno : -ENOMEM;
		snprintf(msg, msg_size, "%s: cannot create a QP: %s", r->name, strerror(-rc));
		return rc;
	}
	rc = connect_self(r, port, &pa, o->gid_index);
	if (rc) {
		snprintf(msg, msg_size, "%s: cannot connect the loopback QP: %s", r->name,
			 strerror(-rc));
		return rc;
	}
	return 0;
}

int p2p_rdma_open(int src_fd, int dst_fd, uint64_t size, const struct p2p_rdma_opts *opts,
		  struct p2p_rdma **out, char *msg, size_t msg_size)
{
	struct ibv_device **list;
	struct p2p_rdma *r;
	char last[160] = "";
	int n = 0, i, tried = 0, rc = -ENODEV;

	r = calloc(1, sizeof(*r));
	if (!r) {
		snprintf(msg, msg_size, "out of memory");
		return -ENOMEM;
	}
	r->size = size;
	list = ibv_get_device_list(&n);
	for (i = 0; list && i < n; i++) {
		if (opts->device && strcmp(opts->device, ibv_get_device_name(list[i])))
			continue;
		tried++;
		rc = try_device(r, list[i], src_fd, dst_fd, opts, last, sizeof(last));
		if (!rc)
			break;
		release(r);
	}
	if (list)
		ibv_free_device_list(list);
	if (rc || !tried) {
		if (opts->device && !tried)
			snprintf(msg, msg_size, "RDMA device '%s' not found", opts->device);
		else if (last[0])
			snprintf(msg, msg_size, "no RDMA device with dma-buf support (%s)", last);
		else
			snprintf(msg, msg_size, "no RDMA device with dma-buf support");
		free(r);
		return rc ? rc : -ENODEV;
	}
	*out = r;
	return 0;
}

int p2p_rdma_copy(struct p2p_rdma *r, uint64_t size, uint64_t chunk, char *msg,
		  size_t msg_size)
{
	uint64_t posted = 0, done = 0, piece = chunk;
	unsigned int inflight = 0;
	struct timespec start, now;

	clock_gettime(CLOCK_MONOTONIC, &start);

	if (piece > MAX_WRITE)
		piece = MAX_WRITE;
	if (r->max_msg && piece > r->max_msg)
		piece = r->max_msg;
	while (done < size) {
		while (posted < size && inflight < QUEUE_DEPTH) {
			struct ibv_send_wr wr, *bad = NULL;
			struct ibv_sge sge;
			uint64_t len = size - posted < piece ? size - posted : piece;
			int rc;

			memset(&sge, 0, sizeof(sge));
			sge.addr = SRC_IOVA + posted;
			sge.length = (uint32_t)len;
			sge.lkey = r->src_mr->lkey;
			memset(&wr, 0, sizeof(wr));
			wr.wr_id = len;
			wr.sg_list = &sge;
			wr.num_sge = 1;
			wr.opcode = IBV_WR_RDMA_WRITE;
			wr.send_flags = IBV_SEND_SIGNALED;
			wr.wr.rdma.remote_addr = DST_IOVA + posted;
			wr.wr.rdma.rkey = r->dst_mr->rkey;
			rc = ibv_post_send(r->qp, &wr, &bad);
			if (rc) {
				snprintf(msg, msg_size, "%s: posting an RDMA WRITE failed: %s",
					 r->name, strerror(rc));
				return -rc;
			}
			posted += len;
			inflight++;
		}
		{
			struct ibv_wc wc[QUEUE_DEPTH];
			int k, got = ibv_poll_cq(r->cq, QUEUE_DEPTH, wc);

			if (got < 0) {
				snprintf(msg, msg_size, "%s: polling the CQ failed", r->name);
				return -EIO;
			}
			if (got == 0) {
				clock_gettime(CLOCK_MONOTONIC, &now);
				if (now.tv_sec - start.tv_sec > COPY_TIMEOUT_S) {
					snprintf(msg, msg_size, "%s: RDMA WRITE did not complete "
						 "within %d s", r->name, COPY_TIMEOUT_S);
					return -ETIMEDOUT;
				}
			}
			for (k = 0; k < got; k++) {
				if (wc[k].status != IBV_WC_SUCCESS) {
					snprintf(msg, msg_size, "%s: RDMA WRITE failed: %s",
						 r->name, ibv_wc_status_str(wc[k].status));
					return -EIO;
				}
				done += wc[k].wr_id;
				inflight--;
			}
		}
	}
	return 0;
}

const char *p2p_rdma_device_name(const struct p2p_rdma *r)
{
	return r->name;
}

void p2p_rdma_close(struct p2p_rdma *r)
{
	if (!r)
		return;
	release(r);
	free(r);
}
