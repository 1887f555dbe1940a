#!/usr/bin/env python3
"""What a long queue costs the operator (figures, never pass/fail). The
console runs on a pty of our own at 200x60 against the simulated office;
BENCH_QUEUE_CALLS (default 200) callers ring at the console and wait.
Each figure is measured with 1 caller waiting and with the full queue in
the same run, and printed as the ratio of the two (the goal of issue 19
is at most 1.2; the figure only reports it).

1. answer key -> 200 OK: Enter written to the terminal, to the console's
   200 OK for the INVITE crossing lo (a packet socket: needs root). With
   the full queue the answered caller hangs up and rings again, so the
   queue stays full from one round to the next.
2. full redraw: C-l, to the last byte of the repaint (the terminal then
   quiet for BENCH_QUIET_MS); a running duration redraws once a second,
   so each C-l follows a tick's output by 50 ms.
3. idle wake-ups with no call: before the first caller, and after the
   whole queue came and went (the reminder timers and the 1 Hz tick run
   only while lines exist, so both stay at 0/s); measured
   BENCH_SETTLE_SECONDS (35) after the last caller left, once the SIP
   transactions of the 200 hang-ups have run out their timers (libre
   keeps a UDP one up to 32 s; seen: about 20 wake-ups a second at
   first, a few still 6 s later).

Knobs: BENCH_ROUNDS, BENCH_IDLE_SECONDS, BENCH_QUIET_MS,
BENCH_QUEUE_CALLS, BENCH_SETTLE_SECONDS."""

import os
import sys
import tempfile
import time

from benchlib import (IDLE_SECONDS, ROUNDS, Sniffer, figure,  # noqa: E402
                      measure_cost, summary)
from bench_screen import CTRL_L, key_bursts, ring_calls  # noqa: E402
from office import (Office, calls, established, office_spec,  # noqa: E402
                    write_office)
from watched import WatchedConsole  # noqa: E402

QUEUE = int(os.environ.get("BENCH_QUEUE_CALLS", "200"))
SETTLE_S = float(os.environ.get("BENCH_SETTLE_SECONDS", "35"))
IDLE_WINDOWS = 5
ENTER = b"\r"


def waiting(st, cid):
    """CID's call to the console rings (not answered, not gone)."""
    cs = calls(st, cid)
    return bool(cs) and all(c["state"] != "established" for c in cs)


def ring(con, office, cid):
    """CID calls the console; back once the console has drawn it."""
    office.cmd("office_call", "%s %s" % (cid, con.uri))
    con.wait(lambda: waiting(office.status(), cid), 20, cid + " to ring")
    con.serve(time.monotonic() + 0.3)
    con.settle()


def hang_up(con, office, cid):
    office.cmd("office_hangup", cid, check=False)
    con.wait(lambda: not calls(office.status(), cid), 20, cid + " gone")


def answers(con, office, sniff, callers, label):
    """ROUNDS times: Enter -> the console's 200 OK on the wire, in ms.
    The caller answered (the head of the queue) hangs up and rings
    again at the back, so the queue keeps its length."""
    lat = []
    for _ in range(ROUNDS):
        con.settle()
        before = len(sniff.seen)
        t0 = time.monotonic()
        os.write(con.fd, ENTER)
        t1 = con.wait(lambda: sniff.seen[before]
                      if len(sniff.seen) > before else None, 20,
                      "200 OK from the console")
        lat.append((t1 - t0) * 1000)
        st = con.wait(lambda: (lambda s: s if any(
            established(s, c) for c in callers) else None)(office.status()),
            20, "the answered caller to talk")
        cid = next(c for c in callers if established(st, c))
        hang_up(con, office, cid)
        ring(con, office, cid)
    print("answer keystroke -> 200 OK, %s: %s" % (label, summary(lat)))
    return lat


def redraws(con, label):
    lat, sizes = key_bursts(con, CTRL_L, tick=True)
    print("full redraw 200x60, %s: %s; %d-%d bytes" % (
        label, summary(lat), min(sizes), max(sizes)))
    return lat


def idle(con, label):
    wakeups = []
    for _ in range(IDLE_WINDOWS):
        _, w = measure_cost(con.pid, "idle, %s" % label,
                            IDLE_SECONDS / IDLE_WINDOWS, idle=con.serve)
        wakeups.append(w)
    figure("idle wake-ups, no call, %s" % label, wakeups, "/s",
           note="%d windows of %.1f s" % (IDLE_WINDOWS,
                                           IDLE_SECONDS / IDLE_WINDOWS))


def main():
    if os.geteuid() != 0:
        print("answer latency needs root for the packet socket; only the "
              "redraw and idle figures follow")
    sys.setswitchinterval(0.0005)   # the pty reader gets the GIL quickly
    callers = {"c%03d" % i: {"name": "Caller %03d" % i,
                             "number": "+331555%05d" % i}
               for i in range(QUEUE)}
    # the caller alone in the queue is not one of the many
    solo = {"solo": {"name": "Solo Caller", "number": "+33155599999"}}
    with tempfile.TemporaryDirectory(prefix="cordboard-bench-") as tmp:
        con = WatchedConsole(tmp, 0, name="queue")
        spec = office_spec(callers=dict(callers, **solo), console=con.uri)
        sniff = None
        with Office(write_office(tmp, spec)) as office:
            try:
                con.start()
                con.wait_ready()
                con.serve(time.monotonic() + 1.0)
                con.settle()
                idle(con, "before any caller")
                if os.geteuid() == 0:
                    sniff = Sniffer(con.port)
                    sniff.start()
                ring(con, office, "solo")
                redraw1 = redraws(con, "1 caller waiting")
                answer1 = answers(con, office, sniff, list(solo),
                                  "1 caller waiting") if sniff else []
                hang_up(con, office, "solo")
                live = ring_calls(con, office, {"callers": callers})
                print("%d of %d callers waiting at the console"
                      % (live, QUEUE))
                con.settle()
                redraw_n = redraws(con, "%d callers waiting" % live)
                answer_n = answers(con, office, sniff, list(callers),
                                   "%d callers waiting" % live) \
                    if sniff else []
                figure("full redraw 200x60, C-l -> last byte, %d callers "
                       "waiting" % live, redraw_n, "ms", baseline=redraw1,
                       versus="1 caller waiting",
                       note="goal: at most x1.2")
                if sniff:
                    figure("answer keystroke -> 200 OK, %d callers "
                           "waiting" % live, answer_n, "ms",
                           baseline=answer1, versus="1 caller waiting",
                           note="goal: at most x1.2")
                for cid in callers:
                    office.cmd("office_hangup", cid, check=False)
                con.wait(lambda: not any(
                    calls(office.status(), c) for c in callers), 60,
                    "every caller gone")
                con.serve(time.monotonic() + SETTLE_S)
                con.settle()
                idle(con, "after %d callers came and went" % live)
            finally:
                if sniff:
                    sniff.stop = True
                con.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
