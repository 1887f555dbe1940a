#!/usr/bin/env python3
"""An admin changes the directory while the desk is busy. ACME is on
hold hearing the music, Bob talks to the operator; the console watches
ten colleagues of the office. The admin adds two colleagues and reloads
(the control socket), takes them out again (F5), loads a CSV of 4,990
more (kill -USR1 on cordboard) and goes back to ten. Each time the
office still has both calls up, the same calls (Call-ID), ACME hearing
the music and Bob talking to the console; the colleagues who came are
subscribed (presence and dialog), those who went are unsubscribed
(Expires: 0), the others' subscriptions go on untouched. The 4,990
point at a presence server of this test that answers every SUBSCRIBE
and counts them. A config with a bad line, and a CSV with a bad row,
are refused with FILE:LINE in the log pane, and nothing changes; a
renamed colleague, a ring group, a key of a new keymap and the colours
of a new theme show at once; a setting that needs a restart is named
and left as it was."""

import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from console import Cases, Console, answer_caller, expect  # noqa: E402
from office import (Office, free_port, hears, office_spec, only,  # noqa
                    subs, subs_ended, talking, write_office)
from test_conference import MUSIC_HZ, write_music  # noqa: E402
from test_control import send  # noqa: E402
from test_screen import sgr_params  # noqa: E402

FEW = ["%d" % n for n in range(201, 211)]         # the office's ten
MORE = ["211", "212"]
FIRST_CSV = 10000
N_CSV = 4990


class SubscribeSink:
    """A presence server for thousands of colleagues: it answers every
    SUBSCRIBE with 200 OK (a subscription needs no NOTIFY to live) and
    remembers, per (user, event), whether the last one subscribed or
    unsubscribed (Expires: 0)."""

    def __init__(self):
        self.port = free_port(1)
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1 << 22)
        self.sock.bind(("127.0.0.1", self.port))
        self.sock.settimeout(0.2)
        self.lock = threading.Lock()
        self.dialogs = {}        # Call-ID -> (user, event)
        self.live = set()        # (user, event) subscribed
        self.ended = set()       # (user, event) unsubscribed
        self.stopping = False
        self.thread = threading.Thread(target=self.serve, daemon=True)
        self.thread.start()

    @staticmethod
    def headers(lines):
        compact = {"v": "via", "f": "from", "t": "to", "i": "call-id",
                   "o": "event"}
        out = []
        for line in lines:
            name, sep, value = line.partition(":")
            if sep:
                name = name.strip().lower()
                out.append((compact.get(name, name), value.strip()))
        return out

    def answer(self, data, addr):
        head = data.split(b"\r\n\r\n", 1)[0].decode("utf-8", "replace")
        lines = head.split("\r\n")
        if not lines[0].startswith("SUBSCRIBE "):
            return
        hdrs = self.headers(lines[1:])
        one = dict(hdrs)
        callid = one.get("call-id", "")
        event = one.get("event", "").split(";")[0].strip()
        expires = int(one.get("expires", "600") or 0)
        uri = lines[0].split()[1]
        user = uri.split(":", 1)[1].split("@")[0]
        to = one.get("to", "")
        if ";tag=" not in to:
            to += ";tag=sink%x" % (hash(callid) & 0xffffff)
        reply = ["SIP/2.0 200 OK"]
        reply += ["Via: " + v for k, v in hdrs if k == "via"]
        reply += ["From: " + one.get("from", ""), "To: " + to,
                  "Call-ID: " + callid, "CSeq: " + one.get("cseq", ""),
                  "Contact: <sip:sink@127.0.0.1:%d>" % self.port,
                  "Expires: %d" % expires, "Content-Length: 0", "", ""]
        self.sock.sendto("\r\n".join(reply).encode(), addr)
        with self.lock:
            key = self.dialogs.setdefault(callid, (user, event))
            if expires:
                self.live.add(key)
                self.ended.discard(key)
            else:
                self.live.discard(key)
                self.ended.add(key)

    def serve(self):
        while not self.stopping:
            try:
                data, addr = self.sock.recvfrom(65536)
            except socket.timeout:
                continue
            except OSError:
                return
            self.answer(data, addr)

    def counts(self):
        with self.lock:
            return len(self.live), len(self.ended)

    def stop(self):
        self.stopping = True
        self.thread.join(2)
        self.sock.close()


def config_text(con, office_host, numbers, csv=None, extra=""):
    lines = ['account { aor = "sip:reception@127.0.0.1" registrar = "" '
             'listen = "127.0.0.1:%d" }\n' % con.port,
             'audio { device = "none" hold_music = "music.wav" }\n']
    for n in numbers:
        lines.append('extension "%s" { name = "Colleague %s" '
                     'department = "Sales" uri = "sip:%s@%s" }\n'
                     % (n, n, n, office_host))
    if csv:
        lines.append('directory_file = "%s"\n' % os.path.basename(csv))
    return "".join(lines) + extra


