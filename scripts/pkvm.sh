#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# make pkvm: the series on a real pKVM hypervisor.  One small arm64 kernel
# (allnoconfig + boot/arm64.config + pkvm/kernel.config, with the
# harness-only pkvm/force-7.3.patch) boots in QEMU TCG as the host, with
# kvm-arm.mode=protected; its init (pkvm/host-init.c) runs pkvm/vmm, which
# boots the series' or the base's kernel as a protected VM with a virtio
# block device.  The guest runs boot/init.c (write, read back, verify); the
# VMM reports any guest page it was refused.  With BASE=7.3 the kernel is
# the mainline series' with its KUnit suite, which the protected guest runs
# at boot: mainline 7.3 forces pKVM guests unencrypted itself, so the
# suite's forced cases run against the real thing, atomic pools included.
# One "ok   ..." or "FAIL ..." line per run; logs in build/logs/pkvm-*.log.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

[ $# -eq 0 ] || { echo "usage: $0   (env: BASE=7.2|7.3, KERNEL_SRC, PKVM_RUNS='NAME...')" >&2; exit 2; }

# The guest's memory map beyond what pkvm/vmm/vmm.h fixes.
POOL_BASE=0x87000000
POOL_SIZE=0x400000
INITRD_BASE=0x84000000
DISK_SIZE=2M

# NAME TREE DEVICE GUEST-PARAMETER VMM-FLAGS EXPECTED, where DEVICE is
# coherent-pool, noncoherent-pool, noncoherent (no pool) or kunit (no pool:
# the suite makes its own) and EXPECTED says what the run must show (see
# check_run).  7.2's kernels get the harness-only forcing patch; 7.3 forces
# pKVM guests itself.
case $BASE in
7.2)
	PATCH=$TOP/pkvm/force-7.3.patch
	KUNIT=
	UNFIX=
	pk=$BUILD_DIR/pkvm
	RUNS=(
	"coherent-pool series coherent-pool - - io-through-pool"
	"noncoherent-pool series noncoherent-pool - - io-through-pool"
	"forced-coherent-pool series coherent-pool pkvm_harness=force - io-through-pool"
	"forced-coherent-pool base coherent-pool pkvm_harness=force - bug1"
	"forced-noncoherent series noncoherent pkvm_harness=force - io"
	"forced-noncoherent base noncoherent pkvm_harness=force - bug3"
	"control-no-access-platform series coherent-pool - --no-access-platform fault-outside-pool"
	"control-no-pkvm-guest series coherent-pool pkvm_harness=off - fault-in-pool"
	)
	;;
7.3)
	PATCH=
	KUNIT=1
	pk=$BUILD_DIR/pkvm-7.3
	# 7.2's fourth bug needs atomic pools that are shared: only here.
	UNFIX=$TOP/unfix/7.3/pkvm/6-atomic-pages-freed-by-linear-address.patch
	RUNS=(
	"kunit series kunit - - kunit"
	"kunit-unfix-6 unfix kunit - - kunit-catches-unfix-6"
	)
	;;
*) die "make pkvm runs on the 7.2 and 7.3 bases only (BASE=$BASE)" ;;
esac

# The runs PKVM_RUNS names (default: all), and the trees they need: always
# the series, whose kernel is also the host.
selected=()
trees=(series)
for run in "${RUNS[@]}"; do
	read -r name tree _ <<<"$run"
	case " ${PKVM_RUNS:-$name} " in *" $name "*) ;; *) continue ;; esac
	selected+=("$run")
	case " ${trees[*]} " in *" $tree "*) ;; *) trees+=("$tree") ;; esac
