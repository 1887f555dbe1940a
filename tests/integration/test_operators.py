#!/usr/bin/env python3
"""Two operators on one reception line: both consoles register the same
AOR with Kamailio, which rings every registered contact at once. The
first operator to answer gets the caller; Kamailio cancels the other
console's call with Reason: SIP;cause=200 (RFC 3326), and that console
says who answered and keeps the call out of its missed callers. Each
console publishes its own calls as dialog-info for its operator address
(901, 902) and shows the other operator on its board through Kamailio's
BLF, as it shows a colleague."""

import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from console import Cases, Console, expect  # noqa: E402
from kamailio import Kamailio, missing  # noqa: E402
from office import (Office, hears, office_spec, talking, ua,  # noqa: E402
                    write_office)
from test_board import wait_row  # noqa: E402
from test_conference import MUSIC_HZ, write_music  # noqa: E402

ACME = "+3315551234"
OP2_MUSIC_HZ = 1500


def both_consoles_register(office, op1, op2, kam):
    office.wait_for(lambda st: ua(st, "acme").get("registered"),
                    what="ACME to register with Kamailio")
    op1.wait_screen("registered")
    op2.wait_screen("registered")


def each_sees_the_other_idle(office, op1, op2, kam):
    # the letter after presence is the line: '-' idle (no presence is
    # published for a console, so that letter is '?')
    wait_row(op2, "901", lambda r: "Operator 1" in r and "?- " in r,
             "operator 1 idle on operator 2's board")
    wait_row(op1, "902", lambda r: "Operator 2" in r and "?- " in r,
             "operator 2 idle on operator 1's board")


def calls_line(con):
    return [r for r in con.screen().splitlines() if "ACME Corp" in r]


def first_to_answer_gets_the_caller(office, op1, op2, kam):
    office.cmd("office_call", "acme sip:reception@" + kam.addr)
    op1.wait_screen("ACME Corp")
    op2.wait_screen("ACME Corp")
    # each sees the other ringing with ACME, as a colleague's phone
    wait_row(op2, "901", lambda r: "?R " in r and "ACME Corp" in r,
             "operator 1 ringing with ACME on operator 2's board")
    op1.keys("Enter")
    office.wait_for(lambda st: talking(st, "acme", "reception"),
                    what="ACME to talk to an operator")
    op2.wait_screen("ACME Corp answered by Operator 1")
    op2.wait_screen("Calls (0)")
    wait_row(op2, "901", lambda r: "?C " in r and "ACME Corp" in r,
             "operator 1 in a call with ACME on operator 2's board")
    wait_row(op1, "902", lambda r: "?- " in r,
             "operator 2 idle again on operator 1's board")
    expect([r for r in calls_line(op1) if "TALK" in r],
           "operator 1 talks to ACME: %r" % calls_line(op1))
    # only operator 1 plays music on hold: ACME hearing it proves whose
    # caller it is
    op1.keys("h")
    office.wait_for(lambda st: talking(st, "acme", "reception") and
                    hears(st, "acme", "reception") == [MUSIC_HZ],
                    what="ACME to hear operator 1's music on hold")
    op1.keys("h")
    office.wait_for(lambda st: hears(st, "acme", "reception") == [],
                    what="ACME back with operator 1, the music off")
    office.cmd("office_hangup", "acme")
    op1.wait_screen("Calls (0)")
    wait_row(op2, "901", lambda r: "?- " in r,
             "operator 1 idle again on operator 2's board")


def the_other_history_says_answered_elsewhere(office, op1, op2, kam):
    recs = [r for r in op2.history() if r.get("record") == "call"]
    expect(recs, "operator 2's history has the call")
    last = recs[-1]
    expect(last["outcome"] == "elsewhere" and not last["answered"],
           "operator 2 records it as answered elsewhere, not missed: %r"
           % last)
    mine = [r for r in op1.history() if r.get("record") == "call"]
    expect(mine and mine[-1]["outcome"] == "answered",
           "operator 1 records it as answered: %r" % mine)
    # the history view and its missed callers agree
    op2.keys("H")
    op2.wait_screen("answered by")
    scr = op2.screen()
    expect("missed" not in scr.lower(),
           "no missed call on operator 2's history: %r" % scr)
    op2.keys("Escape")


def a_caller_nobody_answers_is_missed_on_both(office, op1, op2, kam):
    office.cmd("office_call", "acme sip:reception@" + kam.addr)
    op1.wait_screen("ACME Corp")
    op2.wait_screen("ACME Corp")
    office.cmd("office_hangup", "acme")
    op1.wait_screen("Calls (0)")
    op2.wait_screen("Calls (0)")
    for con in (op1, op2):
        recs = [r for r in con.history() if r.get("record") == "call"]
        expect(recs and recs[-1]["outcome"] == "abandoned",
               "a caller who hung up is abandoned on each console: %r"
               % recs[-1:])


