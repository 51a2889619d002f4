#!/bin/sh
# hlaccel as a Meson subproject of a small parent project: only the
# library (shared and static), its header and its pkg-config file are built
# and installed, cmocka is not looked for, and the parent links and runs.
# Usage: check-subproject.sh SOURCE_ROOT
set -eu
src=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp -r "$src/tests/subproject/parent" "$tmp/parent"
mkdir -p "$tmp/parent/subprojects"
ln -s "$src" "$tmp/parent/subprojects/hlaccel"
meson setup "$tmp/build" "$tmp/parent" --prefix=/usr >"$tmp/setup.log" 2>&1 ||
	{ cat "$tmp/setup.log"; exit 1; }
ninja -C "$tmp/build" >"$tmp/ninja.log" 2>&1 || { cat "$tmp/ninja.log"; exit 1; }
fail=0
# every output built (compiled, linked or generated) belongs to the
# library, its generated header or the parent
outputs=$(ninja -C "$tmp/build" -t targets all |
	awk -F': ' '$2 ~ /^(c_COMPILER|c_LINKER|c_LINKER_RSP|STATIC_LINKER|CUSTOM_COMMAND|SHSYM)$/ { print $1 }')
extra=$(echo "$outputs" | grep -vE '^(meson-internal__.*|parent(\.p/.*)?|subprojects/hlaccel/src/.*|subprojects/hlaccel/include/hlaccel/hlaccel_version\.h)$' || true)
if [ -n "$extra" ]; then
	echo "built beyond the library:"
	echo "$extra"
	fail=1
fi
DESTDIR="$tmp/dest" meson install -C "$tmp/build" --quiet >/dev/null
files=$(cd "$tmp/dest" && find . -type f -o -type l | sort)
extra=$(echo "$files" | grep -vE '^\./usr/(bin/parent|include/hlaccel/hlaccel(_version)?\.h|lib/[^/]*/?libhlaccel\.(so|so\.1|so\.1\.[0-9]+\.[0-9]+|a)|lib/[^/]*/?pkgconfig/hlaccel\.pc)$' || true)
if [ -n "$extra" ]; then
	echo "installed beyond the library and its header:"
	echo "$extra"
	fail=1
fi
if grep -qi 'Run-time dependency cmocka' "$tmp/build/meson-logs/meson-log.txt"; then
	echo "cmocka was looked for"
	fail=1
fi
"$tmp/build/parent" || fail=1
n=$(echo "$files" | wc -l)
echo "subproject: $(echo "$outputs" | wc -l) outputs built, $n files installed"
exit $fail
