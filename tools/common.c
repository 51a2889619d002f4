/* SPDX-License-Identifier: MIT */
/* Helpers shared by the command-line tools; see common.h. */
#include "common.h"

#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <hlaccel/hlaccel.h>

static int digit_value(char c, unsigned int base)
{
	unsigned int v;

	if (c >= '0' && c <= '9')
		v = (unsigned int)(c - '0');
	else if (c >= 'a' && c <= 'f')
		v = (unsigned int)(c - 'a') + 10;
	else if (c >= 'A' && c <= 'F')
		v = (unsigned int)(c - 'A') + 10;
	else
		return -1;
	return v < base ? (int)v : -1;
}

/* digits only; *end points after the last digit */
static int parse_number(const char *text, uint64_t *out, const char **end)
{
	unsigned int base = 10;
	const char *p = text;
	uint64_t v = 0;
	int d, n = 0;

	if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
		base = 16;
		p += 2;
	}
	while ((d = digit_value(*p, base)) >= 0) {
		if (v > (UINT64_MAX - (uint64_t)d) / base)
			return -ERANGE;
		v = v * base + (uint64_t)d;
		p++;
		n++;
	}
	if (n == 0)
		return -EINVAL;
	*out = v;
	*end = p;
	return 0;
}

int tools_parse_u64(const char *text, uint64_t max, uint64_t *out)
{
	const char *end;
	uint64_t v;
	int rc;

	if (!text)
		return -EINVAL;
	rc = parse_number(text, &v, &end);
	if (rc)
		return rc;
	if (*end)
		return -EINVAL;
	if (v > max)
		return -ERANGE;
	*out = v;
	return 0;
}

int tools_parse_size(const char *text, uint64_t *out)
{
	static const struct {
		const char *suffix;
		unsigned int shift;
	} suffixes[] = {
		{ "", 0 },    { "b", 0 },    { "k", 10 },   { "kib", 10 },
		{ "m", 20 },  { "mib", 20 }, { "g", 30 },   { "gib", 30 },
		{ "t", 40 },  { "tib", 40 },
	};
	const char *end;
	uint64_t v;
	size_t i;
	int rc;

	if (!text)
		return -EINVAL;
	rc = parse_number(text, &v, &end);
	if (rc)
		return rc;
	for (i = 0; i < TOOLS_ARRAY_SIZE(suffixes); i++) {
		unsigned int s = suffixes[i].shift;

		if (strcasecmp(end, suffixes[i].suffix) != 0)
			continue;
		if (s && v > (UINT64_MAX >> s))
			return -ERANGE;
		*out = v << s;
		return 0;
	}
	return -EINVAL;
}

void tools_format_size(uint64_t bytes, char *buf, size_t size)
{
	static const char *const units[] = { "KiB", "MiB", "GiB", "TiB" };
	int u = -1;
	double v = (double)bytes;

	while (u + 1 < (int)TOOLS_ARRAY_SIZE(units) && v >= 1024.0) {
		v /= 1024.0;
		u++;
	}
	if (u < 0)
		snprintf(buf, size, "%" PRIu64 " B", bytes);
	else if (bytes % (1ull << (10 * (u + 1))) == 0)
		snprintf(buf, size, "%" PRIu64 " %s", bytes >> (10 * (u + 1)),
			 units[u]);
	else
		snprintf(buf, size, "%.2f %s", v, units[u]);
}

const char *tools_asic_name(uint32_t asic)
{
	switch (asic) {
	case HLA_ASIC_GOYA: return "GOYA";
	case HLA_ASIC_GAUDI: return "GAUDI";
	case HLA_ASIC_GAUDI_SEC: return "GAUDI SEC";
	case HLA_ASIC_GAUDI2: return "GAUDI2";
	case HLA_ASIC_GAUDI2B: return "GAUDI2B";
	case HLA_ASIC_GAUDI2C: return "GAUDI2C";
	case HLA_ASIC_GAUDI2D: return "GAUDI2D";
	case HLA_ASIC_GAUDI2E: return "GAUDI2E";
	case HLA_ASIC_GAUDI3: return "GAUDI3";
	case HLA_ASIC_GAUDI3D: return "GAUDI3D";
	case HLA_ASIC_GAUDI3E: return "GAUDI3E";
	default: return "unknown";
	}
}

