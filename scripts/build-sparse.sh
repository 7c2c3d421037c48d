#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Print the path of a sparse that the kernel tree SRC accepts (its
# scripts/checker-valid.sh): the system's if it passes, else one built
# from Debian unstable's sparse source package into the cache (Debian 12's
# sparse 0.6.4 lacks __typeof_unqual__, which 7.2 needs).  Fails with a
# note on stderr if there is none.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/apt.sh"

[ $# -eq 1 ] || { echo "usage: $0 SRC   (a kernel tree)" >&2; exit 2; }
src=$1
suite=unstable

valid()
{
	[ "$("$src/scripts/checker-valid.sh" "$1" -m64 2>/dev/null)" = 1 ]
}

if valid sparse; then
	echo sparse
	exit 0
fi
for built in "$CACHE_DIR"/sparse-*/sparse; do
	if [ -x "$built" ] && valid "$built"; then
		echo "$built"
		exit 0
	fi
done

update_suite $suite
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# shellcheck disable=SC2046
(cd "$tmp" && apt-get -q $(apt_options $suite) source --download-only sparse) >&2 ||
	die "cannot download the sparse source package from $suite"
version=$(sed -n 's/^Version: //p' "$tmp"/sparse_*.dsc)
say "building sparse $version from Debian's source package" >&2
tar -C "$tmp" -xf "$tmp"/sparse_*.orig.tar.*
make -C "$tmp"/sparse-*/ -j"$(nproc)" sparse >&2
dir=$CACHE_DIR/sparse-$version
mkdir -p "$dir"
cp "$tmp"/sparse-*/sparse "$dir/sparse"
valid "$dir/sparse" || die "sparse $version from $suite fails $src/scripts/checker-valid.sh too"
echo "$dir/sparse"
