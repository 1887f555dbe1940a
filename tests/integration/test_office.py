#!/usr/bin/env python3
"""The simulated office on its own: callers call colleagues, colleagues
answer by hand, by themselves or not at all, callers hold and hang up,
a caller with a hostile name rings — and transfers done the way real
phones do them, with a colleague ("x") standing in for the console:

  x REFERs acme to 202 (blind) -> acme calls 202 -> x hears 100, 200.
  acme talks to x, x consults 201, x REFERs acme with Replaces of x-201
  -> 201 answers acme by itself, x-201 gets its BYE, acme talks to 201.
  Replaces naming no dialog -> 481; busy -> 486; nobody answers -> 408
  after transfer_timeout; no such extension -> 404; a caller that takes
  no REFER -> 405 / 501, and it stays with x. Voicemail answers at once.
  office_die: 201 vanishes mid-call, acme hears no BYE.
Who hears whom: each UA sends its own tone; acme (440) and 201 (880)
hear each other and not themselves, nothing while held; a UA with
tone = 0 is heard as silence; after a transfer each end hears the new
peer's tone.

One PASS:/FAIL: line per case, then "cases: N passed, N failed".
Exit 0 = all passed. Needs the build dir ($CORDBOARD_BUILD_ROOT)."""

import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from console import Cases, expect  # noqa: E402
from office import (Office, OfficeError, calls, ended,  # noqa: E402
                    hears, level_db, office_binary, office_spec, raw,
                    refers_in, refers_out, replaces_param, talking, ua,
                    write_office)

ACME = "+3315551234"
BOB = "+441632960001"

SPEC = dict(
    callers={
        "acme": {"name": "ACME Corp", "number": ACME, "tone": 440},
        "bob": {"name": "Bob Jones", "number": BOB, "tone": 523},
        "probe": {"number": "+100"},
    },
    colleagues={
        "201": {"name": "Alice Martin", "answer": "manual", "tone": 880},
        "202": {"name": "Bob Stone", "answer": "auto", "delay": 1,
                "tone": 660},
        "203": {"name": "Carol Diaz", "answer": "reject",
                "reject_code": 486},
        "204": {"name": "Dan Okafor", "answer": "busy"},
        "205": {"name": "Eve Park", "answer": "noanswer"},
        "x": {"name": "Reception stand-in", "answer": "auto",
              "tone": 1175},
        "echo": {"answer": "auto"},
        "mute": {"name": "Mute Colleague", "answer": "auto", "tone": 0},
    },
    voicemails={
        "vm-201": {"name": "Voicemail Alice", "tone": 330},
    },
    tones=[1000])


def only_call(st, uid):
    cs = calls(st, uid)
    return cs[0] if len(cs) == 1 else None


def all_quiet(office):
    office.wait_for(lambda st: not any(u["calls"] for u in st["uas"]),
                    what="every call of the office to be over")


def settle(office, spec):
    """After each case: nobody vanished, nobody on the phone, everyone
    back to the settings of the office file."""
    st = office.status()
    for u in st["uas"]:
        if not u["alive"]:
            office.cmd("office_revive", u["id"])
    for u in st["uas"]:
        if u["calls"]:
            office.cmd("office_hangup", u["id"], check=False)
    for kind in ("callers", "colleagues", "voicemails"):
        for uid, opts in spec[kind].items():
            office.cmd("office_set", "%s answer=%s delay=%d reject_code=%d "
                       "refer=accept transfer_timeout=30" % (
                           uid, opts.get("answer", "auto" if kind ==
                                         "voicemails" else "manual"),
                           opts.get("delay", 0),
                           opts.get("reject_code", 486)))
    all_quiet(office)


def sip_round_trip(office, sip):
    """probe calls echo, echo answers, probe hangs up: SIP messages went
    both ways through the office since the last command (what a peer
    sent before has arrived, or never will)."""
    office.cmd("office_call", "probe sip:echo@" + sip)
    office.wait_for(lambda st: talking(st, "probe", "echo"),
                    what="probe and echo to talk")
    office.cmd("office_hangup", "probe")
    office.wait_for(lambda st: not calls(st, "echo"),
                    what="echo to see probe hang up")