done
[ ${#selected[@]} -gt 0 ] || die "PKVM_RUNS='${PKVM_RUNS:-}' names no run; runs: $(printf '%s\n' "${RUNS[@]}" | cut -d' ' -f1 | sort -u | tr '\n' ' ')"

work=$(applied_work_tree)
host=$pk-host
mkdir -p "$LOG_DIR" "$host"

# prepare_src COMMIT [UNFIX]: $pk-src at COMMIT with the forcing patch (7.2)
# or UNFIX on top, uncommitted.  Moving between the base and the series
# keeps the forcing patch and touches only the files the series changes,
# so both kernels stay warm.
prepare_src()
{
	local src=$pk-src
	if [ ! -e "$src/.git" ]; then
		git -C "$work" worktree prune
		git -C "$work" worktree add -q --detach "$src" "$1"
	fi
	# an un-fix left from the last run would block the checkout
	[ -n "$PATCH" ] || git -C "$src" checkout -q -- .
	git -C "$src" checkout -q --detach "$1"
	if [ -n "$PATCH" ] && ! git -C "$src" apply --reverse --check "$PATCH" 2>/dev/null; then
		git -C "$src" checkout -q -- .
		git -C "$src" apply "$PATCH"
	fi
	[ -z "${2:-}" ] || git -C "$src" apply "$2"
}

# build TREE: the kernel of TREE (series, base, or unfix: the series with
# UNFIX on top); the series' is also the host.
build()
{
	local out=$pk-$1
	local fragments=("$TOP/boot/arm64.config" "$TOP/pkvm/kernel.config")
	case $1 in
	series) prepare_src "$(git -C "$work" rev-parse HEAD)" ;;
	base) prepare_src "$(cat "$work.base")" ;;
	unfix) prepare_src "$(git -C "$work" rev-parse HEAD)" "$UNFIX" ;;
	esac
	# 7.3: the series' KUnit suite built in, configured as make kunit does.
	[ -z "$KUNIT" ] || fragments+=("$TOP/kunit/arm64.config" "$pk-src/kernel/dma/.kunitconfig" \
		"$TOP/pkvm/kunit.config")
	guest_kernel arm64 "$pk-src" "$out" "${fragments[@]}"
	grep -q '^CONFIG_ARM_PKVM_GUEST=y' "$out/.config" || die "$out/.config has no ARM_PKVM_GUEST"
	grep -q '^CONFIG_KVM=y' "$out/.config" || die "$out/.config has no KVM"
}

