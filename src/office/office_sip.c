/*
 * office_sip.c — two hooks into libre's SIP stack that baresip 1.0.0
 * leaves us no other way to get:
 *
 * - the SIP trace (one slot, sees every message sent and received): the
 *   dialog tags of each call (no accessor gives them), a record of
 *   the REFERs each UA sent or received, their responses and the sipfrag
 *   NOTIFYs that followed, and the presence and dialog NOTIFYs sent;
 * - a request listener moved ahead of baresip's, for what a phone decides
 *   before ringing or accepting: a REFER it refuses (405/501), an INVITE
 *   whose Replaces matches none of its dialogs (481), and a UA that has
 *   vanished (office_die: every request to it is dropped unanswered);
 *   it also shows office_notify.c a SUBSCRIBE before libre answers it.
 */
#include <string.h>

#include "office.h"

enum {
	DIALOGS_MAX = 512,           /* oldest tags are forgotten first */
};

/* One INVITE dialog by Call-ID: the tags of both ends. When both ends
 * are UAs of the office they share this entry, each reading it from
 * its own side. */
struct dlg {
	struct le le;
	char *callid;
	char *ftag;                 /* From tag of the INVITE: the caller */
	char *ttag;                 /* To tag of its answer: the callee */
};

static struct list dlgl;
static struct list reasonl;     /* struct reason_rec, oldest first */
static struct sip_lsnr *first_lsnr;
static struct sip_lsnr *resp_lsnr;
static bool lsnr_first;
static bool traced;

static void dlg_destructor(void *arg)
{
	struct dlg *d = arg;

	list_unlink(&d->le);
	mem_deref(d->callid);
	mem_deref(d->ftag);
	mem_deref(d->ttag);
}

static struct dlg *dlg_find(const struct pl *callid)
{
	struct le *le;

	for (le = list_tail(&dlgl); le; le = le->prev) {
		struct dlg *d = le->data;

		if (0 == pl_strcmp(callid, d->callid))
			return d;
	}
	return NULL;
}

static struct dlg *dlg_find_str(const char *callid)
{
	struct pl pl;

	if (!str_isset(callid))
		return NULL;
	pl_set_str(&pl, callid);
	return dlg_find(&pl);
}

/* An initial INVITE: a new dialog (a retransmission changes nothing). */
static void dlg_invite(const struct sip_msg *msg)
{
	struct dlg *d = dlg_find(&msg->callid);
	int err;

	if (d || !pl_isset(&msg->from.tag))
		return;
	d = mem_zalloc(sizeof(*d), dlg_destructor);
	if (!d)
		return;
	err  = pl_strdup(&d->callid, &msg->callid);
	err |= pl_strdup(&d->ftag, &msg->from.tag);
	err |= str_dup(&d->ttag, "");
	if (err) {
		mem_deref(d);
		return;
	}
	list_append(&dlgl, &d->le, d);
	while (list_count(&dlgl) > DIALOGS_MAX)
		mem_deref(list_head(&dlgl)->data);
}

/* A response to an INVITE of the caller side: the callee's tag. A
 * re-INVITE of the callee carries the tags the other way round. */
static void dlg_answer(const struct sip_msg *msg)
{
	struct dlg *d = dlg_find(&msg->callid);
	char *tag = NULL;

	if (!d || !pl_isset(&msg->to.tag)
	    || pl_strcmp(&msg->from.tag, d->ftag)
	    || 0 == pl_strcmp(&msg->to.tag, d->ttag))
		return;
	if (pl_strdup(&tag, &msg->to.tag))
		return;
	mem_deref(d->ttag);
	d->ttag = tag;
}

const char *office_call_ltag(const struct call *call)
{
	const struct dlg *d = call ? dlg_find_str(call_id(call)) : NULL;

	if (!d)
		return "";
	return call_is_outgoing(call) ? d->ftag : d->ttag;
}

const char *office_call_rtag(const struct call *call)
{
	const struct dlg *d = call ? dlg_find_str(call_id(call)) : NULL;

	if (!d)
		return "";
	return call_is_outgoing(call) ? d->ttag : d->ftag;
}

static void rec_destructor(void *arg)
{
	struct office_refer_rec *r = arg;

	list_unlink(&r->le);
	mem_deref(r->callid);
	mem_deref(r->refer_to);
	mem_deref(r->referred_by);
}

const struct office_refer_rec *office_refer_rec_last(const struct list *l,
						     const char *callid)
{
	struct le *le;

	for (le = list_tail(l); le; le = le->prev) {
		const struct office_refer_rec *r = le->data;

		if (0 == str_cmp(r->callid, callid))
			return r;
	}
	return NULL;
}

