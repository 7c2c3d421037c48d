#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0
# Self-tests of the harness: bad input gets a clear error and leaves the
# user's tree exactly as it was; apply and export are repeatable.

setup()
{
	TOP=$(cd "$BATS_TEST_DIRNAME/.." && pwd)
	export BUILD_DIR=$BATS_TEST_TMPDIR/build
	export GIT_AUTHOR_NAME=selftest GIT_AUTHOR_EMAIL=selftest@localhost
	export GIT_COMMITTER_NAME=selftest GIT_COMMITTER_EMAIL=selftest@localhost
}

# A git tree that looks like Linux VERSION.PATCHLEVEL to the harness.
fake_tree()
{
	local dir=$BATS_TEST_TMPDIR/linux version=${1:-7.2}
	mkdir -p "$dir/kernel/dma"
	printf 'VERSION = %s\nPATCHLEVEL = %s\n' "${version%.*}" "${version#*.}" >"$dir/Makefile"
	echo "not the real direct.c" >"$dir/kernel/dma/direct.c"
	git -C "$dir" init -q
	git -C "$dir" add -A
	git -C "$dir" commit -q -m base
	echo "$dir"
}

# Everything git and the file system can tell about a tree.
tree_state()
{
	(
		cd "$1"
		git rev-parse HEAD
		git symbolic-ref -q HEAD || true
		git for-each-ref
		git status --porcelain --ignored
		git diff
		git diff --cached
		git worktree list --porcelain
		find . -path ./.git -prune -o -type f -print0 | sort -z | xargs -0 sha256sum
	) | sha256sum
}

@test "missing KERNEL_SRC directory is refused" {
	KERNEL_SRC=$BATS_TEST_TMPDIR/nowhere run "$TOP/scripts/apply.sh"
	[ "$status" -ne 0 ]
	[[ $output == *"no such directory"* ]]
}

@test "a directory that is not a kernel tree is refused" {
	mkdir -p "$BATS_TEST_TMPDIR/empty"
	KERNEL_SRC=$BATS_TEST_TMPDIR/empty run "$TOP/scripts/apply.sh"
	[ "$status" -ne 0 ]
	[[ $output == *"is not a Linux kernel tree"* ]]
}

@test "a kernel tree that is not a git repository is refused" {
	dir=$(fake_tree)
	rm -rf "$dir/.git"
	KERNEL_SRC=$dir run "$TOP/scripts/apply.sh"
	[ "$status" -ne 0 ]
	[[ $output == *"is not a git repository"* ]]
}

@test "a tree of another kernel version is refused and left alone" {
	dir=$(fake_tree 6.1)
	before=$(tree_state "$dir")
	KERNEL_SRC=$dir run "$TOP/scripts/apply.sh"
	[ "$status" -ne 0 ]
	[[ $output == *"is Linux 6.1; this series is for 7.2"* ]]
	[ "$(tree_state "$dir")" = "$before" ]
}

@test "a dirty tree is refused and left exactly as it was" {
	dir=$(fake_tree)
	echo change >>"$dir/kernel/dma/direct.c"
	echo new >"$dir/untracked"
	git -C "$dir" add kernel/dma/direct.c
	echo more >>"$dir/Makefile"
	before=$(tree_state "$dir")
	KERNEL_SRC=$dir run "$TOP/scripts/apply.sh"
	[ "$status" -ne 0 ]
	[[ $output == *"has uncommitted changes or untracked files"* ]]
	[ "$(tree_state "$dir")" = "$before" ]
}

@test "a series that does not apply names the patch and leaves the tree as it was" {
	dir=$(fake_tree)
	before=$(tree_state "$dir")
	KERNEL_SRC=$dir run "$TOP/scripts/apply.sh"
	[ "$status" -ne 0 ]
	[[ $output == *"patch 0001 "*" does not apply"* ]]
	[ "$(tree_state "$dir")" = "$before" ]
}

