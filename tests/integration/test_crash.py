#!/usr/bin/env python3
"""A crash gives the terminal back. The console, crashed on purpose
(CORDBOARD_DEBUG_CRASH: a write through NULL, an abort, a division by
zero raised as SIGFPE) 2 s after its screen is up, leaves the terminal usable: the
alternate screen is left, the cursor shows, the terminal's modes are
the shell's again (stty: icanon, echo, isig, icrnl, onlcr), one line
names the signal and the log that is kept, and the process dies of the
same signal, so a core dump can still be made."""

import os
import re
import resource
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from console import Cases, Console, expect, tmux_available  # noqa: E402

CRASHES = (("segv", 11, "a segmentation fault (SIGSEGV)"),
           ("abort", 6, "an abort (SIGABRT)"),
           ("fpe", 8, "an arithmetic error (SIGFPE)"))


def pane(con, fmt):
    return con.tmux("display-message", "-p", "-t", "console",
                    fmt).stdout.strip()


def crash_gives_the_terminal_back(how, signo, words):
    with tempfile.TemporaryDirectory(prefix="cb-crash-") as d:
        con = Console(d, env={"CORDBOARD_DEBUG_CRASH": how})
        con.start()
        try:
            con.wait_screen("cordboard: crashed on %s" % words)
            scr = con.tmux("capture-pane", "-p", "-J", "-t",
                           "console").stdout
            line = [ln for ln in scr.splitlines() if "crashed on" in ln][0]
            m = re.search(r"the log is kept in (\S+)", line)
            expect(m and os.path.exists(m.group(1)),
                   "the crash line names a log that exists: %r" % line)
            con.wait_screen(lambda s: con.exit_status() is not None)
            expect(con.exit_status() == "console exited with %d" %
                   (128 + signo),
                   "died of signal %d: %r" % (signo, con.exit_status()))
            expect(pane(con, "#{alternate_on}") == "0",
                   "the alternate screen is left")
            expect(pane(con, "#{cursor_flag}") == "1", "the cursor shows")
            tty = pane(con, "#{pane_tty}")
            modes = subprocess.run(["stty", "-a", "-F", tty],
                                   capture_output=True, text=True,
                                   check=True).stdout.split()
            for flag in ("icanon", "echo", "isig", "icrnl", "onlcr"):
                expect(flag in modes and "-" + flag not in modes,
                       "stty shows %s: %s" % (flag, " ".join(modes)))
        finally:
            con.stop()


def main():
    if not tmux_available():
        print("SKIP: tmux missing")
        return 77
    # the signal's default action still runs; no core file is wanted here
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    cases = Cases()
    for how, signo, words in CRASHES:
        cases.run("crash by %s restores the terminal" % how,
                  crash_gives_the_terminal_back, how, signo, words)
    return cases.finish()


if __name__ == "__main__":
    sys.exit(main())
