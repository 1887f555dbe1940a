#!/usr/bin/env python3
"""The screen survives what terminals do to it. With real calls up (a
caller held for a consult, the colleague consulted, a caller ringing)
and colleagues with presence, the layout is intact -- every pane framed
where the layout puts it, no stray box line, the calls and extensions
with their states, the status bar on the last row -- on TERM vt100,
xterm, xterm-256color, screen-256color, tmux-256color and linux, at
40x12 and 300x100, in the C locale (ASCII only on the wire) and in
UTF-8 (accents and wide CJK names keep the columns aligned), and after a
storm of 100 resizes in 2 s, where the screen equals a repaint and a
console started at that size. After each, the operator's key still
answers the ringing caller, as the office sees it."""

import os
import re
import random
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from console import (COLLEAGUES, Cases, Console, answer_caller,  # noqa: E402
                     colleague_extensions, expect)
from office import Office, office_spec, only, talking, write_office  # noqa
from terminal_grid import (call_rows, check_layout, ext_rows, grid,  # noqa
                           inner_rows, show, text)
from test_screen import colours, sgr_params  # noqa: E402

CALLERS = {
    "acme": {"name": "ACME Corp", "number": "+3315551234", "tone": 440},
    "globex": {"name": "Globex Industries", "number": "+4420794600",
               "tone": 550},
    "zoe": {"name": "Zoë Café 株式会社", "number": "+81312345678",
            "tone": 620},
}
PEOPLE = dict(COLLEAGUES, **{"203": {"name": "Carol Diaz",
                                     "department": "Accounts"}})
TERMS = ("vt100", "xterm", "xterm-256color", "screen-256color",
         "tmux-256color", "linux")

# what the scene shows: calls as (id, mark, name, number, tag) in the
# pane's order -- the lines with the operator, then the callers waiting,
# head first -- and extensions as (number, name, presence and line
# letters); a waiting caller's number may give way to how long it waits
HELD = (1, "=", "ACME Corp", ("+3315551234", "on hold"), "HOLD")
CONSULT = (2, "*", "Alice Martin", "201", "CONS")
GLOBEX = (3, "!", "Globex Industries", "+4420794600", "RING")
ZOE = (4, "!", CALLERS["zoe"]["name"], "+81312345678", "RING")
EXTS = [("201", "Alice Martin", "AC"), ("202", "Bob Stone", "W-"),
        ("203", "Carol Diaz", "D-")]


class Desk:
    """One office for every case; a fresh console per case."""

    def __init__(self, tmp, office, spec):
        self.tmp, self.office, self.spec = tmp, office, spec
        self.n = 0

    def console(self, cols=80, rows=24, env=None):
        self.n += 1
        d = os.path.join(self.tmp, "console-%d" % self.n)
        os.mkdir(d)
        exts = colleague_extensions(self.spec["listen"])
        exts["203"] = dict(PEOPLE["203"],
                           uri="sip:203@" + self.spec["listen"])
        return Console(d, extensions=exts, cols=cols, rows=rows,
                       env=env or {}).start()

    def quiet(self, con=None):
        """Everyone hung up and the console (if any) gone."""
        for who in list(CALLERS) + list(PEOPLE):
            self.office.cmd("office_hangup", who, check=False)
        if con:
            con.stop()
        self.office.wait_for(lambda st: not any(u["calls"]
                                                for u in st["uas"]),
                             what="a quiet office")


def scene(office, con, ringing=("globex",)):
    """ACME held while the operator consults Alice; RINGING ring."""
    answer_caller(office, con)
    con.keys("c")
    con.type("201")
    con.keys("Enter")
    office.wait_for(lambda st: only(st, "201"), what="Alice to ring")
    office.cmd("office_answer", "201")
    office.wait_for(lambda st: talking(st, "201", "reception"),
                    what="Alice to talk to the console")
    con.wait_screen("CONS")
    for who in ringing:
        office.cmd("office_call", "%s %s" % (who, con.uri))
    office.wait_for(lambda st: all(only(st, w) for w in ringing),
                    what="%s to ring the console" % ", ".join(ringing))


