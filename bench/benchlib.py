"""Shared by the benchmarks: a packet sniffer on lo, the console on a pty
of our own, and process counters. Figures only; nothing here passes or
fails on a timing."""

import fcntl
import json
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


SO_TIMESTAMPNS = 35


class LoTap(threading.Thread):
    """Reads every UDP datagram crossing lo once (lo shows each twice)
    and hands it to udp(kernel wall time or None, sport, dport,
    payload); subclasses keep what they want."""

    def __init__(self):
        super().__init__(daemon=True)
        self.stop = False
        self.sock = socket.socket(socket.AF_PACKET, socket.SOCK_RAW,
                                  socket.htons(ETH_P_ALL))
        self.sock.setsockopt(socket.SOL_SOCKET, SO_TIMESTAMPNS, 1)
        self.sock.bind(("lo", 0))

    def udp(self, t, sport, dport, payload):
        raise NotImplementedError

    def run(self):
        while not self.stop:
            r, _, _ = select.select([self.sock], [], [], 0.2)
            if not r:
                continue
            data, anc, _, addr = self.sock.recvmsg(65535,
                                                   socket.CMSG_SPACE(16))
            if addr[2] == socket.PACKET_OUTGOING:
                continue
            t = None
            for level, kind, val in anc:
                if level == socket.SOL_SOCKET and kind == SO_TIMESTAMPNS:
                    sec, nsec = struct.unpack("qq", val[:16])
                    t = sec + nsec / 1e9
            ip = data[14:]
            if len(ip) < 28 or ip[9] != 17:
                continue
            ihl = (ip[0] & 0x0f) * 4
            sport, dport = struct.unpack(">HH", ip[ihl:ihl + 4])
            self.udp(t, sport, dport, ip[ihl + 8:])


class Sniffer(LoTap):
    """Timestamps every UDP datagram from SRC_PORT whose payload matches
    PATTERN (default: a 200 OK to an INVITE), as it crosses lo. The time
    is the kernel's (SO_TIMESTAMPNS), brought onto time.monotonic(), so
    how soon this Python thread gets to read it does not count."""

    def __init__(self, src_port, pattern=rb"^SIP/2\.0 200 .*\r\nCSeq: *\d+ INVITE"):
        super().__init__()
        self.src_port = src_port
        self.seen = []
        self.pattern = re.compile(pattern, re.I | re.S)
        # wall clock minus monotonic: the kernel dates packets by the
        # wall clock, the benchmarks their keystrokes by monotonic
        self.offset = time.time() - time.monotonic()

    def udp(self, t, sport, dport, payload):
        if sport == self.src_port and self.pattern.search(payload):
            self.seen.append(t - self.offset if t else time.monotonic())


def slow_disk_env(ms=100):
    """The environment that gives the console a slow disk: every fsync
    and fdatasync waits MS ms (bench/fsync_delay.c, preloaded). None
    when the build has not made it."""
    build = os.path.dirname(os.path.dirname(os.path.dirname(
        console_binary())))
    lib = os.path.join(build, "bench", "libfsync_delay.so")
    if not os.path.exists(lib):
        return None
    return {"LD_PRELOAD": lib, "FSYNC_DELAY_MS": str(ms)}


def spawn_console(conf, tmp, size=None, on_output=None, env=None):
    """Starts the console on a pty; returns (pid, master fd, output).
    SIZE (rows, cols) sets the terminal size before the console starts;
    ON_OUTPUT(chunk, monotonic time) is called for every read; ENV is
    added to the console's environment."""
    pid, fd = pty.fork()
    if pid == 0:
        if size:
            fcntl.ioctl(1, termios.TIOCSWINSZ,
                        struct.pack("HHHH", size[0], size[1], 0, 0))
        os.environ.update(LANG="C.UTF-8", LC_ALL="C.UTF-8",
                          TERM="xterm-256color", XDG_RUNTIME_DIR=tmp,
                          XDG_STATE_HOME=tmp)
        os.environ.update(env or {})
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


