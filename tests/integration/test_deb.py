#!/usr/bin/env python3
"""The Debian package: built, checked by lintian, installed and run.

  `dpkg-buildpackage -us -uc -b` in a copy of the source tree (the
  repository stays clean) makes cordboard_VERSION_ARCH.deb; its Depends
  name the Debian packages it needs (baresip-core and the libraries
  dpkg-shlibdeps found) and apt can resolve them; lintian finds no error;
  LICENSE and CHANGELOG.md are in /usr/share/doc/cordboard. Then the
  package's own cordboard runs `--version` and `--check-config` on its
  sample config, and the keymap and theme it names are the package's.

Installed how: `dpkg -i` into the system when root on a throwaway
machine (CI: $CI set, or CORDBOARD_TEST_DPKG_INSTALL=1), removed again
at the end; anywhere else `dpkg -x` into a temporary directory, which
runs as is because an installed cordboard finds its files from its own
path (src/config/places.h) - a developer's machine is left alone.
The build takes about 25 s on 2 cores (it runs the unit suite too).
"""

import glob
import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from console import Cases, expect  # noqa: E402


def source_root():
    return os.environ.get("CORDBOARD_SOURCE_ROOT") or os.path.dirname(
        os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def copy_source(dest):
    """The source tree as git sees it (tracked and new, not ignored: no
    build dirs), else everything but build dirs."""
    src = source_root()
    if os.path.isdir(os.path.join(src, ".git")) or os.path.isfile(
            os.path.join(src, ".git")):
        names = subprocess.run(
            ["git", "-C", src, "ls-files", "-z", "-co", "--exclude-standard"],
            check=True, capture_output=True).stdout.split(b"\0")
        for name in filter(None, names):
            name = name.decode()
            if not os.path.lexists(os.path.join(src, name)):
                continue    # deleted in the work tree, not yet committed
            os.makedirs(os.path.dirname(os.path.join(dest, name)),
                        exist_ok=True)
            shutil.copy2(os.path.join(src, name), os.path.join(dest, name),
                         follow_symlinks=False)
        return

    def build_dirs(where, names):
        return [n for n in names if n == ".git" or os.path.isdir(
            os.path.join(where, n, "meson-private"))]
    shutil.copytree(src, dest, ignore=build_dirs, symlinks=True)


def system_install_allowed():
    return os.geteuid() == 0 and (
        os.environ.get("CORDBOARD_TEST_DPKG_INSTALL") == "1" or
        bool(os.environ.get("CI")))


class Package:
    def __init__(self, tmp):
        self.tmp = tmp
        tree = os.path.join(tmp, "cordboard")
        copy_source(tree)
        env = dict(os.environ, DEB_BUILD_OPTIONS="parallel=2")
        for k in ("CORDBOARD_BUILD_ROOT", "CORDBOARD_SOURCE_ROOT",
                  "LD_LIBRARY_PATH", "MESON_TESTTHREADS"):
            env.pop(k, None)
        p = subprocess.run(["nice", "dpkg-buildpackage", "-us", "-uc", "-b"],
                           cwd=tree, env=env, capture_output=True,
                           text=True)
        self.log = p.stdout + p.stderr
        if p.returncode:
            raise AssertionError("dpkg-buildpackage failed:\n%s" %
                                 self.log[-6000:])
        debs = glob.glob(os.path.join(tmp, "cordboard_*.deb"))
        if len(debs) != 1:
            raise AssertionError("built: %r" % os.listdir(tmp))
        self.deb = debs[0]
        self.changes = glob.glob(os.path.join(tmp, "cordboard_*.changes"))[0]
        self.root = None        # where it is installed: "/" or a temp dir
        self.in_system = False

    def field(self, name):
        return subprocess.run(["dpkg-deb", "-f", self.deb, name], check=True,
                              capture_output=True, text=True).stdout.strip()

    def files(self):
        out = subprocess.run(["dpkg-deb", "-c", self.deb], check=True,
                             capture_output=True, text=True).stdout
        return [line.split(None, 5)[5].lstrip(".") for line in
                out.splitlines()]

    def install(self):
        if system_install_allowed():
            p = subprocess.run(["dpkg", "-i", self.deb], capture_output=True,
                               text=True)
            expect(p.returncode == 0, "dpkg -i: %s%s" % (p.stdout, p.stderr))
            self.root, self.in_system = "/", True
        else:
            self.root = os.path.join(self.tmp, "unpacked")
            subprocess.run(["dpkg", "-x", self.deb, self.root], check=True)

    def remove(self):
        if self.in_system:
            subprocess.run(["dpkg", "-r", "cordboard"], capture_output=True)

    def path(self, installed):
        return os.path.join(self.root, installed.lstrip("/"))

    def run(self, *args):
        home = os.path.join(self.tmp, "home")
        os.makedirs(home, exist_ok=True)
        env = dict(os.environ, HOME=home, XDG_CONFIG_HOME=home,
                   LANG="C.UTF-8")
        for k in ("CORDBOARD_MODULE_DIR", "LD_LIBRARY_PATH"):
            env.pop(k, None)
        return subprocess.run([self.path("/usr/bin/cordboard")] + list(args),
                              env=env, stdin=subprocess.DEVNULL,
                              capture_output=True, text=True, timeout=30)


def depends_name_what_it_needs(pkg):
    deps = [d.strip().split()[0] for d in pkg.field("Depends").split(",")]
    for need in ("baresip-core", "libc6", "libncursesw6", "libconfuse2",
                 "libxml2", "libre0"):
        expect(need in deps, "Depends %r lacks %s" % (deps, need))
    # apt resolves them (the .deb's own Depends, not what is installed)
    p = subprocess.run(["apt-get", "-s", "-q", "install", pkg.deb],
                       capture_output=True, text=True)
    expect(p.returncode == 0, "apt-get -s install: %s%s" % (p.stdout,
                                                            p.stderr))


def lintian_finds_no_error(pkg):
    p = subprocess.run(["lintian", pkg.changes], capture_output=True,
                       text=True)
    errors = [line for line in (p.stdout + p.stderr).splitlines()
              if line.startswith("E:")]
    expect(not errors and p.returncode == 0, "lintian (exit %d):\n%s%s" %
           (p.returncode, p.stdout, p.stderr))


def ships_license_changelog_and_files(pkg):
    files = pkg.files()
    for want in ("/usr/bin/cordboard",
                 "/usr/lib/%s/cordboard/cordboard.so" % multiarch(),
                 "/usr/share/cordboard/keymaps/default.keymap",
                 "/usr/share/cordboard/themes/default.theme",
                 "/usr/share/doc/cordboard/LICENSE",
                 "/usr/share/doc/cordboard/copyright",
                 "/usr/share/doc/cordboard/examples/cordboard.conf",
                 "/usr/share/man/man1/cordboard.1.gz"):
        expect(want in files, "%s not in the package:\n%s" %
               (want, "\n".join(files)))
    expect("/usr/share/doc/cordboard/CHANGELOG.md" in files or
           "/usr/share/doc/cordboard/CHANGELOG.md.gz" in files,
           "CHANGELOG.md not in the package:\n%s" % "\n".join(files))


def multiarch():
    return subprocess.run(["dpkg-architecture", "-qDEB_HOST_MULTIARCH"],
                          check=True, capture_output=True,
                          text=True).stdout.strip()


def installed_version(pkg):
    p = pkg.run("--version")
    want = "cordboard %s " % pkg.field("Version").split("-")[0]
    expect(p.returncode == 0 and p.stdout.startswith(want),
           "--version: %d %r %r" % (p.returncode, p.stdout, p.stderr))


def installed_sample_checks(pkg):
    sample = pkg.path("/usr/share/doc/cordboard/examples/cordboard.conf")
    data = pkg.path("/usr/share/cordboard")
    p = pkg.run("--check-config", sample)
    want = "%s: ok (keymap %s/keymaps/default.keymap, theme " \
           "%s/themes/default.theme)" % (sample, data, data)
    expect(p.returncode == 0 and p.stdout.strip() == want,
           "--check-config: %d %r %r, want %r" % (p.returncode, p.stdout,
                                                  p.stderr, want))


def main():
    cases = Cases()
    with tempfile.TemporaryDirectory(prefix="cordboard-deb-") as tmp:
        pkg = Package(tmp)
        cases.run_all([
            ("Depends names the Debian packages it needs",
             depends_name_what_it_needs),
            ("lintian finds no error", lintian_finds_no_error),
            ("the package ships its files, LICENSE and CHANGELOG",
             ships_license_changelog_and_files)], pkg)
        pkg.install()
        try:
            print("installed with %s" % ("dpkg -i" if pkg.in_system else
                                         "dpkg -x into " + pkg.root),
                  flush=True)
            cases.run_all([
                ("the package's cordboard --version", installed_version),
                ("the package's sample config checks with its files",
                 installed_sample_checks)], pkg)
        finally:
            pkg.remove()
    return cases.finish()


if __name__ == "__main__":
    sys.exit(main())
