"""The soak's rounds: a caller calls the console, the operator works the
call through the control socket, one operation at a time, each waiting
for the event that says it happened; then everyone hangs up and both
sides must be empty."""

import collections
import time

from soak_ctl import OpTimeout

OP_TIMEOUT = 15       # generous: the machine is shared
QUIET_TIMEOUT = 20


class OpFailed(Exception):
    """The console refused an operation (an error reply)."""


def is_ev(name, line=None, **fields):
    def pred(ev):
        if ev.get("event") != name:
            return False
        if line is not None and ev.get("line") != line:
            return False
        return all(ev.get(k) == v for k, v in fields.items())
    return pred


class Soak:
    def __init__(self, ctl, office, console_uri, callers, colleagues):
        self.ctl, self.office = ctl, office
        self.console_uri = console_uri
        self.numbers = {k: v["number"] for k, v in callers.items()}
        self.callers, self.colleagues = list(callers), colleagues
        self.t0 = time.monotonic()
        self.ops = 0
        self.rounds = 0
        self.count = collections.Counter()
        self.lat = collections.defaultdict(list)
        self.findings = []
        self.no_lines_query = False
        self.stuck = 0
        self.placed = 0           # office_call to the console
        self.office_ended = set()  # Call-IDs of those calls, ended

    # -- one operation ------------------------------------------------------

    def op(self, name, line, pred, what):
        since = self.ctl.mark()
        t0 = time.monotonic()
        reply = self.ctl.send(line, timeout=OP_TIMEOUT)
        if reply.get("reply") != "ok":
            raise OpFailed("%s: %s" % (line, reply.get("text")))
        t, ev = self.ctl.wait_event(pred, since, OP_TIMEOUT, what)
        self.lat[name].append(t - t0)
        self.count[name] += 1
        self.ops += 1
        return ev

    def call_in(self, caller):
        since = self.ctl.mark()
        self.office.cmd("office_call", "%s %s" % (caller, self.console_uri))
        self.placed += 1
        _, ev = self.ctl.wait_event(
            lambda e: e.get("event") == "line_offered" and
            e.get("number") == self.office_number(caller), since,
            OP_TIMEOUT, "%s to ring at the console" % caller)
        return ev["line"]

    def office_number(self, caller):
        return self.numbers[caller]

    @property
    def closed_in(self):
        return self.ctl.counts["line_closed in"]

    @property
    def closed_out(self):
        return self.ctl.counts["line_closed out"]

    @property
    def transferred(self):
        return self.ctl.counts["transferred"]

    # -- the operations -----------------------------------------------------

    def answer(self, line):
        self.op("answer", "answer", is_ev("line_answered", line),
                "line %d answered" % line)

    def hold(self, line):
        self.op("hold", "hold", is_ev("line_held", line),
                "line %d held" % line)

    def retrieve(self, line):
        self.op("retrieve", "hold", is_ev("line_resumed", line),
                "line %d retrieved" % line)

    def consult(self, ext):
        ev = self.op("consult", "consult " + ext,
                     lambda e: e.get("event") == "line_answered" and
                     e.get("dir") == "out" and e.get("number") == ext,
                     "%s to answer the consult" % ext)
        return ev["line"]

    def cancel(self, caller_line):
        self.op("cancel", "cancel", is_ev("line_resumed", caller_line),
                "the caller back after cancel")

    def complete(self, caller_line):
        self.op("complete", "complete", is_ev("transferred", caller_line),
                "the attended transfer to complete")

    def blind(self, caller_line, ext):
        self.op("blind", "transfer " + ext,
                is_ev("transferred", caller_line),
                "the blind transfer to %s" % ext)

    def merge(self):
        self.op("merge", "merge", is_ev("conference", text="merged"),
                "the conference")

    def leave(self):
        self.op("leave", "leave", is_ev("conference", text="handed-over"),
                "the conference handed over")

    def hangup(self, line):
        self.op("hangup", "hangup", is_ev("line_closed", line),
                "line %d hung up" % line)

    # -- a round ------------------------------------------------------------

    def run_round(self, scenario, n):
        caller = self.callers[n % len(self.callers)]
        a = self.colleagues[n % len(self.colleagues)]
        b = self.colleagues[(n + 1) % len(self.colleagues)]
        since = self.ctl.mark()
        try:
            scenario(self, caller, a, b)
        except (OpTimeout, OpFailed) as e:
            self.finding("round %d (%s, %s): %s" % (
                n, scenario.__name__, caller, e), since)
        self.tidy(n, scenario.__name__)
        self.rounds += 1

    def finding(self, text, since):
        evs = [ev for _, ev in self.ctl.events[max(0, since -
                                                   self.ctl.base):]]
        tail = "; ".join("%s %s %s" % (ev.get("event"), ev.get("line", ""),
                                       ev.get("text", ev.get("state", "")))
                         for ev in evs[-8:])
        self.findings.append("%s [events: %s]" % (text, tail))
        print("finding: " + self.findings[-1], flush=True)

    def tidy(self, n, name):
        """Everyone in the office hangs up; then neither side may have a
        call left. A line the console keeps is a stuck line: hung up
        from the console, and counted."""
        for uid in self.callers + self.colleagues:
            self.office.cmd("office_hangup", uid, check=False)
        if not self.quiet(QUIET_TIMEOUT):
            lines = self.ctl.live_lines()
            board = self.board_up()
            self.stuck += max(len(lines), len(board.get("lines", [])))
            self.finding("round %d (%s): still up after everyone hung "
                         "up: console events %s, console says %s, "
                         "office %s" % (
                             n, name, {k: v.get("state") for k, v in
                                       lines.items()}, board,
                             self.office_calls()), self.ctl.mark())
            for _ in range(len(lines) + 1):
                self.ctl.send("hangup", timeout=OP_TIMEOUT)
            for uid in self.callers + self.colleagues:
                self.office.cmd("office_hangup", uid, check=False)
            self.quiet(QUIET_TIMEOUT)
        self.ctl.trim()

    def office_calls(self):
        st = self.office.status()
        self.collect_ended(st)
        return {u["id"]: [(c["peer_user"], c["state"]) for c in u["calls"]]
                for u in st["uas"] if u["calls"]}

    def collect_ended(self, st):
        for u in st["uas"]:
            if u["id"] not in self.callers:
                continue
            for e in u["ended"]:
                if "reception@" in e["peer"]:
                    self.office_ended.add(e["callid"])

    def quiet(self, timeout):
        deadline = time.monotonic() + timeout
        while True:
            st = self.office.status()
            self.collect_ended(st)
            if not any(u["calls"] for u in st["uas"]) and \
                    not self.ctl.live_lines() and not self.board_up():
                return True
            if time.monotonic() > deadline:
                return False
            time.sleep(0.02)

    def board_up(self):
        """What the console itself says is up (its `lines` reply): lines,
        transfers under way, a conference; {} when nothing is."""
        if self.no_lines_query:
            return {}
        reply = self.ctl.send("lines", timeout=OP_TIMEOUT)
        board = reply.get("board")
        if reply.get("reply") != "ok" or board is None:
            self.no_lines_query = True
            print("this console has no `lines` reply: the soak checks "
                  "its lines by its events only", flush=True)
            return {}
        up = {k: board[k] for k in ("lines", "transfers") if board[k]}
        if board["conference"] != "none":
            up["conference"] = board["conference"]
        return up

    def expect_board(self, caller, consult):
        """Mid-consult the console lists both lines and the consult: the
        query the tidy relies on does see what is up."""
        up = self.board_up()
        if self.no_lines_query:
            return
        got = sorted((l["line"], l["state"]) for l in up.get("lines", []))
        xfers = [(x["caller"], x["consult"], x["state"])
                 for x in up.get("transfers", [])]
        if got != [(caller, "held"), (consult, "talking")] or \
                xfers != [(caller, consult, "consulting")]:
            raise OpFailed("lines mid-consult: %r" % up)

    def final_check(self):
        self.tidy("final", "final check")


