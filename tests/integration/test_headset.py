#!/usr/bin/env python3
"""The headset operator, end to end. The console runs with real baresip
audio devices on loopback:

  headset  = aubridge "headset": what the operator hears is what the
             operator's microphone sends back, so a caller hears its own
             tone through the console at the headset's volume, and
             hears nothing when the microphone is muted;
  speaker  = an ALSA device writing to a FIFO this test reads in real
             time (the ring device);
  buttons  = a FIFO standing in for /dev/input/by-id/...: the test
             writes Linux input events (struct input_event) into it.

  The button device is missing at start -> a warning in the log pane ->
  it appears -> "Headset buttons". ACME calls -> the speaker rings
  400+450 Hz -> the headset's call button answers -> the speaker stops.
  Bob calls while ACME talks -> the speaker rings, ACME hears no ring.
  - - - - -> ACME hears itself 12 dB softer; + + + + -> as before.
  u -> ACME hears nothing, MUTED on the status bar; u -> heard again.
  The call button with nothing ringing hangs up.
"""

import os
import struct
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from console import Cases, Console, expect  # noqa: E402
from office import (Office, calls, hears, level_db, office_spec,  # noqa
                    talking, write_office)
from speaker import (RING_TONES, SPEAKER_PCM, Speaker,  # noqa: E402
                     ring_device_fifo)

# struct input_event on 64-bit Linux: timeval, type, code, value
EV_SYN, EV_KEY = 0, 1
KEY_PHONE = 169


def input_event(ev_type, code, value):
    return struct.pack("llHHi", 0, 0, ev_type, code, value)


class Buttons:
    """The headset's button device: a FIFO the console reads."""

    def __init__(self, path):
        self.path = path
        self.fd = None

    def plug_in(self):
        os.mkfifo(self.path)
        # read-write: opening does not wait for the console, and the
        # console never sees the device close between presses
        self.fd = os.open(self.path, os.O_RDWR)

    def press(self, code):
        os.write(self.fd, input_event(EV_KEY, code, 1) +
                 input_event(EV_SYN, 0, 0) +
                 input_event(EV_KEY, code, 0) +
                 input_event(EV_SYN, 0, 0))


def missing_buttons_warn_then_plugging_in_works(office, con, speaker,
                                                buttons):
    scr = con.wait_screen("No such file or directory")
    expect("Headset" in scr, "the log pane names the headset:\n" + scr)
    buttons.plug_in()
    con.wait_screen("Headset buttons", timeout=15)


def the_speaker_rings_and_the_call_button_answers(office, con, speaker,
                                                  buttons):
    mark = speaker.mark()
    office.cmd("office_call", "acme " + con.uri)
    con.wait_screen("ACME Corp")
    speaker.wait(mark, lambda b: b.count("ring") >= 5,
                 "ring 400+450 Hz for ACME")
    buttons.press(KEY_PHONE)
    office.wait_for(lambda st: talking(st, "acme", "reception"),
                    what="ACME to talk to the console after the button")
    mark = speaker.mark()
    speaker.wait(mark, lambda b: "closed" in b,
                 "stop ringing once ACME is answered")


def a_second_caller_rings_the_speaker_not_the_headset(office, con,
                                                      speaker, buttons):
    mark = speaker.mark()
    office.cmd("office_call", "bob " + con.uri)
    con.wait_screen("Bob Stone")
    speaker.wait(mark, lambda b: b.count("ring") >= 10,
                 "ring a whole second for Bob")
    heard = hears(office.status(), "acme")
    expect(heard == [700], "ACME hears only its own tone through the "
           "headset, no ring: %r" % heard)
    office.cmd("office_hangup", "bob")
    office.wait_for(lambda st: not calls(st, "bob"), what="Bob to give up")
    mark = speaker.mark()
    speaker.wait(mark, lambda b: "closed" in b,
                 "stop ringing once Bob gave up")


def volume_keys_change_what_the_operator_hears(office, con, speaker,
                                               buttons):
    office.wait_for(lambda st: hears(st, "acme") == [700],
                    what="ACME to hear itself through the headset")
    base = level_db(office.status(), "acme")
    con.keys("-", "-", "-", "-")
    con.wait_screen("Headset volume -12 dB")
    office.wait_for(lambda st: level_db(st, "acme") < base - 9,
                    what="ACME 12 dB softer (from %.1f dBov)" % base)
    con.keys("+", "+", "+", "+")
    con.wait_screen("Headset volume +0 dB")
    office.wait_for(lambda st: abs(level_db(st, "acme") - base) < 3,
                    what="ACME back at %.1f dBov" % base)


def mute_silences_the_microphone(office, con, speaker, buttons):
    con.keys("u")
    office.wait_for(lambda st: hears(st, "acme") == [] and
                    level_db(st, "acme") < -60,
                    what="ACME to hear nothing from the muted console")
    scr = con.wait_screen("MUTED")
    expect("[normal] MUTED" in scr.splitlines()[-1],
           "the status bar is marked:\n" + scr)
    con.keys("u")
    office.wait_for(lambda st: hears(st, "acme") == [700],
                    what="ACME to hear the console again")
    con.wait_screen(lambda s: "MUTED" not in s.splitlines()[-1])
    names = [e["event"] for e in con.events()]
    expect(names.count("mute") == 2, "two mute events: %r" % names)


def the_call_button_hangs_up_when_nothing_rings(office, con, speaker,
                                                buttons):
    buttons.press(KEY_PHONE)
    office.wait_for(lambda st: not calls(st, "acme"),
                    what="ACME's call to end by the button")
    con.wait_screen("Calls (0)")


def main():
    cases = Cases()
    with tempfile.TemporaryDirectory(prefix="cordboard-it-") as tmp:
        speaker_fifo, asound = ring_device_fifo(tmp)
        speaker = Speaker(speaker_fifo)
        speaker.start()
        buttons = Buttons(os.path.join(tmp, "buttons"))
        spec = office_spec(
            callers={"acme": {"name": "ACME Corp", "number": "+3315551234",
                              "tone": 700},
                     "bob": {"name": "Bob Stone", "number": "+3315550000",
                             "tone": 1000}},
            tones=list(RING_TONES))
        con = Console(
            tmp, audio='device = "aubridge,headset" '
                       'ring_device = "alsa,%s"' % SPEAKER_PCM,
            extra_config='headset { device = "%s" }\n' % buttons.path,
            env={"ALSA_CONFIG_PATH": asound})
        spec["console"] = con.uri
        with Office(write_office(tmp, spec)) as office, con:
            cases.run_all([
                    ("missing buttons warn, then plugging in works",
                     missing_buttons_warn_then_plugging_in_works),
                    ("the speaker rings; the call button answers",
                     the_speaker_rings_and_the_call_button_answers),
                    ("a second caller rings the speaker, not the headset",
                     a_second_caller_rings_the_speaker_not_the_headset),
                    ("volume keys change what the operator hears",
                     volume_keys_change_what_the_operator_hears),
                    ("mute silences the microphone",
                     mute_silences_the_microphone),
                    ("the call button hangs up when nothing rings",
                     the_call_button_hangs_up_when_nothing_rings)],
                     office, con, speaker, buttons)
    return cases.finish()


if __name__ == "__main__":
    sys.exit(main())