def operator_2_took_acme(office, op1, op2):
    """Operator 1 bridged ACME to operator 2: only operator 2's music on
    hold is OP2_MUSIC_HZ, so ACME hearing it proves ACME talks to
    operator 2. When operator 2 leaves, no caller is dropped: ACME is
    back with operator 1, who bridged them."""
    op1.wait_screen("BRDG")
    op2.wait_screen(lambda s: [r for r in s.splitlines()
                               if "ACME Corp" in r and "TALK" in r])
    op2.keys("h")
    office.wait_for(lambda st: hears(st, "acme") == [OP2_MUSIC_HZ],
                    what="ACME to hear operator 2's music on hold")
    op2.keys("h")
    office.wait_for(lambda st: hears(st, "acme") == [],
                    what="ACME back with operator 2, the music off")
    op2.keys("x")
    op2.wait_screen("Calls (0)")
    op1.wait_screen(lambda s: "BRDG" not in s and [
        r for r in s.splitlines() if "ACME Corp" in r])
    expect(talking(office.status(), "acme", "reception"),
           "ACME still connected, to operator 1")
    office.cmd("office_hangup", "acme")
    op1.wait_screen("Calls (0)")


def a_caller_parked_on_one_console_is_taken_from_the_other(office, op1, op2,
                                                          kam):
    office.cmd("office_call", "acme sip:reception@" + kam.addr)
    op1.wait_screen("ACME Corp")
    op2.wait_screen("ACME Corp")
    op1.keys("Enter")
    office.wait_for(lambda st: talking(st, "acme", "reception"),
                    what="ACME to talk to operator 1")
    op2.wait_screen("Calls (0)")
    mark = op1.mark()
    op1.keys("p")
    op1.wait_event("park", since=mark, detail="parked 1")
    # operator 1's dialog-info shows the parked caller, held
    wait_row(op2, "901", lambda r: "?H " in r and "ACME Corp" in r,
             "ACME parked (held) by operator 1 on operator 2's board")
    op2.keys("G")
    op2.type("901")
    op2.keys("Enter")
    op1.wait_event("park", since=mark, detail="picked-up 1")
    # a console takes no Replaces: operator 1 bridges the two, out of
    # the conversation itself
    operator_2_took_acme(office, op1, op2)


def a_caller_held_on_one_console_is_taken_from_the_other(office, op1, op2,
                                                        kam):
    """Merely on hold, not parked: operator 1's console publishes ACME
    with an address of its own (park-held<line>), and operator 2 takes
    it with the same key as a parked caller."""
    office.cmd("office_call", "acme sip:reception@" + kam.addr)
    op1.wait_screen("ACME Corp")
    op2.wait_screen("ACME Corp")
    op1.keys("Enter")
    office.wait_for(lambda st: talking(st, "acme", "reception"),
                    what="ACME to talk to operator 1")
    op2.wait_screen("Calls (0)")
    mark = op1.mark()
    op1.keys("h")
    office.wait_for(lambda st: hears(st, "acme") == [MUSIC_HZ],
                    what="ACME on hold with operator 1's music")
    wait_row(op2, "901", lambda r: "?H " in r and "ACME Corp" in r,
             "ACME on hold at operator 1 on operator 2's board")
    op2.keys("G")
    op2.type("901")
    op2.keys("Enter")
    op1.wait_event("park", since=mark, detail="taken from hold")
    operator_2_took_acme(office, op1, op2)


def a_failed_transfer_comes_back_to_its_operator(office, op1, op2, kam):
    """Operator 2 answers this time and sends ACME to a busy Alice: ACME
    comes back to operator 2, who handled it, not to operator 1."""
    office.cmd("office_set", "201 answer=reject reject_code=486 delay=0")
    office.cmd("office_call", "acme sip:reception@" + kam.addr)
    op1.wait_screen("ACME Corp")
    op2.wait_screen("ACME Corp")
    op2.keys("Enter")
    office.wait_for(lambda st: talking(st, "acme", "reception"),
                    what="ACME to talk to operator 2")
    op1.wait_screen("ACME Corp answered by Operator 2")
    mark = op2.mark()
    op2.keys("t")
    op2.type("201")
    op2.keys("Enter")
    op2.wait_screen("back on line")
    op2.wait_event("recall", since=mark)
    office.wait_for(lambda st: talking(st, "acme", "reception"),
                    what="ACME still connected, to operator 2")
    expect("ACME Corp" not in op1.screen().split("Extensions")[0],
           "operator 1 has no call from ACME:\n" + op1.screen())
    wait_row(op1, "902", lambda r: "ACME Corp" in r,
             "operator 2 with ACME on operator 1's board")
    office.cmd("office_hangup", "acme")
    op2.wait_screen("Calls (0)")


