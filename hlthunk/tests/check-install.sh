#!/bin/sh
# SPDX-License-Identifier: MIT
# Install the build into a scratch directory and look where the programs
# written for hl-thunk look: the library (soname libhl-thunk.so.1) in the
# library directory and in <libdir>/habanalabs, the header as
# <habanalabs/hlthunk.h>, hl-thunk.pc; then build a program both ways
# (-I<includedir>/habanalabs -L<libdir>/habanalabs -lhl-thunk, and
# pkg-config) and run it.
# usage: check-install.sh BUILDDIR PREFIX LIBDIR INCLUDEDIR CC
set -eu
build=$1 prefix=$2 libdir=$3 incdir=$4 cc=$5
case $libdir in /*) ;; *) libdir=$prefix/$libdir ;; esac
case $incdir in /*) ;; *) incdir=$prefix/$incdir ;; esac
dest=$(mktemp -d)
trap 'rm -rf "$dest"' EXIT
meson install -C "$build" --destdir "$dest" --no-rebuild --quiet > "$dest/install.log" 2>&1 ||
	{ cat "$dest/install.log"; exit 1; }
lib=$dest$libdir inc=$dest$incdir
fails=0
check() { # description, test...
	what=$1
	shift
	if ! "$@"; then
		echo "FAILED: $what"
		fails=$((fails + 1))
	fi
}
check "libhl-thunk.so.1 in the library directory" test -f "$lib/libhl-thunk.so.1"
check "libhl-thunk.so in the library directory" test -e "$lib/libhl-thunk.so"
check "libhl-thunk.so in <libdir>/habanalabs" test -e "$lib/habanalabs/libhl-thunk.so"
check "<habanalabs/hlthunk.h>" test -f "$inc/habanalabs/hlthunk.h"
check "<habanalabs/hlthunk_uapi.h>" test -f "$inc/habanalabs/hlthunk_uapi.h"
check "hl-thunk.pc" test -f "$lib/pkgconfig/hl-thunk.pc"
soname=$(readelf -d "$lib/habanalabs/libhl-thunk.so" | sed -n 's/.*SONAME.*\[\(.*\)\]/\1/p')
check "soname libhl-thunk.so.1 (got '$soname')" test "$soname" = libhl-thunk.so.1

cat > "$dest/prog.c" <<'X'
#include <stdio.h>
#include "hlthunk.h"
int main(void)
{
	char *v = hlthunk_get_version();
	int n = hlthunk_get_device_count(HLTHUNK_DEVICE_DONT_CARE);

	printf("%s, %d device(s)\n", v ? v : "?", n);
	hlthunk_free(v);
	return v ? 0 : 1;
}
X
check "build with -I<inc>/habanalabs -L<libdir>/habanalabs -lhl-thunk" \
	$cc -o "$dest/prog1" "$dest/prog.c" -I"$inc/habanalabs" -L"$lib/habanalabs" -lhl-thunk \
	-Wl,-rpath-link,"$lib"
flags=$(PKG_CONFIG_SYSROOT_DIR=$dest PKG_CONFIG_PATH=$lib/pkgconfig \
	pkg-config --cflags --libs hl-thunk)
check "build with pkg-config ($flags)" $cc -o "$dest/prog2" "$dest/prog.c" $flags \
	-Wl,-rpath-link,"$lib"
for p in prog1 prog2; do
	check "run $p" env LD_LIBRARY_PATH="$lib" "$dest/$p"
done
needed=$(readelf -d "$dest/prog1" | sed -n 's/.*NEEDED.*\[\(libhl-thunk[^]]*\)\]/\1/p')
check "programs record the soname (got '$needed')" test "$needed" = libhl-thunk.so.1
echo "install layout: $fails problem(s)"
[ "$fails" -eq 0 ]
