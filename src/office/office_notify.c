/*
 * office_notify.c — every person of the office is the notifier of its
 * presence (RFC 3856) and of its dialog state (RFC 4235). baresip has one
 * SUBSCRIBE handler slot, which the presence module would take; the
 * office loads no such module (office_main.c), so the slot is ours.
 *
 * libre's sipevent keeps each accepted subscription: it answers refresh
 * and un-SUBSCRIBEs, sends a NOTIFY for each, and a terminated one when
 * a subscription is withdrawn or runs out, always with the body it was
 * last given. So each subscription has one mbuf, shared with libre and
 * rewritten in place: office_sip.c shows us a SUBSCRIBE of one of our
 * dialogs before libre answers it, and the NOTIFY that follows carries
 * the next version. The SIP trace counts the NOTIFYs really sent.
 */
#include <string.h>

#include "office.h"

enum {
	EXPIRES_MIN = 1,            /* s; a test may want a quick refresh */
	EXPIRES_DFL = 3600,         /* RFC 3856 and RFC 4235 */
	EXPIRES_MAX = 3600,
	SUBS_ENDED_MAX = 8,         /* ended subscriptions kept per member */
	SUBSTATE_MAX = 64,
};

/* One subscriber of one member's presence or dialog state. */
struct office_sub {
	struct le le;
	struct office_member *m;
	enum office_pkg pkg;
	struct sipnot *not;         /* libre's; NULL once ended */
	struct sip_dialog *dlg;
	struct mbuf *mb;            /* the body libre sends, ours too */
	char *state;                /* version-independent part of it */
	char *event;                /* the package as the subscriber wrote it */
	char *event_id;             /* ;id= of its Event header, or NULL */
	char *subscriber;           /* From URI */
	char *callid;
	uint32_t version;           /* of the document in mb */
	uint32_t cseq;              /* of the last SUBSCRIBE in the dialog */
	uint64_t expires_at;        /* tmr_jiffies() when it runs out */
	unsigned refreshes;
	unsigned notifies;          /* NOTIFY requests on the wire */
	uint32_t notify_cseq;
	char substate[SUBSTATE_MAX]; /* Subscription-State of the last one */
	char reason[SUBSTATE_MAX];  /* why it ended, "" while it lives */
	bool unsubscribed;          /* the last SUBSCRIBE said Expires: 0 */
};

static struct office *notify_office;
static struct tmr tmr_refresh;

static void sub_destructor(void *arg)
{
	struct office_sub *sub = arg;

	list_unlink(&sub->le);
	mem_deref(sub->not);
	mem_deref(sub->dlg);
	mem_deref(sub->mb);
	mem_deref(sub->state);
	mem_deref(sub->event);
	mem_deref(sub->event_id);
	mem_deref(sub->subscriber);
	mem_deref(sub->callid);
}

/* Renders the member's document; when it differs from the one in mb
 * (or FORCE), writes it there with the next version. */
static int sub_update(struct office_sub *sub, const struct call *closing,
		      bool gone, bool force, bool *changed)
{
	char *state = NULL;
	int err;

	*changed = false;
	err = office_body_state(&state, sub->m, sub->pkg, closing, gone);
	if (err)
		return err;
	if (!force && sub->state && 0 == strcmp(state, sub->state)) {
		mem_deref(state);
		return 0;
	}
	if (sub->state)
		sub->version++;     /* the first document is version 0 */
	err = office_body_write(sub->mb, sub->m, sub->pkg, sub->version,
				state);
	mem_deref(sub->state);
	sub->state = state;
	*changed = true;
	return err;
}

/* A NOTIFY if the member's state changed. A vanished phone says
 * nothing (office_die.c). */
static void sub_send(struct office_sub *sub, const struct call *closing)
{
	bool changed;
	int err;

	if (sub->m->dead || !sub->not)
		return;
	err = sub_update(sub, closing, false, false, &changed);
	if (!err && changed)
		err = sipevent_notify(sub->not, sub->mb, SIPEVENT_ACTIVE, 0, 0);
	if (err)
		warning("office: %s: %s NOTIFY to %s failed (%m)\n",
			sub->m->p.id, sub->event, sub->subscriber, err);
}