def acme_talks_to_x(office, sip):
    office.cmd("office_call", "acme sip:x@" + sip)
    office.wait_for(lambda st: talking(st, "acme", "x"),
                    what="acme and x to talk")


def last_refer_out(st, uid):
    return refers_out(st, uid)[-1] if refers_out(st, uid) else None


def refer_ended(office, uid, what):
    """Waits for the final NOTIFY (or final error response) of UID's
    last REFER; returns it."""
    def done(st):
        r = last_refer_out(st, uid)
        if r and (r["response"] >= 300 or (r["notify"]
                                           and r["notify"][-1] >= 200)):
            return r
        return None
    return office.wait_for(done, what=what)


# -- the office as before ---------------------------------------------------

def caller_holds_and_hangs_up(office, sip):
    office.cmd("office_call", "acme sip:201@" + sip)
    call = office.wait_for(lambda st: only_call(st, "201"),
                           what="201 to ring")
    expect(call["state"] == "incoming" and call["dir"] == "in",
           "201 sees a ringing incoming call: %r" % call)
    expect(call["peername"] == "ACME Corp", "201 sees ACME Corp: %r" % call)
    office.cmd("office_answer", "201")
    office.wait_for(lambda st: talking(st, "acme", "201"),
                    what="acme and 201 to talk")

    office.cmd("office_hold", "acme on")
    office.wait_for(lambda st: only_call(st, "201")["held_by_peer"],
                    what="201's call to be held by acme")
    st = office.status()
    expect(only_call(st, "acme")["on_hold"], "acme's call is on hold")
    expect(not only_call(st, "acme")["held_by_peer"],
           "holding is not being held")

    office.cmd("office_hold", "acme off")
    office.wait_for(lambda st: not only_call(st, "201")["held_by_peer"]
                    and only_call(st, "201")["remote_dir"] == "sendrecv",
                    what="201's call to be resumed")

    office.cmd("office_hangup", "acme")
    st = office.wait_for(lambda st: not calls(st, "201") and ended(st, "201")
                         and st, what="201's call to end")
    last = ended(st, "201")[-1]
    expect(last["by"] == "peer" and last["peer"].startswith("sip:+33"),
           "201's ended call was closed by acme: %r" % last)
    expect(ended(st, "acme")[-1]["by"] == "office",
           "acme's ended call was closed by the office")


def both_ends_agree_on_the_dialog(office, sip):
    office.cmd("office_call", "acme sip:201@" + sip)
    office.wait_for(lambda st: only_call(st, "201"), what="201 to ring")
    office.cmd("office_answer", "201")
    st = office.wait_for(lambda st: talking(st, "acme", "201") and st,
                         what="acme and 201 to talk")
    a, b = only_call(st, "acme"), only_call(st, "201")
    expect(a["callid"] == b["callid"], "one Call-ID: %r %r" % (a, b))
    expect(a["local_tag"] and a["remote_tag"], "acme knows both tags: %r"
           % a)
    expect(a["local_tag"] == b["remote_tag"]
           and a["remote_tag"] == b["local_tag"],
           "each end's local tag is the other's remote tag: %r %r" % (a, b))
    expect(a["peer_user"] == "201" and b["peer_user"] == ACME,
           "peer_user names the other end: %r %r" % (a, b))
    expect(a["replaced"] == "" and b["replaced"] == "",
           "nothing replaced: %r %r" % (a, b))


# -- who hears whom ----------------------------------------------------------

def hear_each_other(st, a, b, tone_a, tone_b):
    """A hears B's tone and B hears A's, and nothing else."""
    return (hears(st, a, b) == [tone_b] and hears(st, b, a) == [tone_a]
            and st)