def write_config(con, text):
    con.config_text = text
    con.write_config()


def write_csv(path, sink_port, rows=N_CSV, bad_at=None):
    """The directory: ROWS people at the sink; with BAD_AT, the row on
    that line of the file has a number that is none. Returns the path."""
    with open(path, "w") as f:
        f.write("number,name,department,uri,voicemail\n")
        for i in range(rows):
            n = FIRST_CSV + i
            if bad_at is not None and i + 2 == bad_at:
                f.write("12x4,Person Bad,Lab,sip:x@127.0.0.1,\n")
                continue
            f.write("%d,Person %d,Lab,sip:%d@127.0.0.1:%d,\n"
                    % (n, n, n, sink_port))
    return path


def reception(s):
    return "reception" in s["subscriber"]


def watched_by_console(st, ext):
    return {s["event"] for s in subs(st, ext) if reception(s)}


def unsubscribed_by_console(st, ext):
    return {s["event"] for s in subs_ended(st, ext)
            if reception(s) and s["ended"] == "unsubscribed"}


def the_calls(st):
    """ACME held hearing the music, Bob talking to the console: their
    Call-IDs, or None."""
    acme, bob = only(st, "acme"), only(st, "bob")
    if not acme or not bob or acme["state"] != "established":
        return None
    if not acme["held_by_peer"] or hears(st, "acme", "reception") != \
            [MUSIC_HZ]:
        return None
    if bob["held_by_peer"] or not talking(st, "bob", "reception"):
        return None
    return {"acme": acme["callid"], "bob": bob["callid"]}


def calls_as_they_were(office, desk):
    now = office.wait_for(the_calls, what="ACME held with the music, "
                          "Bob talking to the console")
    expect(now == desk["calls"], "the same calls, never made again: "
           "%r, were %r" % (now, desk["calls"]))


def reload_by_socket(con):
    rc, replies, err = send(con, "reload", timeout=60)
    expect(rc == 0 and replies and replies[0]["reply"] == "ok",
           "reload answered ok: %r %r %s" % (rc, replies, err))
    return replies[0]["text"]


def descendants(pid):
    kids = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True,
                          text=True).stdout.split()
    return [d for k in kids for d in descendants(k) + [k]]


def launcher_pid(con):
    """The cordboard process an admin would signal (the launcher)."""
    pane = con.tmux("list-panes", "-t", "console", "-F",
                    "#{pane_pid}").stdout.split()[0]
    for pid in descendants(pane):
        try:
            if os.path.basename(os.readlink("/proc/%s/exe" % pid)) == \
                    "cordboard":
                return int(pid)
        except OSError:
            pass
    raise AssertionError("no cordboard process under the tmux pane")


def row_of(scr, number):
    return any(cell.startswith(number + "  ")
               for line in scr.split("\n") for cell in line.split("│"))


# -- the cases ---------------------------------------------------------------

def ten_colleagues_watched_two_callers_up(office, con, desk):
    office.wait_for(lambda st: all(watched_by_console(st, n) >=
                                   {"presence", "dialog"} for n in FEW),
                    what="the console to watch the ten")
    answer_caller(office, con)
    con.keys("h")
    office.wait_for(lambda st: only(st, "acme")["held_by_peer"],
                    what="ACME on hold")
    answer_caller(office, con, caller="bob", name="Bob Caller")
    desk["calls"] = office.wait_for(the_calls, what="the two calls")


def two_colleagues_come(office, con, desk):
    write_config(con, config_text(con, desk["host"], FEW + MORE))
    text = reload_by_socket(con)
    expect("Reloaded: 12 extensions (2 came, 0 went)" in text,
           "the reply says what changed: " + text)
    office.wait_for(lambda st: all(watched_by_console(st, n) >=
                                   {"presence", "dialog"} for n in MORE),
                    what="SUBSCRIBEs for 211 and 212")
    con.wait_screen(lambda s: row_of(s, "211") and row_of(s, "212"))
    st = office.status()
    expect(not any(unsubscribed_by_console(st, n) for n in FEW),
           "the ten's subscriptions went on, none made again")
    calls_as_they_were(office, desk)


