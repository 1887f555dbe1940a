#!/usr/bin/env python3
"""The desk remembers who rang: ACME rings and gives up before anyone
answers, Beta rings and is answered. The status line says "1 missed";
the history view (H) lists both, newest first, after a restart and after
the console is killed with -9; a record torn by a crash is skipped with a
warning, said once by the view (not again at each opening). Typing "acme" in the view finds ACME, Enter calls them back:
ACME's phone rings with a call from the console, and nobody is missed
any more, even after a restart."""

import json
import os
import signal
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from console import Cases, Console, answer_caller, expect  # noqa: E402
from office import (Office, build_root, calls, office_spec,  # noqa: E402
                    write_office)

TORN = '{"at":1700000000,"record":"call","dir":"in","numb'


def quiet(office, con):
    for uid in ("acme", "beta"):
        office.cmd("office_hangup", uid, check=False)
    office.wait_for(lambda st: not any(u["calls"] for u in st["uas"]),
                    what="a quiet office")
    con.wait_screen("Calls (0)")


def records(con):
    """The history's records, the torn line left out."""
    out = []
    with open(history_path(con), encoding="utf-8") as f:
        for line in f:
            try:
                out.append(json.loads(line))
            except ValueError:
                pass
    return out


def history_path(con):
    return os.path.join(con.dir, "cordboard", "history")


def restart(con, tmp):
    """A new console on the same history (and port)."""
    con.stop()
    status = os.path.join(tmp, "exit-status")
    if os.path.exists(status):
        os.remove(status)
    again = Console(tmp, listen_port=con.port)
    again.start()
    return again


def descendants(pid):
    kids = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True,
                          text=True).stdout.split()
    return [d for k in kids for d in descendants(k) + [k]]


def kill_hard(con):
    """kill -9 the console (baresip, the launcher's child) and the
    launcher, under tmux's shell: the deepest first."""
    pane = con.tmux("list-panes", "-t", "console", "-F",
                    "#{pane_pid}").stdout.split()[0]
    procs = descendants(pane)
    expect(procs, "the console's process under pane %s" % pane)
    for pid in procs:
        try:
            if os.path.basename(os.readlink("/proc/%s/exe" % pid)) \
                    != "sleep":
                os.kill(int(pid), signal.SIGKILL)
        except OSError:
            pass   # the launcher may end first, once the console is gone
    con.wait_screen(lambda s: not con.running(), timeout=10)


def view_lists_both(con):
    con.keys("H")
    scr = con.wait_screen("History: 2 of 2")
    acme = scr.find("+3315551234")
    beta = scr.find("+3315559876")
    expect(acme >= 0 and beta >= 0, "both callers in the view:\n" + scr)
    expect(beta < acme, "newest (Beta) first:\n" + scr)
    expect("abandoned after" in scr, "ACME's outcome in words:\n" + scr)
    con.keys("Escape")
    con.wait_screen(lambda s: "of 2 - find" not in s)


def calls_end_answered_and_not(office, con):
    quiet(office, con)
    office.cmd("office_call", "acme " + con.uri)
    con.wait_screen("ACME Corp")
    time.sleep(1.2)     # ACME waits a moment, then gives up
    office.cmd("office_hangup", "acme")
    office.wait_for(lambda st: not calls(st, "acme"), what="acme gone")
    con.wait_screen("1 missed")
    answer_caller(office, con, caller="beta", name="Beta Ltd")
    office.cmd("office_hangup", "beta")
    con.wait_screen("Calls (0)")
    recs = [r for r in records(con) if r.get("record") == "call"]
    expect(len(recs) == 2, "two call records: %r" % recs)
    view_lists_both(con)


