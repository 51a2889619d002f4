#!/bin/sh
# Run one libFuzzer harness for a bounded time over a copy of its seed
# corpus (the inputs it finds go to the build directory, not the source
# tree).  Fails on a crash, a leak, a timeout of one input (10 s) or an
# out-of-memory.  Usage: run-fuzzer.sh FUZZER SEED_DIR SECONDS [ARGS...]
set -eu
fuzzer=$1 seeds=$2 secs=$3
shift 3
name=$(basename "$fuzzer")
work="$(dirname "$fuzzer")/$name.work"
mkdir -p "$work/corpus" "$work/artifacts"
[ -d "$seeds" ] && cp -r "$seeds"/. "$work/corpus/"
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}"
# libFuzzer's own exit code for a crash is 77, which meson reads as a
# skipped test: give findings codes that fail it.  -reload=0: nothing else
# writes the corpus, and listing it every second costs a run of thousands
# of inputs a few per cent
exec "$fuzzer" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -reload=0 \
	-error_exitcode=1 -timeout_exitcode=2 \
	-print_final_stats=1 -artifact_prefix="$work/artifacts/" "$@" "$work/corpus"
