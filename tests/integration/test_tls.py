#!/usr/bin/env python3
"""SIP over TLS and SRTP media, proven on the wire. The test makes its
own CA and a server certificate for 127.0.0.1 with openssl, runs
Kamailio with TLS on them, and captures loopback with tcpdump while the
console registers and takes calls over TLS:
- no SIP is readable on the TLS port, and the console sends none in
  clear anywhere;
- an SRTP call's RTP carries no PCMU the tone detector can read, while
  caller and colleague, merged by the console, hear each other's tones;
  a caller without SRTP, in the same run, is readable (the detector
  works);
- a console whose tls_ca did not sign the server's certificate refuses
  the server, says so on the status line, and sends nothing in clear.

Kamailio, not the simulated office, is the TLS server: it is what an
office runs, its TLS is OpenSSL on a certificate we made, and the
console's UDP listener stays silent, so any readable SIP would be a
leak."""

import getpass
import os
import re
import shutil
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from console import (Cases, Console, colleague_extensions,  # noqa: E402
                     answer_caller, clear_the_desk, expect)
from kamailio import Kamailio, missing, module_dir  # noqa: E402
from office import (Office, hears, office_spec, only,  # noqa: E402
                    talking, ua, write_office)
from speaker import goertzel_share  # noqa: E402
from test_board import wait_row  # noqa: E402

PEOPLE = ("acme", "bob", "201")
TONES = (440, 660, 880)
# a port of our own that every capture admits: a datagram to it shows
# the capture running
PROBE = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
PROBE.bind(("127.0.0.1", 0))


def openssl(*args, cwd):
    subprocess.run(["openssl"] + list(args), cwd=cwd, check=True,
                   capture_output=True)


def make_ca(d, name):
    openssl("req", "-x509", "-newkey", "ec", "-pkeyopt",
            "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2",
            "-keyout", name + ".key", "-out", name + ".pem",
            "-subj", "/CN=" + name, cwd=d)
    return os.path.join(d, name + ".pem")


def make_pki(d):
    """Our CA, a certificate it signs for 127.0.0.1, and a stranger's CA
    that signed nothing of the server's."""
    os.makedirs(d)
    ca = make_ca(d, "office-ca")
    stranger = make_ca(d, "stranger-ca")
    openssl("req", "-newkey", "ec", "-pkeyopt",
            "ec_paramgen_curve:prime256v1", "-nodes", "-keyout",
            "server.key", "-out", "server.csr", "-subj", "/CN=127.0.0.1",
            cwd=d)
    with open(os.path.join(d, "san.ext"), "w") as f:
        f.write("subjectAltName = IP:127.0.0.1\n")
    openssl("x509", "-req", "-in", "server.csr", "-CA", "office-ca.pem",
            "-CAkey", "office-ca.key", "-CAcreateserial", "-days", "2",
            "-extfile", "san.ext", "-out", "server.pem", cwd=d)
    tls_cfg = os.path.join(d, "tls.cfg")
    with open(tls_cfg, "w") as f:
        f.write("[server:default]\nmethod = TLSv1.2+\n"
                "verify_certificate = no\nrequire_certificate = no\n"
                "private_key = %s/server.key\ncertificate = %s/server.pem\n"
                % (d, d))
    return ca, stranger, tls_cfg


