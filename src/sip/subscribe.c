/*
 * subscribe.c — presence (RFC 3856) and dialog (RFC 4235) subscriptions
 * for the extensions board, on baresip's SIP stack (libre sipevent).
 * libre refreshes a live subscription by itself; when one ends or fails
 * it is tried again with a growing delay, and every NOTIFY body goes to
 * the board through the XML readers in core.
 *
 * libre does not tell when a refresh goes unanswered (it retries for
 * minutes, silently), but every refresh brings a NOTIFY (RFC 6665): a
 * subscription without one for its whole lifetime is stale. The board
 * then shows the extension as unknown and we subscribe afresh. One
 * sweep finds them all: a timer per subscription would make libre's
 * sorted timer list cost O(n) per NOTIFY.
 *
 * Thousands of extensions are subscribed at a steady pace, not in one
 * burst whose answers would overflow the SIP socket; retries are
 * spread too.
 *
 * With a resource list (presence.list_uri) two subscriptions replace
 * them all, one per event (RFC 4662): the server watches each
 * colleague and sends their bodies in one multipart NOTIFY, read by
 * core/rlmi.c. A server that refuses the list gets the subscriptions
 * per extension instead, and the log says so.
 *
 * A list server may send the list's NOTIFYs out of CSeq order, or again
 * (Kamailio's rls does, from several processes): libre would answer the
 * older ones "500 Bad Sequence" and rls would drop the list. Our own
 * listener, first in libre's (list_notify.c), answers them instead, and
 * each NOTIFY counts by its list version (core/rlmi_apply.c), not by
 * when it came.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "baresip_abi.h"
#include "core/events_xml.h"
#include "core/rlmi.h"
#include "list_notify.h"
#include "phone_int.h"
#include "sip.h"

#include "subscribe_int.h"


/* Every subscription by index: the extensions', then the two lists. */
static struct sub *sub_at(struct sip_subs *o, size_t i)
{
	return i < o->subc ? o->subv[i] : &o->listv[i - o->subc];
}

static void sub_retry(void *arg)
{
	subs_sub_start(arg);
}

/* A timer of its own only while one is due: 10,000 subscriptions that
 * never fail do not carry one each. */
void subs_retry_start(struct sub *s, uint64_t ms, tmr_h *h)
{
	if (!s->retry) {
		s->retry = malloc(sizeof(*s->retry));
		if (!s->retry) {
			warning("cordboard: no memory to retry %s\n", s->uri);
			return;
		}
		tmr_init(s->retry);
	}
	tmr_start(s->retry, ms, h, s);
}

void subs_retry_cancel(struct sub *s)
{
	if (!s->retry)
		return;
	tmr_cancel(s->retry);
	free(s->retry);
	s->retry = NULL;
}

/* Tries again later, waiting twice as long each time up to a limit. */
static void sub_schedule(struct sub *s, unsigned after_s)
{
	if (s->owner->closing || s->leaving)
		return;
	if (after_s == 0) {
		s->backoff_s = s->backoff_s ? s->backoff_s * 2 : RETRY_MIN_S;
		if (s->backoff_s > RETRY_MAX_S)
			s->backoff_s = RETRY_MAX_S;
		after_s = s->backoff_s;
	}
	/* up to half again: failures that came together do not retry
	 * together (and a server's Retry-After is a minimum) */
	subs_retry_start(s, after_s * 1000ULL +
			 rand_u32() % (after_s * 500U + 1), sub_retry);
}

static void number_unknown(struct board *b, bool dialog, const char *number)
{
	if (dialog) {
		struct dialog_info d = { .state = EXT_LINE_UNKNOWN };
		board_on_line_state(b, number, &d);
	}
	else {
		struct presence_info p = { .presence = PRESENCE_UNKNOWN };
		board_on_presence(b, number, &p);
	}
}

/* What we know is stale now: the board shows it as unknown (all of
 * the extensions, for the list). */
