#!/usr/bin/env python3
"""Presence/dialog load benchmark (figures, never pass/fail).

The console watches 5,000 extensions (presence and dialog each: 10,000
subscriptions) through a presence server that is this script: a UDP
load generator on loopback. It behaves like a real notifier: every
SUBSCRIBE gets 200 OK at once and an initial NOTIFY, retransmitted on
RFC 3261 timer A (0.5 s doubling to 4 s) until answered or 32 s have
passed; a retransmitted SUBSCRIBE gets the same 200 again. Then it
sends 1,000 NOTIFYs per second, evenly paced in batches every 10 ms,
for 10 s, spread over all the established subscriptions and mixing
presence and dialog (those are sent once: an unanswered one is counted,
not retransmitted). Printed:

- how many of the 10,000 subscriptions were established (200 OK from
  the console to their initial NOTIFY), how long that took (progress
  every 5 s, at most 45 s), the console's CPU and the datagrams its
  socket dropped meanwhile;
- the console's CPU share over the 10 s of load and its wake-ups;
- NOTIFYs answered 200 / sent, other answers, NOTIFYs never answered,
  datagrams the console's socket dropped, NOTIFY -> 200 OK round trip
  as the generator sees it;
- NOTIFY-to-screen latency: one NOTIFY per batch, at a random place in
  it, is aimed at an extension whose row is on screen and carries a
  unique marker as its PIDF note; the time from sending it to the
  marker's bytes first appearing on the console's terminal (median,
  p99, max, never seen);
- RSS (VmRSS, VmHWM) before and after the load.

The console runs on a pty of our own, 200x60 (49 extension rows); the
extensions are configured in number order and the first 40 are the
visible ones. Knobs: BENCH_NOTIFY_EXTENSIONS, _RATE, _SECONDS,
_SETUP_TIMEOUT."""

import os
import random
import re
import select
import socket
import statistics
import subprocess
import sys
import tempfile
import time

from benchlib import (figure, proc_counts, spawn_console,  # noqa: E402
                      stop_console)
from office import free_port  # noqa: E402

N_EXT = int(os.environ.get("BENCH_NOTIFY_EXTENSIONS", "5000"))
RATE = int(os.environ.get("BENCH_NOTIFY_RATE", "1000"))       # per second
LOAD_S = float(os.environ.get("BENCH_NOTIFY_SECONDS", "10"))
BATCH_S = 0.010
FIRST_NUMBER = 10000          # five digits each: all numbers sort alike
SIZE = (60, 200)              # rows, cols: 49 extension rows on screen
VISIBLE = 40                  # the first rows, with a margin
SETUP_TIMEOUT = float(os.environ.get("BENCH_NOTIFY_SETUP_TIMEOUT", "45"))
GRACE_S = 3.0
EXPIRES = 600

COMPACT = {"v": "via", "f": "from", "t": "to", "i": "call-id",
           "m": "contact", "l": "content-length", "o": "event",
           "c": "content-type"}


def parse(data):
    """(first line, {lowercase name: [values]}, body) of a SIP message."""
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode("utf-8", "replace").split("\r\n")
    hdrs = {}
    for line in lines[1:]:
        name, sep, value = line.partition(":")
        if not sep:
            continue
        name = name.strip().lower()
        name = COMPACT.get(name, name)
        hdrs.setdefault(name, []).append(value.strip())
    return lines[0], hdrs, body


def uri_of(value):
    """The URI inside <...>, or the value up to its parameters."""
    m = re.search(r"<([^>]*)>", value)
    return m.group(1) if m else value.split(";")[0].strip()


# --- bodies -----------------------------------------------------------

ACTIVITIES = [None, "<rpid:away/>", "<rpid:busy/>",
              "<rpid:other>Do not disturb</rpid:other>"
              "<cb:do-not-disturb/>", "closed"]


def pidf(entity, note, activity=None):
    basic = "closed" if activity == "closed" else "open"
    person = ""
    if note or (activity and activity != "closed"):
        person = "  <dm:person id=\"p1\">\n"
        if activity and activity != "closed":
            person += "    <rpid:activities>%s</rpid:activities>\n" % activity
        if note:
            person += "    <dm:note>%s</dm:note>\n" % note
        person += "  </dm:person>\n"
    return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            "<presence xmlns=\"urn:ietf:params:xml:ns:pidf\"\n"
            "    xmlns:dm=\"urn:ietf:params:xml:ns:pidf:data-model\"\n"
            "    xmlns:rpid=\"urn:ietf:params:xml:ns:pidf:rpid\"\n"
            "    xmlns:cb=\"urn:x-cordboard:params:xml:ns:presence\"\n"
            "    entity=\"%s\">\n"
            "  <tuple id=\"t1\">\n"
            "    <status><basic>%s</basic></status>\n"
            "    <contact>%s</contact>\n"
            "  </tuple>\n%s</presence>\n"
            % (entity, basic, entity, person)).encode()