class Capture:
    """tcpdump on lo into a pcap file, read back as (proto, sport,
    dport, payload) tuples."""

    def __init__(self, path, bpf):
        self.path = path
        self.proc = subprocess.Popen(
            # -Z: stay who we are, or the file is out of reach of the
            # user tcpdump drops to
            # --immediate-mode: else packets wait in the kernel's ring
            # for a block to fill, and those still there at the end are
            # lost
            ["tcpdump", "-i", "lo", "--immediate-mode", "-U", "-s", "0",
             "-Z", getpass.getuser(), "-w", path,
             "(%s) or udp port %d" % (bpf, PROBE.getsockname()[1])],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        self.proc.stderr.readline()
        # "listening on lo" comes before the filter runs: wait until a
        # probe (which any filter of ours lets pass) is in the file
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            PROBE.sendto(b"probe", PROBE.getsockname())
            time.sleep(0.1)
            if any(p[3] == b"probe" for p in self.packets(True)):
                return
        raise RuntimeError("tcpdump captures nothing on lo: %s" % (
            self.proc.stderr.read1().decode(errors="replace")
            if self.proc.poll() is not None else "running"))

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            self.proc.wait(timeout=10)
            if os.environ.get("CORDBOARD_TLS_KEEP"):
                shutil.copy(self.path, os.environ["CORDBOARD_TLS_KEEP"])
        return list(self.packets())

    def packets(self, probes=False):
        with open(self.path, "rb") as f:
            data = f.read()
        if len(data) < 24:
            return
        link = struct.unpack("<I", data[20:24])[0]
        off = 24
        while off + 16 <= len(data):
            caplen = struct.unpack("<I", data[off + 8:off + 12])[0]
            if off + 16 + caplen > len(data):
                break
            frame = data[off + 16:off + 16 + caplen]
            off += 16 + caplen
            ip = frame[14:] if link == 1 else frame[16:]
            if len(ip) < 20 or ip[0] >> 4 != 4:
                continue
            proto, ihl = ip[9], (ip[0] & 15) * 4
            l4 = ip[ihl:]
            if len(l4) < (20 if proto == 6 else 8):
                continue
            sport, dport = struct.unpack("!HH", l4[:4])
            if proto == 6:
                payload = l4[(l4[12] >> 4) * 4:]
            elif proto == 17:
                payload = l4[8:]
            else:
                continue
            if probes or PROBE.getsockname()[1] not in (sport, dport):
                yield proto, sport, dport, payload


def ulaw(b):
    """One G.711 mu-law byte as a linear sample."""
    b = ~b & 0xFF
    t = (((b & 0x0F) << 3) + 0x84) << ((b & 0x70) >> 4)
    return (0x84 - t) if b & 0x80 else (t - 0x84)


def readable_tone(payload):
    """The tone (Hz) of TONES a PCMU RTP packet carries, or None."""
    if len(payload) < 172 or payload[0] >> 6 != 2 or payload[1] & 0x7F:
        return None
    samples = [ulaw(x) for x in payload[12:172]]
    for hz in TONES:
        if goertzel_share(samples, (hz - 25, hz, hz + 25), 8000) > 0.5:
            return hz
    return None


def media_ports(pkts, kam):
    """The RTP ports our calls' SDP named, read off Kamailio's UDP side
    (in clear: the office's phones talk UDP): other tests on this
    machine may be sending tones on lo too."""
    ports = set()
    for proto, sport, dport, payload in pkts:
        if proto == 17 and kam.port in (sport, dport):
            ports.update(int(m) for m in re.findall(
                rb"\r\nm=audio (\d+) ", payload))
    return ports


def pcmu_packets(pkts, ports):
    """RTP packets of PCMU between PORTS, 20 ms each (SRTP adds a
    10-byte tag)."""
    return [p for p in pkts if p[0] == 17 and len(p[3]) in (172, 182) and
            p[1] in ports and p[2] in ports and
            p[3][0] >> 6 == 2 and not p[3][1] & 0x7F]


def no_sip_in_clear(pkts, what):
    for proto, sport, dport, payload in pkts:
        for word in (b"REGISTER sip:", b"INVITE sip:", b"SIP/2.0"):
            expect(word not in payload, "%r in clear %s (%d -> %d)" % (
                word, what, sport, dport))


def registers_over_tls(office, con, kam, ctx):
    office.wait_for(lambda st: all(ua(st, p).get("registered")
                                   for p in PEOPLE),
                    what="the office's people to register with Kamailio")
    con.wait_screen("registered")
    # the line state of 201 came from Kamailio over the console's TLS
    # connection: its subscription went there too, not in clear
    wait_row(con, "201", lambda r: " A- " in r, "201 available, idle")


def srtp_call_merged_both_hear(office, con, kam, ctx):
    cap = Capture(os.path.join(ctx["dir"], "srtp.pcap"), "udp")
    answer_caller(office, con, uri="sip:reception@" + kam.addr)
    con.keys("c")
    con.type("201")
    con.keys("Enter")
    office.wait_for(lambda st: only(st, "201"), what="201 to ring")
    office.cmd("office_answer", "201")
    office.wait_for(lambda st: talking(st, "201", "reception"),
                    what="201 to talk to the console")
    con.wait_screen("CONS")
    con.keys("m")
    office.wait_for(lambda st: hears(st, "acme", "reception") == [880] and
                    hears(st, "201", "reception") == [440],
                    what="ACME to hear Alice's 880 Hz and Alice ACME's 440"
                    " through the console, over SRTP")
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        pkts = list(cap.packets())
        rtp = pcmu_packets(pkts, media_ports(pkts, kam))
        if len(rtp) >= 200:
            break
        time.sleep(0.2)
    pkts = cap.stop()
    rtp = pcmu_packets(pkts, media_ports(pkts, kam))
    expect(len(rtp) >= 200, "RTP flowed (%d packets; UDP sizes seen: %s)"
           % (len(rtp), sorted({len(p[3]) for p in pkts})[:20]))
    heard = [p for p in rtp if readable_tone(p[3])]
    expect(not heard, "%d of %d RTP packets are PCMU the detector reads "
           "(%s Hz)" % (len(heard), len(rtp),
                        sorted({readable_tone(p[3]) for p in heard})))
    clear_the_desk(office, con, people=PEOPLE)


def plain_caller_is_readable(office, con, kam, ctx):
    """The control: Bob's phone has no SRTP, srtp lets the call go
    plain, and the same detector reads his 660 Hz off the wire."""
    cap = Capture(os.path.join(ctx["dir"], "plain.pcap"), "udp")
    answer_caller(office, con, caller="bob", name="Bob Plain",
                  uri="sip:reception@" + kam.addr)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        pkts = list(cap.packets())
        heard = [p for p in pcmu_packets(pkts, media_ports(pkts, kam))
                 if readable_tone(p[3]) == 660]
        if len(heard) >= 20:
            break
        time.sleep(0.2)
    cap.stop()
    expect(len(heard) >= 20, "Bob's 660 Hz read off the wire in clear "
           "(%d packets)" % len(heard))
    clear_the_desk(office, con, people=PEOPLE)


def a_stranger_certificate_is_refused(office, con, kam, ctx):
    k = kam.addr
    other = Console(os.path.join(ctx["dir"], "stranger"),
                    account={"aor": "sip:reception@" + k,
                             "registrar": "sip:" + kam.tls_addr,
                             "transport": "tls",
                             "tls_ca": ctx["stranger"]})
    os.makedirs(other.dir)
    cap = Capture(os.path.join(ctx["dir"], "stranger.pcap"),
                  "port %d or port %d or port %d" % (
                      other.port, other.port + 1, kam.tls_port))
    with other:
        other.wait_screen("TLS server refused: its certificate is not "
                          "signed by tls_ca")
    pkts = cap.stop()
    no_sip_in_clear(pkts, "while the server is refused")
    expect([p for p in pkts if p[0] == 6 and p[3][:2] == b"\x16\x03"],
           "a TLS handshake was tried (%d packets, %s)" % (
               len(pkts), [(p[1], p[2], p[3][:3]) for p in pkts]))


def tls_verify_no_talks_to_any_server_and_says_so(office, con, kam, ctx):
    k = kam.addr
    other = Console(os.path.join(ctx["dir"], "unverified"), cols=140,
                    account={"aor": "sip:reception@" + k,
                             "registrar": "sip:" + kam.tls_addr,
                             "transport": "tls",
                             "tls_ca": ctx["stranger"],
                             "tls_verify": "no"})
    os.makedirs(other.dir)
    with other:
        other.wait_screen("tls_verify = no: the server's certificate is "
                          "not checked")
        other.wait_screen("registered")


def main():
    cases = Cases()
    why = missing()
    if not why and not shutil.which("tcpdump"):
        why = "tcpdump is not installed"
    if not why and not shutil.which("openssl"):
        why = "openssl is not installed"
    if not why and not os.path.exists(os.path.join(module_dir(),
                                                   "tls.so")):
        why = "kamailio-tls-modules is not installed"
    if why:
        print("skipped: " + why)
        print("cases: 0 passed, 0 failed, 7 skipped", flush=True)
        return 0
    with tempfile.TemporaryDirectory(prefix="cordboard-it-") as tmp:
        ca, stranger, tls_cfg = make_pki(os.path.join(tmp, "pki"))
        with Kamailio(tmp, tls_cfg=tls_cfg) as kam:
            k = kam.addr
            spec = office_spec(
                callers={"acme": {"name": "ACME Corp",
                                  "number": "+3315551234", "tone": 440,
                                  "mediaenc": "srtp"},
                         "bob": {"name": "Bob Plain",
                                 "number": "+3315550000", "tone": 660}},
                colleagues={"201": {"name": "Alice Martin",
                                    "answer": "manual", "tone": 880,
                                    "mediaenc": "srtp"}},
                registrar=k)
            con = Console(tmp, extensions=colleague_extensions(
                              k, numbers=("201",)),
                          account={"aor": "sip:reception@" + k,
                                   "registrar": "sip:" + kam.tls_addr,
                                   "transport": "tls", "tls_ca": ca,
                                   "media_encryption": "srtp"})
            spec["console"] = "sip:reception@" + k
            ctx = {"dir": tmp, "stranger": stranger}
            tls_cap = Capture(os.path.join(tmp, "tls.pcap"),
                              "tcp port %d" % kam.tls_port)
            udp_cap = Capture(os.path.join(tmp, "udp.pcap"),
                              "udp port %d" % con.port)
            try:
                with Office(write_office(tmp, spec)) as office, con:
                    cases.run_all([
                        ("the console registers with Kamailio over TLS",
                         registers_over_tls),
                        ("an SRTP caller and colleague, merged, hear "
                         "each other and the wire carries no PCMU",
                         srtp_call_merged_both_hear),
                        ("a caller without SRTP is readable on the wire",
                         plain_caller_is_readable),
                        ("a certificate the CA did not sign is refused",
                         a_stranger_certificate_is_refused),
                        ("tls_verify = no registers anyway and says so",
                         tls_verify_no_talks_to_any_server_and_says_so)],
                        office, con, kam, ctx)
                pkts = tls_cap.stop()
                sent = sum(len(p[3]) for p in pkts)
                plain = udp_cap.stop()
                cases.run_all([
                    ("no SIP readable on the TLS port",
                     lambda *a: (expect(sent > 2000, "TLS traffic (%d "
                                        "bytes)" % sent),
                                 no_sip_in_clear(pkts, "on the TLS port"))),
                    ("the console sends no SIP in clear",
                     lambda *a: no_sip_in_clear(
                         plain, "on the console's UDP port"))])
            finally:
                tls_cap.stop()
                udp_cap.stop()
                if cases.failed:
                    print("--- kamailio log (tail)\n" + kam.log_tail())
    return cases.finish()


if __name__ == "__main__":
    sys.exit(main())
