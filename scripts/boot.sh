#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Boot tests: build a small guest kernel (boot/ARCH.config on allnoconfig)
# from the series and from the unpatched base, boot each in QEMU under TCG
# with a virtio disk and boot/init.c as init, which writes, reads back and
# verifies a pattern across the disk.  arm64 does its virtio DMA through a
# restricted DMA pool, as a pKVM protected guest does; x86_64 boots plain
# and with swiotlb=force.  The series' boots are the gates; the base's
# results are recorded beside them.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

[ $# -eq 1 ] || { echo "usage: $0 x86_64|arm64   (env: BASE, KERNEL_SRC, BOOT_SERIES_ONLY=1)" >&2; exit 2; }
arch=$1
work=$(applied_work_tree)
image=$(guest_image "$arch")
mkdir -p "$LOG_DIR"
export PATH="$TOP/scripts/tcg:$PATH"

case $arch in
arm64)
	machine="-machine virt -cpu max -m 1024 -smp 2"
	console=ttyAMA0
	disk_dev="-device virtio-blk-device,drive=d0,iommu_platform=on -global virtio-mmio.force-legacy=false"
	runs=("pool::restricted-dma@7c000000")
	;;
x86_64)
	machine="-m 1024 -smp 2"
	console=ttyS0
	disk_dev="-device virtio-blk-pci,drive=d0,disable-legacy=on,iommu_platform=on"
	runs=("plain::" "swiotlb-force:swiotlb=force:swiotlb")
	;;
*) die "unknown ARCH '$arch'" ;;
esac

# build SRC OUT: the guest kernel, its init and its initramfs.
build()
{
	guest_kernel "$arch" "$1" "$2" "$TOP/boot/$arch.config"
	guest_initramfs "$arch" "$2" "$TOP/boot/init.c"
}

# boot NAME OUT CMDLINE POOL: one boot; prints its result line.  POOL is the
# swiotlb pool (debugfs directory name) the disk's DMA must go through.
boot()
{
	local name=$1 out=$2 cmdline=$3 pool=$4 log=$LOG_DIR/boot-$arch-$BASE-$1.log extra=() ok=1 why=""
	# 7.3 keeps the pools' high-water marks only when swiotlb= asks for it.
	if [ "$BASE" = 7.3 ]; then
		case $cmdline in
		*swiotlb=*) cmdline=$(sed -E 's/(swiotlb=[^ ]*)/\1,track_hiwater/' <<<"$cmdline") ;;
		*) cmdline+=" swiotlb=track_hiwater" ;;
		esac
	fi
	truncate -s 0 "$out/disk.img"
	truncate -s 64M "$out/disk.img"
	if [ "$arch" = arm64 ]; then
		QEMU_MACHINE_ARGS="$machine" "$TOP/scripts/make-dtb.sh" "$out/virt.dtb" --virtio >/dev/null
		extra=(-dtb "$out/virt.dtb")
	fi
	# shellcheck disable=SC2086
	timeout 300 qemu-system-"${arch/arm64/aarch64}" -nodefaults -nographic -no-reboot \
		$machine -accel tcg -serial stdio "${extra[@]}" \
		-kernel "$out/$image" -initrd "$out/initramfs.cpio" \
		-append "console=$console panic=-1 $cmdline" \
		-drive if=none,file="$out/disk.img",format=raw,id=d0 $disk_dev \
		>"$log" 2>&1 || true
	grep -q 'BOOT-TEST-RESULT .* PASS' "$log" || { ok=0; why+=" data not verified;"; }
	if kernel_reports "$log"; then
		ok=0
		why+=" kernel reports in the log;"
	fi
	if [ -n "$pool" ]; then
		# I/O went through the pool, which is idle again after.
		local before after hiwater
		before=$(sed -n "s/.*pool before $pool used=\([0-9]*\).*/\1/p" "$log")
		after=$(sed -n "s/.*pool after $pool used=\([0-9]*\).*/\1/p" "$log")
		hiwater=$(sed -n "s/.*pool after $pool used=[0-9]* hiwater=\([0-9]*\).*/\1/p" "$log")
		if [ -z "$before" ] || [ -z "$after" ] || [ "${hiwater:-0}" -le "$before" ] || [ "$after" != "$before" ]; then
			ok=0
			why+=" $pool not used or not idle after (used before=${before:-?} after=${after:-?} hiwater=${hiwater:-?});"
		else
			why+=" $pool used: hiwater $hiwater slots, used $before before and $after after;"
		fi
	fi
	local result
	result=$(grep -o 'BOOT-TEST-RESULT.*' "$log" | tr -d '\r' || echo "no result line")
	if [ $ok -eq 1 ]; then
		echo "PASS $result;$why log $log"
	else
		echo "FAIL $result;$why log $log"
	fi
}

failed=0
trees=(series base)
[ -z "${BOOT_SERIES_ONLY:-}" ] || trees=(series)
for tree in "${trees[@]}"; do
	if [ $tree = series ]; then
		src=$work
	else
		src=$(base_worktree)
	fi
	out=$BUILD_DIR/boot-$arch-$BASE-$tree
	run_step "boot-build-$arch-$BASE-$tree" "make boot ARCH=$arch" build "$src" "$out" >&2
	for run in "${runs[@]}"; do
		IFS=: read -r name cmdline pool <<<"$run"
		line=$(boot "$tree-$name" "$out" "$cmdline" "$pool")
		if [ $tree = series ]; then
			case $line in PASS*) echo "ok   boot $arch $name: ${line#PASS }" ;;
			*) echo "FAIL boot $arch $name: ${line#FAIL }"; failed=$((failed + 1)) ;; esac
		else
			echo "note: unpatched base, boot $arch $name: $line"
		fi
	done
done
[ $failed -eq 0 ]
