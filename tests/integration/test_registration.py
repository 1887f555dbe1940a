#!/usr/bin/env python3
"""Registration for real: Kamailio asks for a password (digest auth over
a subscriber table the test writes). With the right one the console
registers, and its REGISTER, INVITE, SUBSCRIBE and REFER answer the
server's 401/407 challenges; a colleague's call to reception rings.
With a wrong one the operator reads why in plain words, the console
tries again later instead of flooding the server, and what needs no
server keeps working."""

import os
import random
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from console import (Cases, Console, colleague_extensions,  # noqa: E402
                     answer_caller, expect)
from kamailio import Kamailio, missing  # noqa: E402
from office import (Office, calls, office_spec, talking, ua,  # noqa: E402
                    write_office)
from test_board import wait_row  # noqa: E402

PEOPLE = ("acme", "201", "202")
ACME = "+3315551234"
PASSWORD = "s3cret-desk"


def auth_lines(kam, verdict, method, user="reception"):
    """Kamailio's log lines saying it challenged or accepted METHOD."""
    pat = re.compile(r"auth: %s %s from sip:%s@" % (verdict, method, user))
    with open(kam.log, errors="replace") as f:
        return [l for l in f if pat.search(l)]


def wait_auth(con, kam, verdict, method):
    con.wait_screen(lambda scr: auth_lines(kam, verdict, method),
                    timeout=20)


def right_password_registers(office, con, kam):
    office.wait_for(lambda st: all(ua(st, p).get("registered")
                                   for p in PEOPLE),
                    what="the office's people to register with Kamailio")
    con.wait_screen("registered")
    expect(auth_lines(kam, "challenge", "REGISTER"),
           "Kamailio challenged the console's REGISTER")
    expect(auth_lines(kam, "accepted", "REGISTER"),
           "Kamailio accepted the console's answer to the challenge")


def subscriptions_answer_the_challenge(office, con, kam):
    wait_auth(con, kam, "accepted", "SUBSCRIBE")
    wait_row(con, "201", lambda r: " A- " in r, "201 available, idle")
    office.cmd("office_presence", "201 away Back at 3")
    wait_row(con, "201", lambda r: " W- " in r and "Back at 3" in r,
             "201 away, as Kamailio tells the console")
    office.cmd("office_presence", "201 available")
    wait_row(con, "201", lambda r: " A- " in r, "201 available again")


def a_colleague_calls_reception_and_it_rings(office, con, kam):
    office.cmd("office_call", "201 sip:reception@" + kam.addr)
    con.wait_screen("Alice Martin")
    con.keys("Enter")
    office.wait_for(lambda st: talking(st, "201", "reception"),
                    what="Alice to talk to the console")
    office.cmd("office_hangup", "201")
    con.wait_screen("Calls (0)")


def calls_and_transfers_answer_the_challenge(office, con, kam):
    answer_caller(office, con, uri="sip:reception@" + kam.addr)
    con.keys("t")
    con.type("202")
    con.keys("Enter")
    wait_row(con, "202", lambda r: " AR " in r and "ACME Corp" in r,
             "202 ringing with ACME")
    office.cmd("office_answer", "202")
    office.wait_for(lambda st: talking(st, "acme", "202"),
                    what="ACME talking to 202 after the transfer")
    con.wait_screen("Calls (0)")
    office.cmd("office_hangup", "acme")
    wait_row(con, "202", lambda r: " A- " in r, "202 idle again")
    # an attended transfer: the console's own INVITE to 201
    answer_caller(office, con, uri="sip:reception@" + kam.addr)
    con.keys("c")
    con.type("201")
    con.keys("Enter")
    wait_row(con, "201", lambda r: " AR " in r, "201 ringing with the console")
    office.cmd("office_answer", "201")
    office.wait_for(lambda st: talking(st, "201", "reception"),
                    what="Alice to talk to the console")
    con.keys("T")
    office.wait_for(lambda st: talking(st, "acme", "201"),
                    what="ACME talking to Alice after the transfer")
    con.wait_screen("Calls (0)")
    office.cmd("office_hangup", "acme")
    # Alice's phone, not her row: see test_kamailio's camped caller
    office.wait_for(lambda st: not calls(st, "201"),
                    what="Alice's phone to have no call left")
    for m in ("INVITE", "REFER"):
        expect(auth_lines(kam, "challenge", m) and
               auth_lines(kam, "accepted", m),
               "the console's %s was challenged and answered it" % m)
    print("  answered challenges: " + ", ".join(
        "%s %d" % (m, len(auth_lines(kam, "accepted", m)))
        for m in ("REGISTER", "SUBSCRIBE", "INVITE", "REFER")))


def refused_registers(kam):
    """REGISTERs Kamailio challenged (no password, or a wrong one)."""
    return auth_lines(kam, "challenge", "REGISTER")