# -- the scenarios: each mixes some of the operations ------------------------

def consult_cancel_complete(s, caller, a, b):
    line = s.call_in(caller)
    s.answer(line)
    s.hold(line)
    s.retrieve(line)
    consult = s.consult(a)
    s.expect_board(line, consult)
    s.cancel(line)
    s.consult(b)
    s.complete(line)


def blind_transfer(s, caller, a, b):
    line = s.call_in(caller)
    s.answer(line)
    s.blind(line, b)


def conference_then_leave(s, caller, a, b):
    line = s.call_in(caller)
    s.answer(line)
    s.hold(line)
    s.retrieve(line)
    s.consult(a)
    s.merge()
    s.leave()


def operator_hangs_up(s, caller, a, b):
    line = s.call_in(caller)
    s.answer(line)
    s.hold(line)
    s.retrieve(line)
    s.hangup(line)


def caller_leaves_while_held(s, caller, a, b):
    line = s.call_in(caller)
    s.answer(line)
    s.hold(line)
    since = s.ctl.mark()
    s.office.cmd("office_hangup", caller)
    s.ctl.wait_event(is_ev("line_closed", line), since, OP_TIMEOUT,
                     "the console to see the held caller leave")


def colleague_hangs_up_in_consult(s, caller, a, b):
    """The consulted colleague hangs up first: the caller stays with the
    console (held or back), and nothing of the consult is left."""
    line = s.call_in(caller)
    s.answer(line)
    consult = s.consult(a)
    since = s.ctl.mark()
    s.office.cmd("office_hangup", a)
    s.ctl.wait_event(is_ev("line_closed", consult), since, OP_TIMEOUT,
                     "the console to see %s hang up" % a)
    up = s.board_up()
    if not s.no_lines_query:
        lines = up.get("lines", [])
        if [l["line"] for l in lines] != [line] or up.get("transfers"):
            raise OpFailed("after %s hung up in a consult: %r" % (a, up))
        if lines[0]["state"] == "held":
            s.retrieve(line)
    s.hangup(line)


def caller_leaves_in_consult(s, caller, a, b):
    """The held caller hangs up while the operator consults: the consult
    leg is an ordinary call then, hung up by the operator."""
    line = s.call_in(caller)
    s.answer(line)
    consult = s.consult(a)
    since = s.ctl.mark()
    s.office.cmd("office_hangup", caller)
    s.ctl.wait_event(is_ev("line_closed", line), since, OP_TIMEOUT,
                     "the console to see the held caller leave")
    up = s.board_up()
    if not s.no_lines_query and (
            [l["line"] for l in up.get("lines", [])] != [consult] or
            up.get("transfers")):
        raise OpFailed("after the caller left a consult: %r" % up)
    s.hangup(consult)


ROUNDS = [consult_cancel_complete, blind_transfer, conference_then_leave,
          operator_hangs_up, caller_leaves_while_held,
          colleague_hangs_up_in_consult, caller_leaves_in_consult]