def an_away_operator_s_failed_transfer_goes_to_the_other(office, op1, op2,
                                                        kam):
    """Operator 2 (overflow target: the reception line) answers ACME,
    goes away and sends ACME to a busy Alice: ACME comes back to
    operator 2's console, which sends it to the reception line, where
    operator 1 answers; operator 2's console only rang silently."""
    office.cmd("office_set", "201 answer=reject reject_code=486 delay=0")
    office.cmd("office_call", "acme sip:reception@" + kam.addr)
    op1.wait_screen("ACME Corp")
    op2.wait_screen("ACME Corp")
    op2.keys("Enter")
    office.wait_for(lambda st: talking(st, "acme", "reception"),
                    what="ACME to talk to operator 2")
    op1.wait_screen("ACME Corp answered by Operator 2")
    op2.keys("Z")
    op2.wait_screen("callers ring the other operators")
    mark = op2.mark()
    op2.keys("t")
    op2.type("201")
    op2.keys("Enter")
    op2.wait_event("recall", since=mark)
    # back on operator 2's console, ACME is sent to the reception line
    # and rings operator 1
    op1.wait_screen(lambda s: [r for r in s.splitlines()
                               if "ACME Corp" in r and "RING" in r])
    op1.keys("Enter")
    op1.wait_screen(lambda s: [r for r in s.splitlines()
                               if "ACME Corp" in r and "TALK" in r])
    op2.wait_screen("Calls (0)")
    # only operator 1's music on hold is MUSIC_HZ
    op1.keys("h")
    office.wait_for(lambda st: hears(st, "acme") == [MUSIC_HZ],
                    what="ACME to hear operator 1's music on hold")
    op1.keys("h")
    office.wait_for(lambda st: hears(st, "acme") == [],
                    what="ACME back with operator 1, the music off")
    op2.keys("Z")
    op2.wait_screen("Welcome back")
    office.cmd("office_hangup", "acme")
    op1.wait_screen("Calls (0)")


def an_operator_leaves_cleanly(office, op1, op2, kam):
    # operator 1 withdraws its line state as it quits; it must not hold
    # the console up
    op1.stop()
    expect(op1.exit_status() == "console exited with 0",
           "operator 1's console exits cleanly: %r" % op1.exit_status())
    wait_row(op2, "901", lambda r: "?- " in r,
             "operator 1 idle on operator 2's board once gone")


def main():
    cases = Cases()
    why = missing()
    if why:
        print("skipped: " + why)
        print("cases: 0 passed, 0 failed, 10 skipped", flush=True)
        return 0
    with tempfile.TemporaryDirectory(prefix="cordboard-it-") as tmp, \
            Kamailio(tmp) as kam:
        k = kam.addr
        spec = office_spec(
            callers={"acme": {"name": "ACME Corp", "number": ACME,
                              "tone": 440}},
            colleagues={"201": {"name": "Alice Martin",
                                "answer": "manual", "tone": 880}},
            registrar=k)
        spec["tones"] = [MUSIC_HZ, OP2_MUSIC_HZ]
        spec["console"] = "sip:reception@" + k
        dirs = [os.path.join(tmp, d) for d in ("op1", "op2")]
        for d in dirs:
            os.makedirs(d)
        write_music(os.path.join(dirs[0], "music.wav"))
        write_music(os.path.join(dirs[1], "music.wav"), hz=OP2_MUSIC_HZ)
        presence = 'presence_server = "sip:%s;lr"\n' % k

        def desk(n):
            other = 3 - n
            return dict(
                account={"aor": "sip:reception@" + k,
                         "registrar": "sip:" + k,
                         "dial_domain": k,
                         "display_name": "Operator %d" % n,
                         "operator_uri": "sip:90%d@%s" % (n, k)},
                extensions={"90%d" % other: {
                    "name": "Operator %d" % other,
                    "uri": "sip:90%d@%s" % (other, k)}},
                # operator 2, away, leaves callers to the others
                extra_config=presence + (
                    'queue { overflow_target = "sip:reception@%s" }\n' % k
                    if n == 2 else ""))
        op1 = Console(dirs[0], audio='device = "none" '
                      'hold_music = "music.wav"', **desk(1))
        op2 = Console(dirs[1], audio='device = "none" '
                      'hold_music = "music.wav"', **desk(2))
        try:
            with Office(write_office(tmp, spec)) as office, op1, op2:
                cases.run_all([
                        ("both consoles register", both_consoles_register),
                        ("each sees the other operator idle",
                         each_sees_the_other_idle),
                        ("the first to answer gets the caller",
                         first_to_answer_gets_the_caller),
                        ("the other's history says answered elsewhere",
                         the_other_history_says_answered_elsewhere),
                        ("a caller nobody answers is abandoned on both",
                         a_caller_nobody_answers_is_missed_on_both),
                        ("a caller parked on one console is taken from "
                         "the other",
                         a_caller_parked_on_one_console_is_taken_from_the_other),
                        ("a caller held on one console is taken from the "
                         "other",
                         a_caller_held_on_one_console_is_taken_from_the_other),
                        ("a failed transfer comes back to its operator",
                         a_failed_transfer_comes_back_to_its_operator),
                        ("an away operator's failed transfer goes to the "
                         "other",
                         an_away_operator_s_failed_transfer_goes_to_the_other),
                        ("an operator leaves cleanly",
                         an_operator_leaves_cleanly)],
                        office, op1, op2, kam)
        finally:
            if cases.failed:
                print("--- kamailio log (tail)\n" + kam.log_tail())
    return cases.finish()


if __name__ == "__main__":
    sys.exit(main())
