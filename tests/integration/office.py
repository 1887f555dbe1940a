"""Drive the simulated office (cordboard-office) from integration tests.

Stdlib only. The office is a baresip process hosting callers and
colleagues on loopback; it is steered by office_* commands over
baresip's ctrl_tcp (netstring-framed JSON, one client at a time).

    spec = office_spec(callers={"acme": {"number": "+3315551234"}},
                       colleagues={"201": {"answer": "manual"}})
    with Office(write_office(tmpdir, spec)) as office:
        office.cmd("office_call", "acme sip:201@" + spec["listen"])
        office.wait_for(lambda st: calls(st, "201"), what="201 rings")

Strings in office_status are byte strings carried as U+0000..U+00FF:
raw(s) gives the bytes that were on the wire.

Who talks to whom: talking(st, "acme", "201") is true when acme and 201
each have an established call whose peer_user is the other one.
Who hears whom: every UA sends its own sine tone (tone = 0: silence);
hears(st, "acme") is the list of the office's tones acme's established
call received over the last 0.5 s, e.g. [880] while it talks to 201.
replaces(call) builds the escaped Refer-To ?Replaces= of a dialog from
the status of one of its ends.

Presence and dialog state: every UA is a notifier (subs(st, "201") are
its subscribers); office_subscribe makes one UA a subscriber of another
(watches(st, "x") keep the NOTIFY bodies it got). pidf_read and
dialog_read take a body apart the way the console's reader does
(src/core/events_xml.c), so a test asserts what the board would show.
"""

import atexit
import itertools
import json
import os
import random
import signal
import socket
import subprocess
import sys
import time
import xml.etree.ElementTree as ET

__all__ = [
    "Office", "OfficeError", "office_binary", "build_root", "free_port",
    "office_spec", "write_office", "ua", "calls", "only", "ended", "raw", "text",
    "user_of", "established", "talking", "replaces_param", "refers_out",
    "refers_in", "hears", "level_db", "subs", "subs_ended", "watches",
    "watch", "pidf_read", "dialog_read",
]

_live = set()


class OfficeError(Exception):
    """The office failed to start, answer or reach a state in time."""


def build_root():
    """The meson build dir: $CORDBOARD_BUILD_ROOT, else a guess."""
    env = os.environ.get("CORDBOARD_BUILD_ROOT")
    if env:
        return env
    here = os.path.dirname(os.path.abspath(__file__))
    source = os.path.dirname(os.path.dirname(here))
    for name in sorted(os.listdir(source)):
        cand = os.path.join(source, name)
        if os.path.isfile(os.path.join(cand, "src", "office",
                                       "cordboard-office")):
            return cand
    raise OfficeError("cannot find the build dir: set CORDBOARD_BUILD_ROOT")


def office_binary():
    return os.path.join(build_root(), "src", "office", "cordboard-office")


def _port_free(port, udp=True):
    kinds = [socket.SOCK_STREAM] + ([socket.SOCK_DGRAM] if udp else [])
    for kind in kinds:
        with socket.socket(socket.AF_INET, kind) as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                return False
    return True


_taken = set()


def free_port(span=1):
    """A loopback port P with P..P+span-1 free for TCP and UDP.
    sip_listen needs span=2 (TLS binds P+1). Never returns a port twice
    in one process; random so parallel test processes rarely collide."""
    rng = random.Random()
    for _ in range(500):
        port = rng.randrange(20000, 60000, 10)
        ports = range(port, port + span)
        if any(p in _taken for p in ports):
            continue
        if all(_port_free(p) for p in ports):
            _taken.update(ports)
            return port
    raise OfficeError("no free loopback port found")


def office_spec(callers=None, colleagues=None, console=None, demo=None,
                record_dir="", voicemails=None, tones=None, registrar=None):
    """An office description as a dict, with fresh ports. TONES: extra
    frequencies the office listens for besides each person's tone.
    REGISTRAR ("127.0.0.1:PORT"): everyone registers and publishes
    presence there, and their addresses are sip:USER@REGISTRAR."""
    spec = {
        "listen": "127.0.0.1:%d" % free_port(2),
        "ctrl": "127.0.0.1:%d" % free_port(1),
        "console": console or "sip:reception@127.0.0.1:%d" % free_port(2),
        "record_dir": record_dir,
        "callers": callers or {},
        "colleagues": colleagues or {},
        "voicemails": voicemails or {},
    }
    if demo:
        spec["demo"] = demo
    if tones:
        spec["tones"] = list(tones)
    if registrar:
        spec["registrar"] = registrar
    return spec


def _value(v):
    if isinstance(v, int):
        return str(v)
    if isinstance(v, (list, tuple)):
        return "{%s}" % ", ".join(_value(x) for x in v)
    return json.dumps(str(v), ensure_ascii=False)


