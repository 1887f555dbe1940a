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
Presence and dialog state, with x subscribing the way the console does:
  201 goes away with a note -> x's PIDF reads away and the note (<&>
  escaped); busy, dnd, offline likewise. acme calls 201 -> x's
  dialog-info goes early -> confirmed -> held -> confirmed -> terminated
  -> idle, one version more each time. An unknown package gets 489, an
  unknown user 404, a body type nobody asked for 406. A short
  subscription is refreshed, each NOTIFY with the next version; an
  un-SUBSCRIBE gets a terminated NOTIFY. The office stops at once with
  subscriptions live, even one to a subscriber that is gone.

One PASS:/FAIL: line per case, then "cases: N passed, N failed".
Exit 0 = all passed. Needs the build dir ($CORDBOARD_BUILD_ROOT)."""

import os
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from console import Cases, expect  # noqa: E402
from office import (Office, OfficeError, calls, ended,  # noqa: E402
                    dialog_read, hears, level_db, office_binary,
                    office_spec, pidf_read, raw, refers_in, refers_out,
                    replaces_param, subs, subs_ended, talking, ua, watch,
                    watches, write_office)

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
    for u in st["uas"]:
        if any(w["state"] in ("pending", "active") for w in u["watches"]):
            office.cmd("office_unsubscribe", u["id"], check=False)
        if u["presence"] != "available" or u["note"]:
            office.cmd("office_presence", u["id"] + " available")
    for kind in ("callers", "colleagues", "voicemails"):
        for uid, opts in spec[kind].items():
            office.cmd("office_set", "%s answer=%s delay=%d reject_code=%d "
                       "refer=accept transfer_timeout=30" % (
                           uid, opts.get("answer", "auto" if kind ==
                                         "voicemails" else "manual"),
                           opts.get("delay", 0),
                           opts.get("reject_code", 486)))
    all_quiet(office)
    office.wait_for(lambda st: not any(u["subs"] for u in st["uas"]),
                    what="every subscription to the office to be over")


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


# -- presence and dialog state ---------------------------------------------

class RawSip:
    """A bare SIP endpoint on a UDP socket, for what no office UA sends:
    a SUBSCRIBE with any Accept, a subscriber that goes away. It answers
    no NOTIFY."""

    def __init__(self):
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.bind(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.dialog = None

    def close(self):
        self.sock.close()

    def _request(self, sip, ruri, event, accept, expires, cseq, to_tag):
        host, _, port = sip.rpartition(":")
        msg = ("SUBSCRIBE {ruri} SIP/2.0\r\n"
               "Via: SIP/2.0/UDP 127.0.0.1:{me};rport;branch=z9hG4bK{b:x}\r\n"
               "Max-Forwards: 70\r\n"
               "From: <sip:raw@127.0.0.1:{me}>;tag={tag}\r\n"
               "To: <{to}>{to_tag}\r\n"
               "Call-ID: {callid}\r\n"
               "CSeq: {cseq} SUBSCRIBE\r\n"
               "Contact: <sip:raw@127.0.0.1:{me}>\r\n"
               "Event: {event}\r\n"
               "Expires: {expires}\r\n"
               "{accept}"
               "Content-Length: 0\r\n\r\n").format(
                   ruri=ruri, to=self.dialog["to"], me=self.port,
                   b=random.getrandbits(48), tag=self.dialog["tag"],
                   to_tag=";tag=" + to_tag if to_tag else "",
                   callid=self.dialog["callid"], cseq=cseq, event=event,
                   expires=expires,
                   accept="Accept: %s\r\n" % accept if accept else "")
        self.sock.sendto(msg.encode(), (host, int(port)))
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            self.sock.settimeout(max(0.1, deadline - time.monotonic()))
            try:
                data = self.sock.recv(65536).decode("utf-8", "replace")
            except socket.timeout:
                break
            head, _, _ = data.partition("\r\n\r\n")
            lines = head.split("\r\n")
            first = lines[0].split()
            hdrs = {}
            for ln in lines[1:]:
                name, _, val = ln.partition(":")
                hdrs.setdefault(name.strip().lower(), val.strip())
            if (len(first) > 1 and first[0] == "SIP/2.0"
                    and hdrs.get("call-id") == self.dialog["callid"]
                    and hdrs.get("cseq") == "%d SUBSCRIBE" % cseq
                    and int(first[1]) >= 200):
                return int(first[1]), hdrs
        raise AssertionError("no final response to SUBSCRIBE %s (%s)"
                             % (ruri, event))

    def subscribe(self, sip, user, event, accept=None):
        """Sends a SUBSCRIBE to USER@SIP; returns the status code of its
        final response. NOTIFYs that come meanwhile get no answer."""
        self.dialog = {"to": "sip:%s@%s" % (user, sip),
                       "callid": "%016x@raw" % random.getrandbits(64),
                       "tag": "%x" % random.getrandbits(32),
                       "sip": sip, "event": event}
        code, hdrs = self._request(sip, self.dialog["to"], event, accept,
                                   600, 1, None)
        if code == 200:
            self.dialog["to_tag"] = hdrs["to"].rpartition(";tag=")[2]
            self.dialog["contact"] = hdrs["contact"].partition(
                "<")[2].partition(">")[0]
        return code

    def unsubscribe(self):
        """Expires: 0 in the dialog of the last accepted SUBSCRIBE;
        returns the status code of the answer."""
        d = self.dialog
        return self._request(d["sip"], d["contact"], d["event"], None, 0, 2,
                             d["to_tag"])[0]


def wait_watch(office, uid, event, pred, what, uri=None):
    """Waits until UID's latest subscription to EVENT satisfies PRED;
    returns it."""
    def ready(st):
        w = watch(st, uid, event, uri)
        return w if w and pred(w) else None
    return office.wait_for(ready, what=what)


def last_pidf(w):
    return pidf_read(w["bodies"][-1]) if w["bodies"] else None


def last_dialog(w):
    return dialog_read(w["bodies"][-1]) if w["bodies"] else None


def presence_follows_the_person(office, sip):
    office.cmd("office_subscribe", "x sip:201@%s presence" % sip)
    w = wait_watch(office, "x", "presence",
                   lambda w: w["state"] == "active" and w["bodies"],
                   "x's presence subscription to 201 to be active")
    expect(w["ctype"] == "application/pidf+xml", "PIDF: %r" % w["ctype"])
    expect(last_pidf(w) == ("available", ""),
           "201 starts available: %s" % w["bodies"][-1])
    sub = subs(office.status(), "201")
    expect(len(sub) == 1 and sub[0]["event"] == "presence"
           and sub[0]["subscriber"] == "sip:x@" + sip,
           "201 lists x as its one subscriber: %r" % sub)

    note = 'Back at 3 <&> "soon"'
    office.cmd("office_presence", "201 away " + note)
    w = wait_watch(office, "x", "presence",
                   lambda w: last_pidf(w) == ("away", note),
                   "x to read 201 away with the note")
    body = raw(w["bodies"][-1])
    expect(b"&lt;&amp;&gt; &quot;soon&quot;" in body,
           "the note is escaped, not raw: %r" % body)
    st = office.status()
    expect(ua(st, "201")["presence"] == "away"
           and ua(st, "201")["note"] == note, "status: %r" % ua(st, "201"))

    for state in ("busy", "dnd", "offline", "available"):
        office.cmd("office_presence", "201 " + state)
        w = wait_watch(office, "x", "presence",
                       lambda w: last_pidf(w) == (state, ""),
                       "x to read 201 %s, no note" % state)
    bodies = [raw(b) for b in w["bodies"]]
    expect(any(b"<basic>closed</basic>" in b for b in bodies),
           "offline is <basic>closed</basic>")


def expect_versions_count_up(w):
    versions = [dialog_read(b)["version"] for b in w["bodies"]]
    expect(versions == list(range(versions[0], versions[0] + len(versions))),
           "each NOTIFY has the next version: %r" % versions)


def dialog_follows_the_calls(office, sip):
    office.cmd("office_subscribe", "x sip:201@%s dialog" % sip)
    w = wait_watch(office, "x", "dialog",
                   lambda w: w["state"] == "active" and w["bodies"],
                   "x's dialog subscription to 201 to be active")
    info = last_dialog(w)
    expect(w["ctype"] == "application/dialog-info+xml"
           and info["state"] == "full" and info["dialogs"] == []
           and info["version"] == 0,
           "201 starts idle, version 0: %s" % w["bodies"][-1])

    office.cmd("office_call", "acme sip:201@" + sip)
    w = wait_watch(office, "x", "dialog",
                   lambda w: last_dialog(w)["line"] == "ringing",
                   "x to see 201 ring")
    d = last_dialog(w)["dialogs"][0]
    call = only_call(office.status(), "201")
    expect(d["state"] == "early" and d["direction"] == "recipient"
           and d["remote_display"] == "ACME Corp"
           and d["remote"].startswith("sip:%s@" % ACME),
           "early, from ACME Corp: %r" % d)
    expect((d["call_id"], d["local_tag"], d["remote_tag"])
           == (call["callid"], call["local_tag"], call["remote_tag"]),
           "the dialog is 201's call: %r vs %r" % (d, call))

    office.cmd("office_answer", "201")
    wait_watch(office, "x", "dialog",
               lambda w: last_dialog(w)["line"] == "incall",
               "x to see 201 in the call")
    office.cmd("office_hold", "201 on")
    wait_watch(office, "x", "dialog",
               lambda w: last_dialog(w)["line"] == "held",
               "x to see 201 hold (+sip.rendering=no)")
    office.cmd("office_hold", "201 off")
    wait_watch(office, "x", "dialog",
               lambda w: last_dialog(w)["line"] == "incall",
               "x to see 201 resume")
    office.cmd("office_hangup", "acme")
    w = wait_watch(office, "x", "dialog",
                   lambda w: last_dialog(w)["dialogs"] == []
                   and len(w["bodies"]) > 5,
                   "x to see 201 idle again")

    seen = []
    for b in w["bodies"]:
        ds = dialog_read(b)["dialogs"]
        step = (ds[0]["state"], ds[0]["held"]) if ds else "idle"
        if not seen or seen[-1] != step:
            seen.append(step)
    expect(seen == ["idle", ("early", False), ("confirmed", False),
                    ("confirmed", True), ("confirmed", False),
                    ("terminated", False), "idle"],
           "early, confirmed, held, confirmed, terminated, idle: %r" % seen)
    expect_versions_count_up(w)
    sub = subs(office.status(), "201")[0]
    expect(sub["version"] == sub["notifies"] - 1
           and sub["notifies"] == w["notifies"],
           "every version went out once, and x got each: %r, x got %d"
           % (sub, w["notifies"]))


def subscriptions_refused(office, sip):
    office.cmd("office_subscribe", "x sip:201@%s message-summary" % sip)
    office.cmd("office_subscribe", "x sip:299@%s presence" % sip)
    st = office.wait_for(
        lambda st: watch(st, "x", "message-summary")["state"] == "failed"
        and watch(st, "x", "presence", "sip:299@" + sip)["state"]
        == "failed" and st, what="both subscriptions to be refused")
    w = watch(st, "x", "message-summary")
    expect(w["scode"] == 489, "unknown package: 489: %r" % w)
    w = watch(st, "x", "presence", "sip:299@" + sip)
    expect(w["scode"] == 404, "unknown user: 404: %r" % w)

    peer = RawSip()
    try:
        code = peer.subscribe(sip, "201", "presence", accept="text/plain")
        expect(code == 406, "Accept: text/plain only: 406, got %d" % code)
        expect(not subs(office.status(), "201"),
               "the refused subscription was never kept")
        code = peer.subscribe(sip, "201", "dialog;id=7",
                              accept="application/xml, application/*")
        expect(code == 200, "Accept: application/*: 200, got %d" % code)
        expect(peer.unsubscribe() == 200, "un-SUBSCRIBE: 200")
    finally:
        peer.close()
    st = office.wait_for(lambda st: not subs(st, "201") and st,
                         what="201 to forget the raw subscription")
    s = subs_ended(st, "201")[-1]
    expect(s["ended"] == "unsubscribed" and s["event"] == "dialog"
           and s["subscriber"].startswith("sip:raw@"),
           "ended by its un-SUBSCRIBE: %r" % s)


def refreshed_then_withdrawn(office, sip):
    for event in ("presence", "dialog"):
        office.cmd("office_subscribe", "x sip:201@%s %s 2" % (sip, event))
    st = office.wait_for(
        lambda st: len(subs(st, "201")) == 2
        and all(s["refreshes"] >= 2 for s in subs(st, "201")) and st,
        what="x to refresh both subscriptions twice (Expires: 2)")
    for s in subs(st, "201"):
        expect(s["version"] == s["notifies"] - 1
               and s["substate"].startswith("active;"),
               "each refresh NOTIFY has the next version: %r" % s)
    w = watch(st, "x", "dialog")
    expect(w["state"] == "active", "x's subscription lives on: %r" % w)
    expect_versions_count_up(w)

    office.cmd("office_unsubscribe", "x")
    st = office.wait_for(lambda st: not subs(st, "201")
                         and len(subs_ended(st, "201")) >= 2 and st,
                         what="201 to forget both subscriptions")
    for s in subs_ended(st, "201")[-2:]:
        expect(s["ended"] == "unsubscribed"
               and s["substate"].startswith("terminated")
               and s["version"] == s["notifies"] - 1,
               "a last NOTIFY, terminated, with the next version: %r" % s)
    expect(all(w["state"] == "unsubscribed" for w in watches(st, "x")[-2:]),
           "x let both go: %r" % watches(st, "x")[-2:])


def subscriptions_live_at_shutdown(office, sip, peer):
    """Leaves subscriptions for the shutdown: x to 201 (both packages),
    202 to x, and PEER to 201 (it answers nothing: it is gone)."""
    office.cmd("office_call", "acme sip:201@" + sip)
    for event in ("presence", "dialog"):
        office.cmd("office_subscribe", "x sip:201@%s %s" % (sip, event))
    office.cmd("office_subscribe", "202 sip:x@%s presence" % sip)
    expect(peer.subscribe(sip, "201", "dialog") == 200,
           "the peer's SUBSCRIBE is accepted")
    peer.close()
    office.wait_for(lambda st: len(subs(st, "201")) == 3
                    and len(subs(st, "x")) == 1
                    and all(watch(st, who, ev)["state"] == "active"
                            for who, ev in [("x", "presence"),
                                            ("x", "dialog"),
                                            ("202", "presence")]),
                    what="four live subscriptions")


def shutdown_ended_subscriptions(office, sip):
    expect(office.proc and office.proc.returncode == 0,
           "the office stopped on SIGTERM by itself (rc %s)"
           % (office.proc and office.proc.returncode))
    with open(office.log, "rb") as f:
        log = f.read().decode("utf-8", "replace")
    for who, event, subscriber in [
            ("201", "presence", "sip:x@"), ("201", "dialog", "sip:x@"),
            ("x", "presence", "sip:202@"), ("201", "dialog", "sip:raw@")]:
        line = "office: %s: %s subscription of %s" % (who, event,
                                                       subscriber)
        expect(any(line in ln and "ended (shutdown)" in ln
                   for ln in log.splitlines()),
               "the log says: %s... ended (shutdown)" % line)


def launcher_rejects_bad_file(tmp):
    for text, line in [
            ('listen = "127.0.0.1:5090"\n'
             'colleague "201" {\n  answer = "sometimes"\n}\n', 3),
            ('voicemail "vm-1" {\n  name = "Box"\n  refer = "maybe"\n}\n', 3),
            ('caller "a" {\n  number = "1"\n  transfer_timeout = 90\n}\n',
             3),
            ('caller "a" {\n  number = "1"\n  tone = 10\n}\n', 3),
            ('listen = "127.0.0.1:5090"\ntones = { 1000, 5 }\n'
             'caller "a" { number = "1" }\n', 2),
            ('colleague "201" {\n  presence = "sleepy"\n}\n', 2),
            ('colleague "201" {\n  name = "A"\n  note = "a\x01b"\n}\n', 3),
            ('colleague "201" {\n  note = "%s"\n}\n' % ("x" * 256), 2)]:
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
    peer = RawSip()
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
        run("201 goes away with a note: x reads it in the PIDF",
            presence_follows_the_person, office, sip)
        run("acme calls 201: x sees early, confirmed, held, terminated, "
            "idle", dialog_follows_the_calls, office, sip)
        run("unknown package 489, unknown user 404, wrong Accept 406",
            subscriptions_refused, office, sip)
        run("a short subscription is refreshed, then withdrawn",
            refreshed_then_withdrawn, office, sip)
        cases.run("a second office on the same ports is refused",
                  second_office_is_refused, path)
        cases.run("subscriptions are live when the office stops",
                  subscriptions_live_at_shutdown, office, sip, peer)
    except Exception as e:     # the office did not even start
        cases.failed += 1
        print("FAIL: the office starts:", e, flush=True)
    finally:
        peer.close()
        office.stop()

    def clean_exit():
        expect(office.proc and office.proc.returncode == 0,
               "office exits cleanly on SIGTERM (rc %s)"
               % (office.proc and office.proc.returncode))
    cases.run("the office exits cleanly on SIGTERM", clean_exit)
    cases.run("the office stops at once with live subscriptions",
              shutdown_ended_subscriptions, office, sip)
    rc = cases.finish()
    if rc:
        print(office.log_tail(60))
        print("files kept in", tmp)
    else:
        shutil.rmtree(tmp, ignore_errors=True)
    return rc


if __name__ == "__main__":
    sys.exit(main())
