"""The console's control socket for the soak: one connection, lines sent
one at a time, replies and events read by a thread and stamped on
arrival, and the console's lines as its events describe them."""

import collections
import json
import os
import socket
import threading
import time


class OpTimeout(Exception):
    """An operation's event did not come in time: a finding, not a crash."""


class Ctl:
    def __init__(self, path, timeout=20):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        deadline = time.monotonic() + timeout
        while True:
            try:
                self.sock.connect(path)
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.05)
        self.cond = threading.Condition()
        self.events = []          # (arrival, event) since the last trim
        self.base = 0             # how many were trimmed before events[0]
        self.replies = []
        self.lines = {}           # line id -> last event naming it
        self.counts = collections.Counter()   # line_closed in/out, ...
        self.closed = False
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        buf = b""
        while True:
            try:
                chunk = self.sock.recv(65536)
            except OSError:
                chunk = b""
            if not chunk:
                with self.cond:
                    self.closed = True
                    self.cond.notify_all()
                return
            buf += chunk
            while b"\n" in buf:
                raw, buf = buf.split(b"\n", 1)
                now = time.monotonic()
                try:
                    obj = json.loads(raw.decode("utf-8", "replace"))
                except ValueError:
                    continue
                with self.cond:
                    if "reply" in obj:
                        self.replies.append(obj)
                    elif obj.get("event") not in ("presence", "line_state"):
                        self._track(obj)
                        self.events.append((now, obj))
                    self.cond.notify_all()

    def _track(self, ev):
        if ev["event"] == "transferred":
            self.counts["transferred"] += 1
        if "line" not in ev:
            return
        if ev["event"] == "line_closed":
            self.counts["line_closed " + ev.get("dir", "?")] += 1
            self.lines.pop(ev["line"], None)
        else:
            self.lines[ev["line"]] = ev

    def mark(self):
        with self.cond:
            return self.base + len(self.events)

    def trim(self):
        """Forgets the events read so far (the soak keeps no history)."""
        with self.cond:
            self.base += len(self.events)
            self.events = []

    def send(self, line, timeout=20):
        """Sends LINE; returns its reply object."""
        with self.cond:
            self.replies = []
        self.sock.sendall(line.encode() + b"\n")
        with self.cond:
            if not self.cond.wait_for(lambda: self.replies or self.closed,
                                      timeout):
                raise OpTimeout("no reply to %r" % line)
            if not self.replies:
                raise OpTimeout("the console closed the socket at %r"
                                % line)
            return self.replies.pop(0)

    def wait_event(self, pred, since, timeout=20, what="an event"):
        """The first event after mark SINCE for which PRED is true, as
        (arrival time, event)."""
        def find():
            for t, ev in self.events[max(0, since - self.base):]:
                if pred(ev):
                    return t, ev
            return None
        with self.cond:
            got = self.cond.wait_for(lambda: find() or self.closed, timeout)
            if not got or got is True:
                raise OpTimeout("timed out after %ss waiting for %s"
                                % (timeout, what))
            return got

    def live_lines(self):
        with self.cond:
            return dict(self.lines)

    def close(self):
        try:
            self.sock.close()
        except OSError:
            pass


def ctl_socket_path(runtime_dir):
    return os.path.join(runtime_dir, "cordboard", "default.ctl")
