#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Speed of coherent DMA allocations, base against series, on arm64 under
# QEMU TCG: a small guest kernel of each (boot/arm64.config plus modules)
# loads bench/dma_bench.ko, which times alloc+free pairs for a coherent, a
# non-coherent and a restricted-pool device.  The kernels are booted in
# turn, base then series, PAIRS times (A B A B ...), with -icount so that
# guest time follows the instructions run.  bench-table.py turns the logs
# into series/base ratios in build/bench-arm64-BASE.md.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

usage()
{
	echo "usage: $0 [PAIRS]   (default 3; env: BASE, BENCH_QEMU_ARGS)" >&2
	exit 2
}

[ $# -le 1 ] || usage
pairs=${1:-3}
[[ $pairs =~ ^[1-9][0-9]*$ ]] || usage
arch=arm64
work=$(applied_work_tree)
image=$(guest_image $arch)
machine="-machine virt -cpu max -m 1024 -smp 1"
qemu_args=${BENCH_QEMU_ARGS--icount shift=0,sleep=off}
table=$BUILD_DIR/bench-$arch-$BASE.md
mkdir -p "$LOG_DIR"
export PATH="$TOP/scripts/tcg:$PATH"

# build SRC OUT: the guest kernel, the module built against it, the initramfs.
build()
{
	local src=$1 out=$2
	guest_kernel $arch "$src" "$out" "$TOP/boot/$arch.config" "$TOP/bench/modules.config"
	# modules: vmlinux's Module.symvers, which the module is checked against
	guest_make $arch "$src" "$out" modules
	rm -rf "$out/bench-mod"
	mkdir -p "$out/bench-mod"
	cp "$TOP/bench/dma_bench.c" "$TOP/bench/Kbuild" "$out/bench-mod/"
	guest_make $arch "$src" "$out" M="$out/bench-mod" W=1 modules
	guest_initramfs $arch "$out" "$TOP/bench/init.c" "$out/bench-mod/dma_bench.ko"
	QEMU_MACHINE_ARGS="$machine" "$TOP/scripts/make-dtb.sh" "$out/virt.dtb"
}

run_log()
{
	echo "$LOG_DIR/bench-$arch-$BASE-$1-$2.log"
}

# run TREE N: one boot; its log is the benchmark's output.
run()
{
	local out=$BUILD_DIR/bench-$arch-$BASE-$1 log
	log=$(run_log "$1" "$2")
	# shellcheck disable=SC2086
	timeout 900 qemu-system-aarch64 -nodefaults -nographic -no-reboot \
		$machine -accel tcg $qemu_args -serial stdio -dtb "$out/virt.dtb" \
		-kernel "$out/$image" -initrd "$out/initramfs.cpio" \
		-append "console=ttyAMA0 panic=-1" >"$log" 2>&1 || true
	grep -q 'BENCH-RESULT PASS' "$log" ||
		die "benchmark run $1 $2 failed: $(grep -o 'BENCH-RESULT.*' "$log" || echo 'no result line'); log $log"
	! kernel_reports "$log" ||
		die "benchmark run $1 $2: the kernel reports a problem; log $log"
}

run_step "bench-build-$arch-$BASE-series" "make bench" build "$work" "$BUILD_DIR/bench-$arch-$BASE-series"
base_src=$(base_worktree)
run_step "bench-build-$arch-$BASE-base" "make bench" build "$base_src" "$BUILD_DIR/bench-$arch-$BASE-base"

logs=()
for i in $(seq "$pairs"); do
	for tree in base series; do
		say "run $i of $pairs: $tree"
		run $tree "$i"
		logs+=("$tree:$(run_log $tree "$i")")
	done
done
{
	echo "QEMU $(qemu-system-aarch64 --version | head -n 1 | sed 's/.*version //'):" \
	     "\`$machine -accel tcg $qemu_args\`, $pairs boots each, base and series in turn." \
	     "Each figure is the time of one alloc+free pair, the median of the rounds of a" \
	     "boot (bench/dma_bench.c), then of the boots."
	case $qemu_args in
	*icount*shift=0*) echo "With \`-icount shift=0\` guest time advances 1 ns per instruction:" \
			     "the figures count instructions, not host time." ;;
	esac
	echo
	"$TOP/scripts/bench-table.py" "${logs[@]}"
} >"$table"
cat "$table"
