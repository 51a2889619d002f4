/* SPDX-License-Identifier: MIT */
/* Unit test of the tools' helpers: size parsing and printing, names of the
 * library's values, JSON output. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hlaccel/hlaccel.h>

#include "common.h"

static int failures;

#define CHECK(cond)                                                           \
	do {                                                                  \
		if (!(cond)) {                                                \
			fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, \
				__LINE__, #cond);                             \
			failures++;                                           \
		}                                                             \
	} while (0)

static void check_size(const char *text, int rc, uint64_t value)
{
	uint64_t v = 12345;
	int got = tools_parse_size(text, &v);

	if (got != rc || (rc == 0 && v != value)) {
		fprintf(stderr, "tools_parse_size(\"%s\") = %d, %llu; want %d, %llu\n",
			text, got, (unsigned long long)v, rc, (unsigned long long)value);
		failures++;
	}
}

/* run fn writing to a memory stream, return what it wrote */
static char *capture(void (*fn)(FILE *f))
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	if (!f)
		abort();
	fn(f);
	fclose(f);
	return buf;
}

static void escape_sample(FILE *f)
{
	json_put_escaped(f, "a\"b\\c\n\x01\xc3\xa9\xff" "end");
}

static void document_sample(FILE *f)
{
	struct json_writer j;

	json_init(&j, f);
	json_begin_object(&j, NULL);
	json_u64(&j, "n", 18446744073709551615ull);
	json_i64(&j, "neg", -5);
	json_begin_array(&j, "list");
	json_string(&j, NULL, "x");
	json_bool(&j, NULL, true);
	json_null(&j, NULL);
	json_end_array(&j);
	json_begin_object(&j, "empty");
	json_end_object(&j);
	json_double(&j, "d", 0.5);
	json_end_object(&j);
	json_finish(&j);
}

/* the name of a capability, looked up by its mask */
static const char *cap(uint64_t mask)
{
	return tools_cap_name((unsigned int)__builtin_ctzll(mask));
}

static void check_names(void)
{
	char buf[64];

	CHECK(!strcmp(tools_asic_name(HLA_ASIC_GAUDI2E), "GAUDI2E"));
	CHECK(!strcmp(tools_asic_name(HLA_ASIC_GAUDI_SEC), "GAUDI SEC"));
	CHECK(!strcmp(tools_asic_name(77), "unknown"));
	CHECK(!strcmp(tools_driver_name(HLA_DRIVER_UPSTREAM), "upstream"));
	CHECK(!strcmp(tools_driver_name(HLA_DRIVER_HABANA), "habana"));
	CHECK(!strcmp(tools_driver_name(HLA_DRIVER_UNKNOWN), "unknown"));
	tools_format_version(HLA_VERSION_CODE(6, 8, 12), buf, sizeof(buf));
	CHECK(!strcmp(buf, "6.8.12"));
	tools_format_version(0, buf, sizeof(buf));
	CHECK(!strcmp(buf, "unknown"));

	/* every capability of the header has its own name */
	CHECK(!strcmp(cap(HLA_CAP_DMABUF_ADDR), "dmabuf_addr"));
	CHECK(!strcmp(cap(HLA_CAP_DMABUF_OFFSET), "dmabuf_offset"));
	CHECK(!strcmp(cap(HLA_CAP_DMABUF_HANDLE), "dmabuf_handle"));
	CHECK(!strcmp(cap(HLA_CAP_DMABUF_PHYS), "dmabuf_phys"));
	CHECK(!strcmp(cap(HLA_CAP_RAZWI_EXT), "razwi_ext"));
	CHECK(!strcmp(cap(HLA_CAP_ENGINES), "engines"));
	CHECK(!strcmp(cap(HLA_CAP_FLUSH_HBW), "flush_hbw"));
	CHECK(!strcmp(cap(HLA_CAP_INFO_PAGE_FAULT), "info_page_fault"));
	CHECK(!strcmp(cap(HLA_CAP_INFO_ERR_EVENTS), "info_err_events"));
	CHECK(!strcmp(cap(HLA_CAP_INFO_DEV_SIGNED), "info_dev_signed"));
	CHECK(!strcmp(cap(HLA_CAP_EVENTFD_CONTROL), "eventfd_control"));
	CHECK(!strcmp(cap(HLA_CAP_HW_IP_EXT), "hw_ip_ext"));
	CHECK(!strcmp(cap(HLA_CAP_HW_IDLE_EXT), "hw_idle_ext"));
	CHECK(!strcmp(cap(HLA_CAP_TIME_SYNC_TSC), "time_sync_tsc"));
	CHECK(!strcmp(cap(HLA_CAP_HABANA_EXT), "habana_ext"));
	CHECK(tools_cap_name(63) == NULL);

	tools_format_caps(0, " ", buf, sizeof(buf));
	CHECK(!strcmp(buf, "none"));
	tools_format_caps(HLA_CAP_ENGINES | HLA_CAP_DMABUF_ADDR | (1ull << 40), ", ", buf,
			  sizeof(buf));
	CHECK(!strcmp(buf, "dmabuf_addr, engines, bit40"));
	/* a name that does not fit is left out whole */
	tools_format_caps(HLA_CAP_DMABUF_ADDR | HLA_CAP_INFO_ERR_EVENTS, " ", buf, 20);
	CHECK(!strcmp(buf, "dmabuf_addr"));
}

