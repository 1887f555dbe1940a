#!/usr/bin/env python3
"""The SIP server goes away and comes back. While Kamailio is stopped
the status bar says "not registered - retrying" (within the
registration's lifetime and the REGISTER's 32 s timeout), and the call
in progress goes on: the caller still talks to the console. When
Kamailio is back the console registers by itself and subscribes again
(the restarted server forgot every subscription): a colleague's
presence change shows on the board again."""

import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from console import (Cases, Console, colleague_extensions,  # noqa: E402
                     answer_caller, expect)
from kamailio import Kamailio, missing  # noqa: E402
from office import (Office, office_spec, talking, ua,  # noqa: E402
                    write_office)
from test_board import wait_row  # noqa: E402

ACME = "+3315551234"
PASSWORD = "s3cret-desk"
EXPIRES = 20


def registered(scr):
    """The status bar says registered, and nothing says otherwise."""
    return " registered | " in scr and "not registered" not in scr


def the_console_registers(office, con, kam):
    office.wait_for(lambda st: all(ua(st, p).get("registered")
                                   for p in ("acme", "201")),
                    what="the office's people to register with Kamailio")
    con.wait_screen(registered)
    wait_row(con, "201", lambda r: " A- " in r, "201 available, idle")


def the_server_goes_and_comes_back(office, con, kam):
    answer_caller(office, con, uri="sip:reception@" + kam.addr)
    kam.stop()
    # the refresh is due within EXPIRES, and fails 32 s later
    con.wait_screen("not registered - retrying", timeout=EXPIRES + 40)
    expect(talking(office.status(), "acme", "reception"),
           "ACME still talks to the console without the server")
    kam.start()
    con.wait_screen(registered, timeout=40)
    expect(talking(office.status(), "acme", "reception"),
           "ACME still talks to the console once the server is back")
    office.cmd("office_presence", "201 away Back at 4")
    wait_row(con, "201", lambda r: " W- " in r and "Back at 4" in r,
             "201's presence, through the restarted server", timeout=30)
    office.cmd("office_hangup", "acme")
    con.wait_screen("Calls (0)")


def main():
    cases = Cases()
    why = missing()
    if why:
        print("skipped: " + why)
        print("cases: 0 passed, 0 failed, 2 skipped", flush=True)
        return 0
    with tempfile.TemporaryDirectory(prefix="cordboard-it-") as tmp:
        kam = Kamailio(tmp, defines=("WITH_AUTH", "WITH_SHORT_EXPIRES"))
        kam.subscriber("reception", PASSWORD)
        try:
            kam.start()
            k = kam.addr
            spec = office_spec(
                callers={"acme": {"name": "ACME Corp", "number": ACME,
                                  "tone": 440}},
                colleagues={"201": {"name": "Alice Martin",
                                    "answer": "manual", "tone": 880}},
                registrar=k)
            spec["console"] = "sip:reception@" + k
            con = Console(tmp, extensions=colleague_extensions(
                              k, numbers=("201",)),
                          account={"aor": "sip:reception@" + k,
                                   "registrar": "sip:" + k,
                                   "auth_user": "reception",
                                   "password": PASSWORD,
                                   "register_expires": EXPIRES},
                          extra_config='presence_server = "sip:%s;lr"\n' % k)
            with Office(write_office(tmp, spec)) as office, con:
                cases.run_all([
                    ("the console registers", the_console_registers),
                    ("the server goes and comes back",
                     the_server_goes_and_comes_back)],
                    office, con, kam)
        finally:
            if cases.failed:
                print("--- kamailio log (tail)\n" + kam.log_tail())
            kam.stop()
    return cases.finish()


if __name__ == "__main__":
    sys.exit(main())
