#!/usr/bin/env python3
"""An installed cordboard finds its own files, as an admin installs it.

  `meson install --destdir TMP --strip` of this build, then every
  program run from TMP, never from the build tree: the installed files
  name no path of the source or build tree; the installed `cordboard
  --version` and `--check-config` on the installed sample config (the
  keymap and theme it names are the installed ones); and a scripted
  session - an installed console with the installed vi keymap and
  high-contrast theme loads the installed cordboard.so into baresip,
  answers the office's caller and hands it to Alice: the office's ACME
  and Alice talk.

Why a DESTDIR copy can be run at all: an installed program reads its
prefix off its own path (src/config/places.h), so TMP/usr/local/bin/
cordboard finds TMP/usr/local/share/cordboard, not /usr/local's. The
same lets test_deb run a .deb unpacked with dpkg -x. Stripped, as a
package installs it: the debug info names the source files by design.
"""

import glob
import json
import os
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from console import Cases, Console, expect  # noqa: E402
from office import (Office, build_root, office_spec, talking,  # noqa: E402
                    write_office)


def source_root():
    return os.environ.get("CORDBOARD_SOURCE_ROOT") or os.path.dirname(
        os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def introspect(what):
    out = subprocess.run(["meson", "introspect", build_root(), what],
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out)


class Installed:
    """This build installed under DEST; paths of the installed files."""

    def __init__(self, dest):
        self.dest = dest
        p = subprocess.run(["meson", "install", "-C", build_root(),
                            "--no-rebuild", "--strip", "--destdir", dest],
                           capture_output=True, text=True)
        if p.returncode:
            raise AssertionError("meson install failed:\n%s%s" %
                                 (p.stdout, p.stderr))
        self.files = {os.path.basename(src): dest + to
                      for src, to in introspect("--installed").items()}

    def path(self, name):
        return self.files[name]

    def run(self, *args, home):
        env = dict(os.environ, HOME=home, XDG_CONFIG_HOME=home + "/config",
                   LANG="C.UTF-8")
        env.pop("CORDBOARD_MODULE_DIR", None)
        return subprocess.run([self.path("cordboard")] + list(args),
                              env=env, stdin=subprocess.DEVNULL,
                              capture_output=True, text=True, timeout=30)


def no_tree_path_in_installed_files(inst, home):
    trees = {os.path.realpath(source_root()).encode(),
             os.path.realpath(build_root()).encode()}
    found = []
    for root, _, names in os.walk(inst.dest):
        for name in names:
            path = os.path.join(root, name)
            with open(path, "rb") as f:
                data = f.read()
            found += ["%s names %s" % (path, t.decode())
                      for t in trees if t in data]
    expect(not found, "\n".join(found))
    expect(len(inst.files) >= 10, "installed: %r" % inst.files)


def installed_version(inst, home):
    p = inst.run("--version", home=home)
    want = "cordboard %s " % introspect("--projectinfo")["version"]
    expect(p.returncode == 0 and p.stdout.startswith(want),
           "--version: %d %r %r" % (p.returncode, p.stdout, p.stderr))


def installed_sample_checks(inst, home):
    sample = inst.path("cordboard.conf")
    expect(sample.startswith(inst.dest + "/"), sample)
    p = inst.run("--check-config", sample, home=home)
    data = os.path.dirname(inst.path("keymaps"))
    want = "%s: ok (keymap %s/keymaps/default.keymap, theme " \
           "%s/themes/default.theme)" % (sample, data, data)
    expect(p.returncode == 0 and p.stdout.strip() == want,
           "--check-config: %d %r %r, want %r" % (p.returncode, p.stdout,
                                                  p.stderr, want))
    expect(data.startswith(inst.dest + "/"), data)


def installed_console_transfers_a_caller(inst, home):
    d = os.path.join(home, "session")
    os.mkdir(d)
    script = os.path.join(d, "reception.script")
    with open(script, "w") as f:
        f.write("wait offered 30s\nanswer\nwait answered 10s\n"
                "consult 201\nwait established 20s\ncomplete\n"
                "wait transferred 20s\n")
    spec = office_spec(
        callers={"acme": {"name": "ACME Corp", "number": "+3315551234",
                          "tone": 440}},
        colleagues={"201": {"name": "Alice Martin", "answer": "auto",
                            "delay": 1, "tone": 880}})
    con = Console(d, binary=inst.path("cordboard"),
                  extensions={"201": {"name": "Alice Martin",
                                      "uri": "sip:201@" + spec["listen"]}},
                  extra_config='keymap = "vi"\ntheme = "high-contrast"\n',
                  env={"HOME": home, "XDG_CONFIG_HOME": home + "/config"},
                  args=["--script", script, "--script-exit"])
    spec = dict(spec, console=con.uri)
    with Office(write_office(d, spec)) as office, con:
        # the private baresip config the launcher wrote: which module
        configs = glob.glob(os.path.join(d, "cordboard-default-*",
                                         "config"))
        expect(len(configs) == 1, "runtime dirs: %r" % configs)
        with open(configs[0]) as f:
            module = [line.split(None, 1)[1].strip() for line in f
                      if line.startswith("module_app")]
        loaded = [os.path.realpath(os.path.join("/usr/lib/baresip/modules",
                                                m)) for m in module]
        expect(os.path.realpath(inst.path("cordboard.so")) in loaded,
               "baresip loads %r, not the installed %s" %
               (module, inst.path("cordboard.so")))
        office.cmd("office_call", "acme " + con.uri)
        office.wait_for(lambda st: talking(st, "acme", "201"),
                        what="ACME to talk to Alice through the installed "
                        "console")
        for _ in range(150):
            if not con.running():
                break
            time.sleep(0.1)
        expect(con.exit_status() == "console exited with 0",
               "the script ran to its end: %r" % con.exit_status())
        expect(talking(office.status(), "acme", "201"),
               "ACME and Alice still talk after the console left")
        office.cmd("office_hangup", "acme")


def main():
    cases = Cases()
    with tempfile.TemporaryDirectory(prefix="cordboard-install-") as tmp:
        home = os.path.join(tmp, "home")
        os.makedirs(home + "/config")
        inst = Installed(os.path.join(tmp, "dest"))
        cases.run_all([
            ("no installed file names the source or build tree",
             no_tree_path_in_installed_files),
            ("the installed cordboard --version", installed_version),
            ("the installed sample config checks with installed files",
             installed_sample_checks),
            ("an installed console hands the office's caller to Alice",
             installed_console_transfers_a_caller)], inst, home)
    return cases.finish()


if __name__ == "__main__":
    sys.exit(main())
