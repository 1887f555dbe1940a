#!/usr/bin/env python3
"""A second independent brand of phone: Twinkle (twinkle-console,
headless) calls the reception and is handed over to an office phone,
once with a blind transfer and once with an attended one. Twinkle says
who it talks to; the office target says who it talks to and that the
attended transfer's call replaced the consult dialog."""

import os
import re
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from console import (Cases, Console, colleague_extensions,  # noqa: E402
                     expect, tmux_available)
from office import (Office, calls, free_port, office_spec,  # noqa: E402
                    only, write_office)
from twinkle import Twinkle, twinkle_available  # noqa: E402


def peer_user(call):
    return call["peer"].split(":", 1)[-1].split("@", 1)[0]


def office_talks(st, uid, other):
    c = only(st, uid)
    return bool(c) and c["state"] == "established" and \
        peer_user(c) == other


def sent_invites(tw):
    """The INVITEs Twinkle sent, as its own log has them."""
    with open(tw.sip_log, encoding="utf-8", errors="replace") as f:
        text = f.read()
    return re.findall(r"Send to: [^\n]*\n(INVITE [\s\S]*?)\n---", text)


def twinkle_on_the_console(tw, con):
    """Twinkle calls reception; the operator answers."""
    con.wait_screen("Calls (0)")
    tw.call(con.uri)
    con.wait_screen("Twin Caller")
    con.keys("Enter")
    tw.wait_talking("reception")
    con.wait_screen("TALK")


def blind_transfer_of_a_twinkle_caller(office, con, tw):
    twinkle_on_the_console(tw, con)
    con.keys("t")
    con.wait_screen("Transfer to:")
    con.type("202")
    con.keys("Enter")
    office.wait_for(lambda st: office_talks(st, "202", "tw"),
                    what="Bob (202) to talk to the Twinkle caller")
    tw.wait_talking("202")
    con.wait_screen("Calls (0)")


def attended_transfer_of_a_twinkle_caller(office, con, tw):
    twinkle_on_the_console(tw, con)
    con.keys("c")
    con.type("201")
    con.keys("Enter")
    office.wait_for(lambda st: only(st, "201"), what="Alice to ring")
    office.cmd("office_answer", "201")
    office.wait_for(lambda st: office_talks(st, "201", "reception"),
                    what="Alice to talk to the console")
    con.wait_screen("CONS")
    consult = only(office.status(), "201")
    invites = len(sent_invites(tw))
    con.keys("T")
    office.wait_for(lambda st: office_talks(st, "201", "tw"),
                    what="Alice (201) to talk to the Twinkle caller")
    tw.wait_talking("201")
    con.wait_screen("Calls (0)")
    new = [c for c in calls(office.status(), "201")
           if peer_user(c) == "tw"]
    expect(new and new[0]["replaced"] == consult["callid"],
           "Alice's call from Twinkle replaced the consult: %r" % new)
    sent = sent_invites(tw)[invites:]
    expect(len(sent) == 1 and "Replaces: " + consult["callid"] in sent[0],
           "Twinkle sent one INVITE, with Replaces: %r" % sent)


def quiet(office, con, tw):
    """After a case: everyone hangs up and nobody has a call left."""
    tw.hangup()
    for uid in ("201", "202"):
        office.cmd("office_hangup", uid, check=False)
    for _ in range(5):
        if "Calls (0)" in con.screen():
            break
        con.keys("x")
    con.wait_screen("Calls (0)")
    tw.wait_for(lambda p: p.talking_to() == [], "no calls left")


def tidy(case):
    """CASE, then a quiet desk whatever happened in it."""
    def run(office, con, tw):
        try:
            case(office, con, tw)
        finally:
            quiet(office, con, tw)
    return run


def main():
    if not twinkle_available() or not tmux_available():
        print("SKIP: twinkle-console or tmux missing (scripts/lib/"
              "common.sh installs twinkle-console)")
        return 77
    cases = Cases()
    with tempfile.TemporaryDirectory(prefix="cordboard-tw-") as tmp:
        spec = office_spec(
            colleagues={"201": {"name": "Alice Martin", "answer": "manual",
                                "tone": 880},
                        "202": {"name": "Bob Stone", "answer": "auto",
                                "delay": 1, "tone": 660}})
        tw = Twinkle(tmp, "tw", free_port(20), name="Twin Caller")
        con = Console(tmp, extensions=colleague_extensions(spec["listen"]))
        spec["console"] = con.uri
        with Office(write_office(tmp, spec)) as office, con, tw:
            cases.run_all([
                ("blind transfer of a Twinkle caller",
                 tidy(blind_transfer_of_a_twinkle_caller)),
                ("attended transfer of a Twinkle caller",
                 tidy(attended_transfer_of_a_twinkle_caller))],
                office, con, tw)
    return cases.finish()


if __name__ == "__main__":
    sys.exit(main())
