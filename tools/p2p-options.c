/* SPDX-License-Identifier: MIT */
/* hla-p2p-copy's options, in the manner of perftest's ib_write_bw where
 * the two overlap (-a, -b, -D, -d, -x). */
#include "p2p-internal.h"

#include <errno.h>
#include <getopt.h>
#include <string.h>

#define DURATION_MAX_S 3600.0

/* long-only options */
enum {
	OPT_SRC = 0x100, OPT_DST, OPT_SEED, OPT_MIN, OPT_MAX, OPT_UNIT, OPT_CSV, OPT_JSON,
	OPT_PROCS,
};

static void usage(FILE *f)
{
	fputs("Usage: hla-p2p-copy [options]\n"
	      "Copy device memory between two habanalabs devices through dma-buf,\n"
	      "verify every byte and report the bandwidth.\n"
	      "\n"
	      "  -s, --size SIZE        bytes to copy, K/M/G suffixes (default 64M)\n"
	      "  -a, --all              sweep the powers of two from --min-size to\n"
	      "                         --max-size\n"
	      "      --min-size SIZE    smallest size of -a (default 4K)\n"
	      "      --max-size SIZE    largest size of -a (default 64M)\n"
	      "  -c, --chunk SIZE       DMA packet / memcpy piece size (default 4M)\n"
	      "  -n, --iterations N     copy passes per size (default 1; 5 with -a)\n"
	      "  -D, --duration SEC     copy for SEC seconds per size instead\n"
	      "  -b, --bidirectional    copy both ways at once (mmap and rdma)\n"
	      "      --src DEV          source device: index, PCI bus id or module:ID\n"
	      "                         (default 0)\n"
	      "      --dst DEV          destination device (default: the next device,\n"
	      "                         or the source device when alone)\n"
	      "      --seed N           pattern seed (default 1)\n"
	      "  -i, --importer NAME    mmap, bounce or rdma (default mmap)\n"
	      "      --procs N          1: one process (default); 2: the exporter (source\n"
	      "                         device) and the importer (destination device) in\n"
	      "                         two processes, the dma-buf passed over a socket\n"
	      "  -d, --ib-dev NAME      rdma: the RDMA device (default: the first that\n"
	      "                         takes the dma-bufs)\n"
	      "  -p, --ib-port N        rdma: the port (default: the first active)\n"
	      "  -x, --gid-index N      rdma: the GID index on RoCE (default 0)\n"
	      "      --unit UNIT        GiB/s, GB/s or Gb/s (default GiB/s)\n"
	      "  -j, --json[=FILE]      JSON report, to stdout or FILE\n"
	      "      --csv FILE         one CSV row per size to FILE\n"
	      "  -q, --quiet            print only the final \"verified\"\n"
	      "  -h, --help             this text\n"
	      "  -V, --version          library version\n"
	      "\n"
	      "Exit status: 0 verified, 1 usage, 2 no device, 3 permission denied,\n"
	      "4 device busy, 5 no such device, 6 out of memory, 7 export refused,\n"
	      "8 importer unavailable, 9 DMA failed, 10 verification mismatch,\n"
	      "11 report file not written, 12 the exporter process died.\n", f);
}

static int bad(struct run *r, const char *what, const char *arg, const char *hint)
{
	fprintf(r->err, "hla-p2p-copy: invalid %s '%s'%s%s\n", what, arg, hint ? " " : "",
		hint ? hint : "");
	return P2P_EXIT_USAGE;
}