def caller_and_colleague_hear_each_other(office, sip):
    office.cmd("office_call", "acme sip:201@" + sip)
    office.wait_for(lambda st: only_call(st, "201"), what="201 to ring")
    office.cmd("office_answer", "201")
    st = office.wait_for(lambda st: hear_each_other(st, "acme", "201",
                                                    440, 880),
                         what="acme to hear 880 (201), 201 to hear 440 "
                         "(acme)")
    expect(440 not in hears(st, "acme") and 880 not in hears(st, "201"),
           "neither hears its own tone: %r %r"
           % (hears(st, "acme"), hears(st, "201")))
    expect(level_db(st, "acme") > -30 and level_db(st, "201") > -30,
           "both tones arrive loud: %r %r"
           % (level_db(st, "acme"), level_db(st, "201")))

    office.cmd("office_hold", "acme on")
    st = office.wait_for(lambda st: hears(st, "201", "acme") == [] and st,
                         what="201 to stop hearing acme (held: no RTP)")
    expect(level_db(st, "201") < -60,
           "201 hears nothing at all: %r" % level_db(st, "201"))

    office.cmd("office_hold", "acme off")
    office.wait_for(lambda st: hear_each_other(st, "acme", "201", 440, 880),
                    what="acme and 201 to hear each other again")


def silent_colleague_is_heard_as_silence(office, sip):
    st = office.status()
    expect(st["tones"] == sorted(set(st["tones"]))
           and 1000 in st["tones"] and 0 not in st["tones"],
           "the office listens for the file's tones = {1000} and never "
           "for 0: %r" % st["tones"])
    expect(ua(st, "mute")["tone"] == 0, "mute has tone 0: %r"
           % ua(st, "mute")["tone"])
    office.cmd("office_call", "acme sip:mute@" + sip)
    office.wait_for(lambda st: talking(st, "acme", "mute")
                    and hears(st, "mute", "acme") == [440],
                    what="mute to answer and hear acme")
    sip_round_trip(office, sip)
    st = office.status()
    expect(hears(st, "acme", "mute") == [],
           "acme hears no tone from mute: %r" % hears(st, "acme"))
    expect(level_db(st, "acme", "mute") < -60,
           "and next to no sound: %r" % level_db(st, "acme"))


def colleague_answers_by_itself(office, sip):
    office.cmd("office_call", "bob sip:202@" + sip)
    office.wait_for(lambda st: talking(st, "bob", "202"),
                    what="202 to answer bob by itself")
    office.cmd("office_hangup", "202")
    office.wait_for(lambda st: ended(st, "bob")
                    and ended(st, "bob")[-1]["by"] == "peer",
                    what="bob to see 202 hang up")


def colleague_rejects(office, sip):
    before = len(ended(office.status(), "acme"))
    office.cmd("office_call", "acme sip:203@" + sip)
    st = office.wait_for(lambda st: len(ended(st, "acme")) > before and st,
                         what="acme's call to 203 to be rejected")
    last = ended(st, "acme")[-1]
    expect(last["scode"] == 486, "acme got 486: %r" % last)
    expect(ended(st, "203")[-1]["scode"] == 486
           and ended(st, "203")[-1]["by"] == "office",
           "203 rejected it itself: %r" % ended(st, "203")[-1])

    office.cmd("office_set", "203 answer=manual")
    office.cmd("office_call", "acme sip:203@" + sip)
    office.wait_for(lambda st: only_call(st, "203")["state"] == "incoming",
                    what="203 to ring and wait")
    office.cmd("office_reject", "203 603")
    office.wait_for(lambda st: ended(st, "acme")[-1]["scode"] == 603,
                    what="acme to get 603")


def busy_and_noanswer(office, sip):
    before = len(ended(office.status(), "acme"))
    office.cmd("office_call", "acme sip:204@" + sip)
    st = office.wait_for(lambda st: len(ended(st, "acme")) > before and st,
                         what="204 (answer=busy) to turn acme down")
    expect(ended(st, "acme")[-1]["scode"] == 486,
           "busy is 486: %r" % ended(st, "acme")[-1])

    office.cmd("office_call", "bob sip:205@" + sip)
    office.wait_for(lambda st: only_call(st, "bob")
                    and only_call(st, "bob")["state"] == "ringing",
                    what="205 (answer=noanswer) to ring at bob")
    sip_round_trip(office, sip)
    st = office.status()
    expect(only_call(st, "205")["state"] == "incoming"
           and only_call(st, "bob")["state"] == "ringing",
           "205 still just rings: %r" % calls(st, "205"))
    office.cmd("office_hangup", "bob")

    office.cmd("office_set", "205 answer=busy")
    office.cmd("office_call", "bob sip:205@" + sip)
    office.wait_for(lambda st: ended(st, "bob")[-1]["scode"] == 486,
                    what="office_set 205 answer=busy: 486")


