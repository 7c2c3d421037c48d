#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Print the failed cases of a kunit.py JSON result, one "test: case" a line."""
import json
import sys


def failures(group, path):
    for case in group.get('test_cases', []):
        if case.get('status') == 'FAIL':
            yield f'{path}: {case["name"]}' if path else case['name']
    for sub in group.get('sub_groups', []):
        yield from failures(sub, sub['name'] if group['name'] != 'KUnit Test Group' else '')


def main():
    if len(sys.argv) != 2:
        sys.exit('usage: kunit-failures.py RESULTS.json')
    with open(sys.argv[1]) as f:
        for line in failures(json.load(f), ''):
            print(line)


if __name__ == '__main__':
    main()