def _section(kind, title, opts):
    body = " ".join("%s = %s" % (k, _value(v)) for k, v in opts.items())
    head = kind if title is None else "%s %s" % (kind, _value(title))
    return "%s { %s }\n" % (head, body)


def write_office(directory, spec, name="test.office"):
    """Writes SPEC (see office_spec) as an office file; returns its path."""
    lines = ["# written by tests/integration/office.py\n"]
    for key in ("listen", "ctrl", "console", "record_dir", "tones",
                "registrar"):
        if key in spec:
            lines.append("%s = %s\n" % (key, _value(spec[key])))
    for cid, opts in spec.get("callers", {}).items():
        lines.append(_section("caller", cid, opts))
    for ext, opts in spec.get("colleagues", {}).items():
        lines.append(_section("colleague", ext, opts))
    for box, opts in spec.get("voicemails", {}).items():
        lines.append(_section("voicemail", box, opts))
    if spec.get("demo"):
        lines.append(_section("demo", None, spec["demo"]))
    path = os.path.join(directory, name)
    with open(path, "w", encoding="utf-8") as f:
        f.writelines(lines)
    return path


def ua(st, uid):
    """The UA entry of office_status for id, number or extension UID."""
    for entry in st["uas"]:
        if entry["id"] == uid or entry["aor"].startswith("sip:%s@" % uid):
            return entry
    raise OfficeError("no UA %r in the office status" % uid)


def calls(st, uid):
    return ua(st, uid)["calls"]


def only(st, uid):
    """UID's one call, or None when it has none or several."""
    cs = calls(st, uid)
    return cs[0] if len(cs) == 1 else None


def ended(st, uid):
    return ua(st, uid)["ended"]


def user_of(st, uid):
    """The SIP user part of a UA: its number, extension or box id."""
    aor = ua(st, uid)["aor"]
    return aor[len("sip:"):aor.index("@")]


def established(st, uid):
    return [c for c in calls(st, uid) if c["state"] == "established"]


def _in_office(st, uid):
    return any(u["id"] == uid or u["aor"].startswith("sip:%s@" % uid)
               for u in st["uas"])


def talking(st, a, b):
    """A and B (ids, numbers or extensions) have an established call
    with each other, seen from both ends: the same Call-ID, each end's
    peer_user the other one. B may be a user outside the office
    ("reception"): then only A's end is looked at."""
    ub = user_of(st, b) if _in_office(st, b) else b
    ends_a = [c for c in established(st, a) if c["peer_user"] == ub]
    if not _in_office(st, b):
        return bool(ends_a)
    ua_ = user_of(st, a)
    ends_b = [c for c in established(st, b) if c["peer_user"] == ua_]
    return any(c["callid"] == e["callid"] for c in ends_b for e in ends_a)


def _heard_call(st, uid, peer_user):
    """UID's established call (to PEER_USER, an id, number or any SIP
    user, if given); OfficeError unless there is exactly one."""
    ends = established(st, uid)
    if peer_user is not None:
        peer = user_of(st, peer_user) if _in_office(st, peer_user) \
            else peer_user
        ends = [c for c in ends if c["peer_user"] == peer]
    if len(ends) != 1:
        raise OfficeError("%s has %d established calls%s" % (
            uid, len(ends), " to %s" % peer_user if peer_user else ""))
    return ends[0]


def hears(st, uid, peer_user=None):
    """The tones (Hz, ascending) UID's established call (the only one,
    or the one to PEER_USER) heard over the last 0.5 s."""
    return _heard_call(st, uid, peer_user)["hears"]


def level_db(st, uid, peer_user=None):
    """What that call received over the last 0.5 s, in dBov (-96.0:
    nothing at all)."""
    return _heard_call(st, uid, peer_user)["level_db"]


def _escape(s):
    """RFC 3891 escaping of a Replaces value inside a URI header."""
    return (s.replace("%", "%25").replace("@", "%40").replace(";", "%3B")
            .replace("=", "%3D").replace("?", "%3F").replace("&", "%26")
            .replace(" ", "%20"))


def replaces_param(call):
    """The ?Replaces= part naming CALL's dialog (a call entry of the
    status, seen from the end that will be replaced: to-tag is its own
    tag, from-tag the peer's)."""
    return "Replaces=" + _escape("%s;to-tag=%s;from-tag=%s" % (
        call["callid"], call["local_tag"], call["remote_tag"]))


def refers_out(st, uid):
    return ua(st, uid)["refers_out"]


def refers_in(st, uid):
    return ua(st, uid)["refers_in"]


def subs(st, uid):
    """Who subscribes to UID's presence or dialog state, live."""
    return ua(st, uid)["subs"]


