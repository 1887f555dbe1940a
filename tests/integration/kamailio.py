"""Kamailio on loopback for the integration tests: a registrar and a
presence server (presence and dialog/BLF), started from
kamailio.cfg.in with a private db_text copy and a free port, stopped on
exit. Stdlib only.

    with Kamailio(tmpdir) as kam:
        kam.addr   # "127.0.0.1:PORT", for office_spec(registrar=...)

    with Kamailio(tmpdir, defines=("WITH_AUTH",)) as kam:
        kam.subscriber("reception", "secret")   # digest auth for one user

    with Kamailio(tmpdir, defines=("WITH_BUSY",)) as kam:
        kam.busy(5)   # 503 with Retry-After: 5 to every new request

A define turns on a part of kamailio.cfg.in kept behind `#!ifdef NAME`;
without any, the configuration is the plain registrar test_kamailio uses.
"""

import glob
import hashlib
import os
import shutil
import signal
import socket
import subprocess
import time

from office import free_port

HERE = os.path.dirname(os.path.abspath(__file__))
TABLES = ("version", "presentity", "active_watchers", "watchers", "xcap",
          "pua")
DBTEXT = "/usr/share/kamailio/dbtext/kamailio"


def kamailio_binary():
    return shutil.which("kamailio") or (
        "/usr/sbin/kamailio" if os.path.exists("/usr/sbin/kamailio")
        else None)


def module_dir():
    for cand in sorted(glob.glob("/usr/lib/*/kamailio/modules")) + [
            "/usr/lib/kamailio/modules"]:
        if os.path.exists(os.path.join(cand, "presence_dialoginfo.so")):
            return cand + "/"
    return None


def missing():
    """Why Kamailio cannot run here, or None."""
    if not kamailio_binary():
        return "kamailio is not installed"
    if not module_dir():
        return "kamailio-presence-modules is not installed"
    if not os.path.exists(os.path.join(DBTEXT, "presentity")):
        return "no db_text tables in " + DBTEXT
    return None


