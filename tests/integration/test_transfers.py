#!/usr/bin/env python3
"""Transfers as the receptionist does them, keys in, office side out:
consult and cancel, swap, consult a busy colleague, blind transfer, a
blind transfer to a busy colleague, voicemail. Whatever fails, the
caller stays connected to the console (the office says so), flagged."""

import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from console import Cases, Console, expect  # noqa: E402
from office import Office, calls, office_spec, write_office  # noqa: E402


def only(st, uid):
    cs = calls(st, uid)
    return cs[0] if len(cs) == 1 else None


def peer_user(call):
    peer = call["peer"]
    return peer.split(":", 1)[-1].split("@", 1)[0]


def connected(st, uid, other):
    c = only(st, uid)
    return c and c["state"] == "established" and peer_user(c) == other


def caller_on_the_console(office, con):
    office.cmd("office_call", "acme " + con.uri)
    con.wait_screen("ACME Corp")
    con.keys("Enter")
    office.wait_for(lambda st: connected(st, "acme", "reception"),
                    what="ACME to talk to the console")
    con.wait_screen("TALK")


def finish(office, con):
    office.cmd("office_hangup", "acme")
    for ext in ("201", "202"):
        office.cmd("office_hangup", ext)
    con.wait_screen("Calls (0)")
    office.cmd("office_set", "201 answer=manual")
    office.cmd("office_set", "202 answer=auto delay=1")


def consult_then_cancel(office, con):
    caller_on_the_console(office, con)
    con.keys("c")
    con.wait_screen("Consult:")
    con.type("201")
    con.keys("Enter")
    call = office.wait_for(lambda st: only(st, "201"),
                           what="Alice (201) to ring")
    expect(call["peername"] == "ACME Corp via Reception",
           "Alice sees who is being transferred: %r" % call["peername"])
    office.wait_for(lambda st: only(st, "acme")["held_by_peer"],
                    what="ACME to be on hold during the consult")
    office.cmd("office_answer", "201")
    office.wait_for(lambda st: connected(st, "201", "reception"),
                    what="Alice to talk to the console")
    con.wait_screen("CONS")
    con.keys("Escape")
    office.wait_for(lambda st: not calls(st, "201"),
                    what="Alice's consult leg to be hung up")
    office.wait_for(lambda st: connected(st, "acme", "reception") and
                    not only(st, "acme")["held_by_peer"],
                    what="ACME back talking with the console")
    finish(office, con)


def swap_moves_the_operator_between_legs(office, con):
    caller_on_the_console(office, con)
    con.keys("c")
    con.type("201")
    con.keys("Enter")
    office.wait_for(lambda st: only(st, "201"), what="Alice to ring")
    office.cmd("office_answer", "201")
    office.wait_for(lambda st: connected(st, "201", "reception"),
                    what="Alice to answer")
    office.wait_for(lambda st: only(st, "acme")["held_by_peer"] and
                    not only(st, "201")["held_by_peer"],
                    what="ACME held, Alice talking")
    con.keys("s")
    office.wait_for(lambda st: not only(st, "acme")["held_by_peer"] and
                    only(st, "201")["held_by_peer"],
                    what="after s: ACME talking, Alice held")
    con.keys("s")
    office.wait_for(lambda st: only(st, "acme")["held_by_peer"] and
                    not only(st, "201")["held_by_peer"],
                    what="after s again: ACME held, Alice talking")
    con.keys("Escape")
    office.wait_for(lambda st: not calls(st, "201"), what="consult ended")
    finish(office, con)


def busy_colleague_brings_the_caller_back(office, con):
    office.cmd("office_set", "201 answer=reject reject_code=486 delay=0")
    caller_on_the_console(office, con)
    con.keys("c")
    con.type("alice")
    con.keys("Enter")
    scr = con.wait_screen("busy (486)")
    expect("back on line" in scr, "the operator is told:\n" + scr)
    office.wait_for(lambda st: connected(st, "acme", "reception") and
                    not only(st, "acme")["held_by_peer"],
                    what="ACME back talking with the console")
    expect(" R " in scr or "│ 1 R" in scr, "the line is flagged:\n" + scr)
    finish(office, con)


def blind_transfer_connects_caller_and_colleague(office, con):
    caller_on_the_console(office, con)
    con.keys("t")
    con.wait_screen("Transfer to:")
    con.type("202")
    con.keys("Enter")
    office.wait_for(lambda st: connected(st, "acme", "202") and
                    connected(st, "202", "+3315551234"),
                    what="ACME to talk to Bob (202)")
    con.wait_screen("Calls (0)")
    ev = con.wait_event("transferred")
    expect(ev["text"] == "ACME Corp -> Bob Stone", "history: %r" % ev)
    finish(office, con)


def blind_transfer_to_a_busy_colleague_recalls(office, con):
    office.cmd("office_set", "202 answer=reject reject_code=486 delay=0")
    caller_on_the_console(office, con)
    con.keys("t")
    con.type("bob")
    con.keys("Enter")
    scr = con.wait_screen("back on line")
    expect("busy" in scr, "the operator hears why:\n" + scr)
    office.wait_for(lambda st: connected(st, "acme", "reception") and
                    not only(st, "acme")["held_by_peer"],
                    what="ACME still connected to the console, off hold")
    con.wait_event("recall")
    finish(office, con)


def voicemail_without_a_box_changes_nothing(office, con):
    caller_on_the_console(office, con)
    con.keys("v")
    con.type("202")
    con.keys("Enter")
    con.wait_screen("Bob Stone has no voicemail")
    expect(connected(office.status(), "acme", "reception"),
           "ACME is still talking to the console")
    finish(office, con)


def main():
    cases = Cases()
    with tempfile.TemporaryDirectory(prefix="cordboard-it-") as tmp:
        spec = office_spec(
            callers={"acme": {"name": "ACME Corp", "number": "+3315551234",
                              "tone": 440}},
            colleagues={"201": {"name": "Alice Martin", "answer": "manual",
                                "tone": 880},
                        "202": {"name": "Bob Stone", "answer": "auto",
                                "delay": 1, "tone": 660}})
        con = Console(tmp, extensions={
            "201": {"name": "Alice Martin", "department": "Sales",
                    "uri": "sip:201@" + spec["listen"]},
            "202": {"name": "Bob Stone", "department": "Support",
                    "uri": "sip:202@" + spec["listen"]}})
        spec["console"] = con.uri
        with Office(write_office(tmp, spec)) as office, con:
            for name, fn in [
                    ("consult, then cancel", consult_then_cancel),
                    ("swap moves the operator between legs",
                     swap_moves_the_operator_between_legs),
                    ("a busy colleague brings the caller back",
                     busy_colleague_brings_the_caller_back),
                    ("blind transfer connects caller and colleague",
                     blind_transfer_connects_caller_and_colleague),
                    ("blind transfer to a busy colleague recalls",
                     blind_transfer_to_a_busy_colleague_recalls),
                    ("voicemail without a box changes nothing",
                     voicemail_without_a_box_changes_nothing)]:
                cases.run(name, fn, office, con)
    return cases.finish()


if __name__ == "__main__":
    sys.exit(main())
