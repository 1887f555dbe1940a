#!/usr/bin/env python3
"""What the receptionist sees: the help overlay comes from the keymap,
the screen survives resizing to 40x12 and back without garbage, and the
demo (cordboard --demo) rings within seconds and quits cleanly."""

import os
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from console import Cases, Console, expect  # noqa: E402
from office import Office, calls, office_spec, write_office  # noqa: E402


def frame_is_whole(scr, cols, rows):
    lines = scr.rstrip("\n").split("\n")
    expect(len(lines) <= rows, "%d lines fit in %d rows" % (len(lines),
                                                            rows))
    expect(lines[0].startswith("┌─ Calls"), "calls pane on top:\n" + scr)
    for ln in lines:
        expect(len(ln) <= cols, "line fits %d columns: %r" % (cols, ln))


def help_comes_from_the_keymap(office, con):
    con.keys("?")
    scr = con.wait_screen("Keys (any key closes)")
    for text in ("Answer the selected or oldest ringing call",
                 "Hold or retrieve the selected call",
                 "Dial an extension, name or SIP URI", "Enter, a"):
        expect(text in scr, "help shows %r:\n%s" % (text, scr))
    con.keys("Escape")
    con.wait_screen(lambda s: "Keys (any key" not in s)


def resize_to_40x12_and_back(office, con):
    office.cmd("office_call", "acme " + con.uri)
    con.wait_screen("ACME Corp")
    con.resize(40, 12)
    scr = con.wait_screen(lambda s: len(s.rstrip("\n").split("\n")[0]) <= 40
                          and "ACME" in s and "Extensions" in s)
    frame_is_whole(scr, 40, 12)
    expect("RING" in scr, "the state still shows at 40x12:\n" + scr)
    con.resize(80, 24)
    scr = con.wait_screen(lambda s: "─ Log " in s and "ACME Corp" in s)
    frame_is_whole(scr, 80, 24)
    lines = scr.split("\n")
    right = lines[0].rfind("┌─ Extensions")
    expect(right > 40, "extensions pane back on the right:\n" + scr)
    # no leftovers of the small layout: every body row is framed
    for ln in lines[1:15]:
        expect(ln.startswith("│") and ln.rstrip().endswith("│"),
               "row is framed, nothing left over: %r" % ln)
    office.cmd("office_hangup", "acme")
    con.wait_screen("Calls (0)")


def demo_rings_within_seconds_and_quits():
    with tempfile.TemporaryDirectory(prefix="cordboard-demo-") as tmp:
        # the launcher's own --demo, not a config of ours
        from console import console_binary
        con = Console(tmp)
        run = os.path.join(tmp, "run-console.sh")
        with open(run, "w") as f:
            f.write("#!/bin/sh\nexport LANG=C.UTF-8 XDG_RUNTIME_DIR=%s XDG_STATE_HOME=%s\n"
                    "%s --demo --event-log %s\n"
                    "echo \"console exited with $?\" > %s/exit-status\n"
                    "sleep 600\n" % (tmp, tmp, console_binary(), con.event_log,
                                     tmp))
        os.chmod(run, 0o755)
        con.tmux("-f", "/dev/null", "new-session", "-d", "-x", "80", "-y",
                 "24", "-s", "console", run)
        con.started = True
        try:
            con.wait_screen("RING", timeout=30)
            ev = con.wait_event("line_offered")
            expect(ev["name"], "the demo caller has a name: %r" % ev)
            con.keys("Enter")
            con.wait_screen("TALK")
            con.keys("q")
            con.wait_screen("(y/n)")
            con.keys("y")
            deadline = time.monotonic() + 20
            while con.running() and time.monotonic() < deadline:
                time.sleep(0.1)
            expect(con.exit_status() == "console exited with 0",
                   "demo quits cleanly: %r" % con.exit_status())
            # the office went with it: its control port closes
            deadline = time.monotonic() + 20
            while _port_open(5279) and time.monotonic() < deadline:
                time.sleep(0.2)
            expect(not _port_open(5279), "the demo office stopped too")
        finally:
            con.stop()


def _port_open(port):
    import socket
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
        return True
    except OSError:
        return False


def main():
    cases = Cases()
    with tempfile.TemporaryDirectory(prefix="cordboard-it-") as tmp:
        spec = office_spec(callers={"acme": {
            "name": "ACME Corp", "number": "+3315551234", "tone": 440}})
        con = Console(tmp, extensions={"201": {
            "name": "Alice Martin", "uri": "sip:201@" + spec["listen"]}})
        spec["console"] = con.uri
        with Office(write_office(tmp, spec)) as office, con:
            cases.run("help comes from the keymap",
                      help_comes_from_the_keymap, office, con)
            cases.run("resize to 40x12 and back",
                      resize_to_40x12_and_back, office, con)
    cases.run("the demo rings within seconds and quits cleanly",
              demo_rings_within_seconds_and_quits)
    return cases.finish()


if __name__ == "__main__":
    sys.exit(main())
