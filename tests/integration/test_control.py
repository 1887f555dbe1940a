#!/usr/bin/env python3
"""Scripts and the control socket, against the office.

  A script file answers ACME, consults Alice, waits for her to answer
  and completes: ACME talks to Alice and nobody touched a key; with
  --script-exit the console then quits and removes its socket.
  The control socket streams the same JSON as --event-log to several
  clients at once, answers every line with a JSON reply, refuses another
  uid (the client runs as nobody), drops a client that does not read,
  replaces a stale socket and refuses to start a second console of the
  same name. A 1 KB dial is refused whole. Two consoles with different names (--name) run at once,
  each answering its own --send; --send without --name then names
  both. A console whose socket cannot be made still answers a call and
  says why there is no socket.
"""

import json
import os
import pwd
import socket
import stat
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from console import (Cases, Console, console_binary, expect,  # noqa: E402
                     run_cordboard)
from office import Office, calls, office_spec, talking, write_office  # noqa


def ctl_path(con, name="default"):
    return os.path.join(con.dir, "cordboard", name + ".ctl")


def send(con, *lines, user=None, timeout=15, name=None):
    """cordboard --send LINES; returns (exit status, reply objects)."""
    env = dict(os.environ, XDG_RUNTIME_DIR=con.dir)
    cmd = [console_binary(), "--send"] + list(lines)
    if name:
        cmd[1:1] = ["--name", name]
    if user:
        pw = pwd.getpwnam(user)
        cmd = ["setpriv", "--reuid=%d" % pw.pw_uid,
               "--regid=%d" % pw.pw_gid, "--clear-groups"] + cmd
    p = subprocess.run(cmd, env=env, capture_output=True, text=True,
                       timeout=timeout)
    replies = [json.loads(l) for l in p.stdout.splitlines() if l.strip()]
    return p.returncode, replies, p.stderr


def script_completes_a_transfer_unattended(tmp, spec):
    d = os.path.join(tmp, "scripted")
    os.mkdir(d)
    script = os.path.join(d, "reception.script")
    with open(script, "w") as f:
        f.write("# the first call of the day, without a receptionist\n"
                "wait offered 30s\n"
                "answer\n"
                "wait answered 10s\n"
                "\n"
                "consult 201      \n"
                "wait established 20s\n"
                "complete\n"
                "wait transferred 20s\n")
    con = Console(d, extensions={"201": {
        "name": "Alice Martin", "uri": "sip:201@" + spec["listen"]}},
        args=["--script", script, "--script-exit"])
    spec = dict(spec, console=con.uri)
    with Office(write_office(d, spec)) as office, con:
        expect(os.path.exists(ctl_path(con)), "the socket is there")
        office.cmd("office_call", "acme " + con.uri)
        office.wait_for(lambda st: talking(st, "acme", "201"),
                        what="ACME to talk to Alice, nobody at the keys")
        ev = con.wait_event("transferred")
        expect(ev["text"] == "ACME Corp is now with Alice Martin" and
               ev["detail"] == "ACME Corp -> Alice Martin", "event %r" % ev)
        con.wait_event("result", text="Script %s: done" % script)
        for _ in range(150):
            if not con.running():
                break
            time.sleep(0.1)
        expect(con.exit_status() == "console exited with 0",
               "--script-exit quits: %r" % con.exit_status())
        expect(not os.path.exists(ctl_path(con)),
               "the socket is removed at exit")
        expect(talking(office.status(), "acme", "201"),
               "ACME and Alice still talk after the console left")
        office.cmd("office_hangup", "acme")


