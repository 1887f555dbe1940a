#!/usr/bin/env python3
"""Runs one libFuzzer target for a bounded time on a seeded corpus.

    run_fuzz.py EXE NAME [--seconds S] [--corpus DIR] [--crashes DIR]

The corpus starts from the files cordboard ships and tests (configs,
keymaps, themes, CSV, ...) plus tests/fuzz/seeds/NAME. Without --corpus
it is a fresh temporary directory, removed afterwards. Any crash, leak,
sanitizer report or broken property makes libFuzzer stop; this script
then prints where the reproducer was saved and its bytes, and exits 1.
The last lines give the figures: execs, execs/s, cov, ft, corpus size.
"""
import argparse
import glob
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))

# shipped and test files each target starts from (globs under ROOT)
SEEDS = {
    "config": ["demo/*.conf", "tests/data/config/*", "tests/data/groups/*",
               "tests/data/directory/*.conf"],
    "keymap": ["keymaps/*.keymap", "tests/data/keymaps/*"],
    "theme": ["themes/*.theme", "tests/data/themes/*"],
    "directory": ["tests/data/directory/*.csv"],
    "events_xml": [],
    "rlmi": [],
    "sanitize": [],
    "action": [],
    "ctl": ["tests/fuzz/seeds/action/*"],
    "macro": [],
    "script": [],
    "state": [],
}

DONE = re.compile(r"#(\d+)\s+DONE\s+cov: (\d+) ft: (\d+) corp: (\d+)/(\S+)")
STAT = re.compile(r"^stat::(\w+):\s+(\d+)", re.M)


def seed(name, corpus):
    n = 0
    patterns = SEEDS.get(name, []) + [f"tests/fuzz/seeds/{name}/*"]
    for pattern in patterns:
        for path in sorted(glob.glob(os.path.join(ROOT, pattern))):
            if not os.path.isfile(path):
                continue
            dest = os.path.join(corpus, "seed-" + os.path.relpath(
                path, ROOT).replace("/", "_"))
            shutil.copyfile(path, dest)
            n += 1
    return n


# the targets that parse a file with libconfuse, whose parser leaks on
# some broken input (lsan.supp); every other target has no suppression
LIBCONFUSE_TARGETS = ("config", "keymap", "theme")


def show_crash(path):
    with open(path, "rb") as fh:
        data = fh.read()
    print(f"reproducer: {path} ({len(data)} bytes)")
    print("bytes: " + data[:2048].hex(" "))
    print("text: " + repr(data[:2048]))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("exe")
    ap.add_argument("name")
    ap.add_argument("--seconds", type=int,
                    default=int(os.environ.get("CORDBOARD_FUZZ_SECONDS", "20")))
    ap.add_argument("--corpus")
    ap.add_argument("--crashes")
    args = ap.parse_args()

    tmp = tempfile.mkdtemp(prefix=f"cordboard-fuzz-{args.name}-")
    try:
        corpus = args.corpus or os.path.join(tmp, "corpus")
        os.makedirs(corpus, exist_ok=True)
        # meson runs tests in the build directory: crashes stay there
        crashes = os.path.abspath(args.crashes or os.path.join(
            "fuzz-crashes", args.name))
        os.makedirs(crashes, exist_ok=True)
        seeded = seed(args.name, corpus)
        cmd = [args.exe, corpus,
               f"-max_total_time={args.seconds}",
               f"-artifact_prefix={crashes}/",
               "-timeout=10", "-rss_limit_mb=2048", "-max_len=8192",
               "-print_final_stats=1"]
        dict_path = os.path.join(HERE, "dict", args.name + ".dict")
        if os.path.exists(dict_path):
            cmd.append(f"-dict={dict_path}")
        print(f"fuzz {args.name}: {seeded} seeds, {args.seconds} s: "
              + " ".join(cmd), flush=True)
        before = set(os.listdir(crashes))
        asan = "detect_leaks=1:abort_on_error=0"
        lsan = ""
        if args.name in LIBCONFUSE_TARGETS:
            # libconfuse has no frame pointers: only the slow unwinder
            # sees that a leak comes from inside its parser
            asan += ":fast_unwind_on_malloc=0"
            lsan = "suppressions=" + os.path.join(HERE, "lsan.supp")
        env = dict(os.environ, TMPDIR=tmp, ASAN_OPTIONS=asan,
                   LSAN_OPTIONS=lsan,
                   UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1")
        try:
            proc = subprocess.run(cmd, stdout=subprocess.PIPE,
                                  stderr=subprocess.STDOUT, env=env,
                                  timeout=args.seconds + 300)
        except subprocess.TimeoutExpired:
            print(f"fuzz {args.name}: did not stop after {args.seconds} s")
            return 1
        out = proc.stdout.decode("utf-8", "replace")
        new = sorted(set(os.listdir(crashes)) - before)
        if proc.returncode != 0 or new:
            # the report is what matters: its head, then the reproducer
            print(out[-12000:])
            for f in new:
                show_crash(os.path.join(crashes, f))
            print(f"fuzz {args.name}: FAILED (exit {proc.returncode}); "
                  f"reproduce with: {args.exe} {crashes}/<file>")
            return 1
        done = DONE.findall(out)
        stats = dict(STAT.findall(out))
        files = len(os.listdir(corpus))
        if done:
            execs, cov, ft, corp, size = done[-1]
            print(f"fuzz {args.name}: ok: {execs} execs, "
                  f"{stats.get('average_exec_per_sec', '?')} execs/s, "
                  f"cov {cov}, ft {ft}, corpus {corp} units/{size} "
                  f"({files} files), peak rss "
                  f"{stats.get('peak_rss_mb', '?')} MB")
        else:
            print(out[-3000:])
            print(f"fuzz {args.name}: ok, but no final figures")
        return 0
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