@test "signoff puts the submitter on every patch and leaves patches/ alone" {
	before=$(cat "$TOP"/patches/* | sha256sum)
	run "$TOP/scripts/signoff.sh" "A Submitter <a@example.org>" "$BATS_TEST_TMPDIR/out"
	[ "$status" -eq 0 ]
	n=$(ls "$TOP"/patches/*.patch | wc -l)
	[ "$(grep -l '^From: A Submitter <a@example.org>$' "$BATS_TEST_TMPDIR"/out/*.patch | wc -l)" -eq "$n" ]
	[ "$(grep -l '^Signed-off-by: A Submitter <a@example.org>$' "$BATS_TEST_TMPDIR"/out/*.patch | wc -l)" -eq $((n - 1)) ]
	[ "$(cat "$TOP"/patches/* | sha256sum)" = "$before" ]
	run "$TOP/scripts/signoff.sh" "nobody"
	[ "$status" -ne 0 ]
	[[ $output == *"must look like 'Name <email>'"* ]]
}

@test "the patches carry no sign-off and no invented identity" {
	run grep -l '^Signed-off-by:' "$TOP"/patches*/*.patch
	[ "$status" -eq 1 ]
	run sh -c "grep -h '^From: ' '$TOP'/patches*/*.patch | sort -u"
	[ "$(echo "$output" | wc -l)" -eq 1 ]
}

@test "the base is fetched from trixie-backports when unstable has no 7.2" {
	SUITES="trixie-backports" PIN_VERSION=7.2.0-0 run "$TOP/scripts/fetch-source.sh" 7.2
	[ "$status" -eq 0 ]
	[[ $output == *"is not in trixie-backports; taking the newest there"* ]]
	[[ $output == *"(suite trixie-backports)"* ]]
	[ -s "${lines[-1]}" ]
}

@test "the version list names each downloadable version once, not the source package's" {
	run "$TOP/scripts/fetch-source.sh" --list 7.2
	[ "$status" -eq 0 ]
	[ -n "$output" ]
	# "VERSION SUITE" lines; apt's progress goes to stderr, which run keeps
	printf '%s\n' "${lines[@]}" | grep -E '^7\.2\.[^ ]+ [a-z-]+$' >"$BATS_TEST_TMPDIR/list"
	[ -s "$BATS_TEST_TMPDIR/list" ]
	[ -z "$(sort "$BATS_TEST_TMPDIR/list" | uniq -d)" ]
}

@test "applying twice to a user's tree gives the same series and leaves the checkout alone" {
	base=$TOP/build/linux-7.2
	[ -d "$base/.git" ] || skip "the 7.2 base is not prepared yet (make tree)"
	dir=$BATS_TEST_TMPDIR/linux
	git clone -q --shared -b base "$base" "$dir"
	before=$(tree_state "$dir")
	for i in 1 2; do
		KERNEL_SRC=$dir run "$TOP/scripts/apply.sh"
		[ "$status" -eq 0 ]
		tree[$i]=$(git -C "$dir" rev-parse dma-direct-cc^{tree})
		KERNEL_SRC=$dir run "$TOP/scripts/export.sh" "$BATS_TEST_TMPDIR/export-$i"
		[ "$status" -eq 0 ]
		diff -r "$BATS_TEST_TMPDIR/export-$i" "$TOP/patches"
	done
	[ "${tree[1]}" = "${tree[2]}" ]
	git -C "$dir" worktree remove --force "$BUILD_DIR/work-user"
	git -C "$dir" branch -q -D dma-direct-cc
	[ "$(tree_state "$dir")" = "$before" ]
}

@test "a step ends at its first failing command, and its caller sees the failure" {
	run bash -c ". '$TOP/scripts/lib.sh'
		step() { false; echo 'went on after a failure'; }
		set +e; run_step selftest-step 'rerun' step; rc=\$?; set -e
		echo \"rc=\$rc\""
	[ "$status" -eq 0 ]
	[[ $output == *"rc=1"* ]]
	! grep -q 'went on' "$BUILD_DIR/logs/selftest-step.log"
}

@test "bench-table gives series/base ratios with their spread, and says what was not measured" {
	printf '[ 1.0] dma-bench: plain coherent 4096 %s\n' 1000 1000 1200 >"$BATS_TEST_TMPDIR/b1"
	printf '[ 1.0] dma-bench: plain coherent 4096 %s\n' 1010 1010 900 >"$BATS_TEST_TMPDIR/s1"
	printf '[ 1.0] dma-bench: plain coherent 4096 %s\n' 1000 >"$BATS_TEST_TMPDIR/b2"
	printf '[ 1.0] dma-bench: plain coherent 4096 %s\n' 1030 >"$BATS_TEST_TMPDIR/s2"
	echo 'dma-bench: pool coherent 2097152 n/a allocation fails' |
		tee -a "$BATS_TEST_TMPDIR/b1" "$BATS_TEST_TMPDIR/s1" "$BATS_TEST_TMPDIR/b2" >>"$BATS_TEST_TMPDIR/s2"
	run "$TOP/scripts/bench-table.py" base:"$BATS_TEST_TMPDIR/b1" series:"$BATS_TEST_TMPDIR/s1" \
		base:"$BATS_TEST_TMPDIR/b2" series:"$BATS_TEST_TMPDIR/s2"
	[ "$status" -eq 0 ]
	# medians per boot 1000/1010 and 1000/1030: ratio 1020/1000, pairs 1.01 and 1.03
	[[ $output == *"| plain | coherent | 4 KiB | 1000 | 1020 | 1.0200 | 1.0100 – 1.0300 | met |"* ]]
	[[ $output == *"| pool | coherent | 2 MiB |"*"not measured: allocation fails |"* ]]
	run "$TOP/scripts/bench-table.py" base:"$BATS_TEST_TMPDIR/b1"
	[ "$status" -ne 0 ]
}

# Stand-ins in $BATS_TEST_TMPDIR/bin: dpkg-query says package $1 is not
# installed, id says uid $2, and apt-get records its arguments and fails to
# install anything.
fake_machine()
{
	local bin=$BATS_TEST_TMPDIR/bin
	mkdir -p "$bin"
	cat >"$bin/dpkg-query" <<-EOS
	#!/bin/sh
	for p; do :; done
	[ "\$p" = "$1" ] && exit 1
	echo 'install ok installed'
	EOS
	cat >"$bin/id" <<-EOS
	#!/bin/sh
	echo $2
	EOS
	cat >"$bin/apt-get" <<-EOS
	#!/bin/sh
	echo "\$*" >>"$BATS_TEST_TMPDIR/apt-get.calls"
	[ "\$1" = update ] || exit 100
	EOS
	chmod +x "$bin"/*
	echo "$bin"
}

# What 'make' may have touched: the repo's git state and changes, the build
# and cache directories.
first_contact_state()
{
	git -C "$TOP" rev-parse HEAD
	git -C "$TOP" status --porcelain
	git -C "$TOP" diff HEAD | sha256sum
	ls -A "$BUILD_DIR" "$CACHE_DIR" 2>&1 || true
}

@test "first 'make' as non-root with a package missing prints the command and touches nothing" {
	export CACHE_DIR=$BATS_TEST_TMPDIR/cache
	bin=$(fake_machine flex 1000)
	before=$(first_contact_state)
	PATH=$bin:$PATH run make -C "$TOP" --no-print-directory
	[ "$status" -ne 0 ]
	[[ $output == *"as root run:"* ]]
	[[ $output == *"apt-get update && apt-get install -y --no-install-recommends flex"* ]]
	[[ $output != *">>> apply"* ]]
	[ ! -e "$BATS_TEST_TMPDIR/apt-get.calls" ]
	[ ! -e "$BUILD_DIR" ] && [ ! -e "$CACHE_DIR" ]
	[ "$(first_contact_state)" = "$before" ]
}

@test "first 'make' as root installs exactly what is missing, and stops if that fails" {
	export CACHE_DIR=$BATS_TEST_TMPDIR/cache
	bin=$(fake_machine flex 0)
	PATH=$bin:$PATH run make -C "$TOP" --no-print-directory
	[ "$status" -ne 0 ]
	grep -qx 'update -q' "$BATS_TEST_TMPDIR/apt-get.calls"
	[ "$(tail -n 1 "$BATS_TEST_TMPDIR/apt-get.calls")" = "install -y --no-install-recommends flex" ]
	[[ $output != *">>> apply"* ]]
	[ ! -e "$BUILD_DIR" ] && [ ! -e "$CACHE_DIR" ]
}

@test "a long step says it is alive, with its time and the last line of its log" {
	run bash -c ". '$TOP/scripts/lib.sh'
		step() { echo 'compiling the first file'; sleep 3; echo 'linking'; sleep 3; }
		ALIVE_SECONDS=2 run_step selftest-alive 'rerun' step"
	[ "$status" -eq 0 ]
	[[ $output == *"... 0 min 02 s, 0 objects compiled; compiling the first file"* ]]
	[[ $output == *"; linking"* ]]
	[ "$(grep -c '^    \.\.\. ' <<<"$output")" -le 3 ]
}

@test "the suite's summary counts the cases and names what the passed ones covered" {
	cat >"$BATS_TEST_TMPDIR/results.json" <<-'EOS'
	{"name": "KUnit Test Group", "test_cases": [], "sub_groups": [
	 {"name": "dma-direct-encryption", "test_cases": [], "sub_groups": [
	  {"name": "dma_direct_matrix_test", "sub_groups": [], "test_cases": [
	   {"name": "forced pool noncoherent-dev atomic", "status": "PASS"},
	   {"name": "unforced no-pool coherent-dev dma_alloc_pages", "status": "PASS"},
	   {"name": "forced no-pool coherent-dev dma_alloc_coherent", "status": "FAIL"},
	   {"name": "unforced pool coherent-dev atomic", "status": "SKIP"}]}]}]}
	EOS
	echo '[10:00:00]     ok 4 unforced pool coherent-dev atomic # SKIP no restricted pool here' \
		>"$BATS_TEST_TMPDIR/test.log"
	run "$TOP/scripts/kunit-summary.py" "$BATS_TEST_TMPDIR/results.json" arm64 "$BATS_TEST_TMPDIR/test.log"
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "4 cases ran on arm64: 2 passed, 1 failed, 1 skipped" ]
	[[ $output == *"platform: forced unencrypted DMA, not forced"* ]]
	[[ $output == *"device: coherent, non-coherent (remapping)"* ]]
	[[ $output == *"API: dma_alloc_pages, dma_alloc_coherent(GFP_ATOMIC)"* ]]
	[[ $output == *"skipped 1: no restricted pool here"* ]]
}

@test "the summary tells apart skipped cases of the same name in two tests" {
	cat >"$BATS_TEST_TMPDIR/results.json" <<-'EOS'
	{"name": "KUnit Test Group", "test_cases": [], "sub_groups": [
	 {"name": "dma-direct-encryption", "test_cases": [], "sub_groups": [
	  {"name": "dma_direct_matrix_test", "sub_groups": [], "test_cases": [
	   {"name": "forced no-pool coherent-dev atomic", "status": "SKIP"}]},
	  {"name": "dma_direct_zeroed_test", "sub_groups": [], "test_cases": [
	   {"name": "forced no-pool coherent-dev atomic", "status": "SKIP"}]}]}]}
	EOS
	cat >"$BATS_TEST_TMPDIR/test.log" <<-'EOS'
	    # Subtest: dma-direct-encryption
	        # Subtest: dma_direct_matrix_test
	        ok 1 forced no-pool coherent-dev atomic # SKIP atomic pools are private here
	    ok 1 dma_direct_matrix_test
	        # Subtest: dma_direct_zeroed_test
	        ok 1 forced no-pool coherent-dev atomic # SKIP zeroed by pool.c
	    ok 2 dma_direct_zeroed_test
	EOS
	run "$TOP/scripts/kunit-summary.py" "$BATS_TEST_TMPDIR/results.json" arm64 "$BATS_TEST_TMPDIR/test.log"
	[ "$status" -eq 0 ]
	[[ $output == *"skipped 1: atomic pools are private here"* ]]
	[[ $output == *"skipped 1: zeroed by pool.c"* ]]
}

@test "the document's table is checked against what the suite saw, cell by cell" {
	cat >"$BATS_TEST_TMPDIR/doc.rst" <<-'EOS'
	======  =====  ============  ===================  ===================  ===========
	forced  pool   request       on allocation        on free              flavour
	======  =====  ============  ===================  ===================  ===========
	no      no     any           nothing              nothing              encrypted
	yes     no     blocking      dma-direct decrypts  dma-direct encrypts  unencrypted
	======  =====  ============  ===================  ===================  ===========
	EOS
	{
		echo '    # dma_direct_matrix_test: doc table: no no blocking | nothing | nothing | encrypted'
		echo '    # dma_direct_matrix_test: doc table: no no non-blocking | nothing | nothing | encrypted'
		echo '    # dma_direct_matrix_test: doc table: yes no blocking | decrypts | encrypts | unencrypted'
	} >"$BATS_TEST_TMPDIR/test.log"
	run "$TOP/scripts/doc-table.py" "$BATS_TEST_TMPDIR/doc.rst" "$BATS_TEST_TMPDIR/test.log"
	[ "$status" -eq 0 ]
	[[ $output == "ok   doc-table: the document's 2 rows agree with the 3 behaviours the suite saw" ]]

	# the code encrypts nothing on free: the document's cell is wrong
	sed -i 's/| encrypts |/| nothing |/' "$BATS_TEST_TMPDIR/test.log"
	run "$TOP/scripts/doc-table.py" "$BATS_TEST_TMPDIR/doc.rst" "$BATS_TEST_TMPDIR/test.log"
	[ "$status" -eq 1 ]
	[[ $output == *"FAIL doc-table: forced=yes pool=no blocking: the document says decrypts / encrypts / unencrypted, the suite saw decrypts / nothing / unencrypted"* ]]

	# a behaviour no row describes
	echo '    # x: doc table: yes yes blocking | nothing | nothing | unencrypted' >>"$BATS_TEST_TMPDIR/test.log"
	run "$TOP/scripts/doc-table.py" "$BATS_TEST_TMPDIR/doc.rst" "$BATS_TEST_TMPDIR/test.log"
	[ "$status" -eq 1 ]
	[[ $output == *"FAIL doc-table: forced=yes pool=yes blocking: 0 rows of the document match"* ]]
}

@test "the table's row without atomic pools is checked against a second run" {
	cat >"$BATS_TEST_TMPDIR/doc.rst" <<-'EOS'
	======  =====  =============================  ===================  ===================  ===========
	forced  pool   request                        on allocation        on free              flavour
	======  =====  =============================  ===================  ===================  ===========
	yes     no     non-blocking                   nothing              nothing              unencrypted
	yes     no     non-blocking, no atomic pools  fails                nothing              none
	======  =====  =============================  ===================  ===================  ===========
	EOS
	echo '    # x: doc table: yes no non-blocking | nothing | nothing | unencrypted' >"$BATS_TEST_TMPDIR/pools.log"
	echo '    # x: doc table: yes no non-blocking, no atomic pools | fails | nothing | none' >"$BATS_TEST_TMPDIR/nopools.log"
	run "$TOP/scripts/doc-table.py" "$BATS_TEST_TMPDIR/doc.rst" "$BATS_TEST_TMPDIR/pools.log" "$BATS_TEST_TMPDIR/nopools.log"
	[ "$status" -eq 0 ]
	[[ $output == "ok   doc-table: the document's 2 rows agree with the 2 behaviours the suite saw" ]]

	# without the run that has no atomic pools, its row is never seen
	run "$TOP/scripts/doc-table.py" "$BATS_TEST_TMPDIR/doc.rst" "$BATS_TEST_TMPDIR/pools.log"
	[ "$status" -eq 1 ]
	[[ $output == *'FAIL doc-table: row "yes no non-blocking, no atomic pools" was never seen by the suite'* ]]

	# a run that logged nothing is an error, not an empty set
	: >"$BATS_TEST_TMPDIR/empty.log"
	run "$TOP/scripts/doc-table.py" "$BATS_TEST_TMPDIR/doc.rst" "$BATS_TEST_TMPDIR/pools.log" "$BATS_TEST_TMPDIR/empty.log"
	[ "$status" -eq 1 ]
	[[ $output == *'empty.log: no "doc table:" line: did the suite run?'* ]]
}

@test "the mainline document's table: named requests, rows seen elsewhere, a row changed by hand" {
	local patch doc=$BATS_TEST_TMPDIR/doc.rst log=$BATS_TEST_TMPDIR/test.log
	local where="yes no non-blocking=a confidential computing guest"

	patch=$(grep -l '^+++ b/Documentation/core-api/dma-direct-memory-encryption.rst' "$TOP"/patches-7.3/*.patch)
	sed -n '/^+++ b\/Documentation\/core-api\/dma-direct-memory-encryption.rst/,/^diff --git/{/^+[^+]/s/^+//p;/^+$/s/^+//p}' "$patch" >"$doc"
	# what the suite logs on UML, x86_64 and arm64
	for seen in 'no no blocking | nothing | nothing | encrypted' \
		    'no no non-blocking | nothing | nothing | encrypted' \
		    'yes no blocking | decrypts | encrypts | unencrypted' \
		    'yes no non-blocking, no atomic pools | fails | nothing | none' \
		    'no yes blocking | nothing | nothing | encrypted' \
		    'no yes non-blocking | nothing | nothing | encrypted' \
		    'no yes non-blocking, remapped | fails | nothing | none' \
		    'yes yes blocking | nothing | nothing | unencrypted' \
		    'yes yes non-blocking, remapped | fails | nothing | none'; do
		echo "    # dma_direct_matrix_test: doc table: $seen"
	done >"$log"
	run "$TOP/scripts/doc-table.py" --elsewhere "$where" "$doc" "$log"
	[ "$status" -eq 0 ]
	[[ $output == *'note: doc-table: row "yes no non-blocking" is not seen here: a confidential computing guest'* ]]
	[[ $output == *"ok   doc-table: the document's 8 rows agree with the 9 behaviours the suite saw (1 not seen here)"* ]]

	# the row a confidential guest shows is a failure unless named
	run "$TOP/scripts/doc-table.py" "$doc" "$log"
	[ "$status" -eq 1 ]
	[[ $output == *'FAIL doc-table: row "yes no non-blocking" was never seen by the suite'* ]]

	# a row changed by hand
	sed -i '/^yes     yes    any/s/unencrypted/encrypted  /' "$doc"
	run "$TOP/scripts/doc-table.py" --elsewhere "$where" "$doc" "$log"
	[ "$status" -eq 1 ]
	[[ $output == *"FAIL doc-table: forced=yes pool=yes blocking: the document says nothing / nothing / encrypted, the suite saw nothing / nothing / unencrypted"* ]]
}

@test "make pkvm refuses another base, and a run it does not have, naming its runs" {
	BASE=6.12 run "$TOP/scripts/pkvm.sh"
	[ "$status" -ne 0 ]
	[[ $output == *"runs on the 7.2 and 7.3 bases only (BASE=6.12)"* ]]
	PKVM_RUNS=nonsense run "$TOP/scripts/pkvm.sh"
	[ "$status" -ne 0 ]
	[[ $output == *"PKVM_RUNS='nonsense' names no run; runs: "*"control-no-pkvm-guest"* ]]
	[ ! -e "$BUILD_DIR" ]
}

@test "a step that needs more disk than there is stops before it starts, saying how much" {
	run bash -c ". '$TOP/scripts/lib.sh'; need_disk 1000000000 'make check'; echo went on"
	[ "$status" -ne 0 ]
	[[ $output == *"make check needs about 1000000000 GiB free where $BUILD_DIR is; "*" GiB are"* ]]
	[[ $output != *"went on"* ]]
}

@test "a mainline gate runs its gate with BASE=7.3" {
	CHECK_GATES=mainline-roundtrip ALIVE_SECONDS=600 run "$TOP/scripts/check.sh"
	[ "$status" -ne 0 ]
	[[ $output == *"no series applied in $BUILD_DIR/work-7.3: run 'make apply' first"* ]]
	[[ $output == *"0 passed, 1 failed"* ]]
}

# A work tree whose kunit.py prints the options it was given.
fake_kunit_tree()
{
	local work=$BUILD_DIR/work-$1
	mkdir -p "$work/kernel/dma" "$work/tools/testing/kunit"
	touch "$work.base"
	printf '%s\n' "$2" >"$work/kernel/dma/.kunitconfig"
	printf 'import sys\nprint("kunit.py args:", " ".join(sys.argv[1:]))\n' \
		>"$work/tools/testing/kunit/kunit.py"
}

@test "a suite with its own pool runs with the plain kunit.py command" {
	fake_kunit_tree 7.3 CONFIG_DMA_RESTRICTED_POOL=y
	BASE=7.3 run "$TOP/scripts/kunit.sh" arm64
	[ "$status" -eq 0 ]
	[[ $output == *"kunit.py args: run --kunitconfig=kernel/dma --arch=arm64 "* ]]
	[[ $output != *"qemu_args"* && $output != *"$TOP/kunit/"* ]]
	BASE=7.3 run "$TOP/scripts/kunit.sh" um
	[ "$status" -eq 0 ]
	[[ $output == *"kunit.py args: run --kunitconfig=kernel/dma --arch=um "* ]]
}

@test "a suite that needs the harness's pool gets it, and no UML run" {
	fake_kunit_tree 7.2 CONFIG_KUNIT=y
	BASE=7.2 run "$TOP/scripts/kunit.sh" x86_64
	[ "$status" -eq 0 ]
	[[ $output == *"--kunitconfig=$TOP/kunit/x86_64.config"* ]]
	BASE=7.2 run "$TOP/scripts/kunit.sh" um
	[ "$status" -ne 0 ]
	[[ $output == *"takes its pool from a device tree: no UML run"* ]]
}

@test "a fix that does not apply alone is a FAIL naming it, and no branch is left" {
	local tree work=$BUILD_DIR/work-7.2
	tree=$(fake_tree 7.2)
	mkdir -p "$BUILD_DIR"
	git -C "$tree" worktree add -q -b dma-direct-cc "$work"
	git -C "$tree" rev-parse HEAD >"$work.base"
	BASE=7.2 run "$TOP/scripts/alone.sh"
	[ "$status" -ne 0 ]
	for n in 1 2 3; do
		[[ $output == *"FAIL patch $n alone (000$n-"*"): does not apply to "* ]]
	done
	[ -z "$(git -C "$tree" branch --list 'dma-direct-cc-alone-*')" ]
	[ "$(git -C "$BUILD_DIR/bisect-src-7.2" rev-parse HEAD)" = "$(cat "$work.base")" ]
}
