#!/usr/bin/env python3
"""Soak (figures and findings, never pass/fail on a timing): thousands of
operations -- answer, hold, retrieve, consult, cancel, complete, blind
transfer, merge, leave, hang up -- sent through the control socket of
one console against the office, in rounds that each end with nobody on
the line, until BENCH_SOAK_OPS operations (10000) or BENCH_SOAK_MINUTES
(30) have passed. Every operation waits for the event that says it
happened. Prints the console's memory (VmRSS sampled every 10 s: first,
last, max, KB per 1000 operations), its open files, operations per
second and each operation's latency; after every round it checks that
no call is left on either side, and at the end that the history file
holds one record per finished call. A timeout is a finding: the soak
hangs everything up and goes on.

Leaks: BENCH_SOAK_CONSOLE_BUILD names another build directory whose
console to soak (an ASan build, -Db_sanitize=address), with
BENCH_SOAK_PRELOAD the library to preload into it (libasan: baresip
itself is not instrumented) and ASAN_OPTIONS=log_path=... where the
report goes; the office stays the one of CORDBOARD_BUILD_ROOT."""

import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time

from benchlib import figure, memory_kb, spawn_console, stop_console  # noqa
from office import Office, free_port, office_spec, write_office  # noqa
from soak_ctl import Ctl, OpTimeout, ctl_socket_path
from soak_rounds import ROUNDS, Soak

OPS = int(os.environ.get("BENCH_SOAK_OPS", "10000"))
MINUTES = float(os.environ.get("BENCH_SOAK_MINUTES", "30"))
SAMPLE_S = 10

CALLERS = {"acme": {"name": "ACME Corp", "number": "+3315551234"},
           "bolt": {"name": "Bolt Ltd", "number": "+3315550002"},
           "cyan": {"name": "Cyan SA", "number": "+3315550003"}}
COLLEAGUES = ("201", "202", "203")


class Sampler(threading.Thread):
    """VmRSS, VmHWM and open files of the console every SAMPLE_S."""

    def __init__(self, pid, soak):
        super().__init__(daemon=True)
        self.pid, self.soak = pid, soak
        self.samples = []     # (seconds, ops, rss kB, hwm kB, fds)
        self.stop = threading.Event()

    def take(self):
        try:
            fds = len(os.listdir("/proc/%d/fd" % self.pid))
            self.samples.append((time.monotonic() - self.soak.t0,
                                 self.soak.ops,
                                 memory_kb(self.pid, "VmRSS"),
                                 memory_kb(self.pid, "VmHWM"), fds))
        except (OSError, TypeError):
            pass

    def run(self):
        self.take()
        while not self.stop.wait(SAMPLE_S):
            self.take()
            if len(self.samples) % 6 == 0 and self.samples:
                t, ops, rss, _, fds = self.samples[-1]
                print("progress: %.1f min, %d operations, VmRSS %s kB, "
                      "%s files" % (t / 60, ops, rss, fds), flush=True)


def write_conf(tmp, port, listen):
    conf = os.path.join(tmp, "cordboard.conf")
    with open(conf, "w") as f:
        f.write('account { listen = "127.0.0.1:%d" }\n'
                'audio { device = "none" }\n' % port)
        for num in COLLEAGUES:
            f.write('extension "%s" { name = "Colleague %s" '
                    'uri = "sip:%s@%s" }\n' % (num, num, num, listen))
    return conf


def slope(samples):
    """Least squares of RSS over operations, in kB per 1000 operations."""
    xs = [s[1] for s in samples]
    ys = [s[2] for s in samples]
    if len(samples) < 2 or max(xs) == min(xs):
        return 0.0
    mx, my = statistics.mean(xs), statistics.mean(ys)
    num = sum((x - mx) * (y - my) for x, y in zip(xs, ys))
    den = sum((x - mx) ** 2 for x in xs)
    return 1000.0 * num / den


def quantiles(values, n):
    """At most N values evenly spread over sorted VALUES (same median)."""
    if len(values) <= n:
        return values
    return [values[int(i * (len(values) - 1) / (n - 1))] for i in range(n)]


