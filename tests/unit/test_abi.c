/* SPDX-License-Identifier: MIT */
/*
 * The ABI rules of size-prefixed input structs, for every input struct of
 * the API (output structs: test_abi_out.c), and the library version.
 *
 * Reserved fields must be zero (-EINVAL); an older, shorter struct works
 * and its missing fields read as 0; bytes past what the library knows
 * must be zero (-E2BIG); sz below the 8-byte header is -EINVAL; sz above
 * 64 KiB is -E2BIG and nothing is read.  Structs that end exactly where an
 * inaccessible page begins make any read past what the caller declared
 * kill the test.
 */
#include "unit.h"

#define ACCEL (mock_iface == HLA_INTERFACE_ACCEL)
#define CB_HANDLE 0x1000000000005000ull

/* ---- the version ---- */

_Static_assert(HLA_VERSION_CODE(1, 2, 3) == 0x010203, "version code");
_Static_assert(HLA_VERSION == HLA_VERSION_CODE(HLA_VERSION_MAJOR, HLA_VERSION_MINOR,
					       HLA_VERSION_PATCH), "version");
_Static_assert(HLA_CHECK_VERSION(HLA_VERSION_MAJOR, HLA_VERSION_MINOR,
				 HLA_VERSION_PATCH), "this version");
_Static_assert(!HLA_CHECK_VERSION(HLA_VERSION_MAJOR, HLA_VERSION_MINOR,
				  HLA_VERSION_PATCH + 1), "next patch");
_Static_assert(!HLA_CHECK_VERSION(HLA_VERSION_MAJOR, HLA_VERSION_MINOR + 1, 0),
	       "next minor");
_Static_assert(!HLA_CHECK_VERSION(HLA_VERSION_MAJOR + 1, 0, 0), "next major");
_Static_assert(HLA_CHECK_VERSION(1, 0, 0), "the 1.0 ABI");
_Static_assert(HLA_CHECK_VERSION(0, 255, 255), "anything before 1.0");
#if !HLA_CHECK_VERSION(1, 0, 0) || HLA_CHECK_VERSION(HLA_VERSION_MAJOR + 1, 0, 0)
#error "HLA_CHECK_VERSION must work in #if"
#endif

static void version(void **state)
{
	int v = hla_version();

	(void)state;
	assert_int_equal(v, HLA_VERSION);
	assert_int_equal(v >> 16, HLA_VERSION_MAJOR);
	assert_int_equal((v >> 8) & 0xff, HLA_VERSION_MINOR);
	assert_int_equal(v & 0xff, HLA_VERSION_PATCH);
}

/* the input structs have no hidden padding: size = sum of the fields */
_Static_assert(sizeof(struct hla_cs_submit) == 4 + 4 + 8 + 8 + 4 * 4 + 8, "cs_submit");
_Static_assert(sizeof(struct hla_cs_opts) == 4 * 4, "cs_opts");
_Static_assert(sizeof(struct hla_cq_counter) == 4 + 4 + 3 * 8, "cq_counter");
_Static_assert(sizeof(struct hla_dmabuf_export) == 4 + 4 + 4 * 8, "dmabuf_export");
_Static_assert(sizeof(struct hla_debug_etr) == 4 + 4 + 2 * 8, "etr");
_Static_assert(sizeof(struct hla_debug_etf) == 4 + 4 + 2 * 8, "etf");
_Static_assert(sizeof(struct hla_debug_stm) == 4 + 4 + 2 * 8 + 4 + 4, "stm");
_Static_assert(sizeof(struct hla_debug_bmon) == 4 + 4 + 8 * 8 + 4 * 4, "bmon");
_Static_assert(sizeof(struct hla_debug_spmu) == 4 + 4 + 10 * 8 + 4 * 4, "spmu");
_Static_assert(sizeof(struct hla_pkt) == 4 * 4 + 3 * 8 + 6 * 4, "pkt");

static int setup(void **state)
{
	(void)state;
	/* a driver that exports dma-bufs by address: 6.8 accel, 6.5 legacy */
	return unit_open_driver(ACCEL ? &UNIT_UPSTREAM_68 : &UNIT_UPSTREAM_65, mock_iface,
				HLA_ASIC_GAUDI2, 0, &U);
}

/* ---- input structs ---- */

