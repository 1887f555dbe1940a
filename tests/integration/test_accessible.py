#!/usr/bin/env python3
"""The accessible mode (--accessible), as a blind receptionist works it
with a screen reader that follows the terminal's cursor: every event of
the day (ring, answer, hold, an attended transfer, a failed blind
transfer and its recall) shows on the announcement line with the cursor
on it; moving the selection announces the item with the cursor on its
row; repeat and situation read again; the screen is plain words, and
nothing blinks or flashes (the raw tty output is checked)."""

import os
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from console import (Cases, Console, ConsoleError,  # noqa: E402
                     clear_the_desk, colleague_extensions, expect)
from office import (Office, calls, office_spec, talking,  # noqa: E402
                    write_office)

ROWS, COLS = 24, 80
ANNOUNCE = ROWS - 2          # the line above the status line


def cursor(con):
    out = con.tmux("display", "-p", "-t", "console",
                   "#{cursor_x},#{cursor_y},#{cursor_flag}").stdout
    x, y, shown = out.strip().split(",")
    return int(x), int(y), shown == "1"


def row(scr, y):
    lines = scr.split("\n")
    return lines[y] if y < len(lines) else ""


def row_of(scr, text):
    for y, line in enumerate(scr.split("\n")):
        if text in line:
            return y
    return -1


def announced(con, *words):
    """Waits until the announcement line says every one of WORDS and the
    cursor rests on it; returns the announcement."""
    def said(scr):
        line = row(scr, ANNOUNCE)
        return all(w in line for w in words) and cursor(con)[1] == ANNOUNCE
    try:
        return row(con.wait_screen(said), ANNOUNCE).strip()
    except ConsoleError:
        raise AssertionError("announcement %r with the cursor on it; "
                             "cursor at %r, screen:\n%s" % (
                                 words, cursor(con), con.screen()))


def focused_on(con, text):
    """Waits until the announcement starts with TEXT and the cursor is
    on the row saying it (column 1)."""
    def there(scr):
        x, y, _ = cursor(con)
        return (row(scr, ANNOUNCE).strip().startswith(text) and
                y == row_of(scr, text.split(", ")[0] + ",") and x == 1)
    try:
        con.wait_screen(there)
    except ConsoleError:
        raise AssertionError("%r announced with the cursor on its row; "
                             "cursor at %r, screen:\n%s" % (
                                 text, cursor(con), con.screen()))


def the_screen_is_plain_words(office, con):
    scr = con.wait_screen("Calls (0)")
    for art in "│─┌┐└┘├┤":
        expect(art not in scr, "no box drawing %r:\n%s" % (art, scr))
    expect("[normal]" not in scr, "no mode before the status:\n" + scr)
    expect(cursor(con)[2], "the terminal cursor is visible")


def ring_answer_and_hold_are_announced(office, con):
    office.cmd("office_call", "acme " + con.uri)
    announced(con, "ACME Corp")
    con.wait_screen("ACME Corp, ringing, line")
    con.keys("Enter")
    office.wait_for(lambda st: talking(st, "acme", "reception"),
                    what="ACME to talk to the console")
    con.wait_screen("ACME Corp, talking, line")
    announced(con, "ACME Corp")
    con.keys("h")
    con.wait_screen("ACME Corp, on hold, line")
    announced(con, "ACME Corp")
    for word in ("RING", "TALK", "HOLD", "??"):
        expect(word not in con.screen(), "states are words, not %r" % word)


def an_unchanged_screen_is_not_written_again(office, con):
    """A held caller's clock ticks, but the accessible screen has no
    clock: the terminal gets a quiet stretch (with a clock redrawn each
    second it never would)."""
    con.wait_screen("ACME Corp, on hold, line")
    deadline = time.monotonic() + 15
    size = len(con.tty_bytes())
    quiet_since = time.monotonic()
    while time.monotonic() - quiet_since < 3:
        expect(time.monotonic() < deadline,
               "the terminal was written to at least every 3 s")
        time.sleep(0.25)
        now = len(con.tty_bytes())
        if now != size:
            size, quiet_since = now, time.monotonic()


def moving_the_selection_announces_the_item(office, con):
    office.cmd("office_call", "bob " + con.uri)
    announced(con, "Bob Jones")
    con.keys("Down")
    focused_on(con, "Bob Jones, ringing, line 2, 0:")
    con.keys("Up")
    focused_on(con, "ACME Corp, on hold, line 1, 0:")
    con.keys("Tab")
    focused_on(con, "Alice Martin, available, Sales, 201")
    con.keys("Down")
    focused_on(con, "Bob Stone, available, Support, 202")
    # repeat: the same words again, the cursor back on the announcement
    con.keys("r")
    said = announced(con, "Bob Stone, available")
    expect(said.startswith("Bob Stone, available, Support, 202"),
           "repeat says the item again: %r" % said)
    con.keys("Tab")
    office.cmd("office_hangup", "bob")
    con.wait_screen("Calls (1)")


