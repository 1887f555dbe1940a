#!/usr/bin/env python3
"""Today's figures, as the receptionist reads them: ACME rings and hangs
up before anyone answers (a caller who hung up while waiting), Beta
rings and is answered. The stats key says "1 answered, 1 hung up while
waiting"; the history file holds both calls with what the waiting room
knew of them; a console started again on the same history says the
same figures."""

import os
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from console import Cases, Console, answer_caller, expect  # noqa: E402
from office import Office, calls, office_spec, write_office  # noqa: E402

FIGURES = "1 answered, 1 hung up while waiting"


def quiet(office, con):
    for uid in ("acme", "beta"):
        office.cmd("office_hangup", uid, check=False)
    office.wait_for(lambda st: not any(u["calls"] for u in st["uas"]),
                    what="a quiet office")
    con.wait_screen("Calls (0)")


def stats_say(con, text):
    """The stats key (=) puts today's figures on the status line."""
    con.keys("=")
    return con.wait_screen(text)


def a_caller_hangs_up_another_is_answered(office, con):
    quiet(office, con)
    stats_say(con, "Today: 0 answered")
    office.cmd("office_call", "acme " + con.uri)
    con.wait_screen("ACME Corp")
    time.sleep(1.5)     # ACME waits a moment, then gives up
    office.cmd("office_hangup", "acme")
    office.wait_for(lambda st: not calls(st, "acme"), what="acme gone")
    con.wait_screen("Calls (0)")
    answer_caller(office, con, caller="beta", name="Beta Ltd")
    office.cmd("office_hangup", "beta")
    con.wait_screen("Calls (0)")
    stats_say(con, FIGURES)
    recs = [r for r in con.history() if r.get("record") == "call"]
    by_number = {r["number"]: r for r in recs}
    acme, beta = by_number.get("+3315551234"), by_number.get("+3315559876")
    expect(acme and acme["outcome"] == "abandoned" and
           not acme["answered"], "ACME's record: %r" % acme)
    expect(acme["waited_s"] >= 1, "ACME waited: %r" % acme)
    expect(beta and beta["outcome"] == "answered" and beta["answered"],
           "Beta's record: %r" % beta)
    for r in (acme, beta):
        for key in ("waited_s", "company", "dialled", "vip", "reminders"):
            expect(key in r, "%s in the record %r" % (key, r))


def the_figures_survive_a_restart(office, tmp, con):
    con.stop()
    os.remove(os.path.join(tmp, "exit-status"))
    again = Console(tmp, listen_port=con.port)
    with again:
        scr = stats_say(again, FIGURES)
        expect("Today:" in scr, "the figures after a restart:\n" + scr)
        again.keys("?")
        again.wait_screen("Today: 1 answered, 1 hung up waiting")
        again.keys("Escape")


def main():
    cases = Cases()
    with tempfile.TemporaryDirectory(prefix="cordboard-it-") as tmp:
        spec = office_spec(
            callers={"acme": {"name": "ACME Corp", "number": "+3315551234",
                              "tone": 440},
                     "beta": {"name": "Beta Ltd", "number": "+3315559876",
                              "tone": 660}})
        con = Console(tmp)
        spec["console"] = con.uri
        with Office(write_office(tmp, spec)) as office:
            with con:
                cases.run("a caller hangs up, another is answered",
                          a_caller_hangs_up_another_is_answered, office,
                          con)
            cases.run("the figures survive a restart",
                      the_figures_survive_a_restart, office, tmp, con)
    return cases.finish()


if __name__ == "__main__":
    sys.exit(main())
