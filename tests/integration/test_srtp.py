#!/usr/bin/env python3
"""The strict media modes, proven on the wire (tcpdump on lo) with the
simulated office calling the console directly:
- media_encryption = "srtp-mandatory": a phone with SRTP connects, both
  hear each other's tones and the RTP carries no PCMU the tone detector
  reads; a phone without SRTP does not connect in clear, and the
  operator reads why in words;
- media_encryption = "dtls": a phone with DTLS-SRTP (baresip's
  dtls_srtp module) connects, both hear each other, RTP unreadable."""

import os
import shutil
import sys
import tempfile
import time
import types

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from console import (Cases, Console, answer_caller,  # noqa: E402
                     clear_the_desk, expect)
from office import (Office, hears, office_spec, talking,  # noqa: E402
                    ua, write_office)
from test_tls import Capture, pcmu_packets, readable_tone, \
    media_ports  # noqa: E402



def rtp_of(cap, con, n=200):
    """The call's PCMU-sized RTP packets (at least N, within 10 s)."""
    sdp_side = types.SimpleNamespace(port=con.port)
    deadline = time.monotonic() + 10
    rtp = []
    while time.monotonic() < deadline:
        pkts = list(cap.packets())
        rtp = pcmu_packets(pkts, media_ports(pkts, sdp_side))
        if len(rtp) >= n:
            break
        time.sleep(0.2)
    cap.stop()
    return rtp


def merged_encrypted(office, con, ctx, caller, name, colleague):
    """CALLER rings the console, the operator consults COLLEAGUE and
    merges the two: each hears the other's tone through the console,
    and no RTP on lo is PCMU the detector reads."""
    cap = Capture(os.path.join(ctx["dir"], caller + ".pcap"), "udp")
    answer_caller(office, con, caller=caller, name=name)
    con.keys("c")
    con.type(colleague)
    con.keys("Enter")
    office.wait_for(lambda st: ua(st, colleague)["calls"],
                    what="%s to ring" % colleague)
    office.cmd("office_answer", colleague)
    office.wait_for(lambda st: talking(st, colleague, "reception"),
                    what="%s to talk to the console" % colleague)
    con.wait_screen("CONS")
    con.keys("m")
    tones = ctx["tones"]
    office.wait_for(lambda st: hears(st, caller, "reception") ==
                    [tones[colleague]] and
                    hears(st, colleague, "reception") == [tones[caller]],
                    what="%s and %s to hear each other's tones through "
                    "the console" % (caller, colleague))
    rtp = rtp_of(cap, con)
    expect(len(rtp) >= 200, "RTP flowed (%d packets)" % len(rtp))
    heard = [p for p in rtp if readable_tone(p[3])]
    expect(not heard, "%d of %d RTP packets are PCMU the detector reads "
           "(%s Hz)" % (len(heard), len(rtp),
                        sorted({readable_tone(p[3]) for p in heard})))
    clear_the_desk(office, con, people=(caller, colleague))


def mandatory_with_srtp_phones(office, con, ctx):
    merged_encrypted(office, con, ctx, "acme", "ACME Corp", "201")


def refused_unencrypted(office, con, ctx, caller, name):
    cap = Capture(os.path.join(ctx["dir"], caller + "-refused.pcap"),
                  "udp")
    office.cmd("office_call", "%s %s" % (caller, con.uri))
    con.wait_screen("%s's phone cannot encrypt the call (media_encryption"
                    " = srtp-mandatory): refused (488)" % name)
    office.wait_for(lambda st: any(e["scode"] == 488 for e in
                                   ua(st, caller)["ended"]),
                    what="%s's call to end with 488" % caller)
    st = office.status()
    expect(not ua(st, caller)["calls"] and
           all(e["duration"] == 0 for e in ua(st, caller)["ended"]),
           "%s never talked to the console" % caller)
    expect("Calls (0)" in con.screen(), "no call stayed on the board")
    time.sleep(1)   # what RTP a connected call would have sent by now
    pkts = cap.stop()
    sdp_side = types.SimpleNamespace(port=con.port)
    rtp = pcmu_packets(pkts, media_ports(pkts, sdp_side))
    expect(not rtp, "no RTP in clear: %d packets" % len(rtp))


def mandatory_refuses_a_plain_phone(office, con, ctx):
    refused_unencrypted(office, con, ctx, "bob", "Bob Plain")


