#!/usr/bin/env python3
"""Conference benchmark (figures, never pass/fail): what the console's
mixer (src/sip/mixing.c, mixer.c) costs and what it adds to the delay.

1. CPU of the console's baresip process (every thread, from
   /proc/PID/task/*/schedstat, sampled each second; and utime+stime of
   /proc/PID/stat over the whole interval) with: no call, one call, a
   consult (caller held, colleague talking: two legs, not merged), and
   conferences of 2, 3, 4 and 5 legs. The far ends are a stock baresip
   (auto answer, ausine tone) that calls the console again for each leg;
   it is run twice: with g711 only (PCMU, 8 kHz legs) and with opus only
   (48 kHz stereo legs; BENCH_WIDEBAND_CODEC=l16 for L16/48000/2).
   The console loads no 48 kHz codec of its own (src/app/files.c writes
   "module g711.so" and nothing else): this benchmark has it load one
   through audio.ring_device = "opus,x" (the launcher writes a module
   line for the ringer's module), a workaround, said so in the output.

2. Delay added by the mixer, on the wire: a packet socket on lo
   timestamps (kernel time) every RTP packet of the office and the
   console, and the office's PCMU is decoded here. ACME (440 Hz) and
   Alice (880 Hz) are in a conference; ACME puts the console on hold and
   takes it off again (office_hold), so its tone stops and starts at the
   console's input; the same tone edge is then found in what the console
   sends Alice. The difference is the delay the console adds (its
   jitter buffer, decode, mixer buffers, 20 ms tick, encode); Alice's
   own jitter buffer and decoder are the same with or without the
   console. The onset edge gives the steady-state delay; the end edge
   looks shorter because the last frames of ACME's burst are still in
   the console's jitter buffer when its packets stop. Baseline: ACME
   calls Alice directly, same hold/resume, where that difference is 0
   by construction and "office_hold command -> edge on the wire to
   Alice" is the comparable figure. Also the operator's keys: S (split:
   Alice must stop hearing ACME) and m (merge: Alice starts hearing
   ACME), from the keystroke to the edge in Alice's stream.

Needs root (packet socket on lo). The machine may be busy: every figure
is a median over samples or rounds, with its spread."""

import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time

from benchlib import (ROUNDS, figure, proc_counts,  # noqa: E402
                      spawn_console, stop_console, wait)
from rtp_tap import RtpSniffer, edge, flows, tone_power, udp_ports  # noqa
from office import (Office, free_port, hears, office_spec,  # noqa
                    write_office)

CPU_SECONDS = float(os.environ.get("BENCH_CPU_SECONDS", "6"))
SETTLE = 1.5                     # s after a change before measuring
LAT_ROUNDS = int(os.environ.get("BENCH_CONF_ROUNDS", str(min(ROUNDS, 8))))
WIDEBAND = os.environ.get("BENCH_WIDEBAND_CODEC", "opus")
if WIDEBAND not in ("opus", "l16"):
    WIDEBAND = "opus"
BARESIP = "/usr/bin/baresip"
MODULES = "/usr/lib/baresip/modules"
ACME_HZ, ALICE_HZ = 440, 880


# -- the console's control socket ----------------------------------------

class Ctl:
    """The console's control socket: actions in, replies and events out."""

    def __init__(self, path, timeout=20):
        self.sock = wait(lambda: self._connect(path), timeout,
                         "the console's control socket")
        self.buf = b""
        self.events = []

    @staticmethod
    def _connect(path):
        s = socket.socket(socket.AF_UNIX)
        try:
            s.connect(path)
            return s
        except OSError:
            s.close()
            return None

    def _line(self, deadline):
        while b"\n" not in self.buf:
            left = deadline - time.monotonic()
            if left <= 0:
                raise RuntimeError("no line from the console's socket")
            self.sock.settimeout(left)
            try:
                chunk = self.sock.recv(65536)
            except socket.timeout:
                continue
            if not chunk:
                raise RuntimeError("the console closed its socket")
            self.buf += chunk
        line, self.buf = self.buf.split(b"\n", 1)
        return json.loads(line)

    def run(self, action, timeout=10):
        self.sock.sendall(action.encode() + b"\n")
        deadline = time.monotonic() + timeout
        while True:
            msg = self._line(deadline)
            if "reply" in msg:
                if msg["reply"] != "ok":
                    raise RuntimeError("%s: %s" % (action, msg))
                return msg
            self.events.append(msg)

    def event(self, name, text=None, timeout=20):
        """Waits for (and consumes) event NAME [with TEXT]."""
        def match(e):
            # the machine words are in detail when text is a sentence
            return e.get("event") == name and (
                text is None or e.get("detail", e.get("text")) == text)
        deadline = time.monotonic() + timeout
        while True:
            for e in self.events:
                if match(e):
                    self.events.remove(e)
                    return e
            self.events.append(self._line(deadline))

    def texts(self):
        return [e.get("detail", e.get("text", "")) for e in self.events]


