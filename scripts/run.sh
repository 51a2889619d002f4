#!/bin/sh
# The main job: build hlaccel and copy device memory between two devices
# through dma-buf with hla-p2p-copy.  On a machine without habanalabs
# devices it runs on two simulated Gaudi2 devices.
# Usage: scripts/run.sh [hla-p2p-copy options]   (default: --size 256M)
set -eu
src=$(cd "$(dirname "$0")/.." && pwd)
build="$src/build-run"
# an existing build directory is brought up to date by ninja alone: it
# re-runs meson itself when a build file changed
if [ -f "$build/build.ninja" ]; then
	:
elif [ -d "$build" ]; then
	meson setup --reconfigure "$build" "$src" -Dtests=disabled >/dev/null
else
	meson setup "$build" "$src" -Dtests=disabled >/dev/null
fi
ninja -C "$build" >/dev/null
[ $# -gt 0 ] || set -- --size 256M
info="$build/tools/hla-info"
copy="$build/tools/hla-p2p-copy"
if "$info" --list >/dev/null 2>&1; then
	echo "habanalabs devices found: running on hardware"
	exec "$copy" "$@"
fi
echo "no habanalabs device: running on two simulated Gaudi2 devices (hla-sim)"
exec "$build/sim/launcher/hla-sim" -n 2 --asic gaudi2 -- "$copy" "$@"
