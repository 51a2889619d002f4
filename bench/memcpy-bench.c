/* SPDX-License-Identifier: MIT */
/*
 * memcpy-bench: host memcpy bandwidth with the buffer-touching pattern of
 * hla-p2p-copy's mmap importer: two pre-faulted buffers, the copy done in
 * --chunk pieces, best of --iterations runs.  The baseline for
 * bench/p2p-bench.py.
 *
 * With --first-write it measures instead what writing into memory the
 * process has never touched costs: two fresh anonymous buffers of SIZE
 * (2 MiB aligned, MADV_HUGEPAGE, as the simulator keeps device memory),
 * written at the same time by two threads, as hla-p2p-copy's fill phase
 * writes a source and a destination device.  On some machines (virtual
 * machines in particular) the first write of fresh memory is many times
 * slower than any later one; this is the floor under every fill.
 *
 *     memcpy-bench [--size SIZE] [--chunk SIZE] [--iterations N] [--json]
 *     memcpy-bench --first-write [--size SIZE] [--json]
 */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <time.h>

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* decimal byte count with an optional K, M or G suffix (binary) */
static int parse_size(const char *s, uint64_t *out)
{
	char *end;
	unsigned long long v;

	errno = 0;
	v = strtoull(s, &end, 0);
	if (errno || end == s)
		return -1;
	if (!strcasecmp(end, "k") || !strcasecmp(end, "kib"))
		v <<= 10;
	else if (!strcasecmp(end, "m") || !strcasecmp(end, "mib"))
		v <<= 20;
	else if (!strcasecmp(end, "g") || !strcasecmp(end, "gib"))
		v <<= 30;
	else if (*end)
		return -1;
	if (!v)
		return -1;
	*out = v;
	return 0;
}

struct writer {
	uint8_t *buf;
	uint64_t size;
};

/* a fresh buffer on a 2 MiB boundary, huge pages asked for */
static uint8_t *fresh(uint64_t size)
{
	const uint64_t huge = 2ull << 20;
	uint8_t *p = mmap(NULL, size + huge, PROT_READ | PROT_WRITE,
			  MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);

	if (p == MAP_FAILED)
		return NULL;
	p += (huge - (uintptr_t)p % huge) % huge;
	madvise(p, size, MADV_HUGEPAGE);
	return p;
}

static void *write_all(void *arg)
{
	struct writer *w = arg;

	memset(w->buf, 0x5a, w->size);
	return NULL;
}

/* both buffers written at once; 0 or 1 */
static int first_write(uint64_t size, bool json)
{
	struct writer w[2] = { { fresh(size), size }, { fresh(size), size } };
	pthread_t t;
	double t0, dt;

	if (!w[0].buf || !w[1].buf) {
		fprintf(stderr, "memcpy-bench: cannot map 2 x %" PRIu64 " bytes\n", size);
		return 1;
	}
	t0 = now();
	if (pthread_create(&t, NULL, write_all, &w[1])) {
		fprintf(stderr, "memcpy-bench: cannot start a thread\n");
		return 1;
	}
	write_all(&w[0]);
	pthread_join(t, NULL);
	dt = now() - t0;
	if (json)
		printf("{\"bytes\": %" PRIu64 ", \"buffers\": 2, \"seconds\": %.9g, "
		       "\"bytes_per_second\": %.9g}\n", size, dt, (double)size / dt);
	else
		printf("first write of 2 x %" PRIu64 " fresh bytes: %.4f s (%.2f GiB/s per "
		       "buffer)\n", size, dt, (double)size / dt / (1024.0 * 1024 * 1024));
	return 0;
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "size", required_argument, NULL, 's' },
		{ "chunk", required_argument, NULL, 'c' },
		{ "iterations", required_argument, NULL, 'n' },
		{ "json", no_argument, NULL, 'j' },
		{ "first-write", no_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	uint64_t size = 256ull << 20, chunk = 4ull << 20, iters = 5, i, off;
	double best = 0, sum = 0;
	bool json = false, first = false;
	uint8_t *src, *dst;
	int c;

	while ((c = getopt_long(argc, argv, "s:c:n:jfh", longopts, NULL)) != -1) {
		switch (c) {
		case 's':
			if (parse_size(optarg, &size))
				goto usage;
			break;
		case 'c':
			if (parse_size(optarg, &chunk))
				goto usage;
			break;
		case 'n':
			if (parse_size(optarg, &iters))
				goto usage;
			break;
		case 'j':
			json = true;
			break;
		case 'f':
			first = true;
			break;
		default:
			goto usage;
		}
	}
	if (first)
		return first_write(size, json);
	if (chunk > size)
		chunk = size;

	src = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	dst = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (src == MAP_FAILED || dst == MAP_FAILED) {
		fprintf(stderr, "memcpy-bench: cannot allocate 2 x %" PRIu64 " bytes\n", size);
		return 1;
	}
	/* fault every page in before timing */
	for (off = 0; off < size; off++)
		src[off] = (uint8_t)(off * 131 + 7);
	memset(dst, 0, size);

	for (i = 0; i < iters; i++) {
		double t0 = now(), dt;

		for (off = 0; off < size; off += chunk)
			memcpy(dst + off, src + off, size - off < chunk ? size - off : chunk);
		dt = now() - t0;
		if (!i || dt < best)
			best = dt;
		sum += dt;
	}
	if (memcmp(src, dst, size)) {
		fprintf(stderr, "memcpy-bench: copy differs\n");
		return 1;
	}
	if (json)
		printf("{\"bytes\": %" PRIu64 ", \"chunk\": %" PRIu64 ", \"iterations\": %" PRIu64
		       ", \"best_seconds\": %.9g, \"mean_seconds\": %.9g, "
		       "\"bytes_per_second\": %.9g}\n",
		       size, chunk, iters, best, sum / (double)iters, (double)size / best);
	else
		printf("memcpy %" PRIu64 " bytes in %" PRIu64 "-byte pieces: best %.4f s "
		       "(%.2f GiB/s) of %" PRIu64 "\n", size, chunk, best,
		       (double)size / best / (1024.0 * 1024 * 1024), iters);
	munmap(src, size);
	munmap(dst, size);
	return 0;

usage:
	fprintf(stderr, "usage: memcpy-bench [--size SIZE] [--chunk SIZE] "
		"[--iterations N] [--json]\n"
		"       memcpy-bench --first-write [--size SIZE] [--json]\n");
	return 1;
}
