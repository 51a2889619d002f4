/* SPDX-License-Identifier: MIT */
/* Error records the driver captures, and the per-handle events. */
#include "unit.h"

static struct hlk_info_args last_info(void)
{
	struct hlk_info_args a;

	EXPECT_REQ(HLK_CMD_INFO);
	memcpy(&a, mock_ioctl_last()->in, sizeof(a));
	assert_int_equal(a.pad, 0);
	return a;
}

static void expect_info(uint32_t op, uint32_t size, uint32_t word)
{
	struct hlk_info_args a = last_info();

	assert_int_equal(a.op, op);
	assert_int_equal(a.return_size, size);
	assert_int_equal(a.dcore_id, word);
}

static uint8_t K[512];

static void push_pattern(size_t n)
{
	pattern(K, n);
	mock_ioctl_push_info(K, n);
}

/*
 * One record type: nothing captured (the driver writes nothing, or a
 * zeroed record) gives -ENODATA; a captured one is decoded; errors.
 */
#define RECORD(name, type, call, T, op, valid_bits, ...)                        \
	static void name(void **state)                                         \
	{                                                                      \
		HLA_STRUCT_INIT(type, o);                                      \
		uint8_t zero[sizeof(T)] = { 0 };                               \
		(void)state;                                                   \
		EXPECT_ONE_IOCTL(call(U, &o), -ENODATA);                       \
		expect_info(op, sizeof(T), 0);                                 \
		assert_int_equal(last_info().return_pointer,                   \
				 (uint64_t)(uintptr_t)&o + 16);                \
		mock_ioctl_push_info(zero, sizeof(zero));                      \
		EXPECT_ONE_IOCTL(call(U, &o), -ENODATA);                       \
		push_pattern(sizeof(T));                                       \
		EXPECT_ONE_IOCTL(call(U, &o), 0);                              \
		assert_int_equal(o.valid, (valid_bits));                       \
		assert_int_equal(o.reserved0, 0);                              \
		EXPECT_FIELD(o.timestamp, K, T, timestamp);                    \
		__VA_ARGS__                                                    \
		EXPECT_NO_IOCTL(call(U, NULL), -EINVAL);                       \
		EXPECT_NO_IOCTL(call(NULL, &o), -EINVAL);                      \
		o.sz = 12;                                                     \
		EXPECT_NO_IOCTL(call(U, &o), -EINVAL);                         \
		o.sz = sizeof(o);                                              \
		mock_ioctl_push_errno(EINVAL);                                 \
		EXPECT_ONE_IOCTL(call(U, &o), -EINVAL);                        \
		mock_ioctl_push_errno(EINTR);                                  \
		EXPECT_ONE_IOCTL(call(U, &o), -EINTR);                         \
	}

RECORD(cs_timeout, hla_cs_timeout_event, hla_info_cs_timeout_event,
       struct hlk_info_cs_timeout_event, HLK_INFO_CS_TIMEOUT_EVENT,
       HLA_EVENT_VALID_TIMESTAMP | HLA_EVENT_VALID_SEQ,
       EXPECT_FIELD(o.seq, K, struct hlk_info_cs_timeout_event, seq);)

RECORD(undefined_opcode, hla_undefined_opcode_event, hla_info_undefined_opcode_event,
       struct hlk_info_undefined_opcode_event, HLK_INFO_UNDEFINED_OPCODE_EVENT,
       HLA_EVENT_VALID_TIMESTAMP | HLA_EVENT_VALID_CB_ADDRS |
	       HLA_EVENT_VALID_ENGINE_ID | HLA_EVENT_VALID_STREAM_ID,
       assert_memory_equal(o.cb_addr_streams, K + 8, 256);
       EXPECT_FIELD(o.cq_addr, K, struct hlk_info_undefined_opcode_event, cq_addr);
       EXPECT_FIELD(o.cq_size, K, struct hlk_info_undefined_opcode_event, cq_size);
       EXPECT_FIELD(o.cb_addr_streams_len, K, struct hlk_info_undefined_opcode_event,
		    cb_addr_streams_len);
       EXPECT_FIELD(o.engine_id, K, struct hlk_info_undefined_opcode_event, engine_id);
       EXPECT_FIELD(o.stream_id, K, struct hlk_info_undefined_opcode_event, stream_id);)

