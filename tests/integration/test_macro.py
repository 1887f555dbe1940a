#!/usr/bin/env python3
"""A macro bound to a key does the whole hand-over: F9 answers ACME,
consults Alice and completes the transfer, and the office sees ACME
talking to Alice with the console out of the call. A second press while
nothing rings stops the macro at its wait and leaves everything as it
is."""

import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from console import (Cases, Console, colleague_extensions,  # noqa: E402
                     expect)
from office import Office, calls, office_spec, talking, write_office  # noqa

KEYMAP = """include("default")

macro "to-sales" {
    do = { "consult 201", "wait answered 20s", "complete" }
}

macro "greet-sales" {
    do = { "wait offered 2s", "answer", "wait established 5s",
           "macro to-sales" }
}

mode "normal" {
    bind("F9", "macro greet-sales", "Answer and hand over to Sales")
}
"""


def a_key_runs_answer_consult_complete(office, con):
    office.cmd("office_call", "acme " + con.uri)
    con.wait_screen("ACME Corp")
    con.keys("F9")
    office.wait_for(lambda st: talking(st, "acme", "201"), timeout=30,
                    what="ACME talking to Alice after the macro")
    con.wait_screen("Calls (0)")
    office.cmd("office_hangup", "acme")
    office.wait_for(lambda st: not calls(st, "201"),
                    what="Alice's call to end")


def a_macro_that_cannot_go_on_stops_and_changes_nothing(office, con):
    con.keys("F9")      # nothing rings: its first wait times out
    con.wait_screen("stopped", timeout=10)
    expect(not calls(office.status(), "201"), "nobody was called")
    expect("Calls (0)" in con.screen(), "the board is as it was")


def main():
    cases = Cases()
    with tempfile.TemporaryDirectory(prefix="cordboard-it-") as tmp:
        km = os.path.join(tmp, "mine.keymap")
        with open(km, "w") as f:
            f.write(KEYMAP)
        spec = office_spec(
            callers={"acme": {"name": "ACME Corp", "number": "+3315551234",
                              "tone": 440}},
            colleagues={"201": {"name": "Alice Martin", "answer": "auto",
                                "delay": 1, "tone": 880}})
        con = Console(tmp, extensions=colleague_extensions(
            spec["listen"], ("201",)),
            args=["--keymap", km])
        spec["console"] = con.uri
        with Office(write_office(tmp, spec)) as office, con:
            cases.run_all([
                    ("a key runs answer, consult, complete",
                     a_key_runs_answer_consult_complete),
                    ("a macro that cannot go on stops, changing nothing",
                     a_macro_that_cannot_go_on_stops_and_changes_nothing)],
                     office, con)
    return cases.finish()


if __name__ == "__main__":
    sys.exit(main())
