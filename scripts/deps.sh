#!/bin/sh
# Install what building and testing hlaccel needs on Debian 12 (bookworm)
# or newer, and fetch the newest upstream uapi header for the abi suite
# (scripts/fetch-uapi.sh; the check is skipped when that fails).  Run as
# root, or it re-runs itself through sudo.  libclang-rt-14-dev holds the
# libFuzzer and sanitizer runtimes of clang 14 (the fuzz suite).
set -eu
if [ "$(id -u)" != 0 ]; then
	exec sudo "$0" "$@"
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y --no-install-recommends \
	build-essential clang libclang-rt-14-dev llvm meson ninja-build pkg-config python3 \
	linux-libc-dev libcmocka-dev libibverbs-dev mandoc abigail-tools valgrind \
	binutils file git xz-utils debhelper dpkg-dev fakeroot lintian \
	dh-python python3-pytest python3-matplotlib bash-completion
"$(dirname "$0")/fetch-uapi.sh" || echo "warning: no newer uapi header; the abi suite will skip that check"
