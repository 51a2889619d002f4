#!/bin/sh
# SPDX-License-Identifier: MIT
# hlthunk.h stands alone, as C and as C++, reached both ways programs
# include it, with each source of the kernel definitions: its own stand-in,
# the kernel's newer header, and the 6.1 header included first.
# usage: check-header.sh CC CXX HLTHUNK_SRCDIR [UAPI_INCLUDE_DIR]
set -eu
cc=$1 cxx=$2 src=$3 uapi=${4:-}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/inc/habanalabs"
cp "$src/hlthunk.h" "$src/hlthunk_uapi.h" "$tmp/inc/habanalabs/"
fails=0 runs=0

# what a consumer uses: calls, structs and the kernel constants
cat > "$tmp/use.h" <<'X'
static inline int use(int fd)
{
	struct hlthunk_hw_ip_info hw;
	struct hlthunk_cs_in in = { 0, 0, 0, 0, HL_CS_FLAGS_TIMESTAMP };
	struct hl_debug_args d = { 0, 0, 0, 0, HL_DEBUG_OP_SET_MODE, 0, 1, 0 };
	struct hl_cs_chunk chunk;

	(void)in;
	chunk.cb_size = HL_MEM_CONTIGUOUS + HL_CS_STATUS_SUCCESS + HL_WAIT_CS_STATUS_COMPLETED;
	return hlthunk_get_hw_ip_info(fd, &hw) + hlthunk_debug(fd, &d) +
	       (int)chunk.cb_size + HLTHUNK_DEVICE_GAUDI2;
}
X
printf '#include <habanalabs/hlthunk.h>\n#include "use.h"\n' > "$tmp/a.c"
printf '#include "hlthunk.h"\n#include "use.h"\n' > "$tmp/b.c"
printf '#include <misc/habanalabs.h>\n#include <habanalabs/hlthunk.h>\n#include "use.h"\n' > "$tmp/c.c"

try() { # description, command...
	what=$1
	shift
	runs=$((runs + 1))
	if ! "$@" 2> "$tmp/err"; then
		echo "FAILED: $what"
		cat "$tmp/err"
		fails=$((fails + 1))
	fi
}

cflags="-std=gnu11 -Wall -Wextra -Wpedantic -Werror -fsyntax-only -I$tmp/inc -I$tmp"
cxxflags="-x c++ -std=c++11 -Wall -Wextra -Werror -fsyntax-only -I$tmp/inc -I$tmp"
try "C, <habanalabs/hlthunk.h>" $cc $cflags "$tmp/a.c"
try "C, \"hlthunk.h\"" $cc $cflags -I"$tmp/inc/habanalabs" "$tmp/b.c"
try "C, own definitions" $cc $cflags -DHLTHUNK_OWN_UAPI "$tmp/a.c"
try "C++, own definitions" $cxx $cxxflags -DHLTHUNK_OWN_UAPI "$tmp/a.c"
if [ -f /usr/include/misc/habanalabs.h ]; then
	try "C, after <misc/habanalabs.h>" $cc $cflags "$tmp/c.c"
fi
if [ -n "$uapi" ] && [ -f "$uapi/drm/habanalabs_accel.h" ]; then
	try "C, kernel header" $cc $cflags -isystem "$uapi" "$tmp/a.c"
	try "C++, kernel header" $cxx $cxxflags -isystem "$uapi" "$tmp/a.c"
fi
echo "$runs compilations, $fails failed"
[ "$fails" -eq 0 ]
