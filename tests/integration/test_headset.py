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

import fcntl
import math
import os
import struct
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from console import Cases, Console, expect  # noqa: E402
from office import (Office, calls, hears, level_db, office_spec,  # noqa
                    talking, write_office)

RING_TONES = (400, 450)          # src/sip/sip.h SIP_RING_TONE_LOW/HIGH
RATE = 8000                      # the ringer's sample rate
BLOCK = RATE // 10 * 2           # 100 ms of 16-bit mono

# struct input_event on 64-bit Linux: timeval, type, code, value
EV_SYN, EV_KEY = 0, 1
KEY_PHONE = 169


def input_event(ev_type, code, value):
    return struct.pack("llHHi", 0, 0, ev_type, code, value)


def goertzel_share(samples, freqs):
    """The share of the block's energy at FREQS."""
    total = sum(x * x for x in samples) or 1.0
    n = len(samples)
    found = 0.0
    for f in freqs:
        k = 2 * math.cos(2 * math.pi * f / RATE)
        s1 = s2 = 0.0
        for x in samples:
            s1, s2 = x + k * s1 - s2, s1
        found += (s1 * s1 + s2 * s2 - k * s1 * s2) * 2 / n
    return found / total


class Speaker(threading.Thread):
    """Reads the ring device's FIFO at the pace a sound card would, and
    notes each 100 ms block: rang (the ring tones), silent, or closed."""

    def __init__(self, path):
        super().__init__(daemon=True)
        self.path = path
        self.blocks = []          # "ring", "quiet", "other", "closed"
        self.lock = threading.Lock()

    def run(self):
        while True:
            fd = os.open(self.path, os.O_RDONLY)
            try:
                # a small pipe: what ALSA writes is heard within ~0.25 s
                fcntl.fcntl(fd, fcntl.F_SETPIPE_SZ, 4096)
            except OSError:
                pass
            while True:
                start = time.monotonic()
                data = os.read(fd, BLOCK)
                if not data:
                    self._note("closed")
                    break
                n = len(data) // 2
                samples = struct.unpack("<%dh" % n, data[:n * 2])
                energy = sum(x * x for x in samples) / max(n, 1)
                if energy < 100:
                    self._note("quiet")
                elif goertzel_share(samples, RING_TONES) > 0.8:
                    self._note("ring")
                else:
                    self._note("other")
                time.sleep(max(0.0, len(data) / (2.0 * RATE) -
                               (time.monotonic() - start)))
            os.close(fd)

    def _note(self, what):
        with self.lock:
            self.blocks.append(what)

    def mark(self):
        with self.lock:
            return len(self.blocks)

    def since(self, mark):
        with self.lock:
            return list(self.blocks[mark:])

    def wait(self, mark, pred, what, timeout=20):
        deadline = time.monotonic() + timeout
        while not pred(self.since(mark)):
            if time.monotonic() > deadline:
                raise AssertionError("timed out waiting for the speaker "
                                     "to %s; it gave %r" % (
                                         what, self.since(mark)[-40:]))
            time.sleep(0.05)


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
        speaker_fifo = os.path.join(tmp, "speaker")
        os.mkfifo(speaker_fifo)
        asound = os.path.join(tmp, "asound.conf")
        with open(asound, "w") as f:
            f.write('</usr/share/alsa/alsa.conf>\n'
                    'pcm.cbspeaker {\n'
                    '    type file\n'
                    '    slave.pcm null\n'
                    '    file "%s"\n'
                    '    format raw\n'
                    '}\n' % speaker_fifo)
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
                       'ring_device = "alsa,cbspeaker"',
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
