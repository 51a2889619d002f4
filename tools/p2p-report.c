/* SPDX-License-Identifier: MIT */
/*
 * hla-p2p-copy's reports: the text on stdout (phase table, or the size
 * table of a sweep), the JSON document (stdout or --json=FILE) and the
 * sweep's CSV (--csv FILE).  Bandwidths count the bytes of every direction
 * copied in a pass; the text shows them in --unit.
 */
#include "p2p-internal.h"

#include <errno.h>
#include <inttypes.h>
#include <string.h>

/* bytes one pass moves at res's size: every direction */
static uint64_t pass_bytes(const struct run *r, const struct result *res)
{
	return res->size * r->nlanes;
}

static double per_second(uint64_t bytes, double s)
{
	return s > 0 ? (double)bytes / s : 0.0;
}

static double bw(const struct run *r, uint64_t bytes, double s)
{
	return tools_unit_value(r->o.unit, per_second(bytes, s));
}

static bool has_steady(const struct result *res)
{
	return res->passes > 1;
}

static double steady_mean(const struct result *res)
{
	return has_steady(res) ? res->steady_sum / (res->passes - 1) : 0.0;
}

static const struct result *last_result(const struct run *r)
{
	for (unsigned int i = r->nresults; i > 0; i--)
		if (r->results[i - 1].passes)
			return &r->results[i - 1];
	return NULL;
}

static void describe_side(char *buf, size_t size, const struct side *s)
{
	snprintf(buf, size, "device %u (%s, %s)", s->index, tools_asic_name(s->asic),
		 s->desc.node);
}

/* to stdout unless quiet or the JSON takes stdout */
static bool text_wanted(const struct run *r)
{
	return !r->o.quiet && !(r->o.json && !r->o.json_file);
}

static void header_amount(const struct run *r, char *buf, size_t size)
{
	char lo[32], hi[32];

	if (!r->o.sweep) {
		tools_format_size(r->o.size, buf, size);
		return;
	}
	tools_format_size(r->results[0].size, lo, sizeof(lo));
	tools_format_size(r->max, hi, sizeof(hi));
	snprintf(buf, size, "%s to %s", lo, hi);
}

void p2p_print_header(struct run *r)
{
	char amount[80], chunk[32], a[128], b[128], passes[64];

	if (!text_wanted(r))
		return;
	header_amount(r, amount, sizeof(amount));
	tools_format_size(r->o.chunk, chunk, sizeof(chunk));
	describe_side(a, sizeof(a), r->src);
	describe_side(b, sizeof(b), r->dst);
	if (r->one_device)
		fprintf(r->out, "copy %s within %s (two allocations)\n", amount, a);
	else
		fprintf(r->out, "copy %s from %s to %s%s\n", amount, a, b,
			r->o.bidir ? " and back at once" : "");
	if (r->o.duration > 0)
		snprintf(passes, sizeof(passes), "%.3g s of passes", r->o.duration);
	else
		snprintf(passes, sizeof(passes), "%" PRIu64 " iteration%s", r->o.iterations,
			 r->o.iterations == 1 ? "" : "s");
	fprintf(r->out, "importer %s, chunk %s, %s%s, seed %" PRIu64 "%s\n",
		p2p_importer_names[r->o.importer], chunk, passes, r->o.sweep ? " per size" : "",
		r->o.seed, r->o.procs == 2 ? ", exporter and importer in two processes" : "");
	fflush(r->out);
}

static void print_phase(struct run *r, const char *name, uint64_t bytes, double s,
			const char *note)
{
	char size[32];

	tools_format_size(bytes, size, sizeof(size));
	fprintf(r->out, "%-8s %12s %10.4f s %9.2f %s%s%s\n", name, size, s, bw(r, bytes, s),
		tools_unit_name(r->o.unit), note ? "  " : "", note ? note : "");
}

static void print_copy(struct run *r, const struct result *res)
{
	uint64_t bytes = pass_bytes(r, res);
	char note[96];

	if (res->passes > 1) {
		snprintf(note, sizeof(note), "(best of %u, mean %.2f %s)", res->passes,
			 bw(r, bytes, (res->cold + res->steady_sum) / res->passes),
			 tools_unit_name(r->o.unit));
		print_phase(r, "copy", bytes, res->best, note);
	} else {
		print_phase(r, "copy", bytes, res->best, NULL);
	}
	print_phase(r, "cold", bytes, res->cold, "(first pass)");
	if (has_steady(res)) {
		snprintf(note, sizeof(note), "(mean of the %u later passes)", res->passes - 1);
		print_phase(r, "steady", bytes, steady_mean(res), note);
	}
}

