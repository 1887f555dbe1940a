/*
 * publish.c — the console's own line state, PUBLISHed (RFC 3903) as
 * dialog-info (RFC 4235) for the operator's address, so the other
 * operators' consoles see this one on their board as they see a
 * colleague's phone: idle, ringing, in a call and with whom.
 *
 * The document is rebuilt from the board's lines one loop turn after
 * any call changed (several changes, one PUBLISH); the entity tag of
 * the last 2xx goes into SIP-If-Match so the server replaces it.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "baresip_abi.h"
#include "core/line.h"
#include "phone_int.h"
#include "sip.h"

enum {
	PUBLISH_EXPIRES_S = 600,
	PUBLISH_RETRY_MS = 5000,   /* after a failure */
};

/* Outlives sip_publish_free while a PUBLISH is out (its answer holds a
 * reference); board NULL then. */
struct sip_publish {
	struct board *board;
	struct ua *ua;
	char uri[256];
	char name[128];
	char contact[128];    /* HOST:PORT a parked caller is picked up at */
	struct tmr tmr;       /* the next PUBLISH: change, refresh, retry */
	char *etag;
	char body[4096];      /* the document last sent */
	unsigned version;
	bool busy;            /* a PUBLISH is out */
	bool again;           /* a change came meanwhile */
};

/* The one publication; board observers cannot be removed, so the
 * observer finds it here and does nothing once it is gone. */
static struct sip_publish *current;

static void publish_send(struct sip_publish *pub, bool refresh);

/* Writes IN with the five XML special characters escaped. */
static void xml_escape(char *out, size_t sz, const char *in)
{
	size_t o = 0;

	for (; *in && o + 7 < sz; in++) {
		const char *rep = NULL;

		switch (*in) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = "&apos;"; break;
		default: break;
		}
		if (rep) {
			memcpy(out + o, rep, strlen(rep));
			o += strlen(rep);
		}
		else {
			out[o++] = *in;
		}
	}
	out[o] = '\0';
}

/* RFC 4235's state of a line as the operator's phone would say it;
 * NULL for a line that is no call of the operator's. */
static const char *line_dialog_state(const struct line *l)
{
	switch (l->state) {
	case LINE_OFFERED:
	case LINE_DIALING:
	case LINE_RINGING_OUT:
		return "early";
	case LINE_TALKING:
	case LINE_HELD:
	case LINE_CONFERENCE:
		return "confirmed";
	default:
		return NULL;
	}
}

/* A parked or held caller's address here as the local target, held
 * (RFC 4235 rendering "no"): another operator takes the caller by
 * calling it, as an extension calling a park slot does; "" for any
 * other line. */
static void take_target(const struct sip_publish *pub,
			const struct line *l, char *out, size_t sz)
{
	char user[64], uri[300];

	out[0] = '\0';
	if (!pub->contact[0] ||
	    !board_take_user(pub->board, l, user, sizeof(user)))
		return;
	snprintf(uri, sizeof(uri), "sip:%s@%s", user, pub->contact);
	xml_escape(out, sz, uri);
	snprintf(uri, sizeof(uri), "<target uri=\"%s\"><param pname=\""
		 "+sip.rendering\" pval=\"no\"/></target>", out);
	snprintf(out, sz, "%s", uri);
}

/* The document of every call the operator has, into OUT; false when
 * it does not fit. */