static struct office_refer_rec *rec_last(struct list *l,
					 const struct pl *callid)
{
	struct le *le;

	for (le = list_tail(l); le; le = le->prev) {
		struct office_refer_rec *r = le->data;

		if (0 == pl_strcmp(callid, r->callid))
			return r;
	}
	return NULL;
}

static int hdr_dup(char **dst, const struct sip_msg *msg, enum sip_hdrid id)
{
	const struct sip_hdr *hdr = sip_msg_hdr(msg, id);

	if (!hdr)
		return str_dup(dst, "");
	return pl_strdup(dst, &hdr->val);
}

static void rec_add(struct list *l, const struct sip_msg *msg)
{
	struct office_refer_rec *r = rec_last(l, &msg->callid);
	int err;

	if (r && r->cseq == msg->cseq.num)
		return;
	r = mem_zalloc(sizeof(*r), rec_destructor);
	if (!r)
		return;
	r->cseq = msg->cseq.num;
	err  = pl_strdup(&r->callid, &msg->callid);
	err |= hdr_dup(&r->refer_to, msg, SIP_HDR_REFER_TO);
	err |= hdr_dup(&r->referred_by, msg, SIP_HDR_REFERRED_BY);
	if (err) {
		mem_deref(r);
		return;
	}
	list_append(l, &r->le, r);
	while (list_count(l) > OFFICE_REFERS_MAX)
		mem_deref(list_head(l)->data);
}

/* The member a SIP user part (its number, or its contact user) names. */
static struct office_member *member_by_user(const struct pl *user)
{
	struct ua *ua = pl_isset(user) ? uag_find(user) : NULL;

	return ua ? office_member_of_ua(ua) : NULL;
}

/* The status code of a sipfrag body ("SIP/2.0 200 OK"), or 0. */
static uint16_t sipfrag_code(const struct sip_msg *msg)
{
	struct pl code;

	if (re_regex((const char *)mbuf_buf(msg->mb), mbuf_get_left(msg->mb),
		     "SIP/2.0 [0-9]+", &code))
		return 0;
	return (uint16_t)pl_u32(&code);
}

static bool event_is_refer(const struct sip_msg *msg)
{
	const struct sip_hdr *hdr = sip_msg_hdr(msg, SIP_HDR_EVENT);
	struct pl ev;

	if (!hdr || re_regex(hdr->val.p, hdr->val.l, "[^; \t]+", &ev))
		return false;
	return 0 == pl_strcasecmp(&ev, "refer");
}

/* REFER traffic: a request we send belongs to the member in its From,
 * one we receive to the member in its Request-URI; a response the
 * other way round. */
static void trace_refer(bool tx, const struct sip_msg *msg)
{
	struct office_member *m;
	struct office_refer_rec *r;

	if (msg->req && 0 == pl_strcmp(&msg->met, "REFER")) {
		m = member_by_user(tx ? &msg->from.uri.user : &msg->uri.user);
		if (m)
			rec_add(tx ? &m->refers_out : &m->refers_in, msg);
	}
	else if (!msg->req && 0 == pl_strcmp(&msg->cseq.met, "REFER")) {
		m = member_by_user(tx ? &msg->to.uri.user
				   : &msg->from.uri.user);
		r = m ? rec_last(tx ? &m->refers_in : &m->refers_out,
				 &msg->callid) : NULL;
		if (r && msg->scode >= 200 && !r->response)
			r->response = msg->scode;
	}
	else if (msg->req && 0 == pl_strcmp(&msg->met, "NOTIFY")
		 && event_is_refer(msg)) {
		m = member_by_user(tx ? &msg->from.uri.user : &msg->uri.user);
		r = m ? rec_last(tx ? &m->refers_in : &m->refers_out,
				 &msg->callid) : NULL;
		if (!r || r->notifyc >= OFFICE_NOTIFY_MAX
		    || (r->notifyc && r->notify_cseq == msg->cseq.num))
			return;
		r->notify_cseq = msg->cseq.num;
		r->notify[r->notifyc++] = sipfrag_code(msg);
	}
}

/* The Reason header (RFC 3326) of a refusal or a BYE a UA received:
 * why the other end ended the call, for the tests. */
struct reason_rec {
	struct le le;
	char *callid;
	char *text;
};

static void reason_destructor(void *arg)
{
	struct reason_rec *r = arg;

	list_unlink(&r->le);
	mem_deref(r->callid);
	mem_deref(r->text);
}

