#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Check that the series applies, without fuzz (git am takes no fuzz), to
# every version of linux-source-$BASE that Debian serves.  Only the files
# the series changes are unpacked, into a scratch git tree per version.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

[ $# -eq 0 ] || { echo "usage: $0   (env: BASE)" >&2; exit 2; }
series=$(series_dir)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

patches=()
for p in "$series"/[0-9][0-9][0-9][0-9]-*.patch; do
	case $p in */0000-cover-letter.patch) ;; *) patches+=("$p") ;; esac
done
# The files the series changes that exist before it.
created=$(grep -h -A1 '^--- /dev/null' "${patches[@]}" | sed -n 's|^+++ b/||p' | sort -u)
files=$(sed -n 's|^--- a/||p' "${patches[@]}" | sort -u | comm -23 - <(echo "$created"))

failed=0
while read -r version suite; do
	deb=$(PIN_VERSION=$version SUITES=$suite "$TOP/scripts/fetch-source.sh" "$BASE" 2>/dev/null) || deb=
	case $deb in *"_${version}_all.deb") ;; *) echo "FAIL $version: cannot download it"; failed=$((failed + 1)); continue ;; esac
	dir=$tmp/$version
	mkdir -p "$dir"
	# shellcheck disable=SC2086
	dpkg-deb --fsys-tarfile "$deb" | tar -xO "./usr/src/linux-source-$BASE.tar.xz" |
		tar -xJ -C "$dir" --strip-components=1 $(sed "s|^|linux-source-$BASE/|" <<<"$files")
	git -C "$dir" init -q
	git -C "$dir" add -A
	git -C "$dir" -c user.name=versions -c user.email=versions@localhost commit -q -m "$version"
	if out=$(git -C "$dir" -c user.name=versions -c user.email=versions@localhost am -q "${patches[@]}" 2>&1); then
		echo "ok   $version ($suite): all ${#patches[@]} patches apply"
	else
		echo "FAIL $version ($suite): $(grep -m1 '^Patch failed' <<<"$out")"
		failed=$((failed + 1))
	fi
done < <("$TOP/scripts/fetch-source.sh" --list "$BASE" 2>/dev/null)
[ $failed -eq 0 ]
