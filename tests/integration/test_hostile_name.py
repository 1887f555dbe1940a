#!/usr/bin/env python3
"""A caller whose display name is an attack on the terminal: OSC title
change, clear screen, C1 controls, bidi override, and 2 KB of it. The
console must show a clean name and write none of those bytes to the
terminal (every byte it wrote is captured with tmux pipe-pane)."""

import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from console import Cases, Console, expect  # noqa: E402
from office import Office, calls, office_spec, raw, write_office  # noqa

# \e ESC, \a BEL, \xHH a byte (office_name's escapes); C2 9B and C2 85
# are C1 CSI and NEL as UTF-8, E2 80 AE a right-to-left override.
HOSTILE = (r"Evil\e]0;PWNED\aCorp\e[2J\xc2\x9b" r"31m\xc2\x85"
           r"\xe2\x80\xae\x9bX\s")
REPEAT = 70


def terminal_never_sees_the_attack(office, con):
    office.cmd("office_name", "mallory %d %s" % (REPEAT, HOSTILE))
    office.cmd("office_call", "mallory " + con.uri)
    scr = con.wait_screen("EvilCorp")
    # the title-change payload goes with its escape, not onto the screen
    expect("PWNED" not in scr and "0;" not in scr,
           "no part of the OSC sequence is shown:\n" + scr)

    con.keys("Enter")
    office.wait_for(lambda st: calls(st, "mallory") and
                    calls(st, "mallory")[0]["state"] == "established",
                    what="mallory to be answered")
    con.keys("?")
    con.wait_screen(lambda s: "key closes)" in s)
    con.keys("Escape")
    con.keys("x")
    con.wait_screen("Calls (0)")

    tty = con.tty_bytes()
    expect(len(tty) > 1000, "the terminal capture works (%d bytes)"
           % len(tty))
    expect(b"\x1b]" not in tty, "no OSC sequence reached the terminal")
    expect(b"\x07" not in tty, "no BEL reached the terminal")
    expect(b"\x1b[2J" not in tty, "no clear-screen reached the terminal")
    expect(b"PWNED\x07" not in tty and b"0;PWNED" not in tty,
           "no title change reached the terminal")
    text = tty.decode("utf-8", "replace")
    c1 = [hex(ord(ch)) for ch in text if 0x80 <= ord(ch) <= 0x9f]
    expect(not c1, "no C1 control reached the terminal: %s" % c1[:5])
    expect("\u202e" not in text, "no bidi override reached the terminal")

    names = [e.get("name", "") for e in con.events()
             if e["event"] == "line_offered"]
    expect(names and names[-1].startswith("EvilCorp"),
           "the event log has the cleaned name: %r" % names[-1:])
    expect(all(ch >= " " for ch in names[-1]),
           "no control characters in the event log name")


def main():
    cases = Cases()
    with tempfile.TemporaryDirectory(prefix="cordboard-it-") as tmp:
        spec = office_spec(callers={"mallory": {
            "name": "Mallory", "number": "+15550000666", "tone": 440}})
        con = Console(tmp)
        spec["console"] = con.uri
        with Office(write_office(tmp, spec)) as office, con:
            cases.run("the terminal never sees a hostile caller name",
                      terminal_never_sees_the_attack, office, con)
    return cases.finish()


if __name__ == "__main__":
    sys.exit(main())
