#!/usr/bin/env python3
"""Benchmarks of the console (figures, never pass/fail):

1. answer latency: from the Enter keystroke written to the console's
   terminal to the SIP 200 OK for the INVITE leaving the console's port,
   seen on the loopback interface with a packet socket (needs root).
2. idle cost: CPU time and wake-ups (context switches of every thread)
   of the console process over a quiet period with no calls, and with one
   call up.

The console runs on a pty of our own (no tmux in the path), against the
simulated office."""

import os
import sys
import tempfile
import time

from benchlib import (IDLE_SECONDS, ROUNDS, Sniffer, figure,  # noqa: E402
                      measure_cost, spawn_console, stop_console, summary,
                      wait)
from office import Office, calls, free_port, office_spec, write_office  # noqa


def main():
    if os.geteuid() != 0:
        print("answer latency needs root for the packet socket; skipped")
    with tempfile.TemporaryDirectory(prefix="cordboard-bench-") as tmp:
        port = free_port(2)
        spec = office_spec(callers={"acme": {"name": "ACME Corp",
                                             "number": "+3315551234"}},
                           console="sip:reception@127.0.0.1:%d" % port)
        conf = os.path.join(tmp, "cordboard.conf")
        with open(conf, "w") as f:
            f.write('account { listen = "127.0.0.1:%d" }\n'
                    'audio { device = "none" }\n' % port)
        with Office(write_office(tmp, spec)) as office:
            pid, fd, _ = spawn_console(conf, tmp)
            try:
                time.sleep(2)
                measure_cost(pid, "idle, no calls")
                if os.geteuid() != 0:
                    return 0
                sniff = Sniffer(port)
                sniff.start()
                lat = []
                for _ in range(ROUNDS):
                    office.cmd("office_call", "acme " + spec["console"])
                    office.wait_for(lambda st: calls(st, "acme"),
                                    what="acme to call")
                    time.sleep(0.3)   # the console has drawn the call
                    before = len(sniff.seen)
                    t0 = time.monotonic()
                    os.write(fd, b"\r")
                    t1 = wait(lambda: sniff.seen[before]
                              if len(sniff.seen) > before else None,
                              what="200 OK from the console")
                    lat.append((t1 - t0) * 1000)
                    office.wait_for(lambda st: calls(st, "acme") and calls(
                        st, "acme")[0]["state"] == "established",
                                    what="established")
                    office.cmd("office_hangup", "acme")
                    office.wait_for(lambda st: not calls(st, "acme"),
                                    what="hung up")
                    time.sleep(0.2)
                sniff.stop = True
                # one call up, nobody typing: the cost of a live call
                office.cmd("office_call", "acme " + spec["console"])
                office.wait_for(lambda st: calls(st, "acme"), what="call")
                time.sleep(0.3)
                os.write(fd, b"\r")
                office.wait_for(lambda st: calls(st, "acme")[0]["state"] ==
                                "established", what="established")
                time.sleep(1)
                cpu, wakeups = measure_cost(pid, "one call up")
                office.cmd("office_hangup", "acme")
                print("answer keystroke -> 200 OK on the wire, %d rounds: %s"
                      % (len(lat), summary(lat)))
                figure("answer keystroke -> 200 OK on the wire", lat, "ms")
                figure("one call up: console wake-ups", [wakeups], "/s",
                       note="one %.0f s window" % IDLE_SECONDS)
                figure("one call up: console CPU", [cpu], "% core",
                       note="one %.0f s window" % IDLE_SECONDS)
            finally:
                stop_console(pid, fd)
    return 0


if __name__ == "__main__":
    sys.exit(main())
