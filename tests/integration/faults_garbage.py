"""Hostile datagrams for the console's SIP port, from a raw UDP socket:
random bytes, a truncated INVITE, oversized messages and requests in the
spirit of RFC 4475 (written for cordboard, not copied from the RFC).

    for name, data in garbage(console_uri, office_host):
        send_udp(port, data)
"""

import random
import socket

__all__ = ["garbage", "send_udp"]


def _invite(ruri, extra="", body="", clen=None, method="INVITE",
            cseq="1 INVITE", via=None, crlf="\r\n"):
    """A request line and headers around EXTRA, BODY and CLEN."""
    via = via or ["SIP/2.0/UDP 127.0.0.1:5999;branch=z9hG4bK%08x"
                  % random.getrandbits(32)]
    lines = ["%s %s SIP/2.0" % (method, ruri)]
    lines += ["Via: %s" % v for v in via]
    lines += ["Max-Forwards: 70",
              "From: <sip:mallory@127.0.0.1:5999>;tag=%x"
              % random.getrandbits(32),
              "To: <%s>" % ruri,
              "Call-ID: garbage-%x@127.0.0.1" % random.getrandbits(48),
              "CSeq: %s" % cseq,
              "Contact: <sip:mallory@127.0.0.1:5999>"]
    if extra:
        lines.append(extra)
    lines.append("Content-Length: %s" % (len(body.encode())
                                         if clen is None else clen))
    return (crlf.join(lines) + crlf + crlf + body).encode()


def garbage(ruri, seed=4475):
    """(name, bytes) pairs to throw at RURI's UDP port; the same SEED
    gives the same bytes, so a failure can be replayed."""
    rng = random.Random(seed)
    sdp = ("v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\n"
           "c=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 9 RTP/AVP 0\r\n")
    whole = _invite(ruri, "Content-Type: application/sdp", sdp)
    out = []
    for i in range(8):
        out.append(("random bytes %d" % i,
                    bytes(rng.getrandbits(8)
                          for _ in range(rng.randrange(1, 1400)))))
    out.append(("empty datagram", b""))
    out.append(("CRLF keep-alive", b"\r\n\r\n"))
    for cut in (7, 40, len(whole) // 2, len(whole) - 5):
        out.append(("INVITE cut at %d bytes" % cut, whole[:cut]))
    pad = "X-Pad: " + "a" * 200
    out.append(("oversized INVITE (65400 bytes)",
                _invite(ruri, "\r\n".join([pad] * 320), sdp)[:65400]))
    out.append(("INVITE just under 64 KB", _invite(
        ruri, "\r\n".join([pad] * 300), sdp)))
    out.append(("over 64 KB in one datagram", None))   # sent as 2 parts
    out.append(("folded and spaced headers", _invite(
        ruri, "Subject  :\r\n   folded\r\n\tacross lines\r\n"
        "X-Empty:\r\nContent-Type : application/sdp", sdp,
        crlf="\r\n")))
    out.append(("escaped request URI", _invite(
        ruri.replace("reception", "re%63eption%00%ff%25"),
        "Content-Type: application/sdp", sdp)))
    out.append(("huge Content-Length", _invite(
        ruri, "Content-Type: application/sdp", sdp, clen="9999999999")))
    out.append(("negative Content-Length", _invite(
        ruri, "Content-Type: application/sdp", sdp, clen="-34")))
    out.append(("Content-Length longer than the body", _invite(
        ruri, "Content-Type: application/sdp", sdp, clen=len(sdp) + 300)))
    out.append(("no Call-ID, From or CSeq", (
        "INVITE %s SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:5999;"
        "branch=z9hG4bKnohdr\r\nTo: <%s>\r\nContent-Length: 0\r\n\r\n"
        % (ruri, ruri)).encode()))
    out.append(("unknown method", _invite(ruri, method="NEWMETHOD",
                                          cseq="8 NEWMETHOD")))
    out.append(("CSeq method differs from the request", _invite(
        ruri, cseq="8 OPTIONS")))
    out.append(("CSeq not a number", _invite(ruri, cseq="-1x INVITE")))
    out.append(("CSeq beyond 2**32", _invite(ruri,
                                             cseq="4294967301 INVITE")))
    out.append(("many Via headers", _invite(ruri, via=[
        "SIP/2.0/UDP 10.%d.%d.1:5060;branch=z9hG4bKv%d"
        % (i // 250, i % 250, i) for i in range(60)])))
    out.append(("Via with no branch or a bad host", _invite(ruri, via=[
        "SIP/2.0/UDP [::::1", "SIP/3.0/XYZ ;;;"])))
    out.append(("BYE and CANCEL for dialogs nobody has", _invite(
        ruri, method="BYE", cseq="2 BYE") + _invite(
            ruri, method="CANCEL", cseq="1 CANCEL")))
    out.append(("response to nothing", (
        "SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP 127.0.0.1:1;branch=z9hG4bKno\r\n"
        "From: <sip:a@b>;tag=1\r\nTo: <sip:c@d>;tag=2\r\nCall-ID: none\r\n"
        "CSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n").encode()))
    out.append(("NUL and high bytes in headers", _invite(
        ruri, "Subject: \x00\x7f\xff\x1b[2J\x1b]0;pwned\x07")))
    out.append(("SDP that is not SDP", _invite(
        ruri, "Content-Type: application/sdp",
        "v=9\r\nm=audio 99999999 RTP/AVP 0 0 0 0\r\nc=IN IP9 x\r\n")))
    return out


def send_udp(port, data, host="127.0.0.1"):
    """One datagram to HOST:PORT; data None sends 70000 bytes, which
    UDP cannot carry in one datagram, as two."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        if data is None:
            blob = b"INVITE sip:x SIP/2.0\r\n" + b"Y" * 70000
            try:
                s.sendto(blob, (host, port))
            except OSError:     # EMSGSIZE: the kernel refuses it
                s.sendto(blob[:65000], (host, port))
                s.sendto(blob[65000:], (host, port))
            return
        s.sendto(data, (host, port))