def subs_ended(st, uid):
    """UID's subscriptions that ended (the last few), oldest first."""
    return ua(st, uid)["subs_ended"]


def watches(st, uid):
    """The subscriptions UID made (office_subscribe), oldest first."""
    return ua(st, uid)["watches"]


def watch(st, uid, event, uri=None):
    """UID's latest subscription to EVENT (of URI), or None."""
    ws = [w for w in watches(st, uid) if w["event"] == event
          and (uri is None or w["uri"] == uri)]
    return ws[-1] if ws else None


def _local(tag):
    return tag.rsplit("}", 1)[-1]


def _find(el, name):
    """The first element called NAME (any namespace) below EL."""
    for e in el.iter():
        if e is not el and _local(e.tag) == name:
            return e
    return None


def _text(el):
    return "".join(el.itertext()).strip() if el is not None else ""


def _xml(body):
    """A status string of a NOTIFY body, parsed (raises if not XML)."""
    return ET.fromstring(raw(body) if isinstance(body, str) else body)


def pidf_read(body):
    """(presence, note) of a PIDF body as the console reads it: presence
    is available, away, busy, dnd, offline or unknown."""
    root = _xml(body)
    if _local(root.tag) != "presence":
        raise OfficeError("not a PIDF document: %r" % body[:200])
    basic = _text(_find(root, "basic"))
    pres = {"open": "available", "closed": "offline"}.get(basic, "unknown")
    act = _find(root, "activities")
    if act is not None and pres != "offline":
        names = {_local(e.tag) for e in act.iter() if e is not act}
        for state, words in [("away", {"away", "vacation", "lunch",
                                       "travel"}),
                             ("busy", {"busy", "on-the-phone", "meeting",
                                       "appointment"}),
                             ("dnd", {"do-not-disturb", "dnd"})]:
            if names & words:
                pres = state
                break
    return pres, _text(_find(root, "note"))


def dialog_read(body):
    """A dialog-info body as a dict: version (int), state ("full"),
    dialogs [{id, call_id, local_tag, remote_tag, direction, state,
    held (local target +sip.rendering=no), remote, remote_display}] and
    line: what the console shows (idle, ringing, incall, held)."""
    root = _xml(body)
    if _local(root.tag) != "dialog-info":
        raise OfficeError("not a dialog-info document: %r" % body[:200])
    info = {"version": int(root.get("version")), "state": root.get("state"),
            "dialogs": []}
    ranks = {"incall": 4, "ringing": 3, "held": 2, "idle": 1}
    line = "idle"
    for d in root:
        if _local(d.tag) != "dialog":
            continue
        local = _find(d, "local")
        held = any(_local(t.tag) == "target" and any(
            _local(p.tag) == "param" and p.get("pname") == "+sip.rendering"
            and p.get("pval") == "no" for p in t)
            for t in (local if local is not None else []))
        remote = _find(d, "remote")
        ident = _find(remote, "identity") if remote is not None else None
        state = _text(_find(d, "state"))
        info["dialogs"].append({
            "id": d.get("id"), "call_id": d.get("call-id"),
            "local_tag": d.get("local-tag"),
            "remote_tag": d.get("remote-tag"),
            "direction": d.get("direction"), "state": state, "held": held,
            "remote": _text(ident),
            "remote_display": ident.get("display") if ident is not None
            else None})
        seen = {"confirmed": "held" if held else "incall", "trying":
                "ringing", "proceeding": "ringing", "early": "ringing",
                "terminated": "idle"}.get(state)
        if seen and ranks[seen] > ranks[line]:
            line = seen
    info["line"] = line
    return info


def raw(s):
    """The bytes a status string stands for."""
    return s.encode("latin-1")


def text(s):
    """A status string as the UTF-8 text it usually is ("Zoë")."""
    return raw(s).decode("utf-8", "replace")


def _exit_on_sigterm():
    """A test killed with SIGTERM (meson's timeout) still runs its finally
    blocks and atexit, so its offices stop too."""
    if signal.getsignal(signal.SIGTERM) == signal.SIG_DFL:
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))


def _stop_all():
    for office in list(_live):
        office.stop()


atexit.register(_stop_all)


