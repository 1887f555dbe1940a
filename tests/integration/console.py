"""Drive the real cordboard console in tmux, as a receptionist would.

Stdlib only. Each Console gets its own tmux server (-L), its own config
with fresh loopback ports, an event log and a capture of every byte the
console wrote to its terminal (tmux pipe-pane).

    with Console(tmp, extensions=...) as con:
        con.wait_screen("ACME Corp")
        con.keys("Enter")
"""

import atexit
import itertools
import json
import os
import shlex
import shutil
import signal
import subprocess
import sys
import time

from office import OfficeError, build_root, free_port

__all__ = ["Console", "ConsoleError", "console_binary", "run_cordboard",
           "Cases"]

_sockets = itertools.count(1)
_live = set()


class ConsoleError(Exception):
    """The console failed to start or to show what was expected."""


def console_binary():
    return os.path.join(build_root(), "src", "app", "cordboard")


def run_cordboard(*args, env=None, timeout=30):
    """Runs the launcher without a terminal; returns CompletedProcess."""
    e = dict(os.environ)
    e.update(env or {})
    return subprocess.run([console_binary()] + list(args), env=e,
                          stdin=subprocess.DEVNULL, capture_output=True,
                          timeout=timeout, text=True)


def _stop_all():
    for con in list(_live):
        con.stop()


atexit.register(_stop_all)


def _exit_on_sigterm(signum, frame):
    """meson stops a test that ran out of time with SIGTERM: exit through
    atexit so tmux, the console and the office are stopped too."""
    raise SystemExit(128 + signum)


signal.signal(signal.SIGTERM, _exit_on_sigterm)


def _conf_value(v):
    return json.dumps(str(v), ensure_ascii=False)


