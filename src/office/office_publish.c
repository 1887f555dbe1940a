/*
 * office_publish.c — with a registrar in the office file, every person's
 * phone registers there and PUBLISHes its presence (RFC 3903) to it, as
 * a desk phone does to a presence server: once registered, on every
 * change, and again before the publication expires. The server then is
 * the notifier; the office answers no SUBSCRIBE routed through it.
 *
 * One publication per person: its entity tag from the last 2xx goes
 * into SIP-If-Match of the next PUBLISH, so the server replaces the
 * document instead of adding one. A change while a PUBLISH is out waits
 * for its answer.
 */
#include <string.h>

#include "office.h"

enum {
	PUBLISH_EXPIRES = 600,      /* s */
	PUBLISH_RETRY_MS = 5000,    /* after a failure */
};

/* Outlives its member while a PUBLISH is out (the request's handler
 * holds a reference); member NULL then. */
struct office_pub {
	struct office_member *m;
	struct tmr tmr;             /* refresh, or retry after a failure */
	char *etag;                 /* SIP-ETag of our document, or NULL */
	char *state;                /* the document last sent */
	bool busy;                  /* a PUBLISH is out */
	bool again;                 /* changed meanwhile: publish again */
	unsigned published;         /* 2xx answers so far */
	uint16_t last_scode;
};

static void pub_send(struct office_pub *pub, bool force);

static void pub_destructor(void *arg)
{
	struct office_pub *pub = arg;

	tmr_cancel(&pub->tmr);
	mem_deref(pub->etag);
	mem_deref(pub->state);
}

static void pub_timer(void *arg)
{
	pub_send(arg, true);
}

static void pub_resp(int err, const struct sip_msg *msg, void *arg)
{
	struct office_pub *pub = arg;
	const struct sip_hdr *hdr;
	uint32_t expires = PUBLISH_EXPIRES;

	pub->busy = false;
	if (!pub->m)
		goto out;
	pub->last_scode = msg ? msg->scode : 0;
	if (err || !msg || msg->scode >= 300) {
		if (msg && msg->scode == 412 && pub->etag) {
			/* the server forgot our document: start afresh */
			pub->etag = mem_deref(pub->etag);
			pub_send(pub, true);
			goto out;
		}
		warning("office: %s: PUBLISH failed (%m %u)\n", pub->m->p.id,
			err, msg ? msg->scode : 0);
		tmr_start(&pub->tmr, PUBLISH_RETRY_MS, pub_timer, pub);
		goto out;
	}
	hdr = sip_msg_xhdr(msg, "SIP-ETag");
	pub->etag = mem_deref(pub->etag);
	if (hdr)
		(void)pl_strdup(&pub->etag, &hdr->val);
	if (pl_isset(&msg->expires) && pl_u32(&msg->expires))
		expires = pl_u32(&msg->expires);
	pub->published++;
	if (pub->again) {
		pub->again = false;
		pub_send(pub, false);
		goto out;
	}
	tmr_start(&pub->tmr, expires * 900ULL, pub_timer, pub);
 out:
	mem_deref(pub);
}

/* FORCE: also when the document is the one last sent (a refresh). */
static void pub_send(struct office_pub *pub, bool force)
{
	struct office_member *m = pub->m;
	struct mbuf *mb = NULL;
	char *state = NULL, *ifmatch = NULL;
	int err;

	if (!m || !m->ua || m->dead)
		return;
	if (pub->busy) {
		pub->again = true;
		return;
	}
	tmr_cancel(&pub->tmr);
	mb = mbuf_alloc(1024);
	err = mb ? 0 : ENOMEM;
	err = err ? err : office_body_state(&state, m, OFFICE_PKG_PRESENCE,
					    NULL, false);
	if (!err && !force && pub->state && !strcmp(state, pub->state)) {
		mem_deref(state);
		mem_deref(mb);
		return;
	}
	err = err ? err : office_body_write(mb, m, OFFICE_PKG_PRESENCE, 0,
					    state);
	if (!err && pub->etag)
		err = re_sdprintf(&ifmatch, "SIP-If-Match: %s\r\n",
				  pub->etag);
	if (!err) {
		mem_ref(pub);             /* for pub_resp */
		err = sip_req_send(m->ua, "PUBLISH", m->aor, pub_resp, pub,
				   "Event: presence\r\n"
				   "Expires: %u\r\n"
				   "%s"
				   "Content-Type: %s\r\n"
				   "Content-Length: %zu\r\n"
				   "\r\n"
				   "%b",
				   PUBLISH_EXPIRES, ifmatch ? ifmatch : "",
				   office_pkg_ctype(OFFICE_PKG_PRESENCE),
				   mb->end, mb->buf, mb->end);
		if (err)
			mem_deref(pub);
	}
	if (err) {
		warning("office: %s: cannot PUBLISH (%m)\n", m->p.id, err);
		tmr_start(&pub->tmr, PUBLISH_RETRY_MS, pub_timer, pub);
	}
	else {
		pub->busy = true;
		mem_deref(pub->state);
		pub->state = mem_ref(state);
	}
	mem_deref(ifmatch);
	mem_deref(state);
	mem_deref(mb);
}

int office_publish_alloc(struct office_member *m)
{
	struct office_pub *pub = mem_zalloc(sizeof(*pub), pub_destructor);

	if (!pub)
		return ENOMEM;
	pub->m = m;
	tmr_init(&pub->tmr);
	m->pub = pub;
	return 0;
}

void office_publish_free(struct office_member *m)
{
	struct office_pub *pub = m->pub;

	if (!pub)
		return;
	m->pub = NULL;
	pub->m = NULL;
	tmr_cancel(&pub->tmr);
	mem_deref(pub);
}

void office_publish_changed(struct office_member *m)
{
	/* nothing before the first registration: the server would not
	 * know whose it is */
	if (m->pub && m->ua && ua_isregistered(m->ua))
		pub_send(m->pub, false);
}

void office_publish_event(struct office_member *m, enum ua_event ev)
{
	if (ev == UA_EVENT_REGISTER_OK && m->pub && !m->pub->published &&
	    !m->pub->busy)
		pub_send(m->pub, true);
}

int office_publish_json(struct re_printf *pf, const struct office_member *m)
{
	if (!m->pub)
		return 0;
	return re_hprintf(pf, ",\"registered\":%s,\"published\":%u,"
			  "\"publish_scode\":%u",
			  m->ua && ua_isregistered(m->ua) ? "true" : "false",
			  m->pub->published, m->pub->last_scode);
}
