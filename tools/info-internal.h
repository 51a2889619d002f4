/* SPDX-License-Identifier: MIT */
/* The parts of hla-info: options and flow (info.c), the detailed report
 * (info-report.c) and the monitor table and queries (info-monitor.c). */
#ifndef INFO_INTERNAL_H
#define INFO_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include <hlaccel/hlaccel.h>

#define INFO_MAX_FIELDS 32

enum info_mode {
	INFO_MODE_TABLE,   /* one line per device (default) */
	INFO_MODE_LIST,    /* the enumeration only, nothing opened */
	INFO_MODE_DETAILS, /* everything INFO and sysfs report */
	INFO_MODE_QUERY,   /* --query FIELD,... */
};

struct info_opts {
	enum info_mode mode;
	bool json;
	bool verbose;
	bool csv_header;
	bool csv_units;
	const char *select; /* -i SEL[,SEL...], NULL: every device */
	double loop;        /* seconds between snapshots, 0: one snapshot */
	unsigned int fields[INFO_MAX_FIELDS];
	unsigned int nfields;
};

/* one look at the devices */
struct info_snapshot {
	struct hla_devlist *list;
	uint32_t count;
	struct hla_device_desc *descs;
	bool *selected;
};

/* the detailed report or the list, as text or JSON; returns an exit code */
int info_report(const struct info_opts *o, const struct info_snapshot *s, FILE *out,
		FILE *err);

/* --query field names: 0, or -EINVAL with the bad name in *bad */
int info_parse_fields(struct info_opts *o, const char *text, char *bad, size_t bad_size);
void info_print_fields(FILE *f);

/*
 * The monitor's views; redraw: each line ends by clearing the rest of the
 * terminal line, and the last one clears the rest of the screen.
 * Return an exit code.
 */
int info_table(const struct info_opts *o, const struct info_snapshot *s, FILE *out,
	       FILE *err, bool redraw);
int info_query(const struct info_opts *o, const struct info_snapshot *s, FILE *out,
	       FILE *err, bool header);

#endif /* INFO_INTERNAL_H */
