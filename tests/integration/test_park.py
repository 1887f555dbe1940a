#!/usr/bin/env python3
"""Intercom, park and ring groups as the receptionist runs them, keys in,
office side out. Alice (201) and Bob Stone (202) auto-answer only a call
that asks their phone to (a page); otherwise they ring until told. Who
talks to whom, and which header a page carried, is read off the office."""

import os
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from console import (Cases, Console, colleague_extensions,  # noqa: E402
                     answer_caller, clear_the_desk, expect)
from office import (Office, calls, ended, office_spec, only,  # noqa: E402
                    talking, write_office)

ACME = "+3315551234"
PARK_TIMEOUT = 10

GROUPS = """
intercom { method = "call-info" }
park { slots = 4 timeout = %d uri_prefix = "park-" }
group "sales" { name = "Sales" members = { "201", "202" }
                strategy = "all" ring_time = 8 }
group "support" { name = "Support" members = { "201", "202" }
                  strategy = "in-order" ring_time = 5 }
transfer { recall_after = 6 }
""" % PARK_TIMEOUT


def quiet(office, con):
    for uid in ("acme", "201", "202"):     # what a failed case left
        office.cmd("office_hangup", uid, check=False)
    office.wait_for(lambda st: not any(u["calls"] for u in st["uas"]),
                    what="a quiet office before the case")
    con.wait_screen("Calls (0)")


def finish(office, con):
    clear_the_desk(office, con, ("acme", "201", "202"))


def ringing(st, uid):
    c = only(st, uid)
    return bool(c) and c["state"] == "incoming"


def park_uri(con, slot):
    return con.uri.replace("sip:reception@", "sip:park-%d@" % slot)


def a_plain_call_rings_a_page_auto_answers(office, con):
    """Bob Stone's phone rings for an ordinary call and does not answer;
    the page (i) carries Call-Info answer-after=0 and it answers by
    itself; T then hands ACME over."""
    quiet(office, con)
    con.keys("d")
    con.type("202")
    con.keys("Enter")
    office.wait_for(lambda st: ringing(st, "202"), what="202 to ring")
    time.sleep(2)
    st = office.status()
    expect(ringing(st, "202") and only(st, "202")["intercom"] == "",
           "an ordinary call rings on: %r" % only(st, "202"))
    con.keys("x")
    office.wait_for(lambda st: not calls(st, "202"), what="the call gone")
    answer_caller(office, con)
    mark = con.mark()
    con.keys("i")
    con.type("202")
    con.keys("Enter")
    office.wait_for(lambda st: talking(st, "202", "reception"),
                    what="202 to answer the page by itself")
    page = only(office.status(), "202")["intercom"]
    expect(page.startswith("Call-Info: <sip:202@") and
           page.endswith(";answer-after=0"),
           "the page asked with Call-Info: %r" % page)
    expect(only(office.status(), "acme")["held_by_peer"],
           "ACME waits on hold during the announcement")
    con.wait_event("page", since=mark, detail="paging")
    con.keys("T")
    office.wait_for(lambda st: talking(st, "acme", "202"),
                    what="ACME connected to Bob Stone")
    finish(office, con)


def a_page_uses_the_extensions_own_form(office, con):
    """Alice's extension says answer-mode: the page carries Answer-Mode:
    Auto; x ends it and ACME stays on hold with the console."""
    quiet(office, con)
    answer_caller(office, con)
    con.keys("i")
    con.type("201")
    con.keys("Enter")
    office.wait_for(lambda st: talking(st, "201", "reception"),
                    what="201 to answer the page by itself")
    page = only(office.status(), "201")["intercom"]
    expect(page == "Answer-Mode: Auto", "the page said %r" % page)
    mark = con.mark()
    con.keys("x")
    office.wait_for(lambda st: not calls(st, "201"), what="the page over")
    con.wait_event("page", since=mark, detail="ended")
    time.sleep(1)
    st = office.status()
    expect(talking(st, "acme", "reception") and
           only(st, "acme")["held_by_peer"],
           "ACME still with the console, on hold")
    con.wait_screen("waits on hold")
    finish(office, con)


def an_extension_picks_up_a_parked_caller(office, con):
    """p parks ACME in slot 1; Alice calls park-1 at the console and
    talks to ACME; the console is out of it."""
    quiet(office, con)
    answer_caller(office, con)
    mark = con.mark()
    con.keys("p")
    con.wait_event("park", since=mark, detail="parked 1")
    scr = con.wait_screen("PK1")
    expect("slot 1" in scr, "the status names the slot:\n%s" % scr)
    office.wait_for(lambda st: only(st, "acme")["held_by_peer"],
                    what="ACME on hold while parked")
    office.cmd("office_call", "201 %s" % park_uri(con, 1))
    office.wait_for(lambda st: talking(st, "acme", "201"),
                    what="ACME connected to Alice by the pick-up")
    con.wait_event("transferred", since=mark)
    con.wait_screen("Calls (0)")
    st = office.status()
    expect(not [c for c in calls(st, "acme")
                if c["peer_user"] == "reception"],
           "ACME no longer with the console")
    finish(office, con)


def the_operator_picks_up_the_slot(office, con):
    """P 1 takes ACME back from slot 1; a call to an empty slot is
    refused with 404."""
    quiet(office, con)
    answer_caller(office, con)
    con.keys("p")
    con.wait_screen("PK1")
    office.cmd("office_call", "202 %s" % park_uri(con, 3))
    office.wait_for(lambda st: any(e["scode"] == 404
                                   for e in ended(st, "202")),
                    what="a call to the empty slot 3 refused with 404")
    mark = con.mark()
    con.keys("P")
    con.type("1")
    con.keys("Enter")
    con.wait_event("park", since=mark, detail="picked-up 1")
    office.wait_for(lambda st: talking(st, "acme", "reception") and
                    not only(st, "acme")["held_by_peer"],
                    what="ACME back with the operator, off hold")
    finish(office, con)


