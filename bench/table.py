#!/usr/bin/env python3
"""Collects the `FIGURE {json}` lines the benchmarks print (see
benchlib.figure) from the files named, or stdin, and prints one table:
figure | median | spread | p90 | runs | unit | comparison. Figures only:
nothing here passes or fails."""

import json
import statistics
import sys


def p90(values):
    s = sorted(values)
    return s[max(0, min(len(s) - 1, int(round(0.9 * len(s))) - 1))]


def number(v):
    """V with about three significant digits, no exponent."""
    if v == 0:
        return "0"
    a = abs(v)
    if a >= 100:
        return "%.0f" % v
    if a >= 10:
        return "%.1f" % v
    if a >= 1:
        return "%.2f" % v
    return "%.3f" % v


def row(rec):
    vals = rec["values"]
    if not vals:
        return [rec["figure"], "-", "-", "-", "0", rec["unit"], "no sample"]
    med = statistics.median(vals)
    spread = "%s-%s" % (number(min(vals)), number(max(vals))) \
        if len(vals) > 1 else "-"
    comparison = rec.get("compare", "")
    if rec.get("baseline"):
        base = statistics.median(rec["baseline"])
        comparison = "x%.2f of %s (%s %s)" % (
            med / base if base else float("nan"), rec["versus"],
            number(base), rec["unit"])
    if rec.get("note"):
        comparison = (comparison + "; " if comparison else "") + rec["note"]
    return [rec["figure"], number(med), spread,
            number(p90(vals)) if len(vals) >= 5 else "-", str(len(vals)),
            rec["unit"], comparison]


def collect(lines):
    figures = []
    for line in lines:
        at = line.find("FIGURE {")
        if at < 0:
            continue
        try:
            figures.append(json.loads(line[at + len("FIGURE "):]))
        except ValueError:
            print("table: not a figure: %s" % line.strip()[:120],
                  file=sys.stderr)
    return figures


def render(figures):
    head = ["figure", "median", "spread (min-max)", "p90", "runs", "unit",
            "comparison / note"]
    rows = [head] + [row(f) for f in figures]
    widths = [max(len(r[i]) for r in rows) for i in range(len(head) - 1)]
    out = []
    for k, r in enumerate(rows):
        cells = [r[i].ljust(widths[i]) if i == 0 else r[i].rjust(widths[i])
                 for i in range(len(widths))]
        out.append(" | ".join(cells + [r[-1]]).rstrip())
        if k == 0:
            out.append("-+-".join("-" * w for w in widths) + "-+-" +
                       "-" * len(head[-1]))
    return "\n".join(out)


def main(paths):
    lines = []
    if not paths:
        lines = sys.stdin.readlines()
    for p in paths:
        with open(p, encoding="utf-8", errors="replace") as f:
            lines.extend(f.readlines())
    figures = collect(lines)
    if not figures:
        print("no figures were printed")
        return 0
    print(render(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