def titles(ncalls):
    return {"calls": " Calls (%d) " % ncalls, "exts": " Extensions ",
            "log": " Log "}


def check_scene(g, cols, rows, calls, exts=EXTS):
    """The layout is intact and shows CALLS and EXTS, aligned."""
    panes = check_layout(g, rows, cols, titles(len(calls)))
    scr = show(g)
    y, x, h, w = panes["calls"]
    got = call_rows(g, panes["calls"])
    framed = h >= 3
    room = h - 2 if framed else h
    want = calls[:room]
    if len(calls) > room:
        # the last row sums up the callers that do not fit
        want = calls[:room - 1]
        last = inner_rows(g, panes["calls"])[room - 1]
        summary = " +%d waiting, longest" % (len(calls) - len(want))
        shown = last.rstrip()
        expect(shown and (summary.startswith(shown) or
                          shown.startswith(summary)),
               "the last calls row sums up: %r\n%s" % (last, scr))
    expect(len(got) == len(want), "%d call rows, not %d:\n%s" % (
        len(got), len(want), scr))
    # room decides: the number beside a name of 16 columns, the clock
    # beside a name of 10
    inner = w - 2 if framed else w
    number_shown, clock_shown = inner - 30 >= 16, inner - 15 >= 10
    for (cid, mark, who, dur, col, tag), (wid, wmark, wname, wnum,
                                          wtag) in zip(got, want):
        follows = (wnum,) if isinstance(wnum, str) else wnum
        at = [who.find(f) for f in follows if f in who]
        expect(not number_shown or at,
               "call %d shows its number: %r\n%s" % (cid, who, scr))
        expect(bool(dur) == clock_shown, "call %d's clock %r at width %d"
               "\n%s" % (cid, dur, w, scr))
        name = who[:min(at)].rstrip() if number_shown else who
        expect((cid, mark, tag) == (wid, wmark, wtag) and
               wname.startswith(name) and
               len(name) >= min(len(wname), 6),
               "call %d reads %r %r %r %r, not %r:\n%s" % (
                   cid, mark, who, tag, wname, (wid, wmark, wname, wtag),
                   scr))
    expect(len({r[4] for r in got}) == 1,
           "the states line up in one column: %r\n%s" % (
               [r[4] for r in got], scr))
    if "exts" in panes:
        got = ext_rows(g, panes["exts"])
        want = exts[:panes["exts"][2] - 2]
        expect(len(got) >= len(want), "%d extension rows:\n%s" % (
            len(got), scr))
        for (num, name, letters, _), (wnum, wname, wletters) in zip(got,
                                                                  want):
            expect(num == wnum and name == wname and letters == wletters,
                   "extension %s reads %r %r, not %r %r:\n%s" % (
                       num, name, letters, wname, wletters, scr))
    return panes


def settled(con, cols, rows, calls, timeout=20):
    """The grid once check_scene holds for it and two captures in a row
    agree (a capture never lands mid-repaint); else the last failure."""
    deadline = time.monotonic() + timeout
    last, err = None, None
    while True:
        g = grid(con.screen_escapes(), cols, rows)
        try:
            panes = check_scene(g, cols, rows, calls)
            if last is not None and masked(last, panes) == masked(g, panes):
                return g, panes
            last = g
        except AssertionError as e:
            err, last = e, None
        if time.monotonic() > deadline:
            raise err or AssertionError("the screen kept changing")
        time.sleep(0.2)


def masked(g, panes):
    """G with what runs on by itself hidden: durations, the log pane's
    lines (ports, timings), digits on the status bar (the port)."""
    out = []
    ly, lx, lh, lw = panes.get("log", (0, 0, 0, 0))
    for y, row in enumerate(g):
        cells = list(row)
        if ly < y < ly + lh - 1:
            for x in range(lx + 1, lx + lw - 1):
                cells[x] = ("?", None)
        line = "".join(c for c, _ in cells)
        pattern = r"\d" if y == len(g) - 1 else r"\d+:\d\d"
        for m in re.finditer(pattern, line):
            for i in range(m.start(), m.end()):
                cells[i] = ("#", cells[i][1])
        out.append(cells)
    return out