static void reason_keep(const struct sip_msg *msg)
{
	const struct sip_hdr *h = sip_msg_xhdr(msg, "Reason");
	struct reason_rec *r;

	if (!h)
		return;
	r = mem_zalloc(sizeof(*r), reason_destructor);
	if (!r)
		return;
	if (pl_strdup(&r->callid, &msg->callid) ||
	    pl_strdup(&r->text, &h->val)) {
		mem_deref(r);
		return;
	}
	list_append(&reasonl, &r->le, r);
	while (list_count(&reasonl) > DIALOGS_MAX)
		mem_deref(list_head(&reasonl)->data);
}

const char *office_reason_of(const char *callid)
{
	struct le *le;

	for (le = list_tail(&reasonl); le && callid; le = le->prev) {
		const struct reason_rec *r = le->data;

		if (!strcmp(r->callid, callid))
			return r->text;
	}
	return "";
}

static void trace_msg(bool tx, const struct sip_msg *msg)
{
	if (!tx && ((!msg->req && msg->scode >= 300 &&
		     0 == pl_strcmp(&msg->cseq.met, "INVITE")) ||
		    (msg->req && 0 == pl_strcmp(&msg->met, "BYE"))))
		reason_keep(msg);
	if (msg->req && 0 == pl_strcmp(&msg->met, "INVITE")
	    && !pl_isset(&msg->to.tag))
		dlg_invite(msg);
	else if (!msg->req && 0 == pl_strcmp(&msg->cseq.met, "INVITE"))
		dlg_answer(msg);
	trace_refer(tx, msg);
	office_notify_trace(tx, msg);
}

/* Every SIP message, as bytes: decode a copy (the trace gives no
 * parsed message and must not change the one in flight). */
static void trace_handler(bool tx, enum sip_transp tp, const struct sa *src,
			  const struct sa *dst, const uint8_t *pkt, size_t len,
			  void *arg)
{
	struct sip_msg *msg = NULL;
	struct mbuf *mb;

	(void)tp;
	(void)src;
	(void)dst;
	(void)arg;
	if (!traced || len < 16)
		return;
	mb = mbuf_alloc(len);
	if (!mb)
		return;
	if (!mbuf_write_mem(mb, pkt, len)) {
		mb->pos = 0;
		if (!sip_msg_decode(&msg, mb))
			trace_msg(tx, msg);
	}
	mem_deref(msg);
	mem_deref(mb);
}

/* A REFER this UA refuses, as a phone without transfer would. */
static bool refer_refuse(struct office_member *m, const struct sip_msg *msg)
{
	switch (m->p.refer) {

	case OFFICE_REFER_REJECT405:
		info("office: %s refuses a REFER with 405\n", m->p.id);
		(void)sip_treplyf(NULL, NULL, uag_sip(), msg, false, 405,
				  "Method Not Allowed",
				  "Allow: INVITE,ACK,BYE,CANCEL,OPTIONS,NOTIFY,"
				  "SUBSCRIBE,INFO,MESSAGE\r\n"
				  "Content-Length: 0\r\n\r\n");
		return true;

	case OFFICE_REFER_REJECT501:
		info("office: %s refuses a REFER with 501\n", m->p.id);
		(void)sip_treply(NULL, uag_sip(), msg, 501, "Not Implemented");
		return true;

	case OFFICE_REFER_SILENT:
		/* a broken phone: the transferor waits for a NOTIFY that
		 * never comes */
		info("office: %s accepts a REFER and ignores it\n", m->p.id);
		(void)sip_treply(NULL, uag_sip(), msg, 202, "Accepted");
		return true;

	default:
		return false;
	}
}

static bool call_of(const struct office_member *m, const struct pl *callid)
{
	struct le *le;

	for (le = m->ua ? list_head(ua_calls(m->ua)) : NULL; le;
	     le = le->next) {
		if (0 == pl_strcmp(callid, call_id(le->data)))
			return true;
	}
	return false;
}

/* RFC 3891: an INVITE whose Replaces names no dialog of this UA gets
 * 481 before it rings; a matching one goes on to baresip, and
 * office_target.c answers it. */
static bool replaces_refuse(struct office_member *m, const struct sip_msg *msg)
{
	const struct sip_hdr *hdr = sip_msg_hdr(msg, SIP_HDR_REPLACES);
	struct pl cid, tt, ft;

	if (!hdr || call_of(m, &msg->callid))
		return false;       /* none, or a retransmission */
	if (office_replaces_parse(&hdr->val, &cid, &tt, &ft)) {
		info("office: %s: bad Replaces '%r': 400\n", m->p.id,
		     &hdr->val);
		(void)sip_treply(NULL, uag_sip(), msg, 400,
				 "Bad Replaces Header");
		return true;
	}
	if (office_replaces_find(m, &hdr->val))
		return false;
	info("office: %s: Replaces '%r' matches no dialog: 481 before "
	     "ringing\n", m->p.id, &hdr->val);
	(void)sip_treply(NULL, uag_sip(), msg, 481,
			 "Call/Transaction Does Not Exist");
	return true;
}