const char *tools_interface_name(uint32_t interface)
{
	switch (interface) {
	case HLA_INTERFACE_ACCEL: return "accel";
	case HLA_INTERFACE_LEGACY: return "legacy";
	default: return "unknown";
	}
}

const char *tools_status_name(uint32_t status)
{
	switch (status) {
	case HLA_DEVICE_STATUS_OPERATIONAL: return "operational";
	case HLA_DEVICE_STATUS_IN_RESET: return "in reset";
	case HLA_DEVICE_STATUS_MALFUNCTION: return "disabled";
	case HLA_DEVICE_STATUS_NEEDS_RESET: return "needs reset";
	case HLA_DEVICE_STATUS_IN_DEVICE_CREATION: return "in device creation";
	case HLA_DEVICE_STATUS_IN_RESET_AFTER_DEVICE_RELEASE:
		return "in reset after device release";
	default: return "unknown";
	}
}

const char *tools_driver_name(uint32_t driver)
{
	switch (driver) {
	case HLA_DRIVER_UPSTREAM: return "upstream";
	case HLA_DRIVER_HABANA: return "habana";
	default: return "unknown";
	}
}

void tools_format_version(uint32_t code, char *buf, size_t size)
{
	if (code)
		snprintf(buf, size, "%u.%u.%u", code >> 16, (code >> 8) & 0xff,
			 code & 0xff);
	else
		snprintf(buf, size, "unknown");
}

const char *tools_cap_name(unsigned int bit)
{
	static const char *const names[] = {
		"dmabuf_addr", "dmabuf_offset", "dmabuf_handle", "dmabuf_phys",
		"razwi_ext", "engines", "flush_hbw", "info_page_fault",
		"info_err_events", "info_dev_signed", "eventfd_control",
		"hw_ip_ext", "hw_idle_ext", "time_sync_tsc", "habana_ext",
		"info_habana", "info_fw_req", "info_engine_err", "mem_odp",
		"debug_habana", "flush_hbw_fse",
	};

	return bit < TOOLS_ARRAY_SIZE(names) ? names[bit] : NULL;
}

void tools_format_caps(uint64_t caps, const char *sep, char *buf, size_t size)
{
	size_t len = 0;
	unsigned int b;

	if (!size)
		return;
	buf[0] = '\0';
	if (!caps) {
		snprintf(buf, size, "none");
		return;
	}
	for (b = 0; b < 64 && len + 1 < size; b++) {
		const char *name = tools_cap_name(b);
		int n;

		if (!(caps & (1ull << b)))
			continue;
		if (name)
			n = snprintf(buf + len, size - len, "%s%s", len ? sep : "", name);
		else
			n = snprintf(buf + len, size - len, "%sbit%u", len ? sep : "", b);
		if (n < 0 || (size_t)n >= size - len) {
			buf[len] = '\0'; /* no half names */
			break;
		}
		len += (size_t)n;
	}
}

const char *tools_errno_name(int err, char *buf, size_t size)
{
	static const struct {
		int err;
		const char *name;
	} names[] = {
		{ EPERM, "EPERM" },     { ENOENT, "ENOENT" },
		{ EINTR, "EINTR" },     { EIO, "EIO" },
		{ ENXIO, "ENXIO" },     { E2BIG, "E2BIG" },
		{ EBADF, "EBADF" },     { EAGAIN, "EAGAIN" },
		{ ENOMEM, "ENOMEM" },   { EACCES, "EACCES" },
		{ EFAULT, "EFAULT" },   { EBUSY, "EBUSY" },
		{ EEXIST, "EEXIST" },   { ENODEV, "ENODEV" },
		{ EINVAL, "EINVAL" },   { ENOTTY, "ENOTTY" },
		{ ENOSPC, "ENOSPC" },   { ERANGE, "ERANGE" },
		{ ENOSYS, "ENOSYS" },   { ENODATA, "ENODATA" },
		{ ETIMEDOUT, "ETIMEDOUT" },
		{ EOPNOTSUPP, "EOPNOTSUPP" },
		{ ECANCELED, "ECANCELED" },
	};
	size_t i;

	if (err < 0)
		err = -err;
	for (i = 0; i < TOOLS_ARRAY_SIZE(names); i++)
		if (names[i].err == err)
			return names[i].name;
	snprintf(buf, size, "E%d", err);
	return buf;
}

double tools_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

