/* SPDX-License-Identifier: MIT */
/*
 * hla-info: a monitor of habanalabs devices.  By default one line per
 * device; --query prints chosen fields as CSV for scripts, --loop repeats
 * either every few seconds, --list and --details (or --json) show the
 * enumeration and everything the driver reports.  Devices are only ever
 * opened through their control node, so a workload holding the compute
 * node is never disturbed.
 */
#include "info.h"
#include "info-internal.h"

#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "common.h"

#define LOOP_MAX_S 86400.0
/* clear the screen once, when watching starts */
#define TERM_CLEAR "\033[H\033[2J"

/* set by SIGINT/SIGTERM while --loop runs */
static volatile sig_atomic_t stop_signal;

static void usage(FILE *f)
{
	fputs("Usage: hla-info [options]\n"
	      "Monitor habanalabs devices: one line per device by default.\n"
	      "\n"
	      "  -i, --id SEL[,SEL...]    devices to show: index, PCI bus id (with or\n"
	      "                           without the domain) or module:ID\n"
	      "  -Q, --query FIELD,...    print these fields (see --help-query)\n"
	      "  -f, --format FORMAT      csv[,noheader][,nounits] (with --query)\n"
	      "  -l, --loop SECONDS       repeat every SECONDS until interrupted\n"
	      "  -L, --list               only the device list (opens nothing)\n"
	      "  -q, --details            everything INFO and sysfs report\n"
	      "  -j, --json               the detailed report (or --list) as JSON\n"
	      "  -v, --verbose            details also show engine status and events\n"
	      "  -d, --device SEL         same as --id\n"
	      "      --help-query         the fields --query knows\n"
	      "  -h, --help               this text\n"
	      "  -V, --version            library version\n"
	      "\n"
	      "Exit status: 0 ok, 1 usage, 2 no device, 3 permission denied,\n"
	      "4 device busy or not operational, 5 out of memory.\n", f);
}

/* -i: every selector well formed; 0 or -EINVAL with the bad one in err */
static int check_selectors(const char *list, FILE *err)
{
	char *copy = strdup(list), *save = NULL, *sel;
	int rc = 0;

	if (!copy)
		return -ENOMEM;
	for (sel = strtok_r(copy, ",", &save); sel; sel = strtok_r(NULL, ",", &save)) {
		if (tools_check_selector(sel)) {
			fprintf(err, "hla-info: invalid device selector '%s' (an index, a "
				"PCI bus id or module:ID)\n", sel);
			rc = -EINVAL;
			break;
		}
	}
	if (!rc && !strtok_r(strcpy(copy, list), ",", &save)) {
		fprintf(err, "hla-info: empty device selector\n");
		rc = -EINVAL;
	}
	free(copy);
	return rc;
}

static int parse_format(struct info_opts *o, const char *text, FILE *err)
{
	char *copy = strdup(text), *save = NULL, *w;
	bool csv = false;
	int rc = 0;

	if (!copy)
		return -ENOMEM;
	for (w = strtok_r(copy, ",", &save); w && !rc; w = strtok_r(NULL, ",", &save)) {
		if (!strcmp(w, "csv"))
			csv = true;
		else if (!strcmp(w, "noheader"))
			o->csv_header = false;
		else if (!strcmp(w, "nounits"))
			o->csv_units = false;
		else
			rc = -EINVAL;
	}
	if (rc || !csv)
		fprintf(err, "hla-info: invalid format '%s' (csv[,noheader][,nounits])\n",
			text);
	free(copy);
	return rc || !csv ? -EINVAL : 0;
}

/* options with a value; 0 or an exit code */
static int parse_value(struct info_opts *o, int c, const char *arg, FILE *err)
{
	char bad[64];
	int rc;

	switch (c) {
	case 'i':
	case 'd':
		o->select = arg;
		rc = check_selectors(arg, err);
		break;
	case 'Q':
		o->mode = INFO_MODE_QUERY;
		rc = info_parse_fields(o, arg, bad, sizeof(bad));
		if (rc == -EINVAL)
			fprintf(err, "hla-info: unknown field '%s' in --query "
				"(see --help-query)\n", bad);
		break;
	case 'f':
		rc = parse_format(o, arg, err);
		break;
	default: /* 'l' */
		rc = tools_parse_seconds(arg, LOOP_MAX_S, &o->loop);
		if (rc)
			fprintf(err, "hla-info: invalid interval '%s' (seconds, more than 0 "
				"and at most %.0f)\n", arg, LOOP_MAX_S);
		break;
	}
	if (rc == -ENOMEM)
		fprintf(err, "hla-info: out of memory\n");
	return rc == -ENOMEM ? INFO_EXIT_NO_MEMORY : rc ? INFO_EXIT_USAGE : 0;
}