static void sub_unknown(struct sub *s)
{
	struct board *b = s->owner->board;
	size_t i;

	if (!s->list) {
		number_unknown(b, s->dialog, s->number);
		return;
	}
	for (i = 0; i < b->nexts; i++)
		if (s->dialog ? b->exts[i].watch_dialog :
		    b->exts[i].watch_presence)
			number_unknown(b, s->dialog, b->exts[i].number);
}

static void sub_stale(struct sub *s)
{
	warning("cordboard: %s %s: no NOTIFY for %u s, subscribing again\n",
		s->dialog ? "dialog" : "presence", s->uri,
		s->owner->expires_s);
	s->sipsub = mem_deref(s->sipsub);
	s->last_notify = 0;
	s->notified = false;
	sub_unknown(s);
	sub_schedule(s, 0);
}

void subs_sweep(void *arg)
{
	struct sip_subs *o = arg;
	uint64_t now = tmr_jiffies();
	uint64_t life = (o->expires_s + STALE_GRACE_S) * 1000ULL;
	size_t i;

	for (i = 0; i < o->subc + 2; i++) {
		struct sub *s = sub_at(o, i);

		if (s->sipsub && s->last_notify && now - s->last_notify > life)
			sub_stale(s);
	}
	tmr_start(&o->sweep, SWEEP_MS, subs_sweep, o);
}

static void list_not_served(void *arg);

/* An unreadable list is said once on the log pane: the server repeats
 * it with every change, and the board keeps what it knew. */
static void list_garbled(struct sub *s)
{
	char text[300];

	if (s->ls->garbled_said)
		return;
	s->ls->garbled_said = true;
	snprintf(text, sizeof(text), "The presence server sent a %s list "
		 "the console cannot read: the board keeps what it knew",
		 s->dialog ? "line state" : "presence");
	board_log(s->owner->board, 1, text);
}

/* The body of a NOTIFY of the list, answered already. */
static void list_body(struct sub *s, const struct sip_msg *msg)
{
	const char *body = (const char *)mbuf_buf(msg->mb);
	size_t len = mbuf_get_left(msg->mb);
	char ctype[512] = "";
	const struct sip_hdr *h = sip_msg_hdr(msg, SIP_HDR_CONTENT_TYPE);

	if (h && h->val.l < sizeof(ctype))
		pl_strcpy(&h->val, ctype, sizeof(ctype));
	if (!rlmi_is_list(ctype)) {
		if (!s->ls->served)
			subs_retry_start(s, 0, list_not_served);
		else if (len)
			list_garbled(s);
		return;
	}
	s->ls->served = true;
	if (rlmi_apply(s->ls->book, ctype, body, len) < 0)
		list_garbled(s);
}

static void sub_heard(struct sub *s)
{
	s->backoff_s = 0;
	s->last_notify = tmr_jiffies();
	s->notified = true;
}

static void sub_notify(struct sip *sip, const struct sip_msg *msg, void *arg)
{
	struct sub *s = arg;
	const char *body = (const char *)mbuf_buf(msg->mb);
	size_t len = mbuf_get_left(msg->mb);

	(void)sip_reply(sip, msg, 200, "OK");
	sub_heard(s);
	/* the number may be someone else's now */
	if (s->leaving)
		return;
	if (s->list) {
		list_dialog_note(&s->ls->heard, msg);
		list_body(s, msg);
		return;
	}
	if (!len)
		return;
	if (s->dialog) {
		struct dialog_info d;

		if (!dialoginfo_parse(body, len, &d))
			board_on_line_state(s->owner->board, s->number, &d);
	}
	else {
		struct presence_info p;

		if (!pidf_parse(body, len, &p))
			board_on_presence(s->owner->board, s->number, &p);
	}
}

/* A NOTIFY of one of our lists whose CSeq is older than one libre took:
 * libre would refuse it and the server drop the list, so it is
 * answered here and its body read (its list version orders it). Every
 * other request goes on to libre. */
