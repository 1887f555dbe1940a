#!/usr/bin/env python3
"""A resource list server that sends its NOTIFYs out of order, as
Kamailio's rls does (several of its processes send a list's NOTIFYs):
a small UDP list server here answers the console's list SUBSCRIBEs
and sends NOTIFY CSeq 3 before CSeq 2, then CSeq 2 again (the same
transaction, and a new one). The console answers 200 to every one
(not "500 Bad Sequence", after which rls drops the list), shows what
the newest list version says, takes from the late NOTIFY what no newer
one told, and its subscription lives on: a later NOTIFY is applied.
An unreadable list NOTIFY is said once on the log pane, answered, and
the board keeps its states."""

import os
import random
import socket
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from console import (Cases, Console, colleague_extensions,  # noqa: E402
                     expect)
from office import free_port  # noqa: E402
from test_board import wait_row  # noqa: E402

BOUNDARY = "order7Zx"
CT = ('multipart/related;type="application/rlmi+xml";start="<root@list>";'
      'boundary="%s"' % BOUNDARY)


def header(msg, name):
    for line in msg.split("\r\n")[1:]:
        if not line:
            break
        k, _, v = line.partition(":")
        if k.strip().lower() == name.lower():
            return v.strip()
    return ""


def pidf(number, basic):
    return ('<?xml version="1.0"?><presence xmlns="urn:ietf:params:xml:ns:'
            'pidf" entity="sip:%s@127.0.0.1"><tuple id="t"><status><basic>'
            '%s</basic></status></tuple></presence>' % (number, basic))


def idle(number):
    return ('<?xml version="1.0"?><dialog-info xmlns="urn:ietf:params:xml:'
            'ns:dialog-info" version="0" state="full" entity="sip:%s@'
            '127.0.0.1"/>' % number)