# -- process counters ------------------------------------------------------

def thread_ns(pid):
    """{tid: ns on a CPU} of every thread of PID (schedstat)."""
    out = {}
    for tid in os.listdir("/proc/%d/task" % pid):
        try:
            with open("/proc/%d/task/%s/schedstat" % (pid, tid)) as f:
                out[int(tid)] = int(f.read().split()[0])
        except OSError:
            pass
    return out


def measure_cpu(pid, seconds=CPU_SECONDS):
    """CPU % of PID over SECONDS: per 1 s sample (all threads, the main
    thread, the others), and utime+stime over the whole interval."""
    cpu0 = proc_counts(pid)[0]
    t_start = time.monotonic()
    prev, t_prev = thread_ns(pid), t_start
    total, main, other = [], [], []
    for _ in range(max(1, int(round(seconds)))):
        time.sleep(1.0)
        now, t_now = thread_ns(pid), time.monotonic()
        dt = (t_now - t_prev) * 1e9
        d = {tid: ns - prev.get(tid, 0) for tid, ns in now.items()}
        total.append(100 * sum(d.values()) / dt)
        main.append(100 * d.get(pid, 0) / dt)
        other.append(100 * sum(v for k, v in d.items() if k != pid) / dt)
        prev, t_prev = now, t_now
    stat = 100 * (proc_counts(pid)[0] - cpu0) / (time.monotonic() - t_start)
    return {"median": statistics.median(total), "min": min(total),
            "max": max(total), "main": statistics.median(main),
            "other": statistics.median(other), "stat": stat,
            "threads": len(prev), "samples": total}


# -- a stock baresip as the far ends ---------------------------------------

class FarEnd:
    """A stock baresip that answers automatically and sends a tone; it
    calls the console through its ctrl_tcp "dial" (menu module)."""

    def __init__(self, tmp, codec_module):
        self.port, self.ctrl = free_port(2), free_port(1)
        self.dir = os.path.join(tmp, "far-" + codec_module.split(".")[0])
        os.makedirs(self.dir)
        with open(os.path.join(self.dir, "config"), "w") as f:
            f.write("sip_listen 127.0.0.1:%d\nnet_interface 127.0.0.1\n"
                    "call_max_calls 16\nmodule_path %s\nmodule %s\n"
                    "module ausine.so\naudio_source ausine,%d\n"
                    "ausrc_srate 48000\nausrc_channels 2\n"
                    "audio_player none,none\naudio_alert none,none\n"
                    "module account.so\nmodule menu.so\n"
                    "module ctrl_tcp.so\nctrl_tcp_listen 127.0.0.1:%d\n"
                    % (self.port, MODULES, codec_module, ACME_HZ,
                       self.ctrl))
        with open(os.path.join(self.dir, "accounts"), "w") as f:
            f.write("<sip:far@127.0.0.1:%d>;regint=0;answermode=auto\n"
                    % self.port)
        open(os.path.join(self.dir, "contacts"), "w").close()
        self.log = open(os.path.join(self.dir, "log"), "wb")
        self.proc = subprocess.Popen([BARESIP, "-f", self.dir],
                                     stdin=subprocess.DEVNULL,
                                     stdout=self.log, stderr=self.log)
        self.sock = wait(self._connect, 20, "the far end's ctrl_tcp")
        self.sock.setblocking(False)

    @property
    def uri(self):
        return "sip:far@127.0.0.1:%d" % self.port

    def _connect(self):
        try:
            return socket.create_connection(("127.0.0.1", self.ctrl), 1)
        except OSError:
            return None

    def cmd(self, command, params=""):
        data = json.dumps({"command": command, "params": params,
                           "token": "b"}).encode()
        self.sock.sendall(b"%d:%s," % (len(data), data))
        try:       # replies are not needed; keep the socket drained
            while self.sock.recv(65536):
                pass
        except OSError:
            pass

    def codecs_used(self):
        with open(os.path.join(self.dir, "log"), "rb") as f:
            text = f.read().decode("utf-8", "replace")
        return sorted({l.split("decoder:", 1)[1].strip()
                       for l in text.splitlines() if "decoder:" in l})

    def stop(self):
        self.sock.close()
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        self.log.close()


