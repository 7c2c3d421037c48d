#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Unpack Debian's linux-source-BASE into build/linux-BASE as a git tree with
# one reproducible base commit, tagged with the Debian version.
# Does nothing if the tree is already there at its base tag.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

[ $# -le 1 ] || { echo "usage: $0 [7.2|6.12|7.3]" >&2; exit 2; }
base=${1:-$BASE}
tree=$BUILD_DIR/linux-$base

if [ -f "$tree/.git/base-tag" ] &&
   git -C "$tree" rev-parse -q --verify "refs/tags/$(cat "$tree/.git/base-tag")" >/dev/null; then
	echo "$tree is ready ($(cat "$tree/.git/base-tag"))"
	exit 0
fi

deb=$("$TOP/scripts/fetch-source.sh" "$base")
version=$(dpkg-deb -f "$deb" Version)
# DEP-14: a git tag cannot hold '~' or ':'.
tag=debian/$(echo "$version" | tr '~:' '_%')
tmp=$BUILD_DIR/.unpack-$base
rm -rf "$tmp" "$tree"
mkdir -p "$tmp"
say "unpacking $(basename "$deb")"
dpkg-deb --fsys-tarfile "$deb" | tar -x -C "$tmp" ./usr/src/
tar -xf "$tmp"/usr/src/linux-source-"$base".tar.xz -C "$tmp"
mv "$tmp/linux-source-$base" "$tree"
rm -rf "$tmp"

say "creating the base commit in $tree"
export GIT_AUTHOR_NAME="Debian linux-source-$base" GIT_AUTHOR_EMAIL="linux-source@debian.invalid"
export GIT_COMMITTER_NAME=$GIT_AUTHOR_NAME GIT_COMMITTER_EMAIL=$GIT_AUTHOR_EMAIL
export GIT_AUTHOR_DATE="2000-01-01T00:00:00Z" GIT_COMMITTER_DATE="2000-01-01T00:00:00Z"
cd "$tree"
git init -q -b base
# Debian's top-level .gitignore ignores the whole top level in its
# packaging section: every file of the tarball belongs in the commit.
git add -A -f .
git commit -q --no-verify -m "linux-source-$base $version" \
	-m "Unpacked from Debian's linux-source-$base $version, unmodified."
git tag "$tag"
echo "$tag" >.git/base-tag
echo "$tree: base $(git rev-parse --short=12 HEAD), tag $tag"
