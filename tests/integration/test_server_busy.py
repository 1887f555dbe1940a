#!/usr/bin/env python3
"""A SIP server that answers 503 Service Unavailable (Kamailio with
WITH_BUSY, switched on and off by the test over kamcmd). The console
says so in the operator's words, registers again no sooner than the
server's Retry-After (and still backs off without one), keeps working
for what needs no server, and comes back by itself with its
subscriptions. A consult call or a blind transfer the server refuses
with 503 blames the phone system, not the colleague, and the caller is
back on the console, never dropped."""

import os
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from console import (Cases, Console, colleague_extensions,  # noqa: E402
                     answer_caller, expect)
from kamailio import Kamailio, missing  # noqa: E402
from office import (Office, office_spec, talking, ua,  # noqa: E402
                    write_office)
from test_board import wait_row  # noqa: E402

PEOPLE = ("acme", "201", "202")
RETRY_AFTER = 12   # longer than the first back-off (5 s): it must win


def refused(kam, method):
    """The requests from the console Kamailio answered 503."""
    return kam.lines("busy: 503 to %s from sip:reception@" % method)


def wait_refused(kam, method, n, timeout=40):
    """Waits for the Nth refused METHOD; returns when it was seen."""
    deadline = time.monotonic() + timeout
    while len(refused(kam, method)) < n:
        expect(time.monotonic() < deadline,
               "%d %s refused with 503 (saw %d)" % (
                   n, method, len(refused(kam, method))))
        time.sleep(0.05)
    return time.monotonic()


def registration_waits_for_the_busy_server(office, con, kam):
    first = wait_refused(kam, "REGISTER", 1)
    con.wait_screen("Server busy (503): registering again in %d s"
                    % RETRY_AFTER)
    con.wait_screen("not registered - retrying")
    # the status bar has one registration state, and it is this one
    scr = con.screen()
    expect("REGISTRATION FAILED" not in scr and "registered " not in
           scr.replace("not registered", ""),
           "one registration state in the status bar:\n" + scr)
    # what needs no server: a caller at the console's own address
    answer_caller(office, con, caller="acme", uri=con.uri)
    office.cmd("office_hangup", "acme")
    con.wait_screen("Calls (0)")
    # the server stays busy, now without a Retry-After
    kam.busy(1)
    second = wait_refused(kam, "REGISTER", 2)
    # a lower bound the console enforces, not a speed: the second try
    # came no sooner than the server asked (the poll only adds to it)
    print("  second REGISTER %.1f s after the first (Retry-After: %d)"
          % (second - first, RETRY_AFTER))
    expect(second - first >= RETRY_AFTER - 1,
           "the second REGISTER waited the Retry-After: %.1f s" % (
               second - first))
    expect(len(refused(kam, "REGISTER")) == 2,
           "one REGISTER per try, no burst")
    # without Retry-After the back-off alone: 10 s after a second failure
    con.wait_screen("Server busy (503): registering again in 10 s")
    kam.busy(0)
    con.wait_screen("Registered with the server again", timeout=25)
    con.wait_screen(lambda s: "registered" in s.replace("not registered",
                                                        ""))


def subscriptions_come_back_by_themselves(office, con, kam):
    expect(refused(kam, "SUBSCRIBE"),
           "the busy server refused the console's SUBSCRIBEs")
    # retried after the server's Retry-After or the back-off: the rows
    # are known again without the operator doing anything
    wait_row(con, "201", lambda r: " A- " in r, "201 available, idle",
             timeout=60)
    office.cmd("office_presence", "201 away Back at 3")
    wait_row(con, "201", lambda r: " W- " in r and "Back at 3" in r,
             "201 away, as Kamailio tells the console")
    office.cmd("office_presence", "201 available")


BUSY_CALL = ("The phone system is busy (503): could not reach Bob Stone."
             " ACME Corp is back on line")


