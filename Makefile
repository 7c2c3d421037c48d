# SPDX-License-Identifier: GPL-2.0
# The one front door of the harness.  'make help' lists the targets.

BASE ?= 7.2
ARCH ?= arm64
export BASE KERNEL_SRC

S := scripts

.PHONY: all help deps tree apply export signoff kunit prove lint bisect \
	prove-bisect alone selftest check check-lts check-mainline clean docs hardened versions \
	boot bench report pkvm coverage packages

## all: install what is missing, apply the series, run the KUnit suite (arm64)
all:
	@ARCH=$(ARCH) $(S)/main.sh

help:
	@sed -n 's/^## //p' $(MAKEFILE_LIST)
	@echo "variables: BASE=7.2|6.12|7.3  KERNEL_SRC=/path/to/linux  ARCH=arm64|x86_64|um (default arm64; um: BASE=7.3 kunit only)  AUTHOR='Name <email>'"

## deps: install the Debian packages the harness needs (or print the command)
deps:
	@$(S)/deps.sh

# Targets that build or run a kernel install what is missing first
# (coverage asks deps.sh itself, for its whole list and clang).
packages:
	@$(S)/deps.sh >/dev/null

## tree: unpack Debian's linux-source-$(BASE) into build/ as a git tree
tree: packages
	@$(S)/prepare-tree.sh $(BASE)

## apply: git am the series onto the base, branch dma-direct-cc in build/work-*
apply: packages
	@mkdir -p build/logs
	@$(S)/apply.sh

## export: write the work branch back to patches/ with git format-patch
export:
	@$(S)/export.sh

## signoff: AUTHOR='Name <email>': signed-off copy of the series in build/outgoing
signoff:
	@test -n "$(AUTHOR)" || { echo "usage: make signoff AUTHOR='Name <email>'"; exit 2; }
	@$(S)/signoff.sh "$(AUTHOR)"

## kunit: build and run the KUnit suite for ARCH=um|x86_64|arm64 (UML or QEMU)
kunit: packages
	@$(S)/kunit.sh $(ARCH)

## coverage: the lines of kernel/dma/direct.c the suite executes, on UML with gcov (BASE=7.3)
coverage:
	@$(S)/deps.sh clang-19 lld-19 llvm-19 libclang-rt-19-dev >/dev/null
	@$(S)/coverage.sh

## prove: put each fixed bug back and show which KUnit cases catch it (arm64)
prove: packages
	@$(S)/prove.sh

## boot: boot small guests of the series and of the base, ARCH=x86_64|arm64
boot: packages
	@$(S)/boot.sh $(ARCH)

## pkvm: the series in a real pKVM protected VM (QEMU TCG host), with controls; BASE=7.3: the suite in one
pkvm: packages
	@$(S)/pkvm.sh

## bench: speed of coherent allocations, base against series, arm64 (PAIRS=3)
bench: packages
	@$(S)/bench.sh $(PAIRS)

## hardened: the suite with KASAN, DEBUG_VM, PROVE_LOCKING, DMA_API_DEBUG (ARCH=...)
hardened: packages
	@$(S)/hardened.sh $(ARCH)

## versions: the series applies to every linux-source-$(BASE) Debian serves
versions: packages
	@$(S)/versions.sh

## docs: make htmldocs (core-api) with no warning about the files the series adds
docs: packages
	@$(S)/docs.sh

## lint: checkpatch.pl --strict on the cover letter and every patch, kernel-doc -Wall on changed files
lint: packages
	@$(S)/lint.sh

## bisect: build kernel/dma/ with W=1 and sparse after every patch, all configs
bisect: packages
	@$(S)/bisect.sh

## report: lint, docs, bisect, size and bench in one page, build/report-$(BASE).md
report: packages
	@$(S)/report.sh

## alone: the fixes a stable tree could take one by one each apply alone to the base and build
alone: packages
	@$(S)/alone.sh

## prove-bisect: show that bisect fails on a patch adding a sparse or a W=1 warning
prove-bisect: packages
	@$(S)/prove-bisect.sh

## selftest: the harness's own tests (bats)
selftest:
	@bats tests

## check: every gate above that fits CI's budget; ends in "N passed, N failed"
check: packages
	@$(S)/check.sh

## check-lts: the 6.12 backport: apply, round trip, lint, alone, KUnit on both arches, doc table, prove, arm64 boot
check-lts: packages
	@BASE=6.12 CHECK_GATES="apply roundtrip lint alone kunit-x86_64 kunit-arm64 doc-table prove boot-arm64" $(S)/check.sh

## check-mainline: the series for mainline 7.3: apply, round trip, lint, docs, KUnit on UML, x86_64 and arm64, doc table, prove, arm64 boot, pKVM guest
check-mainline: packages
	@BASE=7.3 CHECK_GATES="apply roundtrip lint docs kunit-um kunit-x86_64 kunit-arm64 doc-table prove boot-arm64 pkvm" $(S)/check.sh

## clean: remove build/ (the download and ccache caches stay)
clean:
	rm -rf build