def voicemail_answers(office, sip):
    st = office.status()
    expect(ua(st, "vm-201")["kind"] == "voicemail"
           and ua(st, "vm-201")["aor"].startswith("sip:vm-201@"),
           "vm-201 is a voicemail box with its id as user: %r"
           % ua(st, "vm-201")["aor"])
    office.cmd("office_call", "acme sip:vm-201@" + sip)
    st = office.wait_for(lambda st: talking(st, "acme", "vm-201") and st,
                         what="the voicemail to answer")
    expect(only_call(st, "acme")["peer_user"] == "vm-201",
           "acme's peer is vm-201: %r" % only_call(st, "acme"))


def hostile_name_rings(office, sip):
    # ESC [31m, BEL, C1 CSI as UTF-8 (C2 9B) and as a raw byte (9B),
    # space: 10 bytes x 210 = 2100 bytes, made by a short command.
    unit = b"\x1b[31m\x07\xc2\x9b\x9b "
    office.cmd("office_name", r"acme 210 \e[31m\a\xc2\x9b\x9b\s")
    office.cmd("office_call", "acme sip:201@" + sip)
    call = office.wait_for(lambda st: only_call(st, "201"),
                           what="the hostile call to reach 201")
    name = raw(call["peername"])
    expect(name == unit * 210,
           "the name arrives byte for byte (libre neither quotes nor "
           "filters it): got %d bytes %r" % (len(name), name[:40]))
    office.cmd("office_hangup", "acme")
    all_quiet(office)

    office.cmd("office_call", "acme sip:201@" + sip)
    call = office.wait_for(lambda st: only_call(st, "201"),
                           what="acme's ordinary call to reach 201")
    expect(call["peername"] == "ACME Corp", "name is back: %r" % call)


# -- transfers --------------------------------------------------------------

def blind_transfer_with_office_transfer(office, sip):
    office.cmd("office_set", "201 answer=auto")
    office.cmd("office_call", "acme sip:201@" + sip)
    office.wait_for(lambda st: talking(st, "acme", "201"),
                    what="201 to answer acme")
    office.cmd("office_transfer", "201 sip:202@" + sip)
    st = office.wait_for(lambda st: not calls(st, "201")
                         and talking(st, "acme", "202") and st,
                         what="acme to talk to 202 and 201 to be free")
    office.wait_for(lambda st: hear_each_other(st, "acme", "202", 440, 660),
                    what="acme to hear 660 (202), 202 to hear 440 (acme)")
    r = refers_in(st, "acme")[-1]
    expect(r["response"] == 202 and r["notify"] == [100, 200],
           "acme took the REFER and said 100, then 200: %r" % r)
    expect(refers_out(st, "201")[-1]["notify"] == [100, 200],
           "201 heard 100 and 200: %r" % refers_out(st, "201")[-1])


def blind_refer_keeps_uri_and_referred_by(office, sip):
    acme_talks_to_x(office, sip)
    refer_to = ("<sip:202@%s?Referred-By=%%3Csip%%3Ax%%40%s%%3E>"
                % (sip, sip))
    office.cmd("office_refer", "x " + refer_to)
    st = office.wait_for(lambda st: talking(st, "acme", "202")
                         and not calls(st, "x") and st,
                         what="acme to talk to 202, x to be free")
    r = refers_in(st, "acme")[-1]
    expect(r["refer_to"] == refer_to,
           "the Refer-To arrived as sent: %r" % r["refer_to"])
    expect(r["notify"] == [100, 200], "NOTIFYs 100, 200: %r" % r)
    call = only_call(st, "202")
    expect(call["referred_by"] == "<sip:x@%s>" % sip,
           "202's INVITE carried the decoded Referred-By: %r" % call)
    expect(call["peer"].startswith("sip:%s@" % ACME),
           "202 was called by acme, without URI headers: %r" % call)


