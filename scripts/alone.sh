#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# The fixes that a stable tree could take one by one (alone_patches in
# lib.sh, as the cover letter says): each must apply alone to the base with
# git am, no fuzz, and build kernel/dma/ there with W=1 and sparse and no
# new warning, in the x86_64 CC guest and the arm64 restricted-pool
# configs.  Each is applied on a branch of its own, removed after.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

[ $# -eq 0 ] || { echo "usage: $0   (env: BASE)" >&2; exit 2; }
work=$(applied_work_tree)
base=$(cat "$work.base")
series=$(series_dir)
configs=("$TOP/configs/x86_64-cc.config" "$TOP/configs/arm64-pool.config")
mkdir -p "$LOG_DIR"

branches=()
cleanup()
{
	local b
	for b in "${branches[@]}"; do
		git -C "$work" branch -q -D "$b" 2>/dev/null || true
	done
}
trap cleanup EXIT

nums=$(alone_patches)
[ -n "$nums" ] || { echo "note: no patch of the $BASE series is meant to apply alone"; exit 0; }
src=$(base_worktree "$BUILD_DIR/bisect-src-$BASE")
need_committer "$work"
failed=0
for n in $nums; do
	patch=$(echo "$series/$(printf %04d "$n")"-*.patch)
	[ -f "$patch" ] || die "no patch $n in $series"
	label="patch $n alone ($(basename "$patch"))"
	log=$LOG_DIR/alone-$BASE-$n.log
	git -C "$src" checkout -q --detach "$base"
	if ! git -C "$src" am -q "$patch" >"$log" 2>&1; then
		git -C "$src" am --abort
		echo "FAIL $label: does not apply to $base with git am (see $log)"
		failed=$((failed + 1))
		continue
	fi
	branches+=("$WORK_BRANCH-alone-$n")
	git -C "$work" branch -f "$WORK_BRANCH-alone-$n" "$(git -C "$src" rev-parse HEAD)"
	# the fix alone has no suite: its symbol cannot be set
	if WORK_BRANCH=$WORK_BRANCH-alone-$n BISECT_NO_KEEP=1 \
	   BISECT_TIP_ABSENT=CONFIG_DMA_DIRECT_KUNIT_TEST \
	   "$TOP/scripts/bisect.sh" "${configs[@]}" >>"$log" 2>&1; then
		echo "ok   $label: applies and builds ($(basename -a -s .config "${configs[@]}" | paste -sd ' '))"
	else
		echo "FAIL $label: applies, but the build fails or warns:"
		grep '^FAIL ' "$log" || echo "    (see $log)"
		failed=$((failed + 1))
	fi
done
git -C "$src" checkout -q --detach "$base"
[ $failed -eq 0 ]