/* Keeps what a test wants to know of a subscription that is over. */
static void sub_end(struct office_sub *sub, const char *reason)
{
	struct office_member *m = sub->m;

	str_ncpy(sub->reason, reason, sizeof(sub->reason));
	sub->not = mem_deref(sub->not);
	sub->dlg = mem_deref(sub->dlg);
	sub->expires_at = 0;
	list_unlink(&sub->le);
	list_append(&m->subendl, &sub->le, sub);
	info("office: %s: %s subscription of %s ended (%s)\n", m->p.id,
	     sub->event, sub->subscriber, reason);
	while (list_count(&m->subendl) > SUBS_ENDED_MAX)
		mem_deref(list_head(&m->subendl)->data);
}

/* libre ended it: un-SUBSCRIBE or expiry (ETIMEDOUT, after the last
 * NOTIFY), or the subscriber refused a NOTIFY. */
static void sub_close_handler(int err, const struct sip_msg *msg, void *arg)
{
	struct office_sub *sub = arg;
	char reason[SUBSTATE_MAX];

	if (sub->unsubscribed)
		str_ncpy(reason, "unsubscribed", sizeof(reason));
	else if (err == ETIMEDOUT && !msg
		 && tmr_jiffies() + 1000 >= sub->expires_at)
		str_ncpy(reason, "expired", sizeof(reason));
	else if (err == ETIMEDOUT && !msg)
		str_ncpy(reason, "no answer to a NOTIFY", sizeof(reason));
	else if (msg)
		re_snprintf(reason, sizeof(reason), "NOTIFY got %u %r",
			    msg->scode, &msg->reason);
	else
		re_snprintf(reason, sizeof(reason), "%m", err);
	sub_end(sub, reason);
}

/* Does an Accept header list CTYPE, or any application type? */
static bool accept_has(const struct sip_hdr *hdr, const struct sip_msg *msg,
		       void *arg)
{
	const char *ctype = arg;
	struct pl v = hdr->val, item;

	(void)msg;
	while (v.l) {
		const char *comma = pl_strchr(&v, ',');

		item.p = v.p;
		item.l = comma ? (size_t)(comma - v.p) : v.l;
		pl_advance(&v, comma ? item.l + 1 : v.l);
		if (pl_strchr(&item, ';'))
			item.l = (size_t)(pl_strchr(&item, ';') - item.p);
		while (item.l && (*item.p == ' ' || *item.p == '\t'))
			pl_advance(&item, 1);
		while (item.l && (item.p[item.l - 1] == ' '
				  || item.p[item.l - 1] == '\t'))
			item.l--;
		if (0 == pl_strcasecmp(&item, ctype)
		    || 0 == pl_strcasecmp(&item, "*/*")
		    || 0 == pl_strcasecmp(&item, "application/*"))
			return true;
	}
	return false;
}

static bool accept_ok(const struct sip_msg *msg, const char *ctype)
{
	if (!sip_msg_hdr(msg, SIP_HDR_ACCEPT))
		return true;        /* the package's default type */
	return NULL != sip_msg_hdr_apply(msg, true, SIP_HDR_ACCEPT,
					 accept_has, (void *)ctype);
}

