#!/usr/bin/env python3
"""The fault matrix: each operation of the receptionist under each fault,
judged on the office side (who talks to whom, who is held) and on the
console's screen (a flagged recall line R, the calls pane listing exactly
the calls the offices have with the console), the console still running.

Two offices: the caller ACME lives in office A, the colleagues Alice
(201), Bob Stone (202) in office B, so B can be SIGKILLed or SIGSTOPped
while ACME stays reachable.

Columns (operations):
  t  blind transfer to a colleague
  c  consult, then T completes
  m  consult, m merges into a conference, L leaves it to the others
  p  p parks ACME, a colleague calls park-1 to pick it up
  i  i pages Bob Stone (auto-answer), then T completes
  g  t sales: the console rings the ring group's members itself

Cells that do not apply ("-"):
  busy / no answer / 404 / 503 under m and p: a conference starts from an
    answered consult (the refusal is the c cell), and a pick-up is a call
    the colleague makes, which nobody refuses.
  404 / 503 under g: the group's members are the configured extensions.
  no answer under c and i: the operator hears the ringing and decides
    (Esc, x); the console does not give up on a ringing consult or page.
  REFER 405/501 and NOTIFY never arrives under i: the page completes
    with the same REFER as c; under g: the member answering makes the
    same REFER as p's pick-up.
  killed under t and g: office B is stopped before the operation there
    (stops answering): a phone that died before it rang is the same
    silence. Killed under p is mid pick-up (right after the colleague
    dialled park-1); stops answering under p: a stopped phone cannot
    dial park-1.
  garbage under i: the same console states as c (a consult leg up).

Garbage is sent while the operation is in progress, which then completes:
the well-formed torture INVITEs ring on the console as calls from
"mallory" (an address nobody listens on); the screen check allows those
rows as RING offers and the next case rejects them.

The console learns of a vanished colleague by an RTP timeout (30 s,
written by the launcher) or a SIP timeout: those cases wait up to a
minute each; the whole suite takes about 5 minutes.
"""

import os
import re
import signal
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from console import (Cases, Console, colleague_extensions,  # noqa: E402
                     answer_caller, expect)
from office import (Office, OfficeError, calls, office_spec,  # noqa: E402
                    only, write_office)
from faults_garbage import garbage, send_udp  # noqa: E402

ACME = "+3315551234"
RTP_TIMEOUT = 30    # the launcher's rtp_timeout (src/app/files.c)
PARK_TIMEOUT = 10
RECALL_AFTER = 5
SLOW = RTP_TIMEOUT + PARK_TIMEOUT + 40    # a vanished peer, generously

CONSOLE_CONFIG = """
intercom { method = "call-info" }
park { slots = 4 timeout = %d uri_prefix = "park-" }
group "sales" { name = "Sales" members = { "201", "202" }
                strategy = "all" ring_time = 6 }
transfer { recall_after = %d }
""" % (PARK_TIMEOUT, RECALL_AFTER)

OPS = ["t", "c", "m", "p", "i", "g"]
ROW = re.compile(r"^\s*(\d+) (.) (.*?)\s+(\d+:\d\d) (\S+)\s*$")