# The VMM, the host's init and the guest's initramfs (boot/init.c).
build_userspace()
{
	local cc
	cc=$(cross_compile arm64)gcc
	$cc -O2 -Wall -Wextra -Wno-unused-parameter -static -o "$host/vmm" "$TOP"/pkvm/vmm/*.c
	$cc -O2 -Wall -static -o "$host/host-init" "$TOP/pkvm/host-init.c"
	guest_initramfs arm64 "$pk-series" "$TOP/boot/init.c"
}

# guest_dts DEVICE CMDLINE INITRD_SIZE: the protected guest's device tree.
guest_dts()
{
	local device=$1 cmdline=$2 end region="" coherent=""
	end=$(printf '0x%x' $((INITRD_BASE + $3)))
	case $device in *-pool) region="memory-region = <&pool>;" ;; esac
	case $device in coherent-*) coherent="dma-coherent;" ;; esac
	cat <<DTS
/dts-v1/;
/ {
	compatible = "linux,dummy-virt";
	#address-cells = <2>;
	#size-cells = <2>;
	interrupt-parent = <&gic>;

	chosen {
		bootargs = "$cmdline";
		stdout-path = "/serial@9000000";
		linux,initrd-start = <0x0 $INITRD_BASE>;
		linux,initrd-end = <0x0 $end>;
	};

	memory@80000000 {
		device_type = "memory";
		reg = <0x0 0x80000000 0x0 0x08000000>;
	};

	reserved-memory {
		#address-cells = <2>;
		#size-cells = <2>;
		ranges;

		pool: restricted-dma@${POOL_BASE#0x} {
			compatible = "restricted-dma-pool";
			reg = <0x0 $POOL_BASE 0x0 $POOL_SIZE>;
		};
	};

	cpus {
		#address-cells = <1>;
		#size-cells = <0>;

		cpu@0 {
			device_type = "cpu";
			compatible = "arm,arm-v8";
			reg = <0>;
			enable-method = "psci";
		};
	};

	psci {
		compatible = "arm,psci-1.0", "arm,psci-0.2";
		method = "hvc";
	};

	timer {
		compatible = "arm,armv8-timer";
		interrupts = <1 13 4>, <1 14 4>, <1 11 4>, <1 10 4>;
		always-on;
	};

	gic: interrupt-controller@8000000 {
		compatible = "arm,gic-v3";
		#interrupt-cells = <3>;
		interrupt-controller;
		reg = <0x0 0x08000000 0x0 0x10000>, <0x0 0x080a0000 0x0 0x20000>;
	};

	serial@9000000 {
		compatible = "ns16550a";
		reg = <0x0 0x09000000 0x0 0x1000>;
		clock-frequency = <1843200>;
	};

	virtio@a000000 {
		compatible = "virtio,mmio";
		reg = <0x0 0x0a000000 0x0 0x200>;
		interrupts = <0 16 4>;
		$region
		$coherent
	};
};
DTS
}

# prepare_run DIR TREE DEVICE PARAM: the host's initramfs for one run.
prepare_run()
{
	local dir=$1 tree=$2 device=$3 param=$4 initrd=$pk-series/initramfs.cpio
	local cmdline="console=ttyS0 loglevel=5 panic=-1"
	[ "$param" = - ] || cmdline+=" $param"
	# KUnit reports at KERN_INFO, and powers the guest off when done.
	[ "$device" != kunit ] || cmdline+=" loglevel=7 kunit_shutdown=poweroff"
	mkdir -p "$dir"
	guest_dts "$device" "$cmdline" "$(stat -c %s "$initrd")" >"$dir/guest.dts"
	dtc -q -I dts -O dtb -o "$dir/guest.dtb" "$dir/guest.dts"
	rm -f "$dir/disk.img"
	truncate -s "$DISK_SIZE" "$dir/disk.img"
	initramfs "$pk-series" "$dir/host.cpio" "$host/host-init" \
		"$host/vmm" "$pk-$tree/arch/arm64/boot/Image" "$initrd" \
		"$dir/guest.dtb" "$dir/disk.img"
}

# boot_host DIR LOG VMM-FLAGS: the host in QEMU TCG, running the VMM.
boot_host()
{
	local flags=$3 append
	[ "$flags" != - ] || flags=""
	append="console=ttyAMA0 kvm-arm.mode=protected rdinit=/init panic=-1"
	# The host's own copy of the suite is not what is tested.
	[ -z "$KUNIT" ] || append+=" kunit.enable=0"
	append+=" --"
	append+=" /vmm --kernel /Image --initrd /initramfs.cpio --dtb /guest.dtb"
	append+=" --disk /disk.img --pool $POOL_BASE,$POOL_SIZE $flags"
	timeout 600 qemu-system-aarch64 -nodefaults -nographic -no-reboot \
		-machine virt,virtualization=on,gic-version=3 \
		-cpu max,pauth-impdef=on -smp 1 -m 1024 -accel tcg -serial stdio \
		-kernel "$pk-series/arch/arm64/boot/Image" \
		-initrd "$1/host.cpio" -append "$append" >"$2" 2>&1 || true
	tr -d '\r' <"$2" >"$2.tmp" && mv "$2.tmp" "$2"
}

# check_run LOG PARAM EXPECTED: why the run's log does not show EXPECTED, or
# nothing if it does.  Every run must show the hypervisor in protected mode,
# the guest taking the harness parameter PARAM and, after the guest stopped,
# the guest's kernel page refused to the host.
check_run()
{
	local log=$1 param=$2 expected=$3 why="" fault said
	grep -q 'Protected .*mode initialized successfully' "$log" || why+=" host not in protected mode;"
	said=$(grep -m1 -o 'pkvm_harness: .*' "$log" || true)
	case $param in
	pkvm_harness=force) [ "$said" = "pkvm_harness: forcing unencrypted DMA and swiotlb" ] ;;
	pkvm_harness=off) [ "$said" = "pkvm_harness: memory-sharing ops ignored" ] ;;
	*) [ -z "$said" ] ;;
	esac || why+=" guest did not act on '$param' (${said:-nothing said});"
	fault=$(grep -m1 '^vmm: FAULT' "$log" || true)
	case $expected in
	io*)
		grep -q 'BOOT-TEST-RESULT .* PASS' "$log" || why+=" data not verified;"
		[ -z "$fault" ] || why+=" ${fault#vmm: };"
		grep -q 'host-init: /vmm exited with status 0' "$log" || why+=" vmm did not end cleanly;"
		grep -q 'is private (the host is refused it)' "$log" || why+=" guest kernel page not private;"
		! kernel_reports "$log" || why+=" kernel reports in the log;"
		;;&
	io-through-pool)
		grep -qE 'data buffers: [1-9][0-9]* inside the pool .*, 0 outside' "$log" ||
			why+=" data buffers not all in the pool;"
		grep -q 'rings at .*(inside the pool)' "$log" || why+=" rings not in the pool;"
		# The guest's own count: the pool was used, and is as idle after.
		local before after
		before=$(sed -n 's/^boot-test: pool before restricted-dma@[^ ]* \(used=[0-9]*\) hiwater=[1-9].*/\1/p' "$log")
		after=$(sed -n 's/^boot-test: pool after restricted-dma@[^ ]* \(used=[0-9]*\) hiwater=[1-9].*/\1/p' "$log")
		[ -n "$before" ] && [ "$before" = "$after" ] ||
			why+=" guest's pool counters not idle after (${before:-?} before, ${after:-?} after);"
		;;
	io)
		# Forced guests bounce streaming DMA through the default swiotlb.
		grep -qE 'pool after swiotlb used=0 hiwater=[1-9]' "$log" ||
			why+=" swiotlb not used, or not idle after;"
		;;
	bug1)
		grep -q 'probe with driver virtio_blk failed with error -12' "$log" ||
			why+=" virtio_blk did not fail with -ENOMEM;"
		grep -q 'vmm: virtio-blk: the driver set FAILED' "$log" || why+=" device not FAILED;"
		[ -z "$fault" ] || why+=" unexpected ${fault#vmm: };"
		;;
	bug3 | fault-outside-pool | fault-in-pool)
		echo "$fault" | grep -qE 'while (reading|writing) the (descriptor table|available ring|used ring)' ||
			why+=" no fault on a ring (${fault:-no fault});"
		grep -q 'host-init: /vmm exited with status 3' "$log" || why+=" vmm exit status not 3;"
		;;&
	fault-in-pool)
		in_pool "$fault" || why+=" fault not inside the pool;"
		;;
	fault-outside-pool | bug3)
		! in_pool "$fault" || why+=" fault inside the pool;"
		;;
	kunit)
		why+=$(check_kunit "$log" "$fault")
		;;
	kunit-catches-unfix-6)
		why+=$(check_kunit_catches "$log")
		;;
	esac
	echo "$why"
}

