#!/bin/sh
# SPDX-License-Identifier: MIT
# Instructions per call of an hl-thunk call and of the hlaccel call it
# makes, counted by callgrind, and what the hl-thunk loop calls besides
# hlaccel (no system call, no allocation expected).  Runs under hla-sim.
# usage: callgrind.sh BUILDDIR [ITERATIONS]
set -eu
build=$1
n=${2:-20000}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
LD_PRELOAD=$build/sim/libhla-sim.so HLA_SIM_DEVICES=1 \
	valgrind --tool=callgrind --callgrind-out-file="$out/cg" \
	"$build/hlthunk/bench/hlthunk-overhead" "$n" > "$out/run" 2> "$out/vg"
cat "$out/run"
callgrind_annotate --inclusive=yes --threshold=100 "$out/cg" > "$out/ann"
ir() { # function: inclusive instructions
	grep -E " [^ ]*:?$1( |$)" "$out/ann" | head -1 | awk '{ gsub(",", "", $1); print $1 }'
}
for f in loop_hla_status loop_hlthunk_status loop_hla_refused loop_hlthunk_refused; do
	v=$(ir "$f")
	printf '%-22s %12s Ir  %8.1f Ir per call\n' "$f" "$v" "$(echo "$v / $n" | bc -l)"
done
# what the hl-thunk calls call: hlaccel, and (on the slow path, the first
# call only) the borrow; no allocation, no system call, no lock per call
callgrind_annotate --tree=calling "$out/cg" > "$out/tree" 2> /dev/null
for f in hlthunk_get_device_status_info hlthunk_host_memory_map_flags; do
	echo "callees of $f:"
	awk -v f="$f" '$0 ~ "\\* .*:" f " " { on = 1; next } on && /^ *$/ { exit } on' "$out/tree"
done