def failed_script_exits_1_and_names_the_line(tmp, spec):
    """--script-exit after a script that failed: exit 1, and the line
    and why stay on the terminal once the screen is gone."""
    for name, text, lineno, why in (
            ("timeout", "# nobody calls\nwait offered 1s\nanswer\n", 2,
             "wait offered: nothing within 1s"),
            ("no-call", "transfer 999\n", 1, "")):
        d = os.path.join(tmp, "failing-" + name)
        os.mkdir(d)
        script = os.path.join(d, "fails.script")
        with open(script, "w") as f:
            f.write(text)
        con = Console(d, args=["--script", script, "--script-exit"])
        # the script may fail before the screen is read
        with con.start(ready=None):
            for _ in range(150):
                if not con.running():
                    break
                time.sleep(0.1)
            expect(con.exit_status() == "console exited with 1",
                   "a failed script exits 1: %r" % con.exit_status())
            said = con.tmux("capture-pane", "-p", "-J", "-t",
                            "console").stdout
            want = "cordboard: Script %s:%d stopped: %s" % (script, lineno,
                                                            why)
            expect(want in said, "%r on the terminal:\n%s" % (want, said))


def bad_script_is_refused_before_start(tmp, spec):
    script = os.path.join(tmp, "bad.script")
    with open(script, "w") as f:
        f.write("answer\nwait offered soon\nhold 2\nexplode\n")
    p = run_cordboard("--check-config", "--script", script)
    expect(p.returncode == 2, "exit 2: %r" % p)
    for want in ("bad.script:2: wait: 'soon' is not a timeout",
                 "bad.script:3: hold takes no argument",
                 "bad.script:4: unknown action 'explode'"):
        expect(want in p.stderr, "%r in %r" % (want, p.stderr))


def socket_is_private(office, con):
    st = os.stat(ctl_path(con))
    expect(stat.S_ISSOCK(st.st_mode) and st.st_mode & 0o777 == 0o600,
           "socket mode 0600: %o" % st.st_mode)
    st = os.stat(os.path.dirname(ctl_path(con)))
    expect(st.st_mode & 0o777 == 0o700, "directory 0700: %o" % st.st_mode)


def events_stream_and_lines_get_replies(office, con):
    env = dict(os.environ, XDG_RUNTIME_DIR=con.dir)
    follow = [subprocess.Popen([console_binary(), "--follow"], env=env,
                               stdout=subprocess.PIPE, text=True)
              for _ in range(2)]
    try:
        time.sleep(0.5)
        office.cmd("office_call", "acme " + con.uri)
        con.wait_screen("ACME Corp")
        rc, replies, err = send(con, "answer")
        expect(rc == 0 and replies[0]["reply"] == "ok" and
               replies[0]["action"] == "answer" and
               "ACME" in replies[0]["text"], "answer: %r %r" % (replies, err))
        office.wait_for(lambda st: talking(st, "acme", "reception"),
                        what="ACME to talk to the console")
        rc, replies, _ = send(con, "hold", "explode now", "hold")
        expect(rc == 1, "one line failed: exit 1")
        expect([r["reply"] for r in replies] == ["ok", "error", "ok"],
               "one reply per line, in order: %r" % replies)
        expect(replies[1]["text"] == "Unknown action 'explode'",
               "the reply says why: %r" % replies[1])
        rc, replies, _ = send(con, "wait offered 1s")
        expect(rc == 1 and "script" in replies[0]["text"],
               "wait is for scripts: %r" % replies)
        rc, replies, _ = send(con, "hangup")
        expect(rc == 0, "hang up: %r" % replies)
        con.wait_screen("Calls (0)")
        time.sleep(0.5)
    finally:
        for p in follow:
            p.terminate()
    def same(a, b):
        """The same JSON but its stamp: each writer reads the clock
        itself, and under load they can be far apart (no timing here)."""
        return dict(a, ts=0) == dict(b, ts=0)

    logged = con.events()
    for p in follow:
        out = p.communicate(timeout=5)[0]
        streamed = [json.loads(l) for l in out.splitlines()]
        names = [e.get("event") for e in streamed]
        for want in ("line_offered", "line_answered", "line_held",
                     "line_resumed", "error", "line_closed"):
            expect(want in names, "%s streamed: %r" % (want, names))
        for e in streamed:
            if "event" in e:
                expect(any(same(e, l) for l in logged),
                       "the same JSON as the event log: %r" % e)


