#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Show that 'make bisect' fails on a patch that adds a warning: two probe
# commits on top of the series (tests/bisect-probe-*.patch) add a global
# that only sparse flags and an unused constant that only W=1 flags (an
# error where the config has CONFIG_WERROR); bisecting one config must pass
# the series' own commits, fail on each probe and name its warning.  The
# probe branch is removed after, and its objects are not kept.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

[ $# -le 1 ] || { echo "usage: $0 [CONFIG]   (default configs/x86_64-cc.config)" >&2; exit 2; }
config=${1:-$TOP/configs/x86_64-cc.config}
work=$(applied_work_tree)
probe=$WORK_BRANCH-probe
tmp=$(mktemp -d)
log=$LOG_DIR/prove-bisect.log
mkdir -p "$LOG_DIR"

cleanup()
{
	git -C "$work" branch -q -D "$probe" 2>/dev/null || true
	rm -rf "$tmp"
}
trap cleanup EXIT

# The probe commits, made in an index of their own: no checkout needed.
commit=$(git -C "$work" rev-parse "$WORK_BRANCH")
GIT_INDEX_FILE=$tmp/index git -C "$work" read-tree "$commit"
for kind in sparse w1; do
	GIT_INDEX_FILE=$tmp/index git -C "$work" apply --cached "$TOP/tests/bisect-probe-$kind.patch"
	tree=$(GIT_INDEX_FILE=$tmp/index git -C "$work" write-tree)
	commit=$(git -C "$work" -c user.name=probe -c user.email=probe@localhost commit-tree "$tree" \
		 -p "$commit" -m "probe-$kind: a warning that make bisect must catch")
done
git -C "$work" branch -f "$probe" "$commit"

say "bisect of $(basename "$config") with the probe on top (log: $log)"
rc=0
WORK_BRANCH=$probe BISECT_NO_KEEP=1 "$TOP/scripts/bisect.sh" "$config" >"$log" 2>&1 || rc=$?

failed=0
expect()
{
	if grep -qE "$2" "$log"; then
		echo "ok   $1"
	else
		echo "FAIL $1 (see $log)"
		failed=$((failed + 1))
	fi
}
[ $rc -ne 0 ] || { echo "FAIL bisect passed with the probe on top (see $log)"; failed=$((failed + 1)); }
expect "bisect fails on the sparse probe" "^FAIL .* probe-sparse: "
expect "bisect names sparse's warning" "kernel/dma/direct.c: warning: symbol 'dma_direct_probe_sparse' was not declared"
expect "bisect fails on the W=1 probe" "^FAIL .* probe-w1: "
expect "bisect names W=1's warning" "dma_direct_probe_w1[^ ]* defined but not used"
if grep '^FAIL ' "$log" | grep -qv ' probe-'; then
	echo "FAIL bisect fails on a commit of the series too (see $log)"
	failed=$((failed + 1))
fi
[ $failed -eq 0 ]
