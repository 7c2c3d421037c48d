#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Summarise a kunit.py JSON result for a reader new to the suite: how many
cases ran, passed, failed and skipped, which settings of the matrix the
passed cases covered and, from the kernel's KTAP log (kunit.py's test.log),
why cases skipped.  With --failed, only the failed cases, one
"test: case" a line, as 'make prove' names them."""
import collections
import json
import re
import sys

# The words the suite's case names use for each dimension of its matrix.
DIMENSIONS = [
    ('platform', {'forced': 'forced unencrypted DMA',
                  'unforced': 'not forced'}),
    ('pool', {'pool': 'restricted DMA pool', 'no-pool': 'no pool'}),
    ('device', {'coherent-dev': 'coherent',
                'noncoherent-dev': 'non-coherent (remapping)'}),
    ('API', {'dma_alloc_coherent': 'dma_alloc_coherent',
             'no_kernel_mapping': 'DMA_ATTR_NO_KERNEL_MAPPING',
             'dma_alloc_pages': 'dma_alloc_pages',
             'atomic': 'dma_alloc_coherent(GFP_ATOMIC)',
             'dma_alloc_pages_atomic': 'dma_alloc_pages(GFP_ATOMIC)'}),
]


def cases(group, path=''):
    """Every case of a result tree, with the name of the test it is part of."""
    for case in group.get('test_cases', []):
        yield path, case
    for sub in group.get('sub_groups', []):
        yield from cases(sub, sub['name'] if group['name'] != 'KUnit Test Group' else '')


def print_failed(all_cases):
    for path, case in all_cases:
        if case.get('status') == 'FAIL':
            print(f'{path}: {case["name"]}' if path else case['name'])


def skip_reasons(path):
    """The reason of every "ok N NAME # SKIP REASON" line of a KTAP log, by
    (test, NAME) and by NAME: parameterised tests share case names."""
    reasons = {}
    tests = []
    try:
        with open(path, errors='replace') as f:
            for line in f:
                m = re.search(r'# Subtest: (.*)$', line)
                if m:
                    tests.append(m.group(1).strip())
                    continue
                m = re.search(r'\bok \d+ (.*?)(?: # SKIP ?(.*))?$', line)
                if not m:
                    continue
                name = m.group(1).strip()
                if tests and name == tests[-1]:
                    tests.pop()
                if m.group(2) is not None:
                    reason = m.group(2).strip()
                    reasons[(tests[-1] if tests else '', name)] = reason
                    reasons[name] = reason
    except FileNotFoundError:
        pass
    return reasons


def main():
    if len(sys.argv) == 3 and sys.argv[1] == '--failed':
        with open(sys.argv[2]) as f:
            print_failed(cases(json.load(f)))
        return
    if len(sys.argv) not in (3, 4):
        sys.exit('usage: kunit-summary.py RESULTS.json ARCH [TEST.LOG]\n'
                 '       kunit-summary.py --failed RESULTS.json')
    reasons = skip_reasons(sys.argv[3]) if len(sys.argv) == 4 else {}
    with open(sys.argv[1]) as f:
        paths = list(cases(json.load(f)))
    all_cases = [case for _, case in paths]
    status = collections.Counter(c.get('status') for c in all_cases)
    print(f'{len(all_cases)} cases ran on {sys.argv[2]}: '
          f'{status["PASS"]} passed, {status["FAIL"] + status["ERROR"]} failed, '
          f'{status["SKIP"]} skipped')
    words = [set(c['name'].split()) for c in all_cases if c.get('status') == 'PASS']
    for dim, names in DIMENSIONS:
        seen = [text for word, text in names.items() if any(word in w for w in words)]
        if seen:
            print(f'  {dim}: {", ".join(seen)}')
    skipped = collections.Counter(
        reasons.get((path, c['name']), reasons.get(c['name'], 'reason not in the log'))
        for path, c in paths if c.get('status') == 'SKIP')
    for reason, n in skipped.most_common():
        print(f'  skipped {n}: {reason}')


if __name__ == '__main__':
    main()