class Console:
    """One console in one tmux session."""

    def __init__(self, directory, extensions=None, listen_port=None,
                 cols=80, rows=24, config_text=None, extra_config="",
                 account=None, args=(), env=None, audio='device = "none"',
                 binary=None):
        self.dir = directory
        self.port = listen_port or free_port(2)
        self.cols, self.rows = cols, rows
        # a counter, not id(self): a new console can reuse a freed one's
        # address, and its tmux would meet the old server still exiting
        self.socket = "cbtest-%d-%d" % (os.getpid(), next(_sockets))
        self.conf = os.path.join(directory, "cordboard.conf")
        self.event_log = os.path.join(directory, "events.jsonl")
        self.tty_log = os.path.join(directory, "tty.raw")
        self.extensions = extensions or {}
        self.config_text = config_text
        self.extra_config = extra_config
        self.account = {"aor": "sip:reception@127.0.0.1", "registrar": ""}
        self.account.update(account or {})
        self.args = list(args)   # more launcher options (--script ...)
        self.env = dict(env or {})   # more environment (NO_COLOR, TERM)
        self.audio = audio           # the body of the audio section
        self.binary = binary or console_binary()   # an installed copy
        self.started = False

    @property
    def uri(self):
        return "sip:reception@127.0.0.1:%d" % self.port

    def write_config(self):
        if self.config_text is not None:
            text = self.config_text
        else:
            lines = ["account {\n"] + [
                "  %s = %s\n" % (k, _conf_value(v))
                for k, v in self.account.items()] + [
                '  listen = "127.0.0.1:%d"\n' % self.port,
                "}\n",
                "audio { %s }\n" % self.audio,
            ]
            for num, e in self.extensions.items():
                opts = " ".join("%s = %s" % (k, _conf_value(v))
                                for k, v in e.items())
                lines.append("extension %s { %s }\n" % (_conf_value(num),
                                                        opts))
            text = "".join(lines) + self.extra_config
        with open(self.conf, "w", encoding="utf-8") as f:
            f.write(text)
        os.chmod(self.conf, 0o600)

    def tmux(self, *args, check=True):
        return subprocess.run(["tmux", "-L", self.socket] + list(args),
                              capture_output=True, text=True, check=check)

    def start(self, timeout=20, ready="Calls ("):
        """Starts the console and waits for READY on its screen (None:
        does not wait, for a console that may be gone by then)."""
        self.write_config()
        run = os.path.join(self.dir, "run-console.sh")
        with open(run, "w") as f:
            f.write("#!/bin/sh\n"
                    "export LANG=C.UTF-8 LC_ALL=C.UTF-8\n"
                    "export XDG_RUNTIME_DIR=%s XDG_STATE_HOME=%s\n"
                    "%s"
                    "%s -c %s --event-log %s %s\n"
                    "echo \"console exited with $?\" > %s/exit-status\n"
                    "sleep 600\n" % (self.dir, self.dir,
                                     "".join("export %s=%s\n" % (
                                         k, shlex.quote(v))
                                         for k, v in self.env.items()),
                                     self.binary,
                                     self.conf,
                                     self.event_log,
                                     " ".join(shlex.quote(a) for a in
                                              self.args), self.dir))
        os.chmod(run, 0o755)
        env = dict(os.environ)
        env.pop("TMUX", None)
        subprocess.run(["tmux", "-L", self.socket, "-f", "/dev/null",
                        "new-session", "-d", "-x", str(self.cols), "-y",
                        str(self.rows), "-s", "console", run],
                       check=True, env=env)
        _live.add(self)
        self.started = True
        self.tmux("pipe-pane", "-o", "-t", "console",
                  "cat >> %s" % self.tty_log)
        if ready:
            self.wait_screen(ready, timeout=timeout)
        return self

    def __enter__(self):
        if not self.started:
            self.start()
        return self

    def __exit__(self, *exc):
        self.stop()
        return False

    def stop(self):
        _live.discard(self)
        if not self.started:
            return
        self.started = False
        if self.running():
            self.keys("q")
            time.sleep(0.2)
            if "(y/n)" in self.screen():
                self.keys("y")
            deadline = time.monotonic() + 15
            while self.running() and time.monotonic() < deadline:
                time.sleep(0.1)
        self.tmux("kill-server", check=False)

    def running(self):
        return not os.path.exists(os.path.join(self.dir, "exit-status"))

    def exit_status(self):
        try:
            with open(os.path.join(self.dir, "exit-status")) as f:
                return f.read().strip()
        except OSError:
            return None

    # -- keys and screen ----------------------------------------------------

    def keys(self, *keys):
        """tmux key names: "Enter", "Escape", "h", "C-l" ...
        A key right behind Escape would read as Alt+key, as it does when
        a terminal sends them together, so Escape is given a moment."""
        for k in keys:
            self.tmux("send-keys", "-t", "console", k)
            if k in ("Escape", "Esc"):
                time.sleep(0.15)

    def type(self, text):
        self.tmux("send-keys", "-t", "console", "-l", text)

    def screen(self):
        return self.tmux("capture-pane", "-p", "-t", "console").stdout

    def screen_escapes(self):
        """The screen with its attributes and colours as SGR sequences
        (tmux capture-pane -e)."""
        return self.tmux("capture-pane", "-p", "-e", "-t",
                         "console").stdout

    def resize(self, cols, rows):
        self.tmux("resize-window", "-t", "console", "-x", str(cols), "-y",
                  str(rows))

    def wait_screen(self, what, timeout=20):
        """Waits until WHAT (text, or predicate over the screen) holds."""
        deadline = time.monotonic() + timeout
        while True:
            scr = self.screen()
            ok = what(scr) if callable(what) else what in scr
            if ok:
                return scr
            if time.monotonic() > deadline:
                raise ConsoleError("timed out after %ss waiting for %r on "
                                   "the screen:\n%s\n%s" % (
                                       timeout, what, scr, self.log_tail()))
            time.sleep(0.1)

    def tty_bytes(self):
        try:
            with open(self.tty_log, "rb") as f:
                return f.read()
        except OSError:
            return b""

    # -- events -------------------------------------------------------------

    def history(self):
        """The records of the history file (XDG_STATE_HOME is the test
        directory)."""
        path = os.path.join(self.dir, "cordboard", "history")
        try:
            with open(path, encoding="utf-8") as f:
                return [json.loads(l) for l in f if l.strip()]
        except OSError:
            return []

    def events(self):
        try:
            with open(self.event_log, encoding="utf-8") as f:
                return [json.loads(l) for l in f if l.strip()]
        except OSError:
            return []

    def mark(self):
        """A place in the event log: wait_event(since=mark) looks after it."""
        return len(self.events())

    def wait_event(self, name, timeout=20, since=0, **match):
        deadline = time.monotonic() + timeout
        while True:
            for ev in self.events()[since:]:
                if ev.get("event") == name and all(
                        ev.get(k) == v for k, v in match.items()):
                    return ev
            if time.monotonic() > deadline:
                raise ConsoleError("timed out waiting for event %s %r; "
                                   "events:\n%s" % (name, match, "\n".join(
                                       json.dumps(e) for e in
                                       self.events()[-15:])))
            time.sleep(0.1)

    def log_tail(self, n=25):
        for root, _, files in os.walk(self.dir):
            if "baresip.log" in files:
                with open(os.path.join(root, "baresip.log"), "rb") as f:
                    lines = f.read().decode("utf-8", "replace").splitlines()
                return "--- baresip.log ---\n" + "\n".join(lines[-n:])
        return "(no baresip.log: %s)" % (self.exit_status() or "running")