def attended_transfer_replaces(office, sip):
    acme_talks_to_x(office, sip)
    office.cmd("office_call", "x sip:201@" + sip)       # consult 201
    office.wait_for(lambda st: only_call(st, "201"), what="201 to ring")
    office.cmd("office_answer", "201")
    st = office.wait_for(lambda st: talking(st, "x", "201") and st,
                         what="x and 201 to talk")
    consult = only_call(st, "201")                     # as 201 sees it
    to_acme = [c for c in calls(st, "x") if c["peer_user"] == ACME][0]
    refer_to = "<sip:201@%s?%s>" % (sip, replaces_param(consult))
    office.cmd("office_refer", "x %s %s" % (refer_to, to_acme["callid"]))

    st = office.wait_for(lambda st: talking(st, "acme", "201")
                         and not calls(st, "x") and st,
                         what="acme to talk to 201, x to be free")
    office.wait_for(lambda st: hear_each_other(st, "acme", "201", 440, 880),
                    what="acme to hear 880 (201, not x's 1175), 201 to "
                    "hear 440 (acme)")
    new = only_call(st, "201")
    expect(new["replaced"] == consult["callid"],
           "201's new call replaced the consultation: %r" % new)
    old = [e for e in ended(st, "201") if e["callid"] == consult["callid"]]
    expect(old and old[-1]["by"] == "office" and old[-1]["reason"]
           == "Replaced", "201 sent the replaced dialog a BYE: %r" % old)
    expect(refers_in(st, "acme")[-1]["notify"] == [100, 200],
           "acme said 100, then 200: %r" % refers_in(st, "acme")[-1])
    expect(ua(st, "201")["answer"] == "manual",
           "201 answers by hand, yet took the Replaces call by itself")


def replaces_for_no_dialog_gets_481(office, sip):
    acme_talks_to_x(office, sip)
    rang = len(ended(office.status(), "201"))
    refer_to = ("<sip:201@%s?Replaces=no-such%%40host%%3Bto-tag%%3D1"
                "%%3Bfrom-tag%%3D2>" % sip)
    office.cmd("office_refer", "x " + refer_to)
    r = refer_ended(office, "x", "the transfer to fail")
    expect(r["notify"] == [100, 481], "NOTIFYs 100, 481: %r" % r)
    st = office.status()
    expect(len(ended(st, "201")) == rang and not calls(st, "201"),
           "201 never rang: %r" % ended(st, "201")[-1:])
    expect(ended(st, "acme")[-1]["scode"] == 481,
           "acme's INVITE got 481: %r" % ended(st, "acme")[-1])
    expect(talking(st, "acme", "x"), "acme still talks to x")

    # RFC 3891: an early dialog the target did not start does not count
    office.cmd("office_call", "x sip:201@" + sip)       # 201 only rings
    ringing = office.wait_for(lambda st: only_call(st, "201")
                              and only_call(st, "201")["local_tag"]
                              and only_call(st, "201"),
                              what="201 to ring")
    to_acme = [c for c in calls(office.status(), "x")
               if c["peer_user"] == ACME][0]
    office.cmd("office_refer", "x <sip:201@%s?%s> %s" % (
        sip, replaces_param(ringing), to_acme["callid"]))
    r = refer_ended(office, "x", "the transfer to fail")
    expect(r["notify"] == [100, 481],
           "Replaces of a ringing call: NOTIFYs 100, 481: %r" % r)
    st = office.status()
    expect(only_call(st, "201")["state"] == "incoming",
           "201's own call still rings: %r" % calls(st, "201"))


def failed_transfers_report_the_failure(office, sip):
    office.cmd("office_set", "acme transfer_timeout=2")
    acme_talks_to_x(office, sip)
    for target, code, what in [("204", 486, "busy"),
                               ("205", 408, "nobody answers"),
                               ("299", 404, "no such extension")]:
        office.cmd("office_refer", "x <sip:%s@%s>" % (target, sip))
        r = refer_ended(office, "x", "the transfer to %s to fail" % target)
        expect(r["response"] == 202 and r["notify"] == [100, code],
               "%s: NOTIFYs 100, %d: %r" % (what, code, r))
        st = office.status()
        expect(talking(st, "acme", "x"),
               "%s: acme still talks to x" % what)
    office.wait_for(lambda st: not calls(st, "205"),
                    what="205 to stop ringing once acme gave up")


