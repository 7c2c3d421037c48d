#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Read llvm-cov's annotated direct.c ("line|count|source"): the lines
executed, and every line of the allocation, free, mmap and get_sgtable
paths that was not."""
import re
import sys

PATHS = ('dma_direct_alloc', 'dma_direct_free', 'dma_direct_alloc_pages',
         'dma_direct_free_pages', '__dma_direct_alloc_pages',
         'dma_direct_alloc_no_mapping', 'dma_direct_alloc_from_pool',
         'dma_direct_mmap', 'dma_direct_get_sgtable', 'dma_set_decrypted',
         'dma_set_encrypted', 'dma_direct_use_pool')
LINE = re.compile(r'^\s*(\d+)\|\s*([0-9.]+[kMG]?|)\|(.*)$')
FUNC = re.compile(r'^(?:static |struct |void |int |bool |u64 )[^(;]*?\b(\w+)\(')


def main():
    if len(sys.argv) != 2:
        sys.exit('usage: coverage-report.py direct.c.cov')
    run = total = 0
    func = None
    missed = []
    for line in open(sys.argv[1]):
        m = LINE.match(line.rstrip('\n'))
        if not m:
            continue
        lineno, count, src = m.groups()
        f = FUNC.match(src)
        if f:
            func = f.group(1)
        elif src.startswith('}'):
            func = None
        if not count:
            continue
        total += 1
        if count == '0':
            if func in PATHS:
                missed.append((func, lineno, src.strip()))
        else:
            run += 1
    if not total:
        sys.exit(f'no line counts in {sys.argv[1]}')
    print(f'direct.c: {run} of {total} lines executed ({100 * run // total}%)')
    print('not executed in the allocation, free, mmap and get_sgtable paths: '
          f'{len(missed)}')
    for func, lineno, src in missed:
        print(f'  {func}:{lineno}: {src}')


main()
