#!/usr/bin/env python3
"""One receptionist for several companies, end to end: a real console in
tmux and the simulated office on loopback.

  ACME Corp dials 100 (the ACME Legal line) -> it rings with "ACME Legal"
  on screen -> Enter -> ACME talks to the console, and the status line
  says the greeting: "ACME Legal: Good morning, ACME Legal, how can I
  help?".
  ACME dials 100, Bob dials 200, then Eve (a VIP of the directory) dials
  100 -> Enter -> Eve talks to the console, ACME and Bob still ring.
"""

import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from console import Cases, Console, expect  # noqa: E402
from office import Office, calls, office_spec, only, talking  # noqa
from office import write_office  # noqa: E402

ACME_GREETING = "ACME Legal: Good morning, ACME Legal, how can I help?"

LINES = """
line "100" { company = "ACME Legal"
             greeting = "Good morning, ACME Legal, how can I help?" }
line "200" { company = "Globex Sales"
             greeting = "Globex Sales, this is reception." }
"""


def line_uri(con, number):
    """The console's address with the company line's number as user."""
    return "sip:%s@127.0.0.1:%d" % (number, con.port)


def ringing_at_console(st, uid):
    c = only(st, uid)
    return c is not None and c["state"] in ("ringing", "early")


CALLERS = ("acme", "bob", "eve")


def hang_up_everyone(office, con, callers=CALLERS):
    """Ends every caller's call, so a failed case leaves none ringing."""
    for uid in callers:
        if calls(office.status(), uid):
            office.cmd("office_hangup", uid)
    office.wait_for(lambda st: not any(calls(st, u) for u in callers),
                    what="every caller's call to end")
    con.wait_screen("Calls (0)")


def company_line_rings_named_and_greets_on_answer(office, con):
    office.cmd("office_call", "acme " + line_uri(con, "100"))
    scr = con.wait_screen("ACME Corp")
    office.wait_for(lambda st: ringing_at_console(st, "acme"),
                    what="ACME to hear the console ring")
    scr = con.wait_screen("ACME Legal")
    expect("RING" in scr, "the call rings on the ACME Legal line:\n" + scr)

    con.keys("Enter")
    # the caller's call is to the number it dialled, at the console
    office.wait_for(lambda st: talking(st, "acme", "100"),
                    what="ACME to talk to the console")
    scr = con.wait_screen(ACME_GREETING)
    expect("TALK" in scr, "ACME is connected:\n" + scr)


def vip_ringing_last_is_answered_first(office, con):
    office.cmd("office_call", "acme " + line_uri(con, "100"))
    office.wait_for(lambda st: ringing_at_console(st, "acme"),
                    what="ACME to ring at the console")
    con.wait_screen("ACME Corp")
    office.cmd("office_call", "bob " + line_uri(con, "200"))
    office.wait_for(lambda st: ringing_at_console(st, "bob"),
                    what="Bob to ring at the console")
    con.wait_screen("Bob Jones")
    office.cmd("office_call", "eve " + line_uri(con, "100"))
    office.wait_for(lambda st: ringing_at_console(st, "eve"),
                    what="Eve to ring at the console")
    con.wait_screen("Eve Boss")

    con.keys("Enter")
    office.wait_for(lambda st: talking(st, "eve", "100"),
                    what="Eve (VIP, rang last) to talk to the console")
    st = office.status()
    expect(ringing_at_console(st, "acme") and ringing_at_console(st, "bob"),
           "ACME and Bob still ring: %r %r" % (only(st, "acme"),
                                               only(st, "bob")))


def main():
    cases = Cases()
    with tempfile.TemporaryDirectory(prefix="cordboard-lines-") as tmp:
        spec = office_spec(callers={
            "acme": {"name": "ACME Corp", "number": "+3315551234",
                     "tone": 440},
            "bob": {"name": "Bob Jones", "number": "+441632960001",
                    "tone": 523},
            "eve": {"name": "Eve Boss", "number": "+4930555099",
                    "tone": 494}})
        # Eve is a contact of the directory marked VIP; not watched, she
        # is no colleague
        vip = ('extension "+4930555099" { name = "Eve Boss" '
               'uri = "sip:+4930555099@%s" vip = yes presence = false '
               'blf = false }\n' % spec["listen"])
        con = Console(tmp, extra_config=LINES + vip)
        spec["console"] = con.uri
        with Office(write_office(tmp, spec)) as office, con:
            for name, case in [
                    ("a company line rings named and greets on answer",
                     company_line_rings_named_and_greets_on_answer),
                    ("a VIP who rings last is answered first",
                     vip_ringing_last_is_answered_first)]:
                cases.run(name, case, office, con)
                hang_up_everyone(office, con)
    return cases.finish()


if __name__ == "__main__":
    sys.exit(main())
