#!/bin/sh
# Fetch the newest upstream habanalabs uapi header (drm/habanalabs_accel.h)
# without touching the system: linux-libc-dev from the backports suite of
# the machine's own Debian mirror, downloaded with a private apt
# configuration and unpacked into DEST (default: build-uapi in the source
# tree).  The abi suite checks the library's kernel-ABI declarations
# against it; without it that check is skipped, with the reason.
# Usage: scripts/fetch-uapi.sh [DEST]
set -eu
src=$(cd "$(dirname "$0")/.." && pwd)
dest=${1:-"$src/build-uapi"}
hdr="$dest/usr/include/drm/habanalabs_accel.h"
if [ -f "$hdr" ]; then
	echo "uapi header present: $hdr"
	exit 0
fi

# the release and the mirror this machine already uses
. /etc/os-release
codename=${VERSION_CODENAME:?no VERSION_CODENAME in /etc/os-release}
mirror=$(python3 - "$codename" <<'PY'
import glob, sys
codename = sys.argv[1]
def one_line(path):
    for line in open(path):
        f = line.split("#")[0].split()
        if len(f) >= 3 and f[0] == "deb":
            i = 1
            while f[i].startswith("["):
                while not f[i].endswith("]"):
                    i += 1
                i += 1
            if f[i + 1] == codename:
                yield f[i]
def deb822(path):
    for stanza in open(path).read().split("\n\n"):
        d = {}
        for line in stanza.splitlines():
            if ":" in line and not line.startswith(("#", " ")):
                k, v = line.split(":", 1)
                d[k.strip().lower()] = v.split()
        if codename in d.get("suites", []) and "deb" in d.get("types", []):
            for uri in d.get("uris", []):
                yield uri
found = []
for p in glob.glob("/etc/apt/sources.list") + glob.glob("/etc/apt/sources.list.d/*.list"):
    found += list(one_line(p))
for p in glob.glob("/etc/apt/sources.list.d/*.sources"):
    found += list(deb822(p))
print(found[0] if found else "")
PY
)
if [ -z "$mirror" ]; then
	echo "no Debian mirror for $codename in the apt sources" >&2
	exit 1
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/lists/partial" "$work/cache/archives/partial"
echo "deb $mirror $codename-backports main" > "$work/sources.list"
apt_opts="-o APT::Sandbox::User=$(id -un) -o Dir::Etc::SourceList=$work/sources.list -o Dir::Etc::SourceParts=/dev/null
	-o Dir::State::Lists=$work/lists -o Dir::Cache=$work/cache
	-o Debug::NoLocking=1 -o APT::Get::List-Cleanup=0"
# shellcheck disable=SC2086
apt-get $apt_opts update >/dev/null
# shellcheck disable=SC2086
(cd "$work" && apt-get $apt_opts download "linux-libc-dev/$codename-backports" >/dev/null)
deb=$(ls "$work"/linux-libc-dev_*.deb)
mkdir -p "$dest"
dpkg -x "$deb" "$dest"
basename "$deb" > "$dest/VERSION"
test -f "$hdr"
echo "uapi header from $(cat "$dest/VERSION"): $hdr"
