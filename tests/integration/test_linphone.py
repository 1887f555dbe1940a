#!/usr/bin/env python3
"""Another brand of phone: linphone (linphonec, headless) as the caller
and as the transfer target, against the real console and the simulated
office. A blind transfer of a linphone caller (linphone answers a REFER
that overlaps a re-INVITE with 491, stock baresip does not), an attended
transfer with linphone on both sides, hold and retrieve, and a recall.
Each linphone reports who it talks to; its SIP log shows that no
re-INVITE reached it while its transfer completed."""

import os
import re
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from console import (Cases, Console, colleague_extensions,  # noqa: E402
                     expect, tmux_available)
from linphone import Linphone, linphone_available  # noqa: E402
from office import (Office, free_port, office_spec, only,  # noqa: E402
                    write_office)


def peer_user(call):
    return call["peer"].split(":", 1)[-1].split("@", 1)[0]


def office_talks(st, uid, other):
    c = only(st, uid)
    return bool(c) and c["state"] == "established" and \
        peer_user(c) == other


def sip_requests(lin, since):
    """The requests LIN received after byte SINCE of its SIP log, in
    order: ['INVITE', 'REFER', 'BYE', ...]."""
    with open(lin.sip_log, encoding="utf-8", errors="replace") as f:
        f.seek(since)
        text = f.read()
    return re.findall(r"new bytes from \[[^\n]*\n([A-Z]+) sip:", text)


def sip_log_mark(lin):
    try:
        return os.path.getsize(lin.sip_log)
    except OSError:
        return 0


def lin_on_the_console(lin, con):
    """LIN calls reception; the operator answers."""
    con.wait_screen("Calls (0)")
    lin.call(con.uri)
    con.wait_screen("Lin Caller")
    con.keys("Enter")
    lin.wait_talking("reception")
    con.wait_screen("TALK")


def quiet(office, con, *phones):
    """After a case: every phone hangs up, the console drops what is
    left, and no phone has a call."""
    for p in phones:
        p.hangup()
    for uid in ("201", "202"):
        office.cmd("office_hangup", uid, check=False)
    for _ in range(5):
        if "Calls (0)" in con.screen():
            break
        con.keys("x")
    con.wait_screen("Calls (0)")
    for p in phones:
        p.wait_for(lambda q: q.calls() == [], "no calls left")
    office.cmd("office_set", "202 answer=auto delay=1")


def blind_transfer_of_a_linphone_caller(office, con, lin, walt):
    lin_on_the_console(lin, con)
    mark = sip_log_mark(lin)
    con.keys("t")
    con.wait_screen("Transfer to:")
    con.type("202")
    con.keys("Enter")
    office.wait_for(lambda st: office_talks(st, "202", "lin"),
                    what="Bob (202) to talk to the linphone caller")
    lin.wait_talking("202")
    con.wait_screen("Calls (0)")
    expect("491" not in con.screen(), "no 491 on the screen")
    reqs = sip_requests(lin, mark)
    # the hold's re-INVITE, its ACK (the transaction is over), only then
    # the REFER, and no re-INVITE after it
    expect(reqs[:3] == ["INVITE", "ACK", "REFER"] and
           "INVITE" not in reqs[3:],
           "linphone got hold, ACK, REFER, no re-INVITE after: %r" % reqs)


def blind_transfer_linphone_to_linphone(office, con, lin, walt):
    lin_on_the_console(lin, con)
    walt.autoanswer(True)
    con.keys("t")
    con.wait_screen("Transfer to:")
    con.type("203")
    con.keys("Enter")
    lin.wait_talking("walt")
    walt.wait_talking("lin")
    con.wait_screen("Calls (0)")