def answer_with_a_key(office, con, who="globex"):
    """a answers the oldest ringing call; the office hears it answered."""
    con.keys("a")
    office.wait_for(lambda st: talking(st, who, "reception"),
                    what="%s answered by the console" % who)


def term_case(term):
    def case(desk):
        con = desk.console(env={"TERM": term})
        try:
            scene(desk.office, con)
            g, panes = settled(con, 80, 24, [CONSULT, HELD, GLOBEX])
            if term == "vt100":
                attributes_only(con, g, panes)
            answer_with_a_key(desk.office, con)
        finally:
            desk.quiet(con)
    return case


def attributes_only(con, g, panes):
    """vt100 has no colour: not one is sent, and the selected call and
    the ringing one still stand out by their attributes."""
    wire = sgr_params(con.tty_bytes().decode("ascii", "replace"))
    expect(not colours(wire), "colour sent to a vt100: %r" %
           sorted(set(colours(wire))))
    y, x, h, w = panes["calls"]
    rows = {tag: r for r in range(y + 1, y + h - 1)
            for tag in ("HOLD", "CONS", "RING") if tag in text(g, r)}

    def attrs(r):
        return g[r][x + 3][1][0]
    expect(7 in attrs(rows["CONS"]), "the selected call is reverse: %r" %
           attrs(rows["CONS"]))
    expect(attrs(rows["RING"]) & {1, 4, 5, 7} and
           attrs(rows["RING"]) != attrs(rows["HOLD"]),
           "the ringing call stands out: %r vs held %r" % (
               attrs(rows["RING"]), attrs(rows["HOLD"])))


def small_40x12(desk):
    """The smallest size the console is made for: calls above the
    extensions, names whole, and a key still answers."""
    con = desk.console(40, 12, env={"TERM": "xterm-256color"})
    try:
        scene(desk.office, con)
        g, panes = settled(con, 40, 12, [CONSULT, HELD, GLOBEX])
        expect("exts" in panes, "the extensions show at 40x12")
        expect("Globex Industries" in show(g),
               "the ringing caller's whole name at 40x12:\n" + show(g))
        answer_with_a_key(desk.office, con)
    finally:
        desk.quiet(con)


def below_40x12(desk):
    """Smaller than the console is made for, it still shows the calls
    with their names and states (the clock goes first, then the frame:
    30x3 is a call, a row summing up the callers waiting and the status
    bar)
    and the status bar, and a key still answers."""
    calls = [CONSULT, HELD, GLOBEX]
    con = desk.console(env={"TERM": "xterm-256color"})
    try:
        scene(desk.office, con)
        for cols, rows in ((30, 8), (24, 6), (20, 5), (30, 3)):
            con.resize(cols, rows)
            settled(con, cols, rows, calls)
        answer_with_a_key(desk.office, con)
    finally:
        desk.quiet(con)


def large_300x100(desk):
    con = desk.console(300, 100, env={"TERM": "xterm-256color"})
    try:
        scene(desk.office, con)
        settled(con, 300, 100, [CONSULT, HELD, GLOBEX])
        answer_with_a_key(desk.office, con)
    finally:
        desk.quiet(con)


def c_locale_is_ascii(desk):
    """LANG=C: not one byte above 0x7f reaches the terminal, box lines
    come from the terminal's line-drawing set, a name with accents and
    CJK reads with one '?' per character."""
    con = desk.console(env={"TERM": "linux", "LANG": "C", "LC_ALL": "C"})
    try:
        scene(desk.office, con, ringing=("globex", "zoe"))
        ascii_zoe = ZOE[:2] + ("Zo? Caf? ????",) + ZOE[3:]
        settled(con, 80, 24, [CONSULT, HELD, GLOBEX, ascii_zoe])
        wire = con.tty_bytes()
        high = sorted({b for b in wire if b >= 0x80})
        expect(not high, "bytes above 0x7f sent in the C locale: %r" %
               [hex(b) for b in high])
        answer_with_a_key(desk.office, con)
    finally:
        desk.quiet(con)