def main():
    cases = Cases()
    with tempfile.TemporaryDirectory(prefix="cordboard-it-") as tmp:
        spec = office_spec(
            callers={"acme": {"name": "ACME Corp", "number": "+3315551234",
                              "tone": 440},
                     "beta": {"name": "Beta Ltd", "number": "+3315559876",
                              "tone": 660}})
        con = Console(tmp)
        spec["console"] = con.uri
        state = {"con": con}
        with Office(write_office(tmp, spec)) as office:
            con.start()
            cases.run("calls end answered and unanswered",
                      calls_end_answered_and_not, office, con)

            def after_restart():
                state["con"] = restart(state["con"], tmp)
                state["con"].wait_screen("1 missed")
                view_lists_both(state["con"])
            cases.run("the view lists them after a restart", after_restart)

            def after_kill():
                kill_hard(state["con"])
                with open(history_path(state["con"]), "a") as f:
                    f.write(TORN)
                state["con"] = restart(state["con"], tmp)
                c = state["con"]
                c.resize(100, 40)   # a log pane of six lines
                c.wait_screen("1 missed")
                view_lists_both(c)
                # the view says it once it has read the whole book
                c.wait_screen("unreadable record")
                c.keys("Escape")
                c.wait_screen(lambda s: "History: 2 of 2" not in s)
                view_lists_both(c)
                c.keys("Escape")
                scr = c.wait_screen(lambda s: "History: 2 of 2" not in s)
                expect(scr.count("unreadable record") == 1,
                       "the torn line said once, not at each opening:\n" +
                       scr)
            cases.run("after kill -9 and a torn line", after_kill)

            def callback():
                c = state["con"]
                c.keys("H")
                c.wait_screen("History: 2 of 2")
                c.type("acme")
                c.wait_screen("History: 1 of 2 - find: acme")
                c.keys("Enter")
                office.wait_for(
                    lambda s: any(x["dir"] == "in" for x in calls(s, "acme")),
                    what="a call from the console ringing at ACME")
                st = office.status()
                expect(any("reception" in x["peer"]
                           for x in calls(st, "acme")),
                       "the call comes from the console: %r" %
                       calls(st, "acme"))
                c.wait_screen(lambda s: "1 missed" not in s)
                quiet(office, c)
                marks = [r for r in records(c)
                         if r.get("record") == "handled"]
                expect(marks and marks[-1]["how"] == "called back" and
                       marks[-1]["number"] == "+3315551234",
                       "the callback is marked: %r" % marks)
                state["con"] = restart(c, tmp)
                time.sleep(1)
                scr = state["con"].screen()
                expect("missed " not in scr.splitlines()[-1],
                       "nobody missed after the restart:\n" + scr)
            cases.run("find, Enter calls ACME back", callback)

            def long_history():
                # 30,000 older calls: the view opens on the newest rows
                # and reads the rest while it shows, find included
                c = state["con"]
                c.stop()
                path = history_path(c)
                with open(path, encoding="utf-8") as f:
                    kept = f.read()
                start = int(time.time()) - 30 * 86400
                with open(path, "w", encoding="utf-8") as f:
                    for i in range(30000):
                        f.write(json.dumps({
                            "at": start + i, "record": "call", "dir": "in",
                            "name": "Zoë Müller" if i % 3 else "Old Caller",
                            "number": "+3316%06d" % i, "answered": True,
                            "talked_s": 5, "outcome": "answered"}) + "\n")
                    f.write(kept)
                total = sum(1 for r in records(c) if r.get("record") == "call")
                state["con"] = c = restart(c, tmp)
                c.keys("H")
                scr = c.wait_screen("History: %d of %d -" % (total, total))
                expect(scr.find("+3315551234") < scr.find("+3316029999"),
                       "the newest calls on top:\n" + scr)
                c.type("zoe mu")
                c.wait_screen("History: 20000 of %d - find: zoe mu" % total)
            cases.run("a long history opens and finds", long_history)
            state["con"].stop()

            def broken_disk():
                # every fsync fails (bench/fsync_delay.c preloaded): the
                # record is in the file, and the operator is told the
                # disk may not keep it, as soon as the syncer knows
                d = os.path.join(tmp, "broken-disk")
                os.mkdir(d)
                shim = os.path.join(build_root(), "bench",
                                    "libfsync_delay.so")
                expect(os.path.exists(shim), "the build has " + shim)
                c = Console(d, env={"LD_PRELOAD": shim,
                                    "FSYNC_DELAY_MS": "0",
                                    "FSYNC_FAIL_ERRNO": "5"})
                with c:
                    answer_caller(office, c)
                    office.cmd("office_hangup", "acme")
                    c.wait_screen("Disk trouble: the last records may be "
                                  "lost (Input/output error)")
                    expect([r for r in records(c)
                            if r.get("name") == "ACME Corp"],
                           "the call is in the file all the same")
            cases.run("a disk that cannot sync is said", broken_disk)
    return cases.finish()


if __name__ == "__main__":
    sys.exit(main())
