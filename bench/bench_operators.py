#!/usr/bin/env python3
"""Several operators benchmark (figures, never pass/fail): 4 consoles
registering the same AOR (sip:reception@) with one Kamailio, each
watching 5,000 extensions through Kamailio's resource list server (rls,
presence.list_uri: one SUBSCRIBE per event and console).

Before the consoles start, the bench PUBLISHes every extension's
presence (open) and line state (idle) to Kamailio. Then it measures:
(a) each console's start -> every state known: all 10,000 (presence and
    line state of 5,000 extensions), "known" meaning the console
    answered 200 to the NOTIFY that carried the last of them (read on
    lo, with the kernel's timestamps);
(b) a caller (the simulated office, registered with Kamailio) rings all
    4; console 1 answers: from its 200 OK crossing lo to "answered by"
    written to each other console's terminal;
(c) each console's idle CPU, wake-ups per second and RSS, settled;
(d) a storm: office phones toggling their presence through Kamailio,
    BENCH_STORM_RATE (1,000) PUBLISHes a second for BENCH_STORM_SECONDS
    (10), each a state change Kamailio passes on to every console's
    list: each console's CPU and Kamailio's (all its processes), and
    the list NOTIFYs each console took.
Found on Kamailio 5.6.3 (2026-12): Kamailio's rls sends a list's
NOTIFYs out of CSeq order, from several processes, and again after
they were answered. Before the console answered those itself (issue
21: sip/list_notify.c, core/rlmi_apply.c) libre answered the older
CSeq "500 Bad Sequence" and rls dropped the list ("Dialog is NULL"),
so (a) never completed beyond a small list. Now no list NOTIFY is
refused, and with Kamailio's receive buffer raised (maxbuffer under
WITH_BIG_LIST: its 208 kB default dropped the consoles' 200s, so rls
retransmitted answered NOTIFYs and timed them out) 1 console x 3,000
extensions knows all 6,000 states in 20 s. 4 consoles x 5,000 still
do not complete: rls times out its NOTIFY transactions and drops the
lists ("rls_notify_callback(): record not found" in its log, 2 busy
worker processes), after which the storm (d) reaches no console.
4 consoles x 1,000: 3 knew all 2,000 states in 13-21 s, the fourth
1,989 at 60 s; in the storm Kamailio took 96% of a core (and accepted
2,793 of 10,000 PUBLISHes in time), each console 1.1-1.5% taking
about 110 list NOTIFYs a second. The bench says how many states each console took, and which NOTIFYs it
refused.
Needs root (a packet socket on lo) and Kamailio. Knobs:
BENCH_NOTIFY_EXTENSIONS (5000), BENCH_OPERATORS_ROUNDS (5),
BENCH_IDLE_SECONDS (10), BENCH_OPERATORS_CONSOLES (4),
BENCH_OPERATORS_TIMEOUT (120 s for (a)), BENCH_STORM_RATE (1000),
BENCH_STORM_SECONDS (10)."""

import os
import re
import socket
import sys
import tempfile
import time

from benchlib import (LoTap, figure, measure_cost, memory_kb,
                      proc_counts, spawn_console, stop_console)
from bench_notify import FIRST_NUMBER, N_EXT, dialog_info, parse, pidf
from kamailio import Kamailio, missing
from office import Office, free_port, office_spec, ua, write_office

CONSOLES = int(os.environ.get("BENCH_OPERATORS_CONSOLES", "4"))
ROUNDS = int(os.environ.get("BENCH_OPERATORS_ROUNDS", "5"))
KNOWN_TIMEOUT_S = int(os.environ.get("BENCH_OPERATORS_TIMEOUT", "120"))
STORM_RATE = int(os.environ.get("BENCH_STORM_RATE", "1000"))
STORM_S = float(os.environ.get("BENCH_STORM_SECONDS", "10"))
RING_TIMEOUT_S = 15
LIST = "reception-list"
RESOURCE = re.compile(rb'<resource uri="([^"]+)"\s*(?:/>|>(.*?)</resource>)',
                      re.S)


