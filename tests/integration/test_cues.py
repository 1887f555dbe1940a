"""The sound cues, by what the console's ring device plays (an ALSA FIFO
the test listens to, speaker.py, which tells the tones apart):

  ACME rings -> the new caller cue, then the ring.
  ACME, talking to the console, hangs up -> the hung up cue; the
  operator hanging up on ACME plays none (Bob ringing next is the first
  thing heard).
  A blind transfer of ACME to a busy Bob Stone -> the transfer failed
  cue, ACME back on line.
  Bob rings past answer_alert_after -> the answer reminder.
  A console with cues { new_caller = no  hung_up = no }: ACME rings and
  hangs up, Bob rings past answer_alert_after -> the ring and the
  reminder, never the new caller or hung up cue.
"""

import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from console import (Cases, Console, answer_caller,  # noqa: E402
                     colleague_extensions, expect)
from office import Office, calls, office_spec, talking, write_office  # noqa
from speaker import SPEAKER_PCM, Speaker, after, ring_device_fifo  # noqa

ANSWER_ALERT_AFTER = 3
CALLERS = {"acme": ("ACME Corp", "+3315551234", 440),
           "bob": ("Bob Jones", "+441632960001", 523)}
CUES = ("caller", "failed", "hung_up", "hold", "answer")


def quiet(office, con, speaker):
    """Nobody calls and the ring device is closed: a mark there."""
    for uid in CALLERS:
        if calls(office.status(), uid):
            office.cmd("office_hangup", uid)
    office.wait_for(lambda st: not any(calls(st, u) for u in CALLERS),
                    what="every caller to be gone")
    con.wait_screen("Calls (0)")
    return speaker.wait_closed()


def cues_in(blocks):
    """The cues heard, each once, in order."""
    heard = []
    for b in blocks:
        if b in CUES and (not heard or heard[-1] != b):
            heard.append(b)
    return heard


def a_new_caller_cues_before_the_ring(office, con, speaker):
    sound = quiet(office, con, speaker)
    office.cmd("office_call", "acme " + con.uri)
    con.wait_screen("ACME Corp")
    speaker.wait(sound, lambda b: after(b, "caller", "ring"),
                 "play the new caller cue, then ring")
    heard = cues_in(speaker.since(sound))
    expect(heard[0] == "caller" and "hung_up" not in heard and
           "failed" not in heard, "only the new caller cue: %r" % heard)


def a_caller_who_hangs_up_cues(office, con, speaker):
    quiet(office, con, speaker)
    answer_caller(office, con)
    sound = speaker.wait_closed()
    office.cmd("office_hangup", "acme")
    con.wait_screen("Calls (0)")
    speaker.wait(sound, lambda b: "hung_up" in b, "play the hung up cue")
    heard = cues_in(speaker.since(sound))
    expect(heard == ["hung_up"], "only the hung up cue: %r" % heard)


def the_operator_hanging_up_is_no_cue(office, con, speaker):
    quiet(office, con, speaker)
    answer_caller(office, con)
    sound = speaker.wait_closed()
    con.keys("x")
    office.wait_for(lambda st: not calls(st, "acme"),
                    what="the operator to hang up on ACME")
    con.wait_screen("Calls (0)")
    # the next thing the device plays is Bob's cue: a hung up cue for
    # ACME would have come first
    office.cmd("office_call", "bob " + con.uri)
    speaker.wait(sound, lambda b: "caller" in b, "play Bob's cue")
    heard = cues_in(speaker.since(sound))
    expect(heard[0] == "caller" and "hung_up" not in heard,
           "no hung up cue before Bob's: %r" % heard)


def a_failed_transfer_cues(office, con, speaker):
    quiet(office, con, speaker)
    office.cmd("office_set", "202 answer=reject reject_code=486 delay=0")
    answer_caller(office, con)
    sound = speaker.wait_closed()
    con.keys("t")
    con.wait_screen("Transfer to:")
    con.type("202")
    con.keys("Enter")
    con.wait_screen("back on line")
    office.wait_for(lambda st: talking(st, "acme", "reception"),
                    what="ACME back with the console")
    speaker.wait(sound, lambda b: "failed" in b,
                 "play the transfer failed cue")
    heard = cues_in(speaker.since(sound))
    expect(heard == ["failed"], "only the transfer failed cue: %r" % heard)


def a_call_ringing_too_long_cues_the_reminder(office, con, speaker):
    sound = quiet(office, con, speaker)
    office.cmd("office_call", "bob " + con.uri)
    con.wait_screen("Bob Jones")
    speaker.wait(sound, lambda b: after(b, "ring", "answer"),
                 "ring, then the answer reminder")
    heard = cues_in(speaker.since(sound))
    expect(heard[:2] == ["caller", "answer"],
           "the new caller cue, then the reminder: %r" % heard)


def cues_turned_off_are_not_played(office, con, speaker):
    sound = quiet(office, con, speaker)
    office.cmd("office_call", "acme " + con.uri)
    con.wait_screen("ACME Corp")
    speaker.wait(sound, lambda b: b.count("ring") >= 2, "ring for ACME")
    office.cmd("office_hangup", "acme")
    con.wait_screen("Calls (0)")
    # Bob's reminder comes after ACME's hang-up: a hung up cue would be
    # heard before it
    office.cmd("office_call", "bob " + con.uri)
    speaker.wait(sound, lambda b: "answer" in b,
                 "play Bob's answer reminder")
    heard = cues_in(speaker.since(sound))
    expect(heard == ["answer"], "the reminder alone: %r" % heard)


def console(tmp, spec, cues=""):
    """A console ringing on the speaker's FIFO, with CUES' settings."""
    return Console(
        tempfile.mkdtemp(dir=tmp),
        extensions=colleague_extensions(spec["listen"]),
        audio='device = "aubridge,headset" ring_device = '
              '"alsa,%s"' % SPEAKER_PCM,
        extra_config="queue { answer_alert_after = %d }\n%s" % (
            ANSWER_ALERT_AFTER, cues),
        env={"ALSA_CONFIG_PATH": os.path.join(tmp, "asound.conf")})


def main():
    cases = Cases()
    with tempfile.TemporaryDirectory(prefix="cordboard-it-") as tmp:
        fifo, asound = ring_device_fifo(tmp)
        speaker = Speaker(fifo)
        speaker.start()
        spec = office_spec(
            callers={uid: {"name": n, "number": num, "tone": tone}
                     for uid, (n, num, tone) in CALLERS.items()},
            colleagues={"202": {"name": "Bob Stone", "answer": "auto",
                                "delay": 1, "tone": 660}})
        con = console(tmp, spec)
        off = console(tmp, spec, "cues { new_caller = no  hung_up = no }\n")
        spec["console"] = con.uri
        with Office(write_office(tmp, spec)) as office:
            with con:
                cases.run_all([
                    ("a new caller cues before the ring",
                     a_new_caller_cues_before_the_ring),
                    ("a caller who hangs up cues",
                     a_caller_who_hangs_up_cues),
                    ("the operator hanging up is no cue",
                     the_operator_hanging_up_is_no_cue),
                    ("a failed transfer cues",
                     a_failed_transfer_cues),
                    ("a call ringing too long cues the reminder",
                     a_call_ringing_too_long_cues_the_reminder)],
                    office, con, speaker)
                quiet(office, con, speaker)
            with off:
                cases.run("cues turned off are not played",
                          cues_turned_off_are_not_played, office, off,
                          speaker)
    return cases.finish()


if __name__ == "__main__":
    sys.exit(main())
