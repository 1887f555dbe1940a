#!/usr/bin/env python3
"""The waiting room, by what the callers and the operator's ring device
experience. The ring device is an ALSA FIFO the test listens to
(speaker.py); held callers hear a music on hold tone.

  ACME, Bob and Carol ring in that order -> Enter: ACME talks to the
  console, Bob and Carol still ring -> Enter: Bob talks, ACME waits on
  hold -> Enter: Carol talks, ACME and Bob on hold.
  ACME held past hold_reminder_after -> the ring device beeps the hold
  reminder, the status line says "ACME Corp on hold 0:10 - h retrieves",
  a reminder event; ACME is still on hold with its music; again after
  another hold_reminder_after.
  Bob rings past answer_alert_after -> the answer reminder interrupts
  the ring, the ring goes on after it, a reminder event; Bob still rings.
  A script waits for the reminder (wait reminder 30s) and retrieves the
  caller; --follow streams the reminder from the control socket.
"""

import json
import os
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from console import Cases, Console, console_binary, expect  # noqa: E402
from office import (Office, calls, established, hears, office_spec,  # noqa
                    only, talking, write_office)
from speaker import SPEAKER_PCM, Speaker, after, ring_device_fifo  # noqa
from test_conference import MUSIC_HZ, write_music  # noqa: E402

HOLD_REMINDER_AFTER = 10         # the least the config allows
ANSWER_ALERT_AFTER = 3
CALLERS = {"acme": ("ACME Corp", "+3315551234", 440),
           "bob": ("Bob Jones", "+441632960001", 523),
           "carol": ("Carol Smith", "+3315557777", 587)}


def rings(st, uid):
    """UID calls and nobody answered yet."""
    return bool(calls(st, uid)) and not established(st, uid)


def held(st, uid):
    """UID's one call is held by the console and hears the music."""
    c = only(st, uid)
    return bool(c) and c["state"] == "established" and \
        c["held_by_peer"] and c["hears"] == [MUSIC_HZ]


def hang_up_all(office, con):
    for uid in CALLERS:
        if calls(office.status(), uid):
            office.cmd("office_hangup", uid)
    office.wait_for(lambda st: not any(calls(st, u) for u in CALLERS),
                    what="every caller to be gone")
    con.wait_screen("Calls (0)")


def ring_in(office, con, *uids):
    """Each of UIDS rings the console, the next once the console shows
    the one before: the order they rang in is certain."""
    for uid in uids:
        office.cmd("office_call", "%s %s" % (uid, con.uri))
        con.wait_screen(CALLERS[uid][0])


def three_callers_are_answered_in_the_order_they_rang(office, con, speaker):
    ring_in(office, con, "acme", "bob", "carol")
    con.keys("Enter")
    office.wait_for(lambda st: talking(st, "acme", "reception") and
                    rings(st, "bob") and rings(st, "carol"),
                    what="ACME to talk to the console, Bob and Carol "
                    "still ringing")
    con.keys("Enter")
    office.wait_for(lambda st: talking(st, "bob", "reception") and
                    not only(st, "bob")["held_by_peer"] and
                    held(st, "acme") and rings(st, "carol"),
                    what="Bob to talk, ACME on hold, Carol ringing")
    con.keys("Enter")
    office.wait_for(lambda st: talking(st, "carol", "reception") and
                    not only(st, "carol")["held_by_peer"] and
                    held(st, "acme") and held(st, "bob"),
                    what="Carol to talk, ACME and Bob on hold")
    hang_up_all(office, con)


def a_held_caller_gets_a_reminder(office, con, speaker):
    office.cmd("office_call", "acme " + con.uri)
    con.wait_screen("ACME Corp")
    con.keys("Enter")
    office.wait_for(lambda st: talking(st, "acme", "reception"),
                    what="ACME to talk to the console")
    events = con.mark()
    sound = speaker.wait_closed()
    con.keys("h")
    office.wait_for(lambda st: held(st, "acme"),
                    what="ACME on hold, hearing the music")
    sentence = re.compile(r"ACME Corp on hold 0:1\d - h retrieves$")
    ev = con.wait_event("reminder", since=events,
                        timeout=HOLD_REMINDER_AFTER + 15)
    expect(sentence.match(ev.get("text", "")) and
           ev.get("name") == "ACME Corp", "the reminder event: %r" % ev)
    con.wait_screen(lambda s: re.search(
        r"ACME Corp on hold 0:1\d - h retrieves", s))
    speaker.wait(sound, lambda b: b.count("hold") >= 2,
                 "beep the hold reminder")
    heard = speaker.since(sound)
    expect("ring" not in heard and "answer" not in heard,
           "only the hold reminder on the ring device: %r" % heard)
    expect(held(office.status(), "acme"),
           "ACME still on hold with the music after the reminder")
    # and again, as long as ACME waits
    events = con.mark()
    sound = speaker.wait_closed()
    ev = con.wait_event("reminder", since=events,
                        timeout=HOLD_REMINDER_AFTER + 15)
    expect(re.match(r"ACME Corp on hold 0:[23]\d - h retrieves$",
                    ev.get("text", "")), "the second reminder: %r" % ev)
    speaker.wait(sound, lambda b: b.count("hold") >= 2,
                 "beep the hold reminder again")
    expect(held(office.status(), "acme"), "ACME still on hold")
    con.keys("h")
    office.wait_for(lambda st: talking(st, "acme", "reception") and
                    not only(st, "acme")["held_by_peer"],
                    what="ACME retrieved")
    hang_up_all(office, con)


