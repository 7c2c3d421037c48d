#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# What plain 'make' does: prepare the base, apply the series, build and run
# its KUnit suite on x86_64 in QEMU, and print a short summary.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

[ $# -eq 0 ] || { echo "usage: $0   (env: BASE, KERNEL_SRC)" >&2; exit 2; }
start=$SECONDS
run_step apply "make apply" "$TOP/scripts/apply.sh"
run_step kunit-x86_64 "make kunit ARCH=x86_64" "$TOP/scripts/kunit.sh" x86_64
grep -E '\[(PASSED|FAILED|SKIPPED)\] [a-z_-]+ =+$|Testing complete' "$LOG_DIR/kunit-x86_64.log" |
	sed -E 's/^\[[0-9:]+\] /    /'
say "done in $((SECONDS - start)) s; JSON results in $(kunit_dir x86_64)/results.json"
