#!/usr/bin/env python3
"""A short day told in the operator's words: answer, hold, consult and
complete, blind transfer, a failed transfer and its recall, park and
pick-up, a conference handed over, worked by keys. The log pane holds only the operator's
sentences (no line of the console's baresip.log), the status line after
each completed transfer says who is now with whom, and the office
confirms who talks to whom."""

import os
import re
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from console import (Cases, Console, colleague_extensions,  # noqa: E402
                     answer_caller, clear_the_desk, expect)
from office import (Office, hears, office_spec, talking,  # noqa: E402
                    write_office)


def log_pane(scr):
    """The rows inside the log pane's frame, stripped."""
    rows, inside = [], False
    for line in scr.splitlines():
        if re.search(r"[─-] Log( \(scrolled back\))? [─-]", line):
            inside = True
            continue
        if inside:
            if not line.lstrip().startswith(("│", "|")):
                break
            row = line.strip().strip("│|").strip()
            rows.append(row)
    return rows


def status_line(scr):
    """The status bar: the screen's last row."""
    return scr.rstrip("\n").splitlines()[-1]


def pane_says(con, words, timeout=20):
    """Waits until the log pane shows WORDS (a row may wrap them)."""
    def seen(scr):
        return words in " ".join(log_pane(scr))
    return con.wait_screen(seen, timeout=timeout)


def answer_hold_retrieve(office, con):
    answer_caller(office, con)
    pane_says(con, "Connected to ACME Corp")
    con.keys("h")
    pane_says(con, "ACME Corp on hold")
    office.wait_for(lambda st: talking(st, "acme", "reception"),
                    what="ACME held, still with the console")
    con.keys("h")
    pane_says(con, "Talking to ACME Corp again")


def consult_and_complete(office, con):
    con.keys("c")
    con.type("201")
    con.keys("Enter")
    office.wait_for(lambda st: [c for u in st["uas"] if u["id"] == "201"
                                for c in u["calls"]], what="Alice to ring")
    office.cmd("office_answer", "201")
    pane_says(con, "Alice Martin answered")
    con.keys("T")
    office.wait_for(lambda st: talking(st, "acme", "201"),
                    what="ACME and Alice to talk to each other")
    scr = con.wait_screen("Calls (0)")
    scr = con.wait_screen(lambda s: "ACME Corp is now with Alice Martin"
                          in status_line(s))
    expect("ended" not in status_line(scr),
           "the status line keeps the outcome:\n" + scr)
    pane_says(con, "ACME Corp is now with Alice Martin")
    clear_the_desk(office, con)


def blind_transfer(office, con):
    answer_caller(office, con, caller="bob", name="Bob Jones")
    con.keys("t")
    con.wait_screen("Transfer to:")
    con.type("202")
    con.keys("Enter")
    office.wait_for(lambda st: talking(st, "bob", "202"),
                    what="Bob Jones to talk to Bob Stone")
    con.wait_screen(lambda s: "Bob Jones is now with Bob Stone"
                    in status_line(s))
    pane_says(con, "Bob Jones is now with Bob Stone")
    clear_the_desk(office, con)


def failed_transfer_recalls(office, con):
    office.cmd("office_set", "202 answer=reject reject_code=486 delay=0")
    answer_caller(office, con)
    con.keys("t")
    con.wait_screen("Transfer to:")
    con.type("202")
    con.keys("Enter")
    pane_says(con, "Transfer to Bob Stone failed: busy")
    pane_says(con, "ACME Corp is back on line")
    office.wait_for(lambda st: talking(st, "acme", "reception"),
                    what="ACME back with the console")
    office.cmd("office_set", "202 answer=auto delay=1")


def park_and_pick_up(office, con):
    con.keys("p")
    pane_says(con, "ACME Corp parked in slot 1")
    con.keys("P")
    con.type("1")
    con.keys("Enter")
    pane_says(con, "ACME Corp picked up from slot 1")
    office.wait_for(lambda st: talking(st, "acme", "reception"),
                    what="ACME back with the console")
    clear_the_desk(office, con)