RECORD(page_fault, hla_page_fault_event, hla_info_page_fault_event,
       struct hlk_page_fault_info, HLK_INFO_PAGE_FAULT_EVENT,
       HLA_EVENT_VALID_TIMESTAMP | HLA_EVENT_VALID_ADDR,
       EXPECT_FIELD(o.addr, K, struct hlk_page_fault_info, addr);
       EXPECT_FIELD(o.engine_id, K, struct hlk_page_fault_info, engine_id);)

RECORD(hw_err, hla_hw_err_event, hla_info_hw_err_event, struct hlk_info_hw_err_event,
       HLK_INFO_HW_ERR_EVENT, HLA_EVENT_VALID_TIMESTAMP | HLA_EVENT_VALID_EVENT_ID,
       EXPECT_FIELD(o.event_id, K, struct hlk_info_hw_err_event, event_id);)

RECORD(fw_err, hla_fw_err_event, hla_info_fw_err_event, struct hlk_info_fw_err_event,
       HLK_INFO_FW_ERR_EVENT,
       HLA_EVENT_VALID_TIMESTAMP | HLA_EVENT_VALID_ERROR_TYPE | HLA_EVENT_VALID_EVENT_ID,
       EXPECT_FIELD(o.err_type, K, struct hlk_info_fw_err_event, err_type);
       EXPECT_FIELD(o.event_id, K, struct hlk_info_fw_err_event, event_id);)

RECORD(engine_err, hla_engine_err_event, hla_info_engine_err_event,
       struct hlk_info_engine_err_event, HLK_INFO_USER_ENGINE_ERR_EVENT,
       HLA_EVENT_VALID_TIMESTAMP | HLA_EVENT_VALID_ENGINE_ID | HLA_EVENT_VALID_ERROR_COUNT,
       EXPECT_FIELD(o.engine_id, K, struct hlk_info_engine_err_event, engine_id);
       EXPECT_FIELD(o.error_count, K, struct hlk_info_engine_err_event, error_count);)

/*
 * A caller's struct that ends inside the timestamp: only the bytes it has
 * decide whether something was captured, and nothing past it is read or
 * written; the timestamp does not fit, so it is not valid.
 */
static void record_ends_in_timestamp(void **state)
{
	uint8_t b[32];
	uint32_t sz = 20;

	(void)state;
	memset(b, SENTINEL, sizeof(b));
	memset(b + 4, 0, sz - 4);
	memcpy(b, &sz, 4);
	/* nothing captured: the driver writes nothing */
	EXPECT_ONE_IOCTL(hla_info_cs_timeout_event(U, (void *)b), -ENODATA);
	expect_info(HLK_INFO_CS_TIMEOUT_EVENT, 4, 0);
	assert_true(all_bytes(b + sz, sizeof(b) - sz, SENTINEL));
	/* captured: the bytes that fit, no valid bit */
	push_pattern(16);
	EXPECT_ONE_IOCTL(hla_info_hw_err_event(U, (void *)b), 0);
	assert_memory_equal(b + 16, K, 4);
	assert_int_equal(kget(b, 8, 8), 0);
	assert_true(all_bytes(b + sz, sizeof(b) - sz, SENTINEL));
	/* no room past the header: nothing asked, nothing valid */
	sz = 16;
	memcpy(b, &sz, 4);
	memset(b + 16, SENTINEL, sizeof(b) - 16);
	EXPECT_NO_IOCTL(hla_info_fw_err_event(U, (void *)b), 0);
	assert_int_equal(kget(b, 8, 8), 0);
	assert_true(all_bytes(b + sz, sizeof(b) - sz, SENTINEL));
}

/* 6.4 answers ENOENT for a hardware or firmware error record it never
 * captured: the caller sees the same -ENODATA as from later drivers; from
 * any other record ENOENT is the driver's own error */
static void record_enoent(void **state)
{
	HLA_STRUCT_INIT(hla_hw_err_event, hw);
	HLA_STRUCT_INIT(hla_fw_err_event, fw);
	HLA_STRUCT_INIT(hla_cs_timeout_event, cs);

	(void)state;
	mock_ioctl_push_errno(ENOENT);
	EXPECT_ONE_IOCTL(hla_info_hw_err_event(U, &hw), -ENODATA);
	assert_int_equal(hw.valid, 0);
	mock_ioctl_push_errno(ENOENT);
	EXPECT_ONE_IOCTL(hla_info_fw_err_event(U, &fw), -ENODATA);
	mock_ioctl_push_errno(ENOENT);
	EXPECT_ONE_IOCTL(hla_info_cs_timeout_event(U, &cs), -ENOENT);
}