static bool document_build(struct sip_publish *pub, char *out, size_t sz)
{
	struct board *b = pub->board;
	char entity[300], name[300];
	size_t i, n;
	int w;

	xml_escape(entity, sizeof(entity), pub->uri);
	xml_escape(name, sizeof(name), pub->name);
	w = snprintf(out, sz, "<?xml version=\"1.0\"?>\n"
		     "<dialog-info xmlns=\"urn:ietf:params:xml:ns:"
		     "dialog-info\" version=\"%u\" state=\"full\" "
		     "entity=\"%s\">\n", pub->version, entity);
	if (w < 0 || (size_t)w >= sz)
		return false;
	n = (size_t)w;
	for (i = 0; i < b->nlines; i++) {
		const struct line *l = &b->lines[i];
		const char *state = line_dialog_state(l);
		char peer[300], peer_name[600], target[400];

		if (!state)
			continue;
		xml_escape(peer, sizeof(peer), l->uri);
		xml_escape(peer_name, sizeof(peer_name), l->name);
		take_target(pub, l, target, sizeof(target));
		w = snprintf(out + n, sz - n,
			     "<dialog id=\"line%u\" direction=\"%s\">"
			     "<state>%s</state>"
			     "<local><identity display=\"%s\">%s</identity>"
			     "%s</local>"
			     "<remote><identity display=\"%s\">%s</identity>"
			     "</remote></dialog>\n", (unsigned)l->id,
			     l->dir == LINE_INBOUND ? "recipient" :
			     "initiator", state, name, entity, target,
			     peer_name, peer);
		if (w < 0 || (size_t)w >= sz - n)
			return false;
		n += (size_t)w;
	}
	w = snprintf(out + n, sz - n, "</dialog-info>\n");
	return w >= 0 && (size_t)w < sz - n;
}

/* Said in the log pane: the console keeps working without it. */
static void publish_failed(struct sip_publish *pub, int err,
			   const struct sip_msg *msg)
{
	char text[400];

	if (msg)
		snprintf(text, sizeof(text), "The other operators do not see "
			 "this console's calls: %s refused its line state "
			 "(%u %.*s); retrying", pub->uri, msg->scode,
			 (int)msg->reason.l, msg->reason.p);
	else
		snprintf(text, sizeof(text), "The other operators do not see "
			 "this console's calls: no answer from %s (%s); "
			 "retrying", pub->uri, strerror(err));
	board_log(pub->board, 2, text);
}

static void publish_timer(void *arg)
{
	publish_send(arg, true);
}

static void publish_resp(int err, const struct sip_msg *msg, void *arg)
{
	struct sip_publish *pub = arg;
	const struct sip_hdr *hdr;
	uint32_t expires = PUBLISH_EXPIRES_S;

	pub->busy = false;
	if (!pub->board)
		goto out;
	if (err || !msg || msg->scode >= 300) {
		if (msg && msg->scode == 412 && pub->etag) {
			/* the server forgot our document: publish it anew */
			pub->etag = mem_deref(pub->etag);
			publish_send(pub, true);
			goto out;
		}
		publish_failed(pub, err, msg);
		/* a busy server's Retry-After is the least it will take */
		tmr_start(&pub->tmr, err || !msg ? PUBLISH_RETRY_MS :
			  max(PUBLISH_RETRY_MS, sip_retry_after(msg) * 1000ULL),
			  publish_timer, pub);
		goto out;
	}
	hdr = sip_msg_xhdr(msg, "SIP-ETag");
	pub->etag = mem_deref(pub->etag);
	if (hdr)
		(void)pl_strdup(&pub->etag, &hdr->val);
	if (pl_isset(&msg->expires) && pl_u32(&msg->expires))
		expires = pl_u32(&msg->expires);
	if (pub->again) {
		pub->again = false;
		publish_send(pub, false);
		goto out;
	}
	/* refreshed well before it expires */
	tmr_start(&pub->tmr, expires * 900ULL, publish_timer, pub);
 out:
	mem_deref(pub);
}