def conference_and_hand_over(office, con):
    answer_caller(office, con)
    con.keys("c")
    con.type("201")
    con.keys("Enter")
    office.wait_for(lambda st: [c for u in st["uas"] if u["id"] == "201"
                                for c in u["calls"]], what="Alice to ring")
    office.cmd("office_answer", "201")
    pane_says(con, "Alice Martin answered")
    con.keys("m")
    office.wait_for(lambda st: hears(st, "acme", "reception") == [880] and
                    hears(st, "201", "reception") == [440],
                    what="ACME and Alice to hear each other at the console")
    pane_says(con, "Conference: ACME Corp, Alice Martin and you")
    con.keys("L")
    office.wait_for(lambda st: talking(st, "acme", "201"),
                    what="ACME and Alice handed over to each other")
    con.wait_screen("Calls (0)")
    scr = con.wait_screen(lambda s: "ACME Corp is now with Alice Martin"
                          in status_line(s))
    expect("ended" not in status_line(scr),
           "the status line keeps the outcome:\n" + scr)
    clear_the_desk(office, con)


def the_log_scrolls(office, con):
    newest = [r for r in log_pane(con.screen()) if r][-1]
    con.keys("[")
    scr = con.wait_screen("Log (scrolled back)")
    expect(newest not in log_pane(scr)[-1:],
           "the newest row left the bottom:\n" + scr)
    con.keys("]")
    scr = con.wait_screen(lambda s: "scrolled back" not in s)
    expect([r for r in log_pane(scr) if r][-1] == newest,
           "back at the newest:\n" + scr)


def the_pane_holds_only_sentences(office, con):
    scr = con.screen()
    rows = [r for r in log_pane(scr) if r]
    expect(rows, "the log pane shows sentences:\n" + scr)
    bslog = None
    for root, _, files in os.walk(con.dir):
        if "baresip.log" in files:
            bslog = os.path.join(root, "baresip.log")
    expect(bslog, "the console has a baresip.log")
    with open(bslog, encoding="utf-8", errors="replace") as f:
        stack = [ln.strip() for ln in f if ln.strip()]
    expect(len(stack) > 5, "baresip's lines reach its log file: %d" %
           len(stack))
    for row in rows:
        # the start of a pane row is the start of a wrapped line
        clash = [ln for ln in stack if len(row) > 8 and
                 (ln.startswith(row) or row.startswith(ln))]
        expect(not clash, "a baresip line in the pane: %r (%r)" % (
            row, clash[:1]))
    for word in ("ua:", "call:", "stream:", "Populated"):
        expect(word not in " ".join(rows),
               "no SIP stack words in the pane (%s):\n%s" % (word, scr))


def main():
    cases = Cases()
    with tempfile.TemporaryDirectory(prefix="cordboard-it-") as tmp:
        spec = office_spec(
            callers={"acme": {"name": "ACME Corp", "number": "+3315551234",
                              "tone": 440},
                     "bob": {"name": "Bob Jones", "number": "+441632960001",
                             "tone": 523}},
            colleagues={"201": {"name": "Alice Martin", "answer": "manual",
                                "tone": 880},
                        "202": {"name": "Bob Stone", "answer": "auto",
                                "delay": 1, "tone": 660}})
        con = Console(tmp, extensions=colleague_extensions(spec["listen"]),
                      extra_config="transfer { recall_after = 4 }\n")
        spec["console"] = con.uri
        with Office(write_office(tmp, spec)) as office, con:
            cases.run_all([
                ("answer, hold, retrieve", answer_hold_retrieve),
                ("consult and complete: who is with whom",
                 consult_and_complete),
                ("blind transfer: who is with whom", blind_transfer),
                ("a failed transfer recalls the caller",
                 failed_transfer_recalls),
                ("park and pick up", park_and_pick_up),
                ("conference, then hand over", conference_and_hand_over),
                ("the log scrolls back and forward", the_log_scrolls),
                ("the log pane holds only sentences",
                 the_pane_holds_only_sentences)], office, con)
    return cases.finish()


if __name__ == "__main__":
    sys.exit(main())
