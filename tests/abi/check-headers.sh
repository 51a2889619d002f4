#!/bin/sh
# Each public header must compile on its own, as C and as C++, and include
# only standard C headers.
set -eu
incdir=$1
genincdir=$2
cc=$3
cxx=${4:-}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
for h in "$incdir"/hlaccel/*.h "$genincdir"/hlaccel/*.h; do
	rel=hlaccel/${h##*/}
	if grep -nE '^[[:space:]]*#[[:space:]]*include[[:space:]]*<(linux|misc|drm|asm|sys)/' "$h"; then
		echo "$rel includes a non-standard header"
		fail=1
	fi
	printf '#include <%s>\nint main(void) { return 0; }\n' "$rel" > "$tmp/t.c"
	for std in c99 c11 c17; do
		"$cc" -std=$std -pedantic -Wall -Wextra -Wpadded -Werror -I"$incdir" -I"$genincdir" -c "$tmp/t.c" -o "$tmp/t.o" ||
			{ echo "$rel: fails as $std"; fail=1; }
	done
	if [ -n "$cxx" ]; then
		cp "$tmp/t.c" "$tmp/t.cc"
		for std in c++11 c++17; do
			"$cxx" -std=$std -pedantic -Wall -Wextra -Wpadded -Werror -I"$incdir" -I"$genincdir" -c "$tmp/t.cc" -o "$tmp/t.o" ||
				{ echo "$rel: fails as $std"; fail=1; }
		done
	fi
	echo "$rel: self-contained"
done
exit $fail
