"""Shared by the benchmarks: a packet sniffer on lo, the console on a pty
of our own, and process counters. Figures only; nothing here passes or
fails on a timing."""

import fcntl
import os
import pty
import re
import select
import socket
import struct
import sys
import termios
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "tests", "integration"))
from console import console_binary  # noqa: E402

ETH_P_ALL = 0x0003
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "15"))
IDLE_SECONDS = float(os.environ.get("BENCH_IDLE_SECONDS", "10"))


class Sniffer(threading.Thread):
    """Timestamps every UDP datagram from SRC_PORT whose payload matches
    PATTERN (default: a 200 OK to an INVITE), as it crosses lo."""

    def __init__(self, src_port, pattern=rb"^SIP/2\.0 200 .*\r\nCSeq: *\d+ INVITE"):
        super().__init__(daemon=True)
        self.src_port = src_port
        self.seen = []
        self.sock = socket.socket(socket.AF_PACKET, socket.SOCK_RAW,
                                  socket.htons(ETH_P_ALL))
        self.sock.bind(("lo", 0))
        self.stop = False
        self.pattern = re.compile(pattern, re.I | re.S)

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
            if sport == self.src_port and self.pattern.search(payload):
                self.seen.append(now)


def spawn_console(conf, tmp, size=None, on_output=None):
    """Starts the console on a pty; returns (pid, master fd, output).
    SIZE (rows, cols) sets the terminal size before the console starts;
    ON_OUTPUT(chunk, monotonic time) is called for every read."""
    pid, fd = pty.fork()
    if pid == 0:
        if size:
            fcntl.ioctl(1, termios.TIOCSWINSZ,
                        struct.pack("HHHH", size[0], size[1], 0, 0))
        os.environ.update(LANG="C.UTF-8", LC_ALL="C.UTF-8",
                          TERM="xterm-256color", XDG_RUNTIME_DIR=tmp,
                          XDG_STATE_HOME=tmp)
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
            if on_output:
                on_output(chunk, time.monotonic())
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




def summary(lat):
    lat = sorted(lat)
    import statistics
    return "median %.2f ms, min %.2f ms, max %.2f ms, p90 %.2f ms" % (
        statistics.median(lat), lat[0], lat[-1],
        lat[max(0, int(len(lat) * 0.9) - 1)])


def measure_cost(pid, label, seconds=IDLE_SECONDS):
    """Prints CPU and wake-ups of PID over SECONDS."""
    cpu0, sw0, threads = proc_counts(pid)
    time.sleep(seconds)
    cpu1, sw1, _ = proc_counts(pid)
    print("%s, %.0f s: cpu %.2f%%, %.1f wake-ups/s (%d threads)" % (
        label, seconds, 100 * (cpu1 - cpu0) / seconds,
        (sw1 - sw0) / seconds, threads))


def stop_console(pid, fd, keys=b"q"):
    """Types KEYS to quit, then makes sure the console is gone."""
    try:
        os.write(fd, keys)
    except OSError:
        pass
    time.sleep(0.5)
    try:
        os.kill(pid, 15)
        os.waitpid(pid, 0)
    except OSError:
        pass
