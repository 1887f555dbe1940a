#!/usr/bin/env python3
"""Transfers as the receptionist does them, keys in, office side out
(who is connected to whom, who is held, and which tone each one hears):
consult and cancel, swap, consult a busy colleague, blind transfer, a
blind transfer to a busy colleague, voicemail. Whatever fails, the
caller stays connected to the console (the office says so), flagged."""

import os
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from console import (Cases, Console, colleague_extensions,  # noqa: E402
                     answer_caller, expect)
from office import (Office, calls, hears, office_spec, only,  # noqa: E402
                    refers_in, talking, write_office)


def peer_user(call):
    peer = call["peer"]
    return peer.split(":", 1)[-1].split("@", 1)[0]


def connected(st, uid, other):
    c = only(st, uid)
    return c and c["state"] == "established" and peer_user(c) == other


def caller_on_the_console(office, con):
    office.wait_for(lambda st: not any(u["calls"] for u in st["uas"]),
                    what="a quiet office before the case")
    con.wait_screen("Calls (0)")
    answer_caller(office, con)
    expect(connected(office.status(), "acme", "reception"),
           "ACME has one call, with the console")
    con.wait_screen("TALK")


def finish(office, con):
    office.cmd("office_hangup", "acme")
    for ext in ("201", "202"):
        office.cmd("office_revive", ext, check=False)
        office.cmd("office_hangup", ext)
    # a leg to a phone that vanished stays until the operator drops it
    for _ in range(5):
        if "Calls (0)" in con.screen():
            break
        con.keys("x")
        time.sleep(0.5)
    con.wait_screen("Calls (0)")
    office.cmd("office_set", "201 answer=manual")
    office.cmd("office_set", "202 answer=auto delay=1")
    office.cmd("office_set", "acme refer=accept transfer_timeout=30")


def consult_alice(office, con):
    con.keys("c")
    con.type("201")
    con.keys("Enter")
    office.wait_for(lambda st: only(st, "201"), what="Alice to ring")
    office.cmd("office_answer", "201")
    office.wait_for(lambda st: connected(st, "201", "reception"),
                    what="Alice to talk to the console")
    con.wait_screen("CONS")


def attended_transfer_hands_the_caller_over(office, con):
    mark = con.mark()
    caller_on_the_console(office, con)
    consult_alice(office, con)
    consult = only(office.status(), "201")
    con.keys("T")
    office.wait_for(lambda st: talking(st, "acme", "201"),
                    what="ACME and Alice to talk to each other")
    office.wait_for(lambda st: hears(st, "acme", "201") == [880] and
                    hears(st, "201", "+3315551234") == [440],
                    what="ACME to hear Alice's 880 Hz and Alice ACME's 440")
    st = office.status()
    new = [c for c in calls(st, "201") if c["peer_user"] == "+3315551234"]
    expect(new and new[0]["replaced"] == consult["callid"],
           "Alice's new call replaced the consult dialog: %r" % new)
    refer = refers_in(st, "acme")[-1]["refer_to"]
    for part in (consult["local_tag"], consult["remote_tag"]):
        expect(part in refer, "Refer-To carries the consult tags: %s" %
               refer)
    expect("to-tag%3D" + consult["local_tag"] in refer,
           "to-tag is Alice's own tag: %s" % refer)
    by = refers_in(st, "acme")[-1]["referred_by"]
    expect("reception@" in by, "Referred-By names the console: %r" % by)
    con.wait_screen("Calls (0)")
    ev = con.wait_event("transferred", since=mark)
    expect(ev["text"] == "ACME Corp is now with Alice Martin" and
           ev["detail"] == "ACME Corp -> Alice Martin", "event: %r" % ev)
    office.wait_for(lambda st: not any(
        c["peer_user"] == "reception" for u in ("acme", "201")
        for c in calls(st, u)), what="the console to have left both calls")
    office.cmd("office_hangup", "acme")
    office.wait_for(lambda st: not calls(st, "201"), what="quiet")
    finish(office, con)


