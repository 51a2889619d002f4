#!/bin/sh
# Build hlaccel with gcc and clang (warnings are errors), run every test
# suite, run the unit and integration suites again under AddressSanitizer
# and UndefinedBehaviorSanitizer, the threads and signals suites under
# ThreadSanitizer, each fuzzer for a bounded time, check an installed copy
# links through pkg-config, and print the totals.  Usage: scripts/check.sh [BUILD_ROOT]
set -eu
src=$(cd "$(dirname "$0")/.." && pwd)
root=${1:-"$src/build-check"}
mkdir -p "$root"
status=0

run_suites() { # name, builddir, meson-test args...
	name=$1 dir=$2
	shift 2
	echo "=== $name: meson test $*"
	if ! meson test -C "$dir" --print-errorlogs --num-processes 2 "$@"; then
		status=1
	fi
	cp "$dir/meson-logs/testlog.json" "$root/$name.testlog.json"
	logs="$logs $root/$name.testlog.json"
}

# a step that is not a meson test still counts in the totals
steps="$root/steps.testlog.json"
: > "$steps"
logs="$steps"
step() { # name, exit status
	if [ "$2" = 0 ]; then r=OK; else r=FAIL; status=1; fi
	printf '{"name": "step / %s", "result": "%s"}\n' "$1" "$r" >> "$steps"
	echo "=== step $1: $r"
}

setup() { # dir, extra args...
	dir=$1
	shift
	if [ -d "$dir" ]; then
		meson setup --wipe "$dir" "$src" "$@"
	else
		meson setup "$dir" "$src" "$@"
	fi
	ninja -C "$dir"
}

echo "=== gcc build (-Werror)"
CC=gcc setup "$root/gcc" -Dwerror=true
run_suites gcc "$root/gcc"

echo "=== clang build (-Werror)"
CC=clang setup "$root/clang" -Dwerror=true
run_suites clang "$root/clang" --suite unit --suite sim --suite integration --suite tools

echo "=== sanitizer build (address, undefined)"
CC=gcc setup "$root/san" -Dwerror=true -Db_sanitize=address,undefined -Db_lundef=false
UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
ASAN_OPTIONS=verify_asan_link_order=0:detect_leaks=1 \
	run_suites sanitizers "$root/san" --suite unit --suite integration

echo "=== threads and signals under ThreadSanitizer (clang; the simulator is linked in)"
CC=clang setup "$root/tsan" -Dwerror=true -Db_sanitize=thread -Db_lundef=false \
	-Dtools=disabled -Dpython=disabled -Dhlthunk=disabled -Dman=disabled
run_suites tsan "$root/tsan" --suite threads --suite signals

echo "=== fuzz: each libFuzzer harness for a bounded time (tests/fuzz/README.md)"
CC=clang setup "$root/fuzz" -Dwerror=true -Dfuzz=enabled -Db_sanitize=address,undefined \
	-Db_lundef=false -Dtests=disabled -Dtools=disabled -Dpython=disabled -Dhlthunk=disabled \
	-Dman=disabled
run_suites fuzz "$root/fuzz" --suite fuzz

echo "=== install and link through pkg-config"
dest="$root/destdir"
rm -rf "$dest"
DESTDIR="$dest" meson install -C "$root/gcc" --quiet
rc=0; "$src/scripts/check-install.sh" "$dest" || rc=$?
step install "$rc"

echo "=== without the simulator (-Dsim=disabled -Dtests=enabled)"
CC=gcc setup "$root/nosim" -Dwerror=true -Dsim=disabled -Dtests=enabled
run_suites nosim "$root/nosim" --suite unit --suite abi --suite docs --suite integration \
	--no-suite integration-sim

echo "=== Debian source and binary packages (dpkg-buildpackage, lintian)"
deb="$root/deb"
rm -rf "$deb"
mkdir -p "$deb"
version=$(dpkg-parsechangelog -l "$src/debian/changelog" -S Version)
upstream=${version%-*}
orig="$deb/hlaccel_$upstream.orig.tar.xz"
if git -C "$src" rev-parse HEAD >/dev/null 2>&1; then
	git -C "$src" archive --prefix="hlaccel-$upstream/" HEAD -- . ':!debian' | xz > "$orig"
	git -C "$src" archive --prefix="hlaccel-$upstream/" HEAD -- debian | tar -x -C "$deb"
else
	tar -C "$src" --exclude='./build*' --exclude=./debian \
		--transform "s,^\\.,hlaccel-$upstream," -cJf "$orig" .
	mkdir -p "$deb/hlaccel-$upstream" && cp -r "$src/debian" "$deb/hlaccel-$upstream/"
fi
tar -C "$deb" -xf "$orig"
# the suites already ran above; the package build itself is what is checked
if (cd "$deb/hlaccel-$upstream" && DEB_BUILD_OPTIONS=nocheck dpkg-buildpackage -us -uc) \
	> "$deb/build.log" 2>&1; then
	# the maintainer address is a placeholder until the first upload
	step deb-build 0
	rc=0
	lintian --fail-on error,warning \
		--suppress-tags bogus-mail-host,bogus-mail-host-in-debian-changelog,initial-upload-closes-no-bugs \
		"$deb"/*.changes || rc=$?
	step lintian "$rc"
	ls "$deb"/*.dsc "$deb"/*.deb
else
	tail -n 40 "$deb/build.log"
	step deb-build 1
fi

echo "=== per-call overhead (a benchmark: it prints figures, it does not fail)"
if [ -x "$root/gcc/bench/overhead" ] && command -v valgrind >/dev/null; then
	python3 "$src/bench/overhead.py" --overhead "$root/gcc/bench/overhead" \
		--hla-sim-lib "$root/gcc/sim/libhla-sim.so" || true
fi

python3 - $logs <<'PY'
import json, sys
passed = failed = skipped = 0
for path in sys.argv[1:]:
    with open(path) as f:
        for line in f:
            line = line.strip()
            if not line:
                continue
            r = json.loads(line).get("result", "")
            if r in ("OK", "EXPECTEDFAIL"):
                passed += 1
            elif r == "SKIP":
                skipped += 1
            else:
                failed += 1
print(f"{passed} passed, {failed} failed, {skipped} skipped")
PY
exit $status
