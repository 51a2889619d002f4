/* SPDX-License-Identifier: MIT */
/*
 * The simulator in the fuzzer's process: its layers are linked in whole,
 * so its interposers stand in for libc's as LD_PRELOAD would make them,
 * and the library talks to it through the real system-call seam.  One
 * device stays open for the whole run (opening one sets up its memory);
 * what an input leaves running is ended by a compute reset of the device
 * (Gaudi2).  Gaudi has no compute reset: the driver resets it hard and
 * kills the process holding it, so there the simulator's "abort" hook
 * ends the work instead, as a reset would, without the kill.
 *
 * FUZZ_CB: the input is a command buffer.  Byte 0 picks the queue, byte 1
 * the submission's shape, the rest is the CB.  An 8-byte word whose top
 * 16 bits are 0xA5A5 is relocated before submission: bits 40-41 pick a
 * region (host buffer, device memory, the CB itself, the Gaudi2 sync
 * objects), the low 20 bits are the offset into it, so the fuzzer reaches
 * mapped memory without knowing where the simulator put it.
 *
 * FUZZ_API: the input is a sequence of hla_* calls (fuzz_ops.c).
 */
#include "fuzz.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "kabi/hl_kabi.h"

#define CB_SIZE 65536u
#define HOST_SIZE (1u << 20)
#define SOB_BASE 0x4100000ull /* the sync objects in the configuration space */

int hla_sim_control(const char *cmd);

static struct {
	struct hla_device *dev, *ctl;
	uint32_t asic;
	uint8_t *host;
	uint64_t base[4];
	uint64_t cb;      /* FUZZ_CB: the CB every input is written to */
	uint8_t *cb_map;
	uint64_t mem;
	unsigned int ts_live; /* FUZZ_API: TS buffers made since the device opened */
} g;

/* a dma-buf the simulator made: a real descriptor */
void fz_close_fd(int fd)
{
	close(fd);
}

static void die(const char *what, int ret)
{
	fprintf(stderr, "fuzz-sim: %s: %d\n", what, ret);
	abort();
}

#ifdef FUZZ_CB
static void setup_regions(void)
{
	struct hla_hw_ip_info hw = { .sz = sizeof(hw) };
	int ret;

	ret = hla_info_hw_ip(g.dev, &hw);
	if (ret)
		die("hw_ip", ret);
	ret = hla_mem_map_host(g.dev, g.host, HOST_SIZE, 0, 0, &g.base[0]);
	if (ret)
		die("map host", ret);
	ret = hla_cb_create(g.dev, CB_SIZE, g.asic == HLA_ASIC_GAUDI2 ? HLA_CB_MAP : 0, &g.cb);
	if (ret)
		die("cb", ret);
	ret = hla_cb_mmap(g.dev, g.cb, CB_SIZE, (void **)&g.cb_map);
	if (ret)
		die("cb mmap", ret);
	if (g.asic == HLA_ASIC_GAUDI2) {
		ret = hla_mem_alloc(g.dev, 32u << 20, 0, 0, &g.mem);
		if (!ret)
			ret = hla_mem_map(g.dev, g.mem, 0, 0, &g.base[1]);
		if (!ret)
			ret = hla_cb_get_device_va(g.dev, g.cb, &g.base[2]);
		g.base[3] = HLK_GAUDI2_CFG_BASE + SOB_BASE;
	} else {
		g.base[1] = hw.dram_base_address;
	}
	if (ret)
		die("device memory", ret);
}
#endif

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct hla_device_desc d = { .sz = sizeof(d) };
	int ret;

	(void)argc;
	(void)argv;
	setenv("HLA_SIM_ASIC", FUZZ_ASIC, 1);
	setenv("HLA_SIM_DEVICES", "2", 1);
	/* the least each ASIC takes: Gaudi2 DRAM comes in 640 MiB pages, one
	 * of them the driver's */
	setenv("HLA_SIM_DRAM", strcmp(FUZZ_ASIC, "gaudi2") ? "256M" : "1280M", 1);
	ret = hla_device_open_index(0, 0, &g.dev);
	if (!ret)
		ret = hla_device_open_index(0, HLA_OPEN_CONTROL, &g.ctl);
	if (!ret)
		ret = hla_device_describe(g.dev, &d);
	if (ret)
		die("open", ret);
	g.asic = d.asic;
	if ((g.asic == HLA_ASIC_GAUDI2) != !strcmp(FUZZ_ASIC, "gaudi2"))
		die("the simulator was set up before the fuzzer chose its ASIC", (int)g.asic);
	g.host = mmap(NULL, HOST_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (g.host == MAP_FAILED)
		die("mmap", -1);
#ifdef FUZZ_CB
	setup_regions();
#endif
	return 0;
}

/* end whatever the device still runs (see the top of the file) */
static int end_work(void)
{
	return hla_sim_control(g.asic == HLA_ASIC_GAUDI2 ? "reset 0" : "abort 0");
}

