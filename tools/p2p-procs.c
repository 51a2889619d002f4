/* SPDX-License-Identifier: MIT */
/*
 * hla-p2p-copy --procs 2: the exporter and the importer in two processes,
 * the way the ranks of a job hand device memory to each other.
 *
 *   importer (this process)  owns the destination device: clears it,
 *                            imports the source dma-buf, copies, verifies
 *                            and reports;
 *   exporter (a child)       owns the source device: allocates, fills and
 *                            exports the source, and sends the dma-buf fd
 *                            over a UNIX socket (SCM_RIGHTS).
 *
 * The exporter sends OPENED (its device), READY (the fill time, with the
 * fd) and SENT (how long the export and the hand-over took: sending a
 * dma-buf can cost, the simulator moves its memory then), or FAILED (its
 * exit code and message) at any point.  It then
 * waits until the importer closes the socket, releases everything and
 * exits with its code.  The importer always reaps it, and reports an
 * exporter that died without a word, or by a signal.
 */
#include "p2p-internal.h"

#include <errno.h>
#include <inttypes.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

enum peer_type { PEER_OPENED = 1, PEER_READY, PEER_SENT, PEER_FAILED };

struct peer_msg {
	uint32_t type;
	int32_t code;       /* FAILED: the exit code */
	double seconds;     /* READY: the fill time; SENT: the export's */
	uint32_t index;     /* OPENED: the source device */
	uint32_t asic;
	uint32_t gaudi1;
	uint32_t pad;
	struct hla_device_desc desc;
	char text[320];     /* FAILED: the message */
};

static int peer_send(int sock, const struct peer_msg *m, int fd)
{
	char ctl[CMSG_SPACE(sizeof(int))];
	struct iovec iov = { (void *)(uintptr_t)m, sizeof(*m) };
	struct msghdr mh = { .msg_iov = &iov, .msg_iovlen = 1 };
	ssize_t n;

	if (fd >= 0) {
		struct cmsghdr *c;

		memset(ctl, 0, sizeof(ctl));
		mh.msg_control = ctl;
		mh.msg_controllen = sizeof(ctl);
		c = CMSG_FIRSTHDR(&mh);
		c->cmsg_level = SOL_SOCKET;
		c->cmsg_type = SCM_RIGHTS;
		c->cmsg_len = CMSG_LEN(sizeof(int));
		memcpy(CMSG_DATA(c), &fd, sizeof(int));
	}
	do {
		n = sendmsg(sock, &mh, MSG_NOSIGNAL);
	} while (n < 0 && errno == EINTR);
	return n == (ssize_t)sizeof(*m) ? 0 : -1;
}

/* one message and the fd it carries (-1: none); 0, -EPIPE at the end, or -errno */
static int peer_recv(int sock, struct peer_msg *m, int *fd)
{
	char ctl[CMSG_SPACE(sizeof(int))];
	struct iovec iov = { m, sizeof(*m) };
	struct msghdr mh = { .msg_iov = &iov, .msg_iovlen = 1,
			     .msg_control = ctl, .msg_controllen = sizeof(ctl) };
	struct cmsghdr *c;
	ssize_t n;

	*fd = -1;
	do {
		n = recvmsg(sock, &mh, MSG_CMSG_CLOEXEC);
	} while (n < 0 && errno == EINTR);
	if (n < 0)
		return -errno;
	for (c = CMSG_FIRSTHDR(&mh); c; c = CMSG_NXTHDR(&mh, c))
		if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS &&
		    c->cmsg_len == CMSG_LEN(sizeof(int)))
			memcpy(fd, CMSG_DATA(c), sizeof(int));
	if (n == (ssize_t)sizeof(*m) && !(mh.msg_flags & (MSG_TRUNC | MSG_CTRUNC)))
		return 0;
	if (*fd >= 0)
		close(*fd);
	*fd = -1;
	return n ? -EPROTO : -EPIPE;
}