/* sizes and counts: 0 or the exit code */
static int parse_amount(struct run *r, int c, const char *arg)
{
	struct opts *o = &r->o;
	uint64_t v;

	switch (c) {
	case 's':
	case OPT_MIN:
	case OPT_MAX:
		if (tools_parse_size(arg, &v) || v == 0)
			return bad(r, "size", arg, "(a positive byte count with optional "
				   "K/M/G suffix)");
		*(c == 's' ? &o->size : c == OPT_MIN ? &o->min_size : &o->max_size) = v;
		return 0;
	case 'c':
		if (tools_parse_size(arg, &v) || v == 0 || v > MAX_CHUNK)
			return bad(r, "chunk", arg, "(1 byte to 1G)");
		o->chunk = v;
		return 0;
	case 'n':
		if (tools_parse_u64(arg, 1000000, &v) || v == 0)
			return bad(r, "iteration count", arg, NULL);
		o->iterations = v;
		o->iterations_set = true;
		return 0;
	default: /* 'D' */
		if (tools_parse_seconds(arg, DURATION_MAX_S, &o->duration))
			return bad(r, "duration", arg, "(seconds, more than 0, at most 3600)");
		return 0;
	}
}

static int parse_importer(struct run *r, const char *arg)
{
	for (size_t k = 0; k < TOOLS_ARRAY_SIZE(p2p_importer_names); k++) {
		if (!strcmp(arg, p2p_importer_names[k])) {
			r->o.importer = (enum importer)k;
			return 0;
		}
	}
	fprintf(r->err, "hla-p2p-copy: unknown importer '%s' (mmap, bounce or rdma)\n", arg);
	return P2P_EXIT_USAGE;
}

/* the rdma importer's NIC, port and GID index */
static int parse_rdma(struct run *r, int c, const char *arg)
{
	uint64_t v;

	r->o.rdma_opts = true;
	if (c == 'd') {
		if (!*arg)
			return bad(r, "RDMA device", arg, NULL);
		r->o.ib_dev = arg;
		return 0;
	}
	if (tools_parse_u64(arg, 255, &v) || (c == 'p' && v == 0))
		return bad(r, c == 'p' ? "port" : "GID index", arg,
			   c == 'p' ? "(1 to 255)" : "(0 to 255)");
	if (c == 'p')
		r->o.ib_port = (unsigned int)v;
	else
		r->o.gid_index = (unsigned int)v;
	return 0;
}

/* choices and names: 0 or the exit code */
static int parse_choice(struct run *r, int c, const char *arg)
{
	uint64_t v;

	switch (c) {
	case OPT_SRC:
	case OPT_DST:
		if (tools_check_selector(arg))
			return bad(r, "device", arg, "(an index, a PCI bus id or module:ID)");
		*(c == OPT_SRC ? &r->o.src : &r->o.dst) = arg;
		return 0;
	case OPT_SEED:
		if (tools_parse_u64(arg, UINT64_MAX, &v))
			return bad(r, "seed", arg, NULL);
		r->o.seed = v;
		return 0;
	case OPT_UNIT:
		if (tools_parse_unit(arg, &r->o.unit))
			return bad(r, "unit", arg, "(GiB/s, GB/s or Gb/s)");
		return 0;
	case OPT_PROCS:
		if (tools_parse_u64(arg, 2, &v) || v == 0)
			return bad(r, "process count", arg, "(1 or 2)");
		r->o.procs = (unsigned int)v;
		return 0;
	case 'i':
		return parse_importer(r, arg);
	default:
		return parse_rdma(r, c, arg);
	}
}

/* one option: 0 to go on, -1 to stop with success, or the exit code */
static int parse_one(struct run *r, int c, char **argv)
{
	switch (c) {
	case 's': case 'c': case 'n': case 'D': case OPT_MIN: case OPT_MAX:
		return parse_amount(r, c, optarg);
	case OPT_SRC: case OPT_DST: case OPT_SEED: case OPT_UNIT: case OPT_PROCS: case 'i':
	case 'd':
	case 'p': case 'x':
		return parse_choice(r, c, optarg);
	case 'a': r->o.sweep = true; return 0;
	case 'b': r->o.bidir = true; return 0;
	case 'j':
	case OPT_JSON:
		r->o.json = true;
		r->o.json_file = optarg;
		return 0;
	case OPT_CSV: r->o.csv_file = optarg; return 0;
	case 'q': r->o.quiet = true; return 0;
	case 'h': usage(r->out); return -1;
	case 'V': tools_print_version(r->out, "hla-p2p-copy"); return -1;
	case ':':
		fprintf(r->err, "hla-p2p-copy: option '%s' needs an argument\n",
			argv[optind - 1]);
		return P2P_EXIT_USAGE;
	default:
		fprintf(r->err, "hla-p2p-copy: unknown option '%s' (see --help)\n",
			argv[optind - 1]);
		return P2P_EXIT_USAGE;
	}
}