static void print_phases(struct run *r)
{
	const struct result *res = &r->results[0];

	fprintf(r->out, "%-8s %12s %12s %15s\n", "phase", "bytes", "time", "bandwidth");
	print_phase(r, "fill", r->max * r->nlanes, r->fill.seconds,
		    "(source fill + destination clear)");
	if (r->o.importer == IMPORTER_BOUNCE)
		fprintf(r->out, "%-8s %12s\n", "export", "skipped (bounce uses no dma-buf)");
	else
		print_phase(r, "export", r->max * r->nlanes, r->exp.seconds,
			    "(export + import setup)");
	print_copy(r, res);
	print_phase(r, "verify", pass_bytes(r, res), r->verify.seconds, NULL);
	print_phase(r, "total", pass_bytes(r, res), r->total, NULL);
}

static void print_sweep(struct run *r)
{
	const char *u = tools_unit_name(r->o.unit);

	fprintf(r->out, "%12s %7s %14s %14s %14s\n", "#bytes", "passes", "cold", "steady",
		"peak");
	for (unsigned int i = 0; i < r->nresults; i++) {
		const struct result *res = &r->results[i];
		uint64_t bytes = pass_bytes(r, res);
		char steady[32];

		if (has_steady(res))
			snprintf(steady, sizeof(steady), "%.3f %s", bw(r, bytes, steady_mean(res)),
				 u);
		else
			snprintf(steady, sizeof(steady), "n/a");
		fprintf(r->out, "%12" PRIu64 " %7u %8.3f %s %14s %8.3f %s\n", res->size,
			res->passes, bw(r, bytes, res->cold), u, steady,
			bw(r, bytes, res->best), u);
	}
}

void p2p_print_text(struct run *r)
{
	if (r->o.quiet) {
		fputs("verified\n", r->out);
		return;
	}
	if (!text_wanted(r))
		return;
	if (r->o.sweep)
		print_sweep(r);
	else
		print_phases(r);
	fputs("verified\n", r->out);
}

/* ---- JSON ------------------------------------------------------------------ */

static void json_side(struct json_writer *j, const char *key, const struct side *s)
{
	json_begin_object(j, key);
	json_u64(j, "index", s->index);
	json_string(j, "node", s->desc.node);
	json_string(j, "asic", tools_asic_name(s->asic));
	json_string(j, "interface", tools_interface_name(s->desc.interface));
	if (s->desc.valid & HLA_DESC_PCI_BUS_ID)
		json_string(j, "pci_bus_id", s->desc.pci_bus_id);
	else
		json_null(j, "pci_bus_id");
	json_end_object(j);
}

static void json_phase(struct json_writer *j, const char *key, uint64_t bytes, double s)
{
	json_begin_object(j, key);
	json_u64(j, "bytes", bytes);
	json_double(j, "seconds", s);
	json_double(j, "bytes_per_second", per_second(bytes, s));
	json_end_object(j);
}

static void json_phases(struct json_writer *j, const struct run *r, int code)
{
	const struct result *res = last_result(r);
	uint64_t all = r->max * r->nlanes;

	json_begin_object(j, "phases");
	if (r->fill.done)
		json_phase(j, "fill", all, r->fill.seconds);
	if (r->exp.done && r->o.importer != IMPORTER_BOUNCE)
		json_phase(j, "export", all, r->exp.seconds);
	if (res) {
		json_phase(j, "copy", pass_bytes(r, res), res->best);
		json_double(j, "copy_mean_seconds", (res->cold + res->steady_sum) / res->passes);
		json_u64(j, "copy_iterations", res->passes);
	}
	if (r->verify.done)
		json_phase(j, "verify", all, r->verify.seconds);
	if (!code)
		json_phase(j, "total", all, r->total);
	json_end_object(j);
}

static void json_result(struct json_writer *j, const struct run *r, const struct result *res)
{
	uint64_t bytes = pass_bytes(r, res);

	json_begin_object(j, NULL);
	json_u64(j, "size", res->size);
	json_u64(j, "bytes_per_pass", bytes);
	json_u64(j, "passes", res->passes);
	json_double(j, "cold_seconds", res->cold);
	json_double(j, "cold_bytes_per_second", per_second(bytes, res->cold));
	if (has_steady(res)) {
		json_double(j, "steady_seconds", steady_mean(res));
		json_double(j, "steady_bytes_per_second", per_second(bytes, steady_mean(res)));
	} else {
		json_null(j, "steady_seconds");
		json_null(j, "steady_bytes_per_second");
	}
	json_double(j, "peak_bytes_per_second", per_second(bytes, res->best));
	json_bool(j, "verified", res->verified);
	json_end_object(j);
}