static void check_selectors(void)
{
	struct hla_device_desc d[3];
	enum tools_unit u;
	double sec;

	memset(d, 0, sizeof(d));
	for (unsigned int i = 0; i < 3; i++) {
		d[i].index = i;
		d[i].valid = HLA_DESC_PCI_BUS_ID | (i < 2 ? HLA_DESC_MODULE_ID : 0);
		d[i].module_id = 7 - i;
		snprintf(d[i].pci_bus_id, sizeof(d[i].pci_bus_id), "000%u:%02x:00.0", i,
			 0x19 + 0x10 * i);
	}
	CHECK(tools_check_selector("2") == 0);
	CHECK(tools_check_selector("19:00.0") == 0);
	CHECK(tools_check_selector("0000:19:00.0") == 0);
	CHECK(tools_check_selector("module:3") == 0);
	CHECK(tools_check_selector("x") == -EINVAL);
	CHECK(tools_check_selector("") == -EINVAL);
	CHECK(tools_check_selector("-1") == -EINVAL);
	CHECK(tools_check_selector("19:00") == -EINVAL);
	CHECK(tools_check_selector("19:00.8") == -EINVAL);
	CHECK(tools_check_selector("00000:19:00.0") == -EINVAL);
	CHECK(tools_check_selector("module:") == -EINVAL);
	CHECK(tools_check_selector("module:x") == -EINVAL);
	CHECK(tools_check_selector("99999999999") == -EINVAL);
	CHECK(tools_find_device("1", d, 3) == 1);
	CHECK(tools_find_device("3", d, 3) == -ENOENT);
	CHECK(tools_find_device("0002:39:00.0", d, 3) == 2);
	CHECK(tools_find_device("29:00.0", d, 3) == 1);
	CHECK(tools_find_device("0001:29:00.0", d, 3) == 1);
	CHECK(tools_find_device("0000:29:00.0", d, 3) == -ENOENT);
	CHECK(tools_find_device("29:00.1", d, 3) == -ENOENT);
	CHECK(tools_find_device("module:6", d, 3) == 1);
	/* device 2 has no module id: module:5 names nothing */
	CHECK(tools_find_device("module:5", d, 3) == -ENOENT);
	CHECK(tools_find_device("bogus", d, 3) == -EINVAL);

	CHECK(tools_parse_unit("GB/s", &u) == 0 && u == TOOLS_UNIT_GBS);
	CHECK(tools_parse_unit("gb/s", &u) == -EINVAL);
	CHECK(tools_unit_value(TOOLS_UNIT_GIBS, 2.0 * (1 << 30)) == 2.0);
	CHECK(tools_unit_value(TOOLS_UNIT_GBS, 3e9) == 3.0);
	CHECK(tools_unit_value(TOOLS_UNIT_GBITS, 1e9) == 8.0);
	CHECK(!strcmp(tools_unit_name(TOOLS_UNIT_GBITS), "Gb/s"));

	CHECK(tools_parse_seconds("0.5", 10, &sec) == 0 && sec == 0.5);
	CHECK(tools_parse_seconds("2", 10, &sec) == 0 && sec == 2.0);
	CHECK(tools_parse_seconds("0", 10, &sec) == -EINVAL);
	CHECK(tools_parse_seconds("-1", 10, &sec) == -EINVAL);
	CHECK(tools_parse_seconds("1s", 10, &sec) == -EINVAL);
	CHECK(tools_parse_seconds("nan", 10, &sec) == -EINVAL);
	CHECK(tools_parse_seconds("11", 10, &sec) == -ERANGE);
}