def refer_refused(office, sip):
    acme_talks_to_x(office, sip)
    for mode, code in [("reject405", 405), ("reject501", 501)]:
        office.cmd("office_set", "acme refer=" + mode)
        office.cmd("office_refer", "x <sip:202@%s>" % sip)
        r = refer_ended(office, "x", "the REFER to be refused")
        expect(r["response"] == code and r["notify"] == [],
               "%s: %d and no NOTIFY: %r" % (mode, code, r))
        sip_round_trip(office, sip)
        st = office.status()
        expect(talking(st, "acme", "x"),
               "%s: acme and x still talk: %r" % (mode, calls(st, "x")))


def colleague_vanishes(office, sip):
    office.cmd("office_set", "201 answer=auto")
    office.cmd("office_call", "acme sip:201@" + sip)
    office.wait_for(lambda st: talking(st, "acme", "201"),
                    what="acme and 201 to talk")
    out = office.cmd("office_die", "201")
    expect("1 call dropped" in out, "one call vanished: %r" % out)
    st = office.wait_for(lambda st: ended(st, "201")
                         and ended(st, "201")[-1]["reason"]
                         == "Vanished (office_die)" and st,
                         what="201's call to vanish")
    expect(not ua(st, "201")["alive"] and not calls(st, "201"),
           "201 is gone: %r" % ua(st, "201"))
    sip_round_trip(office, sip)
    st = office.status()
    call = only_call(st, "acme")
    expect(call and call["state"] == "established"
           and call["peer_user"] == "201",
           "acme heard no BYE, still 'talks' to 201: %r" % calls(st, "acme"))

    office.cmd("office_call", "bob sip:201@" + sip)
    sip_round_trip(office, sip)
    st = office.status()
    expect(only_call(st, "bob")["state"] == "outgoing"
           and not calls(st, "201"),
           "nothing answers bob's INVITE, not even 100: %r"
           % calls(st, "bob"))
    try:
        office.cmd("office_die", "201")
    except OfficeError as e:
        expect("already" in str(e), "dying twice says why: %s" % e)
    else:
        raise AssertionError("office_die 201 twice did not fail")

    office.cmd("office_revive", "201")
    office.wait_for(lambda st: calls(st, "201"),
                    what="bob's INVITE, sent again, to reach 201")


# -- mistakes ---------------------------------------------------------------

def bad_commands_say_why(office, sip):
    for name, params, words in [
            ("office_answer", "999", "no such"),
            ("office_answer", "201", "no ringing"),
            ("office_name", r"acme 1 \q", "bad escape"),
            ("office_name", r"acme 1 a\x00b", "bad escape"),
            ("office_set", "201 answer=maybe", "bad setting"),
            ("office_set", "201 refer=maybe", "bad setting"),
            ("office_set", "201 transfer_timeout=99", "bad setting"),
            ("office_refer", "201 <sip:202@%s>" % sip, "no such established"),
            ("office_revive", "201", "has not vanished"),
            ("office_hears", "999", "no such"),
            ("office_hears", "", "usage"),
            ("office_hold", "201 sideways", "usage")]:
        try:
            office.cmd(name, params)
        except OfficeError as e:
            expect(words in str(e), "%s %s says %r: %s"
                   % (name, params, words, e))
        else:
            raise AssertionError("%s %s did not fail" % (name, params))


def launcher_rejects_bad_file(tmp):
    for text, line in [
            ('listen = "127.0.0.1:5090"\n'
             'colleague "201" {\n  answer = "sometimes"\n}\n', 3),
            ('voicemail "vm-1" {\n  name = "Box"\n  refer = "maybe"\n}\n', 3),
            ('caller "a" {\n  number = "1"\n  transfer_timeout = 90\n}\n',
             3),
            ('caller "a" {\n  number = "1"\n  tone = 10\n}\n', 3),
            ('listen = "127.0.0.1:5090"\ntones = { 1000, 5 }\n'
             'caller "a" { number = "1" }\n', 2)]:
        path = os.path.join(tmp, "bad.office")
        with open(path, "w") as f:
            f.write(text)
        res = subprocess.run([office_binary(), path], capture_output=True,
                             text=True, timeout=20)
        expect(res.returncode == 2, "exit 2, got %d" % res.returncode)
        expect(res.stderr.startswith("%s:%d: " % (path, line)),
               "error names %s:%d: %r" % (path, line, res.stderr))