def a_call_ringing_too_long_gives_the_answer_reminder(office, con,
                                                       speaker):
    sound = speaker.wait_closed()
    events = con.mark()
    office.cmd("office_call", "bob " + con.uri)
    con.wait_screen("Bob Jones")
    ev = con.wait_event("reminder", since=events,
                        timeout=ANSWER_ALERT_AFTER + 15)
    expect(re.match(r"Bob Jones has been ringing 0:\d\d - \S+ answers$",
                    ev.get("text", "")), "the reminder event: %r" % ev)
    speaker.wait(sound, lambda b: after(b, "ring", "answer") and
                 after(b, "answer", "ring"),
                 "ring, give the answer reminder, and ring on")
    heard = speaker.since(sound)
    expect("hold" not in heard, "no hold reminder: %r" % heard)
    expect(rings(office.status(), "bob"), "Bob still rings")
    con.keys("Enter")
    office.wait_for(lambda st: talking(st, "bob", "reception"),
                    what="Bob to talk to the console")
    hang_up_all(office, con)


def a_script_waits_for_the_reminder(office, tmp):
    d = os.path.join(tmp, "scripted")
    os.mkdir(d)
    script = os.path.join(d, "reception.script")
    with open(script, "w") as f:
        f.write("wait offered 30s\n"
                "answer\n"
                "wait established 10s\n"
                "hold\n"
                "wait reminder 1m\n"
                "hold\n")
    con = Console(d, args=["--script", script],
                  extra_config="queue { hold_reminder_after = %d }\n" %
                  HOLD_REMINDER_AFTER)
    with con:
        env = dict(os.environ, XDG_RUNTIME_DIR=con.dir)
        follow = subprocess.Popen([console_binary(), "--follow"], env=env,
                                  stdout=subprocess.PIPE, text=True)
        try:
            office.cmd("office_call", "acme " + con.uri)
            office.wait_for(lambda st: only(st, "acme") and
                            only(st, "acme")["held_by_peer"],
                            what="the script to answer and hold ACME")
            con.wait_event("result", text="Script %s: done" % script,
                           timeout=HOLD_REMINDER_AFTER + 20)
            office.wait_for(lambda st: talking(st, "acme", "reception") and
                            not only(st, "acme")["held_by_peer"],
                            what="the script to retrieve ACME after the "
                            "reminder")
        finally:
            follow.terminate()
        streamed = [json.loads(l) for l in
                    follow.communicate(timeout=5)[0].splitlines()]
        reminders = [e for e in streamed if e.get("event") == "reminder"]
        expect(reminders and "ACME Corp on hold" in reminders[0]["text"],
               "--follow streams the reminder: %r" % streamed)
        office.cmd("office_hangup", "acme")
        con.wait_screen("Calls (0)")


def main():
    cases = Cases()
    with tempfile.TemporaryDirectory(prefix="cordboard-it-") as tmp:
        fifo, asound = ring_device_fifo(tmp)
        speaker = Speaker(fifo)
        speaker.start()
        write_music(os.path.join(tmp, "music.wav"))
        spec = office_spec(
            callers={uid: {"name": n, "number": num, "tone": tone}
                     for uid, (n, num, tone) in CALLERS.items()},
            tones=[MUSIC_HZ])
        con = Console(
            tmp, audio='device = "aubridge,headset" ring_device = '
                       '"alsa,%s" hold_music = "music.wav"' % SPEAKER_PCM,
            extra_config="queue { hold_reminder_after = %d "
                         "answer_alert_after = %d }\n" % (
                             HOLD_REMINDER_AFTER, ANSWER_ALERT_AFTER),
            env={"ALSA_CONFIG_PATH": asound})
        spec["console"] = con.uri
        with Office(write_office(tmp, spec)) as office:
            with con:
                cases.run_all([
                    ("three callers are answered in the order they rang",
                     three_callers_are_answered_in_the_order_they_rang),
                    ("a held caller gets a reminder, and stays held",
                     a_held_caller_gets_a_reminder),
                    ("a call ringing too long gives the answer reminder",
                     a_call_ringing_too_long_gives_the_answer_reminder)],
                    office, con, speaker)
            cases.run("a script waits for the reminder; --follow shows it",
                      a_script_waits_for_the_reminder, office, tmp)
    return cases.finish()


if __name__ == "__main__":
    sys.exit(main())