static uint8_t seen[128];     /* what the driver read behind a pointer */
static uint8_t pkt_out[64];   /* hla_pkt_write's output */
static struct hla_cs_chunk chunk;

static int capture_debug(int fd, unsigned long req, void *arg, void *priv)
{
	struct hlk_debug_args *a = arg;

	(void)fd;
	(void)req;
	(void)priv;
	memset(seen, 0, sizeof(seen));
	memcpy(seen, (void *)(uintptr_t)a->input_ptr, a->input_size);
	return 0;
}

struct in_case {
	const char *name;
	size_t size;      /* the library's struct */
	size_t older;     /* an older caller's struct */
	size_t reserved;  /* offset of a reserved u32, 0 if none */
	void (*fill)(void *s);
	int (*call)(const void *s);
	/* what the driver (or the packet) got: full fill, or older struct */
	void (*check)(bool full);
};

static union hlk_cs_args last_cs(void)
{
	union hlk_cs_args a;

	memcpy(&a, mock_ioctl_last()->in, sizeof(a));
	return a;
}

/* hla_cs_submit: a later staged part with a timeout */
static void submit_fill(void *p)
{
	struct hla_cs_submit *s = p;

	s->flags = HLA_CS_STAGED;
	s->execute = &chunk;
	s->num_execute = 1;
	s->timeout_s = 5;
	s->encaps_sig_handle = 9; /* not read without HLA_CS_ENCAP_SIGNALS */
	s->staged_seq = 0x77;
}

static int submit_call(const void *s)
{
	HLA_STRUCT_INIT(hla_cs_out, out);

	return hla_cs_submit(U, s, &out);
}

static void submit_check(bool full)
{
	union hlk_cs_args a = last_cs();

	EXPECT_REQ(HLK_CMD_CS);
	assert_int_equal(a.in.chunks_execute, (uint64_t)(uintptr_t)&chunk);
	assert_int_equal(a.in.num_chunks_execute, 1);
	assert_int_equal(a.in.timeout, full ? 5 : 0);
	assert_int_equal(a.in.seq, full ? 0x77 : 0);
	assert_int_equal(a.in.cs_flags, HLK_CS_FLAGS_STAGED_SUBMISSION |
						(full ? HLK_CS_FLAGS_CUSTOM_TIMEOUT : 0));
}

static void opts_fill(void *p)
{
	struct hla_cs_opts *o = p;

	o->flags = HLA_CS_TIMESTAMP;
	o->timeout_s = 7;
}

static int opts_call(const void *o)
{
	HLA_STRUCT_INIT(hla_cs_out, out);

	return hla_cs_signal(U, 2, o, &out);
}

static void opts_check(bool full)
{
	union hlk_cs_args a = last_cs();

	EXPECT_REQ(HLK_CMD_CS);
	assert_int_equal(a.in.timeout, full ? 7 : 0);
	assert_int_equal(a.in.cs_flags, HLK_CS_FLAGS_SIGNAL | HLK_CS_FLAGS_TIMESTAMP |
						(full ? HLK_CS_FLAGS_CUSTOM_TIMEOUT : 0));
}

static void cq_fill(void *p)
{
	struct hla_cq_counter *c = p;

	c->interrupt_id = 64;
	c->cb_handle = CB_HANDLE;
	c->index = 3;
	c->target = 9;
}

static int cq_call(const void *c)
{
	HLA_STRUCT_INIT(hla_wait_result, r);

	return hla_cq_counter_wait(U, c, 10, &r);
}

static void cq_check(bool full)
{
	union hlk_wait_cs_args a;

	EXPECT_REQ(HLK_CMD_WAIT_CS);
	memcpy(&a, mock_ioctl_last()->in, sizeof(a));
	assert_int_equal(a.in.cq_counters_handle, CB_HANDLE);
	assert_int_equal(a.in.cq_counters_offset, 3);
	assert_int_equal(a.in.flags & HLK_WAIT_CS_FLAGS_INTERRUPT_MASK, 64u << 20);
	assert_int_equal(a.in.target, full ? 9 : 0);
}

/* dma-buf export: the older struct has no handle, which only
 * HLA_DMABUF_BY_HANDLE reads; that the rest still reads right shows */
