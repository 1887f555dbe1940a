#!/usr/bin/env python3
"""Presence for the whole office through one subscription: Kamailio's
rls module serves a resource list (RFC 4662) provisioned in its xcap
table, the console with presence.list_uri sends one SUBSCRIBE for
presence and one for line state, and every colleague's state arrives
in multipart NOTIFYs - at start, and when it changes. A console whose
list the server does not know falls back to one subscription per
extension and says so."""

import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from console import (Cases, Console, colleague_extensions,  # noqa: E402
                     expect)
from kamailio import Kamailio, missing  # noqa: E402
from office import (Office, office_spec, subs, talking, ua,  # noqa: E402
                    write_office)
from test_board import row, wait_row  # noqa: E402
from test_control import send  # noqa: E402

PEOPLE = ("acme", "201", "202")
ACME = "+3315551234"


def console_subscribes(kam, event):
    """The console's initial SUBSCRIBEs for EVENT that reached Kamailio
    (refreshes carry a to-tag; rls's own, for each entry, come from the
    watcher's address with no port)."""
    return [line for line in kam.lines("rls-count: SUBSCRIBE")
            if " %s from sip:reception@%s " % (event, kam.addr) in line
            and line.rstrip().endswith("totag=<null>")]


def everyone_registers(office, con, kam):
    office.wait_for(lambda st: all(ua(st, p).get("registered")
                                   for p in PEOPLE),
                    what="the office's people to register with Kamailio")
    con.wait_screen("registered")


def every_state_arrives_through_one_list(office, con, kam):
    for n in ("201", "202"):
        wait_row(con, n, lambda r: " A- " in r,
                 "%s available and idle, told by the list" % n)
    for event in ("presence", "dialog"):
        got = console_subscribes(kam, event)
        expect(len(got) == 1, "one %s SUBSCRIBE from the console, to the "
               "list: %r" % (event, got))
        expect("reception-list@" in got[0],
               "the %s SUBSCRIBE goes to the list: %r" % (event, got[0]))
    st = office.status()
    for p in ("201", "202"):
        expect(not subs(st, p), "%s has no subscriber of its own (%r)" %
               (p, subs(st, p)))
    for n in ("201", "202"):
        expect(kam.count("rls-count: SUBSCRIBE presence from "
                         "sip:reception@127.0.0.1 to sip:%s@" % n) >= 1,
               "Kamailio's rls watches %s itself" % n)


def a_presence_change_arrives_through_the_list(office, con, kam):
    office.cmd("office_presence", "201 away Back at 3")
    wait_row(con, "201", lambda r: " W- " in r and "Back at 3" in r,
             "201 away with its note")
    office.cmd("office_presence", "202 dnd")
    wait_row(con, "202", lambda r: " D- " in r, "202 in DND")
    office.cmd("office_presence", "201 available")
    office.cmd("office_presence", "202 available")
    wait_row(con, "202", lambda r: " A- " in r, "202 available again")
    wait_row(con, "201", lambda r: " A- " in r, "201 available again")
    expect(len(console_subscribes(kam, "presence")) == 1,
           "still one presence SUBSCRIBE from the console")


def a_call_s_line_state_arrives_through_the_list(office, con, kam):
    office.cmd("office_call", "acme sip:201@" + kam.addr)
    wait_row(con, "201", lambda r: " AR " in r, "201 ringing")
    office.cmd("office_answer", "201")
    office.wait_for(lambda st: talking(st, "acme", "201"),
                    what="ACME and 201 talking through Kamailio")
    wait_row(con, "201", lambda r: " AC " in r, "201 in a call")
    office.cmd("office_hangup", "acme")
    wait_row(con, "201", lambda r: " A- " in r, "201 idle again")
    expect(len(console_subscribes(kam, "dialog")) == 1,
           "still one dialog SUBSCRIBE from the console")