def a_consult_the_server_refuses_brings_the_caller_back(office, con, kam):
    answer_caller(office, con, uri="sip:reception@" + kam.addr)
    kam.busy(5)
    mark = con.mark()
    con.keys("c")
    con.type("202")
    con.keys("Enter")
    con.wait_event("recall", since=mark)
    con.wait_screen(BUSY_CALL)
    office.wait_for(lambda st: talking(st, "acme", "reception"),
                    what="ACME back with the console, not dropped")
    expect(not ua(office.status(), "202")["calls"],
           "Bob's phone never rang: the server refused the call")
    kam.busy(0)


def a_blind_transfer_the_server_refuses_brings_the_caller_back(
        office, con, kam):
    kam.busy(5)
    mark = con.mark()
    before = len(kam.lines("busy: 503 to INVITE from sip:+3315551234@"))
    con.keys("t")
    con.type("202")
    con.keys("Enter")
    # the REFER is inside the caller's dialog and passes; the caller's
    # own INVITE to Bob is refused, and its NOTIFY says 503
    con.wait_event("recall", since=mark, timeout=30)
    con.wait_screen(BUSY_CALL)
    expect(len(kam.lines("busy: 503 to INVITE from sip:+3315551234@")) >
           before, "the server refused the caller's INVITE to Bob")
    office.wait_for(lambda st: talking(st, "acme", "reception"),
                    what="ACME back with the console, not dropped")
    kam.busy(0)
    # the server is well again: the same transfer goes through
    con.keys("t")
    con.type("202")
    con.keys("Enter")
    wait_row(con, "202", lambda r: " AR " in r, "202 ringing with ACME")
    office.cmd("office_answer", "202")
    office.wait_for(lambda st: talking(st, "acme", "202"),
                    what="ACME talking to Bob after the transfer")
    con.wait_screen("Calls (0)")
    office.cmd("office_hangup", "acme")


def main():
    cases = Cases()
    why = missing()
    if why:
        print("skipped: " + why)
        print("cases: 0 passed, 0 failed, 4 skipped", flush=True)
        return 0
    with tempfile.TemporaryDirectory(prefix="cordboard-it-") as tmp:
        kam = Kamailio(tmp, defines=("WITH_BUSY",))
        with kam:
            k = kam.addr
            spec = office_spec(
                callers={"acme": {"name": "ACME Corp",
                                  "number": "+3315551234", "tone": 440}},
                colleagues={"201": {"name": "Alice Martin",
                                    "answer": "manual", "tone": 880},
                            "202": {"name": "Bob Stone", "answer": "manual",
                                    "tone": 660}},
                registrar=k)
            spec["console"] = "sip:reception@" + k
            con = Console(tmp, cols=160, extensions=colleague_extensions(k),
                          account={"aor": "sip:reception@" + k,
                                   "registrar": "sip:" + k},
                          extra_config='presence_server = "sip:%s;lr"\n' % k)
            try:
                with Office(write_office(tmp, spec)) as office:
                    office.wait_for(lambda st: all(
                        ua(st, p).get("registered") for p in PEOPLE),
                        what="the office's people to register")
                    # busy before the console's first REGISTER
                    kam.busy(RETRY_AFTER)
                    with con:
                        cases.run_all([
                            ("the registration waits for the busy server",
                             registration_waits_for_the_busy_server),
                            ("subscriptions come back by themselves",
                             subscriptions_come_back_by_themselves),
                            ("a consult the server refuses brings the "
                             "caller back",
                             a_consult_the_server_refuses_brings_the_caller_back),
                            ("a blind transfer the server refuses brings "
                             "the caller back",
                             a_blind_transfer_the_server_refuses_brings_the_caller_back)],
                            office, con, kam)
            finally:
                if cases.failed:
                    print("--- kamailio log (tail)\n" + kam.log_tail())
    return cases.finish()


if __name__ == "__main__":
    sys.exit(main())