/* wait for the exporter; an abnormal end is a failure (the first one wins) */
static void peer_reap(struct run *r)
{
	pid_t pid;
	int st;

	if (!r->peer_pid)
		return;
	do {
		pid = waitpid(r->peer_pid, &st, 0);
	} while (pid < 0 && errno == EINTR);
	if (pid < 0) {
		p2p_fail(r, P2P_EXIT_PEER, "cannot wait for the exporter process %d: %s",
			 (int)r->peer_pid, strerror(errno));
	} else if (WIFSIGNALED(st)) {
		p2p_fail(r, P2P_EXIT_PEER, "the exporter process %d was killed by signal %d (%s)",
			 (int)r->peer_pid, WTERMSIG(st), strsignal(WTERMSIG(st)));
	} else if (WIFEXITED(st) && WEXITSTATUS(st) && r->finishing && !r->code) {
		/* the copy was verified: what failed is the exporter's release */
		pthread_mutex_lock(&r->lock);
		if (!r->release_code) {
			snprintf(r->release_msg, sizeof(r->release_msg),
				 "the exporter process %d failed to release its device "
				 "(exit status %d)", (int)r->peer_pid, WEXITSTATUS(st));
			r->release_code = WEXITSTATUS(st);
		}
		pthread_mutex_unlock(&r->lock);
	} else if (WIFEXITED(st) && WEXITSTATUS(st)) {
		p2p_fail(r, WEXITSTATUS(st), "the exporter process %d failed with exit status %d",
			 (int)r->peer_pid, WEXITSTATUS(st));
	}
	r->peer_pid = 0;
}

/* the exporter's next message, which must be of type want */
static int peer_expect(struct run *r, enum peer_type want, struct peer_msg *m, int *fd)
{
	int rc = peer_recv(r->peer_sock, m, fd);

	if (rc == -EPIPE) {
		/* gone without a word: its status says why */
		peer_reap(r);
		return p2p_fail(r, P2P_EXIT_PEER, "the exporter process ended before "
				"handing over the dma-buf");
	}
	if (rc)
		return p2p_fail(r, P2P_EXIT_PEER, "no message from the exporter process: %s",
				strerror(-rc));
	if (m->type == PEER_FAILED) {
		m->text[sizeof(m->text) - 1] = '\0';
		return p2p_fail(r, m->code > 0 && m->code < 256 ? m->code : P2P_EXIT_PEER,
				"exporter: %s", m->text);
	}
	if (m->type == want)
		return 0;
	if (*fd >= 0)
		close(*fd);
	*fd = -1;
	return p2p_fail(r, P2P_EXIT_PEER, "unexpected message %" PRIu32
			" from the exporter process", m->type);
}

/* ---- the exporter (child process) ---------------------------------------- */

/* open, fill, export, hand over: 0 or the exit code */
static int exporter_work(struct run *r, struct hla_devlist *list, unsigned int src, int sock)
{
	struct lane *l = &r->lanes[0];
	struct peer_msg m;
	double t;
	int rc = p2p_side_open(r, &r->sides[0], list, src);

	hla_devlist_destroy(list);
	if (rc)
		return r->code;
	r->nsides = 1;
	r->src = &r->sides[0];
	memset(&m, 0, sizeof(m));
	m.type = PEER_OPENED;
	m.index = src;
	m.asic = r->src->asic;
	m.gaudi1 = r->src->gaudi1;
	m.desc = r->src->desc;
	if (peer_send(sock, &m, -1))
		return p2p_fail(r, P2P_EXIT_PEER, "the importer process is gone");
	r->nlanes = 1;
	l->src = r->src;
	l->seed = r->o.seed;
	if (p2p_buf_alloc(r, &l->sb, r->src) || p2p_stage_setup(r))
		return r->code;
	t = tools_now();
	if (p2p_fill_source(r, l))
		return r->code;
	m.seconds = tools_now() - t;
	t = tools_now();
	if (p2p_export_one(r, &l->sb, HLA_DMABUF_RDONLY, "source"))
		return r->code;
	if (r->hooks && r->hooks->exporter_ready)
		r->hooks->exporter_ready(r->hooks->priv);
	m.type = PEER_READY;
	if (peer_send(sock, &m, l->sb.fd))
		return p2p_fail(r, P2P_EXIT_PEER, "cannot hand the dma-buf to the importer: %s",
				strerror(errno));
	m.type = PEER_SENT;
	m.seconds = tools_now() - t;
	if (peer_send(sock, &m, -1))
		return p2p_fail(r, P2P_EXIT_PEER, "the importer process is gone");
	return 0;
}

static __attribute__((noreturn)) void exporter_main(struct run *r, struct hla_devlist *list,
						     unsigned int src, int sock)
{
	int code;
	char c;

	r->tty = false; /* the importer draws the progress */
	r->peer_pid = 0;
	r->peer_sock = -1;
	code = exporter_work(r, list, src, sock);
	if (code) {
		struct peer_msg m;

		memset(&m, 0, sizeof(m));
		m.type = PEER_FAILED;
		m.code = code;
		snprintf(m.text, sizeof(m.text), "%s", r->msg);
		peer_send(sock, &m, -1);
	} else {
		/* the importer closes the socket when the source is no longer read */
		while (read(sock, &c, 1) < 0 && errno == EINTR)
			;
	}
	p2p_teardown(r);
	close(sock);
	if (!code && r->release_code) {
		fprintf(r->err, "hla-p2p-copy: exporter: %s\n", r->release_msg);
		fflush(r->err);
		code = r->release_code;
	}
	_exit(code);
}

