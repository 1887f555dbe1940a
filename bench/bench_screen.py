#!/usr/bin/env python3
"""What the console costs on its terminal and in memory, with 0 and with
5,000 extensions (figures, never pass/fail). The console runs on a pty of
our own at 200x60; the extensions' presence server is bench_notify's
generator (every SUBSCRIBE answered, one initial NOTIFY each).

1. start -> ready: from just before the exec of cordboard to the status
   line's "Ready:" reaching the terminal (the first screen, drawn once the
   module is up); with 0 and 5,000 extensions, fresh process each round.
   With 5,000, also start -> all 10,000 subscriptions established (one
   run: it takes seconds).
2. RSS (VmRSS) once the subscriptions are set up and the screen drawn:
   of the console (the launcher's baresip child, benchlib.console_pid),
   and of the launcher that waits for it.
3. idle wake-ups (sleeps ended, every thread) and CPU, no calls,
   over windows of BENCH_IDLE_SECONDS / 5; with 5,000 extensions
   BENCH_SETTLE_SECONDS (10) after the last subscription, and the first
   2 s after it as a figure of its own.
4. one presence change -> bytes: one NOTIFY turns one visible extension
   from available to away; the bytes the console writes in answer, until
   the terminal is quiet for BENCH_QUIET_MS (default 200), and the time
   from sending it to the last of them.
5. full redraw: C-l (the "redraw" action) written to the terminal, to the
   last byte of the repaint (the terminal then quiet), and its bytes;
   with no call, then with BENCH_REDRAW_CALLS (default 200) callers of
   the simulated office calling the console and left ringing; the figure
   names how many calls were live on the board (it holds 256).
6. selection move -> bytes: one Down key in the extensions pane (5,000
   extensions) and in the calls pane (the ringing calls of 5.), the bytes
   the console writes in answer until the terminal is quiet.

7. a large office, with BENCH_SCREEN_LARGE=N (off by default: 20,000
   take some four minutes here): N extensions from a directory CSV
   (cordboard.conf stops at 1 MiB), start -> ready, start -> all 2N
   subscriptions established, RSS then, and the full redraw, one
   console.

Knobs: BENCH_ROUNDS, BENCH_START_ROUNDS, BENCH_IDLE_SECONDS,
BENCH_QUIET_MS, BENCH_SETTLE_SECONDS, BENCH_SCREEN_EXTENSIONS,
BENCH_REDRAW_CALLS, BENCH_SCREEN_LARGE."""

import os
import sys
import tempfile
import time

from benchlib import (IDLE_SECONDS, ROUNDS, figure,  # noqa: E402
                      measure_cost, memory_kb, summary)
from bench_notify import INITIAL_NOTE, pidf  # noqa: E402
from office import Office, office_spec, write_office  # noqa: E402
from watched import WatchedConsole  # noqa: E402

N_EXT = int(os.environ.get("BENCH_SCREEN_EXTENSIONS", "5000"))
START_ROUNDS = int(os.environ.get("BENCH_START_ROUNDS",
                                  str(min(ROUNDS, 10))))
REDRAW_CALLS = int(os.environ.get("BENCH_REDRAW_CALLS", "200"))
LARGE = int(os.environ.get("BENCH_SCREEN_LARGE", "0"))
HISTORY_RECORDS = int(os.environ.get("BENCH_HISTORY_RECORDS", "100000"))
IDLE_WINDOWS = 5
SETTLE_S = float(os.environ.get("BENCH_SETTLE_SECONDS", "10"))
CTRL_L = b"\x0c"
TAB = b"\t"
DOWN = b"\x1bOB"       # xterm's Down in keypad (application) mode


def exts(n):
    return "%d extensions" % n


def history_lines(records):
    """RECORDS call records over the last 80 days, oldest first, as the
    console writes them (kept by the default keep_days = 90)."""
    now = int(time.time())
    step = 80 * 86400 // max(records, 1)
    out = []
    for i in range(records):
        at = now - (records - i) * step
        missed = i % 7 == 0
        out.append('{"at":%d,"record":"call","dir":"in","name":"Caller %d",'
                   '"number":"+33155%06d","answered":%s,"talked_s":%d,'
                   '"status":0,"transferred":false,"waited_s":%d,'
                   '"company":"ACME Legal","dialled":"100","vip":false,'
                   '"reminders":0,"rang_s":%d,"outcome":"%s",'
                   '"uri":"sip:+33155%06d@office","to":null}\n'
                   % (at, i % 5000, i % 5000, "false" if missed else "true",
                      0 if missed else 60 + i % 300, 5 + i % 40, 5 + i % 40,
                      "missed" if missed else "answered", i % 5000))
    return "".join(out)


