"""The console's ring device, heard by a test.

Stdlib only. The ring device is an ALSA "file" device writing raw 16-bit
mono samples into a FIFO; a Speaker reads it at the pace a sound card
would and notes what each 100 ms block sounded like:

    "ring"    the ringer, 400 + 450 Hz        (src/sip/sip.h SIP_RING_*)
    "hold"    the hold reminder, 1400 Hz      (SIP_REMIND_HOLD_TONE)
    "answer"  the answer reminder, 660/880 Hz (SIP_REMIND_ANSWER_*)
    "caller"  the new caller cue, 1050/1320 Hz (SIP_CUE_NEW_CALLER_*)
    "failed"  the transfer failed cue, 1180/590 Hz (SIP_CUE_FAILED_*)
    "hung_up" the caller hung up cue, 330 Hz (SIP_CUE_HUNG_UP_TONE)
    "quiet", "other", and "closed" when the console closed the device.

    fifo, asound = ring_device_fifo(tmp)
    speaker = Speaker(fifo)
    speaker.start()
    con = Console(tmp, audio='device = "none" '
                             'ring_device = "alsa,%s"' % SPEAKER_PCM,
                  env={"ALSA_CONFIG_PATH": asound})
    mark = speaker.mark()
    ... speaker.wait(mark, lambda b: b.count("ring") >= 5, "ring")
"""

import fcntl
import math
import os
import struct
import threading
import time

__all__ = ["RING_TONES", "HOLD_REMINDER_TONES", "ANSWER_REMINDER_TONES",
           "NEW_CALLER_TONES", "FAILED_TONES", "HUNG_UP_TONES",
           "SPEAKER_PCM", "ring_device_fifo", "goertzel_share", "classify",
           "Speaker", "after"]

RING_TONES = (400, 450)          # SIP_RING_TONE_LOW/HIGH
HOLD_REMINDER_TONES = (1400,)    # SIP_REMIND_HOLD_TONE
ANSWER_REMINDER_TONES = (660, 880)   # SIP_REMIND_ANSWER_LOW/HIGH
NEW_CALLER_TONES = (1050, 1320)  # SIP_CUE_NEW_CALLER_LOW/HIGH
FAILED_TONES = (1180, 590)       # SIP_CUE_FAILED_HIGH/LOW
HUNG_UP_TONES = (330,)           # SIP_CUE_HUNG_UP_TONE
RATE = 8000                      # the ringer's sample rate
BLOCK = RATE // 10 * 2           # 100 ms of 16-bit mono
SPEAKER_PCM = "cbspeaker"        # the ALSA device ring_device names

# what a block is called when nearly all its energy is at these tones
_KINDS = (("ring", RING_TONES), ("hold", HOLD_REMINDER_TONES),
          ("answer", ANSWER_REMINDER_TONES), ("caller", NEW_CALLER_TONES),
          ("failed", FAILED_TONES), ("hung_up", HUNG_UP_TONES))


def ring_device_fifo(directory):
    """Makes the FIFO and an ALSA configuration whose device SPEAKER_PCM
    writes into it; returns (fifo path, configuration path) - the latter
    for the console's ALSA_CONFIG_PATH."""
    fifo = os.path.join(directory, "speaker")
    os.mkfifo(fifo)
    asound = os.path.join(directory, "asound.conf")
    with open(asound, "w") as f:
        f.write('</usr/share/alsa/alsa.conf>\n'
                'pcm.%s {\n'
                '    type file\n'
                '    slave.pcm null\n'
                '    file "%s"\n'
                '    format raw\n'
                '}\n' % (SPEAKER_PCM, fifo))
    return fifo, asound


def goertzel_share(samples, freqs, rate=RATE):
    """The share of the block's energy at FREQS."""
    total = sum(x * x for x in samples) or 1.0
    n = len(samples)
    found = 0.0
    for f in freqs:
        k = 2 * math.cos(2 * math.pi * f / rate)
        s1 = s2 = 0.0
        for x in samples:
            s1, s2 = x + k * s1 - s2, s1
        found += (s1 * s1 + s2 * s2 - k * s1 * s2) * 2 / n
    return found / total


def classify(samples):
    """What one block sounded like: a kind of _KINDS, quiet or other."""
    n = len(samples)
    if sum(x * x for x in samples) / max(n, 1) < 100:
        return "quiet"
    for name, tones in _KINDS:
        if goertzel_share(samples, tones) > 0.8:
            return name
    return "other"


class Speaker(threading.Thread):
    """Reads the ring device's FIFO at the pace a sound card would, and
    notes each 100 ms block (see the module's list), in order."""

    def __init__(self, path):
        super().__init__(daemon=True)
        self.path = path
        self.blocks = []
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
                self._note(classify(struct.unpack("<%dh" % n,
                                                  data[:n * 2])))
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

    def wait_closed(self, timeout=30):
        """Waits until the console has closed the device (or never
        opened it), and returns a mark there. The FIFO's reader is
        behind the console by what ALSA and the pipe buffer, seconds at
        most: a mark taken while the device is open would count sound
        played before it."""
        self.wait(0, lambda b: not b or b[-1] == "closed",
                  "be closed", timeout)
        return self.mark()

    def wait(self, mark, pred, what, timeout=20):
        """Waits until PRED holds over the blocks heard since MARK."""
        deadline = time.monotonic() + timeout
        while not pred(self.since(mark)):
            if time.monotonic() > deadline:
                raise AssertionError("timed out waiting for the speaker "
                                     "to %s; it gave %r" % (
                                         what, self.since(mark)[-40:]))
            time.sleep(0.05)


def after(blocks, first, then):
    """Whether BLOCKS hold a THEN block after a FIRST one."""
    return first in blocks and then in blocks[blocks.index(first):]
