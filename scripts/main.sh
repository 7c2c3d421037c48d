#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# What plain 'make' does: install what is missing, prepare the base, apply
# the series, build and run its KUnit suite in QEMU (arm64 by default: the
# architecture where every case runs, with a real restricted DMA pool), and
# say what ran and what to do next.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

[ $# -eq 0 ] || { echo "usage: $0   (env: BASE, KERNEL_SRC, ARCH)" >&2; exit 2; }
arch=${ARCH:-arm64}
cross_compile "$arch" >/dev/null
start=$SECONDS
# Before anything is downloaded or built: as root this installs what is
# missing, otherwise it prints the command and stops here.
"$TOP/scripts/deps.sh"
run_step apply "make apply" "$TOP/scripts/apply.sh"
run_step "kunit-$arch" "make kunit ARCH=$arch" "$TOP/scripts/kunit.sh" "$arch"
json=$(kunit_dir "$arch")/results.json
"$TOP/scripts/kunit-summary.py" "$json" "$arch" "$(dirname "$json")/test.log" | sed 's/^/    /'
say "done in $((SECONDS - start)) s; JSON results in $json"
echo "next: 'make check' runs every gate (about 41 min cold, 17 warm); 'make prove' puts each"
echo "      fixed bug back and shows which cases catch it"