static bool late_list_notify(const struct sip_msg *msg, void *arg)
{
	struct sip_subs *o = arg;
	int k;

	if (o->closing)
		return false;
	for (k = 0; k < 2; k++) {
		struct sub *s = &o->listv[k];

		if (!o->by_list[k] || !s->sipsub ||
		    !list_dialog_late(&s->ls->heard, msg,
				      s->dialog ? "dialog" : "presence"))
			continue;
		(void)sip_reply(uag_sip(), msg, 200, "OK");
		sub_heard(s);
		list_body(s, msg);
		return true;
	}
	return false;
}


/* The server will not serve the list: watch each extension on its
 * own, and say why on the log. */
static void list_refused(struct sub *s, const char *why)
{
	struct sip_subs *o = s->owner;
	char text[400];

	o->by_list[s->dialog] = false;
	snprintf(text, sizeof(text), "The server %s the %s list %s: "
		 "watching each extension on its own", why,
		 s->dialog ? "line state" : "presence", s->uri);
	warning("cordboard: %s\n", text);
	board_log(o->board, 1, text);
	o->next_start = 0;
	tmr_start(&o->pace, 0, subs_pace, o);
}

/* A server without resource lists takes the list's URI for one person
 * (RFC 4662 section 4): its NOTIFY carries no list. Ended from a
 * timer, not inside libre's NOTIFY handler. */
static void list_not_served(void *arg)
{
	struct sub *s = arg;

	s->sipsub = mem_deref(s->sipsub);
	s->last_notify = 0;
	s->notified = false;
	list_refused(s, "does not serve");
}

static void sub_close(int err, const struct sip_msg *msg,
		      const struct sipevent_substate *substate, void *arg)
{
	struct sub *s = arg;
	unsigned after = 0;
	bool notified = s->notified;

	s->sipsub = mem_deref(s->sipsub);
	s->last_notify = 0;
	s->notified = false;
	if (s->owner->closing || s->leaving)
		return;
	/* a list that never worked is refused; one that did is retried */
	if (s->list && !notified && !err && msg && msg->scode >= 400 &&
	    msg->scode != 401 && msg->scode != 407 && msg->scode < 500) {
		char why[80];

		snprintf(why, sizeof(why), "refused (%u %.*s)", msg->scode,
			 (int)msg->reason.l, msg->reason.p);
		list_refused(s, why);
		return;
	}
	sub_unknown(s);
	if (!err && substate && pl_isset(&substate->retry_after))
		after = pl_u32(&substate->retry_after);
	/* a refusal's Retry-After (a busy server's 503) counts as much */
	else if (!err && msg && msg->scode >= 300)
		after = sip_retry_after(msg);
	sub_schedule(s, after);
}

/* A presence server with digest auth challenges the SUBSCRIBE (407):
 * answer with the account's auth_user and password, as its REGISTER
 * does. */
static int sub_auth(char **user, char **pass, const char *realm, void *arg)
{
	struct sip_subs *o = arg;

	return account_auth(ua_account(o->ua), user, pass, realm);
}

static const char *sub_headers(const struct sub *s)
{
	if (s->list)
		return s->dialog ?
			"Supported: eventlist\r\n"
			"Accept: application/dialog-info+xml, "
			"application/rlmi+xml, multipart/related\r\n" :
			"Supported: eventlist\r\n"
			"Accept: application/pidf+xml, application/rlmi+xml, "
			"multipart/related\r\n";
	/* one colleague's: the package's own body (RFC 3856, RFC 4235),
	 * which needs no Accept; libre would keep a copy of one in every
	 * subscription, some 150 bytes a colleague */
	return NULL;
}

