#!/usr/bin/env python3
"""Absence as the desk lives it. The operator marks Alice (201) out
until later with a note (A, typed in the prompt): her row says "out -
back HH:MM" (a narrow pane: "back HH:MM"). ACME calls, the operator answers and transfers to Alice:
the console says she is out and offers her voicemail or her deputy, Bob
(202); D sends ACME to Bob, whose phone rings, and answering he talks to
ACME. A console started again on the same files still shows Alice out."""

import datetime
import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from console import (Cases, Console, colleague_extensions,  # noqa: E402
                     answer_caller, clear_the_desk, expect)
from office import Office, calls, office_spec, talking, write_office  # noqa

ACME = "+3315551234"


def row(scr, number):
    """The extensions-pane text of NUMBER's row."""
    for line in scr.split("\n"):
        for cell in line.split("│"):
            if cell.startswith(number + "  "):
                return cell
    return ""


def back_at():
    """Three hours from now as typed (HH:MM) and as the status line says
    it (with the day, past midnight)."""
    now = datetime.datetime.now()
    then = now + datetime.timedelta(hours=3)
    typed = then.strftime("%H:%M")
    shown = typed if then.date() == now.date() else then.strftime("%a %H:%M")
    return typed, shown


def shows_back(scr, typed, shown):
    """Alice's row says when she is back: in full, or in a narrow pane
    by the time alone (within 24 hours it is the coming one)."""
    r = row(scr, "201")
    return "back " + shown in r or "back " + typed + "," in r


# the time Alice was marked out until, for the restart to find again
MARKED = {}


def alice_marked_out(office, con):
    typed, shown = back_at()
    MARKED["back"] = typed, shown
    con.keys("A")
    con.wait_screen("Out (201 until 14:00 note)")
    con.keys("C-u")
    con.type("201 until %s lunch" % typed)
    con.keys("Enter")
    con.wait_screen("Alice Martin is out - back %s, lunch" % shown)
    con.wait_screen(lambda s: shows_back(s, typed, shown))


def a_transfer_to_alice_offers_her_deputy(office, con):
    answer_caller(office, con)
    con.keys("t")
    con.type("201")
    con.keys("Enter")
    con.wait_screen("Alice Martin is out until")
    scr = con.wait_screen("D deputy Bob")
    expect("v voicemail" in scr, "the offer names voicemail:\n" + scr)
    expect(not calls(office.status(), "201"), "Alice was not called")
    con.keys("D")
    office.wait_for(lambda st: calls(st, "202"), what="Bob's phone to ring")
    office.cmd("office_answer", "202")
    office.wait_for(lambda st: talking(st, "acme", "202"),
                    what="ACME and Bob to talk")
    clear_the_desk(office, con)


def alice_still_out_after_a_restart(office, tmp, con):
    # the time she was marked out until, not three hours from now: a
    # minute may have turned since
    typed, shown = MARKED.get("back") or back_at()
    con.stop()
    os.remove(os.path.join(tmp, "exit-status"))
    again = Console(tmp, listen_port=con.port,
                    extensions=con.extensions)
    with again:
        again.wait_screen(lambda s: shows_back(s, typed, shown))


def main():
    cases = Cases()
    with tempfile.TemporaryDirectory(prefix="cordboard-it-") as tmp:
        spec = office_spec(
            callers={"acme": {"name": "ACME Corp", "number": ACME,
                              "tone": 440}},
            colleagues={"201": {"name": "Alice Martin", "answer": "manual",
                                "tone": 880},
                        "202": {"name": "Bob Stone", "answer": "manual",
                                "tone": 660}})
        con = Console(tmp, extensions=colleague_extensions(
            spec["listen"], **{"201": {"deputy": "202"}}))
        spec["console"] = con.uri
        with Office(write_office(tmp, spec)) as office:
            with con:
                cases.run("Alice is marked out", alice_marked_out, office,
                          con)
                cases.run("a transfer to Alice offers her deputy",
                          a_transfer_to_alice_offers_her_deputy, office,
                          con)
            cases.run("Alice is still out after a restart",
                      alice_still_out_after_a_restart, office, tmp, con)
    return cases.finish()


if __name__ == "__main__":
    sys.exit(main())
