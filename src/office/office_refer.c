/*
 * office_refer.c — the transferee, done as a phone does it. baresip
 * 1.0.0 answers the REFER (202) and sends "100 Trying" by itself; the
 * rest is ours: read Refer-To (name-addr or addr-spec, its ?headers
 * percent-decoded, never used as a format string), call the target
 * without the header part, with "Replaces:" (and Referred-By) as custom
 * headers of the new INVITE, and tell the transferor how it ended: a
 * final sipfrag NOTIFY that always comes — 200 when the target answers,
 * its failure code, 408 when it rings longer than transfer_timeout (or
 * never answers at all), 487 when the transferee hangs up the new call
 * first, 500 when the call cannot even start.
 *
 * The new call does not inherit baresip's notifier (ua_call_alloc's
 * xcall): that would send the final NOTIFY from baresip's handlers,
 * with no timeout and no control over the reason phrase.
 */
#include <string.h>

#include "office.h"

/* One transfer in progress at a transferee. */
struct office_xfer {
	struct le le;
	struct office_member *m;
	struct call *xcall;         /* the call the REFER came in on */
	struct call *call;          /* the new call to the target */
	struct tmr tmr;
	bool final;                 /* the final NOTIFY went out */
};

/* The parts of a Refer-To value a transferee acts on. */
struct refer_target {
	struct pl uri;              /* without "?headers" */
	char *replaces;             /* decoded, or NULL */
	char *referred_by;          /* decoded, or NULL */
};

static void xfer_destructor(void *arg)
{
	struct office_xfer *x = arg;

	tmr_cancel(&x->tmr);
	list_unlink(&x->le);
}