int tools_parse_seconds(const char *text, double max, double *out)
{
	char *end;
	double v;

	if (!text || !*text || *text == '-' || *text == '+' || *text == ' ')
		return -EINVAL;
	errno = 0;
	v = strtod(text, &end);
	if (errno || *end || end == text || !isfinite(v) || !(v > 0.0))
		return -EINVAL;
	if (v > max)
		return -ERANGE;
	*out = v;
	return 0;
}

void tools_print_version(FILE *f, const char *tool)
{
	int v = hla_version();

	fprintf(f, "%s (hlaccel) %d.%d.%d\n", tool, (v >> 16) & 0xffff, (v >> 8) & 0xff,
		v & 0xff);
}

/* ---- device selectors -------------------------------------------- */

static bool all_digits(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return false;
	return true;
}

static bool hex_run(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!isxdigit((unsigned char)s[i]))
			return false;
	return true;
}

/* "BB:DD.F" or "DDDD:BB:DD.F" */
static bool is_bus_id(const char *s)
{
	size_t len = strlen(s);

	if (len == 12 && hex_run(s, 4) && s[4] == ':')
		s += 5;
	else if (len != 7)
		return false;
	return hex_run(s, 2) && s[2] == ':' && hex_run(s + 3, 2) && s[5] == '.' &&
	       s[6] >= '0' && s[6] <= '7';
}

int tools_check_selector(const char *sel)
{
	uint64_t v;

	if (!sel)
		return -EINVAL;
	if (!strncmp(sel, "module:", 7))
		return all_digits(sel + 7) && !tools_parse_u64(sel + 7, UINT32_MAX, &v)
			       ? 0 : -EINVAL;
	if (all_digits(sel))
		return tools_parse_u64(sel, UINT32_MAX, &v) ? -EINVAL : 0;
	return is_bus_id(sel) ? 0 : -EINVAL;
}

static bool bus_id_matches(const char *sel, const char *bus_id)
{
	/* without a domain the selector matches any domain's device */
	if (strlen(sel) == 7)
		return strlen(bus_id) == 12 && !strcasecmp(bus_id + 5, sel);
	return !strcasecmp(bus_id, sel);
}

int tools_find_device(const char *sel, const struct hla_device_desc *descs, uint32_t n)
{
	uint64_t v = 0;
	uint32_t i;

	if (tools_check_selector(sel))
		return -EINVAL;
	if (all_digits(sel)) {
		tools_parse_u64(sel, UINT32_MAX, &v);
		return v < n ? (int)v : -ENOENT;
	}
	for (i = 0; i < n; i++) {
		const struct hla_device_desc *d = &descs[i];

		if (!strncmp(sel, "module:", 7)) {
			tools_parse_u64(sel + 7, UINT32_MAX, &v);
			if ((d->valid & HLA_DESC_MODULE_ID) && d->module_id == v)
				return (int)i;
		} else if ((d->valid & HLA_DESC_PCI_BUS_ID) &&
			   bus_id_matches(sel, d->pci_bus_id)) {
			return (int)i;
		}
	}
	return -ENOENT;
}

/* ---- bandwidth units ----------------------------------------------- */

static const char *const unit_names[] = { "GiB/s", "GB/s", "Gb/s" };

int tools_parse_unit(const char *text, enum tools_unit *out)
{
	for (size_t i = 0; i < TOOLS_ARRAY_SIZE(unit_names); i++) {
		if (text && !strcmp(text, unit_names[i])) {
			*out = (enum tools_unit)i;
			return 0;
		}
	}
	return -EINVAL;
}

const char *tools_unit_name(enum tools_unit u)
{
	return (unsigned int)u < TOOLS_ARRAY_SIZE(unit_names) ? unit_names[u] : "?";
}

double tools_unit_value(enum tools_unit u, double bytes_per_second)
{
	switch (u) {
	case TOOLS_UNIT_GBS:
		return bytes_per_second / 1e9;
	case TOOLS_UNIT_GBITS:
		return bytes_per_second * 8.0 / 1e9;
	default:
		return bytes_per_second / (1024.0 * 1024.0 * 1024.0);
	}
}

/* ---- JSON -------------------------------------------------------- */