def attended_transfer_linphone_to_linphone(office, con, lin, walt):
    lin_on_the_console(lin, con)
    walt.autoanswer(True)
    con.keys("c")
    con.type("203")
    con.keys("Enter")
    walt.wait_talking("reception")
    con.wait_screen("CONS")
    mark = sip_log_mark(lin)
    wmark = sip_log_mark(walt)
    con.keys("T")
    lin.wait_talking("walt")
    walt.wait_talking("lin")
    con.wait_screen("Calls (0)")
    reqs = sip_requests(lin, mark)
    expect(reqs and reqs[0] == "REFER" and "INVITE" not in reqs,
           "the caller got the REFER and no re-INVITE: %r" % reqs)
    wreqs = sip_requests(walt, wmark)
    expect("INVITE" in wreqs and wreqs.count("INVITE") == 1,
           "the target got only the INVITE with Replaces: %r" % wreqs)


def hold_and_retrieve_a_linphone_caller(office, con, lin, walt):
    lin_on_the_console(lin, con)
    con.keys("h")
    con.wait_screen("HOLD")
    lin.wait_for(lambda p: [s for _, _, s in p.calls()] ==
                 ["PausedByRemote"], "to be held by the console")
    con.keys("h")
    con.wait_screen("TALK")
    lin.wait_talking("reception")


def recall_when_the_target_is_busy(office, con, lin, walt):
    office.cmd("office_set", "202 answer=reject reject_code=486 delay=0")
    lin_on_the_console(lin, con)
    con.keys("t")
    con.wait_screen("Transfer to:")
    con.type("202")
    con.keys("Enter")
    con.wait_screen("Bob Stone is busy (486)")
    con.wait_screen("R Lin Caller")   # recalled, flagged
    con.wait_screen("TALK")
    # linphone paused the call itself to follow the REFER and takes it
    # back by itself when the target refuses: the console answers that
    # re-INVITE instead of sending its own across it (both got 491, and
    # linphone does not try again: seen in 3 of some 15 runs before)
    lin.wait_talking("reception")
    con.wait_screen("TALK")


def tidy(case):
    """CASE, then a quiet desk whatever happened in it."""
    def run(office, con, lin, walt):
        try:
            case(office, con, lin, walt)
        finally:
            walt.autoanswer(False)
            quiet(office, con, lin, walt)
    return run


def main():
    if not linphone_available() or not tmux_available():
        print("SKIP: linphonec or tmux missing (scripts/lib/common.sh "
              "installs linphone-cli)")
        return 77
    cases = Cases()
    with tempfile.TemporaryDirectory(prefix="cordboard-lin-") as tmp:
        spec = office_spec(
            colleagues={"201": {"name": "Alice Martin", "answer": "manual",
                                "tone": 880},
                        "202": {"name": "Bob Stone", "answer": "auto",
                                "delay": 1, "tone": 660}})
        lin = Linphone(tmp, "lin", free_port(20), name="Lin Caller")
        walt = Linphone(tmp, "walt", free_port(20), name="Walt Blake")
        exts = colleague_extensions(spec["listen"])
        exts["203"] = {"name": "Walt Blake", "department": "Sales",
                       "uri": walt.uri}
        con = Console(tmp, extensions=exts,
                      extra_config="transfer { recall_after = 8 }\n")
        spec["console"] = con.uri
        with Office(write_office(tmp, spec)) as office, con, lin, walt:
            cases.run_all([
                ("blind transfer of a linphone caller",
                 tidy(blind_transfer_of_a_linphone_caller)),
                ("blind transfer, linphone to linphone",
                 tidy(blind_transfer_linphone_to_linphone)),
                ("attended transfer, linphone to linphone",
                 tidy(attended_transfer_linphone_to_linphone)),
                ("hold and retrieve a linphone caller",
                 tidy(hold_and_retrieve_a_linphone_caller)),
                ("a busy target brings the linphone caller back",
                 tidy(recall_when_the_target_is_busy))],
                office, con, lin, walt)
    return cases.finish()


if __name__ == "__main__":
    sys.exit(main())
