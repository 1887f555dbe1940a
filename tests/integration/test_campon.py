#!/usr/bin/env python3
"""Camp-on as the office lives it. Alice (201) is on a call with Bob
Stone (202); ACME calls, the operator answers and transfers to Alice:
the console offers to wait, w keeps ACME on hold with the music; Bob
hangs up, Alice rings, answers, T: ACME and Alice hear each other.
Alice not answering the offer brings ACME back to the operator,
flagged; so does a camp-on that waits longer than camp_on_max; ACME
hanging up while camped leaves nothing behind."""

import os
import re
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from console import (Cases, Console, colleague_extensions,  # noqa: E402
                     answer_caller, expect)
from office import (Office, calls, hears, office_spec, only,  # noqa: E402
                    talking, write_office)
from test_conference import MUSIC_HZ, write_music  # noqa: E402

ACME = "+3315551234"


def row(scr, number):
    """The extensions-pane text of NUMBER's row."""
    for line in scr.split("\n"):
        for cell in line.split("│"):
            if cell.startswith(number + "  "):
                return cell
    return ""


def from_console(st, uid):
    """UID's calls with the console."""
    return [c for c in calls(st, uid) if c["peer_user"] == "reception"]


def acme_held_with_music(st):
    c = from_console(st, "acme")
    return (len(c) == 1 and c[0]["held_by_peer"] and
            hears(st, "acme", "reception") == [MUSIC_HZ])


def acme_talks_to_the_console(st):
    c = from_console(st, "acme")
    return (len(c) == 1 and c[0]["state"] == "established" and
            not c[0]["held_by_peer"])


def alice_busy_with_bob(office, con):
    office.wait_for(lambda st: not any(u["calls"] for u in st["uas"]),
                    what="a quiet office before the case")
    con.wait_screen("Calls (0)")
    office.cmd("office_call", "202 sip:201@" + con.office_listen)
    office.wait_for(lambda st: only(st, "201"), what="Bob to ring Alice")
    office.cmd("office_answer", "201")
    office.wait_for(lambda st: talking(st, "201", "202"),
                    what="Alice and Bob to talk")
    con.wait_screen(lambda s: " AC " in row(s, "201"))


def transfer_to_alice_and_wait(office, con):
    """ACME answered, t Alice: the offer; w: ACME held with the music."""
    answer_caller(office, con)
    con.keys("t")
    con.type("201")
    con.keys("Enter")
    con.wait_screen("Alice Martin is on a call - w waits, v voicemail, "
                    "Esc keeps the caller")
    expect(acme_talks_to_the_console(office.status()),
           "the offer changes nothing: ACME still talks to the console")
    expect(not from_console(office.status(), "201"),
           "Alice was not called")
    mark = con.mark()
    con.keys("w")
    office.wait_for(acme_held_with_music,
                    what="ACME held on the console, hearing the music")
    con.wait_event("camp_on", since=mark, detail="camped")
    con.wait_screen("waits on hold for Alice Martin")
    return mark


def finish(office, con):
    for uid in ("acme", "201", "202"):
        office.cmd("office_hangup", uid)
    con.wait_screen("Calls (0)")
    con.wait_screen(lambda s: " A- " in row(s, "201"))


def camped_caller_talks_to_alice_once_she_is_free(office, con):
    alice_busy_with_bob(office, con)
    mark = transfer_to_alice_and_wait(office, con)
    office.cmd("office_hangup", "202")
    offer = office.wait_for(lambda st: from_console(st, "201"),
                            what="Alice to ring once Bob hung up")[0]
    expect(offer["peername"] == "ACME Corp via Reception",
           "Alice sees who waits for her: %r" % offer["peername"])
    con.wait_event("camp_on", since=mark, detail="offered")
    expect(acme_held_with_music(office.status()),
           "ACME still held, with the music, while Alice rings")
    office.cmd("office_answer", "201")
    office.wait_for(lambda st: talking(st, "201", "reception"),
                    what="Alice to talk to the console")
    con.wait_event("camp_on", since=mark, detail="taken")
    con.keys("T")
    office.wait_for(lambda st: talking(st, "acme", "201"),
                    what="ACME and Alice to talk to each other")
    office.wait_for(lambda st: hears(st, "acme", "201") == [880] and
                    hears(st, "201", ACME) == [440],
                    what="ACME to hear Alice's 880 Hz and Alice ACME's 440")
    con.wait_screen("Calls (0)")
    finish(office, con)