/* length of a valid UTF-8 sequence at s, 0 if invalid */
static size_t utf8_seq_len(const unsigned char *s)
{
	size_t n, i;
	uint32_t cp;

	if (s[0] < 0x80)
		return 1;
	if ((s[0] & 0xE0) == 0xC0) {
		n = 2;
		cp = s[0] & 0x1F;
	} else if ((s[0] & 0xF0) == 0xE0) {
		n = 3;
		cp = s[0] & 0x0F;
	} else if ((s[0] & 0xF8) == 0xF0) {
		n = 4;
		cp = s[0] & 0x07;
	} else {
		return 0;
	}
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3F);
	}
	/* reject overlong forms, surrogates and values past U+10FFFF */
	if ((n == 2 && cp < 0x80) || (n == 3 && cp < 0x800) ||
	    (n == 4 && cp < 0x10000) || cp > 0x10FFFF ||
	    (cp >= 0xD800 && cp <= 0xDFFF))
		return 0;
	return n;
}

void json_put_escaped(FILE *f, const char *str)
{
	const unsigned char *s = (const unsigned char *)str;

	putc('"', f);
	while (*s) {
		size_t n;

		switch (*s) {
		case '"': fputs("\\\"", f); s++; continue;
		case '\\': fputs("\\\\", f); s++; continue;
		case '\n': fputs("\\n", f); s++; continue;
		case '\r': fputs("\\r", f); s++; continue;
		case '\t': fputs("\\t", f); s++; continue;
		default: break;
		}
		if (*s < 0x20 || *s == 0x7F) {
			fprintf(f, "\\u%04x", *s);
			s++;
			continue;
		}
		n = utf8_seq_len(s);
		if (n == 0) {
			/* not UTF-8: keep the document valid */
			fputs("\\ufffd", f);
			s++;
			continue;
		}
		fwrite(s, 1, n, f);
		s += n;
	}
	putc('"', f);
}

void json_init(struct json_writer *j, FILE *f)
{
	memset(j, 0, sizeof(*j));
	j->f = f;
	j->depth = 0;
	j->first[0] = true;
}

static void json_indent(struct json_writer *j)
{
	int i;

	putc('\n', j->f);
	for (i = 0; i < j->depth; i++)
		fputs("  ", j->f);
}

/* separator, indentation and key of the next value */
static void json_prefix(struct json_writer *j, const char *key)
{
	if (j->depth == 0) {
		j->first[0] = false;
		return;
	}
	if (!j->first[j->depth])
		putc(',', j->f);
	j->first[j->depth] = false;
	json_indent(j);
	if (!j->in_array[j->depth]) {
		json_put_escaped(j->f, key ? key : "");
		fputs(": ", j->f);
	}
}

static void json_open(struct json_writer *j, const char *key, char c,
		      bool array)
{
	json_prefix(j, key);
	putc(c, j->f);
	if (j->depth + 1 < JSON_MAX_DEPTH) {
		j->depth++;
		j->first[j->depth] = true;
		j->in_array[j->depth] = array;
	}
}

static void json_close(struct json_writer *j, char c)
{
	bool empty = j->first[j->depth];

	if (j->depth > 0)
		j->depth--;
	if (!empty)
		json_indent(j);
	putc(c, j->f);
}

void json_begin_object(struct json_writer *j, const char *key)
{
	json_open(j, key, '{', false);
}

void json_end_object(struct json_writer *j)
{
	json_close(j, '}');
}

void json_begin_array(struct json_writer *j, const char *key)
{
	json_open(j, key, '[', true);
}

void json_end_array(struct json_writer *j)
{
	json_close(j, ']');
}

void json_string(struct json_writer *j, const char *key, const char *value)
{
	json_prefix(j, key);
	json_put_escaped(j->f, value ? value : "");
}

void json_u64(struct json_writer *j, const char *key, uint64_t value)
{
	json_prefix(j, key);
	fprintf(j->f, "%" PRIu64, value);
}

void json_i64(struct json_writer *j, const char *key, int64_t value)
{
	json_prefix(j, key);
	fprintf(j->f, "%" PRId64, value);
}

void json_double(struct json_writer *j, const char *key, double value)
{
	json_prefix(j, key);
	if (isfinite(value))
		fprintf(j->f, "%.9g", value);
	else
		fputs("null", j->f);
}

void json_bool(struct json_writer *j, const char *key, bool value)
{
	json_prefix(j, key);
	fputs(value ? "true" : "false", j->f);
}

void json_null(struct json_writer *j, const char *key)
{
	json_prefix(j, key);
	fputs("null", j->f);
}

void json_finish(struct json_writer *j)
{
	putc('\n', j->f);
	fflush(j->f);
}
