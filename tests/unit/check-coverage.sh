#!/bin/sh
# SPDX-License-Identifier: MIT
# Every function the library exports (src/libhlaccel.map) must appear in
# at least one unit test (tests/unit/test_*.c): called, or handed to a
# table or macro that calls it.
# usage: check-coverage.sh <libhlaccel.map> <tests/unit directory>
set -eu
map=$1
dir=$2
missing=0
total=0
for sym in $(sed -n 's/^[[:space:]]*\(hla_[a-z0-9_]*\);.*/\1/p' "$map"); do
	total=$((total + 1))
	if ! grep -qw "$sym" "$dir"/test_*.c; then
		echo "not called by any unit test: $sym"
		missing=$((missing + 1))
	fi
done
echo "$total exported functions, $missing without a unit test"
[ "$total" -gt 0 ] && [ "$missing" -eq 0 ]
