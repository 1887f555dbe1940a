#!/usr/bin/env python3
"""A console that cannot start says why on the terminal (issue 23 item 3).

  Each case starts the real console in tmux as a user would and reads
  what the terminal shows once it is gone: the reason in the admin's
  words, "the log is kept in PATH" naming a log that exists, and exit
  status 1 (config errors stay 2):
  - the SIP port is taken (a socket of ours holds it);
  - the history's directory cannot be written;
  - tls_ca holds no certificate (and, when not root, cannot be read:
    that is a config error, FILE:LINE and exit 2);
  - the console module does not load (baresip would run on without
    it: the launcher stops it);
  - a console that ran and was quit exits 0 and leaves no runtime
    directory behind.
"""

import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from console import (Cases, Console, console_binary, expect,  # noqa: E402
                     tmux_available)
from office import free_port  # noqa: E402


def ended(con, timeout=20):
    """The console's exit status line, once the launcher is gone."""
    deadline = time.monotonic() + timeout
    while con.running() and time.monotonic() < deadline:
        time.sleep(0.1)
    expect(not con.running(), "the console ended:\n" + con.screen())
    return con.exit_status()


def terminal(con):
    """The terminal's text, wrapped lines joined."""
    return con.tmux("capture-pane", "-p", "-J", "-t", "console").stdout


def says_why(con, words, status=1):
    st = ended(con)
    scr = terminal(con)
    expect(words in scr, "the terminal says %r:\n%s" % (words, scr))
    expect(st == "console exited with %d" % status,
           "exit status %d: %r" % (status, st))
    return scr


def names_its_log(scr, logged):
    m = re.search(r"the log is kept in (\S+)", scr)
    expect(m, "the terminal names the log:\n" + scr)
    expect(os.path.isfile(m.group(1)), "the log %s exists" % m.group(1))
    with open(m.group(1), encoding="utf-8", errors="replace") as f:
        text = f.read()
    expect(logged in text, "the log explains more (%r):\n%s" % (logged,
                                                                  text))


def sip_port_in_use(tmp):
    d = os.path.join(tmp, "port")
    os.mkdir(d)
    con = Console(d)
    # another program holds the console's SIP port
    holder = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    holder.bind(("127.0.0.1", con.port))
    try:
        con.start(ready=None)
        scr = says_why(con, "cannot listen on 127.0.0.1:%d: the address "
                       "is in use (another program, or another console, "
                       "uses it)" % con.port)
        names_its_log(scr, "Address already in use")
    finally:
        con.stop()
        holder.close()


def history_directory_not_writable(tmp):
    d = os.path.join(tmp, "history")
    os.mkdir(d)
    state = os.path.join(d, "state")
    if os.geteuid() == 0:
        # root writes anywhere: a file where the directory should be
        with open(state, "w") as f:
            f.write("not a directory\n")
    else:
        os.mkdir(state, 0o500)
    path = os.path.join(state, "cordboard", "history")
    con = Console(d, extra_config='history_file = "%s"\n' % path)
    try:
        con.start(ready=None)
        scr = says_why(con, "cannot write the history %s" % path)
        expect("its directory must be writable, or history_file "
               "another file" in scr,
               "the way out is named:\n" + scr)
        names_its_log(scr, "cannot write the history")
    finally:
        con.stop()


def tls_ca_without_a_certificate(tmp):
    d = os.path.join(tmp, "tls")
    os.mkdir(d)
    ca = os.path.join(d, "ca.pem")
    with open(ca, "w") as f:
        f.write("this is not a certificate\n")
    con = Console(d, account={"aor": "sip:reception@127.0.0.1",
                              "transport": "tls", "tls_ca": ca})
    try:
        con.start(ready=None)
        scr = says_why(con, "tls_ca '%s' holds no CA certificate that "
                       "can be read" % ca)
        names_its_log(scr, "Can't read CA file")
    finally:
        con.stop()
    if os.geteuid() == 0:
        return   # root reads a mode 000 file: only the case above applies
    os.chmod(ca, 0)
    con = Console(os.path.join(d), account={
        "aor": "sip:reception@127.0.0.1", "transport": "tls",
        "tls_ca": ca})
    try:
        con.start(ready=None)
        says_why(con, "tls_ca '%s': Permission denied" % ca, status=2)
    finally:
        con.stop()


def a_module_that_does_not_load(tmp):
    """baresip runs on without a module it could not load: the launcher
    stops it and says so. A launcher beside a damaged cordboard.so."""
    d = os.path.join(tmp, "module")
    bindir = os.path.join(d, "bin")
    os.makedirs(bindir)
    launcher = os.path.join(bindir, "cordboard")
    shutil.copy(console_binary(), launcher)
    module = os.path.join(bindir, "cordboard.so")
    with open(module, "w") as f:
        f.write("a damaged module\n")
    conf = os.path.join(d, "cordboard.conf")
    src = os.path.dirname(os.path.dirname(os.path.dirname(
        os.path.abspath(__file__))))
    with open(conf, "w") as f:
        f.write('keymap = "%s/keymaps/default.keymap"\n'
                'theme = "%s/themes/default.theme"\n'
                'account { listen = "127.0.0.1:%d" }\n'
                'audio { device = "none" }\n' % (src, src, free_port(2)))
    p = subprocess.run([launcher, "-c", conf], capture_output=True,
                       text=True, timeout=30, stdin=subprocess.DEVNULL,
                       env=dict(os.environ, XDG_RUNTIME_DIR=d,
                                XDG_STATE_HOME=d, CORDBOARD_TTY="/dev/null"))
    expect(p.returncode == 1, "exit 1: %r" % p)
    expect("cannot load the console module %s" % module in p.stderr and
           "file too short" in p.stderr, "why is said: %r" % p.stderr)
    names_its_log(p.stderr, "cordboard.so")


def a_quit_console_exits_0_and_cleans_up(tmp):
    d = os.path.join(tmp, "quit")
    os.mkdir(d)
    con = Console(d)
    con.start()
    con.keys("q")   # no call up: no question asked
    st = ended(con)
    expect(st == "console exited with 0", "exit status 0: %r" % st)
    left = [n for n in os.listdir(d) if n.startswith("cordboard-default-")]
    expect(not left, "no runtime directory left: %r" % left)
    expect("cordboard:" not in terminal(con),
           "nothing to say:\n" + terminal(con))
    con.stop()


def main():
    if not tmux_available():
        print("SKIP: tmux missing")
        return 77
    cases = Cases()
    with tempfile.TemporaryDirectory(prefix="cb-startup-") as tmp:
        cases.run("the SIP port in use is said, exit 1, log kept",
                  sip_port_in_use, tmp)
        cases.run("a history directory that cannot be written is said",
                  history_directory_not_writable, tmp)
        cases.run("a tls_ca without a certificate is said",
                  tls_ca_without_a_certificate, tmp)
        cases.run("a module that does not load is said, baresip stopped",
                  a_module_that_does_not_load, tmp)
        cases.run("a console quit by its user exits 0, nothing left",
                  a_quit_console_exits_0_and_cleans_up, tmp)
    return cases.finish()


if __name__ == "__main__":
    sys.exit(main())
