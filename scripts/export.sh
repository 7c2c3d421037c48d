#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Write the series on branch $WORK_BRANCH back out with git format-patch:
# into the series directory (patches/ for 7.2), or into OUTDIR.  The output
# depends only on the commits and the branch description (the cover
# letter), so that applying and exporting again changes no byte.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

[ $# -le 1 ] || { echo "usage: $0 [OUTDIR]   (env: BASE, KERNEL_SRC)" >&2; exit 2; }
work=$(applied_work_tree)
out=${1:-$(series_dir)}
base=$(cat "$work.base")

[ -n "$(git -C "$work" config "branch.$WORK_BRANCH.description")" ] ||
	die "branch $WORK_BRANCH has no description to make the cover letter from"
[ "$(git -C "$work" rev-list --count "$base..$WORK_BRANCH")" -gt 0 ] ||
	die "branch $WORK_BRANCH has no commits on top of $base"

mkdir -p "$out"
rm -f "$out"/[0-9][0-9][0-9][0-9]-*.patch
# The cover letter takes its From: and Date: from the committer: make them
# the last patch's author and date.
GIT_COMMITTER_NAME=$(git -C "$work" log -1 --format=%an "$WORK_BRANCH") \
GIT_COMMITTER_EMAIL=$(git -C "$work" log -1 --format=%ae "$WORK_BRANCH") \
GIT_COMMITTER_DATE="$(git -C "$work" log -1 --format=%aD "$WORK_BRANCH")" \
git -C "$work" -c diff.noprefix=false -c format.signoff=false -c core.abbrev=12 \
	format-patch -q --cover-letter --cover-from-description=subject \
	--zero-commit --no-signature --no-numbered-files --no-attach \
	--subject-prefix="$SUBJECT_PREFIX" -o "$out" "$base..$WORK_BRANCH"
say "exported $(git -C "$work" rev-list --count "$base..$WORK_BRANCH") patches and a cover letter to $out"
