#!/usr/bin/env python3
"""The conference as the receptionist runs it, keys in, office side out.
Every party has its own tone (ACME 440 Hz, Bob Jones 523, Alice 880, Bob
Stone 660) and the office tells which tones each call heard over the
last half second, so "each hears the others and not itself" is read off
the parties' own ears: merge, split, drop a party, leave (hand-over by
REFER with Replaces, or the console keeps bridging), four parties."""

import math
import os
import struct
import sys
import tempfile
import time
import wave

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from console import (Cases, Console, colleague_extensions,  # noqa: E402
                     answer_caller, clear_the_desk, expect)
from office import (Office, calls, hears, office_spec, only,  # noqa: E402
                    talking, write_office)

ACME = "+3315551234"
MUSIC_HZ = 1200
BOB = "+441632960001"


def connected(st, uid, other):
    c = only(st, uid)
    return bool(c) and c["state"] == "established" and \
        c["peer_user"] == other


def quiet(office, con):
    office.wait_for(lambda st: not any(u["calls"] for u in st["uas"]),
                    what="a quiet office before the case")
    con.wait_screen("Calls (0)")


def finish(office, con):
    clear_the_desk(office, con)
    office.cmd("office_set", "acme refer=accept transfer_timeout=30")


def consult(office, con, ext):
    con.keys("c")
    con.type(ext)
    con.keys("Enter")
    office.wait_for(lambda st: only(st, ext), what="%s to ring" % ext)
    office.cmd("office_answer", ext)
    office.wait_for(lambda st: connected(st, ext, "reception"),
                    what="%s to talk to the console" % ext)
    con.wait_screen("CONS")


def merged_acme_and_alice(office, con):
    """ACME on the console, Alice consulted, m: the two hear each other
    through the console."""
    quiet(office, con)
    answer_caller(office, con)
    consult(office, con, "201")
    mark = con.mark()
    con.keys("m")
    office.wait_for(lambda st: hears(st, "acme", "reception") == [880] and
                    hears(st, "201", "reception") == [440],
                    what="ACME to hear Alice's 880 Hz and Alice ACME's 440")
    con.wait_event("conference", since=mark, detail="merged")
    scr = con.wait_screen("CONF")
    expect(scr.count("CONF") == 2, "both lines show CONF:\n%s" % scr)
    return mark


def merge_joins_caller_and_colleague(office, con):
    merged_acme_and_alice(office, con)
    st = office.status()
    expect(not only(st, "acme")["held_by_peer"] and
           not only(st, "201")["held_by_peer"],
           "nobody is on hold in the conference")
    # and stays so: several windows in a row
    for _ in range(3):
        time.sleep(0.5)
        st = office.status()
        expect(hears(st, "acme", "reception") == [880] and
               hears(st, "201", "reception") == [440],
               "still mixed: ACME %r, Alice %r" % (
                   hears(st, "acme", "reception"),
                   hears(st, "201", "reception")))
    finish(office, con)


def split_holds_the_caller_again(office, con):
    merged_acme_and_alice(office, con)
    mark = con.mark()
    con.keys("S")
    office.wait_for(lambda st: only(st, "acme")["held_by_peer"] and
                    not only(st, "201")["held_by_peer"],
                    what="after S: ACME held, Alice talking")
    office.wait_for(lambda st: 880 not in hears(st, "acme", "reception"),
                    what="ACME no longer to hear Alice")
    con.wait_event("conference", since=mark, detail="split")
    con.wait_screen("CONS")
    # back to a consult: T still completes it
    con.keys("T")
    office.wait_for(lambda st: talking(st, "acme", "201"),
                    what="ACME and Alice connected by the transfer")
    finish(office, con)


def dropping_alice_leaves_acme_with_the_console(office, con):
    merged_acme_and_alice(office, con)
    con.keys("Down")     # Alice's line, the second
    con.keys("x")
    office.wait_for(lambda st: not calls(st, "201"), what="Alice hung up")
    office.wait_for(lambda st: connected(st, "acme", "reception") and
                    not only(st, "acme")["held_by_peer"],
                    what="ACME still with the console, not held")
    office.wait_for(lambda st: 880 not in hears(st, "acme", "reception"),
                    what="ACME no longer to hear Alice")
    scr = con.wait_screen("TALK")
    expect("Calls (1)" in scr and "CONF" not in scr,
           "one ordinary call left:\n%s" % scr)
    finish(office, con)


def leave_connects_acme_and_alice(office, con):
    mark = merged_acme_and_alice(office, con)
    con.keys("L")
    office.wait_for(lambda st: talking(st, "acme", "201"),
                    what="ACME and Alice connected to each other")
    office.wait_for(lambda st: hears(st, "acme", "201") == [880] and
                    hears(st, "201", ACME) == [440],
                    what="ACME and Alice to hear each other directly")
    office.wait_for(lambda st: not any(
        c["peer_user"] == "reception" for u in ("acme", "201")
        for c in calls(st, u)), what="the console out of both calls")
    con.wait_screen("Calls (0)")
    ev = con.wait_event("transferred", since=mark)
    expect(ev["text"] == "ACME Corp is now with Alice Martin" and
           ev["detail"] == "ACME Corp -> Alice Martin", "event: %r" % ev)
    finish(office, con)


