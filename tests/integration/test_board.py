#!/usr/bin/env python3
"""The extensions board follows the office live, through real SUBSCRIBE
and NOTIFY: presence with a note, and an extension's call going from
ringing to talking to idle; a busy target asks before a transfer; a
phone that vanishes shows as unknown and comes back; an office that
restarts (and answers our refresh with 481) is subscribed to again.
The console refreshes every 10 s here (subscribe_expires) so that a
vanished phone shows within seconds."""

import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from console import (Cases, Console, colleague_extensions,  # noqa: E402
                     answer_caller, expect)
from office import (Office, calls, office_spec, subs, subs_ended,  # noqa
                    write_office)


def row(scr, number):
    """The extensions-pane text of NUMBER's row."""
    for line in scr.split("\n"):
        cells = line.split("│")
        for cell in cells:
            if cell.startswith(number + "  "):
                return cell
    return ""


def wait_row(con, number, pred, what, timeout=20):
    return con.wait_screen(lambda s: pred(row(s, number)), timeout=timeout)


def board_subscribes_to_everyone(office, con):
    office.wait_for(lambda st: all(
        {s["event"] for s in subs(st, ext)
         if "reception" in s["subscriber"]} >= {"presence", "dialog"}
        for ext in ("201", "202")),
                    what="the console to subscribe presence and dialog "
                    "for 201 and 202")
    wait_row(con, "201", lambda r: " A- " in r, "201 available, idle")


def presence_with_a_note_shows_up(office, con):
    office.cmd("office_presence", "201 away Back at 3")
    scr = wait_row(con, "201", lambda r: " W- " in r and "Back at 3" in r,
                   "201 away with its note")
    office.cmd("office_presence", "201 dnd")
    wait_row(con, "201", lambda r: " D- " in r, "201 in DND")
    office.cmd("office_presence", "201 available")
    wait_row(con, "201", lambda r: " A- " in r, "201 available again")
    del scr


def a_call_goes_ringing_talking_idle(office, con):
    office.cmd("office_call", "acme sip:202@" + con.office_listen)
    wait_row(con, "202", lambda r: " AR " in r and "ACME Corp" in r,
             "202 ringing with ACME")
    office.cmd("office_answer", "202")
    wait_row(con, "202", lambda r: " AC " in r and "ACME Corp" in r,
             "202 talking to ACME")
    office.cmd("office_hangup", "acme")
    wait_row(con, "202", lambda r: " A- " in r, "202 idle again")


def a_busy_target_asks_before_the_transfer(office, con):
    office.cmd("office_presence", "202 busy")
    wait_row(con, "202", lambda r: " B" in r, "202 busy on the board")
    answer_caller(office, con)
    con.keys("t")
    con.type("bob")
    con.keys("Enter")
    con.wait_screen("Bob Stone is busy: y go ahead, v voicemail, n cancel")
    con.keys("n")
    con.wait_screen(lambda s: "go ahead" not in s)
    expect(calls(office.status(), "acme")[0]["peer_user"] == "reception",
           "n changes nothing: ACME still with the console")
    office.cmd("office_hangup", "acme")
    con.wait_screen("Calls (0)")
    office.cmd("office_presence", "202 available")


def a_phone_that_vanishes_shows_unknown_then_comes_back(office, con):
    wait_row(con, "202", lambda r: " A- " in r, "202 available, idle")
    office.cmd("office_die", "202")
    # its next refresh goes unanswered: no NOTIFY within a lifetime
    wait_row(con, "202", lambda r: " ?? " in r, "202 unknown", timeout=45)
    expect(" A- " in row(con.screen(), "201"), "201 is still known")
    office.cmd("office_revive", "202")
    wait_row(con, "202", lambda r: " A- " in r, "202 known again",
             timeout=45)


def a_restarted_office_is_subscribed_to_again(office, con):
    office.cmd("office_presence", "201 away Old note")
    wait_row(con, "201", lambda r: "Old note" in r,
             "201 away before the restart")
    # gone without a word, back with no memory of our subscriptions:
    # the console's next refresh gets 481 and it subscribes afresh
    office.proc.kill()
    office.proc.wait()
    office.stop()
    office.start()
    office.wait_for(lambda st: all(
        {s["event"] for s in subs(st, ext)
         if "reception" in s["subscriber"]} >= {"presence", "dialog"}
        for ext in ("201", "202")), timeout=45,
                    what="the console to subscribe to the new office")
    wait_row(con, "201", lambda r: " A- " in r and "Old note" not in r,
             "201 as the new office has it: available")
    expect("a contact of an earlier office: 481" in office.log_tail(400),
           "the console's refresh reached the new office and got 481")


def quitting_ends_every_subscription(office, con):
    con.keys("q")

    def ended(st, ext, event):
        return any(s["event"] == event and "reception" in s["subscriber"]
                   and s["ended"] == "unsubscribed"
                   for s in subs_ended(st, ext))
    office.wait_for(lambda st: all(ended(st, ext, ev)
                                   for ext in ("201", "202")
                                   for ev in ("presence", "dialog")),
                    what="the console to unsubscribe from everyone")
    expect(not any("reception" in s["subscriber"]
                   for ext in ("201", "202")
                   for s in subs(office.status(), ext)),
           "no subscription of the console is left")


def main():
    cases = Cases()
    with tempfile.TemporaryDirectory(prefix="cordboard-it-") as tmp:
        spec = office_spec(
            callers={"acme": {"name": "ACME Corp", "number": "+3315551234",
                              "tone": 440}},
            colleagues={"201": {"name": "Alice Martin", "answer": "manual",
                                "tone": 880},
                        "202": {"name": "Bob Stone", "answer": "manual",
                                "tone": 660}})
        con = Console(tmp, extensions=colleague_extensions(spec["listen"]),
            extra_config="subscribe_expires = 10\n")
        con.office_listen = spec["listen"]
        spec["console"] = con.uri
        with Office(write_office(tmp, spec)) as office, con:
            cases.run_all([
                    ("the board subscribes to everyone",
                     board_subscribes_to_everyone),
                    ("presence with a note shows up",
                     presence_with_a_note_shows_up),
                    ("a call goes ringing, talking, idle",
                     a_call_goes_ringing_talking_idle),
                    ("a busy target asks before the transfer",
                     a_busy_target_asks_before_the_transfer),
                    ("a phone that vanishes shows unknown, then comes back",
                     a_phone_that_vanishes_shows_unknown_then_comes_back),
                    ("a restarted office is subscribed to again",
                     a_restarted_office_is_subscribed_to_again),
                    ("quitting ends every subscription",
                     quitting_ends_every_subscription)], office, con)
    return cases.finish()


if __name__ == "__main__":
    sys.exit(main())
