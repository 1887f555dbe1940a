#!/usr/bin/env python3
"""The receptionist's first day, end to end: a real console in tmux and
the simulated office on loopback. Keys go in; the office says what the
caller and the colleague experience.

  ACME calls -> the screen shows it -> Enter -> ACME talks to the console
  -> h -> ACME is held (its SDP says so) -> h -> resumed -> 4 2 # ->
  ACME hears the DTMF -> x -> closed.
  d 201 Enter -> Alice's phone rings -> she answers -> talking.
  d ali Enter -> Alice rejects with 486 -> the operator is told.
  a ringing caller gives up -> the line goes away.
  q with a call up asks first; y hangs up and quits.
"""

import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from console import (Cases, Console, colleague_extensions,  # noqa: E402
                     expect)
from office import (Office, calls, ended, office_spec, only, ua,  # noqa
                    write_office)


def talking_to_console(st, uid, console):
    c = only(st, uid)
    return c and c["state"] == "established" and "reception" in c["peer"]


def caller_answered_held_resumed_hung_up(office, con):
    office.cmd("office_call", "acme " + con.uri)
    scr = con.wait_screen("ACME Corp")
    expect("+3315551234" in scr, "the number is shown:\n" + scr)
    expect("RING" in scr, "the call shows as ringing:\n" + scr)
    con.wait_screen(lambda s: "0:02" in s or "0:03" in s, timeout=10)

    con.keys("Enter")
    office.wait_for(lambda st: talking_to_console(st, "acme", con),
                    what="ACME to be connected to the console")
    con.wait_screen("TALK")

    con.keys("h")
    office.wait_for(lambda st: only(st, "acme")["held_by_peer"],
                    what="ACME to hear that it is held (sendonly SDP)")
    con.wait_screen("HOLD")

    con.keys("h")
    office.wait_for(lambda st: not only(st, "acme")["held_by_peer"],
                    what="ACME to be taken off hold")
    con.wait_screen("TALK")

    con.keys("4", "2", "#")
    office.wait_for(lambda st: ua(st, "acme")["dtmf"].endswith("42#"),
                    what="ACME to hear the DTMF digits 4 2 #")

    con.keys("x")
    office.wait_for(lambda st: not calls(st, "acme") and ended(st, "acme"),
                    what="ACME's call to be closed")
    con.wait_screen("Calls (0)")
    names = [e["event"] for e in con.events()]
    for ev in ("line_offered", "line_answered", "line_held",
               "line_resumed", "line_closed"):
        expect(ev in names, "event log has %s: %r" % (ev, names))


def dial_extension_from_prompt(office, con):
    con.keys("d")
    con.wait_screen("Dial:")
    con.type("201")
    con.keys("Enter")
    call = office.wait_for(lambda st: only(st, "201"),
                           what="Alice's phone (201) to ring")
    expect("reception" in call["peer"], "the console calls 201: %r" % call)
    con.wait_screen("Alice Martin")
    office.cmd("office_answer", "201")
    office.wait_for(lambda st: talking_to_console(st, "201", con),
                    what="Alice to be connected to the console")
    con.wait_screen("TALK")
    con.keys("x")
    office.wait_for(lambda st: not calls(st, "201"),
                    what="Alice's call to end")
    con.wait_screen("Calls (0)")


def busy_colleague_is_reported(office, con):
    office.cmd("office_set", "201 answer=reject reject_code=486 delay=0")
    con.keys("d")
    con.type("ali")
    con.keys("Enter")
    scr = con.wait_screen("486")
    expect("Alice Martin" in scr, "the status names Alice:\n" + scr)
    con.wait_screen("Calls (0)")
    office.cmd("office_set", "201 answer=manual")


def caller_giving_up_removes_the_line(office, con):
    office.cmd("office_call", "acme " + con.uri)
    con.wait_screen("ACME Corp")
    office.cmd("office_hangup", "acme")
    con.wait_screen("Calls (0)")
    expect(not calls(office.status(), "acme"), "ACME has no call left")


def quit_asks_while_a_call_is_up(office, con):
    office.cmd("office_call", "acme " + con.uri)
    con.wait_screen("ACME Corp")
    con.keys("Enter")
    office.wait_for(lambda st: talking_to_console(st, "acme", con),
                    what="ACME to be connected")
    con.keys("q")
    con.wait_screen("(y/n)")
    con.keys("n")
    con.wait_screen(lambda s: "(y/n)" not in s)
    expect(con.running(), "n keeps the console running")
    expect(talking_to_console(office.status(), "acme", con),
           "n leaves ACME connected")
    con.keys("q")
    con.wait_screen("(y/n)")
    con.keys("y")
    office.wait_for(lambda st: not calls(st, "acme"),
                    what="ACME to be hung up by quitting")
    deadline_ok = False
    for _ in range(150):
        if not con.running():
            deadline_ok = True
            break
        import time
        time.sleep(0.1)
    expect(deadline_ok, "the console exits after y")
    expect(con.exit_status() == "console exited with 0",
           "clean exit: %r" % con.exit_status())


def main():
    cases = Cases()
    with tempfile.TemporaryDirectory(prefix="cordboard-it-") as tmp:
        spec = office_spec(
            callers={"acme": {"name": "ACME Corp", "number": "+3315551234",
                              "tone": 440}},
            colleagues={"201": {"name": "Alice Martin", "answer": "manual",
                                "tone": 880}})
        con = Console(tmp, extensions=colleague_extensions(
            spec["listen"], ("201",)))
        spec["console"] = con.uri
        with Office(write_office(tmp, spec)) as office, con:
            cases.run_all([
                    ("caller answered, held, resumed, hung up",
                     caller_answered_held_resumed_hung_up),
                    ("dial an extension from the prompt",
                     dial_extension_from_prompt),
                    ("a busy colleague is reported with 486",
                     busy_colleague_is_reported),
                    ("a caller giving up removes the line",
                     caller_giving_up_removes_the_line),
                    ("quit asks while a call is up",
                     quit_asks_while_a_call_is_up)], office, con)
    return cases.finish()


if __name__ == "__main__":
    sys.exit(main())