def a_reload_subscribes_to_the_list_again(office, con, kam):
    """202 leaves the directory and comes back (reloads): each time the
    list is subscribed again, and its full state tells the newcomer's
    state at once; nobody is subscribed on their own."""
    k = kam.addr
    before = {e: len(console_subscribes(kam, e))
              for e in ("presence", "dialog")}
    con.extensions = colleague_extensions(k, numbers=("201",))
    con.write_config()
    rc, replies, _ = send(con, "reload")
    expect(replies and "Reloaded: 1 extension (0 came, 1 went)" in
           replies[0]["text"], "202 went: %r" % replies)
    con.wait_screen(lambda s: not row(s, "202"))
    con.extensions = colleague_extensions(k)
    con.write_config()
    rc, replies, _ = send(con, "reload")
    expect(replies and "Reloaded: 2 extensions (1 came, 0 went)" in
           replies[0]["text"], "202 came: %r" % replies)
    wait_row(con, "202", lambda r: " A- " in r,
             "202 available and idle again, told by the list")
    for e in ("presence", "dialog"):
        got = len(console_subscribes(kam, e))
        expect(got == before[e] + 2, "the %s list subscribed again at "
               "each reload: %d, was %d" % (e, got, before[e]))
    st = office.status()
    expect(not subs(st, "202"), "202 has no subscriber of its own")


def a_list_the_server_does_not_know_falls_back(office, con, kam):
    k = kam.addr
    tmp = os.path.join(con.dir, "second")
    os.makedirs(tmp, exist_ok=True)
    other = Console(tmp, extensions=colleague_extensions(k),
        account={"aor": "sip:reception@" + k, "registrar": "sip:" + k},
        extra_config='presence_server = "sip:%s;lr"\n'
                     'presence { list_uri = "sip:nobody-list@%s" }\n'
                     % (k, k))
    with other:
        other.wait_screen("does not serve the presence list")
        other.wait_screen("does not serve the line state list")
        for n in ("201", "202"):
            wait_row(other, n, lambda r: " A- " in r,
                     "%s available and idle, watched on its own" % n)
            got = [line for line in kam.lines("rls-count: SUBSCRIBE")
                   if " to sip:%s@%s " % (n, k) in line]
            expect(len(got) >= 2, "the console subscribed to %s itself, "
                   "for presence and line state: %r" % (n, got))


def main():
    cases = Cases()
    why = missing()
    if why:
        print("skipped: " + why)
        print("cases: 0 passed, 0 failed, 6 skipped", flush=True)
        return 0
    with tempfile.TemporaryDirectory(prefix="cordboard-it-") as tmp:
        kam = Kamailio(tmp, defines=("WITH_RLS",))
        k = kam.addr
        kam.resource_list("reception", "sip:reception-list@127.0.0.1",
                          ["sip:%s@127.0.0.1" % n for n in ("201", "202")])
        spec = office_spec(
            callers={"acme": {"name": "ACME Corp", "number": ACME,
                              "tone": 440}},
            colleagues={"201": {"name": "Alice Martin", "answer": "manual",
                                "tone": 880},
                        "202": {"name": "Bob Stone", "answer": "manual",
                                "tone": 660}},
            registrar=k)
        spec["console"] = "sip:reception@" + k
        con = Console(tmp, extensions=colleague_extensions(k),
            account={"aor": "sip:reception@" + k, "registrar": "sip:" + k},
            extra_config='presence_server = "sip:%s;lr"\n'
                         'presence { list_uri = "sip:reception-list@%s" }\n'
                         % (k, k))
        try:
            with kam, Office(write_office(tmp, spec)) as office, con:
                cases.run_all([
                    ("everyone registers with Kamailio",
                     everyone_registers),
                    ("every colleague's state arrives through one list",
                     every_state_arrives_through_one_list),
                    ("a presence change arrives through the list",
                     a_presence_change_arrives_through_the_list),
                    ("a call's line state arrives through the list",
                     a_call_s_line_state_arrives_through_the_list),
                    ("a reload subscribes to the list again, and a "
                     "colleague who came gets their state",
                     a_reload_subscribes_to_the_list_again),
                    ("a list the server does not know falls back to one "
                     "subscription per extension",
                     a_list_the_server_does_not_know_falls_back)],
                    office, con, kam)
        finally:
            if cases.failed:
                print("--- kamailio log (tail)\n" + kam.log_tail(60))
    return cases.finish()


if __name__ == "__main__":
    sys.exit(main())
