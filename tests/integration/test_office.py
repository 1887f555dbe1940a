#!/usr/bin/env python3
"""The simulated office on its own: callers call colleagues, colleagues
answer by hand, by themselves or not at all, callers hold and hang up,
a colleague transfers a caller, and a caller with a hostile name rings.

Exit 0 = pass. Needs the build dir ($CORDBOARD_BUILD_ROOT)."""

import os
import shutil
import subprocess
import sys
import tempfile
import traceback

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from office import (Office, OfficeError, calls, ended, office_binary,  # noqa
                    office_spec, raw, write_office)


def check(cond, what):
    if not cond:
        raise AssertionError(what)


def only_call(st, uid):
    cs = calls(st, uid)
    return cs[0] if len(cs) == 1 else None


def all_quiet(office):
    office.wait_for(lambda st: not any(u["calls"] for u in st["uas"]),
                    what="every call of the office to be over")


def step(name):
    print("--", name, flush=True)


def caller_holds_and_hangs_up(office, sip):
    step("acme calls 201, 201 answers by hand")
    office.cmd("office_call", "acme sip:201@" + sip)
    call = office.wait_for(lambda st: only_call(st, "201"),
                           what="201 to ring")
    check(call["state"] == "incoming" and call["dir"] == "in",
          "201 sees a ringing incoming call: %r" % call)
    check(call["peername"] == "ACME Corp", "201 sees ACME Corp: %r" % call)
    office.cmd("office_answer", "201")
    office.wait_for(lambda st: only_call(st, "201")["state"] == "established"
                    and only_call(st, "acme")["state"] == "established",
                    what="acme and 201 to talk")

    step("acme holds: 201 is held by its peer")
    office.cmd("office_hold", "acme on")
    office.wait_for(lambda st: only_call(st, "201")["held_by_peer"],
                    what="201's call to be held by acme")
    st = office.status()
    check(only_call(st, "acme")["on_hold"], "acme's call is on hold")
    check(not only_call(st, "acme")["held_by_peer"],
          "holding is not being held")

    step("acme resumes")
    office.cmd("office_hold", "acme off")
    office.wait_for(lambda st: not only_call(st, "201")["held_by_peer"]
                    and only_call(st, "201")["remote_dir"] == "sendrecv",
                    what="201's call to be resumed")

    step("acme hangs up: 201 is free and remembers the call")
    office.cmd("office_hangup", "acme")
    st = office.wait_for(lambda st: not calls(st, "201") and ended(st, "201")
                         and st, what="201's call to end")
    last = ended(st, "201")[-1]
    check(last["by"] == "peer" and last["peer"].startswith("sip:+33"),
          "201's ended call was closed by acme: %r" % last)
    check(ended(st, "acme")[-1]["by"] == "office",
          "acme's ended call was closed by the office")
    all_quiet(office)


def colleague_answers_by_itself(office, sip):
    step("bob calls 202 (answer=auto delay=1): 202 answers by itself")
    office.cmd("office_call", "bob sip:202@" + sip)
    office.wait_for(lambda st: only_call(st, "202")["state"] == "established"
                    and only_call(st, "bob")["state"] == "established",
                    what="202 to answer bob by itself")
    office.cmd("office_hangup", "202")
    office.wait_for(lambda st: ended(st, "bob")
                    and ended(st, "bob")[-1]["by"] == "peer",
                    what="bob to see 202 hang up")
    all_quiet(office)


def colleague_rejects(office, sip):
    step("acme calls 203 (answer=reject reject_code=486): busy")
    before = len(ended(office.status(), "acme"))
    office.cmd("office_call", "acme sip:203@" + sip)
    st = office.wait_for(lambda st: len(ended(st, "acme")) > before and st,
                         what="acme's call to 203 to be rejected")
    last = ended(st, "acme")[-1]
    check(last["scode"] == 486, "acme got 486: %r" % last)
    check(ended(st, "203")[-1]["scode"] == 486
          and ended(st, "203")[-1]["by"] == "office",
          "203 rejected it itself: %r" % ended(st, "203")[-1])

    step("office_set: 203 now answers by hand, then rejects with 603")
    office.cmd("office_set", "203 answer=manual")
    office.cmd("office_call", "acme sip:203@" + sip)
    office.wait_for(lambda st: only_call(st, "203")["state"] == "incoming",
                    what="203 to ring and wait")
    office.cmd("office_reject", "203 603")
    office.wait_for(lambda st: ended(st, "acme")[-1]["scode"] == 603,
                    what="acme to get 603")
    all_quiet(office)


def colleague_transfers(office, sip):
    step("201 transfers acme to 202: acme follows the REFER")
    office.cmd("office_set", "201 answer=auto")
    office.cmd("office_call", "acme sip:201@" + sip)
    office.wait_for(lambda st: only_call(st, "201")["state"] == "established",
                    what="201 to answer acme")
    office.cmd("office_transfer", "201 sip:202@" + sip)
    office.wait_for(lambda st: not calls(st, "201")
                    and only_call(st, "202")["state"] == "established"
                    and only_call(st, "202")["peer"].startswith("sip:+33"),
                    what="acme to talk to 202 and 201 to be free")
    office.cmd("office_hangup", "acme")
    office.cmd("office_set", "201 answer=manual")
    all_quiet(office)