class Office:
    """One cordboard-office process and its ctrl_tcp connection."""

    def __init__(self, office_file=None, log=None):
        self.office_file = office_file
        self.log = log
        self.proc = None
        self.sock = None
        self.buf = b""
        self.events = []
        self.ctrl = None
        self._tokens = itertools.count(1)

    # -- lifetime ---------------------------------------------------------

    def __enter__(self):
        if not self.proc:
            self.start()
        return self

    def __exit__(self, *exc):
        self.stop()
        return False

    def start(self, office_file=None, log=None, timeout=20):
        self.office_file = office_file or self.office_file
        self.log = log or self.log or self.office_file + ".log"
        _exit_on_sigterm()
        self.ctrl = self._ctrl_addr(self.office_file)
        logf = open(self.log, "ab")
        try:
            self.proc = subprocess.Popen(
                [office_binary(), self.office_file, "--log", self.log],
                stdin=subprocess.DEVNULL, stdout=logf, stderr=logf)
        finally:
            logf.close()
        _live.add(self)
        try:
            self._connect(timeout)
            self.status()
        except Exception:
            self.stop()
            raise
        return self

    @staticmethod
    def _ctrl_addr(path):
        with open(path, encoding="utf-8") as f:
            for line in f:
                key, _, val = line.partition("=")
                if key.strip() == "ctrl":
                    host, _, port = val.strip().strip('"').rpartition(":")
                    return host, int(port)
        return "127.0.0.1", 5099

    def _connect(self, timeout):
        deadline = time.monotonic() + timeout
        while True:
            if self.proc.poll() is not None:
                raise OfficeError("office exited with %s before its "
                                  "control port opened\n%s"
                                  % (self.proc.returncode, self.log_tail()))
            try:
                self.sock = socket.create_connection(self.ctrl, timeout=2)
                return
            except OSError:
                if time.monotonic() > deadline:
                    raise OfficeError("office control port %s:%d not open "
                                      "after %ds\n%s" % (self.ctrl + (
                                          timeout, self.log_tail())))
                time.sleep(0.1)

    def stop(self, timeout=15):
        """SIGTERM (baresip's graceful stop), SIGKILL after TIMEOUT s."""
        _live.discard(self)
        if self.sock:
            self.sock.close()
            self.sock = None
        if not self.proc or self.proc.poll() is not None:
            return
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()

    def log_tail(self, n=40):
        try:
            with open(self.log, "rb") as f:
                lines = f.read().decode("utf-8", "replace").splitlines()
        except OSError:
            return "(no log)"
        return "--- %s (last %d lines) ---\n%s" % (
            self.log, n, "\n".join(lines[-n:]))

    # -- ctrl_tcp ---------------------------------------------------------

    def _frame(self, deadline):
        while True:
            colon = self.buf.find(b":")
            if colon > 0:
                size = int(self.buf[:colon])
                end = colon + 1 + size
                if len(self.buf) > end:
                    if self.buf[end:end + 1] != b",":
                        raise OfficeError("bad netstring from ctrl_tcp")
                    data = self.buf[colon + 1:end]
                    self.buf = self.buf[end + 1:]
                    return json.loads(data.decode("utf-8", "replace"))
            left = deadline - time.monotonic()
            if self.proc and self.proc.poll() is not None:
                raise OfficeError("office exited with %s\n%s" % (
                    self.proc.returncode, self.log_tail()))
            if left <= 0:
                raise OfficeError("no answer from the office\n"
                                  + self.log_tail())
            self.sock.settimeout(min(left, 0.5))
            try:
                chunk = self.sock.recv(65536)
            except socket.timeout:
                continue
            if not chunk:
                raise OfficeError("office closed the control connection\n"
                                  + self.log_tail())
            self.buf += chunk

    def cmd(self, name, params="", check=True, timeout=10):
        """Runs one command; returns its text. Raises OfficeError when it
        fails (unless check=False)."""
        if not self.sock:
            raise OfficeError("office is not running")
        token = str(next(self._tokens))
        msg = {"command": name, "token": token}
        if params:
            msg["params"] = params
        data = json.dumps(msg).encode()
        self.sock.sendall(b"%d:%s," % (len(data), data))
        deadline = time.monotonic() + timeout
        while True:
            frame = self._frame(deadline)
            if frame.get("event"):
                self.events.append(frame)
                del self.events[:-200]
                continue
            if frame.get("response") and frame.get("token") == token:
                if check and not frame.get("ok"):
                    raise OfficeError("%s %s: %s" % (name, params,
                                                     frame.get("data")))
                return frame.get("data", "")

    def status(self):
        text = self.cmd("office_status")
        try:
            return json.loads(text)
        except ValueError:
            raise OfficeError("office_status is not JSON: %r" % text[:300])

    def wait_for(self, predicate, timeout=20, what="the office"):
        """Polls office_status until PREDICATE(status) is true; returns
        that value. On timeout raises with the last status."""
        deadline = time.monotonic() + timeout
        st = None
        while True:
            st = self.status()
            try:
                result = predicate(st)
            except (KeyError, IndexError, OfficeError):
                result = None
            if result:
                return result
            if time.monotonic() > deadline:
                raise OfficeError("timed out after %ss waiting for %s; "
                                  "last status:\n%s" % (
                                      timeout, what,
                                      json.dumps(st, indent=1)[:6000]))
            time.sleep(0.1)