static void dmabuf_fill(void *p)
{
	struct hla_dmabuf_export *e = p;

	e->flags = HLA_DMABUF_RDONLY;
	e->addr = 0x1001000040000000ull;
	e->offset = ACCEL ? 4096 : 0;
	e->size = 1 << 20;
	e->handle = 0x55;
}

static int dmabuf_call(const void *e)
{
	union hlk_mem_args o;
	int fd = -1, ret;

	memset(&o, 0, sizeof(o));
	o.out.fd = 5;
	mock_ioctl_push_out(&o, sizeof(o));
	ret = hla_mem_export_dmabuf(U, e, &fd);
	assert_int_equal(fd, ret ? -1 : 5);
	return ret;
}

static void dmabuf_check(bool full)
{
	union hlk_mem_args a;

	(void)full;
	EXPECT_REQ(HLK_CMD_MEMORY);
	memcpy(&a, mock_ioctl_last()->in, sizeof(a));
	assert_int_equal(a.in.export_dmabuf_fd.addr, 0x1001000040000000ull);
	assert_int_equal(a.in.export_dmabuf_fd.mem_size, 1 << 20);
	assert_int_equal(a.in.export_dmabuf_fd.offset, ACCEL ? 4096 : 0);
}

static void etr_fill(void *p)
{
	struct hla_debug_etr *e = p;

	e->sink_mode = 3;
	e->buffer_address = 0x1000;
	e->buffer_size = 0x2000;
}

static int etr_call(const void *e)
{
	mock_ioctl_push(capture_debug, NULL);
	return hla_debug_configure_etr(U, 1, HLA_DEBUG_ENABLE, e, NULL, 0);
}

static int etf_call(const void *e)
{
	mock_ioctl_push(capture_debug, NULL);
	return hla_debug_configure_etf(U, 1, HLA_DEBUG_ENABLE, e);
}

/* the ETR and ETF parameter blocks have one layout */
static void etr_check(bool full)
{
	typedef struct hlk_debug_params_etr K;

	EXPECT_FIELD(3, seen, K, sink_mode);
	EXPECT_FIELD(0x1000, seen, K, buffer_address);
	EXPECT_FIELD(full ? 0x2000 : 0, seen, K, buffer_size);
}

static void stm_fill(void *p)
{
	struct hla_debug_stm *s = p;

	s->id = 4;
	s->he_mask = 0xF0;
	s->sp_mask = 0x0F;
	s->frequency = 1000;
}

static int stm_call(const void *s)
{
	mock_ioctl_push(capture_debug, NULL);
	return hla_debug_configure_stm(U, 1, HLA_DEBUG_ENABLE, s);
}

static void stm_check(bool full)
{
	typedef struct hlk_debug_params_stm K;

	EXPECT_FIELD(4, seen, K, id);
	EXPECT_FIELD(0x0F, seen, K, sp_mask);
	EXPECT_FIELD(full ? 1000 : 0, seen, K, frequency);
}

static void bmon_fill(void *p)
{
	struct hla_debug_bmon *b = p;

	b->id = 1;
	b->start_addr0 = 2;
	b->end_addr3 = 3;
	b->bw_win = 4;
	b->win_capture = 5;
	b->control = 6;
}

static int bmon_call(const void *b)
{
	mock_ioctl_push(capture_debug, NULL);
	return hla_debug_configure_bmon(U, 1, HLA_DEBUG_ENABLE, b);
}

static void bmon_check(bool full)
{
	typedef struct hlk_debug_params_bmon K;

	EXPECT_FIELD(1, seen, K, id);
	EXPECT_FIELD(2, seen, K, start_addr0);
	EXPECT_FIELD(3, seen, K, end_addr3);
	EXPECT_FIELD(full ? 4 : 0, seen, K, bw_win);
	EXPECT_FIELD(full ? 5 : 0, seen, K, win_capture);
	EXPECT_FIELD(full ? 6 : 0, seen, K, control);
}

static void spmu_fill(void *p)
{
	struct hla_debug_spmu *s = p;

	s->event_types_num = 2;
	s->event_types[0] = 0x11;
	s->event_types[9] = 0x99;
	s->pmtrc_val = 1;
	s->trc_ctrl_host_val = 2;
	s->trc_en_host_val = 3;
}