DIALOG_STATES = ["idle", "early", "confirmed", "held", "idle"]


def dialog_info(entity, version, state, peer=0):
    dlg = ""
    if state != "idle":
        target = ("<target uri=\"%s\"><param pname=\"+sip.rendering\" "
                  "pval=\"no\"/></target>" % entity if state == "held"
                  else "<target uri=\"%s\"/>" % entity)
        dlg = ("  <dialog id=\"d%d\" call-id=\"c%d@gen\" "
               "direction=\"recipient\">\n"
               "    <state>%s</state>\n"
               "    <local><identity>%s</identity>%s</local>\n"
               "    <remote><identity display=\"Caller %d\">"
               "sip:+3315550%04d@127.0.0.1</identity></remote>\n"
               "  </dialog>\n"
               % (peer, peer, "confirmed" if state == "held" else state,
                  entity, target, peer, peer % 10000))
    return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            "<dialog-info xmlns=\"urn:ietf:params:xml:ns:dialog-info\" "
            "version=\"%d\" state=\"full\" entity=\"%s\">\n%s"
            "</dialog-info>\n" % (version, entity, dlg)).encode()


# --- screen markers ---------------------------------------------------
# A sample's note is a marker that differs from the previous one on its
# row in every cell (ncurses sends only changed cells): the case
# alternates per row, and even and odd positions use different letters
# so that no character repeats.

MARKER_RE = re.compile(rb"Q[A-T]{6}|q[a-t]{6}")
INITIAL_NOTE = "~~~~~~~~"


def marker(sample, phase):
    digits = "%06d" % sample
    upper = phase == 0
    out = ["Q" if upper else "q"]
    for i, d in enumerate(digits):
        base = ord("A" if upper else "a") + (10 if i % 2 else 0)
        out.append(chr(base + int(d)))
    return "".join(out)


def marker_id(m):
    s = m.decode()
    return int("".join(str((ord(c.upper()) - ord("A")) % 10)
                       for c in s[1:]))


class Screen:
    """Timestamps the first appearance of every sample marker."""

    def __init__(self):
        self.seen = {}
        self.tail = b""
        self.bytes = 0

    def feed(self, chunk, t):
        self.bytes += len(chunk)
        data = self.tail + chunk
        for m in MARKER_RE.finditer(data):
            sid = marker_id(m.group(0))
            if sid not in self.seen:
                self.seen[sid] = t
        self.tail = data[-6:]


# --- the presence server ------------------------------------------------

class Sub:
    __slots__ = ("callid", "event", "number", "from_hdr", "to_hdr",
                 "contact", "cseq", "sub_cseq", "resp", "established",
                 "visible", "entity", "samples", "dead")


