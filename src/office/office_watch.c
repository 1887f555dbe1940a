/*
 * office_watch.c — a member subscribes to someone's presence or dialog
 * state the way the console does (libre's sipevent_subscribe on
 * baresip's event socket), so that a test can read what a notifier
 * sends without the console: each subscription keeps the last NOTIFY
 * bodies it received.
 *
 * libre refreshes a subscription by itself. Our NOTIFY handler must
 * answer 200 itself. A live subscription holds the SIP stack: all are
 * let go at UA_EVENT_SHUTDOWN, or baresip never exits.
 */
#include <string.h>

#include "office.h"

enum {
	WATCHES_MAX = 16,           /* kept per member; ended ones go first */
	WATCH_BODIES_MAX = 16,      /* NOTIFY bodies kept per subscription */
	WATCH_BODY_MAX = 65536,
	WATCH_TEXT_MAX = 96,
};

struct watch_body {
	struct le le;
	char *text;
};

/* One subscription a member made. */
struct office_watch {
	struct le le;
	struct office_member *m;
	struct sipsub *sub;         /* libre's; NULL once over */
	char *uri;
	char *event;
	const char *state;          /* pending, active, terminated, failed,
				       unsubscribed */
	uint16_t scode;             /* the SUBSCRIBE's error response */
	char reason[WATCH_TEXT_MAX];
	char substate[WATCH_TEXT_MAX]; /* of the last NOTIFY */
	char ctype[WATCH_TEXT_MAX];    /* of the last NOTIFY body */
	unsigned notifies;
	struct list bodyl;          /* struct watch_body, oldest first */
};

static void body_destructor(void *arg)
{
	struct watch_body *b = arg;

	list_unlink(&b->le);
	mem_deref(b->text);
}

static void watch_destructor(void *arg)
{
	struct office_watch *w = arg;

	list_unlink(&w->le);
	mem_deref(w->sub);
	list_flush(&w->bodyl);
	mem_deref(w->uri);
	mem_deref(w->event);
}

static void body_keep(struct office_watch *w, const struct sip_msg *msg)
{
	struct watch_body *b;
	size_t len = mbuf_get_left(msg->mb);

	b = mem_zalloc(sizeof(*b), body_destructor);
	if (!b)
		return;
	if (len > WATCH_BODY_MAX)
		len = WATCH_BODY_MAX;
	b->text = mem_zalloc(len + 1, NULL);
	if (!b->text) {
		mem_deref(b);
		return;
	}
	memcpy(b->text, mbuf_buf(msg->mb), len);
	list_append(&w->bodyl, &b->le, b);
	while (list_count(&w->bodyl) > WATCH_BODIES_MAX)
		mem_deref(list_head(&w->bodyl)->data);
}

static void watch_notify_handler(struct sip *sip, const struct sip_msg *msg,
				 void *arg)
{
	struct office_watch *w = arg;
	const struct sip_hdr *hdr;
	struct sipevent_substate ss;

	(void)sip_treply(NULL, sip, msg, 200, "OK");
	w->notifies++;
	hdr = sip_msg_hdr(msg, SIP_HDR_SUBSCRIPTION_STATE);
	if (hdr) {
		(void)pl_strcpy(&hdr->val, w->substate, sizeof(w->substate));
		if (!sipevent_substate_decode(&ss, &hdr->val)
		    && ss.state == SIPEVENT_ACTIVE)
			w->state = "active";
	}
	if (pl_isset(&msg->ctyp.type))
		re_snprintf(w->ctype, sizeof(w->ctype), "%r/%r",
			    &msg->ctyp.type, &msg->ctyp.subtype);
	body_keep(w, msg);
}

/* The notifier ended it (SUBSTATE), or the SUBSCRIBE failed (MSG is
 * its response), or libre gave up (ERR). */
