/* SPDX-License-Identifier: MIT */
/*
 * Command submission and waits as hl-thunk's users drive them: a CB mapped
 * through mmap(2) of the handle, a chunk of the kernel's layout, cs_out
 * with its status filled, waits with status and timestamps, sync-stream
 * signals (Gaudi), the DEBUG pass-through and the event notifier.
 */
#include "httest.h"

#include <dlfcn.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

/* one CS writing value to the host word at va; its sequence number */
static uint64_t submit_write(int fd, struct ht_cb *cb, uint64_t va, uint32_t value,
			     uint32_t flags)
{
	struct hlthunk_cs_out out;
	struct hlthunk_cs_in in;
	struct hl_cs_chunk chunk;

	CHECK_EQ(ht_cb_new(fd, 4096, cb), 0);
	CHECK_EQ(ht_cb_msg_long(cb, va, value), 0);
	ht_cb_chunk(cb, &chunk);
	memset(&in, 0, sizeof(in));
	in.chunks_execute = &chunk;
	in.num_chunks_execute = 1;
	in.flags = flags;
	memset(&out, 0xEE, sizeof(out));
	CHECK_EQ(hlthunk_command_submission(fd, &in, &out), 0);
	CHECK_EQ(out.status, HL_CS_STATUS_SUCCESS);
	CHECK(out.seq != 0xEEEEEEEEEEEEEEEEull);
	return out.seq;
}

static void submit_and_wait(int fd)
{
	uint32_t *word = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
			      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	uint64_t va = hlthunk_host_memory_map(fd, word, 0, 4096), s1, s2, ts = 0;
	struct hlthunk_cs_in in;
	struct hlthunk_cs_out out;
	struct ht_cb cb1, cb2;
	uint32_t status = 99;

	CHECK(va != 0);
	s1 = submit_write(fd, &cb1, va, 0x11, 0);
	s2 = submit_write(fd, &cb2, va + 8, 0x22, HL_CS_FLAGS_TIMESTAMP);
	CHECK(s2 > s1);
	CHECK_EQ(hlthunk_wait_for_cs(fd, s1, 5000000, &status), 0);
	CHECK_EQ(status, HL_WAIT_CS_STATUS_COMPLETED);
	status = 99;
	CHECK_EQ(hlthunk_wait_for_cs_with_timestamp(fd, s2, 5000000, &status, &ts), 0);
	CHECK_EQ(status, HL_WAIT_CS_STATUS_COMPLETED);
	CHECK(ts != 0);
	CHECK_EQ(word[0], 0x11);
	CHECK_EQ(word[2], 0x22);
	/* a CS never submitted: an error, and no claim that it completed */
	status = 0;
	CHECK_EQ(hlthunk_wait_for_cs(fd, s2 + 1000, 0, &status), -EINVAL);
	CHECK(status != HL_WAIT_CS_STATUS_COMPLETED);
	CHECK_EQ(hlthunk_wait_for_cs(fd, s1, 0, NULL), -EINVAL);
	/* only modifiers: a type flag belongs to the dedicated calls */
	memset(&in, 0, sizeof(in));
	in.flags = HL_CS_FLAGS_SIGNAL;
	CHECK_EQ(hlthunk_command_submission(fd, &in, &out), -EINVAL);
	CHECK_EQ(hlthunk_command_submission(fd, NULL, &out), -EINVAL);
	ht_cb_free(fd, &cb1);
	ht_cb_free(fd, &cb2);
	CHECK_EQ(hlthunk_memory_unmap(fd, va), 0);
	munmap(word, 4096);
}