static void json_failure(struct json_writer *j, const struct run *r, int code)
{
	json_u64(j, "exit_code", (uint64_t)code);
	json_string(j, "error", r->msg);
	if (r->mismatch) {
		json_u64(j, "mismatch_offset", r->bad_off);
		json_u64(j, "expected", r->bad_exp);
		json_u64(j, "read", r->bad_got);
	}
}

static void write_json(struct run *r, FILE *f, int code)
{
	struct json_writer j;

	json_init(&j, f);
	json_begin_object(&j, NULL);
	json_u64(&j, "size", r->o.sweep ? r->max : r->o.size);
	json_u64(&j, "chunk", r->o.chunk);
	json_u64(&j, "iterations", r->o.iterations);
	json_double(&j, "duration", r->o.duration);
	json_u64(&j, "seed", r->o.seed);
	json_string(&j, "importer", p2p_importer_names[r->o.importer]);
	json_bool(&j, "bidirectional", r->o.bidir);
	json_bool(&j, "sweep", r->o.sweep);
	json_u64(&j, "processes", r->o.procs);
	if (r->src)
		json_side(&j, "source", r->src);
	if (r->dst)
		json_side(&j, "destination", r->dst);
	json_bool(&j, "one_device", r->one_device);
	json_phases(&j, r, code);
	json_begin_array(&j, "results");
	for (unsigned int i = 0; i < r->nresults; i++)
		if (r->results[i].passes)
			json_result(&j, r, &r->results[i]);
	json_end_array(&j);
	json_bool(&j, "verified", code == 0);
	if (code)
		json_failure(&j, r, code);
	json_end_object(&j);
	json_finish(&j);
}

/* ---- CSV ------------------------------------------------------------------- */

static void write_csv(struct run *r, FILE *f)
{
	const char *u = tools_unit_name(r->o.unit);

	fprintf(f, "importer,direction,size,bytes_per_pass,passes,cold_seconds,"
		"steady_seconds,cold_bw,steady_bw,peak_bw,unit,verified\n");
	for (unsigned int i = 0; i < r->nresults; i++) {
		const struct result *res = &r->results[i];
		uint64_t bytes = pass_bytes(r, res);
		char steady_s[32] = "", steady_bw[32] = "";

		if (!res->passes)
			continue;
		if (has_steady(res)) {
			snprintf(steady_s, sizeof(steady_s), "%.9f", steady_mean(res));
			snprintf(steady_bw, sizeof(steady_bw), "%.6f",
				 bw(r, bytes, steady_mean(res)));
		}
		fprintf(f, "%s,%s,%" PRIu64 ",%" PRIu64 ",%u,%.9f,%s,%.6f,%s,%.6f,%s,%s\n",
			p2p_importer_names[r->o.importer],
			r->o.bidir ? "bidirectional" : "unidirectional", res->size, bytes,
			res->passes, res->cold, steady_s, bw(r, bytes, res->cold), steady_bw,
			bw(r, bytes, res->best), u, res->verified ? "yes" : "no");
	}
}

/* write one report file; 0 or the exit code */
static int write_file(struct run *r, const char *path, bool json, int code)
{
	FILE *f = fopen(path, "we");
	int e;

	if (!f)
		return p2p_fail(r, P2P_EXIT_OUTPUT, "cannot write %s: %s", path, strerror(errno));
	if (json)
		write_json(r, f, code);
	else
		write_csv(r, f);
	e = ferror(f) ? EIO : 0;
	if (fclose(f) && !e)
		e = errno;
	if (e)
		return p2p_fail(r, P2P_EXIT_OUTPUT, "cannot write %s: %s", path, strerror(e));
	return 0;
}

int p2p_write_reports(struct run *r)
{
	int code = r->code, rc = 0;

	if (r->o.json && !r->o.json_file)
		write_json(r, r->out, code);
	if (r->o.json_file)
		rc = write_file(r, r->o.json_file, true, code);
	if (r->o.csv_file && !rc)
		rc = write_file(r, r->o.csv_file, false, code);
	return rc;
}
