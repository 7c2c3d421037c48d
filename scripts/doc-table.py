#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Check the "Who does what" table of
Documentation/core-api/dma-direct-memory-encryption.rst against what the
KUnit suite saw dma-direct do: each case of its matrix logs a line
"doc table: FORCED POOL REQUEST | ALLOCATION | FREE | FLAVOUR".  The logs
of several runs (one with atomic DMA pools, one without) are read as one.
A row whose request is named matches that request; a row whose request is
"any" matches the others.  A row that these runs cannot show (one that
needs a confidential computing guest) is named with --elsewhere, and is
then a note when unseen instead of a failure.

usage: doc-table.py [--elsewhere 'FORCED POOL REQUEST=WHERE']... DOCUMENT TEST.LOG...
"""
import argparse
import re
import sys

SEEN = re.compile(r'doc table: (yes|no) (yes|no) '
                  r'(blocking|non-blocking(?:, no atomic pools|, remapped)?) '
                  r'\| (\w+) \| (\w+) \| (\w+)')
COLUMNS = ['forced', 'pool', 'request', 'on allocation', 'on free', 'flavour']


def cell(text):
    """A cell as the suite words it: "dma-direct decrypts" is "decrypts"."""
    return text.strip().removeprefix('dma-direct ').strip()


def document_rows(path):
    """The rows of the table whose header is COLUMNS, as tuples of cells."""
    lines = open(path, encoding='utf-8').read().splitlines()
    for i, line in enumerate(lines):
        if re.split(r'\s{2,}', line.strip()) != COLUMNS:
            continue
        border = lines[i + 1]
        # column spans from the '=' runs of the border line
        spans = [m.span() for m in re.finditer(r'=+', border)]
        rows = []
        for row in lines[i + 2:]:
            if row.startswith('='):
                return rows
            rows.append(tuple(cell(row[a:b] if j < len(spans) - 1 else row[a:])
                              for j, (a, b) in enumerate(spans)))
        break
    sys.exit(f'{path}: no table with the columns {", ".join(COLUMNS)}')


def matches(rows, row, seen):
    """Whether @row describes @seen: by its request, else as "any"."""
    forced, pool, request = seen[:3]
    if row[0] != forced or row[1] != pool:
        return False
    if row[2] == request:
        return True
    return row[2] == 'any' and not any(r[:3] == (forced, pool, request)
                                       for r in rows)


def main():
    parser = argparse.ArgumentParser(usage=__doc__.strip().splitlines()[-1][7:])
    parser.add_argument('--elsewhere', action='append', default=[])
    parser.add_argument('document')
    parser.add_argument('logs', nargs='+')
    args = parser.parse_args()
    elsewhere = {}
    for e in args.elsewhere:
        row, sep, where = e.partition('=')
        if not sep or not where:
            sys.exit(f"--elsewhere '{e}': not 'FORCED POOL REQUEST=WHERE'")
        elsewhere[row] = where
    rows = document_rows(args.document)
    for row in elsewhere:
        if row not in (' '.join(r[:3]) for r in rows):
            sys.exit(f"--elsewhere '{row}': the document has no such row")
    seen = set()
    for log in args.logs:
        found = False
        try:
            lines = open(log, encoding='utf-8', errors='replace').readlines()
        except OSError as e:
            sys.exit(f'{log}: {e.strerror}: did the suite run?')
        for line in lines:
            m = SEEN.search(line)
            if m:
                seen.add(m.groups())
                found = True
        if not found:
            sys.exit(f'{log}: no "doc table:" line: did the suite run?')

    bad = 0
    for s in sorted(seen):
        row = [r for r in rows if matches(rows, r, s)]
        what = f'forced={s[0]} pool={s[1]} {s[2]}'
        if len(row) != 1:
            print(f'FAIL doc-table: {what}: {len(row)} rows of the document match')
            bad += 1
        elif row[0][3:] != s[3:]:
            print(f'FAIL doc-table: {what}: the document says '
                  f'{" / ".join(row[0][3:])}, the suite saw {" / ".join(s[3:])}')
            bad += 1
    unseen = 0
    for r in rows:
        name = ' '.join(r[:3])
        if any(matches(rows, r, s) for s in seen):
            continue
        if name in elsewhere:
            print(f'note: doc-table: row "{name}" is not seen here: {elsewhere[name]}')
            unseen += 1
        else:
            print(f'FAIL doc-table: row "{name}" was never seen by the suite')
            bad += 1
    if not bad:
        print(f'ok   doc-table: the document\'s {len(rows)} rows agree with '
              f'the {len(seen)} behaviours the suite saw'
              + (f' ({unseen} not seen here)' if unseen else ''))
    return 1 if bad else 0


if __name__ == '__main__':
    sys.exit(main())