def console_conf(tmp, port, audio, extensions):
    conf = os.path.join(tmp, "cordboard.conf")
    with open(conf, "w") as f:
        f.write('account { listen = "127.0.0.1:%d" }\naudio { %s }\n'
                % (port, audio))
        for num, (name, uri) in extensions.items():
            f.write('extension "%s" { name = "%s" uri = "%s" }\n'
                    % (num, name, uri))
    return conf


# -- 1. CPU per leg ---------------------------------------------------------

def cpu_run(tmp, codec_module, label):
    """Builds a conference leg by leg; returns [(configuration, figures)]."""
    os.makedirs(tmp)
    far = FarEnd(tmp, codec_module)
    port = free_port(2)
    # the same console configuration at both rates: the console's own
    # silent source, as with device "none" (which would refuse a
    # ring_device), and the wide-band codec loaded as the "ringer"
    conf = console_conf(tmp, port, 'device = "cordboard,silence" '
                        'ring_device = "%s,x"' % WIDEBAND,
                        {"201": ("Far", far.uri)})
    pid, fd, _ = spawn_console(conf, tmp)
    console = "sip:reception@127.0.0.1:%d" % port
    rows = []
    try:
        ctl = Ctl(os.path.join(tmp, "cordboard", "default.ctl"))
        time.sleep(SETTLE)

        def step(name):
            time.sleep(SETTLE)
            rows.append((name, measure_cpu(pid)))
            r = rows[-1][1]
            print("  %-40s %5.2f%%  (%d threads)" % (name, r["median"],
                                                    r["threads"]),
                  flush=True)

        def incoming():
            far.cmd("dial", console)
            ctl.event("line_offered")
            ctl.run("answer")
            ctl.event("line_answered")

        print("%s: console CPU, median of %d one-second samples:"
              % (label, max(1, int(round(CPU_SECONDS)))), flush=True)
        step("no call")
        incoming()
        step("1 call talking (no mixer)")
        ctl.run("consult 201")
        ctl.event("line_answered")
        step("consult: caller held + colleague (2 legs)")
        ctl.run("merge")
        ctl.event("conference", "merged")
        step("conference of 2")
        for n in (3, 4, 5):
            incoming()
            ctl.run("merge")
            ctl.event("conference", "added")
            step("conference of %d" % n)
        bad = [t for t in ctl.texts() if "cannot be mixed" in t]
        if bad:
            print("  WARNING: %s" % bad[0])
        print("  far end's decoders: %s" % ", ".join(far.codecs_used()))
    finally:
        stop_console(pid, fd, b"qy")
        far.stop()
    return rows


