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
 *   --fail-alloc    every calloc() of the tool fails (out of memory);
 *   --kill-exporter p2p --procs 2 only: the exporter process kills itself
 *                   with SIGKILL just before it hands the dma-buf over;
 *
 * and afterwards checks that the run leaked nothing: the same number of
 * open fds as before, and every device's compute node can be opened again
 * (an exported dma-buf or an open handle would keep it busy).
 *
 *   tools-inproc info|p2p [--hold DEV]... [--corrupt OFF] [--fail-alloc]
 *                --expect CODE -- ARGS...
 *
 * A workload for other processes to look at:
 *
 *   tools-inproc hold DEV FILE
 *
 * opens DEV's compute node, creates FILE, and waits until FILE is removed;
 * then checks that the device is still its own (a second compute open is
 * EBUSY, INFO on its handle works): exit 0, else 1.
 *
 * The tool's stdout and stderr are copied to ours; exit 0 when the tool
 * returned CODE and nothing leaked, 1 otherwise.
 */
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <hlaccel/hlaccel.h>

#include "info.h"
#include "p2p-copy.h"

#define MAX_HOLD 8

static uint64_t corrupt_off = UINT64_MAX;
static unsigned int corruptions;
static bool fail_alloc;
static bool kill_exporter;

/* the tool's calloc (linked with --wrap=calloc) */
void *__real_calloc(size_t n, size_t size);
void *__wrap_calloc(size_t n, size_t size);

