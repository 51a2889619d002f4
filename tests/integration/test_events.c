/* SPDX-License-Identifier: MIT */
/* Event notification through eventfd, error records, CS watchdog and
 * device reset as userspace sees them.  The fault-driven cases need the
 * simulator's control hook and are skipped on real hardware. */
#include "itest.h"

#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/mman.h>
#include <unistd.h>


static uint64_t read_eventfd(int efd, int timeout_ms)
{
	struct pollfd p = { .fd = efd, .events = POLLIN };
	uint64_t v = 0;

	if (poll(&p, 1, timeout_ms) != 1)
		return 0;
	if (read(efd, &v, sizeof(v)) != sizeof(v))
		return 0;
	return v;
}

static void eventfd_registration(void **state)
{
	int efd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
	uint64_t ev;
	struct hla_device *ctl;

	(void)state;
	assert_true(efd >= 0);
	assert_int_equal(hla_events_register_fd(D.dev, efd), 0);
	assert_int_equal(hla_events_register_fd(D.dev, efd), -EINVAL);
	assert_int_equal(hla_events_read(D.dev, &ev), 0);
	assert_int_equal(hla_events_unregister_fd(D.dev), 0);
	assert_int_equal(hla_events_unregister_fd(D.dev), -EINVAL);
	assert_int_equal(hla_events_register_fd(D.dev, -1), -EBADF);

	/* control nodes: allowed where the driver has it (6.1), refused by
	 * the others */
	assert_int_equal(hla_device_open_index(0, HLA_OPEN_CONTROL, &ctl), 0);
	if (D.desc.caps & HLA_CAP_EVENTFD_CONTROL) {
		assert_int_equal(hla_events_register_fd(ctl, efd), 0);
		assert_int_equal(hla_events_unregister_fd(ctl), 0);
	} else {
		assert_int_equal(hla_events_register_fd(ctl, efd), -EOPNOTSUPP);
		assert_int_equal(hla_events_read(ctl, &ev), -EOPNOTSUPP);
	}
	assert_int_equal(hla_device_close(ctl), 0);
	close(efd);
}

static void hw_error_notification(void **state)
{
	int efd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
	uint64_t ev = 0;
	HLA_STRUCT_INIT(hla_hw_err_event, rec);

	(void)state;
	if (!itest_on_sim())
		skip();
	assert_true(efd >= 0);
	assert_int_equal(hla_events_read(D.dev, &ev), 0); /* drain */
	assert_int_equal(hla_events_register_fd(D.dev, efd), 0);
	assert_int_equal(itest_sim_control("hwerr 0 77"), 0);
	assert_true(read_eventfd(efd, 2000) >= 1);
	assert_int_equal(hla_events_read(D.dev, &ev), 0);
	assert_true(ev & HLA_EVENT_GENERAL_HW_ERR);
	/* reading cleared the mask */
	assert_int_equal(hla_events_read(D.dev, &ev), 0);
	assert_int_equal(ev, 0);
	if (!D.legacy) {
		assert_int_equal(hla_info_hw_err_event(D.dev, &rec), 0);
		assert_int_equal(rec.valid, HLA_EVENT_VALID_TIMESTAMP |
						    HLA_EVENT_VALID_EVENT_ID);
		assert_int_equal(rec.event_id, 77);
		assert_true(rec.timestamp > 0);
	}
	assert_int_equal(hla_events_unregister_fd(D.dev), 0);
	close(efd);
}

#define RAZWI_VALID                                                          \
	(HLA_EVENT_VALID_TIMESTAMP | HLA_EVENT_VALID_ADDR | HLA_EVENT_VALID_ENGINE_ID)

static void razwi_record(void **state)
{
	HLA_STRUCT_INIT(hla_razwi_event, rz);
	uint64_t ev = 0;

	(void)state;
	if (!itest_on_sim())
		skip();
	assert_int_equal(itest_sim_control("razwi 0 0x1234000"), 0);
	assert_int_equal(hla_info_razwi_event(D.dev, &rz), 0);
	/* the record's layout follows the driver: access flags, or an
	 * error type in the older form */
	assert_int_equal(rz.valid & RAZWI_VALID, RAZWI_VALID);
	assert_int_equal(rz.valid & (HLA_EVENT_VALID_FLAGS | HLA_EVENT_VALID_ERROR_TYPE),
			 D.desc.caps & HLA_CAP_RAZWI_EXT ? HLA_EVENT_VALID_FLAGS :
							  HLA_EVENT_VALID_ERROR_TYPE);
	assert_int_equal(rz.addr, 0x1234000);
	assert_true(rz.timestamp > 0);
	assert_int_equal(hla_events_read(D.dev, &ev), 0);
	if (!D.legacy)
		assert_true(ev & HLA_EVENT_RAZWI);
}

/* A CS that never finishes hits its custom watchdog; skipping the reset
 * leaves the device usable. */
