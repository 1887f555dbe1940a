"""An independent SIP phone for the tests: linphonec (Debian's
linphone-cli) run headless, driven through its command line on a pipe.

Each phone has its own HOME under the test's directory (linphonec opens
no SIP socket unless $HOME/.local/share/linphone exists), its own SIP
port on 127.0.0.1 and no sound card (linphone's dummy devices). What it
experiences is read from its own words: `calls` lists each call with
its remote party and state.

    with Linphone(tmp, "lin", port) as lin:
        lin.call("sip:reception@127.0.0.1:5060")
        lin.wait_talking("reception")
"""

import os
import re
import shutil
import subprocess
import threading
import time

__all__ = ["Linphone", "linphone_available"]

_ROW = re.compile(r"^\s*(\d+)\s*\|\s*(.*?)\s*\|\s*(\w+)\s*\|")


def linphone_available():
    return shutil.which("linphonec") is not None


def user_of(uri):
    """'"ACME" <sip:acme@127.0.0.1:5062>' -> 'acme'"""
    m = re.search(r"sips?:([^@>;]+)@", uri)
    return m.group(1) if m else uri


class Linphone:
    """One linphonec process: USER at 127.0.0.1:PORT."""

    def __init__(self, directory, user, port, name=None):
        self.user, self.port = user, port
        self.name = name or user
        self.home = os.path.join(directory, "linphone-" + user)
        self.rc = os.path.join(self.home, "linphonerc")
        self.log = os.path.join(self.home, "linphonec.out")
        self.sip_log = os.path.join(self.home, "sip.log")
        self.proc = None
        self.out = []
        self.lock = threading.Lock()

    @property
    def uri(self):
        return "sip:%s@127.0.0.1:%d" % (self.user, self.port)

    def start(self, timeout=15):
        os.makedirs(os.path.join(self.home, ".local", "share", "linphone"),
                    exist_ok=True)
        with open(self.rc, "w", encoding="utf-8") as f:
            f.write("[sip]\n"
                    "sip_port=%d\nsip_tcp_port=-1\nsip_tls_port=-1\n"
                    "use_ipv6=0\nipv6_migration_done=1\nbind_address=127.0.0.1\n"
                    "contact=\"%s\" <sip:%s@127.0.0.1:%d>\n"
                    "guess_hostname=0\n"
                    "[net]\nfirewall_policy=1\nnat_address=127.0.0.1\n"
                    "[rtp]\naudio_rtp_port=%d-%d\n"
                    "[video]\nautomatically_initiate=0\n"
                    "automatically_accept=0\n"
                    "[sound]\necho_cancellation=0\n"
                    % (self.port, self.name, self.user, self.port,
                       self.port + 10, self.port + 19))
        env = dict(os.environ, HOME=self.home, LANG="C.UTF-8")
        self.proc = subprocess.Popen(
            ["linphonec", "-c", self.rc, "-d", "6", "-l", self.sip_log], stdin=subprocess.PIPE,
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env,
            text=True, bufsize=1)
        threading.Thread(target=self._read, daemon=True).start()
        self.wait_output("linphonec>", timeout=timeout)
        return self

    def _read(self):
        # the prompt ends no line: read what comes, not lines
        fd = self.proc.stdout.fileno()
        with open(self.log, "a", encoding="utf-8") as log:
            while True:
                data = os.read(fd, 4096)
                if not data:
                    break
                chunk = data.decode("utf-8", "replace")
                log.write(chunk)
                log.flush()
                with self.lock:
                    self.out.append(chunk)

    def __enter__(self):
        if not self.proc:
            self.start()
        return self

    def __exit__(self, *exc):
        self.stop()

    def stop(self):
        if not self.proc:
            return
        try:
            self.cmd("quit")
            self.proc.wait(timeout=5)
        except (OSError, subprocess.TimeoutExpired):
            self.proc.kill()
            self.proc.wait()
        self.proc = None

    def mark(self):
        with self.lock:
            return len(self.out)

    def text(self, since=0):
        with self.lock:
            return "".join(self.out[since:])

    def cmd(self, line):
        self.proc.stdin.write(line + "\n")
        self.proc.stdin.flush()

    def wait_output(self, what, since=0, timeout=20):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if re.search(what, self.text(since)):
                return
            time.sleep(0.1)
        raise AssertionError("linphone %s never printed %r; last:\n%s" % (
            self.user, what, self.text(since)[-1500:]))

    def calls(self):
        """[(id, remote user, state)] as linphonec's `calls` lists them."""
        mark = self.mark()
        self.cmd("calls")
        try:
            self.wait_output(r"(Call states[\s\S]*linphonec>)|"
                             r"No active call", since=mark, timeout=5)
        except AssertionError:
            return []
        rows = []
        for line in self.text(mark).splitlines():
            m = _ROW.match(line)
            if m:
                rows.append((int(m.group(1)), user_of(m.group(2)),
                             m.group(3)))
        return rows

    def talking_to(self):
        """The remote users of the calls with media flowing."""
        return [u for _, u, st in self.calls() if st == "StreamsRunning"]

    def wait_for(self, predicate, what, timeout=20):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if predicate(self):
                return
            time.sleep(0.3)
        raise AssertionError("linphone %s: %s never happened; calls %r;"
                             " it said:\n%s" % (
                                 self.user, what, self.calls(),
                                 re.sub(r"(?m)^\d{4}-.*\n", "",
                                        self.text())[-1200:]))

    def wait_talking(self, user, timeout=20):
        """Only one call, with USER, media flowing."""
        self.wait_for(lambda p: p.talking_to() == [user] and
                      len(p.calls()) == 1,
                      "one call, talking to %s" % user, timeout)

    def call(self, uri):
        self.cmd("call " + uri)

    def autoanswer(self, on=True):
        self.cmd("autoanswer " + ("enable" if on else "disable"))

    def answer(self):
        self.cmd("answer")

    def resume(self):
        """Takes back a call this phone paused itself."""
        self.cmd("resume")

    def hangup(self):
        self.cmd("terminate all")
