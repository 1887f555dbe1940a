"""RTP on the loopback interface, for the benchmarks: a sniffer that
keeps every RTP packet to or from some ports with its kernel time, the
UDP ports a process has open, and PCMU decoding with a tone detector."""

import math
import os
import time

from benchlib import LoTap

EDGE = 0.02                      # |sample| above this: the tone is there


def _ulaw_table():
    t = []
    for b in range(256):
        u = ~b & 0xff
        mag = (((u & 0x0f) << 3) + 0x84) << ((u >> 4) & 7)
        v = (mag - 0x84) / 32768.0
        t.append(-v if u & 0x80 else v)
    return t


ULAW = _ulaw_table()


class RtpSniffer(LoTap):
    """Keeps (kernel time, sport, dport, payload type, payload) of every
    RTP packet on lo to or from one of PORTS."""

    def __init__(self, ports):
        super().__init__()
        self.ports = set(ports)
        self.packets = []

    def udp(self, t, sport, dport, rtp):
        if sport not in self.ports and dport not in self.ports:
            return
        if len(rtp) < 12 or rtp[0] >> 6 != 2 or 72 <= rtp[1] & 0x7f <= 76:
            return   # not RTP, or RTCP
        cc = rtp[0] & 0x0f
        self.packets.append((t if t else time.time(), sport, dport,
                             rtp[1] & 0x7f, rtp[12 + 4 * cc:]))


def udp_ports(pid):
    """The local UDP ports of PID's sockets."""
    inodes = set()
    for fd in os.listdir("/proc/%d/fd" % pid):
        try:
            link = os.readlink("/proc/%d/fd/%s" % (pid, fd))
        except OSError:
            continue
        if link.startswith("socket:["):
            inodes.add(link[8:-1])
    ports = set()
    for table in ("/proc/net/udp", "/proc/net/udp6"):
        try:
            with open(table) as f:
                next(f)
                for line in f:
                    cols = line.split()
                    if cols[9] in inodes:
                        ports.add(int(cols[1].rsplit(":", 1)[1], 16))
        except OSError:
            pass
    return ports


def tone_power(x, hz, rate=8000):
    c = 2 * math.cos(2 * math.pi * hz / rate)
    s1 = s2 = 0.0
    for v in x:
        s1, s2 = v + c * s1 - s2, s1
    return (s1 * s1 + s2 * s2 - c * s1 * s2) / (len(x) ** 2 / 4 or 1)


def flows(packets):
    """{(sport, dport): [(t, samples)]} of the PCMU packets."""
    out = {}
    for t, sp, dp, pt, payload in packets:
        if pt == 0:
            out.setdefault((sp, dp), []).append(
                (t, [ULAW[b] for b in payload]))
    return out


def edge(flow, t0, t1, first=True):
    """The time of the first (or last) sample above EDGE in packets that
    arrived in [T0, T1): a packet's last sample is taken to be at its
    arrival, the others 1/8000 s apart before it."""
    pkts = [(t, x) for t, x in flow if t0 <= t < t1]
    if not first:
        pkts.reverse()
    for t, x in pkts:
        idx = range(len(x)) if first else range(len(x) - 1, -1, -1)
        for k in idx:
            if abs(x[k]) > EDGE:
                return t - (len(x) - 1 - k) / 8000.0
    return None