static void watch_close_handler(int err, const struct sip_msg *msg,
				const struct sipevent_substate *substate,
				void *arg)
{
	struct office_watch *w = arg;

	if (substate) {
		w->state = "terminated";
		str_ncpy(w->reason, sipevent_reason_name(substate->reason),
			 sizeof(w->reason));
	}
	else if (msg && !msg->req) {
		w->state = "failed";
		w->scode = msg->scode;
		re_snprintf(w->reason, sizeof(w->reason), "%u %r",
			    msg->scode, &msg->reason);
	}
	else {
		w->state = err ? "failed" : "terminated";
		re_snprintf(w->reason, sizeof(w->reason), "%m", err);
	}
	info("office: %s: subscription to %s (%s) %s: %s\n", w->m->p.id,
	     w->uri, w->event, w->state, w->reason);
	w->sub = mem_deref(w->sub);
}

/* Keeps at most WATCHES_MAX, dropping ended ones, oldest first. */
static void watches_trim(struct office_member *m)
{
	struct le *le = m->watchl.head;

	while (le && list_count(&m->watchl) > WATCHES_MAX) {
		struct office_watch *w = le->data;

		le = le->next;
		if (!w->sub)
			mem_deref(w);
	}
}

static const char *accept_hdr(const char *event)
{
	struct pl ev;
	enum office_pkg pkg;

	pl_set_str(&ev, event);
	if (office_pkg_parse(&ev, &pkg))
		return "";
	return pkg == OFFICE_PKG_PRESENCE
		? "Accept: application/pidf+xml\r\n"
		: "Accept: application/dialog-info+xml\r\n";
}

int office_watch_start(struct office_member *m, const char *uri,
		       const char *event, uint32_t expires)
{
	struct office_watch *w;
	int err;

	if (!m->ua)
		return ENODEV;
	w = mem_zalloc(sizeof(*w), watch_destructor);
	if (!w)
		return ENOMEM;
	w->m = m;
	w->state = "pending";
	err  = str_dup(&w->uri, uri);
	err |= str_dup(&w->event, event);
	if (err)
		goto out;
	err = sipevent_subscribe(&w->sub, uag_sipevent_sock(), uri, m->p.name,
				 m->aor, event, NULL, expires,
				 ua_cuser(m->ua), NULL, 0, NULL, NULL, false,
				 NULL, watch_notify_handler,
				 watch_close_handler, w, "%s",
				 accept_hdr(event));
	if (err)
		goto out;
	list_append(&m->watchl, &w->le, w);
	watches_trim(m);

 out:
	if (err)
		mem_deref(w);
	return err;
}

unsigned office_watch_stop(struct office_member *m, const char *uri,
			   const char *event)
{
	struct le *le;
	unsigned n = 0;

	for (le = m->watchl.head; le; le = le->next) {
		struct office_watch *w = le->data;

		if (!w->sub || (uri && strcmp(uri, w->uri))
		    || (event && strcasecmp(event, w->event)))
			continue;
		/* libre sends Expires: 0 and waits for the last NOTIFY */
		w->sub = mem_deref(w->sub);
		w->state = "unsubscribed";
		n++;
	}
	return n;
}

bool office_watch_shutdown(struct office_member *m)
{
	return office_watch_stop(m, NULL, NULL) > 0;
}

static int watch_print(struct re_printf *pf, const struct office_watch *w)
{
	struct le *le;
	int err;

	err = re_hprintf(pf, "{\"uri\":%H,\"event\":%H,\"state\":\"%s\","
			 "\"scode\":%u,\"reason\":%H,\"notifies\":%u,"
			 "\"substate\":%H,\"ctype\":%H,\"bodies\":[",
			 office_json_str, w->uri, office_json_str, w->event,
			 w->state, w->scode, office_json_str, w->reason,
			 w->notifies, office_json_str, w->substate,
			 office_json_str, w->ctype);
	for (le = w->bodyl.head; le && !err; le = le->next) {
		const struct watch_body *b = le->data;

		err = re_hprintf(pf, "%s%H", le == w->bodyl.head ? "" : ",",
				 office_json_str, b->text);
	}
	return err ? err : re_hprintf(pf, "]}");
}

int office_watch_json(struct re_printf *pf, const struct office_member *m)
{
	struct le *le;
	int err;

	err = re_hprintf(pf, "\"watches\":[");
	for (le = m->watchl.head; le && !err; le = le->next) {
		err = re_hprintf(pf, "%s", le == m->watchl.head ? "" : ",");
		if (!err)
			err = watch_print(pf, le->data);
	}
	return err ? err : re_hprintf(pf, "]");
}
