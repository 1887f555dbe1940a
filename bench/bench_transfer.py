#!/usr/bin/env python3
"""Transfer benchmark (figures, never pass/fail): the T keystroke written
to the console's terminal during a consult, to the REFER leaving the
console on the wire; and, in the same run, the same operation asked of a
stock baresip through its own command interface (ctrl_tcp "transfer",
menu module) to its REFER on the wire. Prints both and the ratio; then
the console's T again with a slow disk (every fsync waits 100 ms,
bench/fsync_delay.c preloaded). Needs root (packet socket on lo)."""

import json
import os
import socket
import subprocess
import sys
import tempfile
import time

from benchlib import (ROUNDS, Sniffer, figure,  # noqa: E402
                      slow_disk_env, spawn_console, stop_console, summary,
                      wait)
from office import Office, calls, free_port, office_spec, write_office  # noqa

REFER = rb"^REFER "
SLOW_FSYNC_MS = 100   # each fsync of the slow-disk console


def established(st, uid, peer=None):
    cs = calls(st, uid)
    return any(c["state"] == "established" and (not peer or peer in c["peer"])
               for c in cs)


def quiet(office):
    for uid in ("acme", "201", "202"):
        office.cmd("office_hangup", uid, check=False)
    office.wait_for(lambda st: not any(u["calls"] for u in st["uas"]),
                    what="the office to be quiet")
    time.sleep(0.3)


def console_rounds(tmp, office, spec, env=None):
    port = free_port(2)
    console = "sip:reception@127.0.0.1:%d" % port
    conf = os.path.join(tmp, "cordboard.conf")
    with open(conf, "w") as f:
        f.write('account { listen = "127.0.0.1:%d" }\n'
                'audio { device = "none" }\n'
                'extension "201" { name = "Alice" uri = "sip:201@%s" }\n'
                % (port, spec["listen"]))
    pid, fd, _ = spawn_console(conf, tmp, env=env)
    lat = []
    try:
        time.sleep(1.5)
        sniff = Sniffer(port, REFER)
        sniff.start()
        for _ in range(ROUNDS):
            office.cmd("office_call", "acme " + console)
            office.wait_for(lambda st: calls(st, "acme"), what="ringing")
            time.sleep(0.2)
            os.write(fd, b"\r")
            office.wait_for(lambda st: established(st, "acme"),
                            what="answered")
            os.write(fd, b"c201\r")
            office.wait_for(lambda st: established(st, "201"),
                            what="consult answered")
            time.sleep(0.3)
            before = len(sniff.seen)
            t0 = time.monotonic()
            os.write(fd, b"T")
            t1 = wait(lambda: sniff.seen[before]
                      if len(sniff.seen) > before else None,
                      what="REFER from the console")
            lat.append((t1 - t0) * 1000)
            quiet(office)
        sniff.stop = True
    finally:
        stop_console(pid, fd, b"qy")
    return lat


def ctrl_send(sock, command, params):
    data = json.dumps({"command": command, "params": params,
                       "token": "b"}).encode()
    sock.sendall(b"%d:%s," % (len(data), data))


def stock_rounds(tmp, office, spec):
    port, ctrl = free_port(2), free_port(1)
    d = os.path.join(tmp, "stock")
    os.makedirs(d)
    with open(os.path.join(d, "config"), "w") as f:
        f.write("sip_listen 127.0.0.1:%d\nnet_interface 127.0.0.1\n"
                "module_path /usr/lib/baresip/modules\nmodule g711.so\n"
                "module ausine.so\naudio_source ausine,440\n"
                "ausrc_srate 48000\nausrc_channels 2\n"
                "audio_player none,none\naudio_alert none,none\n"
                "module account.so\nmodule menu.so\nmodule ctrl_tcp.so\n"
                "ctrl_tcp_listen 127.0.0.1:%d\n" % (port, ctrl))
    with open(os.path.join(d, "accounts"), "w") as f:
        f.write("<sip:stock@127.0.0.1>;regint=0;answermode=auto\n")
    open(os.path.join(d, "contacts"), "w").close()
    log = open(os.path.join(d, "log"), "wb")
    proc = subprocess.Popen(["/usr/bin/baresip", "-f", d],
                            stdin=subprocess.DEVNULL, stdout=log,
                            stderr=log)
    lat = []
    try:
        sock = wait(lambda: _connect(ctrl), what="stock ctrl_tcp")
        sniff = Sniffer(port, REFER)
        sniff.start()
        target = "sip:202@" + spec["listen"]
        for _ in range(ROUNDS):
            office.cmd("office_call", "acme sip:stock@127.0.0.1:%d" % port)
            office.wait_for(lambda st: established(st, "acme", "stock"),
                            what="stock baresip to answer")
            time.sleep(0.3)
            before = len(sniff.seen)
            t0 = time.monotonic()
            ctrl_send(sock, "transfer", target)
            t1 = wait(lambda: sniff.seen[before]
                      if len(sniff.seen) > before else None,
                      what="REFER from stock baresip")
            lat.append((t1 - t0) * 1000)
            quiet(office)
        sniff.stop = True
        sock.close()
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()
    return lat


def _connect(port):
    try:
        return socket.create_connection(("127.0.0.1", port), timeout=1)
    except OSError:
        return None


def main():
    if os.geteuid() != 0:
        print("needs root for the packet socket on lo; skipped")
        return 0
    with tempfile.TemporaryDirectory(prefix="cordboard-bench-") as tmp:
        spec = office_spec(
            callers={"acme": {"name": "ACME Corp", "number": "+3315551234"}},
            colleagues={"201": {"name": "Alice", "answer": "auto",
                                "delay": 0},
                        "202": {"name": "Bob", "answer": "auto",
                                "delay": 0}})
        with Office(write_office(tmp, spec)) as office:
            ours = console_rounds(tmp, office, spec)
            stock = stock_rounds(tmp, office, spec)
            slow = None
            env = slow_disk_env(SLOW_FSYNC_MS)
            if env:
                d = os.path.join(tmp, "slow-disk")
                os.makedirs(d)
                slow = console_rounds(d, office, spec, env=env)
    import statistics
    print("cordboard: T keystroke -> REFER on the wire, %d rounds: %s"
          % (len(ours), summary(ours)))
    print("stock baresip: ctrl_tcp transfer -> REFER on the wire, %d "
          "rounds: %s" % (len(stock), summary(stock)))
    print("ratio cordboard/stock (medians): %.2f" % (
        statistics.median(ours) / statistics.median(stock)))
    figure("T keystroke -> REFER on the wire", ours, "ms",
           baseline=stock, versus="stock baresip ctrl_tcp transfer",
           note="ours: attended, Replaces, 2 calls up; stock: blind, 1 call")
    figure("stock baresip: ctrl_tcp transfer -> REFER", stock, "ms")
    if slow:
        print("with every fsync %d ms: T keystroke -> REFER on the wire, "
              "%d rounds: %s" % (SLOW_FSYNC_MS, len(slow), summary(slow)))
        figure("T keystroke -> REFER, fsync %d ms" % SLOW_FSYNC_MS, slow,
               "ms", note="a slow disk (fsync_delay.c)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
