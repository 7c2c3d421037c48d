#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# One Markdown page with the quality gates and measurements of the series:
# the machine, lint, docs, the bisect and cross-arch build matrix, the size
# of kernel/dma/direct.o and the speed of coherent allocations.  Runs each
# gate (logs in build/logs/report-GATE.log) and writes build/report-BASE.md.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

[ $# -eq 0 ] || { echo "usage: $0   (env: BASE, REPORT_GATES, PAIRS)" >&2; exit 2; }
gates=${REPORT_GATES:-lint docs bisect bloat bench}
work=$(applied_work_tree)
report=$BUILD_DIR/report-$BASE.md
S=$TOP/scripts
failed=0

gate()
{
	case $1 in
	lint|docs|bisect|bloat) "$S/$1.sh" ;;
	bench) "$S/bench.sh" "${PAIRS:-3}" ;;
	*) die "unknown gate '$1'" ;;
	esac
}

machine()
{
	local cpu
	cpu=$(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -n 1)
	echo "| | |"
	echo "|---|---|"
	echo "| date | $(date -u '+%Y-%m-%d %H:%M UTC') |"
	echo "| machine | $(nproc) × ${cpu:-$(uname -m)}, $(free -g | awk '/^Mem:/ { print $2 }') GiB |"
	echo "| system | $(. /etc/os-release && echo "$PRETTY_NAME"), $(uname -sr) |"
	echo "| compiler | $(gcc --version | head -n 1) |"
	echo "| QEMU | $(qemu-system-aarch64 --version | head -n 1) (TCG) |"
	echo "| base | $(git -C "$work" describe --tags --exact-match "$(cat "$work.base")" 2>/dev/null || cat "$work.base") |"
	echo "| series | $(git -C "$work" rev-list --count "$(cat "$work.base")..$WORK_BRANCH") patches, $(series_dir | sed "s|^$TOP/||")/ |"
}

# The ok/FAIL lines of a gate's log, as a list.
results()
{
	grep -E '^(ok   |FAIL |note: )' "$1" | sed -E 's/^(ok|FAIL|note:) +/- \1 /' || true
}

# The bisect log as a table: a row per config, a column per commit.
bisect_table()
{
	awk '
	/^(ok   |FAIL )/ && $2 ~ /^[a-z0-9_]+-[a-z0-9]+$/ {
		if (!($2 in col)) { rows[++n] = $2; col[$2] = 0 }
		c = col[$2]++
		cell[$2, c] = ($1 == "ok") ? "ok" : "**FAIL**"
		if (match($0, /base, [0-9]+ warnings/))
			cell[$2, c] = "ok (" substr($0, RSTART + 6, RLENGTH - 15) " warnings)"
		if (c + 1 > cols) cols = c + 1
	}
	END {
		printf "| config | base |"
		for (c = 1; c < cols; c++) printf " patch %d |", c
		printf "\n|---|---|"
		for (c = 1; c < cols; c++) printf "---|"
		printf "\n"
		for (r = 1; r <= n; r++) {
			printf "| %s |", rows[r]
			for (c = 0; c < cols; c++) printf " %s |", cell[rows[r], c]
			printf "\n"
		}
	}' "$1"
}

# What each bisect config is: its leading comment, and the defconfig under it.
configs_table()
{
	local c
	echo "| config | on top of | what it covers |"
	echo "|---|---|---|"
	for c in "$TOP"/configs/*.config; do
		awk -v name="$(basename "$c" .config)" '
		/^# base: / { base = $3; next }
		/^# CONFIG_/ { exit }
		/^# / { sub(/^# /, ""); what = what (what ? " " : "") $0; next }
		{ exit }
		END { printf "| %s | %s | %s |\n", name, base ? base : "defconfig", what }' "$c"
	done
}

# The "Total:" lines of the bloat log as a table.
bloat_table()
{
	echo "The KUnit suite is #included by direct.c, so the last column counts it"
	echo "where the config enables it (the KUnit configs, and defconfigs with KUNIT)."
	echo
	echo "| config | direct.o base → series without its KUnit patch | with it |"
	echo "|---|---|---|"
	awk '
	/^== / { name = $2; sub(/:$/, "", name); with_test = ($0 !~ /without/) }
	/^Total:/ {
		sub(/^Total: /, "")
		if (with_test) printf "| %s | %s | %s |\n", name, total, $0
		else total = $0
	}' "$1"
}

section()
{
	local gate=$1 title=$2 log=$LOG_DIR/report-$1.log
	echo
	echo "## $title"
	echo
	if ! grep -qw "$gate" <<<"$gates"; then
		echo "Not run this time (REPORT_GATES=\"$gates\")."
		return
	fi
	echo "Gate: ${status[$gate]}; log \`${log#"$TOP"/}\`."
	echo
	case $gate in
	bisect) bisect_table "$log"; echo; grep '^note: ' "$log" || true ;;
	bloat) bloat_table "$log" ;;
	bench) cat "$BUILD_DIR/bench-arm64-$BASE.md" 2>/dev/null || echo "No figures." ;;
	*) results "$log" ;;
	esac
}

declare -A status
for g in $gates; do
	start=$SECONDS
	set +e
	run_step "report-$g" "make report REPORT_GATES=$g" gate "$g"
	rc=$?
	set -e
	if [ $rc -eq 0 ]; then
		status[$g]="passed in $((SECONDS - start)) s"
	else
		status[$g]="**failed**"
		failed=$((failed + 1))
	fi
done

{
	echo "# dma-direct memory encryption series: quality report"
	echo
	machine
	section lint "Lint: checkpatch --strict, kernel-doc -Wall"
	section docs "Documentation: make htmldocs (core-api)"
	section bisect "Every patch builds: kernel/dma/ with W=1 and sparse, per config and arch"
	echo
	configs_table
	section bloat "Size: scripts/bloat-o-meter of kernel/dma/direct.o"
	section bench "Speed: coherent allocations, series against base (arm64, QEMU TCG)"
} >"$report"
say "report: $report"
[ $failed -eq 0 ]