static int spmu_call(const void *s)
{
	mock_ioctl_push(capture_debug, NULL);
	return hla_debug_configure_spmu(U, 1, HLA_DEBUG_ENABLE, s, NULL, 0);
}

static void spmu_check(bool full)
{
	typedef struct hlk_debug_params_spmu K;

	EXPECT_FIELD(2, seen, K, event_types_num);
	assert_int_equal(kget(seen, offsetof(K, event_types) + 72, 8), 0x99);
	EXPECT_FIELD(full ? 1 : 0, seen, K, pmtrc_val);
	EXPECT_FIELD(full ? 2 : 0, seen, K, trc_ctrl_host_val);
	EXPECT_FIELD(full ? 3 : 0, seen, K, trc_en_host_val);
}

/* a FENCE: its fields come after an older struct's end */
static void pkt_fill(void *p)
{
	struct hla_pkt *k = p;

	k->opcode = HLA_PKT_OP_FENCE;
	k->flags = HLA_PKT_MB;
	k->fence_id = 2;
	k->fence_target = 5;
	k->fence_dec = 1;
}

static int pkt_call(const void *k)
{
	int n = hla_pkt_write(HLA_ASIC_GAUDI2, k, pkt_out, sizeof(pkt_out));

	return n > 0 ? (n == 8 ? 0 : -1000) : n;
}

static void pkt_check(bool full)
{
	assert_int_equal(kget(pkt_out, 0, 4), full ? 0x80050001u : 0);
	assert_int_equal(kget(pkt_out, 4, 4), 0x88000000u);
}

static const struct in_case in_cases[] = {
	{ "hla_cs_submit", sizeof(struct hla_cs_submit),
	  offsetof(struct hla_cs_submit, timeout_s), 0, submit_fill, submit_call, submit_check },
	{ "hla_cs_opts", sizeof(struct hla_cs_opts), offsetof(struct hla_cs_opts, timeout_s),
	  offsetof(struct hla_cs_opts, reserved0), opts_fill, opts_call, opts_check },
	{ "hla_cq_counter", sizeof(struct hla_cq_counter),
	  offsetof(struct hla_cq_counter, target), 0, cq_fill, cq_call, cq_check },
	{ "hla_dmabuf_export", sizeof(struct hla_dmabuf_export),
	  offsetof(struct hla_dmabuf_export, handle), 0, dmabuf_fill, dmabuf_call, dmabuf_check },
	{ "hla_debug_etr", sizeof(struct hla_debug_etr),
	  offsetof(struct hla_debug_etr, buffer_size), 0, etr_fill, etr_call, etr_check },
	{ "hla_debug_etf", sizeof(struct hla_debug_etf),
	  offsetof(struct hla_debug_etf, buffer_size), 0, etr_fill, etf_call, etr_check },
	{ "hla_debug_stm", sizeof(struct hla_debug_stm),
	  offsetof(struct hla_debug_stm, frequency), offsetof(struct hla_debug_stm, reserved0),
	  stm_fill, stm_call, stm_check },
	{ "hla_debug_bmon", sizeof(struct hla_debug_bmon),
	  offsetof(struct hla_debug_bmon, bw_win), offsetof(struct hla_debug_bmon, reserved0),
	  bmon_fill, bmon_call, bmon_check },
	{ "hla_debug_spmu", sizeof(struct hla_debug_spmu),
	  offsetof(struct hla_debug_spmu, pmtrc_val), offsetof(struct hla_debug_spmu, reserved0),
	  spmu_fill, spmu_call, spmu_check },
	{ "hla_pkt", sizeof(struct hla_pkt), offsetof(struct hla_pkt, fence_id),
	  offsetof(struct hla_pkt, reserved0), pkt_fill, pkt_call, pkt_check },
};

/* the call must fail with want, reach no driver, write no packet */
static void refused(const struct in_case *c, const void *s, int want)
{
	unsigned int n0 = mock_ioctl_count();

	memset(pkt_out, SENTINEL, sizeof(pkt_out));
	assert_int_equal(c->call(s), want);
	assert_int_equal(mock_ioctl_count(), n0);
	assert_true(all_bytes(pkt_out, sizeof(pkt_out), SENTINEL));
	mock_ioctl_drop_pushes();
}