def hostile_name_rings(office, sip):
    # ESC [31m, BEL, C1 CSI as UTF-8 (C2 9B) and as a raw byte (9B),
    # space: 10 bytes x 210 = 2100 bytes, made by a short command.
    unit = b"\x1b[31m\x07\xc2\x9b\x9b "
    step("a caller with a 2100-byte name of ESC/BEL/C1 calls 201")
    office.cmd("office_name", r"acme 210 \e[31m\a\xc2\x9b\x9b\s")
    office.cmd("office_call", "acme sip:201@" + sip)
    call = office.wait_for(lambda st: only_call(st, "201"),
                           what="the hostile call to reach 201")
    name = raw(call["peername"])
    print("   201 sees a %d-byte display name, starting %r"
          % (len(name), name[:20]))
    check(name == unit * 210,
          "the name arrives byte for byte (libre neither quotes nor "
          "filters it): got %d bytes %r" % (len(name), name[:40]))
    office.cmd("office_hangup", "acme")
    all_quiet(office)

    step("the next call of acme has its usual name again")
    office.cmd("office_call", "acme sip:201@" + sip)
    call = office.wait_for(lambda st: only_call(st, "201"),
                           what="acme's ordinary call to reach 201")
    check(call["peername"] == "ACME Corp", "name is back: %r" % call)
    office.cmd("office_hangup", "acme")
    all_quiet(office)


def bad_commands_say_why(office):
    step("bad commands fail with a reason")
    for name, params, words in [
            ("office_answer", "999", "no such"),
            ("office_answer", "201", "no ringing"),
            ("office_name", r"acme 1 \q", "bad escape"),
            ("office_name", r"acme 1 a\x00b", "bad escape"),
            ("office_set", "201 answer=maybe", "bad setting"),
            ("office_hold", "201 sideways", "usage")]:
        try:
            office.cmd(name, params)
        except OfficeError as e:
            check(words in str(e), "%s %s says %r: %s"
                  % (name, params, words, e))
        else:
            raise AssertionError("%s %s did not fail" % (name, params))


def launcher_rejects_bad_file(tmp):
    step("the launcher names file and line of a mistake, exit 2")
    path = os.path.join(tmp, "bad.office")
    with open(path, "w") as f:
        f.write('listen = "127.0.0.1:5090"\n'
                'colleague "201" {\n  answer = "sometimes"\n}\n')
    res = subprocess.run([office_binary(), path], capture_output=True,
                         text=True, timeout=20)
    check(res.returncode == 2, "exit 2, got %d" % res.returncode)
    check(res.stderr.startswith(path + ":3: "),
          "error names %s:3: %r" % (path, res.stderr))


def second_office_is_refused(path):
    step("a second office on the same ports is refused before SIP starts")
    res = subprocess.run([office_binary(), path], capture_output=True,
                         text=True, timeout=20)
    check(res.returncode == 2, "exit 2, got %d: %s" % (res.returncode,
                                                       res.stderr))
    check(res.stderr.startswith(path + ":2: listen ")
          and "in use" in res.stderr,
          "error names %s:2 and the port in use: %r" % (path, res.stderr))


def main():
    tmp = tempfile.mkdtemp(prefix="cordboard-test-office-")
    spec = office_spec(
        callers={
            "acme": {"name": "ACME Corp", "number": "+3315551234",
                     "tone": 440},
            "bob": {"name": "Bob Jones", "number": "+441632960001",
                    "tone": 523},
        },
        colleagues={
            "201": {"name": "Alice Martin", "answer": "manual", "tone": 880},
            "202": {"name": "Bob Stone", "answer": "auto", "delay": 1,
                    "tone": 660},
            "203": {"name": "Carol Diaz", "answer": "reject",
                    "reject_code": 486},
        })
    path = write_office(tmp, spec)
    office = Office(path, log=os.path.join(tmp, "office.log"))
    try:
        launcher_rejects_bad_file(tmp)
        with office.start():
            sip = spec["listen"]
            caller_holds_and_hangs_up(office, sip)
            colleague_answers_by_itself(office, sip)
            colleague_rejects(office, sip)
            colleague_transfers(office, sip)
            hostile_name_rings(office, sip)
            bad_commands_say_why(office)
            second_office_is_refused(path)
        check(office.proc.returncode == 0,
              "office exits cleanly on SIGTERM (rc %s)"
              % office.proc.returncode)
    except Exception:
        traceback.print_exc()
        print(office.log_tail(60))
        print("FAIL (files kept in %s)" % tmp)
        return 1
    finally:
        office.stop()
    shutil.rmtree(tmp, ignore_errors=True)
    print("PASS")
    return 0


if __name__ == "__main__":
    sys.exit(main())