void subs_sub_start(struct sub *s)
{
	struct sip_subs *o = s->owner;
	const char *routev[1];
	int err;

	if (o->closing || s->sipsub || (!s->list && o->by_list[s->dialog]))
		return;
	if (s->list) {
		/* a new dialog: its CSeqs and list versions start again */
		list_dialog_forget(&s->ls->heard);
		rlmi_book_restart(s->ls->book);
	}
	routev[0] = o->route;
	err = sipevent_subscribe(&s->sipsub, uag_sipevent_sock(), s->uri,
				 NULL, ua_aor(o->ua),
				 s->dialog ? "dialog" : "presence", NULL,
				 o->expires_s, ua_cuser(o->ua),
				 o->route[0] ? routev : NULL,
				 o->route[0] ? 1 : 0, sub_auth, o, false, NULL,
				 sub_notify, sub_close, s,
				 sub_headers(s) ? "%s" : NULL, sub_headers(s));
	if (err) {
		warning("cordboard: subscribe %s %s: %m\n",
			s->dialog ? "dialog" : "presence", s->uri, err);
		sub_schedule(s, 0);
	}
}

/* SUBSCRIBEs the pace sent that no final answer has reached yet (an
 * answer to a refresh or a retransmission counts as well: never too
 * many). */
static uint64_t subs_in_flight(const struct sip_subs *o)
{
	uint64_t answered = sip_subscribe_answers() - o->answers_before;

	return o->paced > answered ? o->paced - answered : 0;
}

/* Starts the next batch of first subscriptions, unless the answers fall
 * behind: past some 16,000 extensions libre's timer list (one refresh
 * timer a subscription, each new timer placed by a walk over them) makes
 * each SUBSCRIBE dearer, and a fixed pace then drowns the console in
 * retransmissions. The answers are the 200 OKs the console has read (a
 * server need not NOTIFY at once). */
void subs_pace(void *arg)
{
	struct sip_subs *o = arg;
	size_t n;

	if (!o->pacing) {
		o->pacing = true;
		o->paced = 0;
		o->answers_before = sip_subscribe_answers();
	}
	if (subs_in_flight(o) >= PACE_IN_FLIGHT &&
	    o->pace_held++ < PACE_HOLD_TURNS) {
		tmr_start(&o->pace, PACE_MS, subs_pace, o);
		return;
	}
	o->pace_held = 0;
	for (n = 0; n < PACE_BATCH && o->next_start < o->subc; n++) {
		struct sub *s = o->subv[o->next_start++];
		bool was = s->sipsub != NULL;

		subs_sub_start(s);
		o->paced += !was && s->sipsub;
	}
	if (o->next_start < o->subc)
		tmr_start(&o->pace, PACE_MS, subs_pace, o);
	else
		o->pacing = false;
}

static void lists_start(struct sip_subs *o)
{
	int k;

	for (k = 0; k < 2; k++)
		if (o->by_list[k])
			subs_sub_start(&o->listv[k]);
}

void sip_subs_renew(struct sip_subs *o)
{
	size_t i;

	if (!o || o->closing)
		return;
	for (i = 0; i < o->subc + 2; i++) {
		struct sub *s = sub_at(o, i);

		subs_retry_cancel(s);
		s->sipsub = mem_deref(s->sipsub);
		s->last_notify = 0;
		s->notified = false;
		s->backoff_s = 0;
	}
	o->next_start = 0;
	lists_start(o);
	tmr_start(&o->pace, 0, subs_pace, o);
}

/* A subscription to E's presence (or dialog), not started yet. */
struct sub *subs_sub_new(struct sip_subs *o, const struct extension *e,
			   bool dialog)
{
	size_t nlen = strlen(e->number) + 1, ulen = strlen(e->uri) + 1;
	/* the strings after the struct: one allocation a subscription */
	struct sub *s = calloc(1, sizeof(*s) + nlen + ulen);
	char *at;

	if (!s)
		return NULL;
	at = (char *)(s + 1);
	s->owner = o;
	s->dialog = dialog;
	s->number = memcpy(at, e->number, nlen);
	s->uri = memcpy(at + nlen, e->uri, ulen);
	return s;
}

