#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Build and run the series' KUnit suite with kunit.py (UML, or QEMU), in
# the work tree of 'make apply'.  A suite that brings its own restricted
# DMA pool (its kunitconfig turns CONFIG_DMA_RESTRICTED_POOL on) runs as a
# maintainer runs it: --kunitconfig=kernel/dma and the architecture, no
# other option.  For an older suite the harness adds its configs and, on
# arm64, a device tree with a restricted DMA pool.  Results (kunit.py's
# JSON) go to the build directory.  Extra kunitconfig fragments:
# KUNIT_FRAGMENTS="file ...".
set -euo pipefail
. "$(dirname "$0")/lib.sh"

[ $# -eq 1 ] || { echo "usage: $0 um|x86_64|arm64   (env: BASE, KERNEL_SRC, KUNIT_FRAGMENTS, KUNIT_FLAVOUR)" >&2; exit 2; }
arch=$1
cross=$(cross_compile "$arch")
work=$(applied_work_tree)
out=$(kunit_dir "$arch")

[ -f "$work/kernel/dma/.kunitconfig" ] ||
	die "the series in $work has no KUnit suite (no kernel/dma/.kunitconfig)"

own_pool=0
suite_has_own_pool "$work" && own_pool=1
[ $own_pool -eq 1 ] || [ "$arch" != um ] ||
	die "the suite in $work takes its pool from a device tree: no UML run"

args=(--kunitconfig=kernel/dma)
[ $own_pool -eq 1 ] || args+=(--kunitconfig="$TOP/kunit/$arch.config")
for f in ${KUNIT_FRAGMENTS:-}; do
	args+=(--kunitconfig="$f")
done
# build options only: where, how many jobs, through ccache
args+=(--arch="$arch" --build_dir="$out" --jobs="$(nproc)"
       --make_options="CC=ccache ${cross}gcc" --json="$out/results.json")
[ -z "$cross" ] || args+=(--cross_compile="$cross")
if [ "$arch" = arm64 ] && [ $own_pool -eq 0 ]; then
	mkdir -p "$out"
	"$TOP/scripts/make-dtb.sh" "$out/pool.dtb"
	args+=(--qemu_args="-dtb $out/pool.dtb")
fi

# QEMU under TCG only: see scripts/tcg/qemu-system-tcg.
export PATH="$TOP/scripts/tcg:$PATH"
cd "$work"
echo "\$ cd $work && PATH=$TOP/scripts/tcg:\$PATH tools/testing/kunit/kunit.py run ${args[*]}"
rc=0
python3 tools/testing/kunit/kunit.py run "${args[@]}" || rc=$?
echo "JSON results: $out/results.json"
exit $rc