void *__wrap_calloc(size_t n, size_t size)
{
	if (fail_alloc) {
		errno = ENOMEM;
		return NULL;
	}
	return __real_calloc(n, size);
}

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
	/* a sweep's smaller sizes do not reach the offset: left alone */
	if (dst_fd >= 0 && corrupt_off >= size)
		return 0;
	if (dst_fd < 0) {
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

/* runs in the exporter process */
static void exporter_dies(void *priv)
{
	(void)priv;
	raise(SIGKILL);
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

/* keep dev's compute node open, and prove that it is busy now */
static int hold(unsigned int dev, struct hla_device **held)
{
	struct hla_device *again;
	int rc = hla_device_open_index(dev, HLA_OPEN_RETRY, held);

	if (rc) {
		fprintf(stderr, "tools-inproc: cannot hold device %u: %s\n", dev,
			strerror(-rc));
		return -1;
	}
	rc = hla_device_open_index(dev, 0, &again);
	if (rc != -EBUSY) {
		fprintf(stderr, "tools-inproc: second open of device %u gave %d, "
			"not -EBUSY\n", dev, rc);
		if (!rc)
			hla_device_close(again);
		return -1;
	}
	return 0;
}

struct inproc {
	bool p2p;
	bool fail_alloc;
	int expect;
	struct hla_device *held[MAX_HOLD];
	unsigned int nheld;
	int first_tool_arg; /* argv index after "--" */
};

/* our options; exits on a usage error, returns -1 on a failed hold */
static int parse(struct inproc *t, int argc, char **argv)
{
	int i;

	if (argc < 2)
		usage();
	if (!strcmp(argv[1], "p2p"))
		t->p2p = true;
	else if (strcmp(argv[1], "info"))
		usage();
	t->expect = -1;
	for (i = 2; i < argc; i++) {
		if (!strcmp(argv[i], "--")) {
			i++;
			break;
		} else if (!strcmp(argv[i], "--hold") && i + 1 < argc) {
			if (t->nheld == MAX_HOLD)
				usage();
			if (hold((unsigned int)strtoul(argv[++i], NULL, 0),
				 &t->held[t->nheld]))
				return -1;
			t->nheld++;
		} else if (!strcmp(argv[i], "--corrupt") && i + 1 < argc) {
			corrupt_off = strtoull(argv[++i], NULL, 0);
		} else if (!strcmp(argv[i], "--kill-exporter")) {
			kill_exporter = true;
		} else if (!strcmp(argv[i], "--fail-alloc")) {
			t->fail_alloc = true;
		} else if (!strcmp(argv[i], "--expect") && i + 1 < argc) {
			t->expect = atoi(argv[++i]);
		} else {
			usage();
		}
	}
	if (t->expect < 0)
		usage();
	t->first_tool_arg = i;
	return 0;
}

/* run the tool on argv[first..] with its own name first; its exit code */
static int run_tool(const struct inproc *t, int argc, char **argv, FILE *out,
		    FILE *err)
{
	struct p2p_hooks hooks = {
		.after_copy = corrupt_off != UINT64_MAX ? corrupt_dst : NULL,
		.exporter_ready = kill_exporter ? exporter_dies : NULL,
	};
	int targ = argc - t->first_tool_arg + 1, rc;
	char **targv = calloc((size_t)targ + 1, sizeof(*targv));

	if (!targv)
		return -1;
	targv[0] = t->p2p ? "hla-p2p-copy" : "hla-info";
	memcpy(targv + 1, argv + t->first_tool_arg, sizeof(*targv) * (size_t)(targ - 1));
	fail_alloc = t->fail_alloc;
	if (t->p2p)
		rc = p2p_tool_run(targ, targv, out, err,
				  hooks.after_copy || hooks.exporter_ready ? &hooks : NULL);
	else
		rc = info_tool_run(targ, targv, out, err);
	fail_alloc = false;
	free(targv);
	return rc;
}

/* every device can be opened again: nothing keeps one busy */
static bool devices_free(void)
{
	struct hla_devlist *list;
	uint32_t count = 0, i;
	bool ok = true;

	if (hla_devlist_create(0, &list))
		return true;
	hla_devlist_count(list, &count);
	for (i = 0; i < count; i++) {
		struct hla_device *d;
		int rc = hla_devlist_open(list, i, HLA_OPEN_RETRY, &d);

		if (rc) {
			fprintf(stderr, "tools-inproc: device %u cannot be opened after "
				"the run: %s\n", i, strerror(-rc));
			ok = false;
			continue;
		}
		hla_device_close(d);
	}
	hla_devlist_destroy(list);
	return ok;
}

/* hold DEV FILE: a workload on DEV until FILE is removed */
static int hold_main(unsigned int dev, const char *file)
{
	struct hla_device *held, *again;
	uint32_t status;
	FILE *f;
	int rc, i;

	if (hold(dev, &held))
		return 1;
	f = fopen(file, "w");
	if (!f)
		return 1;
	fclose(f);
	for (i = 0; i < 6000 && access(file, F_OK) == 0; i++)
		usleep(10000);
	rc = hla_device_open_index(dev, 0, &again);
	if (rc != -EBUSY) {
		fprintf(stderr, "tools-inproc: device %u no longer held (%d)\n", dev, rc);
		if (!rc)
			hla_device_close(again);
		hla_device_close(held);
		return 1;
	}
	rc = hla_info_device_status(held, &status);
	if (rc)
		fprintf(stderr, "tools-inproc: INFO on the held device: %s\n", strerror(-rc));
	hla_device_close(held);
	return rc || i == 6000 ? 1 : 0;
}

int main(int argc, char **argv)
{
	struct inproc t = { 0 };
	int rc, fds_before, fds_after, ok = 1;
	FILE *out, *err;

	if (argc == 4 && !strcmp(argv[1], "hold"))
		return hold_main((unsigned int)strtoul(argv[2], NULL, 0), argv[3]);
	/* the capture files exist before the fds are counted */
	out = tmpfile();
	err = tmpfile();
	if (!out || !err) {
		perror("tools-inproc: tmpfile");
		return 1;
	}
	fds_before = count_fds();
	if (parse(&t, argc, argv))
		return 1;
	rc = run_tool(&t, argc, argv, out, err);
	copy_out(out, stdout);
	copy_out(err, stderr);
	if (rc != t.expect) {
		fprintf(stderr, "tools-inproc: exit code %d, expected %d\n", rc, t.expect);
		ok = 0;
	}
	if (corrupt_off != UINT64_MAX && !corruptions) {
		fprintf(stderr, "tools-inproc: the corruption hook never ran\n");
		ok = 0;
	}
	while (t.nheld)
		hla_device_close(t.held[--t.nheld]);

	/* leak checks */
	fds_after = count_fds();
	if (fds_after != fds_before) {
		fprintf(stderr, "tools-inproc: %d fds open before the run, %d after\n",
			fds_before, fds_after);
		ok = 0;
	}
	if (!devices_free())
		ok = 0;
	fclose(out);
	fclose(err);
	return ok ? 0 : 1;
}