static int sub_alloc(struct office_member *m, const struct sip_msg *msg,
		     const struct sipevent_event *se, enum office_pkg pkg)
{
	struct office_sub *sub;
	uint32_t expires = EXPIRES_DFL;
	bool changed;
	int err;

	sub = mem_zalloc(sizeof(*sub), sub_destructor);
	if (!sub)
		return ENOMEM;
	sub->m = m;
	sub->pkg = pkg;
	sub->cseq = msg->cseq.num;
	if (pl_isset(&msg->expires))
		expires = pl_u32(&msg->expires);
	sub->unsubscribed = expires == 0;       /* a fetch */
	sub->expires_at = tmr_jiffies() + (uint64_t)min(expires,
		(uint32_t)EXPIRES_MAX) * 1000;
	sub->mb = mbuf_alloc(1024);
	if (!sub->mb) {
		err = ENOMEM;
		goto out;
	}
	err  = pl_strdup(&sub->event, &se->event);
	err |= pl_strdup(&sub->subscriber, &msg->from.auri);
	err |= pl_strdup(&sub->callid, &msg->callid);
	if (!err && pl_isset(&se->id))
		err = pl_strdup(&sub->event_id, &se->id);
	if (err)
		goto out;
	err = sip_dialog_accept(&sub->dlg, msg);
	if (err)
		goto out;
	err = sipevent_accept(&sub->not, uag_sipevent_sock(), msg, sub->dlg,
			      se, 200, "OK", EXPIRES_MIN, EXPIRES_DFL,
			      EXPIRES_MAX, ua_cuser(m->ua),
			      office_pkg_ctype(pkg), NULL, NULL, false,
			      sub_close_handler, sub, NULL);
	if (err)
		goto out;
	list_append(&m->subl, &sub->le, sub);
	info("office: %s: %s subscription of %s (%u s)\n", m->p.id,
	     sub->event, sub->subscriber, expires);

	/* the current state at once (RFC 6665 4.2.1.2); for a fetch libre
	 * keeps it for the terminated NOTIFY */
	err = sub_update(sub, NULL, false, true, &changed);
	if (!err && !m->dead)
		err = sipevent_notify(sub->not, sub->mb, SIPEVENT_ACTIVE, 0, 0);
	if (err) {
		warning("office: %s: first NOTIFY failed (%m)\n", m->p.id,
			err);
		err = 0;            /* accepted all the same */
	}

 out:
	if (err)
		mem_deref(sub);
	return err;
}

/* baresip found the UA by the Request-URI user (404 if none) and
 * calls this for every SUBSCRIBE that libre's sipevent did not match
 * to one of our subscriptions: initial ones, and refreshes of a
 * subscription we do not know (RFC 6665: 481), e.g. after a restart. */
static bool sub_handler(const struct sip_msg *msg, void *arg)
{
	struct office_member *m = office_member_of_ua(arg);
	struct sipevent_event se;
	const struct sip_hdr *hdr;
	enum office_pkg pkg;
	struct sip *sip = uag_sip();
	struct pl none = PL("(none)");
	int err;

	if (!m || !m->ua) {
		(void)sip_treply(NULL, sip, msg, 404, "Not Found");
		return true;
	}
	if (pl_isset(&msg->to.tag)) {
		info("office: %s: SUBSCRIBE in an unknown dialog: 481\n",
		     m->p.id);
		(void)sip_treply(NULL, sip, msg, 481,
				 "Subscription Does Not Exist");
		return true;
	}
	hdr = sip_msg_hdr(msg, SIP_HDR_EVENT);
	if (!hdr || sipevent_event_decode(&se, &hdr->val)
	    || office_pkg_parse(&se.event, &pkg)) {
		info("office: %s: SUBSCRIBE for event '%r': 489\n", m->p.id,
		     hdr ? &hdr->val : &none);
		(void)sip_treplyf(NULL, NULL, sip, msg, false, 489,
				  "Bad Event",
				  "Allow-Events: presence, dialog\r\n"
				  "Content-Length: 0\r\n\r\n");
		return true;
	}
	if (!accept_ok(msg, office_pkg_ctype(pkg))) {
		(void)sip_treplyf(NULL, NULL, sip, msg, false, 406,
				  "Not Acceptable",
				  "Accept: %s\r\n"
				  "Content-Length: 0\r\n\r\n",
				  office_pkg_ctype(pkg));
		return true;
	}
	err = sub_alloc(m, msg, &se, pkg);
	if (err) {
		warning("office: %s: cannot accept SUBSCRIBE (%m)\n",
			m->p.id, err);
		(void)sip_treply(NULL, sip, msg, 500, "Server Internal Error");
	}
	return true;
}

static void member_send(struct office_member *m, const struct call *closing)
{
	struct le *le = m->subl.head;

	while (le) {
		struct office_sub *sub = le->data;

		le = le->next;
		sub_send(sub, closing);
	}
}

