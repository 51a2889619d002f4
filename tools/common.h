/* SPDX-License-Identifier: MIT */
/*
 * Helpers shared by the command-line tools (hla-info, hla-p2p-copy):
 * size parsing and printing, names for the library's enums, a tiny JSON
 * writer and timing.  Not part of the library.
 */
#ifndef TOOLS_COMMON_H
#define TOOLS_COMMON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <hlaccel/hlaccel.h>

#define TOOLS_ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/*
 * Parse a byte count: decimal or 0x-hex digits, optionally followed by a
 * binary suffix K, M, G or T (also written KiB, MiB, ...; case-insensitive).
 * Returns 0, or -EINVAL for malformed text and -ERANGE for overflow.
 */
int tools_parse_size(const char *text, uint64_t *out);
/* Parse an unsigned integer (decimal or 0x-hex) no larger than max. */
int tools_parse_u64(const char *text, uint64_t max, uint64_t *out);

/* "256 MiB", "1.5 GiB", "4095 B": exact when the value is a whole unit */
void tools_format_size(uint64_t bytes, char *buf, size_t size);

const char *tools_asic_name(uint32_t asic);           /* "GAUDI2", "unknown" */
const char *tools_interface_name(uint32_t interface); /* "accel", "legacy" */
const char *tools_status_name(uint32_t status);       /* "operational", ... */
const char *tools_driver_name(uint32_t driver);       /* "upstream", "habana" */
/* "6.8.0" for an HLA_VERSION_CODE value, "unknown" for 0 */
void tools_format_version(uint32_t code, char *buf, size_t size);

/* name of capability bit (0..63) of hla_device_desc.caps, NULL if unknown */
const char *tools_cap_name(unsigned int bit);
/* the names of the bits set in caps, separated by sep ("none" if none;
 * unknown bits as "bitN"); truncated to fit */
void tools_format_caps(uint64_t caps, const char *sep, char *buf, size_t size);
/* "EOPNOTSUPP" for 95; "E<n>" for numbers without a name here */
const char *tools_errno_name(int err, char *buf, size_t size);

/* CLOCK_MONOTONIC in seconds */
double tools_now(void);

/* Parse a duration in seconds ("2", "0.5"), more than 0 and at most max. */
int tools_parse_seconds(const char *text, double max, double *out);

/* "hla-info (hlaccel) 1.0.0": the library's version, from hla_version() */
void tools_print_version(FILE *f, const char *tool);

/* ---- device selectors -------------------------------------------- */
/*
 * A selector names one device of an enumeration: its index ("1"), its PCI
 * bus id with or without the domain ("0000:19:00.0", "19:00.0") or its
 * module id ("module:3").  tools_check_selector() only checks the syntax
 * (-EINVAL); tools_find_device() returns the device's index, -ENOENT when
 * no device matches.
 */
int tools_check_selector(const char *sel);
int tools_find_device(const char *sel, const struct hla_device_desc *descs, uint32_t n);

/* ---- bandwidth units ----------------------------------------------- */
enum tools_unit { TOOLS_UNIT_GIBS, TOOLS_UNIT_GBS, TOOLS_UNIT_GBITS };
/* "GiB/s", "GB/s" or "Gb/s"; -EINVAL for anything else */
int tools_parse_unit(const char *text, enum tools_unit *out);
const char *tools_unit_name(enum tools_unit u);
/* bytes per second in the unit */
double tools_unit_value(enum tools_unit u, double bytes_per_second);

/* ---- JSON writer ------------------------------------------------- */
/*
 * Streams one JSON document.  Containers nest up to JSON_MAX_DEPTH; commas
 * and indentation are handled here.  key is ignored inside arrays and must
 * be given inside objects.
 */
#define JSON_MAX_DEPTH 16

struct json_writer {
	FILE *f;
	int depth;
	bool first[JSON_MAX_DEPTH];
	bool in_array[JSON_MAX_DEPTH];
};

void json_init(struct json_writer *j, FILE *f);
void json_begin_object(struct json_writer *j, const char *key);
void json_end_object(struct json_writer *j);
void json_begin_array(struct json_writer *j, const char *key);
void json_end_array(struct json_writer *j);
void json_string(struct json_writer *j, const char *key, const char *value);
void json_u64(struct json_writer *j, const char *key, uint64_t value);
void json_i64(struct json_writer *j, const char *key, int64_t value);
void json_double(struct json_writer *j, const char *key, double value);
void json_bool(struct json_writer *j, const char *key, bool value);
void json_null(struct json_writer *j, const char *key);
/* ends the document with a newline */
void json_finish(struct json_writer *j);
/* write s as a JSON string literal (quotes included) */
void json_put_escaped(FILE *f, const char *s);

#endif /* TOOLS_COMMON_H */
