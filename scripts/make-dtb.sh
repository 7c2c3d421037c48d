#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Derive a device tree for QEMU's arm64 "virt" machine with a restricted DMA
# pool: QEMU's own tree (dumpdtb) plus a restricted-dma-pool reserved-memory
# node, the "/dma-direct-kunit" node the KUnit test attaches to it and,
# for boot tests, memory-region properties on the virtio-mmio transports.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

usage()
{
	echo "usage: $0 OUT.dtb [--virtio]   (env: QEMU_MACHINE_ARGS)" >&2
	exit 2
}

[ $# -ge 1 ] && [ $# -le 2 ] || usage
out=$1
virtio=${2:-}
[ -z "$virtio" ] || [ "$virtio" = --virtio ] || usage

# Must match the machine the tree is booted on: kunit.py's arm64 config.
read -r -a machine <<<"${QEMU_MACHINE_ARGS:--machine virt -cpu max -m 1024}"
POOL_BASE=0x7c000000
POOL_SIZE=0x400000

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
qemu-system-aarch64 -nodefaults -nographic "${machine[@]}" \
	-machine dumpdtb="$tmp/virt.dtb" >"$tmp/qemu.log" 2>&1 ||
	{ cat "$tmp/qemu.log" >&2; die "qemu-system-aarch64 cannot dump its device tree"; }
dtc -q -I dtb -O dts -o "$tmp/virt.dts" "$tmp/virt.dtb"

{
	cat "$tmp/virt.dts"
	cat <<DTS

/ {
	reserved-memory {
		#address-cells = <2>;
		#size-cells = <2>;
		ranges;

		restricted_dma: restricted-dma@${POOL_BASE#0x} {
			compatible = "restricted-dma-pool";
			reg = <0x0 $POOL_BASE 0x0 $POOL_SIZE>;
		};
	};

	dma-direct-kunit {
		memory-region = <&restricted_dma>;
	};
};
DTS
	if [ -n "$virtio" ]; then
		# Every virtio-mmio transport does its DMA through the pool.
		sed -n 's/^\t\(virtio_mmio@[0-9a-f]*\) {$/\1/p' "$tmp/virt.dts" |
			while read -r node; do
				printf '\n&{/%s} {\n\tmemory-region = <&restricted_dma>;\n};\n' "$node"
			done
	fi
} >"$tmp/pool.dts"
dtc -q -I dts -O dtb -o "$out" "$tmp/pool.dts"
echo "$out: restricted-dma-pool at $POOL_BASE, size $POOL_SIZE${virtio:+, virtio-mmio attached}"