class Generator:
    def __init__(self, port, console_port):
        self.port = port
        self.console = ("127.0.0.1", console_port)
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        for opt, force in ((socket.SO_RCVBUF, 33), (socket.SO_SNDBUF, 32)):
            try:   # SO_RCVBUFFORCE / SO_SNDBUFFORCE: root may exceed rmem_max
                self.sock.setsockopt(socket.SOL_SOCKET, force, 32 << 20)
            except OSError:
                self.sock.setsockopt(socket.SOL_SOCKET, opt, 32 << 20)
        self.sock.bind(("127.0.0.1", port))
        self.sock.setblocking(False)
        self.subs = {}
        self.order = []
        self.branch = 0
        self.pending = {}        # (call-id, cseq) -> (sent at, phase, sub)
        self.init_retx = {}      # call-id -> [due, interval, datagram, end]
        self.live = {}           # (number, event) -> newest Sub
        self.established = 0     # keys whose newest Sub is established
        self.superseded = 0
        self.first_subscribe = None
        self.all_established = None
        self.sub_retransmits = 0
        self.notify_retransmits = 0
        self.answers = {"init": {}, "load": {}}
        self.rtt = []
        self.other = 0
        self.sent = {"init": 0, "load": 0}

    def send(self, data, addr=None):
        try:
            self.sock.sendto(data, addr or self.console)
        except BlockingIOError:
            select.select([], [self.sock], [], 1)
            self.sock.sendto(data, addr or self.console)

    # requests from the console
    def on_subscribe(self, first, hdrs, addr):
        callid = hdrs["call-id"][0]
        cseq = int(hdrs["cseq"][0].split()[0])
        sub = self.subs.get(callid)
        if sub is not None and cseq <= sub.sub_cseq:
            self.sub_retransmits += 1
            self.send(sub.resp, addr)
            return
        new = sub is None
        if new:
            if self.first_subscribe is None:
                self.first_subscribe = time.monotonic()
            sub = Sub()
            sub.callid = callid
            sub.event = hdrs["event"][0].split(";")[0].strip().lower()
            ruri = first.split()[1]
            sub.number = ruri.split(":", 1)[1].split("@")[0]
            sub.entity = "sip:%s@127.0.0.1" % sub.number
            sub.from_hdr = hdrs["from"][0]
            sub.to_hdr = "%s;tag=g%d" % (hdrs["to"][0], len(self.order))
            sub.contact = uri_of(hdrs["contact"][0])
            sub.cseq = 0
            sub.established = False
            sub.visible = (int(sub.number) - FIRST_NUMBER) < VISIBLE
            sub.samples = 0
            sub.dead = False
            self.subs[callid] = sub
            self.order.append(sub)
            old = self.live.get((sub.number, sub.event))
            if old is not None:
                # the console gave up on OLD and subscribes afresh
                self.superseded += 1
                self.kill(old)
            self.live[(sub.number, sub.event)] = sub
        sub.sub_cseq = cseq
        resp = ["SIP/2.0 200 OK"]
        resp += ["Via: " + v for v in hdrs["via"]]
        resp += ["From: " + hdrs["from"][0], "To: " + sub.to_hdr,
                 "Call-ID: " + callid, "CSeq: " + hdrs["cseq"][0],
                 "Contact: <sip:%s@127.0.0.1:%d>" % (sub.number, self.port),
                 "Expires: %d" % EXPIRES, "Content-Length: 0", "", ""]
        sub.resp = "\r\n".join(resp).encode()
        self.send(sub.resp, addr)
        if new:
            if sub.event == "presence":
                body = pidf(sub.entity,
                            INITIAL_NOTE if sub.visible else "")
            else:
                body = dialog_info(sub.entity, 0, "idle")
            data = self.notify(sub, body, "init")
            now = time.monotonic()
            self.init_retx[callid] = [now + 0.5, 0.5, data, now + 32]

    def kill(self, sub):
        """SUB no longer counts: superseded, refused or timed out."""
        if sub.dead:
            return
        sub.dead = True
        self.init_retx.pop(sub.callid, None)
        if sub.established:
            self.established -= 1

    def notify(self, sub, body, phase):
        sub.cseq += 1
        self.branch += 1
        ctype = ("application/pidf+xml" if sub.event == "presence"
                 else "application/dialog-info+xml")
        msg = ("NOTIFY %s SIP/2.0\r\n"
               "Via: SIP/2.0/UDP 127.0.0.1:%d;branch=z9hG4bKgen%d;rport\r\n"
               "Max-Forwards: 70\r\n"
               "From: %s\r\n"
               "To: %s\r\n"
               "Call-ID: %s\r\n"
               "CSeq: %d NOTIFY\r\n"
               "Contact: <sip:%s@127.0.0.1:%d>\r\n"
               "Event: %s\r\n"
               "Subscription-State: active;expires=%d\r\n"
               "Content-Type: %s\r\n"
               "Content-Length: %d\r\n\r\n"
               % (sub.contact, self.port, self.branch, sub.to_hdr,
                  sub.from_hdr, sub.callid, sub.cseq, sub.number, self.port,
                  sub.event, EXPIRES, ctype, len(body))).encode() + body
        self.pending[(sub.callid, sub.cseq)] = (time.monotonic(), phase, sub)
        self.sent[phase] += 1
        self.send(data=msg)
        return msg

    def on_response(self, first, hdrs):
        code = int(first.split()[1])
        cseq = hdrs.get("cseq", ["0 X"])[0].split()
        if len(cseq) < 2 or cseq[1] != "NOTIFY":
            self.other += 1
            return
        key = (hdrs["call-id"][0], int(cseq[0]))
        got = self.pending.pop(key, None)
        if got is None:
            return            # an answer to a retransmission
        sent_at, phase, sub = got
        answers = self.answers[phase]
        answers[code] = answers.get(code, 0) + 1
        if phase == "load":
            self.rtt.append((time.monotonic() - sent_at) * 1000)
        elif code >= 300:
            self.kill(sub)        # 481: the console has forgotten it
        elif code >= 200 and not sub.established and not sub.dead:
            sub.established = True
            self.init_retx.pop(sub.callid, None)
            self.established += 1
            if self.established == 2 * N_EXT:
                self.all_established = time.monotonic()

    def pump(self, until):
        """Handles what arrives until the monotonic time UNTIL."""
        while True:
            now = time.monotonic()
            if now >= until:
                return
            r, _, _ = select.select([self.sock], [], [], until - now)
            if not r:
                continue
            for _ in range(200):
                try:
                    data, addr = self.sock.recvfrom(65535)
                except BlockingIOError:
                    break
                first, hdrs, _ = parse(data)
                if first.startswith("SIP/2.0 "):
                    self.on_response(first, hdrs)
                elif first.startswith("SUBSCRIBE "):
                    self.on_subscribe(first, hdrs, addr)
                else:
                    self.other += 1

    def retransmit_initial(self):
        """Timer A of the initial NOTIFYs: 0.5 s doubling up to 4 s,
        given up after 32 s (timer F)."""
        now = time.monotonic()
        for callid, r in list(self.init_retx.items()):
            if now >= r[3]:
                self.kill(self.subs[callid])
            elif now >= r[0]:
                r[1] = min(r[1] * 2, 4.0)
                r[0] = now + r[1]
                self.notify_retransmits += 1
                self.send(r[2])


