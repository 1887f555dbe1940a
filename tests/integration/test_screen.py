#!/usr/bin/env python3
"""What the receptionist sees: the help overlay comes from the keymap,
the screen survives resizing to 40x12 and back without garbage, the
demo (cordboard --demo) rings within seconds beside a real console of
the same user (its own name, its own socket) and quits cleanly, NO_COLOR
and --mono draw without a single colour, and ':theme NAME' restyles the
screen live (a broken theme says FILE:LINE and changes nothing)."""

import os
import re
import shutil
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from console import Cases, Console, expect  # noqa: E402
from office import Office, calls, office_spec, write_office  # noqa: E402

DATA = os.path.join(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))), "data")


def frame_is_whole(scr, cols, rows):
    lines = scr.rstrip("\n").split("\n")
    expect(len(lines) <= rows, "%d lines fit in %d rows" % (len(lines),
                                                            rows))
    expect(lines[0].startswith("┌─ Calls"), "calls pane on top:\n" + scr)
    for ln in lines:
        expect(len(ln) <= cols, "line fits %d columns: %r" % (cols, ln))


def help_comes_from_the_keymap(office, con):
    con.keys("?")
    scr = con.wait_screen(lambda s: "key closes)" in s)
    for text in ("Answer the next caller (head of the queue)",
                 "Hold or retrieve the selected call",
                 "Dial an extension, name or SIP URI", "Enter, a"):
        expect(text in scr, "help shows %r:\n%s" % (text, scr))
    # more keys than rows: Down scrolls to the last of them
    if "Quit (asks first" not in scr:
        expect("Down, Up scroll" in scr, "the title says how:\n" + scr)
        con.keys(*(["Down"] * 60))
        con.wait_screen("Quit (asks first")
    con.keys("Escape")
    con.wait_screen(lambda s: "key closes)" not in s)


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
        # a real console of the same user runs already
        real = Console(os.path.join(tmp, "real"),
                       env={"XDG_RUNTIME_DIR": tmp})
        os.mkdir(real.dir)
        with real:
            demo_beside(tmp, real)


def demo_beside(tmp, real):
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
        for name in ("default", "demo"):
            expect(os.path.exists(os.path.join(tmp, "cordboard",
                                               name + ".ctl")),
                   "the %s console's own socket" % name)
        expect(real.running() and "Calls (0)" in real.screen(),
               "the real console runs on, no call:\n" + real.screen())
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


_SGR = re.compile(r"\x1b\[([0-9;:]*)m")


def sgr_params(text):
    """Every SGR parameter in text; 38/48 with their colour as one tuple:
    (1,), (7,), (38, 5, 220), (48, 2, r, g, b) ..."""
    out = []
    for m in _SGR.finditer(text):
        ps = [int(p) if p else 0 for p in re.split("[;:]", m.group(1))]
        i = 0
        while i < len(ps):
            n = 1
            if ps[i] in (38, 48) and i + 1 < len(ps):
                n = 3 if ps[i + 1] == 5 else 5
            out.append(tuple(ps[i:i + n]))
            i += n
    return out


def colours(params):
    """The colour parameters (39 and 49, "the terminal's own", are not)."""
    return [p for p in params if 30 <= p[0] <= 38 or 40 <= p[0] <= 48
            or 90 <= p[0] <= 97 or 100 <= p[0] <= 107]


def no_colour_at_all(office, tmp, name, **console_opts):
    """A ringing call, the status bar and a selected row: every
    attribute shows, and not one colour, on the screen or on the wire,
    though the terminal has 256 colours."""
    d = os.path.join(tmp, name)
    os.mkdir(d)
    env = {"TERM": "screen-256color"}
    env.update(console_opts.pop("env", {}))
    con = Console(d, env=env, extensions={"201": {
        "name": "Alice Martin", "uri": "sip:201@127.0.0.1:9"}},
        **console_opts)
    with con:
        office.cmd("office_call", "acme " + con.uri)
        con.wait_screen("RING")
        con.keys("Tab")
        scr = con.wait_screen("Alice Martin")
        params = sgr_params(con.screen_escapes())
        expect(not colours(params), "no colour on the screen: %r\n%s" % (
            sorted(set(colours(params))), scr))
        for attr, what in (((7,), "reverse (status bar, selection)"),
                           ((1,), "bold (title, ringing call)")):
            expect(attr in params, "%s still shows: %r" % (
                what, sorted(set(params))))
        wire = sgr_params(con.tty_bytes().decode("utf-8", "replace"))
        expect(not colours(wire), "no colour sent to the terminal: %r" %
               sorted(set(colours(wire))))
        office.cmd("office_hangup", "acme")
        con.wait_screen("Calls (0)")


def no_color_env_and_mono_option(office, tmp):
    no_colour_at_all(office, tmp, "no-color", env={"NO_COLOR": "1"})
    no_colour_at_all(office, tmp, "mono", args=["--mono"])


def command(con, line):
    con.keys(":")
    con.wait_screen(lambda s: s.rstrip("\n").split("\n")[-1]
                    .startswith(":"))
    con.type(line)
    con.keys("Enter")


def theme_switches_live(office, tmp):
    """default -> ':theme light' paints the light background at once; a
    broken theme in the user's theme directory and a theme that does not
    exist are reported and leave the light theme on screen."""
    d = os.path.join(tmp, "live")
    xdg_themes = os.path.join(d, "xdg", "cordboard", "themes")
    os.makedirs(xdg_themes)
    shutil.copy(os.path.join(DATA, "themes", "bad-colour.theme"),
                os.path.join(xdg_themes, "broken.theme"))
    con = Console(d, env={"TERM": "screen-256color",
                          "XDG_CONFIG_HOME": os.path.join(d, "xdg")},
                  extensions={"201": {"name": "Alice Martin",
                                      "uri": "sip:201@127.0.0.1:9"}})
    with con:
        dark_border, light_bg = (38, 5, 60), (48, 5, 231)
        params = sgr_params(con.screen_escapes())
        expect(dark_border in params and light_bg not in params,
               "the default theme on 256 colours: %r" % sorted(set(params)))

        command(con, "theme light")
        scr = con.wait_screen("Theme light")
        params = sgr_params(con.screen_escapes())
        expect(light_bg in params and dark_border not in params,
               "every pane repainted light: %r\n%s" % (
                   sorted(set(params)), scr))

        command(con, "theme broken")
        scr = con.wait_screen("broken.theme:2: unknown colour 'purple'")
        params = sgr_params(con.screen_escapes())
        expect(light_bg in params and dark_border not in params,
               "a broken theme changes nothing:\n" + scr)

        command(con, "theme no-such")
        scr = con.wait_screen("theme 'no-such' not found")
        expect(light_bg in sgr_params(con.screen_escapes()),
               "a missing theme changes nothing:\n" + scr)


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
            cases.run("NO_COLOR and --mono: attributes, no colour",
                      no_color_env_and_mono_option, office, tmp)
            cases.run("':theme NAME' restyles live; errors keep the theme",
                      theme_switches_live, office, tmp)
    cases.run("the demo rings beside a real console and quits cleanly",
              demo_rings_within_seconds_and_quits)
    return cases.finish()


if __name__ == "__main__":
    sys.exit(main())
