#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Put a submitter's identity and Signed-off-by: on a copy of the series,
# ready for git send-email or b4.  patches/ itself stays as it is: it
# carries no person's sign-off.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

usage()
{
	echo "usage: $0 'Name <email>' [OUTDIR]   (default OUTDIR: build/outgoing)" >&2
	exit 2
}

[ $# -ge 1 ] && [ $# -le 2 ] || usage
author=$1
out=${2:-$BUILD_DIR/outgoing}
[[ $author =~ ^[^\<\>]+\ \<[^\<\>@\ ]+@[^\<\>\ ]+\>$ ]] ||
	die "AUTHOR must look like 'Name <email>', not '$author'"
series=$(series_dir)
[ -f "$series/0000-cover-letter.patch" ] || die "no series in $series"

mkdir -p "$out"
rm -f "$out"/[0-9][0-9][0-9][0-9]-*.patch
for patch in "$series"/[0-9][0-9][0-9][0-9]-*.patch; do
	dst=$out/$(basename "$patch")
	# Only the mail header's From: is replaced, never a line of the diff.
	awk -v from="From: $author" '
		!done && /^From: / { print from; skip = 1; next }
		skip && /^[ \t]/ { next }
		{ skip = 0 }
		!done && /^$/ { done = 1 }
		{ print }' "$patch" >"$dst"
	case $patch in
	*/0000-cover-letter.patch) ;;
	*) git interpret-trailers --in-place --if-exists doNothing \
		--trailer "Signed-off-by: $author" "$dst" ;;
	esac
done
say "signed-off series for $author in $out"
echo "send it with: git send-email --to-cmd='scripts/get_maintainer.pl --nogit --nogit-fallback --norolestats' $out/*.patch"
