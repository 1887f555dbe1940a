"""A console on a pty of our own, 200x60, watching N extensions whose
presence server is bench_notify's load generator (a UDP notifier on
loopback that answers every SUBSCRIBE and sends the initial NOTIFYs);
with every byte the console writes to its terminal timestamped, so a
benchmark can ask "how long until the terminal went quiet, and how many
bytes was that". Figures only; nothing here passes or fails."""

import os
import signal
import time

from benchlib import spawn_console
from bench_notify import FIRST_NUMBER, SIZE, VISIBLE, Generator
from office import free_port

QUIET_S = float(os.environ.get("BENCH_QUIET_MS", "200")) / 1000


class Tty:
    """Everything the console wrote to its terminal, with the time each
    read returned (the reader thread of spawn_console calls feed)."""

    def __init__(self):
        self.times = []       # (monotonic time of a read, bytes so far)
        self.total = 0
        self.tail = b""
        self.found = {}       # watched bytes -> time first seen
        self.watch = []

    def feed(self, chunk, t):
        self.total += len(chunk)
        self.times.append((t, self.total))
        data = self.tail + chunk
        for w in self.watch:
            if w not in self.found and w in data:
                self.found[w] = t
        self.tail = data[-64:]

    def last(self):
        return self.times[-1] if self.times else (0.0, 0)


class WatchedConsole:
    def __init__(self, tmp, n_ext, size=SIZE, name="console", csv=False):
        self.dir = os.path.join(tmp, "%s-%d" % (name, free_port(1)))
        os.makedirs(self.dir)
        self.n_ext = n_ext
        self.csv = csv
        self.size = size
        self.port = free_port(2)
        self.gen_port = free_port(1)
        self.gen = Generator(self.gen_port, self.port)
        self.tty = Tty()
        self.tty.watch.append(b"Ready:")
        self.pid = self.fd = None
        self.conf = self.write_conf()

    @property
    def uri(self):
        return "sip:reception@127.0.0.1:%d" % self.port

    def write_conf(self):
        conf = os.path.join(self.dir, "cordboard.conf")
        with open(conf, "w") as f:
            f.write('account { listen = "127.0.0.1:%d" }\n'
                    'audio { device = "none" }\n'
                    'history_file = "%s/history"\n' % (self.port, self.dir))
            if self.n_ext:
                f.write('presence_server = "sip:127.0.0.1:%d"\n'
                        % self.gen_port)
            depts = ["Sales", "Support", "Accounts", "Management", "Lab",
                     "Warehouse", "Legal", "Front desk"]
            people = [(FIRST_NUMBER + i, depts[i % len(depts)])
                      for i in range(self.n_ext)]
            if self.csv:
                # cordboard.conf stops at 1 MiB: a directory of tens of
                # thousands is the CSV a PBX exports
                csv = os.path.join(self.dir, "directory.csv")
                f.write('directory_file = "%s"\n' % csv)
                with open(csv, "w") as d:
                    d.write("number,name,department,uri,voicemail\n")
                    for n, dept in people:
                        d.write("%d,Person %d,%s,sip:%d@127.0.0.1:%d,\n"
                                % (n, n, dept, n, self.gen_port))
            else:
                for n, dept in people:
                    f.write('extension "%d" { name = "Person %d" '
                            'department = "%s" uri = '
                            '"sip:%d@127.0.0.1:%d" }\n'
                            % (n, n, dept, n, self.gen_port))
        return conf

    def start(self):
        """Starts the console; returns the time just before the exec."""
        t0 = time.monotonic()
        self.pid, self.fd, self.out = spawn_console(
            self.conf, self.dir, size=self.size, on_output=self.tty.feed)
        return t0

    def alive(self):
        try:
            return os.waitpid(self.pid, os.WNOHANG)[0] == 0
        except ChildProcessError:
            return False

    def serve(self, until):
        """Keeps the presence server answering until monotonic UNTIL."""
        while True:
            now = time.monotonic()
            if now >= until:
                return
            self.gen.pump(min(until, now + 0.05))
            self.gen.retransmit_initial()

    def wait(self, pred, timeout=30, what="condition"):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            v = pred()
            if v:
                return v
            if not self.alive():
                raise RuntimeError("the console exited waiting for " + what
                                   + ": " + bytes(self.out[-600:]).decode(
                                       "utf-8", "replace"))
            self.serve(time.monotonic() + 0.005)
        raise RuntimeError("timed out waiting for " + what)

    def wait_ready(self, timeout=30):
        """The time the status line's "Ready:" reached the terminal."""
        return self.wait(lambda: self.tty.found.get(b"Ready:"), timeout,
                         "Ready: on the screen")

    def subscribed(self):
        return self.gen.established >= 2 * self.n_ext

    def wait_subscribed(self, timeout=90):
        self.wait(self.subscribed, timeout,
                  "all %d subscriptions" % (2 * self.n_ext))

    def settle(self, quiet=QUIET_S, timeout=30):
        """Waits until the terminal has been quiet for QUIET seconds."""
        self.wait(lambda: time.monotonic() - self.tty.last()[0] >= quiet,
                  timeout, "a quiet terminal")

    def burst(self, t0, bytes0, quiet=QUIET_S, timeout=30):
        """After something at T0 (when BYTES0 had been written): waits for
        output and then QUIET seconds without; returns (seconds from T0
        to the last byte, bytes written)."""
        self.wait(lambda: self.tty.total > bytes0 and
                  time.monotonic() - self.tty.last()[0] >= quiet,
                  timeout, "output, then a quiet terminal")
        t_last, total = self.tty.last()
        return t_last - t0, total - bytes0

    def visible_presence(self):
        """The presence subscriptions of the rows on screen, in order."""
        subs = [s for s in self.gen.order if s.visible and not s.dead and
                s.event == "presence" and s.established]
        return sorted(subs, key=lambda s: int(s.number))[:VISIBLE]

    def stop(self):
        """q (and y if asked), answering unsubscriptions meanwhile; then
        SIGTERM, then SIGKILL."""
        if self.pid is None:
            return
        try:
            os.write(self.fd, b"q")
            self.serve(time.monotonic() + 0.3)
            if b"(y/n)" in bytes(self.out[-3000:]):
                os.write(self.fd, b"y")
        except OSError:
            pass
        for sig, grace in ((None, 10), (signal.SIGTERM, 10),
                           (signal.SIGKILL, 5)):
            if sig:
                try:
                    os.kill(self.pid, sig)
                except ProcessLookupError:
                    pass
            deadline = time.monotonic() + grace
            while time.monotonic() < deadline and self.alive():
                self.serve(time.monotonic() + 0.05)
            if not self.alive():
                break
        try:
            os.close(self.fd)
        except OSError:
            pass
        self.gen.sock.close()
        self.pid = None
