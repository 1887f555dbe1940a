"""A second independent brand of SIP phone for the tests: Twinkle's
command line (Debian's twinkle-console) run headless, driven through its
CLI on a pipe.

Each phone has its own HOME under the test's directory (Twinkle keeps
its system settings, profile, lock and log in $HOME/.twinkle), its own
SIP port and ALSA's null device instead of a sound card. Twinkle has no
command that lists calls: what it experiences is read from the lines it
prints, "Line 1: far end answered call." followed by the answer and
"To: <uri>", and "Line 1: call ended." when it is over.

    with Twinkle(tmp, "tw", port, name="Twin Caller") as tw:
        tw.call("sip:reception@127.0.0.1:5060")
        tw.wait_talking("reception")
"""

import os
import re
import shutil
import subprocess
import threading
import time

__all__ = ["Twinkle", "twinkle_available"]

_LINE_EVENT = re.compile(r"^Line (\d+): (.*)$")
_ENDED = ("call ended.", "far end ended call.", "far end cancelled call.",
          "call failed.")


def twinkle_available():
    return shutil.which("twinkle-console") is not None


def user_of(uri):
    """'sip:202@127.0.0.1:5062' -> '202'"""
    m = re.search(r"sips?:([^@>;]+)@", uri)
    return m.group(1) if m else uri


class Twinkle:
    """One twinkle-console process: USER at 127.0.0.1:PORT."""

    def __init__(self, directory, user, port, name=None):
        self.user, self.port = user, port
        self.name = name or user
        self.home = os.path.join(directory, "twinkle-" + user)
        self.conf_dir = os.path.join(self.home, ".twinkle")
        self.log = os.path.join(self.home, "twinkle.out")
        # Twinkle's own log: every SIP message it sent and received
        self.sip_log = os.path.join(self.conf_dir, "twinkle.log")
        self.proc = None
        self.out = []
        self.lock = threading.Lock()

    @property
    def uri(self):
        return "sip:%s@127.0.0.1:%d" % (self.user, self.port)

    def write_config(self):
        os.makedirs(self.conf_dir, exist_ok=True)
        with open(os.path.join(self.conf_dir, "twinkle.sys"), "w",
                  encoding="utf-8") as f:
            f.write("dev_ringtone=alsa:null\ndev_speaker=alsa:null\n"
                    "dev_mic=alsa:null\nvalidate_audio_dev=no\n"
                    "play_ringtone=no\nplay_ringback=no\n"
                    "log_show_sip=yes\nlog_max_size=20\n"
                    "sip_udp_port=%d\nsip_port=%d\nrtp_port=%d\n"
                    % (self.port, self.port, self.port + 10))
        # twinkle.cfg is the profile it starts with when given none
        with open(os.path.join(self.conf_dir, "twinkle.cfg"), "w",
                  encoding="utf-8") as f:
            f.write("user_name=%s\nuser_domain=127.0.0.1\n"
                    "user_display=%s\nregister_at_startup=no\n"
                    "pres_publish_startup=no\nsip_transport=udp\n"
                    "codecs=g711a,g711u\n"
                    # the default asks the user, and a CLI on a pipe
                    # cannot say yes: the REFER would be refused
                    "allow_refer=yes\nask_user_to_refer=no\n"
                    % (self.user, self.name))

    def start(self, timeout=15):
        self.write_config()
        env = dict(os.environ, HOME=self.home, LANG="C.UTF-8")
        env.pop("DISPLAY", None)
        self.proc = subprocess.Popen(
            ["twinkle-console"], stdin=subprocess.PIPE,
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env,
            text=True, bufsize=1)
        threading.Thread(target=self._read, daemon=True).start()
        self.wait_output("Twinkle>", timeout=timeout)
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

    def text(self):
        with self.lock:
            return "".join(self.out)

    def cmd(self, line):
        self.proc.stdin.write(line + "\n")
        self.proc.stdin.flush()

    def wait_output(self, what, timeout=20):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if re.search(what, self.text()):
                return
            time.sleep(0.1)
        raise AssertionError("twinkle %s never printed %r; last:\n%s" % (
            self.user, what, self.text()[-1500:]))

    def lines(self):
        """{line number: remote user} of the calls it says were answered
        and have not ended, replaying everything it printed."""
        talking = {}
        answered = None
        for row in self.text().splitlines():
            row = row.replace("Twinkle> ", "").strip()
            m = _LINE_EVENT.match(row)
            if m:
                line, what = int(m.group(1)), m.group(2)
                answered = line if what == "far end answered call." \
                    else None
                if what in _ENDED:
                    talking.pop(line, None)
                continue
            if answered is not None and row.startswith("To: "):
                talking[answered] = user_of(row[4:])
                answered = None
        return talking

    def talking_to(self):
        return sorted(self.lines().values())

    def wait_for(self, predicate, what, timeout=20):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if predicate(self):
                return
            time.sleep(0.3)
        raise AssertionError("twinkle %s: %s never happened; talking to"
                             " %r; it said:\n%s" % (
                                 self.user, what, self.lines(),
                                 self.text()[-1200:]))

    def wait_talking(self, user, timeout=20):
        """Only one call, with USER, answered and not ended."""
        self.wait_for(lambda p: p.talking_to() == [user],
                      "one call, talking to %s" % user, timeout)

    def call(self, uri):
        self.cmd("call " + uri)

    def hangup(self):
        self.cmd("bye")
