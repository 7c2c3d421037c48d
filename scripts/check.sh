#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# The test command: every gate that fits the CI time budget, each with its
# log under build/logs/.  A gate whose output has "ok   ..." and "FAIL ..."
# lines counts each of them; any other gate counts once.  Ends with the
# line "N passed, N failed".
set -euo pipefail
. "$(dirname "$0")/lib.sh"

[ $# -eq 0 ] || { echo "usage: $0   (env: BASE, KERNEL_SRC, CHECK_GATES)" >&2; exit 2; }
# The series for mainline (patches-7.3/) is gated too: its gates are the
# same ones, named mainline-*, run with BASE=7.3.
mainline_gates="mainline-apply mainline-roundtrip mainline-lint mainline-kunit-um mainline-kunit-x86_64 mainline-kunit-arm64 mainline-doc-table mainline-prove"
gates=${CHECK_GATES:-apply roundtrip selftest lint docs versions bisect alone prove-bisect kunit-x86_64 kunit-arm64 doc-table prove boot-x86_64 boot-arm64 pkvm $mainline_gates}
S=$TOP/scripts
# A full run from scratch filled 13.6 GiB under build/ at its peak and
# 1.4 GiB of cache (2026-12-02, 7.2 and mainline gates); running out of
# space half way fails every gate after it.
[ -n "${CHECK_GATES:-}" ] || need_disk 16 "make check"

roundtrip()
{
	local tmp rc=0
	tmp=$(mktemp -d)
	"$S/export.sh" "$tmp"
	diff -r "$tmp" "$(series_dir)" || rc=$?
	rm -rf "$tmp"
	[ $rc -eq 0 ] && echo "export after apply is byte for byte the series"
	return $rc
}

# The document's who-does-what table against the suite's last runs: arm64
# has atomic DMA pools, x86_64 (kunit/x86_64.config for 7.2 and 6.12,
# kunit.py's own for 7.3) and UML have none.  7.3's pools are shared only
# on a confidential computing platform, so its forced non-blocking row
# without a restricted pool is seen only there.
doc_table()
{
	local arch arches=(arm64 x86_64) elsewhere=() logs=()

	if [ "$BASE" = 7.3 ]; then
		arches+=(um)
		elsewhere=(--elsewhere "yes no non-blocking=it needs shared atomic pools, a confidential computing guest (make pkvm BASE=7.3 runs it)")
	fi
	for arch in "${arches[@]}"; do
		logs+=("$(kunit_dir "$arch")/test.log")
	done
	"$S/doc-table.py" "${elsewhere[@]}" \
		"$(applied_work_tree)/Documentation/core-api/dma-direct-memory-encryption.rst" \
		"${logs[@]}"
}

selftest()
{
	bats --tap "$TOP/tests" | sed -E 's/^ok [0-9]+ /ok   selftest: /; s/^not ok [0-9]+ /FAIL selftest: /'
	return "${PIPESTATUS[0]}"
}

gate()
{
	case $1 in
	selftest) selftest ;;
	apply) "$S/apply.sh" ;;
	roundtrip) roundtrip ;;
	lint) "$S/lint.sh" ;;
	bisect) "$S/bisect.sh" ;;
	alone) "$S/alone.sh" ;;
	kunit-*) "$S/kunit.sh" "${1#kunit-}" ;;
	prove) "$S/prove.sh" arm64 ;;
	prove-bisect) "$S/prove-bisect.sh" ;;
	versions) "$S/versions.sh" ;;
	hardened-*) "$S/hardened.sh" "${1#hardened-}" ;;
	boot-*) BOOT_SERIES_ONLY=1 "$S/boot.sh" "${1#boot-}" ;;
	docs) "$S/docs.sh" ;;
	pkvm) "$S/pkvm.sh" ;;
	doc-table) doc_table ;;
	mainline-*) BASE=7.3 gate "${1#mainline-}" ;;
	*) die "unknown gate '$1'" ;;
	esac
}

passed=0
failed=0
start=$SECONDS
for g in $gates; do
	log=$LOG_DIR/check-$g.log
	set +e
	run_step "check-$g" "make -C $TOP check CHECK_GATES=$g" gate "$g"
	rc=$?
	set -e
	ok=$(grep -c '^ok   ' "$log" || true)
	bad=$(grep -c '^FAIL ' "$log" || true)
	grep -E '^(ok   |FAIL |       |note: )|Testing complete|^prove:' "$log" | sed 's/^/    /' || true
	if [ $((ok + bad)) -eq 0 ]; then
		if [ $rc -eq 0 ]; then ok=1; else bad=1; fi
	elif [ $rc -ne 0 ] && [ "$bad" -eq 0 ]; then
		bad=1
	fi
	passed=$((passed + ok))
	failed=$((failed + bad))
done
say "check took $(((SECONDS - start) / 60)) min $(((SECONDS - start) % 60)) s; logs in $LOG_DIR"
echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