class ListTap(LoTap):
    """Follows Kamailio's list NOTIFYs to each console and the console's
    200 to each: per console, the resources whose state it has taken,
    and when it took the last one."""

    def __init__(self, kam_port, consoles):
        super().__init__()
        # the NOTIFYs of 4 lists at once must not overflow the socket
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1 << 25)
        self.kam_port = kam_port
        self.ports = {c.port: c for c in consoles}
        self.pending = {}     # (port, call-id, cseq) -> resources carried
        self.offset = time.time() - time.monotonic()
        self.answers = {}     # port -> [monotonic times of 200 to INVITE]
        self.ringing = {}     # port -> count of 180s sent

    def udp(self, t, sport, dport, payload):
        t = t - self.offset if t else time.monotonic()
        if sport == self.kam_port and dport in self.ports and \
                payload.startswith(b"NOTIFY "):
            first, hdrs, body = parse(payload)
            carried = set()
            event = hdrs.get("event", [""])[0].split(";")[0].strip()
            for uri, inner in RESOURCE.findall(body):
                # an instance with a cid has its state in the NOTIFY
                if b"cid=" in inner:
                    carried.add((event, uri))
            key = (dport, hdrs["call-id"][0], hdrs["cseq"][0].split()[0])
            self.pending[key] = carried
            self.ports[dport].notifies += 1
        elif sport in self.ports and payload.startswith(b"SIP/2.0 "):
            first, hdrs, _ = parse(payload)
            cseq = hdrs.get("cseq", [""])[0].split()
            if len(cseq) != 2:
                return
            code = first.split()[1]
            if cseq[1] == "NOTIFY" and code != "200":
                con = self.ports[sport]
                con.refused[first[12:]] = con.refused.get(first[12:], 0) + 1
                got = self.pending.pop(
                    (sport, hdrs["call-id"][0], cseq[0]), None)
                con.lost |= got or set()
            elif cseq[1] == "NOTIFY" and code == "200":
                got = self.pending.pop(
                    (sport, hdrs["call-id"][0], cseq[0]), None)
                con = self.ports[sport]
                if got:
                    con.known |= got
                    if len(con.known) >= 2 * N_EXT and con.all_known is None:
                        con.all_known = t
            elif cseq[1] == "INVITE" and code == "200":
                self.answers.setdefault(sport, []).append(t)
            elif cseq[1] == "INVITE" and code == "180":
                self.ringing[sport] = self.ringing.get(sport, 0) + 1


class Operator:
    """One console on a pty, every byte it writes watched for the words
    of a call answered elsewhere."""

    def __init__(self, tmp, n, kam):
        self.n = n
        self.dir = os.path.join(tmp, "op%d" % n)
        os.makedirs(self.dir)
        self.port = free_port(2)
        self.known = set()
        self.all_known = None
        self.notifies = 0
        self.refused = {}     # the console's answers but 200 -> how many
        self.lost = set()     # states in a NOTIFY it did not take
        self.elsewhere = []   # monotonic times "answered by" was written
        self.tail = b""
        self.pid = self.fd = None
        self.started = None
        k = kam.addr
        self.conf = os.path.join(self.dir, "cordboard.conf")
        with open(self.conf, "w") as f:
            f.write('account { aor = "sip:reception@%s" registrar = '
                    '"sip:%s" dial_domain = "%s" display_name = '
                    '"Operator %d" listen = "127.0.0.1:%d" }\n'
                    'audio { device = "none" }\n'
                    'history_file = "%s/history"\n'
                    'presence_server = "sip:%s;lr"\n'
                    'presence { list_uri = "sip:%s@%s" }\n'
                    % (k, k, k, n, self.port, self.dir, k, LIST, k))
            for i in range(N_EXT):
                num = FIRST_NUMBER + i
                f.write('extension "%d" { name = "Person %d" uri = '
                        '"sip:%d@%s" }\n' % (num, num, num, k))

    def feed(self, chunk, t):
        data = self.tail + chunk
        start = 0
        while True:
            i = data.find(b"answered by", start)
            if i < 0:
                break
            if i + 11 > len(self.tail):
                self.elsewhere.append(t)
            start = i + 1
        self.tail = data[-16:]

    def start(self):
        self.started = time.monotonic()
        self.pid, self.fd, _ = spawn_console(self.conf, self.dir,
                                             size=(60, 200),
                                             on_output=self.feed)

    def stop(self):
        if self.pid:
            stop_console(self.pid, self.fd)