def shipped_office_files_parse():
    source = os.environ.get("CORDBOARD_SOURCE_ROOT") or os.path.dirname(
        os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    data = os.path.join(source, "tests", "data", "office")
    paths = [os.path.join(data, n) for n in sorted(os.listdir(data))]
    paths.append(os.path.join(source, "demo", "office.conf"))
    for path in paths:
        res = subprocess.run([office_binary(), path, "--check"],
                             capture_output=True, text=True, timeout=20)
        expect(res.returncode == 0 and "ok" in res.stdout,
               "%s: %s%s" % (path, res.stdout, res.stderr))


def second_office_is_refused(path):
    res = subprocess.run([office_binary(), path], capture_output=True,
                         text=True, timeout=20)
    expect(res.returncode == 2, "exit 2, got %d: %s" % (res.returncode,
                                                        res.stderr))
    expect(res.stderr.startswith(path + ":2: listen ")
           and "in use" in res.stderr,
           "error names %s:2 and the port in use: %r" % (path, res.stderr))


def main():
    tmp = tempfile.mkdtemp(prefix="cordboard-test-office-")
    spec = office_spec(**SPEC)
    path = write_office(tmp, spec)
    sip = spec["listen"]
    office = Office(path, log=os.path.join(tmp, "office.log"))
    cases = Cases()

    def run(name, fn, *args):
        def case():
            try:
                fn(*args)
            finally:
                settle(office, spec)
        cases.run(name, case)

    cases.run("the launcher names file and line of a mistake",
              launcher_rejects_bad_file, tmp)
    cases.run("the shipped office files pass --check",
              shipped_office_files_parse)
    try:
        office.start()
        run("acme calls 201, holds, resumes, hangs up",
            caller_holds_and_hangs_up, office, sip)
        run("both ends of a call agree on Call-ID and tags",
            both_ends_agree_on_the_dialog, office, sip)
        run("acme and 201 hear each other, not themselves, not on hold",
            caller_and_colleague_hear_each_other, office, sip)
        run("a colleague with tone = 0 is heard as silence",
            silent_colleague_is_heard_as_silence, office, sip)
        run("202 answers by itself", colleague_answers_by_itself,
            office, sip)
        run("203 rejects, then rejects by hand", colleague_rejects,
            office, sip)
        run("busy says 486, noanswer only rings", busy_and_noanswer,
            office, sip)
        run("the voicemail answers at once", voicemail_answers, office, sip)
        run("a 2100-byte hostile name arrives byte for byte",
            hostile_name_rings, office, sip)
        run("blind: 201 transfers acme to 202 (office_transfer)",
            blind_transfer_with_office_transfer, office, sip)
        run("blind: x REFERs acme to 202 with Referred-By",
            blind_refer_keeps_uri_and_referred_by, office, sip)
        run("attended: acme ends up with 201, x-201 replaced",
            attended_transfer_replaces, office, sip)
        run("Replaces naming no dialog: 481",
            replaces_for_no_dialog_gets_481, office, sip)
        run("busy / no answer / no such target: 486 / 408 / 404",
            failed_transfers_report_the_failure, office, sip)
        run("a caller refuses REFER: 405, 501, the call goes on",
            refer_refused, office, sip)
        run("201 vanishes mid-call: no BYE, no answers",
            colleague_vanishes, office, sip)
        run("bad commands fail with a reason", bad_commands_say_why,
            office, sip)
        cases.run("a second office on the same ports is refused",
                  second_office_is_refused, path)
    except Exception as e:     # the office did not even start
        cases.failed += 1
        print("FAIL: the office starts:", e, flush=True)
    finally:
        office.stop()

    def clean_exit():
        expect(office.proc and office.proc.returncode == 0,
               "office exits cleanly on SIGTERM (rc %s)"
               % (office.proc and office.proc.returncode))
    cases.run("the office exits cleanly on SIGTERM", clean_exit)
    rc = cases.finish()
    if rc:
        print(office.log_tail(60))
        print("files kept in", tmp)
    else:
        shutil.rmtree(tmp, ignore_errors=True)
    return rc


if __name__ == "__main__":
    sys.exit(main())