def a_refused_hand_over_keeps_them_bridged(office, con):
    merged_acme_and_alice(office, con)
    office.cmd("office_set", "acme refer=reject405")
    mark = con.mark()
    con.keys("L")
    con.wait_event("conference", since=mark, detail="bridged")
    scr = con.wait_screen("BRDG")
    expect(scr.count("BRDG") == 2, "both lines bridged:\n%s" % scr)
    expect("Bridging" in scr, "the status says so:\n%s" % scr)
    # never dropped: still connected through the console, hearing
    # each other over several windows
    for _ in range(3):
        time.sleep(0.5)
        st = office.status()
        expect(connected(st, "acme", "reception") and
               connected(st, "201", "reception"),
               "both still on the console")
        expect(hears(st, "acme", "reception") == [880] and
               hears(st, "201", "reception") == [440],
               "still mixed: ACME %r, Alice %r" % (
                   hears(st, "acme", "reception"),
                   hears(st, "201", "reception")))
    con.keys("m")
    con.wait_event("conference", since=mark, detail="rejoined")
    con.wait_screen("CONF")
    finish(office, con)


def four_parties_hear_the_other_three(office, con):
    merged_acme_and_alice(office, con)
    # Bob Jones calls in: answering takes the operator out, m brings
    # him in
    office.cmd("office_call", "bob %s" % con.uri)
    con.wait_screen("Bob Jones")
    con.keys("a")
    office.wait_for(lambda st: connected(st, "bob", "reception"),
                    what="Bob Jones to talk to the console")
    con.wait_screen("BRDG")
    con.keys("m")
    # Bob Stone is dialled and brought in the same way
    con.keys("d")
    con.type("202")
    con.keys("Enter")
    office.wait_for(lambda st: only(st, "202"), what="Bob Stone to ring")
    office.cmd("office_answer", "202")
    office.wait_for(lambda st: connected(st, "202", "reception"),
                    what="Bob Stone to talk to the console")
    con.keys("m")
    want = {"acme": [523, 660, 880], "bob": [440, 660, 880],
            "201": [440, 523, 660], "202": [440, 523, 880]}
    office.wait_for(lambda st: all(hears(st, u, "reception") == w
                                   for u, w in want.items()),
                    what="each to hear the other three and not itself")
    scr = con.wait_screen("Calls (4)")
    expect(scr.count("CONF") == 4, "four conference lines:\n%s" % scr)
    finish(office, con)


def write_music(path, hz=MUSIC_HZ, seconds=1.0, rate=16000):
    """A WAV file of one tone: the music on hold the office listens for."""
    with wave.open(path, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(b"".join(
            struct.pack("<h", int(8000 * math.sin(2 * math.pi * hz * i /
                                                  rate)))
            for i in range(int(rate * seconds))))


def music_on_hold_plays_to_the_held_caller(office, con):
    moh = con.music_console
    quiet(office, con)
    answer_caller(office, moh, uri=moh.uri)
    moh.keys("h")
    office.wait_for(lambda st: only(st, "acme")["held_by_peer"] and
                    hears(st, "acme", "reception") == [MUSIC_HZ],
                    what="ACME held, hearing the music")
    moh.keys("h")
    office.wait_for(lambda st: not only(st, "acme")["held_by_peer"] and
                    MUSIC_HZ not in hears(st, "acme", "reception"),
                    what="ACME retrieved, the music stopped")
    office.cmd("office_hangup", "acme")
    moh.wait_screen("Calls (0)")
    finish(office, con)


def main():
    cases = Cases()
    with tempfile.TemporaryDirectory(prefix="cordboard-it-") as tmp:
        spec = office_spec(
            callers={"acme": {"name": "ACME Corp", "number": ACME,
                              "tone": 440},
                     "bob": {"name": "Bob Jones", "number": BOB,
                             "tone": 523}},
            colleagues={"201": {"name": "Alice Martin", "answer": "manual",
                                "tone": 880},
                        "202": {"name": "Bob Stone", "answer": "manual",
                                "tone": 660}})
        con = Console(tmp, extensions=colleague_extensions(spec["listen"]),
            extra_config="transfer { recall_after = 4 }\n")
        spec["console"] = con.uri
        spec["tones"] = [MUSIC_HZ]
        # a second console with music on hold, named relative to its
        # configuration file
        moh_dir = os.path.join(tmp, "moh")
        os.mkdir(moh_dir)
        write_music(os.path.join(moh_dir, "music.wav"))
        con.music_console = Console(
            moh_dir, audio='device = "none" hold_music = "music.wav"')
        with Office(write_office(tmp, spec)) as office, con, \
                con.music_console:
            cases.run_all([
                ("merge joins caller and colleague",
                 merge_joins_caller_and_colleague),
                ("split holds the caller again",
                 split_holds_the_caller_again),
                ("dropping Alice leaves ACME with the console",
                 dropping_alice_leaves_acme_with_the_console),
                ("leave connects ACME and Alice",
                 leave_connects_acme_and_alice),
                ("a refused hand-over keeps them bridged",
                 a_refused_hand_over_keeps_them_bridged),
                ("four parties hear the other three",
                 four_parties_hear_the_other_three),
                ("music on hold plays to the held caller",
                 music_on_hold_plays_to_the_held_caller)],
                office, con)
    return cases.finish()


if __name__ == "__main__":
    sys.exit(main())
