#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Show that the KUnit suite catches each bug the series fixes: for every
# un-fix in unfix/BASE/ (each base's series has its own), put the bug back
# into the work tree, run the suite and name the cases that fail; then run
# it once more on the series as is, which must pass.  The work tree is
# restored whatever happens.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

[ $# -le 1 ] || { echo "usage: $0 [ARCH]   (default arm64: the bugs need restricted pools and remapping)" >&2; exit 2; }
arch=${1:-arm64}
work=$(applied_work_tree)
[ -z "$(git -C "$work" status --porcelain)" ] || die "$work has local changes"
mkdir -p "$LOG_DIR"

restore()
{
	git -C "$work" checkout -q -- .
}
trap restore EXIT

# The failed cases of the last run, from kunit.py's JSON results.
failed_cases()
{
	local json
	json=$(kunit_dir "$arch")/results.json
	[ -f "$json" ] || return 0
	"$TOP/scripts/kunit-summary.py" --failed "$json" | sed 's/^/       /'
}

passed=0
failed=0
unfixes=$TOP/unfix/$BASE
[ -d "$unfixes" ] || die "no un-fixes for base $BASE (no $unfixes)"
for unfix in "$unfixes"/*.patch; do
	name=$(basename "$unfix" .patch)
	log=$LOG_DIR/prove-$name.log
	rm -f "$(kunit_dir "$arch")/results.json"
	if ! git -C "$work" apply "$unfix"; then
		echo "FAIL $name: does not apply to the series"
		failed=$((failed + 1))
		continue
	fi
	say "$name: running the $arch suite with the bug put back (log: $log)"
	if "$TOP/scripts/kunit.sh" "$arch" >"$log" 2>&1; then
		echo "FAIL $name: the suite passed with the bug put back"
		failed=$((failed + 1))
	elif cases=$(failed_cases) && [ -n "$cases" ]; then
		echo "ok   $name: caught by $(wc -l <<<"$cases") cases:"
		echo "$cases"
		passed=$((passed + 1))
	else
		echo "FAIL $name: the suite did not run (see $log)"
		tail -n 15 "$log"
		failed=$((failed + 1))
	fi
	restore
done

log=$LOG_DIR/prove-series.log
say "series: running the $arch suite as it is (log: $log)"
if "$TOP/scripts/kunit.sh" "$arch" >"$log" 2>&1; then
	echo "ok   series: the suite passes"
	passed=$((passed + 1))
else
	echo "FAIL series: the suite fails (see $log):"
	failed_cases
	failed=$((failed + 1))
fi
echo "prove: $passed passed, $failed failed"
[ $failed -eq 0 ]