class Desk:
    """Office A (the caller), office B (the colleagues) and the console."""

    def __init__(self, a, b, spec_b, con):
        self.a, self.b, self.spec_b, self.con = a, b, spec_b, con
        self.b_alive = True

    # -- office B's life ----------------------------------------------------

    def kill_b(self):
        self.b.proc.send_signal(signal.SIGKILL)
        self.b.proc.wait()
        self.b.sock.close()
        self.b.sock = None
        self.b_alive = False

    def stop_b(self):
        self.b.proc.send_signal(signal.SIGSTOP)
        self.b_alive = False

    def restore_b(self):
        if self.b.proc.poll() is None and not self.b_alive:
            self.b.proc.send_signal(signal.SIGCONT)
            self.b_alive = True
        if self.b.proc.poll() is not None:
            self.b.sock = None
            for _ in range(20):     # its ports free up as soon as it died
                try:
                    self.b.start()
                    break
                except OfficeError:
                    time.sleep(0.5)
            self.b_alive = True
        for uid in ("201", "202"):
            self.b.cmd("office_hangup", uid, check=False)
        self.b.cmd("office_set", "201 answer=manual refer=accept")
        self.b.cmd("office_set", "202 answer=intercom refer=accept")

    # -- who talks to whom --------------------------------------------------

    def statuses(self):
        return self.a.status(), (self.b.status() if self.b_alive else None)

    def acme_with(self, st_a, st_b, ext):
        """ACME (office A) and EXT (office B) talk, seen from both ends."""
        ends = [c for c in calls(st_a, "acme") if c["state"] ==
                "established" and c["peer_user"] == ext]
        if not ends or st_b is None:
            return False
        return any(c["state"] == "established" and c["peer_user"] == ACME
                   and c["callid"] == ends[0]["callid"]
                   for c in calls(st_b, ext))

    def with_console(self, call):
        """CALL's peer is the console: reception, or any user (park-1)
        at the console's address."""
        return call["peer_user"] == "reception" or \
            call["peer"].split("@")[-1].split(";")[0] == \
            "127.0.0.1:%d" % self.con.port

    def acme_console_call(self, st_a):
        cs = [c for c in calls(st_a, "acme") if self.with_console(c)]
        return cs[0] if len(cs) == 1 else None

    # -- the screen ---------------------------------------------------------

    def rows(self, scr):
        """The calls pane (the first box of the screen) as (id, mark,
        name, tag) tuples."""
        out = []
        for line in scr.splitlines()[1:]:
            if line.startswith("└"):
                break
            cells = line.split("│")
            m = ROW.match(cells[1]) if len(cells) > 2 else None
            if m:
                out.append((int(m.group(1)), m.group(2), m.group(3).strip(),
                            m.group(5)))
        return out

    def ghosts(self, scr):
        """Rows of calls the garbage offered (From: mallory): well-formed
        enough to ring, from an address nobody listens on."""
        return [r for r in self.rows(scr) if r[2] == "mallory"]

    def console_calls(self, st_a, st_b):
        n = sum(1 for c in calls(st_a, "acme") if self.with_console(c))
        if st_b is not None:
            n += sum(1 for u in ("201", "202") for c in calls(st_b, u)
                     if self.with_console(c))
        return n

    def consistent(self, scr, st_a, st_b):
        """The calls pane lists as many calls as the offices have with
        the console, and ACME's row agrees with ACME's hold state."""
        m = re.search(r"Calls \((\d+)", scr)
        ghosts = self.ghosts(scr)
        if any(g[3] != "RING" for g in ghosts):
            return False
        if not m or int(m.group(1)) - len(ghosts) != \
                self.console_calls(st_a, st_b):
            return False
        call = self.acme_console_call(st_a)
        acme_rows = [r for r in self.rows(scr) if r[2].startswith("ACME")]
        if call is None:
            return not acme_rows
        if len(acme_rows) != 1:
            return False
        held_tag = acme_rows[0][3] in ("HOLD",) or acme_rows[0][3].startswith(
            "PK")
        return held_tag == bool(call["held_by_peer"])

    # -- the judgement ------------------------------------------------------

    def settle(self, outcome, timeout=30, held_ok=False):
        """Waits until OUTCOME holds with the screen consistent:
        ("with", EXT): ACME talks to EXT directly (or through a console
        bridge when bridged); "back": ACME is with the console, flagged R
        (off hold unless HELD_OK); "talking": ACME talks to the console
        (a conference that lost a leg). Raises with what was seen."""
        deadline = time.monotonic() + timeout
        seen = ""
        while True:
            expect(self.con.running(), "the console exited: %s"
                   % self.con.exit_status())
            st_a, st_b = self.statuses()
            scr = self.con.screen()
            ok = self.consistent(scr, st_a, st_b)
            call = self.acme_console_call(st_a)
            row = [r for r in self.rows(scr) if r[2].startswith("ACME")]
            if outcome == "back":
                ok = ok and call and call["state"] == "established" and \
                    (held_ok or not call["held_by_peer"]) and row and \
                    row[0][1] == "R"
            elif outcome == "talking":
                ok = ok and call and call["state"] == "established" and \
                    not call["held_by_peer"]
            elif outcome[0] == "with":
                ok = ok and self.acme_with(st_a, st_b, outcome[1])
            elif outcome[0] == "bridged":
                ext = outcome[1]
                ok = ok and call and not call["held_by_peer"] and any(
                    self.with_console(c) and c["state"] ==
                    "established" and not c["held_by_peer"]
                    for c in calls(st_b, ext)) and row and row[0][3] == "BRDG"
            if ok:
                return scr
            seen = "screen:\n%s\nACME: %r\nB: %r" % (
                scr, calls(st_a, "acme"),
                st_b and [(u, calls(st_b, u)) for u in ("201", "202")])
            if time.monotonic() > deadline:
                raise AssertionError("not %r after %ss; %s\n%s" % (
                    outcome, timeout, seen, self.con.log_tail(15)))
            time.sleep(0.2)

    def quiet(self):
        self.restore_b()
        self.a.cmd("office_hangup", "acme", check=False)
        self.a.cmd("office_set", "acme refer=accept transfer_timeout=30")
        for _ in range(60):     # and the garbage's ringing calls
            if "Calls (0)" in self.con.screen():
                break
            self.con.keys("Escape")
            self.con.keys("x")
            time.sleep(0.3)
        self.con.wait_screen("Calls (0)", timeout=SLOW)
        self.a.wait_for(lambda st: not calls(st, "acme"), what="ACME idle")
        self.b.wait_for(lambda st: not calls(st, "201") and
                        not calls(st, "202"), what="colleagues idle")


