#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Download Debian's linux-source-BASE .deb into the cache and print its path,
# or (--list) print every version of it Debian serves, one "VERSION SUITE"
# a line.
#
# 7.2 is not in Debian 12's suites: it is taken from unstable (the pinned
# version if served, else the newest 7.2.y), then from trixie-backports,
# under a private apt configuration in build/apt (scripts/apt.sh).  7.3
# comes from trixie-backports the same way.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/apt.sh"

usage()
{
	echo "usage: $0 [--list] [7.2|6.12|7.3]   (env: PIN_VERSION, SUITES, CACHE_DIR)" >&2
	exit 2
}

list=
if [ "${1:-}" = --list ]; then
	list=1
	shift
fi
[ $# -le 1 ] || usage
base=${1:-$BASE}
case $base in
7.2) suites=${SUITES:-unstable trixie-backports}
     pin=${PIN_VERSION-7.2.13-1} ;;
6.12) suites=${SUITES:-system}
      pin=${PIN_VERSION-} ;;
7.3) suites=${SUITES:-trixie-backports}
     pin=${PIN_VERSION-7.3.4-1~bpo13+1} ;;
*) usage ;;
esac
pkg=linux-source-$base
debs=$CACHE_DIR/debs
mkdir -p "$debs"

# Every version of $pkg a suite serves as a binary package, newest first
# (madison lists the source package's versions too).
suite_versions()
{
	# shellcheck disable=SC2046
	apt-cache $(apt_options "$1") madison "$pkg" 2>/dev/null | awk -F' *[|] *' '$3 ~ / Packages$/ { print $2 }'
}

fetch()
{
	local suite=$1 version=$2 file
	file=$debs/${pkg}_${version/:/%3a}_all.deb
	if [ ! -s "$file" ]; then
		say "downloading $pkg $version from $suite" >&2
		# shellcheck disable=SC2046
		(cd "$debs" && apt-get -q $(apt_options "$suite") download "$pkg=$version" >&2)
	fi
	echo "using $pkg $version (suite $suite)" >&2
	echo "$file"
}

for suite in $suites; do
	update_suite "$suite" || { echo "note: cannot update $suite" >&2; continue; }
	versions=$(suite_versions "$suite")
	if [ -n "$list" ]; then
		for v in $versions; do echo "$v $suite"; done
		continue
	fi
	if [ -z "$versions" ]; then
		echo "note: $pkg is not in $suite" >&2
		continue
	fi
	if [ -n "$pin" ] && grep -qxF "$pin" <<<"$versions"; then
		fetch "$suite" "$pin"
	else
		[ -z "$pin" ] || echo "note: $pkg $pin is not in $suite; taking the newest there" >&2
		fetch "$suite" "$(head -n 1 <<<"$versions")"
	fi
	exit 0
done
[ -n "$list" ] || die "$pkg is in none of: $suites"