def cpu_report(label, rows):
    print("%s: CPU of the console process (%% of one core; median of "
          "1 s samples [min-max]; main thread / other threads (mixer); "
          "utime+stime over the interval):" % label)
    for name, r in rows:
        print("  %-42s %5.2f%% [%5.2f-%5.2f]  main %5.2f  other %5.2f  "
              "stat %5.2f" % (name, r["median"], r["min"], r["max"],
                              r["main"], r["other"], r["stat"]))
    by = dict(rows)
    conf = [(n, by["conference of %d" % n]["median"]) for n in range(2, 6)]
    steps = ["%d->%d: %+.2f" % (a[0], b[0], b[1] - a[1])
             for a, b in zip(conf, conf[1:])]
    xs = [n for n, _ in conf]
    ys = [c for _, c in conf]
    mx, my = statistics.mean(xs), statistics.mean(ys)
    slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / \
        sum((x - mx) ** 2 for x in xs)
    print("  per added leg: %s; least squares over 2..5 legs: %.2f%% "
          "per leg" % (", ".join(steps), slope))
    print("  merging the consult (conference of 2 - consult): %+.2f%%; "
          "a talking call without mixer costs %.2f%% over no call" % (
              by["conference of 2"]["median"] -
              by["consult: caller held + colleague (2 legs)"]["median"],
              by["1 call talking (no mixer)"]["median"] -
              by["no call"]["median"]))
    return slope


# -- 2. delay on the wire -------------------------------------------------

