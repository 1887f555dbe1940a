#!/usr/bin/env python3
"""Resource list benchmark (figures, never pass/fail): from the
console's start to every state known - presence and line state of
5,000 extensions - with one subscription per extension (10,000
SUBSCRIBE dialogs) and with one resource list per event (presence
.list_uri: 2 dialogs, RFC 4662).

The server is bench_notify's load generator, which also serves the
list: it answers a SUBSCRIBE to sip:reception-list@ with 200 OK and
then the whole list, full state first and partial state after, in
multipart NOTIFYs that fit the 8 kB libre reads from UDP (a real
server splits a large list the same way). Each NOTIFY is sent when the
previous one is answered, and again after 0.5 s if it is not. "Known"
means the console answered 200 to the NOTIFY that carried a state.
Knob: BENCH_NOTIFY_EXTENSIONS (5000)."""

import sys
import tempfile
import time

from benchlib import figure, proc_counts, spawn_console, stop_console
from bench_notify import (FIRST_NUMBER, N_EXT, Generator, dialog_info,
                          pidf, uri_of, write_conf)
from office import free_port

TIMEOUT_S = 60
DATAGRAM_MAX = 7500           # libre reads 8 kB from UDP
LIST_USER = "reception-list"


class ListState:
    def __init__(self, hdrs, port):
        self.callid = hdrs["call-id"][0]
        self.event = hdrs["event"][0].split(";")[0].strip().lower()
        self.from_hdr = hdrs["from"][0]
        self.to_hdr = hdrs["to"][0] + ";tag=list-" + self.event
        self.contact = uri_of(hdrs["contact"][0])
        self.cseq = 0
        self.queue = []       # (datagram, resources it carries)
        self.in_flight = None  # (cseq, datagram, count, sent at)
        self.port = port


class ListGenerator(Generator):
    def __init__(self, port, console_port):
        super().__init__(port, console_port)
        self.lists = {}
        self.known = 0
        self.all_known = None

    def on_subscribe(self, first, hdrs, addr):
        ruri = first.split()[1]
        if ruri.split(":", 1)[1].split("@")[0] != LIST_USER:
            return super().on_subscribe(first, hdrs, addr)
        callid = hdrs["call-id"][0]
        if self.first_subscribe is None:
            self.first_subscribe = time.monotonic()
        new = callid not in self.lists
        if new:
            self.lists[callid] = ListState(hdrs, self.port)
        st = self.lists[callid]
        resp = ["SIP/2.0 200 OK"] + ["Via: " + v for v in hdrs["via"]]
        resp += ["From: " + st.from_hdr, "To: " + st.to_hdr,
                 "Call-ID: " + callid, "CSeq: " + hdrs["cseq"][0],
                 "Contact: <sip:%s@127.0.0.1:%d>" % (LIST_USER, self.port),
                 "Expires: 600", "Require: eventlist",
                 "Content-Length: 0", "", ""]
        self.send("\r\n".join(resp).encode(), addr)
        if new:
            self.queue_list(st)
            self.send_next(st)

    def part(self, st, n):
        entity = "sip:%d@127.0.0.1" % n
        if st.event == "presence":
            body, ctype = pidf(entity, ""), "application/pidf+xml"
        else:
            body = dialog_info(entity, 0, "idle")
            ctype = "application/dialog-info+xml"
        cid = "r%d-%s@gen" % (n, st.event)
        res = ('<resource uri="%s"><instance id="i%d" state="active" '
               'cid="%s"/></resource>' % (entity, n, cid))
        part = ("--BOUNDARY\r\nContent-Transfer-Encoding: binary\r\n"
                "Content-ID: <%s>\r\nContent-Type: %s\r\n\r\n"
                % (cid, ctype)).encode() + body + b"\r\n"
        return res, part

    def queue_list(self, st):
        numbers = [FIRST_NUMBER + i for i in range(N_EXT)]
        version = 0
        while numbers:
            resources, parts, size = [], [], 1200
            while numbers:
                res, part = self.part(st, numbers[0])
                if resources and size + len(res) + len(part) > DATAGRAM_MAX:
                    break
                resources.append(res)
                parts.append(part)
                size += len(res) + len(part)
                numbers.pop(0)
            version += 1
            rlmi = ('<?xml version="1.0" encoding="UTF-8"?>\r\n'
                    '<list xmlns="urn:ietf:params:xml:ns:rlmi" '
                    'uri="sip:%s@127.0.0.1" version="%d" fullState="%s">'
                    '%s</list>\r\n' % (LIST_USER, version,
                                       "true" if version == 1 else "false",
                                       "".join(resources))).encode()
            body = (b"--BOUNDARY\r\nContent-Type: application/rlmi+xml\r\n"
                    b"Content-ID: <rlmi@gen>\r\n\r\n" + rlmi +
                    b"".join(parts) + b"--BOUNDARY--\r\n")
            st.queue.append((body, len(resources)))

    def send_next(self, st):
        if not st.queue:
            st.in_flight = None
            return
        body, count = st.queue.pop(0)
        st.cseq += 1
        self.branch += 1
        msg = ("NOTIFY %s SIP/2.0\r\n"
               "Via: SIP/2.0/UDP 127.0.0.1:%d;branch=z9hG4bKlist%d;rport\r\n"
               "Max-Forwards: 70\r\nFrom: %s\r\nTo: %s\r\nCall-ID: %s\r\n"
               "CSeq: %d NOTIFY\r\nContact: <sip:%s@127.0.0.1:%d>\r\n"
               "Event: %s\r\nSubscription-State: active;expires=600\r\n"
               "Require: eventlist\r\n"
               "Content-Type: multipart/related;type=\"application/rlmi+xml\""
               ";start=\"<rlmi@gen>\";boundary=\"BOUNDARY\"\r\n"
               "Content-Length: %d\r\n\r\n"
               % (st.contact, self.port, self.branch, st.to_hdr, st.from_hdr,
                  st.callid, st.cseq, LIST_USER, self.port, st.event,
                  len(body))).encode() + body
        st.in_flight = (st.cseq, msg, count, time.monotonic())
        self.send(msg)

    def on_response(self, first, hdrs):
        st = self.lists.get(hdrs.get("call-id", [""])[0])
        if st is None:
            super().on_response(first, hdrs)
            if self.all_established and not self.all_known:
                self.all_known = self.all_established
            return
        code = int(first.split()[1])
        cseq = int(hdrs["cseq"][0].split()[0])
        if not st.in_flight or cseq != st.in_flight[0] or code < 200:
            return
        if code < 300:
            self.known += st.in_flight[2]
            if self.known == 2 * N_EXT:
                self.all_known = time.monotonic()
        self.send_next(st)

    def retransmit(self):
        now = time.monotonic()
        for st in self.lists.values():
            if st.in_flight and now - st.in_flight[3] > 0.5:
                st.in_flight = st.in_flight[:3] + (now,)
                self.notify_retransmits += 1
                self.send(st.in_flight[1])
        self.retransmit_initial()