def the_situation_is_read_on_request(office, con):
    con.keys("W")
    said = announced(con, "1 call: ACME Corp, on hold, line 1, 0:")
    expect("Queue 1, longest 0:" in said, "the queue is read: %r" % said)


def an_attended_transfer_is_announced(office, con):
    con.wait_screen("ACME Corp, on hold, line")
    con.keys("c")
    con.type("201")
    con.keys("Enter")
    office.wait_for(lambda st: calls(st, "201"), what="Alice to ring")
    office.cmd("office_answer", "201")
    con.wait_screen("Alice Martin, talking, consult, line")
    announced(con, "Alice Martin")
    con.keys("T")
    office.wait_for(lambda st: talking(st, "acme", "201"),
                    what="ACME and Alice to talk to each other")
    con.wait_screen("Calls (0)")
    announced(con, "Alice Martin")
    office.cmd("office_hangup", "acme")
    clear_the_desk(office, con)


def a_failed_transfer_and_its_recall_are_announced(office, con):
    office.cmd("office_set", "202 answer=reject reject_code=486 delay=0")
    office.cmd("office_call", "acme " + con.uri)
    announced(con, "ACME Corp")
    con.keys("Enter")
    office.wait_for(lambda st: talking(st, "acme", "reception"),
                    what="ACME to talk to the console")
    con.keys("t")
    con.type("202")
    con.keys("Enter")
    # the recall, then what the operator may do about it
    announced(con, "Bob Stone", "busy")
    expect("ACME Corp is back on line" in con.screen(),
           "the log keeps the recall:\n" + con.screen())
    office.wait_for(lambda st: talking(st, "acme", "reception"),
                    what="ACME still connected to the console")
    con.wait_screen("ACME Corp, back from a failed transfer, line")
    office.cmd("office_set", "202 answer=auto delay=1")
    office.cmd("office_hangup", "acme")
    clear_the_desk(office, con)


def nothing_blinks_or_flashes(office, con):
    raw = con.tty_bytes()
    expect(len(raw) > 1000, "the tty capture has the session")
    for seq, what in ((b"\x1b[5m", "blink"), (b"\x1b[?5h", "flash"),
                      (b"\x07", "bell")):
        expect(seq not in raw, "no %s written to the terminal" % what)


def the_config_file_asks_for_it_too(tmp):
    """accessible = yes in cordboard.conf is the same mode."""
    d = os.path.join(tmp, "by-config")
    os.mkdir(d)
    with Console(d, cols=COLS, rows=ROWS,
                 extra_config="accessible = yes\n") as con:
        scr = con.wait_screen("Calls (0)")
        expect("│" not in scr and "[normal]" not in scr,
               "a plain screen:\n" + scr)
        expect(cursor(con)[2], "the terminal cursor is visible")
        con.keys("W")
        announced(con, "No calls")


def main():
    cases = Cases()
    with tempfile.TemporaryDirectory(prefix="cordboard-it-") as tmp:
        spec = office_spec(
            callers={"acme": {"name": "ACME Corp", "number": "+3315551234",
                              "tone": 440},
                     "bob": {"name": "Bob Jones", "number": "+441632960001",
                             "tone": 523}},
            colleagues={"201": {"name": "Alice Martin", "answer": "manual",
                                "tone": 880},
                        "202": {"name": "Bob Stone", "answer": "auto",
                                "delay": 1, "tone": 660}})
        con = Console(tmp, extensions=colleague_extensions(spec["listen"]),
                      cols=COLS, rows=ROWS, args=["--accessible"],
                      extra_config="transfer { recall_after = 4 }\n")
        spec["console"] = con.uri
        with Office(write_office(tmp, spec)) as office, con:
            cases.run_all([
                ("the screen is plain words", the_screen_is_plain_words),
                ("ring, answer and hold are announced",
                 ring_answer_and_hold_are_announced),
                ("an unchanged screen is not written again",
                 an_unchanged_screen_is_not_written_again),
                ("moving the selection announces the item",
                 moving_the_selection_announces_the_item),
                ("the situation is read on request",
                 the_situation_is_read_on_request),
                ("an attended transfer is announced",
                 an_attended_transfer_is_announced),
                ("a failed transfer and its recall are announced",
                 a_failed_transfer_and_its_recall_are_announced),
                ("nothing blinks or flashes", nothing_blinks_or_flashes)],
                office, con)
        cases.run("accessible = yes in the config file",
                  the_config_file_asks_for_it_too, tmp)
    return cases.finish()


if __name__ == "__main__":
    sys.exit(main())
