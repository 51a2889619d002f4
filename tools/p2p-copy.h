/* SPDX-License-Identifier: MIT */
/* hla-p2p-copy as a function, so tests can run it inside their own process. */
#ifndef P2P_COPY_H
#define P2P_COPY_H

#include <stdint.h>
#include <stdio.h>

/* exit codes (documented in hla-p2p-copy(1)) */
enum {
	P2P_EXIT_OK = 0,
	P2P_EXIT_USAGE = 1,       /* bad option or value */
	P2P_EXIT_NO_DEVICE = 2,   /* no habanalabs device at all */
	P2P_EXIT_PERMISSION = 3,  /* a device node could not be opened: EACCES */
	P2P_EXIT_BUSY = 4,        /* device busy or not operational */
	P2P_EXIT_NO_SUCH_DEVICE = 5, /* --src/--dst names a missing device */
	P2P_EXIT_NO_MEMORY = 6,   /* device or host memory could not be had */
	P2P_EXIT_EXPORT = 7,      /* dma-buf export refused */
	P2P_EXIT_IMPORTER = 8,    /* importer missing or refused the dma-bufs */
	P2P_EXIT_DMA = 9,         /* device DMA or another device call failed */
	P2P_EXIT_MISMATCH = 10,   /* destination differs from the source */
	P2P_EXIT_OUTPUT = 11,     /* a --json or --csv file cannot be written */
	P2P_EXIT_PEER = 12,       /* --procs 2: the other process died */
};

/* Test hooks; pass NULL for normal operation. */
struct p2p_hooks {
	/* Called after every copy iteration, with the exported dma-buf fds
	 * (-1 for the bounce importer).  A non-zero return fails the run
	 * with P2P_EXIT_IMPORTER. */
	int (*after_copy)(void *priv, int src_fd, int dst_fd, uint64_t size);
	/* --procs 2: called in the exporter process just before it hands the
	 * dma-buf over */
	void (*exporter_ready)(void *priv);
	void *priv;
};

int p2p_tool_run(int argc, char **argv, FILE *out, FILE *err,
		 const struct p2p_hooks *hooks);

#endif /* P2P_COPY_H */
