#!/bin/sh
# Record the ABI of libhlaccel.so.1 as the baseline the abi suite compares
# against.  Run it only for a deliberate, reviewed ABI change (docs/ABI.md),
# and commit the new baseline with that change.
# Usage: scripts/update-abi-baseline.sh [BUILD_DIR]
set -eu
src=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-"$src/build-abi"}
if [ ! -d "$build" ]; then
	meson setup "$build" "$src" -Dtests=disabled -Dsim=disabled \
		-Dtools=disabled -Dman=disabled >/dev/null
fi
ninja -C "$build" >/dev/null
abidw --drop-private-types --no-corpus-path --no-comp-dir-path \
	--headers-dir "$src/include/hlaccel" --headers-dir "$build/include/hlaccel" \
	"$build/src/libhlaccel.so.1" > "$src/tests/abi/libhlaccel.abi"
echo "baseline written: tests/abi/libhlaccel.abi"