/* only Gaudi3 reports the engine of a page fault */
static void page_fault_gaudi3(void **state)
{
	HLA_STRUCT_INIT(hla_page_fault_event, o);

	(void)state;
	assert_int_equal(unit_open_driver(mock_iface == HLA_INTERFACE_LEGACY ?
						  &UNIT_UPSTREAM_65 : &UNIT_UPSTREAM_68,
					  mock_iface, HLA_ASIC_GAUDI3, 0, &U), 0);
	push_pattern(sizeof(struct hlk_page_fault_info));
	EXPECT_ONE_IOCTL(hla_info_page_fault_event(U, &o), 0);
	assert_int_equal(o.valid, HLA_EVENT_VALID_TIMESTAMP | HLA_EVENT_VALID_ADDR |
					  HLA_EVENT_VALID_ENGINE_ID);
	EXPECT_FIELD(o.engine_id, K, struct hlk_page_fault_info, engine_id);
}

/* the RAZWI record of the default driver: 6.1 on legacy, 6.8 on accel */
static bool razwi_ext(void)
{
	return mock_iface == HLA_INTERFACE_ACCEL;
}

static void razwi_push(int64_t ts, uint16_t e1, uint16_t e2, uint8_t none, uint16_t n)
{
	uint8_t k[280];

	memset(k, 0, sizeof(k));
	memcpy(k, &ts, 8);
	k[16] = (uint8_t)e1;
	k[17] = (uint8_t)(e1 >> 8);
	k[18] = (uint8_t)e2;
	k[19] = (uint8_t)(e2 >> 8);
	k[20] = none;                /* 6.1: no_engine_id */
	for (uint16_t i = 2; i < n && i < 128; i++)
		k[16 + 2 * i] = (uint8_t)(i + 1);
	k[272] = (uint8_t)n;         /* later: num_of_possible_engines */
	k[273] = (uint8_t)(n >> 8);
	mock_ioctl_push_info(k, razwi_ext() ? sizeof(k) : 24);
}

static void razwi(void **state)
{
	HLA_STRUCT_INIT(hla_razwi_event, r);

	(void)state;
	EXPECT_ONE_IOCTL(hla_info_razwi_event(U, &r), -ENODATA);
	expect_info(HLK_INFO_RAZWI_EVENT, 280, 0);
	razwi_push(5, 7, 9, 0, 2);
	EXPECT_ONE_IOCTL(hla_info_razwi_event(U, &r), 0);
	assert_int_equal(r.timestamp, 5);
	assert_int_equal(r.num_engines, 2);
	assert_int_equal(r.engine_id[0], 7);
	assert_int_equal(r.engine_id[1], 9);
	assert_int_equal(r.reserved0 | r.reserved1, 0);
	if (razwi_ext()) {
		/* more engines than the record has room for */
		razwi_push(5, 7, 9, 0, 300);
		EXPECT_ONE_IOCTL(hla_info_razwi_event(U, &r), 0);
		assert_int_equal(r.num_engines, HLA_RAZWI_MAX_ENGINES);
		assert_int_equal(r.engine_id[127], 128);
	} else {
		/* an absent id reads 0xFFFF; the same id twice is one engine */
		razwi_push(5, 0xFFFF, 9, 0, 0);
		EXPECT_ONE_IOCTL(hla_info_razwi_event(U, &r), 0);
		assert_int_equal(r.num_engines, 1);
		assert_int_equal(r.engine_id[0], 9);
		assert_int_equal(r.engine_id[1], 0);
		razwi_push(5, 4, 4, 0, 0);
		EXPECT_ONE_IOCTL(hla_info_razwi_event(U, &r), 0);
		assert_int_equal(r.num_engines, 1);
		razwi_push(5, 4, 6, 1, 0);
		EXPECT_ONE_IOCTL(hla_info_razwi_event(U, &r), 0);
		assert_int_equal(r.num_engines, 0);
		assert_int_equal(r.engine_id[0], 0);
	}
	EXPECT_NO_IOCTL(hla_info_razwi_event(U, NULL), -EINVAL);
	EXPECT_NO_IOCTL(hla_info_razwi_event(NULL, &r), -EINVAL);
	mock_ioctl_push_errno(EINTR);
	EXPECT_ONE_IOCTL(hla_info_razwi_event(U, &r), -EINTR);
}