/* a wait that a signal (libFuzzer's timer) ended early is waited again */
static int wait_cs(uint64_t seq, uint64_t us, struct hla_wait_result *res)
{
	int ret;

	do {
		memset(res, 0, sizeof(*res));
		res->sz = sizeof(*res);
		ret = hla_cs_wait(g.dev, seq, us, res);
	} while (ret == -EINTR);
	return ret;
}

/* wait for seq; a CS still running after 2 ms is ended by a reset (one
 * that was merely slow is aborted, a path worth running too), after which
 * it must complete */
static void settle(uint64_t seq)
{
	struct hla_wait_result res;
	int ret = wait_cs(seq, 2000, &res);

	/* done, failed (-EIO) or hit the watchdog (-ETIMEDOUT): over */
	if (ret == -EIO || ret == -ETIMEDOUT || (!ret && res.status != HLA_WAIT_BUSY))
		return;
	if (ret)
		die("wait", ret);
	ret = end_work();
	if (ret)
		die("reset", ret);
	/* the slice of a transfer under way when the reset came is still
	 * moved (tens of ms of fresh memory); a starved machine stretches
	 * that, so allow 8 s, under libFuzzer's 10 s limit per input */
	ret = wait_cs(seq, 8000000, &res);
	if ((ret && ret != -EIO && ret != -ETIMEDOUT) || (!ret && res.status == HLA_WAIT_BUSY))
		die("a CS outlived the reset", ret ? ret : (int)res.status);
}

#ifdef FUZZ_CB
static void relocate(uint8_t *p, size_t len)
{
	for (size_t i = 0; i + 8 <= len; i += 8) {
		uint64_t v;

		memcpy(&v, p + i, 8);
		if (v >> 48 != 0xA5A5)
			continue;
		v = g.base[(v >> 40) & 3] + (v & 0xFFFFF);
		memcpy(p + i, &v, 8);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct hla_cs_chunk c[2] = { { 0 } };
	struct hla_cs_submit cs = { .sz = sizeof(cs), .execute = c, .num_execute = 1 };
	struct hla_cs_out out = { .sz = sizeof(out) };
	uint8_t q, how;
	size_t len;
	int ret;

	if (size < 2 || size - 2 > CB_SIZE)
		return -1;
	q = data[0];
	how = data[1];
	len = size - 2;
	memset(g.host, 0, 4096);
	memcpy(g.cb_map, data + 2, len);
	relocate(g.cb_map, len);
	c[0].cb_handle = g.cb;
	c[0].queue_index = q & 0x80 ? q & 0x7F : q % 8u;
	c[0].cb_size = (uint32_t)len;
	if (how & 1 && g.asic == HLA_ASIC_GAUDI2) { /* the CB by its device address */
		c[0].cb_handle = g.base[2];
		c[0].flags = HLA_CHUNK_USER_CB;
	}
	if (how & 2) { /* the same CB on a second queue */
		c[1] = c[0];
		c[1].queue_index = (how >> 4) % 8u;
		cs.num_execute = 2;
	}
	cs.flags = how & 4 ? HLA_CS_TIMESTAMP : 0;
	ret = hla_cs_submit(g.dev, &cs, &out);
	if (!ret)
		settle(out.seq);
	return 0;
}
#endif

#ifdef FUZZ_API
/*
 * A timestamp buffer lives until its device is closed (the driver has no
 * request that frees one), and each is a descriptor in the simulator, so
 * over millions of inputs they reached the process's descriptor limit.
 * The device is reopened long before that (256 stays far below the usual
 * limit of 1024), as a long-running program would, waiting out the reset
 * the driver runs when a device is released.
 */
#define TS_REOPEN 256

static void reopen_if_full(void)
{
	int ret = -EBUSY;

	if (g.ts_live < TS_REOPEN)
		return;
	g.ts_live = 0;
	hla_device_close(g.dev);
	for (int tries = 0; tries < 10000 && (ret == -EBUSY || ret == -EAGAIN); tries++) {
		ret = hla_device_open_index(0, 0, &g.dev);
		if (ret == -EBUSY || ret == -EAGAIN)
			usleep(1000);
	}
	if (ret)
		die("reopen", ret);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fz_state st = { .dev = g.dev, .ctl = g.ctl, .sim = true, .asic = g.asic,
			       .host = g.host, .host_len = HOST_SIZE };
	struct fz in = { data, size };
	bool submitted;

	fz_run_ops(&in, &st, 48);
	for (unsigned int i = 0; i < FZ_SLOTS; i++)
		g.ts_live += st.ts[i] != 0;
	submitted = st.seq[0] != 0;
	for (unsigned int i = 0; i < FZ_SLOTS && submitted; i++)
		if (st.seq[i])
			settle(st.seq[i]);
	fz_cleanup(&st);
	if (submitted && end_work())
		die("reset", -1);
	hla_debug_set_mode(g.dev, 0);
	reopen_if_full();
	return 0;
}
#endif