class ListServer:
    """Answers list SUBSCRIBEs with 200 and sends NOTIFYs on each
    subscription's dialog with the CSeq, list version and states asked
    for; keeps every response the console sends, by (event, CSeq)."""

    def __init__(self):
        self.port = free_port()
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.bind(("127.0.0.1", self.port))
        self.sock.settimeout(0.2)
        self.uri = "sip:reception-list@127.0.0.1:%d" % self.port
        self.dialogs = {}        # event -> the subscription's dialog
        self.responses = []      # (event, cseq, status)
        self.lock = threading.Lock()
        self.running = True
        self.thread = threading.Thread(target=self.serve, daemon=True)
        self.thread.start()

    def close(self):
        self.running = False
        self.thread.join()
        self.sock.close()

    def serve(self):
        while self.running:
            try:
                data, addr = self.sock.recvfrom(65535)
            except socket.timeout:
                continue
            msg = data.decode("utf-8", "replace")
            if msg.startswith("SIP/2.0 "):
                cseq = header(msg, "CSeq").split()
                event = header(msg, "Event") or self.event_of(
                    header(msg, "Call-ID"))
                with self.lock:
                    self.responses.append((event, int(cseq[0]),
                                           int(msg.split()[1])))
            elif msg.startswith("SUBSCRIBE "):
                self.subscribed(msg, addr)
            elif msg and not msg.startswith("\r\n"):
                self.reply(msg, addr, "405 Method Not Allowed", "")

    def event_of(self, callid):
        for event, d in self.dialogs.items():
            if d["callid"] == callid:
                return event
        return ""

    def reply(self, msg, addr, status, totag, extra=""):
        lines = ["SIP/2.0 " + status]
        for line in msg.split("\r\n")[1:]:
            if not line:
                break
            k = line.partition(":")[0].strip().lower()
            if k in ("via", "from", "call-id", "cseq"):
                lines.append(line)
            elif k == "to":
                lines.append(line + (";tag=" + totag if totag else ""))
        lines.append(extra + "Content-Length: 0")
        self.sock.sendto(("\r\n".join(lines) + "\r\n\r\n").encode(), addr)

    def subscribed(self, msg, addr):
        event = header(msg, "Event").split(";")[0].strip()
        frm, to = header(msg, "From"), header(msg, "To")
        callid = header(msg, "Call-ID")
        old = self.dialogs.get(event)
        if old and old["callid"] == callid:
            totag = old["totag"]       # a refresh
        else:
            totag = "list%x" % random.getrandbits(32)
        self.reply(msg, addr, "200 OK", totag,
                   "Contact: <%s>\r\nExpires: 600\r\n" % self.uri)
        contact = header(msg, "Contact").strip("<>").split(">")[0]
        with self.lock:
            if not old or old["callid"] != callid:
                self.dialogs[event] = {
                    "callid": callid, "totag": totag, "addr": addr,
                    "contact": contact, "from": frm, "to": to}

    def wait_subscribed(self, events, timeout=20):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self.lock:
                if all(e in self.dialogs for e in events):
                    return
            time.sleep(0.1)
        raise AssertionError("the console did not subscribe to the lists "
                             "%r (got %r)" % (events, list(self.dialogs)))

    def notify(self, event, cseq, version, full, states, branch=None,
               body=None):
        """STATES: (number, body) pairs. Returns the branch, to send
        the same transaction again."""
        d = self.dialogs[event]
        branch = branch or "z9hG4bK%x" % random.getrandbits(48)
        if body is None:
            parts = ['<?xml version="1.0"?><list xmlns="urn:ietf:params:'
                     'xml:ns:rlmi" uri="%s" version="%d" fullState="%s">'
                     % (self.uri, version, "true" if full else "false")]
            parts += ['<resource uri="sip:%s@127.0.0.1"><instance id="i%s"'
                      ' state="active" cid="%s@list"/></resource>'
                      % (n, n, n) for n, _ in states]
            parts.append("</list>")
            body = ("--%s\r\nContent-Type: application/rlmi+xml\r\n"
                    "Content-ID: <root@list>\r\n\r\n%s\r\n"
                    % (BOUNDARY, "".join(parts)))
            kind = ("application/pidf+xml" if event == "presence" else
                    "application/dialog-info+xml")
            for n, b in states:
                body += ("--%s\r\nContent-Type: %s\r\nContent-ID: "
                         "<%s@list>\r\n\r\n%s\r\n" % (BOUNDARY, kind, n, b))
            body += "--%s--\r\n" % BOUNDARY
        raw = body.encode()
        to = d["from"]                   # the console's From, with its tag
        frm = "<%s>;tag=%s" % (self.uri, d["totag"])
        msg = ("NOTIFY %s SIP/2.0\r\n"
               "Via: SIP/2.0/UDP 127.0.0.1:%d;branch=%s\r\n"
               "Max-Forwards: 70\r\n"
               "From: %s\r\nTo: %s\r\nCall-ID: %s\r\nCSeq: %d NOTIFY\r\n"
               "Contact: <%s>\r\nEvent: %s\r\n"
               "Subscription-State: active;expires=600\r\n"
               "Content-Type: %s\r\nContent-Length: %d\r\n\r\n"
               % (d["contact"], self.port, branch, frm, to, d["callid"],
                  cseq, self.uri, event, CT, len(raw)))
        self.sock.sendto(msg.encode() + raw, d["addr"])
        return branch

    def answers(self, event, cseq):
        with self.lock:
            return [s for e, c, s in self.responses
                    if e == event and c == cseq]

    def wait_answers(self, event, cseq, count=1, timeout=10):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            got = self.answers(event, cseq)
            if len(got) >= count:
                return got
            time.sleep(0.05)
        return self.answers(event, cseq)


def the_lists_are_subscribed_and_served(srv, con):
    srv.wait_subscribed(("presence", "dialog"))
    srv.notify("dialog", 1, 0, True, [("201", idle("201")),
                                      ("202", idle("202"))])
    srv.notify("presence", 1, 0, True, [("201", pidf("201", "open")),
                                        ("202", pidf("202", "open"))])
    for n in ("201", "202"):
        wait_row(con, n, lambda r: " A- " in r,
                 "%s available and idle, told by the list" % n)
    expect(srv.wait_answers("presence", 1) == [200], "NOTIFY 1 answered 200")