def a_wrong_password_is_said_and_tried_later(office, con, kam):
    refused = ("Registration refused (401): check auth_user and password"
               " - trying again in 5 s")
    con.wait_screen(refused)
    con.wait_screen("not registered - retrying")
    first = len(refused_registers(kam))
    # the first try: one REGISTER without credentials, one with the
    # wrong password, and no burst of new tries at each fresh nonce
    expect(first <= 3, "one try, not a burst: %d REGISTERs" % first)
    con.wait_screen("trying again in 10 s", timeout=15)
    second = len(refused_registers(kam))
    expect(second - first <= 3 and second > first,
           "the console tried once more after a pause: %d then %d "
           "REGISTERs" % (first, second))
    print("  REGISTERs refused: %d in the first try, %d in the second"
          % (first, second - first))
    expect("REGISTRATION FAILED" not in con.screen(),
           "one registration state in the status bar")
    # what needs no server: a caller at the console's own address
    answer_caller(office, con, caller="acme", uri=con.uri)
    con.wait_screen("not registered - retrying")
    office.cmd("office_hangup", "acme")
    con.wait_screen("Calls (0)")


def console_sockets(con):
    """(proto, port) of every socket the console's process has open:
    the process is the one that owns its SIP port."""
    out = subprocess.run(["ss", "-a", "-n", "-p", "-u", "-t"],
                         capture_output=True, text=True).stdout
    pid = None
    for l in out.splitlines():
        if "127.0.0.1:%d " % con.port in l and "pid=" in l:
            pid = re.search(r"pid=(\d+)", l).group(1)
            break
    expect(pid, "a process owns the console's SIP port %d" % con.port)
    socks = []
    for l in out.splitlines():
        if "pid=%s," % pid in l:
            f = l.split()
            socks.append((f[0], int(f[4].rsplit(":", 1)[1]), f[4]))
    return socks


def sip_and_audio_stay_on_their_ports(office, con, kam):
    idle = console_sockets(con)
    answer_caller(office, con, uri="sip:reception@" + kam.addr)
    socks = console_sockets(con)
    low, high = (int(p) for p in con.account["rtp_ports"].split("-"))
    sip = [s for s in idle if s[1] in (con.port, con.port + 1)]
    audio = [s for s in socks if s not in idle]
    print("  console sockets: idle %s; the call's %s" % (
        ", ".join("%s %s" % (s[0], s[2]) for s in idle),
        ", ".join("%s %s" % (s[0], s[2]) for s in audio)))
    # baresip's SIP: UDP and TCP on the port, TLS on the next one
    expect(sorted((s[0], s[1]) for s in sip) ==
           [("tcp", con.port), ("tcp", con.port + 1), ("udp", con.port)]
           and all(s[2].startswith("127.0.0.1:") for s in sip),
           "SIP bound on the listen address only: %r" % sip)
    expect(audio and all(s[0] == "udp" and low <= s[1] <= high
                         for s in audio),
           "the call's RTP within rtp_ports %d-%d: %r" % (low, high, audio))
    office.cmd("office_hangup", "acme")
    con.wait_screen("Calls (0)")


def main():
    cases = Cases()
    why = missing()
    if why:
        print("skipped: " + why)
        print("cases: 0 passed, 0 failed, 6 skipped", flush=True)
        return 0
    with tempfile.TemporaryDirectory(prefix="cordboard-it-") as tmp:
        kam = Kamailio(tmp, defines=("WITH_AUTH",))
        kam.subscriber("reception", PASSWORD)
        with kam:
            k = kam.addr
            spec = office_spec(
                callers={"acme": {"name": "ACME Corp", "number": ACME,
                                  "tone": 440}},
                colleagues={"201": {"name": "Alice Martin",
                                    "answer": "manual", "tone": 880},
                            "202": {"name": "Bob Stone", "answer": "manual",
                                    "tone": 660}},
                registrar=k)
            spec["console"] = "sip:reception@" + k
            # a range of its own, away from other tests' ports
            rtp = random.randrange(20000, 29800, 100)
            con = Console(tmp, extensions=colleague_extensions(k),
                          account={"aor": "sip:reception@" + k,
                                   "registrar": "sip:" + k,
                                   "auth_user": "reception",
                                   "password": PASSWORD,
                                   "rtp_ports": "%d-%d" % (rtp, rtp + 99)},
                          extra_config='presence_server = "sip:%s;lr"\n' % k)
            wrong_dir = os.path.join(tmp, "wrong")
            os.makedirs(wrong_dir)
            wrong = Console(wrong_dir, cols=160,
                            account={"aor": "sip:reception@" + k,
                                     "registrar": "sip:" + k,
                                     "auth_user": "reception",
                                     "password": "not-" + PASSWORD})
            try:
                with Office(write_office(tmp, spec)) as office:
                    # alone first: Kamailio's log counts its REGISTERs
                    with wrong:
                        cases.run("a wrong password is said in plain "
                                  "words and tried again later",
                                  a_wrong_password_is_said_and_tried_later,
                                  office, wrong, kam)
                    with con:
                        cases.run_all([
                            ("the right password registers",
                             right_password_registers),
                            ("subscriptions answer the challenge",
                             subscriptions_answer_the_challenge),
                            ("a colleague calls reception and it rings",
                             a_colleague_calls_reception_and_it_rings),
                            ("calls and transfers answer the challenge",
                             calls_and_transfers_answer_the_challenge),
                            ("SIP and audio stay on their ports",
                             sip_and_audio_stay_on_their_ports)],
                            office, con, kam)
            finally:
                if cases.failed:
                    print("--- kamailio log (tail)\n" + kam.log_tail())
    return cases.finish()


if __name__ == "__main__":
    sys.exit(main())
