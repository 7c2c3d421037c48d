#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Build kernel/dma/ with W=1 and sparse at the base and after each patch of
# the series, for every config in configs/ (ARCH-NAME.config, applied on top
# of the arch's defconfig).  Fails on a build error or on any warning in
# kernel/dma/ that the base does not have.  Builds are incremental from one
# commit to the next, in a worktree of their own; the config is made again
# only where a commit changes a Kconfig file.  BISECT_NO_KEEP=1: builds of
# commits that are not the series' (probes, a patch alone), whose objects
# are not kept for the size report.  BISECT_TIP_ABSENT="CONFIG_X ...":
# symbols of the fragments that the tip does not define (a fix alone has
# no suite), left out of the check that the tip's config honours them.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

[ "${1:-}" != -h ] || { echo "usage: $0 [CONFIG...]   (default: every configs/*.config)" >&2; exit 2; }
work=$(applied_work_tree)
base=$(cat "$work.base")
configs=("$@")
[ $# -gt 0 ] || configs=("$TOP"/configs/*.config)
mkdir -p "$LOG_DIR"

src=$(base_worktree "$BUILD_DIR/bisect-src-$BASE")
commits=("$base" $(git -C "$work" rev-list --reverse "$base..$WORK_BRANCH"))

# sparse (C=1) as the tree accepts it; else the builds go without it.
if sparse=$("$TOP/scripts/build-sparse.sh" "$src" 2>"$LOG_DIR/bisect-sparse.log"); then
	check=(C=1 CHECK="$sparse")
	echo "note: sparse: $sparse"
else
	check=()
	echo "note: sparse skipped: no sparse this tree accepts (see $LOG_DIR/bisect-sparse.log)"
fi

# The warnings of a build log about kernel/dma/, without line numbers.
dma_warnings()
{
	{ grep -E '^(\S*/)?kernel/dma/[^:]*:[0-9]+:[0-9]+: (warning|error)' "$1" || true; } |
		sed -E 's/:[0-9]+:[0-9]+:/:/; s|^.*/kernel/dma/|kernel/dma/|' | sort -u
}

# The fragment's settings that the final .config does not have.
fragment_mismatch()
{
	local line sym
	while read -r line; do
		case " ${BISECT_TIP_ABSENT:-} " in
		*" ${line%%=*} "*) continue ;;
		esac
		case $line in
		CONFIG_*) grep -qxF "$line" "$2" || echo -n "$line; " ;;
		"# CONFIG_"*" is not set")
			sym=${line#\# }
			sym=${sym% is not set}
			! grep -q "^$sym=" "$2" || echo -n "$sym is set; " ;;
		esac
	done <"$1"
}

failed=0
for config in "${configs[@]}"; do
	name=$(basename "$config" .config)
	arch=${name%%-*}
	cross=$(cross_compile "$arch")
	obj=$BUILD_DIR/bisect-$BASE/$name
	defconfig=$(sed -n 's/^# base: //p' "$config")
	make_args=(-C "$src" O="$obj" ARCH="$arch" CROSS_COMPILE="$cross"
		   CC="ccache ${cross}gcc" -j"$(nproc)")
	mkdir -p "$obj"
	i=0
	prev=
	for commit in "${commits[@]}"; do
		git -C "$src" checkout -q --detach "$commit"
		label="$name $(git -C "$src" log -1 --format='%h %s' "$commit")"
		log=$LOG_DIR/bisect-$BASE-$name-$i.log
		# The config again where a Kconfig changed, so that the fragment's
		# symbols are set once they exist (the suite's, for one).
		configure=
		if [ -z "$prev" ] || ! git -C "$src" diff --quiet "$prev" "$commit" -- '*Kconfig*'; then
			configure=1
		fi
		prev=$commit
		{
			if [ -n "$configure" ]; then
				make "${make_args[@]}" "${defconfig:-defconfig}" &&
				cat "$config" >>"$obj/.config" &&
				make "${make_args[@]}" olddefconfig
			fi &&
			make "${make_args[@]}" W=1 "${check[@]}" kernel/dma/
		} >"$log" 2>&1 || { echo "FAIL $label: build failed (see $log)"; tail -n 20 "$log"; failed=$((failed + 1)); i=$((i + 1)); continue; }
		# kept for the size report (scripts/bloat.sh)
		[ -n "${BISECT_NO_KEEP:-}" ] || cp "$obj/kernel/dma/direct.o" "$obj/direct.o.$i"
		if [ $i -eq 0 ]; then
			dma_warnings "$log" >"$obj/base-warnings"
			echo "ok   $label: base, $(wc -l <"$obj/base-warnings") warnings in kernel/dma/"
		elif new=$(dma_warnings "$log" | comm -23 - "$obj/base-warnings") && [ -n "$new" ]; then
			echo "FAIL $label: new warnings:"
			echo "$new"
			failed=$((failed + 1))
		else
			echo "ok   $label"
		fi
		i=$((i + 1))
	done
	# At the tip, the config must be what the fragment asks for.
	if bad=$(fragment_mismatch "$config" "$obj/.config") && [ -n "$bad" ]; then
		echo "FAIL $name: the fragment is not honoured: $bad"
		failed=$((failed + 1))
	fi
done
git -C "$src" checkout -q --detach "$base"
[ $failed -eq 0 ]