static void target_reset(struct refer_target *t)
{
	t->replaces = mem_deref(t->replaces);
	t->referred_by = mem_deref(t->referred_by);
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* %XX-decodes a URI header value. Control characters (CR, LF, NUL...)
 * would end or split the header we put it in: EBADMSG. */
static int header_unescape(char **dst, const struct pl *val)
{
	struct mbuf *mb = mbuf_alloc(val->l + 1);
	size_t i;
	int err = 0;

	if (!mb)
		return ENOMEM;
	for (i = 0; i < val->l && !err; i++) {
		int c = (unsigned char)val->p[i];

		if (c == '%') {
			if (i + 2 >= val->l || hexval(val->p[i + 1]) < 0
			    || hexval(val->p[i + 2]) < 0) {
				err = EBADMSG;
				break;
			}
			c = hexval(val->p[i + 1]) * 16 + hexval(val->p[i + 2]);
			i += 2;
		}
		if (c < 0x20 || c == 0x7f) {
			err = EBADMSG;
			break;
		}
		err = mbuf_write_u8(mb, (uint8_t)c);
	}
	if (!err) {
		mb->pos = 0;
		err = mbuf_strdup(mb, dst, mb->end);
	}
	mem_deref(mb);
	return err;
}

/* "name=value&name=value": keep Replaces and Referred-By, decoded. */
static int headers_parse(struct refer_target *t, const struct pl *hdrs)
{
	struct pl rest = *hdrs;
	int err = 0;

	while (rest.l && !err) {
		const char *amp = pl_strchr(&rest, '&');
		struct pl one, name, val;

		one.p = rest.p;
		one.l = amp ? (size_t)(amp - rest.p) : rest.l;
		pl_advance(&rest, one.l + (amp ? 1 : 0));
		if (re_regex(one.p, one.l, "[^=]+=[^]*", &name, &val))
			continue;
		if (0 == pl_strcasecmp(&name, "Replaces") && !t->replaces)
			err = header_unescape(&t->replaces, &val);
		else if (0 == pl_strcasecmp(&name, "Referred-By")
			 && !t->referred_by)
			err = header_unescape(&t->referred_by, &val);
	}
	return err;
}

/* Refer-To: "<sip:201@h?Replaces=...>", "Name <sip:...>;p" or a bare
 * "sip:202@h". The URI is checked by libre's uri_decode. */
static int target_parse(struct refer_target *t, const char *value)
{
	struct sip_addr addr;
	struct pl pl, hdrs = PL_INIT;
	struct uri uri;
	const char *q;

	pl_set_str(&pl, value);
	if (0 == sip_addr_decode(&addr, &pl))
		t->uri = addr.auri;
	else
		t->uri = pl;
	q = pl_strchr(&t->uri, '?');
	if (q) {
		hdrs.p = q + 1;
		hdrs.l = (size_t)(t->uri.p + t->uri.l - hdrs.p);
		t->uri.l = (size_t)(q - t->uri.p);
	}
	if (!t->uri.l || uri_decode(&uri, &t->uri))
		return EINVAL;
	return headers_parse(t, &hdrs);
}

static struct office_xfer *xfer_by_call(const struct office_member *m,
					const struct call *call, bool xcall)
{
	struct le *le;

	for (le = m->xferl.head; le; le = le->next) {
		struct office_xfer *x = le->data;

		if (call && (xcall ? x->xcall : x->call) == call)
			return x;
	}
	return NULL;
}

/* A sipfrag NOTIFY to the transferor, on the call the REFER came in. */
static void xfer_notify(struct office_xfer *x, uint16_t scode,
			const char *reason)
{
	int err;

	if (x->final || !x->xcall || !office_member_has_call(x->m, x->xcall))
		return;
	if (scode >= 200)
		x->final = true;
	info("office: %s: NOTIFY sipfrag %u %s\n", x->m->p.id, scode, reason);
	err = call_notify_sipfrag(x->xcall, scode, "%s", reason);
	if (err)
		warning("office: %s: NOTIFY %u failed (%m)\n", x->m->p.id,
			scode, err);
}

static void xfer_timeout(void *arg)
{
	struct office_xfer *x = arg;
	struct office_member *m = x->m;
	struct call *call = x->call;

	info("office: %s: transfer target rang %u s: giving up\n", m->p.id,
	     m->p.transfer_timeout);
	xfer_notify(x, 408, "Request Timeout");
	mem_deref(x);
	if (call && office_member_has_call(m, call))
		office_member_end(m, call, 0, "Transfer timeout");
}

static int xfer_dial(struct office_member *m, struct call *xcall,
		     const struct refer_target *t, struct call **callp)
{
	struct list hdrs = LIST_INIT;
	struct call *call = NULL;
	char *uri = NULL;
	struct pl pl;
	int err;

	err = re_sdprintf(&uri, "<%r>", &t->uri);
	if (err)
		return err;
	if (t->replaces)
		err = custom_hdrs_add(&hdrs, "Replaces", "%s", t->replaces);
	if (!err && t->referred_by)
		err = custom_hdrs_add(&hdrs, "Referred-By", "%s",
				      t->referred_by);
	if (!err)
		err = ua_call_alloc(&call, m->ua, VIDMODE_OFF, NULL, NULL,
				    call_localuri(xcall), true);
	if (err)
		goto out;
	call_set_custom_hdrs(call, &hdrs);
	pl_set_str(&pl, uri);
	err = call_connect(call, &pl);
	if (err)
		call = mem_deref(call);
	*callp = call;
 out:
	list_flush(&hdrs);
	mem_deref(uri);
	return err;
}

/* UA_EVENT_CALL_TRANSFER: PRM is Refer-To as baresip passes it, cut at
 * 255 bytes; the SIP trace kept the whole header, and Referred-By. */
void office_refer_follow(struct office_member *m, struct call *xcall,
			 const char *prm)
{
	const struct office_refer_rec *rec;
	struct refer_target t;
	struct office_xfer *x;
	int err;

	memset(&t, 0, sizeof(t));
	rec = office_refer_rec_last(&m->refers_in, call_id(xcall));
	if (rec && str_isset(rec->refer_to))
		prm = rec->refer_to;
	mem_deref(xfer_by_call(m, xcall, true));  /* a newer REFER wins */
	x = mem_zalloc(sizeof(*x), xfer_destructor);
	if (!x)
		return;
	x->m = m;
	x->xcall = xcall;
	tmr_init(&x->tmr);
	list_append(&m->xferl, &x->le, x);

	err = target_parse(&t, prm ? prm : "");
	if (err) {
		warning("office: %s: bad Refer-To '%s' (%m)\n", m->p.id, prm,
			err);
		xfer_notify(x, 400, "Bad Refer-To");
		mem_deref(x);
		return;
	}
	if (!t.referred_by && rec && str_isset(rec->referred_by))
		(void)str_dup(&t.referred_by, rec->referred_by);
	info("office: %s transferred to %r%s%s\n", m->p.id, &t.uri,
	     t.replaces ? " replacing " : "", t.replaces ? t.replaces : "");

	err = xfer_dial(m, xcall, &t, &x->call);
	target_reset(&t);
	if (err) {
		warning("office: %s: transfer failed (%m)\n", m->p.id, err);
		xfer_notify(x, 500, "Server Internal Error");
		mem_deref(x);
		return;
	}
	tmr_start(&x->tmr, (uint64_t)m->p.transfer_timeout * 1000,
		  xfer_timeout, x);
}

/* "486 Busy Here" -> "Busy Here"; else the usual phrase. */
static const char *closed_reason(const char *prm, uint16_t scode,
				 char *buf, size_t sz)
{
	struct pl code, phrase;

	if (prm && 0 == re_regex(prm, strlen(prm), "[0-9]+ [^]+", &code,
				 &phrase) && pl_u32(&code) == scode) {
		(void)pl_strcpy(&phrase, buf, sz);
		return buf;
	}
	return office_reason_phrase(scode);
}

/* Events of the calls a transfer involves. */
void office_refer_event(struct office_member *m, enum ua_event ev,
			struct call *call, const char *prm)
{
	struct office_xfer *x;
	char buf[128];
	uint16_t scode;

	x = xfer_by_call(m, call, false);
	if (x && ev == UA_EVENT_CALL_ESTABLISHED) {
		xfer_notify(x, 200, "OK");
		mem_deref(x);
	}
	else if (x && ev == UA_EVENT_CALL_CLOSED) {
		scode = call_scode(call);
		if (scode >= 300)
			xfer_notify(x, scode, closed_reason(prm, scode, buf,
							    sizeof(buf)));
		else if (m->hangup_reason)      /* the transferee hung up */
			xfer_notify(x, 487, "Request Terminated");
		else if (prm && strstr(prm, "timed out"))
			xfer_notify(x, 408, "Request Timeout");
		else
			xfer_notify(x, 500, "Server Internal Error");
		mem_deref(x);
	}

	/* the REFER's own call is gone: the new call goes on, untold */
	x = xfer_by_call(m, call, true);
	if (x && (ev == UA_EVENT_CALL_CLOSED
		  || ev == UA_EVENT_CALL_TRANSFER_FAILED))
		x->xcall = NULL;
}
