#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Which lines of kernel/dma/direct.c the KUnit suite executes: the suite on
# UML with kunit.py's coverage_uml.config, built with clang 19 (gcc's gcov
# writes no data on UML: see Documentation/dev-tools/kunit/running_tips.rst),
# then llvm-cov's line counts.  Prints the totals and every line of
# dma-direct's allocation, free, mmap and get_sgtable paths that no case
# reached.  The annotated file is left in the build directory.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

[ $# -eq 0 ] || { echo "usage: $0   (env: BASE, KERNEL_SRC)" >&2; exit 2; }
work=$(applied_work_tree)
suite_has_own_pool "$work" ||
	die "the suite in $work does not run on UML (it takes its pool from a device tree)"
out=$(KUNIT_FLAVOUR=coverage kunit_dir um)
mkdir -p "$out"
rm -f "$out"/*.profraw

(cd "$work" && LLVM_PROFILE_FILE="$out/kunit.profraw" python3 tools/testing/kunit/kunit.py run \
	--kunitconfig=kernel/dma \
	--kunitconfig=tools/testing/kunit/configs/coverage_uml.config \
	--build_dir="$out" --jobs="$(nproc)" --make_options=LLVM=-19)
[ -f "$out/kunit.profraw" ] || die "no coverage data from the UML run ($out/kunit.profraw)"

llvm-profdata-19 merge -o "$out/kunit.profdata" "$out/kunit.profraw"
llvm-cov-19 show "$out/linux" -instr-profile="$out/kunit.profdata" \
	"$work/kernel/dma/direct.c" >"$out/direct.c.cov"
"$TOP/scripts/coverage-report.py" "$out/direct.c.cov"