/* Once baresip is done with an event: a closed call gone from the
 * list, the held call it resumed by itself, an answered re-INVITE. */
static void refresh_handler(void *arg)
{
	struct le *le;

	(void)arg;
	for (le = notify_office ? notify_office->members.head : NULL; le;
	     le = le->next)
		member_send(le->data, NULL);
}

void office_notify_event(struct office_member *m, enum ua_event ev,
			 struct call *call)
{
	switch (ev) {

	case UA_EVENT_CALL_INCOMING:
	case UA_EVENT_CALL_RINGING:
	case UA_EVENT_CALL_PROGRESS:
	case UA_EVENT_CALL_ESTABLISHED:
	case UA_EVENT_CALL_CLOSED:
	case UA_EVENT_CALL_TRANSFER:
	case UA_EVENT_CALL_TRANSFER_FAILED:
	case UA_EVENT_CALL_LOCAL_SDP:
	case UA_EVENT_CALL_REMOTE_SDP:
		/* a closing call is still listed: terminated, then gone */
		member_send(m, ev == UA_EVENT_CALL_CLOSED ? call : NULL);
		tmr_start(&tmr_refresh, 0, refresh_handler, NULL);
		break;

	default:
		break;
	}
}

void office_notify_changed(struct office_member *m)
{
	office_publish_changed(m);
	member_send(m, NULL);
	tmr_start(&tmr_refresh, 0, refresh_handler, NULL);
}

bool office_notify_shutdown(struct office_member *m)
{
	bool any = !list_isempty(&m->subl);
	struct le *le = m->subl.head;

	while (le) {
		struct office_sub *sub = le->data;
		bool changed;

		le = le->next;
		/* the phone goes: offline, no calls, and it says so */
		(void)sub_update(sub, NULL, true, true, &changed);
		(void)sipevent_notify(sub->not, sub->mb, SIPEVENT_TERMINATED,
				      SIPEVENT_PROBATION, 0);
		sub_end(sub, "shutdown");
	}
	return any;
}

static bool sub_is(const struct office_sub *sub,
		   const struct sipevent_event *se)
{
	if (pl_strcmp(&se->event, sub->event))
		return false;
	if (!sub->event_id)
		return !pl_isset(&se->id);
	return 0 == pl_strcmp(&se->id, sub->event_id);
}

static struct office_sub *sub_in(const struct list *l,
				 const struct sip_msg *msg,
				 const struct sipevent_event *se, bool dlg)
{
	struct le *le;

	for (le = list_head(l); le; le = le->next) {
		struct office_sub *sub = le->data;

		if (pl_strcmp(&msg->callid, sub->callid) || !sub_is(sub, se))
			continue;
		if (dlg && (!sub->dlg || !sip_dialog_cmp(sub->dlg, msg)))
			continue;
		return sub;
	}
	return NULL;
}

/* The subscription a SUBSCRIBE or NOTIFY belongs to, by Call-ID and
 * Event (one dialog may carry several packages), or NULL. DLG: in that
 * dialog too (libre's test for a SUBSCRIBE); ENDED: or one that ended. */
static struct office_sub *sub_find(const struct sip_msg *msg, bool dlg,
				   bool ended)
{
	const struct sip_hdr *hdr = sip_msg_hdr(msg, SIP_HDR_EVENT);
	struct sipevent_event se;
	struct office_sub *sub = NULL;
	struct le *le;

	if (!notify_office || !hdr || sipevent_event_decode(&se, &hdr->val))
		return NULL;
	for (le = notify_office->members.head; le && !sub; le = le->next) {
		struct office_member *m = le->data;

		sub = sub_in(&m->subl, msg, &se, dlg);
		if (!sub && ended)
			sub = sub_in(&m->subendl, msg, &se, dlg);
	}
	return sub;
}

