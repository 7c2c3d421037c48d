# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
# Common settings and helpers for the harness scripts. Source it; don't run it.

TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD_DIR=${BUILD_DIR:-$TOP/build}
CACHE_DIR=${CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/dma-direct-series}
BASE=${BASE:-7.2}
LOG_DIR=$BUILD_DIR/logs
WORK_BRANCH=${WORK_BRANCH:-dma-direct-cc}
# The 7.2 series is a first posting, and so would a series for mainline
# (7.3) be; a backport is marked with its stable branch.
case $BASE in
7.2 | 7.3) SUBJECT_PREFIX="PATCH" ;;
*) SUBJECT_PREFIX="PATCH $BASE.y" ;;
esac
export CCACHE_DIR=${CCACHE_DIR:-$CACHE_DIR/ccache}
# Builds in another clone (CI's) reuse the cache: paths under build/ are
# hashed relative to the build directory, and the working directory not.
export CCACHE_BASEDIR=${CCACHE_BASEDIR:-$BUILD_DIR} CCACHE_NOHASHDIR=1

die()
{
	echo "error: $*" >&2
	exit 1
}

# need_disk GIB WHAT: stop before WHAT unless the file system that holds
# $BUILD_DIR has GIB GiB free.
need_disk()
{
	local dir=$BUILD_DIR free
	while [ ! -d "$dir" ]; do dir=$(dirname "$dir"); done
	free=$(df -Pk "$dir" | awk 'NR == 2 { print int($4 / 1048576) }')
	[ "$free" -ge "$1" ] ||
		die "$2 needs about $1 GiB free where $BUILD_DIR is; $free GiB are (df -h $dir)"
}

say()
{
	echo ">>> $*"
}

# alive START STAMP LOG: one line saying that a step still runs: its time so
# far, the objects compiled since STAMP was made, and the last line of LOG.
alive()
{
	local start=$1 stamp=$2 log=$3 secs objs last
	secs=$((SECONDS - start))
	objs=$(find "$BUILD_DIR" -name .git -prune -o -name '*.o' -newer "$stamp" -print 2>/dev/null | wc -l)
	last=$(tail -n 1 "$log" 2>/dev/null | tr -d '\r' | cut -c 1-90)
	printf '    ... %d min %02d s, %d objects compiled; %s\n' \
		$((secs / 60)) $((secs % 60)) "$objs" "$last"
}

# run_step NAME RERUN CMD...: run CMD with its output in $LOG_DIR/NAME.log,
# saying every $ALIVE_SECONDS (default 30) that it is still running.
# On failure show the end of the log and how to rerun just this step.
run_step()
{
	local name=$1 rerun=$2 log start next rc pid stamp errexit=
	local every=${ALIVE_SECONDS:-30}
	shift 2
	mkdir -p "$LOG_DIR"
	log=$LOG_DIR/$name.log
	stamp=$LOG_DIR/.$name.start
	say "$name (log: $log)"
	start=$SECONDS
	touch "$stamp"
	# CMD runs in a subshell with set -e, so that its first failing command
	# ends the step.  bash ignores set -e inside anything run from an "if"
	# or "||": a caller that wants the exit status does
	# "set +e; run_step ...; rc=$?; set -e".
	case $- in *e*) errexit=1 ;; esac
	set +e
	(set -e; "$@") >"$log" 2>&1 </dev/null &
	pid=$!
	next=$((start + every))
	while kill -0 "$pid" 2>/dev/null; do
		sleep 1
		if [ $SECONDS -ge $next ] && kill -0 "$pid" 2>/dev/null; then
			alive "$start" "$stamp" "$log"
			next=$((next + every))
		fi
	done
	wait "$pid"
	rc=$?
	rm -f "$stamp"
	[ -z "$errexit" ] || set -e
	if [ $rc -ne 0 ]; then
		echo "--- last lines of $log ---" >&2
		tail -n 25 "$log" >&2
		echo "--- $name failed (exit $rc) after $((SECONDS - start)) s; rerun: $rerun" >&2
		return $rc
	fi
	say "$name done in $((SECONDS - start)) s"
}

# The series for a base: patches/ for 7.2, patches-BASE/ for a backport.
series_dir()
{
	if [ "$BASE" = 7.2 ]; then
		echo "$TOP/patches"
	else
		echo "$TOP/patches-$BASE"
	fi
}

# The git worktree the series is applied in, on branch $WORK_BRANCH: one per
# base tree, so that the user's own checkout is never touched.
work_tree()
{
	if [ -n "${KERNEL_SRC:-}" ]; then
		echo "$BUILD_DIR/work-user"
	else
		echo "$BUILD_DIR/work-$BASE"
	fi
}

# A work tree the series has been applied in, or a clear error.
applied_work_tree()
{
	local work
	work=$(work_tree)
	[ -f "$work.base" ] || die "no series applied in $work: run 'make apply' first"
	echo "$work"
}

