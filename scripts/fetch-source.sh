#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Download Debian's linux-source-BASE .deb into the cache and print its path.
#
# 7.2 is not in Debian 12's suites: it is fetched from unstable (pinned
# version first, then the newest 7.2.y), then trixie-backports, under a
# private apt configuration. The system's apt sources are never changed;
# the mirror is the one the system already uses.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

usage()
{
	echo "usage: $0 [7.2|6.12]   (env: PIN_VERSION, SUITES, CACHE_DIR)" >&2
	exit 2
}

[ $# -le 1 ] || usage
base=${1:-$BASE}
case $base in
7.2) suites=${SUITES:-unstable trixie-backports}
     pin=${PIN_VERSION-7.2.13-1} ;;
6.12) suites=${SUITES:-system}
      pin=${PIN_VERSION-} ;;
*) usage ;;
esac
pkg=linux-source-$base
debs=$CACHE_DIR/debs
mkdir -p "$debs"

# The Debian mirror this machine's apt already uses for its own release.
system_mirror()
{
	local codename
	codename=$(. /etc/os-release && echo "$VERSION_CODENAME")
	apt-cache policy | awk -v s="$codename/main" '$3 == s { print $2; exit }'
}

# apt-get under a private configuration limited to one suite.
private_apt()
{
	local suite=$1
	shift
	apt-get -q -o Dir::Etc::sourcelist="$aptdir/$suite.list" \
		-o Dir::Etc::sourceparts=- \
		-o Dir::State::lists="$aptdir/lists-$suite" \
		-o Dir::Cache="$aptdir/cache-$suite" \
		-o Dir::State::status=/dev/null \
		-o Debug::NoLocking=1 "$@"
}

fetch_from()
{
	local suite=$1 version=() mirror
	if [ "$suite" = system ]; then
		apt=(apt-get -q)
	else
		mirror=$(system_mirror)
		[ -n "$mirror" ] || die "cannot find the system's Debian mirror in 'apt-cache policy' (run apt-get update first)"
		aptdir=$BUILD_DIR/apt
		mkdir -p "$aptdir/lists-$suite/partial" "$aptdir/cache-$suite/archives/partial"
		echo "deb $mirror $suite main" >"$aptdir/$suite.list"
		say "updating the private package list for $suite" >&2
		private_apt "$suite" update >&2 || return 1
		apt=(private_apt "$suite")
	fi
	local newest
	newest=$(candidate_version "${apt[@]}")
	[ -n "$newest" ] || return 1
	if [ -n "$pin" ] && "${apt[@]}" --print-uris download "$pkg=$pin" >/dev/null 2>&1; then
		version=$pin
	else
		[ -n "$pin" ] && echo "note: $pkg $pin is not in $suite; taking the newest there, $newest" >&2
		version=$newest
	fi
	local file=$debs/${pkg}_${version}_all.deb
	if [ ! -s "$file" ]; then
		say "downloading $pkg $version from $suite" >&2
		(cd "$debs" && "${apt[@]}" download "$pkg=$version" >&2) || return 1
	fi
	echo "using $pkg $version (suite $suite)" >&2
	echo "$file"
}

# The candidate version of $pkg for an apt-get wrapper.
candidate_version()
{
	local cachecmd=(apt-cache)
	if [ "$1" = private_apt ]; then
		cachecmd=(apt-cache -o Dir::Etc::sourcelist="$aptdir/$2.list"
			  -o Dir::Etc::sourceparts=- -o Dir::State::lists="$aptdir/lists-$2"
			  -o Dir::Cache="$aptdir/cache-$2" -o Dir::State::status=/dev/null)
	fi
	"${cachecmd[@]}" policy "$pkg" 2>/dev/null | awk '/Candidate:/ { print $2 }' | grep -v '(none)'
}

for suite in $suites; do
	if fetch_from "$suite"; then
		exit 0
	fi
	echo "note: $pkg not available from $suite" >&2
done
die "$pkg is in none of: $suites"