static void cs_watchdog(void **state)
{
	struct itest_host h;
	struct itest_cb cb;
	struct hla_cs_chunk chunk;
	HLA_STRUCT_INIT(hla_cs_submit, cs);
	HLA_STRUCT_INIT(hla_cs_out, out);
	HLA_STRUCT_INIT(hla_wait_result, res);
	HLA_STRUCT_INIT(hla_cs_timeout_event, rec);
	uint64_t ev = 0;
	int ret;

	(void)state;
	if (!itest_on_sim())
		skip();
	assert_int_equal(hla_events_read(D.dev, &ev), 0);
	assert_int_equal(itest_host_map(&D, 4096, &h), 0);
	assert_int_equal(itest_cb_new(&D, 4096, &cb), 0);
	assert_int_equal(itest_cb_msg_long(&D, &cb, h.va, 1), 0);
	itest_chunk(&D, &cb, &chunk);
	cs.execute = &chunk;
	cs.num_execute = 1;
	cs.timeout_s = 1;
	cs.flags = HLA_CS_SKIP_RESET_ON_TIMEOUT;
	assert_int_equal(itest_sim_control("cs-hang 0"), 0);
	assert_int_equal(hla_cs_submit(D.dev, &cs, &out), 0);
	/* still running after a short wait */
	assert_int_equal(hla_cs_wait(D.dev, out.seq, 1000, &res), 0);
	assert_int_equal(res.status, HLA_WAIT_BUSY);
	ret = hla_cs_wait(D.dev, out.seq, 10000000, &res);
	assert_int_equal(ret, -ETIMEDOUT);
	assert_int_equal(res.status, HLA_WAIT_TIMEDOUT);
	assert_int_equal(hla_events_read(D.dev, &ev), 0);
	assert_true(ev & HLA_EVENT_CS_TIMEOUT);
	assert_false(ev & HLA_EVENT_DEVICE_RESET);
	assert_int_equal(hla_info_cs_timeout_event(D.dev, &rec), 0);
	assert_int_equal(rec.valid, HLA_EVENT_VALID_TIMESTAMP | HLA_EVENT_VALID_SEQ);
	assert_int_equal(rec.seq, out.seq);
	assert_int_equal(itest_cb_free(&D, &cb), 0);
	assert_int_equal(itest_host_unmap(&D, &h), 0);
}

/* Reset while a CS is in flight: the wait reports the abort, the event
 * mask says DEVICE_RESET, and the device comes back after a re-open. */
static void reset_aborts_work(void **state)
{
	struct itest_host h;
	struct itest_cb cb;
	uint64_t seq, ev = 0;
	uint32_t hard0, soft0, hard1, soft1, status;
	HLA_STRUCT_INIT(hla_wait_result, res);
	struct hla_device *ctl;
	int ret;

	(void)state;
	if (!itest_on_sim())
		skip();
	if (D.gaudi1)
		skip(); /* no compute reset: the driver resets Gaudi hard and kills
			 * this process (test_reset.c, soft_reset) */
	assert_int_equal(hla_device_open_index(0, HLA_OPEN_CONTROL, &ctl), 0);
	assert_int_equal(hla_info_reset_count(ctl, &hard0, &soft0), 0);
	assert_int_equal(hla_events_read(D.dev, &ev), 0);
	assert_int_equal(itest_host_map(&D, 4096, &h), 0);
	assert_int_equal(itest_cb_new(&D, 4096, &cb), 0);
	assert_int_equal(itest_cb_msg_long(&D, &cb, h.va, 1), 0);
	assert_int_equal(itest_sim_control("cs-hang 0"), 0);
	assert_int_equal(itest_submit(&D, &cb, 0, &seq), 0);
	assert_int_equal(itest_sim_control("reset 0"), 0);
	ret = hla_cs_wait(D.dev, seq, 5000000, &res);
	assert_true(ret == -EIO || ret == -EBUSY);
	if (ret == -EIO)
		assert_int_equal(res.status, HLA_WAIT_ABORTED);
	assert_int_equal(hla_events_read(D.dev, &ev), 0);
	assert_true(ev & HLA_EVENT_DEVICE_RESET);
	assert_int_equal(hla_info_reset_count(ctl, &hard1, &soft1), 0);
	assert_true(hard1 + soft1 > hard0 + soft0);

	/* what a well-behaved program does: drop everything and re-open */
	assert_int_equal(hla_cb_munmap(cb.map, cb.size), 0);
	hla_cb_destroy(D.dev, cb.handle);
	hla_mem_unmap(D.dev, h.va);
	munmap(h.ptr, h.size);
	itest_close(&D);
	assert_int_equal(itest_open(&D), 0);
	assert_int_equal(hla_info_device_status(ctl, &status), 0);
	assert_int_equal(status, HLA_DEVICE_STATUS_OPERATIONAL);
	/* and it works again */
	assert_int_equal(itest_host_map(&D, 4096, &h), 0);
	assert_int_equal(itest_cb_new(&D, 4096, &cb), 0);
	assert_int_equal(itest_cb_msg_long(&D, &cb, h.va, 9), 0);
	assert_int_equal(itest_submit(&D, &cb, 0, &seq), 0);
	assert_int_equal(itest_wait(&D, seq, 5000000), 0);
	assert_int_equal(*(volatile uint32_t *)h.ptr, 9);
	assert_int_equal(itest_cb_free(&D, &cb), 0);
	assert_int_equal(itest_host_unmap(&D, &h), 0);
	assert_int_equal(hla_device_close(ctl), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(eventfd_registration),
		cmocka_unit_test(hw_error_notification),
		cmocka_unit_test(razwi_record),
		cmocka_unit_test(cs_watchdog),
		cmocka_unit_test(reset_aborts_work),
	};

	itest_require_device();
	return cmocka_run_group_tests(tests, itest_setup, itest_teardown);
}
