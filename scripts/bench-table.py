#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Turn the logs of 'make bench' into a Markdown table of series/base ratios.

usage: bench-table.py base:LOG series:LOG [base:LOG series:LOG ...]

The logs come in pairs, base then series, booted one after the other.
Each log has one "dma-bench: DEVICE API BYTES NS" line per combination
and round; a boot's figure for a combination is the median of its rounds.
The ratio is series over base of the medians across boots; the spread is
the lowest and highest ratio of the pairs of boots.
"""
import re
import statistics
import sys

GOAL = 1.02
LINE = re.compile(r"dma-bench: (\S+) (\S+) (\d+) (\d+|n/a)(?: (.*))?$")


def read_log(path):
    """{(device, api, bytes): [ns, ...]} and {(device, api, bytes): why}."""
    figures, missing = {}, {}
    with open(path, errors="replace") as log:
        for line in log:
            m = LINE.search(line.rstrip("\r\n"))
            if not m:
                continue
            key = (m[1], m[2], int(m[3]))
            if m[4] == "n/a":
                missing[key] = m[5]
            else:
                figures.setdefault(key, []).append(int(m[4]))
    return figures, missing


def size_name(size):
    if size >= 1 << 20:
        return f"{size >> 20} MiB"
    return f"{size >> 10} KiB"


def main(args):
    if len(args) < 2 or len(args) % 2 or not all(":" in a for a in args):
        sys.exit(__doc__.strip().splitlines()[2])
    boots = {"base": [], "series": []}
    missing = {}
    for arg in args:
        tree, path = arg.split(":", 1)
        figures, why = read_log(path)
        boots[tree].append({k: statistics.median(v) for k, v in figures.items()})
        missing.update(why)
    if len(boots["base"]) != len(boots["series"]):
        sys.exit("bench-table.py: as many base logs as series logs are needed")

    print("| device | API | size | base ns | series ns | series/base | spread of pairs | goal ≤ %.2f |" % GOAL)
    print("|---|---|---|---:|---:|---:|---|---|")
    keys = sorted(set(boots["base"][0]) | set(missing),
                  key=lambda k: (k[0], k[1], k[2]))
    worst = None
    for key in keys:
        dev, api, size = key
        row = f"| {dev} | {api} | {size_name(size)} |"
        if key in missing or any(key not in b for b in boots["base"] + boots["series"]):
            print(f"{row} – | – | – | – | not measured: {missing.get(key, 'no figure')} |")
            continue
        base = statistics.median(b[key] for b in boots["base"])
        series = statistics.median(b[key] for b in boots["series"])
        pair_ratios = [s[key] / b[key] for b, s in zip(boots["base"], boots["series"])]
        ratio = series / base
        if worst is None or ratio > worst[0]:
            worst = (ratio, f"{dev} {api} {size_name(size)}")
        print(f"{row} {base:.0f} | {series:.0f} | {ratio:.4f} | "
              f"{min(pair_ratios):.4f} – {max(pair_ratios):.4f} | "
              f"{'met' if ratio <= GOAL else 'missed'} |")
    if worst:
        print()
        print(f"Highest series/base ratio: {worst[0]:.4f} ({worst[1]}); "
              f"goal ≤ {GOAL:.2f} {'met by every combination' if worst[0] <= GOAL else 'missed'}.")


if __name__ == "__main__":
    main(sys.argv[1:])
