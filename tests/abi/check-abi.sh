#!/bin/sh
# Compare the library's ABI with the recorded baseline (abidw XML).  Any
# difference fails: a deliberate change updates the baseline in the same
# commit (scripts/update-abi-baseline.sh, docs/ABI.md).
set -u
abidiff=$1 baseline=$2 lib=$3 hdrs=$4 genhdrs=$5
"$abidiff" --drop-private-types --headers-dir2 "$hdrs" --headers-dir2 "$genhdrs" \
	"$baseline" "$lib"
rc=$?
if [ $rc -ne 0 ]; then
	echo "abidiff exit status $rc: the ABI differs from $baseline"
	exit 1
fi
echo "ABI identical to the baseline"
