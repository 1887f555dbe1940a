#!/usr/bin/env python3
"""The directory of people as the desk lives it. Alice (201) has a
mobile in the directory and works for Cordboard SA. Her mobile (an
office phone whose number is that mobile) calls the console: the calls
pane names her and her company, not what the phone sends. Then the
operator marks her out, answers ACME and transfers to her: the offer
names her mobile, and O sends ACME there - the mobile rings, and
answering it talks to ACME."""

import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from console import (Cases, Console, colleague_extensions,  # noqa: E402
                     answer_caller, clear_the_desk, expect)
from office import Office, calls, office_spec, talking, write_office  # noqa

ACME = "+3315551234"
ALICE_MOBILE = "+33612000201"
PEOPLE = ("acme", "mobile", "201", "202")


def a_call_from_alices_mobile_names_her(office, con):
    office.cmd("office_call", "mobile " + con.uri)
    scr = con.wait_screen("Alice Martin (Cordboard SA)")
    expect("Unknown Mobile" not in scr,
           "the console names the contact, not the phone:\n" + scr)
    clear_the_desk(office, con, PEOPLE)


def a_transfer_to_absent_alice_reaches_her_mobile(office, con):
    con.keys("A")
    con.wait_screen("Out (")
    con.keys("C-u")
    con.type("201 lunch")
    con.keys("Enter")
    con.wait_screen("Alice Martin is out")
    answer_caller(office, con)
    con.keys("t")
    con.type("201")
    con.keys("Enter")
    scr = con.wait_screen("O mobile")
    expect("Alice Martin is out" in scr, "the offer says she is out:\n" +
           scr)
    expect(not calls(office.status(), "201"), "Alice's desk was not called")
    con.keys("O")
    office.wait_for(lambda st: calls(st, "mobile"),
                    what="Alice's mobile to ring")
    expect(not calls(office.status(), "201"),
           "her desk phone did not ring")
    office.cmd("office_answer", "mobile")
    office.wait_for(lambda st: talking(st, "acme", "mobile"),
                    what="ACME and Alice's mobile to talk")
    clear_the_desk(office, con, PEOPLE)


def main():
    cases = Cases()
    with tempfile.TemporaryDirectory(prefix="cordboard-it-") as tmp:
        spec = office_spec(
            callers={"acme": {"name": "ACME Corp", "number": ACME,
                              "tone": 440},
                     "mobile": {"name": "Unknown Mobile",
                                "number": ALICE_MOBILE, "tone": 550,
                                "answer": "manual"}},
            colleagues={"201": {"name": "Alice Martin", "answer": "manual",
                                "tone": 880},
                        "202": {"name": "Bob Stone", "answer": "manual",
                                "tone": 660}})
        con = Console(tmp, account={"dial_domain": spec["listen"]},
                      extensions=colleague_extensions(
                          spec["listen"],
                          **{"201": {"mobile": ALICE_MOBILE,
                                     "company": "Cordboard SA"}}))
        spec["console"] = con.uri
        with Office(write_office(tmp, spec)) as office:
            with con:
                cases.run("a call from Alice's mobile names her",
                          a_call_from_alices_mobile_names_her, office, con)
                cases.run("a transfer to absent Alice reaches her mobile",
                          a_transfer_to_absent_alice_reaches_her_mobile,
                          office, con)
    return cases.finish()


if __name__ == "__main__":
    sys.exit(main())