def a_long_dial_is_refused_whole(office, con, listen):
    """A 1 KB target is refused with the reason and nothing is dialled:
    cut short, this one would still ring ACME."""
    target = "sip:+3315551234@%s;pad=%s" % (listen, "9" * 900)
    rc, replies, _ = send(con, "dial " + target)
    expect(rc == 1 and replies[0]["reply"] == "error" and
           replies[0]["text"] == "dial refused: a target has at most 200 "
           "characters", "the reply says why: %r" % replies)
    con.wait_screen("at most 200 characters")
    time.sleep(2)
    expect(not calls(office.status(), "acme"), "ACME's phone never rang")


def another_uid_is_refused(office, con):
    rc, replies, err = send(con, "hold", user="nobody", name="default")
    expect(rc == 1 and not replies and "Permission denied" in err,
           "the 0700 directory keeps nobody out: %r %r" % (replies, err))
    # open the way by hand: SO_PEERCRED still says no
    dirs = [os.path.dirname(con.dir), con.dir,
            os.path.dirname(ctl_path(con))]
    modes = [os.stat(p).st_mode & 0o777 for p in dirs]
    for p in dirs:
        os.chmod(p, 0o711)
    os.chmod(ctl_path(con), 0o666)
    try:
        rc, replies, err = send(con, "hold", user="nobody",
                                name="default")
    finally:
        os.chmod(ctl_path(con), 0o600)
        for p, m in zip(dirs, modes):
            os.chmod(p, m)
    expect(rc == 1 and replies and replies[0]["reply"] == "error" and
           "uid %d" % pwd.getpwnam("nobody").pw_uid in replies[0]["text"],
           "refused by uid: %r %r" % (replies, err))
    expect("No call to hold" not in con.screen(), "nothing was run")


def a_client_that_does_not_read_is_dropped(office, con):
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.connect(ctl_path(con))
    s.settimeout(20)
    dropped = False
    start = time.monotonic()
    try:
        for _ in range(6000):
            s.sendall(b"dtmf x\n")
    except OSError:
        dropped = True
    # whatever it did, the console answers others at once
    t0 = time.monotonic()
    rc, replies, _ = send(con, "dtmf 1")
    expect(replies and replies[0]["reply"] == "error",
           "a reply while a client sulks: %r" % replies)
    expect(time.monotonic() - t0 < 3, "promptly")
    if not dropped:
        s.settimeout(5)
        got = 0
        try:
            while True:
                b = s.recv(65536)
                if not b:
                    dropped = True
                    break
                got += len(b)
        except OSError:
            dropped = True
    s.close()
    expect(dropped, "the console dropped the client that did not read "
           "(%.1fs)" % (time.monotonic() - start))
    con.keys("C-l")
    expect(con.running(), "the console is still up")


def second_console_is_refused(office, con):
    p = run_cordboard("-c", con.conf, env={"XDG_RUNTIME_DIR": con.dir,
                                           "CORDBOARD_TTY": "/dev/null"})
    expect(p.returncode == 1 and
           "another cordboard named default is running (%s)" %
           ctl_path(con) in p.stderr, "refused: %r" % p)