def notifies_out_of_order_are_all_taken(srv, con):
    # version 2 (CSeq 3) leaves the server before version 1 (CSeq 2)
    srv.notify("presence", 3, 2, False, [("201", pidf("201", "closed"))])
    expect(srv.wait_answers("presence", 3) == [200],
           "NOTIFY CSeq 3 answered 200: %r" % srv.answers("presence", 3))
    wait_row(con, "201", lambda r: " O- " in r, "201 offline (version 2)")
    late = srv.notify("presence", 2, 1, False,
                      [("201", pidf("201", "open")),
                       ("202", pidf("202", "closed"))])
    got = srv.wait_answers("presence", 2)
    expect(got == [200], "the late NOTIFY CSeq 2 answered 200, not 500 "
           "Bad Sequence: %r" % got)
    # what version 1 says of 202 is news; of 201 it is older than 2
    wait_row(con, "202", lambda r: " O- " in r,
             "202 offline, told by the late NOTIFY")
    # the same transaction again, then the same NOTIFY as a new one
    srv.notify("presence", 2, 1, False, [("201", pidf("201", "open")),
                                         ("202", pidf("202", "closed"))],
               branch=late)
    srv.notify("presence", 2, 1, False, [("201", pidf("201", "open")),
                                         ("202", pidf("202", "closed"))])
    got = srv.wait_answers("presence", 2, count=3)
    expect(got == [200, 200, 200], "NOTIFY CSeq 2 sent three times, "
           "answered 200 each time: %r" % got)
    # the subscription lives on: version 3 is applied
    srv.notify("presence", 4, 3, False, [("202", pidf("202", "open"))])
    expect(srv.wait_answers("presence", 4) == [200], "NOTIFY 4 answered")
    wait_row(con, "202", lambda r: " A- " in r, "202 available (version 3)")
    wait_row(con, "201", lambda r: " O- " in r,
             "201 still offline: the late version 1 did not undo 2")


def an_unreadable_list_is_said_once(srv, con):
    bad = ("--%s\r\nContent-Type: application/rlmi+xml\r\n\r\n<list><res"
           "\r\n--%s--\r\n" % (BOUNDARY, BOUNDARY))
    srv.notify("presence", 5, 4, False, [], body=bad)
    srv.notify("presence", 6, 5, False, [], body=bad)
    expect(srv.wait_answers("presence", 6) == [200],
           "the unreadable NOTIFY answered 200")
    scr = con.wait_screen("cannot read")
    expect(scr.count("cannot read") == 1,
           "said once on the log pane, not per NOTIFY:\n" + scr)
    srv.notify("presence", 7, 6, False, [("201", pidf("201", "open"))])
    wait_row(con, "201", lambda r: " A- " in r,
             "201 available: the list still works")
    wait_row(con, "202", lambda r: " A- " in r, "202 kept its state")


def main():
    cases = Cases()
    with tempfile.TemporaryDirectory(prefix="cordboard-it-") as tmp:
        srv = ListServer()
        host = "127.0.0.1:%d" % srv.port
        con = Console(tmp, extensions=colleague_extensions(host),
                      cols=120, rows=30,
                      extra_config='presence_server = "sip:%s;lr"\n'
                      'presence { list_uri = "%s" }\n' % (host, srv.uri))
        try:
            with con:
                cases.run_all([
                    ("the lists are subscribed and served",
                     the_lists_are_subscribed_and_served),
                    ("NOTIFYs out of CSeq order are all answered 200 and "
                     "taken in the list's order",
                     notifies_out_of_order_are_all_taken),
                    ("an unreadable list is said once and the list lives "
                     "on", an_unreadable_list_is_said_once)],
                    srv, con)
        finally:
            srv.close()
            if cases.failed:
                print("--- console log (tail)\n" + con.log_tail(40))
    return cases.finish()


if __name__ == "__main__":
    sys.exit(main())
