/* SPDX-License-Identifier: MIT */
/*
 * What an hl-thunk call costs over the hlaccel call it makes.  On one
 * device fd: hlthunk_get_device_status_info(fd) against
 * hla_info_device_status(dev) (one INFO ioctl each), and a call hlaccel
 * refuses before any ioctl (hlthunk_host_memory_map(fd, NULL, ...) against
 * hla_mem_map_host(dev, NULL, ...)), which is the wrapper alone.
 * Run it on a device or under hla-sim; bench/callgrind.sh counts the
 * instructions of the same loops.
 *
 * usage: hlthunk-overhead [ITERATIONS [ITERATIONS_OF_THE_REFUSED_CALL]]
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include <hlaccel/hlaccel.h>

#include "hlthunk.h"

static double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

/* the loops are separate functions so that profiles can name them */
__attribute__((noinline)) static int loop_hlthunk_status(int fd, long n)
{
	int bad = 0;

	for (long i = 0; i < n; i++)
		bad += hlthunk_get_device_status_info(fd) != HL_DEVICE_STATUS_OPERATIONAL;
	return bad;
}

__attribute__((noinline)) static int loop_hla_status(struct hla_device *dev, long n)
{
	uint32_t st;
	int bad = 0;

	for (long i = 0; i < n; i++)
		bad += hla_info_device_status(dev, &st) != 0 || st != 0;
	return bad;
}

__attribute__((noinline)) static int loop_hlthunk_refused(int fd, long n)
{
	int bad = 0;

	for (long i = 0; i < n; i++)
		bad += hlthunk_host_memory_map(fd, NULL, 0, 4096) != 0 || errno != EINVAL;
	return bad;
}

__attribute__((noinline)) static int loop_hla_refused(struct hla_device *dev, long n)
{
	uint64_t va;
	int bad = 0;

	for (long i = 0; i < n; i++)
		bad += hla_mem_map_host(dev, NULL, 4096, 0, 0, &va) != -EINVAL;
	return bad;
}

int main(int argc, char **argv)
{
	long n = argc > 1 ? atol(argv[1]) : 20000;
	long m = argc > 2 ? atol(argv[2]) : n;
	struct hla_device *dev;
	double t[4];
	int fd, bad;

	fd = hlthunk_open(HLTHUNK_DEVICE_DONT_CARE, NULL);
	if (fd < 0) {
		printf("no device (%d), skipped\n", fd);
		return 77;
	}
	if (hla_device_open_fd(fd, 0, &dev))
		return 1;
	/* first calls: the fd is borrowed and the table filled */
	bad = loop_hlthunk_status(fd, 10) + loop_hla_status(dev, 10);
	t[0] = now_ns();
	bad += loop_hla_status(dev, n);
	t[1] = now_ns();
	bad += loop_hlthunk_status(fd, n);
	t[2] = now_ns();
	bad += loop_hla_refused(dev, m);
	t[3] = now_ns();
	bad += loop_hlthunk_refused(fd, m);
	printf("device status (%ld calls): hla %.1f ns, hlthunk %.1f ns per call\n", n,
	       (t[1] - t[0]) / (double)n, (t[2] - t[1]) / (double)n);
	t[0] = now_ns();
	printf("refused call (%ld calls):  hla %.1f ns, hlthunk %.1f ns per call\n", m,
	       (t[3] - t[2]) / (double)m, (t[0] - t[3]) / (double)m);
	hla_device_close(dev);
	hlthunk_close(fd);
	return bad ? 1 : 0;
}