# The forced cases that need the atomic pools shared at boot: under QEMU
# alone they skip; in a protected guest they must pass.
ATOMIC_POOL_CASES=(
	"forced no-pool coherent-dev atomic"
	"forced no-pool noncoherent-dev atomic"
	"forced no-pool coherent-dev dma_alloc_pages_atomic"
	"forced no-pool noncoherent-dev dma_alloc_pages_atomic"
)

# kunit_parse LOG: kunit.py's reading of the guest's KTAP in LOG, into the
# .kunit file beside it; fails if the suite failed or did not run.
kunit_parse()
{
	python3 "$work/tools/testing/kunit/kunit.py" parse "$1" >"${1%.log}.kunit" 2>&1
}

# check_kunit LOG FAULT: the suite ran in the protected guest and passed,
# the atomic pool cases among them; nothing was refused to the host.  The
# suite's injected failures make dma-direct say it leaks pages, so only
# warnings and crashes count as kernel reports here.
check_kunit()
{
	local log=$1 fault=$2 why="" parsed=${1%.log}.kunit c
	kunit_parse "$log" || why+=" suite failed or did not run (see $parsed);"
	grep -q 'Testing complete. Ran [1-9]' "$parsed" || why+=" no suite results;"
	for c in "${ATOMIC_POOL_CASES[@]}"; do
		grep -q "\[PASSED\] $c\$" "$parsed" || why+=" '$c' not passed;"
	done
	[ -z "$fault" ] || why+=" ${fault#vmm: };"
	grep -q 'vmm: guest powered off' "$log" || why+=" guest did not power off;"
	grep -q 'host-init: /vmm exited with status 0' "$log" || why+=" vmm did not end cleanly;"
	grep -q 'is private (the host is refused it)' "$log" || why+=" guest kernel page not private;"
	! kernel_warns "$log" || why+=" kernel reports in the log;"
	echo "$why"
}

