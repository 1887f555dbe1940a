#!/usr/bin/env python3
"""Benchmarks of the console (figures, never pass/fail):

1. answer latency: from the Enter keystroke written to the console's
   terminal to the SIP 200 OK for the INVITE leaving the console's port,
   seen on the loopback interface with a packet socket (needs root);
   and in the same run the same answer asked of a stock baresip through
   its own command interface (ctrl_tcp "accept", menu module) to its
   200 OK on the wire, with the ratio of the two.
2. idle cost: CPU time and wake-ups of the console process over a
   quiet period with no calls, and with one call up. A wake-up is a
   sleep of one of its threads that ended (a voluntary context switch);
   a preemption (an involuntary one: another program took the core, here
   mostly the office's phones, woken by the console's own RTP on the
   same two cores) is counted apart.
3. the same answer with a slow disk (every fsync of the console waits
   100 ms, bench/fsync_delay.c preloaded): as before, and as a call ends
   - the Enter typed the moment the console has answered the other
   caller's BYE, while it writes that call's history record.

The console runs on a pty of our own (no tmux in the path), against the
simulated office."""

import os
import subprocess
import sys
import tempfile
import time

from benchlib import (IDLE_SECONDS, ROUNDS, PacketCount,  # noqa: E402
                      Sniffer, console_pid, figure, measure_cost,
                      slow_disk_env, spawn_console, stop_console, summary,
                      wait)
from rtp_tap import udp_ports  # noqa: E402
from bench_transfer import _connect, ctrl_send  # noqa: E402
from office import Office, calls, free_port, office_spec, write_office  # noqa


def stock_rounds(tmp, office):
    """A stock baresip (menu, ctrl_tcp) rung by acme ROUNDS times: from
    the ctrl_tcp "accept" command written to its socket to its 200 OK on
    the wire, in ms."""
    port, ctrl = free_port(2), free_port(1)
    d = os.path.join(tmp, "stock")
    os.makedirs(d)
    with open(os.path.join(d, "config"), "w") as f:
        f.write("sip_listen 127.0.0.1:%d\nnet_interface 127.0.0.1\n"
                "module_path /usr/lib/baresip/modules\nmodule g711.so\n"
                "module ausine.so\naudio_source ausine,440\n"
                "ausrc_srate 48000\nausrc_channels 2\n"
                "audio_player none,none\naudio_alert none,none\n"
                "module account.so\nmodule menu.so\nmodule ctrl_tcp.so\n"
                "ctrl_tcp_listen 127.0.0.1:%d\n" % (port, ctrl))
    with open(os.path.join(d, "accounts"), "w") as f:
        f.write("<sip:stock@127.0.0.1>;regint=0;answermode=manual\n")
    open(os.path.join(d, "contacts"), "w").close()
    log = open(os.path.join(d, "log"), "wb")
    proc = subprocess.Popen(["/usr/bin/baresip", "-f", d],
                            stdin=subprocess.DEVNULL, stdout=log,
                            stderr=log)
    lat = []
    try:
        sock = wait(lambda: _connect(ctrl), what="stock ctrl_tcp")
        sniff = Sniffer(port)
        sniff.start()
        for _ in range(ROUNDS):
            office.cmd("office_call", "acme sip:stock@127.0.0.1:%d" % port)
            office.wait_for(lambda st: calls(st, "acme"), what="ringing")
            time.sleep(0.3)
            before = len(sniff.seen)
            t0 = time.monotonic()
            ctrl_send(sock, "accept", "")
            t1 = wait(lambda: sniff.seen[before]
                      if len(sniff.seen) > before else None,
                      what="200 OK from stock baresip")
            lat.append((t1 - t0) * 1000)
            office.wait_for(lambda st: calls(st, "acme") and calls(
                st, "acme")[0]["state"] == "established",
                            what="established")
            office.cmd("office_hangup", "acme")
            office.wait_for(lambda st: not calls(st, "acme"),
                            what="hung up")
            time.sleep(0.2)
        sniff.stop = True
        sock.close()
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()
    return lat


