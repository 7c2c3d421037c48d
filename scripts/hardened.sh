#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# The hardened run: the KUnit suite with KASAN, DEBUG_VM, PROVE_LOCKING and
# DMA_API_DEBUG on (kunit/hardened.config).  It must pass, and the kernel
# log must hold no report from any of them.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

[ $# -eq 1 ] || { echo "usage: $0 x86_64|arm64   (env: BASE, KERNEL_SRC)" >&2; exit 2; }
arch=$1
export KUNIT_FLAVOUR=hardened KUNIT_FRAGMENTS="$TOP/kunit/hardened.config"
out=$(kunit_dir "$arch")
rc=0
"$TOP/scripts/kunit.sh" "$arch" || rc=$?
[ $rc -eq 0 ] || { echo "FAIL hardened $arch: the suite failed"; exit 1; }

# kunit.py keeps the whole kernel log in test.log.  KASAN and DMA-API
# debug reports come as BUG: and WARNING: lines, lockdep's as its own.
reports='BUG:|WARNING:|UBSAN|possible recursive locking|possible circular locking|inconsistent lock state|Oops|Call Trace'
if grep -En "$reports" "$out/test.log"; then
	echo "FAIL hardened $arch: reports in $out/test.log (above)"
	exit 1
fi
echo "ok   hardened $arch: suite passed, no KASAN, lockdep, DEBUG_VM or DMA-API report in $out/test.log"