static void accepted(const struct in_case *c, const void *s, bool full)
{
	memset(seen, 0, sizeof(seen));
	memset(pkt_out, 0, sizeof(pkt_out));
	assert_int_equal(c->call(s), 0);
	c->check(full);
	mock_ioctl_drop_pushes();
}

/* a buffer of len bytes holding the filled struct with sz set */
static void *filled(const struct in_case *c, size_t len, uint32_t sz)
{
	uint8_t *b = calloc(1, len);

	assert_non_null(b);
	c->fill(b);
	*(uint32_t *)(void *)b = sz;
	return b;
}

static void run_in_case(const struct in_case *c)
{
	uint8_t *b = filled(c, c->size + 16, (uint32_t)c->size), *g;

	print_message("%s\n", c->name);
	accepted(c, b, true);
	if (c->reserved) {
		memcpy(b + c->reserved, "\xEF\xBE\xAD\xDE", 4);
		refused(c, b, -EINVAL);
		memset(b + c->reserved, 0, 4);
	}
	/* a newer caller: unknown bytes must be zero */
	*(uint32_t *)(void *)b = (uint32_t)c->size + 16;
	accepted(c, b, true);
	b[c->size + 15] = 1;
	refused(c, b, -E2BIG);
	b[c->size + 15] = 0;
	/* an older caller: what follows its struct is never read */
	memset(b + c->older, SENTINEL, c->size + 16 - c->older);
	*(uint32_t *)(void *)b = (uint32_t)c->older;
	accepted(c, b, false);
	for (uint32_t sz = 0; sz < 8; sz += 3) {
		*(uint32_t *)(void *)b = sz;
		refused(c, b, -EINVAL);
	}
	free(b);
	/* the same at the very end of a page */
	b = filled(c, c->size, (uint32_t)c->size);
	g = unit_guarded(c->size);
	memcpy(g, b, c->size);
	accepted(c, g, true);
	*(uint32_t *)(void *)g = UINT32_MAX;
	refused(c, g, -E2BIG);
	*(uint32_t *)(void *)g = 0x10001;
	refused(c, g, -E2BIG);
	unit_guarded_free(g, c->size);
	g = unit_guarded(c->older);
	memcpy(g, b, c->older);
	*(uint32_t *)(void *)g = (uint32_t)c->older;
	accepted(c, g, false);
	unit_guarded_free(g, c->older);
	free(b);
}

static void input_structs(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(in_cases) / sizeof(in_cases[0]); i++)
		run_in_case(&in_cases[i]);
}

/* the largest size a caller may declare: 64 KiB of zero tail is fine */
static void input_largest(void **state)
{
	uint8_t *b = calloc(1, 0x10000);

	(void)state;
	assert_non_null(b);
	for (size_t i = 0; i < sizeof(in_cases) / sizeof(in_cases[0]); i++) {
		const struct in_case *c = &in_cases[i];

		memset(b, 0, 0x10000);
		c->fill(b);
		*(uint32_t *)(void *)b = 0x10000;
		accepted(c, b, true);
		b[0xFFFF] = 1;
		refused(c, b, -E2BIG);
	}
	free(b);
}

/* a struct that is no more than its header, at the end of a page: the
 * library must not look past sz for fields it does not have */
static void header_only(const struct in_case *c)
{
	uint8_t *g = unit_guarded(8);
	int ret;

	for (uint32_t sz = 0; sz < 8; sz += 3) {
		memcpy(g, &sz, 4);
		refused(c, g, -EINVAL);
	}
	/* the first field alone: whatever that means, no fault */
	memcpy(g, &(uint32_t){ 8 }, 4);
	memset(g + 4, 0, 4);
	ret = c->call(g);
	assert_true(ret <= 0);
	mock_ioctl_drop_pushes();
	unit_guarded_free(g, 8);
}

static void input_header_only(void **state)
{
	(void)state;
	/* hla_cs_submit's fast path included: nothing past sz is read */
	for (size_t i = 0; i < sizeof(in_cases) / sizeof(in_cases[0]); i++)
		header_only(&in_cases[i]);
}

int main(int argc, char **argv)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, unit_close)
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(version), T(input_structs), T(input_largest),
		T(input_header_only),
	};
	(void)argc;
	(void)argv;
	return UNIT_MAIN(tests, NULL, NULL);
}