# -- the operations ---------------------------------------------------------
# Each returns once the fault has had its chance; FAULT(desk) is called at
# the operation's middle (a consult or conference up, a park taken).

def state_of(st, ext):
    """The state of EXT's one call, None while it has none (or two)."""
    c = only(st, ext)
    return c["state"] if c else None


def ringing(st, ext):
    return state_of(st, ext) == "incoming"


def dial(desk, op, ext):
    """The operation's key (g is t to a group), then the target."""
    desk.con.keys("t" if op == "g" else op)
    desk.con.type(ext)
    desk.con.keys("Enter")


def consult_up(desk, ext="201"):
    dial(desk, "c", ext)
    desk.b.wait_for(lambda st: ringing(st, ext), what="%s to ring" % ext)
    desk.b.cmd("office_answer", ext)
    desk.b.wait_for(lambda st: state_of(st, ext) == "established",
                    what="%s to answer" % ext)
    desk.con.wait_screen("CONS")


def op_t(desk, middle):
    dial(desk, "t", "202")
    middle(desk)


def op_c(desk, middle):
    consult_up(desk)
    middle(desk)
    desk.con.keys("T")


def op_m(desk, middle):
    consult_up(desk)
    desk.con.keys("m")
    desk.con.wait_screen("CONF")
    middle(desk)
    desk.con.keys("L")


def op_p(desk, middle):
    desk.con.keys("p")
    desk.con.wait_screen("PK1")
    desk.b.cmd("office_call", "201 %s" % desk.con.uri.replace(
        "sip:reception@", "sip:park-1@"))
    middle(desk)


def op_i(desk, middle):
    dial(desk, "i", "202")
    desk.b.wait_for(lambda st: state_of(st, "202") == "established",
                    what="202 to answer the page")
    desk.con.wait_screen("PAGE")
    middle(desk)
    desk.con.keys("T")


def op_g(desk, middle):
    dial(desk, "t", "sales")
    middle(desk)


OPERATIONS = {"t": op_t, "c": op_c, "m": op_m, "p": op_p, "i": op_i,
              "g": op_g}
TARGET = {"t": "202", "c": "201", "m": "201", "p": "201", "i": "202",
          "g": "201"}


def nothing(desk):
    pass


# -- the faults ---------------------------------------------------------------
# Each row: (name, {op: case}); a case is fn(desk, op).

def refused(setting):
    """Both colleagues answer as SETTING says (busy, 503, never): ACME
    comes back to the console, flagged."""
    def case(desk, op):
        for ext in ("201", "202"):
            desk.b.cmd("office_set", "%s %s" % (ext, setting))
        dial(desk, op, "sales" if op == "g" else TARGET[op])
        desk.settle("back", timeout=40)
    return case


def unknown_target(desk, op):
    """404: the target does not exist in office B."""
    dial(desk, op, "sip:nobody@" + desk.spec_b["listen"])
    desk.settle("back", timeout=30)


def refer_refused(mode):
    """ACME refuses the REFER: with the console, flagged, or (a
    conference left, a pick-up) bridged by the console."""
    def case(desk, op):
        desk.a.cmd("office_set", "acme refer=%s" % mode)
        OPERATIONS[op](desk, nothing)
        if op == "t":
            desk.settle("back")
        elif op == "c":
            desk.settle("back", held_ok=True)
        else:
            desk.settle(("bridged", TARGET[op]))
    return case


def notify_never(desk, op):
    """ACME accepts the REFER with 202 and then says nothing."""
    desk.a.cmd("office_set", "acme refer=silent")
    OPERATIONS[op](desk, nothing)
    if op == "t":
        desk.settle("back", timeout=RECALL_AFTER + 30)
    elif op == "c":
        desk.settle("back", timeout=RECALL_AFTER + 30, held_ok=True)
    else:
        desk.settle(("bridged", TARGET[op]), timeout=RECALL_AFTER + 30)