int main(void)
{
	char buf[64], num[16];
	char *s;
	uint64_t v;

	check_size("0", 0, 0);
	check_size("4096", 0, 4096);
	check_size("0x1000", 0, 4096);
	check_size("4K", 0, 4096);
	check_size("4k", 0, 4096);
	check_size("256M", 0, 256ull << 20);
	check_size("256MiB", 0, 256ull << 20);
	check_size("2G", 0, 2ull << 30);
	check_size("1T", 0, 1ull << 40);
	check_size("7b", 0, 7);
	check_size("", -EINVAL, 0);
	check_size("M", -EINVAL, 0);
	check_size("12Q", -EINVAL, 0);
	check_size("1.5G", -EINVAL, 0);
	check_size("-1", -EINVAL, 0);
	check_size("1 M", -EINVAL, 0);
	check_size("99999999999999999999", -ERANGE, 0);
	check_size("17179869184G", -ERANGE, 0);

	CHECK(tools_parse_u64("10", 10, &v) == 0 && v == 10);
	CHECK(tools_parse_u64("11", 10, &v) == -ERANGE);
	CHECK(tools_parse_u64("1x", 10, &v) == -EINVAL);

	tools_format_size(1000, buf, sizeof(buf));
	CHECK(!strcmp(buf, "1000 B"));
	tools_format_size(5000005, buf, sizeof(buf));
	CHECK(!strcmp(buf, "4.77 MiB"));
	tools_format_size(256ull << 20, buf, sizeof(buf));
	CHECK(!strcmp(buf, "256 MiB"));
	tools_format_size(3ull << 29, buf, sizeof(buf));
	CHECK(!strcmp(buf, "1.50 GiB"));

	check_names();
	check_selectors();

	CHECK(!strcmp(tools_errno_name(EOPNOTSUPP, num, sizeof(num)), "EOPNOTSUPP"));
	CHECK(!strcmp(tools_errno_name(-EBUSY, num, sizeof(num)), "EBUSY"));
	CHECK(!strcmp(tools_errno_name(4000, num, sizeof(num)), "E4000"));

	/* quotes, backslash, control bytes, valid UTF-8 kept, invalid replaced */
	s = capture(escape_sample);
	CHECK(!strcmp(s, "\"a\\\"b\\\\c\\n\\u0001\xc3\xa9\\ufffdend\""));
	free(s);

	s = capture(document_sample);
	CHECK(!strcmp(s, "{\n  \"n\": 18446744073709551615,\n  \"neg\": -5,\n"
			 "  \"list\": [\n    \"x\",\n    true,\n    null\n  ],\n"
			 "  \"empty\": {},\n  \"d\": 0.5\n}\n"));
	free(s);

	if (failures)
		fprintf(stderr, "%d check(s) failed\n", failures);
	return failures ? 1 : 0;
}
