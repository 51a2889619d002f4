#!/bin/sh
# Check an installed tree (DESTDIR given as $1): header, library with the
# right soname, pkg-config file, man pages; then compile and run a program
# against it through pkg-config.
set -eu
dest=$1
pc=$(find "$dest" -name hlaccel.pc | head -n 1)
[ -n "$pc" ] || { echo "hlaccel.pc not installed"; exit 1; }
prefix=$(sed -n 's/^prefix=//p' "$pc")
export PKG_CONFIG_PATH=$(dirname "$pc")
export PKG_CONFIG_SYSROOT_DIR="$dest"
hdr=$(find "$dest" -path '*/hlaccel/hlaccel.h' | head -n 1)
[ -n "$hdr" ] || { echo "header not installed"; exit 1; }
[ -f "$(dirname "$hdr")/hlaccel_version.h" ] || { echo "version header not installed"; exit 1; }
so=$(find "$dest" -name 'libhlaccel.so.1' | head -n 1)
[ -n "$so" ] || { echo "libhlaccel.so.1 not installed"; exit 1; }
readelf -d "$so" | grep -q 'SONAME.*\[libhlaccel.so.1\]' || { echo "bad soname"; exit 1; }
find "$dest" -name 'hlaccel.7*' | grep -q . || { echo "hlaccel(7) not installed"; exit 1; }
find "$dest" -name 'hla_cs_submit.3*' | grep -q . || { echo "man3 pages not installed"; exit 1; }
# the tools come with their bash completion
for t in hla-info hla-p2p-copy; do
	find "$dest" -path "*/bin/$t" | grep -q . || continue
	find "$dest" -path "*/bash-completion/completions/$t" | grep -q . ||
		{ echo "bash completion of $t not installed"; exit 1; }
done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cat > "$tmp/t.c" <<'C'
#include <hlaccel/hlaccel.h>
#include <stdio.h>
#if !HLA_CHECK_VERSION(1, 0, 0)
#error "the installed header is older than 1.0.0"
#endif
int main(void)
{
	int v = hla_version();
	if (v < HLA_VERSION_CODE(1, 0, 0) || (v >> 16) != HLA_VERSION_MAJOR)
		return 1;
	printf("linked against hlaccel %d.%d.%d\n", v >> 16, (v >> 8) & 0xff, v & 0xff);
	return 0;
}
C
cflags=$(pkg-config --cflags hlaccel)
libs=$(pkg-config --libs hlaccel)
libdir=$(dirname "$so")
cc -std=c11 -Wall -Werror $cflags "$tmp/t.c" -o "$tmp/t" $libs -Wl,-rpath-link,"$libdir"
LD_LIBRARY_PATH="$libdir" "$tmp/t"
echo "install check: ok (prefix $prefix)"
