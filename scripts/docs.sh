#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Build the core-api documentation of the work tree with Sphinx and fail
# on any warning about a file the series adds.  (The others come from
# building one SPHINXDIRS subset, and the base has them too.)
set -euo pipefail
. "$(dirname "$0")/lib.sh"

[ $# -eq 0 ] || { echo "usage: $0   (env: BASE, KERNEL_SRC)" >&2; exit 2; }
work=$(applied_work_tree)
base=$(cat "$work.base")
out=$BUILD_DIR/docs-$BASE
mkdir -p "$LOG_DIR"
log=$LOG_DIR/docs-$BASE.log

# Debian's python3 has Sphinx; a python3 earlier in PATH may not.
PATH=/usr/bin:$PATH make -C "$work" O="$out" SPHINXDIRS=core-api htmldocs >"$log" 2>&1 ||
	{ tail -n 20 "$log"; die "htmldocs failed (log: $log)"; }
failed=0
# Only the files the series adds: building one SPHINXDIRS subset makes the
# base's index.rst warn about the documents outside it.
for file in $(git -C "$work" diff --name-only --diff-filter=A "$base"); do
	if grep -F "$file" "$log" | grep -E 'WARNING|ERROR'; then
		failed=$((failed + 1))
	fi
done
if [ $failed -eq 0 ]; then
	echo "ok   htmldocs core-api: no warning about the files the series adds ($(grep -c WARNING "$log") elsewhere; log $log)"
else
	echo "FAIL htmldocs core-api: warnings about the files the series adds (log $log)"
fi
[ $failed -eq 0 ]