class Kamailio:
    def __init__(self, directory, defines=(), tls_cfg=None):
        """DEFINES: Kamailio preprocessor names to set (-A), e.g.
        WITH_AUTH. TLS_CFG: the path of a Kamailio tls.cfg; Kamailio then
        also listens for SIP over TLS on self.tls_addr (WITH_TLS)."""
        self.dir = os.path.join(directory, "kamailio")
        self.defines = tuple(defines)
        self.realm = "127.0.0.1"
        self.port = free_port(1)
        self.addr = "127.0.0.1:%d" % self.port
        self.tls_cfg = tls_cfg
        self.tls_port = free_port(1) if tls_cfg else None
        self.tls_addr = ("127.0.0.1:%d" % self.tls_port if tls_cfg
                         else None)
        self.log = os.path.join(self.dir, "kamailio.log")
        self.ctl = os.path.join(self.dir, "run", "ctl.sock")
        self.proc = None

    def start(self, timeout=20):
        why = missing()
        if why:
            raise RuntimeError(why)
        db = os.path.join(self.dir, "db")
        run = os.path.join(self.dir, "run")
        os.makedirs(db, exist_ok=True)
        os.makedirs(run, exist_ok=True)
        tables = TABLES + (("subscriber",) if "WITH_AUTH" in self.defines
                           else ()) + (
            ("rls_presentity", "rls_watchers") if "WITH_RLS" in self.defines
            else ())
        for t in tables:
            # a restart keeps the tables the test wrote (the subscribers)
            if not os.path.exists(os.path.join(db, t)):
                shutil.copy(os.path.join(DBTEXT, t), db)
        with open(os.path.join(HERE, "kamailio.cfg.in")) as f:
            cfg = f.read()
        cfg = (cfg.replace("@LISTEN@", self.addr)
               .replace("@MPATH@", module_dir()).replace("@DBDIR@", db)
               .replace("@CTL@", self.ctl)
               .replace("@TLS_LISTEN@", self.tls_addr or "")
               .replace("@TLSCFG@", self.tls_cfg or ""))
        path = os.path.join(self.dir, "kamailio.cfg")
        with open(path, "w") as f:
            f.write(cfg)
        logf = open(self.log, "w")
        defines = [a for d in self.defines for a in ("-A", d)]
        if self.tls_cfg:
            defines += ["-A", "WITH_TLS"]
        self.proc = subprocess.Popen(
            [kamailio_binary(), "-f", path, "-DD", "-E", "-Y", run,
             "-w", self.dir] + defines,
            stdout=logf, stderr=subprocess.STDOUT, start_new_session=True)
        logf.close()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError("kamailio exited (%d): see %s" % (
                    self.proc.returncode, self.log))
            if self.answers():
                return self
            time.sleep(0.1)
        self.stop()
        raise RuntimeError("kamailio did not answer on " + self.addr)

    def answers(self):
        """True if an OPTIONS to the server gets any answer."""
        msg = ("OPTIONS sip:%s SIP/2.0\r\n"
               "Via: SIP/2.0/UDP 127.0.0.1:9;branch=z9hG4bK-probe%d\r\n"
               "Max-Forwards: 5\r\nTo: <sip:%s>\r\n"
               "From: <sip:probe@127.0.0.1>;tag=probe\r\n"
               "Call-ID: probe-%d@127.0.0.1\r\nCSeq: 1 OPTIONS\r\n"
               "Content-Length: 0\r\n\r\n" % (
                   self.addr, time.monotonic_ns(), self.addr,
                   time.monotonic_ns()))
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            s.bind(("127.0.0.1", 0))
            msg = msg.replace("127.0.0.1:9", "127.0.0.1:%d" %
                              s.getsockname()[1])
            s.settimeout(0.3)
            try:
                s.sendto(msg.encode(), ("127.0.0.1", self.port))
                return s.recv(4096).startswith(b"SIP/2.0 ")
            except OSError:
                return False

    def subscriber(self, user, password):
        """Gives USER a PASSWORD (WITH_AUTH), before start()."""
        db = os.path.join(self.dir, "db")
        os.makedirs(db, exist_ok=True)
        path = os.path.join(db, "subscriber")
        if not os.path.exists(path):
            shutil.copy(os.path.join(DBTEXT, "subscriber"), db)
        # db_text refuses a row with an empty column: store the digest's
        # MD5(user:realm:password), and a placeholder for the clear
        # password auth_db does not read (calculate_ha1 0)
        ha1 = hashlib.md5(("%s:%s:%s" % (user, self.realm, password))
                          .encode()).hexdigest()
        with open(path) as f:
            rows = f.read().splitlines()
        head, rows = rows[0], [r for r in rows[1:] if r.strip()]
        rows = [r for r in rows if r.split(":")[1] != user]
        ha1b = hashlib.md5(("%s@%s:%s:%s" % (user, self.realm, self.realm,
                                              password)).encode()).hexdigest()
        rows.append("%d:%s:%s:unused:%s:%s" % (len(rows) + 1, user, self.realm,
                                         ha1, ha1b))
        with open(path, "w") as f:
            f.write("\n".join([head] + rows) + "\n")

    def resource_list(self, watcher, service, entries):
        """Serves SERVICE (a SIP URI) to WATCHER (a user of this server)
        as a resource list of ENTRIES (SIP URIs), for presence and dialog
        (WITH_RLS), before start(): a row of the xcap table holding the
        watcher's rls-services document (RFC 4826)."""
        db = os.path.join(self.dir, "db")
        os.makedirs(db, exist_ok=True)
        path = os.path.join(db, "xcap")
        if not os.path.exists(path):
            shutil.copy(os.path.join(DBTEXT, "xcap"), db)
        doc = ('<?xml version="1.0" encoding="UTF-8"?>'
               '<rls-services xmlns="urn:ietf:params:xml:ns:rls-services" '
               'xmlns:rl="urn:ietf:params:xml:ns:resource-lists">'
               '<service uri="%s"><list>%s</list><packages>'
               '<package>presence</package><package>dialog</package>'
               '</packages></service></rls-services>' % (
                   service, "".join('<rl:entry uri="%s"/>' % e
                                    for e in entries)))
        # db_text: ':' separates columns, so it is escaped in a value
        esc = doc.replace("\\", "\\\\").replace(":", "\\:")
        with open(path) as f:
            rows = [r for r in f.read().splitlines() if r.strip()]
        # doc_type 8: rls-services (xcap_client's RLS_SERVICE, 1 << 3)
        rows.append("%d:%s:%s:%s:8:etag%d:0:rls-services:0" % (
            len(rows), watcher, self.realm, esc, len(rows)))
        with open(path, "w") as f:
            f.write("\n".join(rows) + "\n")

    def busy(self, retry_after):
        """WITH_BUSY: from now on every new request is answered 503 with
        Retry-After: RETRY_AFTER (1: with none; 0: the server is well)."""
        subprocess.run(["kamcmd", "-s", "unix:" + self.ctl, "pv.shvSet",
                        "busy", "int", str(retry_after)], check=True,
                       capture_output=True, timeout=10)

    def lines(self, pattern):
        """The lines of the log that contain PATTERN."""
        try:
            with open(self.log, errors="replace") as f:
                return [line for line in f if pattern in line]
        except OSError:
            return []

    def count(self, pattern):
        """How many lines of the log contain PATTERN."""
        return len(self.lines(pattern))

    def stop(self):
        if not self.proc or self.proc.poll() is not None:
            return
        try:
            os.killpg(self.proc.pid, signal.SIGTERM)
            self.proc.wait(timeout=10)
        except (OSError, subprocess.TimeoutExpired):
            try:
                os.killpg(self.proc.pid, signal.SIGKILL)
            except OSError:
                pass
            self.proc.wait()

    def log_tail(self, n=30):
        try:
            with open(self.log, errors="replace") as f:
                return "".join(f.readlines()[-n:])
        except OSError:
            return ""

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()