/* Ends S (a live one with Expires: 0, by libre) and frees it; libre
 * calls none of our handlers for it after that. */
void subs_sub_free(struct sub *s)
{
	if (!s)
		return;
	subs_retry_cancel(s);
	s->sipsub = mem_deref(s->sipsub);
	free(s);
}

bool subs_ext_watches(const struct extension *e, int k)
{
	return k ? e->watch_dialog : e->watch_presence;
}

int sip_subs_alloc(struct sip_subs **sp, struct board *b,
		   struct sip_phone *phone, const char *presence_server,
		   const char *list_uri, unsigned expires_s)
{
	struct sip_subs *o;
	size_t i, n = 0;
	int k;

	o = calloc(1, sizeof(*o));
	if (!o)
		return ENOMEM;
	o->board = b;
	o->ua = sip_phone_ua(phone);
	o->expires_s = expires_s;
	tmr_init(&o->pace);
	tmr_init(&o->sweep);
	tmr_init(&o->leave_pace);
	if (presence_server && *presence_server)
		str_ncpy(o->route, presence_server, sizeof(o->route));
	for (i = 0; i < b->nexts; i++) {
		n += b->exts[i].watch_presence + b->exts[i].watch_dialog;
		o->watch[0] |= b->exts[i].watch_presence;
		o->watch[1] |= b->exts[i].watch_dialog;
	}
	o->subv = calloc(n ? n : 1, sizeof(*o->subv));
	if (!o->subv) {
		free(o);
		return ENOMEM;
	}
	for (i = 0; i < b->nexts; i++) {
		for (k = 0; k < 2; k++) {
			if (!subs_ext_watches(&b->exts[i], k))
				continue;
			o->subv[o->subc] = subs_sub_new(o, &b->exts[i], k == 1);
			if (!o->subv[o->subc]) {
				sip_subs_free(o);
				return ENOMEM;
			}
			o->subc++;
		}
	}
	if (list_uri)
		str_ncpy(o->list_uri, list_uri, sizeof(o->list_uri));
	for (k = 0; k < 2; k++) {
		struct sub *s = &o->listv[k];

		s->owner = o;
		s->list = true;
		s->dialog = k == 1;
		s->ls = &o->listst[k];
		s->number = "";
		s->uri = o->list_uri;
		o->by_list[k] = list_uri && *list_uri && o->watch[k];
		if (o->by_list[k] && rlmi_book_alloc(&s->ls->book, b, k == 1)) {
			sip_subs_free(o);
			return ENOMEM;
		}
	}
	if ((o->by_list[0] || o->by_list[1]) &&
	    sip_listen_first(&o->late, uag_sip(), late_list_notify, o))
		warning("cordboard: cannot listen for late list NOTIFYs\n");
	lists_start(o);
	subs_pace(o);
	if (o->subc)
		tmr_start(&o->sweep, SWEEP_MS, subs_sweep, o);
	*sp = o;
	return 0;
}

void sip_subs_free(struct sip_subs *o)
{
	size_t i;

	if (!o)
		return;
	o->closing = true;
	tmr_cancel(&o->pace);
	tmr_cancel(&o->sweep);
	tmr_cancel(&o->leave_pace);
	for (i = 0; i < o->subc; i++)
		subs_sub_free(o->subv[i]);
	for (i = 0; i < o->nleave; i++)
		subs_sub_free(o->leavev[i]);
	for (i = 0; i < 2; i++) {
		subs_retry_cancel(&o->listv[i]);
		o->listv[i].sipsub = mem_deref(o->listv[i].sipsub);
		rlmi_book_free(o->listst[i].book);
	}
	o->late = mem_deref(o->late);
	free(o->leavev);
	free(o->subv);
	free(o);
}