/* The office's own goodbye to a vanishing UA (office_die.c) passes. */
static bool vanish_marked(const struct sip_msg *msg)
{
	return NULL != sip_msg_xhdr(msg, "X-Office-Vanish")
		&& 0 == pl_strcmp(&msg->met, "BYE");
}

/* Its answer comes back to us, with no transaction waiting for it:
 * take it quietly (libre would print "unhandled response"). */
static bool response_last(const struct sip_msg *msg, void *arg)
{
	(void)arg;
	return 0 == pl_strcmp(&msg->cseq.met, "BYE")
		&& msg->via.branch.l > 13
		&& 0 == memcmp(msg->via.branch.p, "z9hG4bKvanish", 13);
}

/* A phone keeps its contact over a restart and answers a refresh it
 * forgot with 481. Ours change with each office process (baresip's
 * contact user is USER-POINTER), so a refresh sent to an earlier
 * office's contact of a person we have is answered the same way. */
static bool refresh_forgotten(const struct sip_msg *msg)
{
	struct pl user = msg->uri.user;
	const char *dash;

	if (pl_strcmp(&msg->met, "SUBSCRIBE") || !pl_isset(&msg->to.tag) ||
	    !user.l)
		return false;
	dash = memchr(user.p, '-', user.l);
	if (!dash)
		return false;
	user.l = (size_t)(dash - user.p);
	if (!member_by_user(&user))
		return false;
	info("office: SUBSCRIBE to %r, a contact of an earlier office: 481\n",
	     &msg->uri.user);
	(void)sip_treply(NULL, uag_sip(), msg, 481,
			 "Subscription Does Not Exist");
	return true;
}

static bool request_first(const struct sip_msg *msg, void *arg)
{
	struct office_member *m = member_by_user(&msg->uri.user);

	(void)arg;
	if (!m)
		return refresh_forgotten(msg);
	if (m->dead) {
		if (vanish_marked(msg))
			return false;
		info("office: %s has vanished: %r from %J dropped\n",
		     m->p.id, &msg->met, &msg->src);
		return true;
	}
	if (0 == pl_strcmp(&msg->met, "SUBSCRIBE")) {
		office_notify_resubscribe(msg);
		return false;
	}
	if (0 == pl_strcmp(&msg->met, "REFER"))
		return refer_refuse(m, msg);
	if (office_message_recv(m, msg))
		return true;
	if (0 == pl_strcmp(&msg->met, "INVITE") && !pl_isset(&msg->to.tag))
		return replaces_refuse(m, msg);
	return false;
}

/* libre asks its listeners in the order they came, and baresip's came
 * first. libre 1.1.0's struct sip_lsnr begins with its list element
 * (src/sip/sip.h): move that element to the head of the list. The check
 * that it points back at the listener guards against another layout. */
static int lsnr_move_first(struct sip_lsnr *lsnr)
{
	struct le *le = (struct le *)(void *)lsnr;
	struct list *l = le->list;

	if (le->data != lsnr || !l || le != l->tail)
		return ENOTSUP;
	list_unlink(le);
	list_prepend(l, le, lsnr);
	return 0;
}

bool office_sip_first(void)
{
	return lsnr_first && first_lsnr;
}

int office_sip_init(void)
{
	struct sip *sip = uag_sip();
	int err;

	if (!sip)
		return ENODEV;
	list_init(&dlgl);
	list_init(&reasonl);
	sip_set_trace_handler(sip, trace_handler);
	traced = true;
	err = sip_listen(&resp_lsnr, sip, false, response_last, NULL);
	if (err)
		return err;
	err = sip_listen(&first_lsnr, sip, true, request_first, NULL);
	if (err)
		return err;
	err = lsnr_move_first(first_lsnr);
	lsnr_first = !err;
	if (err)
		warning("office: cannot put a SIP listener before baresip's: "
			"refer=reject405/501, 481 for Replaces and office_die"
			" will not work\n");
	return 0;
}

/* At module close baresip has freed the SIP stack, and with it our
 * listener (libre then cleared first_lsnr). */
void office_sip_close(void)
{
	struct sip *sip = uag_sip();

	traced = false;
	if (sip)
		sip_set_trace_handler(sip, NULL);
	first_lsnr = mem_deref(first_lsnr);
	resp_lsnr = mem_deref(resp_lsnr);
	lsnr_first = false;
	list_flush(&dlgl);
	list_flush(&reasonl);
}