def answer_once(office, fd, console, oks, caller="acme"):
    """CALLER rings the console, Enter is typed once it shows: returns
    the ms from the key to the console's 200 OK (OKS: its Sniffer), the
    call established."""
    office.cmd("office_call", "%s %s" % (caller, console))
    office.wait_for(lambda st: calls(st, caller), what=caller + " to call")
    time.sleep(0.3)   # the console has drawn the call
    before = len(oks.seen)
    t0 = time.monotonic()
    os.write(fd, b"\r")
    t1 = wait(lambda: oks.seen[before] if len(oks.seen) > before else None,
              what="200 OK from the console")
    office.wait_for(lambda st: calls(st, caller) and calls(
        st, caller)[0]["state"] == "established", what="established")
    return (t1 - t0) * 1000


BYE_ANSWERED = rb"^SIP/2\.0 200 .*\r\nCSeq: *\d+ BYE"
SLOW_FSYNC_MS = 100


class KeyOnPacket(Sniffer):
    """Types KEY on the console's terminal FD, from the sniffing thread,
    as soon as the next packet matching the pattern leaves the console
    (once per arm()); key_at: when it was typed (monotonic)."""

    def __init__(self, src_port, pattern, fd, key):
        super().__init__(src_port, pattern)
        self.fd, self.key = fd, key
        self.armed, self.key_at = False, None

    def arm(self):
        self.key_at = None
        self.armed = True

    def udp(self, t, sport, dport, payload):
        if self.armed and sport == self.src_port and \
                self.pattern.search(payload):
            self.armed = False
            self.key_at = time.monotonic()
            os.write(self.fd, self.key)


def slow_disk_rounds(tmp, office, spec):
    """A console whose every fsync waits SLOW_FSYNC_MS: the answer as in
    the first rounds, and the answer typed as the previous call ends.
    Returns the two lists of ms, or None without the preload."""
    env = slow_disk_env(SLOW_FSYNC_MS)
    if not env:
        print("no bench/libfsync_delay.so in the build: slow disk skipped")
        return None
    port = free_port(2)
    console = "sip:reception@127.0.0.1:%d" % port
    d = os.path.join(tmp, "slow-disk")
    os.makedirs(d)
    conf = os.path.join(d, "cordboard.conf")
    with open(conf, "w") as f:
        f.write('account { listen = "127.0.0.1:%d" }\n'
                'audio { device = "none" }\n' % port)
    pid, fd, _ = spawn_console(conf, d, env=env)
    plain, ending = [], []
    try:
        time.sleep(2)
        oks = Sniffer(port)
        oks.start()
        key = KeyOnPacket(port, BYE_ANSWERED, fd, b"\r")
        key.start()
        for _ in range(ROUNDS):
            plain.append(answer_once(office, fd, console, oks))
            office.cmd("office_call", "beta " + console)
            office.wait_for(lambda st: calls(st, "beta"), what="beta")
            time.sleep(0.3)
            before = len(oks.seen)
            key.arm()
            office.cmd("office_hangup", "acme")
            t1 = wait(lambda: oks.seen[before]
                      if len(oks.seen) > before else None,
                      what="beta's 200 OK from the console")
            ending.append((t1 - key.key_at) * 1000)
            office.wait_for(lambda st: calls(st, "beta") and calls(
                st, "beta")[0]["state"] == "established",
                            what="beta established")
            office.cmd("office_hangup", "beta")
            office.wait_for(lambda st: not calls(st, "acme") and
                            not calls(st, "beta"), what="quiet")
            time.sleep(0.3)
        oks.stop = key.stop = True
    finally:
        stop_console(pid, fd)
    return plain, ending