def two_colleagues_go_f5(office, con, desk):
    write_config(con, config_text(con, desk["host"], FEW))
    con.keys("F5")
    con.wait_screen("Reloaded: 10 extensions (0 came, 2 went)")
    office.wait_for(lambda st: all(unsubscribed_by_console(st, n) >=
                                   {"presence", "dialog"} and
                                   not watched_by_console(st, n)
                                   for n in MORE),
                    what="211 and 212 unsubscribed (Expires: 0)")
    scr = con.wait_screen(lambda s: not row_of(s, "211"))
    expect(row_of(scr, "210") and not row_of(scr, "212"),
           "the board lists the ten again:\n" + scr)
    calls_as_they_were(office, desk)


def names_a_group_keys_and_colours_apply_at_once(office, con, desk):
    dark_border, light_bg = (38, 5, 60), (48, 5, 231)
    params = sgr_params(con.screen_escapes())
    expect(dark_border in params and light_bg not in params,
           "the default theme first: %r" % sorted(set(params)))
    con.keys("F6")
    con.wait_screen("F6 is not bound")
    keymap = os.path.join(con.dir, "mine.keymap")
    with open(keymap, "w") as f:
        f.write('include("default")\n'
                'mode "normal" {\n'
                '    bind("F6", "find 202", "Bob\'s desk")\n'
                '}\n')
    text = config_text(con, desk["host"], FEW).replace(
        "Colleague 201", "Alice Renamed")
    write_config(con, text + 'theme = "light"\nkeymap = "%s"\n'
                 'group "600" { name = "Sales team" '
                 'members = { "201", "202" } }\n' % keymap)
    reply = reload_by_socket(con)
    expect("Reloaded: 11 extensions (1 came, 0 went)" in reply,
           "the group came: " + reply)
    con.wait_screen("Alice Renamed")
    con.keys("F6")
    con.wait_screen("Colleague 202 (202)")
    params = sgr_params(con.screen_escapes())
    expect(light_bg in params and dark_border not in params,
           "the light theme at once: %r" % sorted(set(params)))
    rc, replies, _ = send(con, "find Sales team")
    expect(replies and "(600)" in replies[0]["text"],
           "the group is found: %r" % replies)
    calls_as_they_were(office, desk)
    write_config(con, config_text(con, desk["host"], FEW))
    reply = reload_by_socket(con)
    expect("Reloaded: 10 extensions (0 came, 1 went)" in reply,
           "back as it was: " + reply)


def five_thousand_by_sigusr1(office, con, desk):
    sink = desk["sink"]
    write_csv(desk["csv"], sink.port)
    write_config(con, config_text(con, desk["host"], FEW, csv=desk["csv"]))
    os.kill(launcher_pid(con), signal.SIGUSR1)
    con.wait_screen("Reloaded: 5000 extensions (4990 came, 0 went)",
                    timeout=60)
    office.wait_for(lambda st: sink.counts()[0] == 2 * N_CSV, timeout=120,
                    what="all 9,980 SUBSCRIBEs of the newcomers (the "
                    "sink has %d)" % sink.counts()[0])
    rc, replies, _ = send(con, "find Person 14989")
    expect(replies and replies[0]["reply"] == "ok" and
           "(14989)" in replies[0]["text"],
           "the last of the CSV is found: %r" % replies)
    con.wait_screen("Person 14989")
    st = office.status()
    expect(not any(unsubscribed_by_console(st, n) for n in FEW),
           "the ten's subscriptions went on")
    calls_as_they_were(office, desk)


def back_to_ten(office, con, desk):
    sink = desk["sink"]
    write_config(con, config_text(con, desk["host"], FEW))
    text = reload_by_socket(con)
    expect("Reloaded: 10 extensions (0 came, 4990 went)" in text,
           "the reply says what changed: " + text)
    office.wait_for(lambda st: sink.counts() == (0, 2 * N_CSV),
                    timeout=120, what="all 9,980 unsubscribed (the sink "
                    "has %r live, ended)" % (sink.counts(),))
    rc, replies, _ = send(con, "find Person 14989")
    expect(replies and replies[0]["reply"] == "error",
           "the CSV's people are gone: %r" % replies)
    st = office.status()
    expect(all(watched_by_console(st, n) >= {"presence", "dialog"}
               for n in FEW), "the ten are still watched")
    calls_as_they_were(office, desk)


def nothing_changed(office, con, desk):
    """The ten as before, their subscriptions untouched, the calls up."""
    rc, replies, _ = send(con, "find 211")
    expect(replies and replies[0]["reply"] == "error",
           "211 did not come: %r" % replies)
    st = office.status()
    expect(not any(watched_by_console(st, n) for n in MORE),
           "no SUBSCRIBE for 211 or 212")
    expect(all(watched_by_console(st, n) >= {"presence", "dialog"}
               for n in FEW), "the ten are still watched")
    expect(con.running(), "the console runs on")
    calls_as_they_were(office, desk)