def alice_not_answering_brings_acme_back_flagged(office, con):
    alice_busy_with_bob(office, con)
    mark = transfer_to_alice_and_wait(office, con)
    office.cmd("office_hangup", "202")
    office.wait_for(lambda st: from_console(st, "201"),
                    what="Alice to ring once Bob hung up")
    # camp_on_ring = 5: she lets it ring
    scr = con.wait_screen("Alice Martin did not answer in 5 s")
    con.wait_event("camp_on", since=mark, detail="back")
    con.wait_event("recall", since=mark)
    office.wait_for(lambda st: not from_console(st, "201"),
                    what="the offer to Alice to stop ringing")
    office.wait_for(acme_talks_to_the_console,
                    what="ACME back with the operator, off hold")
    scr = con.wait_screen(lambda s: " R ACME Corp" in s)
    expect("CAMP" not in scr, "ACME no longer camps:\n" + scr)
    finish(office, con)


def a_camp_on_gives_up_after_camp_on_max(office, con):
    alice_busy_with_bob(office, con)
    mark = transfer_to_alice_and_wait(office, con)
    # camp_on_max = 30: Alice stays on the phone with Bob
    con.wait_event("camp_on", since=mark, timeout=60, detail="gave-up")
    ev = con.wait_event("reminder", since=mark)
    expect("waited" in ev["text"] and "Alice Martin" in ev["text"],
           "the reminder says who waited for whom: %r" % ev["text"])
    office.wait_for(acme_talks_to_the_console,
                    what="ACME back with the operator, off hold")
    con.wait_screen(lambda s: " R ACME Corp" in s)
    expect(talking(office.status(), "201", "202") and
           not from_console(office.status(), "201"),
           "Alice was never rung: she is still with Bob")
    finish(office, con)


def todays_figures(con):
    """Today's answered and abandoned callers, as the stats action (=)
    says them on the status line (the last line of the screen)."""
    con.keys("=")
    scr = con.wait_screen(lambda s: "hung up while waiting," in
                          s.rstrip().split("\n")[-1])
    m = re.search(r"Today: (\d+) answered, (\d+) hung up while waiting,",
                  scr.rstrip().split("\n")[-1])
    return int(m.group(1)), int(m.group(2))


def acme_hanging_up_while_camped_is_removed(office, con):
    alice_busy_with_bob(office, con)
    mark = transfer_to_alice_and_wait(office, con)
    answered, abandoned = todays_figures(con)
    office.cmd("office_hangup", "acme")
    con.wait_screen("Calls (0)")
    con.wait_screen("ACME Corp hung up while waiting for Alice Martin")
    # ACME counts as a caller who hung up while waiting
    con.keys("=")
    con.wait_screen("Today: %d answered, %d hung up while waiting," % (
        answered, abandoned + 1))
    con.wait_event("line_closed", since=mark)
    # Alice frees up: nobody is offered to her
    office.cmd("office_hangup", "202")
    con.wait_screen(lambda s: " A- " in row(s, "201"))
    expect(not [e for e in con.events()[mark:]
                if e.get("event") == "camp_on" and
                e.get("detail") == "offered"],
           "no offer after ACME left")
    expect(not calls(office.status(), "201"), "Alice is not rung")
    finish(office, con)


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
        spec["tones"] = [MUSIC_HZ]
        write_music(os.path.join(tmp, "music.wav"))
        con = Console(tmp, extensions=colleague_extensions(spec["listen"]),
                      audio='device = "none" hold_music = "music.wav"',
                      extra_config="queue { camp_on_ring = 5 "
                      "camp_on_max = 30 }\n")
        con.office_listen = spec["listen"]
        spec["console"] = con.uri
        with Office(write_office(tmp, spec)) as office, con:
            cases.run_all([
                ("the camped caller talks to Alice once she is free",
                 camped_caller_talks_to_alice_once_she_is_free),
                ("Alice not answering brings ACME back, flagged",
                 alice_not_answering_brings_acme_back_flagged),
                ("a camp-on gives up after camp_on_max",
                 a_camp_on_gives_up_after_camp_on_max),
                ("ACME hanging up while camped is removed",
                 acme_hanging_up_while_camped_is_removed)],
                office, con)
    return cases.finish()


if __name__ == "__main__":
    sys.exit(main())