void office_notify_resubscribe(const struct sip_msg *msg)
{
	struct office_sub *sub;
	uint32_t expires = EXPIRES_DFL;
	bool changed;

	if (pl_strcmp(&msg->met, "SUBSCRIBE") || !pl_isset(&msg->to.tag))
		return;
	sub = sub_find(msg, true, false);
	/* a retransmission, or one libre will refuse: no NOTIFY follows */
	if (!sub || !sub->not || msg->cseq.num <= sub->cseq)
		return;
	if (pl_isset(&msg->expires))
		expires = pl_u32(&msg->expires);
	if (expires > 0 && expires < EXPIRES_MIN)
		return;
	sub->cseq = msg->cseq.num;
	sub->expires_at = tmr_jiffies() + (uint64_t)min(expires,
		(uint32_t)EXPIRES_MAX) * 1000;
	if (expires)
		sub->refreshes++;
	else
		sub->unsubscribed = true;
	if (!sub->m->dead)
		(void)sub_update(sub, NULL, false, true, &changed);
}

void office_notify_trace(bool tx, const struct sip_msg *msg)
{
	const struct sip_hdr *hdr;
	struct office_sub *sub;

	if (!tx || !msg->req || pl_strcmp(&msg->met, "NOTIFY"))
		return;
	sub = sub_find(msg, false, true);
	if (!sub || (sub->notifies && sub->notify_cseq == msg->cseq.num))
		return;             /* not ours, or sent again */
	sub->notifies++;
	sub->notify_cseq = msg->cseq.num;
	hdr = sip_msg_hdr(msg, SIP_HDR_SUBSCRIPTION_STATE);
	if (hdr)
		(void)pl_strcpy(&hdr->val, sub->substate, sizeof(sub->substate));
}

static int sub_print(struct re_printf *pf, const struct office_sub *sub)
{
	uint64_t now = tmr_jiffies();
	uint64_t left = sub->expires_at > now ? sub->expires_at - now : 0;

	return re_hprintf(pf, "{\"ua\":%H,\"event\":%H,\"subscriber\":%H,"
			  "\"callid\":%H,\"version\":%u,\"notifies\":%u,"
			  "\"refreshes\":%u,\"expires\":%llu,\"substate\":%H,"
			  "\"ended\":%H}",
			  office_json_str, sub->m->p.id,
			  office_json_str, sub->event,
			  office_json_str, sub->subscriber,
			  office_json_str, sub->callid, sub->version,
			  sub->notifies, sub->refreshes,
			  (unsigned long long)((left + 999) / 1000),
			  office_json_str, sub->substate,
			  office_json_str, sub->reason);
}

static int subs_print(struct re_printf *pf, const struct list *l,
		      bool *first)
{
	struct le *le;
	int err = 0;

	for (le = list_head(l); le && !err; le = le->next) {
		err = re_hprintf(pf, "%s", *first ? "" : ",");
		*first = false;
		if (!err)
			err = sub_print(pf, le->data);
	}
	return err;
}

int office_notify_json(struct re_printf *pf, const struct office_member *m)
{
	bool first = true;
	int err;

	err = re_hprintf(pf, "\"subs\":[");
	if (!err)
		err = subs_print(pf, &m->subl, &first);
	if (!err)
		err = re_hprintf(pf, "],\"subs_ended\":[");
	first = true;
	if (!err)
		err = subs_print(pf, &m->subendl, &first);
	return err ? err : re_hprintf(pf, "]");
}

int office_subs_print(struct re_printf *pf, const struct office *o)
{
	struct le *le;
	bool first = true;
	int err;

	err = re_hprintf(pf, "{\"subs\":[");
	for (le = o ? o->members.head : NULL; le && !err; le = le->next) {
		const struct office_member *m = le->data;

		err = subs_print(pf, &m->subl, &first);
	}
	return err ? err : re_hprintf(pf, "]}\n");
}

int office_notify_init(struct office *o)
{
	if (!uag_sipevent_sock())
		return ENODEV;
	notify_office = o;
	tmr_init(&tmr_refresh);
	uag_set_sub_handler(sub_handler);
	return 0;
}

void office_notify_close(void)
{
	uag_set_sub_handler(NULL);
	tmr_cancel(&tmr_refresh);
	notify_office = NULL;
}