def main():
    if os.geteuid() != 0:
        print("answer latency needs root for the packet socket; skipped")
    with tempfile.TemporaryDirectory(prefix="cordboard-bench-") as tmp:
        port = free_port(2)
        spec = office_spec(callers={"acme": {"name": "ACME Corp",
                                             "number": "+3315551234"},
                                    "beta": {"name": "Beta Ltd",
                                             "number": "+3315559876"}},
                           console="sip:reception@127.0.0.1:%d" % port)
        conf = os.path.join(tmp, "cordboard.conf")
        with open(conf, "w") as f:
            f.write('account { listen = "127.0.0.1:%d" }\n'
                    'audio { device = "none" }\n' % port)
        with Office(write_office(tmp, spec)) as office:
            pid, fd, _ = spawn_console(conf, tmp)
            try:
                time.sleep(2)
                measure_cost(pid, "idle, no calls")
                if os.geteuid() != 0:
                    return 0
                sniff = Sniffer(port)
                sniff.start()
                lat = []
                for _ in range(ROUNDS):
                    lat.append(answer_once(office, fd, spec["console"],
                                           sniff))
                    office.cmd("office_hangup", "acme")
                    office.wait_for(lambda st: not calls(st, "acme"),
                                    what="hung up")
                    time.sleep(0.2)
                # one call up, nobody typing: the cost of a live call
                answer_once(office, fd, spec["console"], sniff)
                sniff.stop = True
                time.sleep(1)
                cpu, sleeps, taken = measure_cost(pid, "one call up",
                                                  preempted=True)
                # the floor, counted after (a sniffing thread would compete
                # with the console): each packet received wakes it anyway
                packets = PacketCount(udp_ports(console_pid(pid)))
                packets.start()
                t_pk = time.monotonic()
                time.sleep(IDLE_SECONDS)
                received = packets.n / (time.monotonic() - t_pk)
                packets.stop = True
                print("one call up: %.1f packets/s received (RTP, RTCP, "
                      "SIP), %.1f sleeps ended/s: %.2f per packet" % (
                          received, sleeps, sleeps / max(received, 1)))
                office.cmd("office_hangup", "acme")
                stock = stock_rounds(tmp, office)
                slow = slow_disk_rounds(tmp, office, spec)
                import statistics
                print("answer keystroke -> 200 OK on the wire, %d rounds: %s"
                      % (len(lat), summary(lat)))
                print("stock baresip: ctrl_tcp accept -> 200 OK on the "
                      "wire, %d rounds: %s" % (len(stock), summary(stock)))
                print("ratio cordboard/stock (medians): %.2f" % (
                    statistics.median(lat) / statistics.median(stock)))
                figure("answer keystroke -> 200 OK on the wire", lat, "ms",
                       baseline=stock,
                       versus="stock baresip ctrl_tcp accept")
                figure("stock baresip: ctrl_tcp accept -> 200 OK", stock,
                       "ms")
                if slow:
                    print("with every fsync %d ms: answer keystroke -> "
                          "200 OK, %d rounds: %s" % (
                              SLOW_FSYNC_MS, len(slow[0]),
                              summary(slow[0])))
                    print("with every fsync %d ms: answer keystroke as the "
                          "previous call ends -> 200 OK, %d rounds: %s" % (
                              SLOW_FSYNC_MS, len(slow[1]),
                              summary(slow[1])))
                    figure("answer keystroke -> 200 OK, fsync %d ms"
                           % SLOW_FSYNC_MS, slow[0], "ms",
                           note="a slow disk (fsync_delay.c)")
                    figure("answer keystroke as a call ends -> 200 OK, "
                           "fsync %d ms" % SLOW_FSYNC_MS, slow[1], "ms",
                           note="Enter as the BYE is answered")
                figure("one call up: console wake-ups (sleeps ended)",
                       [sleeps], "/s", note="one %.0f s window"
                       % IDLE_SECONDS)
                figure("one call up: packets received by the console",
                       [received], "/s", note="its wake-ups' floor")
                figure("one call up: console preempted", [taken], "/s",
                       note="another program took its core")
                figure("one call up: console CPU", [cpu], "% core",
                       note="one %.0f s window" % IDLE_SECONDS)
            finally:
                stop_console(pid, fd)
    return 0


if __name__ == "__main__":
    sys.exit(main())
