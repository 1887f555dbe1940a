#!/usr/bin/env python3
"""Overflow as the office lives it: a caller nobody at the console
answers within overflow_after seconds is answered by the console, held
and sent on blind to the overflow target (Alice, 201): her phone rings
and, answering, she talks to the caller (each hears the other's tone).
While the operator talks to another caller, that conversation is not
disturbed. A busy target brings the caller back to the console,
flagged: no caller is ever dropped. Away from the desk (Z), the operator
lets every caller go to the overflow target at once, and Z again brings
the calls back to the console."""

import os
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from console import (Cases, Console, colleague_extensions,  # noqa: E402
                     answer_caller, clear_the_desk, expect)
from office import (Office, calls, hears, office_spec, only,  # noqa: E402
                    talking, write_office)

ACME = "+3315551234"
OVERFLOW_AFTER = 2

QUEUE = """
queue { overflow_after = %d overflow_target = "201" }
transfer { recall_after = 6 }
""" % OVERFLOW_AFTER


def quiet(office, con):
    for uid in ("acme", "bob", "201", "202"):   # what a failed case left
        office.cmd("office_hangup", uid, check=False)
    office.wait_for(lambda st: not any(u["calls"] for u in st["uas"]),
                    what="a quiet office before the case")
    con.wait_screen("Calls (0)")


def finish(office, con):
    clear_the_desk(office, con)
    office.cmd("office_set", "201 answer=manual")


def ringing(st, uid):
    """UID's one call while it rings, or None."""
    c = only(st, uid)
    return c if c and c["state"] == "incoming" else None


def with_the_console(st, uid):
    """UID's one call, established with the console, or None."""
    c = only(st, uid)
    if c and c["state"] == "established" and c["peer_user"] == "reception":
        return c
    return None


def alice_takes_acme(office, con, mark):
    """Alice's phone rings with ACME; she answers and they talk."""
    call = office.wait_for(lambda st: ringing(st, "201"),
                           what="Alice (201) to ring with the overflow")
    expect(call["peer_user"] == ACME,
           "ACME itself calls Alice (a blind transfer): %r" % call)
    office.cmd("office_answer", "201")
    office.wait_for(lambda st: talking(st, "acme", "201"),
                    what="ACME and Alice to talk to each other")
    office.wait_for(lambda st: hears(st, "acme", "201") == [880] and
                    hears(st, "201", ACME) == [440],
                    what="ACME to hear Alice's 880 Hz and Alice ACME's 440")
    ev = con.wait_event("transferred", since=mark)
    expect(ev["text"] == "ACME Corp is now with Alice Martin" and
           ev["detail"] == "ACME Corp -> Alice Martin", "event: %r" % ev)


def an_unanswered_caller_goes_to_the_overflow_target(office, con):
    quiet(office, con)
    mark = con.mark()
    office.cmd("office_call", "acme " + con.uri)
    con.wait_screen("ACME Corp")
    scr = con.wait_screen("(overflow)")
    expect("Nobody answered ACME Corp in 0:0" in scr and
           "sent to Alice Martin (overflow)" in scr,
           "the status line says so:\n" + scr)
    alice_takes_acme(office, con, mark)
    con.wait_screen("Calls (0)")
    office.wait_for(lambda st: not any(
        c["peer_user"] == "reception" for c in calls(st, "acme")),
        what="the console to have left ACME's call")
    finish(office, con)


