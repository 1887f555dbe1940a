#!/usr/bin/env python3
"""The terminal is not the phone. With ACME held, Bob talking and Carol
ringing, the tmux session of the console is killed (SIGHUP, the pty
gone): nobody is dropped - ACME stays held, Bob talks on, Carol rings
on. cordboard --attach from a new tmux session takes the console back:
the calls pane shows all three and ACME is still held, as the office
confirms. That terminal killed too, nobody attaches within the grace:
ACME and Bob get a BYE, Carol a 480, each call is in the history, and
the console ends and removes its runtime directory. With an overflow
target, Carol goes there as soon as the terminal is gone, and at the
end of the grace ACME and Bob are handed there (blind transfer). A
console quit from the attached terminal gives it back to its shell:
--attach exits 0, the terminal's modes are the shell's again."""

import glob
import json
import os
import shlex
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from console import (Cases, Console, colleague_extensions,  # noqa: E402
                     console_binary, expect, tmux_available)
from office import (Office, calls, ended, office_spec, only,  # noqa: E402
                    talking, write_office)

GRACE_S = 10

CALLERS = {"acme": {"name": "ACME Corp", "number": "+3315551234",
                    "tone": 440},
           "bob": {"name": "Bob Jones", "number": "+441632960001",
                   "tone": 523},
           "carol": {"name": "Carol Diaz", "number": "+441632960002",
                     "tone": 587}}


def ringing(st, uid):
    c = only(st, uid)
    return c if c and c["state"] in ("outgoing", "ringing", "early") \
        else None


def with_console(st, uid, held):
    c = only(st, uid)
    return c if c and c["state"] == "established" and \
        c["peer_user"] == "reception" and c["held_by_peer"] == held \
        else None


def three_callers(office, con):
    """ACME answered then held by answering Bob; Carol rings."""
    office.cmd("office_call", "acme " + con.uri)
    con.wait_screen("ACME Corp")
    con.keys("Enter")
    office.wait_for(lambda st: talking(st, "acme", "reception"),
                    what="ACME to talk to the console")
    office.cmd("office_call", "bob " + con.uri)
    con.wait_screen("Bob Jones")
    con.keys("Enter")
    office.wait_for(lambda st: with_console(st, "acme", True) and
                    with_console(st, "bob", False),
                    what="ACME held, Bob talking")
    office.cmd("office_call", "carol " + con.uri)
    con.wait_screen("Carol Diaz")
    office.wait_for(lambda st: ringing(st, "carol"), what="Carol to ring")


def console_runs(con):
    """The console answers on its control socket (no terminal needed)."""
    r = subprocess.run([console_binary(), "--send", "lines"],
                       env=dict(os.environ, XDG_RUNTIME_DIR=con.dir),
                       capture_output=True, text=True, timeout=15)
    return r.returncode == 0


def lose_the_terminal(con, session="console"):
    con.tmux("kill-session", "-t", session, check=False)


def attach(con, session="attach"):
    """cordboard --attach in a new tmux session SESSION."""
    run = os.path.join(con.dir, "run-%s.sh" % session)
    with open(run, "w") as f:
        f.write("#!/bin/sh\nexport LANG=C.UTF-8 LC_ALL=C.UTF-8\n"
                "export XDG_RUNTIME_DIR=%s\n%s --attach\n"
                "echo \"attach exited with $?\" > %s/%s-status\n"
                "sleep 600\n" % (con.dir, shlex.quote(console_binary()),
                                 con.dir, session))
    os.chmod(run, 0o755)
    env = dict(os.environ)
    env.pop("TMUX", None)
    subprocess.run(["tmux", "-L", con.socket, "-f", "/dev/null",
                    "new-session", "-d", "-x", "80", "-y", "24", "-s",
                    session, run], check=True, env=env)


def attached_screen(con, session="attach"):
    return con.tmux("capture-pane", "-p", "-J", "-t", session,
                    check=False).stdout


