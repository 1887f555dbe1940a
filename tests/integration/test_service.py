#!/usr/bin/env python3
"""Night service as the office lives it: with service { mode = "night"
night_target = "202" } a caller does not ring at the console (no
line_offered event, nothing for the operator to answer): Bob's phone
(202) rings with the caller itself and, answering, he talks to it (each
hears the other's tone); the history says "night". N turns the service
to day, and the next caller rings at the console again; N again turns
it back to night. Without a night target a caller hears 480."""

import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from console import (Cases, Console, colleague_extensions,  # noqa: E402
                     clear_the_desk, expect)
from office import (Office, calls, ended, hears, office_spec,  # noqa: E402
                    only, talking, write_office)

ACME = "+3315551234"

NIGHT = """
service { mode = "night" night_target = "202" }
"""


def quiet(office, con):
    for uid in ("acme", "bob", "201", "202"):   # what a failed case left
        office.cmd("office_hangup", uid, check=False)
    office.wait_for(lambda st: not any(u["calls"] for u in st["uas"]),
                    what="a quiet office before the case")
    con.wait_screen("Calls (0)")


def ringing(st, uid):
    """UID's one call while it rings, or None."""
    c = only(st, uid)
    return c if c and c["state"] == "incoming" else None


def offered(con, since):
    return [e for e in con.events()[since:] if e["event"] == "line_offered"]


def at_night_the_caller_goes_to_the_night_line(office, con):
    quiet(office, con)
    con.wait_screen("NIGHT")
    mark = con.mark()
    office.cmd("office_call", "acme " + con.uri)
    call = office.wait_for(lambda st: ringing(st, "202"),
                           what="Bob (202) to ring with the night call")
    expect(call["peer_user"] == ACME,
           "ACME itself calls Bob (a blind transfer): %r" % call)
    office.cmd("office_answer", "202")
    office.wait_for(lambda st: talking(st, "acme", "202"),
                    what="ACME and Bob to talk to each other")
    office.wait_for(lambda st: hears(st, "acme", "202") == [660] and
                    hears(st, "202", ACME) == [440],
                    what="ACME to hear Bob's 660 Hz and Bob ACME's 440")
    con.wait_event("transferred", since=mark)
    con.wait_screen("Calls (0)")
    expect(not offered(con, mark),
           "the console never offered the call: %r" % offered(con, mark))
    scr = con.screen()
    expect("Night service: ACME Corp sent to Bob Stone" in scr,
           "the status line says so:\n" + scr)
    rec = [r for r in con.history() if r.get("number") == ACME]
    expect(rec and rec[-1]["outcome"] == "night",
           "the history says night: %r" % rec)
    clear_the_desk(office, con)


def by_day_the_console_rings_again(office, con):
    quiet(office, con)
    mark = con.mark()
    con.keys("N")
    ev = con.wait_event("service", since=mark)
    expect(ev["detail"] == "day" and "Day service" in ev["text"], "the event says day: %r" % ev)
    con.wait_screen("Day service: calls ring here")
    expect("NIGHT" not in con.screen(), "NIGHT is gone:\n" + con.screen())
    office.cmd("office_call", "acme " + con.uri)
    con.wait_event("line_offered", since=mark)
    con.wait_screen("ACME Corp")
    expect(not calls(office.status(), "202"), "Bob's phone stays quiet")
    con.keys("a")
    office.wait_for(lambda st: talking(st, "acme", "reception"),
                    what="ACME to talk to the operator")
    con.keys("x")
    office.wait_for(lambda st: not calls(st, "acme"),
                    what="ACME's call to end")
    mark = con.mark()
    con.keys("N")
    ev = con.wait_event("service", since=mark)
    expect(ev["detail"] == "night" and "Night service" in ev["text"], "the event says night: %r" % ev)
    con.wait_screen("Night service: calls go to Bob Stone")
    clear_the_desk(office, con)


def without_a_night_target_the_caller_hears_480(tmp, spec):
    os.makedirs(os.path.join(tmp, "no-target"))
    con = Console(os.path.join(tmp, "no-target"),
                  extensions=colleague_extensions(spec["listen"]),
                  extra_config='service { mode = "night" }\n')
    spec["console"] = con.uri
    with Office(write_office(tmp, spec, "no-target.office")) as office, \
            con:
        mark = con.mark()
        office.cmd("office_call", "acme " + con.uri)
        office.wait_for(lambda st: not calls(st, "acme") and
                        ended(st, "acme"), what="ACME's call to end")
        end = ended(office.status(), "acme")[-1]
        expect(end["scode"] == 480, "ACME heard 480: %r" % end)
        expect(not offered(con, mark), "the console never offered it")
        con.wait_screen("heard that nobody is available")


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
        os.makedirs(os.path.join(tmp, "night"))
        con = Console(os.path.join(tmp, "night"),
                      extensions=colleague_extensions(spec["listen"]),
                      extra_config=NIGHT)
        spec["console"] = con.uri
        with Office(write_office(tmp, spec)) as office, con:
            cases.run_all([
                    ("at night the caller goes to the night line",
                     at_night_the_caller_goes_to_the_night_line),
                    ("by day the console rings again",
                     by_day_the_console_rings_again)],
                     office, con)
        cases.run("without a night target the caller hears 480",
                  without_a_night_target_the_caller_hears_480, tmp, spec)
    return cases.finish()


if __name__ == "__main__":
    sys.exit(main())
