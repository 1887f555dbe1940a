#!/usr/bin/env python3
"""Benchmarks of the console (figures, never pass/fail):

1. answer latency: from the Enter keystroke written to the console's
   terminal to the SIP 200 OK for the INVITE leaving the console's port,
   seen on the loopback interface with a packet socket (needs root).
2. idle cost: CPU time and wake-ups (context switches of every thread)
   of the console process over a quiet period with no calls.

The console runs on a pty of our own (no tmux in the path), against the
simulated office."""

import os
import pty
import re
import select
import socket
import statistics
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "tests", "integration"))
from console import console_binary  # noqa: E402
from office import Office, calls, free_port, office_spec, write_office  # noqa

ETH_P_ALL = 0x0003
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "15"))
IDLE_SECONDS = float(os.environ.get("BENCH_IDLE_SECONDS", "10"))


class Sniffer(threading.Thread):
    """Timestamps every UDP datagram from SRC_PORT that is a 200 OK to an
    INVITE, as it crosses lo."""

    def __init__(self, src_port):
        super().__init__(daemon=True)
        self.src_port = src_port
        self.seen = []
        self.sock = socket.socket(socket.AF_PACKET, socket.SOCK_RAW,
                                  socket.htons(ETH_P_ALL))
        self.sock.bind(("lo", 0))
        self.stop = False

    def run(self):
        while not self.stop:
            r, _, _ = select.select([self.sock], [], [], 0.2)
            if not r:
                continue
            data, addr = self.sock.recvfrom(65535)
            now = time.monotonic()
            if addr[2] == socket.PACKET_OUTGOING:
                continue   # lo shows each packet twice
            ip = data[14:]
            if len(ip) < 28 or ip[9] != 17:
                continue
            ihl = (ip[0] & 0x0f) * 4
            sport = int.from_bytes(ip[ihl:ihl + 2], "big")
            payload = ip[ihl + 8:]
            if sport == self.src_port and payload.startswith(
                    b"SIP/2.0 200") and re.search(
                        rb"\r\nCSeq: *\d+ INVITE", payload, re.I):
                self.seen.append(now)


def spawn_console(conf, tmp):
    pid, fd = pty.fork()
    if pid == 0:
        os.environ.update(LANG="C.UTF-8", LC_ALL="C.UTF-8",
                          TERM="xterm-256color", XDG_RUNTIME_DIR=tmp)
        os.execv(console_binary(), [console_binary(), "-c", conf])
    out = bytearray()

    def drain():
        while True:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                return
            if not chunk:
                return
            out.extend(chunk)
            del out[:-200000]

    threading.Thread(target=drain, daemon=True).start()
    return pid, fd, out


def wait(pred, timeout=20, what="condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        v = pred()
        if v:
            return v
        time.sleep(0.01)
    raise RuntimeError("timed out waiting for " + what)


def proc_counts(pid):
    """(cpu seconds, voluntary+involuntary switches) over all threads."""
    with open("/proc/%d/stat" % pid) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    cpu = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    switches = 0
    for tid in os.listdir("/proc/%d/task" % pid):
        with open("/proc/%d/task/%s/status" % (pid, tid)) as f:
            for line in f:
                if line.startswith(("voluntary_ctxt_switches",
                                    "nonvoluntary_ctxt_switches")):
                    switches += int(line.split()[1])
    return cpu, switches, len(os.listdir("/proc/%d/task" % pid))


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
                cpu0, sw0, threads = proc_counts(pid)
                time.sleep(IDLE_SECONDS)
                cpu1, sw1, _ = proc_counts(pid)
                print("idle, no calls, %.0f s: cpu %.2f%%, %.1f wake-ups/s "
                      "(%d threads)" % (IDLE_SECONDS,
                                        100 * (cpu1 - cpu0) / IDLE_SECONDS,
                                        (sw1 - sw0) / IDLE_SECONDS, threads))
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
                cpu0, sw0, threads = proc_counts(pid)
                time.sleep(IDLE_SECONDS)
                cpu1, sw1, _ = proc_counts(pid)
                print("one call up, %.0f s: cpu %.2f%%, %.1f wake-ups/s "
                      "(%d threads)" % (IDLE_SECONDS,
                                        100 * (cpu1 - cpu0) / IDLE_SECONDS,
                                        (sw1 - sw0) / IDLE_SECONDS, threads))
                office.cmd("office_hangup", "acme")
                lat.sort()
                print("answer keystroke -> 200 OK on the wire, %d rounds: "
                      "median %.2f ms, min %.2f ms, max %.2f ms, "
                      "p90 %.2f ms" % (len(lat), statistics.median(lat),
                                       lat[0], lat[-1],
                                       lat[int(len(lat) * 0.9) - 1]))
            finally:
                os.write(fd, b"q")
                time.sleep(0.5)
                try:
                    os.kill(pid, 15)
                    os.waitpid(pid, 0)
                except OSError:
                    pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