# --- figures ------------------------------------------------------------

def udp_drops(port):
    """Datagrams dropped by the UDP socket bound to 127.0.0.1:PORT."""
    want = "0100007F:%04X" % port
    with open("/proc/net/udp") as f:
        for line in f.readlines()[1:]:
            fields = line.split()
            if fields[1] == want:
                return int(fields[-1])
    return None


def udp_rcvbuf(port):
    """The receive buffer of the UDP socket on 127.0.0.1:PORT (ss)."""
    try:
        r = subprocess.run(["ss", "-u", "-a", "-m", "-n", "-H",
                            "sport = :%d" % port], capture_output=True,
                           text=True, timeout=5)
    except (OSError, subprocess.SubprocessError):
        return None
    m = re.search(r"\brb(\d+)", r.stdout)
    return int(m.group(1)) if m else None


def memory(pid):
    out = {}
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith(("VmRSS", "VmHWM")):
                out[line.split(":")[0]] = int(line.split()[1])
    return out


def pct(sorted_vals, q):
    return sorted_vals[min(len(sorted_vals) - 1,
                           max(0, int(round(q * len(sorted_vals))) - 1))]


def write_conf(tmp, port, gen_port):
    conf = os.path.join(tmp, "cordboard.conf")
    with open(conf, "w") as f:
        f.write('account { listen = "127.0.0.1:%d" }\n'
                'audio { device = "none" }\n'
                'history_file = "%s/history"\n'
                'presence_server = "sip:127.0.0.1:%d"\n'
                % (port, tmp, gen_port))
        depts = ["Sales", "Support", "Accounts", "Management", "Lab",
                 "Warehouse", "Legal", "Front desk"]
        for i in range(N_EXT):
            n = FIRST_NUMBER + i
            f.write('extension "%d" { name = "Person %d" department = "%s" '
                    'uri = "sip:%d@127.0.0.1:%d" }\n'
                    % (n, n, depts[i % len(depts)], n, gen_port))
    return conf