def page_and_park_announces_the_slot(office, con):
    """I parks ACME and pages Alice, the status showing the slot; Alice
    hangs up the page and calls park-1."""
    quiet(office, con)
    answer_caller(office, con)
    con.keys("I")
    con.wait_screen("PK1")
    con.type("202")
    con.keys("Enter")
    office.wait_for(lambda st: talking(st, "202", "reception"),
                    what="202 to answer the page")
    con.wait_screen("call on park 1")
    office.cmd("office_hangup", "202")
    office.wait_for(lambda st: not calls(st, "202"), what="the page over")
    office.cmd("office_call", "202 %s" % park_uri(con, 1))
    office.wait_for(lambda st: talking(st, "acme", "202"),
                    what="ACME connected to Bob Stone from the slot")
    finish(office, con)


def a_parked_caller_comes_back(office, con):
    """Nobody picks slot 1 up: after the park timeout ACME is back with
    the operator, flagged, off hold."""
    quiet(office, con)
    answer_caller(office, con)
    mark = con.mark()
    con.keys("p")
    con.wait_screen("PK1")
    con.wait_event("recall", since=mark, timeout=PARK_TIMEOUT + 15)
    con.wait_event("park", since=mark, detail="recalled 1")
    office.wait_for(lambda st: talking(st, "acme", "reception") and
                    not only(st, "acme")["held_by_peer"],
                    what="ACME back with the operator, off hold")
    scr = con.wait_screen("Nobody picked up slot 1")
    expect("PK1" not in scr, "the slot is free again:\n%s" % scr)
    finish(office, con)


def ring_group_all_second_answers(office, con):
    """t sales: Alice and Bob Stone ring together; Bob answers and gets
    ACME; Alice stops ringing."""
    quiet(office, con)
    answer_caller(office, con)
    con.keys("t")
    con.type("sales")
    con.keys("Enter")
    office.wait_for(lambda st: ringing(st, "201") and ringing(st, "202"),
                    what="both members of Sales to ring")
    office.cmd("office_answer", "202")
    office.wait_for(lambda st: talking(st, "acme", "202"),
                    what="ACME connected to Bob Stone")
    office.wait_for(lambda st: not calls(st, "201"),
                    what="Alice to stop ringing")
    finish(office, con)


def ring_group_in_order(office, con):
    """t support: Alice rings alone; after ring_time she stops and Bob
    Stone rings; he answers and gets ACME."""
    quiet(office, con)
    answer_caller(office, con)
    con.keys("t")
    con.type("support")
    con.keys("Enter")
    office.wait_for(lambda st: ringing(st, "201"), what="Alice to ring")
    expect(not calls(office.status(), "202"), "Bob Stone waits his turn")
    office.wait_for(lambda st: ringing(st, "202") and not calls(st, "201"),
                    timeout=15, what="Alice to stop and Bob Stone to ring")
    office.cmd("office_answer", "202")
    office.wait_for(lambda st: talking(st, "acme", "202"),
                    what="ACME connected to Bob Stone")
    finish(office, con)


def ring_group_nobody_answers(office, con):
    """t sales and nobody answers within ring_time: ACME is back with the
    operator, flagged, and neither phone rings any more."""
    quiet(office, con)
    answer_caller(office, con)
    mark = con.mark()
    con.keys("t")
    con.type("sales")
    con.keys("Enter")
    office.wait_for(lambda st: ringing(st, "201") and ringing(st, "202"),
                    what="both members of Sales to ring")
    con.wait_event("recall", since=mark, timeout=20)
    office.wait_for(lambda st: not calls(st, "201") and
                    not calls(st, "202") and
                    talking(st, "acme", "reception") and
                    not only(st, "acme")["held_by_peer"],
                    what="ACME back with the operator, nobody ringing")
    con.wait_screen("Nobody in Sales answered")
    finish(office, con)


def main():
    cases = Cases()
    with tempfile.TemporaryDirectory(prefix="cordboard-it-") as tmp:
        spec = office_spec(
            callers={"acme": {"name": "ACME Corp", "number": ACME,
                              "tone": 440}},
            colleagues={"201": {"name": "Alice Martin",
                                "answer": "intercom", "tone": 880},
                        "202": {"name": "Bob Stone", "answer": "intercom",
                                "tone": 660}})
        exts = colleague_extensions(
            spec["listen"], **{"201": {"intercom": "answer-mode"}})
        con = Console(tmp, extensions=exts, extra_config=GROUPS)
        spec["console"] = con.uri
        with Office(write_office(tmp, spec)) as office, con:
            cases.run_all([
                ("a plain call rings, a page auto-answers",
                 a_plain_call_rings_a_page_auto_answers),
                ("a page uses the extension's own form",
                 a_page_uses_the_extensions_own_form),
                ("an extension picks up a parked caller",
                 an_extension_picks_up_a_parked_caller),
                ("the operator picks up the slot",
                 the_operator_picks_up_the_slot),
                ("page and park announces the slot",
                 page_and_park_announces_the_slot),
                ("a parked caller comes back", a_parked_caller_comes_back),
                ("ring group all: the second answers",
                 ring_group_all_second_answers),
                ("ring group in order", ring_group_in_order),
                ("ring group: nobody answers", ring_group_nobody_answers)],
                office, con)
    return cases.finish()


if __name__ == "__main__":
    sys.exit(main())