def start_rounds(tmp, n, history=0):
    """Fresh consoles: exec -> "Ready:" on the terminal, in ms; with
    HISTORY records in the history file already."""
    lat = []
    lines = history_lines(history) if history else ""
    what = exts(n) + (", %d history records" % history if history else "")
    for _ in range(START_ROUNDS):
        con = WatchedConsole(tmp, n, name="start")
        if lines:
            with open(os.path.join(con.dir, "history"), "w") as f:
                f.write(lines)
        try:
            t0 = con.start()
            lat.append((con.wait_ready() - t0) * 1000)
        finally:
            con.stop()
    print("start -> ready, %s, %d starts: %s" % (what, len(lat),
                                                 summary(lat)))
    figure("start -> ready ('Ready:' on the tty), %s" % what, lat, "ms")


def idle(con, n):
    """Wake-ups and CPU with nothing happening. Right after the last
    subscription the SIP transactions of the setup are still running out
    their timers (seen: a few hundred wake-ups a second for about 5 s):
    that is one figure of its own, then SETTLE_S later the steady state."""
    if n:
        c, w = measure_cost(con.pid, "%s, just after subscribing" % exts(n),
                            2, idle=con.serve)
        figure("wake-ups just after subscribing %s" % exts(n), [w], "/s",
               note="first 2 s after the last subscription")
        con.serve(time.monotonic() + SETTLE_S)
    cpu, wakeups = [], []
    for _ in range(IDLE_WINDOWS):
        c, w = measure_cost(con.pid, "idle, %s, no calls" % exts(n),
                            IDLE_SECONDS / IDLE_WINDOWS, idle=con.serve)
        cpu.append(c)
        wakeups.append(w)
    note = "%d windows of %.1f s" % (IDLE_WINDOWS,
                                      IDLE_SECONDS / IDLE_WINDOWS)
    figure("idle wake-ups, no calls, %s" % exts(n), wakeups, "/s",
           note=note)
    figure("idle CPU, no calls, %s" % exts(n), cpu, "% core", note=note)


def key_bursts(con, key, tick=False):
    """KEY written ROUNDS times, the terminal quiet before each: ms to the
    last byte of the answer, and its bytes. TICK: a running duration
    redraws once a second; the key then follows a tick's output by 50 ms
    so the two do not overlap."""
    lat, sizes = [], []
    for _ in range(ROUNDS):
        con.settle()
        if tick:
            mark = con.tty.total
            con.wait(lambda: con.tty.total > mark, 5, "a tick")
            con.serve(time.monotonic() + 0.05)
        bytes0 = con.tty.total
        t0 = time.monotonic()
        os.write(con.fd, key)
        took, size = con.burst(t0, bytes0)
        lat.append(took * 1000)
        sizes.append(size)
    return lat, sizes


def redraws(con, label, tick=False):
    """C-l ROUNDS times: ms to the last byte of the repaint, and bytes.
    TICK: a running duration redraws once a second; the keystroke then
    follows a tick's output by 50 ms so the two do not overlap."""
    lat, sizes = key_bursts(con, CTRL_L, tick)
    print("full redraw 200x60, %s: %s; %d-%d bytes" % (
        label, summary(lat), min(sizes), max(sizes)))
    figure("full redraw 200x60, C-l -> last byte, %s" % label, lat, "ms")
    figure("full redraw 200x60, bytes to the tty, %s" % label, sizes,
           "bytes")
    return sizes


def presence_changes(con, redraw_bytes):
    """One NOTIFY per round turns a visible extension from available to
    away: the bytes written in answer, and NOTIFY -> last byte."""
    rows = con.visible_presence()
    lat, sizes = [], []
    for sub in rows[:ROUNDS]:
        con.settle()
        bytes0 = con.tty.total
        t0 = time.monotonic()
        con.gen.notify(sub, pidf(sub.entity, INITIAL_NOTE, "<rpid:away/>"),
                       "load")
        took, size = con.burst(t0, bytes0)
        lat.append(took * 1000)
        sizes.append(size)
    if not sizes:
        print("no visible extension to change")
        return
    print("one presence change: %d-%d bytes; NOTIFY -> screen quiet: %s" % (
        min(sizes), max(sizes), summary(lat)))
    import statistics
    compare = ""
    if redraw_bytes:
        compare = "%.1f%% of a full redraw (%d bytes)" % (
            100 * statistics.median(sizes) / statistics.median(redraw_bytes),
            statistics.median(redraw_bytes))
    figure("one presence change, bytes to the tty, %s" % exts(con.n_ext),
           sizes, "bytes", note=compare)
    figure("one presence change, NOTIFY -> last byte on the tty",
           lat, "ms")


def selection_moves(con, label, tick=False):
    """One Down key per round in the pane with the focus: the bytes the
    console writes in answer. TICK: as in redraws."""
    _, sizes = key_bursts(con, DOWN, tick)
    print("selection move, %s: %d-%d bytes" % (label, min(sizes),
                                              max(sizes)))
    figure("selection move (Down), bytes to the tty, %s" % label, sizes,
           "bytes")


def focus_next(con):
    """Tab: the focus goes to the other pane (a repaint of both)."""
    con.settle()
    bytes0 = con.tty.total
    os.write(con.fd, TAB)
    con.burst(time.monotonic(), bytes0)