# Whether the suite in work tree $1 brings its own restricted DMA pool
# (its kunitconfig turns the pools on) rather than take the harness's.
suite_has_own_pool()
{
	grep -qx 'CONFIG_DMA_RESTRICTED_POOL=y' "$1/kernel/dma/.kunitconfig"
}

# The patches of the series that a stable tree could take one by one: each
# must apply alone to the base and build there (scripts/alone.sh).  The
# cover letters say which they are.
alone_patches()
{
	case $BASE in
	7.2 | 6.12) echo "1 2 3" ;;
	*) echo "" ;;
	esac
}

# git am needs a committer; keep the user's where the tree has one.
need_committer()
{
	git -C "$1" config user.email >/dev/null ||
		export GIT_COMMITTER_NAME="dma-direct series harness" GIT_COMMITTER_EMAIL="harness@localhost"
}

# kunit.py's build directory for an architecture and base.
kunit_dir()
{
	echo "$BUILD_DIR/kunit-$1-$BASE${KERNEL_SRC:+-user}${KUNIT_FLAVOUR:+-$KUNIT_FLAVOUR}"
}

cross_compile()
{
	case $1 in
	um | x86_64) echo "" ;;
	arm64) echo "aarch64-linux-gnu-" ;;
	arm) echo "arm-linux-gnueabihf-" ;;
	riscv) echo "riscv64-linux-gnu-" ;;
	powerpc) echo "powerpc64le-linux-gnu-" ;;
	s390) echo "s390x-linux-gnu-" ;;
	*) die "unknown ARCH '$1'" ;;
	esac
}

# base_worktree [DIR]: the unpatched base of the applied series, checked out
# in a worktree of its own (default build/base-src-BASE), for the base's side
# of boots and benchmarks, or for bisect to walk the series in.
base_worktree()
{
	local work base src=${1:-$BUILD_DIR/base-src-$BASE}
	work=$(applied_work_tree)
	base=$(cat "$work.base")
	if [ ! -e "$src/.git" ]; then
		git -C "$work" worktree prune
		git -C "$work" worktree add -q --detach "$src" "$base"
	fi
	git -C "$src" checkout -q --detach "$base"
	echo "$src"
}

# Whether a guest's kernel log LOG reports a warning or a crash.
kernel_warns()
{
	grep -qE 'WARNING:|BUG:|Oops|Kernel panic' "$1"
}

# Whether a guest's kernel log LOG reports a problem: a warning, a crash,
# or DMA memory leaked.
kernel_reports()
{
	kernel_warns "$1" || grep -q 'leaking DMA memory' "$1"
}

guest_image()
{
	case $1 in
	arm64) echo arch/arm64/boot/Image ;;
	x86_64) echo arch/x86/boot/bzImage ;;
	*) die "no guest kernel for ARCH '$1'" ;;
	esac
}

# guest_make ARCH SRC OUT ARGS...: make in SRC with its objects in OUT.
guest_make()
{
	local arch=$1 src=$2 out=$3 cross
	shift 3
	cross=$(cross_compile "$arch")
	make -C "$src" O="$out" ARCH="$arch" CROSS_COMPILE="$cross" \
		CC="ccache ${cross}gcc" -j"$(nproc)" "$@"
}

# guest_kernel ARCH SRC OUT FRAGMENT...: a small guest kernel, allnoconfig
# plus the config fragments, built in OUT.
guest_kernel()
{
	local arch=$1 src=$2 out=$3 image
	shift 3
	image=$(guest_image "$arch")
	mkdir -p "$out"
	cat "$@" >"$out/allconfig"
	guest_make "$arch" "$src" "$out" KCONFIG_ALLCONFIG="$out/allconfig" allnoconfig
	guest_make "$arch" "$src" "$out" "$(basename "$image")"
}

# initramfs KBUILD CPIO INIT [FILE...]: CPIO (and its list beside it) with
# the binary INIT as /init and the FILEs in /, made with the gen_init_cpio of
# the kernel build directory KBUILD.
initramfs()
{
	local kbuild=$1 cpio=$2 init=$3 file
	shift 3
	{
		echo "dir /dev 0755 0 0"
		echo "nod /dev/console 0600 0 0 c 5 1"
		echo "dir /proc 0755 0 0"
		echo "dir /sys 0755 0 0"
		echo "file /init $init 0755 0 0"
		for file in "$@"; do
			echo "file /$(basename "$file") $file 0755 0 0"
		done
	} >"${cpio%.cpio}.list"
	"$kbuild/usr/gen_init_cpio" "${cpio%.cpio}.list" >"$cpio"
}

# guest_initramfs ARCH OUT INIT_C [FILE...]: OUT/initramfs.cpio with INIT_C,
# built static, as /init and the FILEs in /.
guest_initramfs()
{
	local arch=$1 out=$2 init=$3
	shift 3
	"$(cross_compile "$arch")gcc" -O2 -Wall -static -pthread -o "$out/guest-init" "$init"
	initramfs "$out" "$out/initramfs.cpio" "$out/guest-init" "$@"
}