def mandatory_refuses_a_best_effort_phone(office, con, ctx):
    """baresip 1.0.0's srtp (best effort) offers RTP/AVP with crypto
    lines; srtp-mand answers only RTP/SAVP, so such a phone is refused
    too (README: "TLS and SRTP")."""
    refused_unencrypted(office, con, ctx, "eve", "Eve Maybe")


def mandatory_consult_to_a_plain_phone_brings_the_caller_back(office, con,
                                                              ctx):
    answer_caller(office, con, caller="acme", name="ACME Corp")
    con.keys("c")
    con.type("202")
    con.keys("Enter")
    con.wait_screen("Bob Stone's phone cannot take the call's audio or "
                    "encryption (488). ACME Corp is back on line")
    office.wait_for(lambda st: talking(st, "acme", "reception"),
                    what="ACME back with the console, not dropped")
    expect(not ua(office.status(), "202")["calls"], "Bob never talked")
    clear_the_desk(office, con, people=("acme", "202"))


def dtls_with_dtls_phones(office, con, ctx):
    merged_encrypted(office, con, ctx, "carol", "Carol Dtls", "203")


def main():
    cases = Cases()
    if not shutil.which("tcpdump"):
        print("skipped: tcpdump is not installed")
        print("cases: 0 passed, 0 failed, 5 skipped", flush=True)
        return 0
    with tempfile.TemporaryDirectory(prefix="cordboard-it-") as tmp:
        tones = {"acme": 440, "bob": 660, "carol": 550, "201": 880,
                 "203": 770}
        spec = office_spec(
            callers={"acme": {"name": "ACME Corp", "number": "+3315551234",
                              "tone": 440, "mediaenc": "srtp-mand"},
                     "eve": {"name": "Eve Maybe", "number": "+3315550002",
                             "tone": 660, "mediaenc": "srtp"},
                     "bob": {"name": "Bob Plain", "number": "+3315550000",
                             "tone": 660},
                     "carol": {"name": "Carol Dtls",
                               "number": "+3315550001", "tone": 550,
                               "mediaenc": "dtls_srtp"}},
            colleagues={"201": {"name": "Alice Martin", "answer": "manual",
                                "tone": 880, "mediaenc": "srtp-mand"},
                        "202": {"name": "Bob Stone", "answer": "manual",
                                "tone": 660},
                        "203": {"name": "Dora Dtls", "answer": "manual",
                                "tone": 770, "mediaenc": "dtls_srtp"}},
            tones=(1000,))
        exts = {"201": {"name": "Alice Martin",
                        "uri": "sip:201@" + spec["listen"]},
                "202": {"name": "Bob Stone",
                        "uri": "sip:202@" + spec["listen"]},
                "203": {"name": "Dora Dtls",
                        "uri": "sip:203@" + spec["listen"]}}
        mand_dir = os.path.join(tmp, "mandatory")
        dtls_dir = os.path.join(tmp, "dtls")
        os.makedirs(mand_dir)
        os.makedirs(dtls_dir)
        mand = Console(mand_dir, cols=160, extensions=exts,
                       account={"media_encryption": "srtp-mandatory"})
        dtls = Console(dtls_dir, cols=160, extensions=exts,
                       account={"media_encryption": "dtls"})
        spec["console"] = mand.uri
        ctx = {"dir": tmp, "tones": tones}
        with Office(write_office(tmp, spec)) as office:
            with mand:
                cases.run_all([
                    ("srtp-mandatory: phones with SRTP, merged, hear "
                     "each other, RTP unreadable",
                     mandatory_with_srtp_phones),
                    ("srtp-mandatory: a phone without SRTP does not "
                     "connect in clear", mandatory_refuses_a_plain_phone),
                    ("srtp-mandatory: a best-effort SRTP phone is refused "
                     "too", mandatory_refuses_a_best_effort_phone),
                    ("srtp-mandatory: a consult to a phone without SRTP "
                     "brings the caller back",
                     mandatory_consult_to_a_plain_phone_brings_the_caller_back)],
                    office, mand, ctx)
            with dtls:
                cases.run("dtls: phones with DTLS-SRTP, merged, hear "
                          "each other, RTP unreadable",
                          dtls_with_dtls_phones, office, dtls, ctx)
    return cases.finish()


if __name__ == "__main__":
    sys.exit(main())