def console_pid(pid):
    """The process the console runs in: the launcher (cordboard) forks
    baresip with the module and waits (issue 23), so a figure taken on
    the launcher's pid would be the launcher's. PID itself when it has
    no baresip child (a console that has not started yet, or stock
    baresip)."""
    try:
        with open("/proc/%d/task/%d/children" % (pid, pid)) as f:
            kids = [int(k) for k in f.read().split()]
    except OSError:
        return pid
    for kid in kids:
        try:
            with open("/proc/%d/comm" % kid) as f:
                if f.read().strip() == "baresip":
                    return kid
        except OSError:
            pass
    return pid


def switch_counts(pid):
    """(voluntary, involuntary) context switches over all threads of the
    console (see console_pid): a voluntary one is a sleep, ended by a
    wake-up; an involuntary one, a preemption by another program."""
    pid = console_pid(pid)
    vol = invol = 0
    for tid in os.listdir("/proc/%d/task" % pid):
        with open("/proc/%d/task/%s/status" % (pid, tid)) as f:
            for line in f:
                if line.startswith("voluntary_ctxt_switches"):
                    vol += int(line.split()[1])
                elif line.startswith("nonvoluntary_ctxt_switches"):
                    invol += int(line.split()[1])
    return vol, invol


def proc_counts(pid):
    """(cpu seconds, voluntary+involuntary switches) over all threads of
    the console (see console_pid)."""
    pid = console_pid(pid)
    with open("/proc/%d/stat" % pid) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    cpu = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return cpu, sum(switch_counts(pid)), len(os.listdir("/proc/%d/task"
                                                        % pid))


class PacketCount(LoTap):
    """Counts the UDP datagrams that reach PORTS over lo."""

    def __init__(self, ports):
        super().__init__()
        self.ports, self.n = set(ports), 0

    def udp(self, t, sport, dport, payload):
        if dport in self.ports:
            self.n += 1




def summary(lat):
    lat = sorted(lat)
    import statistics
    return "median %.2f ms, min %.2f ms, max %.2f ms, p90 %.2f ms" % (
        statistics.median(lat), lat[0], lat[-1],
        lat[max(0, int(len(lat) * 0.9) - 1)])


def measure_cost(pid, label, seconds=IDLE_SECONDS, idle=None,
                 preempted=False):
    """Prints CPU, wake-ups and preemptions of PID over SECONDS; returns
    (cpu %, wake-ups per second), and the preemptions per second third
    with PREEMPTED. A wake-up is a sleep that ended (a voluntary context
    switch); a preemption, another program taking the core. IDLE(until),
    if given, is called to spend the time instead of sleeping (a
    generator that must keep answering)."""
    cpu0, sw0, threads = proc_counts(pid)
    vol0, _ = switch_counts(pid)
    t0 = time.monotonic()
    if idle:
        idle(t0 + seconds)
    else:
        time.sleep(seconds)
    cpu1, sw1, _ = proc_counts(pid)
    vol1, _ = switch_counts(pid)
    took = time.monotonic() - t0
    cpu = 100 * (cpu1 - cpu0) / took
    wakeups = (vol1 - vol0) / took
    taken = max(0.0, (sw1 - sw0) / took - wakeups)
    print("%s, %.1f s: cpu %.2f%%, %.1f wake-ups/s (sleeps ended), "
          "%.1f preemptions/s; %d threads" % (
              label, took, cpu, wakeups, taken, threads))
    if preempted:
        return cpu, wakeups, taken
    return cpu, wakeups


def figure(name, values, unit, note="", baseline=None, versus=""):
    """Prints one figure for the table of scripts/bench (bench/table.py):
    a line `FIGURE {json}` with every sample, so the table computes the
    median and spread itself. BASELINE: the samples of what VERSUS names
    (stock baresip), measured in the same run; the table prints the
    ratio of the medians."""
    rec = {"figure": name, "unit": unit,
           "values": [round(float(v), 4) for v in values]}
    if note:
        rec["note"] = note
    if baseline:
        rec["baseline"] = [round(float(v), 4) for v in baseline]
        rec["versus"] = versus
    print("FIGURE " + json.dumps(rec, ensure_ascii=False), flush=True)


def memory_kb(pid, field="VmRSS", launcher=False):
    """FIELD (VmRSS, VmHWM ...) of /proc/PID/status, in kB: of the
    console (see console_pid), or with LAUNCHER of PID itself."""
    if not launcher:
        pid = console_pid(pid)
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return None


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