# check_kunit_catches LOG: with un-fix 6, the suite fails where the atomic
# pool pages of dma_alloc_pages() are freed, on the pages' reference counts.
check_kunit_catches()
{
	local log=$1 parsed=${1%.log}.kunit why="" c
	! kunit_parse "$log" || why+=" the suite passed with the bug put back;"
	for c in "${ATOMIC_POOL_CASES[@]:2}"; do
		grep -q "\[FAILED\] $c\$" "$parsed" || why+=" '$c' not failed;"
	done
	grep -q 'atomic pool page [0-9]* left its pool on free' "$parsed" ||
		why+=" no reference count assertion failed;"
	echo "$why"
}

# in_pool FAULT-LINE: whether the faulting guest address is in the pool.
in_pool()
{
	local gpa
	gpa=$(echo "$1" | sed -n 's/.*gpa=\(0x[0-9a-f]*\).*/\1/p')
	[ -n "$gpa" ] && [ $((gpa)) -ge $((POOL_BASE)) ] && [ $((gpa)) -lt $((POOL_BASE + POOL_SIZE)) ]
}

# What a run showed, for its result line.
summary()
{
	local log=$1 s
	s=$(cat "$log" "${log%.log}.kunit" 2>/dev/null | grep -m1 -oE 'BOOT-TEST-RESULT.*|Testing complete.*|probe with driver virtio_blk failed.*|^vmm: FAULT gpa=0x[0-9a-f]* .* at 0x[0-9a-f]*' || echo "no result")
	s+="; $(grep -m1 -oE '[0-9]+ requests \(.*' "$log" || echo "no requests")"
	s+="$(sed -n 's/^boot-test: pool after \(restricted[^ ]*\) \(used=[0-9]*\).*/; restricted pool \2 slots after/p' "$log")"
	echo "$s"
}

for tree in "${trees[@]}"; do
	run_step "pkvm-build-$BASE-$tree" "make pkvm" build "$tree"
done
run_step pkvm-userspace "make pkvm" build_userspace

failed=0
for run in "${selected[@]}"; do
	read -r name tree device param flags expected <<<"$run"
	dir=$pk-run/$tree-$name
	log=$LOG_DIR/pkvm-$tree-$name.log
	start=$SECONDS
	say "pkvm $tree $name (log: $log)"
	prepare_run "$dir" "$tree" "$device" "$param"
	boot_host "$dir" "$log" "$flags"
	why=$(check_run "$log" "$param" "$expected")
	line="$tree $name ($expected, $((SECONDS - start)) s): $(summary "$log"); log $log"
	if [ -z "$why" ]; then
		echo "ok   pkvm $line"
	else
		echo "FAIL pkvm $line;$why"
		failed=$((failed + 1))
	fi
done
[ $failed -eq 0 ]