def wait_attached_screen(con, what, timeout=20, session="attach"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        scr = attached_screen(con, session)
        if all(w in scr for w in what):
            return scr
        time.sleep(0.2)
    raise AssertionError("the %s screen never showed %r:\n%s" %
                         (session, what, attached_screen(con, session)))


def rundirs(con):
    """The console's runtime directories (XDG_RUNTIME_DIR is the test
    directory)."""
    return glob.glob(os.path.join(con.dir, "cordboard-default-*"))


def reattach_then_the_grace_runs_out(office, con):
    three_callers(office, con)
    expect(rundirs(con), "a runtime directory while it runs")
    lose_the_terminal(con)
    # nobody dropped: ACME held, Bob talking, Carol ringing
    con.wait_event("service", detail="detached")
    expect(console_runs(con), "the console runs without its terminal")
    st = office.status()
    expect(with_console(st, "acme", True), "ACME still held: %r" %
           only(st, "acme"))
    expect(with_console(st, "bob", False), "Bob still talks: %r" %
           only(st, "bob"))
    expect(ringing(st, "carol"), "Carol still rings: %r" %
           only(st, "carol"))

    attach(con)
    scr = wait_attached_screen(con, ("Calls (3)", "ACME Corp", "Bob Jones",
                                     "Carol Diaz"))
    expect("HOLD" in scr, "ACME shows held:\n" + scr)
    con.wait_event("service", detail="attached")
    # a resize of the new terminal reaches the console (through --attach)
    con.tmux("resize-window", "-t", "attach", "-x", "100", "-y", "30")
    deadline = time.monotonic() + 20
    while max(len(ln.rstrip()) for ln in
              attached_screen(con).splitlines()) <= 80:
        expect(time.monotonic() < deadline, "the screen is redrawn at "
               "100 columns:\n" + attached_screen(con))
        time.sleep(0.2)
    st = office.status()
    expect(with_console(st, "acme", True),
           "ACME still held after the attach: %r" % only(st, "acme"))

    # the new terminal is a terminal: a second --attach is refused
    attach(con, "again")
    wait_attached_screen(con, ("cannot attach: ", "this console has its "
                               "terminal"), session="again")
    status = os.path.join(con.dir, "again-status")
    office.wait_for(lambda st: os.path.exists(status), what="--attach "
                    "to exit")
    with open(status) as f:
        expect(f.read().strip() == "attach exited with 1",
               "a refused --attach exits 1")

    # that terminal is lost too, and nobody comes back in the grace
    mark = con.mark()
    lose_the_terminal(con, "attach")
    con.wait_event("service", since=mark, detail="detached")
    office.wait_for(lambda st: not calls(st, "acme") and
                    not calls(st, "bob") and not calls(st, "carol"),
                    timeout=GRACE_S + 20,
                    what="every caller to be told at the end of the grace")
    st = office.status()
    carol = ended(st, "carol")[-1]
    expect(carol["scode"] == 480 and carol["reason_header"] ==
           'SIP;cause=480;text="The reception console lost its terminal"',
           "Carol heard 480 with its Reason: %r" % carol)
    for uid in ("acme", "bob"):
        e = ended(st, uid)[-1]
        expect(e["by"] == "peer" and e["duration"] >= 0,
               "%s got a BYE from the console: %r" % (uid, e))
    hist = [r for r in con.history() if r.get("record") == "call"]
    for name in ("ACME Corp", "Bob Jones", "Carol Diaz"):
        expect(any(r["name"] == name for r in hist),
               "%s is in the history: %r" % (name, hist))
    office.wait_for(lambda st: not console_runs(con), timeout=20,
                    what="the console to end")
    expect(not rundirs(con), "the runtime directory is removed: %r" %
           rundirs(con))
    expect(not os.path.exists(os.path.join(con.dir, "cordboard",
                                           "default.ctl")),
           "the control socket is removed")


def the_overflow_target_takes_them(office, con):
    three_callers(office, con)
    lose_the_terminal(con)
    # Carol is sent on at once; Alice's phone answers by itself
    office.wait_for(lambda st: talking(st, "carol", "201"),
                    what="Carol to talk to Alice (overflow)")
    st = office.status()
    expect(with_console(st, "acme", True), "ACME still held: %r" %
           only(st, "acme"))
    office.wait_for(lambda st: talking(st, "acme", "201") and
                    talking(st, "bob", "201"), timeout=GRACE_S + 20,
                    what="ACME and Bob handed to Alice after the grace\n" +
                    "\n".join(json.dumps(e) for e in con.events()[-25:]))
    office.wait_for(lambda st: not console_runs(con), timeout=20,
                    what="the console to end")
    hist = [r for r in con.history() if r.get("record") == "call"]
    for name in ("ACME Corp", "Bob Jones", "Carol Diaz"):
        expect(any(r["name"] == name and r["outcome"] == "transferred"
                   for r in hist),
               "%s is in the history as transferred: %r" % (name, hist))


def quitting_gives_the_terminal_back(office, con):
    lose_the_terminal(con)
    con.wait_event("service", detail="detached")
    attach(con)
    wait_attached_screen(con, ("Calls (0)",))
    con.tmux("send-keys", "-t", "attach", "q")
    time.sleep(0.3)
    if "(y/n)" in attached_screen(con):
        con.tmux("send-keys", "-t", "attach", "y")
    status = os.path.join(con.dir, "attach-status")
    office.wait_for(lambda st: os.path.exists(status), what="--attach "
                    "to end with the console")
    with open(status) as f:
        expect(f.read().strip() == "attach exited with 0",
               "--attach exits 0 when the console quits")
    pane = con.tmux("display-message", "-p", "-t", "attach",
                    "#{alternate_on} #{pane_tty}").stdout.split()
    expect(pane[0] == "0", "the alternate screen is left")
    modes = subprocess.run(["stty", "-a", "-F", pane[1]],
                           capture_output=True, text=True,
                           check=True).stdout.split()
    for flag in ("icanon", "echo", "isig"):
        expect(flag in modes, "stty shows %s: %s" % (flag, modes))
    office.wait_for(lambda st: not console_runs(con), timeout=20,
                    what="the console to end")


def run_case(cases, title, fn, extra):
    with tempfile.TemporaryDirectory(prefix="cordboard-it-") as tmp:
        spec = office_spec(
            callers=CALLERS,
            colleagues={"201": {"name": "Alice Martin", "answer": "auto",
                                "tone": 880}})
        con = Console(tmp, extensions=colleague_extensions(
            spec["listen"], numbers=("201",)),
            extra_config="detached_grace = %d\n%s" % (GRACE_S, extra))
        spec["console"] = con.uri
        with Office(write_office(tmp, spec)) as office:
            con.start()
            try:
                cases.run(title, fn, office, con)
            finally:
                # its terminal is gone: the socket ends what a failed
                # case left running
                subprocess.run([console_binary(), "--send", "quit now"],
                               env=dict(os.environ,
                                        XDG_RUNTIME_DIR=con.dir),
                               capture_output=True, timeout=15)
                con.started = False
                con.tmux("kill-server", check=False)


def main():
    if not tmux_available():
        print("SKIP: tmux missing")
        return 77
    cases = Cases()
    run_case(cases, "kill, reattach, then the grace runs out",
             reattach_then_the_grace_runs_out, "")
    run_case(cases, "the overflow target takes every caller",
             the_overflow_target_takes_them,
             'queue { overflow_target = "201" }\n')
    run_case(cases, "quitting on the attached terminal gives it back",
             quitting_gives_the_terminal_back, "")
    return cases.finish()


if __name__ == "__main__":
    sys.exit(main())
