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
 * then shows the extension as unknown and we subscribe afresh.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "baresip_abi.h"
#include "core/events_xml.h"
#include "phone_int.h"
#include "sip.h"

#define RETRY_MIN_S 2
#define RETRY_MAX_S 300

struct sub {
	struct sip_subs *owner;
	struct sipsub *sipsub;
	struct tmr retry;
	struct tmr stale;        /* no NOTIFY for a lifetime: peer gone */
	unsigned backoff_s;
	bool dialog;             /* Event: dialog, else presence */
	char number[32];
	char uri[256];
};

struct sip_subs {
	struct board *board;
	struct ua *ua;
	struct sub *subv;
	size_t subc;
	char route[256];         /* presence server, or "" */
	unsigned expires_s;
	bool closing;
};

static void sub_start(struct sub *s);

static void sub_retry(void *arg)
{
	sub_start(arg);
}

/* Tries again later, waiting twice as long each time up to a limit. */
static void sub_schedule(struct sub *s, unsigned after_s)
{
	if (s->owner->closing)
		return;
	if (after_s == 0) {
		s->backoff_s = s->backoff_s ? s->backoff_s * 2 : RETRY_MIN_S;
		if (s->backoff_s > RETRY_MAX_S)
			s->backoff_s = RETRY_MAX_S;
		after_s = s->backoff_s;
	}
	tmr_start(&s->retry, after_s * 1000ULL, sub_retry, s);
}

/* What we know is stale now: the board shows it as unknown. */
static void sub_unknown(struct sub *s)
{
	if (s->dialog) {
		struct dialog_info d = { .state = EXT_LINE_UNKNOWN };
		board_on_line_state(s->owner->board, s->number, &d);
	}
	else {
		struct presence_info p = { .presence = PRESENCE_UNKNOWN };
		board_on_presence(s->owner->board, s->number, &p);
	}
}

static void sub_stale(void *arg)
{
	struct sub *s = arg;

	warning("cordboard: %s %s: no NOTIFY for %u s, subscribing again\n",
		s->dialog ? "dialog" : "presence", s->uri,
		s->owner->expires_s);
	s->sipsub = mem_deref(s->sipsub);
	sub_unknown(s);
	sub_schedule(s, 0);
}

static void sub_notify(struct sip *sip, const struct sip_msg *msg, void *arg)
{
	struct sub *s = arg;
	const char *body = (const char *)mbuf_buf(msg->mb);
	size_t len = mbuf_get_left(msg->mb);

	(void)sip_reply(sip, msg, 200, "OK");
	s->backoff_s = 0;
	/* a little more than a lifetime: the refresh comes at 90 % */
	tmr_start(&s->stale, (s->owner->expires_s + 2) * 1000ULL, sub_stale,
		  s);
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

static void sub_close(int err, const struct sip_msg *msg,
		      const struct sipevent_substate *substate, void *arg)
{
	struct sub *s = arg;
	unsigned after = 0;

	s->sipsub = mem_deref(s->sipsub);
	tmr_cancel(&s->stale);
	if (s->owner->closing)
		return;
	sub_unknown(s);
	if (!err && substate && pl_isset(&substate->retry_after))
		after = pl_u32(&substate->retry_after);
	(void)msg;
	sub_schedule(s, after);
}

static void sub_start(struct sub *s)
{
	struct sip_subs *o = s->owner;
	const char *routev[1];
	int err;

	if (o->closing || s->sipsub)
		return;
	routev[0] = o->route;
	err = sipevent_subscribe(&s->sipsub, uag_sipevent_sock(), s->uri,
				 NULL, ua_aor(o->ua),
				 s->dialog ? "dialog" : "presence", NULL,
				 o->expires_s, ua_cuser(o->ua),
				 o->route[0] ? routev : NULL,
				 o->route[0] ? 1 : 0, NULL, NULL, false, NULL,
				 sub_notify, sub_close, s,
				 s->dialog ?
				 "Accept: application/dialog-info+xml\r\n" :
				 "Accept: application/pidf+xml\r\n");
	if (err) {
		warning("cordboard: subscribe %s %s: %m\n",
			s->dialog ? "dialog" : "presence", s->uri, err);
		sub_schedule(s, 0);
	}
}

int sip_subs_alloc(struct sip_subs **sp, struct board *b,
		   struct sip_phone *phone, const char *presence_server,
		   unsigned expires_s)
{
	struct sip_subs *o;
	size_t i, n = 0;

	o = calloc(1, sizeof(*o));
	if (!o)
		return ENOMEM;
	o->board = b;
	o->ua = sip_phone_ua(phone);
	o->expires_s = expires_s;
	if (presence_server && *presence_server)
		str_ncpy(o->route, presence_server, sizeof(o->route));
	for (i = 0; i < b->nexts; i++)
		n += b->exts[i].watch_presence + b->exts[i].watch_dialog;
	o->subv = calloc(n ? n : 1, sizeof(*o->subv));
	if (!o->subv) {
		free(o);
		return ENOMEM;
	}
	for (i = 0; i < b->nexts; i++) {
		int k;

		for (k = 0; k < 2; k++) {
			struct sub *s;

			if (!(k ? b->exts[i].watch_dialog :
			      b->exts[i].watch_presence))
				continue;
			s = &o->subv[o->subc++];
			s->owner = o;
			s->dialog = k == 1;
			tmr_init(&s->retry);
			tmr_init(&s->stale);
			str_ncpy(s->number, b->exts[i].number,
				 sizeof(s->number));
			str_ncpy(s->uri, b->exts[i].uri, sizeof(s->uri));
		}
	}
	for (i = 0; i < o->subc; i++)
		sub_start(&o->subv[i]);
	*sp = o;
	return 0;
}

void sip_subs_free(struct sip_subs *o)
{
	size_t i;

	if (!o)
		return;
	o->closing = true;
	for (i = 0; i < o->subc; i++) {
		tmr_cancel(&o->subv[i].retry);
		tmr_cancel(&o->subv[i].stale);
		o->subv[i].sipsub = mem_deref(o->subv[i].sipsub);
	}
	free(o->subv);
	free(o);
}
