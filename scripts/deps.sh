#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Install the Debian packages the harness needs, where missing, and the
# extra PACKAGEs one target needs.  As root it runs apt-get; otherwise it
# prints the command to run.
set -euo pipefail

case ${1:-} in -*) echo "usage: $0 [PACKAGE...]" >&2; exit 2 ;; esac

packages=(
	bc bison flex cpio kmod rsync xz-utils python3 perl git make gcc
	libelf-dev libssl-dev
	gcc-aarch64-linux-gnu libc6-dev-arm64-cross
	gcc-arm-linux-gnueabihf gcc-riscv64-linux-gnu gcc-powerpc64le-linux-gnu
	gcc-s390x-linux-gnu
	qemu-system-x86 qemu-system-arm device-tree-compiler
	ccache sparse bats
	python3-sphinx python3-yaml python3-ply python3-git
	"$@"
)
missing=()
for p in "${packages[@]}"; do
	dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q '^install ok installed' ||
		missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
	echo "all ${#packages[@]} packages are installed"
	exit 0
fi
cmd=(apt-get install -y --no-install-recommends "${missing[@]}")
if [ "$(id -u)" -ne 0 ]; then
	echo "missing packages; as root run:" >&2
	echo "  apt-get update && ${cmd[*]}" >&2
	exit 1
fi
echo ">>> installing: ${missing[*]}" >&2
apt-get update -q
DEBIAN_FRONTEND=noninteractive "${cmd[@]}"
