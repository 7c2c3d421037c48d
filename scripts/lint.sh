#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Style gates on the series: checkpatch.pl --strict on every patch as it will
# be sent (signed off by the repo's git identity, in a scratch copy), and
# kernel-doc -Wall on the files the series touches.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

[ $# -eq 0 ] || { echo "usage: $0   (env: BASE, KERNEL_SRC)" >&2; exit 2; }
work=$(applied_work_tree)
base=$(cat "$work.base")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The Fixes: tags name commits of mainline's history, which a tree unpacked
# from a Debian source package does not have: checkpatch cannot look their
# ids up and would report each one as UNKNOWN_COMMIT_ID.  The ids and titles
# come from public list messages (the cover letter says so); checkpatch
# still checks the tags' form.
# FILE_PATH_CHANGES asks of every added file whether MAINTAINERS needs
# updating: the 7.3 series adds files only under kernel/dma/, which the
# DMA MAPPING HELPERS entry covers as a whole (F: kernel/dma/), and the
# 7.2 and 6.12 series add their document to that entry.
ignore=(--ignore UNKNOWN_COMMIT_ID,FILE_PATH_CHANGES)

failed=0
# Signed off as the patches' author: the identity the series is sent with.
"$TOP/scripts/signoff.sh" "$(git -C "$work" log -1 --format='%an <%ae>' "$WORK_BRANCH")" "$tmp" >/dev/null
for patch in "$tmp"/[0-9][0-9][0-9][0-9]-*.patch; do
	# the cover letter too: git am and b4 read it (no "---" lines in it)
	# checkpatch runs spdxcheck.py with the first python3 in PATH: it
	# needs Debian's, which has python3-ply.
	if out=$(cd "$work" && PATH=/usr/bin:$PATH perl scripts/checkpatch.pl --strict "${ignore[@]}" --terse --show-types "$patch" 2>&1) &&
	   ! grep -v -e '^$' -e ' has no obvious style problems' <<<"$out" | grep -q .; then
		echo "ok   checkpatch --strict $(basename "$patch")"
	else
		echo "FAIL checkpatch --strict $(basename "$patch"):"
		echo "$out"
		failed=$((failed + 1))
	fi
done

# kernel-doc warnings the base already has do not count.
kdoc()
{
	(cd "$work" && ./scripts/kernel-doc -none -Wall "$1" 2>&1) |
		sed -E "s|$tmp/base/||; s/:[0-9]+//" | sort -u
}
for file in $(git -C "$work" diff --name-only "$base" -- '*.c' '*.h'); do
	before=
	if git -C "$work" cat-file -e "$base:$file" 2>/dev/null; then
		mkdir -p "$tmp/base/$(dirname "$file")"
		git -C "$work" show "$base:$file" >"$tmp/base/$file"
		before=$(kdoc "$tmp/base/$file")
	fi
	new=$(comm -13 <(echo "$before") <(kdoc "$file"))
	if [ -z "$new" ]; then
		echo "ok   kernel-doc -Wall $file"
	else
		echo "FAIL kernel-doc -Wall $file:"
		echo "$new"
		failed=$((failed + 1))
	fi
done
[ $failed -eq 0 ]
