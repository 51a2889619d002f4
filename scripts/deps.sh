#!/bin/sh
# Install what building and testing hlaccel needs on Debian 12 (bookworm)
# or newer.  Run as root, or it re-runs itself through sudo.
set -eu
if [ "$(id -u)" != 0 ]; then
	exec sudo "$0" "$@"
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y --no-install-recommends \
	build-essential clang llvm meson ninja-build pkg-config python3 \
	linux-libc-dev libdrm-dev libcmocka-dev libibverbs-dev mandoc \
	binutils file git debhelper dpkg-dev fakeroot lintian