def a_bad_config_line_changes_nothing(office, con, desk):
    text = config_text(con, desk["host"], FEW + MORE)
    bad_line = text.count("\n") + 1
    write_config(con, text + "subscribe_expires = 5\n")
    rc, replies, _ = send(con, "reload")
    expect(replies and replies[0]["reply"] == "error" and
           "Not reloaded" in replies[0]["text"],
           "the reload is refused: %r" % replies)
    # the whole path is the log pane's (the status line has the name)
    con.wait_screen("%s:%d: subscribe_expires 5 is out of range"
                    % (con.conf, bad_line))
    con.wait_screen("Not reloaded, nothing changed: cordboard.conf:%d:"
                    % bad_line)
    nothing_changed(office, con, desk)
    write_config(con, config_text(con, desk["host"], FEW))


def a_bad_csv_row_changes_nothing(office, con, desk):
    write_csv(desk["csv"], desk["sink"].port, rows=5, bad_at=4)
    write_config(con, config_text(con, desk["host"], FEW + MORE,
                                  csv=desk["csv"]))
    rc, replies, _ = send(con, "reload")
    expect(replies and replies[0]["reply"] == "error",
           "the reload is refused: %r" % replies)
    con.wait_screen("%s:4: number '12x4' is not a number" % desk["csv"])
    rc, replies, _ = send(con, "find Person 10000")
    expect(replies and replies[0]["reply"] == "error",
           "the CSV's good rows did not come either: %r" % replies)
    nothing_changed(office, con, desk)
    write_config(con, config_text(con, desk["host"], FEW))


def a_setting_that_needs_a_restart_is_kept(office, con, desk):
    other = free_port(2)
    text = config_text(con, desk["host"], FEW).replace(
        "127.0.0.1:%d" % con.port, "127.0.0.1:%d" % other)
    write_config(con, text)
    reply = reload_by_socket(con)
    expect("needs a restart: account.listen" in reply,
           "the reply names the setting: " + reply)
    # the console still answers where it listens: a call there rings
    office.cmd("office_call", "carol " + con.uri)
    con.wait_screen("Calls (3)")
    office.cmd("office_hangup", "carol")
    con.wait_screen("Calls (2)")
    calls_as_they_were(office, desk)


def main():
    cases = Cases()
    with tempfile.TemporaryDirectory(prefix="cordboard-it-") as tmp:
        callers = {"acme": {"name": "ACME Corp", "number": "+3315551234",
                            "tone": 440},
                   "bob": {"name": "Bob Caller", "number": "+3315550002",
                           "tone": 660},
                   "carol": {"name": "Carol Caller",
                             "number": "+3315550003", "tone": 550}}
        colleagues = {n: {"name": "Colleague " + n, "answer": "manual"}
                      for n in FEW + MORE}
        spec = office_spec(callers=callers, colleagues=colleagues,
                           tones=[MUSIC_HZ])
        write_music(os.path.join(tmp, "music.wav"))
        con = Console(tmp, cols=160, rows=40,
                      env={"TERM": "screen-256color"})
        desk = {"host": spec["listen"], "sink": SubscribeSink(),
                "csv": os.path.join(tmp, "directory.csv")}
        con.config_text = config_text(con, desk["host"], FEW)
        spec["console"] = con.uri
        try:
            with Office(write_office(tmp, spec)) as office, con:
                cases.run("ten colleagues watched, a caller held and one "
                          "talking", ten_colleagues_watched_two_callers_up,
                          office, con, desk)
                if cases.failed:
                    return cases.finish()
                cases.run_all([
                    ("two colleagues come (control socket): subscribed, "
                     "the calls go on", two_colleagues_come),
                    ("they go again (F5): unsubscribed, the calls go on",
                     two_colleagues_go_f5),
                    ("names, a group, keys and colours apply at once",
                     names_a_group_keys_and_colours_apply_at_once),
                    ("5,000 from a CSV (SIGUSR1): subscribed, findable, "
                     "the calls go on", five_thousand_by_sigusr1),
                    ("back to ten: 9,980 unsubscribed, the calls go on",
                     back_to_ten),
                    ("a bad line in cordboard.conf: FILE:LINE, nothing "
                     "changes", a_bad_config_line_changes_nothing),
                    ("a bad row in the CSV: FILE:LINE, nothing changes",
                     a_bad_csv_row_changes_nothing),
                    ("a setting that needs a restart is named and kept",
                     a_setting_that_needs_a_restart_is_kept)],
                    office, con, desk)
        finally:
            desk["sink"].stop()

    return cases.finish()


if __name__ == "__main__":
    sys.exit(main())