/* one option: 0 to go on, -1 to stop with success, or an exit code */
static int parse_one(struct info_opts *o, int c, char **argv, FILE *out, FILE *err)
{
	switch (c) {
	case 'i': case 'd': case 'Q': case 'f': case 'l':
		return parse_value(o, c, optarg, err);
	case 'L':
		o->mode = INFO_MODE_LIST;
		return 0;
	case 'q':
		o->mode = INFO_MODE_DETAILS;
		return 0;
	case 'j':
		o->json = true;
		return 0;
	case 'v':
		o->verbose = true;
		return 0;
	case 'F':
		info_print_fields(out);
		return -1;
	case 'h':
		usage(out);
		return -1;
	case 'V':
		tools_print_version(out, "hla-info");
		return -1;
	case ':':
		fprintf(err, "hla-info: option '%s' needs an argument\n", argv[optind - 1]);
		return INFO_EXIT_USAGE;
	default:
		fprintf(err, "hla-info: unknown option '%s' (see --help)\n", argv[optind - 1]);
		return INFO_EXIT_USAGE;
	}
}

/* Returns -1 to go on, or the exit code. */
static int parse_args(struct info_opts *o, int argc, char **argv, FILE *out, FILE *err)
{
	static const struct option longopts[] = {
		{ "id", required_argument, NULL, 'i' },
		{ "device", required_argument, NULL, 'd' },
		{ "query", required_argument, NULL, 'Q' },
		{ "format", required_argument, NULL, 'f' },
		{ "loop", required_argument, NULL, 'l' },
		{ "list", no_argument, NULL, 'L' },
		{ "details", no_argument, NULL, 'q' },
		{ "json", no_argument, NULL, 'j' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help-query", no_argument, NULL, 'F' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	int c, rc;

	o->csv_header = o->csv_units = true;
	optind = 0; /* allow repeated calls in one process */
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":i:d:Q:f:l:LqjvhV", longopts, NULL)) != -1) {
		rc = parse_one(o, c, argv, out, err);
		if (rc)
			return rc < 0 ? INFO_EXIT_OK : rc;
	}
	if (optind < argc) {
		fprintf(err, "hla-info: unexpected argument '%s' (see --help)\n", argv[optind]);
		return INFO_EXIT_USAGE;
	}
	if (o->json && o->mode == INFO_MODE_QUERY) {
		fprintf(err, "hla-info: --json and --query do not mix\n");
		return INFO_EXIT_USAGE;
	}
	/* --json alone is the detailed report, as it always was */
	if (o->json && o->mode == INFO_MODE_TABLE)
		o->mode = INFO_MODE_DETAILS;
	return -1;
}

/* ---- snapshots ------------------------------------------------------- */

static void snapshot_free(struct info_snapshot *s)
{
	hla_devlist_destroy(s->list);
	free(s->descs);
	free(s->selected);
	memset(s, 0, sizeof(*s));
}

static void describe_all(struct info_snapshot *s)
{
	for (uint32_t i = 0; i < s->count; i++) {
		struct hla_device_desc *d = &s->descs[i];
		int rc;

		d->sz = sizeof(*d);
		rc = hla_devlist_describe(s->list, i, d);
		if (rc) {
			/* keep the row, but say what is missing */
			memset(d, 0, sizeof(*d));
			d->sz = sizeof(*d);
			d->index = i;
			d->valid = HLA_DESC_INDEX;
			d->status = HLA_DEVICE_STATUS_UNKNOWN;
			snprintf(d->node, sizeof(d->node), "n/a (%s)", strerror(-rc));
		}
	}
}

/* mark the devices -i names; an exit code if one names nothing */
static int select_devices(const struct info_opts *o, struct info_snapshot *s, FILE *err)
{
	char *copy, *save = NULL, *sel;
	int ret = INFO_EXIT_OK;

	for (uint32_t i = 0; i < s->count; i++)
		s->selected[i] = !o->select;
	if (!o->select)
		return INFO_EXIT_OK;
	copy = strdup(o->select);
	if (!copy) {
		fprintf(err, "hla-info: out of memory\n");
		return INFO_EXIT_NO_MEMORY;
	}
	for (sel = strtok_r(copy, ",", &save); sel; sel = strtok_r(NULL, ",", &save)) {
		int idx = tools_find_device(sel, s->descs, s->count);

		if (idx < 0) {
			fprintf(err, "hla-info: device %s not found (%u device%s present)\n",
				sel, s->count, s->count == 1 ? "" : "s");
			ret = INFO_EXIT_NO_DEVICE;
			break;
		}
		s->selected[idx] = true;
	}
	free(copy);
	return ret;
}