/* Gaudi only (the simulator models multi-CS waits and sync streams there) */
static void gaudi_sync(int fd)
{
	uint32_t *word = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
			      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	uint64_t va = hlthunk_host_memory_map(fd, word, 0, 4096), seqs[2];
	struct hlthunk_wait_multi_cs_in min = { seqs, 5000000, 2 };
	struct hlthunk_wait_multi_cs_out mout;
	struct hlthunk_signal_in sin = { NULL, 0, 1, 0 };
	struct hlthunk_signal_out sout;
	struct hlthunk_wait_for_signal_data wd;
	struct hlthunk_wait_in win;
	struct hlthunk_wait_out wout;
	struct ht_cb cb[2];

	seqs[0] = submit_write(fd, &cb[0], va, 1, 0);
	seqs[1] = submit_write(fd, &cb[1], va + 8, 2, 0);
	memset(&mout, 0, sizeof(mout));
	CHECK_EQ(hlthunk_wait_for_multi_cs(fd, &min, &mout), 0);
	CHECK_EQ(mout.status, HL_WAIT_CS_STATUS_COMPLETED);
	CHECK(mout.completed >= 1 && mout.seq_set != 0);

	memset(&sout, 0, sizeof(sout));
	CHECK_EQ(hlthunk_signal_submission(fd, &sin, &sout), 0);
	CHECK_EQ(sout.status, HL_CS_STATUS_SUCCESS);
	memset(&wd, 0, sizeof(wd));
	wd.signal_seq_arr = &sout.seq;
	wd.signal_seq_nr = 1;
	wd.queue_index = 2;
	memset(&win, 0, sizeof(win));
	win.hlthunk_wait_for_signal = (uint64_t *)(void *)&wd;
	win.num_wait_for_signal = 1;
	CHECK_EQ(hlthunk_wait_for_signal(fd, &win, &wout), 0);
	CHECK_EQ(wout.status, HL_CS_STATUS_SUCCESS);
	sin.num_chunks_restore = 1; /* no restore jobs on sync streams */
	CHECK_EQ(hlthunk_signal_submission(fd, &sin, &sout), -EOPNOTSUPP);
	for (int i = 0; i < 2; i++)
		ht_cb_free(fd, &cb[i]);
	CHECK_EQ(hlthunk_memory_unmap(fd, va), 0);
	munmap(word, 4096);
}

static void debug_ops(int fd)
{
	struct hl_debug_params_spmu spmu;
	struct hl_debug_args d;
	int ctl;

	memset(&d, 0, sizeof(d));
	d.op = HL_DEBUG_OP_SET_MODE;
	d.enable = 1;
	CHECK_EQ(hlthunk_debug(fd, &d), 0);
	CHECK_EQ(hlthunk_debug(fd, &d), -EFAULT); /* already in debug mode */
	memset(&spmu, 0, sizeof(spmu));
	spmu.event_types_num = 1;
	d.op = HL_DEBUG_OP_SPMU;
	d.input_ptr = (uint64_t)(uintptr_t)&spmu;
	d.input_size = sizeof(spmu);
	/* the simulator does not model CoreSight */
	if (ht_env.sim)
		CHECK_EQ(hlthunk_debug(fd, &d), -EOPNOTSUPP);
	d.op = 1032; /* an out-of-tree op hlaccel has no call for */
	CHECK_EQ(hlthunk_debug(fd, &d), -EOPNOTSUPP);
	memset(&d, 0, sizeof(d));
	d.op = HL_DEBUG_OP_SET_MODE;
	CHECK_EQ(hlthunk_debug(fd, &d), 0);
	CHECK_EQ(hlthunk_debug(fd, NULL), -EINVAL);
	ctl = hlthunk_open_control(0, ht_env.desc[0].pci_bus_id);
	CHECK(ctl >= 0);
	d.enable = 1;
	CHECK_EQ(hlthunk_debug(ctl, &d), -ENOTTY); /* INFO only there */
	CHECK_EQ(hlthunk_close(ctl), 0);
}

static void notifier(int fd)
{
	uint64_t events = 0, cnt = 99;
	int h = hlthunk_notifier_create(fd);

	CHECK(h >= 0);
	CHECK_EQ(hlthunk_notifier_recv(fd, h, &events, &cnt, 0, 0), 0);
	CHECK_EQ(cnt, 0); /* nothing yet */
	if (ht_env.sim) {
		int (*ctl)(const char *) = NULL;
		char bus[16], cmd[64];

		*(void **)&ctl = dlsym(RTLD_DEFAULT, "hla_sim_control");
		CHECK_EQ(hlthunk_get_pci_bus_id_from_fd(fd, bus, sizeof(bus)), 0);
		snprintf(cmd, sizeof(cmd), "hwerr %d 7",
			 hlthunk_get_device_index_from_pci_bus_id(bus));
		CHECK(ctl && ctl(cmd) == 0);
		CHECK_EQ(hlthunk_notifier_recv(fd, h, &events, &cnt, 0, 2000), 0);
		CHECK(cnt >= 1);
		CHECK(events & HL_NOTIFIER_EVENT_GENERAL_HW_ERR);
	}
	CHECK_EQ(hlthunk_notifier_release(fd, h), 0);
	CHECK_EQ(hlthunk_notifier_recv(fd, h, &events, NULL, 0, 0), -EINVAL);
}

int main(void)
{
	int fd;

	ht_test_init("hlthunk-cs");
	fd = ht_open(HLTHUNK_DEVICE_DONT_CARE, NULL);
	CHECK(fd >= 0);
	submit_and_wait(fd);
	if (ht_env.gaudi1)
		gaudi_sync(fd);
	debug_ops(fd);
	notifier(fd);
	CHECK_EQ(hlthunk_close(fd), 0);
	return ht_test_done();
}