/* ---- the importer (this process) ------------------------------------------ */

static int start_exporter(struct run *r, struct hla_devlist *list, unsigned int src)
{
	int sv[2];
	pid_t pid;

	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv))
		return p2p_fail(r, P2P_EXIT_NO_MEMORY, "cannot create a socket pair: %s",
				strerror(errno));
	/* nothing buffered may be written twice */
	fflush(r->out);
	fflush(r->err);
	pid = fork();
	if (pid < 0) {
		close(sv[0]);
		close(sv[1]);
		return p2p_fail(r, P2P_EXIT_NO_MEMORY, "cannot start the exporter process: %s",
				strerror(errno));
	}
	if (!pid) {
		close(sv[0]);
		exporter_main(r, list, src, sv[1]);
	}
	close(sv[1]);
	r->peer_pid = pid;
	r->peer_sock = sv[0];
	return 0;
}

/* two devices, the exporter started on the source, the destination opened */
static int importer_open(struct run *r)
{
	struct hla_devlist *list = NULL;
	unsigned int src = 0, dst = 0;
	uint32_t count;
	int rc = p2p_list_devices(r, &list, &count);

	if (rc)
		return rc;
	if (count < 2 && !r->o.dst)
		rc = p2p_fail(r, P2P_EXIT_USAGE, "--procs 2 needs two devices (%u present)",
			      count);
	if (!rc)
		rc = p2p_pick_devices(r, list, count, &src, &dst);
	if (!rc && src == dst)
		rc = p2p_fail(r, P2P_EXIT_USAGE, "--procs 2 needs two devices: the source "
			      "and the destination are both device %u", src);
	if (!rc)
		rc = start_exporter(r, list, src);
	if (!rc)
		rc = p2p_side_open(r, &r->sides[1], list, dst);
	hla_devlist_destroy(list);
	/* the source side stands for the exporter's device */
	r->sides[0].index = src;
	for (unsigned int i = 0; i < CB_RING; i++)
		r->sides[0].cb[i].seq = HLA_SEQ_NONE;
	r->nsides = 2;
	r->src = &r->sides[0];
	r->dst = &r->sides[1];
	return rc;
}

int p2p_procs_setup(struct run *r)
{
	struct lane *l = &r->lanes[0];
	struct peer_msg m;
	int fd;

	/* the exporter takes the sizes with it */
	p2p_plan_sizes(r);
	r->max = r->results[r->nresults - 1].size;
	r->export_size = p2p_round_up(r->max, PAGE_4K);
	if (importer_open(r))
		return r->code;
	r->nlanes = 1;
	l->src = r->src;
	l->dst = r->dst;
	l->seed = r->o.seed;
	if (p2p_buf_alloc(r, &l->db, r->dst) || p2p_stage_setup(r) ||
	    peer_expect(r, PEER_OPENED, &m, &fd))
		return r->code;
	if (fd >= 0)
		close(fd);
	r->src->asic = m.asic;
	r->src->gaudi1 = m.gaudi1 != 0;
	r->src->desc = m.desc;
	return 0;
}

/* the destination cleared here while the exporter fills the source */
int p2p_procs_fill(struct run *r)
{
	struct lane *l = &r->lanes[0];
	double t = tools_now();
	struct peer_msg m;
	int fd;

	if (p2p_clear_destination(r, l, r->max) || p2p_side_drain(r, l->dst))
		return r->code;
	t = tools_now() - t;
	if (peer_expect(r, PEER_READY, &m, &fd))
		return r->code;
	if (fd < 0)
		return p2p_fail(r, P2P_EXIT_PEER, "the exporter process sent no dma-buf");
	l->sb.fd = fd;
	r->fill.seconds = m.seconds > t ? m.seconds : t;
	r->fill.done = true;
	if (peer_expect(r, PEER_SENT, &m, &fd))
		return r->code;
	if (fd >= 0)
		close(fd);
	r->peer_export = m.seconds; /* counted in the export phase */
	return 0;
}

/* after teardown: the socket closed (the exporter's cue to finish), the
 * exporter reaped */
void p2p_procs_finish(struct run *r)
{
	if (r->peer_sock >= 0)
		close(r->peer_sock);
	r->peer_sock = -1;
	r->finishing = true;
	peer_reap(r);
}