def publish_all(kam):
    """PUBLISHes presence (open) and line state (idle) of every
    extension, a window of 100 at a time; returns how many were
    accepted."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.bind(("127.0.0.1", 0))
    me = sock.getsockname()[1]
    todo = [(FIRST_NUMBER + i, ev) for i in range(N_EXT)
            for ev in ("presence", "dialog")]
    out, ok, seq = {}, 0, 0
    deadline = time.monotonic() + 120
    while (todo or out) and time.monotonic() < deadline:
        while todo and len(out) < 100:
            num, ev = todo.pop()
            seq += 1
            entity = "sip:%d@127.0.0.1" % num
            if ev == "presence":
                body, ctype = pidf(entity, ""), "application/pidf+xml"
            else:
                body = dialog_info(entity, 0, "idle")
                ctype = "application/dialog-info+xml"
            callid = "pub%d@bench" % seq
            msg = ("PUBLISH %s SIP/2.0\r\n"
                   "Via: SIP/2.0/UDP 127.0.0.1:%d;branch=z9hG4bKpub%d;rport\r\n"
                   "Max-Forwards: 70\r\nFrom: <%s>;tag=p%d\r\nTo: <%s>\r\n"
                   "Call-ID: %s\r\nCSeq: 1 PUBLISH\r\nEvent: %s\r\n"
                   "Expires: 3600\r\nContent-Type: %s\r\n"
                   "Content-Length: %d\r\n\r\n"
                   % (entity, me, seq, entity, seq, entity, callid, ev,
                      ctype, len(body))).encode() + body
            out[callid] = (msg, time.monotonic(), (num, ev))
            sock.sendto(msg, ("127.0.0.1", kam.port))
        sock.settimeout(0.2)
        try:
            data = sock.recv(65535)
        except socket.timeout:
            now = time.monotonic()
            for callid, (msg, sent, what) in list(out.items()):
                if now - sent > 1:
                    out[callid] = (msg, now, what)
                    sock.sendto(msg, ("127.0.0.1", kam.port))
            continue
        first, hdrs, _ = parse(data)
        code = int(first.split()[1])
        if code < 200:
            continue
        if out.pop(hdrs.get("call-id", [""])[0], None) and code < 300:
            ok += 1
    sock.close()
    return ok


def group_cpu(pgid):
    """CPU seconds of every process of the process group PGID (Kamailio
    runs as one main process and its children)."""
    total = 0.0
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            if os.getpgid(int(d)) == pgid:
                total += proc_counts(int(d))[0]
        except (OSError, ValueError):
            pass
    return total


def storm(kam, ops):
    """STORM_RATE presence changes a second for STORM_S, PUBLISHed to
    Kamailio for extensions in turn (each one open, then away with a
    note, then open...); returns (console CPU %s, Kamailio CPU %, list
    NOTIFYs per console, PUBLISHes accepted)."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.bind(("127.0.0.1", 0))
    sock.setblocking(False)
    me = sock.getsockname()[1]
    etags, ok, seq = {}, 0, 0
    pgid = os.getpgid(kam.proc.pid)
    notifies0 = [op.notifies for op in ops]
    cpu0 = [proc_counts(op.pid)[0] for op in ops]
    kam0 = group_cpu(pgid)
    t0 = time.monotonic()
    while time.monotonic() - t0 < STORM_S:
        due = int((time.monotonic() - t0) * STORM_RATE)
        while seq < due:
            num = FIRST_NUMBER + seq % N_EXT
            away = (seq // N_EXT) % 2 == 0
            entity = "sip:%d@127.0.0.1" % num
            body = pidf(entity, "storm %d" % seq if away else "",
                        "away" if away else None)
            seq += 1
            match = ("SIP-If-Match: %s\r\n" % etags[num]
                     if num in etags else "")
            msg = ("PUBLISH %s SIP/2.0\r\n"
                   "Via: SIP/2.0/UDP 127.0.0.1:%d;branch=z9hG4bKst%d;rport"
                   "\r\nMax-Forwards: 70\r\nFrom: <%s>;tag=s%d\r\n"
                   "To: <%s>\r\nCall-ID: storm%d-%d@bench\r\n"
                   "CSeq: 1 PUBLISH\r\nEvent: presence\r\n%s"
                   "Expires: 3600\r\nContent-Type: application/pidf+xml"
                   "\r\nContent-Length: %d\r\n\r\n"
                   % (entity, me, seq, entity, seq, entity, num, seq, match,
                      len(body))).encode() + body
            sock.sendto(msg, ("127.0.0.1", kam.port))
        while True:
            try:
                data = sock.recv(65535)
            except BlockingIOError:
                break
            first, hdrs, _ = parse(data)
            if first.split()[1] != "200":
                continue
            ok += 1
            num = int(re.search(r"storm(\d+)-", hdrs["call-id"][0]).group(1))
            if "sip-etag" in hdrs:
                etags[num] = hdrs["sip-etag"][0].strip()
        time.sleep(0.002)
    took = time.monotonic() - t0
    cons = [100 * (proc_counts(op.pid)[0] - c) / took
            for op, c in zip(ops, cpu0)]
    kcpu = 100 * (group_cpu(pgid) - kam0) / took
    sock.close()
    time.sleep(2)       # the last list NOTIFYs (rls sends every second)
    got = [op.notifies - n for op, n in zip(ops, notifies0)]
    print("storm: %d presence changes in %.1f s (%d accepted); Kamailio "
          "cpu %.0f%%; consoles cpu %s%%, list NOTIFYs taken %s"
          % (seq, took, ok, kcpu, ", ".join("%.1f" % c for c in cons),
             ", ".join(str(g) for g in got)))
    return cons, kcpu, got, ok


def wait_until(pred, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if pred():
            return True
        time.sleep(0.005)
    return False


def all_known(kam, ops):
    t0 = time.monotonic()
    for op in ops:
        op.start()
    wait_until(lambda: all(op.all_known for op in ops), KNOWN_TIMEOUT_S)
    took = []
    for op in ops:
        if op.all_known is None:
            print("console %d: NOT all %d states known after %d s (%d known,"
                  " %d NOTIFYs; refused %r, %d states in them and never "
                  "taken)" % (op.n, 2 * N_EXT, KNOWN_TIMEOUT_S,
                              len(op.known), op.notifies, op.refused,
                              len(op.lost - op.known)))
            for ev in ("presence", "dialog"):
                miss = sorted(int(re.search(rb"\d+", u).group()) for e, u in
                              ({(ev, b"sip:%d@127.0.0.1" % (FIRST_NUMBER + i))
                                for i in range(N_EXT)} - op.known))
                print("  %s: %d missing %s" % (ev, len(miss), miss[:20]))
            continue
        took.append(1000 * (op.all_known - op.started))
        print("console %d: all %d states known %.0f ms after it started "
              "(%d list NOTIFYs)" % (op.n, 2 * N_EXT, took[-1],
                                     op.notifies))
    if len(took) == len(ops):
        print("every console knows every state %.0f ms after the first "
              "started" % (1000 * (max(op.all_known for op in ops) - t0)))
    if len(took) < len(ops):
        print("Kamailio: %d transactions refused for want of memory, %d "
              "list NOTIFYs without a dialog" % (kam.count("out of mem"),
                                                 kam.count("Dialog is NULL")))
    return took


def rings(office, kam, tap, ops):
    """ROUNDS calls to the reception line, answered by console 1; the
    ms from its 200 OK to "answered by" on each other console."""
    lat = []
    first = ops[0]
    for r in range(ROUNDS):
        marks = [len(op.elsewhere) for op in ops]
        answers = len(tap.answers.get(first.port, []))
        ringing = dict(tap.ringing)
        office.cmd("office_call", "c%d sip:reception@%s" % (r, kam.addr))
        if not wait_until(lambda: all(tap.ringing.get(op.port, 0) >
                                      ringing.get(op.port, 0)
                                      for op in ops), RING_TIMEOUT_S):
            print("round %d: not every console rang" % r)
            office.cmd("office_hangup", "c%d" % r, check=False)
            continue
        time.sleep(0.5)      # the call on console 1's screen
        os.write(first.fd, b"\r")
        if not wait_until(lambda: len(tap.answers.get(first.port, [])) >
                          answers, RING_TIMEOUT_S) or not wait_until(
                lambda: all(len(op.elsewhere) > marks[i]
                            for i, op in enumerate(ops) if op is not first),
                RING_TIMEOUT_S):
            print("round %d: console 1 did not answer, or a console did "
                  "not say who answered" % r)
        else:
            t = tap.answers[first.port][answers]
            got = [1000 * (op.elsewhere[marks[i]] - t)
                   for i, op in enumerate(ops) if op is not first]
            print("round %d: answered by console 1; shown on the others "
                  "after %s ms" % (r, ", ".join("%.1f" % g for g in got)))
            lat += got
        time.sleep(0.5)
        office.cmd("office_hangup", "c%d" % r, check=False)
        time.sleep(1.0)
    return lat


def main():
    why = missing()
    if why or os.geteuid() != 0:
        print("skipped: " + (why or "needs root (a packet socket on lo)"))
        return 0
    with tempfile.TemporaryDirectory(prefix="cordboard-bench-") as tmp:
        kam = Kamailio(tmp, defines=("WITH_RLS", "WITH_BIG_LIST"))
        kam.resource_list("reception", "sip:%s@127.0.0.1" % LIST,
                          ["sip:%d@127.0.0.1" % (FIRST_NUMBER + i)
                           for i in range(N_EXT)])
        # names of different lengths: each round's "answered by" lands
        # in other cells, so the terminal is written it again
        callers = {"c%d" % r: {"name": "Caller %s" % ("x" * (r + 1)),
                               "number": "+331555%04d" % r, "tone": 440}
                   for r in range(ROUNDS)}
        ops, tap, known, lat, idle = [], None, [], [], []
        stormed = None
        with kam:
            spec = office_spec(callers=callers, registrar=kam.addr)
            spec["console"] = "sip:reception@" + kam.addr
            t = time.monotonic()
            ok = publish_all(kam)
            print("%d of %d states published to Kamailio in %.1f s" % (
                ok, 2 * N_EXT, time.monotonic() - t))
            ops = [Operator(tmp, n + 1, kam) for n in range(CONSOLES)]
            tap = ListTap(kam.port, ops)
            tap.start()
            try:
                known = all_known(kam, ops)
                with Office(write_office(tmp, spec)) as office:
                    office.wait_for(lambda st: all(
                        ua(st, c).get("registered") for c in callers),
                        what="the callers to register", timeout=40)
                    time.sleep(2)
                    lat = rings(office, kam, tap, ops)
                time.sleep(3)     # settle: the hang-ups, the NOTIFYs
                for op in ops:
                    cpu, wake = measure_cost(op.pid, "console %d idle, "
                                             "%d extensions" % (op.n, N_EXT))
                    rss = memory_kb(op.pid)
                    print("console %d: RSS %d kB" % (op.n, rss))
                    idle.append((wake, rss))
                if STORM_S > 0:
                    stormed = storm(kam, ops)
            finally:
                tap.stop = True
                for op in ops:
                    op.stop()
        if known:
            figure("%d consoles: start -> all %d states known, per console"
                   % (CONSOLES, 2 * N_EXT), known, "ms")
        if lat:
            figure("%d consoles: answered on one -> \"answered by\" on the "
                   "others" % CONSOLES, lat, "ms")
        if idle:
            figure("%d consoles, %d extensions each: idle wake-ups, per "
                   "console" % (CONSOLES, N_EXT), [w for w, _ in idle],
                   "/s")
            figure("%d consoles, %d extensions each: RSS, per console"
                   % (CONSOLES, N_EXT), [r / 1024 for _, r in idle], "MB")
        if stormed:
            cons, kcpu, got, ok = stormed
            figure("%d presence changes/s through Kamailio to %d consoles: "
                   "console CPU, per console" % (STORM_RATE, CONSOLES),
                   cons, "%")
            figure("%d presence changes/s through Kamailio to %d consoles: "
                   "Kamailio CPU (all its processes)" % (STORM_RATE,
                                                         CONSOLES),
                   [kcpu], "%")
            figure("%d presence changes/s through Kamailio: list NOTIFYs "
                   "each console took in %g s" % (STORM_RATE, STORM_S), got,
                   "")
    return 0


if __name__ == "__main__":
    sys.exit(main())