def ring_calls(con, office, spec):
    """Every office caller calls the console; returns how many calls are
    live (ringing) at the console once each has rung or been turned
    away."""
    for cid in spec["callers"]:
        office.cmd("office_call", "%s %s" % (cid, con.uri))
        con.serve(time.monotonic() + 0.002)

    def count(st):
        """(calls still up, callers with neither a call nor an end)"""
        live = pending = 0
        for e in st["uas"]:
            if e["id"] not in spec["callers"]:
                continue
            live += any(c["state"] != "established" for c in e["calls"])
            pending += not e["calls"] and not e["ended"]
        return live, pending

    con.wait(lambda: count(office.status())[1] == 0, 60,
             "every caller to ring or be turned away")
    con.serve(time.monotonic() + 1.0)
    st = office.status()
    away = {}
    for e in st["uas"]:
        for c in e["ended"] if e["id"] in spec["callers"] else []:
            away[c.get("scode")] = away.get(c.get("scode"), 0) + 1
    if away:
        print("calls the console turned away, by SIP status: %s" % away)
    return count(st)[0]


def subscribed_and_drawn(con, t0, n, timeout=90):
    """Waits for every subscription (a figure from T0, the start), then
    a second and a quiet terminal; returns the console's VmRSS in kB."""
    if n:
        con.wait_subscribed(timeout)
        took = time.monotonic() - t0
        print("start -> all %d subscriptions established: %.2f s"
              % (2 * n, took))
        figure("start -> all %d subscriptions established" % (2 * n),
               [took], "s")
    con.serve(time.monotonic() + 1.0)
    con.settle()
    return memory_kb(con.pid)


def session(tmp, n, office=None, spec=None):
    con = WatchedConsole(tmp, n)
    try:
        t0 = con.start()
        con.wait_ready()
        rss = subscribed_and_drawn(con, t0, n)
        launcher = memory_kb(con.pid, launcher=True)
        print("VmRSS, %s, subscribed and drawn: %d kB (the launcher "
              "waiting for it: %d kB)" % (exts(n), rss, launcher))
        figure("RSS (VmRSS), %s, subscribed and drawn" % exts(n),
               [rss / 1024.0], "MiB", note="the console (baresip with "
               "the module)")
        figure("RSS (VmRSS) of the launcher, %s" % exts(n),
               [launcher / 1024.0], "MiB", note="cordboard waiting for "
               "the console")
        idle(con, n)
        full = redraws(con, "%s, no call" % exts(n))
        if n:
            presence_changes(con, full)
            focus_next(con)
            selection_moves(con, "extensions pane, %s" % exts(n))
            focus_next(con)
        if office:
            live = ring_calls(con, office, spec)
            print("%d of %d calls live (ringing) at the console"
                  % (live, len(spec["callers"])))
            redraws(con, "%s, %d calls ringing" % (exts(n), live),
                    tick=True)
            selection_moves(con, "calls pane, %d calls ringing" % live,
                            tick=True)
            rss = memory_kb(con.pid)
            figure("RSS (VmRSS), %s, %d calls ringing" % (exts(n), live),
                   [rss / 1024.0], "MiB")
    finally:
        con.stop()


def large_office(tmp, n):
    """N extensions from a CSV: load, subscribe and draw, one console."""
    con = WatchedConsole(tmp, n, name="large", csv=True)
    try:
        t0 = con.start()
        ready = con.wait_ready(120) - t0
        print("start -> ready, %s from a CSV: %.2f s" % (exts(n), ready))
        figure("start -> ready ('Ready:' on the tty), %s from a CSV"
               % exts(n), [ready * 1000], "ms")
        rss = subscribed_and_drawn(con, t0, n, timeout=900)
        print("VmRSS, %s, subscribed and drawn: %d kB" % (exts(n), rss))
        figure("RSS (VmRSS), %s, subscribed and drawn" % exts(n),
               [rss / 1024.0], "MiB", note="the console (baresip with "
               "the module)")
        redraws(con, "%s, no call" % exts(n))
    finally:
        con.stop()


def main():
    sys.setswitchinterval(0.0005)   # the pty reader gets the GIL quickly
    with tempfile.TemporaryDirectory(prefix="cordboard-bench-") as tmp:
        for n in (0, N_EXT):
            start_rounds(tmp, n)
        # the history is read lazily: start-up must not grow with it
        start_rounds(tmp, 0, HISTORY_RECORDS)
        session(tmp, 0)
        callers = {"c%03d" % i: {"name": "Caller %03d" % i,
                                 "number": "+331555%05d" % i}
                   for i in range(REDRAW_CALLS)}
        spec = office_spec(callers=callers)
        with Office(write_office(tmp, spec)) as office:
            session(tmp, N_EXT, office, spec)
        if LARGE:
            large_office(tmp, LARGE)
    return 0


if __name__ == "__main__":
    sys.exit(main())