static int no_device(const struct info_opts *o, int rc, FILE *out, FILE *err)
{
	if (rc == -EACCES) {
		fprintf(err, "hla-info: permission denied while looking for devices\n");
		return INFO_EXIT_PERMISSION;
	}
	if (rc == -ENOMEM) {
		fprintf(err, "hla-info: out of memory\n");
		return INFO_EXIT_NO_MEMORY;
	}
	if (rc && rc != -ENOENT && rc != -ENODEV) {
		fprintf(err, "hla-info: cannot enumerate devices: %s\n", strerror(-rc));
		return INFO_EXIT_NO_DEVICE;
	}
	if (o->json)
		fputs("{\"devices\": [], \"error\": \"no habanalabs device found\"}\n", out);
	fprintf(err, "hla-info: no habanalabs device found\n");
	return INFO_EXIT_NO_DEVICE;
}

/* Enumerate, describe and select.  Returns -1 to go on, or the exit code. */
static int snapshot_take(const struct info_opts *o, struct info_snapshot *s, FILE *out,
			 FILE *err)
{
	int rc = hla_devlist_create(0, &s->list);

	if (!rc)
		rc = hla_devlist_count(s->list, &s->count);
	if (rc || s->count == 0)
		return no_device(o, rc, out, err);
	s->descs = calloc(s->count, sizeof(*s->descs));
	s->selected = calloc(s->count, sizeof(*s->selected));
	if (!s->descs || !s->selected) {
		fprintf(err, "hla-info: out of memory\n");
		return INFO_EXIT_NO_MEMORY;
	}
	describe_all(s);
	rc = select_devices(o, s, err);
	return rc ? rc : -1;
}

/* ---- one look, or a watch ---------------------------------------------- */

static int show_once(const struct info_opts *o, bool first, FILE *out, FILE *err)
{
	struct info_snapshot s = { 0 };
	bool redraw = o->loop > 0 && o->mode == INFO_MODE_TABLE && isatty(fileno(out));
	int ret = snapshot_take(o, &s, out, err);

	if (ret < 0) {
		switch (o->mode) {
		case INFO_MODE_TABLE:
			ret = info_table(o, &s, out, err, redraw);
			break;
		case INFO_MODE_QUERY:
			ret = info_query(o, &s, out, err, o->csv_header && first);
			break;
		default:
			ret = info_report(o, &s, out, err);
			break;
		}
	}
	fflush(out);
	snapshot_free(&s);
	return ret;
}

static void on_stop(int sig)
{
	stop_signal = sig;
}

/* sleep until the next snapshot is due; false when a signal asks to stop */
static bool wait_next(double due)
{
	while (!stop_signal) {
		double left = due - tools_now();
		struct timespec ts;

		if (left <= 0)
			return true;
		ts.tv_sec = (time_t)left;
		ts.tv_nsec = (long)((left - (double)ts.tv_sec) * 1e9);
		nanosleep(&ts, NULL); /* EINTR: look at the flag */
	}
	return false;
}

/* --loop: snapshots until SIGINT or SIGTERM, which end it with status 0 */
static int watch(const struct info_opts *o, FILE *out, FILE *err)
{
	struct sigaction sa, old_int, old_term;
	bool first = true;
	int ret;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_stop; /* no SA_RESTART: the sleep must end */
	sigemptyset(&sa.sa_mask);
	stop_signal = 0;
	sigaction(SIGINT, &sa, &old_int);
	sigaction(SIGTERM, &sa, &old_term);
	if (o->mode == INFO_MODE_TABLE && isatty(fileno(out)))
		fputs(TERM_CLEAR, out);
	do {
		double due = tools_now() + o->loop;

		ret = show_once(o, first, out, err);
		first = false;
		/* a device that is not operational is shown, not a reason to stop */
		if (ret != INFO_EXIT_OK && ret != INFO_EXIT_NOT_OPERATIONAL &&
		    ret != INFO_EXIT_PERMISSION)
			break;
		if (!wait_next(due)) {
			ret = INFO_EXIT_OK;
			break;
		}
	} while (true);
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGTERM, &old_term, NULL);
	return ret;
}

int info_tool_run(int argc, char **argv, FILE *out, FILE *err)
{
	struct info_opts o;
	int ret;

	memset(&o, 0, sizeof(o));
	ret = parse_args(&o, argc, argv, out, err);
	if (ret >= 0)
		return ret;
	if (o.loop > 0)
		return watch(&o, out, err);
	return show_once(&o, true, out, err);
}