def main():
    sys.setswitchinterval(0.0005)   # the pty reader gets the GIL quickly
    rng = random.Random(4235)
    with tempfile.TemporaryDirectory(prefix="cordboard-bench-") as tmp:
        port = free_port(2)
        gen_port = free_port(1)
        gen = Generator(gen_port, port)
        conf = write_conf(tmp, port, gen_port)
        screen = Screen()
        t_start = time.monotonic()
        pid, fd, out = spawn_console(conf, tmp, size=SIZE,
                                     on_output=screen.feed)
        try:
            # 1. subscriptions
            cpu0 = proc_counts(pid)[0]
            drops_setup0 = None
            gen_cpu0 = time.process_time()
            deadline = t_start + SETUP_TIMEOUT
            progress, next_mark = [], t_start + 5
            while gen.all_established is None and \
                    time.monotonic() < deadline:
                if drops_setup0 is None:     # as soon as it is bound
                    drops_setup0 = udp_drops(port)
                gen.pump(min(deadline, time.monotonic() +
                             (0.1 if drops_setup0 is not None else 0.005)))
                gen.retransmit_initial()
                if time.monotonic() >= next_mark:
                    progress.append("%.0f s: %d" % (next_mark - t_start,
                                                    gen.established))
                    next_mark += 5
                try:
                    if os.waitpid(pid, os.WNOHANG)[0]:
                        raise RuntimeError("the console exited")
                except ChildProcessError:
                    raise RuntimeError("the console exited")
            t_setup = time.monotonic()
            cpu_setup = proc_counts(pid)[0] - cpu0
            gen_cpu_setup = time.process_time() - gen_cpu0
            drops_setup1 = udp_drops(port)
            rcvbuf = udp_rcvbuf(port)
            if not gen.subs:
                print("no SUBSCRIBE reached the load generator; output:")
                print(out[-2000:].decode("utf-8", "replace"))
                return 1
            print("%d extensions: %d SUBSCRIBE dialogs started by the "
                  "console (%d replaced an earlier one), %d of %d "
                  "subscriptions established (200 to the initial NOTIFY)"
                  % (N_EXT, len(gen.subs), gen.superseded, gen.established,
                     2 * N_EXT))
            if gen.all_established:
                print("all %d established %.2f s after the console started "
                      "(%.2f s after its first SUBSCRIBE)" % (
                          2 * N_EXT, gen.all_established - t_start,
                          gen.all_established - gen.first_subscribe))
            else:
                print("NOT all established after %.0f s" % SETUP_TIMEOUT)
            if progress:
                print("established so far: " + ", ".join(progress))
            if gen.all_established:
                figure("start -> all %d subscriptions established "
                       "(notify load bench)" % (2 * N_EXT),
                       [gen.all_established - t_start], "s")
            print("while subscribing: console cpu %.2f s over %.2f s "
                  "(generator %.2f s); datagrams dropped by the console's "
                  "socket %s (its receive buffer: %s bytes); SUBSCRIBE "
                  "retransmissions %d, initial NOTIFY retransmissions %d, "
                  "initial answers %s" % (
                      cpu_setup, t_setup - t_start, gen_cpu_setup,
                      drops_setup1 - drops_setup0
                      if drops_setup0 is not None and drops_setup1 is not None
                      else "?", rcvbuf if rcvbuf else "?",
                      gen.sub_retransmits,
                      gen.notify_retransmits,
                      dict(sorted(gen.answers["init"].items()))))
            gen.pump(time.monotonic() + 1.0)   # settle, draw
            gen.retransmit_initial()

            visible = [s for s in gen.order
                       if s.visible and s.event == "presence"
                       and s.established and not s.dead]
            visible.sort(key=lambda s: int(s.number))
            pool = [s for s in gen.order
                    if not s.visible and s.established and not s.dead]
            if not visible or not pool:
                print("too few subscriptions to load; giving up")
                return 1
            mem0 = memory(pid)
            drops0 = udp_drops(port)
            gen_drops0 = udp_drops(gen_port)
            bytes0 = screen.bytes

            # 2. load: RATE NOTIFYs a second in batches every BATCH_S
            per_batch = max(1, int(round(RATE * BATCH_S)))
            batches = int(round(LOAD_S / BATCH_S))
            sample_sent, sample_key = {}, {}
            n_sample = 0
            gen_cpu0 = time.process_time()
            cpu0, sw0, threads = proc_counts(pid)
            t0 = time.monotonic()
            late = 0
            for k in range(batches):
                due = t0 + k * BATCH_S
                gen.pump(due)
                if time.monotonic() - due > BATCH_S:
                    late += 1
                # one sample on a visible row, at a random place in the
                # batch; the rest anywhere else
                at = rng.randrange(per_batch)
                for j in range(per_batch):
                    if j == at:
                        sub = visible[n_sample % len(visible)]
                        note = marker(n_sample, sub.samples % 2)
                        sub.samples += 1
                        gen.notify(sub, pidf(sub.entity, note), "load")
                        sample_key[n_sample] = (sub.callid, sub.cseq)
                        sample_sent[n_sample] = gen.pending[
                            sample_key[n_sample]][0]
                        n_sample += 1
                        continue
                    s = pool[rng.randrange(len(pool))]
                    if s.event == "presence":
                        body = pidf(s.entity, "n%d" % gen.branch,
                                    rng.choice(ACTIVITIES))
                    else:
                        body = dialog_info(s.entity, s.cseq + 1,
                                           rng.choice(DIALOG_STATES),
                                           gen.branch)
                    gen.notify(s, body, "load")
            t1 = time.monotonic()
            cpu1, sw1, _ = proc_counts(pid)
            gen_cpu = time.process_time() - gen_cpu0
            gen.pump(t1 + GRACE_S)
            mem1 = memory(pid)
            drops1 = udp_drops(port)
            gen_drops1 = udp_drops(gen_port)

            # 3. figures
            load_s = t1 - t0
            sent = gen.sent["load"]
            answered = gen.answers["load"]
            ok = answered.get(200, 0)
            unanswered = sum(1 for v in gen.pending.values()
                             if v[1] == "load")
            print("load: %d NOTIFYs sent in %.2f s (%.0f/s, %d per %.0f ms "
                  "batch, %d batches late), %d presence / %d dialog "
                  "subscriptions in the mix" % (
                      sent, load_s, sent / load_s, per_batch,
                      BATCH_S * 1000, late,
                      sum(1 for s in pool if s.event == "presence"),
                      sum(1 for s in pool if s.event == "dialog")))
            print("answered 200: %d / %d sent; other answers %s; never "
                  "answered %d (no retransmission under load)" % (
                      ok, sent, dict(sorted(
                          (c, n) for c, n in answered.items() if c != 200)),
                      unanswered))
            if drops0 is not None and drops1 is not None:
                print("datagrams dropped by the console's socket during the "
                      "load: %d (generator's socket: %s)" % (
                          drops1 - drops0,
                          gen_drops1 - gen_drops0
                          if gen_drops0 is not None else "?"))
            if gen.rtt:
                rtt = sorted(gen.rtt)
                print("NOTIFY -> 200 OK: median %.2f ms, p99 %.2f ms, "
                      "max %.2f ms" % (statistics.median(rtt),
                                       pct(rtt, 0.99), rtt[-1]))
            print("console cpu during the load, %.1f s: %.1f%% of one core, "
                  "%.0f wake-ups/s (%d threads); generator cpu %.1f%%" % (
                      load_s, 100 * (cpu1 - cpu0) / load_s,
                      (sw1 - sw0) / load_s, threads,
                      100 * gen_cpu / load_s))
            print("terminal output during the load: %.0f kB/s" % (
                (screen.bytes - bytes0) / 1024 / (load_s + GRACE_S)))
            lat = sorted((screen.seen[i] - t) * 1000
                         for i, t in sample_sent.items() if i in screen.seen)
            missing = len(sample_sent) - len(lat)
            lost = sum(1 for i in sample_sent if i not in screen.seen and
                       sample_key[i] in gen.pending)
            load_label = "%d/s NOTIFY load, %d extensions" % (RATE, N_EXT)
            figure("console CPU under %s" % load_label,
                   [100 * (cpu1 - cpu0) / load_s], "% core",
                   note="one %.0f s window" % load_s)
            if gen.rtt:
                figure("NOTIFY -> 200 OK under %s" % load_label, gen.rtt,
                       "ms", note="%d of %d answered" % (ok, sent))
            if lat:
                figure("NOTIFY -> screen under %s" % load_label, lat, "ms",
                       note="%d of %d samples never seen" % (
                           missing, len(sample_sent)))
            if lat:
                print("NOTIFY -> screen, %d samples on %d visible rows: "
                      "median %.2f ms, p99 %.2f ms, max %.2f ms, never "
                      "seen %d (%d of them never answered either)" % (
                          len(sample_sent), len(visible),
                          statistics.median(lat), pct(lat, 0.99), lat[-1],
                          missing, lost))
            else:
                print("NOTIFY -> screen: none of %d samples seen on the "
                      "screen" % len(sample_sent))
            print("memory: VmRSS %d kB before the load, %d kB after; "
                  "VmHWM %d kB before, %d kB after" % (
                      mem0["VmRSS"], mem1["VmRSS"], mem0["VmHWM"],
                      mem1["VmHWM"]))
        finally:
            stop_console(pid, fd)
    return 0


if __name__ == "__main__":
    sys.exit(main())
