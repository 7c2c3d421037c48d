# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
# Private apt configurations, one per Debian suite, under build/apt: they
# know that suite only (binary and source packages) and use the mirror the
# system's apt already uses.  The system's apt sources are never changed.
# Source it after lib.sh; don't run it.

APT_DIR=$BUILD_DIR/apt

# The Debian mirror this machine's apt already uses for its own release.
system_mirror()
{
	local codename
	codename=$(. /etc/os-release && echo "$VERSION_CODENAME")
	apt-cache policy | awk -v s="$codename/main" '$3 == s { print $2; exit }'
}

# apt options for one suite: the system's own configuration, or a private
# one that knows that suite only.
apt_options()
{
	local suite=$1 d=$APT_DIR/$1
	[ "$suite" != system ] || return 0
	echo "-o Dir::Etc::sourcelist=$d/sources.list -o Dir::Etc::sourceparts=$d/parts"
	echo "-o Dir::State::lists=$d/lists -o Dir::Cache=$d/cache"
	echo "-o Dir::State::status=/dev/null -o Debug::NoLocking=1"
}

update_suite()
{
	local suite=$1 d=$APT_DIR/$1 mirror
	[ "$suite" != system ] || return 0
	mirror=$(system_mirror)
	[ -n "$mirror" ] || die "cannot find the system's Debian mirror in 'apt-cache policy' (run apt-get update first)"
	mkdir -p "$d/parts" "$d/lists/partial" "$d/cache/archives/partial"
	printf 'deb %s %s main\ndeb-src %s %s main\n' "$mirror" "$suite" "$mirror" "$suite" >"$d/sources.list"
	say "updating the private package list for $suite" >&2
	# shellcheck disable=SC2046
	apt-get -q $(apt_options "$suite") update >&2
}
