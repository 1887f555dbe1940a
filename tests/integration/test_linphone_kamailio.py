#!/usr/bin/env python3
"""linphone through Kamailio with digest auth: linphonec registers with
a password, calls the reception through the server, the console (also
registered with a password) answers and blind-transfers it to an office
phone, and linphone ends up talking to the target. Kamailio's log shows
each side answered its challenges: linphone's REGISTER and both its
INVITEs (to reception, then to the transfer target), the console's
REGISTER and REFER."""

import os
import random
import re
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from console import (Cases, Console, colleague_extensions,  # noqa: E402
                     expect, tmux_available)
from kamailio import Kamailio, missing  # noqa: E402
from linphone import Linphone, linphone_available  # noqa: E402
from office import (Office, free_port, office_spec, only, ua,  # noqa: E402
                    write_office)

DESK_PASSWORD = "s3cret-desk"
LIN_PASSWORD = "lin-s3cret"


def auth_lines(kam, verdict, method, user):
    """Kamailio's log lines saying it challenged or accepted METHOD."""
    pat = re.compile(r"auth: %s %s from sip:%s@" % (verdict, method, user))
    with open(kam.log, errors="replace") as f:
        return [line for line in f if pat.search(line)]


def answered(kam, method, user):
    """USER's METHOD was challenged and the answer accepted."""
    return bool(auth_lines(kam, "challenge", method, user)) and \
        bool(auth_lines(kam, "accepted", method, user))


def registered(lin):
    """linphone's own log says its account is registered."""
    with open(lin.sip_log, errors="replace") as f:
        return "to [LinphoneRegistrationOk]" in f.read()


def office_talks(st, uid, other):
    c = only(st, uid)
    return bool(c) and c["state"] == "established" and \
        c["peer"].split(":", 1)[-1].split("@", 1)[0] == other


def linphone_registers_with_its_password(office, con, kam, lin):
    lin.cmd("register sip:lin@%s sip:%s %s" % (kam.addr, kam.addr,
                                               LIN_PASSWORD))
    lin.wait_for(lambda p: registered(p), "to register with Kamailio")
    expect(answered(kam, "REGISTER", "lin"),
           "Kamailio challenged linphone's REGISTER and accepted its answer")
    office.wait_for(lambda st: ua(st, "202").get("registered"),
                    what="Bob (202) to register with Kamailio")
    con.wait_screen("registered")
    expect(answered(kam, "REGISTER", "reception"),
           "Kamailio challenged the console's REGISTER and accepted it")


def linphone_is_blind_transferred_through_kamailio(office, con, kam, lin):
    con.wait_screen("Calls (0)")
    lin.call("sip:reception@" + kam.addr)
    con.wait_screen("Calls (1)")
    con.keys("Enter")
    lin.wait_talking("reception")
    con.wait_screen("TALK")
    con.keys("t")
    con.wait_screen("Transfer to:")
    con.type("202")
    con.keys("Enter")
    office.wait_for(lambda st: office_talks(st, "202", "lin"),
                    what="Bob (202) to talk to the linphone caller")
    lin.wait_talking("202")
    con.wait_screen("Calls (0)")
    expect(answered(kam, "REFER", "reception"),
           "the console's REFER answered Kamailio's challenge")
    # one INVITE to reception, one to the target: both proved who lin is
    invites = auth_lines(kam, "accepted", "INVITE", "lin")
    expect(len(invites) >= 2 and answered(kam, "INVITE", "lin"),
           "linphone's INVITEs answered the challenge: %d" % len(invites))
    lin.hangup()
    office.wait_for(lambda st: not only(st, "202"),
                    what="Bob's call to end")


def main():
    why = missing()
    if why or not linphone_available() or not tmux_available():
        print("SKIP: %s" % (why or "linphonec or tmux missing"))
        return 77
    cases = Cases()
    with tempfile.TemporaryDirectory(prefix="cordboard-link-") as tmp:
        kam = Kamailio(tmp, defines=("WITH_AUTH", "WITH_GRUU"))
        kam.subscriber("reception", DESK_PASSWORD)
        kam.subscriber("lin", LIN_PASSWORD)
        with kam:
            k = kam.addr
            spec = office_spec(
                colleagues={"202": {"name": "Bob Stone", "answer": "auto",
                                    "delay": 1, "tone": 660}},
                registrar=k)
            spec["console"] = "sip:reception@" + k
            rtp = random.randrange(20000, 29800, 100)
            con = Console(tmp, extensions=colleague_extensions(
                k, numbers=("202",)),
                          account={"aor": "sip:reception@" + k,
                                   "registrar": "sip:" + k,
                                   "auth_user": "reception",
                                   "password": DESK_PASSWORD,
                                   "rtp_ports": "%d-%d" % (rtp, rtp + 99)})
            lin = Linphone(tmp, "lin", free_port(20), name="Lin Caller")
            try:
                with Office(write_office(tmp, spec)) as office, con, lin:
                    cases.run_all([
                        ("linphone registers with its password",
                         linphone_registers_with_its_password),
                        ("linphone is blind-transferred through Kamailio",
                         linphone_is_blind_transferred_through_kamailio)],
                        office, con, kam, lin)
            finally:
                if cases.failed:
                    print("--- kamailio log (tail)\n" + kam.log_tail())
    return cases.finish()


if __name__ == "__main__":
    sys.exit(main())
