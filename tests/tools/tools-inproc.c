/* SPDX-License-Identifier: MIT */
/*
 * Runs hla-info or hla-p2p-copy inside this process, under the simulator,
 * for the cases a separate process cannot show:
 *
 *   --hold DEV      keep DEV's compute node open during the run (a busy
 *                   device: the simulator's state is per process);
 *   --corrupt OFF   p2p only: flip the byte at OFF of the destination
 *                   dma-buf after each copy, so verification must fail;
 *
 * and afterwards checks that the run leaked nothing: the same number of
 * open fds as before, and every device's compute node can be opened again
 * (an exported dma-buf or an open handle would keep it busy).
 *
 *   tools-inproc info|p2p [--hold DEV]... [--corrupt OFF] --expect CODE -- ARGS...
 *
 * The tool's stdout and stderr are copied to ours; exit 0 when the tool
 * returned CODE and nothing leaked, 1 otherwise.
 */
#include <dirent.h>
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <hlaccel/hlaccel.h>

#include "hla-info.h"
#include "p2p-copy.h"

#define MAX_HOLD 8

static uint64_t corrupt_off = UINT64_MAX;
static unsigned int corruptions;

static int count_fds(void)
{
	DIR *d = opendir("/proc/self/fd");
	struct dirent *e;
	int n = 0;

	if (!d)
		return -1;
	while ((e = readdir(d)))
		if (e->d_name[0] != '.')
			n++;
	closedir(d);
	return n;
}

static int corrupt_dst(void *priv, int src_fd, int dst_fd, uint64_t size)
{
	size_t len = (size_t)((size + 4095) & ~4095ull);
	uint8_t *p;

	(void)priv;
	(void)src_fd;
	if (dst_fd < 0 || corrupt_off >= size) {
		fprintf(stderr, "tools-inproc: cannot corrupt (fd %d, size %llu)\n", dst_fd,
			(unsigned long long)size);
		return -1;
	}
	p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED, dst_fd, 0);
	if (p == MAP_FAILED) {
		perror("tools-inproc: mmap of the destination dma-buf");
		return -1;
	}
	p[corrupt_off] ^= 0xFF;
	munmap(p, len);
	corruptions++;
	return 0;
}

static void copy_out(FILE *from, FILE *to)
{
	char buf[4096];
	size_t n;

	rewind(from);
	while ((n = fread(buf, 1, sizeof(buf), from)) > 0)
		fwrite(buf, 1, n, to);
	fflush(to);
}

static void usage(void)
{
	fprintf(stderr, "usage: tools-inproc info|p2p [--hold DEV]... [--corrupt OFF] "
		"--expect CODE -- ARGS...\n");
	exit(2);
}

int main(int argc, char **argv)
{
	struct hla_device *held[MAX_HOLD];
	struct p2p_hooks hooks = { .after_copy = corrupt_dst };
	unsigned int nheld = 0, count = 0, i;
	int expect = -1, rc, fds_before, fds_after, ok = 1, targ;
	bool p2p;
	FILE *out, *err;
	char **targv;

	if (argc < 2)
		usage();
	if (!strcmp(argv[1], "p2p"))
		p2p = true;
	else if (!strcmp(argv[1], "info"))
		p2p = false;
	else
		usage();

	/* the capture files exist before the fds are counted */
	out = tmpfile();
	err = tmpfile();
	if (!out || !err) {
		perror("tools-inproc: tmpfile");
		return 1;
	}
	fds_before = count_fds();

	for (i = 2; i < (unsigned int)argc; i++) {
		if (!strcmp(argv[i], "--")) {
			i++;
			break;
		} else if (!strcmp(argv[i], "--hold") && i + 1 < (unsigned int)argc) {
			unsigned int dev = (unsigned int)strtoul(argv[++i], NULL, 0);
			struct hla_device *again;

			if (nheld == MAX_HOLD)
				usage();
			rc = hla_device_open_index(dev, HLA_OPEN_RETRY, &held[nheld]);
			if (rc) {
				fprintf(stderr, "tools-inproc: cannot hold device %u: %s\n", dev,
					strerror(-rc));
				return 1;
			}
			nheld++;
			/* proof that the device is busy now */
			rc = hla_device_open_index(dev, 0, &again);
			if (rc != -EBUSY) {
				fprintf(stderr, "tools-inproc: second open of device %u gave %d, "
					"not -EBUSY\n", dev, rc);
				if (!rc)
					hla_device_close(again);
				return 1;
			}
		} else if (!strcmp(argv[i], "--corrupt") && i + 1 < (unsigned int)argc) {
			corrupt_off = strtoull(argv[++i], NULL, 0);
		} else if (!strcmp(argv[i], "--expect") && i + 1 < (unsigned int)argc) {
			expect = atoi(argv[++i]);
		} else {
			usage();
		}
	}
	if (expect < 0)
		usage();

	/* argv for the tool: its name, then everything after "--" */
	targ = argc - (int)i + 1;
	targv = calloc((size_t)targ + 1, sizeof(*targv));
	if (!targv)
		return 1;
	targv[0] = p2p ? "hla-p2p-copy" : "hla-info";
	memcpy(targv + 1, argv + i, sizeof(*targv) * (size_t)(targ - 1));

	if (p2p)
		rc = hla_p2p_copy_tool(targ, targv, out, err,
				       corrupt_off != UINT64_MAX ? &hooks : NULL);
	else
		rc = hla_info_tool(targ, targv, out, err);
	copy_out(out, stdout);
	copy_out(err, stderr);
	free(targv);

	if (rc != expect) {
		fprintf(stderr, "tools-inproc: exit code %d, expected %d\n", rc, expect);
		ok = 0;
	}
	if (corrupt_off != UINT64_MAX && !corruptions) {
		fprintf(stderr, "tools-inproc: the corruption hook never ran\n");
		ok = 0;
	}
	while (nheld)
		hla_device_close(held[--nheld]);

	/* leak checks */
	fds_after = count_fds();
	if (fds_after != fds_before) {
		fprintf(stderr, "tools-inproc: %d fds open before the run, %d after\n",
			fds_before, fds_after);
		ok = 0;
	}
	if (hla_device_count(&count) == 0) {
		for (i = 0; i < count; i++) {
			struct hla_device *d;

			rc = hla_device_open_index(i, HLA_OPEN_RETRY, &d);
			if (rc) {
				fprintf(stderr, "tools-inproc: device %u cannot be opened after "
					"the run: %s\n", i, strerror(-rc));
				ok = 0;
				continue;
			}
			hla_device_close(d);
		}
	}
	fclose(out);
	fclose(err);
	return ok ? 0 : 1;
}