def recall_kept(office, con, what, mark, off_hold=True):
    """The caller is back: still connected to the console and, when the
    operator is free (OFF_HOLD), taken off hold."""
    scr = con.wait_screen("back on line")
    office.wait_for(lambda st: talking(st, "acme", "reception") and (
        not off_hold or not [c for c in calls(st, "acme")
                             if c["peer_user"] == "reception"][0][
                                 "held_by_peer"]),
                    what="ACME still connected to the console%s (%s)" % (
                        ", off hold" if off_hold else "", what))
    con.wait_event("recall", since=mark)
    return scr


def blind_transfer_recalls(office, con, setting, target, what, words):
    """t TARGET with the office set up to fail: the caller stays
    connected to the console and the status says WORDS."""
    mark = con.mark()
    if setting:
        office.cmd("office_set", setting)
    caller_on_the_console(office, con)
    con.keys("t")
    con.type(target)
    con.keys("Enter")
    scr = recall_kept(office, con, what, mark)
    expect(words in scr, "the status says %r:\n%s" % (words, scr))
    finish(office, con)


def refer_refused_with_405_recalls(office, con):
    blind_transfer_recalls(office, con, "acme refer=reject405", "202",
                           "REFER refused 405", "405")


def refer_refused_with_501_recalls(office, con):
    blind_transfer_recalls(office, con, "acme refer=reject501", "202",
                           "REFER refused 501", "501")


def unknown_target_404_recalls(office, con):
    blind_transfer_recalls(office, con, None,
                           "sip:nobody@" + con.office_listen, "target 404",
                           "404")


def no_final_answer_in_time_recalls(office, con):
    blind_transfer_recalls(office, con, "202 answer=noanswer", "202",
                           "no answer within recall_after", "unconfirmed after")


def consult_target_vanishing_leaves_the_caller_held(office, con):
    caller_on_the_console(office, con)
    consult_alice(office, con)
    office.cmd("office_die", "201")
    # the console cannot know yet; the caller is still with it, held
    st = office.status()
    expect(connected(st, "acme", "reception") and
           only(st, "acme")["held_by_peer"], "ACME held on the console")
    con.keys("Escape")
    office.wait_for(lambda st: connected(st, "acme", "reception") and
                    not only(st, "acme")["held_by_peer"],
                    what="ACME back talking after Esc")
    finish(office, con)


def transferee_failing_to_reach_the_target_recalls(office, con):
    mark = con.mark()
    office.cmd("office_set", "acme transfer_timeout=2")
    caller_on_the_console(office, con)
    consult_alice(office, con)
    office.cmd("office_die", "201")
    con.keys("T")
    scr = recall_kept(office, con, "transferee's INVITE unanswered", mark,
                      off_hold=False)
    expect("Alice Martin" in scr, "the status names Alice:\n" + scr)
    finish(office, con)


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
    mark = con.mark()
    caller_on_the_console(office, con)
    con.keys("t")
    con.wait_screen("Transfer to:")
    con.type("202")
    con.keys("Enter")
    office.wait_for(lambda st: connected(st, "acme", "202") and
                    connected(st, "202", "+3315551234"),
                    what="ACME to talk to Bob (202)")
    office.wait_for(lambda st: hears(st, "acme") == [660] and
                    hears(st, "202") == [440],
                    what="ACME to hear Bob's 660 Hz and Bob ACME's 440")
    refer = refers_in(office.status(), "acme")[-1]
    expect(refer["refer_to"].startswith("<sip:202@") and
           "reception@" in refer["referred_by"],
           "blind REFER: Refer-To and Referred-By: %r" % refer)
    con.wait_screen("Calls (0)")
    ev = con.wait_event("transferred", since=mark)
    expect(ev["text"] == "ACME Corp is now with Bob Stone" and
           ev["detail"] == "ACME Corp -> Bob Stone", "event: %r" % ev)
    records = [r for r in con.history() if r["record"] == "transfer"]
    expect(records and records[-1]["text"] == "ACME Corp -> Bob Stone",
           "the history file records the transfer: %r" % records[-1:])
    calls_ = [r for r in con.history() if r["record"] == "call"]
    expect(calls_ and calls_[-1]["transferred"] and
           calls_[-1]["name"] == "ACME Corp",
           "the history file records the call: %r" % calls_[-1:])
    finish(office, con)


def blind_transfer_to_a_busy_colleague_recalls(office, con):
    blind_transfer_recalls(office, con,
                           "202 answer=reject reject_code=486 delay=0",
                           "bob", "Bob busy (486)", "busy")


