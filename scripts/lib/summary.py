"""Counts test cases over every suite from meson's testlog.json.

A cmocka program reports how many of its cases passed and failed; an
integration script prints "cases: N passed, N failed". Any other test
counts as one case, by its result. Prints per-suite lines, then the one
closing line "N passed, N failed[, N skipped]"; exits 1 when any failed.

    summary.py [--prefix=P] TESTLOG.json... [--skipped=SUITE=N]
               [--failed=SUITE=N]

Several logs (the main build's, the fuzz build's) add up; --prefix=P
names the suites of the logs after it P+suite (the unit tests again
under the sanitizers: asan-unit); --skipped and --failed count N cases
of a suite that could not run at all (no clang; its build failed).

A case that was skipped (a server, a peer or a compiler missing) counts
as failed: a run with parts missing cannot pass. CORDBOARD_ALLOW_SKIP=1
counts skips as skipped, for a machine known to lack something.
"""
import json
import os
import re
import sys

CMOCKA_PASSED = re.compile(r"^\[  PASSED  \] (\d+) test", re.M)
CMOCKA_FAILED = re.compile(r"^\[  FAILED  \] (\d+) test", re.M)
CMOCKA_SKIPPED = re.compile(r"^\[  SKIPPED \] (\d+) test", re.M)
SCRIPT_CASES = re.compile(r"^cases: (\d+) passed, (\d+) failed(?:, (\d+) skipped)?", re.M)


def count(entry):
    out = (entry.get("stdout") or "") + "\n" + (entry.get("stderr") or "")
    result = entry.get("result")
    m = SCRIPT_CASES.findall(out)
    if m:
        p, f, s = m[-1]
        p, f, s = int(p), int(f), int(s or 0)
    elif CMOCKA_PASSED.search(out) or CMOCKA_FAILED.search(out):
        p = sum(int(x) for x in CMOCKA_PASSED.findall(out))
        f = sum(int(x) for x in CMOCKA_FAILED.findall(out))
        s = sum(int(x) for x in CMOCKA_SKIPPED.findall(out))
    else:
        p, f, s = 0, 0, 0
    if result == "SKIP" and p == f == 0:
        s = max(s, 1)
    elif result != "OK" and f == 0:
        f = 1   # crashed, timed out or failed without saying how
    elif result == "OK" and p == f == s == 0:
        p = 1
    return p, f, s


def main(args):
    entries, totals, prefix = [], {}, ""
    for arg in args:
        kind = arg[2:].split("=")[0] if arg.startswith("--") else ""
        if kind == "prefix":
            prefix = arg[len("--prefix="):]
            continue
        if kind in ("skipped", "failed"):
            # a suite that could not run at all: SUITE=N cases
            suite, _, n = arg[len(kind) + 3:].partition("=")
            totals.setdefault(suite, [0, 0, 0])[
                2 if kind == "skipped" else 1] += int(n or 1)
            print(f"{kind.upper()}: suite {suite} did not run")
            continue
        try:
            with open(arg, encoding="utf-8") as fh:
                entries += [dict(json.loads(line), prefix=prefix)
                            for line in fh if line.strip()]
        except OSError as e:
            print(f"no test log: {e}")
            totals.setdefault("?", [0, 0, 0])[1] += 1
    for e in entries:
        # names read "project:suite / test"
        name = e.get("name", "?")
        suite = name.split(" / ")[0].split(":")[-1] if " / " in name else "?"
        suite = e.get("prefix", "") + suite
        p, f, s = count(e)
        t = totals.setdefault(suite, [0, 0, 0])
        t[0] += p
        t[1] += f
        t[2] += s
        if f:
            print(f"FAILED: {e.get('name')} ({suite})")
        if s:
            print(f"SKIPPED: {e.get('name')} ({suite}): {s} case(s)")
    for suite, (p, f, s) in sorted(totals.items()):
        print(f"suite {suite}: {p} passed, {f} failed, {s} skipped")
    p = sum(t[0] for t in totals.values())
    f = sum(t[1] for t in totals.values())
    s = sum(t[2] for t in totals.values())
    if s and os.environ.get("CORDBOARD_ALLOW_SKIP") != "1":
        print(f"{s} skipped case(s) count as failed "
              "(CORDBOARD_ALLOW_SKIP=1 to allow them)")
        f, s = f + s, 0
    line = f"{p} passed, {f} failed"
    if s:
        line += f", {s} skipped"
    print(line)
    return 1 if f or p == 0 else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