/* REFRESH: also when the document did not change. */
static void publish_send(struct sip_publish *pub, bool refresh)
{
	char body[sizeof(pub->body)], ifmatch[300] = "";
	int err;

	if (!pub->board)
		return;
	if (pub->busy) {
		pub->again = true;
		return;
	}
	tmr_cancel(&pub->tmr);
	pub->version++;
	if (!document_build(pub, body, sizeof(body)))
		return;
	/* the version differs each time: compare what follows it */
	if (!refresh && pub->body[0] &&
	    !strcmp(strstr(body, "state="), strstr(pub->body, "state="))) {
		pub->version--;
		return;
	}
	if (pub->etag)
		snprintf(ifmatch, sizeof(ifmatch), "SIP-If-Match: %s\r\n",
			 pub->etag);
	mem_ref(pub);   /* for publish_resp */
	err = sip_req_send(pub->ua, "PUBLISH", pub->uri, publish_resp, pub,
			   "Event: dialog\r\n"
			   "Expires: %u\r\n"
			   "%s"
			   "Content-Type: application/dialog-info+xml\r\n"
			   "Content-Length: %zu\r\n"
			   "\r\n%s", PUBLISH_EXPIRES_S, ifmatch,
			   strlen(body), body);
	if (err) {
		mem_deref(pub);
		tmr_start(&pub->tmr, PUBLISH_RETRY_MS, publish_timer, pub);
		return;
	}
	pub->busy = true;
	str_ncpy(pub->body, body, sizeof(pub->body));
}

static void publish_changed(void *arg)
{
	publish_send(arg, false);
}

/* Any change of a call: publish once the loop turn's changes are in. */
static void publish_observer(void *arg, const struct board_event *ev)
{
	(void)arg;
	if (!current || !ev->line)
		return;
	switch (ev->type) {
	case EV_LINE_OFFERED:
	case EV_LINE_DIALING:
	case EV_LINE_RINGING:
	case EV_LINE_ANSWERED:
	case EV_LINE_HELD:
	case EV_LINE_RESUMED:
	case EV_LINE_CLOSED:
	case EV_PARK:
		if (!current->busy)
			tmr_start(&current->tmr, 0, publish_changed, current);
		else
			current->again = true;
		break;
	default:
		break;
	}
}

static void publish_destructor(void *arg)
{
	struct sip_publish *pub = arg;

	tmr_cancel(&pub->tmr);
	mem_deref(pub->etag);
}

int sip_publish_alloc(struct sip_publish **pp, struct board *b,
		      struct sip_phone *phone, const char *uri,
		      const char *name, const char *contact)
{
	static bool observing;
	struct sip_publish *pub;
	int err;

	if (!uri || !*uri) {
		*pp = NULL;
		return 0;
	}
	if (current)
		return EALREADY;
	if (!observing) {
		err = board_observe(b, publish_observer, NULL);
		if (err)
			return err;
		observing = true;
	}
	pub = mem_zalloc(sizeof(*pub), publish_destructor);
	if (!pub)
		return ENOMEM;
	pub->board = b;
	pub->ua = sip_phone_ua(phone);
	str_ncpy(pub->uri, uri, sizeof(pub->uri));
	str_ncpy(pub->name, name ? name : "", sizeof(pub->name));
	str_ncpy(pub->contact, contact ? contact : "", sizeof(pub->contact));
	tmr_init(&pub->tmr);
	current = pub;
	/* idle from the start, so the others see this console at once */
	tmr_start(&pub->tmr, 0, publish_timer, pub);
	*pp = pub;
	return 0;
}

static void withdraw_resp(int err, const struct sip_msg *msg, void *arg)
{
	(void)err;
	(void)msg;
	mem_deref(arg);
}

/* Removes the document (Expires: 0), so the other operators see this
 * console gone at once rather than when the publication expires. */
static void publish_withdraw(struct sip_publish *pub)
{
	if (!pub->etag || !pub->ua)
		return;
	mem_ref(pub);
	if (sip_req_send(pub->ua, "PUBLISH", pub->uri, withdraw_resp, pub,
			 "Event: dialog\r\n"
			 "Expires: 0\r\n"
			 "SIP-If-Match: %s\r\n"
			 "Content-Length: 0\r\n"
			 "\r\n", pub->etag))
		mem_deref(pub);
}

void sip_publish_free(struct sip_publish *pub)
{
	if (!pub)
		return;
	if (current == pub)
		current = NULL;
	pub->board = NULL;
	tmr_cancel(&pub->tmr);
	publish_withdraw(pub);
	mem_deref(pub);
}
