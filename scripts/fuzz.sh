#!/bin/sh
# Build the libFuzzer harnesses of tests/fuzz (clang, AddressSanitizer and
# UndefinedBehaviorSanitizer) and run each for SECONDS over a copy of its
# seed corpus, as the fuzz suite of meson test: a crash, a leak, an input
# slower than 10 s or an out-of-memory fails it.  What a run found stays in
# BUILD_DIR/tests/fuzz/fuzz-NAME.work/.
# Usage: scripts/fuzz.sh [-t SECONDS] [BUILD_DIR] [HARNESS...]
#   HARNESS: lib, cb-gaudi, cb-gaudi2, api-gaudi, api-gaudi2 (default: all)
set -eu
src=$(cd "$(dirname "$0")/.." && pwd)
secs=45
if [ "${1:-}" = -t ]; then
	secs=$2
	shift 2
fi
dir=${1:-"$src/build-fuzz"}
[ $# -gt 0 ] && shift
opts="-Dfuzz=enabled -Dfuzz_seconds=$secs -Db_sanitize=address,undefined -Db_lundef=false
      -Dwerror=true -Dtests=disabled -Dtools=disabled -Dman=disabled -Dpython=disabled
      -Dhlthunk=disabled"
if [ -d "$dir" ]; then
	# shellcheck disable=SC2086
	meson configure "$dir" $opts
else
	# shellcheck disable=SC2086
	CC=clang meson setup "$dir" "$src" $opts
fi
ninja -C "$dir"
# one at a time: each harness is timed, two would share the cores
exec meson test -C "$dir" --suite fuzz --num-processes 1 --print-errorlogs \
	--timeout-multiplier 1 "$@"