def history_records(tmp):
    import json
    path = os.path.join(tmp, "cordboard", "history")
    out = []
    try:
        with open(path, encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    out.append(json.loads(line))
    except OSError:
        pass
    return out


def keep_modules(tmp):
    """A library that turns dlclose into nothing: baresip unloads our
    module before the leak report is written, which then cannot name
    our functions."""
    src = os.path.join(tmp, "keep_modules.c")
    lib = os.path.join(tmp, "keep_modules.so")
    with open(src, "w") as f:
        f.write("int dlclose(void *handle) { (void)handle; return 0; }\n")
    subprocess.run(["cc", "-shared", "-fPIC", "-o", lib, src], check=True)
    return lib


def spawn(conf, tmp):
    """The console on its pty, from BENCH_SOAK_CONSOLE_BUILD if given,
    with BENCH_SOAK_PRELOAD preloaded: only the console's environment
    gets them (the pty child copies ours at the fork)."""
    saved = dict(os.environ)
    if os.environ.get("BENCH_SOAK_CONSOLE_BUILD"):
        os.environ["CORDBOARD_BUILD_ROOT"] = \
            os.environ["BENCH_SOAK_CONSOLE_BUILD"]
    if os.environ.get("BENCH_SOAK_PRELOAD"):
        os.environ["LD_PRELOAD"] = "%s:%s" % (
            os.environ["BENCH_SOAK_PRELOAD"], keep_modules(tmp))
    try:
        return spawn_console(conf, tmp)
    finally:
        os.environ.clear()
        os.environ.update(saved)


def quit_console(ctl, pid, fd):
    """quit through the socket (no call is up: it quits at once), so an
    ASan build gets to write its leak report; then make sure."""
    try:
        ctl.send("quit", timeout=5)
    except (OpTimeout, OSError):
        pass
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return status
        time.sleep(0.1)
    stop_console(pid, fd, b"qy")
    return None


def report(soak, sampler, records, exit_status):
    took = time.monotonic() - soak.t0
    print("soak: %d operations in %d rounds, %.1f minutes, %.2f ops/s"
          % (soak.ops, soak.rounds, took / 60, soak.ops / took))
    print("operations: " + ", ".join(
        "%s %d" % kv for kv in sorted(soak.count.items())))
    every = [x for v in soak.lat.values() for x in v]
    if every:
        every.sort()
        print("latency, operation sent -> its event: median %.1f ms, "
              "p99 %.1f ms, max %.1f ms" % (
                  1000 * statistics.median(every),
                  1000 * every[int(len(every) * 0.99) - 1 if
                               len(every) >= 100 else -1],
                  1000 * every[-1]))
        for name, v in sorted(soak.lat.items()):
            v = sorted(v)
            print("  %-9s median %6.1f ms  p99 %6.1f ms  (%d)" % (
                name, 1000 * statistics.median(v),
                1000 * v[max(0, int(len(v) * 0.99) - 1)], len(v)))
    s = sampler.samples
    if s:
        rss = [x[2] for x in s]
        half = s[len(s) // 2:]
        print("console VmRSS (kB), %d samples every %d s: first %d, last "
              "%d, max %d; VmHWM last %d" % (len(s), SAMPLE_S, rss[0],
                                             rss[-1], max(rss), s[-1][3]))
        print("VmRSS slope: %+.1f kB per 1000 operations (all samples), "
              "%+.1f kB per 1000 (second half)" % (slope(s), slope(half)))
        print("console open files: first %d, last %d, max %d" % (
            s[0][4], s[-1][4], max(x[4] for x in s)))
        figure("soak VmRSS first", [rss[0]], "kB")
        figure("soak VmRSS last", [rss[-1]], "kB")
        figure("soak VmRSS slope, second half", [slope(half)],
               "kB/1000 ops")
    if every:
        figure("soak operation latency", [1000 * x for x in
                                          quantiles(every, 1000)], "ms")
        figure("soak operations per second", [soak.ops / took], "ops/s")
    calls_in = [r for r in records if r.get("record") == "call" and
                r.get("dir") == "in"]
    calls_out = [r for r in records if r.get("record") == "call" and
                 r.get("dir") == "out"]
    transfers = [r for r in records if r.get("record") == "transfer"]
    print("history: %d records: %d incoming calls, %d outgoing (consult "
          "legs), %d transfers" % (len(records), len(calls_in),
                                   len(calls_out), len(transfers)))
    print("finished calls: %d placed by the office to the console, %d "
          "ended as the office saw them, %d closed at the console; "
          "%d consult legs closed; %d transfers" % (
              soak.placed, len(soak.office_ended), soak.closed_in,
              soak.closed_out, soak.transferred))
    mismatch = []
    if len(calls_in) != len(soak.office_ended):
        mismatch.append("incoming records %d != calls ended %d" % (
            len(calls_in), len(soak.office_ended)))
    if len(calls_out) != soak.closed_out:
        mismatch.append("outgoing records %d != consult legs closed %d"
                        % (len(calls_out), soak.closed_out))
    if len(transfers) != soak.transferred:
        mismatch.append("transfer records %d != transfers %d" % (
            len(transfers), soak.transferred))
    print("history vs finished calls: " + ("equal" if not mismatch else
                                             "; ".join(mismatch)))
    print("stuck lines (left up after a round): %d" % soak.stuck)
    print("console exit: %s" % exit_status)
    print("findings: %d" % len(soak.findings))
    for f in soak.findings[:30]:
        print("  - " + f)
    return 0


def main():
    with tempfile.TemporaryDirectory(prefix="cordboard-soak-") as tmp:
        spec = office_spec(
            callers=CALLERS,
            colleagues={n: {"name": "Colleague " + n, "answer": "auto",
                            "delay": 0, "tone": 0} for n in COLLEAGUES})
        port = free_port(2)
        spec["console"] = "sip:reception@127.0.0.1:%d" % port
        conf = write_conf(tmp, port, spec["listen"])
        with Office(write_office(tmp, spec)) as office:
            pid, fd, _ = spawn(conf, tmp)
            ctl = Ctl(ctl_socket_path(tmp), timeout=60)
            soak = Soak(ctl, office, spec["console"], CALLERS,
                        list(COLLEAGUES))
            sampler = Sampler(pid, soak)
            sampler.start()
            deadline = soak.t0 + MINUTES * 60
            exit_status = None
            try:
                n = 0
                while soak.ops < OPS and time.monotonic() < deadline:
                    soak.run_round(ROUNDS[n % len(ROUNDS)], n)
                    n += 1
                soak.final_check()
            finally:
                sampler.stop.set()
                sampler.take()
                exit_status = quit_console(ctl, pid, fd)
                ctl.close()
        records = history_records(tmp)
        return report(soak, sampler, records, exit_status)


if __name__ == "__main__":
    sys.exit(main())