def run(mode):
    with tempfile.TemporaryDirectory(prefix="cordboard-bench-") as tmp:
        port, gen_port = free_port(2), free_port(1)
        gen = ListGenerator(gen_port, port)
        conf = write_conf(tmp, port, gen_port)
        if mode == "list":
            with open(conf, "a") as f:
                f.write('presence { list_uri = "sip:%s@127.0.0.1:%d" }\n'
                        % (LIST_USER, gen_port))
        t0 = time.monotonic()
        pid, fd, out = spawn_console(conf, tmp, size=(60, 200))
        try:
            cpu0 = proc_counts(pid)[0]
            while gen.all_known is None and time.monotonic() < t0 + TIMEOUT_S:
                gen.pump(time.monotonic() + 0.05)
                gen.retransmit()
            cpu = proc_counts(pid)[0] - cpu0
        finally:
            stop_console(pid, fd)
        dialogs = len(gen.subs) + len(gen.lists)
        if gen.all_known is None:
            print("%s: NOT all %d states known after %d s (%d known, %d "
                  "SUBSCRIBE dialogs)" % (mode, 2 * N_EXT, TIMEOUT_S,
                                          gen.known or gen.established,
                                          dialogs))
            return None
        took = gen.all_known - t0
        print("%s: all %d states known %.2f s after the console started; "
              "%d SUBSCRIBE dialogs, %d NOTIFYs, console cpu %.2f s, "
              "NOTIFY retransmissions %d" % (
                  mode, 2 * N_EXT, took, dialogs,
                  sum(gen.sent.values()) + sum(
                      st.cseq for st in gen.lists.values()),
                  cpu, gen.notify_retransmits))
        return took


def main():
    per = run("per-extension")
    listed = run("list")
    if listed is not None:
        figure("start -> all %d states known, one resource list per event"
               % (2 * N_EXT), [listed], "s",
               baseline=[per] if per is not None else None,
               versus="one subscription per extension")
    return 0


if __name__ == "__main__":
    sys.exit(main())