/* options that do not go together: 0 or the exit code */
static int check_combination(struct run *r)
{
	struct opts *o = &r->o;
	const char *why = NULL;

	if (o->sweep && o->min_size > o->max_size)
		why = "--min-size is larger than --max-size";
	else if (o->bidir && o->importer == IMPORTER_BOUNCE)
		why = "--bidirectional needs the mmap or rdma importer";
	else if (o->procs == 2 && o->importer == IMPORTER_BOUNCE)
		why = "--procs 2 hands over a dma-buf: it needs the mmap or rdma importer";
	else if (o->procs == 2 && o->bidir)
		why = "--procs 2 copies one way: it does not go with --bidirectional";
	else if (o->rdma_opts && o->importer != IMPORTER_RDMA)
		why = "--ib-dev, --ib-port and --gid-index are for --importer rdma";
	else if (o->csv_file && o->json_file && !strcmp(o->csv_file, o->json_file))
		why = "--csv and --json name the same file";
	if (!why)
		return 0;
	fprintf(r->err, "hla-p2p-copy: %s\n", why);
	return P2P_EXIT_USAGE;
}

static void set_defaults(struct opts *o)
{
	memset(o, 0, sizeof(*o));
	o->size = 64ull << 20;
	o->min_size = 4ull << 10;
	o->max_size = 64ull << 20;
	o->chunk = 4ull << 20;
	o->iterations = 1;
	o->seed = 1;
	o->importer = IMPORTER_MMAP;
	o->procs = 1;
	o->unit = TOOLS_UNIT_GIBS;
}

int p2p_parse_options(struct run *r, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "size", required_argument, NULL, 's' },
		{ "all", no_argument, NULL, 'a' },
		{ "min-size", required_argument, NULL, OPT_MIN },
		{ "max-size", required_argument, NULL, OPT_MAX },
		{ "chunk", required_argument, NULL, 'c' },
		{ "iterations", required_argument, NULL, 'n' },
		{ "duration", required_argument, NULL, 'D' },
		{ "bidirectional", no_argument, NULL, 'b' },
		{ "src", required_argument, NULL, OPT_SRC },
		{ "dst", required_argument, NULL, OPT_DST },
		{ "seed", required_argument, NULL, OPT_SEED },
		{ "importer", required_argument, NULL, 'i' },
		{ "procs", required_argument, NULL, OPT_PROCS },
		{ "ib-dev", required_argument, NULL, 'd' },
		{ "ib-port", required_argument, NULL, 'p' },
		{ "gid-index", required_argument, NULL, 'x' },
		{ "unit", required_argument, NULL, OPT_UNIT },
		{ "json", optional_argument, NULL, OPT_JSON },
		{ "csv", required_argument, NULL, OPT_CSV },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	struct opts *o = &r->o;
	int c, rc;

	set_defaults(o);
	optind = 0; /* allow repeated calls in one process */
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":s:ac:n:D:bi:d:p:x:j::qhV", longopts, NULL)) != -1) {
		rc = parse_one(r, c, argv);
		if (rc)
			return rc;
	}
	if (optind < argc) {
		fprintf(r->err, "hla-p2p-copy: unexpected argument '%s' (see --help)\n",
			argv[optind]);
		return P2P_EXIT_USAGE;
	}
	rc = check_combination(r);
	if (rc)
		return rc;
	if (o->sweep && !o->iterations_set)
		o->iterations = 5;
	if (o->chunk > (o->sweep ? o->max_size : o->size))
		o->chunk = o->sweep ? o->max_size : o->size;
	return 0;
}
