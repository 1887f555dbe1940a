#!/usr/bin/env python3
"""The launcher as an admin meets it: --help, --version, --check-config,
and bad files refused with FILE:LINE and exit 2 before any SIP socket is
opened."""

import os
import re
import socket
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from console import Cases, expect, run_cordboard  # noqa: E402
from office import free_port  # noqa: E402

SRC = os.environ.get("CORDBOARD_SOURCE_ROOT") or os.path.dirname(
    os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DATA = os.path.join(SRC, "tests", "data")


def write(tmp, name, text, mode=0o600):
    path = os.path.join(tmp, name)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    os.chmod(path, mode)
    return path


def port_is_free(port):
    for kind in (socket.SOCK_DGRAM, socket.SOCK_STREAM):
        with socket.socket(socket.AF_INET, kind) as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                return False
    return True


def help_and_version(tmp):
    r = run_cordboard("--help")
    expect(r.returncode == 0, "--help exits 0")
    for opt in ("--config", "--check-config", "--demo", "--event-log",
                "--version"):
        expect(opt in r.stdout, "--help mentions %s" % opt)
    r = run_cordboard("--version")
    expect(r.returncode == 0 and r.stdout.startswith("cordboard "),
           "--version: %r" % r.stdout)
    r = run_cordboard("--no-such-option")
    expect(r.returncode == 2, "an unknown option exits 2")


def good_config_checks_clean(tmp):
    r = run_cordboard("--check-config", os.path.join(SRC, "demo",
                                                     "cordboard.conf"))
    expect(r.returncode == 0, "demo config is good: %s" % r.stderr)
    expect(r.stderr == "", "no warnings: %r" % r.stderr)
    expect(": ok" in r.stdout, r.stdout)


def bad_config_exits_2_with_file_and_line(tmp):
    port = free_port(2)
    path = write(tmp, "bad.conf",
                 'account {\n  listen = "127.0.0.1:%d"\n}\n'
                 'extension "201" { name = "Alice" }\n'
                 'colour = "blue"\n' % port)
    r = run_cordboard("-c", path)
    expect(r.returncode == 2, "exit 2, got %d" % r.returncode)
    expect(r.stderr.splitlines() == [
        "%s:4: extension '201' has no uri (add uri = \"sip:201@HOST\")"
        % path, "%s:5: no such option 'colour'" % path],
           "every error, in file order, with file and line: %r" % r.stderr)
    expect(port_is_free(port), "no SIP socket was opened on %d" % port)
    r = run_cordboard("--check-config", path)
    expect(r.returncode == 2, "--check-config also exits 2")


def shipped_bad_configs_are_all_refused(tmp):
    bad = [os.path.join(DATA, sub, name) for sub in ("config", "queue")
           for name in sorted(os.listdir(os.path.join(DATA, sub)))
           if name.startswith("bad-")]
    for path in bad:
        name = os.path.basename(path)
        r = run_cordboard("--check-config", path)
        expect(r.returncode == 2, "%s exits 2 (got %d)" % (name,
                                                            r.returncode))
        expect(r.stderr.startswith(path + ":"),
               "%s: error starts with the file: %r" % (name, r.stderr))


def bad_keymap_and_theme_exit_2(tmp):
    conf = os.path.join(SRC, "demo", "cordboard.conf")
    km = os.path.join(DATA, "keymaps", "input-unknown-action.keymap")
    r = run_cordboard("--check-config", conf, "--keymap", km)
    expect(r.returncode == 2, "bad keymap exits 2")
    expect("%s:3: unknown action 'teleport'" % km in r.stderr, r.stderr)
    th = os.path.join(DATA, "themes", "bad-colour.theme")
    r = run_cordboard("-c", conf, "--theme", th)
    expect(r.returncode == 2, "bad theme exits 2 (%d)" % r.returncode)
    expect(r.stderr.startswith(th + ":"), r.stderr)
    path = write(tmp, "nokm.conf", 'keymap = "nonesuch"\n')
    r = run_cordboard("--check-config", path)
    expect(r.returncode == 2 and "keymap 'nonesuch' not found" in r.stderr,
           "a missing keymap is reported: %r" % r.stderr)


def missing_file_exits_2(tmp):
    r = run_cordboard("-c", os.path.join(tmp, "nope.conf"))
    expect(r.returncode == 2, "missing -c file exits 2")
    expect("nope.conf" in r.stderr and "No such file" in r.stderr,
           r.stderr)


def readable_password_warns(tmp):
    path = write(tmp, "pw.conf", 'account { password = "s3cret" }\n',
                 mode=0o644)
    r = run_cordboard("--check-config", path)
    expect(r.returncode == 0, "a warning is not an error")
    expect("warning: %s: password is readable by other users" % path
           in r.stderr, "warning printed: %r" % r.stderr)
    os.chmod(path, 0o600)
    r = run_cordboard("--check-config", path)
    expect("password" not in r.stderr, "no warning at 0600")


def without_a_terminal_it_says_so(tmp):
    path = write(tmp, "ok.conf", 'account { listen = "127.0.0.1:%d" }\n'
                 % free_port(2))
    r = run_cordboard("-c", path)
    expect(r.returncode == 1 and "needs a terminal" in r.stderr,
           "no tty: %d %r" % (r.returncode, r.stderr))


def actions_and_keys_are_listed(tmp):
    r = run_cordboard("--list-actions")
    expect(r.returncode == 0, "--list-actions exits 0")
    for line in ("transfer [TARGET]", "dtmf DIGIT", "command [LINE]",
                 "find [TEXT]"):
        expect(line in r.stdout, "--list-actions shows %r" % line)
    r = run_cordboard("--list-keys", "vi")
    expect(r.returncode == 0, "--list-keys vi exits 0")
    expect(re.search(r"^  Space +hold ", r.stdout, re.M) and
           re.search(r"^  t +transfer ", r.stdout, re.M),
           "vi rebinds Space and keeps the default's t: %r" % r.stdout)
    km = write(tmp, "mine.keymap", 'include("default")\n'
               'mode "normal" { bind("x", "hold") bind("x", "dial") }\n')
    r = run_cordboard("--list-keys", km)
    expect(r.returncode == 2 and km + ":2: key 'x' is bound twice" in
           r.stderr, "a key bound twice in one file: %r" % r.stderr)
    r = run_cordboard("--list-keys", "no-such-keymap")
    expect(r.returncode == 2, "an unknown keymap exits 2")


def printed_config_is_complete_and_good(tmp):
    r = run_cordboard("--print-config")
    expect(r.returncode == 0, "--print-config exits 0")
    for opt in ("aor = ", "recall_after = 30", "slots = 8", "grab = true",
                "subscribe_expires = 600", "volume = 0"):
        expect(opt in r.stdout, "--print-config has %r" % opt)
    path = write(tmp, "printed.conf", r.stdout)
    r = run_cordboard("--check-config", path)
    expect(r.returncode == 0 and r.stderr == "",
           "--check-config accepts what --print-config printed: %r" %
           r.stderr)


def man_page_lists_every_option(tmp):
    r = run_cordboard("--print-config=man")
    expect(r.returncode == 0 and r.stdout.count(".TP") > 30,
           "--print-config=man lists the options: %r" % r.stdout[:200])
    with open(os.path.join(SRC, "man", "cordboard.1"), encoding="utf-8") as f:
        man = f.read()
    start = man.index(".SS Every option")
    section = man[start:man.index(".SH", start)]
    expect(r.stdout in section,
           "man/cordboard.1's 'Every option' is --print-config=man "
           "(paste it there)")
    expect(section.replace(r.stdout, "").count(".TP") == 0,
           "no option in the man page that the table does not have")


def main():
    cases = Cases()
    with tempfile.TemporaryDirectory(prefix="cordboard-cli-") as tmp:
        cases.run_all([
                ("--help and --version", help_and_version),
                ("a good config checks clean", good_config_checks_clean),
                ("a bad config exits 2 with FILE:LINE",
                 bad_config_exits_2_with_file_and_line),
                ("every shipped bad config is refused",
                 shipped_bad_configs_are_all_refused),
                ("bad keymap and theme exit 2", bad_keymap_and_theme_exit_2),
                ("a missing config file exits 2", missing_file_exits_2),
                ("a readable password warns", readable_password_warns),
                ("without a terminal it says so",
                 without_a_terminal_it_says_so),
                ("actions and keys are listed",
                 actions_and_keys_are_listed),
                ("--print-config is complete and checks clean",
                 printed_config_is_complete_and_good),
                ("the man page lists every option of the table",
                 man_page_lists_every_option)], tmp)
    return cases.finish()


if __name__ == "__main__":
    sys.exit(main())
