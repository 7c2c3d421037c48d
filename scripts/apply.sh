#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Apply the series with git am onto the base tree, on branch $WORK_BRANCH in
# a git worktree under build/.  The base is Debian's linux-source-$BASE, or
# the current commit of KERNEL_SRC, whose checkout is left exactly as it is.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

[ $# -eq 0 ] || { echo "usage: $0   (env: BASE, KERNEL_SRC, FORCE=1)" >&2; exit 2; }

# Refuse anything but a clean git checkout of Linux $BASE.
check_user_tree()
{
	local src=$1 version top
	[ -d "$src" ] || die "KERNEL_SRC=$src: no such directory"
	[ -f "$src/Makefile" ] && [ -f "$src/kernel/dma/direct.c" ] ||
		die "KERNEL_SRC=$src is not a Linux kernel tree (no Makefile and kernel/dma/direct.c)"
	top=$(git -C "$src" rev-parse --show-toplevel 2>/dev/null) ||
		die "KERNEL_SRC=$src is not a git repository; the series is applied with git am (try: git init && git add -A && git commit -m base)"
	[ "$(cd "$top" && pwd -P)" = "$(cd "$src" && pwd -P)" ] ||
		die "KERNEL_SRC=$src is inside the git repository $top, not its top"
	version=$(awk '/^VERSION =/ { v = $3 } /^PATCHLEVEL =/ { p = $3 } END { print v "." p }' "$src/Makefile")
	[ "$version" = "$BASE" ] ||
		die "KERNEL_SRC=$src is Linux $version; this series is for $BASE (BASE=6.12 selects the backport, BASE=7.3 the suite for mainline)"
	[ -z "$(git -C "$src" status --porcelain)" ] ||
		die "KERNEL_SRC=$src has uncommitted changes or untracked files; commit or stash them first (nothing was changed)"
}

series=$(series_dir)
patches=("$series"/0*.patch)
[ -f "${patches[0]}" ] || die "no patches in $series"

if [ -n "${KERNEL_SRC:-}" ]; then
	check_user_tree "$KERNEL_SRC"
	repo=$(cd "$KERNEL_SRC" && pwd -P)
	base=$(git -C "$repo" rev-parse HEAD)
else
	"$TOP/scripts/prepare-tree.sh" "$BASE"
	repo=$BUILD_DIR/linux-$BASE
	base=$(cat "$repo/.git/base-tag")
fi
work=$(work_tree)

if [ -d "$work/.git" ] || [ -f "$work/.git" ]; then
	[ -z "$(git -C "$work" status --porcelain)" ] ||
		die "$work has uncommitted changes: commit and 'make export' them, or discard them"
	if [ -z "${FORCE:-}" ] && [ -f "$work.base" ] &&
	   [ "$(git -C "$work" rev-parse HEAD)" != "$(cat "$work.base")" ]; then
		tmp=$(mktemp -d)
		"$TOP/scripts/export.sh" "$tmp" >/dev/null
		if ! diff -q "$tmp" "$series" >/dev/null; then
			rm -rf "$tmp"
			die "branch $WORK_BRANCH in $work has commits not exported to $series: run 'make export' first (or FORCE=1 to drop them)"
		fi
		rm -rf "$tmp"
	fi
	git -C "$work" checkout -q -B "$WORK_BRANCH" "$base"
else
	git -C "$repo" worktree prune
	git -C "$repo" worktree add -q -B "$WORK_BRANCH" "$work" "$base"
fi
git -C "$work" rev-parse HEAD >"$work.base"

# The cover letter's text becomes the branch description, from which
# 'make export' writes it again.
cover=$series/0000-cover-letter.patch
if [ -f "$cover" ]; then
	awk '
		!body && /^Subject: / { sub(/^Subject: \[[^]]*\] /, ""); subject = $0; next }
		!body && /^ / && subject != "" && !done { subject = subject $0; next }
		!body && /^$/ { body = 1; print subject; print ""; next }
		body { print }
	' "$cover" | sed '/^[^ ].* ([0-9]*):$/,$d' | sed -e :a -e '/^\n*$/{$d;N;ba' -e '}' >"$work.cover"
	git -C "$work" config "branch.$WORK_BRANCH.description" "$(cat "$work.cover")"
fi

need_committer "$work"
patches=()
for p in "$series"/[0-9][0-9][0-9][0-9]-*.patch; do
	[ "$p" = "$cover" ] || patches+=("$p")
done
if ! out=$(git -C "$work" am -q "${patches[@]}" 2>&1); then
	failed=$(sed -n 's/^Patch failed at \([0-9]*\) \(.*\)/\1 "\2"/p' <<<"$out")
	git -C "$work" am --abort
	rm -f "$work.base"
	if [ -n "${KERNEL_SRC:-}" ]; then
		git -C "$repo" worktree remove --force "$work"
		git -C "$repo" branch -q -D "$WORK_BRANCH"
	fi
	echo "$out" >&2
	die "patch ${failed:-?} does not apply to $base; your tree was left as it was"
fi
say "applied ${#patches[@]} patches on $base: branch $WORK_BRANCH in $work"