def vanished(how):
    """Office B dies (SIGKILL) or stops answering (SIGSTOP) in the middle
    of the operation: ACME ends back with the console, flagged, or (a
    conference) still talking to it."""
    def case(desk, op):
        fault = desk.kill_b if how == "kill" else desk.stop_b
        if op == "c":
            consult_up(desk)
            fault()
        elif op == "m":
            consult_up(desk)
            desk.con.keys("m")
            desk.con.wait_screen("CONF")
            fault()
        elif op == "i":
            dial(desk, "i", "202")
            desk.b.wait_for(lambda st: state_of(st, "202") ==
                            "established", what="202 to answer the page")
            fault()
        elif op == "p":
            op_p(desk, lambda d: fault())
        elif op == "t":
            fault()
            desk.a.cmd("office_set", "acme transfer_timeout=3")
            dial(desk, "t", "202")
        elif op == "g":
            fault()
            dial(desk, "t", "sales")
        desk.settle("talking" if op == "m" else "back", timeout=SLOW)
    return case


def noisy(desk, op):
    """Garbage at the console's SIP port in the middle of the operation,
    which then completes: ACME talks to the target."""
    def throw(d):
        for _, data in garbage(d.con.uri):
            send_udp(d.con.port, data)
        time.sleep(1)
        expect(d.con.running(), "the console survived the garbage")
    if op == "p":
        desk.con.keys("p")
        desk.con.wait_screen("PK1")
        throw(desk)
        desk.b.cmd("office_call", "201 %s" % desk.con.uri.replace(
            "sip:reception@", "sip:park-1@"))
    elif op == "m":
        op_m(desk, throw)
    elif op == "t":
        desk.b.cmd("office_set", "202 answer=auto delay=0")
        op_t(desk, throw)
    else:
        OPERATIONS[op](desk, throw)
    if op == "g":
        desk.b.wait_for(lambda st: ringing(st, "201"), what="201 to ring")
        desk.b.cmd("office_answer", "201")
    desk.settle(("with", TARGET[op]), timeout=30)


MATRIX = [
    ("target busy", {o: refused("answer=busy") for o in "tcig"}),
    ("no answer", {o: refused("answer=noanswer") for o in "tg"}),
    ("404", {"t": unknown_target, "c": unknown_target,
             "i": unknown_target}),
    ("503", {o: refused("answer=reject reject_code=503 delay=0")
             for o in "tci"}),
    ("REFER 405", {o: refer_refused("reject405") for o in "tcmp"}),
    ("REFER 501", {o: refer_refused("reject501") for o in "tcmp"}),
    ("NOTIFY never arrives", {o: notify_never for o in "tcmp"}),
    ("office killed", {o: vanished("kill") for o in "cmpi"}),
    ("office stops answering", {o: vanished("stop") for o in "tcmig"}),
    ("garbage on SIP port", {o: noisy for o in "tcmpg"}),
]


def run_cell(desk, op, case):
    desk.quiet()
    answer_caller(desk.a, desk.con)
    desk.con.wait_screen("TALK")
    case(desk, op)


def main():
    only_rows = os.environ.get("FAULTS_ONLY")    # e.g. "404,garbage"
    cases = Cases()
    results = {}
    with tempfile.TemporaryDirectory(prefix="cordboard-faults-") as tmp:
        spec_a = office_spec(callers={"acme": {
            "name": "ACME Corp", "number": ACME, "tone": 440}})
        spec_b = office_spec(colleagues={
            "201": {"name": "Alice Martin", "answer": "manual",
                    "tone": 880},
            "202": {"name": "Bob Stone", "answer": "intercom",
                    "tone": 660}})
        con = Console(tmp, extensions=colleague_extensions(spec_b["listen"]),
                      extra_config=CONSOLE_CONFIG)
        spec_a["console"] = spec_b["console"] = con.uri
        office_a = Office(write_office(tmp, spec_a, "a.office"))
        office_b = Office(write_office(tmp, spec_b, "b.office"))
        with office_a, office_b, con:
            desk = Desk(office_a, office_b, spec_b, con)
            for fault, row in MATRIX:
                if only_rows and not any(w in fault for w in
                                         only_rows.split(",")):
                    continue
                for op in OPS:
                    if op not in row:
                        continue
                    before = cases.passed
                    cases.run("%s / %s" % (fault, op), run_cell, desk, op,
                              row[op])
                    results[(fault, op)] = (cases.passed - before, 1)
                    expect(con.running(), "the console is running")
            desk.restore_b()
        print_matrix(results)
    return cases.finish()


def print_matrix(results):
    width = max(len(f) for f, _ in MATRIX) + 2
    print("fault matrix (passed/run; - does not apply):")
    print(" " * width + "".join("%6s" % o for o in OPS))
    for fault, row in MATRIX:
        cells = []
        for op in OPS:
            if (fault, op) in results:
                ok, n = results[(fault, op)]
                cells.append("%6s" % ("%d/%d" % (ok, n)))
            else:
                cells.append("%6s" % "-")
        print(fault.ljust(width) + "".join(cells))
    sys.stdout.flush()


if __name__ == "__main__":
    sys.exit(main())
