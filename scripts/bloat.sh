#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# scripts/bloat-o-meter of kernel/dma/direct.o, base against the series
# without its KUnit patch (the last patch) and with it, for every bisect
# config built by 'make bisect'.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

[ $# -eq 0 ] || { echo "usage: $0   (run 'make bisect' first)" >&2; exit 2; }
work=$(applied_work_tree)
n=$(git -C "$work" rev-list --count "$(cat "$work.base")..$WORK_BRANCH")
for obj in "$BUILD_DIR"/bisect-"$BASE"/*/; do
	name=$(basename "$obj")
	[ -f "$obj/direct.o.$n" ] || die "no objects for $name: run 'make bisect' first"
	echo "== $name: base -> patch $((n - 1)) (without the KUnit suite)"
	"$work/scripts/bloat-o-meter" "$obj/direct.o.0" "$obj/direct.o.$((n - 1))"
	echo "== $name: base -> patch $n"
	"$work/scripts/bloat-o-meter" "$obj/direct.o.0" "$obj/direct.o.$n" | tail -n 1
done