static void register_fd(void **state)
{
	struct hlk_info_args a;

	(void)state;
	EXPECT_ONE_IOCTL(hla_events_register_fd(U, 9), 0);
	a = last_info();
	assert_int_equal(a.op, HLK_INFO_REGISTER_EVENTFD);
	assert_int_equal(a.eventfd, 9);
	assert_int_equal(a.return_pointer, 0);
	assert_int_equal(a.return_size, 0);
	EXPECT_ONE_IOCTL(hla_events_unregister_fd(U), 0);
	expect_info(HLK_INFO_UNREGISTER_EVENTFD, 0, 0);
	EXPECT_NO_IOCTL(hla_events_register_fd(U, -1), -EBADF);
	EXPECT_NO_IOCTL(hla_events_register_fd(NULL, 3), -EINVAL);
	EXPECT_NO_IOCTL(hla_events_unregister_fd(NULL), -EINVAL);
	mock_ioctl_push_errno(EOPNOTSUPP);
	EXPECT_ONE_IOCTL(hla_events_register_fd(U, 3), -EOPNOTSUPP);
	mock_ioctl_push_errno(EINVAL); /* none registered */
	EXPECT_ONE_IOCTL(hla_events_unregister_fd(U), -EINVAL);
}

static void read_events(void **state)
{
	uint64_t ev = 0, k = 0x7FF;

	(void)state;
	mock_ioctl_push_info(&k, 8);
	EXPECT_ONE_IOCTL(hla_events_read(U, &ev), 0);
	expect_info(HLK_INFO_GET_EVENTS, 8, 0);
	/* the driver's bits are the public ones */
	assert_int_equal(ev, HLA_EVENT_TPC_ASSERT | HLA_EVENT_UNDEFINED_OPCODE |
				     HLA_EVENT_DEVICE_RESET | HLA_EVENT_CS_TIMEOUT |
				     HLA_EVENT_DEVICE_UNAVAILABLE | HLA_EVENT_USER_ENGINE_ERR |
				     HLA_EVENT_GENERAL_HW_ERR | HLA_EVENT_RAZWI |
				     HLA_EVENT_PAGE_FAULT | HLA_EVENT_CRITICAL_HW_ERR |
				     HLA_EVENT_CRITICAL_FW_ERR);
	assert_int_equal(HLA_EVENT_CRITICAL_FW_ERR, 0x400);
	EXPECT_ONE_IOCTL(hla_events_read(U, &ev), 0);
	assert_int_equal(ev, 0);
	EXPECT_NO_IOCTL(hla_events_read(U, NULL), -EINVAL);
	EXPECT_NO_IOCTL(hla_events_read(NULL, &ev), -EINVAL);
	ev = 0x55;
	mock_ioctl_push_errno(EOPNOTSUPP);
	EXPECT_ONE_IOCTL(hla_events_read(U, &ev), -EOPNOTSUPP);
	assert_int_equal(ev, 0x55);
}

/* a control handle watches the device too */
static void control_events(void **state)
{
	uint64_t ev = 0, k = HLK_NOTIFIER_EVENT_DEVICE_RESET;

	(void)state;
	mock_ioctl_push_info(&k, 8);
	EXPECT_ONE_IOCTL(hla_events_read(U, &ev), 0);
	assert_int_equal(ev, HLA_EVENT_DEVICE_RESET);
	if (mock_iface == HLA_INTERFACE_ACCEL) {
		/* 6.6 and later refuse eventfds on control nodes: not sent */
		EXPECT_NO_IOCTL(hla_events_register_fd(U, 4), -EOPNOTSUPP);
		EXPECT_NO_IOCTL(hla_events_unregister_fd(U), -EOPNOTSUPP);
		return;
	}
	EXPECT_ONE_IOCTL(hla_events_register_fd(U, 4), 0);
	assert_int_equal(mock_ioctl_last()->fd, hla_device_get_fd(U));
	EXPECT_ONE_IOCTL(hla_events_unregister_fd(U), 0);
}

int main(int argc, char **argv)
{
#define T UNIT_TEST
	const struct CMUnitTest tests[] = {
		T(cs_timeout), T(undefined_opcode), UNIT_TEST_RECENT(page_fault),
		UNIT_TEST_RECENT(hw_err), UNIT_TEST_RECENT(fw_err),
		UNIT_TEST_HABANA(engine_err), UNIT_TEST_RECENT(record_ends_in_timestamp),
		UNIT_TEST_RECENT(record_enoent),
		cmocka_unit_test_teardown(page_fault_gaudi3, unit_close),
		T(razwi), T(register_fd), T(read_events),
		cmocka_unit_test_setup_teardown(control_events, unit_open_control, unit_close),
	};

	return UNIT_MAIN(tests, NULL, NULL);
}