def the_operators_conversation_is_not_disturbed(office, con):
    quiet(office, con)
    answer_caller(office, con, "bob", "Bob Jones")
    mark = con.mark()
    office.cmd("office_call", "acme " + con.uri)
    # the console answers ACME and holds it at once: while that happens
    # and while Alice rings, Bob stays with the operator, never held
    give_up = time.monotonic() + 20
    while not ringing(office.status(), "201"):
        expect(time.monotonic() < give_up, "Alice (201) to ring with the "
               "overflow:\n" + con.screen())
        st = office.status()
        bob = with_the_console(st, "bob")
        expect(bob and not bob["held_by_peer"],
               "Bob still talks to the operator: %r" % only(st, "bob"))
        expect(440 not in bob["hears"], "Bob never hears ACME: %r" % bob)
        a = with_the_console(st, "acme")
        expect(not a or 523 not in a["hears"],
               "ACME never hears Bob: %r" % a)
        time.sleep(0.2)
    scr = con.screen()
    expect("sent to Alice Martin (overflow)" in scr,
           "the status line says so:\n" + scr)
    alice_takes_acme(office, con, mark)
    st = office.status()
    bob = with_the_console(st, "bob")
    expect(bob and not bob["held_by_peer"],
           "Bob still talks to the operator: %r" % only(st, "bob"))
    con.wait_screen("TALK")
    finish(office, con)


def a_busy_target_brings_the_caller_back_flagged(office, con):
    quiet(office, con)
    office.cmd("office_set", "201 answer=reject reject_code=486 delay=0")
    mark = con.mark()
    office.cmd("office_call", "acme " + con.uri)
    scr = con.wait_screen("back on line")
    expect("Transfer to Alice Martin failed: busy (486" in scr,
           "the reason:\n" + scr)
    expect(" R " in scr or "│ 1 R" in scr, "the line is flagged:\n" + scr)
    con.wait_event("recall", since=mark)
    # the operator is free: ACME is with the console, off hold
    office.wait_for(lambda st: with_the_console(st, "acme") and
                    not with_the_console(st, "acme")["held_by_peer"],
                    what="ACME back with the console, off hold")
    expect(not calls(office.status(), "201"), "Alice has no call")
    finish(office, con)


def away_callers_go_to_the_overflow_target_at_once(office, con):
    quiet(office, con)
    con.keys("Z")
    con.wait_screen("You are away")
    scr = con.wait_screen("AWAY")
    mark = con.mark()
    office.cmd("office_call", "acme " + con.uri)
    scr = con.wait_screen("You are away: ACME Corp sent to Alice Martin")
    expect("Nobody answered" not in scr, "sent at once:\n" + scr)
    alice_takes_acme(office, con, mark)
    con.wait_screen("Calls (0)")
    # back at the desk: the next caller is offered here, not sent on
    con.keys("Z")
    con.wait_screen("Welcome back")
    office.cmd("office_call", "bob " + con.uri)
    scr = con.wait_screen("Bob Jones")
    expect("AWAY" not in scr and "You are away: Bob" not in scr,
           "back at the desk:\n" + scr)
    finish(office, con)


def main():
    cases = Cases()
    with tempfile.TemporaryDirectory(prefix="cordboard-it-") as tmp:
        spec = office_spec(
            callers={"acme": {"name": "ACME Corp", "number": ACME,
                              "tone": 440},
                     "bob": {"name": "Bob Jones", "number": "+441632960001",
                             "tone": 523}},
            colleagues={"201": {"name": "Alice Martin", "answer": "manual",
                                "tone": 880},
                        "202": {"name": "Bob Stone", "answer": "manual",
                                "tone": 660}})
        con = Console(tmp, extensions=colleague_extensions(spec["listen"]),
                      extra_config=QUEUE)
        spec["console"] = con.uri
        with Office(write_office(tmp, spec)) as office, con:
            cases.run_all([
                    ("an unanswered caller goes to the overflow target",
                     an_unanswered_caller_goes_to_the_overflow_target),
                    ("the operator's conversation is not disturbed",
                     the_operators_conversation_is_not_disturbed),
                    ("a busy target brings the caller back, flagged",
                     a_busy_target_brings_the_caller_back_flagged),
                    ("away: callers go to the overflow target at once",
                     away_callers_go_to_the_overflow_target_at_once)],
                     office, con)
    return cases.finish()


if __name__ == "__main__":
    sys.exit(main())