def voicemail_without_a_box_changes_nothing(office, con):
    caller_on_the_console(office, con)
    con.keys("v")
    con.type("202")
    con.keys("Enter")
    con.wait_screen("Bob Stone has no voicemail")
    expect(connected(office.status(), "acme", "reception"),
           "ACME is still talking to the console")
    finish(office, con)


def voicemail_connects_the_caller_to_the_box(office, con):
    caller_on_the_console(office, con)
    con.keys("v")
    con.wait_screen("Voicemail of:")
    con.type("alice")
    con.keys("Enter")
    office.wait_for(lambda st: talking(st, "acme", "vm-201"),
                    what="ACME to reach Alice's voicemail box")
    office.wait_for(lambda st: hears(st, "acme", "vm-201") == [330],
                    what="ACME to hear the voicemail box's 330 Hz")
    con.wait_screen("Calls (0)")
    office.cmd("office_hangup", "acme")
    finish(office, con)


def a_held_caller_stays_held_when_another_call_ends(office, con):
    """baresip resumes the first held call when another one closes; the
    operator's hold must stand."""
    caller_on_the_console(office, con)
    office.cmd("office_call", "bob " + con.uri)
    con.wait_screen("Bob Jones")
    con.keys("Down", "Enter")
    office.wait_for(lambda st: connected(st, "bob", "reception") and
                    only(st, "acme")["held_by_peer"],
                    what="Bob answered, ACME held")
    mark = con.mark()
    office.cmd("office_hangup", "bob")
    con.wait_event("line_closed", since=mark)
    con.wait_screen("HOLD")
    office.wait_for(lambda st: not calls(st, "bob") and
                    only(st, "acme")["held_by_peer"] and
                    hears(st, "acme") == [],
                    what="ACME still held after Bob's call ended")
    # and it stays so: the console's screen and the office agree
    time.sleep(1.5)
    st = office.status()
    expect(only(st, "acme")["held_by_peer"], "ACME is still held")
    expect("HOLD" in con.screen(), "the console still shows HOLD")
    office.cmd("office_hangup", "acme")
    finish(office, con)


def main():
    cases = Cases()
    with tempfile.TemporaryDirectory(prefix="cordboard-it-") as tmp:
        spec = office_spec(
            callers={"acme": {"name": "ACME Corp", "number": "+3315551234",
                              "tone": 440},
                     "bob": {"name": "Bob Jones", "number": "+441632960001",
                             "tone": 523}},
            voicemails={"vm-201": {"name": "Voicemail Alice", "tone": 330}},
            colleagues={"201": {"name": "Alice Martin", "answer": "manual",
                                "tone": 880},
                        "202": {"name": "Bob Stone", "answer": "auto",
                                "delay": 1, "tone": 660}})
        con = Console(tmp, extensions=colleague_extensions(
            spec["listen"],
            **{"201": {"voicemail": "sip:vm-201@" + spec["listen"]}}),
            extra_config="transfer { recall_after = 4 }\n")
        con.office_listen = spec["listen"]
        spec["console"] = con.uri
        with Office(write_office(tmp, spec)) as office, con:
            cases.run_all([
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
                     voicemail_without_a_box_changes_nothing),
                    ("attended transfer hands the caller over",
                     attended_transfer_hands_the_caller_over),
                    ("REFER refused with 405 recalls",
                     refer_refused_with_405_recalls),
                    ("REFER refused with 501 recalls",
                     refer_refused_with_501_recalls),
                    ("an unknown target (404) recalls",
                     unknown_target_404_recalls),
                    ("no final answer in time recalls",
                     no_final_answer_in_time_recalls),
                    ("the consult target vanishing leaves the caller held",
                     consult_target_vanishing_leaves_the_caller_held),
                    ("the transferee failing to reach the target recalls",
                     transferee_failing_to_reach_the_target_recalls),
                    ("voicemail connects the caller to the box",
                     voicemail_connects_the_caller_to_the_box),
                    ("a held caller stays held when another call ends",
                     a_held_caller_stays_held_when_another_call_ends)],
                     office, con)
    return cases.finish()


if __name__ == "__main__":
    sys.exit(main())