def utf8_keeps_columns(desk):
    """C.UTF-8: the name goes out in UTF-8 and its wide characters take
    two columns each, so every call row's duration and state line up
    and the frames stand."""
    con = desk.console(env={"TERM": "screen-256color"})
    try:
        scene(desk.office, con, ringing=("globex", "zoe"))
        g, _ = settled(con, 80, 24, [CONSULT, HELD, GLOBEX, ZOE])
        expect("Zoë Café 株式" in show(g), "the name as sent:\n" + show(g))
        expect("Zoë Café".encode() in con.tty_bytes(),
               "UTF-8 on the wire")
        answer_with_a_key(desk.office, con)
    finally:
        desk.quiet(con)


def resize_storm(desk):
    """100 resizes in 2 s, 1x1 to 300x100, while Globex rings: the
    console lives, the screen at 100x30 equals its own repaint (C-l) and
    a console started at 100x30 with the same calls, and a answers."""
    calls = [CONSULT, HELD, GLOBEX]
    con = desk.console(env={"TERM": "screen-256color"})
    try:
        scene(desk.office, con)
        settled(con, 80, 24, calls)
        rnd = random.Random(8)
        start = time.monotonic()
        for i in range(100):
            con.resize(rnd.randint(1, 300), rnd.randint(1, 100))
            time.sleep(max(0.0, start + (i + 1) * 0.02 - time.monotonic()))
        print("  100 resizes took %.2f s" % (time.monotonic() - start))
        con.resize(100, 30)
        expect(con.running(), "the console survived: %s" %
               con.exit_status())
        g, panes = settled(con, 100, 30, calls)
        con.keys("C-l")
        time.sleep(0.5)
        repaint, _ = settled(con, 100, 30, calls)
        expect(masked(g, panes) == masked(repaint, panes),
               "after the storm:\n%s\nafter C-l:\n%s" % (show(g),
                                                         show(repaint)))
        answer_with_a_key(desk.office, con)
    finally:
        desk.quiet(con)
    fresh = desk.console(100, 30, env={"TERM": "screen-256color"})
    try:
        scene(desk.office, fresh)
        g2, _ = settled(fresh, 100, 30, calls)
        diff = [y for y, (a, b) in enumerate(zip(masked(g, panes),
                                                 masked(g2, panes)))
                if a != b]
        expect(not diff, "rows %r differ from a console started at 100x30"
               ":\nafter the storm:\n%s\nstarted there:\n%s" % (
                   diff, show(g), show(g2)))
    finally:
        desk.quiet(fresh)


def main():
    cases = Cases()
    with tempfile.TemporaryDirectory(prefix="cordboard-it-") as tmp:
        spec = office_spec(callers=CALLERS, colleagues={
            n: {"name": p["name"], "answer": "manual", "tone": 880 + 110 * i}
            for i, (n, p) in enumerate(sorted(PEOPLE.items()))})
        with Office(write_office(tmp, spec)) as office:
            office.cmd("office_presence", "202 away Back at 3")
            office.cmd("office_presence", "203 dnd")
            desk = Desk(tmp, office, spec)
            cases.run_all(
                [("TERM=%s at 80x24" % t, term_case(t)) for t in TERMS] + [
                    ("40x12: names whole, a key answers", small_40x12),
                    ("below 40x12: calls and states still read",
                     below_40x12),
                    ("300x100", large_300x100),
                    ("LANG=C: ASCII only on the wire", c_locale_is_ascii),
                    ("UTF-8: wide names keep the columns",
                     utf8_keeps_columns),
                    ("100 resizes in 2 s while a call rings",
                     resize_storm)], desk)
    return cases.finish()


if __name__ == "__main__":
    sys.exit(main())