def flow_tone(flow):
    """The office tone a flow carries most of (or None: silence)."""
    power = {ACME_HZ: 0.0, ALICE_HZ: 0.0}
    for t, x in flow[len(flow) // 2:len(flow) // 2 + 25]:
        for hz in power:
            power[hz] += tone_power(x, hz)
    hz = max(power, key=power.get)
    return hz if power[hz] > 1e-3 else None


def ms_summary(v):
    if not v:
        return "no rounds"
    v = sorted(v)
    return "median %6.1f ms  [%6.1f .. %6.1f]  (n=%d)" % (
        statistics.median(v), v[0], v[-1], len(v))


def hold_rounds(office, uid, rounds):
    """UID holds its call and takes it back ROUNDS times; returns the
    (hold command time, resume command time) pairs, wall clock."""
    marks = []
    for _ in range(rounds):
        t_off = time.time()
        office.cmd("office_hold", uid + " on")
        time.sleep(0.9)
        t_on = time.time()
        office.cmd("office_hold", uid + " off")
        time.sleep(1.1)
        marks.append((t_off, t_on))
    return marks


def analyse_hold(marks, src, dst):
    """SRC: the tone into the console (or direct), DST: what the listener
    gets. Per round: resume -> edge and hold -> edge on both."""
    res = {"on_in": [], "on_out": [], "off_in": [], "off_out": [],
           "on_add": [], "off_add": []}
    for t_off, t_on in marks:
        a_off = edge(src, t_off - 0.2, t_on, first=False)
        b_off = edge(dst, t_off - 0.2, t_on, first=False)
        a_on = edge(src, t_on, t_on + 1.0)
        b_on = edge(dst, t_on, t_on + 1.0)
        if None in (a_off, b_off, a_on, b_on):
            continue
        res["off_in"].append((a_off - t_off) * 1000)
        res["off_out"].append((b_off - t_off) * 1000)
        res["on_in"].append((a_on - t_on) * 1000)
        res["on_out"].append((b_on - t_on) * 1000)
        res["off_add"].append((b_off - a_off) * 1000)
        res["on_add"].append((b_on - a_on) * 1000)
    return res


def latency_run(tmp):
    os.makedirs(tmp)
    spec = office_spec(
        callers={"acme": {"name": "ACME Corp", "number": "+3315551234",
                          "tone": ACME_HZ}},
        colleagues={"201": {"name": "Alice", "answer": "auto",
                            "tone": ALICE_HZ}})
    port = free_port(2)
    conf = console_conf(tmp, port, 'device = "none"',
                        {"201": ("Alice", "sip:201@" + spec["listen"])})
    console = "sip:reception@127.0.0.1:%d" % port
    out = {}
    with Office(write_office(tmp, spec)) as office:
        opid = office.proc.pid
        # baseline: ACME calls Alice, no console
        office.cmd("office_call", "acme sip:201@" + spec["listen"])
        office.wait_for(lambda st: hears(st, "acme") == [ALICE_HZ] and
                        hears(st, "201") == [ACME_HZ],
                        what="ACME and Alice to hear each other")
        sn = RtpSniffer(udp_ports(opid))
        sn.start()
        time.sleep(0.5)
        marks = hold_rounds(office, "acme", LAT_ROUNDS)
        sn.stop = True
        sn.join()
        fl = flows(sn.packets)
        a2b = [f for k, f in fl.items() if flow_tone(f) == ACME_HZ]
        out["direct"] = analyse_hold(marks, a2b[0], a2b[0]) \
            if len(a2b) == 1 else None
        office.cmd("office_hangup", "acme")
        office.wait_for(lambda st: not any(u["calls"] for u in st["uas"]),
                        what="a quiet office")

        # the conference: ACME answered, Alice consulted, m
        pid, fd, _ = spawn_console(conf, tmp)
        try:
            ctl = Ctl(os.path.join(tmp, "cordboard", "default.ctl"))
            time.sleep(1.0)
            office.cmd("office_call", "acme " + console)
            ctl.event("line_offered")
            ctl.run("answer")
            ctl.event("line_answered")
            ctl.run("consult 201")
            ctl.event("line_answered")
            ctl.run("merge")
            ctl.event("conference", "merged")
            office.wait_for(lambda st: hears(st, "acme") == [ALICE_HZ] and
                            hears(st, "201") == [ACME_HZ],
                            what="ACME and Alice to hear each other")
            time.sleep(1.0)
            cports = udp_ports(pid)
            sn = RtpSniffer(cports)
            sn.start()
            time.sleep(0.5)
            marks = hold_rounds(office, "acme", LAT_ROUNDS)
            # the operator's keys: S, then m
            keys = []
            for _ in range(LAT_ROUNDS):
                t_s = time.time()
                os.write(fd, b"S")
                ctl.event("conference", "split", timeout=5)
                time.sleep(0.9)
                t_m = time.time()
                os.write(fd, b"m")
                ctl.event("conference", "merged", timeout=5)
                time.sleep(1.1)
                keys.append((t_s, t_m))
            sn.stop = True
            sn.join()
        finally:
            stop_console(pid, fd, b"qy")
        fl = flows(sn.packets)
        into = {k: f for k, f in fl.items()
                if k[1] in cports and k[0] not in cports}
        acme_in = [(k, f) for k, f in into.items()
                   if flow_tone(f) == ACME_HZ]
        alice_in = [k for k, f in into.items() if flow_tone(f) == ALICE_HZ]
        to_alice = [f for k, f in fl.items() if alice_in and
                    k == (alice_in[0][1], alice_in[0][0])]
        if len(acme_in) == 1 and len(to_alice) == 1:
            src, dst = acme_in[0][1], to_alice[0]
            out["conference"] = analyse_hold(marks, src, dst)
            out["keys"] = analyse_hold(keys, src, dst)
            out["ptime"] = _pacing(dst)
        else:
            print("could not find ACME's and Alice's RTP flows (%d, %d)"
                  % (len(acme_in), len(to_alice)))
    return out


def _pacing(flow):
    """Median and largest gap between the console's packets to Alice."""
    gaps = [(b[0] - a[0]) * 1000 for a, b in zip(flow, flow[1:])]
    return statistics.median(gaps), max(gaps)


def ms_rows(figures, rows):
    """One line per (label, key) of FIGURES, summarised in ms."""
    for label, key in rows:
        print("    %-53s %s" % (label, ms_summary(figures[key])))


def latency_report(res):
    print("Delay through the conference mixer, 8 kHz PCMU, on the wire "
          "(kernel timestamps on lo), %d rounds each. A packet's last "
          "sample is dated at its arrival, the others 1/8000 s apart "
          "before it, so an edge can precede its command by up to one "
          "20 ms frame:" % LAT_ROUNDS)
    d, c, k = res.get("direct"), res.get("conference"), res.get("keys")
    if d:
        print("  baseline, ACME calls Alice directly (no console: ACME's "
              "packet is Alice's packet, nothing added):")
        ms_rows(d, [("office_hold off -> ACME's tone on the wire to Alice:",
                     "on_out"),
                    ("office_hold on  -> ACME's tone ends on that wire:",
                     "off_out")])
    if c:
        print("  conference ACME + Alice through the console:")
        ms_rows(c, [("office_hold off -> ACME's tone reaches the console:",
                     "on_in"),
                    ("office_hold off -> ACME's tone on the wire to Alice:",
                     "on_out"),
                    ("ADDED by the console, tone onset (in -> out):",
                     "on_add"),
                    ("tone end (in -> out):", "off_add")])
        if d and d["on_out"] and c["on_out"]:
            print("    added mouth-to-ear vs the direct call (medians of "
                  "hold off -> tone to Alice): %.1f ms" % (
                      statistics.median(c["on_out"]) -
                      statistics.median(d["on_out"])))
        print("    (the onset is the steady-state delay: the console's "
              "jitter buffer (jitter_buffer_delay in its baresip config), "
              "the mixer's buffers and its 20 ms tick. When ACME stops, "
              "the frames still in the jitter buffer are flushed by the "
              "hold re-INVITE, never played: the end edge looks faster "
              "for that reason.)")
    if k:
        print("  the operator's keys (written to the console's terminal):")
        ms_rows(k, [("S -> Alice stops hearing ACME (last 440 Hz sample):",
                     "off_out"),
                    ("S -> ACME's tone stops reaching the console (held):",
                     "off_in"),
                    ("m -> ACME's tone reaches the console again:", "on_in"),
                    ("m -> Alice hears ACME (first 440 Hz sample):",
                     "on_out"),
                    ("m: console in -> out (mixer restarted):", "on_add")])
    if res.get("ptime"):
        print("  console -> Alice packet spacing: median %.1f ms, "
              "largest %.1f ms" % res["ptime"])


def main():
    if os.geteuid() != 0:
        print("needs root for the packet socket on lo; skipped")
        return 0
    print("Figures, not verdicts: 2 cores shared with whatever else runs; "
          "medians with [min .. max].", flush=True)
    with tempfile.TemporaryDirectory(prefix="cordboard-bench-") as tmp:
        narrow = cpu_run(os.path.join(tmp, "n"), "g711.so",
                         "8 kHz (PCMU)")
        wide = cpu_run(os.path.join(tmp, "w"), WIDEBAND + ".so",
                       "48 kHz (%s)" % WIDEBAND)
        lat = latency_run(os.path.join(tmp, "l"))
    print()
    s8 = cpu_report("8 kHz PCMU legs", narrow)
    s48 = cpu_report("48 kHz %s legs" % WIDEBAND, wide)
    print("  per leg, 48 kHz / 8 kHz: %.2f" % (s48 / s8 if s8 else
                                               float("nan")))
    print("  note: 48 kHz needs a codec the console does not load by "
          "itself (src/app/files.c writes only \"module g711.so\"; "
          "cordboard.conf has no codec option). Here it came from "
          "audio.ring_device = \"%s,x\", a workaround: the launcher "
          "writes a module line for the ringer's module (the ring tone "
          "then cannot play). The office (src/office/office_main.c) "
          "also loads g711 only, so the 48 kHz far ends are a stock "
          "baresip. A codecs option in cordboard.conf (module lines in "
          "app_baresip_config) and in the office file would make this "
          "unnecessary." % WIDEBAND)
    print()
    latency_report(lat)
    table_figures(narrow, s8, wide, s48, lat)
    return 0


def table_figures(narrow, s8, wide, s48, lat):
    """The lines scripts/bench collects into its table."""
    for label, rows, slope in (("8 kHz PCMU", narrow, s8),
                               ("48 kHz " + WIDEBAND, wide, s48)):
        by = dict(rows)
        for name in ("1 call talking (no mixer)", "conference of 5"):
            figure("console CPU, %s, %s" % (name, label),
                   by[name]["samples"], "% core",
                   note="1 s samples")
        figure("console CPU per added conference leg, %s" % label,
               [slope], "% core", note="least squares over 2..5 legs")
    c, k = lat.get("conference"), lat.get("keys")
    if c and c.get("on_add"):
        figure("delay added by the conference mixer (tone onset)",
               c["on_add"], "ms")
    if k and k.get("on_out"):
        figure("m (merge) keystroke -> Alice hears ACME", k["on_out"],
               "ms")


if __name__ == "__main__":
    sys.exit(main())