def reason_of(exc):
    """The first line of what EXC says, with its type: a wait's message
    goes on with the whole screen and log."""
    lines = str(exc).strip().splitlines()
    return "%s: %s" % (type(exc).__name__, lines[0] if lines else "")


class Cases:
    """Runs named cases, prints one line each and the closing count."""

    def __init__(self):
        self.passed = 0
        self.failed = 0
        self.reasons = []   # (name, last line of the traceback)

    def run(self, name, fn, *args):
        import traceback
        print("--", name, flush=True)
        try:
            fn(*args)
        except Exception:   # a failed case must not stop the others
            self.failed += 1
            print("FAIL:", name, flush=True)
            traceback.print_exc()
            self.reasons.append((name, reason_of(sys.exc_info()[1])))
        else:
            self.passed += 1
            print("PASS:", name, flush=True)

    def run_all(self, named, *args):
        """Runs each (name, fn) of NAMED with ARGS, in order."""
        for name, fn in named:
            self.run(name, fn, *args)

    def finish(self):
        # the reasons again at the end: a CI log shows only the last lines
        for name, why in self.reasons:
            print("failed: %s: %s" % (name, why), flush=True)
        print("cases: %d passed, %d failed" % (self.passed, self.failed),
              flush=True)
        return 1 if self.failed or not self.passed else 0


def tmux_available():
    return shutil.which("tmux") is not None


def expect(cond, what):
    if not cond:
        raise AssertionError(what)


# The colleagues every office of the tests has, as the console lists them.
COLLEAGUES = {"201": {"name": "Alice Martin", "department": "Sales"},
              "202": {"name": "Bob Stone", "department": "Support"}}


def colleague_extensions(host, numbers=("201", "202"), **extra):
    """The console's extension entries for NUMBERS, reached at HOST
    ("127.0.0.1:PORT"); EXTRA maps a number to more options."""
    return {n: dict(COLLEAGUES[n], uri="sip:%s@%s" % (n, host),
                    **extra.get(n, {}))
            for n in numbers}


def clear_the_desk(office, con, people=("acme", "bob", "201", "202")):
    """After a case: every party of PEOPLE hangs up, the console drops
    what is left (x), and both sides are quiet."""
    for uid in people:
        office.cmd("office_hangup", uid, check=False)
    for _ in range(5):
        if "Calls (0)" in con.screen():
            break
        con.keys("x")
        time.sleep(0.5)
    con.wait_screen("Calls (0)")
    office.wait_for(lambda st: not any(u["calls"] for u in st["uas"]),
                    what="a quiet office after the case")


def answer_caller(office, con, caller="acme", name="ACME Corp", uri=None):
    """CALLER rings the console (at URI, else con.uri), the operator
    presses Enter, and the office sees the caller talking to it."""
    from office import talking
    office.cmd("office_call", "%s %s" % (caller, uri or con.uri))
    con.wait_screen(name)
    con.keys("Enter")
    office.wait_for(lambda st: talking(st, caller, "reception"),
                    what="%s to talk to the console" % caller)