def two_named_consoles_each_answer_their_own(office, con):
    d = os.path.join(con.dir, "front-desk")
    os.mkdir(d)
    # the same user, the same runtime directory, another name
    other = Console(d, env={"XDG_RUNTIME_DIR": con.dir},
                    args=["--name", "front-desk"])
    with other:
        expect(os.path.exists(ctl_path(con, "front-desk")),
               "front-desk's own socket")
        rc, replies, err = send(con, "lines")
        expect(rc == 1 and not replies and "default" in err and
               "front-desk" in err and "--name NAME" in err,
               "--send without --name names both: %r %r" % (rc, err))
        since, other_since = con.mark(), other.mark()
        office.cmd("office_call", "acme " + other.uri)
        other.wait_event("line_offered", since=other_since)
        rc, replies, err = send(con, "answer", name="front-desk")
        expect(rc == 0 and replies[0]["reply"] == "ok",
               "front-desk answers: %r %r" % (replies, err))
        office.wait_for(lambda st: talking(st, "acme", "reception"),
                        what="ACME to talk to the front desk")
        other.wait_event("line_answered", since=other_since)
        rc, replies, err = send(con, "lines", name="default")
        expect(rc == 0 and replies[0]["reply"] == "ok",
               "the default console answers too: %r %r" % (replies, err))
        expect(not [e for e in con.events()[since:]
                    if e.get("event") in ("line_offered",
                                          "line_answered")],
               "the default console saw no call")
        rc, replies, err = send(con, "hangup", name="front-desk")
        office.wait_for(lambda st: not calls(st, "acme"),
                        what="ACME's call to end")


def no_socket_is_a_warning(tmp, spec):
    d = os.path.join(tmp, "no-socket")
    os.mkdir(d)
    run = os.path.join(d, "run")
    os.mkdir(run)
    # a file where the socket's directory should be
    with open(os.path.join(run, "cordboard"), "w") as f:
        f.write("not a directory\n")
    con = Console(d, cols=160, env={"XDG_RUNTIME_DIR": run})
    spec = dict(spec, console=con.uri)
    with Office(write_office(d, spec)) as office, con:
        con.wait_screen("No control socket (--send cannot reach this "
                        "console)")
        expect("not a private directory" in con.screen(),
               "why is said:\n" + con.screen())
        office.cmd("office_call", "acme " + con.uri)
        con.wait_event("line_offered")
        con.keys("Enter")
        office.wait_for(lambda st: talking(st, "acme", "reception"),
                        what="ACME to be answered without a socket")
        con.keys("x")
        office.wait_for(lambda st: not calls(st, "acme"),
                        what="ACME's call to end")


def main():
    cases = Cases()
    with tempfile.TemporaryDirectory(prefix="cordboard-it-") as tmp:
        spec = office_spec(
            callers={"acme": {"name": "ACME Corp", "number": "+3315551234",
                              "tone": 440}},
            colleagues={"201": {"name": "Alice Martin", "answer": "auto",
                                "delay": 1, "tone": 880}})
        cases.run("a bad script is refused before anything starts",
                  bad_script_is_refused_before_start, tmp, spec)
        cases.run("a failed script exits 1 and says which line",
                  failed_script_exits_1_and_names_the_line, tmp, spec)
        cases.run("a script answers, consults and completes unattended",
                  script_completes_a_transfer_unattended, tmp, spec)

        d = os.path.join(tmp, "socket")
        os.mkdir(d)
        # a stale socket left by a console that died is replaced
        os.makedirs(os.path.join(d, "cordboard"), mode=0o700)
        stale = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        stale.bind(os.path.join(d, "cordboard", "default.ctl"))
        stale.close()
        con = Console(d)
        spec = office_spec(
            callers={"acme": {"name": "ACME Corp", "number": "+3315551234",
                              "tone": 440}})
        spec["console"] = con.uri
        with Office(write_office(d, spec)) as office, con:
            cases.run_all([
                    ("the socket is private (0600 in 0700)",
                     socket_is_private),
                    ("events stream to two clients, lines get replies",
                     events_stream_and_lines_get_replies),
                    ("a 1 KB dial is refused whole",
                     lambda o, c: a_long_dial_is_refused_whole(
                         o, c, spec["listen"])),
                    ("another uid is refused", another_uid_is_refused),
                    ("a client that does not read is dropped",
                     a_client_that_does_not_read_is_dropped),
                    ("a second console of the same name is refused",
                     second_console_is_refused),
                    ("two named consoles answer their own --send",
                     two_named_consoles_each_answer_their_own)],
                office, con)
        cases.run("a socket that cannot be made is a warning, calls go on",
                  no_socket_is_a_warning, tmp, spec)
    return cases.finish()


if __name__ == "__main__":
    sys.exit(main())
