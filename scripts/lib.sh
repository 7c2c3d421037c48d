# SPDX-License-Identifier: GPL-2.0
# Common settings and helpers for the harness scripts. Source it; don't run it.

TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD_DIR=${BUILD_DIR:-$TOP/build}
CACHE_DIR=${CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/dma-direct-series}
BASE=${BASE:-7.2}
LOG_DIR=$BUILD_DIR/logs
WORK_BRANCH=${WORK_BRANCH:-dma-direct-cc}
# The mainline series is v2; a backport is marked with its stable branch.
if [ "$BASE" = 7.2 ]; then
	SUBJECT_PREFIX="PATCH v2"
else
	SUBJECT_PREFIX="PATCH $BASE.y"
fi
export CCACHE_DIR=${CCACHE_DIR:-$CACHE_DIR/ccache}
# Builds in another clone (CI's) reuse the cache: paths under build/ are
# hashed relative to the build directory, and the working directory not.
export CCACHE_BASEDIR=${CCACHE_BASEDIR:-$BUILD_DIR} CCACHE_NOHASHDIR=1

die()
{
	echo "error: $*" >&2
	exit 1
}

say()
{
	echo ">>> $*"
}

# run_step NAME RERUN CMD...: run CMD with its output in $LOG_DIR/NAME.log.
# On failure show the end of the log and how to rerun just this step.
run_step()
{
	local name=$1 rerun=$2 log start rc=0
	shift 2
	mkdir -p "$LOG_DIR"
	log=$LOG_DIR/$name.log
	say "$name (log: $log)"
	start=$SECONDS
	"$@" >"$log" 2>&1 || rc=$?
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

# kunit.py's build directory for an architecture and base.
kunit_dir()
{
	echo "$BUILD_DIR/kunit-$1-$BASE${KERNEL_SRC:+-user}${KUNIT_FLAVOUR:+-$KUNIT_FLAVOUR}"
}

cross_compile()
{
	case $1 in
	x86_64) echo "" ;;
	arm64) echo "aarch64-linux-gnu-" ;;
	arm) echo "arm-linux-gnueabihf-" ;;
	riscv) echo "riscv64-linux-gnu-" ;;
	powerpc) echo "powerpc64le-linux-gnu-" ;;
	s390) echo "s390x-linux-gnu-" ;;
	*) die "unknown ARCH '$1'" ;;
	esac
}
